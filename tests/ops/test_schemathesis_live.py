"""Schemathesis against the live server (issue 13 acceptance): a real ``salesops serve``
on a fresh database with demo data, driven over HTTP with an admin token through every
phase (examples, coverage, fuzzing, stateful) of every operation in /openapi.json.
Zero server errors and zero schema violations: every answer's status, content type,
headers and body are what the document says (the problems included, core.openapi).

Bounded for CI (a fixed seed, ``EXAMPLES`` cases per operation and phase): about a
minute a backend on two busy cores.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from salesops.playbook.runtime import Runtime
from tests.factories import make_user, token_for
from tests.ops.process import process_env, serve, wait_ready

EXAMPLES = 15
CHECKS = (
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
)


@pytest.mark.slow
def test_schemathesis_finds_no_server_error_and_no_schema_violation(
    rt: Runtime, tmp_path: Path
) -> None:
    from salesops import demo

    rt.settings.firmographics_path = tmp_path / "firmographics.csv"
    demo.load(rt, accounts=12, seed=7)  # ids in generated paths often exist
    admin = make_user(rt, "fuzz-admin@example.com", role="admin", password=None)
    token = token_for(rt, admin)
    firmographics = str(rt.settings.firmographics_path)
    with serve(rt, tmp_path, SALESOPS_FIRMOGRAPHICS_PATH=firmographics) as proc:
        wait_ready(proc)
        st = Path(sys.executable).with_name("st")
        run = subprocess.run(
            [
                str(st),
                "run",
                f"{proc.url}/openapi.json",
                "--header",
                f"Authorization: Bearer {token}",
                "--checks",
                ",".join(CHECKS),
                "--max-examples",
                str(EXAMPLES),
                "--seed",
                "20240603",
                "--workers",
                "2",
                "--request-timeout",
                "30",
                "--no-color",
                "--generation-database",
                "none",
            ],
            cwd=tmp_path,
            env=process_env(rt),
            capture_output=True,
            text=True,
            timeout=900,
        )
        server_log = proc.output()
    report = run.stdout[-12_000:] + run.stderr[-2_000:]
    assert run.returncode == 0, f"{report}\n--- server log tail ---\n{server_log[-4_000:]}"
    assert "Tested: " in run.stdout and "failures" not in run.stdout.splitlines()[-1]
