/* store.c: the dialer's tables in the shared Berkeley DB environment.
 *
 * TBL_ORDERS, key order id, record fields:
 *   id owner owner_alt dest mode max lang record  -- the order as placed
 *   state cause seq updated                       -- last event
 *   created (unix ms) pid (dialer that holds it)
 *   a_call_id a_from a_to a_contact a_cseq        -- dialog of an answered
 *   b_call_id b_from b_to b_contact b_cseq           leg, for BYE after a crash
 *   a_inv_uri a_inv_call_id a_inv_from      -- the leg's INVITE while it rings,
 *   a_inv_via a_inv_cseq (b_inv_... alike)     for CANCEL after a crash (via and
 *                                              cseq from its first provisional
 *                                              answer; To is <inv_uri>); dropped
 *                                              when the leg answers, which keeps
 *                                              the record small (no overflow page)
 * TBL_ORDER_EVENTS, key id + '\0' + seq (u32 big-endian):
 *   state cause (may be absent) t (unix ms) seq
 * TBL_CDRS, key order id:
 *   id cause owner dest mode max record_file
 *   a_target a_gateway a_outcome a_status a_q850 a_end_by
 *   a_invite a_ring a_answer a_accept a_bridge a_end   (unix ms, 0 = never)
 *   b_... the same for the recipient's leg
 *   a1_target a1_outcome a1_status  -- the owner's first number, when the
 *                                      other number was tried after it
 *   talk_ms (bridged time) ended (unix ms)
 * States: queued dialing_owner owner_ringing owner_answered owner_accepted
 * dialing_recipient recipient_ringing connected ended.
 *
 * Durability: "queued" (before the first INVITE), each INVITE's identity
 * (before it is sent) and "ended" with the CDR are synchronous commits.
 * The states in between, the INVITE's Via and the dialog records
 * are committed with DB_TXN_WRITE_NOSYNC: they reach the OS at once, so a
 * killed dialer loses none of them (only an OS crash could), and the event
 * loop that relays audio does not wait for a disk flush on every ring. */
#include "store.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "log.h"

struct ev_ctx {
	struct order *o;
	const char *state, *cause;
	uint32_t seq;
	int64_t t;
	int is_new, is_end;
};

static void event_key(const char *id, uint32_t seq, unsigned char *key, size_t *klen)
{
	size_t n = strlen(id);
	memcpy(key, id, n);
	key[n] = '\0';
	key[n + 1] = (unsigned char)(seq >> 24);
	key[n + 2] = (unsigned char)(seq >> 16);
	key[n + 3] = (unsigned char)(seq >> 8);
	key[n + 4] = (unsigned char)seq;
	*klen = n + 5;
}

static int put_event(DB_TXN *txn, const char *id, uint32_t seq, const char *state,
		     const char *cause, int64_t t)
{
	unsigned char key[ORDER_ID_MAX + 8];
	size_t klen;
	struct rec r;
	event_key(id, seq, key, &klen);
	rec_init(&r);
	rec_set(&r, "state", state);
	if (cause)
		rec_set(&r, "cause", cause);
	rec_set_int(&r, "t", t);
	rec_set_int(&r, "seq", seq);
	int rc = db_put_rec(TBL_ORDER_EVENTS, txn, key, klen, &r, 0);
	rec_free(&r);
	return rc;
}

static void leg_to_cdr(struct rec *r, const char *p, const struct leg *l)
{
	char k[32];
#define SETS(name, v) (snprintf(k, sizeof k, "%s_%s", p, name), rec_set(r, k, v))
#define SETI(name, v) (snprintf(k, sizeof k, "%s_%s", p, name), rec_set_int(r, k, v))
	SETS("target", l->target);
	SETS("gateway", l->gw_name);
	SETS("outcome", l->outcome ? l->outcome : "not_dialed");
	SETI("status", l->status);
	SETI("q850", l->q850);
	SETS("end_by", l->end_by ? l->end_by : "");
	SETI("invite", l->t_invite);
	SETI("ring", l->t_ring);
	SETI("answer", l->t_answer);
	SETI("accept", l->t_accept);
	SETI("bridge", l->t_bridge);
	SETI("end", l->t_end);
#undef SETS
#undef SETI
}

static int write_event(DB_TXN *txn, void *arg)
{
	struct ev_ctx *c = arg;
	struct order *o = c->o;
	const char *id = o->req.id;
	struct rec r;
	int rc;
	if (c->is_new) {
		rc = db_get_rec(TBL_ORDERS, txn, id, strlen(id), &r, 0);
		if (rc == 0) {
			rec_free(&r);
			return 1; /* known id: never dialed twice */
		}
		if (rc != DB_NOTFOUND)
			return rc;
		rec_init(&r);
		rec_set(&r, "id", id);
		rec_set(&r, "owner", o->req.owner);
		rec_set(&r, "owner_alt", o->req.owner_alt);
		rec_set(&r, "dest", o->req.dest);
		rec_set(&r, "mode", o->req.mode == ORDER_MODE_PC ? "pc" : "phone");
		rec_set_int(&r, "max", o->req.max_seconds);
		rec_set(&r, "lang", o->req.lang);
		rec_set_int(&r, "record", o->req.record);
		rec_set_int(&r, "created", c->t);
		rec_set_int(&r, "pid", getpid());
	} else {
		rc = db_get_rec(TBL_ORDERS, txn, id, strlen(id), &r, DB_RMW);
		if (rc)
			return rc;
	}
	rec_set(&r, "state", c->state);
	rec_set(&r, "cause", c->cause ? c->cause : "");
	rec_set_int(&r, "seq", c->seq);
	rec_set_int(&r, "updated", c->t);
	rc = db_put_rec(TBL_ORDERS, txn, id, strlen(id), &r, 0);
	rec_free(&r);
	if (rc)
		return rc;
	if (c->is_end) {
		struct rec cdr;
		rec_init(&cdr);
		rec_set(&cdr, "id", id);
		rec_set(&cdr, "cause", c->cause ? c->cause : "");
		rec_set(&cdr, "owner", o->a.target);
		rec_set(&cdr, "dest", o->req.dest);
		rec_set(&cdr, "mode", o->req.mode == ORDER_MODE_PC ? "pc" : "phone");
		rec_set_int(&cdr, "max", o->req.max_seconds);
		rec_set(&cdr, "record_file", o->record_path);
		leg_to_cdr(&cdr, "a", &o->a);
		leg_to_cdr(&cdr, "b", &o->b);
		if (o->a_attempt) {
			rec_set(&cdr, "a1_target", o->a1_target);
			rec_set(&cdr, "a1_outcome", o->a1_outcome ? o->a1_outcome : "");
			rec_set_int(&cdr, "a1_status", o->a1_status);
		}
		int64_t talk = 0;
		if (o->b.t_bridge && o->b.t_end > o->b.t_bridge)
			talk = o->b.t_end - o->b.t_bridge;
		rec_set_int(&cdr, "talk_ms", talk);
		rec_set_int(&cdr, "ended", c->t);
		rc = db_put_rec(TBL_CDRS, txn, id, strlen(id), &cdr, 0);
		rec_free(&cdr);
		if (rc)
			return rc;
	}
	return put_event(txn, id, c->seq, c->state, c->cause, c->t);
}

/* db_txn_run() with a commit that does not wait for the disk; like it,
 * never waits for a lock but retries a conflict after a short pause. */
static int txn_run_nosync(db_txn_fn fn, void *arg)
{
	DB_ENV *env = db_env();
	int rc = DB_LOCK_NOTGRANTED;
	for (int attempt = 0; attempt < 200; attempt++) {
		DB_TXN *txn;
		if (attempt)
			usleep((useconds_t)(500 * (attempt < 20 ? attempt : 20)));
		rc = env->txn_begin(env, NULL, &txn, DB_TXN_WRITE_NOSYNC | DB_TXN_NOWAIT);
		if (rc)
			return rc;
		rc = fn(txn, arg);
		if (rc == 0)
			return txn->commit(txn, DB_TXN_WRITE_NOSYNC);
		txn->abort(txn);
		if (rc != DB_LOCK_DEADLOCK && rc != DB_LOCK_NOTGRANTED)
			return rc;
	}
	return rc;
}

static int run_event(struct order *o, const char *state, const char *cause, int is_new,
		     int is_end)
{
	struct ev_ctx c = {o, state, cause, o->seq + 1, now_ms(), is_new, is_end};
	int rc = (is_new || is_end) ? db_txn_run(write_event, &c) : txn_run_nosync(write_event, &c);
	if (rc == 0) {
		o->seq = c.seq;
		o->state = state;
		return 0;
	}
	if (rc == 1)
		return 1;
	log_error("order %s: storing %s failed: %s", o->req.id, state, db_errstr(rc));
	return -1;
}

int store_order_new(struct order *o)
{
	return run_event(o, "queued", NULL, 1, 0);
}

int store_event(struct order *o, const char *state, const char *cause)
{
	return run_event(o, state, cause, 0, 0) ? -1 : 0;
}

int store_order_end(struct order *o)
{
	return run_event(o, "ended", o->cause, 0, 1) ? -1 : 0;
}

struct dialog_ctx {
	const char *id;
	char role;
	const char *call_id, *from, *to, *contact;
	uint32_t cseq;
};

static int write_dialog(DB_TXN *txn, void *arg)
{
	struct dialog_ctx *c = arg;
	struct rec r;
	int rc = db_get_rec(TBL_ORDERS, txn, c->id, strlen(c->id), &r, DB_RMW);
	if (rc)
		return rc;
	char k[16];
	snprintf(k, sizeof k, "%c_call_id", c->role);
	rec_set(&r, k, c->call_id);
	snprintf(k, sizeof k, "%c_from", c->role);
	rec_set(&r, k, c->from);
	snprintf(k, sizeof k, "%c_to", c->role);
	rec_set(&r, k, c->to);
	snprintf(k, sizeof k, "%c_contact", c->role);
	rec_set(&r, k, c->contact);
	snprintf(k, sizeof k, "%c_cseq", c->role);
	rec_set_int(&r, k, c->cseq);
	static const char *const inv[] = {"inv_uri", "inv_call_id", "inv_from", "inv_via",
					  "inv_cseq"};
	for (size_t i = 0; i < sizeof inv / sizeof *inv; i++) {
		char ik[24];
		snprintf(ik, sizeof ik, "%c_%s", c->role, inv[i]);
		rec_del(&r, ik);
	}
	rc = db_put_rec(TBL_ORDERS, txn, c->id, strlen(c->id), &r, 0);
	rec_free(&r);
	return rc;
}

int store_leg_dialog(struct order *o, struct leg *l, const sip_t *sip)
{
	if (!sip || !sip->sip_call_id || !sip->sip_from || !sip->sip_to || !sip->sip_cseq)
		return -1;
	char from[512], to[512], contact[512] = "";
	/* The 200 OK: From is us, To is the callee with its tag. */
	if (snprintf(from, sizeof from, "<" URL_PRINT_FORMAT ">;tag=%s",
		     URL_PRINT_ARGS(sip->sip_from->a_url),
		     sip->sip_from->a_tag ? sip->sip_from->a_tag : "") >= (int)sizeof from ||
	    snprintf(to, sizeof to, "<" URL_PRINT_FORMAT ">;tag=%s", URL_PRINT_ARGS(sip->sip_to->a_url),
		     sip->sip_to->a_tag ? sip->sip_to->a_tag : "") >= (int)sizeof to)
		return -1;
	if (sip->sip_contact)
		snprintf(contact, sizeof contact, URL_PRINT_FORMAT,
			 URL_PRINT_ARGS(sip->sip_contact->m_url));
	struct dialog_ctx c = {o->req.id, (char)(l->role == 'A' ? 'a' : 'b'), sip->sip_call_id->i_id,
			       from, to, contact, sip->sip_cseq->cs_seq};
	int rc = txn_run_nosync(write_dialog, &c);
	if (rc)
		log_error("order %s: storing leg %c dialog failed: %s", o->req.id, l->role,
			  db_errstr(rc));
	return rc ? -1 : 0;
}

struct fields_ctx {
	const char *id;
	char role;
	const char *const *kv; /* name, value, ..., NULL */
	long long cseq;        /* >= 0: also inv_cseq */
};

static int write_fields(DB_TXN *txn, void *arg)
{
	struct fields_ctx *c = arg;
	struct rec r;
	int rc = db_get_rec(TBL_ORDERS, txn, c->id, strlen(c->id), &r, DB_RMW);
	if (rc)
		return rc;
	char k[24];
	for (const char *const *p = c->kv; p[0]; p += 2) {
		snprintf(k, sizeof k, "%c_%s", c->role, p[0]);
		rec_set(&r, k, p[1]);
	}
	if (c->cseq >= 0) {
		snprintf(k, sizeof k, "%c_inv_cseq", c->role);
		rec_set_int(&r, k, c->cseq);
	}
	rc = db_put_rec(TBL_ORDERS, txn, c->id, strlen(c->id), &r, 0);
	rec_free(&r);
	return rc;
}

int store_leg_invite(struct order *o, struct leg *l, const char *call_id, const char *from)
{
	const char *kv[] = {"inv_uri", l->uri, "inv_call_id", call_id, "inv_from", from,
			    "inv_via", "", NULL};
	struct fields_ctx c = {o->req.id, (char)(l->role == 'A' ? 'a' : 'b'), kv, 0};
	int rc = db_txn_run(write_fields, &c);
	if (rc)
		log_error("order %s: storing leg %c INVITE failed: %s", o->req.id, l->role,
			  db_errstr(rc));
	return rc ? -1 : 0;
}

int store_leg_invite_via(struct order *o, struct leg *l, const sip_t *sip)
{
	const sip_via_t *v = sip->sip_via;
	if (!v || !v->v_branch || !v->v_host || !sip->sip_cseq)
		return -1;
	char via[256];
	/* As nta wrote it: sent-by, rport, branch (the far end's received= and
	 * rport=port are its own additions). */
	if (snprintf(via, sizeof via, "%s %s%s%s%s;branch=%s", v->v_protocol, v->v_host,
		     v->v_port ? ":" : "", v->v_port ? v->v_port : "", v->v_rport ? ";rport" : "",
		     v->v_branch) >= (int)sizeof via)
		return -1;
	const char *kv[] = {"inv_via", via, NULL};
	struct fields_ctx c = {o->req.id, (char)(l->role == 'A' ? 'a' : 'b'), kv,
			       sip->sip_cseq->cs_seq};
	int rc = txn_run_nosync(write_fields, &c);
	if (rc)
		log_error("order %s: storing leg %c Via failed: %s", o->req.id, l->role, db_errstr(rc));
	return rc ? -1 : 0;
}

int store_order_state(const char *id, char *state, size_t slen, char *cause, size_t clen,
		      unsigned *seq)
{
	struct rec r;
	int rc = db_get_rec(TBL_ORDERS, NULL, id, strlen(id), &r, 0);
	if (rc == DB_NOTFOUND)
		return 1;
	if (rc)
		return -1;
	snprintf(state, slen, "%s", rec_get(&r, "state") ? rec_get(&r, "state") : "");
	snprintf(cause, clen, "%s", rec_get(&r, "cause") ? rec_get(&r, "cause") : "");
	*seq = (unsigned)rec_get_int(&r, "seq", 0);
	rec_free(&r);
	return 0;
}

struct each_ctx {
	store_orphan_fn fn;
	void *arg;
};

static int each_order(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	struct each_ctx *c = arg;
	struct rec r;
	char id[ORDER_ID_MAX + 1];
	if (klen > ORDER_ID_MAX || rec_decode(&r, val, vlen) < 0)
		return 0;
	memcpy(id, key, klen);
	id[klen] = '\0';
	const char *state = rec_get(&r, "state");
	if (state && strcmp(state, "ended"))
		c->fn(id, &r, c->arg);
	rec_free(&r);
	return 0;
}

int store_each_unfinished(store_orphan_fn fn, void *arg)
{
	struct each_ctx c = {fn, arg};
	return db_each_prefix(TBL_ORDERS, NULL, "", 0, each_order, &c);
}

struct orphan_ctx {
	const char *id, *cause;
	int64_t t;
	const struct orphan_leg *legs;
};

static int close_orphan(DB_TXN *txn, void *arg)
{
	struct orphan_ctx *c = arg;
	struct rec r, cdr;
	int rc = db_get_rec(TBL_ORDERS, txn, c->id, strlen(c->id), &r, DB_RMW);
	if (rc)
		return rc;
	if (!strcmp(rec_get(&r, "state") ? rec_get(&r, "state") : "", "ended")) {
		rec_free(&r);
		return 0; /* closed already */
	}
	uint32_t seq = (uint32_t)rec_get_int(&r, "seq", 0) + 1;
	rec_set(&r, "state", "ended");
	rec_set(&r, "cause", c->cause);
	rec_set_int(&r, "seq", seq);
	rec_set_int(&r, "updated", c->t);
	rc = db_put_rec(TBL_ORDERS, txn, c->id, strlen(c->id), &r, 0);
	if (rc == 0) {
		rec_init(&cdr);
		rec_set(&cdr, "id", c->id);
		rec_set(&cdr, "cause", c->cause);
		rec_set(&cdr, "owner", rec_get(&r, "owner") ? rec_get(&r, "owner") : "");
		rec_set(&cdr, "dest", rec_get(&r, "dest") ? rec_get(&r, "dest") : "");
		for (int i = 0; i < 2; i++) {
			const struct orphan_leg *l = &c->legs[i];
			rec_set(&cdr, i ? "b_outcome" : "a_outcome",
				l->outcome ? l->outcome : "gateway_failure");
			rec_set_int(&cdr, i ? "b_status" : "a_status", l->status);
			if (l->outcome && !strcmp(l->outcome, "cancelled"))
				rec_set_int(&cdr, i ? "b_q850" : "a_q850", 41);
		}
		rec_set_int(&cdr, "a_end", c->t);
		rec_set_int(&cdr, "b_end", c->t);
		rec_set_int(&cdr, "ended", c->t);
		rc = db_put_rec(TBL_CDRS, txn, c->id, strlen(c->id), &cdr, DB_NOOVERWRITE);
		if (rc == DB_KEYEXIST)
			rc = 0;
		rec_free(&cdr);
	}
	rec_free(&r);
	return rc ? rc : put_event(txn, c->id, seq, "ended", c->cause, c->t);
}

int store_close_orphan(const char *id, const char *cause, const struct orphan_leg legs[2])
{
	struct orphan_ctx c = {id, cause, now_ms(), legs};
	int rc = db_txn_run(close_orphan, &c);
	if (rc)
		log_error("order %s: closing after restart failed: %s", id, db_errstr(rc));
	return rc ? -1 : 0;
}
