/* recover.c: BYE the answered legs of orders a crashed dialer held.
 *
 * The dialogs died with the old process, so the BYE is built from the
 * stored Call-ID, tags and remote target and sent once over UDP from a
 * fresh socket; the far end matches it by Call-ID and tags. */
#include "recover.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

#include "dialer.h"
#include "log.h"
#include "store.h"

/* host and port of a "sip:user@host:port;params" target (IPv4 only). */
static int target_addr(const char *uri, struct sockaddr_in *sa)
{
	char host[64];
	const char *p = strncmp(uri, "sip:", 4) ? uri : uri + 4;
	const char *at = strchr(p, '@');
	if (at)
		p = at + 1;
	size_t n = strcspn(p, ":;>");
	if (n == 0 || n >= sizeof host)
		return -1;
	memcpy(host, p, n);
	host[n] = '\0';
	int port = p[n] == ':' ? atoi(p + n + 1) : 5060;
	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)port);
	return port > 0 && port < 65536 && inet_pton(AF_INET, host, &sa->sin_addr) == 1 ? 0 : -1;
}

static void send_bye(struct dialer *d, const char *id, const struct rec *r, char role)
{
	char k[16];
#define FIELD(name) (snprintf(k, sizeof k, "%c_%s", role, name), rec_get(r, k))
	const char *call_id = FIELD("call_id"), *from = FIELD("from"), *to = FIELD("to");
	const char *contact = FIELD("contact");
	long long cseq = (snprintf(k, sizeof k, "%c_cseq", role), rec_get_int(r, k, 1));
#undef FIELD
	if (!call_id || !from || !to || !contact || !*contact)
		return;
	struct sockaddr_in sa;
	if (target_addr(contact, &sa) < 0) {
		log_warn("order %s: leg %c: cannot BYE %s", id, role, contact);
		return;
	}
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return;
	struct sockaddr_in me = {.sin_family = AF_INET};
	inet_pton(AF_INET, d->set.sip_addr, &me.sin_addr);
	socklen_t mlen = sizeof me;
	if (bind(fd, (struct sockaddr *)&me, sizeof me) < 0 ||
	    getsockname(fd, (struct sockaddr *)&me, &mlen) < 0) {
		close(fd);
		return;
	}
	unsigned rnd = 0;
	if (getrandom(&rnd, sizeof rnd, 0) != sizeof rnd)
		rnd = (unsigned)getpid();
	char msg[2048];
	int n = snprintf(msg, sizeof msg,
			 "BYE %s SIP/2.0\r\n"
			 "Via: SIP/2.0/UDP %s:%d;branch=z9hG4bK-cc-%08x\r\n"
			 "Max-Forwards: 70\r\n"
			 "From: %s\r\n"
			 "To: %s\r\n"
			 "Call-ID: %s\r\n"
			 "CSeq: %lld BYE\r\n"
			 "Reason: Q.850;cause=41;text=\"dialer restart\"\r\n"
			 "Content-Length: 0\r\n\r\n",
			 contact, d->set.sip_addr, ntohs(me.sin_port), rnd, from, to, call_id,
			 cseq + 100);
	if (n > 0 && (size_t)n < sizeof msg &&
	    sendto(fd, msg, (size_t)n, 0, (struct sockaddr *)&sa, sizeof sa) == n)
		log_info("order %s: leg %c: BYE sent to %s after restart", id, role, contact);
	close(fd);
}

static void on_orphan(const char *id, const struct rec *r, void *arg)
{
	struct dialer *d = arg;
	log_warn("order %s: left %s by a previous dialer", id,
		 rec_get(r, "state") ? rec_get(r, "state") : "?");
	send_bye(d, id, r, 'b');
	send_bye(d, id, r, 'a');
}

struct id_list {
	char (*ids)[ORDER_ID_MAX + 1];
	size_t n, cap;
};

static void collect(const char *id, const struct rec *r, void *arg)
{
	struct id_list *l = arg;
	(void)r;
	if (l->n && !strcmp(l->ids[0], id))
		l->n = 0; /* the walk restarted after a lock conflict */
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		void *p = realloc(l->ids, cap * sizeof *l->ids);
		if (!p)
			return;
		l->ids = p;
		l->cap = cap;
	}
	snprintf(l->ids[l->n++], ORDER_ID_MAX + 1, "%s", id);
}

void recover_orphans(struct dialer *d)
{
	struct id_list list = {0};
	store_each_unfinished(on_orphan, d);
	store_each_unfinished(collect, &list);
	for (size_t i = 0; i < list.n; i++)
		store_close_orphan(list.ids[i], "dialer_restart");
	if (list.n)
		log_info("closed %zu order(s) left by a previous dialer", list.n);
	free(list.ids);
}
