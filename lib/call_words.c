/* call_words.c: plain words for the dialer's states and causes. */
#include "call_words.h"

#include <string.h>

struct words {
	const char *code, *text;
};

static const struct words states[] = {
	{"placing", "Placing your call…"},
	{"scheduled", "Your call is scheduled."},
	{"queued", "Placing your call…"},
	{"dialing_owner", "Calling the card's owner…"},
	{"owner_ringing", "The owner's phone is ringing…"},
	{"owner_answered", "The owner answered and is being asked to accept your call…"},
	{"owner_accepted", "The owner accepted: your phone will ring now."},
	{"dialing_recipient", "The owner accepted: your phone will ring now."},
	{"recipient_ringing", "Ringing you — pick up your phone."},
	{"connected", "Connected."},
	{"ended", "The call has ended."},
	{NULL, NULL},
};

static const struct words causes[] = {
	{"completed", "The call was completed."},
	{"cancelled", "You cancelled the call."},
	{"credit_limit", "The call reached its time limit (the credit ran out)."},
	{"dialer_restart", "The call was cut by a fault on our side. Sorry — please call again."},
	{"session_expired", "The connection to one of the phones was lost, so the call was ended."},
	{"media_timeout", "No sound came from one of the phones for a while, so the call was ended."},
	{"owner_hung_up", "The owner hung up before you answered."},
	{"gateway_failure", "The phone network could not carry the call. Please try again later."},
	{"owner_busy", "The owner's line is busy."},
	{"owner_no_answer", "The owner did not answer."},
	{"owner_rejected", "The owner could not take the call."},
	{"owner_unreachable", "The owner's phone could not be reached."},
	{"owner_invalid_number", "The owner's number could not be called."},
	{"owner_congestion", "The phone network is busy. Please try again later."},
	{"owner_answered_not_confirmed", "The owner's phone answered but hung up before accepting."},
	{"owner_confirm_timeout", "The owner's phone answered, but the owner did not accept the call."},
	{"owner_gateway_failure", "The phone network could not reach the owner. Please try again later."},
	{"recipient_busy", "Your line was busy."},
	{"recipient_no_answer", "Your phone did not answer."},
	{"recipient_rejected", "Your phone declined the call."},
	{"recipient_unreachable", "Your phone could not be reached."},
	{"recipient_invalid_number", "Your number could not be called."},
	{"recipient_congestion", "The phone network is busy. Please try again later."},
	{"recipient_answered_not_confirmed", "Your phone answered and hung up at once."},
	{"recipient_gateway_failure", "The phone network could not reach you. Please try again later."},
	{"failed", "The call could not be placed."},
	{"insufficient_credit", "The call could not be placed: there was not enough credit to pay for it. "
				"The card's owner has been told."},
	{"spend_limit", "The call could not be placed: the person paying for it has reached today's "
			"spending limit."},
	{"too_many_calls", "The call could not be placed: the person paying for it had as many calls "
			   "going as allowed."},
	{"not_allowed", "The call could not be placed: calls to this number or address are not "
			"allowed from this page."},
	{"dialer_down", "The call could not be placed: our calling service was not available. "
			"Nothing was charged."},
	{"card_gone", "The call could not be placed: the card's owner no longer uses this call button."},
	{NULL, NULL},
};

static const char *lookup(const struct words *w, const char *code, const char *def)
{
	for (; code && w->code; w++)
		if (!strcmp(w->code, code))
			return w->text;
	return def;
}

const char *call_state_words(const char *state)
{
	return lookup(states, state, "Placing your call…");
}

const char *call_cause_words(const char *cause)
{
	return lookup(causes, cause, "The call has ended.");
}

int call_cause_owner_unavailable(const char *cause)
{
	return cause && !strncmp(cause, "owner_", 6);
}
