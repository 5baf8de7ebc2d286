"""Run an assessment: evidence -> indicator values -> SMAA -> confidence, ACH, sensitivity.

The result is a plain JSON-ready dict (documented in docs/assessment-json.md),
stored with the run's inputs so that it can be shown again identically.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from forcevet.assessment.ach import analyse_hypotheses
from forcevet.assessment.estimative import confidence_level, likelihood_words
from forcevet.assessment.evidence import Evidence, independent_source, make_context, match_evidence
from forcevet.assessment.indicators import CandidateValues, all_candidate_values
from forcevet.assessment.rubric import Rubric
from forcevet.assessment.sensitivity import neighbour_swaps
from forcevet.assessment.smaa import make_units, run_smaa
from forcevet.assessment.weights import load_grade_weights
from forcevet.model.claims import Status
from forcevet.model.ids import make_key
from forcevet.store.actors import load_actors, resolve_actor
from forcevet.store.claims import ClaimFilter, list_claims
from forcevet.store.designations import list_designations
from forcevet.store.sources import list_sources, require_source
from forcevet.store.store import Store, now


@dataclass(frozen=True)
class AssessmentParams:
    """What a run depends on besides the rubric and the claims."""

    candidates: tuple[str, ...]
    roles: dict[str, tuple[str, ...]]
    as_of: str
    samples: int = 10_000
    seed: int = 0
    without_sources: tuple[str, ...] = field(default=())
    scenario: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Return the parameters as stored with the run."""
        return {
            "candidates": list(self.candidates),
            "roles": {k: list(v) for k, v in sorted(self.roles.items())},
            "as_of": self.as_of,
            "samples": self.samples,
            "seed": self.seed,
            "without_sources": list(self.without_sources),
            "scenario": self.scenario,
        }


def _evidence_record(item: Evidence) -> dict[str, Any]:
    return {
        "claim_id": item.claim_id,
        "revision": item.revision,
        "source_id": item.source_id,
        "independent_source": item.cluster,
        "side": "risk" if item.risk else "against",
        "weight": round(item.weight, 6),
    }


def _criteria_record(rubric: Rubric, values: CandidateValues) -> list[dict[str, Any]]:
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
                    "risk_if": indicator.risk_if,
                    "prior": indicator.prior,
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
    """Return the assessment of every candidate under one rubric, as a JSON-ready dict."""
    candidates = tuple(resolve_actor(store, c, field="candidates").id for c in params.candidates)
    for source_id in params.without_sources:
        require_source(store, source_id, field="without_source")
    sources = {s.id: s for s in list_sources(store)}
    claims = list_claims(store, ClaimFilter(status=Status.ACCEPTED))
    context = make_context(
        candidates=candidates,
        actors=load_actors(store),
        designations=list_designations(store),
        roles={
            role: [resolve_actor(store, a, field=f"roles.{role}").id for a in members]
            for role, members in params.roles.items()
        },
        listing_authorities=rubric.listing_authorities,
        as_of=params.as_of,
        excluded_sources=params.without_sources,
    )
    evidence = match_evidence(rubric, context, claims, sources)
    values = all_candidate_values(rubric, candidates, evidence)
    smaa = run_smaa(
        rubric,
        candidates,
        make_units(rubric, candidates, evidence),
        samples=params.samples,
        seed=params.seed,
    )
    good = {independent_source(s, sources) for s in sources.values() if s.reliability.value in "AB"}
    names = {a.id: a.name for a in load_actors(store, candidates)}
    order = sorted(range(len(candidates)), key=lambda k: (smaa.mean[k], candidates[k]))
    by_point = sorted(candidates, key=lambda c: (values[c].score, c))
    used = sorted({(e.claim_id, e.revision) for e in evidence})
    run_params = params.to_dict() | {"candidates": list(candidates)}
    run_id = make_key("run", rubric.hash, sorted(run_params.items()), used)
    records = []
    for position, k in enumerate(order, start=1):
        candidate = candidates[k]
        confidence = confidence_level(rubric, values[candidate], good)
        ach = analyse_hypotheses(rubric, candidate, evidence)
        records.append(
            {
                "id": candidate,
                "name": names.get(candidate, candidate),
                "rank": position,
                "score": {
                    "point": round(values[candidate].score, 6),
                    "mean": round(float(smaa.mean[k]), 6),
                    "p05": round(float(smaa.p05[k]), 6),
                    "p95": round(float(smaa.p95[k]), 6),
                },
                "rank_probabilities": [round(float(p), 6) for p in smaa.rank_probabilities[k]],
                "exceeds_threshold": {
                    "probability": round(float(smaa.exceeds[k]), 6),
                    "words": likelihood_words(float(smaa.exceeds[k])),
                },
                "confidence": {
                    "level": confidence.level,
                    "mean_indicator_confidence": round(confidence.mean_indicator_confidence, 6),
                    "independent_sources": confidence.independent_sources,
                    "good_sources": confidence.good_sources,
                },
                "criteria": _criteria_record(rubric, values[candidate]),
                "ach": {
                    "hypotheses": ach.hypotheses,
                    "inconsistency": {h: round(v, 6) for h, v in ach.inconsistency.items()},
                    "consistency": {h: round(v, 6) for h, v in ach.consistency.items()},
                    "ranking": ach.ranking,
                    "matrix": [
                        {
                            "claim_id": r.evidence.claim_id,
                            "indicator": r.evidence.indicator,
                            "side": "risk" if r.evidence.risk else "against",
                            "weight": round(r.evidence.weight, 6),
                            "ratings": {h: v.value for h, v in r.ratings.items()},
                            "diagnosticity": round(r.diagnosticity, 6),
                        }
                        for r in ach.rows
                    ],
                    "most_diagnostic": [r.evidence.claim_id for r in ach.most_diagnostic()],
                },
            }
        )
    grades = load_grade_weights()
    return {
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
    }


def candidate_record(result: dict[str, Any], candidate: str) -> dict[str, Any] | None:
    """Return one candidate's record from a run's result, or None."""
    return next((c for c in result["candidates"] if c["id"] == candidate), None)


def evidence_claims(result: dict[str, Any]) -> Sequence[tuple[str, int]]:
    """Return the (claim id, revision) pairs a run used."""
    return [(c, r) for c, r in result["run"]["claims_used"]]
