#!/bin/sh
# t650-call-polling: 200 progress pages polling at once while calls run:
# every state change still shows within a second (tests/e2e/t650-poll.py).
. "$CALLCARD_ROOT/tests/lib/harness.sh"
PORT_BASE=18400
. "$CALLCARD_ROOT/tests/dialer/lib.sh"
. "$CALLCARD_ROOT/tests/e2e/call-lib.sh"
CALLS=4
T6_CONFIG="Billing.MaxCalls = 100
Call.PerIP = 100
Dialer.ConfirmTimeoutMs = 5000"
t6_start
t6_owner_with_card
sipp_uas OWNER owner_star 0 -m "$CALLS"
sipp_uas RECIP answer_hangup 1 -m "$CALLS" -d 2000
t6_place_calls "$CALLS"
check_eq "$CALLS calls placed at once" "$(echo $tokens | wc -w)" "$CALLS"
MAX_MS=1000 /usr/bin/python3 "$CALLCARD_ROOT/tests/e2e/t650-poll.py" "$BASE" 200 $tokens >"$STATE/poll.out" 2>&1
rc=$?
sed 's/^/# /' "$STATE/poll.out"
check "200 pollers saw every state change within a second" [ "$rc" -eq 0 ]
for t in $tokens; do
	check_eq "  and call ${t%"${t#??????}"}… completed" "$(t6_json "$t" cause)" completed
done
