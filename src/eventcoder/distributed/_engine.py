"""The driver: connect to (or start) a cluster, feed it chunks, collect them in order."""

from __future__ import annotations

import contextlib
import json
import logging
import re
import sys
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import CancelledError
from pathlib import Path
from typing import Any

import dask
from distributed import Client, Future, KilledWorker, LocalCluster
from distributed.comm.addressing import parse_address, parse_host_port
from distributed.comm.core import CommClosedError

from ..errors import ClusterError, ConfigError, EventcoderError
from ..model import Article, Skipped, to_dict
from . import DaskSettings
from ._worker import CoderPlugin, code_chunk, code_chunk_to_lake, plugin_name, worker_identity

__all__ = ["CLUSTER_CONFIG", "check_address", "check_settings", "connect", "ingest_dask", "ingest_lake"]

log = logging.getLogger("eventcoder.distributed")

#: Dask settings for the clusters eventcoder starts itself (a LocalCluster): coding is one
#: long pure-Python task per chunk, so Dask's statistical profiler (every 10 ms) and its
#: frequent event-loop ticks only take CPU and the GIL from it; and the nanny's
#: MALLOC_TRIM_THRESHOLD_ (which also turns off glibc's adaptive mmap threshold) made
#: spaCy's allocations cost 10-25% more CPU than in a plain process.  For other
#: clusters, docs/scale.md gives the same as environment variables for `dask worker`.
CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
    "distributed.admin.tick.interval": "500ms",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
}
_SCHEMES = ("tcp", "tls", "ws", "wss", "ucx")
_HOST = re.compile(r"[A-Za-z0-9_]([A-Za-z0-9_.-]*[A-Za-z0-9_])?|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*")  # name, IPv4, IPv6
_LOST = (CancelledError, CommClosedError, OSError, TimeoutError)


# ---------------------------------------------------------------- the cluster
def check_address(address: str) -> str:
    """``HOST:PORT`` or ``SCHEME://HOST:PORT``, normalised; ConfigError when malformed."""
    value = address.strip()
    candidate = value if "://" in value else f"tcp://{value}"
    hint = "write it as tcp://HOST:PORT (e.g. tcp://10.0.0.5:8786) or give a scheduler file"
    try:
        scheme, location = parse_address(candidate, strict=True)
        host, port = parse_host_port(location)
    except (ValueError, TypeError) as err:
        raise ConfigError(f"--scheduler {address!r} is not a scheduler address ({err}); {hint}") from err
    if scheme not in _SCHEMES:
        raise ConfigError(f"--scheduler {address!r}: unknown protocol {scheme!r} (known: {', '.join(_SCHEMES)}); {hint}")
    if not host or not _HOST.fullmatch(str(host)) or not 0 < int(port) < 65536:
        raise ConfigError(f"--scheduler {address!r} needs a host name or IP address and a port 1-65535; {hint}")
    return candidate


def _follow_log_level() -> None:
    """Dask's own loggers say only what ours would: warnings with -v, nothing otherwise
    (the run's errors come back to the driver and are reported once, in one line)."""
    ours = logging.getLogger("eventcoder").getEffectiveLevel()
    level = logging.CRITICAL + 1 if ours > logging.INFO else (logging.WARNING if ours == logging.INFO else logging.INFO)
    for name in ("distributed", "distributed.client", "distributed.scheduler", "distributed.worker", "distributed.nanny",
                 "distributed.core", "distributed.comm", "distributed.batched", "distributed.deploy"):
        logging.getLogger(name).setLevel(level)


def check_settings(settings: DaskSettings) -> None:
    """Fail early (before reading any input) on settings that cannot work."""
    if settings.scheduler is None:
        if settings.workers < 1:
            raise ConfigError(f"workers={settings.workers} must be at least 1")
    elif not Path(settings.scheduler).is_file():
        check_address(settings.scheduler)
    if settings.connect_timeout <= 0 or settings.in_flight < 1:
        raise ConfigError(f"connect_timeout={settings.connect_timeout} and in_flight={settings.in_flight} must be positive")


def _coding(coding: Any) -> Any:
    """The coder settings the workers load (the defaults when none are given), so that the
    command line and the Python API share one plugin per cluster."""
    from ..pipeline import CodingSettings

    return CodingSettings() if coding is None else coding


def _close(thing: Any, timeout: float) -> None:
    with contextlib.suppress(Exception):  # closing a cluster that is already gone
        thing.close(timeout=timeout)


@contextlib.contextmanager
def connect(settings: DaskSettings, coding: Any = None) -> Iterator[tuple[Client, str]]:
    """A client on the cluster with the eventcoder plugin on every worker, and a label of it."""
    from ..pipeline import CODER

    _follow_log_level()
    with contextlib.ExitStack() as stack:
        if settings.scheduler is None:
            if settings.workers < 1:
                raise ConfigError(f"workers={settings.workers} must be at least 1")
            stack.enter_context(dask.config.set(CLUSTER_CONFIG))  # also for workers the nannies restart
            quiet = logging.getLogger("distributed").getEffectiveLevel() > logging.WARNING
            try:
                cluster = LocalCluster(
                    n_workers=settings.workers, threads_per_worker=1, processes=True, dashboard_address=None,
                    # no dashboard; the scheduler's own HTTP routes on any free port, not a
                    # fixed 8787 another Dask cluster (a notebook's) may hold
                    scheduler_kwargs={"dashboard": False, "dashboard_address": "127.0.0.1:0"},
                    silence_logs=logging.CRITICAL if quiet else logging.WARNING,
                )
                stack.callback(_close, cluster, 10)
                client = Client(cluster, set_as_default=False)
            except (OSError, RuntimeError) as err:
                raise ClusterError(f"could not start a local Dask cluster of {settings.workers} workers: {err}") from err
            label = f"a local cluster of {settings.workers} worker process{'es' if settings.workers > 1 else ''}"
        else:
            target = settings.scheduler
            if Path(target).is_file():  # a scheduler file (dask scheduler --scheduler-file, dask-jobqueue)
                kwargs: dict[str, Any] = {"scheduler_file": target}
                label = f"the scheduler in {target}"
            else:
                address = check_address(target)
                kwargs = {"address": address}
                label = f"the scheduler at {address}"
            try:
                client = Client(**kwargs, timeout=settings.connect_timeout, set_as_default=False)
            except (OSError, TimeoutError) as err:
                raise ClusterError(
                    f"cannot reach {label} within {settings.connect_timeout:g}s ({err}); "
                    "check that `dask scheduler` runs there, or fix --scheduler"
                ) from err
            except (ValueError, KeyError) as err:
                raise ConfigError(f"--scheduler {target!r}: {err}; give tcp://HOST:PORT or a scheduler file") from err
        stack.callback(_close, client, 5)  # closed before the cluster (callbacks run last in, first out)
        try:
            client.wait_for_workers(1, timeout=settings.connect_timeout)
        except TimeoutError as err:
            raise ClusterError(
                f"{label} has no workers after {settings.connect_timeout:g}s; start some (`dask worker ADDRESS`) "
                "or wait longer with --connect-timeout"
            ) from err
        except _LOST as err:
            raise ClusterError(f"lost {label} while waiting for its workers: {err}") from err
        try:
            client.register_plugin(CoderPlugin(CODER, coding))
        except EventcoderError:
            raise
        except _LOST as err:
            raise ClusterError(f"lost {label} while the workers loaded the model: {err}") from err
        yield client, label


def _threads(client: Client) -> int:
    try:
        return max(1, sum(client.nthreads().values()))
    except _LOST:
        return 1


class _Feeder:
    """Submit tasks with at most ``in_flight`` per worker thread pending; results in order."""

    def __init__(self, client: Client, label: str, in_flight: int) -> None:
        self.client, self.label, self.in_flight = client, label, max(1, in_flight)
        self.token = uuid.uuid4().hex[:8]
        self.pending: deque[tuple[Any, Future]] = deque()
        self._limit = self.in_flight * _threads(client)
        self._checked = time.monotonic()
        self.n = 0

    def limit(self) -> int:
        if time.monotonic() - self._checked > 5:  # the cluster may grow or shrink (adaptive, killed workers)
            self._limit, self._checked = self.in_flight * _threads(self.client), time.monotonic()
        return self._limit

    def submit(self, tag: Any, func: Callable[..., Any], *args: Any) -> None:
        key = f"eventcoder-{func.__name__}-{self.token}-{self.n}"
        self.n += 1
        self.pending.append((tag, self.client.submit(func, *args, key=key, pure=False)))

    def full(self) -> bool:
        return len(self.pending) >= self.limit()

    def next(self) -> tuple[Any, Any, BaseException | None]:
        """The oldest task's tag and result, or its KilledWorker error."""
        tag, future = self.pending.popleft()
        try:
            while True:
                try:
                    return tag, future.result(timeout=5), None
                except TimeoutError:
                    if self.client.status not in ("running", "connecting"):
                        raise ClusterError(f"lost {self.label} (client {self.client.status})") from None
        except KilledWorker as err:
            return tag, None, err
        except EventcoderError:
            raise
        except _LOST as err:
            raise ClusterError(
                f"lost {self.label} mid-run ({type(err).__name__}: {str(err).splitlines()[0] if str(err) else 'no detail'}); "
                "the chunks finished so far are kept: rerun the same command to do the rest"
            ) from err

    def cancel(self) -> None:
        with contextlib.suppress(Exception):
            self.client.cancel([f for _, f in self.pending])
        self.pending.clear()


def _killed(err: BaseException) -> str:
    detail = (str(err).splitlines() or [""])[0][:300]
    return (f"KilledWorker: every worker that coded this chunk died ({detail}); "
            "out of memory? A rerun (--retry-failed for the database) tries it again")


# ---------------------------------------------------------------- into the store
def ingest_dask(
    inputs: Sequence[str],
    db_path: str | Path,
    cluster: DaskSettings,
    *,
    settings: Any = None,
    progress: bool = True,
    chunk_size: int = 16,
    retry_failed: bool = False,
    recode: bool = False,
    coding: Any = None,
    read_summary: Any = None,
) -> Any:
    from ..pipeline import CODER
    from ..provenance import Fingerprint
    from ..store import ingest

    check_settings(cluster)
    coding = _coding(coding)
    name = plugin_name(CODER, coding)
    with connect(cluster, coding) as (client, label):
        log.info("coding on %s", label)
        try:  # what the workers code with: the store records it with every document
            components, _ = client.submit(worker_identity, name, pure=False).result()
        except _LOST as err:
            raise ClusterError(f"lost {label} before the first chunk: {err}") from err

        def runner(chunks: Iterator[list[Article]], write: Callable[[list[Any]], None]) -> None:
            feeder = _Feeder(client, label, cluster.in_flight)

            def drain_one() -> None:
                chunk, results, killed = feeder.next()
                write(results if killed is None else [((), _killed(killed))] * len(chunk))

            try:
                for chunk in chunks:
                    feeder.submit(chunk, code_chunk, name, chunk)
                    while feeder.full():
                        drain_one()
                while feeder.pending:
                    drain_one()
            finally:
                feeder.cancel()

        return ingest(
            list(inputs), db_path, workers=max(1, cluster.workers), settings=settings, progress=progress,
            chunk_size=chunk_size, retry_failed=retry_failed, recode=recode, coding=coding,
            read_summary=read_summary, runner=runner, fingerprint=Fingerprint(components=components),
        )


# ---------------------------------------------------------------- into a lake
def _chunks(items: Iterable[Article | Skipped], size: int, summary: Any, bar: Any) -> Iterator[list[Article]]:
    group: list[Article] = []
    for item in items:
        if isinstance(item, Skipped):
            summary.skipped[item.reason.value] += 1
            log.info("skipped %s: %s %s", item.source, item.reason.value, item.detail)
            if bar is not None:
                bar.update(1)
            continue
        summary.articles += 1
        if not item.published:
            summary.undated += 1
        group.append(item)
        if len(group) >= size:
            yield group
            group = []
    if group:
        yield group


def ingest_lake(
    inputs: Sequence[str],
    lake_dir: str | Path,
    cluster: DaskSettings,
    *,
    settings: Any = None,
    progress: bool = True,
    chunk_size: int | None = None,
    coding: Any = None,
    read_summary: Any = None,
) -> Any:
    from ..ingest import ReadSettings, read_inputs
    from ..lake import Lake, chunk_key
    from ..pipeline import CODER
    from ..store import IngestSummary
    from ..store.batch import _estimate_total, _progress_bar
    from . import LAKE_CHUNK_SIZE

    check_settings(cluster)
    coding = _coding(coding)
    if chunk_size is None:  # an existing lake's own, else the default
        existing = Lake(lake_dir)
        chunk_size = int(existing.info().get("chunk_size", LAKE_CHUNK_SIZE)) if existing.exists() else LAKE_CHUNK_SIZE
    if chunk_size < 1:
        raise ConfigError(f"chunk_size={chunk_size} must be at least 1")
    coder = f"{CODER} {json.dumps(to_dict(coding), sort_keys=True, default=str)}"  # the settings are part of it
    lake = Lake.prepare(lake_dir, chunk_size=chunk_size, coder=coder)
    name = plugin_name(CODER, coding)
    finished = lake.finished()
    summary = IngestSummary()
    started = time.perf_counter()
    total = _estimate_total(list(inputs)) if progress and sys.stderr.isatty() else None
    bar = _progress_bar(progress, total)
    chunks_done = 0

    def account(chunk: list[Article], entry: Any, killed: BaseException | None) -> None:
        nonlocal chunks_done
        if killed is not None:
            summary.failed += len(chunk)
            if len(summary.failures) < 20:
                summary.failures.append((f"{chunk[0].doc_id} .. {chunk[-1].doc_id} (not written)", _killed(killed)))
        else:
            summary.coded += entry.documents - entry.failed
            summary.failed += entry.failed
            summary.events_written += entry.events
            for failure in entry.failures:
                if len(summary.failures) < 20:
                    summary.failures.append(failure)
        chunks_done += 1
        if bar is not None:
            bar.update(len(chunk))
            bar.set_postfix_str(f"{chunks_done} chunks", refresh=False)

    with contextlib.ExitStack() as stack:
        stack.callback(lambda: bar.close() if bar is not None else None)
        feeder: _Feeder | None = None  # the cluster starts with the first chunk to code
        def items() -> Iterator[Article | Skipped]:  # counted per input, as the store's ingest does
            for source in inputs:
                before = read_summary.articles if read_summary is not None else 0
                for item in read_inputs([source], settings or ReadSettings()):
                    if read_summary is not None:
                        read_summary.add(item)
                    yield item
                if read_summary is not None:
                    read_summary.end_input(source, before)

        for index, chunk in enumerate(_chunks(items(), chunk_size, summary, bar)):
            key = chunk_key(chunk, coder)
            if key in finished:
                summary.unchanged += len(chunk)
                if bar is not None:
                    bar.update(len(chunk))
                continue
            if feeder is None:
                client, label = stack.enter_context(connect(cluster, coding))
                log.info("coding on %s into the lake %s", label, lake.path)
                feeder = _Feeder(client, label, cluster.in_flight)
                stack.callback(feeder.cancel)
            feeder.submit(chunk, code_chunk_to_lake, name, str(lake.path), key, index, chunk)
            while feeder.full():
                account(*feeder.next())
        while feeder is not None and feeder.pending:
            account(*feeder.next())
    summary.seconds = time.perf_counter() - started
    return summary
