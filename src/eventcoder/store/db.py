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
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import ConfigError, ResourceNotFound, StoreError
from ..model import Article, Event, Place, Plover, actor_from_dict, evidence_from_dict, to_dict
from .query import COUNT_BY, EventFilter, summary_where, where_clause
from .schema import SCHEMA_VERSION, migrate, schema_version

__all__ = [
    "Store",
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
    "coder, publisher, reported_by, symmetric"
)
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


_BY_SQL = {  # key expressions over mentions / dyad_month
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
_SUMMARY_BY = {"month", "year", "dyad", "source", "target", "quad"}
_CHRONOLOGICAL = {"month", "year"}


class Store:
    """An event database file.  ``readonly=True`` opens an existing one for queries only."""

    def __init__(self, path: str | Path, readonly: bool = False, *, timeout: float = 30.0) -> None:
        self.path = Path(path)
        self.readonly = readonly
        try:
            if readonly:
                if not self.path.exists():
                    raise StoreError(
                        f"no event database at {self.path}; create one with `eventcoder ingest INPUT --db {self.path}`"
                    )
                uri = self.path.absolute().as_uri() + "?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, timeout=timeout, isolation_level=None, check_same_thread=False)
            else:
                if self.path.parent and not self.path.parent.exists():
                    raise StoreError(f"cannot create {self.path}: folder {self.path.parent} does not exist")
                self.conn = sqlite3.connect(self.path, timeout=timeout, isolation_level=None, check_same_thread=False)
            self.conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            self.conn.execute("PRAGMA foreign_keys = ON")
            if readonly:
                version = schema_version(self.conn)
                if version != SCHEMA_VERSION:
                    raise StoreError(
                        f"{self.path} has schema version {version}, this eventcoder reads {SCHEMA_VERSION}; "
                        "open it once for writing (e.g. `eventcoder ingest`) to migrate it"
                        if version < SCHEMA_VERSION
                        else f"{self.path} was written by a newer eventcoder; upgrade eventcoder"
                    )
            else:
                self.conn.execute("PRAGMA journal_mode = WAL")
                # NORMAL in WAL mode: a crash of the process never loses a commit; a power
                # cut may lose the last ones, which a rerun of the ingest redoes.
                self.conn.execute("PRAGMA synchronous = NORMAL")
                migrate(self.conn)
        except sqlite3.DatabaseError as err:
            raise StoreError(f"cannot open {self.path} as an event database: {err}") from err

    # ------------------------------------------------------------ housekeeping
    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as err:
            raise StoreError(f"query on {self.path} failed: {err}") from err

    def set_meta(self, key: str, value: Any) -> None:
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value, ensure_ascii=False)),
        )

    def meta(self) -> dict[str, Any]:
        return {k: json.loads(v) for k, v in self._read("SELECT key, value FROM meta ORDER BY key")}

    # ------------------------------------------------------------ writing
    def known(self, doc_ids: Iterable[str]) -> dict[str, tuple[str, str]]:
        """``doc_id -> (content_hash, status)`` for those of ``doc_ids`` already stored."""
        ids = list(dict.fromkeys(doc_ids))
        found: dict[str, tuple[str, str]] = {}
        for i in range(0, len(ids), 500):
            chunk = ids[i : i + 500]
            marks = ", ".join("?" * len(chunk))
            for doc_id, digest, status in self._read(
                f"SELECT doc_id, content_hash, status FROM documents WHERE doc_id IN ({marks})", chunk
            ):
                found[doc_id] = (digest, status)
        return found

    def write_batch(self, documents: Sequence[StoredDocument]) -> BatchResult:
        """Store documents (replacing any earlier version and its events) in one transaction."""
        if self.readonly:
            raise StoreError(f"{self.path} is open read-only")
        now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        added = removed = 0
        rollup_keys: set[tuple[str, str, str, str]] = set()
        summary_keys: set[tuple[str, str, str, int]] = set()
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
            for doc in documents:
                a = doc.article
                for date, src, tgt, cameo, month, quad in conn.execute(
                    "SELECT date, source_code, target_code, cameo, month, quad_class FROM mentions "
                    "WHERE doc_id = ? AND negated = 0",
                    (a.doc_id,),
                ):
                    rollup_keys.add((date, src, tgt, cameo))
                    summary_keys.add((src, tgt, month, quad))
                removed += conn.execute("DELETE FROM mentions WHERE doc_id = ?", (a.doc_id,)).rowcount
                metadata = {
                    "byline": list(a.byline),
                    "dateline": a.dateline,
                    "language": a.language,
                    "captions": list(a.captions),
                    "warnings": list(a.warnings),
                }
                conn.execute(
                    "INSERT INTO documents (doc_id, content_hash, status, error, title, publisher, published, url, "
                    "source_path, metadata, text, n_events, coder, coded_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (doc_id) DO UPDATE SET content_hash = excluded.content_hash, "
                    "status = excluded.status, error = excluded.error, title = excluded.title, "
                    "publisher = excluded.publisher, published = excluded.published, url = excluded.url, "
                    "source_path = excluded.source_path, metadata = excluded.metadata, text = excluded.text, "
                    "n_events = excluded.n_events, coder = excluded.coder, coded_at = excluded.coded_at",
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
                    ),
                )
                publisher = _source_of(a)
                rows = [_mention_row(e, a.doc_id, i, publisher) for i, e in enumerate(doc.events)]
                conn.executemany(
                    f"INSERT INTO mentions ({_MENTION_COLUMNS}) VALUES ({', '.join('?' * 28)})", rows
                )
                added += len(rows)
                for r in rows:
                    if not r[20]:  # negated
                        rollup_keys.add((r[7], r[10], r[11], r[14]))
                        summary_keys.add((r[10], r[11], r[9], r[16]))
            self._refresh_rollup(rollup_keys)
            self._refresh_summary(summary_keys)
            conn.execute("COMMIT")
        except BaseException as err:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(err, sqlite3.Error):
                raise StoreError(f"writing to {self.path} failed: {err}") from err
            raise
        return BatchResult(len(documents), added, removed)

    def _refresh_rollup(self, keys: Iterable[tuple[str, str, str, str]]) -> None:
        for key in keys:
            row = self.conn.execute(
                "SELECT count(*), count(DISTINCT doc_id), count(DISTINCT publisher), min(id) FROM mentions "
                "WHERE date = ? AND source_code = ? AND target_code = ? AND cameo = ? AND negated = 0",
                key,
            ).fetchone()
            if not row[0]:
                self.conn.execute(
                    "DELETE FROM events WHERE date = ? AND source_code = ? AND target_code = ? AND cameo = ?", key
                )
                continue
            self.conn.execute(
                "INSERT INTO events (date, source_code, target_code, cameo, cameo_root, quad_class, goldstein, "
                "mentions, articles, sources, first_mention) "
                "SELECT date, source_code, target_code, cameo, cameo_root, quad_class, goldstein, ?, ?, ?, id "
                "FROM mentions WHERE id = ? "
                "ON CONFLICT (date, source_code, target_code, cameo) DO UPDATE SET "
                "cameo_root = excluded.cameo_root, quad_class = excluded.quad_class, goldstein = excluded.goldstein, "
                "mentions = excluded.mentions, articles = excluded.articles, sources = excluded.sources, "
                "first_mention = excluded.first_mention",
                (row[0], row[1], row[2], row[3]),
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
        """Recompute ``events`` and ``dyad_month`` from ``mentions`` (repair, bulk loads)."""
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("DELETE FROM events")
            conn.execute(
                "INSERT INTO events (date, source_code, target_code, cameo, cameo_root, quad_class, goldstein, "
                "mentions, articles, sources, first_mention) "
                "SELECT m.date, m.source_code, m.target_code, m.cameo, f.cameo_root, f.quad_class, f.goldstein, "
                "g.n, g.a, g.s, g.first FROM (SELECT date, source_code, target_code, cameo, count(*) AS n, "
                "count(DISTINCT doc_id) AS a, count(DISTINCT publisher) AS s, min(id) AS first FROM mentions "
                "WHERE negated = 0 GROUP BY date, source_code, target_code, cameo) AS g "
                "JOIN mentions AS m ON m.id = g.first JOIN mentions AS f ON f.id = g.first"
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

    # ------------------------------------------------------------ reading
    def events(self, filters: EventFilter | None = None) -> list[Event]:
        """The events (mentions) matching ``filters``, by date then storage order."""
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

    def count(self, filters: EventFilter | None = None) -> int:
        where, params = where_clause(filters or EventFilter())
        return int(self._read(f"SELECT count(*) FROM mentions WHERE {where}", params)[0][0])

    def count_by(self, by: str, filters: EventFilter | None = None, *, limit: int | None = None) -> list[CountRow]:
        """Counts of events that happened (negated mentions excluded unless ``filters.negated``).

        ``by``: one of :data:`COUNT_BY`.  Months and years come in date order, everything
        else by count (largest first).  Uses the ``dyad_month`` summary when it can.
        """
        if by not in COUNT_BY:
            raise ConfigError(f"cannot count by {by!r}; choose one of {', '.join(COUNT_BY)}")
        f = filters or EventFilter()
        if f.negated is None:
            f = replace(f, negated=False)
        keys = _BY_SQL[by]
        key_sql = ", ".join(keys)
        summary = summary_where(f) if by in _SUMMARY_BY else None
        if summary is not None:
            where, params = summary
            sql = (f"SELECT {key_sql}, sum(events), sum(goldstein_sum) / sum(events) FROM dyad_month "
                   f"WHERE {where}")
        else:
            where, params = where_clause(f)
            sql = f"SELECT {key_sql}, count(*), avg(goldstein) FROM mentions WHERE {where}"
        if by == "dyad":
            sql += " AND source_code != '' AND target_code != ''"
        sql += f" GROUP BY {key_sql}"
        sql += f" ORDER BY {key_sql}" if by in _CHRONOLOGICAL else f" ORDER BY {len(keys) + 1} DESC, {key_sql}"
        if limit is not None:
            sql += " LIMIT ?"
            params = [*params, int(limit)]
        n = len(keys)
        return [
            CountRow(tuple(str(v) for v in row[:n]), int(row[n]), None if row[n + 1] is None else float(row[n + 1]))
            for row in self._read(sql, params)
        ]

    def top_dyads(self, n: int = 20, filters: EventFilter | None = None) -> list[CountRow]:
        return self.count_by("dyad", filters, limit=n)

    def dyad_timeline(
        self, a: str, b: str, *, directed: bool = False, since: str | None = None, until: str | None = None
    ) -> list[TimelineRow]:
        """Events between ``a`` and ``b`` (codes or prefixes) by month and QuadClass."""
        f = EventFilter(dyad=(a, b), directed=directed, since=since, until=until, negated=False)
        where, params = summary_where(f) or ("0", [])
        rows = self._read(
            "SELECT month, quad_class, sum(events), sum(goldstein_sum) / sum(events) FROM dyad_month "
            f"WHERE {where} GROUP BY month, quad_class ORDER BY month, quad_class",
            params,
        )
        if not rows and summary_where(f) is None:  # day bounds: count the mentions instead
            w, p = where_clause(f)
            rows = self._read(
                f"SELECT month, quad_class, count(*), avg(goldstein) FROM mentions WHERE {w} "
                "GROUP BY month, quad_class ORDER BY month, quad_class",
                p,
            )
        return [TimelineRow(m, int(q), int(n), None if g is None else float(g)) for m, q, n, g in rows]

    def rollup(self, filters: EventFilter | None = None) -> Iterator[RolledUpEvent]:
        """The roll-up rows (one per real-world event); ``filters`` apply to its first mention."""
        where, params = where_clause(filters or EventFilter(), table="m")
        cols = ", ".join(f"m.{c.strip()}" for c in _READ_COLUMNS.split(","))
        sql = (f"SELECT e.date, e.source_code, e.target_code, e.cameo, e.cameo_root, e.quad_class, e.goldstein, "
               f"e.mentions, e.articles, e.sources, {cols} FROM events AS e "
               f"JOIN mentions AS m ON m.id = e.first_mention WHERE {where} ORDER BY e.date, e.id")
        try:
            cursor = self.conn.execute(sql, params)
            while rows := cursor.fetchmany(2000):
                for r in rows:
                    yield RolledUpEvent(
                        date=r[0], source_code=r[1], target_code=r[2], cameo=r[3], cameo_root=r[4],
                        quad_class=r[5], goldstein=r[6], mentions=r[7], articles=r[8], sources=r[9],
                        first_mention=_event_from_row(r[10:]),
                    )
        except sqlite3.Error as err:
            raise StoreError(f"query on {self.path} failed: {err}") from err

    # ------------------------------------------------------------ web UI queries
    def event(self, event_id: str) -> Event | None:
        """The stored mention with this ``event_id`` (the earliest stored, should two share it)."""
        rows = self._read(f"SELECT {_READ_COLUMNS} FROM mentions WHERE event_id = ? ORDER BY id LIMIT 1", (event_id,))
        return _event_from_row(rows[0]) if rows else None

    def same_event(self, event: Event, *, limit: int = 100) -> list[Event]:
        """The other mentions rolled up with ``event`` (same date, source, target and full
        CAMEO code, not negated), in storage order."""
        rows = self._read(
            f"SELECT {_READ_COLUMNS} FROM mentions WHERE date = ? AND source_code = ? AND target_code = ? "
            "AND cameo = ? AND negated = 0 AND event_id != ? ORDER BY id LIMIT ?",
            (
                event.date or "",
                event.source.code if event.source else "",
                event.target.code if event.target else "",
                event.cameo,
                event.event_id,
                int(limit),
            ),
        )
        return [_event_from_row(r) for r in rows]

    def timeline(self, filters: EventFilter | None = None, *, interval: str = "month") -> list[TimelineRow]:
        """Events that happened, by period and QuadClass, in date order.

        ``interval="month"``: ``TimelineRow.month`` is ``YYYY-MM`` (events dated to the
        month or day; from ``dyad_month`` when the filters allow).  ``interval="week"``:
        it is the Monday (``YYYY-MM-DD``) of the event's week (events dated to the day).
        """
        if interval not in ("month", "week"):
            raise ConfigError(f"interval {interval!r} must be month or week")
        f = filters or EventFilter()
        if f.negated is None:
            f = replace(f, negated=False)
        summary = summary_where(f) if interval == "month" else None
        if summary is not None:
            where, params = summary
            sql = ("SELECT month, quad_class, sum(events), sum(goldstein_sum) / sum(events) FROM dyad_month "
                   f"WHERE {where} AND length(month) = 7 GROUP BY month, quad_class ORDER BY month, quad_class")
        else:
            where, params = where_clause(f)
            if interval == "month":
                period, keep = "month", "length(month) = 7"
            else:  # the Monday on or before the date
                period = "date(date, '-' || ((CAST(strftime('%w', date) AS INTEGER) + 6) % 7) || ' days')"
                keep = "length(date) = 10"
            sql = (f"SELECT {period} AS period, quad_class, count(*), avg(goldstein) FROM mentions "
                   f"WHERE {where} AND {keep} GROUP BY period, quad_class ORDER BY period, quad_class")
        return [
            TimelineRow(str(p), int(q), int(n), None if g is None else float(g))
            for p, q, n, g in self._read(sql, params)
            if p is not None
        ]

    def locations(self, filters: EventFilter | None = None, *, limit: int = 1000) -> list[LocationRow]:
        """Places of the matching events that have coordinates, most events first."""
        f = filters or EventFilter()
        if f.negated is None:
            f = replace(f, negated=False)
        where, params = where_clause(f)
        sql = (
            "SELECT min(location), count(*), avg(goldstein) FROM mentions "
            f"WHERE {where} AND location IS NOT NULL AND json_extract(location, '$.lat') IS NOT NULL "
            "AND json_extract(location, '$.lon') IS NOT NULL "
            "GROUP BY json_extract(location, '$.lat'), json_extract(location, '$.lon') "
            "ORDER BY 2 DESC LIMIT ?"
        )
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

    # ------------------------------------------------------------ documents
    def documents(self, *, status: str | None = None, limit: int | None = 100, offset: int = 0) -> list[DocumentRow]:
        sql = ("SELECT doc_id, content_hash, status, error, title, publisher, published, url, source_path, "
               "metadata, n_events, coded_at FROM documents")
        params: list[Any] = []
        if status is not None:
            sql += " WHERE status = ?"
            params.append(status)
        sql += " ORDER BY doc_id LIMIT ? OFFSET ?"
        params += [-1 if limit is None else limit, offset]
        return [
            DocumentRow(
                doc_id=r[0], content_hash=r[1], status=r[2], error=r[3], title=r[4], publisher=r[5],
                published=r[6], url=r[7], source_path=r[8], metadata=json.loads(r[9]), n_events=r[10],
                coded_at=r[11],
            )
            for r in self._read(sql, params)
        ]

    def document(self, doc_id: str) -> DocumentRow | None:
        rows = self._read(
            "SELECT doc_id, content_hash, status, error, title, publisher, published, url, source_path, "
            "metadata, n_events, coded_at FROM documents WHERE doc_id = ?",
            (doc_id,),
        )
        if not rows:
            return None
        r = rows[0]
        return DocumentRow(
            doc_id=r[0], content_hash=r[1], status=r[2], error=r[3], title=r[4], publisher=r[5],
            published=r[6], url=r[7], source_path=r[8], metadata=json.loads(r[9]), n_events=r[10], coded_at=r[11],
        )

    def document_text(self, doc_id: str) -> str | None:
        rows = self._read("SELECT text FROM documents WHERE doc_id = ?", (doc_id,))
        return rows[0][0] if rows else None

    def stats(self) -> dict[str, int]:
        """Row counts: documents (coded / failed), mentions, rolled-up events."""
        (docs, coded, failed), = self._read(
            "SELECT count(*), coalesce(sum(status = 'coded'), 0), coalesce(sum(status = 'failed'), 0) FROM documents"
        )
        return {
            "documents": docs,
            "coded": coded,
            "failed": failed,
            "mentions": self._read("SELECT count(*) FROM mentions")[0][0],
            "events": self._read("SELECT count(*) FROM events")[0][0],
        }

    # ------------------------------------------------------------ outputs
    def to_dataframe(self, filters: EventFilter | None = None) -> Any:
        """The matching events as a pandas DataFrame with the flat CSV columns."""
        try:
            import pandas as pd
        except ImportError as err:
            raise ResourceNotFound("to_dataframe needs pandas; run: pip install 'eventcoder[pandas]'") from err
        from ..export import CSV_COLUMNS, to_csv_row

        return pd.DataFrame([to_csv_row(e) for e in self.iter_events(filters)], columns=list(CSV_COLUMNS))

    def export(self, path: str | Path, fmt: str, *, force: bool = False, filters: EventFilter | None = None) -> int:
        """Write the events to a file (see :func:`eventcoder.export.write_events`).

        ``gdelt`` writes the roll-up, one row per real-world event with its counts, the
        URL of its first article and when that article was coded; the other formats
        write every mention.
        """
        from ..export import GdeltContext, write_events

        if fmt != "gdelt":
            return write_events(self.iter_events(filters), path, fmt, force=force)
        docs = {
            doc_id: (url or "", (coded_at or "").replace("-", "").replace(":", "").replace("T", "").rstrip("Z"))
            for doc_id, url, coded_at in self._read("SELECT doc_id, url, coded_at FROM documents")
        }
        current: list[GdeltContext] = []  # the context of the event just yielded

        def events() -> Iterator[Event]:
            for row in self.rollup(filters):
                url, added = docs.get(row.first_mention.doc_id, ("", ""))
                current[:] = [
                    GdeltContext(mentions=row.mentions, sources=row.sources, articles=row.articles, url=url, added=added)
                ]
                yield row.first_mention

        return write_events(events(), path, "gdelt", force=force, context=lambda _event: current[0])
