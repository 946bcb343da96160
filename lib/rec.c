/* rec.c: name/value records and their NUL-separated encoding. */
#include "rec.h"

#include <ClearSilver.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *xstrdup(const char *s)
{
	char *d = strdup(s);
	if (!d)
		abort();
	return d;
}

void rec_init(struct rec *r)
{
	memset(r, 0, sizeof *r);
}

void rec_free(struct rec *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->names[i]);
		free(r->values[i]);
	}
	free(r->names);
	free(r->values);
	rec_init(r);
}

static long rec_find(const struct rec *r, const char *name)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->names[i], name) == 0)
			return (long)i;
	return -1;
}

void rec_set(struct rec *r, const char *name, const char *value)
{
	long i = rec_find(r, name);
	if (i >= 0) {
		free(r->values[i]);
		r->values[i] = xstrdup(value);
		return;
	}
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 8;
		r->names = realloc(r->names, r->cap * sizeof *r->names);
		r->values = realloc(r->values, r->cap * sizeof *r->values);
		if (!r->names || !r->values)
			abort();
	}
	r->names[r->n] = xstrdup(name);
	r->values[r->n] = xstrdup(value);
	r->n++;
}

void rec_setf(struct rec *r, const char *name, const char *fmt, ...)
{
	char *v = NULL;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&v, fmt, ap) < 0)
		abort();
	va_end(ap);
	rec_set(r, name, v);
	free(v);
}

void rec_set_int(struct rec *r, const char *name, long long v)
{
	rec_setf(r, name, "%lld", v);
}

const char *rec_get(const struct rec *r, const char *name)
{
	long i = rec_find(r, name);
	return i >= 0 ? r->values[i] : NULL;
}

long long rec_get_int(const struct rec *r, const char *name, long long def)
{
	const char *v = rec_get(r, name);
	if (!v || !*v)
		return def;
	char *end;
	errno = 0;
	long long n = strtoll(v, &end, 10);
	if (errno || *end)
		return def;
	return n;
}

void rec_del(struct rec *r, const char *name)
{
	long i = rec_find(r, name);
	if (i < 0)
		return;
	free(r->names[i]);
	free(r->values[i]);
	memmove(&r->names[i], &r->names[i + 1], (r->n - (size_t)i - 1) * sizeof *r->names);
	memmove(&r->values[i], &r->values[i + 1], (r->n - (size_t)i - 1) * sizeof *r->values);
	r->n--;
}

char *rec_encode(const struct rec *r, size_t *len)
{
	size_t total = 0;
	for (size_t i = 0; i < r->n; i++)
		total += strlen(r->names[i]) + 1 + strlen(r->values[i]) + 1;
	char *buf = malloc(total ? total : 1);
	if (!buf)
		abort();
	char *p = buf;
	for (size_t i = 0; i < r->n; i++) {
		size_t a = strlen(r->names[i]) + 1, b = strlen(r->values[i]) + 1;
		memcpy(p, r->names[i], a);
		p += a;
		memcpy(p, r->values[i], b);
		p += b;
	}
	*len = total;
	return buf;
}

int rec_decode(struct rec *r, const void *data, size_t len)
{
	rec_init(r);
	const char *p = data, *end = p + len;
	while (p < end) {
		const char *name = p;
		const char *nul = memchr(p, '\0', (size_t)(end - p));
		if (!nul)
			goto bad;
		const char *value = nul + 1;
		if (value >= end)
			goto bad;
		nul = memchr(value, '\0', (size_t)(end - value));
		if (!nul)
			goto bad;
		rec_set(r, name, value);
		p = nul + 1;
	}
	return 0;
bad:
	rec_free(r);
	return -1;
}

void rec_to_hdf(const struct rec *r, HDF *hdf, const char *prefix)
{
	char key[256];
	for (size_t i = 0; i < r->n; i++) {
		snprintf(key, sizeof key, "%s.%s", prefix, r->names[i]);
		NEOERR *err = hdf_set_value(hdf, key, r->values[i]);
		nerr_ignore(&err);
	}
}
