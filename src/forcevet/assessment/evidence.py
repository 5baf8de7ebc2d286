"""Which claims answer which indicator for which candidate, and with what weight.

One function matches every claim against every indicator for every candidate,
so the same claim about two candidates lands on the same indicator with the
same weight: one rubric for all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from forcevet.assessment.rubric import Indicator, Rubric
from forcevet.assessment.weights import (
    DAYS_PER_YEAR,
    Age,
    decay_factor,
    load_grade_weights,
    source_day,
)
from forcevet.model.actors import Actor, ActorKind
from forcevet.model.claims import Claim, Polarity
from forcevet.model.dates import parse_time
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
    # the words of each reservation kind the case declares (vocabulary.yaml)
    reservations: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    def reservation_is(self, value: str, kinds: Iterable[str]) -> bool:
        """Return whether a reservation's value (lower case) is of one of ``kinds``.

        A kind the case declares no words for is recognised by its id alone.
        """
        return any(
            value == kind or any(word in value for word in self.reservations.get(kind, (kind,)))
            for kind in kinds
        )

    def allowed_others(self, roles: Iterable[str]) -> frozenset[str] | None:
        """Return the actors that play one of ``roles`` (None when ``any`` actor does)."""
        roles = tuple(roles)
        if "any" in roles:
            return None
        return frozenset().union(*(self.roles.get(r, frozenset()) for r in roles))

    def other_side_matches(self, actor_id: str | None, roles: Iterable[str]) -> bool:
        """Return whether the actor on the non-candidate side plays one of ``roles``."""
        allowed = self.allowed_others(roles)
        return allowed is None or (actor_id is not None and actor_id in allowed)


def make_context(
    *,
    candidates: Iterable[str],
    actors: Iterable[Actor],
    designations: Iterable[Designation],
    roles: Mapping[str, Iterable[str]],
    listing_authorities: Iterable[str],
    as_of: str,
    excluded_sources: Iterable[str] = (),
    reservations: Mapping[str, Iterable[str]] | None = None,
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
    words = {k: tuple(w.lower() for w in v) for k, v in (reservations or {}).items()}
    return Context(chosen, all_roles, belongs, as_of, frozenset(excluded_sources), words)


class Evidence(NamedTuple):
    """One claim as it bears on one indicator of one candidate.

    A named tuple rather than a frozen dataclass: a run makes one per claim and
    indicator (hundreds of thousands), and a tuple is several times quicker to make.

    ``weight`` is what the claim counts for in the run (grades x age decay, then
    scaled by ``scale`` when its source's share of the candidate's evidence was
    capped); ``absence`` marks "searched, nothing found" read as evidence, whose
    ``claim_id`` names the coverage record; ``undated`` a claim aged by the rule
    for claims without any date.
    """

    candidate: str
    indicator: str
    claim_id: str
    revision: int
    source_id: str
    cluster: str
    risk: bool
    weight: float
    undated: bool = False
    absence: bool = False
    scale: float = 1.0


def origin_of(source: Source, sources: Mapping[str, Source] | None = None) -> Source:
    """Return the source a text first came from: the end of its ``report_id`` (copy of) chain."""
    seen = {source.id}
    while source.report_id and sources is not None and source.report_id in sources:
        source = sources[source.report_id]
        if source.id in seen:
            break
        seen.add(source.id)
    return source


def independent_source(source: Source, sources: Mapping[str, Source] | None = None) -> str:
    """Return the key under which sources count as one: the same publisher is one source,
    and a text that repeats another (a copy, the same wire story elsewhere) counts as the
    original's."""
    root = origin_of(source, sources)
    return name_key(root.publisher) or root.id


def copies_of(source_ids: Iterable[str], sources: Mapping[str, Source]) -> frozenset[str]:
    """Return the given sources with every stored copy of them (and what they copy).

    Copies are sources on the same ``report_id`` chain, or with the same non-empty text.
    """
    wanted = [sources[s] for s in source_ids if s in sources]
    roots = {origin_of(s, sources).id for s in wanted}
    texts = {s.content_hash for s in wanted if s.text}
    return frozenset(
        s.id
        for s in sources.values()
        if origin_of(s, sources).id in roots or (s.text and s.content_hash in texts)
    ) | frozenset(source_ids)


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

    Claims from excluded sources (and their copies: the caller expands them),
    claims that begin after the assessment date, claims from sources published
    after it, and claims outside an indicator's role filters are left out.
    """
    table = _filters(rubric)
    # Per filter, the actors allowed on the other side (None: any), worked out once.
    allowed = {
        id(each): context.allowed_others(each.other_roles)
        for filters in table.values()
        for each in filters
    }
    clusters = {s.id: independent_source(s, sources) for s in sources.values()}
    published = {s.id: _first_day(s.date) for s in sources.values()}
    grades = load_grade_weights()
    reliability = {s.id: grades.reliability[s.reliability] for s in sources.values()}
    credibility = grades.credibility
    ages = _Ages(context.as_of, rubric.undated_age_years, sources)
    decays: dict[tuple[float, float | None], float] = {}
    as_of, excluded, belongs_to = context.as_of, context.excluded_sources, context.belongs
    found: list[Evidence] = []
    for claim in claims:
        entries = table.get(claim.predicate)
        source_id = claim.source_id
        if not entries or source_id in excluded:
            continue
        if claim.time is not None and claim.time.start and claim.time.start > as_of:
            continue
        day = published[source_id]
        if day is not None and day > as_of:
            continue
        value = (claim.value or "").lower()
        grade = reliability[source_id] * credibility[claim.credibility]
        age: Age | None = None
        affirmed = claim.polarity is Polarity.AFFIRMS
        mine: str | None
        other: str | None
        for entry in entries:
            if entry.candidate_is_subject:
                mine, other = claim.subject_id, claim.object_id
            else:
                mine, other = claim.object_id, claim.subject_id
            belongs = belongs_to.get(mine) if mine is not None else None
            if belongs is None or belongs[1] not in entry.own_roles:
                continue
            others = allowed[id(entry)]
            if others is not None and other not in others:
                continue
            match = entry.indicator.match
            if match.value_contains and not any(t in value for t in match.value_contains):
                continue
            if match.reservations and not context.reservation_is(value, match.reservations):
                continue
            if age is None:
                age = ages.of(claim)
            if match.within_years and age.years > match.within_years:
                continue
            half_life = entry.indicator.half_life_years
            decay = decays.get((age.years, half_life))
            if decay is None:
                decay = decays[(age.years, half_life)] = decay_factor(age.years, half_life)
            found.append(
                Evidence(
                    belongs[0],
                    entry.indicator.id,
                    claim.id,
                    claim.revision,
                    source_id,
                    clusters[source_id],
                    affirmed == entry.affirmed_is_risk,
                    grade * decay,
                    age.undated,
                )
            )
    return found


def _first_day(text: str | None) -> str | None:
    return parse_time(text).start if text else None


class _Ages:
    """Claims' ages by the rule in weights.py's docstring, with each source's date and each day's
    age worked out once (a run reads hundreds of thousands of claims)."""

    def __init__(self, as_of: str, undated_years: float, sources: Mapping[str, Source]) -> None:
        self.as_of = date.fromisoformat(as_of)
        self.undated = Age(undated_years, None, True)
        self.published = {s.id: source_day(s) for s in sources.values()}
        self.known: dict[tuple[str, str | None], Age] = {}

    def of(self, claim: Claim) -> Age:
        """Return a claim's age; claims of one source that end on one day share one."""
        end = claim.time.end if claim.time is not None else None
        key = (claim.source_id, end)
        age = self.known.get(key)
        if age is None:
            age = self.known[key] = self._age(self.published[claim.source_id], end)
        return age

    def _age(self, published: str | None, end: str | None) -> Age:
        known = min(end, published) if end and published else (end or published)
        if known is None:
            return self.undated
        days = (self.as_of - date.fromisoformat(known)).days
        return Age(max(days, 0) / DAYS_PER_YEAR, known, False)


@dataclass(frozen=True)
class CapBinding:
    """A source whose weight on one side of one candidate's evidence was capped."""

    candidate: str
    cluster: str
    risk: bool  # the side: evidence pointing to risk, or against it
    share: float  # its share of that side's weight before the cap
    scale: float  # the factor its claims on that side were scaled by


def source_shares(evidence: Iterable[Evidence]) -> dict[str, dict[str, float]]:
    """Return, per candidate, each independent source's share of its evidence weight.

    A source's weight is the sum over indicators and sides of its strongest claim:
    what it contributes to the values (one vote per source, side and indicator).
    """
    strongest: dict[tuple[str, str, str, bool], float] = defaultdict(float)
    for e in evidence:
        key = (e.candidate, e.cluster, e.indicator, e.risk)
        strongest[key] = max(strongest[key], e.weight)
    totals: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for (candidate, cluster, _, _), weight in strongest.items():
        totals[candidate][cluster] += weight
    shares: dict[str, dict[str, float]] = {}
    for candidate, by_cluster in totals.items():
        whole = sum(by_cluster.values())
        shares[candidate] = {c: (w / whole if whole else 0.0) for c, w in by_cluster.items()}
    return shares


def cap_source_shares(
    evidence: Sequence[Evidence], cap: float, *, reference: float
) -> tuple[list[Evidence], list[CapBinding]]:
    """Return the evidence with no source above ``cap`` of its side of a candidate's evidence,
    and where the cap bound.

    Per candidate and side (pointing to risk, or against it), a source may supply at
    most ``cap`` of that side's weight, where the others' weight is counted as it
    was recorded and ``reference`` (the rubric's prior strength) stands for what is
    known before any evidence: a source's weight is scaled down to at most
    cap / (1 - cap) x (the others' weight + reference). So a lone source keeps up to
    ``reference`` x cap / (1 - cap) of weight, and further evidence from other
    sources on a side never lowers what a source counts for there: adding a claim
    pointing to risk never lowers a candidate's risk through the cap.
    """
    if cap >= 1:
        return list(evidence), []
    factor = cap / (1 - cap)
    strongest: dict[tuple[str, bool, str, str], float] = defaultdict(float)
    for e in evidence:
        key = (e.candidate, e.risk, e.cluster, e.indicator)
        strongest[key] = max(strongest[key], e.weight)
    sides: dict[tuple[str, bool], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for (candidate, risk, cluster, _), weight in strongest.items():
        sides[(candidate, risk)][cluster] += weight
    scales: dict[tuple[str, bool, str], float] = {}
    bindings: list[CapBinding] = []
    for (candidate, risk), weights in sides.items():
        whole = sum(weights.values())
        for cluster, weight in sorted(weights.items()):
            allowed = factor * (whole - weight + reference)
            if weight > allowed:
                scale = allowed / weight
                scales[(candidate, risk, cluster)] = scale
                bindings.append(CapBinding(candidate, cluster, risk, weight / whole, scale))
    if not scales:
        return list(evidence), bindings
    scaled = [
        e._replace(weight=e.weight * s, scale=s)
        if (s := scales.get((e.candidate, e.risk, e.cluster))) is not None
        else e
        for e in evidence
    ]
    return scaled, bindings
