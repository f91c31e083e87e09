"""End to end in a real headless Chromium (Debian's ``chromium``, driven by Playwright).

Skipped, with the reason, when Playwright or the browser is missing:
``apt-get install chromium`` and ``pip install 'eventcoder[webtest]'`` (never
``playwright install``: the system browser is used).
"""

from __future__ import annotations

import os
import shutil
from urllib.parse import parse_qs, urlsplit

import pytest

from . import _data

BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _chromium() -> str | None:
    for candidate in (os.environ.get("EVENTCODER_CHROMIUM"), "chromium", "chromium-browser", "/usr/bin/chromium"):
        if candidate and (path := shutil.which(candidate)):
            return path
    return None


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    playwright_api = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed: pip install 'eventcoder[webtest]'"
    )
    executable = _chromium()
    if executable is None:
        pytest.skip("no Chromium browser found for the end-to-end tests: apt-get install chromium")
    with playwright_api.sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")),  # an empty --user-data-dir
            executable_path=executable,
            headless=True,
            args=BROWSER_ARGS,
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(15_000)
        yield context
        context.close()


@pytest.fixture
def page(browser, live_server):
    """A tab that records page errors and every request leaving localhost."""
    tab = browser.new_page()
    tab.errors = []
    tab.outside = []
    tab.on("pageerror", lambda err: tab.errors.append(str(err)))
    tab.on("request", lambda req: None if req.url.startswith((live_server, "data:", "blob:")) else tab.outside.append(req.url))
    yield tab
    assert tab.errors == [], f"JavaScript errors: {tab.errors}"
    assert tab.outside == [], f"requests outside the app (must work offline): {tab.outside}"
    tab.close()


def _click_center(page, selector: str) -> None:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not visible"
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def test_browser_search_dyad_timeline_event(page, live_server):
    page.goto(f"{live_server}/search")
    assert page.inner_text("#total") == str(len(_data.ROWS))

    page.fill("input[name=dyad]", "JPN,KHM")
    page.click("form#filters button[type=submit]")
    page.wait_for_url("**/search?dyad=JPN%2CKHM")  # the URL holds the filters, empty ones left out
    n_dyad = sum(1 for r in _data.ROWS if {r[3][1][:3], r[5][1][:3]} == {"JPN", "KHM"})
    assert page.inner_text("#total") == str(n_dyad)

    page.click("header nav >> text=Dyad timeline")
    page.wait_for_selector("#timeline[data-drawn=true]")
    bars = page.locator("#timeline .barlayer .point path")
    assert bars.count() >= 3
    assert page.locator("#timeline .scatterlayer .js-line").count() == 1  # the Goldstein line

    _click_center(page, "#timeline .barlayer .point path")  # click a bar: its events
    page.wait_for_url("**/search?**since=**")
    query = parse_qs(urlsplit(page.url).query)
    assert query["dyad"] == ["JPN,KHM"] and query["since"] and query["quad"]
    assert int(page.inner_text("#total")) >= 1

    page.click("#results a.event-link >> nth=0")
    page.wait_for_url("**/events/**")
    sentence = page.locator("#sentence")
    assert sentence.locator("mark.verb").count() == 1
    verb = sentence.locator("mark.verb").inner_text()
    assert verb in sentence.inner_text()
    assert sentence.locator("mark.source").count() == 1 and sentence.locator("mark.target").count() == 1


def test_browser_network_click_filters(page, live_server):
    page.goto(f"{live_server}/network")
    page.wait_for_selector("#network[data-drawn=true]")
    assert page.locator("#network .scatterlayer .js-line").count() >= 5  # the edges
    labels = page.locator("#network .scatterlayer .textpoint")
    assert labels.count() >= 8
    _click_center(page, "#network .scatterlayer .trace .point >> nth=-1")
    page.wait_for_url("**/network?**actor=**")
    actor = parse_qs(urlsplit(page.url).query)["actor"][0]
    page.wait_for_selector("#network[data-drawn=true]")
    labels = [t.strip() for t in page.locator("#network .scatterlayer .textpoint").all_text_contents()]
    assert actor in labels and 2 <= len(labels) < 10  # the actor's own network
    assert page.input_value("input[name=actor]") == actor


def test_browser_map_draws_offline(page, live_server):
    page.goto(f"{live_server}/map")
    page.wait_for_selector("#map[data-drawn=true]")
    outline = page.locator("#map .scatterlayer .trace >> nth=0").locator("path.js-line, path.js-fill")
    assert outline.count() >= 1
    places = page.locator("#map .scatterlayer .trace >> nth=1").locator(".point")
    assert places.count() == 3  # Tokyo, Phnom Penh, Gaza


def test_browser_bad_filter_shows_an_error_page(page, live_server):
    response = page.goto(f"{live_server}/search?cameo=999")
    assert response is not None and response.status == 400
    assert "cameo" in page.inner_text(".error")
    assert "Traceback" not in page.content()
