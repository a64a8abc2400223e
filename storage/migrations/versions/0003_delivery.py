"""delivery: the outbox carries any kind of send, to a person or a chat, about any reference

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-30 13:20:00

Pending reminders and offer expiries written by the old schema are carried over: `booking_id`
becomes `ref_id`, and the person is taken from the booking.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("user_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("chat_id", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("ref_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("payload", sa.String(8000), nullable=True))
        batch_op.add_column(sa.Column("result", sa.String(64), nullable=True))
    op.execute(
        "UPDATE outbox SET ref_id = booking_id, "
        "user_id = (SELECT bookings.user_id FROM bookings WHERE bookings.id = outbox.booking_id)"
    )
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_outbox_booking_id")
        batch_op.drop_column("booking_id")
        batch_op.create_index("ix_outbox_user_id", ["user_id"], unique=False)
        batch_op.create_index("ix_outbox_ref_id", ["ref_id"], unique=False)
        batch_op.create_foreign_key("fk_outbox_user_id", "users", ["user_id"], ["id"])


def downgrade() -> None:
    # Only booking rows can go back: the old schema knew nothing else.
    op.execute("DELETE FROM outbox WHERE kind NOT IN ('reminder', 'offer_expiry')")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("booking_id", sa.Integer(), nullable=True))
    op.execute("UPDATE outbox SET booking_id = ref_id")
    with op.batch_alter_table("outbox", schema=None) as batch_op:
        batch_op.drop_constraint("fk_outbox_user_id", type_="foreignkey")
        batch_op.drop_index("ix_outbox_ref_id")
        batch_op.drop_index("ix_outbox_user_id")
        for column in ("result", "payload", "ref_id", "chat_id", "user_id"):
            batch_op.drop_column(column)
        batch_op.alter_column("booking_id", nullable=False)
        batch_op.create_index("ix_outbox_booking_id", ["booking_id"], unique=False)
        batch_op.create_foreign_key("fk_outbox_booking_id", "bookings", ["booking_id"], ["id"])
