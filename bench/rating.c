/* rating.c: benchmark of rate lookups on a 100,000-prefix table and of
 * call settlements on a real database. Built and run by bench/rating.sh.
 *
 *   rating [LOOKUPS] [SETTLEMENTS] */
#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db.h"
#include "ledger.h"
#include "log.h"
#include "member.h"
#include "rate.h"
#include "rec.h"

#define PREFIXES 100000

static uint64_t rng = 88172645463325252ULL;

static uint64_t next_rand(void) /* xorshift64: deterministic, good enough */
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A set of prefixes already made (value x 10 + length; 0 is empty). */
#define SEEN_SLOTS (1 << 18)
static uint64_t seen[SEEN_SLOTS];

static int seen_add(uint64_t v)
{
	size_t i = (size_t)(v * 0x9E3779B97F4A7C15ULL >> 46);
	while (seen[i] && seen[i] != v)
		i = (i + 1) & (SEEN_SLOTS - 1);
	if (seen[i])
		return 0;
	seen[i] = v;
	return 1;
}

/* A table of PREFIXES distinct prefixes, 2 to 8 digits. */
static char *make_table(size_t *len)
{
	size_t cap = (size_t)PREFIXES * 48 + 64, n = 0;
	char *text = malloc(cap);
	if (!text)
		exit(1);
	n += (size_t)snprintf(text, cap, "currency EUR\n");
	for (int made = 0; made < PREFIXES;) {
		int digits = 2 + (int)(next_rand() % 7);
		uint64_t v = next_rand() % 100000000ULL;
		char p[16];
		snprintf(p, sizeof p, "%08" PRIu64, v);
		p[digits] = '\0';
		if (p[0] == '0')
			p[0] = '1';
		if (!seen_add((uint64_t)strtoull(p, NULL, 10) * 10 + (uint64_t)digits))
			continue;
		n += (size_t)snprintf(text + n, cap - n, "%s %d %d.%02d 60/6 0 - -\n", p,
				      (int)(next_rand() % 20), (int)(next_rand() % 30),
				      (int)(next_rand() % 100));
		made++;
	}
	*len = n;
	return text;
}

static void bench_lookups(long lookups)
{
	size_t len;
	char err[256];
	struct rate_table *t;
	char *text = make_table(&len);
	double t0 = now_s();
	if (rate_table_parse(text, len, &t, err, sizeof err) < 0) {
		fprintf(stderr, "rating: %s\n", err);
		exit(1);
	}
	double t1 = now_s();
	free(text);
	char (*numbers)[16] = malloc(4096 * sizeof *numbers);
	if (!numbers)
		exit(1);
	for (int i = 0; i < 4096; i++)
		snprintf(numbers[i], sizeof numbers[i], "%llu",
			 (unsigned long long)(100000000000ULL + next_rand() % 900000000000ULL));
	long found = 0;
	int64_t cost = 0;
	double t2 = now_s();
	for (long i = 0; i < lookups; i++) {
		const struct rate *r = rate_lookup(t, numbers[i & 4095], 1767225600);
		if (r) {
			found++;
			cost += rate_cost(r, 61);
		}
	}
	double t3 = now_s();
	printf("rate table: %zu prefixes parsed in %.1f ms\n", rate_table_count(t),
	       (t1 - t0) * 1e3);
	printf("rating: %ld lookups+costs in %.3f s: %.0f per second, %.0f ns each "
	       "(%ld matched, checksum %" PRId64 ")\n",
	       lookups, t3 - t2, (double)lookups / (t3 - t2), (t3 - t2) / (double)lookups * 1e9,
	       found, cost);
	free(numbers);
	rate_table_free(t);
}

static int member_txn(DB_TXN *txn, void *arg)
{
	struct rec r;
	rec_init(&r);
	rec_set(&r, "email", "bench@example.org");
	int rc = member_insert(txn, &r, arg);
	rec_free(&r);
	return rc;
}

struct cdr_arg {
	int n;
	uint64_t member;
};

static int cdrs_txn(DB_TXN *txn, void *arg)
{
	struct cdr_arg *c = arg;
	for (int i = 0; i < c->n; i++) {
		char order[32];
		struct rec r;
		long long t0 = 1767225600000LL + i * 1000LL;
		snprintf(order, sizeof order, "bench%d", i);
		rec_init(&r);
		rec_set(&r, "payer", "owner");
		rec_setf(&r, "owner_id", "%" PRIu64, c->member);
		rec_set(&r, "a_target", "+441234567");
		rec_set_int(&r, "a_answer", t0);
		rec_set_int(&r, "a_end", t0 + 95000 + i % 1000);
		rec_set(&r, "b_target", "+33123456789");
		rec_set_int(&r, "b_answer", t0 + 8000);
		rec_set_int(&r, "b_end", t0 + 95000 + i % 1000);
		rec_set_int(&r, "ended", t0 + 96000);
		int rc = db_put_rec(TBL_CDRS, txn, order, strlen(order), &r, 0);
		rec_free(&r);
		if (rc)
			return rc;
	}
	return 0;
}

static void bench_settlements(int n)
{
	char home[] = "/tmp/callcard-bench-XXXXXX", err[256];
	static const char rates_text[] = "currency EUR\n44 0 1.8 60/60 0 - -\n33 5 2 30/6 10 - -\n";
	struct rate_table *t;
	struct ledger_policy pol;
	uint64_t member;
	if (!mkdtemp(home) || db_open(home, err, sizeof err) < 0 ||
	    rate_table_parse(rates_text, sizeof rates_text - 1, &t, err, sizeof err) < 0) {
		fprintf(stderr, "rating: %s\n", err);
		exit(1);
	}
	ledger_policy_defaults(&pol);
	struct cdr_arg c = {.n = n};
	if (db_txn_run(member_txn, &member) || (c.member = member, db_txn_run(cdrs_txn, &c)) ||
	    ledger_credit(&pol, member, pol.max_amount, "bench", NULL)) {
		fprintf(stderr, "rating: setting up the database failed\n");
		exit(1);
	}
	double t0 = now_s();
	int ok = 0;
	for (int i = 0; i < n; i++) {
		char order[32];
		struct ledger_settlement s;
		snprintf(order, sizeof order, "bench%d", i);
		ok += ledger_settle(&pol, t, order, &s) == 0;
	}
	double t1 = now_s();
	struct ledger_account a;
	ledger_account_get(NULL, member, &a);
	printf("settlement: %d calls (sync commits) in %.3f s: %.0f per second; balance %" PRId64
	       "\n",
	       ok, t1 - t0, (double)ok / (t1 - t0), a.balance);
	rate_table_free(t);
	db_close();
	DIR *d = opendir(home);
	struct dirent *e;
	char path[512];
	while (d && (e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			snprintf(path, sizeof path, "%s/%s", home, e->d_name);
			unlink(path);
		}
	if (d)
		closedir(d);
	rmdir(home);
}

int main(int argc, char **argv)
{
	long lookups = argc > 1 ? atol(argv[1]) : 5000000;
	int settlements = argc > 2 ? atoi(argv[2]) : 2000;
	log_init("rating");
	if (lookups < 1 || settlements < 1) {
		fprintf(stderr, "usage: rating [LOOKUPS] [SETTLEMENTS]\n");
		return 2;
	}
	bench_lookups(lookups);
	bench_settlements(settlements);
	return 0;
}
