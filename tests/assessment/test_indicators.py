"""Indicator values on the hand-made fixture; expected numbers computed by hand.

Weights (data/grades.yaml): B 0.80, C 0.65; credibility 1 0.95, 2 0.80, 3 0.60.
PAK links: Wire A counts once with its stronger claim (0.80*0.95 = 0.76), Paper B
0.65*0.60 = 0.39: risk 1.15. Prior 0.5 with strength 2 is Beta(1, 1):
value (1 + 1.15) / (2 + 1.15) = 0.682540, confidence 1.15 / 3.15 = 0.365079.
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
    assert links.risk == pytest.approx(1.15)
    assert links.independent_sources == 2
    assert links.value == pytest.approx(0.682540, abs=1e-6)
    assert links.confidence == pytest.approx(0.365079, abs=1e-6)
    record = values.indicators["no_peacekeeping_record"]  # 0.65*0.80 = 0.52 against the risk
    assert (record.risk, record.against) == (0, pytest.approx(0.52))
    assert record.value == pytest.approx(1 / 2.52, abs=1e-6)
    assert record.confidence == pytest.approx(0.52 / 2.52, abs=1e-6)
    endorses = values.indicators["endorses_group"]
    assert endorses.no_evidence and endorses.value == 0.25 and endorses.confidence == 0
    assert values.criteria["links"] == pytest.approx((2 * 0.682540 + 0.25) / 3, abs=1e-6)
    assert values.score == pytest.approx(0.481746, abs=1e-6)


def test_hand_computed_values_for_indonesia(hand_store: Store, small_rubric: Rubric) -> None:
    values = candidate_values(small_rubric, "IDN", evidence_of(hand_store, small_rubric))
    links = values.indicators["links_to_group"]  # 0.64 for, 0.39 against
    assert links.value == pytest.approx(1.64 / 3.03, abs=1e-6)
    assert links.confidence == pytest.approx(0.25 / 3.03, abs=1e-6)
    assert values.indicators["no_peacekeeping_record"].no_evidence
    assert values.score == pytest.approx(0.466502, abs=1e-6)


def test_a_body_of_the_state_counts_for_its_state_only(
    hand_store: Store, small_rubric: Rubric
) -> None:
    isi = [
        e
        for e in evidence_of(hand_store, small_rubric)
        if e.weight == pytest.approx(0.39) and e.risk
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
