/* test_call.c: the parts of the call pages that need no server: the
 * destination policy under the embedded defaults, the proof-of-human
 * challenge (genuine, fresh, solved), number masking and the plain words. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abuse.h"
#include "call_store.h"
#include "call_words.h"
#include "check.h"
#include "config.h"
#include "token.h"

int main(void)
{
	char err[256];
	unsetenv("CALLCARD_CONFIG");
	setenv("CALLCARD_STATE", "/tmp", 1);
	CHECK(config_load(err, sizeof err) == 0, "embedded defaults load (%s)", err);

	CHECK(abuse_check_destination("+821012345678") == ABUSE_OK, "a Korean mobile is allowed");
	CHECK(abuse_check_destination("+82262006200") == ABUSE_OK, "a Seoul number is allowed");
	CHECK(abuse_check_destination("+12125550100") == ABUSE_DEST_COUNTRY, "another country is not, by default");
	CHECK(abuse_check_destination("+82607001234") == ABUSE_DEST_DENIED, "premium-rate 060 is denied");
	CHECK(abuse_check_destination("+82601234567") == ABUSE_DEST_DENIED, "premium-rate 060 without the area digits too");
	CHECK(abuse_check_destination("+82701234567") == ABUSE_OK, "an internet phone (070) is allowed");
	CHECK(abuse_check_destination("+881631234567") == ABUSE_DEST_DENIED, "satellite +881 is denied");
	CHECK(abuse_check_destination("+82114") == ABUSE_DEST_FORMAT, "a short code is not a number");
	CHECK(abuse_check_destination("+8210123a5678") == ABUSE_DEST_FORMAT, "letters are refused");
	CHECK(abuse_check_destination("821012345678") == ABUSE_DEST_FORMAT, "no leading + is refused");
	CHECK(abuse_check_destination("+8210123456789012") == ABUSE_DEST_FORMAT, "over 15 digits is refused");
	for (int v = ABUSE_DEST_FORMAT; v <= ABUSE_RATE_NUMBER; v++)
		CHECK(strpbrk(abuse_message(v), "0123456789") == NULL,
		      "refusal %d names no threshold", v);

	unsigned char key[32] = {1, 2, 3};
	token_secret_set(key);
	struct abuse_question q;
	abuse_question_new(&q, 1000);
	char right[16], wrong[16];
	snprintf(right, sizeof right, "%d", q.a + q.b);
	snprintf(wrong, sizeof wrong, "%d", q.a + q.b + 1);
	CHECK(abuse_answer_ok(q.challenge, right, 1000), "the right sum passes");
	CHECK(!abuse_answer_ok(q.challenge, wrong, 1000), "a wrong sum fails");
	CHECK(!abuse_answer_ok(q.challenge, "", 1000), "no answer fails");
	CHECK(!abuse_answer_ok(q.challenge, right, 1000 + 601), "an old challenge fails");
	char forged[160];
	snprintf(forged, sizeof forged, "1.1.%s", strchr(strchr(q.challenge, '.') + 1, '.') + 1);
	CHECK(!abuse_answer_ok(forged, "2", 1000), "changed terms fail the signature");
	CHECK(!abuse_answer_ok(NULL, right, 1000), "no challenge fails");

	char m[64];
	call_mask_dest("+821098765432", m, sizeof m);
	CHECK_STR(m, "+8210 ••••• 32", "a number is masked");
	call_mask_dest("sip:lee@192.0.2.7", m, sizeof m);
	CHECK_STR(m, "sip:•••@192.0.2.7", "a SIP address keeps only its host");

	CHECK_STR(call_cause_words("owner_busy"), "The owner's line is busy.", "a cause in plain words");
	CHECK(call_cause_owner_unavailable("owner_no_answer"), "owner_no_answer: the owner cannot take it");
	CHECK(!call_cause_owner_unavailable("recipient_busy"), "recipient_busy: not the owner");
	config_free();
	return check_done();
}
