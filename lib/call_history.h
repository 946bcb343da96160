/* call_history.h: the calls made through an owner's cards, for the owner. */
#ifndef CALLCARD_CALL_HISTORY_H
#define CALLCARD_CALL_HISTORY_H
#include <stdint.h>

typedef struct _hdf HDF;

/* Fills prefix.<card>.name/token and prefix.<card>.calls.<n>.{when, masked,
 * outcome, duration, cost} for each of owner's cards, newest call first.
 * 0 or a DB error. */
int call_history_to_hdf(HDF *hdf, const char *prefix, uint64_t owner);

#endif
