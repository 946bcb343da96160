/* mail.h: composing a message (RFC 5322 + MIME) for the mail queue.
 *
 * Every header value comes from a checked field: addresses must pass
 * check_email(), display names and the subject are RFC 2047 encoded in
 * full, so no input can end a header line and start another. */
#ifndef CALLCARD_MAIL_H
#define CALLCARD_MAIL_H
#include <stddef.h>
#include <stdint.h>

struct mail {
	const char *to;            /* one checked address */
	const char *to_name;       /* may be NULL */
	const char *reply_to;      /* may be NULL */
	const char *reply_to_name; /* may be NULL */
	const char *subject;
	const char *text;          /* text/plain part, required */
	const char *html;          /* text/html part, may be NULL */
	const char *unsubscribe_url; /* List-Unsubscribe (RFC 8058), may be NULL */
};

/* Builds the whole message into a malloc'd string. id makes the
 * Message-ID. Returns 0, or -1 with err (a field that could inject a
 * header, an address that is not one). */
int mail_compose(const struct mail *m, uint64_t id, char **out, char *err, size_t errlen);

/* RFC 2047 B-encoding of UTF-8 text into encoded-words of at most 75
 * characters, split on character boundaries, folded with CRLF SP. */
char *mail_encode_words(const char *s);

#endif
