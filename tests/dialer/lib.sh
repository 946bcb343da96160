# lib.sh: helpers for the dialer's end-to-end tests (sourced after
# tests/lib/harness.sh). Every peer listens on 127.0.0.1 at a port derived
# from the test's PORT_BASE; every wait has a time limit.
DIALER_DIR="$CALLCARD_ROOT/tests/dialer"
TOOLS="$CALLCARD_BUILD/tests/dialer"
SIPP_PIDS=""

# dialer_start [extra HDF lines...]: config + start; sets D_STATE, D_SOCK,
# D_LOG, D_PID. Gateways come from the extra lines (GW default: one at
# PORT_BASE+1).
dialer_start() {
	D_STATE=${D_STATE:-$(mktemp -d /tmp/callcard-dialer.XXXXXX)}
	mkdir -p "$D_STATE/var/run" "$D_STATE/var/log"
	D_SOCK="$D_STATE/var/run/dialerd.sock"
	D_LOG="$D_STATE/var/log/dialerd.log"
	{
		echo "Dialer.SIPPort = $PORT_BASE"
		echo "Dialer.RTPPortMin = $((PORT_BASE + 50))"
		echo "Dialer.RTPPortMax = $((PORT_BASE + 99))"
		echo "Dialer.ProbeIntervalMs = 3600000"
		echo "Dialer.RingTimeoutMs = 4000"
		echo "Dialer.ConfirmTimeoutMs = 1500"
		echo "Dialer.ConfirmRepeats = 2"
		echo "Dialer.WarningSeconds = 1"
		echo "Dialer.DrainSeconds = 5"
		for line in "$@"; do printf '%s\n' "$line"; done
	} >"$D_STATE/callcard.hdf"
	grep -q '^Gateways' "$D_STATE/callcard.hdf" ||
		echo "Gateways.gw1.Address = 127.0.0.1:$((PORT_BASE + 1))" >>"$D_STATE/callcard.hdf"
	# DIALERD_WRAPPER: e.g. "valgrind --leak-check=full" for a leak run.
	CALLCARD_STATE="$D_STATE" CALLCARD_CONFIG="$D_STATE/callcard.hdf" \
		${DIALERD_WRAPPER:-} "$CALLCARD_BUILD/sbin/dialerd" >>"$D_LOG" 2>&1 &
	D_PID=$!
	i=0
	while [ ! -S "$D_SOCK" ] && [ $i -lt 300 ]; do
		kill -0 "$D_PID" 2>/dev/null || break
		sleep 0.1
		i=$((i + 1))
	done
	[ -S "$D_SOCK" ]
}

# dialer_stop: SIGTERM and wait (STOP_WAIT tenths of a second, default 15 s);
# fails the test on sanitizer reports.
dialer_stop() {
	[ -n "${D_PID:-}" ] || return 0
	kill -TERM "$D_PID" 2>/dev/null
	i=0
	while kill -0 "$D_PID" 2>/dev/null && [ $i -lt "${STOP_WAIT:-150}" ]; do sleep 0.1; i=$((i + 1)); done
	if kill -0 "$D_PID" 2>/dev/null; then
		not_ok "dialerd stops on SIGTERM"
		kill -9 "$D_PID" 2>/dev/null
	fi
	wait "$D_PID" 2>/dev/null
	D_PID=
	if grep -q -E 'ERROR: AddressSanitizer|runtime error:|LeakSanitizer' "$D_LOG"; then
		not_ok "no sanitizer reports in the dialer log"
		grep -E -A20 'ERROR: AddressSanitizer|runtime error:|LeakSanitizer' "$D_LOG" | head -60
	fi
}

dialer_cleanup() {
	dialer_stop
	for p in $SIPP_PIDS; do kill "$p" 2>/dev/null; done
	if [ -n "${KEEP_STATE:-}" ]; then echo "# state kept in $D_STATE"; else rm -rf "$D_STATE"; fi
}

# ctl LINE: one raw protocol line through lib/order_proto's client.
ctl() { "$TOOLS/order_client" "$D_SOCK" "$1"; }
# place ID OWNER DEST MAX [OWNER_ALT|-] [MODE] [RECORD]
place() { "$TOOLS/order_client" "$D_SOCK" --place "$@"; }

# wait_state ID STATE SECONDS: polls the order's state.
wait_state() {
	n=$(($3 * 10))
	while [ "$n" -gt 0 ]; do
		LAST=$(ctl "CC1 STATE id=$1")
		case "$LAST" in *" state=$2 "*) return 0 ;; esac
		sleep 0.1
		n=$((n - 1))
	done
	echo "# order $1 not $2 after $3 s: $LAST"
	return 1
}

# ended_cause ID SECONDS: waits for ended and prints the cause.
ended_cause() {
	wait_state "$1" ended "$2" >/dev/null || { echo "not-ended"; return; }
	echo "$LAST" | sed -n 's/.* cause=\([^ ]*\).*/\1/p'
}

# cdr ID FIELD: one field of the order's CDR.
cdr() { "$TOOLS/order_dump" "$D_STATE/db" "$1" | sed -n "s/^cdr $2=//p"; }
events() { "$TOOLS/order_dump" "$D_STATE/db" "$1" | awk '$1 == "event" {print $3}' | tr '\n' ' '; }

# Port plan of a test: dialer SIP at PORT_BASE, its RTP at +50..+99,
# baresip phones at +1 and +21 (they take +0..+19 above their port), SIPp
# slot K at +100+K for SIP and +200+4K.. for media (K < 25). Tests are
# 300 ports apart.
sipp_port() { echo $((PORT_BASE + 100 + $1)); }
# gw NAME SLOT PREFIX [COST]: config lines of a gateway served by SIPp slot
# (not probed: a one-call SIPp scenario cannot answer OPTIONS).
gw() {
	echo "Gateways.$1.Address = 127.0.0.1:$(sipp_port "$2")"
	echo "Gateways.$1.Prefixes = $3:${4:-1}"
	echo "Gateways.$1.Probe = 0"
}

# sipp_uas NAME SCENARIO SLOT [sipp args...]: one-call SIPp phone or
# gateway in the background on $SIPP_IP (127.0.0.1 unless set); its pid
# goes to SIPP_<NAME>.
sipp_uas() {
	name=$1 sc=$2 port=$(sipp_port "$3") mport=$((PORT_BASE + 200 + 4 * $3))
	shift 3
	(cd "$D_STATE" && exec sipp -sf "$DIALER_DIR/$sc.xml" -i "${SIPP_IP:-127.0.0.1}" -p "$port" \
		-mp "$mport" -m 1 -timeout 40s -timeout_error -nostdin -trace_err \
		-error_file "$D_STATE/sipp-$name.err" -trace_msg -message_file "$D_STATE/sipp-$name.msg" "$@" >"$D_STATE/sipp-$name.out" 2>&1) &
	eval "SIPP_$name=$!"
	SIPP_PIDS="$SIPP_PIDS $!"
	sleep 0.2
}

# sipp_ok NAME SECONDS: SIPp ended within the time, its call succeeded.
sipp_ok() {
	eval "pid=\$SIPP_$1"
	n=$(($2 * 10))
	while kill -0 "$pid" 2>/dev/null && [ "$n" -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
	if kill -0 "$pid" 2>/dev/null; then
		kill "$pid" 2>/dev/null
		echo "# sipp $1 still running"
		return 1
	fi
	wait "$pid"
	rc=$?
	# (awk: the error file's last line has no newline; a "not ok" after it
	# must start its own line)
	[ "$rc" -eq 0 ] || { echo "# sipp $1 exit $rc"; tail -n 20 "$D_STATE/sipp-$1.err" 2>/dev/null | awk '{print "# " $0}'; }
	[ "$rc" -eq 0 ]
}

# send_star ADDR PORT [SRC]: three RFC 4733 end packets for * (event 10,
# PT 101) to ADDR:PORT from SRC (default 127.0.0.1).
send_star() {
	/usr/bin/python3 - "$1" "$2" "${3:-127.0.0.1}" <<'PY'
import socket, struct, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind((sys.argv[3], 0))
for i in range(3):
    pkt = struct.pack("!BBHII", 0x80, 101, 100 + i, 8000, 0x5151) + bytes([10, 0x80, 0x03, 0x20])
    s.sendto(pkt, (sys.argv[1], int(sys.argv[2])))
PY
}
