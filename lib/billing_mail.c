/* billing_mail.c: low-balance notices and monthly statements, rendered
 * from templates and queued with the record that they were sent. */
#include "billing_mail.h"

#include <ClearSilver.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "form.h"
#include "log.h"
#include "mailq.h"
#include "member.h"
#include "money_format.h"
#include "rec.h"
#include "render.h"

/* Returned from a transaction to abort it when the statement was sent. */
#define SENT_BEFORE 2001

/* ---- money and months ---- */

int billing_month_parse(const char *s, struct billing_month *m)
{
	int y, mo;
	char tail;
	if (!s || strlen(s) != 7 || s[4] != '-' || sscanf(s, "%4d-%2d%c", &y, &mo, &tail) != 2 ||
	    strspn(s, "0123456789") != 4 || strspn(s + 5, "0123456789") != 2 || y < 2000 ||
	    mo < 1 || mo > 12)
		return -1;
	m->year = y;
	m->month = mo;
	return 0;
}

void billing_month_before(long long now, struct billing_month *m)
{
	time_t t = (time_t)now;
	struct tm tm;
	gmtime_r(&t, &tm);
	m->year = tm.tm_year + 1900;
	m->month = tm.tm_mon; /* 0..11: the previous month, 1-based */
	if (m->month == 0) {
		m->month = 12;
		m->year--;
	}
}

/* Unix time of the first second of month (UTC). */
static long long month_start(int year, int month)
{
	struct tm tm = {.tm_year = year - 1900, .tm_mon = month - 1, .tm_mday = 1};
	return (long long)timegm(&tm);
}

static const char *const month_names[] = {"January", "February", "March", "April",
					  "May", "June", "July", "August",
					  "September", "October", "November", "December"};

/* ---- composing and queueing ---- */

struct member_addr {
	char email[256];
	char name[256];
};

/* The member's checked address and name; LEDGER_UNKNOWN_MEMBER, -1 when
 * the address is not usable, or a DB error. */
static int member_addr(DB_TXN *txn, uint64_t member, struct member_addr *a)
{
	struct rec m;
	char why[200];
	int rc = member_get(txn, member, &m, 0);
	if (rc == DB_NOTFOUND)
		return LEDGER_UNKNOWN_MEMBER;
	if (rc != 0)
		return rc;
	const char *email = rec_get(&m, "email"), *name = rec_get(&m, "name");
	rc = check_email(email ? email : "", a->email, sizeof a->email, why, sizeof why) ? -1 : 0;
	snprintf(a->name, sizeof a->name, "%s", name ? name : "");
	if (rc)
		log_error("member %" PRIu64 ": no usable e-mail address: %s", member, why);
	rec_free(&m);
	return rc;
}

/* Renders templates/<tmpl>.cs and <tmpl>_text.cs from hdf and queues the
 * mail in txn; *id gets the queue entry. */
static int queue_mail(DB_TXN *txn, HDF *hdf, const char *tmpl, const char *kind,
		      const struct member_addr *to, const char *subject, uint64_t *id)
{
	char name[64], err[200];
	size_t len;
	snprintf(name, sizeof name, "%s.cs", tmpl);
	char *html = render_template(hdf, name, &len);
	snprintf(name, sizeof name, "%s_text.cs", tmpl);
	char *text = render_template(hdf, name, &len);
	int rc = -1;
	if (html && text) {
		struct mail m = {.to = to->email, .to_name = *to->name ? to->name : NULL,
				 .subject = subject, .text = text, .html = html};
		rc = mailq_enqueue(txn, &m, 0, kind, id, err, sizeof err);
		if (rc == -1)
			log_error("%s mail to %s: %s", kind, to->email, err);
	}
	free(html);
	free(text);
	return rc;
}

static void hdf_money(HDF *hdf, const char *key, int64_t amount, const char *currency)
{
	char buf[64];
	money_format(amount, currency, buf, sizeof buf);
	hdf_set(hdf, key, buf);
}

/* ---- low-balance notices ---- */

struct low_arg {
	const struct ledger_policy *pol;
	uint64_t member;
	int dry_run;
	enum billing_mail_result res;
};

static int has_money_entry(uint64_t id, const struct rec *e, void *arg)
{
	(void)id;
	if (rec_get_int(e, "money", 0) != 0) {
		*(int *)arg = 1;
		return 1;
	}
	return 0;
}

static int low_notice(DB_TXN *txn, struct low_arg *a, const struct ledger_account *acct,
		      const char *key)
{
	struct member_addr to;
	int rc = member_addr(txn, a->member, &to);
	if (rc == -1) {
		a->res = BILLING_MAIL_NONE; /* logged; nothing to send to */
		return 0;
	}
	if (rc != 0)
		return rc;
	HDF *hdf = render_new_hdf();
	if (!hdf)
		return -1;
	char subject[200];
	hdf_set(hdf, "Member.name", to.name);
	hdf_money(hdf, "Notice.available", acct->balance - acct->held, acct->currency);
	hdf_money(hdf, "Notice.balance", acct->balance, acct->currency);
	hdf_money(hdf, "Notice.held", acct->held, acct->currency);
	hdf_money(hdf, "Notice.threshold", a->pol->low_balance, acct->currency);
	hdf_money(hdf, "Notice.min_credit", a->pol->min_credit, acct->currency);
	hdf_set_int(hdf, "Notice.has_held", acct->held != 0);
	hdf_set_int(hdf, "Notice.mileage", acct->mileage);
	snprintf(subject, sizeof subject, "Your %s balance is low", config_str("Site.Name"));
	uint64_t id = 0;
	rc = queue_mail(txn, hdf, "mail_lowbalance", "lowbalance", &to, subject, &id);
	hdf_destroy(&hdf);
	if (rc != 0)
		return rc;
	struct rec r;
	rec_init(&r);
	rec_set_int(&r, "available", acct->balance - acct->held);
	rec_set(&r, "currency", acct->currency);
	rec_set_int(&r, "mail", (long long)id);
	rec_set_int(&r, "time", (long long)time(NULL));
	rc = db_put_rec(TBL_GENERIC, txn, key, strlen(key), &r, DB_NOOVERWRITE);
	rec_free(&r);
	return rc;
}

static int low_txn(DB_TXN *txn, void *arg)
{
	struct low_arg *a = arg;
	struct ledger_account acct;
	struct rec r;
	char key[48];
	a->res = BILLING_MAIL_NONE;
	snprintf(key, sizeof key, "lowbal:%" PRIu64, a->member);
	int rc = ledger_account_get(txn, a->member, &acct);
	if (rc != 0)
		return rc;
	rc = db_get_rec(TBL_GENERIC, txn, key, strlen(key), &r, a->dry_run ? 0 : DB_RMW);
	if (rc != 0 && rc != DB_NOTFOUND)
		return rc;
	int notified = rc == 0;
	if (notified)
		rec_free(&r);
	int below = acct.balance - acct.held < a->pol->low_balance;
	if (!below) {
		if (!notified)
			return 0;
		a->res = BILLING_MAIL_REARMED;
		return a->dry_run ? 0 : db_del(TBL_GENERIC, txn, key, strlen(key));
	}
	if (notified) {
		a->res = BILLING_MAIL_ALREADY;
		return 0;
	}
	/* Only someone who has had money is told it runs low. */
	int had = 0;
	rc = ledger_each_entry(txn, a->member, has_money_entry, &had);
	if (rc != 0 && rc != 1) /* 1: stopped at the first money entry */
		return rc;
	if (!had)
		return 0;
	a->res = BILLING_MAIL_SENT;
	return a->dry_run ? 0 : low_notice(txn, a, &acct, key);
}

int billing_mail_low_balance(const struct ledger_policy *pol, uint64_t member, int dry_run,
			     enum billing_mail_result *res)
{
	struct low_arg a = {.pol = pol, .member = member, .dry_run = dry_run};
	*res = BILLING_MAIL_NONE;
	if (pol->low_balance <= 0)
		return 0;
	int rc = db_txn_run(low_txn, &a);
	if (rc == 0)
		*res = a.res;
	return rc;
}

/* ---- monthly statements ---- */

struct stmt {
	HDF *hdf;
	uint64_t member;
	long long from, until; /* the month: from <= time < until */
	size_t n;
	int64_t opening, closing, mileage_opening, mileage_closing;
	int64_t credits, debits;
	char currency[4];
};

/* A movement's description for the member. */
static void describe(const struct rec *e, char *buf, size_t len)
{
	const char *kind = rec_get(e, "kind"), *note = rec_get(e, "note");
	int has_note = note && *note;
	if (!kind)
		kind = "";
	if (!strcmp(kind, "charge")) {
		long long secs = rec_get_int(e, "share_seconds", 0);
		const char *role = rec_get(e, "role");
		snprintf(buf, len, "Call, %lld s billed%s", secs,
			 role && !strcmp(role, "recipient") ? " (you received it)" : "");
	} else if (!strncmp(kind, "correction", 10)) {
		snprintf(buf, len, "Call price correction");
	} else if (!strcmp(kind, "credit")) {
		snprintf(buf, len, "Credit%s%s", has_note ? ": " : "", has_note ? note : "");
	} else if (!strcmp(kind, "voucher")) {
		snprintf(buf, len, "Top-up voucher");
	} else if (!strcmp(kind, "mileage")) {
		const char *cause = rec_get(e, "cause");
		if (cause && !strncmp(cause, "call:", 5))
			snprintf(buf, len, "Mileage spent on a call");
		else
			snprintf(buf, len, "Mileage earned%s%s", has_note ? ": " : "",
				 has_note ? note : "");
	} else {
		snprintf(buf, len, "%s", kind);
	}
}

static int stmt_entry(uint64_t id, const struct rec *e, void *arg)
{
	struct stmt *s = arg;
	long long t = rec_get_int(e, "time", 0);
	int64_t money = rec_get_int(e, "money", 0), miles = rec_get_int(e, "mileage", 0);
	int64_t after = rec_get_int(e, "balance_after", 0);
	int64_t miles_after = rec_get_int(e, "mileage_after", 0);
	const char *cur = rec_get(e, "currency");
	(void)id;
	if (cur && strlen(cur) == 3)
		memcpy(s->currency, cur, 4);
	if (t < s->from) {
		s->opening = s->closing = after;
		s->mileage_opening = s->mileage_closing = miles_after;
		return 0;
	}
	if (t >= s->until)
		return 1;
	char prefix[48], when[32], what[400];
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	describe(e, what, sizeof what);
	snprintf(prefix, sizeof prefix, "Statement.Entries.%zu", s->n++);
	HDF *row = NULL;
	NEOERR *err = hdf_get_node(s->hdf, prefix, &row);
	if (err) {
		nerr_ignore(&err);
		return -1;
	}
	hdf_set(row, "date", when);
	hdf_set(row, "what", what);
	if (money) {
		hdf_money(row, "amount", money, s->currency);
		hdf_set_int(row, "credit", money > 0);
	}
	if (miles)
		hdf_setf(row, "mileage", "%+" PRId64, miles);
	hdf_money(row, "balance", after, s->currency);
	if (money > 0)
		s->credits += money;
	else
		s->debits -= money;
	s->closing = after;
	s->mileage_closing = miles_after;
	return 0;
}

/* The month's movements, read consistently (again from scratch on a
 * retry). */
static int stmt_read_txn(DB_TXN *txn, void *arg)
{
	struct stmt *s = arg;
	NEOERR *err = hdf_remove_tree(s->hdf, "Statement");
	nerr_ignore(&err);
	s->n = 0;
	s->opening = s->closing = s->mileage_opening = s->mileage_closing = 0;
	s->credits = s->debits = 0;
	int rc = ledger_each_entry(txn, s->member, stmt_entry, s);
	return rc == 1 ? 0 : rc; /* 1: stopped at the month's end */
}

struct stmt_arg {
	HDF *hdf;
	uint64_t member;
	const struct member_addr *to;
	const char *key, *subject;
};

static int stmt_txn(DB_TXN *txn, void *arg)
{
	struct stmt_arg *a = arg;
	void *v;
	size_t vlen;
	int rc = db_get(TBL_GENERIC, txn, a->key, strlen(a->key), &v, &vlen, DB_RMW);
	if (rc == 0) {
		free(v);
		return SENT_BEFORE;
	}
	if (rc != DB_NOTFOUND)
		return rc;
	uint64_t id = 0;
	if ((rc = queue_mail(txn, a->hdf, "mail_statement", "statement", a->to, a->subject,
			     &id)) != 0)
		return rc;
	struct rec r;
	rec_init(&r);
	rec_set_int(&r, "mail", (long long)id);
	rec_set_int(&r, "time", (long long)time(NULL));
	rc = db_put_rec(TBL_GENERIC, txn, a->key, strlen(a->key), &r, DB_NOOVERWRITE);
	rec_free(&r);
	return rc == DB_KEYEXIST ? SENT_BEFORE : rc;
}

int billing_mail_statement(const struct ledger_policy *pol, uint64_t member,
			   const struct billing_month *month, int dry_run,
			   enum billing_mail_result *res)
{
	char key[64], subject[200], label[32];
	int ny = month->month == 12 ? month->year + 1 : month->year;
	int nm = month->month == 12 ? 1 : month->month + 1;
	struct stmt s = {.member = member, .from = month_start(month->year, month->month),
			 .until = month_start(ny, nm)};
	*res = BILLING_MAIL_NONE;
	snprintf(key, sizeof key, "stmt:%" PRIu64 ":%04d-%02d", member, month->year, month->month);
	memcpy(s.currency, pol->currency, 4);
	void *v;
	size_t vlen;
	int rc = db_get(TBL_GENERIC, NULL, key, strlen(key), &v, &vlen, 0);
	if (rc == 0) {
		free(v);
		*res = BILLING_MAIL_ALREADY;
		return 0;
	}
	if (rc != DB_NOTFOUND)
		return rc;
	if (!(s.hdf = render_new_hdf()))
		return -1;
	rc = db_txn_run(stmt_read_txn, &s);
	if (rc != 0 || s.n == 0 || dry_run) {
		if (rc == 0 && s.n > 0)
			*res = BILLING_MAIL_SENT;
		hdf_destroy(&s.hdf);
		return rc;
	}
	struct member_addr to;
	rc = member_addr(NULL, member, &to);
	if (rc != 0) {
		hdf_destroy(&s.hdf);
		return rc == -1 ? 0 : rc;
	}
	snprintf(label, sizeof label, "%s %d", month_names[month->month - 1], month->year);
	hdf_set(s.hdf, "Member.name", to.name);
	hdf_set(s.hdf, "Statement.month", label);
	hdf_set(s.hdf, "Statement.currency", s.currency);
	hdf_set_int(s.hdf, "Statement.count", (long long)s.n);
	hdf_money(s.hdf, "Statement.opening", s.opening, s.currency);
	hdf_money(s.hdf, "Statement.closing", s.closing, s.currency);
	hdf_money(s.hdf, "Statement.credits", s.credits, s.currency);
	hdf_money(s.hdf, "Statement.debits", -s.debits, s.currency);
	hdf_set_int(s.hdf, "Statement.mileage_opening", s.mileage_opening);
	hdf_set_int(s.hdf, "Statement.mileage_closing", s.mileage_closing);
	snprintf(subject, sizeof subject, "Your %s statement for %s", config_str("Site.Name"),
		 label);
	struct stmt_arg a = {.hdf = s.hdf, .member = member, .to = &to, .key = key,
			     .subject = subject};
	rc = db_txn_run(stmt_txn, &a);
	hdf_destroy(&s.hdf);
	if (rc == SENT_BEFORE) {
		*res = BILLING_MAIL_ALREADY;
		return 0;
	}
	if (rc == 0)
		*res = BILLING_MAIL_SENT;
	return rc;
}
