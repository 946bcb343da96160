# t420-send-bad-input.sh: every bad input of the sending form answered at
# its field with the input kept and nothing queued; the abuse limits; a
# card that is not the owner's; unsubscribing by the confirmation page and
# by the RFC 8058 one-click POST, after which that owner cannot queue mail
# to that address.
TEST_CONFIG="Mail.MaxRecipients = 3
Mail.MaxPerDay = 5"
. "$CALLCARD_ROOT/tests/lib/harness.sh"
instance_start
entries() { "$CALLCARD_BUILD/tests/tools/mail_enqueue" list | wc -l; }
CHECKMAIL="/usr/bin/python3 $CALLCARD_ROOT/tests/tools/mailcheck.py"

signup() {
	rm -f "$JAR"
	get_token /signup
	post_form /signup "name=$1" "email=$2" "phone=010 1234 5678" \
		"password=long pass phrase" "password2=long pass phrase"
}
signup "Other Owner" other@example.com
get_token /make/quick
post_form /make/quick design=forest "name=Other Owner" "office=02-6200-6200" lang=en
check_eq "another member has card 1" "$STATUS" 303
signup "Kim Minjun" kim@example.com
get_token /make/quick
post_form /make/quick design=forest "name=Kim Minjun" "office=02-6200-6200" lang=en
check_eq "the owner has card 2" "$STATUS" 303
check "both issue mails are out" wait_mail 2 15
base=$(entries)

# bad_send DESC WANT-MESSAGE field=value...: 422, message at the recipients
# or subject field, input kept, nothing queued.
bad_send() {
	what=$1 want=$2
	shift 2
	get_token /send?id=2
	post_form /send id=2 "$@"
	check_eq "$what: refused" "$STATUS" 422
	check "$what: says why" contains "$STATE/body" "$want"
	check_eq "$what: nothing queued" "$(entries)" "$base"
}
bad_send "malformed address" "&quot;bob@@example.com&quot; is not a valid e-mail address" \
	"to=ana@example.com, bob@@example.com" "subject=Hi"
check "the input is kept" contains "$STATE/body" "ana@example.com, bob@@example.com</textarea>"
check "the message is at the field" contains "$STATE/body" 'id="e-to"'
bad_send "duplicate address" "ana@example.com is in the list twice" \
	"to=ana@example.com, ANA@example.com" "subject=Hi"
bad_send "an address list in disguise" "is not a valid e-mail address" \
	"to=Ana <ana@example.com>" "subject=Hi"
bad_send "header injection in the subject" "Subject must be plain text on one line" \
	"to=ana@example.com" "subject=$(printf 'Hi\r\nBcc: victim@example.com')"
check "the message is at the subject" contains "$STATE/body" 'id="e-subject"'
bad_send "too many recipients" "at most 3 recipients" \
	"to=a@example.com, b@example.com, c@example.com, d@example.com" "subject=Hi"
bad_send "no recipient" "Enter at least one e-mail address" "to= , " "subject=Hi"
bad_send "no subject" "Subject is required" "to=ana@example.com" "subject="

get_token /send?id=1
check_eq "another member's card cannot be opened for sending" "$STATUS" 403
get_token /send?id=2
post_form /send id=1 "to=ana@example.com" "subject=Hi"
check_eq "nor sent" "$STATUS" 403
check_eq "nothing queued for it" "$(entries)" "$base"

# A good sending of three, then the day's limit (5) refuses three more.
post_form /send id=2 "to=ana@example.com, bo@example.com, chul@example.com" "subject=Hi"
check_eq "a good sending is accepted" "$STATUS" 303
base=$((base + 3))
check_eq "three entries queued" "$(entries)" "$base"
bad_send "over the day's limit" "today&#39;s limit of 5" \
	"to=dan@example.com, eve@example.com, fay@example.com" "subject=Hi"
check "cards and the notice arrive" wait_mail 6 20
base=$(entries)

# Unsubscribe through the confirmation page: a GET never acts.
$CHECKMAIL "$MAILDIR" | grep '"rcpt": \["ana@example.com"\]' >"$STATE/ana.json"
page=$(grep -o 'https\?://[^" ]*/unsubscribe/[A-Za-z0-9_-]*' "$STATE/ana.json" | grep -v one-click | head -n 1)
path=/${page#*://*/}
req GET "$path"
check_eq "the unsubscribe link shows a page" "$STATUS" 200
check "which asks first with a POST form" contains "$STATE/body" "<form method=\"post\" action=\"$path\">"
check "naming the owner" contains "$STATE/body" "Stop mail from Kim Minjun?"
TOKEN=$(csrf)
req GET "$path"
check "opening it twice changed nothing" contains "$STATE/body" "Stop mail from Kim Minjun?"
post_form "$path"
check_eq "confirming works" "$STATUS" 200
check "and says so" contains "$STATE/body" 'id="unsub-done"'
req POST "$path" --data-urlencode "csrf=forged"
check_eq "a POST without the form token is refused" "$STATUS" 403

# The RFC 8058 one-click POST, as a mail client sends it: no cookie, no token.
$CHECKMAIL "$MAILDIR" | grep '"rcpt": \["bo@example.com"\]' >"$STATE/bo.json"
oneclick=$(/usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['list_unsubscribe'].strip('<>'))" "$STATE/bo.json")
ocpath=/${oneclick#*://*/}
code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$ocpath")
check_eq "a GET of the one-click URL only asks" "$code" 200
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST --data "x=1" "$BASE$ocpath")
check_eq "a POST without List-Unsubscribe=One-Click is refused" "$code" 400
code=$(curl -s -o "$STATE/oc" -w '%{http_code}' --data "List-Unsubscribe=One-Click" "$BASE$ocpath")
check_eq "the one-click POST works" "$code" 200
code=$(curl -s -o /dev/null -w '%{http_code}' -X POST --data "List-Unsubscribe=One-Click" "$BASE/unsubscribe/one-click/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
check_eq "an unknown token is 404" "$code" 404

# The owner can no longer queue to either address; others still get it.
for who in ana@example.com bo@example.com; do
	get_token /send?id=2
	post_form /send id=2 "to=dan@example.com, $who" "subject=Again"
	check_eq "sending to $who after unsubscribe is refused" "$STATUS" 422
	check "with a clear message" contains "$STATE/body" "$who asked for no more mail from you"
	check_eq "nothing queued" "$(entries)" "$base"
done
post_form /send id=2 "to=dan@example.com" "subject=Again"
check_eq "the owner can still send to others" "$STATUS" 303

# Another owner may still send to ana.
signup "Third Owner" third@example.com
get_token /make/quick
post_form /make/quick design=forest "name=Third Owner" "office=02-6200-6200" lang=en
get_token /send
post_form /send id=3 "to=ana@example.com" "subject=Hello"
check_eq "unsubscribing is per owner" "$STATUS" 303

# A draft (not yet issued) cannot be sent: its link would not open.
get_token /make/editor
req POST /make/editor -F "csrf=$TOKEN" -F "name=Third Draft" -F "office=02-6200-6200" \
	-F office_modes=phone -F office_payer=owner -F mobile_modes=phone -F mobile_payer=owner \
	-F button_style=blue -F lang=en
check_eq "a draft is saved" "$STATUS" 303
draft=$(location | sed -n 's/.*id=\([0-9]*\).*/\1/p')
req GET "/send?id=$draft"
check_eq "a draft cannot be sent" "$STATUS" 409
check "and the page says why" contains "$STATE/body" "still a draft"
