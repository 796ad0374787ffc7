"""The demo's made-up world (``salesops demo``): sellers and their territories, places,
industries, company and people names, messages, and the companies built from them,
deterministic for a seed. Data only; ``salesops.demo`` loads it through the services.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

SELLERS = [
    ("maya.chen", "U.S. West", "America/Los_Angeles"),
    ("diego.ramos", "U.S. West", "America/Denver"),
    ("olivia.brooks", "U.S. East", "America/New_York"),
    ("sam.okafor", "U.S. East", "America/Chicago"),
    ("lena.fischer", "Europe & Africa", "Europe/Berlin"),
    ("tom.hughes", "Europe & Africa", "Europe/London"),
    ("aiko.tanaka", "Asia & Middle East", "Asia/Tokyo"),
    ("ravi.menon", "Asia & Middle East", "Asia/Kolkata"),
    ("grace.walker", "Australia & New Zealand", "Australia/Sydney"),
    ("noah.smith", "Australia & New Zealand", "Pacific/Auckland"),
]
ON_PTO = "tom.hughes"

PLACES = [
    ("US", "CA"),
    ("US", "WA"),
    ("US", "TX"),
    ("US", "CO"),
    ("US", "NY"),
    ("US", "MA"),
    ("US", "FL"),
    ("US", "IL"),
    ("CA", None),
    ("BR", None),
    ("MX", None),
    ("GB", None),
    ("DE", None),
    ("FR", None),
    ("NL", None),
    ("SE", None),
    ("ES", None),
    ("NG", None),
    ("ZA", None),
    ("PL", None),
    ("JP", None),
    ("SG", None),
    ("IN", None),
    ("IL", None),
    ("AE", None),
    ("KR", None),
    ("AU", None),
    ("NZ", None),
]
INDUSTRIES = [
    "Financial Services",
    "Health Care",
    "Biotechnology",
    "Legal Services",
    "Internet Software & Services",
    "Consulting",
    "Computer Networking",
    "Retail",
    "Education",
    "Media",
    "Logistics",
    "Gaming",
    "Real Estate",
    "Manufacturing",
]
PREFIXES = [
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Stark",
    "Wayne",
    "Hooli",
    "Pied",
    "Vandelay",
    "Soylent",
    "Cyberdyne",
    "Tyrell",
    "Wonka",
    "Nimbus",
    "Vertex",
    "Quantum",
    "Lumen",
    "Orbit",
    "Helix",
    "Nova",
    "Atlas",
    "Zenith",
    "Apex",
    "Cobalt",
    "Ember",
    "Falcon",
    "Granite",
    "Harbor",
    "Ion",
    "Juniper",
    "Kite",
    "Lattice",
    "Meridian",
    "Nimble",
]
SUFFIXES = [
    "Labs",
    "Analytics",
    "Health",
    "Bank",
    "Cloud",
    "Systems",
    "Works",
    "AI",
    "Pay",
    "Logistics",
    "Media",
    "Bio",
    "Legal",
    "Games",
    "Data",
    "Robotics",
    "Learning",
]
FIRST = [
    "Alex",
    "Jordan",
    "Priya",
    "Wei",
    "Fatima",
    "Lucas",
    "Emma",
    "Kenji",
    "Sofia",
    "Omar",
    "Hannah",
    "Mateo",
    "Chloe",
    "Ivan",
    "Amara",
    "Ben",
    "Yuki",
    "Zara",
    "Leo",
    "Mia",
]
LAST = [
    "Garcia",
    "Kim",
    "Patel",
    "Novak",
    "Schmidt",
    "Rossi",
    "Silva",
    "Dubois",
    "Ito",
    "Murphy",
    "Khan",
    "Larsen",
    "Moreau",
    "Costa",
    "Nguyen",
    "Berg",
    "Adeyemi",
    "Cohen",
]
TITLES = [
    "Staff Software Engineer",
    "CTO",
    "Head of Growth",
    "Product Manager",
    "Data Scientist",
    "VP Engineering",
    "Founder & CEO",
    "Marketing Manager",
    "Engineering Manager",
    "Web Developer",
    "Head of Product",
    "Analyst",
]
MESSAGES = [
    "We're evaluating product analytics for our web and mobile apps (~{mau} MAU). "
    "Could we get a demo and pricing for an annual plan?",
    "Our team wants session replay and feature flags. We send roughly {events} events a month. "
    "Who can talk about volume discounts?",
    "Looking to replace our current analytics stack before Q1. Need SSO and a DPA.",
    "Interested in the enterprise plan; we need self-hosting options and a security review.",
    "We are a startup from the current YC batch - is there a startup plan?",
    "Can you help us estimate costs for {events} events per month?",
]


@dataclass(frozen=True)
class DemoAccount:
    name: str
    domain: str
    country: str
    us_state: str | None
    industry: str
    employees: int
    revenue: int
    funding: int


def demo_accounts(n: int, seed: int = 7) -> list[DemoAccount]:
    """The demo's companies, deterministic for a seed (also used to write firmographics)."""
    rng = random.Random(seed)
    seen: set[str] = set()
    out: list[DemoAccount] = []
    while len(out) < n:
        name = f"{rng.choice(PREFIXES)} {rng.choice(SUFFIXES)}"
        domain = name.lower().replace(" ", "") + rng.choice([".com", ".io", ".co", ".ai"])
        if domain in seen:
            name = f"{name} {len(out)}"
            domain = name.lower().replace(" ", "") + ".com"
        seen.add(domain)
        country, state = PLACES[len(out) % len(PLACES)]
        employees = rng.choice([5, 12, 40, 120, 350, 800, 1500, 6000])
        out.append(
            DemoAccount(
                name=name,
                domain=domain,
                country=country,
                us_state=state,
                industry=rng.choice(INDUSTRIES),
                employees=employees,
                revenue=employees * rng.choice([60_000, 120_000, 250_000]),
                funding=rng.choice([0, 2_000_000, 15_000_000, 40_000_000, 120_000_000]),
            )
        )
    return out


ROLES = ["engineering", "product", "leadership", "marketing", "engineering", "other"]
