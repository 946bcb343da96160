/* member.h: member accounts (TBL_MEMBERS) and their e-mail index.
 *
 * Member record fields: name, email, phone (E.164), password (hash),
 * created (unix seconds), lang; admin = "1" for an operator, who may use
 * the /admin pages (set by callcard-admin grant-admin, absent otherwise). */
#ifndef CALLCARD_MEMBER_H
#define CALLCARD_MEMBER_H
#include <stdint.h>

#include "db.h"

/* Writes a new member and its e-mail index in txn. DB_KEYEXIST when the
 * e-mail is taken. */
int member_insert(DB_TXN *txn, const struct rec *m, uint64_t *id);
int member_get(DB_TXN *txn, uint64_t id, struct rec *m, uint32_t flags);
int member_put(DB_TXN *txn, uint64_t id, const struct rec *m);
/* 0 and *id, or DB_NOTFOUND. email already lower-cased. */
int member_find_email(DB_TXN *txn, const char *email, uint64_t *id);

#endif
