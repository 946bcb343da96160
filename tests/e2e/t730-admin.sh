#!/bin/sh
# t730-admin: the operator's pages through nginx: hidden (404) from
# visitors and members, opened by callcard-admin grant-admin and closed by
# revoke-admin; crediting a member with good and bad amounts; a member
# posting the credit form refused; rate files pasted and uploaded, a bad
# one refused with its line and the old table kept; voucher batches.
. "$CALLCARD_ROOT/tests/lib/harness.sh"
ADMIN="$CALLCARD_BUILD/sbin/callcard-admin"
TEST_CONFIG="Billing.MaxBalance = 200000
Billing.SignupMileage = 0"
instance_start

adm() {
	i=0
	while :; do
		"$ADMIN" "$@" >"$STATE/adm" 2>&1 && return 0
		grep -qi "lock\|deadlock" "$STATE/adm" || return 1
		i=$((i + 1)); [ $i -lt 30 ] || return 1; sleep 0.1
	done
}
balance() { adm balance "$1"; sed -n 's/^balance \([-0-9]*\).*/\1/p' "$STATE/adm"; }
signup() {
	rm -f "$JAR"
	get_token /signup
	post_form /signup "name=$1" "email=$2" "phone=010 1234 5678" \
		"password=long pass phrase" "password2=long pass phrase"
}
login() {
	rm -f "$JAR"
	get_token /login
	post_form /login "email=$1" "password=long pass phrase"
}

signup "Kim Minjun" kim@example.com
signup "Oh Operator" ops@example.com

# ---- hidden from everyone who is not an operator ----
req GET /admin
check_eq "a logged-in member who is no operator: /admin is 404" "$STATUS" 404
check "  like any unknown address" contains "$STATE/body" "There is no page at this address."
for p in /admin/rates /admin/vouchers /admin/credit "/admin?email=kim@example.com"; do
	req GET "$p"
	check_eq "  $p is 404 too" "$STATUS" 404
done
rm -f "$JAR"
req GET /admin
check_eq "a visitor: 404, not a login redirect" "$STATUS" 404

adm grant-admin nobody@example.com
check "granting an unknown member is refused" contains "$STATE/adm" "unknown member 'nobody@example.com'"
adm grant-admin OPS@example.com
check "grant-admin makes an operator" contains "$STATE/adm" "OPS@example.com is now an operator"

# ---- the operator ----
login ops@example.com
req GET /account
check "the operator's account page links to /admin" contains "$STATE/body" 'href="/admin"'
req GET /admin
check_eq "the operator opens /admin" "$STATUS" 200
check "  a member search" contains "$STATE/body" 'name="email"'
req GET "/admin?email=KIM@Example.com"
check_eq "finds a member by e-mail, any case" "$STATUS" 200
check "  shows the member" contains "$STATE/body" "Kim Minjun"
check "  and the balance" contains "$STATE/body" '<dd id="found-balance">0.00 EUR</dd>'
TOKEN=$(csrf)
check "  and a credit form" contains "$STATE/body" 'action="/admin/credit"'
req GET "/admin?email=nobody@example.com"
check_eq "an unknown e-mail: 404" "$STATUS" 404
check "  saying so" contains "$STATE/body" "No member has this e-mail address."

# Each credit form carries its own token: the same form sent twice credits once.
once() { sed -n 's/.*name="once" value="\([^"]*\)".*/\1/p' "$STATE/body" | head -n 1; }
fresh_form() { req GET "/admin?email=$1"; TOKEN=$(csrf); ONCE=$(once); }
fresh_form kim@example.com
check "the credit form carries a one-time token" test -n "$ONCE"
post_form /admin/credit email=kim@example.com amount=12.34 "reason=goodwill for a dropped call" "once=$ONCE"
check_eq "a credit of 12.34: done" "$STATUS" 303
loc=$(location)
post_form /admin/credit email=kim@example.com amount=12.34 "reason=goodwill for a dropped call" "once=$ONCE"
check_eq "the same form sent again: the same answer" "$STATUS" 303
check_eq "  pointing at the same entry" "$(location)" "$loc"
case "$loc" in "/admin?email=kim@example.com&credited="[0-9]*) ok "  back to the member" ;; *) not_ok "  back to the member ($loc)" ;; esac
req GET "$loc"
check "  which says so" contains "$STATE/body" "Credited 12.34 EUR"
check "  with the new balance" contains "$STATE/body" '<dd id="found-balance">12.34 EUR</dd>'
entry=${loc#*credited=}
req GET "/admin?email=ops@example.com&credited=$entry"
check "a credit is confirmed only on its member's page" sh -c "! grep -q 'Credited' '$STATE/body'"
check_eq "  1234 minor units on the account" "$(balance kim@example.com)" 1234
adm ledger kim@example.com
check "  one ledger entry, with the reason" sh -c "grep -c '	credit:once:[A-Za-z0-9_-]*	credit	1234	0	1234	goodwill for a dropped call\$' '$STATE/adm' | grep -qx 1"

for bad in "-5|negative amounts are refused" "0|more than zero" "0.00|more than zero" \
	"10000.01|above the limit of 10000.00 EUR" "12.345|at most 2 decimals" \
	"1e3|is not an amount" "12 EUR|is not an amount" "|Give an amount" \
	"99999999999999999999|too large"; do
	post_form /admin/credit email=kim@example.com "amount=${bad%%|*}" reason=test
	check_eq "amount '${bad%%|*}' refused" "$STATUS" 422
	check "  saying: ${bad#*|}" contains "$STATE/body" "${bad#*|}"
done
post_form /admin/credit email=kim@example.com amount=1 reason=
check_eq "no reason: refused" "$STATUS" 422
check "  saying a reason is needed" contains "$STATE/body" "Give the reason for the credit"
check "  the amount typed is kept" contains "$STATE/body" 'name="amount" type="text"
    value="1"'
fresh_form kim@example.com
post_form /admin/credit email=kim@example.com amount=1990 reason=big "once=$ONCE"
check_eq "a credit above the largest balance: refused" "$STATUS" 409
check "  saying so" contains "$STATE/body" "above the largest balance allowed"
post_form /admin/credit email=nobody@example.com amount=1 reason=x "once=$ONCE"
check_eq "a credit of an unknown member: refused" "$STATUS" 404
post_form /admin/credit email=kim@example.com amount=1 reason=x
check_eq "a credit form without its token: refused" "$STATUS" 409
check "  saying the form is out of date" contains "$STATE/body" "This form is out of date"
req POST /admin/credit --data-urlencode email=kim@example.com --data-urlencode amount=1 --data-urlencode reason=x
check_eq "a credit without the CSRF token: refused" "$STATUS" 403
check_eq "refused credits changed nothing" "$(balance kim@example.com)" 1234

# ---- a member who is no operator posts the credit form ----
login kim@example.com
get_token /balance
post_form /admin/credit email=kim@example.com amount=100 reason=mine
check_eq "a member crediting their own account: 404" "$STATUS" 404
post_form /admin/credit email=ops@example.com amount=100 reason=theirs
check_eq "  or someone else's: 404" "$STATUS" 404
check_eq "  nothing credited" "$(balance kim@example.com)" 1234
check_eq "  nor to the other" "$(balance ops@example.com)" 0
req POST /admin/rates -F "csrf=$TOKEN" -F "rates=currency EUR"
check_eq "  nor may they load rates" "$STATUS" 404
adm rates show
check "  (no table was loaded)" contains "$STATE/adm" "no rate table loaded"

# ---- rates ----
login ops@example.com
get_token /admin/rates
check_eq "the rates page" "$STATUS" 200
check "  says no table is loaded yet" contains "$STATE/body" "No rate table is loaded yet"
post_form /admin/rates "rates=$(cat "$CALLCARD_ROOT/etc/rates.example")"
check_eq "the example table pasted: loaded" "$STATUS" 200
check "  with its count" contains "$STATE/body" "The new rate table is in use: 10 rates."
check "  shown in use" contains "$STATE/body" '<dd id="rate-count">10</dd>'
check "  in EUR" contains "$STATE/body" '<dd id="rate-currency">EUR</dd>'
check "  with the time it was loaded" grep -q '<dd id="rate-loaded">20[0-9-]* [0-9:]* UTC</dd>' "$STATE/body"
adm rates show
same_text() { [ "$(cat "$1")" = "$(cat "$2")" ]; } # but for the final newline
check "  and it is the table in use" same_text "$STATE/adm" "$CALLCARD_ROOT/etc/rates.example"
printf 'currency EUR\n44 0 1.8 60/60 0 - -\n33 0 2 60/0 0 - -\n' >"$STATE/bad.rates"
TOKEN=$(csrf)
req POST /admin/rates -F "csrf=$TOKEN" -F "file=@$STATE/bad.rates;type=text/plain"
check_eq "a bad file uploaded: refused" "$STATUS" 422
check "  with its line and reason" contains "$STATE/body" "Refused, line 3: increments &#39;60/0&#39;"
check "  saying the table in use is unchanged" contains "$STATE/body" "The table in use is unchanged."
check "  which still has 10 rates" contains "$STATE/body" '<dd id="rate-count">10</dd>'
adm rates show
check "  the old table is kept" same_text "$STATE/adm" "$CALLCARD_ROOT/etc/rates.example"
post_form /admin/rates "rates=currency EUR
44 0 1.8 60/60 0 2026-01-01 2025-01-01"
check_eq "a bad table pasted: refused" "$STATUS" 422
check "  with its line" contains "$STATE/body" "Refused, line 2:"
check "  the pasted text kept to correct" contains "$STATE/body" "2026-01-01 2025-01-01</textarea>"
post_form /admin/rates "rates="
check_eq "nothing given: refused" "$STATUS" 422
check "  saying what to give" contains "$STATE/body" "Paste the rate file here or choose it to upload."
printf 'currency EUR\n44 0 1.8 60/60 0 - - UK\n33 0 2 60/60 0 - - France\n' >"$STATE/good.rates"
TOKEN=$(csrf)
req POST /admin/rates -F "csrf=$TOKEN" -F "file=@$STATE/good.rates;type=text/plain"
check_eq "a good file uploaded: loaded" "$STATUS" 200
check "  2 rates in use" contains "$STATE/body" '<dd id="rate-count">2</dd>'
adm rate +441234567 120
check "  and priced from the new table" contains "$STATE/adm" "120 s cost 4 EUR"
req POST /admin/rates -F "file=@$STATE/good.rates;type=text/plain"
check_eq "an upload without the CSRF token: refused" "$STATUS" 403

# ---- vouchers ----
get_token /admin/vouchers
check_eq "the vouchers page" "$STATUS" 200
ONCE=$(once)
check "the voucher form carries a one-time token" test -n "$ONCE"
post_form /admin/vouchers amount=5 count=3 "note=spring fair" "once=$ONCE"
check_eq "three vouchers of 5 made" "$STATUS" 200
check_eq "  their codes shown" "$(grep -o '<li><code>[2-9A-Z]\{4\}-[2-9A-Z]\{4\}-[2-9A-Z]\{4\}-[2-9A-Z]\{4\}</code></li>' "$STATE/body" | wc -l)" 3
check "  of 5.00 EUR each" contains "$STATE/body" "New vouchers of 5.00 EUR each"
check "  listed" contains "$STATE/body" "3 in all, 0 redeemed"
code=$(grep -o '<li><code>[^<]*' "$STATE/body" | head -n 1 | sed 's/.*<code>//')
post_form /admin/vouchers amount=5 count=3 "note=spring fair" "once=$ONCE"
check_eq "the same form sent again" "$STATUS" 200
check "  says it was made before" contains "$STATE/body" "This form was sent before"
check "  and makes no more vouchers" contains "$STATE/body" "3 in all, 0 redeemed"
post_form /admin/vouchers amount=5 count=1 "note=no token"
check_eq "a voucher form without its token: refused" "$STATUS" 409
check "  saying the form is out of date" contains "$STATE/body" "This form is out of date"
for bad in "amount=-1|count=1|negative amounts are refused" "amount=5|count=0|from 1 to 100" \
	"amount=5|count=101|from 1 to 100" "amount=5|count=x|from 1 to 100" "amount=0.001|count=1|at most 2 decimals"; do
	a=${bad%%|*}; rest=${bad#*|}; c=${rest%%|*}; why=${rest#*|}
	post_form /admin/vouchers "$a" "$c"
	check_eq "vouchers with $a $c refused" "$STATUS" 422
	check "  saying: $why" contains "$STATE/body" "$why"
done
adm voucher redeem kim@example.com "$code"
req GET /admin/vouchers
check "a redeemed voucher is listed as such" contains "$STATE/body" "3 in all, 1 redeemed"
check "  with who redeemed it" contains "$STATE/body" "UTC by kim@example.com"
check_eq "kim got the 5.00" "$(balance kim@example.com)" 1734

# ---- revoked ----
adm revoke-admin ops@example.com
check "revoke-admin" contains "$STATE/adm" "ops@example.com is no longer an operator"
req GET /admin
check_eq "after revoke-admin, /admin is 404 again" "$STATUS" 404
