/* mail_enqueue.c: test tool: queue a sending of N messages, or list the
 * queue, on the database of a running instance.
 *
 *   mail_enqueue send OWNER_ID COUNT ADDRESS-PATTERN [SUBJECT]
 *       (ADDRESS-PATTERN holds one %d for the recipient's number)
 *   mail_enqueue list        (one line per entry: id state attempts to) */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "db.h"
#include "mailq.h"

struct sending {
	uint64_t owner, send;
	int count;
	const char *pattern, *subject;
	char err[200];
};

static int send_txn(DB_TXN *txn, void *arg)
{
	struct sending *s = arg;
	int rc = db_next_id(txn, "send", &s->send);
	if (rc)
		return rc;
	struct rec r;
	rec_init(&r);
	rec_set_int(&r, "owner", (long long)s->owner);
	rec_set(&r, "subject", s->subject);
	rec_set(&r, "card_name", "Test card");
	rec_set_int(&r, "total", s->count);
	rec_set_int(&r, "created", time(NULL));
	unsigned char key[8];
	db_key_u64(s->send, key);
	rc = db_put_rec(TBL_SENDS, txn, key, sizeof key, &r, 0);
	rec_free(&r);
	for (int i = 1; rc == 0 && i <= s->count; i++) {
		char to[200], text[200];
		snprintf(to, sizeof to, s->pattern, i);
		snprintf(text, sizeof text, "Message %d of %d.\n", i, s->count);
		struct mail m = {.to = to, .subject = s->subject, .text = text,
				 .html = "<p>Hello</p>", .reply_to = "owner@example.com",
				 .reply_to_name = "Owner Person",
				 .unsubscribe_url = "http://127.0.0.1/unsubscribe/x"};
		rc = mailq_enqueue(txn, &m, s->send, "card", NULL, s->err, sizeof s->err);
	}
	return rc;
}

static int list_entry(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	(void)arg;
	struct rec e;
	if (klen != 8 || rec_decode(&e, val, vlen) != 0)
		return 0;
	printf("%llu %s %lld %s\n", (unsigned long long)db_u64_key(key), rec_get(&e, "state"),
	       rec_get_int(&e, "attempts", 0), rec_get(&e, "to"));
	rec_free(&e);
	return 0;
}

int main(int argc, char **argv)
{
	char err[512], home[4096];
	if (sodium_init() < 0 || config_load(err, sizeof err) < 0 ||
	    db_open(config_path("Paths.DB", home, sizeof home), err, sizeof err) < 0) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	int rc = 2;
	if (argc >= 5 && !strcmp(argv[1], "send")) {
		struct sending s = {.owner = strtoull(argv[2], NULL, 10), .count = atoi(argv[3]),
				    .pattern = argv[4], .subject = argc > 5 ? argv[5] : "A card for you"};
		rc = db_txn_run(send_txn, &s);
		if (rc == 0)
			printf("%llu\n", (unsigned long long)s.send);
		else
			fprintf(stderr, "refused: %s\n", rc == -1 ? s.err : db_errstr(rc));
	} else if (argc == 2 && !strcmp(argv[1], "list")) {
		rc = db_each_prefix(TBL_MAILQ, NULL, "", 0, list_entry, NULL);
	} else {
		fprintf(stderr, "usage: mail_enqueue send OWNER COUNT PATTERN [SUBJECT] | list\n");
	}
	db_close();
	config_free();
	return rc ? 1 : 0;
}
