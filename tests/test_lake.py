"""The event lake without a cluster or a model: layout, schemas, round trips, atomic
chunks, idempotent names, and `lake load` giving the database a serial ingest gives."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import sqlite3
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pa = pytest.importorskip("pyarrow")
import pyarrow.dataset as ds  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402

from eventcoder.errors import ConfigError, StoreError  # noqa: E402
from eventcoder.export import parquet_schema  # noqa: E402
from eventcoder.lake import Lake, chunk_key, documents_schema, events_schema, load_lake  # noqa: E402
from eventcoder.model import Article, SkipReason, Skipped  # noqa: E402
from eventcoder.store import ingest_articles  # noqa: E402
from store._factory import article, event_strategy, fake_coder, make_event  # noqa: E402

CODER = "eventcoder/test"


def _results(articles):
    out = []
    for a in articles:
        try:
            out.append((tuple(fake_coder(a)), None))
        except RuntimeError as err:
            out.append(((), f"RuntimeError: {err}"))
    return out


# what a worker reports as having coded the chunk (here: what ingest_articles records for fake_coder)
FINGERPRINT = {"coder": f"custom:{fake_coder.__module__}.{fake_coder.__qualname__}"}


def _write(lake: Lake, articles, index=0, results=None):
    return lake.write_chunk(
        key=chunk_key(articles, CODER), index=index, articles=articles,
        results=results if results is not None else _results(articles), coder=CODER, fingerprint=FINGERPRINT,
    )


def _files(root: Path) -> dict[str, str]:
    return {
        p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def _content(path) -> dict[str, list]:
    """The database minus what depends on when and how the run went (as tests/store/test_batch.py)."""
    conn = sqlite3.connect(path)
    try:
        return {
            "documents": conn.execute(
                "SELECT doc_id, content_hash, status, error, title, publisher, published, url, source_path, metadata, "
                "text, n_events, coder FROM documents ORDER BY doc_id"
            ).fetchall(),
            "mentions": conn.execute("SELECT * FROM mentions ORDER BY id").fetchall(),
            "events": conn.execute(
                "SELECT date, source_code, target_code, cameo, cameo_root, quad_class, goldstein, mentions, articles, "
                "sources, first_mention FROM events ORDER BY date, source_code, target_code, cameo"
            ).fetchall(),
            "dyad_month": conn.execute("SELECT * FROM dyad_month ORDER BY 1, 2, 3, 4").fetchall(),
        }
    finally:
        conn.close()


# ------------------------------------------------------------------ schemas
def test_lake_events_schema_is_the_export_schema_plus_ordinal():
    base, lake = parquet_schema(), events_schema()
    assert lake.names == [*base.names, "ordinal"]
    for f in base:
        assert lake.field(f.name).type == f.type
    assert lake.metadata[b"eventcoder.format"] == base.metadata[b"eventcoder.format"]


def test_lake_documents_schema_covers_every_article_field():
    names = documents_schema().names
    for f in dataclasses.fields(Article):
        assert f.name in names
    assert names[-5:] == ["content_hash", "status", "error", "n_events", "coder"]


# ------------------------------------------------------------------ layout and round trip
def test_lake_chunk_partitions_events_by_month(tmp_path):
    lake = Lake.prepare(tmp_path / "lake", chunk_size=3, coder=CODER)
    arts = [article("a"), article("b"), article("c")]
    def dated(doc, n, date, precision):
        return dataclasses.replace(make_event(doc, n, date=date), date_precision=precision)

    results = [
        ((make_event("a", 0, date="2022-09-28"), dated("a", 1, "2022-09", "month")), None),
        ((dated("b", 0, "2021", "year"), make_event("b", 1, date=None)), None),
        ((make_event("c", 0, date="2022-10-01"),), None),
    ]
    entry = _write(lake, arts, results=results)
    key = entry.key
    assert entry.files == (
        f"_documents/part-{key}.parquet",
        f"year=0000/month=00/part-{key}.parquet",
        f"year=2021/month=00/part-{key}.parquet",
        f"year=2022/month=09/part-{key}.parquet",
        f"year=2022/month=10/part-{key}.parquet",
    )
    assert (entry.documents, entry.events, entry.failed) == (3, 5, 0)
    table = ds.dataset(lake.path, format="parquet", partitioning="hive").to_table()
    counts = {(r["year"], r["month"]): r["n"] for r in table.group_by(["year", "month"]).aggregate([("ordinal", "count")])
              .rename_columns(["year", "month", "n"]).to_pylist()}
    assert counts == {(2022, 9): 2, (2022, 10): 1, (2021, 0): 1, (0, 0): 1}
    # the events come back whole and in the coder's order
    back = lake.read_chunk(entry)
    assert [a for a, _ in back] == arts
    assert [r for _, r in back] == results


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=st.lists(event_strategy(doc_id="d1"), max_size=6))
def test_lake_events_come_back_unchanged(tmp_path_factory, events):
    lake = Lake.prepare(tmp_path_factory.mktemp("lake"), chunk_size=1, coder=CODER)
    arts = [article("d1", "Some text.", byline=("A. Writer",), dateline="Tokyo", captions=("x",), warnings=("odd",))]
    entry = _write(lake, arts, results=[(tuple(events), None)])
    ((back_article, (back_events, error)),) = lake.read_chunk(entry)
    assert back_article == arts[0] and error is None
    assert back_events == tuple(events)
    assert list(lake.events()) == events


def test_lake_records_failures(tmp_path):
    lake = Lake.prepare(tmp_path / "lake", chunk_size=2, coder=CODER)
    entry = _write(lake, [article("ok", "The minister met the envoy."), article("bad", "this one will FAIL")])
    assert entry.failed == 1 and entry.failures[0][0] == "bad" and "RuntimeError" in entry.failures[0][1]
    docs = pq.read_table(lake.path / entry.files[0]).to_pylist()
    assert [(d["doc_id"], d["status"]) for d in docs] == [("ok", "coded"), ("bad", "failed")]


# ------------------------------------------------------------------ idempotence
def test_lake_file_names_and_bytes_come_from_the_content(tmp_path):
    arts = [article(f"d{i}", f"Text {i}: the minister met the envoy.") for i in range(5)]
    one = Lake.prepare(tmp_path / "one", chunk_size=5, coder=CODER)
    two = Lake.prepare(tmp_path / "two", chunk_size=5, coder=CODER)
    _write(one, arts)
    _write(two, arts)
    assert _files(one.path) == _files(two.path)
    # written again in place (a chunk coded twice): the same files, nothing added
    before = _files(one.path)
    _write(one, arts)
    assert _files(one.path) == before
    # another text, another key
    changed = [*arts[:4], article("d4", "A different text.")]
    assert chunk_key(changed, CODER) != chunk_key(arts, CODER)
    assert chunk_key(arts, "eventcoder/other") != chunk_key(arts, CODER)


def test_lake_rerun_needs_the_same_chunk_size_and_coder(tmp_path):
    Lake.prepare(tmp_path / "lake", chunk_size=8, coder=CODER)
    Lake.prepare(tmp_path / "lake", chunk_size=8, coder=CODER)  # the same: fine
    with pytest.raises(ConfigError, match="chunk_size 8"):
        Lake.prepare(tmp_path / "lake", chunk_size=9, coder=CODER)
    with pytest.raises(ConfigError, match="new lake"):
        Lake.prepare(tmp_path / "lake", chunk_size=8, coder="eventcoder/9.9")


# ------------------------------------------------------------------ no partial chunk
def test_lake_failed_write_leaves_no_part_of_the_chunk(tmp_path, monkeypatch):
    lake = Lake.prepare(tmp_path / "lake", chunk_size=4, coder=CODER)
    arts = [article(f"a{i}") for i in range(4)]
    results = [((make_event(a.doc_id, 0, date=f"2022-0{i + 1}-01"),), None) for i, a in enumerate(arts)]
    real = os.replace
    calls = {"n": 0}

    def failing(src, dst):
        calls["n"] += 1
        if calls["n"] == 3:  # the third file of the chunk: two are in place already
            raise OSError(28, "No space left on device")
        real(src, dst)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(StoreError, match="No space left on device"):
        _write(lake, arts, results=results)
    monkeypatch.setattr(os, "replace", real)
    visible = [p for p in lake.path.rglob("*") if p.is_file() and p.name != "_lake.json"]
    assert visible == []
    assert lake.finished() == set()
    assert ds.dataset(lake.path, format="parquet", partitioning="hive").count_rows() == 0


@pytest.mark.parametrize("where", ["under-a-file", "read-only"])
def test_lake_unwritable_folder_is_one_clear_error(tmp_path, where):
    if where == "under-a-file":
        (tmp_path / "file").write_text("not a folder")
        target = tmp_path / "file" / "lake"
    else:
        if os.geteuid() == 0:
            pytest.skip("root writes into read-only folders (tests/test_distributed.py mounts one read-only instead)")
        target = tmp_path / "ro"
        target.mkdir()
        target.chmod(0o555)
    with pytest.raises(StoreError, match="cannot write the lake") as err:
        Lake.prepare(target, chunk_size=4, coder=CODER)
    assert "\n" not in str(err.value)


def test_lake_not_visible_from_the_worker(tmp_path):
    with pytest.raises(StoreError, match="not visible from this worker"):
        _write(Lake(tmp_path / "elsewhere"), [article("a")])


# ------------------------------------------------------------------ lake -> store
def _lake_of(tmp_path, items, chunk_size):
    """Write a lake from ``items`` as ingest --lake cuts it: chunks of the readers' articles."""
    lake = Lake.prepare(tmp_path / "lake", chunk_size=chunk_size, coder=CODER)
    arts = [a for a in items if not isinstance(a, Skipped)]
    chunks = [arts[i : i + chunk_size] for i in range(0, len(arts), chunk_size)]
    for index in reversed(range(len(chunks))):  # finished out of order, as workers do
        _write(lake, chunks[index], index=index)
    return lake


def test_lake_load_gives_the_database_of_a_serial_ingest(tmp_path):
    items = [
        *[article(f"doc{i:03d}", f"Article {i}: the minister met the envoy.", publisher=f"p{i % 3}") for i in range(30)],
        article("bad", "this one will FAIL"),
        Skipped(reason=SkipReason.EMPTY, source="x.txt"),
        article("doc005", "Article 5, second version: a new text."),  # a later copy wins, as in ingest
        article("doc007", "Article 7: the minister met the envoy.", publisher="p1"),  # an unchanged copy
    ]
    serial = tmp_path / "serial.db"
    ingest_articles(items, serial, coder=fake_coder, chunk_size=7)
    lake = _lake_of(tmp_path, items, chunk_size=8)
    loaded = tmp_path / "loaded.db"
    summary = load_lake(lake.path, loaded, progress=False)
    assert (summary.articles, summary.failed, summary.recoded, summary.unchanged) == (33, 1, 1, 1)
    assert _content(loaded) == _content(serial)
    # loading again does what ingesting again does: only the two versions of doc005 are
    # written (each replaces the other); the rest is unchanged
    again = load_lake(lake.path, loaded, progress=False)
    rerun = ingest_articles(items, serial, coder=fake_coder, chunk_size=7)
    assert (again.coded, again.recoded, again.unchanged) == (rerun.coded, rerun.recoded, rerun.unchanged) == (0, 2, 31)
    assert _content(loaded) == _content(serial)


def test_lake_load_reads_only_what_the_manifest_lists(tmp_path):
    items = [article(f"d{i}", f"Text {i} of the lake.") for i in range(12)]
    lake = _lake_of(tmp_path, items, chunk_size=4)
    (entry, *_) = lake.entries()
    (lake.path / "_manifest" / f"{entry.key}.json").unlink()  # as if its worker died before the entry
    loaded = tmp_path / "loaded.db"
    summary = load_lake(lake.path, loaded, progress=False)
    assert summary.articles == 8
    with sqlite3.connect(loaded) as conn:
        assert conn.execute("SELECT count(*) FROM documents WHERE doc_id IN ('d0', 'd1', 'd2', 'd3')").fetchone() == (0,)


def test_lake_load_detects_a_damaged_chunk(tmp_path):
    lake = _lake_of(tmp_path, [article(f"d{i}", f"Text {i}: the minister met the envoy.") for i in range(8)], 8)
    (entry,) = lake.entries()
    data = json.loads((lake.path / "_manifest" / f"{entry.key}.json").read_text())
    data["events"] += 1
    (lake.path / "_manifest" / f"{entry.key}.json").write_text(json.dumps(data))
    with pytest.raises(StoreError, match="damaged"):
        load_lake(lake.path, tmp_path / "x.db", progress=False)


def test_lake_load_of_a_folder_that_is_no_lake(tmp_path):
    with pytest.raises(StoreError, match="not an event lake"):
        load_lake(tmp_path, tmp_path / "x.db", progress=False)
