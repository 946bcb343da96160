/* order_proto.c: format, parse and send call-order protocol lines. */
#include "order_proto.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

static int in_set(char c, const char *extra)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr(extra, c));
}

int order_valid_id(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > ORDER_ID_MAX)
		return 0;
	for (; *s; s++)
		if (!in_set(*s, "-_"))
			return 0;
	return 1;
}

int order_valid_number(const char *s)
{
	size_t digits = 0;
	if (*s == '+')
		s++;
	for (; *s; s++, digits++)
		if (*s < '0' || *s > '9')
			return 0;
	return digits >= 3 && digits <= 20; /* E.164 has 15; room for prefixes */
}

/* sip:user@host[:port] with a plain alphabet: no parameters, headers,
 * escapes or quoting, so the URI can be placed in a request as it is. */
int order_valid_sip_uri(const char *s)
{
	if (strlen(s) > ORDER_DEST_MAX || strncmp(s, "sip:", 4))
		return 0;
	s += 4;
	const char *at = strchr(s, '@');
	if (!at || at == s || at - s > 64)
		return 0;
	for (const char *p = s; p < at; p++)
		if (!in_set(*p, "._-+"))
			return 0;
	const char *host = at + 1, *colon = strchr(host, ':');
	const char *hend = colon ? colon : host + strlen(host);
	if (hend == host || hend - host > 253 || *host == '.' || *host == '-')
		return 0;
	for (const char *p = host; p < hend; p++)
		if (!in_set(*p, ".-"))
			return 0;
	if (colon) {
		char *end;
		errno = 0;
		long port = strtol(colon + 1, &end, 10);
		if (!colon[1] || *end || errno || port < 1 || port > 65535 || colon[1] == '+' ||
		    colon[1] == '-')
			return 0;
	}
	return 1;
}

static int fail(char *code, size_t codelen, char *why, size_t whylen, const char *c,
		const char *fmt, const char *arg)
{
	snprintf(code, codelen, "%s", c);
	snprintf(why, whylen, fmt, arg);
	return -1;
}

static int copy_value(char *dst, size_t dstlen, const char *v)
{
	if (strlen(v) >= dstlen)
		return -1;
	strcpy(dst, v);
	return 0;
}

/* Applies one key=value of an ORDER line; -1 when the value is invalid. */
static int set_order_field(struct order_req *o, const char *key, const char *v, unsigned *seen)
{
	static const char *const keys[] = {"id", "owner", "owner_alt", "dest",
					   "mode", "max", "lang", "record"};
	unsigned bit = 0;
	for (unsigned i = 0; i < sizeof keys / sizeof keys[0]; i++)
		if (!strcmp(key, keys[i]))
			bit = 1u << i;
	if (!bit || (*seen & bit))
		return -1;
	*seen |= bit;
	if (!strcmp(key, "id"))
		return order_valid_id(v) ? copy_value(o->id, sizeof o->id, v) : -1;
	if (!strcmp(key, "owner"))
		return order_valid_number(v) ? copy_value(o->owner, sizeof o->owner, v) : -1;
	if (!strcmp(key, "owner_alt"))
		return order_valid_number(v) ? copy_value(o->owner_alt, sizeof o->owner_alt, v) : -1;
	if (!strcmp(key, "dest"))
		return (order_valid_number(v) || order_valid_sip_uri(v)) ?
			       copy_value(o->dest, sizeof o->dest, v) : -1;
	if (!strcmp(key, "mode")) {
		if (!strcmp(v, "phone"))
			o->mode = ORDER_MODE_PHONE;
		else if (!strcmp(v, "pc"))
			o->mode = ORDER_MODE_PC;
		else
			return -1;
		return 0;
	}
	if (!strcmp(key, "max")) {
		char *end;
		if (*v < '1' || *v > '9' || strlen(v) > 6)
			return -1;
		unsigned long n = strtoul(v, &end, 10);
		if (*end || n > ORDER_MAX_SECONDS)
			return -1;
		o->max_seconds = (unsigned)n;
		return 0;
	}
	if (!strcmp(key, "lang"))
		return (!strcmp(v, "ko") || !strcmp(v, "en")) ? copy_value(o->lang, sizeof o->lang, v) : -1;
	/* record */
	if (strcmp(v, "0") && strcmp(v, "1"))
		return -1;
	o->record = v[0] == '1';
	return 0;
}

int order_parse_request(const char *line, struct order_cmd *cmd, char *code, size_t codelen,
			char *why, size_t whylen)
{
	char buf[ORDER_LINE_MAX + 1];
	size_t n = strlen(line);
	if (n && line[n - 1] == '\n')
		n--;
	if (n && line[n - 1] == '\r')
		n--;
	if (n >= ORDER_LINE_MAX)
		return fail(code, codelen, why, whylen, "too_long", "line longer than %s bytes", "511");
	memcpy(buf, line, n);
	buf[n] = '\0';
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)buf[i] < 0x20 || (unsigned char)buf[i] > 0x7e)
			return fail(code, codelen, why, whylen, "bad_char",
				    "control or non-ASCII character in line%s", "");

	memset(cmd, 0, sizeof *cmd);
	strcpy(cmd->order.lang, "ko");
	char *save = NULL;
	char *word = strtok_r(buf, " ", &save);
	if (!word || strcmp(word, ORDER_PROTO_VERSION))
		return fail(code, codelen, why, whylen, "bad_version", "line must start with %s",
			    ORDER_PROTO_VERSION);
	char *verb = strtok_r(NULL, " ", &save);
	if (!verb)
		return fail(code, codelen, why, whylen, "bad_verb", "missing verb%s", "");
	if (!strcmp(verb, "ORDER"))
		cmd->verb = ORDER_PLACE;
	else if (!strcmp(verb, "CANCEL"))
		cmd->verb = ORDER_CANCEL;
	else if (!strcmp(verb, "STATE"))
		cmd->verb = ORDER_STATE;
	else if (!strcmp(verb, "GATEWAYS"))
		cmd->verb = ORDER_GATEWAYS;
	else
		return fail(code, codelen, why, whylen, "bad_verb", "unknown verb %.20s", verb);

	unsigned seen = 0;
	while ((word = strtok_r(NULL, " ", &save))) {
		char *eq = strchr(word, '=');
		if (!eq)
			return fail(code, codelen, why, whylen, "bad_field", "field %.32s has no value",
				    word);
		*eq = '\0';
		int bad;
		if (cmd->verb == ORDER_PLACE)
			bad = set_order_field(&cmd->order, word, eq + 1, &seen);
		else if (cmd->verb != ORDER_GATEWAYS && !strcmp(word, "id") && !(seen & 1))
			bad = (seen |= 1, order_valid_id(eq + 1) ?
					  copy_value(cmd->order.id, sizeof cmd->order.id, eq + 1) : -1);
		else
			bad = -1;
		if (bad)
			return fail(code, codelen, why, whylen, "bad_field",
				    "field %.32s is unknown, repeated or invalid", word);
	}
	if (cmd->verb == ORDER_PLACE) {
		/* id, owner, dest, max are required */
		if ((seen & 0x0b) != 0x0b || !(seen & 0x20))
			return fail(code, codelen, why, whylen, "missing_field",
				    "ORDER needs id, owner, dest and max%s", "");
		int uri = !strncmp(cmd->order.dest, "sip:", 4);
		if (uri != (cmd->order.mode == ORDER_MODE_PC))
			return fail(code, codelen, why, whylen, "bad_field",
				    "dest must be a number for mode=phone, a sip: URI for mode=pc%s",
				    "");
	} else if (cmd->verb != ORDER_GATEWAYS && !(seen & 1)) {
		return fail(code, codelen, why, whylen, "missing_field", "%s needs id", verb);
	}
	return 0;
}

int order_format_request(const struct order_cmd *cmd, char *buf, size_t len)
{
	const struct order_req *o = &cmd->order;
	int n;
	switch (cmd->verb) {
	case ORDER_PLACE:
		if (!order_valid_id(o->id) || !order_valid_number(o->owner) ||
		    (o->owner_alt[0] && !order_valid_number(o->owner_alt)) ||
		    !(o->mode == ORDER_MODE_PC ? order_valid_sip_uri(o->dest) :
						 order_valid_number(o->dest)) ||
		    o->max_seconds < 1 || o->max_seconds > ORDER_MAX_SECONDS ||
		    (strcmp(o->lang, "ko") && strcmp(o->lang, "en")))
			return -1;
		n = snprintf(buf, len, "%s ORDER id=%s owner=%s%s%s dest=%s mode=%s max=%u lang=%s record=%d\n",
			     ORDER_PROTO_VERSION, o->id, o->owner, o->owner_alt[0] ? " owner_alt=" : "",
			     o->owner_alt, o->dest, o->mode == ORDER_MODE_PC ? "pc" : "phone",
			     o->max_seconds, o->lang, o->record ? 1 : 0);
		break;
	case ORDER_CANCEL:
	case ORDER_STATE:
		if (!order_valid_id(o->id))
			return -1;
		n = snprintf(buf, len, "%s %s id=%s\n", ORDER_PROTO_VERSION,
			     cmd->verb == ORDER_CANCEL ? "CANCEL" : "STATE", o->id);
		break;
	default:
		n = snprintf(buf, len, "%s GATEWAYS\n", ORDER_PROTO_VERSION);
	}
	return (n < 0 || (size_t)n >= len || n >= ORDER_LINE_MAX) ? -1 : n;
}

int order_reply_ok(const char *reply)
{
	return !strncmp(reply, ORDER_PROTO_VERSION " OK", 6) && (reply[6] == ' ' || !reply[6]);
}

int order_reply_get(const char *reply, const char *key, char *out, size_t outlen)
{
	size_t klen = strlen(key);
	for (const char *p = reply; (p = strstr(p, key)); p += klen) {
		if ((p == reply || p[-1] == ' ') && p[klen] == '=') {
			const char *v = p + klen + 1;
			size_t vlen = strcspn(v, " \n");
			if (vlen >= outlen)
				return -1;
			memcpy(out, v, vlen);
			out[vlen] = '\0';
			return 0;
		}
	}
	return -1;
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Waits for fd to be ready for events until deadline; 0 when ready. */
static int wait_fd(int fd, short events, long long deadline)
{
	for (;;) {
		long long left = deadline - now_ms();
		if (left <= 0)
			return -1;
		struct pollfd p = {.fd = fd, .events = events};
		int r = poll(&p, 1, (int)left);
		if (r > 0)
			return 0;
		if (r < 0 && errno != EINTR)
			return -1;
	}
}

static int local_error(char *reply, size_t replylen, const char *what)
{
	snprintf(reply, replylen, "%s ERR unavailable %s", ORDER_PROTO_VERSION, what);
	return -1;
}

int order_client_request(const char *path, const char *line, char *reply, size_t replylen,
			 int timeout_ms)
{
	long long deadline = now_ms() + timeout_ms;
	struct sockaddr_un sa = {.sun_family = AF_UNIX};
	if (strlen(path) >= sizeof sa.sun_path)
		return local_error(reply, replylen, "socket path too long");
	strcpy(sa.sun_path, path);
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return local_error(reply, replylen, "no socket");
	if (connect(fd, (struct sockaddr *)&sa, sizeof sa) < 0 &&
	    (errno != EINPROGRESS || wait_fd(fd, POLLOUT, deadline))) {
		close(fd);
		return local_error(reply, replylen, "dialer not reachable");
	}
	size_t len = strlen(line), off = 0;
	while (off < len) {
		if (wait_fd(fd, POLLOUT, deadline)) {
			close(fd);
			return local_error(reply, replylen, "timeout sending");
		}
		ssize_t w = send(fd, line + off, len - off, MSG_NOSIGNAL);
		if (w < 0 && errno != EAGAIN && errno != EINTR) {
			close(fd);
			return local_error(reply, replylen, "send failed");
		}
		if (w > 0)
			off += (size_t)w;
	}
	char buf[ORDER_LINE_MAX * 4];
	size_t got = 0;
	for (;;) {
		char *nl = memchr(buf, '\n', got);
		if (nl) {
			*nl = '\0';
			snprintf(reply, replylen, "%s", buf);
			close(fd);
			return 0;
		}
		if (got == sizeof buf || wait_fd(fd, POLLIN, deadline)) {
			close(fd);
			return local_error(reply, replylen, "no reply");
		}
		ssize_t r = recv(fd, buf + got, sizeof buf - got, 0);
		if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
			close(fd);
			return local_error(reply, replylen, "connection closed");
		}
		if (r > 0)
			got += (size_t)r;
	}
}

int order_client_send(const char *path, const struct order_cmd *cmd, char *reply,
		      size_t replylen, int timeout_ms)
{
	char line[ORDER_LINE_MAX + 1];
	if (order_format_request(cmd, line, sizeof line) < 0) {
		snprintf(reply, replylen, "%s ERR bad_field invalid order", ORDER_PROTO_VERSION);
		return -1;
	}
	return order_client_request(path, line, reply, replylen, timeout_ms);
}
