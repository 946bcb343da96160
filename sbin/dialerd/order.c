/* order.c: the life of one call order.
 *
 * queued -> dialing_owner -> owner_ringing -> owner_answered (prompt, wait
 * for *) -> owner_accepted -> dialing_recipient -> recipient_ringing ->
 * connected -> ended(cause). Any leg ending ends the other; the owner's
 * other number is tried once when the owner's leg fails before accepting. */
#include "order.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialer.h"
#include "leg.h"
#include "log.h"
#include "media.h"
#include "recorder.h"
#include "store.h"

static void set_state(struct order *o, const char *state)
{
	if (o->state && !strcmp(o->state, state))
		return;
	log_info("order %s: %s", o->req.id, state);
	if (store_event(o, state, NULL) < 0)
		o->state = state; /* keep going: the call matters more than the page */
}

struct order *order_find(struct dialer *d, const char *id)
{
	for (struct order *o = d->orders; o; o = o->next)
		if (!o->ended && !strcmp(o->req.id, id))
			return o;
	return NULL;
}

struct order *order_place(struct dialer *d, const struct order_req *req, const char **code)
{
	if (d->draining) {
		*code = "draining";
		return NULL;
	}
	if (d->norders >= d->set.max_orders) {
		*code = "busy";
		return NULL;
	}
	struct order *o = calloc(1, sizeof *o);
	if (!o) {
		*code = "busy";
		return NULL;
	}
	o->d = d;
	o->req = *req;
	leg_reset(&o->a, req->owner);
	leg_reset(&o->b, req->dest);
	o->a.order = o->b.order = o;
	o->a.role = 'A';
	o->b.role = 'B';
	int rc = order_find(d, req->id) ? 1 : store_order_new(o);
	if (rc) {
		*code = rc == 1 ? "duplicate" : "store_failed";
		free(o);
		return NULL;
	}
	log_info("order %s: queued owner=%s dest=%s max=%us", o->req.id, o->req.owner, o->req.dest,
		 o->req.max_seconds);
	o->next = d->orders;
	d->orders = o;
	d->norders++;
	return o;
}

static void stop_timer(su_timer_t **t)
{
	if (*t) {
		su_timer_destroy(*t);
		*t = NULL;
	}
}

static void start_timer(struct order *o, su_timer_t **t, int ms, su_timer_f fn)
{
	stop_timer(t);
	*t = su_timer_create(su_root_task(o->d->root), (su_duration_t)ms);
	if (*t)
		su_timer_set(*t, fn, o);
}

static void on_ring_timeout(struct dialer *d, su_timer_t *t, void *arg)
{
	struct order *o = arg;
	(void)d;
	(void)t;
	struct leg *l = leg_active(&o->b) ? &o->b : &o->a;
	log_info("order %s: leg %c ring timeout", o->req.id, l->role);
	if (l->phase == LEG_CALLING || l->phase == LEG_RINGING) {
		l->q850 = 19;
		leg_hangup(l, "no_answer");
	}
}

static void dial(struct order *o, struct leg *l)
{
	set_state(o, l->role == 'A' ? "dialing_owner" : "dialing_recipient");
	start_timer(o, &o->ring_timer, o->d->set.ring_timeout_ms, on_ring_timeout);
	if (leg_dial(o->d, l) < 0)
		order_on_leg_end(o, l);
}

void order_start(struct order *o)
{
	o->a_first_invite = now_ms();
	dial(o, &o->a);
}

void order_on_ringing(struct order *o, struct leg *l)
{
	if (o->ended)
		return;
	set_state(o, l->role == 'A' ? "owner_ringing" : "recipient_ringing");
}

static void on_confirm_timer(struct dialer *d, su_timer_t *t, void *arg)
{
	struct order *o = arg;
	(void)t;
	if (o->a.phase != LEG_UP || o->a.t_accept)
		return;
	if (--o->confirm_left > 0) {
		media_play(&o->a, AUDIO_PROMPT, tones_prompt(&d->tones, o->req.lang, PROMPT_CONFIRM), 1);
		start_timer(o, &o->timer, d->set.confirm_timeout_ms, on_confirm_timer);
		return;
	}
	log_info("order %s: no * from the owner", o->req.id);
	o->a.q850 = 16;
	leg_hangup(&o->a, "confirm_timeout");
}

static void on_credit_cut(struct dialer *d, su_timer_t *t, void *arg)
{
	struct order *o = arg;
	(void)d;
	(void)t;
	log_info("order %s: credit limit reached", o->req.id);
	o->flags |= ORDER_CREDIT_CUT;
	leg_hangup(&o->a, "credit_limit");
	leg_hangup(&o->b, "credit_limit");
}

static void on_credit_warning(struct dialer *d, su_timer_t *t, void *arg)
{
	struct order *o = arg;
	(void)t;
	log_info("order %s: warning, %d s of credit left", o->req.id, d->set.warning_seconds);
	media_play(&o->a, AUDIO_WARNING, &d->tones.warning, 1);
	media_play(&o->b, AUDIO_WARNING, &d->tones.warning, 1);
	start_timer(o, &o->timer, d->set.warning_seconds * 1000, on_credit_cut);
}

static void start_credit_timer(struct order *o)
{
	long max_ms = (long)o->req.max_seconds * 1000;
	long warn_ms = (long)o->d->set.warning_seconds * 1000;
	if (warn_ms > 0 && max_ms > warn_ms)
		start_timer(o, &o->timer, (int)(max_ms - warn_ms), on_credit_warning);
	else
		start_timer(o, &o->timer, (int)max_ms, on_credit_cut);
}

void order_on_answer(struct order *o, struct leg *l)
{
	struct dialer *d = o->d;
	stop_timer(&o->ring_timer);
	if (o->ended || (o->flags & ORDER_CANCELLED)) {
		leg_hangup(l, "cancelled");
		return;
	}
	if (l->role == 'A') {
		set_state(o, "owner_answered");
		o->confirm_left = d->set.confirm_repeats;
		media_play(l, AUDIO_PROMPT, tones_prompt(&d->tones, o->req.lang, PROMPT_CONFIRM), 1);
		media_detect_inband(l, 1);
		start_timer(o, &o->timer, d->set.confirm_timeout_ms, on_confirm_timer);
		return;
	}
	int64_t t = now_ms();
	o->a.t_bridge = o->b.t_bridge = t;
	o->a.bridge_mono_ms = o->b.bridge_mono_ms = mono_ms();
	media_play(&o->a, AUDIO_NONE, NULL, 0);
	media_play(&o->b, AUDIO_NONE, NULL, 0);
	if (recorder_open(o, d->set.records_dir) < 0)
		log_warn("order %s: recording failed, the call goes on", o->req.id);
	set_state(o, "connected");
	start_credit_timer(o);
}

void order_on_digit(struct order *o, struct leg *l, char digit)
{
	if (o->ended || l->role != 'A' || l->phase != LEG_UP || l->t_accept)
		return;
	log_info("order %s: owner pressed %c", o->req.id, digit);
	if (digit != '*')
		return;
	stop_timer(&o->timer);
	l->t_accept = now_ms();
	media_detect_inband(l, 0);
	set_state(o, "owner_accepted");
	media_play(l, AUDIO_RINGBACK, &o->d->tones.ringback, -1);
	dial(o, &o->b);
}

/* Cause of the order once its legs are decided. */
static const char *order_cause(struct order *o)
{
	static char buf[48];
	if (o->flags & ORDER_CANCELLED)
		return "cancelled";
	if (o->flags & ORDER_CREDIT_CUT)
		return "credit_limit";
	/* The call was lost, not hung up: say how (either leg). */
	static const char *const lost[] = {"session_expired", "media_timeout"};
	for (size_t i = 0; i < sizeof lost / sizeof *lost; i++)
		if ((o->a.outcome && !strcmp(o->a.outcome, lost[i])) ||
		    (o->b.outcome && !strcmp(o->b.outcome, lost[i])))
			return lost[i];
	if (o->b.t_bridge)
		return "completed";
	if (o->b.outcome && !strcmp(o->b.outcome, "cancelled"))
		return "owner_hung_up"; /* the owner left while the recipient rang */
	if (o->b.phase == LEG_DONE && o->b.outcome) {
		snprintf(buf, sizeof buf, "recipient_%s", o->b.outcome);
		return buf;
	}
	if (o->a.outcome && strcmp(o->a.outcome, "completed")) {
		snprintf(buf, sizeof buf, "owner_%s", o->a.outcome);
		return buf;
	}
	return "gateway_failure";
}

static void finish(struct order *o)
{
	stop_timer(&o->timer);
	stop_timer(&o->ring_timer);
	recorder_close(o);
	o->ended = 1;
	if (!o->cause)
		o->cause = order_cause(o);
	/* The CDR and the ended event are durable before anyone is told. */
	if (store_order_end(o) < 0)
		log_error("order %s: CDR not stored", o->req.id);
	log_info("order %s: ended %s", o->req.id, o->cause);
}

/* The owner's leg failed before the owner accepted: fallback number? */
static int try_owner_alt(struct order *o)
{
	struct leg *a = &o->a;
	if (o->a_attempt || !o->req.owner_alt[0] || (o->flags & ORDER_CANCELLED) || a->t_accept ||
	    o->d->draining)
		return 0;
	if (strcmp(a->outcome, "busy") && strcmp(a->outcome, "no_answer") &&
	    strcmp(a->outcome, "unreachable") && strcmp(a->outcome, "confirm_timeout") &&
	    strcmp(a->outcome, "answered_not_confirmed") && strcmp(a->outcome, "gateway_failure"))
		return 0;
	log_info("order %s: owner %s %s, trying %s", o->req.id, a->target, a->outcome,
		 o->req.owner_alt);
	o->a_attempt = 1;
	snprintf(o->a1_target, sizeof o->a1_target, "%s", a->target);
	o->a1_outcome = a->outcome;
	o->a1_status = a->status;
	leg_reset(a, o->req.owner_alt);
	o->state = NULL; /* dialing_owner again */
	dial(o, a);
	return 1;
}

void order_on_leg_end(struct order *o, struct leg *l)
{
	if (o->ended)
		return;
	struct leg *other = l->role == 'A' ? &o->b : &o->a;
	if (l->role == 'A' && l->t_answer && !l->t_accept && !strcmp(l->outcome, "completed"))
		l->outcome = "answered_not_confirmed"; /* hung up during the prompt */
	if (l->role == 'A' && !l->t_accept && !leg_active(other) && try_owner_alt(o))
		return;
	if (leg_active(other)) /* an answered leg completed; a ringing one is cancelled */
		leg_hangup(other, other->phase == LEG_UP ? "completed" : "cancelled");
	if (!leg_active(&o->a) && !leg_active(&o->b))
		finish(o);
}

void order_cancel(struct order *o)
{
	if (o->ended)
		return;
	o->flags |= ORDER_CANCELLED;
	log_info("order %s: cancel asked", o->req.id);
	int any = leg_active(&o->a) || leg_active(&o->b);
	leg_hangup(&o->b, "cancelled");
	leg_hangup(&o->a, "cancelled");
	if (!any)
		finish(o);
}

void order_hangup_all(struct dialer *d, const char *cause)
{
	for (struct order *o = d->orders; o; o = o->next) {
		if (o->ended)
			continue;
		o->cause = cause;
		int any = leg_active(&o->a) || leg_active(&o->b);
		leg_hangup(&o->b, "cancelled");
		leg_hangup(&o->a, "cancelled");
		if (!any)
			finish(o);
	}
}

/* A joined leg that sent no RTP for media_timeout_ms is gone (phone or
 * gateway vanished without BYE): end the call on both legs. */
void order_check_media(struct dialer *d)
{
	int64_t now = mono_ms(), limit = d->set.media_timeout_ms;
	if (limit <= 0)
		return;
	for (struct order *o = d->orders; o; o = o->next) {
		if (o->ended || !o->b.t_bridge || o->a.phase != LEG_UP || o->b.phase != LEG_UP)
			continue;
		struct leg *legs[2] = {&o->a, &o->b};
		for (int i = 0; i < 2; i++) {
			struct leg *l = legs[i], *other = legs[1 - i];
			int64_t last = l->last_rx_ms > l->bridge_mono_ms ? l->last_rx_ms
									  : l->bridge_mono_ms;
			if (now - last < limit)
				continue;
			log_warn("order %s: no RTP from leg %c for %lld ms, ending the call", o->req.id,
				 l->role, (long long)(now - last));
			l->q850 = 41; /* temporary failure */
			leg_hangup(l, "media_timeout");
			leg_hangup(other, "completed");
			break;
		}
	}
}

void order_reap(struct dialer *d)
{
	struct order **pp = &d->orders;
	while (*pp) {
		struct order *o = *pp;
		if (o->ended && !leg_active(&o->a) && !leg_active(&o->b)) {
			*pp = o->next;
			d->norders--;
			free(o);
		} else {
			pp = &o->next;
		}
	}
}
