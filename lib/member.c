/* member.c: member records and the unique e-mail index. */
#include "member.h"

#include <stdlib.h>
#include <string.h>

int member_find_email(DB_TXN *txn, const char *email, uint64_t *id)
{
	void *val;
	size_t vlen;
	int rc = db_get(TBL_EMAILS, txn, email, strlen(email), &val, &vlen, 0);
	if (rc != 0)
		return rc;
	if (vlen == 8)
		*id = db_u64_key(val);
	free(val);
	return vlen == 8 ? 0 : DB_NOTFOUND;
}

int member_get(DB_TXN *txn, uint64_t id, struct rec *m, uint32_t flags)
{
	unsigned char key[8];
	db_key_u64(id, key);
	return db_get_rec(TBL_MEMBERS, txn, key, sizeof key, m, flags);
}

int member_put(DB_TXN *txn, uint64_t id, const struct rec *m)
{
	unsigned char key[8];
	db_key_u64(id, key);
	return db_put_rec(TBL_MEMBERS, txn, key, sizeof key, m, 0);
}

int member_insert(DB_TXN *txn, const struct rec *m, uint64_t *id)
{
	const char *email = rec_get(m, "email");
	uint64_t nid;
	int rc = db_next_id(txn, "member", &nid);
	if (rc != 0)
		return rc;
	unsigned char key[8];
	db_key_u64(nid, key);
	/* The index put fails with DB_KEYEXIST when the address is taken; the
	 * whole transaction (counter included) is then aborted. */
	rc = db_put(TBL_EMAILS, txn, email, strlen(email), key, sizeof key, DB_NOOVERWRITE);
	if (rc != 0)
		return rc;
	rc = member_put(txn, nid, m);
	if (rc == 0)
		*id = nid;
	return rc;
}
