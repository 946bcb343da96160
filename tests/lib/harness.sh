# harness.sh: shared helpers for end-to-end tests (sourced).
# Each test prints TAP lines; tests/run.sh counts them.
: "${CALLCARD_ROOT:?run through tests/run.sh}"
: "${CALLCARD_BUILD:?run through tests/run.sh}"

ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; }
# check DESCRIPTION COMMAND...: ok when the command succeeds.
check() {
	desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc"; fi
}
# check_eq DESCRIPTION GOT WANT
check_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (got '$2', want '$3')"; fi
}
# contains FILE TEXT: fixed-string search.
contains() { grep -qF -- "$2" "$1"; }

# A free TCP port on loopback.
free_port() {
	/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# Starts a whole instance (webd + nginx) with its own state directory.
# Sets STATE, PORT, BASE. Stopped by instance_stop (trap set here).
instance_start() {
	STATE=$(mktemp -d /tmp/callcard-test.XXXXXX)
	PORT=$(free_port)
	BASE="http://127.0.0.1:$PORT"
	export CALLCARD_STATE="$STATE"
	# Each instance has its own SMTP sink port, and a config file of its own.
	SMTP_PORT=$(free_port)
	MAILDIR="$STATE/var/mail"
	printf 'Mail.SMTPPort = %s\nMail.RetrySeconds = 1\n%s\n' "$SMTP_PORT" "${TEST_CONFIG:-}" \
		>"$STATE/callcard.hdf"
	export CALLCARD_CONFIG="$STATE/callcard.hdf"
	[ -n "${NO_SINK:-}" ] || sink_start
	"$CALLCARD_ROOT/scripts/callcard-run.sh" "$CALLCARD_BUILD" "$PORT" --background ||
		{ not_ok "instance starts"; cat "$STATE"/var/log/* 2>/dev/null | tail -n 30; exit 1; }
	trap instance_stop EXIT
	JAR="$STATE/cookies"
}

instance_stop() {
	[ -n "${STATE:-}" ] || return 0
	sink_stop
	kill "$(cat "$STATE/var/run/nginx.pid" 2>/dev/null)" 2>/dev/null
	pid=$(cat "$STATE/var/run/webd.pid" 2>/dev/null)
	if [ -n "$pid" ]; then
		kill "$pid" 2>/dev/null
		i=0
		while kill -0 "$pid" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	fi
	# Sanitizer reports from workers land in the webd log: fail on them.
	if grep -q -E 'ERROR: AddressSanitizer|runtime error:|LeakSanitizer' "$STATE/var/log/webd.log" 2>/dev/null; then
		not_ok "no sanitizer reports in the service log"
		grep -E -A12 'ERROR: AddressSanitizer|runtime error:|LeakSanitizer' "$STATE/var/log/webd.log" | head -40
	fi
	[ -n "${KEEP_STATE:-}" ] || rm -rf "$STATE"
	STATE=
}

# req METHOD PATH [curl args...]: request with the cookie jar; writes the
# body to $STATE/body, headers to $STATE/head and sets STATUS.
req() {
	m=$1
	p=$2
	shift 2
	STATUS=$(curl -s -o "$STATE/body" -D "$STATE/head" -w '%{http_code}' -X "$m" \
		-b "$JAR" -c "$JAR" "$@" "$BASE$p")
}
# The CSRF token of the last page fetched.
csrf() { sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$STATE/body" | head -n 1; }
# post_form PATH field=value...: POST with the remembered CSRF token.
post_form() {
	p=$1
	shift
	for kv in "$@"; do
		set -- "$@" --data-urlencode "$kv"
		shift
	done
	req POST "$p" --data-urlencode "csrf=$TOKEN" "$@"
}
location() { sed -n 's/^[Ll]ocation: \([^\r]*\).*/\1/p' "$STATE/head" | tr -d '\r'; }
# Fetch a page and remember its CSRF token in TOKEN.
get_token() { req GET "$1"; TOKEN=$(csrf); }

# Simulates a crash of the whole service (kill -9 of webd, its workers and
# nginx), then starts it again on the same state: the database is opened
# with recovery.
instance_crash_restart() {
	wpid=$(cat "$STATE/var/run/webd.pid")
	npid=$(cat "$STATE/var/run/nginx.pid")
	workers=$(pgrep -P "$wpid")
	# Parents first, so none can start a replacement; nginx's master made
	# itself a process group leader, which takes its workers along.
	kill -9 "$wpid" 2>/dev/null
	/bin/kill -KILL -- "-$npid" 2>/dev/null || kill -9 "$npid" 2>/dev/null
	for p in $workers; do kill -9 "$p" 2>/dev/null; done
	i=0
	while ss -Hltn "sport = :$PORT" | grep -q . && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	ss -Hltnp "sport = :$PORT" | sed 's/^/# still listening: /'
	"$CALLCARD_ROOT/scripts/callcard-run.sh" "$CALLCARD_BUILD" "$PORT" --background ||
		{ not_ok "instance restarts"; tail -n 30 "$STATE"/var/log/webd.log; exit 1; }
}

# The SMTP server on loopback that receives the service's mail.
sink_start() {
	mkdir -p "$MAILDIR"
	rm -f "$MAILDIR/ready"
	/usr/bin/python3 "$CALLCARD_ROOT/scripts/smtp-sink.py" "$MAILDIR" "$SMTP_PORT" \
		>>"$STATE/smtp-sink.log" 2>&1 &
	SINK_PID=$!
	i=0
	while [ ! -f "$MAILDIR/ready" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
}
sink_stop() {
	[ -n "${SINK_PID:-}" ] && kill "$SINK_PID" 2>/dev/null && wait "$SINK_PID" 2>/dev/null
	SINK_PID=
}
# Number of messages the sink holds.
mail_count() { ls "$MAILDIR" 2>/dev/null | grep -c '\.eml$'; }
# wait_mail N [SECONDS]: until the sink holds at least N messages.
wait_mail() {
	i=0
	limit=$(( ${2:-20} * 10 ))
	while [ "$(mail_count)" -lt "$1" ] && [ $i -lt $limit ]; do sleep 0.1; i=$((i + 1)); done
	[ "$(mail_count)" -ge "$1" ]
}

# member_with_card NAME EMAIL DESIGN: signs a member up (logged in in $JAR)
# and makes a live card with the quick maker; STATUS is the maker's answer.
member_with_card() {
	get_token /signup
	post_form /signup "name=$1" "email=$2" "phone=010 1234 5678" \
		"password=long pass phrase" "password2=long pass phrase"
	get_token /make/quick
	post_form /make/quick "design=$3" "name=$1" company=Hanbit "title=Sales Manager" \
		"office=02-6200-6200" "mobile=010 1234 5678" lang=en
}
