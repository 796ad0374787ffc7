"""V-6 revenue read from monthly rollups (``report_mrr_counts``; issue 18 performance).

Every number of the revenue report is a sum over accounts of something that depends only
on the account's own MRR history, so it is kept per month × owner × territory:

- ``net``, ``new``, ``expansion``, ``contraction``, ``churned`` of month p: an account's
  MRR at p's start (``s``, the sum of its earlier changes) and its net change in p (``d``)
  classify it exactly as ``revenue.revenue`` does;
- ``pos`` at month start p: how the MRR of the accounts above 0 changed at p (summed up to
  a window's first month it is the NRR cohort's start MRR);
- ``x`` (p, m): month m's change of the accounts above 0 at p's start (summed over the
  window's months it is the cohort's change).

Triggers mark accounts whose MRR changes or owner / territory changed
(``report_mrr_dirty``); before commit, ``refresh`` subtracts what each account's last
counted profile (``report_mrr_accounts``) contributed and adds what its current one does.
A report that finds marks not yet counted reads the raw changes (``revenue.revenue_raw``).
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, Date, bindparam, cast, func, select, text
from sqlalchemy.orm import Session

from salesops.accounts.models import Account, MrrChange
from salesops.reports.common import Filters, Result, Scope, id_test, money, number, rate
from salesops.reports.rollup_models import MrrCount

CHUNK = 2000
MOVES = ("net", "new", "expansion", "contraction", "churned")
Key = tuple[str, date, date, int, str]
Profile = tuple[int, str, list[tuple[date, int]]]


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


# -- triggers -------------------------------------------------------------------------


def install(conn: Connection) -> None:
    """Triggers marking the accounts whose revenue counts may have moved."""
    if conn.dialect.name == "postgresql":
        mark = "INSERT INTO report_mrr_dirty (account_id) VALUES"
        for sql in (
            f"""CREATE OR REPLACE FUNCTION report_mrr_mark_change() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP <> 'INSERT' THEN {mark} (OLD.account_id) ON CONFLICT DO NOTHING; END IF;
              IF TG_OP <> 'DELETE' THEN {mark} (NEW.account_id) ON CONFLICT DO NOTHING; END IF;
              RETURN NULL;
            END $$""",
            f"""CREATE OR REPLACE FUNCTION report_mrr_mark_account() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'DELETE' THEN {mark} (OLD.id) ON CONFLICT DO NOTHING;
              ELSE {mark} (NEW.id) ON CONFLICT DO NOTHING; END IF;
              RETURN NULL;
            END $$""",
            "DROP TRIGGER IF EXISTS report_mrr_change ON account_mrr_changes",
            """CREATE TRIGGER report_mrr_change AFTER INSERT OR UPDATE OR DELETE
            ON account_mrr_changes FOR EACH ROW EXECUTE FUNCTION report_mrr_mark_change()""",
            "DROP TRIGGER IF EXISTS report_mrr_account ON accounts",
            """CREATE TRIGGER report_mrr_account AFTER DELETE OR UPDATE OF owner_id, territory
            ON accounts FOR EACH ROW EXECUTE FUNCTION report_mrr_mark_account()""",
        ):
            conn.exec_driver_sql(sql)
        return
    mark = "INSERT OR IGNORE INTO report_mrr_dirty (account_id) VALUES"
    for sql in (
        "CREATE TRIGGER IF NOT EXISTS report_mrr_change_ins AFTER INSERT ON account_mrr_changes "
        f"BEGIN {mark} (NEW.account_id); END",
        "CREATE TRIGGER IF NOT EXISTS report_mrr_change_upd AFTER UPDATE ON account_mrr_changes "
        f"BEGIN {mark} (OLD.account_id); {mark} (NEW.account_id); END",
        "CREATE TRIGGER IF NOT EXISTS report_mrr_change_del AFTER DELETE ON account_mrr_changes "
        f"BEGIN {mark} (OLD.account_id); END",
        "CREATE TRIGGER IF NOT EXISTS report_mrr_account_upd AFTER UPDATE OF owner_id, "
        f"territory ON accounts BEGIN {mark} (NEW.id); END",
        "CREATE TRIGGER IF NOT EXISTS report_mrr_account_del AFTER DELETE ON accounts "
        f"BEGIN {mark} (OLD.id); END",
    ):
        conn.exec_driver_sql(sql)


def uninstall(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS report_mrr_change ON account_mrr_changes")
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS report_mrr_account ON accounts")
        conn.exec_driver_sql("DROP FUNCTION IF EXISTS report_mrr_mark_change()")
        conn.exec_driver_sql("DROP FUNCTION IF EXISTS report_mrr_mark_account()")
        return
    for name in ("change_ins", "change_upd", "change_del", "account_upd", "account_del"):
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS report_mrr_{name}")


# -- an account's contributions -------------------------------------------------------


def contributions(owner: int, territory: str, months: list[tuple[date, int]]) -> dict[Key, int]:
    """What one account (its net change in cents per month, sorted) adds to the counts."""
    out: dict[Key, int] = {}

    def add(measure: str, p: date, m: date, cents: int) -> None:
        if cents:
            k = (measure, p, m, owner, territory)
            out[k] = out.get(k, 0) + cents

    s = 0
    for m, d in months:
        e = s + d
        add("net", m, m, d)
        add("new", m, m, e if s <= 0 < e else 0)
        add("expansion", m, m, e - s if 0 < s < e else 0)
        add("contraction", m, m, s - e if 0 < e < s else 0)
        add("churned", m, m, s if s > 0 >= e else 0)
        add("pos", _next_month(m), _next_month(m), max(e, 0) - max(s, 0))
        s = e
    if months:
        p, last = months[0][0], months[-1][0]
        while p <= last:  # the cohort of a window starting at p: above 0 at p's start
            level = sum(d for m, d in months if m < p)
            if level > 0:
                for m, d in months:
                    if m >= p:
                        add("x", p, m, d)
            p = _next_month(p)
    return out


def _profiles(conn: Connection, ids: list[int] | None) -> dict[int, Profile]:
    """{account id: (owner, territory, [(month, cents)])} from the MRR changes now."""
    if conn.dialect.name == "postgresql":
        month: Any = cast(func.date_trunc("month", MrrChange.effective_on), Date)
    else:
        month = func.date(MrrChange.effective_on, "start of month")
    query = (
        select(
            Account.id,
            func.coalesce(Account.owner_id, 0),
            func.coalesce(Account.territory, ""),
            month.label("month"),
            func.sum(MrrChange.mrr_after - MrrChange.mrr_before),
        )
        .join(MrrChange, MrrChange.account_id == Account.id)
        .group_by(Account.id, Account.owner_id, Account.territory, month)
        .order_by(Account.id, month)
    )
    if ids is not None:
        query = query.where(Account.id.in_(ids))
    out: dict[int, Profile] = {}
    for a, owner, territory, m, d in conn.execute(query):
        day = m if isinstance(m, date) else date.fromisoformat(str(m)[:10])
        cents = int((Decimal(str(d or 0)) * 100).quantize(Decimal(1)))
        out.setdefault(a, (int(owner), str(territory), []))[2].append((day, cents))
    return out


def _store(conn: Connection, profiles: dict[int, Profile]) -> None:
    rows = [
        {
            "a": a,
            "o": o,
            "t": t,
            "p": json.dumps([[m.isoformat(), c] for m, c in months]),
        }
        for a, (o, t, months) in profiles.items()
    ]
    if rows:
        conn.execute(
            text(
                "INSERT INTO report_mrr_accounts (account_id, owner_id, territory, profile) "
                "VALUES (:a, :o, :t, :p)"
            ),
            rows,
        )


def _move(conn: Connection, moves: dict[Key, int]) -> None:
    rows = [
        {"measure": k[0], "p": k[1], "m": k[2], "o": k[3], "t": k[4], "c": c}
        for k, c in sorted(moves.items())  # one lock order for concurrent commits
        if c
    ]
    if rows:
        conn.execute(
            text(
                "INSERT INTO report_mrr_counts (measure, p, m, owner_id, territory, cents) "
                "VALUES (:measure, :p, :m, :o, :t, :c) "
                "ON CONFLICT (measure, p, m, owner_id, territory) "
                "DO UPDATE SET cents = report_mrr_counts.cents + excluded.cents"
            ).bindparams(bindparam("p", type_=Date), bindparam("m", type_=Date)),
            rows,
        )


def rebuild(conn: Connection) -> dict[str, int]:
    """Recompute every account's profile and the counts (backfill and repair)."""
    for table in ("report_mrr_dirty", "report_mrr_counts", "report_mrr_accounts"):
        conn.exec_driver_sql(f"DELETE FROM {table}")
    profiles = _profiles(conn, None)
    total: dict[Key, int] = {}
    for owner, territory, months in profiles.values():
        for k, c in contributions(owner, territory, months).items():
            total[k] = total.get(k, 0) + c
    _store(conn, profiles)
    _move(conn, total)
    return {"accounts": len(profiles), "counts": len(total)}


def pending(conn: Connection) -> bool:
    return conn.exec_driver_sql("SELECT 1 FROM report_mrr_dirty LIMIT 1").first() is not None


def refresh(conn: Connection) -> int:
    if not pending(conn):
        return 0
    taken = conn.exec_driver_sql("DELETE FROM report_mrr_dirty RETURNING account_id")
    ids = sorted(r[0] for r in taken)
    for i in range(0, len(ids), CHUNK):
        _apply(conn, ids[i : i + CHUNK])
    return len(ids)


def _apply(conn: Connection, ids: list[int]) -> None:
    by_id, in_ids = id_test(conn, "account_id")
    delta: dict[Key, int] = {}
    old = conn.execute(
        text(
            f"SELECT owner_id, territory, profile FROM report_mrr_accounts WHERE {by_id}"
        ).bindparams(in_ids),
        {"ids": ids},
    )
    for owner, territory, profile in old:
        months = [(date.fromisoformat(m), int(c)) for m, c in json.loads(profile)]
        for k, c in contributions(int(owner), str(territory), months).items():
            delta[k] = delta.get(k, 0) - c
    conn.execute(
        text(f"DELETE FROM report_mrr_accounts WHERE {by_id}").bindparams(in_ids),
        {"ids": ids},
    )
    profiles = _profiles(conn, ids)
    for owner, territory, months in profiles.values():
        for k, c in contributions(owner, territory, months).items():
            delta[k] = delta.get(k, 0) + c
    _store(conn, profiles)
    _move(conn, delta)


# -- the report -----------------------------------------------------------------------


def revenue(
    session: Session, filters: Filters, scope: Scope, now: datetime, bounds: list[date]
) -> Result:
    """V-6 from the rollups; ``bounds`` are the period's month starts and the one after."""
    from salesops.reports.revenue import COLUMNS

    c = MrrCount
    where: list[Any] = []
    if filters.owner_id is not None:
        where.append(c.owner_id == filters.owner_id)
    if filters.territory:
        where.append(c.territory == filters.territory)
    clause = scope.clause(c.owner_id, c.territory)
    if clause is not None:
        where.append(clause)
    first, after = bounds[0], bounds[-1]

    def cents(*cond: Any) -> int:
        return int(session.scalar(select(func.sum(c.cents)).where(*cond, *where)) or 0)

    base = cents(c.measure == "net", c.p < first)
    start = cents(c.measure == "pos", c.p <= first)
    change = cents(c.measure == "x", c.p == first, c.m < after)
    per: dict[tuple[str, date], int] = {}
    for measure, p, n in session.execute(
        select(c.measure, c.p, func.sum(c.cents))
        .where(c.measure.in_(MOVES), c.p >= first, c.p < after, *where)
        .group_by(c.measure, c.p)
    ):
        per[(measure, p)] = int(n or 0)
    rows = []
    level = _money(base)
    for m in bounds[:-1]:
        start_mrr = level
        level = money(level + _money(per.get(("net", m), 0)))
        expansion = _money(per.get(("expansion", m), 0))
        contraction = _money(per.get(("contraction", m), 0))
        churned = _money(per.get(("churned", m), 0))
        kept = start_mrr + expansion - contraction - churned
        rows.append(
            {
                "month": m.strftime("%Y-%m"),
                "start_mrr": start_mrr,
                "mrr": level,
                "new": _money(per.get(("new", m), 0)),
                "expansion": expansion,
                "contraction": contraction,
                "churned": churned,
                "nrr": number(rate(kept, start_mrr)),
            }
        )
    totals = {
        "start_mrr": rows[0]["start_mrr"] if rows else money(0),
        "mrr": rows[-1]["mrr"] if rows else money(0),
        "new": money(sum(r["new"] for r in rows)),
        "expansion": money(sum(r["expansion"] for r in rows)),
        "contraction": money(sum(r["contraction"] for r in rows)),
        "churned": money(sum(r["churned"] for r in rows)),
        "nrr": number(rate(_money(start + change), _money(start))),
    }
    return Result(COLUMNS, rows, totals, now, extra={"from": filters.start, "to": filters.end})


def _money(cents: int) -> Decimal:
    return money(Decimal(cents) / 100)
