/* money_history.c: a member's ledger entries and calls, for reading. */
#include "money_history.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "call_store.h"
#include "card.h"
#include "db.h"
#include "ledger.h"
#include "voucher.h"

static const char *field(const struct rec *r, const char *name)
{
	const char *v = rec_get(r, name);
	return v ? v : "";
}

static int starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

void money_cause_words(const struct rec *e, char *out, size_t len)
{
	const char *cause = field(e, "cause"), *kind = field(e, "kind");
	const char *note = field(e, "note");
	if (starts(cause, "credit:")) {
		snprintf(out, len, "Credit from the operator%s%s", *note ? ": " : "", note);
	} else if (starts(cause, "voucher:")) {
		const char *c = cause + 8;
		if (strlen(c) == VOUCHER_CODE_LEN)
			snprintf(out, len, "Top-up voucher %.4s-%.4s-%.4s-%.4s", c, c + 4, c + 8,
				 c + 12);
		else
			snprintf(out, len, "Top-up voucher");
	} else if (starts(cause, "signup:")) {
		snprintf(out, len, "Welcome mileage");
	} else if (starts(cause, "purchase:")) {
		snprintf(out, len, "Mileage for a purchase");
	} else if (starts(cause, "call:")) {
		if (!strcmp(kind, "mileage"))
			snprintf(out, len, "Free minutes for a call");
		else if (starts(kind, "correction"))
			snprintf(out, len, "Price correction of a call");
		else
			snprintf(out, len, "Call");
	} else {
		snprintf(out, len, "%s", *note ? note : cause);
	}
}

/* ---- entries ---- */

struct entries {
	uint64_t member;
	struct money_entry *v;
	size_t n, cap;
	int nomem;
};

static void copy(char *dst, size_t len, const char *src)
{
	snprintf(dst, len, "%s", src);
}

static int add_entry(uint64_t id, const struct rec *e, void *arg)
{
	struct entries *es = arg;
	if (es->n == es->cap) {
		size_t cap = es->cap ? es->cap * 2 : 64;
		struct money_entry *nv = realloc(es->v, cap * sizeof *nv);
		if (!nv) {
			es->nomem = 1;
			return 1;
		}
		es->v = nv;
		es->cap = cap;
	}
	struct money_entry *m = &es->v[es->n++];
	memset(m, 0, sizeof *m);
	m->id = id;
	m->time = rec_get_int(e, "time", 0);
	money_cause_words(e, m->cause, sizeof m->cause);
	copy(m->kind, sizeof m->kind, field(e, "kind"));
	m->money = rec_get_int(e, "money", 0);
	m->mileage = rec_get_int(e, "mileage", 0);
	m->balance_after = rec_get_int(e, "balance_after", 0);
	m->mileage_after = rec_get_int(e, "mileage_after", 0);
	copy(m->currency, sizeof m->currency, field(e, "currency"));
	copy(m->note, sizeof m->note, field(e, "note"));
	return 0;
}

/* Read in one transaction: a retry starts the list again. */
static int entries_txn(DB_TXN *txn, void *arg)
{
	struct entries *es = arg;
	es->n = 0;
	int rc = ledger_each_entry(txn, es->member, add_entry, es);
	return es->nomem ? ENOMEM : rc;
}

int money_entries(uint64_t member, struct money_entry **out, size_t *n)
{
	struct entries es = {.member = member};
	int rc = db_txn_run(entries_txn, &es);
	if (rc != 0) {
		free(es.v);
		return rc;
	}
	*out = es.v;
	*n = es.n;
	return 0;
}

/* ---- calls ---- */

struct calls {
	struct money_call *v;
	size_t n, cap;
	int nomem;
};

/* A new row for order; rows of one order are merged later (merge_calls),
 * which keeps collecting linear in the number of entries. */
static struct money_call *new_call(struct calls *cs, const char *order)
{
	if (strlen(order) >= sizeof cs->v[0].order)
		return NULL;
	if (cs->n == cs->cap) {
		size_t cap = cs->cap ? cs->cap * 2 : 32;
		struct money_call *nv = realloc(cs->v, cap * sizeof *nv);
		if (!nv) {
			cs->nomem = 1;
			return NULL;
		}
		cs->v = nv;
		cs->cap = cap;
	}
	struct money_call *c = &cs->v[cs->n++];
	memset(c, 0, sizeof *c);
	copy(c->order, sizeof c->order, order);
	c->owner_percent = 100;
	return c;
}

static void take_charge(struct money_call *c, const struct rec *e)
{
	c->charged = 1;
	c->cost = rec_get_int(e, "a_cost", 0) + rec_get_int(e, "b_cost", 0);
	c->a_seconds = rec_get_int(e, "a_seconds", 0);
	c->b_seconds = rec_get_int(e, "b_seconds", 0);
	copy(c->currency, sizeof c->currency, field(e, "currency"));
	if (!c->when)
		c->when = rec_get_int(e, "time", 0);
}

/* The member's own entries for calls. */
static int own_call_entry(uint64_t id, const struct rec *e, void *arg)
{
	(void)id;
	struct calls *cs = arg;
	const char *cause = field(e, "cause"), *kind = field(e, "kind");
	if (!starts(cause, "call:"))
		return 0;
	struct money_call *c = new_call(cs, cause + 5);
	if (!c)
		return cs->nomem;
	if (!strcmp(kind, "charge")) {
		take_charge(c, e);
		c->is_recipient = !strcmp(field(e, "role"), "recipient");
		c->paid -= rec_get_int(e, "money", 0);
	} else if (!strcmp(kind, "mileage")) {
		c->mileage -= rec_get_int(e, "mileage", 0);
	} else if (starts(kind, "correction")) {
		c->paid -= rec_get_int(e, "money", 0);
	}
	return 0;
}

static int card_call(const struct rec *entry, void *arg)
{
	struct calls *cs = arg;
	const char *order = rec_get(entry, "order");
	/* A walk restarted after a lock conflict adds rows twice: harmless,
	 * as a card's row carries no money and rows are merged by order. */
	if (order && !new_call(cs, order) && cs->nomem)
		return 1;
	return 0;
}

static int64_t leg_seconds(const struct rec *cdr, const char *leg)
{
	char k[16];
	snprintf(k, sizeof k, "%s_answer", leg);
	long long answer = rec_get_int(cdr, k, 0);
	snprintf(k, sizeof k, "%s_end", leg);
	long long end = rec_get_int(cdr, k, 0);
	return answer > 0 && end > answer ? (end - answer + 999) / 1000 : 0;
}

/* Another payer's charge of the call: the cost of both legs. */
struct other_charge {
	struct money_call *c;
};

static int other_charge_key(const void *key, size_t klen, const void *val, size_t vlen,
			    void *arg)
{
	struct other_charge *oc = arg;
	static const char tail[] = "|charge";
	if (klen < sizeof tail || memcmp((const char *)key + klen - (sizeof tail - 1), tail,
					 sizeof tail - 1) || vlen != 8)
		return 0;
	unsigned char ekey[8];
	memcpy(ekey, val, 8);
	struct rec e;
	if (db_get_rec(TBL_LEDGER, NULL, ekey, sizeof ekey, &e, 0) != 0)
		return 0;
	int64_t when = oc->c->when;
	take_charge(oc->c, &e);
	oc->c->when = when;
	rec_free(&e);
	return 1;
}

/* Fills what the call record and the payment terms tell. -1: no such call
 * to show (never placed). */
static int complete_call(struct money_call *c)
{
	struct rec cdr, terms;
	int have_cdr = db_get_rec(TBL_CDRS, NULL, c->order, strlen(c->order), &cdr, 0) == 0;
	if (!have_cdr && !c->charged)
		return -1;
	char key[160];
	int n = snprintf(key, sizeof key, "bill:%s", c->order);
	int have_terms = 0;
	if (have_cdr && rec_get(&cdr, "payer")) {
		terms = cdr;
	} else if (db_get_rec(TBL_GENERIC, NULL, key, (size_t)n, &terms, 0) == 0) {
		have_terms = 1;
	} else {
		rec_init(&terms);
		have_terms = 1;
	}
	copy(c->payer, sizeof c->payer, field(&terms, "payer"));
	c->owner_percent = (int)rec_get_int(&terms, "owner_percent", 50);
	if (have_terms)
		rec_free(&terms);
	if (have_cdr) {
		long long start = rec_get_int(&cdr, "a_invite", 0);
		if (start <= 0)
			start = rec_get_int(&cdr, "a_answer", 0);
		if (start <= 0)
			start = rec_get_int(&cdr, "ended", 0);
		if (start > 0)
			c->when = start / 1000;
		if (!c->charged) {
			c->a_seconds = leg_seconds(&cdr, "a");
			c->b_seconds = leg_seconds(&cdr, "b");
		}
		const char *other = field(&cdr, c->is_recipient ? "a_target" : "b_target");
		if (*other)
			call_mask_dest(other, c->other, sizeof c->other);
		rec_free(&cdr);
	}
	if (!c->other[0])
		copy(c->other, sizeof c->other, "—");
	if (!c->charged) {
		struct other_charge oc = {c};
		n = snprintf(key, sizeof key, "call:%s|", c->order);
		db_each_prefix(TBL_LEDGER_CAUSES, NULL, key, (size_t)n, other_charge_key, &oc);
	}
	return 0;
}

static int by_order(const void *a, const void *b)
{
	return strcmp(((const struct money_call *)a)->order, ((const struct money_call *)b)->order);
}

/* One row per order: the charge's details, the sums of money and points. */
static size_t merge_calls(struct money_call *v, size_t n)
{
	if (n == 0)
		return 0;
	qsort(v, n, sizeof *v, by_order);
	size_t out = 0;
	for (size_t i = 1; i < n; i++) {
		struct money_call *d = &v[out], *s = &v[i];
		if (strcmp(d->order, s->order) != 0) {
			v[++out] = *s;
			continue;
		}
		if (s->charged && !d->charged) {
			d->charged = 1;
			d->cost = s->cost;
			d->a_seconds = s->a_seconds;
			d->b_seconds = s->b_seconds;
			d->is_recipient = s->is_recipient;
			d->when = s->when;
			memcpy(d->currency, s->currency, sizeof d->currency);
		}
		d->paid += s->paid;
		d->mileage += s->mileage;
	}
	return out + 1;
}

static int newest_first(const void *a, const void *b)
{
	const struct money_call *x = a, *y = b;
	if (x->when != y->when)
		return x->when < y->when ? 1 : -1;
	return strcmp(y->order, x->order);
}

struct calls_arg {
	uint64_t member;
	struct calls *cs;
};

static int own_calls_txn(DB_TXN *txn, void *arg)
{
	struct calls_arg *ca = arg;
	ca->cs->n = 0;
	int rc = ledger_each_entry(txn, ca->member, own_call_entry, ca->cs);
	return ca->cs->nomem ? ENOMEM : rc;
}

int money_calls(uint64_t member, struct money_call **out, size_t *n)
{
	struct calls cs = {0};
	struct calls_arg ca = {member, &cs};
	int rc = db_txn_run(own_calls_txn, &ca);
	uint64_t *cards = NULL;
	size_t ncards = 0;
	if (rc == 0)
		rc = card_list(member, &cards, &ncards);
	for (size_t i = 0; rc == 0 && i < ncards; i++)
		rc = call_each_of_card(cards[i], card_call, &cs);
	free(cards);
	if (rc == 0 && cs.nomem)
		rc = ENOMEM;
	if (rc != 0) {
		free(cs.v);
		return rc;
	}
	cs.n = merge_calls(cs.v, cs.n);
	size_t kept = 0;
	for (size_t i = 0; i < cs.n; i++)
		if (complete_call(&cs.v[i]) == 0)
			cs.v[kept++] = cs.v[i];
	if (kept)
		qsort(cs.v, kept, sizeof *cs.v, newest_first);
	*out = cs.v;
	*n = kept;
	return 0;
}

void money_payer_words(const struct money_call *c, char *out, size_t len)
{
	const char *me = c->is_recipient ? "recipient" : "owner";
	if (!strcmp(c->payer, "split")) {
		int mine = c->is_recipient ? 100 - c->owner_percent : c->owner_percent;
		snprintf(out, len, "Split: you %d %%, the %s %d %%", mine,
			 c->is_recipient ? "owner" : "caller", 100 - mine);
	} else if (!strcmp(c->payer, me)) {
		snprintf(out, len, "You");
	} else if (!strcmp(c->payer, "owner")) {
		snprintf(out, len, "The card's owner");
	} else if (!strcmp(c->payer, "recipient")) {
		snprintf(out, len, "The caller");
	} else {
		snprintf(out, len, "—");
	}
}
