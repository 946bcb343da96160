# t100-accounts.sh: the account flow through the real nginx and FastCGI
# programs: sign up, My cards, log out, log in, profile, password change.
. "$CALLCARD_ROOT/tests/lib/harness.sh"
instance_start

req GET /
check_eq "home page answers" "$STATUS" 200
check "home page links to sign-up" contains "$STATE/body" 'href="/signup"'
check "pages carry a content security policy" grep -qi '^content-security-policy:' "$STATE/head"
check "CSRF cookie is HttpOnly and SameSite=Lax" grep -qi '^set-cookie: cc_csrf=.*HttpOnly; SameSite=Lax' "$STATE/head"

get_token /signup
check_eq "sign-up page answers" "$STATUS" 200
check "sign-up form carries a CSRF token" test -n "$TOKEN"

post_form /signup "name=Ada Kim" "email=Ada@Example.com" "phone=010-1234-5678" \
	"password=correct horse battery" "password2=correct horse battery"
check_eq "sign-up redirects" "$STATUS" 303
check_eq "sign-up leads to My cards" "$(location)" "/cards?welcome=1"
check "session cookie is HttpOnly and SameSite=Lax" grep -qi '^set-cookie: cc_session=.*HttpOnly; SameSite=Lax' "$STATE/head"

req GET "/cards?welcome=1"
check_eq "My cards answers when logged in" "$STATUS" 200
check "My cards greets the new member" contains "$STATE/body" "Welcome, Ada Kim"
check "My cards is empty" contains "$STATE/body" "You have no cards yet"

req GET /account
check "profile shows the normalised phone" contains "$STATE/body" 'value="+821012345678"'
check "profile shows the lower-cased e-mail" contains "$STATE/body" 'value="ada@example.com"'
TOKEN=$(csrf)
post_form /account "name=Ada Kim-Lee" "email=ada@example.com" "phone=+82 2 6200 6200"
check_eq "profile save redirects" "$(location)" "/account?done=profile"
req GET "/account?done=profile"
check "profile change is shown" contains "$STATE/body" 'value="Ada Kim-Lee"'
check "profile save is confirmed" contains "$STATE/body" "Your profile is saved"

post_form /account "name=" "email=not-an-address" "phone=12ab"
check_eq "bad profile is refused" "$STATUS" 422
check "empty name gets its message" contains "$STATE/body" "Name is required."
check "bad e-mail gets its message" contains "$STATE/body" "E-mail is not a valid e-mail address."
check "bad phone gets its message" contains "$STATE/body" "Phone may hold only digits"
check "bad input is kept" contains "$STATE/body" 'value="not-an-address"'
req GET /account
check "bad profile changed nothing" contains "$STATE/body" 'value="Ada Kim-Lee"'

# Password change: wrong current, then right.
TOKEN=$(csrf)
post_form /account/password "current=wrong password!" "password=another good phrase" "password2=another good phrase"
check_eq "wrong current password is refused" "$STATUS" 422
check "wrong current password is named" contains "$STATE/body" "The current password is wrong."
# A second session (another browser), which the change must end.
JAR_SAVE=$JAR
JAR="$STATE/jar2"
get_token /login
post_form /login "email=ada@example.com" "password=correct horse battery"
req GET /cards
check_eq "a second browser logs in" "$STATUS" 200
JAR=$JAR_SAVE
req GET /account
TOKEN=$(csrf)
post_form /account/password "current=correct horse battery" "password=another good phrase" "password2=another good phrase"
check_eq "password change redirects" "$(location)" "/account?done=password"
req GET /cards
check_eq "the changing session stays logged in" "$STATUS" 200
JAR_SAVE=$JAR
JAR="$STATE/jar2"
req GET /cards
check_eq "other sessions are logged out by a password change" "$STATUS" 303
JAR=$JAR_SAVE

# Log out (a POST with the token).
req GET /cards
TOKEN=$(csrf)
post_form /logout
check_eq "log out redirects home" "$(location)" "/?bye=1"
req GET /cards
check_eq "My cards needs a login" "$STATUS" 303
check_eq "login keeps where we were going" "$(location)" "/login?next=%2Fcards"

# Log in: old password fails, new one works.
get_token "/login?next=/cards"
post_form /login "email=ada@example.com" "password=correct horse battery" "next=/cards"
check_eq "old password no longer works" "$STATUS" 422
check "wrong password gets the generic message" contains "$STATE/body" "The e-mail address or the password is wrong."
check "e-mail is kept after a failed login" contains "$STATE/body" 'value="ada@example.com"'
post_form /login "email=nobody@example.com" "password=another good phrase" "next=/cards"
check "unknown e-mail gets the same message" contains "$STATE/body" "The e-mail address or the password is wrong."
post_form /login "email=ADA@example.com" "password=another good phrase" "next=//evil.example/"
check_eq "login redirects only to local pages" "$(location)" "/cards"
req GET /cards
check_eq "logged in again" "$STATUS" 200
check "name in the header" contains "$STATE/body" "Ada Kim-Lee"

# Forged or missing session cookies count as logged out.
STATUS=$(curl -s -o /dev/null -w '%{http_code}' -b "cc_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" "$BASE/cards")
check_eq "a forged session token is not a login" "$STATUS" 303
