#!/bin/sh
# t670-call-pc: a call button in pc mode: the recipient gives the SIP
# address of a softphone and the dialer rings it for leg B, through nginx,
# the call program, the real dialer and SIPp phones (the owner's presses *,
# the softphone answers). The JSON states arrive in order and the call
# ends completed. Addresses that are not SIP URIs, carry injection
# strings, or lead to the operator's own gateway or to special-purpose
# networks are refused with clear errors. (Loopback is allowed here by
# Call.SoftphoneLocal; t620 checks that it is refused by default. The
# gateways are on 127.0.0.1, so the softphone answers on 127.0.0.2.)
. "$CALLCARD_ROOT/tests/lib/harness.sh"
PORT_BASE=24400
. "$CALLCARD_ROOT/tests/dialer/lib.sh"
. "$CALLCARD_ROOT/tests/e2e/call-lib.sh"

T6_CONFIG="Call.SoftphoneLocal = 1
Call.PerIP = 100"
t6_start
t6_owner_with_card
t6_pc_card 5
check "the owner has a pc-mode button" [ -n "$BTN_PC" ]
SOFTPHONE=$(sipp_port 2)
sipp_uas OWNER owner_star 0
SIPP_IP=127.0.0.2 sipp_uas SOFT answer_hangup 2 -d 1500

t6_call_page "$BTN_PC"
check_eq "the pc call page answers" "$STATUS" 200
check "  it asks for the softphone's SIP address" contains "$STATE/body" 'name="sip"'
check "  not for a phone number" sh -c "! grep -q 'name=\"number\"' '$STATE/body'"
check "  the gateways' address is not offered as the browser's" sh -c "! grep -q 'value=\"sip:softphone@' '$STATE/body'"
req GET "/call/$BTN_PC" --interface 127.0.0.2
check "  it offers the address the browser connects from" contains "$STATE/body" 'value="sip:softphone@127.0.0.2"'

# ---- refused addresses ----
for bad in "alice" "sip:@127.0.0.1" "sip:alice@" "sip:alice@127.0.0.1:99999" "sip:alice@127.0.0.1:0" \
	"sip:alice@127.1" "sip:alice@2130706433" "sip:alice@0x7f.1" "sips:alice@example.com" \
	"sip:alice@example.com;transport=tcp" "sip:alice:secret@example.com" "sip:alice@example.com?X=1" \
	"sip:alice@example.com>" "<sip:alice@example.com>" "sip:al ice@example.com" \
	"sip:alice@example.com
Via: SIP/2.0/UDP evil" "sip:'; DROP TABLE orders; --@example.com" "<script>alert(1)</script>" \
	"sip:alice@exa_mple.com" "sip:alice@example..com" "sip:alice@-example.com"; do
	t6_call_page "$BTN_PC"
	t6_press_pc "$BTN_PC" "$bad"
	check_eq "'$bad' is refused on the page (422)" "$STATUS" 422
	check "  with a clear message" contains "$STATE/body" "This is not a SIP address we can call"
done
check "  what was typed is shown escaped" sh -c "! grep -q '<script>alert' '$STATE/body'"
for bad in "sip:alice@127.0.0.1:$(sipp_port 0)" "sip:+82262006200@127.0.0.1:$(sipp_port 1)" \
	"sip:alice@127.0.0.1:$SOFTPHONE" "sip:alice@example.com" "sip:alice@0.0.0.0" "sip:alice@224.0.0.1" "sip:alice@192.0.2.10" "sip:alice@255.255.255.255" \
	"sip:alice@printer.invalid"; do
	t6_call_page "$BTN_PC"
	t6_press_pc "$BTN_PC" "$bad"
	check_eq "'$bad' (a gateway on any port, a name, or a special address) is refused (403)" "$STATUS" 403
	check "  in plain words" contains "$STATE/body" "Calls to this softphone address cannot be placed"
done
check_eq "no refused address reached the dialer" "$(grep -c 'placed for button' "$STATE/var/log/webd.log")" 0

# ---- a pc call ----
t6_call_page "$BTN_PC"
t6_press_pc "$BTN_PC" "alice@127.0.0.2:$SOFTPHONE"
check_eq "Call with the softphone's address answers at once with a redirect" "$STATUS" 303
PAGE=$LOCATION_TOKEN
check "  to the progress page" [ -n "$PAGE" ]
seen=$(t6_watch "$PAGE" 25)
echo "# states seen by polling: $seen"
check_eq "the call ends completed" "$(t6_json "$PAGE" cause)" completed
check_eq "the JSON lists every state in order" "$(t6_json "$PAGE" states)" \
	"queued dialing_owner owner_ringing owner_answered owner_accepted dialing_recipient recipient_ringing connected ended"
check "polling saw the states in order" t6_in_order "$seen"
check "polling saw it connected before it ended" sh -c "echo '$seen' | grep -q 'connected ended'"
check "the owner's phone saw the whole call" sipp_ok OWNER 10
check "the softphone saw the whole call" sipp_ok SOFT 10
check "  rung at the address given (sip:alice@...)" grep -q "^INVITE sip:alice@127.0.0.2:$SOFTPHONE SIP/2.0" "$STATE/sipp-SOFT.msg"
req GET "/call/progress/$PAGE"
check "the progress page names the softphone, masked" contains "$STATE/body" "Your softphone: sip:•••@127.0.0.2:$SOFTPHONE"
check "  and says the call was completed" contains "$STATE/body" "The call was completed."
