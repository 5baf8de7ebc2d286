"""Countries: ISO 3166-1 from pycountry, plus the few codes and names it lacks."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import pycountry
import yaml

from forcevet.errors import InputError


@dataclass(frozen=True)
class Country:
    """A country as a state actor: its alpha-3 code, its name and common names."""

    alpha_3: str
    alpha_2: str
    name: str
    aliases: tuple[str, ...]


@cache
def load_countries() -> dict[str, Country]:
    """Return every ISO 3166-1 country and the extras of ``data/countries.yaml``, by alpha-3."""
    text = resources.files("forcevet.data").joinpath("countries.yaml").read_text("utf-8")
    extra = yaml.safe_load(text)
    more_aliases: dict[str, list[str]] = extra.get("aliases", {})
    shown: dict[str, str] = extra.get("names", {})
    countries: dict[str, Country] = {}
    records = [
        (
            c.alpha_3,
            c.alpha_2,
            c.name,
            getattr(c, "official_name", None),
            getattr(c, "common_name", None),
        )
        for c in pycountry.countries
    ]
    records += [
        (code, e["alpha_2"], e["name"], e.get("official_name"), None)
        for code, e in extra.get("extra", {}).items()
    ]
    for alpha_3, alpha_2, name, official, common in records:
        short = shown.get(alpha_3) or common or name
        names = [name, official, common, *more_aliases.get(alpha_3, [])]
        aliases = tuple(dict.fromkeys(n for n in names if n and n != short))
        countries[alpha_3] = Country(alpha_3, alpha_2, short, aliases)
    return countries


def get_country(code: str) -> Country | None:
    """Return the country with this alpha-3 or alpha-2 code (any case), or None."""
    key = code.strip().upper()
    countries = load_countries()
    if len(key) == 2:
        return next((c for c in countries.values() if c.alpha_2 == key), None)
    return countries.get(key)


def require_country(code: object, *, field: str = "country") -> str:
    """Return the alpha-3 code for ``code``, or raise InputError suggesting the form."""
    country = get_country(str(code))
    if country is None:
        raise InputError(
            f'unknown country code "{code}"; use an ISO 3166 alpha-3 code such as PAK',
            field=field,
        )
    return country.alpha_3
