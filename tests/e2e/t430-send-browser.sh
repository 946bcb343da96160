# t430-send-browser.sh: sending from My cards in headless Chromium, then
# the received HTML rendered as a mail client shows it
# (tests/browser/mail-send.js, tests/browser/mail-render.js).
TEST_CONFIG="Site.BaseURL = https://cards.example"
. "$CALLCARD_ROOT/tests/lib/harness.sh"
instance_start
BASE=$BASE node "$CALLCARD_ROOT/tests/browser/mail-send.js"
# The issued card to its owner, two cards and the notice.
check "the mail arrives" wait_mail 4 20
/usr/bin/python3 "$CALLCARD_ROOT/tests/tools/mailcheck.py" "$MAILDIR" |
	grep '"rcpt": \["min@example.com"\]' |
	/usr/bin/python3 -c 'import json,sys; sys.stdout.write(json.loads(sys.stdin.readline())["html"])' \
		>"$STATE/mail.html"
check "the card mail has an HTML part" test -s "$STATE/mail.html"
MAIL_HTML="$STATE/mail.html" PUBLIC_BASE=https://cards.example \
	node "$CALLCARD_ROOT/tests/browser/mail-render.js"
