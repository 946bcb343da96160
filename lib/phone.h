/* phone.h: phone numbers as people type them, normalised to E.164. */
#ifndef CALLCARD_PHONE_H
#define CALLCARD_PHONE_H
#include <stddef.h>

/* Normalises "+82 10-1234-5678", "010 1234 5678", "(02) 620-0620" to
 * "+821012345678" using default_cc for national numbers (leading trunk 0
 * dropped). Only digits, spaces, '-', '.', '(', ')' and a leading '+' are
 * accepted. Returns 0, or -1 with a reason in why. */
int phone_normalize(const char *in, int default_cc, char *out, size_t outlen, char *why,
		    size_t whylen);

#endif
