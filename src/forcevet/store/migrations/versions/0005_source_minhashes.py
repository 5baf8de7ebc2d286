"""source minhashes: the near-duplicate lookup moves from memory to the database

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 15:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TAG = "w5:"  # sketches made by forcevet.ingest.articles.similarity.make_sketch
INDEXED = 4
BUCKET = 16


def upgrade() -> None:
    op.create_table(
        "source_minhashes",
        sa.Column("minhash", sa.BigInteger(), nullable=False),
        sa.Column("source_id", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"]),
        sa.PrimaryKeyConstraint("minhash", "source_id"),
    )
    # Index the sketches already stored (their first hashes), as ingest would have.
    bind = op.get_bind()
    sources = sa.table("sources", sa.column("id"), sa.column("sketch"))
    held: dict[int, int] = {}
    rows = []
    for source_id, sketch in bind.execute(sa.select(sources.c.id, sources.c.sketch)):
        if not sketch or not sketch.startswith(TAG) or sketch == TAG:
            continue
        for value in [int(h, 16) for h in sketch[len(TAG) :].split(",")][:INDEXED]:
            if held.get(value, 0) < BUCKET:
                held[value] = held.get(value, 0) + 1
                rows.append({"minhash": value, "source_id": source_id})
    if rows:
        minhashes = sa.table("source_minhashes", sa.column("minhash"), sa.column("source_id"))
        bind.execute(sa.insert(minhashes), rows)


def downgrade() -> None:
    op.drop_table("source_minhashes")
