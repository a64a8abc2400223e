"""waiting_list: one place per person and slot while they wait or hold an offer

Joining a waiting list was a read and an insert: two taps at once on two PostgreSQL instances
could both insert, and the person held two places in line (a second offer to them would then
break the unit of work that freed the place). A partial unique index makes the database refuse
the second. Places already doubled are closed (the earliest one stays), so the index can be made.

Revision ID: 0014
Revises: 0013
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STILL_WAITING = "status IN ('waiting', 'offered')"


def upgrade() -> None:
    op.execute(
        f"""
        UPDATE waiting_list SET status = 'left'
        WHERE {STILL_WAITING} AND id NOT IN (
            SELECT min(id) FROM waiting_list WHERE {STILL_WAITING} GROUP BY user_id, slot_id
        )
        """
    )
    op.create_index(
        "uq_waiting_list_active_user_slot",
        "waiting_list",
        ["user_id", "slot_id"],
        unique=True,
        sqlite_where=sa.text(STILL_WAITING),
        postgresql_where=sa.text(STILL_WAITING),
    )


def downgrade() -> None:
    op.drop_index("uq_waiting_list_active_user_slot", table_name="waiting_list")
