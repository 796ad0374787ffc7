"""The admin imports page (issue 19 item 5): upload, dry-run report with the mapping, then
the import as a background job with its progress and report; admins only (U-2)."""

from __future__ import annotations

from fastapi.testclient import TestClient

from salesops.playbook.runtime import Runtime
from tests.factories import make_user
from tests.imports.helpers import DATA, SALESFORCE, counts
from tests.web.conftest import csrf_of


def upload(client: TestClient, system: str, files: list[tuple[str, bytes]], dry_run: bool):  # type: ignore[no-untyped-def]
    data = {"system": system, "csrf_token": csrf_of(client, "/admin/imports")}
    if dry_run:
        data["dry_run"] = "true"
    return client.post(
        "/admin/imports",
        data=data,
        files=[("files", (name, body, "text/csv")) for name, body in files],
        follow_redirects=False,
    )


def test_admin_uploads_a_salesforce_export_dry_run_then_imports(rt: Runtime, as_user) -> None:  # type: ignore[no-untyped-def]
    admin = make_user(rt, "boss@ourco.com", role="admin")
    make_user(rt, "ana@ourco.com", name="Ana Alvarez")
    c = as_user(admin)
    page = c.get("/admin/imports")
    assert page.status_code == 200 and "Upload an export" in page.text
    assert "Closed - Not Converted" in page.text  # the mapping in effect
    files = [(p.name, p.read_bytes()) for p in sorted(SALESFORCE.glob("*.csv"))]
    r = upload(c, "salesforce", files, dry_run=True)
    assert r.status_code == 303, r.text
    job_url = r.headers["location"]
    job = c.get(job_url)  # the background task ran after the response
    assert "What would happen" in job.text and "done" in job.text
    assert "Bad rows" in job.text and "Haggling" in job.text
    assert counts(rt, "accounts")["accounts"] == 0  # a dry run writes nothing
    r = c.post(
        f"{job_url}/run",
        data={"csrf_token": csrf_of(c, job_url)},
        follow_redirects=False,
    )
    assert r.status_code == 303
    done = c.get(r.headers["location"])
    assert "What happened" in done.text
    assert counts(rt, "accounts")["accounts"] == 8


def test_hubspot_upload_and_sales_users_are_refused(rt: Runtime, as_user) -> None:  # type: ignore[no-untyped-def]
    admin = make_user(rt, "boss@ourco.com", role="admin")
    c = as_user(admin)
    hub = DATA / "hubspot"
    files = [
        (f"{n}-export.csv", (hub / f"{n}.csv").read_bytes())
        for n in ("companies", "contacts", "deals")
    ]
    r = upload(c, "hubspot", files, dry_run=False)
    assert r.status_code == 303
    assert "What happened" in c.get(r.headers["location"]).text
    assert counts(rt, "opportunities")["opportunities"] == 3
    sales = make_user(rt, "rep@ourco.com", role="sales")
    s = as_user(sales)
    assert s.get("/admin/imports").status_code == 403


def test_export_uploads_have_their_own_body_limit(rt: Runtime) -> None:
    """An export is bigger than a form: /admin/imports takes up to
    SALESOPS_IMPORT_UPLOAD_MAX_BYTES while other requests keep SALESOPS_MAX_BODY_BYTES."""
    from salesops.app import create_app
    from tests.web.conftest import log_in

    admin = make_user(rt, "boss@ourco.com", role="admin")
    settings = rt.settings.model_copy(update={"max_body_bytes": 4000})
    with TestClient(create_app(settings, runtime=rt), headers={"accept": "text/html"}) as c:
        log_in(c, admin.email, "password123")
        big = (
            "Id,Name,Website\n"
            + "".join(f"0015e0000{i:05d}AAAA,Company {i},company{i}.com\n" for i in range(200))
        ).encode()
        assert len(big) > 4000
        r = upload(c, "salesforce", [("Account.csv", big)], dry_run=True)
        assert r.status_code == 303, r.text
        r = c.post("/admin/users", data={"email": "x" * 5000}, follow_redirects=False)
        assert r.status_code == 413


def test_hubspot_upload_takes_hubspots_own_export_file_names(rt: Runtime, as_user) -> None:  # type: ignore[no-untyped-def]
    """Issue 19 item 5 (held-out qa16): HubSpot names its exports
    ``hubspot-crm-exports-all-companies-2026-12-07.csv``; the page used to refuse any
    name not starting with companies/contacts/deals. A name with no object word (or two)
    is still refused, naming the file."""
    admin = make_user(rt, "boss@ourco.com", role="admin")
    c = as_user(admin)
    hub = DATA / "hubspot"
    files = [
        (f"hubspot-crm-exports-all-{n}-2026-12-07.csv", (hub / f"{n}.csv").read_bytes())
        for n in ("companies", "contacts", "deals")
    ]
    r = upload(c, "hubspot", files, dry_run=False)
    assert r.status_code == 303, r.text
    assert "What happened" in c.get(r.headers["location"]).text
    assert counts(rt, "opportunities")["opportunities"] == 3
    r = upload(c, "hubspot", [("export-2026.csv", b"Record ID\n1\n")], dry_run=True)
    shown = r.text if r.status_code == 422 else c.get(r.headers["location"]).text
    assert "export-2026.csv" in shown and "companies, contacts or deals" in shown
