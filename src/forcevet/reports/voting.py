"""A country's UN General Assembly voting record beside each party: figures, lines, a chart.

Everything here is recomputed from the stored votes, so the report and
``forcevet votes`` show the same figures as the claims, with the roll calls
behind each.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import matplotlib.pyplot as plt

from forcevet.model.votes import DEFAULT_PERIODS, Agreement, Period, decades
from forcevet.reports.charts import _svg
from forcevet.store.store import Store
from forcevet.store.votes import CastVote, agreements, issue_label, latest_roll_call, votes_of

PARTY_COLOURS = ("#1f3b73", "#b03a2e", "#4c72b0", "#8c564b")


@dataclass(frozen=True)
class VotingRecord:
    """One country's agreement with each party by period, and optionally its raw votes."""

    country: str
    issue: str
    issue_label: str
    parties: tuple[str, ...]
    periods: tuple[Period, ...]
    agreements: tuple[Agreement, ...]
    votes: tuple[CastVote, ...] = field(default=())

    def lines(self) -> list[str]:
        """Return one line per figure, for people."""
        if not self.agreements:
            return [f"no roll calls coded {self.issue_label} with a vote of both in these periods"]
        return [
            f"with {a.party} {a.period.text}: {a.index:.2f} on {a.roll_calls} roll calls "
            f"({a.same} same, {a.half} one abstained, {a.opposite} opposite)"
            for a in self.agreements
        ]

    def to_json(self) -> dict[str, Any]:
        """Return the record as plain JSON values, roll calls included."""
        return {
            "country": self.country,
            "issue": self.issue,
            "issue_label": self.issue_label,
            "parties": list(self.parties),
            "periods": [p.text for p in self.periods],
            "agreements": [
                {
                    "party": a.party,
                    "period": a.period.text,
                    "agreement": round(a.index, 4),
                    "roll_calls": a.roll_calls,
                    "same": a.same,
                    "one_abstained": a.half,
                    "opposite": a.opposite,
                    "rcids": list(a.rcids),
                }
                for a in self.agreements
            ],
            "votes": [vars(v) for v in self.votes],
        }


def voting_record(
    store: Store,
    country: str,
    parties: Sequence[str] = ("ISR",),
    *,
    issue: str = "me",
    periods: Sequence[Period] | None = None,
    since: int | None = None,
    raw: bool = False,
) -> VotingRecord:
    """Return a country's agreement with each party (by decade from ``since``, or the
    default periods) and, with ``raw``, its votes on the issue."""
    if periods is None:
        last = latest_roll_call(store)
        periods = DEFAULT_PERIODS
        if since is not None:
            periods = decades(since, int(last[:4]) if last else since)
    found = [
        a
        for party in parties
        for a in agreements(store, party, issue=issue, periods=periods, country=country)
    ]
    votes: tuple[CastVote, ...] = ()
    if raw:
        votes = tuple(votes_of(store, country, issue, since=str(since) if since else None))
    return VotingRecord(
        country=country,
        issue=issue,
        issue_label=issue_label(store, issue) or issue,
        parties=tuple(parties),
        periods=tuple(periods),
        agreements=tuple(found),
        votes=votes,
    )


@lru_cache(maxsize=256)  # drawn once per record (frozen): matplotlib is slow, pages are not
def agreement_svg(record: VotingRecord) -> str:
    """Return a small line chart of the country's agreement with each party by period."""
    figure, axes = plt.subplots(figsize=(4.2, 2.2))
    labels = [p.text for p in record.periods]
    for number, party in enumerate(record.parties):
        points = {a.period.text: a.index for a in record.agreements if a.party == party}
        xs = [i for i, label in enumerate(labels) if label in points]
        axes.plot(
            xs,
            [points[labels[i]] for i in xs],
            "o-",
            color=PARTY_COLOURS[number % len(PARTY_COLOURS)],
            label=f"with {party}",
        )
    axes.axhline(0.5, color="#999999", linestyle=":", linewidth=1)
    axes.set_xticks(range(len(labels)), labels, fontsize=7)
    axes.set_ylim(-0.05, 1.05)
    axes.set_ylabel("agreement", fontsize=8)
    axes.set_title(f"UN votes coded {record.issue_label}", fontsize=8)
    axes.legend(fontsize=7, loc="upper right")
    axes.grid(axis="y", alpha=0.3)
    return _svg(figure)


def voting_blocks(
    store: Store,
    candidates: Sequence[str],
    parties: Sequence[str] = ("ISR",),
    *,
    issue: str = "me",
    periods: Sequence[Period] = DEFAULT_PERIODS,
) -> dict[str, list[dict[str, Any]]]:
    """Return, per candidate, a report block {"title", "svg", "lines"} of its voting record.

    A candidate with no stored votes on the issue gets a block saying so, without a chart.
    """
    blocks: dict[str, list[dict[str, Any]]] = {}
    for candidate in candidates:
        record = voting_record(store, candidate, parties, issue=issue, periods=periods)
        lines = record.lines() + [
            "agreement: 1 same vote, 0.5 one abstained, 0 opposite, over the roll calls both "
            "voted on (Voeten's UN General Assembly voting data)"
        ]
        blocks[candidate] = [
            {
                "title": f"UN General Assembly votes with {', '.join(parties)}",
                "svg": agreement_svg(record) if record.agreements else "",
                "lines": lines,
            }
        ]
    return blocks
