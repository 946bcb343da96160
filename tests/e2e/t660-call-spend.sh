#!/bin/sh
# t660-call-spend: the daily spend cap per payer. A payer whose money held
# for calls in progress, or charged today, reaches Call.DailySpendCap is
# refused with a sentence that does not give the cap away; another payer
# is not affected; the call already running is not touched.
. "$CALLCARD_ROOT/tests/lib/harness.sh"
PORT_BASE=24100
. "$CALLCARD_ROOT/tests/dialer/lib.sh"
. "$CALLCARD_ROOT/tests/e2e/call-lib.sh"

# A cap below the price of one short call: the first call passes, and both
# its hold and its charge then reach the cap.
T6_CONFIG="Call.DailySpendCap = 5
Billing.SignupMileage = 0
Billing.MaxCalls = 10"
t6_start
t6_owner_with_card
balance_of() { "$ADMIN" balance "$1" | sed -n "s/^$2 \([-0-9]*\).*/\1/p"; }

sipp_uas OWNER owner_star 0
sipp_uas RECIP answer_hangup 1 -d 1500

t6_call_page "$BTN"
t6_press "$BTN" "010-6600-0001"
check_eq "nothing spent or held yet: the first call is placed" "$STATUS" 303
FIRST=$LOCATION_TOKEN
T6_UNTIL=connected t6_watch "$FIRST" 20 >/dev/null
check "  its credit is held while it runs" sh -c "[ $(balance_of kim@example.com held) -gt 5 ]"
# What is left of the cap (5) shortens the call to its first block; the
# payer's credit alone (50.00) would allow the longest call.
limit=$(sed -n 's/.*placed for button .*, limit \([0-9]*\) s$/\1/p' "$STATE/var/log/webd.log" | head -n 1)
echo "# the first call's limit: $limit s"
check "  its time limit is the first block only, not what the credit allows" \
	sh -c "[ '${limit:-0}' -gt 0 ] && [ '${limit:-9999}' -lt 300 ]"

t6_call_page "$BTN"
t6_press "$BTN" "010-6600-0002"
check_eq "a second call while the first holds the payer's money: refused" "$STATUS" 429
check "  the page says the payer reached today's limit" contains "$STATE/body" "reached today&#39;s spending limit"
check "  without the amount" sh -c "! grep -q 'limit of\|[0-9][.,][0-9][0-9] EUR' '$STATE/body'"
check "  and no progress page" sh -c "[ -z '$(location)' ]"

t6_watch "$FIRST" 25 >/dev/null
check_eq "the first call runs to its end untouched" "$(t6_json "$FIRST" cause)" completed
check "  the phones saw the whole call" sipp_ok OWNER 10
t6_json "$FIRST" cost >/dev/null # the page settles the ended call
i=0
while [ "$(balance_of kim@example.com held)" != 0 ] && [ $i -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
check_eq "  it is charged and nothing is held any more" "$(balance_of kim@example.com held)" 0
check "  the charge was money, not mileage" sh -c "[ $(balance_of kim@example.com balance) -lt 5000 ]"

t6_call_page "$BTN"
t6_press "$BTN" "010-6600-0003"
check_eq "nothing held, but today's charges reach the cap: refused" "$STATUS" 429
check "  with the same sentence" contains "$STATE/body" "reached today&#39;s spending limit"
check_eq "  only the first press reached the dialer" "$(grep -c 'placed for button' "$STATE/var/log/webd.log")" 1

# Another owner, who pays for their own card, is not affected.
rm -f "$JAR"
member_with_card "Park Jiwoo" park@example.com forest
i=0
until "$ADMIN" credit park@example.com 5000 opening 2>&1 | grep -q "^credited"; do
	i=$((i + 1)); [ $i -lt 20 ] || break; sleep 0.1
done
BTN_PARK=$(t6_button 2 office)
rm -f "$JAR"
t6_call_page "$BTN_PARK"
t6_press "$BTN_PARK" "010-6600-0004"
check_eq "another payer's card places its call" "$STATUS" 303
t6_watch "$LOCATION_TOKEN" 15 >/dev/null
check_eq "  (which ends: no phone answers it here)" "$(t6_json "$LOCATION_TOKEN" state)" ended
