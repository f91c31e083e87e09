"""Batch ingest: read inputs, code what is new or changed, write it to the store.

* Idempotent: a document whose id and content hash (text, publication date, dateline)
  are already stored is not coded again; a changed one is re-coded and its old events
  replaced.
* Resumable: every chunk of documents is written in one transaction, so a run killed at
  any moment (``kill -9`` included) leaves whole documents only; a rerun skips them.
* Per-document failures are stored (``status = 'failed'`` with the reason) and do not
  stop the run; a rerun does not retry them unless ``retry_failed=True`` (or their
  text changes).
* ``workers > 1``: a process pool, the model loaded once per worker (in its
  initializer); at most ``2 * workers`` chunks are in flight, so memory stays bounded
  whatever the corpus size.  Chunks are written in input order, so the database is the
  same whatever the number of workers.
* Provenance: every document is stored with the fingerprint of the resources that coded
  it (:mod:`eventcoder.provenance`); ``recode=True`` re-codes the documents coded with
  another fingerprint (and only those), from their stored text when no input is given,
  each in the same transaction as its new events.
* A text longer than the parser accepts is a counted ``too_large`` skip, not a failure.
* ``runner``: any other engine (``eventcoder.distributed`` runs the chunks on Dask, the
  lake loader reads them back from Parquet) takes the chunks that need coding and hands
  back their results, chunk by chunk in input order; this module still decides what to
  code and writes it.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Article, Event, Skipped
from ..provenance import Fingerprint
from .db import Store, StoredDocument, content_hash

__all__ = ["ChunkRunner", "ChunkResult", "IngestSummary", "ingest", "ingest_articles", "recode"]

log = logging.getLogger(__name__)

_Result = tuple[tuple[Event, ...], str | None]  # events, error

#: One article's outcome: its events, or ``((), reason)`` when coding it failed.
ChunkResult = _Result

#: An engine for :func:`ingest_articles`: ``runner(chunks, write)`` codes each chunk (a
#: list of Articles) somewhere and calls ``write(results)`` once per chunk, with one
#: :data:`ChunkResult` per article, in the order the chunks came.  It may read ahead (to
#: keep workers busy) but should bound how far, so memory stays flat.
ChunkRunner = Callable[[Iterator[list[Article]], Callable[[list[_Result]], None]], None]


@dataclass(slots=True)
class IngestSummary:
    """What an ingest did.  ``articles`` counts what the readers produced."""

    articles: int = 0
    skipped: Counter[str] = field(default_factory=Counter)  # readers' skips by reason
    unchanged: int = 0
    coded: int = 0
    recoded: int = 0
    failed: int = 0
    undated: int = 0  # articles without a publication date (events dated only by the text)
    stale: int = 0  # unchanged documents coded with another fingerprint (``recode`` redoes them)
    fingerprint: str = ""
    events_written: int = 0
    events_removed: int = 0
    seconds: float = 0.0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (doc_id, reason), first 20

    def line(self) -> str:
        """The one-line summary the CLI prints to stderr."""
        parts = [
            f"{self.articles} articles",
            f"{self.coded} new",
            f"{self.recoded} re-coded",
            f"{self.unchanged} unchanged",
            f"{self.events_written} events written",
        ]
        if self.events_removed:
            parts.append(f"{self.events_removed} replaced")
        parts.append(f"{self.failed} errors")
        if self.undated:
            parts.append(f"{self.undated} undated")
        if self.stale:
            parts.append(f"{self.stale} coded by another version (--recode re-codes them)")
        if self.skipped:
            parts.append("skipped: " + ", ".join(f"{n} {r}" for r, n in sorted(self.skipped.items())))
        rate = (self.coded + self.recoded + self.failed) / self.seconds if self.seconds else 0.0
        parts.append(f"{self.seconds:.1f}s ({rate:.1f} articles/s coded)")
        return "; ".join(parts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "skipped": dict(self.skipped),
            "unchanged": self.unchanged,
            "coded": self.coded,
            "recoded": self.recoded,
            "failed": self.failed,
            "events_written": self.events_written,
            "events_removed": self.events_removed,
            "undated": self.undated,
            "stale": self.stale,
            "fingerprint": self.fingerprint,
            "seconds": round(self.seconds, 3),
        }


# ---------------------------------------------------------------- coding (any process)
def _code_chunk(articles: Sequence[Article], resources: Any) -> list[_Result]:
    """Code a chunk; if the batch fails, code its articles one by one to isolate the culprit."""
    from ..pipeline import code_article, code_batch

    try:
        return [(c.events, None) for c in code_batch(articles, resources, batch_size=max(1, len(articles)))]
    except Exception:  # noqa: BLE001 -- a batch run carries on past errors in single documents
        log.debug("chunk failed; coding its %d articles one by one", len(articles), exc_info=True)
    return _code_each(articles, lambda article: code_article(article, resources).events)


def _code_each(articles: Sequence[Article], code: Callable[[Article], Sequence[Event]]) -> list[_Result]:
    results: list[_Result] = []
    for article in articles:
        try:
            results.append((tuple(code(article)), None))
        except Exception as err:  # noqa: BLE001 -- recorded as the document's failure
            results.append(((), f"{type(err).__name__}: {err}"[:2000]))
    return results


_WORKER_RESOURCES: Any = None


def _init_worker(coding: Any = None) -> None:
    global _WORKER_RESOURCES
    from ..pipeline import load_resources

    _WORKER_RESOURCES = load_resources(settings=coding)


def _code_chunk_in_worker(articles: Sequence[Article]) -> list[_Result]:
    return _code_chunk(articles, _WORKER_RESOURCES)


def _worker_identity() -> tuple[dict[str, str], int]:
    """The fingerprint components and parser limit of this worker's resources."""
    from ..pipeline import parser_limit
    from ..provenance import fingerprint_of

    return fingerprint_of(_WORKER_RESOURCES).components, parser_limit(_WORKER_RESOURCES)


# ---------------------------------------------------------------- driver
def _estimate_total(inputs: Sequence[str]) -> int | None:
    """A cheap guess of the number of articles, for the progress bar's ETA."""
    total = 0
    for name in inputs:
        path = Path(name)
        if name == "-" or not path.exists():
            return None
        if path.is_dir():
            total += sum(1 for p in path.rglob("*") if p.is_file())
        elif path.suffix.lower() in (".jsonl", ".ndjson", ".csv", ".tsv"):
            with path.open("rb") as fh:
                lines = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
            total += lines - (1 if path.suffix.lower() in (".csv", ".tsv") else 0)
        else:
            total += 1
    return total


def _progress_bar(enabled: bool, total: int | None) -> Any:
    if not (enabled and sys.stderr.isatty()):
        return None
    try:
        from tqdm import tqdm
    except ImportError:
        return None
    return tqdm(total=total, unit="art", file=sys.stderr, dynamic_ncols=True, smoothing=0.1, desc="ingest")


def ingest(
    inputs: Sequence[str],
    db_path: str | Path,
    *,
    workers: int = 1,
    settings: Any = None,
    progress: bool = True,
    resources: Any = None,
    chunk_size: int = 16,
    retry_failed: bool = False,
    recode: bool = False,
    read_summary: Any = None,
    coding: Any = None,
    runner: ChunkRunner | None = None,
    fingerprint: Fingerprint | None = None,
) -> IngestSummary:
    """Read ``inputs`` (paths, directories, corpora or ``-``) and store their events in ``db_path``.

    ``recode=True``: documents stored with another fingerprint are re-coded too (with no
    ``inputs``: every such stored document, from its stored text).  ``read_summary``: an
    :class:`eventcoder.ingest.ReadSummary` that counts what the readers gave per input
    (the CLI's exit status).  ``coding``: the coder's ``CodingSettings`` (e.g.
    ``statements=True``), used when this function loads the resources itself (in this
    process or in each worker); they are part of the fingerprint.  ``runner`` and
    ``fingerprint``: another engine and what codes on it (see :func:`ingest_articles`).
    """
    from ..ingest import ReadSettings, read_inputs

    if not inputs:
        if not recode:
            from ..errors import ConfigError

            raise ConfigError("nothing to ingest: give INPUT files, or --recode to re-code the stored documents")
        return ingest_articles((), db_path, workers=workers, progress=progress, resources=resources,
                               chunk_size=chunk_size, retry_failed=retry_failed, recode=True, stored=True,
                               coding=coding, runner=runner, fingerprint=fingerprint)

    def items() -> Iterator[Article | Skipped]:
        for name in inputs:
            before = read_summary.articles if read_summary is not None else 0
            for item in read_inputs([name], settings or ReadSettings()):
                if read_summary is not None:
                    read_summary.add(item)
                yield item
            if read_summary is not None:
                read_summary.end_input(name, before)

    total = _estimate_total(list(inputs)) if progress and sys.stderr.isatty() else None
    return ingest_articles(
        items(),
        db_path,
        workers=workers,
        progress=progress,
        resources=resources,
        chunk_size=chunk_size,
        retry_failed=retry_failed,
        total=total,
        inputs=list(inputs),
        recode=recode,
        coding=coding,
        runner=runner,
        fingerprint=fingerprint,
    )


def recode(
    db_path: str | Path,
    *,
    workers: int = 1,
    progress: bool = False,
    resources: Any = None,
    chunk_size: int = 16,
    coder: Callable[[Article], Sequence[Event]] | None = None,
    fingerprint: Fingerprint | None = None,
    coding: Any = None,
) -> IngestSummary:
    """Re-code the stored documents whose fingerprint differs from the current one (and
    only those), from their stored text; each document is replaced in one transaction, so
    a run killed at any point and rerun gives the database of an uninterrupted run."""
    return ingest_articles((), db_path, workers=workers, progress=progress, resources=resources,
                           chunk_size=chunk_size, recode=True, stored=True, coder=coder, fingerprint=fingerprint,
                           coding=coding)


def ingest_articles(
    items: Iterable[Article | Skipped],
    db_path: str | Path,
    *,
    workers: int = 1,
    progress: bool = False,
    resources: Any = None,
    chunk_size: int = 16,
    retry_failed: bool = False,
    total: int | None = None,
    inputs: Sequence[str] = (),
    coder: Callable[[Article], Sequence[Event]] | None = None,
    fingerprint: Fingerprint | None = None,
    recode: bool = False,
    stored: bool = False,
    coding: Any = None,
    runner: ChunkRunner | None = None,
) -> IngestSummary:
    """Store the events of a stream of Articles (``Skipped`` items are counted).

    ``coder``: a function that codes one article, used instead of the pipeline (tests,
    other coders); it runs in this process, so ``workers`` must be 1.  ``fingerprint``:
    what to record as having coded the documents (default: the fingerprint of the
    resources, or of the custom coder's name).  ``recode``: re-code stored documents
    whose fingerprint differs; ``stored``: code the stored documents (from their text)
    instead of ``items``.  ``coding``: the ``CodingSettings`` for resources loaded here or
    in the workers (``resources``, when given, carry their own).  ``runner``: an engine
    that codes the chunks elsewhere (see :data:`ChunkRunner`), with ``fingerprint`` saying
    what codes there; ``workers`` is then only recorded.
    """
    from ..errors import ConfigError
    from ..pipeline import PARSER_LIMIT, parser_limit
    from ..provenance import fingerprint_of

    if workers < 1:
        raise ConfigError(f"workers={workers} must be at least 1")
    if coder is not None and workers != 1:
        raise ConfigError("a custom coder runs in this process; use workers=1 with it")
    if runner is not None and (coder is not None or fingerprint is None):
        raise ConfigError("a runner needs the fingerprint of what codes on it, and no custom coder")
    if chunk_size < 1:
        raise ConfigError(f"chunk_size={chunk_size} must be at least 1")
    summary = IngestSummary()
    started = time.perf_counter()
    bar = _progress_bar(progress, total)
    seen: dict[str, str] = {}  # doc_id -> hash of what this run already handled
    pool: Any = None
    limit = PARSER_LIMIT
    if coder is not None:
        fp = fingerprint or Fingerprint(components={"coder": f"custom:{coder.__module__}.{coder.__qualname__}"})
    elif runner is not None:
        fp = fingerprint  # type: ignore[assignment]
    elif workers == 1:
        if resources is None:
            from ..pipeline import load_resources

            resources = load_resources(settings=coding)
        fp = fingerprint or fingerprint_of(resources)
        limit = parser_limit(resources)
    else:
        pool = _start_pool(workers, coding)
        try:  # the workers' own resources say what codes the documents
            components, limit = pool.apply(_worker_identity)
        except BaseException:
            pool.terminate()
            raise
        fp = fingerprint or Fingerprint(components=components)
    summary.fingerprint = fp.digest
    try:
        return _ingest_into(db_path, items, summary, fp, limit, pool, bar, started, seen, workers=workers,
                            coder=coder, resources=resources, chunk_size=chunk_size, retry_failed=retry_failed,
                            inputs=inputs, recode=recode, stored=stored, coding=coding, runner=runner)
    finally:
        if pool is not None:
            pool.terminate()
            pool.join()


def _ingest_into(db_path: Any, items: Any, summary: IngestSummary, fp: Fingerprint, limit: int, pool: Any, bar: Any,
                 started: float, seen: dict[str, str], *, workers: int, coder: Any, resources: Any, chunk_size: int,
                 retry_failed: bool, inputs: Sequence[str], recode: bool, stored: bool,
                 coding: Any = None, runner: ChunkRunner | None = None) -> IngestSummary:
    from ..pipeline import too_long

    with Store(db_path) as store:
        store.record_fingerprint(fp.digest, fp.components)
        run_id = store.start_run("recode" if stored else "ingest", fp.digest,
                                 {"inputs": list(inputs), "workers": workers, "recode": recode})
        store.set_meta("last_ingest", {
            "started": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "coder": fp.coder,
            "fingerprint": fp.digest,
            "inputs": list(inputs),
            "workers": workers,
            "recode": recode,
            "coding": _settings_dict(getattr(resources, "settings", None) if resources is not None else coding),
            "finished": None,
        })
        if stored:
            ids = store.stale_documents(fp.digest)
            items = (a for a in (store.stored_article(i) for i in ids) if a is not None)
            if bar is not None:
                bar.total = len(ids)

        def todo_chunks() -> Iterator[list[tuple[Article, str, bool]]]:
            """Chunks of (article, hash, is_recode) that need coding; counts the rest."""
            group: list[Article] = []

            def triage(batch: list[Article]) -> list[tuple[Article, str, bool]]:
                known = store.known_with_fingerprint(a.doc_id for a in batch)
                out = []
                for article in batch:
                    digest = content_hash(article)
                    if article.doc_id in seen:  # a second copy within this run
                        previous, status, used = seen[article.doc_id], "coded", fp.digest
                    else:
                        previous, status, used = known.get(article.doc_id, ("", "", None))
                    same = previous == digest and (status == "coded" or not retry_failed)
                    if same and used != fp.digest and recode:
                        same = False  # coded by another coder, model or data: code it again
                    if same:
                        summary.unchanged += 1
                        if used != fp.digest:
                            summary.stale += 1
                        if bar is not None:
                            bar.update(1)
                        continue
                    seen[article.doc_id] = digest
                    out.append((article, digest, bool(previous)))
                return out

            for item in items:
                if isinstance(item, Skipped):
                    summary.skipped[item.reason.value] += 1
                    log.info("skipped %s: %s %s", item.source, item.reason.value, item.detail)
                    if bar is not None:
                        bar.update(1)
                    continue
                too = too_long(item, limit)
                if too is not None:
                    summary.skipped[too.reason.value] += 1
                    log.warning("skipped %s: %s %s", too.source, too.reason.value, too.detail)
                    if bar is not None:
                        bar.update(1)
                    continue
                summary.articles += 1
                if not item.published:
                    summary.undated += 1
                group.append(item)
                if len(group) >= chunk_size:
                    todo = triage(group)
                    group = []
                    if todo:
                        yield todo
            if group:
                todo = triage(group)
                if todo:
                    yield todo

        def write(chunk: list[tuple[Article, str, bool]], results: list[_Result]) -> None:
            docs = []
            for (article, digest, recode), (events, error) in zip(chunk, results, strict=True):
                docs.append(StoredDocument(article=article, content_hash=digest, events=events, error=error,
                                           coder=fp.coder, fingerprint=fp.digest))
                if error is not None:
                    summary.failed += 1
                    if len(summary.failures) < 20:
                        summary.failures.append((article.doc_id, error))
                    log.warning("document %s failed: %s", article.doc_id, error)
                elif recode:
                    summary.recoded += 1
                else:
                    summary.coded += 1
            result = store.write_batch(docs)
            summary.events_written += result.events_added
            summary.events_removed += result.events_removed
            if bar is not None:
                bar.update(len(chunk))

        try:
            if runner is not None:
                _run_with(runner, todo_chunks(), write)
            elif coder is not None:
                for chunk in todo_chunks():
                    write(chunk, _code_each([a for a, _, _ in chunk], coder))
            elif workers == 1:
                for chunk in todo_chunks():
                    write(chunk, _code_chunk([a for a, _, _ in chunk], resources))
            else:
                _run_pool(todo_chunks(), write, workers, pool)
        finally:
            if bar is not None:
                bar.close()
        summary.seconds = time.perf_counter() - started
        meta = store.meta().get("last_ingest", {})
        meta.update(finished=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), summary=summary.as_dict())
        store.set_meta("last_ingest", meta)
        store.finish_run(run_id, summary.as_dict())
    return summary


def _run_with(runner: ChunkRunner, chunks: Iterator[list[tuple[Article, str, bool]]], write: Any) -> None:
    """Hand the chunks' articles to ``runner``; pair its in-order results with the chunks."""
    pending: deque[list[tuple[Article, str, bool]]] = deque()

    def articles() -> Iterator[list[Article]]:
        for chunk in chunks:
            pending.append(chunk)
            yield [a for a, _, _ in chunk]

    def write_next(results: list[_Result]) -> None:
        if not pending:
            raise RuntimeError("the runner wrote more chunks than it was given")
        write(pending.popleft(), results)

    runner(articles(), write_next)
    if pending:
        raise RuntimeError(f"the runner returned without the results of {len(pending)} chunk(s)")


def _settings_dict(coding: Any) -> dict[str, Any] | None:
    from ..model import to_dict

    return None if coding is None else to_dict(coding)


def _start_pool(workers: int, coding: Any = None) -> Any:
    import multiprocessing

    # spawn: workers start clean (no copied threads or open database handles) and load
    # the model themselves, once, in the initializer
    ctx = multiprocessing.get_context("spawn")
    return ctx.Pool(workers, initializer=_init_worker, initargs=(coding,))


def _run_pool(chunks: Iterator[list[tuple[Article, str, bool]]], write: Any, workers: int, pool: Any) -> None:
    pending: deque[tuple[list[tuple[Article, str, bool]], Any]] = deque()
    for chunk in chunks:
        pending.append((chunk, pool.apply_async(_code_chunk_in_worker, ([a for a, _, _ in chunk],))))
        while len(pending) >= 2 * workers:
            done, job = pending.popleft()
            write(done, job.get())
    while pending:
        done, job = pending.popleft()
        write(done, job.get())
