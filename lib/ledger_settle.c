/* ledger_settle.c: settlement of a closed call, the check of a call's
 * charges against the rates, and re-rating. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ledger.h"
#include "ledger_int.h"
#include "rec.h"

/* ---- a closed call, as settlement sees it ---- */

struct call_info {
	const char *order;
	struct ledger_payers p;
	struct ledger_leg legs[2];
	int64_t secs[2];
	char prefix[2][RATE_PREFIX_MAX + 1];
};

static uint64_t id_field(const struct rec *r, const char *name)
{
	long long v = rec_get_int(r, name, 0);
	return v > 0 ? (uint64_t)v : 0;
}

/* Who pays: the CDR's own fields when it has "payer", else the terms
 * ledger_hold() recorded, else the order record's fields. */
static int load_payers(DB_TXN *txn, const char *order, const struct rec *cdr,
		       struct ledger_payers *p)
{
	struct rec other;
	const struct rec *who = cdr;
	int rc = 0, have_other = 0;
	if (!rec_get(cdr, "payer")) {
		char key[LEDGER_ORDER_MAX + 8];
		int n = snprintf(key, sizeof key, "bill:%s", order);
		rc = db_get_rec(TBL_GENERIC, txn, key, (size_t)n, &other, 0);
		if (rc == DB_NOTFOUND)
			rc = db_get_rec(TBL_ORDERS, txn, order, strlen(order), &other, 0);
		if (rc == DB_NOTFOUND)
			return LEDGER_BAD_CALL;
		if (rc != 0)
			return rc;
		have_other = 1;
		who = &other;
	}
	int payer = ledger_payer_parse(rec_get(who, "payer"));
	long long pct = rec_get_int(who, "owner_percent", 50);
	if (payer < 0 || pct < 0 || pct > 100)
		rc = LEDGER_BAD_CALL;
	else
		rc = ledger_payers_of((enum ledger_payer)payer, id_field(who, "owner_id"),
				      id_field(who, "recipient_id"), (int)pct, p);
	if (have_other)
		rec_free(&other);
	return rc;
}

static int load_call(DB_TXN *txn, const struct rate_table *rates, const char *order,
		     struct call_info *ci)
{
	struct rec cdr;
	int rc;
	memset(ci, 0, sizeof *ci);
	ci->order = order;
	if (!ledger_order_id_ok(order))
		return LEDGER_BAD_CALL;
	rc = db_get_rec(TBL_CDRS, txn, order, strlen(order), &cdr, 0);
	if (rc == DB_NOTFOUND)
		return LEDGER_NO_CDR;
	if (rc != 0)
		return rc;
	if (rec_get_int(&cdr, "ended", 0) <= 0) {
		rc = LEDGER_NOT_CLOSED;
		goto out;
	}
	if ((rc = load_payers(txn, order, &cdr, &ci->p)) != 0)
		goto out;
	static const char *const names[2][3] = {{"a_target", "a_answer", "a_end"},
						{"b_target", "b_answer", "b_end"}};
	for (int l = 0; l < 2; l++) {
		long long ans = rec_get_int(&cdr, names[l][1], 0);
		long long end = rec_get_int(&cdr, names[l][2], 0);
		const struct rate *r;
		if (ans <= 0)
			continue; /* not answered: free */
		if (end < ans || end - ans > RATE_SECONDS_MAX * 1000) {
			rc = LEDGER_BAD_CALL;
			goto out;
		}
		if ((rc = ledger_leg_rate(rates, rec_get(&cdr, names[l][0]), ans / 1000, &r)) != 0)
			goto out;
		ci->secs[l] = (end - ans + 999) / 1000;
		ledger_leg_at(r, ci->secs[l], &ci->legs[l]);
		if (r)
			memcpy(ci->prefix[l], r->prefix, sizeof ci->prefix[l]);
	}
out:
	rec_free(&cdr);
	return rc;
}

/* ---- what the ledger holds for one payer of a call ---- */

struct call_sums {
	int64_t money, mileage, covered;
	int charged, corrections;
	DB_TXN *txn;
	int err;
};

static int sum_entry(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	struct call_sums *s = arg;
	struct rec e;
	(void)key;
	(void)klen;
	if (vlen != 8)
		return 0;
	int rc = db_get_rec(TBL_LEDGER, s->txn, val, 8, &e, 0);
	if (rc != 0)
		return s->err = rc;
	const char *kind = rec_get(&e, "kind");
	s->money += rec_get_int(&e, "money", 0);
	s->mileage += rec_get_int(&e, "mileage", 0);
	if (kind && !strcmp(kind, "charge")) {
		s->charged = 1;
		s->covered = rec_get_int(&e, "mileage_seconds", 0);
	} else if (kind && !strncmp(kind, "correction.", 11)) {
		s->corrections++;
	}
	rec_free(&e);
	return 0;
}

static int call_sums(DB_TXN *txn, const char *order, uint64_t member, struct call_sums *s)
{
	char cause[LEDGER_ORDER_MAX + 8], prefix[256];
	memset(s, 0, sizeof *s);
	s->txn = txn;
	snprintf(cause, sizeof cause, "call:%s", order);
	int n = ledger_cause_key(prefix, sizeof prefix, cause, member, "");
	if (n < 0)
		return LEDGER_BAD_CALL;
	int rc = db_each_prefix(TBL_LEDGER_CAUSES, txn, prefix, (size_t)n, sum_entry, s);
	return rc ? rc : s->err;
}

int ledger_call_settled(DB_TXN *txn, const char *order_id)
{
	char prefix[LEDGER_ORDER_MAX + 8];
	struct call_sums s;
	memset(&s, 0, sizeof s);
	s.txn = txn;
	int n = snprintf(prefix, sizeof prefix, "call:%s|", order_id);
	if (!ledger_order_id_ok(order_id))
		return LEDGER_BAD_CALL;
	int rc = db_each_prefix(TBL_LEDGER_CAUSES, txn, prefix, (size_t)n, sum_entry, &s);
	if (rc || s.err)
		return rc ? rc : s.err;
	return s.charged;
}

/* ---- settlement ---- */

struct settle_arg {
	const struct ledger_policy *pol;
	const struct rate_table *rates;
	const char *order;
	struct ledger_settlement *out;
};

static void charge_extra(struct rec *x, const struct call_info *ci, int i,
			 const struct ledger_share *s, int64_t covered)
{
	rec_init(x);
	rec_set(x, "order", ci->order);
	rec_set(x, "role", ci->p.is_recipient[i] ? "recipient" : "owner");
	rec_set_int(x, "a_seconds", ci->secs[0]);
	rec_set_int(x, "b_seconds", ci->secs[1]);
	rec_set_int(x, "a_cost", ci->legs[0].cost);
	rec_set_int(x, "b_cost", ci->legs[1].cost);
	rec_set(x, "a_prefix", ci->prefix[0]);
	rec_set(x, "b_prefix", ci->prefix[1]);
	rec_set_int(x, "share_seconds", s->seconds);
	rec_set_int(x, "share_cost", s->cost);
	rec_set_int(x, "mileage_seconds", covered);
}

static int settle_txn(DB_TXN *txn, void *arg)
{
	struct settle_arg *sa = arg;
	struct ledger_settlement *out = sa->out;
	struct call_info ci;
	char cause[LEDGER_ORDER_MAX + 8];
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = load_call(txn, sa->rates, sa->order, &ci)) != 0)
		return rc;
	out->payers = ci.p.n;
	out->a_seconds = ci.secs[0], out->b_seconds = ci.secs[1];
	out->a_cost = ci.legs[0].cost, out->b_cost = ci.legs[1].cost;
	rc = ledger_has_charge(txn, sa->order, ci.p.member[0]);
	if (rc == 1) {
		out->already = 1;
		return 0;
	}
	if (rc != 0 || (rc = ledger_release_holds_txn(txn, sa->order)) != 0)
		return rc;
	snprintf(cause, sizeof cause, "call:%s", sa->order);
	for (int i = 0; i < ci.p.n; i++) {
		struct ledger_account a;
		struct ledger_share *s = &out->share[i];
		uint64_t m = ci.p.member[i];
		if ((rc = ledger_account_load(txn, m, &a, DB_RMW)) != 0)
			return rc;
		int64_t covered = ledger_mileage_seconds(sa->pol, a.mileage - a.held_mileage);
		rc = ledger_share_compute(sa->pol, ci.legs, ci.p.owner_percent,
					  ci.p.is_recipient[i], covered, s);
		if (rc != 0)
			return rc;
		s->member = m;
		if (covered > s->seconds)
			covered = s->seconds;
		if (s->mileage > 0) {
			struct ledger_post mp = {.member = m, .cause = cause, .kind = "mileage",
						 .note = "free minutes", .mileage = -s->mileage,
						 .currency = rate_table_currency(sa->rates),
						 .allow_negative = 1};
			if ((rc = ledger_post_txn(txn, sa->pol, &mp, NULL)) != 0)
				return rc;
		}
		struct rec x;
		charge_extra(&x, &ci, i, s, covered);
		struct ledger_post cp = {.member = m, .cause = cause, .kind = "charge",
					 .note = "call", .money = -s->money, .allow_negative = 1,
					 .currency = rate_table_currency(sa->rates), .extra = &x};
		rc = ledger_post_txn(txn, sa->pol, &cp, NULL);
		rec_free(&x);
		if (rc != 0)
			return rc;
	}
	return 0;
}

int ledger_settle(const struct ledger_policy *pol, const struct rate_table *rates,
		  const char *order_id, struct ledger_settlement *out)
{
	struct settle_arg sa = {.pol = pol, .rates = rates, .order = order_id, .out = out};
	memset(out, 0, sizeof *out);
	if (!rates)
		return LEDGER_NO_RATE;
	int rc = db_txn_run(settle_txn, &sa);
	/* Another process settled the call between our look and our write:
	 * run again, which now finds it settled. */
	if (rc == LEDGER_DUPLICATE)
		rc = db_txn_run(settle_txn, &sa);
	return rc;
}

/* ---- checks and re-rating ---- */

int ledger_call_check(DB_TXN *txn, const struct ledger_policy *pol,
		      const struct rate_table *rates, const char *order_id,
		      struct ledger_call_check *out)
{
	struct call_info ci;
	memset(out, 0, sizeof *out);
	int rc = load_call(txn, rates, order_id, &ci);
	if (rc != 0)
		return rc;
	out->payers = ci.p.n;
	for (int i = 0; i < ci.p.n; i++) {
		struct call_sums s;
		struct ledger_share share;
		if ((rc = call_sums(txn, order_id, ci.p.member[i], &s)) != 0)
			return rc;
		rc = ledger_share_compute(pol, ci.legs, ci.p.owner_percent, ci.p.is_recipient[i],
					  s.covered, &share);
		if (rc != 0)
			return rc;
		out->settled |= s.charged;
		out->member[i] = ci.p.member[i];
		out->expected[i] = -share.money;
		out->ledger[i] = s.money;
		out->diff[i] = s.money + share.money;
	}
	return 0;
}

struct rerate_arg {
	const struct ledger_policy *pol;
	const struct rate_table *rates;
	const char *order;
	int corrections;
};

static int rerate_txn(DB_TXN *txn, void *arg)
{
	struct rerate_arg *ra = arg;
	struct ledger_call_check chk;
	char cause[LEDGER_ORDER_MAX + 8];
	ra->corrections = 0;
	int rc = ledger_call_check(txn, ra->pol, ra->rates, ra->order, &chk);
	if (rc != 0)
		return rc;
	if (!chk.settled)
		return LEDGER_NOT_SETTLED;
	snprintf(cause, sizeof cause, "call:%s", ra->order);
	for (int i = 0; i < chk.payers; i++) {
		struct call_sums s;
		char kind[32];
		if (chk.diff[i] == 0)
			continue;
		if ((rc = call_sums(txn, ra->order, chk.member[i], &s)) != 0)
			return rc;
		snprintf(kind, sizeof kind, "correction.%d", s.corrections + 1);
		struct ledger_post p = {.member = chk.member[i], .cause = cause, .kind = kind,
					.note = "re-rated", .money = -chk.diff[i],
					.currency = rate_table_currency(ra->rates),
					.allow_negative = 1};
		if ((rc = ledger_post_txn(txn, ra->pol, &p, NULL)) != 0)
			return rc;
		ra->corrections++;
	}
	return 0;
}

int ledger_rerate(const struct ledger_policy *pol, const struct rate_table *rates,
		  const char *order_id, int *corrections)
{
	struct rerate_arg ra = {.pol = pol, .rates = rates, .order = order_id};
	*corrections = 0;
	if (!rates)
		return LEDGER_NO_RATE;
	int rc = db_txn_run(rerate_txn, &ra);
	*corrections = rc == 0 ? ra.corrections : 0;
	return rc;
}
