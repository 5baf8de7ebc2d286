"""`forcevet claim add|list|show|history|edit`."""

from __future__ import annotations

import typer

from forcevet.cli.output import print_fields, print_json, print_table, settings_of
from forcevet.ingest.review import edit_reviewed, review_state
from forcevet.model.claims import REVISABLE, Claim, ClaimCreate, changed_fields, parse_status
from forcevet.model.dates import parse_day
from forcevet.model.vocabulary import require_predicate
from forcevet.reports.json import claim_record, history_records, shown_value
from forcevet.store.actors import resolve_actor
from forcevet.store.claims import (
    ClaimFilter,
    actor_names,
    claim_history,
    list_claims,
    record_claim,
    require_claim,
)
from forcevet.store.sources import require_source
from forcevet.store.store import open_store

app = typer.Typer(
    help="Statements about the world, each from one source, graded and revised.",
    no_args_is_help=True,
)

JSON_HELP = "Print JSON records (subject and object by id and name)."


def claim_words(claim: Claim, names: dict[str, str]) -> tuple[str, str, str]:
    """Return a claim's subject, predicate ("not ..." when denied) and object as a table
    shows them."""
    denied = "not " if claim.polarity.value == "denies" else ""
    return (
        names[claim.subject_id],
        denied + claim.predicate,
        names.get(claim.object_id or "", claim.value or ""),
    )


@app.command("add")
def add_command(
    ctx: typer.Context,
    source: str = typer.Option(..., "--source", help="Id of the source it is taken from."),
    subject: str = typer.Option(
        ..., "--subject", metavar="ACTOR", help="Actor id, ISO 3166 alpha-3 code or known name."
    ),
    predicate: str = typer.Option(
        ..., "--predicate", help="From the vocabulary (data/predicates.yaml)."
    ),
    quote: str = typer.Option(..., "--quote", help="The exact sentence it rests on."),
    credibility: str = typer.Option(..., "--credibility", help="Admiralty credibility 1-6."),
    object_: str | None = typer.Option(None, "--object", metavar="ACTOR", help="Object actor."),
    value: str | None = typer.Option(None, "--value", help="Object as text (a task, an amount)."),
    date: str | None = typer.Option(
        None, "--date", help="2024-12-08, 2024-01, 2024, 2023-10/.. (since), ../2025 (until)."
    ),
    place: str | None = typer.Option(None, "--place", help="Where it happened, in words."),
    polarity: str = typer.Option("affirms", "--polarity", help="affirms or denies."),
    paraphrase: bool = typer.Option(
        False, "--paraphrase", help="The quote is a summary, not the source's words."
    ),
    quote_start: int | None = typer.Option(
        None, "--quote-start", help="Character offset in the source's text."
    ),
    quote_end: int | None = typer.Option(
        None, "--quote-end", help="Character offset just after the quote in the source's text."
    ),
    reported_by: str | None = typer.Option(
        None, "--reported-by", metavar="ACTOR", help="Who made the statement the source reports."
    ),
    hearsay: bool = typer.Option(
        False,
        "--hearsay",
        help="The speaker reports a third party's position (not the speaker's own); "
        "ingest marks such claims itself and grades them one credibility step lower.",
    ),
    status: str = typer.Option(
        "accepted",
        "--status",
        help="proposed, accepted or rejected; accepted here means reviewed by the recorder.",
    ),
    by: str | None = typer.Option(None, "--by", help="Who records it (default: the OS user)."),
    json: bool = typer.Option(False, "--json", help="Print the stored record as JSON."),
) -> None:
    """Record one claim from one source.

    A claim recorded as accepted names its recorder as reviewer (self-reviewed,
    which `assess --two-person` does not count); record it as proposed for a
    second analyst to accept with `forcevet review accept`.

    Example: forcevet claim add --source src-1a2b --subject PAK --predicate
    states_reservation_on_mandate --value disarmament --date 2025-11-29
    --quote "Disarming Hamas is not our job" --credibility 2
    """
    settings = settings_of(ctx)
    entry = ClaimCreate(
        source=source,
        subject=subject,
        predicate=predicate,
        quote=quote,
        credibility=credibility,
        object=object_,
        value=value,
        date=date,
        place=place,
        polarity=polarity,
        paraphrase=paraphrase,
        quote_start=quote_start,
        quote_end=quote_end,
        reported_by=reported_by,
        reported=hearsay,
        status=status,
        extracted_by="manual",
        reviewed_by=by or settings.user,  # kept only if it is recorded as accepted
    )
    with open_store(settings) as store, store.transaction():
        claim = record_claim(store, entry, by=by or settings.user)
        names = actor_names(store, [claim])
    if json:
        print_json(claim_record(claim, names))
    else:
        typer.echo(
            f"{claim.id}  {names[claim.subject_id]} {claim.predicate} "
            f"{names.get(claim.object_id or '', claim.value or '')}"
        )


@app.command("list")
def list_command(
    ctx: typer.Context,
    actor: str | None = typer.Option(
        None, "--actor", help="Claims naming this actor as subject or object."
    ),
    predicate: str | None = typer.Option(
        None, "--predicate", help="Only this predicate (data/predicates.yaml lists them)."
    ),
    status: str | None = typer.Option(None, "--status", help="proposed, accepted or rejected."),
    source: str | None = typer.Option(None, "--source", help="Claims from this source."),
    since: str | None = typer.Option(
        None, "--since", help="Claims whose time reaches this day or later (YYYY-MM-DD)."
    ),
    until: str | None = typer.Option(
        None, "--until", help="Claims whose time starts on or before this day."
    ),
    json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """List current claims. Example: forcevet claim list --actor PAK --since 2024-01-01"""
    with open_store(settings_of(ctx)) as store:
        where = ClaimFilter(
            actor_id=resolve_actor(store, actor).id if actor else None,
            predicate=require_predicate(predicate).id if predicate else None,
            status=parse_status(status) if status else None,
            source_id=require_source(store, source).id if source else None,
            since=parse_day(since, field="since") if since else None,
            until=parse_day(until, field="until") if until else None,
        )
        claims = list_claims(store, where)
        names = actor_names(store, claims)
    if json:
        print_json([claim_record(c, names) for c in claims])
        return
    print_table(
        f"{len(claims)} claims",
        ["id", "when", "subject", "predicate", "object", "cred.", "status"],
        [
            (
                c.id,
                c.time.text if c.time else "",
                *claim_words(c, names),
                int(c.credibility),
                c.status.value,
            )
            for c in claims
        ],
    )


@app.command("show")
def show_command(
    ctx: typer.Context,
    claim_id: str = typer.Argument(..., metavar="ID", help="Claim id or a unique prefix."),
    json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Show the current revision of one claim with its source.

    Example: forcevet claim show clm-3f9a
    """
    with open_store(settings_of(ctx)) as store:
        claim = require_claim(store, claim_id)
        source = require_source(store, claim.source_id)
        names = actor_names(store, [claim])
        review = review_state(store, claim)
    if json:
        print_json(claim_record(claim, names, source) | {"review": review.to_dict()})
        return
    print_fields(
        f"{claim.id}  revision {claim.revision}",
        [
            ("subject", f"{names[claim.subject_id]} ({claim.subject_id})"),
            (
                "predicate",
                claim.predicate + (" (denied)" if claim.polarity.value == "denies" else ""),
            ),
            (
                "object",
                f"{names[claim.object_id]} ({claim.object_id})" if claim.object_id else None,
            ),
            ("value", claim.value),
            ("when", claim.time.text if claim.time else None),
            ("place", claim.place),
            ("quote", ("(paraphrase) " if claim.paraphrase else "") + claim.quote),
            ("said by", names.get(claim.reported_by_id or "")),
            ("credibility", f"{int(claim.credibility)} ({claim.credibility.meaning})"),
            (
                "source",
                f"{source.id} {source.publisher}: {source.title} [{source.reliability.value}]",
            ),
            ("status", claim.status.value),
            ("recorded", f"{review.recorded_at} by {review.recorded_by}"),
            (
                "revised",
                f"{claim.recorded_at} by {claim.recorded_by} (revision {claim.revision})"
                if claim.revision > 1
                else None,
            ),
            ("reviewed", review.words()),
        ],
    )


@app.command("history")
def history_command(
    ctx: typer.Context,
    claim_id: str = typer.Argument(..., metavar="ID", help="Claim id or a unique prefix."),
    json: bool = typer.Option(False, "--json", help="Print every revision and its changes."),
) -> None:
    """Show who changed what in a claim, and when. Example: forcevet claim history clm-3f9a"""
    with open_store(settings_of(ctx)) as store:
        revisions = claim_history(store, claim_id)
        names = actor_names(store, revisions)
    if json:
        print_json(history_records(revisions, names))
        return
    steps = [(None, revisions[0])] + list(zip(revisions, revisions[1:], strict=False))
    for before, after in steps:
        changes = changed_fields(before, after) if before else {}
        what = "; ".join(
            ["created"] * (before is None)
            + [f"{k}: {_show(a)} -> {_show(b)}" for k, (a, b) in changes.items() if k in SHOWN]
            + [f"reviewed by {after.reviewed_by}"] * _newly_reviewed(before, after)
        )
        note = f"  ({after.note})" if after.note else ""
        typer.echo(f"r{after.revision}  {after.recorded_at}  {after.recorded_by}  {what}{note}")


# The review fields are printed as "reviewed by X", the date being the revision's.
SHOWN = frozenset(REVISABLE) - {"reviewed_by", "reviewed_at"}


def _newly_reviewed(before: Claim | None, after: Claim) -> bool:
    if not after.reviewed_by:
        return False
    return before is None or (before.reviewed_by, before.reviewed_at) != (
        after.reviewed_by,
        after.reviewed_at,
    )


_show = shown_value


@app.command("edit")
def edit_command(
    ctx: typer.Context,
    claim_id: str = typer.Argument(..., metavar="ID", help="The claim to change."),
    subject: str | None = typer.Option(
        None, "--subject", metavar="ACTOR", help="New subject: an actor id, code or name."
    ),
    predicate: str | None = typer.Option(None, "--predicate", help="New predicate."),
    object_: str | None = typer.Option(
        None, "--object", metavar="ACTOR", help="New object actor: an id, code or name."
    ),
    value: str | None = typer.Option(None, "--value", help="New object as text."),
    date: str | None = typer.Option(
        None, "--date", help="New time: 2024-12-08, 2024-01, 2023-10/.., ../2025."
    ),
    place: str | None = typer.Option(None, "--place", help="New place, in words."),
    polarity: str | None = typer.Option(None, "--polarity", help="affirms or denies."),
    credibility: str | None = typer.Option(
        None, "--credibility", help="New information credibility, 1-6."
    ),
    status: str | None = typer.Option(
        None, "--status", help="proposed, accepted or rejected (names you as reviewer)."
    ),
    note: str | None = typer.Option(None, "--note", help="Why the change was made."),
    by: str | None = typer.Option(None, "--by", help="Who changes it (default: the OS user)."),
    json: bool = typer.Option(False, "--json", help=JSON_HELP),
) -> None:
    """Write a new revision of a claim; the old one stays in its history.

    Example: forcevet claim edit clm-3f9a --credibility 3 --note "single source" --by analyst
    """
    settings = settings_of(ctx)
    with open_store(settings) as store, store.transaction():
        claim = edit_reviewed(
            store,
            claim_id,
            by=by or settings.user,
            note=note,
            subject=subject,
            predicate=predicate,
            object=object_,
            value=value,
            date=date,
            place=place,
            polarity=polarity,
            credibility=credibility,
            status=status,
        )
        names = actor_names(store, [claim])
    if json:
        print_json(claim_record(claim, names))
    else:
        typer.echo(f"{claim.id}  revision {claim.revision} recorded by {claim.recorded_by}")
