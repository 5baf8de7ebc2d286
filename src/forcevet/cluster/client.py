"""Where a cluster run runs: ``local[:N]`` (N worker processes on this machine) or
``tcp://HOST:PORT`` (a running ``dask scheduler`` and its ``dask worker`` processes)."""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from forcevet.errors import InputError

INSTALL = "pip install 'forcevet[cluster]'"
_LOCAL = re.compile(r"local(?::(\d{1,4}))?")
_REMOTE = re.compile(r"(tcp|tls)://([^\s/:]+|\[[0-9a-fA-F:]+\]):(\d{1,5})")
MAX_LOCAL_WORKERS = 256
CONNECT_SECONDS = 20  # how long a scheduler may take to answer before the run gives up


@dataclass(frozen=True)
class ClusterSpec:
    """A cluster as --cluster names it: a scheduler's address, or a local cluster."""

    address: str | None  # None: start a LocalCluster of ``workers`` processes
    workers: int = 0


def parse_cluster(value: str) -> ClusterSpec:
    """Return the cluster ``value`` names: "local", "local:N" or "tcp://HOST:PORT".

    Raises InputError naming the field for anything else.
    """
    text = value.strip()
    if local := _LOCAL.fullmatch(text):
        workers = int(local.group(1)) if local.group(1) else os.cpu_count() or 1
        if not 1 <= workers <= MAX_LOCAL_WORKERS:
            raise InputError(
                f"expected 1 to {MAX_LOCAL_WORKERS} local workers, got {workers}",
                field="cluster",
            )
        return ClusterSpec(None, workers)
    if (remote := _REMOTE.fullmatch(text)) and 1 <= int(remote.group(3)) <= 65535:
        return ClusterSpec(text)
    raise InputError(
        f'expected local, local:N or tcp://HOST:PORT (a dask scheduler), got "{value[:200]}"',
        field="cluster",
    )


def require_distributed() -> None:
    """Raise InputError, saying how to install it, if dask.distributed is missing."""
    try:
        import distributed  # noqa: F401  (only whether it imports)
    except ImportError:
        raise InputError(
            f"--cluster needs dask.distributed, which is not installed: {INSTALL}",
            field="cluster",
        ) from None


@contextmanager
def open_client(spec: ClusterSpec) -> Iterator[Any]:
    """Yield a distributed.Client on the cluster ``spec`` names, closed afterwards.

    A local cluster runs one thread per worker process: the parse holds the GIL, so
    threads would not add speed, only memory for their pipelines.
    """
    require_distributed()
    # distributed's Client and LocalCluster constructors carry no annotations: the
    # ignores below are for that only.
    from distributed import Client, LocalCluster

    if spec.address is None:
        with (
            LocalCluster(  # type: ignore[no-untyped-call]
                n_workers=spec.workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.WARNING,
            ) as cluster,
            Client(cluster) as client,  # type: ignore[no-untyped-call]
        ):
            yield client
        return
    try:
        client = Client(spec.address, timeout=CONNECT_SECONDS)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as exc:
        raise InputError(
            f"no dask scheduler answers at {spec.address} ({exc}); start one with "
            "dask scheduler and workers with dask worker (docs/cluster.md)",
            field="cluster",
        ) from None
    with client:
        yield client


def worker_count(client: Any) -> int:
    """Return how many workers the client's scheduler has now."""
    return len(client.scheduler_info(n_workers=-1)["workers"])
