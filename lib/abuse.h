/* abuse.h: limits on the public call page, which anyone can reach.
 *
 * Configured under Call.* (lib/config.c): where a call may go
 * (AllowedCountries, DeniedPrefixes, MinDigits), how many orders one IP
 * address, one card and one destination number may place per
 * WindowSeconds (PerIP, PerCard, PerNumber), and whether anonymous callers
 * must answer a small sum first (HumanCheck), how much one payer may spend
 * a day (DailySpendCap, abuse_spend.c) and which softphone addresses a
 * pc-mode call may ring (SoftphoneLocal, abuse_softphone.c). Refusals name
 * the rule that refused, never its threshold. */
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
	ABUSE_SPEND_CAP,     /* the payer spent (or holds) today's allowance */
	ABUSE_SIP_FORMAT,    /* not a sip:user@host[:port] we can ring */
	ABUSE_SIP_DENIED,    /* a local, special or the operator's own address */
};

/* A sentence for the caller; says what happened, not the limits. */
const char *abuse_message(enum abuse_verdict v);

/* Destination policy for an E.164 number ("+" and digits). */
enum abuse_verdict abuse_check_destination(const char *e164);

/* Counts one order against the IP, card and number limits in txn, or
 * refuses (counting nothing) when any of them is spent. now: unix s. */
int abuse_count_order(DB_TXN *txn, const char *ip, uint64_t card, const char *number,
		      int64_t now, enum abuse_verdict *verdict);

/* The daily spend cap of member at unix time now: what member may still
 * spend today under Call.DailySpendCap, that is the cap less the money
 * charged since 00:00 UTC (charge and correction entries of the ledger)
 * and the money held for open calls; 0 or less: the cap is reached
 * (ABUSE_SPEND_CAP). 0 with *left (INT64_MAX when there is no cap), or a
 * DB error. */
int abuse_spend_left(uint64_t member, int64_t now, int64_t *left);

/* Softphone address policy for pc mode. abuse_softphone_uri turns what was
 * typed ("sip:you@host:port", or without "sip:") into a URI in out, 0 or
 * -1 when it cannot. abuse_check_softphone checks a URI: its form, and
 * that its host is neither one of the configured gateways (a pc leg is not
 * rated: that would be a free call to the phone network) nor, unless
 * Call.SoftphoneLocal is 1, a loopback, private or link-local address or
 * local name; special-purpose addresses are never rung. Host names are not
 * resolved (the page never waits on DNS). */
int abuse_softphone_uri(const char *typed, char *out, size_t outlen);
enum abuse_verdict abuse_check_softphone(const char *uri);

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
