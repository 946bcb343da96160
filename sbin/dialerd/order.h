/* order.h: one call order's state machine, driven by its legs' events. */
#ifndef DIALERD_ORDER_H
#define DIALERD_ORDER_H
#include "call.h"

struct dialer;

/* Takes a validated order: stores it durably (state queued). Returns the
 * order, or NULL with *code set ("duplicate", "busy", "draining",
 * "store_failed"). order_start() then dials; call it after replying. */
struct order *order_place(struct dialer *d, const struct order_req *req, const char **code);
void order_start(struct order *o);
struct order *order_find(struct dialer *d, const char *id);
/* The recipient (or the web side) cancels: CANCEL/BYE whatever is up. */
void order_cancel(struct order *o);
/* Ends every order now with cause (shutdown after the drain limit). */
void order_hangup_all(struct dialer *d, const char *cause);
/* Frees orders that have ended (called from the housekeeping timer). */
void order_reap(struct dialer *d);
/* Ends joined calls whose RTP stopped (Dialer.MediaTimeoutMs); called
 * about once a second. */
void order_check_media(struct dialer *d);

/* Leg events (from leg.c and media.c). */
void order_on_ringing(struct order *o, struct leg *l);
void order_on_answer(struct order *o, struct leg *l);
void order_on_digit(struct order *o, struct leg *l, char digit);
void order_on_leg_end(struct order *o, struct leg *l);

#endif
