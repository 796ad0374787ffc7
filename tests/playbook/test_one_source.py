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
