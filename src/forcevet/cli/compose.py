"""`forcevet compose`: which contributors fill which requirements, or why none can."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from forcevet.assessment.runs import pick_run, require_run
from forcevet.cases.case import get_case
from forcevet.cli.output import print_json, print_table, settings_of
from forcevet.composition.casework import require_case_problem, risks_of_run
from forcevet.composition.formulation import DEFAULT_TIME_LIMIT_S
from forcevet.composition.infeasibility import Infeasibility
from forcevet.composition.inputs import load_risk, load_vocabulary, override_problem
from forcevet.composition.pareto import (
    DEFAULT_FRONTIER_TIME_LIMIT_S,
    DEFAULT_POINTS,
    Frontier,
    trace_frontier,
)
from forcevet.composition.problem import DEFAULT_RISK, CompositionProblem
from forcevet.composition.rules import country_name
from forcevet.composition.solve import (
    CompositionResult,
    Objective,
    SolveStatus,
    solve_composition,
)
from forcevet.errors import ForcevetError, InputError, NotFoundError, StoreError
from forcevet.reports.composition import (
    ILLUSTRATIVE_NOTE,
    composition_record,
    composition_rows,
    frontier_record,
)
from forcevet.store.store import open_store

FILE_HELP = "{what} as .yaml or .csv, instead of the case's."


def compose_command(
    ctx: typer.Context,
    case: str | None = typer.Option(
        None, "--case", help="Compose this loaded case (default: the store's default case)."
    ),
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
        help="Constraints as .yaml added to the case's: the fields it sets win, its vetoes and "
        "regional minimums are added (see --replace-constraints).",
    ),
    replace_constraints: bool = typer.Option(
        False,
        "--replace-constraints",
        help="Use only the --constraints file's constraints, dropping the case's.",
    ),
    vocabulary: Path | None = typer.Option(
        None,
        "--vocabulary",
        metavar="FILE",
        help="Unit types, tasks and conditions as a case's vocabulary.yaml, instead of the "
        "case's (needed with --requirements and --offers when no case is loaded).",
    ),
    risk: Path | None = typer.Option(
        None,
        "--risk",
        metavar="FILE",
        help="Risk per country in [0, 1]: a YAML mapping (PAK: 0.7) or a CSV country,risk "
        "(default: each candidate's mean risk score in the case's latest plain assessment "
        f"run; {DEFAULT_RISK}, meaning no assessment, for the others).",
    ),
    run: str | None = typer.Option(
        None, "--run", help="Take the risks from this assessment run instead."
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
        DEFAULT_POINTS,
        "--points",
        min=2,
        max=100,
        help="Steps along the frontier (with --pareto, 2-100).",
    ),
    time_limit: float | None = typer.Option(
        None,
        "--time-limit",
        min=0.1,
        max=86_400,  # a day; "inf" would be no limit at all
        help=f"Seconds for each solve (default {DEFAULT_TIME_LIMIT_S:g}), or for the whole "
        f"frontier with --pareto (default {DEFAULT_FRONTIER_TIME_LIMIT_S:g}); the best "
        "composition found by then is returned, marked not proven optimal.",
    ),
    json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Choose which offered units fill the case's requirements, at the lowest assessed risk.

    It composes the case's requirements, offers and constraints (the files of
    its folder, checked against its vocabulary); --requirements, --offers and
    --vocabulary replace the case's; --constraints adds to the case's (the fields
    it sets win, its vetoes and regional minimums are added) unless
    --replace-constraints. With no case loaded and
    no files it exits 2: there is no default force. Risks come from the case's
    latest plain assessment run (no left-out source, the case's as-of day)
    unless --run or --risk says otherwise, and every output names where they
    came from. A requirement's slot of P personnel is filled by one unit of at
    least P, or by ceil(P / p) units of p from one offer, combined; coverage is
    the planned personnel of the slots filled over the planned strength. Exit
    code 1 when no composition meets every requirement and constraint, with
    the smallest set of constraints to blame, in plain words.

    --json prints one object: status (optimal, feasible or infeasible),
    objective, proven_optimal, gap, risks_from (run: id and label, or file),
    total_personnel (deployed), planned_personnel, covered_personnel (planned
    personnel of the slots filled), coverage, total_risk, mean_risk,
    weighted_coverage, units_used, slots_filled, slots_short, contributions
    (country, name, units, personnel, share, risk, assessed), assignments
    (requirement, sector, unit_type, offer, country, units, slots, personnel,
    planned_personnel, risk, weighted_risk, illustrative), shortfalls
    (requirement, sector, unit_type, slots, personnel, priority), unassessed,
    default_risk, illustrative (ids of illustrative requirements and offers,
    names of illustrative constraints), infeasibility (explanation,
    constraints, keys, shortfall, total_shortfall, minimal; or null) and
    seconds. With --pareto: risks_from, points (allowed_shortfall, total_risk,
    coverage, weighted_coverage, slots_short, total_personnel,
    covered_personnel, within_ceiling, proven_optimal, personnel_by_country,
    short_by_unit_type), max_total_risk, proven, solves, unassessed,
    infeasibility and seconds.

    Example: forcevet compose --case haiti-mss --objective max-coverage --json
    """
    problem, risks, risks_from = _inputs(
        ctx, case, requirements, offers, constraints, vocabulary, risk, run, replace_constraints
    )
    if not json:
        typer.echo(f"using {_risks_words(risks_from)}")
    if pareto:
        budget = time_limit or DEFAULT_FRONTIER_TIME_LIMIT_S
        frontier = trace_frontier(problem, risks, points=points, time_limit_s=budget)
        if json:
            print_json(frontier_record(frontier, risks_from))
        else:
            _print_frontier(frontier)
        if not frontier.points:
            raise _no_composition(frontier.infeasibility, json)
        return
    limit = time_limit or DEFAULT_TIME_LIMIT_S
    result = solve_composition(problem, risks, objective, time_limit_s=limit)
    if json:
        print_json(composition_record(result, risks_from))
    if result.status is SolveStatus.INFEASIBLE:
        raise _no_composition(result.infeasibility, json)
    if not json:
        _print_composition(result)


def _inputs(
    ctx: typer.Context,
    case_name: str | None,
    requirements: Path | None,
    offers: Path | None,
    constraints: Path | None,
    vocabulary: Path | None,
    risk: Path | None,
    run_id: str | None,
    replace_constraints: bool = False,
) -> tuple[CompositionProblem, dict[str, float], dict[str, Any]]:
    """Return the problem (the case's, with any files in its place), the risks and
    where the risks came from: a file, a run, or nowhere (every country at the default)."""
    words = load_vocabulary(vocabulary) if vocabulary else None
    files_only = requirements is not None and offers is not None and words is not None
    base: CompositionProblem | None = None
    risks: dict[str, float] = {}
    risks_from: dict[str, Any] = {
        "none": f"no risks: every country at {DEFAULT_RISK} (no assessment)"
    }
    if risk is not None:
        risks, risks_from = load_risk(risk), {"file": str(risk)}
    try:
        with open_store(settings_of(ctx)) as store:
            loaded = None
            try:
                loaded = get_case(store, case_name)
            except NotFoundError:
                raise
            except InputError:
                if requirements is None and offers is None and words is None:
                    raise  # no case in the store and no files: say how to load one
                # some files given: override_problem names the ones still missing
            if loaded is not None and not files_only:
                both = requirements is not None and offers is not None
                base = loaded.problem if both else require_case_problem(loaded)
            if risk is None and (loaded is not None or run_id):
                result = (
                    pick_run(store, loaded.id, run_id) if loaded else require_run(store, run_id)
                )
                risks, risks_from = risks_of_run(result)
    except StoreError:
        if run_id or case_name:
            raise  # without a store, no case or run to be had; else the files decide below
    problem = override_problem(
        base,
        requirements,
        offers,
        constraints,
        vocabulary=words,
        replace_constraints=replace_constraints,
    )
    return problem, risks, risks_from


def _risks_words(risks_from: dict[str, Any]) -> str:
    if "run" in risks_from:
        return str(risks_from["label"])
    if "file" in risks_from:
        return f"risks from {risks_from['file']}"
    return str(risks_from["none"])


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
        [
            "country",
            "requirement",
            "sector",
            "unit type",
            "units",
            "slots",
            "personnel",
            "planned",
            "risk",
            "weighted",
        ],
        [
            (
                f"{r.country_name} ({r.country})",
                r.requirement + (" *" if r.illustrative else ""),
                r.sector,
                r.unit_type,
                r.units,
                r.slots,
                f"{r.personnel:,}",
                f"{r.planned_personnel:,}",
                f"{r.risk:.2f}" + ("" if r.assessed else " (default)"),
                f"{r.weighted_risk:,.0f}",
            )
            for r in rows
        ],
    )
    short = ", ".join(f"{s.requirement_id} {s.slots}" for s in result.shortfalls) or "none"
    typer.echo(
        f"{result.units_used} units fill {result.slots_filled} slots: "
        f"{result.total_personnel:,} personnel deployed for {result.covered_personnel:,} "
        f"planned of {result.planned_personnel:,}"
    )
    typer.echo(
        f"coverage {result.coverage:.1%} of planned personnel "
        f"({result.weighted_coverage:.1%} of slots weighted by priority); slots short: {short}"
    )
    typer.echo(f"total risk {result.total_risk:,.1f} (mean {result.mean_risk:.3f} per person)")
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
        [
            "coverage",
            "weighted",
            "slots short",
            "total risk",
            "personnel",
            "ceiling",
            "largest contributors",
        ],
        [
            (
                f"{p.composition.coverage:.1%}",
                f"{p.composition.weighted_coverage:.1%}",
                p.composition.slots_short,
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
    typer.echo(
        "coverage: planned personnel of the slots filled; weighted: slots filled weighted "
        "by priority, which the frontier trades against risk"
    )
    if frontier.unassessed:
        typer.echo(f"no assessment, risk {DEFAULT_RISK} assumed: {', '.join(frontier.unassessed)}")
