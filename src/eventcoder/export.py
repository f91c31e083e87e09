"""Event sinks: JSONL, CSV, a terminal table, Parquet and the GDELT 2.0 event table.

Two entry points:

* :class:`EventWriter` streams events to an open text stream (``jsonl``, ``csv``,
  ``table``, ``gdelt``); the ``code`` and ``query`` commands use it on stdout.
* :func:`write_events` writes a file in any format, including ``parquet`` (binary, needs
  ``pip install 'eventcoder[parquet]'``).

The column lists (:data:`CSV_COLUMNS`, :data:`GDELT_COLUMNS`) and the Parquet schema are
documented in ``docs/store.md``.  Readers for the round trip: :func:`read_jsonl`,
:func:`read_parquet`.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from .errors import ConfigError, InputError, ResourceNotFound
from .model import Event, event_from_dict, to_dict

__all__ = [
    "FORMATS",
    "STREAM_FORMATS",
    "CSV_COLUMNS",
    "GDELT_COLUMNS",
    "GdeltContext",
    "EventWriter",
    "write_events",
    "to_csv_row",
    "to_gdelt_row",
    "read_jsonl",
    "read_parquet",
    "parquet_schema",
]

STREAM_FORMATS = ("jsonl", "csv", "table", "gdelt")
FORMATS = ("jsonl", "csv", "table", "gdelt", "parquet")

_ACTOR_FIELDS = ("code", "text", "name", "country", "role", "country_source")

#: Flat CSV columns, in order (one row per event).
CSV_COLUMNS: tuple[str, ...] = (
    "event_id",
    "doc_id",
    "sentence_index",
    "date",
    "date_precision",
    *(f"source_{f}" for f in _ACTOR_FIELDS),
    *(f"target_{f}" for f in _ACTOR_FIELDS),
    "cameo",
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
    "lat",
    "lon",
    "rule",
    "verb",
    "sentence",
)


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
    """What a GDELT row needs beyond the Event: roll-up counts, when it was added, the URL."""

    mentions: int = 1
    sources: int = 1
    articles: int = 1
    added: str = ""  # YYYYMMDDHHMMSS (UTC)
    url: str = ""


# ------------------------------------------------------------------ flat rows
def _fmt(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def to_csv_row(event: Event) -> dict[str, Any]:
    """The event as one flat row keyed by :data:`CSV_COLUMNS` (values still typed)."""
    row: dict[str, Any] = {
        "event_id": event.event_id,
        "doc_id": event.doc_id,
        "sentence_index": event.sentence_index,
        "date": event.date,
        "date_precision": str(event.date_precision),
    }
    for side, actor in (("source", event.source), ("target", event.target)):
        for f in _ACTOR_FIELDS:
            row[f"{side}_{f}"] = getattr(actor, f) if actor is not None else None
    loc = event.location
    ev = event.evidence
    row.update(
        cameo=event.cameo,
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
        lat=loc.lat if loc else None,
        lon=loc.lon if loc else None,
        rule=ev.rule if ev else None,
        verb=ev.verb if ev else None,
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


def _table_cells(event: Event) -> list[str]:
    flags = []
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

    def write(self, event: Event, context: GdeltContext | None = None) -> None:
        """Write one event (``context`` only matters for ``gdelt``)."""
        if self._csv is not None:
            self._csv.writerow({k: _fmt(v) for k, v in to_csv_row(event).items()})
        elif self.fmt == "jsonl":
            self.out.write(json.dumps(to_dict(event), ensure_ascii=False, sort_keys=False) + "\n")
        elif self.fmt == "gdelt":
            # GDELT files have no header and no quoting: tabs/newlines in values become spaces
            cells = [" ".join(c.split()) if ("\t" in c or "\n" in c or "\r" in c) else c for c in to_gdelt_row(event, context)]
            self.out.write("\t".join(cells) + "\n")
        else:
            self.out.write(_table_line(_table_cells(event)) + "\n")
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
            ("date", pa.string()),
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
        ],
        metadata={b"eventcoder.format": b"events.v2"},
    )


def _write_parquet(events: Iterable[Event], path: Path, batch_size: int = 50_000) -> int:
    pa = _require_pyarrow()
    import pyarrow.parquet as pq

    schema = parquet_schema()
    count = 0
    with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for event in events:
            batch.append(to_dict(event))
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
    unless ``force``.  ``context`` supplies GDELT's counts / URL / DATEADDED per event.
    """
    if fmt not in FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if str(path) == "-":
        if fmt == "parquet":
            raise ConfigError("Parquet is binary and cannot go to stdout; give a file with -o FILE")
        import sys

        return _write_stream(events, sys.stdout, fmt, context)
    target = Path(path)
    if target.exists() and not force:
        raise ConfigError(f"{target} exists; use --force (force=True) to overwrite it")
    tmp = target.with_name(target.name + ".part")
    try:
        if fmt == "parquet":
            count = _write_parquet(events, tmp)
        else:
            with tmp.open("w", encoding="utf-8", newline="") as out:
                count = _write_stream(events, out, fmt, context)
        os.replace(tmp, target)
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
