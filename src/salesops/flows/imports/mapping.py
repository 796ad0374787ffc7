"""The import mapping (issue 19 item 1): how another system's picklists become the
playbook's — lead statuses (L-1), lead sources, stages per pipeline (Q-4, Q-5), record
types (Q-1), opportunity types (Q-2), forecast categories (Q-6).

The defaults below match the usual Salesforce and HubSpot values by name; a mapping
file (YAML or JSON, ``--mapping FILE``) overrides any entry. Keys match case-
insensitively, with en and em dashes read as hyphens. A value the mapping does not know
and the playbook has no such name for is a bad row (written to the errors file).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from salesops.core.errors import ValidationFailed
from salesops.flows.imports.values import BadValue
from salesops.playbook.schema import Playbook

DEFAULTS: dict[str, Any] = {
    "lead_status": {
        "Open": "New",
        "New": "New",
        "Not Contacted": "New",
        "Open - Not Contacted": "New",
        "Working": "Working",
        "Working - Contacted": "Working",
        "Contacted": "Working",
        "In Progress": "Working",
        "Attempted to Contact": "Working",
        "Connected": "Working",
        "Open Deal": "Working",
        "Nurturing": "Nurturing",
        "Bad Timing": "Nurturing",
        "Closed - Not Converted": "Unqualified",
        "Closed - Converted": "Converted",
        "Converted": "Converted",
        "Unqualified": "Unqualified",
        "Qualified": "Working",
    },
    "unqualified_reason": "Other",
    "lead_sources": {
        "Web": "Contact form",
        "Website": "Contact form",
        "Phone Inquiry": "Manual",
        "Partner Referral": "Referral",
        "Employee Referral": "Referral",
        "External Referral": "Referral",
        "Partner": "Referral",
        "Purchased List": "Manual",
        "Trade Show": "Event",
        "Seminar - Internal": "Event",
        "Seminar - Partner": "Event",
        "Webinar": "Event",
        "Other": "Manual",
        "Organic Search": "Contact form",
        "Direct Traffic": "Contact form",
        "Offline Sources": "Manual",
        "Social Media": "Manual",
        "Referrals": "Referral",
        "Email Marketing": "Email",
        "Paid Search": "Contact form",
    },
    "default_lead_source": "Manual",
    "stages": {
        "new_business": {
            "Prospecting": "Problem Agreement",
            "Qualification": "Problem Agreement",
            "Needs Analysis": "Solution Agreement",
            "Value Proposition": "Solution Agreement",
            "Id. Decision Makers": "Priority Agreement",
            "Perception Analysis": "Priority Agreement",
            "Proposal/Price Quote": "Commercial Agreement",
            "Negotiation/Review": "Commercial Agreement",
            "Closed Won": "Closed Won",
            "Closed Lost": "Closed Lost",
            # HubSpot's default sales pipeline (labels and internal values)
            "Appointment Scheduled": "Problem Agreement",
            "appointmentscheduled": "Problem Agreement",
            "Qualified To Buy": "Solution Agreement",
            "qualifiedtobuy": "Solution Agreement",
            "Presentation Scheduled": "Solution Agreement",
            "presentationscheduled": "Solution Agreement",
            "Decision Maker Bought-In": "Priority Agreement",
            "decisionmakerboughtin": "Priority Agreement",
            "Contract Sent": "Commercial Agreement",
            "contractsent": "Commercial Agreement",
            "closedwon": "Closed Won",
            "closedlost": "Closed Lost",
        },
        "renewal": {
            "Prospecting": "Qualification",
            "Needs Analysis": "Meeting booked",
            "Value Proposition": "Product Evaluation",
            "Id. Decision Makers": "Product Evaluation",
            "Perception Analysis": "Product Evaluation",
            "Proposal/Price Quote": "Commercial & Legal Review",
            "Negotiation/Review": "Commercial & Legal Review",
        },
    },
    "record_types": {
        "Renewal": "Renewal",
        "Renewals": "Renewal",
        "Renewal Pipeline": "Renewal",
        "Existing Customer - Upgrade": "New Revenue – Existing Customer",
        "Existing Customer - Replacement": "New Revenue – Existing Customer",
        "Existing Customer - Downgrade": "New Revenue – Existing Customer",
        "Existing Business": "New Revenue – Existing Customer",
        "existingbusiness": "New Revenue – Existing Customer",
        "New Customer": "New Revenue",
        "New Business": "New Revenue",
        "newbusiness": "New Revenue",
    },
    "default_record_type": "New Revenue",
    "opportunity_types": {
        "Annual": "Annual Plan",
        "Monthly": "Monthly Plan",
    },
    "forecast_categories": {
        "Pipeline": "Pipeline",
        "Best Case": "Best case",
        "BestCase": "Best case",
        "Commit": "Commit",
        "Omitted": "Omitted",
        "Closed": "Commit",
        "Forecast": "Commit",
        "MostLikely": "Best case",
        "Closed won": "Commit",
        "Closed lost": "Omitted",
        "Not forecasted": "Omitted",
        "Most likely": "Best case",
    },
    "loss_reason": "Don't know",
}

_DASHES = re.compile(r"[\u2012\u2013\u2014\u2212]")


def norm(value: str) -> str:
    """A picklist value as a key: lower case, dashes as hyphens, single spaces."""
    return " ".join(_DASHES.sub("-", value).lower().split())


def _table(d: dict[str, Any]) -> dict[str, str]:
    return {norm(str(k)): str(v) for k, v in (d or {}).items()}


@dataclass
class Mapping:
    """The merged mapping with its playbook: ``lead_status(x)``, ``stage(p, x)`` …"""

    playbook: Playbook
    data: dict[str, Any] = field(default_factory=lambda: dict(DEFAULTS))

    def __post_init__(self) -> None:
        d = self.data
        ops = self.playbook.opportunities
        self._status = _table(d["lead_status"])
        self._sources = _table(d["lead_sources"])
        self._stages = {p: _table(d["stages"].get(p, {})) for p in ops.pipelines}
        self._rtypes = _table(d["record_types"])
        self._otypes = _table(d["opportunity_types"])
        self._forecast = _table(d["forecast_categories"])
        self._pb_sources = {norm(s): s for s in self.playbook.tasks.lead_sources}
        self._pb_stages = {p: {norm(s.name): s.name for s in st} for p, st in ops.pipelines.items()}
        self._pb_rtypes = {norm(r.name): r.name for r in ops.record_types}
        self._pb_otypes = {norm(t.name): t.name for t in ops.types}
        self._pb_forecast = {norm(c.name): c.name for c in ops.forecast_categories}

    def lead_status(self, value: str | None) -> str:
        """L-1 status of a source lead status; blank → New."""
        if not value:
            return "New"
        found = self._status.get(norm(value))
        if found is None:
            statuses = set(self.playbook.tasks.statuses)
            found = next((s for s in statuses if norm(s) == norm(value)), None)
        if found is None:
            raise BadValue(f"lead status {value!r} is not in the mapping")
        return found

    def lead_source(self, value: str | None) -> str:
        if not value:
            return str(self.data["default_lead_source"])
        key = norm(value)
        return (
            self._pb_sources.get(key) or self._sources.get(key) or self.data["default_lead_source"]
        )

    def record_type(self, *candidates: str | None) -> str:
        """Q-1: the first candidate (record type id or name, then the opportunity type)
        that maps to a playbook record type other than the default; else the default.
        A generic record type ("New Business") does not hide what the type says
        ("Existing Customer - Upgrade" on a paying account, Q-1; qa19)."""
        default = str(self.data["default_record_type"])
        for c in candidates:
            if not c:
                continue
            key = norm(c)
            found = self._rtypes.get(key) or self._pb_rtypes.get(key)
            if found and found != default:
                return found
        return default

    def pipeline_of(self, record_type: str) -> str:
        for rt in self.playbook.opportunities.record_types:
            if rt.name == record_type:
                return rt.pipeline
        raise BadValue(f"record type {record_type!r} is not in the playbook")

    def stage(self, pipeline: str, value: str | None) -> str:
        """Q-4/Q-5: the playbook stage of a source stage name in ``pipeline``."""
        if not value:
            raise BadValue("stage is missing")
        key = norm(value)
        found = self._stages.get(pipeline, {}).get(key) or self._pb_stages[pipeline].get(key)
        if found is None or norm(found) not in self._pb_stages[pipeline]:
            raise BadValue(f"stage {value!r} is not in the mapping for the {pipeline} pipeline")
        return self._pb_stages[pipeline][norm(found)]

    def opp_type(self, value: str | None) -> str:
        """Q-2: a playbook type by name or mapping; anything else (or blank) → the default."""
        if value:
            key = norm(value)
            found = self._pb_otypes.get(key) or self._otypes.get(key)
            if found:
                return found
        return self.playbook.opportunities.default_type

    def forecast(self, value: str | None, *, closed: bool, won: bool) -> str:
        """Q-6: the category; closed lost is Omitted, blank is the default."""
        if closed and not won:
            return "Omitted"
        if value:
            key = norm(value)
            found = self._forecast.get(key) or self._pb_forecast.get(key)
            if found and norm(found) in self._pb_forecast:
                return self._pb_forecast[norm(found)]
            raise BadValue(f"forecast category {value!r} is not in the mapping")
        return "Commit" if won else self.playbook.opportunities.default_forecast_category


def load_mapping(playbook: Playbook, path: Path | None) -> Mapping:
    """The defaults, overridden by the file's entries (tables merge key by key)."""
    data = json.loads(json.dumps(DEFAULTS))
    if path is not None:
        try:
            raw = path.read_text(encoding="utf-8")
            given = json.loads(raw) if path.suffix == ".json" else yaml.safe_load(raw)
        except (OSError, ValueError, yaml.YAMLError) as exc:
            raise ValidationFailed(f"mapping file {path}: {exc}", field="mapping") from exc
        if not isinstance(given, dict):
            raise ValidationFailed(f"mapping file {path}: not a mapping of keys", field="mapping")
        for key, value in given.items():
            if key not in data:
                raise ValidationFailed(
                    f"mapping file {path}: unknown key {key!r} (known: {', '.join(sorted(data))})",
                    field="mapping",
                )
            if key == "stages" and isinstance(value, dict):
                for pipeline, table in value.items():
                    data["stages"].setdefault(pipeline, {}).update(table or {})
            elif isinstance(data[key], dict) and isinstance(value, dict):
                data[key].update(value)
            else:
                data[key] = value
    return Mapping(playbook, data)


def describe(mapping: Mapping) -> dict[str, Any]:
    """The mapping in effect (the admin page shows it; ``salesops import mapping``)."""
    return mapping.data
