"""``salesops demo``: a realistic demo data set, built through the same services as real use.

Deterministic (seeded): users with territories (one on time off), a few hundred
accounts across every territory with firmographics, their contacts, and lead
tasks in every status. ``salesops demo credentials`` prints the admin login and
a fresh API token.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import Progress
from sqlalchemy import func, select

from salesops.core import clock
from salesops.core.secretstore import DEMO_PASSWORD, SPECS, SecretError, ensure_stored
from salesops.demo_data import (
    FIRST,
    LAST,
    MESSAGES,
    ON_PTO,
    ROLES,
    SELLERS,
    DemoAccount,
    demo_accounts,
)
from salesops.playbook.runtime import Runtime

console = Console(soft_wrap=True)

ADMIN_EMAIL = "admin@salesops.demo"
# Where the demo writes its firmographics when SALESOPS_FIRMOGRAPHICS_PATH is unset;
# `make run` points the server at the same file.
DEFAULT_FIRMOGRAPHICS = "salesops-firmographics.csv"


def is_loaded(rt: Runtime) -> bool:
    from salesops.users.models import User

    with rt.uow(readonly=True) as s:
        return bool(
            s.scalar(select(func.count()).select_from(User).where(User.email == ADMIN_EMAIL))
        )


def demo_password(rt: Runtime) -> str:
    """The demo users' password: random, generated with the installation's secrets and kept
    with them (never a published one), shown by ``salesops demo credentials``."""
    return ensure_stored(rt.db, [DEMO_PASSWORD], clock.now())[DEMO_PASSWORD.name]


def load_users(rt: Runtime, now: datetime) -> dict[str, int]:
    from salesops.routing import territories
    from salesops.users import service as users

    password = demo_password(rt)
    ids: dict[str, int] = {}
    with rt.uow() as s:
        admin = users.create_user(
            s, email=ADMIN_EMAIL, role="admin", name="Demo Admin", password=password, now=now
        )
        ids["admin"] = admin.id
        viewer = users.create_user(
            s,
            email="viewer@salesops.demo",
            role="viewer",
            name="Vic Viewer",
            password=password,
            now=now,
        )
        ids["viewer"] = viewer.id
        for handle, territory, tz in SELLERS:
            user = users.create_user(
                s,
                email=f"{handle}@salesops.demo",
                role="sales",
                name=handle.replace(".", " ").title(),
                password=password,
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


def _form_body(c: DemoAccount, i: int, rng: random.Random) -> dict[str, Any]:
    first, last = rng.choice(FIRST), rng.choice(LAST)
    return {
        "submission_id": f"demo-{i}",
        "name": f"{first} {last}",
        "email": f"{first}.{last}{i}@{c.domain}".lower(),
        "company": c.name,
        "role": ROLES[i % len(ROLES)],
        "country": c.country,
        "us_state": c.us_state,
        "interest": rng.sample(
            [
                "product analytics",
                "session replay",
                "feature flags",
                "experiments",
                "data warehouse",
            ],
            2,
        ),
        "mau": rng.choice([20_000, 150_000, 2_000_000]),
        "monthly_events": rng.choice([5_000_000, 40_000_000, 300_000_000]),
        "message": rng.choice(MESSAGES).format(
            mau=rng.choice(["20k", "150k", "2M"]), events=rng.choice(["5M", "40M", "300M"])
        ),
        "consent": True,
    }


def load_leads(
    rt: Runtime, companies: list[DemoAccount], now: datetime, rng: random.Random, progress: Progress
) -> list[tuple[int, datetime]]:
    """Contact-form leads through intake (I-2): matched, enriched, scored, classified, routed.

    Returns (task id, arrival time) per lead.
    """
    import json

    from salesops.core.secretstore import required
    from salesops.flows.pipeline import drain
    from salesops.intake.forms import receive_form
    from salesops.intake.rules import sign_hex

    settings = rt.settings
    form_secret = required(settings, "form_secret")
    job = progress.add_task("leads through intake", total=len(companies))
    out: list[tuple[int, datetime]] = []
    for i, c in enumerate(companies):
        arrived = now - timedelta(days=rng.randint(0, 40), hours=rng.randint(0, 23))
        body = json.dumps(_form_body(c, i, rng)).encode()
        with rt.uow() as s:
            outcome = receive_form(s, settings, body, sign_hex(form_secret, body), arrived)
        # The pipeline runs after intake's commit (S-1 … R-7); drained per lead, as of its
        # arrival, so assignment times, stale clocks and speed to lead stay true to it.
        drain(rt, arrived)
        task_id = outcome.ids.get("task_id")
        if task_id:
            out.append((int(task_id), arrived))
        progress.advance(job)
    return out


def work_leads(
    rt: Runtime, leads: list[tuple[int, datetime]], now: datetime, progress: Progress
) -> None:
    """Salespeople work their leads into every status, and some into won and lost deals."""
    from salesops.activities.service import log_human_activity
    from salesops.flows.conversion import convert
    from salesops.tasks import service as tasks
    from salesops.tasks.lifecycle import disqualify, nurture
    from salesops.users import service as users

    job = progress.add_task("working the leads", total=len(leads))
    for i, (task_id, arrived) in enumerate(leads):
        with rt.uow() as s:
            task = tasks.get_task(s, task_id)
            if task.status != "New":
                progress.advance(job)
                continue
            actor = (
                users.get_user(s, task.owner_id)
                if task.owner_id
                else users.get_user_by_email(s, ADMIN_EMAIL)
            )
            at = min(now, arrived + timedelta(hours=3 + i % 30))
            roll = i % 10
            if roll in (2, 9):
                tasks.update_task(s, actor, task, {"status": "Working"}, at)
                if roll == 9:
                    log_human_activity(
                        s,
                        actor,
                        {
                            "kind": "call",
                            "task_id": task.id,
                            "subject": "Discovery call",
                            "body": "Walked through their funnel; they want a trial next week.",
                        },
                        at,
                    )
            elif roll == 3:
                nurture(
                    s,
                    actor,
                    task,
                    now=at,
                    follow_up_on=(now + timedelta(days=75)).date(),
                    notes="Budget cycle starts next quarter.",
                )
            elif roll == 4:
                disqualify(
                    s,
                    task,
                    "No Current Need",
                    now=at,
                    actor=actor,
                    notes="No project this year; revisit after their migration.",
                )
            elif roll == 5:
                disqualify(
                    s,
                    task,
                    "Below Threshold – Auto",
                    now=at,
                    actor=actor,
                    notes="~20k MAU, self-serve fits.",
                )
            elif roll in (6, 7, 8):
                _convert_and_progress(s, actor, task, roll, i, at, now, convert)
        progress.advance(job)


def _convert_and_progress(
    s: Any, actor: Any, task: Any, roll: int, i: int, at: datetime, now: datetime, convert: Any
) -> None:
    from salesops.opportunities import service as opportunities
    from salesops.opportunities.stages import move_stage

    criteria = {
        "call_held": True,
        "problem_identified": True,
        "important_now": True,
        "pricing_in_ballpark": True,
        "decision_maker": True,
        "next_step_agreed": True,
        "engineer_on_first_call": True,
    }
    opp = convert(
        s,
        actor,
        task,
        now=at,
        criteria=criteria,
        record_type="New Revenue",
        opportunity={
            "opp_type": "Annual Plan" if i % 2 == 0 else "Monthly Plan",
            "amount": 20_000 + (i % 7) * 15_000,
            "close_date": (now + timedelta(days=10 + i % 80)).date(),
        },
    )
    steps = {
        "Problem Agreement": {"quantified_pain": True},
        "Solution Agreement": {"usage_or_trial": True, "documented_decision": True},
        "Priority Agreement": {"budget_confirmed": True, "decision_process_mapped": True},
        "Commercial Agreement": {
            "price_agreed": True,
            "terms_agreed": True,
            "paper_process_mapped": True,
        },
        "Vendor Approval": {"contract_signed": True},
    }
    order = [
        "Solution Agreement",
        "Priority Agreement",
        "Commercial Agreement",
        "Vendor Approval",
        "Closed Won",
    ]
    target = {6: 1, 7: 3, 8: 5}[roll]
    current = "Problem Agreement"
    for step in order[:target]:
        opportunities.update_opportunity(s, actor, opp, {"exit_criteria": steps[current]}, at)
        move_stage(s, actor, opp, step, at)
        current = step
    if roll == 8 and i % 4 == 0:
        pass  # Closed Won: Q-7 renewal and Q-12 check-ins were created
    elif roll == 7 and i % 3 == 0:
        move_stage(s, actor, opp, "Closed Lost", at, loss_reason=_loss_reason(s))


def _loss_reason(s: Any) -> str:
    from salesops.playbook.runtime import playbook_of

    reasons = [r.name for r in playbook_of(s).opportunities.loss_reasons]
    return next((r for r in reasons if "competitor" in r.lower()), reasons[0])


def write_firmographics(rt: Runtime, companies: list[DemoAccount]) -> Path | None:
    """S-1: the demo ships a generated firmographics file covering its accounts."""
    from salesops.scoring.demo_data import write_demo_firmographics

    if rt.settings.firmographics_path is None:
        rt.settings.firmographics_path = Path(DEFAULT_FIRMOGRAPHICS)
    path = Path(rt.settings.firmographics_path)
    write_demo_firmographics(path, [c.domain for c in companies])
    return path


def load(rt: Runtime, *, accounts: int, seed: int) -> dict[str, Any]:
    now = clock.now()
    rng = random.Random(seed)
    companies = demo_accounts(accounts, seed)
    firmographics = write_firmographics(rt, companies)  # before any lead is enriched
    with Progress(console=console, transient=False) as progress:
        ids = load_users(rt, now)
        leads = load_leads(rt, companies, now, rng, progress)
        work_leads(rt, leads, now, progress)
    return {
        "users": len(ids),
        "accounts": len(companies),
        "leads": len(leads),
        "firmographics": str(firmographics) if firmographics else "not configured",
    }


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
        from salesops.core.config import Settings
        from salesops.flows.bootstrap import prepare

        rt = Runtime(Settings())
        try:
            prepare(rt)
        except SecretError as exc:
            console.print(f"[bold red]error:[/] {exc}")
            raise typer.Exit(1) from None
        if is_loaded(rt):
            if if_empty:
                console.print("demo data already loaded")
                return
            console.print("[red]demo data already loaded[/]; use a fresh database")
            raise typer.Exit(1)
        stats = load(rt, accounts=accounts, seed=seed)
        console.print(
            f"demo loaded: {stats['users']} users, {stats['accounts']} companies, "
            f"{stats['leads']} leads; firmographics: {stats['firmographics']}"
        )

    @demo_app.command("credentials")
    def show_credentials() -> None:
        """Print the demo admin login and a new API token."""
        from salesops.core.config import Settings

        rt = Runtime(Settings())
        try:
            rt.ensure_secrets()
        except SecretError as exc:
            console.print(f"[bold red]error:[/] {exc}")
            raise typer.Exit(1) from None
        token = credentials(rt)
        s = rt.settings
        base = s.base_url.rstrip("/")
        console.print(f"\n[bold]salesops demo[/] — {base}")
        password = demo_password(rt)
        console.print(f"  web login : {ADMIN_EMAIL} / {password}")
        console.print(f"  sales     : maya.chen@salesops.demo / {password} (and 9 others)")
        console.print(f"  API token : {token}")
        console.print(f"  try       : curl -H 'Authorization: Bearer {token}' {base}/api/v1/tasks")
        label = "  intake    :"
        for spec in SPECS[1:]:  # the session key is never needed outside salesops
            value = getattr(s, spec.name) or "(empty: this source is disabled)"
            console.print(f"{label} {spec.env}={value}", soft_wrap=True)
            label = " " * len(label)
        console.print(
            f"{label} (unset ones are generated on first run and kept in the database; "
            "`salesops secrets show` lists them, docs/operations.md)"
        )
        console.print(
            f"  smtp      : salesops smtp --port {s.smtp_port}  (mail to {s.sales_alias})\n"
        )

    app.add_typer(demo_app, name="demo")
