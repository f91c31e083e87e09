"""Scale benchmark: serial, process pool and Dask (1 and 2 workers) over the same articles.

    .venv/bin/python bench/bench_scale.py [--n 1000] [--configs serial,pool-1,pool-2,dask-1,dask-2] [--json]

On the first N records of ``../shared/corpora/wikinews_politics.jsonl`` (1,000 by
default), each configuration ingests into a new SQLite file, end to end as the command
does: reading, starting the workers (each loads the model, knowledge base, lexicon and
gazetteer), coding, the store's transactions, shutting the workers down.

* ``serial``: ``eventcoder ingest`` (one process);
* ``pool-N``: the store's process pool (``ingest --workers N``); for N = 1, which the
  command runs serially, the same spawn pool (initializer, ``2N`` chunks in flight) is
  driven through ``ingest_articles(runner=...)``;
* ``dask-N``: ``ingest --engine dask --workers N`` (a LocalCluster of N processes, one
  thread each);
* ``lake-N`` (optional): ``ingest --engine dask --workers N --lake DIR``.

Each configuration runs in a fresh Python process (imports included, as for the
command).  Reported per configuration: wall seconds and articles/s; CPU seconds of every
process (``getrusage`` of that process and its reaped descendants: the workers are shut
down, hence reaped, before it is read); peak RSS of the largest worker process and of the
driver, and the peak sum over the process tree (sampled from ``/proc`` every 0.25 s);
the 1-minute load average before and after (the machine is shared).  Dask's overhead =
dask-N / pool-N - 1, on wall time and on CPU seconds (medians when a configuration is
listed more than once: alternate them, e.g. ``pool-2,dask-2,pool-2,dask-2``, on a busy
machine).  Every run's database is checked
against the serial one (same documents and mentions).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from itertools import islice
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpora" / "wikinews_politics.jsonl"
TARGET = 0.10


# ---------------------------------------------------------------- measuring
def _children_map() -> dict[int, list[int]]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def _descendants(root: int) -> list[int]:
    children, out, todo = _children_map(), [], list(_children_map().get(root, ()))
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, ()))
    return out


def _rss_mb(pid: int) -> float:
    try:
        with open(f"/proc/{pid}/status", "rb") as fh:
            for line in fh:
                if line.startswith(b"VmRSS:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0.0


def _cpu_s() -> float:
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


class Monitor:
    """CPU seconds, and peak RSS of the driver, of each descendant and of the whole tree."""

    def __init__(self, interval: float = 0.25) -> None:
        self.interval = interval
        self.per_pid: dict[int, float] = {}
        self.driver_mb = self.tree_mb = 0.0
        self.cpu_s = 0.0
        self.load: list[float | None] = [None, None]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> None:
        me = os.getpid()
        driver = _rss_mb(me)
        self.driver_mb = max(self.driver_mb, driver)
        total = driver
        for pid in _descendants(me):
            rss = _rss_mb(pid)
            self.per_pid[pid] = max(self.per_pid.get(pid, 0.0), rss)
            total += rss
        self.tree_mb = max(self.tree_mb, total)

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def __enter__(self) -> Monitor:
        self.load[0] = round(os.getloadavg()[0], 2)
        self._cpu0 = _cpu_s()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.cpu_s = _cpu_s() - self._cpu0
        self.load[1] = round(os.getloadavg()[0], 2)

    def workers(self, min_mb: float = 200.0) -> list[float]:
        """Peak RSS of the processes that loaded the model (nannies and helpers are small)."""
        return sorted((mb for mb in self.per_pid.values() if mb >= min_mb), reverse=True)


# ---------------------------------------------------------------- the configurations
def _read(corpus: Path, n: int) -> Any:
    from eventcoder.ingest import ReadSettings, read_inputs

    return islice(read_inputs([str(corpus)], ReadSettings()), n)


def _pool_runner(workers: int) -> Any:
    """The store's process pool (store/batch.py ``_run_pool``), as a runner: any worker count."""
    import multiprocessing

    from eventcoder.store.batch import _code_chunk_in_worker, _init_worker

    def run(chunks: Any, write: Any) -> None:
        ctx = multiprocessing.get_context("spawn")
        with ctx.Pool(workers, initializer=_init_worker) as pool:
            pending: deque[Any] = deque()
            for chunk in chunks:
                pending.append(pool.apply_async(_code_chunk_in_worker, (chunk,)))
                while len(pending) >= 2 * workers:
                    write(pending.popleft().get())
            while pending:
                write(pending.popleft().get())

    return run


def _fingerprint() -> Any:
    """What the pool's workers code with (a runner must say it; the store records it):
    the same resources the workers load, fingerprinted in the driver."""
    from eventcoder.pipeline import load_resources
    from eventcoder.provenance import fingerprint_of

    return fingerprint_of(load_resources())


def run_config(name: str, corpus: Path, n: int, folder: Path, chunk_size: int, run: int) -> dict[str, Any]:
    from eventcoder.store import ingest_articles

    kind, _, count = name.partition("-")
    workers = int(count or 1)
    db = folder / f"{run}-{name}.db"
    lake = folder / f"{run}-{name}.lake"
    with Monitor() as mon:
        started = time.perf_counter()
        if kind == "serial":
            summary = ingest_articles(_read(corpus, n), db, chunk_size=chunk_size)
        elif kind == "pool" and workers > 1:
            summary = ingest_articles(_read(corpus, n), db, workers=workers, chunk_size=chunk_size)
        elif kind == "pool":
            summary = ingest_articles(
                _read(corpus, n), db, runner=_pool_runner(workers), chunk_size=chunk_size, fingerprint=_fingerprint()
            )
        elif kind in ("dask", "lake"):
            from eventcoder.distributed import DaskSettings, ingest_dask, ingest_lake

            sliced = folder / f"first{n}.jsonl"
            if kind == "dask":
                summary = ingest_dask([str(sliced)], db, cluster=DaskSettings(workers=workers), progress=False,
                                      chunk_size=chunk_size)
            else:
                summary = ingest_lake([str(sliced)], lake, cluster=DaskSettings(workers=workers), progress=False)
        else:
            raise SystemExit(f"unknown configuration {name!r}")
        wall = time.perf_counter() - started
    workers_mb = mon.workers()
    coded = summary.coded + summary.recoded + summary.failed
    extra: dict[str, Any] = {}
    if kind == "lake":  # the lake's shape, and the store's write path alone: lake load
        from eventcoder.lake import Lake, load_lake

        entries = Lake(lake).entries()
        files = [p for p in lake.rglob("*") if p.is_file() and p.name != "_lake.json"]
        started = time.perf_counter()
        loaded = load_lake(lake, db, progress=False)
        load_s = time.perf_counter() - started
        extra = {
            "lake_chunks": len(entries),
            "lake_files": len(files),
            "lake_files_per_chunk": round(len(files) / len(entries), 1) if entries else None,
            "lake_mb": round(sum(p.stat().st_size for p in files) / 1e6, 1),
            "lake_load_s": round(load_s, 2),
            "lake_load_articles_per_s": round(loaded.articles / load_s, 1),
        }
    return {
        "config": name,
        "workers": workers,
        "wall_s": round(wall, 1),
        "articles": coded,
        "articles_per_s": round(coded / wall, 2),
        "cpu_s": round(mon.cpu_s, 1),
        "cpu_s_per_article": round(mon.cpu_s / coded, 4) if coded else None,
        "peak_rss_largest_worker_mb": round(workers_mb[0]) if workers_mb else None,
        "peak_rss_workers_mb": [round(mb) for mb in workers_mb],
        "peak_rss_driver_mb": round(mon.driver_mb),
        "peak_rss_tree_mb": round(mon.tree_mb),
        "load_before_after": mon.load,
        "events": summary.events_written,
        "failed": summary.failed,
        **extra,
        "db": str(db),
    }


def _signature(db: Path) -> tuple[Any, ...]:
    conn = sqlite3.connect(db)
    try:
        return (
            conn.execute("SELECT doc_id, content_hash, status, n_events FROM documents ORDER BY doc_id").fetchall(),
            conn.execute("SELECT event_id, doc_id, ordinal, cameo, source_code, target_code, date FROM mentions "
                         "ORDER BY id").fetchall(),
        )
    finally:
        conn.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--n", type=int, default=1000, help="first N records (default 1000)")
    ap.add_argument("--configs", default="serial,pool-1,pool-2,dask-1,dask-2")
    ap.add_argument("--chunk-size", type=int, default=16)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--one", metavar="CONFIG", help=argparse.SUPPRESS)  # internal: run one configuration here
    ap.add_argument("--folder", type=Path, help=argparse.SUPPRESS)
    ap.add_argument("--run", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        result = run_config(args.one, args.folder / f"first{args.n}.jsonl", args.n, args.folder, args.chunk_size, args.run)
        print(json.dumps(result))
        return 0
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus} (needs ../shared)", file=sys.stderr)
        return 1
    tmp = tempfile.TemporaryDirectory(prefix="bench_scale_")
    folder = Path(tmp.name)
    with args.corpus.open(encoding="utf-8") as src, (folder / f"first{args.n}.jsonl").open("w", encoding="utf-8") as out:
        for _, line in zip(range(args.n), src, strict=False):
            out.write(line)
    started = time.perf_counter()
    read = sum(1 for _ in _read(folder / f"first{args.n}.jsonl", args.n))  # the driver's reading, alone
    read_s = time.perf_counter() - started
    results = []
    for run, name in enumerate(c.strip() for c in args.configs.split(",") if c.strip()):
        # each configuration in a fresh process: its CPU seconds and memory are its own
        proc = subprocess.run(
            [sys.executable, __file__, "--one", name, "--n", str(args.n), "--folder", str(folder),
             "--run", str(run), "--chunk-size", str(args.chunk_size)],
            capture_output=True, text=True, check=False,
        )
        if proc.returncode != 0:
            print(proc.stderr[-3000:], file=sys.stderr)
            return 1
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        results.append(result)
        print(f"{name}: {result['wall_s']} s, {result['articles_per_s']} articles/s, {result['cpu_s']} CPU s, "
              f"largest worker {result['peak_rss_largest_worker_mb']} MB, load {result['load_before_after']}",
              file=sys.stderr)
    by_name: dict[str, list[dict[str, Any]]] = {}
    for r in results:
        by_name.setdefault(r["config"], []).append(r)
    reference = _signature(Path(by_name["serial"][0]["db"])) if "serial" in by_name else None
    for r in results:
        if reference is not None and r["db"] is not None:
            r["same_database_as_serial"] = _signature(Path(r["db"])) == reference
        r.pop("db")
    overhead = {}
    for n in (1, 2):
        pool, dask = by_name.get(f"pool-{n}"), by_name.get(f"dask-{n}")
        if pool and dask:  # medians when a configuration ran more than once (--configs pool-2,dask-2,pool-2,...)
            wall = statistics.median(r["wall_s"] for r in dask) / statistics.median(r["wall_s"] for r in pool) - 1
            cpu = statistics.median(r["cpu_s"] for r in dask) / statistics.median(r["cpu_s"] for r in pool) - 1
            overhead[f"dask-{n}_vs_pool-{n}"] = {
                "runs": [len(pool), len(dask)],
                "wall": round(wall, 3),
                "cpu": round(cpu, 3),
                "meets_target_wall": wall <= TARGET,
                "meets_target_cpu": cpu <= TARGET,
            }
    report = {"corpus": args.corpus.name, "records": args.n, "cpus": os.cpu_count(), "chunk_size": args.chunk_size,
              "read_s": round(read_s, 2), "read_records_per_s": round(read / read_s, 1),
              "results": results, "dask_overhead": overhead, "target": TARGET}
    tmp.cleanup()
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        cols = ("config", "wall_s", "articles_per_s", "cpu_s", "cpu_s_per_article", "peak_rss_largest_worker_mb",
                "peak_rss_driver_mb", "peak_rss_tree_mb", "load_before_after", "same_database_as_serial")
        print(" | ".join(cols))
        for r in results:
            print(" | ".join(str(r.get(c, "")) for c in cols))
        for key, value in overhead.items():
            print(f"{key}: wall {value['wall']:+.1%}, CPU {value['cpu']:+.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
