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
    false,
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
    # accepted, or proposed by ingest (a name met in text) until a reviewer decides
    Column("status", String(10), nullable=False, server_default="accepted"),
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
    # hearsay: a speaker's report of a third party's position, not the party's own word
    Column("reported", Boolean, nullable=False, server_default=false()),
    Column("recorded_by", Text, nullable=False),
    Column("recorded_at", String(32), nullable=False),
    Column("note", Text),
    # Who accepted or rejected the claim, when: a person, or an importer of official
    # records named as such ("import peacekeeping"). Empty while proposed.
    Column("reviewed_by", Text),
    Column("reviewed_at", String(32)),
    # The review queue's page (status, most confident first) read from the index alone.
    Index("ix_claim_revisions_queue", "status", "confidence", "claim_id", "revision"),
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

# The cases a store holds (cases/): each a mission with its candidates, roles,
# vocabulary, rubric and composition request, kept as the validated JSON of its
# folder so that every command can use it without the folder. One case is the
# default, used when a command names none.
cases = Table(
    "cases",
    metadata,
    Column("id", String(60), primary_key=True),
    Column("title", Text, nullable=False),
    Column("origin", Text, nullable=False),
    Column("definition", Text, nullable=False),
    Column("is_default", Boolean, nullable=False, server_default=false()),
    Column("loaded_by", Text, nullable=False),
    Column("loaded_at", String(32), nullable=False),
)

# Signs-off and dissenting notes on a run, appended and never changed.
run_notes = Table(
    "run_notes",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("run_id", String(40), ForeignKey("assessment_runs.id"), nullable=False, index=True),
    Column("kind", String(16), nullable=False),  # sign_off or dissent
    Column("text", Text, nullable=False),
    Column("recorded_by", Text, nullable=False),
    Column("recorded_at", String(32), nullable=False),
)

# What was searched: a dataset that covers an actor for a question (a predicate,
# optionally about one object), or an analyst's recorded search. It tells
# "searched, nothing found" apart from "not searched". The id derives from
# (source, actor, predicate, object), so importing a dataset again adds nothing.
coverage = Table(
    "coverage",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("source_id", String(40), ForeignKey("sources.id"), index=True),
    Column("actor_id", String(80), ForeignKey("actors.id"), nullable=False, index=True),
    Column("predicate", String(48), nullable=False),
    Column("object_id", String(80), ForeignKey("actors.id")),
    Column("as_of", String(10)),
    Column("recorded_by", Text, nullable=False),
    Column("recorded_at", String(32), nullable=False),
    Column("note", Text),
)

# An analyst's rating of one claim against one hypothesis of the analysis of
# competing hypotheses, overriding the rubric's rating for that claim; appended,
# the newest one counts.
ach_ratings = Table(
    "ach_ratings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("claim_id", String(40), ForeignKey("claims.id"), nullable=False, index=True),
    Column("hypothesis", String(64), nullable=False),
    Column("rating", String(2), nullable=False),
    Column("note", Text, nullable=False),
    Column("recorded_by", Text, nullable=False),
    Column("recorded_at", String(32), nullable=False),
)

# UN peacekeeping contributions as the source dataset states them: one count of
# one personnel type (troops, police, experts, formed_police, individual_police,
# total, female, male) of one country, to one mission ("" for all missions), in
# one month; ``rank`` is the country's rank among contributors where the source
# ranks them (the UN portal), on each of its rows for that month.
peacekeeping_contributions = Table(
    "peacekeeping_contributions",
    metadata,
    Column("source_id", String(40), ForeignKey("sources.id"), primary_key=True),
    Column("country", String(3), primary_key=True),
    Column("mission", String(40), primary_key=True),
    Column("month", String(7), primary_key=True),
    Column("personnel", String(24), primary_key=True),
    Column("count", Integer, nullable=False),
    Column("rank", Integer),
    Index("ix_peacekeeping_country_month", "country", "month"),
)

# UN General Assembly roll calls (Voeten's layout), their issue codes, and every
# recorded vote: Y yes, N no, A abstain (absences are not recorded).
un_roll_calls = Table(
    "un_roll_calls",
    metadata,
    Column("rcid", Integer, primary_key=True, autoincrement=False),
    # the roll-calls file this row was read from, and the votes file its votes were
    # read from: together with the issues' source they name the stored edition
    Column("source_id", String(40), ForeignKey("sources.id"), nullable=False),
    Column("votes_source_id", String(40), ForeignKey("sources.id"), nullable=False),
    Column("session", Integer),
    Column("important", Boolean),
    Column("date", String(10), index=True),
    Column("resolution", Text),
    Column("amendment", Boolean),
    Column("paragraph", Boolean),
    Column("short", Text),
    Column("description", Text),
)

un_roll_call_issues = Table(
    "un_roll_call_issues",
    metadata,
    Column("rcid", Integer, ForeignKey("un_roll_calls.rcid"), primary_key=True),
    Column("issue", String(8), primary_key=True),
    Column("label", Text, nullable=False),
    Column("source_id", String(40), ForeignKey("sources.id"), nullable=False),
)

un_votes = Table(
    "un_votes",
    metadata,
    # No foreign key to un_roll_calls: the importer checks every rcid itself, and a
    # check per row would slow the import of 869,937 votes. SQLite keeps the table in
    # its primary key (WITHOUT ROWID): one B-tree to write instead of a table, the
    # key's index and a country index (writing the 869,935 votes took 0.9 s of CPU
    # instead of 3.7 s, measured); a country's votes are read through the roll calls
    # of an issue, or by a scan (870,000 short rows, about 0.2 s).
    Column("rcid", Integer, primary_key=True, autoincrement=False),
    Column("country", String(3), primary_key=True),
    Column("vote", String(1), nullable=False),
    sqlite_with_rowid=False,
)


# Accounts of the web workspace (forcevet serve): a name, a role (model/users.py) and an
# argon2 hash of the password; every write the account makes records its name.
users = Table(
    "users",
    metadata,
    Column("name", String(60), primary_key=True),
    Column("role", String(10), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("created_by", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
)

# API tokens for scripts: only a SHA-256 of the token is kept (tokens are 32 random
# bytes, so a fast hash is enough); the id is what lists and revocations name.
api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", String(16), primary_key=True),
    Column("user_name", String(60), ForeignKey("users.name"), nullable=False, index=True),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("label", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
)

# Named what-ifs of a case's composition (the web workspace's Composition page): the
# toggles as JSON (composition/whatif.py), who saved it and when; one name per case.
# No foreign key to cases: a case reload deletes and re-inserts its row.
composition_variants = Table(
    "composition_variants",
    metadata,
    Column("case_id", String(60), primary_key=True),
    Column("name", String(80), primary_key=True),
    Column("toggles", Text, nullable=False),
    Column("saved_by", Text, nullable=False),
    Column("saved_at", String(32), nullable=False),
)
