"""What a user relies on in an assessment, as properties of the whole evidence pipeline.

Built in memory (no store) with the bundled rubric: a few candidates, sources
and claims made by the factories below, run through ``make_inputs`` (matching,
coverage, absence, the cap on one source's share), the point values and SMAA.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from itertools import product
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forcevet.assessment.evidence import Context, copies_of, make_context
from forcevet.assessment.indicators import all_candidate_values
from forcevet.assessment.inputs import RunInputs, make_inputs
from forcevet.assessment.rubric import Rubric, load_rubric
from forcevet.assessment.smaa import make_units, run_smaa
from forcevet.assessment.weights import load_grade_weights
from forcevet.model.actors import Actor, ActorKind
from forcevet.model.claims import Claim, Polarity, Status
from forcevet.model.dates import parse_time
from forcevet.model.grades import Credibility, Reliability
from forcevet.model.sources import Source, make_source
from forcevet.store.coverage import Coverage

RUBRIC = load_rubric()
AS_OF = "2026-03-01"
ACTORS = [
    Actor("PAK", ActorKind.STATE, "Pakistan"),
    Actor("IDN", ActorKind.STATE, "Indonesia"),
    Actor("ISR", ActorKind.STATE, "Israel"),
    Actor("hamas", ActorKind.ARMED_GROUP, "Hamas"),
    Actor("isf", ActorKind.IGO, "ISF"),
    Actor("pak-isi", ActorKind.STATE_BODY, "ISI", parent_id="PAK"),
]
ROLES = {"state_party": ["ISR"], "armed_group": ["hamas"], "mission": ["isf"]}


def context(candidates: tuple[str, ...] = ("PAK", "IDN"), **extra: Any) -> Context:
    return make_context(
        candidates=candidates,
        actors=ACTORS,
        designations=[],
        roles=ROLES,
        listing_authorities=[],
        as_of=AS_OF,
        **extra,
    )


def src(name: str, reliability: str = "B", date: str | None = "2026-01", **extra: Any) -> Source:
    return make_source(
        title=name,
        publisher=extra.pop("publisher", name),
        kind=extra.pop("kind", "news"),
        reliability=reliability,
        graded_by="test",
        added_at="2026-01-01",
        date=date,
        text=extra.pop("text", f"the text of {name}"),
        **extra,
    )


def clm(source: Source, subject: str, predicate: str, credibility: int = 2, **extra: Any) -> Claim:
    when = extra.pop("date", None)
    return Claim(
        id=f"clm-{source.id}-{subject}-{predicate}-{extra.get('object_id')}-{credibility}-"
        f"{extra.get('polarity', Polarity.AFFIRMS)}-{extra.get('value')}-{when}",
        revision=1,
        source_id=source.id,
        subject_id=subject,
        predicate=predicate,
        object_id=extra.pop("object_id", None),
        value=extra.pop("value", None),
        time=parse_time(when) if when else None,
        place=None,
        polarity=extra.pop("polarity", Polarity.AFFIRMS),
        quote=f"{subject} {predicate}",
        quote_start=None,
        quote_end=None,
        paraphrase=True,
        credibility=Credibility(credibility),
        status=Status.ACCEPTED,
        extracted_by="test",
        reported_by_id=None,
        recorded_by="test",
        recorded_at="2026-01-01",
    )


def run(
    claims: list[Claim],
    sources: list[Source],
    records: list[Coverage] | None = None,
    *,
    rubric: Rubric = RUBRIC,
    ctx: Context | None = None,
) -> RunInputs:
    return make_inputs(rubric, ctx or context(), claims, {s.id: s for s in sources}, records or [])


def scores(inputs: RunInputs, rubric: Rubric = RUBRIC) -> dict[str, float]:
    values = all_candidate_values(rubric, inputs.candidates, inputs.evidence)
    return {c: v.score for c, v in values.items()}


def smaa(inputs: RunInputs, samples: int = 4_000, rubric: Rubric = RUBRIC) -> Any:
    units = make_units(rubric, inputs.candidates, inputs.evidence)
    return run_smaa(
        rubric,
        inputs.candidates,
        units,
        samples=samples,
        seed=11,
        score_weights=[rubric.score_weight(i) for i in rubric.indicators],
    )


WIRE = src("Wire")
PAPER = src("Paper", "C")
LINKS = clm(WIRE, "pak-isi", "has_links_to", 2, object_id="hamas")


# --- grades ---------------------------------------------------------------------------------


def test_grades_are_monotone_and_cannot_be_judged_moves_nothing() -> None:
    grades = load_grade_weights()
    pairs = list(product(Reliability, Credibility))
    assert len(pairs) == 36
    better = "ABCDEF"
    for (r1, c1), (r2, c2) in product(pairs, pairs):
        if better.index(r1.value) <= better.index(r2.value) and int(c1) <= int(c2):
            assert grades.weight(r1, c1) >= grades.weight(r2, c2), (r1, c1, r2, c2)
    assert all(grades.weight(Reliability.F, c) == 0 for c in Credibility)
    assert all(grades.weight(r, Credibility(6)) == 0 for r in Reliability)
    doubtful = max(grades.weight(r, Credibility(c)) for r in Reliability for c in (4, 5))
    probable = min(
        grades.weight(r, Credibility(c))
        for r in Reliability
        if r is not Reliability.F
        for c in (1, 2)
    )
    assert doubtful < probable


def test_an_f6_claim_changes_nothing() -> None:
    rumour = src("Rumour mill", "F")
    leak = clm(rumour, "IDN", "leaks_intelligence_to", 6, object_id="hamas")
    base = run([LINKS], [WIRE])
    more = run([LINKS, leak], [WIRE, rumour])
    assert scores(base) == scores(more)
    before, after = smaa(base), smaa(more)
    assert list(before.mean) == list(after.mean)
    assert list(before.p95) == list(after.p95)


@given(st.sampled_from("ABCDE"), st.sampled_from("ABCDE"), st.integers(1, 5), st.integers(1, 5))
def test_a_worse_grade_never_weighs_more(r1: str, r2: str, c1: int, c2: int) -> None:
    if not ("ABCDE".index(r1) <= "ABCDE".index(r2) and c1 <= c2):
        return
    good, poor = src("Good", r1), src("Poor", r2)
    strong = scores(run([clm(good, "PAK", "leaks_intelligence_to", c1, object_id="hamas")], [good]))
    weak = scores(run([clm(poor, "PAK", "leaks_intelligence_to", c2, object_id="hamas")], [poor]))
    assert strong["PAK"] >= weak["PAK"]


# --- one rubric for all ---------------------------------------------------------------------

PREDICATES = [
    ("has_links_to", "hamas"),
    ("endorses", "hamas"),
    ("leaks_intelligence_to", "hamas"),
    ("recognizes", "ISR"),
    ("offers_units", "isf"),
    ("has_security_ties_with", "ISR"),
]


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(PREDICATES), st.integers(1, 6), st.booleans(), st.sampled_from("ABCDEF")
        ),
        min_size=1,
        max_size=6,
    )
)
def test_the_same_claims_move_two_candidates_alike(items: list[Any]) -> None:
    sources, claims = [], []
    for k, ((predicate, target), credibility, affirms, grade) in enumerate(items):
        source = src(f"Outlet {k}", grade)
        sources.append(source)
        polarity = Polarity.AFFIRMS if affirms else Polarity.DENIES
        for candidate in ("PAK", "IDN"):
            claims.append(
                clm(source, candidate, predicate, credibility, object_id=target, polarity=polarity)
            )
    result = scores(run(claims, sources))
    assert result["PAK"] == pytest.approx(result["IDN"], abs=1e-12)


# --- neutrality is symmetric: ties to the armed group only raise risk -------------------------


@settings(max_examples=40, deadline=None)
@given(
    st.sampled_from(["has_security_ties_with", "endorses", "has_links_to", "funds", "supports"]),
    st.sampled_from("ABCD"),
    st.integers(1, 4),
)
def test_ties_to_the_armed_group_never_lower_risk(
    predicate: str, grade: str, credibility: int
) -> None:
    ties = src("Ties", grade)
    background = [LINKS, clm(PAPER, "PAK", "has_security_ties_with", 2, object_id="ISR")]
    before = scores(run(background, [WIRE, PAPER]))
    tie = clm(ties, "PAK", predicate, credibility, object_id="hamas")
    after = scores(run([*background, tie], [WIRE, PAPER, ties]))
    assert after["PAK"] >= before["PAK"] - 1e-12


# --- one source, one vote -------------------------------------------------------------------


def test_a_copy_of_a_source_adds_nothing_and_leaves_with_it() -> None:
    original = src("Gatestone", "D", kind="opinion")
    copy = dataclasses.replace(src("Gatestone copy", "D", kind="opinion"), report_id=original.id)
    quote = clm(original, "PAK", "leaks_intelligence_to", 3, object_id="hamas")
    again = clm(copy, "PAK", "leaks_intelligence_to", 3, object_id="hamas")
    paraphrase = dataclasses.replace(
        quote, id="clm-paraphrase", quote="paraphrased", paraphrase=True
    )
    one = scores(run([LINKS, quote], [WIRE, original]))
    many = scores(run([LINKS, quote, again, paraphrase], [WIRE, original, copy]))
    assert one == pytest.approx(many)
    sources = {s.id: s for s in (WIRE, original, copy)}
    assert copies_of([original.id], sources) == {original.id, copy.id}
    without = run(
        [LINKS, quote, again],
        [WIRE, original, copy],
        ctx=context(excluded_sources=copies_of([original.id], sources)),
    )
    assert scores(without) == scores(run([LINKS], [WIRE]))


def test_no_source_supplies_more_than_the_cap() -> None:
    rubric = RUBRIC.model_copy(update={"max_source_share": 0.2})
    opinion = src("Advocacy", "D", kind="opinion")
    targets = ["endorses", "leaks_intelligence_to", "funds", "hosts_representative_of"]
    claims = [clm(opinion, "PAK", p, 3, object_id="hamas") for p in targets]  # 4 x 0.2
    news = clm(PAPER, "PAK", "has_security_ties_with", 2, object_id="hamas")  # 0.5525
    inputs = run([*claims, news], [opinion, PAPER], rubric=rubric)
    binding = [b for b in inputs.bindings if b.candidate == "PAK"]
    assert [(b.cluster, b.risk) for b in binding] == [("advocacy", True)]
    counted = sum(e.weight for e in inputs.evidence if e.cluster == "advocacy")
    others = sum(e.weight for e in inputs.evidence if e.cluster == "paper")
    assert counted == pytest.approx(0.2 / 0.8 * (others + rubric.prior_strength))
    assert counted < 0.8  # its four claims as recorded
    alone = run(claims, [opinion], rubric=rubric)  # a lone source keeps reference x cap / (1 - cap)
    assert sum(e.weight for e in alone.evidence) == pytest.approx(0.25 * rubric.prior_strength)
    # the cap never lowers what a source counts for when other sources add to its side
    more = run(
        [*claims, news, clm(WIRE, "PAK", "funds", 2, object_id="hamas")],
        [opinion, WIRE, PAPER],
        rubric=rubric,
    )
    assert sum(e.weight for e in more.evidence if e.cluster == "advocacy") >= counted


# --- ignorance widens uncertainty -----------------------------------------------------------


def test_no_evidence_gives_a_wider_interval_than_ten_good_claims() -> None:
    outlets = [src(f"Outlet {k}", "A") for k in range(10)]
    claims = [
        clm(s, "PAK", p, 1, object_id=o)
        for s in outlets
        for p, o in [
            ("recognizes", "ISR"),
            ("offers_units", "isf"),
            ("contributes_peacekeepers", None),
        ]
    ]
    result = smaa(run(claims, outlets), samples=6_000)
    pak, idn = 0, 1  # IDN has nothing at all
    assert result.p95[idn] - result.p05[idn] > result.p95[pak] - result.p05[pak]
    assert result.p95[idn] - result.p05[idn] > 0.15


# --- time -----------------------------------------------------------------------------------


def test_old_claims_weigh_less_and_undated_ones_are_aged_conservatively() -> None:
    old = src("Old", date="2016-03")
    new = src("New", date="2026-02")
    undated = src("Undated", date=None)
    leak = ("leaks_intelligence_to", "hamas")
    evidence = run(
        [clm(s, "PAK", leak[0], 2, object_id=leak[1]) for s in (old, new, undated)],
        [old, new, undated],
        rubric=RUBRIC.model_copy(update={"max_source_share": 1.0}),
    ).evidence
    weight = {e.source_id: e.weight for e in evidence}
    full = load_grade_weights().weight(Reliability.B, Credibility(2))

    def aged(day: str) -> float:  # intelligence_leakage has a half-life of 5 years
        years = (date.fromisoformat(AS_OF) - date.fromisoformat(day)).days / 365.25
        return full * 0.5 ** (years / 5)

    # an undated claim ages from its source's date, to the end of its month
    assert weight[old.id] == pytest.approx(aged("2016-03-31"))
    assert weight[new.id] == pytest.approx(aged("2026-02-28"))
    assert weight[old.id] < full * 0.27  # about ten years: about a quarter
    assert weight[undated.id] == pytest.approx(full * 0.5 ** (RUBRIC.undated_age_years / 5))
    assert weight[undated.id] < weight[new.id]


def test_a_source_published_after_the_assessment_date_is_left_out() -> None:
    later = src("Later", date="2026-05-01")
    inputs = run([clm(later, "PAK", "leaks_intelligence_to", 2, object_id="hamas")], [later])
    assert inputs.evidence == []


# --- coverage ---------------------------------------------------------------------------------


def test_coverage_tells_searched_from_not_searched_and_absence_is_evidence() -> None:
    dataset = src("UN peacekeeping records", "A", date="2022-01", kind="dataset")
    records = [Coverage("PAK", "contributes_peacekeepers", dataset.id, as_of="2022-01-31")]
    inputs = run([], [dataset], records)
    pak, idn = inputs.coverage["PAK"], inputs.coverage["IDN"]
    assert pak.indicators["no_peacekeeping_record"].value == "searched, nothing found"
    assert idn.indicators["no_peacekeeping_record"].value == "not searched"
    absent = [e for e in inputs.evidence if e.absence]
    assert [(e.candidate, e.indicator, e.risk) for e in absent] == [
        ("PAK", "no_peacekeeping_record", True)
    ]
    assert pak.share > idn.share == 0
    found = run(
        [clm(dataset, "PAK", "contributes_peacekeepers", 1, value="3810", date="2022-01")],
        [dataset],
        records,
    )
    assert found.coverage["PAK"].indicators["no_peacekeeping_record"].value == "searched, found"
    assert not [e for e in found.evidence if e.absence]


# --- confidence follows source quality ------------------------------------------------------


def test_confidence_follows_the_quality_of_the_sources() -> None:
    from forcevet.assessment.estimative import confidence_level

    def level(grade: str) -> str:
        outlets = [src(f"Outlet {grade}{k}", grade) for k in range(4)]
        claims = [
            clm(s, "PAK", p, 1, object_id=o)
            for s in outlets
            for p, o in [("recognizes", "ISR"), ("offers_units", "isf"), ("endorses", "hamas")]
        ]
        inputs = run(claims, outlets)
        values = all_candidate_values(RUBRIC, inputs.candidates, inputs.evidence)
        good = {s.publisher.lower() for s in outlets if grade in "AB"}
        return confidence_level(RUBRIC, values["PAK"], good).level

    order = ["low", "moderate", "high"]
    assert order.index(level("A")) > order.index(level("E")) == 0
