"""Held-out check qa16 (issue 19 items 3, 5; issue 16 item 6): files that are not what
the import expects are refused before any row, naming the column or the problem in
human words — never the same bad row on every line, never a traceback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from salesops.accounts.models import Account
from salesops.core.errors import ValidationFailed
from salesops.flows.imports.service import (
    Options,
    import_generic,
    import_hubspot,
    import_salesforce,
)
from salesops.playbook.runtime import Runtime
from tests.imports.helpers import NOW, counts, rows


def _fresh_runtime(path: Path) -> Runtime:
    from salesops.core.config import Settings
    from salesops.core.db import Database
    from salesops.flows.bootstrap import prepare
    from tests.conftest import build_schema

    db = Database(f"sqlite:///{path}")
    build_schema(db.engine)
    runtime = Runtime(Settings(database_url=db.url, _env_file=None), db=db)  # type: ignore[call-arg]
    prepare(runtime, migrate=False)
    return runtime


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Runtime]:
    """A second, empty salesops database (SQLite), as a new install has it."""
    runtime = _fresh_runtime(tmp_path / "fresh.db")
    yield runtime
    runtime.db.dispose()


TABLES = ("accounts", "contacts", "tasks", "opportunities", "import_sources")


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.strip().replace("\n", "\r\n").encode(encoding) + b"\r\n")
    return path


def opts(tmp_path: Path) -> Options:
    return Options(errors=tmp_path / "errors.csv", now=NOW)


def test_generic_mapping_naming_a_header_the_file_lacks_is_refused_by_name(
    rt: Runtime, tmp_path: Path
) -> None:
    """Issue 19 item 3: a mapping to 'Nope' used to make every row "Nope (the id) is
    missing" and exit 0; now the file is refused naming the column and the file's own."""
    data = write(tmp_path / "deals.csv", "Deal,Name,Acct,Stage\nD1,Pipe deal,A1,Prospecting")
    cols = write(tmp_path / "cols.yaml", "id: Nope\nname: Name\naccount_id: Acct\nstage: Stage")
    before = counts(rt, *TABLES)
    with pytest.raises(ValidationFailed) as exc:
        import_generic(rt, opts(tmp_path), object_name="opportunities", path=data, columns=cols)
    assert "no column 'Nope'" in exc.value.detail and "'Deal'" in exc.value.detail
    assert exc.value.field == "columns"
    assert counts(rt, *TABLES) == before


def test_generic_csv_with_semicolons_is_read(rt: Runtime, tmp_path: Path) -> None:
    """Issue 19 item 3 (exports from anything else): a spreadsheet saved in a locale
    whose list separator is ';' has no comma in its header; it is read with ';'."""
    data = write(
        tmp_path / "accounts.csv",
        "Company ID;Company;Web;Revenue\nA1;Pipedream;pipedream.dev;1.234.567,89\n"
        'A2;"Semi; Colon Ltd";semicolon.dev;',
    )
    cols = write(tmp_path / "cols.yaml", "id: Company ID\nname: Company\nwebsite: Web")
    r = import_generic(rt, opts(tmp_path), object_name="accounts", path=data, columns=cols)
    assert r.counts["accounts"]["created"] == 2 and r.counts["accounts"]["errors"] == 0
    names = {a.domain: a.name for a in rows(rt, Account)}
    assert names == {"pipedream.dev": "Pipedream", "semicolon.dev": "Semi; Colon Ltd"}


def test_salesforce_report_export_with_labels_is_refused_naming_api_fields(
    rt: Runtime, tmp_path: Path
) -> None:
    """Issue 19 item 1: a report export ("Account ID", "Account Name") is not a Data
    Export; it used to give one "Id is missing" bad row per line."""
    folder = tmp_path / "export"
    folder.mkdir()
    write(
        folder / "Account.csv",
        '"Account ID","Account Name","Website"\n"0015g000001HkNq","Lbl Co","lbl.com"',
    )
    write(folder / "Event.csv", "")  # an empty file is fine: nothing to import
    before = counts(rt, *TABLES)
    with pytest.raises(ValidationFailed) as exc:
        import_salesforce(rt, folder, opts(tmp_path))
    assert "Account.csv has no column 'Id', 'Name'" in exc.value.detail
    assert "'Account ID'" in exc.value.detail and "API field name" in exc.value.detail
    assert counts(rt, *TABLES) == before


def test_salesforce_contact_file_without_email_column_is_refused(
    rt: Runtime, tmp_path: Path
) -> None:
    """M-1 matches contacts by email: a Contact.csv exported without the Email field
    is refused by name, not imported as one bad row per contact."""
    folder = tmp_path / "export"
    folder.mkdir()
    write(folder / "Contact.csv", "Id,FirstName,LastName\n0035g000001HkNq,Ada,Lovelace")
    with pytest.raises(ValidationFailed) as exc:
        import_salesforce(rt, folder, opts(tmp_path))
    assert "Contact.csv has no column 'Email'" in exc.value.detail


def test_hubspot_files_swapped_are_refused_naming_the_missing_column(
    rt: Runtime, tmp_path: Path
) -> None:
    """Issue 19 item 2: the deals export given as --companies used to create one
    nameless account per deal; a contacts export without Email is refused too."""
    deals = write(
        tmp_path / "deals.csv",
        "Record ID,Deal Name,Amount,Deal Stage\n9001,Wayne platform,96000,Closed Won",
    )
    contacts = write(tmp_path / "contacts.csv", "Record ID,First Name\n7001,Bruce")
    before = counts(rt, *TABLES)
    with pytest.raises(ValidationFailed) as exc:
        import_hubspot(rt, opts(tmp_path), companies=deals, contacts=None, deals=None)
    assert "deals.csv has no column 'Company name'" in exc.value.detail
    with pytest.raises(ValidationFailed) as exc:
        import_hubspot(rt, opts(tmp_path), companies=None, contacts=contacts, deals=None)
    assert "contacts.csv has no column 'Email'" in exc.value.detail
    assert counts(rt, *TABLES) == before


def test_file_that_is_not_utf8_or_not_a_workbook_is_refused_in_words(
    rt: Runtime, tmp_path: Path
) -> None:
    """A CSV saved by a spreadsheet as Windows-1252 or UTF-16, or a CSV renamed .xlsx,
    used to end the CLI with a traceback; now a ValidationFailed naming the file."""
    latin = write(
        tmp_path / "companies.csv",
        "Record ID,Company name,Company Domain Name\n5009,Café Ltd,cafe.fr",
        encoding="cp1252",
    )
    with pytest.raises(ValidationFailed) as exc:
        import_hubspot(rt, opts(tmp_path), companies=latin, contacts=None, deals=None)
    assert "companies.csv is not UTF-8 text" in exc.value.detail
    utf16 = write(tmp_path / "c16.csv", "Record ID,Company name\n1,A", encoding="utf-16")
    with pytest.raises(ValidationFailed) as exc:
        import_hubspot(rt, opts(tmp_path), companies=utf16, contacts=None, deals=None)
    assert "c16.csv is not UTF-8 text" in exc.value.detail
    fake = tmp_path / "companies.xlsx"
    fake.write_bytes(latin.read_bytes())
    with pytest.raises(ValidationFailed) as exc:
        import_hubspot(rt, opts(tmp_path), companies=fake, contacts=None, deals=None)
    assert "companies.xlsx is not an Excel workbook" in exc.value.detail


def test_not_utf8_after_the_first_lines_names_the_line(rt: Runtime, tmp_path: Path) -> None:
    """A bad byte deep in a large file (after the reader's first chunk) is named with
    its line; the CLI prints it as an error, never a traceback."""
    good = "".join(f"{n},Company {n},c{n}.example\n" for n in range(1, 2001))
    path = tmp_path / "companies.csv"
    path.write_bytes(
        b"Record ID,Company name,Company Domain Name\n"
        + good.encode()
        + "9999,Café,cafe.fr\n".encode("cp1252")
    )
    with pytest.raises(ValidationFailed) as exc:
        import_hubspot(rt, opts(tmp_path), companies=path, contacts=None, deals=None)
    assert "is not UTF-8 text (near line" in exc.value.detail
    assert "run it again when fixed" in exc.value.detail


def _rejection(rt: Runtime, body: bytes | None) -> None:
    from salesops.core import clock
    from salesops.intake.models import IntakeRejection

    with rt.uow() as s:
        s.add(
            IntakeRejection(
                at=clock.now(), source="product", code="bad-signature", reason="bad signature",
                http_status=401, headers={}, body_excerpt="", body_size=len(body or b""),
                body=body,
            )
        )  # fmt: skip


def _bodies(rt: Runtime) -> list[bytes | None]:
    from sqlalchemy import select

    from salesops.intake.models import IntakeRejection

    with rt.uow(readonly=True) as s:
        return list(s.scalars(select(IntakeRejection.body).order_by(IntakeRejection.id)))


def test_export_restore_keeps_binary_bodies_both_ways(
    rt: Runtime, fresh: Runtime, tmp_path: Path
) -> None:
    """Issue 19 item 6 (held-out qa16): an installation that had rejected a gzip delivery
    (its raw bytes kept, issue 15) exported the bytes as text and the restore into
    PostgreSQL crashed ("bytes or buffer expected"); NULs were lost. Binary columns are
    hex now, both ways, and NULL stays NULL."""
    from salesops.flows.imports.dump import export, restore

    raw = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\xff\x00NUL and \xe9 not utf-8"
    _rejection(fresh, raw)
    _rejection(fresh, None)
    _rejection(fresh, b"")
    export(fresh, tmp_path / "dump")
    restore(rt, tmp_path / "dump")  # SQLite → the test backend
    assert _bodies(rt) == [raw, None, b""]
    export(rt, tmp_path / "dump2")
    other = _fresh_runtime(tmp_path / "other.db")
    try:
        restore(other, tmp_path / "dump2")  # the test backend → SQLite
        assert _bodies(other) == [raw, None, b""]
    finally:
        other.db.dispose()


def test_a_clean_rerun_leaves_no_stale_bad_rows_in_the_errors_file(
    rt: Runtime, tmp_path: Path
) -> None:
    """Issue 19 item 5: the errors CSV is this run's. A run without bad rows used to leave
    the previous run's rows in the (default) errors file, as if they were still bad."""
    cols = write(tmp_path / "cols.yaml", "id: Id\nname: Name\nwebsite: Web\nemployees: Staff")
    bad = write(tmp_path / "a.csv", "Id,Name,Web,Staff\nA1,Acme,acme.com,lots")
    import_generic(rt, opts(tmp_path), object_name="accounts", path=bad, columns=cols)
    assert "lots" in (tmp_path / "errors.csv").read_text()
    good = write(tmp_path / "b.csv", "Id,Name,Web,Staff\nA1,Acme,acme.com,40")
    r = import_generic(rt, opts(tmp_path), object_name="accounts", path=good, columns=cols)
    assert r.counts["accounts"]["errors"] == 0
    assert (tmp_path / "errors.csv").read_text().splitlines() == ["file,line,reason"]
