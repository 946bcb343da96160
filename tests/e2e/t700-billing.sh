# t700-billing.sh: the operator's commands and the nightly billing run on a
# real database: credits and vouchers with their refusals, rate files,
# settlement of closed calls, release of stale holds, idempotence of a
# second run, drift found and never fixed, re-rating, mileage first, a dry
# run, and the hot backup. Crashes are in t710-billing-crash.sh.
. "$CALLCARD_ROOT/tests/lib/harness.sh"

STATE=$(mktemp -d /tmp/callcard-bill.XXXXXX)
trap 'rm -rf "$STATE"' EXIT
export CALLCARD_STATE="$STATE"
unset CALLCARD_CONFIG
DB="$STATE/db"
BK="$STATE/backup"
ADMIN="$CALLCARD_BUILD/sbin/callcard-admin"
BILLING="$CALLCARD_BUILD/sbin/billing"
T0=1767225600000 # 2026-01-01 00:00 UTC, in ms

# seed TABLE-FILE: load key/value lines (db_dump -p encoding: \00 is a NUL
# byte) from stdin, the way the web side and the dialer would write them.
seed() {
	{ printf 'VERSION=3\nformat=print\ntype=btree\nHEADER=END\n'; sed 's/^/ /'; printf 'DATA=END\n'; } |
		db5.3_load -h "$DB" "$1"
}
member() { # id email
	key=$(printf '\\00\\00\\00\\00\\00\\00\\00\\%02x' "$1")
	printf '%s\n%s\n' "$key" "email\\00$2\\00name\\00$2\\00" | seed members.db
	printf '%s\n%s\n' "$2" "$key" | seed emails.db
}
# cdr ORDER PAYER OWNER RECIPIENT ENDED: a CDR as the dialer writes it,
# with who pays in it (as if the order carried it). Leg A to the UK answered 125.3 s
# (billed 180 s at 1.8 a minute: 5.4, so 6), leg B to France answered
# 115.3 s (billed 120 s at 2: 4). 10 in all; split 50/50 is 5 + 5.
cdr() {
	v="payer\\00$2\\00owner_id\\00$3\\00recipient_id\\00$4\\00owner_percent\\0050\\00"
	v="${v}a_target\\00+441234567\\00a_answer\\00$T0\\00a_end\\00$((T0 + 125300))\\00"
	v="${v}b_target\\00+33123456789\\00b_answer\\00$((T0 + 10000))\\00b_end\\00$((T0 + 125300))\\00"
	v="${v}ended\\00$5\\00"
	printf '%s\n%s\n' "$1" "$v"
}
balance() { "$ADMIN" balance "$1" | sed -n "s/^$2 \([-0-9]*\).*/\1/p"; }

"$ADMIN" rates load "$CALLCARD_ROOT/etc/rates.example" >"$STATE/out" 2>&1
check "the example rate file loads" contains "$STATE/out" "10 rates loaded"
member 1 ann@example.org
member 2 bob@example.org

# ---- credits and their refusals ----
"$ADMIN" credit Ann@Example.org 1000 opening balance >"$STATE/out" 2>&1
check "operator credit of 1000" contains "$STATE/out" "balance 1000 EUR"
for bad in "-5:negative amounts are refused" "0:zero is refused" \
	"99999999999:above the limit" "12.50:must be a whole number" "1e3:must be a whole number"; do
	"$ADMIN" credit ann@example.org "${bad%%:*}" x >"$STATE/out" 2>&1
	rc=$?
	check "credit of ${bad%%:*} refused with a reason" sh -c "[ $rc = 1 ] && grep -qF -- '${bad#*:}' '$STATE/out'"
done
"$ADMIN" credit nobody@example.org 100 x >"$STATE/out" 2>&1
check "credit of an unknown member refused" contains "$STATE/out" "unknown member 'nobody@example.org'"
"$ADMIN" credit ann@example.org 100 >"$STATE/out" 2>&1
check_eq "credit without a reason is a usage error" "$?" 2
check_eq "refused credits changed nothing" "$(balance ann@example.org balance)" 1000

# ---- vouchers ----
"$ADMIN" voucher create 500 2 spring batch >"$STATE/codes" 2>&1
check_eq "two vouchers created" "$(grep -c '^[2-9A-Z]\{4\}-.*	500	EUR$' "$STATE/codes")" 2
code=$(head -n 1 "$STATE/codes" | cut -f 1)
"$ADMIN" voucher redeem bob@example.org "$code" >"$STATE/out" 2>&1
check "voucher redeemed" contains "$STATE/out" "redeemed 500 for bob@example.org"
"$ADMIN" voucher redeem ann@example.org "$code" >"$STATE/out" 2>&1
check "a used voucher is refused" contains "$STATE/out" "voucher already redeemed"
"$ADMIN" voucher redeem ann@example.org 2222-3333-4444-5555 >"$STATE/out" 2>&1
check "an unknown voucher is refused" contains "$STATE/out" "unknown voucher"
"$ADMIN" voucher create -3 >"$STATE/out" 2>&1
check "a negative voucher is refused" contains "$STATE/out" "negative amounts are refused"
check_eq "bob has 500" "$(balance bob@example.org balance)" 500

# ---- rate files ----
printf 'currency EUR\n44 0 1.8 60/60 0 - -\n33 0 2 60/0 0 - -\n' >"$STATE/bad.rates"
"$ADMIN" rates load "$STATE/bad.rates" >"$STATE/out" 2>&1
check "a malformed rate file is refused with its line" contains "$STATE/out" "line 3: increments '60/0'"
"$ADMIN" rates show >"$STATE/out" 2>&1
check "the table in use is unchanged" cmp -s "$STATE/out" "$CALLCARD_ROOT/etc/rates.example"

# ---- calls closed but not charged, a stale hold ----
{
	cdr o1 owner 1 0 $((T0 + 126000))
	cdr o2 split 1 2 $((T0 + 126000))
	cdr o3 owner 1 0 0 # still open
} | seed cdrs.db
# Holds of orders that do not exist, with the account that says so: one
# an hour old (released), one just made (a call about to start: kept).
{
	printf '%s\n' 'gone|1' "member\\001\\00order\\00gone\\00money\\00100\\00mileage\\000\\00seconds\\00600\\00created\\00$(($(date +%s) - 3600))\\00"
	printf '%s\n' 'young|1' "member\\001\\00order\\00young\\00money\\0020\\00mileage\\000\\00seconds\\0060\\00created\\00$(date +%s)\\00"
} | seed holds.db
printf '%s\n%s\n' '\00\00\00\00\00\00\00\01' \
	'balance\001000\00currency\00EUR\00mileage\000\00held\00120\00held_mileage\000\00calls\002\00' |
	seed accounts.db
check_eq "both holds are held" "$(balance ann@example.org held)" 120

"$BILLING" -b "$BK" >"$STATE/run1" 2>"$STATE/err1"
check_eq "first run: clean exit" "$?" 0
check "first run: two calls settled, one hold released" \
	contains "$STATE/run1" "billing: 2 settled, 1 holds released"
check_eq "ann paid 10 + 5" "$(balance ann@example.org balance)" 985
check_eq "bob paid his half, 5" "$(balance bob@example.org balance)" 495
check_eq "only the young hold is still held" "$(balance ann@example.org held)" 20
check_eq "one call about to start" "$(balance ann@example.org calls)" 1
check "the backup holds the ledger" test -f "$BK/ledger.db"
check "the backup verifies" db5.3_verify -q "$BK/ledger.db"

"$ADMIN" ledger ann@example.org >"$STATE/ledger1"
"$BILLING" -b "$BK" >"$STATE/run2" 2>"$STATE/err2"
check_eq "second run: clean exit" "$?" 0
check "second run: nothing to do" contains "$STATE/run2" "billing: 0 settled, 0 holds released"
"$ADMIN" ledger ann@example.org >"$STATE/ledger2"
check "second run: the ledger is unchanged" cmp -s "$STATE/ledger1" "$STATE/ledger2"
check_eq "second run: balance unchanged" "$(balance ann@example.org balance)" 985

"$ADMIN" settle o1 >"$STATE/out" 2>&1
check "settling by hand again charges nothing" contains "$STATE/out" "o1: already settled"
"$ADMIN" settle o3 >"$STATE/out" 2>&1
check "an open call is not settled" contains "$STATE/out" "call record not closed yet"

# ---- drift between the ledger and the rates: reported, then re-rated ----
sed 's/^44 .*/44 0 3.6 60\/60 0 - - United Kingdom/' "$CALLCARD_ROOT/etc/rates.example" >"$STATE/new.rates"
"$ADMIN" rates load "$STATE/new.rates" >/dev/null
"$BILLING" -B >"$STATE/run3" 2>&1
check_eq "drift: exit status 2" "$?" 2
# 180 s at 3.6 = 10.8 -> 11, plus 4 = 15.
check "drift: o1 reported with both amounts" contains "$STATE/run3" \
	"call o1: member 1 charged 10 but the rates say 15"
check "drift: split o2 reported (7 for the owner)" contains "$STATE/run3" \
	"call o2: member 1 charged 5 but the rates say 7"
check_eq "drift: nothing fixed silently" "$(balance ann@example.org balance)" 985
"$ADMIN" rerate o1 >"$STATE/out" 2>&1
check "re-rating o1 writes one correction" contains "$STATE/out" "o1: 1 correction(s)"
"$ADMIN" rerate o2 >"$STATE/out" 2>&1
check "re-rating o2 corrects both payers" contains "$STATE/out" "o2: 2 correction(s)"
"$ADMIN" rerate o1 >"$STATE/out" 2>&1
check "re-rating again writes nothing" contains "$STATE/out" "o1: 0 correction(s)"
check_eq "ann paid 15 + 7" "$(balance ann@example.org balance)" 978
check_eq "bob paid 8" "$(balance bob@example.org balance)" 492
"$BILLING" -B >"$STATE/run4" 2>&1
check_eq "after re-rating: consistent" "$?" 0

# ---- a balance changed behind the ledger's back ----
printf '%s\n%s\n' '\00\00\00\00\00\00\00\02' \
	'balance\002000\00currency\00EUR\00mileage\000\00held\000\00held_mileage\000\00calls\000\00' |
	seed accounts.db
# The operator's address for the report: each run that finds drift mails it.
printf 'Billing.ReportTo = ops@example.org\n' >"$STATE/report.hdf"
reports() { "$CALLCARD_ROOT/tests/tools/mailq_dump.py" "$DB" report >"$STATE/reports"
	grep -c '^Subject: callcard billing: 1 discrepancy$' "$STATE/reports"; }
CALLCARD_CONFIG="$STATE/report.hdf" "$BILLING" -B >"$STATE/run5" 2>&1
check_eq "tampered balance: exit status 2" "$?" 2
check "tampered balance reported" contains "$STATE/run5" \
	"discrepancy: member 2: balance 2000 but ledger sums to 492"
check "the report is mailed to Billing.ReportTo" contains "$STATE/run5" \
	"discrepancy report mailed to ops@example.org"
check_eq "one report mail is queued" "$(reports)" 1
check "the queued report goes to the operator" grep -q '^To: ops@example.org$' "$STATE/reports"
check "the queued report names the drift" contains "$STATE/reports" \
	"discrepancy: member 2: balance 2000 but ledger sums to 492"
CALLCARD_CONFIG="$STATE/report.hdf" "$BILLING" -B >"$STATE/run6" 2>&1
check "tampered balance still reported (never fixed)" contains "$STATE/run6" \
	"member 2: balance 2000 but ledger sums to 492"
check_eq "and mailed again by the next run" "$(reports)" 2
printf '%s\n%s\n' '\00\00\00\00\00\00\00\02' \
	'balance\00492\00currency\00EUR\00mileage\000\00held\000\00held_mileage\000\00calls\000\00' |
	seed accounts.db

# ---- mileage first, and a dry run that changes nothing ----
"$ADMIN" mileage bob@example.org 100 purchase:77 >"$STATE/out" 2>&1
check "mileage awarded for a purchase" contains "$STATE/out" "awarded 100 points"
"$ADMIN" mileage bob@example.org 100 purchase:77 >"$STATE/out" 2>&1
check "the same purchase earns nothing twice" contains "$STATE/out" "already recorded"
cdr d1 recipient 1 2 $((T0 + 126000)) | seed cdrs.db
"$BILLING" -n >"$STATE/run7" 2>&1
check_eq "dry run: clean exit" "$?" 0
check "dry run: says what it would settle" contains "$STATE/run7" "would settle d1"
check_eq "dry run: nothing charged" "$(balance bob@example.org mileage)" 100
"$BILLING" -B >"$STATE/run8" 2>&1
check "the real run settles it" contains "$STATE/run8" "billing: 1 settled"
# Billed 180 + 120 = 300 s; 100 points cover 600 s: ceil(300 x 10 / 60) = 50.
check_eq "recipient pays with mileage first: 50 points" "$(balance bob@example.org mileage)" 50
check_eq "and no money" "$(balance bob@example.org balance)" 492
check_eq "the owner pays nothing" "$(balance ann@example.org balance)" 978
