/* recover.c: end the legs of orders a crashed dialer held.
 *
 * The dialogs died with the old process, so requests are built from what
 * the store kept and sent over plain UDP:
 *  - an answered leg gets a BYE (stored Call-ID, tags and remote target),
 *    from a fresh socket; the far end matches it by Call-ID and tags;
 *  - a leg still ringing gets a CANCEL that repeats its INVITE's Via
 *    (branch), Call-ID, From, To, CSeq and Request-URI. That runs before
 *    the SIP stack starts, from the dialer's own SIP port, because the
 *    answers to the INVITE (487, or a late 200) come back there: the 487
 *    is ACKed, a late 200 is ACKed and then ended with BYE.
 * The same BYE serves a leg whose session a live dialer lost (refresh
 * failed and the stack already forgot the dialog). */
#include "recover.h"

#include <arpa/inet.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

#include "db.h"
#include "dialer.h"
#include "log.h"
#include "store.h"

#define RESTART_REASON "Q.850;cause=41;text=\"dialer restart\""

/* host:port of "sip:user@host:port;params" or of "host:port". */
static int target_addr(const char *uri, struct sockaddr_in *sa)
{
	char host[128];
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
	if (port <= 0 || port >= 65536)
		return -1;
	memset(sa, 0, sizeof *sa);
	sa->sin_family = AF_INET;
	sa->sin_port = htons((uint16_t)port);
	/* Addresses only: looking a name up would stall the event loop (or
	 * the bounded restart) on a resolver; the caller logs such a leg and
	 * leaves it to the far end's own timers. */
	return inet_pton(AF_INET, host, &sa->sin_addr) == 1 ? 0 : -1;
}

static unsigned random_u32(void)
{
	unsigned rnd = 0;
	if (getrandom(&rnd, sizeof rnd, GRND_NONBLOCK) != sizeof rnd)
		rnd = (unsigned)getpid() ^ (unsigned)now_ms();
	return rnd;
}

/* A UDP socket on the dialer's SIP address: port 0 for any. -1 on error;
 * *port gets the port bound. */
static int sip_socket(const struct dialer *d, int want_port, int *port)
{
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (fd < 0)
		return -1;
	struct sockaddr_in me = {.sin_family = AF_INET, .sin_port = htons((uint16_t)want_port)};
	inet_pton(AF_INET, d->set.sip_addr, &me.sin_addr);
	socklen_t mlen = sizeof me;
	if (bind(fd, (struct sockaddr *)&me, sizeof me) < 0 ||
	    getsockname(fd, (struct sockaddr *)&me, &mlen) < 0) {
		close(fd);
		return -1;
	}
	*port = ntohs(me.sin_port);
	return fd;
}

/* BYE to contact within the dialog (from, to with tags, call_id), CSeq
 * cseq, sent from fd (its port in the Via). 0 or -1. */
static int send_bye_on(const struct dialer *d, int fd, int port, const char *contact,
		       const char *from, const char *to, const char *call_id, long long cseq,
		       const char *reason)
{
	struct sockaddr_in sa;
	if (target_addr(contact, &sa) < 0)
		return -1;
	char msg[2048];
	int n = snprintf(msg, sizeof msg,
			 "BYE %s SIP/2.0\r\n"
			 "Via: SIP/2.0/UDP %s:%d;branch=z9hG4bK-cc-%08x\r\n"
			 "Max-Forwards: 70\r\n"
			 "From: %s\r\n"
			 "To: %s\r\n"
			 "Call-ID: %s\r\n"
			 "CSeq: %lld BYE\r\n"
			 "Reason: %s\r\n"
			 "Content-Length: 0\r\n\r\n",
			 contact, d->set.sip_addr, port, random_u32(), from, to, call_id, cseq, reason);
	if (n <= 0 || (size_t)n >= sizeof msg ||
	    sendto(fd, msg, (size_t)n, 0, (struct sockaddr *)&sa, sizeof sa) != n)
		return -1;
	return 0;
}

/* BYE to the answered leg role ('a'/'b') that record r describes. */
static int send_bye(const struct dialer *d, const char *id, const struct rec *r, char role,
		    const char *reason)
{
	char k[16];
#define FIELD(name) (snprintf(k, sizeof k, "%c_%s", role, name), rec_get(r, k))
	const char *call_id = FIELD("call_id"), *from = FIELD("from"), *to = FIELD("to");
	const char *contact = FIELD("contact");
	long long cseq = (snprintf(k, sizeof k, "%c_cseq", role), rec_get_int(r, k, 1));
#undef FIELD
	if (!call_id || !from || !to || !contact || !*contact)
		return -1;
	int port, fd = sip_socket(d, 0, &port);
	if (fd < 0)
		return -1;
	/* Above every CSeq the dialog may have used since it was stored: a
	 * refresh every 45 s (Min-SE 90) for the longest call (a day) is under
	 * 2,000 requests. */
	int rc = send_bye_on(d, fd, port, contact, from, to, call_id, cseq + 100000, reason);
	close(fd);
	if (rc < 0)
		log_warn("order %s: leg %c: cannot BYE %s", id, role, contact);
	else
		log_info("order %s: leg %c: BYE sent to %s", id, role, contact);
	return rc;
}

int recover_bye_leg(struct dialer *d, const char *id, char role, const char *reason)
{
	struct rec r;
	if (db_get_rec(TBL_ORDERS, NULL, id, strlen(id), &r, 0))
		return -1;
	int rc = send_bye(d, id, &r, (char)(role == 'A' ? 'a' : role == 'B' ? 'b' : role), reason);
	rec_free(&r);
	return rc;
}

/* A leg the old dialer left ringing. */
struct ringing {
	char id[ORDER_ID_MAX + 1];
	char role;             /* 'a' or 'b' */
	char uri[256], via[256], from[256], to[260], call_id[128];
	long long cseq;
	struct sockaddr_in dest;
	int cancel_answered;   /* a response to our CANCEL came */
	int done;              /* the INVITE got its final answer */
	int status;            /* that answer's status */
	int64_t next_send;
	unsigned interval_ms;
};

struct ringing_list {
	struct ringing *v;
	size_t n, cap;
};

static int copy_field(char *out, size_t len, const struct rec *r, char role, const char *name)
{
	char k[24];
	snprintf(k, sizeof k, "%c_%s", role, name);
	const char *v = rec_get(r, k);
	if (!v || !*v || strlen(v) >= len || strpbrk(v, "\r\n"))
		return -1;
	snprintf(out, len, "%s", v);
	return 0;
}

/* Was leg role ringing when the old dialer died? The order's state says
 * which leg was being dialed; a leg already answered is left to BYE. */
static int leg_was_ringing(const struct rec *r, char role)
{
	const char *state = rec_get(r, "state") ? rec_get(r, "state") : "";
	int dialing = role == 'a' ? !strcmp(state, "dialing_owner") || !strcmp(state, "owner_ringing")
				  : !strcmp(state, "dialing_recipient") ||
					    !strcmp(state, "recipient_ringing");
	if (!dialing)
		return 0;
	char k[24], k2[24];
	snprintf(k, sizeof k, "%c_call_id", role);
	snprintf(k2, sizeof k2, "%c_inv_call_id", role);
	const char *answered = rec_get(r, k), *invited = rec_get(r, k2);
	return invited && *invited && !(answered && !strcmp(answered, invited));
}

static void collect_ringing(const char *id, const struct rec *r, void *arg)
{
	struct ringing_list *list = arg;
	for (int i = 0; i < 2; i++) {
		char role = i ? 'b' : 'a';
		if (!leg_was_ringing(r, role))
			continue;
		for (size_t j = 0; j < list->n; j++)
			if (!strcmp(list->v[j].id, id) && list->v[j].role == role)
				return; /* the walk restarted after a lock conflict */
		if (list->n == list->cap) {
			size_t cap = list->cap ? list->cap * 2 : 8;
			void *p = realloc(list->v, cap * sizeof *list->v);
			if (!p)
				return;
			list->v = p;
			list->cap = cap;
		}
		struct ringing *g = &list->v[list->n];
		memset(g, 0, sizeof *g);
		snprintf(g->id, sizeof g->id, "%s", id);
		g->role = role;
		char k[24];
		snprintf(k, sizeof k, "%c_inv_cseq", role);
		g->cseq = rec_get_int(r, k, 0);
		if (copy_field(g->via, sizeof g->via, r, role, "inv_via") < 0) {
			log_warn("order %s: leg %c was dialed but nothing had answered its INVITE: "
				 "it cannot be cancelled",
				 id, role);
			continue;
		}
		if (copy_field(g->uri, sizeof g->uri, r, role, "inv_uri") < 0 ||
		    copy_field(g->from, sizeof g->from, r, role, "inv_from") < 0 ||
		    copy_field(g->call_id, sizeof g->call_id, r, role, "inv_call_id") < 0 ||
		    g->cseq <= 0 || target_addr(g->uri, &g->dest) < 0) {
			log_warn("order %s: leg %c: stored INVITE incomplete, cannot CANCEL", id, role);
			continue;
		}
		snprintf(g->to, sizeof g->to, "<%s>", g->uri); /* as the INVITE had it */
		list->n++;
	}
}

static void send_text(int fd, const struct sockaddr_in *to, const char *msg, int n)
{
	if (n > 0 && sendto(fd, msg, (size_t)n, 0, (const struct sockaddr *)to, sizeof *to) < 0)
		log_warn("recover: send failed");
}

/* CANCEL (or ACK of a non-2xx final answer): same Via, Call-ID, From, CSeq
 * number and Request-URI as the INVITE. */
static void send_cancel_or_ack(int fd, const struct ringing *g, const char *method,
			       const char *to)
{
	char msg[2048];
	int n = snprintf(msg, sizeof msg,
			 "%s %s SIP/2.0\r\n"
			 "Via: %s\r\n"
			 "Max-Forwards: 70\r\n"
			 "From: %s\r\n"
			 "To: %s\r\n"
			 "Call-ID: %s\r\n"
			 "CSeq: %lld %s\r\n"
			 "%s"
			 "Content-Length: 0\r\n\r\n",
			 method, g->uri, g->via, g->from, to, g->call_id, g->cseq, method,
			 strcmp(method, "CANCEL") ? "" : "Reason: " RESTART_REASON "\r\n");
	if (n < (int)sizeof msg)
		send_text(fd, &g->dest, msg, n);
}

/* A late 200 OK to the INVITE: ACK it (a new transaction, to its Contact),
 * then BYE. */
static void ack_and_bye(const struct dialer *d, int fd, int port, const struct ringing *g,
			const char *to, const char *contact)
{
	struct sockaddr_in sa;
	char msg[2048];
	if (target_addr(contact, &sa) < 0) {
		log_warn("order %s: leg %c answered with an unusable Contact", g->id, g->role);
		return;
	}
	int n = snprintf(msg, sizeof msg,
			 "ACK %s SIP/2.0\r\n"
			 "Via: SIP/2.0/UDP %s:%d;branch=z9hG4bK-cc-%08x\r\n"
			 "Max-Forwards: 70\r\n"
			 "From: %s\r\n"
			 "To: %s\r\n"
			 "Call-ID: %s\r\n"
			 "CSeq: %lld ACK\r\n"
			 "Content-Length: 0\r\n\r\n",
			 contact, d->set.sip_addr, port, random_u32(), g->from, to, g->call_id,
			 g->cseq);
	if (n < (int)sizeof msg)
		send_text(fd, &sa, msg, n);
	send_bye_on(d, fd, port, contact, g->from, to, g->call_id, g->cseq + 1, RESTART_REASON);
}

static struct ringing *find_call(struct ringing_list *list, const char *call_id)
{
	for (size_t i = 0; i < list->n; i++)
		if (!strcmp(list->v[i].call_id, call_id))
			return &list->v[i];
	return NULL;
}

/* One datagram on the SIP port: answers to our CANCELs and to the old
 * INVITEs. */
static void on_datagram(const struct dialer *d, int fd, int port, struct ringing_list *list,
			char *buf, ssize_t len)
{
	msg_t *m = msg_make(sip_default_mclass(), 0, buf, (size_t)len);
	sip_t *sip = sip_object(m);
	if (!sip || !sip->sip_status || !sip->sip_call_id || !sip->sip_cseq || !sip->sip_to) {
		msg_destroy(m);
		return;
	}
	struct ringing *g = find_call(list, sip->sip_call_id->i_id);
	int status = sip->sip_status->st_status;
	if (!g || sip->sip_cseq->cs_seq != (uint32_t)g->cseq) {
		msg_destroy(m);
		return;
	}
	if (sip->sip_cseq->cs_method == sip_method_cancel) {
		/* Even a 481 (the INVITE had its final answer already) leaves us
		 * waiting: that answer may be a 200 to ACK and end. */
		g->cancel_answered = 1;
	} else if (sip->sip_cseq->cs_method == sip_method_invite && status >= 200) {
		char to[512];
		if (snprintf(to, sizeof to, "<" URL_PRINT_FORMAT ">%s%s",
			     URL_PRINT_ARGS(sip->sip_to->a_url), sip->sip_to->a_tag ? ";tag=" : "",
			     sip->sip_to->a_tag ? sip->sip_to->a_tag : "") < (int)sizeof to) {
			if (status >= 300) {
				send_cancel_or_ack(fd, g, "ACK", to);
			} else if (!g->done || g->status >= 300) { /* each 200 once */
				char contact[512] = "";
				if (sip->sip_contact)
					snprintf(contact, sizeof contact, URL_PRINT_FORMAT,
						 URL_PRINT_ARGS(sip->sip_contact->m_url));
				ack_and_bye(d, fd, port, g, to, contact);
			}
		}
		if (!g->done)
			log_info("order %s: leg %c: the old INVITE got %d%s", g->id, g->role, status,
				 status < 300 ? ", ACKed and ended with BYE" : ", ACKed");
		g->done = 1;
		g->status = status;
	}
	msg_destroy(m);
}

static int all_done(const struct ringing_list *list)
{
	for (size_t i = 0; i < list->n; i++)
		if (!list->v[i].done)
			return 0;
	return 1;
}

/* CANCELs every leg left ringing and waits (Dialer.RecoverWaitMs at most)
 * for their INVITEs to end, answering as the old transaction would. */
static void cancel_ringing(struct dialer *d, struct ringing_list *list)
{
	int port, fd = sip_socket(d, d->set.sip_port, &port);
	if (fd < 0) {
		log_error("recover: SIP port %d busy: %zu ringing leg(s) not cancelled",
			  d->set.sip_port, list->n);
		return;
	}
	int64_t deadline = mono_ms() + d->set.recover_wait_ms;
	for (size_t i = 0; i < list->n; i++)
		list->v[i].interval_ms = 500;
	while (!all_done(list) && mono_ms() < deadline) {
		int64_t now = mono_ms();
		for (size_t i = 0; i < list->n; i++) {
			struct ringing *g = &list->v[i];
			if (g->done || g->cancel_answered || now < g->next_send)
				continue;
			send_cancel_or_ack(fd, g, "CANCEL", g->to);
			if (!g->next_send)
				log_info("order %s: leg %c: CANCEL sent to the leg left ringing", g->id,
					 g->role);
			g->next_send = now + g->interval_ms;
			if (g->interval_ms < 4000)
				g->interval_ms *= 2;
		}
		struct pollfd p = {.fd = fd, .events = POLLIN};
		if (poll(&p, 1, 50) <= 0)
			continue;
		char buf[8192];
		ssize_t n;
		/* A bounded batch, so a stream of datagrams cannot hold the
		 * restart past its deadline. */
		for (int batch = 0; batch < 64 && (n = recv(fd, buf, sizeof buf - 1, 0)) > 0; batch++)
			on_datagram(d, fd, port, list, buf, n);
	}
	close(fd);
}

static void on_orphan(const char *id, const struct rec *r, void *arg)
{
	struct dialer *d = arg;
	log_warn("order %s: left %s by a previous dialer", id,
		 rec_get(r, "state") ? rec_get(r, "state") : "?");
	send_bye(d, id, r, 'b', RESTART_REASON);
	send_bye(d, id, r, 'a', RESTART_REASON);
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
	struct ringing_list ringing = {0};
	store_each_unfinished(collect_ringing, &ringing);
	if (ringing.n)
		cancel_ringing(d, &ringing);
	struct id_list list = {0};
	store_each_unfinished(on_orphan, d);
	store_each_unfinished(collect, &list);
	for (size_t i = 0; i < list.n; i++) {
		struct orphan_leg legs[2] = {{NULL, 0}, {NULL, 0}};
		for (size_t j = 0; j < ringing.n; j++) {
			const struct ringing *g = &ringing.v[j];
			if (!strcmp(g->id, list.ids[i])) {
				legs[g->role == 'b'].outcome = "cancelled";
				legs[g->role == 'b'].status = g->status;
			}
		}
		store_close_orphan(list.ids[i], "dialer_restart", legs);
	}
	if (list.n)
		log_info("closed %zu order(s) left by a previous dialer", list.n);
	free(list.ids);
	free(ringing.v);
}
