"""`forcevet export` and `forcevet import`."""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import asdict
from enum import StrEnum
from pathlib import Path

import typer

from forcevet.cli.output import print_json, settings_of
from forcevet.ingest.lists.formats import DesignationFormat, import_designation_file
from forcevet.store.store import open_store

import_app = typer.Typer(help="Bring entities and lists into the store.", no_args_is_help=True)


class ExportFormat(StrEnum):
    ftm = "ftm"


def export_command(
    ctx: typer.Context,
    format_: ExportFormat = typer.Option(
        ExportFormat.ftm, "--format", help="ftm: FollowTheMoney JSON lines."
    ),
    out: Path | None = typer.Option(
        None,
        "--out",
        help="File to write, with its records file FILE.forcevet.jsonl beside it "
        "(default: the FtM entities alone to stdout).",
    ),
) -> None:
    """Export actors, sources, links and designations as FollowTheMoney JSON lines.

    With --out, a records file goes beside the FtM file: every stored row of the
    evidence, for what FtM has no place for (credibility, revisions, reviews,
    hearsay, listing history); `import ftm` of the FtM file reads it back, so
    nothing is lost (docs/ftm.md).

    Example: forcevet export --format ftm --out evidence.ftm.json
    """
    from forcevet.reports.ftm_export import export_ftm, write_ftm  # followthemoney: 1.4 s

    writers = {ExportFormat.ftm: write_ftm}
    with open_store(settings_of(ctx)) as store:
        if out is None:
            writers[format_](store, sys.stdout)
            typer.echo(
                "FtM entities only: credibility, revisions, reviews and what FtM cannot "
                "hold go to a records file with --out FILE (docs/ftm.md)",
                err=True,
            )
            return
        report = export_ftm(store, out)
    only = ", ".join(f"{n} {what}" for what, n in report.only_in_records.items())
    typer.echo(
        f"{report.entities} entities written to {report.path}; {report.records} records "
        f"to {report.records_path}" + (f" (in the records only: {only})" if only else ""),
        err=True,
    )


@import_app.command("ftm")
def import_ftm_command(
    ctx: typer.Context,
    path: Path = typer.Argument(..., metavar="FILE", help="FollowTheMoney JSON lines."),
    records: Path | None = typer.Option(
        None,
        "--records",
        help="The records file written with FILE (default: FILE.forcevet.jsonl if present).",
    ),
    no_records: bool = typer.Option(
        False, "--no-records", help="Read the FtM entities alone, even if records are present."
    ),
    by: str | None = typer.Option(None, "--by", help="Who imports (default: the OS user)."),
    json: bool = typer.Option(False, "--json", help="Print what was imported as JSON."),
) -> None:
    """Import FollowTheMoney entities: people, organisations, bodies, documents, sanctions.

    Links too. With the records file `export --out` writes beside its FtM file,
    every exported row comes back as it was stored (grades, revisions, reviews);
    without one, links become proposed claims of credibility 6 (docs/ftm.md).
    A broken line leaves the store unchanged.

    Example: forcevet import ftm entities.ftm.json
    """
    settings = settings_of(ctx)
    with open_store(settings) as store, store.transaction():
        from forcevet.ingest.lists.ftm import import_ftm  # followthemoney: 1.4 s

        report = import_ftm(
            store, path, by=by or settings.user, records=records, use_records=not no_records
        )
    if json:  # asdict would turn a Counter's items into keys
        print_json({k: dict(v) if isinstance(v, Counter) else v for k, v in vars(report).items()})
        return
    skipped = ", ".join(f"{n} {schema}" for schema, n in report.skipped.most_common())
    if report.records is not None:
        added = sum(report.added.values())
        typer.echo(
            f"{report.path} with {report.records}: {report.actors} actors, "
            f"{report.sources} sources, {report.claims} claims ({report.revisions} "
            f"revisions), {report.designations} designations, {report.coverage} coverage "
            f"records; {added} rows added, {report.unchanged} stored already"
            + (f"; skipped {skipped}" if skipped else "")
        )
        return
    typer.echo(
        f"{report.path}: {report.actors} actors, {report.sources} sources, "
        f"{report.claims} links, {report.designations} designations "
        f"({report.listings_added} added, {report.listings_changed} changed, "
        f"{report.listings_delisted} delisted)"
        + (f"; skipped {skipped}" if skipped else "")
        + ("; no records file: links are proposed claims of credibility 6" if report.claims else "")
    )


@import_app.command("un-sc")
def import_un_sc_command(
    ctx: typer.Context,
    path: Path = typer.Argument(..., metavar="FILE", help="The UN SC list as published (XML)."),
    by: str | None = typer.Option(None, "--by", help="Who imports (default: the OS user)."),
    json: bool = typer.Option(False, "--json", help="Print what was imported as JSON."),
) -> None:
    """Import the UN Security Council Consolidated List (or the 1267 list) from its XML.

    Importing it again reports what was added, changed and delisted; a broken file
    leaves the store unchanged.

    Example: forcevet import un-sc consolidated.xml
    """
    settings = settings_of(ctx)
    with open_store(settings) as store, store.transaction():
        from forcevet.ingest.lists.un_sc import import_un_sc

        report = import_un_sc(store, path, by=by or settings.user)
    if json:
        print_json(asdict(report))
    else:
        typer.echo(report.summary())


@import_app.command("designations")
def import_designations_command(
    ctx: typer.Context,
    path: Path = typer.Argument(..., metavar="FILE", help="A designations CSV or SDN file."),
    format_: DesignationFormat = typer.Option(
        DesignationFormat.CSV,
        "--format",
        help="csv: forcevet's designations CSV (docs/designations-csv.md); ofac-sdn: the "
        "US Treasury's sdn.csv as published (docs/designations-ofac-sdn.md).",
    ),
    complete: bool = typer.Option(
        False, "--complete", help="csv: the file is each authority's whole list: delist the rest."
    ),
    subset: bool = typer.Option(
        False,
        "--subset",
        help="ofac-sdn: the file holds selected rows only: delist nothing, claim no coverage.",
    ),
    list_date: str | None = typer.Option(
        None,
        "--date",
        metavar="YYYY-MM-DD",
        help="ofac-sdn: the day the list was published (default: a date in the file name).",
    ),
    reliability: str | None = typer.Option(
        None, "--reliability", help="csv: reliability (A-F) of the file as a source (F)."
    ),
    by: str | None = typer.Option(None, "--by", help="Who imports (default: the OS user)."),
    json: bool = typer.Option(False, "--json", help="Print what was imported as JSON."),
) -> None:
    """Import a designation list: a state's own list kept as CSV, or the US SDN list.

    CSV columns (docs/designations-csv.md): authority, name, aliases, date, reference,
    source address. The SDN file is the whole list as of its date: listings it no
    longer holds are delisted. A broken file exits 2 and leaves the store unchanged.

    Example: forcevet import designations hamas-state-listings.csv

    Example: forcevet import designations --format ofac-sdn us-ofac-sdn-2024-05-03.csv
    """
    settings = settings_of(ctx)
    with open_store(settings) as store, store.transaction():
        report = import_designation_file(
            store,
            path,
            format=format_,
            by=by or settings.user,
            complete=complete,
            subset=subset,
            reliability=reliability,
            list_date=list_date,
        )
    if json:
        print_json(asdict(report))
    else:
        typer.echo(report.summary())


def _register_record_imports() -> None:
    """Add `import peacekeeping` and `import unga-votes`, which their own modules declare
    on ``import_app``: with commands loaded lazily, loading `import` must load them too."""
    from forcevet.cli import peacekeeping, votes  # noqa: F401  (they register on import_app)


_register_record_imports()
