"""smtp-sink.py DIR PORT: a local SMTP server that keeps every message.

Stands in for the operator's relay under `make run` and in tests: each
accepted message is written to DIR/<n>.eml (with the envelope in
DIR/<n>.rcpt). Run with Debian's /usr/bin/python3 (python3-aiosmtpd).
"""
import asyncio
import itertools
import os
import sys

from aiosmtpd.controller import Controller


class KeepMessages:
    def __init__(self, directory):
        self.directory = directory
        existing = [int(f.split('.')[0]) for f in os.listdir(directory) if f.endswith('.eml')]
        self.counter = itertools.count(max(existing, default=0) + 1)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        # Addresses at refused.example stand for mailboxes that do not exist.
        if address.lower().endswith('@refused.example'):
            return '550 5.1.1 No such mailbox'
        envelope.rcpt_tos.append(address)
        return '250 OK'

    async def handle_DATA(self, server, session, envelope):
        n = next(self.counter)
        base = os.path.join(self.directory, str(n))
        with open(base + '.tmp', 'wb') as f:
            f.write(envelope.original_content)
        with open(base + '.rcpt', 'w') as f:
            f.write('\n'.join(envelope.rcpt_tos) + '\n')
        os.rename(base + '.tmp', base + '.eml')
        return '250 OK kept as %d' % n


def main():
    directory, port = sys.argv[1], int(sys.argv[2])
    os.makedirs(directory, exist_ok=True)
    controller = Controller(KeepMessages(directory), hostname='127.0.0.1', port=port)
    controller.start()
    with open(os.path.join(directory, 'ready'), 'w') as f:
        f.write(str(os.getpid()))
    try:
        asyncio.get_event_loop().run_forever()
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == '__main__':
    main()
