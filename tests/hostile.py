"""Running a command on hostile input: it ends in exit 2 with one line, never a traceback,
and a refused command leaves the store byte for byte as it was.

The hostile and fuzz tests of each importer (tests/**/test_*_hostile.py) go through
``refused`` (a known bad input: exit 2, the message, one line) and ``survives`` (any
input: exit 0 or 2). With ``FORCEVET_HOSTILE_LOG=FILE`` each run appends one JSON line
(importer, exit code, traceback or not, store changed or not) to FILE, so that the counts
the issue asks for (inputs tried, tracebacks, store changes after a refusal) can be
summed over a test session: ``python -m tests.hostile FILE``.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import event
from hypothesis import strategies as st

from tests.conftest import Cli

LOG = os.environ.get("FORCEVET_HOSTILE_LOG")


def _run(cli: Cli, importer: str, args: tuple[str, ...]) -> tuple[Any, bool, bool]:
    before = cli.snapshot()
    result = cli(*args)
    crashed = isinstance(result.exception, Exception) and not isinstance(
        result.exception, SystemExit
    )
    changed = result.exit_code != 0 and cli.snapshot() != before
    if LOG:
        with open(LOG, "a", encoding="utf-8") as log:
            record = {"importer": importer, "exit": result.exit_code}
            log.write(json.dumps(record | {"traceback": crashed, "changed": changed}) + "\n")
    return result, crashed, changed


def refused(cli: Cli, importer: str, *args: str, message: str, lines: int | None = 1) -> str:
    """Run a command that must refuse its input; return its error output.

    It exits 2, names ``message`` on stderr in ``lines`` lines (None: any, for a case
    folder listing every error), and the store is unchanged.
    """
    result, crashed, changed = _run(cli, importer, args)
    assert not crashed, (result.exception, result.output)
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert message in result.stderr, result.stderr
    if lines is not None:
        assert len(result.stderr.strip().splitlines()) == lines, result.stderr
    assert not changed, "a refused command changed the store"
    return str(result.stderr)


def survives(cli: Cli, importer: str, *args: str, allowed: tuple[int, ...] = (0, 2)) -> int:
    """Run a command on any input; return its exit code.

    It exits with one of ``allowed`` (0 or 2; compose may also say 1, "no
    composition meets every constraint"), never with a traceback, and when it
    refuses the store is unchanged.
    """
    result, crashed, changed = _run(cli, importer, args)
    event(f"exit {result.exit_code}")
    assert not crashed, (result.exception, result.output)
    assert result.exit_code in allowed, (result.exit_code, result.output)
    if result.exit_code == 2:
        # One line, or a count of errors and one line per error (InputErrors).
        first, *more = result.stderr.strip().splitlines()
        assert first.startswith("error: "), result.stderr
        assert not more or re.match(r"error: \d+ errors? in ", first), result.stderr
    assert not changed, "a refused command changed the store"
    return int(result.exit_code)


# Values that break parsers and validators: impossible dates, huge and odd numbers,
# markup, separators, control and non-ASCII characters, nothing at all.
TRICKY = [
    "",
    " ",
    "2025-02-30",
    "0000-00-00",
    "2024-13-01",
    "9999-99-99",
    "1e30",
    "9" * 31,
    "-1",
    "NaN",
    ".inf",
    "0",
    "1.5",
    "²",
    "null",
    "~",
    "[",
    "{",
    '"',
    "'",
    ",",
    ";",
    ":",
    "\t",
    "\x00",
    "\r\n",
    "é",
    "\u202e",
    "../../etc/passwd",
    "<x>",
    "&amp;",
    "&lt;",
    "]]>",
]


@st.composite
def mutated(draw: st.DrawFn, valid: bytes) -> bytes:
    """Return ``valid`` with one change: cut short, bytes replaced, removed or repeated,
    a line duplicated, or a run of text swapped for a tricky value."""
    how = draw(st.sampled_from(["cut", "bytes", "drop", "repeat", "line", "value"]))
    start = draw(st.integers(0, len(valid)))
    end = draw(st.integers(start, min(len(valid), start + 40)))
    if how == "cut":
        return valid[:start]
    if how == "bytes":
        return valid[:start] + draw(st.binary(min_size=1, max_size=8)) + valid[end:]
    if how == "drop":
        return valid[:start] + valid[end:]
    if how == "repeat":
        return valid[:end] + valid[start:end] + valid[end:]
    if how == "line":
        lines = valid.splitlines(keepends=True)
        index = draw(st.integers(0, len(lines) - 1))
        return b"".join([*lines[: index + 1], lines[index], *lines[index + 1 :]])
    value = draw(st.sampled_from(TRICKY) | st.text(max_size=6))
    return valid[:start] + value.encode("utf-8", "surrogatepass") + valid[end:]


def summarize(path: Path) -> str:
    """Return the counts of a log, one line per importer: tried, refused, tracebacks, changes."""
    counts: dict[str, Counter[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        found = counts.setdefault(record["importer"], Counter())
        found["tried"] += 1
        found["refused"] += record["exit"] == 2
        found["tracebacks"] += record["traceback"]
        found["store changes after a refusal"] += record["changed"]
    columns = ("tried", "refused", "tracebacks", "store changes after a refusal")
    rows = [f"{'importer':28} " + " | ".join(columns)]
    for importer, found in sorted(counts.items()):
        rows.append(f"{importer:28} " + " | ".join(f"{found[c]:>{len(c)}}" for c in columns))
    return "\n".join(rows)


if __name__ == "__main__":
    print(summarize(Path(sys.argv[1])))  # noqa: T201  # a script's output
