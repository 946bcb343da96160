/* call_mail.c: credit-refusal notices, queued through lib/mailq. */
#include "call_mail.h"

#include <stdio.h>
#include <string.h>

#include "config.h"
#include "form.h"
#include "log.h"
#include "mailq.h"
#include "member.h"
#include "rec.h"

struct refused_arg {
	uint64_t owner;
	const char *card_name, *recipient;
};

static int queue(DB_TXN *txn, const char *to, const char *subject, const char *text)
{
	struct mail m = {.to = to, .subject = subject, .text = text};
	char err[200];
	int rc = mailq_enqueue(txn, &m, 0, "call_refused", NULL, err, sizeof err);
	if (rc < 0)
		log_error("call refusal mail to %s: %s", to, err);
	return rc;
}

static int refused_txn(DB_TXN *txn, void *arg)
{
	struct refused_arg *a = arg;
	struct rec m;
	int rc = member_get(txn, a->owner, &m, 0);
	if (rc != 0)
		return rc;
	char text[1200];
	snprintf(text, sizeof text,
		 "Hello %s,\n\n"
		 "Someone pressed a call button on your card \"%s\" just now, but the call\n"
		 "could not be placed: there is not enough credit to pay for it.\n\n"
		 "Top up your balance on your account page so the next caller gets through:\n"
		 "%s/account\n\n-- %s\n",
		 rec_get(&m, "name") ? rec_get(&m, "name") : "", a->card_name,
		 config_str("Site.BaseURL"), config_str("Site.Name"));
	rc = queue(txn, rec_get(&m, "email"), "A call to you could not be placed", text);
	rec_free(&m);
	if (rc != 0 || !a->recipient)
		return rc;
	snprintf(text, sizeof text,
		 "Hello,\n\n"
		 "You pressed a call button on the card \"%s\", but the call could not be\n"
		 "placed now: there is not enough credit to pay for it. The card's owner\n"
		 "has been told. Please try again later.\n\n-- %s\n",
		 a->card_name, config_str("Site.Name"));
	return queue(txn, a->recipient, "Your call could not be placed", text);
}

int call_mail_refused(uint64_t owner, const char *card_name, const char *recipient_email)
{
	char addr[256], why[200];
	struct refused_arg a = {owner, card_name, NULL};
	if (recipient_email &&
	    check_email(recipient_email, addr, sizeof addr, why, sizeof why) == 0)
		a.recipient = addr;
	int rc = db_txn_run(refused_txn, &a);
	if (rc != 0)
		log_error("call refusal mail for member %llu: %d", (unsigned long long)owner, rc);
	return rc;
}
