"""S-4 after a playbook change, and I-8 after any change of an account's facts.

A flow: scoring recomputes (``scoring.service.rescore_account``) and intake's product-led
rules (I-8) re-read the account, and intake sits above scoring.

* **A playbook version that changes scoring weights or product-led rules** queues the
  ``scoring.recompute`` job (``playbook.service.activate`` does, by name). The job rescores
  ``CHUNK`` accounts per run under that version and queues the next chunk; each run
  writes its progress (done / total / changed) on its own job row, so
  ``recompute_progress`` (``GET /api/v1/scoring/recompute``) shows how far it is. Old
  decisions stay; new ones name the new version (P-2, O-8).
* **An edit of an account** (``flows.records``) re-evaluates I-8 on the stored signals.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from salesops.accounts.models import Account
from salesops.core.jobs import Job, enqueue, job
from salesops.intake.signals import reevaluate_product_led
from salesops.playbook import service as playbooks
from salesops.playbook.loader import load_playbook_text
from salesops.scoring.service import rescore_account

log = logging.getLogger("salesops.rescoring")

KIND = playbooks.RECOMPUTE_JOB  # "scoring.recompute"
CHUNK = 500  # accounts per job run (one unit of work each)


def queue_recompute(session: Session, now: datetime, *, version: int | None = None) -> Job | None:
    """Queue a full recompute (S-4) under ``version`` (default: the session's)."""
    v = version or int(session.info.get("playbook_version") or 0)
    return enqueue(session, KIND, {"version": v, "after_id": 0, "done": 0}, now=now)


def _use_version(session: Session, version: int) -> None:
    """Run under ``version`` even when this process has not seen it yet."""
    if not version or int(session.info.get("playbook_version") or 0) >= version:
        return
    row = playbooks.get_version(session, version)
    session.info["playbook"] = load_playbook_text(
        row.content, source=f"playbook v{version}", stored=True
    )
    session.info["playbook_version"] = version


def _own_row(session: Session, payload: dict[str, Any]) -> Job | None:
    for row in session.scalars(select(Job).where(Job.kind == KIND, Job.status == "running")):
        if (row.payload or {}).get("after_id") == payload.get("after_id") and (
            row.payload or {}
        ).get("version") == payload.get("version"):
            return row
    return None


@job(KIND)
def recompute_chunk(session: Session, payload: dict[str, Any], now: datetime) -> None:
    """S-4 (+ I-8): rescore the next ``CHUNK`` accounts; queue the rest; record progress."""
    version = int(payload.get("version") or 0)
    _use_version(session, version)
    after = int(payload.get("after_id") or 0)
    total = payload.get("total")
    if total is None:
        total = session.scalar(select(func.count(Account.id))) or 0
    ids = list(
        session.scalars(
            select(Account.id).where(Account.id > after).order_by(Account.id).limit(CHUNK)
        )
    )
    changed = int(payload.get("changed") or 0)
    fired = int(payload.get("fired") or 0)
    for account_id in ids:
        account = session.get(Account, account_id)
        if account is None:
            continue
        changed += rescore_account(session, account, now)
        fired += reevaluate_product_led(session, account, now) is not None
    session.flush()
    done = int(payload.get("done") or 0) + len(ids)
    more = len(ids) == CHUNK
    progress = {
        **payload,
        "total": total,
        "done": done,
        "changed": changed,
        "fired": fired,
        "finished": not more,
    }
    row = _own_row(session, payload)
    if row is not None:
        row.payload = progress
    if more:
        enqueue(session, KIND, {**progress, "after_id": ids[-1], "finished": False}, now=now)
    log.info("recompute v%s: %s/%s accounts, %s scores changed", version, done, total, changed)


def recompute_progress(session: Session) -> dict[str, Any]:
    """The latest recompute: its playbook version, accounts done of total, scores changed,
    and whether it is queued, running, finished or failed."""
    row = session.scalar(select(Job).where(Job.kind == KIND).order_by(Job.id.desc()).limit(1))
    if row is None:
        return {"status": "none"}
    p = row.payload or {}
    if row.status == "dead":
        status = "failed"
    elif row.status == "done" and p.get("finished"):
        status = "finished"
    elif row.status == "running":
        status = "running"
    else:
        status = "queued" if not p.get("done") else "running"
    total = p.get("total")
    done = int(p.get("done") or 0)
    return {
        "status": status,
        "version": p.get("version"),
        "done": done,
        "total": total,
        "percent": round(100 * done / total) if total else (100 if status == "finished" else 0),
        "changed": int(p.get("changed") or 0),
        "product_led_tasks": int(p.get("fired") or 0),
        "job_id": row.id,
        "error": (row.last_error or "").strip().splitlines()[-1:] if row.status == "dead" else [],
    }
