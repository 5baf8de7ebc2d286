"""Creating the store: the schema by migration, then every country as a state actor."""

from __future__ import annotations

from dataclasses import dataclass

from forcevet.store.actors import load_country_actors
from forcevet.store.store import Store, display_url, migrate


@dataclass(frozen=True)
class InitReport:
    """What `init` did."""

    url: str  # with its password hidden: it is printed
    revision: str | None
    countries: int


def init_store(store: Store) -> InitReport:
    """Create or migrate the schema and (re)load the ISO 3166 countries; safe to repeat."""
    migrate(store)
    countries = load_country_actors(store)
    return InitReport(
        url=display_url(store.url), revision=store.schema_revision(), countries=countries
    )
