"""Property tests: no reader raises on random bytes or random HTML-ish text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventcoder.ingest import ReadSettings, read_bytes, read_html, read_text
from eventcoder.ingest.feeds import read_feed
from eventcoder.model import Article, Skipped

KINDS = [None, "text", "html", "json", "jsonl", "csv", "tsv", "xml", "feed", "warc"]
SETTINGS = ReadSettings(max_bytes=20_000)
_TAGS = st.sampled_from(["<p>", "</p>", "<div>", "</div>", "<html>", "<body>", "<script>", "</script>", "<!--", "-->",
                         "<meta charset='utf-8'>", '<script type="application/ld+json">{"@type": "NewsArticle",', "<title>",
                         "</title>", "<rss>", "<item>", "<br>", "&amp;", "&#x0;", "<?xml version='1.0'?>", "<h1>", "<article>"])  # fmt: skip
HTMLISH = st.lists(st.one_of(_TAGS, st.text(max_size=40)), max_size=40).map("".join)
PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _ok(results: list) -> bool:
    return all(isinstance(r, (Article, Skipped)) for r in results)


@PROPS
@given(st.binary(max_size=3000), st.sampled_from(KINDS))
def test_read_bytes_never_raises(data, kind):
    assert _ok(list(read_bytes(data, SETTINGS, "fuzz", kind=kind)))


@PROPS
@given(HTMLISH)
def test_read_html_never_raises(markup):
    assert _ok([read_html(markup, settings=SETTINGS), read_html(markup.encode("utf-8", "surrogatepass"), settings=SETTINGS)])


@PROPS
@given(HTMLISH, st.sampled_from(KINDS))
def test_read_bytes_htmlish_never_raises(markup, kind):
    assert _ok(list(read_bytes(markup.encode("utf-8", "surrogatepass"), SETTINGS, "fuzz", kind=kind)))


@PROPS
@given(st.text(max_size=3000))
def test_read_text_never_raises(text):
    result = read_text(text, settings=SETTINGS)
    assert isinstance(result, (Article, Skipped))
    if isinstance(result, Article):
        assert result.text and result.text == result.text.strip()


@PROPS
@given(st.binary(max_size=2000))
def test_read_feed_never_raises(data):
    assert _ok(list(read_feed(b"<rss><channel><item><description>" + data, SETTINGS, "fuzz")))
