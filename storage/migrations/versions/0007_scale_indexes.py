"""scale: partial indexes for the booking pickers (free open slots) and the outbox claim

Revision ID: 0007
Revises: 0006

With a year of data the pickers read only the free slots of a window, and the sender finds the
due pending rows, through small partial indexes instead of scanning full slots and sent rows.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FREE = "status = 'open' AND booked < capacity"
PENDING = "status = 'pending'"


def upgrade() -> None:
    op.create_index(
        "ix_slots_free_service_start",
        "slots",
        ["service_id", "starts_at"],
        sqlite_where=sa.text(FREE),
        postgresql_where=sa.text(FREE),
    )
    op.create_index(
        "ix_outbox_pending_due",
        "outbox",
        ["due_at", "id"],
        sqlite_where=sa.text(PENDING),
        postgresql_where=sa.text(PENDING),
    )


def downgrade() -> None:
    op.drop_index("ix_outbox_pending_due", table_name="outbox")
    op.drop_index("ix_slots_free_service_start", table_name="slots")
