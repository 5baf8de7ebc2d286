"""The assessment section of a report: rows and charts from a stored run's result."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from forcevet.reports.charts import rank_probabilities_svg, score_intervals_svg


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator of one candidate as the report prints it."""

    criterion: str
    id: str
    question: str
    value: str
    confidence: str
    claims: list[tuple[str, str]]  # (claim id, side)


@dataclass(frozen=True)
class AssessmentSection:
    """What the report shows of an assessment run."""

    run: dict[str, Any]
    threshold: float
    candidates: list[dict[str, Any]]
    indicators: dict[str, list[IndicatorRow]]
    sensitivity: list[dict[str, Any]]
    hypotheses: dict[str, str]
    intervals_svg: str
    ranks_svg: str


def build_assessment_section(result: dict[str, Any]) -> AssessmentSection:
    """Return the rows and charts of a run, in rank order."""
    candidates = result["candidates"]
    names = [f"{c['name']} ({c['id']})" for c in candidates]
    indicators = {
        c["id"]: [
            IndicatorRow(
                criterion=criterion["label"],
                id=item["id"],
                question=item["question"],
                value="no evidence" if item["no_evidence"] else f"{item['value']:.2f}",
                confidence="" if item["no_evidence"] else f"{item['confidence']:.2f}",
                claims=[(e["claim_id"], e["side"]) for e in item["evidence"]],
            )
            for criterion in c["criteria"]
            for item in criterion["indicators"]
        ]
        for c in candidates
    }
    return AssessmentSection(
        run=result["run"],
        threshold=result["threshold"],
        candidates=candidates,
        indicators=indicators,
        sensitivity=result["sensitivity"],
        hypotheses=result["hypotheses"],
        intervals_svg=score_intervals_svg(
            names,
            [c["score"]["mean"] for c in candidates],
            [c["score"]["p05"] for c in candidates],
            [c["score"]["p95"] for c in candidates],
            result["threshold"],
        ),
        ranks_svg=rank_probabilities_svg(names, [c["rank_probabilities"] for c in candidates]),
    )
