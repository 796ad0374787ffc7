"""The web app's entry: login, logout and the signed-in user's queue (U-1, R-9)."""

from __future__ import annotations

import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select

from salesops.core import clock
from salesops.core.errors import TooManyRequests, Unauthorized, problem_headers
from salesops.playbook.runtime import playbook_of
from salesops.tasks.models import Task
from salesops.tasks.queue import (
    QUEUE_STATUSES,
    queue_page,
    queue_query,
    untouched_first,
    urgency,
)
from salesops.users import auth
from salesops.users.http import authenticate, runtime
from salesops.users.models import User
from salesops.web import lists
from salesops.web.common import (
    COUNT_CAP,
    PAGE_SIZE,
    SEEN_COOKIE,
    PageOf,
    WebCtx,
    _local,
    delete_cookie,
    page_number,
    pop_flash,
    render,
    set_cookie,
)
from salesops.web.csrf import check_csrf

router = APIRouter(include_in_schema=False)


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, next: str = "/app", expired: int = 0) -> Response:
    if authenticate(request) is not None:
        return RedirectResponse(_local(next), status_code=303)
    return render(
        request, "login.html", next=_local(next), error=None, email="", expired=bool(expired)
    )


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    email: Annotated[str, Form()],
    password: Annotated[str, Form()],
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/app",
) -> Response:
    """U-1: throttled per account and address (429 with Retry-After and the wait in
    words), same cost for unknown e-mails; a new server-side session on success."""
    check_csrf(request, csrf_token)
    rt = runtime(request)
    address = request.client.host if request.client else None
    try:
        signed = auth.sign_in(
            rt.db, email, password, address, clock.now(), rt.settings.session_max_age
        )
    except (Unauthorized, TooManyRequests) as exc:
        return render(
            request,
            "login.html",
            status_code=exc.status,
            headers=problem_headers(exc),
            next=_local(next),
            email=email,
            expired=False,
            error=exc.detail,
        )
    request.session.clear()
    request.session["csrf"] = secrets.token_urlsafe(32)  # a new session, a new token
    request.session["sid"] = signed.session_id
    request.session["login_at"] = clock.now().isoformat()
    response = RedirectResponse(_local(next), status_code=303)
    set_cookie(request, response, SEEN_COOKIE, "1", max_age=90 * 86400)
    return response


@router.post("/logout")
def logout(request: Request, csrf_token: Annotated[str, Form()] = "") -> Response:
    """The session ends server-side: a copy of the cookie is worth nothing afterwards."""
    check_csrf(request, csrf_token)
    session_id = request.session.get("sid")
    if isinstance(session_id, str) and session_id:
        with runtime(request).db.unit_of_work() as s:
            auth.end_session(s, session_id)
    request.session.clear()
    response = RedirectResponse("/login", status_code=303)
    delete_cookie(request, response, SEEN_COOKIE)
    return response


RENEWAL_HORIZON_DAYS = 90
SEARCH_COUNT_CAP = 1_000
QUEUE_SORTS = {
    "created": Task.created_at,
    "touched": Task.last_touched_at,
    "status": Task.status,
    "due": Task.due_on,
    "source": Task.lead_source,
}


def renewals_due(s: Any, owner_id: int | None, today: Any) -> tuple[list[Any], dict[int, str]]:
    """Q-7 / issue 17 item 5: the owner's open renewals closing within 90 days (or late)."""
    from datetime import timedelta

    from salesops.accounts.models import Account
    from salesops.opportunities.forecast import renewals_due as due

    if owner_id is None:
        return [], {}
    rows = due(s, None, today + timedelta(days=RENEWAL_HORIZON_DAYS), 20, owner_id=owner_id)
    ids = {o.account_id for o in rows}
    names = (
        {a.id: a.name for a in s.scalars(select(Account).where(Account.id.in_(ids)))} if ids else {}
    )
    return rows, names


@router.get("/app", response_class=HTMLResponse)
def queue(
    ctx: WebCtx,
    status: str = "",
    kind: str = "",
    lead_source: str = "",
    q: str = "",
    owner: str = "",
    page: str = "1",
    sort: str = "",
    dir: str = "",
    format: str = "",
) -> Response:
    """My queue: open tasks, most urgent first (R-9 speed to lead, T-1 stale, L-1 follow-ups)."""
    now = ctx.now()
    # Sales see their own queue; admins and viewers may look at anyone's (or everyone's).
    owner_id: int | None = ctx.user.id
    if ctx.user.role != "sales" and owner:
        owner_id = None if owner == "all" else page_number(owner)
    with ctx.uow(readonly=True) as s:
        pb = playbook_of(s)
        query = queue_query(
            today=now.date(),
            owner_id=owner_id,
            status=status if status in QUEUE_STATUSES else None,
            kind=kind or None,
            lead_source=lead_source or None,
            q=q or None,
            ascii_lower=s.get_bind().dialect.name == "postgresql",
            fts=s.get_bind().dialect.name == "sqlite",
        )
        if sort in QUEUE_SORTS:  # issue 17 item 3: a column instead of urgency
            order, sort, dir = lists.order(sort, dir, QUEUE_SORTS, sort)
            query = query.order_by(None).order_by(*order, Task.id)
        else:
            sort, dir = "", ""
        if format == "csv":
            found, _ = queue_page(s, query, 0, lists.EXPORT_LIMIT)
            names = {u.id: u.name for u in s.scalars(select(User))}
            return lists.csv_response(
                "queue.csv",
                [
                    "task_id",
                    "kind",
                    "title",
                    "status",
                    "contact",
                    "email",
                    "account",
                    "owner",
                    "lead_source",
                    "due_on",
                    "created_at",
                    "last_touched_at",
                ],
                (
                    [
                        t.id,
                        t.kind,
                        t.title,
                        t.status,
                        c.name,
                        c.email,
                        a.name,
                        names.get(t.owner_id or 0, ""),
                        t.lead_source,
                        t.follow_up_on or t.due_on,
                        t.created_at.isoformat(),
                        t.last_touched_at.isoformat() if t.last_touched_at else "",
                    ]
                    for t, c, a in found
                ),
            )
        number = page_number(page)
        cap = SEARCH_COUNT_CAP if q else COUNT_CAP  # a search counts its matches less far
        # one owner's urgency order, unfiltered: the never-touched tasks first, from their
        # index (issue 17, fourth pass); a search or a filter sorts the queue as before
        plain = not (sort or q or kind or lead_source) and owner_id is not None
        found, total = queue_page(
            s, query, (number - 1) * PAGE_SIZE, PAGE_SIZE, count_up_to=cap,
            first=untouched_first(query) if plain else None,
        )  # fmt: skip
        rows = PageOf(
            items=found,
            total=min(total, cap),
            number=number,
            size=PAGE_SIZE,
            capped=total > cap,
        )
        owners = {u.id: u for u in s.scalars(select(User).order_by(User.name))}
        items = [(t, c, a, urgency(t, pb, now)) for t, c, a in rows.items]
        lead_sources = list(pb.tasks.lead_sources)
        renewals, accounts_of = renewals_due(s, owner_id, now.date())
    filters = {"status": status, "kind": kind, "lead_source": lead_source, "q": q, "owner": owner}
    shown = {k: v for k, v in filters.items() if v}
    context: dict[str, Any] = dict(
        rows=rows,
        items=items,
        owners=owners,
        owner_id=owner_id,
        filters=filters,
        params={**shown, **({"sort": sort, "dir": dir} if sort else {})},
        shown=shown,
        sort=sort,
        dir=dir,
        reasons=[
            (c.name, [r.name for r in c.reasons if not r.automation_only])
            for c in pb.disqualification.categories
            if any(not r.automation_only for r in c.reasons)
        ],
        **lists.views_context(ctx, "queue"),
        statuses=QUEUE_STATUSES,
        renewals=renewals,
        accounts_of=accounts_of,
        today=now.date(),
        lead_sources=lead_sources,
        flash=pop_flash(ctx.request),
        now=now,
        speed_hours=pb.routing.speed_to_lead_hours,
    )
    if ctx.request.headers.get("hx-target") == "queue-results":
        return render(ctx.request, "tasks/_queue_rows.html", ctx=ctx, **context)
    return render(ctx.request, "tasks/queue.html", ctx=ctx, **context)
