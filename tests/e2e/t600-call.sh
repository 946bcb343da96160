#!/bin/sh
# t600-call: a recipient presses a call button and is talking to the owner:
# through nginx, the call program, the real dialer (started by webd) and
# SIPp phones on loopback. The JSON states arrive in order, the progress
# page shows the end in plain words, and the owner's phone and the
# recipient's phone each saw the whole call.
. "$CALLCARD_ROOT/tests/lib/harness.sh"
PORT_BASE=16600
D_STATE=
. "$CALLCARD_ROOT/tests/dialer/lib.sh"
. "$CALLCARD_ROOT/tests/e2e/call-lib.sh"

t6_start
t6_owner_with_card
sipp_uas OWNER owner_star 0
sipp_uas RECIP answer_hangup 1 -d 1500

t6_call_page "$BTN"
check_eq "the call page answers" "$STATUS" 200
check "it shows the owner's card" contains "$STATE/body" "Kim Minjun"
check "it says who pays" contains "$STATE/body" "The call is free for you"
check "it asks for the recipient's number" contains "$STATE/body" 'name="number"'
check "it asks the proof-of-human sum" contains "$STATE/body" 'name="hc"'

t6_press "$BTN" "010-9876-5432" remember=1
check_eq "Call answers at once with a redirect" "$STATUS" 303
case "$(location)" in /call/progress/*) ok "to the progress page" ;; *) not_ok "to the progress page ($(location))" ;; esac
PAGE=${LOCATION_TOKEN}
check "the number is remembered (asked for)" grep -q "cc_callnum" "$JAR"

seen=$(t6_watch "$PAGE" 25)
echo "# states seen by polling: $seen"
check_eq "the call ends completed" "$(t6_json "$PAGE" cause)" completed
check_eq "the JSON lists every state in order" "$(t6_json "$PAGE" states)" \
	"queued dialing_owner owner_ringing owner_answered owner_accepted dialing_recipient recipient_ringing connected ended"
check "polling saw it connected before it ended" sh -c "echo '$seen' | grep -q 'connected ended'"
check "polling saw the states in order" t6_in_order "$seen"
req GET "/call/progress/$PAGE"
check_eq "the progress page answers" "$STATUS" 200
check "it says the call was completed" contains "$STATE/body" "The call was completed."
check "it shows the duration" contains "$STATE/body" "Duration"
check "it loads its script from static/js" contains "$STATE/body" '/static/js/call-progress.js'
check "it carries no inline script" sh -c "! grep -q '<script>' '$STATE/body'"
check "the owner's phone saw the whole call" sipp_ok OWNER 10
check "the recipient's phone saw the whole call" sipp_ok RECIP 10
t6_call_page "$BTN"
check "the next visit offers the remembered number" contains "$STATE/body" 'value="+821098765432"'

# The owner pays: the ended call is settled, and the owner sees it.
"$ADMIN" balance kim@example.com >"$STATE/balance"
held=$(sed -n 's/^held \([-0-9]*\).*/\1/p' "$STATE/balance")
miles=$(sed -n 's/^mileage \([-0-9]*\).*/\1/p' "$STATE/balance")
check_eq "the ended call's hold is freed" "$held" 0
check "the owner's sign-up mileage paid for it ($miles < 100)" [ "${miles:-100}" -lt 100 ]
check_eq "the recipient, who does not pay, is shown no cost" "$(t6_json "$PAGE" cost)" ""
get_token /login
post_form /login email=kim@example.com "password=long pass phrase"
req GET /call/calls
check_eq "the owner's call list" "$STATUS" 200
check "  lists the call as completed" contains "$STATE/body" "The call was completed."
check "  with the number masked" contains "$STATE/body" "+8210 ••••• 32"
check "  never the whole number" sh -c "! grep -q '+821098765432' '$STATE/body'"
check "  with its cost" grep -q '<td>0\.[0-9][0-9] EUR</td>' "$STATE/body"
rm -f "$JAR"
req GET /call/calls
check_eq "the call list is for members only" "$STATUS" 303
