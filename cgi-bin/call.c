/* call.c: the call pages: a button's call page, placing the call, the
 * progress page with its JSON status, cancel, and the owner's call list.
 *
 * WEBPAGE: /call/<button id> /call/progress/<page token>
 * /call/status/<page token> /call/cancel/<page token> /call/calls
 * /call/message/<page token> /call/schedule/<page token> */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "abuse.h"
#include "app.h"
#include "call_history.h"
#include "call_mail.h"
#include "call_place.h"
#include "call_store.h"
#include "call_words.h"
#include "card.h"
#include "card_data.h"
#include "config.h"
#include "db.h"
#include "form.h"
#include "member.h"
#include "order_proto.h"
#include "phone.h"
#include "render.h"
#include "response.h"
#include "sched.h"
#include "token.h"

#define NUMBER_COOKIE "cc_callnum"
#define ID_CHARS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

/* Copies the id after prefix in path when it is exactly len URL-safe chars. */
static int path_id(const char *path, const char *prefix, size_t len, char *out)
{
	const char *t = path + strlen(prefix);
	if (strspn(t, ID_CHARS) != len || t[len] != '\0')
		return -1;
	memcpy(out, t, len);
	out[len] = '\0';
	return 0;
}

static const char *field(const struct rec *r, const char *name)
{
	const char *v = rec_get(r, name);
	return v ? v : "";
}

/* The live button and card of /call/<id>, or a 404 page sent. */
static int load_button(struct request *r, char id[CARD_BUTTON_ID_LEN], struct rec *b,
		       struct rec *c, uint64_t *card)
{
	if (path_id(r->path, "/call/", CARD_BUTTON_ID_LEN - 1, id) != 0 ||
	    card_button_get(NULL, id, b) != 0) {
		resp_error(r, 404, "There is no call button at this link. Ask the card's owner for a new card.");
		return -1;
	}
	*card = strtoull(field(b, "card"), NULL, 10);
	if (strcmp(field(b, "state"), "live") || card_get(NULL, *card, c) != 0) {
		rec_free(b);
		resp_error(r, 404, "This call button is no longer in use. Ask the card's owner for their latest card.");
		return -1;
	}
	if (strcmp(field(c, "state"), "live")) {
		rec_free(b);
		rec_free(c);
		resp_error(r, 404, "This card is not finished yet. Its owner is still designing it.");
		return -1;
	}
	return 0;
}

static int needs_human_check(const struct request *r)
{
	return !r->member_id && config_int("Call.HumanCheck");
}

/* Renders the call page; error (may be NULL) above the form. */
static void show_call_page(struct request *r, int status, const char *id, const struct rec *b,
			   const struct rec *c, uint64_t card, const char *error)
{
	card_to_hdf(r->hdf, "Card", card, c);
	hdf_set(r->hdf, "Page.Title", field(c, "name"));
	hdf_set(r->hdf, "Page.Lang", field(c, "lang"));
	hdf_set(r->hdf, "Button.id", id);
	hdf_set(r->hdf, "Button.mode", field(b, "mode"));
	hdf_set(r->hdf, "Button.payer", field(b, "payer"));
	char num[64];
	const char *typed = req_param(r, "number");
	if (typed)
		hdf_set(r->hdf, "Form.number", typed);
	else if (req_cookie(r, NUMBER_COOKIE, num, sizeof num)) {
		hdf_set(r->hdf, "Form.number", num);
		hdf_set(r->hdf, "Form.remember", "1");
	}
	const char *sip = req_param(r, "sip");
	hdf_setf(r->hdf, "Form.sip", "%s", sip ? sip : "");
	/* The address the browser connects from, offered when it may be rung. */
	char offer[ORDER_DEST_MAX + 1];
	snprintf(offer, sizeof offer, "sip:softphone@%s", r->remote_addr ? r->remote_addr : "");
	if (abuse_check_softphone(offer) == ABUSE_OK)
		hdf_set(r->hdf, "Form.browser_ip", offer);
	const char *email = req_param(r, "email");
	if (email)
		hdf_set(r->hdf, "Form.email", email);
	if (needs_human_check(r)) {
		struct abuse_question q;
		abuse_question_new(&q, time(NULL));
		hdf_set_int(r->hdf, "Human.a", q.a);
		hdf_set_int(r->hdf, "Human.b", q.b);
		hdf_set(r->hdf, "Human.challenge", q.challenge);
	}
	if (error)
		hdf_set(r->hdf, "Call.error", error);
	resp_header(r, "Cache-Control", "no-store");
	resp_page(r, status, "call.cs");
}

/* The destination of the form: E.164 (phone) or a sip: URI (pc); status
 * and message set when it is refused. */
static int read_destination(struct request *r, const char *mode, char *dest, size_t len,
			    int *status, const char **why)
{
	*status = 422;
	if (!strcmp(mode, "pc")) {
		const char *sip = req_param(r, "sip");
		if (!sip || !*sip) {
			*why = "Give the SIP address of your softphone.";
			return -1;
		}
		enum abuse_verdict v = abuse_softphone_uri(sip, dest, len) == 0 ?
					       abuse_check_softphone(dest) : ABUSE_SIP_FORMAT;
		if (v != ABUSE_OK) {
			*status = v == ABUSE_SIP_DENIED ? 403 : 422;
			*why = abuse_message(v);
			return -1;
		}
		return 0;
	}
	const char *typed = req_param(r, "number");
	char reason[200];
	if (!typed || phone_normalize(typed, (int)config_int("Phone.DefaultCountry"), dest, len,
				      reason, sizeof reason) != 0) {
		*why = abuse_message(ABUSE_DEST_FORMAT);
		return -1;
	}
	enum abuse_verdict v = abuse_check_destination(dest);
	if (v != ABUSE_OK) {
		*status = 403;
		*why = abuse_message(v);
		return -1;
	}
	return 0;
}

struct count_arg {
	const char *ip, *dest;
	uint64_t card;
	enum abuse_verdict verdict;
};

static int count_txn(DB_TXN *txn, void *arg)
{
	struct count_arg *a = arg;
	return abuse_count_order(txn, a->ip, a->card, a->dest, time(NULL), &a->verdict);
}

static const char *place_message(enum call_place_result res, int *status)
{
	switch (res) {
	case CALL_NO_CREDIT:
		*status = 409;
		return "This call cannot be placed now: there is not enough credit to pay for it. "
		       "The card's owner has been told.";
	case CALL_TOO_MANY:
		*status = 429;
		return "The person paying for this call already has as many calls going as allowed. "
		       "Please try again in a few minutes.";
	case CALL_NO_RATE:
		*status = 403;
		return "Calls to this number cannot be placed from this page.";
	case CALL_SPEND_CAP:
		*status = 429;
		return abuse_message(ABUSE_SPEND_CAP);
	case CALL_DIALER_DOWN:
		*status = 503;
		return "Our calling service is not available just now. Nothing was placed or charged; "
		       "please try again in a few minutes.";
	default:
		*status = 500;
		return "The call could not be placed. Nothing was charged; please try again.";
	}
}

static void remember_number(struct request *r, const char *dest)
{
	const char *keep = req_param(r, "remember");
	if (keep && !strcmp(keep, "1"))
		resp_cookie(r, NUMBER_COOKIE, dest, 180L * 86400);
	else
		resp_cookie(r, NUMBER_COOKIE, "", 0);
}

/* The owner's and (when given) the recipient's addresses for notices. */
static void notify_refused(struct request *r, uint64_t owner, const struct rec *c)
{
	const char *email = req_param(r, "email");
	call_mail_refused(owner, field(c, "name"), email && *email ? email : NULL);
}

static void place(struct request *r, const char *id, const struct rec *b, const struct rec *c,
		  uint64_t card)
{
	const char *mode = field(b, "mode");
	char dest[ORDER_DEST_MAX + 1];
	const char *why = NULL;
	int status;
	if (needs_human_check(r) &&
	    !abuse_answer_ok(req_param(r, "hc"), req_param(r, "answer"), time(NULL))) {
		show_call_page(r, 422, id, b, c, card, "The answer to the sum was not right. Please try again.");
		return;
	}
	if (read_destination(r, mode, dest, sizeof dest, &status, &why) != 0) {
		show_call_page(r, status, id, b, c, card, why);
		return;
	}
	const char *payer = field(b, "payer");
	if (strcmp(payer, "owner") && !r->member_id) {
		show_call_page(r, 403, id, b, c, card,
			       "You pay for this call (or share it): log in to your account first.");
		return;
	}
	struct count_arg ca = {r->remote_addr, dest, card, ABUSE_OK};
	if (db_txn_run(count_txn, &ca) != 0) {
		show_call_page(r, 500, id, b, c, card, "The call could not be placed. Please try again.");
		return;
	}
	if (ca.verdict != ABUSE_OK) {
		show_call_page(r, 429, id, b, c, card, abuse_message(ca.verdict));
		return;
	}
	uint64_t owner = strtoull(field(c, "owner"), NULL, 10);
	struct call_press p = {
		.button = id, .owner_number = field(b, "number"), .dest = dest, .mode = mode,
		.payer = payer, .lang = field(c, "lang"), .card = card, .owner_id = owner,
		.recipient_id = r->member_id,
	};
	char page[TOKEN_LEN];
	enum call_place_result res = call_place(&p, page);
	if (!strcmp(mode, "phone"))
		remember_number(r, dest);
	if (res != CALL_PLACED) {
		if (res == CALL_NO_CREDIT)
			notify_refused(r, owner, c);
		why = place_message(res, &status);
		show_call_page(r, status, id, b, c, card, why);
		return;
	}
	char to[128];
	snprintf(to, sizeof to, "/call/progress/%s", page);
	resp_redirect(r, to);
}

/* WEBPAGE: /call/<button id> */
static int page_call(struct request *r)
{
	char id[CARD_BUTTON_ID_LEN];
	struct rec b, c;
	uint64_t card;
	if (load_button(r, id, &b, &c, &card) != 0)
		return 0;
	if (req_is_post(r))
		place(r, id, &b, &c, card);
	else
		show_call_page(r, 200, id, &b, &c, card, NULL);
	rec_free(&b);
	rec_free(&c);
	return 0;
}

/* The page record of /call/<kind>/<page token>, or a 404 sent. */
static int load_page(struct request *r, const char *prefix, char token[TOKEN_LEN], struct rec *page)
{
	if (path_id(r->path, prefix, TOKEN_LEN - 1, token) != 0 ||
	    call_page_get(NULL, token, page) != 0) {
		resp_error(r, 404, "There is no call at this link.");
		return -1;
	}
	return 0;
}

/* The call's state as the pages show it: the page's own while it is
 * scheduled, cancelled before it started or refused before the dialer had
 * it; else the dialer's, or "placing" before the dialer has it. */
static void status_of(const struct rec *page, struct call_status *st, char cost[32])
{
	cost[0] = '\0';
	const char *status = field(page, "status");
	int own = !strcmp(status, "scheduled") || !strcmp(status, "cancelled") ||
		  !strcmp(status, "failed");
	if (own || call_status_get(field(page, "order"), st) != 0 || !st->found) {
		memset(st, 0, sizeof *st);
		const char *state = "placing", *cause = "";
		if (!strcmp(status, "scheduled")) {
			state = "scheduled";
		} else if (!strcmp(status, "cancelled")) {
			state = "ended";
			cause = "cancelled";
		} else if (!strcmp(status, "failed")) {
			state = "ended";
			cause = *field(page, "cause") ? field(page, "cause") : "failed";
		}
		snprintf(st->state, sizeof st->state, "%s", state);
		snprintf(st->cause, sizeof st->cause, "%s", cause);
		snprintf(st->states, sizeof st->states, "%s", state);
		return;
	}
	int64_t minor;
	char currency[4];
	/* The recipient sees the price only when they pay some of it. */
	if (!strcmp(st->state, "ended") && call_settle(field(page, "order"), &minor, currency) == 0 &&
	    strcmp(field(page, "payer"), "owner"))
		snprintf(cost, 32, "%lld.%02lld %s", (long long)(minor / 100), (long long)(minor % 100),
			 currency);
}

/* The words of the state; a scheduled call says when. */
static const char *words_of(const struct rec *page, const struct call_status *st, char *buf,
			    size_t len)
{
	if (!strcmp(st->state, "ended"))
		return call_cause_words(st->cause);
	if (!strcmp(st->state, "scheduled")) {
		char when[64];
		sched_format_time(rec_get_int(page, "due", 0), when, sizeof when);
		snprintf(buf, len, "Your call is scheduled for %s. Then we call the card's owner, "
			 "and then you. You can cancel it until then.", when);
		return buf;
	}
	return call_state_words(st->state);
}

static int owner_unavailable(const struct call_status *st)
{
	return !strcmp(st->state, "ended") && call_cause_owner_unavailable(st->cause) &&
	       strcmp(st->cause, "owner_hung_up");
}

static int cancellable(const struct call_status *st)
{
	return strcmp(st->state, "ended") && strcmp(st->state, "connected");
}

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void status_to_hdf(HDF *hdf, const struct rec *page, const struct call_status *st,
			  const char *token)
{
	int ended = !strcmp(st->state, "ended");
	char words[300];
	hdf_set(hdf, "Call.token", token);
	hdf_set(hdf, "Call.state", st->state);
	hdf_set(hdf, "Call.cause", st->cause);
	hdf_set(hdf, "Call.words", words_of(page, st, words, sizeof words));
	hdf_set(hdf, "Call.masked", field(page, "masked"));
	hdf_set(hdf, "Call.mode", field(page, "mode"));
	hdf_set_int(hdf, "Call.ended", ended);
	hdf_set_int(hdf, "Call.cancellable", cancellable(st));
	hdf_set_int(hdf, "Call.owner_unavailable", owner_unavailable(st));
	hdf_set_int(hdf, "Call.rescheduled", rec_get_int(page, "rescheduled", 0));
	long long secs = ended ? (st->talk_ms + 999) / 1000
		       : st->connected_ms ? (now_ms() - st->connected_ms) / 1000 : 0;
	hdf_setf(hdf, "Call.duration", "%lld:%02lld", secs / 60, secs % 60);
	hdf_set_int(hdf, "Call.seconds", secs);
	/* Without script the page reloads itself: a scheduled call less often. */
	long long refresh = 2;
	if (!strcmp(st->state, "scheduled")) {
		refresh = rec_get_int(page, "due", 0) - (long long)time(NULL);
		refresh = refresh < 2 ? 2 : refresh > 30 ? 30 : refresh;
	}
	hdf_set_int(hdf, "Call.refresh", refresh);
}

/* "5 minutes", "7 days": the scheduling window in words. */
static void span_words(long s, char *out, size_t len)
{
	if (s < 120)
		snprintf(out, len, "%ld seconds", s);
	else if (s < 7200)
		snprintf(out, len, "%ld minutes", s / 60);
	else if (s < 2 * 86400)
		snprintf(out, len, "%ld hours", s / 3600);
	else
		snprintf(out, len, "%ld days", s / 86400);
}

/* The scheduling form's bounds, default and the time now, in UTC. */
static void schedule_form_to_hdf(HDF *hdf)
{
	int64_t now = (int64_t)time(NULL);
	long min = config_int("Call.ScheduleMinSeconds"), max = config_int("Call.ScheduleMaxSeconds");
	char buf[64];
	sched_input_time(now + min + 59, buf, sizeof buf);
	hdf_set(hdf, "Sched.min", buf);
	sched_input_time(now + max, buf, sizeof buf);
	hdf_set(hdf, "Sched.max", buf);
	/* An hour from now on a quarter hour, and never before the minimum. */
	int64_t def = now + (min > 3600 ? min : 3600);
	def += (900 - def % 900) % 900;
	if (def > now + max)
		def = now + max;
	sched_input_time(def, buf, sizeof buf);
	hdf_set(hdf, "Sched.value", buf);
	sched_format_time(now, buf, sizeof buf);
	hdf_set(hdf, "Sched.now", buf);
	span_words(min, buf, sizeof buf);
	hdf_set(hdf, "Sched.min_words", buf);
	span_words(max, buf, sizeof buf);
	hdf_set(hdf, "Sched.max_words", buf);
}

/* Renders the progress page of page; sched_error (may be NULL) is about
 * the scheduling form. */
static void show_progress(struct request *r, int status, const char *token, const struct rec *page,
			  const char *sched_error)
{
	struct call_status st;
	char cost[32];
	status_of(page, &st, cost);
	status_to_hdf(r->hdf, page, &st, token);
	hdf_set(r->hdf, "Call.cost", cost);
	const char *msg = req_param(r, "message");
	if (msg && (!strcmp(msg, "sent") || !strcmp(msg, "already") || !strcmp(msg, "refused")))
		hdf_set(r->hdf, "Call.message", msg);
	schedule_form_to_hdf(r->hdf);
	if (sched_error) {
		hdf_set(r->hdf, "Sched.error", sched_error);
		const char *when = req_param(r, "when");
		if (when)
			hdf_set(r->hdf, "Sched.value", when);
		const char *email = req_param(r, "email");
		if (email)
			hdf_set(r->hdf, "Sched.email", email);
	}
	struct rec c;
	uint64_t card = (uint64_t)rec_get_int(page, "card", 0);
	if (card_get(NULL, card, &c) == 0) {
		card_to_hdf(r->hdf, "Card", card, &c);
		hdf_set(r->hdf, "Page.Lang", field(&c, "lang"));
		rec_free(&c);
	}
	hdf_set(r->hdf, "Page.Title", "Your call");
	resp_header(r, "Cache-Control", "no-store");
	resp_page(r, status, "call_progress.cs");
}

/* WEBPAGE: /call/progress/<page token> */
static int page_progress(struct request *r)
{
	char token[TOKEN_LEN];
	struct rec page;
	if (load_page(r, "/call/progress/", token, &page) != 0)
		return 0;
	show_progress(r, 200, token, &page, NULL);
	rec_free(&page);
	return 0;
}

/* WEBPAGE: /call/status/<page token>: small JSON for the progress script.
 * Every value is from a fixed vocabulary or a number, except the words,
 * which are ours and hold no quote or backslash. */
static int page_status(struct request *r)
{
	char token[TOKEN_LEN];
	struct rec page;
	if (path_id(r->path, "/call/status/", TOKEN_LEN - 1, token) != 0 ||
	    call_page_get(NULL, token, &page) != 0) {
		resp_body(r, 404, "application/json", "{\"error\":\"not_found\"}", 21);
		return 0;
	}
	struct call_status st;
	char cost[32], words[300];
	status_of(&page, &st, cost);
	int ended = !strcmp(st.state, "ended");
	char body[2000];
	int n = snprintf(body, sizeof body,
			 "{\"state\":\"%s\",\"cause\":\"%s\",\"words\":\"%s\",\"states\":\"%s\",\"times\":\"%s\","
			 "\"connected_ms\":%lld,\"now_ms\":%lld,\"talk_ms\":%lld,\"ended\":%d,"
			 "\"cancellable\":%d,\"owner_unavailable\":%d,\"cost\":\"%s\",\"due\":%lld}",
			 st.state, st.cause, words_of(&page, &st, words, sizeof words), st.states, st.times,
			 (long long)st.connected_ms, (long long)now_ms(), (long long)st.talk_ms, ended,
			 cancellable(&st), owner_unavailable(&st), cost,
			 !strcmp(st.state, "scheduled") ? rec_get_int(&page, "due", 0) : 0LL);
	resp_header(r, "Cache-Control", "no-store");
	resp_body(r, 200, "application/json", body, n > 0 && (size_t)n < sizeof body ? (size_t)n : 0);
	rec_free(&page);
	return 0;
}

static int cancel_scheduled_txn(DB_TXN *txn, void *arg)
{
	const char *hash = arg;
	int rc = sched_cancel(txn, hash);
	if (rc == SCHED_NOT_WAITING) {
		/* Claimed but not started yet: the placer finds the page
		 * cancelled when it would start it, and stops. */
		struct rec page;
		if ((rc = call_page_get_hashed(txn, hash, &page)) != 0)
			return rc;
		const char *status = rec_get(&page, "status");
		rc = status && !strcmp(status, "scheduled") ? 0 : SCHED_NOT_WAITING;
		rec_free(&page);
	}
	return rc ? rc : call_page_set_txn(txn, hash, "status", "cancelled");
}

/* WEBPAGE: /call/cancel/<page token> (POST) */
static int page_cancel(struct request *r)
{
	char token[TOKEN_LEN];
	struct rec page;
	if (load_page(r, "/call/cancel/", token, &page) != 0)
		return 0;
	/* A scheduled call not yet started is cancelled here; once started it
	 * is the dialer's to cancel. */
	char hash[65];
	call_page_hash(token, hash);
	if (strcmp(field(&page, "status"), "scheduled") || db_txn_run(cancel_scheduled_txn, hash) != 0)
		call_cancel(field(&page, "order"));
	char to[128];
	snprintf(to, sizeof to, "/call/progress/%s", token);
	resp_redirect(r, to);
	rec_free(&page);
	return 0;
}

/* WEBPAGE: /call/calls: the calls made through each of the owner's cards. */
static int page_calls(struct request *r)
{
	if (call_history_to_hdf(r->hdf, "Cards", r->member_id) != 0) {
		resp_error(r, 500, "Your calls could not be read just now. Please try again.");
		return 0;
	}
	hdf_set(r->hdf, "Page.Title", "Calls through your cards");
	resp_header(r, "Cache-Control", "no-store");
	resp_page(r, 200, "call_list.cs");
	return 0;
}

struct message_arg {
	const struct rec *page;
	const char *text;
};

static int message_txn(DB_TXN *txn, void *arg)
{
	struct message_arg *a = arg;
	return call_message_put(txn, a->page, a->text);
}

/* WEBPAGE: /call/message/<page token> (POST): a message for the owner,
 * once per call, only when the owner could not take it. */
static int page_message(struct request *r)
{
	char token[TOKEN_LEN];
	struct rec page;
	if (load_page(r, "/call/message/", token, &page) != 0)
		return 0;
	struct call_status st;
	char cost[32], text[1200], why[200];
	status_of(&page, &st, cost);
	const char *in = req_param(r, "message");
	int rc = -1;
	if (!strcmp(st.state, "ended") && call_cause_owner_unavailable(st.cause) &&
	    in && check_text_block(in, text, sizeof text, why, sizeof why) == 0 && text[0]) {
		struct message_arg a = {&page, text};
		rc = db_txn_run(message_txn, &a);
	}
	char to[160];
	snprintf(to, sizeof to, "/call/progress/%s?message=%s", token,
		 rc == 0 ? "sent" : rc == CALL_MESSAGE_EXISTS ? "already" : "refused");
	resp_redirect(r, to);
	rec_free(&page);
	return 0;
}

/* WEBPAGE: /call/schedule/<page token> (POST): a call at a later time,
 * offered when the owner could not take this one. */
static int page_schedule(struct request *r)
{
	char token[TOKEN_LEN];
	struct rec page;
	if (load_page(r, "/call/schedule/", token, &page) != 0)
		return 0;
	struct call_status st;
	char cost[32];
	status_of(&page, &st, cost);
	if (!owner_unavailable(&st)) {
		show_progress(r, 409, token, &page,
			      "A call can be scheduled only when the owner could not take this one.");
		rec_free(&page);
		return 0;
	}
	char hash[65], new_token[TOKEN_LEN];
	call_page_hash(token, hash);
	struct sched_request q = {
		.old_page = &page, .old_hash = hash, .when = req_param(r, "when"),
		.email = req_param(r, "email"), .ip = r->remote_addr, .member = r->member_id,
	};
	const char *why = NULL;
	int status = sched_new(&q, new_token, &why);
	if (status != 0) {
		show_progress(r, status, token, &page, why);
		rec_free(&page);
		return 0;
	}
	char to[128];
	snprintf(to, sizeof to, "/call/progress/%s", new_token);
	resp_redirect(r, to);
	rec_free(&page);
	return 0;
}

static const struct route routes[] = {
	{"/call/message/", ROUTE_PREFIX | ROUTE_POST_ONLY, page_message},
	{"/call/schedule/", ROUTE_PREFIX | ROUTE_POST_ONLY, page_schedule},
	{"/call/calls", ROUTE_LOGIN, page_calls},
	{"/call/progress/", ROUTE_PREFIX, page_progress},
	{"/call/status/", ROUTE_PREFIX, page_status},
	{"/call/cancel/", ROUTE_PREFIX | ROUTE_POST_ONLY, page_cancel},
	{"/call/", ROUTE_PREFIX | ROUTE_GET_POST, page_call},
	{NULL, 0, NULL},
};

int main(void)
{
	return app_main("call", routes, card_data_load);
}
