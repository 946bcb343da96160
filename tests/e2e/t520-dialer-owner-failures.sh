#!/bin/sh
# t520-dialer-owner-failures: everything that can go wrong on the owner's
# leg, each against its own SIPp phone, all orders at once: busy, no
# answer (ring timeout -> CANCEL), unknown number, answers but never
# presses *, hangs up during the prompt, 183 early media (not an answer),
# fallback to the owner's other number, cancel while ringing; and the
# owner accepting with * sent in a SIP INFO instead of RFC 4733. The
# recipient is never rung in any of them but the fallback.
. "$CALLCARD_ROOT/tests/lib/harness.sh"
. "$CALLCARD_ROOT/tests/dialer/lib.sh"
PORT_BASE=15600
trap dialer_cleanup EXIT

dialer_start "$(gw busy 0 01000)" "$(gw noans 1 01001)" "$(gw nostar 2 01002)" \
	"$(gw hangup 3 01003)" "$(gw first 4 01004)" "$(gw second 5 01005)" "$(gw recip 6 0206)" \
	"$(gw early 7 01007)" "$(gw cancel 8 01008)" "$(gw unknown 9 01009)" \
	"$(gw info 10 01010)" "$(gw inforecip 11 0211)" "$(gw earlyans 12 01012)" \
	"$(gw earlyrecip 13 0213)"
check "dialerd starts" [ -S "$D_SOCK" ]

sipp_uas busy busy 0 -d 300
sipp_uas noans ring_cancel 1
sipp_uas nostar answer 2
sipp_uas hangup answer_hangup 3 -d 500
sipp_uas first busy 4 -d 200
sipp_uas second owner_star 5
sipp_uas recip answer_hangup 6 -d 1000
sipp_uas early early_cancel 7
sipp_uas cancel ring_cancel 8
sipp_uas unknown not_found 9
sipp_uas info owner_info_star 10
sipp_uas inforecip answer_hangup 11 -d 500
sipp_uas earlyans early_then_star 12 -d 1500
sipp_uas earlyrecip answer_hangup 13 -d 300

place busy 01000111222 02099998888 60 >/dev/null
place noans 01001111222 02099998888 60 >/dev/null
place nostar 01002111222 02099998888 60 >/dev/null
place hangup 01003111222 02099998888 60 >/dev/null
place fallback 01004111222 02061112222 60 01005111222 >/dev/null
place early 01007111222 02099998888 60 >/dev/null
place cancel 01008111222 02099998888 60 >/dev/null
place unknown 01009111222 02099998888 60 >/dev/null
place info 01010111222 02111112222 60 >/dev/null
place earlyans 01012111222 02131112222 60 >/dev/null

check "cancel: the owner's phone rings" wait_state cancel owner_ringing 5
check "cancel is accepted while ringing" ctl "CC1 CANCEL id=cancel"
check_eq "cancel: order ends cancelled" "$(ended_cause cancel 5)" cancelled
check_eq "cancel: owner leg outcome" "$(cdr cancel a_outcome)" cancelled
check "cancel: the phone got CANCEL" sipp_ok cancel 5

check_eq "busy: cause" "$(ended_cause busy 10)" owner_busy
check_eq "busy: SIP status in the CDR" "$(cdr busy a_status)" 486
check_eq "busy: Q.850 cause in the CDR" "$(cdr busy a_q850)" 17
check_eq "busy: recipient never rung" "$(cdr busy b_outcome)" not_dialed

check_eq "unknown number: cause" "$(ended_cause unknown 10)" owner_invalid_number
check_eq "unknown number: Q.850 1" "$(cdr unknown a_q850)" 1

check_eq "hang-up during the prompt: cause" "$(ended_cause hangup 10)" owner_answered_not_confirmed
check "hang-up during the prompt: recipient never rung" \
	sh -c "! '$TOOLS/order_dump' '$D_STATE/db' hangup | grep -q dialing_recipient"

check_eq "no answer: cause after the ring timeout" "$(ended_cause noans 10)" owner_no_answer
check_eq "no answer: Q.850 19" "$(cdr noans a_q850)" 19
check "no answer: the phone got CANCEL" sipp_ok noans 5

check_eq "183 early media is not an answer: cause" "$(ended_cause early 10)" owner_no_answer
check "183: the order never reached owner_answered" \
	sh -c "! '$TOOLS/order_dump' '$D_STATE/db' early | grep -q owner_answered"
check "183: the phone got CANCEL" sipp_ok early 5

check_eq "no *: cause after the prompt repeats" "$(ended_cause nostar 10)" owner_confirm_timeout
check "no *: the phone got BYE" sipp_ok nostar 5

check_eq "fallback: the other number completes the call" "$(ended_cause fallback 15)" completed
check_eq "fallback: CDR names the other number" "$(cdr fallback a_target)" 01005111222
check_eq "fallback: CDR keeps the first number's outcome" \
	"$(cdr fallback a1_target) $(cdr fallback a1_outcome) $(cdr fallback a1_status)" "01004111222 busy 486"
check "fallback: the order dialed the owner twice" \
	sh -c "[ \$('$TOOLS/order_dump' '$D_STATE/db' fallback | grep -c 'event .* dialing_owner') -eq 2 ]"
check "fallback: first phone answered busy" sipp_ok first 5
check "fallback: second phone pressed *" sipp_ok second 5
check "fallback: recipient answered and hung up" sipp_ok recip 5
check_eq "183 for 1.5 s, then 200 and *: the call completes" "$(ended_cause earlyans 10)" completed
check_eq "183 then 200: the answer time is the 200's, not the 183's" \
	"$(( $(cdr earlyans a_answer) - $(cdr earlyans a_ring) >= 1400 ))" 1
check "183 then 200: the phones saw their calls" sipp_ok earlyans 5
check "183 then 200: the recipient answered" sipp_ok earlyrecip 5
check_eq "* in a SIP INFO (fallback) is accepted too" "$(ended_cause info 10)" completed
check "INFO: the owner's phone got its 200 and the BYE" sipp_ok info 5
check "INFO: the recipient answered" sipp_ok inforecip 5
for n in busy hangup unknown; do check "$n: phone saw its scenario" sipp_ok $n 5; done
