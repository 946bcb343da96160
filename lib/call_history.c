/* call_history.c: a card's calls with their outcome, time and price. */
#include "call_history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "call_store.h"
#include "call_words.h"
#include "card.h"
#include "ledger.h"
#include "render.h"

#define HISTORY_MAX 200 /* calls listed per card */

struct card_calls {
	HDF *hdf;
	char prefix[96];
	const struct ledger_policy *pol;
	const struct rate_table *rates;
	int n;
};

static void entry_to_hdf(struct card_calls *cc, const struct rec *e, const char *key)
{
	char k[256];
	const char *order = rec_get(e, "order");
	time_t when = (time_t)(rec_get_int(e, "created", 0) / 1000);
	struct tm tm;
	char buf[64];
	gmtime_r(&when, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%d %H:%M UTC", &tm);
	snprintf(k, sizeof k, "%s.when", key);
	hdf_set(cc->hdf, k, buf);
	snprintf(k, sizeof k, "%s.masked", key);
	hdf_set(cc->hdf, k, rec_get(e, "masked"));
	if (rec_get(e, "message")) {
		snprintf(k, sizeof k, "%s.message", key);
		hdf_set(cc->hdf, k, rec_get(e, "message"));
	}
	struct call_status st = {.found = 0};
	const char *outcome = "Not placed";
	if (order && call_status_get(order, &st) == 0 && st.found)
		outcome = strcmp(st.state, "ended") ? "In progress" : call_cause_words(st.cause);
	snprintf(k, sizeof k, "%s.outcome", key);
	hdf_set(cc->hdf, k, outcome);
	long long secs = (st.talk_ms + 999) / 1000;
	snprintf(k, sizeof k, "%s.duration", key);
	hdf_setf(cc->hdf, k, "%lld:%02lld", secs / 60, secs % 60);
	struct ledger_call_check chk;
	snprintf(k, sizeof k, "%s.cost", key);
	if (order && cc->rates && ledger_call_check(NULL, cc->pol, cc->rates, order, &chk) == 0 &&
	    chk.settled) {
		long long minor = 0;
		for (int i = 0; i < chk.payers; i++)
			minor -= chk.ledger[i];
		hdf_setf(cc->hdf, k, "%lld.%02lld %s", minor / 100, minor % 100, cc->pol->currency);
	} else {
		hdf_set(cc->hdf, k, "—");
	}
}

static int add_call(const struct rec *e, void *arg)
{
	struct card_calls *cc = arg;
	const char *order = rec_get(e, "order");
	if (!order || cc->n >= HISTORY_MAX)
		return 0;
	/* Keyed by the order id: a walk restarted after a lock conflict
	 * rewrites the same node. Newest first by a descending sort key. */
	char key[200];
	snprintf(key, sizeof key, "%s.calls.%020lld%.16s", cc->prefix,
		 (long long)(9000000000000000000LL - rec_get_int(e, "created", 0)), order);
	entry_to_hdf(cc, e, key);
	cc->n++;
	return 0;
}

int call_history_to_hdf(HDF *hdf, const char *prefix, uint64_t owner)
{
	uint64_t *ids = NULL;
	size_t n = 0;
	int rc = card_list(owner, &ids, &n);
	if (rc != 0)
		return rc;
	struct ledger_policy pol;
	char err[200];
	struct rate_table *rates = NULL;
	ledger_policy_from_config(&pol, err, sizeof err);
	if (ledger_rates_load(&rates, err, sizeof err) != 0)
		rates = NULL;
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct rec c;
		if (card_get(NULL, ids[i], &c) != 0)
			continue;
		struct card_calls cc = {.hdf = hdf, .pol = &pol, .rates = rates};
		snprintf(cc.prefix, sizeof cc.prefix, "%s.%llu", prefix, (unsigned long long)ids[i]);
		char k[160];
		snprintf(k, sizeof k, "%s.name", cc.prefix);
		hdf_set(hdf, k, rec_get(&c, "name"));
		snprintf(k, sizeof k, "%s.token", cc.prefix);
		hdf_set(hdf, k, rec_get(&c, "token"));
		rec_free(&c);
		rc = call_each_of_card(ids[i], add_call, &cc);
	}
	if (rates)
		rate_table_free(rates);
	free(ids);
	return rc;
}
