"""Import UN peacekeeping contributions: the records, accepted claims, and coverage.

``forcevet import peacekeeping FILE`` reads any of the layouts of
``peacekeeping_layouts.py`` (found by the header), checks every row before it
writes anything (``peacekeeping_read.py``), and stores in the caller's one
transaction: the file as a
source graded by the rule of docs/peacekeeping.md, its rows in
``peacekeeping_contributions``, one accepted ``contributes_peacekeepers`` claim
per country and month (and mission), and coverage of every UN member state at
the data's date, so that a member with no rows reads "searched, nothing found".
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from forcevet.errors import InputError
from forcevet.ingest.records.peacekeeping_layouts import ODP_COPIES, describe, uniformed
from forcevet.ingest.records.peacekeeping_read import ReadContributions, read_contributions
from forcevet.model.claims import Claim, Polarity, make_imported_claim
from forcevet.model.dates import TimeSpan, parse_time
from forcevet.model.grades import Credibility
from forcevet.model.sources import Source, make_source
from forcevet.model.vocabulary import require_predicate
from forcevet.store.actors import load_actors
from forcevet.store.claims import insert_claims
from forcevet.store.coverage import Coverage, add_coverage
from forcevet.store.peacekeeping import SUBSET_NOTE, has_contributions, insert_contributions
from forcevet.store.sources import add_source
from forcevet.store.store import Store, now

IMPORTER = "import peacekeeping"
PREDICATE = "contributes_peacekeepers"
GRADING_RULE = (
    "Official records: reliability A when the UN publishes them itself (open data portal), "
    "B when a research institute compiled the UN's own monthly reports (IPI); "
    "docs/peacekeeping.md."
)


@cache
def load_un_members() -> dict[str, int]:
    """Return the UN's 193 member states by alpha-3 code, with the year each was admitted."""
    text = resources.files("forcevet.data").joinpath("un-members.yaml").read_text("utf-8")
    return {str(k): int(v) for k, v in yaml.safe_load(text)["members"].items()}


@dataclass
class PeacekeepingImportReport:
    """What importing a contributions file read and added."""

    path: str
    layout: str
    source_id: str
    new_source: bool
    first_month: str
    last_month: str
    rows: int
    records: int
    claims: int
    countries: int
    coverage: int
    skipped: dict[str, int]
    resolved: dict[str, int]

    @property
    def status(self) -> str:
        """Return "unchanged" when the import added nothing, else "added"."""
        return "added" if self.new_source or self.claims or self.coverage else "unchanged"

    def summary(self) -> str:
        """Return the report as one line for people."""
        skipped = "; ".join(f"skipped {n} {why}" for why, n in sorted(self.skipped.items()))
        return (
            f"{self.path}: {self.layout} {self.first_month} to {self.last_month} "
            f"[{self.source_id}]: {self.rows} rows read, {self.records} records and "
            f"{self.claims} claims added, {self.countries} countries, {self.coverage} "
            f"coverage records added: {self.status}" + (f"; {skipped}" if skipped else "")
        )


def make_dataset_source(
    read: ReadContributions, *, by: str, covers: Collection[str] | None = None
) -> Source:
    """Return the file as a source of kind dataset, graded by the stated rule.

    A subset cut for some countries says so in its title.
    """
    layout, first, last = read.layout, read.first_day[:7], read.last_day[:7]
    title = f"{layout.name}, {first} to {last}" if first != last else f"{layout.name}, {last}"
    if covers is not None:
        title += f" ({SUBSET_NOTE} {', '.join(sorted(covers))})"
    return make_source(
        title=title,
        publisher=layout.publisher,
        url=layout.url or ODP_COPIES.get(last),
        date=last,
        text=read.text,
        kind="dataset",
        reliability=layout.reliability,
        reliability_note=GRADING_RULE,
        graded_by=by,
        added_at=now(),
    )


def _claims(
    read: ReadContributions, source: Source, *, by: str, subset: bool
) -> tuple[list[Claim], Counter[str]]:
    """Return one accepted claim per row that reports personnel, and what was skipped.

    A rank from a ``subset`` file is stated without the number of contributors.
    """
    predicate = require_predicate(PREDICATE).id
    ranked = Counter(r.month for r in read.rows if r.rank is not None)
    credibility = Credibility(read.layout.credibility)
    stamp = now()
    times: dict[str, TimeSpan] = {}
    claims: list[Claim] = []
    skipped: Counter[str] = Counter()
    for row in read.rows:
        if uniformed(row) == 0:
            skipped["rows reporting no personnel (stored, no claim)"] += 1
            continue
        time = times.get(row.month) or times.setdefault(row.month, parse_time(row.month))
        value = describe(read.layout, row, None if subset else ranked[row.month])
        claims.append(
            make_imported_claim(
                source_id=source.id,
                subject_id=row.country,
                predicate=predicate,
                object_id=None,
                value=value,
                time=time,
                polarity=Polarity.AFFIRMS,
                quote=row.raw,
                paraphrase=False,
                credibility=credibility,
                importer=IMPORTER,
                by=by,
                at=stamp,
            )
        )
    return claims, skipped


def covered_countries(read: ReadContributions, covers: Collection[str] | None) -> set[str]:
    """Return the countries the file answers for: UN members at its date and those in it.

    ``covers`` narrows them to the countries a subset file was cut for.
    """
    year = int(read.last_day[:4])
    countries = {c for c, admitted in load_un_members().items() if admitted <= year}
    countries |= {r.country for r in read.rows}
    return countries if covers is None else countries & {c.upper() for c in covers}


def _require_states(store: Store, read: ReadContributions, countries: set[str]) -> None:
    present = {a.id for a in load_actors(store, countries)}
    for code in sorted(countries - present):
        line = next((r.line for r in read.rows if r.country == code), None)
        raise InputError(
            f"country {code} is not in the store; run `forcevet init` to load the states",
            path=read.path,
            line=line,
        )


def _records(read: ReadContributions, source_id: str) -> list[dict[str, Any]]:
    return [
        {
            "source_id": source_id,
            "country": row.country,
            "mission": row.mission,
            "month": row.month,
            "personnel": personnel,
            "count": number,
            "rank": row.rank,
        }
        for row in read.rows
        for personnel, number in row.counts.items()
        # a row with a total needs no zero for each other type: a quarter of the rows
        if number or personnel == "total" or "total" not in row.counts
    ]


def import_peacekeeping(
    store: Store, path: Path, *, by: str, covers: Collection[str] | None = None
) -> PeacekeepingImportReport:
    """Import a contributions file into the store; return what it read and added.

    Run it inside one transaction: a failure leaves the store as it was. Importing
    the same file again adds nothing.
    """
    read = read_contributions(path)
    countries = covered_countries(read, covers)
    _require_states(store, read, countries | {r.country for r in read.rows})
    source, new_source = add_source(store, make_dataset_source(read, by=by, covers=covers))
    records = 0
    if new_source or not has_contributions(store, source.id):
        records = insert_contributions(store, _records(read, source.id))
    claims, skipped = _claims(read, source, by=by, subset=covers is not None)
    added = insert_claims(store, claims, new_sources=new_source)
    coverage = add_coverage(
        store,
        [
            Coverage(actor_id=code, predicate=PREDICATE, source_id=source.id, as_of=read.last_day)
            for code in sorted(countries)
        ],
        by=by,
    )
    return PeacekeepingImportReport(
        path=read.path,
        layout=read.layout.id,
        source_id=source.id,
        new_source=new_source,
        first_month=read.first_day[:7],
        last_month=read.last_day[:7],
        rows=len(read.rows),
        records=records,
        claims=added,
        countries=len({r.country for r in read.rows}),
        coverage=coverage,
        skipped=dict(skipped),
        resolved=dict(read.resolved),
    )


# The scenario's candidates, whose rows the bundled IPI subset holds
# (scripts/make_record_subsets.py); the portal's two rankings ship whole, because a
# rank is read against every contributor of its month.
SUBSET_COUNTRIES = (
    "IDN",
    "PAK",
    "AZE",
    "MAR",
    "KAZ",
    "XKX",
    "ALB",
    "EGY",
    "JOR",
    "TUR",
    "SAU",
    "ARE",
)
BUNDLED = (
    ("peacekeeping-ipi-monthly-subset.csv", SUBSET_COUNTRIES),
    ("peacekeeping-odp-rank-2021-01.csv", SUBSET_COUNTRIES),
    ("peacekeeping-odp-rank-2022-01.csv", SUBSET_COUNTRIES),
)


def import_bundled_peacekeeping(store: Store, *, by: str) -> list[PeacekeepingImportReport]:
    """Import the peacekeeping records that ship with forcevet; return each import's report.

    Each subset covers only the countries it was cut for, and a rank in the portal's
    subsets is stated without the number of contributors, which they cannot give. Run
    it in the caller's transaction; importing again changes nothing.
    """
    reports = []
    for name, covers in BUNDLED:
        resource = resources.files("forcevet.data").joinpath("records", name)
        with resources.as_file(resource) as path:
            reports.append(import_peacekeeping(store, Path(path), by=by, covers=covers))
    return reports
