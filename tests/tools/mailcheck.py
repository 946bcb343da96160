"""mailcheck.py DIR: parses every message the SMTP sink kept and prints one
JSON object per message: envelope recipients, decoded headers, parts."""
import email
import email.policy
import json
import os
import sys

directory = sys.argv[1]
for name in sorted(os.listdir(directory), key=lambda n: (len(n), n)):
    if not name.endswith('.eml'):
        continue
    raw = open(os.path.join(directory, name), 'rb').read()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    rcpt = open(os.path.join(directory, name[:-4] + '.rcpt')).read().split()
    parts = {}
    for part in msg.walk():
        if part.get_content_maintype() == 'text':
            parts[part.get_content_type()] = part.get_content()
    print(json.dumps({
        'file': name, 'size': len(raw), 'rcpt': rcpt,
        'from': str(msg['From']), 'to': str(msg['To']), 'reply_to': str(msg['Reply-To'] or ''),
        'subject': str(msg['Subject']), 'message_id': str(msg['Message-ID']),
        'list_unsubscribe': str(msg['List-Unsubscribe'] or ''),
        'list_unsubscribe_post': str(msg['List-Unsubscribe-Post'] or ''),
        'bcc': str(msg['Bcc'] or ''), 'headers': list(msg.keys()),
        'text': parts.get('text/plain', ''), 'html': parts.get('text/html', ''),
    }))
