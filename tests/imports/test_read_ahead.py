"""The import's read-ahead (issue 19, performance): the next batch's rows are read by a
thread of its own while this batch is written — the batches come in file order, an
error reading the file is raised where it happened, and a caller that stops (a failed
batch) stops the reader: nothing keeps reading the file behind it (flat memory)."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from salesops.flows.imports.bulk import read_ahead


def test_batches_in_order_and_an_error_where_it_happened() -> None:
    def rows() -> Iterator[int]:
        yield from range(7)
        raise ValueError("not UTF-8 halfway")

    got: list[list[int]] = []
    with pytest.raises(ValueError, match="halfway"):
        for chunk in read_ahead(rows(), 3):
            got.append(chunk)
    assert got == [[0, 1, 2], [3, 4, 5]]  # what reading in the caller's thread gives


def test_a_caller_that_stops_stops_the_reader() -> None:
    read: list[int] = []

    def rows() -> Iterator[int]:
        for i in range(100_000):
            read.append(i)
            yield i

    batches = read_ahead(rows(), 10)
    assert next(batches) == list(range(10))
    batches.close()
    assert not [t for t in threading.enumerate() if t.name == "import-read-ahead"]
    assert len(read) <= 31  # this batch, one ahead, one being read: never the whole file
