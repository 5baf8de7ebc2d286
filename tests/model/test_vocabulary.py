from __future__ import annotations

import pytest

from forcevet.errors import InputError
from forcevet.model.vocabulary import (
    ObjectKind,
    load_predicates,
    parse_predicates,
    require_predicate,
)

DESIGN_PREDICATES = [
    "recognizes",
    "designates",
    "hosts_representative_of",
    "endorses",
    "funds",
    "has_links_to",
    "appears_with",
    "states_reservation_on_mandate",
    "contributes_peacekeepers",
    "offers_units",
    "vetoes",
]


def test_the_vocabulary_holds_every_predicate_of_the_design_documented() -> None:
    vocabulary = load_predicates()
    assert set(DESIGN_PREDICATES) <= set(vocabulary)
    for predicate in vocabulary.values():
        assert predicate.label and len(predicate.description) > 20


def test_predicates_are_found_whatever_the_spelling() -> None:
    assert require_predicate("Has-Links-To").id == "has_links_to"


def test_an_unknown_predicate_lists_the_choices() -> None:
    with pytest.raises(InputError, match="recognizes") as caught:
        require_predicate("likes")
    assert caught.value.field == "predicate"


def test_a_broken_vocabulary_names_the_entry() -> None:
    with pytest.raises(InputError) as caught:
        parse_predicates({"funds": {"label": "funds", "object": "money", "description": "x"}})
    assert caught.value.field == "funds"
    assert (
        parse_predicates({"x": {"label": "x", "object": "none", "description": "d"}})["x"].object
        is ObjectKind.NONE
    )
