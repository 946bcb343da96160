#!/bin/sh
# t720-balance: a member's money pages through nginx: the balance page
# after an operator's credit and a real call (the dialer and SIPp phones),
# the ledger and calls as CSV checked against the ledger the operator's
# command prints, formula cells defused, voucher redemption (good, used,
# unknown, malformed, without CSRF), pagination, and members only.
. "$CALLCARD_ROOT/tests/lib/harness.sh"
PORT_BASE=18700
D_STATE=
. "$CALLCARD_ROOT/tests/dialer/lib.sh"
. "$CALLCARD_ROOT/tests/e2e/call-lib.sh"

# adm ARGS...: the operator's command, retried while a page holds a lock;
# its output in $STATE/adm.
adm() {
	i=0
	while :; do
		"$ADMIN" "$@" >"$STATE/adm" 2>&1 && return 0
		grep -qi "lock\|deadlock" "$STATE/adm" || return 1
		i=$((i + 1)); [ $i -lt 30 ] || return 1; sleep 0.1
	done
}
login_kim() {
	rm -f "$JAR"
	get_token /login
	post_form /login email=kim@example.com "password=long pass phrase"
}
# csv_field FILE ROW-MATCH COLUMN: a field of the first CSV row whose
# columns contain ROW-MATCH (python's csv module parses it).
csv_field() {
	/usr/bin/python3 - "$@" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline="", encoding="utf-8")))
head = rows[0]
# A text cell starting with = + - @ is written with a leading apostrophe.
for r in rows[1:]:
    if sys.argv[2] in r or "'" + sys.argv[2] in r:
        print(r[head.index(sys.argv[3])])
        break
PY
}
# minor N: minor units as the pages write them (2 decimals).
minor() { /usr/bin/python3 -c 'import sys; v=int(sys.argv[1]); print(("-" if v<0 else "")+"%d.%02d" % divmod(abs(v),100))' "$1"; }

T6_CONFIG="Billing.SignupMileage = 0"
t6_start
t6_owner_with_card

# ---- members only ----
req GET /balance
check_eq "not logged in: /balance redirects" "$STATUS" 303
check_eq "  to the login page, coming back after" "$(location)" "/login?next=%2Fbalance"
req GET /balance/ledger.csv
check_eq "not logged in: the ledger CSV redirects too" "$STATUS" 303
req GET /balance/calls.csv
check_eq "not logged in: the calls CSV redirects too" "$STATUS" 303

# ---- a real call the owner pays ----
sipp_uas OWNER owner_star 0
sipp_uas RECIP answer_hangup 1 -d 1500
t6_call_page "$BTN"
t6_press "$BTN" "010-9876-5432"
check_eq "a call is placed" "$STATUS" 303
PAGE=$LOCATION_TOKEN
t6_watch "$PAGE" 25 >/dev/null
check_eq "the call ends completed" "$(t6_json "$PAGE" cause)" completed
sipp_ok OWNER 10 >/dev/null; sipp_ok RECIP 10 >/dev/null
i=0
until adm ledger kim@example.com && grep -q "	call:.*	charge	" "$STATE/adm"; do
	i=$((i + 1)); [ $i -lt 50 ] || break; sleep 0.2
done
cp "$STATE/adm" "$STATE/ledger.txt"
charge=$(awk -F '\t' '$4 == "charge" {print $5}' "$STATE/ledger.txt")
order=$(awk -F '\t' '$4 == "charge" {sub(/^call:/, "", $3); print $3}' "$STATE/ledger.txt")
# By hand: leg A to +82 2 6200 6200 (Korea, 2.2 a minute, 60/1) and leg B
# to +82 10 (Korea mobile, 6 a minute, 30/6, minimum 3), each up a few
# seconds: one first block each, 2.2 -> 3 and 3, so 6 cents.
check_eq "the call is charged in money, 6 cents by hand" "$charge" -6

# Credits whose reasons a spreadsheet would run, or a browser would.
adm credit kim@example.com 1 '=HYPERLINK("http://x","y")'
adm credit kim@example.com 2 '-5 bonus'
adm credit kim@example.com 3 '<script>alert(1)</script>'
adm balance kim@example.com
bal=$(sed -n 's/^balance \([-0-9]*\).*/\1/p' "$STATE/adm")
check_eq "balance: 5000 + 6 - the call" "$bal" "$((5000 + 6 + charge))"
adm ledger kim@example.com
cp "$STATE/adm" "$STATE/ledger.txt"

# ---- the page ----
login_kim
req GET /account
check "the account page links to the balance" contains "$STATE/body" 'href="/balance"'
check "  and shows no operator link" sh -c "! grep -q 'href=\"/admin\"' '$STATE/body'"
req GET /balance
check_eq "the balance page answers" "$STATUS" 200
check "it shows the balance in EUR from minor units" contains "$STATE/body" "$(minor "$bal") EUR"
check "it shows nothing held" contains "$STATE/body" '<dd id="held">0.00 EUR'
check "it shows the mileage" contains "$STATE/body" '<dd id="mileage">0 points'
check "the ledger says credit in plain words" contains "$STATE/body" "Credit from the operator: opening balance"
check "  with the amount" contains "$STATE/body" "+50.00 EUR"
check "  and the call" contains "$STATE/body" "<td>Call</td>"
check "  with its debit" contains "$STATE/body" "$(minor "$charge") EUR"
check "a reason is escaped, never markup" contains "$STATE/body" "&lt;script&gt;alert(1)&lt;/script&gt;"
check "  (no raw script)" sh -c "! grep -q '<script>alert' '$STATE/body'"
check "the call list masks the other party" contains "$STATE/body" "+8210 ••••• 32"
check "  never the whole number" sh -c "! grep -q '821098765432' '$STATE/body'"
check "  says who paid" grep -q '<td>You</td>' "$STATE/body"
check "a voucher form with a CSRF token" grep -q 'action="/balance/voucher"' "$STATE/body"
check "CSV links" contains "$STATE/body" 'href="/balance/calls.csv"'

# ---- the ledger as CSV ----
req GET /balance/ledger.csv
cp "$STATE/body" "$STATE/ledger.csv"
check_eq "ledger CSV answers" "$STATUS" 200
check "  as text/csv" grep -qi '^content-type: text/csv' "$STATE/head"
check "  as an attachment" grep -qi '^content-disposition: attachment; filename="ledger.csv"' "$STATE/head"
check "  rows end in CRLF" sh -c "head -n 1 '$STATE/ledger.csv' | grep -q \"\$(printf '\r')\$\""
check_eq "  one row per ledger entry" "$(($(wc -l <"$STATE/ledger.csv") - 1))" "$(($(wc -l <"$STATE/ledger.txt") - 1))"
# Every entry the operator's command lists, with the same amount and balance.
bad=0
while IFS='	' read -r id time cause kind money mileage balance note; do
	[ "$id" = entry ] && continue
	got=$(csv_field "$STATE/ledger.csv" "$id" amount)/$(csv_field "$STATE/ledger.csv" "$id" balance_after)
	[ "$got" = "$(minor "$money")/$(minor "$balance")" ] || { bad=1; echo "# entry $id: $got"; }
done <"$STATE/ledger.txt"
check_eq "  every entry's amount and balance agree with the ledger" "$bad" 0
cid=$(awk -F '\t' '$4 == "charge" {print $1}' "$STATE/ledger.txt")
check_eq "  the call's debit stays a negative number" "$(csv_field "$STATE/ledger.csv" "$cid" amount)" "$(minor "$charge")"
check "  a formula in a note is defused" contains "$STATE/ledger.csv" "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
check "  a note starting with - is defused" contains "$STATE/ledger.csv" ",'-5 bonus"
check "  quotes are doubled (RFC 4180)" contains "$STATE/ledger.csv" '""http://x""'

# ---- the calls as CSV ----
req GET /balance/calls.csv
cp "$STATE/body" "$STATE/calls.csv"
check_eq "calls CSV answers" "$STATUS" 200
check "  as an attachment" grep -qi '^content-disposition: attachment; filename="calls.csv"' "$STATE/head"
check_eq "  one call" "$(($(wc -l <"$STATE/calls.csv") - 1))" 1
case "$order" in [-=+@]*) order_cell="'$order" ;; *) order_cell=$order ;; esac
check_eq "  the call's id (defused when it starts like a formula)" \
	"$(csv_field "$STATE/calls.csv" "$order" call)" "$order_cell"
check_eq "  the other party masked, defused as text" "$(csv_field "$STATE/calls.csv" "$order" "other party")" "'+8210 ••••• 32"
check_eq "  what the member paid, as the ledger says" "$(csv_field "$STATE/calls.csv" "$order" "you paid")" "$(minor $((-charge)))"
a_secs=$(csv_field "$STATE/calls.csv" "$order" "leg A seconds")
b_secs=$(csv_field "$STATE/calls.csv" "$order" "leg B seconds")
check "  both legs have a duration (A $a_secs s, B $b_secs s)" [ "${a_secs:-0}" -gt 0 -a "${b_secs:-0}" -gt 0 ]
check "  leg A was up longer than leg B" [ "${a_secs:-0}" -ge "${b_secs:-1}" ]
check_eq "  the owner paid" "$(csv_field "$STATE/calls.csv" "$order" "paid by")" "You"
check_eq "  the cost is the whole price (sole payer)" "$(csv_field "$STATE/calls.csv" "$order" cost)" "$(minor $((-charge)))"

# ---- vouchers ----
adm voucher create 500 3 t720
c1=$(sed -n 1p "$STATE/adm" | cut -f 1)
c2=$(sed -n 2p "$STATE/adm" | cut -f 1)
get_token /balance
post_form /balance/voucher "code=$(echo "$c1" | tr 'A-Z' 'a-z' | tr -d -)"
check_eq "a voucher typed in lower case without dashes: redeemed" "$STATUS" 303
check_eq "  back to the balance" "$(location)" "/balance?redeemed=500"
req GET "$(location)"
check "  which says what was added" contains "$STATE/body" "Your voucher is redeemed: 5.00 EUR was added"
check "  and shows the new balance" contains "$STATE/body" "$(minor $((bal + 500))) EUR"
check "  and the voucher in the ledger" contains "$STATE/body" "Top-up voucher $c1"
get_token /balance
post_form /balance/voucher "code=$c1"
check_eq "the same voucher again: refused" "$STATUS" 409
check "  saying it was used" contains "$STATE/body" "This voucher has already been used."
check "  the code kept in the form" contains "$STATE/body" "value=\"$c1\""
post_form /balance/voucher "code=2222-3333-4444-5555"
check_eq "an unknown voucher: refused" "$STATUS" 404
check "  saying so" contains "$STATE/body" "There is no voucher with this code."
post_form /balance/voucher "code=not a code"
check_eq "something that is no code: refused" "$STATUS" 422
check "  saying what a code looks like" contains "$STATE/body" "This is not a voucher code"
post_form /balance/voucher "code="
check_eq "no code: refused" "$STATUS" 422
req POST /balance/voucher --data-urlencode "code=$c2"
check_eq "without the CSRF token: refused" "$STATUS" 403
req POST /balance/voucher --data-urlencode "code=$c2" --data-urlencode "csrf=forged"
check_eq "with a forged CSRF token: refused" "$STATUS" 403
adm balance kim@example.com
check_eq "  only the one voucher was credited" "$(sed -n 's/^balance \([-0-9]*\).*/\1/p' "$STATE/adm")" "$((bal + 500))"
req GET /balance/voucher
check_eq "redeeming is POST only" "$STATUS" 405
req GET /balance?redeemed=999
check "a link cannot claim a redemption" sh -c "! grep -q 'Your voucher is redeemed' '$STATE/body'"

# ---- pagination ----
n=0
while [ $n -lt 25 ]; do adm mileage kim@example.com 1 "purchase:t720-$n"; n=$((n + 1)); done
req GET /balance
check "the ledger is paginated" contains "$STATE/body" "Page 1 of 2"
check "  the newest first" contains "$STATE/body" "Mileage for a purchase"
check "  the oldest not on page 1" sh -c "! grep -q 'opening balance' '$STATE/body'"
req GET "/balance?lpage=2"
check "  page 2 has the oldest" contains "$STATE/body" "Credit from the operator: opening balance"
req GET "/balance?lpage=x%27"
check_eq "  a malformed page number is page 1" "$STATUS" 200
req GET /balance/ledger.csv
check_eq "the CSV has every entry" "$(($(wc -l <"$STATE/body") - 1))" "$(($(wc -l <"$STATE/ledger.txt") - 1 + 1 + 25))"
req GET /balance/nothing
check_eq "an unknown balance page is 404" "$STATUS" 404

# ---- a call the caller pays: the owner sees it, paid by someone else ----
login_kim
get_token /make/editor
req POST /make/editor -F "csrf=$TOKEN" -F "name=Kim Minjun" -F "office=02-6200-6209" \
	-F office_modes=phone -F office_payer=recipient -F mobile_modes=phone -F mobile_payer=owner \
	-F button_style=blue -F lang=en
id=$(location | sed -n 's/.*id=\([0-9]*\).*/\1/p')
get_token "/make/design?id=$id"
req POST "/make/design?id=$id" -F "csrf=$TOKEN" -F layout=left -F align=left -F "bg=#ffffff" \
	-F pattern=none -F "color=#111111" -F "accent=#0b5394" -F font=sans -F size=m
BTN_R=$(t6_button "$id" office)
rm -f "$JAR"
get_token /signup
post_form /signup "name=Lee Caller" email=lee@example.com "phone=010 5555 6666" \
	"password=long pass phrase" "password2=long pass phrase"
adm credit lee@example.com 1000 top up
sipp_uas OWNER owner_star 0
sipp_uas RECIP answer_hangup 1 -d 1500
t6_call_page "$BTN_R"
t6_press "$BTN_R" "010-5555-6666"
check_eq "a call the caller pays is placed" "$STATUS" 303
PAGE2=$LOCATION_TOKEN
t6_watch "$PAGE2" 25 >/dev/null
check_eq "  and ends completed" "$(t6_json "$PAGE2" cause)" completed
sipp_ok OWNER 10 >/dev/null; sipp_ok RECIP 10 >/dev/null
i=0
until adm ledger lee@example.com && grep -q "	call:.*	charge	" "$STATE/adm"; do
	i=$((i + 1)); [ $i -lt 50 ] || break; sleep 0.2
done
lee_charge=$(awk -F '\t' '$4 == "charge" {print $5}' "$STATE/adm")
order2=$(awk -F '\t' '$4 == "charge" {sub(/^call:/, "", $3); print $3}' "$STATE/adm")
check_eq "  the caller is charged 6 cents (by hand, as above)" "$lee_charge" -6
req GET /balance
check "the caller's balance page lists it" contains "$STATE/body" "+8226 ••••• 09"
check "  the owner's number masked" sh -c "! grep -q '82262006209' '$STATE/body'"
check "  paid by the caller" grep -q '<td>You</td>' "$STATE/body"
login_kim
req GET /balance/calls.csv
cp "$STATE/body" "$STATE/calls2.csv"
check_eq "the owner's calls CSV has both calls" "$(($(wc -l <"$STATE/calls2.csv") - 1))" 2
check_eq "  the second paid by the caller" "$(csv_field "$STATE/calls2.csv" "$order2" "paid by")" "The caller"
check_eq "  the owner paid nothing" "$(csv_field "$STATE/calls2.csv" "$order2" "you paid")" "0.00"
check_eq "  its cost from the caller's charge" "$(csv_field "$STATE/calls2.csv" "$order2" cost)" "0.06"
check_eq "  the caller's number masked" "$(csv_field "$STATE/calls2.csv" "$order2" "other party")" "'+8210 ••••• 66"
check_eq "  newest first" "$(sed -n 2p "$STATE/calls2.csv" | cut -d, -f2)" "$order2"
req GET /balance
check "the owner's page says who paid" grep -q '<td>The caller</td>' "$STATE/body"
