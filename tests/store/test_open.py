"""Opening the store: passwords hidden, no file made by reading, SQLite in WAL mode, busy."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from forcevet.cli import app
from forcevet.errors import StoreError
from forcevet.settings import Settings
from forcevet.store.setup import init_store
from forcevet.store.store import display_url, open_store

PASSWORD = "s3cret-Pa55"


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            f"postgresql+psycopg://fv:{PASSWORD}@db.example:5432/forcevet",
            "postgresql+psycopg://fv:***@db.example:5432/forcevet",
        ),
        ("postgresql://fv:p%40ss@db.example/forcevet", "postgresql://fv:***@db.example/forcevet"),
        ("postgresql://fv@db.example/forcevet", "postgresql://fv@db.example/forcevet"),
        # an unescaped "@" in the password: none of it shows
        ("postgresql://fv:p@ss@db.example/forcevet", "postgresql://fv:***@db.example/forcevet"),
        ("sqlite:///forcevet.db", "sqlite:///forcevet.db"),
        ("sqlite://", "sqlite://"),
        # not a URL SQLAlchemy parses: the part between "user:" and "@" is still hidden
        (f"nonsense+://fv:{PASSWORD}@host:port:x/db", "nonsense+://fv:***@host:port:x/db"),
    ],
)
def test_display_url_hides_the_password(url: str, shown: str) -> None:
    assert display_url(url) == shown


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_store_that_cannot_be_reached_is_named_without_its_password() -> None:
    url = f"postgresql+psycopg://fv:{PASSWORD}@127.0.0.1:{_closed_port()}/forcevet"
    with pytest.raises(StoreError) as raised, open_store(url):
        pass
    message = str(raised.value)
    assert PASSWORD not in message
    assert "cannot open the store at postgresql+psycopg://fv:***@127.0.0.1" in message
    assert "\n" not in message


def test_the_cli_names_an_unreachable_store_without_its_password() -> None:
    url = f"postgresql+psycopg://fv:{PASSWORD}@127.0.0.1:{_closed_port()}/forcevet"
    for command in (["init"], ["actor", "list"]):
        result = CliRunner().invoke(app, ["--db", url, *command])
        assert result.exit_code == 1, result.output
        assert "fv:***@127.0.0.1" in result.stderr
        assert PASSWORD not in result.output
        assert "Traceback" not in result.output


def test_reading_a_store_that_does_not_exist_creates_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FORCEVET_DB", raising=False)
    for command in (["actor", "list"], ["claim", "list"], ["source", "list"], ["run", "list"]):
        result = CliRunner().invoke(app, command)
        assert result.exit_code == 1, result.output
        assert "no store at forcevet.db; run `forcevet init`" in result.stderr
    assert list(tmp_path.iterdir()) == []
    with (
        pytest.raises(StoreError, match="no store at"),
        open_store(f"sqlite:///{tmp_path / 'x.db'}"),
    ):
        pass
    with pytest.raises(StoreError, match="no store at"), open_store(Settings(db="y.db")):
        pass
    assert list(tmp_path.iterdir()) == []


def test_init_creates_the_store_and_then_it_opens(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'team.db'}"
    with open_store(url, require_schema=False) as store, store.transaction():
        init_store(store)
    with open_store(url) as store:
        mode = store.connection.execute(text("PRAGMA journal_mode")).scalar_one()
        busy = store.connection.execute(text("PRAGMA busy_timeout")).scalar_one()
    assert mode == "wal"  # readers go on while a writer works
    assert busy > 0


def test_a_file_that_is_not_a_store_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"not a database at all, just some words\n" * 100)
    expected = "cannot open the store at .*notes.db: file is not a database$"
    with pytest.raises(StoreError, match=expected), open_store(f"sqlite:///{path}"):
        pass


def test_a_writer_that_waits_too_long_gets_a_clear_error(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'team.db'}"
    with open_store(url, require_schema=False) as store, store.transaction():
        init_store(store)
    settings = Settings(db=url, busy_timeout=0.3)
    with (
        open_store(settings) as holder,
        holder.transaction(),  # holds the write lock
        open_store(settings) as waiter,
    ):
        busy = "is busy: another command kept it locked"
        with pytest.raises(StoreError, match=busy), waiter.transaction():
            pass
        # a reader is not held up by the writer (WAL)
        assert waiter.schema_revision() is not None


def test_a_driver_message_that_echoes_the_password_is_cleaned() -> None:
    from forcevet.store.store import _reason

    echoed = ValueError(f"login as fv with {PASSWORD} refused\nsecond line")
    assert _reason(echoed, f"postgresql://fv:{PASSWORD}@h/db") == "login as fv with *** refused"
    escaped = ValueError("login with p@ss-word refused")
    assert _reason(escaped, "postgresql://fv:p%40ss-word@h/db") == "login with *** refused"
