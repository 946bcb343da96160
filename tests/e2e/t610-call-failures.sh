#!/bin/sh
# t610-call-failures: calls that do not connect, all at once, each against
# its own SIPp phones: the owner is busy, the owner answers but never
# presses *, the recipient does not answer, and the recipient cancels
# while the phone rings. Each ends with its cause in plain words, and the
# page offers the owner's guidance where the owner could not take it.
. "$CALLCARD_ROOT/tests/lib/harness.sh"
PORT_BASE=16900
. "$CALLCARD_ROOT/tests/dialer/lib.sh"
. "$CALLCARD_ROOT/tests/e2e/call-lib.sh"

T6_GATEWAYS=$(gw busy 0 +82262006200; gw nostar 2 +82262006201; gw noans 4 +82262006202
	gw cancel 6 +82262006203; gw noansb 5 +821055550002; gw cancelb 7 +821055550003)
T6_CONFIG="Call.PerIP = 100
Billing.MaxCalls = 10"
t6_start
t6_owner_with_card
t6_more_cards 1 2 3

sipp_uas busy busy 0 -d 300
sipp_uas nostar answer 2
sipp_uas noans owner_star 4
sipp_uas noansb ring_cancel 5
sipp_uas cancel owner_star 6
sipp_uas cancelb ring_cancel 7

t6_call_page "$BTN"; t6_press "$BTN" "010-5555-0001"; P_BUSY=$LOCATION_TOKEN
t6_call_page "$BTN_1"; t6_press "$BTN_1" "010-5555-0001"; P_NOSTAR=$LOCATION_TOKEN
t6_call_page "$BTN_2"; t6_press "$BTN_2" "010-5555-0002"; P_NOANS=$LOCATION_TOKEN
t6_call_page "$BTN_3"; t6_press "$BTN_3" "010-5555-0003"; P_CANCEL=$LOCATION_TOKEN
check_eq "four calls are placed at once" "$(echo $P_BUSY $P_NOSTAR $P_NOANS $P_CANCEL | wc -w)" 4

# Cancel while the recipient's phone rings (a POST with the page's token).
seen=$(T6_UNTIL=recipient_ringing t6_watch "$P_CANCEL" 15)
check_eq "cancel: the recipient's phone rings" "$(t6_json "$P_CANCEL" state)" recipient_ringing
get_token "/call/progress/$P_CANCEL"
check "the ringing page offers Cancel" contains "$STATE/body" "/call/cancel/$P_CANCEL"
req POST "/call/cancel/$P_CANCEL" --data "x=1"
check_eq "cancel without the form token is refused" "$STATUS" 403
post_form "/call/cancel/$P_CANCEL"
check_eq "cancel goes back to the progress page" "$(location)" "/call/progress/$P_CANCEL"
t6_watch "$P_CANCEL" 10 >/dev/null
check_eq "cancel: ended cancelled" "$(t6_json "$P_CANCEL" cause)" cancelled
check_eq "cancel: in plain words" "$(t6_json "$P_CANCEL" words)" "You cancelled the call."

t6_watch "$P_BUSY" 10 >/dev/null
check_eq "busy owner: ended owner_busy" "$(t6_json "$P_BUSY" cause)" owner_busy
check_eq "busy owner: in plain words" "$(t6_json "$P_BUSY" words)" "The owner's line is busy."
check_eq "busy owner: the page says the owner cannot take it" "$(t6_json "$P_BUSY" owner_unavailable)" 1
req GET "/call/progress/$P_BUSY"
check "busy owner: the progress page gives guidance" contains "$STATE/body" "cannot take your call right now"
check "busy owner: no Cancel once ended" grep -q 'id="call-cancel" hidden' "$STATE/body"

t6_watch "$P_NOSTAR" 15 >/dev/null
check_eq "owner answers without *: not confirmed" "$(t6_json "$P_NOSTAR" cause)" owner_confirm_timeout
check_eq "owner not confirming: never rang the recipient" \
	"$(t6_json "$P_NOSTAR" states | grep -c recipient)" 0

t6_watch "$P_NOANS" 15 >/dev/null
check_eq "recipient does not answer: ended recipient_no_answer" "$(t6_json "$P_NOANS" cause)" recipient_no_answer
check_eq "recipient no answer: in plain words" "$(t6_json "$P_NOANS" words)" "Your phone did not answer."
check_eq "recipient no answer: not the owner's fault" "$(t6_json "$P_NOANS" owner_unavailable)" 0

check "busy phone saw its call" sipp_ok busy 5
check "unanswered phone was cancelled by the dialer" sipp_ok noansb 5
check "the cancelled phone saw CANCEL" sipp_ok cancelb 5

# The owner could not take it: the caller leaves a message, once.
get_token "/call/progress/$P_BUSY"
check "busy owner: the page offers leaving a message" contains "$STATE/body" "/call/message/$P_BUSY"
post_form "/call/message/$P_BUSY" "message=This is Lee from Hanbit <b>Trading</b>, please call 010-2222-3333."
check_eq "the message is left" "$(location)" "/call/progress/$P_BUSY?message=sent"
post_form "/call/message/$P_BUSY" "message=again"
check_eq "a second message for the same call is not stored" "$(location)" "/call/progress/$P_BUSY?message=already"
get_token "/call/progress/$P_CANCEL"
post_form "/call/message/$P_CANCEL" "message=hello"
check_eq "no message for a call the owner did not refuse" "$(location)" "/call/progress/$P_CANCEL?message=refused"
get_token /login
post_form /login email=kim@example.com "password=long pass phrase"
req GET /call/calls
check "the owner sees the message with the call, as text" \
	contains "$STATE/body" "Message: This is Lee from Hanbit &lt;b&gt;Trading&lt;/b&gt;, please call 010-2222-3333."
check "  and never the second one" sh -c "! grep -q 'Message: again' '$STATE/body'"
check "  and the busy call's outcome" contains "$STATE/body" "The owner&#39;s line is busy."
