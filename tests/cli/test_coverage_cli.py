"""`forcevet coverage add|list`: a recorded search turns "not searched" into "searched,
nothing found", and a bad search record leaves the store as it was."""

from __future__ import annotations

import json
from typing import Any

import pytest

from forcevet.cases.case import load_case
from forcevet.store.store import open_store
from tests.conftest import Cli


@pytest.fixture
def cli(cli: Cli) -> Cli:
    with open_store(cli.db_url) as store, store.transaction():
        load_case(store, "gaza-isf", by="test")
    return cli


def indicator(run: dict[str, Any], candidate: str, indicator_id: str) -> str:
    record = next(c for c in run["candidates"] if c["id"] == candidate)
    return str(record["coverage"]["indicators"][indicator_id])


def assess(cli: Cli) -> dict[str, Any]:
    result = cli(
        "assess", "--candidates", "IDN,KAZ", "--samples", "200", "--as-of", "2026-03-01", "--json"
    )
    assert result.exit_code == 0, result.output
    return dict(json.loads(result.stdout))


def test_a_recorded_search_is_coverage_but_not_evidence(cli: Cli) -> None:
    before = assess(cli)
    assert indicator(before, "KAZ", "does_not_designate_group") == "not searched"
    added = cli(
        "coverage", "add", "KAZ", "--predicate", "designates", "--object", "hamas",
        "--note", "national list checked on 2026-02-20: not listed", "--as-of", "2026-02-20",
        "--by", "analyst-a", "--json",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    assert json.loads(added.stdout)["new"] is True
    again = cli(
        "coverage", "add", "KAZ", "--predicate", "designates", "--object", "hamas",
        "--note", "checked again", "--as-of", "2026-02-20",
    )  # fmt: skip
    assert "already recorded" in again.stdout
    after = assess(cli)
    assert indicator(after, "KAZ", "does_not_designate_group") == "searched, nothing found"
    kaz = [next(c for c in r["candidates"] if c["id"] == "KAZ") for r in (before, after)]
    assert kaz[1]["coverage"]["share"] > kaz[0]["coverage"]["share"]
    # the rubric does not read this absence as evidence: the score is unchanged
    assert kaz[1]["score"]["point"] == kaz[0]["score"]["point"]
    listed = json.loads(cli("coverage", "list", "KAZ", "--json").stdout)
    assert [(r["predicate"], r["object_id"], r["recorded_by"]) for r in listed] == [
        ("designates", "hamas", "analyst-a")
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ZZZ", "--predicate", "designates", "--note", "x"], "ZZZ"),
        (["KAZ", "--predicate", "designatez", "--note", "x"], "designatez"),
        (["KAZ", "--predicate", "designates", "--note", "  "], "note"),
        (
            ["KAZ", "--predicate", "designates", "--note", "x", "--as-of", "2026-02-30"],
            "2026-02-30",
        ),
        (["KAZ", "--predicate", "designates", "--note", "x", "--source", "src-nope"], "src-nope"),
    ],
)
def test_a_bad_search_record_exits_2_and_changes_nothing(
    cli: Cli, args: list[str], message: str
) -> None:
    before = cli.snapshot()
    result = cli("coverage", "add", *args)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert cli.snapshot() == before
