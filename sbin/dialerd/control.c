/* control.c: accept order-protocol connections, one reply per line.
 *
 * A peer must run as the dialer's own uid, root, or a uid listed in
 * Dialer.AllowUids (SO_PEERCRED). A line is handled only once it is
 * whole; an overlong line, bad characters or an unknown field get an
 * error reply and nothing is dialed. */
#include "control.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "dialer.h"
#include "log.h"
#include "order.h"
#include "order_proto.h"
#include "store.h"

#define CONN_MAX 64

struct conn {
	int fd;
	su_wait_t wait;
	char buf[ORDER_LINE_MAX];
	size_t len;
	int forbidden; /* the peer's uid is not allowed: every line is refused */
};

static struct {
	int fd;
	su_wait_t wait;
	struct conn *conns[CONN_MAX];
} ctl = {.fd = -1};

static void conn_close(struct dialer *d, struct conn *c);

static int on_conn(struct dialer *d, su_wait_t *w, void *arg);

static void reply(struct conn *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void reply(struct conn *c, const char *fmt, ...)
{
	char line[ORDER_LINE_MAX * 4];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(line, sizeof line - 1, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n > sizeof line - 2)
		n = (int)sizeof line - 2;
	line[n++] = '\n';
	/* Replies are short: a full socket buffer means a stuck peer. */
	if (send(c->fd, line, (size_t)n, MSG_NOSIGNAL | MSG_DONTWAIT) != n)
		log_warn("control: reply not sent whole");
}

static void handle_line(struct dialer *d, struct conn *c, const char *line)
{
	struct order_cmd cmd;
	char code[32], why[160];
	if (order_parse_request(line, &cmd, code, sizeof code, why, sizeof why) < 0) {
		log_warn("control: rejected request: %s: %s", code, why);
		reply(c, "%s ERR %s %s", ORDER_PROTO_VERSION, code, why);
		return;
	}
	const char *id = cmd.order.id;
	switch (cmd.verb) {
	case ORDER_PLACE: {
		const char *err = NULL;
		struct order *o = order_place(d, &cmd.order, &err);
		if (!o) {
			reply(c, "%s ERR %s order %s not taken", ORDER_PROTO_VERSION, err, id);
			return;
		}
		reply(c, "%s OK id=%s state=queued", ORDER_PROTO_VERSION, id);
		order_start(o);
		return;
	}
	case ORDER_CANCEL:
	case ORDER_STATE: {
		struct order *o = order_find(d, id);
		if (o && cmd.verb == ORDER_CANCEL)
			order_cancel(o);
		char state[32], cause[48];
		unsigned seq;
		int rc;
		if (o && !o->ended) {
			snprintf(state, sizeof state, "%s", o->state ? o->state : "queued");
			snprintf(cause, sizeof cause, "%s", o->cause ? o->cause : "");
			seq = o->seq;
			rc = 0;
		} else {
			rc = store_order_state(id, state, sizeof state, cause, sizeof cause, &seq);
		}
		if (rc == 1)
			reply(c, "%s ERR unknown_order no order %s", ORDER_PROTO_VERSION, id);
		else if (rc < 0)
			reply(c, "%s ERR store_failed cannot read order %s", ORDER_PROTO_VERSION, id);
		else if (cmd.verb == ORDER_CANCEL && !o)
			reply(c, "%s ERR not_active order %s is %s", ORDER_PROTO_VERSION, id, state);
		else
			reply(c, "%s OK id=%s state=%s cause=%s seq=%u", ORDER_PROTO_VERSION, id, state,
			      cause[0] ? cause : "-", seq);
		return;
	}
	case ORDER_GATEWAYS: {
		char list[ORDER_LINE_MAX * 3];
		gk_describe(&d->gk, list, sizeof list);
		reply(c, "%s OK count=%d %s", ORDER_PROTO_VERSION, d->gk.n, list);
		return;
	}
	}
}

/* Handles each whole line in the buffer; 0, or -1 to close. */
static int drain_lines(struct dialer *d, struct conn *c)
{
	for (;;) {
		char *nl = memchr(c->buf, '\n', c->len);
		if (!nl) {
			if (c->len == sizeof c->buf) {
				reply(c, "%s ERR too_long line longer than %d bytes", ORDER_PROTO_VERSION,
				      ORDER_LINE_MAX - 1);
				log_warn("control: overlong line, closing");
				return -1;
			}
			return 0;
		}
		*nl = '\0';
		if (c->forbidden) {
			/* Replying to the line (not at accept) lets the peer read it. */
			reply(c, "%s ERR forbidden peer uid not allowed", ORDER_PROTO_VERSION);
			return -1;
		}
		if (memchr(c->buf, '\0', (size_t)(nl - c->buf))) {
			reply(c, "%s ERR bad_char NUL byte in line", ORDER_PROTO_VERSION);
		} else {
			handle_line(d, c, c->buf);
		}
		size_t used = (size_t)(nl - c->buf) + 1;
		memmove(c->buf, c->buf + used, c->len - used);
		c->len -= used;
	}
}

static int on_conn(struct dialer *d, su_wait_t *w, void *arg)
{
	struct conn *c = arg;
	(void)w;
	ssize_t r = recv(c->fd, c->buf + c->len, sizeof c->buf - c->len, MSG_DONTWAIT);
	if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
		conn_close(d, c);
		return 0;
	}
	if (r > 0) {
		c->len += (size_t)r;
		if (drain_lines(d, c) < 0)
			conn_close(d, c);
	}
	return 0;
}

static int peer_allowed(struct dialer *d, int fd, unsigned *uid)
{
	struct ucred cred;
	socklen_t len = sizeof cred;
	if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) < 0)
		return 0;
	*uid = cred.uid;
	if (cred.uid == 0 || cred.uid == getuid())
		return 1;
	for (int i = 0; i < d->set.nallow_uids; i++)
		if (cred.uid == d->set.allow_uids[i])
			return 1;
	return 0;
}

static int on_accept(struct dialer *d, su_wait_t *w, void *arg)
{
	(void)w;
	(void)arg;
	int fd = accept4(ctl.fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd < 0)
		return 0;
	unsigned uid = 0;
	int slot = -1;
	for (int i = 0; i < CONN_MAX && slot < 0; i++)
		if (!ctl.conns[i])
			slot = i;
	const char *refuse = NULL;
	int allowed = peer_allowed(d, fd, &uid);
	if (!allowed)
		log_warn("control: connection from uid %u: forbidden", uid);
	if (slot < 0)
		refuse = "busy too many connections";
	struct conn *c = refuse ? NULL : calloc(1, sizeof *c);
	if (c) {
		c->fd = fd;
		c->forbidden = !allowed;
		if (su_wait_create(&c->wait, fd, SU_WAIT_IN) == 0 &&
		    su_root_register(d->root, &c->wait, on_conn, c, 0) >= 0) {
			ctl.conns[slot] = c;
			return 0;
		}
		su_wait_destroy(&c->wait);
		free(c);
		refuse = "busy cannot watch connection";
	}
	if (!refuse)
		refuse = "busy out of memory";
	char line[128];
	int n = snprintf(line, sizeof line, "%s ERR %s\n", ORDER_PROTO_VERSION, refuse);
	if (send(fd, line, (size_t)n, MSG_NOSIGNAL | MSG_DONTWAIT) < 0)
		log_warn("control: refusal not sent");
	log_warn("control: refused connection from uid %u: %s", uid, refuse);
	close(fd);
	return 0;
}

static void conn_close(struct dialer *d, struct conn *c)
{
	su_root_unregister(d->root, &c->wait, on_conn, c);
	su_wait_destroy(&c->wait);
	close(c->fd);
	for (int i = 0; i < CONN_MAX; i++)
		if (ctl.conns[i] == c)
			ctl.conns[i] = NULL;
	free(c);
}

int control_open(struct dialer *d)
{
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	const char *path = d->set.socket_path;
	if (strlen(path) >= sizeof sa.sun_path) {
		log_error("Dialer.Socket = %s: path too long", path);
		return -1;
	}
	strcpy(sa.sun_path, path);
	ctl.fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (ctl.fd < 0)
		return -1;
	unlink(path);
	mode_t old = umask(0117); /* the socket is born 0660 */
	int rc = bind(ctl.fd, (struct sockaddr *)&sa, sizeof sa);
	umask(old);
	if (rc < 0 || chmod(path, 0660) < 0 || listen(ctl.fd, 64) < 0) {
		log_error("control socket %s: %s", path, strerror(errno));
		close(ctl.fd);
		ctl.fd = -1;
		return -1;
	}
	if (su_wait_create(&ctl.wait, ctl.fd, SU_WAIT_ACCEPT) < 0 ||
	    su_root_register(d->root, &ctl.wait, on_accept, NULL, 0) < 0) {
		close(ctl.fd);
		ctl.fd = -1;
		return -1;
	}
	return 0;
}

void control_close(struct dialer *d)
{
	if (ctl.fd < 0)
		return;
	su_root_unregister(d->root, &ctl.wait, on_accept, NULL);
	su_wait_destroy(&ctl.wait);
	close(ctl.fd);
	ctl.fd = -1;
	unlink(d->set.socket_path);
	for (int i = 0; i < CONN_MAX; i++)
		if (ctl.conns[i])
			conn_close(d, ctl.conns[i]);
}
