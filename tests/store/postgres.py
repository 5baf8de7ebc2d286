"""A throwaway PostgreSQL server for the store tests, started with initdb and pg_ctl.

The server lives in a temporary folder, listens on 127.0.0.1 on a free port and
asks for a password (scram-sha-256), as a team's server would. PostgreSQL refuses
to run as root, so under root (CI) it runs as the ``postgres`` user that Debian's
package creates. Without server binaries the tests skip with the reason, except
under CI (``CI=true``), where a missing server fails the run.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

USER = "forcevet"
PASSWORD = "s3cret-Pa55"  # a test server's: it proves the password never shows
# Debian installs the server binaries outside PATH, one folder per major version.
DEBIAN_BINARIES = Path("/usr/lib/postgresql")


def find_binaries() -> Path | None:
    """Return the folder holding initdb and pg_ctl, or None if there is no server."""
    found = shutil.which("pg_ctl")
    if found and (Path(found).resolve().parent / "initdb").exists():
        return Path(found).resolve().parent
    versions = sorted(
        DEBIAN_BINARIES.glob("*/bin/pg_ctl"),
        key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0,
    )
    return versions[-1].parent if versions else None


def missing(reason: str) -> None:
    """Skip the test with the reason, or fail it under CI, where PostgreSQL must run."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and {reason}: .ci/run installs Debian's postgresql package")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class Server:
    """A running server: its URL for a database name."""

    port: int

    def url(self, database: str, *, password: str = PASSWORD) -> str:
        return f"postgresql+psycopg://{USER}:{password}@127.0.0.1:{self.port}/{database}"


@contextmanager
def run_server(binaries: Path) -> Iterator[Server]:
    """Start a fresh server in a temporary folder; stop it and remove the folder after."""
    as_user: list[str] = []
    root = Path(tempfile.mkdtemp(prefix="forcevet-pg-"))
    if os.geteuid() == 0:  # initdb and postgres refuse root
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(root)
            missing("running as root with no postgres user to run the server as")
        os.chown(root, owner.pw_uid, owner.pw_gid)
        as_user = ["runuser", "-u", "postgres", "--"]
    data = root / "data"
    password_file = root / "password"
    password_file.write_text(PASSWORD + "\n")
    if as_user:
        os.chown(password_file, owner.pw_uid, owner.pw_gid)
    port = _free_port()

    def run(*command: str) -> None:
        done = subprocess.run([*as_user, *command], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            log = root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{command[0]} failed: {done.stderr or done.stdout}\n{tail}")

    try:
        run(
            str(binaries / "initdb"),
            "-D",
            str(data),
            "-U",
            USER,
            f"--pwfile={password_file}",
            "--auth=scram-sha-256",
            "--encoding=UTF8",
            "--no-sync",
        )
        options = (
            f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories={root} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        run(
            str(binaries / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(root / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        )
        try:
            yield Server(port)
        finally:
            run(str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
    finally:
        shutil.rmtree(root, ignore_errors=True)
