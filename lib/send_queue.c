/* send_queue.c: a sending written with all its queue entries at once. */
#include <ClearSilver.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "log.h"
#include "mailq.h"
#include "member.h"
#include "render.h"
#include "send.h"

/* What is rendered before the transaction (it may run more than once). */
struct prepared {
	struct send_job *job;
	char **html, **text, **unsub;
};

static void day_key(uint64_t owner, char *key, size_t keylen)
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	snprintf(key, keylen, "sendday:%llu:%04d%02d%02d", (unsigned long long)owner,
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* Counts n more card mails of the owner today; SEND_OVER_DAY past the limit. */
static int count_today(DB_TXN *txn, uint64_t owner, size_t n)
{
	char key[80], val[24];
	day_key(owner, key, sizeof key);
	void *v;
	size_t vlen;
	long long have = 0;
	int rc = db_get(TBL_GENERIC, txn, key, strlen(key), &v, &vlen, DB_RMW);
	if (rc == 0) {
		snprintf(val, sizeof val, "%.*s", (int)(vlen < 20 ? vlen : 20), (char *)v);
		free(v);
		have = strtoll(val, NULL, 10);
	} else if (rc != DB_NOTFOUND) {
		return rc;
	}
	if (have + (long long)n > config_int("Mail.MaxPerDay"))
		return SEND_OVER_DAY;
	int len = snprintf(val, sizeof val, "%lld", have + (long long)n);
	return db_put(TBL_GENERIC, txn, key, strlen(key), val, (size_t)len, 0);
}

static int list_sending(DB_TXN *txn, uint64_t owner, uint64_t id)
{
	char key[64];
	int n = snprintf(key, sizeof key, "sends:%llu:", (unsigned long long)owner);
	db_key_u64(id, (unsigned char *)key + n);
	return db_put(TBL_GENERIC, txn, key, (size_t)n + 8, "", 0, 0);
}

static int queue_txn(DB_TXN *txn, void *arg)
{
	struct prepared *p = arg;
	struct send_job *j = p->job;
	free(j->bad);
	j->bad = NULL;
	for (size_t i = 0; i < j->to->n; i++) {
		int u = send_unsub_is(txn, j->owner, j->to->addr[i]);
		if (u < 0)
			return -u;
		if (u == 1) {
			j->bad = strdup(j->to->addr[i]);
			return SEND_UNSUBSCRIBED;
		}
	}
	int rc = count_today(txn, j->owner, j->to->n);
	if (rc != 0)
		return rc;
	if ((rc = db_next_id(txn, "send", &j->id)) != 0)
		return rc;
	size_t cap = j->to->n * 21 + 1, len = 0;
	char *mails = malloc(cap);
	if (!mails)
		abort();
	mails[0] = '\0';
	for (size_t i = 0; i < j->to->n && rc == 0; i++) {
		struct mail m = {.to = j->to->addr[i], .reply_to = j->owner_email,
				 .reply_to_name = j->owner_name, .subject = j->subject,
				 .text = p->text[i], .html = p->html[i], .unsubscribe_url = p->unsub[i]};
		char err[200];
		uint64_t mid;
		rc = send_unsub_remember(txn, j->owner, j->to->addr[i]);
		if (rc == 0)
			rc = mailq_enqueue(txn, &m, j->id, "card", &mid, err, sizeof err);
		if (rc == -1)
			log_error("sending card %llu: %s", (unsigned long long)j->card, err);
		if (rc == 0)
			len += (size_t)snprintf(mails + len, cap - len, "%s%llu", len ? " " : "",
						(unsigned long long)mid);
	}
	if (rc == 0) {
		struct rec s;
		rec_init(&s);
		rec_set_int(&s, "owner", (long long)j->owner);
		rec_set_int(&s, "card", (long long)j->card);
		rec_set(&s, "card_name", j->card_name);
		rec_set(&s, "subject", j->subject);
		rec_set_int(&s, "total", (long long)j->to->n);
		rec_set_int(&s, "sent", 0);
		rec_set_int(&s, "failed", 0);
		rec_set_int(&s, "created", time(NULL));
		rec_set_int(&s, "notice", 0);
		rec_set(&s, "mails", mails);
		unsigned char key[8];
		db_key_u64(j->id, key);
		rc = db_put_rec(TBL_SENDS, txn, key, sizeof key, &s, DB_NOOVERWRITE);
		rec_free(&s);
	}
	free(mails);
	if (rc == 0)
		rc = list_sending(txn, j->owner, j->id);
	return rc;
}

int send_queue(struct send_job *job)
{
	size_t n = job->to->n;
	struct prepared p = {job, calloc(n, sizeof(char *)), calloc(n, sizeof(char *)),
			     calloc(n, sizeof(char *))};
	if (!p.html || !p.text || !p.unsub)
		abort();
	job->bad = NULL;
	int rc = 0;
	HDF *hdf = send_mail_hdf(job->card, job->owner_name, job->message);
	if (!hdf)
		rc = DB_NOTFOUND;
	const char *base = config_str("Site.BaseURL");
	for (size_t i = 0; i < n && rc == 0; i++) {
		char tok[TOKEN_LEN], page[400];
		send_unsub_token(job->owner, job->to->addr[i], tok);
		snprintf(page, sizeof page, "%s/unsubscribe/%s", base, tok);
		if (asprintf(&p.unsub[i], "%s/unsubscribe/one-click/%s", base, tok) < 0)
			abort();
		if (send_mail_render(hdf, page, &p.html[i], &p.text[i]) != 0)
			rc = -1;
	}
	if (hdf)
		hdf_destroy(&hdf);
	if (rc == 0)
		rc = db_txn_run(queue_txn, &p);
	for (size_t i = 0; i < n; i++) {
		free(p.html[i]);
		free(p.text[i]);
		free(p.unsub[i]);
	}
	free(p.html);
	free(p.text);
	free(p.unsub);
	return rc;
}

static int issued_txn(DB_TXN *txn, void *arg)
{
	char err[200];
	int rc = mailq_enqueue(txn, arg, 0, "issue", NULL, err, sizeof err);
	if (rc == -1)
		log_error("issued card mail: %s", err);
	return rc;
}

int send_issued_card(uint64_t owner, uint64_t card)
{
	struct rec m;
	int rc = member_get(NULL, owner, &m, 0);
	if (rc != 0)
		return rc;
	HDF *hdf = send_mail_hdf(card, rec_get(&m, "name"), NULL);
	char *html = NULL, *text = NULL;
	rc = -1;
	if (hdf) {
		hdf_set(hdf, "Issued", "1");
		rc = send_mail_render(hdf, NULL, &html, &text);
		hdf_destroy(&hdf);
	}
	if (rc == 0) {
		struct mail mail = {.to = rec_get(&m, "email"), .to_name = rec_get(&m, "name"),
				    .subject = "Your card is ready", .text = text, .html = html};
		rc = db_txn_run(issued_txn, &mail);
	}
	free(html);
	free(text);
	rec_free(&m);
	return rc;
}
