/* render.h: ClearSilver rendering with HTML escaping on by default. */
#ifndef CALLCARD_RENDER_H
#define CALLCARD_RENDER_H
#include <stddef.h>

typedef struct _hdf HDF;

/* New per-request data tree: escaping mode, template load path, site
 * settings. Caller destroys with hdf_destroy(). */
HDF *render_new_hdf(void);
/* Renders templates/<name> with hdf into a malloc'd string (*len set).
 * NULL on a template error (logged). */
char *render_template(HDF *hdf, const char *name, size_t *len);
/* Convenience setters that ignore ClearSilver's error objects. */
void hdf_set(HDF *hdf, const char *key, const char *value);
void hdf_setf(HDF *hdf, const char *key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void hdf_set_int(HDF *hdf, const char *key, long long v);

#endif
