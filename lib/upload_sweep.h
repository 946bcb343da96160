/* upload_sweep.h: removing uploaded images no card uses any more.
 *
 * Images live under Paths.Uploads with random names (image.h) and are
 * referenced by cards (fields logo, bgimage, image1, image2). Mails
 * already sent link to them too, so an image a card stops using (replaced
 * or the card deleted) is only marked: card_save() and card_delete()
 * write TBL_GENERIC "upload:dropped:<name>" -> unix seconds in the same
 * transaction. The nightly sweep removes
 *   - a dropped image, unused by every card, keep_days after it was
 *     dropped (mails sent before still show it until then);
 *   - an image no card ever used (the form that uploaded it was refused)
 *     a day after it was written.
 * An image in use is never removed, and a mark whose image is in use
 * again is cleared. */
#ifndef CALLCARD_UPLOAD_SWEEP_H
#define CALLCARD_UPLOAD_SWEEP_H
#include <stddef.h>
#include <time.h>
#include "db.h"

struct rec;

/* Inside txn: marks the images of old that next no longer uses (next may
 * be NULL: the card is deleted). */
int upload_mark_dropped(DB_TXN *txn, const struct rec *old, const struct rec *next, time_t now);

struct upload_sweep_result {
	size_t removed, kept, in_use;
};
/* Sweeps dir as of now. 0, or -1 with err (nothing half-done matters:
 * each removal stands on its own). */
int upload_sweep(const char *dir, time_t now, int keep_days, struct upload_sweep_result *out,
		 char *err, size_t errlen);

#endif
