/* rec.h: records stored in Berkeley DB as ordered name/value string pairs.
 *
 * Encoding: "name\0value\0name\0value\0...". Names and values never hold
 * NUL (the request layer rejects NUL in input). Numbers are stored as
 * decimal text; money always in integer minor units. A record copies into
 * an HDF subtree for templates with rec_to_hdf(). */
#ifndef CALLCARD_REC_H
#define CALLCARD_REC_H
#include <stddef.h>
#include <stdint.h>

typedef struct _hdf HDF;

struct rec {
	size_t n, cap;
	char **names;
	char **values;
};

void rec_init(struct rec *r);
void rec_free(struct rec *r);
/* Sets (replaces) name to a copy of value. */
void rec_set(struct rec *r, const char *name, const char *value);
void rec_setf(struct rec *r, const char *name, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void rec_set_int(struct rec *r, const char *name, long long v);
/* NULL when absent. */
const char *rec_get(const struct rec *r, const char *name);
/* def when absent or not a whole number. */
long long rec_get_int(const struct rec *r, const char *name, long long def);
void rec_del(struct rec *r, const char *name);

/* Serialise into a malloc'd buffer; *len gets its size. */
char *rec_encode(const struct rec *r, size_t *len);
/* Parse data into r (r initialised by the call). -1 on malformed data. */
int rec_decode(struct rec *r, const void *data, size_t len);

/* Copies every pair to prefix.name in hdf. */
void rec_to_hdf(const struct rec *r, HDF *hdf, const char *prefix);

#endif
