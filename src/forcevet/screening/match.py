"""Screening names against listings: nomenklatura's logic-v2 behind a blocking index,
with forcevet's thin layer for the measured weak spots.

A ``Screener`` is built once per set of listings, which loads the matcher
(seconds and hundreds of MB, paid once per batch), and then answers queries.
Every pair goes through logic-v2 (``LogicV2.compare``); forcevet then tries, in
order, and keeps the best score, each time re-scored by logic-v2 itself:

1. name variants: Urdu and Persian letters folded to Arabic, and an acronym
   written beside a name split off ("LASHKAR I JHANGVI (LJ)");
2. phonetic rescue: two name parts logic-v2 left unmatched that sound alike
   (same metaphone and first letter, at most two edits apart: "Deif" and
   "Dayf") are aligned;
3. acronyms: a short name that is the initials of a listed name (LeT) or that
   takes its letters from it (HAMAS), scored ``initials_score`` or
   ``abbreviation_score`` times logic-v2's score of the full name;
4. low-quality aliases (kunyas) are the listing's ``weakAlias``: logic-v2 gives
   an exact hit 0.8; a near hit scores ``weak_weight`` times its name score.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from forcevet.model.designations import NameQuality
from forcevet.model.ids import make_key
from forcevet.screening.explain import Explanation, fold_note
from forcevet.screening.index import BlockingIndex, name_tokens
from forcevet.screening.listings import Candidate
from forcevet.screening.names import (
    acronym_strength,
    could_be_acronym,
    is_acronym,
    is_kunya,
    name_variants,
    tokens,
)

if TYPE_CHECKING:
    from followthemoney.proxy import EntityProxy
    from nomenklatura.matching.types import MatchingResult

SCHEMATA = ("Person", "Organization", "LegalEntity")
# Query entities need ids that are never reused: nomenklatura caches the names
# of an entity by its id for the life of the process.
_QUERY_IDS = itertools.count()
_EXTRA = re.compile(r"\['([^']+)' (extraQueryPart|extraResultPart)")
ACRONYM_WORDING = {
    "initials": "the initials of its words",
    "letters": "letters taken in order from its words",
    "loose": "its capitals are the initials of the main words",
}


@dataclass(frozen=True)
class ScreenConfig:
    """Tunables of screening, each with its default and what it does."""

    threshold: float = 0.7
    """Lowest score reported as a match."""
    candidates: int = 25
    """Listings the blocking index hands to the matcher for one query (more on ties)."""
    block_ratio: float = 0.2
    """Listings whose index weight is below this share of the best one are not compared."""
    weak_weight: float = 0.8
    """Factor on a match through a low-quality alias: logic-v2's weight for weak aliases."""
    initials_score: float = 0.85
    """Score of a short name that is the initials of a listed name (LeT), or the reverse."""
    abbreviation_score: float = 0.75
    """Score of a short name that takes its letters from inside a listed name (HAMAS)."""
    thin_layer: bool = True
    """forcevet's layer over logic-v2 (variants, phonetic rescue, acronyms, near hits on
    low-quality names); off, to measure what it adds."""
    loose_acronym_score: float = 0.65
    """Score of a mixed-case acronym whose capitals alone are a name's initials (JeM for
    "Jamaat Mojahedin"): below the default threshold, shown with --threshold 0.6."""


@dataclass(frozen=True)
class Query:
    """A name to screen: as a person (Person), an organisation (Organization) or either.

    ``country`` is FtM's lowercase alpha-2 code; ``aliases`` are more names of the same
    actor, screened together (an actor of the evidence base with its aliases).
    """

    text: str
    schema: str = "LegalEntity"
    country: str | None = None
    aliases: tuple[str, ...] = ()

    @property
    def names(self) -> list[str]:
        """Return the query's name and aliases with their variants, without repeats."""
        return list(dict.fromkeys(v for n in (self.text, *self.aliases) for v in name_variants(n)))

    @property
    def person(self) -> bool | None:
        """Return True for a person, False for an organisation, None for either."""
        return {"Person": True, "Organization": False}.get(self.schema)


@dataclass(frozen=True)
class Match:
    """One listing a query matched, with its score and why."""

    candidate: Candidate
    score: float
    explanation: Explanation

    def to_json(self) -> dict[str, Any]:
        """Return the match as the JSON ``forcevet screen --json`` prints."""
        listing = self.candidate.designation
        return {
            "name": self.candidate.name,
            "score": round(self.score, 4),
            "authority": listing.authority,
            "reference": listing.reference,
            "program": listing.program,
            "listed_on": listing.listed_on,
            "delisted_on": listing.delisted_on,
            "designation_id": listing.id,
            "actor_id": self.candidate.actor.id,
            "kind": self.candidate.actor.kind.value,
            "explanation": self.explanation.text,
            "method": self.explanation.method,
            "matched_name": self.explanation.listed_name,
            "quality": self.explanation.quality,
            "normalisation": list(self.explanation.notes),
            "features": self.explanation.features,
        }


@dataclass(frozen=True)
class ScreenResult:
    """The matches of one query at or above the threshold, best first."""

    query: str
    matches: tuple[Match, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        """Return the result as ``{"query": ..., "matches": [...]}``."""
        return {"query": self.query, "matches": [m.to_json() for m in self.matches]}


def _entity(schema: str, entity_id: str, props: dict[str, Iterable[str]]) -> EntityProxy:
    from followthemoney import model

    entity = model.make_entity(schema)
    entity.id = entity_id
    for prop, values in props.items():
        for value in values:
            entity.add(prop, value, quiet=True)
    return entity


def _birth_years(values: Iterable[str]) -> list[str]:
    """Return listed dates of birth as FtM dates: "~1950" is 1950, "1947/1949" each year."""
    found: list[str] = []
    for value in values:
        value = value.lstrip("~")
        start, _, end = value.partition("/")
        if end and start.isdigit() and end.isdigit() and int(end) - int(start) < 20:
            found += [str(y) for y in range(int(start), int(end) + 1)]
        else:
            found.append(start)
    return found


def candidate_entity(candidate: Candidate, *, variants: bool = True) -> EntityProxy:
    """Return the FtM entity logic-v2 compares a listing as: its good and former names,
    with their variants unless told not to, and its low-quality names as ``weakAlias``."""
    strong = [n.name for n in candidate.names if n.quality is not NameQuality.LOW]
    weak = [n.name for n in candidate.names if n.quality is NameQuality.LOW]
    forms = [v for n in strong for v in (name_variants(n) if variants else [n])]
    listing = candidate.designation
    schema = "Person" if candidate.person else "Organization"
    countries = list(listing.nationalities) or (
        [candidate.actor.country] if candidate.actor.country else []
    )
    props: dict[str, Iterable[str]] = {
        "name": strong[:1],
        "alias": [v for v in forms if v != strong[0]] if strong else [],
        "weakAlias": weak,
        "country": [c.lower() for c in countries],
    }
    if candidate.person:
        props["birthDate"] = _birth_years(listing.birth_dates)
    # The id changes with the names: nomenklatura caches names by entity id.
    key = make_key("cand", listing.id, *(f"{n.name}|{n.quality}" for n in candidate.names))
    return _entity(schema, key, props)


def query_entity(query: Query, name: str | None = None, *, variants: bool = True) -> EntityProxy:
    """Return the FtM entity of a query, or of ``name`` in its place, with the name
    variants and the query's aliases as aliases (variants unless told not to)."""
    names = [name] if name else [query.text, *query.aliases]
    forms = [v for n in names for v in (name_variants(n) if variants else [n])]
    props: dict[str, Iterable[str]] = {
        "name": names[:1],
        "alias": [f for f in dict.fromkeys(forms) if f != names[0]],
    }
    if query.country:
        props["country"] = [query.country]
    return _entity(query.schema, f"query-{next(_QUERY_IDS)}", props)


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
        for key, candidate in enumerate(self.candidates):
            names = self._listed_names(candidate)
            self.index.add(key, name_tokens(names, person=candidate.person))
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
            name_tokens(names, person=query.person),
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
        attempts = (self._phonetic, self._acronym, self._weak) if self.config.thin_layer else ()
        for attempt in attempts:
            better = attempt(query, key, best)
            if better is not None and better.score > best.score:
                best = better
        if best.score <= 0.0:
            return None
        listed_name = best.listed_name or self._weak_hit(candidate, best)
        notes = fold_note((query.text, *query.aliases), best.query_name)
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

    @staticmethod
    def _listed_names(candidate: Candidate) -> list[str]:
        return [v for n in candidate.names for v in name_variants(n.name)]

    def _weak(self, query: Query, key: int, best: Explanation) -> Explanation | None:
        """Score the query against the listing's low-quality names, weighed down."""
        candidate = self.candidates[key]
        weak = [n.name for n in candidate.names if n.quality is NameQuality.LOW]
        if not weak or best.score >= self.config.weak_weight:
            return None
        entity = _entity(
            "Person" if candidate.person else "Organization",
            f"weak-{next(_QUERY_IDS)}",
            {"name": weak[:1], "alias": weak[1:]},
        )
        result = self._compare(query_entity(query), entity)
        score = self.config.weak_weight * result.score
        if score <= best.score:
            return None
        found = Explanation.of_logic(result, "low-quality alias")
        return found.with_context(score=score)
