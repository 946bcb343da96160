/* test_store.c: records, the database layer, sessions, tokens and
 * template escaping, on a real Berkeley DB environment in a temp dir. */
#include <ClearSilver.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "config.h"
#include "db.h"
#include "member.h"
#include "render.h"
#include "session.h"
#include "token.h"

struct ids {
	uint64_t a, b;
};

static int two_ids(DB_TXN *txn, void *arg)
{
	struct ids *ids = arg;
	int rc = db_next_id(txn, "test", &ids->a);
	return rc ? rc : db_next_id(txn, "test", &ids->b);
}

static int failing(DB_TXN *txn, void *arg)
{
	(void)arg;
	db_put(TBL_GENERIC, txn, "t:gone", 6, "x", 1, 0);
	return -5; /* the put must be rolled back */
}

struct newmember {
	struct rec *m;
	uint64_t id;
	char token[TOKEN_LEN], hash[65];
};

static int add_member(DB_TXN *txn, void *arg)
{
	struct newmember *n = arg;
	int rc = member_insert(txn, n->m, &n->id);
	return rc ? rc : session_create(txn, n->id, n->token, n->hash);
}

static int drop_others(DB_TXN *txn, void *arg)
{
	struct newmember *n = arg;
	return session_delete_others(txn, n->id, n->hash);
}

static int count_sessions(const void *k, size_t kl, const void *v, size_t vl, void *arg)
{
	(void)k;
	(void)kl;
	(void)v;
	(void)vl;
	(*(int *)arg)++;
	return 0;
}

int main(void)
{
	char err[300], dir[] = "/tmp/callcard-unit-XXXXXX";
	CHECK(mkdtemp(dir) != NULL, "temp dir");
	CHECK(sodium_init() >= 0, "libsodium");
	setenv("CALLCARD_STATE", dir, 1);
	unsetenv("CALLCARD_CONFIG");
	nerr_init();
	CHECK(config_load(err, sizeof err) == 0, "config");

	/* Records. */
	struct rec r, back;
	rec_init(&r);
	rec_set(&r, "name", "Ada");
	rec_set(&r, "empty", "");
	rec_set_int(&r, "balance", -12345);
	rec_set(&r, "name", "Ada Kim");
	size_t len;
	char *enc = rec_encode(&r, &len);
	CHECK(rec_decode(&back, enc, len) == 0, "record round trip");
	CHECK_STR(rec_get(&back, "name"), "Ada Kim", "replaced value");
	CHECK_STR(rec_get(&back, "empty"), "", "empty value kept");
	CHECK(rec_get_int(&back, "balance", 0) == -12345, "negative number");
	CHECK(rec_get_int(&back, "name", 7) == 7, "non-number gives the default");
	CHECK(back.n == 3, "no duplicate names");
	rec_free(&back);
	CHECK(rec_decode(&back, enc, len - 1) < 0, "truncated record refused");
	CHECK(rec_decode(&back, "abc", 3) < 0, "garbage refused");
	free(enc);
	rec_del(&r, "empty");
	CHECK(rec_get(&r, "empty") == NULL && r.n == 2, "delete");
	rec_free(&r);

	/* Database. */
	char home[300];
	snprintf(home, sizeof home, "%s/db", dir);
	CHECK(db_open(home, err, sizeof err) == 0, "environment opens: %s", err);
	struct ids ids;
	CHECK(db_txn_run(two_ids, &ids) == 0 && ids.a == 1 && ids.b == 2, "counter counts in a txn");
	CHECK(db_txn_run(failing, NULL) == -5, "failing txn returns its error");
	void *val;
	size_t vlen;
	CHECK(db_get(TBL_GENERIC, NULL, "t:gone", 6, &val, &vlen, 0) == DB_NOTFOUND, "and is rolled back");
	unsigned char k[8];
	db_key_u64(0x0102030405060708ULL, k);
	CHECK(k[0] == 1 && k[7] == 8 && db_u64_key(k) == 0x0102030405060708ULL, "big-endian keys");

	CHECK(token_secret_load() == 0, "secret created");
	char t1[TOKEN_LEN], t2[TOKEN_LEN], h1[65], m1[TOKEN_LEN], m2[TOKEN_LEN];
	token_new(t1);
	token_new(t2);
	CHECK(strlen(t1) == TOKEN_LEN - 1 && strcmp(t1, t2) != 0, "random tokens differ");
	token_hash(t1, h1);
	CHECK(strlen(h1) == 64 && !strstr(h1, t1), "stored hash is not the token");
	token_mac("csrf:abc", m1);
	token_mac("csrf:abd", m2);
	CHECK(!token_equal(m1, m2), "MACs differ per message");
	CHECK(token_equal(m1, m1), "MAC comparison");

	/* Members and sessions. */
	struct rec m;
	rec_init(&m);
	rec_set(&m, "email", "ada@example.com");
	rec_set(&m, "name", "Ada");
	struct newmember n1 = {.m = &m}, n2 = {.m = &m};
	CHECK(db_txn_run(add_member, &n1) == 0 && n1.id == 1, "member added with a session");
	CHECK(db_txn_run(add_member, &n2) == DB_KEYEXIST, "second member with the same e-mail refused");
	uint64_t found = 0;
	CHECK(member_find_email(NULL, "ada@example.com", &found) == 0 && found == 1, "found by e-mail");
	struct rec s;
	char key[80];
	snprintf(key, sizeof key, "s:%s", n1.hash);
	CHECK(db_get_rec(TBL_SESSIONS, NULL, key, strlen(key), &s, 0) == 0 &&
		      rec_get_int(&s, "member", 0) == 1,
	      "session stored under the token's hash");
	rec_free(&s);
	snprintf(key, sizeof key, "s:%s", n1.token);
	CHECK(db_get(TBL_SESSIONS, NULL, key, strlen(key), &val, &vlen, 0) == DB_NOTFOUND,
	      "the token itself is not stored");
	/* Three more sessions for the same member, then end all but the first. */
	struct newmember extra = {.m = &m, .id = 1};
	for (int i = 0; i < 3; i++)
		session_create(NULL, 1, extra.token, extra.hash);
	int count = 0;
	db_each_prefix(TBL_SESSIONS, NULL, "m:", 2, count_sessions, &count);
	CHECK(count == 4, "four sessions indexed (%d)", count);
	CHECK(db_txn_run(drop_others, &n1) == 0, "end other sessions");
	count = 0;
	db_each_prefix(TBL_SESSIONS, NULL, "m:", 2, count_sessions, &count);
	CHECK(count == 1, "only the kept session remains (%d)", count);
	rec_free(&m);
	db_close();

	/* Escaping in templates. */
	char tdir[400], tfile[500];
	snprintf(tdir, sizeof tdir, "%s/tpl", dir);
	mkdir(tdir, 0700);
	snprintf(tfile, sizeof tfile, "%s/t.cs", tdir);
	FILE *f = fopen(tfile, "w");
	fputs("[<?cs var:X ?>][<?cs var:url_escape(X) ?>]", f);
	fclose(f);
	HDF *hdf = render_new_hdf();
	hdf_set(hdf, "hdf.loadpaths.0", tdir);
	hdf_set(hdf, "X", "<b a=\"1\">&'");
	char *out = render_template(hdf, "t.cs", &len);
	CHECK(out && strstr(out, "[&lt;b a=&quot;1&quot;&gt;&amp;&#39;]"), "var: escapes HTML: %s", out ? out : "");
	CHECK(out && strstr(out, "[%3Cb+a%3D%221%22%3E%26%27]"), "url_escape is registered and not double-escaped");
	free(out);
	hdf_destroy(&hdf);
	config_free();

	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	CHECK(system(cmd) == 0, "clean up");
	return check_done();
}
