"""Store: round trip, replacement, roll-up and summary tables, migrations, errors."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventcoder.errors import StoreError
from eventcoder.store import SCHEMA_VERSION, EventFilter, Store, StoredDocument, content_hash
from eventcoder.store.schema import MIGRATIONS

from ._factory import article, event_strategy, make_event


def _doc(doc_id: str, events, text: str = "", **kw) -> StoredDocument:
    a = article(doc_id, text, **kw)
    return StoredDocument(article=a, content_hash=content_hash(a), events=tuple(events))


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "events.db") as s:
        yield s


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("rt") / "events.db") as s:
        yield s


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=st.lists(event_strategy(doc_id="d1"), max_size=6), text=st.text(max_size=5))
def test_store_events_round_trip_unchanged(shared_store, events, text):
    shared_store.write_batch([_doc("d1", events, text="t" + text)])  # replaces the last example's
    back = shared_store.events(EventFilter(doc_id="d1"))
    order = sorted(range(len(events)), key=lambda i: (events[i].date or "", i))  # by date, then storage
    want = [events[i] for i in order]
    assert back == want
    # field by field too: Event equality treats 0.0 == -0.0 and 1 == True
    assert [repr(e) for e in back] == [repr(e) for e in want]


def test_store_write_batch_replaces_old_events(store):
    store.write_batch([_doc("a", [make_event("a", 0), make_event("a", 1, cameo="190", quad=4, goldstein=-10.0)])])
    store.write_batch([_doc("b", [make_event("b", 0)])])
    result = store.write_batch([_doc("a", [make_event("a", 5, target="USAGOV")], text="new text")])
    assert (result.events_added, result.events_removed) == (1, 2)
    assert [e.sentence_index for e in store.events(EventFilter(doc_id="a"))] == [5]
    assert store.stats()["mentions"] == 2
    assert store.document("a").content_hash == content_hash(article("a", "new text"))


def _raw_rollup(store):
    rows = store.conn.execute(
        "SELECT m.key_date, m.key_source, m.key_target, m.cameo, m.doc_id, m.publisher FROM mentions m "
        "WHERE m.negated = 0"
    ).fetchall()
    groups = defaultdict(list)
    for date, s, t, c, doc, pub in rows:
        groups[(date, s, t, c)].append((doc, pub))
    return {k: (len(v), len({d for d, _ in v}), len({p for _, p in v})) for k, v in groups.items()}


def _stored_rollup(store):
    return {
        (d, s, t, c): (m, a, n)
        for d, s, t, c, m, a, n in store.conn.execute(
            "SELECT date, source_code, target_code, cameo, mentions, articles, sources FROM events"
        )
    }


def _summary(store):
    return {
        row[:4]: (row[4], round(row[5], 9))
        for row in store.conn.execute("SELECT source_code, target_code, month, quad_class, events, goldstein_sum FROM dyad_month")
    }


def test_store_rollup_counts_mentions_articles_sources(store):
    same = dict(source="ISRMIL", target="PSE", cameo="190", quad=4, goldstein=-10.0, date="2023-10-09")
    store.write_batch([
        _doc("a", [make_event("a", 0, **same), make_event("a", 3, **same)], publisher="Paper One"),
        _doc("b", [make_event("b", 1, **same)], publisher="Paper One"),
        _doc("c", [make_event("c", 2, **same), make_event("c", 4, negated=True, **same)], publisher="Paper Two"),
    ])
    (row,) = list(store.rollup())
    assert (row.mentions, row.articles, row.sources) == (4, 3, 2)
    assert row.first_mention.doc_id == "a"
    store.write_batch([_doc("a", [], text="retracted")])
    (row,) = list(store.rollup())
    assert (row.mentions, row.articles, row.sources) == (2, 2, 2)
    store.write_batch([_doc("b", [], text="x"), _doc("c", [], text="y")])
    assert list(store.rollup()) == []
    assert _summary(store) == {}


@settings(max_examples=15, deadline=None)
@given(
    ops=st.lists(
        st.tuples(st.sampled_from(["a", "b", "c", "d"]), st.lists(event_strategy(), max_size=5), st.sampled_from(["P1", "P2", None])),
        min_size=1,
        max_size=8,
    )
)
def test_store_summaries_match_raw_counts_after_recoding(tmp_path_factory, ops):
    path = tmp_path_factory.mktemp("sum") / "events.db"
    with Store(path) as store:
        for n, (doc_id, events, publisher) in enumerate(ops):
            from dataclasses import replace

            events = [replace(e, doc_id=doc_id) for e in events]
            store.write_batch([_doc(doc_id, events, text=f"version {n}", publisher=publisher)])
        assert _stored_rollup(store) == _raw_rollup(store)
        incremental = _summary(store)
        mentions = store.conn.execute(
            "SELECT source_code, target_code, substr(date, 1, 7), quad_class, goldstein FROM mentions WHERE negated = 0"
        ).fetchall()
        raw = Counter(tuple(r[:4]) for r in mentions)
        assert {k: v[0] for k, v in incremental.items()} == dict(raw)
        months = _event_months(store)
        store.rebuild_summaries()
        assert _summary(store) == incremental
        assert _stored_rollup(store) == _raw_rollup(store)
        assert _event_months(store) == months


def _event_months(store):
    rows = store.conn.execute("SELECT source_code, target_code, month, quad_class, symmetric, events, "
                              "round(goldstein_sum, 9) FROM event_month ORDER BY 1, 2, 3, 4, 5").fetchall()
    raw = store.conn.execute("SELECT source_code, target_code, month, quad_class, symmetric, count(*), "
                             "round(sum(goldstein), 9) FROM events GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5").fetchall()
    assert rows == raw
    return rows


def test_store_schema_version_and_migrations_are_recorded(tmp_path):
    path = tmp_path / "v.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == len(MIGRATIONS)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_store_readonly_errors(tmp_path):
    with pytest.raises(StoreError, match="eventcoder ingest"):
        Store(tmp_path / "missing.db", readonly=True)
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        Store(bad)
    Store(tmp_path / "ok.db").close()
    with Store(tmp_path / "ok.db", readonly=True) as ro:
        with pytest.raises(StoreError, match="read-only"):
            ro.write_batch([_doc("a", [])])
        assert ro.stats()["documents"] == 0


def test_store_reader_sees_committed_batches_while_writer_open(tmp_path):
    path = tmp_path / "wal.db"
    with Store(path) as writer, Store(path, readonly=True) as reader:
        writer.write_batch([_doc("a", [make_event("a", 0)])])
        assert reader.count(unit="mentions") == 1
        writer.write_batch([_doc("b", [make_event("b", 0)])])
        assert reader.count(unit="mentions") == 2 and reader.count() == 1  # the same event twice


def test_store_failed_document_recorded(store):
    a = article("bad", "text")
    store.write_batch([StoredDocument(article=a, content_hash=content_hash(a), error="ValueError: boom")])
    (doc,) = store.documents(status="failed")
    assert (doc.doc_id, doc.error, doc.n_events) == ("bad", "ValueError: boom", 0)
    assert store.stats()["failed"] == 1


def test_store_to_dataframe(store):
    pd = pytest.importorskip("pandas")
    store.write_batch([_doc("a", [make_event("a", 0), make_event("a", 1, target=None)])])
    frame = store.to_dataframe()
    assert isinstance(frame, pd.DataFrame)
    assert list(frame["source_code"]) == ["JPNGOV", "JPNGOV"]
    assert frame["target_code"].isna().tolist() == [False, True]



def test_store_events_newest_first_reverses_the_order(store):
    events = [make_event("n", i, date=f"2020-0{i + 1}-01") for i in range(3)]
    store.write_batch([_doc("n", events)])
    oldest = [e.date for e in store.events(EventFilter(doc_id="n"))]
    newest = [e.date for e in store.events(EventFilter(doc_id="n", newest_first=True, limit=2))]
    assert oldest == ["2020-01-01", "2020-02-01", "2020-03-01"]
    assert newest == ["2020-03-01", "2020-02-01"]


def test_store_v1_database_migrates_and_keeps_its_events(tmp_path):
    """A database written before reported_by/symmetric existed opens, migrates and reads
    its old rows with the new fields at their defaults."""
    path = tmp_path / "old.db"
    event = make_event("old", 0)
    with Store(tmp_path / "new.db") as s:
        s.write_batch([_doc("old", [event], text="old text")])
    from eventcoder.store.schema import _statements

    conn = sqlite3.connect(path, isolation_level=None)  # a v1 file, as version 1 wrote it
    for statement in _statements(MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute(f"ATTACH DATABASE '{tmp_path / 'new.db'}' AS new")
    for table, columns in (("documents", "doc_id, content_hash, status, error, title, publisher, published, url, "
                                         "source_path, metadata, text, n_events, coder, coded_at"),
                           ("mentions", "id, event_id, doc_id, ordinal, sentence_index, sentence, span_start, span_end, "
                                        "date, date_precision, month, source_code, target_code, source, target, cameo, "
                                        "cameo_root, quad_class, goldstein, plover_type, plover_mode, negated, modality, "
                                        "location, evidence, coder, publisher")):
        conn.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM new.{table}")
    conn.execute("DETACH DATABASE new")
    conn.close()
    with Store(path) as s:  # migrates v1 -> current
        back = s.events(EventFilter(doc_id="old"))
    assert back == [event]
    assert back[0].reported_by is None and back[0].symmetric is False
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
