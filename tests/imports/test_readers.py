"""Reading export files (issue 19 item 5): each row carries the line its record starts
on, so the errors file points a person at the row, not at a quoted field's last line."""

from __future__ import annotations

from pathlib import Path

from salesops.flows.imports.readers import Source


def test_a_row_is_numbered_by_the_line_it_starts_on(tmp_path: Path) -> None:
    path = tmp_path / "Contact.csv"
    path.write_bytes(
        b'\xef\xbb\xbf"Id","Description","Email"\r\n'
        b'"1","two\nlines","a@x.com"\r\n'
        b"\r\n"
        b'"2","three\r\nlines\nhere","b@x.com"\r\n'
        b'"3","","c@x.com"\r\n'
    )
    got = [(line, row["Id"]) for line, row in Source(path).rows()]
    assert got == [(2, "1"), (5, "2"), (8, "3")]
