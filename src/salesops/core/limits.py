"""Largest values the columns hold, so inputs are refused with a 422 naming the field
instead of overflowing in the database."""

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any

from pydantic import Field
from sqlalchemy import Numeric
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator

from salesops.core.errors import ValidationFailed

INT32 = 2**31 - 1  # Integer columns (ids, counts, employees)
INT64 = 2**63 - 1  # BigInteger columns (revenue, funding, events)
MONEY_MAX = Decimal("9999999999.99")  # Numeric(14, 2) amounts
# A deal's dates: Q-3's contract end (start + up to 120 months), Q-7's renewal and Q-12's
# check-ins are computed from them, so year 9999 would overflow on read (issue 16 item 6).
DATE_MIN, DATE_MAX = date(1900, 1, 1), date(2999, 12, 31)
DealDate = Annotated[date, Field(ge=DATE_MIN, le=DATE_MAX)]
REPLAY_MAX_DAYS = 3650  # R-8's impact replay: the API and the CLI take up to ten years


class BadMoney(ValidationFailed):
    """An amount that is not a finite, non-negative number within ``MONEY_MAX``."""


def money_value(value: Any, label: str, *, field: str | None = None) -> Decimal | None:
    """Issue 16 item 6: the one check every path puts money through (API, web forms, CLI,
    import). ``"$48,000"`` → 48000.00; blank → None; NaN, ±infinity, negative or beyond
    ``MONEY_MAX`` → ``BadMoney`` naming ``label`` (human words) and ``field``."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise BadMoney(f"{label} must be a number", field=field)
    if isinstance(value, int | float | Decimal):
        text = str(value)
    else:
        text = str(value).strip().replace(",", "").replace("$", "").replace("€", "")
        text = text.replace("£", "").replace(" ", "").replace("\u00a0", "")
        if not text:
            return None
    try:
        amount = Decimal(text)
    except (InvalidOperation, ValueError):
        raise BadMoney(f"{label} must be a number", field=field) from None
    if not amount.is_finite():
        raise BadMoney(f"{label} must be a finite number", field=field)
    if amount < 0:
        raise BadMoney(f"{label} must be zero or more", field=field)
    if amount > MONEY_MAX:
        raise BadMoney(f"{label} must be at most {MONEY_MAX:,}", field=field)
    return amount.quantize(Decimal("0.01"))


def finite_or_none(value: Any, *, bounded: bool = True) -> Decimal | None:
    """Readers (V-1, V-2): an amount stored before the checks — NaN, infinity, out of
    range — reads as unknown (None) instead of breaking a page for everyone.
    ``bounded=False`` for sums, which may exceed one amount's bound."""
    if value is None:
        return None
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if not amount.is_finite():
        return None
    if bounded and (amount < 0 or amount > MONEY_MAX):
        return None
    return amount


class Money(TypeDecorator[Decimal]):
    """A money column (Numeric(14, 2)) whose reads never carry NaN or infinity into the
    app: such a value (written before the checks, or by hand) reads as 0, so one bad row
    cannot take Forecast or Pipeline down for everyone (issue 16 item 6). Writes are
    checked at every edge with ``money_value``."""

    impl = Numeric(14, 2)
    cache_ok = True

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        # Only NaN / infinity: a finite value passes as it is, since expressions typed
        # from these columns (a sum, a difference of two MRRs) may be large or negative.
        return finite_or_none(value, bounded=False) or Decimal("0.00")
