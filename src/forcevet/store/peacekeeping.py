"""UN peacekeeping contributions as stored, and each country's record computed from them.

A month can be reported by several imported datasets (the IPI's monthly totals
and its by-mission table overlap from 2009 to 2014). A country's figure for a
month is taken from one source only, never added across sources: the most
reliable one, and among equally reliable ones the source that states the
country's total rather than a sum over missions, then the lowest source id.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select

from forcevet.store.batches import insert_rows
from forcevet.store.store import Store
from forcevet.store.tables import peacekeeping_contributions as contributions
from forcevet.store.tables import sources

# Personnel types that add up to uniformed personnel when a row states no total.
PARTS = ("troops", "police", "experts", "individual_police", "formed_police")


def insert_contributions(store: Store, rows: Iterable[dict[str, Any]]) -> int:
    """Insert contribution rows in batches; return how many were written."""
    return insert_rows(store, contributions, rows)


def has_contributions(store: Store, source_id: str) -> bool:
    """Return whether any contribution of this source is stored."""
    query = select(contributions.c.source_id).where(contributions.c.source_id == source_id)
    return store.connection.execute(query.limit(1)).first() is not None


@dataclass(frozen=True)
class MonthFigure:
    """A country's uniformed personnel in UN peace operations in one month, from one source."""

    month: str
    personnel: int
    source_id: str


# How a subset cut for some countries says so in its source's title: a rank from it
# cannot say among how many contributors.
SUBSET_NOTE = "subset: rows of"


@dataclass(frozen=True)
class RankFigure:
    """A country's rank among contributors of uniformed personnel in one month."""

    month: str
    rank: int
    contributors: int | None  # None when the source is a subset and cannot say
    personnel: int
    source_id: str


@dataclass(frozen=True)
class PeacekeepingSummary:
    """A country's record of UN peacekeeping as the imported datasets state it.

    ``months`` is the series the figures come from, one source per month;
    ``years`` are the calendar years with any personnel deployed.
    """

    country: str
    months: list[MonthFigure]
    peak: MonthFigure | None
    latest: MonthFigure | None
    years: list[int]
    rank: RankFigure | None
    source_ids: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """Return the record as short sentences, each naming its source."""
        if not self.months:
            return ["No UN peacekeeping contribution recorded in the imported datasets."]
        out = []
        if self.peak is not None:
            out.append(
                f"Peak: {self.peak.personnel:,} uniformed personnel in {self.peak.month} "
                f"[{self.peak.source_id}]"
            )
        if self.latest is not None:
            out.append(
                f"Most recent: {self.latest.personnel:,} in {self.latest.month} "
                f"[{self.latest.source_id}]"
            )
        if self.years:
            plural = "s" if len(self.years) != 1 else ""
            out.append(f"Served in {len(self.years)} year{plural}: {_spans(self.years)}")
        if self.rank is not None:
            among = (
                f" of {self.rank.contributors} contributors"
                if self.rank.contributors is not None
                else " (from a subset: the number of contributors is not in it)"
            )
            out.append(
                f"Rank {self.rank.rank}{among} in "
                f"{self.rank.month} ({self.rank.personnel:,}) [{self.rank.source_id}]"
            )
        return out


def _spans(years: list[int]) -> str:
    """Return years as ranges: 1994-1999, 2003, 2005-2014."""
    spans: list[list[int]] = []
    for year in years:
        if spans and year == spans[-1][1] + 1:
            spans[-1][1] = year
        else:
            spans.append([year, year])
    return ", ".join(str(a) if a == b else f"{a}-{b}" for a, b in spans)


def _totals(store: Store, country: str) -> tuple[dict[tuple[str, str], int], dict[str, Any]]:
    """Return uniformed personnel by (source, month), and each source's reliability."""
    c = contributions.c
    query = (
        select(
            c.source_id,
            c.mission,
            c.month,
            c.personnel,
            c.count.label("people"),
            sources.c.reliability,
        )
        .select_from(contributions.join(sources, sources.c.id == c.source_id))
        .where(c.country == country)
    )
    totals: dict[tuple[str, str], int] = defaultdict(int)
    parts: dict[tuple[str, str], int] = defaultdict(int)
    stated: set[tuple[str, str]] = set()
    rank_of: dict[str, Any] = {}
    for row in store.connection.execute(query):
        key = (row.source_id, row.month)
        rank_of[row.source_id] = (row.reliability, row.mission != "")
        if row.personnel == "total":
            totals[key] += row.people
            stated.add(key)
        elif row.personnel in PARTS:
            parts[key] += row.people
    for key, value in parts.items():
        if key not in stated:
            totals[key] = value
    return dict(totals), rank_of


def _rank(store: Store, country: str) -> RankFigure | None:
    c = contributions.c
    query = (
        select(c.source_id, c.month, c.rank, c.count.label("people"))
        .where(c.country == country, c.rank.is_not(None), c.personnel == "total")
        .order_by(c.month.desc(), c.source_id)
        .limit(1)
    )
    row = store.connection.execute(query).first()
    if row is None:
        return None
    ranked = select(func.count(func.distinct(c.country))).where(
        c.source_id == row.source_id, c.month == row.month, c.rank.is_not(None)
    )
    title = store.connection.scalar(select(sources.c.title).where(sources.c.id == row.source_id))
    contributors = (
        None if SUBSET_NOTE in str(title or "") else int(store.connection.scalar(ranked) or 0)
    )
    return RankFigure(row.month, int(row.rank), contributors, int(row.people), row.source_id)


def peacekeeping_summary(store: Store, country: str) -> PeacekeepingSummary:
    """Return a country's peacekeeping record computed from the stored contributions."""
    code = country.strip().upper()
    totals, preference = _totals(store, code)
    best: dict[str, MonthFigure] = {}
    for (source_id, month), personnel in sorted(totals.items()):
        current = best.get(month)
        if current is None or (preference[source_id], source_id) < (
            preference[current.source_id],
            current.source_id,
        ):
            best[month] = MonthFigure(month, personnel, source_id)
    months = [best[m] for m in sorted(best)]
    served = [m for m in months if m.personnel > 0]
    peak = max(served, key=lambda m: (m.personnel, m.month), default=None)
    rank = _rank(store, code)
    used = {m.source_id for m in months} | ({rank.source_id} if rank else set())
    return PeacekeepingSummary(
        country=code,
        months=months,
        peak=peak,
        latest=months[-1] if months else None,
        years=sorted({int(m.month[:4]) for m in served}),
        rank=rank,
        source_ids=sorted(used),
    )
