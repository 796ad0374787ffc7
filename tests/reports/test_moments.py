"""``as_of``, ``from`` and ``to`` of every report (V-1 … V-7): a date or an ISO timestamp,
offsets included; a bad value is a 422 naming the field in words (issue 18)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import time_machine
from fastapi.testclient import TestClient

from salesops.core.errors import ValidationFailed
from salesops.reports.common import parse_day, parse_moment
from salesops.reports.registry import REPORTS
from tests.reports.conftest import NOW, World


@pytest.mark.parametrize(
    ("text", "moment"),
    [
        ("2026-02-05", datetime(2026, 2, 5, 23, 59, 59, 999999, tzinfo=UTC)),
        ("2026-02-05T12:00:00Z", datetime(2026, 2, 5, 12, tzinfo=UTC)),
        ("2026-02-05T12:00:00", datetime(2026, 2, 5, 12, tzinfo=UTC)),  # no offset: UTC
        ("2026-02-05T12:00:00+02:00", datetime(2026, 2, 5, 10, tzinfo=UTC)),
        ("2026-02-05T12:00:00 02:00", datetime(2026, 2, 5, 10, tzinfo=UTC)),  # "+" decoded
        ("2026-02-05T12:00:00+0200", datetime(2026, 2, 5, 10, tzinfo=UTC)),
        ("2026-02-05T12:00-05:00", datetime(2026, 2, 5, 17, tzinfo=UTC)),
        ("2026-02-05 12:00:00.5+02:00", datetime(2026, 2, 5, 10, 0, 0, 500000, tzinfo=UTC)),
        ("2026-02-05 12:00", datetime(2026, 2, 5, 12, tzinfo=UTC)),
        ("2026-02-05T23:30:00-02:00", datetime(2026, 2, 6, 1, 30, tzinfo=UTC)),
    ],
)
def test_as_of_takes_a_date_or_a_timestamp_with_any_offset(text: str, moment: datetime) -> None:
    assert parse_moment(text) == moment


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-04-01", date(2026, 4, 1)),
        ("2026-04-01T00:00:00Z", date(2026, 4, 1)),
        ("2026-04-01T00:00:00", date(2026, 4, 1)),
        ("2026-04-01T00:00:00+02:00", date(2026, 4, 1)),  # the day as written, not Mar 31
        ("2026-04-01T00:00:00 02:00", date(2026, 4, 1)),
        ("2026-04-01T00:00:00-05:00", date(2026, 4, 1)),
        ("2026-04-01T23:59:59.999+02:00", date(2026, 4, 1)),
        ("2026-04-01 23:59:59", date(2026, 4, 1)),
    ],
)
def test_from_to_take_a_date_or_a_timestamp_naming_a_day(text: str, day: date) -> None:
    assert parse_day(text, "from") == day


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2026-04-01T10:00:00+02:00", "from (the first day of the period)"),  # part of a day
        ("soon", "from (the first day of the period)"),
        ("2026-13-01", "from (the first day of the period)"),
        ("0001-01-01", "between the years 1900 and 2999"),
    ],
)
def test_bad_days_name_the_field(text: str, words: str) -> None:
    with pytest.raises(ValidationFailed) as err:
        parse_day(text, "from")
    assert err.value.field == "from" and words in err.value.detail


def test_every_report_over_http(world: World, client: TestClient) -> None:
    """Each report answers the offset forms, and refuses a bad value with a 422 whose
    message names the field in words."""
    from tests.factories import token_for

    client.headers["Authorization"] = f"Bearer {token_for(world.rt, world.admin)}"
    with time_machine.travel(NOW, tick=False):
        for name, report in REPORTS.items():
            if report.as_of:
                plain = client.get(f"/api/v1/reports/{name}?as_of=2026-02-05T10:00:00Z")
                offset = client.get(f"/api/v1/reports/{name}?as_of=2026-02-05T12:00:00%2B02:00")
                assert plain.status_code == offset.status_code == 200, (name, offset.text)
                assert plain.json()["rows"] == offset.json()["rows"], name
                bad = client.get(f"/api/v1/reports/{name}?as_of=yesterday")
                assert bad.status_code == 422 and "the moment the report is as of" in bad.text
            else:
                bad = client.get(f"/api/v1/reports/{name}?as_of=2026-02-05")
                assert bad.status_code == 422 and "as_of" in bad.text, name
            days = client.get(f"/api/v1/reports/{name}?from=2026-01-01&to=2026-03-31")
            stamps = client.get(
                f"/api/v1/reports/{name}?from=2026-01-01T00:00:00%2B02:00"
                "&to=2026-03-31T23:59:59-05:00"
            )
            assert days.status_code == stamps.status_code == 200, (name, stamps.text)
            assert days.json()["rows"] == stamps.json()["rows"], name
            bad = client.get(f"/api/v1/reports/{name}?from=2026-01-01&to=2026-03-31T12:00:00Z")
            assert bad.status_code == 422, name
            assert "to (the last day of the period, included)" in bad.json()["detail"], name
            back = client.get(f"/api/v1/reports/{name}?from=2026-03-01&to=2026-02-01")
            assert back.status_code == 422 and "is before from" in back.text, name
