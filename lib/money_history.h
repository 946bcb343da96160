/* money_history.h: a member's ledger and calls as the balance pages and
 * their CSV show them, read from the ledger (ledger.h), the call records
 * the dialer writes (TBL_CDRS) and the calls through the member's cards
 * (call_store.h). Nothing here writes. */
#ifndef CALLCARD_MONEY_HISTORY_H
#define CALLCARD_MONEY_HISTORY_H
#include <stddef.h>
#include <stdint.h>

#include "rec.h"

struct money_entry {
	uint64_t id;
	int64_t time;            /* unix seconds */
	char cause[160];         /* in plain words */
	char kind[24];
	int64_t money, mileage;  /* signed deltas */
	int64_t balance_after, mileage_after;
	char currency[4];
	char note[200];
};

/* Every entry of member, oldest first, into a malloc'd array (*out may be
 * NULL when *n is 0). 0 or a DB error. */
int money_entries(uint64_t member, struct money_entry **out, size_t *n);

/* What an entry was for, in plain words ("Top-up voucher K7QX-…"). */
void money_cause_words(const struct rec *entry, char *out, size_t len);

struct money_call {
	char order[101];
	int64_t when;            /* unix seconds the call started */
	int is_recipient;        /* the member's side: 0 owner, 1 recipient */
	char other[64];          /* the other party, masked */
	int64_t a_seconds, b_seconds; /* leg A (owner), leg B (recipient) */
	int charged;             /* 0: not charged (yet), cost unknown */
	int64_t cost;            /* both legs, minor units */
	char payer[12];          /* owner | recipient | split | "" */
	int owner_percent;
	int64_t paid;            /* money the member paid, corrections included */
	int64_t mileage;         /* points the member spent */
	char currency[4];
};

/* The calls member paid for or that were made through their cards,
 * newest first, malloc'd. 0 or a DB error. */
int money_calls(uint64_t member, struct money_call **out, size_t *n);

/* "You", "The caller", "Split: you 50 %" ... for a call's payer. */
void money_payer_words(const struct money_call *c, char *out, size_t len);

#endif
