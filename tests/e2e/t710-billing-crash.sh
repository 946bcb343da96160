# t710-billing-crash.sh: kill -9 of sbin/billing in the middle of a batch
# of settlements, three times; the next run recovers the database, settles
# the rest, and every call is charged exactly once. Each run is bounded by
# a time limit so that a process that cannot open the database after a
# crash fails the test instead of hanging it.
. "$CALLCARD_ROOT/tests/lib/harness.sh"

STATE=$(mktemp -d /tmp/callcard-crash.XXXXXX)
trap 'rm -rf "$STATE"' EXIT
export CALLCARD_STATE="$STATE"
unset CALLCARD_CONFIG
DB="$STATE/db"
ADMIN="$CALLCARD_BUILD/sbin/callcard-admin"
BILLING="$CALLCARD_BUILD/sbin/billing"
T0=1767225600000 # 2026-01-01 00:00 UTC, in ms
LIMIT=60         # seconds any one run may take

# seed TABLE-FILE: key/value lines in db_dump -p encoding (\00 is NUL).
seed() {
	{ printf 'VERSION=3\nformat=print\ntype=btree\nHEADER=END\n'; sed 's/^/ /'; printf 'DATA=END\n'; } |
		db5.3_load -h "$DB" "$1"
}
# run NAME COMMAND...: run with the time limit; "hung" in $STATE/NAME.rc
# when it had to be killed.
run() {
	name=$1
	shift
	timeout -s KILL $LIMIT "$@" >"$STATE/$name.out" 2>"$STATE/$name.err"
	rc=$?
	[ $rc -eq 137 ] && rc=hung
	echo $rc >"$STATE/$name.rc"
}

run rates "$ADMIN" rates load "$CALLCARD_ROOT/etc/rates.example"
key='\00\00\00\00\00\00\00\01'
printf '%s\n%s\n' "$key" 'email\00ann@example.org\00name\00Ann\00' | seed members.db
printf '%s\n%s\n' ann@example.org "$key" | seed emails.db
run credit "$ADMIN" credit ann@example.org 1000 opening
check "setup: rates and credit" contains "$STATE/credit.out" "balance 1000 EUR"

# 1000 closed calls, each 126 s to the UK (6) and 116 s to France (4): 10.
# Enough that no run can finish between two looks at its log.
n=0
while [ $n -lt 1000 ]; do
	n=$((n + 1))
	v="payer\\00owner\\00owner_id\\001\\00"
	v="${v}a_target\\00+441234567\\00a_answer\\00$T0\\00a_end\\00$((T0 + 125300))\\00"
	v="${v}b_target\\00+33123456789\\00b_answer\\00$((T0 + 10000))\\00b_end\\00$((T0 + 125300))\\00"
	printf '%s\n%s\n' "k$n" "${v}ended\\00$((T0 + 126000))\\00"
done | seed cdrs.db

# Each run is killed once it has logged that many settlements.
kills=0
for after in 10 20 30; do
	timeout -s KILL $LIMIT "$BILLING" -B >/dev/null 2>"$STATE/kill.log" &
	pid=$!
	i=0
	while [ "$(grep -c 'settled k' "$STATE/kill.log")" -lt $after ] && [ $i -lt 1000 ]; do
		sleep 0.01
		i=$((i + 1))
	done
	# $pid is timeout(1); its child is billing.
	child=$(pgrep -P $pid)
	if [ -n "$child" ] && kill -9 $child 2>/dev/null; then
		kills=$((kills + 1))
		wait $pid 2>/dev/null
	else
		wait $pid
		echo "# billing ended by itself (status $?) before $after settlements:"
		tail -n 5 "$STATE/kill.log" | sed 's/^/# /'
	fi
done
check_eq "billing was killed three times in the middle of the batch" "$kills" 3

run after "$BILLING" -B
check_eq "after the kills: the next run opens the database and is consistent" \
	"$(cat "$STATE/after.rc")" 0
if [ "$(cat "$STATE/after.rc")" = hung ]; then
	# Every later run would hang the same way: stop here.
	echo "# billing could not open the database after a kill -9 (stuck in db_open)"
	exit 1
fi
run again "$BILLING" -B
check "and the one after has nothing to settle" contains "$STATE/again.out" "billing: 0 settled"
run ledger "$ADMIN" ledger ann@example.org
charges=$(awk -F '\t' '$3 ~ /^call:k/ && $4 == "charge"' "$STATE/ledger.out" | wc -l)
check_eq "every one of the 1000 calls charged exactly once" "$charges" 1000
run balance "$ADMIN" balance ann@example.org
check "the balance is exact: 1000 - 1000 x 10" contains "$STATE/balance.out" "balance -9000 EUR"
