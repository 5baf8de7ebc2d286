"""The commands on a PostgreSQL store, its password never printed.

A new, empty database on the test server (tests/store/postgres.py) is set up by
`forcevet init` as a team would set up theirs; then the commands an analyst runs
first, and a failed one that must leave the store as it was.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import Engine

from tests.conftest import Cli
from tests.store.postgres import PASSWORD, Server

DATABASES = iter(range(1_000_000))


@pytest.fixture
def cli(postgres_server: tuple[Server, Engine]) -> Iterator[Cli]:
    server, admin = postgres_server
    name = f"forcevet_empty_{next(DATABASES)}"
    with admin.connect() as connection:
        connection.exec_driver_sql(f"CREATE DATABASE {name}")
    yield Cli(server.url(name))
    with admin.connect() as connection:
        connection.exec_driver_sql(f"DROP DATABASE {name} WITH (FORCE)")


def _ok(result: object) -> str:
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert PASSWORD not in result.output  # type: ignore[attr-defined]
    return str(result.stdout)  # type: ignore[attr-defined]


def test_init_and_a_first_session_on_postgresql(cli: Cli) -> None:
    before = cli("actor", "list")
    assert before.exit_code == 1 and "is not set up; run `forcevet init`" in before.stderr
    assert PASSWORD not in before.output

    out = _ok(cli("init"))
    assert "store ready at postgresql+psycopg://forcevet:***@127.0.0.1:" in out
    assert json.loads(_ok(cli("init", "--json")))["url"].startswith(
        "postgresql+psycopg://forcevet:***@"
    )

    source = json.loads(
        _ok(
            cli(
                "source",
                "add",
                "--title",
                "Dar on the ISF",
                "--publisher",
                "Anadolu Agency",
                "--kind",
                "wire",
                "--reliability",
                "B",
                "--json",
            )
        )
    )
    claim = json.loads(
        _ok(
            cli(
                "claim",
                "add",
                "--source",
                source["id"],
                "--subject",
                "Pakistan",
                "--predicate",
                "states_reservation_on_mandate",
                "--value",
                "disarmament",
                "--date",
                "2025-11-29",
                "--quote",
                'Disarming Hamas is "not our job".',
                "--credibility",
                "2",
                "--by",
                "alice",
                "--json",
            )
        )
    )
    edited = json.loads(
        _ok(cli("claim", "edit", claim["id"], "--credibility", "3", "--by", "bob", "--json"))
    )
    assert edited["revision"] == 2
    history = json.loads(_ok(cli("claim", "history", claim["id"], "--json")))
    assert history[1]["changes"] == {"credibility": ["2", "3"]}
    listed = json.loads(_ok(cli("claim", "list", "--actor", "PAK", "--json")))
    assert [c["id"] for c in listed] == [claim["id"]]
    _ok(cli("actor", "add", "Hamas", "--kind", "armed_group", "--alias", "Harakat al-Muqawama"))
    assert "Hamas" in _ok(cli("actor", "show", "hamas"))

    before_failure = cli.snapshot()
    refused = cli("claim", "add", "--source", source["id"], "--subject", "Nowhereland")
    assert refused.exit_code == 2
    refused = cli("actor", "add", "Hamas", "--kind", "armed_group")  # exists already
    assert refused.exit_code == 2 and "exists already" in refused.stderr
    assert cli.snapshot() == before_failure


def test_a_case_loads_and_assesses_on_postgresql(cli: Cli) -> None:
    _ok(cli("init"))
    _ok(cli("case", "load", "gaza-isf"))
    assessed = json.loads(_ok(cli("assess", "--samples", "200", "--json")))
    assert assessed["candidates"]
    assert "gaza-isf" in _ok(cli("run", "list"))


def test_a_wrong_password_is_one_line_without_it(
    cli: Cli, postgres_server: tuple[Server, Engine]
) -> None:
    server, _ = postgres_server
    wrong = "Wr0ng-Pa55word"
    database = cli.db_url.rsplit("/", 1)[1]
    result = Cli(server.url(database, password=wrong))("actor", "list")
    assert result.exit_code == 1
    assert "password authentication failed" in result.stderr
    assert "forcevet:***@127.0.0.1" in result.stderr
    assert wrong not in result.output and len(result.stderr.strip().splitlines()) == 1


def test_a_writer_kept_waiting_on_postgresql_gets_a_clear_error(postgres_url: str) -> None:
    from forcevet.errors import StoreError
    from forcevet.settings import Settings
    from forcevet.store.store import open_store

    settings = Settings(db=postgres_url, busy_timeout=0.3)
    with (
        open_store(settings) as holder,
        holder.transaction(),  # holds the write lock
        open_store(settings) as waiter,
    ):
        busy = "is busy: another command kept it locked"
        with pytest.raises(StoreError, match=busy) as raised, waiter.transaction():
            pass
        assert PASSWORD not in str(raised.value)
        assert waiter.schema_revision() is not None  # readers are not held up
