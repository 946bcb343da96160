/* call_place.h: one press of a call button, from the credit hold to the
 * dialer's answer.
 *
 * Order of work, so that nothing is half-placed: check the payers' daily
 * spend cap, hold the payer's credit (ledger_hold gives the order's time
 * limit), store the page record, send PLACE; when the dialer does not take
 * the order, release the hold and mark the page record failed. A scheduled
 * call (lib/sched.h) goes the same way with the page record and order id
 * it was given when it was scheduled. */
#ifndef CALLCARD_CALL_PLACE_H
#define CALLCARD_CALL_PLACE_H
#include <stdint.h>

#include "token.h"

enum call_place_result {
	CALL_PLACED = 0,
	CALL_NO_CREDIT,     /* the payer cannot pay the first block */
	CALL_TOO_MANY,      /* the payer has as many calls open as allowed */
	CALL_NO_RATE,       /* no price for this destination */
	CALL_SPEND_CAP,     /* a payer reached the daily spend cap */
	CALL_DIALER_DOWN,   /* the dialer did not take the order; hold released */
	CALL_FAILED,        /* anything else; hold released */
	CALL_CANCELLED,     /* a scheduled call cancelled before it started */
};

struct call_press {
	const char *button, *owner_number, *dest, *mode, *payer, *lang;
	uint64_t card, owner_id, recipient_id;
};

/* Places the press; on CALL_PLACED page_token holds the new page token. */
enum call_place_result call_place(const struct call_press *p, char page_token[TOKEN_LEN]);

/* Places the scheduled call of the page record page_hash (status
 * "scheduled") under its order id. Safe to run again after a crash at any
 * point: an order the dialer already has is CALL_PLACED and never sent
 * twice (the dialer refuses a known id), and the hold is taken once per
 * order. On a refusal the page record is marked failed with the cause the
 * progress page shows. */
enum call_place_result call_place_scheduled(const struct call_press *p, const char *order,
					    const char *page_hash);

/* The cause a progress page shows for a refusal (insufficient_credit,
 * spend_limit, ...). */
const char *call_place_cause(enum call_place_result res);

/* Settles an ended call (idempotent: ledger_settle writes once) so the
 * payer's hold is freed as soon as anyone looks at the ended call; *cost
 * gets the call's price in minor units of currency. 0, or -1 when the
 * call cannot be settled yet (the nightly billing run retries it). */
int call_settle(const char *order, int64_t *cost, char currency[4]);

/* Sends CANCEL for order; 0 when the dialer took it. */
int call_cancel(const char *order);

#endif
