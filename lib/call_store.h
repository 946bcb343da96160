/* call_store.h: what the call pages keep about each order they placed.
 *
 * TBL_GENERIC "callpage:" + hex hash of the page token -> {order, button,
 *   card, owner, payer, mode, masked, recipient, created (unix ms), status
 *   (scheduled|placing|placed|failed|cancelled), cause (why it failed),
 *   due (unix s, a scheduled call), rescheduled (1: a call was scheduled
 *   from this page)}: the progress page's only way to an order; only the
 *   hash is stored, so the database does not hold the bearer. A scheduled
 *   call's page has its order id from the start; the dialer learns it
 *   when the call is placed (lib/sched.h).
 * TBL_GENERIC "callcard:" + card (u64 BE) + created (u64 BE ms) + order
 *   -> {order, masked, created, payer, message}: a card's calls, oldest
 *   first; message is what the caller left when the owner could not talk.
 * The order's states, cause and CDR are the dialer's (sbin/dialerd/store.c). */
#ifndef CALLCARD_CALL_STORE_H
#define CALLCARD_CALL_STORE_H
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "rec.h"

/* The hex hash of a page token: the key of its records. */
void call_page_hash(const char *page_token, char hash[65]);
/* Writes the page record (it must be new) and, when listed, the card's
 * list entry in txn. */
int call_page_put(DB_TXN *txn, const char *page_hash, const struct rec *page, int listed);
/* The page record of a page token: 0, DB_NOTFOUND or a DB error. */
int call_page_get(DB_TXN *txn, const char *page_token, struct rec *page);
int call_page_get_hashed(DB_TXN *txn, const char *page_hash, struct rec *page);
/* Sets field of the page record to value, in txn. */
int call_page_set_txn(DB_TXN *txn, const char *page_hash, const char *field, const char *value);
/* Sets status (and cause, when not NULL) of the page record in a
 * transaction of its own. */
int call_page_set_status(const char *page_hash, const char *status, const char *cause);
/* A scheduled page becomes a call being placed: status placing, created
 * now (unix ms), and the card's list entry; in txn. CALL_PAGE_NOT_SCHEDULED
 * (nothing written) when the page is not waiting as scheduled. */
enum { CALL_PAGE_NOT_SCHEDULED = 2002 };
int call_page_start(DB_TXN *txn, const char *page_hash, int64_t created_ms);

/* "+82 10 •••• 78"-style masking of a number or SIP address for lists. */
void call_mask_dest(const char *dest, char *out, size_t outlen);

/* The order as the dialer left it: last state and cause ("" when none),
 * the events' states in order (space-separated), the connected and ended
 * times (unix ms, 0 when not) and the talk time from the CDR. */
struct call_status {
	char state[32], cause[40];
	char states[400];
	char times[400];           /* unix ms of each of states */
	int64_t connected_ms, ended_ms, talk_ms;
	int found;
};
int call_status_get(const char *order, struct call_status *st);
/* What leg B of order dialled (the dialer's order record): 0 or -1. */
int call_order_dest(const char *order, char *dest, size_t len);

/* Stores the caller's message with the call of page (once: a second one
 * is CALL_MESSAGE_EXISTS). In txn. */
enum { CALL_MESSAGE_EXISTS = 2001 };
int call_message_put(DB_TXN *txn, const struct rec *page, const char *text);

/* Calls fn for each call of card, oldest first. */
typedef int (*call_each_fn)(const struct rec *entry, void *arg);
int call_each_of_card(uint64_t card, call_each_fn fn, void *arg);

#endif
