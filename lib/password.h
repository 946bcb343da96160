/* password.h: password hashing with libsodium's crypto_pwhash_str. */
#ifndef CALLCARD_PASSWORD_H
#define CALLCARD_PASSWORD_H

#define PASSWORD_HASH_LEN 128
/* 0, or -1 when out of memory. */
int password_hash(const char *password, char out[PASSWORD_HASH_LEN]);
int password_verify(const char *hash, const char *password); /* 1 = matches */

#endif
