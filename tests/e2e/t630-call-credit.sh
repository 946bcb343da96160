#!/bin/sh
# t630-call-credit: the payer's side of a press: refused for credit (a clear
# page, and e-mails to the owner and to the recipient at the SMTP sink),
# the cap on concurrent calls per payer, and the dialer being down (a
# clear message, the credit hold released, no order left behind).
. "$CALLCARD_ROOT/tests/lib/harness.sh"
PORT_BASE=17500
. "$CALLCARD_ROOT/tests/dialer/lib.sh"
. "$CALLCARD_ROOT/tests/e2e/call-lib.sh"

T6_CONFIG="Billing.MaxCalls = 1
Billing.SignupMileage = 0
Call.OrderTimeoutMs = 500"
T6_CREDIT=0
t6_start
t6_owner_with_card
held() { "$ADMIN" balance kim@example.com | sed -n 's/^held \([-0-9]*\).*/\1/p'; }

# ---- no credit ----
before=$(mail_count)
t6_call_page "$BTN"
t6_press "$BTN" "010-4444-0001" "email=lee@example.net"
check_eq "no credit: refused on the page" "$STATUS" 409
check "  saying the call cannot be placed now" contains "$STATE/body" "This call cannot be placed now: there is not enough credit"
check "  and no progress page" sh -c "[ -z '$(location)' ]"
check "two e-mails reach the SMTP server" wait_mail $((before + 2)) 20
check "  one to the owner" t6_mail_to kim@example.com "A call to you could not be placed"
check "  one to the recipient" t6_mail_to lee@example.net "Your call could not be placed"
check_eq "  and nothing is held" "$(held)" 0

"$ADMIN" credit kim@example.com 5000 top up >/dev/null 2>&1

# ---- concurrent calls per payer ----
sipp_uas OWNER ring_cancel 0
t6_call_page "$BTN"
t6_press "$BTN" "010-4444-0002"
check_eq "with credit: placed" "$STATUS" 303
FIRST=$LOCATION_TOKEN
check "  and credit is held while it runs" sh -c "[ $(held) -gt 0 ]"
t6_call_page "$BTN"
t6_press "$BTN" "010-4444-0003"
check_eq "a second call while the first rings: refused" "$STATUS" 429
check "  in plain words" contains "$STATE/body" "already has as many calls going as allowed"
t6_watch "$FIRST" 10 >/dev/null
check_eq "the first call ends (owner no answer)" "$(t6_json "$FIRST" cause)" owner_no_answer

# ---- the dialer down ----
mv "$STATE/var/run/dialerd.sock" "$STATE/var/run/dialerd.sock.away"
held_before=$(held)
t6_call_page "$BTN"
t6_press "$BTN" "010-4444-0004"
check_eq "dialer down: refused at once" "$STATUS" 503
check "  with a clear message" contains "$STATE/body" "calling service is not available just now. Nothing was placed or charged"
check_eq "  the hold is released" "$(held)" "$held_before"
mv "$STATE/var/run/dialerd.sock.away" "$STATE/var/run/dialerd.sock"

