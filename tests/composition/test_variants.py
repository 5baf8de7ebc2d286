"""Saved what-ifs: stored with who and when, reopened with the same switches, names unique."""

from __future__ import annotations

import pytest

from forcevet.composition.variants import (
    get_variant,
    list_variants,
    require_variant,
    save_variant,
)
from forcevet.composition.whatif import parse_whatif
from forcevet.errors import InputError, NotFoundError
from forcevet.store.store import Store
from tests.composition.factories import gaza_problem

SWITCHES = {
    "constraints": {"max_country_share": None, "vetoes": [{"party": "USA", "country": "KAZ"}]},
    "lift_vetoes": ["TUR"],
    "offers_off": ["pak-aviation"],
    "conditions_off": ["IDN:no_combat"],
    "objective": "max-coverage",
}


def test_a_variant_reopens_with_its_switches(store: Store) -> None:
    whatif = parse_whatif(SWITCHES)
    with store.transaction():
        saved = save_variant(store, "gaza-isf", " no KAZ ", whatif, gaza_problem(), by="ana")
    assert saved.name == "no KAZ" and saved.saved_by == "ana" and saved.saved_at
    reopened = require_variant(store, "gaza-isf", "no KAZ")
    assert reopened.whatif == whatif
    # a cleared cap stays cleared, not "unset" (which would keep the case's cap)
    assert "max_country_share" in reopened.whatif.constraints.model_fields_set
    assert [v.name for v in list_variants(store, "gaza-isf")] == ["no KAZ"]
    assert list_variants(store, "haiti-mss") == []
    assert reopened.to_dict()["what_if"] == SWITCHES


def test_a_name_is_saved_once(store: Store) -> None:
    whatif = parse_whatif({"lift_vetoes": ["TUR"]})
    with store.transaction():
        save_variant(store, "gaza-isf", "open", whatif, gaza_problem(), by="ana")
    with pytest.raises(InputError, match="already"), store.transaction():
        save_variant(store, "gaza-isf", "open", parse_whatif({}), gaza_problem(), by="rev")
    assert require_variant(store, "gaza-isf", "open").whatif == whatif


@pytest.mark.parametrize(
    ("name", "switches", "field"),
    [
        ("", {}, "name"),
        ("x" * 81, {}, "name"),
        ("line\nbreak", {}, "name"),
        ("ok", {"offers_off": ["atlantis-infantry"]}, "offers_off"),
    ],
)
def test_bad_variants_are_refused_and_nothing_is_stored(
    store: Store, name: str, switches: dict[str, list[str]], field: str
) -> None:
    with pytest.raises(InputError) as caught, store.transaction():
        save_variant(store, "gaza-isf", name, parse_whatif(switches), gaza_problem(), by="ana")
    assert caught.value.field == field
    assert list_variants(store, "gaza-isf") == []


def test_an_unknown_variant_names_the_saved_ones(store: Store) -> None:
    with store.transaction():
        save_variant(store, "gaza-isf", "open", parse_whatif({}), gaza_problem(), by="ana")
    assert get_variant(store, "gaza-isf", "shut") is None
    with pytest.raises(NotFoundError, match="saved: open"):
        require_variant(store, "gaza-isf", "shut")
