#!/bin/sh
# t640-call-browser: from the live card's call button to the call page to
# the progress page in headless Chromium (tests/browser/call.js), with
# phones slow enough that every state stays on screen for a screenshot.
. "$CALLCARD_ROOT/tests/lib/harness.sh"
PORT_BASE=17800
. "$CALLCARD_ROOT/tests/dialer/lib.sh"
. "$CALLCARD_ROOT/tests/e2e/call-lib.sh"

T6_CONFIG="Dialer.ConfirmTimeoutMs = 5000
Dialer.RingTimeoutMs = 8000"
t6_start
t6_owner_with_card
# The shipped phones, slowed: each rings 2.5 s before answering, and the
# owner waits 2.5 s before pressing *.
slow='0,/<send retrans="500">/s//<pause milliseconds="2500"\/><send retrans="500">/'
sed -e "$slow" -e 's/<pause milliseconds="700"\/>/<pause milliseconds="2500"\/>/' \
	"$DIALER_DIR/owner_star.xml" >"$STATE/slow_owner.xml"
sed -e "$slow" "$DIALER_DIR/answer_hangup.xml" >"$STATE/slow_recipient.xml"
DIALER_DIR=$STATE
sipp_uas OWNER slow_owner 0
sipp_uas RECIP slow_recipient 1 -d 4000
i=0 tok=
while [ -z "$tok" ] && [ $i -lt 20 ]; do
	tok=$("$CALLCARD_BUILD/tests/tools/card_dump" "$STATE/db" card 1 2>/dev/null | sed -n 's/^token=//p')
	[ -n "$tok" ] || sleep 0.1
	i=$((i + 1))
done
BASE=$BASE CARD_URL="/c/$tok" node "$CALLCARD_ROOT/tests/browser/call.js"
