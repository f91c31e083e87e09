"""The same ``code_batch`` on a Dask cluster: ``eventcoder ingest INPUT --engine dask``.

* :func:`ingest_dask` codes on the cluster and writes the SQLite store on this machine
  (the driver), chunk by chunk in input order, so the database is the one a serial run
  gives; the store's idempotence, resumability and failure records all apply (it runs
  :func:`eventcoder.store.ingest` with a Dask runner).
* :func:`ingest_lake` has every worker write the chunks it codes straight into an event
  lake (:mod:`eventcoder.lake`: Parquet under ``DIR/year=YYYY/month=MM/``), with no
  single writer; the driver only reads the input and keeps count.

The cluster (:class:`DaskSettings`): without a scheduler address, a ``LocalCluster`` of
``workers`` processes on this machine; with one, an existing cluster (``dask scheduler``
and ``dask worker`` started by hand, by dask-jobqueue on SLURM/PBS, by the Dask Helm
chart or dask-kubernetes).  Each worker loads the model, knowledge base, lexicon and
gazetteer once, in a worker plugin, and codes one chunk at a time; at most
``in_flight`` chunks per worker thread are submitted ahead, so memory stays flat.
A worker killed mid-chunk: the scheduler runs the chunk again on another worker.
``docs/scale.md`` tells how to run it on one machine, SLURM and Kubernetes.

Dask and distributed are optional (``pip install 'eventcoder[dask]'``); only this
subpackage imports them, and only when a run starts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ResourceNotFound

__all__ = ["DaskSettings", "ingest_dask", "ingest_lake", "LAKE_CHUNK_SIZE"]

#: Articles per chunk in a lake: each chunk is a few Parquet files, so bigger chunks than
#: the store's 16 keep the file count down (about 10 s of coding per chunk on one core).
LAKE_CHUNK_SIZE = 256


@dataclass(frozen=True, slots=True, kw_only=True)
class DaskSettings:
    """Which cluster to run on, and how to feed it."""

    scheduler: str | None = None  # tcp://HOST:PORT (HOST:PORT means tcp), or a scheduler file (JSON); None: a LocalCluster
    workers: int = 1  # LocalCluster worker processes (one thread each); ignored with a scheduler
    connect_timeout: float = 10.0  # seconds to reach the scheduler and to see a first worker
    in_flight: int = 2  # chunks submitted ahead per worker thread


def _load_engine() -> Any:
    try:
        from . import _engine
    except ImportError as err:
        if (err.name or "").split(".")[0] in ("dask", "distributed", "pyarrow"):
            raise ResourceNotFound(
                f"--engine dask needs {err.name}, which is not installed; run: pip install 'eventcoder[dask]'"
            ) from err
        raise
    return _engine


def ingest_dask(
    inputs: Sequence[str],
    db_path: str | Path,
    *,
    cluster: DaskSettings | None = None,
    settings: Any = None,
    progress: bool = True,
    chunk_size: int = 16,
    retry_failed: bool = False,
    recode: bool = False,
    coding: Any = None,
    read_summary: Any = None,
) -> Any:
    """Code ``inputs`` on a Dask cluster into the store at ``db_path``; returns the
    :class:`~eventcoder.store.IngestSummary`.  The arguments are those of
    :func:`eventcoder.store.ingest` (``coding``: the ``CodingSettings`` the workers load)."""
    return _load_engine().ingest_dask(
        inputs, db_path, cluster or DaskSettings(), settings=settings, progress=progress,
        chunk_size=chunk_size, retry_failed=retry_failed, recode=recode, coding=coding, read_summary=read_summary,
    )


def ingest_lake(
    inputs: Sequence[str],
    lake_dir: str | Path,
    *,
    cluster: DaskSettings | None = None,
    settings: Any = None,
    progress: bool = True,
    chunk_size: int | None = None,
    coding: Any = None,
    read_summary: Any = None,
) -> Any:
    """Code ``inputs`` on a Dask cluster into the event lake at ``lake_dir``, each worker
    writing its own chunks; chunks already in the lake are skipped (and no cluster is
    started when nothing is left to code).  ``chunk_size``: articles per chunk, by
    default the existing lake's, else :data:`LAKE_CHUNK_SIZE`; a lake keeps one chunk
    size for good, since its chunks are cut from the input by it.  Returns an
    :class:`~eventcoder.store.IngestSummary` (``unchanged``: articles of skipped chunks)."""
    return _load_engine().ingest_lake(
        inputs, lake_dir, cluster or DaskSettings(), settings=settings, progress=progress, chunk_size=chunk_size,
        coding=coding, read_summary=read_summary,
    )
