/* abuse_human.c: the proof-of-human sum for anonymous callers.
 *
 * Needs no third party and no stored state: the challenge carries the two
 * terms and an expiry, signed with the service secret (token_mac). A
 * solved challenge can be replayed until it expires; the per-IP, per-card
 * and per-number limits bound what that buys. */
#include "abuse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "token.h"

#define QUESTION_SECONDS 600

static void sign(int a, int b, long long expires, char mac[TOKEN_LEN])
{
	char msg[96];
	snprintf(msg, sizeof msg, "human|%d|%d|%lld", a, b, expires);
	token_mac(msg, mac);
}

void abuse_question_new(struct abuse_question *q, int64_t now)
{
	q->a = 2 + (int)randombytes_uniform(8);
	q->b = 1 + (int)randombytes_uniform(9);
	long long expires = (long long)now + QUESTION_SECONDS;
	char mac[TOKEN_LEN];
	sign(q->a, q->b, expires, mac);
	snprintf(q->challenge, sizeof q->challenge, "%d.%d.%lld.%s", q->a, q->b, expires, mac);
}

int abuse_answer_ok(const char *challenge, const char *answer, int64_t now)
{
	int a, b, used = 0;
	long long expires;
	if (!challenge || !answer || strlen(challenge) > 120 ||
	    sscanf(challenge, "%d.%d.%lld.%n", &a, &b, &expires, &used) != 3 || used == 0)
		return 0;
	if (a < 0 || a > 99 || b < 0 || b > 99 || expires < now)
		return 0;
	char mac[TOKEN_LEN];
	sign(a, b, expires, mac);
	if (!token_equal(mac, challenge + used))
		return 0;
	char *end;
	long v = strtol(answer, &end, 10);
	while (*end == ' ')
		end++;
	return end != answer && *end == '\0' && v == a + b;
}
