"""Held-out check of V-1 … V-7 (issue 18): a small, tricky data set built ONLY through the
public HTTP API (users, territories, accounts with MRR history, contacts, lead tasks, the
stale sweep, disqualifications, conversions, deals, stage moves, playbook quotas) with the
injected clock; the expected rows are computed in plain Python from the list of actions
this test performed (never from the database) and compared with ``GET /api/v1/reports/*``
(JSON and CSV) and ``salesops report NAME --format json``.

Definitions: SPEC section V and docs/reports.md (from/to both included; medians of an even
count are the mean of the middle two; rates null when dividing by 0; U-2 scope)."""

from __future__ import annotations

import csv
import io
import json
import statistics
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
import time_machine
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from salesops.playbook.runtime import Runtime
from tests.reports.expect import funnel_row
from tests.reports.expect import median as _median

T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
SIX = {
    "call_held": True,
    "problem_identified": True,
    "important_now": True,
    "pricing_in_ballpark": True,
    "decision_maker": True,
    "next_step_agreed": True,
    "engineer_on_first_call": True,
}
ALL_EXIT = dict.fromkeys(
    [
        "quantified_pain",
        "usage_or_trial",
        "documented_decision",
        "budget_confirmed",
        "decision_process_mapped",
        "price_agreed",
        "terms_agreed",
        "paper_process_mapped",
        "contract_signed",
    ],
    True,
)
STAGES = ["Problem Agreement", "Solution Agreement", "Priority Agreement"]
STAGES += ["Commercial Agreement", "Vendor Approval", "Closed Won"]
PROB = dict(zip([*STAGES, "Closed Lost"], [10, 25, 40, 60, 80, 100, 0], strict=True))
PROB["Qualification"] = 10  # the renewal pipeline's first stage
CATS = ["Commit", "Best case", "Pipeline", "Omitted"]


def ts(month: int, day: int, hour: int = 9, minute: int = 0, second: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, second, tzinfo=UTC)


@dataclass
class Lead:
    id: int
    source: str
    owner: str
    created: datetime
    touched: datetime | None = None
    opp_at: datetime | None = None
    won_at: datetime | None = None
    reassigned: bool = False
    disq_at: datetime | None = None
    reason: str | None = None


@dataclass
class Deal:
    id: int
    owner: str
    territory: str
    pipeline: str = "new_business"
    # (valid from, amount, close date, category, stage)
    history: list[tuple[datetime, float, date, str, str]] = field(default_factory=list)
    won_at: datetime | None = None
    self_serve: bool = False
    owners: list[tuple[datetime, str]] = field(default_factory=list)  # later owner changes

    def owner_at(self, when: datetime) -> str:
        owner = self.owner
        for since, who in self.owners:
            if since <= when:
                owner = who
        return owner

    def at(self, when: datetime) -> tuple[float, date, str, str] | None:
        state = None
        for since, *rest in self.history:
            if since <= when:
                state = tuple(rest)
        return state  # type: ignore[return-value]

    def change(self, when: datetime, **kw: Any) -> None:
        amount, close, cat, stage = self.history[-1][1:]
        amount = kw.get("amount", amount)
        close = kw.get("close", close)
        cat = kw.get("category", cat)
        stage = kw.get("stage", stage)
        self.history.append((when, amount, close, cat, stage))


class World:
    def __init__(self, client: TestClient) -> None:
        self.c = client
        self.users: dict[str, int] = {}
        self.tokens: dict[str, str] = {}
        self.leads: dict[str, Lead] = {}
        self.lead_territory: dict[str, str] = {}
        self.deals: dict[str, Deal] = {}
        self.mrr: dict[str, list[tuple[date, float]]] = {}
        self.quotas: list[tuple[str, str, float]] = []

    def ok(self, r: Any, code: int = 200) -> Any:
        assert r.status_code == code, r.text
        return r.json()

    def user(self, key: str, territory: int | None) -> None:
        body = {"email": f"{key}@example.com", "name": key.title(), "password": "password123"}
        uid = self.ok(self.c.post("/api/v1/users", json=body), 201)["id"]
        self.users[key] = uid
        tok = self.ok(self.c.post(f"/api/v1/users/{uid}/tokens", json={"name": "t"}), 201)
        self.tokens[key] = tok["token"]
        if territory is not None:
            self.ok(
                self.c.post(f"/api/v1/territories/{territory}/members", json={"user_id": uid}),
                201,
            )

    def account(self, name: str, country: str, state: str | None = None, **kw: Any) -> int:
        body = {"name": name, "domain": f"{name.lower()}.com", "country": country, **kw}
        if state:
            body["us_state"] = state
        return int(self.ok(self.c.post("/api/v1/accounts", json=body), 201)["id"])

    def contact(self, account_id: int, email: str) -> int:
        body = {"email": email, "name": email.split("@")[0], "account_id": account_id}
        return int(self.ok(self.c.post("/api/v1/contacts", json=body), 201)["id"])


def _territory_id(client: TestClient, name: str) -> int:
    r = client.get("/api/v1/territories")
    assert r.status_code == 200, r.text
    body = r.json()
    items = body["items"] if isinstance(body, dict) else body
    return next(int(t["id"]) for t in items if t["name"] == name)


def build(client: TestClient, clock: Any) -> World:
    w = World(client)
    c = client
    east = _territory_id(c, "U.S. East")
    emea = _territory_id(c, "Europe & Africa")
    w.user("alice", east)
    w.user("bob", east)
    w.user("carol", emea)

    # --- lead tasks (V-3, V-4, V-5) -------------------------------------------------------
    def lead(key: str, source: str, owner: str, when: datetime, country: str = "US") -> None:
        clock.move_to(when)
        acc = w.account(f"L{key}", country, "NY" if country == "US" else None)
        con = w.contact(acc, f"{key}@l{key}.com")
        body = {
            "account_id": acc,
            "contact_id": con,
            "lead_source": source,
            "owner_id": w.users[owner],
            "sales_form_message": "Pricing for 50 seats",
        }
        task = w.ok(c.post("/api/v1/tasks", json=body), 201)
        assert task["owner_id"] == w.users[owner], task
        w.leads[key] = Lead(int(task["id"]), source, owner, when)
        w.lead_territory[key] = "U.S. East" if country == "US" else "Europe & Africa"

    def touch(key: str, when: datetime) -> None:
        clock.move_to(when)
        w.ok(c.patch(f"/api/v1/tasks/{w.leads[key].id}", json={"status": "Working"}))
        w.leads[key].touched = when

    def disqualify(key: str, when: datetime, reason: str) -> None:
        clock.move_to(when)
        body = {"reason": reason, "notes": "Checked the website: closed in 2025."}
        w.ok(c.post(f"/api/v1/tasks/{w.leads[key].id}/disqualify", json=body))
        w.leads[key].disq_at, w.leads[key].reason = when, reason

    lead("t1", "Referral", "alice", ts(1, 5))
    touch("t1", ts(1, 5, 11))  # 2 h
    lead("t2", "Referral", "alice", ts(1, 6))
    touch("t2", ts(1, 7, 15))  # 30 h
    lead("t3", "Referral", "bob", ts(1, 7))  # never touched: T-1 then T-2
    lead("t4", "Event", "bob", ts(1, 8))
    touch("t4", ts(1, 8, 10))  # 1 h
    disqualify("t4", ts(1, 12), "Business Closed")
    lead("t7", "Event", "bob", ts(1, 9))
    touch("t7", ts(1, 10, 8))  # 23 h
    clock.move_to(ts(1, 25))  # a later touch keeps it off the sweep (T-3); first touch stays
    w.ok(c.patch(f"/api/v1/tasks/{w.leads['t7'].id}", json={"title": "Event: booth visit"}))
    disqualify("t7", ts(2, 1, 0, 30), "Business Closed")  # disqualified outside January

    # conversions (C-1 … C-3): the opportunity is created at the clock's time
    def convert(key: str, when: datetime, amount: int, close: date) -> str:
        clock.move_to(when)
        body = {
            "criteria": SIX,
            "opportunity": {
                "opp_type": "Annual Plan",
                "amount": amount,
                "close_date": close.isoformat(),
            },
        }
        opp = w.ok(c.post(f"/api/v1/tasks/{w.leads[key].id}/convert", json=body), 201)
        w.leads[key].opp_at = when
        dkey = f"o{key}"
        w.deals[dkey] = Deal(int(opp["id"]), w.leads[key].owner, "U.S. East")
        w.deals[dkey].history.append((when, float(amount), close, "Pipeline", STAGES[0]))
        return dkey

    convert("t1", ts(1, 9), 12000, date(2026, 2, 15))  # 4 days after the task
    convert("t2", ts(1, 16), 8000, date(2026, 3, 31))  # 10 days after the task

    # the stale sweep: t3 reassigned to alice (T-1), then auto-closed (T-2)
    clock.move_to(ts(1, 18))
    w.ok(c.post("/api/v1/routing/sweep"))
    w.leads["t3"].reassigned, w.leads["t3"].owner = True, "alice"
    clock.move_to(ts(1, 29))
    w.ok(c.post("/api/v1/routing/sweep"))
    w.leads["t3"].disq_at, w.leads["t3"].reason = ts(1, 29), "Stale – Autoclosed"

    lead("t8", "Event", "carol", ts(1, 20), "DE")  # EMEA: outside alice's and bob's scope
    touch("t8", ts(1, 20, 12))  # 3 h
    lead("t5", "Event", "bob", ts(1, 31, 23))  # the last hour of `to`
    lead("t6", "Referral", "alice", ts(2, 1, 0, 30))  # the first hour after it
    touch("t5", ts(2, 2, 0))  # 25 h: not within 24 h

    # --- deals (V-1, V-2, V-7) -------------------------------------------------------------
    def deal(key: str, owner: str, amount: int, close: date, when: datetime, terr: str) -> None:
        clock.move_to(when)
        country, state = ("US", "NY") if terr == "U.S. East" else ("DE", None)
        acc = w.account(f"D{key}", country, state)
        con = w.contact(acc, f"buyer@d{key}.com")
        body = {
            "account_id": acc,
            "contact_id": con,
            "record_type": "New Revenue",
            "amount": amount,
            "close_date": close.isoformat(),
            "owner_id": w.users[owner],
            "lead_source": "Referral",
        }
        opp = w.ok(c.post("/api/v1/opportunities", json=body), 201)
        w.deals[key] = Deal(int(opp["id"]), owner, terr)
        w.deals[key].history.append((when, float(amount), close, "Pipeline", STAGES[0]))

    def patch(key: str, when: datetime, **kw: Any) -> None:
        clock.move_to(when)
        body: dict[str, Any] = {}
        if "amount" in kw:
            body["amount"] = kw["amount"]
        if "close" in kw:
            body["close_date"] = kw["close"].isoformat()
        if "category" in kw:
            body["forecast_category"] = kw["category"]
        w.ok(c.patch(f"/api/v1/opportunities/{w.deals[key].id}", json=body))
        w.deals[key].change(
            when,
            **{k: v for k, v in kw.items() if k != "amount"},
            **({"amount": float(kw["amount"])} if "amount" in kw else {}),
        )

    def stage(key: str, when: datetime, to: str, **extra: Any) -> None:
        clock.move_to(when)
        w.ok(c.post(f"/api/v1/opportunities/{w.deals[key].id}/stage", json={"stage": to, **extra}))
        cat = {"Closed Won": "Commit", "Closed Lost": "Omitted"}.get(to)
        w.deals[key].change(when, stage=to, **({"category": cat} if cat else {}))

    def win(key: str, when: datetime) -> None:
        clock.move_to(when)
        w.ok(c.patch(f"/api/v1/opportunities/{w.deals[key].id}", json={"exit_criteria": ALL_EXIT}))
        for name in STAGES[1:]:
            stage(key, when, name)
        w.deals[key].won_at = when
        for lead_key, lead in w.leads.items():  # a converted lead task's deal won (V-3)
            if key == f"o{lead_key}":
                lead.won_at = when
        # Q-7: a won Annual Plan opens its renewal (amount copied; its close date is Q-7's)
        listed = w.ok(
            c.get("/api/v1/opportunities", params={"owner_id": w.users[w.deals[key].owner]})
        )
        items = listed["items"] if isinstance(listed, dict) else listed
        for item in items:
            if item.get("renewal_of_id") == w.deals[key].id:
                ren = Deal(int(item["id"]), w.deals[key].owner, w.deals[key].territory, "renewal")
                close = date.fromisoformat(item["close_date"])
                ren.history.append(
                    (when, w.deals[key].history[-1][1], close, "Pipeline", "Qualification")
                )
                w.deals[f"r{key}"] = ren

    deal("d3", "bob", 20000, date(2026, 3, 20), ts(1, 10), "U.S. East")
    deal("d4", "bob", 50000, date(2026, 2, 15), ts(1, 15), "U.S. East")
    deal("d5", "alice", 40000, date(2026, 2, 16), ts(1, 15), "U.S. East")
    deal("d6", "bob", 10000, date(2026, 3, 1), ts(1, 20), "U.S. East")
    deal("d7", "carol", 7000, date(2026, 6, 30), ts(1, 21), "Europe & Africa")
    patch("ot2", ts(2, 1), category="Best case")
    patch("d3", ts(2, 5, 14), amount=25000)
    patch("d3", ts(2, 6, 14), close=date(2026, 4, 2))  # moves to Q2
    win("ot1", ts(1, 25))  # won 20 days after its lead task
    win("d4", ts(2, 14))
    win("ot2", ts(2, 26, 21))  # 51.5 days after its lead task: medians of two won
    clock.move_to(ts(2, 16))
    w.ok(
        c.patch(
            f"/api/v1/opportunities/{w.deals['d5'].id}", json={"self_serve_post_engagement": True}
        )
    )
    w.deals["d5"].self_serve = True
    win("d5", ts(2, 16, 11))
    clock.move_to(ts(2, 10, 16))  # d6 changes hands (its snapshot keeps the owner, V-1)
    w.ok(c.patch(f"/api/v1/opportunities/{w.deals['d6'].id}", json={"owner_id": w.users["alice"]}))
    w.deals["d6"].owners.append((ts(2, 10, 16), "alice"))
    stage("d6", ts(2, 20), "Closed Lost", loss_reason="Pricing")
    clock.move_to(ts(2, 21))
    w.ok(
        c.patch(
            f"/api/v1/opportunities/{w.deals['d7'].id}",
            json={"exit_criteria": {"quantified_pain": True}},
        )
    )
    stage("d7", ts(2, 21), "Solution Agreement")

    # --- MRR history (V-6) -----------------------------------------------------------------
    def mrr(key: str, amount: int, on: str, first: bool = False) -> None:
        if first:
            owner = {"P": "alice", "S": "alice", "R": "carol"}.get(key)
            body = {
                **({"owner_id": w.users[owner]} if owner else {}),
                "name": f"M{key}",
                "domain": f"m{key}.com",
                "customer_status": "paying",
                "mrr": amount,
                "mrr_effective_on": on,
            }
            w.users[f"acct:{key}"] = int(w.ok(c.post("/api/v1/accounts", json=body), 201)["id"])
            w.mrr[key] = []
        else:
            body = {"mrr": amount, "mrr_effective_on": on}
            w.ok(c.patch(f"/api/v1/accounts/{w.users[f'acct:{key}']}", json=body))
        w.mrr[key].append((date.fromisoformat(on), float(amount)))

    clock.move_to(ts(2, 28))
    mrr("P", 1000, "2025-12-01", first=True)
    mrr("P", 1500, "2026-02-10")  # expansion in Feb
    mrr("Q", 2000, "2025-11-15", first=True)
    mrr("Q", 0, "2026-01-20")  # churned in Jan
    mrr("R", 800, "2026-02-01", first=True)  # new in Feb
    mrr("S", 3000, "2025-10-01", first=True)
    mrr("S", 3600, "2026-01-02")  # expansion in Jan
    mrr("S", 2500, "2026-01-30")  # … and then below its start: net contraction in Jan
    mrr("P", 1300, "2026-02-25")  # expansion and contraction in one month: net +300
    mrr("Q", 700, "2026-02-28")  # back from churn on the month's last day: new in Feb
    mrr("T", 400, "2026-01-31", first=True)  # new on January's last day

    # --- quotas in the playbook (V-7, P-2) ---------------------------------------------------
    clock.move_to(ts(2, 28, 10))
    content = w.ok(c.get("/api/v1/playbook"))["content"]
    w.quotas = [
        ("alice", "2026-Q1", 90000.0),
        ("bob", "2026", 365000.0),
        ("carol", "2026-01", 3100.0),
    ]
    content += "\nreports:\n  quotas:\n" + "".join(
        f"    - {{owner: {o}@example.com, period: '{p}', amount: {int(a)}}}\n"
        for o, p, a in w.quotas
    )
    w.ok(c.post("/api/v1/playbook/versions", json={"content": content}), 201)
    return w


# --- the expected rows, from the actions above only -----------------------------------------


def _in(d: datetime | None, start: date, end: date) -> bool:
    return d is not None and start <= d.date() <= end


def _visible(w: World, key: str, who: str | None, territory: str | None = None) -> bool:
    """U-2: a salesperson sees what they own and their territory's rows."""
    terr = w.lead_territory[key]
    if territory is not None and terr != territory:
        return False
    mine = {"alice": "U.S. East", "bob": "U.S. East", "carol": "Europe & Africa"}
    return who is None or w.leads[key].owner == who or terr == mine[who]


def expect_funnel(
    w: World, start: date, end: date, who: str | None = None, territory: str | None = None
) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[Lead]] = defaultdict(list)
    for key, lead in w.leads.items():
        if _in(lead.created, start, end) and _visible(w, key, who, territory):
            groups[lead.source].append(lead)
    out = {}
    for source, leads in groups.items():
        out[source] = funnel_row(source, leads)
    return out


def _funnel_totals(w: World, start: date, end: date) -> dict[str, Any]:
    """The funnel over every lead source at once (its totals)."""
    merged = World(w.c)
    merged.leads = {k: replace(x, source="*") for k, x in w.leads.items()}
    merged.lead_territory = w.lead_territory
    row = expect_funnel(merged, start, end)["*"]
    del row["lead_source"]
    return row


def expect_speed(
    w: World, start: date, end: date, who: str | None = None
) -> dict[int, dict[str, Any]]:
    groups: dict[str, list[Lead]] = defaultdict(list)
    for key, lead in w.leads.items():
        if _in(lead.created, start, end) and _visible(w, key, who):
            groups[lead.owner].append(lead)
    out = {}
    for owner, leads in groups.items():
        hours = [(x.touched - x.created).total_seconds() / 3600 for x in leads if x.touched]
        out[w.users[owner]] = {
            "owner_id": w.users[owner],
            "tasks": len(leads),
            "median_hours_to_first_touch": _median(hours),
            "share_within_24h": sum(h <= 24 for h in hours) / len(leads),
            "reassigned": sum(x.reassigned for x in leads),
            "autoclosed": sum(x.reason == "Stale – Autoclosed" for x in leads),
        }
    return out


CATEGORY = {"Business Closed": "Not a Lead", "Stale – Autoclosed": "Auto-Dispositioned"}


def expect_disq(w: World, start: date, end: date) -> dict[tuple[Any, ...], int]:
    out: dict[tuple[Any, ...], int] = defaultdict(int)
    for x in w.leads.values():
        if _in(x.disq_at, start, end):
            assert x.reason is not None
            out[(CATEGORY[x.reason], x.reason, x.source, w.users[x.owner])] += 1
    return dict(out)


def _quarter(d: date) -> str:
    return f"{d.year}-Q{(d.month - 1) // 3 + 1}"


def expect_forecast(
    w: World, as_of: datetime, quarters: set[str], owners: set[str] | None = None
) -> dict[tuple[str, str, int], tuple[float, int]]:
    out: dict[tuple[str, str, int], tuple[float, int]] = {}
    for deal in w.deals.values():
        state = deal.at(as_of)
        if state is None or (owners is not None and deal.owner_at(as_of) not in owners):
            continue
        amount, close, cat, _ = state
        if _quarter(close) not in quarters:
            continue
        key = (_quarter(close), cat, w.users[deal.owner_at(as_of)])
        arr, n = out.get(key, (0.0, 0))
        out[key] = (arr + amount, n + 1)
    return out


def expect_pipeline(
    w: World,
    as_of: datetime,
    start: date | None = None,
    end: date | None = None,
    territory: str | None = None,
) -> dict[tuple[str, str], tuple[int, int, float, float]]:
    out: dict[tuple[str, str], tuple[int, int, float, float]] = {}
    for deal in w.deals.values():
        state = deal.at(as_of)
        if state is None or (territory and deal.territory != territory):
            continue
        amount, close, _, stage = state
        if (start and close < start) or (end and close > end):
            continue
        n, prob, arr, weighted = out.get((deal.pipeline, stage), (0, PROB[stage], 0.0, 0.0))
        out[(deal.pipeline, stage)] = (n + 1, prob, arr + amount, weighted + amount * prob / 100)
    return out


def _days(start: date, end: date) -> int:
    return (end - start).days + 1


def _period(p: str) -> tuple[date, date]:
    if "-Q" in p:
        y, q = int(p[:4]), int(p[-1])
        first = date(y, 3 * q - 2, 1)
        nxt = date(y + 1, 1, 1) if q == 4 else date(y, 3 * q + 1, 1)
        return first, nxt - timedelta(days=1)
    if len(p) == 4:
        return date(int(p), 1, 1), date(int(p), 12, 31)
    y, m = int(p[:4]), int(p[5:])
    nxt = date(y + 1, 1, 1) if m == 12 else date(y, m + 1, 1)
    return date(y, m, 1), nxt - timedelta(days=1)


def expect_quota(w: World, start: date, end: date) -> dict[int, dict[str, Any]]:
    out: dict[int, dict[str, Any]] = {}

    def row(owner: str) -> dict[str, Any]:
        return out.setdefault(
            w.users[owner],
            {
                "owner_id": w.users[owner],
                "won_arr": 0.0,
                "won_count": 0,
                "excluded_self_serve_arr": 0.0,
                "quota": 0.0,
            },
        )

    for owner, period, amount in w.quotas:
        ps, pe = _period(period)
        overlap = _days(max(ps, start), min(pe, end)) if max(ps, start) <= min(pe, end) else 0
        row(owner)["quota"] += amount * overlap / _days(ps, pe)
    for deal in w.deals.values():
        if not _in(deal.won_at, start, end):
            continue
        amount = deal.at(deal.won_at)[0]  # type: ignore[arg-type,index]
        r = row(deal.owner)
        if deal.self_serve:
            r["excluded_self_serve_arr"] += amount
        else:
            r["won_arr"] += amount
            r["won_count"] += 1
    for r in out.values():
        r["attainment"] = r["won_arr"] / r["quota"] if r["quota"] else None
    return out


def _level(changes: list[tuple[date, float]], before: date) -> float:
    level = 0.0
    for on, amount in sorted(changes):
        if on < before:
            level = amount
    return level


def expect_revenue(
    w: World, months: list[str], only: set[str] | None = None
) -> tuple[dict[str, dict[str, float]], float]:
    if only is not None:
        sub = World(w.c)
        sub.mrr = {k: v for k, v in w.mrr.items() if k in only}
        w = sub
    rows = {}
    for month in months:
        first, last = _period(month)
        after = last + timedelta(days=1)
        start = {k: _level(v, first) for k, v in w.mrr.items()}
        end = {k: _level(v, after) for k, v in w.mrr.items()}
        new = sum(end[k] for k in end if start[k] == 0 and end[k] > 0)
        exp = sum(end[k] - start[k] for k in end if 0 < start[k] < end[k])
        con = sum(start[k] - end[k] for k in end if 0 < end[k] < start[k])
        churn = sum(start[k] for k in end if start[k] > 0 and end[k] == 0)
        s0 = sum(start.values())
        rows[month] = {
            "month": month,
            "mrr": sum(end.values()),
            "start_mrr": s0,
            "new": new,
            "expansion": exp,
            "contraction": con,
            "churned": churn,
            "nrr": (s0 + exp - con - churn) / s0 if s0 else None,
        }
    first, _ = _period(months[0])
    _, last = _period(months[-1])
    cohort = [k for k, v in w.mrr.items() if _level(v, first) > 0]
    nrr = sum(_level(w.mrr[k], last + timedelta(days=1)) for k in cohort) / sum(
        _level(w.mrr[k], first) for k in cohort
    )
    return rows, nrr


# --- the comparisons -------------------------------------------------------------------------


@pytest.fixture
def world(client: TestClient, admin_headers: dict[str, str]) -> World:
    client.headers.update(admin_headers)
    with time_machine.travel(T0, tick=False) as clock:
        return build(client, clock)


def _get(w: World, path: str, who: str | None = None) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {w.tokens[who]}"} if who else None
    with time_machine.travel(NOW, tick=False):
        r = w.c.get(f"/api/v1/reports/{path}", headers=headers)
        assert r.status_code == 200, r.text
        body = r.json()
        sep = "&" if "?" in path else "?"
        text = w.c.get(f"/api/v1/reports/{path}{sep}format=csv", headers=headers)
    assert text.status_code == 200 and text.headers["content-type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(text.text)))
    assert len(table) == len(body["rows"]), path
    for row, line in zip(body["rows"], table, strict=True):  # CSV and JSON agree
        assert list(line) == list(row), path
        for key, value in row.items():
            if value is None:
                assert line[key] == "", (path, key)
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                assert float(line[key]) == pytest.approx(value), (path, key)
            else:
                assert line[key] == str(value), (path, key)
    return body


def _num(row: dict[str, Any], keys: list[str]) -> dict[str, Any]:
    return {k: (None if row[k] is None else pytest.approx(float(row[k]), abs=1e-6)) for k in keys}


def _same(got: dict[str, Any], want: dict[str, Any]) -> None:
    for k, v in want.items():
        if v is None:
            assert got[k] is None, (k, got)
        elif isinstance(v, float):
            assert got[k] is not None and float(got[k]) == pytest.approx(v, abs=1e-4), (k, got)
        else:
            assert got[k] == v, (k, got)


JAN = "from=2026-01-01&to=2026-01-31"


def test_v3_v4_v5_lead_reports_equal_independent_numbers(world: World) -> None:
    w = world
    jan = (date(2026, 1, 1), date(2026, 1, 31))
    body = _get(w, f"funnel?{JAN}")
    got = {r["lead_source"]: r for r in body["rows"]}
    want = expect_funnel(w, *jan)
    # totals: the medians over every task of the period, not a mean of the groups' medians
    _same(body["totals"], _funnel_totals(w, *jan))
    assert set(got) == set(want)
    for source in want:
        _same(got[source], want[source])
    assert want["Referral"]["median_days_to_opportunity"] == 7.0  # even count: mean of 4, 10
    assert want["Event"]["opportunity_to_won_rate"] is None  # 0 opportunities
    assert want["Referral"]["median_days_to_won"] == (20 + 51.5) / 2
    only = _get(w, f"funnel?{JAN}&lead_source=Event")["rows"]
    assert [r["lead_source"] for r in only] == ["Event"]
    _same(only[0], want["Event"])
    empty = _get(w, "funnel?from=2025-01-01&to=2025-01-31")  # 0 tasks: rates are null
    assert empty["rows"] == [] and empty["totals"]["tasks"] == 0
    assert empty["totals"]["task_to_opportunity_rate"] is None
    assert (
        _get(w, "speed-to-lead?from=2025-01-01&to=2025-01-31")["totals"]["share_within_24h"] is None
    )
    # a one-day period: from and to both included
    day = {r["lead_source"]: r for r in _get(w, "funnel?from=2026-01-31&to=2026-01-31")["rows"]}
    assert {k: v["tasks"] for k, v in day.items()} == {"Event": 1}

    body = _get(w, f"speed-to-lead?{JAN}")
    got_speed = {r["owner_id"]: r for r in body["rows"]}
    hours = [
        (x.touched - x.created).total_seconds() / 3600
        for x in w.leads.values()
        if _in(x.created, *jan) and x.touched
    ]
    n = sum(_in(x.created, *jan) for x in w.leads.values())
    _same(
        body["totals"],
        {
            "tasks": n,
            "median_hours_to_first_touch": statistics.median(hours),
            "share_within_24h": sum(h <= 24 for h in hours) / n,
        },
    )
    want_speed = expect_speed(w, *jan)
    assert set(got_speed) == set(want_speed)
    for owner in want_speed:
        _same(got_speed[owner], want_speed[owner])
    assert want_speed[w.users["alice"]]["median_hours_to_first_touch"] == 16.0
    assert want_speed[w.users["alice"]]["reassigned"] == 1
    for who in ("alice", "carol"):  # U-2 scopes
        rows = _get(w, f"speed-to-lead?{JAN}", who)["rows"]
        assert {r["owner_id"] for r in rows} == set(expect_speed(w, *jan, who)), who
        for r in rows:
            _same(r, expect_speed(w, *jan, who)[r["owner_id"]])
        rows = _get(w, f"funnel?{JAN}", who)["rows"]
        want_f = expect_funnel(w, *jan, who)
        assert {r["lead_source"] for r in rows} == set(want_f), who
        for r in rows:
            _same(r, want_f[r["lead_source"]])
    rows = _get(w, f"funnel?{JAN}&territory=Europe%20%26%20Africa")["rows"]
    want_f = expect_funnel(w, *jan, territory="Europe & Africa")
    assert [r["lead_source"] for r in rows] == list(want_f) == ["Event"]
    _same(rows[0], want_f["Event"])
    bob = _get(w, f"speed-to-lead?{JAN}&owner_id={w.users['bob']}")["rows"]
    assert [r["owner_id"] for r in bob] == [w.users["bob"]]

    for start, end in (jan, (date(2026, 2, 1), date(2026, 2, 1))):
        q = f"from={start}&to={end}"
        rows = _get(w, f"disqualifications?{q}")["rows"]
        got_d = {
            (r["category"], r["reason"], r["lead_source"], r["owner_id"]): r["count"] for r in rows
        }
        assert got_d == expect_disq(w, start, end), q
        totals = _get(w, f"disqualifications?{q}")["totals"]
        assert totals["count"] == sum(got_d.values())
        by_reason: dict[str, int] = defaultdict(int)
        for (_, reason, _, _), count in expect_disq(w, start, end).items():
            by_reason[reason] += count
        assert {k: v for k, v in totals["by_reason"].items() if v} == dict(by_reason), q


def test_v1_v2_forecast_and_pipeline_as_of(world: World) -> None:
    w = world
    q12 = {"2026-Q1", "2026-Q2"}
    for as_of, when in (
        ("2026-02-04", ts(2, 4, 23, 59)),
        ("2026-02-05T13:59:00Z", ts(2, 5, 13, 59)),  # just before the ARR change
        ("2026-02-05T14:59:00+01:00", ts(2, 5, 13, 59)),  # the same moment, another offset
        ("2026-02-05T14:00:00Z", ts(2, 5, 14, 0)),  # the moment of the change: after it
        ("2026-02-05", ts(2, 5, 23, 59)),  # after it
        ("2026-02-06", ts(2, 6, 23, 59)),  # the close date moved into Q2
        ("2026-02-10T15:59:59Z", ts(2, 10, 15, 59, 59)),  # d6 still bob's
        ("2026-02-10", ts(2, 10, 23, 59)),  # d6 alice's
        ("2026-03-01", NOW),
    ):
        body = _get(w, f"forecast?as_of={as_of}")
        got = {
            (r["quarter"], r["category"], r["owner_id"]): (float(r["arr"]), r["count"])
            for r in body["rows"]
        }
        want = expect_forecast(w, when, q12)
        assert got == want, as_of
        assert float(body["totals"]["arr"]) == sum(a for a, _ in want.values())
    bob_q1 = ("2026-Q1", "Pipeline", w.users["bob"])  # d3 + d4 + d6, d3's ARR changed at 14:00
    assert expect_forecast(w, ts(2, 5, 13, 59), q12)[bob_q1] == (80000.0, 3)
    assert expect_forecast(w, ts(2, 5, 23, 59), q12)[bob_q1] == (85000.0, 3)
    body = _get(w, "forecast")  # default: today's quarter and the next one
    got = {
        (r["quarter"], r["category"], r["owner_id"]): (float(r["arr"]), r["count"])
        for r in body["rows"]
    }
    assert got == expect_forecast(w, NOW, q12)
    # from/to choose the quarters containing them (both included)
    for query, quarters in (
        ("from=2026-04-01&to=2026-04-01", {"2026-Q2"}),
        ("from=2026-03-31&to=2026-04-01", q12),
        ("from=2026-01-01&to=2026-03-31", {"2026-Q1"}),
    ):
        rows = _get(w, f"forecast?{query}")["rows"]
        got = {
            (r["quarter"], r["category"], r["owner_id"]): (float(r["arr"]), r["count"])
            for r in rows
        }
        assert got == expect_forecast(w, NOW, quarters), query
    # owner filter and U-2 scopes
    rows = _get(w, f"forecast?as_of=2026-03-01&owner_id={w.users['bob']}")["rows"]
    assert {
        (r["quarter"], r["category"], r["owner_id"]): (float(r["arr"]), r["count"]) for r in rows
    } == expect_forecast(w, NOW, q12, {"bob"})
    for who, sees in (("alice", {"alice", "bob"}), ("carol", {"carol"})):
        rows = _get(w, "forecast?as_of=2026-03-01", who)["rows"]
        got = {
            (r["quarter"], r["category"], r["owner_id"]): (float(r["arr"]), r["count"])
            for r in rows
        }
        assert got == expect_forecast(w, NOW, q12, sees), who

    for query, want_p in (
        ("", expect_pipeline(w, NOW)),
        ("?as_of=2026-02-05", expect_pipeline(w, ts(2, 5, 23, 59))),
        (
            "?from=2026-03-01&to=2026-03-31",
            expect_pipeline(w, NOW, date(2026, 3, 1), date(2026, 3, 31)),
        ),
        ("?territory=Europe%20%26%20Africa", expect_pipeline(w, NOW, territory="Europe & Africa")),
    ):
        body = _get(w, f"pipeline{query}")
        got_p = {
            (r["pipeline"], r["stage"]): (
                r["count"],
                r["probability"],
                float(r["arr"]),
                pytest.approx(float(r["weighted_arr"])),
            )
            for r in body["rows"]
            if r["count"]
        }
        assert got_p == want_p, query
        open_rows = [v for k, v in want_p.items() if k[1] not in ("Closed Won", "Closed Lost")]
        assert float(body["totals"]["open_arr"]) == sum(v[2] for v in open_rows), query
        assert float(body["totals"]["open_weighted_arr"]) == pytest.approx(
            sum(v[3] for v in open_rows)
        ), query
    assert ("renewal", "Qualification") in expect_pipeline(w, NOW)  # Q-7 made one


def test_v6_v7_revenue_and_quota(world: World) -> None:
    w = world
    body = _get(w, "revenue?from=2026-01-01&to=2026-03-31")
    want, nrr = expect_revenue(w, ["2026-01", "2026-02", "2026-03"])
    got = {r["month"]: r for r in body["rows"]}
    assert list(got) == list(want)
    for month in want:
        _same(got[month], want[month])
    assert float(body["totals"]["nrr"]) == pytest.approx(nrr, abs=1e-4)
    assert want["2026-01"]["contraction"] == 500.0 and want["2026-02"]["expansion"] == 300.0
    assert want["2026-02"]["new"] == 1500.0 and want["2026-01"]["new"] == 400.0
    for key in ("new", "expansion", "contraction", "churned"):
        assert float(body["totals"][key]) == sum(r[key] for r in want.values()), key

    body = _get(w, f"revenue?from=2026-01-01&to=2026-03-31&owner_id={w.users['alice']}")
    want, nrr = expect_revenue(w, ["2026-01", "2026-02", "2026-03"], {"P", "S"})
    for row in body["rows"]:
        _same(row, want[row["month"]])
    assert float(body["totals"]["nrr"]) == pytest.approx(nrr, abs=1e-4)

    for start, end in (
        (date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 1, 1), date(2026, 1, 31)),
        (date(2026, 2, 14), date(2026, 2, 15)),
        (date(2026, 1, 15), date(2026, 2, 15)),  # pro rata across a month and a quarter
    ):
        rows = _get(w, f"quota?from={start}&to={end}")["rows"]
        got_q = {r["owner_id"]: r for r in rows}
        # every owner with a quota in the playbook is listed, 0 when it misses the period
        want_q = expect_quota(w, start, end)
        assert set(got_q) == set(want_q), (start, end)
        for owner in want_q:
            _same(got_q[owner], want_q[owner])


def test_v7_quota_in_a_salespersons_scope(world: World) -> None:
    """U-2: alice (U.S. East, with bob) sees her and bob's rows; carol (EMEA) only hers."""
    w = world
    want = expect_quota(w, date(2026, 1, 1), date(2026, 3, 31))
    for who, sees in (("alice", {"alice", "bob"}), ("carol", {"carol"})):
        rows = _get(w, "quota?from=2026-01-01&to=2026-03-31", who)["rows"]
        assert {r["owner_id"] for r in rows} == {w.users[u] for u in sees}, who
        for r in rows:
            _same(r, want[r["owner_id"]])


def test_owner_filter_and_scope_on_pipeline_and_quota(world: World) -> None:
    w = world
    rows = _get(w, f"quota?from=2026-01-01&to=2026-03-31&owner_id={w.users['bob']}")["rows"]
    assert [r["owner_id"] for r in rows] == [w.users["bob"]]
    _same(rows[0], expect_quota(w, date(2026, 1, 1), date(2026, 3, 31))[w.users["bob"]])
    body = _get(w, "pipeline", "carol")  # U-2: carol sees only her EMEA deal
    got = {
        (r["pipeline"], r["stage"]): (r["count"], float(r["arr"]))
        for r in body["rows"]
        if r["count"]
    }
    want = expect_pipeline(w, NOW, territory="Europe & Africa")
    assert got == {k: (v[0], v[2]) for k, v in want.items()}


def test_cli_prints_the_independent_rows(
    world: World, rt: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    import salesops.cli as root

    monkeypatch.setattr(root, "runtime", lambda: rt)
    with time_machine.travel(NOW, tick=False):
        out = CliRunner().invoke(
            root.app,
            ["report", "quota", "--from", "2026-01-01", "--to", "2026-03-31", "--format", "json"],
        )
        mine = CliRunner().invoke(
            root.app,
            [
                "report",
                "forecast",
                "--as-of",
                "2026-02-05",
                "--as",
                "carol@example.com",
                "--format",
                "json",
            ],
        )
    assert mine.exit_code == 0, mine.output
    got = {
        (r["quarter"], r["category"], r["owner_id"]): (float(r["arr"]), r["count"])
        for r in json.loads(mine.stdout)["rows"]
    }
    assert got == expect_forecast(world, ts(2, 5, 23, 59), {"2026-Q1", "2026-Q2"}, {"carol"})
    assert out.exit_code == 0, out.output
    rows = {r["owner_id"]: r for r in json.loads(out.stdout)["rows"]}
    want = expect_quota(world, date(2026, 1, 1), date(2026, 3, 31))
    assert set(rows) == set(want)
    for owner in want:
        _same(rows[owner], want[owner])


def test_bad_report_parameters_name_the_field(
    client: TestClient, admin_headers: dict[str, str]
) -> None:
    """docs/reports.md: bad values answer 422 naming the field (never a 500)."""
    for path, word in (
        ("forecast?as_of=yesterday", "as_of"),
        ("funnel?from=2026-13-01", "from"),
        ("funnel?from=2026-02-01&to=2026-01-01", "to"),
        ("quota?owner_id=abc", "owner"),
    ):
        r = client.get(f"/api/v1/reports/{path}", headers=admin_headers)
        assert r.status_code == 422 and word in r.text, (path, r.status_code, r.text)
