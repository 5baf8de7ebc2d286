"""Ingest: documents in, sources and proposed claims stored, in one transaction.

The spaCy pipeline is built once per call from the store's actors and fed
documents in batches, written every few hundred. Nothing is kept per document
beyond what the report returns (and, with ``keep_records=False``, not even
that): duplicates and near-duplicates are looked up in the store, so memory
does not grow with the number of articles.

Nothing a kept proposal names is dropped: a person or an organisation the store
does not know is stored as a proposed actor beside the claims that name it, and
those claims wait for review however confident the extraction (``forcevet review
actors`` lists them; accepting a claim accepts its actors).
"""

from __future__ import annotations

import contextlib
import dataclasses
import inspect
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any
from urllib.parse import urlparse

from forcevet.errors import InputError
from forcevet.ingest.articles.actors import Mention, ProposedActor, Recognizer
from forcevet.ingest.articles.extract import ProposedClaim, propose_claims
from forcevet.ingest.articles.reading import Document, split_parts
from forcevet.ingest.articles.similarity import (
    BUCKET,
    INDEXED,
    SketchIndex,
    StoredSketches,
    make_sketch,
    parse_sketch,
    sketch_text,
)
from forcevet.ingest.grading import grade_source
from forcevet.model.actors import Actor, ActorStatus
from forcevet.model.claims import (
    Claim,
    Polarity,
    Status,
    check_claim,
    make_claim_id,
    require_confidence,
)
from forcevet.model.dates import parse_time
from forcevet.model.grades import Credibility
from forcevet.model.ids import content_hash
from forcevet.model.sources import Source, SourceKind, make_source
from forcevet.model.urls import get_web_url
from forcevet.store.actors import load_actors, save_actors
from forcevet.store.batches import insert_rows
from forcevet.store.claims import actors_in_claims, insert_claims
from forcevet.store.sources import (
    index_minhashes,
    list_sources,
    minhash_holders,
    require_source,
    sketches_of,
    source_with_text,
    to_row,
)
from forcevet.store.store import Store, now
from forcevet.store.tables import sources as sources_table

BATCH_CLAIMS = 2_000  # claims written per executemany
BATCH_SOURCES = 200  # sources held before they are written (their texts are large)


@dataclass(frozen=True)
class IngestOptions:
    """What the person ingesting says about the documents."""

    kind: str = "news"
    publisher: str | None = None
    url: str | None = None
    date: str | None = None
    reliability: str | None = None
    accept_above: float | None = None
    paraphrase: bool = False
    by: str = "unknown"
    # the stored source these documents are copies of (the same article recorded
    # before, e.g. by hand): they count as that one source, and leaving it out of
    # a run leaves them out too
    copy_of: str | None = None
    # rule-only extraction on spaCy's blank pipeline, without the dependency parse:
    # several times faster, lower recall (README, benchmarks/ingest.py)
    fast: bool = False


@dataclass
class PendingActor:
    """An actor under review that claims of this ingest name, with how many of them."""

    actor: Actor
    claims: int = 0
    new: bool = True  # stored by this ingest, not by an earlier one


@dataclass
class IngestReport:
    """What an ingest stored: sources, duplicates, claims, and the actors under review
    they name.

    ``proposed_actors`` holds every name the recognizer proposed (kept with the other
    records), ``pending_actors`` the actors not accepted yet that stored claims name,
    by id, however many documents there were; ``skipped`` the proposals that could not
    be stored, with why.
    """

    sources: list[dict[str, Any]] = field(default_factory=list)
    duplicates: list[dict[str, str]] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    proposed_actors: list[ProposedActor] = field(default_factory=list)
    pending_actors: dict[str, PendingActor] = field(default_factory=dict)
    skipped: list[dict[str, str]] = field(default_factory=list)
    words: int = 0
    keep_records: bool = True
    claim_count: int = 0


def _publisher_by_host(store: Store) -> dict[str, str]:
    known: dict[str, str] = {}
    for source in list_sources(store):
        if source.url:
            host = urlparse(source.url).netloc.lower().removeprefix("www.")
            known.setdefault(host, source.publisher)
    return known


def _make_source(
    document: Document, options: IngestOptions, hosts: dict[str, str]
) -> tuple[Source, int, str]:
    kind = SourceKind.parse(options.kind)
    # The page's own address (og:url, a bare line at the top) is the page's word: one
    # that is not http(s) is kept as text in the grading note, not linked, and the
    # ingest goes on. An address given with --url is checked by make_source (exit 2).
    url = options.url or get_web_url(document.url)
    unlinked = None if options.url or url or not document.url else document.url.strip()
    host = urlparse(url).netloc.lower().removeprefix("www.") if url else ""
    publisher = options.publisher or hosts.get(host) or document.publisher or host or "unknown"
    grade = grade_source(kind, publisher, options.reliability)
    note = grade.why
    if unlinked:
        note += f"; the page gives its address as {unlinked[:200]!r}, not a web address: not linked"
    day = options.date or document.date
    if day:
        try:
            parse_time(day)
        except InputError as exc:
            raise exc.located(path=document.label) from None
    source = make_source(
        title=(document.title or document.label)[:300],
        publisher=publisher,
        url=url,
        date=day,
        kind=kind,
        reliability=grade.reliability,
        reliability_note=note,
        text=document.text,
        graded_by=options.by,
        added_at=now(),
    )
    return source, int(grade.credibility), grade.why


@dataclass(frozen=True)
class TextReading:
    """What reading one parsed text gives: plain data (it pickles), so that the reading can
    happen where the text was parsed, in this process or on a cluster worker
    (forcevet.cluster), and be applied to the store elsewhere."""

    words: int
    mentions: list[Mention]
    proposed_actors: list[ProposedActor]
    proposals: list[ProposedClaim]
    sketch: list[int] | None = None  # a source's first part only: it stands for the source


class TextReader:
    """The expensive part of an ingest: the spaCy pipeline and extraction, built once from
    the actors the store holds (a cluster worker builds one per run, see
    forcevet.cluster.plugin)."""

    def __init__(self, actors: Sequence[Actor], in_evidence: Collection[str], *, fast: bool):
        parse = {"parse": not fast}
        self.recognizer = Recognizer(actors, in_evidence, **_accepted(Recognizer, parse))
        self.parse = _accepted(propose_claims, parse)
        self.nlp: Any = self.recognizer.nlp

    def read(
        self,
        doc: Any,
        text: str,
        actors: dict[str, Actor],
        *,
        published: str | None,
        credibility: int,
        first: bool,
    ) -> TextReading:
        """Return the mentions, proposed actors and proposed claims of one parsed text (and
        its sketch if it is a source's first part), extraction naming ``actors``."""
        sketch = make_sketch(doc) if first else None
        mentions, proposed_actors = self.recognizer.mentions(doc, text)
        proposed = _by_id(proposed_actors)
        extra = {i: _as_actor(p) for i, p in proposed.items() if i not in actors}
        # a copy of the store's actors only for a document that names someone new
        doc_actors = actors | extra if extra else actors
        proposals = propose_claims(
            doc,
            text,
            mentions,
            doc_actors,
            published=published,
            base_credibility=credibility,
            **self.parse,
        )
        return TextReading(len(doc), mentions, proposed_actors, proposals, sketch)


def check_options(store: Store, options: IngestOptions) -> IngestOptions:
    """Return the options with --copy-of resolved to a stored source id; raise InputError
    for a bad --accept-above or an unknown --copy-of."""
    if options.accept_above is not None:
        require_confidence(options.accept_above, field="accept_above")
    if options.copy_of is not None:
        options = dataclasses.replace(
            options, copy_of=require_source(store, options.copy_of, field="copy_of").id
        )
    return options


def source_terms(
    document: Document, options: IngestOptions, hosts: dict[str, str]
) -> tuple[str | None, int]:
    """Return the publication date and the credibility a document's source gets, which
    its reading needs; raise InputError naming the file for a bad date."""
    source, credibility, _ = _make_source(document, options, hosts)
    return source.date, credibility


def ingest_documents(
    store: Store,
    documents: Iterable[Document],
    options: IngestOptions,
    *,
    keep_records: bool = True,
    progress: Callable[[Document], None] | None = None,
) -> IngestReport:
    """Store each document as a source and its proposed claims; return what was done.

    A text already stored (same content hash) is reported as a duplicate and
    skipped; a near-duplicate (same story elsewhere) is stored and marked as the
    same underlying report. Claims at or above ``accept_above`` confidence are
    stored as accepted, the others as proposed. ``progress`` is called once for
    every document, when it is done.
    """
    run = IngestRun(store, check_options(store, options), keep_records, progress)
    nlp = run.require_reader().nlp
    for number, chunk in enumerate(_chunks(run.fresh(documents), BATCH_SOURCES)):
        # After the first chunk, which fills the tokenizer's cache, each chunk is parsed
        # in a memory zone: the words it added to spaCy's vocabulary are dropped after
        # it, or they would pile up over a long ingest (a new number, a new name...).
        with nlp.memory_zone() if number else contextlib.nullcontext():
            for doc, (document, source, credibility, part) in nlp.pipe(
                chunk, as_tuples=True, batch_size=32
            ):
                run.take(doc, document, source, credibility, part=part)
        run.flush()
    return run.report


def _chunks(items: Iterable[_Fresh], size: int) -> Iterator[list[_Fresh]]:
    iterator = iter(items)
    while chunk := list(islice(iterator, size)):
        yield chunk


_Fresh = tuple[str, tuple[Document, Source, int, int]]
"""A text to parse, with its document (holding just that text), source, credibility and
part number: a long text is parsed in parts (reading.split_parts), all of one source."""


class IngestRun:
    """One ingest: what it has read, and what it has still to write.

    ``take`` reads a parsed text here and applies it; a cluster run (forcevet.cluster)
    reads on its workers with the same TextReader and calls ``apply`` here, in input
    order, so that both store the same records. ``read_here=False`` builds no spaCy
    pipeline in this process.
    """

    def __init__(
        self,
        store: Store,
        options: IngestOptions,
        keep_records: bool,
        progress: Callable[[Document], None] | None,
        *,
        read_here: bool = True,
    ) -> None:
        self.store, self.options, self.progress = store, options, progress
        self.report = IngestReport(keep_records=keep_records)
        stored = load_actors(store, unreviewed=True)
        # Actors a reviewer rejected are not looked for; a claim that names one again
        # names it by id and waits for review like any other (see _actors_of).
        known = [a for a in stored if a.status is not ActorStatus.REJECTED]
        self.known = known
        self.in_evidence = actors_in_claims(store)
        self.actors = {a.id: a for a in known}  # what extraction may name
        self.stored = {a.id: a for a in stored}  # and what the store holds (or will)
        self.reader = TextReader(known, self.in_evidence, fast=options.fast) if read_here else None
        self.new_actors: list[Actor] = []
        # every actor this run proposed, in order: extraction names them after (a cluster
        # run checks its workers' readings against them, forcevet.cluster.ingest)
        self.added: list[Actor] = []
        self.hosts = _publisher_by_host(store)
        self.index = SketchIndex(
            StoredSketches(
                holders=lambda values: minhash_holders(store, values),
                sketches=lambda ids: {
                    i: (report_id, parse_sketch(sketch))
                    for i, (report_id, sketch) in sketches_of(store, ids).items()
                },
            )
        )
        # Texts taken in but not yet written, by content hash: the store answers for the
        # rest, so nothing is held for the texts already written.
        self.unwritten: dict[str, str] = {}
        self.claims: list[Claim] = []
        self.sources: list[dict[str, Any]] = []
        self.sketches: list[tuple[str, list[int]]] = []
        self.taken: dict[str, Source] = {}  # the source whose parts are being read

    def require_reader(self) -> TextReader:
        """Return the reader of this process (a run made with ``read_here``)."""
        if self.reader is None:
            raise TypeError("this ingest reads on a cluster, not here")
        return self.reader

    def admit(self, document: Document) -> tuple[Source, int] | None:
        """Return the source a document makes and its credibility, or None (and the
        document reported as a duplicate) if its text is stored or taken in already."""
        digest = content_hash(document.text)
        existing = self.unwritten.get(digest) or source_with_text(self.store, digest)
        if existing is not None:
            self.report.duplicates.append({"label": document.label, "source_id": existing})
            if self.progress is not None:
                self.progress(document)
            return None
        source, credibility, _ = _make_source(document, self.options, self.hosts)
        self.unwritten[digest] = source.id
        return source, credibility

    def fresh(self, documents: Iterable[Document]) -> Iterator[_Fresh]:
        """Yield the documents whose text is not stored yet, each with its source; report
        the others as duplicates."""
        for document in documents:
            admitted = self.admit(document)
            if admitted is None:
                continue
            source, credibility = admitted
            for part, text in enumerate(split_parts(document.text)):
                piece = document if part == 0 and text == document.text else None
                piece = piece or dataclasses.replace(document, text=text)
                yield text, (piece, source, credibility, part)

    def take(
        self, doc: Any, document: Document, source: Source, credibility: int, *, part: int = 0
    ) -> None:
        """Read one parsed document (or one part of a long one) and apply what it gives."""
        reading = self.require_reader().read(
            doc,
            document.text,
            self.actors,
            published=source.date,
            credibility=credibility,
            first=not part,
        )
        self.apply(reading, document, source, credibility, part=part)

    def apply(
        self,
        reading: TextReading,
        document: Document,
        source: Source,
        credibility: int,
        *,
        part: int = 0,
    ) -> None:
        """Apply one read text (or one part of a long one): its source, near-duplicate,
        mentions and claims. The first part stands for the source; later parts add claims."""
        options = self.options
        if part:
            self._take_claims(
                reading, document, self.taken[source.id], credibility, near=None, part=part
            )
            return
        sketch = reading.sketch or []
        near = self.index.find(sketch)
        stored = dataclasses.replace(
            source,
            report_id=options.copy_of or (near[0] if near else None),
            sketch=sketch_text(sketch),
        )
        self.taken = {stored.id: stored}  # for the later parts of this text
        self.sources.append(to_row(stored))
        self.sketches.append((stored.id, sketch[:INDEXED]))
        self.index.add(stored.id, sketch, stored.report_id)
        self._take_claims(reading, document, stored, credibility, near=near, part=0)

    def _take_claims(
        self,
        reading: TextReading,
        document: Document,
        stored: Source,
        credibility: int,
        *,
        near: tuple[str, float] | None,
        part: int,
    ) -> None:
        """Keep the claims proposed in one read text of a stored source."""
        options, report = self.options, self.report
        report.words += reading.words
        mentions, proposed_actors = reading.mentions, reading.proposed_actors
        proposed = _by_id(proposed_actors)
        at = now()
        made = []
        for proposal in reading.proposals:
            named = self._actors_of(proposal, proposed, mentions, document.label)
            if named is None:
                continue
            confident = (
                options.accept_above is not None and proposal.confidence >= options.accept_above
            )
            claim = make_claim(
                stored.id,
                proposal,
                by=options.by,
                at=at,
                # a claim naming an actor under review waits for a reviewer, who
                # accepts the actor with it
                accepted=confident
                and all(self.stored[i].status is ActorStatus.ACCEPTED for i in named),
                paraphrase=options.paraphrase,
            )
            for actor_id in named:
                if (pending := report.pending_actors.get(actor_id)) is not None:
                    pending.claims += 1
            made.append(claim)
        self.claims.extend(made)
        if len(self.claims) >= BATCH_CLAIMS:
            self.flush()
        report.claim_count += len(made)
        if report.keep_records:
            report.claims.extend(made)
            if part:  # a later part of the text whose source was reported last
                report.sources[-1]["claims"] += len(made)
            else:
                report.sources.append(
                    {
                        "source": stored,
                        "near_duplicate_of": near[0] if near else None,
                        "claims": len(made),
                        "label": document.label,
                    }
                )
            report.proposed_actors.extend(proposed_actors)
        if self.progress is not None and not part:
            self.progress(document)

    def _actors_of(
        self,
        proposal: ProposedClaim,
        proposed: dict[str, ProposedActor],
        mentions: list[Mention],
        label: str,
    ) -> set[str] | None:
        """Return the actors a proposal names, each known or stored as a proposed actor
        now; None (and the proposal reported as skipped) if one is neither."""
        named = {i for i in (proposal.subject_id, proposal.object_id, proposal.reported_by_id) if i}
        unknown = named - self.stored.keys()
        if any(i not in proposed for i in unknown):
            self.report.skipped.append(
                {
                    "label": label,
                    "quote": proposal.quote,
                    "why": "names "
                    + ", ".join(sorted(i for i in unknown if i not in proposed))
                    + ", which is no actor",
                }
            )
            return None
        for actor_id in sorted(unknown):
            actor = self._as_pending(proposed[actor_id], mentions)
            self.actors[actor_id] = self.stored[actor_id] = actor
            self.new_actors.append(actor)
            self.added.append(actor)
            self.report.pending_actors[actor_id] = PendingActor(actor)
        for actor_id in named:
            actor = self.stored[actor_id]
            if actor.status is not ActorStatus.ACCEPTED:
                # new here, or under review since an earlier ingest
                self.report.pending_actors.setdefault(actor_id, PendingActor(actor, new=False))
        return named

    def _as_pending(self, proposed: ProposedActor, mentions: list[Mention]) -> Actor:
        """Return the actor to store for a proposed one: under review, its forms in the
        text as aliases, its parent only if stored (a foreign key)."""
        actor = _as_actor(proposed)
        forms = [m.text for m in mentions if m.actor_id == actor.id and m.how != "pronoun"]
        return dataclasses.replace(
            actor,
            aliases=(*actor.aliases, *forms),
            parent_id=actor.parent_id if actor.parent_id in self.stored else None,
            status=ActorStatus.PROPOSED,
        )

    def flush(self) -> None:
        """Write what was read: sources and actors first, as claims and the hash index
        refer to them."""
        insert_rows(self.store, sources_table, self.sources)
        index_minhashes(self.store, self.sketches, BUCKET)
        save_actors(self.store, self.new_actors)
        self.new_actors.clear()
        insert_claims(self.store, self.claims, new_sources=True)
        for row in self.sources:
            self.unwritten.pop(row["content_hash"], None)
        self.index.written()
        self.sources.clear()
        self.sketches.clear()
        self.claims.clear()


def _accepted(function: Callable[..., Any], options: dict[str, Any]) -> dict[str, Any]:
    """Return the options ``function`` takes.

    ``parse`` reaches the recognizer and the extractor as each learns it; until then
    the call leaves it out rather than fail (the parse is then what they do anyway).
    """
    parameters = inspect.signature(function).parameters
    return {name: value for name, value in options.items() if name in parameters}


def _by_id(proposed_actors: Iterable[ProposedActor]) -> dict[str, ProposedActor]:
    """Return the proposed actors that carry an id (and can become an actor), by id."""
    found: dict[str, ProposedActor] = {}
    for proposed in proposed_actors:
        actor_id = getattr(proposed, "id", None)
        if actor_id and hasattr(proposed, "as_actor"):
            found.setdefault(actor_id, proposed)
    return found


def _as_actor(proposed: ProposedActor) -> Actor:
    """Return the actor a proposed one with an id stands for (see ``_by_id``)."""
    make: Callable[[], Actor] = getattr(proposed, "as_actor", None) or _no_actor
    return make()


def _no_actor() -> Actor:
    raise TypeError("a proposed actor without an id is no actor")


def make_claim(
    source_id: str,
    proposal: ProposedClaim,
    *,
    by: str,
    at: str,
    accepted: bool,
    paraphrase: bool = False,
) -> Claim:
    """Return the first revision of a proposed claim; its actors are known ids already."""
    polarity = Polarity(proposal.polarity)
    return check_claim(
        Claim(
            id=make_claim_id(
                source_id,
                proposal.subject_id,
                proposal.predicate,
                proposal.object_id,
                proposal.value,
                proposal.time,
                polarity,
                proposal.quote,
            ),
            revision=1,
            source_id=source_id,
            subject_id=proposal.subject_id,
            predicate=proposal.predicate,
            object_id=proposal.object_id,
            value=proposal.value,
            time=proposal.time,
            place=None,
            polarity=polarity,
            quote=proposal.quote,
            quote_start=proposal.quote_start,
            quote_end=proposal.quote_end,
            paraphrase=paraphrase,
            credibility=Credibility(proposal.credibility),
            status=Status.ACCEPTED if accepted else Status.PROPOSED,
            extracted_by=proposal.method,
            reported_by_id=proposal.reported_by_id,
            reported=getattr(proposal, "reported", False),
            note=getattr(proposal, "note", None),
            recorded_by=by,
            recorded_at=at,
            confidence=proposal.confidence,
            # accepted at ingest (--accept-above): the person ingesting reviewed it,
            # which the two-person rule counts as self-review
            reviewed_by=by if accepted else None,
            reviewed_at=at if accepted else None,
        )
    )
