/* test_money_history.c: a member's calls and ledger as the balance pages
 * read them, from a real database: a split call settled by the ledger,
 * seen by the owner and by the recipient. */
#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "db.h"
#include "ledger.h"
#include "log.h"
#include "member.h"
#include "money_history.h"
#include "rate.h"

#define T0 1767225600000LL /* 2026-01-01 00:00 UTC in ms */

/* 44: 6 a minute, per minute; 33: 12 a minute, per second. */
static const char rates_text[] = "currency EUR\n"
				 "44 0 6  60/60 0 - -\n"
				 "33 0 12 1/1   0 - -\n";
static char home[64];

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
	if (db_txn_run(member_txn, &m) != 0) {
		printf("not ok - member %s\n", email);
		exit(1);
	}
	return m.id;
}

/* A closed call as the dialer writes it: A to the UK up 125.3 s (billed
 * 180 s: 18), B to France up 115.3 s (116 s: 23.2, so 24); 42 in all. */
static int cdr_txn(DB_TXN *txn, void *arg)
{
	const char *order = arg;
	struct rec r;
	rec_init(&r);
	rec_set(&r, "a_target", "+441234567");
	rec_set_int(&r, "a_invite", T0 - 5000);
	rec_set_int(&r, "a_answer", T0);
	rec_set_int(&r, "a_end", T0 + 125300);
	rec_set(&r, "b_target", "+33123456789");
	rec_set_int(&r, "b_answer", T0 + 10000);
	rec_set_int(&r, "b_end", T0 + 125300);
	rec_set_int(&r, "ended", T0 + 126000);
	int rc = db_put_rec(TBL_CDRS, txn, order, strlen(order), &r, 0);
	rec_free(&r);
	return rc;
}

static const struct money_call *only_call(struct money_call *v, size_t n, const char *who)
{
	CHECK(n == 1, "%s: one call listed (%zu)", who, n);
	return n == 1 ? &v[0] : NULL;
}

int main(void)
{
	char err[256], words[80];
	struct rate_table *rates;
	struct ledger_policy pol;
	log_init("test_money_history");
	snprintf(home, sizeof home, "/tmp/test_money_XXXXXX");
	if (!mkdtemp(home) || db_open(home, err, sizeof err) != 0 ||
	    rate_table_parse(rates_text, strlen(rates_text), &rates, err, sizeof err) != 0) {
		printf("not ok - set-up\n");
		return 1;
	}
	ledger_policy_defaults(&pol);
	pol.setup_seconds = 0;
	uint64_t owner = new_member("owner@example.org");
	uint64_t caller = new_member("caller@example.org");
	CHECK(ledger_credit(&pol, owner, 1000, "opening", NULL) == 0, "owner credited");
	CHECK(ledger_credit(&pol, caller, 1000, "opening", NULL) == 0, "caller credited");

	struct money_call *v = NULL;
	size_t n = 9;
	CHECK(money_calls(owner, &v, &n) == 0 && n == 0, "no calls before any");
	free(v);

	struct ledger_call call = {"split-1", PAYER_SPLIT, owner, caller, 50, "+441234567",
				   "+33123456789", 0, 0};
	int64_t secs = 0;
	CHECK(ledger_hold(&pol, rates, &call, T0 / 1000, &secs) == 0, "the call is held");
	CHECK(db_txn_run(cdr_txn, "split-1") == 0, "its CDR is written");
	struct ledger_settlement s;
	CHECK(ledger_settle(&pol, rates, "split-1", &s) == 0 && s.payers == 2, "and settled");

	CHECK(money_calls(owner, &v, &n) == 0, "the owner's calls read");
	const struct money_call *c = only_call(v, n, "owner");
	if (c) {
		CHECK_STR(c->order, "split-1", "  the order");
		CHECK(c->when == T0 / 1000 - 5, "  dated when leg A was dialled");
		CHECK(!c->is_recipient, "  on the owner's side");
		CHECK_STR(c->other, "+3312 ••••• 89", "  the recipient's number masked");
		CHECK(c->a_seconds == 126 && c->b_seconds == 116, "  both legs' seconds");
		CHECK(c->charged && c->cost == 42, "  the whole cost (%" PRId64 ")", c->cost);
		CHECK(c->paid == 21, "  the owner's half paid (%" PRId64 ")", c->paid);
		CHECK_STR(c->payer, "split", "  split");
		money_payer_words(c, words, sizeof words);
		CHECK_STR(words, "Split: you 50 %, the caller 50 %", "  in words");
	}
	free(v);
	CHECK(money_calls(caller, &v, &n) == 0, "the caller's calls read");
	c = only_call(v, n, "caller");
	if (c) {
		CHECK(c->is_recipient, "  on the caller's side");
		CHECK_STR(c->other, "+4412 ••••• 67", "  the owner's number masked");
		CHECK(c->paid == 21 && c->cost == 42, "  the caller's half of 42");
		money_payer_words(c, words, sizeof words);
		CHECK_STR(words, "Split: you 50 %, the owner 50 %", "  in words");
	}
	free(v);

	struct money_entry *e = NULL;
	CHECK(money_entries(owner, &e, &n) == 0 && n == 2, "the owner has two entries");
	if (n == 2) {
		CHECK_STR(e[0].cause, "Credit from the operator: opening", "  the credit in words");
		CHECK(e[0].money == 1000 && e[0].balance_after == 1000, "  its amount and balance");
		CHECK_STR(e[1].cause, "Call", "  then the call");
		CHECK(e[1].money == -21 && e[1].balance_after == 979, "  a debit of 21");
		CHECK_STR(e[1].currency, "EUR", "  in EUR");
	}
	free(e);

	db_close();
	remove_home();
	rate_table_free(rates);
	return check_done();
}
