"""review queue index: proposed claims by confidence, read from the index alone

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-30 00:40:00
"""

from __future__ import annotations

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # On 100,567 claims (20,107 proposed) the queue's first page took 148 ms of sorting
    # without it and 0.2-1.1 ms with it (a covering index scan).
    op.create_index(
        "ix_claim_revisions_queue",
        "claim_revisions",
        ["status", "confidence", "claim_id", "revision"],
    )


def downgrade() -> None:
    op.drop_index("ix_claim_revisions_queue", table_name="claim_revisions")
