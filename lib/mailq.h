/* mailq.h: the mail queue in Berkeley DB (TBL_MAILQ), drained by
 * sbin/mailq through msmtp.
 *
 * Entry (u64 id -> rec): to, message (the composed RFC 5322 text), state
 * queued|sending|sent|failed, attempts, next_try (unix s), created, done_at,
 * error (last reason), send (the sending it belongs to, may be empty),
 * kind (card|notice|...).
 *
 * Sendings (TBL_SENDS, u64 id -> rec): owner, card, subject, total, sent,
 * failed, created, notice (1 once the completion notice is queued). */
#ifndef CALLCARD_MAILQ_H
#define CALLCARD_MAILQ_H
#include <stdint.h>

#include "db.h"
#include "mail.h"

/* Composes m and queues it in txn. send may be 0. Returns 0, -1 with err
 * for a message that cannot be composed, or a DB error. */
int mailq_enqueue(DB_TXN *txn, const struct mail *m, uint64_t send, const char *kind,
		  uint64_t *id, char *err, size_t errlen);

/* Records the outcome of one delivery in txn: sent (ok), failed for good,
 * or back to the queue to try again at next_try. Updates the sending's
 * counters and, when it is complete, queues the owner's completion notice.
 * Idempotent: an entry already sent or failed is left alone. */
enum mailq_outcome { MAILQ_SENT, MAILQ_RETRY, MAILQ_FAILED };
int mailq_finish(DB_TXN *txn, uint64_t id, enum mailq_outcome outcome, const char *reason,
		 long next_try);

#endif
