"""A hand-made evidence base for the assessment tests (values computed by hand)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from forcevet.assessment.engine import AssessmentParams
from forcevet.assessment.rubric import Rubric, load_rubric
from forcevet.model.actors import Actor, ActorKind
from forcevet.model.claims import ClaimCreate
from forcevet.store.actors import save_actors
from forcevet.store.claims import record_claim
from forcevet.store.store import Store
from tests.conftest import source

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ROLES = {"group_to_disarm": ("hamas",)}


@pytest.fixture
def small_rubric() -> Rubric:
    return load_rubric(FIXTURES / "rubric-small.yaml")


def claim(
    store: Store, source_id: str, subject: str, predicate: str, credibility: int, **extra: Any
) -> None:
    record_claim(
        store,
        ClaimCreate(
            source=source_id,
            subject=subject,
            predicate=predicate,
            quote=f"{subject} {predicate}",
            credibility=credibility,
            **extra,
        ),
        by="test",
    )


@pytest.fixture
def hand_store(store: Store) -> Store:
    """PAK: links from two publishers (one twice) and a peacekeeping record; IDN: one link
    affirmed and one denied. No dates, so no decay."""
    with store.transaction():
        save_actors(
            store,
            [
                Actor("hamas", ActorKind.ARMED_GROUP, "Hamas"),
                Actor("pak-isi", ActorKind.STATE_BODY, "ISI", parent_id="PAK"),
            ],
        )
        s1 = source(store, title="one", publisher="Wire A", reliability="B").id
        s2 = source(store, title="two", publisher="Paper B", reliability="C").id
        s3 = source(store, title="three", publisher="Wire A", reliability="B").id
        claim(store, s1, "PAK", "has_links_to", 2, object="hamas")
        claim(store, s2, "pak-isi", "has_links_to", 3, object="hamas")
        claim(store, s3, "PAK", "has_links_to", 1, object="hamas")
        claim(store, s2, "PAK", "contributes_peacekeepers", 2, value="MONUSCO")
        claim(store, s1, "IDN", "has_links_to", 2, object="hamas")
        claim(store, s2, "IDN", "has_links_to", 3, object="hamas", polarity="denies")
    return store


def params(**extra: Any) -> AssessmentParams:
    values: dict[str, Any] = {
        "candidates": ("PAK", "IDN"),
        "roles": ROLES,
        "as_of": "2026-01-01",
        "samples": 2_000,
        "seed": 1,
    }
    values.update(extra)
    return AssessmentParams(**values)
