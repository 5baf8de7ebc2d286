"""`forcevet ach ISO3|show|rate|ratings`: Heuer's analysis of competing hypotheses.

`forcevet ach PAK` is short for `forcevet ach show PAK`: the group runs `show`
when its first word is not one of its commands.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from forcevet.assessment.ach import leading_label
from forcevet.assessment.explain import explain_candidate
from forcevet.assessment.rubric import load_rubric
from forcevet.assessment.runs import latest_plain_run, require_run, run_label
from forcevet.cases.case import get_case
from forcevet.cli.output import print_json, print_table, settings_of
from forcevet.store.ach import list_ach_ratings, rate_claim
from forcevet.store.actors import resolve_actor
from forcevet.store.claims import require_claim
from forcevet.store.store import open_store


class DefaultShowGroup(TyperGroup):
    """A group that reads `ach ISO3` as `ach show ISO3`, so the older form keeps working."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # typer's own click
        """Put `show` in front of arguments that do not start with a command or help."""
        if args and args[0] not in self.commands and args[0] not in ("-h", "--help"):
            args = ["show", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=DefaultShowGroup,
    help="Analysis of competing hypotheses (Heuer): show a candidate's matrix, rate a claim.\n\n"
    "`forcevet ach PAK` is short for `forcevet ach show PAK`.",
    no_args_is_help=True,
)


@app.command("show")
def show_command(
    ctx: typer.Context,
    candidate: str = typer.Argument(..., metavar="ISO3", help="Candidate id or ISO 3166 code."),
    case_name: str | None = typer.Option(
        None, "--case", metavar="NAME", help="The case whose run to show (default: the store's)."
    ),
    run: str | None = typer.Option(
        None,
        "--run",
        help="Show this stored run (id or prefix) instead of the case's latest plain run.",
    ),
    json: bool = typer.Option(False, "--json", help="Print the matrix and scores as JSON."),
) -> None:
    """Show one candidate's evidence-by-hypothesis matrix, scores and conclusion.

    Heuer's weighted inconsistency with one vote per independent source, each
    row's diagnosticity, each source's share, the analysts' overrides with their
    notes, and the leading hypothesis only when the evidence discriminates. It
    uses the case's latest plain run (never a what-if) unless --run names one,
    and says which.
    Example: forcevet ach PAK --json
    """
    with open_store(settings_of(ctx)) as store:
        result = (
            require_run(store, run)
            if run
            else latest_plain_run(store, get_case(store, case_name).id)
        )
        actor = resolve_actor(store, candidate, field="candidate")
        explained = explain_candidate(store, result, actor.id)
    ach = explained["ach"]
    label = run_label(result)
    if json:
        print_json({"candidate": actor.id, "run": explained["run"], "run_label": label, **ach})
        return
    typer.echo(f"using {label}")
    print_matrix(actor.name, ach)


def _cell(row: dict[str, Any], hypothesis: str) -> str:
    mark = "*" if hypothesis in row.get("overrides", {}) else ""
    return f"{row['ratings'][hypothesis]}{mark}"


def _share(source: dict[str, Any], hypothesis: str) -> str:
    vote = source["votes"].get(hypothesis)
    return "" if vote is None else f"{vote['share']:.0%}"


def _grouped_rows(ach: dict[str, Any], hypotheses: list[str]) -> list[tuple[object, ...]]:
    """Return the matrix for a terminal: rows alike (one source, indicator, side and
    ratings, no analyst's rating) on one line, with how many and their largest weight."""
    groups: dict[tuple[object, ...], list[dict[str, Any]]] = {}
    for row in ach["matrix"]:
        key: tuple[object, ...] = (
            row.get("independent_source", ""),
            row["indicator"],
            row["side"],
            tuple(_cell(row, h) for h in hypotheses),
        )
        groups.setdefault(key if not row.get("overrides") else (row["claim_id"],), []).append(row)
    lines: list[tuple[object, ...]] = []
    for rows in groups.values():
        first, more = rows[0], len(rows) - 1
        top = max(rows, key=lambda r: r["weight"])
        lines.append(
            (
                first["claim_id"] + (f" (+{more} alike)" if more else ""),
                first["indicator"],
                first["side"],
                f"{top['weight']:.2f}" if not more else f"<= {top['weight']:.2f}",
                first.get("independent_source", ""),
                *(_cell(first, h) for h in hypotheses),
                f"{top['diagnosticity']:.2f}",
            )
        )
    return lines


def print_matrix(name: str, ach: dict[str, Any]) -> None:
    """Print an `ach` record: matrix, scores, sources' shares, overrides, conclusion."""
    hypotheses = list(ach["hypotheses"])
    print_table(
        f"{name}: evidence against hypotheses (CC C N I II; * an analyst's rating)",
        ["claim", "indicator", "side", "weight", "source", *hypotheses, "diagnosticity"],
        _grouped_rows(ach, hypotheses),
    )
    for o in ach.get("overrides", []):
        typer.echo(
            f"* {o['claim_id']} vs {o['hypothesis']}: {o['rating']} (rubric {o['rubric_rating']}), "
            f"by {o['by']} {o['at'][:10]}: {o['note']}"
        )
    typer.echo("weighted inconsistency, one vote per source (lower is stronger):")
    for h in ach["ranking"]:
        typer.echo(f"  {ach['inconsistency'][h]:6.2f}  {ach['hypotheses'][h]}")
    sources = [s for s in ach.get("sources", []) if s["votes"]]
    if sources:
        print_table(
            "each source's share of each hypothesis's inconsistency",
            ["source", "claims", *hypotheses],
            [(s["source"], s["claims"], *(_share(s, h) for h in hypotheses)) for s in sources],
        )
    quiet = ach.get("non_diagnostic", [])
    if quiet:
        shown = ", ".join(quiet[:5]) + (f" and {len(quiet) - 5} more" if len(quiet) > 5 else "")
        typer.echo(f"not diagnostic, counted for nothing: {shown}")
    if ach["most_diagnostic"]:
        typer.echo("most diagnostic: " + ", ".join(ach["most_diagnostic"]))
    typer.echo(f"conclusion: {leading_label(ach)}")
    least, hinges = ach.get("least_inconsistent"), ach.get("hinges_on", [])
    if least and hinges:
        typer.echo(
            f"  {ach['hypotheses'][least]} is least inconsistent, but not without "
            f"{' or '.join(hinges)}"
        )
    rule = ach.get("rule")
    if rule:
        typer.echo(
            f"  (a hypothesis leads when the next is more inconsistent by at least "
            f"{rule['margin']} and by {rule['relative_margin']:.0%} of its own score, "
            "with or without any one source)"
        )


@app.command("rate")
def rate_command(
    ctx: typer.Context,
    claim_id: str = typer.Argument(..., metavar="CLAIM_ID", help="Claim id or unique prefix."),
    hypothesis: str = typer.Option(..., "--hypothesis", help="Hypothesis id from the rubric."),
    rating: str = typer.Option(
        ..., "--rating", help="CC, C, N, I or II: how consistent the claim is with it."
    ),
    note: str = typer.Option(..., "--note", help="Why the rubric's rating does not fit."),
    by: str | None = typer.Option(None, "--by", help="Who rates it (default: the OS user)."),
    rubric_file: Path | None = typer.Option(
        None, "--rubric", help="Rubric whose hypotheses apply (default: the bundled one)."
    ),
    json: bool = typer.Option(False, "--json", help="Print the stored rating as JSON."),
) -> None:
    """Rate one claim against one hypothesis, overriding the rubric's rating.

    The newest rating of a claim against a hypothesis counts from the next
    `forcevet assess`; older ones stay as history (`forcevet ach ratings`).
    Example: forcevet ach rate clm-0a35b4812e47 --hypothesis obstructs --rating I
    --note "the quote conditions disarmament, it does not refuse the mission"
    """
    settings = settings_of(ctx)
    rubric = load_rubric(rubric_file)
    with open_store(settings) as store, store.transaction():
        stored = rate_claim(
            store,
            rubric,
            claim_id=claim_id,
            hypothesis=hypothesis,
            rating=rating,
            note=note,
            by=by or settings.user,
        )
    if json:
        print_json(stored.to_record())
        return
    typer.echo(
        f"rated {stored.claim_id} {stored.rating.value} against {stored.hypothesis}; "
        "run `forcevet assess` to apply it"
    )


@app.command("ratings")
def ratings_command(
    ctx: typer.Context,
    claim_id: str | None = typer.Option(None, "--claim", help="Only this claim's ratings."),
    json: bool = typer.Option(False, "--json", help="Print the ratings as JSON."),
) -> None:
    """List the analysts' ratings, oldest first; the newest per claim and hypothesis counts.

    Example: forcevet ach ratings --claim clm-0a35b4812e47
    """
    with open_store(settings_of(ctx)) as store:
        ids = None if claim_id is None else [require_claim(store, claim_id).id]
        ratings = list_ach_ratings(store, ids)
    records = [r.to_record() for r in ratings]
    if json:
        print_json(records)
        return
    print_table(
        "analysts' ACH ratings (the newest per claim and hypothesis counts)",
        ["claim", "hypothesis", "rating", "by", "at", "note"],
        [
            (r["claim_id"], r["hypothesis"], r["rating"], r["by"], r["at"], r["note"])
            for r in records
        ],
    )
