# t130-accounts-browser.sh: the account flow in headless Chromium.
. "$CALLCARD_ROOT/tests/lib/harness.sh"
instance_start
BASE=$BASE node "$CALLCARD_ROOT/tests/browser/accounts.js"
