#!/bin/sh
# t760-billing-charges: calls through nginx, the call program, the real
# dialer and SIPp phones with known answer and talk times, settled by
# billing -w under webd, against a rate file with connect fees, per-minute
# prices, increments and a minimum. Each charge in the ledger equals the
# price computed by hand from the CDR's answer and end times (and lies in
# the range the SIPp pauses allow); a split call divides the price; two
# concurrent calls of one payer draw on one credit pool (the second hold
# sees the first); a call is cut at the credit limit and charged no more
# than was held.
. "$CALLCARD_ROOT/tests/lib/harness.sh"
# Its own ports, picked at random: the suite may run twice at once on this
# machine (SIP at PORT_BASE, media and phones up to +299).
PORT_BASE=$((22000 + 300 * $(shuf -i 0-32 -n 1)))
. "$CALLCARD_ROOT/tests/dialer/lib.sh"
. "$CALLCARD_ROOT/tests/e2e/call-lib.sh"

# Card 1's office (+82262006200) rings SIPp slot 0, card 2's office
# (+82262006201) slot 2; recipients 010-8888-... slot 1, 010-7777-... slot 3.
T6_GATEWAYS="$(gw owner 0 +82262006200)
$(gw owner2 2 +82262006201)
$(gw recip 1 +82108888)
$(gw recip2 3 +82107777)"
T6_CONFIG="Billing.SignupMileage = 0
Billing.MinCredit = 10
Billing.SetupSeconds = 10
Billing.MaxCallSeconds = 60
Billing.MaxCalls = 2
Billing.LowBalance = 0"
T6_CREDIT=40
t6_start
t6_owner_with_card

# The rates of this test, and the same by hand below (price()).
#   82    Korea:        7 to connect, 0.30 a minute, per second
#   8210  Korea mobile: 11 to connect, 0.90 a minute, 6/6 s, at least 20
printf 'currency EUR\n82 7 30 1/1 0 - - Korea\n8210 11 90 6/6 20 - - Korea mobile\n' >"$STATE/t.rates"
"$ADMIN" rates load "$STATE/t.rates" >"$STATE/out" 2>&1
check "the test's rate file loads" contains "$STATE/out" "2 rates loaded"

DUMP="$TOOLS/order_dump"
bal() { "$ADMIN" balance "$1" | sed -n "s/^$2 \([-0-9]*\).*/\1/p"; }
# order_for DEST: the order that dialled DEST (+E.164).
order_for() {
	"$DUMP" "$STATE/db" --states | while read -r id st; do
		"$DUMP" "$STATE/db" "$id" | grep -qx "cdr dest=$1" && echo "$id"
	done
}
# charge EMAIL ORDER: what the ledger charged EMAIL for ORDER (positive).
charge() {
	"$ADMIN" ledger "$1" | awk -F'\t' -v c="call:$2" '$3 == c && $4 == "charge" {print -$5}'
}
charges() { "$ADMIN" ledger "$1" | awk -F'\t' -v c="call:$2" '$3 == c && $4 == "charge"' | wc -l; }
# settled EMAIL ORDER: waits (15 s) for the order's charge to EMAIL.
settled() {
	i=0
	while [ -z "$(charge "$1" "$2")" ] && [ $i -lt 150 ]; do sleep 0.1; i=$((i + 1)); done
	[ -n "$(charge "$1" "$2")" ]
}
# price ORDER: "a_seconds b_seconds a_cost b_cost total max" from the
# CDR's answer and end times (ms), priced by hand (t760-price.py) with the
# rates above.
price() {
	"$DUMP" "$STATE/db" "$1" |
		/usr/bin/python3 "$CALLCARD_ROOT/tests/e2e/t760-price.py" 82:7:30:1:1:0,8210:11:90:6:6:20
}
# in_range V LO HI
in_range() { [ "$1" -ge "$2" ] && [ "$1" -le "$3" ]; }

# ---- a call cut at the credit limit ----
# 40 available. The hold prices leg A with the 10 s of setup, and each leg
# one second longer (the cut's milliseconds round up): 5 s of talk holds
# A at 16 s (7 + 8) and B at 6 s (11 + 9 = 20): 35; 6 s would hold
# A at 17 s (16) and B at 7 s, billed 12 (11 + 18 = 29): 45, too much.
# The recipient talks on until cut.
sipp_uas OWNER owner_star 0
sipp_uas RECIP answer_talk_long 1
t6_call_page "$BTN"
t6_press "$BTN" "010-8888-0001"
check_eq "low credit: the call is placed" "$STATUS" 303
CUT=$LOCATION_TOKEN
held_cut=$(bal kim@example.com held)
check_eq "  and 35 of the 40 are held" "$held_cut" 35
t6_watch "$CUT" 40 >/dev/null
check_eq "the call ends at the credit limit" "$(t6_json "$CUT" cause)" credit_limit
check "  the owner's phone saw the whole call" sipp_ok OWNER 10
check "  the recipient's phone was hung up on" sipp_ok RECIP 10
o_cut=$(order_for +821088880001)
check "  its order is found" [ -n "$o_cut" ]
set -- $(price "$o_cut")
max_cut=$6
echo "# cut call: A ${1} s, B ${2} s, ${3} + ${4} = ${5}, max ${6} s, held ${held_cut}"
check_eq "  the dialer was given 5 s" "$max_cut" 5
talk=$("$DUMP" "$STATE/db" "$o_cut" | sed -n 's/^cdr talk_ms=//p')
check "  the dialer cut the talk at that limit (${talk} ms)" \
	in_range "${talk:-0}" $((max_cut * 1000)) $((max_cut * 1000 + 1500))
check "  it is settled" settled kim@example.com "$o_cut"
check_eq "  charged the hand-computed price" "$(charge kim@example.com "$o_cut")" "$5"
check "  no more than was held ($5 <= $held_cut)" [ "$5" -le "$held_cut" ]
check_eq "  nothing stays held" "$(bal kim@example.com held)" 0

# ---- two concurrent calls of one payer: one pool ----
t6_more_cards 1
b=$(bal kim@example.com balance)
"$ADMIN" credit kim@example.com $((200 - b)) top up >/dev/null 2>&1
check_eq "the owner has 200" "$(bal kim@example.com balance)" 200
sipp_uas OWNER owner_star 0
sipp_uas OWNER2 owner_star 2
sipp_uas RECIP answer_hangup 1 -d 4000
sipp_uas RECIP2 answer_hangup 3 -d 4000
t6_call_page "$BTN"
t6_press "$BTN" "010-8888-0002"
check_eq "first call placed" "$STATUS" 303
P1=$LOCATION_TOKEN
h1=$(bal kim@example.com held)
t6_call_page "$BTN_1"
t6_press "$BTN_1" "010-7777-0002"
check_eq "second call placed while the first runs" "$STATUS" 303
P2=$LOCATION_TOKEN
h12=$(bal kim@example.com held)
h2=$((h12 - h1))
echo "# holds: first $h1, both $h12"
# The first may talk the 60 s cap: A at 71 s (7 + 36) and B at 61 s,
# billed 66 (11 + 99): 153 held. The second sees 47 left: 11 s holds A at
# 22 s (18) and B at 12 s (29): 47; 12 s would need 19 + 38.
check_eq "the first hold is the capped call's price" "$h1" 153
check_eq "the second hold took what the first left" "$h2" 47
check_eq "  two calls held" "$(bal kim@example.com calls)" 2
t6_watch "$P1" 30 >/dev/null
t6_watch "$P2" 30 >/dev/null
check_eq "first call completed" "$(t6_json "$P1" cause)" completed
check_eq "second call completed" "$(t6_json "$P2" cause)" completed
for s in OWNER OWNER2 RECIP RECIP2; do check "phone $s saw its whole call" sipp_ok $s 10; done
o1=$(order_for +821088880002)
o2=$(order_for +821077770002)
set -- $(price "$o1")
a1=$1 b1=$2 c1=$5 m1=$6
set -- $(price "$o2")
a2=$1 b2=$2 c2=$5 m2=$6
echo "# concurrent: $o1 A $a1 s B $b1 s = $c1 (max $m1); $o2 A $a2 s B $b2 s = $c2 (max $m2)"
check_eq "the first call could run to the cap" "$m1" 60
check_eq "the second's limit was cut by the first's hold" "$m2" 11
check "the first is settled" settled kim@example.com "$o1"
check "the second is settled" settled kim@example.com "$o2"
check_eq "  first: the hand-computed price" "$(charge kim@example.com "$o1")" "$c1"
check_eq "  second: the hand-computed price" "$(charge kim@example.com "$o2")" "$c2"
# The recipient talked 4 s (pause), answered 0.3 s after ringing; the
# owner pressed * 0.7 s after answering.
check "  recipients' legs as long as the pause ($b1 s, $b2 s)" \
	sh -c "[ $b1 -ge 4 ] && [ $b1 -le 6 ] && [ $b2 -ge 4 ] && [ $b2 -le 6 ]"
check "  owners' legs as long as the pause and the setup ($a1 s, $a2 s)" \
	sh -c "[ $a1 -ge 5 ] && [ $a1 -le 8 ] && [ $a2 -ge 5 ] && [ $a2 -le 8 ]"
check "  so each costs 7 + 3..4 for A and 20 for B" sh -c "[ $c1 -ge 30 ] && [ $c1 -le 31 ] && [ $c2 -ge 30 ] && [ $c2 -le 31 ]"
check_eq "the pool: 200 less both" "$(bal kim@example.com balance)" $((200 - c1 - c2))
check_eq "  nothing held" "$(bal kim@example.com held)" 0

# ---- split payment ----
get_token /login
post_form /login email=kim@example.com "password=long pass phrase"
get_token "/make/editor?id=1"
req POST "/make/editor?id=1" -F "csrf=$TOKEN" -F "name=Kim Minjun" -F show_company=1 -F company=Hanbit \
	-F show_title=1 -F "title=Sales Manager" -F "office=02-6200-6200" -F office_modes=phone \
	-F office_payer=split -F "mobile=010 1234 5678" -F mobile_modes=phone -F mobile_payer=owner \
	-F button_style=blue -F lang=en
check_eq "the owner makes the office button split" "$STATUS" 303
check_eq "  it keeps its id" "$(t6_button 1 office)" "$BTN"
rm -f "$JAR"
get_token /signup
post_form /signup "name=Lee Seo" email=lee@example.com "phone=010 2222 3333" \
	"password=long pass phrase" "password2=long pass phrase"
"$ADMIN" credit lee@example.com 500 top up >/dev/null 2>&1
kim0=$(bal kim@example.com balance)
sipp_uas OWNER owner_star 0
sipp_uas RECIP answer_hangup 1 -d 2000
t6_call_page "$BTN"
check "the call page says the cost is shared" grep -qi "share" "$STATE/body"
t6_press "$BTN" "010-8888-0003"
check_eq "split call placed by the logged-in recipient" "$STATUS" 303
PS=$LOCATION_TOKEN
t6_watch "$PS" 30 >/dev/null
check_eq "split call completed" "$(t6_json "$PS" cause)" completed
check "  the owner's phone saw the whole call" sipp_ok OWNER 10
check "  the recipient's phone saw the whole call" sipp_ok RECIP 10
os=$(order_for +821088880003)
set -- $(price "$os")
cs=$5 owner_part=$(($5 * 50 / 100))
echo "# split: A $1 s B $2 s = $cs"
check "split call settled for the owner" settled kim@example.com "$os"
check "  and for the recipient" settled lee@example.com "$os"
check_eq "  the owner pays half, rounded down" "$(charge kim@example.com "$os")" "$owner_part"
check_eq "  the recipient the rest" "$(charge lee@example.com "$os")" $((cs - owner_part))
check_eq "  the owner's balance" "$(bal kim@example.com balance)" $((kim0 - owner_part))
check_eq "  the recipient's balance" "$(bal lee@example.com balance)" $((500 - cs + owner_part))

# ---- the nightly run agrees, and charges nothing twice ----
"$CALLCARD_BUILD/sbin/billing" -B >"$STATE/run" 2>&1
check_eq "billing finds everything consistent" "$?" 0
check "  and settles nothing more" contains "$STATE/run" "billing: 0 settled, 0 holds released"
n=0
for o in "$o_cut" "$o1" "$o2" "$os"; do n=$((n + $(charges kim@example.com "$o"))); done
check_eq "the owner has one charge per call" "$n" 4
check_eq "the split's recipient one" "$(charges lee@example.com "$os")" 1
