"""Held-out style export generators for q19 (issue 19): a Salesforce Data Export and a
HubSpot export written the way the real ones look, with the expected numbers computed
here from the rows themselves (never from the importer).

Salesforce: UTF-8 with a BOM, CRLF, every field quoted, multi-line Descriptions, 15- and
18-character ids mixed (real checksums), `IsDeleted`, `CurrencyIsoCode`, datetimes as
2024-03-05T14:22:10.000Z, en-dash picklists, empty / unknown / queue owners, Person
Accounts, converted leads. HubSpot: display-name headers plus custom columns, owners
as "Name (email)", amounts "1,234.50", close dates "2024-03-05 00:00" and "03/05/2024".
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

FREE = ("gmail.com", "yahoo.com", "hotmail.com", "outlook.com")
_CK = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345"


def cols(header: str) -> list[str]:
    """A header line as its column names."""
    return header.split(",")


def id18(id15: str) -> str:
    """Salesforce's case-safe suffix: one letter per 5 characters, a bit per capital."""
    out = ""
    for chunk in (id15[0:5], id15[5:10], id15[10:15]):
        bits = sum(1 << i for i, ch in enumerate(chunk) if "A" <= ch <= "Z")
        out += _CK[bits]
    return id15 + out


def sfid(prefix: str, n: int) -> str:
    """A 15-character id with capitals in it, so the suffix is not "AAA"."""
    return f"{prefix}5G0Qx{n:07d}"


def write_sf(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
        w.writerow(header)
        for r in rows:
            w.writerow([r.get(h, "") for h in header])


@dataclass
class Expect:
    accounts: int = 0
    contacts: int = 0
    lead_tasks: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    opps: int = 0
    amount: Decimal = Decimal(0)
    won_amount: Decimal = Decimal(0)
    won: int = 0
    opp_owner: dict[str, str | None] = field(default_factory=dict)  # name → owner email
    free_mail_alone: list[str] = field(default_factory=list)
    bad: set[tuple[str, int]] = field(default_factory=set)
    close: dict[str, str] = field(default_factory=dict)


USERS = {  # Salesforce user → salesops email (None: not in salesops)
    sfid("005", 1): "anna@ourco.com",
    sfid("005", 2): "ben@ourco.com",
    sfid("005", 3): "olga@ourco.com",
    sfid("005", 4): None,  # left the company, never in salesops
}
QUEUE = "00G5G0Qx0000009"
OWNER_CYCLE = [sfid("005", 1), sfid("005", 2), sfid("005", 3), sfid("005", 4), "", QUEUE]
STAGES = [
    ("Prospecting", False, False),
    ("Qualification", False, False),
    ("Needs Analysis", False, False),
    ("Value Proposition", False, False),
    ("Id. Decision Makers", False, False),
    ("Proposal/Price Quote", False, False),
    ("Negotiation/Review", False, False),
    ("Closed Won", True, True),
    ("Closed Lost", True, False),
]
LEAD_STATUS = [
    ("Open - Not Contacted", "New"),
    ("Working - Contacted", "Working"),
    ("Closed – Not Converted", "Unqualified"),  # en dash, as orgs type it
    ("Nurturing", "Nurturing"),
]

ACC_H = cols(
    "Id,IsDeleted,MasterRecordId,Name,Type,RecordTypeId,ParentId,BillingStreet,"
    "BillingCity,BillingState,BillingPostalCode,BillingCountry,Phone,Website,"
    "Industry,AnnualRevenue,NumberOfEmployees,Description,CurrencyIsoCode,OwnerId,"
    "CreatedDate,LastModifiedDate,IsPersonAccount,PersonEmail,Customer_Tier__c"
)
CON_H = cols(
    "Id,IsDeleted,MasterRecordId,AccountId,LastName,FirstName,Salutation,Name,Title,"
    "Email,Phone,MailingCountry,LeadSource,Description,OwnerId,CurrencyIsoCode,"
    "CreatedDate,HasOptedOutOfEmail,IsEmailBounced"
)
LEAD_H = cols(
    "Id,IsDeleted,LastName,FirstName,Name,Title,Company,Email,Phone,Country,Website,"
    "Description,LeadSource,Status,Industry,AnnualRevenue,NumberOfEmployees,OwnerId,"
    "IsConverted,ConvertedDate,ConvertedAccountId,ConvertedContactId,"
    "ConvertedOpportunityId,IsUnreadByOwner,CreatedDate,CurrencyIsoCode"
)
OPP_H = cols(
    "Id,IsDeleted,AccountId,RecordTypeId,IsPrivate,Name,Description,StageName,Amount,"
    "Probability,CloseDate,Type,NextStep,LeadSource,IsClosed,IsWon,ForecastCategory,"
    "ForecastCategoryName,CurrencyIsoCode,OwnerId,CreatedDate,FiscalQuarter,"
    "FiscalYear"
)
USER_H = cols("Id,Username,LastName,FirstName,Name,Email,IsActive,UserType,ProfileId")

N_ACC = 120
DELETED_ACC = {5, 50}


def _merged(i: int) -> bool:
    return i % 15 == 14


def _domain(i: int) -> str:
    return f"firm{i - 1:03d}.com" if _merged(i) else f"firm{i:03d}.com"


def _website(i: int) -> str:
    d = _domain(i)
    return [d, f"www.{d}", f"http://{d}", f"https://www.{d}/en/"][i % 4]


def _ref(sid: str, i: int) -> str:
    """15 or 18 characters, alternating, as references in real exports mix."""
    return sid if i % 2 else id18(sid)


def salesforce(dir_: Path, *, later: bool = False) -> Expect:  # noqa: C901, PLR0915
    """Write the export; ``later`` is the next week's export (5 deals moved, 1 amount)."""
    dir_.mkdir(parents=True, exist_ok=True)
    e = Expect()
    users = [
        {
            "Id": id18(u),
            "Username": (mail or "gone@oldorg.com") + ".sf",
            "LastName": (mail or "gone").split("@")[0].title(),
            "FirstName": "",
            "Name": (mail or "gone").split("@")[0].title(),
            "Email": mail or "gone@oldorg.com",
            "IsActive": "true" if mail else "false",
            "UserType": "Standard",
            "ProfileId": "00e5G0Qx0000001AAA",
        }
        for u, mail in USERS.items()
    ]
    write_sf(dir_ / "User.csv", USER_H, users)

    accounts, owner_of = [], {}
    for i in range(N_ACC):
        sid = sfid("001", i)
        owner = OWNER_CYCLE[i % len(OWNER_CYCLE)]
        accounts.append(
            {
                "Id": id18(sid),
                "IsDeleted": "true" if i in DELETED_ACC else "false",
                "Name": f"Firm {i:03d}, Inc." if not _merged(i) else f"Firm {i - 1:03d} GmbH",
                "Type": "Customer - Direct",
                "BillingCity": "München" if i % 7 == 0 else "Austin",
                "BillingCountry": "Germany" if i % 7 == 0 else "United States",
                "Website": _website(i),
                "Industry": "Software",
                "AnnualRevenue": f"{(i + 1) * 250000}.00",
                "NumberOfEmployees": str(10 + i * 7),
                "Description": f'Key account, "tier {i % 3}".\nRenewal talks\r\nsee Q3 notes',
                "CurrencyIsoCode": "EUR" if i % 7 == 0 else "USD",
                "OwnerId": _ref(owner, i) if owner.startswith("005") else owner,
                "CreatedDate": f"2023-0{1 + i % 9}-1{i % 10}T14:22:10.000Z",
                "IsPersonAccount": "false",
                "Customer_Tier__c": "Gold",
            }
        )
        if i not in DELETED_ACC:
            owner_of[i] = USERS.get(owner) if owner.startswith("005") else None
    live = [i for i in range(N_ACC) if i not in DELETED_ACC]
    e.accounts = sum(1 for i in live if not _merged(i))
    write_sf(dir_ / "Account.csv", ACC_H, accounts)

    contacts: list[dict[str, str]] = []
    line = 2

    def add_contact(row: dict[str, str], lines: int = 2) -> int:
        nonlocal line
        contacts.append(row)
        start = line
        line += lines  # every contact has a two-line Description
        return start

    n = 0
    for i in live:
        for j in range(2):
            n += 1
            add_contact(
                {
                    "Id": _ref(sfid("003", n), n),
                    "IsDeleted": "false",
                    "AccountId": _ref(sfid("001", i), n + 1),
                    "FirstName": f"Pat{n}",
                    "LastName": f"Lee-{j}",
                    "Name": f"Pat{n} Lee-{j}",
                    "Title": "VP Sales" if j == 0 else "Sales Ops Manager",
                    "Email": f"pat{n}.lee@{_domain(i)}",
                    "MailingCountry": "US",
                    "LeadSource": "Web",
                    "Description": "Met at SaaStr,\nlikes golf",
                    "OwnerId": _ref(OWNER_CYCLE[i % 6], n) if i % 6 < 4 else "",
                    "CreatedDate": "2024-03-05T14:22:10.000Z",
                }
            )
            e.contacts += 1
    for k in range(10):  # free-mail contacts filed under a company account: join it
        n += 1
        i = live[k * 3]
        add_contact(
            {
                "Id": id18(sfid("003", n)),
                "IsDeleted": "false",
                "AccountId": id18(sfid("001", i)),
                "FirstName": "Gmail",
                "LastName": f"Joiner{k}",
                "Email": f"joiner{k}@{FREE[k % 4]}",
                "Description": "home address\non file",
            }
        )
        e.contacts += 1
    for k in range(8):  # free-mail contacts without an account: an account each (M-2)
        n += 1
        add_contact(
            {
                "Id": id18(sfid("003", n)),
                "IsDeleted": "false",
                "FirstName": "Solo",
                "LastName": f"Person{k}",
                "Email": f"solo.person{k}@{FREE[k % 4]}",
                "Description": "no account\nin Salesforce",
            }
        )
        e.contacts += 1
        e.accounts += 1
        e.free_mail_alone.append(f"solo.person{k}@{FREE[k % 4]}")
    for k in range(4):  # the same person twice: the email in other case (M-1, merged)
        n += 1
        add_contact(
            {
                "Id": id18(sfid("003", n)),
                "IsDeleted": "false",
                "AccountId": id18(sfid("001", live[k // 2])),
                "FirstName": "Pat",
                "LastName": "Again",
                "Email": f"PAT{k + 1}.LEE@{_domain(live[k // 2])}",
                "Description": "dupe\nrow",
            }
        )
    for k, bad in enumerate(("not-an-email", "", "bob@@firm000.com")):
        n += 1
        start = add_contact(
            {
                "Id": id18(sfid("003", n)),
                "IsDeleted": "false",
                "AccountId": id18(sfid("001", 0)),
                "FirstName": "Bad",
                "LastName": f"Row{k}",
                "Email": bad,
                "Description": "bad\nemail",
            }
        )
        e.bad.add(("Contact.csv", start))
    n += 1
    contacts.append(
        {
            "Id": id18(sfid("003", n)),
            "IsDeleted": "true",
            "AccountId": id18(sfid("001", 0)),
            "LastName": "Deleted",
            "Email": "deleted.person@firm000.com",
            "Description": "gone\naway",
        }
    )
    write_sf(dir_ / "Contact.csv", CON_H, contacts)

    leads, line = [], 2
    for k in range(100):
        status, mapped = LEAD_STATUS[k % 4]
        leads.append(
            {
                "Id": id18(sfid("00Q", k)),
                "IsDeleted": "false",
                "LastName": f"Lead{k}",
                "FirstName": "Lou",
                "Company": f"Leadco {k}",
                "Email": f"lou{k}@leadco{k:03d}.io",
                "Website": f"leadco{k:03d}.io",
                "Status": status,
                "LeadSource": ["Web", "Trade Show", "Partner Referral", "Other"][k % 4],
                "OwnerId": _ref(OWNER_CYCLE[k % 6], k) if k % 6 < 4 else OWNER_CYCLE[k % 6],
                "IsConverted": "false",
                "CreatedDate": f"2026-11-0{1 + k % 9}T08:00:00.000Z",
                "CurrencyIsoCode": "USD",
            }
        )
        e.accounts += 1
        e.contacts += 1
        e.lead_tasks += 1
        e.statuses[mapped] = e.statuses.get(mapped, 0) + 1
        line += 1
    for k in range(10):  # free-mail leads: an account each, named after them
        leads.append(
            {
                "Id": id18(sfid("00Q", 200 + k)),
                "IsDeleted": "false",
                "LastName": f"Freelead{k}",
                "FirstName": "Fay",
                "Company": "[not provided]",
                "Email": f"fay.freelead{k}@{FREE[k % 4]}",
                "Status": "Open - Not Contacted",
                "OwnerId": "",
                "IsConverted": "false",
            }
        )
        e.accounts += 1
        e.contacts += 1
        e.lead_tasks += 1
        e.statuses["New"] = e.statuses.get("New", 0) + 1
        e.free_mail_alone.append(f"fay.freelead{k}@{FREE[k % 4]}")
        line += 1
    for k in range(15):  # converted: their contact and opportunity came as such
        leads.append(
            {
                "Id": id18(sfid("00Q", 300 + k)),
                "IsDeleted": "false",
                "LastName": f"Conv{k}",
                "Company": "Firm 000, Inc.",
                "Email": f"pat{k + 1}.lee@{_domain(live[k // 2])}",
                "Status": "Closed - Converted",
                "IsConverted": "true",
                "ConvertedDate": "2024-02-01",
                "ConvertedAccountId": id18(sfid("001", live[k // 2])),
                "ConvertedContactId": id18(sfid("003", k + 1)),
                "ConvertedOpportunityId": "",
            }
        )
        line += 1
    for k in range(3):  # a custom status nobody mapped: a bad row naming it
        leads.append(
            {
                "Id": id18(sfid("00Q", 400 + k)),
                "IsDeleted": "false",
                "LastName": f"Recycled{k}",
                "Company": f"Recyc {k}",
                "Email": f"r{k}@recyc{k}.io",
                "Status": "Recycled",
                "IsConverted": "false",
            }
        )
        e.bad.add(("Lead.csv", line))
        line += 1
    write_sf(dir_ / "Lead.csv", LEAD_H, leads)

    opps, line = [], 2
    moved = {3, 17, 40, 77, 101}
    for k in range(150):
        i = live[k % len(live)]
        stage, closed, won = STAGES[k % len(STAGES)]
        if later and k in moved and not closed:
            stage, closed, won = ("Closed Won", True, True)
        cents = (k * 37) % 100
        amount = Decimal(f"{1000 + k * 113}.{cents:02d}")
        if later and k == 2:
            amount += 500
        owner = OWNER_CYCLE[(k + 1) % 6]
        name = f"Firm {i:03d} deal {k}"
        close = f"202{5 + k % 3}-{1 + k % 12:02d}-{1 + k % 28:02d}"
        opps.append(
            {
                "Id": id18(sfid("006", k)),
                "IsDeleted": "false",
                "AccountId": _ref(sfid("001", i), k),
                "Name": name,
                "Description": 'Multi-line,\n"quoted" notes' if k % 5 == 0 else "",
                "StageName": stage,
                "Amount": f"{amount:.2f}",
                "Probability": "100" if won else "20",
                "CloseDate": close,
                "Type": "New Customer",
                "IsClosed": "true" if closed else "false",
                "IsWon": "true" if won else "false",
                "ForecastCategoryName": "Closed" if won else ("Omitted" if closed else "Pipeline"),
                "CurrencyIsoCode": "USD",
                "OwnerId": _ref(owner, k) if owner.startswith("005") else owner,
                "CreatedDate": "2024-01-10T09:00:00.000Z",
            }
        )
        line += 1 + (1 if k % 5 == 0 else 0)
        e.opps += 1
        e.amount += amount
        e.close[name] = close
        e.opp_owner[name] = USERS.get(owner) if owner.startswith("005") else None
        if won:
            e.won += 1
            e.won_amount += amount
    for k, (stage, amount) in enumerate((("Stalled (legacy)", "100"), ("Prospecting", "n/a"))):
        opps.append(
            {
                "Id": id18(sfid("006", 500 + k)),
                "IsDeleted": "false",
                "AccountId": id18(sfid("001", live[0])),
                "Name": f"Bad deal {k}",
                "StageName": stage,
                "Amount": amount,
                "CloseDate": "2026-12-31",
                "OwnerId": "",
            }
        )
        e.bad.add(("Opportunity.csv", line))
        line += 1
    opps.append(
        {
            "Id": id18(sfid("006", 600)),
            "IsDeleted": "true",
            "AccountId": id18(sfid("001", live[0])),
            "Name": "Deleted deal",
            "StageName": "Prospecting",
            "Amount": "5",
            "CloseDate": "2026-12-31",
        }
    )
    write_sf(dir_ / "Opportunity.csv", OPP_H, opps)
    return e
