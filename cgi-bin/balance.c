/* balance.c: a member's money: balance and mileage, held credit, top-up
 * voucher redemption, the ledger and the call history, on a page and as
 * CSV.
 *
 * WEBPAGE: /balance /balance/voucher /balance/ledger.csv /balance/calls.csv */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "db.h"
#include "form.h"
#include "ledger.h"
#include "log.h"
#include "money_csv.h"
#include "money_format.h"
#include "money_history.h"
#include "render.h"
#include "response.h"
#include "voucher.h"

#define PAGE_ROWS 25 /* ledger entries and calls shown per page */

static struct ledger_policy billing_policy;

static int balance_setup(void)
{
	char err[256];
	if (ledger_policy_from_config(&billing_policy, err, sizeof err) < 0) {
		log_error("%s", err);
		return -1;
	}
	return 0;
}

static void format_time(int64_t t, const char *fmt, char *out, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, len, fmt, &tm);
}

static void set_money(HDF *hdf, const char *key, int64_t minor, const char *currency)
{
	char buf[48];
	money_format(minor, currency, buf, sizeof buf);
	hdf_set(hdf, key, buf);
}

/* "m:ss" of a leg. */
static void set_duration(HDF *hdf, const char *key, int64_t secs)
{
	hdf_setf(hdf, key, "%" PRId64 ":%02" PRId64, secs / 60, secs % 60);
}

/* The page number asked for in name (1 when absent or malformed). */
static long page_param(const struct request *r, const char *name)
{
	const char *s = req_param(r, name);
	char *end;
	long v = s ? strtol(s, &end, 10) : 1;
	return s && *end == '\0' && v >= 1 && v <= 1000000 ? v : 1;
}

/* Sets prefix.page/.pages/.total/.prev/.next; returns the first index. */
static size_t paginate(HDF *hdf, const char *prefix, size_t total, long page)
{
	long pages = total ? (long)((total + PAGE_ROWS - 1) / PAGE_ROWS) : 1;
	if (page > pages)
		page = pages;
	char k[64];
	snprintf(k, sizeof k, "%s.page", prefix);
	hdf_set_int(hdf, k, page);
	snprintf(k, sizeof k, "%s.pages", prefix);
	hdf_set_int(hdf, k, pages);
	snprintf(k, sizeof k, "%s.total", prefix);
	hdf_set_int(hdf, k, (long long)total);
	if (page > 1) {
		snprintf(k, sizeof k, "%s.prev", prefix);
		hdf_set_int(hdf, k, page - 1);
	}
	if (page < pages) {
		snprintf(k, sizeof k, "%s.next", prefix);
		hdf_set_int(hdf, k, page + 1);
	}
	return (size_t)(page - 1) * PAGE_ROWS;
}

static void account_to_hdf(HDF *hdf, const struct ledger_account *a, const char *currency)
{
	set_money(hdf, "Account.balance", a->balance, currency);
	set_money(hdf, "Account.held", a->held, currency);
	set_money(hdf, "Account.available", a->balance - a->held, currency);
	hdf_set_int(hdf, "Account.negative", a->balance < 0);
	hdf_set_int(hdf, "Account.mileage", a->mileage);
	hdf_set_int(hdf, "Account.held_mileage", a->held_mileage);
	hdf_set_int(hdf, "Account.calls", a->calls);
	int64_t free_secs = ledger_mileage_seconds(&billing_policy, a->mileage - a->held_mileage);
	hdf_set_int(hdf, "Account.free_minutes", free_secs / 60);
	hdf_set(hdf, "Account.currency", currency);
}

/* Newest first, one page of them. */
static void entries_to_hdf(struct request *r, const struct money_entry *v, size_t n)
{
	size_t first = paginate(r->hdf, "Ledger", n, page_param(r, "lpage"));
	char k[48], f[96], buf[64];
	HDF *h = r->hdf;
	for (size_t i = first; i < n && i < first + PAGE_ROWS; i++) {
		const struct money_entry *e = &v[n - 1 - i];
		snprintf(k, sizeof k, "Ledger.rows.%zu", i);
		format_time(e->time, "%Y-%m-%d %H:%M UTC", buf, sizeof buf);
		snprintf(f, sizeof f, "%s.date", k);
		hdf_set(h, f, buf);
		snprintf(f, sizeof f, "%s.cause", k);
		hdf_set(h, f, e->cause);
		snprintf(f, sizeof f, "%s.money", k);
		if (e->money == 0 && e->mileage == 0) {
			money_format(0, e->currency, buf, sizeof buf);
			hdf_set(h, f, buf);
		} else if (e->money) {
			money_format(e->money, e->currency, buf, sizeof buf);
			hdf_setf(h, f, "%s%s", e->money > 0 ? "+" : "", buf);
		}
		snprintf(f, sizeof f, "%s.mileage", k);
		if (e->mileage)
			hdf_setf(h, f, "%+" PRId64 " points", e->mileage);
		snprintf(f, sizeof f, "%s.negative", k);
		hdf_set_int(h, f, e->money < 0 || e->mileage < 0);
		snprintf(f, sizeof f, "%s.balance", k);
		money_format(e->balance_after, e->currency, buf, sizeof buf);
		hdf_set(h, f, buf);
	}
}

static void calls_to_hdf(struct request *r, const struct money_call *v, size_t n)
{
	size_t first = paginate(r->hdf, "Calls", n, page_param(r, "cpage"));
	char f[96], buf[64];
	HDF *h = r->hdf;
	for (size_t i = first; i < n && i < first + PAGE_ROWS; i++) {
		const struct money_call *c = &v[i];
		char k[48];
		snprintf(k, sizeof k, "Calls.rows.%zu", i);
		format_time(c->when, "%Y-%m-%d %H:%M UTC", buf, sizeof buf);
		snprintf(f, sizeof f, "%s.date", k);
		hdf_set(h, f, buf);
		snprintf(f, sizeof f, "%s.other", k);
		hdf_set(h, f, c->other);
		snprintf(f, sizeof f, "%s.side", k);
		hdf_set(h, f, c->is_recipient ? "You called" : "Called you");
		snprintf(f, sizeof f, "%s.a", k);
		set_duration(h, f, c->a_seconds);
		snprintf(f, sizeof f, "%s.b", k);
		set_duration(h, f, c->b_seconds);
		snprintf(f, sizeof f, "%s.cost", k);
		if (c->charged)
			set_money(h, f, c->cost, c->currency);
		else
			hdf_set(h, f, "not charged yet");
		snprintf(f, sizeof f, "%s.payer", k);
		money_payer_words(c, buf, sizeof buf);
		hdf_set(h, f, buf);
		snprintf(f, sizeof f, "%s.paid", k);
		if (c->paid)
			set_money(h, f, c->paid, c->currency[0] ? c->currency : billing_policy.currency);
		snprintf(f, sizeof f, "%s.points", k);
		if (c->mileage)
			hdf_set_int(h, f, c->mileage);
	}
}

/* After a redemption the page says what was added: only when the newest
 * entry is that voucher, so a link cannot claim a redemption. */
static void confirm_voucher(struct request *r, const struct money_entry *v, size_t n)
{
	const char *redeemed = req_param(r, "redeemed");
	char *end;
	long long amount = redeemed ? strtoll(redeemed, &end, 10) : 0;
	if (!redeemed || *end != '\0' || n == 0 || strcmp(v[n - 1].kind, "voucher") ||
	    v[n - 1].money != amount)
		return;
	char buf[48];
	money_format(amount, v[n - 1].currency, buf, sizeof buf);
	hdf_set(r->hdf, "Done.redeemed", buf);
}

/* Renders the balance page with status (after a refused form, 4xx). */
static void show_balance(struct request *r, int status)
{
	hdf_set(r->hdf, "Page.Title", "Balance");
	struct ledger_account a;
	struct money_entry *entries = NULL;
	struct money_call *calls = NULL;
	size_t nentries = 0, ncalls = 0;
	int rc = ledger_account_get(NULL, r->member_id, &a);
	if (rc == LEDGER_UNKNOWN_MEMBER)
		rc = 0, memset(&a, 0, sizeof a);
	if (rc == 0)
		rc = money_entries(r->member_id, &entries, &nentries);
	if (rc == 0)
		rc = money_calls(r->member_id, &calls, &ncalls);
	if (rc != 0) {
		log_error("balance of %" PRIu64 ": %s", r->member_id, ledger_strerror(rc));
		free(entries);
		free(calls);
		resp_error(r, 503, "Your balance could not be read just now. Please try again.");
		return;
	}
	account_to_hdf(r->hdf, &a, a.currency[0] ? a.currency : billing_policy.currency);
	confirm_voucher(r, entries, nentries);
	entries_to_hdf(r, entries, nentries);
	calls_to_hdf(r, calls, ncalls);
	free(entries);
	free(calls);
	resp_header(r, "Cache-Control", "no-store");
	resp_page(r, status, "balance.cs");
}

/* WEBPAGE: /balance */
static int page_balance(struct request *r)
{
	show_balance(r, 200);
	return 0;
}

static const char *voucher_refusal(int rc)
{
	switch (rc) {
	case LEDGER_UNKNOWN_VOUCHER:
		return "There is no voucher with this code. Check the code printed on your voucher.";
	case LEDGER_VOUCHER_USED:
		return "This voucher has already been used. A voucher can be redeemed only once.";
	case LEDGER_CURRENCY:
		return "This voucher is in another currency than your account, so it cannot be redeemed here.";
	case LEDGER_BAD_AMOUNT:
	case LEDGER_OVERFLOW:
		return "This voucher would take your balance above the largest balance allowed.";
	default:
		return NULL;
	}
}

/* WEBPAGE: /balance/voucher (POST) */
static int page_voucher(struct request *r)
{
	const char *typed = req_param(r, "code");
	char code[VOUCHER_CODE_LEN + 1];
	hdf_set(r->hdf, "Form.code", typed ? typed : "");
	if (!typed || !*typed) {
		form_error(r, "code", "Type the code of your voucher.");
		show_balance(r, 422);
		return 0;
	}
	if (strlen(typed) > 64 || voucher_normalize(typed, code) != 0) {
		form_error(r, "code", "This is not a voucher code: a code has 16 letters and "
				      "digits, like K7QX-M3PD-9RTW-2HNB.");
		show_balance(r, 422);
		return 0;
	}
	int64_t amount = 0;
	int rc = voucher_redeem(&billing_policy, r->member_id, code, &amount);
	if (rc != 0) {
		const char *why = voucher_refusal(rc);
		if (!why) {
			log_error("voucher for %" PRIu64 ": %s", r->member_id, ledger_strerror(rc));
			resp_error(r, 503, "Your voucher could not be redeemed just now. Nothing was "
					   "charged or used; please try again.");
			return 0;
		}
		form_error(r, "code", why);
		show_balance(r, rc == LEDGER_UNKNOWN_VOUCHER ? 404 : 409);
		return 0;
	}
	log_info("member %" PRIu64 " redeemed a voucher of %" PRId64, r->member_id, amount);
	char to[64];
	snprintf(to, sizeof to, "/balance?redeemed=%" PRId64, amount);
	resp_redirect(r, to);
	return 0;
}

/* ---- CSV ---- */

static void send_csv(struct request *r, struct csv *c, const char *name)
{
	if (c->failed) {
		resp_error(r, 503, "The file could not be made just now. Please try again.");
		return;
	}
	char disp[128];
	snprintf(disp, sizeof disp, "attachment; filename=\"%s\"", name);
	resp_header(r, "Content-Disposition", disp);
	resp_header(r, "Cache-Control", "no-store");
	resp_header(r, "X-Content-Type-Options", "nosniff");
	resp_body(r, 200, "text/csv; charset=utf-8; header=present", c->buf ? c->buf : "", c->len);
}

/* WEBPAGE: /balance/ledger.csv */
static int page_ledger_csv(struct request *r)
{
	struct money_entry *v = NULL;
	size_t n = 0;
	int rc = money_entries(r->member_id, &v, &n);
	if (rc != 0) {
		resp_error(r, 503, "Your ledger could not be read just now. Please try again.");
		return 0;
	}
	struct csv c;
	csv_init(&c);
	static const char *const head[] = {"date", "entry", "cause", "kind", "amount", "currency",
					   "balance_after", "mileage", "mileage_after", "note"};
	for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
		csv_text(&c, head[i]);
	csv_row_end(&c);
	char buf[64];
	for (size_t i = 0; i < n; i++) {
		const struct money_entry *e = &v[i];
		format_time(e->time, "%Y-%m-%d %H:%M:%S", buf, sizeof buf);
		csv_text(&c, buf);
		csv_int(&c, (int64_t)e->id);
		csv_text(&c, e->cause);
		csv_text(&c, e->kind);
		money_number(e->money, e->currency, buf, sizeof buf);
		csv_number(&c, buf);
		csv_text(&c, e->currency);
		money_number(e->balance_after, e->currency, buf, sizeof buf);
		csv_number(&c, buf);
		csv_int(&c, e->mileage);
		csv_int(&c, e->mileage_after);
		csv_text(&c, e->note);
		csv_row_end(&c);
	}
	free(v);
	send_csv(r, &c, "ledger.csv");
	csv_free(&c);
	return 0;
}

/* WEBPAGE: /balance/calls.csv */
static int page_calls_csv(struct request *r)
{
	struct money_call *v = NULL;
	size_t n = 0;
	int rc = money_calls(r->member_id, &v, &n);
	if (rc != 0) {
		resp_error(r, 503, "Your calls could not be read just now. Please try again.");
		return 0;
	}
	struct csv c;
	csv_init(&c);
	static const char *const head[] = {"date", "call", "your side", "other party",
					   "leg A seconds", "leg B seconds", "cost", "paid by",
					   "you paid", "mileage points", "currency"};
	for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
		csv_text(&c, head[i]);
	csv_row_end(&c);
	char buf[64];
	for (size_t i = 0; i < n; i++) {
		const struct money_call *m = &v[i];
		const char *cur = m->currency[0] ? m->currency : billing_policy.currency;
		format_time(m->when, "%Y-%m-%d %H:%M:%S", buf, sizeof buf);
		csv_text(&c, buf);
		csv_text(&c, m->order);
		csv_text(&c, m->is_recipient ? "caller" : "card owner");
		csv_text(&c, m->other);
		csv_int(&c, m->a_seconds);
		csv_int(&c, m->b_seconds);
		if (m->charged) {
			money_number(m->cost, cur, buf, sizeof buf);
			csv_number(&c, buf);
		} else {
			csv_text(&c, "");
		}
		money_payer_words(m, buf, sizeof buf);
		csv_text(&c, buf);
		money_number(m->paid, cur, buf, sizeof buf);
		csv_number(&c, buf);
		csv_int(&c, m->mileage);
		csv_text(&c, cur);
		csv_row_end(&c);
	}
	free(v);
	send_csv(r, &c, "calls.csv");
	csv_free(&c);
	return 0;
}

static const struct route routes[] = {
	{"/balance", ROUTE_LOGIN, page_balance},
	{"/balance/", ROUTE_LOGIN, page_balance},
	{"/balance/voucher", ROUTE_POST_ONLY | ROUTE_LOGIN, page_voucher},
	{"/balance/ledger.csv", ROUTE_LOGIN, page_ledger_csv},
	{"/balance/calls.csv", ROUTE_LOGIN, page_calls_csv},
	{NULL, 0, NULL},
};

int main(void)
{
	return app_main("balance", routes, balance_setup);
}
