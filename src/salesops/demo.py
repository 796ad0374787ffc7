"""``salesops demo``: a realistic demo data set, built through the same services as real use.

Deterministic (seeded): users with territories (one on time off), a few hundred
accounts across every territory with firmographics, their contacts, and lead
tasks in every status. ``salesops demo credentials`` prints the admin login and
a fresh API token.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress
from sqlalchemy import func, select

from salesops.core import clock
from salesops.core.runtime import Runtime

console = Console(soft_wrap=True)

ADMIN_EMAIL = "admin@salesops.demo"
ADMIN_PASSWORD = "salesops-demo"
SALES_PASSWORD = "salesops-demo"

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


def is_loaded(rt: Runtime) -> bool:
    from salesops.users.models import User

    with rt.uow(readonly=True) as s:
        return bool(
            s.scalar(select(func.count()).select_from(User).where(User.email == ADMIN_EMAIL))
        )


def load_users(rt: Runtime, now: datetime) -> dict[str, int]:
    from salesops.routing import territories
    from salesops.users import service as users

    ids: dict[str, int] = {}
    with rt.uow() as s:
        admin = users.create_user(
            s, email=ADMIN_EMAIL, role="admin", name="Demo Admin", password=ADMIN_PASSWORD, now=now
        )
        ids["admin"] = admin.id
        viewer = users.create_user(
            s,
            email="viewer@salesops.demo",
            role="viewer",
            name="Vic Viewer",
            password=SALES_PASSWORD,
            now=now,
        )
        ids["viewer"] = viewer.id
        for handle, territory, tz in SELLERS:
            user = users.create_user(
                s,
                email=f"{handle}@salesops.demo",
                role="sales",
                name=handle.replace(".", " ").title(),
                password=SALES_PASSWORD,
                timezone=tz,
                now=now,
            )
            territories.add_member(
                s, None, territories.get_territory_by_name(s, territory), user, now=now
            )
            ids[handle] = user.id
            if handle == ON_PTO:
                today = now.date()
                users.add_time_off(
                    s,
                    user,
                    today - timedelta(days=1),
                    today + timedelta(days=6),
                    now=now,
                    note="Demo: a week of holiday",
                )
    return ids


def load_accounts(
    rt: Runtime, companies: list[DemoAccount], now: datetime, rng: random.Random, progress: Progress
) -> list[tuple[int, list[int]]]:
    """Accounts and 1–3 contacts each; returns (account id, contact ids)."""
    from salesops.accounts import service as accounts
    from salesops.users import service as users

    out: list[tuple[int, list[int]]] = []
    job = progress.add_task("accounts and contacts", total=len(companies))
    with rt.uow() as s:
        admin = users.get_user_by_email(s, ADMIN_EMAIL)
        for c in companies:
            account = accounts.create_account(
                s,
                admin,
                {
                    "name": c.name,
                    "domain": c.domain,
                    "country": c.country,
                    "us_state": c.us_state,
                    "industry": c.industry,
                    "employee_count": c.employees,
                    "estimated_revenue": c.revenue,
                    "total_funding": c.funding,
                    "is_b2b": rng.random() < 0.8,
                },
                now,
            )
            contacts = []
            for _ in range(rng.randint(1, 3)):
                first, last = rng.choice(FIRST), rng.choice(LAST)
                email = f"{first}.{last}{rng.randint(1, 999)}@{c.domain}".lower()
                contact = accounts.create_contact(
                    s,
                    admin,
                    {
                        "email": email,
                        "name": f"{first} {last}",
                        "title": rng.choice(TITLES),
                        "account_id": account.id,
                        "country": c.country,
                        "us_state": c.us_state,
                        "lead_source": "Contact form",
                    },
                    now,
                )
                contacts.append(contact.id)
            out.append((account.id, contacts))
            progress.advance(job)
    return out


def load_tasks(
    rt: Runtime,
    people: list[tuple[int, list[int]]],
    now: datetime,
    rng: random.Random,
    progress: Progress,
) -> None:
    """Lead tasks through the task service (so they are scored, classified and routed),
    then worked into every status by the users who own them."""
    from salesops.tasks import service as tasks
    from salesops.tasks.lifecycle import disqualify
    from salesops.users import service as users

    job = progress.add_task("lead tasks", total=len(people))
    sources = ["Contact form", "Email", "Product signup", "Zendesk", "Event", "Referral"]
    with rt.uow() as s:
        admin = users.get_user_by_email(s, ADMIN_EMAIL)
        for i, (account_id, contact_ids) in enumerate(people):
            created = now - timedelta(days=rng.randint(0, 40), hours=rng.randint(0, 23))
            message = rng.choice(MESSAGES).format(
                mau=rng.choice(["20k", "150k", "2M"]), events=rng.choice(["5M", "40M", "300M"])
            )
            task = tasks.create_task(
                s,
                admin,
                {
                    "account_id": account_id,
                    "contact_id": contact_ids[0],
                    "lead_source": sources[i % len(sources)],
                    "sales_form_message": message,
                    "mau": rng.choice([None, 20_000, 150_000, 2_000_000]),
                    "monthly_events": rng.choice([None, 5_000_000, 40_000_000, 300_000_000]),
                },
                created,
            )
            if task.status != "New":
                progress.advance(job)
                continue
            roll = i % 6
            if roll == 1:
                tasks.update_task(
                    s, admin, task, {"status": "Working"}, created + timedelta(hours=5)
                )
            elif roll == 2:
                tasks.update_task(
                    s,
                    admin,
                    task,
                    {"status": "Nurturing", "follow_up_on": (now + timedelta(days=60)).date()},
                    created + timedelta(days=1),
                )
            elif roll == 3:
                disqualify(
                    s,
                    task,
                    "No Current Need",
                    now=created + timedelta(days=2),
                    notes="Evaluating again next year; no project this quarter.",
                    actor=admin,
                )
            progress.advance(job)


def load(rt: Runtime, *, accounts: int, seed: int) -> dict[str, Any]:
    now = clock.now()
    rng = random.Random(seed)
    companies = demo_accounts(accounts, seed)
    with Progress(console=console, transient=False) as progress:
        ids = load_users(rt, now)
        people = load_accounts(rt, companies, now, rng, progress)
        load_tasks(rt, people, now, rng, progress)
    return {"users": len(ids), "accounts": len(companies)}


def credentials(rt: Runtime) -> str:
    from salesops.users import service as users

    with rt.uow() as s:
        admin = users.get_user_by_email(s, ADMIN_EMAIL)
        return users.create_token(s, admin, now=clock.now(), name="make run").secret


def register(app: typer.Typer) -> None:
    demo_app = typer.Typer(help="Demo data set.", invoke_without_command=True)

    @demo_app.callback()
    def demo(
        ctx: typer.Context,
        if_empty: Annotated[bool, typer.Option(help="do nothing if the demo is loaded")] = False,
        accounts: Annotated[int, typer.Option(help="number of companies")] = 300,
        seed: int = 7,
    ) -> None:
        """Load the demo data set (users, territories, accounts, contacts, tasks)."""
        if ctx.invoked_subcommand:
            return
        from salesops.core.bootstrap import prepare
        from salesops.core.config import Settings

        rt = Runtime(Settings())
        prepare(rt)
        if is_loaded(rt):
            if if_empty:
                console.print("demo data already loaded")
                return
            console.print("[red]demo data already loaded[/]; use a fresh database")
            raise typer.Exit(1)
        stats = load(rt, accounts=accounts, seed=seed)
        console.print(f"demo loaded: {stats['users']} users, {stats['accounts']} accounts")

    @demo_app.command("credentials")
    def show_credentials() -> None:
        """Print the demo admin login and a new API token."""
        from salesops.core.config import Settings

        rt = Runtime(Settings())
        token = credentials(rt)
        s = rt.settings
        console.print("\n[bold]salesops demo[/] — http://127.0.0.1:8000")
        console.print(f"  web login : {ADMIN_EMAIL} / {ADMIN_PASSWORD}")
        console.print(f"  sales     : maya.chen@salesops.demo / {SALES_PASSWORD} (and 9 others)")
        console.print(f"  API token : {token}")
        console.print(
            f"  try       : curl -H 'Authorization: Bearer {token}' "
            "http://127.0.0.1:8000/api/v1/tasks"
        )
        console.print(f"  intake    : SALESOPS_FORM_SECRET={s.form_secret}")
        console.print(f"              SALESOPS_PRODUCT_EVENTS_SECRET={s.product_events_secret}")
        console.print(f"              SALESOPS_PRODUCT_API_KEY={s.product_api_key}")
        console.print(f"              SALESOPS_ZENDESK_SECRET={s.zendesk_secret}")
        console.print(f"              SALESOPS_SLACK_SIGNING_SECRET={s.slack_signing_secret}\n")

    app.add_typer(demo_app, name="demo")
