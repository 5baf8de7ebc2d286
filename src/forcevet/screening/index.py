"""A blocking index: which listings a query is worth comparing with at all.

Comparing a query with every listing costs one logic-v2 comparison each (about
1,500 a second on list records); the index narrows that to a few dozen. It is
an inverted index from name tokens to listings, ranked by the summed inverse
document frequency of the tokens a listing shares with the query, as
nomenklatura's own blocker ranks pairs. The tokens come from rigour's name
analysis, so they are normalised and transliterated as the matcher sees them:

- ``p:`` a name part as rigour compares it (``mohammed``, ``محمد``);
- ``s:`` a name symbol rigour recognised, the bridge between scripts
  (محمد and Muhammad share the Wikidata name ``Q5837762``);
- ``m:`` the metaphone of a part and ``k:`` its consonant skeleton, so that
  "Deif" finds "Dayf" and an Arabic-script name finds its transliteration;
- ``o:`` the sorted letters and ``f:`` the first four letters of a longer part,
  so that a typo ("Hemlihna" for "Hemlinha") still finds the listing;
- ``a:`` the acronyms a name gives or is (``let`` for Lashkar-e-Tayyiba);
- ``n:`` the whole name without the particles joining its words, so that
  "Jamaat ul Dawa" finds "Jamaat-ud-Dawa" however common its words are.

Tokens shared by more than ``max_share`` of the listings identify nothing and
are skipped at lookup; a query then leans on its rarer tokens.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from forcevet.screening.names import (
    acronym_forms,
    could_be_acronym,
    has_particles,
    initials,
    particle_key,
)

_NOT_CONSONANT = re.compile(r"[^b-df-hj-np-tvxz]")
_REPEAT = re.compile(r"(.)\1+")


def skeleton(word: str) -> str:
    """Return the consonant skeleton of an ASCII word: no vowels, w or y, no doubled
    letters ("Mohammed" and the transliterated محمد both give "mhmd")."""
    return _REPEAT.sub(r"\1", _NOT_CONSONANT.sub("", word.lower()))


def name_tokens(names: Sequence[str], *, person: bool | None) -> set[str]:
    """Return the blocking tokens of a set of names of one person (True), organisation
    (False) or either (None)."""
    from rigour.names import NamePartTag, NameTypeTag, SymbolCategory, analyze_names
    from rigour.text.translit import ascii_text

    tag = {True: NameTypeTag.PER, False: NameTypeTag.ORG, None: NameTypeTag.ENT}[person]
    skip_parts = (NamePartTag.STOP, NamePartTag.LEGAL)
    skip_symbols = (SymbolCategory.INITIAL, SymbolCategory.SYMBOL)
    found: set[str] = set()
    for name in analyze_names(tag, list(names), consolidate=False):
        for span in name.spans:
            if span.symbol.category not in skip_symbols:
                found.add(f"s:{span.symbol.category.value}:{span.symbol.id}")
        for part in name.parts:
            if part.tag in skip_parts:
                continue
            text = part.comparable
            if len(text) >= 2:
                found.add(f"p:{text}")
            if part.metaphone and len(part.metaphone) >= 2:
                found.add(f"m:{part.metaphone}")
            latin = part.ascii or ascii_text(text)
            bones = skeleton(latin)
            if len(bones) >= 2:
                found.add(f"k:{bones}")
            if len(latin) >= 5 and latin.isalpha():  # typos: swapped or changed letters
                found.add(f"o:{''.join(sorted(latin))}")
                found.add(f"f:{latin[:4]}")
    if person is not True:
        for raw in names:
            found.update(f"a:{key}" for key in initials(raw))
            if could_be_acronym(raw):
                found.update(f"a:{key}" for key in acronym_forms(raw))
    return found


def particle_tokens(names: Iterable[str], *, every: bool) -> set[str]:
    """Return the ``n:`` tokens of the names that have joining particles, or of every
    name: a query written without its particles ("Jaish Mohammed") must meet a listed
    name written with them, while listed names without any need no token."""
    return {f"n:{particle_key(n)}" for n in names if every or has_particles(n)}


@dataclass(frozen=True)
class Blocked:
    """A listing the index proposes for a query, with the evidence for it."""

    key: int
    score: float
    tokens: tuple[str, ...]


class BlockingIndex:
    """Token -> listings postings with inverse document frequencies.

    Built once per set of listings and reused for every query of a batch.
    """

    def __init__(self, max_share: float = 0.02, min_common: int = 50, tie_factor: int = 5) -> None:
        self.postings: dict[str, list[int]] = defaultdict(list)
        self.size = 0
        self.max_share = max_share
        self.min_common = min_common
        self.tie_factor = tie_factor
        self._idf: dict[str, float] = {}

    def add(self, key: int, tokens: Iterable[str]) -> None:
        """Index one listing, identified by ``key``, under its tokens."""
        for token in set(tokens):
            self.postings[token].append(key)
        self.size += 1
        self._idf.clear()

    def idf(self, token: str) -> float:
        """Return the inverse document frequency of a token, 0 if it is too common."""
        if not self._idf:
            limit = max(self.min_common, int(self.max_share * self.size))
            self._idf = {
                t: (math.log(1 + self.size / len(keys)) if len(keys) <= limit else 0.0)
                for t, keys in self.postings.items()
            }
        return self._idf.get(token, 0.0)

    def lookup(
        self, tokens: Iterable[str], *, limit: int = 20, ratio: float = 0.3
    ) -> list[Blocked]:
        """Return about ``limit`` listings by shared-token weight, best first, keeping
        those within ``ratio`` of the best; ties with the last are kept, up to
        ``tie_factor`` times ``limit``."""
        scores: dict[int, float] = defaultdict(float)
        shared: dict[int, list[str]] = defaultdict(list)
        for token in set(tokens):
            weight = self.idf(token)
            if weight <= 0.0:
                continue
            for key in self.postings.get(token, ()):
                scores[key] += weight
                shared[key].append(token)
        if not scores:
            return []
        ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
        best = ranked[0][1]
        # Listings tied with the last one kept are kept too: a short, common name
        # ("Abu Ali") ties many, and the order among ties says nothing.
        cut = ranked[min(limit, len(ranked)) - 1][1]
        kept = [item for item in ranked[: limit * self.tie_factor] if item[1] >= cut]
        return [
            Blocked(key, score, tuple(sorted(shared[key])))
            for key, score in kept
            if score >= best * ratio
        ]
