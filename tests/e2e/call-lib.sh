# call-lib.sh: helpers of the call-page tests (sourced after harness.sh and
# tests/dialer/lib.sh, with PORT_BASE set). The dialer runs under webd with
# short timers; the owner's numbers route to SIPp slot 0, the recipients'
# to slot 1 (tests/dialer/lib.sh's port plan).
ADMIN="$CALLCARD_BUILD/sbin/callcard-admin"

t6_start() {
	TEST_CONFIG=$(cat <<CONF
Dialer.SIPPort = $PORT_BASE
Dialer.RTPPortMin = $((PORT_BASE + 50))
Dialer.RTPPortMax = $((PORT_BASE + 99))
Dialer.ProbeIntervalMs = 3600000
Dialer.RingTimeoutMs = 3000
Dialer.ConfirmTimeoutMs = 1500
Dialer.ConfirmRepeats = 1
Dialer.WarningSeconds = 1
Dialer.DrainSeconds = 2
${T6_GATEWAYS:-$(gw owner 0 +8226)
$(gw recip 1 +8210)}
${T6_CONFIG:-}
CONF
)
	instance_start
	D_STATE=$STATE
	trap 't6_cleanup' EXIT
	i=0
	while [ ! -S "$STATE/var/run/dialerd.sock" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
}

# Stops the phones, then the instance (which fails the test on sanitizer
# reports from any program under webd, the dialer included).
t6_cleanup() {
	for p in $SIPP_PIDS; do kill "$p" 2>/dev/null; done
	instance_stop
}

# t6_button CARD KIND: the id of the card's button of KIND; retried, as
# the tool gives way when a page holds a lock it needs.
t6_button() {
	i=0
	while [ $i -lt 20 ]; do
		b=$("$CALLCARD_BUILD/tests/tools/card_dump" "$STATE/db" buttons "$1" 2>/dev/null |
			awk -v k="$2" '$2 == k {print $1}')
		[ -n "$b" ] && { echo "$b"; return 0; }
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# An owner with a live card of two phone buttons, credit and rates; sets
# BTN (the office button, +82262006200) and BTN_MOBILE.
t6_owner_with_card() {
	member_with_card "Kim Minjun" kim@example.com forest
	# Retried: a tool refuses rather than waits when a page holds a lock.
	i=0
	until "$ADMIN" rates load "$CALLCARD_ROOT/etc/rates.example" 2>&1 | grep -q "rates loaded"; do
		i=$((i + 1)); [ $i -lt 20 ] || { not_ok "the rate table loads"; break; }; sleep 0.1
	done
	i=0
	while [ "${T6_CREDIT:-5000}" -gt 0 ] &&
		! "$ADMIN" credit kim@example.com "${T6_CREDIT:-5000}" opening balance 2>&1 | grep -q "^credited"; do
		i=$((i + 1)); [ $i -lt 20 ] || { not_ok "the owner is credited"; break; }; sleep 0.1
	done
	BTN=$(t6_button 1 office)
	BTN_MOBILE=$(t6_button 1 mobile)
	# The recipient is someone else: a fresh browser.
	rm -f "$JAR"
}

# t6_more_cards N...: another quick card per N, office 02-6200-620N, by
# the owner logged in as kim@example.com; BTN_<N> gets its office button.
t6_more_cards() {
	get_token /login
	post_form /login email=kim@example.com "password=long pass phrase"
	card=1
	for n in "$@"; do
		card=$((card + 1))
		get_token /make/quick
		post_form /make/quick design=forest "name=Kim Minjun" company=Hanbit \
			"office=02-6200-620$n" "mobile=010 1234 560$n" lang=en
		eval "BTN_$n=\$(t6_button $card office)"
	done
	rm -f "$JAR"
}

# t6_call_page BUTTON: GET the call page; TOKEN, HC and ANSWER from it.
t6_call_page() {
	req GET "/call/$1"
	TOKEN=$(csrf)
	HC=$(sed -n 's/.*name="hc" value="\([^"]*\)".*/\1/p' "$STATE/body" | head -n 1)
	ANSWER=$(sed -n 's/.*<span class="sum">\([0-9]*\) + \([0-9]*\)<.*/\1 \2/p' "$STATE/body" |
		awk '{print $1 + $2}')
}

# t6_press BUTTON NUMBER [field=value...]: POST the call form of the page
# fetched last; LOCATION_TOKEN gets the progress page's token.
t6_press() {
	b=$1 n=$2
	shift 2
	post_form "/call/$b" "number=$n" "hc=$HC" "answer=$ANSWER" "$@"
	LOCATION_TOKEN=$(location | sed -n 's|^/call/progress/||p')
}

# t6_json TOKEN FIELD: one field of the status JSON.
t6_json() {
	curl -s "$BASE/call/status/$1" | /usr/bin/python3 -c \
		'import json,sys; print(json.load(sys.stdin).get(sys.argv[1], ""))' "$2" 2>/dev/null
}

# t6_watch TOKEN SECONDS: polls the status every 0.1 s until ended; prints
# the distinct states seen, in the order seen.
t6_watch() {
	last= seen= n=$(($2 * 10))
	while [ "$n" -gt 0 ]; do
		s=$(t6_json "$1" state)
		if [ -n "$s" ] && [ "$s" != "$last" ]; then
			seen="$seen $s"
			last=$s
		fi
		[ "$s" = ended ] && break
		[ -n "${T6_UNTIL:-}" ] && [ "$s" = "$T6_UNTIL" ] && break
		sleep 0.1
		n=$((n - 1))
	done
	echo "$seen" | sed 's/^ //'
}

# t6_in_order "STATES": each state seen comes no earlier than the one before
# it in the dialer's order.
t6_in_order() {
	order="placing queued dialing_owner owner_ringing owner_answered owner_accepted dialing_recipient recipient_ringing connected ended"
	prev=0
	for s in $1; do
		i=0 at=-1
		for o in $order; do [ "$o" = "$s" ] && at=$i; i=$((i + 1)); done
		[ "$at" -ge "$prev" ] || return 1
		prev=$at
	done
}

# t6_mail_to ADDRESS SUBJECT: a message at the sink to ADDRESS with SUBJECT
# (headers decoded).
t6_mail_to() {
	/usr/bin/python3 - "$MAILDIR" "$1" "$2" <<'PY'
import email, email.policy, glob, sys
for f in glob.glob(sys.argv[1] + "/*.eml"):
    m = email.message_from_binary_file(open(f, "rb"), policy=email.policy.default)
    if sys.argv[2] in str(m["To"]) and str(m["Subject"]) == sys.argv[3]:
        sys.exit(0)
sys.exit(1)
PY
}

# t6_place_calls COUNT: presses BTN COUNT times for numbers 010-8888-NNNN;
# the progress pages' tokens land in $tokens.
t6_place_calls() {
	tokens=
	i=0
	while [ $i -lt "$1" ]; do
		t6_call_page "$BTN"
		t6_press "$BTN" "010-8888-$(printf %04d $i)"
		tokens="$tokens $LOCATION_TOKEN"
		i=$((i + 1))
	done
}

# t6_pc_card N: another card of kim@example.com (logged in here) whose
# office button (02-6200-620N, paid by the owner) rings the recipient's
# softphone; BTN_PC gets its id.
t6_pc_card() {
	get_token /login
	post_form /login email=kim@example.com "password=long pass phrase"
	get_token /make/editor
	req POST /make/editor -F "csrf=$TOKEN" -F "name=Kim Minjun" -F "office=02-6200-620$1" \
		-F office_modes=pc -F office_payer=owner -F mobile_modes=phone -F mobile_payer=owner \
		-F button_style=blue -F lang=en
	id=$(location | sed -n 's/.*id=\([0-9]*\).*/\1/p')
	get_token "/make/design?id=$id"
	req POST "/make/design?id=$id" -F "csrf=$TOKEN" -F layout=left -F align=left -F "bg=#ffffff" \
		-F pattern=none -F "color=#111111" -F "accent=#0b5394" -F font=sans -F size=m
	BTN_PC=$(t6_button "$id" office)
	rm -f "$JAR"
}

# t6_press_pc BUTTON SIP [field=value...]: POST a pc-mode call form of the
# page fetched last; LOCATION_TOKEN as t6_press.
t6_press_pc() {
	b=$1 s=$2
	shift 2
	post_form "/call/$b" "sip=$s" "hc=$HC" "answer=$ANSWER" "$@"
	LOCATION_TOKEN=$(location | sed -n 's|^/call/progress/||p')
}
