"""Salesforce Data Export (issue 19 item 1): the CSV files of the weekly export service,
with the API field names as headers and 15- or 18-character ids.

Reads ``User``, ``Account``, ``Contact``, ``Lead``, ``Opportunity``,
``OpportunityContactRole``, ``Task`` and ``Event`` (``.csv``, where present; also
``RecordType`` to name opportunity record types) in that order, one row at a time, and
hands each as a record to the writer. Users match salesops users by email (unknown
owners are reported and their records left unowned); converted leads are skipped (their
contact and opportunity come in as such); deleted rows (``IsDeleted``) are skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from salesops.core.geo import country_code, us_state_code
from salesops.flows.imports import values as v
from salesops.flows.imports.accounts import import_accounts
from salesops.flows.imports.activities import import_activities, import_roles
from salesops.flows.imports.contacts import import_contacts
from salesops.flows.imports.deals import import_opportunities
from salesops.flows.imports.mapping import Mapping
from salesops.flows.imports.people import import_leads
from salesops.flows.imports.readers import Source, require_columns
from salesops.flows.imports.records import (
    AccountIn,
    ActivityIn,
    ContactIn,
    LeadIn,
    OpportunityIn,
    RoleIn,
    UserIn,
)
from salesops.flows.imports.writer import Importer, Item

T = TypeVar("T")
OBJECTS = (
    "User",
    "RecordType",
    "Account",
    "Contact",
    "Lead",
    "Opportunity",
    "OpportunityContactRole",
    "Task",
    "Event",
)
# The columns each file must have (a Data Export names them by API field; a report
# export's labels — "Account ID", "Account Name" — are refused naming what is missing).
NEEDED = {
    "User": ("Id", "Email"),
    "RecordType": ("Id", "Name"),
    "Account": ("Id", "Name"),
    "Contact": ("Id", "Email"),
    "Lead": ("Id", "Email", "Status"),
    "Opportunity": ("Id", "AccountId", "StageName"),
    "OpportunityContactRole": ("OpportunityId", "ContactId"),
    "Task": ("Id",),
    "Event": ("Id",),
}
PREFIX = {"001": "Account", "003": "Contact", "00Q": "Lead", "006": "Opportunity"}


def files_in(folder: Path) -> dict[str, Source]:
    """The export's files by object (``Account.csv`` …), case-insensitively."""
    found: dict[str, Source] = {}
    by_lower = {p.name.lower(): p for p in folder.iterdir() if p.is_file()}
    for obj in OBJECTS:
        p = by_lower.get(f"{obj.lower()}.csv")
        if p is not None:
            found[obj] = Source(p)
    return found


def _items(src: Source, obj: str, parse: Callable[[dict[str, Any]], T | None]) -> Iterator[Item[T]]:
    for line, row in src.rows():
        if v.boolean(row.get("IsDeleted")):
            continue
        try:
            rec = parse(row)
        except v.BadValue as exc:
            yield Item(src.name, line, error=str(exc))
            continue
        if rec is not None:
            yield Item(src.name, line, rec)


def _key(row: dict[str, Any], field: str = "Id") -> str:
    key = v.sfid(row.get(field))
    if not key:
        raise v.BadValue(f"{field} is missing")
    return key


def _country(value: Any) -> str | None:
    s = v.text(value)
    return country_code(s) if s else None


def _state(country: str | None, value: Any) -> str | None:
    s = v.text(value)
    return us_state_code(s) if s and country in (None, "US") else None


def user(row: dict[str, Any]) -> UserIn:
    return UserIn(
        _key(row),
        v.email(row.get("Email"), "user email"),
        v.full_name(row.get("FirstName"), row.get("LastName"), row.get("Name")),
    )


def account(row: dict[str, Any]) -> AccountIn:
    country = _country(row.get("BillingCountry") or row.get("ShippingCountry"))
    return AccountIn(
        key=_key(row),
        name=v.text(row.get("Name")) or "",
        website=v.text(row.get("Website")),
        owner_key=v.sfid(row.get("OwnerId")),
        industry=v.text(row.get("Industry")),
        employee_count=v.whole(
            row.get("NumberOfEmployees"), "number of employees", limit=v.EMPLOYEES_MAX
        ),
        estimated_revenue=v.whole(row.get("AnnualRevenue"), "annual revenue"),
        country=country,
        us_state=_state(country, row.get("BillingState") or row.get("ShippingState")),
        created_at=v.moment(row.get("CreatedDate"), "created date"),
    )


class Parsers:
    """Row → record for the objects whose values go through the mapping."""

    def __init__(self, mapping: Mapping, record_types: dict[str, str]) -> None:
        self.mapping, self.record_types = mapping, record_types

    def contact(self, row: dict[str, Any]) -> ContactIn:
        email = v.email(row.get("Email"))
        if email is None:
            raise v.BadValue("email is missing (contacts are matched by email, M-1)")
        country = _country(row.get("MailingCountry") or row.get("OtherCountry"))
        return ContactIn(
            key=_key(row),
            email=email,
            name=v.full_name(row.get("FirstName"), row.get("LastName"), row.get("Name")),
            title=v.text(row.get("Title")),
            account_key=v.sfid(row.get("AccountId")),
            owner_key=v.sfid(row.get("OwnerId")),
            lead_source=self.mapping.lead_source(v.text(row.get("LeadSource"))),
            country=country,
            us_state=_state(country, row.get("MailingState")),
            created_at=v.moment(row.get("CreatedDate"), "created date"),
        )

    def lead(self, row: dict[str, Any]) -> LeadIn | None:
        if v.boolean(row.get("IsConverted")):
            return None
        email = v.email(row.get("Email"))
        if email is None:
            raise v.BadValue("email is missing (leads are matched by email, M-1)")
        status = v.text(row.get("Status"))
        mapped = self.mapping.lead_status(status)
        if mapped == "Converted":  # converted without the flag: the same as converted
            return None
        country = _country(row.get("Country"))
        return LeadIn(
            key=_key(row),
            email=email,
            status=mapped,
            source_status=status,
            name=v.full_name(row.get("FirstName"), row.get("LastName"), row.get("Name")),
            title=v.text(row.get("Title")),
            company=v.text(row.get("Company")),
            website=v.text(row.get("Website")),
            owner_key=v.sfid(row.get("OwnerId")),
            lead_source=self.mapping.lead_source(v.text(row.get("LeadSource"))),
            country=country,
            us_state=_state(country, row.get("State")),
            industry=v.text(row.get("Industry")),
            employee_count=v.whole(
                row.get("NumberOfEmployees"), "number of employees", limit=v.EMPLOYEES_MAX
            ),
            estimated_revenue=v.whole(row.get("AnnualRevenue"), "annual revenue"),
            description=v.text(row.get("Description")),
            created_at=v.moment(row.get("CreatedDate"), "created date"),
        )

    def opportunity(self, row: dict[str, Any]) -> OpportunityIn:
        m = self.mapping
        rt_id = v.sfid(row.get("RecordTypeId"))
        kind = v.text(row.get("Type"))
        record_type = m.record_type(rt_id, self.record_types.get(rt_id or ""), kind)
        pipeline = m.pipeline_of(record_type)
        source_stage = v.text(row.get("StageName")) or ""
        stage = m.stage(pipeline, source_stage)
        st = next(s for s in m.playbook.opportunities.pipelines[pipeline] if s.name == stage)
        return OpportunityIn(
            key=_key(row),
            name=v.text(row.get("Name")) or "",
            account_key=v.sfid(row.get("AccountId")),
            record_type=record_type,
            pipeline=pipeline,
            stage=stage,
            source_stage=source_stage,
            amount=v.money(row.get("Amount"), "amount"),
            close_date=v.day(row.get("CloseDate"), "close date"),
            opp_type=m.opp_type(kind),
            forecast_category=m.forecast(
                v.text(row.get("ForecastCategoryName")), closed=st.closed, won=st.won
            ),
            owner_key=v.sfid(row.get("OwnerId")),
            lead_source=m.lead_source(v.text(row.get("LeadSource"))),
            created_at=v.moment(row.get("CreatedDate"), "created date"),
        )


def role(row: dict[str, Any]) -> RoleIn:
    opp, contact = v.sfid(row.get("OpportunityId")), v.sfid(row.get("ContactId"))
    if not opp or not contact:
        raise v.BadValue("OpportunityId and ContactId are both needed")
    return RoleIn(
        _key(row),
        opp,
        contact,
        v.text(row.get("Role")) or "Contact",
        v.boolean(row.get("IsPrimary")),
    )


def _refs(row: dict[str, Any]) -> dict[str, str | None]:
    refs: dict[str, str | None] = {"Account": v.sfid(row.get("AccountId"))}
    for field in ("WhatId", "WhoId"):
        ref = v.sfid(row.get(field))
        if ref and (obj := PREFIX.get(ref[:3])):
            refs[obj] = refs.get(obj) or ref
    return refs


def task(row: dict[str, Any]) -> ActivityIn:
    subtype = (v.text(row.get("TaskSubtype")) or "").lower()
    kind = {"call": "call", "email": "email_out", "listemail": "email_out"}.get(subtype, "note")
    refs = _refs(row)
    return ActivityIn(
        key=_key(row),
        kind=kind,
        occurred_at=v.moment(
            row.get("CompletedDateTime") or row.get("ActivityDate") or row.get("CreatedDate"),
            "activity date",
        ),
        subject=v.text(row.get("Subject")) or "",
        body=v.text(row.get("Description")) or "",
        account_key=refs.get("Account"),
        opportunity_key=refs.get("Opportunity"),
        contact_key=refs.get("Contact"),
        lead_key=refs.get("Lead"),
        owner_key=v.sfid(row.get("OwnerId")),
    )


def event(row: dict[str, Any]) -> ActivityIn:
    rec = task(row)
    rec.kind = "meeting"
    rec.occurred_at = (
        v.moment(row.get("StartDateTime") or row.get("ActivityDateTime"), "start")
        or rec.occurred_at
    )
    return rec


def record_types(src: Source | None) -> dict[str, str]:
    if src is None:
        return {}
    return {
        k: n
        for _, row in src.rows()
        if (k := v.sfid(row.get("Id"))) and (n := v.text(row.get("Name")))
    }


def plan(folder: Path, mapping: Mapping) -> tuple[list[Source], Callable[[Importer], None]]:
    """The export's sources and the steps that import them, in dependency order."""
    src = files_in(folder)
    for obj, source in src.items():
        require_columns(
            source,
            NEEDED[obj],
            hint="a Salesforce Data Export names its columns by API field name (Id, Name, …)",
        )
    parsers = Parsers(mapping, record_types(src.get("RecordType")))
    loss = str(mapping.data["loss_reason"])

    def steps(imp: Importer) -> None:
        if "User" in src:
            imp.users(_items(src["User"], "User", user))
        if "Account" in src:
            import_accounts(imp, _items(src["Account"], "Account", account))
        if "Contact" in src:
            import_contacts(imp, _items(src["Contact"], "Contact", parsers.contact))
        if "Lead" in src:
            leads = src["Lead"]
            converted = 0

            def lead(row: dict[str, Any]) -> LeadIn | None:
                nonlocal converted
                rec = parsers.lead(row)
                if rec is None:
                    converted += 1
                return rec

            import_leads(imp, _items(leads, "Lead", lead))
            if converted:
                imp.report.count("Lead", "skipped", converted)
                imp.report.notes[
                    "converted lead(s) skipped: their contact and opportunity are imported as such"
                ] += converted
        if "Opportunity" in src:
            import_opportunities(
                imp,
                _items(src["Opportunity"], "Opportunity", parsers.opportunity),
                loss_reason=loss,
            )
        if "OpportunityContactRole" in src:
            import_roles(imp, _items(src["OpportunityContactRole"], "OpportunityContactRole", role))
        if "Task" in src:
            import_activities(imp, _items(src["Task"], "Task", task), "Task")
        if "Event" in src:
            import_activities(imp, _items(src["Event"], "Event", event), "Event")

    return [s for k, s in src.items() if k != "RecordType"], steps
