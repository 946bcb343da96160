#!/bin/sh
# t540-dialer-gateways: the gatekeeper. OPTIONS probes take a dead gateway
# down (after N failures) and the least-cost choice skips it; a 503 from
# the cheapest gateway fails over to the next one; a 486 never fails over
# (it is about the callee); GATEWAYS reports liveness and channels in use.
. "$CALLCARD_ROOT/tests/lib/harness.sh"
. "$CALLCARD_ROOT/tests/dialer/lib.sh"
. "$CALLCARD_ROOT/tests/dialer/baresip_phone.sh"
PORT_BASE=16200
trap dialer_cleanup EXIT

D_STATE=$(mktemp -d /tmp/callcard-dialer.XXXXXX)
"$DIALER_DIR/udp_sink.py" "$(sipp_port 6)" 10 >"$D_STATE/sink.out" &
UDP_SINK_PID=$!
dialer_start "Dialer.ProbeIntervalMs = 200" "Dialer.ProbeDownAfter = 2" "Dialer.ProbeUpAfter = 1" \
	"Gateways.dead.Address = 127.0.0.1:$(sipp_port 0)" "Gateways.dead.Prefixes = 0100:1" \
	"Gateways.phone.Address = 127.0.0.1:$((PORT_BASE + 1))" "Gateways.phone.Prefixes = 0100:5" \
	"$(gw congested 2 0120 1)" "$(gw backup 3 0120 2)" "$(gw recip 4 0204)" \
	"$(gw busy 5 0130 1)" "$(gw second 6 0130 2)"
check "dialerd starts" [ -S "$D_SOCK" ]
baresip_start P $((PORT_BASE + 1)) $((PORT_BASE + 5)) 440 01001112222
sipp_uas congested unavailable 2
sipp_uas backup owner_star 3
sipp_uas recip answer_hangup 4 -d 500
sipp_uas busy busy 5 -d 200

n=0
while [ $n -lt 50 ] && ! ctl "CC1 GATEWAYS" | grep -q "gw0=dead:down"; do sleep 0.1; n=$((n + 1)); done
r=$(ctl "CC1 GATEWAYS")
check "probes take the dead gateway down" sh -c "echo '$r' | grep -q 'gw0=dead:down'"
check "the phone gateway answers probes and stays up" sh -c "echo '$r' | grep -q 'gw1=phone:up'"

place skip 01001112222 0201234 60 >/dev/null
check "the dead (cheaper) gateway is skipped: the order reaches the phone" \
	wait_state skip owner_answered 10
check "the channel in use shows in GATEWAYS" sh -c "'$TOOLS/order_client' '$D_SOCK' 'CC1 GATEWAYS' | grep -q 'gw1=phone:up:1/30'"
check "no INVITE went to the dead gateway" sh -c "! grep -q 'sip:01001112222@127.0.0.1:$(sipp_port 0)' '$D_LOG'"
ctl "CC1 CANCEL id=skip" >/dev/null
check_eq "cancel after answer ends the order" "$(ended_cause skip 5)" cancelled
check "the channel is free again" sh -c "'$TOOLS/order_client' '$D_SOCK' 'CC1 GATEWAYS' | grep -q 'gw1=phone:up:0/30'"

place failover 01201112222 02041112222 60 >/dev/null
check_eq "503 fails over to the next gateway and the call completes" "$(ended_cause failover 15)" completed
check_eq "the CDR names the gateway that carried the leg" "$(cdr failover a_gateway)" backup
check "the congested gateway got the first INVITE" sipp_ok congested 5
check "the backup gateway carried the call" sipp_ok backup 5
check "the recipient answered" sipp_ok recip 5

place busy 01301112222 0201234 60 >/dev/null
check_eq "486 ends the leg: busy" "$(ended_cause busy 10)" owner_busy
check "the busy phone saw its call" sipp_ok busy 5
wait "$UDP_SINK_PID"
check_eq "486 never fails over: the second gateway got no INVITE" "$(cat "$D_STATE/sink.out")" 0
