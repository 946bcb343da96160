/* cards.c: making and keeping cards: the makers, the editor and My cards.
 *
 * Issuing a card (live for the first time) mails it to its owner.
 *
 * WEBPAGE: /cards /cards/default /cards/delete /make /make/quick
 *          /make/editor /make/design */
#include <ClearSilver.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "card.h"
#include "card_cache.h"
#include "card_data.h"
#include "card_form.h"
#include "db.h"
#include "form.h"
#include "log.h"
#include "render.h"
#include "response.h"
#include "send.h"

/* The card id of ?id= (or a posted id); 0 when absent or malformed. */
static uint64_t param_id(struct request *r)
{
	const char *s = req_param(r, "id");
	if (!s || !*s || strspn(s, "0123456789") != strlen(s) || strlen(s) > 19)
		return 0;
	return strtoull(s, NULL, 10);
}

/* One answer for every failed look-up of a member's card. */
static void card_refused(struct request *r, int rc)
{
	if (rc == CARD_FORBIDDEN)
		resp_error(r, 403, "This card belongs to another member. Nothing was changed.");
	else if (rc == DB_NOTFOUND)
		resp_error(r, 404, "There is no such card. It may have been deleted.");
	else
		resp_error(r, 500, "The card could not be read. Nothing was changed; please try again.");
}

struct save {
	uint64_t owner, orig_id, id;
	struct rec *card;
};

static int save_txn(DB_TXN *txn, void *arg)
{
	struct save *s = arg;
	s->id = s->orig_id; /* restarted from scratch on a retry */
	return card_save(txn, s->owner, &s->id, s->card);
}

/* Saves and answers errors; 0 when saved. */
static int save_card(struct request *r, uint64_t orig_id, struct rec *card, uint64_t *id,
		     const char *tmpl)
{
	struct save s = {.owner = r->member_id, .orig_id = orig_id, .card = card};
	int rc = db_txn_run(save_txn, &s);
	if (rc == CARD_NO_BUTTON) {
		form_error(r, "office", "Enter at least one phone number: a card needs a call button.");
		resp_page(r, 422, tmpl);
		return -1;
	}
	if (rc != 0) {
		if (rc != CARD_FORBIDDEN && rc != DB_NOTFOUND)
			log_error("saving card: %s", db_errstr(rc));
		card_refused(r, rc);
		return -1;
	}
	*id = s.id;
	card_cache_forget(rec_get(card, "token"));
	log_info("member %llu saved card %llu", (unsigned long long)r->member_id,
		 (unsigned long long)s.id);
	return 0;
}

/* A card made live for the first time is also mailed to its owner. */
static void mail_issued(struct request *r, uint64_t id)
{
	int rc = send_issued_card(r->member_id, id);
	if (rc != 0)
		log_error("mailing issued card %llu: %d", (unsigned long long)id, rc);
}

/* WEBPAGE: /cards */
static int page_cards(struct request *r)
{
	hdf_set(r->hdf, "Page.Title", "My cards");
	if (req_param(r, "welcome"))
		hdf_set(r->hdf, "Welcome", "1");
	static const char *const notes[] = {"made", "saved", "deleted", "default"};
	for (int i = 0; i < 4; i++)
		if (req_param(r, notes[i]))
			hdf_set(r->hdf, "Done", notes[i]);
	uint64_t *ids = NULL;
	size_t n = 0;
	if (card_list(r->member_id, &ids, &n) != 0) {
		resp_error(r, 503, "Your cards could not be read just now. Please try again.");
		return 0;
	}
	uint64_t def = card_default(NULL, r->member_id);
	for (size_t i = 0; i < n; i++) {
		struct rec c;
		if (card_get(NULL, ids[i], &c) != 0)
			continue;
		char prefix[48];
		snprintf(prefix, sizeof prefix, "Cards.%zu", i);
		card_to_hdf(r->hdf, prefix, ids[i], &c);
		if (ids[i] == def) {
			snprintf(prefix, sizeof prefix, "Cards.%zu.default", i);
			hdf_set(r->hdf, prefix, "1");
		}
		rec_free(&c);
	}
	free(ids);
	resp_page(r, 200, "cards.cs");
	return 0;
}

struct owned_op {
	uint64_t owner, id;
	int del;
	char token[64]; /* of a deleted card */
};

static int owned_op_txn(DB_TXN *txn, void *arg)
{
	struct owned_op *o = arg;
	struct rec c;
	int rc = card_get_owned(txn, o->owner, o->id, &c);
	if (rc != 0)
		return rc;
	snprintf(o->token, sizeof o->token, "%s", rec_get(&c, "token") ? rec_get(&c, "token") : "");
	rec_free(&c);
	if (o->del)
		return card_delete(txn, o->owner, o->id);
	return card_set_default(txn, o->owner, o->id);
}

static int owned_op(struct request *r, int del)
{
	struct owned_op o = {r->member_id, param_id(r), del, ""};
	int rc = o.id ? db_txn_run(owned_op_txn, &o) : DB_NOTFOUND;
	if (rc != 0) {
		card_refused(r, rc);
		return 0;
	}
	if (del)
		card_cache_forget(o.token);
	log_info("member %llu %s card %llu", (unsigned long long)o.owner,
		 del ? "deleted" : "set default", (unsigned long long)o.id);
	resp_redirect(r, del ? "/cards?deleted=1" : "/cards?default=1");
	return 0;
}

/* WEBPAGE: /cards/default */
static int page_default(struct request *r)
{
	return owned_op(r, 0);
}

/* WEBPAGE: /cards/delete */
static int page_delete(struct request *r)
{
	return owned_op(r, 1);
}

/* WEBPAGE: /make */
static int page_make(struct request *r)
{
	hdf_set(r->hdf, "Page.Title", "Make a card");
	resp_page(r, 200, "make.cs");
	return 0;
}

/* Every design of the gallery, shown with the sample person. */
static void gallery_to_hdf(HDF *hdf)
{
	int n = 0;
	for (HDF *d = hdf_get_child(hdf, "Designs"); d; d = hdf_obj_next(d)) {
		char prefix[64];
		snprintf(prefix, sizeof prefix, "Gallery.%d", n++);
		card_sample_to_hdf(hdf, prefix, hdf_obj_name(d));
	}
}

/* WEBPAGE: /make/quick */
static int page_quick(struct request *r)
{
	hdf_set(r->hdf, "Page.Title", "Quick maker");
	card_data_to_hdf(r->hdf);
	gallery_to_hdf(r->hdf);
	if (!req_is_post(r)) {
		const char *d = req_param(r, "design");
		hdf_set(r->hdf, "Form.design", card_data_has("Designs", d) ? d : "classic");
		hdf_set(r->hdf, "Form.lang", "en");
		resp_page(r, 200, "quick.cs");
		return 0;
	}
	struct rec c;
	rec_init(&c);
	uint64_t id;
	if (card_form_quick(r, &c)) {
		resp_page(r, 422, "quick.cs");
	} else if (save_card(r, 0, &c, &id, "quick.cs") == 0) {
		mail_issued(r, id);
		char to[64];
		snprintf(to, sizeof to, "/cards?made=%llu", (unsigned long long)id);
		resp_redirect(r, to);
	}
	rec_free(&c);
	return 0;
}

/* Loads the card of ?id= into c when editing; 0, or answered. */
static int load_for_edit(struct request *r, uint64_t id, struct rec *c)
{
	int rc = card_get_owned(NULL, r->member_id, id, c);
	if (rc != 0) {
		card_refused(r, rc);
		return -1;
	}
	hdf_set_int(r->hdf, "Form.id", (long long)id);
	return 0;
}

/* WEBPAGE: /make/editor  (step 1: contents and call part; ?id= edits) */
static int page_editor(struct request *r)
{
	hdf_set(r->hdf, "Page.Title", "Card editor");
	card_data_to_hdf(r->hdf);
	uint64_t id = param_id(r);
	struct rec c;
	rec_init(&c);
	if (req_param(r, "id") && !id) {
		resp_error(r, 404, "There is no such card.");
		return 0;
	}
	if (id && load_for_edit(r, id, &c) != 0)
		return 0;
	if (!req_is_post(r)) {
		if (id) {
			card_form_fill(r, &c);
		} else {
			const char *d = req_param(r, "design");
			card_apply_design(&c, card_data_has("Designs", d) ? d : "classic");
			card_form_fill(r, &c);
			hdf_set(r->hdf, "Form.name", rec_get(&r->member, "name"));
			hdf_set(r->hdf, "Form.mobile", rec_get(&r->member, "phone"));
			hdf_set(r->hdf, "Form.email", rec_get(&r->member, "email"));
			hdf_set(r->hdf, "Form.lang", "en");
			hdf_set(r->hdf, "Form.office_modes", "both");
			hdf_set(r->hdf, "Form.office_payer", "owner");
			hdf_set(r->hdf, "Form.mobile_modes", "phone");
			hdf_set(r->hdf, "Form.mobile_payer", "owner");
		}
		rec_free(&c);
		resp_page(r, 200, "editor.cs");
		return 0;
	}
	if (!id) {
		const char *d = req_param(r, "design");
		card_apply_design(&c, card_data_has("Designs", d) ? d : "classic");
		rec_set(&c, "state", "draft");
		rec_set(&c, "links", "1");
	}
	if (card_form_content(r, &c)) {
		rec_free(&c);
		resp_page(r, 422, "editor.cs");
		return 0;
	}
	uint64_t saved;
	if (save_card(r, id, &c, &saved, "editor.cs") == 0) {
		char to[64];
		snprintf(to, sizeof to, "/make/design?id=%llu", (unsigned long long)saved);
		resp_redirect(r, to);
	}
	rec_free(&c);
	return 0;
}

/* WEBPAGE: /make/design  (step 2: the look; "Design complete") */
static int page_design(struct request *r)
{
	hdf_set(r->hdf, "Page.Title", "Design your card");
	card_data_to_hdf(r->hdf);
	uint64_t id = param_id(r);
	struct rec c;
	if (!id) {
		resp_error(r, 404, "There is no such card.");
		return 0;
	}
	if (load_for_edit(r, id, &c) != 0)
		return 0;
	if (!req_is_post(r)) {
		card_form_fill(r, &c);
		card_to_hdf(r->hdf, "Card", id, &c);
		rec_free(&c);
		resp_page(r, 200, "design.cs");
		return 0;
	}
	if (card_form_look(r, &c)) {
		card_to_hdf(r->hdf, "Card", id, &c);
		rec_free(&c);
		resp_page(r, 422, "design.cs");
		return 0;
	}
	int issuing = strcmp(rec_get(&c, "state") ? rec_get(&c, "state") : "", "live") != 0;
	rec_set(&c, "state", "live");
	uint64_t saved;
	if (save_card(r, id, &c, &saved, "design.cs") == 0) {
		if (issuing)
			mail_issued(r, saved);
		char to[64];
		snprintf(to, sizeof to, "/cards?saved=%llu", (unsigned long long)saved);
		resp_redirect(r, to);
	}
	rec_free(&c);
	return 0;
}

static const struct route routes[] = {
	{"/cards", ROUTE_LOGIN, page_cards},
	{"/cards/default", ROUTE_LOGIN | ROUTE_POST_ONLY, page_default},
	{"/cards/delete", ROUTE_LOGIN | ROUTE_POST_ONLY, page_delete},
	{"/make", ROUTE_LOGIN, page_make},
	{"/make/quick", ROUTE_LOGIN | ROUTE_GET_POST, page_quick},
	{"/make/editor", ROUTE_LOGIN | ROUTE_GET_POST, page_editor},
	{"/make/design", ROUTE_LOGIN | ROUTE_GET_POST, page_design},
	{NULL, 0, NULL},
};

int main(void)
{
	return app_main("cards", routes, card_data_load);
}
