"""Largest values the columns hold, so inputs are refused with a 422 naming the field
instead of overflowing in the database."""

from decimal import Decimal

INT32 = 2**31 - 1  # Integer columns (ids, counts, employees)
INT64 = 2**63 - 1  # BigInteger columns (revenue, funding, events)
MONEY_MAX = Decimal("9999999999.99")  # Numeric(14, 2) amounts
