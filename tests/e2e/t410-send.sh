# t410-send.sh: a card sent by mail through nginx, the send program, the
# queue runner, msmtp and the SMTP sink: every received message parsed
# (headers, both parts, links), its links followed, the sending's status
# page, the owner's list of sendings, the issued card's mail to its owner
# and the owner's completion notice.
TEST_CONFIG="Site.BaseURL = https://cards.example"
. "$CALLCARD_ROOT/tests/lib/harness.sh"
instance_start
PUBLIC=https://cards.example
dump() { "$CALLCARD_BUILD/tests/tools/card_dump" "$STATE/db" "$@"; }
CHECKMAIL="/usr/bin/python3 $CALLCARD_ROOT/tests/tools/mailcheck.py"
# jq-less JSON access: mailjson FILE EXPR (a Python expression on m).
mailjson() { /usr/bin/python3 -c "import json,sys; m=json.load(open(sys.argv[1])); print($2)" "$1"; }

get_token /signup
post_form /signup "name=Kim Minjun" "email=kim@example.com" "phone=010 1234 5678" \
	"password=long pass phrase" "password2=long pass phrase"
check_eq "owner signs up" "$STATUS" 303
get_token /make/quick
post_form /make/quick design=forest "name=Kim Minjun" company="Hanbit & Sons" title=Manager \
	"office=02-6200-6200" "mobile=010 1234 5678" lang=en
check_eq "quick maker issues a card" "$STATUS" 303
tok=$(dump card 1 | sed -n 's/^token=\([A-Za-z0-9_-]*\)$/\1/p')
# Only the button lines (the tool may also print the library's notes).
buttons=$(dump buttons 1 | grep -E '^[A-Za-z0-9_-]{22} ' | cut -d' ' -f1)

# Issuing mails the card to its owner.
check "the issued card reaches its owner" wait_mail 1 15
$CHECKMAIL "$MAILDIR" | grep '"kim@example.com"' | head -n 1 >"$STATE/issued.json"
check_eq "issued mail subject" "$(mailjson "$STATE/issued.json" "m['subject']")" "Your card is ready"
check "issued mail holds the card link" grep -qF "$PUBLIC/c/$tok" "$STATE/issued.json"
check_eq "no unsubscribe header on the owner's own copy" \
	"$(mailjson "$STATE/issued.json" "m['list_unsubscribe']")" ""

# My cards offers Send; the general entry preselects the default card.
req GET /cards
check "My cards has a Send action for the card" contains "$STATE/body" 'href="/send?id=1"'
get_token /send
check_eq "the sending form" "$STATUS" 200
check "the default card is preselected" contains "$STATE/body" 'name="id" value="1"'
check "the form shows the card" contains "$STATE/body" "Kim Minjun"

before=$(mail_count)
start=$(date +%s%N)
post_form /send id=1 "to=ana@example.com, Bo.Lee@Example.ORG ,chul@example.net" \
	"subject=Kim's card: 명함 & calls" "message=Good to meet you.
Call me any time."
took=$(( ($(date +%s%N) - start) / 1000000 ))
check_eq "Send answers with a redirect" "$STATUS" 303
loc=$(location)
check "to the sending's status page (${took} ms)" sh -c "echo '$loc' | grep -qE '^/sends/[0-9]+\?new=1$'"
check "three cards and the notice arrive" wait_mail $((before + 4)) 20
$CHECKMAIL "$MAILDIR" >"$STATE/mails.json"
for to in ana@example.com bo.lee@example.org chul@example.net; do
	grep "\"rcpt\": \[\"$to\"\]" "$STATE/mails.json" | grep -v '"Your card is ready"' >"$STATE/m.json"
	check_eq "$to gets exactly one card" "$(wc -l <"$STATE/m.json")" 1
	j="$STATE/m.json"
	check_eq "$to: From is the service" "$(mailjson "$j" "m['from']")" "callcard <callcard@callcard.localhost>"
	check_eq "$to: Reply-To is the owner" "$(mailjson "$j" "m['reply_to']")" "Kim Minjun <kim@example.com>"
	check_eq "$to: subject" "$(mailjson "$j" "m['subject']")" "Kim's card: 명함 & calls"
	check_eq "$to: one-click unsubscribe" "$(mailjson "$j" "m['list_unsubscribe_post']")" "List-Unsubscribe=One-Click"
	check "$to: List-Unsubscribe is a per-recipient https URL" \
		sh -c "echo '$(mailjson "$j" "m['list_unsubscribe']")' | grep -qE '^<$PUBLIC/unsubscribe/one-click/[A-Za-z0-9_-]{43}>$'"
	check "$to: under 100 KB" [ "$(mailjson "$j" "m['size']")" -lt 102400 ]
	mailjson "$j" "m['html']" >"$STATE/m.html"
	mailjson "$j" "m['text']" >"$STATE/m.txt"
	check "$to: html has no script, form, svg or style block" \
		sh -c "! grep -qiE '<(script|form|svg|style|input)' '$STATE/m.html'"
	check "$to: html is a 600 px table" contains "$STATE/m.html" 'width="600"'
	check "$to: html shows the name as text" contains "$STATE/m.html" "Kim Minjun"
	check "$to: html escapes the company" contains "$STATE/m.html" "Hanbit &amp; Sons"
	check "$to: html carries the message" contains "$STATE/m.html" "Call me any time."
	check "$to: text part is complete" sh -c "grep -qF 'Hanbit & Sons' '$STATE/m.txt' && grep -qF '$PUBLIC/c/$tok' '$STATE/m.txt' && grep -qF '02-6200-6200' '$STATE/m.txt'"
	for b in $buttons; do
		check "$to: html links button $b to its call page" contains "$STATE/m.html" "href=\"$PUBLIC/call/$b\""
		check "$to: text links button $b" contains "$STATE/m.txt" "$PUBLIC/call/$b"
	done
done
# Every link of the last mail: absolute, on the public base, and known.
grep -o 'href="[^"]*"' "$STATE/m.html" | sed 's/^href="//; s/"$//' | sort -u >"$STATE/links"
bad=0
while read -r url; do
	case "$url" in
	"$PUBLIC/c/$tok") req GET "/c/$tok"
		check_eq "the card link opens the live card" "$STATUS" 200
		check "which shows the owner" contains "$STATE/body" "Kim Minjun" ;;
	"$PUBLIC"/call/*) id=${url#"$PUBLIC"/call/}
		echo "$buttons" | grep -qx -- "$id" || bad=1
		req GET "/call/$id"
		# The call page may not exist yet; it must never act on a GET by
		# itself, which it cannot do if it is a 404/502 either.
		check "call link $id answers a GET without error 500" [ "$STATUS" != 500 ] ;;
	"$PUBLIC"/unsubscribe/*) ;;
	mailto:kim@example.com) ;;
	*) echo "# unexpected link $url"; bad=1 ;;
	esac
done <"$STATE/links"
check "every link is the card, a call page of one of its buttons, or unsubscribe" [ $bad -eq 0 ]
check_eq "the mail links each button" "$(grep -c '/call/' "$STATE/links")" "$(echo "$buttons" | wc -l)"

# The owner's completion notice.
grep '"rcpt": \["kim@example.com"\]' "$STATE/mails.json" | grep 'Your card was sent' >"$STATE/notice.json"
check_eq "the owner gets one completion notice" "$(wc -l <"$STATE/notice.json")" 1
for to in ana@example.com bo.lee@example.org chul@example.net; do
	check "the notice lists $to" grep -qF "$to: delivered" "$STATE/notice.json"
done

# Status page and the list of sendings.
req GET "$loc"
check_eq "status page" "$STATUS" 200
check_eq "it lists every recipient as sent" "$(grep -c '<tr class="st-sent">' "$STATE/body")" 3
check "with the counts" contains "$STATE/body" '<span id="count-sent">3</span>'
req GET /sends
check "the owner's sendings list it" contains "$STATE/body" "href=\"${loc%%\?*}\""

# Another member sees neither the sending nor the card.
rm -f "$JAR"
get_token /signup
post_form /signup "name=Other One" "email=other@example.com" "phone=010 9999 8888" \
	"password=long pass phrase" "password2=long pass phrase"
req GET "${loc%%\?*}"
check_eq "another member's sending is refused" "$STATUS" 403
