/* order_dump.c: test tool. Prints what the dialer stored for an order:
 *   order_dump DBHOME ID     -> "event SEQ STATE CAUSE" lines, then
 *                               "cdr NAME=VALUE" lines, then "cdrs N"
 *   order_dump DBHOME --unfinished -> ids of orders not ended
 *   order_dump DBHOME --states     -> "ID STATE" for every order */
#include <stdio.h>
#include <string.h>

#include "db.h"
#include "rec.h"

static int print_event(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	struct rec r;
	(void)key;
	(void)klen;
	(void)arg;
	if (rec_decode(&r, val, vlen) < 0)
		return 0;
	printf("event %s %s %s %s\n", rec_get(&r, "seq"), rec_get(&r, "state"),
	       rec_get(&r, "cause") ? rec_get(&r, "cause") : "-", rec_get(&r, "t"));
	rec_free(&r);
	return 0;
}

static int print_unfinished(const void *key, size_t klen, const void *val, size_t vlen,
			    void *arg)
{
	struct rec r;
	if (rec_decode(&r, val, vlen) < 0)
		return 0;
	const char *state = rec_get(&r, "state") ? rec_get(&r, "state") : "";
	if (arg)
		printf("%.*s %s\n", (int)klen, (const char *)key, state);
	else if (strcmp(state, "ended"))
		printf("%.*s\n", (int)klen, (const char *)key);
	rec_free(&r);
	return 0;
}

static int count(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	(void)key;
	(void)klen;
	(void)val;
	(void)vlen;
	(*(int *)arg)++;
	return 0;
}

int main(int argc, char **argv)
{
	char err[256];
	if (argc != 3) {
		fprintf(stderr, "usage: order_dump DBHOME ID|--unfinished|--states\n");
		return 2;
	}
	if (db_open(argv[1], err, sizeof err) < 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	if (!strcmp(argv[2], "--unfinished") || !strcmp(argv[2], "--states")) {
		db_each_prefix(TBL_ORDERS, NULL, "", 0, print_unfinished,
			       argv[2][2] == 's' ? argv[2] : NULL);
		db_close();
		return 0;
	}
	const char *id = argv[2];
	db_each_prefix(TBL_ORDER_EVENTS, NULL, id, strlen(id) + 1, print_event, NULL);
	struct rec r;
	if (db_get_rec(TBL_CDRS, NULL, id, strlen(id), &r, 0) == 0) {
		for (size_t i = 0; i < r.n; i++)
			printf("cdr %s=%s\n", r.names[i], r.values[i]);
		rec_free(&r);
	}
	int n = 0;
	db_each_prefix(TBL_CDRS, NULL, id, strlen(id), count, &n);
	printf("cdrs %d\n", n);
	db_close();
	return 0;
}
