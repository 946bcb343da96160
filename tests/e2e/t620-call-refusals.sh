#!/bin/sh
# t620-call-refusals: what the open call page refuses, and that each
# refusal says what happened without the limits: unknown and forged
# button ids, a deleted card, tampered page tokens, letters and injection
# strings for a number, a missing form token, a wrong or missing answer to
# the sum, the destination policy (country, premium-rate, short code), and
# the per-number, per-card and per-IP limits; softphone addresses on local
# networks (refused by default).
. "$CALLCARD_ROOT/tests/lib/harness.sh"
PORT_BASE=17200
. "$CALLCARD_ROOT/tests/dialer/lib.sh"
. "$CALLCARD_ROOT/tests/e2e/call-lib.sh"

T6_CONFIG="Call.PerNumber = 2
Call.PerCard = 4
Call.PerIP = 6
Billing.MaxCalls = 50
Call.AllowedCountries = 82 33"
t6_start
t6_owner_with_card
t6_more_cards 1 2
t6_pc_card 9

# ---- links that lead nowhere ----
for bad in "${BTN}x" short "$(echo "$BTN" | cut -c1-21)%2e" AAAAAAAAAAAAAAAAAAAAAA; do
	req GET "/call/$bad"
	check_eq "unknown or forged button id '$bad': 404" "$STATUS" 404
done
check "an unknown button gets a clear page" contains "$STATE/body" "no call button at this link"
req GET "/call/..%2f..%2fetc%2fpasswd"
check "a path out of /call/ is refused" sh -c "[ $STATUS = 400 ] || [ $STATUS = 404 ]"
req GET "/call/status/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
check_eq "an unknown page token has no status" "$STATUS" 404

# ---- the number ----
for n in "010-1234-abcd" "'; DROP TABLE calls; --" "<script>alert(1)</script>" "010 1234 5678%0d%0aX: y" "+82 10 1234 5678 ext 9"; do
	t6_call_page "$BTN"
	t6_press "$BTN" "$n"
	check_eq "number '$n' is refused on the page (422)" "$STATUS" 422
	check "  with a clear message" contains "$STATE/body" "not a phone number we can call"
done
check "  and what was typed is shown escaped" sh -c "! grep -q '<script>alert' '$STATE/body'"

t6_call_page "$BTN"
req POST "/call/$BTN" --data-urlencode "number=010-5555-1000" --data-urlencode "hc=$HC" --data-urlencode "answer=$ANSWER"
check_eq "no form token: refused" "$STATUS" 403
t6_call_page "$BTN"
ANSWER=$((ANSWER + 1))
t6_press "$BTN" "010-5555-1000"
check_eq "a wrong answer to the sum: refused" "$STATUS" 422
check "  the page says so" contains "$STATE/body" "answer to the sum was not right"
t6_call_page "$BTN"
HC=
t6_press "$BTN" "010-5555-1000"
check_eq "no challenge at all: refused" "$STATUS" 422
t6_call_page "$BTN"
HC=$(echo "$HC" | sed 's/^\([0-9]*\)\./9\1./')
t6_press "$BTN" "010-5555-1000"
check_eq "a forged challenge: refused" "$STATUS" 422

# ---- destination policy ----
t6_call_page "$BTN"; t6_press "$BTN" "+1 212 555 0100"
check_eq "a country not served: refused" "$STATUS" 403
check "  in plain words" contains "$STATE/body" "Calls to this country cannot be placed"
t6_call_page "$BTN"; t6_press "$BTN" "060-700-1234"
check_eq "a premium-rate range: refused" "$STATUS" 403
check "  in plain words" contains "$STATE/body" "premium-rate, satellite and short-code"
t6_call_page "$BTN"; t6_press "$BTN" "+881 631 234 567"
check_eq "a satellite range: refused" "$STATUS" 403
t6_call_page "$BTN"; t6_press "$BTN" "114"
check_eq "a short code: refused" "$STATUS" 422
t6_call_page "$BTN"; t6_press "$BTN" "+33 1 23 45 67 89"
check_eq "an allowed second country is placed" "$STATUS" 303
PAGE_OK=$LOCATION_TOKEN

# ---- softphone addresses (pc mode): local networks are refused by default ----
t6_call_page "$BTN_PC"
check "the pc call page does not offer a loopback address" sh -c "! grep -q 'sip:softphone@' '$STATE/body'"
for bad in "sip:alice@127.0.0.1:5062" "sip:alice@10.1.2.3" "sip:alice@192.168.1.20" "sip:alice@172.20.0.5" \
	"sip:alice@169.254.1.1" "sip:alice@100.64.0.9" "sip:alice@localhost" "sip:alice@pbx.local" "sip:alice@pbx" \
	"sip:alice@PBX.Internal"; do
	t6_call_page "$BTN_PC"
	t6_press_pc "$BTN_PC" "$bad"
	check_eq "softphone '$bad' on a local network: refused (403)" "$STATUS" 403
done
check "  in plain words" contains "$STATE/body" "Calls to this softphone address cannot be placed"

# ---- rate limits (only placed calls count) ----
t6_call_page "$BTN"; t6_press "$BTN" "010-7777-0001"
check_eq "number A, first call: placed" "$STATUS" 303
t6_call_page "$BTN"; t6_press "$BTN" "010-7777-0001"
check_eq "number A, second call: placed" "$STATUS" 303
t6_call_page "$BTN_1"; t6_press "$BTN_1" "010-7777-0001"
check_eq "number A again, even from another card: refused" "$STATUS" 429
check "  the page says the number was called too often" contains "$STATE/body" "This number has been called too often"
check "  without the limit" sh -c "! grep -qi 'per hour\|limit of' '$STATE/body'"
t6_call_page "$BTN"; t6_press "$BTN" "010-7777-0002"
check_eq "card 1, fourth call: placed" "$STATUS" 303
t6_call_page "$BTN"; t6_press "$BTN" "010-7777-0003"
check_eq "card 1, fifth call: refused" "$STATUS" 429
check "  the page says the card placed too many" contains "$STATE/body" "This card has placed too many calls"
t6_call_page "$BTN_1"; t6_press "$BTN_1" "010-7777-0004"
check_eq "another card, fifth call from this address: placed" "$STATUS" 303
t6_call_page "$BTN_1"; t6_press "$BTN_1" "010-7777-0005"
check_eq "sixth: placed" "$STATUS" 303
t6_call_page "$BTN_2"; t6_press "$BTN_2" "010-7777-0006"
check_eq "seventh call from this address: refused" "$STATUS" 429
check "  the page says too many from your connection" contains "$STATE/body" "Too many calls were placed from your connection"

# ---- a deleted card ----
get_token /login
post_form /login email=kim@example.com "password=long pass phrase"
get_token /cards
post_form /cards/delete id=3
check_eq "the owner deletes card 3" "$STATUS" 303
rm -f "$JAR"
req GET "/call/$BTN_2"
check_eq "a deleted card's button: 404" "$STATUS" 404
check "  with a clear page" contains "$STATE/body" "no longer in use"
req POST "/call/$BTN_2" --data "number=0107770007"
check_eq "and it cannot be pressed" "$STATUS" 403

# ---- tampered page tokens ----
req GET "/call/status/$PAGE_OK"
check_eq "the real page token reads its call" "$STATUS" 200
last=$(printf '%s' "$PAGE_OK" | cut -c43)
[ "$last" = A ] && flip=B || flip=A
BAD="$(printf '%s' "$PAGE_OK" | cut -c1-42)$flip"
req GET "/call/status/$BAD"
check_eq "a page token with one character changed: no status" "$STATUS" 404
req GET "/call/progress/$BAD"
check_eq "  and no progress page" "$STATUS" 404
get_token "/call/progress/$PAGE_OK"
post_form "/call/cancel/$BAD"
check_eq "  and no cancel" "$STATUS" 404
req GET "/call/progress/$(printf '%s' "$PAGE_OK" | cut -c1-20)"
check_eq "a cut page token: 404" "$STATUS" 404
