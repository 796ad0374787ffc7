"""Property-based API fuzzing from our own OpenAPI document: whatever a client sends
(wrong types, huge numbers, odd strings, missing or unknown fields), the answer is
never a server error. Deterministic (derandomised), bounded, on both databases.
"""

from __future__ import annotations

from typing import Any

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from salesops.playbook.runtime import Runtime
from tests.factories import make_account, make_contact, make_task, make_user

FUZZ = settings(
    max_examples=8,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


def test_no_server_error_for_any_input(rt: Runtime, admin_headers: dict[str, str]) -> None:
    from salesops.app import create_app

    # A little data, so that ids in generated paths sometimes exist.
    seller = make_user(rt, "fuzz-seller@example.com", territory="Europe & Africa")
    account = make_account(rt, "Fuzz Co", country="DE")
    make_task(rt, account, make_contact(rt, "buyer@fuzzco.com"), owner_id=seller.id)
    schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(rt.settings, runtime=rt))
    failures: list[str] = []
    calls = [0]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 40
    for operation in operations:

        @FUZZ
        @given(case=operation.as_strategy())
        def check(case: Any) -> None:
            calls[0] += 1
            case.call_and_validate(headers=admin_headers, checks=[not_a_server_error])

        try:
            check()
        except Exception as exc:  # collect all, report once
            failures.append(f"{operation.method.upper()} {operation.path}: {exc}"[:600])
    assert failures == [], "\n".join(failures)
    assert calls[0] > 4 * len(operations)  # it really exercised every operation
