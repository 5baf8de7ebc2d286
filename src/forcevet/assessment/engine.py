"""Run an assessment: evidence -> indicator values -> SMAA -> confidence, ACH, sensitivity.

The result is a plain JSON-ready dict (documented in docs/assessment-json.md),
stored with the run's inputs so that it can be shown again identically.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from forcevet.assessment.ach import ach_record, analyse_hypotheses
from forcevet.assessment.coverage import CandidateCoverage, coverage_record, ranked_mask
from forcevet.assessment.estimative import confidence_level, likelihood_words
from forcevet.assessment.evidence import Evidence, independent_source
from forcevet.assessment.indicators import CandidateValues, all_candidate_values
from forcevet.assessment.inputs import AssessmentParams, gather_inputs
from forcevet.assessment.judgments import key_judgments
from forcevet.assessment.profile import source_profile
from forcevet.assessment.rubric import Rubric
from forcevet.assessment.sensitivity import neighbour_swaps
from forcevet.assessment.smaa import make_units, run_smaa
from forcevet.assessment.weights import load_grade_weights
from forcevet.model.ids import make_key
from forcevet.store.ach import load_ach_ratings
from forcevet.store.actors import load_actors
from forcevet.store.store import Store, now

__all__ = ["AssessmentParams", "assess", "candidate_record", "evidence_claims"]

ESTIMATIVE_STATEMENT = (
    "The likelihood words (ICD 203) describe the chance that the rubric's risk index exceeds "
    "its threshold under the recorded evidence; they are not a forecast of how any country "
    "or its forces will behave."
)


def _evidence_record(item: Evidence) -> dict[str, Any]:
    record: dict[str, Any] = {
        "claim_id": item.claim_id,
        "revision": item.revision,
        "source_id": item.source_id,
        "independent_source": item.cluster,
        "side": "risk" if item.risk else "against",
        "weight": round(item.weight, 6),
    }
    if item.absence:
        record["absence"] = True  # "searched, nothing found", read as evidence by the rubric
    if item.undated:
        record["undated"] = True
    if item.scale != 1.0:
        record["scale"] = round(item.scale, 6)
    return record


def _criteria_record(
    rubric: Rubric, values: CandidateValues, cover: CandidateCoverage
) -> list[dict[str, Any]]:
    records = []
    for criterion in rubric.criteria:
        indicators = []
        for indicator in criterion.indicators:
            value = values.indicators[indicator.id]
            indicators.append(
                {
                    "id": indicator.id,
                    "question": indicator.question,
                    "weight": indicator.weight,
                    "in_score": rubric.score_weight(indicator) > 0,
                    "risk_if": indicator.risk_if,
                    "prior": indicator.prior,
                    "coverage": cover.indicators[indicator.id].value,
                    "no_evidence": value.no_evidence,
                    "value": None if value.no_evidence else round(value.value, 6),
                    "confidence": round(value.confidence, 6),
                    "risk_evidence": round(value.risk, 6),
                    "against_evidence": round(value.against, 6),
                    "independent_sources": value.independent_sources,
                    "evidence": [_evidence_record(e) for e in value.evidence],
                }
            )
        records.append(
            {
                "id": criterion.id,
                "label": criterion.label,
                "weight": criterion.weight,
                "weight_range": list(criterion.bounds),
                "score": round(values.criteria[criterion.id], 6),
                "indicators": indicators,
            }
        )
    return records


def assess(store: Store, rubric: Rubric, params: AssessmentParams, *, by: str) -> dict[str, Any]:
    """Return the assessment of every candidate under one rubric, as a JSON-ready dict.

    A candidate whose searched share of the score is below the rubric's
    ``min_coverage`` is listed as "insufficient evidence to rank": it gets its
    score and interval, but no rank.
    """
    inputs = gather_inputs(store, rubric, params)
    candidates, evidence, sources = inputs.candidates, inputs.evidence, inputs.sources
    values = all_candidate_values(rubric, candidates, evidence)
    ranked = ranked_mask(inputs.coverage, candidates, rubric.min_coverage)
    smaa = run_smaa(
        rubric,
        candidates,
        make_units(rubric, candidates, evidence),
        samples=params.samples,
        seed=params.seed,
        ranked=ranked,
        score_weights=[rubric.score_weight(i) for i in rubric.indicators],
    )
    good = {independent_source(s, sources) for s in sources.values() if s.reliability.value in "AB"}
    names = {a.id: a.name for a in load_actors(store, candidates)}
    order = sorted(
        range(len(candidates)), key=lambda k: (not ranked[k], smaa.mean[k], candidates[k])
    )
    by_point = sorted(
        (c for c, r in zip(candidates, ranked, strict=True) if r),
        key=lambda c: (values[c].score, c),
    )
    used = sorted({(e.claim_id, e.revision) for e in evidence if not e.absence})
    run_params = params.to_dict() | {"candidates": list(candidates)}
    # analysts' ACH ratings of the claims used are inputs too: a new one makes a new run
    ach_overrides = load_ach_ratings(store)
    used_ids = {c for c, _ in used}
    rated = sorted((c, h, o.rating.value) for (c, h), o in ach_overrides.items() if c in used_ids)
    run_id = make_key(
        "run",
        rubric.hash,
        sorted(run_params.items()),
        used,
        sorted(e.claim_id for e in evidence if e.absence),
        *([rated] if rated else []),
    )
    records = []
    position = 0
    for k in order:
        candidate = candidates[k]
        position += ranked[k]
        origin = source_profile(rubric, candidate, inputs, values[candidate])
        confidence = confidence_level(
            rubric, values[candidate], good, opinion_share=origin["opinion_share"]
        )
        ach = analyse_hypotheses(rubric, candidate, evidence, overrides=ach_overrides)
        records.append(
            {
                "id": candidate,
                "name": names.get(candidate, candidate),
                "rank": position if ranked[k] else None,
                "ranked": ranked[k],
                "score": {
                    "point": round(values[candidate].score, 6),
                    "mean": round(float(smaa.mean[k]), 6),
                    "p05": round(float(smaa.p05[k]), 6),
                    "p95": round(float(smaa.p95[k]), 6),
                },
                "rank_probabilities": [
                    round(float(p), 6) for p in smaa.rank_probabilities[k][: sum(ranked)]
                ]
                if ranked[k]
                else [],
                "exceeds_threshold": {
                    "probability": round(float(smaa.exceeds[k]), 6),
                    "words": likelihood_words(float(smaa.exceeds[k])),
                },
                "confidence": {
                    "level": confidence.level,
                    "mean_indicator_confidence": round(confidence.mean_indicator_confidence, 6),
                    "independent_sources": confidence.independent_sources,
                    "good_sources": confidence.good_sources,
                    "capped_by": confidence.capped_by,
                },
                "coverage": coverage_record(inputs.coverage[candidate], rubric.min_coverage),
                "sources": origin,
                "criteria": _criteria_record(rubric, values[candidate], inputs.coverage[candidate]),
                "ach": ach_record(ach),
            }
        )
    grades = load_grade_weights()
    result: dict[str, Any] = {
        "run": {
            "id": run_id,
            "created_at": now(),
            "created_by": by,
            "rubric": {
                "id": rubric.id,
                "version": rubric.version,
                "title": rubric.title,
                "hash": rubric.hash,
            },
            "params": run_params,
            "claims_used": [list(u) for u in used],
            "grade_weights": {
                "reliability": {k.value: v for k, v in grades.reliability.items()},
                "credibility": {str(int(k)): v for k, v in grades.credibility.items()},
            },
        },
        "threshold": rubric.risk_threshold,
        "settings": {
            "min_coverage": rubric.min_coverage,
            "max_source_share": rubric.max_source_share,
            "undated_age_years": rubric.undated_age_years,
            "caveats_as_risk": rubric.caveats_as_risk,
        },
        "excluded_sources": sorted(inputs.excluded),
        "hypotheses": {h.id: h.label for h in rubric.hypotheses},
        "criteria": [{"id": c.id, "label": c.label} for c in rubric.criteria],
        "candidates": records,
        "sensitivity": [
            {
                "lower": s.lower,
                "higher": s.higher,
                "gap": round(s.gap, 6),
                "claim_id": s.claim_id,
                "claim_effect": round(s.claim_effect, 6),
                "claims_that_swap": s.claims_that_swap,
                "criterion": s.criterion,
                "criterion_weight_from": s.criterion_weight_from,
                "criterion_weight_to": None
                if s.criterion_weight_to is None
                else round(max(0.0, s.criterion_weight_to), 6),
            }
            for s in neighbour_swaps(rubric, by_point, evidence)
        ],
        "statement": ESTIMATIVE_STATEMENT,
    }
    result["key_judgments"] = key_judgments(result)
    return result


def candidate_record(result: dict[str, Any], candidate: str) -> dict[str, Any] | None:
    """Return one candidate's record from a run's result, or None."""
    return next((c for c in result["candidates"] if c["id"] == candidate), None)


def evidence_claims(result: dict[str, Any]) -> Sequence[tuple[str, int]]:
    """Return the (claim id, revision) pairs a run used."""
    return [(c, r) for c, r in result["run"]["claims_used"]]
