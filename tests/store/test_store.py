from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from forcevet.errors import InputError, NotFoundError, StoreError
from forcevet.model.actors import Actor, ActorKind
from forcevet.model.claims import ClaimCreate, Status
from forcevet.model.countries import load_countries
from forcevet.store.actors import resolve_actor, save_actors
from forcevet.store.claims import (
    ClaimFilter,
    claim_history,
    edit_claim,
    get_claim,
    list_claims,
    record_claim,
)
from forcevet.store.setup import init_store
from forcevet.store.store import Store, open_store
from tests.conftest import snapshot, source


def claim(store: Store, source_id: str, **fields: object) -> object:
    values: dict[str, object] = {
        "source": source_id,
        "subject": "PAK",
        "predicate": "recognizes",
        "object": "ISR",
        "polarity": "denies",
        "quote": "It does not recognise Israel.",
        "credibility": 2,
    }
    values.update(fields)
    return record_claim(store, ClaimCreate(**values), by="tester")  # type: ignore[arg-type]


def test_init_loads_every_country_once_and_can_be_repeated(store: Store) -> None:
    before = snapshot(store)
    assert len(before["actors"]) == len(load_countries()) >= 249
    with store.transaction():
        init_store(store)
    assert snapshot(store) == before


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("PAK", "PAK"),
        ("pk", "PAK"),
        ("Pakistan", "PAK"),
        ("islamic republic of pakistan", "PAK"),
        ("Turkey", "TUR"),
        ("Türkiye", "TUR"),
        ("Kosovo", "XKX"),
        ("UAE", "ARE"),
    ],
)
def test_actors_resolve_by_id_code_or_name(store: Store, reference: str, expected: str) -> None:
    assert resolve_actor(store, reference).id == expected


def test_an_unknown_actor_says_how_to_name_one(store: Store) -> None:
    with pytest.raises(NotFoundError, match="ISO 3166 alpha-3 code such as PAK"):
        resolve_actor(store, "ZZZ")


def test_an_ambiguous_name_asks_for_an_id(store: Store) -> None:
    with store.transaction():
        save_actors(
            store,
            [
                Actor("isi-a", ActorKind.STATE_BODY, "ISI"),
                Actor("isi-b", ActorKind.ORGANIZATION, "ISI"),
            ],
        )
    with pytest.raises(InputError, match="several actors"):
        resolve_actor(store, "isi")


def test_a_body_and_its_official_are_stored_parents_first(store: Store) -> None:
    with store.transaction():
        save_actors(
            store,
            [
                Actor("dg", ActorKind.PERSON, "Director", parent_id="pak-isi"),
                Actor(
                    "pak-isi",
                    ActorKind.STATE_BODY,
                    "Inter-Services Intelligence",
                    aliases=("ISI",),
                    country="PAK",
                    parent_id="PAK",
                ),
            ],
        )
    assert resolve_actor(store, "isi").parent_id == "PAK"


def test_a_claim_is_stored_once_and_read_back_with_names_resolved(store: Store) -> None:
    with store.transaction():
        src = source(store)
        first = claim(store, src.id, subject="Pakistan", object="Israel", date="2025-11")
        again = claim(store, src.id, subject="PAK", object="ISR", date="2025-11")
    assert first == again
    assert get_claim(store, first.id) == first  # type: ignore[attr-defined]
    assert len(list_claims(store)) == 1


def test_edits_are_new_revisions_with_author_and_history(store: Store) -> None:
    with store.transaction():
        original = claim(store, source(store).id)
        edit_claim(store, original.id, by="alice", credibility="3", note="single source")  # type: ignore[attr-defined]
        edit_claim(store, original.id, by="bob", status="rejected")  # type: ignore[attr-defined]
    history = claim_history(store, original.id)  # type: ignore[attr-defined]
    assert [(c.revision, c.recorded_by) for c in history] == [
        (1, "tester"),
        (2, "alice"),
        (3, "bob"),
    ]
    assert history[0] == original
    assert int(history[1].credibility) == 3 and history[1].note == "single source"
    assert history[2].status is Status.REJECTED and int(history[2].credibility) == 3
    current = get_claim(store, original.id)  # type: ignore[attr-defined]
    assert current == history[2]


def test_an_edit_that_changes_nothing_is_refused(store: Store) -> None:
    with store.transaction():
        original = claim(store, source(store).id)
    with pytest.raises(InputError, match="nothing to change"):
        edit_claim(store, original.id, by="x", credibility="2")  # type: ignore[attr-defined]


def test_listing_filters_by_actor_predicate_status_and_time(store: Store) -> None:
    with store.transaction():
        src = source(store)
        claim(store, src.id, date="2024-01")
        claim(store, src.id, subject="IDN", date="2023-10/..", status="proposed")
        claim(
            store,
            src.id,
            subject="AZE",
            predicate="has_security_ties_with",
            polarity="affirms",
            date="2020",
        )

    def ids(**where: object) -> list[str]:
        return sorted(c.subject_id for c in list_claims(store, ClaimFilter(**where)))  # type: ignore[arg-type]

    assert ids(actor_id="ISR") == ["AZE", "IDN", "PAK"]
    assert ids(predicate="recognizes") == ["IDN", "PAK"]
    assert ids(status=Status.PROPOSED) == ["IDN"]
    assert ids(since="2024-02-01") == ["IDN"]
    assert ids(until="2023-12-31") == ["AZE", "IDN"]
    assert ids(since="2024-01-15", until="2024-01-20") == ["IDN", "PAK"]


def test_a_failed_transaction_leaves_the_store_as_it_was(store: Store) -> None:
    with store.transaction():
        src = source(store)
    before = snapshot(store)
    with pytest.raises(InputError), store.transaction():
        claim(store, src.id)
        claim(store, src.id, credibility=9)
    assert snapshot(store) == before


def test_quote_offsets_must_lie_in_the_source(store: Store) -> None:
    with store.transaction():
        src = source(store, text="Pakistan does not recognise Israel.")
        ok = claim(store, src.id, quote="does not recognise Israel", quote_start=9, quote_end=34)
        assert ok.quote_start == 9  # type: ignore[attr-defined]
        with pytest.raises(InputError, match="past the source"):
            claim(store, src.id, quote="x", quote_start=0, quote_end=99)


def test_an_uninitialised_store_says_to_run_init() -> None:
    with pytest.raises(StoreError, match="forcevet init"), open_store("sqlite://"):
        pass


COUNTER = itertools.count()
names = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30
).filter(lambda s: s.strip() == s and s)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    subject=st.sampled_from(["PAK", "IDN", "AZE", "MAR"]),
    predicate=st.sampled_from(["has_links_to", "endorses", "funds"]),
    value=st.none() | names,
    quote=names,
    place=st.none() | names,
    date=st.none() | st.sampled_from(["2024", "2024-01", "2024-12-08", "2023-10/..", "../2025"]),
    credibility=st.integers(1, 6),
    polarity=st.sampled_from(["affirms", "denies"]),
    paraphrase=st.booleans(),
    reported=st.booleans(),
)
def test_claims_round_trip_through_the_store(
    store: Store,
    subject: str,
    predicate: str,
    value: str | None,
    quote: str,
    place: str | None,
    date: str | None,
    credibility: int,
    polarity: str,
    paraphrase: bool,
    reported: bool,
) -> None:
    with store.transaction():  # a new source each time: examples share one store
        src = source(store, title=f"report {next(COUNTER)}")
        stored = record_claim(
            store,
            ClaimCreate(
                source=src.id,
                subject=subject,
                predicate=predicate,
                object="ISR",
                value=value,
                quote=quote,
                place=place,
                date=date,
                credibility=credibility,
                polarity=polarity,
                paraphrase=paraphrase,
                reported=reported,
                reported_by="PAK" if reported else None,
            ),
            by="h",
        )
    assert get_claim(store, stored.id) == stored
    assert (stored.value, stored.quote, stored.place) == (value, quote.strip(), place)
    assert stored.reported is reported


def test_a_reported_claim_keeps_its_mark_and_note_through_the_store(store: Store) -> None:
    from dataclasses import replace

    from forcevet.store.claims import insert_claims

    with store.transaction():
        save_actors(store, [Actor(id="dar", kind=ActorKind.PERSON, name="Ishaq Dar")])
        src = source(store, text="Dar said Indonesia had informal reservations.")
        first_hand = claim(store, src.id, subject="IDN", quote="Indonesia had reservations")
        hearsay = replace(
            first_hand,  # type: ignore[type-var]
            id="clm-hearsay",
            reported=True,
            reported_by_id="dar",
            note="modality: considering",
        )
        insert_claims(store, [hearsay])
    stored = get_claim(store, "clm-hearsay")
    assert stored == hearsay
    assert get_claim(store, first_hand.id).reported is False  # type: ignore[attr-defined,union-attr]
    with store.transaction():
        edited = edit_claim(store, "clm-hearsay", by="analyst", reported=False)
    assert (edited.reported, edited.reported_by_id) == (False, "dar")


def test_actors_under_review_are_found_by_id_only(store: Store) -> None:
    from forcevet.model.actors import ActorStatus
    from forcevet.store.actors import find_actors, get_actor, load_actors, set_actor_status

    dar = Actor(
        id="new-ishaq-dar", kind=ActorKind.PERSON, name="Ishaq Dar", status=ActorStatus.PROPOSED
    )
    with store.transaction():
        save_actors(store, [dar])
    assert get_actor(store, dar.id) == dar
    assert dar.id not in {a.id for a in load_actors(store)}
    assert dar.id in {a.id for a in load_actors(store, unreviewed=True)}
    assert find_actors(store, name="Ishaq") == []
    assert find_actors(store, name="Ishaq", status=ActorStatus.PROPOSED) == [dar]
    with pytest.raises(InputError, match="not accepted"):
        resolve_actor(store, "Ishaq Dar")
    with pytest.raises(InputError, match="accept it first"):
        resolve_actor(store, dar.id)
    assert resolve_actor(store, dar.id, unreviewed=True) == dar
    assert resolve_actor(store, "Ishaq Dar", unreviewed=True) == dar
    with store.transaction():
        assert set_actor_status(store, [dar.id, "PAK"], ActorStatus.ACCEPTED) == 1
    assert resolve_actor(store, "Ishaq Dar").status is ActorStatus.ACCEPTED
