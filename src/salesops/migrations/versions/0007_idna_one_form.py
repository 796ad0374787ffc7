"""M-1/M-2 (issue 15, task h15 item 3): stored accounts' domains and contacts' emails in
the one form ``core.addresses`` reads an internationalised domain in (Unicode, not
``xn--``); where both forms were stored, the two rows become one — the older kept, what
pointed at the newer moved to it, a decision record each (``matching.one_form``).

Not reversible: the merged rows are gone (their ids are in the decision records); the
downgrade leaves the data as it is.

Revision ID: 0007_idna_one_form
Revises: 0006_movement_indexes
Create Date: 2026-12-07 23:00:00
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

from salesops.matching.one_form import rewrite

revision: str = "0007_idna_one_form"
down_revision: str | None = "0006_movement_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    rewrite(op.get_bind())


def downgrade() -> None:
    pass  # the one form stays; merged rows cannot be split again
