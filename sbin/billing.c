/* billing.c: the nightly billing run (cron).
 *
 *   1. settle every call whose CDR is closed but not charged (a crash
 *      between the end of a call and its settlement);
 *   2. release the holds of calls that no longer exist;
 *   3. check that every account equals the sum of its ledger and holds,
 *      that every ledger entry has its cause key, and that the ledger
 *      equals the rated CDRs; print each discrepancy, never fix one;
 *   4. mail a low-balance notice to each member whose available money
 *      fell below Billing.LowBalance (once per fall), and the statement
 *      of the previous month to each member with movements in it (once
 *      per member and month; lib/billing_mail.h);
 *   5. mail the discrepancies to Billing.ReportTo (when set);
 *   6. checkpoint, write a hot backup, remove logs no longer needed, and
 *      remove uploaded images no card has used for Web.UploadKeepDays.
 *
 * A second run in a row settles, releases and mails nothing. Exit status:
 * 0 all consistent, 2 discrepancies found (report on stdout), 1 cannot
 * run (or a mail or the upkeep failed; logged).
 *
 *   billing [-n] [-B] [-b BACKUPDIR] [-S YYYY-MM]
 *   billing -w
 *     -w  settle calls as they end, every second, until SIGTERM (run by
 *         sbin/webd as a daemon: a call is charged moments after its CDR
 *         closes; the nightly run only catches what this missed)
 *     -n  report only: settle, release and upkeep nothing
 *     -B  no backup and no log removal
 *     -b  backup directory (default: the database directory + ".backup")
 *     -S  send the statements of this month instead of the previous one
 *         (those already sent are not sent again)
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "billing_mail.h"
#include "config.h"
#include "db.h"
#include "form.h"
#include "ledger.h"
#include "log.h"
#include "mailq.h"
#include "rate.h"
#include "rec.h"
#include "upload_sweep.h"

static struct ledger_policy pol;
static struct rate_table *rates;
static int dry_run, discrepancies, mail_failures;

/* Every discrepancy line, also kept for the report mailed to the operator. */
static char *report_text;
static size_t report_len;
static FILE *report;

__attribute__((format(printf, 1, 2))) static void discrepancy(const char *fmt, ...)
{
	va_list ap;
	printf("discrepancy: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (report) {
		fputs("discrepancy: ", report);
		va_start(ap, fmt);
		vfprintf(report, fmt, ap);
		va_end(ap);
		fputs("\n", report);
	}
	discrepancies++;
}

/* ---- a list of keys (read first, then acted on outside the cursor) ---- */

struct keys {
	size_t n, cap;
	char **key;
};

static int keys_add(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	struct keys *k = arg;
	(void)val;
	(void)vlen;
	if (k->n == k->cap) {
		k->cap = k->cap ? k->cap * 2 : 256;
		k->key = realloc(k->key, k->cap * sizeof *k->key);
		if (!k->key)
			log_fatal("out of memory");
	}
	char *s = malloc(klen + 1);
	if (!s)
		log_fatal("out of memory");
	memcpy(s, key, klen);
	s[klen] = '\0';
	k->key[k->n++] = s;
	return 0;
}

static void keys_free(struct keys *k)
{
	for (size_t i = 0; i < k->n; i++)
		free(k->key[i]);
	free(k->key);
	memset(k, 0, sizeof *k);
}

static void keys_of(enum db_table t, struct keys *k)
{
	memset(k, 0, sizeof *k);
	int rc = db_each_prefix(t, NULL, "", 0, keys_add, k);
	if (rc != 0)
		log_fatal("reading keys: %s", db_errstr(rc));
}

/* ---- 1. settle closed calls ---- */

/* 1 closed, 0 still open, -1 no CDR, -2 could not read it. */
static int cdr_closed(const char *order)
{
	struct rec r;
	int rc = db_get_rec(TBL_CDRS, NULL, order, strlen(order), &r, 0);
	if (rc != 0)
		return rc == DB_NOTFOUND ? -1 : -2;
	int closed = rec_get_int(&r, "ended", 0) > 0;
	rec_free(&r);
	return closed;
}

static int settle_closed_calls(void)
{
	struct keys cdrs;
	int settled = 0;
	keys_of(TBL_CDRS, &cdrs);
	for (size_t i = 0; i < cdrs.n; i++) {
		const char *order = cdrs.key[i];
		struct ledger_settlement s;
		int closed = cdr_closed(order);
		if (closed == -2)
			discrepancy("call %s: cannot read its CDR", order);
		if (closed != 1 || ledger_call_settled(NULL, order) != 0)
			continue;
		if (dry_run) {
			printf("would settle %s\n", order);
			continue;
		}
		if (!rates) {
			discrepancy("call %s: closed but not charged, and no rate table", order);
			continue;
		}
		int rc = ledger_settle(&pol, rates, order, &s);
		if (rc != 0) {
			discrepancy("call %s: cannot settle: %s", order, ledger_strerror(rc));
			continue;
		}
		for (int p = 0; p < s.payers; p++)
			log_info("settled %s: member %" PRIu64 " money %" PRId64
				 " mileage %" PRId64, order, s.share[p].member,
				 s.share[p].money, s.share[p].mileage);
		settled++;
	}
	keys_free(&cdrs);
	return settled;
}

/* ---- 2. release holds of calls that no longer exist ---- */

/* Why the hold of order may go, or NULL when it stays. A closed call that
 * could not be settled keeps its hold: the money is owed. */
static const char *hold_stale(const char *order, long long created, long long now)
{
	int closed = cdr_closed(order);
	if (closed == 1)
		return ledger_call_settled(NULL, order) == 1 ? "call already settled" : NULL;
	if (closed == -2)
		return NULL; /* unreadable now: decide next time */
	/* The web side holds before the dialer writes the order: a young
	 * hold without an order is a call about to start. */
	if (created <= 0 || now - created < 600)
		return NULL;
	if (now - created > pol.max_call_seconds + 3600)
		return "older than the longest call";
	if (closed == 0)
		return NULL; /* in progress */
	struct rec o;
	int rc = db_get_rec(TBL_ORDERS, NULL, order, strlen(order), &o, 0);
	if (rc == DB_NOTFOUND)
		return "no such order";
	if (rc != 0)
		return NULL;
	const char *state = rec_get(&o, "state");
	int ended = state && !strcmp(state, "ended");
	rec_free(&o);
	return ended ? "order ended without a call record" : NULL;
}

static int release_stale_holds(void)
{
	struct keys holds;
	int released = 0;
	long long now = (long long)time(NULL);
	keys_of(TBL_HOLDS, &holds);
	for (size_t i = 0; i < holds.n; i++) {
		struct rec h;
		char *bar = strrchr(holds.key[i], '|');
		if (!bar || db_get_rec(TBL_HOLDS, NULL, holds.key[i], strlen(holds.key[i]), &h, 0))
			continue;
		long long created = rec_get_int(&h, "created", 0);
		rec_free(&h);
		*bar = '\0'; /* the order id */
		const char *why = hold_stale(holds.key[i], created, now);
		if (!why)
			continue;
		if (dry_run) {
			printf("would release the hold of %s: %s\n", holds.key[i], why);
			continue;
		}
		int rc = ledger_release(holds.key[i]);
		if (rc != 0) {
			discrepancy("hold of %s: cannot release: %s", holds.key[i],
				    ledger_strerror(rc));
			continue;
		}
		log_info("released the hold of %s: %s", holds.key[i], why);
		released++;
	}
	keys_free(&holds);
	return released;
}

/* ---- 3. checks ---- */

/* Per-member sums, in an open-addressing table keyed by member id. */
struct tally {
	uint64_t member; /* 0: empty slot */
	int64_t ledger_money, ledger_mileage, hold_money, hold_mileage, hold_calls;
	int64_t money_entries; /* entries that moved money */
	int has_account;
	struct ledger_account acct;
};

static struct tally *tallies;
static size_t ntallies, captallies;

static struct tally *tally_of(uint64_t member)
{
	if (2 * (ntallies + 1) > captallies) {
		size_t cap = captallies ? captallies * 2 : 1024;
		struct tally *t = calloc(cap, sizeof *t);
		if (!t)
			log_fatal("out of memory");
		for (size_t i = 0; i < captallies; i++) {
			if (!tallies[i].member)
				continue;
			size_t j = tallies[i].member & (cap - 1);
			while (t[j].member)
				j = (j + 1) & (cap - 1);
			t[j] = tallies[i];
		}
		free(tallies);
		tallies = t;
		captallies = cap;
	}
	size_t j = member & (captallies - 1);
	while (tallies[j].member && tallies[j].member != member)
		j = (j + 1) & (captallies - 1);
	if (!tallies[j].member) {
		tallies[j].member = member;
		ntallies++;
	}
	return &tallies[j];
}

static int add_ledger_entry(const void *key, size_t klen, const void *val, size_t vlen,
			    void *arg)
{
	struct rec e;
	size_t *n = arg;
	if (klen != 8 || rec_decode(&e, val, vlen) != 0) {
		discrepancy("ledger entry %" PRIu64 ": unreadable record",
			    klen == 8 ? db_u64_key(key) : 0);
		return 0;
	}
	long long member = rec_get_int(&e, "member", 0);
	if (member <= 0) {
		discrepancy("ledger entry %" PRIu64 ": no member", db_u64_key(key));
		rec_free(&e);
		return 0;
	}
	struct tally *t = tally_of((uint64_t)member);
	t->ledger_money += rec_get_int(&e, "money", 0);
	t->ledger_mileage += rec_get_int(&e, "mileage", 0);
	t->money_entries += rec_get_int(&e, "money", 0) != 0;
	(*n)++;
	rec_free(&e);
	return 0;
}

static int add_hold(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	struct rec h;
	(void)arg;
	if (rec_decode(&h, val, vlen) != 0) {
		discrepancy("hold %.*s: unreadable record", (int)klen, (const char *)key);
		return 0;
	}
	long long member = rec_get_int(&h, "member", 0);
	if (member <= 0) {
		discrepancy("hold %.*s: no member", (int)klen, (const char *)key);
		rec_free(&h);
		return 0;
	}
	struct tally *t = tally_of((uint64_t)member);
	t->hold_money += rec_get_int(&h, "money", 0);
	t->hold_mileage += rec_get_int(&h, "mileage", 0);
	t->hold_calls++;
	rec_free(&h);
	return 0;
}

static int add_account(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	(void)val;
	(void)vlen;
	(void)arg;
	if (klen != 8)
		return 0;
	uint64_t member = db_u64_key(key);
	struct tally *t = tally_of(member);
	t->has_account = 1;
	int rc = ledger_account_get(NULL, member, &t->acct);
	if (rc != 0)
		discrepancy("account %" PRIu64 ": %s", member, ledger_strerror(rc));
	return 0;
}

/* The first pass reads without a transaction while calls go on, so a
 * member whose sums differ is read again in one transaction (consistent:
 * every movement also writes the account) before it is reported. */

static int recheck_entry(uint64_t id, const struct rec *e, void *arg)
{
	struct tally *t = arg;
	(void)id;
	t->ledger_money += rec_get_int(e, "money", 0);
	t->ledger_mileage += rec_get_int(e, "mileage", 0);
	return 0;
}

static int recheck_hold(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	struct tally *t = arg;
	struct rec h;
	(void)key;
	(void)klen;
	if (rec_decode(&h, val, vlen) != 0)
		return 0;
	if ((uint64_t)rec_get_int(&h, "member", 0) == t->member) {
		t->hold_money += rec_get_int(&h, "money", 0);
		t->hold_mileage += rec_get_int(&h, "mileage", 0);
		t->hold_calls++;
	}
	rec_free(&h);
	return 0;
}

static int recheck_txn(DB_TXN *txn, void *arg)
{
	struct tally *t = arg;
	uint64_t member = t->member;
	int64_t money_entries = t->money_entries;
	int rc;
	memset(t, 0, sizeof *t);
	t->member = member;
	t->money_entries = money_entries;
	t->has_account = 1;
	if ((rc = ledger_account_get(txn, member, &t->acct)) ||
	    (rc = ledger_each_entry(txn, member, recheck_entry, t)))
		return rc;
	return db_each_prefix(TBL_HOLDS, txn, "", 0, recheck_hold, t);
}

static int tally_differs(const struct tally *t)
{
	const struct ledger_account *a = &t->acct;
	return a->balance != t->ledger_money || a->mileage != t->ledger_mileage ||
	       a->held != t->hold_money || a->held_mileage != t->hold_mileage ||
	       a->calls != t->hold_calls;
}

static void check_accounts(size_t *entries)
{
	int rc;
	*entries = 0;
	if ((rc = db_each_prefix(TBL_LEDGER, NULL, "", 0, add_ledger_entry, entries)) ||
	    (rc = db_each_prefix(TBL_HOLDS, NULL, "", 0, add_hold, NULL)) ||
	    (rc = db_each_prefix(TBL_ACCOUNTS, NULL, "", 0, add_account, NULL)))
		log_fatal("reading accounts: %s", db_errstr(rc));
	for (size_t i = 0; i < captallies; i++) {
		struct tally *t = &tallies[i];
		const struct ledger_account *a = &t->acct;
		if (!t->member)
			continue;
		if (!t->has_account) {
			discrepancy("member %" PRIu64 ": ledger or holds but no account",
				    t->member);
			continue;
		}
		if (!tally_differs(t))
			continue;
		if ((rc = db_txn_run(recheck_txn, t)) != 0) {
			discrepancy("member %" PRIu64 ": cannot read: %s", t->member,
				    ledger_strerror(rc));
			continue;
		}
		if (a->balance != t->ledger_money)
			discrepancy("member %" PRIu64 ": balance %" PRId64
				    " but ledger sums to %" PRId64, t->member, a->balance,
				    t->ledger_money);
		if (a->mileage != t->ledger_mileage)
			discrepancy("member %" PRIu64 ": mileage %" PRId64
				    " but ledger sums to %" PRId64, t->member, a->mileage,
				    t->ledger_mileage);
		if (a->held != t->hold_money || a->held_mileage != t->hold_mileage ||
		    a->calls != t->hold_calls)
			discrepancy("member %" PRIu64 ": held %" PRId64 "/%" PRId64
				    " points/%" PRId64 " calls but holds sum to %" PRId64
				    "/%" PRId64 "/%" PRId64,
				    t->member, a->held, a->held_mileage, a->calls, t->hold_money,
				    t->hold_mileage, t->hold_calls);
	}
}

static const char *field(const struct rec *r, const char *name)
{
	const char *v = rec_get(r, name);
	return v ? v : "";
}

/* Every cause key points at an entry with that cause, member and kind,
 * every entry has one, and every call cause has its CDR. */
static int check_cause(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	size_t *n = arg;
	struct rec e;
	char want[300];
	(*n)++;
	if (vlen != 8 || db_get_rec(TBL_LEDGER, NULL, val, 8, &e, 0) != 0) {
		discrepancy("cause %.*s: no ledger entry", (int)klen, (const char *)key);
		return 0;
	}
	snprintf(want, sizeof want, "%s|%s|%s", field(&e, "cause"), field(&e, "member"),
		 field(&e, "kind"));
	if (strlen(want) != klen || memcmp(want, key, klen))
		discrepancy("cause %.*s: points at entry %" PRIu64 " of %s", (int)klen,
			    (const char *)key, db_u64_key(val), want);
	rec_free(&e);
	if (klen > 5 && !memcmp(key, "call:", 5)) {
		const char *bar = memchr(key, '|', klen);
		char order[128];
		int olen = bar ? (int)(bar - (const char *)key) - 5 : 0;
		snprintf(order, sizeof order, "%.*s", olen, (const char *)key + 5);
		if (olen <= 0 || cdr_closed(order) < 0)
			discrepancy("cause %.*s: charged but no call record", (int)klen,
				    (const char *)key);
	}
	return 0;
}

static void check_causes(size_t entries)
{
	size_t causes = 0;
	int rc = db_each_prefix(TBL_LEDGER_CAUSES, NULL, "", 0, check_cause, &causes);
	if (rc != 0)
		log_fatal("reading causes: %s", db_errstr(rc));
	if (causes != entries)
		discrepancy("%zu ledger entries but %zu cause keys", entries, causes);
}

struct call_check_arg {
	const char *order;
	struct ledger_call_check chk;
};

static int call_check_txn(DB_TXN *txn, void *arg)
{
	struct call_check_arg *a = arg;
	return ledger_call_check(txn, &pol, rates, a->order, &a->chk);
}

static int call_differs(const struct ledger_call_check *chk)
{
	for (int p = 0; p < chk->payers; p++)
		if (chk->diff[p])
			return 1;
	return !chk->settled;
}

static void check_calls(void)
{
	struct keys cdrs;
	keys_of(TBL_CDRS, &cdrs);
	for (size_t i = 0; i < cdrs.n; i++) {
		const char *order = cdrs.key[i];
		struct ledger_call_check chk;
		if (cdr_closed(order) != 1)
			continue;
		if (!rates) {
			discrepancy("call %s: no rate table to check it against", order);
			continue;
		}
		int rc = ledger_call_check(NULL, &pol, rates, order, &chk);
		if (rc == 0 && call_differs(&chk)) {
			/* Perhaps settled at this very moment: look again, consistently. */
			struct call_check_arg a = {.order = order};
			rc = db_txn_run(call_check_txn, &a);
			chk = a.chk;
		}
		if (rc != 0) {
			discrepancy("call %s: cannot rate: %s", order, ledger_strerror(rc));
			continue;
		}
		if (!chk.settled) {
			if (!dry_run) /* a dry run already said "would settle" */
				discrepancy("call %s: closed but not charged", order);
			continue;
		}
		for (int p = 0; p < chk.payers; p++)
			if (chk.diff[p])
				discrepancy("call %s: member %" PRIu64 " charged %" PRId64
					    " but the rates say %" PRId64
					    " (callcard-admin rerate %s)",
					    order, chk.member[p], -chk.ledger[p], -chk.expected[p],
					    order);
	}
	keys_free(&cdrs);
}

/* ---- 4. notices and statements by mail ---- */

/* Low-balance notices: one per fall below Billing.LowBalance, re-armed
 * when the member is back at or above it (lib/billing_mail.h). Only
 * members whose ledger has ever moved money are looked at. */
static int notify_low_balances(void)
{
	int sent = 0;
	for (size_t i = 0; i < captallies; i++) {
		const struct tally *t = &tallies[i];
		enum billing_mail_result res;
		if (!t->member || !t->has_account || !t->money_entries || !pol.low_balance)
			continue;
		int rc = billing_mail_low_balance(&pol, t->member, dry_run, &res);
		if (rc != 0) {
			log_error("low-balance notice to member %" PRIu64 ": %s", t->member,
				  rc == -1 ? "cannot compose the mail" : ledger_strerror(rc));
			mail_failures++;
			continue;
		}
		if (res == BILLING_MAIL_SENT) {
			printf("%slow-balance notice to member %" PRIu64 "\n",
			       dry_run ? "would send a " : "", t->member);
			sent++;
		} else if (res == BILLING_MAIL_REARMED) {
			log_info("member %" PRIu64 " is above the low-balance threshold again",
				 t->member);
		}
	}
	return sent;
}

/* Statements of month: one per member with movements in it, once. */
static int send_statements(const struct billing_month *month)
{
	int sent = 0;
	for (size_t i = 0; i < captallies; i++) {
		const struct tally *t = &tallies[i];
		enum billing_mail_result res;
		if (!t->member || !t->has_account)
			continue;
		int rc = billing_mail_statement(&pol, t->member, month, dry_run, &res);
		if (rc != 0) {
			log_error("statement %04d-%02d of member %" PRIu64 ": %s", month->year,
				  month->month, t->member,
				  rc == -1 ? "cannot compose the mail" : ledger_strerror(rc));
			mail_failures++;
			continue;
		}
		if (res == BILLING_MAIL_SENT) {
			printf("%sstatement %04d-%02d to member %" PRIu64 "\n",
			       dry_run ? "would send the " : "", month->year, month->month, t->member);
			sent++;
		}
	}
	return sent;
}

/* The discrepancy report goes to Billing.ReportTo (when set) through
 * the mail queue; cron mails the same text from stdout as well. Each run
 * that finds drift reports it again: it is never fixed silently. */
struct report_mail {
	const char *to;
	char subject[128];
};

static int report_txn(DB_TXN *txn, void *arg)
{
	struct report_mail *r = arg;
	char err[256];
	struct mail m = {.to = r->to, .subject = r->subject, .text = report_text};
	int rc = mailq_enqueue(txn, &m, 0, "report", NULL, err, sizeof err);
	if (rc == -1)
		log_error("discrepancy report to %s: %s", r->to, err);
	return rc;
}

static void mail_report(void)
{
	const char *to = config_str("Billing.ReportTo");
	if (!discrepancies || !*to || !report_text)
		return;
	if (dry_run) {
		printf("would mail the discrepancy report to %s\n", to);
		return;
	}
	char addr[256], why[200];
	if (check_email(to, addr, sizeof addr, why, sizeof why) != 0) {
		log_error("Billing.ReportTo = %s: %s; the report is not mailed", to, why);
		mail_failures++;
		return;
	}
	struct report_mail r = {.to = addr};
	snprintf(r.subject, sizeof r.subject, "%s billing: %d discrepanc%s", config_str("Site.Name"),
		 discrepancies, discrepancies == 1 ? "y" : "ies");
	if (db_txn_run(report_txn, &r) != 0)
		mail_failures++;
	else
		printf("discrepancy report mailed to %s\n", to);
}

/* ---- 5. upkeep ---- */

/* Images no card uses any more, kept Web.UploadKeepDays for the mails
 * already sent with them (lib/upload_sweep.h). */
static int sweep_uploads(void)
{
	char dir[4096], err[512];
	struct upload_sweep_result r;
	config_path("Paths.Uploads", dir, sizeof dir);
	if (upload_sweep(dir, time(NULL), (int)config_int("Web.UploadKeepDays"), &r, err,
			 sizeof err) != 0) {
		log_error("removing unused uploads: %s", err);
		return -1;
	}
	if (r.removed)
		log_info("removed %zu uploaded image(s) no card uses", r.removed);
	return 0;
}

static void remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[8192];
	if (!d)
		return;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			unlink(path);
		}
	closedir(d);
	rmdir(dir);
}

/* The backup is written beside the last one and swapped in only when
 * complete, so a crash never leaves no backup at all. */
static int hot_backup(const char *dir)
{
	char tmp[4200], old[4200];
	snprintf(tmp, sizeof tmp, "%s.new", dir);
	snprintf(old, sizeof old, "%s.old", dir);
	remove_dir(tmp);
	uint32_t flags = DB_CREATE | DB_BACKUP_CLEAN | DB_BACKUP_SINGLE_DIR;
	int rc = db_env()->backup(db_env(), tmp, flags);
	if (rc != 0) {
		log_error("backup to %s: %s", tmp, db_errstr(rc));
		return -1;
	}
	remove_dir(old);
	if ((rename(dir, old) < 0 && errno != ENOENT) || rename(tmp, dir) < 0) {
		log_error("installing the backup %s: %s", dir, strerror(errno));
		return -1;
	}
	remove_dir(old);
	return 0;
}

static int upkeep(const char *backup_dir)
{
	DB_ENV *env = db_env();
	int rc = env->txn_checkpoint(env, 0, 0, 0);
	if (rc != 0) {
		log_error("checkpoint: %s", db_errstr(rc));
		return -1;
	}
	if (!backup_dir)
		return 0;
	if (hot_backup(backup_dir) < 0)
		return -1;
	/* Only after a good backup: logs no longer needed for recovery go. */
	rc = env->log_archive(env, NULL, DB_ARCH_REMOVE);
	if (rc != 0) {
		log_error("removing old logs: %s", db_errstr(rc));
		return -1;
	}
	log_info("checkpoint, backup in %s, old logs removed", backup_dir);
	return 0;
}

static volatile sig_atomic_t stop_watching;

static void on_term(int sig)
{
	(void)sig;
	stop_watching = 1;
}

/* -w: settle each call soon after it ends; the rate table is reloaded
 * every minute so an operator's change applies without a restart. */
static int watch_and_settle(void)
{
	struct sigaction sa = {.sa_handler = on_term};
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	time_t loaded = time(NULL);
	while (!stop_watching) {
		if (time(NULL) - loaded >= 60) {
			char err[512];
			struct rate_table *fresh;
			if (ledger_rates_load(&fresh, err, sizeof err) == 0) {
				rate_table_free(rates);
				rates = fresh;
			}
			loaded = time(NULL);
		}
		if (rates)
			settle_closed_calls();
		sleep(1);
	}
	rate_table_free(rates);
	db_close();
	config_free();
	return 0;
}

int main(int argc, char **argv)
{
	char err[512], home[4096], backup[4096 + 16];
	const char *backup_dir = NULL;
	int no_backup = 0, opt;
	log_init("billing");
	int watch = 0;
	struct billing_month month;
	billing_month_before((long long)time(NULL), &month);
	while ((opt = getopt(argc, argv, "nBb:wS:")) != -1) {
		switch (opt) {
		case 'w': watch = 1; break;
		case 'n': dry_run = 1; break;
		case 'B': no_backup = 1; break;
		case 'b': backup_dir = optarg; break;
		case 'S':
			if (billing_month_parse(optarg, &month) == 0)
				break;
			fprintf(stderr, "billing: -S %s: the month must be YYYY-MM\n", optarg);
			return 2;
		default:
			fprintf(stderr, "usage: billing [-n] [-B] [-b BACKUPDIR] [-S YYYY-MM] | "
					"billing -w\n");
			return 2;
		}
	}
	if (config_load(err, sizeof err) < 0 ||
	    ledger_policy_from_config(&pol, err, sizeof err) < 0)
		log_fatal("configuration: %s", err);
	config_path("Paths.DB", home, sizeof home);
	if (!backup_dir) {
		snprintf(backup, sizeof backup, "%s.backup", home);
		backup_dir = backup;
	}
	if (db_open(home, err, sizeof err) < 0)
		log_fatal("%s", err);
	if (ledger_rates_load(&rates, err, sizeof err) < 0)
		log_warn("%s", err);

	if (watch)
		return watch_and_settle();
	report = open_memstream(&report_text, &report_len);
	int settled = settle_closed_calls();
	int released = release_stale_holds();
	size_t entries;
	check_accounts(&entries);
	check_causes(entries);
	check_calls();
	int notices = notify_low_balances();
	int statements = send_statements(&month);
	if (report)
		fclose(report);
	report = NULL;
	mail_report();
	int upkeep_failed = !dry_run && upkeep(no_backup ? NULL : backup_dir) < 0;
	if (!dry_run && sweep_uploads() < 0)
		upkeep_failed = 1;

	printf("billing: %d settled, %d holds released, %zu ledger entries, %d discrepancies\n",
	       settled, released, entries, discrepancies);
	printf("mail: %d low-balance notices, %d statements for %04d-%02d\n", notices, statements,
	       month.year, month.month);
	free(tallies);
	free(report_text);
	rate_table_free(rates);
	db_close();
	config_free();
	if (upkeep_failed || mail_failures)
		return 1; /* the next run sends what this one could not */
	return discrepancies ? 2 : 0;
}
