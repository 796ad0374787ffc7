"""S-1 providers: the firmographics file (bad data reported by file and line) and the HTTP
provider against a fake enrichment service on 127.0.0.1 (timeouts, cache, failures)."""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from typer.testing import CliRunner

from salesops.scoring.demo_data import write_demo_firmographics
from salesops.scoring.enrichment import (
    CsvProvider,
    HttpProvider,
    parse_number,
    read_firmographics,
)


class FakeEnrichment:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str | None]] = []
        self.answers: dict[str, tuple[int, Any]] = {}
        self.delay = threading.Event()  # set → the handler hangs until the client times out


@pytest.fixture
def fake() -> Iterator[tuple[FakeEnrichment, str]]:
    state = FakeEnrichment()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802
            domain = parse_qs(urlparse(self.path).query).get("domain", [""])[0]
            state.calls.append((domain, self.headers.get("Authorization")))
            if state.delay.is_set():  # a slow service: answer after the client gave up
                threading.Event().wait(0.4)
            status, body = state.answers.get(domain, (404, {"error": "unknown"}))
            raw = body if isinstance(body, bytes) else json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            with contextlib.suppress(BrokenPipeError):  # the client timed out first
                self.wfile.write(raw)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield state, f"http://127.0.0.1:{server.server_address[1]}/v1/companies"
    server.shutdown()
    server.server_close()


def test_s1_http_provider_sends_key_normalises_and_caches(fake: tuple[FakeEnrichment, str]) -> None:
    state, url = fake
    state.answers["acme.com"] = (
        200,
        {
            "industry": "Consulting",
            "employee_count": "1,200",
            "country": "United States",
            "us_state": "Texas",
            "business_model": "B2B",
            "estimated_revenue": "$12M",
        },
    )
    provider = HttpProvider(url, "secret-key", timeout=2)
    found = provider.lookup("acme.com")
    assert found == {
        "industry": "Consulting",
        "employee_count": 1200,
        "estimated_revenue": 12_000_000,
        "country": "US",
        "us_state": "TX",
        "is_b2b": True,
    }
    assert provider.lookup("acme.com") == found
    assert state.calls == [("acme.com", "Bearer secret-key")]  # cached per domain
    provider.close()


def test_s1_http_failures_answer_nothing_and_never_raise(fake: tuple[FakeEnrichment, str]) -> None:
    state, url = fake
    state.answers["down.com"] = (503, {"error": "maintenance"})
    state.answers["junk.com"] = (200, b"<html>not json</html>")
    state.answers["bad.com"] = (200, {"employee_count": "lots", "country": "Atlantis"})
    provider = HttpProvider(url, None, timeout=2)
    assert provider.lookup("down.com") is None
    assert provider.lookup("junk.com") is None
    assert provider.lookup("unknown.com") is None  # 404
    assert provider.lookup("bad.com") == {}  # bad values dropped, reported
    assert any("Atlantis" in str(p) for p in provider.problems)
    provider.close()


def test_s1_http_timeout_does_not_block_and_is_cached_briefly(
    fake: tuple[FakeEnrichment, str],
) -> None:
    state, url = fake
    state.delay.set()
    clock = [100.0]
    provider = HttpProvider(url, None, timeout=0.1, monotonic=lambda: clock[0])
    assert provider.lookup("slow.com") is None
    assert provider.lookup("slow.com") is None
    assert len(state.calls) == 1  # the failure is cached …
    clock[0] += 61
    state.delay.clear()
    provider.lookup("slow.com")
    assert len(state.calls) == 2  # … only briefly
    provider.close()


def test_s1_unreachable_service_answers_nothing() -> None:
    provider = HttpProvider("http://127.0.0.1:9/enrich", None, timeout=0.2)
    assert provider.lookup("acme.com") is None
    provider.close()


def test_s1_file_problems_name_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "firmo.csv"
    path.write_text(
        "domain,industry,employee_count,country\n"
        "acme.com,Consulting,120,Germany\n"
        "not a domain,Retail,5,US\n"
        "beta.io,Retail,-4,Elbonia\n"
        "acme.com,Retail,7,FR\n"
    )
    rows, problems = read_firmographics(path)
    assert rows["acme.com"] == {"industry": "Consulting", "employee_count": 120, "country": "DE"}
    assert rows["beta.io"] == {"industry": "Retail"}
    text = [str(p) for p in problems]
    assert (
        f"{path}:1: missing columns: name, estimated_revenue, total_funding, us_state, "
        "business_model" in text
    )
    assert any(t.startswith(f"{path}:3: domain:") for t in text)
    assert any(t.startswith(f"{path}:4: employee_count") for t in text)
    assert f"{path}:4: country: unknown country 'Elbonia'" in text
    assert any(t.startswith(f"{path}:5: domain acme.com listed again") for t in text)


def test_s1_file_without_domain_column_or_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("company,industry\nacme,Retail\n")
    assert read_firmographics(path)[1][0].message == "missing required column 'domain'"
    provider = CsvProvider(tmp_path / "missing.csv")
    assert provider.lookup("acme.com") is None
    assert provider.problems


@pytest.mark.parametrize(
    ("raw", "value"),
    [("1,200", 1200), ("12m", 12_000_000), ("$1.5B", 1_500_000_000), (42, 42), ("", None)],
)
def test_s1_numbers(raw: object, value: int | None) -> None:
    assert parse_number(raw) == value


@pytest.mark.parametrize("raw", ["lots", "-5", "12abc", True])
def test_s1_garbage_numbers_are_errors(raw: object) -> None:
    with pytest.raises(ValueError):
        parse_number(raw)


def test_s1_demo_file_is_deterministic_and_clean(tmp_path: Path) -> None:
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    assert write_demo_firmographics(a, ["acme.com", "beta.io", "acme.com"]) == 2
    write_demo_firmographics(b, ["beta.io", "acme.com"])
    assert a.read_text() == b.read_text()
    rows, problems = read_firmographics(a)
    assert set(rows) == {"acme.com", "beta.io"} and problems == []


def test_s1_check_command_reports_lines_and_exits_1(tmp_path: Path) -> None:
    from salesops.cli import app

    path = tmp_path / "firmo.csv"
    path.write_text("domain,employee_count\nacme.com,many\n")
    result = CliRunner().invoke(app, ["enrichment", "check", str(path)])
    assert result.exit_code == 1
    assert "firmo.csv:2: employee_count: 'many' is not a number" in result.output
