/* db.h: the shared Berkeley DB transactional environment.
 *
 * Every process opens the environment with db_open(). The first process to
 * open it while no other process uses it runs recovery (DB_RECOVER); the
 * others join and call failchk, which frees the locks of processes that
 * died. The supervisor (sbin/webd) calls db_failchk() after each death
 * and every second, so a process killed while holding locks never hangs
 * the others; when failchk says recovery is needed, it stops everything
 * and reopens. Sync commits throughout (money lives here).
 *
 * Tables are btrees named in enum db_table. Keys are bytes; values are
 * usually rec_encode()d records. All writes happen inside db_txn_run(),
 * which retries the whole function on a lock conflict. No operation ever
 * waits for a lock (DB_TXN_NOWAIT): a conflict is retried with backoff;
 * reads and writes given txn NULL run in a short transaction of their own
 * with the same retries. */
#ifndef CALLCARD_DB_H
#define CALLCARD_DB_H
#include <db.h>
#include <stddef.h>
#include <stdint.h>
#include "rec.h"

enum db_table {
	TBL_META,       /* "counter:<name>" -> u64 text; "secret" -> bytes */
	TBL_MEMBERS,    /* member id (u64 big-endian) -> rec */
	TBL_EMAILS,     /* lower-case e-mail -> member id (u64 BE) */
	TBL_SESSIONS,   /* hex hash of session token -> rec */
	TBL_THROTTLE,   /* "login:<key>" -> rec {count, since} */
	TBL_CARDS,      /* card id (u64 BE) -> rec */
	TBL_CARD_LINKS, /* public token -> card id (u64 BE) */
	TBL_BUTTONS,    /* button id (text) -> rec */
	TBL_ORDERS,     /* order id (text) -> rec */
	TBL_ORDER_EVENTS, /* order id + '\0' + seq (u32 BE) -> rec */
	TBL_CDRS,       /* order id (text) -> rec */
	TBL_LEDGER,     /* entry id (u64 BE) -> rec */
	TBL_LEDGER_CAUSES, /* "<cause>|<payer>|<kind>" -> entry id: once only */
	TBL_ACCOUNTS,   /* member id (u64 BE) -> rec {balance, mileage, held} */
	TBL_HOLDS,      /* order id + '|' + payer -> rec */
	TBL_MAILQ,      /* message id (u64 BE) -> rec */
	TBL_SENDS,      /* send id (u64 BE) -> rec */
	TBL_GENERIC,    /* spare for small features: "<area>:<key>" -> bytes */
	TBL__MAX
};

/* Open (creating if needed) the environment at home. readonly_ok is unused
 * for now. Returns 0 or -1 with err filled. Call once per process, after
 * fork, before any other db_ call. */
int db_open(const char *home, char *err, size_t errlen);
void db_close(void);
DB_ENV *db_env(void);
DB *db_table(enum db_table t);

/* Release locks and abort transactions of dead processes. Returns 0, or
 * DB_RUNRECOVERY when the environment must be reopened with recovery by
 * every process. Supervisors call it after reaping a child.
 * Berkeley DB 5.3's failchk, meeting a mutex a dead process holds, should
 * answer DB_RUNRECOVERY but on some paths spins forever instead: when it
 * runs longer than limit_seconds, stuck(SIGALRM) is called from a signal
 * handler, so it makes async-signal-safe calls only, and it must not
 * return (it exits or executes a new image). */
int db_failchk(unsigned limit_seconds, void (*stuck)(int sig));

/* Run fn(txn, arg) in a transaction; commit when it returns 0, abort and
 * retry (up to a limit) on DB_LOCK_DEADLOCK / DB_LOCK_NOTGRANTED, abort and
 * return its value otherwise. Returns 0 on commit. fn must be safe to run
 * again (it is restarted from scratch on retry). */
typedef int (*db_txn_fn)(DB_TXN *txn, void *arg);
int db_txn_run(db_txn_fn fn, void *arg);

/* Plain key/value access. get returns 0, DB_NOTFOUND or another DB error;
 * on 0 *val is malloc'd (caller frees) and *vlen set. flags for get may be
 * DB_RMW to lock for a later write in the same txn. */
int db_get(enum db_table t, DB_TXN *txn, const void *key, size_t klen,
	   void **val, size_t *vlen, uint32_t flags);
int db_put(enum db_table t, DB_TXN *txn, const void *key, size_t klen,
	   const void *val, size_t vlen, uint32_t flags); /* DB_NOOVERWRITE ok */
int db_del(enum db_table t, DB_TXN *txn, const void *key, size_t klen);

/* Records: the same with rec encoding. get_rec initialises r on 0. */
int db_get_rec(enum db_table t, DB_TXN *txn, const void *key, size_t klen,
	       struct rec *r, uint32_t flags);
int db_put_rec(enum db_table t, DB_TXN *txn, const void *key, size_t klen,
	       const struct rec *r, uint32_t flags);

/* Next value of a named counter (starting at 1), inside txn. */
int db_next_id(DB_TXN *txn, const char *counter, uint64_t *id);

/* u64 <-> 8-byte big-endian key (sorts numerically). */
void db_key_u64(uint64_t v, unsigned char out[8]);
uint64_t db_u64_key(const void *key);

/* Iterate keys starting with prefix (in key order); fn returns non-zero to
 * stop (that value is returned). With txn NULL the walk runs in its own
 * transaction and, on a lock conflict, starts again from the first key:
 * fn must then tolerate seeing entries twice (reset its state when it sees
 * the first key again, or collect into a set). */
typedef int (*db_each_fn)(const void *key, size_t klen, const void *val,
			  size_t vlen, void *arg);
int db_each_prefix(enum db_table t, DB_TXN *txn, const void *prefix,
		   size_t plen, db_each_fn fn, void *arg);

/* Checkpoint (supervisors call this periodically). */
void db_checkpoint(void);

/* Human-readable text of a DB error code. */
const char *db_errstr(int rc);

#endif
