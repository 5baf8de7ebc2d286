"""Agreement figures from the stored General Assembly votes, recorded as claims and coverage.

Each figure is an accepted ``votes_with`` claim, reviewed by the importer:
its quote states the computation (a paraphrase, since the dataset has no
sentence to quote) and its note lists the roll calls it rests on, so that
anyone can recompute it (``forcevet votes`` shows them too). Claims of an
earlier edition of the dataset are rejected with a note, not deleted.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select

from forcevet.model.claims import Claim, Polarity, Status, make_imported_claim, revise
from forcevet.model.countries import load_countries
from forcevet.model.dates import parse_time
from forcevet.model.grades import Credibility
from forcevet.model.votes import Agreement, Period, format_rcids
from forcevet.store.claims import ClaimFilter, append_revision, insert_claims, list_claims
from forcevet.store.coverage import Coverage, add_coverage
from forcevet.store.store import Store, now
from forcevet.store.tables import actors
from forcevet.store.votes import agreements, latest_roll_call, voters_between

PREDICATE = "votes_with"
REVIEWER = "import unga-votes"
# Derived by arithmetic from recorded votes: "probably true" (2) rather than
# "confirmed" (1), because which roll calls concern an issue is the compiler's coding.
CREDIBILITY = Credibility(2)


@dataclass
class FiguresReport:
    """What recording the figures added."""

    figures: int = 0
    claims_added: int = 0
    coverage_added: int = 0
    superseded: int = 0
    without_actor: list[str] = field(default_factory=list)


def country_name(code: str) -> str:
    """Return a country's short name, or its code when it is not a country forcevet knows."""
    country = load_countries().get(code)
    return country.name if country else code


def figure_quote(agreement: Agreement) -> str:
    """Return the sentence stating how a figure was computed."""
    a = agreement
    return (
        f"On the {a.roll_calls} UN General Assembly roll calls coded {a.issue_label} in "
        f"{a.period.text} on which both voted, {country_name(a.country)} and "
        f"{country_name(a.party)} voted alike on {a.same}, opposite on {a.opposite}, and one "
        f"of the two abstained on {a.half}: agreement (same + half/2) / roll calls = "
        f"{a.index:.2f} (computed from Voeten's UN General Assembly voting data)."
    )


def make_figure_claim(agreement: Agreement, source_id: str, *, by: str, at: str) -> Claim:
    """Return the accepted claim that states one agreement figure."""
    time = parse_time(agreement.period.time)
    polarity = Polarity.AFFIRMS if agreement.index >= 0.5 else Polarity.DENIES
    return make_imported_claim(
        source_id=source_id,
        subject_id=agreement.country,
        predicate=PREDICATE,
        object_id=agreement.party,
        value=agreement.value,
        time=time,
        polarity=polarity,
        quote=figure_quote(agreement),
        paraphrase=True,
        credibility=CREDIBILITY,
        importer=REVIEWER,
        by=by,
        at=at,
        note=f"rests on roll calls (rcid): {format_rcids(agreement.rcids)}",
    )


def record_figures(
    store: Store,
    source_id: str,
    parties: Sequence[str],
    issue: str,
    periods: Sequence[Period],
    *,
    by: str,
) -> FiguresReport:
    """Compute every country's agreement with each party and store claims and coverage."""
    report = FiguresReport()
    at = now()
    report.superseded = _supersede(store, source_id, by=by, at=at)
    known = set(store.connection.scalars(select(actors.c.id)))
    as_of = latest_roll_call(store)
    claims: list[Claim] = []
    covered: list[Coverage] = []
    missing: set[str] = set()
    for party in parties:
        for agreement in agreements(store, party, issue=issue, periods=periods):
            report.figures += 1
            if agreement.country in known:
                claims.append(make_figure_claim(agreement, source_id, by=by, at=at))
            else:
                missing.add(agreement.country)
        # A period counts only if the party voted in it: without its votes nothing
        # was asked of the others.
        voters: set[str] = set()
        for period in periods:
            found = voters_between(store, issue, period.since, period.until)
            voters |= found if party in found else set()
        note = f"roll calls coded {issue} in {', '.join(p.text for p in periods)}"
        covered += [
            Coverage(
                actor_id=country,
                predicate=PREDICATE,
                source_id=source_id,
                object_id=party,
                as_of=as_of,
                note=note,
            )
            for country in sorted(voters)
            if country in known and country != party
        ]
        missing |= {c for c in voters if c not in known}
    report.claims_added = insert_claims(store, claims)
    report.coverage_added = add_coverage(store, covered, by=by)
    report.without_actor = sorted(missing)
    return report


def _supersede(store: Store, source_id: str, *, by: str, at: str) -> int:
    """Reject the figures computed from another edition of the votes; return how many."""
    stale = [
        claim
        for claim in list_claims(store, ClaimFilter(predicate=PREDICATE, status=Status.ACCEPTED))
        if claim.extracted_by == REVIEWER and claim.source_id != source_id
    ]
    note = f"superseded: the votes were imported again from source {source_id}"
    for claim in stale:
        append_revision(
            store,
            revise(
                claim,
                by=by,
                at=at,
                note=note,
                status=Status.REJECTED,
                reviewed_by=REVIEWER,
                reviewed_at=at,
            ),
        )
    return len(stale)
