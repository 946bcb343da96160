# mail.sh: a 1,000-recipient sending through the real service: how long
# the sending form takes to answer (it renders and queues every message in
# one transaction), and messages per second from the queue through
# sbin/mailq and msmtp to the SMTP sink on loopback. Also the answer time
# of a small sending of 10.
TEST_CONFIG="Mail.MaxRecipients = 1000
Mail.MaxPerDay = 100000"
. "$CALLCARD_ROOT/tests/lib/harness.sh"
N=${N:-1000}
instance_start

member_with_card "Bench Mark" bench@example.com ocean
[ "$STATUS" = 303 ] || { echo "could not make a card ($STATUS)"; exit 1; }
wait_mail 1 20 || { echo "the issued card's mail did not arrive"; exit 1; }

# send_timed COUNT PREFIX: prints the seconds the form took to answer.
send_timed() {
	seq 1 "$1" | sed "s/.*/$2&@example.com/" | paste -sd, - >"$STATE/to"
	get_token /send?id=1
	curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -b "$JAR" -c "$JAR" \
		--data-urlencode "csrf=$TOKEN" --data-urlencode "id=1" --data-urlencode "subject=Bench" \
		--data-urlencode "to@$STATE/to" "$BASE/send"
}

before=$(mail_count)
t0=$(date +%s.%N)
set -- $(send_timed "$N" r)
[ "$1" = 303 ] || { echo "the sending was refused ($1)"; exit 1; }
answer=$2
# N cards and the owner's completion notice.
wait_mail $((before + N + 1)) 300 || { echo "only $(($(mail_count) - before)) of $((N + 1)) arrived"; exit 1; }
t1=$(date +%s.%N)

small=$(for i in 1 2 3 4 5; do send_timed 10 "s$i-" | cut -d' ' -f2; done | sort -n | sed -n 3p)
size=$(ls -l "$MAILDIR"/*.eml | awk 'NR == 2 {print $5}')
echo "mail: $N-recipient sending, $(nproc) cores, Mail.Parallel 4 (default)"
awk -v n="$N" -v a="$answer" -v t0="$t0" -v t1="$t1" -v s="$small" -v b="$size" 'BEGIN {
	printf "%-40s %8.0f ms\n", "sending form answers (" n " recipients)", a * 1000
	printf "%-40s %8.0f ms\n", "sending form answers (10, median of 5)", s * 1000
	printf "%-40s %8.1f s\n", "queue to SMTP sink, all " n + 1 " messages", t1 - t0
	printf "%-40s %8.1f msg/s  (message %d B)\n", "throughput", (n + 1) / (t1 - t0), b }'
