"""cases: a store holds cases and knows its default one

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-29 21:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A store made before cases holds none: its commands ask for `forcevet case load`.
    op.create_table(
        "cases",
        sa.Column("id", sa.String(length=60), primary_key=True),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("definition", sa.Text(), nullable=False),
        sa.Column("is_default", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("loaded_by", sa.Text(), nullable=False),
        sa.Column("loaded_at", sa.String(length=32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("cases")
