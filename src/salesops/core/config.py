"""Settings, read from the environment with the ``SALESOPS_`` prefix (and a ``.env`` file)."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_prefix="SALESOPS_", env_file=".env", extra="ignore", frozen=False
    )

    database_url: str = Field(
        default="sqlite:///./salesops.db",
        description="SQLAlchemy URL. SQLite file by default; postgresql://… for production.",
    )
    secret_key: str | None = Field(
        default=None,
        description="Signs web sessions. Unset: a random key generated on first run and "
        "kept in the database (core.secretstore); a weak or empty value refuses to start.",
    )
    playbook_path: Path | None = Field(
        default=None, description="Playbook YAML file; the built-in default when unset."
    )
    session_max_age: int = Field(default=8 * 3600, description="Web session lifetime, seconds.")
    max_body_bytes: int = Field(
        default=10 * 1024 * 1024, description="Largest accepted request body (413 above it)."
    )
    import_upload_max_bytes: int = Field(
        default=2 * 1024 * 1024 * 1024,
        description="Largest export an admin may upload on the imports page (issue 19).",
    )
    base_url: str = "http://127.0.0.1:8000"
    intake_gather_ms: float = Field(
        default=0.0,
        ge=0,
        le=100,
        description="Contact-form group commit: a batch of fewer than 4 submissions first "
        "waits this long for more to share its transaction. Saves CPU at moderate rates, "
        "costs latency; 0 (the default) never waits.",
    )
    max_in_flight: int = Field(
        default=1000,
        ge=1,
        description="Capacity of one API process: HTTP requests in progress at once. The "
        "next is answered 503 with Retry-After before any work (docs/operations.md).",
    )
    intake_queue_max: int = Field(
        default=400,
        ge=1,
        description="Contact-form submissions waiting for their group commit in one API "
        "process; past it a submission is answered 503 with Retry-After, not stored.",
    )
    intake_max_wait_seconds: float = Field(
        default=10.0,
        gt=0,
        description="A contact-form submission not yet stored after this long is answered "
        "503 with Retry-After and never stored. Give clients a longer timeout than this.",
    )
    fast_lane: bool = Field(
        default=True,
        description="Serve hot webhook routes (contact-form intake) ahead of the framework "
        "middleware stack (core.fastlane); same answers, a fraction of the CPU.",
    )

    # Intake (issue 3). Each source's secret: unset → generated on first run and kept in
    # the database (``salesops secrets show``); set empty → that source is disabled (401);
    # a known or short value refuses to start (core.secretstore).
    form_secret: str | None = None
    product_events_secret: str | None = None
    product_api_key: str | None = None
    zendesk_secret: str | None = None
    slack_signing_secret: str | None = None
    email_secret: str | None = Field(
        default=None,
        description="Signs raw messages posted to /api/v1/intake/email (X-Salesops-Signature).",
    )
    sales_alias: str = "sales@example.com"
    company_domains: str = Field(
        default="example.com", description="Comma-separated domains of the company itself."
    )
    smtp_host: str = "127.0.0.1"
    smtp_port: int = 2525
    # Hostile input and limits (issue 13; docs/operations.md)
    mail_cpu_budget_ms: float = Field(
        default=1000.0,
        gt=0,
        description="CPU time one mail message may take to parse and to find its forward; "
        "past it the message is kept as 'not understood' (answered ignored, logged).",
    )
    rejection_samples_per_hour: int = Field(
        default=10,
        ge=0,
        description="Rejected deliveries kept whole (body excerpt, headers) per source, "
        "reason and hour; every rejection is counted either way.",
    )
    rejection_retention_days: int = Field(
        default=30, ge=1, description="Kept rejected deliveries older than this are pruned."
    )
    rejection_count_retention_days: int = Field(
        default=400, ge=1, description="Hourly rejection counts older than this are pruned."
    )

    # Enrichment (issue 4)
    firmographics_path: Path | None = None
    enrichment_url: str | None = None
    enrichment_api_key: str | None = None
    enrichment_timeout_seconds: float = Field(
        default=2.0, description="HTTP enrichment timeout; a failure never blocks intake (S-1)."
    )
    enrichment_cache_seconds: int = Field(
        default=86_400, description="How long an HTTP enrichment answer is cached per domain."
    )

    # Outbound integrations (issue 6), all pointed at configurable URLs.
    ticketing_url: str | None = None
    ticketing_user: str | None = None
    ticketing_token: str | None = None
    email_automation_url: str | None = None
    email_automation_site_id: str | None = None
    email_automation_api_key: str | None = None
    slack_webhook_url: str | None = None
    # Slack Web API for direct messages (issue 20 item 3): chat.postMessage with a bot token.
    slack_api_url: str = Field(
        default="https://slack.com/api",
        description="Base URL of the Slack Web API (a local fake in tests).",
    )
    slack_bot_token: str | None = Field(
        default=None, description="Bot token (xoxb-…) for direct messages; unset: parked."
    )
    outbound_smtp_host: str | None = None
    outbound_smtp_port: int = 25
    outbound_from: str = "salesops@example.com"

    # Outbound deliveries (X-1, issue 13 items 3-4): see docs/operations.md.
    outbox_deadline_seconds: float = Field(
        default=30.0,
        gt=0,
        description="Total time one delivery attempt may take (connect, send, answer), "
        "however slowly the receiver trickles; past it the attempt is abandoned.",
    )
    outbox_lease_seconds: float = Field(
        default=120.0,
        gt=0,
        description="How long a worker's claim on a delivery lasts unless renewed; renewed "
        "while the send is in flight. Must be at least twice the deadline.",
    )
    outbox_concurrency: dict[str, int] = Field(
        default_factory=dict,
        description='Per-channel limit of sends in flight per worker, e.g. {"slack": 4} '
        "(JSON); channels not named keep their default (see docs/operations.md).",
    )

    worker_poll_seconds: float = 1.0
    outbox_wake_seconds: float = Field(
        default=0.1,
        ge=0,
        description="SQLite: how often idle delivery lanes look (one indexed read) for "
        "new deliveries between full rounds, so a notification leaves within about this "
        "long; 0 turns the look off. PostgreSQL wakes them at once (LISTEN/NOTIFY).",
    )
    outbox_round_gap_seconds: float = Field(
        default=0.01,
        ge=0,
        description="Busy delivery lanes start a database round (outcomes, claims) at most "
        "this often: the outcomes of sends that finish meanwhile share one transaction "
        "instead of one each (a round's fixed cost dominated a delivery's CPU).",
    )
    notify_coalesce_seconds: float = Field(
        default=0.25,
        ge=0,
        description="Issue 20: a notification's Slack DM or email, the sales channel's "
        "new-lead message and the sales alias's copy wait at most this long for siblings "
        "to the same recipient; several ready together go as one message listing each "
        "(a lone one goes alone, unchanged). 0 turns coalescing off (one send each).",
    )
    pipeline_poll_seconds: float = Field(
        default=5.0,
        gt=0,
        description="Each API process drains the new-lead pipeline queue at start-up and "
        "this often (one indexed SELECT when it is empty), so leads a crashed process "
        "acknowledged are routed without waiting for the next intake request.",
    )
    pipeline_in_api: bool = Field(
        default=True,
        description="Run new leads' pipeline (enrichment, scoring, classification, routing) "
        "in the API process right after intake answers. Set false when workers run "
        "(`salesops worker`): they drain it on every pass, on their own CPU.",
    )

    @model_validator(mode="after")
    def _outbox_deadline_within_lease(self) -> Settings:
        if self.outbox_lease_seconds < 2 * self.outbox_deadline_seconds:
            raise ValueError(
                f"SALESOPS_OUTBOX_LEASE_SECONDS ({self.outbox_lease_seconds:g}) must be at "
                f"least twice SALESOPS_OUTBOX_DEADLINE_SECONDS "
                f"({self.outbox_deadline_seconds:g}): a claim must outlive a whole attempt"
            )
        bad = {k: v for k, v in self.outbox_concurrency.items() if v < 1}
        if bad:
            raise ValueError(f"SALESOPS_OUTBOX_CONCURRENCY: limits must be at least 1: {bad}")
        return self

    @cached_property
    def company_domain_set(self) -> frozenset[str]:
        return frozenset(d.strip().lower() for d in self.company_domains.split(",") if d.strip())

    @property
    def sqlalchemy_url(self) -> str:
        return normalise_db_url(self.database_url)

    @property
    def secure_cookies(self) -> bool:
        """Behind https every cookie carries ``Secure`` (issue 13, item 9)."""
        return self.base_url.strip().lower().startswith("https://")

    @property
    def backend(self) -> str:
        return "postgresql" if self.sqlalchemy_url.startswith("postgresql") else "sqlite"


def normalise_db_url(url: str) -> str:
    """Accept the common spellings and use psycopg 3 for PostgreSQL."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
