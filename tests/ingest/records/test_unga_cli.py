"""`forcevet import unga-votes` and `forcevet votes` through the CLI: bad input exits 2
naming file, line and column, and leaves the store exactly as it was."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli
from tests.ingest.records.test_unga import (
    DATA,
    ISSUES,
    ROLL_CALLS,
    TINY_ISSUES,
    TINY_ROLL_CALLS,
    TINY_VOTES,
    needs_shared,
    write_tiny,
)


def run_import(cli: Cli, paths: tuple[Path, Path, Path], *more: str) -> object:
    return cli("import", "unga-votes", *map(str, paths), *more)


@pytest.mark.parametrize(
    ("file", "change", "where"),
    [
        (0, ("2,Pakistan,PK,abstain", "2,Pakistan,PK,abstained"), ":5: vote: expected yes, no"),
        (0, ("3,Pakistan,PK,no", "three,Pakistan,PK,no"), ":8: rcid: expected a whole number"),
        (0, ("4,Pakistan,PK,yes", "44,Pakistan,PK,yes"), ":10: rcid: roll call 44 is not in"),
        (0, ("6,Israel,IL,yes", "6,Israel,QQ,yes"), ':14: country_code: unknown country code "QQ"'),
        (0, ("5,Israel,IL,abstain", "5,Pakistan,PK,abstain"), ":12: country_code: PAK votes twice"),
        (1, ("2002-12-03", "2002-13-03"), "roll_calls.csv:3: date: not a calendar date"),
        (
            1,
            ("0,1,PALESTINE,To adopt a para", "0,2,PALESTINE,To adopt a para"),
            ":4: para: expected",
        ),
        (2, ("5,me,", "55,me,"), "issues.csv:6: rcid: roll call 55 is not in the roll-calls"),
        (0, ("rcid,country,country_code,vote", "rcid,country,vote"), ":1: header: expected the"),
    ],
)
def test_a_malformed_row_exits_2_and_changes_nothing(
    cli: Cli, tmp_path: Path, file: int, change: tuple[str, str], where: str
) -> None:
    texts = [TINY_VOTES, TINY_ROLL_CALLS, TINY_ISSUES]
    assert change[0] in texts[file]
    texts[file] = texts[file].replace(*change, 1)
    paths = write_tiny(tmp_path)
    paths[file].write_text(texts[file], encoding="utf-8")
    good = tmp_path / "good"
    good.mkdir()
    assert run_import(cli, write_tiny(good)).exit_code == 0  # type: ignore[attr-defined]
    before = cli.snapshot()
    result = run_import(cli, paths)
    assert result.exit_code == 2, result.output  # type: ignore[attr-defined]
    message = result.stderr.strip()  # type: ignore[attr-defined]
    assert message.startswith(f"error: {paths[file]}") and where in message, message
    assert cli.snapshot() == before


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("", ":1: the file is empty"),
        (TINY_VOTES[:-12], ":16: the last line has no line break: the file may be truncated"),
        ("rcid,country,country_code,vote\n", ":2: no votes in the file"),
    ],
)
def test_an_empty_or_truncated_votes_file_exits_2(
    cli: Cli, tmp_path: Path, text: str, where: str
) -> None:
    paths = write_tiny(tmp_path)
    paths[0].write_text(text, encoding="utf-8")
    before = cli.snapshot()
    result = run_import(cli, paths)
    assert result.exit_code == 2 and result.stderr.strip().endswith(where), result.stderr  # type: ignore[attr-defined]
    assert cli.snapshot() == before


@needs_shared
@pytest.mark.parametrize("line_break", [False, True])
def test_a_truncated_real_votes_file_exits_2_naming_its_last_line(
    cli: Cli, tmp_path: Path, line_break: bool
) -> None:
    data = (DATA / "un_votes_1946_2019.csv").read_bytes()
    cut = data[: len(data) * 3 // 5]
    assert not cut.endswith(b"\n")  # cut inside a row
    truncated = tmp_path / "votes.csv"
    truncated.write_bytes(cut + b"\n" if line_break else cut)
    before = cli.snapshot()
    result = cli("import", "unga-votes", str(truncated), str(ROLL_CALLS), str(ISSUES))
    assert result.exit_code == 2, result.output
    line = cut.count(b"\n") + 1
    assert result.stderr.startswith(f"error: {truncated}:{line}: "), result.stderr
    if not line_break:
        assert "the file may be truncated" in result.stderr
    assert cli.snapshot() == before


def test_import_then_read_the_figures_and_the_raw_votes(cli: Cli, tmp_path: Path) -> None:
    paths = write_tiny(tmp_path)
    first = run_import(cli, paths, "--party", "ISR", "--period", "2000-2009", "--json")
    assert first.exit_code == 0, first.output  # type: ignore[attr-defined]
    report = json.loads(first.stdout)  # type: ignore[attr-defined]
    assert (report["votes"], report["claims_added"], report["periods"]) == (14, 2, ["2000-2009"])
    before = cli.snapshot()
    again = run_import(cli, paths, "--party", "ISR", "--period", "2000-2009")
    assert again.exit_code == 0 and "already stored" in again.stdout  # type: ignore[attr-defined]
    assert cli.snapshot() == before
    shown = cli("votes", "PAK", "--with", "ISR", "--since", "2000", "--raw", "--json")
    assert shown.exit_code == 0, shown.output
    record = json.loads(shown.stdout)
    assert [(a["period"], a["agreement"], a["rcids"]) for a in record["agreements"]] == [
        ("2000-2009", 0.5, [1, 2, 3]),
        ("2010-2019", 1.0, [5]),
    ]
    assert [v["vote"] for v in record["votes"]] == ["yes", "abstain", "no", "yes", "abstain"]
    table = cli("votes", "PAK", "--with", "ISR")
    assert table.exit_code == 0 and "ISR 2000-2009 rests on roll calls: 1-3" in table.stdout
    bad = cli("import", "unga-votes", *map(str, paths), "--period", "2010")
    assert bad.exit_code == 2 and "--period: expected a period as YYYY-YYYY" in bad.stderr
    unknown = cli("import", "unga-votes", *map(str, paths), "--issue", "zz")
    assert unknown.exit_code == 2 and 'no roll call is coded "zz"' in unknown.stderr
