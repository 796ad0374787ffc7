"""The impact report (``flows.playbook_impact``) as plain-text tables, for the CLI."""

from __future__ import annotations

from typing import Any


def render_text(report: dict[str, Any]) -> str:
    """The impact report as plain-text tables (the CLI's ``--format table``)."""
    lines = [
        f"Replayed {report['leads']} leads of the last {report['days']} days "
        f"(active v{report.get('active_version')} vs the draft) in {report['seconds']} s",
    ]
    sections = [
        ("Leads per territory", "territories", "counts", "territory"),
        ("Leads per owner", "owners", "loads", "owner"),
        ("Classifications", "classifications", "counts", "classification"),
        ("Disqualifications", "disqualifications", "counts", "reason"),
    ]
    for title, key, rows_key, name in sections:
        part = report[key]
        lines += ["", f"{title} — {part['changed']} leads change"]
        rows = part[rows_key]
        if not rows:
            lines.append("  (none)")
        width = max([len(str(r[name])) for r in rows] + [len(name)])
        if rows:
            lines.append(f"  {name:<{width}}  {'before':>7}  {'after':>7}  {'change':>7}")
        for r in rows:
            lines.append(
                f"  {r[name]!s:<{width}}  {r['before']:>7}  {r['after']:>7}  {r['change']:>+7}"
            )
        lines += [f"  e.g. {e}" for e in part["examples"]]
    for title, key in (("ICP scores", "icp_scores"), ("Lead scores", "lead_scores")):
        part = report[key]
        lines += [
            "",
            f"{title} — {part['changed']} change ({part['up']} up, {part['down']} down); "
            f"mean {part['mean_before']} → {part['mean_after']}",
            *(f"  e.g. {e}" for e in part["examples"]),
        ]
    live = report.get("live_data")
    if live is not None:
        lines += ["", "Existing records (P-2)"]
        if not live["affected"]:
            lines.append("  no record uses a value the draft drops")
        lines += [f"  {a['message']}" for a in live["affected"]]
        if not live["ok"]:
            lines.append("  activating needs a mapping: salesops playbook load FILE --map ...")
    return "\n".join(lines) + "\n"
