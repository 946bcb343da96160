/* account.c: sign up, log in, log out, profile and password change.
 *
 * WEBPAGE: /signup /login /logout /account /account/password */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "config.h"
#include "db.h"
#include "form.h"
#include "ledger.h"
#include "log.h"
#include "member.h"
#include "password.h"
#include "render.h"
#include "response.h"
#include "session.h"

static const struct field_rule signup_fields[] = {
	{"name", "Name", 1, 100, check_text_line, 1},
	{"email", "E-mail", 1, 254, check_email, 1},
	{"phone", "Phone", 1, 32, check_phone, 1},
	{"password", "Password", 1, 200, check_password, 0},
	{"password2", "Password confirmation", 1, 200, NULL, 0},
	{NULL, NULL, 0, 0, NULL, 0},
};

static const struct field_rule login_fields[] = {
	{"email", "E-mail", 1, 254, check_email, 1},
	{"password", "Password", 1, 200, NULL, 0},
	{NULL, NULL, 0, 0, NULL, 0},
};

static const struct field_rule profile_fields[] = {
	{"name", "Name", 1, 100, check_text_line, 1},
	{"email", "E-mail", 1, 254, check_email, 1},
	{"phone", "Phone", 1, 32, check_phone, 1},
	{NULL, NULL, 0, 0, NULL, 0},
};

static const struct field_rule password_fields[] = {
	{"current", "Current password", 1, 200, NULL, 0},
	{"password", "New password", 1, 200, check_password, 0},
	{"password2", "Password confirmation", 1, 200, NULL, 0},
	{NULL, NULL, 0, 0, NULL, 0},
};

static struct ledger_policy billing_policy;

/* A hash to verify against when the e-mail is unknown, so that a wrong
 * address and a wrong password take the same time. */
static char dummy_hash[PASSWORD_HASH_LEN];

static int account_setup(void)
{
	char err[256];
	if (ledger_policy_from_config(&billing_policy, err, sizeof err) < 0) {
		log_error("%s", err);
		return -1;
	}
	return password_hash("not a real password", dummy_hash);
}

static void set_session_cookie(struct request *r, const char *token)
{
	resp_cookie(r, SESSION_COOKIE, token, config_int("Web.SessionDays") * 86400L);
}

/* ---- sign up ---- */

struct signup {
	struct rec *m;
	uint64_t id;
	char token[TOKEN_LEN], hash[65];
};

/* The member, the sign-up mileage and the first session: one transaction. */
static int signup_txn(DB_TXN *txn, void *arg)
{
	struct signup *s = arg;
	int rc = member_insert(txn, s->m, &s->id);
	long points = config_int("Billing.SignupMileage");
	if (rc == 0 && points > 0) {
		char cause[40];
		snprintf(cause, sizeof cause, "signup:%llu", (unsigned long long)s->id);
		struct ledger_post p = {.member = s->id, .cause = cause, .kind = "mileage",
					.note = "welcome mileage", .mileage = points};
		rc = ledger_post_txn(txn, &billing_policy, &p, NULL);
	}
	if (rc == 0)
		rc = session_create(txn, s->id, s->token, s->hash);
	return rc;
}

/* WEBPAGE: /signup */
static int page_signup(struct request *r)
{
	hdf_set(r->hdf, "Page.Title", "Sign up");
	if (!req_is_post(r)) {
		resp_page(r, 200, "signup.cs");
		return 0;
	}
	struct rec in;
	rec_init(&in);
	int bad = form_check(r, signup_fields, &in);
	const char *pw = rec_get(&in, "password"), *pw2 = req_param(r, "password2");
	if (pw && pw2 && strcmp(pw, pw2) != 0) {
		form_error(r, "password2", "The two passwords differ.");
		bad++;
	}
	if (bad) {
		rec_free(&in);
		resp_page(r, 422, "signup.cs");
		return 0;
	}
	char hash[PASSWORD_HASH_LEN];
	if (password_hash(pw, hash) != 0) {
		rec_free(&in);
		resp_error(r, 503, "The service is busy. Please try again in a moment.");
		return 0;
	}
	struct rec m;
	rec_init(&m);
	rec_set(&m, "name", rec_get(&in, "name"));
	rec_set(&m, "email", rec_get(&in, "email"));
	rec_set(&m, "phone", rec_get(&in, "phone"));
	rec_set(&m, "password", hash);
	rec_set_int(&m, "created", time(NULL));
	rec_set(&m, "lang", config_str("Site.Lang"));
	rec_free(&in);
	struct signup s = {.m = &m};
	int rc = db_txn_run(signup_txn, &s);
	rec_free(&m);
	if (rc == DB_KEYEXIST) {
		form_error(r, "email", "An account with this e-mail address already exists. "
				       "Log in instead, or use another address.");
		resp_page(r, 409, "signup.cs");
		return 0;
	}
	if (rc != 0) {
		log_error("signup: %s", db_errstr(rc));
		resp_error(r, 500, "Your account could not be created. Nothing was saved; "
				   "please try again.");
		return 0;
	}
	log_info("member %llu signed up", (unsigned long long)s.id);
	set_session_cookie(r, s.token);
	resp_redirect(r, "/cards?welcome=1");
	return 0;
}

/* ---- log in, with throttling of failures ---- */

struct throttle {
	char keys[2][300];
	int nkeys;
	int fail;       /* 1: count a failure; 0: check only */
	int clear_first;/* on success: forget the e-mail's failures */
	int blocked;
};

static int throttle_txn(DB_TXN *txn, void *arg)
{
	struct throttle *t = arg;
	long window = config_int("Security.LoginWindowSeconds");
	long max = config_int("Security.LoginMaxFailures");
	time_t now = time(NULL);
	t->blocked = 0;
	for (int i = 0; i < t->nkeys; i++) {
		const char *k = t->keys[i];
		if (t->clear_first && i == 0) {
			int rc = db_del(TBL_THROTTLE, txn, k, strlen(k));
			if (rc != 0 && rc != DB_NOTFOUND)
				return rc;
			continue;
		}
		struct rec c;
		long long count = 0, since = now;
		int rc = db_get_rec(TBL_THROTTLE, txn, k, strlen(k), &c, t->fail ? DB_RMW : 0);
		if (rc == 0) {
			count = rec_get_int(&c, "count", 0);
			since = rec_get_int(&c, "since", now);
			rec_free(&c);
		} else if (rc != DB_NOTFOUND) {
			return rc;
		}
		if (now - since > window) {
			count = 0;
			since = now;
		}
		/* The address of a shared NAT gets more room than one account. */
		long limit = i == 0 ? max : max * 4;
		if (count >= limit)
			t->blocked = 1;
		if (t->fail) {
			rec_init(&c);
			rec_set_int(&c, "count", count + 1);
			rec_set_int(&c, "since", since);
			rc = db_put_rec(TBL_THROTTLE, txn, k, strlen(k), &c, 0);
			rec_free(&c);
			if (rc != 0)
				return rc;
		}
	}
	return 0;
}

static void throttle_keys(struct throttle *t, const char *email, const char *ip)
{
	snprintf(t->keys[0], sizeof t->keys[0], "login:e:%s", email);
	snprintf(t->keys[1], sizeof t->keys[1], "login:ip:%s", ip);
	t->nkeys = 2;
}

struct login {
	uint64_t id;
	char token[TOKEN_LEN], hash[65];
};

static int login_txn(DB_TXN *txn, void *arg)
{
	struct login *l = arg;
	return session_create(txn, l->id, l->token, l->hash);
}

/* WEBPAGE: /login */
static int page_login(struct request *r)
{
	hdf_set(r->hdf, "Page.Title", "Log in");
	const char *next = app_safe_next(req_param(r, "next"));
	hdf_set(r->hdf, "Form.next", next);
	if (!req_is_post(r)) {
		resp_page(r, 200, "login.cs");
		return 0;
	}
	struct rec in;
	rec_init(&in);
	if (form_check(r, login_fields, &in)) {
		rec_free(&in);
		resp_page(r, 422, "login.cs");
		return 0;
	}
	const char *email = rec_get(&in, "email");
	struct throttle t = {0};
	throttle_keys(&t, email, r->remote_addr);
	if (db_txn_run(throttle_txn, &t) != 0 || t.blocked) {
		rec_free(&in);
		hdf_set(r->hdf, "Errors.Login",
			"Too many failed attempts. Wait a few minutes before trying again.");
		resp_page(r, 429, "login.cs");
		return 0;
	}
	uint64_t id = 0;
	struct rec m;
	rec_init(&m);
	int found = member_find_email(NULL, email, &id) == 0 && member_get(NULL, id, &m, 0) == 0;
	const char *hash = found ? rec_get(&m, "password") : NULL;
	int ok = password_verify(hash ? hash : dummy_hash, rec_get(&in, "password"));
	rec_free(&m);
	if (!found || !ok) {
		t.fail = 1;
		db_txn_run(throttle_txn, &t);
		log_info("failed login from %s", r->remote_addr);
		hdf_set(r->hdf, "Errors.Login", "The e-mail address or the password is wrong.");
		rec_free(&in);
		resp_page(r, 422, "login.cs");
		return 0;
	}
	rec_free(&in);
	t.clear_first = 1;
	t.nkeys = 1;
	db_txn_run(throttle_txn, &t);
	struct login l = {.id = id};
	if (db_txn_run(login_txn, &l) != 0) {
		resp_error(r, 500, "You could not be logged in. Please try again.");
		return 0;
	}
	set_session_cookie(r, l.token);
	resp_redirect(r, next);
	return 0;
}

/* ---- log out ---- */

struct logout {
	const char *hash;
	uint64_t member;
};

static int logout_txn(DB_TXN *txn, void *arg)
{
	struct logout *l = arg;
	return session_delete(txn, l->hash, l->member);
}

/* WEBPAGE: /logout (POST) */
static int page_logout(struct request *r)
{
	if (r->member_id) {
		struct logout l = {r->session_hash, r->member_id};
		db_txn_run(logout_txn, &l);
	}
	resp_cookie(r, SESSION_COOKIE, "", 0);
	resp_redirect(r, "/?bye=1");
	return 0;
}

/* ---- profile ---- */

struct profile {
	uint64_t id;
	struct rec *in;
};

static int profile_txn(DB_TXN *txn, void *arg)
{
	struct profile *p = arg;
	struct rec m;
	int rc = member_get(txn, p->id, &m, DB_RMW);
	if (rc != 0)
		return rc;
	const char *old = rec_get(&m, "email"), *new = rec_get(p->in, "email");
	if (strcmp(old, new) != 0) {
		unsigned char key[8];
		db_key_u64(p->id, key);
		rc = db_put(TBL_EMAILS, txn, new, strlen(new), key, sizeof key, DB_NOOVERWRITE);
		if (rc == 0)
			rc = db_del(TBL_EMAILS, txn, old, strlen(old));
	}
	if (rc == 0) {
		rec_set(&m, "name", rec_get(p->in, "name"));
		rec_set(&m, "email", new);
		rec_set(&m, "phone", rec_get(p->in, "phone"));
		rc = member_put(txn, p->id, &m);
	}
	rec_free(&m);
	return rc;
}

static void fill_profile_form(struct request *r)
{
	hdf_set(r->hdf, "Form.name", rec_get(&r->member, "name"));
	hdf_set(r->hdf, "Form.email", rec_get(&r->member, "email"));
	hdf_set(r->hdf, "Form.phone", rec_get(&r->member, "phone"));
}

/* WEBPAGE: /account */
static int page_account(struct request *r)
{
	hdf_set(r->hdf, "Page.Title", "Your account");
	const char *done = req_param(r, "done");
	if (done && (!strcmp(done, "profile") || !strcmp(done, "password")))
		hdf_set(r->hdf, "Done", done);
	if (!req_is_post(r)) {
		fill_profile_form(r);
		resp_page(r, 200, "account.cs");
		return 0;
	}
	struct rec in;
	rec_init(&in);
	if (form_check(r, profile_fields, &in)) {
		rec_free(&in);
		resp_page(r, 422, "account.cs");
		return 0;
	}
	struct profile p = {r->member_id, &in};
	int rc = db_txn_run(profile_txn, &p);
	rec_free(&in);
	if (rc == DB_KEYEXIST) {
		form_error(r, "email", "Another account already uses this e-mail address.");
		resp_page(r, 409, "account.cs");
		return 0;
	}
	if (rc != 0) {
		resp_error(r, 500, "Your profile could not be saved. Please try again.");
		return 0;
	}
	resp_redirect(r, "/account?done=profile");
	return 0;
}

/* ---- password change ---- */

struct pwchange {
	uint64_t id;
	const char *hash;
	const char *keep_session;
};

static int pwchange_txn(DB_TXN *txn, void *arg)
{
	struct pwchange *p = arg;
	struct rec m;
	int rc = member_get(txn, p->id, &m, DB_RMW);
	if (rc != 0)
		return rc;
	rec_set(&m, "password", p->hash);
	rc = member_put(txn, p->id, &m);
	rec_free(&m);
	/* A changed password ends every other session of the member. */
	if (rc == 0)
		rc = session_delete_others(txn, p->id, p->keep_session);
	return rc;
}

/* WEBPAGE: /account/password (POST) */
static int page_password(struct request *r)
{
	hdf_set(r->hdf, "Page.Title", "Your account");
	fill_profile_form(r);
	struct rec in;
	rec_init(&in);
	int bad = form_check(r, password_fields, &in);
	const char *pw = rec_get(&in, "password"), *pw2 = req_param(r, "password2");
	if (pw && pw2 && strcmp(pw, pw2) != 0) {
		form_error(r, "password2", "The two passwords differ.");
		bad++;
	}
	const char *current = req_param(r, "current");
	if (!bad && !password_verify(rec_get(&r->member, "password"), current ? current : "")) {
		form_error(r, "current", "The current password is wrong.");
		bad++;
	}
	char hash[PASSWORD_HASH_LEN];
	if (bad || password_hash(pw, hash) != 0) {
		rec_free(&in);
		resp_page(r, 422, "account.cs");
		return 0;
	}
	rec_free(&in);
	struct pwchange p = {r->member_id, hash, r->session_hash};
	if (db_txn_run(pwchange_txn, &p) != 0) {
		resp_error(r, 500, "Your password could not be changed. Please try again.");
		return 0;
	}
	resp_redirect(r, "/account?done=password");
	return 0;
}

static const struct route routes[] = {
	{"/signup", ROUTE_GET_POST, page_signup},
	{"/login", ROUTE_GET_POST, page_login},
	{"/logout", ROUTE_POST_ONLY, page_logout},
	{"/account", ROUTE_GET_POST | ROUTE_LOGIN, page_account},
	{"/account/password", ROUTE_POST_ONLY | ROUTE_LOGIN, page_password},
	{NULL, 0, NULL},
};

int main(void)
{
	return app_main("account", routes, account_setup);
}
