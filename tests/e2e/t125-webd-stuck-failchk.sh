# t125-webd-stuck-failchk.sh: a process killed while it holds a mutex of
# the database's lock region. Berkeley DB's failchk then spins forever
# instead of answering "run recovery"; webd gives it a time limit, takes
# that as the answer and restarts everything with recovery. The service
# answers again, database tools open it again, and nothing committed is
# lost. The process is stopped at the exact point under gdb, then killed.
. "$CALLCARD_ROOT/tests/lib/harness.sh"
instance_start
ADMIN="$CALLCARD_BUILD/sbin/callcard-admin"
webd=$(cat "$STATE/var/run/webd.pid")

member_with_card "Stuck Test" stuck@example.com forest
"$ADMIN" credit stuck@example.com 1234 "before the crash" >/dev/null
check "a member with a credit exists before the crash" \
	sh -c "'$ADMIN' balance stuck@example.com | grep -q '^balance 1234'"

# crash_in_lock_region ROUND: run a database tool under gdb, stop it where
# it holds the lock region's lockers mutex (__lock_getlocker_int runs with
# it held), kill it, and wait until webd has restarted with recovery.
crash_in_lock_region() {
	before=$(grep -c "restarting" "$STATE/var/log/webd.log")
	gdb -q -batch -ex 'set breakpoint pending on' -ex 'break __lock_getlocker_int' -ex run \
		-ex 'shell sleep 60' --args "$ADMIN" balance stuck@example.com >"$STATE/gdb.out" 2>&1 &
	gdbpid=$!
	i=0
	until grep -q "^Breakpoint 1," "$STATE/gdb.out" || [ $i -ge 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	check "round $1: the tool stopped inside the lock subsystem" grep -q "^Breakpoint 1," "$STATE/gdb.out"
	victim=$(pgrep -f "^$ADMIN balance stuck@example.com" | head -n 1)
	[ -n "$victim" ] && kill -9 "$victim"
	kill -9 "$gdbpid" 2>/dev/null
	wait "$gdbpid" 2>/dev/null
	i=0
	until [ "$(grep -c "restarting" "$STATE/var/log/webd.log")" -gt "$before" ] || [ $i -ge 600 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	check "round $1: webd restarted with recovery" \
		test "$(grep -c "restarting" "$STATE/var/log/webd.log")" -gt "$before"
	check_eq "round $1: webd is the same process after re-executing itself" \
		"$(cat "$STATE/var/run/webd.pid")" "$webd"
	i=0
	until curl -fs -o /dev/null "$BASE/login" || [ $i -ge 300 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	check "round $1: the service answers again" curl -fs -o /dev/null "$BASE/login"
	check "round $1: a database tool opens it again and the credit is there" \
		sh -c "timeout 30 '$ADMIN' balance stuck@example.com | grep -q '^balance 1234'"
}
crash_in_lock_region 1
crash_in_lock_region 2
crash_in_lock_region 3
# Which way failchk took: it answered DB_RUNRECOVERY, or it spun and
# webd's time limit stopped it (both end in the same recovery).
echo "# answered: $(grep -c "database needs recovery" "$STATE/var/log/webd.log"), stuck: $(grep -c "failchk is stuck" "$STATE/var/log/webd.log")"
get_token /login
post_form /login email=stuck@example.com "password=long pass phrase"
check_eq "the member logs in after the recovery" "$STATUS" 303
instance_stop
