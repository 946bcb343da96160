/* db.c: the shared Berkeley DB environment, its tables and transactions. */
#include "db.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"

static const char *const table_files[TBL__MAX] = {
	[TBL_META] = "meta.db",
	[TBL_MEMBERS] = "members.db",
	[TBL_EMAILS] = "emails.db",
	[TBL_SESSIONS] = "sessions.db",
	[TBL_THROTTLE] = "throttle.db",
	[TBL_CARDS] = "cards.db",
	[TBL_CARD_LINKS] = "card_links.db",
	[TBL_BUTTONS] = "buttons.db",
	[TBL_ORDERS] = "orders.db",
	[TBL_ORDER_EVENTS] = "order_events.db",
	[TBL_CDRS] = "cdrs.db",
	[TBL_LEDGER] = "ledger.db",
	[TBL_LEDGER_CAUSES] = "ledger_causes.db",
	[TBL_ACCOUNTS] = "accounts.db",
	[TBL_HOLDS] = "holds.db",
	[TBL_MAILQ] = "mailq.db",
	[TBL_SENDS] = "sends.db",
	[TBL_GENERIC] = "generic.db",
};

static DB_ENV *env;
static DB *tables[TBL__MAX];

/* failchk asks whether the process that holds a lock still lives. A
 * reaped child is gone; a zombie is not, which is why supervisors call
 * db_failchk() only after waitpid(). */
static int db_is_alive(DB_ENV *e, pid_t pid, db_threadid_t tid, u_int32_t flags)
{
	(void)e;
	(void)tid;
	(void)flags;
	return kill(pid, 0) == 0 || errno == EPERM;
}

static void db_errcall(const DB_ENV *e, const char *prefix, const char *msg)
{
	(void)e;
	log_error("%s: %s", prefix ? prefix : "db", msg);
}

const char *db_errstr(int rc)
{
	return db_strerror(rc);
}

int db_open(const char *home, char *err, size_t errlen)
{
	int rc;
	if (mkdir(home, 0750) < 0 && errno != EEXIST) {
		snprintf(err, errlen, "cannot create %s: %s", home, strerror(errno));
		return -1;
	}
	if ((rc = db_env_create(&env, 0)) != 0)
		goto fail;
	env->set_errcall(env, db_errcall);
	env->set_errpfx(env, "db");
	env->set_cachesize(env, 0, 32 * 1024 * 1024, 1);
	env->set_lk_detect(env, DB_LOCK_DEFAULT);
	env->set_lk_max_locks(env, 20000);
	env->set_lk_max_objects(env, 20000);
	env->set_lk_max_lockers(env, 4000);
	env->set_tx_max(env, 1000);
	/* Every process of every program counts as a thread of control. */
	env->set_thread_count(env, 1000);
	env->set_isalive(env, db_is_alive);
	rc = env->open(env, home,
		       DB_CREATE | DB_INIT_TXN | DB_INIT_LOCK | DB_INIT_LOG | DB_INIT_MPOOL |
			       DB_REGISTER | DB_RECOVER | DB_FAILCHK,
		       0640);
	if (rc != 0)
		goto fail;
	for (int t = 0; t < TBL__MAX; t++) {
		if ((rc = db_create(&tables[t], env, 0)) != 0)
			goto fail;
		rc = tables[t]->open(tables[t], NULL, table_files[t], NULL, DB_BTREE,
				     DB_CREATE | DB_AUTO_COMMIT, 0640);
		if (rc != 0)
			goto fail;
	}
	return 0;
fail:
	snprintf(err, errlen, "database %s: %s", home, db_strerror(rc));
	db_close();
	return -1;
}

void db_close(void)
{
	for (int t = 0; t < TBL__MAX; t++) {
		if (tables[t])
			tables[t]->close(tables[t], 0);
		tables[t] = NULL;
	}
	if (env)
		env->close(env, 0);
	env = NULL;
}

DB_ENV *db_env(void)
{
	return env;
}

DB *db_table(enum db_table t)
{
	return tables[t];
}

int db_failchk(void)
{
	return env ? env->failchk(env, 0) : 0;
}

void db_checkpoint(void)
{
	if (env)
		env->txn_checkpoint(env, 1024, 5, 0);
}

int db_txn_run(db_txn_fn fn, void *arg)
{
	for (int attempt = 0; attempt < 50; attempt++) {
		DB_TXN *txn;
		int rc = env->txn_begin(env, NULL, &txn, 0);
		if (rc != 0)
			return rc;
		rc = fn(txn, arg);
		if (rc == 0) {
			rc = txn->commit(txn, 0);
			if (rc == 0)
				return 0;
		} else {
			txn->abort(txn);
		}
		if (rc != DB_LOCK_DEADLOCK && rc != DB_LOCK_NOTGRANTED)
			return rc;
		/* Back off a little more each time so the winner can finish. */
		usleep((useconds_t)(1000 * (attempt + 1)));
	}
	return DB_LOCK_DEADLOCK;
}

int db_get(enum db_table t, DB_TXN *txn, const void *key, size_t klen, void **val,
	   size_t *vlen, uint32_t flags)
{
	DBT k = {.data = (void *)key, .size = (u_int32_t)klen};
	DBT d = {.flags = DB_DBT_MALLOC};
	int rc = tables[t]->get(tables[t], txn, &k, &d, flags);
	if (rc == 0) {
		*val = d.data;
		*vlen = d.size;
	}
	return rc;
}

int db_put(enum db_table t, DB_TXN *txn, const void *key, size_t klen, const void *val,
	   size_t vlen, uint32_t flags)
{
	DBT k = {.data = (void *)key, .size = (u_int32_t)klen};
	DBT d = {.data = (void *)val, .size = (u_int32_t)vlen};
	return tables[t]->put(tables[t], txn, &k, &d, flags);
}

int db_del(enum db_table t, DB_TXN *txn, const void *key, size_t klen)
{
	DBT k = {.data = (void *)key, .size = (u_int32_t)klen};
	return tables[t]->del(tables[t], txn, &k, 0);
}

int db_get_rec(enum db_table t, DB_TXN *txn, const void *key, size_t klen, struct rec *r,
	       uint32_t flags)
{
	void *val;
	size_t vlen;
	int rc = db_get(t, txn, key, klen, &val, &vlen, flags);
	if (rc != 0)
		return rc;
	rc = rec_decode(r, val, vlen) == 0 ? 0 : DB_NOTFOUND;
	if (rc != 0)
		log_error("corrupt record in %s", table_files[t]);
	free(val);
	return rc;
}

int db_put_rec(enum db_table t, DB_TXN *txn, const void *key, size_t klen,
	       const struct rec *r, uint32_t flags)
{
	size_t len;
	char *buf = rec_encode(r, &len);
	int rc = db_put(t, txn, key, klen, buf, len, flags);
	free(buf);
	return rc;
}

int db_next_id(DB_TXN *txn, const char *counter, uint64_t *id)
{
	char key[128];
	int klen = snprintf(key, sizeof key, "counter:%s", counter);
	void *val;
	size_t vlen;
	uint64_t n = 0;
	int rc = db_get(TBL_META, txn, key, (size_t)klen, &val, &vlen, DB_RMW);
	if (rc == 0) {
		char tmp[32] = {0};
		memcpy(tmp, val, vlen < sizeof tmp - 1 ? vlen : sizeof tmp - 1);
		n = strtoull(tmp, NULL, 10);
		free(val);
	} else if (rc != DB_NOTFOUND) {
		return rc;
	}
	n++;
	char out[32];
	int olen = snprintf(out, sizeof out, "%llu", (unsigned long long)n);
	rc = db_put(TBL_META, txn, key, (size_t)klen, out, (size_t)olen, 0);
	if (rc == 0)
		*id = n;
	return rc;
}

void db_key_u64(uint64_t v, unsigned char out[8])
{
	for (int i = 7; i >= 0; i--) {
		out[i] = (unsigned char)(v & 0xff);
		v >>= 8;
	}
}

uint64_t db_u64_key(const void *key)
{
	const unsigned char *p = key;
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v = (v << 8) | p[i];
	return v;
}

int db_each_prefix(enum db_table t, DB_TXN *txn, const void *prefix, size_t plen,
		   db_each_fn fn, void *arg)
{
	DBC *cur;
	int rc = tables[t]->cursor(tables[t], txn, &cur, 0);
	if (rc != 0)
		return rc;
	DBT k = {.flags = DB_DBT_REALLOC}, d = {.flags = DB_DBT_REALLOC};
	k.data = malloc(plen ? plen : 1);
	if (!k.data)
		abort();
	memcpy(k.data, prefix, plen);
	k.size = (u_int32_t)plen;
	int ret = 0;
	rc = cur->get(cur, &k, &d, DB_SET_RANGE);
	while (rc == 0) {
		if (k.size < plen || memcmp(k.data, prefix, plen) != 0)
			break;
		ret = fn(k.data, k.size, d.data, d.size, arg);
		if (ret)
			break;
		rc = cur->get(cur, &k, &d, DB_NEXT);
	}
	if (rc != 0 && rc != DB_NOTFOUND)
		ret = rc;
	free(k.data);
	free(d.data);
	int crc = cur->close(cur);
	return ret ? ret : crc;
}
