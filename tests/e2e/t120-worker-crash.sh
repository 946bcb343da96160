# t120-worker-crash.sh: kill -9 FastCGI workers in the middle of a burst of
# sign-ups. The service keeps answering (within 2 s), no process hangs on
# locks a dead worker held, and every sign-up that got its success page is
# still there after a crash of everything and a restart with recovery.
. "$CALLCARD_ROOT/tests/lib/harness.sh"
instance_start

signup_loop() { # worker-number count
	jar="$STATE/jar.$1"
	: >"$STATE/ok.$1"
	i=0
	while [ $i -lt "$2" ]; do
		i=$((i + 1))
		rm -f "$jar"
		curl -s -o "$STATE/page.$1" -b "$jar" -c "$jar" "$BASE/signup" || continue
		tok=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$STATE/page.$1" | head -n 1)
		code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -c "$jar" \
			--data-urlencode "csrf=$tok" --data-urlencode "name=Burst $1-$i" \
			--data-urlencode "email=burst$1-$i@example.com" --data-urlencode "phone=010 1234 5678" \
			--data-urlencode "password=burst password $1" --data-urlencode "password2=burst password $1" \
			"$BASE/signup")
		[ "$code" = 303 ] && echo "burst$1-$i@example.com" >>"$STATE/ok.$1"
	done
}

loops=""
for w in 1 2 3 4; do
	signup_loop $w 12 &
	loops="$loops $!"
done
webd=$(cat "$STATE/var/run/webd.pid")
kills=0
answered_fast=1
sleep 0.5
for round in 1 2 3; do
	victim=$(pgrep -P "$webd" -f account.fcgi | head -n 1)
	[ -n "$victim" ] && kill -9 "$victim" && kills=$((kills + 1))
	start=$(date +%s%N)
	until curl -fs -o /dev/null "$BASE/signup"; do
		sleep 0.05
		[ $(( ($(date +%s%N) - start) / 1000000 )) -gt 2000 ] && break
	done
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	[ "$ms" -le 2000 ] || answered_fast=0
	sleep 0.4
done
wait $loops
check_eq "three workers were killed mid-burst" "$kills" 3
check_eq "the service answered within 2 s after each kill" "$answered_fast" 1
workers=$(pgrep -P "$webd" -f account.fcgi | wc -l)
check_eq "dead workers were replaced" "$workers" 4
check "webd logged the deaths" grep -q "killed by signal 9" "$STATE/var/log/webd.log"

cat "$STATE"/ok.* >"$STATE/succeeded"
n=$(wc -l <"$STATE/succeeded")
check "most sign-ups succeeded ($n of 48)" test "$n" -ge 30

instance_crash_restart
missing=0
while read -r email; do
	w=${email#burst}
	w=${w%%-*}
	rm -f "$JAR"
	get_token /login
	post_form /login "email=$email" "password=burst password $w"
	[ "$STATUS" = 303 ] || { missing=$((missing + 1)); echo "# lost: $email ($STATUS)"; }
done <"$STATE/succeeded"
check_eq "every confirmed sign-up survives a crash and recovery" "$missing" 0
get_token /signup
post_form /signup "name=After" "email=after@example.com" "phone=010 1234 5678" \
	"password=after the crash" "password2=after the crash"
check_eq "sign-up works after recovery" "$STATUS" 303
