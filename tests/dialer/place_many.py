#!/usr/bin/python3
"""place_many.py SOCKET COUNT RATE OWNER_PREFIX DEST_PREFIX TAG [MAX]
Places COUNT orders at RATE per second over one connection (ids
TAG-<n>), then, with --wait SECONDS as the last two arguments, polls
until every order has ended and prints one line per cause with counts.
For benchmarks: numbers are PREFIX + a zero-padded counter."""
import socket, sys, time

args = sys.argv[1:]
wait = 0.0
if len(args) >= 2 and args[-2] == "--wait":
    wait = float(args[-1])
    args = args[:-2]
sock, count, rate, pa, pb, tag = args[:6]
mx = args[6] if len(args) > 6 else "600"
count, rate = int(count), float(rate)
s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.connect(sock)
f = s.makefile("rwb", buffering=0)


def ask(line):
    f.write((line + "\n").encode())
    return f.readline().decode().strip()


start = time.time()
refused = 0
for i in range(count):
    due = start + i / rate
    now = time.time()
    if due > now:
        time.sleep(due - now)
    r = ask("CC1 ORDER id=%s-%d owner=%s%06d dest=%s%06d max=%s lang=en" % (tag, i, pa, i, pb, i, mx))
    if not r.startswith("CC1 OK"):
        refused += 1
placed = time.time() - start
print("placed %d orders in %.2f s (%.1f/s), %d refused" % (count, placed, count / placed, refused))
if wait:
    causes = {}
    deadline = time.time() + wait
    pending = set(range(count))
    while pending and time.time() < deadline:
        for i in list(pending):
            r = ask("CC1 STATE id=%s-%d" % (tag, i))
            if " state=ended " in r:
                c = r.split(" cause=")[1].split()[0]
                causes[c] = causes.get(c, 0) + 1
                pending.discard(i)
        if pending:
            time.sleep(0.5)
    if pending:
        causes["not_ended"] = len(pending)
    for c, n in sorted(causes.items()):
        print("cause %s %d" % (c, n))
