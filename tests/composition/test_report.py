"""The composition's table rows, JSON record and SVG charts."""

from __future__ import annotations

from forcevet.composition import solve_composition, trace_frontier
from forcevet.reports.composition import (
    composition_chart_svg,
    composition_record,
    composition_rows,
    frontier_record,
    pareto_chart_svg,
)
from tests.composition.factories import gaza_problem

RISK = {"IDN": 0.35, "PAK": 0.7, "MAR": 0.25, "KAZ": 0.2}


def test_rows_put_the_largest_contributor_first_and_flag_illustrative_figures() -> None:
    result = solve_composition(gaza_problem(), RISK)
    rows = composition_rows(result)
    assert len(rows) == len(result.assignments)
    assert rows[0].country == result.contributions[0].country
    assert sum(r.personnel for r in rows) == result.total_personnel
    assert all(r.illustrative for r in rows)
    assert {r.country for r in rows if not r.assessed} <= set(result.unassessed)
    assert composition_record(result)["total_personnel"] == result.total_personnel


def test_charts_are_svg_and_the_same_every_time() -> None:
    problem = gaza_problem()
    result = solve_composition(problem, RISK)
    chart = composition_chart_svg(result)
    assert chart.startswith("<?xml") and "<svg" in chart
    assert "Indonesia *" in chart and "illustrative" in chart
    assert chart == composition_chart_svg(result)
    frontier = trace_frontier(problem, RISK, points=4)
    pareto = pareto_chart_svg(frontier)
    assert "<svg" in pareto and pareto == pareto_chart_svg(frontier)
    assert len(frontier_record(frontier)["points"]) == len(frontier.points)


def test_an_empty_composition_still_draws() -> None:
    result = solve_composition(gaza_problem(), RISK)
    empty = type(result)(status=result.status, objective=result.objective)
    assert "<svg" in composition_chart_svg(empty)
