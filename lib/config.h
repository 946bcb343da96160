/* config.h: the operator's HDF configuration over embedded defaults.
 *
 * config_load() reads the embedded defaults, then the file named by
 * $CALLCARD_CONFIG (or CC_SYSCONFDIR/callcard.hdf when it exists) on top,
 * then checks every known key against its rule. A bad value is reported
 * with the key and the reason and the program refuses to start. */
#ifndef CALLCARD_CONFIG_H
#define CALLCARD_CONFIG_H
#include <stddef.h>

typedef struct _hdf HDF;

/* Returns 0, or -1 with a message in err. */
int config_load(char *err, size_t errlen);
void config_free(void);

const char *config_str(const char *key);  /* never NULL for a known key */
long config_int(const char *key);         /* validated at load */
HDF *config_hdf(void);                    /* the whole tree, read-only */

/* Absolute path of a configured path key, relative ones resolved against
 * the state directory (Paths.*). */
const char *config_path(const char *key, char *buf, size_t buflen);

#endif
