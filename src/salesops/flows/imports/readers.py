"""Streaming readers for export files (issue 19 item 5): CSV (UTF-8, with or without a
byte-order mark) and XLSX (openpyxl, read-only). Each yields ``(line, row)`` one row at
a time, so memory stays flat at any file size; ``position()`` says how far the file is
read, for the progress bar."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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
            reader = csv.reader(text)
            header = next(reader, None)
            if header is None:
                return
            header = [h.strip() for h in header]
            for row in reader:
                if not any(cell.strip() for cell in row):
                    continue
                yield reader.line_num, dict(zip(header, row, strict=False))

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
