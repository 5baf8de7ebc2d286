"""kill -9 in the middle of a long write leaves a consistent store.

Each trial starts a real `forcevet` process (the installed console script) on a
copy of one store and sends it SIGKILL at a seeded random moment. Most kills fall
while the process has the store open: the delay is drawn over the time an
unkilled run of the command kept the store open, counted from when this run
opened it (the 2-3 s of imports before that would only ever find an untouched
store). One kill per command falls within 3 ms of SQLite starting to write pages
to forcevet.db-wal: the commit, or a large transaction spilling early.

Then the store is checked as the next user would find it: `actor list --json`
and `case list --json` exit 0 (run through the CLI in this process; this first
open recovers whatever the kill left in forcevet.db-wal), `PRAGMA
integrity_check` says "ok" and no row breaks a foreign key, and every table
holds either exactly what it held before the command or exactly what an
unkilled run of the same command wrote (times masked: they are the clock's). A
store holding part of a command's writes fails the test. On PostgreSQL the same,
without the SQLite pragmas: the server rolls back the dead client's transaction.

The processes run two at a time (the machine has two cores); the checks run
afterwards. Counts are printed (`pytest -s` shows them). Each run costs about
3 s of CPU, most of it start-up: FORCEVET_KILL_ROUNDS=N (default 2) sets the
random kills per command on SQLite, for a longer search.
"""

from __future__ import annotations

import functools
import itertools
import os
import random
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from forcevet.cli import app
from forcevet.store.setup import init_store
from forcevet.store.store import open_store
from tests.conftest import SHARED, snapshot
from tests.store.conftest import TEMPLATE
from tests.store.postgres import Server

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
UN_SC = SHARED / "data" / "un-sc" / "consolidated-2015-03-30.xml"
SEED = 20261129
PARALLEL = 2
RETRIES = 3
ROUNDS = int(os.environ.get("FORCEVET_KILL_ROUNDS", "2"))
# A stored time is the clock's, so two runs of one command differ there and only there.
TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?")

Snapshot = dict[str, list[tuple[Any, ...]]]


def forcevet_script() -> list[str]:
    """Return the command line of the installed forcevet console script."""
    beside = Path(sys.executable).parent / "forcevet"
    found = str(beside) if beside.exists() else shutil.which("forcevet")
    if found is None:
        pytest.skip("no forcevet console script installed beside this Python")
    return [str(found)]


def environment() -> dict[str, str]:
    """The child's environment: a fixed hash seed, so that two runs insert rows in the
    same order (autoincrement ids match), and a fixed user."""
    return os.environ | {"PYTHONHASHSEED": "0", "FORCEVET_USER": "kill-test"}


def masked(tables: Snapshot) -> Snapshot:
    return {
        name: sorted(
            tuple(TIME.sub("<time>", value) if isinstance(value, str) else value for value in row)
            for row in rows
        )
        for name, rows in tables.items()
    }


def store_snapshot(url: str) -> Snapshot:
    with open_store(url) as store:
        return masked(snapshot(store))


def changed_tables(tables: Snapshot, other: Snapshot) -> list[str]:
    return [name for name in tables if tables[name] != other.get(name)]


@dataclass(frozen=True)
class Command:
    name: str
    args: tuple[str, ...]


# What a probe sees of a store a process is writing: None while no process has it
# open, else how many bytes SQLite has written to forcevet.db-wal (0 on PostgreSQL).
Probe = Callable[[], int | None]
WAL_HEADER = 32  # bytes; more means SQLite is writing pages (a commit or a spill)


@dataclass
class Trial:
    """One run of a command on its own store: run to the end (``delay`` None) or killed
    ``delay`` seconds after it opened the store (after SQLite began writing pages to
    the WAL, with ``at_commit``)."""

    command: Command
    url: str
    probe: Probe
    delay: float | None = None
    at_commit: bool = False
    renew: Callable[[], tuple[str, Probe]] | None = None  # a fresh store for a retry
    finished_first: int = 0  # runs that ended before their kill (then retried sooner)
    killed: bool = False
    seen_at_kill: int | None = None
    killed_after: float = 0.0  # seconds after the store was opened (the WAL grew)
    opened_at: float | None = None
    seconds: float = 0.0
    returncode: int | None = None
    stderr: str = ""

    def moment(self) -> str:
        """Where the kill fell, as the probe saw it."""
        if self.seen_at_kill is None:
            return "store not open"
        return "writing the WAL" if self.seen_at_kill > WAL_HEADER else "store open"


@dataclass
class Tally:
    kills: int = 0
    consistent: int = 0
    nothing: int = 0
    everything: int = 0
    store_open: int = 0
    writing_wal: int = 0
    finished_first: int = 0
    lines: list[str] = field(default_factory=list)


def sqlite_path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///"))


def wal_probe(url: str) -> Probe:
    wal = Path(f"{sqlite_path(url)}-wal")

    def probe() -> int | None:
        try:
            return wal.stat().st_size
        except FileNotFoundError:
            return None

    return probe


def run(trial: Trial) -> Trial:
    """Run the trial; a run that ended before its kill (the machine ran faster than
    when it was measured) must have succeeded, and is retried on a fresh store with
    half the delay, up to RETRIES times."""
    run_once(trial)
    for _ in range(RETRIES):
        if trial.killed or trial.delay is None or trial.renew is None:
            break
        assert trial.returncode == 0, f"{trial.command.name} not killed, failed: {trial.stderr}"
        trial.finished_first += 1
        trial.delay /= 2
        trial.url, trial.probe = trial.renew()
        run_once(trial)
    return trial


def run_once(trial: Trial) -> None:
    """Run the trial's forcevet process, noting when it opens the store; SIGKILL it at
    the trial's moment if it still runs then."""
    trial.opened_at = None
    argv = [*forcevet_script(), "--db", trial.url, *trial.command.args]
    start = time.monotonic()
    with tempfile.TemporaryFile("w+") as stderr:
        process = subprocess.Popen(
            argv, stdout=subprocess.DEVNULL, stderr=stderr, env=environment(), text=True
        )
        try:
            watch(trial, process, start)
        finally:
            if process.poll() is None:  # the probe failed: leave no process behind
                os.kill(process.pid, signal.SIGKILL)
            process.wait()
        trial.seconds = time.monotonic() - start
        trial.returncode = process.returncode
        stderr.seek(0)
        trial.stderr = stderr.read()


def watch(trial: Trial, process: subprocess.Popen[str], start: float) -> None:
    commit_at: float | None = None
    while process.poll() is None:
        now = time.monotonic() - start
        seen = trial.probe()
        if seen is not None and trial.opened_at is None:
            trial.opened_at = now
        if trial.at_commit and commit_at is None and seen is not None and seen > WAL_HEADER:
            commit_at = now
        kill_at = commit_at if trial.at_commit else trial.opened_at
        if trial.delay is not None and kill_at is not None and now >= kill_at + trial.delay:
            trial.seen_at_kill = seen
            trial.killed_after = now - kill_at
            os.kill(process.pid, signal.SIGKILL)
            trial.killed = True
            return
        time.sleep(0.0005 if trial.at_commit else 0.005)


def run_all(trials: list[Trial]) -> list[Trial]:
    with ThreadPoolExecutor(max_workers=PARALLEL) as pool:
        return list(pool.map(run, trials))


def check_opens(url: str) -> None:
    """The store opens with forcevet: both listings exit 0."""
    runner = CliRunner()
    for args in (["actor", "list", "--json"], ["case", "list", "--json"]):
        result = runner.invoke(app, ["--db", url, *args])
        assert result.exit_code == 0, f"{' '.join(args)} after a kill: {result.output}"


def check_integrity(url: str) -> None:
    if not url.startswith("sqlite:///"):
        return
    connection = sqlite3.connect(sqlite_path(url))
    try:
        (verdict,) = connection.execute("PRAGMA integrity_check").fetchone()
        (broken,) = connection.execute("SELECT count(*) FROM pragma_foreign_key_check").fetchone()
    finally:
        connection.close()
    assert verdict == "ok", f"integrity_check after a kill: {verdict}"
    assert broken == 0, f"{broken} rows break a foreign key after a kill"


@dataclass(frozen=True)
class Plan:
    """A command and its kills: ``spread`` at random moments while the store is open,
    ``at_commit`` as SQLite starts writing pages to the WAL."""

    command: Command
    spread: int
    at_commit: int = 0


def planned(plans: list[Plan]) -> int:
    return sum(plan.spread + plan.at_commit for plan in plans)


def kill_commands(
    plans: list[Plan], new_store: Callable[[str], tuple[str, Probe]], tally: Tally, *, seed: int
) -> None:
    """Measure each command on a store of its own (when it opens the store, when it
    ends), kill runs of it on fresh copies and check every store left behind."""
    before = {
        plan.command.name: store_snapshot(new_store(f"{plan.command.name} before")[0])
        for plan in plans
    }
    references = run_all(
        [Trial(plan.command, *new_store(f"{plan.command.name} ref")) for plan in plans]
    )
    after: dict[str, Snapshot] = {}
    window: dict[str, tuple[float, float]] = {}
    for reference in references:
        name = reference.command.name
        assert reference.returncode == 0, f"{name} without a kill: {reference.stderr}"
        assert reference.opened_at is not None, f"{name} never opened its store"
        after[name] = store_snapshot(reference.url)
        window[name] = (reference.opened_at, reference.seconds)
        assert after[name] != before[name], f"{name} wrote nothing, so a kill proves nothing"
    rng = random.Random(seed)
    trials = []
    for plan in plans:
        name = plan.command.name
        opened, ended = window[name]
        for n in range(plan.spread + plan.at_commit):
            label = f"{name} kill {n}"
            url, probe = new_store(label)
            at_commit = n >= plan.spread
            delay = rng.uniform(0, 0.003) if at_commit else rng.uniform(0, ended - opened)
            renew = functools.partial(new_store, f"{label} again")
            trials.append(Trial(plan.command, url, probe, delay, at_commit, renew))
    rng.shuffle(trials)  # two at a time, mixing commands
    for trial in run_all(trials):
        name = trial.command.name
        tally.finished_first += trial.finished_first
        if trial.killed:
            tally.kills += 1
            moment = trial.moment()
            tally.store_open += moment == "store open"
            tally.writing_wal += moment == "writing the WAL"
        else:
            tally.finished_first += 1
            assert trial.returncode == 0, f"{name} not killed, failed: {trial.stderr}"
            moment = "finished first"
        check_opens(trial.url)
        check_integrity(trial.url)
        left = store_snapshot(trial.url)
        if left == before[name]:
            outcome = "nothing"
        elif left == after[name]:
            outcome = "everything"
        else:
            pytest.fail(
                f"{name} killed after {trial.seconds:.2f} s ({moment}) left part of its "
                f"writes: tables unlike before {changed_tables(left, before[name])}, unlike a "
                f"full run {changed_tables(left, after[name])}"
            )
        if trial.killed:
            tally.consistent += 1
            tally.nothing += outcome == "nothing"
            tally.everything += outcome == "everything"
        opened, ended = window[name]
        event = "SQLite began writing the WAL" if trial.at_commit else "it opened the store"
        when = f"killed {trial.killed_after:.3f} s after {event}" if trial.killed else "ran"
        tally.lines.append(
            f"  {name} (unkilled: store open {opened:.2f}-{ended:.2f} s): {when}, "
            f"{trial.seconds:.2f} s in all, {moment}: {outcome}"
        )


def report(label: str, tally: Tally, seconds: float) -> None:
    print(  # noqa: T201  the counts are the point of these tests
        f"\n{label}: {tally.kills} kills, {tally.consistent} consistent stores "
        f"({tally.nothing} hold nothing of the command, {tally.everything} all of it); "
        f"killed with the store open {tally.store_open}, while SQLite wrote its WAL "
        f"{tally.writing_wal}; {tally.finished_first} runs ended before their kill; "
        f"{seconds:.1f} s"
    )
    print("\n".join(tally.lines))  # noqa: T201


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Callable[[str], tuple[str, Probe]]:
    """Return a function making a fresh copy of one migrated store, named."""
    base = tmp_path / "base.db"
    with open_store(f"sqlite:///{base}", require_schema=False) as store, store.transaction():
        init_store(store)
    assert not Path(f"{base}-wal").exists()

    numbers = itertools.count()  # renewed from worker threads: next() is atomic

    def new_store(name: str) -> tuple[str, Probe]:
        path = tmp_path / f"{name.replace(' ', '-')}-{next(numbers)}.db"
        shutil.copyfile(base, path)
        url = f"sqlite:///{path}"
        return url, wal_probe(url)

    return new_store


def bundled_plans() -> list[Plan]:
    # the installed package's own file (a folder on disk: `import` reads a path)
    csv = str(files("forcevet.data") / "records" / "peacekeeping-ipi-monthly-subset.csv")
    articles = [
        "--date",
        "2025-11-29",
        *(str(ARTICLES / f"wire-{n}.txt") for n in ("indonesia", "veto")),
    ]
    return [
        Plan(Command("case load", ("case", "load", "gaza-isf")), ROUNDS, at_commit=1),
        Plan(Command("ingest --fast", ("ingest", "--fast", *articles)), ROUNDS, at_commit=1),
        Plan(Command("import peacekeeping", ("import", "peacekeeping", csv)), ROUNDS, at_commit=1),
    ]


def test_kills_leave_a_consistent_sqlite_store(
    sqlite_store: Callable[[str], tuple[str, Probe]],
) -> None:
    tally = Tally()
    start = time.monotonic()
    plans = bundled_plans()
    kill_commands(plans, sqlite_store, tally, seed=SEED)
    report("SQLite, case load + ingest + import peacekeeping", tally, time.monotonic() - start)
    assert tally.kills >= planned(plans) // 2, "too few runs were killed to show anything"
    assert tally.consistent == tally.kills


def test_kills_during_a_un_sc_import_leave_a_consistent_sqlite_store(
    sqlite_store: Callable[[str], tuple[str, Probe]],
) -> None:
    if not UN_SC.exists():
        pytest.skip(f"../shared is absent: no {UN_SC.name} to import")
    tally = Tally()
    start = time.monotonic()
    plan = Plan(Command("import un-sc", ("import", "un-sc", str(UN_SC))), ROUNDS, at_commit=1)
    kill_commands([plan], sqlite_store, tally, seed=SEED + 1)
    report("SQLite, import un-sc", tally, time.monotonic() - start)
    assert tally.kills >= planned([plan]) // 2, "too few runs were killed to show anything"
    assert tally.consistent == tally.kills


def test_kills_leave_a_consistent_postgres_store(postgres_server: tuple[Server, Engine]) -> None:
    server, admin = postgres_server
    made: list[str] = []
    numbers = itertools.count()  # renewed from worker threads: next() is atomic

    def new_store(name: str) -> tuple[str, Probe]:  # noqa: ARG001  # databases are numbered
        database = f"forcevet_kill_{next(numbers)}"
        with admin.connect() as connection:
            connection.exec_driver_sql(f"CREATE DATABASE {database} TEMPLATE {TEMPLATE}")
        made.append(database)

        def probe() -> int | None:  # a session on the database: forcevet has it open
            with admin.connect() as connection:
                sessions = connection.exec_driver_sql(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = %s", (database,)
                ).scalar()
            return 0 if sessions else None

        return server.url(database), probe

    tally = Tally()
    start = time.monotonic()
    try:
        plans = [
            Plan(plan.command, spread=3)
            for plan in bundled_plans()
            if plan.command.name == "import peacekeeping"
        ]
        kill_commands(plans, new_store, tally, seed=SEED + 2)
    finally:
        with admin.connect() as connection:
            for database in made:
                connection.exec_driver_sql(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
    report("PostgreSQL, import peacekeeping", tally, time.monotonic() - start)
    assert tally.kills >= planned(plans) // 2, "too few runs were killed to show anything"
    assert tally.consistent == tally.kills
