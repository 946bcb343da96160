/* sched_new.c: a recipient's request for a scheduled call. */
#include "sched.h"

#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "abuse.h"
#include "call_store.h"
#include "config.h"
#include "form.h"
#include "order_proto.h"
#include "token.h"

static const char *field(const struct rec *r, const char *name)
{
	const char *v = rec_get(r, name);
	return v ? v : "";
}

enum { ALREADY = 2201 };

struct new_arg {
	const struct sched_request *q;
	const char *hash, *order, *dest, *email;
	int64_t due;
	struct rec *page;
	enum abuse_verdict verdict;
};

static int new_txn(DB_TXN *txn, void *arg)
{
	struct new_arg *a = arg;
	struct rec old;
	a->verdict = ABUSE_OK;
	int rc = call_page_get_hashed(txn, a->q->old_hash, &old);
	if (rc != 0)
		return rc;
	int already = rec_get_int(&old, "rescheduled", 0) != 0;
	rec_free(&old);
	if (already)
		return ALREADY;
	/* The request rings the number at its time: it counts as an order. */
	rc = abuse_count_order(txn, a->q->ip, (uint64_t)rec_get_int(a->q->old_page, "card", 0),
			       a->dest, (int64_t)time(NULL), &a->verdict);
	if (rc != 0 || a->verdict != ABUSE_OK)
		return rc;
	rc = call_page_put(txn, a->hash, a->page, 0);
	if (rc != 0)
		return rc;
	struct rec call;
	rec_init(&call);
	rec_set_int(&call, "due", (long long)a->due);
	rec_set(&call, "button", field(a->q->old_page, "button"));
	rec_set(&call, "dest", a->dest);
	rec_set(&call, "email", a->email);
	rec_set(&call, "ip", a->q->ip ? a->q->ip : "");
	rec_set_int(&call, "recipient", rec_get_int(a->page, "recipient", 0));
	rec_set(&call, "order", a->order);
	rec_set_int(&call, "created", (long long)time(NULL));
	rc = sched_put(txn, a->hash, &call);
	rec_free(&call);
	return rc ? rc : call_page_set_txn(txn, a->q->old_hash, "rescheduled", "1");
}

static int64_t now_ms(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

/* The window's bound as a sentence (the form states the window anyway). */
static const char *window_why(const char *fmt, long s)
{
	static char buf[160];
	if (s < 120)
		snprintf(buf, sizeof buf, fmt, s, "seconds");
	else if (s < 7200)
		snprintf(buf, sizeof buf, fmt, s / 60, "minutes");
	else if (s < 2 * 86400)
		snprintf(buf, sizeof buf, fmt, s / 3600, "hours");
	else
		snprintf(buf, sizeof buf, fmt, s / 86400, "days");
	return buf;
}

int sched_new(const struct sched_request *q, char new_token[TOKEN_LEN], const char **why)
{
	int64_t due, now = (int64_t)time(NULL);
	if (sched_parse_time(q->when, &due) != 0) {
		*why = "Give the date and time of the call (in UTC), like 2026-11-24 18:30.";
		return 422;
	}
	long min = config_int("Call.ScheduleMinSeconds"), max = config_int("Call.ScheduleMaxSeconds");
	if (due < now + min) {
		*why = min > 0 ? window_why("Pick a time at least %ld %s from now.", min)
			       : "Pick a time that is still to come.";
		return 422;
	}
	if (due > now + max) {
		*why = window_why("Pick a time within %ld %s from now.", max);
		return 422;
	}
	char email[256] = "", ewhy[200];
	if (q->email && *q->email && check_email(q->email, email, sizeof email, ewhy, sizeof ewhy) != 0) {
		*why = "This e-mail address does not look right. Leave it empty or correct it.";
		return 422;
	}
	char dest[ORDER_DEST_MAX + 1];
	if (call_order_dest(field(q->old_page, "order"), dest, sizeof dest) != 0) {
		*why = "This call cannot be scheduled again. Please press the call button once more.";
		return 409;
	}
	const char *mode = field(q->old_page, "mode");
	enum abuse_verdict v = strcmp(mode, "pc") ? abuse_check_destination(dest)
						  : abuse_check_softphone(dest);
	if (v != ABUSE_OK) {
		*why = abuse_message(v);
		return 403;
	}
	const char *payer = field(q->old_page, "payer");
	uint64_t recipient = (uint64_t)rec_get_int(q->old_page, "recipient", 0);
	if (!recipient)
		recipient = q->member;
	if (strcmp(payer, "owner") && !recipient) {
		*why = "You pay for this call (or share it): log in to your account first.";
		return 403;
	}

	char order[TOKEN_LEN], hash[65], masked[64];
	token_new(order);
	token_new(new_token);
	call_page_hash(new_token, hash);
	struct rec page;
	rec_init(&page);
	rec_set(&page, "order", order);
	rec_set(&page, "button", field(q->old_page, "button"));
	rec_set(&page, "card", field(q->old_page, "card"));
	rec_set(&page, "owner", field(q->old_page, "owner"));
	rec_set_int(&page, "recipient", (long long)recipient);
	rec_set(&page, "payer", payer);
	rec_set(&page, "mode", mode);
	call_mask_dest(dest, masked, sizeof masked);
	rec_set(&page, "masked", masked);
	rec_set_int(&page, "created", now_ms());
	rec_set_int(&page, "due", (long long)due);
	rec_set(&page, "status", "scheduled");
	struct new_arg a = {q, hash, order, dest, email, due, &page, ABUSE_OK};
	int rc = db_txn_run(new_txn, &a);
	rec_free(&page);
	if (rc == ALREADY) {
		*why = "A call was already scheduled from this page.";
		return 409;
	}
	if (rc != 0) {
		*why = "The call could not be scheduled. Please try again.";
		return 500;
	}
	if (a.verdict != ABUSE_OK) {
		*why = abuse_message(a.verdict);
		return 429;
	}
	return 0;
}
