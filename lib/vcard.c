/* vcard.c: vCard 4.0 writer. */
#include "vcard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *vcard_escape(const char *s)
{
	size_t n = strlen(s);
	char *out = malloc(2 * n + 1), *o = out;
	if (!out)
		abort();
	for (; *s; s++) {
		if (*s == '\\' || *s == ',' || *s == ';') {
			*o++ = '\\';
			*o++ = *s;
		} else if (*s == '\n') {
			*o++ = '\\';
			*o++ = 'n';
		} else if (*s != '\r') {
			*o++ = *s;
		}
	}
	*o = '\0';
	return out;
}

struct out {
	char *buf;
	size_t len, cap;
};

static void put(struct out *o, const char *s, size_t n)
{
	if (o->len + n + 1 > o->cap) {
		o->cap = (o->len + n + 1) * 2;
		o->buf = realloc(o->buf, o->cap);
		if (!o->buf)
			abort();
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
	o->buf[o->len] = '\0';
}

/* Writes one content line, folded: a line longer than 75 octets continues
 * on the next line after CRLF and a space (RFC 6350 3.2). */
static void line(struct out *o, const char *text)
{
	size_t n = strlen(text), col = 0;
	for (size_t i = 0; i < n;) {
		size_t clen = 1;
		unsigned char c = (unsigned char)text[i];
		if (c >= 0xf0)
			clen = 4;
		else if (c >= 0xe0)
			clen = 3;
		else if (c >= 0xc0)
			clen = 2;
		if (i + clen > n)
			clen = n - i;
		if (col + clen > 75) {
			put(o, "\r\n ", 3);
			col = 1;
		}
		put(o, text + i, clen);
		col += clen;
		i += clen;
	}
	put(o, "\r\n", 2);
}

static const char *shown(const struct rec *c, const char *flag, const char *field)
{
	const char *v = rec_get(c, field);
	if (flag && rec_get_int(c, flag, 0) != 1)
		return NULL;
	return v && *v ? v : NULL;
}

/* Property with one escaped text value: "NAME:value". */
static void text_prop(struct out *o, const char *name, const char *value)
{
	char *e = vcard_escape(value);
	char *l = NULL;
	if (asprintf(&l, "%s:%s", name, e) < 0)
		abort();
	line(o, l);
	free(l);
	free(e);
}

char *vcard_build(const struct rec *c, const char *url, size_t *len)
{
	struct out o = {0};
	const char *v;
	line(&o, "BEGIN:VCARD");
	line(&o, "VERSION:4.0");
	const char *name = rec_get(c, "name") ? rec_get(c, "name") : "";
	text_prop(&o, "FN", name);
	/* N is structured (family;given;...); one name field goes whole into
	 * the family part, which is how Korean names are commonly filed. */
	char *en = vcard_escape(name), *l = NULL;
	if (asprintf(&l, "N:%s;;;;", en) < 0)
		abort();
	line(&o, l);
	free(l);
	free(en);
	const char *org = shown(c, "show_company", "company");
	const char *dept = shown(c, "show_dept", "dept");
	if (org || dept) {
		char *eo = vcard_escape(org ? org : ""), *ed = vcard_escape(dept ? dept : "");
		if (asprintf(&l, dept ? "ORG:%s;%s" : "ORG:%s", eo, ed) < 0)
			abort();
		line(&o, l);
		free(l);
		free(eo);
		free(ed);
	}
	if ((v = shown(c, "show_title", "title")))
		text_prop(&o, "TITLE", v);
	if ((v = shown(c, "show_address", "address"))) {
		const char *pc = shown(c, "show_address", "postcode");
		char *ea = vcard_escape(v), *ep = vcard_escape(pc ? pc : "");
		if (asprintf(&l, "ADR;TYPE=work:;;%s;;;%s;", ea, ep) < 0)
			abort();
		line(&o, l);
		free(l);
		free(ea);
		free(ep);
	}
	static const struct {
		const char *flag, *field, *type;
	} tels[] = {
		{NULL, "office", "work,voice"},
		{NULL, "mobile", "cell,voice"},
		{"show_fax", "fax", "work,fax"},
	};
	for (size_t i = 0; i < sizeof tels / sizeof tels[0]; i++) {
		if (!(v = shown(c, tels[i].flag, tels[i].field)))
			continue;
		if (asprintf(&l, "TEL;VALUE=uri;TYPE=\"%s\":tel:%s", tels[i].type, v) < 0)
			abort();
		line(&o, l);
		free(l);
	}
	if ((v = shown(c, "show_email", "email")))
		text_prop(&o, "EMAIL;TYPE=work", v);
	if ((v = shown(c, "show_web", "web"))) {
		if (asprintf(&l, "URL;TYPE=work:%s", v) < 0)
			abort();
		line(&o, l);
		free(l);
	}
	if (url && *url) {
		if (asprintf(&l, "SOURCE:%s/vcard", url) < 0)
			abort();
		line(&o, l);
		free(l);
	}
	line(&o, "END:VCARD");
	*len = o.len;
	return o.buf;
}
