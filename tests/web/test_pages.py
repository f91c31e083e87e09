"""HTML pages (server-rendered parts) and the ``serve`` command."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from . import _data


@pytest.mark.parametrize("path", ["/search", "/timeline", "/network", "/map"])
def test_pages_render_and_keep_filters(client, path):
    r = client.get(path, params={"dyad": "JPN,KHM", "quad": ["1", "3"], "text": "<script>alert(1)</script>"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert 'name="dyad" value="JPN,KHM"' in r.text
    assert re.search(r'value="3" checked', r.text)
    assert "<script>alert(1)</script>" not in r.text  # escaped
    # the navigation keeps the filters
    assert "/map?dyad=JPN%2CKHM&amp;quad=1&amp;quad=3" in r.text


def test_pages_search_lists_events_with_names(client):
    r = client.get("/search", params={"cameo": "190"})
    assert r.status_code == 200
    assert 'id="total">2<' in r.text
    assert r.text.count('class="event-link"') == 2
    assert "fire" in r.text.lower() or "force" in r.text.lower()  # CAMEO 190's name from the codebook


def test_pages_search_pager(client):
    first = client.get("/search", params={"page_size": 4, "unit": "mentions"}).text
    assert 'rel="next"' in first and 'rel="prev"' not in first
    last = client.get("/search", params={"page_size": 4, "page": 3, "unit": "mentions"}).text
    assert 'rel="prev"' in last and 'rel="next"' not in last


def test_pages_event_highlights_sentence(client, web_db):
    _, events = web_db
    event = events["d4"][0]
    r = client.get(f"/events/{event.event_id}")
    assert r.status_code == 200
    assert '<mark class="source" title="source">Israeli forces</mark>' in r.text
    assert '<mark class="verb" title="verb">attacked</mark>' in r.text
    assert '<mark class="target" title="target">militants</mark>' in r.text
    assert _data.TITLES["d4"] in r.text and "test.190.attacked" in r.text and "ASSAULT" in r.text


@pytest.mark.parametrize(
    ("path", "status"), [("/search?cameo=999", 400), ("/timeline?since=2023&until=2022", 400), ("/events/0000000000", 404)]
)
def test_pages_errors_are_pages_without_traceback(client, path, status):
    r = client.get(path)
    assert r.status_code == status and r.headers["content-type"].startswith("text/html")
    assert "Traceback" not in r.text and 'class="error"' in r.text


def test_serve_command_binds_localhost_by_default(web_db, monkeypatch):
    import uvicorn

    from eventcoder.cli import main

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    result = CliRunner().invoke(main, ["serve", "--db", str(web_db[0])])
    assert result.exit_code == 0, result.output
    assert calls[0]["host"] == "127.0.0.1" and calls[0]["port"] == 8000
    CliRunner().invoke(main, ["serve", "--db", str(web_db[0]), "--host", "0.0.0.0", "--port", "8765"])
    assert calls[1]["host"] == "0.0.0.0" and calls[1]["port"] == 8765


def test_serve_command_missing_database_is_one_line(tmp_path):
    from eventcoder.cli import main

    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1
    assert "eventcoder ingest" in result.output and "Traceback" not in result.output


def test_web_imports_no_framework_at_import():
    import subprocess
    import sys

    code = "import sys, eventcoder.web; print('fastapi' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


@pytest.mark.issue(14)
def test_pages_search_past_the_last_page(client):
    r = client.get("/search", params={"dyad": "USA,IRQ", "page": 2})
    assert r.status_code == 200
    assert "page 2 of" not in r.text and 'id="past-end"' in r.text
    r = client.get("/search", params={"dyad": "JPN,KHM", "page": 2})
    assert "page 2 of 1" not in r.text and "Go to the last page" in r.text


@pytest.mark.issue(14)
def test_pages_search_unit_switch_and_reports(client):
    events = client.get("/search").text
    assert 'id="total">9<' in events and 'class="num reports"' in events
    assert 'id="unit-switch" href="/search?unit=mentions"' in events
    mentions = client.get("/search", params={"unit": "mentions"}).text
    assert 'id="total">11<' in mentions and "reports" not in mentions.split('id="results"')[1].split("</thead>")[0].lower()
