# t300-cards.sh: every card action through nginx, with what the database
# holds checked after each (tests/tools/card_dump): the quick maker, the
# full editor's two steps, the live card, edit (renew), default, delete,
# the vCard parsed back field by field and the QR code.
. "$CALLCARD_ROOT/tests/lib/harness.sh"
instance_start
dump() { "$CALLCARD_BUILD/tests/tools/card_dump" "$STATE/db" "$@"; }
field() { dump card "$1" | sed -n "s/^$2=//p"; }
# poll_live PATH TEXT [absent]: the live page shows (or stops showing) TEXT
# within 1.5 s (nginx may serve a copy up to a second old).
poll_live() {
	i=0
	while [ $i -lt 15 ]; do
		req GET "$1"
		if [ -z "${3:-}" ]; then contains "$STATE/body" "$2" && return 0
		else contains "$STATE/body" "$2" || return 0; fi
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
# live_now PATH TEXT: the live page shows TEXT on the first request (the
# card program drops nginx's copy on every save).
live_now() { req GET "$1"; contains "$STATE/body" "$2"; }
"$CALLCARD_BUILD/tests/tools/make_image" png 240 96 "$STATE/logo.png"

get_token /signup
post_form /signup "name=Kim Minjun" "email=kim@example.com" "phone=010 1234 5678" \
	"password=long pass phrase" "password2=long pass phrase"
check_eq "owner signs up" "$STATUS" 303

req GET /make
check_eq "the makers page" "$STATUS" 200
check "it offers both makers" contains "$STATE/body" "/make/quick"
req GET /make/quick
check_eq "the gallery" "$STATUS" 200
samples=$(grep -c 'class="sample"' "$STATE/body")
check "the gallery shows at least 8 designs ($samples)" [ "$samples" -ge 8 ]

# ---- quick maker ----
get_token /make/quick
post_form /make/quick design=forest "name=Kim Minjun" company=Hanbit title=Manager \
	"office=02-6200-6200" "mobile=010 1234 5678" lang=en
check_eq "quick maker makes a card" "$STATUS" 303
check_eq "and goes to My cards" "$(location)" "/cards?made=1"
check_eq "card 1 is live" "$(field 1 state)" "live"
check_eq "card 1 has the chosen design" "$(field 1 design)" "forest"
check_eq "card 1 belongs to member 1" "$(field 1 owner)" "1"
dump buttons 1 | cut -d' ' -f2- | sort >"$STATE/b1"
check_eq "quick card: one phone button per number, stored" "$(cat "$STATE/b1" | tr '\n' '|')" \
	"mobile phone owner +821012345678 live|office phone owner +82262006200 live|"
tok1=$(field 1 token)
check "the card link is long and random" [ "${#tok1}" -eq 43 ]
req GET "/c/$tok1"
check_eq "live card answers" "$STATUS" 200
check "live card shows the name" contains "$STATE/body" "Kim Minjun"
for b in $(dump buttons 1 | cut -d' ' -f1); do
	check "call button $b links to its call page" contains "$STATE/body" "href=\"/call/$b\""
done
check_eq "the live card is the default" "$(dump default 1)" "1"
req GET /cards
check "My cards lists the card with its link" contains "$STATE/body" "/c/$tok1"

# ---- full editor, step 1: contents and call part ----
get_token /make/editor
check "the editor has a checkbox per item" contains "$STATE/body" 'name="show_address"'
req POST /make/editor -F "csrf=$TOKEN" -F "name=Kim Minjun" -F show_company=1 -F "company=Hanbit Trading" \
	-F show_dept=1 -F "dept=Overseas Sales" -F show_title=1 -F "title=Manager" \
	-F show_address=1 -F postcode=04524 -F "address=110 Sejong-daero, Jung-gu" \
	-F show_fax=1 -F "fax=02-6200-6201" -F show_email=1 -F email=kim@example.com \
	-F show_web=1 -F web=hanbit.example.com -F show_logo=1 -F "logo=@$STATE/logo.png;type=image/png" \
	-F "office=02-6200-6200" -F office_modes=both -F office_payer=split \
	-F "mobile=010-1234-5678" -F mobile_modes=pc -F mobile_payer=recipient \
	-F button_style=green -F lang=ko
check_eq "Next makes a draft" "$STATUS" 303
check_eq "and opens the design step" "$(location)" "/make/design?id=2"
check_eq "card 2 is a draft" "$(field 2 state)" "draft"
dump buttons 2 | cut -d' ' -f2- | sort >"$STATE/b2"
check_eq "draft: one button per number and mode, with payers" "$(cat "$STATE/b2" | tr '\n' '|')" \
	"mobile pc recipient +821012345678 live|office pc split +82262006200 live|office phone split +82262006200 live|"
logo=$(field 2 logo)
check "the logo got a safe stored name ($logo)" sh -c "echo '$logo' | grep -Eq '^[A-Za-z0-9_-]{22}\\.png$'"
req GET "/uploads/$logo"
check_eq "the logo is served by nginx" "$STATUS" 200
check "as a PNG" grep -qi '^content-type: image/png' "$STATE/head"
tok2=$(field 2 token)
req GET "/c/$tok2"
check_eq "a draft has no public card yet" "$STATUS" 404

# ---- step 2: the look, then "Design complete" ----
get_token /make/design?id=2
check "the design step previews the draft" contains "$STATE/body" 'class="bizcard'
req POST "/make/design?id=2" -F "csrf=$TOKEN" -F layout=split -F align=left -F "bg=#fefce8" \
	-F pattern=dots -F "color=#1f2937" -F "accent=#166534" -F font=serif -F size=l -F bold=1 \
	-F underline=1 -F links=1 -F "text1=Open weekdays 9-18" -F "image1=@$STATE/logo.png;type=image/png"
check_eq "Design complete saves" "$STATUS" 303
check_eq "and goes to My cards" "$(location)" "/cards?saved=2"
check_eq "card 2 is live" "$(field 2 state)" "live"
check_eq "card 2 keeps the look" "$(field 2 layout) $(field 2 bg) $(field 2 font) $(field 2 bold)" "split #fefce8 serif 1"
check "card 2 has its inserted image" [ -n "$(field 2 image1)" ]
check "the live card shows the design" poll_live "/c/$tok2" "lay-split"
check "in Korean" contains "$STATE/body" "PC로 전화하기"
check "with the text box" contains "$STATE/body" "Open weekdays 9-18"
check "with links" contains "$STATE/body" 'href="mailto:kim@example.com"'
calls=$(grep -c 'href="/call/' "$STATE/body")
check_eq "with three call buttons" "$calls" 3

# ---- edit (renew): the live card changes, button ids stay where they can ----
office_phone=$(dump buttons 2 | awk '$2 == "office" && $3 == "phone" {print $1}')
get_token "/make/editor?id=2"
check "the editor opens with the card's contents" contains "$STATE/body" 'value="Overseas Sales"'
req POST "/make/editor?id=2" -F "csrf=$TOKEN" -F "name=Kim Minjun" -F show_company=1 -F "company=Hanbit Trading" \
	-F show_title=1 -F "title=Director" -F "office=02-6200-6200" -F office_modes=phone -F office_payer=owner \
	-F "mobile=" -F mobile_modes=pc -F mobile_payer=recipient -F button_style=blue -F lang=en
check_eq "edit saves" "$STATUS" 303
check_eq "version went up" "$(field 2 version)" "3"
dump buttons 2 | sort >"$STATE/b2e"
check_eq "the office phone button keeps its id" \
	"$(awk '$5 == "live" || $6 == "live" {print $1, $2, $3, $4}' "$STATE/b2e")" "$office_phone office phone owner"
check_eq "the dropped buttons are retired, not deleted" "$(grep -c ' retired$' "$STATE/b2e")" 2
check "the live card shows the edit at once" live_now "/c/$tok2" "Director"
check "the old title is gone" poll_live "/c/$tok2" "Manager" absent
check_eq "one call button left" "$(grep -c 'href="/call/' "$STATE/body")" 1
check "it links to the kept id" contains "$STATE/body" "href=\"/call/$office_phone\""
check "the look stayed" contains "$STATE/body" "lay-split"

# ---- vCard, parsed back ----
req GET "/c/$tok2/vcard"
check_eq "vCard download" "$STATUS" 200
check "as text/vcard" grep -qi '^content-type: text/vcard' "$STATE/head"
check "as an attachment" grep -qi '^content-disposition: attachment' "$STATE/head"
/usr/bin/python3 - "$STATE/body" >"$STATE/vcf" <<'PY'
import sys
raw = open(sys.argv[1], 'rb').read().decode('utf-8')
assert raw.endswith('\r\n'), 'CRLF line ends'
lines = raw.split('\r\n')[:-1]
assert all(len(l.encode()) <= 75 for l in lines), 'folded at 75 octets'
out = []
for l in lines:
    if l.startswith(' '):
        out[-1] += l[1:]
    else:
        out.append(l)
for l in out:
    head, value = l.split(':', 1)
    print(head + '=' + value)
PY
check_eq "vCard parses" "$?" 0
check "BEGIN:VCARD" grep -qx 'BEGIN=VCARD' "$STATE/vcf"
check "VERSION 4.0" grep -qx 'VERSION=4.0' "$STATE/vcf"
check "FN is the name" grep -qx 'FN=Kim Minjun' "$STATE/vcf"
check "ORG is the company" grep -qx 'ORG=Hanbit Trading' "$STATE/vcf"
check "TITLE is the new title" grep -qx 'TITLE=Director' "$STATE/vcf"
check "TEL is the office number" grep -qx 'TEL;VALUE=uri;TYPE="work,voice"=tel:+82262006200' "$STATE/vcf"
check "no mobile after it was removed" sh -c "! grep -q cell '$STATE/vcf'"
check "SOURCE is the card's link" grep -q "^SOURCE=.*/c/$tok2/vcard\$" "$STATE/vcf"
check "END:VCARD" grep -qx 'END=VCARD' "$STATE/vcf"

# ---- QR code ----
req GET "/c/$tok2/qr.png"
check_eq "QR code" "$STATUS" 200
check "is a PNG" sh -c "head -c 8 '$STATE/body' | od -An -tx1 | grep -q '89 50 4e 47 0d 0a 1a 0a'"

# ---- default, delete ----
get_token /cards
post_form /cards/default id=2
check_eq "set default" "$STATUS" 303
check_eq "the default is card 2" "$(dump default 1)" "2"
get_token /cards
post_form /cards/delete id=1
check_eq "delete" "$STATUS" 303
check "card 1 is gone from the database" sh -c "! '$CALLCARD_BUILD/tests/tools/card_dump' '$STATE/db' card 1 2>/dev/null"
check_eq "its buttons are retired" "$(dump buttons 1 | grep -c ' live$')" 0
check "its link answers 404 within a second" poll_live "/c/$tok1" "There is no card at this link"
check_eq "with status 404" "$STATUS" 404
req GET /cards
check "My cards no longer lists it" sh -c "! grep -q '/c/$tok1' '$STATE/body'"
check_eq "database: one card, one link left" "$(dump count | cut -d' ' -f1-2,5-6)" "cards 1 links 1"
