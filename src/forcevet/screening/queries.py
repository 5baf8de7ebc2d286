"""What screening takes and gives: its settings, queries, matches, and the FtM entities
nomenklatura's logic-v2 compares for a listing and for a query."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from forcevet.model.designations import NameQuality
from forcevet.model.ids import make_key
from forcevet.screening.explain import Explanation
from forcevet.screening.listings import Candidate
from forcevet.screening.names import name_variants

if TYPE_CHECKING:
    from followthemoney.proxy import EntityProxy

SCHEMATA = ("Person", "Organization", "LegalEntity")
# Query entities need ids that are never reused: nomenklatura caches the names
# of an entity by its id for the life of the process.
_QUERY_IDS = itertools.count()


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


def names_entity(schema: str, names: list[str]) -> EntityProxy:
    """Return an entity with just these names (the first as its name), under a fresh id."""
    return _entity(schema, f"names-{next(_QUERY_IDS)}", {"name": names[:1], "alias": names[1:]})
