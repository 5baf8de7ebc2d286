"""Score ingest against the labelled development set: real reporting, labelled by hand.

Each ``tests/devset/*.yaml`` file holds a few actors (the missions and parties a case would
define) and articles: an address, a date, at most two sentences and the claims an analyst
records from them. ``evaluate`` builds the store a case would start from (forcevet's
countries, the UN Security Council list when given, the files' actors), ingests every
article as one document and compares the claims of its source with the labels.

A proposal matches a label when subject, predicate, object, polarity and date agree and
both call it hearsay or neither does (a label is hearsay when it has ``reported_by``).
Countries and the files' keys compare by actor id; ``new:<Name>`` matches an actor the dev
store did not hold whose name or alias is Name (folded by ``name_key``). Each proposal
matches at most one label.
"""

from __future__ import annotations

import dataclasses
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from forcevet.errors import InputError
from forcevet.ingest.articles.reading import Document
from forcevet.ingest.articles.service import IngestOptions, IngestReport, ingest_documents
from forcevet.ingest.lists.un_sc import import_un_sc
from forcevet.model.actors import Actor, ActorKind
from forcevet.model.claims import Claim
from forcevet.model.countries import get_country
from forcevet.model.dates import parse_time
from forcevet.model.ids import name_key
from forcevet.model.vocabulary import load_predicates
from forcevet.store.actors import load_actors, save_actors
from forcevet.store.setup import init_store
from forcevet.store.store import Store, open_store

ARTICLE_KINDS = ("wire", "news", "official_statement", "analysis")
SPLITS = ("dev", "holdout")
ACTOR_KINDS = ("state_body", "armed_group", "party", "igo", "organization", "person")
POLARITIES = ("affirms", "denies")
ANONYMOUS = "anonymous"  # an unnamed speaker ("officials said", "sources told")
NEW = "new:"  # an actor the dev store does not hold: new:<Name as written>
MAX_SENTENCES = 2
BY = "devset"

# a sentence ends at . ! or ? (and any closing quotes) before a space and a capital or quote
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]?[A-Z])")
# a word that ends in a full stop without ending the sentence: an initial (U.S., J.) or a title
_ABBREVIATION = re.compile(r"(?:\b[A-Z]|\b(?:Dr|Mr|Mrs|Ms|Gen|Maj|Lt|Col|Sen|Rep|St|No))$")


@dataclass(frozen=True)
class Label:
    """One claim an analyst records from an article's sentences."""

    subject: str
    predicate: str
    object: str | None
    value: str | None
    polarity: str
    speaker: str | None
    reported_by: str | None
    date: str

    @property
    def hearsay(self) -> bool:
        """Whether the claim is a speaker's report of a third party's position."""
        return self.reported_by is not None

    def describe(self) -> str:
        """Return the label on one line, as the per-article breakdown prints it."""
        return _describe(
            self.subject, self.predicate, self.object, self.polarity, self.date, self.hearsay
        )


@dataclass(frozen=True)
class Article:
    """A real article: where it is, when, and the sentences and claims kept from it."""

    id: str
    url: str
    publisher: str
    date: str
    kind: str
    split: str
    text: str
    claims: tuple[Label, ...]
    path: str


@dataclass(frozen=True)
class Devset:
    """The actors and articles of every development-set file."""

    actors: dict[str, Actor]
    articles: tuple[Article, ...]


def load_devset(paths: Iterable[Path]) -> Devset:
    """Read development-set files; raise InputError naming the file for a malformed one."""
    actors: dict[str, Actor] = {}
    articles: list[Article] = []
    for path in sorted(paths):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        if not isinstance(document, dict):
            raise InputError("expected a mapping with actors: and articles:", path=path.name)
        for key, entry in (document.get("actors") or {}).items():
            actor = _actor(path.name, str(key), entry)
            if actors.setdefault(actor.id, actor) != actor:
                raise InputError(f'actor "{key}" is defined differently twice', path=path.name)
        articles.extend(_article(path.name, entry) for entry in document.get("articles") or [])
    return Devset(actors, tuple(articles))


def _actor(path: str, key: str, entry: Any) -> Actor:
    if not isinstance(entry, dict) or entry.get("kind") not in ACTOR_KINDS:
        raise InputError(f"kind must be one of {', '.join(ACTOR_KINDS)}", path=path, field=key)
    return Actor(
        id=key,
        kind=ActorKind.parse(entry["kind"]),
        name=str(entry.get("name") or ""),
        aliases=tuple(str(a) for a in entry.get("aliases") or ()),
        country=entry.get("country"),
        parent_id=entry.get("parent"),
    )


def _article(path: str, entry: Any) -> Article:
    if not isinstance(entry, dict):
        raise InputError("an article must be a mapping", path=path)
    where = str(entry.get("id") or "?")
    missing = [
        k for k in ("id", "url", "publisher", "date", "kind", "split", "text") if not entry.get(k)
    ]
    if missing:
        raise InputError(f"missing {', '.join(missing)}", path=path, field=where)
    try:
        labels = tuple(Label(**dict(claim)) for claim in entry.get("claims") or ())
    except TypeError as exc:
        raise InputError(f"a claim has wrong fields: {exc}", path=path, field=where) from None
    return Article(
        id=str(entry["id"]),
        url=str(entry["url"]),
        publisher=str(entry["publisher"]),
        date=str(entry["date"]),
        kind=str(entry["kind"]),
        split=str(entry["split"]),
        text=" ".join(str(entry["text"]).split()),
        claims=labels,
        path=path,
    )


def count_sentences(text: str) -> int:
    """Return how many sentences ``text`` holds: ends are . ! or ? before a capital, except
    after an initial or a title ("U.S. President", "Dr. Gargash")."""
    ends = [
        m
        for m in _SENTENCE_END.finditer(text.strip())
        if not _ABBREVIATION.search(text.strip()[: m.start()])
    ]
    return len(ends) + 1 if text.strip() else 0


def check_devset(devset: Devset) -> list[str]:
    """Return every problem with the labels: unknown predicates, actors, dates, splits."""
    problems: list[str] = []
    predicates = load_predicates()
    seen: set[str] = set()
    for article in devset.articles:
        where = f"{article.path}: {article.id}"
        if article.id in seen:
            problems.append(f"{where}: id used twice")
        seen.add(article.id)
        problems.extend(f"{where}: {p}" for p in _check_article(article))
        for number, label in enumerate(article.claims, 1):
            found = _check_label(label, predicates, devset.actors)
            problems.extend(f"{where}: claim {number}: {p}" for p in found)
    return problems


def _check_article(article: Article) -> Iterator[str]:
    if not article.url.startswith(("https://", "http://")):
        yield f'url "{article.url}" is not a web address'
    if article.kind not in ARTICLE_KINDS:
        yield f'kind "{article.kind}" is not one of {", ".join(ARTICLE_KINDS)}'
    if article.split not in SPLITS:
        yield f'split "{article.split}" is not one of {", ".join(SPLITS)}'
    if _date_problem(article.date):
        yield f"date: {_date_problem(article.date)}"
    if count_sentences(article.text) > MAX_SENTENCES:
        yield f"text has {count_sentences(article.text)} sentences (at most {MAX_SENTENCES})"


def _check_label(
    label: Label, predicates: dict[str, Any], actors: dict[str, Actor]
) -> Iterator[str]:
    if label.predicate not in predicates:
        yield f'predicate "{label.predicate}" is not in the vocabulary'
    if label.polarity not in POLARITIES:
        yield f'polarity "{label.polarity}" is not affirms or denies'
    if _date_problem(label.date):
        yield f"date: {_date_problem(label.date)}"
    refs = {"subject": label.subject, "object": label.object}
    refs |= {"speaker": label.speaker, "reported_by": label.reported_by}
    for role, ref in refs.items():
        if ref is None:
            continue
        speaking = role in ("speaker", "reported_by")
        if not _known_ref(ref, actors) and not (speaking and ref == ANONYMOUS):
            yield f'{role} "{ref}" is not an ISO alpha-3 code, a defined key or new:<Name>'
    if label.subject is None:
        yield "subject missing"


def _known_ref(ref: str, actors: dict[str, Actor]) -> bool:
    if ref.startswith(NEW):
        return bool(ref.removeprefix(NEW).strip())
    if ref in actors:
        return True
    country = get_country(ref) if len(ref) == 3 and ref.isupper() else None
    return country is not None and country.alpha_3 == ref


def _date_problem(text: str) -> str | None:
    try:
        parse_time(text)
    except InputError as exc:
        return str(exc)
    return None


# --- scoring --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Who:
    """An actor a proposal names: its id, whether the dev store lacked it, its name keys,
    and how the breakdown shows it (new:<name> for an actor the store lacked)."""

    id: str
    new: bool
    names: frozenset[str]
    shown: str


@dataclass(frozen=True)
class Proposal:
    """A proposed claim reduced to what is compared with the labels."""

    subject: Who
    predicate: str
    object: Who | None
    polarity: str
    date: str | None
    hearsay: bool

    def describe(self) -> str:
        """Return the proposal on one line, as the per-article breakdown prints it."""
        target = self.object.shown if self.object is not None else None
        return _describe(
            self.subject.shown, self.predicate, target, self.polarity, self.date, self.hearsay
        )


def _describe(
    subject: str, predicate: str, target: str | None, polarity: str, date: str | None, hearsay: bool
) -> str:
    sign = "" if polarity == "affirms" else "NOT "
    heard = " (hearsay)" if hearsay else ""
    return f"{sign}{subject} {predicate} {target or '-'} @ {date or 'undated'}{heard}"


@dataclass
class Figures:
    """Counts behind recall, precision and hearsay accuracy, for one split or all."""

    labels: int = 0
    proposals: int = 0
    matched: int = 0
    matched_undated: int = 0
    hearsay_cases: int = 0
    hearsay_right: int = 0

    def add(self, other: Figures) -> None:
        """Add another set of counts to these."""
        for name in ("labels", "proposals", "matched", "matched_undated"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.hearsay_cases += other.hearsay_cases
        self.hearsay_right += other.hearsay_right

    def as_dict(self) -> dict[str, float | int | None]:
        """Return the counts with recall, precision and hearsay accuracy (None when 0/0)."""
        return {
            **dataclasses.asdict(self),
            "recall": _ratio(self.matched, self.labels),
            "precision": _ratio(self.matched, self.proposals),
            "hearsay": _ratio(self.hearsay_right, self.hearsay_cases),
            "recall_undated": _ratio(self.matched_undated, self.labels),
            "precision_undated": _ratio(self.matched_undated, self.proposals),
        }


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class ArticleScore:
    """How one article came out: its counts, the labels missed and the false proposals."""

    article: Article
    figures: Figures
    missed: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)


@dataclass
class Evaluation:
    """The figures per split and overall, every article's breakdown, and notes on the run."""

    splits: dict[str, Figures]
    articles: list[ArticleScore]
    notes: list[str]

    def as_dict(self) -> dict[str, Any]:
        """Return the evaluation as JSON-ready data."""
        return {
            "splits": {name: figures.as_dict() for name, figures in self.splits.items()},
            "articles": [
                {
                    "id": score.article.id,
                    "split": score.article.split,
                    **score.figures.as_dict(),
                    "missed": score.missed,
                    "false": score.false,
                }
                for score in self.articles
            ],
            "notes": self.notes,
        }


def score_article(article: Article, proposals: Sequence[Proposal]) -> ArticleScore:
    """Compare one article's proposals with its labels, one proposal per label at most."""
    figures = Figures(labels=len(article.claims), proposals=len(proposals))
    free = list(proposals)
    missed: list[str] = []
    for label in article.claims:
        found = next((p for p in free if _matches(label, p, dated=True)), None)
        if found is None:
            missed.append(label.describe())
        else:
            free.remove(found)
            figures.matched += 1
    figures.matched_undated = _count_matches(article.claims, proposals, dated=False)
    for label in article.claims:
        if label.speaker is None and label.reported_by is None:
            continue
        same = [p for p in proposals if _same_triple(label, p)]
        if same:
            best = next((p for p in same if _matches(label, p, dated=True, heard=False)), same[0])
            figures.hearsay_cases += 1
            figures.hearsay_right += best.hearsay == label.hearsay
    return ArticleScore(article, figures, missed, [p.describe() for p in free])


def _count_matches(labels: Sequence[Label], proposals: Sequence[Proposal], *, dated: bool) -> int:
    free = list(proposals)
    for label in labels:
        found = next((p for p in free if _matches(label, p, dated=dated)), None)
        if found is not None:
            free.remove(found)
    return len(proposals) - len(free)


def _matches(label: Label, proposal: Proposal, *, dated: bool, heard: bool = True) -> bool:
    return (
        _same_triple(label, proposal)
        and label.polarity == proposal.polarity
        and (not dated or label.date == proposal.date)
        and (not heard or label.hearsay == proposal.hearsay)
    )


def _same_triple(label: Label, proposal: Proposal) -> bool:
    return (
        label.predicate == proposal.predicate
        and _same_actor(label.subject, proposal.subject)
        and _same_actor(label.object, proposal.object)
    )


def _same_actor(ref: str | None, who: Who | None) -> bool:
    if ref is None or who is None:
        return ref is None and who is None
    if ref.startswith(NEW):
        return who.new and name_key(ref.removeprefix(NEW)) in who.names
    return not who.new and who.id == ref


# --- running ingest -------------------------------------------------------------------------


def build_store(store: Store, devset: Devset, un_list: Path | None) -> list[str]:
    """Fill a fresh store as a case would start: countries, the UN list, the devset's
    actors. Return notes on what was left out."""
    notes: list[str] = []
    with store.transaction():
        init_store(store)
        if un_list is not None and un_list.exists():
            import_un_sc(store, un_list, by=BY)
        else:
            where = f"not found at {un_list.name}" if un_list is not None else "not given"
            notes.append(f"UN Security Council list {where}: the dev store was built without it")
        save_actors(store, list(devset.actors.values()))
    return notes


def evaluate(devset: Devset, *, un_list: Path | None, fast: bool = False) -> Evaluation:
    """Ingest every article into a fresh dev store and score its claims against the labels."""
    with open_store("sqlite://", require_schema=False) as store:
        notes = build_store(store, devset, un_list)
        known = {actor.id for actor in load_actors(store)}
        options, note = _options(fast)
        notes.extend(note)
        proposals = _ingest(store, devset.articles, options, known)
    scores = [score_article(a, proposals.get(a.id, [])) for a in devset.articles]
    splits = {name: Figures() for name in (*SPLITS, "all")}
    for score in scores:
        splits[score.article.split].add(score.figures)
        splits["all"].add(score.figures)
    return Evaluation(splits, scores, notes)


def _options(fast: bool) -> tuple[dict[str, Any], list[str]]:
    names = {f.name for f in dataclasses.fields(IngestOptions)}
    if "fast" in names:
        return {"fast": fast}, ([f"ingest path: {'fast (rules only)' if fast else 'default'}"])
    note = "ingest has no fast option yet: ran its only path" if fast else "ingest path: default"
    return {}, [note]


def _ingest(
    store: Store, articles: Sequence[Article], extra: dict[str, Any], known: set[str]
) -> dict[str, list[Proposal]]:
    # One ingest per kind of source: each builds its recognizer from every stored actor
    # (seconds with the UN list), so not one per article. Each document carries its
    # article's date, which a source takes when the options give none. Each ingest is
    # rolled back once read, so every article meets the same dev store: no claim, proposed
    # actor or near-duplicate left by another kind's articles.
    groups: dict[str, list[Article]] = defaultdict(list)
    for article in articles:
        groups[article.kind].append(article)
    by_article: dict[str, list[Proposal]] = {}
    for kind, group in groups.items():
        options = IngestOptions(kind=kind, by=BY, **extra)
        with _undone(store):
            report = ingest_documents(store, [_document(a) for a in group], options)
            by_article.update(_proposals(store, report, known))
    return by_article


@contextmanager
def _undone(store: Store) -> Iterator[None]:
    """Run a block in a savepoint that is always rolled back."""
    with store.transaction():
        savepoint = store.connection.begin_nested()
        try:
            yield
        finally:
            savepoint.rollback()


def _document(article: Article) -> Document:
    return Document(
        label=article.id,
        text=article.text,
        format="text",
        title=article.id,
        publisher=article.publisher,
        url=article.url,
        date=article.date,
    )


def _proposals(store: Store, report: IngestReport, known: set[str]) -> dict[str, list[Proposal]]:
    labels = {row["source"].id: row["label"] for row in report.sources}
    new_actors = _names(store, report, known)
    found: dict[str, list[Proposal]] = {label: [] for label in labels.values()}
    for claim in report.claims:
        if claim.source_id in labels:
            found[labels[claim.source_id]].append(_proposal(claim, known, new_actors))
    return found


def _names(store: Store, report: IngestReport, known: set[str]) -> dict[str, Actor]:
    """Return the folded names of every actor the claims name that the dev store lacked."""
    wanted = {
        actor_id
        for claim in report.claims
        for actor_id in (claim.subject_id, claim.object_id)
        if actor_id is not None and actor_id not in known
    }
    actors = {a.id: a for a in load_actors(store, wanted)} if wanted else {}
    for proposed in report.proposed_actors:  # not stored (yet): the report still names them
        make = getattr(proposed, "as_actor", None)
        actor = make() if callable(make) else None
        if isinstance(actor, Actor):
            actors.setdefault(actor.id, actor)
    return actors


def _proposal(claim: Claim, known: set[str], new_actors: dict[str, Actor]) -> Proposal:
    def who(actor_id: str) -> Who:
        if actor_id in known:
            return Who(actor_id, False, frozenset(), actor_id)
        actor = new_actors.get(actor_id)
        names = actor.names if actor is not None else (actor_id,)
        return Who(actor_id, True, frozenset(map(name_key, names)), f"{NEW}{names[0]}")

    reported = getattr(claim, "reported", claim.reported_by_id is not None)
    return Proposal(
        subject=who(claim.subject_id),
        predicate=claim.predicate,
        object=who(claim.object_id) if claim.object_id is not None else None,
        polarity=str(claim.polarity.value),
        date=claim.time.text if claim.time is not None else None,
        hearsay=bool(reported),
    )


def devset_files(directory: Path) -> list[Path]:
    """Return the development-set files in ``directory``, sorted."""
    return sorted(directory.glob("*.yaml"))


def format_figures(evaluation: Evaluation, splits: Sequence[str] = (*SPLITS, "all")) -> str:
    """Return the figures of the given splits as a Markdown table, with the run's notes."""
    rows = [
        "| split | labels | proposals | matched | recall | precision | hearsay "
        "| recall (no dates) | precision (no dates) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for name in splits:
        figures = evaluation.splits[name].as_dict()
        shown = [
            _percent(figures[k])
            for k in ("recall", "precision", "hearsay", "recall_undated", "precision_undated")
        ]
        counts = f"{figures['labels']} | {figures['proposals']} | {figures['matched']}"
        hearsay = f"{shown[2]} ({figures['hearsay_right']}/{figures['hearsay_cases']})"
        rows.append(
            f"| {name} | {counts} | {shown[0]} | {shown[1]} | {hearsay} | {shown[3]} | {shown[4]} |"
        )
    return "\n".join([*rows, *(f"note: {note}" for note in evaluation.notes)])


def format_breakdown(evaluation: Evaluation, split: str = "all") -> str:
    """Return, for every article of the split with a miss or a false proposal, both lists."""
    lines: list[str] = []
    for score in evaluation.articles:
        if split != "all" and score.article.split != split:
            continue
        if not score.missed and not score.false:
            continue
        figures = score.figures
        lines.append(
            f"{score.article.id} [{score.article.split}]: "
            f"{figures.matched}/{figures.labels} labels found, {figures.proposals} proposed"
        )
        lines.extend(f"  missed: {item}" for item in score.missed)
        lines.extend(f"  false:  {item}" for item in score.false)
    return "\n".join(lines)


def _percent(value: float | int | None) -> str:
    return "n/a" if value is None else f"{value:.1%}"
