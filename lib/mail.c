/* mail.c: message composition: headers that cannot be injected, a
 * multipart/alternative body with base64 parts. */
#include "mail.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "form.h"

struct buf {
	char *p;
	size_t len, cap;
};

static void buf_add(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->p = realloc(b->p, b->cap);
		if (!b->p)
			abort();
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void buf_puts(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

static void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void buf_printf(struct buf *b, const char *fmt, ...)
{
	char *s = NULL;
	va_list ap;
	va_start(ap, fmt);
	int n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	buf_add(b, s, (size_t)n);
	free(s);
}

static void base64_chunk(struct buf *b, const unsigned char *in, size_t n)
{
	char out[128];
	sodium_bin2base64(out, sizeof out, in, n, sodium_base64_VARIANT_ORIGINAL);
	buf_puts(b, out);
}

/* Body text as base64 in lines of 76 characters. */
static void base64_body(struct buf *b, const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i += 57) {
		base64_chunk(b, (const unsigned char *)s + i, n - i < 57 ? n - i : 57);
		buf_puts(b, "\r\n");
	}
}

char *mail_encode_words(const char *s)
{
	struct buf b = {0};
	buf_puts(&b, "");
	size_t n = strlen(s), i = 0;
	/* 45 bytes of UTF-8 make 60 base64 characters: with "=?UTF-8?B?" and
	 * "?=" each word stays within 75. */
	while (i < n) {
		size_t take = n - i < 45 ? n - i : 45;
		while (take < n - i && take > 0 && ((unsigned char)s[i + take] & 0xc0) == 0x80)
			take--; /* do not split a character */
		if (i)
			buf_puts(&b, "\r\n ");
		buf_puts(&b, "=?UTF-8?B?");
		base64_chunk(&b, (const unsigned char *)s + i, take);
		buf_puts(&b, "?=");
		i += take;
	}
	return b.p;
}

static int header_safe(const char *s)
{
	return s && !strpbrk(s, "\r\n") && utf8_clean(s, 0);
}

static int address_ok(const char *a)
{
	char norm[300], why[100];
	return a && check_email(a, norm, sizeof norm, why, sizeof why) == 0 && strcmp(norm, a) == 0;
}

static void address_header(struct buf *b, const char *field, const char *name, const char *addr)
{
	if (name && *name) {
		char *enc = mail_encode_words(name);
		buf_printf(b, "%s: %s <%s>\r\n", field, enc, addr);
		free(enc);
	} else {
		buf_printf(b, "%s: <%s>\r\n", field, addr);
	}
}

int mail_compose(const struct mail *m, uint64_t id, char **out, char *err, size_t errlen)
{
	const char *from = config_str("Mail.From");
	if (!address_ok(m->to) || !address_ok(from) || (m->reply_to && !address_ok(m->reply_to))) {
		snprintf(err, errlen, "an address is not a valid e-mail address");
		return -1;
	}
	if (!header_safe(m->subject) || (m->to_name && !header_safe(m->to_name)) ||
	    (m->reply_to_name && !header_safe(m->reply_to_name)) ||
	    (m->unsubscribe_url && (!header_safe(m->unsubscribe_url) ||
				    strpbrk(m->unsubscribe_url, "<> ")))) {
		snprintf(err, errlen, "a header field holds a line break or control character");
		return -1;
	}
	if (!m->text || !utf8_clean(m->text, 1) || (m->html && !utf8_clean(m->html, 1))) {
		snprintf(err, errlen, "the message text is not clean UTF-8");
		return -1;
	}
	unsigned char rnd[12];
	char boundary[40], rhex[25];
	randombytes_buf(rnd, sizeof rnd);
	sodium_bin2hex(rhex, sizeof rhex, rnd, sizeof rnd);
	snprintf(boundary, sizeof boundary, "=_cc_%s", rhex);
	char date[64];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(date, sizeof date, "%a, %d %b %Y %H:%M:%S +0000", &tm);
	const char *domain = strrchr(from, '@') + 1;

	struct buf b = {0};
	address_header(&b, "From", config_str("Site.Name"), from);
	address_header(&b, "To", m->to_name, m->to);
	if (m->reply_to)
		address_header(&b, "Reply-To", m->reply_to_name, m->reply_to);
	char *subject = mail_encode_words(m->subject);
	buf_printf(&b, "Subject: %s\r\n", subject);
	free(subject);
	buf_printf(&b, "Date: %s\r\n", date);
	buf_printf(&b, "Message-ID: <%llu.%s@%s>\r\n", (unsigned long long)id, rhex, domain);
	if (m->unsubscribe_url) {
		buf_printf(&b, "List-Unsubscribe: <%s>\r\n", m->unsubscribe_url);
		buf_puts(&b, "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n");
	}
	buf_puts(&b, "MIME-Version: 1.0\r\n");
	if (m->html) {
		buf_printf(&b, "Content-Type: multipart/alternative; boundary=\"%s\"\r\n\r\n", boundary);
		buf_puts(&b, "This is a message in MIME format.\r\n");
		buf_printf(&b, "--%s\r\n", boundary);
	}
	buf_puts(&b, "Content-Type: text/plain; charset=utf-8\r\n"
		     "Content-Transfer-Encoding: base64\r\n\r\n");
	base64_body(&b, m->text);
	if (m->html) {
		buf_printf(&b, "--%s\r\n", boundary);
		buf_puts(&b, "Content-Type: text/html; charset=utf-8\r\n"
			     "Content-Transfer-Encoding: base64\r\n\r\n");
		base64_body(&b, m->html);
		buf_printf(&b, "--%s--\r\n", boundary);
	}
	*out = b.p;
	return 0;
}
