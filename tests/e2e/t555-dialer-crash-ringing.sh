#!/bin/sh
# t555-dialer-crash-ringing: the dialer dies with kill -9 while legs ring.
# The restarted dialer CANCELs each ringing leg with a CANCEL that matches
# its INVITE (Via branch, Call-ID, From tag, CSeq, Request-URI), ACKs the
# 487, ACKs and BYEs a leg that answers as the CANCEL arrives, BYEs the
# answered owner of a ringing recipient, and closes every order exactly
# once with one CDR. Nothing is dialed again, even after another restart.
. "$CALLCARD_ROOT/tests/lib/harness.sh"
. "$CALLCARD_ROOT/tests/dialer/lib.sh"
PORT_BASE=21100
trap dialer_cleanup EXIT

GWS="$(gw a 0 0100)
$(gw a2 2 0102)
$(gw b2 3 0203)
$(gw a4 4 0104)
$(gw a5 5 0105)
Dialer.RingTimeoutMs = 60000"
dialer_start "$GWS"
check "dialerd starts" [ -S "$D_SOCK" ]

# ring1: the owner's phone rings. ring2: the owner accepted, the
# recipient's phone rings. ring3: the owner's phone answers just as the
# CANCEL comes.
sipp_uas A ring_cancel 0
sipp_uas A2 owner_star 2
sipp_uas B2 ring_cancel 3
sipp_uas A4 ring_late_answer 4
sipp_uas A5 trying_cancel 5
place ring1 01001112222 02011112222 60 >/dev/null
place ring2 01021112222 02031112222 60 >/dev/null
place ring3 01041112222 02051112222 60 >/dev/null
check "the owner's phone rings" wait_state ring1 owner_ringing 10
check "the recipient's phone rings after the owner's *" wait_state ring2 recipient_ringing 10
check "the third owner's phone rings" wait_state ring3 owner_ringing 10
# ring4: the owner's trunk has only answered 100 Trying.
place ring4 01051112222 02061112222 60 >/dev/null
i=0
until grep -q "^SIP/2.0 100 Trying" "$D_STATE/sipp-A5.msg" 2>/dev/null || [ $i -ge 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
check "the fourth owner's trunk answered 100 Trying only" grep -q "^SIP/2.0 100 Trying" "$D_STATE/sipp-A5.msg"
sleep 0.5
kill -9 "$D_PID"
wait "$D_PID" 2>/dev/null
D_PID=
check "the dialer restarts on the same state" dialer_start "$GWS"
check "the ringing owner's phone got CANCEL (and the ACK of its 487)" sipp_ok A 10
check "the ringing recipient's phone got CANCEL" sipp_ok B2 10
check "the answered owner of that call got BYE" sipp_ok A2 10
check "the phone that answered as the CANCEL came got ACK and BYE" sipp_ok A4 10
check "the trunk that had only sent 100 Trying got CANCEL" sipp_ok A5 10

# The CANCEL repeats the INVITE's transaction and dialog identity.
# field FILE METHOD HEADER: the first value of HEADER in the first METHOD request.
field() {
	awk -v m="$2" -v h="$3" '
		$0 ~ "^" m " sip:" { inreq = 1; if (h == "uri") { print $2; exit } ; next }
		inreq && /^\r?$/ { inreq = 0 }
		inreq && tolower($0) ~ "^" tolower(h) ":" { sub(/^[^:]*: */, ""); sub(/\r$/, ""); print; exit }
	' "$1"
}
msg="$D_STATE/sipp-A.msg"
for h in uri Via Call-ID From; do
	check_eq "CANCEL $h is the INVITE's" "$(field "$msg" CANCEL "$h")" "$(field "$msg" INVITE "$h")"
done
check_eq "CANCEL CSeq number is the INVITE's" "$(field "$msg" CANCEL CSeq | cut -d' ' -f1)" \
	"$(field "$msg" INVITE CSeq | cut -d' ' -f1)"
check "the Via carries the INVITE's branch" sh -c "echo '$(field "$msg" CANCEL Via)' | grep -q 'branch=z9hG4bK'"
check_eq "the ACK of the 487 has the INVITE's branch" \
	"$(field "$msg" ACK Via | sed 's/.*branch=//')" "$(field "$msg" INVITE Via | sed 's/.*branch=//')"
msg="$D_STATE/sipp-B2.msg"
check_eq "the recipient's CANCEL matches its INVITE too" \
	"$(field "$msg" CANCEL Via) $(field "$msg" CANCEL Call-ID)" \
	"$(field "$msg" INVITE Via) $(field "$msg" INVITE Call-ID)"

check_eq "its CANCEL matches the INVITE's Via" "$(field "$D_STATE/sipp-A5.msg" CANCEL Via)" \
	"$(field "$D_STATE/sipp-A5.msg" INVITE Via)"

for o in ring1 ring2 ring3 ring4; do
	check_eq "$o is closed" "$(ended_cause $o 5)" dialer_restart
	check_eq "$o has exactly one CDR" "$("$TOOLS/order_dump" "$D_STATE/db" $o | sed -n 's/^cdrs //p')" 1
done
check_eq "the ringing owner's leg: cancelled" "$(cdr ring1 a_outcome)" cancelled
check_eq "with the 487 it got" "$(cdr ring1 a_status)" 487
check_eq "the ringing recipient's leg: cancelled" "$(cdr ring2 b_outcome)" cancelled
check_eq "the late answer: cancelled after its 200" "$(cdr ring3 a_status)" 200
check_eq "the leg with only 100 Trying: cancelled" "$(cdr ring4 a_outcome)" cancelled
check_eq "no order left unfinished" "$("$TOOLS/order_dump" "$D_STATE/db" --unfinished)" ""
check_eq "one INVITE per dialed leg in all" "$(grep -c 'leg [AB] INVITE' "$D_LOG")" 5

# Another restart changes nothing: each order ended once.
dialer_stop
check "the dialer starts again" dialer_start "$GWS"
for o in ring1 ring2 ring3 ring4; do
	check_eq "$o ended exactly once" "$("$TOOLS/order_dump" "$D_STATE/db" $o | grep -c '^event [0-9]* ended')" 1
done
check_eq "no CANCEL was sent again" "$(grep -c 'CANCEL sent' "$D_LOG")" 4
r=$(ctl "CC1 ORDER id=ring1 owner=01001112222 dest=02011112222 max=60")
check "a crashed order is not dialed again" sh -c "echo '$r' | grep -q 'ERR duplicate'"
dialer_stop
