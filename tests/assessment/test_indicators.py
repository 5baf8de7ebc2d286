"""Indicator values on the hand-made fixture; expected numbers computed by hand.

Weights (data/grades.yaml): B 0.85, C 0.65; credibility 1 1.00, 2 0.85, 3 0.50.
PAK links: Wire A counts once with its stronger claim (0.85*1.00 = 0.85), Paper B
0.65*0.50 = 0.325: risk 1.175. Prior 0.5 with strength 2 is Beta(1, 1):
value (1 + 1.175) / (2 + 1.175) = 0.685039, confidence 1.175 / 3.175 = 0.370079.
PAK's record: 0.65*0.85 = 0.5525 against the risk: 1 / 2.5525 = 0.391773.
PAK's score: 0.6 * (2 * 0.685039 + 0.25) / 3 + 0.4 * 0.391773 = 0.480725.
IDN links: 0.85*0.85 = 0.7225 for, 0.325 against: 1.7225 / 3.0475 = 0.565217;
score 0.6 * (2 * 0.565217 + 0.25) / 3 + 0.4 * 0.5 = 0.476087.
None of these claims or sources is dated: the indicators have no half-life, so
the age rule for undated claims changes nothing here.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forcevet.assessment.evidence import Evidence, make_context, match_evidence
from forcevet.assessment.indicators import candidate_values, indicator_value
from forcevet.assessment.rubric import Rubric, load_rubric
from forcevet.store.actors import load_actors
from forcevet.store.claims import list_claims
from forcevet.store.designations import list_designations
from forcevet.store.sources import list_sources
from forcevet.store.store import Store
from tests.assessment.conftest import FIXTURES, ROLES

LINKS = load_rubric(FIXTURES / "rubric-small.yaml").indicators[0]


def evidence_of(store: Store, rubric: Rubric) -> list[Evidence]:
    context = make_context(
        candidates=["PAK", "IDN"],
        actors=load_actors(store),
        designations=list_designations(store),
        roles=ROLES,
        listing_authorities=[],
        as_of="2026-01-01",
    )
    return match_evidence(
        rubric, context, list_claims(store), {s.id: s for s in list_sources(store)}
    )


def test_hand_computed_values_for_pakistan(hand_store: Store, small_rubric: Rubric) -> None:
    values = candidate_values(small_rubric, "PAK", evidence_of(hand_store, small_rubric))
    links = values.indicators["links_to_group"]
    assert links.risk == pytest.approx(1.175)
    assert links.independent_sources == 2
    assert links.value == pytest.approx(0.685039, abs=1e-6)
    assert links.confidence == pytest.approx(0.370079, abs=1e-6)
    record = values.indicators["no_peacekeeping_record"]
    assert (record.risk, record.against) == (0, pytest.approx(0.5525))
    assert record.value == pytest.approx(1 / 2.5525, abs=1e-6)
    assert record.confidence == pytest.approx(0.5525 / 2.5525, abs=1e-6)
    endorses = values.indicators["endorses_group"]
    assert endorses.no_evidence and endorses.value == 0.25 and endorses.confidence == 0
    assert values.criteria["links"] == pytest.approx((2 * 0.685039 + 0.25) / 3, abs=1e-6)
    assert values.score == pytest.approx(0.480725, abs=1e-6)


def test_hand_computed_values_for_indonesia(hand_store: Store, small_rubric: Rubric) -> None:
    values = candidate_values(small_rubric, "IDN", evidence_of(hand_store, small_rubric))
    links = values.indicators["links_to_group"]  # 0.7225 for, 0.325 against
    assert links.value == pytest.approx(1.7225 / 3.0475, abs=1e-6)
    assert links.confidence == pytest.approx(0.3975 / 3.0475, abs=1e-6)
    assert values.indicators["no_peacekeeping_record"].no_evidence
    assert values.score == pytest.approx(0.476087, abs=1e-6)


def test_a_body_of_the_state_counts_for_its_state_only(
    hand_store: Store, small_rubric: Rubric
) -> None:
    isi = [
        e
        for e in evidence_of(hand_store, small_rubric)
        if e.weight == pytest.approx(0.325) and e.risk
    ]
    assert [e.candidate for e in isi] == ["PAK"]


def item(candidate: str, cluster: str, risk: bool, weight: float) -> Evidence:
    return Evidence(
        candidate,
        "links_to_group",
        f"clm-{cluster}-{risk}-{weight}",
        1,
        "src",
        cluster,
        risk,
        weight,
    )


evidence_sets = st.lists(
    st.tuples(st.sampled_from("abcdefgh"), st.booleans(), st.floats(0.01, 0.95)),
    max_size=12,
)


@given(evidence_sets)
def test_the_same_claims_about_two_candidates_give_the_same_value(
    items: list[tuple[str, bool, float]],
) -> None:
    pak = indicator_value(LINKS, [item("PAK", *i) for i in items], prior_strength=2)
    idn = indicator_value(LINKS, [item("IDN", *i) for i in items], prior_strength=2)
    assert (pak.value, pak.confidence) == (idn.value, idn.confidence)


@given(evidence_sets, st.floats(0.01, 0.95))
def test_a_supporting_independent_claim_never_lowers_confidence(
    items: list[tuple[str, bool, float]], weight: float
) -> None:
    before = indicator_value(LINKS, [item("PAK", *i) for i in items], prior_strength=2)
    leaning_to_risk = before.risk >= before.against
    new = item("PAK", "new-publisher", leaning_to_risk, weight)
    after = indicator_value(LINKS, [*before.evidence, new], prior_strength=2)
    assert after.confidence >= before.confidence - 1e-12
    if 0 < weight <= abs(before.risk - before.against):  # contradiction short of a reversal
        against = item("PAK", "other-publisher", not leaning_to_risk, weight)
        worse = indicator_value(LINKS, [*before.evidence, against], prior_strength=2)
        assert worse.confidence < before.confidence
