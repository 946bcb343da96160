#!/usr/bin/python3
"""latency_probe.py SIP_A SIP_B RTP_A RTP_B SECONDS: two minimal phones
for the benchmark. Phone A (SIP on 127.0.0.1:SIP_A) answers the dialer's
INVITE, presses * (RFC 4733), then sends 20 ms u-law packets whose first
8 bytes carry the send time; phone B (SIP_B) answers and timestamps what
arrives. Prints the one-way delay the dialer's relay adds (A -> B) and
its jitter, then BYEs both legs. Loopback only; just enough SIP."""
import os, re, select, socket, statistics, struct, sys, time

sip_a, sip_b, rtp_a, rtp_b, seconds = (int(x) for x in sys.argv[1:6])


def udp(port):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", port))
    return s


socks = {"A": udp(sip_a), "B": udp(sip_b)}
rtps = {"A": udp(rtp_a), "B": udp(rtp_b)}
dialog = {}
remote_rtp = {}


def header(msg, name):
    m = re.search(r"^%s:\s*(.*?)\r$" % name, msg, re.M | re.I)
    return m.group(1) if m else ""


def answer(leg, msg, peer):
    sdp = ("v=0\r\no=p 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
           "m=audio %d RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
           "a=rtpmap:101 telephone-event/8000\r\n") % rtps[leg].getsockname()[1]
    to = header(msg, "To") + ";tag=probe" + leg
    resp = ("SIP/2.0 200 OK\r\nVia: %s\r\nFrom: %s\r\nTo: %s\r\nCall-ID: %s\r\nCSeq: %s\r\n"
            "Contact: <sip:p@127.0.0.1:%d>\r\nContent-Type: application/sdp\r\n"
            "Content-Length: %d\r\n\r\n%s") % (
        header(msg, "Via"), header(msg, "From"), to, header(msg, "Call-ID"),
        header(msg, "CSeq"), socks[leg].getsockname()[1], len(sdp), sdp)
    socks[leg].sendto(resp.encode(), peer)
    m = re.search(r"^m=audio (\d+)", msg, re.M)
    c = re.search(r"^c=IN IP4 (\S+)", msg, re.M)
    remote_rtp[leg] = (c.group(1), int(m.group(1)))
    contact = re.search(r"<(sip:[^>]+)>", header(msg, "Contact")).group(1)
    dialog[leg] = (to, header(msg, "From"), header(msg, "Call-ID"), contact, peer)


def bye(leg):
    to, frm, cid, contact, peer = dialog[leg]
    req = ("BYE %s SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:%d;branch=z9hG4bK-probe%s\r\n"
           "From: %s\r\nTo: %s\r\nCall-ID: %s\r\nCSeq: 9 BYE\r\nMax-Forwards: 70\r\n"
           "Content-Length: 0\r\n\r\n") % (contact, socks[leg].getsockname()[1], leg, to, frm, cid)
    socks[leg].sendto(req.encode(), peer)


def handle_sip(leg):
    data, peer = socks[leg].recvfrom(65535)
    msg = data.decode("ascii", "replace")
    if msg.startswith("INVITE "):
        answer(leg, msg, peer)


seq = 0
def rtp(leg, pt, payload, ts, marker=0):
    global seq
    seq += 1
    pkt = struct.pack("!BBHII", 0x80, (marker << 7) | pt, seq & 0xffff, ts, 0x1234) + payload
    rtps[leg].sendto(pkt, remote_rtp[leg])


deadline = time.time() + 30
while "A" not in remote_rtp and time.time() < deadline:
    r, _, _ = select.select(list(socks.values()), [], [], 0.5)
    for leg, s in socks.items():
        if s in r:
            handle_sip(leg)
time.sleep(0.3)
for i in range(3):  # * : event 10, end bit, three times
    rtp("A", 101, bytes([10, 0x80, 0x03, 0x20]), 5000)
while "B" not in remote_rtp and time.time() < deadline:
    r, _, _ = select.select(list(socks.values()) + [rtps["A"]], [], [], 0.5)
    for leg, s in socks.items():
        if s in r:
            handle_sip(leg)
    if rtps["A"] in r:
        rtps["A"].recv(2048)
if "B" not in remote_rtp:
    sys.exit("the recipient's leg never came")
time.sleep(0.2)
delays = []
ts = 8000
nxt = time.monotonic()
end = nxt + seconds
while time.monotonic() < end:
    now = time.monotonic()
    if now >= nxt:
        rtp("A", 0, struct.pack("!d", time.monotonic()) + b"\xff" * 152, ts)
        ts += 160
        nxt += 0.02
    r, _, _ = select.select([rtps["A"], rtps["B"]] + list(socks.values()), [], [], max(0, nxt - time.monotonic()))
    if rtps["B"] in r:
        data = rtps["B"].recv(2048)
        if len(data) >= 20 and data[1] & 0x7f == 0:
            sent = struct.unpack("!d", data[12:20])[0]
            if 0 < time.monotonic() - sent < 5:
                delays.append((time.monotonic() - sent) * 1000)
    if rtps["A"] in r:
        rtps["A"].recv(2048)
    for leg, s in socks.items():
        if s in r:
            s.recvfrom(65535)
bye("A")
time.sleep(0.3)
if len(delays) < 10:
    sys.exit("too few packets relayed: %d" % len(delays))
d = sorted(delays)
jit = statistics.mean(abs(a - b) for a, b in zip(delays, delays[1:]))
print("relay delay A->B over %d packets: median %.3f ms, p99 %.3f ms, max %.3f ms; jitter %.3f ms"
      % (len(d), d[len(d) // 2], d[int(len(d) * 0.99)], d[-1], jit))
