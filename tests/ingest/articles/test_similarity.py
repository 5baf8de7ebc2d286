"""Near-duplicate detection: sketches from parsed documents and a lookup whose cost is
bounded however many texts share a hash."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from forcevet.ingest.articles.similarity import (
    BUCKET,
    INDEXED,
    NEAR_DUPLICATE,
    SketchIndex,
    make_sketch,
    parse_sketch,
    similarity,
    sketch_text,
)
from forcevet.store.store import Store

ARTICLES = Path(__file__).resolve().parents[2] / "fixtures" / "articles"


@pytest.fixture(scope="module")
def nlp() -> Any:
    import spacy

    return spacy.blank("en")


def test_the_same_story_with_small_edits_is_a_near_duplicate(nlp: Any) -> None:
    story = (ARTICLES / "wire-indonesia.txt").read_text(encoding="utf-8")
    edited = story.replace("Jakarta", "JAKARTA", 1) + "\nReporting by a second desk.\n"
    other = (ARTICLES / "wire-veto.txt").read_text(encoding="utf-8")
    a, b, c = make_sketch(nlp(story)), make_sketch(nlp(edited)), make_sketch(nlp(other))
    assert similarity(a, b) >= NEAR_DUPLICATE
    assert similarity(a, c) < 0.2
    assert a == sorted(a) and len(a) == 64 and all(0 <= h < 2**32 for h in a)


def test_punctuation_and_case_do_not_change_a_sketch(nlp: Any) -> None:
    one = make_sketch(nlp("Pakistan offered troops to the force, officials said on Monday."))
    two = make_sketch(nlp("PAKISTAN offered troops to the force officials said on monday"))
    assert one == two


def test_a_text_shorter_than_a_shingle_still_has_a_sketch(nlp: Any) -> None:
    assert len(make_sketch(nlp("Veto."))) == 1


def test_stored_sketches_round_trip_and_untagged_ones_are_ignored(nlp: Any) -> None:
    sketch = make_sketch(nlp("Indonesia said it would send troops to Gaza in April."))
    assert parse_sketch(sketch_text(sketch)) == sketch
    assert parse_sketch("1f,2e,3d") == []  # made another way: not comparable
    assert parse_sketch(None) == [] and parse_sketch("w5:") == []


def test_lookup_cost_is_bounded_and_a_duplicate_is_still_found() -> None:
    index = SketchIndex()
    common = [1, 2, 3]  # a stock sentence's shingles, shared by every text
    original = [*common, 1000, *range(5000, 5060)]
    index.add("first", original)
    for number in range(500):
        index.add(f"other-{number}", [*common, 2000 + number, *range(9000, 9060)])
    assert all(len(ids) <= BUCKET for ids in index._by_hash.values())
    # The copy of the first text is found through the hash only they share.
    assert index.find(list(original)) == ("first", 1.0)
    assert INDEXED >= 4


def test_the_store_keeps_a_bounded_number_of_sources_per_hash(store: Store) -> None:
    from forcevet.store.sources import index_minhashes, minhash_holders
    from tests.conftest import source

    with store.transaction():
        ids = [source(store, title=f"copy {n}", text=f"text {n}").id for n in range(BUCKET + 5)]
        written = index_minhashes(store, [(i, [7, 100 + n]) for n, i in enumerate(ids)], BUCKET)
        assert written == BUCKET + (BUCKET + 5)  # hash 7 fills up; each own hash is kept
        holders = minhash_holders(store, [7, 100])
    assert sum(1 for value, _ in holders if value == 7) == BUCKET
    assert (100, ids[0]) in holders


def test_near_duplicates_are_found_within_one_ingest_and_across_ingests(
    scenario_store: Store,
) -> None:
    from forcevet.ingest.articles.reading import Document
    from forcevet.ingest.articles.service import IngestOptions, ingest_documents

    story = (ARTICLES / "wire-indonesia.txt").read_text(encoding="utf-8")

    def document(label: str, text: str) -> Document:
        return Document(label=label, text=text, format="text", title=label, publisher=label)

    options = IngestOptions(kind="wire", date="2026-02-20", by="test")
    with scenario_store.transaction():
        first = ingest_documents(
            scenario_store,
            [document("one", story), document("two", story + "\nSecond site.\n")],
            options,
        )
    with scenario_store.transaction():
        later = ingest_documents(
            scenario_store, [document("three", story + "\nThird site.\n")], options
        )
    original = first.sources[0]["source"].id
    assert first.sources[1]["near_duplicate_of"] == original
    assert later.sources[0]["near_duplicate_of"] == original


def test_a_long_ingest_does_not_grow_spacys_vocabulary(
    scenario_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import forcevet.ingest.articles.service as service
    from forcevet.ingest.articles.reading import Document

    built: list[service.Recognizer] = []

    class Recording(service.Recognizer):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            built.append(self)

    monkeypatch.setattr(service, "Recognizer", Recording)
    count = 3 * service.BATCH_SOURCES
    documents = [
        Document(label=str(n), text=f"Pakistan said Zqxw{n} on Monday.", format="text")
        for n in range(count)
    ]
    with scenario_store.transaction():
        report = service.ingest_documents(
            scenario_store,
            documents,
            service.IngestOptions(kind="wire", date="2026-02-20", by="test"),
            keep_records=False,
        )
    assert len(report.duplicates) == 0 and report.words > 0
    strings = built[0].nlp.vocab.strings
    assert "Zqxw0" in strings  # the first chunk warms the tokenizer's cache and stays
    assert f"Zqxw{service.BATCH_SOURCES}" not in strings
    assert f"Zqxw{count - 1}" not in strings
