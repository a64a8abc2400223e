"""people and surveys: consent, region, last seen and erasure on users; satisfaction answers

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30 13:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.alter_column("telegram_id", existing_type=sa.BigInteger(), nullable=True)
        batch_op.add_column(sa.Column("last_seen_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("consent_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("region", sa.String(32), nullable=True))
        batch_op.add_column(sa.Column("forgotten_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "survey_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("service_id", sa.String(64), nullable=False),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("comment", sa.String(500), nullable=True),
        sa.Column("asked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["booking_id"], ["bookings.id"]),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("booking_id"),
    )
    with op.batch_alter_table("survey_answers", schema=None) as batch_op:
        batch_op.create_index("ix_survey_answers_user_id", ["user_id"], unique=False)
        batch_op.create_index("ix_survey_answers_service_id", ["service_id"], unique=False)


def downgrade() -> None:
    op.drop_table("survey_answers")
    op.execute("DELETE FROM users WHERE telegram_id IS NULL")
    with op.batch_alter_table("users", schema=None) as batch_op:
        for column in ("forgotten_at", "region", "consent_at", "last_seen_at"):
            batch_op.drop_column(column)
        batch_op.alter_column("telegram_id", existing_type=sa.BigInteger(), nullable=False)
