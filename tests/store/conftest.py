"""Fixtures: every store test runs on SQLite and on a real PostgreSQL server.

The ``store`` fixture of tests/conftest.py is parametrized here: ``[sqlite]`` is
the in-memory store, ``[postgresql]`` a fresh database on one server started for
the session (tests/store/postgres.py). Each PostgreSQL test gets its own
database, copied from a template that was migrated and loaded with the countries
once (CREATE DATABASE ... TEMPLATE, about 0.1 s instead of 2 s of migrating).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine

from forcevet.store.setup import init_store
from forcevet.store.store import Store, open_store
from tests.store.postgres import Server, find_binaries, missing, run_server

TEMPLATE = "forcevet_template"
DATABASES = itertools.count()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[tuple[Server, Engine]]:
    binaries = find_binaries()
    if binaries is None:
        missing("no PostgreSQL server on this machine (initdb, pg_ctl)")
    try:
        import psycopg  # noqa: F401  # the driver the postgres extra installs
    except ImportError:
        missing("no PostgreSQL driver: pip install 'forcevet[postgres]'")
    assert binaries is not None
    with run_server(binaries) as server:
        admin = create_engine(server.url("postgres"), isolation_level="AUTOCOMMIT")
        try:
            with admin.connect() as connection:
                connection.exec_driver_sql(f"CREATE DATABASE {TEMPLATE}")
            with (
                open_store(server.url(TEMPLATE), require_schema=False) as store,
                store.transaction(),
            ):
                init_store(store)
            yield server, admin
        finally:
            admin.dispose()


@pytest.fixture
def postgres_url(postgres_server: tuple[Server, Engine]) -> Iterator[str]:
    """Return the URL of a new database holding a migrated store with the countries."""
    server, admin = postgres_server
    name = f"forcevet_test_{next(DATABASES)}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
    yield server.url(name)
    with admin.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    if request.param == "sqlite":
        with open_store("sqlite://", require_schema=False) as opened:
            with opened.transaction():
                init_store(opened)
            yield opened
        return
    url = request.getfixturevalue("postgres_url")
    with open_store(url) as opened:
        yield opened
