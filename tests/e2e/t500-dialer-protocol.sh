#!/bin/sh
# t500-dialer-protocol: the order socket and what the dialer refuses.
# Bad lines (malformed, oversized, injection in numbers and URIs, unknown
# fields, NUL bytes, a peer with the wrong uid) get one clear error line,
# never a crash and never an INVITE; the SIP side answers strangers' calls
# with 403 and shrugs off garbage; a bad configuration stops the start.
. "$CALLCARD_ROOT/tests/lib/harness.sh"
. "$CALLCARD_ROOT/tests/dialer/lib.sh"
PORT_BASE=15000
trap dialer_cleanup EXIT
SINK=$(sipp_port 0)
raw() { printf "$1" | "$DIALER_DIR/raw_client.py" "$D_SOCK"; }

# A bad configuration is refused, naming the key.
D_STATE=$(mktemp -d /tmp/callcard-dialer.XXXXXX)
printf 'Dialer.RingTimeoutMs = soon\n' >"$D_STATE/bad.hdf"
out=$(CALLCARD_STATE="$D_STATE" CALLCARD_CONFIG="$D_STATE/bad.hdf" timeout 10 \
	"$CALLCARD_BUILD/sbin/dialerd" 2>&1)
check "a bad value stops the start" [ $? -ne 0 ]
check "the error names the key" sh -c "echo '$out' | grep -q 'Dialer.RingTimeoutMs = soon'"
printf 'Gateways.x.Address = 127.0.0.1:99999\n' >"$D_STATE/bad.hdf"
out=$(CALLCARD_STATE="$D_STATE" CALLCARD_CONFIG="$D_STATE/bad.hdf" timeout 10 \
	"$CALLCARD_BUILD/sbin/dialerd" 2>&1)
check "a bad gateway address stops the start, naming it" \
	sh -c "echo '$out' | grep -q 'Gateways.x.Address'"

"$DIALER_DIR/udp_sink.py" "$SINK" 12 >"$D_STATE/sink.out" &
UDP_SINK_PID=$!
dialer_start "$(gw sink 0 010)" "Gateways.closed.Address = 127.0.0.1:$(sipp_port 1)" \
	"Gateways.closed.Prefixes = 099:1" "$(gw phone 2 077)" "$(gw phone2 3 078)"
check "dialerd starts" [ -S "$D_SOCK" ]
check_eq "the socket is 0660" "$(stat -c %a "$D_SOCK")" 660

r=$(ctl "CC1 GATEWAYS")
check "GATEWAYS lists the gateways" sh -c "echo '$r' | grep -q 'count=4 gw0=sink:up:0/30 gw1=closed:up:0/30 gw2=phone:up:0/30'"
r=$(ctl "CC1 STATE id=nosuch")
check "STATE of an unknown order" sh -c "echo '$r' | grep -q '^CC1 ERR unknown_order'"

bad_line() { # DESCRIPTION LINE CODE
	r=$(raw "$2\n")
	case "$r" in "CC1 ERR $3 "*) ok "$1 -> $3" ;; *) not_ok "$1 (got '$r')" ;; esac
}
bad_line "wrong version" "CC9 ORDER id=v1 owner=0101234 dest=0201234 max=60" bad_version
bad_line "unknown verb" "CC1 DIAL id=v2" bad_verb
bad_line "letters in the owner's number" "CC1 ORDER id=i1 owner=010abc dest=0201234 max=60" bad_field
bad_line "& in a number" "CC1 ORDER id=i2 owner=0101234 dest=0201234&x max=60" bad_field
bad_line "; in a number" "CC1 ORDER id=i3 owner=0101234;user=phone dest=0201234 max=60" bad_field
bad_line "@ in a number" "CC1 ORDER id=i4 owner=0101234@evil dest=0201234 max=60" bad_field
bad_line "header injection in a URI" "CC1 ORDER id=i5 owner=0101234 dest=sip:a@b>%0d%0aX:1 mode=pc max=60" bad_field
bad_line "URI parameters" "CC1 ORDER id=i6 owner=0101234 dest=sip:a@b;maddr=1.2.3.4 mode=pc max=60" bad_field
bad_line "a second id" "CC1 ORDER id=i7 id=i8 owner=0101234 dest=0201234 max=60" bad_field
bad_line "no max (credit limit)" "CC1 ORDER id=i9 owner=0101234 dest=0201234" missing_field
bad_line "an unknown field" "CC1 ORDER id=i10 owner=0101234 dest=0201234 max=60 prio=1" bad_field
bad_line "control character" "CC1 ORDER id=i11 owner=0101234\033 dest=0201234 max=60" bad_char
bad_line "NUL byte" "CC1 STATE id=i12\000x" bad_char
long=$(head -c 600 /dev/zero | tr '\0' 7)
bad_line "a line over 511 bytes" "CC1 ORDER id=i13 owner=$long dest=0201234 max=60" too_long
r=$(raw "CC1 GATEWAYS\nCC1 DIAL\nCC1 STATE id=nosuch\n")
check_eq "several lines on one connection, one reply each" "$(echo "$r" | wc -l)" 3
r=$(head -c 100000 /dev/zero | tr '\0' 7 | "$DIALER_DIR/raw_client.py" "$D_SOCK")
check "100 kB without a newline: one error, connection closed" \
	sh -c "[ \"\$(echo '$r' | grep -c 'ERR too_long')\" -eq 1 ]"

chmod 0755 "$D_STATE" "$D_STATE/var" "$D_STATE/var/run"
chmod 0666 "$D_SOCK"
r=$(setpriv --reuid=65534 --regid=65534 --clear-groups "$TOOLS/order_client" "$D_SOCK" "CC1 GATEWAYS")
check "a peer with another uid is refused (SO_PEERCRED)" sh -c "echo '$r' | grep -q '^CC1 ERR forbidden'"
chmod 0660 "$D_SOCK"

check "an order to a gateway that is down is taken" place dup 09912345678 0201234 60
check_eq "it ends as a gateway failure" "$(ended_cause dup 5)" owner_gateway_failure
r=$(ctl "CC1 ORDER id=dup owner=09912345678 dest=0201234 max=60")
check "the same order id is never dialed twice" sh -c "echo '$r' | grep -q '^CC1 ERR duplicate'"
check "STATE answers for an ended order from the database" \
	sh -c "'$TOOLS/order_client' '$D_SOCK' 'CC1 STATE id=dup' | grep -q 'state=ended cause=owner_gateway_failure seq=3'"
r=$(ctl "CC1 CANCEL id=dup")
check "CANCEL of an ended order is refused" sh -c "echo '$r' | grep -q '^CC1 ERR not_active'"

# RTP from strangers.
rtp_port() { sed -n "s/.*order $1: leg A INVITE .*RTP port \([0-9]*\).*/\1/p" "$D_LOG" | tail -n 1; }
sipp_uas phone answer 2
sipp_uas phone2 answer 3
place stranger 0771234567 0991234567 60 >/dev/null
wait_state stranger owner_answered 5 >/dev/null
send_star 127.0.0.1 "$(rtp_port stranger)" 127.0.0.2
check_eq "a * from a host other than the leg's is ignored" "$(ended_cause stranger 10)" owner_confirm_timeout
place own 0781234567 0991234567 60 >/dev/null
wait_state own owner_answered 5 >/dev/null
send_star 127.0.0.1 "$(rtp_port own)" 127.0.0.1
ended_cause own 5 >/dev/null
check "the same * from the leg's own host is taken (control)" \
	sh -c "'$TOOLS/order_dump' '$D_STATE/db' own | grep -q ' owner_accepted '"
check "the phones saw their calls" sipp_ok phone 5

# SIP from strangers.
/usr/bin/python3 - "$PORT_BASE" >"$D_STATE/sip.out" <<'PY'
import socket, sys
port = int(sys.argv[1])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
s.settimeout(3)
me = s.getsockname()[1]
s.sendto(b"\x00\xffgarbage\r\n\r\n", ("127.0.0.1", port))
s.sendto(b"INVITE sip:x@127.0.0.1 SIP/2.0\r\nVia: broken\r\n\r\n", ("127.0.0.1", port))
inv = ("INVITE sip:bob@127.0.0.1:%d SIP/2.0\r\n"
       "Via: SIP/2.0/UDP 127.0.0.1:%d;branch=z9hG4bK-test1\r\n"
       "Max-Forwards: 70\r\nFrom: <sip:mallory@127.0.0.1>;tag=m1\r\n"
       "To: <sip:bob@127.0.0.1>\r\nCall-ID: stranger-1\r\nCSeq: 1 INVITE\r\n"
       "Contact: <sip:mallory@127.0.0.1:%d>\r\nContent-Length: 0\r\n\r\n") % (port, me, me)
s.sendto(inv.encode(), ("127.0.0.1", port))
try:
    while True:
        data = s.recv(65535).decode("ascii", "replace")
        print(data.split("\r\n")[0])
        if not data.startswith("SIP/2.0 1"):
            break
except OSError:
    print("no answer")
PY
check "a stranger's INVITE gets 403" grep -q "SIP/2.0 403" "$D_STATE/sip.out"
check "the dialer is alive after bad SIP and bad lines" ctl "CC1 GATEWAYS"

wait "$UDP_SINK_PID"
check_eq "no INVITE ever reached the gateway" "$(cat "$D_STATE/sink.out")" 0
check "nothing was dialed for any rejected order" \
	sh -c "! grep -q 'order i[0-9]*: \| order v[0-9]: ' '$D_LOG'"
