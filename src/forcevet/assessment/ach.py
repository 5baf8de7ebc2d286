"""Analysis of competing hypotheses, Heuer's way (*Psychology of Intelligence Analysis*, ch. 8).

Heuer's steps as implemented here:

- **Rate each piece of evidence against every hypothesis** (step 3). A piece of
  evidence is a claim; its ratings come from the rubric's consistency row of
  the indicator it answers (mirrored for evidence against the risk). A claim
  that answers several indicators of a candidate is rated once, from its most
  diagnostic indicator row. An analyst may override any rating with a note
  (``forcevet ach rate``); the override replaces the rubric's rating for that
  claim and hypothesis, and the matrix shows it with its note and author.
- **Diagnosticity** (step 4): a row whose ratings are the same for every
  hypothesis (or whose claim weighs nothing, such as an ungraded F6 claim) has
  no diagnostic value; Heuer deletes it from the matrix. It is listed as
  non-diagnostic and takes no part in the scores. A row's diagnosticity is the
  spread of its ratings across hypotheses times the claim's weight.
- **Weighted inconsistency** (step 5): a hypothesis is judged by the evidence
  inconsistent with it, I counting 1 and II counting 2, times the claim's
  weight. One source votes once: for each hypothesis, an independent source
  (the evidence's ``cluster``: copies and the same publisher share it)
  contributes its single most inconsistent row, not the sum of its claims, so
  one opinion piece feeding many indicators cannot dominate. Each source's
  share of each hypothesis's inconsistency is reported.
- **Tentative conclusions, no tie-break** (step 6): the least inconsistent
  hypothesis leads only when it is clearly ahead: the runner-up's inconsistency
  exceeds it by at least ``MARGIN`` and by at least ``RELATIVE_MARGIN`` of the
  runner-up's own score, and some evidence is diagnostic.
- **Sensitivity to a few critical items** (step 7): the same hypothesis must
  still lead, by the same rule, without any one independent source. A
  conclusion that one source makes (Azerbaijan's, in the bundled case, rested
  on one article's claim of security ties) is not a discrimination; the sources
  it hinges on are reported.

Otherwise the result says that the evidence does not discriminate between
hypotheses and names no leading hypothesis.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from forcevet.assessment.rubric import Rating, Rubric

if TYPE_CHECKING:  # only annotations: the store reads overrides without the evidence code
    from forcevet.assessment.evidence import Evidence

# The runner-up must be at least this much more inconsistent than the leader:
# half of one I rating by a claim of full weight.
MARGIN = 0.5
# ... and at least this fraction of the runner-up's score more, so that 10.0
# against 10.5 is not read as a difference.
RELATIVE_MARGIN = 0.2
DOES_NOT_DISCRIMINATE = "evidence does not discriminate between hypotheses"


@dataclass(frozen=True)
class AchOverride:
    """An analyst's rating of one claim against one hypothesis, with why and by whom."""

    rating: Rating
    note: str = ""
    recorded_by: str = ""
    recorded_at: str = ""


@dataclass(frozen=True)
class AchRow:
    """One claim and its rating against each hypothesis (the rubric's, or an analyst's)."""

    evidence: Evidence
    rubric_ratings: dict[str, Rating]
    ratings: dict[str, Rating]
    overrides: dict[str, AchOverride] = field(default_factory=dict)
    also_answers: tuple[str, ...] = ()

    @property
    def diagnosticity(self) -> float:
        """Return the spread of the ratings across hypotheses, times the claim's weight."""
        scores = [r.score for r in self.ratings.values()]
        return self.evidence.weight * (max(scores) - min(scores)) if scores else 0.0

    def inconsistency(self, hypothesis: str) -> float:
        """Return Heuer's weighted inconsistency of this row with one hypothesis."""
        return self.evidence.weight * max(0, -self.ratings[hypothesis].score)

    def consistency(self, hypothesis: str) -> float:
        """Return the row's weighted consistency with one hypothesis (C 1, CC 2)."""
        return self.evidence.weight * max(0, self.ratings[hypothesis].score)


@dataclass(frozen=True)
class SourceVote:
    """The one vote of an independent source against one hypothesis: its most
    inconsistent diagnostic row, and that vote's share of the hypothesis's score."""

    source: str
    hypothesis: str
    claim_id: str
    inconsistency: float
    share: float


@dataclass(frozen=True)
class AchResult:
    """The evidence-by-hypothesis matrix of one candidate, its scores and its conclusion."""

    candidate: str
    hypotheses: dict[str, str]
    rows: list[AchRow]
    inconsistency: dict[str, float]
    consistency: dict[str, float]
    votes: list[SourceVote]
    leading: str | None
    # the clearly least inconsistent on all the evidence, and the sources without any
    # one of which it would not lead (then ``leading`` is None)
    least_inconsistent: str | None = None
    hinges_on: tuple[str, ...] = ()

    @property
    def discriminates(self) -> bool:
        """Return whether one hypothesis is clearly the least inconsistent."""
        return self.leading is not None

    @property
    def ranking(self) -> list[str]:
        """Return hypothesis ids from least to most inconsistent; equal scores stay in the
        rubric's order, which is for display only (``leading`` breaks no tie)."""
        order = list(self.hypotheses)
        return sorted(order, key=lambda h: (round(self.inconsistency[h], 9), order.index(h)))

    @property
    def non_diagnostic(self) -> list[AchRow]:
        """Return the rows that cannot tell the hypotheses apart (they count for nothing)."""
        return [r for r in self.rows if r.diagnosticity <= 0]

    def most_diagnostic(self, count: int = 5) -> list[AchRow]:
        """Return the evidence that best tells the hypotheses apart, strongest first."""
        useful = [r for r in self.rows if r.diagnosticity > 0]
        return sorted(useful, key=lambda r: (-r.diagnosticity, r.evidence.claim_id))[:count]


def _rated(evidence: Evidence, row: Mapping[str, Rating]) -> dict[str, Rating]:
    return {h: r if evidence.risk else r.mirrored() for h, r in row.items()}


def _spread(evidence: Evidence, ratings: Mapping[str, Rating]) -> float:
    scores = [r.score for r in ratings.values()]
    return evidence.weight * (max(scores) - min(scores)) if scores else 0.0


def _claim_rows(
    rubric: Rubric,
    items: list[Evidence],
    overrides: Mapping[tuple[str, str], Rating | AchOverride],
) -> list[AchRow]:
    """Return one row per claim: its most diagnostic indicator row, then the overrides."""
    consistency = {i.id: i.consistency for i in rubric.indicators}
    by_claim: dict[str, list[Evidence]] = defaultdict(list)
    for item in items:
        by_claim[item.claim_id].append(item)
    rows = []
    for claim_id in sorted(by_claim):
        rated = [(e, _rated(e, consistency[e.indicator])) for e in by_claim[claim_id]]
        evidence, rubric_ratings = min(rated, key=lambda p: (-_spread(*p), p[0].indicator))
        chosen: dict[str, AchOverride] = {}
        for h in rubric_ratings:
            given = overrides.get((claim_id, h))
            if given is not None:
                chosen[h] = given if isinstance(given, AchOverride) else AchOverride(given)
        rows.append(
            AchRow(
                evidence,
                rubric_ratings,
                rubric_ratings | {h: o.rating for h, o in chosen.items()},
                chosen,
                tuple(sorted({e.indicator for e, _ in rated} - {evidence.indicator})),
            )
        )
    return rows


def _source_votes(
    rows: list[AchRow], hypotheses: list[str]
) -> tuple[dict[str, float], dict[str, float], list[SourceVote]]:
    """Return inconsistency and consistency with one vote per source, and the votes."""
    by_source: dict[str, list[AchRow]] = defaultdict(list)
    for row in rows:
        if row.diagnosticity > 0:  # Heuer: evidence consistent with all counts for nothing
            by_source[row.evidence.cluster].append(row)
    inconsistency = dict.fromkeys(hypotheses, 0.0)
    consistency = dict.fromkeys(hypotheses, 0.0)
    raw: list[tuple[str, str, str, float]] = []
    for source in sorted(by_source):
        for h in hypotheses:
            best = min(by_source[source], key=lambda r: (-r.inconsistency(h), r.evidence.claim_id))
            consistency[h] += max(r.consistency(h) for r in by_source[source])
            if best.inconsistency(h) > 0:
                inconsistency[h] += best.inconsistency(h)
                raw.append((source, h, best.evidence.claim_id, best.inconsistency(h)))
    votes = [
        SourceVote(source, h, claim, value, value / inconsistency[h])
        for source, h, claim, value in raw
    ]
    return inconsistency, consistency, votes


def judge_leading(inconsistency: Mapping[str, float], *, diagnostic: bool) -> str | None:
    """Return the clearly least inconsistent hypothesis, or None when the evidence does
    not discriminate.

    Clearly: some evidence is diagnostic, and the runner-up's inconsistency exceeds the
    least by at least ``MARGIN`` and by ``RELATIVE_MARGIN`` of the runner-up's score.
    All-zero and equal scores therefore name no hypothesis; no tie is broken.
    """
    if not diagnostic or len(inconsistency) < 2:
        return None
    (first, low), (_, runner_up) = sorted(inconsistency.items(), key=lambda p: p[1])[:2]
    gap = runner_up - low
    if gap + 1e-9 < max(MARGIN, RELATIVE_MARGIN * runner_up):
        return None
    return first


def analyse_hypotheses(
    rubric: Rubric,
    candidate: str,
    evidence: Iterable[Evidence],
    *,
    overrides: Mapping[tuple[str, str], Rating | AchOverride] | None = None,
) -> AchResult:
    """Return the analysis of competing hypotheses for one candidate.

    ``overrides`` maps (claim id, hypothesis id) to an analyst's rating, which
    replaces the rubric's for that claim (``forcevet ach rate``).
    """
    hypotheses = [h.id for h in rubric.hypotheses]
    items = [e for e in evidence if e.candidate == candidate]
    rows = _claim_rows(rubric, items, overrides or {})
    inconsistency, consistency, votes = _source_votes(rows, hypotheses)
    least = judge_leading(inconsistency, diagnostic=any(r.diagnosticity > 0 for r in rows))
    hinges_on = _hinges_on(rows, inconsistency, votes, least)
    labels = {h.id: h.label for h in rubric.hypotheses}
    return AchResult(
        candidate,
        labels,
        rows,
        inconsistency,
        consistency,
        votes,
        None if hinges_on else least,
        least,
        hinges_on,
    )


def _hinges_on(
    rows: list[AchRow],
    inconsistency: Mapping[str, float],
    votes: list[SourceVote],
    leading: str | None,
) -> tuple[str, ...]:
    """Return the sources without any one of which ``leading`` would not lead (Heuer's
    step 7); a source's votes are all it adds, so leaving it out subtracts them."""
    if leading is None:
        return ()
    fragile = []
    for source in sorted({r.evidence.cluster for r in rows if r.diagnosticity > 0}):
        without = dict(inconsistency)
        for vote in votes:
            if vote.source == source:
                without[vote.hypothesis] -= vote.inconsistency
        diagnostic = any(r.diagnosticity > 0 and r.evidence.cluster != source for r in rows)
        if judge_leading(without, diagnostic=diagnostic) != leading:
            fragile.append(source)
    return tuple(fragile)


def _row_record(row: AchRow, votes: list[SourceVote]) -> dict[str, Any]:
    e = row.evidence
    return {
        "claim_id": e.claim_id,
        "revision": e.revision,
        "indicator": e.indicator,
        "also_answers": list(row.also_answers),
        "source_id": e.source_id,
        "independent_source": e.cluster,
        "side": "risk" if e.risk else "against",
        "absence": e.absence,
        "weight": round(e.weight, 6),
        "ratings": {h: v.value for h, v in row.ratings.items()},
        "rubric_ratings": {h: v.value for h, v in row.rubric_ratings.items()},
        "overrides": {
            h: {"rating": o.rating.value, "note": o.note, "by": o.recorded_by, "at": o.recorded_at}
            for h, o in row.overrides.items()
        },
        "diagnosticity": round(row.diagnosticity, 6),
        "diagnostic": row.diagnosticity > 0,
        "votes_against": [v.hypothesis for v in votes if v.claim_id == e.claim_id],
    }


def ach_record(result: AchResult) -> dict[str, Any]:
    """Return the analysis as a JSON-ready dict (docs/assessment-json.md, ``ach``)."""
    sources: dict[str, dict[str, Any]] = {}
    for row in result.rows:
        entry = sources.setdefault(row.evidence.cluster, {"source": row.evidence.cluster})
        entry["claims"] = entry.get("claims", 0) + 1
    for vote in result.votes:
        sources[vote.source].setdefault("votes", {})[vote.hypothesis] = {
            "claim_id": vote.claim_id,
            "inconsistency": round(vote.inconsistency, 6),
            "share": round(vote.share, 6),
        }
    return {
        "hypotheses": result.hypotheses,
        "inconsistency": {h: round(v, 6) for h, v in result.inconsistency.items()},
        "consistency": {h: round(v, 6) for h, v in result.consistency.items()},
        "ranking": result.ranking,
        "leading": result.leading,
        "discriminates": result.discriminates,
        "conclusion": result.hypotheses[result.leading]
        if result.leading
        else DOES_NOT_DISCRIMINATE,
        "least_inconsistent": result.least_inconsistent,
        "hinges_on": list(result.hinges_on),
        "rule": {
            "margin": MARGIN,
            "relative_margin": RELATIVE_MARGIN,
            "without_any_one_source": True,
        },
        "sources": [{"votes": {}, **s} for _, s in sorted(sources.items())],
        "matrix": [_row_record(r, result.votes) for r in result.rows],
        "overrides": [
            {
                "claim_id": r.evidence.claim_id,
                "hypothesis": h,
                "rating": o.rating.value,
                "rubric_rating": r.rubric_ratings[h].value,
                "note": o.note,
                "by": o.recorded_by,
                "at": o.recorded_at,
            }
            for r in result.rows
            for h, o in r.overrides.items()
        ],
        "non_diagnostic": [r.evidence.claim_id for r in result.non_diagnostic],
        "most_diagnostic": [r.evidence.claim_id for r in result.most_diagnostic()],
    }


def leading_label(ach: Mapping[str, Any], *, short: bool = False) -> str:
    """Return a run's leading hypothesis as words, or that the evidence does not discriminate.

    Reads an ``ach`` record of a stored run; a record without ``leading`` (made before
    the no-tie-break rule) names no hypothesis either.
    """
    leading = ach.get("leading")
    if leading is None:
        return "does not discriminate" if short else DOES_NOT_DISCRIMINATE
    return str(ach["hypotheses"][leading])
