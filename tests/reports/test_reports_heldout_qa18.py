"""A second held-out scenario for V-1 … V-7 (issue 18, qa18), written before reading the
report code: a data set built only through the public API (the form intake and manual
tasks, touches, disqualifications, conversions, deals whose category, amount and close
date change on known moments — twice on one day —, wins on the last half hour of a
period, a self-serve win, an owner with wins and no quota, MRR with new / expansion /
contraction / churn across months), then every report compared with rows computed here in
plain Python from the actions taken: JSON, CSV (header = row keys) and the CLI in json,
csv and table form; the drill-down records behind numbers; U-2 scopes; filters.

Definitions read from SPEC section V and docs/reports.md: ``from``/``to`` are UTC days,
both included; ``as_of`` a date means the end of that UTC day, a timestamp that moment;
medians of an even count are the mean of the middle two; a rate over 0 is null."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from html import unescape
from typing import Any

import pytest
import time_machine
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from salesops.app import create_app
from salesops.intake.rules import sign_hex
from salesops.playbook.runtime import Runtime
from tests.integrations.fixtures import configured, fake_services, smtp_sink  # noqa: F401
from tests.reports.expect import funnel_row
from tests.reports.expect import median as _median
from tests.reports.expect import rate as _rate
from tests.web.conftest import log_in

NOW = datetime(2026, 4, 2, 12, 0, tzinfo=UTC)
SIX = dict.fromkeys(
    ["call_held", "problem_identified", "important_now", "pricing_in_ballpark"]
    + ["decision_maker", "next_step_agreed", "engineer_on_first_call"],
    True,
)
EXIT = dict.fromkeys(
    ["quantified_pain", "usage_or_trial", "documented_decision", "budget_confirmed"]
    + ["decision_process_mapped", "price_agreed", "terms_agreed", "paper_process_mapped"]
    + ["contract_signed"],
    True,
)
WON_PATH = ["Solution Agreement", "Priority Agreement", "Commercial Agreement"]
WON_PATH += ["Vendor Approval", "Closed Won"]
PROB = {"Problem Agreement": 10, "Solution Agreement": 25, "Priority Agreement": 40}
PROB |= {"Commercial Agreement": 60, "Vendor Approval": 80, "Closed Won": 100, "Closed Lost": 0}
CATEGORY = {"No Budget": "Timing / Economics", "Spam": "Not a Lead"}
CATEGORY |= {"No Current Need": "Timing / Economics", "Duplicate Lead": "Not a Lead"}
EAST, EMEA = "U.S. East", "Europe & Africa"
EMEA_Q = "Europe%20%26%20Africa"


def ts(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UTC)


@dataclass
class Lead:
    id: int
    source: str
    owner: int
    territory: str
    created: datetime
    touched: datetime | None = None
    opp_at: datetime | None = None
    won_at: datetime | None = None
    disq_at: datetime | None = None
    reason: str | None = None


@dataclass
class Deal:
    id: int
    owner: int
    territory: str
    # (valid from, amount, close date, category, stage)
    history: list[tuple[datetime, float, date, str, str]] = field(default_factory=list)
    won_at: datetime | None = None
    self_serve: bool = False

    def at(self, when: datetime) -> tuple[float, date, str, str] | None:
        state = None
        for since, *rest in self.history:
            if since <= when:
                state = tuple(rest)
        return state  # type: ignore[return-value]

    def change(self, when: datetime, **kw: Any) -> None:
        amount, close, cat, stage = self.history[-1][1:]
        self.history.append(
            (
                when,
                float(kw.get("amount", amount)),
                kw.get("close", close),
                kw.get("category", cat),
                kw.get("stage", stage),
            )
        )


class World:
    def __init__(self, client: TestClient, rt: Runtime, clock: Any) -> None:
        self.c, self.rt, self.clock = client, rt, clock
        self.users: dict[str, int] = {}
        self.tokens: dict[str, str] = {}
        self.home: dict[int, str | None] = {}
        self.leads: dict[str, Lead] = {}
        self.deals: dict[str, Deal] = {}
        self.accounts: dict[str, tuple[int, int | None, str | None]] = {}
        self.mrr: dict[str, list[tuple[date, float]]] = {}
        self.quotas: list[tuple[str, str, float]] = []

    def ok(self, r: Any, code: int = 200) -> Any:
        assert r.status_code == code, r.text
        return r.json()

    def user(self, key: str, territory: str | None) -> None:
        body = {"email": f"{key}@example.com", "name": key.title(), "password": "password123"}
        uid = self.ok(self.c.post("/api/v1/users", json=body), 201)["id"]
        self.users[key] = uid
        self.home[uid] = territory
        tok = self.ok(self.c.post(f"/api/v1/users/{uid}/tokens", json={"name": "t"}), 201)
        self.tokens[key] = tok["token"]
        if territory:
            items = self.ok(self.c.get("/api/v1/territories"))
            items = items["items"] if isinstance(items, dict) else items
            tid = next(int(t["id"]) for t in items if t["name"] == territory)
            self.ok(self.c.post(f"/api/v1/territories/{tid}/members", json={"user_id": uid}), 201)

    def account(self, name: str, territory: str, **kw: Any) -> int:
        where = {"country": "US", "us_state": "NY"} if territory == EAST else {"country": "DE"}
        body = {"name": name, "domain": f"{name.lower()}.com", **where, **kw}
        return int(self.ok(self.c.post("/api/v1/accounts", json=body), 201)["id"])

    def contact(self, account_id: int, email: str) -> int:
        body = {"email": email, "name": email.split("@")[0], "account_id": account_id}
        return int(self.ok(self.c.post("/api/v1/contacts", json=body), 201)["id"])

    # --- lead tasks -------------------------------------------------------------------------
    def form_lead(self, key: str, when: datetime) -> None:
        """I-2: a contact form from Germany, routed by the product (R-*); owner read back."""
        self.clock.move_to(when)
        body = json.dumps({
            "submission_id": f"qa18-{key}", "name": f"Person {key}",
            "email": f"{key}@firm{key}.de", "company": f"Firm{key}", "role": "engineering",
            "country": "Germany", "message": "We need pricing for an annual contract",
            "consent": True,
        }).encode()  # fmt: skip
        headers = {"Content-Type": "application/json"}
        headers["X-Salesops-Signature"] = sign_hex(self.rt.settings.form_secret, body)
        tid = int(
            self.ok(self.c.post("/api/v1/intake/form", content=body, headers=headers))["task_id"]
        )
        task = self.ok(self.c.get(f"/api/v1/tasks/{tid}"))
        assert task["owner_id"], task
        self.leads[key] = Lead(tid, task["lead_source"], task["owner_id"], EMEA, when)

    def manual_lead(self, key: str, source: str, owner: str, when: datetime, terr: str) -> None:
        self.clock.move_to(when)
        acc = self.account(f"L{key}", terr)
        con = self.contact(acc, f"{key}@l{key}.com")
        body = {
            "account_id": acc,
            "contact_id": con,
            "lead_source": source,
            "owner_id": self.users[owner],
            "sales_form_message": "Pricing for 40 seats",
        }
        task = self.ok(self.c.post("/api/v1/tasks", json=body), 201)
        self.leads[key] = Lead(int(task["id"]), source, self.users[owner], terr, when)

    def touch(self, key: str, when: datetime) -> None:
        self.clock.move_to(when)
        self.ok(self.c.patch(f"/api/v1/tasks/{self.leads[key].id}", json={"status": "Working"}))
        self.leads[key].touched = when

    def disqualify(self, key: str, when: datetime, reason: str) -> None:
        self.clock.move_to(when)
        body = {"reason": reason, "notes": "Confirmed on a call: no budget this year."}
        self.ok(self.c.post(f"/api/v1/tasks/{self.leads[key].id}/disqualify", json=body))
        self.leads[key].disq_at, self.leads[key].reason = when, reason
        # a person's disqualification is the task's first touch when none came before
        self.leads[key].touched = self.leads[key].touched or when

    def convert(self, key: str, when: datetime, amount: int, close: date) -> str:
        self.clock.move_to(when)
        body = {
            "criteria": SIX,
            "opportunity": {
                "opp_type": "Monthly Plan",
                "amount": amount,
                "close_date": close.isoformat(),
            },
        }
        opp = self.ok(self.c.post(f"/api/v1/tasks/{self.leads[key].id}/convert", json=body), 201)
        lead = self.leads[key]
        lead.opp_at = when
        self.deals[f"o{key}"] = Deal(int(opp["id"]), int(opp["owner_id"]), lead.territory)
        self.deals[f"o{key}"].history.append(
            (when, float(amount), close, "Pipeline", "Problem Agreement")
        )
        return f"o{key}"

    # --- deals --------------------------------------------------------------------------------
    def deal(
        self, key: str, owner: str, amount: int, close: date, when: datetime, terr: str
    ) -> None:
        self.clock.move_to(when)
        acc = self.account(f"D{key}", terr)
        con = self.contact(acc, f"buyer@d{key}.com")
        body = {
            "account_id": acc,
            "contact_id": con,
            "record_type": "New Revenue",
            "opp_type": "Monthly Plan",
            "amount": amount,
            "close_date": close.isoformat(),
            "owner_id": self.users[owner],
            "lead_source": "Outbound",
        }
        opp = self.ok(self.c.post("/api/v1/opportunities", json=body), 201)
        self.deals[key] = Deal(int(opp["id"]), self.users[owner], terr)
        self.deals[key].history.append(
            (when, float(amount), close, "Pipeline", "Problem Agreement")
        )

    def patch(self, key: str, when: datetime, **kw: Any) -> None:
        self.clock.move_to(when)
        body: dict[str, Any] = {}
        if "amount" in kw:
            body["amount"] = kw["amount"]
        if "close" in kw:
            body["close_date"] = kw["close"].isoformat()
        if "category" in kw:
            body["forecast_category"] = kw["category"]
        self.ok(self.c.patch(f"/api/v1/opportunities/{self.deals[key].id}", json=body))
        self.deals[key].change(when, **kw)

    def stage(self, key: str, when: datetime, to: str, **extra: Any) -> None:
        self.clock.move_to(when)
        body = {"stage": to, **extra}
        self.ok(self.c.post(f"/api/v1/opportunities/{self.deals[key].id}/stage", json=body))
        cat = {"Closed Won": "Commit", "Closed Lost": "Omitted"}.get(to)
        self.deals[key].change(when, stage=to, **({"category": cat} if cat else {}))

    def win(self, key: str, when: datetime) -> None:
        self.clock.move_to(when)
        body = {"exit_criteria": EXIT}
        self.ok(self.c.patch(f"/api/v1/opportunities/{self.deals[key].id}", json=body))
        for name in WON_PATH:
            self.stage(key, when, name)
        self.deals[key].won_at = when
        for lead_key, lead in self.leads.items():
            if key == f"o{lead_key}":
                lead.won_at = when

    def mrr_change(self, key: str, amount: int, on: str, owner: str | None = None) -> None:
        if key not in self.accounts:
            terr = EMEA if key in ("B",) else EAST
            uid = self.users[owner] if owner else None
            acc = self.account(
                f"M{key}",
                terr,
                customer_status="paying",
                mrr=amount,
                mrr_effective_on=on,
                **({"owner_id": uid} if uid else {}),
            )
            self.accounts[key] = (acc, uid, terr)
            self.mrr[key] = []
        else:
            body = {"mrr": amount, "mrr_effective_on": on}
            self.ok(self.c.patch(f"/api/v1/accounts/{self.accounts[key][0]}", json=body))
        self.mrr[key].append((date.fromisoformat(on), float(amount)))


def build(client: TestClient, rt: Runtime, clock: Any) -> World:
    w = World(client, rt, clock)
    w.user("ann", EAST)
    w.user("ben", EAST)
    w.user("cat", EMEA)
    w.user("dan", None)  # wins, no territory, no quota

    # leads: two by the form (routed to EMEA), five by hand
    w.form_lead("f1", ts(3, 2, 9))
    w.touch("f1", ts(3, 2, 13))  # 4 h
    w.form_lead("f2", ts(3, 3, 9))
    w.touch("f2", ts(3, 5, 9))  # 48 h
    w.manual_lead("m1", "Event", "ann", ts(3, 4, 9), EAST)
    w.touch("m1", ts(3, 4, 10))  # 1 h
    w.disqualify("m1", ts(3, 10, 12), "No Budget")
    w.manual_lead("m2", "Event", "ben", ts(3, 10, 9), EAST)
    w.touch("m2", ts(3, 11, 9))  # exactly 24 h: "within 24 h"
    w.manual_lead("m5", "Event", "cat", ts(3, 15, 9), EMEA)
    w.touch("m5", ts(3, 15, 11))  # 2 h
    w.disqualify("m5", ts(3, 31, 23, 59), "No Current Need")  # the last minute of March
    w.manual_lead("m3", "Event", "ben", ts(3, 31, 23, 30), EAST)  # March, UTC
    w.disqualify("m3", ts(4, 1, 0, 15), "Spam")  # April, UTC
    w.manual_lead("m4", "Referral", "ann", ts(4, 1, 0, 10), EAST)  # April, UTC
    w.convert("f1", ts(3, 6, 9), 18000, date(2026, 3, 20))  # 4 days
    w.convert("f2", ts(3, 5, 21), 12000, date(2026, 5, 30))  # 2.5 days

    # deals
    w.deal("da", "ann", 30000, date(2026, 5, 10), ts(3, 1, 10), EAST)
    w.patch("da", ts(3, 12, 10), category="Best case")
    w.patch("da", ts(3, 12, 16), category="Commit")  # twice on one day
    w.deal("db", "ben", 20000, date(2026, 3, 31), ts(3, 1, 11), EAST)
    w.patch("db", ts(3, 15, 8), amount=24000)
    w.deal("dc", "dan", 15000, date(2026, 3, 25), ts(3, 2, 10), EAST)
    w.deal("dd", "ann", 50000, date(2026, 3, 18), ts(3, 2, 11), EAST)
    w.deal("de", "cat", 9000, date(2026, 6, 15), ts(3, 3, 10), EMEA)
    w.deal("df", "ann", 5000, date(2026, 3, 31), ts(3, 3, 11), EAST)
    w.deal("dg", "ben", 7000, date(2026, 6, 1), ts(3, 20, 10), EAST)
    w.patch("dg", ts(3, 21, 10), close=date(2026, 7, 2))  # out of the Q1+Q2 window
    w.win("dc", ts(3, 25, 15))
    w.clock.move_to(ts(3, 17, 9))
    body = {"self_serve_post_engagement": True}
    w.ok(client.patch(f"/api/v1/opportunities/{w.deals['dd'].id}", json=body))
    w.deals["dd"].self_serve = True
    w.win("dd", ts(3, 18, 9))
    w.win("of1", ts(3, 20, 9))  # 18 days after its lead task
    w.stage("de", ts(3, 22, 9), "Closed Lost", loss_reason="Pricing")
    w.win("db", ts(3, 31, 23, 30))  # the last half hour of Q1
    w.win("df", ts(4, 1, 0, 5))  # the first minutes of Q2

    # MRR (V-6)
    w.clock.move_to(ts(3, 31, 12))
    w.mrr_change("A", 1000, "2025-12-01", "ann")
    w.mrr_change("A", 1200, "2026-01-15")  # expansion in January
    w.mrr_change("A", 0, "2026-02-10")  # churn in February
    w.mrr_change("B", 2000, "2025-11-01", "cat")
    w.mrr_change("B", 1500, "2026-02-01")  # contraction on February's first day
    w.mrr_change("C", 500, "2026-02-28")  # new on February's last day, no owner
    w.mrr_change("D", 300, "2026-01-01", "ben")  # new on January's first day

    # quotas (V-7): dan has none
    w.clock.move_to(ts(3, 31, 13))
    content = w.ok(client.get("/api/v1/playbook"))["content"]
    w.quotas = [("ann", "2026-Q1", 100000.0), ("ben", "2026-03", 31000.0)]
    w.quotas += [("cat", "2026", 73000.0)]
    content += "\nreports:\n  quotas:\n" + "".join(
        f"    - {{owner: {o}@example.com, period: '{p}', amount: {int(a)}}}\n"
        for o, p, a in w.quotas
    )
    w.ok(client.post("/api/v1/playbook/versions", json={"content": content}), 201)
    return w


# --- expected rows from the actions above -------------------------------------------------------


def _in(d: datetime | None, start: date, end: date) -> bool:
    return d is not None and start <= d.astimezone(UTC).date() <= end


def _sees(w: World, who: str | None, owner: int, territory: str | None) -> bool:
    """U-2 as docs/reports.md puts it: own rows and the rows of one's territories."""
    if who is None:
        return True
    uid = w.users[who]
    return owner == uid or (territory is not None and territory == w.home[uid])


def expect_funnel(
    w: World, start: date, end: date, who: str | None = None, **flt: Any
) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[Lead]] = defaultdict(list)
    for x in w.leads.values():
        if not _in(x.created, start, end) or not _sees(w, who, x.owner, x.territory):
            continue
        if flt.get("owner") and x.owner != flt["owner"]:
            continue
        if flt.get("source") and x.source != flt["source"]:
            continue
        groups[x.source].append(x)
    out = {}
    for source, leads in groups.items():
        out[source] = funnel_row(source, leads)
    return out


def expect_speed(w: World, start: date, end: date, who: str | None = None) -> dict[int, Any]:
    groups: dict[int, list[Lead]] = defaultdict(list)
    for x in w.leads.values():
        if _in(x.created, start, end) and _sees(w, who, x.owner, x.territory):
            groups[x.owner].append(x)
    out = {}
    for owner, leads in groups.items():
        hours = [(x.touched - x.created).total_seconds() / 3600 for x in leads if x.touched]
        out[owner] = {
            "owner_id": owner,
            "tasks": len(leads),
            "median_hours_to_first_touch": _median(hours),
            "share_within_24h": sum(h <= 24 for h in hours) / len(leads),
            "reassigned": 0,
            "autoclosed": 0,
        }
    return out


def expect_disq(
    w: World, start: date, end: date, who: str | None = None, **flt: Any
) -> dict[tuple[Any, ...], int]:
    out: dict[tuple[Any, ...], int] = defaultdict(int)
    for x in w.leads.values():
        if not _in(x.disq_at, start, end) or not _sees(w, who, x.owner, x.territory):
            continue
        if flt.get("owner") and x.owner != flt["owner"]:
            continue
        if flt.get("source") and x.source != flt["source"]:
            continue
        assert x.reason
        out[(CATEGORY[x.reason], x.reason, x.source, x.owner)] += 1
    return dict(out)


def _quarter(d: date) -> str:
    return f"{d.year}-Q{(d.month - 1) // 3 + 1}"


def expect_forecast(
    w: World, as_of: datetime, quarters: set[str], who: str | None = None, owner: int | None = None
) -> dict[tuple[str, str, int], tuple[float, int]]:
    out: dict[tuple[str, str, int], tuple[float, int]] = {}
    for d in w.deals.values():
        state = d.at(as_of)
        if state is None or not _sees(w, who, d.owner, d.territory):
            continue
        if owner is not None and d.owner != owner:
            continue
        amount, close, cat, _ = state
        if _quarter(close) not in quarters:
            continue
        key = (_quarter(close), cat, d.owner)
        arr, n = out.get(key, (0.0, 0))
        out[key] = (arr + amount, n + 1)
    return out


def expect_pipeline(
    w: World, as_of: datetime, who: str | None = None
) -> dict[tuple[str, str], tuple[int, int, float, float]]:
    out: dict[tuple[str, str], tuple[int, int, float, float]] = {}
    for d in w.deals.values():
        state = d.at(as_of)
        if state is None or not _sees(w, who, d.owner, d.territory):
            continue
        amount, _, _, stage = state
        n, p, arr, wt = out.get(("new_business", stage), (0, PROB[stage], 0.0, 0.0))
        out[("new_business", stage)] = (n + 1, p, arr + amount, wt + amount * p / 100)
    return out


def _period(p: str) -> tuple[date, date]:
    if "-Q" in p:
        y, q = int(p[:4]), int(p[-1])
        nxt = date(y + 1, 1, 1) if q == 4 else date(y, 3 * q + 1, 1)
        return date(y, 3 * q - 2, 1), nxt - timedelta(days=1)
    if len(p) == 4:
        return date(int(p), 1, 1), date(int(p), 12, 31)
    y, m = int(p[:4]), int(p[5:])
    nxt = date(y + 1, 1, 1) if m == 12 else date(y, m + 1, 1)
    return date(y, m, 1), nxt - timedelta(days=1)


def expect_quota(w: World, start: date, end: date, who: str | None = None) -> dict[int, Any]:
    out: dict[int, dict[str, Any]] = {}

    def row(uid: int) -> dict[str, Any]:
        return out.setdefault(
            uid,
            {
                "owner_id": uid,
                "won_arr": 0.0,
                "won_count": 0,
                "excluded_self_serve_arr": 0.0,
                "quota": 0.0,  # none set: 0, and the attainment is null
            },
        )

    for owner, period, amount in w.quotas:
        if not _sees(w, who, w.users[owner], w.home[w.users[owner]]):
            continue  # U-2: a salesperson sees the quotas of their own and their territory's
        ps, pe = _period(period)
        lo, hi = max(ps, start), min(pe, end)
        overlap = (hi - lo).days + 1 if lo <= hi else 0
        row(w.users[owner])["quota"] += amount * overlap / ((pe - ps).days + 1)
    for d in w.deals.values():
        if not _in(d.won_at, start, end) or not _sees(w, who, d.owner, d.territory):
            continue
        r = row(d.owner)
        amount = d.at(d.won_at)[0]  # type: ignore[arg-type,index]
        if d.self_serve:
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


def expect_revenue(w: World, months: list[str], keys: set[str] | None = None) -> Any:
    mrr = {k: v for k, v in w.mrr.items() if keys is None or k in keys}
    rows = {}
    for month in months:
        first, last = _period(month)
        s = {k: _level(v, first) for k, v in mrr.items()}
        e = {k: _level(v, last + timedelta(days=1)) for k, v in mrr.items()}
        s0 = sum(s.values())
        exp = sum(e[k] - s[k] for k in e if 0 < s[k] < e[k])
        con = sum(s[k] - e[k] for k in e if 0 < e[k] < s[k])
        churn = sum(s[k] for k in e if s[k] > 0 and e[k] == 0)
        rows[month] = {
            "month": month,
            "mrr": sum(e.values()),
            "start_mrr": s0,
            "new": sum(e[k] for k in e if s[k] == 0 and e[k] > 0),
            "expansion": exp,
            "contraction": con,
            "churned": churn,
            "nrr": _rate(s0 + exp - con - churn, s0),
        }
    first, _ = _period(months[0])
    _, last = _period(months[-1])
    cohort = [k for k, v in mrr.items() if _level(v, first) > 0]
    start = sum(_level(mrr[k], first) for k in cohort)
    nrr = _rate(sum(_level(mrr[k], last + timedelta(days=1)) for k in cohort), start)
    return rows, nrr


# --- comparing ---------------------------------------------------------------------------------


@pytest.fixture
def world(configured: Runtime, client: TestClient, admin_headers: dict[str, str]) -> World:  # noqa: F811
    client.headers.update(admin_headers)
    with time_machine.travel(ts(3, 1, 8), tick=False) as clock:
        return build(client, configured, clock)


def _csv_value(value: Any) -> str:
    return "" if value is None else str(value)


def get(w: World, path: str, who: str | None = None) -> dict[str, Any]:
    """JSON and CSV of one report: the CSV's header is the row keys, its cells the values."""
    headers = {"Authorization": f"Bearer {w.tokens[who]}"} if who else None
    with time_machine.travel(NOW, tick=False):
        r = w.c.get(f"/api/v1/reports/{path}", headers=headers)
        assert r.status_code == 200, (path, r.text)
        body = r.json()
        sep = "&" if "?" in path else "?"
        text = w.c.get(f"/api/v1/reports/{path}{sep}format=csv", headers=headers)
    assert text.status_code == 200 and text.headers["content-type"].startswith("text/csv")
    table = list(csv.reader(io.StringIO(text.text)))
    keys = list(body["rows"][0]) if body["rows"] else None
    if keys:
        assert table[0] == keys, path
    assert len(table) - 1 == len(body["rows"]), path
    for row, line in zip(body["rows"], table[1:], strict=True):
        for key, cell in zip(row, line, strict=True):
            value = row[key]
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                assert float(cell) == pytest.approx(value), (path, key)
            else:
                assert cell == _csv_value(value), (path, key)
    return body


def same(got: dict[str, Any], want: dict[str, Any], where: Any = None) -> None:
    for k, v in want.items():
        if v is None:
            assert got[k] is None, (where, k, got)
        elif isinstance(v, float):
            assert got[k] is not None and float(got[k]) == pytest.approx(
                v, abs=0.005 if k in MONEY else 1e-6
            ), (
                where,
                k,
                got,
            )
        else:
            assert got[k] == v, (where, k, got)


MONEY = {"quota", "arr", "won_arr", "excluded_self_serve_arr", "weighted_arr"}  # cents
MARCH = "from=2026-03-01&to=2026-03-31"
M = (date(2026, 3, 1), date(2026, 3, 31))


def test_funnel_speed_and_disqualifications(world: World) -> None:
    """V-3, V-4, V-5: forms and manual leads, UTC day boundaries, even medians, null rates."""
    w = world
    form_source = w.leads["f1"].source
    assert w.leads["f2"].source == form_source and form_source not in ("Event", "Referral")
    body = get(w, f"funnel?{MARCH}")
    want = expect_funnel(w, *M)
    got = {r["lead_source"]: r for r in body["rows"]}
    assert set(got) == set(want) == {form_source, "Event"}
    for source in want:
        same(got[source], want[source], source)
    # the form's two conversions: 4 and 2.5 days → median 3.25 (even count)
    assert want[form_source]["median_days_to_opportunity"] == 3.25
    assert want["Event"]["opportunity_to_won_rate"] is None  # 0 opportunities
    assert want["Event"]["tasks"] == 4  # m3 at 23:30 on March 31 (UTC) is in March
    one_day = get(w, "funnel?from=2026-04-01&to=2026-04-01")["rows"]
    assert [(r["lead_source"], r["tasks"]) for r in one_day] == [("Referral", 1)]
    rows = get(w, f"funnel?{MARCH}&lead_source=Event")["rows"]
    assert [r["lead_source"] for r in rows] == ["Event"]
    rows = get(w, f"funnel?{MARCH}&owner_id={w.users['ben']}")["rows"]
    want = expect_funnel(w, *M, owner=w.users["ben"])
    assert {r["lead_source"] for r in rows} == set(want)
    for r in rows:
        same(r, want[r["lead_source"]])
    for who in ("ann", "cat"):  # U-2
        rows = get(w, f"funnel?{MARCH}", who)["rows"]
        want = expect_funnel(w, *M, who)
        assert {r["lead_source"] for r in rows} == set(want), who
        for r in rows:
            same(r, want[r["lead_source"]], who)

    body = get(w, f"speed-to-lead?{MARCH}")
    want_s = expect_speed(w, *M)
    got_s = {r["owner_id"]: r for r in body["rows"]}
    assert set(got_s) == set(want_s)
    for owner in want_s:
        same(got_s[owner], want_s[owner], owner)
    ben = want_s[w.users["ben"]]  # 24 h (within 24 h) and 0.75 h (m3's disqualification)
    assert ben["median_hours_to_first_touch"] == 12.375 and ben["share_within_24h"] == 1.0
    for who in ("ben", "cat"):
        rows = get(w, f"speed-to-lead?{MARCH}", who)["rows"]
        assert {r["owner_id"] for r in rows} == set(expect_speed(w, *M, who)), who

    for start, end, kw in (
        (*M, {}),
        (date(2026, 4, 1), date(2026, 4, 1), {}),
        (*M, {"owner": w.users["cat"]}),
        (*M, {"source": "Event"}),
    ):
        q = f"from={start}&to={end}"
        if kw.get("owner"):
            q += f"&owner_id={kw['owner']}"
        if kw.get("source"):
            q += f"&lead_source={kw['source']}"
        body = get(w, f"disqualifications?{q}")
        got_d = {
            (r["category"], r["reason"], r["lead_source"], r["owner_id"]): r["count"]
            for r in body["rows"]
        }
        assert got_d == expect_disq(w, start, end, **kw), q
        assert body["totals"]["count"] == sum(got_d.values()), q
    assert expect_disq(w, date(2026, 4, 1), date(2026, 4, 1)) == {
        ("Not a Lead", "Spam", "Event", w.users["ben"]): 1
    }
    for who in ("ann", "cat"):
        rows = get(w, f"disqualifications?{MARCH}", who)["rows"]
        got_d = {
            (r["category"], r["reason"], r["lead_source"], r["owner_id"]): r["count"] for r in rows
        }
        assert got_d == expect_disq(w, *M, who), who


def _fc(rows: list[dict[str, Any]]) -> dict[tuple[str, str, int], tuple[float, int]]:
    return {
        (r["quarter"], r["category"], r["owner_id"]): (float(r["arr"]), r["count"]) for r in rows
    }


def test_forecast_and_pipeline_as_of_moments(world: World) -> None:
    """V-1 as of dates and timestamps (two changes on one day), V-2 weighted sums."""
    w = world
    q12 = {"2026-Q1", "2026-Q2"}
    da = (("2026-Q2", w.users["ann"]), 30000.0)
    for as_of, when, da_cat in (
        ("2026-03-11", ts(3, 11, 23, 59), "Pipeline"),
        ("2026-03-12T09:59:59Z", ts(3, 12, 9, 59), "Pipeline"),
        ("2026-03-12T12:00:00Z", ts(3, 12, 12), "Best case"),
        ("2026-03-12T11:00:00-05:00", ts(3, 12, 16), "Commit"),  # 16:00 UTC: the change
        ("2026-03-12T15:59:00Z", ts(3, 12, 15, 59), "Best case"),
        ("2026-03-12", ts(3, 12, 23, 59), "Commit"),
        ("2026-03-31", ts(3, 31, 23, 59), "Commit"),
        ("2026-04-01", ts(4, 1, 23, 59), "Commit"),
    ):
        body = get(w, f"forecast?as_of={as_of}")
        quarters = q12 if when.month < 4 else {"2026-Q2", "2026-Q3"}  # the as-of day's and next
        want = expect_forecast(w, when, quarters)
        assert _fc(body["rows"]) == want, as_of
        (quarter, owner), arr = da
        assert want[(quarter, da_cat, owner)][0] >= arr, as_of
        assert float(body["totals"]["arr"]) == pytest.approx(sum(a for a, _ in want.values()))
        assert body["totals"]["count"] == sum(n for _, n in want.values())
    # as of the day of db's amount change, before and after it
    for as_of, when in (("2026-03-15T07:59:00Z", ts(3, 15, 7, 59)), ("2026-03-15", ts(3, 15, 23))):
        assert _fc(get(w, f"forecast?as_of={as_of}")["rows"]) == expect_forecast(w, when, q12)
    # April 1: Q2 and Q3 (dg moved to July); March 31: Q1 and Q2
    body = get(w, "forecast")
    assert _fc(body["rows"]) == expect_forecast(w, NOW, {"2026-Q2", "2026-Q3"})
    rows = get(w, f"forecast?as_of=2026-04-01&owner_id={w.users['ann']}")["rows"]
    assert _fc(rows) == expect_forecast(
        w, ts(4, 1, 23, 59), {"2026-Q2", "2026-Q3"}, owner=w.users["ann"]
    )
    for who in ("ben", "cat", "dan"):  # U-2
        rows = get(w, "forecast?as_of=2026-03-31", who)["rows"]
        assert _fc(rows) == expect_forecast(w, ts(3, 31, 23, 59), q12, who), who

    for query, when in (("", NOW), ("?as_of=2026-03-12T12:00:00Z", ts(3, 12, 12))):
        body = get(w, f"pipeline{query}")
        got = {
            (r["pipeline"], r["stage"]): (
                r["count"],
                r["probability"],
                float(r["arr"]),
                float(r["weighted_arr"]),
            )
            for r in body["rows"]
            if r["count"]
        }
        want_p = expect_pipeline(w, when)
        assert got.keys() == want_p.keys(), query
        for k, v in want_p.items():
            assert got[k][:3] == v[:3] and got[k][3] == pytest.approx(v[3]), (query, k)
        assert float(body["totals"]["weighted_arr"]) == pytest.approx(
            sum(v[3] for v in want_p.values())
        )
    rows = get(w, "pipeline", "cat")["rows"]
    got_cat = {(r["pipeline"], r["stage"]): r["count"] for r in rows if r["count"]}
    assert got_cat == {k: v[0] for k, v in expect_pipeline(w, NOW, "cat").items()}


def test_revenue_across_months(world: World) -> None:
    """V-6: new / expansion / contraction / churn by month, NRR null without a start."""
    w = world
    months = ["2025-10", "2025-11", "2025-12", "2026-01", "2026-02", "2026-03"]
    body = get(w, "revenue?from=2025-10-01&to=2026-03-31")
    want, nrr = expect_revenue(w, months)
    got = {r["month"]: r for r in body["rows"]}
    assert list(got) == months
    for m in months:
        same(got[m], want[m], m)
    assert want["2025-10"]["nrr"] is None  # nothing paying at its start: 0 / 0
    assert want["2026-02"]["churned"] == 1200.0 and want["2026-02"]["contraction"] == 500.0
    assert want["2026-01"]["new"] == 300.0 and want["2026-01"]["expansion"] == 200.0
    assert body["totals"]["nrr"] is None  # the window starts with nothing paying
    body = get(w, "revenue?from=2026-01-01&to=2026-03-31")
    _, nrr = expect_revenue(w, months[3:])
    assert nrr == 0.5 and float(body["totals"]["nrr"]) == pytest.approx(nrr)
    body = get(w, f"revenue?from=2026-01-01&to=2026-03-31&owner_id={w.users['ann']}")
    want, nrr = expect_revenue(w, months[3:], {"A"})
    for r in body["rows"]:
        same(r, want[r["month"]], r["month"])
    assert float(body["totals"]["nrr"]) == pytest.approx(0.0)
    body = get(w, f"revenue?from=2026-01-01&to=2026-03-31&territory={EMEA_Q}")
    want, _ = expect_revenue(w, months[3:], {"B"})
    for r in body["rows"]:
        same(r, want[r["month"]], r["month"])
    body = get(w, "revenue?from=2026-01-01&to=2026-03-31", "ann")  # U-2: own A, East C and D
    want, _ = expect_revenue(w, months[3:], {"A", "C", "D"})
    for r in body["rows"]:
        same(r, want[r["month"]], ("ann", r["month"]))


def test_quota_boundaries_self_serve_and_no_quota(world: World) -> None:
    """V-7, Q-9: a win at 23:30 on the period's last day counts, 00:05 the next day does not;
    self-serve wins count for nobody; an owner with wins and no quota has no attainment."""
    w = world
    for start, end in (
        M,
        (date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 4, 1), date(2026, 4, 30)),
    ):
        body = get(w, f"quota?from={start}&to={end}")
        got = {r["owner_id"]: r for r in body["rows"]}
        want = expect_quota(w, start, end)
        assert set(got) == set(want), (start, end)
        for owner in want:
            same(got[owner], want[owner], (start, end, owner))
    want = expect_quota(w, *M)
    assert want[w.users["dan"]]["attainment"] is None and want[w.users["dan"]]["won_arr"] == 15000
    assert (
        want[w.users["ben"]]["won_arr"] == 24000
        and want[w.users["ben"]]["attainment"] == 24000 / 31000
    )
    assert want[w.users["ann"]]["excluded_self_serve_arr"] == 50000
    for who in (
        "ann",
        "cat",
        "dan",
    ):  # U-2: own deals and the territory's (a deal's is its account's)
        rows = get(w, f"quota?{MARCH}", who)["rows"]
        want = expect_quota(w, *M, who)
        assert {r["owner_id"] for r in rows} == set(want), who
        for r in rows:
            same(r, want[r["owner_id"]], who)
    assert w.users["dan"] in expect_quota(w, *M, "ann")  # dan's win is on a U.S. East account


def test_cli_formats_print_the_same_rows(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    """issue 18: the CLI prints the API's rows — json, csv (same header) and table."""
    import salesops.cli as root

    w = world
    monkeypatch.setattr(root, "runtime", lambda: w.rt)
    with time_machine.travel(NOW, tick=False):
        for name, args, path in (
            ("funnel", ["--from", "2026-03-01", "--to", "2026-03-31"], f"funnel?{MARCH}"),
            ("quota", ["--from", "2026-03-01", "--to", "2026-03-31"], f"quota?{MARCH}"),
            (
                "forecast",
                ["--as-of", "2026-03-12T12:00:00Z"],
                "forecast?as_of=2026-03-12T12:00:00Z",
            ),
            (
                "revenue",
                ["--from", "2026-01-01", "--to", "2026-03-31"],
                "revenue?from=2026-01-01&to=2026-03-31",
            ),
        ):
            api_csv = w.c.get(f"/api/v1/reports/{path}&format=csv").text
            api_json = w.c.get(f"/api/v1/reports/{path}").json()
            out = {}
            for fmt in ("json", "csv", "table"):
                res = CliRunner().invoke(root.app, ["report", name, *args, "--format", fmt])
                assert res.exit_code == 0, (name, fmt, res.output)
                out[fmt] = res.stdout
            assert json.loads(out["json"])["rows"] == api_json["rows"], name
            assert list(csv.reader(io.StringIO(out["csv"]))) == list(
                csv.reader(io.StringIO(api_csv))
            ), name
            for row in api_json["rows"]:  # every key and each row's first value in the table
                first = next(iter(row.values()))
                assert str(first) in out["table"], (name, first)
            if api_json["rows"]:
                for key in api_json["rows"][0]:
                    assert key in out["table"], (name, key)


def test_numbers_link_to_their_records(world: World) -> None:
    """issue 18: every number links to the records behind it (checked for V-3 and V-7)."""
    w = world
    c = TestClient(create_app(w.rt.settings, runtime=w.rt), headers={"accept": "text/html"})
    with c, time_machine.travel(NOW, tick=False):
        log_in(c, "ann@example.com", "password123")
        page = c.get(f"/reports/funnel?{MARCH}")
        assert page.status_code == 200
        links = [
            unescape(h) for h in re.findall(r'href="(/reports/funnel/records\?[^"]+)"', page.text)
        ]
        event = [h for h in links if "lead_source=Event" in h]
        assert event, links
        found = c.get(event[0])
        assert found.status_code == 200
        want = {
            x.id
            for x in w.leads.values()
            if x.source == "Event" and _in(x.created, *M) and _sees(w, "ann", x.owner, x.territory)
        }
        shown = {int(i) for i in re.findall(r'href="/tasks/(\d+)"', found.text)}
        assert shown == want, (event[0], shown, want)
        page = c.get(f"/reports/quota?{MARCH}")
        links = [
            unescape(h) for h in re.findall(r'href="(/reports/quota/records\?[^"]+)"', page.text)
        ]
        ann = [h for h in links if f"owner_id={w.users['ann']}&self_serve=0" in h]
        assert ann, links
        shown = {int(i) for i in re.findall(r'href="/opportunities/(\d+)"', c.get(ann[0]).text)}
        assert shown == {
            d.id
            for d in w.deals.values()
            if d.owner == w.users["ann"] and _in(d.won_at, *M) and not d.self_serve
        }


def test_period_edges_and_scope_filters(world: World) -> None:
    """docs/reports.md: from/to are whole UTC days — a timestamp with a time of day is
    refused (422 naming the field), not cut to its day (00:00:00 and 23:59:59 UTC name the
    day and are taken); revenue's from/to pick the whole months containing them; an
    as_of timestamp without an offset is UTC; a salesperson's filters cannot widen U-2."""
    w = world
    with time_machine.travel(NOW, tick=False):
        for path, word in (
            ("funnel?from=2026-03-01T10:00:00Z&to=2026-03-31", "from"),
            ("quota?from=2026-03-01&to=2026-03-31T23:00:00-05:00", "to"),
            ("disqualifications?from=2026-03-01junk", "from"),
            ("forecast?as_of=2026-05-01", "as_of"),  # the future
        ):
            r = w.c.get(f"/api/v1/reports/{path}")
            assert r.status_code == 422 and word in r.text, (path, r.status_code, r.text)
        # A timestamp that only names a day (a date serialised at 00:00:00 UTC, or a day's
        # last second) is that day: the same rows as the plain dates.
        plain = get(w, "funnel?from=2026-03-01&to=2026-03-31")["rows"]
        for stamps in (
            "from=2026-03-01T00:00:00Z&to=2026-03-31T00:00:00.000Z",
            "from=2026-03-01T00:00:00%2B00:00&to=2026-03-31T23:59:59.999Z",
            "from=2026-03-01T00:00:00&to=2026-03-31T23:59:59",
        ):
            assert get(w, f"funnel?{stamps}")["rows"] == plain, stamps
    rows = get(w, "revenue?from=2026-01-15&to=2026-02-20")["rows"]
    want, _ = expect_revenue(w, ["2026-01", "2026-02"])
    assert [r["month"] for r in rows] == ["2026-01", "2026-02"]
    for r in rows:  # whole months: February's row includes C's change of the 28th
        same(r, want[r["month"]], r["month"])
    naive = get(w, "forecast?as_of=2026-03-12T12:00:00")["rows"]
    assert _fc(naive) == expect_forecast(w, ts(3, 12, 12), {"2026-Q1", "2026-Q2"})
    assert get(w, f"quota?{MARCH}&owner_id={w.users['cat']}", "ann")["rows"] == []
    assert get(w, f"funnel?{MARCH}&territory={EMEA_Q}", "ann")["rows"] == []
