/* recover.h: after a crash, end what the previous dialer left behind. */
#ifndef DIALERD_RECOVER_H
#define DIALERD_RECOVER_H

struct dialer;

/* For every order not ended in the database: CANCEL each leg left ringing
 * (before the SIP stack starts: waits up to Dialer.RecoverWaitMs for their
 * INVITEs to end), send BYE to each answered leg it recorded, then close
 * the order with cause dialer_restart and one CDR. Orders are never dialed
 * again. */
void recover_orphans(struct dialer *d);
/* BYE, built from the stored dialog, to leg role ('A'/'B') of order id:
 * for a dialog the SIP stack has already dropped. 0 or -1. */
int recover_bye_leg(struct dialer *d, const char *id, char role, const char *reason);

#endif
