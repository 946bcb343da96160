/* ledger_int.h: helpers shared by ledger.c, ledger_call.c,
 * ledger_settle.c and voucher.c; not for other modules. */
#ifndef CALLCARD_LEDGER_INT_H
#define CALLCARD_LEDGER_INT_H
#include <stddef.h>
#include <stdint.h>

#include "ledger.h"

/* No balance or amount ever reaches this (10^15 minor units); sums of
 * such values cannot overflow int64_t. */
#define LEDGER_MONEY_LIMIT 1000000000000000LL

/* 0, LEDGER_UNKNOWN_MEMBER or a DB error. */
int ledger_member_exists(DB_TXN *txn, uint64_t member);
/* Zeroed account when absent; flags may be DB_RMW. */
int ledger_account_load(DB_TXN *txn, uint64_t member, struct ledger_account *a,
			uint32_t flags);
int ledger_account_store(DB_TXN *txn, uint64_t member, const struct ledger_account *a);
/* "<cause>|<member>|<kind>" into buf; its length, or -1 when too long. */
int ledger_cause_key(char *buf, size_t len, const char *cause, uint64_t member,
		     const char *kind);

/* ---- calls (ledger_call.c) ---- */

#define LEDGER_ORDER_MAX 100 /* longest order id */

/* Who pays a call: one or two members and the owner's percentage. */
struct ledger_payers {
	int n;
	uint64_t member[2];
	int is_recipient[2];
	int owner_percent;
};

int ledger_payers_of(enum ledger_payer payer, uint64_t owner, uint64_t recipient,
		     int percent, struct ledger_payers *p);
/* 1..LEDGER_ORDER_MAX characters without '|'. */
int ledger_order_id_ok(const char *id);
/* The rate of dest at when: 0 with NULL for an on-net leg (no dest),
 * LEDGER_NO_RATE when dest has none. */
int ledger_leg_rate(const struct rate_table *rates, const char *dest, int64_t when,
		    const struct rate **r);
/* Cost and billed seconds of a leg of seconds at r (0 for NULL). */
void ledger_leg_at(const struct rate *r, int64_t seconds, struct ledger_leg *leg);
/* Delete every hold of order, giving its amounts back, inside txn. */
int ledger_release_holds_txn(DB_TXN *txn, const char *order);
/* 1 when member has the charge entry of order, 0 when not, or an error. */
int ledger_has_charge(DB_TXN *txn, const char *order, uint64_t member);

#endif
