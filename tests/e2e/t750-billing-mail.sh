#!/bin/sh
# t750-billing-mail: the nightly run's mails at the real SMTP sink, through
# the mail queue under webd: a low-balance notice once per fall below
# Billing.LowBalance (again only after the balance rose above it), the
# monthly statement exactly once per member and month (billing -S), both
# with an HTML and a text part and escaped; a second run sends nothing
# new; bad settings refused. A statement is rendered in headless Chromium
# (tests/browser/statement-render.js, screenshot mail-statement.png).
TEST_CONFIG="Site.BaseURL = https://cards.example
Billing.LowBalance = 1000
Billing.SignupMileage = 40"
. "$CALLCARD_ROOT/tests/lib/harness.sh"
instance_start
ADMIN="$CALLCARD_BUILD/sbin/callcard-admin"
BILLING="$CALLCARD_BUILD/sbin/billing"
CHECKMAIL="/usr/bin/python3 $CALLCARD_ROOT/tests/tools/mailcheck.py"
MONTH=$(date -u +%Y-%m)

signup() { # NAME EMAIL
	rm -f "$JAR"
	get_token /signup
	post_form /signup "name=$1" "email=$2" "phone=010 1234 5678" \
		"password=long pass phrase" "password2=long pass phrase"
}
# admin ARGS...: retried, as a tool refuses rather than waits when a page
# holds a lock it needs.
admin() {
	i=0
	until "$ADMIN" "$@" >"$STATE/admin.out" 2>&1; do
		i=$((i + 1)); [ $i -lt 20 ] || return 1; sleep 0.1
	done
}
# mail_json ADDRESS SUBJECT-PART: the JSON of the messages to ADDRESS whose
# subject contains SUBJECT-PART, one a line.
mail_json() { $CHECKMAIL "$MAILDIR" | grep "\"rcpt\": \[\"$1\"\]" | grep -F "$2"; }
# part FILE text|html: the first message's part.
part() {
	head -n 1 "$1" | /usr/bin/python3 -c 'import json,sys; sys.stdout.write(json.loads(sys.stdin.readline())[sys.argv[1]])' "$2"
}
run_billing() { # OUT [args...]
	out=$1
	shift
	"$BILLING" -B "$@" >"$STATE/$out" 2>"$STATE/$out.err"
}

signup "Ann Lee" ann@example.org
signup "Bob Kim" bob@example.org
rm -f "$JAR"
check "ann is credited 50.00" admin credit ann@example.org 5000 'opening <b>balance</b> & more'
check "bob is credited 3.00" admin credit bob@example.org 300 first top-up

# ---- low-balance notices ----
before=$(mail_count)
run_billing run1
check_eq "first run: clean exit" "$?" 0
check "first run: one notice (bob, 3.00 < 10.00), no statement of last month" \
	contains "$STATE/run1" "mail: 1 low-balance notices, 0 statements"
check "  named in the report" grep -q "^low-balance notice to member [0-9]" "$STATE/run1"
check "the notice reaches the SMTP server" wait_mail $((before + 1)) 20
mail_json bob@example.org "balance is low" >"$STATE/low1"
check_eq "bob has one notice" "$(wc -l <"$STATE/low1")" 1
check_eq "ann, above the threshold, has none" "$(mail_json ann@example.org "balance is low" | wc -l)" 0
check "  its subject names the site" grep -q '"subject": "Your callcard balance is low"' "$STATE/low1"
part "$STATE/low1" text >"$STATE/low1.txt"
part "$STATE/low1" html >"$STATE/low1.html"
check "  text part: the available credit and the threshold" \
	sh -c "grep -q 'is now' '$STATE/low1.txt' && grep -q '^3.00 EUR, below 10.00 EUR.' '$STATE/low1.txt'"
check "  text part: where to top up" contains "$STATE/low1.txt" "https://cards.example/account"
check "  HTML part: the amount in bold" contains "$STATE/low1.html" "<strong>3.00 EUR</strong>, below 10.00 EUR"
check "  HTML part greets the member" contains "$STATE/low1.html" "Hello Bob Kim,"

run_billing run2
check_eq "second run: clean exit" "$?" 0
check "second run: no notice again" contains "$STATE/run2" "mail: 0 low-balance notices, 0 statements"

# Back above the threshold (re-armed), then below a higher threshold: one
# new notice; a member never below it gets none.
check "bob tops up 20.00" admin credit bob@example.org 2000 top-up
run_billing run3
check "above the threshold again: no notice" contains "$STATE/run3" "mail: 0 low-balance notices"
sed 's/^Billing.LowBalance = .*/Billing.LowBalance = 5000/' "$STATE/callcard.hdf" >"$STATE/high.hdf"
CALLCARD_CONFIG="$STATE/high.hdf" run_billing run4
check "fallen below again (threshold 50.00): one notice" contains "$STATE/run4" "mail: 1 low-balance notices"
CALLCARD_CONFIG="$STATE/high.hdf" run_billing run5
check "  and not a second one" contains "$STATE/run5" "mail: 0 low-balance notices"
check "the second notice arrives" wait_mail $((before + 2)) 20
mail_json bob@example.org "balance is low" >"$STATE/low2"
check_eq "bob has two notices in all" "$(wc -l <"$STATE/low2")" 2
check "  the second says 23.00 below 50.00" sh -c "sed -n 2p '$STATE/low2' | grep -q '23.00 EUR, below 50.00 EUR'"

# ---- statements ----
"$BILLING" -n -B -S "$MONTH" >"$STATE/dry" 2>&1
check "a dry run says which statements it would send" \
	contains "$STATE/dry" "would send the statement $MONTH to member"
run_billing run6 -S "$MONTH"
check_eq "statement run: clean exit" "$?" 0
check "statement run: two statements (the dry run queued none)" contains "$STATE/run6" "mail: 0 low-balance notices, 2 statements for $MONTH"
run_billing run7 -S "$MONTH"
check "again: no statement is sent twice" contains "$STATE/run7" "mail: 0 low-balance notices, 0 statements for $MONTH"
run_billing run8
check "the default month (the last one, without movements): none" contains "$STATE/run8" "0 statements"
check "both statements arrive" wait_mail $((before + 4)) 20
mail_json ann@example.org "statement" >"$STATE/st-ann"
mail_json bob@example.org "statement" >"$STATE/st-bob"
check_eq "ann has exactly one statement" "$(wc -l <"$STATE/st-ann")" 1
check_eq "bob has exactly one statement" "$(wc -l <"$STATE/st-bob")" 1
part "$STATE/st-ann" text >"$STATE/st-ann.txt"
part "$STATE/st-ann" html >"$STATE/st-ann.html"
part "$STATE/st-bob" text >"$STATE/st-bob.txt"
month_name=$(date -u +'%B %Y')
check "the subject names the month" grep -q "\"subject\": \"Your callcard statement for $month_name\"" "$STATE/st-ann"
check "ann's opening balance" contains "$STATE/st-ann.txt" "Opening balance: 0.00 EUR (mileage 0 points)"
check "  her sign-up mileage" grep -q "Mileage earned.*mileage +40  balance 0.00 EUR" "$STATE/st-ann.txt"
check "  her credit, its reason as written (text part)" \
	grep -q "Credit: opening <b>balance</b> & more  50.00 EUR  balance 50.00 EUR" "$STATE/st-ann.txt"
check "  her closing balance and mileage" contains "$STATE/st-ann.txt" "Closing balance: 50.00 EUR (mileage 40 points)"
check "bob's movements: 3.00 and 20.00, closing 23.00" sh -c \
	"grep -q 'first top-up  3.00 EUR  balance 3.00 EUR' '$STATE/st-bob.txt' &&
	 grep -q 'top-up  20.00 EUR  balance 23.00 EUR' '$STATE/st-bob.txt' &&
	 grep -q 'Closing balance: 23.00 EUR' '$STATE/st-bob.txt'"
check "the HTML part escapes the reason" contains "$STATE/st-ann.html" \
	"Credit: opening &lt;b&gt;balance&lt;/b&gt; &amp; more"
check "  and carries no markup from it" sh -c "! grep -q '<b>balance' '$STATE/st-ann.html'"
check "  with two movement rows (mileage, credit)" sh -c "[ \$(grep -c 'class=\"movement\"' '$STATE/st-ann.html') = 2 ]"
sleep 2
check_eq "no other mail was sent" "$(mail_count)" $((before + 4))

MAIL_HTML="$STATE/st-ann.html" PUBLIC_BASE=https://cards.example \
	node "$CALLCARD_ROOT/tests/browser/statement-render.js"

# ---- bad settings ----
printf 'Billing.LowBalance = -3\n' >"$STATE/bad.hdf"
CALLCARD_CONFIG="$STATE/bad.hdf" "$BILLING" -B >"$STATE/bad.out" 2>&1
check_eq "a negative threshold stops the run" "$?" 1
check "  with the key and the reason" contains "$STATE/bad.out" "Billing.LowBalance = -3: must be a whole number 0.."
"$BILLING" -B -S 2026-13 >"$STATE/bad.out" 2>&1
check_eq "a month that is not one is a usage error" "$?" 2
check "  saying so" contains "$STATE/bad.out" "-S 2026-13: the month must be YYYY-MM"
