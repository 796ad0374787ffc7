"""Issue 15's acceptance corpus (I-3, I-4, A-3; I-10 signatures): every message of
tests/data/mail/ over HTTP and over the SMTP listener, each transport on its own fresh
database of the backend under test, scored against manifest.yaml.

The targets (≥ 95 % of forwards give the right lead, 0 wrong leads, 0 tasks from robots,
≤ 1 % of robots refused, no errors, SMTP = HTTP) are asserted on both backends (issue 15
items 1 and 2; I-3, I-4).
"""

from __future__ import annotations

import gc
import secrets
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from email import policy
from email.parser import BytesParser
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from salesops.core.config import Settings, normalise_db_url
from salesops.core.db import Database
from salesops.flows.bootstrap import prepare
from salesops.playbook.runtime import Runtime
from tests.conftest import PG_URL, build_schema
from tests.intake.mail_corpus import (
    HOLDOUT2_DIR,
    HOLDOUT3_DIR,
    HOLDOUT4_DIR,
    HOLDOUT5_DIR,
    HOLDOUT_DIR,
    HUMAN_KINDS,
    MAIL_DIR,
    ROBOT_KINDS,
    Expected,
    HttpTransport,
    Manifest,
    Report,
    envelope_sender,
    load_manifest,
    run,
    smtp_transport,
)

MANIFEST = load_manifest()


def words(text: str) -> set[str]:
    return set(text.split())


EU = words("bg cs da de el en es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv")
CLIENTS = words(
    "gmail apple_mail apple_mail_ios outlook_desktop outlook_desktop_plain outlook_web "
    "new_outlook outlook_mac outlook_mac_2019 thunderbird yahoo hubspot ionos missive mailmate "
    "zimbra rfc822_7bit rfc822_8bit rfc822_quoted_printable rfc822_base64 eml_attachment"
)
MakeRuntime = Callable[[str], Runtime]


@pytest.fixture
def fresh_runtime(db_url: str, tmp_path: Path) -> Iterator[MakeRuntime]:
    """Makes runtimes on databases of their own, of the backend under test (a copy of the
    SQLite template, or a new PostgreSQL database), the lead pipeline left to workers:
    detection is what the corpus measures."""
    made: list[tuple[Runtime, str | None]] = []
    admin = None
    if PG_URL:
        base = sa.engine.make_url(normalise_db_url(db_url))
        admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")

    def make(name: str) -> Runtime:
        created: str | None = None
        if admin is not None:
            created = f"corpus_{name}_{secrets.token_hex(3)}"
            with admin.connect() as conn:
                conn.exec_driver_sql(f'CREATE DATABASE "{created}"')
            db = Database(admin.url.set(database=created).render_as_string(hide_password=False))
            build_schema(db.engine)
        else:
            path = tmp_path / f"{name}.db"
            shutil.copyfile(db_url.removeprefix("sqlite:///"), path)
            db = Database(f"sqlite:///{path}")
        settings = Settings(database_url=db.url, pipeline_in_api=False, _env_file=None)  # type: ignore[call-arg]
        rt = Runtime(settings, db=db)
        prepare(rt, migrate=False)
        made.append((rt, created))
        return rt

    yield make
    for rt, created in made:
        rt.close()
        if admin is not None and created:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{created}" WITH (FORCE)')
    if admin is not None:
        admin.dispose()


def run_both(make: MakeRuntime, messages: tuple[Expected, ...], root: Path = MAIL_DIR) -> Report:
    """The messages over HTTP and over SMTP, each transport on its own fresh database."""
    from salesops.app import create_app

    http_rt, smtp_rt = make("http"), make("smtp")
    # Intake's CPU budget (SALESOPS_MAIL_CPU_BUDGET_MS) counts the parsing thread's CPU,
    # and a full collection of the ~1 GB heap a whole-suite run has built by now takes
    # 1-2 s on that thread: what earlier tests left is frozen out of the collector here,
    # so a message is judged on its own cost, as in a server's process.
    gc.collect()
    gc.freeze()
    try:
        with TestClient(create_app(http_rt.settings, runtime=http_rt)) as client:
            http = run(HttpTransport(client, http_rt).send, messages, root)
        with smtp_transport(smtp_rt) as smtp:
            over_smtp = run(smtp.send, messages, root)
    finally:
        gc.unfreeze()
    return Report(messages, {"http": http, "smtp": over_smtp})


# --- the corpus itself -----------------------------------------------------------------


def test_manifest_lists_every_message_once_with_an_expected_outcome() -> None:
    on_disk = {str(p.relative_to(MAIL_DIR)) for p in MAIL_DIR.rglob("*.eml")}
    listed = [m.file for m in MANIFEST.messages]
    assert len(listed) == len(set(listed))
    assert set(listed) == on_disk
    assert MANIFEST.alias == Settings(_env_file=None).sales_alias  # type: ignore[call-arg]
    assert set(MANIFEST.company_domains) == Settings(_env_file=None).company_domain_set  # type: ignore[call-arg]
    for m in MANIFEST.messages:
        assert m.kind in HUMAN_KINDS | ROBOT_KINDS, m
        if m.robot or m.kind in ("reply", "internal"):
            assert m.lead is None, m  # robots, replies and internal mail are never leads
        if m.kind == "direct":
            assert m.lead is not None and m.referrer is None, m
        if m.referrer is not None:
            assert m.referrer.endswith("@example.com") and m.lead is not None, m
        if m.lead is not None:
            assert not m.lead.endswith("@example.com"), m


def test_corpus_covers_issue_15s_clients_languages_and_robots() -> None:
    kinds = Counter(m.kind for m in MANIFEST.messages)
    forwards = [m for m in MANIFEST.messages if m.kind == "forward"]
    assert len(forwards) >= 400 and sum(kinds[k] for k in ROBOT_KINDS) >= 150, kinds
    assert {m.client for m in forwards} == CLIENTS
    assert {m.language for m in forwards} >= EU | {"ja", "ru", "uk", "tr"}
    leads = [m.lead for m in MANIFEST.messages if m.lead]
    assert len(leads) == len(set(leads)), "every lead is a different person (order-free outcomes)"
    for kind in (
        "bounce",
        "autoreply",
        "feedback",
        "receipt",
        "bulk",
        "noreply",
        "reply",
        "internal",
        "direct",
    ):
        assert kinds[kind] >= 8, (kind, kinds[kind])
    cases = " ".join(m.case or "" for m in MANIFEST.messages)
    for case in (
        "quotes an earlier Outlook header block",
        "nested forward",
        "no-reply sender",
        "Spanish Outlook without a CC line",
        "alias only in Cc",
        "NUL bytes",
        "null sender",
        "sender form: unqualified",
        "localised subject only",
    ):
        assert case in cases, case


def test_every_message_is_mail_as_it_travels() -> None:
    """CRLF line ends, lines within SMTP's limit, a Message-ID each (unique), a Date; the
    stdlib finds the sender the manifest's lead is checked against."""
    ids: list[str] = []
    for m in MANIFEST.messages:
        raw = m.raw()
        assert b"\r\n" in raw and all(len(line) <= 998 for line in raw.split(b"\n")), m.file
        msg = BytesParser(policy=policy.compat32).parsebytes(raw)
        assert msg["Date"], m.file
        ids.append(str(msg["Message-ID"]).strip())
        if m.kind == "direct":
            assert m.lead in str(msg["From"]).lower(), m.file
        if m.referrer:
            assert m.referrer in str(msg["From"]).lower(), m.file
    assert len(ids) == len(set(ids))


def test_generator_writes_exactly_the_committed_corpus(tmp_path: Path) -> None:
    """The .eml files and the manifest are the generator's output, byte for byte (edit
    tests/data/mail/gen/, then run ``python -m tests.data.mail.gen.build``)."""
    from tests.data.mail.gen.build import write

    write(tmp_path)
    made = {
        str(p.relative_to(tmp_path)): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()
    }
    assert made.pop("manifest.yaml") == (MAIL_DIR / "manifest.yaml").read_bytes()
    assert made == {m.file: m.raw() for m in MANIFEST.messages}


# --- the harness ----------------------------------------------------------------------


def test_harness_reads_leads_ignores_and_refusals_alike_over_http_and_smtp(
    fresh_runtime: MakeRuntime,
) -> None:
    """Messages today's intake handles: an English Gmail forward, a direct customer mail, a
    colleague's reply, a bounce with an Auto-Submitted header, a bounce from the null
    sender (ignored since issue 15 item 2; it was refused); both transports report the same."""
    pick = {
        "forward/gmail/en-1.eml",
        "direct/en-1.eml",
        "reply/en-gmail-1.eml",
        "bounce/exim/01.eml",
        "bounce/mailer-daemon/null-01.eml",
    }
    messages = tuple(m for m in MANIFEST.messages if m.file in pick)
    assert len(messages) == len(pick)
    report = run_both(fresh_runtime, messages)
    assert report.disagreements() == []
    for transport in ("http", "smtp"):
        got = report.outcomes[transport]
        fwd = got["forward/gmail/en-1.eml"]
        want = next(m for m in messages if m.file == "forward/gmail/en-1.eml")
        assert (fwd.status, fwd.lead, fwd.referrer) == ("accepted", want.lead, want.referrer)
        assert got["direct/en-1.eml"].lead == next(
            m.lead for m in messages if m.file == "direct/en-1.eml"
        )
        assert got["reply/en-gmail-1.eml"].status == "ignored"
        assert "not-a-forward" in got["reply/en-gmail-1.eml"].reason
        assert got["bounce/exim/01.eml"].status == "ignored"
        assert "auto-reply" in got["bounce/exim/01.eml"].reason
        null = got["bounce/mailer-daemon/null-01.eml"]
        assert null.status == "ignored" and null.code == (200 if transport == "http" else 250)
        assert "bounce" in null.reason
    assert report.verdicts["http"]["bounce/mailer-daemon/null-01.eml"] == "right"
    assert report.failures() == []


def test_envelope_sender_is_the_return_path_or_the_null_path() -> None:
    bounce = next(m for m in MANIFEST.messages if m.file == "bounce/mailer-daemon/null-01.eml")
    fwd = next(m for m in MANIFEST.messages if m.file == "forward/gmail/en-1.eml")
    assert envelope_sender(bounce.raw()) == ""
    assert envelope_sender(fwd.raw()) == fwd.referrer


# --- issue 15's targets ----------------------------------------------------------------


@pytest.mark.slow
def test_issue_15_targets_over_http_and_smtp(fresh_runtime: MakeRuntime) -> None:
    """≥ 95 % of forwards give the right lead (and referrer), 0 wrong leads, 0 tasks from
    robots, ≤ 1 % of robots refused, no 5xx / SMTP 4xx, every direct mail's sender a lead,
    and SMTP = HTTP for every message. ``bench/mail_corpus.py`` prints the details."""
    report = run_both(fresh_runtime, MANIFEST.messages)
    assert report.failures() == []


# --- issue 15 item 5: the held-out corpus ------------------------------------------------

HOLDOUT = load_manifest(HOLDOUT_DIR)


def test_holdout_generator_writes_exactly_the_committed_files(tmp_path: Path) -> None:
    """tests/data/mail_holdout/ is tests/data/mail/gen/holdout.py's output, byte for byte:
    clients, languages and robots the detection was not tuned on."""
    from tests.data.mail.gen.holdout import write

    write(tmp_path)
    made = {
        str(p.relative_to(tmp_path)): p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()
    }
    assert made.pop("manifest.yaml") == (HOLDOUT_DIR / "manifest.yaml").read_bytes()
    assert made == {m.file: m.raw(HOLDOUT_DIR) for m in HOLDOUT.messages}
    assert len(HOLDOUT.messages) >= 100
    forwards = [m for m in HOLDOUT.messages if m.kind == "forward"]
    assert not {m.language for m in forwards} & (EU | {"ja", "ru", "uk", "tr"})
    assert not {m.client for m in forwards} & CLIENTS


@pytest.mark.slow
def test_issue_15_targets_on_the_holdout_corpus(fresh_runtime: MakeRuntime) -> None:
    """Issue 15 item 5: the same targets on messages the detection was not tuned on."""
    report = run_both(fresh_runtime, HOLDOUT.messages, HOLDOUT_DIR)
    assert report.failures() == []


# --- the second held-out corpus (task h15u): written before reading the detector --------


def stand_alone(script: Path) -> Callable[[Path], None]:
    """A held-out corpus's stand-alone generator (python3 stdlib, its author's) as a writer
    into a directory: ``script OUT``."""

    def write(out: Path) -> None:
        subprocess.run([sys.executable, str(script), str(out)], check=True, capture_output=True)

    return write


def assert_generated(
    write: Callable[[Path], object], out: Path, manifest: Manifest, root: Path
) -> None:
    """A held-out corpus is its generator's output, byte for byte (README.md aside)."""
    write(out)
    made = {str(p.relative_to(out)): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert made.pop("manifest.yaml") == (root / "manifest.yaml").read_bytes()
    assert made == {m.file: m.raw(root) for m in manifest.messages}


def assert_mail_headers(manifest: Manifest, root: Path, *, crlf: bool, referrers: bool) -> None:
    """Every message has a Date and a unique Message-ID and a known kind; with ``crlf``
    it travels as mail does (CRLF, the SMTP line limit); with ``referrers`` each
    referrer is the sender."""
    ids = []
    for m in manifest.messages:
        raw = m.raw(root)
        if crlf:
            assert b"\n" not in raw.replace(b"\r\n", b""), m.file
            assert all(len(line) <= 998 for line in raw.split(b"\n")), m.file
        msg = BytesParser(policy=policy.compat32).parsebytes(raw)
        assert msg["Date"], m.file
        ids.append(str(msg["Message-ID"]).strip())
        assert m.kind in HUMAN_KINDS | ROBOT_KINDS, m
        if referrers and m.referrer:
            assert m.referrer in str(msg["From"]).lower(), m.file
    assert len(ids) == len(set(ids))


HOLDOUT2 = load_manifest(HOLDOUT2_DIR)


def test_holdout2_generator_writes_exactly_the_committed_files(tmp_path: Path) -> None:
    """tests/data/mail_holdout2/ is tests/data/mail/gen/holdout2.py's output, byte for byte;
    every message is mail as it travels (CRLF, SMTP line limit, a unique Message-ID, a
    Date), every lead a different person, and it covers issue 15's clients, languages and
    robots (I-3, I-4)."""
    from tests.data.mail.gen.holdout2 import write

    assert_generated(write, tmp_path, HOLDOUT2, HOLDOUT2_DIR)
    kinds = Counter(m.kind for m in HOLDOUT2.messages)
    assert kinds["forward"] >= 120 and sum(kinds[k] for k in ROBOT_KINDS) >= 60, kinds
    forwards = [m for m in HOLDOUT2.messages if m.kind == "forward"]
    assert {m.language for m in forwards} >= EU | {"ja", "ru", "uk", "tr", "zh", "ko"}
    leads = [m.lead for m in HOLDOUT2.messages if m.lead]
    assert len(leads) == len(set(leads))
    assert_mail_headers(HOLDOUT2, HOLDOUT2_DIR, crlf=True, referrers=True)


@pytest.mark.slow
def test_issue_15_targets_on_the_second_holdout_corpus(fresh_runtime: MakeRuntime) -> None:
    """The same targets on tests/data/mail_holdout2/ (written before reading the detector;
    its first, untouched run is in docs/intake.md)."""
    report = run_both(fresh_runtime, HOLDOUT2.messages, HOLDOUT2_DIR)
    assert report.failures() == []


# --- task h15fix's held-out corpus: written before the detector was changed for it ------

HOLDOUT4 = load_manifest(HOLDOUT4_DIR)


def test_holdout4_generator_writes_exactly_the_committed_files(tmp_path: Path) -> None:
    """tests/data/mail_holdout4/ is tests/data/mail/gen/holdout4.py's output, byte for byte;
    mail as it travels (CRLF, SMTP line limit, a unique Message-ID, a Date); every lead a
    different person; the classes it was written for are there (I-3, I-4)."""
    from tests.data.mail.gen.holdout4 import write

    assert_generated(write, tmp_path, HOLDOUT4, HOLDOUT4_DIR)
    assert len(HOLDOUT4.messages) >= 80
    leads = [m.lead for m in HOLDOUT4.messages if m.lead]
    assert len(leads) == len(set(leads))
    assert_mail_headers(HOLDOUT4, HOLDOUT4_DIR, crlf=True, referrers=False)
    cases = " ".join(m.case or "" for m in HOLDOUT4.messages)
    for case in ("IDN domain", "topped by a colleague's reply", "labels the tables do not list",
                 "out-of-office said only in the body"):  # fmt: skip
        assert case in cases, case


@pytest.mark.slow
def test_issue_15_targets_on_the_fourth_holdout_corpus(fresh_runtime: MakeRuntime) -> None:
    """The same targets on tests/data/mail_holdout4/ (its first, untouched run: 20 / 38
    forwards, 34 robot tasks, 5 direct mails lost — docs/intake.md)."""
    report = run_both(fresh_runtime, HOLDOUT4.messages, HOLDOUT4_DIR)
    assert report.failures() == []


# --- the third held-out corpus (task auth): written unseen, committed by task h15c ------

HOLDOUT3 = load_manifest(HOLDOUT3_DIR)


def test_holdout3_generator_writes_exactly_the_committed_files(tmp_path: Path) -> None:
    """tests/data/mail_holdout3/ is tests/data/mail/gen/holdout3.py's output, byte for byte
    (its README.md aside); every message has a Date and a unique Message-ID, every lead is
    a different person, and it covers issue 15's clients, languages and robots (I-3, I-4)."""
    from tests.data.mail.gen.holdout3 import write

    assert_generated(write, tmp_path, HOLDOUT3, HOLDOUT3_DIR)
    kinds = Counter(m.kind for m in HOLDOUT3.messages)
    assert kinds["forward"] >= 150 and sum(kinds[k] for k in ROBOT_KINDS) >= 140, kinds
    forwards = [m for m in HOLDOUT3.messages if m.kind == "forward"]
    assert {m.language for m in forwards} >= EU | {"ja", "ru", "uk", "tr"}
    leads = [m.lead for m in HOLDOUT3.messages if m.lead]
    assert len(leads) == len(set(leads))
    assert_mail_headers(HOLDOUT3, HOLDOUT3_DIR, crlf=False, referrers=True)


@pytest.mark.slow
def test_issue_15_targets_on_the_third_holdout_corpus(fresh_runtime: MakeRuntime) -> None:
    """The same targets on tests/data/mail_holdout3/ (written unseen; its first, untouched
    runs — 8 then 3 robot tasks, lt-52 missed — are in docs/intake.md)."""
    report = run_both(fresh_runtime, HOLDOUT3.messages, HOLDOUT3_DIR)
    assert report.failures() == []


# --- the fifth held-out corpus (task auth5): written unseen -------------------------------

HOLDOUT5 = load_manifest(HOLDOUT5_DIR)


def test_holdout5_generator_writes_exactly_the_committed_files(tmp_path: Path) -> None:
    """tests/data/mail_holdout5/ is tests/data/mail/gen/holdout5.py's output, byte for byte
    (its README.md aside); every lead is a different person, and it covers the rarer
    clients, languages beyond the EU and robots that mark nothing (I-3, I-4). About 5 % of
    its messages have no Message-ID (keyed by their content, issue 15 item 8)."""
    from tests.data.mail.gen.holdout5 import write

    assert_generated(write, tmp_path, HOLDOUT5, HOLDOUT5_DIR)
    kinds = Counter(m.kind for m in HOLDOUT5.messages)
    assert kinds["forward"] >= 160 and sum(kinds[k] for k in ROBOT_KINDS) >= 140, kinds
    forwards = [m for m in HOLDOUT5.messages if m.kind == "forward"]
    assert {m.language for m in forwards} >= {
        "zh-CN",
        "zh-TW",
        "ko",
        "vi",
        "id",
        "th",
        "he",
        "ar",
        "hi",
        "uk",
    }
    leads = [m.lead for m in HOLDOUT5.messages if m.lead]
    assert len(leads) == len(set(leads))


@pytest.mark.slow
def test_issue_15_targets_on_the_fifth_holdout_corpus(fresh_runtime: MakeRuntime) -> None:
    """The same targets on tests/data/mail_holdout5/ (written unseen; its first, untouched
    runs are in docs/intake.md)."""
    report = run_both(fresh_runtime, HOLDOUT5.messages, HOLDOUT5_DIR)
    assert report.failures() == []
