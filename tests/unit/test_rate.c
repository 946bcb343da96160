/* test_rate.c: rating against hand-computed cases; malformed rate files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "rate.h"

#define T_2026_01_01 1767225600LL
#define T_2026_07_01 1782864000LL
#define T_2027_01_01 1798761600LL

static const char table_text[] =
	"# test table\r\n"
	"currency EUR\n"
	"\n"
	"1     0   1       60/60  0   -           -           North America\n"
	"44    0   2.5     60/60  0   -           -           United Kingdom\n"
	"4420  5   1.2     30/6   10  -           2026-07-01  London until June\n"
	"4420  7   1.0     1/1    0   2026-07-01  -           London from July\n"
	"4421  0   0.5     1/1    0   2027-01-01  -           future only\n"
	"447   0   12      1/1    0   -           -           UK mobile   \n"
	"33    20  6       60/1   15  -           -\t# France\n"
	"49    0   0.0125  1/1    0   -           -\n"
	"800   0   0       1/1    0   -           -           freephone\n";

struct cost_case {
	const char *number;
	long long when;
	long long seconds;
	long long cost; /* hand-computed, minor units */
	const char *why;
};

/* Each expected cost below is worked out by hand:
 * cost = connect + ceil(billed * price / 60), at least the minimum. */
static const struct cost_case cost_cases[] = {
	{"4420123", T_2026_01_01, 0, 0, "unanswered leg costs nothing"},
	{"4420123", T_2026_01_01, 1, 10, "1 s: billed 30, 5+ceil(0.6)=6, minimum 10"},
	{"4420123", T_2026_01_01, 30, 10, "30 s: first block only, minimum 10"},
	{"4420123", T_2026_01_01, 31, 10, "31 s: billed 36, 5+ceil(0.72)=6, minimum 10"},
	{"4420123", T_2026_01_01, 600, 17, "600 s: billed 600, 5+12=17"},
	{"4420123", T_2026_01_01, 601, 18, "601 s: billed 606, 5+ceil(12.12)=18"},
	{"4420123", T_2026_07_01 - 1, 601, 18, "last second of the old London rate"},
	{"4420123", T_2026_07_01, 61, 9, "new London rate from July: 7+ceil(1.0167)=9"},
	{"+4420123", T_2026_07_01, 60, 8, "leading + accepted: 7+1=8"},
	{"44161", T_2026_01_01, 1, 3, "UK 60/60: billed 60 at 2.5/min = 2.5, rounded up 3"},
	{"44161", T_2026_01_01, 60, 3, "UK 60 s: 3"},
	{"44161", T_2026_01_01, 61, 5, "UK 61 s: billed 120 = 5"},
	{"442", T_2026_01_01, 120, 5, "442 falls back to 44: 5"},
	{"4421555", T_2026_01_01, 60, 3, "4421 not yet valid: falls back to 44"},
	{"4421555", T_2027_01_01, 60, 1, "4421 valid from 2027: 0.5 rounded up to 1"},
	{"447911", T_2026_01_01, 1, 1, "mobile 1/1: 0.2 rounded up to 1"},
	{"447911", T_2026_01_01, 90, 18, "mobile 90 s at 12/min = 18"},
	{"33123", T_2026_01_01, 1, 26, "France 1 s: billed 60, 20+6=26"},
	{"33123", T_2026_01_01, 61, 27, "France 61 s: 60/1 billed 61, 20+ceil(6.1)=27"},
	{"4912", T_2026_01_01, 3600, 1, "0.0125/min for an hour = 0.75, rounded up 1"},
	{"4912", T_2026_01_01, 1, 1, "any answered second costs at least one minor unit"},
	{"18005551212", T_2026_01_01, 90, 2, "1 at 1/min 60/60: billed 120 = 2"},
	{"8001", T_2026_01_01, 3600, 0, "free prefix"},
};

struct max_case {
	const char *number;
	long long when, credit, cap, seconds;
	const char *why;
};

static const struct max_case max_cases[] = {
	{"4420123", T_2026_01_01, 9, 3600, 0, "below the minimum charge: 0 s"},
	{"4420123", T_2026_01_01, 10, 3600, 246, "credit 10: billed 246 costs 10, 252 costs 11"},
	{"44161", T_2026_01_01, 10, 3600, 240, "credit 10 at 2.5/min 60/60: 240 s"},
	{"44161", T_2026_01_01, 2, 3600, 0, "credit below the first block: 0 s"},
	{"447911", T_2026_01_01, 12, 3600, 60, "credit 12 at 12/min 1/1: 60 s"},
	{"447911", T_2026_01_01, 1000000, 3600, 3600, "rich payer: the cap"},
	{"8001", T_2026_01_01, 0, 1800, 1800, "free prefix: the cap even with no credit"},
	{"33123", T_2026_01_01, 25, 3600, 0, "France: first block costs 26"},
	{"33123", T_2026_01_01, 27, 3600, 70, "France credit 27: 20+ceil(70*6/60)=27"},
};

static void test_costs(const struct rate_table *t)
{
	for (size_t i = 0; i < sizeof cost_cases / sizeof cost_cases[0]; i++) {
		const struct cost_case *c = &cost_cases[i];
		const struct rate *r = rate_lookup(t, c->number, c->when);
		long long got = r ? rate_cost(r, c->seconds) : -2;
		CHECK(got == c->cost, "cost %s %llds: %s", c->number, c->seconds, c->why);
		if (got != c->cost)
			printf("#   got %lld, want %lld\n", got, c->cost);
	}
}

static void test_max_seconds(const struct rate_table *t)
{
	for (size_t i = 0; i < sizeof max_cases / sizeof max_cases[0]; i++) {
		const struct max_case *c = &max_cases[i];
		const struct rate *r = rate_lookup(t, c->number, c->when);
		long long got = r ? rate_max_seconds(r, c->credit, c->cap) : -2;
		CHECK(got == c->seconds, "max seconds %s credit %lld: %s", c->number, c->credit,
		      c->why);
		if (got != c->seconds)
			printf("#   got %lld, want %lld\n", got, c->seconds);
		/* The answer is affordable and one second more is not. */
		if (r && got > 0 && got < c->cap)
			CHECK(rate_cost(r, got) <= c->credit && rate_cost(r, got + 1) > c->credit,
			      "max seconds %s credit %lld is the boundary", c->number, c->credit);
	}
}

static void test_lookup(const struct rate_table *t)
{
	const struct rate *r;
	CHECK(rate_table_count(t) == 9, "nine rates loaded");
	CHECK_STR(rate_table_currency(t), "EUR", "currency");
	r = rate_lookup(t, "442071234567", T_2026_01_01);
	CHECK(r && !strcmp(r->prefix, "4420"), "longest prefix 4420 wins over 44");
	CHECK_STR(r ? r->name : NULL, "London until June", "name kept");
	r = rate_lookup(t, "447", T_2026_01_01);
	CHECK(r && !strcmp(r->prefix, "447"), "exact prefix matches");
	CHECK_STR(r ? r->name : NULL, "UK mobile", "trailing blanks trimmed from the name");
	r = rate_lookup(t, "33", T_2026_01_01);
	CHECK_STR(r ? r->name : NULL, "", "comment after the last field is no name");
	CHECK(rate_lookup(t, "81312345678", T_2026_01_01) == NULL, "no prefix: no rate");
	CHECK(rate_lookup(t, "44a1", T_2026_01_01) == NULL, "non-digit number: no rate");
	CHECK(rate_lookup(t, "", T_2026_01_01) == NULL, "empty number: no rate");
	CHECK(rate_lookup(t, "+", T_2026_01_01) == NULL, "lone +: no rate");
	CHECK(rate_lookup(t, "4412345678901234", T_2026_01_01) == NULL,
	      "16 digits is not E.164: no rate");
	r = rate_lookup(t, "4420", T_2026_07_01);
	CHECK(r && r->connect_fee == 7 && r->per_minute_e4 == 10000, "validity picks July's line");
	CHECK(r && rate_billed_seconds(r, 59) == 59, "1/1 bills every second");
	r = rate_lookup(t, "4420", T_2026_01_01);
	CHECK(r && rate_billed_seconds(r, 37) == 42, "30/6: 37 s billed 42");
	CHECK(r && rate_billed_seconds(r, -1) == -1 && rate_cost(r, -1) == -1,
	      "negative duration refused");
	CHECK(r && rate_cost(r, RATE_SECONDS_MAX + 1) == -1, "absurd duration refused");
}

struct bad_case {
	const char *text;
	const char *err;
};

static const struct bad_case bad_cases[] = {
	{"44 0 1 60/60 0 - -\n", "line 1: a 'currency XXX' line must come before"},
	{"", "line 1: no 'currency XXX' line"},
	{"currency eur\n", "line 1: currency must be three upper-case"},
	{"currency EUR\ncurrency USD\n", "line 2: currency given twice"},
	{"currency EUR\n44 0 1 60/60 0 - -\n44x 0 1 60/60 0 - -\n", "line 3: prefix '44x'"},
	{"currency EUR\n1234567890123456 0 1 60/60 0 - -\n", "line 2: prefix '1234567890123456'"},
	{"currency EUR\n44 -5 1 60/60 0 - -\n", "line 2: connect fee '-5'"},
	{"currency EUR\n44 0 1.23456 60/60 0 - -\n", "line 2: per-minute price '1.23456'"},
	{"currency EUR\n44 0 1. 60/60 0 - -\n", "line 2: per-minute price '1.'"},
	{"currency EUR\n44 0 -1 60/60 0 - -\n", "line 2: per-minute price '-1'"},
	{"currency EUR\n44 0 1 60 0 - -\n", "line 2: increments '60'"},
	{"currency EUR\n44 0 1 0/60 0 - -\n", "line 2: increments '0/60'"},
	{"currency EUR\n44 0 1 60/3601 0 - -\n", "line 2: increments '60/3601'"},
	{"currency EUR\n44 0 1 60/60 abc - -\n", "line 2: minimum 'abc'"},
	{"currency EUR\n44 999999999999999999999 1 60/60 0 - -\n", "line 2: connect fee"},
	{"currency EUR\n44 0 1 60/60 0 2026-02-30 -\n", "line 2: from '2026-02-30'"},
	{"currency EUR\n44 0 1 60/60 0 2026-02-29 -\n", "line 2: from '2026-02-29'"},
	{"currency EUR\n44 0 1 60/60 0 - 2026-13-01\n", "line 2: until '2026-13-01'"},
	{"currency EUR\n44 0 1 60/60 0 2026-07-01 2026-07-01\n", "line 2: until must be later"},
	{"currency EUR\n44 0 1 60/60 0 - 2026-07-01\n44 0 2 60/60 0 2026-06-01 -\n",
	 "line 3: prefix 44: validity overlaps"},
	{"currency EUR\n44 0 1 60/60 0 - -\n44 0 1 60/60 0 - -\n", "line 3: prefix 44: validity"},
	{"currency EUR\n44 0 1 60/60 0 -\n", "line 2: expected prefix"},
};

static void test_malformed(void)
{
	for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
		struct rate_table *t = (struct rate_table *)1;
		char err[256] = "";
		int rc = rate_table_parse(bad_cases[i].text, strlen(bad_cases[i].text), &t, err,
					  sizeof err);
		int same = !strncmp(err, bad_cases[i].err, strlen(bad_cases[i].err));
		CHECK(rc == -1 && t == NULL && same, "malformed file %zu refused: %s", i,
		      bad_cases[i].err);
		if (strncmp(err, bad_cases[i].err, strlen(bad_cases[i].err)))
			printf("#   got '%s'\n", err);
	}
	/* A NUL byte inside a line. */
	struct rate_table *t;
	char err[256];
	static const char nul_text[] = "currency EUR\n44 0 1\0 60/60 0 - -\n";
	int rc = rate_table_parse(nul_text, sizeof nul_text - 1, &t, err, sizeof err);
	CHECK(rc == -1 && !strncmp(err, "line 2: NUL", 11), "NUL byte refused");
	char longline[700];
	memset(longline, '4', sizeof longline);
	memcpy(longline, "currency EUR\n", 13);
	rc = rate_table_parse(longline, sizeof longline, &t, err, sizeof err);
	CHECK(rc == -1 && !strncmp(err, "line 2: line longer", 19), "overlong line refused");
}

static void test_file(void)
{
	char path[] = "/tmp/test_rate_XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0, "temp file");
	if (fd < 0)
		return;
	FILE *fp = fdopen(fd, "w");
	fputs(table_text, fp);
	fclose(fp);
	struct rate_table *t;
	char err[256];
	int rc = rate_table_load_file(path, &t, err, sizeof err);
	CHECK(rc == 0 && rate_table_count(t) == 9, "load from file");
	if (rc == 0)
		rate_table_free(t);
	unlink(path);
	rc = rate_table_load_file(path, &t, err, sizeof err);
	CHECK(rc == -1 && t == NULL && strstr(err, "No such file"),
	      "missing file refused with the reason");
}

/* The documented example must stay loadable. */
static void test_example_file(void)
{
	const char *root = getenv("CALLCARD_ROOT");
	char path[4096];
	snprintf(path, sizeof path, "%s/etc/rates.example", root ? root : ".");
	struct rate_table *t;
	char err[512] = "";
	int rc = rate_table_load_file(path, &t, err, sizeof err);
	CHECK(rc == 0, "etc/rates.example loads (%s)", err);
	if (rc)
		return;
	const struct rate *r = rate_lookup(t, "821012345678", T_2026_01_01);
	CHECK(r && !strcmp(r->prefix, "8210") && rate_cost(r, 61) == 7,
	      "example: Korea mobile 61 s = ceil(66 x 6 / 60) = 7");
	rate_table_free(t);
}

int main(void)
{
	struct rate_table *t;
	char err[256] = "";
	int rc = rate_table_parse(table_text, strlen(table_text), &t, err, sizeof err);
	CHECK(rc == 0, "test table parses (%s)", err);
	if (rc)
		return check_done();
	test_lookup(t);
	test_costs(t);
	test_max_seconds(t);
	rate_table_free(t);
	test_malformed();
	test_file();
	test_example_file();
	return check_done();
}
