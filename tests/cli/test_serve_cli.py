"""`forcevet user` and what `forcevet serve` decides before it serves."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.request import urlopen

from forcevet.cli.serve import is_loopback, serve_host
from forcevet.store.store import open_store
from forcevet.store.users import check_password, user_for_token
from tests.conftest import Cli

PASSWORD = "a long enough password"


def test_user_add_hashes_the_password_and_lists_the_account(cli: Cli) -> None:
    added = cli("user", "add", "ana", "--role", "analyst", "--password-stdin", input=PASSWORD)
    assert added.exit_code == 0, added.output
    assert "ana  added as analyst" in added.output
    listed = json.loads(cli("user", "list", "--json").output)
    assert [(u["name"], u["role"]) for u in listed] == [("ana", "analyst")]
    with open_store(cli.db_url) as store:
        assert check_password(store, "ana", PASSWORD) is not None


def test_bad_accounts_exit_2_and_store_nothing(cli: Cli) -> None:
    before = cli.snapshot()
    for args, words in (
        (("user", "add", "Ana Smith", "--role", "analyst"), "not an account name"),
        (("user", "add", "ana", "--role", "boss"), 'unknown role "boss"'),
        (("user", "add", "ana", "--role", "viewer"), "at least 10 characters"),
    ):
        result = cli(*args, "--password-stdin", input="short")
        assert result.exit_code == 2, result.output
        assert words in result.output
    assert cli.snapshot() == before
    cli("user", "add", "ana", "--role", "viewer", "--password-stdin", input=PASSWORD)
    again = cli("user", "add", "ana", "--role", "admin", "--password-stdin", input=PASSWORD)
    assert again.exit_code == 2 and "exists already" in again.output


def test_a_token_is_shown_once_and_can_be_revoked(cli: Cli) -> None:
    cli("user", "add", "bot", "--role", "viewer", "--password-stdin", input=PASSWORD)
    made = cli("user", "token", "bot", "--label", "nightly")
    assert made.exit_code == 0, made.output
    token_id, token = made.stdout.split()[:2]
    with open_store(cli.db_url) as store:
        user = user_for_token(store, token)
        assert user is not None and user.name == "bot"
        hashes = [
            r[0] for r in store.connection.exec_driver_sql("SELECT token_hash FROM api_tokens")
        ]
        assert token not in hashes
    assert cli("user", "revoke", token_id).exit_code == 0
    with open_store(cli.db_url) as store:
        assert user_for_token(store, token) is None
    assert cli("user", "revoke", token_id).exit_code == 2


def test_role_changes_count(cli: Cli) -> None:
    cli("user", "add", "ana", "--role", "viewer", "--password-stdin", input=PASSWORD)
    assert "ana  is now reviewer" in cli("user", "role", "ana", "reviewer").output


def test_without_accounts_only_loopback_is_served() -> None:
    assert serve_host("0.0.0.0", accounts=False)[0] == "127.0.0.1"
    assert "127.0.0.1 only" in (serve_host("0.0.0.0", accounts=False)[1] or "")
    assert serve_host("0.0.0.0", accounts=True) == ("0.0.0.0", None)
    assert serve_host("::1", accounts=False) == ("::1", None)
    assert is_loopback("localhost") and not is_loopback("192.168.1.4")


def test_serve_answers_on_the_port_it_names(cli: Cli, tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "forcevet", "--db", cli.db_url, "serve"]
    server = subprocess.Popen(
        [*command, "--host", "0.0.0.0", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=tmp_path,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urlopen(f"http://127.0.0.1:{port}/api/openapi.json", timeout=2) as answer:
                    spec = json.loads(answer.read())
                break
            except OSError:
                assert server.poll() is None, server.communicate()
                assert time.monotonic() < deadline, "the server never answered"
                time.sleep(0.2)
        assert spec["info"]["title"] == "forcevet"
    finally:
        server.terminate()
        out, err = server.communicate(timeout=30)
    assert f"on http://127.0.0.1:{port}/ (no accounts: local user only)" in out
    assert "served on 127.0.0.1 only, not 0.0.0.0" in err
