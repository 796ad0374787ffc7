"""Generic CSV import (issue 19 item 3): one object per file from any system, with a
column mapping file naming, for each field, the header it is in::

    # accounts.yaml                      # contacts.yaml
    id: Customer No                      id: Person ID
    name: Company                        email: E-mail
    website: Web                         name: Full name
    owner: Account manager               account_id: Customer No

Objects and their fields: ``accounts`` (id, name, website, owner, industry, employees,
revenue, country, state, created), ``contacts`` (id, email, name, title, account_id,
company, owner, lead_source, country, state, created), ``leads`` (id, email, name, title,
company, website, owner, status, lead_source, country, state, industry, employees,
revenue, description, created), ``opportunities`` (id, name, account_id, stage, amount,
close_date, type, record_type, forecast_category, owner, lead_source, contact_ids,
created). Values go through the same mapping as the other importers (``--mapping``).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import yaml

from salesops.core.errors import ValidationFailed
from salesops.core.geo import country_code, us_state_code
from salesops.flows.imports import values as v
from salesops.flows.imports.accounts import import_accounts
from salesops.flows.imports.contacts import import_contacts
from salesops.flows.imports.deals import import_opportunities
from salesops.flows.imports.mapping import Mapping
from salesops.flows.imports.people import import_leads
from salesops.flows.imports.readers import Source, require_columns
from salesops.flows.imports.records import AccountIn, ContactIn, LeadIn, OpportunityIn
from salesops.flows.imports.writer import Importer, Item

FIELDS = {
    "accounts": (
        "id",
        "name",
        "website",
        "owner",
        "industry",
        "employees",
        "revenue",
        "country",
        "state",
        "created",
    ),
    "contacts": (
        "id",
        "email",
        "name",
        "title",
        "account_id",
        "company",
        "owner",
        "lead_source",
        "country",
        "state",
        "created",
    ),
    "leads": (
        "id",
        "email",
        "name",
        "title",
        "company",
        "website",
        "owner",
        "status",
        "lead_source",
        "country",
        "state",
        "industry",
        "employees",
        "revenue",
        "description",
        "created",
    ),
    "opportunities": (
        "id",
        "name",
        "account_id",
        "stage",
        "amount",
        "close_date",
        "type",
        "record_type",
        "forecast_category",
        "owner",
        "lead_source",
        "contact_ids",
        "created",
    ),
}
REQUIRED = {
    "accounts": ("id", "name"),
    "contacts": ("id", "email"),
    "leads": ("id", "email"),
    "opportunities": ("id", "name", "account_id", "stage"),
}


def read_columns(path: Path, object_name: str) -> dict[str, str]:
    """The column mapping file: field → header; unknown fields are refused by name."""
    if object_name not in FIELDS:
        raise ValidationFailed(
            f"object {object_name!r} is not one of {', '.join(FIELDS)}", field="object"
        )
    try:
        raw = path.read_text(encoding="utf-8")
        data = json.loads(raw) if path.suffix == ".json" else yaml.safe_load(raw)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        raise ValidationFailed(f"column mapping {path}: {exc}", field="columns") from exc
    if not isinstance(data, dict):
        raise ValidationFailed(
            f"column mapping {path}: expected field: header pairs", field="columns"
        )
    unknown = sorted(set(data) - set(FIELDS[object_name]))
    if unknown:
        raise ValidationFailed(
            f"column mapping {path}: unknown field(s) {', '.join(unknown)} for {object_name} "
            f"(known: {', '.join(FIELDS[object_name])})",
            field="columns",
        )
    missing = [f for f in REQUIRED[object_name] if f not in data]
    if missing:
        raise ValidationFailed(
            f"column mapping {path}: {object_name} need the field(s) {', '.join(missing)}",
            field="columns",
        )
    return {str(k): str(h) for k, h in data.items()}


def _place(get: Callable[[str], Any]) -> tuple[str | None, str | None]:
    c = v.text(get("country"))
    code = country_code(c) if c else None
    s = v.text(get("state"))
    return code, (us_state_code(s) if s and code in (None, "US") else None)


def parser(
    object_name: str, columns: dict[str, str], mapping: Mapping
) -> Callable[[dict[str, Any]], Any]:
    def make(row: dict[str, Any]) -> Any:
        def get(field: str) -> Any:
            header = columns.get(field)
            return row.get(header) if header else None

        key = v.text(get("id"))
        if not key:
            raise v.BadValue(f"{columns['id']} (the id) is missing")
        country, state = _place(get)
        if object_name == "accounts":
            return AccountIn(
                key=key,
                name=v.text(get("name")) or "",
                website=v.text(get("website")),
                owner_key=v.text(get("owner")),
                industry=v.text(get("industry")),
                employee_count=v.whole(get("employees"), "employees", limit=v.EMPLOYEES_MAX),
                estimated_revenue=v.whole(get("revenue"), "revenue"),
                country=country,
                us_state=state,
                created_at=v.moment(get("created"), "created"),
            )
        if object_name in ("contacts", "leads"):
            email = v.email(get("email"))
            if email is None:
                raise v.BadValue(f"{columns['email']} (the email) is missing")
            common: dict[str, Any] = {
                "key": key,
                "email": email,
                "name": v.text(get("name")) or "",
                "title": v.text(get("title")),
                "company": v.text(get("company")),
                "owner_key": v.text(get("owner")),
                "lead_source": mapping.lead_source(v.text(get("lead_source"))),
                "country": country,
                "us_state": state,
                "created_at": v.moment(get("created"), "created"),
            }
            if object_name == "contacts":
                return ContactIn(account_key=v.text(get("account_id")), **common)
            status = v.text(get("status"))
            mapped = mapping.lead_status(status)
            if mapped == "Converted":
                raise v.BadValue(
                    f"status {status!r}: a converted lead is imported as its opportunity"
                )
            return LeadIn(
                status=mapped,
                source_status=status,
                website=v.text(get("website")),
                industry=v.text(get("industry")),
                employee_count=v.whole(get("employees"), "employees", limit=v.EMPLOYEES_MAX),
                estimated_revenue=v.whole(get("revenue"), "revenue"),
                description=v.text(get("description")),
                **common,
            )
        kind = v.text(get("type"))
        record_type = mapping.record_type(v.text(get("record_type")), kind)
        pipeline = mapping.pipeline_of(record_type)
        source_stage = v.text(get("stage")) or ""
        stage = mapping.stage(pipeline, source_stage)
        st = next(s for s in mapping.playbook.opportunities.pipelines[pipeline] if s.name == stage)
        contact_ids = (v.text(get("contact_ids")) or "").replace(",", ";").split(";")
        return OpportunityIn(
            key=key,
            name=v.text(get("name")) or "",
            account_key=v.text(get("account_id")),
            record_type=record_type,
            pipeline=pipeline,
            stage=stage,
            source_stage=source_stage,
            amount=v.money(get("amount"), "amount"),
            close_date=v.day(get("close_date"), "close date"),
            opp_type=mapping.opp_type(kind),
            forecast_category=mapping.forecast(
                v.text(get("forecast_category")), closed=st.closed, won=st.won
            ),
            owner_key=v.text(get("owner")),
            lead_source=mapping.lead_source(v.text(get("lead_source"))),
            contact_keys=[c.strip() for c in contact_ids if c.strip()],
            created_at=v.moment(get("created"), "created"),
        )

    return make


def _items(src: Source, parse: Callable[[dict[str, Any]], Any]) -> Iterator[Item[Any]]:
    for line, row in src.rows():
        try:
            yield Item(src.name, line, parse(row))
        except v.BadValue as exc:
            yield Item(src.name, line, error=str(exc))


def plan(
    mapping: Mapping, object_name: str, path: Path, columns_path: Path
) -> tuple[list[Source], Callable[[Importer], None]]:
    columns = read_columns(columns_path, object_name)
    src = Source(path)
    require_columns(
        src, columns.values(), hint=f"the column mapping {columns_path.name} names them"
    )
    parse = parser(object_name, columns, mapping)
    loss = str(mapping.data["loss_reason"])

    def steps(imp: Importer) -> None:
        items = _items(src, parse)
        if object_name == "accounts":
            import_accounts(imp, items, obj="accounts")
        elif object_name == "contacts":
            import_contacts(imp, items, obj="contacts", account_obj="accounts")
        elif object_name == "leads":
            import_leads(imp, items, obj="leads")
        else:
            import_opportunities(
                imp,
                items,
                loss_reason=loss,
                obj="opportunities",
                account_obj="accounts",
                contact_obj="contacts",
            )

    return [src], steps
