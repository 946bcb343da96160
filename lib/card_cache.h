/* card_cache.h: forgetting nginx's copies of a live card.
 *
 * nginx keeps each public card page for a second (fastcgi_cache in
 * etc/nginx-callcard.conf, zone "livecards" in Paths.Run/cardcache). Its
 * expiry counts whole seconds, so a copy can live almost two; after an
 * edit or a delete the card program removes the copies itself, and the
 * next visitor gets the new version at once. nginx names a cache file by
 * the MD5 of its key ("$request_method $request_uri") and, with
 * levels=1:2, files it under the key's last hex digit, then the two
 * before it. */
#ifndef CALLCARD_CARD_CACHE_H
#define CALLCARD_CARD_CACHE_H

/* Removes the cached page, vCard and QR code of the card at token, for
 * GET and HEAD. Returns how many files were removed. */
int card_cache_forget(const char *token);

/* Exposed for tests: the cache file path of key under dir. */
void card_cache_path(const char *dir, const char *key, char *out, unsigned long outlen);

#endif
