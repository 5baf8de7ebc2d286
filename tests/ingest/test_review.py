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
    accept_above,
    assessable_claims,
    claim_recorders,
    counts_for_assessment,
    decide,
    edit_reviewed,
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
