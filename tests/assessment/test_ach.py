"""ACH, Heuer's way (Psychology of Intelligence Analysis, ch. 8), on evidence built by hand.

Evidence items are made directly (``ev(...)``), so each number below is computed
by hand from the rubric's consistency rows: I counts 1 and II 2, times weight.
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forcevet.assessment.ach import (
    DOES_NOT_DISCRIMINATE,
    MARGIN,
    AchOverride,
    ach_record,
    analyse_hypotheses,
    judge_leading,
    leading_label,
)
from forcevet.assessment.evidence import Evidence
from forcevet.assessment.rubric import Rating, Rubric, load_rubric
from tests.assessment.conftest import FIXTURES


def ev(
    indicator: str,
    claim: str,
    cluster: str,
    weight: float,
    *,
    risk: bool = True,
    candidate: str = "AAA",
) -> Evidence:
    return Evidence(candidate, indicator, claim, 1, f"src-{cluster}", cluster, risk, weight)


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return load_rubric()


HAND = [
    ev("links_to_group", "c1", "pubA", 0.8),  # impartial I, obstructs C
    ev("endorses_group", "c2", "pubB", 0.5),  # impartial II, obstructs CC
    ev("links_to_group", "c3", "pubC", 0.6, risk=False),  # mirrored: C, I
    ev("no_peacekeeping_record", "c4", "pubD", 0.9),  # N, N: not diagnostic
    ev("endorses_group", "c9", "pubA", 1.0, candidate="BBB"),  # another candidate
]


def test_a_hand_computed_matrix(small_rubric: Rubric) -> None:
    result = analyse_hypotheses(small_rubric, "AAA", HAND)
    assert [r.evidence.claim_id for r in result.rows] == ["c1", "c2", "c3", "c4"]
    assert result.rows[2].ratings == {"impartial": Rating.C, "obstructs": Rating.I}
    assert result.inconsistency == pytest.approx({"impartial": 1.8, "obstructs": 0.6})
    assert result.consistency == pytest.approx({"impartial": 0.6, "obstructs": 1.8})
    assert [r.diagnosticity for r in result.rows] == pytest.approx([1.6, 2.0, 1.2, 0.0])
    assert result.least_inconsistent == "obstructs"  # 1.8 - 0.6 = 1.2 >= max(0.5, 0.2 x 1.8)
    # but without pubA 1.0 - 0.6 and without pubB 0.8 - 0.6 are under the margin
    assert result.hinges_on == ("pubA", "pubB") and result.leading is None
    record = ach_record(result)
    assert record["least_inconsistent"] == "obstructs" and record["hinges_on"] == ["pubA", "pubB"]
    assert record["leading"] is None and record["discriminates"] is False
    assert record["ranking"] == ["obstructs", "impartial"]
    assert record["most_diagnostic"] == ["c2", "c1", "c3"]
    assert record["non_diagnostic"] == ["c4"]
    shares = {s["source"]: s["votes"] for s in record["sources"]}
    assert shares["pubA"]["impartial"]["share"] == pytest.approx(0.8 / 1.8, abs=1e-6)
    assert shares["pubB"]["impartial"]["share"] == pytest.approx(1.0 / 1.8, abs=1e-6)
    assert shares["pubC"]["obstructs"] == {"claim_id": "c3", "inconsistency": 0.6, "share": 1.0}
    assert shares["pubD"] == {}
    assert leading_label(record) == DOES_NOT_DISCRIMINATE


def test_a_leader_must_survive_leaving_out_any_one_source(small_rubric: Rubric) -> None:
    """Heuer's step 7: with a third source against "impartial" no one source decides."""
    result = analyse_hypotheses(
        small_rubric, "AAA", [*HAND, ev("endorses_group", "c5", "pubE", 0.9)]
    )
    assert result.inconsistency == pytest.approx({"impartial": 3.6, "obstructs": 0.6})
    assert result.leading == "obstructs" and result.hinges_on == ()
    record = ach_record(result)
    assert record["discriminates"] is True and leading_label(record) == "obstructs"


def test_one_source_with_five_claims_votes_once(small_rubric: Rubric) -> None:
    claims = [("links_to_group", 0.5)] * 3 + [("endorses_group", 0.5)] * 2
    one_source = [ev(ind, f"c{k}", "opinion", w) for k, (ind, w) in enumerate(claims)]
    five_sources = [ev(ind, f"c{k}", f"pub{k}", w) for k, (ind, w) in enumerate(claims)]
    once = analyse_hypotheses(small_rubric, "AAA", one_source)
    # its single most inconsistent row (II x 0.5), not the sum 3 x 0.5 + 2 x 1.0
    assert once.inconsistency["impartial"] == pytest.approx(1.0)
    assert analyse_hypotheses(small_rubric, "AAA", five_sources).inconsistency[
        "impartial"
    ] == pytest.approx(3.5)
    (vote,) = [v for v in once.votes if v.hypothesis == "impartial"]
    assert (vote.source, vote.claim_id, vote.share) == ("opinion", "c3", 1.0)
    strongest_only = analyse_hypotheses(small_rubric, "AAA", one_source[3:4])
    assert strongest_only.inconsistency == once.inconsistency


def test_an_ungraded_f6_claim_changes_nothing(small_rubric: Rubric) -> None:
    before = ach_record(analyse_hypotheses(small_rubric, "AAA", HAND))
    f6 = ev("endorses_group", "c-f6", "rumour", 0.0)
    after = ach_record(analyse_hypotheses(small_rubric, "AAA", [*HAND, f6]))
    for key in ("inconsistency", "consistency", "leading", "most_diagnostic"):
        assert after[key] == before[key]
    assert "c-f6" in after["non_diagnostic"]
    assert all(s["votes"] == {} for s in after["sources"] if s["source"] == "rumour")


EVIDENCE = st.lists(
    st.builds(
        ev,
        st.sampled_from(["links_to_group", "endorses_group", "no_peacekeeping_record"]),
        st.uuids().map(str),
        st.sampled_from(["p1", "p2", "p3"]),
        st.floats(0.0, 1.0),
        risk=st.booleans(),
    ),
    max_size=8,
)


@given(EVIDENCE, st.sampled_from(["p1", "p9"]))
def test_non_diagnostic_rows_never_change_the_scores(
    evidence: list[Evidence], cluster: str
) -> None:
    rubric = load_rubric(FIXTURES / "rubric-small.yaml")  # hypothesis: no function fixtures
    base = analyse_hypotheses(rubric, "AAA", evidence)
    noise = [
        ev("endorses_group", "zero-weight", cluster, 0.0),
        ev("no_peacekeeping_record", "same-everywhere", cluster, 1.0),
    ]
    noisy = analyse_hypotheses(rubric, "AAA", [*evidence, *noise])
    assert noisy.inconsistency == base.inconsistency
    assert noisy.consistency == base.consistency
    assert noisy.leading == base.leading


@pytest.mark.parametrize(
    ("scores", "diagnostic", "leading"),
    [
        ({"a": 0.0, "b": 0.0, "c": 0.0}, True, None),  # all zero
        ({"a": 1.0, "b": 1.0, "c": 3.0}, True, None),  # the least two are equal
        ({"a": 0.0, "b": MARGIN - 0.01, "c": 3.0}, True, None),  # under the margin
        ({"a": 0.0, "b": MARGIN, "c": 3.0}, True, "a"),  # exactly the margin
        ({"a": 10.0, "b": 10.5, "c": 20.0}, True, None),  # 0.5 is under 20% of 10.5
        ({"a": 0.0, "b": 2.0, "c": 2.0}, False, None),  # nothing diagnostic
        ({"a": 0.0}, True, None),  # one hypothesis is not a comparison
    ],
)
def test_the_leading_hypothesis_needs_a_clear_margin(
    scores: dict[str, float], diagnostic: bool, leading: str | None
) -> None:
    assert judge_leading(scores, diagnostic=diagnostic) == leading


def test_equal_scores_name_no_hypothesis(small_rubric: Rubric) -> None:
    # one claim I against impartial, another as strongly I against obstructs
    tied = [
        ev("links_to_group", "c1", "pubA", 0.7),
        ev("links_to_group", "c2", "pubB", 0.7, risk=False),
    ]
    for evidence in ([], tied, [ev("no_peacekeeping_record", "c3", "pubC", 1.0)]):
        result = analyse_hypotheses(small_rubric, "AAA", evidence)
        record = ach_record(result)
        assert result.leading is None and record["leading"] is None
        assert record["discriminates"] is False
        assert record["conclusion"] == DOES_NOT_DISCRIMINATE
        assert leading_label(record) == "evidence does not discriminate between hypotheses"
        assert leading_label(record, short=True) == "does not discriminate"


def test_turkiye_and_azerbaijan_as_in_the_demo_do_not_discriminate(rubric: Rubric) -> None:
    """The demo's only evidence on them: the report once named a hypothesis for both."""
    turkiye = [ev("vetoed_by_party", "c1", "toi", 0.49)]  # N, N, C: nothing is inconsistent
    azerbaijan = [ev("conditions_on_participation", "c2", "aa", 0.37)]  # N, C, N
    for evidence in (turkiye, azerbaijan):
        result = analyse_hypotheses(rubric, "AAA", evidence)
        assert set(result.inconsistency.values()) == {0.0}
        assert result.leading is None


def test_an_analysts_override_changes_the_rating_and_is_shown_with_its_note(
    small_rubric: Rubric,
) -> None:
    note = "the quote is a conditional, not a statement of links"
    overrides = {("c1", "impartial"): AchOverride(Rating.N, note, "alice", "2026-02-01")}
    result = analyse_hypotheses(small_rubric, "AAA", HAND, overrides=overrides)
    row = result.rows[0]
    assert row.ratings["impartial"] is Rating.N and row.rubric_ratings["impartial"] is Rating.I
    assert result.inconsistency["impartial"] == pytest.approx(1.0)  # c2 alone
    record = ach_record(result)
    assert record["overrides"] == [
        {
            "claim_id": "c1",
            "hypothesis": "impartial",
            "rating": "N",
            "rubric_rating": "I",
            "note": note,
            "by": "alice",
            "at": "2026-02-01",
        }
    ]
    assert record["matrix"][0]["overrides"]["impartial"]["note"] == note
    bare = analyse_hypotheses(small_rubric, "AAA", HAND, overrides={("c1", "impartial"): Rating.N})
    assert bare.inconsistency == result.inconsistency


def test_the_rubrics_ratings_lead_to_impartial_on_favourable_evidence(rubric: Rubric) -> None:
    """Three sources deny what would point to risk: only "impartial" is consistent."""
    evidence = [
        ev("reservation_on_disarmament", "c1", "reuters", 0.8, risk=False),
        ev("material_support", "c2", "ap", 0.7, risk=False),
        ev("links_to_listed_groups", "c3", "bbc", 0.6, risk=False),
    ]
    result = analyse_hypotheses(rubric, "AAA", evidence)
    assert result.inconsistency["impartial"] == 0.0
    assert result.leading == "impartial"
    assert result.ranking[0] == "impartial"


def test_a_claim_on_two_indicators_is_one_row_rated_from_the_more_diagnostic(
    small_rubric: Rubric,
) -> None:
    evidence = [ev("links_to_group", "c1", "pubA", 0.6), ev("endorses_group", "c1", "pubA", 0.6)]
    (row,) = analyse_hypotheses(small_rubric, "AAA", evidence).rows
    assert row.evidence.indicator == "endorses_group" and row.also_answers == ("links_to_group",)
