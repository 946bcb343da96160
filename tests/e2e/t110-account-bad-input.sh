# t110-account-bad-input.sh: every kind of bad input on the account forms
# gets a clear answer on the same page and changes nothing.
. "$CALLCARD_ROOT/tests/lib/harness.sh"
TEST_CONFIG='Security.LoginMaxFailures = 3'
instance_start

signup() { # name email phone password password2
	post_form /signup "name=$1" "email=$2" "phone=$3" "password=$4" "password2=$5"
}

get_token /signup
signup "Bo Park" "bo@example.com" "+82 10 5555 1234" "long enough phrase" "long enough phrase"
check_eq "first sign-up works" "$STATUS" 303
rm -f "$JAR"
get_token /signup

signup "Bo Again" "BO@example.com" "010 5555 1234" "long enough phrase" "long enough phrase"
check_eq "duplicate e-mail is refused" "$STATUS" 409
check "duplicate e-mail says so on the field" contains "$STATE/body" "An account with this e-mail address already exists."
check "duplicate e-mail keeps the input" contains "$STATE/body" 'value="Bo Again"'
check "no session for a refused sign-up" sh -c "! grep -q cc_session '$JAR'"

for bad in "bo@" "bo example@x.com" "a@b" "x@@y.com" "a,b@example.com" "<a@b.com>" "a@b..com"; do
	signup "Bo" "$bad" "010 5555 1234" "long enough phrase" "long enough phrase"
	check_eq "malformed e-mail '$bad' is refused" "$STATUS" 422
done
check "malformed e-mail is named" contains "$STATE/body" "E-mail is not a valid e-mail address."

signup "Bo" "weak@example.com" "010 5555 1234" "short" "short"
check_eq "short password is refused" "$STATUS" 422
check "short password says why" contains "$STATE/body" "Password must be at least 10 characters."
signup "Bo" "weak@example.com" "010 5555 1234" "aaaaaaaaaaaa" "aaaaaaaaaaaa"
check "repetitive password is refused" contains "$STATE/body" "Password is too easy to guess"
signup "Bo" "weak@example.com" "010 5555 1234" "password1234" "password1234"
check "common password is refused" contains "$STATE/body" "Password is too easy to guess"
check "passwords are never echoed back" sh -c "! grep -q 'value=\"password1234\"' '$STATE/body'"
signup "Bo" "weak@example.com" "010 5555 1234" "long enough phrase" "long enough phrasE"
check "differing passwords are named" contains "$STATE/body" "The two passwords differ."
signup "Bo" "weak@example.com" "call me maybe" "long enough phrase" "long enough phrase"
check "a phone number with letters is refused" contains "$STATE/body" "Phone may hold only digits"
signup "Bo" "weak@example.com" "12" "long enough phrase" "long enough phrase"
check "a too short number is refused" contains "$STATE/body" "Phone is not a valid phone number."

# Script in a field is shown as text.
signup '<script>alert(1)</script>' "bad-email" "010" "x" "y"
check "markup in input is escaped" contains "$STATE/body" 'value="&lt;script&gt;alert(1)&lt;/script&gt;"'
check "markup in input never appears raw" sh -c "! grep -q '<script>alert' '$STATE/body'"

# CSRF: missing and wrong tokens.
req POST /signup --data-urlencode "name=Eve" --data-urlencode "email=eve@example.com" \
	--data-urlencode "phone=01055551234" --data-urlencode "password=long enough phrase" \
	--data-urlencode "password2=long enough phrase"
check_eq "missing CSRF token is refused" "$STATUS" 403
check "missing CSRF token explains" contains "$STATE/body" "This form has expired"
TOKEN=wrongtoken
signup "Eve" "eve@example.com" "01055551234" "long enough phrase" "long enough phrase"
check_eq "wrong CSRF token is refused" "$STATUS" 403
get_token /login
post_form /login "email=eve@example.com" "password=long enough phrase"
check_eq "nothing was created by the refused forms" "$STATUS" 422

# Size and encoding.
get_token /signup
head -c 1100000 /dev/zero | tr '\0' 'a' >"$STATE/big"
req POST /signup --data-urlencode "csrf=$TOKEN" --data-urlencode "name@$STATE/big"
check_eq "body over the limit is refused" "$STATUS" 413
check "body over the limit explains" contains "$STATE/body" "The form is too large"
head -c 6000000 /dev/zero | tr '\0' 'a' >"$STATE/huge"
req POST /signup -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "@$STATE/huge"
check_eq "body over nginx's limit is refused" "$STATUS" 413
req POST /signup -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "csrf=$TOKEN&name=%E0%A4%zz"
check_eq "broken url-encoding is refused" "$STATUS" 400
check "broken url-encoding explains" contains "$STATE/body" "malformed"
req POST /signup -H 'Content-Type: application/x-www-form-urlencoded' --data-binary "csrf=$TOKEN&name=a%00b"
check_eq "an encoded NUL is refused" "$STATUS" 400
req POST /signup -H 'Content-Type: multipart/form-data; boundary=XyZ' \
	--data-binary "$(printf -- '--XyZ\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n%s\r\n--XyZ\r\nContent-Disposition: form-data; name="name"\r\n\r\nBo' "$TOKEN")"
check_eq "truncated multipart is refused" "$STATUS" 400
check "truncated multipart explains" contains "$STATE/body" "cut short"
req POST /signup -H 'Content-Type: multipart/form-data' --data-binary "garbage"
check_eq "multipart without a boundary is refused" "$STATUS" 400
req POST /signup -H 'Content-Type: text/plain' --data-binary "name=x"
check_eq "an unknown body type is refused" "$STATUS" 415
# A well-formed multipart sign-up works (same form, other encoding).
req POST /signup -F "csrf=$TOKEN" -F "name=Multi Part" -F "email=mp@example.com" \
	-F "phone=+1 415 555 0100" -F "password=long enough phrase" -F "password2=long enough phrase"
check_eq "a multipart form is accepted" "$STATUS" 303

/usr/bin/python3 -c 'print("a" * 100000)' >"$STATE/hdr"
STATUS=$(curl -s -o "$STATE/body" -w '%{http_code}' -H "X-Big: $(cat "$STATE/hdr")" "$BASE/")
check_eq "a 100 KB header is refused" "$STATUS" 400
check "the refusal is our page" contains "$STATE/body" "headers were too large"

req GET /no/such/page
check_eq "unknown path is 404" "$STATUS" 404
check "404 is the rendered page" contains "$STATE/body" "There is no page at this address."
req GET /logout
check_eq "log out by GET is refused" "$STATUS" 405

# Failed logins are throttled (3 allowed here), without saying which part was wrong.
rm -f "$JAR"
get_token /login
for i in 1 2 3; do post_form /login "email=bo@example.com" "password=wrong guess $i"; done
check_eq "failed logins answer 422" "$STATUS" 422
post_form /login "email=bo@example.com" "password=long enough phrase"
check_eq "further logins are throttled" "$STATUS" 429
check "throttling explains" contains "$STATE/body" "Too many failed attempts"
rm -f "$JAR"
get_token /login
post_form /login "email=bo@example.com" "password=long enough phrase"
check_eq "the throttle holds across cookies" "$STATUS" 429
