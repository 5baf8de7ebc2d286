"""FtM Sanction entities as designations: names with their quality, history on re-import."""

from __future__ import annotations

import json
from pathlib import Path

from forcevet.ingest.lists.ftm import import_ftm
from forcevet.model.designations import NameQuality
from forcevet.store.actors import get_actor
from forcevet.store.designations import designation_history_of, list_designations
from forcevet.store.store import Store


def write(tmp_path: Path, *entities: dict[str, object]) -> Path:
    path = tmp_path / "list.ftm.json"
    path.write_text("\n".join(json.dumps(e) for e in entities) + "\n", encoding="utf-8")
    return path


PERSON = {
    "id": "os-person",
    "schema": "Person",
    "properties": {
        "name": ["Example Person One"],
        "alias": ["Example Person"],
        "weakAlias": ["Abu Example"],
        "previousName": ["Example Old Name"],
        "nationality": ["pk"],
        "birthDate": ["1970"],
    },
}
SANCTION = {
    "id": "os-sanction",
    "schema": "Sanction",
    "properties": {
        "entity": ["os-person"],
        "authority": ["UN Security Council"],
        "unscId": ["QDi.901"],
        "program": ["Al-Qaida"],
        "listingDate": ["2010-01-01"],
    },
}


def test_sanctions_keep_the_listed_names_and_report_changes(store: Store, tmp_path: Path) -> None:
    with store.transaction():
        first = import_ftm(store, write(tmp_path, PERSON, SANCTION), by="test")
    assert (first.designations, first.listings_added) == (1, 1)
    (listing,) = list_designations(store, ["os-person"])
    qualities = {n.name: n.quality for n in listing.names}
    assert qualities == {
        "Example Person One": NameQuality.GOOD,
        "Example Person": NameQuality.GOOD,
        "Example Old Name": NameQuality.FORMER,
        "Abu Example": NameQuality.LOW,
    }
    assert listing.nationalities == ("PAK",) and listing.birth_dates == ("1970",)
    assert (listing.reference, listing.program) == ("QDi.901", "Al-Qaida")
    actor = get_actor(store, "os-person")
    assert actor is not None and ("un-sc", "QDi.901") in [
        (i.scheme, i.value) for i in actor.identifiers
    ]
    ended = dict(SANCTION, properties={**SANCTION["properties"], "endDate": ["2020-02-02"]})  # type: ignore[dict-item]
    with store.transaction():
        again = import_ftm(store, write(tmp_path, PERSON, SANCTION), by="test")
        assert (again.listings_added, again.listings_changed) == (0, 0)
        last = import_ftm(store, write(tmp_path, PERSON, ended), by="test")
    assert last.listings_delisted == 1
    events = designation_history_of(store, listing.id)
    assert [e.event for e in events] == ["added", "delisted"]
    assert events[1].changes["delisted_on"] == [None, "2020-02-02"]
