"""Near-duplicate texts (the same wire story on two sites), by bottom-k sketches.

Each text keeps the k smallest hashes of its five-word shingles; the share of
the k smallest hashes of the union that both texts hold estimates their
Jaccard similarity (Broder 1997). Candidates are found through an index of
each sketch's few smallest hashes (in the store's source_minhashes table), so a
new text is compared with a handful of stored ones, not all, and nothing is
held in memory for the texts already written.

The words are the parsed document's tokens other than punctuation and spaces,
lower-cased; spaCy has already hashed each (a stable 64-bit hash), so a
shingle's hash is arithmetic on an array, not a Python call per shingle.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy

SKETCH_SIZE = 64
INDEXED = 4  # smallest hashes per text kept in the lookup index
# Texts remembered per indexed hash. A hash many texts share is boilerplate or a
# stock sentence and says little; without a bound, looking a text up would cost
# more with every text stored. A true near-duplicate shares most of its indexed
# hashes, so it is still found through the others.
BUCKET = 16
CACHED = 2048  # hashes, and sketches, kept of what the store answered (about 1 MB)
NEAR_DUPLICATE = 0.8
SHINGLE = 5
# Stored sketches start with this tag; a sketch made another way (none was ever
# released) is not comparable and is ignored rather than misread.
TAG = "w5:"
_MULTIPLIERS = numpy.array(
    [0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9, 0xD6E8FEB86659FD93, 1],
    dtype=numpy.uint64,
)


def make_sketch(doc: Any, *, size: int = SKETCH_SIZE) -> list[int]:
    """Return the ``size`` smallest 32-bit hashes of a parsed document's five-word
    shingles, ascending."""
    from spacy.attrs import IS_PUNCT, IS_SPACE, LOWER

    table = doc.to_array([LOWER, IS_PUNCT, IS_SPACE])
    words = table[(table[:, 1] == 0) & (table[:, 2] == 0), 0].astype(numpy.uint64)
    if len(words) < SHINGLE:
        words = numpy.concatenate([words, numpy.zeros(SHINGLE - len(words), numpy.uint64)])
    count = len(words) - SHINGLE + 1
    shingles = numpy.zeros(count, dtype=numpy.uint64)
    for k, multiplier in enumerate(_MULTIPLIERS):  # wraps modulo 2**64, as intended
        shingles += words[k : k + count] * multiplier
    folded = numpy.unique((shingles >> numpy.uint64(32)).astype(numpy.uint32))
    return [int(h) for h in folded[:size]]


def sketch_text(sketch: list[int]) -> str:
    """Return a sketch as stored: the tag, then hex numbers joined by commas."""
    return TAG + ",".join(f"{h:x}" for h in sketch)


def parse_sketch(text: str | None) -> list[int]:
    """Return the sketch a stored string holds (empty if none, or made another way)."""
    if not text or not text.startswith(TAG) or len(text) == len(TAG):
        return []
    return [int(h, 16) for h in text[len(TAG) :].split(",")]


def similarity(a: Sequence[int], b: Sequence[int], *, size: int = SKETCH_SIZE) -> float:
    """Return the estimated Jaccard similarity of the two texts behind two sketches."""
    if not a or not b:
        return 0.0
    union = sorted(set(a) | set(b))[:size]
    shared = set(a) & set(b)
    return sum(1 for h in union if h in shared) / len(union)


@dataclass(frozen=True)
class StoredSketches:
    """How the index reads sketches written earlier (in the store): the sources holding
    each of some hashes (at most ``BUCKET`` a hash), and the report id and sketch of
    some sources."""

    holders: Callable[[list[int]], list[tuple[int, str]]]
    sketches: Callable[[list[str]], dict[str, tuple[str | None, list[int]]]]


class SketchIndex:
    """Sketches searchable for near-duplicates of a new text: those added since the last
    ``written()`` in memory, the others through ``stored`` (the database), so memory
    does not grow with the number of texts."""

    def __init__(self, stored: StoredSketches | None = None) -> None:
        self._stored = stored
        self._by_hash: dict[int, list[str]] = {}
        self._sketches: dict[str, list[int]] = {}
        self._report: dict[str, str] = {}
        # What the store answered, kept for the next texts up to CACHED entries each:
        # stock sentences make the same hashes and candidates come back again and again.
        # Holders change when sources are written and are forgotten then; a written
        # source's sketch and report do not change.
        self._stored_holders: dict[int, list[str]] = {}
        self._stored_sketches: dict[str, tuple[str, array[int]]] = {}  # 256 bytes each

    def add(self, source_id: str, sketch: list[int], report_id: str | None = None) -> None:
        """Index a source's sketch; ``report_id`` is the underlying report it belongs to."""
        self._sketches[source_id] = sketch
        self._report[source_id] = report_id or source_id
        for value in sketch[:INDEXED]:
            holders = self._by_hash.setdefault(value, [])
            holders.append(source_id)
            if len(holders) > BUCKET:
                del holders[0]

    def written(self) -> None:
        """Forget the sketches added so far: they are in the store now."""
        if self._stored is not None:
            self._by_hash.clear()
            self._sketches.clear()
            self._report.clear()
            self._stored_holders.clear()

    def find(self, sketch: list[int]) -> tuple[str, float] | None:
        """Return (underlying report id, similarity) of the closest near-duplicate, or None."""
        looked_up = sketch[: INDEXED * 2]  # enough: simulated, J >= 0.8 is always found
        stored = self._holders_stored(looked_up)
        holders = {v: [*self._by_hash.get(v, ()), *stored.get(v, ())] for v in looked_up}
        votes: dict[str, float] = {}
        for ids in holders.values():
            for source_id in ids:  # a hash fewer texts share says more
                votes[source_id] = votes.get(source_id, 0.0) + 1 / len(ids)
        best_voted = sorted(votes, key=votes.__getitem__, reverse=True)[:5]
        known: dict[str, tuple[str, Sequence[int]]] = {
            i: (self._report[i], self._sketches[i]) for i in best_voted if i in self._report
        }
        known |= self._sketches_stored([i for i in best_voted if i not in known])
        best: tuple[str, float] | None = None
        for source_id in best_voted:
            if source_id not in known:
                continue
            report_id, other = known[source_id]
            score = similarity(sketch, other)
            if score >= NEAR_DUPLICATE and (best is None or score > best[1]):
                best = (report_id, score)
        return best

    def _holders_stored(self, values: list[int]) -> dict[int, list[str]]:
        """Return the written sources indexed under each of the hashes."""
        cache = self._stored_holders
        missing = [v for v in values if v not in cache]
        if missing and self._stored is not None:
            if len(cache) + len(missing) > CACHED:
                cache.clear()
            for value in missing:
                cache[value] = []
            for value, source_id in self._stored.holders(missing):
                cache[value].append(source_id)
        return cache

    def _sketches_stored(self, ids: list[str]) -> dict[str, tuple[str, Sequence[int]]]:
        """Return the underlying report and the sketch of written sources."""
        cache = self._stored_sketches
        missing = [i for i in ids if i not in cache]
        if missing and self._stored is not None:
            if len(cache) + len(missing) > CACHED:
                cache.clear()
            for source_id, (report_id, sketch) in self._stored.sketches(missing).items():
                cache[source_id] = (report_id or source_id, array("I", sketch))
        return {i: cache[i] for i in ids if i in cache}
