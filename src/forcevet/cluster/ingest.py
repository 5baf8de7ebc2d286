"""`forcevet ingest --cluster`: documents read on Dask workers, applied and written here.

The workers read files in partitions: decode, parse, extract claims and make
near-duplicate sketches (plugin.py). This process (the driver) takes their readings
in input order and applies them with the single-process ingest's own code
(IngestRun.apply): duplicates, near-duplicates, new actors and claims are decided
here, one document after another, and written by one writer in batches. The records
are those of the single-process run on the same files.

Exactness. A document's reading may depend on the actors that earlier documents of
the run proposed (the single-process ingest names them in later extractions). A
partition is read naming the actors proposed when it was sent; if, by the time one of
its documents is applied, the documents in flight before it proposed an actor that
reading could have used, the document is read again (``rereads`` counts these), which
stalls the run for one document's parse. Only the new actors of the documents in
flight can do that, so rereads are most frequent early in a run, while new names
come fast.

Failures and restarts. A document that cannot be read (bad bytes, a bad date, an
extraction error) is reported with its path and reason, and the run goes on. A worker
that dies loses nothing: the scheduler gives its partitions to another worker, and
each partition's result is applied once, when its turn comes. Each batch is committed
as it is written, so an interrupted run keeps what it wrote; ``resume`` then skips the
files whose text is stored without parsing them again.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import select

from forcevet.cluster.plugin import PLUGIN, Outcome, ReaderPlugin, ReaderSetup, read_partition
from forcevet.ingest.articles.document import MISSION_NAME, is_mission
from forcevet.ingest.articles.mentions import NOT_PLACES
from forcevet.ingest.articles.reading import split_parts
from forcevet.ingest.articles.service import (
    BATCH_SOURCES,
    IngestOptions,
    IngestReport,
    IngestRun,
    check_options,
)
from forcevet.model.actors import Actor, ActorKind
from forcevet.store.store import Store
from forcevet.store.tables import sources as sources_table

log = logging.getLogger(__name__)

_WORD = re.compile(r"\w+")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]{3,}\b")
PARTITION = 8  # documents per task: enough to batch the parse, few enough to spread well


@dataclass
class ClusterIngest:
    """What a cluster ingest did: the single-process report and what only a cluster
    run has (failed files, files skipped by --resume, documents read again)."""

    report: IngestReport
    sources: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, why)
    stored: int = 0  # files whose text was stored already, skipped by --resume
    rereads: int = 0
    workers: int = 0
    seconds: float = 0.0
    # of which the driver spent applying and writing (not waiting for workers): the run
    # cannot go faster than documents / driver_seconds, however many workers
    driver_seconds: float = 0.0


def ingest_on_cluster(
    store: Store,
    files: Sequence[str],
    options: IngestOptions,
    client: Any,
    *,
    resume: bool = False,
    keep_records: bool = True,
    partition: int = PARTITION,
    batch: int = BATCH_SOURCES,
    progress: Callable[[str], None] | None = None,
) -> ClusterIngest:
    """Ingest ``files`` with the workers of ``client``; return what was stored.

    ``progress`` is called with each file's path once it is applied, failed or skipped.
    Each batch of ``batch`` texts is committed as it is written, so a run of a year's
    articles is not one transaction; that needs a store with no transaction open (as
    the command opens it): inside one, even one a read began, batches are savepoints
    and the caller commits. The default batch writes where the single-process ingest
    writes.
    """
    started = time.perf_counter()
    with ExitStack() as writing:
        # The first batch's transaction begins before the run's first read: a read outside
        # one would begin the connection's transaction, and the batches would only be
        # savepoints in it, never committed.
        writing.enter_context(store.transaction())
        options = check_options(store, options)
        run = IngestRun(store, options, keep_records, None, read_here=False)
        result = ClusterIngest(run.report)
        token = uuid.uuid4().hex
        setup = ReaderSetup(
            run=token,
            actors=run.known,
            in_evidence=frozenset(run.in_evidence),
            options=options,
            hosts=run.hosts,
            stored=_stored_hashes(store) if resume else frozenset(),
        )
        client.register_plugin(ReaderPlugin(setup), name=PLUGIN)  # every worker's setup runs
        result.workers = len(client.scheduler_info(n_workers=-1)["workers"])
        window = max(2, 3 * result.workers)  # partitions in flight: bounds the driver's memory
        taken = 0  # texts applied: a batch is written and committed every ``batch``
        news = _NewActors(client)
        for outcomes in _partitions(client, token, files, partition, window, news, run.added):
            # Documents already stale are read again at once, side by side on the workers;
            # one that an earlier document of this partition makes stale, when its turn comes.
            again = _read_stale(client, token, outcomes, run.added, news.pieces(run.added))
            for outcome in outcomes:
                if outcome.index in again:
                    outcome = again[outcome.index].result()[0]
                    result.rereads += 1
                if outcome.document is not None and _is_stale(outcome, run.added):
                    outcome = _read_again(client, token, outcome, news.pieces(run.added))
                    result.rereads += 1
                busy = time.perf_counter()
                if outcome.failure is not None:
                    result.failed.append((outcome.path, outcome.failure))
                elif outcome.stored:
                    result.stored += 1
                else:
                    for _ in _apply(run, outcome, result):
                        taken += 1
                        if taken % batch == 0:
                            run.flush()
                            writing.close()  # commits the batch
                            writing.enter_context(store.transaction())
                result.driver_seconds += time.perf_counter() - busy
                if progress is not None:
                    progress(outcome.path)
        busy = time.perf_counter()
        run.flush()
        result.driver_seconds += time.perf_counter() - busy
    result.seconds = time.perf_counter() - started
    return result


def _apply(run: IngestRun, outcome: Outcome, result: ClusterIngest) -> Iterator[int]:
    """Apply a read document part by part, yielding after each; a duplicate is reported
    instead (IngestRun.admit)."""
    document = outcome.document
    if document is None:
        return
    admitted = run.admit(document)
    if admitted is None:
        return
    source, credibility = admitted
    result.sources += 1
    for part, (text, reading) in enumerate(
        zip(split_parts(document.text), outcome.readings, strict=True)
    ):
        piece = document if part == 0 and text == document.text else replace(document, text=text)
        run.apply(reading, piece, source, credibility, part=part)
        yield part


def _is_stale(outcome: Outcome, added: list[Actor]) -> bool:
    """Return whether actors the run proposed after this document was read could change
    its reading: one it names or proposes (or their parents), or a state or a mission
    with a word of its names in the text."""
    new = added[outcome.added :]
    if not new:
        return False
    # Extraction looks for these among all the actors, not only those a document names
    # (document.py: a state by a one-word name, a mission by a place in its name): a new
    # one may change the reading of a document that holds a word of its names.
    looked_for = {w for a in new for w in _looked_for_by(a)}
    text = outcome.document.text.lower() if outcome.document is not None else ""
    if looked_for and looked_for & set(_WORD.findall(text)):
        return True
    named: set[str] = set()
    for reading in outcome.readings:
        named.update(m.actor_id for m in reading.mentions)
        for proposed in reading.proposed_actors:
            named.add(proposed.id)
            if proposed.parent_id:
                named.add(proposed.parent_id)
    return any(a.id in named for a in new)


def _looked_for_by(actor: Actor) -> set[str]:
    """Return the lower-case words by which extraction finds an actor without a mention:
    a state's one-word names, the places in a mission's names (as document.py reads
    them: capitalised words of four letters or more that are no mission word)."""
    if actor.kind is ActorKind.STATE:
        return {n.lower() for n in actor.names if " " not in n}
    if not is_mission(actor):
        return set()
    return {
        w.lower()
        for n in actor.names
        for w in _CAPITALISED.findall(n)
        if not MISSION_NAME.match(w) and w.lower() not in NOT_PLACES
    }


def _read_stale(
    client: Any, token: str, outcomes: list[Outcome], added: list[Actor], pieces: list[Any]
) -> dict[int, Any]:
    """Send the stale documents of a partition to be read again, each its own task;
    return their futures by index."""
    return {
        o.index: client.submit(read_partition, token, [(o.index, o.path)], *pieces, pure=False)
        for o in outcomes
        if o.document is not None and _is_stale(o, added)
    }


def _read_again(client: Any, token: str, outcome: Outcome, pieces: list[Any]) -> Outcome:
    """Return the document read again, naming every actor the run has proposed so far."""
    future = client.submit(
        read_partition, token, [(outcome.index, outcome.path)], *pieces, pure=False
    )
    again: Outcome = future.result()[0]
    return again


class _NewActors:
    """The actors the run proposed, sent to the workers in pieces as they come: a task
    names the pieces (futures of data scattered on the cluster), and a worker fetches
    each piece once, so sending them costs their size, not their size per task."""

    MOST_PIECES = 32  # then they are sent again as one, so that a task names few

    def __init__(self, client: Any) -> None:
        self.client = client
        self.sent = 0
        self.futures: list[Any] = []

    def pieces(self, added: list[Actor]) -> list[Any]:
        """Return futures holding ``added``, sending what the workers do not have yet."""
        if len(added) > self.sent:
            if len(self.futures) >= self.MOST_PIECES:
                self.futures, self.sent = [], 0
            self.futures.append(self.client.scatter(tuple(added[self.sent :]), hash=False))
            self.sent = len(added)
        return self.futures


def _partitions(
    client: Any,
    token: str,
    files: Sequence[str],
    partition: int,
    window: int,
    news: _NewActors,
    added: list[Actor],
) -> Iterator[list[Outcome]]:
    """Yield the outcomes of each partition of files in input order, keeping ``window``
    partitions in flight.

    Results are taken in the order submitted: a partition that finishes early waits for
    the ones before it, which costs a little speed and keeps the run's records those of
    the single-process ingest.
    """
    from distributed import KilledWorker

    items = list(enumerate(files))
    partitions = iter([items[i : i + partition] for i in range(0, len(items), partition)])
    flying: deque[tuple[list[tuple[int, str]], Any]] = deque()

    def submit() -> None:
        chunk = next(partitions, None)
        if chunk is not None:
            pieces = news.pieces(added)  # the actors proposed so far: read naming them
            flying.append((chunk, client.submit(read_partition, token, chunk, *pieces, pure=False)))

    for _ in range(window):
        submit()
    while flying:
        chunk, future = flying.popleft()
        submit()
        try:
            outcomes: list[Outcome] = future.result()
        except KilledWorker as exc:  # the scheduler gave up: it killed worker after worker
            log.warning("partition lost: %s", exc)
            outcomes = [
                Outcome(i, path, failure="every worker that read it died (out of memory?)")
                for i, path in chunk
            ]
        except Exception as exc:  # the task itself failed (a reader error on the worker)
            why = f"the worker's task failed: {type(exc).__name__}: {exc}"
            outcomes = [Outcome(i, path, failure=why) for i, path in chunk]
        future.release()
        yield outcomes


def _stored_hashes(store: Store) -> frozenset[str]:
    """Return the content hashes of every stored source's text (--resume skips them)."""
    rows = store.connection.execute(select(sources_table.c.content_hash))
    return frozenset(str(row[0]) for row in rows)
