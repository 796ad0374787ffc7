"""Mail merge for email templates kept in the playbook (issue 20 item 1).

Templates are Jinja2 rendered in a ``SandboxedEnvironment`` (an admin writes them, a
customer's name fills them: neither can reach Python objects) with ``StrictUndefined``,
so a misspelt merge field is a clear error naming it, never an empty gap in a mail
a customer reads. Autoescaping is off: the mail body is plain text.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from salesops.core.errors import ValidationFailed

MAX_OUTPUT = 100_000  # characters of a rendered body


@lru_cache(maxsize=1)
def environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(
        undefined=StrictUndefined, autoescape=False, keep_trailing_newline=True
    )


def check_template(text: str) -> str | None:
    """The syntax error in ``text`` (for the playbook's validation, P-1), or None."""
    try:
        environment().parse(text)
    except TemplateSyntaxError as exc:
        return f"line {exc.lineno}: {exc.message}"
    return None


def render(text: str, fields: dict[str, Any], *, field: str = "body") -> str:
    """``text`` with its merge fields filled; a missing field or a forbidden operation is
    a ``ValidationFailed`` naming the form ``field`` and the merge field at fault."""
    try:
        out = environment().from_string(text).render(**fields)
    except UndefinedError as exc:
        raise ValidationFailed(
            f"{field}: the merge field {_name(exc)} has no value here", field=field
        ) from None
    except TemplateSyntaxError as exc:
        raise ValidationFailed(f"{field}: line {exc.lineno}: {exc.message}", field=field) from None
    except SecurityError as exc:
        raise ValidationFailed(f"{field}: not allowed in a template: {exc}", field=field) from None
    if len(out) > MAX_OUTPUT:
        raise ValidationFailed(f"{field}: longer than {MAX_OUTPUT} characters", field=field)
    return out


def _name(exc: UndefinedError) -> str:
    message = str(exc.message or "")
    return message.split(" is undefined")[0] if " is undefined" in message else message
