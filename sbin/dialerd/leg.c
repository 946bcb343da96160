/* leg.c: dial one leg, follow its INVITE dialog, fail over between
 * gateways on gateway trouble, and report ringing, answer and end. */
#include "leg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "dialer.h"
#include "log.h"
#include "media.h"
#include "order.h"
#include "outcome.h"
#include "recover.h"
#include "sdp.h"
#include "store.h"

int leg_active(const struct leg *l)
{
	return l->phase != LEG_IDLE && l->phase != LEG_DONE;
}

void leg_reset(struct leg *l, const char *target)
{
	struct order *o = l->order;
	char role = l->role;
	memset(l, 0, sizeof *l);
	l->order = o;
	l->role = role;
	l->rtp.fd = -1;
	snprintf(l->target, sizeof l->target, "%s", target);
}

static void release_gateway(struct leg *l)
{
	if (l->gw && l->gw->used > 0)
		l->gw->used--;
	l->gw = NULL;
}

/* The leg is over: free its handle, media and channel; tell the order. */
static void leg_finish(struct dialer *d, struct leg *l)
{
	if (l->phase == LEG_DONE)
		return;
	if (l->nh) {
		nua_handle_destroy(l->nh);
		l->nh = NULL;
	}
	media_close(d, l);
	release_gateway(l);
	l->phase = LEG_DONE;
	l->t_end = now_ms();
	if (!l->outcome)
		l->outcome = "gateway_failure";
	log_info("order %s: leg %c %s (status %d, q850 %d)", l->order->req.id, l->role, l->outcome,
		 l->status, l->q850);
	order_on_leg_end(l->order, l);
}

/* n random bytes as hex into out (2n + 1 bytes). */
static void random_hex(char *out, size_t n)
{
	unsigned char b[32];
	if (n > sizeof b)
		n = sizeof b;
	if (getrandom(b, n, GRND_NONBLOCK) != (ssize_t)n) {
		static unsigned long counter;
		unsigned long x = (unsigned long)now_ms() ^ ((unsigned long)getpid() << 20) ^ ++counter;
		for (size_t i = 0; i < n; i++, x = x * 6364136223846793005UL + 1442695040888963407UL)
			b[i] = (unsigned char)(x >> 33);
	}
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", b[i]);
}

/* Sends the INVITE to the leg's next gateway (or URI). 0, or -1 when no
 * gateway is left. */
static int send_invite(struct dialer *d, struct leg *l)
{
	struct order *o = l->order;
	int pc = l->role == 'B' && o->req.mode == ORDER_MODE_PC;
	if (pc) {
		snprintf(l->uri, sizeof l->uri, "%s", l->target);
		snprintf(l->gw_name, sizeof l->gw_name, "direct");
	} else {
		struct gateway *g = gk_pick(&d->gk, l->target, l->gw_tried);
		if (!g)
			return -1;
		l->gw = g;
		l->gw_tried |= 1u << g->index;
		g->used++;
		snprintf(l->gw_name, sizeof l->gw_name, "%s", g->conf.name);
		snprintf(l->uri, sizeof l->uri, "sip:%s@%s:%d", l->target, g->conf.host, g->conf.port);
	}
	char sdp[1024];
	if (l->rtp.fd < 0 && media_open(d, l) < 0) {
		log_error("order %s: leg %c: no RTP port", o->req.id, l->role);
		return -1;
	}
	l->sdp_session = ++d->session_counter;
	sdp_offer(sdp, sizeof sdp, d->set.sip_addr, l->rtp.port, l->sdp_session);
	/* Our own Call-ID and From tag, stored durably before the INVITE goes
	 * out, so a restarted dialer can CANCEL the leg if it is still ringing. */
	char call_id[40], tag[20], from[160];
	random_hex(call_id, 16);
	random_hex(tag, 8);
	snprintf(from, sizeof from, "<sip:callcard@%s:%d>;tag=%s", d->set.sip_addr, d->set.sip_port,
		 tag);
	l->invite_via_stored = 0;
	if (store_leg_invite(o, l, call_id, from) < 0)
		log_warn("order %s: leg %c: INVITE not stored; a crash now could not CANCEL it",
			 o->req.id, l->role);
	l->nh = nua_handle(d->nua, l, NUTAG_URL(l->uri), SIPTAG_TO_STR(l->uri),
			   SIPTAG_FROM_STR(from), SIPTAG_CALL_ID_STR(call_id), TAG_END());
	if (!l->nh)
		return -1;
	nua_invite(l->nh, NUTAG_MEDIA_ENABLE(0), SIPTAG_CONTENT_TYPE_STR("application/sdp"),
		   SIPTAG_PAYLOAD_STR(sdp), TAG_END());
	l->phase = LEG_CALLING;
	if (!l->t_invite)
		l->t_invite = now_ms();
	log_info("order %s: leg %c INVITE %s via %s, RTP port %d", o->req.id, l->role, l->uri,
		 l->gw_name, l->rtp.port);
	return 0;
}

int leg_dial(struct dialer *d, struct leg *l)
{
	l->phase = LEG_CALLING;
	if (send_invite(d, l) == 0)
		return 0;
	l->phase = LEG_IDLE;
	if (!l->outcome)
		l->outcome = l->gw_tried ? "gateway_failure" : "unreachable";
	l->q850 = 34;
	media_close(d, l);
	release_gateway(l);
	l->phase = LEG_DONE;
	l->t_end = now_ms();
	log_info("order %s: leg %c %s: no gateway", l->order->req.id, l->role, l->outcome);
	return -1;
}

void leg_hangup(struct leg *l, const char *outcome)
{
	if (!leg_active(l))
		return;
	if (!l->outcome)
		l->outcome = outcome;
	if (!l->end_by)
		l->end_by = "dialer";
	switch (l->phase) {
	case LEG_CALLING:
	case LEG_RINGING:
		nua_cancel(l->nh, TAG_END());
		l->phase = LEG_ENDING;
		break;
	case LEG_UP:
		nua_bye(l->nh, TAG_END());
		l->phase = LEG_ENDING;
		break;
	default:
		break;
	}
}

static int reason_q850(const sip_t *sip)
{
	if (!sip)
		return 0;
	for (sip_reason_t *r = sip->sip_reason; r; r = r->re_next)
		if (r->re_protocol && !strcasecmp(r->re_protocol, "Q.850") && r->re_cause)
			return atoi(r->re_cause);
	return 0;
}

/* Session refresh by UPDATE when the far end allows it (no SDP needed),
 * else by re-INVITE; logs what was agreed. */
static void choose_refresh(struct dialer *d, struct leg *l, const sip_t *sip)
{
	int update = d->set.session_refresh == SESSION_REFRESH_UPDATE;
	if (d->set.session_refresh == SESSION_REFRESH_AUTO && sip->sip_allow)
		for (int i = 0; sip->sip_allow->k_items && sip->sip_allow->k_items[i]; i++)
			if (!strcasecmp(sip->sip_allow->k_items[i], "UPDATE"))
				update = 1;
	if (update)
		nua_set_hparams(l->nh, NUTAG_UPDATE_REFRESH(1), TAG_END());
	if (sip->sip_session_expires)
		log_info("order %s: leg %c session expires in %lu s (refresher %s), refresh by %s",
			 l->order->req.id, l->role, (unsigned long)sip->sip_session_expires->x_delta,
			 sip->sip_session_expires->x_refresher ? sip->sip_session_expires->x_refresher : "-",
			 update ? "UPDATE" : "re-INVITE");
}

/* A session refresh (UPDATE or re-INVITE) failed: the session is lost
 * (RFC 4028 10: BYE). After 408, 481 and the like the stack has already
 * dropped the dialog without a BYE, so the BYE is built from the stored
 * dialog; otherwise the stack sends it. */
static void on_refresh_answer(struct dialer *d, struct leg *l, nua_event_t event, int status,
			      const char *phrase)
{
	if (status < 300 || l->phase != LEG_UP)
		return;
	if (status == 491)
		return; /* glare: nua tries again */
	log_warn("order %s: leg %c session refresh failed: %d %s", l->order->req.id, l->role, status,
		 phrase ? phrase : "");
	l->status = status;
	l->q850 = 102; /* recovery on timer expiry */
	int graceful = 0;
	sip_method_t m = event == nua_r_update ? sip_method_update : sip_method_invite;
	if (status < 700 && sip_response_terminates_dialog(status, m, &graceful)) {
		l->outcome = "session_expired";
		l->end_by = "dialer";
		recover_bye_leg(d, l->order->req.id, l->role,
				"SIP;cause=408;text=\"Session refresh failed\"");
		leg_finish(d, l);
		return;
	}
	leg_hangup(l, "session_expired");
}

static void on_invite_answer(struct dialer *d, struct leg *l, int status, const sip_t *sip)
{
	struct order *o = l->order;
	if (status < 200) {
		/* A final answer reported as 100 is the stack sending the INVITE
		 * again (422: a longer session interval): a new branch follows. */
		if (sip && sip->sip_status && sip->sip_status->st_status >= 200)
			l->invite_via_stored = 0;
		else if (sip && sip->sip_via && !l->invite_via_stored &&
			 (l->phase == LEG_CALLING || l->phase == LEG_RINGING))
			l->invite_via_stored = store_leg_invite_via(o, l, sip) == 0;
		if (status >= 180 && l->phase == LEG_CALLING) {
			l->phase = LEG_RINGING;
			if (!l->t_ring)
				l->t_ring = now_ms();
			order_on_ringing(o, l); /* 183 too: progress, never an answer */
		}
		return;
	}
	if (status < 300) {
		struct sdp_answer a;
		if (l->phase == LEG_UP)
			return; /* a retransmitted 200, or the answer to a refresh */
		l->status = status;
		if (l->phase == LEG_ENDING) { /* answered while we cancelled */
			nua_bye(l->nh, TAG_END());
			return;
		}
		if (!sip || !sip->sip_payload ||
		    sdp_answer_parse(sip->sip_payload->pl_data, sip->sip_payload->pl_len, &a) < 0 ||
		    media_connect(l, &a) < 0) {
			log_warn("order %s: leg %c answered without usable SDP", o->req.id, l->role);
			l->phase = LEG_UP;
			leg_hangup(l, "gateway_failure");
			return;
		}
		l->phase = LEG_UP;
		l->t_answer = now_ms();
		choose_refresh(d, l, sip);
		store_leg_dialog(o, l, sip);
		order_on_answer(o, l);
		return;
	}
	/* A final failure. */
	int heard = sip != NULL; /* else the local stack made it up */
	l->status = status;
	if (reason_q850(sip))
		l->q850 = reason_q850(sip);
	else if (!l->q850 || !l->outcome) /* keep the cause we chose when we ended it */
		l->q850 = outcome_q850_of_status(status);
	if (!l->outcome && l->phase != LEG_ENDING && outcome_is_failover(status) && l->gw) {
		log_info("order %s: leg %c: %d from %s, trying the next gateway", o->req.id, l->role,
			 status, l->gw_name);
		nua_handle_destroy(l->nh);
		l->nh = NULL;
		release_gateway(l);
		if (send_invite(d, l) == 0)
			return;
		l->outcome = "gateway_failure";
	}
	if (!l->outcome)
		l->outcome = outcome_of_status(status, heard);
	l->end_by = "remote";
	leg_finish(d, l);
}

/* A re-INVITE from the far end (its session refresh, a new address): the
 * stack leaves it to us as media is ours. Answer with the session as it
 * is, following the far end to a new address or codec. */
static void on_reinvite(struct dialer *d, struct leg *l, nua_handle_t *nh, const sip_t *sip)
{
	struct sdp_answer a;
	if (l->phase != LEG_UP) {
		nua_respond(nh, SIP_491_REQUEST_PENDING, TAG_END());
		return;
	}
	if (sip && sip->sip_payload &&
	    sdp_answer_parse(sip->sip_payload->pl_data, sip->sip_payload->pl_len, &a) == 0) {
		if (media_connect(l, &a) < 0) {
			nua_respond(nh, SIP_488_NOT_ACCEPTABLE, TAG_END());
			return;
		}
	}
	char sdp[512];
	if (sdp_current(sdp, sizeof sdp, d->set.sip_addr, l->rtp.port, l->sdp_session, l->rtp.pt,
			l->rtp.te_pt) < 0) {
		nua_respond(nh, SIP_500_INTERNAL_SERVER_ERROR, TAG_END());
		return;
	}
	log_info("order %s: leg %c re-INVITE answered", l->order->req.id, l->role);
	nua_respond(nh, SIP_200_OK, SIPTAG_CONTENT_TYPE_STR("application/sdp"),
		    SIPTAG_PAYLOAD_STR(sdp), TAG_END());
}

static void on_info(struct leg *l, const sip_t *sip)
{
	if (!sip || !sip->sip_payload || !sip->sip_payload->pl_data)
		return;
	char body[256];
	size_t n = sip->sip_payload->pl_len < sizeof body - 1 ? sip->sip_payload->pl_len :
								 sizeof body - 1;
	memcpy(body, sip->sip_payload->pl_data, n);
	body[n] = '\0';
	/* application/dtmf-relay: "Signal=*"; application/dtmf: "*" */
	const char *s = strstr(body, "Signal=");
	char digit = s ? s[7 + strspn(s + 7, " ")] : body[strspn(body, " \r\n")];
	if (digit && strchr("0123456789*#", digit))
		order_on_digit(l->order, l, digit);
}

void leg_event(struct dialer *d, struct leg *l, nua_event_t event, int status,
	       const char *phrase, nua_handle_t *nh, const sip_t *sip, tagi_t tags[])
{
	if (l->phase == LEG_DONE || nh != l->nh)
		return;
	switch (event) {
	case nua_r_invite:
		if (l->phase == LEG_UP) /* a re-INVITE refreshing the session */
			on_refresh_answer(d, l, event, status, phrase);
		else
			on_invite_answer(d, l, status, sip);
		break;
	case nua_r_update:
		on_refresh_answer(d, l, event, status, phrase);
		break;
	case nua_i_info:
		on_info(l, sip);
		break;
	case nua_i_invite:
		on_reinvite(d, l, nh, sip);
		break;
	case nua_i_bye:
		if (!l->outcome)
			l->outcome = "completed";
		l->end_by = "remote";
		l->q850 = reason_q850(sip) ? reason_q850(sip) : 16;
		leg_finish(d, l);
		break;
	case nua_r_bye:
		if (l->phase == LEG_UP && !l->outcome) {
			/* nua said BYE itself: the far end stopped refreshing */
			log_warn("order %s: leg %c session expired", l->order->req.id, l->role);
			l->outcome = "session_expired";
			l->end_by = "dialer";
			l->q850 = 102;
		}
		if (!l->q850)
			l->q850 = 16;
		leg_finish(d, l);
		break;
	case nua_i_state: {
		int cs = nua_callstate_init;
		tl_gets(tags, NUTAG_CALLSTATE_REF(cs), TAG_END());
		if (cs == nua_callstate_terminated) {
			if (!l->outcome)
				l->outcome = l->t_answer ? "completed" : "gateway_failure";
			leg_finish(d, l);
		}
		break;
	}
	default:
		break;
	}
}
