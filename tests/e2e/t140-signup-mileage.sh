# t140-signup-mileage.sh: a new member earns the welcome mileage in the same
# transaction as the sign-up, once, and the nightly check agrees.
. "$CALLCARD_ROOT/tests/lib/harness.sh"
TEST_CONFIG='Billing.SignupMileage = 250'
instance_start
ADMIN="$CALLCARD_BUILD/sbin/callcard-admin"

get_token /signup
post_form /signup "name=Mile Age" "email=mile@example.com" "phone=010 1234 5678" \
	"password=mileage phrase" "password2=mileage phrase"
check_eq "sign-up works" "$STATUS" 303
"$ADMIN" balance mile@example.com >"$STATE/balance" 2>&1
check "the welcome mileage is on the account" grep -q "mileage 250" "$STATE/balance"
"$ADMIN" ledger mile@example.com >"$STATE/ledger" 2>&1
check_eq "one ledger entry, caused by the sign-up" "$(grep -c 'signup:' "$STATE/ledger")" 1
# A refused sign-up (same address) writes nothing.
rm -f "$JAR"
get_token /signup
post_form /signup "name=Again" "email=mile@example.com" "phone=010 1234 5678" \
	"password=mileage phrase" "password2=mileage phrase"
check_eq "the duplicate is refused" "$STATUS" 409
"$CALLCARD_BUILD/sbin/billing" -B >"$STATE/billing" 2>&1
check_eq "the nightly check finds the ledger consistent" "$?" 0
check "and reports no discrepancy" grep -q "0 discrepancies" "$STATE/billing"
