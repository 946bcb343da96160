/* render.c: ClearSilver rendering. Config.VarEscapeMode = html is set
 * before cs_init, so every var: is HTML-escaped unless a template opts out
 * (and must say why). */
#include "render.h"

#include <ClearSilver.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "config.h"
#include "log.h"

void hdf_set(HDF *hdf, const char *key, const char *value)
{
	NEOERR *err = hdf_set_value(hdf, key, value ? value : "");
	nerr_ignore(&err);
}

void hdf_setf(HDF *hdf, const char *key, const char *fmt, ...)
{
	char *v = NULL;
	va_list ap;
	va_start(ap, fmt);
	if (vasprintf(&v, fmt, ap) < 0)
		abort();
	va_end(ap);
	hdf_set(hdf, key, v);
	free(v);
}

void hdf_set_int(HDF *hdf, const char *key, long long v)
{
	hdf_setf(hdf, key, "%lld", v);
}

HDF *render_new_hdf(void)
{
	HDF *hdf;
	NEOERR *err = hdf_init(&hdf);
	if (err) {
		nerr_ignore(&err);
		return NULL;
	}
	hdf_set(hdf, "Config.VarEscapeMode", "html");
	hdf_set(hdf, "hdf.loadpaths.0", config_str("Paths.Templates"));
	hdf_set(hdf, "Site.Name", config_str("Site.Name"));
	hdf_set(hdf, "Site.BaseURL", config_str("Site.BaseURL"));
	return hdf;
}

static NEOERR *append_output(void *ctx, char *s)
{
	return string_append((STRING *)ctx, s);
}

static void log_nerr(const char *what, NEOERR *err)
{
	STRING s;
	string_init(&s);
	nerr_error_string(err, &s);
	log_error("%s: %s", what, s.buf ? s.buf : "template error");
	string_clear(&s);
	nerr_ignore(&err);
}

char *render_template(HDF *hdf, const char *name, size_t *len)
{
	CSPARSE *cs = NULL;
	STRING out;
	string_init(&out);
	NEOERR *err = cs_init(&cs, hdf);
	if (!err)
		err = cgi_register_strfuncs(cs);
	if (!err)
		err = cs_parse_file(cs, name);
	if (!err)
		err = cs_render(cs, &out, append_output);
	cs_destroy(&cs);
	if (err) {
		log_nerr(name, err);
		string_clear(&out);
		return NULL;
	}
	*len = (size_t)out.len;
	if (!out.buf) {
		/* An empty template renders nothing; hand back an empty string. */
		char *empty = calloc(1, 1);
		if (!empty)
			abort();
		return empty;
	}
	return out.buf; /* STRING's buffer is malloc'd; the caller frees it */
}
