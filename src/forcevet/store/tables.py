"""Every table of the store, in SQLAlchemy Core.

Dates are ISO strings: they sort and compare as text on SQLite and PostgreSQL
alike, and keep their precision (a month stays a month).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

sources = Table(
    "sources",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("title", Text, nullable=False),
    Column("publisher", Text, nullable=False),
    Column("url", Text),
    Column("date", String(10)),
    Column("kind", String(32), nullable=False),
    Column("reliability", String(1), nullable=False),
    Column("reliability_by", Text, nullable=False),
    Column("reliability_note", Text),
    Column("text", Text, nullable=False),
    Column("content_hash", String(64), nullable=False, index=True),
    Column("added_at", String(32), nullable=False),
    # The source whose text this one repeats (the same wire story on two sites):
    # both count as one underlying report.
    Column("report_id", String(40), index=True),
    # A bottom-k sketch of the text's word shingles, to find near-duplicates.
    Column("sketch", Text),
)

# The few smallest hashes of each source's sketch, to find a new text's candidate
# near-duplicates in the database rather than in memory. A hash holds at most a
# few dozen sources (see ingest/articles/similarity.py): one shared by more is
# boilerplate and says nothing.
source_minhashes = Table(
    "source_minhashes",
    metadata,
    Column("minhash", BigInteger, primary_key=True),
    Column("source_id", String(40), ForeignKey("sources.id"), primary_key=True),
)

actors = Table(
    "actors",
    metadata,
    Column("id", String(80), primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("name", Text, nullable=False),
    Column("country", String(3), index=True),
    Column("parent_id", String(80), ForeignKey("actors.id")),
)

actor_aliases = Table(
    "actor_aliases",
    metadata,
    Column("actor_id", String(80), ForeignKey("actors.id"), primary_key=True),
    Column("alias", Text, primary_key=True),
    Column("alias_key", Text, nullable=False, index=True),
)

actor_identifiers = Table(
    "actor_identifiers",
    metadata,
    Column("actor_id", String(80), ForeignKey("actors.id"), primary_key=True),
    Column("scheme", String(40), primary_key=True),
    Column("value", String(120), primary_key=True),
    Index("ix_actor_identifiers_value", "scheme", "value"),
)

# One row per claim: its identity, its source and which revision is current.
claims = Table(
    "claims",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("source_id", String(40), ForeignKey("sources.id"), nullable=False, index=True),
    Column("head", Integer, nullable=False),
    Column("created_by", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
)

# Every revision of every claim, appended and never changed.
claim_revisions = Table(
    "claim_revisions",
    metadata,
    Column("claim_id", String(40), ForeignKey("claims.id"), primary_key=True),
    Column("revision", Integer, primary_key=True),
    Column("subject_id", String(80), ForeignKey("actors.id"), nullable=False, index=True),
    Column("predicate", String(48), nullable=False, index=True),
    Column("object_id", String(80), ForeignKey("actors.id"), index=True),
    Column("value", Text),
    Column("date_text", String(32)),
    Column("date_start", String(10)),
    Column("date_end", String(10)),
    Column("date_precision", String(8)),
    Column("place", Text),
    Column("polarity", String(8), nullable=False),
    Column("quote", Text, nullable=False),
    Column("quote_start", Integer),
    Column("quote_end", Integer),
    Column("paraphrase", Boolean, nullable=False),
    Column("credibility", Integer, nullable=False),
    Column("status", String(10), nullable=False),
    Column("extracted_by", Text, nullable=False),
    Column("confidence", Float),
    Column("reported_by_id", String(80), ForeignKey("actors.id")),
    Column("recorded_by", Text, nullable=False),
    Column("recorded_at", String(32), nullable=False),
    Column("note", Text),
)

# The current state of every listing; ``details`` holds the listing's
# nationalities, dates and places of birth, positions and unparsed values as JSON.
designations = Table(
    "designations",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("actor_id", String(80), ForeignKey("actors.id"), nullable=False, index=True),
    Column("authority", Text, nullable=False),
    Column("reference", String(64)),
    Column("listed_on", String(10)),
    Column("delisted_on", String(10)),
    Column("reason", Text),
    Column("source_url", Text),
    Column("authority_id", String(80), ForeignKey("actors.id")),
    Column("program", Text),
    Column("source_id", String(40), ForeignKey("sources.id"), index=True),
    Column("updated_on", String(10)),
    Column("details", Text),
)

# Every name of a listing with the quality the authority gives it (good, low,
# former): the list's judgement of its own aliases, which screening weighs.
designation_names = Table(
    "designation_names",
    metadata,
    Column("designation_id", String(40), ForeignKey("designations.id"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("name_key", Text, nullable=False, index=True),
    Column("quality", String(8), nullable=False),
)

# Every change an import made to a listing (added, changed, delisted, relisted),
# appended and never changed: ``listing`` is the whole listing after the change
# as JSON, ``changes`` the changed fields as {field: [before, after]}.
designation_history = Table(
    "designation_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("designation_id", String(40), ForeignKey("designations.id"), nullable=False, index=True),
    Column("event", String(10), nullable=False),
    Column("source_id", String(40), ForeignKey("sources.id")),
    Column("recorded_by", Text, nullable=False),
    Column("recorded_at", String(32), nullable=False),
    Column("changes", Text),
    Column("listing", Text, nullable=False),
)

# One row per assessment run: its inputs (rubric hash, parameters, claim
# revisions) and its whole result, so that `assess --run ID` shows it again.
assessment_runs = Table(
    "assessment_runs",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("created_at", String(32), nullable=False, index=True),
    Column("created_by", Text, nullable=False),
    Column("rubric_id", String(80), nullable=False),
    Column("rubric_hash", String(64), nullable=False),
    Column("params", Text, nullable=False),
    Column("result", Text, nullable=False),
)
