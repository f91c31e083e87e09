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
