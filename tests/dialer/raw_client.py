#!/usr/bin/python3
"""raw_client.py SOCKET: sends stdin's bytes as they are to the dialer's
order socket and prints every reply line until the dialer closes or 2 s
pass. For bad-input tests: no formatting, no checks."""
import socket, sys

s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
s.settimeout(2)
s.connect(sys.argv[1])
s.sendall(sys.stdin.buffer.read())
s.shutdown(socket.SHUT_WR)
data = b""
try:
    while True:
        chunk = s.recv(4096)
        if not chunk:
            break
        data += chunk
except OSError:
    pass
sys.stdout.write(data.decode("ascii", "replace"))
