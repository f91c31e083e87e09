"""Batch ingest: idempotence, re-coding, failures, resumability (kill -9 for real)."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace

import pytest

from eventcoder.errors import ConfigError
from eventcoder.model import SkipReason, Skipped
from eventcoder.store import EventFilter, Store, ingest, ingest_articles

from ._factory import article, fake_coder


def _articles(n: int, version: str = "") -> list:
    return [article(f"doc{i:03d}", f"Article number {i}{version}: the minister met the envoy.") for i in range(n)]


def _content(path) -> dict[str, list]:
    """Everything in the database that must not depend on how the run went."""
    conn = sqlite3.connect(path)
    try:
        return {
            "documents": conn.execute(
                "SELECT doc_id, content_hash, status, error, title, published, n_events FROM documents ORDER BY doc_id"
            ).fetchall(),
            "mentions": conn.execute(
                "SELECT event_id, doc_id, ordinal, sentence_index, sentence, date, source, target, cameo, goldstein, "
                "negated, modality, location, evidence FROM mentions ORDER BY doc_id, ordinal"
            ).fetchall(),
            "events": conn.execute(
                "SELECT date, source_code, target_code, cameo, mentions, articles, sources FROM events "
                "ORDER BY date, source_code, target_code, cameo"
            ).fetchall(),
            "dyad_month": conn.execute("SELECT * FROM dyad_month ORDER BY 1, 2, 3, 4").fetchall(),
        }
    finally:
        conn.close()


def test_ingest_articles_is_idempotent(tmp_path):
    db = tmp_path / "a.db"
    first = ingest_articles(_articles(40), db, coder=fake_coder, chunk_size=7)
    assert (first.articles, first.coded, first.unchanged) == (40, 40, 0)
    assert first.events_written > 0
    before = _content(db)
    again = ingest_articles(_articles(40), db, coder=fake_coder, chunk_size=7)
    assert (again.coded, again.recoded, again.unchanged, again.events_written) == (0, 0, 40, 0)
    assert _content(db) == before


def test_ingest_articles_recodes_changed_text_and_replaces_events(tmp_path):
    db = tmp_path / "r.db"
    ingest_articles(_articles(20), db, coder=fake_coder)
    changed = _articles(20)
    changed[3] = replace(changed[3], text="A completely different text about a summit.")
    changed[7] = replace(changed[7], published="2023-01-01")  # new anchor date: re-code too
    summary = ingest_articles(changed, db, coder=fake_coder)
    assert (summary.recoded, summary.unchanged) == (2, 18)
    fresh = tmp_path / "fresh.db"
    ingest_articles(changed, fresh, coder=fake_coder)
    assert _content(db) == _content(fresh)


def test_ingest_articles_records_failures_and_carries_on(tmp_path):
    db = tmp_path / "f.db"
    items = [*_articles(5), article("bad", "this one will FAIL"), Skipped(reason=SkipReason.EMPTY, source="x.txt")]
    summary = ingest_articles(items, db, coder=fake_coder)
    assert (summary.coded, summary.failed, summary.skipped["empty"]) == (5, 1, 1)
    assert summary.failures[0][0] == "bad"
    with Store(db, readonly=True) as store:
        (doc,) = store.documents(status="failed")
        assert doc.doc_id == "bad" and "RuntimeError" in doc.error
    # a rerun leaves failures alone unless asked to retry them
    assert ingest_articles(items, db, coder=fake_coder).failed == 0
    assert ingest_articles(items, db, coder=fake_coder, retry_failed=True).failed == 1


def test_ingest_articles_duplicate_ids_within_a_run(tmp_path):
    db = tmp_path / "d.db"
    items = [article("same", "first text"), article("same", "first text"), article("same", "second text")]
    summary = ingest_articles(items, db, coder=fake_coder)
    assert (summary.coded, summary.unchanged, summary.recoded) == (1, 1, 1)
    with Store(db, readonly=True) as store:
        assert store.stats()["documents"] == 1
        assert all(e.doc_id == "same" for e in store.events())


def test_ingest_articles_checks_arguments(tmp_path):
    with pytest.raises(ConfigError):
        ingest_articles([], tmp_path / "x.db", workers=0)
    with pytest.raises(ConfigError, match="workers=1"):
        ingest_articles([], tmp_path / "x.db", workers=2, coder=fake_coder)


def test_ingest_articles_rolled_back_batch_leaves_whole_documents(tmp_path):
    """A crash inside a batch (here: an exception while writing) loses the batch only."""
    db = tmp_path / "crash.db"
    calls = {"n": 0}

    def coder(a):
        calls["n"] += 1
        if calls["n"] == 25:
            raise KeyboardInterrupt  # not an Exception: escapes the per-document net
        return fake_coder(a)

    with pytest.raises(KeyboardInterrupt):
        ingest_articles(_articles(40), db, coder=coder, chunk_size=10)
    with Store(db, readonly=True) as store:
        assert store.stats()["documents"] == 20  # two whole chunks
    summary = ingest_articles(_articles(40), db, coder=fake_coder, chunk_size=10)
    assert (summary.unchanged, summary.coded) == (20, 20)
    fresh = tmp_path / "fresh.db"
    ingest_articles(_articles(40), fresh, coder=fake_coder, chunk_size=10)
    assert _content(db) == _content(fresh)


# ------------------------------------------------------------------ with the model
_SENTENCES = [
    "Japanese Prime Minister Fumio Kishida met Cambodian Prime Minister Hun Sen in Tokyo on Tuesday.",
    "Israel accused Iran of supplying weapons to militants.",
    "The United States imposed sanctions on Russia.",
    "China and India agreed to resume border talks.",
    "Police arrested dozens of protesters in the capital.",
    "France did not sign the agreement with Germany.",
]


def _corpus(path, n: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            text = " ".join(_SENTENCES[(i + k) % len(_SENTENCES)] for k in range(3)) + f" Report {i}."
            fh.write(json.dumps({"id": f"a{i:03d}", "text": text, "date": f"2022-0{1 + i % 9}-15"}) + "\n")


@pytest.mark.model
def test_ingest_killed_and_resumed_equals_uninterrupted_run(tmp_path, resources):
    corpus = tmp_path / "corpus.jsonl"
    _corpus(corpus, 120)
    reference = tmp_path / "reference.db"
    ingest([str(corpus)], reference, resources=resources, progress=False, chunk_size=8)

    killed = tmp_path / "killed.db"
    code = (
        "import sys; from eventcoder.store import ingest; "
        "ingest([sys.argv[1]], sys.argv[2], progress=False, chunk_size=8)"
    )
    log = tmp_path / "stderr.txt"
    with log.open("wb") as err:
        proc = subprocess.Popen([sys.executable, "-c", code, str(corpus), str(killed)], stderr=err)
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:  # wait until it is mid-run
        time.sleep(0.05)
        if killed.exists():
            try:
                conn = sqlite3.connect(killed, timeout=0.1)
                stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
                conn.close()
            except sqlite3.Error:
                continue
            if stored >= 16:
                break
    assert proc.poll() is None, f"ingest ended before it could be killed: {log.read_text()[-2000:]}"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert 0 < len(_content(killed)["documents"]) < 120

    summary = ingest([str(corpus)], killed, resources=resources, progress=False, chunk_size=8)
    assert summary.unchanged >= 16 and summary.unchanged + summary.coded == 120
    assert _content(killed) == _content(reference)
    # and the events are the ones the pipeline gives for the same articles
    with Store(killed, readonly=True) as store:
        assert store.count() == store.count(EventFilter()) > 0


@pytest.mark.model
def test_ingest_two_workers_gives_the_same_database(tmp_path, resources):
    corpus = tmp_path / "corpus.jsonl"
    _corpus(corpus, 24)
    one, two = tmp_path / "one.db", tmp_path / "two.db"
    ingest([str(corpus)], one, resources=resources, progress=False, chunk_size=4)
    summary = ingest([str(corpus)], two, workers=2, progress=False, chunk_size=4)
    assert summary.coded == 24 and summary.failed == 0
    assert _content(one) == _content(two)
