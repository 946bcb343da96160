#!/bin/sh
# t550-dialer-crash: the dialer dies with kill -9 mid-call; the restarted
# dialer sends BYE to both orphaned legs, closes the order with exactly
# one CDR and dials nothing again. Then SIGHUP reloads the gateways and
# SIGTERM refuses new orders but lets the call in progress finish.
. "$CALLCARD_ROOT/tests/lib/harness.sh"
. "$CALLCARD_ROOT/tests/dialer/lib.sh"
PORT_BASE=16500
trap dialer_cleanup EXIT

dialer_start "$(gw a 0 0100)" "$(gw b 1 0201)" "$(gw a2 2 0102)" "$(gw b2 3 0203)"
check "dialerd starts" [ -S "$D_SOCK" ]
sipp_uas A owner_star 0
sipp_uas B answer 1
place crash 01001112222 02011112222 60 >/dev/null
check "the call is connected" wait_state crash connected 10
kill -9 "$D_PID"
wait "$D_PID" 2>/dev/null
D_PID=
check "the dialer restarts on the same state" dialer_start "$(gw a 0 0100)" "$(gw b 1 0201)" \
	"$(gw a2 2 0102)" "$(gw b2 3 0203)"
check "the owner's leg got BYE from the restarted dialer" sipp_ok A 10
check "the recipient's leg got BYE from the restarted dialer" sipp_ok B 10
check_eq "the order is closed" "$(ended_cause crash 5)" dialer_restart
check_eq "exactly one CDR" "$("$TOOLS/order_dump" "$D_STATE/db" crash | sed -n 's/^cdrs //p')" 1
check_eq "no order left unfinished" "$("$TOOLS/order_dump" "$D_STATE/db" --unfinished)" ""
r=$(ctl "CC1 ORDER id=crash owner=01001112222 dest=02011112222 max=60")
check "the crashed order is not dialed again" sh -c "echo '$r' | grep -q 'ERR duplicate'"
check_eq "one INVITE per leg in all" "$(grep -c 'leg [AB] INVITE' "$D_LOG")" 2

# SIGHUP: a new gateway appears.
echo "Gateways.extra.Address = 127.0.0.1:$(sipp_port 9)" >>"$D_STATE/callcard.hdf"
kill -HUP "$D_PID"
n=0
while [ $n -lt 30 ] && ! ctl "CC1 GATEWAYS" | grep -q "count=5"; do sleep 0.1; n=$((n + 1)); done
check "SIGHUP reloads the gateways" sh -c "'$TOOLS/order_client' '$D_SOCK' 'CC1 GATEWAYS' | grep -q 'gw4=extra:up'"
echo "Dialer.RingTimeoutMs = never" >>"$D_STATE/callcard.hdf"
kill -HUP "$D_PID"
sleep 0.3
check "a bad reload is refused and the dialer keeps running" ctl "CC1 GATEWAYS"
check "the refusal names the key" grep -q "reload refused: Dialer.RingTimeoutMs = never" "$D_LOG"

# SIGTERM: drain.
sipp_uas A2 owner_star 2
sipp_uas B2 answer_hangup 3 -d 2000
place drain 01021112222 02031112222 60 >/dev/null
check "a call is up before SIGTERM" wait_state drain connected 10
kill -TERM "$D_PID"
sleep 0.3
r=$(ctl "CC1 ORDER id=late owner=01021112222 dest=02031112222 max=60")
check "while draining, new orders are refused" sh -c "echo '$r' | grep -q 'ERR draining'"
n=0
while kill -0 "$D_PID" 2>/dev/null && [ $n -lt 80 ]; do sleep 0.1; n=$((n + 1)); done
check "the dialer exits once drained" sh -c "! kill -0 $D_PID 2>/dev/null"
check "the call in progress finished normally first" \
	sh -c "'$TOOLS/order_dump' '$D_STATE/db' drain | grep -q 'event 9 ended completed'"
wait "$D_PID"
check_eq "with status 0" "$?" 0
D_PID=
check "no sanitizer report" sh -c "! grep -q -E 'AddressSanitizer|runtime error|LeakSanitizer' '$D_LOG'"
check "the drained phones saw their calls" sipp_ok A2 5
