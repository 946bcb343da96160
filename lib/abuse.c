/* abuse.c: destination policy and per-window order counters. */
#include "abuse.h"

#include <stdio.h>
#include <string.h>

#include "config.h"
#include "rec.h"

const char *abuse_message(enum abuse_verdict v)
{
	switch (v) {
	case ABUSE_OK:
		return "";
	case ABUSE_DEST_FORMAT:
		return "This is not a phone number we can call. Type the whole number, digits only.";
	case ABUSE_DEST_COUNTRY:
		return "Calls to this country cannot be placed from this page.";
	case ABUSE_DEST_DENIED:
		return "Calls to premium-rate, satellite and short-code numbers cannot be placed from this page.";
	case ABUSE_RATE_IP:
		return "Too many calls were placed from your connection. Please try again later.";
	case ABUSE_RATE_CARD:
		return "This card has placed too many calls just now. Please try again later.";
	case ABUSE_RATE_NUMBER:
		return "This number has been called too often just now. Please try again later.";
	case ABUSE_SPEND_CAP:
		return "The person paying for this call has reached today's spending limit. "
		       "Please try again tomorrow.";
	case ABUSE_SIP_FORMAT:
		return "This is not a SIP address we can call. Give your softphone's address "
		       "like sip:you@203.0.113.5 or sip:you@203.0.113.5:5060.";
	case ABUSE_SIP_DENIED:
		return "Calls to this softphone address cannot be placed from this page. "
		       "Give the internet (IP) address your softphone can be reached at.";
	}
	return "The call cannot be placed.";
}

/* 1 when s holds word as one of its space-separated words' prefix match:
 * some word w of list is a prefix of s (prefix = 1) or equals s. */
static int list_has_prefix_of(const char *list, const char *s, const char *lead)
{
	const char *p = list;
	while (*p) {
		p += strspn(p, " ,");
		size_t n = strcspn(p, " ,");
		if (n == 0)
			break;
		size_t ln = strlen(lead);
		if (strlen(s) >= ln + n && !strncmp(s, lead, ln) && !strncmp(s + ln, p, n))
			return 1;
		p += n;
	}
	return 0;
}

enum abuse_verdict abuse_check_destination(const char *e164)
{
	size_t n = strlen(e164);
	if (n < 2 || e164[0] != '+' || strspn(e164 + 1, "0123456789") != n - 1 ||
	    (long)(n - 1) < config_int("Call.MinDigits") || n - 1 > 15)
		return ABUSE_DEST_FORMAT;
	if (list_has_prefix_of(config_str("Call.DeniedPrefixes"), e164, ""))
		return ABUSE_DEST_DENIED;
	if (!list_has_prefix_of(config_str("Call.AllowedCountries"), e164, "+"))
		return ABUSE_DEST_COUNTRY;
	return ABUSE_OK;
}

/* The count of key in the current window (0 when the window passed). */
static int window_count(DB_TXN *txn, const char *key, int64_t now, long window, long *count)
{
	struct rec r;
	int rc = db_get_rec(TBL_THROTTLE, txn, key, strlen(key), &r, DB_RMW);
	if (rc == DB_NOTFOUND) {
		*count = 0;
		return 0;
	}
	if (rc != 0)
		return rc;
	*count = now - rec_get_int(&r, "since", 0) >= window ? 0 : (long)rec_get_int(&r, "count", 0);
	rec_free(&r);
	return 0;
}

static int window_add(DB_TXN *txn, const char *key, int64_t now, long window)
{
	struct rec r;
	long long since = now, count = 1;
	int rc = db_get_rec(TBL_THROTTLE, txn, key, strlen(key), &r, DB_RMW);
	if (rc == 0) {
		if (now - rec_get_int(&r, "since", 0) < window) {
			since = rec_get_int(&r, "since", now);
			count = rec_get_int(&r, "count", 0) + 1;
		}
		rec_free(&r);
	} else if (rc != DB_NOTFOUND) {
		return rc;
	}
	rec_init(&r);
	rec_set_int(&r, "since", since);
	rec_set_int(&r, "count", count);
	rc = db_put_rec(TBL_THROTTLE, txn, key, strlen(key), &r, 0);
	rec_free(&r);
	return rc;
}

int abuse_count_order(DB_TXN *txn, const char *ip, uint64_t card, const char *number,
		      int64_t now, enum abuse_verdict *verdict)
{
	char keys[3][160];
	snprintf(keys[0], sizeof keys[0], "call:ip:%s", ip ? ip : "-");
	snprintf(keys[1], sizeof keys[1], "call:card:%llu", (unsigned long long)card);
	snprintf(keys[2], sizeof keys[2], "call:number:%s", number);
	const long max[3] = {config_int("Call.PerIP"), config_int("Call.PerCard"),
			     config_int("Call.PerNumber")};
	const enum abuse_verdict why[3] = {ABUSE_RATE_IP, ABUSE_RATE_CARD, ABUSE_RATE_NUMBER};
	long window = config_int("Call.WindowSeconds");
	*verdict = ABUSE_OK;
	for (int i = 0; i < 3; i++) {
		long count;
		int rc = window_count(txn, keys[i], now, window, &count);
		if (rc != 0)
			return rc;
		if (count >= max[i]) {
			*verdict = why[i];
			return 0;
		}
	}
	for (int i = 0; i < 3; i++) {
		int rc = window_add(txn, keys[i], now, window);
		if (rc != 0)
			return rc;
	}
	return 0;
}
