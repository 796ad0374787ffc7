"""The import's decision records (O-8, issue 19): one per imported row, naming its
source row and what was decided — the matching, the owner, the stage mapping — with the
scores the row's import computed kept in the same record (``carry``): their facts, score,
breakdown, rule IDs and reason. JSON encoded once per distinct part (``RawJSON``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from salesops.core.db import RawJSON, json_dumps
from salesops.flows.imports.scores import SCORE_RULES, Scored


class Decisions:
    """The decision-record half of ``writer.Importer`` (its batch's queue, ``decisions``)."""

    system: str
    label: str
    now: datetime
    decisions: list[dict[str, Any]]
    _inputs: dict[str, str]
    _rules: dict[tuple[str, ...], RawJSON]

    def decide(
        self,
        subject: Any,
        obj: str,
        key: str,
        rule_ids: list[str],
        reason: str,
        *,
        scored: tuple[str, Scored] | None = None,
        **outcome: Any,
    ) -> dict[str, Any]:
        """O-8: what the import decided for one record, with its source row."""
        return self.decide_on(
            subject,
            getattr(subject, "owner_id", None),
            getattr(subject, "territory", None),
            obj,
            key,
            rule_ids,
            reason,
            scored=scored,
            **outcome,
        )

    def decide_on(
        self,
        subject: Any,
        owner_id: int | None,
        territory: str | None,
        obj: str,
        key: str,
        rule_ids: list[str],
        reason: str,
        *,
        scored: tuple[str, Scored] | None = None,
        **outcome: Any,
    ) -> dict[str, Any]:
        """``decide`` for a subject given as ``(type, id)`` (a plain row), with its
        owner and territory.

        ``scored``: the score the import computed for the record — ``("lead_score", …)``
        (S-3) or ``("icp_score", …)`` (S-2) — kept in this one decision record (O-8)
        rather than one of its own: its facts in ``inputs`` and its score and breakdown
        in ``outcome`` under that name, its rule IDs (and S-4) with the import's, its
        reason after the import's (one record per imported row, ``docs/imports.md``)."""
        prefix = self._inputs.get(obj)
        if prefix is None:  # the inputs' JSON up to the id, encoded once per object
            head = json_dumps({"system": self.system, "object": obj, "id": None})
            prefix = self._inputs[obj] = head[: -len("null}")]
        rules = tuple(rule_ids)
        d = {
            "kind": "import",
            "subject": subject,
            "inputs": RawJSON(f"{prefix}{json_dumps(key)}}}"),
            "rules": rules,
            "rule_ids": self._encoded(rules),
            "reason": f"{self.label} {obj} {key}: {reason}",
            "outcome": outcome,
            "owner_id": owner_id,
            "territory": territory,
            "at": self.now,
        }
        if scored is not None:
            self.carry(d, *scored)
        self.decisions.append(d)
        return d

    def carry(self, d: dict[str, Any], name: str, found: Scored) -> None:
        """A score kept in the import decision record ``d`` (O-8): its facts in
        ``inputs[name]``, its score and breakdown in ``outcome[name]``, its rule IDs
        after the record's, its reason after the record's."""
        d["inputs"] = RawJSON(f'{d["inputs"][:-1]}, "{name}": {found.inputs}}}')
        head = json_dumps(d["outcome"])[:-1]
        sep = ", " if len(head) > 1 else ""
        d["outcome"] = RawJSON(f'{head}{sep}"{name}": {found.outcome}}}')
        rules = d["rules"]
        d["rules"] = rules = (*rules, *(r for r in SCORE_RULES[name] if r not in rules))
        d["rule_ids"] = self._encoded(rules)
        d["reason"] = f"{d['reason']}; {found.reason}"

    def _encoded(self, rules: tuple[str, ...]) -> RawJSON:
        encoded = self._rules.get(rules)
        if encoded is None:
            encoded = self._rules[rules] = RawJSON(json_dumps(list(rules)))
        return encoded
