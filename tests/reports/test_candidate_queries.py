"""The candidate page's queries read in SQL what sorting every claim in Python gave."""

from __future__ import annotations

import random

from forcevet.model.claims import Claim, ClaimCreate, Status
from forcevet.reports.candidate import candidate_listing_actors
from forcevet.store.claims import (
    ClaimFilter,
    actors_tied,
    list_claims,
    record_claim,
    subject_timeline,
)
from forcevet.store.store import Store
from tests.conftest import source

DATES = [None, "2024", "2024-03", "2024-03-05", "2023-10/..", "../2025", "2025-01-02", "2022"]


def fill(store: Store) -> None:
    chance = random.Random(3)
    src = source(store, title="A long report").id
    for n in range(80):
        record_claim(
            store,
            ClaimCreate(
                source=src,
                subject=chance.choice(["PAK", "PAK", "IDN"]),
                predicate="offers_units",
                value=f"battalion {n}",
                date=chance.choice(DATES),
                quote=f"Pakistan offers battalion {n}.",
                credibility=3,
                status=chance.choice(["accepted", "proposed"]),
            ),
            by="test",
        )


def when(claim: Claim) -> str:
    return (claim.time.start or claim.time.end or "") if claim.time else ""


def test_the_timeline_is_the_python_sort_of_every_claim(store: Store) -> None:
    with store.transaction():
        fill(store)
    every = [c for c in list_claims(store, ClaimFilter(actor_id="PAK")) if c.subject_id == "PAK"]
    dated = sorted(
        (c for c in every if when(c)),
        key=lambda c: (when(c), (c.time.end if c.time else None) or "", c.id),
    )
    undated = [c for c in every if not when(c)]
    assert dated and undated
    for limit in (None, 1, 5, 1000):
        got = subject_timeline(store, "PAK", limit=limit)
        keep = len(dated) if limit is None else limit
        assert [c.id for c in got[0]] == [c.id for c in dated[max(0, len(dated) - keep) :]]
        assert [c.id for c in got[1]] == [c.id for c in undated[:keep]]
        assert got[2:] == (len(dated), len(undated))


def test_tied_actors_are_those_the_claims_name(store: Store) -> None:
    with store.transaction():
        src = source(store).id
        for subject, obj, status in (
            ("PAK", "AFG", "accepted"),
            ("IRN", "PAK", "accepted"),
            ("PAK", "IND", "proposed"),
            ("CHN", "RUS", "accepted"),
        ):
            record_claim(
                store,
                ClaimCreate(
                    source=src,
                    subject=subject,
                    predicate="supports",
                    object=obj,
                    quote=f"{subject} backs {obj}.",
                    credibility=3,
                    status=status,
                ),
                by="test",
            )
    assert actors_tied(store, ["PAK"], status=Status.ACCEPTED) == {"PAK", "AFG", "IRN"}
    assert actors_tied(store, ["PAK"], status=Status.PROPOSED) == {"PAK", "IND"}
    assert candidate_listing_actors(store, "PAK")[0] == "PAK"
