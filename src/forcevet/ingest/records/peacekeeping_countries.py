"""Country names as the IPI peacekeeping files write them, resolved to ISO 3166 alpha-3.

In order: forcevet's own names and aliases (pycountry's names plus
``data/countries.yaml``), pycountry's ``lookup``, the table below, and last
pycountry's ``search_fuzzy`` when it finds exactly one country. The table comes
first for a reason: fuzzy search resolves "Republic of Korea" to the Democratic
People's Republic (PRK), and "Country" (a stray header) to two countries.
"""

from __future__ import annotations

from collections import Counter

import pycountry

from forcevet.errors import InputError
from forcevet.model.countries import load_countries

# Names in the IPI files that neither forcevet's names nor pycountry.lookup resolve,
# each checked by hand against the UN's own name of the country.
IPI_NAMES = {
    "Brunei": "BRN",
    "Cape Verde": "CPV",
    "Cote d Ivoire": "CIV",
    "Macedonia": "MKD",
    "Republic of Korea": "KOR",
    "The former Yugoslav Republic of Macedonia": "MKD",
}


class CountryResolver:
    """Resolves names to alpha-3 codes once each, counting how each was resolved."""

    def __init__(self) -> None:
        self.known: dict[str, str] = {}
        for country in load_countries().values():
            for name in (country.name, *country.aliases):
                self.known.setdefault(name.casefold(), country.alpha_3)
        for name, code in IPI_NAMES.items():
            self.known[name.casefold()] = code
        self.cache: dict[str, str] = {}
        self.methods: Counter[str] = Counter()

    def resolve(self, name: str, *, field: str) -> str:
        """Return the alpha-3 code of a country name, or raise InputError naming ``field``."""
        text = name.strip()
        code = self.cache.get(text)
        if code is not None:
            return code
        code = self.known.get(text.casefold())
        method = "names"
        if code is None:
            code, method = self._pycountry(text)
        if code is None:
            raise InputError(
                f'unknown country "{name}"; add it to IPI_NAMES in '
                "ingest/records/peacekeeping_countries.py with its ISO 3166 alpha-3 code",
                field=field,
            )
        self.cache[text] = code
        self.methods[method] += 1
        return code

    @staticmethod
    def _pycountry(text: str) -> tuple[str | None, str]:
        try:
            return str(pycountry.countries.lookup(text).alpha_3), "pycountry lookup"
        except LookupError:
            pass
        try:
            found = pycountry.countries.search_fuzzy(text)
        except LookupError:
            return None, ""
        if len(found) == 1:
            return str(found[0].alpha_3), "pycountry fuzzy search"
        return None, ""
