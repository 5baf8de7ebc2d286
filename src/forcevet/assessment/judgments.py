"""Key judgments: the few sentences an analyst writes first, generated from a run's numbers.

Each sentence states what is likely, how confident the run is, what it rests
on and what would change it, and names only figures present in the run, so it
can be checked against the table and the explanation below it.
"""

from __future__ import annotations

from typing import Any

# A candidate is named in the judgments when its chance of exceeding the
# threshold is at least this ("unlikely" or more in ICD 203's words).
NOTABLE = 0.20


def _name(candidate: dict[str, Any]) -> str:
    return f"{candidate['name']} ({candidate['id']})"


def _rests_on(candidate: dict[str, Any]) -> str:
    sources = candidate["sources"]
    if not sources["shares"]:
        return "it rests on no evidence at all: its interval is the rubric's priors"
    top = sources["shares"][0]
    words = (
        f"it rests on {sources['count']} independent source(s), the largest "
        f"({top.get('publisher', top['source'])}, {', '.join(top['kinds'])}) holding "
        f"{top['share']:.0%} "
        "of its evidence weight"
    )
    if top["capped"] is not None:
        words += " before the cap on any one source's share"
    without = sources["without_top"]
    if without is not None:
        words += (
            f"; without it the point score would be {without['point']:.3f} "
            f"({without['change']:+.3f})"
        )
    return words


def key_judgments(result: dict[str, Any]) -> list[str]:
    """Return the run's key judgments as plain sentences."""
    candidates = result["candidates"]
    threshold = result["threshold"]
    ranked = [c for c in candidates if c["ranked"]]
    unranked = [c for c in candidates if not c["ranked"]]
    minimum = result["settings"]["min_coverage"]
    lines = []
    if unranked:
        lines.append(
            f"{len(ranked)} of {len(candidates)} candidates have enough evidence to rank "
            f"(searches covering at least {minimum:.0%} of the score); "
            + ", ".join(f"{_name(c)} {c['coverage']['share']:.1%}" for c in unranked)
            + ": insufficient evidence to rank."
        )
    notable = [c for c in candidates if c["exceeds_threshold"]["probability"] >= NOTABLE]
    for c in notable:
        lines.append(
            f"It is {c['exceeds_threshold']['words']} "
            f"({c['exceeds_threshold']['probability']:.0%}) that {_name(c)}'s risk index "
            f"exceeds {threshold} (confidence {c['confidence']['level']}"
            + (f": {c['confidence']['capped_by']}" if c["confidence"]["capped_by"] else "")
            + f"); {_rests_on(c)}."
        )
    if not notable:
        lines.append(
            f"For no candidate is it even unlikely (20% or more) that the risk index exceeds "
            f"{threshold} on the recorded evidence."
        )
    if len(ranked) > 1:
        first = ranked[0]
        lines.append(
            f"Lowest risk among the ranked: {_name(first)}, first in "
            f"{first['rank_probabilities'][0]:.0%} of samples (90% interval "
            f"{first['score']['p05']:.3f}-{first['score']['p95']:.3f}); {_rests_on(first)}."
        )
    swap = next((s for s in result["sensitivity"] if s["claim_id"]), None)
    if swap is not None:
        lines.append(
            f"What would change the order: without claim {swap['claim_id']}, "
            f"{swap['lower']} and {swap['higher']} would swap places."
        )
    return lines
