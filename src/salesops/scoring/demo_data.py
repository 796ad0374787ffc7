"""A deterministic firmographics file for the demo (S-1: no network needed).

``write_demo_firmographics(path, domains)`` writes one plausible row per
domain; the same domains always give the same file, so ``make run`` is
reproducible. Values are derived from a hash of the domain, not random.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TypeVar

from salesops.scoring.enrichment import COLUMNS

INDUSTRIES = [
    "Financial Services",
    "Health Care",
    "Biotechnology",
    "Legal Services",
    "Internet Software & Services",
    "Consulting",
    "Computer Networking",
    "Retail",
    "Media",
    "Education",
    "Travel & Leisure",
    "Manufacturing",
]
EMPLOYEES = [4, 9, 25, 60, 140, 320, 780, 1500, 5200]
REVENUE = [300_000, 2_000_000, 8_000_000, 25_000_000, 60_000_000, 180_000_000]
FUNDING = [0, 500_000, 3_000_000, 12_000_000, 45_000_000, 120_000_000]
PLACES = [
    ("US", "CA"),
    ("US", "NY"),
    ("US", "TX"),
    ("US", "MA"),
    ("GB", ""),
    ("DE", ""),
    ("FR", ""),
    ("NL", ""),
    ("CA", ""),
    ("AU", ""),
    ("SG", ""),
    ("JP", ""),
    ("BR", ""),
    ("IN", ""),
]


T = TypeVar("T")


def _pick(domain: str, salt: str, options: Sequence[T]) -> T:
    digest = hashlib.sha256(f"{salt}:{domain}".encode()).digest()
    return options[int.from_bytes(digest[:4], "big") % len(options)]


def demo_row(domain: str) -> dict[str, object]:
    """One deterministic firmographics row for a domain."""
    country, state = _pick(domain, "place", PLACES)
    return {
        "domain": domain,
        "name": domain.split(".", 1)[0].replace("-", " ").title(),
        "industry": _pick(domain, "industry", INDUSTRIES),
        "employee_count": _pick(domain, "employees", EMPLOYEES),
        "estimated_revenue": _pick(domain, "revenue", REVENUE),
        "total_funding": _pick(domain, "funding", FUNDING),
        "country": country,
        "us_state": state,
        "business_model": _pick(domain, "model", ["b2b", "b2b", "b2b", "b2c"]),
    }


def write_demo_firmographics(path: Path, domains: Iterable[str]) -> int:
    """Write a firmographics CSV covering ``domains`` (sorted, deduplicated); returns rows."""
    unique = sorted({d.strip().lower() for d in domains if d and d.strip()})
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS))
        writer.writeheader()
        for domain in unique:
            writer.writerow(demo_row(domain))
    return len(unique)
