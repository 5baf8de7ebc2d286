"""Agreement between two states' UN General Assembly votes, by period.

The index is the one commonly computed from Voeten's data (Voeten, "Data and
Analyses of Voting in the UN General Assembly", 2013): over the roll calls on
which both voted, 1 for the same vote, 0.5 when exactly one of the two
abstained, 0 for opposite votes (yes against no), averaged. Absences are not
recorded in the dataset, so they count for nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from forcevet.errors import InputError

_PERIOD = re.compile(r"^(\d{4})\s*[-/]\s*(\d{4})$")


@dataclass(frozen=True)
class Period:
    """A span of whole years, both ends included: 2010-2019."""

    start: int
    end: int

    @property
    def text(self) -> str:
        """Return the period as people write it: ``2010-2019``."""
        return f"{self.start}-{self.end}"

    @property
    def time(self) -> str:
        """Return the period as a claim's time: ``2010/2019``."""
        return f"{self.start}/{self.end}"

    @property
    def since(self) -> str:
        """Return the first day of the period (ISO)."""
        return f"{self.start:04d}-01-01"

    @property
    def until(self) -> str:
        """Return the last day of the period (ISO)."""
        return f"{self.end:04d}-12-31"


DEFAULT_PERIODS = (Period(1990, 1999), Period(2000, 2009), Period(2010, 2019))


def parse_period(text: str, *, field: str = "period") -> Period:
    """Return the period written ``YYYY-YYYY``, or raise InputError."""
    match = _PERIOD.match(text.strip())
    if match is None:
        raise InputError(
            f'expected a period as YYYY-YYYY such as 2010-2019, got "{text}"', field=field
        )
    start, end = int(match.group(1)), int(match.group(2))
    if end < start:
        raise InputError(f'the period ends before it starts: "{text}"', field=field)
    return Period(start, end)


def decades(first: int, last: int) -> tuple[Period, ...]:
    """Return the decades (1990-1999, ...) that cover the years ``first`` to ``last``."""
    return tuple(Period(y, y + 9) for y in range(first - first % 10, last + 1, 10))


def vote_agreement(vote: str, other: str) -> float:
    """Return 1 for the same vote, 0.5 when exactly one abstained (A), 0 for Y against N."""
    if vote == other:
        return 1.0
    return 0.5 if "A" in (vote, other) else 0.0


@dataclass(frozen=True)
class Agreement:
    """How often ``country`` voted as ``party`` did on one issue's roll calls in a period."""

    country: str
    party: str
    issue: str
    issue_label: str
    period: Period
    index: float
    same: int
    half: int
    opposite: int
    rcids: tuple[int, ...]

    @property
    def roll_calls(self) -> int:
        """Return how many roll calls the index averages over (both voted)."""
        return len(self.rcids)

    @property
    def value(self) -> str:
        """Return the figure as a claim's value states it."""
        return (
            f"agreement {self.index:.2f} on {self.roll_calls} roll calls coded "
            f"{self.issue_label}, {self.period.text}"
        )


def agreement_from_counts(
    country: str,
    party: str,
    issue: str,
    issue_label: str,
    period: Period,
    *,
    same: int,
    half: int,
    opposite: int,
    rcids: Sequence[int],
) -> Agreement:
    """Return the agreement of counted votes: (same + half / 2) / roll calls."""
    total = same + half + opposite
    return Agreement(
        country=country,
        party=party,
        issue=issue,
        issue_label=issue_label,
        period=period,
        index=(same + 0.5 * half) / total if total else 0.0,
        same=same,
        half=half,
        opposite=opposite,
        rcids=tuple(sorted(rcids)),
    )


def make_agreement(
    country: str,
    party: str,
    issue: str,
    issue_label: str,
    period: Period,
    pairs: Iterable[tuple[int, str, str]],
) -> Agreement | None:
    """Return the agreement over (rcid, country's vote, party's vote) triples, or None if
    there are none (the two never both voted)."""
    rcids: list[int] = []
    tally = {1.0: 0, 0.5: 0, 0.0: 0}
    for rcid, vote, other in pairs:
        rcids.append(rcid)
        tally[vote_agreement(vote, other)] += 1
    if not rcids:
        return None
    return agreement_from_counts(
        country,
        party,
        issue,
        issue_label,
        period,
        same=tally[1.0],
        half=tally[0.5],
        opposite=tally[0.0],
        rcids=rcids,
    )


def format_rcids(rcids: Sequence[int]) -> str:
    """Return roll-call ids as short ranges: ``3, 7-9, 12``."""
    parts: list[str] = []
    ordered = sorted(set(rcids))
    start = previous = None
    for rcid in [*ordered, None]:
        if previous is not None and rcid == previous + 1:
            previous = rcid
            continue
        if start is not None:
            parts.append(str(start) if start == previous else f"{start}-{previous}")
        start = previous = rcid
    return ", ".join(parts)


def parse_rcids(text: str) -> tuple[int, ...]:
    """Return the roll-call ids ``format_rcids`` wrote."""
    found: list[int] = []
    for part in (p.strip() for p in text.split(",")):
        if not part:
            continue
        first, _, last = part.partition("-")
        found.extend(range(int(first), int(last or first) + 1))
    return tuple(found)
