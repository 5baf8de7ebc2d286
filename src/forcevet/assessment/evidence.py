"""Which claims answer which indicator for which candidate, and with what weight.

One function matches every claim against every indicator for every candidate,
so the same claim about two candidates lands on the same indicator with the
same weight: one rubric for all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from forcevet.assessment.rubric import Indicator, Rubric
from forcevet.assessment.weights import age_in_years, decay_factor, grade_weight
from forcevet.model.actors import Actor, ActorKind
from forcevet.model.claims import Claim, Polarity
from forcevet.model.designations import Designation
from forcevet.model.ids import name_key
from forcevet.model.sources import Source


@dataclass(frozen=True)
class Context:
    """Who plays which role, as of which day."""

    candidates: tuple[str, ...]
    roles: Mapping[str, frozenset[str]]
    belongs: Mapping[str, tuple[str, str]]
    as_of: str
    excluded_sources: frozenset[str] = field(default=frozenset())

    def other_side_matches(self, actor_id: str | None, roles: Iterable[str]) -> bool:
        """Return whether the actor on the non-candidate side plays one of ``roles``."""
        for role in roles:
            if role == "any":
                return True
            if actor_id is not None and actor_id in self.roles.get(role, frozenset()):
                return True
        return False


def make_context(
    *,
    candidates: Iterable[str],
    actors: Iterable[Actor],
    designations: Iterable[Designation],
    roles: Mapping[str, Iterable[str]],
    listing_authorities: Iterable[str],
    as_of: str,
    excluded_sources: Iterable[str] = (),
) -> Context:
    """Return the context of a run: candidates, role players and who belongs to whom.

    A body belongs to a candidate through its chain of parents; a person is an
    official of the candidate if its chain of parents reaches the candidate.
    Listed groups are actors with a listing by one of the authorities that was
    active on ``as_of``.
    """
    by_id = {a.id: a for a in actors}
    chosen = tuple(candidates)
    belongs: dict[str, tuple[str, str]] = {c: (c, "state") for c in chosen}
    wanted = set(chosen)
    for actor in by_id.values():
        seen = {actor.id}
        parent = actor.parent_id
        while parent is not None and parent not in seen:
            if parent in wanted:
                role = "official" if actor.kind is ActorKind.PERSON else "body"
                belongs.setdefault(actor.id, (parent, role))
                break
            seen.add(parent)
            parent = by_id[parent].parent_id if parent in by_id else None
    authorities = {name_key(a) for a in listing_authorities}
    listed = frozenset(
        d.actor_id
        for d in designations
        if name_key(d.authority) in authorities
        and (d.listed_on is None or d.listed_on <= as_of)
        and (d.delisted_on is None or d.delisted_on > as_of)
    )
    all_roles = {k: frozenset(v) for k, v in roles.items()} | {"listed_group": listed}
    return Context(chosen, all_roles, belongs, as_of, frozenset(excluded_sources))


@dataclass(frozen=True)
class Evidence:
    """One claim as it bears on one indicator of one candidate."""

    candidate: str
    indicator: str
    claim_id: str
    revision: int
    source_id: str
    cluster: str
    risk: bool
    weight: float


def independent_source(source: Source, sources: Mapping[str, Source] | None = None) -> str:
    """Return the key under which sources count as one: the same publisher is one source,
    and a text that repeats another (the same wire story elsewhere) counts as that one's."""
    if source.report_id and sources is not None and source.report_id in sources:
        source = sources[source.report_id]
    return name_key(source.publisher) or source.id


@dataclass(frozen=True)
class _Filter:
    """An indicator's match, worked out once: which side is the candidate's, and the roles."""

    indicator: Indicator
    candidate_is_subject: bool
    own_roles: frozenset[str]
    other_roles: tuple[str, ...]
    affirmed_is_risk: bool


def _filters(rubric: Rubric) -> dict[str, list[_Filter]]:
    table: dict[str, list[_Filter]] = defaultdict(list)
    for indicator in rubric.indicators:
        match = indicator.match
        own, other = (
            (match.subject, match.object)
            if match.candidate_is_subject
            else (match.object, match.subject)
        )
        entry = _Filter(
            indicator,
            match.candidate_is_subject,
            frozenset(own),
            tuple(other),
            indicator.risk_if == "affirmed",
        )
        for predicate in match.predicates:
            table[predicate].append(entry)
    return table


def match_evidence(
    rubric: Rubric, context: Context, claims: Iterable[Claim], sources: Mapping[str, Source]
) -> list[Evidence]:
    """Return every (candidate, indicator, claim) link with the claim's weight and side.

    Claims from excluded sources, claims that begin after the assessment date
    and claims outside an indicator's role filters are left out.
    """
    table = _filters(rubric)
    clusters = {s.id: independent_source(s, sources) for s in sources.values()}
    found: list[Evidence] = []
    for claim in claims:
        entries = table.get(claim.predicate)
        if not entries or claim.source_id in context.excluded_sources:
            continue
        if claim.time is not None and claim.time.start and claim.time.start > context.as_of:
            continue
        source = sources[claim.source_id]
        value = (claim.value or "").lower()
        grade = grade_weight(claim, source)
        age: float | None = None
        affirmed = claim.polarity is Polarity.AFFIRMS
        for entry in entries:
            mine, other = (
                (claim.subject_id, claim.object_id)
                if entry.candidate_is_subject
                else (claim.object_id, claim.subject_id)
            )
            belongs = context.belongs.get(mine) if mine is not None else None
            if belongs is None or belongs[1] not in entry.own_roles:
                continue
            if not context.other_side_matches(other, entry.other_roles):
                continue
            match = entry.indicator.match
            if match.value_contains and not any(t in value for t in match.value_contains):
                continue
            half_life = entry.indicator.half_life_years
            if (match.within_years or half_life) and age is None:
                age = age_in_years(claim, context.as_of)
            if match.within_years and age is not None and age > match.within_years:
                continue
            decay = decay_factor(age or 0.0, half_life)
            found.append(
                Evidence(
                    candidate=belongs[0],
                    indicator=entry.indicator.id,
                    claim_id=claim.id,
                    revision=claim.revision,
                    source_id=source.id,
                    cluster=clusters[source.id],
                    risk=affirmed == entry.affirmed_is_risk,
                    weight=grade * decay,
                )
            )
    return found
