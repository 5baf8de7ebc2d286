"""Every command and subcommand, walked with hostile arguments (issue 13, item 1).

The commands are enumerated from the Typer app, so a new command is walked without
a line here; one that needs arguments to get past its first check gets a baseline
in ``BASELINES``. For each parameter of each command, the baseline has that one
value replaced by a few hostile ones (sampled from a corpus per parameter kind, so
the whole walk takes about 90 s on two cores). Each run must end with exit 0 or
2, or 1 with forcevet's own ``error:`` line, never with a traceback or an exception
other than ``SystemExit``; an ``error:`` line is one line (a hostile newline is
escaped); and a refused command leaves the store byte-identical (else its rows are
compared with ``snapshot`` to show what changed).

The store holds the bundled case (``case load gaza-isf``), one run of 200 samples
and one proposed claim; it is built once per module and copied for each command,
and copied again after a command that succeeded and changed it. Each command runs
four folders below its own ``tmp_path``, so ``../../etc/passwd`` stays inside it.
``FORCEVET_HOSTILE_COUNTS=1`` prints the counts per command at the end (``=accepted``
also lists the runs that exited 0, to spot hostile values taken silently), and
``FORCEVET_HOSTILE_FULL=1`` tries every value of the corpus on every parameter.

The tests after the walk pin what it found: thresholds outside 0-1, an unknown unit
type, ids that were SQL patterns, error lines split by a newline, arguments that
are not UTF-8, and hostile ``--db`` values.
"""

from __future__ import annotations

import enum
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import typer.main

from forcevet.cli import app
from forcevet.store.store import open_store
from tests.conftest import Cli, snapshot

LONG = "x" * 100_000
CONTROL = "a\nb\rc\x1b[2J\x07\x7f"
NUL = "PAK\x00"
RTL = "\u202ePAK\u200b\u200d"
SURROGATE = "PAK\udcff"  # an argv byte that is not UTF-8, as Python hands it over

# The corpus per kind of parameter. The first values go to every parameter of the
# kind; the rest rotate, so that the parameters of one command share them out.
STRINGS = {
    "always": ["", CONTROL, LONG],
    "rotate": [
        NUL,
        RTL,
        SURROGATE,
        "../../etc/passwd",
        "'; DROP TABLE claims; --",
        '<script>alert("x")</script>',
        "[x](javascript:alert(1)) | --- |",
        "nan",
        "inf",
        "-1",
        "1" + "0" * 30,
        "2025-02-30",
        "0000-00-00",
        "   ",
        "%s%n{0}{}",
    ],
}
DATES = {
    "always": ["", "2025-02-30", "0000-00-00"],
    "rotate": [CONTROL, "2025-13-01", "9999-99-99", "nan", "-1", "1" + "0" * 30, LONG, NUL],
}
INTS = {
    "always": ["-1", "1" + "0" * 30],
    "rotate": ["0", "nan", "", "1e3", "2147483648", CONTROL],
}
FLOATS = {
    "always": ["nan", "inf", "2"],
    "rotate": ["-1", "-inf", "1e309", "", "0", "1" + "0" * 30, "nan\n"],
}
CHOICES = {"always": ["", "WRONG"], "rotate": ["nan", NUL, CONTROL]}
# Names of files made in each test's folder by ``hostile_files``.
PATHS = {
    "always": ["a-folder", "missing.yaml", "missing-folder/file.yaml"],
    "rotate": [
        "not-sqlite.db",
        "a-folder/theirs.txt/below",  # under a file: no folder can be made there
        "latin1.yaml",
        "empty.yaml",
        "",
        "bad\nname.yaml",
    ],
}
# Values that a command takes as real work rather than as input to refuse: a demo
# writing into a new folder takes 30 s, so its --out gets existing paths only.
OVERRIDES = {("demo", "out"): ["a-folder", "not-sqlite.db", "a-folder/theirs.txt/below", "", "."]}
DATE_NAMES = ("date", "since", "until", "as_of")
# Commands that take a second or more when they work: one rotating value per parameter.
SLOW = {"assess", "compose", "report", "ingest", "screen", "case load", "case check", "case new"}
SLOW |= {"demo", "serve"}


def commands() -> list[tuple[str, Any]]:
    """Return every leaf command of the app as ("case load", click command), in help order."""
    found: list[tuple[str, Any]] = []

    def walk(command: Any, path: tuple[str, ...]) -> None:
        if hasattr(command, "list_commands"):
            for name in command.list_commands(None):
                walk(command.get_command(None, name), (*path, name))
            if not getattr(command, "invoke_without_command", False) or not path:
                return
        found.append((" ".join(path), command))

    walk(typer.main.get_command(app), ())
    return found


COMMANDS = dict(commands())

# A working invocation per command: positionals (in order) and options. {claim},
# {proposed}, {source}, {run}, {file}, {folder}, {out} are filled in per test.
BASELINES: dict[str, tuple[list[str], dict[str, str | None]]] = {
    "demo": ([], {"--out": "{folder}"}),  # a folder of others' files: refused in ms
    "case new": (["new-case"], {}),
    "case load": (["gaza-isf"], {}),
    "case check": (["gaza-isf"], {}),
    "case show": (["gaza-isf"], {}),
    "case use": (["gaza-isf"], {}),
    "source add": (
        [],
        {"--title": "T", "--publisher": "P", "--kind": "news", "--reliability": "B"},
    ),
    "source show": (["{source}"], {}),
    "actor add": (["Someone"], {"--kind": "person"}),
    "actor show": (["PAK"], {}),
    "claim add": (
        [],
        {
            "--source": "{source}",
            "--subject": "PAK",
            "--predicate": "offers_units",
            "--quote": "Pakistan offers troops.",
            "--credibility": "3",
        },
    ),
    "claim show": (["{claim}"], {}),
    "claim history": (["{claim}"], {}),
    "claim edit": (["{claim}"], {"--note": "n"}),
    "ingest": (["{file}"], {"--fast": None}),
    "review show": (["{proposed}"], {}),
    "review accept": (["{proposed}"], {}),
    "review reject": (["{proposed}"], {}),
    "review edit": (["{proposed}"], {"--note": "n"}),
    "review actors accept": (["PAK"], {}),
    "review actors reject": (["PAK"], {}),
    "import ftm": (["{file}"], {}),
    "import un-sc": (["{file}"], {}),
    "import designations": (["{file}"], {}),
    "screen": (["Hamas"], {}),
    "assess": ([], {"--samples": "200", "--candidates": "PAK,IDN"}),
    "explain": (["PAK"], {}),
    "ach show": (["PAK"], {}),
    "ach rate": (
        ["{claim}"],
        {"--hypothesis": "impartial", "--rating": "C", "--note": "n"},
    ),
    "run show": (["{run}"], {}),
    "run note": (["{run}"], {"--dissent": "no"}),
    "coverage add": (["PAK"], {"--predicate": "offers_units", "--note": "n"}),
    "compose": ([], {"--time-limit": "5"}),
    "report": ([], {"--out": "{out}"}),
    "export": ([], {}),
    "votes": (["PAK"], {}),
    "peacekeeping": (["PAK"], {}),
    "serve": ([], {"--port": "8000"}),  # uvicorn.run is replaced: nothing listens
    "user add": (["ana"], {"--role": "analyst", "--password-stdin": None}),
    "user role": (["ana", "reviewer"], {}),
    "user token": (["ana"], {}),
    "user revoke": (["tok-000000000000"], {}),
}
# What a command reads from standard input in its baseline.
INPUTS = {"user add": "a long enough password\n"}


@dataclass
class Counts:
    tried: int = 0
    tracebacks: int = 0
    store_changes: int = 0
    exit_1: int = 0
    failures: list[str] = field(default_factory=list)
    accepted: list[str] = field(default_factory=list)


COUNTS: dict[str, Counts] = {}


@pytest.fixture(scope="module", autouse=True)
def print_counts() -> Iterator[None]:
    yield
    if os.environ.get("FORCEVET_HOSTILE_COUNTS"):
        print("\ncommand                 tried  tracebacks  store changes  exit 1")  # noqa: T201
        for name, counts in COUNTS.items():
            print(  # noqa: T201  # asked for with FORCEVET_HOSTILE_COUNTS
                f"{name:22} {counts.tried:6} {counts.tracebacks:11} "
                f"{counts.store_changes:14} {counts.exit_1:7}"
            )
        total = Counts()
        for counts in COUNTS.values():
            total.tried += counts.tried
            total.tracebacks += counts.tracebacks
            total.store_changes += counts.store_changes
            total.exit_1 += counts.exit_1
        print(  # noqa: T201
            f"{'total':22} {total.tried:6} {total.tracebacks:11} "
            f"{total.store_changes:14} {total.exit_1:7}"
        )
        for name, counts in COUNTS.items():
            for failure in counts.failures:
                print(f"{name}: {failure}")  # noqa: T201
            if os.environ.get("FORCEVET_HOSTILE_COUNTS") == "accepted":
                for accepted in counts.accepted:
                    print(f"{name}: exit 0: {accepted}")  # noqa: T201


@dataclass(frozen=True)
class Pristine:
    path: Path
    digest: str
    rows: dict[str, list[tuple[Any, ...]]]
    ids: dict[str, str]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Pristine:
    folder = tmp_path_factory.mktemp("hostile")
    cli = Cli(f"sqlite:///{folder / 'forcevet.db'}")
    for args in (
        ("init",),
        ("case", "load", "gaza-isf"),
        ("assess", "--samples", "200", "--json"),
    ):
        result = cli(*args)
        assert result.exit_code == 0, result.output
    run = json.loads(result.stdout)["run"]["id"]
    claims = json.loads(cli("claim", "list", "--json").stdout)
    source = claims[0]["source_id"]
    proposed = cli(
        "claim",
        *("add", "--source", source, "--subject", "PAK", "--predicate", "offers_units"),
        *("--quote", "Pakistan will send troops.", "--credibility", "3"),
        *("--status", "proposed", "--json"),
    )
    assert proposed.exit_code == 0, proposed.output
    ids = {
        "claim": claims[0]["id"],
        "proposed": json.loads(proposed.stdout)["id"],
        "source": source,
        "run": run,
    }
    path = folder / "forcevet.db"
    with open_store(cli.db_url) as store:
        rows = snapshot(store)
    return Pristine(path, digest(path), rows, ids)


def hostile_files(folder: Path) -> None:
    """Make the files the PATHS corpus names, and the baseline's input file."""
    (folder / "a-folder").mkdir()
    (folder / "a-folder" / "theirs.txt").write_text("not the demo's\n")
    (folder / "not-sqlite.db").write_text("this is not a SQLite file\n")
    (folder / "latin1.yaml").write_bytes("caf\xe9: \xff\xfe\n".encode("latin-1"))
    (folder / "empty.yaml").write_bytes(b"")
    (folder / "article.txt").write_text(
        "Pakistan said on Monday it will send troops to the force.\n"
    )


def corpus_for(param: Any) -> dict[str, list[str]]:
    """Return the corpus for one parameter, by its type and name."""
    kind = param.bare_type()
    name = getattr(kind, "__name__", str(kind))
    if name == "Path":
        return PATHS
    if name == "int":
        return INTS
    if name == "float":
        return FLOATS
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return CHOICES
    if any(part in (param.name or "") for part in DATE_NAMES):
        return DATES
    return STRINGS


def values_for(name: str, param: Any, index: int, per_param: int) -> list[str]:
    """Return the hostile values tried for the index-th parameter of a command."""
    if (name, param.name) in OVERRIDES:
        return OVERRIDES[name, param.name]
    corpus = corpus_for(param)
    rotate = corpus["rotate"]
    extra = [rotate[(index * per_param + j) % len(rotate)] for j in range(per_param)]
    extra = list(dict.fromkeys(extra))  # the full corpus once, not repeated
    return [*corpus["always"], *extra]


def invocation(
    name: str,
    command: Any,
    param: Any,
    value: str,
    fill: dict[str, str],
) -> list[str]:
    """Return the arguments of ``name``'s baseline with ``param`` set to ``value`` (the
    baseline alone when ``param`` is None)."""
    positionals, options = BASELINES.get(name, ([], {}))
    positionals = [p.format(**fill) for p in positionals]
    options = {k: (v.format(**fill) if v is not None else None) for k, v in options.items()}
    arguments = [p for p in command.params if p.param_type_name == "argument"]
    for position, argument in enumerate(arguments):  # required arguments the baseline lacks
        if argument.required and position >= len(positionals):
            positionals.append("PAK")
    if param is None:
        pass
    elif param.param_type_name == "argument":
        position = arguments.index(param)
        positionals = [*positionals, *([""] * (position + 1 - len(positionals)))]
        positionals[position] = value
    else:
        options[param.opts[0]] = value
    tokens = [*name.split()]
    for option, option_value in options.items():
        tokens.append(option if option_value is None else f"{option}={option_value}")
    if positionals:
        tokens += ["--", *positionals]
    return tokens


def shown(args: list[str]) -> str:
    return " ".join(repr(a) if len(a) < 60 else f"<{len(a)} chars>" for a in args)


def walked_params(command: Any) -> list[Any]:
    """Return the parameters that take a value (flags take none)."""
    return [
        p
        for p in command.params
        if not getattr(p, "is_flag", False) and p.name not in ("help",) and p.expose_value
    ]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_hostile_arguments(
    name: str, pristine: Pristine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    command = COMMANDS[name]
    work = tmp_path / "a" / "b" / "c" / "d"
    work.mkdir(parents=True)
    hostile_files(work)
    monkeypatch.chdir(work)
    store_path = tmp_path / "forcevet.db"
    shutil.copyfile(pristine.path, store_path)
    cli = Cli(f"sqlite:///{store_path}")
    fill = {
        **pristine.ids,
        "file": str(work / "article.txt"),
        "folder": str(work / "a-folder"),
        "out": str(tmp_path / "report"),
    }
    counts = COUNTS.setdefault(name, Counts())
    if name == "serve":  # everything up to serving, but no server that never returns
        monkeypatch.setattr("uvicorn.run", lambda *args, **kwargs: None)
    per_param = 1 if name in SLOW else 4
    if os.environ.get("FORCEVET_HOSTILE_FULL"):  # every value of the corpus: 5-10 minutes
        per_param = 100
    params = walked_params(command)
    tries = [(p, v) for i, p in enumerate(params) for v in values_for(name, p, i, per_param)]
    for param, value in tries or [(None, "")]:  # a command taking no value runs once
        args = invocation(name, command, param, value, fill)
        result = cli(*args, input=INPUTS.get(name))
        counts.tried += 1
        if result.exit_code == 0:
            counts.accepted.append(shown(args))
        problem = judge(result)
        if problem:
            counts.tracebacks += problem.startswith("traceback")
            counts.failures.append(f"{shown(args)}: {problem}")
        wal = Path(f"{store_path}-wal")
        changed = digest(store_path) != pristine.digest or (wal.exists() and wal.stat().st_size > 0)
        if changed and result.exit_code != 0:
            with open_store(cli.db_url) as store:
                rows = snapshot(store)
            tables = [t for t in rows if rows[t] != pristine.rows[t]]
            counts.store_changes += 1
            counts.failures.append(
                f"{shown(args)}: exit {result.exit_code} but the store's bytes changed "
                f"(rows of {tables or 'no table'})"
            )
        if changed:  # a command that worked (or a failure just counted): start again
            for suffix in ("-wal", "-shm"):
                Path(f"{store_path}{suffix}").unlink(missing_ok=True)
            shutil.copyfile(pristine.path, store_path)
        counts.exit_1 += result.exit_code == 1 and not (problem or "").startswith("traceback")
    assert not counts.failures, "\n".join(counts.failures[:15])


def judge(result: Any) -> str | None:
    """Return what is wrong with one run's ending, or None."""
    exception = result.exception
    if exception is not None and not isinstance(exception, SystemExit):
        return f"traceback: {type(exception).__name__}: {str(exception)[:200]!r}"
    if "Traceback" in result.output:
        return "traceback printed"
    if result.exit_code not in (0, 1, 2):
        return f"exit {result.exit_code}"
    stderr = result.stderr
    if result.exit_code == 1 and not stderr.startswith("error: "):
        return f"exit 1 without an error line: {stderr[:200]!r}"
    if stderr.startswith("error: "):
        extra = [line for line in stderr.splitlines()[1:] if not line.startswith("  ")]
        if extra:
            return f"error message on several lines: {stderr[:300]!r}"
    return None


@pytest.fixture
def cli(pristine: Pristine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cli:
    """A copy of the module's store, run from an empty folder of the test's own."""
    monkeypatch.chdir(tmp_path)
    copy = tmp_path / "forcevet.db"
    shutil.copyfile(pristine.path, copy)
    return Cli(f"sqlite:///{copy}")


def refused(cli: Cli, *args: str) -> str:
    """Run a command that must be refused: exit 2, one error line, the store unchanged."""
    before = cli.snapshot()
    result = cli(*args)
    assert result.exit_code == 2, result.output
    assert judge(result) is None, judge(result)
    assert cli.snapshot() == before
    return str(result.stderr)


@pytest.mark.parametrize("value", ["nan", "inf", "2", "-1", "-inf"])
def test_confidence_thresholds_outside_0_to_1_are_refused(
    cli: Cli, tmp_path: Path, value: str
) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Pakistan said on Monday it will send troops to the force.\n")
    assert "accept_above" in refused(
        cli, "ingest", "--fast", f"--accept-above={value}", str(article)
    )
    assert "min_confidence" in refused(cli, "review", "list", f"--min-confidence={value}")
    assert "above" in refused(cli, "review", "accept", f"--above={value}")


def test_an_unknown_unit_type_in_offers_is_an_input_error(cli: Cli, tmp_path: Path) -> None:
    offers = tmp_path / "offers.yaml"
    offers.write_text(
        "- id: idn-hover\n  country: IDN\n  unit_type: hovercraft_squadron\n  count: 1\n"
        "  personnel: 850\n  readiness: 3\n  illustrative: true\n"
    )
    message = refused(cli, "compose", "--offers", str(offers))
    assert "unit_type" in message and "hovercraft_squadron" in message
    assert "infeasib" not in message and "no composition" not in message


@pytest.mark.parametrize("reference", ["%", "clm-%%%%", "run-____", "../../etc/passwd", LONG])
def test_ids_are_not_patterns(cli: Cli, reference: str) -> None:
    # A LIKE wildcard found whichever claim or run came first; a long one crashed SQLite.
    assert len(refused(cli, "claim", "show", reference)) < 2_100  # a long id is cut short
    refused(cli, "review", "accept", reference)
    refused(cli, "run", "show", reference)
    refused(cli, "explain", "PAK", "--run", reference)


def test_an_error_quoting_a_hostile_value_stays_one_line(cli: Cli) -> None:
    message = refused(cli, "claim", "show", "clm-1\nerror: forged\r\x1b[2J")
    assert message.count("\n") == 1 and "forged" in message and "\x1b" not in message
    assert "\\n" in message


def test_an_argument_that_is_not_utf8_is_refused(cli: Cli) -> None:
    message = refused(cli, "source", "add", "--title", "caf\udce9", "--publisher", "P",
                      "--kind", "news", "--reliability", "B")  # fmt: skip
    assert "not UTF-8" in message


@pytest.mark.parametrize(
    "db",
    [
        "a-folder",
        "not-sqlite.db",
        "missing-folder/forcevet.db",
        "",
        "nope://x",
        "bad\nname.db",
        "x" * 5_000,
    ],
)
def test_a_hostile_store_argument_is_one_error_line(tmp_path: Path, db: str) -> None:
    hostile_files(tmp_path)
    runner = Cli(str(tmp_path / db) if db and "://" not in db else db)
    for args in (("source", "list"), ("claim", "show", "clm-1")):
        result = runner(*args)
        assert result.exit_code in (1, 2), result.output
        assert judge(result) is None, judge(result)
        assert result.stderr.startswith("error: ")
    assert not (tmp_path / "missing-folder").exists()
