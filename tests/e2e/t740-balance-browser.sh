#!/bin/sh
# t740-balance-browser: the member's balance page and the operator's pages
# in headless Chromium (tests/browser/balance.js), after a real call, so
# that every table has rows in the screenshots.
. "$CALLCARD_ROOT/tests/lib/harness.sh"
PORT_BASE=21700
D_STATE=
. "$CALLCARD_ROOT/tests/dialer/lib.sh"
. "$CALLCARD_ROOT/tests/e2e/call-lib.sh"

adm() {
	i=0
	while :; do
		"$ADMIN" "$@" >"$STATE/adm" 2>&1 && return 0
		grep -qi "lock\|deadlock" "$STATE/adm" || return 1
		i=$((i + 1)); [ $i -lt 30 ] || return 1; sleep 0.1
	done
}

T6_CONFIG="Billing.SignupMileage = 30"
t6_start
t6_owner_with_card
sipp_uas OWNER owner_star 0
sipp_uas RECIP answer_hangup 1 -d 1500
t6_call_page "$BTN"
t6_press "$BTN" "010-9876-5432"
t6_watch "$LOCATION_TOKEN" 25 >/dev/null
check_eq "a call through the card ends completed" "$(t6_json "$LOCATION_TOKEN" cause)" completed
sipp_ok OWNER 10 >/dev/null; sipp_ok RECIP 10 >/dev/null

# The operator, and a voucher for the member.
get_token /signup
post_form /signup "name=Oh Operator" email=ops@example.com "phone=010 1234 5678" \
	"password=long pass phrase" "password2=long pass phrase"
rm -f "$JAR"
adm grant-admin ops@example.com
check "an operator is made" contains "$STATE/adm" "is now an operator"
adm voucher create 1000 1 browser test
VOUCHER=$(cut -f 1 "$STATE/adm")
adm balance kim@example.com
BALANCE=$(sed -n 's/^balance \([-0-9]*\).*/\1/p' "$STATE/adm")

BASE=$BASE VOUCHER=$VOUCHER BALANCE=$BALANCE RATES="$CALLCARD_ROOT/etc/rates.example" \
	node "$CALLCARD_ROOT/tests/browser/balance.js"
