/* password.c: argon2id via crypto_pwhash_str, interactive limits. */
#include "password.h"

#include <sodium.h>
#include <string.h>

_Static_assert(crypto_pwhash_STRBYTES <= PASSWORD_HASH_LEN, "hash buffer too small");

int password_hash(const char *password, char out[PASSWORD_HASH_LEN])
{
	return crypto_pwhash_str(out, password, strlen(password),
				 crypto_pwhash_OPSLIMIT_INTERACTIVE,
				 crypto_pwhash_MEMLIMIT_INTERACTIVE);
}

int password_verify(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}
