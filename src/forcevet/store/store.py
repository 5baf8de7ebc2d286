"""Opening the store, its transactions, and the one place SQLite and PostgreSQL differ."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.pool import StaticPool

from forcevet.errors import StoreError
from forcevet.settings import Settings

# The newest Alembic revision this code expects; `forcevet init` migrates to it.
SCHEMA_REVISION = "0008"


def make_engine(url: str) -> Engine:
    """Return an engine for any SQLAlchemy URL, with SQLite made transactional.

    pysqlite opens transactions lazily and never around DDL, which breaks
    savepoints and "one transaction per command"; emitting BEGIN ourselves is
    SQLAlchemy's documented remedy. Foreign keys are off in SQLite by default.
    """
    try:
        if url.startswith("sqlite"):
            options: dict[str, Any] = {}
            if url in ("sqlite://", "sqlite:///:memory:"):
                options = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
            engine = create_engine(url, **options)

            @event.listens_for(engine, "connect")
            def _connect(dbapi_connection: Any, _record: Any) -> None:
                dbapi_connection.isolation_level = None
                cursor = dbapi_connection.cursor()
                cursor.execute("PRAGMA foreign_keys=ON")
                cursor.close()

            @event.listens_for(engine, "begin")
            def _begin(connection: Connection) -> None:
                connection.exec_driver_sql("BEGIN")

            return engine
        return create_engine(url)
    except (SQLAlchemyError, ImportError, ValueError) as exc:
        raise StoreError(f"cannot open the store at {url}: {exc}") from exc


class Store:
    """One connection to the evidence base; every command works in one transaction."""

    def __init__(self, connection: Connection, url: str) -> None:
        self.connection = connection
        self.url = url

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Commit on success, roll back on any error; nested blocks use savepoints."""
        if self.connection.in_transaction():
            with self.connection.begin_nested():
                yield self
        else:
            with self.connection.begin():
                yield self

    def schema_revision(self) -> str | None:
        """Return the Alembic revision the store is at, or None if it was never set up."""
        if not inspect(self.connection).has_table("alembic_version"):
            return None
        row = self.connection.execute(text("SELECT version_num FROM alembic_version")).first()
        return None if row is None else str(row[0])


def now() -> str:
    """Return the current UTC time as an ISO string, as every record stores it."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@contextmanager
def open_store(settings: Settings | str, *, require_schema: bool = True) -> Iterator[Store]:
    """Yield a Store on the configured database, checking it is migrated."""
    url = settings if isinstance(settings, str) else settings.db_url
    engine = make_engine(url)
    try:
        connection = engine.connect()
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open the store at {url}: {exc}") from exc
    store = Store(connection, url)
    try:
        if require_schema:
            revision = store.schema_revision()
            if revision != SCHEMA_REVISION:
                connection.rollback()
                state = "is not set up" if revision is None else f"is at revision {revision}"
                raise StoreError(
                    f"the store at {url} {state}; run `forcevet init` to create or migrate it"
                )
            connection.rollback()
        yield store
    finally:
        connection.close()
        engine.dispose()


def migrate(store: Store) -> None:
    """Bring the store's schema to the newest revision with Alembic."""
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option(
        "script_location", str(resources.files("forcevet.store").joinpath("migrations"))
    )
    config.attributes["connection"] = store.connection
    command.upgrade(config, "head")
