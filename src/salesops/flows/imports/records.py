"""What an importer reads, in one shape for every source system (issue 19).

A source adapter (``salesforce``, ``hubspot``, ``generic``) turns each row of its
files into one of these records, or a ``BadValue``; the writer (``writer``) does the
rest the same way for every system. ``key`` is the row's id in its system; references
(``account_key`` …) are other rows' ids.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from salesops.flows.imports.values import BadValue


def _clip(record: Any, **limits: int) -> None:
    """Long texts cut to their column's length (a 255-character Salesforce name fits)."""
    for name, n in limits.items():
        value = getattr(record, name)
        if isinstance(value, str) and len(value) > n:
            setattr(record, name, value[:n])


# Placeholders forms and exports put where no company was given (Salesforce's web-to-lead
# and HubSpot's forms write "[not provided]"): no company, so a free-mail person's
# account is named after them (M-2), not "[not provided]" (qa19)
_NO_COMPANY = frozenset({"not provided", "n/a", "na", "none", "unknown", "-", "null", "?"})


def _company(value: str | None) -> str | None:
    if value is None or value.strip().strip("[]()<>").strip().lower() in _NO_COMPANY:
        return None
    return value


def _check_email(email: str) -> None:
    if len(email) > 254:
        raise BadValue(f"email {email[:40]!r}… is longer than 254 characters")


@dataclass
class UserIn:
    key: str
    email: str | None
    name: str = ""


@dataclass
class AccountIn:
    key: str
    name: str
    website: str | None = None
    owner_key: str | None = None
    industry: str | None = None
    employee_count: int | None = None
    estimated_revenue: int | None = None
    country: str | None = None
    us_state: str | None = None
    created_at: datetime | None = None

    def __post_init__(self) -> None:
        _clip(self, name=200, industry=120)


@dataclass
class ContactIn:
    key: str
    email: str
    name: str = ""
    title: str | None = None
    account_key: str | None = None
    company: str | None = None
    owner_key: str | None = None
    lead_source: str | None = None
    country: str | None = None
    us_state: str | None = None
    created_at: datetime | None = None

    def __post_init__(self) -> None:
        _check_email(self.email)
        self.company = _company(self.company)
        _clip(self, name=200, title=200, company=200, lead_source=60)


@dataclass
class LeadIn:
    """An unconverted lead: a contact (M-1, M-2) with a lead task (O-3, L-1)."""

    key: str
    email: str
    status: str  # already an L-1 status
    source_status: str | None = None
    name: str = ""
    title: str | None = None
    company: str | None = None
    website: str | None = None
    owner_key: str | None = None
    lead_source: str = "Manual"
    country: str | None = None
    us_state: str | None = None
    industry: str | None = None
    employee_count: int | None = None
    estimated_revenue: int | None = None
    description: str | None = None
    account_key: str | None = None
    created_at: datetime | None = None

    def __post_init__(self) -> None:
        _check_email(self.email)
        self.company = _company(self.company)
        _clip(self, name=200, title=200, company=200, industry=120, source_status=200)


@dataclass
class OpportunityIn:
    key: str
    name: str
    account_key: str | None
    record_type: str
    pipeline: str
    stage: str
    source_stage: str
    amount: Decimal | None = None
    close_date: date | None = None
    opp_type: str = "Monthly Plan"
    forecast_category: str | None = None
    owner_key: str | None = None
    lead_source: str | None = None
    contact_keys: list[str] = field(default_factory=list)
    created_at: datetime | None = None

    def __post_init__(self) -> None:
        _clip(self, name=300, lead_source=60)


@dataclass
class RoleIn:
    key: str
    opportunity_key: str
    contact_key: str
    role: str = "Primary"
    primary: bool = False

    def __post_init__(self) -> None:
        _clip(self, role=60)


@dataclass
class ActivityIn:
    key: str
    kind: str  # activities.models.KINDS
    occurred_at: datetime | None
    subject: str = ""
    body: str = ""
    account_key: str | None = None
    opportunity_key: str | None = None
    contact_key: str | None = None
    lead_key: str | None = None
    owner_key: str | None = None


def digest(record: Any) -> str:
    """A fingerprint of a record as read: equal digests → nothing changed (item 5).
    The dataclass's repr names every field and value (dates, decimals: stable forms)."""
    return hashlib.sha1(repr(record).encode(), usedforsecurity=False).hexdigest()


def as_dict(record: Any) -> dict[str, Any]:
    return asdict(record)
