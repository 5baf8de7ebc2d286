"""`forcevet assess` and `forcevet explain` (`forcevet ach` is in cli/ach.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import typer

from forcevet.assessment.ach import leading_label
from forcevet.assessment.explain import explain_candidate
from forcevet.assessment.rubric import load_rubric
from forcevet.assessment.runs import (
    latest_plain_run,
    note_words,
    require_run,
    run_label,
    run_with_notes,
)
from forcevet.cases.assess import AssessmentRequest, assess_case
from forcevet.cases.case import get_case
from forcevet.cli.output import print_json, print_table, settings_of
from forcevet.store.actors import resolve_actor
from forcevet.store.store import open_store

EVIDENCE_PER_SOURCE = 3  # claims shown per source and indicator (a dataset holds hundreds)
RUN_HELP = "Show a stored run (id or prefix) instead of the latest."
PINNED_RUN_HELP = "Use this stored run (id or prefix) instead of the case's latest plain run."


def assess_command(
    ctx: typer.Context,
    rubric_file: Path | None = typer.Option(
        None, "--rubric", help="Rubric YAML (default: the case's rubric); makes a what-if run."
    ),
    case_name: str | None = typer.Option(
        None,
        "--case",
        help="A stored case: its candidates, roles and rubric (default: the store's default case).",
    ),
    candidates: str | None = typer.Option(
        None,
        "--candidates",
        help="Comma-separated ids or ISO 3166 codes, e.g. IDN,PAK (default: the case's).",
    ),
    samples: int = typer.Option(
        10_000, "--samples", min=100, max=1_000_000, help="Monte Carlo samples (100-1,000,000)."
    ),
    seed: int = typer.Option(
        0, "--seed", min=0, max=2**32 - 1, help="Random seed: the same seed, the same run."
    ),
    without_source: list[str] = typer.Option(
        [], "--without-source", help="Leave out one source's claims (repeat for more)."
    ),
    as_of: str | None = typer.Option(
        None,
        "--as-of",
        help="Assess as of this day (YYYY-MM-DD) (default: the case's as_of, else today).",
    ),
    run: str | None = typer.Option(None, "--run", help="Show a stored run again instead."),
    two_person: bool = typer.Option(
        False,
        "--two-person",
        help="Count only claims accepted by someone other than their recorder "
        '(or by an importer of official records, "import ...").',
    ),
    sign_off: bool = typer.Option(
        False, "--sign-off", help="Sign the run off as its runner when it is stored."
    ),
    by: str | None = typer.Option(None, "--by", help="Who runs it (default: the OS user)."),
    json: bool = typer.Option(
        False, "--json", help="Print the whole run as JSON (docs/assessment-json.md)."
    ),
) -> None:
    """Assess every candidate with one rubric: scores, intervals, ranks and their chances.

    Each candidate gets a score with its 90% interval, rank probabilities, the chance
    of exceeding the risk threshold in ICD 203 words, and a confidence level. The run
    is stored with its rubric hash, parameters and claim revisions. A run of all the
    case's candidates with its rubric, no source left out and the case's as-of day is
    *plain*: compose, explain and report use the latest plain run unless given --run.
    Only accepted claims count; `forcevet run note` adds sign-offs and dissents.
    Example: forcevet assess --candidates IDN,PAK --without-source src-1a2b --seed 7
    Example: forcevet assess --two-person --sign-off --by analyst
    """
    settings = settings_of(ctx)
    with open_store(settings) as store, store.transaction():
        if run is not None:
            result = run_with_notes(store, run)
        else:
            request = AssessmentRequest(
                case=case_name,
                candidates=tuple(candidates.split(",")) if candidates else (),
                as_of=as_of,
                without_sources=tuple(without_source),
                samples=samples,
                seed=seed,
                two_person=two_person,
                sign_off=sign_off,
            )
            rubric = load_rubric(rubric_file) if rubric_file else None
            result = assess_case(store, request, by=by or settings.user, rubric=rubric)
    if json:
        print_json(result)
        return
    print_summary(result)


def print_summary(result: dict[str, Any]) -> None:
    """Print a run as a ranked table with its threshold and sensitivity."""
    run = result["run"]
    params = run["params"]
    kind = "plain" if params.get("plain") else "what-if"
    case = f"case {params['scenario']} ({kind})  " if params.get("scenario") else ""
    typer.echo(
        f"run {run['id']}  {case}rubric {run['rubric']['id']} v{run['rubric']['version']} "
        f"({run['rubric']['hash'][:12]})  as of {run['params']['as_of']}  "
        f"{run['params']['samples']} samples, seed {run['params']['seed']}"
    )
    if run["params"]["without_sources"]:
        typer.echo(f"without: {', '.join(run['params']['without_sources'])}")
    if run["params"].get("two_person"):
        typer.echo("two-person rule: only claims reviewed by someone other than their recorder")
    print_table(
        f"risk score (0 low - 1 high); threshold {result['threshold']}",
        [
            "rank",
            "candidate",
            "coverage",
            "mean",
            "90% interval",
            "P(rank 1)",
            "exceeds threshold",
            "confidence",
            "leading hypothesis",
        ],
        [
            (
                c["rank"] if c.get("ranked", True) else "-",
                f"{c['name']} ({c['id']})",
                coverage_words(c),
                f"{c['score']['mean']:.3f}",
                f"{c['score']['p05']:.3f}-{c['score']['p95']:.3f}",
                f"{c['rank_probabilities'][0]:.0%}" if c["rank_probabilities"] else "not ranked",
                f"{c['exceeds_threshold']['words']} ({c['exceeds_threshold']['probability']:.0%})",
                c["confidence"]["level"],
                leading_label(c["ach"], short=True),
            )
            for c in result["candidates"]
        ],
    )
    unranked = [c["id"] for c in result["candidates"] if not c.get("ranked", True)]
    if unranked:
        minimum = result["settings"]["min_coverage"]
        typer.echo(
            f"insufficient evidence to rank (coverage below {minimum:.0%} of the score): "
            + ", ".join(unranked)
        )
    if result.get("key_judgments"):
        typer.echo("\nKey judgments")
        for line in result["key_judgments"]:
            typer.echo(f"- {line}")
    typer.echo(f"\n{result['statement']}")
    typer.echo(f"run by {run['created_by']} on {str(run['created_at'])[:10]}")
    for note in result.get("notes", []):
        typer.echo(note_words(note))


def coverage_words(candidate: dict[str, Any]) -> str:
    """Return a candidate's coverage as "62% (5 found, 2 nothing, 10 not searched)"."""
    cover = candidate.get("coverage")
    if not cover:
        return ""
    counts = cover["counts"]
    parts = [
        f"{counts[key]} {word}"
        for key, word in (
            ("searched, found", "found"),
            ("searched, nothing found", "nothing found"),
            ("not searched", "not searched"),
        )
        if counts[key]
    ]
    return f"{cover['share']:.1%} ({', '.join(parts)})"


def explain_command(
    ctx: typer.Context,
    candidate: str = typer.Argument(..., metavar="ISO3", help="Candidate id or ISO 3166 code."),
    indicator: str | None = typer.Option(None, "--indicator", help="Only this indicator."),
    run: str | None = typer.Option(None, "--run", help=PINNED_RUN_HELP),
    case_name: str | None = typer.Option(
        None, "--case", help="The case whose latest plain run to use (default: the default case)."
    ),
    json: bool = typer.Option(False, "--json", help="Print the explanation as JSON."),
) -> None:
    """Explain a candidate's score down to each claim, its quote, source and grades.

    Criteria, then indicators, then the claims behind each, from the case's latest
    plain run (never a what-if run unless --run names it); the run used is named.
    Example: forcevet explain PAK --indicator reservation_on_disarmament
    """
    with open_store(settings_of(ctx)) as store:
        result = (
            require_run(store, run)
            if run
            else latest_plain_run(store, get_case(store, case_name).id)
        )
        actor = resolve_actor(store, candidate, field="candidate")
        explained = explain_candidate(store, result, actor.id, indicator)
    if json:
        print_json(explained)
        return
    typer.echo(f"using run {run_label(result)}")
    score = explained["score"]
    typer.echo(
        f"{explained['name']} ({explained['id']}): risk {score['mean']:.3f} "
        f"(90% {score['p05']:.3f}-{score['p95']:.3f}), "
        + (f"rank {explained['rank']}" if explained.get("ranked", True) else "not ranked")
        + (f", coverage {explained['coverage']['share']:.0%}" if "coverage" in explained else "")
        + ", "
        f"confidence {explained['confidence']['level']}; run {explained['run']}"
    )
    for criterion in explained["criteria"]:
        typer.echo(
            f"\n{criterion['label']} (weight {criterion['weight']}): {criterion['score']:.3f}"
        )
        for item in criterion["indicators"]:
            value = (
                "no evidence (drawn from the prior {:.2f})".format(item["prior"])
                if item["no_evidence"]
                else f"{item['value']:.3f}, confidence {item['confidence']:.2f}, "
                f"{item['independent_sources']} independent source(s)"
            )
            caveat = "" if item.get("in_score", True) else "; a caveat: shown, not scored"
            searched = f" [{item['coverage']}{caveat}]" if "coverage" in item else ""
            typer.echo(f"  {item['id']}: {value}{searched}")
            typer.echo(f"    {item['question']}")
            shown: dict[str, int] = {}
            for e in sorted(item["evidence"], key=lambda e: -e["weight"]):
                shown[e["source_id"]] = shown.get(e["source_id"], 0) + 1
                if shown[e["source_id"]] > EVIDENCE_PER_SOURCE:
                    continue
                claim = e["claim"]
                quote = ("(paraphrase) " if claim.get("paraphrase") else "") + str(
                    claim.get("quote", "")
                )
                source = claim.get("source") or {}
                flags = "".join(
                    words
                    for key, words in (
                        ("undated", ", undated: aged by the rule for claims with no date"),
                        ("scale", ", its source's share capped"),
                    )
                    if e.get(key)
                )
                if claim.get("reported"):  # hearsay: a speaker's report of a third party
                    speaker = (claim.get("reported_by") or {}).get("name", "unnamed sources")
                    flags += f", hearsay: reported by {speaker}"
                typer.echo(f"    - {e['side']}, weight {e['weight']:.2f}{flags}: {quote}")
                typer.echo(
                    f"      {e['claim_id']} r{e['revision']}, {source.get('publisher')} "
                    f"[{source.get('reliability')}{claim.get('credibility')}] "
                    f"{source.get('url') or ''}"
                )
            for source_id, count in shown.items():
                if count > EVIDENCE_PER_SOURCE:
                    typer.echo(
                        f"    ... and {count - EVIDENCE_PER_SOURCE} more from {source_id} "
                        "(weaker; --json lists them all)"
                    )
