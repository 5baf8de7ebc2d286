"""The peacekeeping importer on the real files in ../shared/data and on small broken ones.

The real files are imported once into a store shared by this module's tests
(about 10 s); expected figures are counted from the files with the csv module,
independently of forcevet, or are the spot values SOURCES.md states.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select

from forcevet.errors import InputError
from forcevet.ingest.records.peacekeeping import (
    PeacekeepingImportReport,
    import_bundled_peacekeeping,
    import_peacekeeping,
    load_un_members,
)
from forcevet.ingest.records.peacekeeping_read import read_contributions
from forcevet.store.claims import ClaimFilter, list_claims
from forcevet.store.coverage import list_coverage
from forcevet.store.peacekeeping import peacekeeping_summary
from forcevet.store.setup import init_store
from forcevet.store.sources import require_source
from forcevet.store.store import Store, open_store
from forcevet.store.tables import peacekeeping_contributions
from tests.conftest import SHARED, snapshot

DATA = SHARED / "data" / "peacekeeping"
MONTHLY = DATA / "ipi_ppp_country_monthly_1990-11_2014-03.csv"
GENDER = DATA / "ipi_tcc_gender_by_country_mission_2009-11_2014-02.csv"
SNAPSHOT = DATA / "ipi_ppp_country_mission_snapshot_2014-03.csv"
ODP_2021 = DATA / "un_odp_contributor_rank_2021-01.csv"
ODP_2022 = DATA / "un_odp_contributor_rank_2022-01.csv"
REAL = (MONTHLY, GENDER, SNAPSHOT, ODP_2021, ODP_2022)

needs_shared = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is not here")


@pytest.fixture(scope="module")
def imported() -> Iterator[tuple[Store, dict[str, PeacekeepingImportReport]]]:
    """A store holding every real file, imported once for the module."""
    if not DATA.is_dir():
        pytest.skip("../shared/data is not here")
    with open_store("sqlite://", require_schema=False) as opened:
        with opened.transaction():
            init_store(opened)
            reports = {p.name: import_peacekeeping(opened, p, by="test") for p in REAL}
        yield opened, reports


def claim_of(store: Store, country: str, month: str, source_id: str) -> list[str]:
    found = list_claims(store, ClaimFilter(actor_id=country, source_id=source_id))
    return [c.value or "" for c in found if c.time and c.time.text == month]


@needs_shared
def test_row_counts_of_the_real_files(
    imported: tuple[Store, dict[str, PeacekeepingImportReport]],
) -> None:
    _, reports = imported
    assert reports[MONTHLY.name].rows == 25_657
    assert reports[GENDER.name].rows == 29_115
    assert reports[SNAPSHOT.name].rows == 573
    assert reports[ODP_2021.name].rows == reports[ODP_2022.name].rows == 122
    with MONTHLY.open(newline="") as handle:
        assert reports[MONTHLY.name].rows == sum(1 for _ in csv.reader(handle)) - 1
    # one claim per row that reports anyone: 2 by-mission rows, 1 snapshot row and
    # Papua New Guinea's 0 in January 2022 report no one
    assert reports[MONTHLY.name].claims == 25_657
    assert reports[GENDER.name].claims == 29_113
    assert reports[ODP_2022.name].skipped == {"rows reporting no personnel (stored, no claim)": 1}
    assert reports[MONTHLY.name].countries == 147  # two names of North Macedonia


@needs_shared
def test_bangladesh_march_2014(imported: tuple[Store, dict[str, PeacekeepingImportReport]]) -> None:
    store, reports = imported
    source_id = reports[MONTHLY.name].source_id
    (claim,) = [
        c
        for c in list_claims(store, ClaimFilter(actor_id="BGD", source_id=source_id))
        if c.time and c.time.text == "2014-03"
    ]
    assert claim.value == "6120 troops, 1762 police, 68 experts (all UN missions)"
    assert claim.quote == "Bangladesh,2014-03-31,6120,1762,68"
    assert (claim.paraphrase, claim.quote_start, claim.status.value) == (False, None, "accepted")
    assert claim.reviewed_by == "import peacekeeping" and claim.reviewed_at
    assert claim.predicate == "contributes_peacekeepers" and int(claim.credibility) == 2
    source = require_source(store, source_id)
    assert (source.kind.value, source.reliability.value, source.date) == ("dataset", "B", "2014-03")
    assert source.publisher.startswith("International Peace Institute")
    assert source.url and "IPIDataLab/PPP_Loader" in source.url


@needs_shared
@pytest.mark.parametrize(
    ("country", "rank", "personnel"),
    [("PAK", 6, 3810), ("EGY", 7, 2795), ("IDN", 8, 2697), ("MAR", 12, 1704), ("KAZ", 89, 14)],
)
def test_the_portal_ranking_of_january_2022(
    imported: tuple[Store, dict[str, PeacekeepingImportReport]],
    country: str,
    rank: int,
    personnel: int,
) -> None:
    store, reports = imported
    source_id = reports[ODP_2022.name].source_id
    assert claim_of(store, country, "2022-01", source_id) == [
        f"{personnel} uniformed personnel, rank {rank} of 122 contributors"
    ]
    summary = peacekeeping_summary(store, country)
    assert summary.rank is not None
    assert (summary.rank.month, summary.rank.rank, summary.rank.personnel) == (
        "2022-01",
        rank,
        personnel,
    )
    assert summary.rank.contributors == 122 and summary.rank.source_id == source_id
    source = require_source(store, source_id)
    assert (source.reliability.value, source.date) == ("A", "2022-01")


@needs_shared
def test_the_2021_file_with_its_byte_order_mark(
    imported: tuple[Store, dict[str, PeacekeepingImportReport]],
) -> None:
    store, reports = imported
    source_id = reports[ODP_2021.name].source_id
    (claim,) = list_claims(store, ClaimFilter(actor_id="BGD", source_id=source_id))
    assert claim.value == "6711 uniformed personnel, rank 1 of 122 contributors"
    assert claim.quote == "BGD,50,Bangladesh,1,317,6394,6711,31-Jan-21"
    assert claim_of(store, "PAK", "2021-01", source_id) == [
        "4761 uniformed personnel, rank 6 of 122 contributors"
    ]


@needs_shared
def test_by_mission_rows(imported: tuple[Store, dict[str, PeacekeepingImportReport]]) -> None:
    store, reports = imported
    values = claim_of(store, "ALB", "2011-06", reports[GENDER.name].source_id)
    assert values == ["13 uniformed personnel in UNMIL: 13 individual police; 1 female"]
    c = peacekeeping_contributions.c
    rows = store.connection.execute(
        select(c.personnel, c.count).where(
            c.source_id == reports[SNAPSHOT.name].source_id,
            c.country == "BGD",
            c.mission == "MINURSO",
        )
    )
    assert dict(rows.all()) == {"experts": 8, "troops": 20, "total": 28}


@needs_shared
def test_pakistans_record_is_computed_from_the_rows(
    imported: tuple[Store, dict[str, PeacekeepingImportReport]],
) -> None:
    store, reports = imported
    with MONTHLY.open(newline="") as handle:
        totals = {
            row["Date"][:7]: sum(
                int(row[k]) for k in ("Troops", "Police", "Experts") if row[k] != "NA"
            )
            for row in csv.DictReader(handle)
            if row["Country"] == "Pakistan"
        }
    peak_month = max(totals, key=lambda m: (totals[m], m))
    summary = peacekeeping_summary(store, "PAK")
    assert summary.peak is not None and summary.latest is not None
    assert (summary.peak.month, summary.peak.personnel) == (peak_month, totals[peak_month])
    assert (summary.peak.month, summary.peak.personnel) == ("2008-12", 11_135)
    assert summary.peak.source_id == reports[MONTHLY.name].source_id
    assert (summary.latest.month, summary.latest.personnel) == ("2022-01", 3810)
    years = sorted({int(m[:4]) for m, n in totals.items() if n} | {2021, 2022})
    assert summary.years == years
    # a month both IPI files report is taken from one of them, never added up
    months = [m.month for m in summary.months]
    assert len(months) == len(set(months))
    assert (
        summary.lines()[0]
        == f"Peak: 11,135 uniformed personnel in 2008-12 [{summary.peak.source_id}]"
    )


@needs_shared
def test_coverage_tells_nothing_found_from_not_searched(
    imported: tuple[Store, dict[str, PeacekeepingImportReport]],
) -> None:
    store, reports = imported
    assert reports[MONTHLY.name].coverage == len(load_un_members()) == 193
    andorra = list_coverage(store, ["AND"])  # a member that never contributed
    assert {c.source_id for c in andorra} == {r.source_id for r in reports.values()}
    assert {c.predicate for c in andorra} == {"contributes_peacekeepers"}
    assert peacekeeping_summary(store, "AND").months == []
    assert list_coverage(store, ["XKX"]) == []  # not a UN member: not searched
    monthly = [
        c for c in list_coverage(store, ["PAK"]) if c.source_id == reports[MONTHLY.name].source_id
    ]
    assert monthly[0].as_of == "2014-03-31"


@needs_shared
@pytest.mark.parametrize("path", [MONTHLY, ODP_2021], ids=["monthly", "odp-2021"])
def test_importing_again_changes_nothing(store: Store, path: Path) -> None:
    with store.transaction():
        first = import_peacekeeping(store, path, by="test")
    before = snapshot(store)
    with store.transaction():
        again = import_peacekeeping(store, path, by="someone else")
    assert first.status == "added" and again.status == "unchanged"
    assert (again.claims, again.records, again.coverage) == (0, 0, 0)
    assert "unchanged" in again.summary()
    assert snapshot(store) == before


def test_the_bundled_records_cover_the_candidates(store: Store) -> None:
    with store.transaction():
        ipi, odp_2021, odp_2022 = import_bundled_peacekeeping(store, by="test")
    # the portal's rankings are cut too: the nine candidates it ranks
    assert ipi.rows == 1839 and odp_2022.rows == odp_2021.rows == 9
    covered = {c.actor_id for c in list_coverage(store) if c.source_id == ipi.source_id}
    # the subset speaks for the candidates it was cut for, and Kosovo is no UN member
    assert covered == {"IDN", "PAK", "AZE", "MAR", "KAZ", "ALB", "EGY", "JOR", "TUR", "SAU", "ARE"}
    assert ipi.coverage == odp_2022.coverage == 11
    assert "subset" in require_source(store, ipi.source_id).title
    summary = peacekeeping_summary(store, "AZE")
    assert summary.rank is not None and (summary.rank.rank, summary.rank.personnel) == (109, 2)
    assert summary.rank.contributors is None  # a cut ranking cannot say among how many
    with store.transaction():
        again = import_bundled_peacekeeping(store, by="test")
    assert [r.status for r in again] == ["unchanged"] * 3


HEADER = "Country,Date,Troops,Police,Experts\n"
ODP_HEADER = (
    "ISOCode3,M49_Code,Contributing_Country,Personnel_Contribution_Rank,Female_Personnel,"
    "Male_Personnel,Total_Uniformed_Personnel,Last_Reporting_Date\n"
)
GOOD = "Albania,1994-10-31,NA,1,NA\n"


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "pk.csv"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (HEADER + GOOD + "Albania,1994-11-30,-1,1,NA\n", "pk.csv:3: Troops: expected a count"),
        (HEADER + GOOD + "Albania,1994-11-30,NA,1.5,NA\n", "pk.csv:3: Police: expected a count"),
        (HEADER + "Albania,1994-02-30,NA,1,NA\n", "pk.csv:2: Date: expected a calendar date"),
        (HEADER + "Albania,30/11/1994,NA,1,NA\n", "pk.csv:2: Date: expected a calendar date"),
        (HEADER + "Atlantis,1994-11-30,NA,1,NA\n", 'pk.csv:2: Country: unknown country "Atlantis"'),
        (
            HEADER + GOOD + GOOD,
            "pk.csv:3: Country: ALB all missions 1994-10 is given twice (first on",
        ),
        (HEADER + "Albania,1994-11-30,NA,1\n", "pk.csv:2: expected 5 fields, got 4"),
        (HEADER + GOOD + "Albania,1994-11-30,NA,1", "pk.csv:3: the last line has no line break"),
        ("Nation,Month,Soldiers\nAlbania,1994-11,1\n", "pk.csv:1: header: unknown layout"),
        (HEADER, "pk.csv:1: no rows in the file"),
        (ODP_HEADER + "PAK,586,Pakistan,6,87,3723,3810,31-Foo-22\n", "Last_Reporting_Date"),
        (
            ODP_HEADER + "ZZZ,586,Pakistan,6,87,3723,3810,31-Jan-22\n",
            'ISOCode3: unknown country code "ZZZ"',
        ),
        (HEADER.encode() + "Côte,1994-11-30,NA,1,NA\n".encode("latin-1"), "pk.csv:2: not UTF-8"),
    ],
    ids=[
        "negative",
        "fraction",
        "no-such-day",
        "day-first",
        "country",
        "twice",
        "fields",
        "truncated",
        "header",
        "empty",
        "odp-date",
        "odp-code",
        "encoding",
    ],
)
def test_broken_files_name_line_and_field(tmp_path: Path, text: str | bytes, where: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        read_contributions(path)
    assert where in str(caught.value).replace(str(tmp_path) + "/", "")


def test_a_row_with_nothing_reported_is_stored_without_a_claim(
    tmp_path: Path, store: Store
) -> None:
    path = write(tmp_path, HEADER + GOOD + "Albania,1994-11-30,0,NA,NA\n")
    with store.transaction():
        report = import_peacekeeping(store, path, by="test")
    assert (report.rows, report.claims, report.records) == (2, 1, 2)
    count = store.connection.scalar(select(func.count()).select_from(peacekeeping_contributions))
    assert count == 2
