#!/bin/sh
# callcard-run.sh BUILD PORT [--background]
# Starts the whole service on loopback: sbin/webd with the FastCGI programs
# and nginx with its own configuration, all state under $CALLCARD_STATE
# (default: the source tree: db/ and var/). In the foreground it prints the
# URL and stops everything on Ctrl-C; with --background it returns once the
# service answers and leaves the pids in $CALLCARD_STATE/var/run/*.pid.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=$1
PORT=$2
MODE=${3:-}
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
STATE=${CALLCARD_STATE:-$ROOT}
export CALLCARD_STATE="$STATE"
RUN="$STATE/var/run"
LOG="$STATE/var/log"
NGX="$STATE/var/nginx"
mkdir -p "$RUN" "$LOG" "$NGX/tmp" "$STATE/db"

case "$PORT" in ''|*[!0-9]*) echo "PORT must be a number" >&2; exit 2 ;; esac
if command -v ss >/dev/null 2>&1 && ss -Hltn "sport = :$PORT" | grep -q .; then
	echo "port $PORT is in use; try: make run PORT=8081" >&2
	exit 1
fi

# nginx needs a user that can reach the sockets: ourselves.
user=$(id -un)
group=$(id -gn)
sed -e "s|@PORT@|$PORT|g" -e "s|@STATIC@|$ROOT/static|g" -e "s|@RUN@|$RUN|g" \
	"$ROOT/etc/nginx-callcard.conf" >"$NGX/callcard.conf"
cat >"$NGX/nginx.conf" <<CONF
$( [ "$(id -u)" -eq 0 ] && echo "user $user $group;" )
worker_processes 2;
pid $RUN/nginx.pid;
error_log $LOG/nginx-error.log warn;
events { worker_connections 4096; }
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $LOG/nginx-access.log;
    client_body_temp_path $NGX/tmp/body;
    proxy_temp_path $NGX/tmp/proxy;
    fastcgi_temp_path $NGX/tmp/fastcgi;
    uwsgi_temp_path $NGX/tmp/uwsgi;
    scgi_temp_path $NGX/tmp/scgi;
    sendfile on;
    keepalive_timeout 30;
    include $NGX/callcard.conf;
}
CONF

rm -f "$RUN"/*.sock
# Every FastCGI program of the build gets a pool; NAME.fcgi listens on
# $RUN/NAME.sock, which etc/nginx-callcard.conf routes to.
set --
for prog in "$BUILD"/cgi-bin/*.fcgi; do
	name=$(basename "$prog" .fcgi)
	set -- "$@" "$name=$prog"
done
# The daemons attached to the same database run under webd too; the
# dialer takes call orders on var/run/dialerd.sock. Unless the configuration
# names its SIP port, it gets 5060, or a free port when 5060 is taken (by
# another instance on this machine), through a configuration of its own.
set -- "$@" "+mailq=$BUILD/sbin/mailq"
dialer_prog="$BUILD/sbin/dialerd"
if ! grep -qs '^[[:space:]]*Dialer\.SIPPort' "${CALLCARD_CONFIG:-/dev/null}"; then
	sip_port=5060
	if [ -n "${CALLCARD_CONFIG:-}" ] || ss -Hlun "sport = :5060" | grep -q .; then
		# Free for UDP and TCP (sofia listens on both), and outside the
		# kernel's ephemeral range, which busy HTTP clients keep taking.
		sip_port=$(/usr/bin/python3 -c '
import random, socket
for _ in range(200):
    port = random.randint(10000, 19999)
    try:
        for kind in (socket.SOCK_DGRAM, socket.SOCK_STREAM):
            s = socket.socket(socket.AF_INET, kind)
            s.bind(("127.0.0.1", port))
            s.close()
    except OSError:
        continue
    print(port)
    break
')
	fi
	{ cat "${CALLCARD_CONFIG:-/dev/null}"; echo; echo "Dialer.SIPPort = $sip_port"; } >"$RUN/dialerd.hdf"
	printf '#!/bin/sh\nCALLCARD_CONFIG="%s" exec "%s"\n' "$RUN/dialerd.hdf" "$BUILD/sbin/dialerd" \
		>"$RUN/dialerd.sh"
	chmod +x "$RUN/dialerd.sh"
	dialer_prog="$RUN/dialerd.sh"
fi
set -- "$@" "+dialerd=$dialer_prog"
# Calls are charged moments after they end.
set -- "$@" "+settle=$BUILD/sbin/billing,-w"
# Scheduled calls are placed when they are due.
set -- "$@" "+callsched=$BUILD/sbin/callsched"

# A local mail sink stands in for the relay unless told otherwise
# (CALLCARD_NO_SINK=1, or a configuration of your own).
if [ -z "${CALLCARD_NO_SINK:-}" ] && [ -z "${CALLCARD_CONFIG:-}" ]; then
	mkdir -p "$STATE/var/mail"
	/usr/bin/python3 "$ROOT/scripts/smtp-sink.py" "$STATE/var/mail" "${SMTP_SINK_PORT:-2525}" \
		>>"$LOG/smtp-sink.log" 2>&1 &
	echo $! >"$RUN/smtp-sink.pid"
fi

# Local phones stand in for the gateway's far ends (the dialer's default
# gateway is 127.0.0.1:5080): every call is answered, the owner's side
# presses *, and the phone hangs up after a short talk (CALLCARD_NO_PHONES=1,
# or a configuration of your own, goes without).
if [ -z "${CALLCARD_NO_PHONES:-}" ] && [ -z "${CALLCARD_CONFIG:-}" ] && command -v sipp >/dev/null 2>&1; then
	# answer_hangup's phone, which also presses * and hangs up after 20 s
	# unless the other side did first.
	sed -e 's|^  <pause/>|  <pause milliseconds="700"/>\
  <nop><action><exec play_pcap_audio="/usr/share/sip-tester/dtmf_2833_star.pcap"/></action></nop>\
  <recv request="BYE" timeout="20000" ontimeout="hangup"/>\
  <send><![CDATA[\
SIP/2.0 200 OK\
[last_Via:]\
[last_From:]\
[last_To:]\
[last_Call-ID:]\
[last_CSeq:]\
Content-Length: 0\
\
]]></send>\
  <nop next="done"/>\
  <label id="hangup"/>|' \
		-e 's|^  <ResponseTimeRepartition|  <label id="done"/>\
  <ResponseTimeRepartition|' \
		"$ROOT/tests/dialer/answer_hangup.xml" >"$RUN/phone.xml"
	(cd "$LOG" && exec sipp -sf "$RUN/phone.xml" -i 127.0.0.1 -p 5080 -mp 6000 -nostdin \
		>>"$LOG/phones.log" 2>&1) &
	echo $! >"$RUN/phones.pid"
fi

"$BUILD/sbin/webd" "$@" >>"$LOG/webd.log" 2>&1 &
echo $! >"$RUN/webd.pid"
# nginx starts once the sockets exist.
i=0
while [ ! -S "$RUN/account.sock" ] || [ ! -S "$RUN/home.sock" ]; do
	i=$((i + 1))
	if [ $i -gt 100 ] || ! kill -0 "$(cat "$RUN/webd.pid")" 2>/dev/null; then
		echo "webd did not start; see $LOG/webd.log:" >&2
		tail -n 20 "$LOG/webd.log" >&2
		exit 1
	fi
	sleep 0.1
done
nginx -c "$NGX/nginx.conf" -p "$NGX/" -e "$LOG/nginx-error.log"

# On loopback without a configuration, calls need prices: the example rate
# table is put in use once, when none is stored yet.
if [ -z "${CALLCARD_CONFIG:-}" ] && ! "$BUILD/sbin/callcard-admin" rates show >/dev/null 2>&1; then
	"$BUILD/sbin/callcard-admin" rates load "$ROOT/etc/rates.example" >>"$LOG/webd.log" 2>&1 || true
fi

stop() {
	kill "$(cat "$RUN/nginx.pid" 2>/dev/null)" 2>/dev/null || true
	kill "$(cat "$RUN/webd.pid")" 2>/dev/null || true
	kill "$(cat "$RUN/smtp-sink.pid" 2>/dev/null)" 2>/dev/null || true
	kill "$(cat "$RUN/phones.pid" 2>/dev/null)" 2>/dev/null || true
	wait 2>/dev/null || true
}

i=0
until curl -fsS -o /dev/null "http://127.0.0.1:$PORT/"; do
	i=$((i + 1))
	if [ $i -gt 100 ]; then
		echo "the service does not answer; see $LOG/" >&2
		stop
		exit 1
	fi
	sleep 0.1
done

if [ "$MODE" = "--background" ]; then
	exit 0
fi
trap 'echo; echo "stopping callcard"; stop; exit 0' INT TERM
echo "callcard is running at http://127.0.0.1:$PORT/"
echo "(logs in $LOG; mail sent by the service lands in $STATE/var/mail; Ctrl-C stops it)"
wait
