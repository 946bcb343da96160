/* callcard-admin.c: the operator's command line for accounts, vouchers,
 * rates and calls. One command per run; errors name what is wrong and
 * exit 1 (2 for usage). */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "db.h"
#include "ledger.h"
#include "log.h"
#include "member.h"
#include "rate.h"
#include "rec.h"
#include "voucher.h"

static struct ledger_policy pol;

static const char usage_text[] =
	"usage: callcard-admin COMMAND ...\n"
	"  credit EMAIL AMOUNT REASON...   credit AMOUNT minor units (cents) to a member\n"
	"  balance EMAIL                   balance, mileage, holds\n"
	"  ledger EMAIL                    the member's ledger entries\n"
	"  mileage EMAIL POINTS CAUSE      award mileage once per CAUSE (purchase:ID)\n"
	"  voucher create AMOUNT [COUNT] [NOTE...]   print COUNT new voucher codes\n"
	"  voucher redeem EMAIL CODE       redeem a voucher for a member\n"
	"  rates check FILE                validate a rate file\n"
	"  rates load FILE                 validate and put a rate file in use\n"
	"  rates show                      print the rate table in use\n"
	"  rate NUMBER [SECONDS]           the rate and cost of a call to NUMBER now\n"
	"  settle ORDER                    settle one closed call\n"
	"  rerate ORDER                    re-rate a settled call (writes corrections)\n"
	"  grant-admin EMAIL               let a member use the operator's web pages\n"
	"  revoke-admin EMAIL              take that away again\n";

static int usage(void)
{
	fputs(usage_text, stderr);
	return 2;
}

__attribute__((format(printf, 1, 2))) static int fail(const char *fmt, ...)
{
	va_list ap;
	fputs("callcard-admin: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return 1;
}

/* A whole positive number of at most max; says what is wrong otherwise. */
static int parse_amount(const char *s, int64_t max, const char *what, int64_t *out)
{
	int64_t v = 0;
	if (*s == '-')
		return fail("%s %s: negative amounts are refused", what, s);
	if (!*s || strspn(s, "0123456789") != strlen(s))
		return fail("%s '%s': must be a whole number (minor units, no decimals)", what, s);
	for (const char *p = s; *p; p++)
		if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, *p - '0', &v) ||
		    v > max)
			return fail("%s %s: above the limit of %" PRId64, what, s, max);
	if (v == 0)
		return fail("%s: zero is refused", what);
	*out = v;
	return 0;
}

static int find_member(const char *email, uint64_t *id)
{
	char lower[256];
	size_t n = strlen(email);
	if (n == 0 || n >= sizeof lower)
		return fail("unknown member '%s'", email);
	for (size_t i = 0; i <= n; i++)
		lower[i] = (char)tolower((unsigned char)email[i]);
	int rc = member_find_email(NULL, lower, id);
	if (rc == DB_NOTFOUND)
		return fail("unknown member '%s'", email);
	if (rc != 0)
		return fail("looking up %s: %s", email, db_errstr(rc));
	return 0;
}

/* All arguments from argv[from] joined by blanks. */
static void join_args(int argc, char **argv, int from, char *buf, size_t len)
{
	buf[0] = '\0';
	for (int i = from; i < argc; i++) {
		size_t used = strlen(buf);
		snprintf(buf + used, len - used, "%s%s", i > from ? " " : "", argv[i]);
	}
}

static int cmd_credit(int argc, char **argv)
{
	uint64_t member, entry;
	int64_t amount;
	char reason[512];
	if (argc < 4)
		return usage();
	if (find_member(argv[1], &member) ||
	    parse_amount(argv[2], pol.max_amount, "amount", &amount))
		return 1;
	join_args(argc, argv, 3, reason, sizeof reason);
	if (!reason[0])
		return fail("a reason is required");
	int rc = ledger_credit(&pol, member, amount, reason, &entry);
	if (rc != 0)
		return fail("credit of %s refused: %s", argv[1], ledger_strerror(rc));
	struct ledger_account a;
	ledger_account_get(NULL, member, &a);
	printf("credited %" PRId64 " to %s (entry %" PRIu64 "); balance %" PRId64 " %s\n", amount,
	       argv[1], entry, a.balance, a.currency);
	return 0;
}

static int cmd_balance(int argc, char **argv)
{
	uint64_t member;
	struct ledger_account a;
	if (argc != 2)
		return usage();
	if (find_member(argv[1], &member))
		return 1;
	int rc = ledger_account_get(NULL, member, &a);
	if (rc != 0)
		return fail("%s: %s", argv[1], ledger_strerror(rc));
	printf("balance %" PRId64 " %s\nheld %" PRId64 "\navailable %" PRId64 "\nmileage %" PRId64
	       "\nheld_mileage %" PRId64 "\ncalls %" PRId64 "\n",
	       a.balance, a.currency[0] ? a.currency : pol.currency, a.held, a.balance - a.held,
	       a.mileage, a.held_mileage, a.calls);
	return 0;
}

static const char *field(const struct rec *r, const char *name)
{
	const char *v = rec_get(r, name);
	return v ? v : "";
}

static int print_entry(uint64_t id, const struct rec *e, void *arg)
{
	(void)arg;
	printf("%" PRIu64 "\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", id, field(e, "time"),
	       field(e, "cause"), field(e, "kind"), field(e, "money"), field(e, "mileage"),
	       field(e, "balance_after"), field(e, "note"));
	return 0;
}

static int cmd_ledger(int argc, char **argv)
{
	uint64_t member;
	if (argc != 2)
		return usage();
	if (find_member(argv[1], &member))
		return 1;
	printf("entry\ttime\tcause\tkind\tmoney\tmileage\tbalance\tnote\n");
	int rc = ledger_each_entry(NULL, member, print_entry, NULL);
	return rc ? fail("reading the ledger: %s", db_errstr(rc)) : 0;
}

static int cmd_mileage(int argc, char **argv)
{
	uint64_t member;
	int64_t points;
	if (argc != 4)
		return usage();
	if (find_member(argv[1], &member) ||
	    parse_amount(argv[2], pol.max_amount, "points", &points))
		return 1;
	int rc = ledger_award_mileage(&pol, member, points, argv[3], NULL);
	if (rc != 0)
		return fail("mileage for %s (%s) refused: %s", argv[1], argv[3],
			    ledger_strerror(rc));
	printf("awarded %" PRId64 " points to %s for %s\n", points, argv[1], argv[3]);
	return 0;
}

static int cmd_voucher(int argc, char **argv)
{
	if (argc >= 3 && !strcmp(argv[1], "create")) {
		int64_t amount, count = 1;
		char note[256], code[VOUCHER_SHOWN_LEN + 1];
		if (parse_amount(argv[2], pol.max_amount, "amount", &amount) ||
		    (argc >= 4 && parse_amount(argv[3], 10000, "count", &count)))
			return 1;
		join_args(argc, argv, 4, note, sizeof note);
		for (int64_t i = 0; i < count; i++) {
			int rc = voucher_create(&pol, amount, note[0] ? note : NULL, code);
			if (rc != 0)
				return fail("voucher refused: %s", ledger_strerror(rc));
			printf("%s\t%" PRId64 "\t%s\n", code, amount, pol.currency);
		}
		return 0;
	}
	if (argc == 4 && !strcmp(argv[1], "redeem")) {
		uint64_t member;
		int64_t amount;
		if (find_member(argv[2], &member))
			return 1;
		int rc = voucher_redeem(&pol, member, argv[3], &amount);
		if (rc != 0)
			return fail("voucher %s refused: %s", argv[3], ledger_strerror(rc));
		printf("redeemed %" PRId64 " for %s\n", amount, argv[2]);
		return 0;
	}
	return usage();
}

static int read_file(const char *path, char **buf, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return fail("%s: %s", path, strerror(errno));
	size_t cap = 65536;
	*len = 0;
	*buf = malloc(cap);
	for (;;) {
		if (!*buf)
			break;
		*len += fread(*buf + *len, 1, cap - *len, fp);
		if (*len < cap || cap > (256u << 20))
			break;
		cap *= 2;
		char *nb = realloc(*buf, cap);
		if (!nb) {
			free(*buf);
			*buf = NULL;
		} else {
			*buf = nb;
		}
	}
	int bad = ferror(fp) || !*buf || *len == cap;
	fclose(fp);
	if (bad) {
		free(*buf);
		return fail("%s: cannot read (too large?)", path);
	}
	return 0;
}

static int cmd_rates(int argc, char **argv)
{
	char err[512];
	if (argc == 3 && (!strcmp(argv[1], "load") || !strcmp(argv[1], "check"))) {
		char *text = NULL;
		size_t len = 0, count = 0;
		if (read_file(argv[2], &text, &len))
			return 1;
		int rc;
		if (!strcmp(argv[1], "check")) {
			struct rate_table *t;
			rc = rate_table_parse(text, len, &t, err, sizeof err);
			if (rc == 0) {
				count = rate_table_count(t);
				rate_table_free(t);
			}
		} else {
			rc = ledger_rates_store(text, len, &count, err, sizeof err);
		}
		free(text);
		if (rc != 0)
			return fail("%s refused: %s", argv[2], err);
		printf("%s: %zu rates %s\n", argv[2], count,
		       !strcmp(argv[1], "load") ? "loaded" : "valid");
		return 0;
	}
	if (argc == 2 && !strcmp(argv[1], "show")) {
		void *val;
		size_t vlen;
		int rc = db_get(TBL_GENERIC, NULL, "rates:table", 11, &val, &vlen, 0);
		if (rc != 0)
			return fail("no rate table loaded");
		fwrite(val, 1, vlen, stdout);
		free(val);
		return 0;
	}
	return usage();
}

static int cmd_rate(int argc, char **argv)
{
	char err[512];
	int64_t seconds = 60;
	struct rate_table *t;
	if (argc < 2 || argc > 3)
		return usage();
	if (argc == 3 && parse_amount(argv[2], RATE_SECONDS_MAX, "seconds", &seconds))
		return 1;
	if (ledger_rates_load(&t, err, sizeof err) < 0)
		return fail("%s", err);
	const struct rate *r = rate_lookup(t, argv[1], time(NULL));
	if (!r) {
		rate_table_free(t);
		return fail("no rate for %s", argv[1]);
	}
	printf("prefix %s (%s): connect %" PRId64 ", %" PRId64 ".%04" PRId64
	       " a minute, %d/%d, minimum %" PRId64 "; %" PRId64 " s cost %" PRId64 " %s\n",
	       r->prefix, r->name, r->connect_fee, r->per_minute_e4 / 10000,
	       r->per_minute_e4 % 10000, r->first_block, r->next_block, r->minimum, seconds,
	       rate_cost(r, seconds), rate_table_currency(t));
	rate_table_free(t);
	return 0;
}

static int cmd_call(int argc, char **argv)
{
	char err[512];
	struct rate_table *t;
	int rc;
	if (argc != 2)
		return usage();
	if (ledger_rates_load(&t, err, sizeof err) < 0)
		return fail("%s", err);
	if (!strcmp(argv[0], "settle")) {
		struct ledger_settlement s;
		rc = ledger_settle(&pol, t, argv[1], &s);
		if (rc == 0 && s.already)
			printf("%s: already settled\n", argv[1]);
		for (int i = 0; rc == 0 && !s.already && i < s.payers; i++)
			printf("%s: member %" PRIu64 " paid %" PRId64 " and %" PRId64 " points\n",
			       argv[1], s.share[i].member, s.share[i].money, s.share[i].mileage);
	} else {
		int n;
		rc = ledger_rerate(&pol, t, argv[1], &n);
		if (rc == 0)
			printf("%s: %d correction(s)\n", argv[1], n);
	}
	rate_table_free(t);
	return rc ? fail("%s %s: %s", argv[0], argv[1], ledger_strerror(rc)) : 0;
}

/* The operator flag of a member record: admin = "1", or absent. */
struct admin_flag {
	uint64_t member;
	int grant;
};

static int admin_flag_txn(DB_TXN *txn, void *arg)
{
	struct admin_flag *f = arg;
	struct rec m;
	int rc = member_get(txn, f->member, &m, DB_RMW);
	if (rc != 0)
		return rc;
	if (f->grant)
		rec_set(&m, "admin", "1");
	else
		rec_del(&m, "admin");
	rc = member_put(txn, f->member, &m);
	rec_free(&m);
	return rc;
}

static int cmd_admin_flag(int argc, char **argv)
{
	struct admin_flag f = {.grant = !strcmp(argv[0], "grant-admin")};
	if (argc != 2)
		return usage();
	if (find_member(argv[1], &f.member))
		return 1;
	int rc = db_txn_run(admin_flag_txn, &f);
	if (rc != 0)
		return fail("%s %s: %s", argv[0], argv[1], db_errstr(rc));
	printf("%s %s an operator\n", argv[1], f.grant ? "is now" : "is no longer");
	return 0;
}

static const struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
} commands[] = {
	{"credit", cmd_credit}, {"balance", cmd_balance}, {"ledger", cmd_ledger},
	{"mileage", cmd_mileage}, {"voucher", cmd_voucher}, {"rates", cmd_rates},
	{"rate", cmd_rate}, {"settle", cmd_call}, {"rerate", cmd_call},
	{"grant-admin", cmd_admin_flag}, {"revoke-admin", cmd_admin_flag},
};

int main(int argc, char **argv)
{
	char err[512], home[4096];
	log_init("callcard-admin");
	if (argc < 2)
		return usage();
	const struct command *cmd = NULL;
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (!strcmp(argv[1], commands[i].name))
			cmd = &commands[i];
	if (!cmd)
		return usage();
	if (config_load(err, sizeof err) < 0 ||
	    ledger_policy_from_config(&pol, err, sizeof err) < 0)
		return fail("configuration: %s", err);
	if (db_open(config_path("Paths.DB", home, sizeof home), err, sizeof err) < 0)
		return fail("%s", err);
	int rc = cmd->fn(argc - 1, argv + 1);
	db_close();
	config_free();
	return rc;
}
