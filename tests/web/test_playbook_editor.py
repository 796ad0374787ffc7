"""The playbook editor (P-2, R-8; issue 16 item 5): review names the records an edit
affects and shows its impact on past leads; save applies the chosen old → new values."""

from __future__ import annotations

from sqlalchemy import select

from salesops.opportunities.models import Opportunity
from salesops.playbook.runtime import Runtime
from tests.flows.test_playbook_change import RENAMED
from tests.flows.test_playbook_orphans import _world
from tests.web.conftest import post


def test_p2_r8_editor_review_names_records_and_impact_then_saves_with_mapping(
    as_user,
    admin,
    rt: Runtime,  # type: ignore[no-untyped-def]
) -> None:
    _, deal_ids, _ = _world(rt)
    c = as_user(admin, "admin-password")
    base = {"text": RENAMED, "base_version": "1"}
    r = post(c, "/admin/playbook/edit", {**base, "action": "review"})
    assert r.status_code == 200, r.text
    assert 'id="playbook-live-data"' in r.text and "Problem Agreement" in r.text
    assert f"deal #{deal_ids[0]} Orphan" in r.text
    assert 'id="playbook-impact"' in r.text and "leads replayed" in r.text
    title = r.text.split("<title>", 1)[1].split("</title>", 1)[0]
    assert "<section" not in title and r.text.count('id="playbook-impact"') == 1
    refused = post(c, "/admin/playbook/edit", {**base, "action": "save"})
    assert refused.status_code == 409 and "map it to a current deal stage" in refused.text
    mapped = {
        **base,
        "action": "save",
        "map_field": "stage",
        "map_old": "Problem Agreement",
        "map_new": "Problem Agreed",
    }
    assert post(c, "/admin/playbook/edit", mapped).status_code == 303
    with rt.uow(readonly=True) as s:
        assert s.get(Opportunity, deal_ids[0]).stage == "Problem Agreed"  # type: ignore[union-attr]
        assert set(s.scalars(select(Opportunity.stage))) >= {"Problem Agreed"}
    assert "Moved 1 deal from" in c.get("/admin/playbook").text
