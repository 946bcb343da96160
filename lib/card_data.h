/* card_data.h: the design data of cards (templates/designs.hdf and
 * templates/labels.hdf), loaded once per process and checked, and a card
 * put into a page's HDF for the card templates. */
#ifndef CALLCARD_CARD_DATA_H
#define CALLCARD_CARD_DATA_H
#include <stdint.h>

#include "rec.h"

typedef struct _hdf HDF;

/* Loads and checks both files from Paths.Templates. 0 or -1 (logged). */
int card_data_load(void);
/* 1 when key names an entry of a list ("Designs", "Fonts", "Patterns",
 * "Layouts", "Sizes", "Aligns", "ButtonStyles", "Languages"). */
int card_data_has(const char *list, const char *key);
/* Copies the lists into hdf (for galleries and the editor's choices). */
void card_data_to_hdf(HDF *hdf);
/* Copies the look of a design (layout, colours, font, ...) into card. */
void card_apply_design(struct rec *card, const char *design);

/* Puts card id into hdf at prefix: every stored field, its link (url),
 * the labels of its language (prefix.L), its font stack and its live
 * buttons (prefix.Buttons.N.id/kind/mode/payer/number). */
void card_to_hdf(HDF *hdf, const char *prefix, uint64_t id, const struct rec *card);

/* The gallery's sample person in design's look, with an office and a
 * mobile button (no ids: a preview, not a card). */
void card_sample_to_hdf(HDF *hdf, const char *prefix, const char *design);

/* 1 when s is a colour "#rrggbb". */
int card_colour_valid(const char *s);

#endif
