#!/bin/sh
# t560-dialer-session-timers: RFC 4028 on both legs. Phones answer with a
# short Session-Expires (the dialer's Min-SE is lowered for the test): the
# dialer refreshes each leg (UPDATE where allowed, else re-INVITE) and the
# call stays up past the interval; a leg whose refresh goes unanswered, and
# a leg that was to refresh and does not, end the call with both BYEs and
# cause session_expired; a phone that refreshes the session itself is
# answered; a phone that asks for a longer interval (422) gets it.
. "$CALLCARD_ROOT/tests/lib/harness.sh"
. "$CALLCARD_ROOT/tests/dialer/lib.sh"
PORT_BASE=21400
SE=6
trap dialer_cleanup EXIT

WITH_UPDATE="INVITE, ACK, BYE, CANCEL, UPDATE"
NO_UPDATE="INVITE, ACK, BYE, CANCEL"
dialer_start "Dialer.MinSE = 4" "Dialer.SIPTimeoutMs = 3000" \
	"$(gw a 0 0100)" "$(gw b 1 0201)" "$(gw a2 2 0102)" "$(gw b2 3 0203)" \
	"$(gw a3 4 0104)" "$(gw b3 5 0205)" "$(gw a4 6 0106)" "$(gw b4 7 0207)" \
	"$(gw a5 8 0108)" "$(gw b5 9 0209)"
check "dialerd starts" [ -S "$D_SOCK" ]

# received FILE: only what a SIPp phone received (from the dialer): its
# message file holds what it sent as well.
received() { awk '/ message received / {r = 1; next} / message sent / {r = 0; next} r' "$1"; }

# 1. Both legs refresh: the owner's by UPDATE, the recipient's by re-INVITE.
sipp_uas A se_phone 0 -key se $SE -key refresher uac -key allow "$WITH_UPDATE"
sipp_uas B se_phone 1 -key se $SE -key refresher uac -key allow "$NO_UPDATE"
place st 01001112222 02011112222 600 >/dev/null
check "the call is connected" wait_state st connected 10
received "$D_STATE/sipp-A.msg" >"$D_STATE/A.in"
check "the INVITE asks for session timers (Session-Expires 1800, Min-SE 4)" \
	sh -c "grep -q '^Session-Expires: 1800' '$D_STATE/A.in' && grep -q '^Min-SE: 4' '$D_STATE/A.in' && grep -q '^Supported:.*timer' '$D_STATE/A.in'"
# Wait until each leg has been refreshed twice (at SE/2), then past SE.
n=0
while [ $n -lt 200 ]; do
	u=$(grep -c '^UPDATE sip:' "$D_STATE/sipp-A.msg")
	r=$(grep -c '^INVITE sip:' "$D_STATE/sipp-B.msg")
	[ "$u" -ge 2 ] && [ "$r" -ge 3 ] && break
	sleep 0.1
	n=$((n + 1))
done
check "the owner's leg was refreshed by UPDATE (twice)" [ "$u" -ge 2 ]
check "the recipient's leg was refreshed by re-INVITE (twice)" [ "$r" -ge 3 ]
check "the owner's leg never got a re-INVITE" [ "$(grep -c '^INVITE sip:' "$D_STATE/sipp-A.msg")" -eq 1 ]
# (The stack asks again for its own interval in each refresh; the phone
# answers with its shorter one, as in the first 200.)
received "$D_STATE/sipp-A.msg" | awk '/^UPDATE sip:/ {u = 1} /^\r?$/ {u = 0} u' >"$D_STATE/A.updates"
check "refreshes carry Session-Expires with refresher=uac" \
	grep -q "^Session-Expires: [0-9]*;refresher=uac" "$D_STATE/A.updates"
check "the call is still up after more than Session-Expires" wait_state st connected 1
r=$(ctl "CC1 CANCEL id=st")
check_eq "then hung up" "$(ended_cause st 10)" cancelled
check "the owner's phone saw its call end with BYE" sipp_ok A 10
check "the recipient's phone saw its call end with BYE" sipp_ok B 10

# 2. The recipient's phone takes the refresher role and never refreshes:
#    the dialer says BYE before the session expires. At the same time,
# 3. another recipient's phone never answers the dialer's UPDATE.
sipp_uas A2 se_phone 2 -key se $SE -key refresher uac -key allow "$WITH_UPDATE"
sipp_uas B2 se_phone 3 -key se $SE -key refresher uas -key allow "$WITH_UPDATE"
sipp_uas A3 se_phone 4 -key se 60 -key refresher uac -key allow "$WITH_UPDATE"
sipp_uas B3 se_silent 5 -key se $SE
place lost 01021112222 02031112222 600 >/dev/null
place mute 01041112222 02051112222 600 >/dev/null
check_eq "a leg that does not refresh ends the call: session_expired" "$(ended_cause lost 20)" session_expired
check "that call had been connected" sh -c "echo '$(events lost)' | grep -q connected"
check_eq "its CDR names the recipient's leg" "$(cdr lost b_outcome)" session_expired
check_eq "with Q.850 cause 102" "$(cdr lost b_q850)" 102
check_eq "the owner's leg completed" "$(cdr lost a_outcome)" completed
check "the talk time was kept" [ "$(cdr lost talk_ms)" -gt 0 ]
check "the owner's phone got BYE" sipp_ok A2 10
check "the recipient's phone got the dialer's BYE" sipp_ok B2 10
check "that BYE said why (Reason 408 Session timeout)" \
	sh -c "grep -q '^Reason: SIP;cause=408' '$D_STATE/sipp-B2.msg'"
check_eq "an unanswered refresh ends the call: session_expired" "$(ended_cause mute 20)" session_expired
check "that call had been connected" sh -c "echo '$(events mute)' | grep -q connected"
check_eq "its CDR keeps the refresh's status" "$(cdr mute b_status)" 408
check_eq "and the outcome" "$(cdr mute b_outcome)" session_expired
check "the silent phone got BYE" sipp_ok B3 10
check "its owner got BYE" sipp_ok A3 10

# 4. A recipient's phone that refreshes the session itself, by re-INVITE
#    and then by UPDATE: the dialer answers both and the call stays up.
sipp_uas A5 owner_star 8
sipp_uas B5 se_uas_refresh 9 -key se $SE
place peer 01081112222 02091112222 600 >/dev/null
check "the call is connected" wait_state peer connected 10
n=0
while [ $n -lt 150 ] && ! grep -q '^UPDATE sip:' "$D_STATE/sipp-B5.msg"; do sleep 0.1; n=$((n + 1)); done
sleep 1 # the answer to the UPDATE
received "$D_STATE/sipp-B5.msg" >"$D_STATE/B5.in"
check "the dialer answered the phone's re-INVITE with its SDP (200, one codec)" \
	sh -c "awk '/^SIP\/2.0 200/ {r = 1} r && /^o=callcard / {o = 1} r && o && /^m=audio [0-9]+ RTP\/AVP 0 101/ {f = 1} END {exit !f}' '$D_STATE/B5.in'"
check "and kept the phone as refresher" grep -q '^Session-Expires: 6;refresher=uas' "$D_STATE/B5.in"
check "the call is still up after the phone's refreshes" wait_state peer connected 1
r=$(ctl "CC1 CANCEL id=peer")
check_eq "then hung up" "$(ended_cause peer 10)" cancelled
check "the refreshing phone got BYE" sipp_ok B5 10
check "its owner got BYE" sipp_ok A5 10

# 5. A phone whose Min-SE is above ours answers 422: the INVITE is sent
#    again asking for its interval, and the call goes on.
sipp_uas A4 owner_star 6
sipp_uas B4 se_422 7
place long 01061112222 02071112222 600 >/dev/null
check "after a 422 the call connects" wait_state long connected 10
# The headers of the second INVITE the phone received.
second=$(awk '/^INVITE sip:/ { n++; inreq = 1; next } /^\r?$/ { inreq = 0 }
	n == 2 && inreq && /^(Session-Expires|Min-SE):/ { sub(/\r$/, ""); print }' \
	"$D_STATE/sipp-B4.msg" | tr '\n' ' ')
check_eq "the INVITE was sent again asking for 3600 s" "$second" "Session-Expires: 3600;refresher=uac Min-SE: 3600 "
r=$(ctl "CC1 CANCEL id=long")
check_eq "then hung up" "$(ended_cause long 10)" cancelled
check "the phone that wanted 3600 s got BYE" sipp_ok B4 10
check "its owner got BYE" sipp_ok A4 10
check_eq "one INVITE per leg in all (refreshes and the 422 retry are the stack's)" \
	"$(grep -c 'leg [AB] INVITE' "$D_LOG")" 10

# A configuration that cannot work is refused with the key named.
check "Session-Expires below Min-SE is refused" sh -c \
	"printf 'Dialer.SessionExpires = 30\nDialer.MinSE = 60\n' >'$D_STATE/bad.hdf'; \
	 CALLCARD_STATE='$D_STATE' CALLCARD_CONFIG='$D_STATE/bad.hdf' '$CALLCARD_BUILD/sbin/dialerd' 2>&1 | grep -q 'Dialer.SessionExpires = 30'"
dialer_stop
