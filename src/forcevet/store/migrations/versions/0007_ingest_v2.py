"""ingest v2: proposed actors, hearsay claims

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29 18:10:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Every actor stored so far was added by a person or an importer: accepted.
    with op.batch_alter_table("actors") as batch:
        batch.add_column(
            sa.Column("status", sa.String(length=10), nullable=False, server_default="accepted")
        )
    # No claim stored so far is marked as hearsay; reported_by_id alone never said so.
    with op.batch_alter_table("claim_revisions") as batch:
        batch.add_column(
            sa.Column("reported", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("claim_revisions") as batch:
        batch.drop_column("reported")
    with op.batch_alter_table("actors") as batch:
        batch.drop_column("status")
