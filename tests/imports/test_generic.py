"""Generic CSV import with a column mapping file (issue 19 item 3)."""

from __future__ import annotations

from pathlib import Path

import pytest

from salesops.accounts.models import Account, Contact
from salesops.core.errors import ValidationFailed
from salesops.flows.imports.service import Options, import_generic
from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import Runtime
from salesops.tasks.models import Task
from tests.factories import make_user
from tests.imports.helpers import NOW, rows


def write(path: Path, text: str) -> Path:
    path.write_text(text.strip() + "\n", encoding="utf-8")
    return path


def test_generic_csv_objects_with_column_mapping(rt: Runtime, tmp_path: Path) -> None:
    ana = make_user(rt, "ana@ourco.com", name="Ana Alvarez")
    opts = Options(errors=tmp_path / "errors.csv", now=NOW)
    accounts = write(
        tmp_path / "customers.csv",
        """
Customer No;Company;Web;Account manager;Staff;Land
C-1;Acme;acme.com;ana@ourco.com;250;Germany
C-2;Beta;beta.io;nobody@ourco.com;x;France
""".replace(";", ","),
    )
    cols = write(
        tmp_path / "accounts.yaml",
        """
id: Customer No
name: Company
website: Web
owner: Account manager
employees: Staff
country: Land
""",
    )
    r = import_generic(rt, opts, object_name="accounts", path=accounts, columns=cols)
    assert r.counts["accounts"]["created"] == 1 and r.counts["accounts"]["errors"] == 1
    acme = {a.domain: a for a in rows(rt, Account)}["acme.com"]
    assert (acme.owner_id, acme.employee_count, acme.country) == (ana.id, 250, "DE")
    people = write(
        tmp_path / "people.csv",
        """
Person,E-mail,Customer No,Stage
P-1,max@acme.com,C-1,
P-2,mia@gmail.com,,
""",
    )
    pcols = write(
        tmp_path / "contacts.json",
        '{"id": "Person", "email": "E-mail", "account_id": "Customer No"}',
    )
    import_generic(rt, opts, object_name="contacts", path=people, columns=pcols)
    contacts = {c.email: c for c in rows(rt, Contact)}
    assert contacts["max@acme.com"].account_id == acme.id
    assert contacts["mia@gmail.com"].account_id != acme.id
    deals = write(
        tmp_path / "deals.csv",
        """
Deal,Title,Customer No,Phase,Value,Due,People
D-1,Acme deal,C-1,Negotiation/Review,"12,500.00",2027-01-31,P-1
""",
    )
    dcols = write(
        tmp_path / "deals.yaml",
        """
id: Deal
name: Title
account_id: Customer No
stage: Phase
amount: Value
close_date: Due
contact_ids: People
""",
    )
    import_generic(rt, opts, object_name="opportunities", path=deals, columns=dcols)
    (opp,) = rows(rt, Opportunity)
    assert (opp.stage, str(opp.amount), opp.contact_id) == (
        "Commercial Agreement",
        "12500.00",
        contacts["max@acme.com"].id,
    )
    leads = write(tmp_path / "leads.csv", "Ref,Mail,State\nL-1,lea@acme.com,Working\n")
    lcols = write(tmp_path / "leads.yaml", "id: Ref\nemail: Mail\nstatus: State\n")
    import_generic(rt, opts, object_name="leads", path=leads, columns=lcols)
    (task,) = rows(rt, Task)
    assert task.status == "Working" and task.owner_id == ana.id  # the account's owner (M-3)


def test_generic_column_mapping_errors_name_the_field(rt: Runtime, tmp_path: Path) -> None:
    opts = Options(errors=tmp_path / "errors.csv", now=NOW)
    data = write(tmp_path / "a.csv", "x\n1\n")
    bad = write(tmp_path / "cols.yaml", "id: x\nnmae: y\n")
    with pytest.raises(ValidationFailed, match="unknown field"):
        import_generic(rt, opts, object_name="accounts", path=data, columns=bad)
    missing = write(tmp_path / "cols2.yaml", "id: x\n")
    with pytest.raises(ValidationFailed, match="need the field"):
        import_generic(rt, opts, object_name="accounts", path=data, columns=missing)
    with pytest.raises(ValidationFailed, match="is not one of"):
        import_generic(rt, opts, object_name="widgets", path=data, columns=missing)
