"""Which sources a candidate's assessment rests on, and what it would be without the main one."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from forcevet.assessment.indicators import CandidateValues, candidate_values
from forcevet.assessment.rubric import Rubric
from forcevet.model.sources import SourceKind

if TYPE_CHECKING:
    from forcevet.assessment.inputs import RunInputs

# Kinds of source that argue a case rather than report one.
ADVOCACY = frozenset({SourceKind.OPINION})
SHOWN = 5  # sources listed per candidate


def source_profile(
    rubric: Rubric, candidate: str, inputs: RunInputs, values: CandidateValues
) -> dict[str, Any]:
    """Return a candidate's sources by share of its evidence weight, and its score without the
    largest one.

    Shares are taken before the cap on any one source's share; ``capped`` gives the
    factor a source's claims were scaled by where the cap bound. ``opinion_share``
    is the largest share held by a source of kind opinion (0 if none).
    """
    shares = inputs.shares.get(candidate, {})
    mine = [e for e in inputs.evidence if e.candidate == candidate]
    kinds: dict[str, set[SourceKind]] = {}
    ids: dict[str, set[str]] = {}
    for e in mine:
        kinds.setdefault(e.cluster, set()).add(inputs.sources[e.source_id].kind)
        ids.setdefault(e.cluster, set()).add(e.source_id)
    scales = {b.cluster: b.scale for b in inputs.bindings if b.candidate == candidate}
    ordered = sorted(shares, key=lambda c: (-shares[c], c))
    listed = [
        {
            "source": cluster,
            "publisher": _publisher(inputs, sorted(ids.get(cluster, ())), cluster),
            "source_ids": sorted(ids.get(cluster, ())),
            "kinds": sorted(k.value for k in kinds.get(cluster, ())),
            "share": round(shares[cluster], 6),
            "capped": round(scales[cluster], 6) if cluster in scales else None,
        }
        for cluster in ordered[:SHOWN]
    ]
    opinion = max(
        (shares[c] for c in ordered if kinds.get(c, set()) & ADVOCACY and shares[c] > 0),
        default=0.0,
    )
    without = None
    if ordered and shares[ordered[0]] > 0:
        top = ordered[0]
        rest = candidate_values(rubric, candidate, [e for e in mine if e.cluster != top])
        without = {
            "source": top,
            "point": round(rest.score, 6),
            "change": round(rest.score - values.score, 6),
        }
    return {
        "count": len(shares),
        "shares": listed,
        "opinion_share": round(opinion, 6),
        "without_top": without,
    }


def _publisher(inputs: RunInputs, source_ids: list[str], cluster: str) -> str:
    """Return how the report names an independent source: its first source's publisher."""
    for source_id in source_ids:
        source = inputs.sources.get(source_id)
        if source is not None and source.publisher:
            return source.publisher
    return cluster
