"""Imports started from the admin page run in the background (issue 19 item 5).

``start`` records an ``ImportJob`` over a folder of uploaded files; ``run_due`` claims the
oldest queued one with a conditional UPDATE (so a web process's background task and a
worker never both run it), imports it with its progress written every second or so, and
stores the report. The worker calls ``run_due`` on every pass; the admin page also
starts it right after the upload (``BackgroundTasks``).
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import select, update

from salesops.core import clock
from salesops.core.errors import DomainError
from salesops.flows.imports.models import ImportJob
from salesops.flows.imports.report import Report
from salesops.flows.imports.service import Options, import_hubspot, import_salesforce
from salesops.playbook.runtime import Runtime

log = logging.getLogger("salesops.imports")
SYSTEMS = ("salesforce", "hubspot")
HUBSPOT_FILES = ("companies", "contacts", "deals")
#: This process's running imports: job id → (bytes done, bytes in all). A dry run on
#: SQLite holds the write lock for its whole (rolled back) transaction, so its progress
#: is only here; the page reads this first, then the job's row.
PROGRESS: dict[int, tuple[int, int]] = {}


def upload_root() -> Path:
    root = Path(tempfile.gettempdir()) / "salesops-imports"
    root.mkdir(parents=True, exist_ok=True)
    return root


def new_folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="upload-", dir=upload_root()))


def start(
    rt: Runtime,
    *,
    system: str,
    folder: Path,
    dry_run: bool,
    options: dict[str, Any],
    actor_id: int | None,
) -> int:
    """Queue an import of ``folder``; returns the job's id."""
    with rt.uow() as s:
        job = ImportJob(
            system=system,
            status="queued",
            dry_run=dry_run,
            folder=str(folder),
            options=options,
            done_bytes=0,
            total_bytes=0,
            report={},
            created_by=actor_id,
            created_at=clock.now(),
        )
        s.add(job)
        s.flush()
        return job.id


def _claim(rt: Runtime) -> ImportJob | None:
    with rt.uow() as s:
        queued = s.scalars(
            select(ImportJob.id).where(ImportJob.status == "queued").order_by(ImportJob.id).limit(5)
        ).all()
        for job_id in queued:
            claimed = s.execute(
                update(ImportJob)
                .where(ImportJob.id == job_id, ImportJob.status == "queued")
                .values(status="running", started_at=clock.now())
            ).rowcount  # type: ignore[attr-defined]
            if claimed:
                job = s.get(ImportJob, job_id)
                assert job is not None
                s.flush()
                s.expunge(job)
                return job
    return None


def run_due(rt: Runtime) -> int:
    """Run every queued import, oldest first; returns how many ran."""
    n = 0
    while (job := _claim(rt)) is not None:
        _run(rt, job)
        n += 1
    return n


def _run(rt: Runtime, job: ImportJob) -> None:
    folder = Path(job.folder)
    last = [0.0]

    in_memory_only = job.dry_run and rt.db.backend == "sqlite"

    def progress(done: int, total: int) -> None:
        PROGRESS[job.id] = (done, total)
        if in_memory_only or (time.monotonic() - last[0] < 1.0 and done < total):
            return
        last[0] = time.monotonic()
        with rt.uow() as s:
            s.execute(
                update(ImportJob)
                .where(ImportJob.id == job.id)
                .values(done_bytes=done, total_bytes=total)
            )

    opts = Options(
        dry_run=job.dry_run,
        route_unowned=bool(job.options.get("route_unowned")),
        mapping=folder / "mapping.yaml" if (folder / "mapping.yaml").exists() else None,
        errors=folder / f"errors-{job.id}.csv",
        progress=progress,
    )
    status, error, report = "done", None, {}
    try:
        result: Report
        if job.system == "salesforce":
            result = import_salesforce(rt, folder, opts)
        else:
            files = {n: _file(folder, n) for n in HUBSPOT_FILES}
            result = import_hubspot(rt, opts, **files)
        report = result.as_dict()
    except DomainError as exc:
        status, error = "failed", str(exc)
    except Exception as exc:  # noqa: BLE001 - recorded on the job for the admin to see
        log.exception("import job %s failed", job.id)
        status, error = "failed", f"{type(exc).__name__}: {exc}"
    with rt.uow() as s:
        s.execute(
            update(ImportJob)
            .where(ImportJob.id == job.id)
            .values(status=status, error=error, report=report, finished_at=clock.now())
        )
    PROGRESS.pop(job.id, None)


def progress_of(job: ImportJob) -> int:
    """Percent done (of the files' bytes)."""
    done, total = PROGRESS.get(job.id, (job.done_bytes, job.total_bytes))
    if job.status == "done":
        return 100
    return int(100 * done / total) if total else 0


def _file(folder: Path, name: str) -> Path | None:
    for ext in ("csv", "xlsx"):
        p = folder / f"{name}.{ext}"
        if p.exists():
            return p
    return None


def errors_of(job: ImportJob, limit: int = 50) -> list[list[str]]:
    """The first bad rows of a job (file, line, reason), for its page."""
    import csv

    path = Path(job.folder) / f"errors-{job.id}.csv"
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    return rows[1 : limit + 1]


def discard(job: ImportJob) -> None:
    shutil.rmtree(job.folder, ignore_errors=True)
