"""Role and sub-role of a contact from the form, ``role_at_organization`` or the title (S-2, S-3).

The scores need a *role* (engineering, product, leadership, founder, marketing,
sales, data, design, other) and, for the lead score, a *sub-role*
(``software_engineer``, ``data_science_engineer``, ``founder-ceo`` …). People
give us free text, so this module maps it. The order of precedence is:

1. the role the contact gave on the form (normalised through the same table),
2. the product signup's ``role_at_organization`` (a short picklist),
3. the job title, matched against ``TITLE_RULES`` top to bottom, first hit wins.

The table is documented in ``docs/scoring.md`` and every row is tested in
``tests/scoring/test_roles.py``. Leadership titles are checked before
function words, so "VP Engineering" is leadership and "Head of Growth" is
marketing only because "head of" alone does not make a leader here: a
function-specific head is scored by function (as the handbook's HubSpot
mapping did), while C-level, VP and founder titles are leadership.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple


class RoleGuess(NamedTuple):
    role: str | None
    sub_role: str | None
    source: str  # "form" | "role_at_organization" | "title" | "none"
    why: str


#: (pattern, role, sub_role) — case-insensitive, first match wins.
TITLE_RULES: list[tuple[str, str, str | None]] = [
    # Founders and chief executives: leadership / founder-ceo (S-3 sub-role).
    (r"\bco-?\s?founder\b|\bfounder\b|\bceo\b|chief executive", "leadership", "founder-ceo"),
    (
        r"(?<!product )\bowner\b|managing director|(?<!vice )\bpresident\b",
        "leadership",
        "founder-ceo",
    ),
    # Other C-level and VPs: leadership.
    (r"\bcto\b|chief technology|chief technical", "leadership", None),
    (r"\bcpo\b|chief product", "leadership", None),
    (r"\bc[a-z]{1,2}o\b|chief\b", "leadership", None),
    (r"\bvp\b|vice president|\bsvp\b|\bevp\b", "leadership", None),
    # Data science before generic engineering.
    (
        r"data scien|machine learning|\bml\b|\bai engineer|analytics engineer",
        "engineering",
        "data_science_engineer",
    ),
    (r"data engineer", "engineering", "data_science_engineer"),
    (r"\bweb\b|front-?\s?end|frontend", "engineering", "web_engineer"),
    (r"project engineer|project lead.*engineer", "engineering", "project_engineer"),
    (
        r"software|back-?\s?end|full-?\s?stack|\bsde\b|\bswe\b|developer|programmer|"
        r"platform engineer|mobile engineer|ios engineer|android engineer",
        "engineering",
        "software_engineer",
    ),
    (
        r"engineer|engineering|devops|\bsre\b|reliability|architect|\bqa\b|\btech lead\b",
        "engineering",
        None,
    ),
    # Product.
    (
        r"product manager|product owner|head of product|product lead|\bproduct\b|\bpm\b",
        "product",
        None,
    ),
    # Marketing and growth.
    (r"growth|marketing|\bcmo\b|demand gen|\bseo\b|content|brand|community", "marketing", None),
    # Data analysts (not engineers).
    (r"analyst|\bdata\b|\bbi\b|business intelligence|insights", "data", None),
    (r"design|\bux\b|\bui\b", "design", None),
    (r"sales|account executive|business development|\bbdr\b|\bsdr\b|revenue", "sales", None),
    (r"operations|\bops\b|finance|\bhr\b|people|recruit|legal|counsel|procurement", "other", None),
    (r"student|intern\b|hobby", "other", None),
]

# The C-level wildcard above must not catch these ordinary words.
_NOT_CLEVEL = re.compile(r"\b(?:cmo)\b", re.IGNORECASE)

#: ``role_at_organization`` picklist values (product signup, I-1) → (role, sub_role).
ROLE_AT_ORGANIZATION: dict[str, tuple[str, str | None]] = {
    "engineering": ("engineering", None),
    "engineer": ("engineering", None),
    "developer": ("engineering", "software_engineer"),
    "data": ("data", None),
    "data_science": ("engineering", "data_science_engineer"),
    "product": ("product", None),
    "founder": ("leadership", "founder-ceo"),
    "leadership": ("leadership", None),
    "executive": ("leadership", None),
    "marketing": ("marketing", None),
    "growth": ("marketing", None),
    "sales": ("sales", None),
    "design": ("design", None),
    "other": ("other", None),
}

#: Canonical role names a form may send verbatim.
CANONICAL_ROLES = frozenset(
    {
        "engineering",
        "product",
        "leadership",
        "founder",
        "marketing",
        "sales",
        "data",
        "design",
        "other",
    }
)


@lru_cache(maxsize=1)
def _compiled() -> list[tuple[re.Pattern[str], str, str | None]]:
    return [(re.compile(p, re.IGNORECASE), role, sub) for p, role, sub in TITLE_RULES]


@lru_cache(maxsize=4096)
def role_from_title(title: str | None) -> tuple[str | None, str | None]:
    """The (role, sub_role) a job title maps to; ``(None, None)`` when nothing matches."""
    text = (title or "").strip()
    if not text:
        return None, None
    for pattern, role, sub in _compiled():
        if pattern.search(text):
            if role == "leadership" and sub is None and _NOT_CLEVEL.search(text):
                return "marketing", None
            return role, sub
    return "other", None


def role_from_text(value: str | None) -> tuple[str | None, str | None]:
    """A role given as text (form or picklist): canonical names, picklist values, or a title."""
    text = (value or "").strip().lower().replace("-", "_").replace(" ", "_")
    if not text:
        return None, None
    if text in ROLE_AT_ORGANIZATION:
        return ROLE_AT_ORGANIZATION[text]
    if text in CANONICAL_ROLES:
        return ("leadership", "founder-ceo") if text == "founder" else (text, None)
    return role_from_title(value)


def guess_role(
    form_role: str | None, role_at_organization: str | None, title: str | None
) -> RoleGuess:
    """S-2/S-3: the contact's role and sub-role, and where they came from."""
    if form_role and form_role.strip():
        role, sub = role_from_text(form_role)
        if sub is None and title:
            _, sub = role_from_title(title)
        return RoleGuess(role, sub, "form", f"form role {form_role!r}")
    if role_at_organization and role_at_organization.strip():
        role, sub = role_from_text(role_at_organization)
        if sub is None and title:
            title_role, title_sub = role_from_title(title)
            sub = title_sub if title_role == role else None
        return RoleGuess(
            role, sub, "role_at_organization", f"role_at_organization {role_at_organization!r}"
        )
    if title and title.strip():
        role, sub = role_from_title(title)
        return RoleGuess(role, sub, "title", f"title {title!r}")
    return RoleGuess(None, None, "none", "no role, role_at_organization or title")
