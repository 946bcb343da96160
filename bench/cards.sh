# cards.sh: requests/s of a live card page (/c/<token>, through nginx and
# its one-second cache in front of livecard.fcgi) next to nginx serving the
# same page as a static file, in the same run, with the ratio; then how
# soon an edit shows on the live card while it is under load.
. "$CALLCARD_ROOT/tests/lib/harness.sh"
DURATION=${DURATION:-5}
instance_start
dump() { "$CALLCARD_BUILD/tests/tools/card_dump" "$STATE/db" "$@"; }

member_with_card "Bench Mark" bench@example.com ocean
[ "$STATUS" = 303 ] || { echo "could not make a card ($STATUS)"; exit 1; }
tok=$(dump card 1 | sed -n 's/^token=//p')
live="$BASE/c/$tok"

rps() { wrk -t2 -c32 -d"${DURATION}s" "$1" | awk '/Requests\/sec/ {printf "%d", $2}'; }

copy="bench-cards-$$.html"
curl -s "$live" >"$CALLCARD_ROOT/static/$copy"
size=$(wc -c <"$CALLCARD_ROOT/static/$copy")
dyn=$(rps "$live")
sta=$(rps "$BASE/static/$copy")
rm -f "$CALLCARD_ROOT/static/$copy"
echo "live card: wrk -t2 -c32 -d${DURATION}s on loopback, $(nproc) cores"
awk -v d="$dyn" -v s="$sta" -v b="$size" 'BEGIN {
	printf "%-26s %8d req/s   static file of %d B: %8d req/s   ratio %.2fx\n", "live card /c/<token>", d, b, s, s / d }'

# An edit under load: the first request after "Design complete" must show it.
wrk -t2 -c32 -d"${DURATION}s" "$live" >/dev/null 2>&1 &
wrkpid=$!
sleep 1
get_token "/make/editor?id=1"
t0=$(date +%s.%N)
req POST "/make/editor?id=1" -F "csrf=$TOKEN" -F "name=Bench Mark" -F show_company=1 -F company=Hanbit \
	-F show_title=1 -F "title=Edited Title" -F "office=02-6200-6200" -F office_modes=phone \
	-F office_payer=owner -F mobile_modes=phone -F mobile_payer=owner -F button_style=blue -F lang=en
n=0
until curl -s "$live" | grep -q "Edited Title"; do
	n=$((n + 1))
	[ $n -gt 100 ] && break
	sleep 0.01
done
t1=$(date +%s.%N)
wait $wrkpid
awk -v a="$t0" -v b="$t1" -v n="$n" 'BEGIN {
	printf "edit under load: the live card showed it %.0f ms after the save was sent (%d stale reads)\n", (b - a) * 1000, n }'
