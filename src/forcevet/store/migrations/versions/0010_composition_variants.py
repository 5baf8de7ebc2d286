"""composition_variants: named what-ifs of a case's composition

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-30 00:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "composition_variants",
        sa.Column("case_id", sa.String(length=60), primary_key=True),
        sa.Column("name", sa.String(length=80), primary_key=True),
        sa.Column("toggles", sa.Text(), nullable=False),
        sa.Column("saved_by", sa.Text(), nullable=False),
        sa.Column("saved_at", sa.String(length=32), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("composition_variants")
