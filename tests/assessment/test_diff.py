"""diff_runs: two stored runs side by side, and what caused the change."""

from __future__ import annotations

from typing import Any

import pytest

from forcevet.assessment.compare import side_by_side, side_by_side_table
from forcevet.assessment.diff import diff_runs, diff_table
from forcevet.errors import InputError, NotFoundError


def evidence(claim: str, source: str, revision: int = 1) -> dict[str, Any]:
    return {"claim_id": claim, "revision": revision, "source_id": source, "weight": 0.5}


def indicator(
    ident: str, value: float | None, items: list[dict[str, Any]], coverage: str = "searched, found"
) -> dict[str, Any]:
    return {
        "id": ident,
        "question": f"{ident}?",
        "value": value,
        "no_evidence": value is None,
        "coverage": coverage if value is not None else "not searched",
        "evidence": items,
    }


def candidate(
    ident: str, mean: float, rank: int | None, *indicators: dict[str, Any]
) -> dict[str, Any]:
    return {
        "id": ident,
        "name": ident.title(),
        "rank": rank,
        "ranked": rank is not None,
        "score": {"mean": mean, "p05": mean - 0.1, "p95": mean + 0.1},
        "coverage": {"share": 0.5},
        "criteria": [{"id": "c1", "label": "C1", "score": mean, "indicators": list(indicators)}],
    }


def run(ident: str, candidates: list[dict[str, Any]], **params: Any) -> dict[str, Any]:
    rubric_hash = params.pop("hash", "h1")
    used = sorted(
        {
            (e["claim_id"], e["revision"])
            for c in candidates
            for crit in c["criteria"]
            for i in crit["indicators"]
            for e in i["evidence"]
        }
    )
    base = {
        "candidates": [c["id"] for c in candidates],
        "as_of": "2026-03-01",
        "without_sources": [],
        "two_person": False,
        "samples": 1000,
        "seed": 0,
        "scenario": "case",
        "plain": not params.get("without_sources"),
    }
    return {
        "run": {
            "id": ident,
            "params": base | params,
            "rubric": {"id": "r", "version": 1, "title": "R", "hash": rubric_hash},
            "claims_used": [list(u) for u in used],
        },
        "threshold": 0.4,
        "settings": {"min_coverage": 0.25},
        "candidates": candidates,
    }


PLAIN = run(
    "run-a",
    [
        candidate(
            "PAK",
            0.5,
            1,
            indicator("i1", 0.7, [evidence("clm-1", "src-x"), evidence("clm-2", "src-y")]),
            indicator("i2", 0.6, [evidence("clm-3", "src-x")]),
        ),
        candidate("IDN", 0.3, 2, indicator("i1", 0.4, [evidence("clm-4", "src-y")])),
    ],
)
WITHOUT_X = run(
    "run-b",
    [
        candidate("IDN", 0.3, 1, indicator("i1", 0.4, [evidence("clm-4", "src-y")])),
        candidate(
            "PAK",
            0.2,
            2,
            indicator("i1", 0.6, [evidence("clm-2", "src-y")]),
            indicator("i2", None, []),
        ),
    ],
    without_sources=["src-x"],
)


def test_a_left_out_source_is_named_as_the_cause() -> None:
    diff = diff_runs(PLAIN, WITHOUT_X)
    assert diff["params"] == [
        {"name": "without_sources", "a": [], "b": ["src-x"]},
    ]
    assert [c["claim_id"] for c in diff["claims"]["removed"]] == ["clm-1", "clm-3"]
    assert {c["source_id"] for c in diff["claims"]["removed"]} == {"src-x"}
    assert diff["causes"] == [
        "source src-x left out",
        "2 claim(s) from src-x no longer used",
    ]


def test_each_candidate_s_change_and_the_indicators_behind_it() -> None:
    diff = diff_runs(PLAIN, WITHOUT_X)
    assert [c["id"] for c in diff["candidates"]] == ["IDN", "PAK"]  # run b's order
    pak = diff["candidates"][1]
    assert pak["mean_change"] == pytest.approx(-0.3)
    assert pak["rank_change"] == 1  # from first to second
    changed = {i["id"]: i for i in pak["indicators"]}
    assert changed["i1"]["claims_removed"] == [
        {"claim_id": "clm-1", "revision": 1, "source_id": "src-x"}
    ]
    assert changed["i2"]["b"] == {"value": None, "no_evidence": True, "coverage": "not searched"}
    idn = diff["candidates"][0]
    assert idn["indicators"] == []  # nothing of its evidence changed
    assert idn["rank_change"] == -1


def test_a_run_against_itself_has_no_difference() -> None:
    diff = diff_runs(PLAIN, PLAIN)
    assert diff["params"] == [] and diff["causes"] == []
    assert all(c["mean_change"] == 0 and c["indicators"] == [] for c in diff["candidates"])


def test_revised_claims_rubric_and_candidates_are_reported() -> None:
    revised = run(
        "run-c",
        [candidate("PAK", 0.6, 1, indicator("i1", 0.8, [evidence("clm-1", "src-x", 2)]))],
        hash="h2",
        two_person=True,
    )
    diff = diff_runs(PLAIN, revised)
    names = [p["name"] for p in diff["params"]]
    assert names == ["candidates", "two_person", "rubric_hash"]
    assert diff["claims"]["revised"] == [{"claim_id": "clm-1", "a": 1, "b": 2}]
    assert "two-person rule on" in diff["causes"]
    assert "rubric_hash: h1 -> h2" in diff["causes"]
    assert "1 claim(s) used at another revision" in diff["causes"]
    idn = next(c for c in diff["candidates"] if c["id"] == "IDN")
    assert idn["b"] is None and idn["mean_change"] is None  # only in run a


def test_candidates_in_another_order_are_the_same_candidates() -> None:
    swapped = PLAIN | {
        "run": PLAIN["run"] | {"params": PLAIN["run"]["params"] | {"candidates": ["IDN", "PAK"]}}
    }
    assert diff_runs(PLAIN, swapped)["params"] == []


def test_side_by_side_cells_mark_missing_evidence() -> None:
    compared = side_by_side(WITHOUT_X, ["PAK", "IDN"])
    assert [c["id"] for c in compared["candidates"]] == ["PAK", "IDN"]
    rows = {i["id"]: i["cells"] for i in compared["criteria"][0]["indicators"]}
    assert rows["i1"][0] == {
        "value": 0.6,
        "no_evidence": False,
        "coverage": "searched, found",
        "claims": 1,
        "independent_sources": 0,
    }
    assert rows["i2"][0]["no_evidence"] is True and rows["i2"][0]["claims"] == 0
    assert rows["i2"][1]["no_evidence"] is True  # IDN has no i2 at all: not searched


@pytest.mark.parametrize(
    ("chosen", "error"),
    [(["PAK"], InputError), (["PAK", "PAK"], InputError), (["PAK", "KAZ"], NotFoundError)],
)
def test_side_by_side_wants_two_or_three_assessed_candidates(
    chosen: list[str], error: type[Exception]
) -> None:
    with pytest.raises(error):
        side_by_side(PLAIN, chosen)


def test_tables_have_one_row_per_cell_and_per_candidate() -> None:
    columns, rows = side_by_side_table(side_by_side(WITHOUT_X, ["PAK", "IDN"]))
    assert columns[:3] == ["criterion", "indicator", "candidate"]
    assert len(rows) == 4  # two indicators, two candidates
    assert rows[1] == ["c1", "i1", "IDN", 0.4, False, "searched, found", 1]
    columns, rows = diff_table(diff_runs(PLAIN, WITHOUT_X))
    assert [r[0] for r in rows] == ["IDN", "PAK"]
    assert rows[1][-1] == "i1 i2"
