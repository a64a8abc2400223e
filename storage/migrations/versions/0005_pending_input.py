"""pending input: what the bot waits for a person to type, kept in the database

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30 13:45:00

A booking note or a question for the centre is understood by whichever instance receives the
person's next message, and survives a restart (until it expires).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("awaiting_kind", sa.String(32), nullable=True))
        batch_op.add_column(sa.Column("awaiting_data", sa.String(2000), nullable=True))
        batch_op.add_column(sa.Column("awaiting_until", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        for column in ("awaiting_until", "awaiting_data", "awaiting_kind"):
            batch_op.drop_column(column)
