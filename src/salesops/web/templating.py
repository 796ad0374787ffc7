"""Jinja2 templates shared by every domain's HTML routes, with a few display filters."""

from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from fastapi.templating import Jinja2Templates

from salesops.core import clock
from salesops.core.outbox_rules import one_line_reason

TEMPLATE_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"
HTMX = "vendor/htmx-2.0.11.min.js"
CHART_JS = "vendor/chart-4.5.1.umd.min.js"  # Chart.js 4.5.1, MIT (vendor/chart.js-LICENSE.txt)
SORTABLE_JS = "vendor/sortable-1.15.7.min.js"  # SortableJS 1.15.7, MIT (sortablejs-LICENSE.txt)


def fmt_dt(value: datetime | date | None, fmt: str = "%Y-%m-%d %H:%M") -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return clock.aware(value).strftime(fmt + " UTC" if "%H" in fmt else fmt)
    return value.strftime("%Y-%m-%d")


def fmt_age(value: datetime | None, now: datetime | None = None) -> str:
    """A short relative age: '3h', '2d 4h', '15m'."""
    if value is None:
        return "—"
    seconds = int(((now or clock.now()) - clock.aware(value)).total_seconds())
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    if days:
        return f"{sign}{days}d {hours}h" if hours else f"{sign}{days}d"
    if hours:
        return f"{sign}{hours}h"
    return f"{sign}{rest // 60}m"


def fmt_money(value: Decimal | int | float | None) -> str:
    if value is None:
        return "—"
    return f"${int(round(float(value))):,}"


def fmt_json(value: Any) -> str:
    return json.dumps(value, indent=2, sort_keys=True, default=str, ensure_ascii=False)


def make_templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATE_DIR))
    env = templates.env
    env.globals["app_name"] = "salesops"
    env.globals["htmx_js"] = "/static/" + HTMX
    env.globals["chart_js"] = "/static/" + CHART_JS
    env.globals["sortable_js"] = "/static/" + SORTABLE_JS
    env.filters["dt"] = fmt_dt
    env.filters["age"] = fmt_age
    env.filters["money"] = fmt_money
    env.filters["pretty"] = fmt_json
    env.filters["reason"] = one_line_reason  # a dead letter's error in one line
    return templates
