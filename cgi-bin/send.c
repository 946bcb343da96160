/* send.c: sending a card by e-mail, each sending's status, and the
 * recipients' unsubscribe pages.
 *
 * WEBPAGE: /send /sends /sends/<id> /unsubscribe/<token>
 *          /unsubscribe/one-click/<token> */
#include <ClearSilver.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "card.h"
#include "card_data.h"
#include "config.h"
#include "db.h"
#include "form.h"
#include "log.h"
#include "member.h"
#include "render.h"
#include "response.h"
#include "send.h"

/* A decimal id of at most 19 digits; 0 when absent or malformed. */
static uint64_t parse_id(const char *s)
{
	if (!s || !*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 19)
		return 0;
	return strtoull(s, NULL, 10);
}

/* Puts the member's card into Card (and Form.id); 0, or answered. */
static int load_card(struct request *r, uint64_t id, struct rec *c)
{
	int rc = id ? card_get_owned(NULL, r->member_id, id, c) : DB_NOTFOUND;
	if (rc == CARD_FORBIDDEN) {
		resp_error(r, 403, "This card belongs to another member. Nothing was sent.");
		return -1;
	}
	if (rc != 0) {
		resp_error(r, 404, "There is no such card. Make a card first, then send it.");
		return -1;
	}
	if (strcmp(rec_get(c, "state") ? rec_get(c, "state") : "", "live") != 0) {
		rec_free(c);
		resp_error(r, 409, "This card is still a draft: finish its design, then send it.");
		return -1;
	}
	card_to_hdf(r->hdf, "Card", id, c);
	hdf_set_int(r->hdf, "Form.id", (long long)id);
	return 0;
}

static const struct field_rule send_rules[] = {
	{"subject", "Subject", 1, 200, check_text_line, 1},
	{"message", "Message", 0, 4000, check_text_block, 1},
	{NULL, NULL, 0, 0, NULL, 0},
};

/* Unsubscribed recipients are named at the field before anything is
 * queued (the queueing transaction checks again). */
static int refuse_unsubscribed(struct request *r, const struct send_rcpts *to)
{
	for (size_t i = 0; i < to->n; i++) {
		if (send_unsub_is(NULL, r->member_id, to->addr[i]) == 1) {
			char msg[400];
			snprintf(msg, sizeof msg,
				 "%s asked for no more mail from you. Remove the address to send to the others.",
				 to->addr[i]);
			form_error(r, "to", msg);
			return -1;
		}
	}
	return 0;
}

static void queue_and_answer(struct request *r, struct rec *card, struct rec *f,
			     struct send_rcpts *to, uint64_t id)
{
	struct send_job job = {.owner = r->member_id, .card = id,
			       .owner_name = rec_get(&r->member, "name"),
			       .owner_email = rec_get(&r->member, "email"),
			       .card_name = rec_get(card, "name") ? rec_get(card, "name") : "",
			       .subject = rec_get(f, "subject"),
			       .message = rec_get(f, "message") ? rec_get(f, "message") : "",
			       .to = to};
	int rc = send_queue(&job);
	if (rc == 0) {
		char loc[48];
		snprintf(loc, sizeof loc, "/sends/%llu?new=1", (unsigned long long)job.id);
		log_info("member %llu queued sending %llu of card %llu to %zu", (unsigned long long)r->member_id,
			 (unsigned long long)job.id, (unsigned long long)id, to->n);
		resp_redirect(r, loc);
	} else if (rc == SEND_OVER_DAY) {
		char msg[200];
		snprintf(msg, sizeof msg, "That would pass today's limit of %ld card mails. Nothing was sent; try fewer recipients or send tomorrow.",
			 config_int("Mail.MaxPerDay"));
		form_error(r, "to", msg);
		resp_page(r, 422, "send.cs");
	} else if (rc == SEND_UNSUBSCRIBED) {
		char msg[400];
		snprintf(msg, sizeof msg, "%s asked for no more mail from you. Remove the address to send to the others.",
			 job.bad ? job.bad : "A recipient");
		form_error(r, "to", msg);
		resp_page(r, 422, "send.cs");
	} else {
		log_error("queueing a sending: %s", rc == -1 ? "compose" : db_errstr(rc));
		resp_error(r, 503, "The card could not be queued just now. Nothing was sent; please try again.");
	}
	free(job.bad);
}

/* WEBPAGE: /send  (?id= the card; the default card without it) */
static int page_send(struct request *r)
{
	hdf_set(r->hdf, "Page.Title", "Send a card");
	hdf_set_int(r->hdf, "MaxRecipients", config_int("Mail.MaxRecipients"));
	const char *sid = req_param(r, "id");
	uint64_t id = sid ? parse_id(sid) : card_default(NULL, r->member_id);
	struct rec card;
	if (load_card(r, id, &card) != 0)
		return 0;
	if (!req_is_post(r)) {
		hdf_setf(r->hdf, "Form.subject", "%s's card", rec_get(&card, "name") ? rec_get(&card, "name") : "My");
		rec_free(&card);
		resp_page(r, 200, "send.cs");
		return 0;
	}
	struct rec f;
	rec_init(&f);
	int bad = form_check(r, send_rules, &f);
	const char *to_in = req_param(r, "to") ? req_param(r, "to") : "";
	hdf_set(r->hdf, "Form.to", to_in);
	struct send_rcpts to = {0, NULL};
	char why[300];
	if (strlen(to_in) > 64 * 1024) {
		form_error(r, "to", "The list of recipients is too long.");
		bad++;
	} else if (send_rcpts_parse(to_in, config_int("Mail.MaxRecipients"), &to, why, sizeof why) < 0) {
		form_error(r, "to", why);
		bad++;
	} else if (refuse_unsubscribed(r, &to) < 0) {
		bad++;
	}
	if (bad)
		resp_page(r, 422, "send.cs");
	else
		queue_and_answer(r, &card, &f, &to, id);
	send_rcpts_free(&to);
	rec_free(&f);
	rec_free(&card);
	return 0;
}

/* One queue entry of a sending into Rcpts.N. */
static void entry_to_hdf(HDF *hdf, int n, const char *mid)
{
	unsigned char key[8];
	db_key_u64(parse_id(mid), key);
	struct rec e;
	if (db_get_rec(TBL_MAILQ, NULL, key, sizeof key, &e, 0) != 0)
		return;
	char p[32];
	snprintf(p, sizeof p, "Rcpts.%d", n);
	static const char *const keep[] = {"to", "state", "error", "attempts"};
	for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
		char k[48];
		snprintf(k, sizeof k, "%s.%s", p, keep[i]);
		hdf_set(hdf, k, rec_get(&e, keep[i]));
	}
	rec_free(&e);
}

/* WEBPAGE: /sends/<id> */
static int page_status(struct request *r)
{
	uint64_t id = parse_id(r->path + strlen("/sends/"));
	unsigned char key[8];
	db_key_u64(id, key);
	struct rec s;
	if (!id || db_get_rec(TBL_SENDS, NULL, key, sizeof key, &s, 0) != 0) {
		resp_error(r, 404, "There is no such sending.");
		return 0;
	}
	if ((uint64_t)rec_get_int(&s, "owner", 0) != r->member_id) {
		rec_free(&s);
		resp_error(r, 403, "This sending belongs to another member.");
		return 0;
	}
	hdf_set(r->hdf, "Page.Title", "Sending status");
	if (req_param(r, "new"))
		hdf_set(r->hdf, "New", "1");
	rec_to_hdf(&s, r->hdf, "Send");
	hdf_set_int(r->hdf, "Send.id", (long long)id);
	hdf_set_int(r->hdf, "Send.queued", rec_get_int(&s, "total", 0) - rec_get_int(&s, "sent", 0) -
						   rec_get_int(&s, "failed", 0));
	char *mails = strdup(rec_get(&s, "mails") ? rec_get(&s, "mails") : "");
	if (!mails)
		abort();
	char *save = NULL;
	int n = 0;
	for (char *m = strtok_r(mails, " ", &save); m; m = strtok_r(NULL, " ", &save))
		entry_to_hdf(r->hdf, n++, m);
	free(mails);
	rec_free(&s);
	resp_page(r, 200, "send_status.cs");
	return 0;
}

struct id_list {
	uint64_t *ids;
	size_t n, skip;
};

/* Collects ids only: the walk must not read or write elsewhere. */
static int collect_send(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	(void)val;
	(void)vlen;
	struct id_list *l = arg;
	uint64_t id = db_u64_key((const char *)key + klen - 8);
	if (l->n && l->ids[0] == id)
		l->n = 0; /* the walk started again */
	l->ids = realloc(l->ids, (l->n + 1) * sizeof *l->ids);
	if (!l->ids)
		abort();
	l->ids[l->n++] = id;
	return 0;
}

/* WEBPAGE: /sends */
static int page_sends(struct request *r)
{
	hdf_set(r->hdf, "Page.Title", "Your sendings");
	char prefix[40];
	int plen = snprintf(prefix, sizeof prefix, "sends:%llu:", (unsigned long long)r->member_id);
	struct id_list l = {NULL, 0, 0};
	if (db_each_prefix(TBL_GENERIC, NULL, prefix, (size_t)plen, collect_send, &l) != 0) {
		free(l.ids);
		resp_error(r, 503, "Your sendings could not be read just now. Please try again.");
		return 0;
	}
	int shown = 0;
	for (size_t i = l.n; i-- > 0 && shown < 200;) {
		unsigned char key[8];
		db_key_u64(l.ids[i], key);
		struct rec s;
		if (db_get_rec(TBL_SENDS, NULL, key, sizeof key, &s, 0) != 0)
			continue;
		char p[32];
		snprintf(p, sizeof p, "Sends.%d", shown++);
		rec_del(&s, "mails");
		rec_to_hdf(&s, r->hdf, p);
		char k[48];
		snprintf(k, sizeof k, "%s.id", p);
		hdf_set_int(r->hdf, k, (long long)l.ids[i]);
		rec_free(&s);
	}
	free(l.ids);
	resp_page(r, 200, "sends.cs");
	return 0;
}

struct unsub_op {
	uint64_t owner;
	const char *addr;
};

static int unsub_txn(DB_TXN *txn, void *arg)
{
	struct unsub_op *u = arg;
	return send_unsub_set(txn, u->owner, u->addr);
}

/* Shows the confirmation (GET) or records the request (POST). */
static int unsubscribe(struct request *r, const char *token, int post)
{
	hdf_set(r->hdf, "Page.Title", "Stop mail");
	uint64_t owner;
	char addr[300];
	if (send_unsub_lookup(NULL, token, &owner, addr, sizeof addr) != 0) {
		resp_error(r, 404, "This unsubscribe link is not known. Check that it was copied whole.");
		return 0;
	}
	struct rec m;
	rec_init(&m);
	if (member_get(NULL, owner, &m, 0) == 0)
		hdf_set(r->hdf, "Unsub.owner", rec_get(&m, "name"));
	rec_free(&m);
	hdf_set(r->hdf, "Unsub.addr", addr);
	hdf_set(r->hdf, "Unsub.token", token);
	if (post) {
		struct unsub_op u = {owner, addr};
		if (db_txn_run(unsub_txn, &u) != 0) {
			resp_error(r, 503, "Your request could not be recorded just now. Please try again.");
			return 0;
		}
		log_info("%s unsubscribed from member %llu", addr, (unsigned long long)owner);
		hdf_set(r->hdf, "Unsub.done", "1");
	} else if (send_unsub_is(NULL, owner, addr) == 1) {
		hdf_set(r->hdf, "Unsub.done", "1");
	}
	resp_page(r, 200, "unsubscribe.cs");
	return 0;
}

/* WEBPAGE: /unsubscribe/<token>  (GET asks, the form's POST acts) */
static int page_unsubscribe(struct request *r)
{
	return unsubscribe(r, r->path + strlen("/unsubscribe/"), req_is_post(r));
}

/* WEBPAGE: /unsubscribe/one-click/<token>  (the List-Unsubscribe URL: a
 * mail client POSTs "List-Unsubscribe=One-Click" with no form token, RFC
 * 8058; a GET, from a scanner or an older client, only asks) */
static int page_one_click(struct request *r)
{
	const char *token = r->path + strlen("/unsubscribe/one-click/");
	const char *v = req_param(r, "List-Unsubscribe");
	if (req_is_post(r) && (!v || strcmp(v, "One-Click") != 0)) {
		resp_error(r, 400, "A one-click unsubscribe carries List-Unsubscribe=One-Click.");
		return 0;
	}
	return unsubscribe(r, token, req_is_post(r));
}

static const struct route routes[] = {
	{"/send", ROUTE_LOGIN | ROUTE_GET_POST, page_send},
	{"/sends", ROUTE_LOGIN, page_sends},
	{"/sends/", ROUTE_LOGIN | ROUTE_PREFIX, page_status},
	{"/unsubscribe/one-click/", ROUTE_PREFIX | ROUTE_GET_POST | ROUTE_NO_CSRF, page_one_click},
	{"/unsubscribe/", ROUTE_PREFIX | ROUTE_GET_POST, page_unsubscribe},
	{NULL, 0, NULL},
};

int main(void)
{
	return app_main("send", routes, card_data_load);
}
