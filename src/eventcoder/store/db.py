"""The embedded event database: one SQLite file in WAL mode (one writer, many readers).

>>> with Store("eventcoder.db", readonly=True) as store:
...     store.events(EventFilter(dyad=("ISR", "PSE"), since="2023", limit=20))
...     store.count_by("month", EventFilter(source="JPN"))

Writes happen in :meth:`Store.write_batch`, one transaction per batch of documents: a
document's old mentions are replaced, and the roll-up (``events``) and summary
(``dyad_month``) rows they touch are recomputed in the same transaction, so a reader
never sees them disagree.  ``docs/store.md`` documents the tables and the rules.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import ConfigError, StoreError
from ..model import Article, Event, Place, Plover, actor_from_dict, evidence_from_dict, to_dict
from . import reprints
from .query import (
    COUNT_BY,
    COUNTRYLESS,
    NO_COUNTRY,
    UNITS,
    EventFilter,
    event_summary_where,
    event_where,
    has_country_sql,
    summary_where,
    where_clause,
)
from .schema import SCHEMA_VERSION, migrate, schema_version

log = logging.getLogger(__name__)

__all__ = [
    "Store",
    "event_uid",
    "own_key",
    "StoredDocument",
    "DocumentRow",
    "CountRow",
    "TimelineRow",
    "RolledUpEvent",
    "LocationRow",
    "BatchResult",
    "content_hash",
]

_MENTION_COLUMNS = (
    "event_id, doc_id, ordinal, sentence_index, sentence, span_start, span_end, date, "
    "date_precision, month, source_code, target_code, source, target, cameo, cameo_root, "
    "quad_class, goldstein, plover_type, plover_mode, negated, modality, location, evidence, "
    "coder, publisher, reported_by, symmetric, key_date, key_source, key_target"
)
_N_MENTION_COLUMNS = len(_MENTION_COLUMNS.split(","))
_READ_COLUMNS = (
    "event_id, doc_id, sentence_index, sentence, span_start, span_end, date, date_precision, "
    "source, target, cameo, cameo_root, quad_class, goldstein, plover_type, plover_mode, "
    "negated, modality, location, evidence, coder, reported_by, symmetric"
)


def content_hash(article: Article) -> str:
    """What decides whether a stored document must be re-coded: its text and its anchors."""
    import hashlib

    key = "\x1f".join([article.text, article.published or "", article.dateline or ""])
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredDocument:
    """One document to write: its events, or the error that stopped its coding."""

    article: Article
    content_hash: str
    events: tuple[Event, ...] = ()
    error: str | None = None
    coder: str = ""
    fingerprint: str | None = None  # digest of the resources that coded it (provenance)


@dataclass(frozen=True, slots=True, kw_only=True)
class DocumentRow:
    doc_id: str
    content_hash: str
    status: str  # coded | failed
    error: str | None
    title: str | None
    publisher: str | None
    published: str | None
    url: str | None
    source_path: str | None
    metadata: dict[str, Any]
    n_events: int
    coded_at: str
    coder: str | None = None
    fingerprint: str | None = None
    reprint_of: str | None = None


@dataclass(frozen=True, slots=True)
class CountRow:
    key: tuple[str, ...]  # ("2022-09",), ("ISR", "PSE"), ("04",) ...
    events: int
    mean_goldstein: float | None


@dataclass(frozen=True, slots=True)
class TimelineRow:
    month: str
    quad_class: int
    events: int
    mean_goldstein: float | None


@dataclass(frozen=True, slots=True, kw_only=True)
class LocationRow:
    """One place on the map: events (not negated) located there."""

    name: str
    country: str | None
    lat: float
    lon: float
    events: int
    mean_goldstein: float | None


@dataclass(frozen=True, slots=True, kw_only=True)
class RolledUpEvent:
    """One row of the roll-up: the mentions of one real-world event across articles."""

    date: str
    source_code: str
    target_code: str
    cameo: str
    cameo_root: str
    quad_class: int
    goldstein: float
    mentions: int
    articles: int
    sources: int
    first_mention: Event
    symmetric: bool = False
    plover_type: str | None = None

    @property
    def uid(self) -> str:
        """A stable id of the real-world event: a hash of its roll-up key."""
        return event_uid(self.date, self.source_code, self.target_code, self.cameo)


def event_uid(date: str, source_code: str, target_code: str, cameo: str) -> str:
    """The stable id of a rolled-up event (20 hex digits of SHA-256 of its key)."""
    import hashlib

    key = "\x1f".join([date, source_code, target_code, cameo])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def own_key(date: str, source_code: str, target_code: str, symmetric: bool) -> tuple[str, str, str]:
    """A mention's own roll-up key (date, source, target): the two codes of a symmetric
    (two-sided) mention in sorted order, so that A->B and B->A are one event."""
    if symmetric and target_code and target_code < source_code:
        return date, target_code, source_code
    return date, source_code, target_code


@dataclass(frozen=True, slots=True)
class BatchResult:
    documents: int
    events_added: int
    events_removed: int


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(to_dict(value), ensure_ascii=False)


def _span(value: Any) -> tuple[int, int] | None:
    return None if value is None else (int(value[0]), int(value[1]))


def _source_of(article: Article) -> str:
    """The "source" GDELT counts in NumSources: publisher, else the URL's host, else the doc."""
    if article.publisher:
        return article.publisher.strip().lower()
    if article.url:
        host = urlsplit(article.url).hostname
        if host:
            return host.removeprefix("www.")
    return "doc:" + article.doc_id


def _mention_row(event: Event, doc_id: str, ordinal: int, publisher: str) -> tuple[Any, ...]:
    date = event.date or ""
    source_code = event.source.code if event.source else ""
    target_code = event.target.code if event.target else ""
    return (
        event.event_id,
        doc_id,
        ordinal,
        event.sentence_index,
        event.sentence,
        event.span[0],
        event.span[1],
        date,
        str(event.date_precision),
        date[:7],
        event.source.code if event.source else "",
        event.target.code if event.target else "",
        _json(event.source),
        _json(event.target),
        event.cameo,
        event.cameo_root,
        int(event.quad_class),
        float(event.goldstein),
        event.plover.event_type if event.plover else None,
        event.plover.mode if event.plover else None,
        int(bool(event.negated)),
        str(event.modality),
        _json(event.location),
        _json(event.evidence),
        event.coder,
        publisher,
        _json(event.reported_by),
        int(bool(event.symmetric)),
        *own_key(date, source_code, target_code, bool(event.symmetric)),
    )


def _event_from_row(row: Sequence[Any]) -> Event:
    (event_id, doc_id, sentence_index, sentence, s0, s1, date, precision, source, target, cameo,
     root, quad, goldstein, ptype, pmode, negated, modality, location, evidence, coder,
     reported_by, symmetric) = row
    ev = None if evidence is None else evidence_from_dict(json.loads(evidence))
    return Event(
        event_id=event_id,
        doc_id=doc_id,
        sentence_index=sentence_index,
        sentence=sentence,
        span=(s0, s1),
        date=date or None,
        date_precision=precision,
        source=None if source is None else actor_from_dict(json.loads(source)),
        target=None if target is None else actor_from_dict(json.loads(target)),
        cameo=cameo,
        cameo_root=root,
        quad_class=quad,
        goldstein=goldstein,
        plover=None if ptype is None else Plover(event_type=ptype, mode=pmode),
        negated=bool(negated),
        modality=modality,
        location=None if location is None else Place(**json.loads(location)),
        evidence=ev,
        coder=coder,
        reported_by=None if reported_by is None else actor_from_dict(json.loads(reported_by)),
        symmetric=bool(symmetric),
    )


_BY_SQL = {  # key expressions over mentions / dyad_month / events / event_month
    "month": ("month",),
    "year": ("substr(month, 1, 4)",),
    "dyad": ("source_code", "target_code"),
    "source": ("source_code",),
    "target": ("target_code",),
    "root": ("cameo_root",),
    "cameo": ("cameo",),
    "quad": ("quad_class",),
    "plover": ("coalesce(plover_type, '')",),
}
_ACTOR_KEYS = {"dyad": ("source_code", "target_code"), "source": ("source_code",), "target": ("target_code",)}
_DOC_COLUMNS = ("doc_id, content_hash, status, error, title, publisher, published, url, source_path, metadata, "
                "n_events, coded_at, coder, fingerprint, reprint_of")


def _document_row(r: Sequence[Any]) -> DocumentRow:
    return DocumentRow(
        doc_id=r[0], content_hash=r[1], status=r[2], error=r[3], title=r[4], publisher=r[5], published=r[6],
        url=r[7], source_path=r[8], metadata=json.loads(r[9]), n_events=r[10], coded_at=r[11], coder=r[12],
        fingerprint=r[13], reprint_of=r[14],
    )


def _unit(unit: str) -> str:
    if unit not in UNITS:
        raise ConfigError(f"unit {unit!r} must be one of {', '.join(UNITS)}")
    return unit


def _countryless(value: str) -> str:
    if value not in COUNTRYLESS:
        raise ConfigError(f"countryless={value!r} must be one of {', '.join(COUNTRYLESS)}")
    return value


def _readonly_uri(path: Path, *, immutable: bool) -> str:
    uri = path.absolute().as_uri()
    return uri + ("?immutable=1" if immutable else "?mode=ro")


def _writable(path: Path) -> bool:
    """Whether SQLite can keep its WAL and shared-memory files beside the database."""
    folder = path.absolute().parent
    return os.access(path, os.W_OK) and os.access(folder, os.W_OK | os.X_OK)

_SUMMARY_BY = {"month", "year", "dyad", "source", "target", "quad"}
_CHRONOLOGICAL = {"month", "year"}


class Store:
    """An event database file.  ``readonly=True`` opens an existing one for queries only.

    Read-only opening never writes to the file or its folder: it uses SQLite's read-only
    URI (``mode=ro``), or ``immutable=1`` when the file or its folder cannot be written
    (read-only storage: SQLite could not keep its shared-memory file there).  A database
    of an older schema opened read-only is read through a migrated temporary copy (its
    file is left as it is; open it once for writing, e.g. ``eventcoder ingest --db``, to
    migrate it in place).
    """

    def __init__(self, path: str | Path, readonly: bool = False, *, timeout: float = 30.0) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.immutable = False
        self.migrated_copy: Path | None = None  # the temporary copy an old read-only database is read from
        self._index: reprints.ReprintIndex | None = None
        self.conn: sqlite3.Connection
        try:
            if readonly:
                self._open_readonly(timeout)
            else:
                if self.path.parent and not self.path.parent.exists():
                    raise StoreError(f"cannot create {self.path}: folder {self.path.parent} does not exist")
                if self.path.exists() and not _writable(self.path):
                    raise StoreError(
                        f"cannot write to {self.path}: the file or its folder is read-only; "
                        "copy it to writable storage to ingest into it (query, export and serve read it as it is)"
                    )
                self.conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None, check_same_thread=False)
                self.conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
                self.conn.execute("PRAGMA foreign_keys = ON")
                self.conn.execute("PRAGMA journal_mode = WAL")
                # NORMAL in WAL mode: a crash of the process never loses a commit; a power
                # cut may lose the last ones, which a rerun of the ingest redoes.
                self.conn.execute("PRAGMA synchronous = NORMAL")
                migrate(self.conn)
        except sqlite3.DatabaseError as err:
            raise StoreError(f"cannot open {self.path} as an event database: {err}") from err

    def _open_readonly(self, timeout: float) -> None:
        if not self.path.exists():
            raise StoreError(
                f"no event database at {self.path}; create one with `eventcoder ingest INPUT --db {self.path}`"
            )
        self.immutable = not _writable(self.path)
        self.conn = self._connect_ro(self.path, timeout, immutable=self.immutable)
        try:
            version = schema_version(self.conn)
        except sqlite3.OperationalError:
            if self.immutable:
                raise
            # e.g. a WAL database whose folder turned read-only: read it as immutable
            self.conn.close()
            self.immutable = True
            self.conn = self._connect_ro(self.path, timeout, immutable=True)
            version = schema_version(self.conn)
        if version > SCHEMA_VERSION:
            self.conn.close()
            raise StoreError(f"{self.path} was written by a newer eventcoder (schema {version}); upgrade eventcoder")
        if version < SCHEMA_VERSION:
            self._read_migrated_copy(version, timeout)

    @staticmethod
    def _connect_ro(path: Path, timeout: float, *, immutable: bool) -> sqlite3.Connection:
        conn = sqlite3.connect(_readonly_uri(path, immutable=immutable), uri=True, timeout=timeout,
                               isolation_level=None, check_same_thread=False)
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
        conn.execute("PRAGMA query_only = ON")
        return conn

    def _read_migrated_copy(self, version: int, timeout: float) -> None:
        folder = Path(tempfile.mkdtemp(prefix="eventcoder-migrated-"))
        copy = folder / self.path.name
        try:
            target = sqlite3.connect(copy, isolation_level=None)
            try:
                self.conn.backup(target)
                migrate(target)
                target.execute("PRAGMA journal_mode = DELETE")
            finally:
                target.close()
        except (sqlite3.Error, StoreError, OSError) as err:
            shutil.rmtree(folder, ignore_errors=True)
            self.conn.close()
            raise StoreError(
                f"{self.path} has schema version {version} and could not be read through a migrated copy ({err}); "
                "open it once for writing (e.g. `eventcoder ingest --db PATH`) to migrate it"
            ) from err
        self.conn.close()
        log.warning("%s has schema version %d: reading a migrated temporary copy (open it for writing, e.g. "
                    "`eventcoder ingest --db %s`, to migrate the file itself)", self.path, version, self.path)
        self.migrated_copy = copy
        self.conn = self._connect_ro(copy, timeout, immutable=False)

    # ------------------------------------------------------------ housekeeping
    def close(self) -> None:
        self.conn.close()
        if self.migrated_copy is not None:
            shutil.rmtree(self.migrated_copy.parent, ignore_errors=True)
            self.migrated_copy = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as err:
            raise StoreError(f"query on {self.path} failed: {err}") from err

    def _check_writable(self) -> None:
        if self.readonly:
            raise StoreError(f"{self.path} is open read-only")

    def set_meta(self, key: str, value: Any) -> None:
        self._check_writable()
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value, ensure_ascii=False)),
        )

    def meta(self) -> dict[str, Any]:
        return {k: json.loads(v) for k, v in self._read("SELECT key, value FROM meta ORDER BY key")}

    # ------------------------------------------------------------ provenance
    def record_fingerprint(self, digest: str, components: dict[str, Any]) -> None:
        """Keep the components of a fingerprint (once per digest)."""
        self._check_writable()
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.conn.execute(
            "INSERT INTO fingerprints (digest, components, first_used) VALUES (?, ?, ?) ON CONFLICT (digest) DO NOTHING",
            (digest, json.dumps(components, sort_keys=True, ensure_ascii=False), now),
        )

    def start_run(self, command: str, fingerprint: str | None, options: dict[str, Any]) -> int:
        self._check_writable()
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        cur = self.conn.execute(
            "INSERT INTO runs (command, started, fingerprint, options) VALUES (?, ?, ?, ?)",
            (command, now, fingerprint, json.dumps(options, ensure_ascii=False, sort_keys=True)),
        )
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, summary: dict[str, Any]) -> None:
        self._check_writable()
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        self.conn.execute("UPDATE runs SET finished = ?, summary = ? WHERE id = ?",
                          (now, json.dumps(summary, ensure_ascii=False, sort_keys=True), run_id))

    def fingerprints(self) -> list[dict[str, Any]]:
        """Every fingerprint that coded documents here: digest, components, document count."""
        rows = self._read(
            "SELECT d.fingerprint, f.components, f.first_used, count(*) FROM documents AS d "
            "LEFT JOIN fingerprints AS f ON f.digest = d.fingerprint GROUP BY d.fingerprint ORDER BY 4 DESC, 1"
        )
        return [{"digest": digest, "components": json.loads(components) if components else None,
                 "first_used": first, "documents": n} for digest, components, first, n in rows]

    def runs(self, limit: int = 20) -> list[dict[str, Any]]:
        rows = self._read("SELECT id, command, started, finished, fingerprint, options, summary FROM runs "
                          "ORDER BY id DESC LIMIT ?", (int(limit),))
        return [{"id": r[0], "command": r[1], "started": r[2], "finished": r[3], "fingerprint": r[4],
                 "options": json.loads(r[5] or "{}"), "summary": json.loads(r[6]) if r[6] else None} for r in rows]

    def stale_documents(self, fingerprint: str, *, limit: int | None = None) -> list[str]:
        """Ids of the stored documents not coded with ``fingerprint`` (what ``--recode`` redoes),
        in storage order."""
        rows = self._read(
            "SELECT doc_id FROM documents WHERE fingerprint IS NOT ? ORDER BY rowid LIMIT ?",
            (fingerprint, -1 if limit is None else int(limit)),
        )
        return [r[0] for r in rows]

    def stored_article(self, doc_id: str) -> Article | None:
        """The stored document as an Article (what re-coding reads)."""
        rows = self._read("SELECT doc_id, text, title, publisher, published, url, source_path, metadata "
                          "FROM documents WHERE doc_id = ?", (doc_id,))
        if not rows:
            return None
        doc_id, text, title, publisher, published, url, source_path, metadata = rows[0]
        meta = json.loads(metadata or "{}")
        return Article(
            doc_id=doc_id, text=text or "", title=title, publisher=publisher, published=published, url=url,
            source_path=source_path, byline=tuple(meta.get("byline") or ()), dateline=meta.get("dateline"),
            language=meta.get("language"), captions=tuple(meta.get("captions") or ()),
            warnings=tuple(meta.get("warnings") or ()),
        )

    def known(self, doc_ids: Iterable[str]) -> dict[str, tuple[str, str]]:
        """``doc_id -> (content_hash, status)`` for those of ``doc_ids`` already stored."""
        return {k: (v[0], v[1]) for k, v in self.known_with_fingerprint(doc_ids).items()}

    def known_with_fingerprint(self, doc_ids: Iterable[str]) -> dict[str, tuple[str, str, str | None]]:
        """``doc_id -> (content_hash, status, fingerprint)`` for those already stored."""
        ids = list(dict.fromkeys(doc_ids))
        found: dict[str, tuple[str, str, str | None]] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ", ".join("?" * len(chunk))
            for doc_id, digest, status, fingerprint in self._read(
                f"SELECT doc_id, content_hash, status, fingerprint FROM documents WHERE doc_id IN ({marks})", chunk
            ):
                found[doc_id] = (digest, status, fingerprint)
        return found

    # ------------------------------------------------------------ writing
    def write_batch(self, documents: Sequence[StoredDocument]) -> BatchResult:
        """Store documents (replacing any earlier version and its events) in one transaction.

        In the same transaction: each document's reprint link (its earliest-stored near
        duplicate), the roll-up keys of its mentions and of the mentions of the documents
        that reprint it, and the roll-up and summary rows those keys touch."""
        self._check_writable()
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        added = removed = 0
        rollup_keys: set[tuple[str, str, str, str]] = set()
        summary_keys: set[tuple[str, str, str, int]] = set()
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            index = self._reprint_index(rollup_keys)
            for doc in documents:
                a = doc.article
                for key_date, key_src, key_tgt, cameo, src, tgt, month, quad in conn.execute(
                    "SELECT key_date, key_source, key_target, cameo, source_code, target_code, month, quad_class "
                    "FROM mentions WHERE doc_id = ? AND negated = 0",
                    (a.doc_id,),
                ):
                    rollup_keys.add((key_date, key_src, key_tgt, cameo))
                    summary_keys.add((src, tgt, month, quad))
                removed += conn.execute("DELETE FROM mentions WHERE doc_id = ?", (a.doc_id,)).rowcount
                metadata = {
                    "byline": list(a.byline),
                    "dateline": a.dateline,
                    "language": a.language,
                    "captions": list(a.captions),
                    "warnings": list(a.warnings),
                }
                sig = reprints.signature(a.text)
                conn.execute(
                    "INSERT INTO documents (doc_id, content_hash, status, error, title, publisher, published, url, "
                    "source_path, metadata, text, n_events, coder, coded_at, fingerprint, minhash, shingles) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (doc_id) DO UPDATE SET content_hash = excluded.content_hash, "
                    "status = excluded.status, error = excluded.error, title = excluded.title, "
                    "publisher = excluded.publisher, published = excluded.published, url = excluded.url, "
                    "source_path = excluded.source_path, metadata = excluded.metadata, text = excluded.text, "
                    "n_events = excluded.n_events, coder = excluded.coder, coded_at = excluded.coded_at, "
                    "fingerprint = excluded.fingerprint, minhash = excluded.minhash, shingles = excluded.shingles",
                    (
                        a.doc_id,
                        doc.content_hash,
                        "failed" if doc.error is not None else "coded",
                        doc.error,
                        a.title,
                        a.publisher,
                        a.published,
                        a.url,
                        a.source_path,
                        json.dumps(metadata, ensure_ascii=False),
                        a.text,
                        len(doc.events),
                        doc.coder,
                        now,
                        doc.fingerprint,
                        sig.to_bytes(),
                        sig.shingles,
                    ),
                )
                publisher = _source_of(a)
                rows = [_mention_row(e, a.doc_id, i, publisher) for i, e in enumerate(doc.events)]
                conn.executemany(
                    f"INSERT INTO mentions ({_MENTION_COLUMNS}) VALUES ({', '.join('?' * _N_MENTION_COLUMNS)})", rows
                )
                added += len(rows)
                for r in rows:
                    if not r[20]:  # negated
                        rollup_keys.add((r[28], r[29], r[30], r[14]))
                        summary_keys.add((r[10], r[11], r[9], r[16]))
                rowid = conn.execute("SELECT rowid FROM documents WHERE doc_id = ?", (a.doc_id,)).fetchone()[0]
                index.add(a.doc_id, rowid, sig)
                self._link(a.doc_id, rowid, sig, index, rollup_keys)
                self._relink_dependents(a.doc_id, sig, index, rollup_keys)
            self._refresh_rollup(rollup_keys)
            self._refresh_summary(summary_keys)
            conn.execute("COMMIT")
        except BaseException as err:
            self._index = None  # rebuilt from what was committed
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(err, sqlite3.Error):
                raise StoreError(f"writing to {self.path} failed: {err}") from err
            raise
        return BatchResult(len(documents), added, removed)

    # ------------------------------------------------------------ reprints
    def _reprint_index(self, rollup_keys: set[tuple[str, str, str, str]]) -> reprints.ReprintIndex:
        """The LSH index of the stored documents (built once per Store); documents stored
        before signatures existed (schema < 3) get theirs, and their links, now."""
        if self._index is not None:
            return self._index
        index = reprints.ReprintIndex()
        for doc_id, rowid, blob, shingles in self.conn.execute(
            "SELECT doc_id, rowid, minhash, shingles FROM documents WHERE minhash IS NOT NULL ORDER BY rowid"
        ):
            index.add(doc_id, rowid, reprints.Signature.from_bytes(blob, shingles or 0))
        missing = self.conn.execute(
            "SELECT doc_id, rowid, coalesce(text, '') FROM documents WHERE minhash IS NULL ORDER BY rowid"
        ).fetchall()
        if missing:
            log.info("indexing %d stored documents for reprint detection", len(missing))
        for doc_id, rowid, text in missing:
            sig = reprints.signature(text)
            self.conn.execute("UPDATE documents SET minhash = ?, shingles = ? WHERE doc_id = ?",
                              (sig.to_bytes(), sig.shingles, doc_id))
            index.add(doc_id, rowid, sig)
            self._link(doc_id, rowid, sig, index, rollup_keys)
        self._index = index
        return index

    def _link(self, doc_id: str, rowid: int, sig: reprints.Signature, index: reprints.ReprintIndex,
              rollup_keys: set[tuple[str, str, str, str]]) -> None:
        original = index.original(doc_id, rowid, sig)
        self.conn.execute("UPDATE documents SET reprint_of = ? WHERE doc_id = ?", (original, doc_id))
        rollup_keys |= self._relink(doc_id, original)

    def _relink_dependents(self, doc_id: str, sig: reprints.Signature, index: reprints.ReprintIndex,
                           rollup_keys: set[tuple[str, str, str, str]]) -> None:
        """The documents that reprint ``doc_id`` take its new mentions' keys (and theirs, in turn)."""
        todo = [(doc_id, sig)]
        seen = {doc_id}
        while todo:
            parent, parent_sig = todo.pop(0)
            for (child,) in self.conn.execute(
                "SELECT doc_id FROM documents WHERE reprint_of = ? ORDER BY rowid", (parent,)
            ).fetchall():
                if child in seen:
                    continue
                seen.add(child)
                child_sig = index.signature_of(child)
                if child_sig is None or not reprints.similar(child_sig, parent_sig):
                    # the original changed and no longer matches: the copy stands alone
                    self.conn.execute("UPDATE documents SET reprint_of = NULL WHERE doc_id = ?", (child,))
                    rollup_keys |= self._relink(child, None)
                else:
                    rollup_keys |= self._relink(child, parent)
                if child_sig is not None:
                    todo.append((child, child_sig))

    def _relink(self, doc_id: str, parent: str | None) -> set[tuple[str, str, str, str]]:
        """Give ``doc_id``'s mentions their roll-up keys: the key of the matching mention of
        ``parent`` (same CAMEO code and actors, the most similar sentence, at least
        ``reprints.SENTENCE_MATCH`` alike), else their own.  Returns the keys touched."""
        conn = self.conn
        rows = conn.execute(
            "SELECT id, date, source_code, target_code, cameo, symmetric, sentence, ordinal, key_date, key_source, "
            "key_target FROM mentions WHERE doc_id = ? AND negated = 0",
            (doc_id,),
        ).fetchall()
        if not rows:
            return set()
        candidates: dict[str, list[tuple]] = {}
        if parent is not None:
            for p in conn.execute(
                "SELECT key_date, key_source, key_target, source_code, target_code, cameo, symmetric, sentence, "
                "ordinal FROM mentions WHERE doc_id = ? AND negated = 0 ORDER BY ordinal",
                (parent,),
            ):
                candidates.setdefault(p[5], []).append(p)
        touched: set[tuple[str, str, str, str]] = set()
        for mid, date, src, tgt, cameo, sym, sentence, ordinal, k_date, k_src, k_tgt in rows:
            new = own_key(date, src, tgt, bool(sym))
            best: tuple[tuple[float, int, int], tuple[str, str, str]] | None = None
            for p_key_date, p_key_src, p_key_tgt, p_src, p_tgt, _, p_sym, p_sentence, p_ordinal in candidates.get(cameo, ()):
                if (p_src, p_tgt) != (src, tgt) and not ((sym or p_sym) and {p_src, p_tgt} == {src, tgt}):
                    continue
                score = reprints.sentence_similarity(sentence, p_sentence)
                if score < reprints.SENTENCE_MATCH:
                    continue
                rank = (score, -abs(p_ordinal - ordinal), -p_ordinal)
                if best is None or rank > best[0]:
                    best = (rank, (p_key_date, p_key_src, p_key_tgt))
            if best is not None:
                new = best[1]
            old = (k_date, k_src, k_tgt)
            if new != old:
                conn.execute("UPDATE mentions SET key_date = ?, key_source = ?, key_target = ? WHERE id = ?",
                             (*new, mid))
                touched.add((*old, cameo))
                touched.add((*new, cameo))
        return touched

    # ------------------------------------------------------------ roll-up and summaries
    def _refresh_rollup(self, keys: Iterable[tuple[str, str, str, str]]) -> None:
        month_keys: set[tuple[str, str, str, int, int]] = set()
        conn = self.conn
        for key in keys:
            date, src, tgt, _cameo = key
            old = conn.execute(
                "SELECT month, quad_class, symmetric FROM events WHERE date = ? AND source_code = ? "
                "AND target_code = ? AND cameo = ?", key
            ).fetchone()
            if old is not None:
                month_keys.add((src, tgt, old[0], old[1], old[2]))
            row = conn.execute(
                "SELECT count(*), count(DISTINCT doc_id), count(DISTINCT publisher), min(id), max(symmetric) "
                "FROM mentions WHERE key_date = ? AND key_source = ? AND key_target = ? AND cameo = ? AND negated = 0",
                key,
            ).fetchone()
            if not row[0]:
                conn.execute(
                    "DELETE FROM events WHERE date = ? AND source_code = ? AND target_code = ? AND cameo = ?", key
                )
                continue
            conn.execute(
                "INSERT INTO events (date, month, source_code, target_code, cameo, cameo_root, quad_class, goldstein, "
                "plover_type, symmetric, mentions, articles, sources, first_mention) "
                "SELECT ?, substr(?, 1, 7), ?, ?, cameo, cameo_root, quad_class, goldstein, plover_type, ?, ?, ?, ?, id "
                "FROM mentions WHERE id = ? "
                "ON CONFLICT (date, source_code, target_code, cameo) DO UPDATE SET month = excluded.month, "
                "cameo_root = excluded.cameo_root, quad_class = excluded.quad_class, goldstein = excluded.goldstein, "
                "plover_type = excluded.plover_type, symmetric = excluded.symmetric, mentions = excluded.mentions, "
                "articles = excluded.articles, sources = excluded.sources, first_mention = excluded.first_mention",
                (date, date, src, tgt, row[4], row[0], row[1], row[2], row[3]),
            )
            new = conn.execute(
                "SELECT month, quad_class, symmetric FROM events WHERE date = ? AND source_code = ? "
                "AND target_code = ? AND cameo = ?", key
            ).fetchone()
            month_keys.add((src, tgt, new[0], new[1], new[2]))
        for src, tgt, month, quad, sym in month_keys:
            lo, hi = (month, month + "\U0010ffff") if month else ("", "")
            n, total = conn.execute(
                "SELECT count(*), coalesce(sum(goldstein), 0.0) FROM events WHERE source_code = ? AND target_code = ? "
                "AND date >= ? AND date <= ? AND month = ? AND quad_class = ? AND symmetric = ?",
                (src, tgt, lo, hi, month, quad, sym),
            ).fetchone()
            if n:
                conn.execute(
                    "INSERT INTO event_month (source_code, target_code, month, quad_class, symmetric, events, "
                    "goldstein_sum) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (source_code, target_code, month, "
                    "quad_class, symmetric) DO UPDATE SET events = excluded.events, goldstein_sum = excluded.goldstein_sum",
                    (src, tgt, month, quad, sym, n, total),
                )
            else:
                conn.execute(
                    "DELETE FROM event_month WHERE source_code = ? AND target_code = ? AND month = ? AND quad_class = ? "
                    "AND symmetric = ?", (src, tgt, month, quad, sym),
                )

    def _refresh_summary(self, keys: Iterable[tuple[str, str, str, int]]) -> None:
        for src, tgt, month, quad in keys:
            lo, hi = (month, month + "\U0010ffff") if month else ("", "")
            n, total = self.conn.execute(
                "SELECT count(*), coalesce(sum(goldstein), 0.0) FROM mentions "
                "WHERE source_code = ? AND target_code = ? AND date >= ? AND date <= ? "
                "AND month = ? AND quad_class = ? AND negated = 0",
                (src, tgt, lo, hi, month, quad),
            ).fetchone()
            if n:
                self.conn.execute(
                    "INSERT INTO dyad_month (source_code, target_code, month, quad_class, events, goldstein_sum) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (source_code, target_code, month, quad_class) "
                    "DO UPDATE SET events = excluded.events, goldstein_sum = excluded.goldstein_sum",
                    (src, tgt, month, quad, n, total),
                )
            else:
                self.conn.execute(
                    "DELETE FROM dyad_month WHERE source_code = ? AND target_code = ? AND month = ? AND quad_class = ?",
                    (src, tgt, month, quad),
                )

    def rebuild_summaries(self) -> None:
        """Recompute ``events``, ``event_month`` and ``dyad_month`` from ``mentions`` (repair, bulk loads)."""
        self._check_writable()
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("DELETE FROM events")
            conn.execute(
                "INSERT INTO events (date, month, source_code, target_code, cameo, cameo_root, quad_class, goldstein, "
                "plover_type, symmetric, mentions, articles, sources, first_mention) "
                "SELECT g.key_date, substr(g.key_date, 1, 7), g.key_source, g.key_target, g.cameo, f.cameo_root, "
                "f.quad_class, f.goldstein, f.plover_type, g.sym, g.n, g.a, g.s, g.first "
                "FROM (SELECT key_date, key_source, key_target, cameo, count(*) AS n, count(DISTINCT doc_id) AS a, "
                "count(DISTINCT publisher) AS s, min(id) AS first, max(symmetric) AS sym FROM mentions "
                "WHERE negated = 0 GROUP BY key_date, key_source, key_target, cameo) AS g "
                "JOIN mentions AS f ON f.id = g.first"
            )
            conn.execute("DELETE FROM event_month")
            conn.execute(
                "INSERT INTO event_month (source_code, target_code, month, quad_class, symmetric, events, goldstein_sum) "
                "SELECT source_code, target_code, month, quad_class, symmetric, count(*), sum(goldstein) FROM events "
                "GROUP BY source_code, target_code, month, quad_class, symmetric"
            )
            conn.execute("DELETE FROM dyad_month")
            conn.execute(
                "INSERT INTO dyad_month (source_code, target_code, month, quad_class, events, goldstein_sum) "
                "SELECT source_code, target_code, month, quad_class, count(*), sum(goldstein) FROM mentions "
                "WHERE negated = 0 GROUP BY source_code, target_code, month, quad_class"
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    # ------------------------------------------------------------ reading: mentions
    def events(self, filters: EventFilter | None = None) -> list[Event]:
        """The mentions (Event records, one per sentence) matching ``filters``, by date then
        storage order.  :meth:`rollup` lists real-world events."""
        return list(self.iter_events(filters))

    def iter_events(self, filters: EventFilter | None = None) -> Iterator[Event]:
        f = filters or EventFilter()
        where, params = where_clause(f)
        order = "date DESC, id DESC" if f.newest_first else "date, id"
        sql = f"SELECT {_READ_COLUMNS} FROM mentions WHERE {where} ORDER BY {order}"
        if f.limit is not None or f.offset:
            # a page: pick the ids first (an index often covers that), then fetch the rows
            sql = (f"SELECT {_READ_COLUMNS} FROM mentions WHERE id IN (SELECT id FROM mentions WHERE {where} "
                   f"ORDER BY {order} LIMIT ? OFFSET ?) ORDER BY {order}")
            params = [*params, -1 if f.limit is None else f.limit, f.offset]
        try:
            cursor = self.conn.execute(sql, params)
            while rows := cursor.fetchmany(2000):
                for row in rows:
                    yield _event_from_row(row)
        except sqlite3.Error as err:
            raise StoreError(f"query on {self.path} failed: {err}") from err

    def iter_events_with_rollup(
        self, filters: EventFilter | None = None
    ) -> Iterator[tuple[Event, tuple[str, int, int, int] | None]]:
        """The matching mentions, each with its real-world event's ``(uid, mentions, articles,
        sources)`` (``None`` for a denial), in :meth:`iter_events` order."""
        f = filters or EventFilter()
        where, params = where_clause(f, table="m")
        cols = ", ".join(f"m.{c.strip()}" for c in _READ_COLUMNS.split(","))
        order = "m.date DESC, m.id DESC" if f.newest_first else "m.date, m.id"
        sql = (f"SELECT {cols}, e.date, e.source_code, e.target_code, e.cameo, e.mentions, e.articles, e.sources "
               "FROM mentions AS m LEFT JOIN events AS e ON m.negated = 0 AND e.date = m.key_date "
               "AND e.source_code = m.key_source AND e.target_code = m.key_target AND e.cameo = m.cameo "
               f"WHERE {where} ORDER BY {order}")
        if f.limit is not None or f.offset:
            sql += " LIMIT ? OFFSET ?"
            params = [*params, -1 if f.limit is None else f.limit, f.offset]
        n = len(_READ_COLUMNS.split(","))
        try:
            cursor = self.conn.execute(sql, params)
            while rows := cursor.fetchmany(2000):
                for r in rows:
                    rolled = None if r[n] is None else (event_uid(r[n], r[n + 1], r[n + 2], r[n + 3]), r[n + 4],
                                                        r[n + 5], r[n + 6])
                    yield _event_from_row(r[:n]), rolled
        except sqlite3.Error as err:
            raise StoreError(f"query on {self.path} failed: {err}") from err

    def count(self, filters: EventFilter | None = None, *, unit: str = "events") -> int:
        """How many real-world events (``unit="events"``, the roll-up) or mentions match."""
        f = filters or EventFilter()
        if _unit(unit) == "mentions":
            where, params = where_clause(f)
            return int(self._read(f"SELECT count(*) FROM mentions WHERE {where}", params)[0][0])
        where, params = event_where(f)
        return int(self._read(f"SELECT count(*) FROM events WHERE {where}", params)[0][0])

    # ------------------------------------------------------------ counts
    def count_by(
        self,
        by: str,
        filters: EventFilter | None = None,
        *,
        limit: int | None = None,
        unit: str = "events",
        countryless: str = "show",
    ) -> list[CountRow]:
        """Counts of events that happened (negated mentions are never events; with
        ``unit="mentions"`` they count only when ``filters.negated`` asks for them).

        ``by``: one of :data:`COUNT_BY`.  Months and years come in date order, everything
        else by count (largest first).  ``unit``: ``events`` (real-world events: the
        roll-up, a symmetric pair and a reprint's copy counted once) or ``mentions``
        (sentences).  ``countryless`` (counts by dyad, source or target): ``show`` actors
        of no known country (bare ``GOV``, ``EDU`` ...), ``group`` them under
        :data:`~eventcoder.store.query.NO_COUNTRY`, or ``hide`` them.  Uses the summary
        tables when the filters allow.
        """
        if by not in COUNT_BY:
            raise ConfigError(f"cannot count by {by!r}; choose one of {', '.join(COUNT_BY)}")
        f = filters or EventFilter()
        _countryless(countryless)
        if f.negated is None:
            f = replace(f, negated=False)
        keys = list(_BY_SQL[by])
        extra = ""
        if by in _ACTOR_KEYS and countryless != "show":
            if countryless == "group":
                keys = [f"CASE WHEN {has_country_sql(k)} THEN {k} ELSE '{NO_COUNTRY}' END" for k in keys]
            else:
                extra = "".join(f" AND {has_country_sql(k)}" for k in _ACTOR_KEYS[by])
        key_sql = ", ".join(keys)
        if _unit(unit) == "events":
            summary = event_summary_where(f) if by in _SUMMARY_BY else None
            table, rows_where = ("event_month", summary) if summary is not None else ("events", event_where(f))
        else:
            summary = summary_where(f) if by in _SUMMARY_BY else None
            table, rows_where = ("dyad_month", summary) if summary is not None else ("mentions", where_clause(f))
        where, params = rows_where
        if table in ("event_month", "dyad_month"):
            sql = f"SELECT {key_sql}, sum(events), sum(goldstein_sum) / sum(events) FROM {table} WHERE {where}"
        else:
            sql = f"SELECT {key_sql}, count(*), avg(goldstein) FROM {table} WHERE {where}"
        sql += extra
        if by == "dyad":
            sql += " AND source_code != '' AND target_code != ''"
        group = ", ".join(str(i + 1) for i in range(len(keys)))
        sql += f" GROUP BY {group}"
        sql += f" ORDER BY {group}" if by in _CHRONOLOGICAL else f" ORDER BY {len(keys) + 1} DESC, {group}"
        if limit is not None:
            sql += " LIMIT ?"
            params = [*params, int(limit)]
        n = len(keys)
        return [
            CountRow(tuple(str(v) for v in row[:n]), int(row[n]), None if row[n + 1] is None else float(row[n + 1]))
            for row in self._read(sql, params)
        ]

    def top_dyads(self, n: int = 20, filters: EventFilter | None = None, *, unit: str = "events") -> list[CountRow]:
        return self.count_by("dyad", filters, limit=n, unit=unit)

    def dyad_timeline(
        self, a: str, b: str, *, directed: bool = False, since: str | None = None, until: str | None = None,
        unit: str = "events",
    ) -> list[TimelineRow]:
        """Events between ``a`` and ``b`` (codes or prefixes) by month and QuadClass."""
        f = EventFilter(dyad=(a, b), directed=directed, since=since, until=until, negated=False)
        return [r for r in self.timeline(f, interval="month", unit=unit, undated_months=True)]

    def timeline(
        self, filters: EventFilter | None = None, *, interval: str = "month", unit: str = "events",
        undated_months: bool = False,
    ) -> list[TimelineRow]:
        """Events that happened, by period and QuadClass, in date order.

        ``interval="month"``: ``TimelineRow.month`` is ``YYYY-MM`` (events dated to the
        month or day; from the summaries when the filters allow; ``undated_months=True``
        keeps the year-only ``YYYY`` and undated ``''`` rows too).  ``interval="week"``:
        it is the Monday (``YYYY-MM-DD``) of the event's week (events dated to the day).
        """
        if interval not in ("month", "week"):
            raise ConfigError(f"interval {interval!r} must be month or week")
        f = filters or EventFilter()
        if f.negated is None:
            f = replace(f, negated=False)
        events = _unit(unit) == "events"
        summary = None
        if interval == "month":
            summary = event_summary_where(f) if events else summary_where(f)
        month_keep = "1" if undated_months else "length(month) = 7"
        if summary is not None:
            where, params = summary
            table = "event_month" if events else "dyad_month"
            sql = (f"SELECT month, quad_class, sum(events), sum(goldstein_sum) / sum(events) FROM {table} "
                   f"WHERE {where} AND {month_keep} GROUP BY month, quad_class ORDER BY month, quad_class")
        else:
            where, params = event_where(f) if events else where_clause(f)
            table = "events" if events else "mentions"
            if interval == "month":
                period, keep = "month", month_keep
            else:  # the Monday on or before the date
                period = "date(date, '-' || ((CAST(strftime('%w', date) AS INTEGER) + 6) % 7) || ' days')"
                keep = "length(date) = 10"
            sql = (f"SELECT {period} AS period, quad_class, count(*), avg(goldstein) FROM {table} "
                   f"WHERE {where} AND {keep} GROUP BY period, quad_class ORDER BY period, quad_class")
        return [
            TimelineRow(str(p), int(q), int(n), None if g is None else float(g))
            for p, q, n, g in self._read(sql, params)
            if p is not None
        ]

    def locations(self, filters: EventFilter | None = None, *, limit: int = 1000, unit: str = "events") -> list[LocationRow]:
        """Places of the matching events that have coordinates, most events first (an
        event whose mentions name two places counts at both)."""
        f = filters or EventFilter()
        if f.negated is None:
            f = replace(f, negated=False)
        placed = ("location IS NOT NULL AND json_extract(location, '$.lat') IS NOT NULL "
                  "AND json_extract(location, '$.lon') IS NOT NULL")
        if _unit(unit) == "events":
            where, params = event_where(f)
            match = "" if where == "1" else (
                f" AND (key_date, key_source, key_target, cameo) IN "
                f"(SELECT date, source_code, target_code, cameo FROM events WHERE {where})")
            count = "count(DISTINCT key_date || char(31) || key_source || char(31) || key_target || char(31) || cameo)"
            sql = (f"SELECT min(location), {count}, avg(goldstein) FROM mentions WHERE negated = 0 AND {placed}{match} "
                   "GROUP BY json_extract(location, '$.lat'), json_extract(location, '$.lon') ORDER BY 2 DESC LIMIT ?")
        else:
            where, params = where_clause(f)
            sql = (f"SELECT min(location), count(*), avg(goldstein) FROM mentions WHERE {where} AND {placed} "
                   "GROUP BY json_extract(location, '$.lat'), json_extract(location, '$.lon') ORDER BY 2 DESC LIMIT ?")
        out = []
        for location, n, g in self._read(sql, [*params, int(limit)]):
            place = json.loads(location)
            out.append(
                LocationRow(
                    name=place.get("canonical") or place.get("name") or "",
                    country=place.get("country"),
                    lat=float(place["lat"]),
                    lon=float(place["lon"]),
                    events=int(n),
                    mean_goldstein=None if g is None else float(g),
                )
            )
        return out

    # ------------------------------------------------------------ reading: real-world events
    def rollup(self, filters: EventFilter | None = None) -> Iterator[RolledUpEvent]:
        """The real-world events (roll-up rows) matching ``filters`` (event-level: see
        :func:`~eventcoder.store.query.event_where`), each with its first mention, by date
        (``newest_first`` reverses it) with ``limit``/``offset`` paging."""
        f = filters or EventFilter()
        if f.negated is None:
            f = replace(f, negated=False)
        where, params = event_where(f, table="e")
        cols = ", ".join(f"m.{c.strip()}" for c in _READ_COLUMNS.split(","))
        order = "e.date DESC, e.id DESC" if f.newest_first else "e.date, e.id"
        sql = (f"SELECT e.date, e.source_code, e.target_code, e.cameo, e.cameo_root, e.quad_class, e.goldstein, "
               f"e.mentions, e.articles, e.sources, e.symmetric, e.plover_type, {cols} FROM events AS e "
               f"JOIN mentions AS m ON m.id = e.first_mention WHERE {where} ORDER BY {order}")
        if f.limit is not None or f.offset:
            sql += " LIMIT ? OFFSET ?"
            params = [*params, -1 if f.limit is None else f.limit, f.offset]
        try:
            cursor = self.conn.execute(sql, params)
            while rows := cursor.fetchmany(2000):
                for r in rows:
                    yield RolledUpEvent(
                        date=r[0], source_code=r[1], target_code=r[2], cameo=r[3], cameo_root=r[4],
                        quad_class=r[5], goldstein=r[6], mentions=r[7], articles=r[8], sources=r[9],
                        symmetric=bool(r[10]), plover_type=r[11], first_mention=_event_from_row(r[12:]),
                    )
        except sqlite3.Error as err:
            raise StoreError(f"query on {self.path} failed: {err}") from err

    def event_of(self, event: Event) -> RolledUpEvent | None:
        """The real-world event a mention belongs to (``None`` for a denial)."""
        rows = self._read(
            "SELECT key_date, key_source, key_target, cameo FROM mentions WHERE event_id = ? AND doc_id = ? "
            "AND negated = 0 ORDER BY id LIMIT 1", (event.event_id, event.doc_id),
        )
        if not rows:
            return None
        cols = ", ".join(f"m.{c.strip()}" for c in _READ_COLUMNS.split(","))
        found = self._read(
            f"SELECT e.date, e.source_code, e.target_code, e.cameo, e.cameo_root, e.quad_class, e.goldstein, "
            f"e.mentions, e.articles, e.sources, e.symmetric, e.plover_type, {cols} FROM events AS e "
            "JOIN mentions AS m ON m.id = e.first_mention WHERE e.date = ? AND e.source_code = ? "
            "AND e.target_code = ? AND e.cameo = ?", rows[0],
        )
        if not found:
            return None
        r = found[0]
        return RolledUpEvent(date=r[0], source_code=r[1], target_code=r[2], cameo=r[3], cameo_root=r[4],
                             quad_class=r[5], goldstein=r[6], mentions=r[7], articles=r[8], sources=r[9],
                             symmetric=bool(r[10]), plover_type=r[11], first_mention=_event_from_row(r[12:]))

    # ------------------------------------------------------------ web UI queries
    def event(self, event_id: str) -> Event | None:
        """The stored mention with this ``event_id`` (the earliest stored, should two share it)."""
        rows = self._read(f"SELECT {_READ_COLUMNS} FROM mentions WHERE event_id = ? ORDER BY id LIMIT 1", (event_id,))
        return _event_from_row(rows[0]) if rows else None

    def same_event(self, event: Event, *, limit: int = 100) -> list[Event]:
        """The other mentions rolled up with ``event`` (the same real-world event: same
        roll-up key, not negated; a symmetric pair's other direction and a reprint's copy
        included), in storage order."""
        key = self._read(
            "SELECT key_date, key_source, key_target, cameo FROM mentions WHERE event_id = ? AND doc_id = ? "
            "AND negated = 0 ORDER BY id LIMIT 1", (event.event_id, event.doc_id),
        )
        if not key:
            return []
        rows = self._read(
            f"SELECT {_READ_COLUMNS} FROM mentions WHERE key_date = ? AND key_source = ? AND key_target = ? "
            "AND cameo = ? AND negated = 0 AND NOT (event_id = ? AND doc_id = ?) ORDER BY id LIMIT ?",
            (*key[0], event.event_id, event.doc_id, int(limit)),
        )
        return [_event_from_row(r) for r in rows]

    # ------------------------------------------------------------ documents
    def documents(self, *, status: str | None = None, limit: int | None = 100, offset: int = 0) -> list[DocumentRow]:
        sql = f"SELECT {_DOC_COLUMNS} FROM documents"
        params: list[Any] = []
        if status is not None:
            sql += " WHERE status = ?"
            params.append(status)
        sql += " ORDER BY doc_id LIMIT ? OFFSET ?"
        params += [-1 if limit is None else limit, offset]
        return [_document_row(r) for r in self._read(sql, params)]

    def document(self, doc_id: str) -> DocumentRow | None:
        rows = self._read(f"SELECT {_DOC_COLUMNS} FROM documents WHERE doc_id = ?", (doc_id,))
        return _document_row(rows[0]) if rows else None

    def document_text(self, doc_id: str) -> str | None:
        rows = self._read("SELECT text FROM documents WHERE doc_id = ?", (doc_id,))
        return rows[0][0] if rows else None

    def stats(self) -> dict[str, int]:
        """Row counts: documents (coded / failed / reprints / undated), mentions, rolled-up events."""
        (docs, coded, failed, copies, undated), = self._read(
            "SELECT count(*), coalesce(sum(status = 'coded'), 0), coalesce(sum(status = 'failed'), 0), "
            "coalesce(sum(reprint_of IS NOT NULL), 0), coalesce(sum(published IS NULL), 0) FROM documents"
        )
        return {
            "documents": docs,
            "coded": coded,
            "failed": failed,
            "reprints": copies,
            "undated": undated,
            "mentions": self._read("SELECT count(*) FROM mentions")[0][0],
            "events": self._read("SELECT count(*) FROM events")[0][0],
        }

    def doc_context(self) -> dict[str, tuple[str | None, str | None, str | None, str | None, str | None]]:
        """``doc_id -> (url, title, publisher, published, coded_at)`` for the exports."""
        return {r[0]: tuple(r[1:]) for r in self._read(
            "SELECT doc_id, url, title, publisher, published, coded_at FROM documents")}

    # ------------------------------------------------------------ outputs
    def to_pandas(self, filters: EventFilter | None = None, *, unit: str = "events") -> Any:
        """The matching events as a pandas DataFrame with typed columns (``docs/store.md``):
        one row per real-world event (``unit="events"``, its first mention plus the counts)
        or per mention; ``date`` is a datetime (the first day of a month or year for coarser
        dates; see ``date_precision``), codes are strings (leading zeros kept)."""
        from ..export import analyst_rows, to_frame

        return to_frame(analyst_rows(self, filters, unit=_unit(unit)))

    def to_dataframe(self, filters: EventFilter | None = None, *, unit: str = "mentions") -> Any:
        """Kept for older scripts: :meth:`to_pandas` with one row per mention by default."""
        return self.to_pandas(filters, unit=unit)

    def export(
        self, path: str | Path, fmt: str, *, force: bool = False, filters: EventFilter | None = None,
        unit: str | None = None,
    ) -> int:
        """Write the matching events to a file (see :func:`eventcoder.export.write_store`);
        returns the number of rows written."""
        from ..export import write_store

        return write_store(self, path, fmt, force=force, filters=filters, unit=unit).rows
