"""Import use-cases (issue 19): one function per source system, each streaming its
files through the writer with the report, the errors file and a progress callback.
The CLI, the admin page's background job and the tests call these."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from salesops.core import clock
from salesops.core.errors import ValidationFailed
from salesops.flows.imports.mapping import Mapping, load_mapping
from salesops.flows.imports.readers import Source
from salesops.flows.imports.report import Report
from salesops.flows.imports.writer import Importer
from salesops.playbook.runtime import Runtime

Progress = Callable[[int, int], None]  # (bytes done, bytes in all)


@dataclass
class Options:
    dry_run: bool = False
    route_unowned: bool = False
    mapping: Path | None = None
    errors: Path | None = None
    batch: int = 5000
    progress: Progress | None = None
    now: datetime | None = None


def mapping_for(rt: Runtime, path: Path | None) -> Mapping:
    with rt.uow(readonly=True) as s:
        from salesops.playbook.runtime import playbook_of

        return load_mapping(playbook_of(s), path)


def _run(
    rt: Runtime,
    system: str,
    sources: list[Source],
    steps: Callable[[Importer], None],
    mapping: Mapping,
    opts: Options,
) -> Report:
    report = Report(system, dry_run=opts.dry_run, errors_path=opts.errors)
    total = sum(s.size for s in sources) or 1

    def tick() -> None:
        if opts.progress is not None:
            opts.progress(sum(s.position() for s in sources), total)

    imp = Importer(
        rt,
        system,
        report,
        now=opts.now or clock.now(),
        dry_run=opts.dry_run,
        route_unowned=opts.route_unowned,
        batch=opts.batch,
        on_batch=tick,
        mapping_reason=str(mapping.data["unqualified_reason"]),
    )
    imp.execute(steps)
    if opts.route_unowned and not opts.dry_run:
        from salesops.flows import pipeline

        routed = pipeline.drain(rt)  # R-1 … R-7 for the unowned open leads queued
        if routed:
            report.notes[f"queued lead(s) routed (classification, round robin): {routed}"] += 1
    if opts.progress is not None:
        opts.progress(total, total)
    return report


def import_salesforce(rt: Runtime, folder: Path, opts: Options) -> Report:
    """Item 1: a Salesforce Data Export folder."""
    from salesops.flows.imports import salesforce

    if not folder.is_dir():
        raise ValidationFailed(f"{folder} is not a folder", field="folder")
    mapping = mapping_for(rt, opts.mapping)
    sources, steps = salesforce.plan(folder, mapping)
    if not sources:
        raise ValidationFailed(
            f"{folder} holds none of Salesforce's export files (Account.csv, Contact.csv, …)",
            field="folder",
        )
    return _run(rt, "salesforce", sources, steps, mapping, opts)


def import_hubspot(
    rt: Runtime,
    opts: Options,
    *,
    companies: Path | None = None,
    contacts: Path | None = None,
    deals: Path | None = None,
) -> Report:
    """Item 2: HubSpot's export files (CSV or XLSX)."""
    from salesops.flows.imports import hubspot

    given = {"companies": companies, "contacts": contacts, "deals": deals}
    for name, path in given.items():
        if path is not None and not path.is_file():
            raise ValidationFailed(f"{name} file {path} does not exist", field=name)
    if not any(given.values()):
        raise ValidationFailed(
            "give at least one of --companies, --contacts, --deals", field="files"
        )
    mapping = mapping_for(rt, opts.mapping)
    sources, steps = hubspot.plan(mapping, **given)
    return _run(rt, "hubspot", sources, steps, mapping, opts)


def import_generic(
    rt: Runtime, opts: Options, *, object_name: str, path: Path, columns: Path
) -> Report:
    """Item 3: any CSV with a column mapping file."""
    from salesops.flows.imports import generic

    if not path.is_file():
        raise ValidationFailed(f"{path} does not exist", field="file")
    mapping = mapping_for(rt, opts.mapping)
    sources, steps = generic.plan(mapping, object_name, path, columns)
    return _run(rt, "csv", sources, steps, mapping, opts)
