"""The ingest service: what it stores for each document, and that nothing is dropped.

Most tests replace the extractor (and add to the recognizer's proposals) so that
they fix what the service receives and check only what it does with it: actors
under review stored beside their claims, hearsay kept, --accept-above held back
for unknown names, one transaction. The last test runs the real recognizer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import pytest

from forcevet.errors import InputError
from forcevet.ingest.articles import service
from forcevet.ingest.articles.actors import Mention, Recognizer
from forcevet.ingest.articles.extract import ProposedClaim
from forcevet.ingest.articles.reading import read_document
from forcevet.ingest.articles.service import IngestOptions, ingest_documents
from forcevet.model.actors import Actor, ActorKind, ActorStatus
from forcevet.model.claims import Status
from forcevet.store.actors import get_actor, load_actors
from forcevet.store.claims import ClaimFilter, list_claims
from forcevet.store.store import Store
from tests.conftest import snapshot

TEXT = (
    "Deputy Prime Minister Ishaq Dar said Indonesia had informal reservations about "
    "disarming Hamas. Dar added that Indonesia would send troops.\n"
)
DAR = "new-ishaq-dar"


@dataclass(frozen=True)
class Named:
    """A proposed actor as the recognizer gives one: with an id, and its actor."""

    name: str
    kind: ActorKind
    parent_id: str | None
    context: str
    id: str

    def as_actor(self) -> Actor:
        return Actor(id=self.id, kind=self.kind, name=self.name, parent_id=self.parent_id)


@dataclass(frozen=True)
class Proposal(ProposedClaim):
    """A proposed claim with the hearsay mark and note (as roles.py will define them)."""

    reported: bool = False
    note: str | None = None


def proposal(quote: str, **fields: Any) -> Proposal:
    start = TEXT.index(quote)
    values: dict[str, Any] = {
        "subject_id": "IDN",
        "predicate": "offers_units",
        "object_id": None,
        "value": "troops",
        "time": None,
        "polarity": "affirms",
        "quote": quote,
        "quote_start": start,
        "quote_end": start + len(quote),
        "credibility": 3,
        "confidence": 0.9,
        "method": "test",
        "reported_by_id": None,
    }
    return Proposal(**(values | fields))


HEARSAY = proposal(
    "Indonesia had informal reservations about disarming Hamas",
    predicate="states_reservation_on_mandate",
    value="disarmament",
    reported_by_id=DAR,
    reported=True,
    credibility=4,
    confidence=0.72,
    note="modality: informal",
)
FIRST_HAND = proposal("Indonesia would send troops")


@pytest.fixture
def extraction(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """Make the recognizer propose Ishaq Dar (named twice) and the extractor return
    ``extraction["proposals"]``; record what the extractor was called with."""
    seen: dict[str, Any] = {"proposals": [HEARSAY, FIRST_HAND], "calls": []}

    class WithDar(Recognizer):
        def mentions(self, doc: Any, text: str) -> tuple[list[Mention], list[Any]]:
            found, proposed = super().mentions(doc, text)
            if "Ishaq Dar" not in text:
                return found, proposed
            full = text.index("Ishaq Dar")
            short = text.index("Dar added")
            found += [
                Mention(full, full + 9, DAR, "Ishaq Dar", "name"),
                Mention(short, short + 3, DAR, "Dar", "name"),
            ]
            named = Named("Ishaq Dar", ActorKind.PERSON, "PAK", text[:80], DAR)
            return found, [*proposed, named]

    def propose(*args: Any, **kwargs: Any) -> list[Any]:
        seen["calls"].append((args, kwargs))
        result = seen["proposals"]
        if isinstance(result, Exception):
            raise result
        return list(result)

    monkeypatch.setattr(service, "Recognizer", WithDar)
    monkeypatch.setattr(service, "propose_claims", propose)
    seen["propose"] = propose
    yield seen


def ingest(store: Store, text: str = TEXT, **options: Any) -> service.IngestReport:
    with store.transaction():
        return ingest_documents(
            store,
            [read_document(options.pop("label", "dar.txt"), text.encode())],
            IngestOptions(kind="wire", date="2026-01-15", by="test", **options),
        )


def test_a_claim_naming_an_unknown_person_is_stored_with_the_person_proposed(
    store: Store, extraction: dict[str, Any]
) -> None:
    report = ingest(store)
    dar = get_actor(store, DAR)
    assert dar == Actor(
        id=DAR,
        kind=ActorKind.PERSON,
        name="Ishaq Dar",
        aliases=("Dar",),  # the form in the text
        parent_id="PAK",
        status=ActorStatus.PROPOSED,
    )
    assert DAR not in {a.id for a in load_actors(store)}  # not a candidate, not screened
    pending = report.pending_actors[DAR]
    assert (pending.actor, pending.claims, pending.new) == (dar, 1, True)
    # the extractor saw the proposed person among the document's actors
    args, _ = extraction["calls"][0]
    assert args[3][DAR].name == "Ishaq Dar"


@pytest.mark.usefixtures("extraction")
def test_hearsay_keeps_its_mark_speaker_and_note_in_the_store(store: Store) -> None:
    ingest(store)
    stored = {c.predicate: c for c in list_claims(store)}
    hearsay = stored["states_reservation_on_mandate"]
    assert (hearsay.reported, hearsay.reported_by_id, hearsay.note) == (
        True,
        DAR,
        "modality: informal",
    )
    first_hand = stored["offers_units"]
    assert (first_hand.reported, first_hand.reported_by_id, first_hand.note) == (False, None, None)


@pytest.mark.usefixtures("extraction")
def test_accept_above_holds_back_claims_naming_an_actor_under_review(store: Store) -> None:
    report = ingest(store, accept_above=0.1)
    status = {c.predicate: c.status for c in report.claims}
    assert status == {
        "states_reservation_on_mandate": Status.PROPOSED,  # names Ishaq Dar
        "offers_units": Status.ACCEPTED,
    }


@pytest.mark.usefixtures("extraction")
def test_a_later_ingest_names_the_proposed_actor_without_storing_it_again(store: Store) -> None:
    ingest(store)
    before = snapshot(store)["actor_aliases"]
    again = ingest(store, TEXT + "\nA second paragraph.\n", label="again.txt", accept_above=0.1)
    assert snapshot(store)["actor_aliases"] == before
    assert (again.pending_actors[DAR].new, again.pending_actors[DAR].claims) == (False, 1)
    assert [c.status for c in again.claims if c.reported_by_id == DAR] == [Status.PROPOSED]


def test_a_proposal_naming_no_actor_is_reported_not_dropped(
    store: Store, extraction: dict[str, Any]
) -> None:
    ghost = proposal("Indonesia would send troops", object_id="new-nobody")
    extraction["proposals"] = [ghost, FIRST_HAND]
    report = ingest(store)
    assert [c.predicate for c in report.claims] == ["offers_units"]
    assert report.skipped == [
        {
            "label": "dar.txt",
            "quote": "Indonesia would send troops",
            "why": "names new-nobody, which is no actor",
        }
    ]


def test_a_failed_ingest_leaves_the_store_as_it_was(
    store: Store, extraction: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "BATCH_SOURCES", 1)  # the first document is written first
    before = snapshot(store)
    calls = {"n": 0}
    original: Callable[..., list[Any]] = extraction["propose"]

    def fail_second(*args: Any, **kwargs: Any) -> list[Any]:
        calls["n"] += 1
        if calls["n"] == 2:
            raise InputError("the second document is unreadable")
        return original(*args, **kwargs)

    monkeypatch.setattr(service, "propose_claims", fail_second)
    documents = [
        read_document("one.txt", TEXT.encode()),
        read_document("two.txt", (TEXT + "Another.\n").encode()),
    ]
    with pytest.raises(InputError, match="unreadable"), store.transaction():
        ingest_documents(store, documents, IngestOptions(kind="wire", by="test"))
    assert calls["n"] == 2
    assert snapshot(store) == before


def test_fast_asks_for_no_parse_of_whoever_takes_the_option(
    store: Store, extraction: dict[str, Any]
) -> None:
    ingest(store, fast=True)
    _, kwargs = extraction["calls"][0]
    assert kwargs.get("parse", False) is False  # passed once the extractor takes it

    def takes(*, parse: bool = True) -> None: ...

    def ignores() -> None: ...

    assert service._accepted(takes, {"parse": False}) == {"parse": False}
    assert service._accepted(ignores, {"parse": False}) == {}


def test_an_unknown_organisation_named_in_text_is_stored_with_its_claims(
    store: Store,
) -> None:
    from forcevet.ingest.articles.actors import ProposedActor

    if not hasattr(ProposedActor, "as_actor"):
        pytest.skip("the recognizer gives proposed actors no id yet")
    text = (
        "The Kashmir Solidarity Council endorsed Hamas and said Pakistan would send troops "
        "to the force.\n"
    )
    report = ingest(store, text)
    pending = {p.actor.name: p for p in report.pending_actors.values()}
    assert "Kashmir Solidarity Council" in pending
    council = pending["Kashmir Solidarity Council"]
    assert council.claims >= 1
    assert get_actor(store, council.actor.id).status is ActorStatus.PROPOSED  # type: ignore[union-attr]
    named = list_claims(store, ClaimFilter(actor_id=council.actor.id))
    assert named and all(c.status is Status.PROPOSED for c in named)


def test_make_claim_copies_the_hearsay_mark_and_note() -> None:
    claim = service.make_claim("src-1", HEARSAY, by="t", at="2026-01-01", accepted=False)
    assert (claim.reported, claim.note, claim.reported_by_id) == (True, "modality: informal", DAR)
    plain = service.make_claim("src-1", replace(FIRST_HAND), by="t", at="2026-01-01", accepted=True)
    assert (plain.reported, plain.note, plain.status) == (False, None, Status.ACCEPTED)


@pytest.mark.usefixtures("extraction")
def test_the_ingest_command_lists_new_actors_with_their_claims(cli: Any, tmp_path: Any) -> None:
    import json

    article = tmp_path / "dar.txt"
    article.write_text(TEXT, encoding="utf-8")
    result = cli("ingest", str(article), "--date", "2026-01-15", "--fast", "--accept-above", "0.5")
    assert result.exit_code == 0, result.output
    assert (
        "new actor (proposed)  Ishaq Dar (person, of PAK): 1 claims; forcevet review actors"
        in result.output
    )
    assert "1 accepted, 1 proposed" in result.output
    again = tmp_path / "again.txt"
    again.write_text(TEXT + "\nMore.\n", encoding="utf-8")
    record = json.loads(cli("ingest", str(again), "--json").output)
    (actor,) = record["proposed_actors"]
    assert (actor["id"], actor["new"], actor["claims"], actor["status"]) == (
        DAR,
        False,
        1,
        "proposed",
    )
    hearsay = next(c for c in record["claims"] if c["reported"])
    assert hearsay["reported_by"]["id"] == DAR
    assert "--fast" in cli("ingest", "--help").output
