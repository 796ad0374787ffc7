"""Write the corpus: every message as an .eml file under tests/data/mail/<kind>/… and one
manifest.yaml with what intake should make of each (issue 15's acceptance corpus).

    .venv/bin/python -m tests.data.mail.gen.build

Deterministic: the same code writes the same bytes (seeded per message)."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import yaml

from . import robots as r
from . import robots2 as r2
from .fmt import ALIAS, COMPANY, Built, seed
from .forwards import systematic
from .humans import direct, hard_forwards, replies_and_internal
from .langs import LANGS
from .people import Registry

ROOT = Path(__file__).resolve().parent.parent
KINDS = (
    "forward",
    "direct",
    "reply",
    "internal",
    "bounce",
    "autoreply",
    "feedback",
    "receipt",
    "bulk",
    "noreply",
)


def robots(reg: Registry) -> Iterator[Built]:
    def b(
        path: str, raw: bytes, kind: str, client: str, lang: str = "en", case: str | None = None
    ) -> Built:
        return Built(path, raw, kind, client, lang, case=case)

    for i in range(8):
        rng = seed("postfix", i)
        yield b(
            f"bounce/postfix/{i + 1:02d}.eml",
            r.postfix(rng, headers_only=i % 2 == 1, auto=i % 3 != 0, eight_bit=i in (3, 6)),
            "bounce",
            "postfix",
            case="8-bit original with NUL bytes" if i in (3, 6) else None,
        )
    for i in range(6):
        yield b(
            f"bounce/exim/{i + 1:02d}.eml",
            r.exim(seed("exim", i), dsn=i % 2 == 0),
            "bounce",
            "exim",
        )
    senders = [
        "Mail Delivery Subsystem <MAILER-DAEMON@relay.{d}>",
        "Mail Delivery Subsystem <MAILER-DAEMON@relay.{d}>",
        "Mail Delivery Subsystem <MAILER-DAEMON@relay.{d}>",
        "MAILER-DAEMON@relay.{d} (Mail Delivery Subsystem)",
        "<>",
        "<>",
    ]
    for i, sender in enumerate(senders):
        rng = seed("sendmail", i)
        yield b(
            f"bounce/sendmail/{i + 1:02d}.eml",
            r.sendmail(rng, sender=sender.format(d=rng.choice(r.DOMAINS))),
            "bounce",
            "sendmail",
            case="null sender <>" if sender == "<>" else None,
        )
    for i, lang in enumerate(
        ["en", "de", "fr", "es", "it", "nl", "pl", "sv", "da", "fi", "pt", "ja", "cs", "tr"]
    ):
        kind = ["microsoft", "postmaster", "sysadmin"][i % 3]
        yield b(
            f"bounce/exchange/{lang}-{i + 1:02d}.eml",
            r.exchange(seed("exchange", i), lang, auto=i % 2 == 0, sender_kind=kind),
            "bounce",
            "exchange",
            lang,
        )
    for i in range(6):
        yield b(
            f"bounce/gmail/{i + 1:02d}.eml",
            r.gmail_dsn(seed("gmaildsn", i), delay=i >= 4),
            "bounce",
            "gmail",
        )
    for i in range(5):
        yield b(
            f"bounce/qmail/{i + 1:02d}.eml",
            r.qmail(seed("qmail", i), nul=i in (1, 3)),
            "bounce",
            "qmail",
            case="NUL bytes and 8-bit garbage in the copied message" if i in (1, 3) else None,
        )
    for i, form in enumerate(
        ["null", "null", "bare", "bare", "unqualified", "unqualified", "named", "plain"]
    ):
        yield b(
            f"bounce/mailer-daemon/{form}-{i + 1:02d}.eml",
            r.null_sender(seed("null", i), form),
            "bounce",
            "mailer-daemon",
            case=f"sender form: {form}",
        )
    for i in range(3):
        yield b(
            f"bounce/ses/sns-{i + 1:02d}.eml",
            r.ses_sns(seed("sesb", i), "Bounce"),
            "bounce",
            "amazon_ses",
        )
        yield b(
            f"bounce/ses/dsn-{i + 1:02d}.eml", r.ses_dsn(seed("sesd", i)), "bounce", "amazon_ses"
        )
    for i in range(2):
        yield b(f"bounce/yahoo/{i + 1:02d}.eml", r.yahoo_bounce(seed("yb", i)), "bounce", "yahoo")

    for lang in LANGS:
        rng = seed("ooo", lang)
        yield b(
            f"autoreply/exchange/{lang}.eml",
            r2.autoreply(rng, lang, reg.customer(lang, rng).person, "exchange"),
            "autoreply",
            "exchange",
            lang,
        )
    for lang in [
        "en",
        "de",
        "fr",
        "es",
        "it",
        "nl",
        "sv",
        "da",
        "ja",
        "pl",
        "pt",
        "fi",
        "cs",
        "ru",
        "tr",
        "hu",
    ]:
        rng = seed("ooo-bare", lang)
        yield b(
            f"autoreply/subject-only/{lang}.eml",
            r2.autoreply(rng, lang, reg.customer(lang, rng).person, "bare"),
            "autoreply",
            "various",
            lang,
            case="localised subject only, no Auto-Submitted",
        )
    for lang in ["en", "de", "fr", "es", "it", "nl"]:
        rng = seed("ooo-gmail", lang)
        yield b(
            f"autoreply/gmail-vacation/{lang}.eml",
            r2.autoreply(rng, lang, reg.customer(lang, rng).person, "gmail"),
            "autoreply",
            "gmail",
            lang,
            case="vacation responder with its own subject",
        )
    for lang in ["en", "de", "el"]:
        rng = seed("ooo-x", lang)
        yield b(
            f"autoreply/x-autoreply/{lang}.eml",
            r2.autoreply(rng, lang, reg.customer(lang, rng).person, "x-autoreply"),
            "autoreply",
            "various",
            lang,
        )
    for i, domain in enumerate(
        ["brightlanehealth.com", "rheinwerk-logistik.de", "voyages-azur.fr"]
    ):
        yield b(
            f"autoreply/ticket/{i + 1:02d}.eml",
            r2.ticket_autoreply(seed("ticket", i), domain),
            "autoreply",
            "helpdesk",
        )

    arfs = [
        ("yahoo", "Spring product update"),
        ("yahoo", "FW: Spring product update"),
        ("comcast", "Comcast FBL report"),
        ("comcast", "complaint about message from 198.51.100.7"),
        ("mailru", "Abuse report"),
        ("generic", "Abuse report"),
        ("generic", "FW: DKIM failure report"),
    ]
    for i, (provider, subject) in enumerate(arfs):
        yield b(
            f"feedback/arf/{provider}-{i + 1:02d}.eml",
            r2.arf(seed("arf", i), provider=provider, subject=subject, auth_failure=i == 6),
            "feedback",
            "arf",
        )
    for i in range(2):
        yield b(
            f"feedback/ses/complaint-{i + 1:02d}.eml",
            r.ses_sns(seed("sesc", i), "Complaint"),
            "feedback",
            "amazon_ses",
        )
    for i, (rep, box, binary) in enumerate(
        [
            ("google", "zip", False),
            ("google", "zip", False),
            ("microsoft", "gzip", False),
            ("microsoft", "gzip", False),
            ("yahoo", "gzip", False),
            ("yahoo", "gzip", True),
            ("mailru", "zip", True),
        ]
    ):
        yield b(
            f"feedback/dmarc/{rep}-{i + 1:02d}.eml",
            r2.dmarc(seed("dmarc", i), reporter=rep, container=box, binary=binary),
            "feedback",
            "dmarc",
            case="raw binary archive (NUL bytes)" if binary else None,
        )

    for lang in [
        "en",
        "de",
        "fr",
        "es",
        "it",
        "nl",
        "sv",
        "pl",
        "cs",
        "ja",
        "ru",
        "pt",
        "fi",
        "da",
    ]:
        rng = seed("mdn", lang)
        yield b(
            f"receipt/exchange/{lang}.eml",
            r2.receipt(rng, lang, reg.customer(lang, rng).person, "exchange"),
            "receipt",
            "exchange",
            lang,
        )
    for i, (lang, style) in enumerate(
        [
            ("en", "thunderbird"),
            ("de", "thunderbird"),
            ("fr", "thunderbird"),
            ("en", "deleted"),
            ("de", "deleted"),
        ]
    ):
        rng = seed("mdn2", i)
        yield b(
            f"receipt/{style}/{lang}-{i + 1:02d}.eml",
            r2.receipt(rng, lang, reg.customer(lang, rng).person, style),
            "receipt",
            style,
            lang,
        )

    for i, (sender, subject, style, lang) in enumerate(r2.NEWSLETTERS):
        yield b(
            f"bulk/{style}-{i + 1:02d}.eml",
            r2.bulk(seed("bulk", i), sender, subject, style, lang),
            "bulk",
            style,
            lang,
        )
    for i, (local, subject) in enumerate(r2.GITHUB):
        yield b(
            f"noreply/github-{i + 1:02d}.eml",
            r2.github(seed("gh", i), local, subject),
            "noreply",
            "github",
        )
    for i, (sender, subject) in enumerate(r2.OTHER_NOREPLY):
        yield b(
            f"noreply/other-{i + 1:02d}.eml",
            r2.noreply(seed("nr", i), sender, subject),
            "noreply",
            "various",
            "de" if sender.endswith(".de") else "en",
        )


def corpus() -> list[Built]:
    reg = Registry()
    out = [
        *systematic(reg),
        *hard_forwards(reg),
        *direct(reg),
        *replies_and_internal(reg),
        *robots(reg),
    ]
    paths = [m.path for m in out]
    assert len(paths) == len(set(paths)), [p for p, n in Counter(paths).items() if n > 1]
    return out


def entry(m: Built) -> dict[str, object]:
    e: dict[str, object] = {
        "file": m.path,
        "kind": m.kind,
        "client": m.client,
        "language": m.language,
    }
    if m.lead:
        e["lead"] = m.lead
        if m.referrer:
            e["referrer"] = m.referrer
    else:
        e["ignored"] = True
    if m.case:
        e["case"] = m.case
    return e


def write(root: Path = ROOT) -> list[Built]:
    messages = corpus()
    for kind in KINDS:
        shutil.rmtree(root / kind, ignore_errors=True)
    for m in messages:
        path = root / m.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(m.raw)
    lines = [
        "# Issue 15's acceptance corpus: what intake must make of each message (generated by",
        "# tests/data/mail/gen/build.py; see docs/intake.md, 'Mail corpus'). Every person and",
        "# company is invented. lead/referrer: the task's contact and referrer; ignored: no task.",
        yaml.safe_dump({"alias": ALIAS, "company_domains": [COMPANY]}, allow_unicode=True).strip(),
        "messages:",
    ]
    for m in messages:
        flow = yaml.safe_dump(
            entry(m), default_flow_style=True, allow_unicode=True, width=1000, sort_keys=False
        ).strip()
        lines.append(f"- {flow}")
    (root / "manifest.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return messages


if __name__ == "__main__":
    built = write()
    print(Counter(m.kind for m in built))
