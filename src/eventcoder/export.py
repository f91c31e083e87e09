"""Event sinks: JSONL, CSV, a terminal table, Parquet, the GDELT 2.0 event table, and
ICEWS- and POLECAT-style tables.

Two entry points:

* :class:`EventWriter` streams events to an open text stream (``jsonl``, ``csv``,
  ``table``, ``gdelt``); the ``code`` and ``query`` commands use it on stdout.
* :func:`write_events` writes a file in any format, including ``parquet`` (binary, needs
  ``pip install 'eventcoder[parquet]'``).

* :func:`write_store` writes what a store holds, one row per real-world event (the
  default) or per mention, with the article's URL, title and publisher and the event's
  counts beside each row.

The column lists (:data:`CSV_COLUMNS`, :data:`GDELT_COLUMNS`, :data:`ICEWS_COLUMNS`,
:data:`POLECAT_COLUMNS`), their dtypes (:data:`CSV_DTYPES`) and the Parquet schema are
documented in ``docs/store.md``.  Readers for the round trip: :func:`read_jsonl`,
:func:`read_parquet`; :func:`read_csv_frame` reads a CSV export into pandas with the
documented dtypes.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from .errors import ConfigError, InputError, ResourceNotFound
from .model import Event, event_from_dict, to_dict

__all__ = [
    "FORMATS",
    "STREAM_FORMATS",
    "STORE_FORMATS",
    "CSV_COLUMNS",
    "CSV_DTYPES",
    "GDELT_COLUMNS",
    "ICEWS_COLUMNS",
    "POLECAT_COLUMNS",
    "GdeltContext",
    "RowContext",
    "ExportResult",
    "write_store",
    "analyst_rows",
    "to_frame",
    "read_csv_frame",
    "check_output_path",
    "date_value",
    "EventWriter",
    "write_events",
    "to_csv_row",
    "to_gdelt_row",
    "read_jsonl",
    "read_parquet",
    "parquet_schema",
    "parquet_record",
]

STREAM_FORMATS = ("jsonl", "csv", "table", "gdelt", "icews", "polecat")
FORMATS = ("jsonl", "csv", "table", "gdelt", "icews", "polecat", "parquet")
#: What ``eventcoder export`` (:func:`write_store`) writes.
STORE_FORMATS = ("jsonl", "csv", "parquet", "gdelt", "icews", "polecat")

_ACTOR_FIELDS = ("code", "text", "name", "country", "role", "country_source")

#: Flat CSV columns, in order (one row per event or mention).
CSV_COLUMNS: tuple[str, ...] = (
    "event_id",
    "event_uid",
    "doc_id",
    "sentence_index",
    "date",
    "date_precision",
    *(f"source_{f}" for f in _ACTOR_FIELDS),
    *(f"target_{f}" for f in _ACTOR_FIELDS),
    "cameo",
    "cameo_name",
    "cameo_root",
    "quad_class",
    "goldstein",
    "plover_type",
    "plover_mode",
    "negated",
    "modality",
    "symmetric",
    "reported_by_code",
    "reported_by_name",
    "location_name",
    "location_country",
    "location_admin1",
    "lat",
    "lon",
    "rule",
    "verb",
    "mentions",
    "articles",
    "sources",
    "url",
    "title",
    "publisher",
    "published",
    "sentence",
)

_INT_COLUMNS = ("sentence_index", "quad_class", "mentions", "articles", "sources")
_FLOAT_COLUMNS = ("goldstein", "lat", "lon")
_BOOL_COLUMNS = ("negated", "symmetric")
_DATE_COLUMNS = ("date", "published")
#: pandas dtypes of the CSV columns: ``pd.read_csv(path, dtype=CSV_DTYPES, parse_dates=["date",
#: "published"], keep_default_na=False, na_values=[""])`` (what :func:`read_csv_frame` does);
#: every code is a string, so ``cameo`` "010" stays "010".
CSV_DTYPES: dict[str, str] = {
    c: ("Int64" if c in _INT_COLUMNS else "Float64" if c in _FLOAT_COLUMNS else "boolean" if c in _BOOL_COLUMNS else "string")
    for c in CSV_COLUMNS if c not in _DATE_COLUMNS
}

#: ICEWS-style columns (the ICEWS coded event data, tab-separated, with a header).
ICEWS_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text", "CAMEO Code",
    "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID", "Sentence Number", "Publisher",
    "City", "District", "Province", "Country", "Latitude", "Longitude",
)  # fmt: skip

#: POLECAT-style columns (PLOVER types and modes, tab-separated, with a header): the
#: POLECAT columns we can fill, in its order.
POLECAT_COLUMNS: tuple[str, ...] = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Primary Actor Sector", "Actor Name Raw",
    "Recipient Name", "Recipient Country", "Primary Recipient Sector", "Recipient Name Raw",
    "Placename", "Province", "Country", "Latitude", "Longitude", "Feature Type",
    "Source", "Publication Date", "Story ID", "Sentence Number", "Number of Mentions", "Version",
)  # fmt: skip


def _geo_columns(prefix: str) -> tuple[str, ...]:
    return tuple(
        f"{prefix}_{name}"
        for name in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
    )


def _actor_columns(n: int) -> tuple[str, ...]:
    a = f"Actor{n}"
    return (
        f"{a}Code",
        f"{a}Name",
        f"{a}CountryCode",
        f"{a}KnownGroupCode",
        f"{a}EthnicCode",
        f"{a}Religion1Code",
        f"{a}Religion2Code",
        f"{a}Type1Code",
        f"{a}Type2Code",
        f"{a}Type3Code",
    )


#: The 61 columns of the GDELT 2.0 event table, in order.
GDELT_COLUMNS: tuple[str, ...] = (
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    *_actor_columns(1),
    *_actor_columns(2),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *_geo_columns("Actor1Geo"),
    *_geo_columns("Actor2Geo"),
    *_geo_columns("ActionGeo"),
    "DATEADDED",
    "SOURCEURL",
)


@dataclass(frozen=True, slots=True, kw_only=True)
class GdeltContext:
    """What a row needs beyond the Event: the roll-up's counts and id, the article's URL,
    title, publisher and date, and when it was added (GDELT's DATEADDED)."""

    mentions: int = 1
    sources: int = 1
    articles: int = 1
    added: str = ""  # YYYYMMDDHHMMSS (UTC)
    url: str = ""
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    event_uid: str | None = None
    counted: bool = False  # the counts come from a store's roll-up (else: unknown, left empty in CSV)


RowContext = GdeltContext


def date_value(date: str | None) -> dt.date | None:
    """An ISO date of any precision as a date (a month or a year: its first day)."""
    if not date:
        return None
    parts = date.split("-")
    try:
        return dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def _date_text(value: Any, precision: str | None) -> str | None:
    """The inverse of :func:`date_value` given the precision (Parquet read-back)."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    iso = value.isoformat()[:10]
    return iso[:7] if precision == "month" else iso[:4] if precision == "year" else iso


# ------------------------------------------------------------------ flat rows
def _fmt(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def to_csv_row(event: Event, context: GdeltContext | None = None) -> dict[str, Any]:
    """The event as one flat row keyed by :data:`CSV_COLUMNS` (values still typed; ``date``
    as a :class:`datetime.date`, the first day of a month or year for coarser dates)."""
    ctx = context or GdeltContext()
    row: dict[str, Any] = {
        "event_id": event.event_id,
        "event_uid": ctx.event_uid,
        "doc_id": event.doc_id,
        "sentence_index": event.sentence_index,
        "date": date_value(event.date),
        "date_precision": str(event.date_precision),
    }
    for side, actor in (("source", event.source), ("target", event.target)):
        for f in _ACTOR_FIELDS:
            row[f"{side}_{f}"] = getattr(actor, f) if actor is not None else None
    loc = event.location
    ev = event.evidence
    row.update(
        cameo=event.cameo,
        cameo_name=_cameo_name(event.cameo) or None,
        cameo_root=event.cameo_root,
        quad_class=event.quad_class,
        goldstein=event.goldstein,
        plover_type=event.plover.event_type if event.plover else None,
        plover_mode=event.plover.mode if event.plover else None,
        negated=event.negated,
        modality=str(event.modality),
        symmetric=event.symmetric,
        reported_by_code=event.reported_by.code if event.reported_by else None,
        reported_by_name=(event.reported_by.name or event.reported_by.text) if event.reported_by else None,
        location_name=loc.name if loc else None,
        location_country=loc.country if loc else None,
        location_admin1=loc.admin1 if loc else None,
        lat=loc.lat if loc else None,
        lon=loc.lon if loc else None,
        rule=ev.rule if ev else None,
        verb=ev.verb if ev else None,
        mentions=ctx.mentions if ctx.counted else None,
        articles=ctx.articles if ctx.counted else None,
        sources=ctx.sources if ctx.counted else None,
        url=ctx.url or None,
        title=ctx.title,
        publisher=ctx.publisher,
        published=date_value(ctx.published),
        sentence=event.sentence,
    )
    return row


def _gdelt_date(date: str | None) -> tuple[str, str, str, str]:
    """Day, MonthYear, Year, FractionDate from an ISO date of any precision."""
    if not date:
        return "", "", "", ""
    parts = date.split("-")
    year = parts[0]
    month = parts[1] if len(parts) > 1 else "01"
    day = parts[2] if len(parts) > 2 else "01"
    try:
        d = dt.date(int(year), int(month), int(day))
    except ValueError:
        return "", "", "", ""
    fraction = d.year + (d.timetuple().tm_yday - 1) / 365.0  # GDELT: year + day-of-year/365
    return d.strftime("%Y%m%d"), d.strftime("%Y%m"), f"{d.year:04d}", f"{fraction:.4f}"


def _gdelt_geo(place: Any, geo_type: str) -> list[str]:
    if place is None:
        return [""] * 8
    return [
        geo_type,
        place.canonical or place.name,
        place.country or "",
        place.admin1 or "",
        "",
        _fmt(place.lat),
        _fmt(place.lon),
        "",
    ]


_GEO_TYPE = {"country": "1", "admin1": "5", "state": "5"}  # else city/landmark: 4 (WORLDCITY)


def gdelt_event_id(event_id: str) -> int:
    """GlobalEventID: our hex event id's first 15 hex digits as an integer (fits in int64)."""
    try:
        return int(event_id[:15], 16)
    except ValueError:
        return int.from_bytes(event_id.encode("utf-8")[:7], "big")


def to_gdelt_row(event: Event, context: GdeltContext | None = None) -> list[str]:
    """The event as the 61 GDELT 2.0 columns (strings; what we do not produce stays empty)."""
    ctx = context or GdeltContext()
    day, month, year, fraction = _gdelt_date(event.date)
    row = [str(gdelt_event_id(event.event_id)), day, month, year, fraction]
    for actor in (event.source, event.target):
        if actor is None:
            row += [""] * 10
        else:
            row += [
                actor.code,
                (actor.name or actor.text).upper(),
                actor.country or "",
                actor.code[3:6] if actor.code.startswith(("IGO", "NGO")) else "",  # IGOUNO -> UNO
                "",
                "",
                "",
                actor.role or "",
                "",
                "",
            ]
    base = event.cameo[:3] if len(event.cameo) >= 3 else event.cameo
    row += [
        "1" if event.sentence_index == 0 else "0",  # GDELT: event in the lead paragraph
        event.cameo,
        base,
        event.cameo_root,
        str(event.quad_class),
        _fmt(event.goldstein),
        str(ctx.mentions),
        str(ctx.sources),
        str(ctx.articles),
        "",  # AvgTone: we do not score tone
    ]
    loc = event.location
    geo_type = _GEO_TYPE.get(loc.feature or "", "4") if loc else ""
    row += [""] * 8  # Actor1Geo: we locate events, not actors
    row += [""] * 8  # Actor2Geo
    row += _gdelt_geo(loc, geo_type)
    row += [ctx.added, ctx.url]
    return row


def _sectors(actor: Any) -> str:
    return actor.role or "" if actor is not None else ""


def _name(actor: Any) -> str:
    return (actor.name or actor.text or actor.code) if actor is not None else ""


def to_icews_row(event: Event, context: GdeltContext | None = None) -> list[str]:
    """The event as the :data:`ICEWS_COLUMNS` (strings)."""
    ctx = context or GdeltContext()
    loc = event.location
    day = date_value(event.date)
    city = loc.canonical or loc.name if loc is not None and (loc.feature or "city") not in ("country", "admin1", "state") else ""
    province = (loc.admin1 or (loc.canonical or loc.name if loc.feature in ("admin1", "state") else "")) if loc else ""
    return [
        ctx.event_uid or event.event_id,
        day.isoformat() if day else "",
        _name(event.source),
        _sectors(event.source),
        (event.source.country or "") if event.source else "",
        _cameo_name(event.cameo),
        event.cameo,
        _fmt(event.goldstein),
        _name(event.target),
        _sectors(event.target),
        (event.target.country or "") if event.target else "",
        event.doc_id,
        str(event.sentence_index + 1),
        ctx.publisher or "",
        city or "",
        "",
        province or "",
        (loc.country or "") if loc else "",
        _fmt(loc.lat) if loc else "",
        _fmt(loc.lon) if loc else "",
    ]


def to_polecat_row(event: Event, context: GdeltContext | None = None) -> list[str]:
    """The event as the :data:`POLECAT_COLUMNS` (strings)."""
    from . import __version__

    ctx = context or GdeltContext()
    loc = event.location
    day = date_value(event.date)
    published = date_value(ctx.published)
    plover = event.plover
    return [
        ctx.event_uid or event.event_id,
        day.isoformat() if day else "",
        plover.event_type if plover else "",
        (plover.mode or "") if plover else "",
        _fmt(event.goldstein),
        str(event.quad_class),
        "",  # contexts: not coded
        _name(event.source),
        (event.source.country or "") if event.source else "",
        _sectors(event.source),
        event.source.text if event.source else "",
        _name(event.target),
        (event.target.country or "") if event.target else "",
        _sectors(event.target),
        event.target.text if event.target else "",
        (loc.canonical or loc.name) if loc else "",
        (loc.admin1 or "") if loc else "",
        (loc.country or "") if loc else "",
        _fmt(loc.lat) if loc else "",
        _fmt(loc.lon) if loc else "",
        (loc.feature or "") if loc else "",
        ctx.publisher or "",
        published.isoformat() if published else "",
        event.doc_id,
        str(event.sentence_index + 1),
        str(ctx.mentions),
        f"eventcoder {__version__}",
    ]


_TSV_ROWS: dict[str, tuple[tuple[str, ...], Callable[[Event, GdeltContext | None], list[str]]]] = {
    "icews": (ICEWS_COLUMNS, to_icews_row),
    "polecat": (POLECAT_COLUMNS, to_polecat_row),
}


def _tsv_cells(cells: Iterable[str]) -> str:
    # tab-separated, no quoting: tabs and newlines inside values become spaces
    return "\t".join(" ".join(c.split()) if ("\t" in c or "\n" in c or "\r" in c) else c for c in cells)


# ------------------------------------------------------------------ table
def _cameo_name(code: str) -> str:
    """A short name for a CAMEO code, from the lexicon's code table."""
    from .events.lexicon import cameo_name

    return cameo_name(code)


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _actor_cell(actor: Any) -> str:
    if actor is None:
        return "-"
    label = actor.name or actor.text
    return f"{actor.code} ({label})" if label else actor.code


_TABLE = (("date", 10), ("source", 26), ("target", 26), ("cameo", 26), ("q", 1), ("gold", 5), ("flags", 9))


def _table_line(cells: Iterable[str]) -> str:
    return "  ".join(_cut(c, w).ljust(w) for c, (_, w) in zip(cells, _TABLE, strict=True)).rstrip()


def _table_cells(event: Event, context: GdeltContext | None = None) -> list[str]:
    flags = []
    if context is not None and context.counted and context.mentions > 1:
        flags.append(f"x{context.mentions}")
    if event.negated:
        flags.append("NOT")
    if str(event.modality) != "asserted":
        flags.append(str(event.modality)[:3])
    if event.symmetric:
        flags.append("sym")
    return [
        event.date or "",
        _actor_cell(event.source),
        _actor_cell(event.target),
        f"{event.cameo} {_cameo_name(event.cameo)}".strip(),
        str(event.quad_class),
        f"{event.goldstein:+.1f}",
        ",".join(flags),
    ]


# ------------------------------------------------------------------ writer
class EventWriter:
    """Stream events to a text stream in ``jsonl``, ``csv``, ``table`` or ``gdelt`` format.

    >>> writer = EventWriter(sys.stdout, "table")
    >>> for event in events: writer.write(event)
    >>> writer.close()   # flushes; does not close ``out``
    """

    def __init__(self, out: TextIO, fmt: str) -> None:
        if fmt not in STREAM_FORMATS:
            hint = " (parquet is binary: use write_events or `eventcoder export -o FILE`)" if fmt == "parquet" else ""
            raise ConfigError(f"unknown stream format {fmt!r}; choose one of {', '.join(STREAM_FORMATS)}{hint}")
        self.out = out
        self.fmt = fmt
        self.count = 0
        self._csv: csv.DictWriter[str] | None = None
        if fmt == "csv":
            self._csv = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
            self._csv.writeheader()
        elif fmt == "table":
            out.write(_table_line(h for h, _ in _TABLE).upper() + "\n")
        elif fmt in _TSV_ROWS:
            out.write("\t".join(_TSV_ROWS[fmt][0]) + "\n")

    def write(self, event: Event, context: GdeltContext | None = None) -> None:
        """Write one event; ``context`` adds the article's URL, title, publisher and the
        roll-up's counts (CSV, GDELT, ICEWS, POLECAT columns; JSONL keys ``event_uid``,
        ``mentions``, ``articles``, ``sources`` when they come from a store)."""
        if self._csv is not None:
            self._csv.writerow({k: _fmt(v) for k, v in to_csv_row(event, context).items()})
        elif self.fmt == "jsonl":
            record = to_dict(event)
            if context is not None and context.counted:
                record.update(event_uid=context.event_uid, mentions=context.mentions, articles=context.articles,
                              sources=context.sources)
            self.out.write(json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n")
        elif self.fmt == "gdelt":
            # GDELT files have no header and no quoting: tabs/newlines in values become spaces
            self.out.write(_tsv_cells(to_gdelt_row(event, context)) + "\n")
        elif self.fmt in _TSV_ROWS:
            self.out.write(_tsv_cells(_TSV_ROWS[self.fmt][1](event, context)) + "\n")
        else:
            self.out.write(_table_line(_table_cells(event, context)) + "\n")
        self.count += 1

    def close(self) -> None:
        """Flush the stream (the caller closes it)."""
        self.out.flush()

    def __enter__(self) -> EventWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ------------------------------------------------------------------ parquet
def _require_pyarrow() -> Any:
    try:
        import pyarrow as pa
        import pyarrow.parquet  # noqa: F401
    except ImportError as err:
        raise ResourceNotFound(
            "Parquet needs pyarrow, which is not installed; run: pip install 'eventcoder[parquet]'"
        ) from err
    return pa


def parquet_schema() -> Any:
    """The Arrow schema of our Parquet files: the Event record with nested structs."""
    pa = _require_pyarrow()
    actor = pa.struct(
        [
            ("text", pa.string()),
            ("code", pa.string()),
            ("country", pa.string()),
            ("role", pa.string()),
            ("name", pa.string()),
            ("kind", pa.string()),
            ("country_source", pa.string()),
        ]
    )
    span = pa.list_(pa.int32())
    return pa.schema(
        [
            ("event_id", pa.string()),
            ("doc_id", pa.string()),
            ("sentence_index", pa.int32()),
            ("sentence", pa.string()),
            ("span", span),
            ("date", pa.timestamp("s")),  # the day (a month or year: its first day); see date_precision
            ("date_precision", pa.string()),
            ("source", actor),
            ("target", actor),
            ("cameo", pa.string()),
            ("cameo_root", pa.string()),
            ("quad_class", pa.int8()),
            ("goldstein", pa.float64()),
            ("plover", pa.struct([("event_type", pa.string()), ("mode", pa.string())])),
            ("negated", pa.bool_()),
            ("modality", pa.string()),
            (
                "location",
                pa.struct(
                    [
                        ("name", pa.string()),
                        ("country", pa.string()),
                        ("lat", pa.float64()),
                        ("lon", pa.float64()),
                        ("feature", pa.string()),
                        ("canonical", pa.string()),
                        ("admin1", pa.string()),
                        ("source", pa.string()),
                    ]
                ),
            ),
            (
                "evidence",
                pa.struct(
                    [
                        ("verb", pa.string()),
                        ("verb_span", span),
                        ("source_span", span),
                        ("target_span", span),
                        ("rule", pa.string()),
                    ]
                ),
            ),
            ("coder", pa.string()),
            ("reported_by", actor),
            ("symmetric", pa.bool_()),
            # v3: analyst columns (null outside a store's export)
            ("cameo_name", pa.string()),
            ("event_uid", pa.string()),
            ("mentions", pa.int32()),
            ("articles", pa.int32()),
            ("sources", pa.int32()),
            ("url", pa.string()),
            ("title", pa.string()),
            ("publisher", pa.string()),
            ("published", pa.timestamp("s")),
        ],
        metadata={b"eventcoder.format": b"events.v3"},
    )


def parquet_record(event: Event, context: GdeltContext | None = None) -> dict[str, Any]:
    """The event as one row of :func:`parquet_schema` (a dict for ``pa.Table.from_pylist``)."""
    ctx = context or GdeltContext()
    record = to_dict(event)
    record["date"] = _midnight(date_value(event.date))
    record.update(
        cameo_name=_cameo_name(event.cameo) or None,
        event_uid=ctx.event_uid,
        mentions=ctx.mentions if ctx.counted else None,
        articles=ctx.articles if ctx.counted else None,
        sources=ctx.sources if ctx.counted else None,
        url=ctx.url or None,
        title=ctx.title,
        publisher=ctx.publisher,
        published=_midnight(date_value(ctx.published)),
    )
    return record


def _midnight(day: dt.date | None) -> dt.datetime | None:
    return None if day is None else dt.datetime(day.year, day.month, day.day)


def _write_parquet(
    events: Iterable[Event], path: Path, batch_size: int = 50_000,
    context: Callable[[Event], GdeltContext] | None = None,
) -> int:
    pa = _require_pyarrow()
    import pyarrow.parquet as pq

    schema = parquet_schema()
    count = 0
    with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for event in events:
            batch.append(parquet_record(event, context(event) if context else None))
            if len(batch) >= batch_size:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                count += len(batch)
                batch = []
        if batch or count == 0:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            count += len(batch)
    return count


def read_parquet(path: str | Path) -> Iterator[Event]:
    """Events back from a file :func:`write_events` wrote as Parquet."""
    _require_pyarrow()
    import pyarrow.parquet as pq

    table = pq.read_table(str(path))
    for batch in table.to_batches():
        for row in batch.to_pylist():
            # v3 files hold the date as a date; its text comes back from the precision
            row["date"] = _date_text(row.get("date"), row.get("date_precision"))
            yield event_from_dict(row)


def read_jsonl(path: str | Path) -> Iterator[Event]:
    """Events back from a JSONL file."""
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, start=1):
            if line.strip():
                try:
                    yield event_from_dict(json.loads(line))
                except (ValueError, KeyError, TypeError) as err:
                    raise InputError(f"{path}:{n}: not an event record ({err}); was it written by eventcoder?") from err


# ------------------------------------------------------------------ files
def check_output_path(path: str | Path, *, force: bool = True) -> Path:
    """Check that ``path`` can be written (its folder exists and is writable; an existing
    file needs ``force``); raise :class:`ConfigError` with one line saying what to do."""
    target = Path(path)
    folder = target.absolute().parent
    if target.is_dir():
        raise ConfigError(f"cannot write {target}: it is a folder; give a file name, e.g. {target / 'events.csv'}")
    if not folder.exists():
        raise ConfigError(f"cannot write {target}: folder {folder} does not exist; create it first (mkdir -p {folder})")
    if not folder.is_dir():
        raise ConfigError(f"cannot write {target}: {folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise ConfigError(f"cannot write {target}: folder {folder} is read-only; choose another output folder")
    if target.exists() and not force:
        raise ConfigError(f"{target} exists; use --force (force=True) to overwrite it")
    return target


def write_events(
    events: Iterable[Event],
    path: str | Path,
    fmt: str,
    *,
    force: bool = False,
    context: Callable[[Event], GdeltContext] | None = None,
) -> int:
    """Write ``events`` to ``path`` in ``fmt`` (any of :data:`FORMATS`); return the count.

    ``path`` ``"-"`` means stdout (text formats only).  An existing file is an error
    unless ``force``.  ``context`` supplies the counts / URL / title ... per event.
    The file is written under a temporary name and renamed when complete.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if str(path) == "-":
        if fmt == "parquet":
            raise ConfigError("Parquet is binary and cannot go to stdout; give a file with -o FILE")
        import sys

        return _write_stream(events, sys.stdout, fmt, context)
    target = check_output_path(path, force=force)
    tmp = target.with_name(target.name + ".part")
    try:
        if fmt == "parquet":
            count = _write_parquet(events, tmp, context=context)
        else:
            with tmp.open("w", encoding="utf-8", newline="") as out:
                count = _write_stream(events, out, fmt, context)
        os.replace(tmp, target)
    except OSError as err:
        raise ConfigError(f"cannot write {target}: {err.strerror or err}") from err
    finally:
        if tmp.exists():
            tmp.unlink()
    return count


def _write_stream(
    events: Iterable[Event], out: TextIO, fmt: str, context: Callable[[Event], GdeltContext] | None
) -> int:
    writer = EventWriter(out, fmt)
    for event in events:
        writer.write(event, context(event) if context else None)
    writer.close()
    return writer.count


# ------------------------------------------------------------------ from a store
@dataclass(slots=True)
class ExportResult:
    """What :func:`write_store` wrote: rows, and rows left out by reason (``undated``:
    GDELT, ICEWS and POLECAT rows need a date)."""

    rows: int = 0
    left_out: Counter[str] = field(default_factory=Counter)


_NEEDS_DATE = ("gdelt", "icews", "polecat")


def analyst_rows(store: Any, filters: Any = None, *, unit: str = "events") -> Iterator[tuple[Event, GdeltContext]]:
    """``(event, context)`` pairs from a store: one per real-world event (its first mention,
    ``unit="events"``) or per mention (``unit="mentions"``, with its event's counts)."""
    docs = store.doc_context()

    def ctx(event: Event, uid: str | None, mentions: int, articles: int, sources: int, counted: bool) -> GdeltContext:
        url, title, publisher, published, coded_at = docs.get(event.doc_id, (None, None, None, None, None))
        added = (coded_at or "").replace("-", "").replace(":", "").replace("T", "").rstrip("Z")
        return GdeltContext(mentions=mentions, articles=articles, sources=sources, added=added, url=url or "",
                            title=title, publisher=publisher, published=published, event_uid=uid, counted=counted)

    if unit == "events":
        for row in store.rollup(filters):
            yield row.first_mention, ctx(row.first_mention, row.uid, row.mentions, row.articles, row.sources, True)
    else:
        for event, rolled in store.iter_events_with_rollup(filters):
            if rolled is None:  # a denial: not an event
                yield event, ctx(event, None, 1, 1, 1, False)
            else:
                uid, mentions, articles, sources = rolled
                yield event, ctx(event, uid, mentions, articles, sources, True)


def write_store(
    store: Any, path: str | Path, fmt: str, *, force: bool = False, filters: Any = None, unit: str | None = None
) -> ExportResult:
    """Write what ``store`` holds (matching ``filters``) to ``path`` in ``fmt`` (one of
    :data:`STORE_FORMATS`): one row per real-world event (``unit="events"``, the default)
    or per mention (``unit="mentions"``), each with the article's URL, title, publisher
    and the event's counts.  GDELT, ICEWS and POLECAT rows without a date are left out
    (counted in ``left_out["undated"]``)."""
    if fmt not in STORE_FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(STORE_FORMATS)}")
    unit = unit or "events"
    if unit not in ("events", "mentions"):
        raise ConfigError(f"unit {unit!r} must be events or mentions")
    if str(path) != "-":
        check_output_path(path, force=force)
    result = ExportResult()
    contexts: dict[int, GdeltContext] = {}

    def events() -> Iterator[Event]:
        for event, context in analyst_rows(store, filters, unit=unit):
            if fmt in _NEEDS_DATE and date_value(event.date) is None:
                result.left_out["undated"] += 1
                continue
            contexts.clear()
            contexts[id(event)] = context
            yield event

    result.rows = write_events(events(), path, fmt, force=force, context=lambda e: contexts[id(e)])
    return result


# ------------------------------------------------------------------ pandas
def to_frame(rows: Iterable[tuple[Event, GdeltContext]]) -> Any:
    """``(event, context)`` pairs as a pandas DataFrame with the :data:`CSV_COLUMNS` and
    their documented dtypes (``date`` and ``published`` as datetimes)."""
    try:
        import pandas as pd
    except ImportError as err:
        raise ResourceNotFound("a DataFrame needs pandas; run: pip install 'eventcoder[pandas]'") from err
    records = [to_csv_row(event, context) for event, context in rows]
    frame = pd.DataFrame.from_records(records, columns=list(CSV_COLUMNS))
    return _typed(frame, pd)


def _typed(frame: Any, pd: Any) -> Any:
    for column, dtype in CSV_DTYPES.items():
        frame[column] = frame[column].astype(dtype)
    for column in _DATE_COLUMNS:
        frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d", errors="raise")
    return frame


def read_csv_frame(path: str | Path) -> Any:
    """A CSV export back as a pandas DataFrame with the documented dtypes."""
    try:
        import pandas as pd
    except ImportError as err:
        raise ResourceNotFound("a DataFrame needs pandas; run: pip install 'eventcoder[pandas]'") from err
    frame = pd.read_csv(path, dtype=CSV_DTYPES, keep_default_na=False, na_values=[""])
    for column in _DATE_COLUMNS:
        frame[column] = pd.to_datetime(frame[column], format="%Y-%m-%d")
    return frame
