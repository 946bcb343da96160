/* vcard.h: a card as a vCard 4.0 (RFC 6350) text.
 *
 * Text values are escaped (backslash, comma, semicolon, newline), lines end
 * in CRLF and are folded at 75 octets without splitting a UTF-8 character.
 * Only the items the owner chose to show are written. */
#ifndef CALLCARD_VCARD_H
#define CALLCARD_VCARD_H
#include <stddef.h>

#include "rec.h"

/* card is a card record (see card.h); url the card's public link. Returns a
 * malloc'd NUL-terminated text (*len set). */
char *vcard_build(const struct rec *card, const char *url, size_t *len);

/* Exposed for tests: escaping of one text value into a malloc'd string. */
char *vcard_escape(const char *s);

#endif
