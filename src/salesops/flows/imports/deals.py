"""Opportunities (O-4, Q-1 … Q-6) from an export (roles and activities: ``activities``).

Each opportunity keeps its stage (mapped to the playbook's pipelines), amount, close
date, type, forecast category and contact roles; its stage and forecast histories are
seeded (a first entry at its creation, a new one when a later export moves it), so the
pipeline and forecast reports (V-1, V-2) work from day one. An account with a won
opportunity becomes a paying customer with its MRR from the won contracts still running
(V-6). Imported history is history: no renewal, check-in or follow-up is created for it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account, MrrChange
from salesops.core.fastsql import copy_rows
from salesops.flows.imports.records import OpportunityIn
from salesops.flows.imports.rows import complete, table_of, with_history
from salesops.flows.imports.writer import Importer, Item
from salesops.opportunities import history as snapshots
from salesops.opportunities.history import TRACKED
from salesops.opportunities.models import (
    ForecastChange,
    Opportunity,
    OpportunityContactRole,
    OpportunitySnapshot,
    StageChange,
)
from salesops.playbook.runtime import playbook_of

OPPORTUNITIES = table_of(Opportunity)
FORECAST_COLUMNS = ("id", "forecast_category", "close_date", "amount")


def _stage(s: Session, pipeline: str, name: str) -> Any:
    for st in playbook_of(s).opportunities.pipelines[pipeline]:
        if st.name == name:
            return st
    raise KeyError(name)


def _at(d: date | None, fallback: datetime) -> datetime:
    return datetime.combine(d, time(), tzinfo=UTC) if d else fallback


def _values(imp: Importer, s: Session, rec: OpportunityIn, loss: str) -> dict[str, Any]:
    """The columns an export's opportunity sets (its stage mapped, Q-1 … Q-6)."""
    st = _stage(s, rec.pipeline, rec.stage)
    closed_at = _at(rec.close_date, imp.now) if st.closed else None
    return {
        "record_type": rec.record_type,
        "pipeline": rec.pipeline,
        "stage": rec.stage,
        "opp_type": rec.opp_type,
        "probability": st.probability,
        "is_closed": st.closed,
        "is_won": st.won,
        "close_date": rec.close_date,
        "amount": (
            rec.amount
            if rec.amount is not None
            else Decimal(playbook_of(s).opportunities.default_amount)
        ),
        "forecast_category": rec.forecast_category,
        "lead_source": rec.lead_source,
        "loss_reason": loss if st.closed and not st.won else None,
        "closed_at": closed_at,
        "won_at": closed_at if st.won else None,
        "updated_at": imp.now,
    }


def _apply(imp: Importer, s: Session, o: Opportunity, rec: OpportunityIn, loss: str) -> None:
    o.name = rec.name or o.name
    for key, value in _values(imp, s, rec, loss).items():
        setattr(o, key, value)


def import_opportunities(
    imp: Importer,
    items: Iterable[Item[OpportunityIn]],
    *,
    loss_reason: str,
    obj: str = "Opportunity",
    account_obj: str = "Account",
    contact_obj: str = "Contact",
) -> None:
    for s, batch in imp.batches(items, obj):
        new, changed, _ = imp.split(s, obj, batch)
        account_ids = imp.ids(s, account_obj, [r.account_key for r in batch])
        contact_ids = imp.ids(s, contact_obj, [k for r in batch for k in r.contact_keys])
        paying: set[int] = set()
        stage_rows: list[dict[str, Any]] = []
        forecast_rows: list[dict[str, Any]] = []
        if changed:
            ids = [link.record_id for _, link in changed]
            loaded = {
                o.id: o for o in s.scalars(select(Opportunity).where(Opportunity.id.in_(ids)))
            }
            for rec, link in changed:
                o = loaded.get(link.record_id)
                if o is None:
                    continue
                before_stage, before_cat = o.stage, o.forecast_category
                _apply(imp, s, o, rec, loss_reason)
                owner = imp.owner(s, rec.owner_key)
                if owner is not None:
                    o.owner_id = owner
                if o.stage != before_stage:
                    stage_rows.append(
                        complete(
                            StageChange,
                            {
                                "opportunity_id": o.id,
                                "from_stage": before_stage,
                                "to_stage": o.stage,
                                "at": imp.now,
                            },
                        )
                    )
                if o.forecast_category != before_cat and o.forecast_category:
                    forecast_rows.append(
                        _forecast_row(
                            {c: getattr(o, c) for c in FORECAST_COLUMNS}, before_cat, imp.now
                        )
                    )
                snapshots.record(s, o, imp.now)  # V-1: a later export's change, as of now
                imp.relink(link, rec)
                imp.report.count(obj, "updated")
                imp.decide(
                    o,
                    obj,
                    rec.key,
                    ["Q-4", "Q-6"],
                    f"updated from a later export (stage {rec.source_stage} → {o.stage})",
                )
                paying.add(o.account_id)
        created: list[tuple[dict[str, Any], OpportunityIn]] = []
        for rec in new:
            account_id = account_ids.get(rec.account_key or "")
            if account_id is None:
                why = "its account is not imported" if rec.account_key else "it names no account"
                imp.skip(
                    rec,
                    obj,
                    f"opportunity without an imported account: {why}"
                    + (f" ({account_obj} {rec.account_key})" if rec.account_key else ""),
                )
                continue
            new_row = complete(
                Opportunity,
                {
                    "account_id": account_id,
                    "owner_id": imp.owner(s, rec.owner_key),
                    "created_at": rec.created_at or imp.now,
                    "name": rec.name,
                    "contact_id": next(
                        (contact_ids[k] for k in rec.contact_keys if k in contact_ids), None
                    ),
                    **_values(imp, s, rec, loss_reason),
                },
            )
            created.append((new_row, rec))
            imp.report.count(obj, "created")
            paying.add(account_id)
        new_ids = copy_rows(s, OPPORTUNITIES, [o for o, _ in created], ids=True)
        with_history(s, paying)
        roles: list[dict[str, Any]] = []
        snapshot_rows: list[dict[str, Any]] = []
        for (row, rec), oid in zip(created, new_ids, strict=True):
            row["id"] = oid
            at = row["created_at"]
            imp.link(obj, rec.key, "opportunity", rec, oid)
            stage_rows.append(
                complete(
                    StageChange,
                    {"opportunity_id": oid, "from_stage": None, "to_stage": row["stage"], "at": at},
                )
            )
            if row["forecast_category"]:
                forecast_rows.append(_forecast_row(row, None, at))
            for k in rec.contact_keys:
                if k in contact_ids:
                    roles.append(
                        complete(
                            OpportunityContactRole,
                            {
                                "opportunity_id": oid,
                                "contact_id": contact_ids[k],
                                "role": "Primary"
                                if contact_ids[k] == row["contact_id"]
                                else "Contact",
                            },
                        )
                    )
            state = {k: row[k] for k in TRACKED}
            state["amount"] = Decimal(state["amount"] if state["amount"] is not None else 0)
            # V-1: the as-of history starts at each new opportunity's creation
            snapshot_rows.append(
                complete(
                    OpportunitySnapshot,
                    {"opportunity_id": oid, "valid_from": at, "valid_to": None, **state},
                )
            )
            imp.decide_on(
                ("opportunity", oid),
                row["owner_id"],
                None,
                obj,
                rec.key,
                ["Q-1", "Q-4", "Q-6"],
                f"stage {rec.source_stage!r} → {row['stage']} ({row['pipeline']}), "
                f"record type {row['record_type']}, forecast {row['forecast_category']}",
            )
        copy_rows(s, table_of(StageChange), stage_rows)
        copy_rows(s, table_of(ForecastChange), forecast_rows)
        copy_rows(s, table_of(OpportunityContactRole), roles)
        copy_rows(s, table_of(OpportunitySnapshot), snapshot_rows)
        mark_paying(imp, s, paying)


def _forecast_row(o: dict[str, Any], before: str | None, at: datetime) -> dict[str, Any]:
    return complete(
        ForecastChange,
        {
            "opportunity_id": o["id"],
            "from_category": before,
            "to_category": o["forecast_category"],
            "moved_earlier": False,
            "close_date": o["close_date"],
            "amount": o["amount"],
            "at": at,
        },
    )


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(year, month, day)
        except ValueError:
            continue
    raise ValueError(d)


def mrr_timeline(wins: list[tuple[date, int, Decimal]], today: date) -> list[tuple[date, Decimal]]:
    """V-6: the MRR an account's won contracts make over time, as (day, MRR from that day):
    each contract adds its ARR / 12 from its start (close date) until it ends (start +
    term); days after ``today`` are not history yet. Pure."""
    deltas: dict[date, Decimal] = {}
    for start, term, arr in wins:
        if start > today:
            continue
        monthly = arr / 12
        deltas[start] = deltas.get(start, Decimal(0)) + monthly
        end = _add_months(start, term)
        if end <= today:
            deltas[end] = deltas.get(end, Decimal(0)) - monthly
    out: list[tuple[date, Decimal]] = []
    mrr = Decimal(0)
    for day in sorted(deltas):
        mrr += deltas[day]
        point = (day, mrr.quantize(Decimal("0.01")))
        if not out or out[-1][1] != point[1]:
            out.append(point)
    return out


def mark_paying(imp: Importer, s: Session, account_ids: set[int]) -> None:
    """O-1, V-6: an account with won opportunities is paying since its first win, with
    the MRR of its won contracts still running; the MRR history is seeded from the
    contracts' dates on the first import, and a later export's change is recorded today."""
    if not account_ids:
        return
    s.flush()
    wins: dict[int, list[tuple[date, int, Decimal]]] = {}
    today = imp.now.date()
    for o in s.execute(
        select(
            Opportunity.account_id,
            Opportunity.contract_start,
            Opportunity.close_date,
            Opportunity.term_months,
            Opportunity.amount,
        ).where(Opportunity.account_id.in_(sorted(account_ids)), Opportunity.is_won.is_(True))
    ):
        start = o.contract_start or o.close_date or today
        wins.setdefault(o.account_id, []).append((start, o.term_months, Decimal(o.amount)))
    if not wins:
        return
    history: dict[int, list[Any]] = {}
    for ch in s.execute(
        select(MrrChange.account_id, MrrChange.mrr_after)
        .where(MrrChange.account_id.in_(sorted(wins)))
        .order_by(MrrChange.effective_on, MrrChange.id)
    ):
        history.setdefault(ch.account_id, []).append(ch)
    changes: list[dict[str, Any]] = []
    for acct in s.scalars(select(Account).where(Account.id.in_(sorted(wins)))):
        timeline = mrr_timeline(wins[acct.id], today)
        mrr = timeline[-1][1] if timeline else Decimal("0.00")
        first = min(w[0] for w in wins[acct.id])
        had = history.get(acct.id, [])
        if not had:
            before = Decimal(0)
            for day, after in timeline:
                changes.append(
                    complete(
                        MrrChange,
                        {
                            "account_id": acct.id,
                            "effective_on": day,
                            "mrr_before": before,
                            "mrr_after": after,
                            "at": imp.now,
                            "actor_id": None,
                        },
                    )
                )
                before = after
        elif Decimal(had[-1].mrr_after) != mrr:
            changes.append(
                complete(
                    MrrChange,
                    {
                        "account_id": acct.id,
                        "effective_on": today,
                        "mrr_before": Decimal(had[-1].mrr_after),
                        "mrr_after": mrr,
                        "at": imp.now,
                        "actor_id": None,
                    },
                )
            )
        if (acct.customer_status, acct.paying_since, Decimal(acct.mrr)) == ("paying", first, mrr):
            continue
        acct.customer_status, acct.paying_since, acct.mrr = "paying", first, mrr
        acct.updated_at = imp.now
        imp.decisions.append(
            {
                "kind": "import",
                "subject": acct,
                "inputs": {"system": imp.system, "won": len(wins[acct.id])},
                "rule_ids": ["O-1", "V-6"],
                "at": imp.now,
                "owner_id": acct.owner_id,
                "territory": acct.territory,
                "reason": f"paying since {first.isoformat()} with MRR {mrr} "
                f"from {len(wins[acct.id])} won opportunities",
            }
        )
    copy_rows(s, table_of(MrrChange), changes)
