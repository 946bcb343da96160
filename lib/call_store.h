/* call_store.h: what the call pages keep about each order they placed.
 *
 * TBL_GENERIC "callpage:" + hex hash of the page token -> {order, button,
 *   card, owner, payer, mode, masked, created (unix ms), status
 *   (placing|placed|failed)}: the progress page's only way to an order;
 *   only the hash is stored, so the database does not hold the bearer.
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

/* Writes the page record and the card's list entry in txn. */
int call_page_put(DB_TXN *txn, const char *page_token, const struct rec *page);
/* The page record of a page token: 0, DB_NOTFOUND or a DB error. */
int call_page_get(DB_TXN *txn, const char *page_token, struct rec *page);
/* Sets status of the page record (own transaction). */
int call_page_set_status(const char *page_token, const char *status);

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

/* Stores the caller's message with the call of page (once: a second one
 * is CALL_MESSAGE_EXISTS). In txn. */
enum { CALL_MESSAGE_EXISTS = 2001 };
int call_message_put(DB_TXN *txn, const struct rec *page, const char *text);

/* Calls fn for each call of card, oldest first. */
typedef int (*call_each_fn)(const struct rec *entry, void *arg);
int call_each_of_card(uint64_t card, call_each_fn fn, void *arg);

#endif
