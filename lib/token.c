/* token.c: random tokens, hashes and MACs, all through libsodium. */
#include "token.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"

static unsigned char service_secret[crypto_auth_hmacsha256_KEYBYTES];

static void b64(const unsigned char *bin, size_t len, char out[TOKEN_LEN])
{
	sodium_bin2base64(out, TOKEN_LEN, bin, len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void token_new(char out[TOKEN_LEN])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	b64(raw, sizeof raw, out);
}

void token_hash(const char *s, char out[65])
{
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)s, strlen(s), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof h);
}

void token_mac(const char *msg, char out[TOKEN_LEN])
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256(mac, (const unsigned char *)msg, strlen(msg), service_secret);
	b64(mac, sizeof mac, out);
}

int token_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la != lb)
		return 0;
	return sodium_memcmp(a, b, la) == 0;
}

void token_secret_set(const unsigned char key[32])
{
	memcpy(service_secret, key, sizeof service_secret);
}

static int secret_txn(DB_TXN *txn, void *arg)
{
	(void)arg;
	void *val;
	size_t vlen;
	int rc = db_get(TBL_META, txn, "secret", 6, &val, &vlen, DB_RMW);
	if (rc == 0) {
		if (vlen == sizeof service_secret)
			memcpy(service_secret, val, vlen);
		free(val);
		return vlen == sizeof service_secret ? 0 : -1;
	}
	if (rc != DB_NOTFOUND)
		return rc;
	randombytes_buf(service_secret, sizeof service_secret);
	return db_put(TBL_META, txn, "secret", 6, service_secret, sizeof service_secret, 0);
}

int token_secret_load(void)
{
	return db_txn_run(secret_txn, NULL);
}
