"""The playbook's email templates and notification timings (issue 20 items 1 and 3).

Templates are what a salesperson sends from the composer: the post-demo route to
self-serve with its resources (seeds 000, 004), the startup-plan application (L-2),
the trial wrap-up (Q-11) and a check-in (Q-12). Each is Jinja2 with merge fields
(``core.mailmerge``: sandboxed, strict); a syntax error is refused when the playbook
is loaded, at the template's key (P-1).
"""

from __future__ import annotations

from pydantic import Field, model_validator

from salesops.core.mailmerge import check_template
from salesops.playbook.schema_base import FrozenModel, Problems, duplicates

#: Merge fields every template may use (documented in docs/email.md).
MERGE_FIELDS = (
    "contact.name", "contact.first_name", "contact.email", "account.name", "account.domain",
    "sender.name", "sender.first_name", "sender.email", "task.id", "task.title",
    "opportunity.name", "opportunity.arr", "trial.ends_on", "startup_application_url",
    "resources",
)  # fmt: skip


class Resource(FrozenModel):
    """A self-serve resource linked from templates (seed 004: docs, tutorials, …)."""

    name: str = Field(min_length=1)
    url: str = Field(min_length=1)


class EmailTemplate(FrozenModel):
    key: str = Field(pattern=r"^[a-z0-9_]{1,40}$")
    name: str = Field(min_length=1)
    description: str = ""
    rules: list[str] = []  # the spec rules it serves, e.g. ["L-2"]
    subject: str = Field(min_length=1, max_length=250)
    body: str = Field(min_length=1)

    @model_validator(mode="after")
    def _parses(self) -> EmailTemplate:
        problems = Problems()
        for name in ("subject", "body"):
            error = check_template(getattr(self, name))
            if error:
                problems.add((name,), f"template does not parse: {error}")
        problems.raise_if_any()
        return self


class Emails(FrozenModel):
    templates: list[EmailTemplate] = []
    resources: list[Resource] = []

    @model_validator(mode="after")
    def _unique(self) -> Emails:
        problems = Problems()
        for dup in duplicates(t.key for t in self.templates):
            problems.add(("templates",), f"template {dup!r} defined twice")
        problems.raise_if_any()
        return self

    def template(self, key: str) -> EmailTemplate | None:
        return next((t for t in self.templates if t.key == key), None)


class Notifications(FrozenModel):
    """R-9 escalation and the daily digest."""

    speed_to_lead_escalate_after_hours: int = Field(default=4, ge=0)  # after the R-9 target
    digest_hour_utc: int = Field(default=7, ge=0, le=23)  # the digest covers the day before
