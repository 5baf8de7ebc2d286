"""Country names as reports show them."""

from __future__ import annotations

from forcevet.model.countries import load_countries


def test_no_country_is_shown_under_an_inverted_name() -> None:
    countries = load_countries()
    # A comma in a shown name only lists parts ("Bonaire, Sint Eustatius and Saba"),
    # never inverts one ("Palestine, State of").
    inverted = [c.name for c in countries.values() if "," in c.name and " and " not in c.name]
    assert inverted == []
    assert countries["PSE"].name == "Palestine"
    assert "Palestine, State of" in countries["PSE"].aliases  # ISO's name still resolves
    assert countries["COD"].name == "Democratic Republic of the Congo"
