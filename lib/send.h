/* send.h: sending a card by e-mail: the recipients' list, the
 * unsubscribe register, the mail's two parts and the queueing of a
 * sending in one transaction.
 *
 * Stored besides TBL_SENDS and TBL_MAILQ (see mailq.h), in TBL_GENERIC:
 *   "sends:<owner>:<send id, 8 bytes BE>" -> ""  (the owner's sendings)
 *   "sendday:<owner>:<yyyymmdd>"          -> count of card mails that day
 *   "unsubtok:<token>"                    -> "<owner> <address>"
 *   "unsub:<owner>:<address>"             -> unix time it was asked
 * A sending's record also keeps "mails" (its queue ids, space-separated)
 * and "card_name". */
#ifndef CALLCARD_SEND_H
#define CALLCARD_SEND_H
#include <stddef.h>
#include <stdint.h>

#include "db.h"
#include "token.h"

/* Return codes of send_queue besides 0 and DB errors. */
enum { SEND_OVER_DAY = 429, SEND_UNSUBSCRIBED = 410 };

/* ---- recipients (send_rcpt.c) ---- */
struct send_rcpts {
	size_t n;
	char **addr; /* checked, lower-case, no duplicates */
};
/* Splits a comma-separated list, checks and de-duplicates it. Returns 0,
 * or -1 with a message naming the bad part in why (nothing kept). */
int send_rcpts_parse(const char *in, long max, struct send_rcpts *out, char *why, size_t whylen);
void send_rcpts_free(struct send_rcpts *l);

/* ---- unsubscribe register (send_unsub.c) ---- */
/* The token of (owner, address): a MAC, the same every time. */
void send_unsub_token(uint64_t owner, const char *addr, char out[TOKEN_LEN]);
/* Remembers the token so that its URL can be answered. */
int send_unsub_remember(DB_TXN *txn, uint64_t owner, const char *addr);
/* The (owner, address) of a token; DB_NOTFOUND for an unknown one. */
int send_unsub_lookup(DB_TXN *txn, const char *token, uint64_t *owner, char *addr,
		      size_t addrlen);
int send_unsub_set(DB_TXN *txn, uint64_t owner, const char *addr);
/* 1 when addr asked for no more mail from owner, 0 when not, <0 on error. */
int send_unsub_is(DB_TXN *txn, uint64_t owner, const char *addr);

/* ---- the card mail (send_mail.c) ---- */
typedef struct _hdf HDF;
/* Data for the mail templates: the card (Card.*), the owner's name and
 * the message. Caller destroys it. NULL when the card cannot be read. */
HDF *send_mail_hdf(uint64_t card_id, const char *owner_name, const char *message);
/* Renders both parts for one recipient (unsub_url may be NULL for the
 * owner's own copy). 0, or -1 on a template error. */
int send_mail_render(HDF *hdf, const char *unsub_url, char **html, char **text);

/* ---- queueing (send_queue.c) ---- */
struct send_job {
	uint64_t owner, card;
	const char *owner_name, *owner_email;
	const char *card_name, *subject, *message;
	const struct send_rcpts *to;
	uint64_t id;       /* out: the sending */
	char *bad;         /* out on SEND_UNSUBSCRIBED: the address (malloc'd) */
};
/* Renders and queues a sending: the TBL_SENDS record and one queue entry
 * per recipient in one transaction, counted against Mail.MaxPerDay. */
int send_queue(struct send_job *job);
/* Mails a newly issued card to its owner (a sending of one). */
int send_issued_card(uint64_t owner, uint64_t card);

#endif
