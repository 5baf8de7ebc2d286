"""Two or three candidates of one run side by side, indicator by indicator."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from forcevet.assessment.diff import Table, indicator_records, score_record
from forcevet.assessment.runs import run_label
from forcevet.errors import InputError, NotFoundError


def side_by_side(result: dict[str, Any], candidates: Sequence[str]) -> dict[str, Any]:
    """Return two or three candidates of one run side by side, indicator by indicator:
    each cell its value (None without evidence), coverage and number of claims.

    Raises InputError for fewer than two or more than three candidates, and
    NotFoundError for one the run did not assess.
    """
    chosen = list(dict.fromkeys(candidates))
    if not 2 <= len(chosen) <= 3:
        raise InputError(f"compare two or three candidates, not {len(chosen)}", field="c")
    records = {c["id"]: c for c in result["candidates"]}
    missing = [c for c in chosen if c not in records]
    if missing:
        raise NotFoundError(
            f"{', '.join(missing)} not assessed in run {result['run']['id']} "
            f"({', '.join(records)})",
            field="c",
        )
    values = {c: indicator_records(records[c]) for c in chosen}
    first = records[chosen[0]]
    return {
        "run": result["run"]["id"],
        "run_label": run_label(result),
        "threshold": result.get("threshold"),
        "candidates": [
            {"id": c, "name": records[c]["name"], **(score_record(records[c]) or {})}
            for c in chosen
        ],
        "criteria": [
            {
                "id": criterion["id"],
                "label": criterion["label"],
                "scores": [_criterion_score(records[c], criterion["id"]) for c in chosen],
                "indicators": [
                    {
                        "id": item["id"],
                        "question": item["question"],
                        "cells": [_cell(values[c].get(item["id"])) for c in chosen],
                    }
                    for item in criterion["indicators"]
                ],
            }
            for criterion in first["criteria"]
        ],
    }


def _criterion_score(record: dict[str, Any], criterion: str) -> float | None:
    return next((c["score"] for c in record["criteria"] if c["id"] == criterion), None)


def _cell(item: dict[str, Any] | None) -> dict[str, Any]:
    if item is None:
        return {"value": None, "no_evidence": True, "coverage": "not searched", "claims": 0}
    return {
        "value": item["value"],
        "no_evidence": item["no_evidence"],
        "coverage": item["coverage"],
        "claims": len(item["evidence"]),
        "independent_sources": item.get("independent_sources", 0),
    }


def side_by_side_table(compared: dict[str, Any]) -> Table:
    """Return ``side_by_side``'s record as one row per indicator and candidate."""
    columns = ["criterion", "indicator", "candidate", "value", "no_evidence", "coverage", "claims"]
    rows = [
        [
            criterion["id"],
            item["id"],
            candidate["id"],
            cell["value"],
            cell["no_evidence"],
            cell["coverage"],
            cell["claims"],
        ]
        for criterion in compared["criteria"]
        for item in criterion["indicators"]
        for candidate, cell in zip(compared["candidates"], item["cells"], strict=True)
    ]
    return columns, rows
