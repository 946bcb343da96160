/* ledger.c: accounts, exactly-once ledger entries, operator credit, mileage
 * awards, policy and the rate table in use. Holds of credit for calls are in
 * ledger_call.c, their settlement in ledger_settle.c. */
#include "ledger.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "ledger_int.h"
#include "rec.h"

const char *ledger_strerror(int rc)
{
	switch (rc) {
	case 0: return "ok";
	case LEDGER_DUPLICATE: return "already recorded for this cause";
	case LEDGER_UNKNOWN_MEMBER: return "unknown member";
	case LEDGER_BAD_AMOUNT: return "amount out of range";
	case LEDGER_CURRENCY: return "the account holds another currency";
	case LEDGER_INSUFFICIENT: return "insufficient credit";
	case LEDGER_TOO_MANY_CALLS: return "too many calls in progress";
	case LEDGER_NO_RATE: return "no rate for the destination";
	case LEDGER_BAD_CALL: return "call record incomplete or malformed";
	case LEDGER_NOT_CLOSED: return "call record not closed yet";
	case LEDGER_NO_CDR: return "no call record";
	case LEDGER_UNKNOWN_VOUCHER: return "unknown voucher";
	case LEDGER_VOUCHER_USED: return "voucher already redeemed";
	case LEDGER_OVERFLOW: return "amount overflow";
	case LEDGER_NOT_SETTLED: return "call not charged yet";
	default: return db_errstr(rc);
	}
}

/* ---- policy ---- */

void ledger_policy_defaults(struct ledger_policy *p)
{
	memset(p, 0, sizeof *p);
	memcpy(p->currency, "EUR", 4);
	p->min_credit = 50;
	p->max_calls = 2;
	p->max_call_seconds = 3600;
	p->setup_seconds = 90;
	p->mileage_per_minute = 10;
	p->max_amount = 1000000;
	p->max_balance = 100000000;
	p->low_balance = 1000;
}

/* A configured whole number within min..max, or the current value. */
static int policy_int(const char *key, int64_t min, int64_t max, int64_t *v, char *err,
		      size_t errlen)
{
	const char *s = config_str(key);
	char *end;
	if (!*s)
		return 0;
	errno = 0;
	long long n = strtoll(s, &end, 10);
	if (errno || *end || n < min || n > max) {
		snprintf(err, errlen, "%s = %s: must be a whole number %" PRId64 "..%" PRId64, key,
			 s, min, max);
		return -1;
	}
	*v = n;
	return 0;
}

int ledger_policy_from_config(struct ledger_policy *p, char *err, size_t errlen)
{
	int64_t calls;
	ledger_policy_defaults(p);
	calls = p->max_calls;
	const char *cur = config_str("Billing.Currency");
	if (*cur) {
		if (strlen(cur) != 3 || strspn(cur, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 3) {
			snprintf(err, errlen,
				 "Billing.Currency = %s: must be three upper-case letters", cur);
			return -1;
		}
		memcpy(p->currency, cur, 4);
	}
	if (policy_int("Billing.MinCredit", 0, RATE_MONEY_MAX, &p->min_credit, err, errlen) ||
	    policy_int("Billing.MaxCalls", 1, 100, &calls, err, errlen) ||
	    policy_int("Billing.MaxCallSeconds", 60, 86400, &p->max_call_seconds, err, errlen) ||
	    policy_int("Billing.SetupSeconds", 0, 600, &p->setup_seconds, err, errlen) ||
	    policy_int("Billing.MileagePerMinute", 0, 1000000, &p->mileage_per_minute, err,
		       errlen) ||
	    policy_int("Billing.MaxAmount", 1, LEDGER_MONEY_LIMIT, &p->max_amount, err, errlen) ||
	    policy_int("Billing.MaxBalance", 1, LEDGER_MONEY_LIMIT, &p->max_balance, err, errlen) ||
	    policy_int("Billing.LowBalance", 0, LEDGER_MONEY_LIMIT, &p->low_balance, err, errlen))
		return -1;
	p->max_calls = (int)calls;
	return 0;
}

/* ---- accounts ---- */

int ledger_member_exists(DB_TXN *txn, uint64_t member)
{
	unsigned char key[8];
	void *val;
	size_t vlen;
	db_key_u64(member, key);
	int rc = db_get(TBL_MEMBERS, txn, key, sizeof key, &val, &vlen, 0);
	if (rc == 0)
		free(val);
	return rc == DB_NOTFOUND ? LEDGER_UNKNOWN_MEMBER : rc;
}

int ledger_account_load(DB_TXN *txn, uint64_t member, struct ledger_account *a, uint32_t flags)
{
	unsigned char key[8];
	struct rec r;
	memset(a, 0, sizeof *a);
	db_key_u64(member, key);
	int rc = db_get_rec(TBL_ACCOUNTS, txn, key, sizeof key, &r, flags);
	if (rc == DB_NOTFOUND)
		return 0;
	if (rc != 0)
		return rc;
	a->balance = rec_get_int(&r, "balance", 0);
	a->held = rec_get_int(&r, "held", 0);
	a->mileage = rec_get_int(&r, "mileage", 0);
	a->held_mileage = rec_get_int(&r, "held_mileage", 0);
	a->calls = rec_get_int(&r, "calls", 0);
	const char *c = rec_get(&r, "currency");
	if (c && strlen(c) == 3)
		memcpy(a->currency, c, 4);
	rec_free(&r);
	return 0;
}

int ledger_account_store(DB_TXN *txn, uint64_t member, const struct ledger_account *a)
{
	unsigned char key[8];
	struct rec r;
	rec_init(&r);
	rec_set_int(&r, "balance", a->balance);
	rec_set(&r, "currency", a->currency);
	rec_set_int(&r, "mileage", a->mileage);
	rec_set_int(&r, "held", a->held);
	rec_set_int(&r, "held_mileage", a->held_mileage);
	rec_set_int(&r, "calls", a->calls);
	db_key_u64(member, key);
	int rc = db_put_rec(TBL_ACCOUNTS, txn, key, sizeof key, &r, 0);
	rec_free(&r);
	return rc;
}

int ledger_account_get(DB_TXN *txn, uint64_t member, struct ledger_account *a)
{
	memset(a, 0, sizeof *a);
	int rc = ledger_member_exists(txn, member);
	return rc ? rc : ledger_account_load(txn, member, a, 0);
}

/* ---- posting ---- */

int ledger_cause_key(char *buf, size_t len, const char *cause, uint64_t member, const char *kind)
{
	int n = snprintf(buf, len, "%s|%" PRIu64 "|%s", cause, member, kind ? kind : "");
	return n < 0 || (size_t)n >= len ? -1 : n;
}

static int checked_add(int64_t a, int64_t b, int64_t limit, int64_t *out)
{
	if (__builtin_add_overflow(a, b, out) || *out > limit || *out < -limit)
		return LEDGER_OVERFLOW;
	return 0;
}

static void entry_fill(struct rec *e, const struct ledger_post *p, const struct ledger_account *a)
{
	rec_init(e);
	if (p->extra)
		for (size_t i = 0; i < p->extra->n; i++)
			rec_set(e, p->extra->names[i], p->extra->values[i]);
	rec_setf(e, "member", "%" PRIu64, p->member);
	rec_set(e, "cause", p->cause);
	rec_set(e, "kind", p->kind);
	rec_set_int(e, "money", p->money);
	rec_set_int(e, "mileage", p->mileage);
	rec_set(e, "currency", a->currency);
	rec_set_int(e, "time", (long long)time(NULL));
	rec_set_int(e, "balance_after", a->balance);
	rec_set_int(e, "mileage_after", a->mileage);
	if (p->note)
		rec_set(e, "note", p->note);
}

int ledger_post_txn(DB_TXN *txn, const struct ledger_policy *pol, const struct ledger_post *p,
		    uint64_t *entry)
{
	char ckey[256];
	unsigned char ekey[8];
	struct ledger_account a;
	uint64_t id;
	int rc;

	if (!p->cause || !*p->cause || !p->kind || !*p->kind || strchr(p->kind, '|'))
		return LEDGER_BAD_CALL;
	if (ledger_cause_key(ckey, sizeof ckey, p->cause, p->member, p->kind) < 0)
		return LEDGER_BAD_CALL;
	/* Outside calls every movement is bounded by max_amount; a call's
	 * charge is bounded by the rating limits instead. */
	if (!p->allow_negative &&
	    (p->money > pol->max_amount || p->money < -pol->max_amount ||
	     p->mileage > pol->max_amount || p->mileage < -pol->max_amount))
		return LEDGER_BAD_AMOUNT;
	if ((rc = ledger_member_exists(txn, p->member)) != 0)
		return rc;
	if ((rc = ledger_account_load(txn, p->member, &a, DB_RMW)) != 0)
		return rc;
	const char *cur = p->currency ? p->currency : a.currency[0] ? a.currency : pol->currency;
	if (a.currency[0] && strcmp(a.currency, cur))
		return LEDGER_CURRENCY;
	if (strlen(cur) != 3)
		return LEDGER_CURRENCY;
	memcpy(a.currency, cur, 4);
	if ((rc = checked_add(a.balance, p->money, LEDGER_MONEY_LIMIT, &a.balance)) ||
	    (rc = checked_add(a.mileage, p->mileage, LEDGER_MONEY_LIMIT, &a.mileage)))
		return rc;
	if (p->money > 0 && a.balance > pol->max_balance)
		return LEDGER_BAD_AMOUNT;
	if (p->mileage > 0 && a.mileage > pol->max_balance)
		return LEDGER_BAD_AMOUNT;
	if (!p->allow_negative && ((p->money < 0 && a.balance - a.held < 0) ||
				   (p->mileage < 0 && a.mileage - a.held_mileage < 0)))
		return LEDGER_INSUFFICIENT;
	if ((rc = db_next_id(txn, "ledger", &id)) != 0)
		return rc;
	db_key_u64(id, ekey);
	rc = db_put(TBL_LEDGER_CAUSES, txn, ckey, strlen(ckey), ekey, sizeof ekey, DB_NOOVERWRITE);
	if (rc == DB_KEYEXIST)
		return LEDGER_DUPLICATE;
	if (rc != 0)
		return rc;
	struct rec e;
	entry_fill(&e, p, &a);
	rc = db_put_rec(TBL_LEDGER, txn, ekey, sizeof ekey, &e, DB_NOOVERWRITE);
	rec_free(&e);
	if (rc != 0)
		return rc;
	unsigned char ikey[8 + 8 + 8];
	memcpy(ikey, "ledgerm:", 8);
	db_key_u64(p->member, ikey + 8);
	memcpy(ikey + 16, ekey, 8);
	if ((rc = db_put(TBL_GENERIC, txn, ikey, sizeof ikey, "", 0, 0)) != 0)
		return rc;
	if ((rc = ledger_account_store(txn, p->member, &a)) != 0)
		return rc;
	if (entry)
		*entry = id;
	return 0;
}

/* ---- operator credit and mileage awards ---- */

struct credit_arg {
	const struct ledger_policy *pol;
	uint64_t member;
	int64_t amount;
	const char *reason, *once;
	uint64_t entry;
};

/* The entry a once-credit wrote: 0 and *entry, DB_NOTFOUND, or an error. */
static int credit_once_entry(DB_TXN *txn, const struct credit_arg *c, uint64_t *entry)
{
	char ckey[160];
	void *val = NULL;
	size_t vlen = 0;
	snprintf(ckey, sizeof ckey, "credit:once:%s|%" PRIu64 "|credit", c->once, c->member);
	int rc = db_get(TBL_LEDGER_CAUSES, txn, ckey, strlen(ckey), &val, &vlen, 0);
	if (rc == 0) {
		*entry = vlen == 8 ? db_u64_key(val) : 0;
		free(val);
	}
	return rc;
}

static int credit_txn(DB_TXN *txn, void *arg)
{
	struct credit_arg *c = arg;
	char cause[96];
	int rc;
	if (c->once) {
		/* A form sent twice finds its first credit and writes nothing. */
		snprintf(cause, sizeof cause, "credit:once:%s", c->once);
		rc = credit_once_entry(txn, c, &c->entry);
		if (rc == 0)
			return LEDGER_DUPLICATE;
		if (rc != DB_NOTFOUND)
			return rc;
	} else {
		uint64_t n;
		if ((rc = db_next_id(txn, "credit", &n)) != 0)
			return rc;
		snprintf(cause, sizeof cause, "credit:%" PRIu64, n);
	}
	struct ledger_post p = {.member = c->member, .cause = cause, .kind = "credit",
				.note = c->reason, .money = c->amount};
	return ledger_post_txn(txn, c->pol, &p, &c->entry);
}

static int credit_run(struct credit_arg *c, uint64_t *entry)
{
	if (c->amount <= 0 || c->amount > c->pol->max_amount)
		return LEDGER_BAD_AMOUNT;
	c->entry = 0;
	int rc = db_txn_run(credit_txn, c);
	/* Two sendings at once: the loser's own write was refused. */
	if (rc == LEDGER_DUPLICATE && c->once && c->entry == 0)
		credit_once_entry(NULL, c, &c->entry);
	if ((rc == 0 || rc == LEDGER_DUPLICATE) && entry)
		*entry = c->entry;
	return rc;
}

int ledger_credit(const struct ledger_policy *pol, uint64_t member, int64_t amount,
		  const char *reason, uint64_t *entry)
{
	struct credit_arg c = {.pol = pol, .member = member, .amount = amount, .reason = reason};
	return credit_run(&c, entry);
}

int ledger_credit_once(const struct ledger_policy *pol, uint64_t member, int64_t amount,
		       const char *reason, const char *once, uint64_t *entry)
{
	size_t n = once ? strspn(once, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
					"0123456789-_")
			: 0;
	if (n == 0 || n > 64 || once[n])
		return LEDGER_BAD_CALL;
	struct credit_arg c = {
		.pol = pol, .member = member, .amount = amount, .reason = reason, .once = once};
	return credit_run(&c, entry);
}

struct award_arg {
	const struct ledger_policy *pol;
	struct ledger_post p;
};

static int award_txn(DB_TXN *txn, void *arg)
{
	struct award_arg *a = arg;
	return ledger_post_txn(txn, a->pol, &a->p, NULL);
}

int ledger_award_mileage(const struct ledger_policy *pol, uint64_t member, int64_t points,
			 const char *cause, const char *note)
{
	if (points <= 0 || points > pol->max_amount)
		return LEDGER_BAD_AMOUNT;
	if (!cause || !*cause || !strncmp(cause, "call:", 5))
		return LEDGER_BAD_CALL;
	struct award_arg a = {.pol = pol,
			      .p = {.member = member, .cause = cause, .kind = "mileage",
				    .note = note, .mileage = points}};
	return db_txn_run(award_txn, &a);
}

/* ---- listing ---- */

struct each_arg {
	DB_TXN *txn;
	ledger_entry_fn fn;
	void *arg;
};

static int each_entry(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	struct each_arg *e = arg;
	struct rec r;
	(void)val;
	(void)vlen;
	if (klen != 24)
		return 0;
	uint64_t id = db_u64_key((const unsigned char *)key + 16);
	int rc = db_get_rec(TBL_LEDGER, e->txn, (const unsigned char *)key + 16, 8, &r, 0);
	if (rc == DB_NOTFOUND)
		return 0;
	if (rc != 0)
		return rc;
	rc = e->fn(id, &r, e->arg);
	rec_free(&r);
	return rc;
}

int ledger_each_entry(DB_TXN *txn, uint64_t member, ledger_entry_fn fn, void *arg)
{
	unsigned char prefix[16];
	memcpy(prefix, "ledgerm:", 8);
	db_key_u64(member, prefix + 8);
	struct each_arg e = {.txn = txn, .fn = fn, .arg = arg};
	return db_each_prefix(TBL_GENERIC, txn, prefix, sizeof prefix, each_entry, &e);
}

/* ---- the rate table in use ---- */

struct rates_arg {
	const char *text;
	size_t len;
};

static int rates_store_txn(DB_TXN *txn, void *arg)
{
	struct rates_arg *ra = arg;
	char now[32];
	int n = snprintf(now, sizeof now, "%lld", (long long)time(NULL));
	int rc = db_put(TBL_GENERIC, txn, "rates:table", 11, ra->text, ra->len, 0);
	return rc ? rc : db_put(TBL_GENERIC, txn, "rates:loaded", 12, now, (size_t)n, 0);
}

int ledger_rates_store(const char *text, size_t len, size_t *count, char *err, size_t errlen)
{
	struct rate_table *t;
	if (rate_table_parse(text, len, &t, err, errlen) < 0)
		return -1;
	if (count)
		*count = rate_table_count(t);
	rate_table_free(t);
	struct rates_arg ra = {text, len};
	int rc = db_txn_run(rates_store_txn, &ra);
	if (rc != 0) {
		snprintf(err, errlen, "storing the rates: %s", db_errstr(rc));
		return -1;
	}
	return 0;
}

int ledger_rates_load(struct rate_table **out, char *err, size_t errlen)
{
	void *val;
	size_t vlen;
	char why[200];
	*out = NULL;
	int rc = db_get(TBL_GENERIC, NULL, "rates:table", 11, &val, &vlen, 0);
	if (rc == DB_NOTFOUND) {
		snprintf(err, errlen, "no rate table loaded (callcard-admin rates load FILE)");
		return -1;
	}
	if (rc != 0) {
		snprintf(err, errlen, "reading the rates: %s", db_errstr(rc));
		return -1;
	}
	rc = rate_table_parse(val, vlen, out, why, sizeof why);
	free(val);
	if (rc < 0)
		snprintf(err, errlen, "stored rate table: %s", why);
	return rc;
}
