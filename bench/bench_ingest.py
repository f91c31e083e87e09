"""Ingest benchmark: ``eventcoder ingest --workers 2`` vs bare spaCy ``nlp.pipe(n_process=2)``.

    .venv/bin/python bench/bench_ingest.py [--n 300] [--workers 2] [--keep /tmp/wikinews.db] [--json]

On the articles of ``../shared/corpora/wikinews_politics.jsonl`` (all 3,973 by default,
``--n`` for the first N records), in one run:

1. the reader pass (untimed for the comparison; its time is reported): the texts as
   ``eventcoder ingest`` sees them;
2. **bare**: ``nlp.pipe(texts, n_process=W, batch_size=B)`` over those texts, with the
   model already loaded in this process (spaCy's worker start-up counted);
3. **ingest**: ``ingest_articles`` over a fresh reader stream into a new SQLite file with
   ``W`` workers: reading, worker start-up (each loads model, knowledge base, lexicon
   and gazetteer), parsing, coding, grounding and the store's transactions, i.e. what
   ``eventcoder ingest CORPUS --workers W`` does.

Overhead = ingest time / bare time - 1 (issue 6 target: at most 15%); the same ratio of
CPU seconds (this process and its children, ``getrusage``) is reported too, being less
sensitive to other jobs on a shared machine (the 1-minute load average before and after
each phase is printed for the same reason).  Peak memory is
sampled every 0.25 s over this process and all its descendants (``/proc``: the sum of
RSS, which counts pages shared by forked children twice, and the sum of PSS, which does
not); ``getrusage`` maxima are reported as well.  The database goes to a temporary
folder, or to ``--keep PATH`` to keep it (for ``docs/analysis.md``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpora" / "wikinews_politics.jsonl"
TARGET = 0.15


# ---------------------------------------------------------------- memory sampling (Linux /proc)
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
        # pid (comm) state ppid ...: comm may hold spaces and parentheses
        fields = stat[stat.rfind(b")") + 2 :].split()
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    return children


def _tree(root: int) -> list[int]:
    children, out, todo = _children_map(), [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, ()))
    return out


def _kb(path: str, key: bytes) -> int:
    try:
        with open(path, "rb") as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _cpu_s() -> float:
    """CPU seconds (user + system) of this process and its reaped children so far."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _load() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


class PhaseMonitor:
    """CPU seconds, load average and peak of the summed RSS and PSS (MB) of this process and its descendants."""

    def __init__(self, interval: float = 0.25) -> None:
        self.interval = interval
        self.enabled = Path("/proc/self/stat").exists()
        self.peak_rss_mb = 0.0
        self.peak_pss_mb = 0.0
        self.peak_processes = 0
        self.cpu_s = 0.0
        self.load = (None, None)  # 1-minute load average before and after
        self._cpu0 = 0.0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def sample(self) -> None:
        pids = _tree(os.getpid())
        rss = sum(_kb(f"/proc/{p}/status", b"VmRSS:") for p in pids) / 1024
        pss = sum(_kb(f"/proc/{p}/smaps_rollup", b"Pss:") for p in pids) / 1024
        self.peak_rss_mb = max(self.peak_rss_mb, rss)
        self.peak_pss_mb = max(self.peak_pss_mb, pss)
        self.peak_processes = max(self.peak_processes, len(pids))

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def __enter__(self) -> PhaseMonitor:
        self._cpu0, self.load = _cpu_s(), (_load(), None)
        if self.enabled:
            self.sample()
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self.cpu_s, self.load = _cpu_s() - self._cpu0, (self.load[0], _load())

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"cpu_s": round(self.cpu_s, 1), "load_before_after": list(self.load)}
        if not self.enabled:
            return out
        return {
            **out,
            "peak_rss_sum_mb": round(self.peak_rss_mb),
            "peak_pss_sum_mb": round(self.peak_pss_mb),
            "peak_processes": self.peak_processes,
        }


# ---------------------------------------------------------------- the two runs
def _read(corpus: Path, n: int | None) -> Iterator[Any]:
    from eventcoder.ingest import ReadSettings, read_inputs

    return islice(read_inputs([str(corpus)], ReadSettings()), n)


def run_bare(nlp: Any, texts: list[str], workers: int, batch_size: int) -> tuple[float, int]:
    started = time.perf_counter()
    tokens = 0
    for doc in nlp.pipe(texts, n_process=workers, batch_size=batch_size):
        tokens += len(doc)
    return time.perf_counter() - started, tokens


def run_ingest(corpus: Path, n: int | None, db: Path, workers: int, chunk_size: int) -> tuple[float, Any]:
    from eventcoder.store import ingest_articles

    started = time.perf_counter()
    summary = ingest_articles(_read(corpus, n), db, workers=workers, progress=False, chunk_size=chunk_size)
    return time.perf_counter() - started, summary


def _remove_db(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--n", type=int, default=None, help="first N records only (default: all)")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=16, help="nlp.pipe batch (default: ingest's chunk size)")
    ap.add_argument("--chunk-size", type=int, default=16, help="ingest chunk size (default: ingest's default)")
    ap.add_argument("--order", choices=["bare-first", "ingest-first"], default="bare-first")
    ap.add_argument("--keep", type=Path, default=None, help="write the database here and keep it")
    ap.add_argument("--force", action="store_true", help="overwrite the --keep database if it exists")
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    args = ap.parse_args()
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus} (needs ../shared)", file=sys.stderr)
        return 1
    if args.keep is not None and args.keep.exists():
        if not args.force:
            print(f"{args.keep} exists; use --force to overwrite it", file=sys.stderr)
            return 1
        _remove_db(args.keep)

    from eventcoder.model import Article
    from eventcoder.nlp import load_nlp, model_version

    t0 = time.perf_counter()
    items = list(_read(args.corpus, args.n))
    read_s = time.perf_counter() - t0
    texts = [it.text for it in items if isinstance(it, Article)]
    words = sum(len(t.split()) for t in texts)
    chars = sum(len(t) for t in texts)
    print(f"read {len(items)} records, {len(texts)} articles, {words} words in {read_s:.1f}s", file=sys.stderr)

    t0 = time.perf_counter()
    nlp = load_nlp()
    nlp_load_s = time.perf_counter() - t0

    tmp = tempfile.TemporaryDirectory(prefix="bench_ingest_")
    db = args.keep or Path(tmp.name) / "wikinews.db"
    bare_mem, ingest_mem = PhaseMonitor(), PhaseMonitor()
    bare_s = ingest_s = 0.0
    tokens, summary = 0, None

    def do_bare() -> None:
        nonlocal bare_s, tokens
        with bare_mem:
            bare_s, tokens = run_bare(nlp, texts, args.workers, args.batch_size)
        print(f"bare nlp.pipe: {bare_s:.1f}s", file=sys.stderr)

    def do_ingest() -> None:
        nonlocal ingest_s, summary
        with ingest_mem:
            ingest_s, summary = run_ingest(args.corpus, args.n, db, args.workers, args.chunk_size)
        print(f"ingest: {ingest_s:.1f}s; {summary.line()}", file=sys.stderr)

    for step in (do_bare, do_ingest) if args.order == "bare-first" else (do_ingest, do_bare):
        step()

    from eventcoder.store import Store

    with Store(db, readonly=True) as store:
        stats = store.stats()
    db_mb = sum(Path(f"{db}{s}").stat().st_size for s in ("", "-wal") if Path(f"{db}{s}").exists()) / 1e6
    tmp.cleanup()

    n_articles = len(texts)
    overhead = ingest_s / bare_s - 1
    result = {
        "corpus": args.corpus.name,
        "records": len(items),
        "articles": n_articles,
        "words": words,
        "chars": chars,
        "spacy_tokens": tokens,
        "model": model_version(nlp),
        "workers": args.workers,
        "batch_size": args.batch_size,
        "chunk_size": args.chunk_size,
        "order": args.order,
        "cpus": os.cpu_count(),
        "read_s": round(read_s, 2),
        "nlp_load_s": round(nlp_load_s, 2),
        "bare_s": round(bare_s, 2),
        "ingest_s": round(ingest_s, 2),
        "bare_articles_per_s": round(n_articles / bare_s, 1),
        "ingest_articles_per_s": round(n_articles / ingest_s, 1),
        "bare_words_per_s": round(words / bare_s),
        "ingest_words_per_s": round(words / ingest_s),
        "overhead": round(overhead, 3),
        # CPU seconds of all processes: less sensitive than wall time to other jobs on the machine
        "cpu_overhead": round(ingest_mem.cpu_s / bare_mem.cpu_s - 1, 3) if bare_mem.cpu_s else None,
        "target_overhead": TARGET,
        "meets_target": overhead <= TARGET,
        "events_written": summary.events_written,
        "documents_coded": summary.coded,
        "documents_failed": summary.failed,
        "skipped": dict(summary.skipped),
        "store": stats,
        "db_mb": round(db_mb, 1),
        "db_path": str(args.keep) if args.keep else None,
        "memory_bare": bare_mem.as_dict(),
        "memory_ingest": ingest_mem.as_dict(),
        # getrusage: the largest single process (KB on Linux), not a sum
        "maxrss_self_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "maxrss_largest_child_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024),
    }
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:26} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
