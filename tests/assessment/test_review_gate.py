"""Only reviewed claims enter an assessment: proposed and rejected ones change nothing.

Built on the hand-made evidence base of conftest.py. A bug that let proposed or
rejected claims feed the assessment survived the old suite; these tests catch it,
since the claims added here would each move Indonesia's score a long way.
"""

from __future__ import annotations

from typing import Any

from forcevet.assessment.engine import assess
from forcevet.assessment.rubric import Rubric
from forcevet.ingest.review import decide
from forcevet.model.claims import ClaimCreate, Status
from forcevet.store.claims import record_claim
from forcevet.store.store import Store
from tests.assessment.conftest import params
from tests.conftest import source


def comparable(result: dict[str, Any]) -> dict[str, Any]:
    """Return a result without the time it was computed."""
    return result | {"run": result["run"] | {"created_at": None}}


def strong(store: Store, quote: str, *, by: str = "alice", **extra: Any) -> str:
    """Record a well-graded claim that Indonesia endorses Hamas; return its id."""
    src = source(store, title=quote, publisher=f"Agency {quote}", reliability="A").id
    entry = ClaimCreate(
        source=src,
        subject="IDN",
        predicate="endorses",
        object="hamas",
        quote=quote,
        credibility=1,
        **extra,
    )
    return record_claim(store, entry, by=by).id


def test_proposed_and_rejected_claims_leave_the_result_identical(
    hand_store: Store, small_rubric: Rubric
) -> None:
    before = assess(hand_store, small_rubric, params(), by="test")
    with hand_store.transaction():
        strong(hand_store, "proposed", status="proposed")
        strong(hand_store, "rejected at once", status="rejected")
        decide(
            hand_store,
            [strong(hand_store, "rejected on review", status="proposed")],
            Status.REJECTED,
            by="bob",
        )
    after = assess(hand_store, small_rubric, params(), by="test")
    assert comparable(after) == comparable(before)


def test_the_same_claim_accepted_does_change_the_result(
    hand_store: Store, small_rubric: Rubric
) -> None:
    """The control of the test above: the claims it adds are not inert."""
    before = assess(hand_store, small_rubric, params(), by="test")
    with hand_store.transaction():
        claim_id = strong(hand_store, "proposed", status="proposed")
        decide(hand_store, [claim_id], Status.ACCEPTED, by="bob")
    after = assess(hand_store, small_rubric, params(), by="test")
    assert [claim_id, 2] in after["run"]["claims_used"]
    assert comparable(after) != comparable(before)


def test_the_two_person_rule_keeps_self_reviewed_claims_out(
    hand_store: Store, small_rubric: Rubric
) -> None:
    with hand_store.transaction():
        own = strong(hand_store, "own", status="accepted", reviewed_by="alice")
        other = strong(hand_store, "other", status="proposed")
        decide(hand_store, [other], Status.ACCEPTED, by="bob")
    plain = assess(hand_store, small_rubric, params(), by="test")
    strict = assess(hand_store, small_rubric, params(two_person=True), by="test")
    used = {claim_id for claim_id, _ in plain["run"]["claims_used"]}
    used_strictly = {claim_id for claim_id, _ in strict["run"]["claims_used"]}
    assert {own, other} <= used
    assert other in used_strictly and own not in used_strictly
    assert strict["run"]["params"]["two_person"] is True
