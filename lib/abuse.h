/* abuse.h: limits on the public call page, which anyone can reach.
 *
 * Configured under Call.* (lib/config.c): where a call may go
 * (AllowedCountries, DeniedPrefixes, MinDigits), how many orders one IP
 * address, one card and one destination number may place per
 * WindowSeconds (PerIP, PerCard, PerNumber), and whether anonymous callers
 * must answer a small sum first (HumanCheck). Refusals name the rule that
 * refused, never its threshold. */
#ifndef CALLCARD_ABUSE_H
#define CALLCARD_ABUSE_H
#include <stddef.h>
#include <stdint.h>

#include "db.h"

enum abuse_verdict {
	ABUSE_OK = 0,
	ABUSE_DEST_FORMAT,   /* not "+" and digits, or too short */
	ABUSE_DEST_COUNTRY,  /* country not served */
	ABUSE_DEST_DENIED,   /* premium-rate, satellite or short-code range */
	ABUSE_RATE_IP,
	ABUSE_RATE_CARD,
	ABUSE_RATE_NUMBER,
};

/* A sentence for the caller; says what happened, not the limits. */
const char *abuse_message(enum abuse_verdict v);

/* Destination policy for an E.164 number ("+" and digits). */
enum abuse_verdict abuse_check_destination(const char *e164);

/* Counts one order against the IP, card and number limits in txn, or
 * refuses (counting nothing) when any of them is spent. now: unix s. */
int abuse_count_order(DB_TXN *txn, const char *ip, uint64_t card, const char *number,
		      int64_t now, enum abuse_verdict *verdict);

/* The proof-of-human question: a sum shown on the page and a signed
 * challenge sent back with the form (valid ten minutes). */
struct abuse_question {
	int a, b;
	char challenge[128];
};
void abuse_question_new(struct abuse_question *q, int64_t now);
/* 1 when answer solves challenge and the challenge is genuine and fresh. */
int abuse_answer_ok(const char *challenge, const char *answer, int64_t now);

#endif
