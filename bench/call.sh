# call.sh: the call progress endpoint under load. Requests/s of
# /call/status/<page token> while calls run, and the time from the dialer
# writing a state to a page showing it: pollers that behave like the
# page's script (a request every 0.8 s, each at its own phase) follow
# CALLS calls placed at once through SIPp phones, and each state's delay
# is the time a poller first saw it minus the time the dialer stored it.
. "$CALLCARD_ROOT/tests/lib/harness.sh"
PORT_BASE=18100
. "$CALLCARD_ROOT/tests/dialer/lib.sh"
. "$CALLCARD_ROOT/tests/e2e/call-lib.sh"
DURATION=${DURATION:-5}
CALLS=${CALLS:-10}
PAGES=${PAGES:-200}

T6_CONFIG="Billing.MaxCalls = 100
Call.PerIP = 1000
Call.PerCard = 1000
Call.PerNumber = 1000
Dialer.ConfirmTimeoutMs = 5000"
t6_start
t6_owner_with_card
sipp_uas OWNER owner_star 0 -m "$CALLS"
sipp_uas RECIP answer_hangup 1 -m "$CALLS" -d 4000
t6_place_calls "$CALLS"
echo "status endpoint: $CALLS calls placed at once; $PAGES pollers at one request per 0.8 s; wrk -t2 -c32 -d${DURATION}s; $(nproc) cores"
first=$(echo $tokens | cut -d' ' -f1)
/usr/bin/python3 "$CALLCARD_ROOT/tests/e2e/t650-poll.py" "$BASE" "$PAGES" $tokens &
pollers=$!
rps=$(wrk -t2 -c32 -d"${DURATION}s" "$BASE/call/status/$first" | awk '/Requests\/sec/ {printf "%d", $2}')
echo "GET /call/status/<token>: $rps req/s (while the pollers run)"
wait $pollers
for p in $SIPP_PIDS; do kill "$p" 2>/dev/null; done
