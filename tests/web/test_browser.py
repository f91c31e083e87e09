"""End to end in a real headless Chromium (Debian's ``chromium``, driven by Playwright).

Skipped, with the reason, when Playwright or the browser is missing:
``apt-get install chromium`` and ``pip install 'eventcoder[webtest]'`` (never
``playwright install``: the system browser is used).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
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
    assert page.inner_text("#total") == str(len(_data.ROWS) - len(_data.NEGATED) - 1)  # events: Tokyo once

    page.fill("input[name=dyad]", "JPN,KHM")
    page.click("form#filters button[type=submit]")
    page.wait_for_url("**/search?dyad=JPN%2CKHM")  # the URL holds the filters, empty ones left out
    n_dyad = sum(1 for r in _data.ROWS if {r[3][1][:3], r[5][1][:3]} == {"JPN", "KHM"})
    assert page.inner_text("#total") == str(n_dyad - 1)

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


# ------------------------------------------------------------------ issue 14
@pytest.mark.issue(14)
def test_browser_unit_switch_counts_events_then_mentions(page, live_server):
    page.goto(f"{live_server}/search")
    events = int(page.inner_text("#total"))
    assert events == len(_data.ROWS) - len(_data.NEGATED) - 1  # the Tokyo meeting once
    assert page.locator("#results td.reports").first.inner_text().count("·") == 2
    page.click("#unit-switch")
    page.wait_for_url("**/search?unit=mentions")
    assert int(page.inner_text("#total")) == len(_data.ROWS)
    assert page.input_value("select#unit") == "mentions"
    page.click("header nav >> text=Dyad timeline")  # the switch travels with the filters
    page.wait_for_selector("#timeline[data-drawn=true]")
    assert "unit=mentions" in page.url


@pytest.mark.issue(14)
def test_browser_search_past_the_last_page(page, live_server):
    page.goto(f"{live_server}/search?dyad=USA,IRQ&page=2")
    assert "page 2 of" not in page.inner_text(".summary")
    assert page.locator("#past-end").is_visible()


@pytest.mark.issue(14)
def test_browser_unknown_url_is_an_error_page(page, live_server):
    response = page.goto(f"{live_server}/no/such/page")
    assert response is not None and response.status == 404
    assert response.headers["content-type"].startswith("text/html")
    assert page.locator("section.error").is_visible()
    page.errors.clear()  # the 404 itself is logged by the browser


@pytest.mark.issue(14)
def test_browser_timeline_bars_fit_their_month_and_line_breaks_on_gaps(page, live_server):
    page.goto(f"{live_server}/timeline")
    page.wait_for_selector("#timeline[data-drawn=true]")
    fit = page.evaluate("""() => {
        const el = document.getElementById('timeline'), xa = el._fullLayout.xaxis;
        const out = [];
        el._fullData.filter(t => t.type === 'bar').forEach(t => t.x.forEach((x, i) => {
            const mid = Date.parse(x), half = t.width[i] / 2;
            const d = new Date(mid), start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
            const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
            out.push([mid - half >= start, mid + half <= end]);
        }));
        return out;
    }""")
    assert fit and all(a and b for a, b in fit)  # no bar spills into a neighbouring month
    widths = page.evaluate("""() => Array.from(document.querySelectorAll('#timeline .barlayer .point path'))
        .map(p => p.getBoundingClientRect().width)""")
    month_px = page.evaluate("""() => { const xa = document.getElementById('timeline')._fullLayout.xaxis;
        return xa.l2p(Date.UTC(2022, 10, 1)) - xa.l2p(Date.UTC(2022, 9, 1)); }""")
    assert max(widths) <= month_px + 1
    lines = page.locator("#timeline .scatterlayer .js-line")
    segments = sum(lines.nth(i).get_attribute("d").count("M") for i in range(lines.count()))
    assert segments >= 2  # December 2022 has no event: the Goldstein line breaks there


@pytest.mark.issue(14)
def test_browser_network_labels_do_not_overlap_and_countryless_hidden(page, live_server):
    page.goto(f"{live_server}/network?countryless=show")
    page.wait_for_selector("#network[data-drawn=true]")
    page.wait_for_timeout(300)
    boxes = page.evaluate("""() => Array.from(document.querySelectorAll('#network .scatterlayer .textpoint text'))
        .filter(t => t.textContent.trim()).map(t => { const r = t.getBoundingClientRect();
            return [t.textContent, r.left, r.top, r.right, r.bottom]; })""")
    assert len(boxes) >= 5
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            overlap = a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]
            assert not overlap, f"labels {a[0]} and {b[0]} overlap"
    labels = {b[0] for b in boxes}
    assert "GOV" in labels or "EDU" in labels  # shown on request
    page.goto(f"{live_server}/network")
    page.wait_for_selector("#network[data-drawn=true]")
    texts = [t.strip() for t in page.locator("#network .scatterlayer .textpoint").all_text_contents()]
    assert "GOV" not in texts and "EDU" not in texts
    assert page.locator("#countryless-note").is_visible()
    page.select_option("select[name=countryless]", "group")
    page.click("form#filters button[type=submit]")
    page.wait_for_url("**countryless=group**")
    page.wait_for_selector("#network[data-drawn=true]")
    hover = page.evaluate("() => document.getElementById('network')._fullData.map(t => t.customdata || []).flat()")
    assert "(no country)" in hover


@pytest.mark.issue(14)
def test_browser_event_page_shows_its_reports(page, live_server, web_db):
    _, events = web_db
    page.goto(f"{live_server}/events/{events['d2'][0].event_id}")
    text = page.inner_text("#rollup")
    assert "2 mentions" in text and "2 articles" in text and "1 source" in text


@pytest.mark.issue(14)
def test_browser_crowded_network_labels_do_not_overlap(browser, dense_server):
    tab = browser.new_page()
    tab.set_viewport_size({"width": 700, "height": 800})  # a laptop half-screen: labels crowd
    errors = []
    tab.on("pageerror", lambda err: errors.append(str(err)))
    tab.goto(f"{dense_server}/network")
    tab.wait_for_selector("#network[data-drawn=true]")
    tab.wait_for_timeout(300)
    boxes = tab.evaluate("""() => Array.from(document.querySelectorAll('#network .scatterlayer .textpoint text'))
        .filter(t => t.textContent.trim()).map(t => { const r = t.getBoundingClientRect();
            return [t.textContent, r.left, r.top, r.right, r.bottom]; })""")
    tab.screenshot(path=str(Path(os.environ.get("EVENTCODER_SHOTS", "/tmp")) / "network-crowded.png"))
    tab.close()
    assert errors == []
    assert len(boxes) >= 20  # most nodes keep a label
    overlaps = [(a[0], b[0]) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if a[1] < b[3] and b[1] < a[3] and a[2] < b[4] and b[2] < a[4]]
    assert overlaps == []
