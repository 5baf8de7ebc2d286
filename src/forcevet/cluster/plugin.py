"""What runs on a cluster worker for an ingest: the reader, built once per worker and
run, and the task that reads a partition of files with it.

The driver registers a ReaderPlugin carrying the store's actors; each worker builds
its spaCy pipeline from them once (seconds), in ``setup``, and every partition it is
given afterwards reuses it. A worker that dies and comes back (its nanny restarts it)
runs ``setup`` again; the scheduler gives its unfinished partitions to the others.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field
from itertools import chain
from typing import Any

from distributed import WorkerPlugin, get_worker

from forcevet.errors import InputError
from forcevet.ingest.articles.reading import Document, read_documents, split_parts
from forcevet.ingest.articles.service import (
    IngestOptions,
    TextReader,
    TextReading,
    source_terms,
)
from forcevet.model.actors import Actor
from forcevet.model.ids import content_hash

PLUGIN = "forcevet-reader"
PARSE_BATCH = 32  # texts per nlp.pipe batch, as the single-process ingest feeds it


@dataclass(frozen=True)
class ReaderSetup:
    """What a worker needs to read documents as the driver's run would: the actors the
    store held when the run started, the options, and the publishers known by host."""

    run: str  # this run's token: a task of another run's plugin refuses to read
    actors: list[Actor]
    in_evidence: frozenset[str]
    options: IngestOptions
    hosts: dict[str, str]
    # --resume: content hashes of the stored texts, whose files are not parsed again
    stored: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Outcome:
    """One document as a worker read it: its Document and one TextReading per part, or
    why it failed, or that its text is stored already (--resume)."""

    index: int  # its place in the run's input
    path: str
    document: Document | None = None
    readings: list[TextReading] = field(default_factory=list)
    added: int = 0  # how many of the run's new actors extraction could name (see ingest.py)
    failure: str | None = None
    stored: bool = False


class ReaderPlugin(WorkerPlugin):
    """Builds one TextReader per worker for a run, and reads partitions with it."""

    name = PLUGIN

    def __init__(self, setup: ReaderSetup) -> None:
        self.run = setup
        self.reader: TextReader | None = None
        self.base: dict[str, Actor] = {}
        # the store's actors and the run's new ones, as extraction names them (``read``)
        self.view: dict[str, Actor] = {}
        self.viewed = 0
        self.partitions = 0

    def setup(self, worker: Any) -> None:
        """Build the spaCy pipeline and extraction from the run's actors, once."""
        self.reader = TextReader(self.run.actors, self.run.in_evidence, fast=self.run.options.fast)
        self.base = {a.id: a for a in self.run.actors}
        self.view, self.viewed = self.base, 0

    def read(self, items: list[tuple[int, str]], added: tuple[Actor, ...]) -> list[Outcome]:
        """Return the outcome of each (index, path), in order; extraction names the
        store's actors and ``added``, as the driver's run does after it proposed them."""
        reader = self.reader
        if reader is None:
            raise RuntimeError("the forcevet reader was not set up on this worker")
        outcomes: dict[int, Outcome] = {}
        texts: list[tuple[str, tuple[int, int, str, str | None, int]]] = []
        for index, path in items:
            try:
                document = next(read_documents([path]))
                published, credibility = source_terms(document, self.run.options, self.run.hosts)
            except InputError as exc:
                outcomes[index] = Outcome(index, path, failure=str(exc))
                continue
            if self.run.stored and content_hash(document.text) in self.run.stored:
                outcomes[index] = Outcome(index, path, stored=True)
                continue
            outcomes[index] = Outcome(index, path, document, added=len(added))
            for part, text in enumerate(split_parts(document.text)):
                texts.append((text, (index, part, text, published, credibility)))
        if len(added) != self.viewed:  # the same actors as the last partition: no copy
            self.view = self.base | {a.id: a for a in added}
            self.viewed = len(added)
        actors = self.view
        nlp = reader.nlp
        # As in the single-process ingest, words a partition adds to spaCy's vocabulary
        # are dropped after it (a memory zone), once the first has filled the cache.
        with nlp.memory_zone() if self.partitions else contextlib.nullcontext():
            for doc, (index, part, text, published, credibility) in nlp.pipe(
                texts, as_tuples=True, batch_size=PARSE_BATCH
            ):
                outcome = outcomes[index]
                if outcome.failure is not None:
                    continue
                try:
                    reading = reader.read(
                        doc,
                        text,
                        actors,
                        published=published,
                        credibility=credibility,
                        first=not part,
                    )
                except Exception as exc:  # one bad document must not end the run
                    why = f"extraction failed: {type(exc).__name__}: {exc}"
                    outcomes[index] = Outcome(index, outcome.path, failure=why)
                    continue
                outcome.readings.append(reading)
        self.partitions += 1
        return [outcomes[index] for index, _ in items]


def read_partition(
    run: str, items: list[tuple[int, str]], *added: tuple[Actor, ...]
) -> list[Outcome]:
    """The task: return the outcomes of a partition of files, read by this worker's
    reader for run ``run``; ``added`` are the actors the run proposed so far, in the
    pieces the driver sent them in (each piece reaches a worker once)."""
    plugin = get_worker().plugins.get(PLUGIN)
    if not isinstance(plugin, ReaderPlugin) or plugin.run.run != run:
        raise RuntimeError("this worker's forcevet reader belongs to another run")
    return plugin.read(items, tuple(chain.from_iterable(added)))
