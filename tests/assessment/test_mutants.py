"""Tests written to kill mutants that survived mutation testing (docs/mutation-testing.md).

Each test pins a behaviour the rest of the suite left open: exact key-judgment
sentences, boundaries of the thresholds, and the arithmetic of weights and caps.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pytest
from scipy import stats

from forcevet.assessment.coverage import (
    CandidateCoverage,
    Searched,
    absence_evidence,
    coverage_record,
    measure_coverage,
    ranked_mask,
    sufficient,
)
from forcevet.assessment.estimative import Confidence, confidence_level, likelihood_words
from forcevet.assessment.evidence import (
    CapBinding,
    Context,
    Evidence,
    _Ages,
    cap_source_shares,
    copies_of,
    make_context,
    match_evidence,
    origin_of,
    source_shares,
)
from forcevet.assessment.indicators import CandidateValues, IndicatorValue, candidate_values
from forcevet.assessment.inputs import AssessmentParams, RunInputs, gather_inputs, make_inputs
from forcevet.assessment.judgments import key_judgments
from forcevet.assessment.profile import source_profile
from forcevet.assessment.rubric import Rubric, parse_rubric
from forcevet.assessment.smaa import SmaaResult, make_units, run_smaa
from forcevet.assessment.weights import DAYS_PER_YEAR, Age, load_grade_weights
from forcevet.errors import NotFoundError
from forcevet.model.actors import Actor, ActorKind
from forcevet.model.claims import Claim, Polarity, Status
from forcevet.model.dates import parse_time
from forcevet.model.designations import Designation
from forcevet.model.grades import Credibility
from forcevet.model.sources import Source, make_source
from forcevet.store.coverage import Coverage
from forcevet.store.store import Store


def _candidate(
    cid: str,
    *,
    ranked: bool = True,
    probability: float = 0.05,
    words: str = "very unlikely",
    capped_by: str | None = None,
    shares: list[dict[str, Any]] | None = None,
    without: dict[str, float] | None = None,
    rank_probabilities: tuple[float, ...] = (0.7, 0.3),
    coverage: float = 0.9,
) -> dict[str, Any]:
    return {
        "id": cid,
        "name": f"Name {cid}",
        "ranked": ranked,
        "coverage": {"share": coverage},
        "exceeds_threshold": {"probability": probability, "words": words},
        "confidence": {"level": "low", "capped_by": capped_by},
        "sources": {
            "count": len(shares or []),
            "shares": shares or [],
            "without_top": without,
        },
        "rank_probabilities": list(rank_probabilities),
        "score": {"p05": 0.25, "p95": 0.375},
    }


def _result(candidates: list[dict[str, Any]], sensitivity: list[dict[str, Any]] | None = None):
    return {
        "candidates": candidates,
        "threshold": 0.5,
        "settings": {"min_coverage": 0.5},
        "sensitivity": sensitivity or [],
    }


TOP = {
    "source": "wire a",
    "publisher": "Wire A",
    "kinds": ["news", "opinion"],
    "share": 0.75,
    "capped": None,
}


def test_key_judgments_name_the_unranked_and_the_notable_in_full_sentences() -> None:
    notable = _candidate(
        "PAK",
        probability=0.2,  # exactly the notable level: named
        words="unlikely",
        capped_by="one opinion source supplies most of the evidence weight",
        shares=[dict(TOP, capped=0.5)],
        without={"point": 0.3125, "change": -0.0625},
    )
    unranked = _candidate("EGY", ranked=False, coverage=0.249)
    also = _candidate("JOR", ranked=False, coverage=0.0)
    lines = key_judgments(_result([notable, unranked, also]))
    assert lines == [
        "1 of 3 candidates have enough evidence to rank (searches covering at least 50% of the "
        "score); Name EGY (EGY) 24.9%, Name JOR (JOR) 0.0%: insufficient evidence to rank.",
        "It is unlikely (20%) that Name PAK (PAK)'s risk index exceeds 0.5 (confidence low: "
        "one opinion source supplies most of the evidence weight); it rests on 1 independent "
        "source(s), the largest (Wire A, news, opinion) holding 75% of its evidence weight "
        "before the cap on any one source's share; without it the point score would be "
        "0.312 (-0.062).",
    ]


def test_key_judgments_name_the_lowest_ranked_and_what_would_swap() -> None:
    first = _candidate("IDN", rank_probabilities=(0.625, 0.375))
    second = _candidate("PAK", probability=0.125, rank_probabilities=(0.375, 0.625))
    swaps = [
        {"claim_id": None, "lower": "x", "higher": "y"},
        {"claim_id": "clm-1", "lower": "IDN", "higher": "PAK"},
    ]
    lines = key_judgments(_result([first, second], swaps))
    assert lines == [
        "For no candidate is it even unlikely (20% or more) that the risk index exceeds 0.5 "
        "on the recorded evidence.",
        "Lowest risk among the ranked: Name IDN (IDN), first in 62% of samples (90% interval "
        "0.250-0.375); it rests on no evidence at all: its interval is the rubric's priors.",
        "What would change the order: without claim clm-1, IDN and PAK would swap places.",
    ]


def test_one_ranked_candidate_has_no_lowest_risk_sentence() -> None:
    only = _candidate("IDN", shares=[TOP], without=None)
    lines = key_judgments(_result([only, _candidate("EGY", ranked=False)]))
    assert not any(line.startswith("Lowest risk") for line in lines)
    assert not any(line.startswith("What would change") for line in lines)


def test_a_candidate_just_below_the_notable_level_is_not_named() -> None:
    lines = key_judgments(_result([_candidate("PAK", probability=0.19)]))
    assert lines == [
        "For no candidate is it even unlikely (20% or more) that the risk index exceeds 0.5 "
        "on the recorded evidence."
    ]


def test_an_uncapped_confidence_names_no_reason() -> None:
    c = _candidate("PAK", probability=0.5, words="roughly even chance", shares=[TOP])
    (line,) = key_judgments(_result([c]))
    assert line == (
        "It is roughly even chance (50%) that Name PAK (PAK)'s risk index exceeds 0.5 "
        "(confidence low); it rests on 1 independent source(s), the largest (Wire A, news, "
        "opinion) holding 75% of its evidence weight."
    )


# Three indicators, a quarter, a quarter and a half of the score: the candidate is the
# subject of the first and third, the object of the second; two read absence as evidence.
RUBRIC = """
id: mutants
version: 1
title: Mutation tests
risk_threshold: 0.5
prior_strength: 2.0
min_coverage: 0.5
max_source_share: 1.0
undated_age_years: 4.0
hypotheses: [{id: h, label: h}]
criteria:
  - id: links
    label: Links
    weight: 1.0
    indicators:
      - id: links_to_group
        question: Links to the group?
        match: {predicates: [has_links_to], subject: [state, body], object: [group_to_disarm]}
        risk_if: affirmed
        weight: 1.0
        half_life_years: 2.0
        consistency: {h: N}
        absence: {polarity: denied, credibility: 2}
      - id: endorsed_by_group
        question: Does the group endorse the candidate?
        match: {predicates: [endorses], subject: [group_to_disarm], object: [state]}
        risk_if: affirmed
        weight: 1.0
        consistency: {h: N}
  - id: record
    label: Record
    weight: 1.0
    indicators:
      - id: no_peacekeeping
        question: No peacekeeping record?
        match: {predicates: [contributes_peacekeepers], subject: [state]}
        risk_if: denied
        weight: 1.0
        half_life_years: 4.0
        consistency: {h: N}
        absence: {polarity: denied, credibility: 3}
"""


@pytest.fixture
def rubric() -> Rubric:
    return parse_rubric(RUBRIC, path="mutants.yaml")


def _source(sid: str, reliability: str, publisher: str, **extra: Any) -> Source:
    return make_source(
        title=sid,
        publisher=publisher,
        kind="dataset",
        reliability=reliability,
        graded_by="test",
        added_at="2026-01-01",
        source_id=sid,
        **extra,
    )


SOURCES = {
    s.id: s
    for s in (
        _source("src-a", "B", "Dataset A"),
        _source("src-b", "C", "Dataset B"),
        _source("src-out", "A", "Left out"),
    )
}


@pytest.fixture
def context() -> Context:
    return make_context(
        candidates=["PAK", "IDN", "TUR"],
        actors=[
            Actor("hamas", ActorKind.ARMED_GROUP, "Hamas"),
            Actor("ISR", ActorKind.STATE, "Israel"),
        ],
        designations=[],
        roles={"group_to_disarm": ["hamas"], "party": ["ISR"]},
        listing_authorities=[],
        as_of="2026-01-01",
        excluded_sources=["src-out"],
    )


RECORDS = [
    # PAK: every indicator searched; one record dated on the assessment day, one undated
    Coverage("PAK", "has_links_to", "src-a", object_id="hamas", as_of="2026-01-01"),
    Coverage("PAK", "endorses", "src-a", object_id="hamas", as_of="2025-06-01"),
    Coverage("PAK", "contributes_peacekeepers", "src-a"),
    # IDN: a search about the other party, one after the assessment date, one from a
    # left-out source: none of them covers anything
    Coverage("IDN", "has_links_to", "src-a", object_id="ISR", as_of="2025-01-01"),
    Coverage("IDN", "endorses", "src-a", object_id="hamas", as_of="2026-01-02"),
    Coverage("IDN", "has_links_to", "src-out", object_id="hamas", as_of="2025-01-01"),
    # TUR: the peacekeeping question searched three times; the newest record with a stored
    # source speaks (src-gone is not stored)
    Coverage("TUR", "contributes_peacekeepers", "src-b", as_of="2024-01-01"),
    Coverage("TUR", "contributes_peacekeepers", "src-a", as_of="2025-01-01"),
    Coverage("TUR", "contributes_peacekeepers", "src-gone", as_of="2025-12-01"),
    # an undated search is the oldest, never the newest
    Coverage("TUR", "contributes_peacekeepers", "src-b"),
    # IDN: searched, nothing found, but by a source that is not stored: no absence evidence
    Coverage("IDN", "contributes_peacekeepers", "src-gone", as_of="2025-01-01"),
]


def _found(candidate: str, indicator: str, *, absence: bool = False) -> Evidence:
    return Evidence(
        candidate, indicator, "clm", 1, "src-a", "dataset a", True, 0.5, absence=absence
    )


def test_coverage_tells_searched_nothing_found_from_not_searched(
    rubric: Rubric, context: Context
) -> None:
    evidence = [
        _found("IDN", "no_peacekeeping"),
        _found("IDN", "endorsed_by_group", absence=True),  # absence never counts as found
    ]
    coverage = measure_coverage(rubric, context, RECORDS, evidence)
    nothing, found, not_searched = Searched.NOTHING, Searched.FOUND, Searched.NOT
    assert {c: v.indicators for c, v in coverage.items()} == {
        "PAK": {
            "links_to_group": nothing,
            "endorsed_by_group": nothing,
            "no_peacekeeping": nothing,
        },
        "IDN": {
            "links_to_group": not_searched,
            "endorsed_by_group": not_searched,
            "no_peacekeeping": found,
        },
        "TUR": {
            "links_to_group": not_searched,
            "endorsed_by_group": not_searched,
            "no_peacekeeping": nothing,
        },
    }
    assert {c: v.share for c, v in coverage.items()} == {"PAK": 1.0, "IDN": 0.5, "TUR": 0.5}
    assert [r.source_id for r in coverage["TUR"].searches["no_peacekeeping"]] == [
        "src-b",
        "src-a",
        "src-gone",
        "src-b",
    ]
    assert all(c == v.candidate for c, v in coverage.items())


def test_absence_is_evidence_from_the_newest_stored_search_graded_and_aged(
    rubric: Rubric, context: Context
) -> None:
    coverage = measure_coverage(rubric, context, RECORDS, [])
    found = absence_evidence(rubric, context, coverage, SOURCES)
    grades = load_grade_weights()
    b2, b3 = (
        grades.weight(SOURCES["src-a"].reliability, 2),
        grades.weight(SOURCES["src-a"].reliability, 3),
    )
    pak_record, tur_record = RECORDS[2], RECORDS[7]
    assert found == [
        # dated on the assessment day: no decay; "denied" against a risk if affirmed
        Evidence(
            "PAK", "links_to_group", RECORDS[0].id, 0, "src-a", "dataset a", False, b2, absence=True
        ),
        # undated: aged as 4 years on a half-life of 4
        Evidence(
            "PAK",
            "no_peacekeeping",
            pak_record.id,
            0,
            "src-a",
            "dataset a",
            True,
            b3 * 0.5,
            undated=True,
            absence=True,
        ),
        Evidence(
            "TUR",
            "no_peacekeeping",
            tur_record.id,
            0,
            "src-a",
            "dataset a",
            True,
            pytest.approx(b3 * 0.5 ** (365 / DAYS_PER_YEAR / 4)),
            absence=True,
        ),
    ]


def test_coverage_record_counts_each_outcome() -> None:
    cover = CandidateCoverage(
        "PAK",
        {"a": Searched.FOUND, "b": Searched.NOTHING, "c": Searched.NOTHING, "d": Searched.NOT},
        1 / 3,
        {},
    )
    assert coverage_record(cover, 0.5) == {
        "share": 0.333333,
        "minimum": 0.5,
        "sufficient": False,
        "counts": {"searched, found": 1, "searched, nothing found": 2, "not searched": 1},
        "indicators": {
            "a": "searched, found",
            "b": "searched, nothing found",
            "c": "searched, nothing found",
            "d": "not searched",
        },
    }


@pytest.mark.parametrize(
    ("share", "minimum", "expected"),
    [
        (0.5, 0.5, True),  # exactly the minimum
        (0.7 - 0.4, 0.3, True),  # a sum of shares a rounding error short of it
        (0.5 - 1e-9, 0.5, True),  # at the edge of the tolerance
        (0.49, 0.5, False),
        (0.25, 0.5, False),
    ],
)
def test_coverage_is_sufficient_at_the_minimum_within_rounding(
    share: float, minimum: float, expected: bool
) -> None:
    cover = CandidateCoverage("PAK", {}, share, {})
    assert sufficient(cover, minimum) is expected
    assert ranked_mask({"PAK": cover}, ["PAK"], minimum) == [expected]


def test_probabilities_outside_the_table_still_get_words() -> None:
    assert likelihood_words(0.95) == "almost certain"
    assert likelihood_words(1.5) == "almost certain"
    assert likelihood_words(-0.1) == "almost no chance"


def _values(rubric: Rubric, confidence: float, evidence: list[Evidence]) -> CandidateValues:
    indicators = {
        i.id: IndicatorValue(i.id, 0.5, confidence, 0.0, 0.0, 0, tuple(evidence) if k == 0 else ())
        for k, i in enumerate(rubric.indicators)
    }
    return CandidateValues("PAK", indicators, {}, 0.5)


def _weighed(*clusters: str, weight: float = 0.5) -> list[Evidence]:
    return [Evidence("PAK", "links_to_group", f"clm-{c}", 1, c, c, True, weight) for c in clusters]


@pytest.mark.parametrize(
    ("confidence", "clusters", "good", "level"),
    [
        (0.30, ("a", "b", "c"), ("a", "b"), "high"),  # every threshold met exactly
        (0.30, ("a", "b", "c"), ("a",), "moderate"),  # one good source short of high
        (0.30, ("a", "b"), ("a", "b"), "moderate"),  # one source short of high
        (0.29, ("a", "b", "c"), ("a", "b"), "moderate"),  # just short of high's mean
        (0.12, ("a", "b"), ("a",), "moderate"),
        (0.10, ("a", "b", "c"), ("a", "b"), "low"),  # enough sources, too little confidence
        (0.30, ("a",), ("a",), "low"),
    ],
)
def test_confidence_levels_need_every_threshold_of_their_band(
    rubric: Rubric, confidence: float, clusters: tuple[str, ...], good: tuple[str, ...], level: str
) -> None:
    # a zero-weight claim (grade F or 6) from another source is not a source
    evidence = _weighed(*clusters) + _weighed("zero", weight=0.0)
    result = confidence_level(rubric, _values(rubric, confidence, evidence), [*good, "zero"])
    assert result == Confidence(level, pytest.approx(confidence), len(clusters), len(good))


def test_one_opinion_source_over_half_the_weight_holds_confidence_at_low(rubric: Rubric) -> None:
    values = _values(rubric, 0.5, _weighed("a", "b", "c"))
    capped = confidence_level(rubric, values, ["a", "b", "c"], opinion_share=0.51)
    assert capped == Confidence(
        "low", 0.5, 3, 3, "one opinion source supplies most of the evidence weight"
    )
    half = confidence_level(rubric, values, ["a", "b", "c"], opinion_share=0.5)
    assert half == Confidence("high", 0.5, 3, 3, None)


def _inputs(
    evidence: list[Evidence],
    shares: dict[str, dict[str, float]],
    sources: dict[str, Source],
    bindings: list[CapBinding],
) -> RunInputs:
    return RunInputs(
        candidates=("PAK", "IDN"),
        sources=sources,
        context=None,  # type: ignore[arg-type]  # source_profile does not read it
        evidence=evidence,
        coverage={},
        bindings=bindings,
        shares=shares,
        excluded=frozenset(),
    )


def test_source_profile_lists_sources_by_share_with_kinds_caps_and_the_score_without_the_top(
    rubric: Rubric,
) -> None:
    sources = {
        s.id: s
        for s in (
            _source("src-a", "B", "Dataset A"),
            make_source(
                title="op",
                publisher="Op Ed",
                kind="opinion",
                reliability="C",
                graded_by="t",
                added_at="2026-01-01",
                source_id="src-op",
            ),
            make_source(
                title="op copy",
                publisher="Op Ed",
                kind="news",
                reliability="C",
                graded_by="t",
                added_at="2026-01-01",
                source_id="src-op2",
            ),
        )
    }
    evidence = [
        Evidence("PAK", "links_to_group", "c1", 1, "src-a", "dataset a", True, 0.6),
        Evidence("PAK", "links_to_group", "c2", 1, "src-op", "op ed", False, 0.3),
        Evidence("PAK", "no_peacekeeping", "c3", 1, "src-op2", "op ed", True, 0.2),
        Evidence("IDN", "no_peacekeeping", "c4", 1, "src-a", "dataset a", True, 0.9),
    ]
    shares = {
        "PAK": {
            "op ed": 0.31234567,
            "dataset a": 0.41234567,
            "e": 0.05,
            "b": 0.05,
            "d": 0.05,
            "a": 0.05,
            "c": 0.05,
        },
        "IDN": {"dataset a": 1.0},
    }
    bindings = [
        CapBinding("PAK", "op ed", True, 0.6, 0.51234567),
        CapBinding("IDN", "dataset a", True, 1.0, 0.25),
    ]
    values = candidate_values(rubric, "PAK", evidence)
    without_a = candidate_values(rubric, "PAK", evidence[1:3]).score
    assert without_a != values.score
    profile = source_profile(rubric, "PAK", _inputs(evidence, shares, sources, bindings), values)
    assert profile == {
        "count": 7,
        "shares": [
            {
                "source": "dataset a",
                "publisher": "Dataset A",  # how reports name it: its source's publisher
                "source_ids": ["src-a"],
                "kinds": ["dataset"],
                "share": 0.412346,
                "capped": None,
            },
            {
                "source": "op ed",
                "publisher": "Op Ed",
                "source_ids": ["src-op", "src-op2"],
                "kinds": ["news", "opinion"],
                "share": 0.312346,
                "capped": 0.512346,
            },
            {
                "source": "a",
                "publisher": "a",  # no source of its own: named by its key
                "source_ids": [],
                "kinds": [],
                "share": 0.05,
                "capped": None,
            },
            {
                "source": "b",
                "publisher": "b",  # no source of its own: named by its key
                "source_ids": [],
                "kinds": [],
                "share": 0.05,
                "capped": None,
            },
            {
                "source": "c",
                "publisher": "c",  # no source of its own: named by its key
                "source_ids": [],
                "kinds": [],
                "share": 0.05,
                "capped": None,
            },
        ],
        "opinion_share": 0.312346,
        "without_top": {
            "source": "dataset a",
            "point": round(without_a, 6),
            "change": round(without_a - values.score, 6),
        },
    }


def test_a_profile_of_weightless_sources_has_no_top_and_no_opinion(rubric: Rubric) -> None:
    values = candidate_values(rubric, "PAK", [])
    profile = source_profile(rubric, "PAK", _inputs([], {"PAK": {"x": 0.0}}, {}, []), values)
    assert profile == {
        "count": 1,
        "shares": [
            {
                "source": "x",
                "publisher": "x",
                "source_ids": [],
                "kinds": [],
                "share": 0.0,
                "capped": None,
            }
        ],
        "opinion_share": 0.0,
        "without_top": None,
    }


def test_leaving_out_a_copy_leaves_out_its_original_and_the_other_copies() -> None:
    sources = {
        s.id: s
        for s in (
            _source("orig", "B", "Wire"),
            replace(_source("copy1", "B", "Paper"), report_id="orig"),
            replace(_source("copy2", "B", "Other"), report_id="orig"),
            _source("unrelated", "B", "Wire"),
        )
    }
    assert copies_of(["copy1"], sources) == {"orig", "copy1", "copy2"}


def test_run_parameters_are_stored_under_their_names() -> None:
    params = AssessmentParams(
        candidates=("PAK", "IDN"),
        roles={"party": ("ISR",), "group_to_disarm": ("hamas",)},
        as_of="2026-01-01",
        samples=500,
        seed=3,
        without_sources=("src-a",),
        scenario="gaza",
        two_person=True,
        reservations={"disarmament": ("disarm",)},
        plain=True,
    )
    assert params.to_dict() == {
        "candidates": ["PAK", "IDN"],
        "roles": {"group_to_disarm": ["hamas"], "party": ["ISR"]},
        "as_of": "2026-01-01",
        "samples": 500,
        "seed": 3,
        "without_sources": ["src-a"],
        "scenario": "gaza",
        "two_person": True,
        "reservations": {"disarmament": ["disarm"]},
        "plain": True,
    }


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"candidates": ("PAK", "Nowhereland")}, "candidates"),
        ({"without_sources": ("src-nope",)}, "without_source"),
        ({"roles": {"group_to_disarm": ("Nobody Brigade",)}}, "roles.group_to_disarm"),
    ],
)
def test_an_unknown_name_in_the_run_parameters_names_its_field(
    store: Store, rubric: Rubric, change: dict[str, Any], field: str
) -> None:
    values: dict[str, Any] = {"candidates": ("PAK",), "roles": {}, "as_of": "2026-01-01"}
    with store.transaction(), pytest.raises(NotFoundError) as raised:
        gather_inputs(store, rubric, AssessmentParams(**(values | change)))
    assert raised.value.field == field


def _unit(candidate: str, cluster: str, indicator: str, risk: bool, weight: float) -> Evidence:
    return Evidence(
        candidate, indicator, f"clm-{cluster}-{weight}", 1, cluster, cluster, risk, weight
    )


def test_a_source_share_sums_its_strongest_claim_per_indicator_and_side() -> None:
    evidence = [
        _unit("PAK", "a", "x", True, 0.4),
        _unit("PAK", "a", "x", True, 0.2),  # weaker on the same indicator and side: no vote
        _unit("PAK", "a", "y", False, 0.3),
        _unit("PAK", "b", "x", True, 0.5),
        _unit("IDN", "a", "x", True, 0.0),  # weightless evidence: a share of nothing
    ]
    shares = source_shares(evidence)
    assert shares["PAK"] == {"a": pytest.approx(0.7 / 1.2), "b": pytest.approx(0.5 / 1.2)}
    assert shares["IDN"] == {"a": 0.0}


def test_the_cap_scales_a_dominant_source_and_reports_its_share_and_factor() -> None:
    evidence = [_unit("PAK", "a", "x", True, 3.0), _unit("PAK", "b", "y", True, 1.0)]
    capped, bindings = cap_source_shares(evidence, 0.5, reference=1.0)
    # a may weigh at most cap / (1 - cap) x (others + reference) = 1 x (1 + 1) = 2
    assert bindings == [CapBinding("PAK", "a", True, 0.75, pytest.approx(2 / 3))]
    assert [(e.cluster, e.weight, e.scale) for e in capped] == [
        ("a", pytest.approx(2.0), pytest.approx(2 / 3)),
        ("b", 1.0, 1.0),
    ]


def test_a_source_exactly_at_the_cap_is_not_capped() -> None:
    evidence = [_unit("PAK", "a", "x", True, 1.0)]  # allowed: 1 x (0 + 1) = 1
    capped, bindings = cap_source_shares(evidence, 0.5, reference=1.0)
    assert bindings == []
    assert capped == evidence


def _designation(actor: str, authority: str = "UN Security Council", **dates: Any) -> Designation:
    return Designation(
        f"des-{actor}", actor, authority, None, dates.pop("listed_on", None), **dates
    )


def test_the_context_follows_chains_of_parents_and_reads_listings_on_the_day() -> None:
    actors = [
        Actor("pak-isi", ActorKind.STATE_BODY, "ISI", parent_id="PAK"),
        Actor("pak-chief", ActorKind.PERSON, "Chief", parent_id="pak-isi"),
        Actor("pak-aide", ActorKind.PERSON, "Aide", parent_id="pak-chief"),
        Actor("orphan", ActorKind.STATE_BODY, "Orphan", parent_id="not-stored"),
        Actor("loop-a", ActorKind.STATE_BODY, "Loop A", parent_id="loop-b"),
        Actor("loop-b", ActorKind.STATE_BODY, "Loop B", parent_id="loop-a"),
        Actor("into-loop", ActorKind.STATE_BODY, "Into the loop", parent_id="loop-a"),
    ]
    designations = [
        _designation("hamas", listed_on="2020-01-01"),
        _designation("today", listed_on="2026-01-01"),  # listed on the assessment day
        _designation("undated"),  # no listing date: listed
        _designation("future", listed_on="2026-01-02"),
        _designation("delisted-today", listed_on="2020-01-01", delisted_on="2026-01-01"),
        _designation("delisted", listed_on="2020-01-01", delisted_on="2025-01-01"),
        _designation("elsewhere", "Some Other List", listed_on="2020-01-01"),
    ]
    context = make_context(
        candidates=["PAK"],
        actors=actors,
        designations=designations,
        roles={"party": ["ISR"]},
        listing_authorities=["UN Security Council"],
        as_of="2026-01-01",
    )
    assert context.belongs == {
        "PAK": ("PAK", "state"),
        "pak-isi": ("PAK", "body"),
        "pak-chief": ("PAK", "official"),
        "pak-aide": ("PAK", "official"),
    }
    assert context.roles["listed_group"] == {"hamas", "today", "undated"}
    assert context.roles["party"] == {"ISR"}


def test_the_other_side_matches_only_its_roles() -> None:
    context = Context(("PAK",), {"party": frozenset({"ISR"})}, {}, "2026-01-01")
    assert context.other_side_matches("ISR", ["unknown role", "party"])
    assert not context.other_side_matches("EGY", ["unknown role", "party"])
    assert not context.other_side_matches(None, ["party"])
    assert context.other_side_matches(None, ["any"])


def test_the_origin_of_a_copy_is_the_end_of_its_chain() -> None:
    def copy(sid: str, of: str | None) -> Source:
        return replace(_source(sid, "B", sid), report_id=of)

    sources = {s.id: s for s in (copy("orig", None), copy("c1", "orig"), copy("c2", "c1"))}
    assert origin_of(sources["c2"], sources).id == "orig"
    assert origin_of(sources["c2"], None).id == "c2"  # no sources to follow
    lost = copy("lost", "not-stored")
    assert origin_of(lost, sources).id == "lost"
    looped = {s.id: s for s in (copy("x", "y"), copy("y", "x"), copy("t", "x"))}
    assert origin_of(looped["x"], looped).id == "x"  # a loop of copies ends where it began
    assert origin_of(looped["t"], looped).id == "x"  # or where the chain entered it


EVIDENCE_RUBRIC = """
id: evidence
version: 1
title: Matching tests
risk_threshold: 0.5
prior_strength: 2.0
undated_age_years: 3.0
hypotheses: [{id: h, label: h}]
criteria:
  - id: c
    label: C
    weight: 1.0
    indicators:
      - id: recent_links
        question: Links to the group in the last four years?
        match:
          predicates: [has_links_to]
          subject: [state]
          object: [group_to_disarm]
          within_years: 4
        risk_if: affirmed
        weight: 1.0
        half_life_years: 1.0
        consistency: {h: N}
      - id: state_links
        question: Does the state itself have links to the group?
        match: {predicates: [has_links_to], subject: [state], object: [group_to_disarm]}
        risk_if: affirmed
        weight: 1.0
        consistency: {h: N}
      - id: any_links
        question: Links to either side, by anyone of the state?
        match:
          predicates: [has_links_to]
          subject: [state, body, official]
          object: [party, group_to_disarm]
        risk_if: affirmed
        weight: 1.0
        consistency: {h: N}
      - id: reservation
        question: A reservation on disarmament or enforcement?
        match: {predicates: [states_reservation_on_mandate], value_contains: [disarm, enforcement]}
        risk_if: affirmed
        weight: 1.0
        consistency: {h: N}
      - id: any_reservation
        question: Any reservation?
        match: {predicates: [states_reservation_on_mandate]}
        risk_if: affirmed
        weight: 1.0
        consistency: {h: N}
"""


def _claim(
    cid: str,
    subject: str,
    predicate: str,
    *,
    source: str = "src-a",
    object: str | None = None,
    value: str | None = None,
    time: str | None = None,
) -> Claim:
    return Claim(
        id=cid,
        revision=1,
        source_id=source,
        subject_id=subject,
        predicate=predicate,
        object_id=object,
        value=value,
        time=parse_time(time) if time else None,
        place=None,
        polarity=Polarity.AFFIRMS,
        quote=cid,
        quote_start=None,
        quote_end=None,
        paraphrase=True,
        credibility=Credibility.PROBABLY_TRUE,
        status=Status.ACCEPTED,
        extracted_by="test",
        reported_by_id=None,
        recorded_by="test",
        recorded_at="2026-01-01",
    )


def test_claims_match_every_indicator_they_answer_on_the_assessment_day() -> None:
    rubric = parse_rubric(EVIDENCE_RUBRIC, path="evidence.yaml")
    sources = {
        s.id: s
        for s in (
            _source("src-a", "B", "Wire A"),  # undated
            _source("src-today", "B", "Wire T", date="2026-01-01"),
            _source("src-late", "B", "Wire L", date="2026-02-01"),
            _source("src-mid", "B", "Wire M", date="2025-06-01"),
        )
    }
    context = make_context(
        candidates=["PAK"],
        actors=[
            Actor("hamas", ActorKind.ARMED_GROUP, "Hamas"),
            Actor("pak-chief", ActorKind.PERSON, "Chief", parent_id="PAK"),
        ],
        designations=[],
        roles={"group_to_disarm": ["hamas"], "party": ["ISR"]},
        listing_authorities=[],
        as_of="2026-01-01",
    )
    claims = [
        # left out: they begin, or their source was published, after the assessment date
        _claim("future", "PAK", "has_links_to", object="hamas", time="2026-02-01"),
        _claim("late", "PAK", "has_links_to", source="src-late", object="hamas"),
        # begins on the assessment day: counts, at age 0 (no decay)
        _claim("today", "PAK", "has_links_to", object="hamas", time="2026-01-01"),
        # published on the assessment day: counts
        _claim("published", "PAK", "has_links_to", source="src-today", object="hamas"),
        # exactly four years old (1461 days): still within four years
        _claim("four", "PAK", "has_links_to", object="hamas", time="2022-01-01"),
        # older: fails the four-year filter, still answers the others
        _claim("old", "PAK", "has_links_to", object="hamas", time="2020-01-01"),
        # an official and the other party: only the indicator open to them
        _claim("official", "pak-chief", "has_links_to", object="hamas", time="2025-01-01"),
        _claim("party", "PAK", "has_links_to", object="ISR", time="2025-01-01"),
        # the claim's end is later than its source's date: aged from the source's date
        _claim(
            "after",
            "PAK",
            "states_reservation_on_mandate",
            source="src-mid",
            value="No DISARMING",
            time="2025-12",
        ),
        # neither term, and no value at all: only the open indicator
        _claim("peace", "PAK", "states_reservation_on_mandate", value="peace", time="2025-01-01"),
        _claim("undated", "PAK", "states_reservation_on_mandate"),
    ]
    found = match_evidence(rubric, context, claims, sources)
    assert sorted((e.claim_id, e.indicator) for e in found) == sorted(
        [
            ("today", "recent_links"),
            ("today", "state_links"),
            ("today", "any_links"),
            ("published", "recent_links"),
            ("published", "state_links"),
            ("published", "any_links"),
            ("four", "recent_links"),
            ("four", "state_links"),
            ("four", "any_links"),
            ("old", "state_links"),
            ("old", "any_links"),
            ("official", "any_links"),
            ("party", "any_links"),
            ("after", "reservation"),
            ("after", "any_reservation"),
            ("peace", "any_reservation"),
            ("undated", "any_reservation"),
        ]
    )
    by = {(e.claim_id, e.indicator): e for e in found}
    grade = load_grade_weights().weight(SOURCES["src-a"].reliability, 2)
    assert by[("today", "recent_links")].weight == grade  # age 0: no decay
    assert by[("four", "recent_links")].weight == pytest.approx(grade * 0.5**4)
    assert not by[("today", "recent_links")].undated
    undated = by[("undated", "any_reservation")]
    assert undated.undated
    assert not by[("after", "any_reservation")].undated
    # "after" is aged from 2025-06-01 (214 days), not from the end of December
    age = evidence_age(rubric, context, sources, claims[8])
    assert age == Age(pytest.approx(214 / DAYS_PER_YEAR), "2025-06-01", False)
    assert age.undated is False
    assert evidence_age(rubric, context, sources, claims[10]).undated
    # a claim's own end counts when it is earlier than its source's date
    early = _claim(
        "early", "PAK", "has_links_to", source="src-mid", object="hamas", time="2025-01-01"
    )
    assert evidence_age(rubric, context, sources, early).years == pytest.approx(365 / DAYS_PER_YEAR)


def evidence_age(rubric: Rubric, context: Context, sources: dict[str, Source], claim: Claim) -> Age:
    return _Ages(context.as_of, rubric.undated_age_years, sources).of(claim)


CAVEAT_RUBRIC = """
id: caveats
version: 1
title: Caveats tests
risk_threshold: 0.5
hypotheses: [{id: h, label: h}]
criteria:
  - id: mixed
    label: Mixed
    weight: 1.0
    indicators:
      - {id: a, question: "A?", match: {predicates: [has_links_to]}, risk_if: affirmed,
         weight: 1.0, prior: 0.2, consistency: {h: N}}
      - {id: cav1, question: "C1?", match: {predicates: [states_condition]}, risk_if: affirmed,
         weight: 3.0, prior: 0.8, caveat: true, consistency: {h: N}}
  - id: caveats
    label: Caveats only
    weight: 1.0
    indicators:
      - {id: cav2, question: "C2?", match: {predicates: [states_condition]}, risk_if: affirmed,
         weight: 1.0, prior: 0.4, caveat: true, consistency: {h: N}}
      - {id: cav3, question: "C3?", match: {predicates: [states_condition]}, risk_if: affirmed,
         weight: 3.0, prior: 0.6, caveat: true, consistency: {h: N}}
"""


def test_caveats_keep_their_values_but_weigh_nothing_in_the_score() -> None:
    rubric = parse_rubric(CAVEAT_RUBRIC, path="caveats.yaml")
    values = candidate_values(rubric, "PAK", [])
    assert values.candidate == "PAK"
    assert {k: (v.indicator, v.value) for k, v in values.indicators.items()} == {
        "a": ("a", pytest.approx(0.2)),
        "cav1": ("cav1", pytest.approx(0.8)),
        "cav2": ("cav2", pytest.approx(0.4)),
        "cav3": ("cav3", pytest.approx(0.6)),
    }
    # a criterion with a caveat: the caveat weighs nothing; one of caveats only: their
    # nominal weights, shown but left out of the overall score
    assert values.criteria == {"mixed": pytest.approx(0.2), "caveats": pytest.approx(0.55)}
    assert values.score == pytest.approx(0.2)


def test_absence_evidence_counts_under_the_original_of_a_copied_dataset(
    rubric: Rubric, context: Context
) -> None:
    sources = SOURCES | {
        "src-a": replace(SOURCES["src-a"], report_id="src-orig"),
        "src-orig": _source("src-orig", "B", "Original Wire"),
    }
    coverage = measure_coverage(rubric, context, RECORDS, [])
    found = absence_evidence(rubric, context, coverage, sources)
    assert [(e.source_id, e.cluster) for e in found] == [("src-a", "original wire")] * 3


def test_run_inputs_keep_the_context_they_were_made_in(rubric: Rubric, context: Context) -> None:
    inputs = make_inputs(rubric, context, [], SOURCES, RECORDS)
    assert inputs.context is context
    assert inputs.candidates == ("PAK", "IDN", "TUR")
    assert inputs.excluded == {"src-out"}


def test_absence_evidence_is_read_for_every_candidate_searched_with_nothing_found(
    rubric: Rubric, context: Context
) -> None:
    record = Coverage("TUR", "has_links_to", "src-b", object_id="hamas", as_of="2026-01-01")
    ids = [i.id for i in rubric.indicators]
    coverage = {
        "IDN": CandidateCoverage("IDN", dict.fromkeys(ids, Searched.FOUND), 1.0, {}),
        "TUR": CandidateCoverage(
            "TUR",
            dict.fromkeys(ids, Searched.NOT) | {"links_to_group": Searched.NOTHING},
            0.25,
            dict.fromkeys(ids, ()) | {"links_to_group": (record,)},
        ),
    }
    found = absence_evidence(rubric, context, coverage, SOURCES)
    assert [(e.candidate, e.indicator, e.claim_id) for e in found] == [
        ("TUR", "links_to_group", record.id)
    ]


def test_roles_the_scenario_does_not_name_match_nobody() -> None:
    rubric = parse_rubric(EVIDENCE_RUBRIC, path="evidence.yaml")
    context = make_context(
        candidates=["PAK"],
        actors=[],
        designations=[],
        roles={"group_to_disarm": ["hamas"]},  # no "party"
        listing_authorities=[],
        as_of="2026-01-01",
    )
    claims = [
        _claim("hamas", "PAK", "has_links_to", object="hamas", time="2025-01-01"),
        _claim("isr", "PAK", "has_links_to", object="ISR", time="2025-01-01"),
    ]
    found = match_evidence(rubric, context, claims, SOURCES)
    assert {(e.claim_id, e.indicator) for e in found} == {
        ("hamas", "recent_links"),
        ("hamas", "state_links"),
        ("hamas", "any_links"),
    }


def test_a_source_without_a_publisher_is_named_by_its_key(rubric: Rubric) -> None:
    anonymous = replace(_source("src-anon", "B", ""), publisher="")
    evidence = [Evidence("PAK", "links_to_group", "c1", 1, "src-anon", "src-anon", True, 0.6)]
    inputs = _inputs(evidence, {"PAK": {"src-anon": 1.0}}, {"src-anon": anonymous}, [])
    profile = source_profile(rubric, "PAK", inputs, candidate_values(rubric, "PAK", evidence))
    assert profile["shares"][0]["publisher"] == "src-anon"


# SMAA. One criterion of one indicator makes the score the indicator's drawn value, so
# the score's mean and quantiles are those of the cell's posterior; the second rubric has
# two criteria, the first of two indicators with different priors.
ONE_CELL = """
id: one
version: 1
title: One indicator
risk_threshold: 0.5
prior_strength: 4.0
hypotheses: [{id: h, label: h}]
criteria:
  - id: only
    label: Only
    weight: 1.0
    indicators:
      - id: only
        question: Only?
        match: {predicates: [has_links_to], subject: [state]}
        risk_if: affirmed
        weight: 1.0
        prior: 0.25
        consistency: {h: N}
"""

TWO_CRITERIA = """
id: two
version: 1
title: Two criteria
risk_threshold: 0.6
prior_strength: 2.0
hypotheses: [{id: h, label: h}]
criteria:
  - id: first
    label: First
    weight: 1.0
    weight_range: [0.0, 1.0]
    indicators:
      - id: a
        question: A?
        match: {predicates: [has_links_to], subject: [state]}
        risk_if: affirmed
        weight: 1.0
        prior: 0.2
        consistency: {h: N}
      - id: b
        question: B?
        match: {predicates: [endorses], subject: [state]}
        risk_if: affirmed
        weight: 3.0
        prior: 0.6
        consistency: {h: N}
  - id: second
    label: Second
    weight: 2.0
    weight_range: [2.0, 2.0]
    indicators:
      - id: c
        question: C?
        match: {predicates: [contributes_peacekeepers], subject: [state]}
        risk_if: denied
        weight: 1.0
        consistency: {h: N}
"""


def _ev(candidate: str, indicator: str, cluster: str, weight: float, risk: bool = True) -> Evidence:
    return Evidence(candidate, indicator, f"clm-{cluster}", 1, cluster, cluster, risk, weight)


def _smaa(
    rubric: Rubric,
    candidates: list[str],
    evidence: list[Evidence],
    samples: int = 20_000,
    **extra: Any,
) -> SmaaResult:
    units = make_units(rubric, candidates, evidence)
    return run_smaa(rubric, candidates, units, samples=samples, seed=7, **extra)


def test_units_keep_the_strongest_weight_of_listed_candidates_only() -> None:
    rubric = parse_rubric(TWO_CRITERIA, path="two.yaml")
    evidence = [
        _ev("PAK", "a", "wire", 0.3),
        _ev("PAK", "a", "wire", 0.7),  # the same source again: only the stronger counts
        _ev("PAK", "a", "wire", 0.4, risk=False),  # the other side is its own unit
        _ev("IDN", "c", "paper", 0.5),
        _ev("ZZZ", "a", "stranger", 0.9),  # not a candidate
        _ev("PAK", "b", "weightless", 0.0),  # weighs nothing
    ]
    units = make_units(rubric, ["PAK", "IDN"], evidence)
    # cell side = (candidate * 3 + indicator) * 2 + side (0 for risk)
    assert sorted(
        zip(units.cell_side.tolist(), units.weight.tolist(), units.source.tolist(), strict=True)
    ) == [
        (0, 0.7, 0),
        (1, 0.4, 0),
        (10, 0.5, 1),
    ]
    assert units.sources == 2
    empty = make_units(rubric, ["PAK"], [_ev("PAK", "a", "weightless", 0.0)])
    assert empty.cell_side.shape == empty.weight.shape == empty.source.shape == (0,)
    assert empty.sources == 0


def test_a_source_of_weight_zero_changes_nothing() -> None:
    rubric = parse_rubric(TWO_CRITERIA, path="two.yaml")
    evidence = [_ev("PAK", "a", "wire", 0.6), _ev("IDN", "b", "paper", 0.4, risk=False)]
    before = _smaa(rubric, ["PAK", "IDN"], evidence, samples=2_000)
    after = _smaa(
        rubric, ["PAK", "IDN"], [*evidence, _ev("PAK", "c", "weightless", 0.0)], samples=2_000
    )
    for field in ("mean", "p05", "p95", "rank_probabilities", "exceeds"):
        assert np.array_equal(getattr(before, field), getattr(after, field)), field


def test_each_cell_draws_from_its_posterior_exactly_up_to_the_limit() -> None:
    # Units of weight 1 always hold, so each cell's posterior is known: Beta(k m + risk,
    # k (1 - m) + against) with k m = 1 and k (1 - m) = 3.
    rubric = parse_rubric(ONE_CELL, path="one.yaml")
    evidence = [
        *(_ev("EIGHT", "only", f"e{k}", 1.0) for k in range(8)),  # the last exact count
        *(_ev("MIXED", "only", f"m{k}", 1.0) for k in range(4)),
        _ev("MIXED", "only", "m-against", 1.0, risk=False),
        *(_ev("MANY", "only", f"n{k}", 1.0) for k in range(10)),  # approximated
    ]
    candidates = ["NONE", "EIGHT", "MIXED", "MANY"]
    result = _smaa(rubric, candidates, evidence, samples=40_000)
    for k, (a, b) in enumerate([(1, 3), (9, 3), (5, 4)]):
        assert result.mean[k] == pytest.approx(a / (a + b), abs=0.005), candidates[k]
        assert result.p05[k] == pytest.approx(stats.beta.ppf(0.05, a, b), abs=0.01)
        assert result.p95[k] == pytest.approx(stats.beta.ppf(0.95, a, b), abs=0.01)
        assert result.exceeds[k] == pytest.approx(stats.beta.sf(0.5, a, b), abs=0.01)
    # more than the limit: a normal around the posterior mean at the counts, Beta(11, 3)
    assert result.mean[3] == pytest.approx(11 / 14, abs=0.005)
    assert result.p05[3] == pytest.approx(11 / 14 - 1.645 * np.sqrt(33 / 14**2 / 15), abs=0.01)


def _delta_method(
    units: list[tuple[str, float, bool]], a0: float = 1.0, b0: float = 3.0
) -> tuple[float, dict[str, float], float]:
    """Return an approximated cell's mean, its loading on each source's normal draw and its
    independent variance, worked out from the model: the truth [u < w] of a unit is
    -phi(Phi^-1(w)) Phi^-1(u) plus a remainder of variance w (1 - w) - phi^2."""
    a = a0 + sum(w for _, w, risk in units if risk)
    b = b0 + sum(w for _, w, risk in units if not risk)
    total = a + b
    loading: dict[str, float] = {}
    rest = a * b / total**2 / (total + 1)  # the Beta posterior's own variance
    for source, w, risk in units:
        slope = (b if risk else -a) / total**2
        density = stats.norm.pdf(stats.norm.ppf(w))
        loading[source] = loading.get(source, 0.0) - density * slope
        rest += slope**2 * (w * (1 - w) - density**2)
    return a / total, loading, rest


def test_an_approximated_cell_is_normal_around_its_mean_and_shares_its_sources() -> None:
    rubric = parse_rubric(ONE_CELL, path="one.yaml")
    shared = [(f"s{k}", 0.1 + 0.08 * k, True) for k in range(10)]
    cells = {
        "A": [*shared, ("t0", 0.9, False), ("t1", 0.15, False)],
        # the same ten sources, one more, and one of them also on the other side
        "B": [*shared, ("x", 0.85, True), ("s3", 0.6, False)],
    }
    evidence = [_ev(c, "only", s, w, risk) for c, units in cells.items() for s, w, risk in units]
    result = _smaa(rubric, ["A", "B"], evidence, samples=100_000)
    (mean_a, load_a, rest_a), (mean_b, load_b, rest_b) = map(_delta_method, cells.values())
    for k, (mean, load, rest) in enumerate([(mean_a, load_a, rest_a), (mean_b, load_b, rest_b)]):
        sd = np.sqrt(sum(v**2 for v in load.values()) + rest)
        assert result.mean[k] == pytest.approx(mean, abs=0.002)
        assert result.p05[k] == pytest.approx(mean - 1.645 * sd, abs=0.003)
        assert result.p95[k] == pytest.approx(mean + 1.645 * sd, abs=0.003)
    # the shared draws make A and B move together: their difference has a small spread
    moved = {s: load_b.get(s, 0.0) - load_a.get(s, 0.0) for s in {*load_a, *load_b}}
    spread = np.sqrt(sum(v**2 for v in moved.values()) + rest_a + rest_b)
    assert result.rank_probabilities[0, 0] == pytest.approx(
        stats.norm.cdf((mean_b - mean_a) / spread), abs=0.005
    )


def test_shared_sources_correlate_two_approximated_candidates() -> None:
    rubric = parse_rubric(ONE_CELL, path="one.yaml")
    shared = [(f"s{k}", 0.5, k % 2 == 0) for k in range(40)]
    cells = {"A": shared, "B": [*shared, *((f"x{k}", 1.0, True) for k in range(5))]}
    evidence = [_ev(c, "only", s, w, risk) for c, units in cells.items() for s, w, risk in units]
    result = _smaa(rubric, ["A", "B"], evidence, samples=100_000)
    (mean_a, load_a, rest_a), (mean_b, load_b, rest_b) = map(_delta_method, cells.values())
    moved = {s: load_b.get(s, 0.0) - load_a.get(s, 0.0) for s in {*load_a, *load_b}}
    spread = np.sqrt(sum(v**2 for v in moved.values()) + rest_a + rest_b)
    # independent draws would give 0.720; the shared ones 0.740
    assert result.rank_probabilities[0, 0] == pytest.approx(
        stats.norm.cdf((mean_b - mean_a) / spread), abs=0.004
    )


def test_ranks_leave_out_the_unranked_and_scores_the_weightless_indicators() -> None:
    rubric = parse_rubric(TWO_CRITERIA, path="two.yaml")
    evidence = [
        *(_ev(c, "a", f"{c}{k}", 0.7) for c in ("P", "R") for k in range(3)),
        *(_ev("Q", "b", f"q{k}", 1.0) for k in range(5)),  # only on the weightless indicator
    ]
    candidates = ["P", "Q", "R", "NONE"]
    result = _smaa(
        rubric,
        candidates,
        evidence,
        ranked=[True, False, True, False],
        score_weights=[1.0, 0.0, 1.0],
    )
    assert result.candidates == tuple(candidates)
    assert (result.samples, result.seed) == (20_000, 7)
    ranks = result.rank_probabilities
    assert ranks.shape == (4, 4)
    assert not ranks[[1, 3]].any() and not ranks[:, 2:].any()
    assert ranks[[0, 2]].sum(axis=1) == pytest.approx([1.0, 1.0])
    # an identical pair splits the first rank evenly, whatever the list order
    assert ranks[0, 0] == pytest.approx(0.5, abs=0.015)
    assert ranks[0, 0] + ranks[2, 0] == pytest.approx(1.0)
    # evidence on a weightless indicator moves nothing: Q scores like a candidate with none
    assert result.mean[1] == pytest.approx(result.mean[3], abs=0.005)
    assert result.p95[1] == pytest.approx(result.p95[3], abs=0.01)
    assert np.all(result.p05 <= result.mean) and np.all(result.mean <= result.p95)
