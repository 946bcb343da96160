/* admin.c: the operator's pages: find a member and credit their account,
 * the rate table in use and a new one, top-up vouchers.
 *
 * Only members whose record has admin = "1" (callcard-admin grant-admin)
 * see these pages; everyone else, logged in or not, gets the same 404 as
 * for an address that does not exist, before anything else is looked at.
 *
 * WEBPAGE: /admin /admin/credit /admin/rates /admin/vouchers */
#include <ctype.h>
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
#include "member.h"
#include "money_format.h"
#include "money_history.h"
#include "rate.h"
#include "render.h"
#include "response.h"
#include "token.h"
#include "voucher.h"

#define RECENT_ENTRIES 10   /* a member's latest ledger entries shown */
#define VOUCHERS_SHOWN 200  /* newest vouchers listed */
#define VOUCHER_BATCH_MAX 100
#define RATES_TEXT_SHOWN 65536 /* bytes of the rate file shown on the page */

static struct ledger_policy billing_policy;

static int admin_setup(void)
{
	char err[256];
	if (ledger_policy_from_config(&billing_policy, err, sizeof err) < 0) {
		log_error("%s", err);
		return -1;
	}
	return 0;
}

static int is_admin(const struct request *r)
{
	const char *flag = r->member_id ? rec_get(&r->member, "admin") : NULL;
	return flag && !strcmp(flag, "1");
}

/* The gate every page passes first: non-operators get the 404 of an
 * unknown address. The POST routes are declared ROUTE_NO_CSRF so that
 * this runs before the CSRF check, which is then done here: a stranger
 * learns nothing, an operator's forged form is refused. 0: go on. */
static int gate(struct request *r)
{
	if (!is_admin(r)) {
		if (r->member_id && req_is_post(r))
			log_warn("member %" PRIu64 " refused on %s", r->member_id, r->path);
		resp_error(r, 404, "There is no page at this address.");
		return -1;
	}
	const char *sent = req_param(r, "csrf");
	if (req_is_post(r) && !(sent && token_equal(sent, app_csrf_token(r)))) {
		log_warn("csrf check failed on %s from %s", r->path, r->remote_addr);
		resp_error(r, 403, "This form has expired or did not come from this site. "
				   "Go back, reload the page and try again.");
		return -1;
	}
	hdf_set(r->hdf, "Page.Admin", "1");
	return 0;
}

static void format_time(int64_t t, char *out, size_t len)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, len, "%Y-%m-%d %H:%M UTC", &tm);
}

static void set_money(HDF *hdf, const char *key, int64_t minor, const char *currency)
{
	char buf[48];
	money_format(minor, currency, buf, sizeof buf);
	hdf_set(hdf, key, buf);
}

/* The member of a typed e-mail address: 0, or -1 with Errors.email set. */
static int find_member(struct request *r, const char *typed, uint64_t *id, struct rec *m,
		       char email[256])
{
	size_t n = typed ? strlen(typed) : 0;
	while (n && isspace((unsigned char)typed[n - 1]))
		n--;
	while (n && isspace((unsigned char)*typed))
		typed++, n--;
	email[0] = '\0';
	if (n == 0 || n >= 256) {
		form_error(r, "email", "Give the member's e-mail address.");
		return -1;
	}
	for (size_t i = 0; i < n; i++)
		email[i] = (char)tolower((unsigned char)typed[i]);
	email[n] = '\0';
	hdf_set(r->hdf, "Form.email", email);
	if (member_find_email(NULL, email, id) != 0 || member_get(NULL, *id, m, 0) != 0) {
		form_error(r, "email", "No member has this e-mail address.");
		return -1;
	}
	return 0;
}

static const char *account_currency(const struct ledger_account *a)
{
	return a->currency[0] ? a->currency : billing_policy.currency;
}

/* The found member, their account and latest entries into Found.*. */
static void member_to_hdf(struct request *r, uint64_t id, const struct rec *m)
{
	HDF *h = r->hdf;
	struct ledger_account a;
	if (ledger_account_get(NULL, id, &a) != 0)
		memset(&a, 0, sizeof a);
	const char *cur = account_currency(&a);
	hdf_set_int(h, "Found.id", (long long)id);
	hdf_set(h, "Found.name", rec_get(m, "name"));
	hdf_set(h, "Found.email", rec_get(m, "email"));
	hdf_set(h, "Found.admin", rec_get(m, "admin"));
	set_money(h, "Found.balance", a.balance, cur);
	set_money(h, "Found.held", a.held, cur);
	set_money(h, "Found.available", a.balance - a.held, cur);
	hdf_set_int(h, "Found.mileage", a.mileage);
	hdf_set_int(h, "Found.calls", a.calls);
	hdf_set(h, "Found.currency", cur);
	set_money(h, "Found.max_amount", billing_policy.max_amount, cur);
	struct money_entry *v = NULL;
	size_t n = 0;
	if (money_entries(id, &v, &n) != 0)
		return;
	char k[64], buf[48];
	for (size_t i = 0; i < n && i < RECENT_ENTRIES; i++) {
		const struct money_entry *e = &v[n - 1 - i];
		format_time(e->time, buf, sizeof buf);
		snprintf(k, sizeof k, "Found.entries.%zu.date", i);
		hdf_set(h, k, buf);
		snprintf(k, sizeof k, "Found.entries.%zu.cause", i);
		hdf_set(h, k, e->cause);
		snprintf(k, sizeof k, "Found.entries.%zu.money", i);
		if (e->money || !e->mileage) {
			money_format(e->money, e->currency, buf, sizeof buf);
			hdf_setf(h, k, "%s%s", e->money > 0 ? "+" : "", buf);
		}
		snprintf(k, sizeof k, "Found.entries.%zu.mileage", i);
		if (e->mileage)
			hdf_setf(h, k, "%+" PRId64 " points", e->mileage);
		snprintf(k, sizeof k, "Found.entries.%zu.balance", i);
		set_money(h, k, e->balance_after, e->currency);
	}
	free(v);
}

/* After a credit the page names it: the entry of ?credited=<entry id>,
 * when it is a credit of this member (a link cannot claim one). */
static void confirm_credit(struct request *r, uint64_t member)
{
	const char *credited = req_param(r, "credited");
	char *end;
	unsigned long long entry = credited ? strtoull(credited, &end, 10) : 0;
	if (!credited || *end != '\0' || entry == 0)
		return;
	unsigned char key[8];
	struct rec e;
	db_key_u64(entry, key);
	if (db_get_rec(TBL_LEDGER, NULL, key, sizeof key, &e, 0) != 0)
		return;
	const char *kind = rec_get(&e, "kind"), *cur = rec_get(&e, "currency");
	if (kind && !strcmp(kind, "credit") && (uint64_t)rec_get_int(&e, "member", 0) == member)
		set_money(r->hdf, "Done.credited", rec_get_int(&e, "money", 0), cur ? cur : "");
	rec_free(&e);
}

/* Renders /admin with the member of email (may be NULL: just the search). */
static void show_admin(struct request *r, int status, const char *email)
{
	hdf_set(r->hdf, "Page.Title", "Operator");
	/* Each credit form carries its own token: sent twice, it credits once
	 * (ledger_credit_once). A form shown again after a refusal keeps it. */
	const char *once = req_param(r, "once");
	char fresh[TOKEN_LEN];
	if (!once || strlen(once) != TOKEN_LEN - 1) {
		token_new(fresh);
		once = fresh;
	}
	hdf_set(r->hdf, "Form.once", once);
	if (email) {
		uint64_t id;
		struct rec m;
		char found[256];
		if (find_member(r, email, &id, &m, found) == 0) {
			member_to_hdf(r, id, &m);
			confirm_credit(r, id);
			rec_free(&m);
		} else if (status == 200) {
			status = 404;
		}
	}
	resp_header(r, "Cache-Control", "no-store");
	resp_page(r, status, "admin.cs");
}

/* WEBPAGE: /admin */
static int page_admin(struct request *r)
{
	if (gate(r))
		return 0;
	show_admin(r, 200, req_param(r, "email"));
	return 0;
}

static const char *credit_refusal(int rc)
{
	switch (rc) {
	case LEDGER_BAD_AMOUNT:
	case LEDGER_OVERFLOW:
		return "This credit would take the balance above the largest balance allowed.";
	case LEDGER_CURRENCY:
		return "The account holds another currency than this credit.";
	case LEDGER_UNKNOWN_MEMBER:
		return "No member has this e-mail address.";
	case LEDGER_BAD_CALL:
		return "This form is out of date: nothing was credited. Enter the credit again.";
	default:
		return NULL;
	}
}

/* WEBPAGE: /admin/credit (POST): credit a member's account. */
static int page_credit(struct request *r)
{
	if (gate(r))
		return 0;
	if (!req_is_post(r)) {
		resp_redirect(r, "/admin");
		return 0;
	}
	uint64_t id;
	struct rec m;
	char found[256];
	const char *email = req_param(r, "email");
	if (find_member(r, email, &id, &m, found) != 0) {
		show_admin(r, 404, NULL);
		return 0;
	}
	rec_free(&m);
	const char *amount_in = req_param(r, "amount"), *reason_in = req_param(r, "reason");
	hdf_set(r->hdf, "Form.amount", amount_in ? amount_in : "");
	hdf_set(r->hdf, "Form.reason", reason_in ? reason_in : "");
	struct ledger_account a;
	if (ledger_account_get(NULL, id, &a) != 0)
		memset(&a, 0, sizeof a);
	const char *cur = account_currency(&a);
	char why[200], reason[256];
	int64_t amount = 0;
	int bad = 0;
	if (money_parse(amount_in, cur, billing_policy.max_amount, &amount, why, sizeof why)) {
		form_error(r, "amount", why);
		bad++;
	}
	if (!reason_in || !*reason_in) {
		form_error(r, "reason", "Give the reason for the credit: the member sees it.");
		bad++;
	} else if (strlen(reason_in) > 200 ||
		   check_text_line(reason_in, reason, sizeof reason, why, sizeof why) != 0) {
		form_error(r, "reason", strlen(reason_in) > 200 ? "Keep the reason under 200 characters."
								: why);
		bad++;
	}
	if (bad) {
		show_admin(r, 422, email);
		return 0;
	}
	uint64_t entry = 0;
	int rc = ledger_credit_once(&billing_policy, id, amount, reason, req_param(r, "once"),
				    &entry);
	if (rc == LEDGER_DUPLICATE) {
		log_info("operator %" PRIu64 " sent the credit form for member %" PRIu64
			 " again: entry %" PRIu64 " stands, nothing written",
			 r->member_id, id, entry);
		rc = 0;
	} else if (rc == 0) {
		log_info("operator %" PRIu64 " credited %" PRId64 " %s to member %" PRIu64
			 " (entry %" PRIu64 ")", r->member_id, amount, cur, id, entry);
	}
	if (rc != 0) {
		const char *refusal = credit_refusal(rc);
		if (!refusal) {
			log_error("credit of %" PRIu64 ": %s", id, ledger_strerror(rc));
			resp_error(r, 503, "The credit could not be written just now. Nothing was "
					   "credited; please try again.");
			return 0;
		}
		form_error(r, "amount", refusal);
		show_admin(r, 409, email);
		return 0;
	}
	char to[512];
	/* The e-mail goes back into a query, percent-encoded. */
	size_t o = 0;
	char esc[400];
	for (const char *p = found; *p && o + 4 < sizeof esc; p++) {
		unsigned char c = (unsigned char)*p;
		if (isalnum(c) || strchr(".-_@", c))
			esc[o++] = (char)c;
		else
			o += (size_t)snprintf(esc + o, sizeof esc - o, "%%%02X", c);
	}
	esc[o] = '\0';
	snprintf(to, sizeof to, "/admin?email=%s&credited=%" PRIu64, esc, entry);
	resp_redirect(r, to);
	return 0;
}

/* ---- rates ---- */

static void rates_to_hdf(HDF *h)
{
	void *text = NULL, *loaded = NULL;
	size_t tlen = 0, llen = 0;
	if (db_get(TBL_GENERIC, NULL, "rates:table", 11, &text, &tlen, 0) != 0) {
		hdf_set(h, "Rates.none", "1");
		return;
	}
	/* A table of many thousand prefixes is shown in part; the command
	 * line prints it all. */
	size_t shown = tlen;
	if (shown > RATES_TEXT_SHOWN) {
		shown = RATES_TEXT_SHOWN;
		while (shown && ((char *)text)[shown - 1] != '\n')
			shown--;
		hdf_set_int(h, "Rates.shown_kb", RATES_TEXT_SHOWN / 1024);
	}
	char *s = malloc(shown + 1);
	if (s) {
		memcpy(s, text, shown);
		s[shown] = '\0';
		hdf_set(h, "Rates.text", s);
		free(s);
	}
	free(text);
	if (db_get(TBL_GENERIC, NULL, "rates:loaded", 12, &loaded, &llen, 0) == 0) {
		char num[32], buf[48];
		snprintf(num, sizeof num, "%.*s", (int)(llen < 31 ? llen : 31), (char *)loaded);
		format_time(strtoll(num, NULL, 10), buf, sizeof buf);
		hdf_set(h, "Rates.loaded", buf);
		free(loaded);
	}
	struct rate_table *t;
	char err[256];
	if (ledger_rates_load(&t, err, sizeof err) == 0) {
		hdf_set_int(h, "Rates.count", (long long)rate_table_count(t));
		hdf_set(h, "Rates.currency", rate_table_currency(t));
		rate_table_free(t);
	} else {
		hdf_set(h, "Rates.error", err);
	}
}

static void show_rates(struct request *r, int status)
{
	hdf_set(r->hdf, "Page.Title", "Rates");
	rates_to_hdf(r->hdf);
	resp_header(r, "Cache-Control", "no-store");
	resp_page(r, status, "admin_rates.cs");
}

/* WEBPAGE: /admin/rates: the table in use; POST puts a new one in use. */
static int page_rates(struct request *r)
{
	if (gate(r))
		return 0;
	if (!req_is_post(r)) {
		show_rates(r, 200);
		return 0;
	}
	const struct param *file = req_file(r, "file");
	const char *text = NULL;
	size_t len = 0;
	if (file && file->len > 0) {
		text = file->value;
		len = file->len;
	} else if ((text = req_param(r, "rates")) && *text) {
		len = strlen(text);
		hdf_set(r->hdf, "Form.rates", text);
	}
	if (!text || len == 0) {
		form_error(r, "rates", "Paste the rate file here or choose it to upload.");
		show_rates(r, 422);
		return 0;
	}
	char err[300];
	size_t count = 0;
	if (memchr(text, '\0', len)) {
		form_error(r, "rates", "This is not a text file. The table in use is unchanged.");
		show_rates(r, 422);
		return 0;
	}
	if (ledger_rates_store(text, len, &count, err, sizeof err) != 0) {
		char msg[400];
		snprintf(msg, sizeof msg, "Refused, %s. The table in use is unchanged.", err);
		form_error(r, "rates", msg);
		show_rates(r, 422);
		return 0;
	}
	log_info("operator %" PRIu64 " loaded a rate table of %zu rates", r->member_id, count);
	hdf_set_int(r->hdf, "Done.rates", (long long)count);
	hdf_set(r->hdf, "Form.rates", "");
	show_rates(r, 200);
	return 0;
}

/* ---- vouchers ---- */

struct voucher_list {
	HDF *hdf;
	struct rec *v;
	char (*codes)[VOUCHER_CODE_LEN + 1];
	size_t n, cap;
};

static int add_voucher(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	struct voucher_list *vl = arg;
	if (klen != 8 + VOUCHER_CODE_LEN)
		return 0;
	/* A walk restarted after a lock conflict starts again. */
	if (vl->n && !memcmp(vl->codes[0], (const char *)key + 8, VOUCHER_CODE_LEN)) {
		for (size_t i = 0; i < vl->n; i++)
			rec_free(&vl->v[i]);
		vl->n = 0;
	}
	if (vl->n == vl->cap) {
		size_t cap = vl->cap ? vl->cap * 2 : 64;
		struct rec *nv = realloc(vl->v, cap * sizeof *nv);
		if (!nv)
			return 1;
		vl->v = nv;
		void *nc = realloc(vl->codes, cap * sizeof *vl->codes);
		if (!nc)
			return 1;
		vl->codes = nc;
		vl->cap = cap;
	}
	if (rec_decode(&vl->v[vl->n], val, vlen) != 0)
		return 0;
	memcpy(vl->codes[vl->n], (const char *)key + 8, VOUCHER_CODE_LEN);
	vl->codes[vl->n][VOUCHER_CODE_LEN] = '\0';
	vl->n++;
	return 0;
}

static struct voucher_list *sort_list; /* qsort has no argument */
static int newest_voucher(const void *a, const void *b)
{
	const struct rec *x = &sort_list->v[*(const size_t *)a];
	const struct rec *y = &sort_list->v[*(const size_t *)b];
	long long cx = rec_get_int(x, "created", 0), cy = rec_get_int(y, "created", 0);
	return cx < cy ? 1 : cx > cy ? -1 : 0;
}

static void grouped(const char *code, char *out, size_t len)
{
	snprintf(out, len, "%.4s-%.4s-%.4s-%.4s", code, code + 4, code + 8, code + 12);
}

static void vouchers_to_hdf(HDF *h)
{
	struct voucher_list vl = {.hdf = h};
	db_each_prefix(TBL_GENERIC, NULL, "voucher:", 8, add_voucher, &vl);
	size_t *order = vl.n ? malloc(vl.n * sizeof *order) : NULL;
	if (order) {
		for (size_t i = 0; i < vl.n; i++)
			order[i] = i;
		sort_list = &vl;
		qsort(order, vl.n, sizeof *order, newest_voucher);
	}
	size_t redeemed = 0;
	for (size_t i = 0; i < vl.n; i++)
		redeemed += rec_get(&vl.v[i], "redeemed_by") != NULL;
	hdf_set_int(h, "Vouchers.total", (long long)vl.n);
	hdf_set_int(h, "Vouchers.redeemed", (long long)redeemed);
	char k[64], buf[48];
	for (size_t j = 0; order && j < vl.n && j < VOUCHERS_SHOWN; j++) {
		const struct rec *v = &vl.v[order[j]];
		grouped(vl.codes[order[j]], buf, sizeof buf);
		snprintf(k, sizeof k, "Vouchers.rows.%zu.code", j);
		hdf_set(h, k, buf);
		snprintf(k, sizeof k, "Vouchers.rows.%zu.amount", j);
		const char *cur = rec_get(v, "currency");
		set_money(h, k, rec_get_int(v, "amount", 0), cur ? cur : billing_policy.currency);
		format_time(rec_get_int(v, "created", 0), buf, sizeof buf);
		snprintf(k, sizeof k, "Vouchers.rows.%zu.created", j);
		hdf_set(h, k, buf);
		snprintf(k, sizeof k, "Vouchers.rows.%zu.note", j);
		hdf_set(h, k, rec_get(v, "note"));
		if (rec_get(v, "redeemed_by")) {
			format_time(rec_get_int(v, "redeemed_at", 0), buf, sizeof buf);
			snprintf(k, sizeof k, "Vouchers.rows.%zu.redeemed", j);
			hdf_set(h, k, buf);
			snprintf(k, sizeof k, "Vouchers.rows.%zu.by", j);
			struct rec m;
			long long who = rec_get_int(v, "redeemed_by", 0);
			if (who > 0 && member_get(NULL, (uint64_t)who, &m, 0) == 0) {
				hdf_set(h, k, rec_get(&m, "email"));
				rec_free(&m);
			} else {
				hdf_setf(h, k, "member %lld", who);
			}
		}
	}
	free(order);
	for (size_t i = 0; i < vl.n; i++)
		rec_free(&vl.v[i]);
	free(vl.v);
	free(vl.codes);
}

static void show_vouchers(struct request *r, int status)
{
	hdf_set(r->hdf, "Page.Title", "Vouchers");
	/* Each form makes one batch: sent again, it makes none (see below). */
	char once[TOKEN_LEN];
	token_new(once);
	hdf_set(r->hdf, "Form.once", once);
	hdf_set(r->hdf, "Vouchers.currency", billing_policy.currency);
	set_money(r->hdf, "Vouchers.max_amount", billing_policy.max_amount, billing_policy.currency);
	vouchers_to_hdf(r->hdf);
	resp_header(r, "Cache-Control", "no-store");
	resp_page(r, status, "admin_vouchers.cs");
}

/* WEBPAGE: /admin/vouchers: the vouchers; POST makes a batch. */
static int page_vouchers(struct request *r)
{
	if (gate(r))
		return 0;
	if (!req_is_post(r)) {
		show_vouchers(r, 200);
		return 0;
	}
	const char *amount_in = req_param(r, "amount"), *count_in = req_param(r, "count");
	const char *note_in = req_param(r, "note");
	hdf_set(r->hdf, "Form.amount", amount_in ? amount_in : "");
	hdf_set(r->hdf, "Form.count", count_in ? count_in : "");
	hdf_set(r->hdf, "Form.note", note_in ? note_in : "");
	char why[200], note[256] = "";
	int64_t amount = 0;
	long count = 0;
	int bad = 0;
	if (money_parse(amount_in, billing_policy.currency, billing_policy.max_amount, &amount,
			why, sizeof why)) {
		form_error(r, "amount", why);
		bad++;
	}
	char *end = NULL;
	if (count_in && *count_in)
		count = strtol(count_in, &end, 10);
	if (!count_in || !*count_in || *end || count < 1 || count > VOUCHER_BATCH_MAX) {
		char msg[80];
		snprintf(msg, sizeof msg, "Give a number of vouchers from 1 to %d.", VOUCHER_BATCH_MAX);
		form_error(r, "count", msg);
		bad++;
	}
	if (note_in && *note_in &&
	    (strlen(note_in) > 200 || check_text_line(note_in, note, sizeof note, why, sizeof why))) {
		form_error(r, "note", strlen(note_in) > 200 ? "Keep the note under 200 characters."
							     : why);
		bad++;
	}
	if (bad) {
		show_vouchers(r, 422);
		return 0;
	}
	/* The batch's mark is written first: a form sent twice (a reload, a
	 * double click) finds it and makes nothing. A crash between the mark
	 * and the codes loses at most that batch, and the list shows what was
	 * made. */
	const char *once = req_param(r, "once");
	char mark[16 + TOKEN_LEN];
	int mlen = snprintf(mark, sizeof mark, "vouchbatch:%s", once ? once : "");
	if (!once || strlen(once) != TOKEN_LEN - 1 || strspn(once, TOKEN_CHARS) != TOKEN_LEN - 1) {
		form_error(r, "count", "This form is out of date: nothing was made. Enter the batch again.");
		show_vouchers(r, 409);
		return 0;
	}
	int rc = db_put(TBL_GENERIC, NULL, mark, (size_t)mlen, "", 0, DB_NOOVERWRITE);
	if (rc == DB_KEYEXIST) {
		hdf_set(r->hdf, "Form.amount", "");
		hdf_set(r->hdf, "Form.count", "");
		hdf_set(r->hdf, "Form.note", "");
		hdf_set(r->hdf, "Done.again", "1");
		show_vouchers(r, 200);
		return 0;
	}
	if (rc != 0) {
		log_error("voucher batch mark: %s", db_errstr(rc));
		resp_error(r, 503, "The vouchers could not be made just now. Nothing was made; "
				   "please try again.");
		return 0;
	}
	char code[VOUCHER_SHOWN_LEN + 1], k[48];
	long made = 0;
	for (; made < count; made++) {
		if (voucher_create(&billing_policy, amount, note[0] ? note : NULL, code) != 0)
			break;
		snprintf(k, sizeof k, "Created.%ld", made);
		hdf_set(r->hdf, k, code);
	}
	log_info("operator %" PRIu64 " created %ld voucher(s) of %" PRId64, r->member_id, made,
		 amount);
	if (made < count)
		hdf_setf(r->hdf, "Errors.count", "Only %ld of %ld vouchers could be made. "
			 "Try again for the rest.", made, count);
	set_money(r->hdf, "CreatedAmount", amount, billing_policy.currency);
	hdf_set(r->hdf, "Form.amount", "");
	hdf_set(r->hdf, "Form.count", "");
	hdf_set(r->hdf, "Form.note", "");
	show_vouchers(r, made ? 200 : 503);
	return 0;
}

static const struct route routes[] = {
	{"/admin", 0, page_admin},
	{"/admin/", 0, page_admin},
	{"/admin/credit", ROUTE_GET_POST | ROUTE_NO_CSRF, page_credit},
	{"/admin/rates", ROUTE_GET_POST | ROUTE_NO_CSRF, page_rates},
	{"/admin/vouchers", ROUTE_GET_POST | ROUTE_NO_CSRF, page_vouchers},
	{NULL, 0, NULL},
};

int main(void)
{
	return app_main("admin", routes, admin_setup);
}
