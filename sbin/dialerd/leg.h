/* leg.h: the SIP side of one leg (an outgoing INVITE dialog through nua). */
#ifndef DIALERD_LEG_H
#define DIALERD_LEG_H
#include "call.h"

struct dialer;

/* Picks the gateway (numbers) or takes the URI (pc mode), opens media and
 * sends the INVITE. Returns 0, or -1 when nothing could be dialed: then the
 * leg is LEG_DONE with its outcome set and the caller reports the end. */
int leg_dial(struct dialer *d, struct leg *l);
/* Ends an active leg: CANCEL while it rings, BYE once up (nothing for an
 * idle or finished leg). outcome is kept only when the leg has none yet. */
void leg_hangup(struct leg *l, const char *outcome);
/* 1 while the leg has a dialog under way (not idle, not done). */
int leg_active(const struct leg *l);
/* Events of nua handles that belong to legs. */
void leg_event(struct dialer *d, struct leg *l, nua_event_t event, int status,
	       const char *phrase, nua_handle_t *nh, const sip_t *sip, tagi_t tags[]);
/* Reset a finished leg so it can be dialed again (owner fallback). */
void leg_reset(struct leg *l, const char *target);

#endif
