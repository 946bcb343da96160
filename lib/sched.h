/* sched.h: scheduled calls: a recipient whose call the owner could not
 * take picks a time, and sbin/callsched places the call then, through the
 * same path as a press (lib/call_place.h), re-checking the destination
 * policy, the daily spend cap and the payer's credit.
 *
 * Records (TBL_GENERIC), keyed by the hash of the scheduled call's page
 * token (its page record, lib/call_store.h, has status "scheduled" and
 * the order id the call will get):
 *   "sched:" + hash -> {state (waiting|claimed|done|cancelled), due (unix s),
 *     button, dest, email, ip, recipient, order, created, claimed, outcome}
 *   "schedq:" + due (u64 BE) + hash -> "": the waiting calls by due time
 *   "schedrun:" + hash -> "": claimed calls not yet done
 * A call is claimed in one transaction (waiting -> claimed, out of the
 * queue, into the run list) before it is placed, so two placers never take
 * the same call; a placer killed after the claim leaves it in the run
 * list, and the next one finishes it under the same order id, which the
 * dialer and the ledger each take at most once. */
#ifndef CALLCARD_SCHED_H
#define CALLCARD_SCHED_H
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "rec.h"

enum {
	SCHED_NOT_WAITING = 2101, /* claimed, placed or cancelled already */
};

#define SCHED_HASH_LEN 65 /* 64 hex digits + NUL */

/* Stores a waiting call (fields as above, state set here) in txn. */
int sched_put(DB_TXN *txn, const char *hash, struct rec *call);
/* The call's record: 0, DB_NOTFOUND or a DB error. txn may be NULL. */
int sched_get(DB_TXN *txn, const char *hash, struct rec *call);

/* A waiting call becomes cancelled, in txn; SCHED_NOT_WAITING otherwise. */
int sched_cancel(DB_TXN *txn, const char *hash);

/* Up to max waiting calls due at now (unix s), earliest first, into
 * hashes; *n gets their count. */
int sched_due(int64_t now, char (*hashes)[SCHED_HASH_LEN], int max, int *n);
/* Up to max claimed calls that are not done (left by a placer that died). */
int sched_running(char (*hashes)[SCHED_HASH_LEN], int max, int *n);

/* Claims a waiting call in a transaction of its own: 0 when this caller
 * now owns it, SCHED_NOT_WAITING when it was not waiting. */
int sched_claim(const char *hash, int64_t now);
/* Marks a claimed call done with its outcome (own transaction). */
int sched_finish(const char *hash, const char *outcome);

/* A recipient asks for a call at when (text from the form) from the page
 * of a call the owner could not take (old_page, its hash old_hash): checks
 * the time window (Call.ScheduleMinSeconds..ScheduleMaxSeconds ahead), the
 * destination policy and the IP, card and number limits (the request
 * counts as an order), then stores the page record of the scheduled call,
 * the call and the old page's mark in one transaction. 0 and new_token
 * (the new page's token), or an HTTP status with a sentence in *why. */
struct sched_request {
	const struct rec *old_page;
	const char *old_hash, *when, *email, *ip;
	uint64_t member; /* the logged-in visitor, 0 when none */
};
int sched_new(const struct sched_request *q, char new_token[44], const char **why);

/* Places one claimed call (lib/call_place.h): re-reads its button and
 * card (still live), re-checks the destination policy, then the spend
 * cap and credit; mails the credit refusal as a press does; finishes it.
 * Returns the outcome's cause ("placed", "insufficient_credit", ...). */
const char *sched_run(const char *hash);

/* Time on the form and on the page: UTC, "YYYY-MM-DDTHH:MM[:SS]" (a space
 * may stand for the T). 0 and *t, or -1. */
int sched_parse_time(const char *text, int64_t *t);
/* "Tue 24 Nov 2026, 18:05 UTC" */
void sched_format_time(int64_t t, char *out, size_t outlen);
/* "2026-11-24T18:05" (an <input type=datetime-local> value) */
void sched_input_time(int64_t t, char *out, size_t outlen);

#endif
