"""events: one index on (kind, created_at) instead of one on each

Every indicator reads events of one kind in a period; every update writes one event. One
two-column index answers those reads better than either single one did, and each event is
written to one index fewer (bench/README.md, sixth round).

Revision ID: 0013
Revises: 0012
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_events_kind_created_at", "events", ["kind", "created_at"])
    op.drop_index("ix_events_kind", table_name="events")
    op.drop_index("ix_events_created_at", table_name="events")


def downgrade() -> None:
    op.create_index("ix_events_created_at", "events", ["created_at"])
    op.create_index("ix_events_kind", "events", ["kind"])
    op.drop_index("ix_events_kind_created_at", table_name="events")
