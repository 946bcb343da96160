/* ledger.h: prepaid accounts, the ledger, credit holds and call settlement.
 *
 * Every movement of money or mileage is one ledger entry with a cause,
 * written in the same transaction as the balance change, and at most once
 * per (cause, payer, kind): the key "<cause>|<payer id>|<kind>" is put in
 * TBL_LEDGER_CAUSES with DB_NOOVERWRITE in that transaction.
 *
 * Causes and kinds:
 *   credit:<n>       credit      an operator's credit (n from counter "credit")
 *   credit:once:<t>  credit      an operator's credit from a form carrying t
 *   voucher:<code>   voucher     a redeemed top-up voucher (voucher.h)
 *   <caller's cause> mileage     mileage earned ("signup:<id>", "purchase:<id>")
 *   call:<order id>  charge      money debited for a call (also when 0)
 *   call:<order id>  mileage     mileage points spent on a call
 *   call:<order id>  correction.<n>  a re-rating's money correction
 *
 * Records:
 *   TBL_ACCOUNTS  member id (u64 BE) -> {balance, currency, mileage, held,
 *                 held_mileage, calls}; balance and held in minor units,
 *                 mileage and held_mileage in points, calls = holds open.
 *   TBL_LEDGER    entry id (u64 BE, counter "ledger") -> {member, cause,
 *                 kind, money, mileage, currency, time, balance_after,
 *                 mileage_after, note, ...}; money and mileage are signed
 *                 deltas (a debit is negative).
 *   TBL_GENERIC   "ledgerm:" + member (u64 BE) + entry (u64 BE) -> "":
 *                 a member's entries in order.
 *   TBL_HOLDS     "<order id>|<payer id>" -> {member, order, money,
 *                 mileage, seconds, created}.
 *   TBL_GENERIC   "bill:<order id>" -> {payer, owner_id, recipient_id,
 *                 owner_percent, a_dest, b_dest, created}: who pays a call,
 *                 written with its hold and kept for checks and re-rating.
 *
 * What settlement reads (the dialer writes the CDR, sbin/dialerd/store.c):
 *   TBL_CDRS, key = order id (text), a record with, per leg x in {a, b}
 *   (a: the owner's leg, b: the recipient's):
 *     x_target   what the leg dialled: "+" and E.164 digits, rated by
 *                longest prefix; a "sip:" URI or empty is on-net and free
 *     x_answer   unix time in ms the leg was answered; 0 or absent: never
 *                (the leg costs nothing)
 *     x_end      unix time in ms the leg ended
 *   and ended > 0 (unix ms): the call is over and the CDR complete; only
 *   such a CDR is settled. A leg lasts ceil((x_end - x_answer) / 1000)
 *   seconds and is rated at its answer time.
 *   Who pays is what ledger_hold() recorded for the order in TBL_GENERIC
 *   "bill:<order id>" (payer, owner_id, recipient_id, owner_percent); a CDR
 *   or an order record (TBL_ORDERS) carrying those fields itself (payer =
 *   owner | recipient | split, member ids in decimal, owner_percent 0..100,
 *   default 50) takes precedence, CDR first. So every call must be held
 *   before it is placed.
 *
 * The dialer's time limit: ledger_hold() returns the longest talk time
 * the payers' credit allows (the order's max); the dialer cuts the call
 * that long after the legs are bridged. Leg A was answered before the
 * bridge, so the hold prices it at that time plus policy.setup_seconds
 * (the owner's confirmation and the recipient's ringing). Both legs are
 * priced one second longer than that: the cut lands a few milliseconds
 * after the limit, and a leg's milliseconds round up to a whole second,
 * so a call cut at its limit is never charged more than was held.
 *
 * Mileage: policy.mileage_per_minute points buy 60 free seconds. At
 * settlement each payer's share of billed seconds is covered by mileage
 * first; money pays the rest of the share's cost in proportion to the
 * seconds mileage did not cover (rounded up to a minor unit). */
#ifndef CALLCARD_LEDGER_H
#define CALLCARD_LEDGER_H
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "rate.h"

/* Results besides 0 and Berkeley DB's own (negative) codes. */
enum {
	LEDGER_DUPLICATE = 1001,   /* this (cause, payer, kind) is already written */
	LEDGER_UNKNOWN_MEMBER,
	LEDGER_BAD_AMOUNT,         /* negative, zero where not allowed, or absurd */
	LEDGER_CURRENCY,           /* the account holds another currency */
	LEDGER_INSUFFICIENT,       /* below the limit or the first billing block */
	LEDGER_TOO_MANY_CALLS,
	LEDGER_NO_RATE,            /* a destination has no valid rate */
	LEDGER_BAD_CALL,           /* order/CDR fields missing or malformed */
	LEDGER_NOT_CLOSED,         /* the CDR is still open */
	LEDGER_NO_CDR,
	LEDGER_UNKNOWN_VOUCHER,
	LEDGER_VOUCHER_USED,
	LEDGER_OVERFLOW,
	LEDGER_NOT_SETTLED,        /* re-rating a call never charged */
};

const char *ledger_strerror(int rc);

struct ledger_policy {
	char currency[4];          /* currency of new accounts */
	int64_t min_credit;        /* refuse a call below this available money */
	int max_calls;             /* concurrent calls per payer */
	int64_t max_call_seconds;  /* cap on one call's time limit (and its hold) */
	int64_t setup_seconds;     /* leg A's longest time from answer to the bridge */
	int64_t mileage_per_minute; /* points for 60 free seconds; 0: mileage not spendable */
	int64_t max_amount;        /* largest single credit or voucher, minor units */
	int64_t max_balance;       /* largest balance an account may reach */
	int64_t low_balance;       /* notify below this available money; 0: never */
};

/* Embedded defaults: EUR, min_credit 50, 2 calls, 3600 s, setup 90 s,
 * 10 points a minute, max_amount 1,000,000 (10,000.00), max_balance
 * 100,000,000, low_balance 1,000 (10.00). */
void ledger_policy_defaults(struct ledger_policy *p);
/* Defaults overridden by Billing.Currency, Billing.MinCredit,
 * Billing.MaxCalls, Billing.MaxCallSeconds, Billing.SetupSeconds,
 * Billing.MileagePerMinute, Billing.MaxAmount, Billing.MaxBalance,
 * Billing.LowBalance of the loaded configuration (when present). -1 and
 * err on a bad value. */
int ledger_policy_from_config(struct ledger_policy *p, char *err, size_t errlen);

struct ledger_account {
	int64_t balance, held;          /* minor units */
	int64_t mileage, held_mileage;  /* points */
	int64_t calls;
	char currency[4];               /* "" until the first movement */
};

/* The account of member (all zero when none yet). 0, LEDGER_UNKNOWN_MEMBER
 * or a DB error. txn may be NULL. */
int ledger_account_get(DB_TXN *txn, uint64_t member, struct ledger_account *a);

/* One movement inside the caller's txn: checks the member, the amounts
 * (|money|, |mileage| <= max_amount unless from a call) and the currency,
 * refuses LEDGER_DUPLICATE when (cause, member, kind) exists, else writes
 * the cause key, the entry and the new balances. extra (may be NULL) adds
 * its fields to the entry. allow_negative lets a call's charge take the
 * balance below zero (it was reserved; re-rating may exceed it). */
struct ledger_post {
	uint64_t member;
	const char *cause, *kind, *note;
	int64_t money, mileage;
	const char *currency;     /* NULL: the account's (or policy's) */
	int allow_negative;
	const struct rec *extra;
};
int ledger_post_txn(DB_TXN *txn, const struct ledger_policy *pol,
		    const struct ledger_post *p, uint64_t *entry);

/* An operator's credit of amount (1..max_amount) with a reason; its own
 * transaction. *entry (may be NULL) gets the entry id. */
int ledger_credit(const struct ledger_policy *pol, uint64_t member, int64_t amount,
		  const char *reason, uint64_t *entry);
/* The same credit, written at most once for the token once (1..64 of
 * A-Z a-z 0-9 - _, e.g. a form's): cause "credit:once:<once>". Again for
 * the same once and member: LEDGER_DUPLICATE, nothing written, and *entry
 * the first credit's entry. LEDGER_BAD_CALL for a malformed once. */
int ledger_credit_once(const struct ledger_policy *pol, uint64_t member, int64_t amount,
		       const char *reason, const char *once, uint64_t *entry);

/* Mileage earned once per cause ("signup:<id>", "purchase:<id>"). */
int ledger_award_mileage(const struct ledger_policy *pol, uint64_t member, int64_t points,
			 const char *cause, const char *note);

/* Calls fn(entry id, entry record, arg) for member's entries, oldest
 * first; fn returns non-zero to stop. */
typedef int (*ledger_entry_fn)(uint64_t id, const struct rec *entry, void *arg);
int ledger_each_entry(DB_TXN *txn, uint64_t member, ledger_entry_fn fn, void *arg);

/* ---- the rate table in use ----
 * TBL_GENERIC "rates:table" holds the text of the operator's rate file,
 * "rates:loaded" the unix time it was stored. Every process parses the
 * same text, so the web side, the dialer and billing rate alike. */

/* Parse text and, only when the whole of it is valid, store it; else -1
 * with "line N: reason" in err and the table in use unchanged. *count
 * (may be NULL) gets the number of rates. */
int ledger_rates_store(const char *text, size_t len, size_t *count, char *err, size_t errlen);
/* The table in use: 0 and *out, or -1 with err (none stored yet, or a
 * stored text that no longer parses). */
int ledger_rates_load(struct rate_table **out, char *err, size_t errlen);

/* ---- calls ---- */

enum ledger_payer { PAYER_OWNER, PAYER_RECIPIENT, PAYER_SPLIT };
/* "owner" | "recipient" | "split"; -1 otherwise. */
int ledger_payer_parse(const char *s);

struct ledger_call {
	const char *order_id;     /* 1..100 characters, no '|' */
	enum ledger_payer payer;
	uint64_t owner_id, recipient_id;
	int owner_percent;        /* split only, 0..100 */
	const char *a_dest, *b_dest; /* "+E.164"; a sip: URI or "" is on-net */
	/* The most money the hold may take from the owner / the recipient
	 * beyond the first billing block (what is left of a daily spend
	 * cap); 0: no limit but their credit. */
	int64_t owner_money_limit, recipient_money_limit;
};

/* Reserve credit before the dialer rings: for each payer, refuse with
 * LEDGER_INSUFFICIENT when their available credit (balance - held, plus
 * unheld mileage) cannot pay the first billing block of their share of
 * both legs, or when available money is below min_credit and mileage
 * alone cannot pay that first block; LEDGER_TOO_MANY_CALLS at max_calls.
 * Otherwise hold, in one transaction for all payers, what the longest
 * affordable talk time costs, and return that time in *seconds (at most
 * max_call_seconds). A second call for the same order returns the time
 * already held. now is unix seconds (rate validity). */
int ledger_hold(const struct ledger_policy *pol, const struct rate_table *rates,
		const struct ledger_call *call, int64_t now, int64_t *seconds);

/* Release the holds of order (a call that never happened), one txn. */
int ledger_release(const char *order_id);

/* What one payer owes for a call. */
struct ledger_share {
	uint64_t member;
	int64_t seconds;  /* billed seconds of the share */
	int64_t cost;     /* share of the legs' cost, minor units */
	int64_t mileage;  /* points spent */
	int64_t money;    /* minor units debited */
};

struct ledger_settlement {
	int payers;                  /* 1 or 2 */
	struct ledger_share share[2];
	int64_t a_seconds, b_seconds, a_cost, b_cost;
	int already;                 /* 1: was settled before, nothing written */
};

/* Settle a closed CDR: rate each leg on its destination at its answer
 * time, debit each payer (mileage first, then money) and release the
 * call's holds, all in one transaction. Settling again writes nothing and
 * sets out->already. LEDGER_NO_CDR, LEDGER_NOT_CLOSED, LEDGER_BAD_CALL,
 * LEDGER_NO_RATE on bad input. */
int ledger_settle(const struct ledger_policy *pol, const struct rate_table *rates,
		  const char *order_id, struct ledger_settlement *out);

/* 1 when the call is charged (settlement writes the charge entries of
 * all its payers in one transaction), 0 when not, or an error. */
int ledger_call_settled(DB_TXN *txn, const char *order_id);

/* The money each payer of a settled call should have been charged under
 * rates (with the mileage actually spent) against what the ledger holds
 * for the call: diff[i] = ledger - expected (0 when they agree; expected
 * charges are negative). */
struct ledger_call_check {
	int settled;              /* 0: no charge entry yet (ledger[] are 0) */
	int payers;
	uint64_t member[2];
	int64_t expected[2], ledger[2], diff[2];
};
int ledger_call_check(DB_TXN *txn, const struct ledger_policy *pol,
		      const struct rate_table *rates, const char *order_id,
		      struct ledger_call_check *out);

/* Re-rate a settled call under rates: writes one correction entry per
 * payer whose ledger differs from the new price (never a second charge).
 * *corrections gets how many were written. */
int ledger_rerate(const struct ledger_policy *pol, const struct rate_table *rates,
		  const char *order_id, int *corrections);

/* The pure part, shared by holds, settlement and checks. A payer's share
 * of the legs' total cost and billed seconds: all of it for a sole payer
 * (owner_percent 100 for the owner, 0 for the recipient); under split the
 * owner gets owner_percent rounded down and the recipient the rest, so
 * the shares always add up. Mileage covers up to covered_max seconds of
 * the share; money pays ceil(cost x uncovered / seconds). */
struct ledger_leg {
	int64_t cost, billed;
};
int ledger_share_compute(const struct ledger_policy *pol, const struct ledger_leg legs[2],
			 int owner_percent, int is_recipient, int64_t covered_max,
			 struct ledger_share *out);
/* Seconds that points of mileage can cover: floor(points x 60 / rate). */
int64_t ledger_mileage_seconds(const struct ledger_policy *pol, int64_t points);

#endif
