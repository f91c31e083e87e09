"""The JSON API under /api/: answers, and the one error shape for bad input."""

from __future__ import annotations

import hashlib

import pytest

from . import _data

_LIVE = [r for r in _data.ROWS]


def _expected(pred) -> int:
    return sum(1 for r in _data.ROWS if pred(r))


def _src(r):
    return r[3][1]


def _tgt(r):
    return r[5][1]


@pytest.mark.parametrize(
    ("params", "pred"),
    [
        ({}, lambda r: True),
        ({"dyad": "JPN,KHM"}, lambda r: {_src(r)[:3], _tgt(r)[:3]} == {"JPN", "KHM"}),
        ({"dyad": "JPN,KHM", "directed": "true"}, lambda r: _src(r).startswith("JPN") and _tgt(r).startswith("KHM")),
        ({"source": "ISR"}, lambda r: _src(r).startswith("ISR")),
        ({"target": "isr"}, lambda r: _tgt(r).startswith("ISR")),
        ({"actor": "JPN"}, lambda r: _src(r).startswith("JPN") or _tgt(r).startswith("JPN")),
        ({"since": "2022-10", "until": "2022-11-05"}, lambda r: "2022-10" <= r[1] <= "2022-11-05"),
        ({"cameo": "04"}, lambda r: r[6].startswith("04")),
        ({"cameo": "0233"}, lambda r: r[6] == "0233"),
        ({"quad": ["3", "4"]}, lambda r: r[7] in (3, 4)),
        ({"plover": "aid"}, lambda r: r[9] == "AID"),
        ({"text": "ROCKETS"}, lambda r: "rockets" in r[2].lower()),
        ({"negated": "true"}, lambda r: (r[0], [x for x in _data.ROWS if x[0] == r[0]].index(r)) in _data.NEGATED),
    ],
)
def test_api_events_filters(client, params, pred):
    r = client.get("/api/events", params={**params, "unit": "mentions"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == _expected(pred)
    assert len(body["events"]) == body["total"]
    for event in body["events"]:
        assert {"event_id", "sentence", "source", "target", "cameo", "cameo_name", "quad_class"} <= set(event)


def test_api_events_paging(client):
    seen = []
    for page in (1, 2, 3, 4):
        body = client.get("/api/events", params={"page": page, "page_size": 3, "unit": "mentions"}).json()
        assert body["pages"] == 4 and body["total"] == len(_data.ROWS)
        seen += [e["event_id"] for e in body["events"]]
    assert len(seen) == len(set(seen)) == len(_data.ROWS)
    dates = [client.get("/api/events", params={"unit": "mentions"}).json()["events"][i]["date"] for i in range(len(_data.ROWS))]
    assert dates == sorted(dates)


def test_api_event_detail_highlight_and_same_event(client, web_db):
    _, events = web_db
    first, same = events["d1"][0], events["d2"][0]
    body = client.get(f"/api/events/{first.event_id}").json()
    roles = {p["role"]: p["text"] for p in body["highlight"] if p["role"]}
    assert roles == {"source": "Japanese premier", "verb": "met", "target": "Cambodian leader"}
    assert "".join(p["text"] for p in body["highlight"]) == first.sentence
    assert body["cameo_name"] and body["quad_name"] == "verbal cooperation"
    assert body["document"]["title"] == _data.TITLES["d1"]
    assert [e["event_id"] for e in body["same_event"]] == [same.event_id]


def test_api_event_negated_has_no_same_event(client, web_db):
    _, events = web_db
    denied = events["d5"][1]
    body = client.get(f"/api/events/{denied.event_id}").json()
    assert body["event"]["negated"] is True and body["same_event"] == []


@pytest.mark.parametrize("interval", ["month", "week"])
def test_api_timeline_sums_to_event_count(client, interval):
    body = client.get("/api/timeline", params={"dyad": "JPN,KHM", "interval": interval, "unit": "mentions"}).json()
    assert sum(b["events"] for b in body["bars"]) == _expected(lambda r: {_src(r)[:3], _tgt(r)[:3]} == {"JPN", "KHM"})
    assert {b["quad_class"] for b in body["bars"]} == {1, 2, 3}
    for bar in body["bars"]:
        assert bar["since"] <= bar["until"]
    if interval == "week":
        import datetime as dt

        assert all(dt.date.fromisoformat(b["period"]).weekday() == 0 for b in body["bars"])


def test_api_network_nodes_and_edges(client):
    body = client.get("/api/network", params={"edges": 50, "countryless": "show"}).json()
    ids = {n["id"] for n in body["nodes"]}
    pairs = {(_src(r), _tgt(r)) for i, r in enumerate(_data.ROWS) if (r[0], 1) not in _data.NEGATED or r[4] != "meet"}
    assert {(e["source"], e["target"]) for e in body["edges"]} == pairs
    assert ids == {c for p in pairs for c in p}
    assert all(0 <= n["x"] <= 1 and 0 <= n["y"] <= 1 for n in body["nodes"])
    attack = next(e for e in body["edges"] if e["source"] == "ISRMIL")
    assert attack["mean_goldstein"] == -10.0


def test_api_locations(client):
    places = {p["name"]: p for p in client.get("/api/locations", params={"unit": "mentions"}).json()["places"]}
    assert set(places) == {"Tokyo", "Phnom Penh", "Gaza"}
    assert places["Tokyo"]["events"] == 2 and places["Gaza"]["lat"] == pytest.approx(31.5)
    only = client.get("/api/locations", params={"actor": "ISR"}).json()["places"]
    assert [p["name"] for p in only] == ["Gaza"]


def test_api_counts_by_root(client):
    rows = client.get("/api/counts", params={"by": "root", "unit": "mentions"}).json()["rows"]
    assert sum(r["events"] for r in rows) == len(_data.ROWS) - len(_data.NEGATED)
    # the two mentions of the Tokyo meeting (d1, d2) are one real-world event
    events = client.get("/api/counts", params={"by": "root"}).json()["rows"]
    assert sum(r["events"] for r in events) == len(_data.ROWS) - len(_data.NEGATED) - 1


def test_api_world_outlines_offline(client):
    r = client.get("/api/world")
    assert r.status_code == 200
    countries = {c["id"]: c for c in r.json()["countries"]}
    assert len(countries) > 150 and {"FRA", "JPN", "BRA"} <= set(countries)
    lon, lat = countries["FRA"]["rings"][0][0]
    assert -10 < lon < 12 and 40 < lat < 52


def test_plotly_served_from_the_installed_package(client):
    r = client.get("/vendor/plotly.min.js")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/javascript")
    assert b"plotly" in r.content[:2000].lower() and len(r.content) > 1_000_000


def test_openapi_describes_the_api(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/events/{event_id}", "/api/timeline", "/api/network", "/api/locations"} <= set(spec["paths"])
    names = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"source", "target", "since", "until", "cameo", "quad", "plover", "text", "page", "page_size"} <= names
    assert "400" in spec["paths"]["/api/events"]["get"]["responses"]
    assert not any(p.startswith("/search") for p in spec["paths"])


_SQL = "'; DROP TABLE mentions; --"


@pytest.mark.parametrize(
    ("url", "params", "status", "parameter"),
    [
        ("/api/events", {"cameo": "999"}, 400, "cameo"),
        ("/api/events", {"cameo": "04x"}, 400, "cameo"),
        ("/api/events", {"plover": "NOT_A_TYPE"}, 400, "plover"),
        ("/api/events", {"quad": "5"}, 400, "quad"),
        ("/api/events", {"quad": "one"}, 400, "quad"),
        ("/api/events", {"since": "2023-02", "until": "2022-12-31"}, 400, "until"),
        ("/api/events", {"since": "2022-13"}, 400, "since"),
        ("/api/events", {"until": "2022-02-30"}, 400, "until"),
        ("/api/events", {"page_size": "100000"}, 400, "page_size"),
        ("/api/events", {"page_size": "0"}, 400, "page_size"),
        ("/api/events", {"page": "0"}, 400, "page"),
        ("/api/events", {"page": "999999999"}, 400, None),
        ("/api/events", {"source": _SQL}, 400, "source"),
        ("/api/events", {"dyad": "ISR"}, 400, "dyad"),
        ("/api/events", {"dyad": f"ISR,{_SQL}"}, 400, "dyad"),
        ("/api/events", {"text": "x" * 201}, 400, "text"),
        ("/api/events", {"directed": "maybe"}, 400, "directed"),
        ("/api/events", {"limit": "5"}, 400, "limit"),
        ("/api/timeline", {"interval": "day"}, 400, "interval"),
        ("/api/network", {"edges": "100000"}, 400, "edges"),
        ("/api/counts", {}, 400, "by"),
        ("/api/counts", {"by": "sentence"}, 400, "by"),
        ("/api/events/nothex!", {}, 400, "event_id"),
        ("/api/events/0123456789abcdef0123", {}, 404, None),
        ("/api/nothing", {}, 404, None),
    ],
)
def test_api_bad_input_one_error_shape(client, url, params, status, parameter):
    r = client.get(url, params=params)
    assert r.status_code == status
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"status", "message", "details"}
    assert body["error"]["status"] == status and body["error"]["message"]
    if parameter:
        assert any((d["parameter"] or "").startswith(parameter) for d in body["error"]["details"])
    text = r.text.lower()
    for leak in ("traceback", "select ", "sqlite", "/tmp", ".py", "drop table"):
        assert leak not in text


def test_api_sql_looking_text_is_only_a_string(client, web_db):
    path, _ = web_db
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    for text in ["' OR 1=1 --", "%", "_", "\\", _SQL]:
        r = client.get("/api/events", params={"text": text})
        assert r.status_code == 200 and r.json()["total"] == 0
    assert client.get("/api/events", params={"unit": "mentions"}).json()["total"] == len(_data.ROWS)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_api_unexpected_error_is_500_without_traceback(web_db, monkeypatch, test_client_cls):
    TestClient = test_client_cls
    from eventcoder.store import Store
    from eventcoder.web import create_app

    def boom(*args, **kwargs):
        raise RuntimeError("secret detail /etc/passwd")

    monkeypatch.setattr(Store, "count", boom)
    with TestClient(create_app(web_db[0]), raise_server_exceptions=False) as c:
        r = c.get("/api/events")
    assert r.status_code == 500
    assert set(r.json()["error"]) == {"status", "message", "details"}
    assert "secret" not in r.text and "passwd" not in r.text


def test_api_missing_database_is_a_store_error(tmp_path):
    from eventcoder.errors import StoreError
    from eventcoder.web import create_app

    with pytest.raises(StoreError, match="eventcoder ingest"):
        create_app(tmp_path / "missing.db")


@pytest.mark.issue(14)
def test_api_network_hides_or_groups_actors_without_a_country(client):
    hidden = client.get("/api/network").json()
    assert not {"GOV", "EDU"} & {n["id"] for n in hidden["nodes"]} and hidden["hidden_events"] == 1
    grouped = client.get("/api/network", params={"countryless": "group"}).json()
    (group,) = [n for n in grouped["nodes"] if n["group"]]
    assert group["id"] == "(no country)" and group["events"] == 1
    assert grouped["hidden_events"] == 0


@pytest.mark.issue(14)
def test_api_timeline_periods_cover_empty_months(client):
    body = client.get("/api/timeline").json()
    periods = [p["period"] for p in body["periods"]]
    assert periods == ["2022-09", "2022-10", "2022-11", "2022-12", "2023-01", "2023-02", "2023-03"]
    empty = next(p for p in body["periods"] if p["period"] == "2022-12")
    assert empty["events"] == 0 and empty["mean_goldstein"] is None


@pytest.mark.issue(14)
def test_api_events_unit_and_rollup_counts(client, web_db):
    _, events = web_db
    body = client.get("/api/events").json()
    assert body["unit"] == "events" and body["total"] == len(_data.ROWS) - len(_data.NEGATED) - 1
    tokyo = next(e for e in body["events"] if e["cameo"] == "040")
    assert (tokyo["mentions"], tokyo["articles"], tokyo["sources"]) == (2, 2, 1)
    detail = client.get(f"/api/events/{events['d2'][0].event_id}").json()
    assert detail["rollup"]["mentions"] == 2
    r = client.get("/api/events", params={"negated": "true"})
    assert r.status_code == 400 and "unit=mentions" in r.json()["error"]["message"]


@pytest.mark.issue(14)
def test_unknown_url_is_a_page_for_browsers_json_for_scripts(client):
    page = client.get("/nothing/here", headers={"Accept": "text/html,application/xhtml+xml"})
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html")
    assert 'class="error"' in page.text
    api = client.get("/nothing/here", headers={"Accept": "application/json"})
    assert api.status_code == 404 and api.json()["error"]["status"] == 404
