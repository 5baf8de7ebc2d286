"""The issue's must-show: the seed article ingested into a store that holds only the
countries and the UN Security Council's consolidated list yields every claim the
scenario lists for it (tests/fixtures/articles/expected.yaml).

Nothing of the scenario is loaded, so the article's people, bodies and parties are
proposed actors, found again here by the names the recognizer gives them; the armed
groups come from the UN list, under its spelling. Both files live beside the
repository in ``shared/``: when either is missing the test fails and says which, as
a silent skip would hide the must-show.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from forcevet.ingest.articles.reading import read_document
from forcevet.ingest.articles.service import IngestOptions, IngestReport, ingest_documents
from forcevet.ingest.lists.un_sc import import_un_sc
from forcevet.model.actors import Actor, ActorStatus
from forcevet.model.claims import Claim
from forcevet.store.actors import load_actors
from forcevet.store.setup import init_store
from forcevet.store.store import Store, open_store
from tests.conftest import SHARED

SEED = SHARED / "seeds" / "isf-pakistan-opinion.txt"
UN_LIST = SHARED / "data" / "un-sc" / "consolidated-2020-03-20.xml"
EXPECTED = Path(__file__).resolve().parents[2] / "fixtures" / "articles" / "expected.yaml"

# The scenario's keys and the names the actors carry in a store without the scenario:
# proposed actors under the recognizer's name, listed ones under the UN list's.
PROPOSED_NAMES = {
    "hamas": "Hamas",
    "pak-isi": "Inter-Services Intelligence",
    "pak-senate": "Senate of Pakistan",
    "naji-zaheer": "Naji Zaheer",
    "khaled-qaddoumi": "Khaled Qaddoumi",
    "mushahid-hussain": "Mushahid Hussain",
    "pml-n": "Pakistan Muslim League (Nawaz)",
}
LISTED_NAMES = {"lashkar-e-taiba": "LASHKAR-E-TAYYIBA", "jaish-e-mohammed": "JAISH-I-MOHAMMED"}
MILITARY_WORDS = ("army", "military", "armed forces")


def required(path: Path) -> Path:
    if not path.is_file():
        pytest.fail(
            f"the must-show needs {path.name}, expected at {path} (shared/ beside the repo)"
        )
    return path


@pytest.fixture
def fresh_store() -> Iterator[Store]:
    """Countries and the UN list, nothing else."""
    un_list = required(UN_LIST)
    with open_store("sqlite://", require_schema=False) as store:
        with store.transaction():
            init_store(store)
            import_un_sc(store, un_list, by="test")
        yield store


def ingest_seed(store: Store) -> IngestReport:
    seed = required(SEED)
    with store.transaction():
        return ingest_documents(
            store,
            [read_document(seed.name, seed.read_bytes())],
            IngestOptions(kind="opinion", date="2025", by="test"),
        )


def store_ids(actors: list[Actor]) -> dict[str | None, set[str | None]]:
    """Map each scenario key of the expected claims to the ids it has in this store."""
    by_name: dict[str, list[Actor]] = {}
    for actor in actors:
        by_name.setdefault(actor.name, []).append(actor)
    ids: dict[str | None, set[str | None]] = {None: {None}}
    for key, name in PROPOSED_NAMES.items():
        ids[key] = {a.id for a in by_name.get(name, []) if a.status is ActorStatus.PROPOSED}
    for key, name in LISTED_NAMES.items():
        ids[key] = {a.id for a in by_name.get(name, []) if a.status is ActorStatus.ACCEPTED}
    # the scenario's "Pakistani military": whatever body of Pakistan's the store proposes
    ids["pak-military"] = {
        a.id
        for a in actors
        if a.parent_id == "PAK" and any(word in a.name.lower() for word in MILITARY_WORDS)
    }
    return ids


def listed(expected: dict[str, Any], claim: Claim, ids: dict[str | None, set[str | None]]) -> bool:
    def among(keys: list[str | None], actor_id: str | None) -> bool:
        return any(actor_id in ids.get(key, {key}) for key in keys)

    return (
        among(expected["subject"], claim.subject_id)
        and claim.predicate == expected["predicate"]
        and among(expected["object"], claim.object_id)
        and claim.polarity.value == expected.get("polarity", "affirms")
        and (claim.time.text if claim.time else None) == expected["date"]
    )


def test_the_seed_yields_every_listed_claim_on_a_store_of_countries_and_the_un_list(
    fresh_store: Store,
) -> None:
    report = ingest_seed(fresh_store)
    actors = load_actors(fresh_store, unreviewed=True)
    ids = store_ids(actors)
    assert ids["lashkar-e-taiba"] and ids["jaish-e-mohammed"], "the UN list was not imported"
    expected = yaml.safe_load(EXPECTED.read_text(encoding="utf-8"))[SEED.name]["claims"]
    missing = [
        wanted
        for wanted in expected
        if not any(listed(wanted, claim, ids) for claim in report.claims)
    ]
    names = {actor.id: actor.name for actor in actors}
    got = sorted(
        f"{names.get(c.subject_id, c.subject_id)} {c.predicate} "
        f"{names.get(c.object_id or '', c.object_id)} ({c.time.text if c.time else None})"
        for c in report.claims
    )
    assert not missing, f"not proposed: {missing}\nproposed: {got}"


def test_the_seeds_new_names_are_proposed_for_review_not_accepted(fresh_store: Store) -> None:
    ingest_seed(fresh_store)
    ids = store_ids(load_actors(fresh_store, unreviewed=True))
    for key in PROPOSED_NAMES:
        assert len(ids[key]) == 1, f"{PROPOSED_NAMES[key]!r} proposed {len(ids[key])} times"
    accepted = {actor.id for actor in load_actors(fresh_store)}
    assert not accepted & set().union(*(ids[key] for key in PROPOSED_NAMES))
