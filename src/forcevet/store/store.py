"""Opening the store, its transactions, and the one place SQLite and PostgreSQL differ."""

from __future__ import annotations

import logging
import random
import re
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from sqlalchemy import Connection, Engine, create_engine, event, inspect, make_url, text
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from forcevet.errors import StoreError
from forcevet.settings import BUSY_TIMEOUT, Settings

log = logging.getLogger(__name__)

# The newest Alembic revision this code expects; `forcevet init` migrates to it.
SCHEMA_REVISION = "0011"

# How many times a SQLite writer asks for the write lock, each time waiting up to its
# share of the busy timeout, before it gives up with a StoreError.
BEGIN_ATTEMPTS = 3

# Set on a connection's info by Store.transaction() so that its BEGIN takes the write lock.
_WRITER = "forcevet_writer"

# PostgreSQL's advisory lock that writers hold for their transaction ("forc" in ASCII):
# one writer at a time, as in SQLite, so that "look it up, insert it if it is new" never
# races another analyst storing the same source or claim (a unique-key error otherwise).
WRITE_LOCK_KEY = 0x666F7263


def display_url(url: str) -> str:
    """Return the store's URL with its password hidden, for every message that names it.

    SQLAlchemy renders the URL with "***" in place of the password. A string it
    cannot parse, or one whose password holds an unescaped "@" (which SQLAlchemy
    reads as part of the host), has everything from "user:" to the last "@" hidden.
    """
    try:
        parsed = make_url(url)
        if "@" not in (parsed.host or ""):
            return parsed.render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        pass
    return re.sub(r"(://[^:/@]*:).*@", r"\1***@", url, count=1)


def _reason(exc: BaseException, url: str) -> str:
    """Return the first line of a driver's error, with the URL's password hidden."""
    cause = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    lines = str(cause).strip().splitlines()
    reason = lines[0] if lines else type(cause).__name__
    # Drivers do not echo passwords; this guards against one that would. A password
    # shorter than 4 characters is left alone: hiding it would mangle ordinary words.
    found = re.search(r"://[^:/@]*:(.*)@", url)
    password = found.group(1) if found else ""
    for written in {password, unquote(password)}:  # as in the URL, and as the driver got it
        if len(written) >= 4:
            reason = reason.replace(written, "***")
    return reason


def is_busy(exc: BaseException) -> bool:
    """Return True when another connection's writing kept this one waiting too long.

    That is SQLite's "database is locked" or PostgreSQL's lock timeout (55P03).
    """
    cause = exc.orig if isinstance(exc, DBAPIError) else exc
    if getattr(cause, "sqlstate", None) == "55P03":
        return True
    if not isinstance(cause, sqlite3.OperationalError):
        return False
    message = str(cause)
    return "database is locked" in message or "database is busy" in message


def _busy_error(url: str, timeout: float) -> StoreError:
    return StoreError(
        f"the store at {display_url(url)} is busy: another command kept it locked for over "
        f"{timeout:.0f} s; try again when it has finished (FORCEVET_BUSY_TIMEOUT waits longer)"
    )


def sqlite_file(url: str) -> Path | None:
    """Return the file a SQLite URL names, or None for memory, URI filenames and servers."""
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):
        return None
    database = parsed.database
    if (
        parsed.get_backend_name() != "sqlite"
        or not database
        or database == ":memory:"
        or database.startswith("file:")
        or parsed.query.get("uri")
    ):
        return None
    return Path(database)


def _begin_sqlite(driver: sqlite3.Connection, statement: str, url: str, timeout: float) -> None:
    """Run BEGIN or BEGIN IMMEDIATE, asking again a bounded number of times when busy.

    Each attempt waits up to its share of the busy timeout inside SQLite; between
    attempts a random pause lets writers that gave up at the same moment spread out.
    """
    for attempt in range(1, BEGIN_ATTEMPTS + 1):
        try:
            driver.execute(statement)
            return
        except sqlite3.OperationalError as exc:
            if not is_busy(exc):
                raise
            if attempt == BEGIN_ATTEMPTS:
                raise _busy_error(url, timeout) from exc
            log.info("store busy, asking again (%d of %d)", attempt + 1, BEGIN_ATTEMPTS)
            time.sleep(random.uniform(0.05, 0.25) * attempt)


def _sqlite_engine(url: str, busy_timeout: float, pool: dict[str, Any]) -> Engine:
    """Return a SQLite engine that is transactional, in WAL mode, and waits when busy.

    pysqlite opens transactions lazily and never around DDL, which breaks
    savepoints and "one transaction per command"; emitting BEGIN ourselves is
    SQLAlchemy's documented remedy. Foreign keys are off in SQLite by default.
    WAL lets readers go on while one analyst writes; writers take the write lock
    when their transaction starts (BEGIN IMMEDIATE), where waiting and asking
    again are safe, rather than at their first write, where SQLite can only fail.
    """
    options: dict[str, Any] = {"connect_args": {"timeout": busy_timeout / BEGIN_ATTEMPTS}, **pool}
    if make_url(url).database in (None, "", ":memory:"):
        options = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    engine = create_engine(url, **options)

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        try:  # persistent: a no-op once the file is in WAL mode
            cursor.execute("PRAGMA journal_mode=WAL")
        except sqlite3.OperationalError as exc:  # busy: this connection keeps the old mode
            log.warning("cannot switch %s to WAL mode: %s", display_url(url), exc)
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        writer = connection.info.pop(_WRITER, False)
        driver = connection.connection.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        _begin_sqlite(driver, "BEGIN IMMEDIATE" if writer else "BEGIN", url, busy_timeout)

    return engine


def make_engine(
    url: str, *, busy_timeout: float = BUSY_TIMEOUT, connections: int | None = None
) -> Engine:
    """Return an engine for any SQLAlchemy URL, with SQLite made transactional.

    ``connections`` sizes the pool for a server whose threads each hold one connection
    (the web workspace); commands use one and keep SQLAlchemy's default.
    """
    pool: dict[str, Any] = {}
    if connections is not None:
        pool = {"pool_size": connections, "max_overflow": 0}
    try:
        if url.startswith("sqlite"):
            return _sqlite_engine(url, busy_timeout, pool)
        return create_engine(url, **pool)
    except ImportError as exc:
        hint = "; pip install 'forcevet[postgres]'" if url.startswith("postgres") else ""
        raise StoreError(
            f"cannot open the store at {display_url(url)}: no driver ({exc}){hint}"
        ) from exc
    except (SQLAlchemyError, ValueError) as exc:
        raise StoreError(
            f"cannot open the store at {display_url(url)}: {_reason(exc, url)}"
        ) from exc


class Store:
    """One connection to the evidence base; every command works in one transaction."""

    def __init__(
        self, connection: Connection, url: str, busy_timeout: float = BUSY_TIMEOUT
    ) -> None:
        self.connection = connection
        self.url = url
        self.busy_timeout = busy_timeout

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Commit on success, roll back on any error; nested blocks use savepoints.

        The outermost block is a writer: it takes the store's write lock as it
        starts (SQLite: BEGIN IMMEDIATE, see _sqlite_engine; PostgreSQL: an
        advisory lock), and a store still locked after the busy timeout is a
        StoreError naming it, not a traceback.
        """
        if self.connection.in_transaction():
            with self.connection.begin_nested():
                yield self
            return
        self.connection.info[_WRITER] = True
        try:
            with self.connection.begin():
                if self.connection.dialect.name == "postgresql":
                    self._lock_postgresql()
                yield self
        except DBAPIError as exc:
            if is_busy(exc):
                raise _busy_error(self.url, self.busy_timeout) from exc
            raise
        finally:
            self.connection.info.pop(_WRITER, None)

    def _lock_postgresql(self) -> None:
        """Wait up to the busy timeout for PostgreSQL's write lock, held until commit."""
        self.connection.execute(
            text("SELECT set_config('lock_timeout', :timeout, true)"),
            {"timeout": f"{round(self.busy_timeout * 1000)}ms"},
        )
        self.connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK_KEY})

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
    """Yield a Store on the configured database, checking it is migrated.

    With ``require_schema`` (every command but `init` and `demo`) a SQLite file
    that does not exist is reported, not created: a read-only command run in the
    wrong folder must not leave an empty forcevet.db behind.
    """
    if isinstance(settings, str):
        url, busy_timeout = settings, BUSY_TIMEOUT
    else:
        url, busy_timeout = settings.db_url, settings.busy_timeout
    shown = display_url(url)
    path = sqlite_file(url)
    try:
        missing = path is not None and not path.exists()
    except OSError as exc:  # a name too long for the file system, say
        raise StoreError(f"cannot open the store at {shown[:200]}: {exc.strerror}") from None
    if require_schema and missing:
        raise StoreError(
            f"no store at {path}; run `forcevet init` to create it, or name one with --db"
        )
    engine = make_engine(url, busy_timeout=busy_timeout)
    try:
        connection = engine.connect()
    except SQLAlchemyError as exc:
        engine.dispose()
        raise StoreError(f"cannot open the store at {shown}: {_reason(exc, url)}") from exc
    store = Store(connection, url, busy_timeout)
    try:
        if require_schema:
            try:
                revision = store.schema_revision()
            except SQLAlchemyError as exc:
                if is_busy(exc):
                    raise _busy_error(url, busy_timeout) from exc
                raise StoreError(f"cannot read the store at {shown}: {_reason(exc, url)}") from exc
            finally:
                connection.rollback()
            if revision != SCHEMA_REVISION:
                raise _schema_error(shown, revision)
        try:
            yield store
        except DBAPIError as exc:
            if is_busy(exc):  # a read outside store.transaction() that found the store locked
                raise _busy_error(url, busy_timeout) from exc
            raise
    finally:
        connection.close()
        engine.dispose()


def require_current_schema(store: Store) -> None:
    """Raise StoreError unless the store is at this version's schema (inside a command's
    transaction, for commands that open the store without requiring it first)."""
    revision = store.schema_revision()
    if revision != SCHEMA_REVISION:
        raise _schema_error(display_url(store.url), revision)


def _schema_error(shown: str, revision: str | None) -> StoreError:
    state = "is not set up" if revision is None else f"is at revision {revision}"
    return StoreError(f"the store at {shown} {state}; run `forcevet init` to create or migrate it")


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
