/* mailq.c: queue entries, their outcomes, and sendings' completion. */
#include "mailq.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "member.h"
#include "render.h"

int mailq_enqueue(DB_TXN *txn, const struct mail *m, uint64_t send, const char *kind,
		  uint64_t *id, char *err, size_t errlen)
{
	uint64_t nid;
	int rc = db_next_id(txn, "mail", &nid);
	if (rc != 0)
		return rc;
	char *msg;
	if (mail_compose(m, nid, &msg, err, errlen) < 0)
		return -1;
	struct rec e;
	rec_init(&e);
	rec_set(&e, "to", m->to);
	rec_set(&e, "message", msg);
	free(msg);
	rec_set(&e, "state", "queued");
	rec_set_int(&e, "attempts", 0);
	rec_set_int(&e, "next_try", 0);
	rec_set_int(&e, "created", time(NULL));
	rec_set(&e, "kind", kind);
	if (send)
		rec_set_int(&e, "send", (long long)send);
	unsigned char key[8];
	db_key_u64(nid, key);
	rc = db_put_rec(TBL_MAILQ, txn, key, sizeof key, &e, DB_NOOVERWRITE);
	rec_free(&e);
	if (rc == 0 && id)
		*id = nid;
	return rc;
}

/* Lines "address: outcome" of a sending's entries, for the notice. */
struct send_lines {
	uint64_t send;
	char *text;
	size_t len;
};

static int collect_line(const void *key, size_t klen, const void *val, size_t vlen, void *arg)
{
	(void)key;
	(void)klen;
	struct send_lines *s = arg;
	struct rec e;
	if (rec_decode(&e, val, vlen) != 0)
		return 0;
	if ((uint64_t)rec_get_int(&e, "send", 0) == s->send && strcmp(rec_get(&e, "kind"), "card") == 0) {
		const char *state = rec_get(&e, "state"), *why = rec_get(&e, "error");
		char line[600];
		int n = snprintf(line, sizeof line, "  %s: %s%s%s\n", rec_get(&e, "to"),
				 !strcmp(state, "sent") ? "delivered" : "NOT delivered",
				 !strcmp(state, "sent") || !why || !*why ? "" : " - ",
				 !strcmp(state, "sent") || !why ? "" : why);
		s->text = realloc(s->text, s->len + (size_t)n + 1);
		if (!s->text)
			abort();
		memcpy(s->text + s->len, line, (size_t)n + 1);
		s->len += (size_t)n;
	}
	rec_free(&e);
	return 0;
}

/* The owner learns who the card reached once every recipient is done. */
static int queue_completion_notice(DB_TXN *txn, uint64_t send, struct rec *s)
{
	struct rec owner;
	int rc = member_get(txn, (uint64_t)rec_get_int(s, "owner", 0), &owner, 0);
	if (rc != 0)
		return rc == DB_NOTFOUND ? 0 : rc;
	struct send_lines lines = {.send = send};
	rc = db_each_prefix(TBL_MAILQ, txn, "", 0, collect_line, &lines);
	if (rc != 0) {
		free(lines.text);
		rec_free(&owner);
		return rc;
	}
	char *text = NULL, subject[300];
	snprintf(subject, sizeof subject, "Your card was sent: %lld delivered, %lld failed",
		 rec_get_int(s, "sent", 0), rec_get_int(s, "failed", 0));
	if (asprintf(&text,
		     "Hello %s,\n\nyour card \"%s\" went out. Subject: %s\n\n%s\n"
		     "Each recipient's status: %s/sends/%llu\n",
		     rec_get(&owner, "name"), rec_get(s, "card_name") ? rec_get(s, "card_name") : "",
		     rec_get(s, "subject") ? rec_get(s, "subject") : "",
		     lines.text ? lines.text : "", config_str("Site.BaseURL"),
		     (unsigned long long)send) < 0)
		abort();
	struct mail m = {.to = rec_get(&owner, "email"), .to_name = rec_get(&owner, "name"),
			 .subject = subject, .text = text};
	char err[200];
	rc = mailq_enqueue(txn, &m, 0, "notice", NULL, err, sizeof err);
	if (rc == -1)
		rc = 0; /* an owner address that no longer composes: skip the notice */
	free(text);
	free(lines.text);
	rec_free(&owner);
	return rc;
}

static int update_send(DB_TXN *txn, uint64_t send, int sent)
{
	unsigned char key[8];
	db_key_u64(send, key);
	struct rec s;
	int rc = db_get_rec(TBL_SENDS, txn, key, sizeof key, &s, DB_RMW);
	if (rc != 0)
		return rc == DB_NOTFOUND ? 0 : rc;
	const char *field = sent ? "sent" : "failed";
	rec_set_int(&s, field, rec_get_int(&s, field, 0) + 1);
	long long done = rec_get_int(&s, "sent", 0) + rec_get_int(&s, "failed", 0);
	if (done >= rec_get_int(&s, "total", 0) && !rec_get_int(&s, "notice", 0)) {
		rec_set_int(&s, "notice", 1);
		rec_set_int(&s, "finished", time(NULL));
		rc = queue_completion_notice(txn, send, &s);
	}
	if (rc == 0)
		rc = db_put_rec(TBL_SENDS, txn, key, sizeof key, &s, 0);
	rec_free(&s);
	return rc;
}

int mailq_finish(DB_TXN *txn, uint64_t id, enum mailq_outcome outcome, const char *reason,
		 long next_try)
{
	unsigned char key[8];
	db_key_u64(id, key);
	struct rec e;
	int rc = db_get_rec(TBL_MAILQ, txn, key, sizeof key, &e, DB_RMW);
	if (rc != 0)
		return rc;
	const char *state = rec_get(&e, "state");
	if (!strcmp(state, "sent") || !strcmp(state, "failed")) {
		rec_free(&e);
		return 0;
	}
	rec_set(&e, "error", reason ? reason : "");
	if (outcome == MAILQ_RETRY) {
		rec_set(&e, "state", "queued");
		rec_set_int(&e, "next_try", next_try);
	} else {
		rec_set(&e, "state", outcome == MAILQ_SENT ? "sent" : "failed");
		rec_set_int(&e, "done_at", time(NULL));
		/* The body is not needed any more; keep the queue small. */
		rec_set(&e, "message", "");
	}
	rc = db_put_rec(TBL_MAILQ, txn, key, sizeof key, &e, 0);
	long long send = rec_get_int(&e, "send", 0);
	rec_free(&e);
	if (rc == 0 && send && outcome != MAILQ_RETRY)
		rc = update_send(txn, (uint64_t)send, outcome == MAILQ_SENT);
	return rc;
}
