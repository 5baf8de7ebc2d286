"""`forcevet source add|list|show`."""

from __future__ import annotations

from pathlib import Path

import typer

from forcevet.cli.output import print_fields, print_json, print_table, settings_of
from forcevet.errors import InputError
from forcevet.model.sources import SourceKind, make_source
from forcevet.reports.json import source_record
from forcevet.store.claims import ClaimFilter, list_claims
from forcevet.store.sources import add_source, list_sources, require_source
from forcevet.store.store import now, open_store

app = typer.Typer(help="Documents that claims are taken from.", no_args_is_help=True)


@app.command("add")
def add_command(
    ctx: typer.Context,
    title: str = typer.Option(..., "--title", help="The document's title."),
    publisher: str = typer.Option(..., "--publisher", help="Who published it."),
    kind: str = typer.Option(
        ..., "--kind", help="One of: " + ", ".join(k.value for k in SourceKind)
    ),
    reliability: str = typer.Option(..., "--reliability", help="Admiralty source reliability A-F."),
    url: str | None = typer.Option(None, "--url", help="Where it was read."),
    date: str | None = typer.Option(
        None, "--date", help="Publication date: YYYY-MM-DD, YYYY-MM or YYYY."
    ),
    note: str | None = typer.Option(None, "--note", help="Why this reliability grade."),
    text_file: Path | None = typer.Option(
        None, "--text-file", help="The document's full text (UTF-8)."
    ),
    by: str | None = typer.Option(None, "--by", help="Who grades it (default: the OS user)."),
    json: bool = typer.Option(False, "--json", help="Print the stored record as JSON."),
) -> None:
    """Record a source with its reliability grade.

    The same text from the same address is stored once.

    Example: forcevet source add --title "Dar on the ISF" --publisher "Anadolu Agency"
    --url https://www.aa.com.tr/... --date 2025-11-29 --kind wire --reliability B
    """
    settings = settings_of(ctx)
    text = ""
    if text_file is not None:
        try:
            text = text_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read the text: {exc}", path=str(text_file)) from None
    source = make_source(
        title=title,
        publisher=publisher,
        url=url,
        date=date,
        kind=kind,
        reliability=reliability,
        reliability_note=note,
        text=text,
        graded_by=by or settings.user,
        added_at=now(),
    )
    with open_store(settings) as store, store.transaction():
        stored, added = add_source(store, source)
    if json:
        print_json(source_record(stored) | {"added": added})
    else:
        state = "added" if added else "already stored"
        typer.echo(
            f"{stored.id}  {state}: {stored.publisher}: {stored.title} [{stored.reliability.value}]"
        )


@app.command("list")
def list_command(
    ctx: typer.Context,
    kind: str | None = typer.Option(None, "--kind", help="Only sources of this kind."),
    json: bool = typer.Option(False, "--json", help="Print JSON records."),
) -> None:
    """List sources, newest first. Example: forcevet source list --kind opinion"""
    wanted = SourceKind.parse(kind) if kind else None
    with open_store(settings_of(ctx)) as store:
        found = list_sources(store, kind=wanted)
    if json:
        print_json([source_record(s) for s in found])
        return
    print_table(
        f"{len(found)} sources",
        ["id", "date", "kind", "rel.", "publisher", "title"],
        [
            (s.id, s.date or "", s.kind.value, s.reliability.value, s.publisher, s.title)
            for s in found
        ],
    )


@app.command("show")
def show_command(
    ctx: typer.Context,
    source_id: str = typer.Argument(..., metavar="ID", help="The source to show."),
    text: bool = typer.Option(False, "--text", help="Include the full text."),
    json: bool = typer.Option(False, "--json", help="Print the JSON record."),
) -> None:
    """Show one source and how many claims rest on it. Example: forcevet source show src-1a2b"""
    with open_store(settings_of(ctx)) as store:
        source = require_source(store, source_id)
        claims = list_claims(store, ClaimFilter(source_id=source.id))
    if json:
        print_json(source_record(source, with_text=text) | {"claims": [c.id for c in claims]})
        return
    print_fields(
        f"{source.id}  {source.title}",
        [
            ("publisher", source.publisher),
            ("url", source.url),
            ("date", source.date),
            ("kind", source.kind.value),
            (
                "reliability",
                f"{source.reliability.value} ({source.reliability.meaning}), graded "
                f"by {source.reliability_by}",
            ),
            ("why", source.reliability_note),
            ("sha256", source.content_hash),
            ("characters", len(source.text)),
            ("claims", len(claims)),
        ],
    )
    if text and source.text:
        typer.echo("\n" + source.text)
