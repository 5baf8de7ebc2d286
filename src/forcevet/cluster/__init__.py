"""Running ingest and screening on a Dask cluster (dask.distributed), for corpora of
10^5-10^6 articles: the same code on a LocalCluster in tests and on a scheduler with
workers on several machines in production (docs/cluster.md).

Workers do the expensive part (spaCy's parse, extraction, sketches; the screener's
matching) and return plain data; the process that started the run applies it to the
store in input order, so the records are those of the single-process run.
"""
