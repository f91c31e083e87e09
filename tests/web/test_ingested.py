"""The web UI over a database ingested by the real coder from hand-written articles."""

from __future__ import annotations

import pytest

from eventcoder.model import Article

ARTICLES = [
    Article(doc_id="w1", published="2023-03-14", title="Talks in Tokyo",
            text="Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol in Tokyo on Monday. "
                 "Japan criticized North Korea for its missile launches."),
    Article(doc_id="w2", published="2023-04-02", title="Border clash",
            text="Israeli troops attacked Hamas militants in Gaza on Sunday. "
                 "Egypt urged Israel to show restraint."),
]


@pytest.mark.model
def test_ingested_database_serves_events_with_highlights(tmp_path, resources, test_client_cls):
    TestClient = test_client_cls
    from eventcoder.store import ingest_articles
    from eventcoder.web import create_app

    db = tmp_path / "ingested.db"
    ingest_articles(ARTICLES, db, resources=resources)
    with TestClient(create_app(db)) as client:
        body = client.get("/api/events").json()
        assert body["total"] >= 2, body
        for event in body["events"]:
            detail = client.get(f"/api/events/{event['event_id']}").json()
            pieces = detail["highlight"]
            assert "".join(p["text"] for p in pieces) == event["sentence"]
            assert [p["text"] for p in pieces if p["role"] == "verb"] == [event["evidence"]["verb"]]
            assert detail["document"]["title"] in {a.title for a in ARTICLES}
        assert client.get("/search").status_code == 200
        assert client.get("/api/network").json()["nodes"]


@pytest.mark.model
@pytest.mark.issue(13)
def test_ingested_speaker_and_symmetric_flag_reach_the_page_and_exports(tmp_path, resources, test_client_cls):
    """A reported event (its speaker) and a symmetric pair, coded by the real coder from
    our own article, survive the store, every export with the fields and the event page."""
    import csv

    from eventcoder.export import read_jsonl, read_parquet
    from eventcoder.store import Store, ingest_articles
    from eventcoder.web import create_app

    article = Article(
        doc_id="w3", published="2023-05-02", title="Border talks",
        text="Peru held talks with Chile in Lima on Monday. "
             "Peruvian police arrested Chilean smugglers near the border, Chilean officials said.",
    )
    db = tmp_path / "conventions.db"
    ingest_articles([article], db, resources=resources)
    with Store(db, readonly=True) as store:
        events = list(store.iter_events())
    reported = [e for e in events if e.reported_by is not None]
    pair = [e for e in events if e.symmetric]
    assert reported and reported[0].modality == "reported" and reported[0].reported_by.code == "CHLGOV"
    assert {(e.source.code, e.target.code) for e in pair} == {("PER", "CHL"), ("CHL", "PER")}
    assert not any(e.cameo == "010" for e in events)  # the attribution is no event

    pytest.importorskip("pyarrow")
    with Store(db, readonly=True) as store:
        for fmt in ("jsonl", "csv", "parquet"):  # every mention: the lossless round trip
            store.export(tmp_path / f"out.{fmt}", fmt, unit="mentions")
        store.export(tmp_path / "events.jsonl", "jsonl")  # real-world events: the pair once
        assert store.count() == len(events) - 1
    by_id = lambda evs: sorted(evs, key=lambda e: e.event_id)  # noqa: E731
    assert by_id(read_jsonl(tmp_path / "out.jsonl")) == by_id(events)
    assert by_id(read_parquet(tmp_path / "out.parquet")) == by_id(events)
    assert len(list(read_jsonl(tmp_path / "events.jsonl"))) == len(events) - 1
    with (tmp_path / "out.csv").open(encoding="utf-8", newline="") as fh:
        rows = {r["event_id"]: r for r in csv.DictReader(fh)}
    assert rows[reported[0].event_id]["reported_by_code"] == "CHLGOV"
    assert all(rows[e.event_id]["symmetric"] == "true" for e in pair)

    with test_client_cls(create_app(db)) as client:
        page = client.get(f"/events/{reported[0].event_id}").text
        assert 'id="reported-by"' in page and "CHLGOV" in page.split('id="reported-by"', 1)[1][:400]
        page = client.get(f"/events/{pair[0].event_id}").text
        assert 'id="symmetric"' in page
        detail = client.get(f"/api/events/{reported[0].event_id}").json()
        assert detail["event"]["reported_by"]["code"] == "CHLGOV"
