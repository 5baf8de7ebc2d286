"""Near-duplicate texts (the same wire story on two sites), by bottom-k sketches.

Each text keeps the k smallest hashes of its five-word shingles; the share of
the k smallest hashes of the union that both texts hold estimates their
Jaccard similarity (Broder 1997). Candidates are found through an index of
each sketch's few smallest hashes, so a new text is compared with a handful
of stored ones, not all.
"""

from __future__ import annotations

import re
import zlib
from array import array
from collections import Counter
from collections.abc import Iterable

SKETCH_SIZE = 64
INDEXED = 4  # smallest hashes per text kept in the lookup index
NEAR_DUPLICATE = 0.8
_WORD = re.compile(r"[a-z0-9]+")


def make_sketch(text: str, *, size: int = SKETCH_SIZE) -> list[int]:
    """Return the ``size`` smallest hashes of the text's five-word shingles, ascending."""
    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i : i + 5]) for i in range(max(1, len(words) - 4))}
    # CRC-32 is stable across processes (unlike hash()) and one C call per shingle.
    hashes = {zlib.crc32(s.encode()) for s in shingles}
    return sorted(hashes)[:size]


def sketch_text(sketch: list[int]) -> str:
    """Return a sketch as stored: hex numbers joined by commas."""
    return ",".join(f"{h:x}" for h in sketch)


def parse_sketch(text: str | None) -> list[int]:
    """Return the sketch a stored string holds (empty if none)."""
    return [int(h, 16) for h in text.split(",")] if text else []


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
        self._by_hash: dict[int, list[str]] = {}
        self._sketches: dict[str, array[int]] = {}  # 256 bytes a text
        self._report: dict[str, str] = {}

    def add(self, source_id: str, sketch: list[int], report_id: str | None = None) -> None:
        """Index a source's sketch; ``report_id`` is the underlying report it belongs to."""
        self._sketches[source_id] = array("L", sketch)
        self._report[source_id] = report_id or source_id
        for value in sketch[:INDEXED]:
            self._by_hash.setdefault(value, []).append(source_id)

    def find(self, sketch: list[int]) -> tuple[str, float] | None:
        """Return (underlying report id, similarity) of the closest near-duplicate, or None."""
        votes: Counter[str] = Counter()
        for value in sketch[: INDEXED * 4]:
            votes.update(self._by_hash.get(value, ()))
        best: tuple[str, float] | None = None
        for source_id, _ in votes.most_common(5):
            score = similarity(sketch, list(self._sketches[source_id]))
            if score >= NEAR_DUPLICATE and (best is None or score > best[1]):
                best = (self._report[source_id], score)
        return best

    @classmethod
    def from_sources(cls, rows: Iterable[tuple[str, str | None, str | None]]) -> SketchIndex:
        """Return an index of stored (source id, report id, sketch) rows."""
        index = cls()
        for source_id, report_id, sketch in rows:
            if sketch:
                index.add(source_id, parse_sketch(sketch), report_id)
        return index
