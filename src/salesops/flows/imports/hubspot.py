"""HubSpot exports (issue 19 item 2): the companies, contacts and deals files as HubSpot
writes them — CSV or XLSX, display-name headers ("Record ID", "Company name", "Company
Domain Name", "Contact owner", "Deal Stage", "Associated Company IDs (Primary)", …).

Companies become accounts (M-2 by their domain); contacts become contacts on their
primary company (or by their email's domain); a contact with a lead status, or in the
lead stages of its lifecycle, also becomes a lead task (L-1); deals become
opportunities with their stage mapped per pipeline (Q-4, Q-5). Owners are names or
emails of salesops users; others are reported and left unowned.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from salesops.core.geo import country_code, us_state_code
from salesops.flows.imports import values as v
from salesops.flows.imports.accounts import import_accounts
from salesops.flows.imports.contacts import import_contacts
from salesops.flows.imports.deals import import_opportunities
from salesops.flows.imports.mapping import Mapping, norm
from salesops.flows.imports.people import import_leads
from salesops.flows.imports.readers import Source, require_columns
from salesops.flows.imports.records import AccountIn, ContactIn, LeadIn, OpportunityIn
from salesops.flows.imports.writer import Importer, Item

T = TypeVar("T")
LEAD_LIFECYCLE = {  # a Subscriber only opted in to hear from us: a contact, not a lead
    "lead",
    "marketingqualifiedlead",
    "salesqualifiedlead",
    "marketing qualified lead",
    "sales qualified lead",
}


def _get(row: dict[str, Any], *names: str) -> Any:
    """The first of ``names`` present (exports name some columns differently over time)."""
    for n in names:
        if n in row and row[n] not in (None, ""):
            return row[n]
    return None


def _first_id(value: Any) -> str | None:
    """Associated ids come as ``123;456``: the first (the primary column gives one)."""
    s = v.text(value)
    if s is None:
        return None
    first = s.replace(",", ";").split(";")[0].strip()
    if first.endswith(".0"):  # an XLSX cell read as a number
        first = first[:-2]
    return first or None


ID_COLUMNS = ("Record ID", "Company ID", "Contact ID", "Deal ID")


def _key(row: dict[str, Any]) -> str:
    key = _first_id(_get(row, *ID_COLUMNS))
    if not key:
        raise v.BadValue("Record ID is missing")
    return key


def _items(src: Source, parse: Callable[[dict[str, Any]], T | None]) -> Iterator[Item[T]]:
    for line, row in src.rows():
        try:
            rec = parse(row)
        except v.BadValue as exc:
            yield Item(src.name, line, error=str(exc))
            continue
        if rec is not None:
            yield Item(src.name, line, rec)


def _place(row: dict[str, Any]) -> tuple[str | None, str | None]:
    country = v.text(_get(row, "Country/Region", "Country"))
    code = country_code(country) if country else None
    state = v.text(_get(row, "State/Region", "State"))
    return code, (us_state_code(state) if state and code in (None, "US") else None)


def company(row: dict[str, Any]) -> AccountIn:
    country, state = _place(row)
    return AccountIn(
        key=_key(row),
        name=v.text(_get(row, "Company name", "Name")) or "",
        website=v.text(_get(row, "Company Domain Name", "Website URL", "Domain")),
        owner_key=v.text(_get(row, "Company owner", "Owner")),
        industry=v.text(_get(row, "Industry")),
        employee_count=v.whole(
            _get(row, "Number of Employees"), "number of employees", limit=v.EMPLOYEES_MAX
        ),
        estimated_revenue=v.whole(_get(row, "Annual Revenue"), "annual revenue"),
        country=country,
        us_state=state,
        created_at=v.moment(_get(row, "Create Date"), "create date"),
    )


class Parsers:
    def __init__(self, mapping: Mapping) -> None:
        self.mapping = mapping

    def _person(self, row: dict[str, Any]) -> dict[str, Any]:
        email = v.email(_get(row, "Email"))
        if email is None:
            raise v.BadValue("Email is missing (contacts are matched by email, M-1)")
        country, state = _place(row)
        return {
            "key": _key(row),
            "email": email,
            "name": v.full_name(_get(row, "First Name"), _get(row, "Last Name")),
            "title": v.text(_get(row, "Job Title")),
            "company": v.text(_get(row, "Company Name", "Associated Company")),
            "owner_key": v.text(_get(row, "Contact owner", "Owner")),
            "lead_source": self.mapping.lead_source(
                v.text(_get(row, "Original Source", "Original Traffic Source", "Lead Source"))
            ),
            "country": country,
            "us_state": state,
            "created_at": v.moment(_get(row, "Create Date"), "create date"),
        }

    def contact(self, row: dict[str, Any]) -> ContactIn:
        p = self._person(row)
        company_key = _first_id(
            _get(
                row,
                "Associated Company IDs (Primary)",
                "Primary Associated Company ID",
                "Associated Company IDs",
                "Company ID",
            )
        )
        return ContactIn(account_key=company_key, **p)

    def lead(self, row: dict[str, Any]) -> LeadIn | None:
        """A contact with a lead status or in a lead lifecycle stage is also a lead task;
        a row bad as a contact was reported by the contacts pass already."""
        status = v.text(_get(row, "Lead Status"))
        stage = norm(v.text(_get(row, "Lifecycle Stage")) or "")
        if status is None and stage not in LEAD_LIFECYCLE:
            return None
        try:
            p = self._person(row)
        except v.BadValue:
            return None
        mapped = self.mapping.lead_status(status)
        if mapped == "Converted":  # its deal comes in from the deals file
            return None
        return LeadIn(status=mapped, source_status=status, **p)

    def deal(self, row: dict[str, Any]) -> OpportunityIn:
        m = self.mapping
        kind = v.text(_get(row, "Deal Type"))
        pipeline_name = v.text(_get(row, "Pipeline"))
        record_type = m.record_type(pipeline_name, kind)  # the pipeline first, as a record type
        pipeline = m.pipeline_of(record_type)
        source_stage = v.text(_get(row, "Deal Stage")) or ""
        try:
            stage = m.stage(pipeline, source_stage)
        except v.BadValue:  # "Contract Sent (Sales Pipeline)": the label without its pipeline
            if not source_stage.endswith(")") or "(" not in source_stage:
                raise
            stage = m.stage(pipeline, source_stage.rsplit("(", 1)[0])
        st = next(s for s in m.playbook.opportunities.pipelines[pipeline] if s.name == stage)
        contacts = v.text(_get(row, "Associated Contact IDs", "Associated Contact IDs (Primary)"))
        return OpportunityIn(
            key=_key(row),
            name=v.text(_get(row, "Deal Name")) or "",
            account_key=_first_id(
                _get(
                    row,
                    "Associated Company IDs (Primary)",
                    "Associated Company IDs",
                    "Associated Company ID",
                )
            ),
            record_type=record_type,
            pipeline=pipeline,
            stage=stage,
            source_stage=source_stage,
            amount=v.money(_get(row, "Amount"), "amount"),
            close_date=v.day(_get(row, "Close Date"), "close date"),
            opp_type=m.opp_type(kind),
            forecast_category=m.forecast(
                v.text(_get(row, "Forecast category", "Forecast Category")),
                closed=st.closed,
                won=st.won,
            ),
            owner_key=v.text(_get(row, "Deal owner", "Owner")),
            lead_source=None,
            contact_keys=[
                c
                for c in (_first_id(x) for x in (contacts or "").replace(",", ";").split(";"))
                if c
            ],
            created_at=v.moment(_get(row, "Create Date"), "create date"),
        )


def plan(
    mapping: Mapping, *, companies: Path | None, contacts: Path | None, deals: Path | None
) -> tuple[list[Source], Callable[[Importer], None]]:
    p = Parsers(mapping)
    loss = str(mapping.data["loss_reason"])
    comp = Source(companies) if companies else None
    cont = Source(contacts) if contacts else None
    lead_src = Source(contacts) if contacts else None  # the same file, read again for leads
    deal = Source(deals) if deals else None
    # Each file's header is checked once before any row (a wrong file or a label
    # export is refused naming the missing column, not turned into a bad row per line).
    names = ("Company name", "Name", "Company Domain Name", "Website URL", "Domain")
    for source, groups in (
        (comp, (ID_COLUMNS, names)),
        (cont, (ID_COLUMNS, ("Email",))),
        (deal, (ID_COLUMNS, ("Deal Stage",))),
    ):
        if source is None:
            continue
        have = set(source.header() or [])
        # a group is met by any of its names; a missing group is named by its first
        needed = [g[0] for g in groups if not have & set(g)]
        require_columns(source, needed, hint="is this HubSpot's export of that object?")

    def steps(imp: Importer) -> None:
        if comp is not None:
            import_accounts(imp, _items(comp, company), obj="company")
        if cont is not None and lead_src is not None:
            import_contacts(imp, _items(cont, p.contact), obj="contact", account_obj="company")
            import_leads(imp, _items(lead_src, p.lead), obj="lead")
        if deal is not None:
            import_opportunities(
                imp,
                _items(deal, p.deal),
                loss_reason=loss,
                obj="deal",
                account_obj="company",
                contact_obj="contact",
            )

    return [s for s in (comp, cont, lead_src, deal) if s is not None], steps
