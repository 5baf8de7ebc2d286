"""The UN General Assembly votes importer on the real files, and the figures on a tiny one.

The full import (869,937 votes) runs once per module into an in-memory store
that the read-only tests share; tests that write get their own store.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from forcevet.ingest.records.unga import import_bundled_votes, import_unga_votes
from forcevet.model.claims import Polarity, Status
from forcevet.model.votes import Period, format_rcids, make_agreement, parse_rcids
from forcevet.reports.voting import voting_blocks, voting_record
from forcevet.store.claims import ClaimFilter, list_claims
from forcevet.store.coverage import list_coverage
from forcevet.store.setup import init_store
from forcevet.store.store import Store, open_store
from forcevet.store.votes import count_votes, get_roll_call, votes_of, votes_on
from tests.conftest import SHARED, snapshot

DATA = SHARED / "data" / "unga-votes"
VOTES, ROLL_CALLS, ISSUES = (
    DATA / "un_votes_1946_2019.csv",
    DATA / "un_roll_calls_1946_2019.csv",
    DATA / "un_roll_call_issues.csv",
)
needs_shared = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is not here")

ROLL_CALL_HEADER = "rcid,session,importantvote,date,unres,amend,para,short,descr\n"
TINY_ROLL_CALLS = ROLL_CALL_HEADER + (
    "1,56,0,2001-12-03,A/RES/56/1,0,0,PALESTINE,To adopt a resolution\n"
    "2,57,1,2002-12-03,A/RES/57/2,0,0,PALESTINE,To adopt a resolution\n"
    "3,58,0,2003-12-03,A/RES/58/3,0,1,PALESTINE,To adopt a paragraph\n"
    "4,58,0,2003-12-04,A/RES/58/4,,,PALESTINE,To adopt a resolution\n"
    '5,66,0,2011-12-03,A/RES/66/5,0,0,"JERUSALEM, STATUS",To adopt a resolution\n'
    "6,67,0,2012-12-03,A/RES/67/6,0,0,HUMAN RIGHTS,To adopt a resolution\n"
)
TINY_ISSUES = (
    "rcid,short_name,issue\n"
    + "".join(f"{r},me,Palestinian conflict\n" for r in (1, 2, 3, 4, 5))
    + "6,hr,Human rights\n"
)
# PAK against ISR: rc1 opposite (0), rc2 one abstained (0.5), rc3 same (1), rc4 ISR
# absent (not counted) -> 2000-2009: 1.5 / 3 = 0.5; rc5 both abstain -> 2010-2019: 1.0;
# rc6 is coded hr, not me. USA against ISR: rc1 same, rc2 opposite -> 0.5.
TINY_VOTES = (
    "rcid,country,country_code,vote\n"
    "1,Pakistan,PK,yes\n1,Israel,IL,no\n1,United States,US,no\n"
    "2,Pakistan,PK,abstain\n2,Israel,IL,no\n2,United States,US,yes\n"
    "3,Pakistan,PK,no\n3,Israel,IL,no\n"
    "4,Pakistan,PK,yes\n"
    "5,Pakistan,PK,abstain\n5,Israel,IL,abstain\n"
    "6,Pakistan,PK,yes\n6,Israel,IL,yes\n"
    "6,Federal Republic of Germany,,yes\n6,Zanzibar,,no\n"
)


def write_tiny(folder: Path, votes: str = TINY_VOTES) -> tuple[Path, Path, Path]:
    """Write the three tiny files and return their paths (votes, roll calls, issues)."""
    paths = (folder / "votes.csv", folder / "roll_calls.csv", folder / "issues.csv")
    for path, text in zip(paths, (votes, TINY_ROLL_CALLS, TINY_ISSUES), strict=True):
        path.write_text(text, encoding="utf-8")
    return paths


TWO_DECADES = (Period(2000, 2009), Period(2010, 2019))


@pytest.fixture(scope="module")
def full() -> Iterator[Store]:
    if not DATA.is_dir():
        pytest.skip("../shared/data is not here")
    with open_store("sqlite://", require_schema=False) as store:
        with store.transaction():
            init_store(store)
            store.info = import_unga_votes(  # type: ignore[attr-defined]
                store, VOTES, ROLL_CALLS, ISSUES, by="test", parties=("ISR", "USA")
            )
        yield store


@needs_shared
def test_row_counts_of_the_real_files(full: Store) -> None:
    report = full.info  # type: ignore[attr-defined]
    assert (report.roll_calls, report.issues) == (6202, 5745)
    assert report.votes == count_votes(full) == 869_937 - 2
    assert report.skipped == {"Zanzibar (no ISO code)": 2}
    assert report.former_codes["Federal Republic of Germany (no code) -> DEU"] == 2151
    assert report.former_codes["Yemen Arab Republic (no code) -> YEM"] == 3291
    assert report.former_codes["CS -> CSK"] == 3752
    yugoslavia = {k: n for k, n in report.former_codes.items() if k.startswith("YU")}
    assert sum(yugoslavia.values()) == 5474
    assert report.without_actor == ["CSK", "YUG"]  # voted in the 1990s, no actor today


@needs_shared
def test_spot_values_read_from_the_csv(full: Store) -> None:
    assert votes_on(full, 3)["USA"] == "yes" and votes_on(full, 3)["CAN"] == "no"
    last = votes_on(full, 9101)  # A/RES/74/12, 2019-12-03, coded me
    assert (last["ISR"], last["USA"], last["PAK"], last["IDN"], last["AZE"]) == (
        "no",
        "no",
        "yes",
        "yes",
        "yes",
    )
    assert last["SRB"] == "abstain" and "YUG" not in last  # YU after 2000-11-01 is Serbia
    assert votes_on(full, 1415)["DEU"] == "yes" and votes_on(full, 1415)["YEM"] == "yes"
    roll_call = get_roll_call(full, 9101)
    assert roll_call is not None
    assert (roll_call.date, roll_call.resolution, roll_call.issues) == (
        "2019-12-03",
        "A/RES/74/12",
        ("me",),
    )
    coded = votes_of(full, "PAK", issue="me")
    assert len(coded) == 1052  # counted in the CSV: PK's votes on the rcids coded me
    assert (coded[-1].rcid, coded[-1].date, coded[-1].vote) == (9139, "2019-12-19", "yes")
    assert all(v.date and v.date >= "2010" for v in votes_of(full, "PAK", "me", since="2010"))


@needs_shared
def test_figures_and_coverage_on_the_real_files(full: Store) -> None:
    claims = list_claims(full, ClaimFilter(actor_id="PAK", predicate="votes_with"))
    with_israel = {c.time.text: c for c in claims if c.object_id == "ISR" and c.time}
    assert set(with_israel) == {"1990/1999", "2000/2009", "2010/2019"}
    recent = with_israel["2010/2019"]
    assert recent.polarity is Polarity.DENIES and recent.status is Status.ACCEPTED
    assert recent.reviewed_by == "import unga-votes" and int(recent.credibility) == 2
    assert recent.value and recent.value.startswith("agreement 0.")
    assert "coded Palestinian conflict, 2010-2019" in recent.value
    rcids = parse_rcids((recent.note or "").split(": ", 1)[1])
    assert 9101 in rcids and len(rcids) == int(recent.value.split(" on ")[1].split()[0])
    (record,) = voting_record(full, "PAK", ["ISR"], periods=[Period(2010, 2019)]).agreements
    assert record.rcids == rcids
    covered = {(c.actor_id, c.object_id) for c in list_coverage(full, ["PAK", "CHE", "SSD"])}
    assert {("PAK", "ISR"), ("PAK", "USA"), ("CHE", "ISR"), ("SSD", "ISR")} <= covered


@needs_shared
def test_the_same_real_files_again_change_nothing(full: Store) -> None:
    counts = {t: len(rows) for t, rows in snapshot(full).items()}
    with full.transaction():
        again = import_unga_votes(full, VOTES, ROLL_CALLS, ISSUES, by="test", parties=("ISR",))
    assert not again.new_edition and again.claims_added == again.coverage_added == 0
    assert {t: len(rows) for t, rows in snapshot(full).items()} == counts


def test_agreement_computed_by_hand(store: Store, tmp_path: Path) -> None:
    with store.transaction():
        report = import_unga_votes(
            store, *write_tiny(tmp_path), by="test", parties=("ISR",), periods=TWO_DECADES
        )
    assert (report.votes, report.skipped) == (14, {"Zanzibar (no ISO code)": 1})
    claims = {
        (c.subject_id, c.time.text if c.time else ""): c
        for c in list_claims(store, ClaimFilter(predicate="votes_with"))
    }
    assert set(claims) == {("PAK", "2000/2009"), ("PAK", "2010/2019"), ("USA", "2000/2009")}
    first = claims[("PAK", "2000/2009")]
    assert first.value == "agreement 0.50 on 3 roll calls coded Palestinian conflict, 2000-2009"
    assert first.polarity is Polarity.AFFIRMS and first.paraphrase
    assert first.note == "rests on roll calls (rcid): 1-3"
    assert (
        "Pakistan and Israel voted alike on 1, opposite on 1, and one of the two abstained on 1:"
        in first.quote
    )
    assert claims[("PAK", "2010/2019")].value == (
        "agreement 1.00 on 1 roll calls coded Palestinian conflict, 2010-2019"
    )
    assert claims[("USA", "2000/2009")].value.startswith("agreement 0.50 on 2 ")  # type: ignore[union-attr]
    coverage = list_coverage(store)
    assert {(c.actor_id, c.object_id) for c in coverage} == {("PAK", "ISR"), ("USA", "ISR")}
    assert {c.as_of for c in coverage} == {"2012-12-03"}  # DEU voted only on an hr roll call
    with store.transaction():
        kosovo = import_unga_votes(
            store, *write_tiny(tmp_path), by="test", parties=("XKX",), periods=TWO_DECADES
        )
    assert kosovo.figures == kosovo.coverage_added == 0  # a party with no votes asks nothing


def test_the_index_and_rcid_ranges() -> None:
    pairs = [(1, "Y", "N"), (2, "A", "N"), (3, "N", "N"), (4, "A", "A"), (5, "Y", "A")]
    agreement = make_agreement("PAK", "ISR", "me", "Palestinian conflict", TWO_DECADES[0], pairs)
    assert agreement is not None
    assert (agreement.same, agreement.half, agreement.opposite) == (2, 2, 1)
    assert agreement.index == pytest.approx(3 / 5)
    assert make_agreement("PAK", "ISR", "me", "x", TWO_DECADES[0], []) is None
    assert format_rcids([9, 3, 4, 5, 12, 11]) == "3-5, 9, 11-12"
    assert parse_rcids("3-5, 9, 11-12") == (3, 4, 5, 9, 11, 12)


def test_periods_are_a_parameter(store: Store, tmp_path: Path) -> None:
    with store.transaction():
        import_unga_votes(
            store,
            *write_tiny(tmp_path),
            by="test",
            periods=(Period(2001, 2002), Period(2003, 2003)),
        )
    values = sorted(c.value or "" for c in list_claims(store, ClaimFilter(actor_id="PAK")))
    assert values == [
        "agreement 0.25 on 2 roll calls coded Palestinian conflict, 2001-2002",
        "agreement 1.00 on 1 roll calls coded Palestinian conflict, 2003-2003",
    ]


def test_a_new_edition_replaces_the_votes_and_rejects_the_old_figures(
    store: Store, tmp_path: Path
) -> None:
    with store.transaction():
        import_unga_votes(store, *write_tiny(tmp_path), by="test", periods=TWO_DECADES)
    changed = TINY_VOTES.replace("1,Pakistan,PK,yes", "1,Pakistan,PK,no")
    (tmp_path / "v2").mkdir()
    with store.transaction():
        report = import_unga_votes(
            store, *write_tiny(tmp_path / "v2", changed), by="test", periods=TWO_DECADES
        )
    assert report.new_edition and report.superseded == 3 and count_votes(store) == 14
    assert votes_on(store, 1)["PAK"] == "no"
    current = list_claims(store, ClaimFilter(predicate="votes_with", status=Status.ACCEPTED))
    assert {c.source_id for c in current} == {report.sources["votes"]}
    first = next(c for c in current if c.subject_id == "PAK" and c.time and c.time.start < "2010")
    assert first.value == "agreement 0.83 on 3 roll calls coded Palestinian conflict, 2000-2009"


def test_the_bundled_subset_gives_every_voting_candidate_figures(store: Store) -> None:
    with store.transaction():
        report = import_bundled_votes(store, by="test", parties=("ISR", "USA"))
    assert report.roll_calls == 354 and report.votes == 4492
    candidates = ["IDN", "PAK", "AZE", "MAR", "KAZ", "ALB", "EGY", "JOR", "TUR", "SAU", "ARE"]
    for candidate in candidates:
        figures = list_claims(store, ClaimFilter(actor_id=candidate, predicate="votes_with"))
        assert len([c for c in figures if c.subject_id == candidate]) == 4, candidate
    covered = {c.actor_id for c in list_coverage(store)}
    assert covered == set(candidates) | {"ISR", "USA"}  # nobody the subset says nothing of
    blocks = voting_blocks(store, ["PAK", "XKX"], ("ISR", "USA"), periods=TWO_DECADES)
    assert blocks["PAK"][0]["svg"].startswith("<svg") and len(blocks["PAK"][0]["lines"]) == 5
    assert blocks["XKX"][0]["svg"] == "" and "no roll calls" in blocks["XKX"][0]["lines"][0]
