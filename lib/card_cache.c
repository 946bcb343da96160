/* card_cache.c: removing nginx's cached copies of a card (MD5 by libcrypto). */
#include "card_cache.h"

#include <openssl/evp.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "config.h"

void card_cache_path(const char *dir, const char *key, char *out, unsigned long outlen)
{
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int mdlen = 0;
	char hex[33] = "";
	if (EVP_Digest(key, strlen(key), md, &mdlen, EVP_md5(), NULL) == 1 && mdlen == 16)
		for (int i = 0; i < 16; i++)
			snprintf(hex + 2 * i, 3, "%02x", md[i]);
	snprintf(out, outlen, "%s/%c/%.2s/%s", dir, hex[31], hex + 29, hex);
}

int card_cache_forget(const char *token)
{
	static const char *const methods[] = {"GET", "HEAD"};
	static const char *const parts[] = {"", "/vcard", "/qr.png"};
	char run[4096], dir[4200], key[256], path[4400];
	snprintf(dir, sizeof dir, "%s/cardcache", config_path("Paths.Run", run, sizeof run));
	int removed = 0;
	for (int m = 0; m < 2; m++)
		for (int p = 0; p < 3; p++) {
			snprintf(key, sizeof key, "%s /c/%s%s", methods[m], token, parts[p]);
			card_cache_path(dir, key, path, sizeof path);
			removed += unlink(path) == 0;
		}
	return removed;
}
