"""The migrations build exactly the schema the code declares."""

from __future__ import annotations

from importlib import resources

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext

from forcevet.store.store import SCHEMA_REVISION, Store
from forcevet.store.tables import metadata


def alembic_config(store: Store) -> Config:
    """Return an Alembic configuration that migrates this store's connection."""
    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("forcevet.store").joinpath("migrations"))
    )
    config.attributes["connection"] = store.connection
    return config


def test_migrating_a_new_store_gives_the_declared_tables(store: Store) -> None:
    assert store.schema_revision() == SCHEMA_REVISION
    context = MigrationContext.configure(store.connection)
    assert compare_metadata(context, metadata) == []


def test_migration_0005_indexes_the_sketches_already_stored() -> None:
    from alembic import command
    from sqlalchemy import select, text

    from forcevet.store.store import migrate, open_store
    from forcevet.store.tables import source_minhashes

    with open_store("sqlite://", require_schema=False) as store:
        config = alembic_config(store)
        with store.transaction():
            command.upgrade(config, "0004")
            store.connection.execute(
                text(
                    "INSERT INTO sources (id, title, publisher, kind, reliability, reliability_by,"
                    " text, content_hash, added_at, sketch) VALUES ('src-1', 't', 'p', 'news', 'B',"
                    " 'x', 'body', 'h1', '2026-01-01', 'w5:a,b,c,d,e'), ('src-2', 't', 'p',"
                    " 'news', 'B', 'x', 'body 2', 'h2', '2026-01-01', '1,2,3')"
                )
            )
            migrate(store)
        rows = store.connection.execute(select(source_minhashes)).all()
    # the first four hashes of the tagged sketch; the untagged one is not comparable
    assert sorted(rows) == [(10, "src-1"), (11, "src-1"), (12, "src-1"), (13, "src-1")]


def test_migration_0007_keeps_stored_actors_accepted_and_claims_first_hand() -> None:
    from alembic import command
    from sqlalchemy import text

    from forcevet.model.actors import ActorStatus
    from forcevet.store.actors import load_actors
    from forcevet.store.claims import get_claim
    from forcevet.store.store import migrate, open_store

    with open_store("sqlite://", require_schema=False) as store:
        config = alembic_config(store)
        with store.transaction():
            command.upgrade(config, "0006")
            store.connection.execute(
                text(
                    "INSERT INTO actors (id, kind, name) VALUES ('PAK', 'state', 'Pakistan'),"
                    " ('dar', 'person', 'Ishaq Dar');"
                )
            )
            store.connection.execute(
                text(
                    "INSERT INTO sources (id, title, publisher, kind, reliability, reliability_by,"
                    " text, content_hash, added_at) VALUES ('src-1', 't', 'p', 'news', 'B', 'x',"
                    " 'Dar said Pakistan would send troops.', 'h1', '2026-01-01')"
                )
            )
            store.connection.execute(
                text(
                    "INSERT INTO claims (id, source_id, head, created_by, created_at)"
                    " VALUES ('clm-1', 'src-1', 1, 'x', '2026-01-01')"
                )
            )
            store.connection.execute(
                text(
                    "INSERT INTO claim_revisions (claim_id, revision, subject_id, predicate,"
                    " polarity, quote, paraphrase, credibility, status, extracted_by,"
                    " reported_by_id, recorded_by, recorded_at) VALUES ('clm-1', 1, 'PAK',"
                    " 'offers_units', 'affirms', 'Pakistan would send troops', 0, 3, 'proposed',"
                    " 'rules', 'dar', 'x', '2026-01-01')"
                )
            )
            migrate(store)
        assert store.schema_revision() == SCHEMA_REVISION
        actors = load_actors(store, ["PAK", "dar"])
        claim = get_claim(store, "clm-1")
    assert {a.status for a in actors} == {ActorStatus.ACCEPTED}
    assert claim is not None
    assert (claim.reported, claim.reported_by_id) == (False, "dar")


def test_migration_0007_can_be_undone() -> None:
    from alembic import command
    from sqlalchemy import inspect

    from forcevet.store.store import migrate, open_store

    with open_store("sqlite://", require_schema=False) as store:
        config = alembic_config(store)
        with store.transaction():
            migrate(store)
            command.downgrade(config, "0006")
            columns = {c["name"] for c in inspect(store.connection).get_columns("actors")}
            revisions = inspect(store.connection).get_columns("claim_revisions")
    assert "status" not in columns
    assert "reported" not in {c["name"] for c in revisions}
