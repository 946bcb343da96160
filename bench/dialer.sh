#!/bin/sh
# dialer.sh [BUILD]: benchmarks of sbin/dialerd with SIPp phones on loopback.
#  1. call setup rate: orders placed at a fixed rate, each owner answers and
#     presses *, each recipient answers and hangs up after 1 s;
#  2. concurrent bridged calls: CALLS orders, every recipient sends an
#     A-law recording (7 s, looped) that the dialer relays to the owner; the
#     dialer's CPU and memory are read while all calls are up.
#  3. the delay and jitter the relay adds, idle and with those calls up,
#     measured by two timestamping phones (tests/dialer/latency_probe.py).
# Prints calls/s, failed calls, CPU % and memory per call, delay, jitter.
# RATE, SETUP_CALLS, CALLS and TALK_RATE (orders/s while filling up the
# concurrent calls) override the defaults.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-build}
export CALLCARD_ROOT="$ROOT" CALLCARD_BUILD="$ROOT/$BUILD"
RATE=${RATE:-100}
SETUP_CALLS=${SETUP_CALLS:-1000}
CALLS=${CALLS:-500}
. "$ROOT/tests/lib/harness.sh"
. "$ROOT/tests/dialer/lib.sh"
PORT_BASE=17400
trap dialer_cleanup EXIT
[ -x "$CALLCARD_BUILD/sbin/dialerd" ] || { echo "build first: make BUILD=$BUILD"; exit 1; }

# The owners' phones send nothing after their *: no dead-media cut here.
dialer_start "Dialer.RTPPortMin = 30000" "Dialer.RTPPortMax = 39999" "Dialer.MaxOrders = 5000" \
	"Dialer.RingTimeoutMs = 10000" "Dialer.ConfirmTimeoutMs = 5000" \
	"Dialer.MediaTimeoutMs = 0" \
	"Gateways.a.Address = 127.0.0.1:$(sipp_port 0)" "Gateways.a.Prefixes = 010:1" \
	"Gateways.a.Channels = 5000" "Gateways.a.Probe = 0" \
	"Gateways.b.Address = 127.0.0.1:$(sipp_port 1)" "Gateways.b.Prefixes = 020:1" \
	"Gateways.b.Channels = 5000" "Gateways.b.Probe = 0" \
	"Gateways.a2.Address = 127.0.0.1:$(sipp_port 2)" "Gateways.a2.Prefixes = 011:1" \
	"Gateways.a2.Channels = 5000" "Gateways.a2.Probe = 0" \
	"Gateways.b2.Address = 127.0.0.1:$(sipp_port 3)" "Gateways.b2.Prefixes = 021:1" \
	"Gateways.b2.Channels = 5000" "Gateways.b2.Probe = 0" \
	"Gateways.pa.Address = 127.0.0.1:$(sipp_port 4)" "Gateways.pa.Prefixes = 012:1" \
	"Gateways.pa.Probe = 0" \
	"Gateways.pb.Address = 127.0.0.1:$(sipp_port 5)" "Gateways.pb.Prefixes = 022:1" \
	"Gateways.pb.Probe = 0" || { echo "dialerd did not start"; exit 1; }

cpu_ticks() { awk '{print $14 + $15}' "/proc/$D_PID/stat"; }
# calc FORMAT EXPRESSION: floating-point arithmetic without bc.
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$D_PID/status"; }
hz=$(getconf CLK_TCK)

# sipp_many NAME SCENARIO SLOT CALLS [args]: a SIPp phone for many calls.
sipp_many() {
	name=$1 sc=$2 slot=$3 n=$4
	shift 4
	(cd "$D_STATE" && exec sipp -sf "$DIALER_DIR/$sc.xml" -i 127.0.0.1 -p "$(sipp_port "$slot")" \
		-mp $((PORT_BASE + 200 + 4 * slot)) -m "$n" -timeout 120s -nostdin \
		-trace_stat -stf "$D_STATE/$name.csv" "$@" >"$D_STATE/sipp-$name.out" 2>&1) &
	eval "SIPP_$name=$!"
	SIPP_PIDS="$SIPP_PIDS $!"
}

# probe_latency TAG: one extra call between two timestamping phones.
probe_latency() {
	(sleep 0.3; "$TOOLS/order_client" "$D_SOCK" --place "probe-$1" 0121234 0221234 60 >/dev/null) &
	"$DIALER_DIR/latency_probe.py" "$(sipp_port 4)" "$(sipp_port 5)" $((PORT_BASE + 216)) \
		$((PORT_BASE + 220)) 3
}

echo "== added audio delay and jitter of the relay, idle"
probe_latency idle

echo "== call setup rate: $SETUP_CALLS calls at $RATE/s (1 s talk each)"
sipp_many A owner_star 0 "$SETUP_CALLS"
sipp_many B answer_hangup 1 "$SETUP_CALLS" -d 1000
sleep 0.5
rss0=$(rss_kb)
t0=$(cpu_ticks) w0=$(date +%s.%N)
"$DIALER_DIR/place_many.py" "$D_SOCK" "$SETUP_CALLS" "$RATE" 010 020 setup --wait 120
w1=$(date +%s.%N) t1=$(cpu_ticks)
echo "dialer CPU: $(calc %.1f "($t1 - $t0) / $hz / ($w1 - $w0) * 100") % of one core" \
	"over $(calc %.1f "$w1 - $w0") s"
echo "dialer CPU per call: $(calc %.2f "($t1 - $t0) * 1000 / $hz / $SETUP_CALLS") ms"
wait "$SIPP_A" "$SIPP_B" 2>/dev/null

echo "== concurrent bridged calls: $CALLS at once, A-law audio relayed to the owners"
sipp_many A2 owner_star 2 "$CALLS"
sipp_many B2 answer_talk_long 3 "$CALLS"
w0=$(date +%s.%N)
"$DIALER_DIR/place_many.py" "$D_SOCK" "$CALLS" "${TALK_RATE:-100}" 011 021 talk 600
# Wait until every recipient's leg holds a channel of gateway b2 (answered
# or ringing), then a little for the answers.
n=0
while [ $n -lt 100 ]; do
	"$TOOLS/order_client" "$D_SOCK" "CC1 GATEWAYS" | grep -q "gw3=b2:up:$CALLS/" && break
	sleep 0.2
	n=$((n + 1))
done
sleep 1
t0=$(cpu_ticks) s0=$(date +%s.%N)
echo "relay delay with the calls below up:"
probe_latency load
t1=$(cpu_ticks) s1=$(date +%s.%N)
rss1=$(rss_kb)
connected=$("$TOOLS/order_dump" "$D_STATE/db" --states | grep -c '^talk-.* connected$')
echo "calls connected at once: $connected of $CALLS"
echo "dialer CPU with $connected calls relaying: $(calc %.1f "($t1 - $t0) / $hz / ($s1 - $s0) * 100") % of one core"
echo "dialer memory: $rss1 kB resident ($(( (rss1 - rss0) / (CALLS > 0 ? CALLS : 1) )) kB per call above idle $rss0 kB)"
# SIGTERM: the drain limit (5 s) ends the calls with BYE to every phone.
STOP_WAIT=600 dialer_stop
n=0
while { kill -0 "$SIPP_A2" || kill -0 "$SIPP_B2"; } 2>/dev/null && [ $n -lt 300 ]; do
	sleep 0.1
	n=$((n + 1))
done
for f in A B A2 B2; do
	[ -f "$D_STATE/$f.csv" ] || continue
	col=$(head -n 1 "$D_STATE/$f.csv" | tr ';' '\n' | grep -n '^FailedCall(C)$' | cut -d: -f1)
	echo "sipp $f: failed calls $(tail -n 1 "$D_STATE/$f.csv" | cut -d';' -f"$col")"
done
