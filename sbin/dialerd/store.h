/* store.h: durable order records, state events and CDRs in Berkeley DB. */
#ifndef DIALERD_STORE_H
#define DIALERD_STORE_H
#include "call.h"
#include "rec.h"

/* Writes the order record (state queued, seq 1) and its first event in one
 * transaction, before anything is dialed. Returns 0, 1 when an order with
 * this id exists already (never dialed twice), -1 on a database error. */
int store_order_new(struct order *o);
/* Appends state (cause may be NULL) as the next event and updates the
 * order record. 0 or -1. */
int store_event(struct order *o, const char *state, const char *cause);
/* Keeps what a restarted dialer needs to BYE an answered leg. */
int store_leg_dialog(struct order *o, struct leg *l, const sip_t *sip);
/* Before a leg's INVITE is sent: its Request-URI (also where it goes, and
 * its To), Call-ID and From (with tag), committed synchronously. 0/-1. */
int store_leg_invite(struct order *o, struct leg *l, const char *call_id, const char *from);
/* The INVITE's top Via and CSeq, as echoed by its first provisional answer
 * (nta picks the branch when it sends): completes what a CANCEL needs. */
int store_leg_invite_via(struct order *o, struct leg *l, const sip_t *sip);
/* Writes the CDR and the final "ended" event in one transaction. */
int store_order_end(struct order *o);
/* Reads the last state/cause/seq of an order that is no longer in memory
 * into the buffers. 0, 1 when unknown, -1 on error. */
int store_order_state(const char *id, char *state, size_t slen, char *cause, size_t clen,
		      unsigned *seq);

/* Calls fn for each order whose record is not ended (after a crash). */
typedef void (*store_orphan_fn)(const char *id, const struct rec *r, void *arg);
int store_each_unfinished(store_orphan_fn fn, void *arg);
/* What recovery learnt of a leg: outcome NULL keeps the default. */
struct orphan_leg {
	const char *outcome;
	int status;
};
/* Closes an orphaned order: ended event with cause, and a CDR built from
 * the order record (legs[0] owner, legs[1] recipient); written once (a CDR
 * that exists is kept). */
int store_close_orphan(const char *id, const char *cause, const struct orphan_leg legs[2]);

#endif
