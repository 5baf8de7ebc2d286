"""Screening names against the listings in the store: what ``forcevet screen`` calls."""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from pathlib import Path

from forcevet.errors import InputError
from forcevet.model.countries import require_country
from forcevet.screening.listings import load_candidates
from forcevet.screening.match import Screener
from forcevet.screening.queries import SCHEMATA, Query, ScreenConfig, ScreenResult
from forcevet.store.store import Store

log = logging.getLogger(__name__)


def make_screener(
    store: Store, *, authority: str | None = None, config: ScreenConfig | None = None
) -> Screener:
    """Return a Screener over the store's active listings (of one authority if given).

    This is where the matcher loads (seconds, hundreds of MB): build one and
    reuse it for a whole batch. Raises InputError if there is nothing to screen against.
    """
    candidates = load_candidates(store, authority=authority)
    if not candidates:
        which = f' by "{authority}"' if authority else ""
        raise InputError(
            f"no listings{which} in the store to screen against; import a list first, "
            "for example: forcevet import un-sc consolidated.xml",
            field="authority" if authority else None,
        )
    started = time.perf_counter()
    screener = Screener(candidates, config)
    log.info(
        "screener over %d listings built in %.1f s", len(candidates), time.perf_counter() - started
    )
    return screener


def make_queries(
    names: Sequence[str], *, schema: str | None = None, country: str | None = None
) -> list[Query]:
    """Return the queries for names, or raise InputError for a bad schema or country."""
    chosen = schema or "LegalEntity"
    if chosen not in SCHEMATA:
        raise InputError(f'unknown schema "{schema}"; use Person or Organization', field="schema")
    code = None
    if country:
        from forcevet.model.ftm import country_code

        code = country_code(require_country(country))
    queries = [Query(n.strip(), chosen, code) for n in names if n.strip()]
    if not queries:
        raise InputError("give a NAME to screen, --file FILE or --actors", field="name")
    return queries


def read_names(path: Path) -> list[str]:
    """Return the names in a text file, one a line; blank lines and # comments are skipped."""
    if not path.is_file():
        raise InputError("no such file", path=str(path))
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except UnicodeDecodeError:
        raise InputError("not UTF-8 text", path=str(path)) from None
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def check_limits(threshold: float | None, limit: int) -> None:
    """Raise InputError for a threshold outside 0-1 or a limit below 1."""
    if threshold is not None and not 0.0 <= threshold <= 1.0:
        raise InputError(
            f"expected a threshold between 0 and 1, got {threshold}", field="threshold"
        )
    if limit < 1:
        raise InputError(f"expected a limit of 1 or more, got {limit}", field="limit")


def screen_queries(
    screener: Screener,
    queries: Sequence[Query],
    *,
    threshold: float | None = None,
    limit: int = 5,
) -> list[ScreenResult]:
    """Return one result per query with a screener already built (a server keeps one)."""
    check_limits(threshold, limit)
    return [screener.screen(q, threshold=threshold, limit=limit) for q in queries]


def screen_names(
    store: Store,
    names: Sequence[str],
    *,
    schema: str | None = None,
    country: str | None = None,
    threshold: float | None = None,
    limit: int = 5,
    authority: str | None = None,
) -> list[ScreenResult]:
    """Return one result per name, in input order: its matches at or above the threshold."""
    check_limits(threshold, limit)
    queries = make_queries(names, schema=schema, country=country)
    screener = make_screener(store, authority=authority)
    return screen_queries(screener, queries, threshold=threshold, limit=limit)
