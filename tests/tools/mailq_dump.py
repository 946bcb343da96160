#!/usr/bin/python3
"""mailq_dump.py DBHOME KIND: print each queued mail of KIND (to, subject
and the text part, decoded) from the mail queue table, read with
db5.3_dump, one mail after another separated by a line '--'."""
import email
import email.policy
import re
import subprocess
import sys


def unescape(line):
    return re.sub(rb"\\([0-9a-f]{2})", lambda m: bytes([int(m.group(1), 16)]),
                  line.encode()).replace(b"\\\\", b"\\")


def main():
    home, kind = sys.argv[1], sys.argv[2]
    out = subprocess.run(["db5.3_dump", "-p", "-h", home, "mailq.db"], check=True,
                         capture_output=True, text=True).stdout
    lines = out.split("\n")
    body = lines[lines.index("HEADER=END") + 1:]
    data = [l[1:] for l in body if l.startswith(" ")]
    for value in data[1::2]:
        parts = unescape(value).split(b"\0")
        rec = dict(zip(parts[0::2], parts[1::2]))
        if rec.get(b"kind", b"").decode() != kind:
            continue
        msg = email.message_from_bytes(rec[b"message"], policy=email.policy.default)
        text = msg.get_body(preferencelist=("plain",))
        print("To:", msg["To"])
        print("Subject:", msg["Subject"])
        print(text.get_content() if text else "")
        print("--")


main()
