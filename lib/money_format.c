/* money_format.c: minor units to and from decimal text, exactly. */
#include "money_format.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static const char *const no_decimals[] = {
	"BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG",
	"RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF", NULL,
};
static const char *const three_decimals[] = {
	"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND", NULL,
};

static int listed(const char *const *list, const char *currency)
{
	for (; *list; list++)
		if (!strcmp(*list, currency))
			return 1;
	return 0;
}

int money_decimals(const char *currency)
{
	if (!currency)
		return 2;
	if (listed(no_decimals, currency))
		return 0;
	if (listed(three_decimals, currency))
		return 3;
	return 2;
}

static int64_t ten_to(int n)
{
	int64_t p = 1;
	while (n-- > 0)
		p *= 10;
	return p;
}

void money_number(int64_t minor, const char *currency, char *out, size_t len)
{
	int d = money_decimals(currency);
	/* The magnitude as unsigned, so INT64_MIN formats too. */
	uint64_t mag = minor < 0 ? (uint64_t)0 - (uint64_t)minor : (uint64_t)minor;
	uint64_t unit = (uint64_t)ten_to(d);
	const char *sign = minor < 0 ? "-" : "";
	if (d == 0)
		snprintf(out, len, "%s%" PRIu64, sign, mag);
	else
		snprintf(out, len, "%s%" PRIu64 ".%0*" PRIu64, sign, mag / unit, d, mag % unit);
}

void money_format(int64_t minor, const char *currency, char *out, size_t len)
{
	char num[40];
	money_number(minor, currency, num, sizeof num);
	snprintf(out, len, "%s %s", num, currency && *currency ? currency : "");
	/* No currency: no trailing blank. */
	size_t n = strlen(out);
	if (n && out[n - 1] == ' ')
		out[n - 1] = '\0';
}

int money_parse(const char *typed, const char *currency, int64_t max, int64_t *minor,
		char *why, size_t whylen)
{
	int d = money_decimals(currency);
	const char *s = typed ? typed : "";
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0) {
		snprintf(why, whylen, "Give an amount.");
		return -1;
	}
	if (s[0] == '-') {
		snprintf(why, whylen, "The amount must be positive: negative amounts are refused.");
		return -1;
	}
	int64_t whole = 0, frac = 0;
	int digits = 0, fdigits = 0, seen_point = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if ((c == '.' || c == ',') && !seen_point) {
			seen_point = 1;
			continue;
		}
		if (c < '0' || c > '9') {
			snprintf(why, whylen, "'%.*s' is not an amount: write it like 12.50.",
				 (int)(n > 40 ? 40 : n), s);
			return -1;
		}
		if (seen_point) {
			if (++fdigits > d) {
				if (d == 0)
					snprintf(why, whylen, "%s has no decimals: give a whole amount.",
						 currency);
				else
					snprintf(why, whylen, "Give at most %d decimals.", d);
				return -1;
			}
			frac = frac * 10 + (c - '0');
		} else {
			digits++;
			/* Beyond 15 digits every limit we know is passed. */
			if (digits > 15) {
				snprintf(why, whylen, "The amount is too large.");
				return -1;
			}
			whole = whole * 10 + (c - '0');
		}
	}
	if (digits == 0 && fdigits == 0) {
		snprintf(why, whylen, "'%.*s' is not an amount: write it like 12.50.",
			 (int)(n > 40 ? 40 : n), s);
		return -1;
	}
	if (seen_point && fdigits == 0 && d > 0) {
		snprintf(why, whylen, "Give the decimals after the point, or none (12 or 12.50).");
		return -1;
	}
	frac *= ten_to(d - fdigits);
	int64_t v = whole * ten_to(d) + frac; /* < 10^18: no overflow */
	if (v == 0) {
		snprintf(why, whylen, "The amount must be more than zero.");
		return -1;
	}
	if (v > max) {
		char lim[48];
		money_format(max, currency, lim, sizeof lim);
		snprintf(why, whylen, "The amount is above the limit of %s.", lim);
		return -1;
	}
	*minor = v;
	return 0;
}
