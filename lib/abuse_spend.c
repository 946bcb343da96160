/* abuse_spend.c: the daily spend cap per payer.
 *
 * What a payer spent today is read from their ledger entries (charge and
 * correction entries since 00:00 UTC); what they may still spend on calls
 * already ringing or talking is what the ledger holds for them. The walk
 * is over all of a member's entries, oldest first: fine for the volumes
 * a prepaid account sees. */
#include "abuse.h"

#include <stdint.h>
#include <string.h>

#include "config.h"
#include "ledger.h"
#include "rec.h"

struct spent_arg {
	int64_t since;  /* unix s: start of today (UTC) */
	int64_t spent;  /* minor units, positive */
	uint64_t first; /* the first entry seen */
};

static int add_spent(uint64_t id, const struct rec *entry, void *arg)
{
	struct spent_arg *a = arg;
	/* A walk restarted after a lock conflict sees the entries again. */
	if (a->first == 0 || id == a->first) {
		a->first = id;
		a->spent = 0;
	}
	const char *kind = rec_get(entry, "kind");
	if (!kind || (strcmp(kind, "charge") && strncmp(kind, "correction", 10)))
		return 0;
	if (rec_get_int(entry, "time", 0) < a->since)
		return 0;
	a->spent -= rec_get_int(entry, "money", 0);
	return 0;
}

int abuse_spend_left(uint64_t member, int64_t now, int64_t *left)
{
	*left = INT64_MAX;
	long cap = config_int("Call.DailySpendCap");
	if (cap <= 0 || member == 0)
		return 0;
	struct ledger_account acc;
	int rc = ledger_account_get(NULL, member, &acc);
	if (rc == LEDGER_UNKNOWN_MEMBER)
		return 0;
	if (rc != 0)
		return rc;
	*left = cap - acc.held;
	if (*left <= 0)
		return 0;
	struct spent_arg a = {.since = now - now % 86400, .spent = 0};
	rc = ledger_each_entry(NULL, member, add_spent, &a);
	if (rc != 0)
		return rc;
	*left -= a.spent;
	return 0;
}
