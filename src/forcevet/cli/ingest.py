"""`forcevet ingest` and `forcevet review`."""

from __future__ import annotations

import typer
from rich.progress import Progress

from forcevet.cli import claims
from forcevet.cli.claims import claim_words
from forcevet.cli.output import print_fields, print_json, print_table, settings_of
from forcevet.ingest.articles.reading import Document, find_files, read_documents
from forcevet.ingest.articles.service import IngestOptions, ingest_documents
from forcevet.ingest.review import (
    Decision,
    accept_above,
    accept_actors,
    actors_under_review,
    claims_in_review,
    corroborating,
    decide_claims,
    proposed_claims,
    reject_actors,
)
from forcevet.model.actors import Actor
from forcevet.model.claims import Claim, Status
from forcevet.reports.json import claim_record, ingest_report_record
from forcevet.store.claims import actor_names, pending_actor_ids, require_claim
from forcevet.store.store import open_store

review_app = typer.Typer(
    help="Accept or reject proposed claims and actors; only accepted claims are assessed.",
    no_args_is_help=True,
)
actors_app = typer.Typer(
    help="List, accept or reject the actors ingest proposed (people, organisations met in text)."
    "\n\n`review actors` lists them with their claims; `review actors accept ID...` accepts "
    "them (their claims stay proposed); `review actors reject ID...` rejects them with their "
    "proposed claims. Accepting a claim that names one accepts it too.",
    invoke_without_command=True,
)
review_app.add_typer(actors_app, name="actors")


def actor_words(actor: Actor) -> str:
    """Return an actor as the ingest and review output name it: "Ishaq Dar (person, of PAK)"."""
    of = actor.parent_id or actor.country
    return f"{actor.name} ({actor.kind.value}{f', of {of}' if of else ''})"


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
    fast: bool = typer.Option(
        False,
        "--fast",
        help="Rule-only extraction without the dependency parse: several times faster, "
        "lower recall (see README).",
    ),
    by: str | None = typer.Option(None, "--by", help="Who ingests (default: the OS user)."),
    cluster: str | None = typer.Option(
        None,
        "--cluster",
        metavar="local[:N]|tcp://HOST:PORT",
        help="Read on a Dask cluster: N local worker processes, or a running dask scheduler "
        "(docs/cluster.md; needs dask: forcevet's cluster extra). Commits batch by batch, "
        "lists failed files and goes on, prints counts rather than every source.",
    ),
    resume: bool = typer.Option(
        False,
        "--resume",
        help="With --cluster: skip, without parsing, the files whose text is stored already "
        "(what an interrupted run wrote).",
    ),
    json: bool = typer.Option(False, "--json", help='Print {"sources": [...], "claims": [...]}.'),
) -> None:
    """Read articles and statements, store them as sources, and propose claims for review.

    People and organisations the store does not know are stored as proposed actors
    with the claims that name them, which wait for review even above --accept-above
    (forcevet review actors). Example: forcevet ingest article.html --kind wire
    --date 2025-11-29; forcevet ingest articles/ --cluster local:2
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
        fast=fast,
    )
    if cluster is not None or resume:
        from forcevet.cli.cluster import ingest_on_cluster_command

        ingest_on_cluster_command(settings, files, options, cluster, resume=resume, json=json)
        return
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
    for pending in report.pending_actors.values():
        state = "new actor (proposed)" if pending.new else "actor under review"
        typer.echo(
            f"{state}  {actor_words(pending.actor)}: {pending.claims} claims; "
            "forcevet review actors"
        )
    stored = {p.actor.name for p in report.pending_actors.values()}
    for actor in report.proposed_actors:
        if actor.name not in stored:
            typer.echo(f"new actor?  {actor.name} ({actor.kind.value}): forcevet actor add")
    for skipped in report.skipped:
        typer.echo(f'skipped  {skipped["label"]}: "{skipped["quote"]}" {skipped["why"]}')


@review_app.command("list")
def list_command(
    ctx: typer.Context,
    source: str | None = typer.Option(None, "--source", help="Only claims from this source."),
    min_confidence: float | None = typer.Option(
        None, "--min-confidence", help="Only claims extracted with at least this confidence."
    ),
    json: bool = typer.Option(False, "--json", help="Print JSON records."),
) -> None:
    """List proposed claims, most confident first.

    Hearsay is marked "reported by X" (a speaker's report of a third party's position);
    an actor under review is marked "(proposed)": accepting the claim accepts it too.
    Example: forcevet review list
    """
    with open_store(settings_of(ctx)) as store:
        claims = proposed_claims(store, source_id=source, min_confidence=min_confidence)
        names = actor_names(store, claims)
        pending = pending_actor_ids(store, claims)
    if json:
        print_json([claim_record(c, names) for c in claims])
        return
    marked = names | {i: f"{names.get(i, i)} (proposed)" for i in pending}
    print_table(
        f"{len(claims)} proposed claims",
        ["id", "conf.", "subject", "predicate", "object", "when", "cred.", "said"],
        [
            (
                c.id,
                f"{c.confidence or 0:.2f}",
                *claim_words(c, marked),
                c.time.text if c.time else "",
                int(c.credibility),
                _hearsay(c, marked),
            )
            for c in claims
        ],
    )


def _hearsay(claim: Claim, names: dict[str, str]) -> str:
    """Return how a claim was said: "reported by X" for hearsay, "by X" for a speaker's
    own words, "" when the text itself states it."""
    speaker = names.get(claim.reported_by_id or "", claim.reported_by_id or "")
    if claim.reported:
        return f"reported by {speaker or 'an unnamed source'}"
    return f"by {speaker}" if speaker else ""


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
        shown = claims_in_review(store, [require_claim(store, claim_id)])[0]
        claim, source, review = shown.claim, shown.source, shown.review
        others = corroborating(store, claim)
        names = actor_names(store, [claim, *others])
    context, pending = shown.context, shown.pending_actors
    if json:
        print_json(shown.to_json(names, others))
        return
    print_fields(
        f"{claim.id}  {claim.status.value}, extraction confidence "
        f"{claim.confidence or 0:.2f} ({claim.extracted_by})",
        [
            ("claim", _statement(claim, names)),
            ("when", claim.time.text if claim.time else None),
            ("said by", names.get(claim.reported_by_id or "")),
            (
                "reported",
                "yes: hearsay, a report of the subject's position by the speaker"
                if claim.reported
                else "no: first-hand",
            ),
            ("note", claim.note),
            ("actors under review", ", ".join(names.get(i, i) for i in sorted(pending))),
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
    two_person: bool = False,
) -> None:
    settings = settings_of(ctx)
    held = 0
    with open_store(settings) as store, store.transaction():
        if above is not None and status is Status.ACCEPTED:
            revised = accept_above(store, above, by=by or settings.user)
            decision = (
                decide_claims(
                    store,
                    claim_ids,
                    status,
                    by=by or settings.user,
                    note=note,
                    two_person=two_person,
                )
                if claim_ids
                else Decision([], [])
            )
            revised += decision.claims
            held = len(proposed_claims(store, min_confidence=above))
        else:
            decision = decide_claims(
                store, claim_ids, status, by=by or settings.user, note=note, two_person=two_person
            )
            revised = decision.claims
        names = actor_names(store, revised)
    if json:
        print_json([claim_record(c, names) for c in revised])
        return
    who = f" by {revised[0].reviewed_by}" if revised else ""
    typer.echo(f"{len(revised)} claims {status.value}{who}")
    for actor in decision.actors:
        typer.echo(f"actor accepted with them  {actor.id}  {actor_words(actor)}")
    if held:
        typer.echo(
            f"{held} claims above {above} name actors under review and wait: accept them by id "
            "(forcevet review list) or see forcevet review actors"
        )


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
    two_person: bool = typer.Option(
        False,
        "--two-person",
        help="Refuse to accept a claim you recorded yourself (the two-person rule).",
    ),
    json: bool = typer.Option(False, "--json", help="Print the decided claims as JSON."),
) -> None:
    """Accept claims, naming the reviewer and the time in a new revision.

    A claim accepted by someone other than its recorder counts under
    `assess --two-person`; accepting a claim its recorder accepted confirms it.
    Accepting a claim accepts the actors under review it names; --above leaves
    such claims for a reviewer to accept by id.
    Example: forcevet review accept clm-3f9a clm-77b2 --by analyst
    """
    _decide_command(ctx, claim_ids or [], Status.ACCEPTED, by, note, above, json, two_person)


@review_app.command("reject")
def reject_command(
    ctx: typer.Context,
    claim_ids: list[str] = typer.Argument(..., metavar="ID...", help="Claims to reject."),
    note: str | None = typer.Option(None, "--note", help="Why it is rejected."),
    by: str | None = typer.Option(None, "--by", help="Who decides (default: the OS user)."),
    json: bool = typer.Option(False, "--json", help="Print the decided claims as JSON."),
) -> None:
    """Reject claims, naming the reviewer and the time; rejected claims are never assessed.

    The actors they name stay as they are (forcevet review actors reject ID rejects one).
    Example: forcevet review reject clm-3f9a --note "misread" --by analyst
    """
    _decide_command(ctx, claim_ids, Status.REJECTED, by, note, None, json)


@actors_app.callback()
def actors_command(
    ctx: typer.Context,
    json: bool = typer.Option(False, "--json", help="Print JSON records."),
) -> None:
    """List the actors ingest proposed, each with the claims that name it.

    Example: forcevet review actors; forcevet review actors accept ishaq-dar
    """
    if ctx.invoked_subcommand is not None:
        return
    with open_store(settings_of(ctx)) as store:
        pending = actors_under_review(store)
        names = actor_names(store, [c for p in pending for c in p.claims])
    if json:
        print_json(
            [
                {
                    "id": p.actor.id,
                    "name": p.actor.name,
                    "kind": p.actor.kind.value,
                    "parent_id": p.actor.parent_id,
                    "aliases": list(p.actor.aliases),
                    "claims": [claim_record(c, names) for c in p.claims],
                }
                for p in pending
            ]
        )
        return
    print_table(
        f"{len(pending)} proposed actors",
        ["id", "actor", "claims", "statuses"],
        [
            (
                p.actor.id,
                actor_words(p.actor),
                "\n".join(
                    f"{c.id}  {' '.join(w for w in claim_words(c, names) if w)}" for c in p.claims
                ),
                ", ".join(sorted({c.status.value for c in p.claims})),
            )
            for p in pending
        ],
    )


@actors_app.command("accept")
def accept_actors_command(
    ctx: typer.Context,
    actor_ids: list[str] = typer.Argument(..., metavar="ID...", help="Proposed actors."),
) -> None:
    """Accept proposed actors; their claims stay proposed, each to be reviewed.

    Example: forcevet review actors accept ishaq-dar
    """
    with open_store(settings_of(ctx)) as store, store.transaction():
        accepted = accept_actors(store, actor_ids)
    for actor in accepted:
        typer.echo(f"accepted  {actor.id}  {actor_words(actor)}")


@actors_app.command("reject")
def reject_actors_command(
    ctx: typer.Context,
    actor_ids: list[str] = typer.Argument(..., metavar="ID...", help="Proposed actors."),
    note: str | None = typer.Option(None, "--note", help="Why (noted on their claims)."),
    by: str | None = typer.Option(None, "--by", help="Who decides (default: the OS user)."),
) -> None:
    """Reject proposed actors and the proposed claims that name them.

    Example: forcevet review actors reject kashmir-council --note "not an organisation"
    """
    settings = settings_of(ctx)
    with open_store(settings) as store, store.transaction():
        decision = reject_actors(store, actor_ids, by=by or settings.user, note=note)
    for actor in decision.actors:
        typer.echo(f"rejected  {actor.id}  {actor_words(actor)}")
    typer.echo(f"{len(decision.claims)} claims rejected with them")


# Correcting a proposed claim before deciding is the same as editing any claim:
# a new revision, with who and why.
review_app.command("edit")(claims.edit_command)
