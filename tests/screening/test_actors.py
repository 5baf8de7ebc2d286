"""screen --actors: the evidence base's actors against the listings, links proposed for review."""

from __future__ import annotations

from pathlib import Path

import pytest

from forcevet.cases.folder import read_case_folder
from forcevet.ingest.lists.designations_csv import import_designations_csv
from forcevet.ingest.lists.un_sc import import_un_sc
from forcevet.ingest.scenario import load_scenario
from forcevet.model.claims import Status
from forcevet.screening.actors import screen_actors
from forcevet.screening.status import listing_status
from forcevet.store.claims import ClaimFilter, edit_claim, list_claims
from forcevet.store.store import Store
from tests.conftest import SHARED, snapshot

FIXTURES = Path(__file__).parents[1] / "fixtures"


def test_actors_are_linked_to_their_listings_for_review(store: Store) -> None:
    with store.transaction():
        load_scenario(store, read_case_folder("gaza-isf").scenario, by="test")
        import_un_sc(store, FIXTURES / "un-sc-small.xml", by="test")
        import_designations_csv(store, FIXTURES / "hamas-listings.csv", by="test")
        report = screen_actors(store, by="test")
    linked = {(p.actor_id, p.authority, p.reference) for p in report.proposals}
    assert ("hamas", "United States Department of State", None) in linked
    assert ("hamas", "Public Safety Canada", None) in linked
    # the scenario already records the UN's listing of both groups
    assert not any(p.authority == "UN Security Council" for p in report.proposals)
    assert report.already_linked >= 2
    claims = list_claims(store, ClaimFilter(predicate="designates", status=Status.PROPOSED))
    us = next(c for c in claims if c.subject_id == "USA")
    assert us.object_id == "hamas" and us.paraphrase and us.credibility.value == 2
    assert us.extracted_by.startswith("screening:des-")
    before = snapshot(store)
    with store.transaction():
        again = screen_actors(store, by="test")
    assert again.proposals == [] and snapshot(store) == before


def test_listing_status_for_reports(store: Store) -> None:
    with store.transaction():
        load_scenario(store, read_case_folder("gaza-isf").scenario, by="test")
        import_designations_csv(store, FIXTURES / "hamas-listings.csv", by="test")
        report = screen_actors(store, by="test")
        us = next(p for p in report.proposals if p.authority.startswith("United States"))
        assert us.claim_id is not None
        edit_claim(store, us.claim_id, by="reviewer", status="accepted")
    hamas, let = listing_status(store, ["hamas", "lashkar-e-taiba"])
    lines = hamas.lines()
    assert (
        "United States Department of State: listed (1997-10-08, Foreign Terrorist Organizations)"
        in lines
    )
    assert any("Public Safety Canada" in x and "awaiting review" in x for x in lines)
    # the scenario records two UN listings by hand: the UN's list was not imported
    assert "UN Security Council: list not imported" in lines
    assert let.lines()[0] == "UN Security Council: listed (QDe.118, 2005-05-02)"
    assert "United States Department of State: list not imported" in let.lines()
    assert not let.not_listed_by and not any("not listed" in x for x in lines + let.lines())


def test_what_the_demo_does(store: Store, tmp_path: Path) -> None:
    from forcevet.ingest.lists.bundled import import_designation_lists

    with store.transaction():
        load_scenario(store, read_case_folder("gaza-isf").scenario, by="demo")
        reports = import_designation_lists(store, by="demo", un_list=tmp_path / "absent.xml")
        screen_actors(store, by="demo")
    assert [r.added for r in reports] == [4, 4, 7]  # UN excerpt, state listings, SDN subset
    assert reports[2].linked == {
        "4695": "hamas",
        "6935": "jaish-e-mohammed",
        "7140": "lashkar-e-taiba",
    }
    status = {s.actor_id: s for s in listing_status(store, ["hamas", "jaish-e-mohammed"])}
    hamas = status["hamas"].lines()
    assert "UN Security Council: list not imported" in hamas  # an excerpt, not the list
    assert "United Kingdom Home Office: listed (2021-11-26, " in hamas[2]
    treasury = "United States Department of the Treasury (OFAC SDN list)"
    assert f"{treasury}: listed (4695, on the list of 2024-05-03, FTO; SDGT)" in hamas
    jem = status["jaish-e-mohammed"].lines()
    assert jem[0] == "UN Security Council: listed (QDe.019, 2001-10-17)"
    assert "United Kingdom Home Office: list not imported" in jem  # not "not listed"
    with store.transaction():
        again = import_designation_lists(store, by="demo", un_list=None)
    assert [(r.added, r.changed, r.delisted) for r in again] == [(0, 0, 0)] * 3


def test_an_actors_own_acronym_does_not_link_it_to_other_names_with_its_initials(
    store: Store,
) -> None:
    from forcevet.model.actors import Actor, ActorKind
    from forcevet.screening.actors import own_acronyms, query_of

    force = Actor(
        id="isf",
        name="International Stabilization Force",
        kind=ActorKind.IGO,
        aliases=("ISF", "Gaza ISF force"),
    )
    assert own_acronyms(force) == {"ISF"}
    assert "ISF" not in query_of(force).aliases and "Gaza ISF force" in query_of(force).aliases
    un_list = SHARED / "data" / "un-sc" / "consolidated-2015-03-30.xml"
    if not un_list.exists():
        pytest.skip("the real UN list lives in ../shared/data")
    with store.transaction():
        load_scenario(store, read_case_folder("gaza-isf").scenario, by="test")
        import_un_sc(store, un_list, by="test")
        report = screen_actors(store, by="test")
    linked = {p.actor_id for p in report.proposals}
    # Al-Qaida's alias "Islamic Salvation Foundation" and the "Islamic State of Iraq" share
    # initials with the force and with Pakistan's ISI; nothing else links them.
    assert "isf" not in linked and "pak-isi" not in linked
