/* call_mail.h: the notices the call pages send by e-mail. */
#ifndef CALLCARD_CALL_MAIL_H
#define CALLCARD_CALL_MAIL_H
#include <stdint.h>

/* A call through the owner's card was refused for credit: tells the owner
 * and, when recipient_email is a valid address, the recipient; both are
 * queued in one transaction. 0 or an error (logged). */
int call_mail_refused(uint64_t owner, const char *card_name, const char *recipient_email);

#endif
