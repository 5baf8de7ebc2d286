"""Precision and recall of screening on a labelled set of queries (name_bench-style CSV).

Each case is a query, optionally its schema, and the reference of the listing
it should find (empty for a name that is not listed). A listed query is found
if its listing is among the matches at the threshold; any match of an unlisted
query, and matches of a listed query that miss its listing, are false alarms.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from forcevet.screening.match import Screener
from forcevet.screening.queries import Query


@dataclass(frozen=True)
class Case:
    """One labelled query."""

    query: str
    schema: str
    expected: str
    variant: str


def load_cases(path: Path) -> list[Case]:
    """Return the labelled queries of an evaluation CSV (query, schema, expected, variant)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            Case(r["query"], r["schema"] or "LegalEntity", r["expected"], r["variant"])
            for r in csv.DictReader(handle)
        ]


@dataclass
class Evaluation:
    """The outcome of screening every case at one threshold."""

    threshold: float
    listed: int = 0
    unlisted: int = 0
    found: int = 0
    false_alarms: int = 0
    by_variant: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    misses: list[tuple[str, str, str]] = field(default_factory=list)
    alarms: list[tuple[str, str, float]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Return the share of reported hits that name the right listing."""
        hits = self.found + self.false_alarms
        return self.found / hits if hits else 1.0

    @property
    def recall(self) -> float:
        """Return the share of listed queries whose listing was found."""
        return self.found / self.listed if self.listed else 1.0


def evaluate(
    screener: Screener,
    cases: Sequence[Case],
    *,
    threshold: float | None = None,
    brute_force: bool = False,
) -> Evaluation:
    """Screen every case and count what was found, missed and wrongly reported.

    ``brute_force`` compares each query with every listing instead of using the
    blocking index: the baseline the index's loss of recall is measured against.
    """
    floor = screener.config.threshold if threshold is None else threshold
    outcome = Evaluation(threshold=floor)
    run = screener.screen_all if brute_force else screener.screen
    for case in cases:
        result = run(Query(case.query, case.schema), threshold=floor, limit=50)
        references = {m.candidate.designation.reference for m in result.matches}
        counts = outcome.by_variant[case.variant]
        counts[1] += 1
        if case.expected:
            outcome.listed += 1
            if case.expected in references:
                outcome.found += 1
                counts[0] += 1
            else:
                outcome.misses.append((case.variant, case.query, case.expected))
            wrong = [
                m for m in result.matches if m.candidate.designation.reference != case.expected
            ]
            if wrong and case.expected not in references:
                outcome.false_alarms += 1
                outcome.alarms.append((case.query, wrong[0].candidate.name, wrong[0].score))
        else:
            outcome.unlisted += 1
            if result.matches:
                outcome.false_alarms += 1
                top = result.matches[0]
                outcome.alarms.append((case.query, top.candidate.name, top.score))
            else:
                counts[0] += 1
    return outcome
