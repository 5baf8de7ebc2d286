"""Import UN General Assembly roll-call votes and derive each country's agreement with a party.

The three files of Voeten's dataset become three sources (reliability B: a
research dataset compiled from the UN's official records) stored without
their text but with their content hash, so that importing them again is seen
and changes nothing. The raw votes go to their own tables; from them, for
each state party named (``ISR`` by default), every country's agreement on the
roll calls coded with an issue (``me``, the Palestinian conflict) per period
becomes an accepted claim ``votes_with`` (credibility 2) whose note lists the
roll calls it rests on, and every country that voted in a period is recorded
as covered, so that "searched, nothing found" differs from "not searched".
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from forcevet.errors import InputError
from forcevet.ingest.records.unga_csv import (
    FORMER_CODES,
    SERBIA_FROM,
    YUGOSLAVIA,
    find_repeated,
    read_issues,
    read_roll_calls,
    read_votes,
)
from forcevet.ingest.records.unga_figures import record_figures
from forcevet.model.countries import require_country
from forcevet.model.ids import make_key
from forcevet.model.sources import Source, make_source
from forcevet.model.votes import DEFAULT_PERIODS, Period
from forcevet.store.sources import add_source, get_source
from forcevet.store.store import Store, now
from forcevet.store.tables import un_roll_call_issues
from forcevet.store.votes import (
    Edition,
    clear_votes,
    count_votes,
    insert_issues,
    insert_roll_calls,
    insert_votes,
    move_to_serbia,
    stored_edition,
)

PUBLISHER = (
    "Erik Voeten, United Nations General Assembly Voting Data "
    "(Harvard Dataverse, doi:10.7910/DVN/LEJUQZ)"
)
URL = "https://doi.org/10.7910/DVN/LEJUQZ"
RELIABILITY_NOTE = (
    "B (usually reliable): a research dataset compiled from the UN's official records of "
    "General Assembly votes, widely used and checked; not the UN's own publication (A)."
)
FILES = ("votes", "roll calls", "issues")
# The bundled subset starts in 2000 (docs/unga-votes.md says why), so its figures do too.
BUNDLED_PERIODS = (Period(2000, 2009), Period(2010, 2019))
BUNDLED = {
    "votes": "unga-votes.csv",
    "roll calls": "unga-roll-calls.csv",
    "issues": "unga-issues.csv",
}


@dataclass
class VotesImportReport:
    """What an import of the General Assembly votes read, stored and derived."""

    paths: dict[str, str]
    sources: dict[str, str]
    new_edition: bool
    roll_calls: int = 0
    issues: int = 0
    votes: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    former_codes: dict[str, int] = field(default_factory=dict)
    parties: list[str] = field(default_factory=list)
    issue: str = "me"
    periods: list[str] = field(default_factory=list)
    figures: int = 0
    claims_added: int = 0
    coverage_added: int = 0
    superseded: int = 0
    without_actor: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """Return one paragraph for people."""
        stored = (
            f"{self.roll_calls:,} roll calls, {self.issues:,} issue codes, {self.votes:,} votes"
            if self.new_edition
            else f"already stored ({self.votes:,} votes), nothing read again"
        )
        skipped = ", ".join(f"{n} {what}" for what, n in self.skipped.items())
        return (
            f"UN General Assembly votes: {stored}"
            + (f"; skipped {skipped}" if skipped else "")
            + f". Agreement with {', '.join(self.parties)} on issue {self.issue} for "
            f"{', '.join(self.periods)}: {self.figures} figures, {self.claims_added} new claims, "
            f"{self.coverage_added} new coverage records"
            + (
                f", {self.superseded} claims of an earlier edition rejected"
                if self.superseded
                else ""
            )
            + "."
        )


def file_hash(path: Path) -> str:
    """Return the sha256 of a file's bytes (its text's content hash when it is UTF-8)."""
    if not path.is_file():
        raise InputError("no such file", path=str(path))
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def make_vote_source(kind: str, path: Path, digest: str, *, date: str | None, by: str) -> Source:
    """Return the source record of one file of the dataset, without its text.

    Its id derives from the file's content hash, not its name: the same file
    imported from anywhere is the same source.
    """
    source = make_source(
        title=f"UN General Assembly roll-call votes: {kind} ({path.name})",
        publisher=PUBLISHER,
        url=URL,
        date=date,
        kind="dataset",
        reliability="B",
        reliability_note=RELIABILITY_NOTE,
        graded_by=by,
        added_at=now(),
        text=f"The {kind} file of Voeten's UN General Assembly voting data, {path.name}; "
        "the records are in forcevet's un_roll_calls, un_roll_call_issues and un_votes tables.",
    )
    key = make_key("src", URL, kind, digest, length=10)
    return dataclasses.replace(source, id=key, content_hash=digest)


def import_unga_votes(
    store: Store,
    votes: Path,
    roll_calls: Path,
    issues: Path,
    *,
    by: str,
    parties: Sequence[str] = ("ISR",),
    issue: str = "me",
    periods: Sequence[Period] = DEFAULT_PERIODS,
) -> VotesImportReport:
    """Import the three files (unless this edition is stored) and record the figures."""
    paths = dict(zip(FILES, (votes, roll_calls, issues), strict=True))
    digests = {kind: file_hash(path) for kind, path in paths.items()}
    party_ids = [require_country(p, field="party") for p in parties]
    keys = {kind: make_key("src", URL, kind, digests[kind], length=10) for kind in FILES}
    edition = Edition(keys["roll calls"], keys["votes"], keys["issues"])
    report = VotesImportReport(
        paths={k: str(p) for k, p in paths.items()},
        sources=keys,
        new_edition=stored_edition(store) != edition or get_source(store, edition.votes) is None,
        parties=party_ids,
        issue=issue,
        periods=[p.text for p in periods],
    )
    if report.new_edition:
        _store_edition(store, paths, digests, report, by=by)
    if not report.new_edition:
        report.votes = count_votes(store)
    codes = set(store.connection.scalars(select(un_roll_call_issues.c.issue).distinct()))
    if issue not in codes:
        raise InputError(
            f'no roll call is coded "{issue}"; the codes are {", ".join(sorted(codes))}',
            field="issue",
        )
    figures = record_figures(store, edition.votes, party_ids, issue, periods, by=by)
    report.figures, report.claims_added = figures.figures, figures.claims_added
    report.coverage_added, report.superseded = figures.coverage_added, figures.superseded
    report.without_actor = figures.without_actor
    return report


def _store_edition(
    store: Store,
    paths: dict[str, Path],
    digests: dict[str, str],
    report: VotesImportReport,
    *,
    by: str,
) -> None:
    """Read and check the roll calls and issues, replace the stored edition, stream the votes."""
    roll_calls = read_roll_calls(paths["roll calls"])
    dates = {row["rcid"]: row["date"] for row in roll_calls}
    issues = read_issues(paths["issues"], set(dates))
    last = max(dates.values())
    for kind in FILES:
        add_source(store, make_vote_source(kind, paths[kind], digests[kind], date=last, by=by))
    clear_votes(store)
    keys = report.sources
    for row in roll_calls:
        row["source_id"], row["votes_source_id"] = keys["roll calls"], keys["votes"]
    for row in issues:
        row["source_id"] = keys["issues"]
    report.roll_calls = insert_roll_calls(store, roll_calls)
    report.issues = insert_issues(store, issues)
    counts: Counter[str] = Counter()
    with collector_paused():
        for batch in read_votes(paths["votes"], dates, counts):
            try:
                insert_votes(store, batch)
            except IntegrityError:
                raise _repeated_vote(paths["votes"], dates, batch) from None
    serbia = move_to_serbia(store)
    report.votes = counts["votes"]
    report.skipped = {k.split(": ", 1)[1]: n for k, n in counts.items() if k.startswith("skipped")}
    report.former_codes = former_codes_used(counts, serbia)


def _repeated_vote(
    path: Path, dates: dict[int, str], batch: Sequence[tuple[int, str, str]]
) -> InputError:
    """Return the error naming a vote cast twice, found by reading the file again."""
    line, rcid, country = find_repeated(path, dates, {(r, c) for r, c, _ in batch})
    return InputError(
        f"{country} votes twice on roll call {rcid}",
        path=str(path),
        line=line,
        field="country_code",
    )


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a block, then restore it.

    Each batch keeps thousands of csv rows (lists) alive, which makes the
    collector run full passes over every object of the process: measured, the
    votes took 2.3 s of CPU to read with it and 0.8 s without. The rows hold no
    cycles, so reference counting still frees every batch and memory stays flat.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def former_codes_used(counts: Counter[str], serbia: int) -> dict[str, int]:
    """Return how many votes each rule of FORMER_CODES (and YU) applied to."""
    used = {
        f"{code} -> {FORMER_CODES[code]}": counts[code]
        for code in FORMER_CODES
        if len(code) == 2 and counts[code]
    }
    used.update(
        {
            f"{name} (no code) -> {FORMER_CODES[name]}": counts[f"name:{name}"]
            for name in FORMER_CODES
            if len(name) > 2 and counts[f"name:{name}"]
        }
    )
    if counts["YU"]:
        used[f"YU -> {YUGOSLAVIA} (before {SERBIA_FROM})"] = counts["YU"] - serbia
        used[f"YU -> SRB (from {SERBIA_FROM})"] = serbia
    return used


@contextmanager
def bundled_files() -> Iterator[dict[str, Path]]:
    """Yield the paths of the subset bundled with forcevet (data/records/unga-*.csv)."""
    folder = resources.files("forcevet.data").joinpath("records")
    with ExitStack() as stack:
        yield {
            kind: stack.enter_context(resources.as_file(folder.joinpath(name)))
            for kind, name in BUNDLED.items()
        }


def import_bundled_votes(
    store: Store, *, by: str, parties: Sequence[str] = ("ISR",)
) -> VotesImportReport:
    """Import the bundled subset (the Gaza scenario's candidates, ISR and USA on the roll
    calls coded ``me`` since 2000) and record their agreement with ``parties``."""
    with bundled_files() as files:
        return import_unga_votes(
            store,
            files["votes"],
            files["roll calls"],
            files["issues"],
            by=by,
            parties=parties,
            periods=BUNDLED_PERIODS,
        )
