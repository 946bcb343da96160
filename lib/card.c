/* card.c: storing cards, their links, their owners' lists and buttons. */
#include "card.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "token.h"
#include "upload_sweep.h"

static void index_key(char *buf, size_t len, uint64_t owner, uint64_t id)
{
	snprintf(buf, len, "cards:%016llx:%016llx", (unsigned long long)owner,
		 (unsigned long long)id);
}

static void default_key(char *buf, size_t len, uint64_t owner)
{
	snprintf(buf, len, "carddefault:%016llx", (unsigned long long)owner);
}

static int get_default(DB_TXN *txn, uint64_t owner, uint64_t *id);

int card_get(DB_TXN *txn, uint64_t id, struct rec *card)
{
	unsigned char k[8];
	db_key_u64(id, k);
	return db_get_rec(TBL_CARDS, txn, k, 8, card, 0);
}

static int get_owned(DB_TXN *txn, uint64_t owner, uint64_t id, struct rec *card, uint32_t flags)
{
	unsigned char k[8];
	db_key_u64(id, k);
	int rc = db_get_rec(TBL_CARDS, txn, k, 8, card, flags);
	if (rc != 0)
		return rc;
	if ((uint64_t)rec_get_int(card, "owner", 0) != owner) {
		rec_free(card);
		return CARD_FORBIDDEN;
	}
	return 0;
}

int card_get_owned(DB_TXN *txn, uint64_t owner, uint64_t id, struct rec *card)
{
	return get_owned(txn, owner, id, card, 0);
}

int card_find_token(DB_TXN *txn, const char *token, uint64_t *id)
{
	void *v;
	size_t vl;
	int rc = db_get(TBL_CARD_LINKS, txn, token, strlen(token), &v, &vl, 0);
	if (rc != 0)
		return rc;
	if (vl != 8) {
		free(v);
		return DB_NOTFOUND;
	}
	*id = db_u64_key(v);
	free(v);
	return 0;
}

int card_button_get(DB_TXN *txn, const char *id, struct rec *b)
{
	return db_get_rec(TBL_BUTTONS, txn, id, strlen(id), b, 0);
}

/* The buttons a card asks for: per number, one per mode. */
struct want {
	const char *kind, *mode, *number, *payer;
	char id[CARD_BUTTON_ID_LEN];
};

static size_t wanted_buttons(const struct rec *c, struct want w[CARD_MAX_BUTTONS])
{
	static const char *const kinds[] = {"office", "mobile"};
	size_t n = 0;
	for (int i = 0; i < 2; i++) {
		char key[32];
		const char *num = rec_get(c, kinds[i]);
		if (!num || !*num)
			continue;
		snprintf(key, sizeof key, "%s_modes", kinds[i]);
		const char *modes = rec_get(c, key) ? rec_get(c, key) : "phone";
		snprintf(key, sizeof key, "%s_payer", kinds[i]);
		const char *payer = rec_get(c, key) ? rec_get(c, key) : "owner";
		int both = !strcmp(modes, "both");
		if (both || !strcmp(modes, "phone"))
			w[n++] = (struct want){kinds[i], "phone", num, payer, ""};
		if (both || !strcmp(modes, "pc"))
			w[n++] = (struct want){kinds[i], "pc", num, payer, ""};
	}
	return n;
}

static int put_button(DB_TXN *txn, const struct want *w, uint64_t card, const char *style,
		      const char *state, const char *created, uint32_t flags)
{
	struct rec b;
	rec_init(&b);
	rec_setf(&b, "card", "%llu", (unsigned long long)card);
	rec_set(&b, "kind", w->kind);
	rec_set(&b, "number", w->number);
	rec_set(&b, "mode", w->mode);
	rec_set(&b, "payer", w->payer);
	rec_set(&b, "style", style ? style : "");
	rec_set(&b, "state", state);
	if (created)
		rec_set(&b, "created", created);
	else
		rec_set_int(&b, "created", time(NULL));
	int rc = db_put_rec(TBL_BUTTONS, txn, w->id, strlen(w->id), &b, flags);
	rec_free(&b);
	return rc;
}

/* Retires an old button (kept for links already sent out). */
static int retire_button(DB_TXN *txn, const char *id)
{
	struct rec b;
	int rc = db_get_rec(TBL_BUTTONS, txn, id, strlen(id), &b, DB_RMW);
	if (rc == DB_NOTFOUND)
		return 0;
	if (rc != 0)
		return rc;
	rec_set(&b, "state", "retired");
	rc = db_put_rec(TBL_BUTTONS, txn, id, strlen(id), &b, 0);
	rec_free(&b);
	return rc;
}

/* Gives each wanted button the id of the old button with the same kind
 * and mode, or a new one; retires the old ones left over. */
static int issue_buttons(DB_TXN *txn, uint64_t card, const char *old_list, struct rec *c)
{
	struct want w[CARD_MAX_BUTTONS];
	size_t n = wanted_buttons(c, w);
	if (n == 0)
		return CARD_NO_BUTTON;
	char *old = strdup(old_list ? old_list : ""), *save = NULL;
	if (!old)
		abort();
	int rc = 0;
	for (char *id = strtok_r(old, " ", &save); id && rc == 0; id = strtok_r(NULL, " ", &save)) {
		struct rec b;
		rc = db_get_rec(TBL_BUTTONS, txn, id, strlen(id), &b, DB_RMW);
		if (rc == DB_NOTFOUND) {
			rc = 0;
			continue;
		}
		if (rc != 0)
			break;
		int kept = 0;
		for (size_t i = 0; i < n && !kept; i++) {
			if (!w[i].id[0] && !strcmp(w[i].kind, rec_get(&b, "kind")) &&
			    !strcmp(w[i].mode, rec_get(&b, "mode")) && strlen(id) < CARD_BUTTON_ID_LEN) {
				snprintf(w[i].id, sizeof w[i].id, "%s", id);
				rc = put_button(txn, &w[i], card, rec_get(c, "button_style"), "live",
						rec_get(&b, "created"), 0);
				kept = 1;
			}
		}
		rec_free(&b);
		if (!kept && rc == 0)
			rc = retire_button(txn, id);
	}
	free(old);
	char list[CARD_MAX_BUTTONS * CARD_BUTTON_ID_LEN + 8] = "";
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (!w[i].id[0]) {
			char tok[TOKEN_LEN];
			token_new(tok);
			snprintf(w[i].id, sizeof w[i].id, "%.22s", tok);
			rc = put_button(txn, &w[i], card, rec_get(c, "button_style"), "live", NULL,
					DB_NOOVERWRITE);
		}
		if (i)
			strcat(list, " ");
		strcat(list, w[i].id);
	}
	if (rc == 0)
		rec_set(c, "buttons", list);
	return rc;
}

int card_save(DB_TXN *txn, uint64_t owner, uint64_t *id, struct rec *c)
{
	unsigned char k[8];
	int rc;
	char *old_buttons = NULL;
	long long version = 0;
	if (*id) {
		struct rec old;
		rc = get_owned(txn, owner, *id, &old, DB_RMW);
		if (rc != 0)
			return rc;
		rec_set(c, "token", rec_get(&old, "token"));
		rec_set(c, "created", rec_get(&old, "created"));
		old_buttons = strdup(rec_get(&old, "buttons") ? rec_get(&old, "buttons") : "");
		version = rec_get_int(&old, "version", 0);
		rc = upload_mark_dropped(txn, &old, c, time(NULL));
		rec_free(&old);
		if (!old_buttons)
			abort();
		if (rc != 0) {
			free(old_buttons);
			return rc;
		}
	} else {
		uint64_t nid;
		if ((rc = db_next_id(txn, "card", &nid)) != 0)
			return rc;
		char tok[TOKEN_LEN];
		token_new(tok);
		db_key_u64(nid, k);
		rc = db_put(TBL_CARD_LINKS, txn, tok, strlen(tok), k, 8, DB_NOOVERWRITE);
		if (rc != 0)
			return rc;
		char ik[80];
		index_key(ik, sizeof ik, owner, nid);
		if ((rc = db_put(TBL_GENERIC, txn, ik, strlen(ik), "", 0, 0)) != 0)
			return rc;
		rec_set(c, "token", tok);
		rec_set_int(c, "created", time(NULL));
		uint64_t def;
		if ((rc = get_default(txn, owner, &def)) != 0)
			return rc;
		if (def == 0 && (rc = card_set_default(txn, owner, nid)) != 0)
			return rc;
		*id = nid;
	}
	rc = issue_buttons(txn, *id, old_buttons, c);
	free(old_buttons);
	if (rc != 0) {
		if (!version) /* a new card: the caller's id means nothing now */
			*id = 0;
		return rc;
	}
	rec_setf(c, "owner", "%llu", (unsigned long long)owner);
	rec_set_int(c, "version", version + 1);
	rec_set_int(c, "updated", time(NULL));
	db_key_u64(*id, k);
	return db_put_rec(TBL_CARDS, txn, k, 8, c, 0);
}

int card_delete(DB_TXN *txn, uint64_t owner, uint64_t id)
{
	struct rec c;
	int rc = get_owned(txn, owner, id, &c, DB_RMW);
	if (rc != 0)
		return rc;
	unsigned char k[8];
	db_key_u64(id, k);
	const char *tok = rec_get(&c, "token");
	rc = db_del(TBL_CARDS, txn, k, 8);
	if (rc == 0 && tok)
		rc = db_del(TBL_CARD_LINKS, txn, tok, strlen(tok));
	char key[80];
	index_key(key, sizeof key, owner, id);
	if (rc == 0)
		rc = db_del(TBL_GENERIC, txn, key, strlen(key));
	char *list = strdup(rec_get(&c, "buttons") ? rec_get(&c, "buttons") : ""), *save = NULL;
	if (!list)
		abort();
	for (char *b = strtok_r(list, " ", &save); b && rc == 0; b = strtok_r(NULL, " ", &save))
		rc = retire_button(txn, b);
	free(list);
	if (rc == 0)
		rc = upload_mark_dropped(txn, &c, NULL, time(NULL));
	rec_free(&c);
	uint64_t def = 0;
	if (rc == 0)
		rc = get_default(txn, owner, &def);
	if (rc == 0 && def == id) {
		default_key(key, sizeof key, owner);
		rc = db_del(TBL_GENERIC, txn, key, strlen(key));
	}
	return rc == DB_NOTFOUND ? 0 : rc;
}

int card_set_default(DB_TXN *txn, uint64_t owner, uint64_t id)
{
	char key[64], v[24];
	default_key(key, sizeof key, owner);
	snprintf(v, sizeof v, "%llu", (unsigned long long)id);
	return db_put(TBL_GENERIC, txn, key, strlen(key), v, strlen(v), 0);
}

/* The default card id in *id (0 when none); a lock conflict or other
 * error is returned, so that a transaction retries instead of guessing. */
static int get_default(DB_TXN *txn, uint64_t owner, uint64_t *id)
{
	char key[64];
	default_key(key, sizeof key, owner);
	void *v;
	size_t vl;
	*id = 0;
	int rc = db_get(TBL_GENERIC, txn, key, strlen(key), &v, &vl, 0);
	if (rc == DB_NOTFOUND)
		return 0;
	if (rc != 0)
		return rc;
	char buf[24];
	snprintf(buf, sizeof buf, "%.*s", (int)(vl < 23 ? vl : 23), (char *)v);
	free(v);
	*id = strtoull(buf, NULL, 10);
	return 0;
}

uint64_t card_default(DB_TXN *txn, uint64_t owner)
{
	uint64_t id;
	return get_default(txn, owner, &id) == 0 ? id : 0;
}

struct list {
	uint64_t owner;
	uint64_t *ids;
	size_t n, cap;
};

static int collect(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	struct list *l = arg;
	(void)val;
	(void)vlen;
	char buf[64];
	if (klen >= sizeof buf)
		return 0;
	memcpy(buf, key, klen);
	buf[klen] = '\0';
	const char *last = strrchr(buf, ':');
	if (!last)
		return 0;
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 16;
		l->ids = realloc(l->ids, l->cap * sizeof *l->ids);
		if (!l->ids)
			abort();
	}
	l->ids[l->n++] = strtoull(last + 1, NULL, 16);
	return 0;
}

static int list_txn(DB_TXN *txn, void *arg)
{
	struct list *l = arg;
	char prefix[40];
	snprintf(prefix, sizeof prefix, "cards:%016llx:", (unsigned long long)l->owner);
	l->n = 0; /* restarted from scratch on a retry */
	return db_each_prefix(TBL_GENERIC, txn, prefix, strlen(prefix), collect, l);
}

int card_list(uint64_t owner, uint64_t **ids, size_t *n)
{
	struct list l = {.owner = owner};
	int rc = db_txn_run(list_txn, &l);
	if (rc != 0) {
		free(l.ids);
		return rc;
	}
	*ids = l.ids;
	*n = l.n;
	return 0;
}
