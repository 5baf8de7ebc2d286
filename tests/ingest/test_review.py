"""Review: who decided and when, and which claims may enter an assessment.

Each test records claims in the fresh in-memory store of tests/conftest.py, with
one source, and decides them through the library functions the CLI calls.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from forcevet.errors import InputError
from forcevet.ingest.review import (
    SelfReview,
    accept_above,
    assessable_claims,
    claim_recorders,
    count_proposed,
    counts_for_assessment,
    decide,
    decide_claims,
    edit_reviewed,
    proposed_claims,
    review_state,
)
from forcevet.model.claims import Claim, ClaimCreate, Polarity, Status
from forcevet.model.grades import Credibility
from forcevet.store.claims import claim_history, record_claim, require_claim
from forcevet.store.store import Store
from tests.conftest import snapshot, source


def claim(store: Store, *, by: str = "alice", quote: str = "PAK links", **extra: Any) -> Claim:
    """Record one claim that PAK has links to ISR, from a fresh source."""
    values: dict[str, Any] = {"status": "proposed"} | extra
    src = source(store, title=quote).id
    entry = ClaimCreate(
        source=src,
        subject="PAK",
        predicate="has_links_to",
        object="ISR",
        quote=quote,
        credibility=2,
        **values,
    )
    return record_claim(store, entry, by=by)


def test_accept_and_reject_name_the_reviewer_and_the_time(store: Store) -> None:
    with store.transaction():
        one, two = claim(store, quote="one"), claim(store, quote="two")
        accepted, rejected = (
            decide(store, [one.id], Status.ACCEPTED, by="bob")[0],
            decide(store, [two.id], Status.REJECTED, by="carol", note="misread")[0],
        )
    assert (accepted.revision, accepted.status, accepted.reviewed_by) == (2, Status.ACCEPTED, "bob")
    assert accepted.reviewed_at == accepted.recorded_at and accepted.recorded_by == "bob"
    assert (rejected.reviewed_by, rejected.note) == ("carol", "misread")
    history = claim_history(store, one.id)
    assert [(c.revision, c.reviewed_by) for c in history] == [(1, None), (2, "bob")]
    state = review_state(store, require_claim(store, one.id))
    assert (state.recorded_by, state.reviewed_by, state.by_another) == ("alice", "bob", True)
    assert state.words() == f"{accepted.reviewed_at} by bob"


def test_the_two_person_option_refuses_accepting_ones_own_claim(store: Store) -> None:
    with store.transaction():
        own, other = claim(store, quote="own"), claim(store, quote="other", by="bob")
    before = snapshot(store)
    with pytest.raises(SelfReview, match="two-person rule"), store.transaction():
        decide_claims(store, [other.id, own.id], Status.ACCEPTED, by="alice", two_person=True)
    assert snapshot(store) == before
    with store.transaction():
        decided = decide_claims(store, [other.id], Status.ACCEPTED, by="alice", two_person=True)
        rejected = decide_claims(store, [own.id], Status.REJECTED, by="alice", two_person=True)
    assert decided.claims[0].reviewed_by == "alice" and rejected.claims[0].status is Status.REJECTED


def test_the_queue_is_read_a_page_at_a_time_most_confident_first(store: Store) -> None:
    with store.transaction():
        made = [claim(store, quote=f"q{i}", confidence=i / 10) for i in range(7)]
    first = proposed_claims(store, limit=3)
    rest = proposed_claims(store, limit=3, offset=3) + proposed_claims(store, limit=3, offset=6)
    assert [c.id for c in first + rest] == [c.id for c in reversed(made)]
    assert proposed_claims(store, min_confidence=0.35) == first
    assert count_proposed(store) == 7 and count_proposed(store, min_confidence=0.35) == 3
    assert count_proposed(store, cap=4) == 4 and count_proposed(store, cap=10) == 7
    with store.transaction():
        by_hand = claim(store, quote="by hand")  # no extraction confidence: last
    assert proposed_claims(store)[-1].id == by_hand.id


def test_a_claim_added_as_accepted_is_self_reviewed(store: Store) -> None:
    with store.transaction():
        added = claim(store, status="accepted", reviewed_by="alice")
        unreviewed = claim(store, quote="scenario", status="accepted")  # no reviewer given
    assert (added.reviewed_by, added.reviewed_at) == ("alice", added.recorded_at)
    assert unreviewed.reviewed_by is None
    state = review_state(store, added)
    assert not state.by_another and state.words().endswith("by alice (self-reviewed)")
    assert review_state(store, unreviewed).words() == "not reviewed"


def test_a_second_reviewer_confirms_a_self_accepted_claim(store: Store) -> None:
    with store.transaction():
        added = claim(store, status="accepted", reviewed_by="alice")
        with pytest.raises(InputError, match="already accepted by alice"):
            decide(store, [added.id], Status.ACCEPTED, by="alice")
        confirmed = decide(store, [added.id], Status.ACCEPTED, by="bob")[0]
    assert (confirmed.revision, confirmed.reviewed_by) == (2, "bob")
    assert review_state(store, confirmed).by_another


def test_a_refused_decision_changes_nothing(store: Store) -> None:
    with store.transaction():
        one = claim(store)
    before = snapshot(store)
    with pytest.raises(InputError), store.transaction():
        decide(store, [one.id, "clm-nope"], Status.ACCEPTED, by="bob")
    with pytest.raises(InputError, match="reviewer"), store.transaction():
        decide(store, [one.id], Status.ACCEPTED, by=" ")
    assert snapshot(store) == before


def test_accept_above_names_the_reviewer(store: Store) -> None:
    with store.transaction():
        sure = claim(store, quote="sure", confidence=0.9)
        unsure = claim(store, quote="unsure", confidence=0.3)
        accepted = accept_above(store, 0.6, by="bob")
    assert [(c.id, c.reviewed_by) for c in accepted] == [(sure.id, "bob")]
    assert require_claim(store, unsure.id).reviewed_by is None


def test_an_edited_status_is_a_review_and_back_to_proposed_clears_it(store: Store) -> None:
    with store.transaction():
        one = claim(store)
        accepted = edit_reviewed(store, one.id, by="bob", status="accepted")
        again = edit_reviewed(store, one.id, by="carol", status="proposed")
        moved = edit_reviewed(store, one.id, by="dan", place="Rafah")
    assert (accepted.status, accepted.reviewed_by) == (Status.ACCEPTED, "bob")
    assert (again.status, again.reviewed_by, again.reviewed_at) == (Status.PROPOSED, None, None)
    assert moved.reviewed_by is None and moved.place == "Rafah"


def _state(status: Status, reviewed_by: str | None, revision: int = 1) -> Claim:
    base = Claim(
        id="clm-1",
        revision=revision,
        source_id="src-1",
        subject_id="PAK",
        predicate="has_links_to",
        object_id="ISR",
        value=None,
        time=None,
        place=None,
        polarity=Polarity.AFFIRMS,
        quote="q",
        quote_start=None,
        quote_end=None,
        paraphrase=False,
        credibility=Credibility(2),
        status=status,
        extracted_by="manual",
        reported_by_id=None,
        recorded_by="alice" if revision == 1 else (reviewed_by or "alice"),
        recorded_at="2026-01-01T00:00:00+00:00",
    )
    return replace(base, reviewed_by=reviewed_by)


# (status, reviewer, revision, recorder given) -> (counts, counts under the two-person rule)
CASES = [
    (Status.PROPOSED, None, 1, "alice", (False, False)),
    (Status.REJECTED, "bob", 2, "alice", (False, False)),
    (Status.ACCEPTED, None, 1, "alice", (True, False)),  # accepted without a named reviewer
    (Status.ACCEPTED, "alice", 1, "alice", (True, False)),  # self-reviewed
    (Status.ACCEPTED, "alice", 1, None, (True, False)),  # recorder read from revision 1
    (Status.ACCEPTED, "bob", 2, "alice", (True, True)),  # reviewed by another
    (Status.ACCEPTED, "bob", 2, None, (True, False)),  # recorder unknown: not counted
    (Status.ACCEPTED, "import peacekeeping", 1, "import peacekeeping", (True, True)),
    (Status.ACCEPTED, "import unga", 1, "alice", (True, True)),
]


@pytest.mark.parametrize(("status", "reviewer", "revision", "recorder", "expected"), CASES)
def test_counts_for_assessment(
    status: Status,
    reviewer: str | None,
    revision: int,
    recorder: str | None,
    expected: tuple[bool, bool],
) -> None:
    item = _state(status, reviewer, revision)
    counted = tuple(
        counts_for_assessment(item, two_person=rule, recorder=recorder) for rule in (False, True)
    )
    assert counted == expected


def test_assessable_claims_reads_each_recorder_from_the_store(store: Store) -> None:
    with store.transaction():
        own = claim(store, quote="own", status="accepted", reviewed_by="alice")
        other = decide(store, [claim(store, quote="other").id], Status.ACCEPTED, by="bob")[0]
        proposed = claim(store, quote="waiting")
    current = [own, other, proposed]
    assert claim_recorders(store, [c.id for c in current]) == {c.id: "alice" for c in current}
    assert [c.id for c in assessable_claims(store, current, two_person=False)] == [
        own.id,
        other.id,
    ]
    assert [c.id for c in assessable_claims(store, current, two_person=True)] == [other.id]


# Actors under review: ingest proposed them with the claims that name them.

DAR = "new-ishaq-dar"


def propose_dar(store: Store, **extra: Any) -> list[Claim]:
    """Store Ishaq Dar as a proposed actor and two proposed claims that name him: his
    report of Indonesia's reservation (hearsay) and his own statement about Pakistan."""
    from forcevet.model.actors import Actor, ActorKind, ActorStatus
    from forcevet.store.actors import save_actors

    save_actors(
        store,
        [
            Actor(
                id=DAR,
                kind=ActorKind.PERSON,
                name="Ishaq Dar",
                parent_id="PAK",
                status=ActorStatus.PROPOSED,
            )
        ],
    )
    src = source(store, title="Dar", text="Dar said Indonesia had reservations.").id
    made = []
    for subject, reported, quote in (
        ("IDN", True, "Indonesia had reservations"),
        (DAR, False, "Dar said"),
    ):
        entry = ClaimCreate(
            source=src,
            subject=subject,
            predicate="states_reservation_on_mandate",
            value="disarmament",
            quote=quote,
            credibility=4,
            status="proposed",
            reported_by=DAR if reported else None,
            reported=reported,
            confidence=0.9,
            **extra,
        )
        made.append(record_claim(store, entry, by="ingest"))
    return made


def status_of(store: Store, actor_id: str) -> str:
    from forcevet.store.actors import get_actor

    actor = get_actor(store, actor_id)
    assert actor is not None
    return actor.status.value


def test_accepting_a_claim_accepts_the_actors_under_review_it_names(store: Store) -> None:
    from forcevet.ingest.review import decide_claims

    with store.transaction():
        hearsay, _ = propose_dar(store)
        decision = decide_claims(store, [hearsay.id], Status.ACCEPTED, by="bob")
    assert [a.id for a in decision.actors] == [DAR]
    assert status_of(store, DAR) == "accepted"
    assert require_claim(store, hearsay.id).reported is True


def test_rejecting_the_last_claim_of_an_actor_leaves_it_proposed(store: Store) -> None:
    with store.transaction():
        claims = propose_dar(store)
        decide(store, [c.id for c in claims], Status.REJECTED, by="bob")
    assert status_of(store, DAR) == "proposed"


def test_rejecting_an_actor_rejects_its_proposed_claims(store: Store) -> None:
    from forcevet.ingest.review import actors_under_review, reject_actors

    with store.transaction():
        hearsay, own = propose_dar(store)
        unrelated = claim(store, quote="PAK links")
        (pending,) = actors_under_review(store)
        assert {c.id for c in pending.claims} == {hearsay.id, own.id}
        decision = reject_actors(store, [DAR], by="bob")
    assert {c.id for c in decision.claims} == {hearsay.id, own.id}
    assert all(
        c.status is Status.REJECTED and "rejected" in (c.note or "") for c in decision.claims
    )
    assert require_claim(store, unrelated.id).status is Status.PROPOSED
    assert status_of(store, DAR) == "rejected"
    assert actors_under_review(store) == []


def test_accepting_an_actor_leaves_its_claims_for_review(store: Store) -> None:
    from forcevet.ingest.review import accept_actors

    with store.transaction():
        claims = propose_dar(store)
        assert [a.id for a in accept_actors(store, [DAR])] == [DAR]
    assert status_of(store, DAR) == "accepted"
    assert {require_claim(store, c.id).status for c in claims} == {Status.PROPOSED}
    before = snapshot(store)
    with pytest.raises(InputError, match="accepted, not proposed"), store.transaction():
        accept_actors(store, [DAR])
    with pytest.raises(InputError, match='no actor "new-nobody"'), store.transaction():
        accept_actors(store, ["new-nobody"])
    assert snapshot(store) == before


def test_accept_above_leaves_claims_naming_an_actor_under_review(store: Store) -> None:
    with store.transaction():
        propose_dar(store)
        sure = claim(store, quote="sure", confidence=0.95)
        accepted = accept_above(store, 0.5, by="bob")
    assert [c.id for c in accepted] == [sure.id]
    assert status_of(store, DAR) == "proposed"


def test_an_actor_under_review_is_no_candidate_and_is_not_exported(store: Store) -> None:
    from forcevet.reports.ftm_export import export_entities
    from forcevet.reports.ingested import build_ingested
    from forcevet.store.actors import resolve_actor

    with store.transaction():
        hearsay, _ = propose_dar(store)
    with pytest.raises(InputError, match="accept it first"):
        resolve_actor(store, DAR, field="candidates")  # assess, compose, claim add...
    exported = {e["id"] for e in export_entities(store)}
    assert DAR not in exported
    (ingested,) = build_ingested(store, [hearsay.source_id])  # names it all the same
    assert any("Ishaq Dar" in row.statement for row in ingested.claims)


def test_review_commands_show_hearsay_and_actors_under_review(cli: Any) -> None:
    import json

    from forcevet.store.store import open_store

    with open_store(cli.db_url) as opened, opened.transaction():
        hearsay, own = propose_dar(opened)
    listed = cli("review", "list")
    assert listed.exit_code == 0, listed.output
    assert "reported by Ishaq Dar" in listed.output and "Ishaq Dar (proposed)" in listed.output
    shown = cli("review", "show", hearsay.id)
    assert "yes: hearsay" in shown.output and "actors under review  Ishaq Dar" in shown.output
    assert json.loads(cli("review", "show", hearsay.id, "--json").output)["reported"] is True
    actors = cli("review", "actors")
    assert actors.exit_code == 0 and DAR in actors.output and "of PAK" in actors.output
    (record,) = json.loads(cli("review", "actors", "--json").output)
    assert (record["id"], len(record["claims"])) == (DAR, 2)
    assert "review actors accept" in cli("review", "actors", "--help").output

    before = cli.snapshot()
    for refused in (("review", "actors", "accept", "PAK"), ("review", "actors", "reject", "x")):
        result = cli(*refused)
        assert result.exit_code == 2 and "error:" in result.output
    assert cli.snapshot() == before

    recorder = hearsay.recorded_by
    own_accept = cli("review", "accept", hearsay.id, "--by", recorder, "--two-person")
    assert own_accept.exit_code == 2 and "two-person rule" in own_accept.output
    assert cli.snapshot() == before
    accepted = cli("review", "accept", hearsay.id, "--by", "bob", "--two-person")
    assert accepted.exit_code == 0, accepted.output
    assert f"actor accepted with them  {DAR}  Ishaq Dar (person, of PAK)" in accepted.output
    assert "0 proposed actors" in cli("review", "actors").output
    assert cli("review", "reject", own.id, "--by", "bob").exit_code == 0


def test_review_actors_reject_takes_their_claims_with_them(cli: Any) -> None:
    from forcevet.store.store import open_store

    with open_store(cli.db_url) as opened, opened.transaction():
        propose_dar(opened)
    result = cli("review", "actors", "reject", DAR, "--by", "bob")
    assert result.exit_code == 0, result.output
    assert f"rejected  {DAR}" in result.output and "2 claims rejected with them" in result.output
    assert "0 proposed claims" in cli("review", "list").output
