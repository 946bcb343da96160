# web.sh: requests/s of the home page and of "My cards" (logged in), each
# next to nginx serving a static file of the same size, in the same run.
. "$CALLCARD_ROOT/tests/lib/harness.sh"
DURATION=${DURATION:-5}
instance_start

get_token /signup
post_form /signup "name=Bench Mark" "email=bench@example.com" "phone=010 1234 5678" \
	"password=bench password" "password2=bench password"
session=$(awk '$6 == "cc_session" {print $7}' "$JAR")

rps() { # url [header]
	if [ -n "${2:-}" ]; then
		wrk -t2 -c32 -d"${DURATION}s" -H "$2" "$1"
	else
		wrk -t2 -c32 -d"${DURATION}s" "$1"
	fi | awk '/Requests\/sec/ {printf "%d", $2}'
}

static_copy() { # url [cookie header] -> path of a static copy under /static/
	name="bench-$$-$(echo "$1" | md5sum | cut -c1-8).html"
	if [ -n "${2:-}" ]; then curl -s -H "$2" "$1"; else curl -s "$1"; fi >"$CALLCARD_ROOT/static/$name"
	echo "$name"
}

report() { # label url [header]
	copy=$(static_copy "$2" "${3:-}")
	size=$(wc -c <"$CALLCARD_ROOT/static/$copy")
	dyn=$(rps "$2" "${3:-}")
	sta=$(rps "$BASE/static/$copy")
	rm -f "$CALLCARD_ROOT/static/$copy"
	awk -v l="$1" -v d="$dyn" -v s="$sta" -v b="$size" 'BEGIN {
		printf "%-26s %8d req/s   static file of %d B: %8d req/s   ratio %.2fx\n", l, d, b, s, s / d }'
}

echo "web pages: wrk -t2 -c32 -d${DURATION}s on loopback, $(nproc) cores"
report "home page" "$BASE/"
report "My cards (logged in)" "$BASE/cards" "Cookie: cc_session=$session"
