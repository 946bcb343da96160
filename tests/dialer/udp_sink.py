#!/usr/bin/python3
"""udp_sink.py PORT SECONDS: counts SIP requests arriving on 127.0.0.1:PORT
and prints how many were INVITEs when the time is up (nothing answers)."""
import socket, sys, time

s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", int(sys.argv[1])))
end = time.time() + float(sys.argv[2])
invites = 0
while time.time() < end:
    s.settimeout(max(0.01, end - time.time()))
    try:
        data, _ = s.recvfrom(65535)
    except OSError:
        continue
    if data.startswith(b"INVITE "):
        invites += 1
print(invites)
