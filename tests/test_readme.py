"""The README's tour, run as written: every `$ ` command of its code blocks, in order, in a
fresh folder, with the exit code and the shape of the output the README shows.

The folder holds what the README's commands expect beside them: the repository's
`tests/` and `examples/` (linked), `../shared` (linked), and `demo-output/` as
`make demo` writes it. A command's output must hold every word the README prints
under it (ids, times and table borders aside; wrapping and column widths may
differ); "..." marks what the README leaves out. A command whose README output
shows an `error:` line must fail; every other command must succeed.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "isf-pakistan-opinion.txt"
UN_LIST = SHARED / "data" / "un-sc" / "consolidated-2015-03-30.xml"

IDS = re.compile(r"\b(src|clm|run)-[0-9a-f]{6,}\b")
TIMES = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?")
BORDERS = re.compile(r"[\u2500-\u257f]")
WORD = re.compile(r"[\w.%/:@+'\-*]+")


@dataclass
class Step:
    """One README command, the output printed under it, and where it is."""

    command: str
    expected: list[str]
    line: int
    result: subprocess.CompletedProcess[str] | None = field(default=None, repr=False)


def tour(readme: str) -> list[Step]:
    """Return the README's commands in order, each with the output lines under it."""
    steps: list[Step] = []
    inside = False
    lines = readme.splitlines()
    index = 0
    block_start = 0
    while index < len(lines):
        text = lines[index]
        if text.startswith("```"):
            inside = not inside
            block_start = index
        elif inside and text.startswith("$ "):
            start = index + 1
            command = text[2:]
            while command.endswith("\\"):
                index += 1
                command = command[:-1] + " " + lines[index].strip()
            steps.append(Step(command, [], start))
        elif inside and steps and steps[-1].line > block_start:
            steps[-1].expected.append(text)
        index += 1
    return steps


def words(text: str) -> Counter[str]:
    """Return the words of ``text``, with ids, times and table borders masked."""
    text = BORDERS.sub(" ", TIMES.sub("TIME", IDS.sub(r"\1-ID", text)))
    found = (w.rstrip(".:,;") for w in WORD.findall(text))
    return Counter(w for w in found if w and w not in ("...", "…") and set(w) != {"."})


def expects_failure(step: Step) -> bool:
    """Return whether the README shows the command failing (and not catching its code)."""
    shown = any(line.startswith("error:") for line in step.expected)
    return shown and "exit $?" not in step.command


@pytest.fixture(scope="module")
def walked(tmp_path_factory: pytest.TempPathFactory) -> list[Step]:
    if not SHARED.is_dir():
        pytest.skip("the README's tour reads ../shared, which is not beside the repository")
    root = tmp_path_factory.mktemp("tour")
    (root / "shared").symlink_to(SHARED, target_is_directory=True)
    work = root / "work"
    work.mkdir()
    for name in ("tests", "examples"):
        (work / name).symlink_to(REPO / name, target_is_directory=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("FORCEVET_")}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    demo = subprocess.run(
        [
            "forcevet",
            "demo",
            "--out",
            "demo-output",
            "--article",
            str(SEED),
            "--un-list",
            str(UN_LIST),
        ],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert demo.returncode == 0, demo.stderr
    steps = tour((REPO / "README.md").read_text("utf-8"))
    for step in steps:
        step.result = subprocess.run(
            ["bash", "-c", step.command],
            cwd=work,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    return steps


def test_the_tour_has_the_commands_a_reader_meets() -> None:
    steps = tour((REPO / "README.md").read_text("utf-8"))
    commands = " ".join(s.command for s in steps)
    for needed in ("forcevet init", "case load", "assess", "explain", "ingest", "compose"):
        assert needed in commands
    assert all(s.command.startswith(("forcevet ", "echo ")) for s in steps)


def test_every_command_of_the_tour_does_what_the_readme_shows(walked: list[Step]) -> None:
    problems = []
    for step in walked:
        assert step.result is not None
        printed = step.result.stdout + step.result.stderr
        where = f"README.md:{step.line}: $ {step.command[:90]}"
        if "Traceback" in printed:
            problems.append(f"{where}\n  traceback: {printed[-300:]}")
            continue
        failed = step.result.returncode != 0
        if failed != expects_failure(step):
            problems.append(f"{where}\n  exit {step.result.returncode}: {printed[-300:]}")
            continue
        missing = words("\n".join(step.expected)) - words(printed)
        if missing:
            problems.append(f"{where}\n  not printed: {' '.join(sorted(missing))}")
    assert not problems, "\n".join(problems)
