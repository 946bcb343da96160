/* money_csv.c: RFC 4180 CSV with a guard against formula injection. */
#include "money_csv.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void csv_init(struct csv *c)
{
	memset(c, 0, sizeof *c);
}

void csv_free(struct csv *c)
{
	free(c->buf);
	memset(c, 0, sizeof *c);
}

static void put(struct csv *c, const char *s, size_t n)
{
	if (c->failed)
		return;
	if (c->len + n + 1 > c->cap) {
		size_t cap = c->cap ? c->cap : 4096;
		while (c->len + n + 1 > cap)
			cap *= 2;
		char *nb = realloc(c->buf, cap);
		if (!nb) {
			c->failed = 1;
			return;
		}
		c->buf = nb;
		c->cap = cap;
	}
	memcpy(c->buf + c->len, s, n);
	c->len += n;
	c->buf[c->len] = '\0';
}

static void cell(struct csv *c, const char *s, int guard)
{
	if (c->cells++)
		put(c, ",", 1);
	if (!s)
		s = "";
	int quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		put(c, "\"", 1);
	if (guard && s[0] && strchr("=+-@\t\r", s[0]))
		put(c, "'", 1);
	for (const char *p = s; *p; p++) {
		put(c, p, 1);
		if (*p == '"')
			put(c, "\"", 1); /* a quote inside is doubled */
	}
	if (quote)
		put(c, "\"", 1);
}

void csv_text(struct csv *c, const char *s)
{
	cell(c, s, 1);
}

void csv_number(struct csv *c, const char *s)
{
	cell(c, s, 0);
}

void csv_int(struct csv *c, int64_t v)
{
	char buf[24];
	snprintf(buf, sizeof buf, "%" PRId64, v);
	cell(c, buf, 0);
}

void csv_row_end(struct csv *c)
{
	put(c, "\r\n", 2);
	c->cells = 0;
}
