# t400-mailq.sh: the mail queue drained by sbin/mailq through msmtp to a
# real SMTP server on loopback: headers, both parts, permanent refusals,
# the completion notice, a server that is down for a while, and kill -9 of
# the queue runner in the middle of a large sending (each recipient gets
# exactly one message).
. "$CALLCARD_ROOT/tests/lib/harness.sh"
instance_start
TOOL="$CALLCARD_BUILD/tests/tools/mail_enqueue"
CHECKMAIL="/usr/bin/python3 $CALLCARD_ROOT/tests/tools/mailcheck.py"

get_token /signup
post_form /signup "name=Owner Person" "email=owner@example.com" "phone=010 1234 5678" \
	"password=owner password" "password2=owner password"
check_eq "owner signs up" "$STATUS" 303

# A sending of three, one to a mailbox the server refuses.
"$TOOL" send 1 2 "friend%d@example.com" "Cards & calls: 명함 ☎" >/dev/null
"$TOOL" send 1 1 "nobody%d@refused.example" "Refused one" >/dev/null
check "four messages arrive (two cards, two notices)" wait_mail 4 20
$CHECKMAIL "$MAILDIR" >"$STATE/mails.json"
card=$(grep '"friend1@example.com"' "$STATE/mails.json" | head -n 1)
printf "%s\n" "$card" >"$STATE/card.json"
field() { /usr/bin/python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$STATE/card.json" "$1"; }
check_eq "envelope recipient" "$(field rcpt)" "['friend1@example.com']"
check_eq "From is the service" "$(field from)" "callcard <callcard@callcard.localhost>"
check_eq "Reply-To is the owner" "$(field reply_to)" "Owner Person <owner@example.com>"
check_eq "UTF-8 subject survives encoding" "$(field subject)" "Cards & calls: 명함 ☎"
check_eq "List-Unsubscribe-Post (RFC 8058)" "$(field list_unsubscribe_post)" "List-Unsubscribe=One-Click"
check_eq "List-Unsubscribe" "$(field list_unsubscribe)" "<http://127.0.0.1/unsubscribe/x>"
check_eq "text part" "$(field text)" "Message 1 of 2."
check_eq "html part" "$(field html)" "<p>Hello</p>"
check "message ids are unique" test "$(grep -o '"message_id": "[^"]*"' "$STATE/mails.json" | sort -u | wc -l)" -eq 4
grep '"owner@example.com"' "$STATE/mails.json" | grep 'Refused one' >"$STATE/notice1"
check "the owner's notice reports the refusal" grep -q 'nobody1@refused.example: NOT delivered - ' "$STATE/notice1"
grep '"owner@example.com"' "$STATE/mails.json" | grep 'Cards & calls' >"$STATE/notice2"
check "the owner's notice lists who got it" grep -q 'friend2@example.com: delivered' "$STATE/notice2"
check "the notice links the sending's status page" grep -q "/sends/1\\\\n" "$STATE/notice2"
check "refused recipient is failed in the queue" sh -c "'$TOOL' list | grep -q ' failed 1 nobody1@refused.example'"

# Header injection never reaches the queue.
if "$TOOL" send 1 1 "x%d@example.com" "$(printf 'Hi\r\nBcc: victim@example.com')" 2>"$STATE/err"; then
	not_ok "a subject with a line break is refused"
else
	ok "a subject with a line break is refused"
fi
check "and says why" grep -q "line break" "$STATE/err"
if "$TOOL" send 1 1 "a%d@example.com, b@example.com" "Two" 2>/dev/null; then
	not_ok "an address list is refused"
else
	ok "an address list is refused"
fi

# The server goes away for a while: messages wait, then go out.
sink_stop
before=$(mail_count)
"$TOOL" send 1 3 "later%d@example.com" "While down" >/dev/null
sleep 2.5
check "nothing is lost while the server is down" sh -c "'$TOOL' list | grep 'later' | grep -c queued | grep -qx 3"
check "and each was tried" sh -c "'$TOOL' list | grep later1 | awk '{exit !(\$3 >= 1)}'"
sink_start
check "waiting messages go out when the server is back" wait_mail $((before + 4)) 30

# kill -9 the queue runner during a sending of 500.
before=$(mail_count)
"$TOOL" send 1 500 "bulk%d@example.com" "Bulk" >/dev/null
webd=$(cat "$STATE/var/run/webd.pid")
kills=0
pending_at_kill=0
for round in 1 2 3 4; do
	sleep 0.5
	i=0
	victim=
	while [ -z "$victim" ] && [ $i -lt 30 ]; do
		victim=$(pgrep -P "$webd" -f sbin/mailq | head -n 1)
		[ -n "$victim" ] || sleep 0.1
		i=$((i + 1))
	done
	[ "$(mail_count)" -lt $((before + 500)) ] && pending_at_kill=$((pending_at_kill + 1))
	[ -n "$victim" ] && kill -9 "$victim" && kills=$((kills + 1))
done
check "it was killed while the sending was under way" test "$pending_at_kill" -ge 2
check_eq "the queue runner was killed four times" "$kills" 4
check "all 500 and the notice arrive after restarts" wait_mail $((before + 501)) 120
sleep 1
cat "$MAILDIR"/*.rcpt | grep '^bulk' | sort >"$STATE/bulk"
check_eq "each bulk recipient got exactly one message" "$(sort -u "$STATE/bulk" | wc -l) $(wc -l <"$STATE/bulk")" "500 500"
check "the queue holds no bulk entry still waiting" sh -c "! '$TOOL' list | grep bulk | grep -qv ' sent '"
