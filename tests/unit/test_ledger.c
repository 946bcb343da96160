/* test_ledger.c: accounts, exactly-once entries, vouchers, holds and
 * settlement on a real Berkeley DB environment in a temporary directory.
 * Every expected amount is worked out by hand in the comment beside it. */
#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "billing_mail.h"
#include "check.h"
#include "config.h"
#include "db.h"
#include "ledger.h"
#include "money_format.h"
#include "log.h"
#include "member.h"
#include "rate.h"
#include "rec.h"
#include "voucher.h"

#define T0 1767225600000LL /* 2026-01-01 00:00 UTC in ms */

/* 44: 6 a minute, per minute; 33: 12 a minute (1 per 5 s), per second. */
static const char rates_text[] = "currency EUR\n"
				 "44 0 6  60/60 0 - -\n"
				 "33 0 12 1/1   0 - -\n";
/* The same with 44 at 9 a minute, for re-rating. */
static const char rates2_text[] = "currency EUR\n"
				  "44 0 9  60/60 0 - -\n"
				  "33 0 12 1/1   0 - -\n";

static char home[64];
static struct rate_table *rates, *rates2;
static struct ledger_policy pol;

static void remove_home(void)
{
	DIR *d = opendir(home);
	struct dirent *e;
	char path[512];
	if (!d)
		return;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			snprintf(path, sizeof path, "%s/%s", home, e->d_name);
			unlink(path);
		}
	closedir(d);
	rmdir(home);
}

static void open_db(void)
{
	char err[256];
	if (db_open(home, err, sizeof err) != 0) {
		printf("not ok - db_open: %s\n", err);
		exit(1);
	}
}

struct new_member {
	const char *email;
	uint64_t id;
};

static int member_txn(DB_TXN *txn, void *arg)
{
	struct new_member *m = arg;
	struct rec r;
	rec_init(&r);
	rec_set(&r, "email", m->email);
	rec_set(&r, "name", m->email);
	int rc = member_insert(txn, &r, &m->id);
	rec_free(&r);
	return rc;
}

static uint64_t new_member(const char *email)
{
	struct new_member m = {.email = email};
	int rc = db_txn_run(member_txn, &m);
	if (rc != 0) {
		printf("not ok - member %s: %d\n", email, rc);
		exit(1);
	}
	return m.id;
}

static struct ledger_account account(uint64_t member)
{
	struct ledger_account a;
	int rc = ledger_account_get(NULL, member, &a);
	if (rc != 0)
		memset(&a, 0xff, sizeof a);
	return a;
}

struct sums {
	int64_t money, mileage;
	int n;
};

static int add_entry(uint64_t id, const struct rec *e, void *arg)
{
	struct sums *s = arg;
	(void)id;
	s->money += rec_get_int(e, "money", 0);
	s->mileage += rec_get_int(e, "mileage", 0);
	s->n++;
	return 0;
}

/* 1 when the account's balances equal the sums of its ledger entries. */
static int balanced(uint64_t member)
{
	struct sums s = {0};
	struct ledger_account a = account(member);
	ledger_each_entry(NULL, member, add_entry, &s);
	return a.balance == s.money && a.mileage == s.mileage;
}

static int entries(uint64_t member)
{
	struct sums s = {0};
	ledger_each_entry(NULL, member, add_entry, &s);
	return s.n;
}

struct cdr {
	const char *order, *payer;
	uint64_t owner, recipient;
	int percent;
	const char *a_dest;
	long long a_answer, a_end;
	const char *b_dest;
	long long b_answer, b_end;
	long long closed;
	int terms; /* who pays: 0 in the CDR, 1 in TBL_ORDERS, 2 as the hold left it */
};

/* Writes the CDR the way the dialer does (and, for terms 1, who pays in
 * the order record). */
static int cdr_txn(DB_TXN *txn, void *arg)
{
	const struct cdr *c = arg;
	struct rec r, o;
	rec_init(&r);
	rec_init(&o);
	struct rec *who = c->terms == 1 ? &o : &r;
	if (c->terms != 2) {
		rec_set(who, "payer", c->payer);
		rec_setf(who, "owner_id", "%" PRIu64, c->owner);
		rec_setf(who, "recipient_id", "%" PRIu64, c->recipient);
		rec_set_int(who, "owner_percent", c->percent);
	}
	rec_set(&o, "state", "ended");
	rec_set(&r, "a_target", c->a_dest);
	rec_set_int(&r, "a_answer", c->a_answer);
	rec_set_int(&r, "a_end", c->a_end);
	rec_set(&r, "b_target", c->b_dest);
	rec_set_int(&r, "b_answer", c->b_answer);
	rec_set_int(&r, "b_end", c->b_end);
	rec_set_int(&r, "ended", c->closed);
	int rc = db_put_rec(TBL_CDRS, txn, c->order, strlen(c->order), &r, 0);
	if (rc == 0)
		rc = db_put_rec(TBL_ORDERS, txn, c->order, strlen(c->order), &o, 0);
	rec_free(&r);
	rec_free(&o);
	return rc;
}

static void put_cdr(const struct cdr *c)
{
	int rc = db_txn_run(cdr_txn, (void *)c);
	if (rc != 0) {
		printf("not ok - put cdr %s: %d\n", c->order, rc);
		exit(1);
	}
}

/* The standard call: A to 44 answered 125.3 s (126 s, billed 180: 18),
 * B to 33 answered 115.3 s (116 s: 116 x 12 / 60 = 23.2, 24). Total 42,
 * billed seconds 180 + 116 = 296. */
static struct cdr std_call(const char *order, const char *payer, uint64_t owner,
			   uint64_t recipient, int percent)
{
	struct cdr c = {order, payer, owner, recipient, percent, "+441234567", T0,
			T0 + 125300, "+33123456789", T0 + 10000, T0 + 125300, T0 + 126000, 0};
	return c;
}

static struct ledger_call call_of(const char *order, enum ledger_payer payer, uint64_t owner,
				  uint64_t recipient)
{
	struct ledger_call c = {order, payer, owner, recipient, 50, "+441234567", "+33123456789", 0, 0};
	return c;
}

static void test_share_compute(void)
{
	struct ledger_share s;
	struct ledger_leg legs[2] = {{18, 180}, {24, 116}};
	int rc = ledger_share_compute(&pol, legs, 100, 0, 0, &s);
	CHECK(rc == 0 && s.cost == 42 && s.seconds == 296 && s.money == 42 && s.mileage == 0,
	      "share: sole payer pays 42 for 296 s");
	rc = ledger_share_compute(&pol, legs, 30, 0, 0, &s);
	CHECK(rc == 0 && s.cost == 12 && s.seconds == 88 && s.money == 12,
	      "share: owner 30%% of 42 = 12.6 -> 12, of 296 s = 88");
	rc = ledger_share_compute(&pol, legs, 30, 1, 0, &s);
	CHECK(rc == 0 && s.cost == 30 && s.seconds == 208 && s.money == 30,
	      "share: recipient pays the rest, 30 and 208 s");
	rc = ledger_share_compute(&pol, legs, 0, 1, 600, &s);
	CHECK(rc == 0 && s.mileage == 50 && s.money == 0,
	      "share: 600 s of mileage covers 296 s: ceil(296 x 10 / 60) = 50 points, no money");
	rc = ledger_share_compute(&pol, legs, 0, 1, 120, &s);
	CHECK(rc == 0 && s.mileage == 20 && s.money == 25,
	      "share: 120 s of mileage: 20 points, money ceil(42 x 176 / 296) = 25");
	rc = ledger_share_compute(&pol, legs, 101, 0, 0, &s);
	CHECK(rc == LEDGER_BAD_CALL, "share: percent above 100 refused");
	CHECK(ledger_mileage_seconds(&pol, 25) == 150 && ledger_mileage_seconds(&pol, -5) == 0,
	      "25 points at 10 a minute are 150 s; negative points none");
}

static void test_credit(void)
{
	uint64_t m = new_member("credit@example.org"), entry = 0;
	int rc = ledger_credit(&pol, m, 1000, "opening", &entry);
	struct ledger_account a = account(m);
	CHECK(rc == 0 && entry > 0 && a.balance == 1000 && !strcmp(a.currency, "EUR"),
	      "operator credit of 1000");
	rc = ledger_credit(&pol, m, -5, "negative", NULL);
	CHECK(rc == LEDGER_BAD_AMOUNT, "negative credit refused");
	rc = ledger_credit(&pol, m, 0, "zero", NULL);
	CHECK(rc == LEDGER_BAD_AMOUNT, "zero credit refused");
	rc = ledger_credit(&pol, m, pol.max_amount + 1, "absurd", NULL);
	CHECK(rc == LEDGER_BAD_AMOUNT, "credit above max_amount refused");
	rc = ledger_credit(&pol, m, INT64_MAX, "overflow", NULL);
	CHECK(rc == LEDGER_BAD_AMOUNT, "INT64_MAX credit refused");
	rc = ledger_credit(&pol, 999999, 100, "nobody", NULL);
	CHECK(rc == LEDGER_UNKNOWN_MEMBER, "credit of an unknown member refused");
	a = account(m);
	CHECK(a.balance == 1000 && entries(m) == 1 && balanced(m),
	      "refused credits changed nothing");

	/* A credit form sent twice credits once. */
	uint64_t m2 = new_member("credit-once@example.org"), first = 0, again = 0;
	int once1 = ledger_credit_once(&pol, m2, 50, "form", "form-token_1", &first);
	int once2 = ledger_credit_once(&pol, m2, 50, "form", "form-token_1", &again);
	CHECK(once1 == 0 && once2 == LEDGER_DUPLICATE && again == first && first > 0 &&
		      account(m2).balance == 50 && entries(m2) == 1 && balanced(m2),
	      "credit once: the second sending finds the first entry and writes nothing");
	CHECK(ledger_credit_once(&pol, m2, 50, "form", "bad token!", NULL) == LEDGER_BAD_CALL &&
		      ledger_credit_once(&pol, m2, 50, "form", "", NULL) == LEDGER_BAD_CALL &&
		      ledger_credit_once(&pol, m2, 50, "form", NULL, NULL) == LEDGER_BAD_CALL &&
		      account(m2).balance == 50,
	      "credit once: a malformed token is refused");

	struct ledger_policy small = pol;
	small.max_balance = 1500;
	rc = ledger_credit(&small, m, 600, "over the ceiling", NULL);
	CHECK(rc == LEDGER_BAD_AMOUNT && account(m).balance == 1000,
	      "credit past max_balance refused");

	/* The same cause twice: the second is refused and nothing changes. */
	struct ledger_post p = {.member = m, .cause = "test:1", .kind = "credit", .money = 7};
	uint64_t e1 = 0, e2 = 0;
	DB_TXN *txn;
	db_env()->txn_begin(db_env(), NULL, &txn, 0);
	rc = ledger_post_txn(txn, &pol, &p, &e1);
	txn->commit(txn, 0);
	CHECK(rc == 0 && e1 > 0 && account(m).balance == 1007, "a new cause is written");
	db_env()->txn_begin(db_env(), NULL, &txn, 0);
	rc = ledger_post_txn(txn, &pol, &p, &e2);
	txn->abort(txn);
	CHECK(rc == LEDGER_DUPLICATE && e2 == 0 && account(m).balance == 1007 && entries(m) == 2,
	      "the same (cause, payer, kind) again is refused");
	struct ledger_post usd = {.member = m, .cause = "test:2", .kind = "credit", .money = 1,
				  .currency = "USD"};
	db_env()->txn_begin(db_env(), NULL, &txn, 0);
	rc = ledger_post_txn(txn, &pol, &usd, NULL);
	txn->abort(txn);
	CHECK(rc == LEDGER_CURRENCY, "a movement in another currency is refused");

	rc = ledger_award_mileage(&pol, m, 30, "signup:credit", "welcome");
	int rc2 = ledger_award_mileage(&pol, m, 30, "signup:credit", "welcome");
	a = account(m);
	CHECK(rc == 0 && rc2 == LEDGER_DUPLICATE && a.mileage == 30,
	      "sign-up mileage awarded once");
	rc = ledger_award_mileage(&pol, m, -30, "purchase:1", NULL);
	CHECK(rc == LEDGER_BAD_AMOUNT, "negative mileage award refused");
	rc = ledger_award_mileage(&pol, m, 30, "call:x", NULL);
	CHECK(rc == LEDGER_BAD_CALL, "a mileage award cannot pose as a call");
	CHECK(balanced(m), "balance and mileage equal the ledger");
}

static void test_vouchers(void)
{
	uint64_t m = new_member("voucher@example.org"), other = new_member("v2@example.org");
	char code[VOUCHER_SHOWN_LEN + 1], code2[VOUCHER_SHOWN_LEN + 1];
	int64_t amount = -1;
	int rc = voucher_create(&pol, 500, "batch 1", code);
	CHECK(rc == 0 && strlen(code) == VOUCHER_SHOWN_LEN && code[4] == '-',
	      "voucher created: %s", code);
	rc = voucher_redeem(&pol, m, code, &amount);
	CHECK(rc == 0 && amount == 500 && account(m).balance == 500, "voucher redeemed: +500");
	rc = voucher_redeem(&pol, other, code, &amount);
	CHECK(rc == LEDGER_VOUCHER_USED && amount == 0 && account(other).balance == 0,
	      "a redeemed voucher is refused for another member");
	rc = voucher_redeem(&pol, m, code, &amount);
	CHECK(rc == LEDGER_VOUCHER_USED && account(m).balance == 500,
	      "a redeemed voucher is refused for the same member");
	rc = voucher_redeem(&pol, m, "2222-3333-4444-5555", &amount);
	CHECK(rc == LEDGER_UNKNOWN_VOUCHER, "unknown voucher refused");
	rc = voucher_redeem(&pol, m, "not a code", &amount);
	CHECK(rc == LEDGER_UNKNOWN_VOUCHER, "malformed code refused");
	rc = voucher_create(&pol, -1, NULL, code2);
	CHECK(rc == LEDGER_BAD_AMOUNT, "negative voucher refused");
	rc = voucher_create(&pol, pol.max_amount + 1, NULL, code2);
	CHECK(rc == LEDGER_BAD_AMOUNT, "absurd voucher refused");

	rc = voucher_create(&pol, 250, NULL, code2);
	char typed[64];
	size_t n = 0;
	for (const char *p = code2; *p; p++) /* lower case, blanks for dashes */
		typed[n++] = *p == '-' ? ' ' : (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	typed[n] = '\0';
	int rc2 = voucher_redeem(&pol, 424242, typed, &amount);
	CHECK(rc == 0 && rc2 == LEDGER_UNKNOWN_MEMBER, "voucher for an unknown member refused");
	rc = voucher_redeem(&pol, other, typed, &amount);
	CHECK(rc == 0 && amount == 250 && account(other).balance == 250,
	      "voucher typed in lower case with blanks redeemed (and still unused after the "
	      "refusal)");
	CHECK(balanced(m) && balanced(other), "voucher balances equal the ledger");
}

static void test_holds(void)
{
	uint64_t o = new_member("pool@example.org"), r = new_member("pool-r@example.org");
	int64_t secs = -1;
	struct ledger_policy p3 = pol;
	p3.max_call_seconds = 600;
	p3.max_calls = 3;
	ledger_credit(&pol, o, 300, "pool", NULL);

	/* Both legs for d s cost 6 x ceil(d / 60) + ceil(d / 5). A hold prices
	 * each leg one second longer (the cut's milliseconds round up): a
	 * 600 s call holds 601 s, 66 + 121 = 187. */
	struct ledger_call c1 = call_of("h1", PAYER_OWNER, o, 0);
	int rc = ledger_hold(&p3, rates, &c1, T0 / 1000, &secs);
	struct ledger_account a = account(o);
	CHECK(rc == 0 && secs == 600 && a.held == 187 && a.calls == 1,
	      "first call: capped at 600 s, 187 held");
	rc = ledger_hold(&p3, rates, &c1, T0 / 1000, &secs);
	a = account(o);
	CHECK(rc == 0 && secs == 600 && a.held == 187 && a.calls == 1,
	      "the same order again: the same hold, nothing more held");
	/* 113 left: 359 s (held as 360) costs 36 + 72 = 108, 360 s costs
	 * 42 + 73 = 115. */
	struct ledger_call c2 = call_of("h2", PAYER_OWNER, o, 0);
	rc = ledger_hold(&p3, rates, &c2, T0 / 1000, &secs);
	a = account(o);
	CHECK(rc == 0 && secs == 359 && a.held == 295 && a.calls == 2,
	      "second concurrent call draws on the same pool: 359 s, 187 + 108 held");
	struct ledger_call c3 = call_of("h3", PAYER_OWNER, o, 0);
	rc = ledger_hold(&p3, rates, &c3, T0 / 1000, &secs);
	CHECK(rc == LEDGER_INSUFFICIENT && secs == 0, "third call: nothing left, refused");
	rc = ledger_hold(&pol, rates, &c3, T0 / 1000, &secs);
	CHECK(rc == LEDGER_TOO_MANY_CALLS, "cap of two concurrent calls per payer");
	rc = ledger_release("h2");
	a = account(o);
	CHECK(rc == 0 && a.held == 187 && a.calls == 1 && a.balance == 300,
	      "releasing a call gives its hold back");

	/* What is left of a daily spend cap shortens the call like credit
	 * would: a limit of 113 holds what 113 of credit would (359 s, 108). */
	uint64_t lim = new_member("limit@example.org");
	ledger_credit(&pol, lim, 300, "limit", NULL);
	struct ledger_call cl = call_of("l1", PAYER_OWNER, lim, 0);
	cl.owner_money_limit = 113;
	rc = ledger_hold(&p3, rates, &cl, T0 / 1000, &secs);
	CHECK(rc == 0 && secs == 359 && account(lim).held == 108,
	      "a money limit of 113 holds 359 s for 108, as 113 of credit would");
	struct ledger_call cm = call_of("l2", PAYER_OWNER, lim, 0);
	cm.owner_money_limit = 1;
	rc = ledger_hold(&p3, rates, &cm, T0 / 1000, &secs);
	int64_t first_block = account(lim).held - 108;
	CHECK(rc == 0 && secs > 0 && first_block > 0 && first_block < 108,
	      "a limit below the first block still holds the first block (%lld s for %lld)",
	      (long long)secs, (long long)first_block);
	struct ledger_call cr = call_of("l3", PAYER_RECIPIENT, o, lim);
	cr.owner_money_limit = 1; /* the owner's limit does not bind the recipient */
	ledger_release("l1");
	rc = ledger_hold(&p3, rates, &cr, T0 / 1000, &secs);
	CHECK(rc == 0 && secs == 600, "the owner's limit does not shorten a call the recipient pays");
	ledger_release("l2");
	ledger_release("l3");

	/* Leg A rings the recipient before the bridge: with 90 s of setup a
	 * 600 s call holds A at 691 s (12 minutes, 72) + B at 601 s (121) = 193. */
	uint64_t setup = new_member("setup@example.org");
	ledger_credit(&pol, setup, 300, "setup", NULL);
	struct ledger_policy ps = p3;
	ps.setup_seconds = 90;
	struct ledger_call cs = call_of("hs", PAYER_OWNER, setup, 0);
	rc = ledger_hold(&ps, rates, &cs, T0 / 1000, &secs);
	CHECK(rc == 0 && secs == 600 && account(setup).held == 193,
	      "leg A's setup time is held too: 193 for 600 s");

	/* Below the limit (50) but above the first block (7): refused. */
	uint64_t poor = new_member("poor@example.org");
	ledger_credit(&pol, poor, 40, "little", NULL);
	struct ledger_call c4 = call_of("h4", PAYER_OWNER, poor, 0);
	rc = ledger_hold(&pol, rates, &c4, T0 / 1000, &secs);
	CHECK(rc == LEDGER_INSUFFICIENT && account(poor).held == 0,
	      "available credit below the configured limit refused");
	struct ledger_policy nolimit = pol;
	nolimit.min_credit = 0;
	uint64_t poorer = new_member("poorer@example.org");
	ledger_credit(&pol, poorer, 6, "less than a block", NULL);
	struct ledger_call c5 = call_of("h5", PAYER_OWNER, poorer, 0);
	rc = ledger_hold(&nolimit, rates, &c5, T0 / 1000, &secs);
	CHECK(rc == LEDGER_INSUFFICIENT, "credit 6 below the first blocks (6 + 1) refused");
	ledger_credit(&pol, poorer, 1, "now exactly a block", NULL);
	rc = ledger_hold(&nolimit, rates, &c5, T0 / 1000, &secs);
	CHECK(rc == 0 && secs == 4 && account(poorer).held == 7,
	      "credit 7 pays the first blocks: 4 s, held as 5 (6 + 1)");

	/* Mileage only: 100 points = 600 s; both legs billed 300 + 300 at
	 * 299 s (held as 300); 300 s would bill 360 + 305. */
	uint64_t miles = new_member("miles@example.org");
	ledger_award_mileage(&pol, miles, 100, "signup:miles", NULL);
	struct ledger_call c6 = call_of("h6", PAYER_OWNER, miles, 0);
	rc = ledger_hold(&pol, rates, &c6, T0 / 1000, &secs);
	a = account(miles);
	CHECK(rc == 0 && secs == 299 && a.held == 0 && a.held_mileage == 100,
	      "mileage alone: 299 s, 100 points held, no money needed");

	struct ledger_call c7 = call_of("h7", PAYER_RECIPIENT, o, 0);
	rc = ledger_hold(&pol, rates, &c7, T0 / 1000, &secs);
	CHECK(rc == LEDGER_BAD_CALL, "recipient pays but is no member: refused");
	struct ledger_call c8 = call_of("h8", PAYER_OWNER, 777777, 0);
	rc = ledger_hold(&pol, rates, &c8, T0 / 1000, &secs);
	CHECK(rc == LEDGER_UNKNOWN_MEMBER, "unknown payer refused");
	struct ledger_call c9 = call_of("h9", PAYER_OWNER, o, 0);
	c9.b_dest = "+81312345678";
	rc = ledger_hold(&pol, rates, &c9, T0 / 1000, &secs);
	CHECK(rc == LEDGER_NO_RATE, "destination without a rate refused");
	struct ledger_call c10 = call_of("h10", PAYER_SPLIT, o, r);
	rc = ledger_hold(&pol, rates, &c10, T0 / 1000, &secs);
	CHECK(rc == LEDGER_INSUFFICIENT && account(o).held == 187,
	      "split: the recipient without credit refuses the whole call");
	struct ledger_call c11 = call_of("h11", PAYER_OWNER, o, 0);
	c11.b_dest = "sip:bob@192.0.2.7";
	c11.a_dest = "";
	rc = ledger_hold(&p3, rates, &c11, T0 / 1000, &secs);
	CHECK(rc == 0 && secs == 600 && account(o).held == 187,
	      "on-net call (softphone, no number) costs nothing: cap, nothing held");
	ledger_release("h11");
	CHECK(balanced(o) && balanced(miles), "holds never touch the ledger");
}

/* Several processes reserve from one payer at once: the pool is never
 * overdrawn. Balance 1000, 600 s calls cost 180: five full holds (900),
 * then the last 100 buys 320 s (6 x 6 + 64 = 100), then nothing is left. */
static void test_concurrent_pool(void)
{
	uint64_t m = new_member("concurrent@example.org");
	ledger_credit(&pol, m, 1000, "pool", NULL);
	db_close();
	enum { KIDS = 4, TRIES = 5 };
	pid_t kids[KIDS];
	fflush(stdout);
	for (int k = 0; k < KIDS; k++) {
		kids[k] = fork();
		if (kids[k] == 0) {
			struct ledger_policy p = pol;
			int ok = 0;
			p.max_calls = 100;
			p.max_call_seconds = 600;
			open_db();
			for (int t = 0; t < TRIES; t++) {
				char order[32];
				int64_t secs;
				snprintf(order, sizeof order, "c%d-%d", k, t);
				struct ledger_call c = call_of(order, PAYER_OWNER, m, 0);
				if (ledger_hold(&p, rates, &c, T0 / 1000, &secs) == 0)
					ok++;
			}
			db_close();
			_exit(ok);
		}
	}
	int total = 0;
	for (int k = 0; k < KIDS; k++) {
		int st;
		waitpid(kids[k], &st, 0);
		total += WIFEXITED(st) ? WEXITSTATUS(st) : 100;
	}
	open_db();
	struct ledger_account a = account(m);
	CHECK(total == 6 && a.held == 1000 && a.calls == 6 && a.balance == 1000,
	      "four processes, twenty tries: six holds, exactly 1000 held (got %d, %" PRId64 ")",
	      total, a.held);
}

static void test_settlement(void)
{
	struct ledger_settlement s;
	int64_t secs;
	uint64_t o1 = new_member("o1@example.org");
	ledger_credit(&pol, o1, 1000, "start", NULL);
	struct ledger_call c = call_of("s1", PAYER_OWNER, o1, 0);
	int rc = ledger_hold(&pol, rates, &c, T0 / 1000, &secs);
	/* 1000 buys 3319 s, held as 3320: 6 x 56 + 664 = 1000; 3320 s
	 * would cost 1001. */
	CHECK(rc == 0 && secs == 3319 && account(o1).held == 1000, "hold of 1000 for 3319 s");
	struct cdr cdr = std_call("s1", "owner", o1, 0, 0);
	cdr.closed = 0;
	put_cdr(&cdr);
	rc = ledger_settle(&pol, rates, "s1", &s);
	CHECK(rc == LEDGER_NOT_CLOSED && account(o1).held == 1000, "open CDR not settled");
	cdr.closed = T0 + 126000;
	put_cdr(&cdr);
	rc = ledger_settle(&pol, rates, "s1", &s);
	struct ledger_account a = account(o1);
	CHECK(rc == 0 && !s.already && s.a_cost == 18 && s.b_cost == 24 &&
		      s.share[0].money == 42 && a.balance == 958 && a.held == 0 && a.calls == 0,
	      "owner pays 18 + 24 = 42 and the hold is released in the same step");
	rc = ledger_settle(&pol, rates, "s1", &s);
	a = account(o1);
	CHECK(rc == 0 && s.already && a.balance == 958 && entries(o1) == 2,
	      "settling again charges nothing (exactly once)");
	int settled = ledger_call_settled(NULL, "s1");
	CHECK(settled == 1, "the call counts as settled");
	rc = ledger_hold(&pol, rates, &c, T0 / 1000, &secs);
	CHECK(rc == LEDGER_DUPLICATE && account(o1).held == 0, "no new hold for a settled call");

	struct ledger_call_check chk;
	rc = ledger_call_check(NULL, &pol, rates, "s1", &chk);
	CHECK(rc == 0 && chk.settled && chk.payers == 1 && chk.diff[0] == 0 &&
		      chk.ledger[0] == -42,
	      "check: the ledger equals the rated CDR");
	rc = ledger_call_check(NULL, &pol, rates2, "s1", &chk);
	CHECK(rc == 0 && chk.expected[0] == -51 && chk.diff[0] == 9,
	      "check under the new rates: 27 + 24 = 51 expected, 42 charged");
	int corrections = -1;
	rc = ledger_rerate(&pol, rates2, "s1", &corrections);
	a = account(o1);
	CHECK(rc == 0 && corrections == 1 && a.balance == 949 && entries(o1) == 3,
	      "re-rating writes one correction of -9");
	rc = ledger_rerate(&pol, rates2, "s1", &corrections);
	CHECK(rc == 0 && corrections == 0 && account(o1).balance == 949,
	      "re-rating again corrects nothing");
	rc = ledger_rerate(&pol, rates, "s1", &corrections);
	CHECK(rc == 0 && corrections == 1 && account(o1).balance == 958,
	      "re-rating back to the old rates: a second correction of +9");
	CHECK(balanced(o1), "owner balance equals the ledger");

	/* Split 30/70; the CDR says nothing of who pays: the hold recorded it. */
	uint64_t o2 = new_member("o2@example.org"), r2 = new_member("r2@example.org");
	ledger_credit(&pol, o2, 1000, "start", NULL);
	ledger_credit(&pol, r2, 1000, "start", NULL);
	struct ledger_call c2 = call_of("s2", PAYER_SPLIT, o2, r2);
	c2.owner_percent = 30;
	rc = ledger_hold(&pol, rates, &c2, T0 / 1000, &secs);
	CHECK(rc == 0 && account(o2).held > 0 && account(r2).held > 0 && account(r2).calls == 1,
	      "split: both payers hold");
	struct cdr cdr2 = std_call("s2", "split", o2, r2, 30);
	cdr2.terms = 2;
	put_cdr(&cdr2);
	rc = ledger_settle(&pol, rates, "s2", &s);
	CHECK(rc == 0 && s.payers == 2 && account(o2).balance == 988 &&
		      account(r2).balance == 970 && account(o2).held == 0 && account(r2).held == 0,
	      "split 30%%: owner 12 (of 42), recipient 30");
	CHECK(balanced(o2) && balanced(r2), "split balances equal the ledger");

	/* Mileage first: 100 points cover 600 s, the call is 296 billed s. */
	uint64_t o3 = new_member("o3@example.org"), r3 = new_member("r3@example.org");
	ledger_credit(&pol, r3, 1000, "start", NULL);
	ledger_award_mileage(&pol, r3, 100, "signup:r3", NULL);
	struct cdr cdr3 = std_call("s3", "recipient", o3, r3, 0);
	put_cdr(&cdr3);
	rc = ledger_settle(&pol, rates, "s3", &s);
	a = account(r3);
	CHECK(rc == 0 && a.balance == 1000 && a.mileage == 50 && s.share[0].mileage == 50 &&
		      entries(r3) == 4,
	      "mileage first: 50 points (ceil(296 x 10 / 60)), no money");
	CHECK(account(o3).balance == 0 && entries(o3) == 0, "the owner was not charged");
	rc = ledger_call_check(NULL, &pol, rates, "s3", &chk);
	CHECK(rc == 0 && chk.diff[0] == 0, "check with mileage agrees");

	/* 20 points cover 120 s; money pays ceil(42 x 176 / 296) = 25. */
	uint64_t r4 = new_member("r4@example.org");
	ledger_credit(&pol, r4, 1000, "start", NULL);
	ledger_award_mileage(&pol, r4, 20, "signup:r4", NULL);
	struct cdr cdr4 = std_call("s4", "recipient", o3, r4, 0);
	put_cdr(&cdr4);
	rc = ledger_settle(&pol, rates, "s4", &s);
	a = account(r4);
	CHECK(rc == 0 && a.balance == 975 && a.mileage == 0, "partial mileage: 20 points + 25");
	rc = ledger_call_check(NULL, &pol, rates, "s4", &chk);
	CHECK(rc == 0 && chk.diff[0] == 0, "check with partial mileage agrees");
	CHECK(balanced(r3) && balanced(r4), "mileage balances equal the ledger");

	/* Unanswered: settled at 0 so the nightly run knows it is done. */
	struct cdr cdr5 = std_call("s5", "owner", o1, 0, 0);
	cdr5.a_answer = 0;
	cdr5.b_answer = 0;
	put_cdr(&cdr5);
	rc = ledger_settle(&pol, rates, "s5", &s);
	settled = ledger_call_settled(NULL, "s5");
	CHECK(rc == 0 && s.share[0].money == 0 && account(o1).balance == 958 && settled == 1,
	      "unanswered call: settled at 0");

	/* Only leg A answered (the recipient never picked up): 18. */
	struct cdr cdr6 = std_call("s6", "owner", o1, 0, 0);
	cdr6.b_answer = 0;
	cdr6.terms = 1; /* who pays read from the order record */
	put_cdr(&cdr6);
	rc = ledger_settle(&pol, rates, "s6", &s);
	CHECK(rc == 0 && s.share[0].money == 18 && account(o1).balance == 940,
	      "only leg A answered, who pays from the order record: 18");
	struct cdr nobody = std_call("s6b", "owner", o1, 0, 0);
	nobody.terms = 2; /* never held */
	put_cdr(&nobody);
	rc = ledger_settle(&pol, rates, "s6b", &s);
	CHECK(rc == LEDGER_BAD_CALL && account(o1).balance == 940,
	      "a call nobody held and whose CDR names no payer is refused");
	struct cdr pc = std_call("s6c", "owner", o1, 0, 0);
	pc.b_dest = "sip:bob@192.0.2.7";
	put_cdr(&pc);
	rc = ledger_settle(&pol, rates, "s6c", &s);
	CHECK(rc == 0 && s.b_cost == 0 && s.share[0].money == 18 && account(o1).balance == 922,
	      "a softphone leg (sip: URI) is on-net and free: 18 for leg A only");

	rc = ledger_settle(&pol, rates, "nosuch", &s);
	CHECK(rc == LEDGER_NO_CDR, "no CDR: refused");
	struct cdr bad = std_call("s7", "owner", o1, 0, 0);
	bad.b_dest = "+81312345678";
	put_cdr(&bad);
	rc = ledger_settle(&pol, rates, "s7", &s);
	CHECK(rc == LEDGER_NO_RATE && account(o1).balance == 922,
	      "no rate: refused, nothing charged");
	bad = std_call("s8", "owner", o1, 0, 0);
	bad.a_end = bad.a_answer - 1;
	put_cdr(&bad);
	rc = ledger_settle(&pol, rates, "s8", &s);
	CHECK(rc == LEDGER_BAD_CALL, "end before answer: refused");
	bad = std_call("s9", "nobody", o1, 0, 0);
	put_cdr(&bad);
	rc = ledger_settle(&pol, rates, "s9", &s);
	CHECK(rc == LEDGER_BAD_CALL, "unknown payer setting: refused");
	bad = std_call("s10", "owner", 888888, 0, 0);
	put_cdr(&bad);
	rc = ledger_settle(&pol, rates, "s10", &s);
	CHECK(rc == LEDGER_UNKNOWN_MEMBER, "payer not a member: refused");
	rc = ledger_rerate(&pol, rates, "s10", &corrections);
	CHECK(rc == LEDGER_NOT_SETTLED, "re-rating an uncharged call refused");
	CHECK(balanced(o1), "after every refusal the owner balance equals the ledger");
}

/* Three processes settle the same twenty calls at once (the dialer and a
 * billing run racing): each call is charged once, 42 each. */
static void test_concurrent_settlement(void)
{
	uint64_t m = new_member("race@example.org");
	ledger_credit(&pol, m, 1000, "race", NULL);
	for (int i = 0; i < 20; i++) {
		char order[16];
		snprintf(order, sizeof order, "race%d", i);
		struct cdr c = std_call(order, "owner", m, 0, 0);
		put_cdr(&c);
	}
	db_close();
	enum { KIDS = 3 };
	pid_t kids[KIDS];
	fflush(stdout);
	for (int k = 0; k < KIDS; k++) {
		kids[k] = fork();
		if (kids[k] == 0) {
			int errors = 0;
			open_db();
			for (int i = 0; i < 20; i++) {
				char order[16];
				struct ledger_settlement s;
				snprintf(order, sizeof order, "race%d", i);
				errors += ledger_settle(&pol, rates, order, &s) != 0;
			}
			db_close();
			_exit(errors);
		}
	}
	int failed = 0;
	for (int k = 0; k < KIDS; k++) {
		int st;
		waitpid(kids[k], &st, 0);
		failed += !WIFEXITED(st) || WEXITSTATUS(st) != 0;
	}
	open_db();
	struct ledger_account a = account(m);
	CHECK(failed == 0 && a.balance == 1000 - 20 * 42 && entries(m) == 21 && balanced(m),
	      "racing settlements: twenty charges of 42, no error (balance %" PRId64 ")",
	      a.balance);
}

static void test_rates_store(void)
{
	struct rate_table *t = NULL;
	char err[256] = "";
	size_t count = 0;
	int rc = ledger_rates_load(&t, err, sizeof err);
	CHECK(rc == -1 && t == NULL && strstr(err, "no rate table loaded"),
	      "no rate table stored yet: said so");
	rc = ledger_rates_store(rates_text, strlen(rates_text), &count, err, sizeof err);
	CHECK(rc == 0 && count == 2, "a valid table is stored");
	static const char bad[] = "currency EUR\n44 0 9 60/60 0 - -\n33 0 x 1/1 0 - -\n";
	rc = ledger_rates_store(bad, strlen(bad), &count, err, sizeof err);
	CHECK(rc == -1 && !strncmp(err, "line 3: per-minute price 'x'", 28),
	      "a malformed table is refused with its line");
	rc = ledger_rates_load(&t, err, sizeof err);
	const struct rate *r = rc == 0 ? rate_lookup(t, "44", 0) : NULL;
	CHECK(r && r->per_minute_e4 == 60000, "the table in use is the valid one, untouched");
	rate_table_free(t);
}

/* Billing.* keys of the configuration override the defaults; a bad one
 * is refused with its key. */
static void test_policy_config(void)
{
	char path[] = "/tmp/test_ledger_cfg_XXXXXX", err[256] = "";
	struct ledger_policy p;
	int fd = mkstemp(path);
	FILE *fp = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!fp)
		return;
	fputs("Billing.MinCredit = 120\nBilling.MaxCalls = 4\nBilling.Currency = KRW\n"
	      "Billing.LowBalance = 2500\n", fp);
	fclose(fp);
	setenv("CALLCARD_CONFIG", path, 1);
	int rc = config_load(err, sizeof err);
	int prc = rc == 0 ? ledger_policy_from_config(&p, err, sizeof err) : -1;
	CHECK(prc == 0 && p.min_credit == 120 && p.max_calls == 4 && !strcmp(p.currency, "KRW") &&
		      p.max_call_seconds == 3600 && p.setup_seconds == 90 && p.low_balance == 2500,
	      "configured billing policy read over the defaults (%s)", err);
	fp = fopen(path, "w");
	if (fp) {
		fputs("Billing.MinCredit = -5\n", fp);
		fclose(fp);
	}
	rc = config_load(err, sizeof err);
	prc = rc == 0 ? ledger_policy_from_config(&p, err, sizeof err) : 0;
	CHECK(prc == -1 && strstr(err, "Billing.MinCredit = -5"), "a negative limit is refused");
	fp = fopen(path, "w");
	if (fp) {
		fputs("Billing.LowBalance = ten\n", fp);
		fclose(fp);
	}
	rc = config_load(err, sizeof err);
	prc = rc == 0 ? ledger_policy_from_config(&p, err, sizeof err) : 0;
	CHECK(prc == -1 && strstr(err, "Billing.LowBalance = ten: must be a whole number"),
	      "a low-balance threshold that is not a number is refused (%s)", err);
	ledger_policy_defaults(&p);
	CHECK(p.low_balance == 1000, "the low-balance threshold defaults to 1000 minor units");
	config_free();
	unsetenv("CALLCARD_CONFIG");
	unlink(path);
}

/* The nightly run's mail helpers: months and amounts as members read them. */
static void test_billing_mail_text(void)
{
	struct billing_month m;
	char buf[64];
	CHECK(billing_month_parse("2026-10", &m) == 0 && m.year == 2026 && m.month == 10,
	      "2026-10 is October 2026");
	const char *bad[] = {"2026-13", "2026-00", "2026-1", "26-10", "2026/10", "2026-10x",
			     "1999-12", "", "abcd-ef", NULL};
	int refused = 0;
	for (int i = 0; bad[i]; i++)
		refused += billing_month_parse(bad[i], &m) == -1;
	CHECK(refused == 9, "malformed months refused (%d of 9)", refused);
	billing_month_before(1767225600, &m); /* 2026-01-01 00:00 UTC */
	CHECK(m.year == 2025 && m.month == 12, "the month before January is last December");
	billing_month_before(1795541304, &m); /* 2026-11-24 */
	CHECK(m.year == 2026 && m.month == 10, "the month before November is October");
	money_format(1234, "EUR", buf, sizeof buf);
	CHECK(!strcmp(buf, "12.34 EUR"), "1234 cents are 12.34 EUR (%s)", buf);
	money_format(-5, "EUR", buf, sizeof buf);
	CHECK(!strcmp(buf, "-0.05 EUR"), "-5 cents are -0.05 EUR (%s)", buf);
	money_format(1500, "KRW", buf, sizeof buf);
	CHECK(!strcmp(buf, "1500 KRW"), "won have no minor unit: 1500 KRW (%s)", buf);
}

int main(void)
{
	char err[256];
	log_init("test_ledger");
	snprintf(home, sizeof home, "/tmp/test_ledger_XXXXXX");
	if (!mkdtemp(home)) {
		printf("not ok - mkdtemp\n");
		return 1;
	}
	if (rate_table_parse(rates_text, strlen(rates_text), &rates, err, sizeof err) ||
	    rate_table_parse(rates2_text, strlen(rates2_text), &rates2, err, sizeof err)) {
		printf("not ok - rates: %s\n", err);
		return 1;
	}
	ledger_policy_defaults(&pol);
	pol.setup_seconds = 0; /* the hand-computed holds price both legs alike */
	open_db();
	test_share_compute();
	test_credit();
	test_vouchers();
	test_holds();
	test_concurrent_pool();
	test_settlement();
	test_concurrent_settlement();
	test_rates_store();
	test_policy_config();
	test_billing_mail_text();
	db_close();
	remove_home();
	rate_table_free(rates);
	rate_table_free(rates2);
	fflush(stdout);
	return check_done();
}
