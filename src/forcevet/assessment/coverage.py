"""Evidence coverage: for each candidate and indicator, was it searched, and was anything found?

Three outcomes, kept apart everywhere: *searched, found* (a claim answers the
indicator), *searched, nothing found* (a dataset that covers the candidate
for the indicator's question was imported, or an analyst recorded a search,
and no claim answers it), and *not searched*. Only the rubric can make the
second one evidence (an indicator's ``absence``): then it becomes one claim of
the stated polarity from the searching source, graded and aged like any other.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from forcevet.assessment.evidence import Context, Evidence, independent_source
from forcevet.assessment.rubric import Indicator, Rubric
from forcevet.assessment.weights import DAYS_PER_YEAR, decay_factor, load_grade_weights
from forcevet.model.grades import Credibility
from forcevet.model.sources import Source
from forcevet.store.coverage import Coverage


class Searched(StrEnum):
    """Whether an indicator was searched for a candidate, and with what result."""

    FOUND = "searched, found"
    NOTHING = "searched, nothing found"
    NOT = "not searched"


@dataclass(frozen=True)
class CandidateCoverage:
    """One candidate's coverage: per indicator, and the share of the score it covers."""

    candidate: str
    indicators: dict[str, Searched]
    share: float  # of the score's nominal weight, searched (found or not)
    searches: dict[str, tuple[Coverage, ...]]  # the records behind "searched"


def _covers(indicator: Indicator, context: Context, record: Coverage) -> bool:
    match = indicator.match
    if record.predicate not in match.predicates:
        return False
    if record.as_of is not None and record.as_of > context.as_of:
        return False
    if record.source_id is not None and record.source_id in context.excluded_sources:
        return False
    if record.object_id is None:
        return True
    other = match.object if match.candidate_is_subject else match.subject
    return context.other_side_matches(record.object_id, other)


def measure_coverage(
    rubric: Rubric,
    context: Context,
    records: Iterable[Coverage],
    evidence: Iterable[Evidence],
) -> dict[str, CandidateCoverage]:
    """Return every candidate's coverage under the rubric."""
    found = {(e.candidate, e.indicator) for e in evidence if not e.absence}
    by_actor: dict[str, list[Coverage]] = {}
    for record in records:
        by_actor.setdefault(record.actor_id, []).append(record)
    shares = rubric.score_shares()
    result = {}
    for candidate in context.candidates:
        mine = by_actor.get(candidate, [])
        statuses: dict[str, Searched] = {}
        searches: dict[str, tuple[Coverage, ...]] = {}
        for indicator in rubric.indicators:
            covering = tuple(r for r in mine if _covers(indicator, context, r))
            searches[indicator.id] = covering
            if (candidate, indicator.id) in found:
                statuses[indicator.id] = Searched.FOUND
            else:
                statuses[indicator.id] = Searched.NOTHING if covering else Searched.NOT
        share = sum(shares[i] for i, s in statuses.items() if s is not Searched.NOT)
        result[candidate] = CandidateCoverage(candidate, statuses, share, searches)
    return result


def absence_evidence(
    rubric: Rubric,
    context: Context,
    coverage: Mapping[str, CandidateCoverage],
    sources: Mapping[str, Source],
) -> list[Evidence]:
    """Return "searched, nothing found" as evidence, where the rubric says it is.

    The newest covering record with a source speaks; its weight is the source's
    reliability times the rubric's stated credibility, aged from the record's date.
    """
    grades = load_grade_weights()
    found: list[Evidence] = []
    for indicator in rubric.indicators:
        if indicator.absence is None:
            continue
        for candidate, cover in coverage.items():
            if cover.indicators[indicator.id] is not Searched.NOTHING:
                continue
            records = [r for r in cover.searches[indicator.id] if r.source_id in sources]
            if not records:
                continue
            record = max(records, key=lambda r: (r.as_of or "", r.id))
            source = sources[str(record.source_id)]
            weight = grades.weight(source.reliability, Credibility(indicator.absence.credibility))
            age = (
                rubric.undated_age_years
                if record.as_of is None
                else _years_between(record.as_of, context.as_of)
            )
            found.append(
                Evidence(
                    candidate=candidate,
                    indicator=indicator.id,
                    claim_id=record.id,
                    revision=0,
                    source_id=source.id,
                    cluster=independent_source(source, sources),
                    risk=indicator.absence.polarity == indicator.risk_if,
                    weight=weight * decay_factor(age, indicator.half_life_years),
                    undated=record.as_of is None,
                    absence=True,
                )
            )
    return found


def _years_between(start: str, end: str) -> float:
    return max((date.fromisoformat(end) - date.fromisoformat(start)).days, 0) / DAYS_PER_YEAR


def coverage_record(cover: CandidateCoverage, minimum: float) -> dict[str, object]:
    """Return a candidate's coverage as JSON-ready data."""
    counts = {s.value: 0 for s in Searched}
    for status in cover.indicators.values():
        counts[status.value] += 1
    return {
        "share": round(cover.share, 6),
        "minimum": minimum,
        "sufficient": sufficient(cover, minimum),
        "counts": counts,
        "indicators": {i: s.value for i, s in cover.indicators.items()},
    }


def ranked_mask(
    coverage: Mapping[str, CandidateCoverage], candidates: Sequence[str], minimum: float
) -> list[bool]:
    """Return, per candidate, whether its coverage allows it to be ranked."""
    return [sufficient(coverage[c], minimum) for c in candidates]


def sufficient(cover: CandidateCoverage, minimum: float) -> bool:
    """Return whether a candidate's coverage reaches ``minimum`` (a sum of shares: within
    rounding)."""
    return cover.share >= minimum - 1e-9
