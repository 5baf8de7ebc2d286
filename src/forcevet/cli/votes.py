"""`forcevet import unga-votes` and `forcevet votes`."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import typer

from forcevet.cli.output import print_json, print_table, settings_of
from forcevet.cli.transfer import import_app
from forcevet.ingest.records.unga import import_unga_votes
from forcevet.model.countries import require_country
from forcevet.model.votes import DEFAULT_PERIODS, format_rcids, parse_period
from forcevet.store.store import open_store


@import_app.command("unga-votes")
def import_unga_votes_command(
    ctx: typer.Context,
    votes: Path = typer.Argument(
        ..., metavar="VOTES", help="un_votes CSV: rcid,country,country_code,vote."
    ),
    roll_calls: Path = typer.Argument(
        ..., metavar="ROLLCALLS", help="un_roll_calls CSV: rcid,session,importantvote,date,..."
    ),
    issues: Path = typer.Argument(
        ..., metavar="ISSUES", help="un_roll_call_issues CSV: rcid,short_name,issue."
    ),
    party: list[str] = typer.Option(
        ["ISR"],
        "--party",
        metavar="ISO3",
        help="A state party to measure agreement with; repeat for more (default: ISR).",
    ),
    issue: str = typer.Option(
        "me",
        "--issue",
        help="Issue code of the roll calls (default: me, the Palestinian conflict).",
    ),
    period: list[str] = typer.Option(
        [],
        "--period",
        metavar="YYYY-YYYY",
        help="A period of the figures; repeat (default: 1990-1999, 2000-2009, 2010-2019).",
    ),
    by: str | None = typer.Option(None, "--by", help="Who imports (default: the OS user)."),
    json: bool = typer.Option(False, "--json", help="Print what was imported as JSON."),
) -> None:
    """Import UN General Assembly roll-call votes (Voeten's layout) and agreement figures.

    Each country's agreement with each party, by period, becomes an accepted claim
    with the roll calls it rests on. Every row is checked; a bad row or a truncated
    file leaves the store unchanged (exit 2). The same files again change nothing.
    Rules: docs/unga-votes.md.

    Example: forcevet import unga-votes votes.csv roll_calls.csv issues.csv --party USA
    """
    periods = [parse_period(p, field="--period") for p in period] or list(DEFAULT_PERIODS)
    settings = settings_of(ctx)
    with open_store(settings) as store, store.transaction():
        report = import_unga_votes(
            store,
            votes,
            roll_calls,
            issues,
            by=by or settings.user,
            parties=party,
            issue=issue,
            periods=periods,
        )
    if json:
        print_json(asdict(report))
    else:
        typer.echo(report.summary())


def votes_command(
    ctx: typer.Context,
    country: str = typer.Argument(
        ..., metavar="ISO3", help="A country by ISO 3166 alpha-3 code, such as IDN."
    ),
    with_: list[str] = typer.Option(
        ["ISR"], "--with", metavar="ISO3", help="Party to compare with; repeat (default: ISR)."
    ),
    issue: str = typer.Option(
        "me", "--issue", help="Issue code (default: me, the Palestinian conflict)."
    ),
    since: int | None = typer.Option(
        None,
        "--since",
        metavar="YEAR",
        min=1946,  # the General Assembly's first roll calls
        max=2100,
        help="Decades from this year (default: 1990-2019).",
    ),
    raw: bool = typer.Option(
        False, "--raw", help="Also list every vote of the country on the issue."
    ),
    json: bool = typer.Option(
        False, "--json", help="Print the record as JSON, roll calls included."
    ),
) -> None:
    """Show a country's agreement with each party in the UN General Assembly, by period.

    Lists the roll calls behind each figure and, with --raw, the country's votes.

    Example: forcevet votes IDN --with ISR --with USA --since 2000 --json
    """
    from forcevet.reports.voting import voting_record  # matplotlib: 1.6 s, for this command only

    code = require_country(country, field="ISO3")
    parties = [require_country(p, field="--with") for p in with_]
    with open_store(settings_of(ctx)) as store:
        record = voting_record(store, code, parties, issue=issue, since=since, raw=raw)
    if json:
        print_json(record.to_json())
        return
    print_table(
        f"{code}: agreement on UN General Assembly roll calls coded {record.issue_label}",
        ["with", "period", "agreement", "roll calls", "same", "one abstained", "opposite"],
        [
            [a.party, a.period.text, f"{a.index:.2f}", a.roll_calls, a.same, a.half, a.opposite]
            for a in record.agreements
        ],
    )
    for a in record.agreements:
        typer.echo(f"{a.party} {a.period.text} rests on roll calls: {format_rcids(a.rcids)}")
    if raw:
        print_table(
            f"{code}: votes",
            ["rcid", "date", "vote", "resolution", "subject"],
            [[v.rcid, v.date, v.vote, v.resolution, v.short] for v in record.votes],
        )
