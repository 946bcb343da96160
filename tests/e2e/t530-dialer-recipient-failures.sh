#!/bin/sh
# t530-dialer-recipient-failures: the owner accepts with *, then the
# recipient's leg goes wrong or the call ends mid-way: busy, no answer,
# declined, unknown number, the owner's BYE mid-call, and the credit limit
# (max duration of the order) cutting the call after a warning tone, and
# a softphone recipient (pc mode) rung at its SIP URI; the owner leaving
# while the recipient rings sends CANCEL. The
# owner's leg is always released and each leg keeps its own outcome.
. "$CALLCARD_ROOT/tests/lib/harness.sh"
. "$CALLCARD_ROOT/tests/dialer/lib.sh"
PORT_BASE=15900
trap dialer_cleanup EXIT

dialer_start "$(gw a0 0 01100)" "$(gw b1 1 0201)" "$(gw a2 2 01102)" "$(gw b3 3 0203)" \
	"$(gw a4 4 01104)" "$(gw b5 5 0205)" "$(gw a6 6 01106)" "$(gw b7 7 0207)" \
	"$(gw a8 8 01108)" "$(gw b9 9 0209)" "$(gw a10 10 01110)" "$(gw b11 11 0211)" \
	"$(gw a12 12 01112)" "$(gw a14 14 01114)" "$(gw b15 15 0215)"
check "dialerd starts" [ -S "$D_SOCK" ]

sipp_uas a0 owner_star 0
sipp_uas b1 busy 1 -d 300
sipp_uas a2 owner_star 2
sipp_uas b3 ring_cancel 3
sipp_uas a4 owner_star 4
sipp_uas b5 decline 5 -d 300
sipp_uas a6 owner_star_hangup 6 -d 1500
sipp_uas b7 answer 7
sipp_uas a8 owner_star 8
sipp_uas b9 answer 9
sipp_uas a10 owner_star 10
sipp_uas b11 not_found 11
sipp_uas a12 owner_star 12
sipp_uas pc13 answer_hangup 13 -d 500
sipp_uas a14 owner_star_hangup 14 -d 800
sipp_uas b15 ring_cancel 15

place busy 01100111222 02011112222 60 >/dev/null
place noans 01102111222 02031112222 60 >/dev/null
place decline 01104111222 02051112222 60 >/dev/null
place abye 01106111222 02071112222 60 >/dev/null
place credit 01108111222 02091112222 3 >/dev/null
place unknown 01110111222 02111112222 60 >/dev/null
place leave 01114111222 02151112222 60 >/dev/null
place pc 01112111222 "sip:softphone@127.0.0.1:$(sipp_port 13)" 60 - pc >/dev/null

check_eq "recipient busy: cause" "$(ended_cause busy 10)" recipient_busy
check_eq "recipient busy: B status 486" "$(cdr busy b_status)" 486
check_eq "recipient busy: the owner's outcome stays its own" "$(cdr busy a_outcome)" completed
check_eq "recipient busy: B outcome" "$(cdr busy b_outcome)" busy

check_eq "recipient declines: cause" "$(ended_cause decline 10)" recipient_rejected
check_eq "recipient declines: Q.850 21" "$(cdr decline b_q850)" 21

check_eq "recipient unknown: cause" "$(ended_cause unknown 10)" recipient_invalid_number

check_eq "owner's BYE mid-call: completed" "$(ended_cause abye 10)" completed
check_eq "owner's BYE mid-call: owner hung up" "$(cdr abye a_end_by)" remote
check_eq "owner's BYE mid-call: the dialer released the recipient" "$(cdr abye b_end_by)" dialer

check_eq "credit limit: cause" "$(ended_cause credit 12)" credit_limit
check_eq "credit limit: recipient's outcome" "$(cdr credit b_outcome)" credit_limit
talk=$(cdr credit talk_ms)
check "credit limit: cut at the order's 3 s ($talk ms)" [ "$talk" -ge 2800 ] && [ "$talk" -le 4000 ]
check "credit limit: a warning was played before the cut" grep -q "order credit: warning, " "$D_LOG"

check_eq "recipient no answer: cause" "$(ended_cause noans 12)" recipient_no_answer

check_eq "pc mode: the softphone at a SIP URI is rung directly" "$(ended_cause pc 10)" completed
check_eq "pc mode: no gateway for the recipient" "$(cdr pc b_gateway)" direct
check "pc mode: INVITE went to the URI" grep -q "INVITE sip:softphone@127.0.0.1:$(sipp_port 13) via direct" "$D_LOG"

check_eq "the owner leaves while the recipient rings: cause" "$(ended_cause leave 10)" owner_hung_up
check_eq "the ringing recipient's leg is cancelled" "$(cdr leave b_outcome)" cancelled

for n in a0 b1 a2 b3 a4 b5 a6 b7 a8 b9 a10 b11 a12 pc13 a14 b15; do check "phone $n saw its whole scenario" sipp_ok $n 5; done
