"""evidence v2: review fields, run notes, coverage, ACH ratings, official records

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29 15:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("claim_revisions") as batch:
        batch.add_column(sa.Column("reviewed_by", sa.Text(), nullable=True))
        batch.add_column(sa.Column("reviewed_at", sa.String(length=32), nullable=True))
    op.create_table(
        "run_notes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("run_id", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["assessment_runs.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_run_notes_run_id", "run_notes", ["run_id"])
    op.create_table(
        "coverage",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("source_id", sa.String(length=40), nullable=True),
        sa.Column("actor_id", sa.String(length=80), nullable=False),
        sa.Column("predicate", sa.String(length=48), nullable=False),
        sa.Column("object_id", sa.String(length=80), nullable=True),
        sa.Column("as_of", sa.String(length=10), nullable=True),
        sa.Column("recorded_by", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.String(length=32), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"]),
        sa.ForeignKeyConstraint(["actor_id"], ["actors.id"]),
        sa.ForeignKeyConstraint(["object_id"], ["actors.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_coverage_source_id", "coverage", ["source_id"])
    op.create_index("ix_coverage_actor_id", "coverage", ["actor_id"])
    op.create_table(
        "ach_ratings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("claim_id", sa.String(length=40), nullable=False),
        sa.Column("hypothesis", sa.String(length=64), nullable=False),
        sa.Column("rating", sa.String(length=2), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.Text(), nullable=False),
        sa.Column("recorded_at", sa.String(length=32), nullable=False),
        sa.ForeignKeyConstraint(["claim_id"], ["claims.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_ach_ratings_claim_id", "ach_ratings", ["claim_id"])
    op.create_table(
        "peacekeeping_contributions",
        sa.Column("source_id", sa.String(length=40), nullable=False),
        sa.Column("country", sa.String(length=3), nullable=False),
        sa.Column("mission", sa.String(length=40), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("personnel", sa.String(length=24), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"]),
        sa.PrimaryKeyConstraint("source_id", "country", "mission", "month", "personnel"),
    )
    op.create_index(
        "ix_peacekeeping_country_month", "peacekeeping_contributions", ["country", "month"]
    )
    op.create_table(
        "un_roll_calls",
        sa.Column("rcid", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("source_id", sa.String(length=40), nullable=False),
        sa.Column("votes_source_id", sa.String(length=40), nullable=False),
        sa.Column("session", sa.Integer(), nullable=True),
        sa.Column("important", sa.Boolean(), nullable=True),
        sa.Column("date", sa.String(length=10), nullable=True),
        sa.Column("resolution", sa.Text(), nullable=True),
        sa.Column("amendment", sa.Boolean(), nullable=True),
        sa.Column("paragraph", sa.Boolean(), nullable=True),
        sa.Column("short", sa.Text(), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"]),
        sa.ForeignKeyConstraint(["votes_source_id"], ["sources.id"]),
        sa.PrimaryKeyConstraint("rcid"),
    )
    op.create_index("ix_un_roll_calls_date", "un_roll_calls", ["date"])
    op.create_table(
        "un_roll_call_issues",
        sa.Column("rcid", sa.Integer(), nullable=False),
        sa.Column("issue", sa.String(length=8), nullable=False),
        sa.Column("label", sa.Text(), nullable=False),
        sa.Column("source_id", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["rcid"], ["un_roll_calls.rcid"]),
        sa.ForeignKeyConstraint(["source_id"], ["sources.id"]),
        sa.PrimaryKeyConstraint("rcid", "issue"),
    )
    op.create_table(
        "un_votes",
        sa.Column("rcid", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("country", sa.String(length=3), nullable=False),
        sa.Column("vote", sa.String(length=1), nullable=False),
        sa.PrimaryKeyConstraint("rcid", "country"),
        sqlite_with_rowid=False,
    )


def downgrade() -> None:
    op.drop_table("un_votes")
    op.drop_table("un_roll_call_issues")
    op.drop_index("ix_un_roll_calls_date", table_name="un_roll_calls")
    op.drop_table("un_roll_calls")
    op.drop_index("ix_peacekeeping_country_month", table_name="peacekeeping_contributions")
    op.drop_table("peacekeeping_contributions")
    op.drop_index("ix_ach_ratings_claim_id", table_name="ach_ratings")
    op.drop_table("ach_ratings")
    op.drop_index("ix_coverage_actor_id", table_name="coverage")
    op.drop_index("ix_coverage_source_id", table_name="coverage")
    op.drop_table("coverage")
    op.drop_index("ix_run_notes_run_id", table_name="run_notes")
    op.drop_table("run_notes")
    with op.batch_alter_table("claim_revisions") as batch:
        batch.drop_column("reviewed_at")
        batch.drop_column("reviewed_by")
