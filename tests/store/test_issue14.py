"""Issue 14: counts of events, not mentions; symmetric pairs; reprints; provenance and
re-coding; read-only and old databases."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.cli import main
from eventcoder.model import Actor, Article, Event, Plover, make_event_id
from eventcoder.store import EventFilter, Store, StoredDocument, content_hash, ingest_articles

from ._factory import article, make_event

pytestmark = pytest.mark.issue(14)

_STORY = [
    "The foreign minister of Japan met the Cambodian premier in Phnom Penh on Tuesday to discuss trade, roads and aid.",
    "Both governments signed an agreement on the clearing of land mines along the northern border region.",
    "Officials said the talks would continue next month in Tokyo, where a larger delegation is expected.",
    "Opposition groups criticised the government for the secrecy of the negotiations and the lack of a vote.",
]


_WORDS = ("harbour", "ministry", "council", "election", "border", "treaty", "village", "province", "budget", "court",
          "river", "factory", "school", "market", "railway", "hospital", "farmers", "students", "mayor", "senate",
          "drought", "bridge", "tariff", "pipeline", "festival", "museum", "airport", "refugees", "envoy", "summit")


def _story(i: int) -> str:
    """A distinct article (several sentences, long enough for reprint detection)."""
    import random

    rng = random.Random(i)
    filler = " ".join(" ".join(f"{rng.choice(_WORDS)}{rng.randrange(10**6)}" for _ in range(20)) + "." for _ in range(10))
    return f"Report {i}: " + " ".join(_STORY) + " " + filler


def _coder(version: str = "1"):
    """A deterministic coder: events from the text, stamped with a coder version."""

    def code(a: Article) -> list[Event]:
        out = []
        n = int(a.text.split("Report ", 1)[1].split(":", 1)[0])
        for k, (src, tgt, cameo, quad, gold) in enumerate([
            ("JPNGOV", "KHMGOV", "040", 1, 1.0), ("KHMGOV", "JPNGOV", "0311", 1, 5.2),
            ("KHMOPP", "KHMGOV", "111", 3, -2.0),
        ]):
            date = f"2004-11-{(n + k) % 28 + 1:02d}"
            out.append(replace(make_event(a.doc_id, k, source=src, target=tgt, cameo=cameo, quad=quad, goldstein=gold,
                                          date=date, sentence=f"{_STORY[k]} Report {n}."), coder=f"eventcoder/{version}"))
        # one event dated only by the article (reprints on another day would differ)
        out.append(replace(make_event(a.doc_id, 3, source="KHMOPP", target="KHMGOV", cameo="112", quad=3,
                                      goldstein=-2.0, date=a.published, sentence=f"{_STORY[3]} Report {n}."),
                           coder=f"eventcoder/{version}", date_precision="article"))
        return out

    code.__qualname__ = f"coder_v{version}"
    return code


def _ten_articles_three_times() -> list[Article]:
    """10 articles, ingested three times under different ids and URLs (the issue's case)."""
    out = []
    for copy in range(3):
        for i in range(10):
            out.append(Article(doc_id=f"copy{copy}-{i}", text=_story(i), published=f"2004-11-{i + 1:02d}",
                               url=f"https://mirror{copy}.example/{i}", publisher=f"Outlet {copy}"))
    return out


@pytest.fixture(scope="module")
def dup_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("dup") / "dup.db"
    ingest_articles(_ten_articles_three_times(), path, coder=_coder())
    return path


def _cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


# ------------------------------------------------------------------ 1. events, not mentions
def test_issue14_duplicate_ingest_counts_equal_the_rollup(dup_db):
    with Store(dup_db, readonly=True) as store:
        stats = store.stats()
        assert stats["mentions"] == 120 and stats["events"] == 40  # 10 articles x 4 events, 3 copies each
        rows = store.count_by("month")
        assert [(r.key, r.events) for r in rows] == [(("2004-11",), 40)]
        assert sum(r.events for r in store.count_by("month", unit="mentions")) == 120
        assert store.count() == 40 and store.count(unit="mentions") == 120
        assert all((r.mentions, r.articles, r.sources) == (3, 3, 3) for r in store.rollup())
    out = _cli("query", "--db", dup_db, "--count-by", "month", "--format", "jsonl")
    assert out.exit_code == 0, out.output
    assert [json.loads(line)["events"] for line in out.stdout.splitlines()] == [40]
    mentions = _cli("query", "--db", dup_db, "--count-by", "month", "--format", "jsonl", "--unit", "mentions")
    assert [json.loads(line)["mentions"] for line in mentions.stdout.splitlines()] == [120]


def test_issue14_duplicate_ingest_api_counts_events(dup_db, test_client_cls_or_skip):
    from eventcoder.web import create_app

    with test_client_cls_or_skip(create_app(dup_db), raise_server_exceptions=False) as client:
        timeline = client.get("/api/timeline").json()
        assert sum(b["events"] for b in timeline["bars"]) == 40
        assert sum(b["events"] for b in client.get("/api/timeline", params={"unit": "mentions"}).json()["bars"]) == 120
        edges = client.get("/api/network").json()["edges"]
        assert sum(e["events"] for e in edges) == 40
        assert client.get("/api/events").json()["total"] == 40
        assert client.get("/api/events", params={"unit": "mentions"}).json()["total"] == 120
        first = client.get("/api/events").json()["events"][0]
        assert (first["mentions"], first["articles"], first["sources"]) == (3, 3, 3)
        page = client.get("/search").text
        assert 'id="total">40<' in page and 'name="unit"' in page


def _sym(doc: str, n: int, src: str, tgt: str, *, date="2022-09-28", cameo="040", symmetric=True) -> Event:
    return replace(make_event(doc, n, source=src, target=tgt, cameo=cameo, quad=1, goldstein=1.0, date=date),
                   symmetric=symmetric)


def _doc(doc_id: str, events, text: str = "", **kw) -> StoredDocument:
    a = article(doc_id, text, **kw)
    return StoredDocument(article=a, content_hash=content_hash(a), events=tuple(events))


def test_issue14_symmetric_pair_is_one_event(tmp_path):
    with Store(tmp_path / "s.db") as store:
        store.write_batch([_doc("a", [_sym("a", 0, "USAGOV", "CHNGOV"), _sym("a", 0, "CHNGOV", "USAGOV")])])
        (row,) = list(store.rollup())
        # canonical direction: the two codes in sorted order
        assert (row.source_code, row.target_code, row.mentions, row.symmetric) == ("CHNGOV", "USAGOV", 2, True)
        assert store.count() == 1 and store.count(unit="mentions") == 2
        assert [r.events for r in store.count_by("dyad")] == [1]
        assert store.count(EventFilter(source="USA")) == 1  # either actor is the source of a meeting
        assert store.count(EventFilter(dyad=("USA", "CHN"), directed=True)) == 1
        assert sum(r.events for r in store.timeline()) == 1
        # a one-sided event keeps its direction
        store.write_batch([_doc("b", [_sym("b", 1, "USAGOV", "CHNGOV", cameo="111", symmetric=False)])])
        assert store.count(EventFilter(source="CHN", cameo="11")) == 0
        assert store.count(EventFilter(source="USA", cameo="11")) == 1
        # the other direction reported by another article joins the same event
        store.write_batch([_doc("c", [_sym("c", 4, "USAGOV", "CHNGOV")])])
        assert store.count(EventFilter(cameo="04")) == 1
        (meet,) = list(store.rollup(EventFilter(cameo="04")))
        assert (meet.mentions, meet.articles) == (3, 2)


# ------------------------------------------------------------------ reprints
def test_issue14_reprint_on_another_day_adds_mentions_not_events(tmp_path):
    with Store(tmp_path / "r.db") as store:
        base = Article(doc_id="orig", text=_story(1), published="2004-11-20", publisher="Wire")
        copy = Article(doc_id="copy", text=_story(1).replace("Tuesday", "Tuesday afternoon"), published="2004-11-23",
                       publisher="Daily")
        other = Article(doc_id="other", text=_story(5), published="2004-11-23", publisher="Daily")
        coder = _coder()
        store.write_batch([StoredDocument(article=a, content_hash=content_hash(a), events=tuple(coder(a)))
                           for a in (base, copy, other)])
        assert store.document("copy").reprint_of == "orig"
        assert store.document("other").reprint_of is None
        # the article-dated event of the copy joins the original's (other publication date)
        assert store.count(EventFilter(cameo="112")) == 2  # orig (+copy) and other
        (joined,) = [r for r in store.rollup(EventFilter(cameo="112")) if r.mentions == 2]
        assert joined.date == "2004-11-20" and joined.sources == 2


# ------------------------------------------------------------------ 2. provenance and re-coding
def _db_content(path) -> dict:
    conn = sqlite3.connect(path)
    try:
        return {
            "documents": conn.execute("SELECT doc_id, content_hash, status, n_events, coder, fingerprint, reprint_of "
                                      "FROM documents ORDER BY doc_id").fetchall(),
            "mentions": conn.execute("SELECT event_id, doc_id, ordinal, date, cameo, coder, key_date, key_source, "
                                     "key_target FROM mentions ORDER BY doc_id, ordinal").fetchall(),
            "events": conn.execute("SELECT date, source_code, target_code, cameo, mentions, articles, sources "
                                   "FROM events ORDER BY 1, 2, 3, 4").fetchall(),
            "event_month": conn.execute("SELECT * FROM event_month ORDER BY 1, 2, 3, 4, 5").fetchall(),
        }
    finally:
        conn.close()


def _fp(version: str):
    from eventcoder.provenance import Fingerprint

    return Fingerprint(components={"coder": f"eventcoder/{version}", "kb": "k", "lexicon": "l", "model": "m"})


def test_issue14_recode_after_version_change_recodes_each_document_once(tmp_path):
    from eventcoder.store import recode

    db = tmp_path / "v.db"
    items = _ten_articles_three_times()
    first = ingest_articles(items, db, coder=_coder("1"), fingerprint=_fp("1"))
    assert first.coded == 30
    # a new version: a plain ingest re-codes nothing but says so
    again = ingest_articles(items, db, coder=_coder("2"), fingerprint=_fp("2"))
    assert (again.recoded, again.unchanged, again.stale) == (0, 30, 30)
    summary = recode(db, coder=_coder("2"), fingerprint=_fp("2"))
    assert (summary.recoded, summary.coded) == (30, 0)
    with Store(db, readonly=True) as store:
        assert {d.coder for d in store.documents(limit=None)} == {"eventcoder/2"}
        assert {e.coder for e in store.events()} == {"eventcoder/2"}
        assert [f["documents"] for f in store.fingerprints()] == [30]
    assert recode(db, coder=_coder("2"), fingerprint=_fp("2")).recoded == 0
    fresh = tmp_path / "fresh.db"
    ingest_articles(items, fresh, coder=_coder("2"), fingerprint=_fp("2"))
    assert _db_content(db) == _db_content(fresh)


_KILLABLE = """
import sys, time
sys.path.insert(0, sys.argv[2])
from tests.store.test_issue14 import _coder, _fp
from eventcoder.store import recode
slow = _coder("2")
def code(a):
    time.sleep(0.05)
    return slow(a)
code.__qualname__ = "coder_v2"
recode(sys.argv[1], coder=code, fingerprint=_fp("2"), chunk_size=2)
"""


def test_issue14_recode_killed_and_rerun_equals_uninterrupted(tmp_path):
    from eventcoder.store import recode

    items = _ten_articles_three_times()
    reference, killed = tmp_path / "reference.db", tmp_path / "killed.db"
    for path in (reference, killed):
        ingest_articles(items, path, coder=_coder("1"), fingerprint=_fp("1"))
    recode(reference, coder=_coder("2"), fingerprint=_fp("2"), chunk_size=2)

    root = Path(__file__).resolve().parents[2]
    proc = subprocess.Popen([sys.executable, "-c", _KILLABLE, str(killed), str(root)], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
        try:
            conn = sqlite3.connect(killed, timeout=0.1)
            done = conn.execute("SELECT count(*) FROM documents WHERE coder = 'eventcoder/2'").fetchone()[0]
            conn.close()
        except sqlite3.Error:
            continue
        if done >= 8:
            break
    assert proc.poll() is None, proc.stderr.read().decode()[-2000:]
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stderr.close()
    partial = _db_content(killed)
    assert 0 < sum(d[4] == "eventcoder/2" for d in partial["documents"]) < 30
    # whole documents only: each one has all its events of one version
    assert all(m[5] == next(d[4] for d in partial["documents"] if d[0] == m[1]) for m in partial["mentions"])
    rerun = recode(killed, coder=_coder("2"), fingerprint=_fp("2"), chunk_size=2)
    assert 0 < rerun.recoded < 30
    assert _db_content(killed) == _db_content(reference)


def test_issue14_info_prints_fingerprints_and_counts(dup_db):
    out = _cli("info", "--db", dup_db)
    assert out.exit_code == 0, out.output
    assert "custom:" in out.stdout and "30 documents" in out.stdout
    assert "120 mentions" in out.stdout and "40 events" in out.stdout
    data = json.loads(_cli("info", "--db", dup_db, "--format", "json").stdout)
    assert data["counts"]["events"] == 40 and data["fingerprints"][0]["documents"] == 30


# ------------------------------------------------------------------ old and read-only databases
def _make_v2(path: Path) -> None:
    """A database as schema version 2 wrote it (before events had keys and provenance)."""
    from eventcoder.store.schema import MIGRATIONS, _statements

    conn = sqlite3.connect(path, isolation_level=None)
    for script in MIGRATIONS[:2]:
        for statement in _statements(script):
            conn.execute(statement)
    conn.execute("PRAGMA user_version = 2")
    cols = ("event_id, doc_id, ordinal, sentence_index, sentence, span_start, span_end, date, date_precision, month, "
            "source_code, target_code, source, target, cameo, cameo_root, quad_class, goldstein, plover_type, "
            "plover_mode, negated, modality, location, evidence, coder, publisher, reported_by, symmetric")
    for doc in ("a", "b"):
        conn.execute("INSERT INTO documents (doc_id, content_hash, status, text, published, coded_at) "
                     "VALUES (?, 'h', 'coded', ?, '2022-09-28', '2022-09-29T00:00:00Z')", (doc, _story(3 if doc == "a" else 4)))
        for n, (s, t) in enumerate([("USAGOV", "CHNGOV"), ("CHNGOV", "USAGOV")]):
            actor = lambda c: json.dumps({"text": c, "code": c, "country": c[:3], "kind": "state"})  # noqa: E731
            conn.execute(f"INSERT INTO mentions ({cols}) VALUES (?, ?, ?, ?, 'x', 0, 1, '2022-09-28', 'day', "
                         "'2022-09', ?, ?, ?, ?, '040', '04', 1, 1.0, 'CONSULT', NULL, 0, 'asserted', NULL, NULL, "
                         "'eventcoder/0.0.9', ?, NULL, 1)",
                         (make_event_id(doc, n, s, t, "040"), doc, n, n, s, t, actor(s), actor(t), f"pub-{doc}"))
    conn.execute("INSERT INTO events (date, source_code, target_code, cameo, cameo_root, quad_class, goldstein, "
                 "mentions, articles, sources, first_mention) SELECT date, source_code, target_code, cameo, cameo_root, "
                 "quad_class, goldstein, count(*), count(DISTINCT doc_id), count(DISTINCT publisher), min(id) "
                 "FROM mentions GROUP BY 1, 2, 3, 4")
    conn.close()


def test_issue14_v2_database_migrates_and_counts_symmetric_once(tmp_path):
    path = tmp_path / "v2.db"
    _make_v2(path)
    with Store(path) as store:
        assert store.count() == 1 and store.count(unit="mentions") == 4
        assert [f["digest"] for f in store.fingerprints()] == [None]  # coded before provenance: --recode redoes them
        assert store.stale_documents("anything") == ["a", "b"]


def _readonly_copy(src: Path) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="ec-ro-"))
    os.chmod(folder, 0o755)
    target = folder / src.name
    shutil.copy(src, target)
    os.chmod(target, 0o444)
    os.chmod(folder, 0o555)
    return target


@pytest.mark.parametrize("version", [3, 2])
def test_issue14_readonly_database_opens_for_query_and_export(dup_db, tmp_path, version, as_reader):
    src = dup_db
    if version == 2:
        src = tmp_path / "old.db"
        _make_v2(src)
    ro = _readonly_copy(src)
    try:
        before = sorted(os.listdir(ro.parent)), ro.read_bytes()
        q = as_reader(["query", "--db", str(ro), "--count-by", "month", "--format", "jsonl"])
        assert q.returncode == 0, q.stderr
        assert json.loads(q.stdout.splitlines()[0])["events"] == (40 if version == 3 else 1)
        out = Path(tempfile.mkdtemp(prefix="ec-out-"))
        os.chmod(out, 0o777)
        e = as_reader(["export", "--db", str(ro), "--format", "csv", "-o", str(out / "x.csv")])
        assert e.returncode == 0, e.stderr
        assert (sorted(os.listdir(ro.parent)), ro.read_bytes()) == before  # nothing written beside it
        shutil.rmtree(out)
    finally:
        os.chmod(ro.parent, 0o755)
        shutil.rmtree(ro.parent)


def test_issue14_readonly_database_served_without_writes(dup_db, test_client_cls_or_skip, monkeypatch):
    from eventcoder.store import db as store_db
    from eventcoder.web import create_app

    if os.geteuid() == 0:  # root may write anywhere: make the store see what a user would
        monkeypatch.setattr(store_db, "_writable", lambda path: False)
    ro = _readonly_copy(dup_db)
    try:
        before = sorted(os.listdir(ro.parent)), ro.read_bytes()
        with test_client_cls_or_skip(create_app(ro), raise_server_exceptions=False) as client:
            for url in ("/api/events", "/api/timeline", "/api/network", "/api/locations", "/api/stats", "/search"):
                assert client.get(url).status_code == 200, url
        assert (sorted(os.listdir(ro.parent)), ro.read_bytes()) == before
    finally:
        os.chmod(ro.parent, 0o755)
        shutil.rmtree(ro.parent)


def test_issue14_v2_database_served_from_one_migrated_copy(tmp_path, test_client_cls_or_skip):
    from eventcoder.web import create_app

    path = tmp_path / "v2.db"
    _make_v2(path)
    before = path.read_bytes()
    with test_client_cls_or_skip(create_app(path), raise_server_exceptions=False) as client:
        assert client.get("/api/events").json()["total"] == 1  # the symmetric pair, once
        assert client.get("/api/events", params={"unit": "mentions"}).json()["total"] == 4
    assert path.read_bytes() == before
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 2  # not migrated in place


@pytest.mark.model
def test_issue14_cli_recode_after_coder_version_change(tmp_path, monkeypatch):
    import eventcoder.pipeline as pipeline

    corpus = tmp_path / "c.jsonl"
    texts = ["Japanese Prime Minister Fumio Kishida met Cambodian Prime Minister Hun Sen in Tokyo on Tuesday.",
             "Israeli troops attacked Hamas militants in Gaza on Sunday."]
    corpus.write_text("".join(json.dumps({"id": f"k{i}", "text": t, "date": "2022-09-29"}) + "\n"
                              for i, t in enumerate(texts)), encoding="utf-8")
    db = tmp_path / "e.db"
    assert _cli("ingest", corpus, "--db", db).exit_code == 0
    monkeypatch.setattr(pipeline, "CODER", "eventcoder/99.0")
    stale = _cli("ingest", corpus, "--db", db)
    assert "2 unchanged" in stale.stderr and "2 coded by another version" in stale.stderr
    first = _cli("ingest", "--recode", "--db", db)
    assert first.exit_code == 0, first.output
    assert "2 re-coded" in first.stderr
    second = _cli("ingest", "--recode", "--db", db)
    assert "0 re-coded" in second.stderr
    with Store(db, readonly=True) as store:
        assert {e.coder for e in store.events()} == {"eventcoder/99.0"}
        assert {d.coder for d in store.documents()} == {"eventcoder/99.0"}
    info = _cli("info", "--db", db).stdout
    assert "eventcoder/99.0" in info and "2 documents" in info


def test_fingerprint_ignores_settings_left_at_their_defaults():
    """A coder option added later with a default must not make every stored document
    look coded otherwise; a setting a user changed must."""
    from dataclasses import dataclass, make_dataclass
    from types import SimpleNamespace

    from eventcoder.events.settings import CodingSettings
    from eventcoder.provenance import fingerprint_of

    @dataclass(frozen=True)
    class Old:
        statements: bool = False

    New = make_dataclass("New", [("statements", bool, False), ("brand_new", bool, False)], frozen=True)

    def fp(settings):
        return fingerprint_of(SimpleNamespace(nlp=None, actors=None, lexicon=None, gazetteer=None, settings=settings),
                              coder="eventcoder/test").components["settings"]

    assert fp(Old()) == fp(New()) == fp(CodingSettings())
    assert fp(CodingSettings(statements=True)) == fp(New(statements=True)) != fp(CodingSettings())
    assert fp(New(brand_new=True)) != fp(New())
