/* card_dump.c: test tool. Prints what the database holds about cards:
 *   card_dump DBHOME card ID      -> "name=value" lines of the card record
 *   card_dump DBHOME buttons ID   -> "BUTTON kind mode payer number state"
 *                                    for every button of card ID (retired too)
 *   card_dump DBHOME button BID   -> "name=value" lines of one button
 *   card_dump DBHOME count        -> "cards N buttons N links N"
 *   card_dump DBHOME default MID  -> the default card id of member MID */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "card.h"
#include "db.h"
#include "rec.h"

static int print_button(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	struct rec b;
	if (rec_decode(&b, val, vlen) < 0)
		return 0;
	if (!strcmp(rec_get(&b, "card") ? rec_get(&b, "card") : "", (const char *)arg))
		printf("%.*s %s %s %s %s %s\n", (int)klen, (const char *)key, rec_get(&b, "kind"),
		       rec_get(&b, "mode"), rec_get(&b, "payer"), rec_get(&b, "number"),
		       rec_get(&b, "state"));
	rec_free(&b);
	return 0;
}

static int count(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	(void)key;
	(void)klen;
	(void)val;
	(void)vlen;
	(*(long *)arg)++;
	return 0;
}

static void print_rec(const struct rec *r)
{
	for (size_t i = 0; i < r->n; i++)
		printf("%s=%s\n", r->names[i], r->values[i]);
}

int main(int argc, char **argv)
{
	char err[256];
	if (argc < 3) {
		fprintf(stderr, "usage: card_dump DBHOME card ID|buttons ID|button BID|count\n");
		return 2;
	}
	if (db_open(argv[1], err, sizeof err) < 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	int rc = 0;
	struct rec r;
	if (!strcmp(argv[2], "card") && argc == 4) {
		unsigned char k[8];
		db_key_u64(strtoull(argv[3], NULL, 10), k);
		rc = db_get_rec(TBL_CARDS, NULL, k, 8, &r, 0);
		if (rc == 0) {
			print_rec(&r);
			rec_free(&r);
		}
	} else if (!strcmp(argv[2], "buttons") && argc == 4) {
		rc = db_each_prefix(TBL_BUTTONS, NULL, "", 0, print_button, argv[3]);
	} else if (!strcmp(argv[2], "button") && argc == 4) {
		rc = db_get_rec(TBL_BUTTONS, NULL, argv[3], strlen(argv[3]), &r, 0);
		if (rc == 0) {
			print_rec(&r);
			rec_free(&r);
		}
	} else if (!strcmp(argv[2], "default") && argc == 4) {
		printf("%llu\n", (unsigned long long)card_default(NULL, strtoull(argv[3], NULL, 10)));
	} else if (!strcmp(argv[2], "count")) {
		long n[3] = {0, 0, 0};
		db_each_prefix(TBL_CARDS, NULL, "", 0, count, &n[0]);
		db_each_prefix(TBL_BUTTONS, NULL, "", 0, count, &n[1]);
		db_each_prefix(TBL_CARD_LINKS, NULL, "", 0, count, &n[2]);
		printf("cards %ld buttons %ld links %ld\n", n[0], n[1], n[2]);
	} else {
		fprintf(stderr, "unknown command\n");
		rc = 2;
	}
	db_close();
	if (rc == DB_NOTFOUND) {
		fprintf(stderr, "not found\n");
		return 1;
	}
	return rc ? 1 : 0;
}
