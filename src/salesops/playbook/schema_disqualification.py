"""Disqualification and conversion sections of the playbook (D-1 … D-5, L-2, C-1 … C-3)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from salesops.playbook.schema_base import FrozenModel, Problems, duplicates

SideEffect = Literal[
    "support_ticket",  # D-3: ticket for the reason's support team, owner CC'd
    "billing_ticket",  # D-3: same, for the billing team
    "onboarding_flow",  # D-3 / Q-9: self-serve onboarding flow in the email-automation system
    "spam_ban_optional",  # D-3 / I-9: the UI offers to ban the sender
    "startup_application",  # D-3 / L-2: the startup-plan application link is sent
]

_TICKET_EFFECTS = {"support_ticket", "billing_ticket"}


class Reason(FrozenModel):
    """One picklist reason (D-2) and what choosing it does (D-3, D-4)."""

    name: str = Field(min_length=1)
    description: str = ""
    side_effects: list[SideEffect] = []
    revisit: bool = False
    revisit_after_days: int | None = Field(default=None, ge=1)
    support_team: str | None = None
    # Issue 17 item 6: recorded by automations only (R-1, T-2, Q-9), never offered to a
    # person; and reasons whose notes the team must write (D-1).
    automation_only: bool = False
    notes_required: bool = False

    @model_validator(mode="after")
    def _consistent(self) -> Reason:
        problems = Problems()
        if self.revisit_after_days is not None and not self.revisit:
            problems.add(("revisit_after_days",), "only a revisit (Prospect) reason has one (D-4)")
        wants_ticket = bool(_TICKET_EFFECTS & set(self.side_effects))
        if wants_ticket and not self.support_team:
            problems.add(("support_team",), "a reason that creates a ticket names its team (D-3)")
        if self.support_team and not wants_ticket:
            problems.add(("support_team",), "set only on a reason that creates a ticket (D-3)")
        for dup in duplicates(self.side_effects):
            problems.add(("side_effects",), f"{dup!r} listed twice")
        problems.raise_if_any()
        return self


class ReasonCategory(FrozenModel):
    """A D-2 category: reporting groups reasons by it (V-4)."""

    name: str = Field(min_length=1)
    description: str = ""
    reasons: list[Reason] = Field(min_length=1)


class AutomaticReasons(FrozenModel):
    """Which reason each automation records, so renaming a reason is one edit."""

    support_request: str = "Support Request"
    billing_request: str = "Billing Support Request"
    spam: str = "Spam"
    self_serve_no_interaction: str = "Below Threshold – Auto"
    startup_plan: str = "Startup Plan / YC"  # L-2
    unsolicited_rfp: str = "Using Competitor / Unsolicited RFP"
    duplicate: str = "Duplicate Lead"  # M-3


class Disqualification(FrozenModel):
    """D-1 … D-5: the reason picklist, its side effects and the sales-assist threshold."""

    notes_max_length: int = Field(default=250, ge=1)  # D-1
    sales_assist_threshold_arr: int = Field(default=20_000, ge=0)  # D-5
    startup_application_url: str = ""  # L-2, D-3
    categories: list[ReasonCategory] = Field(min_length=1)  # D-2
    automatic: AutomaticReasons = AutomaticReasons()

    @model_validator(mode="after")
    def _unique_and_known(self) -> Disqualification:
        problems = Problems()
        for dup in duplicates(c.name for c in self.categories):
            problems.add(("categories",), f"category {dup!r} defined twice")
        seen: set[str] = set()
        for ci, category in enumerate(self.categories):
            for ri, reason in enumerate(category.reasons):
                if reason.name in seen:
                    problems.add(
                        ("categories", ci, "reasons", ri, "name"),
                        f"reason {reason.name!r} is already defined; reason names are unique",
                    )
                seen.add(reason.name)
        for field, value in self.automatic.model_dump().items():
            if value not in seen:
                problems.add(("automatic", field), f"unknown reason {value!r}")
        problems.raise_if_any()
        return self


class Criterion(FrozenModel):
    """A yes/no criterion recorded on a task or opportunity (C-1, Q-4)."""

    key: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=1)


class Conversion(FrozenModel):
    """C-1 / C-3: when a task may become an opportunity."""

    criteria: list[Criterion] = Field(min_length=1)
    require_engineer_on_call_or_second_call_booked: bool = True

    @model_validator(mode="after")
    def _unique(self) -> Conversion:
        problems = Problems()
        for dup in duplicates(c.key for c in self.criteria):
            problems.add(("criteria",), f"criterion key {dup!r} listed twice")
        problems.raise_if_any()
        return self
