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


def init_if_new(store: Store) -> InitReport | None:
    """Set up a store that was never set up (as `init` does) and return the report;
    leave any other store as it is and return None.

    Commands that create a whole body of evidence (`case load`) use it, so that a
    case loads into a new store in one step; a store at an older schema is not
    migrated here (`open_store` asks for `forcevet init`).
    """
    if store.schema_revision() is not None:
        return None
    return init_store(store)
