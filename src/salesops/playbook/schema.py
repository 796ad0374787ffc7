"""The playbook file's schema (P-1): every number and picklist the rules use.

The handbook moved CRM, stages and scores several times; the product follows
such a change by a playbook edit, never a release. The top-level keys are a
contract other domains rely on; sections live in sibling modules
(``schema_disqualification``, ``schema_opportunities``, ``schema_scoring``).

A ``Playbook`` is an immutable value. Rules receive it as an argument and
decisions record the version they were made under (P-2, O-8).
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from pydantic import Field, model_validator

from salesops.playbook.schema_base import (
    ISO_COUNTRY_CODES,
    US_STATE_CODES,
    US_TERRITORY_CODES,
    CrossFieldError,
    FrozenModel,
    Problems,
    band_for,
    duplicates,
    normalise_country,
    normalise_us_state,
)
from salesops.playbook.schema_disqualification import Conversion, Disqualification, Reason
from salesops.playbook.schema_emails import Emails, Notifications
from salesops.playbook.schema_opportunities import (
    CheckInPhase,
    LossReason,
    Opportunities,
    OpportunityType,
    RecordType,
    Stage,
)
from salesops.playbook.schema_reports import Reports
from salesops.playbook.schema_scoring import Classifier as Classifier  # re-exported
from salesops.playbook.schema_scoring import Scoring

#: L-1 statuses the product's own logic refers to; a playbook may add others, not drop these.
CORE_TASK_STATUSES = ("New", "Working", "Nurturing", "Converted", "Unqualified")


#: Why ``territories[].members`` is refused (issue 16 item 4, P-1: one source per setting).
MEMBERS_LIVE_ELSEWHERE = (
    "round-robin membership is not a playbook setting: members, their priority and "
    "adjustment live in the territory's rotation (the Territories admin page, "
    "`salesops territories add-member`, or POST /api/v1/territories/{id}/members), "
    "where every change is audited; remove this key"
)


class Territory(FrozenModel):
    """O-7 / R-4: countries by ISO code; a U.S. territory lists USPS states instead of "US".

    Round-robin members are not here (P-1, one source): they live in the rotation
    tables, edited and audited through the admin page, CLI and API. A non-empty
    ``members`` list is refused at load naming where membership lives; an empty
    ``members: []`` (written by versions before issue 16) is accepted and dropped.
    """

    name: str = Field(min_length=1)
    countries: list[str] = []
    us_states: list[str] = []
    admin: str | None = Field(default=None, pattern=r"^[^@\s]+@[^@\s]+$")  # R-9 escalation

    @model_validator(mode="before")
    @classmethod
    def _no_members(cls, data: Any) -> Any:
        if isinstance(data, dict) and "members" in data:
            if data["members"]:
                raise CrossFieldError([(("members",), MEMBERS_LIVE_ELSEWHERE)])
            data = {k: v for k, v in data.items() if k != "members"}
        return data

    @property
    def is_us(self) -> bool:
        return bool(self.us_states)


class Territories(FrozenModel):
    """R-4: territories and where leads of unknown country or state go."""

    fallback: str
    us_fallback: str | None = None  # U.S. lead with no or unknown state; null: ``fallback``
    items: list[Territory] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Territories:
        problems = Problems()
        names = [t.name for t in self.items]
        for dup in duplicates(names):
            problems.add(("items",), f"territory {dup!r} defined twice")
        for key in ("fallback", "us_fallback"):
            value = getattr(self, key)
            if value is not None and value not in names:
                problems.add((key,), f"unknown territory {value!r}")
        countries: dict[str, str] = {}
        states: dict[str, str] = {}
        for ti, territory in enumerate(self.items):
            for ci, code in enumerate(territory.countries):
                loc = ("items", ti, "countries", ci)
                if code == "US":
                    problems.add(loc, "list U.S. states under us_states instead of 'US'")
                elif code not in ISO_COUNTRY_CODES:
                    problems.add(loc, f"{code!r} is not an ISO 3166-1 alpha-2 code (upper-case)")
                elif code in countries:
                    problems.add(loc, f"{code!r} is already in territory {countries[code]!r}")
                else:
                    countries[code] = territory.name
            for si, code in enumerate(territory.us_states):
                loc = ("items", ti, "us_states", si)
                if code not in US_STATE_CODES:
                    problems.add(loc, f"{code!r} is not a USPS state code (upper-case)")
                elif code in states:
                    problems.add(loc, f"{code!r} is already in territory {states[code]!r}")
                else:
                    states[code] = territory.name
        problems.raise_if_any()
        return self


class Routing(FrozenModel):
    """R-3a, R-6, R-9, A-4 parameters and the R-1 classifier's phrases."""

    returning_lead_months: int = Field(default=4, ge=0)  # R-3a
    pto_min_days_out: int = Field(default=2, ge=1)
    pto_back_days_before_return: int = Field(default=1, ge=0)
    speed_to_lead_hours: int = Field(default=24, ge=1)
    parallel_conversation_days: int = Field(default=14, ge=0)
    classifier: Classifier = Classifier()


class Stale(FrozenModel):
    """T-1 / T-2: reassign once after N untouched days, auto-close N days after that."""

    reassign_after_days: int = Field(default=10, ge=1)
    autoclose_after_days: int = Field(default=10, ge=1)
    max_reassignments: int = Field(default=1, ge=0)
    open_statuses: list[str] = ["New", "Working"]
    autoclose_reason: str = "Stale – Autoclosed"


class Tasks(FrozenModel):
    """L-1 statuses and their allowed moves; lead-source picklists (O-3, I-7)."""

    statuses: list[str] = Field(min_length=1)
    initial_status: str = "New"
    transitions: dict[str, list[str]] = {}
    lead_sources: list[str] = Field(min_length=1)
    manual_lead_sources: list[str] = []
    nurture_default_days: int = Field(default=90, ge=1)

    @model_validator(mode="after")
    def _consistent(self) -> Tasks:
        problems = Problems()
        for dup in duplicates(self.statuses):
            problems.add(("statuses",), f"status {dup!r} listed twice")
        for status in CORE_TASK_STATUSES:
            if status not in self.statuses:
                problems.add(("statuses",), f"L-1 status {status!r} is required")
        if self.initial_status not in self.statuses:
            problems.add(("initial_status",), f"unknown status {self.initial_status!r}")
        for source, targets in self.transitions.items():
            if source not in self.statuses:
                problems.add(("transitions", source), f"unknown status {source!r}")
            for i, target in enumerate(targets):
                if target not in self.statuses:
                    problems.add(("transitions", source, i), f"unknown status {target!r}")
        for dup in duplicates(self.lead_sources):
            problems.add(("lead_sources",), f"lead source {dup!r} listed twice")
        for i, source in enumerate(self.manual_lead_sources):
            if source not in self.lead_sources:
                problems.add(("manual_lead_sources", i), f"{source!r} is not in lead_sources")
        problems.raise_if_any()
        return self

    def can_move(self, from_status: str, to_status: str) -> bool:
        """L-1: whether a task may move between two statuses."""
        return to_status in self.transitions.get(from_status, [])


class ProductLedRule(FrozenModel):
    """I-8: a signal rule that turns a product signup into a task; unset thresholds don't apply."""

    name: str = Field(min_length=1)
    description: str = ""
    enabled: bool = True
    min_employees: int | None = Field(default=None, ge=0)
    min_events_ingested: int | None = Field(default=None, ge=0)
    min_invited_users: int | None = Field(default=None, ge=0)
    first_signup_only: bool = True
    lead_source: str = "Product-led"


class HeaderMarker(FrozenModel):
    """I-3: a header marking an auto-reply; empty ``values`` = any value but ``except_values``."""

    header: str = Field(min_length=1)
    values: list[str] = []
    except_values: list[str] = []


class AutoReplyMarkers(FrozenModel):
    headers: list[HeaderMarker] = []
    sender_local_parts: list[str] = []  # e.g. mailer-daemon
    subject_prefixes: list[str] = []


class Intake(FrozenModel):
    """I-3, I-5, I-8, I-9 and M-2 picklists."""

    product_led_rules: list[ProductLedRule] = []
    auto_reply_markers: AutoReplyMarkers = AutoReplyMarkers()
    free_mail_extra_domains: list[str] = []
    # I-3 / I-4 (seed 002: several aliases): the sales aliases, the first one the address
    # replies and notices use; empty → SALESOPS_SALES_ALIAS (issue 16 item 4, P-1).
    sales_aliases: list[str] = []
    # I-4, A-3: the company's own domains (colleagues, internal mail); empty →
    # SALESOPS_COMPANY_DOMAINS.
    company_domains: list[str] = []
    support_ticket_tag: str = "sf-lead"
    spam_ban_notice: str = "Only ban genuine spam: a banned sender cannot email sales until lifted."
    # Seed 001: review the day's signups with an ICP score above this first, the rest apart.
    signup_review_icp_above: int = Field(default=3, ge=0, le=5)

    @model_validator(mode="after")
    def _consistent(self) -> Intake:
        problems = Problems()
        for dup in duplicates(r.name for r in self.product_led_rules):
            problems.add(("product_led_rules",), f"rule {dup!r} defined twice")
        for i, domain in enumerate(self.free_mail_extra_domains):
            if domain != domain.strip().lower() or "@" in domain or "." not in domain:
                problems.add(
                    ("free_mail_extra_domains", i), f"{domain!r} is not a lower-case domain"
                )
        for i, domain in enumerate(self.company_domains):
            if domain != domain.strip().lower() or "@" in domain or "." not in domain:
                problems.add(("company_domains", i), f"{domain!r} is not a lower-case domain")
        for i, alias in enumerate(self.sales_aliases):
            local, at, host = alias.partition("@")
            if alias != alias.strip().lower() or not at or not local or "." not in host:
                problems.add(("sales_aliases", i), f"{alias!r} is not a lower-case email address")
        for dup in duplicates(self.sales_aliases):
            problems.add(("sales_aliases",), f"alias {dup!r} listed twice")
        problems.raise_if_any()
        return self


class FollowUps(FrozenModel):
    """D-4 / L-1 reminder defaults."""

    revisit_default_days: int = Field(default=90, ge=1)  # D-4 when the reason sets none
    nurture_reminder_days_before: int = Field(default=0, ge=0)  # L-1 reminder lead time


class Playbook(FrozenModel):
    """The whole playbook (P-1); lookups raise ``ValueError`` naming the unknown value."""

    name: str = Field(min_length=1)
    description: str = ""
    territories: Territories
    routing: Routing = Routing()
    stale: Stale = Stale()
    tasks: Tasks
    disqualification: Disqualification
    conversion: Conversion
    opportunities: Opportunities
    scoring: Scoring
    intake: Intake = Intake()
    follow_ups: FollowUps = FollowUps()
    reports: Reports = Reports()  # V-7 quotas
    emails: Emails = Emails()  # issue 20 item 1
    notifications: Notifications = Notifications()  # issue 20 item 3

    @model_validator(mode="after")
    def _cross_section(self) -> Playbook:
        problems = Problems()
        reasons = set(self.all_reason_names)
        if self.stale.autoclose_reason not in reasons:
            problems.add(
                ("stale", "autoclose_reason"), f"unknown reason {self.stale.autoclose_reason!r}"
            )
        for i, status in enumerate(self.stale.open_statuses):
            if status not in self.tasks.statuses:
                problems.add(("stale", "open_statuses", i), f"unknown status {status!r}")
        for i, rule in enumerate(self.intake.product_led_rules):
            if rule.lead_source not in self.tasks.lead_sources:
                problems.add(
                    ("intake", "product_led_rules", i, "lead_source"),
                    f"{rule.lead_source!r} is not in tasks.lead_sources",
                )
        problems.raise_if_any()
        return self

    # -- territories (R-4) -------------------------------------------------

    @cached_property
    def _territories_by_name(self) -> dict[str, Territory]:
        return {t.name: t for t in self.territories.items}

    @cached_property
    def _territory_by_country(self) -> dict[str, Territory]:
        return {c: t for t in self.territories.items for c in t.countries}

    @cached_property
    def _territory_by_state(self) -> dict[str, Territory]:
        return {s: t for t in self.territories.items for s in t.us_states}

    def territory(self, name: str) -> Territory:
        try:
            return self._territories_by_name[name]
        except KeyError:
            raise ValueError(f"unknown territory {name!r}") from None

    @property
    def fallback_territory(self) -> Territory:
        return self.territory(self.territories.fallback)

    def territory_for(self, country: str | None, us_state: str | None = None) -> Territory:
        """R-4: the territory of a country (code or name) and, for the U.S., a state.

        Unknown country → ``territories.fallback``. A U.S. lead with no or an
        unknown state → ``territories.us_fallback`` (``fallback`` when unset).
        A U.S. "state" that is an inhabited territory (PR, GU, …) and is not
        listed under any ``us_states`` routes as that ISO country.
        """
        code = normalise_country(country)
        if code == "US":
            state = normalise_us_state(us_state)
            if state is not None and state in self._territory_by_state:
                return self._territory_by_state[state]
            if state in US_TERRITORY_CODES and state in self._territory_by_country:
                return self._territory_by_country[state]
            return self.territory(self.territories.us_fallback or self.territories.fallback)
        if code is not None and code in self._territory_by_country:
            return self._territory_by_country[code]
        return self.fallback_territory

    # -- disqualification (D-2 … D-4) ----------------------------------------

    @cached_property
    def _reasons(self) -> dict[str, tuple[str, Reason]]:
        return {r.name: (c.name, r) for c in self.disqualification.categories for r in c.reasons}

    @cached_property
    def all_reason_names(self) -> tuple[str, ...]:
        """D-2 reasons in picklist order."""
        return tuple(r.name for c in self.disqualification.categories for r in c.reasons)

    def reason(self, name: str) -> Reason:
        try:
            return self._reasons[name][1]
        except KeyError:
            raise ValueError(f"unknown disqualification reason {name!r} (D-2)") from None

    def category_of(self, reason_name: str) -> str:
        try:
            return self._reasons[reason_name][0]
        except KeyError:
            raise ValueError(f"unknown disqualification reason {reason_name!r} (D-2)") from None

    def revisit_after_days(self, reason_name: str) -> int | None:
        """D-4: days until the revisit follow-up for a Prospect reason; None for Pass reasons."""
        reason = self.reason(reason_name)
        if not reason.revisit:
            return None
        return reason.revisit_after_days or self.follow_ups.revisit_default_days

    # -- opportunities (Q-1 … Q-12) ------------------------------------------

    def record_type(self, name: str) -> RecordType:
        for rt in self.opportunities.record_types:
            if rt.name == name:
                return rt
        raise ValueError(f"unknown opportunity record type {name!r} (Q-1)")

    def opportunity_type(self, name: str | None) -> OpportunityType:
        """Q-2: a blank type means ``default_type``."""
        wanted = name or self.opportunities.default_type
        for ot in self.opportunities.types:
            if ot.name == wanted:
                return ot
        raise ValueError(f"unknown opportunity type {wanted!r} (Q-2)")

    def pipeline_for(self, record_type: str) -> list[Stage]:
        """Q-4 / Q-5: the stages of a record type's pipeline."""
        return self.opportunities.pipelines[self.record_type(record_type).pipeline]

    def stage(self, pipeline: str, name: str) -> Stage:
        """A stage by pipeline key (``new_business``) or record type name, and stage name."""
        stages = self.opportunities.pipelines.get(pipeline)
        if stages is None:
            stages = self.pipeline_for(pipeline)
        for stage in stages:
            if stage.name == name:
                return stage
        raise ValueError(f"unknown stage {name!r} in pipeline {pipeline!r}")

    def stage_for_reading(self, pipeline: str, name: str) -> Stage:
        """P-2: the stage a stored record names, or a stand-in when it left the playbook.

        Why: a version may rename or drop a stage that old (or closed) deals still
        hold; reading them must never fail. The stand-in has no exit criteria and
        probability 0 and says so in its description.
        """
        try:
            return self.stage(pipeline, name)
        except (ValueError, KeyError):
            return Stage(
                name=name,
                description="no longer in the playbook: move the deal to a current stage",
                probability=0,
            )

    def loss_reason(self, name: str) -> LossReason:
        for reason in self.opportunities.loss_reasons:
            if reason.name == name:
                return reason
        raise ValueError(f"unknown loss reason {name!r} (Q-8)")

    def trial_weeks(self, arr: int | float | None) -> int | None:
        """Q-11: trial length for an expected ARR; None when no band applies."""
        band = band_for(self.opportunities.trials.bands, arr)
        return band.weeks if band else None

    def check_in_phases(self, arr: int | float | None) -> list[CheckInPhase]:
        """Q-12: check-in cadence after Closed Won; empty when no band applies."""
        band = band_for(self.opportunities.check_ins.bands, arr)
        return list(band.phases) if band else []
