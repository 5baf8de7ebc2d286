"""`forcevet compose`: which contributors fill which requirements, or why none can."""

from __future__ import annotations

from pathlib import Path

import typer

from forcevet.assessment.runs import get_run, require_run, run_risks
from forcevet.cli.output import print_json, print_table, settings_of
from forcevet.composition.formulation import DEFAULT_TIME_LIMIT_S
from forcevet.composition.infeasibility import Infeasibility
from forcevet.composition.inputs import load_problem, load_risk
from forcevet.composition.pareto import (
    DEFAULT_FRONTIER_TIME_LIMIT_S,
    DEFAULT_POINTS,
    Frontier,
    trace_frontier,
)
from forcevet.composition.problem import DEFAULT_RISK
from forcevet.composition.rules import country_name
from forcevet.composition.solve import (
    CompositionResult,
    Objective,
    SolveStatus,
    solve_composition,
)
from forcevet.errors import ForcevetError, StoreError
from forcevet.reports.composition import (
    ILLUSTRATIVE_NOTE,
    composition_record,
    composition_rows,
    frontier_record,
)
from forcevet.store.store import open_store

FILE_HELP = "{what} as .yaml or .csv (default: the bundled Gaza ISF scenario's)."


def compose_command(
    ctx: typer.Context,
    requirements: Path | None = typer.Option(
        None, "--requirements", metavar="FILE", help=FILE_HELP.format(what="Requirements")
    ),
    offers: Path | None = typer.Option(
        None, "--offers", metavar="FILE", help=FILE_HELP.format(what="Offers")
    ),
    constraints: Path | None = typer.Option(
        None,
        "--constraints",
        metavar="FILE",
        help="Constraints as .yaml (default: the bundled scenario's with the bundled files, "
        "none with your own).",
    ),
    risk: Path | None = typer.Option(
        None,
        "--risk",
        metavar="FILE",
        help="Risk per country in [0, 1]: a YAML mapping (PAK: 0.7) or a CSV country,risk "
        "(default: each candidate's mean risk score in the store's latest assessment run; "
        f"{DEFAULT_RISK}, meaning no assessment, for the others).",
    ),
    run: str | None = typer.Option(
        None, "--run", help="Take the risks from this assessment run instead of the latest."
    ),
    objective: Objective = typer.Option(
        Objective.MIN_RISK,
        "--objective",
        help="min-risk: lowest total risk with every required unit filled; max-coverage: "
        "most priority-weighted coverage within the risk ceiling, then lowest risk.",
    ),
    pareto: bool = typer.Option(
        False, "--pareto", help="Trace the risk-versus-coverage frontier instead."
    ),
    points: int = typer.Option(
        DEFAULT_POINTS, "--points", min=2, help="Steps along the frontier (with --pareto)."
    ),
    time_limit: float | None = typer.Option(
        None,
        "--time-limit",
        min=0.1,
        help=f"Seconds for each solve (default {DEFAULT_TIME_LIMIT_S:g}), or for the whole "
        f"frontier with --pareto (default {DEFAULT_FRONTIER_TIME_LIMIT_S:g}); the best "
        "composition found by then is returned, marked not proven optimal.",
    ),
    json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Choose which offered units fill the force's requirements, at the lowest assessed risk.

    Without --requirements and --offers it composes the bundled Gaza ISF scenario
    (requirements.yaml, offers.yaml, constraints.yaml), whose figures are mostly
    illustrative: they are marked so in the files and in the output. Exit code 1
    when no composition meets every requirement and constraint, with the
    smallest set of constraints to blame, in plain words.

    --json prints one object: status (optimal, feasible or infeasible),
    objective, proven_optimal, gap, total_personnel, planned_personnel,
    total_risk, mean_risk, weighted_coverage, units_short, contributions
    (country, name, units, personnel, share, risk, assessed), assignments
    (requirement, sector, unit_type, offer, country, units, personnel, risk,
    weighted_risk, illustrative), shortfalls, unassessed, default_risk,
    illustrative (ids of illustrative requirements and offers, names of
    illustrative constraints), infeasibility (explanation, constraints, keys,
    shortfall, total_shortfall, minimal; or null) and seconds. With --pareto: points
    (allowed_shortfall, total_risk, weighted_coverage, units_short,
    total_personnel, within_ceiling, proven_optimal, personnel_by_country,
    short_by_unit_type), max_total_risk, proven, solves, unassessed,
    infeasibility and seconds.

    Example: forcevet compose --risk risk.yaml --objective max-coverage --json
    """
    problem = load_problem(requirements, offers, constraints)
    risks = load_risk(risk) if risk else _run_risks(ctx, run)
    if pareto:
        budget = time_limit or DEFAULT_FRONTIER_TIME_LIMIT_S
        frontier = trace_frontier(problem, risks, points=points, time_limit_s=budget)
        if json:
            print_json(frontier_record(frontier))
        else:
            _print_frontier(frontier)
        if not frontier.points:
            raise _no_composition(frontier.infeasibility, json)
        return
    limit = time_limit or DEFAULT_TIME_LIMIT_S
    result = solve_composition(problem, risks, objective, time_limit_s=limit)
    if json:
        print_json(composition_record(result))
    if result.status is SolveStatus.INFEASIBLE:
        raise _no_composition(result.infeasibility, json)
    if not json:
        _print_composition(result)


def _run_risks(ctx: typer.Context, run_id: str | None) -> dict[str, float]:
    """Return the risks of a stored run, or none when the store has no run (or no store)."""
    try:
        with open_store(settings_of(ctx)) as store:
            result = require_run(store, run_id) if run_id else get_run(store)
    except StoreError:
        if run_id:
            raise
        return {}
    return run_risks(result) if result else {}


def _no_composition(reason: Infeasibility | None, printed: bool) -> Exception:
    """Return the exit for an infeasible request: code 1, explained once."""
    if printed:
        return typer.Exit(1)
    explanation = reason.explanation if reason else "No explanation was found in the time limit."
    return ForcevetError(f"no composition meets every requirement and constraint. {explanation}")


def _print_composition(result: CompositionResult) -> None:
    rows = composition_rows(result)
    proof = (
        "optimal"
        if result.proven_optimal
        else f"best found in the time limit, within {result.gap:.2%} of the optimum"
    )
    print_table(
        f"Composition ({result.objective.value}, {proof}): "
        f"{result.total_personnel:,} personnel from {len(result.contributions)} countries",
        ["country", "requirement", "sector", "unit type", "units", "personnel", "risk", "weighted"],
        [
            (
                f"{r.country_name} ({r.country})",
                r.requirement + (" *" if r.illustrative else ""),
                r.sector,
                r.unit_type,
                r.units,
                f"{r.personnel:,}",
                f"{r.risk:.2f}" + ("" if r.assessed else " (default)"),
                f"{r.weighted_risk:,.0f}",
            )
            for r in rows
        ],
    )
    short = ", ".join(f"{s.requirement_id} {s.units}" for s in result.shortfalls) or "none"
    typer.echo(
        f"total risk {result.total_risk:,.1f} (mean {result.mean_risk:.3f} per person); "
        f"coverage {result.weighted_coverage:.1%} weighted by priority; units short: {short}"
    )
    typer.echo("shares: " + ", ".join(f"{c.country} {c.share:.1%}" for c in result.contributions))
    if result.unassessed:
        typer.echo(
            f"no assessment, risk {result.default_risk} assumed: {', '.join(result.unassessed)}"
        )
    if any(r.illustrative for r in rows):
        typer.echo(ILLUSTRATIVE_NOTE)


def _print_frontier(frontier: Frontier) -> None:
    print_table(
        f"Pareto frontier: {len(frontier.points)} points from {frontier.solves} solves "
        f"({'all proven optimal' if frontier.proven else 'not all proven optimal'})",
        ["coverage", "units short", "total risk", "personnel", "ceiling", "largest contributors"],
        [
            (
                f"{p.composition.weighted_coverage:.1%}",
                p.composition.units_short,
                f"{p.composition.total_risk:,.1f}",
                f"{p.composition.total_personnel:,}",
                "within" if p.within_ceiling else "above",
                ", ".join(
                    f"{country_name(c.country)} {c.personnel:,}"
                    for c in p.composition.contributions[:4]
                ),
            )
            for p in frontier.points
        ],
    )
    if frontier.unassessed:
        typer.echo(f"no assessment, risk {DEFAULT_RISK} assumed: {', '.join(frontier.unassessed)}")
