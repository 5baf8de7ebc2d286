"""`forcevet screen --file NAMES --cluster`: a large file of names screened on the
workers of a Dask cluster.

The listings are read from the store once, here, and sent to each worker once with
a ScreenerPlugin, which builds the blocking index and the matcher there (seconds,
hundreds of MB, as in the single-process screen); partitions of names then screen
against it, and come back in input order: the results are screen_names' results.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from distributed import WorkerPlugin, get_worker

from forcevet.errors import InputError
from forcevet.screening.listings import Candidate, load_candidates
from forcevet.screening.match import Screener
from forcevet.screening.queries import Query, ScreenResult
from forcevet.screening.screen import make_queries
from forcevet.store.store import Store

PLUGIN = "forcevet-screener"
PARTITION = 200  # names a task: a few seconds of matching


class ScreenerPlugin(WorkerPlugin):
    """Builds the Screener over a run's listings once per worker."""

    name = PLUGIN

    def __init__(self, run: str, candidates: list[Candidate]) -> None:
        self.run = run
        self.candidates = candidates
        self.screener: Screener | None = None

    def setup(self, worker: Any) -> None:
        """Build the blocking index and the matcher, once."""
        self.screener = Screener(self.candidates)


def screen_partition(
    run: str, queries: list[Query], threshold: float | None, limit: int
) -> list[ScreenResult]:
    """The task: return the results of a partition of queries, in order."""
    plugin = get_worker().plugins.get(PLUGIN)
    if not isinstance(plugin, ScreenerPlugin) or plugin.run != run or plugin.screener is None:
        raise RuntimeError("this worker's forcevet screener belongs to another run")
    screener = plugin.screener
    return [screener.screen(q, threshold=threshold, limit=limit) for q in queries]


def screen_on_cluster(
    store: Store,
    names: Sequence[str],
    client: Any,
    *,
    schema: str | None = None,
    country: str | None = None,
    threshold: float | None = None,
    limit: int = 5,
    authority: str | None = None,
    partition: int = PARTITION,
    progress: Callable[[int], None] | None = None,
) -> list[ScreenResult]:
    """Return one result per name, in input order, screened on the client's workers.

    ``progress`` is called with the number of names of each partition as it comes back.
    Raises InputError as screen_names does, before anything is sent.
    """
    if threshold is not None and not 0.0 <= threshold <= 1.0:
        raise InputError(
            f"expected a threshold between 0 and 1, got {threshold}", field="threshold"
        )
    if limit < 1:
        raise InputError(f"expected a limit of 1 or more, got {limit}", field="limit")
    queries = make_queries(names, schema=schema, country=country)
    candidates = load_candidates(store, authority=authority)
    if not candidates:
        which = f' by "{authority}"' if authority else ""
        raise InputError(
            f"no listings{which} in the store to screen against; import a list first, "
            "for example: forcevet import un-sc consolidated.xml",
            field="authority" if authority else None,
        )
    token = uuid.uuid4().hex
    client.register_plugin(ScreenerPlugin(token, candidates), name=PLUGIN)
    futures = [
        client.submit(
            screen_partition, token, queries[i : i + partition], threshold, limit, pure=False
        )
        for i in range(0, len(queries), partition)
    ]
    results: list[ScreenResult] = []
    for future in futures:
        done: list[ScreenResult] = future.result()
        future.release()
        results.extend(done)
        if progress is not None:
            progress(len(done))
    return results
