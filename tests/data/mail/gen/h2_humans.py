"""Holdout 2: people — customers writing to the alias directly (some replying to a
colleague, quoting the colleague's header block), colleagues' replies and internal notes
(never leads)."""

from __future__ import annotations

from collections.abc import Iterator

from tests.data.mail.gen.h2_langs import LANGS
from tests.data.mail.gen.h2_mime import ALIAS, COLLEAGUES, addr, hdr, message, msgid, part

Entry = tuple[str, bytes, dict[str, object]]

DIRECT = (
    ("en", "plain"),
    ("de", "quoted-outlook"),
    ("fr", "quoted-gmail"),
    ("ja", "plain"),
    ("pl", "plain"),
    ("es", "quoted-apple"),
    ("ru", "plain"),
    ("sv", "quoted-outlook"),
)


def direct(start: int) -> Iterator[Entry]:
    for j, (code, how) in enumerate(DIRECT):
        i = start + j
        L = LANGS[code]
        me = f"{L.local}.d{i}@{L.domain}"
        c = COLLEAGUES[i % 4]
        text = f"{L.line}\n\n{L.name}\n"
        subject = L.line[:30]
        if how == "quoted-outlook":
            subject = f"AW: {subject}" if code == "de" else f"SV: {subject}"
            text += (
                f"\n{'_' * 32}\n{L.frm} {c[0]} <{c[1]}>\n{L.sent} {L.when}\n"
                f"{L.to} {L.name} <{me}>\n{L.subj} {L.line[:30]}\n\nHello, nice to meet you.\n"
            )
        elif how == "quoted-gmail":
            subject = f"Re: {subject}"
            text += f"\nLe lun. 7 déc. 2026 à 09:41, {c[0]} <{c[1]}> a écrit :\n> Bonjour !\n"
        elif how == "quoted-apple":
            subject = f"Re: {subject}"
            text += f"\nEl 7 dic 2026, a las 9:41, {c[0]} <{c[1]}> escribió:\n\n> Hola.\n"
        headers = [
            ("Return-Path", f"<{me}>"),
            ("From", addr(L.name, me)),
            ("To", ALIAS),
            ("Subject", hdr(subject)),
            ("Date", "Mon, 07 Dec 2026 15:00:00 +0100"),
            ("Message-ID", msgid(f"direct{i}", L.domain)),
        ]
        yield (
            f"direct/{code}-{how}-{i}.eml",
            message(headers, part("text/plain", text, L.charset, "quoted-printable")),
            {"kind": "direct", "client": "various", "language": code, "lead": me},
        )


REPLIES = (("en", "RE:"), ("de", "AW:"), ("fr", "RE :"), ("it", "R:"), ("nl", "Re:"), ("fi", "VS:"))


def replies(start: int) -> Iterator[Entry]:
    """A colleague replies to a customer and copies the alias: the block quoted is a reply's,
    and the subject says so (I-4: a quoted reply header is not a forward marker)."""
    for j, (code, prefix) in enumerate(REPLIES):
        i = start + j
        L = LANGS[code]
        c = COLLEAGUES[i % 4]
        them = f"{L.local}.r{i}@{L.domain}"
        text = (
            f"Thanks, I'll send the quote today.\n\n{c[0]}\n\n{'_' * 32}\n{L.frm} {L.name} "
            f"<{them}>\n{L.sent} {L.when}\n{L.to} {c[0]} <{c[1]}>\n{L.subj} "
            f"{L.line[:30]}\n\n{L.line}\n"
        )
        headers = [
            ("Return-Path", f"<{c[1]}>"),
            ("From", addr(*c)),
            ("To", addr(L.name, them)),
            ("Cc", ALIAS),
            ("Subject", hdr(f"{prefix} {L.line[:30]}")),
            ("Date", "Mon, 07 Dec 2026 16:00:00 +0100"),
            ("Message-ID", msgid(f"reply{i}", "mail.example.com")),
            ("In-Reply-To", f"<orig{i}@{L.domain}>"),
        ]
        yield (
            f"reply/{code}-{i}.eml",
            message(headers, part("text/plain", text)),
            {"kind": "reply", "client": "outlook_desktop", "language": code, "ignored": True},
        )


def internal(start: int) -> Iterator[Entry]:
    notes = (
        "Team lunch moved to 1pm.",
        "Can someone cover the demo on Wednesday?",
        "Reminder: pipeline review at 4.",
    )
    for j, text in enumerate(notes):
        i = start + j
        c = COLLEAGUES[i % 4]
        headers = [
            ("Return-Path", f"<{c[1]}>"),
            ("From", addr(*c)),
            ("To", ALIAS),
            ("Subject", text.split(".")[0][:40]),
            ("Date", "Mon, 07 Dec 2026 17:00:00 +0100"),
            ("Message-ID", msgid(f"int{i}", "mail.example.com")),
        ]
        yield (
            f"internal/{j + 1}.eml",
            message(headers, part("text/plain", text + "\n")),
            {"kind": "internal", "client": "various", "language": "en", "ignored": True},
        )
