"""Precision and recall on the labelled set built from the real UN list (tests/fixtures/
screening-eval.csv: 464 listed-name queries, 350 unlisted names; made by
make_screening_eval.py). The floors are what was measured, less a small margin."""

from __future__ import annotations

from pathlib import Path

from forcevet.screening.evaluate import evaluate, load_cases
from forcevet.screening.match import Screener
from forcevet.screening.queries import ScreenConfig

CASES = Path(__file__).parents[1] / "fixtures" / "screening-eval.csv"
# Measured at the default threshold 0.7 on 2 cores: precision 0.989, recall 0.983.
PRECISION_FLOOR = 0.975
RECALL_FLOOR = 0.97
# Unlisted names matched at the default threshold before joining particles were folded
# (ISF, Abdul Rahimi, Ali Sheikh, Mohammad Karimi, Quren Qureshi): the fold adds none.
UNLISTED_FALSE_BEFORE = 5


def test_the_evaluation_set_is_big_enough() -> None:
    cases = load_cases(CASES)
    assert sum(1 for c in cases if c.expected) >= 300
    assert sum(1 for c in cases if not c.expected) >= 300


def test_precision_and_recall_at_the_default_threshold(un_screener: Screener) -> None:
    outcome = evaluate(un_screener, load_cases(CASES))
    by_variant = ", ".join(f"{v} {a}/{b}" for v, (a, b) in sorted(outcome.by_variant.items()))
    print(  # noqa: T201  the numbers are the point of this test
        f"\nthreshold {outcome.threshold}: precision {outcome.precision:.3f}, "
        f"recall {outcome.recall:.3f} ({outcome.found}/{outcome.listed} listed found, "
        f"{outcome.false_alarms} false alarms)\n{by_variant}"
    )
    assert outcome.precision >= PRECISION_FLOOR
    assert outcome.recall >= RECALL_FLOOR
    for variant in ("urdu_letters", "original_script", "acronym", "reordered"):
        found, total = outcome.by_variant[variant]
        assert found / total >= 0.95, variant
    clear = sum(a for v, (a, _) in outcome.by_variant.items() if v.startswith("unlisted"))
    assert outcome.unlisted - clear <= UNLISTED_FALSE_BEFORE, outcome.alarms


def test_the_layer_adds_recall_without_losing_precision(
    un_screener: Screener,
) -> None:
    cases = [c for c in load_cases(CASES) if c.variant in ("urdu_letters", "acronym")]
    bare = Screener(un_screener.candidates, ScreenConfig(thin_layer=False))
    without = evaluate(bare, cases)
    with_layer = evaluate(un_screener, cases)
    assert without.recall < 0.5 < 0.95 <= with_layer.recall
    assert with_layer.precision >= without.precision - 0.02
