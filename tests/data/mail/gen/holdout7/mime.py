"""Tiny byte-level MIME helpers (stdlib only) for the holdout7 generator."""

import base64, quopri, hashlib, random
from email.header import Header
from email.utils import formatdate

R = random.Random(7151)


def ew(s, cs="utf-8"):
    """Encode a header value as encoded-words when it is not ASCII."""
    try:
        s.encode("ascii")
        return s
    except UnicodeEncodeError:
        return Header(s, cs).encode()


def addr(name, email, cs="utf-8"):
    if not name:
        return email
    try:
        name.encode("ascii")
        if any(c in name for c in ',.@"()<>'):
            return '"%s" <%s>' % (name.replace('"', ""), email)
        return "%s <%s>" % (name, email)
    except UnicodeEncodeError:
        return "%s <%s>" % (Header(name, cs).encode(), email)


def mid(seed, dom="example.com"):
    h = hashlib.sha1(seed.encode()).hexdigest().upper()
    return "<%s.%s@%s>" % (h[:12], h[12:20], dom)


def date(n, tz="+0100"):
    # deterministic dates in late Nov / early Dec 2026
    day = 23 + n % 14
    mon, d = ("Nov", day) if day <= 30 else ("Dec", day - 30)
    wd = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][
        (day - 23) % 7
    ]  # 23 Nov 2026 is a Monday
    return "%s, %d %s 2026 %02d:%02d:%02d %s" % (
        wd,
        d,
        mon,
        7 + n % 11,
        (n * 7) % 60,
        (n * 13) % 60,
        tz,
    )


def body_part(text, subtype="plain", cs="utf-8", cte="8bit", extra=""):
    """Return bytes of a MIME entity (headers + body)."""
    raw = text.replace("\n", "\r\n").encode(cs)
    if cs.lower() == "iso-2022-jp":
        cte = "7bit"
    if cte == "base64":
        enc = base64.encodebytes(raw).replace(b"\n", b"\r\n")
    elif cte == "quoted-printable":
        enc = quopri.encodestring(raw.replace(b"\r\n", b"\n")).replace(b"\n", b"\r\n")
    else:
        enc = raw
    h = 'Content-Type: text/%s; charset="%s"%s\r\nContent-Transfer-Encoding: %s\r\n\r\n' % (
        subtype,
        cs,
        extra,
        cte,
    )
    return h.encode("ascii") + enc


def headers(pairs):
    out = []
    for k, v in pairs:
        if v is None:
            continue
        out.append("%s: %s" % (k, v))
    return ("\r\n".join(out) + "\r\n").encode("ascii")


def multipart(subtype, parts, params="", boundary=None):
    b = boundary or ("=_holdout7_%08x" % R.getrandbits(32))
    ct = 'multipart/%s; boundary="%s"%s' % (subtype, b, params)
    body = b"This is a multi-part message in MIME format.\r\n"
    for p in parts:
        body += b"\r\n--" + b.encode() + b"\r\n" + p
    body += b"\r\n--" + b.encode() + b"--\r\n"
    return ct, body


def entity(ct, body, extra=()):
    h = "Content-Type: %s\r\n" % ct
    for k, v in extra:
        h += "%s: %s\r\n" % (k, v)
    return h.encode("ascii") + b"\r\n" + body


def b64part(ct, data, disp=None, cid=None):
    h = "Content-Type: %s\r\nContent-Transfer-Encoding: base64\r\n" % ct
    if disp:
        h += "Content-Disposition: %s\r\n" % disp
    if cid:
        h += "Content-ID: <%s>\r\n" % cid
    return h.encode("ascii") + b"\r\n" + base64.encodebytes(data).replace(b"\n", b"\r\n")


def rnd(n):
    return bytes(R.getrandbits(8) for _ in range(n))


PNG = base64.b64decode(
    b"iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)
