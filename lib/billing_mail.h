/* billing_mail.h: the mails of the nightly billing run, queued through
 * lib/mailq: low-balance notices and monthly statements
 * (templates/mail_lowbalance*.cs, templates/mail_statement*.cs).
 *
 * Each mail is queued in the same transaction as the record that says it
 * was sent, so a second run sends nothing new:
 *   TBL_GENERIC "lowbal:<member>"           -> {available, currency, mail, time}
 *       a notice was sent and the member is still below the threshold;
 *       deleted once their available money is back at or above it, so
 *       the next fall below sends one notice again.
 *   TBL_GENERIC "stmt:<member>:<yyyy-mm>"   -> {mail, time}
 *       the statement of that month was sent (exactly once). */
#ifndef CALLCARD_BILLING_MAIL_H
#define CALLCARD_BILLING_MAIL_H
#include <stddef.h>
#include <stdint.h>

#include "ledger.h"

/* What a call did. */
enum billing_mail_result {
	BILLING_MAIL_NONE,      /* nothing to send or to change */
	BILLING_MAIL_SENT,      /* a mail was queued (and recorded) */
	BILLING_MAIL_REARMED,   /* back above the threshold: the record removed */
	BILLING_MAIL_ALREADY,   /* sent before, nothing written */
};

/* The low-balance notice of member: queued when their available money
 * (balance - held, read in the transaction) is below pol->low_balance
 * and no notice is recorded; the record removed when it is not below.
 * Nothing when pol->low_balance is 0 or the member never had money.
 * dry_run: decide only. 0 with *res, or an error (LEDGER_*, DB, or -1
 * for a mail that cannot be composed, logged). */
int billing_mail_low_balance(const struct ledger_policy *pol, uint64_t member, int dry_run,
			     enum billing_mail_result *res);

/* A calendar month, UTC. */
struct billing_month {
	int year, month; /* month 1..12 */
};
/* "YYYY-MM" (2000..9999, 01..12): 0, else -1. */
int billing_month_parse(const char *s, struct billing_month *m);
/* The month before the one of unix time now (UTC). */
void billing_month_before(long long now, struct billing_month *m);

/* The statement of member for month: opening balance, every ledger
 * movement of the month, closing balance and mileage. Queued once per
 * (member, month); nothing for a month without movements. */
int billing_mail_statement(const struct ledger_policy *pol, uint64_t member,
			   const struct billing_month *month, int dry_run,
			   enum billing_mail_result *res);


#endif
