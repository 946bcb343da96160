/* session.c: sessions stored by token hash, with expiry. */
#include "session.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "member.h"

static int skey(char *buf, size_t len, const char *hash)
{
	return snprintf(buf, len, "s:%s", hash);
}

static int mkey(char *buf, size_t len, uint64_t member_id, const char *hash)
{
	return snprintf(buf, len, "m:%016llx:%s", (unsigned long long)member_id, hash);
}

int session_create(DB_TXN *txn, uint64_t member_id, char token[TOKEN_LEN], char hash[65])
{
	token_new(token);
	token_hash(token, hash);
	struct rec s;
	rec_init(&s);
	time_t now = time(NULL);
	rec_set_int(&s, "member", (long long)member_id);
	rec_set_int(&s, "created", now);
	rec_set_int(&s, "expires", now + config_int("Web.SessionDays") * 86400L);
	char key[96];
	int kl = skey(key, sizeof key, hash);
	int rc = db_put_rec(TBL_SESSIONS, txn, key, (size_t)kl, &s, DB_NOOVERWRITE);
	rec_free(&s);
	if (rc == 0) {
		kl = mkey(key, sizeof key, member_id, hash);
		rc = db_put(TBL_SESSIONS, txn, key, (size_t)kl, "", 0, 0);
	}
	return rc;
}

void session_load(struct request *r)
{
	char token[TOKEN_LEN + 8], hash[65], key[96];
	if (!req_cookie(r, SESSION_COOKIE, token, sizeof token) || strlen(token) != TOKEN_LEN - 1)
		return;
	token_hash(token, hash);
	int kl = skey(key, sizeof key, hash);
	struct rec s;
	if (db_get_rec(TBL_SESSIONS, NULL, key, (size_t)kl, &s, 0) != 0)
		return;
	long long member = rec_get_int(&s, "member", 0);
	long long expires = rec_get_int(&s, "expires", 0);
	rec_free(&s);
	if (member <= 0 || expires < time(NULL))
		return;
	struct rec m;
	if (member_get(NULL, (uint64_t)member, &m, 0) != 0)
		return;
	rec_free(&r->member);
	r->member = m;
	r->member_id = (uint64_t)member;
	snprintf(r->session_hash, sizeof r->session_hash, "%s", hash);
}

int session_delete(DB_TXN *txn, const char *hash, uint64_t member_id)
{
	char key[96];
	int kl = skey(key, sizeof key, hash);
	int rc = db_del(TBL_SESSIONS, txn, key, (size_t)kl);
	if (rc != 0 && rc != DB_NOTFOUND)
		return rc;
	kl = mkey(key, sizeof key, member_id, hash);
	rc = db_del(TBL_SESSIONS, txn, key, (size_t)kl);
	return rc == DB_NOTFOUND ? 0 : rc;
}

struct others {
	DB_TXN *txn;
	const char *keep;
	char hashes[64][65];
	int n;
};

static int collect_session(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	(void)val;
	(void)vlen;
	struct others *o = arg;
	/* "m:" + 16 hex + ":" + 64 hex */
	if (klen != 2 + 16 + 1 + 64 || o->n >= 64)
		return 0;
	const char *h = (const char *)key + 19;
	if (o->keep && memcmp(h, o->keep, 64) == 0)
		return 0;
	memcpy(o->hashes[o->n], h, 64);
	o->hashes[o->n][64] = '\0';
	o->n++;
	return 0;
}

int session_delete_others(DB_TXN *txn, uint64_t member_id, const char *keep_hash)
{
	char prefix[32];
	int pl = snprintf(prefix, sizeof prefix, "m:%016llx:", (unsigned long long)member_id);
	/* Collected in batches of 64 so the cursor is closed before deleting. */
	for (;;) {
		struct others o = {.txn = txn, .keep = keep_hash, .n = 0};
		int rc = db_each_prefix(TBL_SESSIONS, txn, prefix, (size_t)pl, collect_session, &o);
		if (rc != 0)
			return rc;
		for (int i = 0; i < o.n; i++)
			if ((rc = session_delete(txn, o.hashes[i], member_id)) != 0)
				return rc;
		if (o.n < 64)
			return 0;
	}
}
