"""Forms in the web app validated by the same Pydantic schemas as the API.

A browser form sends strings; ``read`` keeps the fields that were on the form
(blank → ``None``), ``validated`` runs the API's schema and turns its first error
into a ``ValidationFailed`` naming the field in human words (issue 17 item 9:
"Amount (ARR) must be a number", never ``amount: value is not a valid decimal``).
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from salesops.core.errors import ValidationFailed

M = TypeVar("M", bound=BaseModel)

# Field names as people read them; a field not listed reads as its words ("term months").
LABELS = {
    "amount": "Amount (ARR)",
    "close_date": "Close date",
    "contract_start": "Contract start",
    "contract_link": "Contract link",
    "discount_pct": "Discount %",
    "total_credit_amount": "Total credit amount",
    "term_months": "Term (months)",
    "opp_type": "Type",
    "next_step": "Next step",
    "next_step_date": "Next step date",
    "employee_count": "Employees",
    "estimated_revenue": "Estimated revenue",
    "total_funding": "Total funding",
    "owner_id": "Owner",
    "email": "Email",
    "lead_source": "Lead source",
    "us_state": "US state",
    "mrr": "MRR",
    "follow_up_on": "Follow-up date",
    "second_call_on": "Second call date",
    "starts_on": "First day",
    "ends_on": "Last day",
    "user_id": "Person",
    "task_id": "Task id",
    "account_id": "Account id",
    "contact_id": "Contact id",
    "opp_id": "Opportunity id",
}

MESSAGES = {
    "decimal_parsing": "must be a number",
    "int_parsing": "must be a whole number",
    "float_parsing": "must be a number",
    "date_from_datetime_parsing": "must be a date (YYYY-MM-DD)",
    "date_parsing": "must be a date (YYYY-MM-DD)",
    "missing": "is required",
    "string_too_short": "is required",
    "value_error": "is not valid",
}


def label(field: str) -> str:
    return LABELS.get(field, field.replace("_", " ").capitalize())


def read(form: Any, fields: list[str] | tuple[str, ...]) -> dict[str, Any]:
    """The listed fields that the form carried, stripped; a blank one is ``None``."""
    out: dict[str, Any] = {}
    for name in fields:
        if name in form:
            value = str(form.get(name) or "").strip()
            out[name] = value or None
    return out


def human_error(exc: ValidationError) -> ValidationFailed:
    return human_failure(dict(exc.errors()[0]))


def human_failure(err: dict[str, Any]) -> ValidationFailed:
    """One Pydantic error (a schema's, or a request's: its ``loc`` may start with
    ``path``/``query``/``body``) as a ``ValidationFailed`` in human words."""
    loc = [str(p) for p in err.get("loc", ()) if not isinstance(p, int)]
    if len(loc) > 1 and loc[0] in ("body", "query", "path", "header", "cookie"):
        loc = loc[1:]
    field = loc[-1] if loc else "form"
    if len(loc) > 1 and loc[0] in LABELS:
        field = loc[0]
    kind = str(err.get("type", ""))
    message = MESSAGES.get(kind)
    if message is None:
        ctx = err.get("ctx") or {}
        if kind in ("greater_than_equal", "greater_than"):
            message = f"must be at least {ctx.get('ge', ctx.get('gt'))}"
        elif kind in ("less_than_equal", "less_than"):
            message = f"must be at most {ctx.get('le', ctx.get('lt'))}"
        elif kind == "string_too_long":
            message = f"must be at most {ctx.get('max_length')} characters"
        elif kind == "decimal_max_places":
            message = f"takes at most {ctx.get('decimal_places')} decimals"
        else:
            message = str(err.get("msg", "is not valid")).replace("Value error, ", "").lower()
            message = message if message.startswith(("must", "is")) else f"is not valid: {message}"
    return ValidationFailed(f"{label(field)} {message}", field=".".join(loc) or field)


def validated(model: type[M], data: dict[str, Any]) -> M:
    """``model.model_validate(data)`` with its first error in human words."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise human_error(exc) from None


def int_or_none(value: Any, field: str) -> int | None:
    text = str(value or "").strip()
    if not text:
        return None
    try:
        return int(text)
    except ValueError:
        raise ValidationFailed(f"{label(field)} must be a whole number", field=field) from None
