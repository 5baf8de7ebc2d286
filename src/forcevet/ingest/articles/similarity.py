"""Near-duplicate texts (the same wire story on two sites), by bottom-k sketches.

Each text keeps the k smallest hashes of its five-word shingles; the share of
the k smallest hashes of the union that both texts hold estimates their
Jaccard similarity (Broder 1997). Candidates are found through an index of
each sketch's few smallest hashes, so a new text is compared with a handful
of stored ones, not all.

The words are the parsed document's tokens other than punctuation and spaces,
lower-cased; spaCy has already hashed each (a stable 64-bit hash), so a
shingle's hash is arithmetic on an array, not a Python call per shingle.
"""

from __future__ import annotations

from array import array
from collections import deque
from collections.abc import Iterable
from typing import Any

import numpy

SKETCH_SIZE = 64
INDEXED = 4  # smallest hashes per text kept in the lookup index
# Texts remembered per indexed hash. A hash many texts share is boilerplate or a
# stock sentence and says little; without a bound, looking a text up would cost
# more with every text stored. A true near-duplicate shares most of its indexed
# hashes, so it is still found through the others.
BUCKET = 32
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


def similarity(a: list[int], b: list[int], *, size: int = SKETCH_SIZE) -> float:
    """Return the estimated Jaccard similarity of the two texts behind two sketches."""
    if not a or not b:
        return 0.0
    union = sorted(set(a) | set(b))[:size]
    shared = set(a) & set(b)
    return sum(1 for h in union if h in shared) / len(union)


class SketchIndex:
    """Stored sketches, searchable for near-duplicates of a new text."""

    def __init__(self) -> None:
        self._by_hash: dict[int, deque[str]] = {}
        self._sketches: dict[str, array[int]] = {}  # 256 bytes a text
        self._report: dict[str, str] = {}

    def add(self, source_id: str, sketch: list[int], report_id: str | None = None) -> None:
        """Index a source's sketch; ``report_id`` is the underlying report it belongs to."""
        self._sketches[source_id] = array("I", sketch)
        self._report[source_id] = report_id or source_id
        for value in sketch[:INDEXED]:
            self._by_hash.setdefault(value, deque(maxlen=BUCKET)).append(source_id)

    def find(self, sketch: list[int]) -> tuple[str, float] | None:
        """Return (underlying report id, similarity) of the closest near-duplicate, or None."""
        votes: dict[str, float] = {}
        for value in sketch[: INDEXED * 4]:
            holders = self._by_hash.get(value, ())
            for source_id in holders:  # a hash fewer texts share says more
                votes[source_id] = votes.get(source_id, 0.0) + 1 / len(holders)
        best: tuple[str, float] | None = None
        for source_id in sorted(votes, key=votes.__getitem__, reverse=True)[:5]:
            score = similarity(sketch, list(self._sketches[source_id]))
            if score >= NEAR_DUPLICATE and (best is None or score > best[1]):
                best = (self._report[source_id], score)
        return best

    @classmethod
    def from_sources(cls, rows: Iterable[tuple[str, str | None, str | None]]) -> SketchIndex:
        """Return an index of stored (source id, report id, sketch) rows."""
        index = cls()
        for source_id, report_id, sketch in rows:
            sketch_values = parse_sketch(sketch)
            if sketch_values:
                index.add(source_id, sketch_values, report_id)
        return index
