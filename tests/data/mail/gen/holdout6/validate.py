# -*- coding: utf-8 -*-
"""Stdlib check of holdout6: every .eml parses, manifest <-> files agree, and (self-check of
the generator only) each expected lead appears somewhere in the decoded message."""
import base64, email, os, re, sys
from email import policy
from email.utils import parseaddr

# Committed beside gen.py (task h15): checks tests/data/mail_holdout6/ or the directory given.
ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'mail_holdout6')
ent = []
for ln in open(os.path.join(ROOT, 'manifest.yaml'), encoding='utf-8'):
    m = re.match(r'- \{(.*)\}\s*$', ln)
    if m:
        ent.append(dict(kv.split(': ', 1) for kv in m.group(1).split(', ')))
files = set()
for d, _, fs in os.walk(ROOT):
    for f in fs:
        if f.endswith('.eml'):
            files.add(os.path.relpath(os.path.join(d, f), ROOT))
listed = [e['file'] for e in ent]
errors = []
if len(listed) != len(set(listed)):
    errors.append('duplicate manifest entries')
for f in set(listed) - files:
    errors.append('missing file: ' + f)
for f in files - set(listed):
    errors.append('not in manifest: ' + f)

def all_text(msg):
    out = []
    for p in msg.walk():
        ct = p.get_content_type()
        if ct == 'message/rfc822':
            inner = p.get_payload(0)
            if str(p.get('Content-Transfer-Encoding', '')).lower() == 'base64':
                # attached message sent base64-encoded (seen from some Outlook builds)
                inner = email.message_from_bytes(base64.b64decode(inner.as_string().split('\n\n', 1)[-1]), policy=policy.default)
            out.append(str(inner.get('From', '')))
            out.extend(all_text(inner))
            return out
        if p.is_multipart():
            continue
        if ct == 'message/rfc822' or (ct == 'application/octet-stream' and (p.get_filename() or '').endswith('.eml')):
            raw = p.get_payload(decode=True)
            inner = email.message_from_bytes(raw, policy=policy.default) if raw else p.get_payload(0)
            out.append(str(inner.get('From', '')))
            out.extend(all_text(inner))
            continue
        if ct.startswith('text/'):
            t = p.get_content()
            if '=0D' in t or '\r\r' in t or '\ufffd' in t:
                raise ValueError('badly encoded text part')
            out.append(t)
    return out

nwith_mid = nwith_date = 0
for e in ent:
    path = os.path.join(ROOT, e['file'])
    if not os.path.exists(path):
        continue
    raw = open(path, 'rb').read()
    try:
        m = email.message_from_bytes(raw, policy=policy.default)
        m32 = email.message_from_bytes(raw)
        texts = all_text(m)
        for k in ('From', 'To', 'Subject'):
            str(m.get(k, ''))
    except Exception as ex:
        errors.append('%s: parse error %r' % (e['file'], ex)); continue
    inner_defects = [d for p in m.walk() for d in p.defects]
    if inner_defects and 'rfc822_b64' not in e['file']:
        errors.append('%s: part defects %r' % (e['file'], inner_defects))
    if m.defects:
        errors.append('%s: defects %r' % (e['file'], m.defects))
    nwith_mid += 'Message-ID' in m
    nwith_date += 'Date' in m
    if e['kind'] in ('forward', 'direct'):
        if 'lead' not in e:
            errors.append(e['file'] + ': no lead')
        blob = '\n'.join(texts) + str(m.get('From', ''))
        if e['lead'] not in blob:
            errors.append('%s: lead %s not found in decoded text' % (e['file'], e['lead']))
    else:
        if 'lead' in e or 'referrer' in e:
            errors.append(e['file'] + ': robot/internal with lead')
    if e['kind'] == 'forward':
        sender = parseaddr(str(m.get('Resent-From') or m.get('From')))[1]
        if sender != e.get('referrer'):
            errors.append('%s: referrer %s != sender %s' % (e['file'], e.get('referrer'), sender))
        if e['lead'].endswith('@example.com'):
            errors.append(e['file'] + ': internal lead')
print('messages: %d, files: %d, with Message-ID: %d, with Date: %d' % (len(ent), len(files), nwith_mid, nwith_date))
print('\n'.join(errors) if errors else 'OK: all files parse, manifest and folder agree')
sys.exit(1 if errors else 0)
