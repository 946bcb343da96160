# t310-cards-bad-input.sh: bad input to the card pages gets a clear message
# and changes nothing: markup in fields, numbers that are not phone numbers,
# a card without a call button, unknown choices and colours, bad uploads
# (mislabelled, truncated, too many pixels, too large for us or for nginx),
# someone else's card (403), unknown links (404), a missing form token.
. "$CALLCARD_ROOT/tests/lib/harness.sh"
instance_start
dump() { "$CALLCARD_BUILD/tests/tools/card_dump" "$STATE/db" "$@"; }
field() { dump card "$1" | sed -n "s/^$2=//p"; }
tools="$CALLCARD_BUILD/tests/tools"
"$tools/make_image" png 240 96 "$STATE/logo.png"

signup() { # email
	rm -f "$JAR"
	get_token /signup
	post_form /signup "name=Owner $1" "email=$1" "phone=010 1234 5678" \
		"password=long pass phrase" "password2=long pass phrase"
}
signup a@example.com
get_token /make/quick
post_form /make/quick design=classic "name=<script>alert(1)</script>" \
	"company=<img src=x onerror=alert(2)>" "office=02-6200-6200" lang=en
check_eq "a card with markup in its fields is made" "$STATUS" 303
tok=$(field 1 token)
req GET "/c/$tok"
check "markup in the name is escaped" contains "$STATE/body" "&lt;script&gt;alert(1)&lt;/script&gt;"
check "markup in the company is escaped" contains "$STATE/body" "&lt;img src=x onerror=alert(2)&gt;"
check "no raw script tag" sh -c "! grep -q '<script>alert' '$STATE/body'"
req GET /cards
check "My cards escapes it too" contains "$STATE/body" "&lt;script&gt;alert(1)&lt;/script&gt;"
before=$(dump count)

get_token /make/quick
post_form /make/quick design=classic "name=Kim" "office=call me maybe" lang=en
check_eq "a number that is not a phone number: 422" "$STATUS" 422
check "with a message at the field" contains "$STATE/body" "Office number"
check "the input is kept" contains "$STATE/body" 'value="call me maybe"'
post_form /make/quick design=classic "name=Kim" "office=" "mobile=" lang=en
check_eq "no number at all: 422" "$STATUS" 422
check "a card needs a call button" contains "$STATE/body" "a card needs a call button"
post_form /make/quick "design=../../etc/passwd" "name=Kim" "office=02-6200-6200" lang=en
check_eq "an unknown design: 422" "$STATUS" 422
check "says to choose an offered design" contains "$STATE/body" "Choose one of the offered designs."
post_form /make/quick design=classic "name=Kim" "office=02-6200-6200" lang=xx
check_eq "an unknown language: 422" "$STATUS" 422
req POST /make/quick --data-urlencode "design=classic" --data-urlencode "name=Kim" --data-urlencode "office=02-6200-6200"
check_eq "no form token: 403" "$STATUS" 403
check_eq "nothing was stored by any of these" "$(dump count)" "$before"

# ---- the full editor's checks ----
editor() { # extra curl args...
	get_token /make/editor
	req POST /make/editor -F "csrf=$TOKEN" -F "name=Kim" -F "office=02-6200-6200" -F office_modes=phone \
		-F office_payer=owner -F mobile_modes=phone -F mobile_payer=owner -F button_style=blue \
		-F lang=en "$@"
}
editor -F show_email=1 -F "email="
check_eq "a ticked item left empty: 422" "$STATUS" 422
check "says to fill it in or untick it" contains "$STATE/body" "E-mail is ticked: fill it in, or untick it."
editor -F office_modes=fax
check_eq "an unknown call mode: 422" "$STATUS" 422
editor -F office_payer=nobody
check_eq "an unknown fee payer: 422" "$STATUS" 422
editor -F show_web=1 -F "web=javascript:alert(1)"
check_eq "a javascript: home page: 422" "$STATUS" 422
check "says what a web address is" contains "$STATE/body" "is not a web address"
editor -F "fax=12" -F show_fax=1
check_eq "a fax that is not a number: 422" "$STATUS" 422
printf 'this is plain text, not a picture' >"$STATE/fake.png"
editor -F show_logo=1 -F "logo=@$STATE/fake.png;type=image/png"
check_eq "a text file labelled image/png: 422" "$STATUS" 422
check "says it is not an image" contains "$STATE/body" "is not a PNG, JPEG, GIF or WebP image"
head -c 300 "$STATE/logo.png" >"$STATE/cut.png"
editor -F show_logo=1 -F "logo=@$STATE/cut.png;type=image/png"
check_eq "a truncated PNG: 422" "$STATUS" 422
check "says it was cut short" contains "$STATE/body" "was cut short"
# A PNG whose header claims 20000 x 20000 pixels (a decompression bomb).
/usr/bin/python3 - "$STATE/logo.png" "$STATE/bomb.png" <<'PY'
import struct, sys, zlib
d = bytearray(open(sys.argv[1], 'rb').read())
d[16:24] = struct.pack('>II', 20000, 20000)
d[29:33] = struct.pack('>I', zlib.crc32(bytes(d[12:29])))
open(sys.argv[2], 'wb').write(d)
PY
editor -F show_logo=1 -F "logo=@$STATE/bomb.png;type=image/png"
check_eq "too many pixels: 422" "$STATUS" 422
check "says so" contains "$STATE/body" "too many pixels"
# 3 MB: under nginx's limit, over ours.
{ head -c 1024 "$STATE/logo.png"; head -c 3000000 /dev/zero; } >"$STATE/big.png"
editor -F show_logo=1 -F "logo=@$STATE/big.png;type=image/png"
check_eq "an image over 2 MB: 422" "$STATUS" 422
check "says it is too large" contains "$STATE/body" "is larger than 2 MB"
head -c 6000000 /dev/zero >"$STATE/huge.png"
editor -F show_logo=1 -F "logo=@$STATE/huge.png;type=image/png"
check_eq "an upload over nginx's limit: 413" "$STATUS" 413
check_eq "nothing was stored by any of these" "$(dump count)" "$before"
check "no image file was kept" sh -c "[ -z \"\$(ls -A '$STATE/var/uploads' 2>/dev/null)\" ]"

# ---- the design step's checks ----
get_token "/make/design?id=1"
req POST "/make/design?id=1" -F "csrf=$TOKEN" -F layout=left -F align=left -F "bg=red;background:url(x)" \
	-F pattern=none -F "color=#000000" -F "accent=#000000" -F font=sans -F size=m
check_eq "a colour that is not #rrggbb: 422" "$STATUS" 422
req POST "/make/design?id=1" -F "csrf=$TOKEN" -F layout=left -F align=left -F "bg=#ffffff" \
	-F pattern=none -F "color=#000000" -F "accent=#000000" -F "font=Comic; x" -F size=m
check_eq "an unknown font: 422" "$STATUS" 422
check_eq "the card is unchanged (version 1)" "$(field 1 version)" "1"

# ---- someone else's card ----
signup b@example.com
req GET "/make/editor?id=1"
check_eq "editing another member's card: 403" "$STATUS" 403
check "with a clear message" contains "$STATE/body" "belongs to another member"
get_token /make/quick
req POST "/make/editor?id=1" -F "csrf=$TOKEN" -F "name=Mallory" -F "office=02-1111-2222" \
	-F office_modes=phone -F office_payer=owner -F mobile_modes=phone -F mobile_payer=owner \
	-F button_style=blue -F lang=en
check_eq "saving over another member's card: 403" "$STATUS" 403
req POST "/make/design?id=1" -F "csrf=$TOKEN" -F layout=left -F align=left -F "bg=#000000" \
	-F pattern=none -F "color=#ffffff" -F "accent=#ffffff" -F font=sans -F size=m
check_eq "designing another member's card: 403" "$STATUS" 403
post_form /cards/delete id=1
check_eq "deleting another member's card: 403" "$STATUS" 403
post_form /cards/default id=1
check_eq "making it one's default: 403" "$STATUS" 403
post_form /cards/delete id=999
check_eq "deleting a card that does not exist: 404" "$STATUS" 404
post_form /cards/delete id=abc
check_eq "a malformed id: 404" "$STATUS" 404
check_eq "the card is unchanged" "$(field 1 name) $(field 1 version) $(field 1 owner)" "<script>alert(1)</script> 1 1"
check_eq "nothing was stored" "$(dump count)" "$before"

# ---- unknown links ----
req GET /c/nothing
check_eq "a short unknown link: 404" "$STATUS" 404
check "says there is no card" contains "$STATE/body" "There is no card at this link"
req GET "/c/$(printf 'A%.0s' $(seq 43))"
check_eq "a well-formed unknown link: 404" "$STATUS" 404
req GET "/c/$tok/other"
check_eq "an unknown part of a card: 404" "$STATUS" 404
req GET "/uploads/../db/open.lock"
check_eq "no way out of the uploads directory" "$STATUS" 404
req GET /cards/nothing
check_eq "an unknown cards page: 404" "$STATUS" 404
rm -f "$JAR"
req GET /cards
check_eq "My cards needs a login" "$STATUS" 303
check_eq "and sends to the login page" "$(location | cut -c1-7)" "/login?"
