"""The ingest section of a report: each ingested article's claims, quotes highlighted in
their context, proposed and accepted alike."""

from __future__ import annotations

from dataclasses import dataclass

from forcevet.ingest.review import QuoteInContext, quote_in_context
from forcevet.model.claims import Claim, Status
from forcevet.model.sources import Source
from forcevet.model.vocabulary import load_predicates
from forcevet.store.actors import load_actors
from forcevet.store.claims import ClaimFilter, list_claims
from forcevet.store.sources import require_source
from forcevet.store.store import Store

CONTEXT = 90


@dataclass(frozen=True)
class IngestedClaim:
    """One claim proposed from an article, as the report shows it."""

    claim: Claim
    statement: str
    context: QuoteInContext


@dataclass(frozen=True)
class IngestedSource:
    """An ingested article and the claims proposed from it."""

    source: Source
    claims: list[IngestedClaim]

    @property
    def accepted(self) -> int:
        """Return how many of its claims are accepted."""
        return sum(c.claim.status is Status.ACCEPTED for c in self.claims)


def build_ingested(store: Store, source_ids: list[str]) -> list[IngestedSource]:
    """Return the ingested articles with their claims, in source order."""
    labels = {p.id: p.label for p in load_predicates().values()}
    # the claims of an ingest may name actors it proposed, still under review
    names = {a.id: a.name for a in load_actors(store, unreviewed=True)}
    result = []
    for source_id in source_ids:
        source = require_source(store, source_id)
        rows = []
        for claim in list_claims(store, ClaimFilter(source_id=source_id)):
            target = names.get(claim.object_id or "", "")
            value = f" ({claim.value})" if claim.value and target else claim.value or ""
            text = f"{names[claim.subject_id]} {labels[claim.predicate]} {target}{value}".strip()
            if claim.polarity.value == "denies":
                text += ": denied"
            rows.append(IngestedClaim(claim, text, quote_in_context(claim, source, CONTEXT)))
        result.append(IngestedSource(source, sorted(rows, key=lambda r: r.claim.quote_start or 0)))
    return result
