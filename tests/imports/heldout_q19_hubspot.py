"""Held-out style HubSpot export for q19 (issue 19): companies CSV, contacts XLSX, deals CSV
with display-name headers and custom columns, owners as "Name (email)", email or name,
amounts "1,234.50", close dates "2024-03-05 00:00" and "03/05/2024"; expected numbers
computed from the rows."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

from tests.imports.heldout_q19 import FREE, Expect

HS_OWNERS = ["Anna (anna@ourco.com)", "ben@ourco.com", "Olga", "Zed Zero (zed@gone.io)", ""]
HS_OWNER_MAIL = ["anna@ourco.com", "ben@ourco.com", "olga@ourco.com", None, None]
HS_STAGES = [  # (as exported, won, closed)
    ("appointmentscheduled", False, False),
    ("Qualified To Buy", False, False),
    ("presentationscheduled", False, False),
    ("Decision Maker Bought-In", False, False),
    ("contractsent", False, False),
    ("closedwon", True, True),
    ("Closed Lost", False, True),
]
HS_LEAD = {
    "New": "New",
    "Open": "New",
    "In Progress": "Working",
    "Bad Timing": "Nurturing",
    "Attempted to Contact": "Working",
    "Unqualified": "Unqualified",
}
HS_LIFECYCLE = [
    "subscriber",
    "lead",
    "Marketing Qualified Lead",
    "salesqualifiedlead",
    "opportunity",
    "customer",
    "evangelist",
    "other",
]


def _write_csv(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow([r.get(h, "") for h in header])


def _write_xlsx(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Contacts")
    ws.append(header)
    for r in rows:
        ws.append([r.get(h) or None for h in header])
    wb.save(path)


def hubspot(dir_: Path) -> tuple[Expect, dict[str, Path]]:  # noqa: PLR0915
    """Companies CSV, contacts XLSX, deals CSV, as a portal exports them."""
    dir_.mkdir(parents=True, exist_ok=True)
    e = Expect()
    comp_h = [
        "Record ID",
        "Company name",
        "Company Domain Name",
        "Company owner",
        "Create Date",
        "Number of Employees",
        "Annual Revenue",
        "Industry",
        "Country/Region",
        "City",
        "Lifecycle Stage",
        "Kundennummer (custom)",
    ]
    companies = []
    for i in range(80):
        dup = i % 20 == 19
        dom = f"co{i - 1:03d}.net" if dup else f"co{i:03d}.net"
        companies.append(
            {
                "Record ID": str(9000000 + i),
                "Company name": f"Co {i} Ltd",
                "Company Domain Name": dom if i % 3 else f"www.{dom}",
                "Company owner": HS_OWNERS[i % 5],
                "Create Date": "2024-03-05 14:22",
                "Number of Employees": f"{(i + 1) * 110:,}",
                "Annual Revenue": f"{(i + 1) * 1000000}",
                "Industry": "COMPUTER_SOFTWARE",
                "Country/Region": "Germany",
                "City": "Köln",
                "Lifecycle Stage": "customer",
                "Kundennummer (custom)": f"K-{i}",
            }
        )
        e.accounts += 0 if dup else 1
    con_h = [
        "Record ID",
        "First Name",
        "Last Name",
        "Email",
        "Additional email addresses",
        "Phone Number",
        "Contact owner",
        "Lifecycle Stage",
        "Lead Status",
        "Create Date",
        "Associated Company IDs (Primary)",
        "Associated Company",
        "Job Title",
        "Country/Region",
        "Lieblingsfarbe (custom)",
    ]
    contacts = []
    for k in range(150):
        i = k % 80
        status = list(HS_LEAD)[k % 6] if k % 4 == 0 else ""
        life = HS_LIFECYCLE[k % 8]
        contacts.append(
            {
                "Record ID": str(5000000 + k),
                "First Name": f"Hal{k}",
                "Last Name": "Hub",
                "Email": f"hal{k}@{companies[i]['Company Domain Name'].removeprefix('www.')}",
                "Additional email addresses": f"hal{k}@old.example;h{k}@gmail.com"
                if k % 9 == 0
                else "",
                "Contact owner": HS_OWNERS[k % 5],
                "Lifecycle Stage": life,
                "Lead Status": status,
                "Create Date": "2024-03-05 00:00",
                "Associated Company IDs (Primary)": str(9000000 + i),
                "Associated Company": companies[i]["Company name"],
                "Job Title": "CTO",
                "Country/Region": "Germany",
                "Lieblingsfarbe (custom)": "blau",
            }
        )
        e.contacts += 1
        is_lead = bool(status) or life.lower().replace(" ", "") in (
            "lead",
            "marketingqualifiedlead",
            "salesqualifiedlead",
        )
        if is_lead:
            e.lead_tasks += 1
            got = HS_LEAD.get(status, "New")
            e.statuses[got] = e.statuses.get(got, 0) + 1
    for k in range(8):  # free mail, no company: an account each (M-2)
        mail = f"indie{k}@{FREE[k % 4]}"
        contacts.append(
            {
                "Record ID": str(5100000 + k),
                "First Name": "Indie",
                "Last Name": str(k),
                "Email": mail,
                "Lifecycle Stage": "subscriber",
                "Contact owner": "ben@ourco.com",
            }
        )
        e.contacts += 1
        e.accounts += 1
        e.free_mail_alone.append(mail)
    contacts.append({"Record ID": "5200000", "First Name": "No", "Email": "no-at-sign.example.com"})
    e.bad.add(("contacts.xlsx", len(contacts) + 1))
    deal_h = [
        "Record ID",
        "Deal Name",
        "Deal Stage",
        "Pipeline",
        "Amount",
        "Close Date",
        "Deal owner",
        "Create Date",
        "Deal Type",
        "Associated Company IDs (Primary)",
        "Associated Contact IDs",
        "Currency",
        "Deal probability",
    ]
    deals = []
    for k in range(100):
        i = k % 80
        stage, won, closed = HS_STAGES[k % 7]
        amount = Decimal(f"{1000 + 37 * k}.{(k * 7) % 100:02d}")
        mon, day = 1 + k % 12, 1 + k % 28
        close_iso = f"2026-{mon:02d}-{day:02d}"
        name = f"HS deal {k}"
        deals.append(
            {
                "Record ID": str(7000000 + k),
                "Deal Name": name,
                "Deal Stage": stage,
                "Pipeline": "Sales Pipeline" if k % 2 else "default",
                "Amount": f"{amount:,.2f}",
                "Close Date": f"{close_iso} 00:00" if k % 2 else f"{mon:02d}/{day:02d}/2026",
                "Deal owner": HS_OWNERS[(k + 2) % 5],
                "Create Date": "2025-01-01 10:00",
                "Deal Type": "newbusiness",
                "Associated Company IDs (Primary)": str(9000000 + i),
                "Associated Contact IDs": str(5000000 + k),
                "Currency": "EUR",
            }
        )
        e.opps += 1
        e.amount += amount
        e.close[name] = close_iso
        e.opp_owner[name] = HS_OWNER_MAIL[(k + 2) % 5]
        if won:
            e.won += 1
            e.won_amount += amount
    files = {
        "companies": dir_ / "hubspot-crm-exports-all-companies-2026-12-07.csv",
        "contacts": dir_ / "contacts.xlsx",
        "deals": dir_ / "deals.csv",
    }
    _write_csv(files["companies"], comp_h, companies)
    _write_xlsx(files["contacts"], con_h, contacts)
    _write_csv(files["deals"], deal_h, deals)
    return e, files
