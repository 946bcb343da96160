/* send_unsub.c: who asked for no more mail from which owner. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "send.h"

void send_unsub_token(uint64_t owner, const char *addr, char out[TOKEN_LEN])
{
	char msg[320];
	snprintf(msg, sizeof msg, "unsub:%llu:%s", (unsigned long long)owner, addr);
	token_mac(msg, out);
}

int send_unsub_remember(DB_TXN *txn, uint64_t owner, const char *addr)
{
	char tok[TOKEN_LEN], key[64], val[300];
	send_unsub_token(owner, addr, tok);
	snprintf(key, sizeof key, "unsubtok:%s", tok);
	int n = snprintf(val, sizeof val, "%llu %s", (unsigned long long)owner, addr);
	return db_put(TBL_GENERIC, txn, key, strlen(key), val, (size_t)n, 0);
}

int send_unsub_lookup(DB_TXN *txn, const char *token, uint64_t *owner, char *addr,
		      size_t addrlen)
{
	char key[64];
	if (strlen(token) != TOKEN_LEN - 1)
		return DB_NOTFOUND;
	snprintf(key, sizeof key, "unsubtok:%s", token);
	void *v;
	size_t vlen;
	int rc = db_get(TBL_GENERIC, txn, key, strlen(key), &v, &vlen, 0);
	if (rc != 0)
		return rc;
	char val[300];
	snprintf(val, sizeof val, "%.*s", (int)vlen, (const char *)v);
	free(v);
	char *sp = strchr(val, ' ');
	if (!sp)
		return DB_NOTFOUND;
	*sp = '\0';
	*owner = strtoull(val, NULL, 10);
	snprintf(addr, addrlen, "%s", sp + 1);
	return 0;
}

static void unsub_key(uint64_t owner, const char *addr, char *key, size_t keylen)
{
	snprintf(key, keylen, "unsub:%llu:%s", (unsigned long long)owner, addr);
}

int send_unsub_set(DB_TXN *txn, uint64_t owner, const char *addr)
{
	char key[320], val[24];
	unsub_key(owner, addr, key, sizeof key);
	int n = snprintf(val, sizeof val, "%lld", (long long)time(NULL));
	int rc = db_put(TBL_GENERIC, txn, key, strlen(key), val, (size_t)n, DB_NOOVERWRITE);
	return rc == DB_KEYEXIST ? 0 : rc;
}

int send_unsub_is(DB_TXN *txn, uint64_t owner, const char *addr)
{
	char key[320];
	unsub_key(owner, addr, key, sizeof key);
	void *v;
	size_t vlen;
	int rc = db_get(TBL_GENERIC, txn, key, strlen(key), &v, &vlen, 0);
	if (rc == 0) {
		free(v);
		return 1;
	}
	return rc == DB_NOTFOUND ? 0 : (rc > 0 ? -rc : rc);
}
