/* phone.c: E.164 normalisation of typed phone numbers.
 *
 * Hand-written: Debian 12 packages libphonenumber only for C++ and Java; a
 * C program needs only this syntactic check (digits, length, country code),
 * while the routing tables decide what a number costs or whether it may be
 * dialled. */
#include "phone.h"

#include <stdio.h>
#include <string.h>

int phone_normalize(const char *in, int default_cc, char *out, size_t outlen, char *why,
		    size_t whylen)
{
	char digits[32];
	size_t n = 0;
	int plus = 0, seen = 0;
	for (const char *p = in; *p; p++) {
		unsigned char c = (unsigned char)*p;
		if (c >= '0' && c <= '9') {
			if (n + 1 >= sizeof digits) {
				snprintf(why, whylen, "is too long for a phone number");
				return -1;
			}
			digits[n++] = (char)c;
			seen = 1;
		} else if (c == '+' && !seen && !plus) {
			plus = 1;
		} else if (c == ' ' || c == '-' || c == '.' || c == '(' || c == ')') {
			continue;
		} else {
			snprintf(why, whylen, "may hold only digits, spaces, -, ( ) and a leading +");
			return -1;
		}
	}
	digits[n] = '\0';
	const char *national = digits;
	char full[40];
	if (plus) {
		snprintf(full, sizeof full, "%s", digits);
	} else if (n >= 2 && digits[0] == '0' && digits[1] == '0') {
		snprintf(full, sizeof full, "%s", digits + 2); /* 00 international prefix */
	} else {
		if (n && national[0] == '0')
			national++; /* trunk prefix */
		snprintf(full, sizeof full, "%d%s", default_cc, national);
	}
	size_t len = strlen(full);
	if (len < 8 || len > 15 || full[0] == '0') {
		snprintf(why, whylen, "is not a valid phone number");
		return -1;
	}
	if (len + 2 > outlen) {
		snprintf(why, whylen, "is too long");
		return -1;
	}
	snprintf(out, outlen, "+%s", full);
	return 0;
}
