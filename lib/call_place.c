/* call_place.c: credit hold, page record and the order to the dialer. */
#include "call_place.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "abuse.h"
#include "call_store.h"
#include "config.h"
#include "ledger.h"
#include "log.h"
#include "order_proto.h"
#include "rec.h"
#include "token.h"

static int64_t now_ms(void)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	return (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

static const char *dialer_socket(char *buf, size_t len)
{
	return config_path("Dialer.Socket", buf, len);
}

struct page_arg {
	const char *hash;
	struct rec *page;
};

static int put_page_txn(DB_TXN *txn, void *arg)
{
	struct page_arg *a = arg;
	return call_page_put(txn, a->hash, a->page, 1);
}

static enum call_place_result hold(const struct call_press *p, const char *order,
				   const int64_t limits[2], int64_t *seconds)
{
	struct ledger_policy pol;
	char err[200];
	struct rate_table *rates = NULL;
	if (ledger_policy_from_config(&pol, err, sizeof err) != 0 ||
	    ledger_rates_load(&rates, err, sizeof err) != 0) {
		log_error("call %s: %s", order, err);
		return CALL_NO_RATE;
	}
	struct ledger_call c = {
		.order_id = order,
		.payer = (enum ledger_payer)ledger_payer_parse(p->payer),
		.owner_id = p->owner_id,
		.recipient_id = p->recipient_id,
		.owner_percent = 50,
		.a_dest = p->owner_number,
		.b_dest = strcmp(p->mode, "pc") ? p->dest : "",
		.owner_money_limit = limits[0],
		.recipient_money_limit = limits[1],
	};
	int rc = ledger_hold(&pol, rates, &c, time(NULL), seconds);
	rate_table_free(rates);
	switch (rc) {
	case 0:
		return CALL_PLACED;
	case LEDGER_INSUFFICIENT:
		return CALL_NO_CREDIT;
	case LEDGER_TOO_MANY_CALLS:
		return CALL_TOO_MANY;
	case LEDGER_NO_RATE:
		return CALL_NO_RATE;
	default:
		log_error("call %s: hold: %s", order, ledger_strerror(rc));
		return CALL_FAILED;
	}
}

static int held_any(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	(void)key;
	(void)klen;
	(void)val;
	(void)vlen;
	*(int *)arg = 1;
	return 1;
}

/* 1 when a payer's credit is held for order (TBL_HOLDS "<order>|<payer>"). */
static int order_held(const char *order)
{
	char prefix[TOKEN_LEN + 2];
	int n = snprintf(prefix, sizeof prefix, "%s|", order), found = 0;
	db_each_prefix(TBL_HOLDS, NULL, prefix, (size_t)n, held_any, &found);
	return found;
}

/* 1 when the dialer knows order (it took it though the reply was lost). */
static int dialer_knows(const char *sock, const char *order)
{
	struct order_cmd cmd = {.verb = ORDER_STATE};
	char reply[ORDER_LINE_MAX];
	snprintf(cmd.order.id, sizeof cmd.order.id, "%s", order);
	return order_client_send(sock, &cmd, reply, sizeof reply,
				 (int)config_int("Call.OrderTimeoutMs")) == 0 &&
	       order_reply_ok(reply);
}

/* The daily spend cap of each payer of the press; limits[0] (the owner)
 * and limits[1] (the recipient) get what each may still spend, 0 for no
 * limit: the hold takes no more than that beyond the first block. */
static enum call_place_result spend_check(const struct call_press *p, int64_t limits[2])
{
	uint64_t payers[2] = {0, 0};
	int kind = ledger_payer_parse(p->payer);
	if (kind == PAYER_OWNER || kind == PAYER_SPLIT)
		payers[0] = p->owner_id;
	if (kind == PAYER_RECIPIENT || kind == PAYER_SPLIT)
		payers[1] = p->recipient_id;
	for (int i = 0; i < 2; i++) {
		int64_t left = INT64_MAX;
		limits[i] = 0;
		if (payers[i] && abuse_spend_left(payers[i], time(NULL), &left) != 0)
			return CALL_FAILED;
		if (left <= 0)
			return CALL_SPEND_CAP;
		if (left != INT64_MAX)
			limits[i] = left;
	}
	return CALL_PLACED;
}

/* Sends PLACE for the held order of page_hash; releases the hold and
 * marks the page failed when the dialer does not take it. */
static enum call_place_result send_order(const struct call_press *p, const char *order,
					 const char *page_hash, int64_t seconds)
{
	struct order_cmd cmd = {.verb = ORDER_PLACE};
	struct order_req *o = &cmd.order;
	snprintf(o->id, sizeof o->id, "%s", order);
	snprintf(o->owner, sizeof o->owner, "%s", p->owner_number);
	snprintf(o->dest, sizeof o->dest, "%s", p->dest);
	o->mode = strcmp(p->mode, "pc") ? ORDER_MODE_PHONE : ORDER_MODE_PC;
	o->max_seconds = (unsigned)(seconds > ORDER_MAX_SECONDS ? ORDER_MAX_SECONDS : seconds);
	snprintf(o->lang, sizeof o->lang, "%s", strcmp(p->lang, "ko") ? "en" : "ko");
	char sock[512], reply[ORDER_LINE_MAX];
	dialer_socket(sock, sizeof sock);
	int rc = order_client_send(sock, &cmd, reply, sizeof reply, (int)config_int("Call.OrderTimeoutMs"));
	/* A reply lost, or "duplicate" for a scheduled call placed before a
	 * crash: the dialer has the order. */
	if ((rc == 0 && order_reply_ok(reply)) || dialer_knows(sock, order)) {
		call_page_set_status(page_hash, "placed", NULL);
		log_info("call %s: placed for button %s, limit %lld s", order, p->button,
			 (long long)seconds);
		return CALL_PLACED;
	}
	log_warn("call %s: dialer refused: %s", order, reply);
	ledger_release(order);
	enum call_place_result res = rc != 0 ? CALL_DIALER_DOWN : CALL_FAILED;
	call_page_set_status(page_hash, "failed", call_place_cause(res));
	return res;
}

enum call_place_result call_place(const struct call_press *p, char page_token[TOKEN_LEN])
{
	char order[TOKEN_LEN], hash[65];
	token_new(order);
	token_new(page_token);
	call_page_hash(page_token, hash);
	int64_t seconds = 0, limits[2];
	enum call_place_result res = spend_check(p, limits);
	if (res == CALL_PLACED)
		res = hold(p, order, limits, &seconds);
	if (res != CALL_PLACED)
		return res;

	char masked[64];
	call_mask_dest(p->dest, masked, sizeof masked);
	struct rec page;
	rec_init(&page);
	rec_set(&page, "order", order);
	rec_set(&page, "button", p->button);
	rec_set_int(&page, "card", (long long)p->card);
	rec_set_int(&page, "owner", (long long)p->owner_id);
	rec_set_int(&page, "recipient", (long long)p->recipient_id);
	rec_set(&page, "payer", p->payer);
	rec_set(&page, "mode", p->mode);
	rec_set(&page, "masked", masked);
	rec_set_int(&page, "created", now_ms());
	rec_set(&page, "status", "placing");
	struct page_arg pa = {hash, &page};
	int rc = db_txn_run(put_page_txn, &pa);
	rec_free(&page);
	if (rc != 0) {
		ledger_release(order);
		return CALL_FAILED;
	}
	return send_order(p, order, hash, seconds);
}

static int start_page_txn(DB_TXN *txn, void *arg)
{
	const char *hash = arg;
	return call_page_start(txn, hash, now_ms());
}

enum call_place_result call_place_scheduled(const struct call_press *p, const char *order,
					    const char *page_hash)
{
	struct rec page;
	if (call_page_get_hashed(NULL, page_hash, &page) != 0)
		return CALL_FAILED;
	const char *status = rec_get(&page, "status");
	int waiting = status && (!strcmp(status, "scheduled") || !strcmp(status, "placing"));
	int placed = status && !strcmp(status, "placed");
	int cancelled = status && !strcmp(status, "cancelled");
	rec_free(&page);
	if (!waiting) { /* settled before a crash, or cancelled after its claim */
		if (cancelled)
			ledger_release(order);
		return placed ? CALL_PLACED : cancelled ? CALL_CANCELLED : CALL_FAILED;
	}
	struct call_status st;
	if (call_status_get(order, &st) != 0)
		return CALL_FAILED;
	if (st.found) {
		call_page_set_status(page_hash, "placed", NULL); /* placed before a crash */
		return CALL_PLACED;
	}
	int64_t seconds = 0, limits[2] = {0, 0};
	/* Held before a crash: the hold stands for the cap (counting it again
	 * would refuse the call for its own money) and returns its time. */
	enum call_place_result res = order_held(order) ? CALL_PLACED : spend_check(p, limits);
	if (res == CALL_PLACED)
		res = hold(p, order, limits, &seconds);
	if (res != CALL_PLACED) {
		ledger_release(order);
		call_page_set_status(page_hash, "failed", call_place_cause(res));
		return res;
	}
	int rc = db_txn_run(start_page_txn, (void *)page_hash);
	if (rc == CALL_PAGE_NOT_SCHEDULED) {
		/* Started before a crash ("placing"): go on. Cancelled while it
		 * was being claimed: stop. */
		struct rec now;
		int started = 0;
		if (call_page_get_hashed(NULL, page_hash, &now) == 0) {
			const char *st = rec_get(&now, "status");
			started = st && !strcmp(st, "placing");
			rec_free(&now);
		}
		if (!started) {
			ledger_release(order);
			return CALL_CANCELLED;
		}
	} else if (rc != 0) {
		ledger_release(order);
		return CALL_FAILED;
	}
	return send_order(p, order, page_hash, seconds);
}

const char *call_place_cause(enum call_place_result res)
{
	switch (res) {
	case CALL_PLACED:
		return "";
	case CALL_NO_CREDIT:
		return "insufficient_credit";
	case CALL_SPEND_CAP:
		return "spend_limit";
	case CALL_TOO_MANY:
		return "too_many_calls";
	case CALL_NO_RATE:
		return "not_allowed";
	case CALL_DIALER_DOWN:
		return "dialer_down";
	case CALL_CANCELLED:
		return "cancelled";
	case CALL_FAILED:
		break;
	}
	return "failed";
}
int call_settle(const char *order, int64_t *cost, char currency[4])
{
	struct ledger_policy pol;
	char err[200];
	struct rate_table *rates = NULL;
	if (ledger_policy_from_config(&pol, err, sizeof err) != 0 ||
	    ledger_rates_load(&rates, err, sizeof err) != 0)
		return -1;
	struct ledger_settlement s;
	int rc = ledger_settle(&pol, rates, order, &s);
	rate_table_free(rates);
	if (rc != 0) {
		if (rc != LEDGER_NOT_CLOSED && rc != LEDGER_NO_CDR)
			log_warn("call %s: settle: %s", order, ledger_strerror(rc));
		return -1;
	}
	*cost = s.a_cost + s.b_cost;
	snprintf(currency, 4, "%s", pol.currency);
	return 0;
}

int call_cancel(const char *order)
{
	struct order_cmd cmd = {.verb = ORDER_CANCEL};
	char sock[512], reply[ORDER_LINE_MAX];
	snprintf(cmd.order.id, sizeof cmd.order.id, "%s", order);
	dialer_socket(sock, sizeof sock);
	if (order_client_send(sock, &cmd, reply, sizeof reply,
			      (int)config_int("Call.OrderTimeoutMs")) != 0 || !order_reply_ok(reply))
		return -1;
	return 0;
}
