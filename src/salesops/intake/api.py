"""Intake endpoints (I-1 … I-10). Thin: read the raw body (signatures cover the exact
bytes), authenticate and parse it outside any transaction (``prepare``: the work
whose cost the sender controls), then store it in a unit of work (``store``: bounded
lookups and the writes), answer after commit. The new leads' pipeline (scoring,
classification, routing) runs after the answer, as a background task draining the
queue intake wrote (``flows.pipeline.drain``).

Auth failures and malformed input answer 4xx problem JSON and are kept in the
rejections log (in their own transaction, since the delivery's rolled back);
business rejections answer 200 ``{"status": "ignored", "reason": …}``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, BackgroundTasks, Depends, Query, Request, Response, status
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from salesops.core import clock, fastlane
from salesops.core.config import Settings
from salesops.core.errors import DomainError, Unauthorized, Unavailable
from salesops.core.groupcommit import GroupCommit
from salesops.core.http import PageDep, page_of, paginate
from salesops.core.limits import DATE_MAX, DATE_MIN
from salesops.core.overload import RETRY_AFTER_SECONDS
from salesops.flows.manual import ManualLead
from salesops.flows.pipeline import drain_after_intake, drain_is_due
from salesops.intake import service
from salesops.intake.batch_api import store_batch_in_parts
from salesops.intake.forms import PreparedForm, prepare_form, receive_forms
from salesops.playbook.runtime import Runtime
from salesops.users.http import CtxDep, runtime

if TYPE_CHECKING:
    from salesops.intake.product_batch import BatchCounts

router = APIRouter(prefix="/intake", tags=["intake"])
batch_router = APIRouter(tags=["intake"])
extra_routers = [batch_router]  # POST /batch/ lives at the root, where the SDK posts

P = TypeVar("P")
Prepare = Callable[[Settings, datetime], P]
Store = Callable[[Session, P, datetime], "service.Outcome | dict[str, Any]"]


async def raw_body(request: Request) -> bytes:
    return await request.body()


RawBody = Annotated[bytes, Depends(raw_body)]


@contextmanager
def rejections_logged(request: Request, source: str, body: bytes) -> Iterator[None]:
    """Keep a delivery answered 4xx in the rejections log, then let the error answer."""
    try:
        yield
    except DomainError as exc:
        log_rejected(request, source, body, exc)
        raise


def log_rejected(request: Request, source: str, body: bytes, exc: DomainError) -> None:
    """The rejections log entry for a request (``log_rejection_of``)."""
    host = request.client.host if request.client else None
    log_rejection_of(runtime(request), source, body, exc, dict(request.headers), host)


def log_rejection_of(
    rt: Runtime,
    source: str,
    body: bytes,
    exc: DomainError,
    headers: dict[str, str],
    remote_addr: str | None,
) -> None:
    """The rejections log entry, in its own transaction (the delivery's rolled back)."""
    with rt.uow() as s:
        service.log_rejection(
            s,
            source,
            code=exc.code,
            reason=exc.detail,
            field=exc.field,
            http_status=exc.status,
            now=clock.now(),
            headers=headers,
            body=body,
            remote_addr=remote_addr,
        )


def run(
    request: Request,
    background: BackgroundTasks,
    source: str,
    body: bytes,
    prepare: Prepare[P],
    store: Store[P],
) -> dict[str, Any]:
    """One delivery: ``prepare`` (authenticate, parse, classify) outside any transaction,
    ``store`` in a unit of work; log and re-raise a 4xx; answer after commit, then
    drain the new-lead pipeline (S-1 … S-4, R-1, R-2 … R-7) after the response."""
    rt = runtime(request)
    now = clock.now()
    with rejections_logged(request, source, body):
        prepared = prepare(rt.settings, now)
        with rt.uow() as s:
            result = store(s, prepared, now)
    background.add_task(drain_after_intake, rt)
    return result.body() if isinstance(result, service.Outcome) else result


@router.post("/form", summary="Contact-form submission (I-2), signed with X-Salesops-Signature")
async def form(request: Request, background: BackgroundTasks, body: RawBody) -> dict[str, Any]:
    """Served by the fast lane (``fast_routes``) unless it is off; the same answers."""
    rt = runtime(request)
    host = request.client.host if request.client else None
    content = await accept_form(rt, body, dict(request.headers), host)
    background.add_task(drain_after_intake, rt)
    return content


async def accept_form(
    rt: Runtime, body: bytes, headers: dict[str, str], remote_addr: str | None
) -> dict[str, Any]:
    """I-2 over HTTP: authenticated and parsed on the event loop (cheap); stored by a
    group commit with the submissions that arrive meanwhile (one transaction, answered
    after its commit). A 401/422 is kept in the rejections log."""
    try:
        prepared = prepare_form(rt.settings, body, headers.get("x-salesops-signature"))
        prepared.received_at = clock.now()  # its own time, whichever batch stores it
        outcome = await form_batches(rt).submit(prepared)
    except Unavailable:
        raise  # over capacity: "try again", not a rejected delivery (and no write now)
    except DomainError as exc:
        await run_in_threadpool(log_rejection_of, rt, "form", body, exc, headers, remote_addr)
        raise
    return outcome.body()


def fast_routes(rt: Runtime) -> dict[tuple[str, str], fastlane.Handler]:
    """Routes the fast lane serves (``core.fastlane``), relative to /api/v1."""

    async def form_lane(req: fastlane.Request) -> tuple[Any, Callable[[], Any] | None]:
        content = await accept_form(rt, req.body, req.headers, req.client_host)
        return content, (lambda: drain_after_intake(rt)) if drain_is_due(rt) else None

    return {("POST", "/intake/form"): form_lane}


def form_batches(rt: Runtime) -> GroupCommit[PreparedForm, service.Outcome]:
    """I-2's group commit for this process: concurrent submissions go through
    ``receive_forms`` together, in one unit of work."""

    def commit(forms: Sequence[PreparedForm]) -> list[service.Outcome]:
        with rt.uow() as s:
            return receive_forms(s, rt.settings, forms, clock.now())

    # PostgreSQL takes concurrent writers: a second batch overlaps the first's round
    # trips. SQLite has one writer at a time: one batch at a time.
    concurrency = 2 if rt.db.backend == "postgresql" else 1
    st = rt.settings

    def overloaded(why: str) -> Unavailable:
        return Unavailable(
            f"contact-form intake is over capacity ({why}; SALESOPS_INTAKE_QUEUE_MAX="
            f"{st.intake_queue_max}, SALESOPS_INTAKE_MAX_WAIT_SECONDS="
            f"{st.intake_max_wait_seconds:g}): nothing was stored, send it again",
            retry_after=RETRY_AFTER_SECONDS,
        )

    return rt.local(
        "intake.form",
        lambda: GroupCommit(
            commit,
            concurrency=concurrency,
            gather_seconds=st.intake_gather_ms / 1000,
            max_queue=st.intake_queue_max,
            max_wait=st.intake_max_wait_seconds,
            overloaded=overloaded,
        ),
    )


@router.post(
    "/email",
    summary="One raw RFC 822 message (I-3, I-4, A-3); Content-Type: message/rfc822, signed",
    description="Sign the exact bytes with X-Salesops-Signature: sha256=<hex HMAC "
    "(SALESOPS_EMAIL_SECRET, body)>. Envelope recipients (Bcc) may be given as repeated "
    "`envelope_to` query parameters. Bodies above SALESOPS_MAX_BODY_BYTES answer 413.",
)
def email(
    request: Request,
    background: BackgroundTasks,
    body: RawBody,
    envelope_to: Annotated[list[str] | None, Query(description="envelope recipients")] = None,
) -> dict[str, Any]:
    from salesops.intake.identity import identity_of
    from salesops.intake.mail import ReadMail, read_mail_http, store_mail

    ctype = request.headers.get("content-type", "")
    sig = request.headers.get("x-salesops-signature")
    with runtime(request).uow(readonly=True) as s:  # the playbook's aliases and domains
        ident = identity_of(s)

    def store(s: Session, read: ReadMail, now: datetime) -> service.Outcome:
        return store_mail(s, runtime(request).settings, read, now, envelope_to=envelope_to)

    return run(
        request,
        background,
        "email",
        body,
        lambda st, now: read_mail_http(st, body, content_type=ctype, signature=sig, identity=ident),
        store,
    )


@router.post(
    "/product-events",
    summary="One product event (I-1, I-8): the analytics webhook destination body",
    description='Body `{"event": {"uuid", "event", "distinct_id", "properties", "timestamp"}, '
    '"person": {"properties": {"email", …}}}`, signed with X-Salesops-Signature: sha256=<hex '
    "HMAC(SALESOPS_PRODUCT_EVENTS_SECRET, body)>.",
)
def product_event(request: Request, background: BackgroundTasks, body: RawBody) -> dict[str, Any]:
    from salesops.intake.product_events import prepare_webhook, store_event

    sig = request.headers.get("x-salesops-signature")
    encoding = request.headers.get("content-encoding")
    return run(
        request,
        background,
        "product",
        body,
        lambda st, now: prepare_webhook(st, body, sig, encoding),
        store_event,
    )


@batch_router.post(
    "/batch/",
    summary="The analytics SDK's batch capture (I-1): authenticated by the project api_key",
    description="A big batch is stored in bounded transactions (at most 100 events or "
    "0.1 s each); the answer counts accepted, ignored, duplicate and rejected events.",
)
@batch_router.post("/batch", include_in_schema=False)
def batch(
    request: Request,
    background: BackgroundTasks,
    body: RawBody,
    compression: Annotated[str | None, Query()] = None,
) -> dict[str, Any]:
    return _capture(request, background, body, compression).body()


@batch_router.post(
    "/i/v1/analytics/events",
    summary="The analytics SDK's v1 capture (I-1): Bearer project api_key, gzip or deflate",
    description="The same events as /batch/ in the v1 envelope (`{created_at, batch}`); "
    "the answer has per-event `results` by uuid (only dropped ones listed) and the counts.",
)
@batch_router.post("/i/v1/analytics/events/", include_in_schema=False)
def capture_v1(
    request: Request,
    background: BackgroundTasks,
    body: RawBody,
    compression: Annotated[str | None, Query()] = None,
) -> dict[str, Any]:
    auth = request.headers.get("authorization", "")
    scheme, _, token = auth.partition(" ")
    bearer = token.strip() if scheme.lower() == "bearer" else ""
    return _capture(request, background, body, compression, bearer=bearer).results()


def _capture(
    request: Request,
    background: BackgroundTasks,
    body: bytes,
    compression: str | None,
    *,
    bearer: str | None = None,
) -> BatchCounts:
    """An SDK batch: decompressed, authenticated and validated outside any transaction,
    stored in bounded parts; a 401/413/422 is kept in the rejections log (raw bytes)."""
    from salesops.intake.product_batch import prepare_batch
    from salesops.intake.product_events import decode_body

    rt = runtime(request)
    now = clock.now()
    with rejections_logged(request, "product", body):
        if bearer == "":
            raise Unauthorized("missing Authorization: Bearer <project api_key>", rule="I-10")
        encoding = request.headers.get("content-encoding")
        data = decode_body(body, encoding, compression, rt.settings.max_body_bytes)
        prepared = prepare_batch(rt.settings, data, bearer)  # outside any transaction
        counts = store_batch_in_parts(rt, prepared, now)
    background.add_task(drain_after_intake, rt)
    return counts


@router.post(
    "/zendesk",
    summary="Ticket events from the ticketing system (I-5), HMAC of timestamp + body",
)
def zendesk(request: Request, background: BackgroundTasks, body: RawBody) -> dict[str, Any]:
    from salesops.intake.zendesk import prepare_zendesk, store_zendesk, with_requester

    sig = request.headers.get("x-zendesk-webhook-signature")
    ts = request.headers.get("x-zendesk-webhook-signature-timestamp")
    rt = runtime(request)
    return run(
        request,
        background,
        "zendesk",
        body,
        lambda st, now: with_requester(rt, prepare_zendesk(st, body, sig, ts, now)),
        store_zendesk,
    )


@router.post("/slack", summary="Slack Events API (I-6, A-2), Slack v0 signature")
def slack(request: Request, background: BackgroundTasks, body: RawBody) -> dict[str, Any]:
    from salesops.intake.slack import prepare_slack, store_slack

    ts = request.headers.get("x-slack-request-timestamp")
    sig = request.headers.get("x-slack-signature")
    return run(
        request,
        background,
        "slack",
        body,
        lambda st, now: prepare_slack(st, body, ts, sig, now),
        store_slack,
    )


@router.get("/say-hi", summary="Community Slack members nobody has talked to yet (I-6)")
def say_hi(ctx: CtxDep, page: PageDep) -> Any:
    from salesops.accounts.models import Contact
    from salesops.accounts.schemas import ContactRead
    from salesops.intake.slack import say_hi_query

    with ctx.uow(readonly=True) as s:
        rows, total = paginate(
            s, say_hi_query(), page, sortable={"created_at": Contact.created_at},
            default_sort="-created_at", id_column=Contact.id,
        )  # fmt: skip
        return page_of(rows, total, page, ContactRead)


@router.post(
    "/manual",
    status_code=status.HTTP_201_CREATED,
    summary="Manual entry (I-7): account + contact + lead task in one call",
)
def manual(ctx: CtxDep, body: ManualLead) -> Any:
    from salesops.flows.manual import create_manual_lead
    from salesops.tasks.schemas import TaskRead

    with ctx.uow() as s:
        return TaskRead.model_validate(create_manual_lead(s, ctx.user, body, ctx.now()))


@router.get("/signups", summary="The day's product signups by ICP score (I-1, seed 001)")
def signups(
    ctx: CtxDep,
    view: Literal["high", "rest"] = "high",
    day: Annotated[date | None, Query(ge=DATE_MIN, le=DATE_MAX)] = None,
) -> Any:
    """``view=high``: ICP above the playbook's ``intake.signup_review_icp_above``; ``rest``:
    the others. ``day`` (UTC) defaults to today."""
    from dataclasses import asdict

    from salesops.intake.signups import signups_for_review

    chosen = day or ctx.now().date()
    with ctx.uow(readonly=True) as s:
        rows, above = signups_for_review(s, chosen, view)
    return {
        "day": chosen.isoformat(),
        "view": view,
        "icp_above": above,
        "items": [asdict(r) for r in rows],
    }


@router.post(
    "/signups/{contact_id}/lead-task",
    summary="Make a lead task for a signup (one click; the open task if one exists)",
)
def signup_lead_task(ctx: CtxDep, contact_id: int, response: Response) -> Any:
    from salesops.flows.signups import make_lead_task
    from salesops.tasks.schemas import TaskRead

    with ctx.uow() as s:
        task, new = make_lead_task(s, ctx.user, contact_id, ctx.now())
        response.status_code = status.HTTP_201_CREATED if new else status.HTTP_200_OK
        return TaskRead.model_validate(task)
