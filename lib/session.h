/* session.h: login sessions. The browser holds a random token in an
 * HttpOnly, SameSite=Lax cookie; the database holds only its hash.
 *
 * TBL_SESSIONS keys: "s:<hash>" -> rec {member, created, expires};
 * "m:<member id hex>:<hash>" -> "" (to end all of a member's sessions). */
#ifndef CALLCARD_SESSION_H
#define CALLCARD_SESSION_H
#include <stdint.h>

#include "db.h"
#include "request.h"
#include "token.h"

#define SESSION_COOKIE "cc_session"

/* Creates a session in txn; token gets the cookie value. */
int session_create(DB_TXN *txn, uint64_t member_id, char token[TOKEN_LEN], char hash[65]);
/* Reads the cookie; on a live session sets r->member_id, r->member,
 * r->session_hash. Expired sessions count as none. */
void session_load(struct request *r);
int session_delete(DB_TXN *txn, const char *hash, uint64_t member_id);
/* Ends every session of member except keep_hash (may be NULL). */
int session_delete_others(DB_TXN *txn, uint64_t member_id, const char *keep_hash);

#endif
