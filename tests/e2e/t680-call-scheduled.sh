#!/bin/sh
# t680-call-scheduled: when the owner cannot take a call, the recipient
# schedules one for later, and sbin/callsched (under webd) places it when
# it is due, through the same path as a press, with the real dialer and
# SIPp phones. The scheduled call's page says when, then shows the live
# states; a call cancelled before it starts is never placed; a payer
# without credit at the due time gets the refusal (page and e-mails, as
# for a press); a placer killed with kill -9, while a call waits or right
# after claiming one, never loses it nor places it twice; bad times and
# forged requests are refused.
. "$CALLCARD_ROOT/tests/lib/harness.sh"
PORT_BASE=24700
. "$CALLCARD_ROOT/tests/dialer/lib.sh"
. "$CALLCARD_ROOT/tests/e2e/call-lib.sh"

# One gateway per owner number, so that each has its own phone.
T6_GATEWAYS=$(gw own1 0 +82262006200; gw recip 1 +8210; gw own2 2 +82262006201
	gw own3 3 +82262006202; gw own4 4 +82262006203; gw own5 5 +82262006204
	gw own6 6 +82262006205)
T6_CONFIG="Call.ScheduleMinSeconds = 2
Call.PerIP = 100
Call.PerCard = 100
Billing.MaxCalls = 10
Billing.SignupMileage = 0"
T6_CREDIT=100
t6_start
t6_owner_with_card
t6_more_cards 1 2 3 4 5

# utc SECONDS: the UTC time SECONDS from now, as the form takes it.
utc() { date -u -d "@$(($(date +%s) + $1))" +%Y-%m-%dT%H:%M:%S; }
# busy_page BUTTON NUMBER: a call the owner cannot take (their line is
# busy); PAGE gets its page token once it has ended.
busy_page() {
	t6_call_page "$1"
	t6_press "$1" "$2"
	PAGE=$LOCATION_TOKEN
	t6_watch "$PAGE" 15 >/dev/null
}
# schedule PAGE WHEN [field=value...]: the scheduling form of PAGE; SCHED
# gets the scheduled call's page token.
schedule() {
	sched_page=$1 sched_when=$2
	shift 2
	get_token "/call/progress/$sched_page"
	post_form "/call/schedule/$sched_page" "when=$sched_when" "$@"
	SCHED=$(location | sed -n 's|^/call/progress/||p')
}
callsched_pid() { pgrep -P "$(cat "$STATE/var/run/webd.pid")" -x callsched; }
# kill_callsched: kill -9 of the placer; waits for webd to start another.
kill_callsched() {
	old=$(callsched_pid)
	kill -9 "$old"
	i=0
	while { new=$(callsched_pid); [ -z "$new" ] || [ "$new" = "$old" ]; } && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	[ -n "$new" ] && [ "$new" != "$old" ]
}
placed() { grep -c 'placed for button' "$STATE/var/log/webd.log"; }

check "the placer runs under webd" [ -n "$(callsched_pid)" ]

# ---- the owner is busy: the page offers a scheduled call ----
sipp_uas BUSY1 busy 0 -d 300
busy_page "$BTN" "010-6800-0001"
P1=$PAGE
check_eq "the owner's line is busy" "$(t6_json "$P1" cause)" owner_busy
req GET "/call/progress/$P1"
check "the page offers to schedule the call" contains "$STATE/body" "/call/schedule/$P1"
check "  with a date and time field" contains "$STATE/body" 'type="datetime-local"'
check "  stating clearly that times are UTC" contains "$STATE/body" "Times are in UTC"
check "  and the window" contains "$STATE/body" "from 2 seconds to 7 days from now"
check "  with a form token" grep -q 'action="/call/schedule/'"$P1"'".*' "$STATE/body"
check "the busy phone saw its call" sipp_ok BUSY1 5

# ---- bad requests ----
for bad in "tomorrow" "2026-02-30T10:00" "2026-13-01T10:00" "<script>alert(1)</script>" "" \
	"$(date -u -d '@0' +%Y-%m-%dT%H:%M)"; do
	schedule "$P1" "$bad"
	check_eq "time '$bad' is refused (422)" "$STATUS" 422
done
check "  saying how to give the time" contains "$STATE/body" "Give the date and time of the call (in UTC)"
check "  and what was typed is shown escaped" sh -c "! grep -q '<script>alert' '$STATE/body'"
schedule "$P1" "$(utc -3600)"
check_eq "a time in the past is refused" "$STATUS" 422
check "  in plain words" contains "$STATE/body" "Pick a time at least 2 seconds from now"
schedule "$P1" "$(utc 1)"
check_eq "a time closer than the minimum lead is refused" "$STATUS" 422
schedule "$P1" "$(utc $((8 * 86400)))"
check_eq "a time more than 7 days ahead is refused" "$STATUS" 422
check "  in plain words" contains "$STATE/body" "Pick a time within 7 days from now"
schedule "$P1" "$(utc 600)" "email=not an address"
check_eq "a bad e-mail address is refused" "$STATUS" 422
get_token "/call/progress/$P1"
req POST "/call/schedule/$P1" --data-urlencode "when=$(utc 600)"
check_eq "no form token: refused" "$STATUS" 403
req GET "/call/schedule/$P1"
check "a GET schedules nothing" sh -c "[ $STATUS = 405 ] || [ $STATUS = 404 ]"
get_token "/call/progress/$P1"
post_form "/call/schedule/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" "when=$(utc 600)"
check_eq "an unknown page token: 404" "$STATUS" 404
check_eq "no bad request placed anything" "$(placed)" 1

# ---- scheduled, the placer killed while it waits, placed when due ----
schedule "$P1" "$(utc 5)"
check_eq "a good time: scheduled, on to the scheduled call's page" "$STATUS" 303
S1=$SCHED
check_eq "  which says it is scheduled" "$(t6_json "$S1" state)" scheduled
check "  and when" sh -c "curl -s '$BASE/call/status/$S1' | grep -q 'scheduled for [A-Z][a-z][a-z] [0-9][0-9] [A-Z][a-z][a-z] 20[0-9][0-9], [0-9][0-9]:[0-9][0-9] UTC'"
req GET "/call/progress/$S1"
check "  the page shows the time (UTC)" grep -q "Your call is scheduled for .* UTC" "$STATE/body"
check "  and can cancel it" contains "$STATE/body" "/call/cancel/$S1"
schedule "$P1" "$(utc 600)"
check_eq "the same page cannot schedule a second call" "$STATUS" 409
check "  it says so" contains "$STATE/body" "A call was already scheduled from this page"
check "the placer is killed with kill -9 and webd starts another" kill_callsched
sipp_uas OWNER1 owner_star 0
sipp_uas RECIP1 answer_hangup 1 -d 1500
seen=$(t6_watch "$S1" 30)
echo "# states seen by polling: $seen"
check "polling saw scheduled, then the live states" sh -c "echo '$seen' | grep -q '^scheduled .*connected ended'"
check_eq "the scheduled call ends completed" "$(t6_json "$S1" cause)" completed
check_eq "the JSON lists the dialer's states in order" "$(t6_json "$S1" states)" \
	"queued dialing_owner owner_ringing owner_answered owner_accepted dialing_recipient recipient_ringing connected ended"
check "the owner's phone saw the whole call" sipp_ok OWNER1 10
check "the recipient's phone saw the whole call" sipp_ok RECIP1 10
check "  rung at the number of the first press" grep -q '^INVITE sip:+821068000001@' "$STATE/sipp-RECIP1.msg"
check_eq "it was placed once" "$(placed)" 2

# ---- a placer killed right after its claim: the next one finishes it ----
sipp_uas BUSY5 busy 5 -d 300
busy_page "$BTN_4" "010-6800-0005"
P5=$PAGE
schedule "$P5" "$(utc 3600)"
S5=$SCHED
check_eq "a call scheduled an hour ahead" "$(t6_json "$S5" state)" scheduled
check_eq "a placer claims it and dies before placing it" \
	"$("$CALLCARD_BUILD/tests/tools/sched_claim" "$STATE/db")" claimed
check "busy phone saw its call" sipp_ok BUSY5 5
sipp_uas OWNER5 owner_star 5
sipp_uas RECIP5 answer_hangup 1 -d 1000
check "the running placer is killed with kill -9" kill_callsched
t6_watch "$S5" 30 >/dev/null
check_eq "the new placer finished the claimed call: completed" "$(t6_json "$S5" cause)" completed
check "  the owner's phone saw one call" sipp_ok OWNER5 10
check "  the recipient's phone too" sipp_ok RECIP5 10
check_eq "  placed once" "$(placed)" 4
check_eq "  and the dialer took one order for it" "$(grep -c "placed for button $BTN_4" "$STATE/var/log/webd.log")" 2

# ---- claimed, then cancelled before the placer starts it: never placed ----
sipp_uas BUSY6 busy 5 -d 300
busy_page "$BTN_4" "010-6800-0006"
P6=$PAGE
placed_before=$(placed)
schedule "$P6" "$(utc 3600)"
S6=$SCHED
check_eq "one more call is scheduled an hour ahead" "$(t6_json "$S6" state)" scheduled
check_eq "a placer claims it and dies before starting it" \
	"$("$CALLCARD_BUILD/tests/tools/sched_claim" "$STATE/db")" claimed
check "busy phone saw its call" sipp_ok BUSY6 5
get_token "/call/progress/$S6"
post_form "/call/cancel/$S6"
check_eq "Cancel of the claimed call answers with the page" "$STATUS" 303
check_eq "  the call is cancelled" "$(t6_json "$S6" state) $(t6_json "$S6" cause)" "ended cancelled"
check "the running placer is killed with kill -9" kill_callsched
i=0
until grep -q "scheduled call .*: cancelled" "$STATE/var/log/webd.log" || [ $i -ge 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
check "the new placer finds it cancelled and stops" grep -q "scheduled call .*: cancelled" "$STATE/var/log/webd.log"
check_eq "  the page still says cancelled" "$(t6_json "$S6" cause)" cancelled
check_eq "  and it was never placed" "$(placed)" "$placed_before"

# ---- cancelled before it starts: never placed ----
sipp_uas BUSY2 busy 2 -d 300
busy_page "$BTN_1" "010-6800-0002"
P2=$PAGE
schedule "$P2" "$(utc 4)"
S2=$SCHED
check_eq "another call is scheduled" "$(t6_json "$S2" state)" scheduled
check_eq "  it can be cancelled" "$(t6_json "$S2" cancellable)" 1
get_token "/call/progress/$S2"
post_form "/call/cancel/$S2"
check_eq "Cancel answers with the page" "$STATUS" 303
check_eq "  the call is cancelled" "$(t6_json "$S2" state) $(t6_json "$S2" cause)" "ended cancelled"
check "  in plain words" sh -c "curl -s '$BASE/call/status/$S2' | grep -q 'You cancelled the call.'"
sleep 6
check_eq "after its time it is still cancelled" "$(t6_json "$S2" cause)" cancelled
check_eq "  and was never placed" "$(placed)" 6
check "busy phone saw its call" sipp_ok BUSY2 5

# ---- no credit at the due time ----
sipp_uas BUSY3 busy 3 -d 300
busy_page "$BTN_2" "010-6800-0003"
P3=$PAGE
check "busy phone saw its call" sipp_ok BUSY3 5
before=$(mail_count)
schedule "$P3" "$(utc 5)" "email=lee@example.net"
S3=$SCHED
check_eq "a call is scheduled with the recipient's e-mail" "$(t6_json "$S3" state)" scheduled
# Another call by the same payer holds the rest of their credit while it
# comes due.
sipp_uas OWNER4 owner_star 4
sipp_uas RECIP4 answer_hangup 1 -d 15000
t6_call_page "$BTN_3"
t6_press "$BTN_3" "010-6800-0004"
HOLDER=$LOCATION_TOKEN
check_eq "a long call of the same payer is placed meanwhile" "$STATUS" 303
t6_watch "$S3" 20 >/dev/null
check_eq "at its time the scheduled call is refused for credit" \
	"$(t6_json "$S3" state) $(t6_json "$S3" cause)" "ended insufficient_credit"
check "  the page says so in plain words" sh -c \
	"curl -s '$BASE/call/status/$S3' | grep -q 'there was not enough credit to pay for it'"
check "two e-mails reach the SMTP server" wait_mail $((before + 2)) 20
check "  one to the owner" t6_mail_to kim@example.com "A call to you could not be placed"
check "  one to the recipient" t6_mail_to lee@example.net "Your call could not be placed"
check_eq "  and it was never sent to the dialer (the long call was)" "$(placed)" 8
t6_watch "$HOLDER" 30 >/dev/null
check_eq "the long call ends completed" "$(t6_json "$HOLDER" cause)" completed
check "  its phones saw the whole call" sipp_ok OWNER4 10
check "  (the recipient's too)" sipp_ok RECIP4 10

# ---- in a browser: the offer, the scheduled page, cancel ----
sipp_uas BUSY6 busy 6 -d 300
busy_page "$BTN_5" "010-6800-0006"
BASE=$BASE PROGRESS_URL="/call/progress/$PAGE" node "$CALLCARD_ROOT/tests/browser/call_sched.js"
check "busy phone saw its call" sipp_ok BUSY6 5
