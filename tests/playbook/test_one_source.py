"""P-1: the playbook is the one source of its settings (issue 16 item 4).

Round-robin membership lives in the rotation tables (admin page, CLI, API), so a
playbook that lists members is refused at load with an error naming where
membership lives, never validated and then ignored.
"""

from __future__ import annotations

import pytest

from salesops.playbook.loader import PlaybookError, default_playbook_text, load_playbook_text

_AT = "    - name: Australia & New Zealand\n"


def test_p1_territory_members_in_the_playbook_are_refused_naming_where_they_live() -> None:
    text = default_playbook_text().replace(
        _AT, _AT + "      members: [{email: ana@example.com, priority: 2}]\n"
    )
    with pytest.raises(PlaybookError) as err:
        load_playbook_text(text, source="edited.yaml")
    (problem,) = err.value.problems
    assert problem["key"] == "territories.items[4].members"
    assert "territory's rotation" in problem["message"]
    assert "salesops territories add-member" in problem["message"]


def test_p1_an_empty_members_list_from_older_versions_still_loads() -> None:
    text = default_playbook_text().replace(_AT, _AT + "      members: []\n")
    playbook = load_playbook_text(text, source="v1 stored before issue 16")
    assert not hasattr(playbook.territories.items[4], "members")


def test_p2_a_stored_version_from_before_issue_16_still_serves_and_edits(rt) -> None:  # type: ignore[no-untyped-def]
    """An older installation's latest version lists members and self_serve_hands_on: it
    still loads for every request, and a territory edit activates a clean next version."""
    from salesops.core import clock
    from salesops.playbook import service
    from salesops.playbook.loader import playbook_digest
    from salesops.playbook.models import PlaybookVersion
    from salesops.routing.territory_admin import define_territory
    from tests.factories import make_user

    old = (
        default_playbook_text()
        .replace(_AT, _AT + "      members: [{email: ana@example.com, priority: 2}]\n")
        .replace(
            "  next_step_required: true",
            "  self_serve_hands_on: {monthly_events: 5000000, recordings: 100000}\n"
            "  next_step_required: true",
        )
    )
    boss = make_user(rt, "boss@example.com", role="admin")
    with rt.uow() as s:  # written as the older release stored it (no validation then)
        row = PlaybookVersion(
            version=2,
            digest=playbook_digest(old),
            content=old,
            diff="",
            source="old release",
            loaded_by="system",
            loaded_at=clock.now(),
        )
        s.add(row)
    rt.playbooks.invalidate()
    with rt.uow() as s:
        assert s.info["playbook_version"] == 2  # loads (the retired keys dropped)
        define_territory(s, s.get(type(boss), boss.id), name="Antarctica", countries=["AQ"],
                         us_states=[], now=clock.now())  # fmt: skip
        latest = service.latest(s)
        assert latest is not None and latest.version == 3
        assert "members:" not in latest.content and "self_serve_hands_on" not in latest.content
