/* call_place.c: credit hold, page record and the order to the dialer. */
#include "call_place.h"

#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

#include "call_store.h"
#include "config.h"
#include "ledger.h"
#include "log.h"
#include "order_proto.h"
#include "rec.h"

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
	const char *token;
	struct rec *page;
};

static int put_page_txn(DB_TXN *txn, void *arg)
{
	struct page_arg *a = arg;
	return call_page_put(txn, a->token, a->page);
}

static enum call_place_result hold(const struct call_press *p, const char *order, int64_t *seconds)
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

enum call_place_result call_place(const struct call_press *p, char page_token[TOKEN_LEN])
{
	char order[TOKEN_LEN];
	token_new(order);
	token_new(page_token);
	int64_t seconds = 0;
	enum call_place_result res = hold(p, order, &seconds);
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
	rec_set(&page, "payer", p->payer);
	rec_set(&page, "mode", p->mode);
	rec_set(&page, "masked", masked);
	rec_set_int(&page, "created", now_ms());
	rec_set(&page, "status", "placing");
	struct page_arg pa = {page_token, &page};
	int rc = db_txn_run(put_page_txn, &pa);
	rec_free(&page);
	if (rc != 0) {
		ledger_release(order);
		return CALL_FAILED;
	}

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
	rc = order_client_send(sock, &cmd, reply, sizeof reply, (int)config_int("Call.OrderTimeoutMs"));
	if ((rc == 0 && order_reply_ok(reply)) || (rc != 0 && dialer_knows(sock, order))) {
		call_page_set_status(page_token, "placed");
		log_info("call %s: placed for button %s, limit %lld s", order, p->button,
			 (long long)seconds);
		return CALL_PLACED;
	}
	log_warn("call %s: dialer refused: %s", order, reply);
	ledger_release(order);
	call_page_set_status(page_token, "failed");
	return rc != 0 ? CALL_DIALER_DOWN : CALL_FAILED;
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
