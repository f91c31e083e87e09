"""Web pages: body without furniture, metadata from trafilatura + JSON-LD/meta."""

from __future__ import annotations

import json

from eventcoder.ingest import read_html
from eventcoder.ingest.html_page import html_to_text, strip_site_suffix
from eventcoder.model import Article, Skipped, SkipReason

_BODY = " ".join(
    [
        "The foreign ministers of Chile and Peru met in Lima on Tuesday to discuss a maritime border dispute.",
        "Both sides agreed to set up a joint commission that will report within six months.",
        "Officials said the talks were friendly and that a second round would take place in Santiago.",
        "Fishing communities on both sides of the border have long complained about the uncertainty.",
    ]
)


def _page(*, ld: dict | None = None, lang: str = "en", extra_head: str = "", title: str = "Chile and Peru agree border commission | Andes Daily News") -> str:
    script = f'<script type="application/ld+json">{json.dumps(ld)}</script>' if ld else ""
    paragraphs = "".join(f"<p>{s}.</p>" for s in _BODY.split(". ") if s)
    return f"""<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<meta property="og:site_name" content="Andes Daily News">{extra_head}{script}</head>
<body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Chile and Peru agree border commission</h1><p class="byline">By Ana Torres</p>
<p>LIMA (Reuters) - {_BODY.split(". ")[0]}.</p>{paragraphs[paragraphs.index("</p>") + 4:]}</article>
<aside><h3>Related stories</h3><ul><li><a href="/a">Storm hits the coast</a></li><li><a href="/b">Markets close higher</a></li></ul></aside>
<footer>Copyright 2023 Andes Daily News. All rights reserved.</footer></body></html>"""


def test_read_html_body_and_metadata():
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Chile and Peru agree border commission",
        "datePublished": "2023-06-13T08:30:00-05:00",
        "author": [{"@type": "Person", "name": "Ana Torres"}],
        "publisher": {"@type": "Organization", "name": "Andes Daily News"},
    }
    result = read_html(_page(ld=ld), url="https://news.example.org/world/chile-peru")
    assert isinstance(result, Article)
    assert result.title == "Chile and Peru agree border commission"
    assert result.published == "2023-06-13"
    assert result.byline == ("Ana Torres",)
    assert result.publisher == "Andes Daily News"
    assert result.url == "https://news.example.org/world/chile-peru"
    assert result.language == "en"
    assert result.dateline == "Lima"
    assert result.text.startswith("The foreign ministers of Chile and Peru")
    assert "Fishing communities" in result.text
    for furniture in ("Storm hits the coast", "Related stories", "All rights reserved", "Sport"):
        assert furniture not in result.text


def test_read_html_meta_tags_when_no_json_ld():
    head = '<meta property="article:published_time" content="2022-01-05T10:00:00Z"><meta name="author" content="Ana Torres">'
    result = read_html(_page(extra_head=head))
    assert isinstance(result, Article)
    assert result.published == "2022-01-05"
    assert result.title == "Chile and Peru agree border commission"


def test_read_html_bytes_in_legacy_encoding_warns():
    page = _page().replace('<meta charset="utf-8">', "").replace("Peru met", "Perú met")
    result = read_html(page.encode("cp1252"))
    assert isinstance(result, Article)
    assert "Perú" in result.text
    assert any("not UTF-8" in w for w in result.warnings)


def test_read_html_declared_encoding_is_not_a_warning():
    page = _page().replace('charset="utf-8"', 'charset="windows-1252"').replace("Peru met", "Perú met")
    result = read_html(page.encode("cp1252"))
    assert isinstance(result, Article)
    assert "Perú" in result.text
    assert result.warnings == ()


def test_read_html_page_without_article():
    result = read_html("<html><body><nav><a href='/'>Home</a></nav></body></html>", source_path="x.html")
    assert isinstance(result, Skipped)
    assert result.reason == SkipReason.NO_ARTICLE
    assert result.source == "x.html"


def test_read_html_empty_and_binary():
    assert read_html(b"").reason == SkipReason.EMPTY
    assert read_html(b"\x89PNG\r\n\x1a\n\x00\x00").reason == SkipReason.BINARY


def test_strip_site_suffix():
    assert strip_site_suffix("Storm hits coast | Andes Daily News", "Andes Daily News", None) == "Storm hits coast"
    assert strip_site_suffix("Storm hits the northern coast - World - example.com", None, None) == "Storm hits the northern coast"
    assert strip_site_suffix("Peace - at last", None, None) == "Peace - at last"


def test_html_to_text_paragraphs():
    text = html_to_text("<p>First <b>para</b>.</p><script>var x;</script><p>Second.</p>")
    assert text == "First para.\n\nSecond."
