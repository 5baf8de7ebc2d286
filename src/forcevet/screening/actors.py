"""Screening the evidence base's own actors against the listings, proposing links for review.

A match becomes a ``designates`` claim with status proposed: the authority (as
an actor) designates the matched actor, taken from the imported list as its
source, with the match's score and explanation as a paraphrase. Claims rather
than a separate link table, because claims already carry what a link needs:
review status, revision history with who decided, a source with its grade,
and a place in the assessment (the rubric reads ``designates`` claims) and in
the FtM export.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from forcevet.model.actors import Actor, ActorKind
from forcevet.model.claims import ClaimCreate
from forcevet.screening.listings import load_candidates
from forcevet.screening.match import Screener
from forcevet.screening.names import acronym_strength, is_acronym
from forcevet.screening.queries import Match, Query, ScreenConfig
from forcevet.store.actors import load_actors
from forcevet.store.claims import ClaimFilter, list_claims, record_claim
from forcevet.store.store import Store

EXTRACTOR = "screening:"


@dataclass(frozen=True)
class Proposal:
    """A proposed link from an actor of the evidence base to a listing."""

    actor_id: str
    actor_name: str
    designation_id: str
    authority: str
    reference: str | None
    listed_name: str
    score: float
    explanation: str
    claim_id: str | None


@dataclass
class ActorScreening:
    """What screening the store's actors found and proposed."""

    screened: int = 0
    proposals: list[Proposal] = field(default_factory=list)
    already_linked: int = 0
    unlinkable: list[str] = field(default_factory=list)


def own_acronyms(actor: Actor) -> set[str]:
    """Return the actor's aliases that are the initials of another of its own names
    ("ISF" of "International Stabilization Force", "ISI" of "Inter-Services
    Intelligence").

    Such an acronym stands for the actor's own name, which is screened anyway; on
    its own it would match any listed name with the same initials (ISF: Al-Qaida's
    alias "Islamic Salvation Foundation"; ISI: the "Islamic State of Iraq").
    """
    return {
        alias
        for alias in actor.aliases
        if is_acronym(alias)
        and any(
            acronym_strength(alias, name) == "initials" for name in actor.names if name != alias
        )
    }


def query_of(actor: Actor) -> Query:
    """Return the query an actor is screened as: its names (but not the acronyms of its
    own names), kind and country."""
    schema = "Person" if actor.kind is ActorKind.PERSON else "Organization"
    own = own_acronyms(actor)
    aliases = tuple(a for a in actor.aliases if a not in own)
    return Query(actor.name, schema, None, aliases=aliases)


def _claim_date(match: Match) -> str | None:
    listing = match.candidate.designation
    if listing.listed_on is None:
        return None
    return f"{listing.listed_on}/{listing.delisted_on or '..'}"


def _credibility(score: float) -> int:
    """Return the Admiralty credibility of a screening link: 2 (probably true) for a name
    that is all but identical, 3 (possibly true) otherwise; a 1 needs a reviewer."""
    return 2 if score >= 0.95 else 3


def screen_actors(
    store: Store,
    *,
    by: str,
    threshold: float | None = None,
    screener: Screener | None = None,
) -> ActorScreening:
    """Screen every actor that is not itself a listing from an imported list (and not a
    state) and record a proposed ``designates`` claim for each new match."""
    candidates = load_candidates(store)
    report = ActorScreening()
    if not candidates:
        return report
    imported = {c.actor.id for c in candidates if c.designation.source_id is not None}
    actors = [
        a for a in load_actors(store) if a.kind is not ActorKind.STATE and a.id not in imported
    ]
    matcher = screener or Screener(candidates, ScreenConfig())
    for actor in actors:
        report.screened += 1
        result = matcher.screen(query_of(actor), threshold=threshold, limit=10)
        for match in result.matches:
            listing = match.candidate.designation
            if match.candidate.actor.id == actor.id:
                continue
            if listing.authority_id is None or listing.source_id is None:
                report.unlinkable.append(listing.id)
                continue
            linked = list_claims(store, ClaimFilter(actor_id=actor.id, predicate="designates"))
            if any(
                c.subject_id == listing.authority_id and c.object_id == actor.id for c in linked
            ):
                report.already_linked += 1
                continue
            quote = (
                f"{listing.label()} lists {match.candidate.name}"
                + (f" since {listing.listed_on}" if listing.listed_on else "")
                + f"; screening matched {actor.name} with score {match.score:.2f}: "
                + match.explanation.text
            )
            claim = record_claim(
                store,
                ClaimCreate(
                    source=listing.source_id,
                    subject=listing.authority_id,
                    predicate="designates",
                    object=actor.id,
                    value=listing.reference,
                    date=_claim_date(match),
                    quote=quote,
                    paraphrase=True,
                    credibility=_credibility(match.score),
                    status="proposed",
                    extracted_by=f"{EXTRACTOR}{listing.id}",
                ),
                by=by,
            )
            report.proposals.append(
                Proposal(
                    actor_id=actor.id,
                    actor_name=actor.name,
                    designation_id=listing.id,
                    authority=listing.authority,
                    reference=listing.reference,
                    listed_name=match.candidate.name,
                    score=match.score,
                    explanation=match.explanation.text,
                    claim_id=claim.id,
                )
            )
    return report
