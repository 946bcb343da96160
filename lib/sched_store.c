/* sched_store.c: the records of scheduled calls and their claims. */
#include "sched.h"

#include <stdio.h>
#include <string.h>

#define KEY_MAX (9 + 8 + 64)

static size_t call_key(const char *hash, char key[KEY_MAX])
{
	return (size_t)snprintf(key, KEY_MAX, "sched:%.64s", hash);
}

static size_t queue_key(int64_t due, const char *hash, unsigned char key[KEY_MAX])
{
	memcpy(key, "schedq:", 7);
	db_key_u64((uint64_t)due, key + 7);
	size_t hn = strnlen(hash, 64);
	memcpy(key + 15, hash, hn);
	return 15 + hn;
}

static size_t run_key(const char *hash, char key[KEY_MAX])
{
	return (size_t)snprintf(key, KEY_MAX, "schedrun:%.64s", hash);
}

int sched_put(DB_TXN *txn, const char *hash, struct rec *call)
{
	char key[KEY_MAX];
	unsigned char qkey[KEY_MAX];
	rec_set(call, "state", "waiting");
	size_t kn = call_key(hash, key);
	int rc = db_put_rec(TBL_GENERIC, txn, key, kn, call, DB_NOOVERWRITE);
	if (rc != 0)
		return rc;
	size_t qn = queue_key(rec_get_int(call, "due", 0), hash, qkey);
	return db_put(TBL_GENERIC, txn, qkey, qn, "", 0, 0);
}

int sched_get(DB_TXN *txn, const char *hash, struct rec *call)
{
	char key[KEY_MAX];
	size_t kn = call_key(hash, key);
	return db_get_rec(TBL_GENERIC, txn, key, kn, call, 0);
}

/* Moves a waiting call to state, out of the queue, in txn. */
static int leave_queue(DB_TXN *txn, const char *hash, const char *state, int64_t now)
{
	char key[KEY_MAX];
	unsigned char qkey[KEY_MAX];
	size_t kn = call_key(hash, key);
	struct rec r;
	int rc = db_get_rec(TBL_GENERIC, txn, key, kn, &r, DB_RMW);
	if (rc != 0)
		return rc;
	const char *cur = rec_get(&r, "state");
	if (!cur || strcmp(cur, "waiting")) {
		rec_free(&r);
		return SCHED_NOT_WAITING;
	}
	size_t qn = queue_key(rec_get_int(&r, "due", 0), hash, qkey);
	rec_set(&r, "state", state);
	rec_set_int(&r, "claimed", (long long)now);
	rc = db_put_rec(TBL_GENERIC, txn, key, kn, &r, 0);
	rec_free(&r);
	if (rc == 0)
		rc = db_del(TBL_GENERIC, txn, qkey, qn);
	return rc == DB_NOTFOUND ? 0 : rc;
}

int sched_cancel(DB_TXN *txn, const char *hash)
{
	return leave_queue(txn, hash, "cancelled", 0);
}

struct claim_arg {
	const char *hash;
	int64_t now;
};

static int claim_txn(DB_TXN *txn, void *arg)
{
	struct claim_arg *a = arg;
	int rc = leave_queue(txn, a->hash, "claimed", a->now);
	if (rc != 0)
		return rc;
	char rkey[KEY_MAX];
	size_t rn = run_key(a->hash, rkey);
	return db_put(TBL_GENERIC, txn, rkey, rn, "", 0, 0);
}

int sched_claim(const char *hash, int64_t now)
{
	struct claim_arg a = {hash, now};
	return db_txn_run(claim_txn, &a);
}

struct finish_arg {
	const char *hash, *outcome;
};

static int finish_txn(DB_TXN *txn, void *arg)
{
	struct finish_arg *a = arg;
	char key[KEY_MAX], rkey[KEY_MAX];
	size_t kn = call_key(a->hash, key), rn = run_key(a->hash, rkey);
	struct rec r;
	int rc = db_get_rec(TBL_GENERIC, txn, key, kn, &r, DB_RMW);
	if (rc != 0)
		return rc;
	rec_set(&r, "state", "done");
	rec_set(&r, "outcome", a->outcome);
	rc = db_put_rec(TBL_GENERIC, txn, key, kn, &r, 0);
	rec_free(&r);
	if (rc == 0)
		rc = db_del(TBL_GENERIC, txn, rkey, rn);
	return rc == DB_NOTFOUND ? 0 : rc;
}

int sched_finish(const char *hash, const char *outcome)
{
	struct finish_arg a = {hash, outcome};
	return db_txn_run(finish_txn, &a);
}

struct collect_arg {
	char (*hashes)[SCHED_HASH_LEN];
	int max, n;
	size_t skip;     /* prefix (and due time) before the hash */
	int64_t now;     /* queue only: stop at calls due later */
	int by_due;
	char first[SCHED_HASH_LEN];
};

static int collect(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	(void)val;
	(void)vlen;
	struct collect_arg *a = arg;
	if (klen <= a->skip || klen - a->skip > 64)
		return 0;
	if (a->by_due && (int64_t)db_u64_key((const unsigned char *)key + 7) > a->now)
		return 1;
	char hash[SCHED_HASH_LEN];
	memcpy(hash, (const char *)key + a->skip, klen - a->skip);
	hash[klen - a->skip] = '\0';
	/* A walk restarted after a lock conflict begins again. */
	if (a->n > 0 && !strcmp(hash, a->first))
		a->n = 0;
	if (a->n == 0)
		memcpy(a->first, hash, sizeof hash);
	memcpy(a->hashes[a->n++], hash, sizeof hash);
	return a->n >= a->max;
}

int sched_due(int64_t now, char (*hashes)[SCHED_HASH_LEN], int max, int *n)
{
	struct collect_arg a = {.hashes = hashes, .max = max, .skip = 15, .now = now, .by_due = 1};
	int rc = db_each_prefix(TBL_GENERIC, NULL, "schedq:", 7, collect, &a);
	*n = a.n;
	return rc < 0 ? rc : 0;
}

int sched_running(char (*hashes)[SCHED_HASH_LEN], int max, int *n)
{
	struct collect_arg a = {.hashes = hashes, .max = max, .skip = 9};
	int rc = db_each_prefix(TBL_GENERIC, NULL, "schedrun:", 9, collect, &a);
	*n = a.n;
	return rc < 0 ? rc : 0;
}
