"""What every report shares (V-1 … V-7): filters, who sees which rows (U-2), the result
shape, and the few SQL expressions that differ between SQLite and PostgreSQL.

A report is one function ``(session, filters, scope) -> Result`` that runs set-based
queries (GROUP BY, window functions) over indexed columns: no Python loop over records.
``Result.rows`` are plain dicts whose keys are the stable column names of the API and CSV.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Integer,
    String,
    bindparam,
    cast,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.orm import Session

from salesops.core.errors import ValidationFailed
from salesops.core.limits import finite_or_none
from salesops.routing.models import Territory, TerritoryMember
from salesops.users.models import User


@dataclass(frozen=True)
class Filters:
    """A report's inputs. ``start``/``end`` are days, both included (``?from=&to=``)."""

    start: date | None = None
    end: date | None = None
    as_of: datetime | None = None
    owner_id: int | None = None
    territory: str | None = None
    lead_source: str | None = None

    @property
    def end_exclusive(self) -> date | None:
        return self.end + timedelta(days=1) if self.end else None

    def with_period(self, start: date, end: date) -> Filters:
        """Fill a missing period with the report's default."""
        return replace(self, start=self.start or start, end=self.end or end)


@dataclass(frozen=True)
class Scope:
    """U-2: whose rows a user sees. ``everything`` for admins and viewers; a salesperson
    sees their own rows and the rows of their territories."""

    everything: bool
    user_id: int | None = None
    territories: tuple[str, ...] = ()

    def clause(self, owner_col: Any, territory_col: Any) -> ColumnElement[bool] | None:
        if self.everything:
            return None
        parts = [owner_col == self.user_id]
        if self.territories:
            parts.append(territory_col.in_(self.territories))
        return or_(*parts)


EVERYTHING = Scope(everything=True)

# U-2: a record with no owner (imported with an unknown owner, left unassigned by a
# hand-over) is its territory's row — a salesperson of that territory sees it, nobody
# else in sales — and it shows under this owner name (``owner_id`` empty) to them and to
# admins and viewers. The same label in the API, CSV, CLI and pages.
UNOWNED = "Unowned"


def owner_label(owner_id: int | None, name: str | None) -> str:
    """A report row's ``owner``: the user's name, or ``Unowned`` (U-2) for no owner."""
    return name or "" if owner_id else UNOWNED


def scope_of(session: Session, user: User) -> Scope:
    """U-2: admins and viewers see every row; sales their own and their territories'."""
    if user.role != "sales":
        return EVERYTHING
    names = session.scalars(
        select(Territory.name)
        .join(TerritoryMember, TerritoryMember.territory_id == Territory.id)
        .where(TerritoryMember.user_id == user.id, TerritoryMember.active.is_(True))
        .order_by(Territory.name)
    )
    return Scope(everything=False, user_id=user.id, territories=tuple(names))


@dataclass
class Result:
    """``{"rows": [...], "totals": {...}, "as_of": ...}`` of the API (V-1 … V-7)."""

    columns: list[str]
    rows: list[dict[str, Any]]
    totals: dict[str, Any]
    as_of: datetime
    extra: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        body = {
            "rows": [{k: jsonable(r.get(k)) for k in self.columns} for r in self.rows],
            "totals": {k: jsonable(v) for k, v in self.totals.items()},
            "as_of": self.as_of.isoformat(),
        }
        for key, value in self.extra.items():
            body[key] = jsonable(value)
        return body

    def as_csv(self) -> str:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(self.columns)
        for row in self.rows:
            writer.writerow([csv_cell(row.get(k)) for k in self.columns])
        return out.getvalue()


def jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    return value


def csv_cell(value: Any) -> str:
    value = jsonable(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value)) if abs(value) < 1e15 else repr(value)
    text = str(value)
    if text[:1] in ("=", "+", "-", "@") and not _is_number(text):  # no spreadsheet formulas
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


# -- values -------------------------------------------------------------------


def money(value: Any) -> Decimal:
    """A sum or amount as money; NaN, infinity or out of range (a bad row written before
    the checks, issue 16 item 6) reads as 0 rather than breaking the report."""
    return (finite_or_none(value, bounded=False) or Decimal(0)).quantize(Decimal("0.01"))


def rate(part: Any, whole: Any) -> float | None:
    """A share, or None when there is nothing to divide by."""
    whole = float(whole or 0)
    return None if whole == 0 else float(part or 0) / whole


def number(value: Any) -> float | None:
    """A rate, median or ratio as a float, unrounded (the API's consumers compare them)."""
    return None if value is None else float(value)


# -- dialect-specific SQL -----------------------------------------------------


def dialect(session: Session) -> str:
    return session.get_bind().dialect.name


def seconds_between(session: Session, later: Any, earlier: Any) -> ColumnElement[Any]:
    """``later - earlier`` in seconds, as SQL (both UTC timestamps)."""
    if dialect(session) == "postgresql":
        return func.extract("epoch", later - earlier)
    return (func.julianday(later) - func.julianday(earlier)) * 86400.0


def month_label(session: Session, day: Any) -> ColumnElement[str]:
    """``YYYY-MM`` of a date column."""
    if dialect(session) == "postgresql":
        return func.to_char(day, "YYYY-MM")
    return func.strftime("%Y-%m", day)


def quarter_label(session: Session, day: Any) -> ColumnElement[str]:
    """``YYYY-Qn`` of a date column (calendar quarters)."""
    if dialect(session) == "postgresql":
        return func.to_char(day, 'YYYY-"Q"Q')
    month = cast(func.strftime("%m", day), Integer)
    return func.strftime("%Y", day).concat(literal("-Q")).concat(cast((month + 2) // 3, String))


def median(session: Session, values: Any, keys: list[str], value: str) -> dict[Any, float]:
    """The median of ``value`` per ``keys`` over the subquery ``values``, set-based.

    Window functions rank each group's values; the middle one (or the mean of the two
    middle ones) is picked by SQL. Returns {key tuple (or key): median}.
    """
    cols = [values.c[k] for k in keys]
    if dialect(session) == "postgresql":  # an ordered-set aggregate: one sort per group
        query: Any = select(
            *cols, func.percentile_cont(0.5).within_group(values.c[value])
        ).group_by(*cols)
        return _keyed(session, query, len(keys))
    ranked = select(
        *cols,
        values.c[value].label("v"),
        func.row_number().over(partition_by=cols, order_by=values.c[value]).label("rn"),
        func.count().over(partition_by=cols).label("n"),
    ).subquery()
    rcols = [ranked.c[k] for k in keys]
    query = (
        select(*rcols, func.avg(ranked.c.v))
        .where(
            or_(
                ranked.c.rn == (ranked.c.n + 1) // 2,
                ranked.c.rn == (ranked.c.n + 2) // 2,
            )
        )
        .group_by(*rcols)
    )
    return _keyed(session, query, len(keys))


def _keyed(session: Session, query: Any, width: int) -> dict[Any, float]:
    out: dict[Any, float] = {}
    for row in session.execute(query):  # one row per group
        key = row[0] if width == 1 else tuple(row[:width])
        out[key] = float(row[-1])
    return out


def day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=UTC)


FIRST_YEAR, LAST_YEAR = 1900, 2999  # outside: a typo, and no date arithmetic overflows

# What each moment or day parameter is, in words (the 422's message names the field so).
FIELD_WORDS = {
    "as_of": "as_of (the moment the report is as of)",
    "from": "from (the first day of the period)",
    "to": "to (the last day of the period, included)",
    "compare": "compare (the moment to compare with)",
}
MOMENT_FORMS = "a date like 2026-03-31 or an ISO timestamp like 2026-03-31T17:30:00+02:00"
DAY_FORMS = (
    "a date like 2026-03-31, or a timestamp at that day's start or end "
    "(2026-03-31T00:00:00+02:00, 2026-03-31T23:59:59Z; any offset): periods are whole days"
)
# A "+hh:mm" offset sent unencoded in a query string arrives as " hh:mm" after a time.
_LOST_PLUS = re.compile(r"(T?\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?) (\d{2}(?::?\d{2})?)$")


def _words(field_name: str) -> str:
    return FIELD_WORDS.get(field_name, field_name)


def _in_range(day: date, field_name: str) -> date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValidationFailed(
            f"{_words(field_name)} must be between the years {FIRST_YEAR} and {LAST_YEAR}",
            field=field_name,
        )
    return day


def _timestamp(value: str) -> datetime:
    """An ISO 8601 timestamp: ``T`` or a space between date and time, ``Z`` or an offset
    (``+02:00``, ``+0200``, ``+02``; a ``+`` lost to query-string decoding too)."""
    text = _LOST_PLUS.sub(r"\1+\2", value)
    if text[-1:] in ("Z", "z"):
        text = text[:-1] + "+00:00"
    return datetime.fromisoformat(text)


def parse_moment(value: str | None, field_name: str = "as_of") -> datetime | None:
    """A date (its end: the state at the close of that day, UTC) or an ISO timestamp
    (with an offset, or UTC without one), as a UTC moment."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            day = _in_range(date.fromisoformat(text), field_name)
            return day_start(day) + timedelta(days=1) - timedelta(microseconds=1)
        moment = _timestamp(text)
    except ValueError:
        raise ValidationFailed(
            f"{_words(field_name)} must be {MOMENT_FORMS}; got {value.strip()[:40]!r}",
            field=field_name,
        ) from None
    _in_range(moment.date(), field_name)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def parse_day(value: str | None, field_name: str) -> date | None:
    """A period's ``from`` / ``to`` day (whole days, both included).

    A date, or a timestamp that only names a day — at 00:00:00 (how most clients
    serialise a date) or at the day's last second (23:59:59, any fraction) — in UTC or
    any offset: the day as written (``2026-04-01T00:00:00+02:00`` is April 1, the day
    the client meant, not March 31 in UTC). Any other time of day is refused (422 naming
    the field), never cut to its day: the reports count whole days, so a part of a day
    cannot be honoured."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            return _in_range(date.fromisoformat(text), field_name)
        moment = _timestamp(text)
        clock = moment.time().replace(microsecond=0, tzinfo=None)
        if clock not in (time(0), time(23, 59, 59)):
            raise ValueError(text)
    except ValueError:
        raise ValidationFailed(
            f"{_words(field_name)} must be {DAY_FORMS}; got {value.strip()[:40]!r}",
            field=field_name,
        ) from None
    return _in_range(moment.date(), field_name)


PERIOD_BACKWARDS = "to (the last day of the period) is before from (its first day)"


def check_period(filters: Filters) -> None:
    if filters.start and filters.end and filters.end < filters.start:
        raise ValidationFailed(PERIOD_BACKWARDS, field="to")


def id_test(conn: Connection, column: str) -> tuple[str, Any]:
    """``column`` among the ``:ids`` parameter, and the parameter: one array on PostgreSQL
    (``= ANY``: one value however many ids, the statement planned once and repeated in
    every branch of a UNION at no cost), an expanding ``IN`` on SQLite."""
    if conn.dialect.name == "postgresql":
        return f"{column} = ANY(:ids)", bindparam("ids")
    return f"{column} IN :ids", bindparam("ids", expanding=True)
