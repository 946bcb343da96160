/* ledger_call.c: who pays a call and what their share is, and the credit
 * held for a call while it lasts. Settlement is in ledger_settle.c. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger.h"
#include "ledger_int.h"
#include "rec.h"

int ledger_payer_parse(const char *s)
{
	if (!s)
		return -1;
	if (!strcmp(s, "owner"))
		return PAYER_OWNER;
	if (!strcmp(s, "recipient"))
		return PAYER_RECIPIENT;
	if (!strcmp(s, "split"))
		return PAYER_SPLIT;
	return -1;
}

int64_t ledger_mileage_seconds(const struct ledger_policy *pol, int64_t points)
{
	if (pol->mileage_per_minute <= 0 || points <= 0)
		return 0;
	return points * 60 / pol->mileage_per_minute;
}

int ledger_share_compute(const struct ledger_policy *pol, const struct ledger_leg legs[2],
			 int owner_percent, int is_recipient, int64_t covered_max,
			 struct ledger_share *out)
{
	int64_t cost = legs[0].cost + legs[1].cost, secs = legs[0].billed + legs[1].billed;
	int64_t uncovered_cost;
	memset(out, 0, sizeof *out);
	if (owner_percent < 0 || owner_percent > 100 || legs[0].cost < 0 || legs[1].cost < 0 ||
	    legs[0].billed < 0 || legs[1].billed < 0 || covered_max < 0)
		return LEDGER_BAD_CALL;
	/* Leg costs are bounded by rate.h's limits, far below 10^16. */
	int64_t owner_cost = cost * owner_percent / 100, owner_secs = secs * owner_percent / 100;
	out->cost = is_recipient ? cost - owner_cost : owner_cost;
	out->seconds = is_recipient ? secs - owner_secs : owner_secs;
	int64_t covered = pol->mileage_per_minute > 0 ? covered_max : 0;
	if (covered > out->seconds)
		covered = out->seconds;
	out->mileage = (covered * pol->mileage_per_minute + 59) / 60;
	if (out->seconds == 0) {
		out->money = out->cost;
		return 0;
	}
	if (__builtin_mul_overflow(out->cost, out->seconds - covered, &uncovered_cost))
		return LEDGER_OVERFLOW;
	out->money = (uncovered_cost + out->seconds - 1) / out->seconds;
	return 0;
}

/* ---- who pays ---- */

int ledger_payers_of(enum ledger_payer payer, uint64_t owner, uint64_t recipient, int percent,
		     struct ledger_payers *p)
{
	memset(p, 0, sizeof *p);
	switch (payer) {
	case PAYER_OWNER:
		p->n = 1, p->member[0] = owner, p->owner_percent = 100;
		break;
	case PAYER_RECIPIENT:
		p->n = 1, p->member[0] = recipient, p->is_recipient[0] = 1, p->owner_percent = 0;
		break;
	case PAYER_SPLIT:
		if (percent < 0 || percent > 100 || owner == recipient)
			return LEDGER_BAD_CALL;
		p->n = 2, p->member[0] = owner, p->member[1] = recipient, p->is_recipient[1] = 1;
		p->owner_percent = percent;
		break;
	default:
		return LEDGER_BAD_CALL;
	}
	for (int i = 0; i < p->n; i++)
		if (p->member[i] == 0)
			return LEDGER_BAD_CALL;
	return 0;
}

int ledger_order_id_ok(const char *id)
{
	return id && *id && strlen(id) <= LEDGER_ORDER_MAX && !strchr(id, '|');
}

/* A destination's rate at when; NULL with 0 for an on-net leg. */
int ledger_leg_rate(const struct rate_table *rates, const char *dest, int64_t when,
		    const struct rate **r)
{
	*r = NULL;
	if (!dest || !*dest || !strncmp(dest, "sip:", 4) || !strncmp(dest, "sips:", 5))
		return 0;
	if (!rates)
		return LEDGER_NO_RATE;
	*r = rate_lookup(rates, dest, when);
	return *r ? 0 : LEDGER_NO_RATE;
}

void ledger_leg_at(const struct rate *r, int64_t seconds, struct ledger_leg *leg)
{
	leg->cost = r ? rate_cost(r, seconds) : 0;
	leg->billed = r ? rate_billed_seconds(r, seconds) : 0;
}

/* ---- holds ---- */

static int hold_key(char *buf, size_t len, const char *order, uint64_t member)
{
	int n = snprintf(buf, len, "%s|%" PRIu64, order, member);
	return n < 0 || (size_t)n >= len ? -1 : n;
}

struct hold_keys {
	int n;
	char key[8][LEDGER_ORDER_MAX + 32];
	int64_t seconds;
};

static int collect_hold(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	struct hold_keys *h = arg;
	struct rec r;
	if (h->n == 8 || klen >= sizeof h->key[0])
		return 0;
	memcpy(h->key[h->n], key, klen);
	h->key[h->n][klen] = '\0';
	h->n++;
	if (rec_decode(&r, val, vlen) == 0) {
		h->seconds = rec_get_int(&r, "seconds", 0);
		rec_free(&r);
	}
	return 0;
}

static int holds_of(DB_TXN *txn, const char *order, struct hold_keys *h)
{
	char prefix[LEDGER_ORDER_MAX + 2];
	int n = snprintf(prefix, sizeof prefix, "%s|", order);
	memset(h, 0, sizeof *h);
	return db_each_prefix(TBL_HOLDS, txn, prefix, (size_t)n, collect_hold, h);
}

/* Delete every hold of order and give its amounts back to the account. */
int ledger_release_holds_txn(DB_TXN *txn, const char *order)
{
	struct hold_keys h;
	int rc = holds_of(txn, order, &h);
	for (int i = 0; rc == 0 && i < h.n; i++) {
		struct rec r;
		struct ledger_account a;
		rc = db_get_rec(TBL_HOLDS, txn, h.key[i], strlen(h.key[i]), &r, DB_RMW);
		if (rc != 0)
			break;
		uint64_t member = (uint64_t)rec_get_int(&r, "member", 0);
		int64_t money = rec_get_int(&r, "money", 0), points = rec_get_int(&r, "mileage", 0);
		rec_free(&r);
		if ((rc = ledger_account_load(txn, member, &a, DB_RMW)) != 0)
			break;
		a.held -= money;
		a.held_mileage -= points;
		a.calls--;
		/* Never below zero, even if a record was damaged by hand. */
		if (a.held < 0)
			a.held = 0;
		if (a.held_mileage < 0)
			a.held_mileage = 0;
		if (a.calls < 0)
			a.calls = 0;
		if ((rc = ledger_account_store(txn, member, &a)) != 0)
			break;
		rc = db_del(TBL_HOLDS, txn, h.key[i], strlen(h.key[i]));
	}
	return rc;
}

static int release_txn(DB_TXN *txn, void *arg)
{
	return ledger_release_holds_txn(txn, arg);
}

int ledger_release(const char *order_id)
{
	if (!ledger_order_id_ok(order_id))
		return LEDGER_BAD_CALL;
	return db_txn_run(release_txn, (void *)order_id);
}

int ledger_has_charge(DB_TXN *txn, const char *order, uint64_t member)
{
	char cause[LEDGER_ORDER_MAX + 8], key[256];
	void *val;
	size_t vlen;
	snprintf(cause, sizeof cause, "call:%s", order);
	if (ledger_cause_key(key, sizeof key, cause, member, "charge") < 0)
		return LEDGER_BAD_CALL;
	int rc = db_get(TBL_LEDGER_CAUSES, txn, key, strlen(key), &val, &vlen, 0);
	if (rc == 0) {
		free(val);
		return 1;
	}
	return rc == DB_NOTFOUND ? 0 : rc;
}

struct hold_arg {
	const struct ledger_policy *pol;
	const struct rate_table *rates;
	const struct ledger_call *call;
	int64_t now, seconds;
};

struct hold_payer {
	struct ledger_account acct;
	int64_t avail_money, covered_max;
	struct ledger_share share;
};

/* Every payer's share when the call talks d seconds (leg A for the setup
 * time more); 0 when all can pay. Each leg is priced one second longer:
 * the dialer cuts the call d s after the bridge, and the milliseconds the
 * cut takes round each leg up to the next second at settlement. */
static int shares_at(const struct hold_arg *h, const struct rate *ra, const struct rate *rb,
		     const struct ledger_payers *p, struct hold_payer *hp, int64_t d)
{
	struct ledger_leg legs[2];
	ledger_leg_at(ra, d + h->pol->setup_seconds + 1, &legs[0]);
	ledger_leg_at(rb, d + 1, &legs[1]);
	int short_of_money = 0;
	for (int i = 0; i < p->n; i++) {
		int rc = ledger_share_compute(h->pol, legs, p->owner_percent, p->is_recipient[i],
					      hp[i].covered_max, &hp[i].share);
		if (rc != 0)
			return rc;
		if (hp[i].share.money > hp[i].avail_money)
			short_of_money = 1;
	}
	return short_of_money ? LEDGER_INSUFFICIENT : 0;
}

/* Who pays the call, for its settlement: TBL_GENERIC "bill:<order>". */
static int put_terms(DB_TXN *txn, const struct ledger_call *c, int64_t now)
{
	static const char *const payer_names[] = {"owner", "recipient", "split"};
	char key[LEDGER_ORDER_MAX + 8];
	struct rec r;
	int n = snprintf(key, sizeof key, "bill:%s", c->order_id);
	rec_init(&r);
	rec_set(&r, "payer", payer_names[c->payer]);
	rec_setf(&r, "owner_id", "%" PRIu64, c->owner_id);
	rec_setf(&r, "recipient_id", "%" PRIu64, c->recipient_id);
	rec_set_int(&r, "owner_percent", c->payer == PAYER_SPLIT ? c->owner_percent : 100);
	rec_set(&r, "a_dest", c->a_dest ? c->a_dest : "");
	rec_set(&r, "b_dest", c->b_dest ? c->b_dest : "");
	rec_set_int(&r, "created", now);
	int rc = db_put_rec(TBL_GENERIC, txn, key, (size_t)n, &r, 0);
	rec_free(&r);
	return rc;
}

static int hold_txn(DB_TXN *txn, void *arg)
{
	struct hold_arg *h = arg;
	const struct ledger_call *c = h->call;
	const struct rate *ra, *rb;
	struct ledger_payers p;
	struct hold_payer hp[2];
	struct hold_keys existing;
	int rc;

	h->seconds = 0;
	if ((rc = holds_of(txn, c->order_id, &existing)) != 0)
		return rc;
	if (existing.n) { /* the same order asked again: what is held stands */
		h->seconds = existing.seconds;
		return 0;
	}
	if ((rc = ledger_payers_of(c->payer, c->owner_id, c->recipient_id, c->owner_percent, &p)) ||
	    (rc = ledger_leg_rate(h->rates, c->a_dest, h->now, &ra)) ||
	    (rc = ledger_leg_rate(h->rates, c->b_dest, h->now, &rb)))
		return rc;
	for (int i = 0; i < p.n; i++) {
		if ((rc = ledger_has_charge(txn, c->order_id, p.member[i])) != 0)
			return rc == 1 ? LEDGER_DUPLICATE : rc;
		if ((rc = ledger_member_exists(txn, p.member[i])) ||
		    (rc = ledger_account_load(txn, p.member[i], &hp[i].acct, DB_RMW)))
			return rc;
		if (hp[i].acct.calls >= h->pol->max_calls)
			return LEDGER_TOO_MANY_CALLS;
		if (hp[i].acct.currency[0] && h->rates &&
		    strcmp(hp[i].acct.currency, rate_table_currency(h->rates)))
			return LEDGER_CURRENCY;
		hp[i].avail_money = hp[i].acct.balance - hp[i].acct.held;
		hp[i].covered_max = ledger_mileage_seconds(
			h->pol, hp[i].acct.mileage - hp[i].acct.held_mileage);
	}
	/* The first block must be payable, and money below the limit only
	 * passes when mileage pays the whole first block. */
	if ((rc = shares_at(h, ra, rb, &p, hp, 1)) != 0)
		return rc;
	for (int i = 0; i < p.n; i++)
		if (hp[i].share.money > 0 && hp[i].avail_money < h->pol->min_credit)
			return LEDGER_INSUFFICIENT;
	/* A payer's spending limit shortens the call, never below its first
	 * block (which was just found payable). */
	for (int i = 0; i < p.n; i++) {
		int64_t limit = p.is_recipient[i] ? c->recipient_money_limit : c->owner_money_limit;
		if (limit > 0 && hp[i].avail_money > limit)
			hp[i].avail_money = limit > hp[i].share.money ? limit : hp[i].share.money;
	}
	int64_t lo = 1, hi = h->pol->max_call_seconds;
	if (shares_at(h, ra, rb, &p, hp, hi) == 0) {
		lo = hi;
	} else {
		hi--;
		while (lo < hi) { /* lo is affordable; hi + 1 is not */
			int64_t mid = lo + (hi - lo + 1) / 2;
			if (shares_at(h, ra, rb, &p, hp, mid) == 0)
				lo = mid;
			else
				hi = mid - 1;
		}
	}
	if ((rc = shares_at(h, ra, rb, &p, hp, lo)) != 0)
		return rc;
	if ((rc = put_terms(txn, c, h->now)) != 0)
		return rc;
	for (int i = 0; i < p.n; i++) {
		char key[LEDGER_ORDER_MAX + 32];
		struct rec r;
		struct ledger_account *a = &hp[i].acct;
		if (hold_key(key, sizeof key, c->order_id, p.member[i]) < 0)
			return LEDGER_BAD_CALL;
		rec_init(&r);
		rec_setf(&r, "member", "%" PRIu64, p.member[i]);
		rec_set(&r, "order", c->order_id);
		rec_set_int(&r, "money", hp[i].share.money);
		rec_set_int(&r, "mileage", hp[i].share.mileage);
		rec_set_int(&r, "seconds", lo);
		rec_set_int(&r, "created", h->now);
		rc = db_put_rec(TBL_HOLDS, txn, key, strlen(key), &r, DB_NOOVERWRITE);
		rec_free(&r);
		if (rc != 0)
			return rc;
		a->held += hp[i].share.money;
		a->held_mileage += hp[i].share.mileage;
		a->calls++;
		if ((rc = ledger_account_store(txn, p.member[i], a)) != 0)
			return rc;
	}
	h->seconds = lo;
	return 0;
}

int ledger_hold(const struct ledger_policy *pol, const struct rate_table *rates,
		const struct ledger_call *call, int64_t now, int64_t *seconds)
{
	if (!ledger_order_id_ok(call->order_id))
		return LEDGER_BAD_CALL;
	struct hold_arg h = {.pol = pol, .rates = rates, .call = call, .now = now};
	int rc = db_txn_run(hold_txn, &h);
	if (rc == DB_KEYEXIST) /* the same order held at the same moment */
		rc = db_txn_run(hold_txn, &h);
	*seconds = rc == 0 ? h.seconds : 0;
	return rc;
}
