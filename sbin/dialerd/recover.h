/* recover.h: after a crash, end what the previous dialer left behind. */
#ifndef DIALERD_RECOVER_H
#define DIALERD_RECOVER_H

struct dialer;

/* For every order not ended in the database: send BYE to each answered
 * leg it recorded, then close the order with cause dialer_restart and one
 * CDR. Orders are never dialed again. */
void recover_orphans(struct dialer *d);

#endif
