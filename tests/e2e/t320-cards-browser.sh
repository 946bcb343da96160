# t320-cards-browser.sh: both makers, an edit and the live card in headless
# Chromium (tests/browser/cards.js).
. "$CALLCARD_ROOT/tests/lib/harness.sh"
instance_start
"$CALLCARD_BUILD/tests/tools/make_image" png 240 96 "$STATE/logo.png"
"$CALLCARD_BUILD/tests/tools/make_image" jpeg 640 400 "$STATE/photo.jpg"
BASE=$BASE LOGO_PNG="$STATE/logo.png" PHOTO_JPG="$STATE/photo.jpg" \
	node "$CALLCARD_ROOT/tests/browser/cards.js"
