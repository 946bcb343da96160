#!/bin/sh
# t770-billing-dialer-crash: batches of calls through the real dialer
# (under webd, with billing -w settling them as they end) while processes
# die by kill -9 at random points: the dialer (twice) and the settling
# billing -w (again and again), which webd restarts. Then the service stops
# in the middle of a last batch, leaving closed calls unsettled, and the
# nightly sbin/billing is killed at random points of its work (settling,
# checking, backing up) before a run completes. Every call is charged
# exactly once (one charge per call and payer) at the price of its CDR,
# every balance equals the sum of its ledger, and no credit stays held.
. "$CALLCARD_ROOT/tests/lib/harness.sh"
# Its own ports, picked at random: the suite may run twice at once on this
# machine (SIP at PORT_BASE, media and phones up to +299).
PORT_BASE=$((22000 + 300 * $(shuf -i 0-32 -n 1)))
. "$CALLCARD_ROOT/tests/dialer/lib.sh"
. "$CALLCARD_ROOT/tests/e2e/call-lib.sh"

CALLS=5
T6_CONFIG="Billing.MaxCalls = 100
Billing.MaxCallSeconds = 60
Billing.SignupMileage = 0
Billing.LowBalance = 0
Call.PerIP = 1000
Call.PerCard = 1000
Dialer.ConfirmTimeoutMs = 5000"
T6_CREDIT=100000
t6_start
t6_owner_with_card
printf 'currency EUR\n82 7 30 1/1 0 - - Korea\n8210 11 90 6/6 20 - - Korea mobile\n' >"$STATE/t.rates"
"$ADMIN" rates load "$STATE/t.rates" >"$STATE/out" 2>&1
check "the test's rate file loads" contains "$STATE/out" "2 rates loaded"
# Every tool on the database runs with a time limit: a process that
# cannot open it after a crash fails the test instead of hanging it.
DUMP="timeout -s KILL 20 $TOOLS/order_dump"
ADMIN="timeout -s KILL 20 $ADMIN"
BILLING="$CALLCARD_BUILD/sbin/billing"

# A random whole number LO..HI (shuf: each run kills at other points).
rnd() { shuf -i "$1-$2" -n 1; }
msleep() { sleep "$(printf '%d.%03d' $(($1 / 1000)) $(($1 % 1000)))"; }
# child PATTERN: the pid of webd's child running PATTERN.
child() { pgrep -P "$(cat "$STATE/var/run/webd.pid")" -f "$1" | head -n 1; }
# up: the dialer takes orders again (webd restarted it), within 30 s.
up() {
	i=0
	while [ $i -lt 300 ]; do
		timeout 5 "$TOOLS/order_client" "$STATE/var/run/dialerd.sock" "CC1 GATEWAYS" \
			>/dev/null 2>&1 && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
# all_ended: every order the dialer took has ended, within 40 s.
all_ended() {
	i=0
	while [ $i -lt 400 ]; do
		out=$($DUMP "$STATE/db" --unfinished 2>/dev/null) && [ -z "$out" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	$DUMP "$STATE/db" --unfinished | sed 's/^/# unfinished: /'
	return 1
}
# round N: fresh phones, then N calls pressed one after another in the
# background (numbers 010-8888-RRCC); $STATE/placed gets a line per call
# the service took. (t6_press uses $b and $n: the loop counts in $c.)
ROUND=0
round() {
	for p in $SIPP_PIDS; do kill "$p" 2>/dev/null; done
	SIPP_PIDS=
	sipp_uas OWNER owner_star 0 -m "$1"
	sipp_uas RECIP answer_hangup 1 -m "$1" -d "$(rnd 500 2500)"
	ROUND=$((ROUND + 1))
	(
		c=0
		while [ $c -lt "$1" ]; do
			t6_call_page "$BTN"
			t6_press "$BTN" "010-8888-$(printf '%02d%02d' "$ROUND" "$c")"
			echo "$ROUND $c $STATUS" >>"$STATE/pressed"
			c=$((c + 1))
		done
	) &
	PRESSER=$!
}

check "the dialer takes orders" up

# ---- the dialer killed at a random point of a batch, twice ----
for r in 1 2; do
	round $CALLS
	at=$(rnd 300 4000)
	msleep "$at"
	pid=$(child sbin/dialerd)
	if [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null; then
		ok "round $r: the dialer killed $at ms into the batch"
	else
		not_ok "round $r: the dialer is running to be killed"
	fi
	wait "$PRESSER"
	check "  webd restarts it" up
	check "  every order it took ends" all_ended
done

# ---- billing -w killed again and again while calls end and settle ----
# settler: the pid of billing -w once it has run a second (in its settling
# loop), within 10 s.
settler() {
	i=0
	while [ $i -lt 100 ]; do
		pid=$(child "sbin/billing -w")
		if [ -n "$pid" ] && [ "$(ps -o etimes= -p "$pid" | tr -d ' ')" -ge 1 ] 2>/dev/null; then
			echo "$pid"
			return 0
		fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
round $CALLS
kills=0
k=0
while [ $k -lt 4 ]; do
	pid=$(settler)
	msleep "$(rnd 0 900)"
	[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null && kills=$((kills + 1))
	k=$((k + 1))
done
wait "$PRESSER"
check "billing -w was killed at random points ($kills times)" [ "$kills" -ge 3 ]
check "  the dialer takes orders" up
check "  every order ends" all_ended

# ---- the service stops during a last batch; the nightly run is killed ----
round $CALLS
wait "$PRESSER"
msleep "$(rnd 0 1500)"
webd=$(cat "$STATE/var/run/webd.pid")
kill -TERM "$webd"
i=0
while kill -0 "$webd" 2>/dev/null && [ $i -lt 300 ]; do sleep 0.1; i=$((i + 1)); done
check "the service stops (the dialer closes its calls)" sh -c "! kill -0 $webd 2>/dev/null"
for p in $SIPP_PIDS; do kill "$p" 2>/dev/null; done
SIPP_PIDS=
check_eq "  no order is left open" "$($DUMP "$STATE/db" --unfinished)" ""
# Nightly runs (with their hot backup) killed: the first once it has
# settled a call, the others at a random point of their work.
killed=0
for r in 1 2 3; do
	"$BILLING" >"$STATE/nightly$r.out" 2>&1 &
	nightly=$!
	if [ $r = 1 ]; then
		i=0
		while ! grep -q 'info: settled ' "$STATE/nightly$r.out" && [ $i -lt 300 ]; do
			sleep 0.01
			i=$((i + 1))
		done
	else
		msleep "$(rnd 5 250)"
	fi
	kill -9 "$nightly" 2>/dev/null && killed=$((killed + 1))
	wait "$nightly" 2>/dev/null
	sed -n 's/^\(billing: .*\)/# run '"$r"' finished first: \1/p' "$STATE/nightly$r.out"
done
echo "# the nightly run was killed $killed times of 3"
PLACED=$(grep -c ' 303$' "$STATE/pressed")
echo "# $(wc -l <"$STATE/pressed") presses, $PLACED calls placed"
timeout -s KILL 60 "$BILLING" -B >"$STATE/run1" 2>&1
check_eq "the nightly run after the kills: everything consistent" "$?" 0
sed -n 's/^billing: /# billing: /p' "$STATE/run1"
grep '^discrepancy' "$STATE/run1" | head -5 | sed 's/^/# /'
timeout -s KILL 60 "$BILLING" -B >"$STATE/run2" 2>&1
check_eq "a second run: consistent too" "$?" 0
check "  and settles nothing" contains "$STATE/run2" "billing: 0 settled, 0 holds released"

# ---- exactly once, at the CDR's price, balance = ledger, nothing held ----
$ADMIN ledger kim@example.com >"$STATE/ledger"
$DUMP "$STATE/db" --states >"$STATE/orders"
orders=$(wc -l <"$STATE/orders")
cat "$STATE/pressed" | sed "s/^/# pressed: /"
check "calls were placed and taken ($PLACED pressed, $orders orders)" [ "$orders" -ge 5 ]
once=0 priced=0 withcdr=0
while read -r id st; do
	[ "$($DUMP "$STATE/db" "$id" | sed -n 's/^cdrs //p')" = 1 ] || continue
	withcdr=$((withcdr + 1))
	$DUMP "$STATE/db" "$id" | sed -n 's/^cdr cause=//p' >>"$STATE/causes"
	n=$(awk -F'\t' -v c="call:$id" '$3 == c && $4 == "charge"' "$STATE/ledger" | wc -l)
	[ "$n" = 1 ] && once=$((once + 1))
	got=$(awk -F'\t' -v c="call:$id" '$3 == c && $4 == "charge" {print -$5}' "$STATE/ledger")
	set -- $($DUMP "$STATE/db" "$id" |
		/usr/bin/python3 "$CALLCARD_ROOT/tests/e2e/t760-price.py" 82:7:30:1:1:0,8210:11:90:6:6:20)
	[ "$got" = "$5" ] && priced=$((priced + 1)) || echo "# $id: charged '$got', CDR price $5"
done <"$STATE/orders"
echo "# calls ended: $(sort "$STATE/causes" | uniq -c | tr -s ' ' | tr '\n' ',')"
check_eq "every order has its one CDR" "$withcdr" "$orders"
check_eq "every call charged exactly once" "$once" "$withcdr"
check_eq "every charge is its CDR's price" "$priced" "$withcdr"
check_eq "no call charged that has no order" \
	"$(awk -F'\t' '$4 == "charge"' "$STATE/ledger" | wc -l)" "$withcdr"
sum=$(awk -F'\t' 'NR > 1 {s += $5} END {print s}' "$STATE/ledger")
$ADMIN balance kim@example.com >"$STATE/balance"
check_eq "the balance equals the sum of the ledger" \
	"$(sed -n 's/^balance \([-0-9]*\).*/\1/p' "$STATE/balance")" "$sum"
check_eq "no credit stays held" "$(sed -n 's/^held \([-0-9]*\).*/\1/p' "$STATE/balance")" 0
check_eq "no call counts as in progress" "$(sed -n 's/^calls \([0-9]*\).*/\1/p' "$STATE/balance")" 0
