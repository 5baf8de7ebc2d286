"""`case check`: a case folder validated as `case load` would, in a throwaway store, and
what its evidence says that its rubric never asks about.

A predicate that feeds no indicator is not an error (a claim may be kept for the
record, such as who named whom as a contributor) but it changes no score, and a
case author should know that before relying on it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from forcevet.assessment.rubric import Rubric
from forcevet.cases.case import Case, load_case
from forcevet.model.vocabulary import load_predicates
from forcevet.store.setup import init_store
from forcevet.store.store import open_store


@dataclass(frozen=True)
class UnusedPredicate:
    """A predicate no indicator of the case's rubric matches, and the case's claims using it."""

    predicate: str
    claims: int

    def to_dict(self) -> dict[str, object]:
        """Return the JSON record."""
        return {"predicate": self.predicate, "claims": self.claims}


@dataclass(frozen=True)
class CaseCheck:
    """A case that passed validation, with what its rubric leaves unused."""

    case: Case
    actors: int
    sources: int
    claims: int
    unused: list[UnusedPredicate]

    def to_dict(self) -> dict[str, object]:
        """Return the JSON record, as `case check --json` prints it."""
        return {
            "case": self.case.id,
            "valid": True,
            "actors": self.actors,
            "sources": self.sources,
            "claims": self.claims,
            "composable": self.case.problem is not None,
            "unused_predicates": [u.to_dict() for u in self.unused],
        }


def fed_predicates(rubric: Rubric) -> set[str]:
    """Return the predicates some indicator of ``rubric`` matches."""
    return {p for indicator in rubric.indicators for p in indicator.match.predicates}


def check_case(reference: str) -> CaseCheck:
    """Validate a case folder (or bundled case) by loading it into an empty in-memory store.

    Raises InputErrors listing every error, as `case load` would; roles and claims
    may name only the case's own actors and countries (the store is empty).
    """
    with open_store("sqlite://", require_schema=False) as store, store.transaction():
        init_store(store)
        loaded = load_case(store, reference, by="forcevet case check")
    scenario = loaded.evidence.scenario
    used = Counter(claim.predicate for claim in scenario.claims)
    fed = fed_predicates(loaded.case.rubric)
    unused = [
        UnusedPredicate(name, used.get(name, 0))
        for name in sorted(load_predicates())
        if name not in fed
    ]
    unused.sort(key=lambda u: (-u.claims, u.predicate))
    return CaseCheck(
        loaded.case,
        loaded.evidence.actors,
        loaded.evidence.sources,
        loaded.evidence.claims,
        unused,
    )
