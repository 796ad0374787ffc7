"""Holdout 2: forwards — every client of h2_clients in rotating languages and body shapes
(plain / HTML-only / alternative; 8bit in a local charset, quoted-printable, base64), plus
the structural cases: attached forwards, forwards of forwards, an original that quotes an
earlier header block, a signature before the block, no subject prefix."""

from __future__ import annotations

import base64
import itertools
from collections.abc import Iterator

from tests.data.mail.gen.h2_clients import CLIENTS, FIXED_LANGS, Orig, outlook_desktop
from tests.data.mail.gen.h2_langs import LANGS, Lang
from tests.data.mail.gen.h2_mime import (
    ALIAS,
    COLLEAGUES,
    addr,
    hdr,
    message,
    msgid,
    multipart,
    part,
    rfc_date,
    to_html,
)

Entry = tuple[str, bytes, dict[str, object]]  # file, raw bytes, manifest fields

ROTATION = [c for c in LANGS if c != "en"]
SHAPES = ("alt-qp", "plain-8bit", "plain-b64", "html-only", "plain-qp")


def subject_of(L: Lang) -> str:
    words = L.line.split()
    return " ".join(words[: 5 if len(words) > 5 else len(words)]).rstrip("?？;")


def orig_for(L: Lang, n: int, colleague: tuple[str, str]) -> Orig:
    return Orig(
        name=L.name,
        email=f"{L.local}{n}@{L.domain}",
        to_name=colleague[0],
        to_email=colleague[1],
        subject=subject_of(L),
        when=L.when,
        body=f"{L.line}\n\n{L.name}\n{L.domain}",
    )


def body_bytes(plain: str, html: str | None, shape: str, charset: str, seed: str) -> bytes:
    if html is not None and (not plain or shape == "html-only"):
        return part("text/html", html, charset, "base64" if "b64" in shape else "quoted-printable")
    if html is not None and shape.startswith("alt"):
        return multipart(
            "alternative",
            [part("text/plain", plain, charset), part("text/html", html, charset)],
            seed,
        )
    cte = {"plain-8bit": "8bit", "plain-b64": "base64"}.get(shape, "quoted-printable")
    if shape == "html-only":  # a plain-only client's text sent as HTML by the webmail
        return part("text/html", to_html(plain), charset, "quoted-printable")
    return part("text/plain", plain, charset, cte)


def outer(
    i: int, L: Lang, colleague: tuple[str, str], subject: str, body: bytes, **extra: str
) -> bytes:
    headers = [
        ("Return-Path", f"<{colleague[1]}>"),
        ("From", addr(*colleague)),
        ("To", extra.get("to", ALIAS)),
    ]
    if "cc" in extra:
        headers.append(("Cc", extra["cc"]))
    headers += [
        ("Subject", hdr(subject, L.charset)),
        ("Date", rfc_date(i)),
        ("Message-ID", msgid(f"fwd{i}", "mail.example.com")),
    ]
    return message(headers, body)


def client_forwards(start: int) -> Iterator[Entry]:
    langs = itertools.cycle(ROTATION)
    shapes = itertools.cycle(SHAPES)
    n = start
    for client, render in CLIENTS.items():
        picks = FIXED_LANGS.get(client) or ("en", next(langs), next(langs), next(langs))
        for k, code in enumerate(picks):
            n += 1
            L = LANGS[code]
            colleague = COLLEAGUES[n % len(COLLEAGUES)]
            o = orig_for(L, n, colleague)
            plain, html = render(L, o)
            shape = next(shapes)
            charset = L.charset if shape == "plain-8bit" or k % 2 else "utf-8"
            body = body_bytes(plain, html, shape, charset, f"{client}{n}")
            subject = f"{L.prefix} {o.subject}"
            raw = outer(n, L, colleague, subject, body)
            yield (
                f"forward/{client}/{code}-{n}.eml",
                raw,
                {
                    "kind": "forward",
                    "client": client,
                    "language": code,
                    "lead": o.email,
                    "referrer": colleague[1],
                },
            )


# --- structural cases ---------------------------------------------------------------------


def inner_message(L: Lang, o: Orig, i: int) -> bytes:
    """The customer's original as a whole RFC 5322 message (what gets attached)."""
    return message(
        [
            ("From", addr(o.name, o.email)),
            ("To", addr(o.to_name, o.to_email)),
            ("Subject", hdr(o.subject)),
            ("Date", rfc_date(i + 300)),
            ("Message-ID", msgid(f"inner{i}", L.domain)),
        ],
        part("text/plain", o.body + "\n", L.charset, "quoted-printable"),
    )


def attached(start: int) -> Iterator[Entry]:
    cases = (
        ("rfc822_inline", "de", "7bit"),
        ("rfc822_inline", "ja", "7bit"),
        ("rfc822_base64", "pl", "base64"),
        ("rfc822_base64", "fr", "base64"),
        ("eml_octet_stream", "sv", "eml"),
        ("eml_octet_stream", "ru", "eml"),
        ("eml_octet_stream", "en", "eml"),
        ("rfc822_inline", "el", "7bit"),
    )
    for j, (client, code, how) in enumerate(cases):
        n = start + j + 1
        L = LANGS[code]
        colleague = COLLEAGUES[n % 4]
        o = orig_for(L, n, colleague)
        inner = inner_message(L, o, n)
        note = part("text/plain", f"{L.note}\n", "utf-8", "quoted-printable")
        if how == "7bit":
            att = b"Content-Type: message/rfc822\r\nContent-Disposition: inline\r\n\r\n" + inner
        elif how == "base64":
            att = (
                b"Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n"
                b'Content-Disposition: attachment; filename="original.eml"\r\n\r\n'
                + base64.encodebytes(inner).replace(b"\n", b"\r\n")
            )
        else:
            att = (
                b'Content-Type: application/octet-stream; name="'
                + o.subject[:10].encode("ascii", "replace")
                + b'.eml"\r\nContent-Transfer-Encoding: base64\r\n'
                b'Content-Disposition: attachment; filename="message.eml"\r\n\r\n'
                + base64.encodebytes(inner).replace(b"\n", b"\r\n")
            )
        body = multipart("mixed", [note, att], f"att{n}")
        raw = outer(n, L, colleague, f"{L.prefix} {o.subject}", body)
        yield (
            f"forward/{client}/{code}-{n}.eml",
            raw,
            {
                "kind": "forward",
                "client": client,
                "language": code,
                "lead": o.email,
                "referrer": colleague[1],
                "case": f"attached forward ({how})",
            },
        )


def structural(start: int) -> Iterator[Entry]:
    n = start
    # 1. a forward of a forward: a colleague forwarded to another, who forwards to sales
    for code in ("en", "de", "es", "fi"):
        n += 1
        L = LANGS[code]
        first, second = COLLEAGUES[n % 4], COLLEAGUES[(n + 1) % 4]
        o = orig_for(L, n, first)
        inner_plain, _ = CLIENTS["gmail_web"](L, o)
        mid = Orig(
            first[0],
            first[1],
            second[0],
            second[1],
            f"{L.prefix} {o.subject}",
            L.when,
            inner_plain.strip(),
        )
        plain, html = outlook_desktop(L, mid)
        body = body_bytes(plain, html, "alt-qp", "utf-8", f"ff{n}")
        raw = outer(n, L, second, f"{L.prefix} {L.prefix} {o.subject}", body)
        yield (
            f"forward/nested/{code}-{n}.eml",
            raw,
            {
                "kind": "forward",
                "client": "nested",
                "language": code,
                "lead": o.email,
                "referrer": second[1],
                "case": "forward of a colleague's forward",
            },
        )
    # 2. the customer's mail itself quotes an earlier reply header block (a third party)
    for code, client in (
        ("en", "outlook_desktop"),
        ("nl", "gmail_web"),
        ("it", "apple_mail"),
        ("pt", "thunderbird_old"),
        ("cs", "outlook_web"),
    ):
        n += 1
        L = LANGS[code]
        colleague = COLLEAGUES[n % 4]
        o = orig_for(L, n, colleague)
        third = f"rep{n}@rival-vendor-{n}.com"
        quoted = (
            f"{o.body}\n\n{'_' * 32}\n{L.frm} Pat Rival <{third}>\n{L.sent} {L.when}\n"
            f"{L.to} {o.name} <{o.email}>\n{L.subj} Re: {o.subject}\n\nOur offer stands."
        )
        o = Orig(o.name, o.email, o.to_name, o.to_email, o.subject, o.when, quoted)
        plain, html = CLIENTS[client](L, o)
        body = body_bytes(plain, html, "alt-qp", "utf-8", f"q{n}")
        raw = outer(n, L, colleague, f"{L.prefix} {o.subject}", body)
        yield (
            f"forward/{client}/{code}-quoted-{n}.eml",
            raw,
            {
                "kind": "forward",
                "client": client,
                "language": code,
                "lead": o.email,
                "referrer": colleague[1],
                "case": "original quotes an earlier header block",
            },
        )
    # 3. a long signature and disclaimer before the block; odd label spacing
    for code in ("de", "en", "hu"):
        n += 1
        L = LANGS[code]
        colleague = COLLEAGUES[n % 4]
        o = orig_for(L, n, colleague)
        sig = (
            f"{colleague[0]}\nAccount Executive\nExample Ltd | +44 20 7946 0000\n"
            "[cid:logo.png]\nCONFIDENTIALITY: this e-mail and any attachments are for the "
            "named recipient only. If you received it in error, delete it.\n"
        )
        plain = (
            f"{L.note}\n\n{sig}\n{'_' * 32}\n{L.frm}  {who_(o)}\n{L.sent}   {L.when}\n"
            f"{L.to}\t{o.to_email}\n{L.subj}  {o.subject}\n\n{o.body}\n"
        )
        raw = outer(
            n,
            L,
            colleague,
            f"{L.prefix} {o.subject}",
            part("text/plain", plain, "utf-8", "quoted-printable"),
        )
        yield (
            f"forward/signature_first/{code}-{n}.eml",
            raw,
            {
                "kind": "forward",
                "client": "signature_first",
                "language": code,
                "lead": o.email,
                "referrer": colleague[1],
                "case": "signature before block",
            },
        )
    # 4. the prefix removed by the colleague; alias only in Cc
    for code, client, how in (
        ("en", "gmail_web", "noprefix"),
        ("fr", "apple_mail", "noprefix"),
        ("sv", "outlook_desktop", "cc"),
        ("tr", "thunderbird_old", "cc"),
    ):
        n += 1
        L = LANGS[code]
        colleague = COLLEAGUES[n % 4]
        o = orig_for(L, n, colleague)
        plain, html = CLIENTS[client](L, o)
        body = body_bytes(plain, html, "alt-qp", "utf-8", f"s{n}")
        extra = {"to": addr(*COLLEAGUES[(n + 1) % 4]), "cc": ALIAS} if how == "cc" else {}
        subject = o.subject if how == "noprefix" else f"{L.prefix} {o.subject}"
        raw = outer(n, L, colleague, subject, body, **extra)
        yield (
            f"forward/{client}/{code}-{how}-{n}.eml",
            raw,
            {
                "kind": "forward",
                "client": client,
                "language": code,
                "lead": o.email,
                "referrer": colleague[1],
                "case": "no subject prefix",
            }
            if how == "noprefix"
            # Labelled a lead in the first run, by mistake: I-4 makes no task of a forward
            # with the alias only in Cc, and intake rightly ignored both.
            else {
                "kind": "internal",
                "client": client,
                "language": code,
                "ignored": True,
                "case": "a forward with the alias only in Cc (I-4: no task)",
            },
        )


def who_(o: Orig) -> str:
    return f'"{o.name}" <{o.email}>'


def forwards() -> list[Entry]:
    out = list(client_forwards(0))
    out += list(attached(len(out)))
    out += list(structural(len(out)))
    return out
