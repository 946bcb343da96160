#!/bin/sh
# t570-dialer-dead-media: a joined call whose RTP stops arriving from a leg
# for Dialer.MediaTimeoutMs is ended on both legs with cause media_timeout;
# a call whose phones keep talking is not.
. "$CALLCARD_ROOT/tests/lib/harness.sh"
. "$CALLCARD_ROOT/tests/dialer/lib.sh"
PORT_BASE=21700
trap dialer_cleanup EXIT

dialer_start "Dialer.MediaTimeoutMs = 2000" \
	"$(gw a 0 0100)" "$(gw b 1 0201)" "$(gw a2 2 0102)" "$(gw b2 3 0203)"
check "dialerd starts" [ -S "$D_SOCK" ]

# The owner's phone falls silent after its *; the recipient's talks.
sipp_uas A owner_star 0
sipp_uas B media_answer 1
place dead 01001112222 02011112222 600 >/dev/null
# Both phones talk for 7 s, then both fall silent.
sipp_uas A2 media_owner 2
sipp_uas B2 media_answer 3
place talk 01021112222 02031112222 600 >/dev/null

check_eq "a silent owner's leg ends the call: media_timeout" "$(ended_cause dead 20)" media_timeout
check "that call had been connected" sh -c "echo '$(events dead)' | grep -q connected"
check_eq "the silent leg's outcome" "$(cdr dead a_outcome)" media_timeout
check_eq "the talking leg's outcome" "$(cdr dead b_outcome)" completed
check_eq "ended by the dialer" "$(cdr dead a_end_by)" dialer
check "the silent phone got BYE" sipp_ok A 10
check "the talking phone got BYE" sipp_ok B 10
check "the dialer says which leg fell silent" grep -q "order dead: no RTP from leg A" "$D_LOG"

check_eq "phones that talk, then stop, end the call: media_timeout" "$(ended_cause talk 30)" media_timeout
check "that call lasted longer than the media timeout while audio flowed" \
	[ "$(cdr talk talk_ms)" -gt 3000 ]
check "the owner's phone got BYE" sipp_ok A2 10
check "the recipient's phone got BYE" sipp_ok B2 10
check_eq "one INVITE per leg in all" "$(grep -c 'leg [AB] INVITE' "$D_LOG")" 4
check "a bad media timeout is refused" sh -c \
	"printf 'Dialer.MediaTimeoutMs = -1\n' >'$D_STATE/bad.hdf'; \
	 CALLCARD_STATE='$D_STATE' CALLCARD_CONFIG='$D_STATE/bad.hdf' '$CALLCARD_BUILD/sbin/dialerd' 2>&1 | grep -q 'Dialer.MediaTimeoutMs = -1'"
dialer_stop
