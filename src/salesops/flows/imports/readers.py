"""Streaming readers for export files (issue 19 item 5): CSV (UTF-8, with or without a
byte-order mark) and XLSX (openpyxl, read-only). Each yields ``(line, row)`` one row at
a time, so memory stays flat at any file size; ``position()`` says how far the file is
read, for the progress bar.

``require_columns`` checks a file's header once, before any row is read (issue 16/19
held-out check): a file whose header lacks a column the import needs — a report export
with labels instead of API names, a column mapping naming a header the file does not
have — is refused naming the missing columns and the ones the file has, instead of
turning every row into the same bad row. A CSV whose header has no comma but
semicolons (or tabs) is read with that delimiter (spreadsheet exports in many
locales)."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from salesops.core.errors import ValidationFailed

csv.field_size_limit(min(sys.maxsize, 2**31 - 1))  # long descriptions in real exports


class Source:
    """One export file, read row by row as dicts keyed by its header."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name
        self.size = path.stat().st_size
        self._raw: io.BufferedReader | None = None
        self._read_rows = 0
        self._total_rows = 0
        self.finished = False
        self._delimiter: str | None = None

    def delimiter(self) -> str:
        """``,`` unless the first line has none and has ``;`` or a tab (read once)."""
        if self._delimiter is None:
            with self.path.open("rb") as raw:
                first = raw.readline(65536).decode("utf-8-sig", errors="replace")
            self._delimiter = ","
            if "," not in first:
                self._delimiter = next((d for d in (";", "\t") if d in first), ",")
        return self._delimiter

    def header(self) -> list[str] | None:
        """The file's column names (None for an empty file or sheet)."""
        if self.path.suffix.lower() in (".xlsx", ".xlsm"):
            import openpyxl

            try:
                book = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
            except Exception as exc:  # noqa: BLE001 - any unreadable workbook, named below
                raise ValidationFailed(
                    f"{self.name} is not an Excel workbook (.xlsx) that can be read: {exc}",
                    field="file",
                ) from exc
            try:
                first = next(book.worksheets[0].iter_rows(values_only=True), None)
            finally:
                book.close()
            if first is None:
                return None
            return [str(h).strip() if h is not None else "" for h in first]
        try:
            with self.path.open(encoding="utf-8-sig", newline="") as text:
                row = next(csv.reader(text, delimiter=self.delimiter()), None)
        except UnicodeDecodeError as exc:
            raise _not_utf8(self.name, 1) from exc
        return None if row is None else [h.strip() for h in row]

    def position(self) -> int:
        if self.finished:
            return self.size
        if self._raw is not None and not self._raw.closed:
            return self._raw.tell()
        if self._total_rows:
            return int(self.size * self._read_rows / self._total_rows)
        return 0

    def rows(self) -> Iterator[tuple[int, dict[str, Any]]]:
        if self.path.suffix.lower() in (".xlsx", ".xlsm"):
            yield from self._xlsx()
        else:
            yield from self._csv()
        self.finished = True

    def _csv(self) -> Iterator[tuple[int, dict[str, Any]]]:
        with self.path.open("rb") as raw:
            self._raw = raw
            text = io.TextIOWrapper(raw, encoding="utf-8-sig", newline="")
            reader = csv.reader(text, delimiter=self.delimiter())
            try:
                header = next(reader, None)
            except UnicodeDecodeError as exc:
                raise _not_utf8(self.name, 1) from exc
            if header is None:
                return
            header = [h.strip() for h in header]
            try:
                start = reader.line_num + 1  # a record's first line: quoted newlines span
                for row in reader:
                    if any(cell.strip() for cell in row):
                        yield start, dict(zip(header, row, strict=False))
                    start = reader.line_num + 1
            except UnicodeDecodeError as exc:
                raise _not_utf8(self.name, reader.line_num + 1) from exc

    def _xlsx(self) -> Iterator[tuple[int, dict[str, Any]]]:
        import openpyxl

        book = openpyxl.load_workbook(self.path, read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            self._total_rows = max(int(sheet.max_row or 0), 1)
            it = sheet.iter_rows(values_only=True)
            first = next(it, None)
            if first is None:
                return
            header = [str(h).strip() if h is not None else "" for h in first]
            for n, values in enumerate(it, start=2):
                self._read_rows = n
                if all(v is None or str(v).strip() == "" for v in values):
                    continue
                yield n, dict(zip(header, values, strict=False))
        finally:
            book.close()


def _not_utf8(name: str, line: int) -> ValidationFailed:
    then = "; rows before that line may be imported already, run it again when fixed"
    return ValidationFailed(
        f"{name} is not UTF-8 text (near line {line}): export it again as CSV UTF-8 (or XLSX)"
        + (then if line > 1 else ""),
        field="file",
    )


def require_columns(src: Source, needed: Iterable[str], *, hint: str = "") -> None:
    """Refuse ``src`` when its header lacks any of ``needed`` (an empty file passes:
    it has no rows to import). The message names the missing columns, the file's own
    columns and ``hint`` (what the file should look like)."""
    header = src.header()
    if header is None or not any(header):
        return
    have = set(header)
    missing = [c for c in dict.fromkeys(needed) if c not in have]
    if not missing:
        return
    shown = ", ".join(repr(h) for h in header[:12] if h) + (", …" if len(header) > 12 else "")
    raise ValidationFailed(
        f"{src.name} has no column {', '.join(repr(c) for c in missing)}"
        f" (its columns: {shown}){'; ' + hint if hint else ''}; nothing was imported",
        field="columns",
    )
