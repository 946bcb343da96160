/* card_form.h: the card makers' forms, checked at the edge.
 *
 * Each function reads the request's fields by a rule table (lib/form.h),
 * puts errors into Errors.<field> and the input into Form.<field>, and on
 * success fills the card record's fields. Uploaded images are stored only
 * when every other field is valid. They return the number of errors. */
#ifndef CALLCARD_CARD_FORM_H
#define CALLCARD_CARD_FORM_H
#include "rec.h"
#include "request.h"

/* Quick maker: design, name, company, title, office, mobile, lang. */
int card_form_quick(struct request *r, struct rec *card);
/* Full editor, step 1: items with their checkboxes, the call part, the
 * language. card holds the stored card when editing (logo kept). */
int card_form_content(struct request *r, struct rec *card);
/* Full editor, step 2: layout, background, type, text boxes, images. */
int card_form_look(struct request *r, struct rec *card);

/* The stored card's values as Form.* for the editor's pages. */
void card_form_fill(struct request *r, const struct rec *card);

/* Checkers (exposed for tests). */
int check_web_url(const char *in, char *out, size_t outlen, char *why, size_t whylen);
int check_postcode(const char *in, char *out, size_t outlen, char *why, size_t whylen);

#endif
