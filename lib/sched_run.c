/* sched_run.c: placing one claimed scheduled call. */
#include "sched.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abuse.h"
#include "call_mail.h"
#include "call_place.h"
#include "call_store.h"
#include "card.h"
#include "ledger.h"
#include "log.h"

static const char *field(const struct rec *r, const char *name)
{
	const char *v = rec_get(r, name);
	return v ? v : "";
}

/* The destination policy as it stands now (it may have changed since). */
static int dest_allowed(const char *mode, const char *dest)
{
	if (!strcmp(mode, "pc"))
		return abuse_check_softphone(dest) == ABUSE_OK;
	return abuse_check_destination(dest) == ABUSE_OK;
}

static const char *finish(const char *hash, const char *order, const char *outcome)
{
	if (sched_finish(hash, outcome) != 0)
		log_error("scheduled call %s: could not be marked done (%s)", order, outcome);
	log_info("scheduled call %s: %s", order, outcome);
	return outcome;
}

/* A refusal: the page says so, and a hold taken before a crash goes. */
static const char *refuse(const char *hash, const char *order, const char *cause)
{
	ledger_release(order);
	call_page_set_status(hash, "failed", cause);
	return finish(hash, order, cause);
}

const char *sched_run(const char *hash)
{
	struct rec call, page, b, c;
	if (sched_get(NULL, hash, &call) != 0)
		return "failed";
	if (call_page_get_hashed(NULL, hash, &page) != 0) {
		rec_free(&call);
		return finish(hash, "-", "failed");
	}
	static char order[80];
	snprintf(order, sizeof order, "%s", field(&call, "order"));
	const char *out;
	const char *button = field(&call, "button");
	uint64_t card = (uint64_t)rec_get_int(&page, "card", 0);
	if (card_button_get(NULL, button, &b) != 0) {
		out = refuse(hash, order, "card_gone");
		goto done;
	}
	if (strcmp(field(&b, "state"), "live") || card_get(NULL, card, &c) != 0) {
		rec_free(&b);
		out = refuse(hash, order, "card_gone");
		goto done;
	}
	if (strcmp(field(&c, "state"), "live")) {
		out = refuse(hash, order, "card_gone");
	} else if (!dest_allowed(field(&page, "mode"), field(&call, "dest"))) {
		out = refuse(hash, order, "not_allowed");
	} else {
		uint64_t owner = strtoull(field(&c, "owner"), NULL, 10);
		struct call_press p = {
			.button = button, .owner_number = field(&b, "number"), .dest = field(&call, "dest"),
			.mode = field(&page, "mode"), .payer = field(&page, "payer"),
			.lang = field(&c, "lang"), .card = card, .owner_id = owner,
			.recipient_id = (uint64_t)rec_get_int(&call, "recipient", 0),
		};
		enum call_place_result res = call_place_scheduled(&p, order, hash);
		out = finish(hash, order, res == CALL_PLACED ? "placed" : call_place_cause(res));
		if (res == CALL_NO_CREDIT) {
			const char *email = field(&call, "email");
			call_mail_refused(owner, field(&c, "name"), *email ? email : NULL);
		}
	}
	rec_free(&b);
	rec_free(&c);
done:
	rec_free(&call);
	rec_free(&page);
	return out;
}
