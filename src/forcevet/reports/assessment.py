"""The assessment section of a report: rows and charts from a stored run's result."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from forcevet.assessment.ach import leading_label
from forcevet.assessment.runs import note_words
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
    coverage: str = ""  # searched, found / searched, nothing found / not searched
    in_score: bool = True  # False for a caveat the rubric keeps out of the score


@dataclass(frozen=True)
class AssessmentSection:
    """What the report shows of an assessment run."""

    run: dict[str, Any]
    threshold: float
    candidates: list[dict[str, Any]]
    indicators: dict[str, list[IndicatorRow]]
    sensitivity: list[dict[str, Any]]
    hypotheses: dict[str, str]
    leading: dict[str, str]  # candidate id -> leading hypothesis, or "does not discriminate"
    intervals_svg: str
    ranks_svg: str
    # sign-offs and dissents in words ("Signed off by X on DATE", "Dissent (Y, DATE): ...")
    notes: list[str] = field(default_factory=list)
    key_judgments: list[str] = field(default_factory=list)
    statement: str = ""
    min_coverage: float = 0.0


# A source with more claims than this on one indicator (a dataset's monthly records)
# is shown by its strongest claim and a count, not claim by claim.
LISTED_PER_SOURCE = 3


def _claim_links(evidence: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """Return (claim id, side) for the claims behind an indicator, a dataset's collapsed."""
    by_source: dict[str, list[dict[str, Any]]] = {}
    for e in evidence:
        if e.get("absence"):
            continue  # "searched, nothing found": shown by the coverage column
        by_source.setdefault(e["source_id"], []).append(e)
    links = []
    for items in by_source.values():
        if len(items) <= LISTED_PER_SOURCE:
            links += [(e["claim_id"], e["side"]) for e in items]
            continue
        top = max(items, key=lambda e: (e["weight"], e["claim_id"]))
        links.append((top["claim_id"], f"{top['side']}; strongest of {len(items)} from its source"))
    return links


def build_assessment_section(result: dict[str, Any]) -> AssessmentSection:
    """Return the rows and charts of a run, in rank order, with its notes if it has them
    (``run_with_notes``)."""
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
                claims=_claim_links(item["evidence"]),
                coverage=item.get("coverage", ""),
                in_score=item.get("in_score", True),
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
        leading={c["id"]: leading_label(c["ach"], short=True) for c in candidates},
        intervals_svg=score_intervals_svg(
            names,
            [c["score"]["mean"] for c in candidates],
            [c["score"]["p05"] for c in candidates],
            [c["score"]["p95"] for c in candidates],
            result["threshold"],
        ),
        ranks_svg=rank_probabilities_svg(
            [n for n, c in zip(names, candidates, strict=True) if c.get("ranked", True)],
            [c["rank_probabilities"] for c in candidates if c.get("ranked", True)],
        )
        if any(c.get("ranked", True) for c in candidates)
        else "",
        notes=[note_words(n) for n in result.get("notes", [])],
        key_judgments=list(result.get("key_judgments", [])),
        statement=str(result.get("statement", "")),
        min_coverage=float(result.get("settings", {}).get("min_coverage", 0.0)),
    )
