/* money_format.h: amounts in integer minor units shown and typed as
 * decimal numbers of the currency's major unit ("12.50 EUR").
 *
 * The number of decimals is the currency's (ISO 4217): 2 for most, 0 for
 * JPY, KRW and a few others, 3 for BHD, KWD and a few others. Parsing is
 * exact: no floating point, no rounding; an amount with more decimals
 * than the currency has is refused. */
#ifndef CALLCARD_MONEY_FORMAT_H
#define CALLCARD_MONEY_FORMAT_H
#include <stddef.h>
#include <stdint.h>

/* Decimals of a currency's minor unit (2 when unknown). */
int money_decimals(const char *currency);

/* "-12.50": the amount as a plain decimal number (for CSV cells). */
void money_number(int64_t minor, const char *currency, char *out, size_t len);
/* "-12.50 EUR". */
void money_format(int64_t minor, const char *currency, char *out, size_t len);

/* Parses what a person typed as an amount of currency, e.g. "12", "12.5",
 * "12.50", "1,5" (decimal comma), surrounding blanks ignored, into minor
 * units. Refuses, with a message for the person in why: empty, malformed,
 * negative, zero, more decimals than the currency has, and above max
 * (minor units). 0 or -1. */
int money_parse(const char *typed, const char *currency, int64_t max, int64_t *minor,
		char *why, size_t whylen);

#endif
