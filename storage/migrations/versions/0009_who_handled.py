"""who handled what: the coordinator who decided a booking or answered a question

Revision ID: 0009
Revises: 0008

A coordinator's first name on the booking they confirmed or declined and on the question they
answered (so two coordinators do not both act), a typed decline reason, and the coordinator-chat
notice of a booking (edited when the booking is decided from /pending).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("decline_note", sa.String(200), nullable=True))
        batch_op.add_column(sa.Column("decided_by", sa.String(64), nullable=True))
        batch_op.add_column(sa.Column("notice_message_id", sa.BigInteger(), nullable=True))
    with op.batch_alter_table("relays", schema=None) as batch_op:
        batch_op.add_column(sa.Column("answered_by", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("relays", schema=None) as batch_op:
        batch_op.drop_column("answered_by")
    with op.batch_alter_table("bookings", schema=None) as batch_op:
        for column in ("notice_message_id", "decided_by", "decline_note"):
            batch_op.drop_column(column)
