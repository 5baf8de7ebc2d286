from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from forcevet.cases.folder import read_case_folder
from forcevet.errors import InputError, InputErrors
from forcevet.ingest.scenario import load_scenario, read_scenario
from forcevet.model.claims import Status
from forcevet.store.claims import ClaimFilter, list_claims
from forcevet.store.sources import list_sources
from forcevet.store.store import Store
from tests.conftest import snapshot

SCENARIO_CANDIDATES = [
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
]


def test_the_bundled_scenario_names_every_candidate_of_the_reference_table() -> None:
    assert read_case_folder("gaza-isf").scenario.candidates == SCENARIO_CANDIDATES


def test_every_candidate_has_sourced_claims_marked_as_paraphrases(store: Store) -> None:
    with store.transaction():
        report = load_scenario(store, read_case_folder("gaza-isf").scenario, by="test")
    assert report.claims == len(list_claims(store))
    for candidate in SCENARIO_CANDIDATES:
        claims = list_claims(store, ClaimFilter(actor_id=candidate))
        assert claims, candidate
        assert all(c.paraphrase and c.status is Status.ACCEPTED for c in claims)
    assert all(s.url and s.url.startswith("https://") for s in list_sources(store))


def test_the_same_reservation_is_recorded_for_indonesia_and_pakistan(store: Store) -> None:
    with store.transaction():
        load_scenario(store, read_case_folder("gaza-isf").scenario, by="test")
    reservations = list_claims(store, ClaimFilter(predicate="states_reservation_on_mandate"))
    subjects = {c.subject_id for c in reservations if "disarm" in (c.value or "")}
    assert {"IDN", "PAK"} <= subjects


def test_the_opinion_piece_is_graded_as_opinion(store: Store) -> None:
    with store.transaction():
        load_scenario(store, read_case_folder("gaza-isf").scenario, by="test")
    opinion = [s for s in list_sources(store) if s.kind.value == "opinion"]
    assert opinion and all(s.reliability.value in "DEF" for s in opinion)


def test_loading_twice_adds_nothing(store: Store) -> None:
    with store.transaction():
        load_scenario(store, read_case_folder("gaza-isf").scenario, by="test")
    before = snapshot(store)
    with store.transaction():
        load_scenario(store, read_case_folder("gaza-isf").scenario, by="test")
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (lambda d: d["claims"][3].update(credibility=7), "claims.3.credibility", "1-6"),
        (lambda d: d["claims"][0].update(date="2024-13"), "claims.0.date", "calendar"),
        (lambda d: d["actors"][0].update(country="ZZZ"), "actors.0.country", "alpha-3"),
        (lambda d: d["sources"][1].update(reliability="G"), "sources.1.reliability", "A-F"),
        (
            lambda d: d["claims"][2].update(colour="red"),
            "claims.2.colour",
            "unknown field; check its spelling",
        ),
        (lambda d: d["candidates"].append("ZZZ"), "candidates.12", "alpha-3"),
    ],
)
def test_a_bad_scenario_names_the_record_and_field_and_stores_nothing(
    store: Store, tmp_path: Path, change, field: str, message: str
) -> None:
    document = yaml.safe_load(read_case_folder("gaza-isf").scenario.model_dump_json())
    change(document)
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    before = snapshot(store)
    with pytest.raises(InputError, match=message) as caught, store.transaction():
        load_scenario(store, read_scenario(path), by="test")
    first = caught.value.errors[0] if isinstance(caught.value, InputErrors) else caught.value
    assert first.field == field
    assert snapshot(store) == before
