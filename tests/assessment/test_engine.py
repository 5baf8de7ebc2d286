from __future__ import annotations

import json

import pytest

from forcevet.assessment.engine import assess
from forcevet.assessment.estimative import likelihood_words
from forcevet.assessment.evidence import Evidence
from forcevet.assessment.indicators import candidate_values
from forcevet.assessment.rubric import Rubric, load_rubric
from forcevet.assessment.runs import get_run, save_run
from forcevet.assessment.smaa import make_units, run_smaa
from forcevet.cases.folder import read_case_folder
from forcevet.ingest.scenario import load_scenario
from forcevet.store.store import Store
from tests.assessment.conftest import params


def test_a_fixed_seed_reproduces_a_run_exactly(hand_store: Store, small_rubric: Rubric) -> None:
    first = assess(hand_store, small_rubric, params(seed=7), by="t")
    again = assess(hand_store, small_rubric, params(seed=7), by="t")
    other = assess(hand_store, small_rubric, params(seed=8), by="t")
    strip = lambda r: {k: v for k, v in r.items() if k != "run"}  # noqa: E731
    assert strip(first) == strip(again)
    assert first["run"]["id"] == again["run"]["id"] != other["run"]["id"]
    assert strip(first) != strip(other)


def test_smaa_scores_agree_with_the_point_scores(hand_store: Store, small_rubric: Rubric) -> None:
    result = assess(hand_store, small_rubric, params(samples=20_000), by="t")
    for record in result["candidates"]:
        score = record["score"]
        assert score["p05"] <= score["mean"] <= score["p95"]
        assert abs(score["mean"] - score["point"]) < 0.03
        assert sum(record["rank_probabilities"]) == pytest.approx(1.0)
    pak = next(c for c in result["candidates"] if c["id"] == "PAK")
    assert pak["score"]["point"] == pytest.approx(0.480725, abs=1e-6)


def test_rank_probabilities_split_evenly_between_identical_candidates(
    small_rubric: Rubric,
) -> None:
    evidence = [
        Evidence(c, "links_to_group", f"clm-{c}", 1, "s", "pub", True, 0.6) for c in ("AAA", "BBB")
    ]
    units = make_units(small_rubric, ["AAA", "BBB"], evidence)
    result = run_smaa(small_rubric, ["AAA", "BBB"], units, samples=20_000, seed=3)
    # the indicators are drawn from their posteriors: about 0.2 apart per sample
    assert result.mean[0] == pytest.approx(result.mean[1], abs=0.01)
    assert result.rank_probabilities[0, 0] == pytest.approx(0.5, abs=0.05)


def test_many_sources_use_the_normal_approximation_with_the_same_mean(
    small_rubric: Rubric,
) -> None:
    evidence = [
        Evidence(
            "AAA", "links_to_group", f"clm-{k}", 1, "s", f"pub{k}", k % 3 > 0, 0.3 + 0.05 * (k % 10)
        )
        for k in range(40)
    ]
    units = make_units(small_rubric, ["AAA"], evidence)
    result = run_smaa(small_rubric, ["AAA"], units, samples=20_000, seed=5)
    point = candidate_values(small_rubric, "AAA", evidence).score
    assert result.mean[0] == pytest.approx(point, abs=0.01)


def test_runs_are_stored_and_read_back_identically(hand_store: Store, small_rubric: Rubric) -> None:
    result = assess(hand_store, small_rubric, params(), by="t")
    with hand_store.transaction():
        assert save_run(hand_store, result)
        assert not save_run(hand_store, result)
    assert json.dumps(get_run(hand_store, result["run"]["id"][:10]), sort_keys=True) == (
        json.dumps(result, sort_keys=True)
    )
    assert get_run(hand_store)["run"]["id"] == result["run"]["id"]  # type: ignore[index]
    assert result["run"]["claims_used"] and result["run"]["rubric"]["hash"] == small_rubric.hash


def test_leaving_out_a_source_removes_its_claims(hand_store: Store, small_rubric: Rubric) -> None:
    full = assess(hand_store, small_rubric, params(), by="t")
    source = full["candidates"][0]["criteria"][0]["indicators"][0]["evidence"][0]["source_id"]
    without = assess(hand_store, small_rubric, params(without_sources=(source,)), by="t")
    used = {
        s
        for c in without["candidates"]
        for cr in c["criteria"]
        for i in cr["indicators"]
        for s in (e["source_id"] for e in i["evidence"])
    }
    assert source not in used
    assert without["run"]["params"]["without_sources"] == [source]


@pytest.mark.parametrize(
    ("probability", "words"),
    [
        (0.0, "almost no chance"),
        (0.05, "very unlikely"),
        (0.3, "unlikely"),
        (0.5, "roughly even chance"),
        (0.6, "likely"),
        (0.9, "very likely"),
        (0.97, "almost certain"),
        (1.0, "almost certain"),
    ],
)
def test_icd_203_words(probability: float, words: str) -> None:
    assert likelihood_words(probability) == words


@pytest.fixture
def scenario_run(store: Store) -> dict:
    scenario = read_case_folder("gaza-isf").scenario
    with store.transaction():
        load_scenario(store, scenario, by="t")
    return assess(
        store,
        load_rubric(),
        params(
            candidates=tuple(scenario.candidates),
            roles={k: tuple(v) for k, v in scenario.roles.items()},
            as_of="2026-03-01",
        ),
        by="t",
    )


def indicator(run: dict, candidate: str, indicator_id: str) -> dict:
    record = next(c for c in run["candidates"] if c["id"] == candidate)
    return next(i for c in record["criteria"] for i in c["indicators"] if i["id"] == indicator_id)


def test_indonesia_and_pakistan_register_on_the_same_disarmament_indicator(
    scenario_run: dict,
) -> None:
    for candidate in ("IDN", "PAK"):
        reservation = indicator(scenario_run, candidate, "reservation_on_disarmament")
        assert not reservation["no_evidence"]
        assert all(e["side"] == "risk" for e in reservation["evidence"])
    assert indicator(scenario_run, "KAZ", "reservation_on_disarmament")["no_evidence"]


def test_the_scenario_links_pakistan_to_listed_groups_through_its_bodies(
    scenario_run: dict,
) -> None:
    links = indicator(scenario_run, "PAK", "links_to_listed_groups")
    assert len(links["evidence"]) >= 4 and links["independent_sources"] == 1
    veto = indicator(scenario_run, "TUR", "vetoed_by_party")
    assert veto["value"] > veto["prior"]


def test_ach_and_sensitivity_on_the_scenario(scenario_run: dict) -> None:
    pakistan = next(c for c in scenario_run["candidates"] if c["id"] == "PAK")
    assert pakistan["ach"]["ranking"][-1] == "impartial"
    assert pakistan["ach"]["most_diagnostic"]
    ranked = [c for c in scenario_run["candidates"] if c["ranked"]]
    assert len(scenario_run["sensitivity"]) == max(len(ranked) - 1, 0)
