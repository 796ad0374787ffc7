# -*- coding: utf-8 -*-
"""Generator for the holdout6 mail corpus (issue 15). python3 stdlib only.
Every person, company and text is invented. Run: python3 gen/gen.py (from holdout6/)."""
import base64, hashlib, html, os, quopri, sys
from email.header import Header
from email.utils import formataddr
sys.path.insert(0, os.path.dirname(__file__))
from langdata import *

# Committed as tests/data/mail/gen/holdout6/gen.py (task h15): writes tests/data/mail_holdout6/,
# or the directory given as its first argument.
ROOT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), '..', '..', '..', 'mail_holdout6')
ALIAS = 'sales@example.com'
MANIFEST = []
COUNTER = [0]
PCOUNT = {}

def nid(seed):
    return hashlib.sha1(seed.encode()).hexdigest()[:16].upper()

def person(lang, k=None):
    i = PCOUNT.get(lang, 0); PCOUNT[lang] = i + 1
    ppl, doms = PEOPLE[lang], DOMAINS[lang]
    name, local = ppl[i % len(ppl)]
    dom = doms[(i // len(ppl) + i) % len(doms)]
    if i >= len(ppl):
        local = local + str(i // len(ppl) + 1)
    dom = dom.encode('idna').decode() if not dom.isascii() else dom
    if not dom.isascii() or 'ä' in dom:
        dom = dom.replace('ä', 'a')
    return name, '%s@%s' % (local, dom)

CI = [0]
def colleague(cs='utf-8'):
    while True:
        n, l = COLLEAGUES[CI[0] % len(COLLEAGUES)]; CI[0] += 1
        try:
            n.encode(cs)
        except UnicodeEncodeError:
            continue
        return n, l + '@example.com'

def addr(n, e, cs='utf-8'):
    try:
        return formataddr((n, e), charset=cs)
    except UnicodeEncodeError:
        return formataddr((n, e), charset='utf-8')

def hdr(v, cs='utf-8'):
    if v.isascii():
        return v
    return Header(v, cs).encode()

DAYS = ['Mon','Tue','Wed','Thu','Fri']
def rfcdate(i, tz='+0100'):
    d = 1 + (i % 6)
    return '%s, %02d Dec 2026 %02d:%02d:%02d %s' % (['Tue','Wed','Thu','Fri','Sat','Sun'][d-1], d, 8 + i % 9, (i*7) % 60, (i*13) % 60, tz)

def received(i, host='mail.example.com'):
    return ('Received', 'from %s (%s [198.51.100.%d])\r\n\tby mx.example.com with ESMTPS id %s\r\n\tfor <%s>; %s' % (host, host, 10 + i % 200, nid('r%d' % i)[:10].lower(), ALIAS, rfcdate(i)))

# ---------------------------------------------------------------- leaf parts
def enc_body(text, cs, cte):
    raw = text.replace('\n', '\r\n').encode(cs)
    if cte == 'base64':
        b = base64.encodebytes(raw).replace(b'\n', b'\r\n')
    elif cte == 'quoted-printable':
        b = quopri.encodestring(raw).replace(b'\r\n', b'\n').replace(b'=0D\n', b'\n').replace(b'\n', b'\r\n')
        b = b.replace(b'=0D=0A', b'\r\n')
    else:
        b = raw
    return b

def part(ctype, text, cs='utf-8', cte=None, extra=()):
    if cte is None:
        cte = '7bit' if text.isascii() else ('7bit' if cs == 'iso-2022-jp' else '8bit')
    h = ['Content-Type: %s; charset="%s"' % (ctype, cs), 'Content-Transfer-Encoding: %s' % cte] + list(extra)
    return ('\r\n'.join(h)).encode() + b'\r\n\r\n' + enc_body(text, cs, cte)

def multipart(sub, parts, extra=''):
    b = '==_%s_%s' % (sub, nid(str(len(parts)) + sub + str(COUNTER[0]) + str(parts[0][:40])))
    out = ('Content-Type: multipart/%s; boundary="%s"%s\r\n\r\n' % (sub, b, extra)).encode()
    out += b'This is a multi-part message in MIME format.\r\n'
    for p in parts:
        out += ('\r\n--%s\r\n' % b).encode() + p
    out += ('\r\n--%s--\r\n' % b).encode()
    return out

def message(headers, body_bytes):
    h = []
    for k, v in headers:
        if v is None:
            continue
        h.append('%s: %s' % (k, v))
    head = '\r\n'.join(h).encode('utf-8')
    if not body_bytes.startswith(b'Content-Type') and not body_bytes.startswith(b'MIME'):
        return head + b'\r\n\r\n' + body_bytes
    return head + b'\r\nMIME-Version: 1.0\r\n' + body_bytes

def to_html(text, quote_apple=False):
    lines = []
    for ln in text.split('\n'):
        lines.append(html.escape(ln) if ln else '<br>')
    inner = '\n'.join('<div>%s</div>' % l for l in lines)
    return '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"></head>\n<body dir="auto">\n%s\n</body></html>' % inner

# ---------------------------------------------------------------- forward blocks
def blk(client, lang, cn, ce, to_n, to_e, subj, body, idx):
    d = DATES.get(lang, DATES['en'])
    L = OL.get(lang, OL['en'])
    if client in ('outlook_desktop', 'outlook_web', 'new_outlook', 'mailbird', 'outlook_ios', 'outlook_android'):
        cc = '' if lang == 'es' else ''
        if client == 'outlook_desktop' and idx % 3 == 0:
            # plain-text Outlook with mailto and original-message separator
            sep = {'de':'-----Ursprüngliche Nachricht-----','fr':'-----Message d\'origine-----','es':'-----Mensaje original-----',
                   'pl':'-----Original Message-----','nl':'-----Oorspronkelijk bericht-----','it':'-----Messaggio originale-----',
                   'cs':'-----Original Message-----','sv':'-----Ursprungligt meddelande-----','ru':'-----Original Message-----',
                   'hu':'-----Eredeti üzenet-----','fi':'-----Alkuperäinen viesti-----','da':'-----Oprindelig meddelelse-----'}.get(lang, '-----Original Message-----')
            return '%s\n%s: %s [mailto:%s]\n%s: %s\n%s: %s\n%s: %s\n\n%s' % (sep, L[0], cn, ce, L[1], d, L[2], to_n, L[4], subj, body)
        cc_line = '' if lang == 'es' or ce.endswith('@example.com') else ('%s: Accounts Payable <ap@%s>\n' % (L[3], ce.split('@')[1]) if idx % 4 == 1 else '')
        return '________________________________\n%s: %s <%s>\n%s: %s\n%s: %s <%s>\n%s%s: %s\n\n%s' % (L[0], cn, ce, L[1], d, L[2], to_n, to_e, cc_line, L[4], subj, body)
    if client == 'outlook_mac':
        if idx % 2 == 0:
            w = {'en':'On 01/12/2026, 09:42, "%s" <%s> wrote:','de':'Am 01.12.26, 09:42 schrieb "%s" <%s>:',
                 'fr':'Le 01/12/2026 09:42, « %s » <%s> a écrit :','nl':'Op 01-12-2026 09:42 heeft %s <%s> geschreven:',
                 'sv':'Den 2026-12-01 09:42 skrev "%s" <%s>:','pl':'W dniu 01.12.2026, 09:42, "%s" <%s> napisał:'}.get(lang, 'On 01/12/2026, 09:42, "%s" <%s> wrote:')
            return (w % (cn, ce)) + '\n\n' + '\n'.join(('> ' + l if l else '>') for l in body.split('\n'))
        A = APPLE_LAB.get(lang, APPLE_LAB['en'])
        # Outlook 2019+ for Mac: header block directly followed by the body (no blank line)
        return '%s: %s <%s>\n%s: %s\n%s: %s <%s>\n%s: %s\n%s' % (A[0], cn, ce, A[2], d, A[3], to_n, to_e, A[1], subj, body)
    if client in ('gmail', 'gmail_android', 'superhuman', 'spark'):
        mark = '---------- Forwarded message ---------' if client != 'spark' else '---------- Forwarded message ----------'
        fl = GMAIL_FROM.get(lang, 'From')
        fl = fl if fl.endswith(':') else fl + ':'
        if client != 'gmail' and client != 'gmail_android':
            fl = 'From:'
        return '%s\n%s %s <%s>\nDate: %s\nSubject: %s\nTo: %s <%s>\n\n\n%s' % (mark, fl, cn, ce, 'Tue, Dec 1, 2026 at 9:42 AM' if lang == 'en' else d, subj, to_n, to_e, body)
    if client in ('apple_mail', 'iphone_mail'):
        A = APPLE_LAB.get(lang, APPLE_LAB['en'])
        intro = APPLE_INTRO.get(lang, APPLE_INTRO['en'])
        lines = [intro, '', '%s: %s <%s>' % (A[0], cn, ce), '%s: %s' % (A[1], subj), '%s: %s' % (A[2], d), '%s: %s <%s>' % (A[3], to_n, to_e), ''] + body.split('\n')
        pre = '' if client == 'iphone_mail' and idx % 2 else ''
        return lines[0] + '\n\n' + '\n'.join(('> ' + l if l else '>') for l in lines[2:])
    if client in ('airmail', 'hey'):
        return 'Begin forwarded message:\n\nFrom: %s <%s>\nDate: December 1, 2026 at 9:42:10 AM GMT+1\nTo: %s <%s>\nSubject: %s\n\n%s' % (cn, ce, to_n, to_e, subj, body)
    if client == 'thunderbird':
        m, s, dt, f, t = TB.get(lang, TB['en'])
        return '%s\n%s: \t%s\n%s: \tTue, 1 Dec 2026 09:42:10 +0100\n%s: \t%s <%s>\n%s: \t%s <%s>\n\n\n\n%s' % (m, s, subj, dt, f, cn, ce, t, to_n, to_e, body)
    if client == 'yahoo':
        m, f, t, s, sb = YAHOO.get(lang, YAHOO['en'])
        return '\n\n   %s %s %s <%s>%s %s <%s>%s %s%s %s\n %s' % (m, f, cn, ce, t, to_n, to_e, s, d, sb, subj, body)
    if client == 'zimbra':
        z = {'en':('----- Forwarded Message -----','From','To','Sent','Subject'),'de':('----- Weitergeleitete Nachricht -----','Von','An','Gesendet','Betreff'),
             'fr':('----- Mail transféré -----','De','À','Envoyé','Objet'),'pl':('----- Wiadomość przekazana dalej -----','Od','Do','Wysłane','Temat'),
             'ro':('----- Mesaj redirecționat -----','De la','Către','Trimis','Subiect'),'tr':('----- İletilen Mesaj -----','Kimden','Kime','Gönderildi','Konu')}.get(lang)
        return '%s\n%s: "%s" <%s>\n%s: "%s" <%s>\n%s: %s\n%s: %s\n\n%s' % (z[0], z[1], cn, ce, z[2], to_n, to_e, z[3], d, z[4], subj, body)
    if client in ('roundcube', 'sogo'):
        r = {'en':('-------- Original Message --------','Subject','Date','From','To'),'de':('-------- Originalnachricht --------','Betreff','Datum','Von','An'),
             'cs':('-------- Původní zpráva --------','Předmět','Datum','Od','Komu'),'pl':('-------- Oryginalna wiadomość --------','Temat','Data','Nadawca','Adresat'),
             'hu':('-------- Eredeti üzenet --------','Tárgy','Dátum','Feladó','Címzett'),'tr':('-------- Asıl Mesaj --------','Konu','Tarih','Kimden','Kime'),
             'fr':('-------- Message original --------','Sujet','Date','De','Pour'),'sl':('-------- Izvirno sporočilo --------','Zadeva','Datum','Od','Za'),
             'bg':('-------- Оригинално съобщение --------','Тема','Дата','От','До'),'hr':('-------- Izvorna poruka --------','Predmet','Datum','Šalje','Prima')}[lang]
        return '%s\n%s: %s\n%s: 2026-12-01 09:42\n%s: %s <%s>\n%s: %s <%s>\n\n%s' % (r[0], r[1], subj, r[2], r[3], cn, ce, r[4], to_n, to_e, body)
    if client == 'horde':
        if lang == 'de':
            return '----- Weitergeleitete Nachricht von %s <%s> -----\n   Datum: Tue, 01 Dec 2026 09:42:10 +0100\n     Von: %s <%s>\n Betreff: %s\n      An: %s\n\n%s\n\n----- Ende der weitergeleiteten Nachricht -----' % (cn, ce, cn, ce, subj, to_e, body)
        return '----- Forwarded message from %s <%s> -----\n    Date: Tue, 01 Dec 2026 09:42:10 +0100\n    From: %s <%s>\n Subject: %s\n      To: %s\n\n%s\n\n----- End forwarded message -----' % (cn, ce, cn, ce, subj, to_e, body)
    if client == 'kerio':
        k = {'en':('-----Original message-----','From','Sent','To','Subject'),'cs':('-----Původní zpráva-----','Od','Odesláno','Komu','Předmět'),
             'sk':('-----Pôvodná správa-----','Od','Odoslané','Komu','Predmet'),'de':('-----Ursprüngliche Nachricht-----','Von','Gesendet','An','Betreff')}[lang]
        return '%s\n%s: %s <%s>\n%s: Út 01.12.2026 9:42\n%s: %s <%s>\n%s: %s\n\n%s' % (k[0], k[1], cn, ce, k[2], k[3], to_n, to_e, k[4], subj, body)
    if client == 'lotus_notes':
        if lang == 'de':
            return '----- Weitergeleitet von %s/EXAMPLE am 01.12.2026 10:05 -----\n\nVon:\t%s <%s>\nAn:\t%s <%s>\nDatum:\t01.12.2026 09:42\nBetreff:\t%s\n\n%s' % (to_n, cn, ce, to_n, to_e, subj, body)
        return '----- Forwarded by %s/EXAMPLE on 12/01/2026 10:05 AM -----\n\nFrom:\t%s <%s>\nTo:\t%s <%s>\nDate:\t12/01/2026 09:42 AM\nSubject:\t%s\n\n%s' % (to_n, cn, ce, to_n, to_e, subj, body)
    if client == 'groupwise':
        return '>>> %s <%s> 01.12.2026 09:42 >>>\n%s' % (cn, ce, body)
    if client == 'mail_ru':
        if lang == 'ru':
            return '-------- Пересылаемое сообщение --------\nОт кого: %s <%s>\nКому: %s <%s>\nДата: Вторник, 1 декабря 2026, 9:42 +03:00\nТема: %s\n\n%s' % (cn, ce, to_n, to_e, subj, body)
        return '-------- Forwarded message --------\nFrom: %s <%s>\nTo: %s <%s>\nDate: Tuesday, December 1, 2026, 9:42 +03:00\nSubject: %s\n\n%s' % (cn, ce, to_n, to_e, subj, body)
    if client == 'yandex':
        s, e = {'ru':('-------- Начало пересылаемого сообщения --------','-------- Конец пересылаемого сообщения --------'),
                'en':('-------- Beginning of forwarded message --------','-------- End of forwarded message --------'),
                'tr':('-------- Yönlendirilen mesajın başlangıcı --------','-------- Yönlendirilen mesajın sonu --------'),
                'uk':('-------- Початок пересланого повідомлення --------','-------- Кінець пересланого повідомлення --------')}[lang]
        return '%s\n01.12.2026, 09:42, "%s" <%s>:\n%s\n\n%s' % (s, cn, ce, body, e)
    if client == 'seznam':
        m = {'cs':'---------- Původní e-mail ----------','sk':'---------- Pôvodný e-mail ----------'}[lang]
        lab = ('Od','Komu','Datum','Předmět') if lang == 'cs' else ('Od','Komu','Dátum','Predmet')
        return '%s\n%s: %s <%s>\n%s: %s <%s>\n%s: 1. 12. 2026 9:42:10\n%s: %s\n%s' % (m, lab[0], cn, ce, lab[1], to_n, to_e, lab[2], lab[3], subj, body)
    if client == 'naver':
        return '-----Original Message-----\nFrom: "%s"<%s>\nTo: "%s"<%s>;\nCc: \nSent: 2026-12-01 (화) 09:42:10 (GMT+09:00)\nSubject: %s\n\n%s' % (cn, ce, to_n, to_e, subj, body)
    if client == 'qq_mail':
        return '------------------ 原始邮件 ------------------\n发件人: "%s" <%s>;\n发送时间: 2026年12月1日(星期二) 上午9:42\n收件人: "%s"<%s>;\n主题: %s\n\n%s' % (cn, ce, to_n, to_e, subj, body)
    if client == 'netease':
        return '-------- 转发邮件信息 --------\n发件人："%s" <%s>\n发送日期：2026-12-01 09:42:10\n收件人："%s" <%s>\n主题：%s\n\n%s' % (cn, ce, to_n, to_e, subj, body)
    if client == 'proton_mail':
        if lang == 'de':
            return '------- Weitergeleitete Nachricht -------\nVon: %s <%s>\nDatum: Am Dienstag, 1. Dezember 2026 um 09:42\nBetreff: %s\nAn: %s <%s>\n\n\n%s' % (cn, ce, subj, to_n, to_e, body)
        return '------- Forwarded Message -------\nFrom: %s <%s>\nDate: On Tuesday, December 1st, 2026 at 9:42 AM\nSubject: %s\nTo: %s <%s>\n\n\n%s' % (cn, ce, subj, to_n, to_e, body)
    if client == 'fastmail':
        return '----- Original message -----\nFrom: %s <%s>\nTo: %s <%s>\nSubject: %s\nDate: Tuesday, December 01, 2026 9:42 AM\n\n%s' % (cn, ce, to_n, to_e, subj, body)
    if client == 'em_client':
        e = {'en':('------ Original Message ------','From','To','Sent','Subject'),'de':('------ Originalnachricht ------','Von','An','Gesendet','Betreff'),
             'cs':('------ Původní zpráva ------','Od','Komu','Odesláno','Předmět'),'pl':('------ Wiadomość oryginalna ------','Od','Do','Wysłano','Temat'),
             'hu':('------ Eredeti levél ------','Feladó','Címzett','Elküldve','Tárgy')}[lang]
        return '%s\n%s: "%s" <%s>\n%s: %s <%s>\n%s: 01.12.2026 9:42:10\n%s: %s\n\n%s' % (e[0], e[1], cn, ce, e[2], to_n, to_e, e[3], e[4], subj, body)
    if client == 'samsung_email':
        s = {'en':('-------- Original message --------','From','Date','To','Subject'),'de':('-------- Ursprüngliche Nachricht --------','Von','Datum','An','Betreff'),
             'ko':('-------- 원본 메시지 --------','발신','날짜','수신','제목'),'pl':('-------- Oryginalna wiadomość --------','Od','Data','Do','Temat'),
             'hi':('-------- मूल संदेश --------','प्रेषक','दिनांक','प्रति','विषय'),'vi':('-------- Tin nhắn gốc --------','Từ','Ngày','Đến','Chủ đề'),
             'id':('-------- Pesan asli --------','Dari','Tanggal','Ke','Subjek'),'th':('-------- ข้อความต้นฉบับ --------','จาก','วันที่','ถึง','เรื่อง')}[lang]
        return '%s\n%s: %s <%s> \n%s: 01/12/2026 09:42 (GMT+01:00) \n%s: %s <%s> \n%s: %s \n\n%s' % (s[0], s[1], cn, ce, s[2], s[3], to_n, to_e, s[4], subj, body)
    if client == 'zoho_mail':
        return '============ Forwarded message ============\nFrom : %s <%s>\nTo : "%s" <%s>\nDate : Tue, 01 Dec 2026 09:42:10 +0100\nSubject : %s\n============ Forwarded message ============\n\n%s' % (cn, ce, to_n, to_e, subj, body)
    raise ValueError(client)

def fw_subject(client, lang, subj):
    if client in ('outlook_desktop', 'outlook_web', 'new_outlook', 'mailbird') and lang in OL_FW:
        return '%s: %s' % (OL_FW[lang], subj)
    if client in ('outlook_desktop', 'outlook_web', 'new_outlook', 'outlook_mac', 'outlook_ios', 'outlook_android', 'naver', 'mailbird', 'kerio', 'em_client', 'lotus_notes'):
        return 'FW: ' + subj
    if client == 'qq_mail':
        return '转发：' + subj
    if client in ('yahoo', 'netease', 'groupwise'):
        return 'Fw: ' + subj
    if client == 'zimbra' and lang == 'fr':
        return 'Tr : ' + subj
    return 'Fwd: ' + subj

MAILERS = {'outlook_desktop': ('X-Mailer', 'Microsoft Outlook 16.0'), 'outlook_web': ('X-MS-Exchange-Organization-AuthAs', 'Internal'),
 'new_outlook': ('X-MS-Has-Attach', ''), 'outlook_mac': ('User-Agent', 'Microsoft-MacOutlook/16.89.24110815'),
 'outlook_ios': ('X-Mailer', None), 'outlook_android': ('X-Mailer', None), 'gmail': ('X-Gm-Message-State', 'AOJu0YzExample'),
 'gmail_android': ('X-Gm-Message-State', 'AOJu0YwAndroid'), 'apple_mail': ('X-Mailer', 'Apple Mail (2.3826.300.87.4.3)'),
 'iphone_mail': ('X-Mailer', 'iPhone Mail (22B91)'), 'thunderbird': ('User-Agent', 'Mozilla Thunderbird'),
 'yahoo': ('X-Mailer', 'WebService/1.1.22876 YMailNorrin'), 'zimbra': ('X-Mailer', 'Zimbra 10.0.8_GA_4628 (ZimbraWebClient - FF132)'),
 'roundcube': ('User-Agent', 'Roundcube Webmail/1.6.9'), 'sogo': ('User-Agent', 'SOGoMail 5.11.2'), 'horde': ('User-Agent', 'Horde Application Framework 5'),
 'kerio': ('X-Mailer', 'Kerio Connect 10.0.5 WebMail'), 'lotus_notes': ('X-Mailer', 'Lotus Notes Release 9.0.1FP10 SHF383 October 04, 2019'),
 'groupwise': ('X-Mailer', 'GroupWise Internet Agent 18.5.0'), 'mail_ru': ('X-Mailer', 'Mail.Ru Mailer 1.0'), 'yandex': ('X-Mailer', 'Yamail [ http://yandex.ru ] 5.0'),
 'seznam': ('X-Mailer', 'szn-mime-2.1.61'), 'naver': ('X-Mailer', 'Naver Mail'), 'qq_mail': ('X-Mailer', 'QQMail 2.x'), 'netease': ('X-Mailer', 'Coremail Webmail Server Version XT5.0.14'),
 'proton_mail': ('X-Pm-Origin', 'internal'), 'fastmail': ('User-Agent', 'Cyrus-JMAP/3.11.0-alpha0'), 'spark': ('X-Mailer', 'Spark 3.15.2'),
 'airmail': ('X-Mailer', 'Airmail (624)'), 'mailbird': ('X-Mailer', 'Mailbird 3.0.21.0'), 'em_client': ('X-Mailer', 'eM_Client/10.1.4828.0'),
 'superhuman': ('X-Mailer', 'Superhuman Desktop (2026-11-30T18:02:11Z)'), 'hey': ('X-Mailer', 'HEY'), 'samsung_email': ('X-Mailer', 'Samsung Email 6.1.97.1'),
 'zoho_mail': ('X-Mailer', 'Zoho Mail'), 'outlook_android_': None}

SIGN = {'outlook_ios': 'Get Outlook for iOS', 'outlook_android': 'Get Outlook for Android', 'iphone_mail': 'Sent from my iPhone',
        'gmail_android': '', 'samsung_email': 'Sent from my Galaxy'}

HTML_CLIENTS = {'outlook_web', 'new_outlook', 'gmail', 'apple_mail', 'superhuman', 'hey', 'spark', 'proton_mail', 'sogo'}

def html_block_outlook(text_block):
    # render an Outlook header block (bold labels inside divRplyFwdMsg), body lines as divs
    out, in_hdr = [], False
    for ln in text_block.split('\n'):
        if ln.startswith('____'):
            out.append('<hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg" dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt" color="#000000">')
            in_hdr = True
            continue
        if in_hdr and ln == '':
            out.append('</font><div>&nbsp;</div></div>')
            in_hdr = False
            continue
        if in_hdr and ': ' in ln:
            k, v = ln.split(': ', 1)
            out.append('<b>%s:</b> %s<br>' % (html.escape(k), html.escape(v)))
        else:
            out.append('<div>%s</div>' % (html.escape(ln) or '<br>'))
    return '<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><style type="text/css" style="display:none;">P {margin-top:0;margin-bottom:0;}</style></head><body dir="ltr">\n' + '\n'.join(out) + '\n</body></html>'

def html_block_gmail(text):
    out = ['<div dir="ltr">']
    in_attr = False
    for ln in text.split('\n'):
        if ln.startswith('---------- Forwarded'):
            out.append('<div class="gmail_quote"><div dir="ltr" class="gmail_attr">%s<br>' % html.escape(ln)); in_attr = True; continue
        if in_attr and ln == '':
            out.append('</div><br><br>'); in_attr = False; continue
        if in_attr and '<' in ln and '@' in ln:
            k, v = ln.split(' ', 1)
            nm, em = v.rsplit(' <', 1)
            em = em.rstrip('>')
            out.append('%s <strong class="gmail_sendername" dir="auto">%s</strong> <span dir="auto">&lt;<a href="mailto:%s">%s</a>&gt;</span><br>' % (html.escape(k), html.escape(nm), em, em))
            continue
        out.append(('%s<br>' % html.escape(ln)) if in_attr else '<div>%s</div>' % (html.escape(ln) or '<br>'))
    out.append('</div></div>')
    return '<html><head></head><body>' + '\n'.join(out) + '</body></html>'

def html_for(client, text):
    if client in ('outlook_web', 'new_outlook', 'outlook_desktop', 'mailbird'):
        return html_block_outlook(text)
    if client in ('gmail', 'gmail_android', 'superhuman'):
        return html_block_gmail(text)
    if client in ('apple_mail', 'iphone_mail'):
        lines = text.split('\n')
        k = next(i for i, l in enumerate(lines) if l.rstrip().endswith(':') and l.strip() in APPLE_INTRO.values())
        head = ''.join('<div>%s</div>' % (html.escape(p) or '<br>') for p in lines[:k])
        rest = [l[2:] if l.startswith('> ') else ('' if l == '>' else l) for l in lines[k:]]
        out, in_hdr = [], True
        for j, p in enumerate(rest):
            if j >= 2 and p == '':
                in_hdr = False
            if in_hdr and j >= 2 and ': ' in p:
                lab, val = p.split(': ', 1)
                out.append('<div style="margin: 0px;"><span style="font-family: -apple-system, Helvetica, Arial, sans-serif;"><b>%s: </b></span><span>%s</span></div>' % (html.escape(lab), html.escape(val)))
            else:
                out.append('<div>%s</div>' % (html.escape(p) or '<br>'))
        body = head + '<div><br><blockquote type="cite">' + ''.join(out) + '</blockquote></div>'
        return '<html><head><meta http-equiv="content-type" content="text/html; charset=utf-8"></head><body style="overflow-wrap: break-word;">' + body + '</body></html>'
    return to_html(text)

# ---------------------------------------------------------------- emitters
def write(path, data, entry):
    full = os.path.join(ROOT, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, 'wb') as f:
        f.write(data)
    entry = dict(entry); entry['file'] = path
    MANIFEST.append(entry)

def nextn():
    COUNTER[0] += 1
    return COUNTER[0]

QUOTED_PEOPLE = [('Gideon Marsh', 'g.marsh@rivalsoft-sales.com'), ('Renata Obuchowska', 'renata.o@konkurent-crm.pl'),
                 ('Viktor Lang', 'viktor.lang@tradesuite-partners.de'), ('Akira Mori', 'a.mori@kyoei-consulting.jp'),
                 ('Isabel Quiroga', 'isabel@distribuciones-ebro.es'), ('Harriet Voss', 'harriet.voss@northpoint-advisory.com')]
QI = [0]

def quoted_tail(lang, kind, cust_email):
    qn, qe = QUOTED_PEOPLE[QI[0] % len(QUOTED_PEOPLE)]; QI[0] += 1
    L = OL.get(lang, OL['en'])
    qbody = 'Thanks for the call on Friday. As discussed, our list price is 42 EUR per seat per month,\nwith a 10% discount for a two-year term. Let me know if you have questions.\n\nBest,\n' + qn.split()[0]
    if kind == 0:
        return ('\n\n________________________________\n%s: %s <%s>\n%s: %s\n%s: %s\n%s: Re: Pricing follow-up\n\n%s' % (L[0], qn, qe, L[1], 'Monday, November 23, 2026 4:10 PM', L[2], cust_email, L[4], qbody)), qe
    if kind == 1:
        return ('\n\nOn Mon, Nov 23, 2026 at 4:10 PM %s <%s> wrote:\n' % (qn, qe) + '\n'.join('> ' + l for l in qbody.split('\n'))), qe
    return ('\n\n-----Original Message-----\nFrom: %s <%s>\nSent: Monday, November 23, 2026 4:10 PM\nTo: %s\nSubject: RE: Pricing follow-up\n\n%s' % (qn, qe, cust_email, qbody)), qe

DISCLAIMER = ('\n\n--\n{name}\n{company} | Tel. +{tel}\n\nCONFIDENTIALITY NOTICE: This e-mail and any attachments are intended only for the addressee. '
              'If you have received it in error, please notify the sender (info@{dom}) and delete it. '
              'Please do not forward this e-mail without permission.')

def cust_body(lang, cn, ce, flags):
    subj, text = TEXT[lang]
    body = text + '\n' + cn
    if 'sig' in flags:
        dom = ce.split('@')[1]
        body += DISCLAIMER.format(name=cn, company=dom.split('.')[0].replace('-', ' ').title(), tel='44 20 7946 0%03d' % (len(cn) * 7), dom=dom)
    qe = None
    if 'quoted' in flags:
        tail, qe = quoted_tail(lang, flags['quoted'], ce)
        body += tail
        subj = 'RE: ' + subj if flags['quoted'] != 1 else 'Re: ' + subj
    return subj, body, qe

def forward(client, lang, **flags):
    n = nextn()
    cn, ce = person(lang)
    col_n, col_e = colleague(flags.get('cs', 'utf-8'))
    subj, body, _ = cust_body(lang, cn, ce, flags)
    note_txt = note(lang) + '\n\n' + col_n.split()[0]
    if client in SIGN and SIGN[client]:
        note_txt += '\n\n' + SIGN[client]
    inner_to_n, inner_to_e = col_n, col_e
    if 'nested' in flags:
        c2n, c2e = colleague(flags.get('cs', 'utf-8'))
        inner_to_n, inner_to_e = c2n, c2e
    block = blk(flags.get('nested', client), lang, cn, ce, inner_to_n, inner_to_e, subj, body, n)
    referrer = col_e
    outer_base = subj
    if 'nested' in flags:
        # a second colleague received it first and forwarded it internally (its own client),
        # then the referrer forwarded that forward to the alias: subject carries two prefixes
        mid = 'Can you pass this to the sales inbox? Not my territory.\n\n' + c2n.split()[0] + '\n\n' + block
        outer_base = fw_subject(flags['nested'], lang, subj)
        block = blk(client, 'en', c2n, c2e, col_n, col_e, outer_base, mid, n + 1)
    if 'ext_nested' in flags:
        # the customer's own colleague wrote the request; the customer forwarded it to us
        bn, be = person(lang)
        be = be.split('@')[0] + '@' + ce.split('@')[1]
        inner = blk(flags['ext_nested'], lang, bn, be, cn, ce, subj, TEXT[lang][1] + '\n' + bn, n + 2)
        mid = 'Please see the request from our team below, we would like an offer.\n\n' + cn + '\n\n' + inner
        outer_base = fw_subject(flags['ext_nested'], lang, subj)
        block = blk(client, lang, cn, ce, col_n, col_e, outer_base, mid, n)
        cn, ce = bn, be
    text = note_txt + '\n\n' + block
    cs = flags.get('cs', 'utf-8')
    cte = flags.get('cte')
    fsub = fw_subject(client, lang, outer_base)
    mid_h = '<%s@%s>' % (nid('m%d' % n), 'example.com' if n % 5 else 'mail.example.com')
    heads = [received(n), ('From', addr(col_n, col_e, cs if cs != 'iso-2022-jp' else 'utf-8')), ('To', 'Sales Team <%s>' % ALIAS if n % 3 else ALIAS),
             ('Subject', hdr(fsub, 'utf-8' if cs in ('iso-2022-jp', 'gb2312', 'euc-kr', 'koi8-r') and n % 2 else ('utf-8' if cs == 'utf-8' else cs)) if not fsub.isascii() else fsub),
             ('Date', rfcdate(n) if n % 17 else None), ('Message-ID', mid_h if n % 13 else None)]
    if MAILERS.get(client) and MAILERS[client][1] is not None:
        heads.append(MAILERS[client])
    if client in ('outlook_desktop', 'outlook_web', 'new_outlook'):
        heads += [('Thread-Topic', hdr(subj)), ('Content-Language', {'en':'en-US','de':'de-DE','fr':'fr-FR'}.get(lang, lang))]
    mode = flags.get('mode', 'html' if client in HTML_CLIENTS and n % 3 == 0 else ('alt' if client in HTML_CLIENTS else 'plain'))
    if mode == 'plain':
        body_b = part('text/plain', text, cs, cte)
    elif mode == 'html':
        body_b = part('text/html', html_for(client, text), cs, cte or ('quoted-printable' if n % 2 else 'base64'))
    else:
        body_b = multipart('alternative', [part('text/plain', text, cs, cte or ('quoted-printable' if n % 2 else None)),
                                           part('text/html', html_for(client, text), cs, cte or 'quoted-printable')])
    if 'img' in flags:
        img = base64.encodebytes(b'\x89PNG\r\n\x1a\n' + hashlib.sha256(str(n).encode()).digest() * 4).replace(b'\n', b'\r\n')
        ip = b'Content-Type: image/png; name="image001.png"\r\nContent-Transfer-Encoding: base64\r\nContent-ID: <image001.png@01DB43A7.5E1C2B10>\r\nContent-Disposition: inline; filename="image001.png"\r\n\r\n' + img
        body_b = multipart('related', [body_b, ip], '; type="multipart/alternative"' if mode == 'alt' else '')
    if 'pdf' in flags:
        pdf = base64.encodebytes(b'%PDF-1.4\n%' + hashlib.sha256(str(n).encode()).digest() * 8).replace(b'\n', b'\r\n')
        pp = b'Content-Type: application/pdf; name="requirements.pdf"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename="requirements.pdf"\r\n\r\n' + pdf
        body_b = multipart('mixed', [body_b, pp])
    path = 'forward/%s/%s-%d.eml' % (client, lang, n)
    write(path, message(heads, body_b), dict(kind='forward', client=client, language=lang, lead=ce, referrer=referrer))

def inner_message(lang, cn, ce, col_n, col_e, n, cs='utf-8', flags=None):
    subj, body, _ = cust_body(lang, cn, ce, flags or {})
    heads = [('Return-Path', '<%s>' % ce), ('From', addr(cn, ce)), ('To', addr(col_n, col_e)), ('Subject', hdr(subj)),
             ('Date', rfcdate(n + 1, '+0200')), ('Message-ID', '<%s@%s>' % (nid('in%d' % n), ce.split('@')[1]))]
    return message(heads, part('text/plain', body + '\n', cs, 'quoted-printable' if n % 2 else None)), subj

def attached(client, lang, style, **flags):
    n = nextn()
    cn, ce = person(lang)
    col_n, col_e = colleague()
    inner, subj = inner_message(lang, cn, ce, col_n, col_e, n, flags=flags)
    note_txt = note(lang) + '\n\n' + col_n.split()[0] + '\n'
    if style == 'rfc822':
        ap = b'Content-Type: message/rfc822\r\nContent-Disposition: attachment; filename="' + ('msg-%d.eml' % n).encode() + b'"\r\n\r\n' + inner
    elif style == 'rfc822_b64':
        ap = b'Content-Type: message/rfc822; name="' + ('Anfrage.eml' if lang == 'de' else 'request.eml').encode() + b'"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment\r\n\r\n' + base64.encodebytes(inner).replace(b'\n', b'\r\n')
    else:
        ap = b'Content-Type: application/octet-stream; name="' + ('forwarded-%d.eml' % n).encode() + b'"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename="' + ('forwarded-%d.eml' % n).encode() + b'"\r\n\r\n' + base64.encodebytes(inner).replace(b'\n', b'\r\n')
    body = multipart('mixed', [part('text/plain', note_txt), ap])
    heads = [received(n), ('From', addr(col_n, col_e)), ('To', ALIAS), ('Subject', hdr(fw_subject(client, lang, subj))),
             ('Date', rfcdate(n)), ('Message-ID', '<%s@example.com>' % nid('a%d' % n))]
    if MAILERS.get(client):
        heads.append(MAILERS[client])
    write('forward/%s/%s-%d.eml' % ('attached_' + style, lang, n), message(heads, body),
          dict(kind='forward', client='attached_' + style, language=lang, lead=ce, referrer=col_e))

def resent(lang):
    n = nextn()
    cn, ce = person(lang)
    col_n, col_e = colleague()
    subj, body, _ = cust_body(lang, cn, ce, {})
    heads = [received(n), ('Resent-From', addr(col_n, col_e)), ('Resent-To', ALIAS), ('Resent-Date', rfcdate(n)),
             ('Resent-Message-ID', '<%s@example.com>' % nid('rs%d' % n)),
             ('From', addr(cn, ce)), ('To', addr(col_n, col_e)), ('Subject', hdr(subj)), ('Date', rfcdate(n - 1, '+0200')),
             ('Message-ID', '<%s@%s>' % (nid('ro%d' % n), ce.split('@')[1])), ('User-Agent', 'Mozilla Thunderbird')]
    write('forward/resent/%s-%d.eml' % (lang, n), message(heads, part('text/plain', body + '\n')),
          dict(kind='forward', client='resent', language=lang, lead=ce, referrer=col_e))

# ---------------------------------------------------------------- direct
FREEMAIL = {'de': 'web.de', 'pl': 'wp.pl', 'cs': 'seznam.cz', 'ru': 'mail.ru', 'ja': 'yahoo.co.jp', 'zh': 'qq.com', 'ko': 'naver.com',
            'it': 'libero.it', 'fr': 'orange.fr', 'tr': 'hotmail.com.tr', 'uk': 'ukr.net', 'bg': 'abv.bg', 'hu': 'freemail.hu',
            'sk': 'azet.sk', 'lv': 'inbox.lv', 'hi': 'rediffmail.com', 'en': 'gmail.com', 'es': 'outlook.es', 'fi': 'luukku.com',
            'ro': 'yahoo.ro', 'id': 'yahoo.co.id', 'vi': 'gmail.com', 'he': 'walla.co.il', 'el': 'hotmail.gr', 'sv': 'telia.com'}
DIRECT_EXTRA = {
 'en': "P.S. I forwarded your brochure to our CFO last week and she asked for the numbers.",
 'de': "PS: Ich bin ab dem 20. Dezember im Urlaub (out of office), bitte bis dahin antworten.",
 'fr': "PS : le message de votre collègue m'a été transféré par notre DSI.",
 'pl': "PS. Wiadomość przekazana dalej przez naszego prezesa – stąd moje pytanie.",
 'ru': "P.S. Ваше письмо мне переслал коллега, поэтому пишу напрямую.",
 'ja': "追伸：12月28日から1月5日まで不在（自動応答）となりますのでご了承ください。",
 'tr': "Not: 20 Aralık'tan itibaren ofis dışında olacağım, otomatik yanıt alırsanız lütfen beklemeyin.",
 'cs': "PS: Váš e-mail mi přeposlal kolega z IT.",
 'zh': "附言：我下周不在办公室，期间自动回复会告诉您我同事的联系方式。",
 'es': "PD: Mi compañero me reenvió su correo anterior; por eso le escribo.",
}

def direct(lang, free=False, reply_start=False, extra=False, sender=None, subj_override=None, fmt='plain', cs='utf-8', cte=None, quoted_rep=False, body_override=None):
    n = nextn()
    cn, ce = person(lang)
    if free:
        ce = ce.split('@')[0].replace('.', '_' if n % 2 else '.') + str(70 + n % 29) + '@' + FREEMAIL.get(lang, 'gmail.com')
    if sender:
        cn, ce = sender
    subj, text = TEXT[lang]
    if subj_override:
        subj = subj_override
    body = text + '\n' + cn
    if body_override:
        body = body_override + '\n\n' + cn
    if reply_start:
        body = 'Thanks for your message and the quick reply yesterday.\n\n' + body
        subj = 'Re: ' + subj
    if extra and lang in DIRECT_EXTRA:
        body += '\n\n' + DIRECT_EXTRA[lang]
    if quoted_rep:
        rn, re_ = colleague()
        body += '\n\nOn Mon, Nov 30, 2026 at 11:02 AM %s <%s> wrote:\n> Hello, following up on our webinar - would a short call help?\n> Best regards,\n> %s' % (rn, re_, rn)
        subj = 'Re: Following up on the webinar'
    heads = [('Return-Path', '<%s>' % ce), received(n, 'mx.' + ce.split('@')[1]), ('From', addr(cn, ce, 'utf-8')), ('To', ALIAS if n % 2 else 'Example Sales <%s>' % ALIAS),
             ('Subject', hdr(subj, 'utf-8')), ('Date', rfcdate(n, '+0300') if n % 11 else None), ('Message-ID', '<%s@%s>' % (nid('d%d' % n), ce.split('@')[1]) if n % 7 else None)]
    if fmt == 'plain':
        b = part('text/plain', body + '\n', cs, cte)
    elif fmt == 'html':
        b = part('text/html', to_html(body), cs, cte or 'base64')
    else:
        b = multipart('alternative', [part('text/plain', body + '\n', cs, cte), part('text/html', to_html(body), cs, 'quoted-printable')])
    client = 'freemail' if free else 'webmail'
    write('direct/%s-%d.eml' % (lang, n), message(heads, b), dict(kind='direct', client=client, language=lang, lead=ce))

# ---------------------------------------------------------------- robots
def robot(kind, client, lang, heads, body_b):
    n = nextn()
    write('%s/%s/%s-%d.eml' % (kind, client, lang, n), message(heads, body_b), dict(kind=kind, client=client, language=lang))
    return n

def orig_outbound(i, to='nadia.ferrante@quillbeck-health.com'):
    rn, re_ = COLLEAGUES[i % len(COLLEAGUES)]
    return ('Return-Path: <%s@example.com>\r\nFrom: %s <%s@example.com>\r\nTo: %s\r\nSubject: Following up on your trial\r\nDate: %s\r\nMessage-ID: <%s@example.com>\r\n'
            'Content-Type: text/plain; charset="utf-8"\r\n\r\nHi, just checking how the trial is going. Happy to help with setup.\r\n' % (re_, rn, re_, to, rfcdate(i), nid('ob%d' % i))).encode()

def dsn(reporting, rcpt, status, diag, action='failed'):
    return ('Reporting-MTA: dns; %s\r\nArrival-Date: %s\r\n\r\nFinal-Recipient: rfc822; %s\r\nOriginal-Recipient: rfc822;%s\r\nAction: %s\r\nStatus: %s\r\n'
            'Remote-MTA: dns; %s\r\nDiagnostic-Code: smtp; %s\r\n' % (reporting, rfcdate(3), rcpt, rcpt, action, status, 'mx.' + rcpt.split('@')[1], diag)).encode()

def report(human_text, dsn_b, orig_b, cs='utf-8', human_cte=None, rtype='delivery-status', hdrs_only=False):
    p1 = part('text/plain', human_text, cs, human_cte, ['Content-Description: Notification'])
    p2 = b'Content-Type: message/delivery-status\r\nContent-Description: Delivery report\r\n\r\n' + dsn_b
    if hdrs_only:
        p3 = b'Content-Type: text/rfc822-headers\r\nContent-Description: Undelivered Message Headers\r\n\r\n' + orig_b.split(b'\r\n\r\n')[0] + b'\r\n'
    else:
        p3 = b'Content-Type: message/rfc822\r\nContent-Description: Undelivered Message\r\n\r\n' + orig_b
    return multipart('report', [p1, p2, p3], '; report-type=%s' % rtype)

def bounces():
    B = []
    # Postfix, envelope <>
    i = 300
    rc = 'x.umbers@larkspur-freight.co.uk'
    robot('bounce', 'postfix', 'en', [('Return-Path', '<>'), received(i, 'mx.example.com'), ('From', 'MAILER-DAEMON@mx.example.com (Mail Delivery System)'),
          ('To', ALIAS), ('Subject', 'Undelivered Mail Returned to Sender'), ('Date', rfcdate(i)), ('Message-ID', '<20261201%s.mx.example.com>' % nid('pf')),
          ('Auto-Submitted', 'auto-replied')],
          report('This is the mail system at host mx.example.com.\n\nI\'m sorry to have to inform you that your message could not\nbe delivered to one or more recipients. It\'s attached below.\n\n<%s>: host mx.larkspur-freight.co.uk said: 550 5.1.1 <%s>:\n    Recipient address rejected: User unknown in virtual mailbox table\n' % (rc, rc),
                 dsn('mx.example.com', rc, '5.1.1', '550 5.1.1 User unknown'), orig_outbound(i, rc)))
    # Postfix German localised text, headers only
    rc = 'einkauf@moorwiesen-logistik.de'
    robot('bounce', 'postfix', 'de', [('Return-Path', '<>'), ('From', 'Mail Delivery System <MAILER-DAEMON@mail.example.com>'), ('To', ALIAS),
          ('Subject', hdr('Unzustellbare Nachricht – an Absender zurückgeschickt')), ('Date', rfcdate(301))],
          report('Dies ist das Mailsystem auf mail.example.com.\n\nIhre Nachricht konnte leider nicht zugestellt werden.\n\n<%s>: Postfach voll (552 5.2.2)\n' % rc,
                 dsn('mail.example.com', rc, '5.2.2', '552 5.2.2 Mailbox full'), orig_outbound(301, rc), hdrs_only=True))
    # Exim plain text
    rc = 'info@ceramiche-valdelsa.it'
    robot('bounce', 'exim', 'en', [('Return-Path', '<>'), ('From', 'Mail Delivery System <Mailer-Daemon@relay.example.com>'), ('To', ALIAS),
          ('Subject', 'Mail delivery failed: returning message to sender'), ('X-Failed-Recipients', rc), ('Auto-Submitted', 'auto-replied'),
          ('Date', rfcdate(302)), ('Message-ID', '<E1tQx2b-0004Zk-9R@relay.example.com>')],
          part('text/plain', 'This message was created automatically by mail delivery software.\n\nA message that you sent could not be delivered to one or more of its\nrecipients. This is a permanent error. The following address(es) failed:\n\n  %s\n    host mx.ceramiche-valdelsa.it [203.0.113.17]\n    SMTP error from remote mail server after RCPT TO:<%s>:\n    550 5.1.1 No such user here\n\n------ This is a copy of the message, including all the headers. ------\n\n%s' % (rc, rc, orig_outbound(302, rc).decode().replace('\r\n', '\n'))))
    # Exchange / O365 NDR English
    rc = 'pricing@ashgrove-legal.com'
    robot('bounce', 'office365', 'en', [('From', 'Microsoft Outlook <postmaster@exampleco.onmicrosoft.com>'), ('To', addr('Example Sales', ALIAS)),
          ('Subject', 'Undeliverable: Following up on your trial'), ('Date', rfcdate(303)), ('Message-ID', '<%s@DM6PR11MB4321.namprd11.prod.outlook.com>' % nid('ex')),
          ('X-MS-Exchange-Message-Is-Ndr', ''), ('Content-Language', 'en-US'), ('Auto-Submitted', 'auto-replied')],
          report("Your message to %s couldn't be delivered.\n\n%s wasn't found at ashgrove-legal.com.\n\nAction Required\nUnknown To address\n\nDiagnostic information for administrators:\nRemote server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'\n" % (rc, rc.split('@')[0]),
                 dsn('DM6PR11MB4321.namprd11.prod.outlook.com', rc, '5.1.10', '550 5.1.10 RESOLVER.ADR.RecipientNotFound'), orig_outbound(303, rc), hdrs_only=True))
    # Exchange localised NDRs (no Auto-Submitted, subject only + report)
    for lang, s, t in [('de', 'Unzustellbar: Following up on your trial', 'Ihre Nachricht an {r} konnte nicht zugestellt werden.'),
                       ('fr', 'Non remis : Following up on your trial', "Votre message à {r} n'a pas pu être remis."),
                       ('pl', 'Niedostarczalne: Following up on your trial', 'Nie można dostarczyć wiadomości do {r}.'),
                       ('ja', '配信不能: Following up on your trial', '{r} へのメッセージを配信できませんでした。'),
                       ]:
        rc = 'office@' + DOMAINS.get(lang, DOMAINS['en'])[0]
        robot('bounce', 'exchange', lang, [('From', 'postmaster@exchange.example.com'), ('To', addr('Example Sales', ALIAS)), ('Subject', hdr(s)),
              ('Date', rfcdate(304)), ('Message-ID', '<%s@exchange.example.com>' % nid('ex' + lang)), ('X-MS-Exchange-Message-Is-Ndr', '')],
              report(t.format(r=rc) + '\n\nDiagnostic: 550 5.4.1 Recipient address rejected: Access denied.\n',
                     dsn('exchange.example.com', rc, '5.4.1', '550 5.4.1 Recipient address rejected: Access denied'), orig_outbound(304, rc)))
    # Gmail DSN
    rc = 'tomasz@kruszywa-wisla.com.pl'
    robot('bounce', 'gmail', 'en', [('Return-Path', '<>'), ('From', 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>'), ('To', ALIAS),
          ('Subject', 'Delivery Status Notification (Failure)'), ('Date', rfcdate(305)), ('Message-ID', '<%s@mx.google.com>' % nid('g')), ('Auto-Submitted', 'auto-replied')],
          report("** Address not found **\n\nYour message wasn't delivered to %s because the address couldn't be found, or is unable to receive mail.\n\nThe response from the remote server was:\n550 5.1.1 The email account that you tried to reach does not exist.\n" % rc,
                 dsn('googlemail.com', rc, '5.1.1', '550-5.1.1 The email account that you tried to reach does not exist'), orig_outbound(305, rc), human_cte='quoted-printable'))
    # Gmail delay
    rc = 'sales@dijkstra-kassen.nl'
    robot('bounce', 'gmail', 'en', [('Return-Path', '<>'), ('From', 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>'), ('To', ALIAS),
          ('Subject', 'Delivery Status Notification (Delay)'), ('Date', rfcdate(306)), ('Auto-Submitted', 'auto-replied')],
          report("** Message not delivered yet **\n\nThere was a temporary problem delivering your message to %s. Gmail will retry for 46 more hours.\n" % rc,
                 dsn('googlemail.com', rc, '4.4.1', '421 4.4.1 Connection timed out', action='delayed'), orig_outbound(306, rc), hdrs_only=True))
    # qmail, unqualified MAILER-DAEMON
    rc = 'jan@haven-opslag.nl'
    robot('bounce', 'qmail', 'en', [('Return-Path', '<>'), ('From', 'MAILER-DAEMON'), ('To', ALIAS), ('Subject', 'failure notice'), ('Date', rfcdate(307))],
          part('text/plain', "Hi. This is the qmail-send program at mail.haven-opslag.nl.\nI'm afraid I wasn't able to deliver your message to the following addresses.\nThis is a permanent error; I've given up. Sorry it didn't work out.\n\n<%s>:\nSorry, no mailbox here by that name. (#5.1.1)\n\n--- Below this line is a copy of the message.\n\n%s" % (rc, orig_outbound(307, rc).decode().replace('\r\n', '\n'))))
    # Sendmail
    rc = 'zakupy@drukarnia-orlik.pl'
    robot('bounce', 'sendmail', 'en', [('Return-Path', '<>'), ('From', 'Mail Delivery Subsystem <MAILER-DAEMON@gw.example.com>'), ('To', '<%s>' % ALIAS),
          ('Subject', 'Returned mail: see transcript for details'), ('Auto-Submitted', 'auto-generated (failure)'), ('Date', rfcdate(308)), ('Message-Id', '<202612010942.4B19gA0x018223@gw.example.com>')],
          report('The original message was received at %s\nfrom localhost [127.0.0.1]\n\n   ----- The following addresses had permanent fatal errors -----\n<%s>\n    (reason: 550 5.7.1 Message rejected due to content restrictions)\n' % (rfcdate(308), rc),
                 dsn('gw.example.com', rc, '5.7.1', '550 5.7.1 Message rejected'), orig_outbound(308, rc)))
    # Amazon SES
    rc = 'ops@tidewater-robotics.io'
    robot('bounce', 'amazon_ses', 'en', [('Return-Path', '<>'), ('From', 'MAILER-DAEMON@amazonses.com'), ('To', ALIAS), ('Subject', 'Delivery Status Notification (Failure)'),
          ('Date', rfcdate(309)), ('Message-ID', '<0100019381e2a9f1-%s-000000@email.amazonses.com>' % nid('ses').lower()), ('X-SES-Outgoing', '2026.12.01-54.240.8.33')],
          report('An error occurred while trying to deliver the mail to the following recipients:\n%s\n' % rc, dsn('a8-33.smtp-out.amazonses.com', rc, '5.1.1', '550 5.1.1 user unknown'), orig_outbound(309, rc)))
    # SendGrid-style bounce notification (human-readable, no DSN)
    rc = 'leonor@vinhos-tamega.pt'
    robot('bounce', 'sendgrid', 'en', [('From', 'SendGrid <no-reply@sendgrid.net>'), ('To', ALIAS), ('Subject', 'Bounce notification: message to %s could not be delivered' % rc),
          ('Date', rfcdate(310)), ('Message-ID', '<%s@geopod-ismtpd-3>' % nid('sg')), ('Auto-Submitted', 'auto-generated')],
          part('text/plain', 'A message sent from your account bounced.\n\nRecipient: %s\nReason: 550 5.1.1 mailbox unavailable\nType: bounce\n\nYou are receiving this because bounce forwarding is enabled in Mail Settings.\n' % rc))
    # Postmark
    rc = 'hello@biscuiterie-vernet.fr'
    robot('bounce', 'postmark', 'en', [('From', 'Postmark Support <support@postmarkapp.com>'), ('To', ALIAS), ('Subject', 'Hard bounce: %s' % rc),
          ('Date', rfcdate(311)), ('Message-ID', '<%s@postmarkapp.com>' % nid('pm')), ('X-PM-Message-Id', 'b2f1c0de-2026-4e11-9a3d-%s' % nid('pmx')[:12].lower()), ('Auto-Submitted', 'auto-generated')],
          part('text/plain', 'Postmark could not deliver your message to %s.\nBounce type: HardBounce\nDetails: smtp;550 5.1.1 The email account does not exist.\n' % rc))
    # Mailgun
    rc = 'kontakt@sklarna-jizera.cz'
    robot('bounce', 'mailgun', 'en', [('Return-Path', '<>'), ('From', 'Mailgun <postmaster@mg.example.com>'), ('To', ALIAS), ('Subject', 'Delivery Status Notification (Failure)'),
          ('Date', rfcdate(312)), ('Message-ID', '<%s@mg.example.com>' % nid('mg'))],
          report('Delivery to the following recipient failed permanently:\n\n    %s\n' % rc, dsn('mg.example.com', rc, '5.0.0', '550 5.0.0 Requested action not taken: mailbox unavailable'), orig_outbound(312, rc), hdrs_only=True))
    # Yahoo
    rc = 'a.vorontsov@volga-instrument.ru'
    robot('bounce', 'yahoo', 'en', [('Return-Path', '<>'), ('From', 'MAILER-DAEMON@yahoo.com'), ('To', ALIAS), ('Subject', 'Failure Notice'), ('Date', rfcdate(313))],
          part('text/plain', "Sorry, we were unable to deliver your message to the following address.\n\n<%s>:\n554: delivery error: dd This user doesn't have a yahoo.com account\n\n--- Below this line is a copy of the message.\n\n%s" % (rc, orig_outbound(313, rc).decode().replace('\r\n', '\n'))))
    # Lotus Domino
    rc = 'k.babic@jadran-brodogradnja.hr'
    robot('bounce', 'domino', 'en', [('From', 'Postmaster@notes.example.com'), ('To', ALIAS), ('Subject', 'DELIVERY FAILURE: User k.babic (k.babic@jadran-brodogradnja.hr) not listed in Domino Directory'),
          ('Date', rfcdate(314)), ('Message-ID', '<OF%s.ON0025A1B2@notes.example.com>' % nid('dom'))],
          report('Your message\n\n  Subject: Following up on your trial\n\nwas not delivered to:\n\n  %s\n\nbecause:\n\n  User k.babic (%s) not listed in Domino Directory\n' % (rc, rc),
                 dsn('notes.example.com', rc, '5.1.1', '550 5.1.1 User not listed'), orig_outbound(314, rc)))
    # Yandex Russian, koi8-r text
    rc = 'ksenia.belousova@ural-stal.ru'
    robot('bounce', 'yandex', 'ru', [('Return-Path', '<>'), ('From', hdr('Почтовый робот Яндекса', 'koi8-r') + ' <mailer-daemon@yandex.ru>'), ('To', ALIAS),
          ('Subject', hdr('Недоставленное сообщение', 'koi8-r')), ('Date', rfcdate(315)), ('Auto-Submitted', 'auto-replied')],
          report('Это письмо создано автоматически сервером Яндекс.Почты.\n\nВаше письмо не может быть доставлено одному или нескольким получателям:\n\n<%s>: 550 5.7.1 Policy rejection on the target address\n' % rc,
                 dsn('mail.yandex.net', rc, '5.7.1', '550 5.7.1 Policy rejection'), orig_outbound(315, rc), cs='koi8-r', human_cte='8bit'))
    # GroupWise status
    rc = 'ruta.petrauskiene@nemunas-agro.lt'
    robot('bounce', 'groupwise', 'en', [('From', 'postmaster@gw.example.com'), ('To', ALIAS), ('Subject', 'Message status - undeliverable'), ('Date', rfcdate(316))],
          part('text/plain', 'The message that you sent was undeliverable to the following:\n\t%s (user unknown)\n\nPossible causes: the address is misspelled or the account was closed.\n\nOriginal message header:\n%s' % (rc, orig_outbound(316, rc).decode().replace('\r\n', '\n').split('\n\n')[0])))

AUTO_SUBJ = {'de':'Automatische Antwort','fr':'Réponse automatique :','es':'Respuesta automática','it':'Risposta automatica','nl':'Automatisch antwoord',
 'pl':'Automatyczna odpowiedź','cs':'Automatická odpověď','sk':'Automatická odpoveď','hu':'Automatikus válasz','ro':'Răspuns automat',
 'bg':'Автоматичен отговор','hr':'Automatski odgovor','sl':'Samodejni odgovor','el':'Αυτόματη απάντηση','fi':'Automaattinen vastaus',
 'sv':'Automatiskt svar','da':'Automatisk svar','no':'Automatisk svar','et':'Automaatvastus','lv':'Automātiskā atbilde','lt':'Automatinis atsakymas',
 'tr':'Otomatik yanıt','ru':'Автоматический ответ','uk':'Автоматична відповідь','ja':'自動応答','zh':'自动回复','ko':'자동 회신',
 'he':'תשובה אוטומטית','pt':'Resposta automática','en':'Automatic reply','vi':'Trả lời tự động','id':'Balasan otomatis','ar':'رد تلقائي','th':'ตอบกลับอัตโนมัติ'}
OOO_TEXT = {'de':'Vielen Dank für Ihre Nachricht. Ich bin bis zum 4. Januar nicht im Büro und habe keinen Zugriff auf E-Mails.',
 'fr':"Merci pour votre message. Je suis absente jusqu'au 4 janvier. Pour toute urgence, contactez l'accueil.",
 'pl':'Dziękuję za wiadomość. Jestem na urlopie do 4 stycznia, w pilnych sprawach proszę pisać do biura.',
 'cs':'Děkuji za zprávu. Do 4. ledna jsem mimo kancelář, v naléhavých případech volejte recepci.',
 'ja':'メールありがとうございます。1月4日まで休暇のため不在にしております。',
 'ru':'Спасибо за письмо. Я в отпуске до 4 января, по срочным вопросам пишите коллегам.',
 'fi':'Kiitos viestistäsi. Olen lomalla 4.1. asti enkä lue sähköpostia.',
 'tr':'Mesajınız için teşekkürler. 4 Ocak tarihine kadar ofis dışındayım.',
 'hu':'Köszönöm levelét. Január 4-ig szabadságon vagyok.', 'sv':'Tack för ditt mejl. Jag är tjänstledig till den 4 januari.',
 'zh':'您好，我目前休假中，1月4日返回办公室。', 'ko':'메일 감사합니다. 1월 4일까지 휴가 중입니다.', 'el':'Σας ευχαριστώ για το μήνυμα. Θα λείπω έως τις 4 Ιανουαρίου.',
 'he':'תודה על פנייתך. אני מחוץ למשרד עד ה-4 בינואר.', 'ro':'Vă mulțumesc pentru mesaj. Sunt în concediu până pe 4 ianuarie.',
 'uk':'Дякую за лист. Я у відпустці до 4 січня.', 'et':'Aitäh kirja eest. Olen puhkusel kuni 4. jaanuarini.', 'lt':'Ačiū už laišką. Atostogauju iki sausio 4 d.',
 'en':'Thank you for your email. I am out of the office until January 4 with limited access to email.', 'bg':'Благодаря за писмото. В отпуск съм до 4 януари.',
 'id':'Terima kasih atas email Anda. Saya sedang cuti hingga 4 Januari.', 'pt':'Obrigado pela sua mensagem. Estou ausente até 4 de janeiro.'}

def autoreplies():
    specs = [  # (client, lang, style)
        ('exchange', 'de', 'full'), ('exchange', 'fr', 'full'), ('exchange', 'pl', 'subject_only'), ('exchange', 'cs', 'suppress'),
        ('exchange', 'ja', 'full'), ('exchange', 'hu', 'subject_only'), ('exchange', 'he', 'full'),
        ('google_workspace', 'en', 'gmail'), ('google_workspace', 'tr', 'gmail'),
        ('zimbra', 'ru', 'x_autoreply'), ('zimbra', 'ro', 'x_autoreply'), ('mail_ru', 'uk', 'x_autoreply'),
        ('helpdesk', 'en', 'ticket'), ('helpdesk', 'sv', 'ticket'), ('helpdesk', 'zh', 'ticket_prec'),
        ('exchange', 'lt', 'subject_only'),
    ]
    for k, (client, lang, style) in enumerate(specs):
        n = 400 + k
        pn, pe = person(lang)
        subj0 = 'Following up on your trial'
        heads = [received(n, 'mx.' + pe.split('@')[1]), ('From', addr(pn, pe)), ('To', addr('Example Sales', ALIAS))]
        txt = OOO_TEXT.get(lang, OOO_TEXT['en']) + '\n\n' + pn
        if style in ('full', 'suppress', 'subject_only'):
            s = AUTO_SUBJ[lang]
            sub = s + ' ' + subj0 if s.endswith(':') else s + ': ' + subj0
            heads += [('Subject', hdr(sub)), ('Date', rfcdate(n)), ('Message-ID', '<%s@%s>' % (nid('oof%d' % n), pe.split('@')[1])), ('Thread-Topic', subj0)]
            if style == 'full':
                heads += [('Auto-Submitted', 'auto-generated'), ('X-Auto-Response-Suppress', 'All'), ('X-MS-Exchange-Inbox-Rules-Loop', pe)]
            elif style == 'suppress':
                heads += [('X-Auto-Response-Suppress', 'All')]
        elif style == 'gmail':
            sub = {'en': 'Out of office until Jan 4', 'fi': 'Poissa toimistolta 4.1. asti', 'tr': 'Ofis dışındayım (4 Ocak\'a kadar)'}[lang]
            heads += [('Subject', hdr(sub)), ('Date', rfcdate(n)), ('Message-ID', '<CA+%s@mail.gmail.com>' % nid('gv%d' % n)), ('Auto-Submitted', 'auto-replied'),
                      ('In-Reply-To', '<%s@example.com>' % nid('ob%d' % n))]
        elif style == 'x_autoreply':
            sub = {'ru': 'Re: ' + subj0, 'ro': 'Re: ' + subj0, 'uk': 'Автовідповідь: ' + subj0}[lang]
            heads += [('Subject', hdr(sub)), ('Date', rfcdate(n)), ('X-Autoreply', 'yes'), ('Auto-Submitted', 'auto-replied (vacation)') if lang == 'ro' else ('X-Autorespond', 'vacation')]
        elif style in ('ticket', 'ticket_prec'):
            pn, pe = {'en': ('Quillbeck Support', 'support@quillbeck-health.com'), 'sv': ('Västkust Fisk Kundservice', 'kundservice@vastkust-fisk.se'),
                      'zh': ('黄河科技 客服中心', 'service@huanghe-tech.cn')}[lang]
            heads[1] = ('From', addr(pn, pe))
            sub = {'en': '[Ticket #48213] We received your request: Following up on your trial', 'sv': 'Ärende #20931 har registrerats – Följer upp er provperiod',
                   'zh': '【工单 #77120】我们已收到您的邮件'}[lang]
            txt = {'en': 'Hello,\n\nThis is an automated confirmation: your request has been logged as ticket #48213.\nAn agent will get back to you within one business day.\n\nQuillbeck Support',
                   'sv': 'Hej!\n\nDetta är en automatisk bekräftelse. Ditt ärende har fått nummer 20931 och vi återkommer inom två arbetsdagar.\n\nKundservice',
                   'zh': '您好！\n\n这是一封自动回复邮件，您的请求已生成工单 #77120，我们会在一个工作日内回复。\n\n客服中心'}[lang]
            heads += [('Subject', hdr(sub)), ('Date', rfcdate(n)), ('Message-ID', '<ticket-%s@helpdesk>' % nid('t%d' % n))]
            heads += [('Auto-Submitted', 'auto-replied')] if style == 'ticket' else [('Precedence', 'auto_reply'), ('X-Auto-Response-Suppress', 'OOF, AutoReply')]
        cs = {'ja': 'iso-2022-jp', 'ru': 'koi8-r', 'pl': 'windows-1250', 'cs': 'iso-8859-2', 'ko': 'euc-kr', 'zh': 'gb2312', 'bg': 'windows-1251', 'el': 'iso-8859-7', 'he': 'windows-1255'}.get(lang, 'utf-8')
        robot('autoreply', client, lang, heads, part('text/plain', txt + '\n', cs, 'quoted-printable' if k % 3 == 0 and cs not in ('iso-2022-jp',) else None))

def receipts():
    specs = [('outlook', 'en', 'Read: Following up on your trial', 'displayed'), ('outlook', 'de', 'Gelesen: Following up on your trial', 'displayed'),
             ('outlook', 'cs', 'Přečteno: Following up on your trial', 'displayed'), ('thunderbird', 'en', 'Return Receipt (displayed) - Following up on your trial', 'displayed'),
             ('outlook', 'fr', 'Non lu : Following up on your trial', 'deleted'),
             ('lotus_notes', 'ja', '開封済み: Following up on your trial', 'displayed')]
    for k, (client, lang, s, disp) in enumerate(specs):
        n = 500 + k
        pn, pe = person(lang)
        human = {'en': 'Your message\n\n  To: %s\n  Subject: Following up on your trial\n\nwas read on %s.' % (pe, rfcdate(n)),
                 }.get(lang, 'Your message was %s on %s.' % (disp, rfcdate(n)))
        mdn = ('Reporting-UA: %s; Microsoft Outlook 16.0\r\nFinal-Recipient: rfc822;%s\r\nOriginal-Message-ID: <%s@example.com>\r\nDisposition: manual-action/MDN-sent-manually; %s\r\n' % (pe.split('@')[1], pe, nid('ob%d' % n), disp)).encode()
        body = multipart('report', [part('text/plain', human + '\n'), b'Content-Type: message/disposition-notification\r\n\r\n' + mdn], '; report-type=disposition-notification')
        heads = [('From', addr(pn, pe)), ('To', ALIAS), ('Subject', hdr(s)), ('Date', rfcdate(n)), ('Message-ID', '<%s@%s>' % (nid('mdn%d' % n), pe.split('@')[1]))]
        robot('receipt', client, lang, heads, body)

def feedbacks():
    # ARF from a mailbox provider feedback loop
    arf = ('Feedback-Type: abuse\r\nUser-Agent: ExampleFBL/1.0\r\nVersion: 1\r\nOriginal-Mail-From: <newsletter@example.com>\r\nArrival-Date: %s\r\nSource-IP: 198.51.100.77\r\nReported-Domain: example.com\r\n' % rfcdate(1)).encode()
    for k, (client, frm, lang) in enumerate([('yahoo_fbl', 'Yahoo! Mail AntiSpam Feedback <feedback@arf.mail.yahoo.com>', 'en'),
                                          ('microsoft_jmrp', 'staff@hotmail.com', 'en')]):
        n = 600 + k
        body = multipart('report', [part('text/plain', 'This is an email abuse report for an email message received from IP 198.51.100.77 on %s.\n' % rfcdate(n)),
                                    b'Content-Type: message/feedback-report\r\n\r\n' + arf, b'Content-Type: message/rfc822\r\nContent-Disposition: inline\r\n\r\n' + orig_outbound(n, 'reader%d@hotmail.com' % n)], '; report-type=feedback-report')
        robot('feedback', client, lang, [('From', frm), ('To', ALIAS), ('Subject', 'FW: Following up on your trial' if k else 'Abuse Report'), ('Date', rfcdate(n)),
              ('Message-ID', '<%s@fbl>' % nid('arf%d' % n))], body)
    # DMARC aggregate reports (gzip/zip attachment)
    for k, (client, frm, sub, ext, ct) in enumerate([
            ('google_dmarc', 'noreply-dmarc-support@google.com', 'Report domain: example.com Submitter: google.com Report-ID: 1473820095512774302', 'zip', 'application/zip'),
            ('microsoft_dmarc', 'DMARC Aggregate Report <dmarcreport@microsoft.com>', 'Report Domain: example.com Submitter: protection.outlook.com Report-ID: 9b1c2f07aa5e4b0c8e55d0c1f00d1e2a', 'xml.gz', 'application/gzip'),
            ('tlsrpt', 'tls-reports@mail.example.net', 'Report Domain: example.com Submitter: mail.example.net Report-ID: <2026.12.01T00.00.00Z+example.com@mail.example.net>', 'json.gz', 'application/tlsrpt+gzip')]):
        n = 610 + k
        blob = base64.encodebytes(b'\x1f\x8b\x08\x00' + b'\x00' * 6 + hashlib.sha256(sub.encode()).digest() * 6).replace(b'\n', b'\r\n')
        fn = 'google.com!example.com!1764547200!1764633599.%s' % ext
        att = ('Content-Type: %s; name="%s"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename="%s"\r\n\r\n' % (ct, fn, fn)).encode() + blob
        body = multipart('mixed', [part('text/plain', 'This is an aggregate report from %s.\n' % frm.split('@')[1].rstrip('>')), att])
        robot('feedback', client, 'en', [('From', frm), ('To', 'dmarc@example.com'), ('Cc', ALIAS), ('Subject', sub), ('Date', rfcdate(n)), ('Message-ID', '<%s@dmarc>' % nid('dm%d' % n))]
              + ([('TLS-Report-Domain', 'example.com'), ('TLS-Report-Submitter', 'mail.example.net')] if client == 'tlsrpt' else []), body)

def bulk_and_noreply():
    bulk = [
        ('mailchimp', 'en', 'Cascade Events <hello@cascade-events.io>', 'Early-bird tickets for RevOps Summit 2027', 'Join 2,000 revenue leaders in Lisbon. Early-bird pricing ends Friday.', 'full'),
        ('hubspot', 'de', 'Anna von Brightlane <anna@news.brightlane-software.de>', 'Ihr Dezember-Update: 5 neue Funktionen', 'Hallo, hier sind die Neuigkeiten des Monats aus unserem Produkt.', 'unsub_only'),
        ('sendinblue', 'fr', 'Le Journal du SaaS <lettre@journal-saas.fr>', 'La lettre hebdo : tendances CRM 2027', 'Cette semaine : pourquoi les équipes commerciales automatisent leur prospection.', 'full'),
        ('mailing_list', 'en', 'Wendell Park <wendell.park@gmail.com>', '[revops-forum] Anyone using intent data for SMB?', 'Curious what tools folks are using. We tried two vendors last quarter.', 'list'),
        ('newsletter', 'ja', 'ビジネスIT通信 <news@bizit-tsushin.jp>', '【週刊】営業DXの最新事例', '今週は製造業における営業DXの事例を紹介します。', 'full'),
        ('newsletter', 'pl', 'Portal Handlowca <newsletter@portalhandlowca.pl>', 'Newsletter: 7 sposobów na lepszy lejek sprzedaży', 'W tym wydaniu: jak skrócić cykl sprzedaży w B2B.', 'precedence'),
    ]
    for k, (client, lang, frm, sub, txt, style) in enumerate(bulk):
        n = 700 + k
        dom = frm.split('@')[1].rstrip('>')
        heads = [('From', frm if frm.isascii() else '%s <%s>' % (hdr(frm.split(' <')[0]), frm.split('<')[1].rstrip('>'))), ('To', ALIAS), ('Subject', hdr(sub)), ('Date', rfcdate(n)),
                 ('Message-ID', '<%s@%s>' % (nid('b%d' % n), dom))]
        if style in ('full', 'unsub_only'):
            heads += [('List-Unsubscribe', '<https://%s/unsubscribe?u=%s>, <mailto:unsubscribe@%s?subject=unsubscribe>' % (dom, nid('u%d' % n).lower(), dom)),
                      ('List-Unsubscribe-Post', 'List-Unsubscribe=One-Click')]
        if style == 'full':
            heads += [('List-Id', '<newsletter.%s>' % dom), ('Precedence', 'bulk'), ('X-Campaign-Id', nid('c%d' % n)[:10])]
        if style == 'list':
            heads[1] = ('To', 'revops-forum@lists.revops-community.org')
            heads += [('Cc', ALIAS), ('List-Id', 'RevOps practitioners <revops-forum.lists.revops-community.org>'), ('List-Post', '<mailto:revops-forum@lists.revops-community.org>'),
                      ('Precedence', 'list'), ('Sender', 'revops-forum-bounces@lists.revops-community.org')]
        if style == 'precedence':
            heads += [('Precedence', 'bulk'), ('X-Mailer', 'FreshMail')]
        robot('bulk', client, lang, heads, multipart('alternative', [part('text/plain', txt + '\n\nUnsubscribe: https://%s/u\n' % dom), part('text/html', to_html(txt), 'utf-8', 'quoted-printable')]))
    noreply = [
        ('jira', 'en', 'Lena Fischer (Jira) <jira@example-team.atlassian.net>', '[JIRA] (SALES-412) Update pricing page for EU region', 'Lena Fischer changed the status to In Progress.', [('Auto-Submitted', 'auto-generated'), ('Precedence', 'bulk')]),
        ('calendly', 'en', 'Calendly <notifications@calendly.com>', 'New Event: Discovery call - Thu, Dec 3 2026', 'A new event has been scheduled on your calendar.', []),
        ('docusign', 'en', 'DocuSign via Docusign <dse_NA4@docusign.net>', 'Completed: Please DocuSign: Mutual NDA 2026', 'All parties have completed the envelope.', [('Auto-Submitted', 'auto-generated')]),
        ('linkedin', 'de', 'LinkedIn <messages-noreply@linkedin.com>', 'Sie haben 3 neue Nachrichten', 'Ihr Netzwerk wartet auf Sie.', [('List-Unsubscribe', '<https://www.linkedin.com/e/v2?unsub>')]),
        ('zoom', 'en', 'Zoom <no-reply@zoom.us>', 'Cloud Recording - Weekly pipeline review is now available', 'Your cloud recording is now available.', []),
        ('github', 'en', 'GitHub <noreply@github.com>', '[GitHub] A third-party OAuth application has been added to your account', 'Hey there! A third-party OAuth application was recently authorized.', []),
        ('teams', 'ja', 'Microsoft Teams <noreply@email.teams.microsoft.com>', 'チャットで メッセージを見逃しました', '佐藤さんからメッセージが届いています。', [('X-Auto-Response-Suppress', 'All')]),
        ('typeform', 'en', 'Typeform <no-reply@typeform.com>', 'Your form "Webinar feedback" got 12 new responses', 'Check out the latest responses in your dashboard.', []),
    ]
    for k, (client, lang, frm, sub, txt, extra) in enumerate(noreply):
        n = 720 + k
        dom = frm.split('@')[1].rstrip('>')
        heads = [('From', frm), ('To', ALIAS), ('Subject', hdr(sub)), ('Date', rfcdate(n)), ('Message-ID', '<%s@%s>' % (nid('nr%d' % n), dom))] + extra
        robot('noreply', client, lang, heads, part('text/plain', txt + '\n'))
    # colleague forwards a notification from a no-reply sender: still no lead
    for k, (client, lang, src) in enumerate([('gmail', 'en', ('LinkedIn', 'messages-noreply@linkedin.com', 'You appeared in 14 searches this week')),
                                              ('outlook_desktop', 'de', ('Calendly', 'no-reply@calendly.com', 'Canceled: Discovery call'))]):
        n = nextn()
        col_n, col_e = colleague()
        b = blk(client, lang, src[0], src[1], col_n, col_e, src[2], 'This is an automated notification. Please do not reply to this email.', n)
        text = 'FYI, not sure if this matters for the team.\n\n' + col_n.split()[0] + '\n\n' + b
        heads = [received(n), ('From', addr(col_n, col_e)), ('To', ALIAS), ('Subject', fw_subject(client, lang, src[2])), ('Date', rfcdate(n)), ('Message-ID', '<%s@example.com>' % nid('fn%d' % n))]
        write('noreply/forwarded_%s/%s-%d.eml' % (client, lang, n), message(heads, part('text/plain', text)), dict(kind='noreply', client='forwarded_' + client, language=lang))

def internal_and_replies():
    # internal notes with no external sender
    for k, (sub, txt) in enumerate([('Lunch & learn: new pricing calculator', 'Hi all, quick reminder that the pricing calculator demo is on Thursday.'),
                                    ('Re: Q1 territory split', 'Looks good to me - I will take DACH and the Nordics.\n\nOn Mon, Nov 30, 2026 at 3:12 PM Oskar Lindahl <oskar.lindahl@example.com> wrote:\n> Proposal attached, comments welcome.'),
                                    ('Fwd: Holiday schedule', '---------- Forwarded message ---------\nFrom: People Team <people@example.com>\nDate: Mon, Nov 30, 2026 at 9:00 AM\nSubject: Holiday schedule\nTo: <all@example.com>\n\nThe office is closed from Dec 24 to Jan 1.')]):
        n = nextn()
        c_n, c_e = colleague()
        heads = [received(n), ('From', addr(c_n, c_e)), ('To', ALIAS), ('Subject', sub), ('Date', rfcdate(n)), ('Message-ID', '<%s@example.com>' % nid('int%d' % n))]
        write('internal/%s-%d.eml' % ('en', n), message(heads, part('text/plain', txt + '\n\n' + c_n.split()[0] + '\n')), dict(kind='internal', client='internal', language='en'))
    # colleague replies in a thread: quoted reply header of a customer, not a forward
    for k, (lang, client) in enumerate([('en', 'outlook_desktop'), ('de', 'gmail'), ('fr', 'apple_mail'), ('pl', 'thunderbird')]):
        n = nextn()
        c_n, c_e = colleague()
        pn, pe = person(lang)
        L = OL.get(lang)
        if client == 'outlook_desktop':
            q = '________________________________\n%s: %s <%s>\n%s: %s\n%s: Example Sales <%s>\n%s: RE: %s\n\n%s' % (L[0], pn, pe, L[1], DATES[lang], L[2], ALIAS, L[4], TEXT[lang][0], TEXT[lang][1])
        else:
            w = {'de': 'Am Di., 1. Dez. 2026 um 09:42 Uhr schrieb %s <%s>:', 'fr': 'Le 1 déc. 2026 à 09:42, %s <%s> a écrit :', 'pl': 'W dniu 1.12.2026 o 09:42, %s pisze:'}[lang]
            q = (w % (pn, pe) if lang != 'pl' else w % ('%s <%s>' % (pn, pe))) + '\n' + '\n'.join('> ' + l for l in TEXT[lang][1].split('\n'))
        txt = 'I already replied to this one and booked a call, no new task needed.\n\n%s\n\n%s' % (c_n.split()[0], q)
        heads = [received(n), ('From', addr(c_n, c_e)), ('To', ALIAS), ('Cc', addr(pn, pe)), ('Subject', hdr('Re: ' + TEXT[lang][0])), ('Date', rfcdate(n)),
                 ('Message-ID', '<%s@example.com>' % nid('rep%d' % n)), ('In-Reply-To', '<%s@%s>' % (nid('orig%d' % n), pe.split('@')[1]))]
        write('reply/%s/%s-%d.eml' % (client, lang, n), message(heads, part('text/plain', txt + '\n')), dict(kind='reply', client=client, language=lang))

# ---------------------------------------------------------------- plan
def plan():
    F = []
    def f(client, langs, **fl):
        for l in langs:
            F.append((client, l, fl))
    f('outlook_desktop', ['pl', 'cs', 'sk', 'hu', 'ro', 'bg', 'hr', 'el', 'lt', 'ar'])
    f('outlook_desktop', ['ru'], cs='windows-1251', cte='quoted-printable')
    f('outlook_desktop', ['pl'], cs='windows-1250', cte='8bit')
    f('outlook_desktop', ['cs'], cs='windows-1250', cte='quoted-printable', sig=1)
    f('outlook_desktop', ['es'], sig=1, img=1)
    f('outlook_desktop', ['de'], quoted=0)
    f('outlook_desktop', ['en'], quoted=2, sig=1)
    f('outlook_web', ['fi', 'sv', 'tr', 'uk', 'he', 'hi'])
    f('outlook_web', ['nl'], quoted=0)
    f('new_outlook', ['it', 'zh'])
    f('new_outlook', ['fr'], quoted=1, img=1)
    f('new_outlook', ['ja'], mode='html', cte='base64')
    f('outlook_mac', ['en', 'de', 'fr', 'pl'])
    f('outlook_ios', ['en', 'tr'])
    f('outlook_android', ['id'])
    f('mailbird', ['da'])
    f('gmail', ['et', 'lv', 'sl', 'th', 'vi', 'da'])
    f('gmail', ['en'], quoted=1)
    f('gmail', ['ru'], quoted=1, cs='koi8-r')
    f('gmail', ['hi'], pdf=1)
    f('gmail_android', ['tr', 'id'])
    f('apple_mail', ['cs', 'sk', 'hu', 'ro', 'uk', 'no', 'el'])
    f('apple_mail', ['da'], quoted=2)
    f('iphone_mail', ['ja', 'ko', 'pt'])
    f('thunderbird', ['pl', 'cs', 'ru', 'fi', 'hu', 'ro', 'lt', 'et'])
    f('thunderbird', ['ja'], cs='iso-2022-jp', cte='7bit')
    f('thunderbird', ['de'], quoted=2)
    f('yahoo', ['pl', 'ro', 'el', 'vi', 'id', 'tr'])
    f('zimbra', ['pl', 'tr', 'fr'])
    f('roundcube', ['cs', 'pl', 'hu', 'hr'])
    f('sogo', ['fr'])
    f('horde', ['de'])
    f('kerio', ['sk'])
    f('lotus_notes', ['de', 'en'])
    f('groupwise', ['de'])
    f('mail_ru', ['ru'])
    f('mail_ru', ['ru'], cs='koi8-r', cte='8bit')
    f('yandex', ['ru', 'tr'])
    f('yandex', ['ru'], cs='windows-1251', cte='base64')
    f('seznam', ['cs', 'sk'])
    f('naver', ['ko'])
    f('naver', ['ko'], cs='euc-kr', cte='base64')
    f('qq_mail', ['zh'])
    f('qq_mail', ['zh'], cs='gb2312', cte='base64')
    f('netease', ['zh'], cs='gb2312', cte='quoted-printable')
    f('proton_mail', ['de'])
    f('fastmail', ['en'])
    f('spark', ['fi'])
    f('airmail', ['it'])
    f('hey', ['en'])
    f('superhuman', ['en'], quoted=0)
    f('em_client', ['cs', 'hu'])
    f('samsung_email', ['ko', 'hi', 'th'])
    f('zoho_mail', ['lv'])
    return F

def main():
    for client, lang, fl in plan():
        forward(client, lang, **fl)
    # forwards of forwards
    forward('outlook_desktop', 'sv', nested='gmail')
    forward('gmail', 'pl', nested='outlook_desktop')
    forward('apple_mail', 'de', nested='thunderbird')
    forward('outlook_web', 'ja', nested='outlook_desktop')
    forward('thunderbird', 'tr', nested='apple_mail')
    forward('outlook_desktop', 'fi', ext_nested='outlook_desktop')
    forward('gmail', 'ro', ext_nested='gmail')
    forward('outlook_web', 'en', ext_nested='apple_mail', sig=1)
    # attached forwards
    for lang in ['de', 'pl', 'ja']:
        attached('outlook_desktop', lang, 'rfc822')
    for lang in ['de', 'cs', 'tr']:
        attached('outlook_desktop', lang, 'rfc822_b64')
    for lang in ['en', 'hu', 'uk']:
        attached('thunderbird', lang, 'eml_octet')
    for lang in ['de', 'nl', 'sv']:
        resent(lang)
    # direct
    for lang in ['pl', 'cs', 'ru', 'ja', 'zh', 'tr', 'de', 'fr', 'es', 'en']:
        direct(lang, extra=True, free=lang in ('pl', 'ru', 'zh', 'cs'))
    for lang in ['sk', 'hu', 'bg', 'uk', 'ko', 'he', 'ar', 'hi', 'vi', 'th', 'id', 'lv', 'el', 'fi']:
        direct(lang, free=lang in ('sk', 'hu', 'bg', 'uk', 'ko', 'hi', 'lv'), fmt='alt' if lang in ('he', 'ar', 'th') else ('html' if lang in ('ko', 'vi') else 'plain'))
    direct('en', reply_start=True)
    direct('de', reply_start=True, free=True)
    direct('en', quoted_rep=True)
    direct('en', sender=('Operations Desk', 'info@larkspur-freight.co.uk'), subj_override='Out of office software for 200 staff - quote?',
           body_override="Hi,\n\nWe need one tool to manage out-of-office cover and shared inboxes for about 200 staff.\nDoes your Business plan handle that? Please send pricing for annual billing.\n\nThanks")
    direct('en', sender=('Automation Team', 'automation@tidewater-robotics.io'), subj_override='Automatic reply rules for our support queue - can you help?',
           body_override="Hello,\n\nWe are a three-person automation team. Our support queue sends an automatic reply today;\nwe would like to replace it with your routing rules. Could we get a trial and a quote for 12 seats?\n\nRegards")
    direct('sv', subj_override='Delivery status for our order + 10 more seats',
           body_override="Hej!\n\nKan ni bekräfta leveransstatus för vår senaste beställning? Vi vill dessutom\nutöka med 10 licenser från januari. Skicka gärna en offert.\n\nHälsningar")
    direct('ja', cs='iso-2022-jp', cte='7bit')
    direct('ru', cs='koi8-r', cte='8bit')
    direct('pl', cs='iso-8859-2', cte='quoted-printable')
    bounces()
    autoreplies()
    receipts()
    feedbacks()
    bulk_and_noreply()
    internal_and_replies()
    # manifest
    order = {'forward': 0, 'direct': 1, 'reply': 2, 'internal': 3, 'bounce': 4, 'autoreply': 5, 'receipt': 6, 'feedback': 7, 'bulk': 8, 'noreply': 9}
    MANIFEST.sort(key=lambda e: (order[e['kind']], e['file']))
    lines = ["# Issue 15's sixth held-out corpus (task a15), written unseen: the author read no",
             "# detector code, tests or phrase list (only holdout5's manifest header and one .eml for layout).",
             "# Every person and company is invented; formats modelled on public forward-parser fixtures and RFCs 3464/3834/5965/8098.",
             "# Generated by gen/gen.py (python3 stdlib).",
             'alias: %s' % ALIAS, 'company_domains: [example.com]', 'messages:']
    for e in MANIFEST:
        parts = ['file: %s' % e['file'], 'kind: %s' % e['kind'], 'client: %s' % e['client'], 'language: %s' % ('"%s"' % e['language'] if e['language'] in ('no', 'yes', 'on', 'off') else e['language'])]
        if e.get('lead'):
            parts.append('lead: %s' % e['lead'])
        if e.get('referrer'):
            parts.append('referrer: %s' % e['referrer'])
        lines.append('- {%s}' % ', '.join(parts))
    with open(os.path.join(ROOT, 'manifest.yaml'), 'w', encoding='utf-8') as fh:
        fh.write('\n'.join(lines) + '\n')
    print(len(MANIFEST), 'messages')

if __name__ == '__main__':
    main()
