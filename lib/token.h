/* token.h: random tokens, their stored hashes, and keyed MACs (libsodium). */
#ifndef CALLCARD_TOKEN_H
#define CALLCARD_TOKEN_H
#include <stddef.h>

/* 32 random bytes as URL-safe base64 without padding (43 chars + NUL). */
#define TOKEN_LEN 44
#define TOKEN_CHARS "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
void token_new(char out[TOKEN_LEN]);
/* Hex BLAKE2b-256 of s: what is stored instead of a bearer token. */
void token_hash(const char *s, char out[65]);
/* URL-safe base64 HMAC-SHA256 of msg under the service secret. */
void token_mac(const char *msg, char out[TOKEN_LEN]);
/* Constant-time string comparison. */
int token_equal(const char *a, const char *b);
/* Loads or creates the service secret in the database; call after db_open. */
int token_secret_load(void);
/* Exposed for tests: set the secret directly. */
void token_secret_set(const unsigned char key[32]);

#endif
