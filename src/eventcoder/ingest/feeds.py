"""RSS and Atom feeds (feedparser): one article per item, with its date and link."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from ..model import Article, Skipped, SkipReason
from .build import build_article, too_large
from .html_page import html_to_text
from .settings import ReadSettings
from .text import clean_body

__all__ = ["read_feed", "looks_like_feed"]

log = logging.getLogger(__name__)

_FEED_ROOT = re.compile(rb"<(?:rss|feed|rdf:RDF)\b", re.IGNORECASE)


def looks_like_feed(head: bytes) -> bool:
    """True when the first bytes hold an RSS, Atom or RDF root element."""
    return bool(_FEED_ROOT.search(head[:4096]))


def read_feed(data: bytes, settings: ReadSettings, path: str) -> Iterator[Article | Skipped]:
    """Every item of a feed; an item without text is NO_ARTICLE, a broken feed MALFORMED."""
    import feedparser

    try:
        parsed = feedparser.parse(data)
    except Exception as err:  # noqa: BLE001 - feedparser can raise from its SAX/sgml parsers
        yield Skipped(reason=SkipReason.ERROR, source=path, detail=f"feed parser failed: {type(err).__name__}: {err}"[:200])
        return
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        detail = f"not a readable feed: {problem}" if problem else "feed has no items"
        reason = SkipReason.MALFORMED if problem else SkipReason.NO_ARTICLE
        yield Skipped(reason=reason, source=path, detail=detail[:200])
        return
    publisher = (parsed.get("feed") or {}).get("title")
    for number, entry in enumerate(entries, start=1):
        yield _read_entry(entry, settings, f"{path}#{number}", path, publisher)


def _read_entry(entry: dict, settings: ReadSettings, source: str, path: str, publisher: str | None) -> Article | Skipped:
    contents = entry.get("content") or []
    raw = next((c.get("value") for c in contents if c.get("value")), None) or entry.get("summary") or ""
    skipped = too_large(len(raw.encode("utf-8", "surrogatepass")), settings, source)
    if skipped:
        return skipped
    body, dateline = clean_body(html_to_text(raw))
    authors = [a.get("name") for a in entry.get("authors") or [] if a.get("name")] or ([entry["author"]] if entry.get("author") else [])
    published = entry.get("published_parsed") or entry.get("updated_parsed") or entry.get("published") or entry.get("updated")
    return build_article(
        text=body,
        settings=settings,
        source=source,
        empty_reason=SkipReason.NO_ARTICLE,
        doc_id=entry.get("id") or entry.get("link"),
        title=html_to_text(entry.get("title") or "") or None,
        byline=authors,
        publisher=publisher,
        published=published,
        dateline=dateline,
        url=entry.get("link"),
        source_path=path,
    )
