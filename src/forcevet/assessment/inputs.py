"""What a run reads from the store, and the evidence it makes of it.

One place decides which claims count (accepted ones, reviewed as the run asks),
which sources are left out (a left-out source goes with its copies), what was
searched, which absences are evidence, and how far one source may weigh.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from forcevet.assessment.coverage import CandidateCoverage, absence_evidence, measure_coverage
from forcevet.assessment.evidence import (
    CapBinding,
    Context,
    Evidence,
    cap_source_shares,
    copies_of,
    make_context,
    match_evidence,
    source_shares,
)
from forcevet.assessment.rubric import Rubric
from forcevet.ingest.review import assessable_claims
from forcevet.model.claims import Status
from forcevet.model.sources import Source
from forcevet.store.actors import load_actors, resolve_actor
from forcevet.store.claims import ClaimFilter, list_claims
from forcevet.store.coverage import list_coverage
from forcevet.store.designations import list_designations
from forcevet.store.sources import list_sources, require_source
from forcevet.store.store import Store


@dataclass(frozen=True)
class AssessmentParams:
    """What a run depends on besides the rubric and the claims."""

    candidates: tuple[str, ...]
    roles: dict[str, tuple[str, ...]]
    as_of: str
    samples: int = 10_000
    seed: int = 0
    without_sources: tuple[str, ...] = field(default=())
    scenario: str | None = None
    # only claims reviewed by someone other than their recorder count
    two_person: bool = False
    # the words of each reservation kind, from the case's vocabulary
    reservations: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # a plain run: all the case's candidates, no source left out, as of the case's day
    plain: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Return the parameters as stored with the run."""
        return {
            "candidates": list(self.candidates),
            "roles": {k: list(v) for k, v in sorted(self.roles.items())},
            "as_of": self.as_of,
            "samples": self.samples,
            "seed": self.seed,
            "without_sources": list(self.without_sources),
            "scenario": self.scenario,
            "two_person": self.two_person,
            "reservations": {k: list(v) for k, v in sorted(self.reservations.items())},
            "plain": self.plain,
        }


@dataclass(frozen=True)
class RunInputs:
    """Everything a run computes on: candidates, sources, evidence, coverage, caps."""

    candidates: tuple[str, ...]
    sources: dict[str, Source]
    context: Context
    evidence: list[Evidence]  # after the cap on any one source's share
    coverage: dict[str, CandidateCoverage]
    bindings: list[CapBinding]
    shares: dict[str, dict[str, float]]  # per candidate, each source's share before the cap
    excluded: frozenset[str]  # the left-out sources with their copies


def gather_inputs(store: Store, rubric: Rubric, params: AssessmentParams) -> RunInputs:
    """Return a run's inputs from the store, in the caller's transaction."""
    candidates = tuple(resolve_actor(store, c, field="candidates").id for c in params.candidates)
    for source_id in params.without_sources:
        require_source(store, source_id, field="without_source")
    sources = {s.id: s for s in list_sources(store)}
    excluded = copies_of(params.without_sources, sources) if params.without_sources else frozenset()
    claims = assessable_claims(
        store, list_claims(store, ClaimFilter(status=Status.ACCEPTED)), two_person=params.two_person
    )
    context = make_context(
        candidates=candidates,
        actors=load_actors(store),
        designations=list_designations(store),
        roles={
            role: [resolve_actor(store, a, field=f"roles.{role}").id for a in members]
            for role, members in params.roles.items()
        },
        listing_authorities=rubric.listing_authorities,
        as_of=params.as_of,
        excluded_sources=excluded,
        reservations=params.reservations,
    )
    return make_inputs(rubric, context, claims, sources, list_coverage(store, candidates))


def make_inputs(
    rubric: Rubric,
    context: Context,
    claims: Any,
    sources: dict[str, Source],
    records: Any,
) -> RunInputs:
    """Return a run's inputs from claims, sources and coverage records already read."""
    matched = match_evidence(rubric, context, claims, sources)
    coverage = measure_coverage(rubric, context, records, matched)
    matched += absence_evidence(rubric, context, coverage, sources)
    shares = source_shares(matched)
    evidence, bindings = cap_source_shares(
        matched, rubric.max_source_share, reference=rubric.prior_strength
    )
    return RunInputs(
        candidates=context.candidates,
        sources=sources,
        context=context,
        evidence=evidence,
        coverage=coverage,
        bindings=bindings,
        shares=shares,
        excluded=context.excluded_sources,
    )
