/* card.h: business cards (TBL_CARDS), their public links (TBL_CARD_LINKS),
 * their call buttons (TBL_BUTTONS) and each owner's list (TBL_GENERIC).
 *
 * Card record fields:
 *   owner, token, state (draft|live), lang (en|ko), design, version,
 *   created, updated, buttons (button ids, space-separated, in order);
 *   items: name; show_company company; show_dept dept; show_title title;
 *   show_address postcode address; show_fax fax fax_text; show_email email;
 *   show_web web; show_logo logo (image file name);
 *   call part: office office_text office_modes office_payer, mobile ...
 *   (numbers in E.164, the *_text as typed; modes phone|pc|both; payer
 *   owner|recipient|split), button_style;
 *   look: layout bg pattern bgimage color accent font size bold italic
 *   underline align links text1 text2 image1 image2.
 *
 * Button record fields: card, kind (office|mobile), number (E.164), mode
 * (phone|pc), payer (owner|recipient|split), style, state (live|retired),
 * created. A button keeps its id while the card is edited and its number
 * kind and mode stay; one that is dropped is retired, not deleted, so that
 * links already sent out get a clear answer. */
#ifndef CALLCARD_CARD_H
#define CALLCARD_CARD_H
#include <stddef.h>
#include <stdint.h>

#include "db.h"

/* Return codes besides 0 and DB errors (DB_NOTFOUND: no such card). */
enum { CARD_FORBIDDEN = 403, CARD_NO_BUTTON = 422 };

#define CARD_BUTTON_ID_LEN 23 /* 22 random URL-safe chars + NUL */
#define CARD_MAX_BUTTONS 4

/* Creates (*id == 0; *id set) or replaces card *id of owner, issuing or
 * keeping the ids of its call buttons. card gets the stored fields (token,
 * buttons, version, ...). CARD_FORBIDDEN when the card is someone else's,
 * CARD_NO_BUTTON when it would have no call button. */
int card_save(DB_TXN *txn, uint64_t owner, uint64_t *id, struct rec *card);
int card_get(DB_TXN *txn, uint64_t id, struct rec *card);
/* The owner's card, or DB_NOTFOUND / CARD_FORBIDDEN. */
int card_get_owned(DB_TXN *txn, uint64_t owner, uint64_t id, struct rec *card);
int card_find_token(DB_TXN *txn, const char *token, uint64_t *id);
int card_delete(DB_TXN *txn, uint64_t owner, uint64_t id);

/* The owner's card ids, oldest first (malloc'd array in *ids). */
int card_list(uint64_t owner, uint64_t **ids, size_t *n);
int card_set_default(DB_TXN *txn, uint64_t owner, uint64_t id);
/* The default card id, 0 when none. */
uint64_t card_default(DB_TXN *txn, uint64_t owner);

int card_button_get(DB_TXN *txn, const char *id, struct rec *b);

#endif
