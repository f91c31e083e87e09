"""RSS / Atom feeds (one article per item) and WARC archives (one per HTML response)."""

from __future__ import annotations

import gzip
import io

from eventcoder.ingest import ReadSettings, read_inputs
from eventcoder.ingest.feeds import read_feed
from eventcoder.ingest.warc import read_warc
from eventcoder.model import Article, Skipped, SkipReason

S1 = "The president of Kenya met the prime minister of Ethiopia in Nairobi on Monday to discuss trade."
S2 = "Police in Lagos arrested twelve protesters after clashes near the parliament building on Friday."

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>East Africa Wire</title><link>http://wire.example/</link>
<item><title>Kenya and Ethiopia discuss trade</title><link>http://wire.example/1</link><guid>wire-1</guid>
<pubDate>Mon, 06 Mar 2023 09:00:00 GMT</pubDate><author>desk@wire.example (Jane Wanjiru)</author>
<description>&lt;p&gt;NAIROBI - {S1}&lt;/p&gt;&lt;p&gt;{S2}&lt;/p&gt;</description></item>
<item><title>Only a title</title><link>http://wire.example/2</link></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Lagos Notes</title>
<entry><title>Protesters arrested</title><id>tag:notes,2023:5</id><link href="http://notes.example/5"/>
<updated>2023-04-01T12:00:00Z</updated><author><name>Ade Okafor</name></author>
<content type="html">&lt;p&gt;{S2}&lt;/p&gt;</content></entry></feed>"""


def test_read_feed_rss_items():
    first, second = read_feed(RSS.encode(), ReadSettings(), "f.rss")
    assert isinstance(first, Article)
    assert first.title == "Kenya and Ethiopia discuss trade"
    assert first.url == "http://wire.example/1"
    assert first.doc_id == "wire-1"
    assert first.published == "2023-03-06"
    assert first.publisher == "East Africa Wire"
    assert first.dateline == "Nairobi"
    assert first.text == f"{S1[:-1]}.\n\n{S2}"
    assert isinstance(second, Skipped) and second.reason == SkipReason.NO_ARTICLE and second.source == "f.rss#2"


def test_read_feed_atom_file(tmp_path):
    path = tmp_path / "notes.atom"
    path.write_text(ATOM, encoding="utf-8")
    (article,) = read_inputs([str(path)])
    assert isinstance(article, Article)
    assert article.byline == ("Ade Okafor",)
    assert article.published == "2023-04-01"
    assert article.text == S2


def test_xml_file_that_is_a_feed_is_sniffed(tmp_path):
    path = tmp_path / "news.xml"
    path.write_text(RSS, encoding="utf-8")
    results = list(read_inputs([str(path)]))
    assert isinstance(results[0], Article)


def test_read_feed_garbage():
    (result,) = read_feed(b"<rss><channel><item>", ReadSettings(), "bad.rss")
    assert isinstance(result, Skipped)


def _record(uri: str, ctype: str, status: str, payload: bytes) -> bytes:
    """One gzip-compressed WARC response record, written by hand."""
    http = f"HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\n\r\n".encode() + payload
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2023-01-01T00:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{len(uri)}-{len(payload)}>\r\nContent-Type: application/http; msgtype=response\r\n"
        f"Content-Length: {len(http)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + http + b"\r\n\r\n")


def _warc_bytes() -> bytes:
    page = f"<html><head><title>Kenya talks</title></head><body><article><p>{S1}</p><p>{S2}</p></article></body></html>".encode()
    return (
        _record("http://site.example/a", "text/html; charset=utf-8", "200 OK", page)
        + _record("http://site.example/logo.png", "image/png", "200 OK", b"\x89PNG\r\n\x1a\n")
        + _record("http://site.example/old", "text/html", "301 Moved Permanently", b"")
    )


def test_read_warc_records(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(_warc_bytes())
    results = list(read_inputs([str(path)]))
    assert len(results) == 3
    article, image, moved = results
    assert isinstance(article, Article)
    assert article.url == "http://site.example/a"
    assert "Police in Lagos" in article.text
    assert isinstance(image, Skipped) and image.reason == SkipReason.NO_ARTICLE and "image/png" in image.detail
    assert isinstance(moved, Skipped) and moved.reason == SkipReason.NO_ARTICLE


def test_read_warc_without_records():
    (result,) = read_warc(io.BytesIO(b"WARC/1.0\r\nbroken\r\n\r\n"), ReadSettings(), "bad.warc")
    assert isinstance(result, Skipped) and result.reason == SkipReason.MALFORMED
