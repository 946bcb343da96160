/* db.c: the shared Berkeley DB environment, its tables and transactions. */
#include "db.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/file.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
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

/* failchk asks whether the process that holds a lock still lives. A zombie
 * (killed, not yet reaped: its parent may have died with it) counts as
 * dead, since it will never release anything. */
static int db_is_alive(DB_ENV *e, pid_t pid, db_threadid_t tid, u_int32_t flags)
{
	(void)e;
	(void)tid;
	(void)flags;
	char path[64], buf[512];
	/* kill() would read 0 and -1 as groups of processes, all alive. */
	if (pid <= 0)
		return 0;
	if (kill(pid, 0) < 0 && errno == ESRCH)
		return 0;
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	if (f) {
		size_t n = fread(buf, 1, sizeof buf - 1, f);
		fclose(f);
		buf[n] = '\0';
		const char *paren = strrchr(buf, ')');
		if (paren && paren[1] == ' ' && (paren[2] == 'Z' || paren[2] == 'X'))
			return 0;
		return 1;
	}
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

/* Pid of another process that has the environment's main region mapped,
 * or 0. Read from /proc: Berkeley DB keeps no list of attached processes
 * that survives their death, and recovery must never run under one. */
static pid_t env_user(const char *home)
{
	char region[4096], real[PATH_MAX];
	if (!realpath(home, real))
		return 0;
	int rl = snprintf(region, sizeof region, " %s/__db.001\n", real);
	DIR *proc = opendir("/proc");
	if (!proc)
		return 0;
	pid_t found = 0, self = getpid();
	struct dirent *de;
	char path[64], line[4400];
	while (!found && (de = readdir(proc))) {
		pid_t pid = (pid_t)atoi(de->d_name);
		if (pid <= 0 || pid == self)
			continue;
		snprintf(path, sizeof path, "/proc/%d/maps", (int)pid);
		FILE *f = fopen(path, "r");
		if (!f)
			continue;
		while (fgets(line, sizeof line, f)) {
			size_t ll = strlen(line);
			if (ll >= (size_t)rl && strcmp(line + ll - (size_t)rl, region) == 0) {
				found = pid;
				break;
			}
		}
		fclose(f);
	}
	closedir(proc);
	return found;
}

/* A joining process whose failchk spins (see db_failchk) does so holding
 * open.lock, which would stop every other from opening. So a join gives
 * up after a while and the process exits 75 as on DB_RUNRECOVERY; webd,
 * whose own failchk is bounded the same way, then restarts everything
 * with recovery. */
#define JOIN_FAILCHK_LIMIT_SECONDS 10

static void join_stuck(int sig)
{
	(void)sig;
	static const char msg[] = "database: failchk is stuck on a dead process's mutex; the "
				  "database needs recovery\n";
	ssize_t ignored = write(2, msg, sizeof msg - 1);
	(void)ignored;
	_exit(75);
}

int db_failchk(unsigned limit_seconds, void (*stuck_fn)(int sig))
{
	if (!env)
		return 0;
	struct sigaction stuck = {.sa_handler = stuck_fn}, old;
	sigset_t alrm, mask;
	sigemptyset(&alrm);
	sigaddset(&alrm, SIGALRM);
	sigprocmask(SIG_UNBLOCK, &alrm, &mask);
	sigaction(SIGALRM, &stuck, &old);
	time_t started = time(NULL);
	unsigned pending = alarm(limit_seconds);
	int rc = env->failchk(env, 0);
	alarm(0);
	sigaction(SIGALRM, &old, NULL);
	sigprocmask(SIG_SETMASK, &mask, NULL);
	if (pending) { /* the caller's alarm, less the time failchk took */
		time_t took = time(NULL) - started;
		alarm(pending > took ? pending - (unsigned)took : 1);
	}
	return rc;
}

/* Closing handles after DB_RUNRECOVERY could wait on the dead process's
 * mutexes: they are dropped instead (kept reachable here) and the
 * environment is left to the recovery. */
static DB_ENV *abandoned_env;

int db_open(const char *home, char *err, size_t errlen)
{
	int rc, lockfd = -1;
	if (mkdir(home, 0750) < 0 && errno != EEXIST) {
		snprintf(err, errlen, "cannot create %s: %s", home, strerror(errno));
		return -1;
	}
	/* Whoever opens the environment while no other process uses it runs
	 * recovery; the others join it. The lock makes "look, then open" one
	 * step across processes. */
	char lockpath[4200];
	snprintf(lockpath, sizeof lockpath, "%s/open.lock", home);
	lockfd = open(lockpath, O_RDWR | O_CREAT | O_CLOEXEC, 0640);
	if (lockfd < 0 || flock(lockfd, LOCK_EX) < 0) {
		snprintf(err, errlen, "cannot lock %s: %s", lockpath, strerror(errno));
		if (lockfd >= 0)
			close(lockfd);
		return -1;
	}
	pid_t user = env_user(home);
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
	/* No process ever sleeps waiting for a lock: a conflict returns
	 * DB_LOCK_NOTGRANTED and the transaction is retried. A process killed
	 * while asleep on a lock leaves a condition variable that failchk
	 * cannot destroy (glibc waits for the dead waiter forever), which would
	 * hang every process that then opens the environment. */
	env->set_flags(env, DB_TXN_NOWAIT, 1);
	rc = env->open(env, home,
		       DB_CREATE | DB_INIT_TXN | DB_INIT_LOCK | DB_INIT_LOG | DB_INIT_MPOOL |
			       (user ? 0 : DB_RECOVER),
		       0640);
	if (rc != 0)
		goto fail;
	/* Joining: free what processes that died since hold. */
	if (user && (rc = db_failchk(JOIN_FAILCHK_LIMIT_SECONDS, join_stuck)) != 0) {
		snprintf(err, errlen,
			 "database %s: a process died inside the database library; it needs "
			 "recovery, which runs when every process using it (pid %d) has stopped",
			 home, (int)user);
		abandoned_env = env;
		env = NULL;
		close(lockfd);
		return -1;
	}
	for (int t = 0; t < TBL__MAX; t++) {
		/* Opening a table is a transaction too: on a lock conflict with
		 * the running service, try again. */
		for (int attempt = 0;; attempt++) {
			if ((rc = db_create(&tables[t], env, 0)) != 0)
				goto fail;
			rc = tables[t]->open(tables[t], NULL, table_files[t], NULL, DB_BTREE,
					     DB_CREATE | DB_AUTO_COMMIT, 0640);
			if (rc == 0)
				break;
			tables[t]->close(tables[t], 0);
			tables[t] = NULL;
			if ((rc != DB_LOCK_DEADLOCK && rc != DB_LOCK_NOTGRANTED) || attempt >= 1000)
				goto fail;
			usleep(2000);
		}
	}
	close(lockfd);
	return 0;
fail:
	snprintf(err, errlen, "database %s: %s", home, db_strerror(rc));
	db_close();
	if (lockfd >= 0)
		close(lockfd);
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

void db_checkpoint(void)
{
	if (env)
		env->txn_checkpoint(env, 1024, 5, 0);
}

/* Another process ran recovery (one of us died in the library): every
 * handle is dead. Leave; the supervisor starts us again. */
static void exit_on_panic(int rc)
{
	if (rc == DB_RUNRECOVERY) {
		log_error("database needs recovery: restarting");
		_exit(75);
	}
}

static int retryable(int rc)
{
	return rc == DB_LOCK_DEADLOCK || rc == DB_LOCK_NOTGRANTED;
}

/* Waits a little more after each conflict, with jitter so that two
 * retrying processes do not collide again. */
static void backoff(int attempt)
{
	int ms = attempt < 20 ? attempt + 1 : 20;
	usleep((useconds_t)(ms * 500 + rand() % (ms * 500 + 1)));
}

/* About 10 s of retrying: long enough for a supervisor to free the locks
 * of a process that died holding them. */
#define TXN_ATTEMPTS 1000

int db_txn_run(db_txn_fn fn, void *arg)
{
	for (int attempt = 0; attempt < TXN_ATTEMPTS; attempt++) {
		DB_TXN *txn;
		int rc = env->txn_begin(env, NULL, &txn, 0);
		exit_on_panic(rc);
		if (rc != 0)
			return rc;
		rc = fn(txn, arg);
		exit_on_panic(rc);
		if (rc == 0) {
			rc = txn->commit(txn, 0);
			exit_on_panic(rc);
			if (rc == 0)
				return 0;
		} else {
			txn->abort(txn);
		}
		if (!retryable(rc))
			return rc;
		backoff(attempt);
	}
	return DB_LOCK_NOTGRANTED;
}

/* Reads and writes given no transaction run in one of their own, so that
 * they too never wait on a lock. */
struct single_op {
	enum { OP_GET, OP_PUT, OP_DEL } op;
	enum db_table t;
	DBT *k, *d;
	uint32_t flags;
};

static int single_op_txn(DB_TXN *txn, void *arg)
{
	struct single_op *o = arg;
	DB *db = tables[o->t];
	switch (o->op) {
	case OP_GET: {
		int rc = db->get(db, txn, o->k, o->d, o->flags & ~(uint32_t)DB_RMW);
		/* Not found is an answer, not a failure: commit the read. */
		return rc == DB_NOTFOUND ? 1 : rc;
	}
	case OP_PUT:
		return db->put(db, txn, o->k, o->d, o->flags);
	case OP_DEL:
		return db->del(db, txn, o->k, 0);
	}
	return EINVAL;
}

static int single_op_run(struct single_op *o)
{
	int rc = db_txn_run(single_op_txn, o);
	return rc == 1 ? DB_NOTFOUND : rc;
}

int db_get(enum db_table t, DB_TXN *txn, const void *key, size_t klen, void **val,
	   size_t *vlen, uint32_t flags)
{
	DBT k = {.data = (void *)key, .size = (u_int32_t)klen};
	DBT d = {.flags = DB_DBT_MALLOC};
	int rc;
	if (txn) {
		rc = tables[t]->get(tables[t], txn, &k, &d, flags);
	} else {
		struct single_op o = {OP_GET, t, &k, &d, flags};
		rc = single_op_run(&o);
	}
	if (rc == 0) {
		*val = d.data;
		*vlen = d.size;
	} else {
		free(d.data);
	}
	return rc;
}

int db_put(enum db_table t, DB_TXN *txn, const void *key, size_t klen, const void *val,
	   size_t vlen, uint32_t flags)
{
	DBT k = {.data = (void *)key, .size = (u_int32_t)klen};
	DBT d = {.data = (void *)val, .size = (u_int32_t)vlen};
	if (txn)
		return tables[t]->put(tables[t], txn, &k, &d, flags);
	struct single_op o = {OP_PUT, t, &k, &d, flags};
	return single_op_run(&o);
}

int db_del(enum db_table t, DB_TXN *txn, const void *key, size_t klen)
{
	DBT k = {.data = (void *)key, .size = (u_int32_t)klen};
	if (txn)
		return tables[t]->del(tables[t], txn, &k, 0);
	struct single_op o = {OP_DEL, t, &k, NULL, 0};
	return single_op_run(&o);
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

static int each_prefix(enum db_table t, DB_TXN *txn, const void *prefix, size_t plen,
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

struct each_args {
	enum db_table t;
	const void *prefix;
	size_t plen;
	db_each_fn fn;
	void *arg;
};

static int each_prefix_txn(DB_TXN *txn, void *arg)
{
	struct each_args *a = arg;
	int rc = each_prefix(a->t, txn, a->prefix, a->plen, a->fn, a->arg);
	/* A stop requested by fn is an answer: commit, then hand it back. */
	return rc;
}

int db_each_prefix(enum db_table t, DB_TXN *txn, const void *prefix, size_t plen,
		   db_each_fn fn, void *arg)
{
	if (txn)
		return each_prefix(t, txn, prefix, plen, fn, arg);
	struct each_args a = {t, prefix, plen, fn, arg};
	return db_txn_run(each_prefix_txn, &a);
}
