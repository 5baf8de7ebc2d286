"""`forcevet ingest --cluster` and `forcevet screen --cluster`: the commands' cluster
runs (forcevet.cluster), their progress and their summaries.

Nothing here imports dask: a command without --cluster loads no more than before."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import typer
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from forcevet.cli.output import print_json
from forcevet.errors import InputError
from forcevet.ingest.articles.service import IngestOptions
from forcevet.settings import Settings
from forcevet.store.store import open_store

if TYPE_CHECKING:
    from forcevet.cluster.ingest import ClusterIngest
    from forcevet.screening.queries import ScreenResult


class _Rate(ProgressColumn):
    """Items a second, over rich's recent window."""

    def __init__(self, unit: str) -> None:
        super().__init__()
        self.unit = unit

    def render(self, task: Task) -> Text:
        return Text(f"{task.speed or 0:.1f} {self.unit}/s")


@contextmanager
def _progress(
    total: int, *, shown: bool, doing: str = "ingesting", unit: str = "docs"
) -> Iterator[Callable[[int], None]]:
    """Yield a callback that advances a bar of ``total`` items by n, with rate and ETA."""
    columns = (
        TextColumn(doing),
        BarColumn(),
        MofNCompleteColumn(),
        _Rate(unit),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, disable=not shown, transient=True) as progress:
        task = progress.add_task(doing, total=total)

        def advance(count: int) -> None:
            progress.advance(task, count)

        yield advance


def ingest_on_cluster_command(
    settings: Settings,
    files: Sequence[str],
    options: IngestOptions,
    cluster: str | None,
    *,
    resume: bool,
    json: bool,
) -> None:
    """Run `forcevet ingest --cluster` and print its summary; exit 1 if every file failed.

    A file that fails is listed with its reason and the run goes on (exit 0): on a
    year of reporting one unreadable page must not cost the rest.
    """
    from forcevet.cluster.client import open_client, parse_cluster, require_distributed

    if cluster is None:
        raise InputError(
            "--resume continues an interrupted --cluster run: give --cluster too (an ingest "
            "without it stores everything or nothing, so run it again)",
            field="resume",
        )
    spec = parse_cluster(cluster)
    if "-" in files:
        raise InputError(
            "cluster workers cannot read standard input: save it to a file", field="cluster"
        )
    require_distributed()
    from forcevet.cluster.ingest import ingest_on_cluster

    with (
        open_store(settings) as store,
        open_client(spec) as client,
        _progress(len(files), shown=not json and len(files) > 1) as advance,
    ):
        result = ingest_on_cluster(
            store,
            files,
            options,
            client,
            resume=resume,
            keep_records=False,
            progress=lambda _: advance(1),
        )
    report = result.report
    if json:
        print_json(
            {
                "files": len(files),
                "sources": result.sources,
                "duplicates": report.duplicates,
                "claims": report.claim_count,
                "proposed_actors": sorted(report.pending_actors),
                "skipped": report.skipped,
                "failed": [{"file": path, "why": why} for path, why in result.failed],
                "already_stored": result.stored,
                "read_again": result.rereads,
                "workers": result.workers,
                "seconds": round(result.seconds, 2),
            }
        )
    else:
        _print_summary(result, len(files))
    if files and len(result.failed) == len(files):
        raise typer.Exit(1)


def _print_summary(result: ClusterIngest, files: int) -> None:
    report = result.report
    rate = files / result.seconds if result.seconds else 0.0
    typer.echo(
        f"{result.sources} sources stored from {files} files on {result.workers} workers in "
        f"{result.seconds:.1f} s ({rate:.1f} files/s): {report.claim_count} claims, "
        f"{len(report.duplicates)} duplicates"
    )
    if result.stored:
        typer.echo(f"{result.stored} files already stored, skipped (--resume)")
    if result.rereads:
        typer.echo(
            f"{result.rereads} documents read again: an earlier one proposed an actor they name"
        )
    new = [p for p in report.pending_actors.values() if p.new]
    if report.pending_actors:
        typer.echo(
            f"{len(report.pending_actors)} actors under review named by the claims "
            f"({len(new)} new): forcevet review actors"
        )
    for duplicate in report.duplicates[:20]:
        typer.echo(f"duplicate  {duplicate['label']}: already stored as {duplicate['source_id']}")
    if len(report.duplicates) > 20:
        typer.echo(f"... and {len(report.duplicates) - 20} more duplicates (--json lists them)")
    for path, why in result.failed:
        typer.echo(f"failed  {path}: {why}")
    if result.failed:
        typer.echo(f"{len(result.failed)} of {files} files failed (listed above); the rest ran")


def screen_on_cluster_command(
    settings: Settings, names: Sequence[str], cluster: str, *, json: bool, **options: Any
) -> list[ScreenResult]:
    """Return the results of `forcevet screen --cluster` (``options`` are screen_names')."""
    from forcevet.cluster.client import open_client, parse_cluster, require_distributed

    spec = parse_cluster(cluster)
    require_distributed()
    from forcevet.cluster.screen import screen_on_cluster

    with (
        open_store(settings) as store,
        open_client(spec) as client,
        _progress(len(names), shown=not json, doing="screening", unit="names") as advance,
    ):
        return screen_on_cluster(store, names, client, progress=advance, **options)
