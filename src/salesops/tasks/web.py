"""The task page and its actions (O-3, L-1, D-1 … D-4, C-1, A-1, T-3), as HTML.

Every action calls the same service function as the API; a ``DomainError`` is
shown next to the form that caused it (with the error's status), never a 500.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from salesops.accounts.service import get_account, get_contact
from salesops.activities.conversations import parallel_conversation_warning
from salesops.activities.models import Activity
from salesops.activities.service import log_human_activity, timeline_query
from salesops.core.audit import Decision, decisions_query
from salesops.core.errors import DomainError, ValidationFailed
from salesops.flows import conversion
from salesops.opportunities import rules as opp_rules
from salesops.opportunities.rfp import task_rfp_suggestion
from salesops.playbook.runtime import playbook_of
from salesops.tasks import lifecycle, side_effects
from salesops.tasks import service as tasks
from salesops.tasks.models import Task
from salesops.tasks.queue import urgency
from salesops.users import service as users
from salesops.users.http import Ctx
from salesops.users.models import User
from salesops.web.common import (
    Csrf,
    WebCtx,
    flash,
    pop_flash,
    pop_refused,
    redirect,
    refused,
    render,
)
from salesops.web.deals import conversion_fields
from salesops.web.forms import label

router = APIRouter(include_in_schema=False)


def task_context(s: Session, ctx: Ctx, task: Task, now: datetime) -> dict[str, Any]:
    """Everything the task page shows: people, scores, signals, timeline, decisions, forms."""
    pb = playbook_of(s)
    account = get_account(s, task.account_id)
    contact = get_contact(s, task.contact_id)
    owner = s.get(User, task.owner_id) if task.owner_id else None
    timeline = list(
        s.scalars(
            timeline_query(account.id)
            .order_by(Activity.occurred_at.desc(), Activity.id.desc())
            .limit(50)
        )
    )
    decisions = list(
        s.scalars(
            decisions_query(s, subject_type="task", subject_id=task.id)
            .order_by(Decision.id.desc())
            .limit(50)
        )
    )
    names = {u.id: u.name for u in s.scalars(select(User))}
    warning = parallel_conversation_warning(s, account.id, ctx.user.id, now)
    can_edit = ctx.user.role == "admin" or (
        ctx.user.role == "sales" and task.owner_id in (None, ctx.user.id)
    )
    criteria = [
        (c.key, c.label, bool((task.conversion_criteria or {}).get(c.key)))
        for c in pb.conversion.criteria
    ]
    return {
        "task": task,
        "account": account,
        "contact": contact,
        "owner": owner,
        "names": names,
        "timeline": timeline,
        "decisions": decisions,
        "warning": warning,
        "urgency": urgency(task, pb, now),
        "now": now,
        "is_open": task.status in ("New", "Working", "Nurturing"),
        "is_follow_up": task.kind != "lead" and task.status in ("Open", "Scheduled"),
        "can_edit": can_edit,
        "moves": [m for m in pb.tasks.transitions.get(task.status, []) if m in ("New", "Working")],
        "can_nurture": "Nurturing" in pb.tasks.transitions.get(task.status, []),
        "nurture_default": now.date() + timedelta(days=pb.tasks.nurture_default_days),
        "categories": [
            (c.name, [r for r in c.reasons if not r.automation_only])
            for c in pb.disqualification.categories
            if any(not r.automation_only for r in c.reasons)
        ],
        "notes_max": pb.disqualification.notes_max_length,
        "criteria": criteria,
        "record_types": [r.name for r in pb.opportunities.record_types],
        "opp_types": [t.name for t in pb.opportunities.types],
        "default_type": opp_rules.default_type(pb, None),
        "default_term": pb.opportunities.default_term_months,
        "missing": conversion.missing_criteria(s, task.conversion_criteria or {}),
        "opportunity_id": task.opportunity_id,
        "side_effects": side_effects.effects_of(s, task.id),  # D-3, X-1
        "rfp_suggestion": task_rfp_suggestion(s, task),
    }


def show(ctx: Ctx, task_id: int, *, status_code: int = 200, **extra: Any) -> Response:
    now = ctx.now()
    with ctx.uow(readonly=True) as s:
        context = task_context(s, ctx, tasks.get_task(s, task_id), now)
    context.update(extra)
    context.setdefault("flash", pop_flash(ctx.request))
    return render(ctx.request, "tasks/task.html", ctx=ctx, status_code=status_code, **context)


def failed(ctx: Ctx, task_id: int, form: str, error: DomainError, **extra: Any) -> Response:
    """Re-render the page with the error next to ``form`` (status from the error)."""
    return show(ctx, task_id, status_code=error.status, errors={form: error.detail}, **extra)


@router.get("/tasks/{task_id}", response_class=HTMLResponse)
def task_page(ctx: WebCtx, task_id: int) -> Response:
    errors, _ = pop_refused(ctx.request)
    return show(ctx, task_id, errors=errors) if errors else show(ctx, task_id)


@router.post("/tasks/{task_id}/status", dependencies=[Csrf])
def set_status(
    ctx: WebCtx,
    task_id: int,
    status: Annotated[str, Form()],
    follow_up_on: Annotated[str, Form()] = "",
    back: Annotated[str, Form()] = "",
) -> Response:
    """L-1: New → Working, or Nurturing with a follow-up date (``lifecycle.nurture``)."""
    try:
        with ctx.uow() as s:
            task = tasks.get_task(s, task_id)
            if status == "Nurturing":
                lifecycle.nurture(
                    s, ctx.user, task, now=ctx.now(), follow_up_on=_date(follow_up_on)
                )
            else:
                tasks.update_task(s, ctx.user, task, {"status": status}, ctx.now())
    except DomainError as exc:
        return failed(ctx, task_id, "status", exc)
    flash(ctx.request, f"Task {task_id} is now {status}.")
    return redirect(back if back == "/app" else f"/tasks/{task_id}")


def _date(value: str, field: str = "follow_up_on") -> date | None:
    if not value.strip():
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationFailed(f"{label(field)} must be a date (YYYY-MM-DD)", field=field) from None


@router.post("/tasks/{task_id}/next-steps", dependencies=[Csrf])
def set_next_steps(ctx: WebCtx, task_id: int, next_steps: Annotated[str, Form()] = "") -> Response:
    try:
        with ctx.uow() as s:
            task = tasks.get_task(s, task_id)
            tasks.update_task(s, ctx.user, task, {"next_steps": next_steps or None}, ctx.now())
    except DomainError as exc:
        return failed(ctx, task_id, "next_steps", exc)
    flash(ctx.request, "Next steps saved.")
    return redirect(f"/tasks/{task_id}")


@router.post("/tasks/{task_id}/rfp", dependencies=[Csrf])
def set_rfp(ctx: WebCtx, task_id: int, rfp: Annotated[str, Form()] = "") -> Response:
    """Q-13: flag the lead as a solicited or unsolicited RFP (or not an RFP)."""
    try:
        if rfp not in ("", "solicited", "unsolicited"):
            raise ValidationFailed("RFP must be solicited, unsolicited or none", field="rfp")
        with ctx.uow() as s:
            task = tasks.get_task(s, task_id)
            tasks.update_task(s, ctx.user, task, {"rfp": rfp or None}, ctx.now())
    except DomainError as exc:
        return failed(ctx, task_id, "rfp", exc)
    flash(ctx.request, "RFP flag saved." if rfp else "RFP flag cleared.")
    return redirect(f"/tasks/{task_id}")


@router.post("/tasks/{task_id}/log", dependencies=[Csrf])
def log_activity(
    ctx: WebCtx,
    task_id: int,
    kind: Annotated[str, Form()],
    body: Annotated[str, Form()] = "",
    subject: Annotated[str, Form()] = "",
) -> Response:
    """A-1 / T-3: log a call or a note on the task's timeline."""
    try:
        if not body.strip():
            raise ValidationFailed("write what happened on the call or in the note", field="body")
        with ctx.uow() as s:
            log_human_activity(
                s,
                ctx.user,
                {"kind": kind, "task_id": task_id, "subject": subject, "body": body},
                ctx.now(),
            )
    except DomainError as exc:
        return failed(ctx, task_id, "log", exc, log_body=body)
    flash(ctx.request, f"{'Call' if kind == 'call' else kind.title()} logged.")
    return redirect(f"/tasks/{task_id}")


@router.get("/tasks/{task_id}/disqualify-preview", response_class=HTMLResponse)
def disqualify_preview(ctx: WebCtx, task_id: int, reason: str = "") -> Response:
    """D-3 / D-4: what the chosen reason will do, shown before confirming."""
    with ctx.uow(readonly=True) as s:
        preview = side_effects.preview(s, reason, ctx.now())
    return render(ctx.request, "tasks/_dq_preview.html", ctx=ctx, preview=preview)


@router.post("/tasks/{task_id}/disqualify", dependencies=[Csrf])
def disqualify(
    ctx: WebCtx,
    task_id: int,
    reason: Annotated[str, Form()] = "",
    notes: Annotated[str, Form()] = "",
    ban_sender: Annotated[str, Form()] = "",
    ban_scope: Annotated[str, Form()] = "address",
    revisit_on: Annotated[str, Form()] = "",
) -> Response:
    """D-1: disqualify with a picklist reason and notes; D-3 side effects follow."""
    try:
        if not reason:
            raise ValidationFailed("choose a disqualification reason", field="reason", rule="D-1")
        with ctx.uow() as s:
            task = tasks.get_task(s, task_id)
            users.require_can_edit_owned(ctx.user, task.owner_id)
            lifecycle.disqualify(
                s,
                task,
                reason,
                now=ctx.now(),
                notes=notes.strip() or None,
                actor=ctx.user,
                options={
                    "ban_sender": bool(ban_sender),
                    "ban_scope": ban_scope,
                    "revisit_on": revisit_on.strip() or None,
                },  # D-4
                picked=True,
            )
    except DomainError as exc:
        return failed(ctx, task_id, "disqualify", exc, dq_reason=reason, dq_notes=notes)
    flash(ctx.request, f"Task {task_id} disqualified: {reason}.")
    return redirect(f"/tasks/{task_id}")


def _back(back: str, task_id: int) -> str:
    return "/app" if back == "/app" else f"/tasks/{task_id}"


@router.post("/tasks/{task_id}/complete", dependencies=[Csrf])
def complete(ctx: WebCtx, task_id: int, back: Annotated[str, Form()] = "") -> Response:
    """Issue 17 item 5: a follow-up, check-in or reminder is done and leaves the queue."""
    from salesops.opportunities import follow_ups

    try:
        with ctx.uow() as s:
            task = tasks.get_task(s, task_id)
            follow_ups.complete(s, ctx.user, task, ctx.now())
            title = task.title
    except DomainError as exc:
        return refused(ctx.request, _back("", task_id), {"complete": exc.detail})
    flash(ctx.request, f"Done: {title}.")
    return redirect(_back(back, task_id))


SNOOZE_DAYS_MAX = 3650  # ten years


@router.post("/tasks/{task_id}/snooze", dependencies=[Csrf])
def snooze(
    ctx: WebCtx,
    task_id: int,
    until: Annotated[str, Form()] = "",
    days: Annotated[str, Form()] = "",
    back: Annotated[str, Form()] = "",
) -> Response:
    """Issue 17 item 5: come back to it later (a date, or a number of days)."""
    try:
        if days.strip():
            count = int(days) if days.strip().isdigit() else 0
            if not 1 <= count <= SNOOZE_DAYS_MAX:  # beyond: no date (a 500), or a typo
                raise ValidationFailed(
                    f"Days must be a whole number from 1 to {SNOOZE_DAYS_MAX}", field="days"
                )
            day = ctx.now().date() + timedelta(days=count)
        else:
            found = _date(until, "until")
            if found is None:
                raise ValidationFailed("Snooze until: choose a day", field="until")
            day = found
        with ctx.uow() as s:
            task = tasks.get_task(s, task_id)
            if task.kind == "lead":
                lifecycle.nurture(s, ctx.user, task, now=ctx.now(), follow_up_on=day)
            else:
                tasks.snooze(s, ctx.user, task, day, ctx.now())
    except DomainError as exc:
        return refused(ctx.request, _back("", task_id), {"complete": exc.detail})
    flash(ctx.request, f"Snoozed until {day.isoformat()}.")
    return redirect(_back(back, task_id))


@router.post("/tasks/{task_id}/reopen", dependencies=[Csrf])
def reopen(ctx: WebCtx, task_id: int, note: Annotated[str, Form()] = "") -> Response:
    """Issue 17 item 6: a disqualified task is Working again (audited)."""
    try:
        with ctx.uow() as s:
            lifecycle.reopen(s, ctx.user, tasks.get_task(s, task_id), now=ctx.now(), note=note)
    except DomainError as exc:
        return refused(ctx.request, f"/tasks/{task_id}", {"reopen": exc.detail})
    flash(ctx.request, f"Task {task_id} reopened: it is Working again.")
    return redirect(f"/tasks/{task_id}")


@router.post("/tasks/{task_id}/convert", dependencies=[Csrf])
async def convert(request: Request, ctx: WebCtx, task_id: int) -> Response:
    """C-1 … C-3: record the criteria ("save") or convert when all hold ("convert")."""
    form = await request.form()
    criteria: dict[str, Any] = {key[len("c_") :]: True for key in form if str(key).startswith("c_")}
    return _convert(
        ctx,
        task_id,
        criteria,
        record_type=str(form.get("record_type") or ""),
        second_call_on=str(form.get("second_call_on") or ""),
        action=str(form.get("action") or "convert"),
        form=form,
    )


def _convert(
    ctx: Ctx,
    task_id: int,
    ticked: dict[str, Any],
    *,
    record_type: str,
    second_call_on: str,
    action: str,
    form: Any = None,
) -> Response:
    try:
        with ctx.uow(readonly=True) as s:
            keys = [c.key for c in playbook_of(s).conversion.criteria]
        criteria: dict[str, Any] = {k: bool(ticked.get(k)) for k in keys}
        criteria["engineer_on_first_call"] = bool(ticked.get("engineer_on_first_call"))
        criteria["second_call_on"] = _date(second_call_on, "second_call_on")
        with ctx.uow() as s:
            task = tasks.get_task(s, task_id)
            if action == "save":
                conversion.record_criteria(s, ctx.user, task, criteria, ctx.now())
                opp_id = None
            else:
                opp = conversion.convert(
                    s,
                    ctx.user,
                    task,
                    now=ctx.now(),
                    criteria=criteria,
                    record_type=record_type or None,
                    opportunity=conversion_fields(form or {}, ctx.now()),
                )
                opp_id = opp.id
    except DomainError as exc:
        deal = {k: str(v) for k, v in (form or {}).items() if k != "csrf_token"}
        return failed(ctx, task_id, "convert", exc, posted_criteria=ticked, posted_deal=deal)
    if opp_id is None:
        flash(ctx.request, "Conversion criteria saved.")
        return redirect(f"/tasks/{task_id}")
    flash(ctx.request, f"Task {task_id} converted to opportunity {opp_id}.")
    return redirect(f"/opportunities/{opp_id}")
