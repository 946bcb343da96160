/* voucher.h: prepaid top-up vouchers, created by an operator and redeemed
 * once by a member.
 *
 * TBL_GENERIC "voucher:<code>" -> {amount, currency, created, note,
 * redeemed_by, redeemed_at}. A code is 16 characters from an alphabet
 * without look-alikes (no 0/O, 1/I), shown in groups of four:
 * "K7QX-M3PD-..."; redemption ignores case, blanks and dashes. The
 * ledger entry's cause is "voucher:<code>", kind "voucher". */
#ifndef CALLCARD_VOUCHER_H
#define CALLCARD_VOUCHER_H
#include <stddef.h>
#include <stdint.h>

#include "ledger.h"

#define VOUCHER_CODE_LEN 16
#define VOUCHER_SHOWN_LEN (VOUCHER_CODE_LEN + VOUCHER_CODE_LEN / 4 - 1)

/* A new voucher of amount (1..max_amount) minor units of the policy's
 * currency. shown (VOUCHER_SHOWN_LEN + 1 bytes) gets the grouped code. */
int voucher_create(const struct ledger_policy *pol, int64_t amount, const char *note,
		   char shown[VOUCHER_SHOWN_LEN + 1]);

/* Credit member with the voucher typed as code: LEDGER_UNKNOWN_VOUCHER,
 * LEDGER_VOUCHER_USED, LEDGER_UNKNOWN_MEMBER, LEDGER_CURRENCY or 0 with
 * *amount set. */
int voucher_redeem(const struct ledger_policy *pol, uint64_t member, const char *code,
		   int64_t *amount);

/* The canonical 16-character code of what a person typed; -1 when it
 * cannot be one. */
int voucher_normalize(const char *typed, char code[VOUCHER_CODE_LEN + 1]);

#endif
