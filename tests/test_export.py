"""Event sinks: every format is read back (round trip) and checked against the events."""

from __future__ import annotations

import csv
import io
import json

import pytest

from eventcoder.errors import ConfigError
from eventcoder.export import (
    CSV_COLUMNS,
    GDELT_COLUMNS,
    EventWriter,
    GdeltContext,
    gdelt_event_id,
    read_jsonl,
    read_parquet,
    to_csv_row,
    write_events,
)
from eventcoder.model import Actor, Event, Evidence, Place, Plover, make_event_id, to_dict


def _event(n: int, **changes) -> Event:
    source = Actor(text="Kishida", code="JPNGOV", country="JPN", role="GOV", name="Fumio Kishida", kind="person")
    target = Actor(text="the United Nations", code="IGOUNO", kind="organization")
    fields = dict(
        event_id=make_event_id(f"doc{n}", n, "JPNGOV", "IGOUNO", "042"),
        doc_id=f"doc{n}",
        sentence_index=n,
        sentence=f"Kishida visited the UN in Genève, \"again\",\ttab\nline {n}.",
        span=(10 * n, 10 * n + 40),
        date="2022-09-28",
        date_precision="day",
        source=source,
        target=target,
        cameo="042",
        cameo_root="04",
        quad_class=1,
        goldstein=1.9,
        plover=Plover(event_type="CONSULT", mode="visit"),
        negated=False,
        modality="asserted",
        location=Place(name="Genève", country="CHE", lat=46.2, lon=6.15, feature="city"),
        evidence=Evidence(verb="visited", verb_span=(8, 15), source_span=(0, 7), target_span=None, rule="v.visit"),
        coder="eventcoder/0.1.0",
    )
    fields.update(changes)
    return Event(**fields)


EVENTS = [
    _event(0),
    _event(1, target=None, location=None, evidence=None, plover=None, date=None, date_precision="article"),
    _event(2, negated=True, modality="intended", cameo="1823", cameo_root="18", quad_class=4, goldstein=-10.0, date="2021-03",
           date_precision="month"),
    _event(
        3, modality="reported", symmetric=True,
        source=Actor(text="police", code="KHMCOP", country="KHM", role="COP", kind="group", country_source="dateline"),
        reported_by=Actor(text="officials", code="KHMGOV", country="KHM", role="GOV", kind="group", country_source="text"),
    ),
]


@pytest.mark.parametrize("fmt", ["jsonl", "parquet"])
def test_write_events_lossless_round_trip(tmp_path, fmt):
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    path = tmp_path / f"events.{fmt}"
    assert write_events(EVENTS, path, fmt) == len(EVENTS)
    read = read_jsonl if fmt == "jsonl" else read_parquet
    assert list(read(path)) == EVENTS


def test_write_events_parquet_empty(tmp_path):
    pytest.importorskip("pyarrow")
    path = tmp_path / "empty.parquet"
    assert write_events([], path, "parquet") == 0
    assert list(read_parquet(path)) == []


def test_event_writer_jsonl_keeps_unicode_and_field_order():
    out = io.StringIO()
    writer = EventWriter(out, "jsonl")
    writer.write(EVENTS[0])
    writer.close()
    line = out.getvalue()
    assert "Genève" in line  # ensure_ascii=False
    assert list(json.loads(line)) == list(to_dict(EVENTS[0]))


def test_event_writer_csv_round_trip(tmp_path):
    path = tmp_path / "events.csv"
    write_events(EVENTS, path, "csv")
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames) == CSV_COLUMNS
        rows = list(reader)
    assert len(rows) == len(EVENTS)
    for row, event in zip(rows, EVENTS, strict=True):
        expected = to_csv_row(event)
        assert row["sentence"] == event.sentence  # quoting survives commas, tabs, newlines
        assert row["event_id"] == event.event_id
        assert int(row["sentence_index"]) == event.sentence_index
        assert float(row["goldstein"]) == event.goldstein
        assert row["negated"] == ("true" if event.negated else "false")
        assert row["target_code"] == (expected["target_code"] or "")
        assert row["lat"] == ("" if expected["lat"] is None else repr(expected["lat"]))


def test_event_writer_gdelt_columns(tmp_path):
    path = tmp_path / "events.tsv"
    urls = {"doc0": "https://example.org/a"}
    write_events(EVENTS, path, "gdelt", context=lambda e: GdeltContext(mentions=3, sources=2, articles=2, url=urls.get(e.doc_id, "")))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(EVENTS)  # newline inside a sentence does not split a row
    rows = [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True)) for line in lines]
    first, second, third, _ = rows
    assert first["GlobalEventID"] == str(gdelt_event_id(EVENTS[0].event_id))
    assert (first["Day"], first["MonthYear"], first["Year"]) == ("20220928", "202209", "2022")
    assert first["Actor1Code"] == "JPNGOV" and first["Actor1CountryCode"] == "JPN"
    assert first["Actor2Code"] == "IGOUNO" and first["Actor2KnownGroupCode"] == "UNO"
    assert (first["EventCode"], first["EventBaseCode"], first["EventRootCode"]) == ("042", "042", "04")
    assert (first["NumMentions"], first["NumSources"], first["NumArticles"]) == ("3", "2", "2")
    assert first["ActionGeo_FullName"] == "Genève" and first["ActionGeo_Lat"] == "46.2"
    assert first["SOURCEURL"] == "https://example.org/a"
    assert first["AvgTone"] == ""  # not produced: empty
    assert second["Actor2Code"] == "" and second["Day"] == "" and second["ActionGeo_Type"] == ""
    assert third["EventBaseCode"] == "182" and third["Day"] == "20210301"


def test_gdelt_columns_are_the_61_of_gdelt2():
    assert len(GDELT_COLUMNS) == 61 == len(set(GDELT_COLUMNS))
    assert GDELT_COLUMNS[:5] == ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate")
    assert GDELT_COLUMNS[25:35] == (
        "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
        "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone",
    )
    assert GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")


def test_event_writer_table_truncates_and_flags():
    out = io.StringIO()
    writer = EventWriter(out, "table")
    for event in EVENTS:
        writer.write(event)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("DATE")
    assert len(lines) == 1 + len(EVENTS)
    assert "JPNGOV" in lines[1] and "IGOUNO" in lines[1]
    assert "NOT" in lines[3] and "int" in lines[3]
    assert all(len(line) < 160 for line in lines)


def test_write_events_refuses_to_overwrite(tmp_path):
    path = tmp_path / "out.jsonl"
    path.write_text("keep me\n")
    with pytest.raises(ConfigError, match="--force"):
        write_events(EVENTS, path, "jsonl")
    assert path.read_text() == "keep me\n"
    write_events(EVENTS, path, "jsonl", force=True)
    assert list(read_jsonl(path)) == EVENTS


@pytest.mark.parametrize("fmt", ["parquet", "xml"])
def test_event_writer_rejects_non_stream_formats(fmt):
    with pytest.raises(ConfigError):
        EventWriter(io.StringIO(), fmt)
