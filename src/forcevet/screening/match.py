"""Screening names against listings: nomenklatura's logic-v2 behind a blocking index,
with forcevet's thin layer for the measured weak spots.

A ``Screener`` is built once per set of listings, which loads the matcher
(seconds and hundreds of MB, paid once per batch), and then answers queries.
Every pair goes through logic-v2 (``LogicV2.compare``); forcevet then tries, in
order, and keeps the best score, each time re-scored by logic-v2 itself:

1. name variants: Urdu and Persian letters folded to Arabic, and an acronym
   written beside a name split off ("LASHKAR I JHANGVI (LJ)");
2. particles: a query that is a listed name but for the particles joining its
   words ("Jaish-e-Mohammed" for the listed "Jaish-i-Mohammed", "Jamaat ul Dawa"
   for "Jamaat-ud-Dawa", "Lashkar Taiba" for "Lashkar-i-Taiba") is scored as
   that listed name. Only the whole name: rewriting particles inside logic-v2's
   comparison would also raise names that share some words with a listed name
   ("Jamaat-e-Islami" and "Jamiat-ul-Jihad-al-Islami");
3. phonetic rescue: two name parts logic-v2 left unmatched that sound alike
   (same metaphone and first letter, at most two edits apart: "Deif" and
   "Dayf") are aligned;
4. acronyms: a short name that is the initials of a listed name (LeT) or that
   takes its letters from it (HAMAS), scored ``initials_score`` or
   ``abbreviation_score`` times logic-v2's score of the full name;
5. low-quality aliases (kunyas) are the listing's ``weakAlias``: logic-v2 gives
   an exact hit 0.8; a near hit scores ``weak_weight`` times its name score.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from forcevet.model.designations import NameQuality
from forcevet.screening.explain import Explanation, fold_note
from forcevet.screening.index import BlockingIndex, name_tokens, particle_tokens
from forcevet.screening.listings import Candidate
from forcevet.screening.names import (
    acronym_strength,
    could_be_acronym,
    is_acronym,
    is_kunya,
    name_variants,
    particle_key,
    tokens,
)
from forcevet.screening.queries import (
    Match,
    Query,
    ScreenConfig,
    ScreenResult,
    candidate_entity,
    names_entity,
    query_entity,
)

if TYPE_CHECKING:
    from followthemoney.proxy import EntityProxy
    from nomenklatura.matching.types import MatchingResult

_EXTRA = re.compile(r"\['([^']+)' (extraQueryPart|extraResultPart)")
ACRONYM_WORDING = {
    "initials": "the initials of its words",
    "letters": "letters taken in order from its words",
    "loose": "its capitals are the initials of the main words",
}


def _words(name: str) -> list[str]:
    return [w.casefold() for w in tokens(name)]


class Screener:
    """Screens queries against a fixed set of listings: index and matcher built once."""

    def __init__(self, candidates: Sequence[Candidate], config: ScreenConfig | None = None):
        from nomenklatura.matching import LogicV2

        self.config = config or ScreenConfig()
        self.candidates = list(candidates)
        self.algorithm = LogicV2
        self.scoring = LogicV2.default_config()
        layer = self.config.thin_layer
        self.entities = [candidate_entity(c, variants=layer) for c in self.candidates]
        self.index = BlockingIndex()
        # Organisation names by listing, and by first letter for the acronym scan.
        self.org_names: dict[int, list[str]] = {}
        self.long_names: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self.short_names: dict[str, list[tuple[int, str]]] = defaultdict(list)
        # Good and former names by their words without particles (low-quality names
        # are weighed down by ``_weak``, not matched whole).
        self.particle_names: dict[int, dict[str, str]] = {}
        for key, candidate in enumerate(self.candidates):
            names, strong = [], []
            for listed in candidate.names:
                forms = name_variants(listed.name)
                names += forms
                strong += forms if listed.quality is not NameQuality.LOW else []
            listed_tokens = name_tokens(names, person=candidate.person)
            self.index.add(key, listed_tokens | particle_tokens(strong, every=False))
            by_key: dict[str, str] = {}
            for name in strong:
                by_key.setdefault(particle_key(name), name)
            self.particle_names[key] = by_key
            if candidate.person:
                continue
            self.org_names[key] = names
            for name in names:
                words = tokens(name)
                if len(words) >= 2:
                    self.long_names[words[0][0].lower()].append((key, name))
                elif is_acronym(name):
                    self.short_names[name[0].lower()].append((key, name))

    def screen(
        self, query: Query, *, threshold: float | None = None, limit: int = 10
    ) -> ScreenResult:
        """Return the listings ``query`` matches at or above the threshold, best first."""
        floor = self.config.threshold if threshold is None else threshold
        keys = self.block(query)
        return self._result(query, self.score_keys(query, keys), floor, limit)

    def screen_all(
        self, query: Query, *, threshold: float | None = None, limit: int = 10
    ) -> ScreenResult:
        """Return what ``screen`` returns by comparing with every listing: the brute-force
        baseline the blocking index is measured against."""
        floor = self.config.threshold if threshold is None else threshold
        keys = range(len(self.candidates))
        return self._result(query, self.score_keys(query, keys), floor, limit)

    def block(self, query: Query) -> list[int]:
        """Return the listings the index proposes for a query, most promising first.

        An acronym takes its letters from inside words, which no token catches:
        listed names starting with the same letter are scanned for it instead.
        """
        names = query.names
        blocked = self.index.lookup(
            name_tokens(names, person=query.person) | particle_tokens(names, every=True),
            limit=self.config.candidates,
            ratio=self.config.block_ratio,
        )
        keys = [b.key for b in blocked]
        if query.person is True or not self.config.thin_layer:
            return keys
        for name in names:
            words = tokens(name)
            if not words:
                continue
            first = words[0][0].lower()
            if could_be_acronym(name):
                keys += [
                    k for k, long in self.long_names.get(first, ()) if acronym_strength(name, long)
                ]
            if len(words) >= 2:
                keys += [
                    k
                    for k, short in self.short_names.get(first, ())
                    if acronym_strength(short, name)
                ]
        return list(dict.fromkeys(keys))

    def score_keys(self, query: Query, keys: Iterable[int]) -> list[Match]:
        """Return the scored matches of a query against the listings ``keys``."""
        entity = query_entity(query, variants=self.config.thin_layer)
        found = []
        for key in keys:
            candidate = self.candidates[key]
            if query.person is not None and query.person != candidate.person:
                continue
            match = self.score(query, entity, key)
            if match is not None:
                found.append(match)
        return found

    def _result(self, query: Query, found: list[Match], floor: float, limit: int) -> ScreenResult:
        kept = sorted(
            (m for m in found if m.score >= floor),
            key=lambda m: (-m.score, m.candidate.designation.id),
        )
        return ScreenResult(query.text, tuple(kept[:limit]))

    def _compare(self, query: EntityProxy, result: EntityProxy) -> MatchingResult:
        return self.algorithm.compare(query, result, self.scoring)

    def score(self, query: Query, entity: EntityProxy, key: int) -> Match | None:
        """Return the best-explained match of one query with one listing, or None at 0."""
        candidate = self.candidates[key]
        result = self._compare(entity, self.entities[key])
        best = Explanation.of_logic(result, "logic-v2")
        attempts = (
            (self._particles, self._phonetic, self._acronym, self._weak)
            if self.config.thin_layer
            else ()
        )
        for attempt in attempts:
            better = attempt(query, key, best)
            if better is not None and better.score > best.score:
                best = better
        if best.score <= 0.0:
            return None
        listed_name = best.listed_name or self._weak_hit(candidate, best)
        notes = best.notes + fold_note((query.text, *query.aliases), best.query_name)
        quality = self._quality(candidate, listed_name)
        if quality is NameQuality.LOW:
            kind = "a kunya" if is_kunya(listed_name or "") else "a name"
            notes += (f"matched {kind} the list marks low quality",)
        context = {"notes": notes, "quality": quality.value, "listed_name": listed_name}
        return Match(candidate, best.score, best.with_context(**context))

    @staticmethod
    def _weak_hit(candidate: Candidate, best: Explanation) -> str | None:
        """Return the low-quality name logic-v2's weak_alias_match hit, if it decided."""
        detail = (best.features.get("weak_alias_match") or {}).get("detail") or ""
        hit = detail.partition(": ")[2].casefold()
        for name in candidate.names:
            if name.quality is NameQuality.LOW and " ".join(tokens(name.name)).casefold() == hit:
                return name.name
        return None

    @staticmethod
    def _quality(candidate: Candidate, name: str | None) -> NameQuality:
        for listed in candidate.names:
            if name is not None and name in name_variants(listed.name):
                return listed.quality
        return NameQuality.GOOD

    def _particles(self, query: Query, key: int, best: Explanation) -> Explanation | None:
        """Score a query name that is a listed name but for its joining particles as the
        listed name, so country and other qualifiers still count."""
        if best.score >= 1.0:
            return None
        listed = self.particle_names.get(key, {})
        for name in query.names:
            as_listed = listed.get(particle_key(name))
            if as_listed is None or _words(as_listed) == _words(name):
                continue  # none, or the same words: logic-v2 has scored them already
            result = self._compare(query_entity(query, as_listed), self.entities[key])
            text = f"'{name}' is '{as_listed}' but for the particles that join its words"
            found = Explanation.of_logic(result, "logic-v2 + particles", extra=text)
            notes = (f"joining particles read alike: '{name}' as '{as_listed}'",)
            return found.with_context(query_name=name, listed_name=as_listed, notes=notes)
        return None

    def _phonetic(self, query: Query, key: int, best: Explanation) -> Explanation | None:
        """Align name parts logic-v2 left unmatched that sound alike, and score again."""
        from rigour.text.distance import levenshtein
        from rigour.text.phonetics import metaphone

        detail = best.features.get("name_match", {}).get("detail") or ""
        extras = _EXTRA.findall(detail)
        asked = [w for w, side in extras if side == "extraQueryPart" and " " not in w]
        listed_words = [w for w, side in extras if side == "extraResultPart" and " " not in w]
        if not asked or not listed_words or best.query_name is None:
            return None
        pairs = []
        for word in asked:
            for other in listed_words:
                if (
                    len(word) >= 3
                    and len(other) >= 3
                    and word.isascii()
                    and other.isascii()
                    and word[0] == other[0]
                    and levenshtein(word, other) <= min(2, len(word) // 2)
                    and len(metaphone(word)) >= 2
                    and metaphone(word) == metaphone(other)
                ):
                    pairs.append((word, other))
                    break
        if not pairs:
            return None
        rewritten = best.query_name.lower()
        for word, other in pairs:
            rewritten = re.sub(rf"\b{re.escape(word)}\b", other, rewritten)
        result = self._compare(query_entity(query, rewritten), self.entities[key])
        note = ", ".join(f"'{w}'≈'{o}' (metaphone {metaphone(w)})" for w, o in pairs)
        return Explanation.of_logic(
            result, "logic-v2 + phonetic", extra=f"sounds alike: {note}"
        ).with_context(query_name=best.query_name)

    def _acronym(self, query: Query, key: int, best: Explanation) -> Explanation | None:
        """Score a short name against the listed name it abbreviates, or the reverse.

        The score is the acronym factor times logic-v2's score of the query had it
        been written as the listed name, so country and other qualifiers still count.
        """
        listed_names = self.org_names.get(key)
        if listed_names is None or query.person is True:
            return None
        asked = query.names
        pairs = [
            (short, long_name, long_name)
            for short in asked
            if could_be_acronym(short)
            for long_name in listed_names
            if len(tokens(long_name)) >= 2
        ]
        # A listed acronym the listing spells out itself stands for that name only:
        # Al-Qaida in Iraq's "ISI" is the Islamic State of Iraq, not any other ISI.
        pairs += [
            (short, long_name, short)
            for short in listed_names
            if is_acronym(short) and not self._expanded(short, listed_names)
            for long_name in asked
            if len(tokens(long_name)) >= 2
        ]
        scores = {
            "initials": self.config.initials_score,
            "letters": self.config.abbreviation_score,
            "loose": self.config.loose_acronym_score,
        }
        for short, long_name, as_listed in pairs:
            strength = acronym_strength(short, long_name)
            if strength is None:
                continue
            factor = scores[strength]
            how = ACRONYM_WORDING[strength]
            if factor <= best.score:
                continue
            result = self._compare(query_entity(query, as_listed), self.entities[key])
            score = factor * result.score
            if score <= best.score:
                continue
            found = Explanation.of_logic(result, "acronym")
            text = (
                f"'{short}' is an acronym of '{long_name}' ({how}): {factor:.2f} times "
                f"logic-v2's {result.score:.2f} for '{as_listed}'"
            )
            return found.with_context(
                score=score, text=text, query_name=query.text, listed_name=as_listed
            )
        return None

    @staticmethod
    def _expanded(short: str, names: Sequence[str]) -> bool:
        """Return whether one of a listing's own names is what its acronym stands for."""
        return any(acronym_strength(short, n) in ("initials", "letters") for n in names)

    def _weak(self, query: Query, key: int, best: Explanation) -> Explanation | None:
        """Score the query against the listing's low-quality names, weighed down."""
        candidate = self.candidates[key]
        weak = [n.name for n in candidate.names if n.quality is NameQuality.LOW]
        if not weak or best.score >= self.config.weak_weight:
            return None
        entity = names_entity("Person" if candidate.person else "Organization", weak)
        result = self._compare(query_entity(query), entity)
        score = self.config.weak_weight * result.score
        if score <= best.score:
            return None
        found = Explanation.of_logic(result, "low-quality alias")
        return found.with_context(score=score)
