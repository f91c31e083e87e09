"""The event lake: coded chunks as Parquet files, partitioned by event month.

``eventcoder ingest INPUT --engine dask --lake DIR`` has every Dask worker write the
chunks it codes straight into ``DIR`` (no single writer); DuckDB, pandas/pyarrow, Dask
and Spark read it as a hive-partitioned dataset, and ``eventcoder lake load DIR --db
FILE`` (:func:`load_lake`) fills the SQLite store from it.  Layout::

    DIR/_lake.json                                   format, chunk size and coder of the lake
    DIR/year=2022/month=09/part-<key>.parquet        the chunk's events dated 2022-09[-DD]
    DIR/year=2022/month=00/part-<key>.parquet        ... dated to the year only
    DIR/year=0000/month=00/part-<key>.parquet        ... without a date
    DIR/_documents/part-<key>.parquet                the chunk's documents (status, error, text ...)
    DIR/_manifest/<key>.json                         one entry per finished chunk

* **Events** have the columns of ``eventcoder export --format parquet``
  (:func:`eventcoder.export.parquet_schema`, so fields added there flow here) plus
  ``ordinal``, the event's position in its chunk (the article's URL, title and publisher
  fill the export's article columns); ``year`` and ``month`` come from the
  folder names (readers add them as integer columns).  "No month" is ``00`` and "no
  date" ``0000``, not Hive's null marker: pandas cannot read null partitions yet
  (pyarrow: "Cannot yet unify dictionaries with nulls").
* **Idempotent.** ``<key>`` is a hash of the chunk's content: the coder version and the
  (doc_id, content hash) of its articles, cut from the input in chunks of the lake's
  chunk size.  A rerun skips the chunks that have a manifest entry; a chunk coded twice
  (a worker presumed dead that was not) writes the same bytes under the same names.
* **No partial chunk.** A worker writes every file of a chunk under a hidden temporary
  name (``.part-...tmp``, which the readers above skip), then renames them into place,
  the manifest entry last: a chunk is in the lake when its entry is.  Only a worker
  killed in the instant between its renames can leave data files without an entry; a
  rerun writes them again with the same content, and :func:`load_lake` reads only what
  the manifest lists.  As in the store (``synchronous=NORMAL``), files are not fsynced:
  a crashed *process* never leaves a damaged chunk, a power cut may (a rerun after
  removing its manifest entry rewrites it; :meth:`Lake.read_chunk` detects it).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import uuid
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import ConfigError, StoreError
from .model import Article, Event, article_from_dict, event_from_dict, to_dict

__all__ = [
    "LAKE_FORMAT",
    "NO_YEAR",
    "NO_MONTH",
    "ChunkEntry",
    "Lake",
    "chunk_key",
    "events_schema",
    "documents_schema",
    "load_lake",
]

log = logging.getLogger(__name__)

LAKE_FORMAT = "eventcoder.lake.v1"
NO_YEAR, NO_MONTH = "0000", "00"  # partition values of events without a date / a month
_INFO = "_lake.json"
_MANIFEST = "_manifest"
_DOCUMENTS = "_documents"

_Result = tuple[tuple[Event, ...], str | None]  # eventcoder.store.ChunkResult


# ------------------------------------------------------------------ schemas
def _pyarrow() -> Any:
    from .export import _require_pyarrow

    return _require_pyarrow()


def events_schema() -> Any:
    """The Arrow schema of the lake's event files: the export schema plus ``ordinal``."""
    pa = _pyarrow()
    from .export import parquet_schema

    base = parquet_schema()
    metadata = {**(base.metadata or {}), b"eventcoder.lake": LAKE_FORMAT.encode()}
    return base.append(pa.field("ordinal", pa.int32())).with_metadata(metadata)


# Article field types (as annotated in model.py) -> Arrow types; a new Article field of
# another type fails here (and in the tests) until it gets a column type.
_ARTICLE_TYPES = {
    "str": "string",
    "str | None": "string",
    "tuple[str, ...]": "list<string>",
    "int": "int64",
    "int | None": "int64",
    "bool": "bool",
}


def documents_schema() -> Any:
    """The Arrow schema of the lake's document files: every Article field, then what the
    store keeps beside it (content hash, status, error, number of events, coder)."""
    pa = _pyarrow()
    arrow = {
        "string": pa.string(),
        "list<string>": pa.list_(pa.string()),
        "int64": pa.int64(),
        "bool": pa.bool_(),
    }
    fields = []
    for f in dataclasses.fields(Article):
        kind = _ARTICLE_TYPES.get(str(f.type))
        if kind is None:
            raise TypeError(f"Article.{f.name} has type {f.type}, which the lake cannot store; add it to lake._ARTICLE_TYPES")
        fields.append((f.name, arrow[kind]))
    fields += [
        ("content_hash", pa.string()),
        ("status", pa.string()),  # coded | failed
        ("error", pa.string()),
        ("n_events", pa.int32()),
        ("coder", pa.string()),
    ]
    return pa.schema(fields, metadata={b"eventcoder.lake": LAKE_FORMAT.encode()})


# ------------------------------------------------------------------ keys and entries
def chunk_key(articles: Iterable[Article], coder: str) -> str:
    """The content-derived name of a chunk: what it codes, and with which coder."""
    from .store import content_hash

    h = hashlib.sha256(f"{LAKE_FORMAT}\x1e{coder}".encode())
    for article in articles:
        h.update(f"\x1e{article.doc_id}\x1f{content_hash(article)}".encode("utf-8", "surrogatepass"))
    return h.hexdigest()[:32]


@dataclass(frozen=True, slots=True, kw_only=True)
class ChunkEntry:
    """The manifest entry of one finished chunk."""

    key: str
    index: int  # the chunk's position in the input (0-based), the order of `lake load`
    documents: int
    failed: int
    events: int
    files: tuple[str, ...]  # the chunk's files, relative to the lake, documents file first
    coder: str
    failures: tuple[tuple[str, str], ...] = ()  # (doc_id, reason), the first 20
    fingerprint: dict[str, str] = dataclasses.field(default_factory=dict)  # what coded it (eventcoder.provenance)

    def to_json(self) -> str:
        data = to_dict(self)
        return json.dumps(data, ensure_ascii=False, sort_keys=True) + "\n"

    @classmethod
    def from_json(cls, text: str) -> ChunkEntry:
        data = json.loads(text)
        return cls(
            key=data["key"],
            index=int(data["index"]),
            documents=int(data["documents"]),
            failed=int(data["failed"]),
            events=int(data["events"]),
            files=tuple(data["files"]),
            coder=data["coder"],
            failures=tuple((str(d), str(r)) for d, r in data.get("failures", ())),
            fingerprint={str(k): str(v) for k, v in data.get("fingerprint", {}).items()},
        )


def _partition(date: str | None) -> str:
    year = date[:4] if date and date[:4].isdigit() else None
    month = date[5:7] if year and date is not None and len(date) >= 7 and date[5:7].isdigit() else None
    return f"year={year or NO_YEAR}/month={month or NO_MONTH}"


# ------------------------------------------------------------------ the lake
class Lake:
    """A lake folder.  :meth:`prepare` creates (or checks) one for writing; workers call
    :meth:`write_chunk`; :meth:`entries` and :meth:`read_chunk` read it back."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    # ---------------------------------------------------------- set-up (driver)
    @classmethod
    def prepare(cls, path: str | Path, *, chunk_size: int, coder: str) -> Lake:
        """Create the lake folder (or check that an existing lake matches this run)."""
        lake = cls(Path(path).absolute())
        info = {"format": LAKE_FORMAT, "chunk_size": chunk_size, "coder": coder}
        try:
            for folder in (lake.path, lake.path / _MANIFEST, lake.path / _DOCUMENTS):
                folder.mkdir(parents=True, exist_ok=True)
            if (lake.path / _INFO).exists():
                found = lake.info()
                for name, value in info.items():
                    if found.get(name) != value:
                        raise ConfigError(
                            f"the lake {lake.path} was written with {name} {found.get(name)!r}, this run uses {value!r}; "
                            f"rerun with the same settings (--chunk-size {found.get('chunk_size')}) or write a new lake "
                            "(another --lake DIR): mixing them would store the same articles twice"
                        )
            for folder in (lake.path, lake.path / _MANIFEST, lake.path / _DOCUMENTS):
                probe = folder / f".probe-{uuid.uuid4().hex}.tmp"
                probe.write_bytes(b"")
                probe.unlink()
            if not (lake.path / _INFO).exists():
                lake._write_atomic(lake.path / _INFO, (json.dumps(info, sort_keys=True) + "\n").encode())
        except OSError as err:
            raise StoreError(
                f"cannot write the lake at {lake.path}: {err.strerror or err}; "
                "choose a folder you can write to (--lake DIR)"
            ) from err
        return lake

    def exists(self) -> bool:
        """Whether the folder holds a lake (its ``_lake.json``)."""
        return (self.path / _INFO).is_file()

    def info(self) -> dict[str, Any]:
        """``_lake.json``: format, chunk size, coder."""
        path = self.path / _INFO
        try:
            return dict(json.loads(path.read_text(encoding="utf-8")))
        except FileNotFoundError as err:
            raise StoreError(
                f"{self.path} is not an event lake (no {_INFO}); write one with "
                f"`eventcoder ingest INPUT --engine dask --lake {self.path}`"
            ) from err
        except (OSError, ValueError) as err:
            raise StoreError(f"cannot read {path}: {err}") from err

    @staticmethod
    def _write_atomic(path: Path, data: bytes) -> None:
        tmp = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
        try:
            tmp.write_bytes(data)
            os.replace(tmp, path)
        finally:
            tmp.unlink(missing_ok=True)

    # ---------------------------------------------------------- writing (workers)
    def write_chunk(
        self, *, key: str, index: int, articles: Sequence[Article], results: Sequence[_Result], coder: str,
        fingerprint: dict[str, str] | None = None,
    ) -> ChunkEntry:
        """Write one coded chunk: its event files, its documents file, then its manifest entry."""
        import pyarrow.parquet as pq

        pa = _pyarrow()
        if not (self.path / _INFO).is_file():
            raise StoreError(
                f"the lake {self.path} is not visible from this worker ({os.uname().nodename}); "
                "put it on a filesystem every worker mounts at the same path"
            )
        docs: list[dict[str, Any]] = []
        by_partition: dict[str, list[dict[str, Any]]] = {}
        ordinal = 0
        failures: list[tuple[str, str]] = []
        from .export import GdeltContext, parquet_record
        from .store import content_hash

        for article, (events, error) in zip(articles, results, strict=True):
            row = to_dict(article)
            row.update(
                content_hash=content_hash(article),
                status="failed" if error is not None else "coded",
                error=error,
                n_events=len(events),
                coder=coder,
            )
            docs.append(row)
            if error is not None and len(failures) < 20:
                failures.append((article.doc_id, error))
            context = GdeltContext(url=article.url or "", title=article.title, publisher=article.publisher,
                                   published=article.published)
            for event in events:  # the export's row (typed date, the article's URL, title, publisher)
                row = {**parquet_record(event, context), "ordinal": ordinal}
                by_partition.setdefault(_partition(event.date), []).append(row)
                ordinal += 1
        name = f"part-{key}.parquet"
        tables = [(f"{_DOCUMENTS}/{name}", pa.Table.from_pylist(docs, schema=documents_schema()))]
        schema = events_schema()
        for partition in sorted(by_partition):
            tables.append((f"{partition}/{name}", pa.Table.from_pylist(by_partition[partition], schema=schema)))
        entry = ChunkEntry(
            key=key,
            index=index,
            documents=len(docs),
            failed=sum(1 for d in docs if d["status"] == "failed"),
            events=ordinal,
            files=tuple(rel for rel, _ in tables),
            coder=coder,
            failures=tuple(failures),
            fingerprint=dict(fingerprint or {"coder": coder}),
        )
        token = uuid.uuid4().hex[:8]
        staged: list[tuple[Path, Path]] = []
        placed: list[Path] = []
        manifest = self.path / _MANIFEST / f"{key}.json"
        try:
            for rel, table in tables:
                final = self.path / rel
                final.parent.mkdir(parents=True, exist_ok=True)
                tmp = final.with_name(f".{final.name}.{token}.tmp")
                staged.append((tmp, final))
                pq.write_table(table, tmp, compression="zstd")
            tmp = manifest.with_name(f".{manifest.name}.{token}.tmp")
            staged.append((tmp, manifest))
            tmp.write_text(entry.to_json(), encoding="utf-8")
            for tmp, final in staged:  # the manifest entry last: then the chunk is in the lake
                os.replace(tmp, final)
                placed.append(final)
        except OSError as err:
            if not manifest.exists():  # take back what this attempt made visible (no other finished it)
                for final in placed:
                    final.unlink(missing_ok=True)
            raise StoreError(
                f"cannot write chunk {index} to the lake {self.path} on {os.uname().nodename}: "
                f"{err.strerror or err} ({getattr(err, 'filename', None) or self.path}); "
                "check that every worker can write there"
            ) from err
        finally:
            for tmp, _ in staged:
                tmp.unlink(missing_ok=True)
        return entry

    # ---------------------------------------------------------- reading
    def finished(self) -> set[str]:
        """Keys of the chunks that have a manifest entry."""
        folder = self.path / _MANIFEST
        if not folder.is_dir():
            return set()
        return {p.name[: -len(".json")] for p in folder.iterdir() if p.name.endswith(".json") and not p.name.startswith(".")}

    def entries(self) -> list[ChunkEntry]:
        """The manifest, in input order (chunk index, then key)."""
        self.info()
        out = []
        for key in self.finished():
            path = self.path / _MANIFEST / f"{key}.json"
            try:
                out.append(ChunkEntry.from_json(path.read_text(encoding="utf-8")))
            except (OSError, ValueError, KeyError) as err:
                raise StoreError(f"the lake's manifest entry {path} is damaged ({err}); remove it and rerun the ingest") from err
        return sorted(out, key=lambda e: (e.index, e.key))

    def read_chunk(self, entry: ChunkEntry) -> list[tuple[Article, _Result]]:
        """The chunk's articles with their results (events in the coder's order, or the error)."""
        import pyarrow.parquet as pq

        from .export import _date_text

        try:
            docs = pq.read_table(self.path / entry.files[0]).to_pylist()
            rows: list[dict[str, Any]] = []
            for rel in entry.files[1:]:
                rows += pq.read_table(self.path / rel).to_pylist()
        except OSError as err:
            raise StoreError(f"cannot read chunk {entry.key} of the lake {self.path}: {err}") from err
        rows.sort(key=lambda r: r["ordinal"])
        for row in rows:  # the export's typed date back to its text, as export.read_parquet does
            row["date"] = _date_text(row.get("date"), row.get("date_precision"))
        if len(rows) != entry.events or len(docs) != entry.documents:
            raise StoreError(
                f"chunk {entry.key} of the lake {self.path} is damaged: {len(docs)} documents and {len(rows)} events, "
                f"its manifest entry says {entry.documents} and {entry.events}; remove {_MANIFEST}/{entry.key}.json "
                "and rerun the ingest to write it again"
            )
        events = deque(rows)
        out: list[tuple[Article, _Result]] = []
        for doc in docs:
            mine = tuple(event_from_dict(events.popleft()) for _ in range(doc["n_events"]))
            out.append((article_from_dict(doc), (mine, doc["error"] if doc["status"] == "failed" else None)))
        return out

    def events(self) -> Iterator[Event]:
        """Every event in the lake (the chunks the manifest lists), in input order."""
        for entry in self.entries():
            for _, (events, _) in self.read_chunk(entry):
                yield from events


# ------------------------------------------------------------------ lake -> store
def load_lake(path: str | Path, db_path: str | Path, *, progress: bool = True) -> Any:
    """Load a lake into the SQLite store (for the web UI, ``query``, ``export``).

    Goes through the store's ingest: documents already stored with the same content are
    left alone, changed ones replaced, and the roll-up and summaries are kept as for any
    ingest; the chunks are loaded in input order, so the database is the one ``ingest``
    would have written from the same input.  Returns the :class:`~eventcoder.store.IngestSummary`.
    """
    from .provenance import Fingerprint
    from .store import ingest_articles

    lake = Lake(path)
    entries = lake.entries()  # StoreError when it is no lake
    prints = {json.dumps(e.fingerprint, sort_keys=True) for e in entries}
    if len(prints) > 1:
        raise StoreError(f"the lake {lake.path} holds chunks coded by {len(prints)} different coders or settings; "
                         "load it into separate databases, or write it again with one")
    components = json.loads(prints.pop()) if prints else {"coder": str(lake.info().get("coder", ""))}
    queue: deque[tuple[Article, _Result]] = deque()

    def items() -> Iterator[Article]:
        for entry in entries:
            for article, result in lake.read_chunk(entry):
                queue.append((article, result))
                yield article

    def runner(chunks: Iterator[list[Article]], write: Any) -> None:
        for chunk in chunks:
            results = []
            for article in chunk:
                # articles the store already holds unchanged are not in any chunk: drop them
                while queue[0][0] is not article:
                    queue.popleft()
                results.append(queue.popleft()[1])
            write(results)

    return ingest_articles(
        items(),
        db_path,
        progress=progress,
        runner=runner,
        total=sum(e.documents for e in entries),
        inputs=[str(lake.path)],
        fingerprint=Fingerprint(components=components),
    )
