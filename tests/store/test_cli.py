"""The ingest / query / export commands, through click's CliRunner."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from eventcoder.cli import main
from eventcoder.export import GDELT_COLUMNS, read_jsonl, read_parquet
from eventcoder.store import EventFilter, Store, ingest_articles

from ._factory import article, fake_coder


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "events.db"
    items = [article(f"doc{i:02d}", f"Story {i} about diplomacy.", url=f"https://news.example/{i}") for i in range(30)]
    ingest_articles(items, path, coder=fake_coder)
    return path


def _run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return result


def test_cli_query_jsonl_matches_store(db):
    result = _run("query", "--db", db, "--source", "JPN", "--format", "jsonl", "--limit", "0", "--unit", "mentions")
    assert result.exit_code == 0, result.output
    ids = [json.loads(line)["event_id"] for line in result.stdout.splitlines()]
    with Store(db, readonly=True) as store:
        assert ids == [e.event_id for e in store.events(EventFilter(source="JPN"))]
        rolled = [r.first_mention.event_id for r in store.rollup(EventFilter(source="JPN"))]
    assert ids
    events = _run("query", "--db", db, "--source", "JPN", "--format", "jsonl", "--limit", "0")
    lines = [json.loads(line) for line in events.stdout.splitlines()]
    assert [d["event_id"] for d in lines] == rolled and all(d["mentions"] >= 1 for d in lines)


def test_cli_query_table_and_csv(db):
    table = _run("query", "--db", db, "--limit", "5")
    assert table.exit_code == 0
    assert table.stdout.splitlines()[0].startswith("DATE") and len(table.stdout.splitlines()) == 6
    out = _run("query", "--db", db, "--format", "csv", "--dyad", "JPN,ISR", "--quad", "1", "--quad", "4", "--limit", "0",
               "--unit", "mentions")
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert all({r["source_code"][:3], r["target_code"][:3]} == {"JPN", "ISR"} for r in rows)
    assert all(r["quad_class"] in ("1", "4") for r in rows)


@pytest.mark.parametrize("by", ["month", "dyad", "root"])
def test_cli_query_count_by(db, by):
    result = _run("query", "--db", db, "--count-by", by, "--format", "jsonl", "--limit", "0")
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    with Store(db, readonly=True) as store:
        assert sum(r["events"] for r in rows) == sum(r.events for r in store.count_by(by))
    table = _run("query", "--db", db, "--count-by", by)
    assert "EVENTS" in table.stdout.splitlines()[0]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--dyad", "ISR"], "two codes"),
        (["--since", "last week"], "YYYY"),
        (["--cameo", "x1"], "2-4 digits"),
    ],
)
def test_cli_query_bad_arguments(db, args, message):
    result = _run("query", "--db", db, *args)
    assert result.exit_code in (1, 2)
    assert message in result.output


def test_cli_query_missing_database(tmp_path):
    result = _run("query", "--db", tmp_path / "nope.db")
    assert result.exit_code == 1
    assert "eventcoder ingest" in result.output


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet", "gdelt"])
def test_cli_export_round_trip(db, tmp_path, fmt):
    if fmt == "parquet":
        pytest.importorskip("pyarrow")
    out = tmp_path / f"out.{fmt}"
    result = _run("export", "--db", db, "--format", fmt, "-o", out, *(["--unit", "mentions"] if fmt != "gdelt" else []))
    assert result.exit_code == 0, result.output
    with Store(db, readonly=True) as store:
        events = store.events()
        rollup = list(store.rollup())
    if fmt == "jsonl":
        assert list(read_jsonl(out)) == events
    elif fmt == "parquet":
        assert list(read_parquet(out)) == events
    elif fmt == "csv":
        with out.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert [r["event_id"] for r in rows] == [e.event_id for e in events]
    else:
        rows = [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True)) for line in out.read_text().splitlines()]
        assert len(rows) == len(rollup)
        assert sum(int(r["NumMentions"]) for r in rows) == sum(not e.negated for e in events)
        assert all(r["SOURCEURL"].startswith("https://news.example/") for r in rows)
        assert all(len(r["DATEADDED"]) == 14 for r in rows)
    again = _run("export", "--db", db, "--format", fmt, "-o", out)
    assert again.exit_code == 1 and "--force" in again.output
    assert _run("export", "--db", db, "--format", fmt, "-o", out, "--force").exit_code == 0


@pytest.mark.model
def test_cli_ingest_then_query(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        json.dumps({"id": "k1", "date": "2022-09-29", "text": "Japanese Prime Minister Fumio Kishida met Cambodian Prime Minister Hun Sen in Tokyo on Wednesday."})
        + "\n",
        encoding="utf-8",
    )
    db = tmp_path / "e.db"
    first = _run("ingest", corpus, "--db", db)
    assert first.exit_code == 0, first.output
    assert "1 new" in first.stderr
    second = _run("ingest", corpus, "--db", db)
    assert "1 unchanged" in second.stderr and "0 events written" in second.stderr
    out = _run("query", "--db", db, "--format", "jsonl")
    assert all(json.loads(line)["doc_id"] == "k1" for line in out.stdout.splitlines())
