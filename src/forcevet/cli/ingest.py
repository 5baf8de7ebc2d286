"""`forcevet ingest` and `forcevet review`."""

from __future__ import annotations

from typing import Any

import typer
from rich.progress import Progress

from forcevet.cli import claims
from forcevet.cli.claims import actor_names, claim_words
from forcevet.cli.output import print_fields, print_json, print_table, settings_of
from forcevet.ingest.articles.reading import Document, find_files, read_documents
from forcevet.ingest.articles.service import IngestOptions, IngestReport, ingest_documents
from forcevet.ingest.review import (
    accept_above,
    corroborating,
    decide,
    proposed_claims,
    quote_in_context,
    review_state,
)
from forcevet.model.claims import Claim, Status
from forcevet.reports.json import claim_record, source_record
from forcevet.store.claims import require_claim
from forcevet.store.sources import require_source
from forcevet.store.store import open_store

review_app = typer.Typer(
    help="Accept or reject proposed claims; only accepted ones are assessed.", no_args_is_help=True
)


def ingest_report_record(report: IngestReport, names: dict[str, str]) -> dict[str, Any]:
    """Return the JSON of an ingest: {"sources": [...], "claims": [...], ...}."""
    return {
        "sources": [
            source_record(s["source"])
            | {
                "file": s["label"],
                "claims": s["claims"],
                "near_duplicate_of": s["near_duplicate_of"],
            }
            for s in report.sources
        ],
        "duplicates": report.duplicates,
        "claims": [claim_record(c, names) for c in report.claims],
        "proposed_actors": [
            {"name": a.name, "kind": a.kind.value, "parent_id": a.parent_id, "context": a.context}
            for a in report.proposed_actors
        ],
    }


def ingest_command(
    ctx: typer.Context,
    paths: list[str] = typer.Argument(
        ...,
        metavar="PATH...",
        help="Text, Markdown or HTML files, folders, or - for standard input.",
    ),
    kind: str = typer.Option(
        "news",
        "--kind",
        help="official_statement, wire, news, opinion, "
        "analysis, ... (grades the source by data/source_grading.yaml).",
    ),
    publisher: str | None = typer.Option(
        None, "--publisher", help="Publisher (default: from the HTML or the address)."
    ),
    url: str | None = typer.Option(None, "--url", help="Where it was read."),
    date: str | None = typer.Option(
        None,
        "--date",
        help='Publication date; relative dates ("on Saturday") are resolved against it.',
    ),
    reliability: str | None = typer.Option(
        None, "--reliability", help="Override the default source grade (A-F)."
    ),
    accept_above_: float | None = typer.Option(
        None,
        "--accept-above",
        metavar="CONFIDENCE",
        help="Accept claims proposed with at least this extraction confidence.",
    ),
    copy_of: str | None = typer.Option(
        None,
        "--copy-of",
        metavar="SOURCE",
        help="A stored source these documents copy: they count as that one source.",
    ),
    by: str | None = typer.Option(None, "--by", help="Who ingests (default: the OS user)."),
    json: bool = typer.Option(False, "--json", help='Print {"sources": [...], "claims": [...]}.'),
) -> None:
    """Read articles and statements, store them as sources, and propose claims for review.

    Example: forcevet ingest article.html --kind wire --date 2025-11-29
    """
    settings = settings_of(ctx)
    files = find_files(paths)
    options = IngestOptions(
        kind=kind,
        publisher=publisher,
        url=url,
        date=date,
        reliability=reliability,
        accept_above=accept_above_,
        by=by or settings.user,
        copy_of=copy_of,
    )
    show_progress = len(files) > 1 and not json
    with (
        open_store(settings) as store,
        store.transaction(),
        Progress(disable=not show_progress, transient=True) as progress,
    ):
        task = progress.add_task("ingesting", total=len(files))

        def advance(_: Document) -> None:
            progress.advance(task)

        report = ingest_documents(store, read_documents(files), options, progress=advance)
        names = actor_names(store, report.claims)
    if json:
        print_json(ingest_report_record(report, names))
        return
    for item in report.sources:
        source = item["source"]
        near = f"; repeats {item['near_duplicate_of']}" if item["near_duplicate_of"] else ""
        typer.echo(
            f"{source.id}  {item['label']}: {source.publisher} [{source.kind.value}, "
            f"{source.reliability.value}: {source.reliability_note}]{near}; "
            f"{item['claims']} claims"
        )
    for duplicate in report.duplicates:
        typer.echo(f"duplicate  {duplicate['label']}: already stored as {duplicate['source_id']}")
    accepted = sum(c.status is Status.ACCEPTED for c in report.claims)
    typer.echo(
        f"{len(report.claims)} claims: {accepted} accepted, "
        f"{len(report.claims) - accepted} proposed (forcevet review list)"
    )
    for actor in report.proposed_actors:
        typer.echo(f"new actor?  {actor.name} ({actor.kind.value}): forcevet actor add")


@review_app.command("list")
def list_command(
    ctx: typer.Context,
    source: str | None = typer.Option(None, "--source", help="Only claims from this source."),
    min_confidence: float | None = typer.Option(
        None, "--min-confidence", help="Only claims extracted with at least this confidence."
    ),
    json: bool = typer.Option(False, "--json", help="Print JSON records."),
) -> None:
    """List proposed claims, most confident first. Example: forcevet review list"""
    with open_store(settings_of(ctx)) as store:
        claims = proposed_claims(store, source_id=source, min_confidence=min_confidence)
        names = actor_names(store, claims)
    if json:
        print_json([claim_record(c, names) for c in claims])
        return
    print_table(
        f"{len(claims)} proposed claims",
        ["id", "conf.", "subject", "predicate", "object", "when", "cred."],
        [
            (
                c.id,
                f"{c.confidence or 0:.2f}",
                *claim_words(c, names),
                c.time.text if c.time else "",
                int(c.credibility),
            )
            for c in claims
        ],
    )


@review_app.command("show")
def show_command(
    ctx: typer.Context,
    claim_id: str = typer.Argument(..., metavar="ID", help="The claim to show."),
    json: bool = typer.Option(False, "--json", help="Print the JSON record."),
) -> None:
    """Show a claim in context, the claims that corroborate it, its recorder and reviewer.

    Example: forcevet review show clm-3f9a
    """
    with open_store(settings_of(ctx)) as store:
        claim = require_claim(store, claim_id)
        source = require_source(store, claim.source_id)
        others = corroborating(store, claim)
        names = actor_names(store, [claim, *others])
        review = review_state(store, claim)
    context = quote_in_context(claim, source)
    if json:
        print_json(
            claim_record(claim, names, source)
            | {
                "context": {
                    "before": context.before,
                    "quote": context.quote,
                    "after": context.after,
                },
                "corroborated_by": [o.id for o in others],
                "review": review.to_dict(),
            }
        )
        return
    print_fields(
        f"{claim.id}  {claim.status.value}, extraction confidence "
        f"{claim.confidence or 0:.2f} ({claim.extracted_by})",
        [
            ("claim", _statement(claim, names)),
            ("when", claim.time.text if claim.time else None),
            ("said by", names.get(claim.reported_by_id or "")),
            ("credibility", f"{int(claim.credibility)} ({claim.credibility.meaning})"),
            ("source", f"{source.id} {source.publisher}: {source.title}"),
            ("corroborated", ", ".join(o.id for o in others) or "by no other independent source"),
            ("recorded", f"{review.recorded_at} by {review.recorded_by}"),
            ("reviewed", review.words()),
        ],
    )
    typer.echo(f"\n{context.before}[[{context.quote}]]{context.after}")


def _statement(claim: Claim, names: dict[str, str]) -> str:
    negation = "does not " if claim.polarity.value == "denies" else ""
    target = names.get(claim.object_id or "", "")
    return f"{names[claim.subject_id]} {negation}{claim.predicate} {target} {claim.value or ''}"


def _decide_command(
    ctx: typer.Context,
    claim_ids: list[str],
    status: Status,
    by: str | None,
    note: str | None,
    above: float | None,
    json: bool,
) -> None:
    settings = settings_of(ctx)
    with open_store(settings) as store, store.transaction():
        if above is not None and status is Status.ACCEPTED:
            revised = accept_above(store, above, by=by or settings.user)
            revised += (
                decide(store, claim_ids, status, by=by or settings.user, note=note)
                if claim_ids
                else []
            )
        else:
            revised = decide(store, claim_ids, status, by=by or settings.user, note=note)
        names = actor_names(store, revised)
    if json:
        print_json([claim_record(c, names) for c in revised])
    else:
        who = f" by {revised[0].reviewed_by}" if revised else ""
        typer.echo(f"{len(revised)} claims {status.value}{who}")


@review_app.command("accept")
def accept_command(
    ctx: typer.Context,
    claim_ids: list[str] = typer.Argument(None, metavar="ID...", help="Claims to accept."),
    above: float | None = typer.Option(
        None,
        "--above",
        metavar="CONFIDENCE",
        help="Accept every proposed claim with at least this extraction confidence.",
    ),
    note: str | None = typer.Option(None, "--note", help="Why they are accepted."),
    by: str | None = typer.Option(None, "--by", help="Who decides (default: the OS user)."),
    json: bool = typer.Option(False, "--json", help="Print the decided claims as JSON."),
) -> None:
    """Accept claims, naming the reviewer and the time in a new revision.

    A claim accepted by someone other than its recorder counts under
    `assess --two-person`; accepting a claim its recorder accepted confirms it.
    Example: forcevet review accept clm-3f9a clm-77b2 --by analyst
    """
    _decide_command(ctx, claim_ids or [], Status.ACCEPTED, by, note, above, json)


@review_app.command("reject")
def reject_command(
    ctx: typer.Context,
    claim_ids: list[str] = typer.Argument(..., metavar="ID...", help="Claims to reject."),
    note: str | None = typer.Option(None, "--note", help="Why it is rejected."),
    by: str | None = typer.Option(None, "--by", help="Who decides (default: the OS user)."),
    json: bool = typer.Option(False, "--json", help="Print the decided claims as JSON."),
) -> None:
    """Reject claims, naming the reviewer and the time; rejected claims are never assessed.

    Example: forcevet review reject clm-3f9a --note "misread" --by analyst
    """
    _decide_command(ctx, claim_ids, Status.REJECTED, by, note, None, json)


# Correcting a proposed claim before deciding is the same as editing any claim:
# a new revision, with who and why.
review_app.command("edit")(claims.edit_command)
