#!/bin/sh
# t510-dialer-call: the happy path with real phones. baresip phones stand
# in for gateway + phone on both legs: the owner answers, presses * (RFC
# 4733), the recipient is rung and answers, and each side must hear the
# other's voice (a 440 Hz and a 1000 Hz tone) through the dialer's relay;
# the owner speaks u-law, the recipient A-law, so the relay transcodes.
# A SIPp pair runs the same path with a BYE from B, and a third owner
# sends * only as an in-band tone (detected with spandsp).
. "$CALLCARD_ROOT/tests/lib/harness.sh"
. "$CALLCARD_ROOT/tests/dialer/lib.sh"
. "$CALLCARD_ROOT/tests/dialer/baresip_phone.sh"
PORT_BASE=15300
trap dialer_cleanup EXIT

dialer_start \
	"Gateways.owner.Address = 127.0.0.1:$((PORT_BASE + 1))" "Gateways.owner.Prefixes = 0101:1" \
	"Gateways.recip.Address = 127.0.0.1:$((PORT_BASE + 21))" "Gateways.recip.Prefixes = 0202:1" \
	"$(gw sippa 0 0103)" "$(gw sippb 1 0204)" \
	"Gateways.inband.Address = 127.0.0.1:$((PORT_BASE + 41))" "Gateways.inband.Prefixes = 0105:1" \
	"$(gw inbandb 2 0206)"
check "dialerd starts" [ -S "$D_SOCK" ]

baresip_start A $((PORT_BASE + 1)) $((PORT_BASE + 5)) 440 01011112222
baresip_start B $((PORT_BASE + 21)) $((PORT_BASE + 25)) 1000 02022223333 PCMA
sipp_uas SA owner_star 0
sipp_uas SB answer_hangup 1 -d 2000
# An owner's phone that sends * only as a tone in its audio (in-band).
sox -n -r 8000 -c 1 -b 16 "$D_STATE/silence.wav" trim 0 1.2
sox -n -r 8000 -c 1 -b 16 "$D_STATE/star.wav" synth 0.25 sine 941 sine 1209 remix 1,2 vol 0.4
sox -n -r 8000 -c 1 -b 16 "$D_STATE/after.wav" trim 0 60
sox "$D_STATE/silence.wav" "$D_STATE/star.wav" "$D_STATE/after.wav" "$D_STATE/inband.wav"
baresip_start I $((PORT_BASE + 41)) $((PORT_BASE + 45)) "$D_STATE/inband.wav" 01051112222
sipp_uas IB answer_hangup 2 -d 500

check "order with baresip phones is taken" place call1 01011112222 02022223333 60 - phone 1
check "order with SIPp phones is taken" place call2 01031112222 02043334444 60
check "order with an in-band * phone is taken" place call3 01051112222 02061112222 60
check "owner answers and hears the prompt" wait_state call1 owner_answered 10
sleep 1
baresip_cmd $((PORT_BASE + 5)) sndcode '*'
check "after * the recipient is rung and the legs are joined" wait_state call1 connected 10
sleep 3
baresip_cmd $((PORT_BASE + 5)) hangup
check_eq "owner's BYE ends the call as completed" "$(ended_cause call1 10)" completed
check_eq "the states in order" "$(events call1)" \
	"queued dialing_owner owner_ringing owner_answered owner_accepted dialing_recipient recipient_ringing connected ended "
sleep 0.5
adec=$(ls "$D_STATE"/bs-A/snd/*-dec.wav 2>/dev/null | head -n 1)
bdec=$(ls "$D_STATE"/bs-B/snd/*-dec.wav 2>/dev/null | head -n 1)
check "the recipient hears the owner (440 Hz)" "$DIALER_DIR/tone_check.py" "$bdec" 440 2
check "the owner hears the recipient (1000 Hz)" "$DIALER_DIR/tone_check.py" "$adec" 1000 2
check "the recipient hears no prompt or ringback leak (no 1000 Hz echo)" \
	sh -c "! '$DIALER_DIR/tone_check.py' '$bdec' 1000 0.5"
check_eq "CDR: owner leg completed" "$(cdr call1 a_outcome)" completed
check_eq "CDR: recipient leg completed" "$(cdr call1 b_outcome)" completed
check_eq "CDR: owner hung up" "$(cdr call1 a_end_by)" remote
a_ans=$(cdr call1 a_answer) a_acc=$(cdr call1 a_accept) b_inv=$(cdr call1 b_invite)
b_ans=$(cdr call1 b_answer) b_end=$(cdr call1 b_end)
check "CDR times in order: A answer <= accept <= B invite <= B answer < B end" \
	[ "$a_ans" -gt 0 ] && [ "$a_ans" -le "$a_acc" ] && [ "$a_acc" -le "$b_inv" ] &&
	[ "$b_inv" -le "$b_ans" ] && [ "$b_ans" -lt "$b_end" ]
talk=$(cdr call1 talk_ms)
check "CDR talk time is about 3 s ($talk ms)" [ "$talk" -ge 2500 ] && [ "$talk" -le 6000 ]
rec="$D_STATE/var/recordings/call1.wav"
check "the call was recorded" [ -s "$rec" ]
sox "$rec" "$D_STATE/left.wav" remix 1 2>/dev/null
sox "$rec" "$D_STATE/right.wav" remix 2 2>/dev/null
check "the recording holds the owner (left)" "$DIALER_DIR/tone_check.py" "$D_STATE/left.wav" 440 2
check "the recording holds the recipient (right)" "$DIALER_DIR/tone_check.py" "$D_STATE/right.wav" 1000 2

check_eq "SIPp pair: recipient's BYE ends the call as completed" "$(ended_cause call2 15)" completed
check_eq "SIPp pair: recipient hung up" "$(cdr call2 b_end_by)" remote
check "SIPp owner phone saw the whole call" sipp_ok SA 10
check "SIPp recipient phone saw the whole call" sipp_ok SB 10
check_eq "one CDR per order" "$("$TOOLS/order_dump" "$D_STATE/db" call2 | sed -n 's/^cdrs //p')" 1

check_eq "in-band * (spandsp) is accepted: the call completes" "$(ended_cause call3 15)" completed
check "in-band: the owner's * was heard in the audio" grep -q "order call3: owner pressed \\*" "$D_LOG"
check "in-band: the recipient answered and hung up" sipp_ok IB 5
