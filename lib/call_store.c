/* call_store.c: page records of placed calls and the dialer's view of them. */
#include "call_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <errno.h>

#include "token.h"

void call_page_hash(const char *page_token, char hash[65])
{
	token_hash(page_token, hash);
}

static void page_key(const char *page_hash, char key[9 + 65])
{
	snprintf(key, 9 + 65, "callpage:%.64s", page_hash);
}

/* The card's list key of the call of page; its length. */
static size_t list_key(const struct rec *page, unsigned char key[9 + 16 + 64])
{
	const char *order = rec_get(page, "order");
	size_t on = order ? strlen(order) : 0;
	if (on > 64)
		on = 64;
	memcpy(key, "callcard:", 9);
	db_key_u64((uint64_t)rec_get_int(page, "card", 0), key + 9);
	db_key_u64((uint64_t)rec_get_int(page, "created", 0), key + 17);
	memcpy(key + 25, order, on);
	return 25 + on;
}

int call_message_put(DB_TXN *txn, const struct rec *page, const char *text)
{
	unsigned char key[9 + 16 + 64];
	size_t klen = list_key(page, key);
	struct rec e;
	int rc = db_get_rec(TBL_GENERIC, txn, key, klen, &e, DB_RMW);
	if (rc != 0)
		return rc;
	if (rec_get(&e, "message")) {
		rec_free(&e);
		return CALL_MESSAGE_EXISTS;
	}
	rec_set(&e, "message", text);
	rc = db_put_rec(TBL_GENERIC, txn, key, klen, &e, 0);
	rec_free(&e);
	return rc;
}

/* The card's list entry of the call of page. */
static int list_put(DB_TXN *txn, const struct rec *page)
{
	const char *order = rec_get(page, "order");
	unsigned char lkey[9 + 16 + 64];
	if (!order || strlen(order) > 64)
		return EINVAL;
	size_t lklen = list_key(page, lkey);
	struct rec e;
	rec_init(&e);
	rec_set(&e, "order", order);
	rec_set(&e, "masked", rec_get(page, "masked"));
	rec_set(&e, "payer", rec_get(page, "payer"));
	rec_set_int(&e, "created", rec_get_int(page, "created", 0));
	int rc = db_put_rec(TBL_GENERIC, txn, lkey, lklen, &e, 0);
	rec_free(&e);
	return rc;
}

int call_page_put(DB_TXN *txn, const char *page_hash, const struct rec *page, int listed)
{
	char key[9 + 65];
	page_key(page_hash, key);
	int rc = db_put_rec(TBL_GENERIC, txn, key, strlen(key), page, DB_NOOVERWRITE);
	return rc != 0 || !listed ? rc : list_put(txn, page);
}

int call_page_get_hashed(DB_TXN *txn, const char *page_hash, struct rec *page)
{
	char key[9 + 65];
	page_key(page_hash, key);
	return db_get_rec(TBL_GENERIC, txn, key, strlen(key), page, 0);
}

int call_page_get(DB_TXN *txn, const char *page_token, struct rec *page)
{
	char hash[65];
	call_page_hash(page_token, hash);
	return call_page_get_hashed(txn, hash, page);
}

int call_page_set_txn(DB_TXN *txn, const char *page_hash, const char *field, const char *value)
{
	char key[9 + 65];
	page_key(page_hash, key);
	struct rec r;
	int rc = db_get_rec(TBL_GENERIC, txn, key, strlen(key), &r, DB_RMW);
	if (rc != 0)
		return rc;
	rec_set(&r, field, value);
	rc = db_put_rec(TBL_GENERIC, txn, key, strlen(key), &r, 0);
	rec_free(&r);
	return rc;
}

int call_page_start(DB_TXN *txn, const char *page_hash, int64_t created_ms)
{
	char key[9 + 65];
	page_key(page_hash, key);
	struct rec r;
	int rc = db_get_rec(TBL_GENERIC, txn, key, strlen(key), &r, DB_RMW);
	if (rc != 0)
		return rc;
	const char *status = rec_get(&r, "status");
	if (!status || strcmp(status, "scheduled")) {
		rec_free(&r);
		return CALL_PAGE_NOT_SCHEDULED;
	}
	rec_set(&r, "status", "placing");
	rec_set_int(&r, "created", (long long)created_ms);
	rc = db_put_rec(TBL_GENERIC, txn, key, strlen(key), &r, 0);
	if (rc == 0)
		rc = list_put(txn, &r);
	rec_free(&r);
	return rc;
}

struct status_arg {
	const char *hash, *status, *cause;
};

static int set_status_txn(DB_TXN *txn, void *arg)
{
	struct status_arg *a = arg;
	int rc = call_page_set_txn(txn, a->hash, "status", a->status);
	if (rc == 0 && a->cause)
		rc = call_page_set_txn(txn, a->hash, "cause", a->cause);
	return rc;
}

int call_page_set_status(const char *page_hash, const char *status, const char *cause)
{
	struct status_arg a = {page_hash, status, cause};
	return db_txn_run(set_status_txn, &a);
}

void call_mask_dest(const char *dest, char *out, size_t outlen)
{
	size_t n = strlen(dest);
	if (!strncmp(dest, "sip:", 4)) {
		const char *at = strchr(dest, '@');
		snprintf(out, outlen, "sip:•••%s", at ? at : "");
		return;
	}
	if (n < 8) {
		snprintf(out, outlen, "••••");
		return;
	}
	/* Country code and the first digits, then the last two. */
	snprintf(out, outlen, "%.5s ••••• %s", dest, dest + n - 2);
}

static int add_event(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	(void)key;
	(void)klen;
	struct call_status *st = arg;
	struct rec r;
	if (rec_decode(&r, val, vlen) != 0)
		return 0;
	const char *s = rec_get(&r, "state");
	if (s) {
		/* A walk restarted after a lock conflict sees "queued" again. */
		if (!strcmp(s, "queued"))
			st->states[0] = st->times[0] = '\0';
		size_t used = strlen(st->states);
		snprintf(st->states + used, sizeof st->states - used, "%s%s", used ? " " : "", s);
		used = strlen(st->times);
		snprintf(st->times + used, sizeof st->times - used, "%s%lld", used ? " " : "",
			 rec_get_int(&r, "t", 0));
		if (!strcmp(s, "connected"))
			st->connected_ms = rec_get_int(&r, "t", 0);
		if (!strcmp(s, "ended"))
			st->ended_ms = rec_get_int(&r, "t", 0);
	}
	rec_free(&r);
	return 0;
}

int call_status_get(const char *order, struct call_status *st)
{
	memset(st, 0, sizeof *st);
	size_t on = strlen(order);
	struct rec r;
	int rc = db_get_rec(TBL_ORDERS, NULL, order, on, &r, 0);
	if (rc == DB_NOTFOUND)
		return 0;
	if (rc != 0)
		return rc;
	st->found = 1;
	snprintf(st->state, sizeof st->state, "%s", rec_get(&r, "state") ? rec_get(&r, "state") : "");
	snprintf(st->cause, sizeof st->cause, "%s", rec_get(&r, "cause") ? rec_get(&r, "cause") : "");
	rec_free(&r);
	char prefix[80];
	if (on + 1 > sizeof prefix)
		return EINVAL;
	memcpy(prefix, order, on);
	prefix[on] = '\0';
	rc = db_each_prefix(TBL_ORDER_EVENTS, NULL, prefix, on + 1, add_event, st);
	if (rc != 0)
		return rc;
	if (!strcmp(st->state, "ended") &&
	    db_get_rec(TBL_CDRS, NULL, order, on, &r, 0) == 0) {
		st->talk_ms = rec_get_int(&r, "talk_ms", 0);
		rec_free(&r);
	}
	return 0;
}

int call_order_dest(const char *order, char *dest, size_t len)
{
	struct rec r;
	if (db_get_rec(TBL_ORDERS, NULL, order, strlen(order), &r, 0) != 0)
		return -1;
	const char *d = rec_get(&r, "dest");
	int rc = d && *d && strlen(d) < len ? 0 : -1;
	if (rc == 0)
		snprintf(dest, len, "%s", d);
	rec_free(&r);
	return rc;
}

struct each_arg {
	call_each_fn fn;
	void *arg;
};

static int each_entry(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	(void)key;
	(void)klen;
	struct each_arg *a = arg;
	struct rec r;
	if (rec_decode(&r, val, vlen) != 0)
		return 0;
	int rc = a->fn(&r, a->arg);
	rec_free(&r);
	return rc;
}

int call_each_of_card(uint64_t card, call_each_fn fn, void *arg)
{
	unsigned char prefix[17];
	memcpy(prefix, "callcard:", 9);
	db_key_u64(card, prefix + 9);
	struct each_arg a = {fn, arg};
	return db_each_prefix(TBL_GENERIC, NULL, prefix, sizeof prefix, each_entry, &a);
}
