"""Web pages: trafilatura finds the article body and its metadata; :mod:`.html_meta`
fills in what it misses (JSON-LD, Open Graph, ``<html lang>``)."""

from __future__ import annotations

import logging
import re
from typing import Any

from ..model import Article, Skipped, SkipReason
from .build import build_article, too_large
from .decode import decode_bytes
from .html_meta import PageMeta, extract_page_meta
from .settings import ReadSettings
from .text import clean_body

__all__ = ["read_html", "html_to_text", "looks_like_html", "strip_site_suffix"]

log = logging.getLogger(__name__)

_HTML_START = re.compile(r"^\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|section|main)\b", re.IGNORECASE | re.DOTALL)
_BLOCK_TAGS = {
    "p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "tr", "section",
    "article", "header", "footer", "figcaption", "dd", "dt", "ul", "ol", "table",
}  # fmt: skip


def looks_like_html(text: str) -> bool:
    """True when a text starts like an HTML document or fragment."""
    return bool(_HTML_START.match(text[:2000])) or (text.lstrip().startswith("<") and "</p>" in text[:20000].lower())


def read_html(
    html: str | bytes,
    *,
    source_path: str | None = None,
    url: str | None = None,
    settings: ReadSettings | None = None,
    doc_id: str | None = None,
    published: object = None,
    title: str | None = None,
    source: str | None = None,
) -> Article | Skipped:
    """A web page (or HTML from a corpus field) as an Article; never raises for bad content.

    Values passed in (``url``, ``doc_id``, ``published``, ``title``: e.g. from a feed or a
    corpus row) win over what the page says.
    """
    settings = settings or ReadSettings()
    where = source or source_path or url or "<html>"
    warnings: list[str] = []
    if isinstance(html, bytes):
        skipped = too_large(len(html), settings, where)
        if skipped:
            return skipped
        decoded = decode_bytes(html)
        if isinstance(decoded, SkipReason):
            return Skipped(reason=decoded, source=where)
        markup, warnings = decoded.text, list(decoded.warnings)
    else:
        skipped = too_large(len(html.encode("utf-8", "surrogatepass")), settings, where)
        if skipped:
            return skipped
        markup = html
    if not markup.strip():
        return Skipped(reason=SkipReason.EMPTY, source=where)
    try:
        extracted = _extract(markup, url)
    except Exception as err:  # noqa: BLE001 - lxml/trafilatura raise many kinds on broken markup
        log.debug("HTML extraction failed for %s", where, exc_info=True)
        return Skipped(reason=SkipReason.ERROR, source=where, detail=f"HTML extraction failed: {type(err).__name__}: {err}"[:200])
    if extracted is None:
        return Skipped(reason=SkipReason.NO_ARTICLE, source=where, detail="no article text found in the page")
    body, meta, doc = extracted
    text, dateline = clean_body(_paragraphs(body, (doc.get("title"), meta.title)))
    authors = _split(doc.get("author")) or list(meta.authors)
    return build_article(
        text=text,
        settings=settings,
        source=where,
        empty_reason=SkipReason.NO_ARTICLE,
        doc_id=doc_id,
        title=title or strip_site_suffix(doc.get("title") or meta.title, doc.get("sitename") or meta.sitename, url or meta.url or doc.get("url")),
        byline=authors,
        publisher=doc.get("sitename") or meta.sitename,
        published=published if published not in (None, "") else (meta.date or doc.get("date")),
        dateline=dateline,
        url=url or meta.url or doc.get("url"),
        source_path=source_path,
        warnings=warnings,
        language_hint=meta.language,
    )


_TITLE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|\*|·|::|»)\s+")
_SECTION = re.compile(r"^(?:by\s.+|[\w&.' ]{1,30}\b(?:News|Times|Post|Online|Daily|Today|Magazine|Journal|Herald)\b.*|[A-Z][\w&']*(?: [A-Z][\w&']*){0,2})$")


def strip_site_suffix(title: str | None, sitename: str | None, url: str | None) -> str | None:
    """"Headline | CBC News" -> "Headline": trailing segments naming the site, its host,
    a section ("National", "Bhopal News") or the author ("by Jane Doe") are cut off."""
    if not title:
        return title
    segments = _TITLE_SEPARATOR.split(title.strip())
    if len(segments) < 2:
        return title.strip()
    names = {_squash(n) for n in (sitename, _host(url)) if n}
    while len(segments) > 1:
        last = segments[-1].strip()
        squashed = _squash(last)
        site_like = bool(squashed) and any(squashed == n or (len(n) > 3 and (n in squashed or squashed in n)) for n in names)
        host_like = bool(re.fullmatch(r"[\w-]+(?:\.[\w-]+)+", last))
        if not (site_like or host_like or (_SECTION.match(last) and len(last.split()) <= 4 and len(" ".join(segments[:-1]).split()) >= 4)):
            break
        segments.pop()
    return _rejoin(title, segments)


def _rejoin(title: str, segments: list[str]) -> str:
    """The original title up to the end of the kept segments (keeps its own separators)."""
    kept = segments[-1]
    end = title.find(kept, sum(len(s) for s in segments[:-1]))
    return title[: end + len(kept)].strip() if end >= 0 else " ".join(segments)


def _squash(value: str) -> str:
    value = re.sub(r"^(?:https?://)?(?:www\.)?", "", value.lower())
    value = re.sub(r"\.(?:com|org|net|co\.uk|co|ca|in|news|info)(?:/.*)?$", "", value)
    return re.sub(r"[^a-z0-9]", "", re.sub(r"^the\s+", "", value))


def _host(url: str | None) -> str | None:
    match = re.match(r"^https?://(?:www\.)?([^/:]+)", url or "")
    return match.group(1) if match else None


def _extract(markup: str, url: str | None) -> tuple[str, PageMeta, dict[str, Any]] | None:
    import trafilatura
    from trafilatura.utils import load_html

    quiet = logging.getLogger("trafilatura")
    if quiet.level == logging.NOTSET:
        # trafilatura logs ERROR for every page it cannot parse; we return a Skipped with
        # the reason instead, so keep its own log quiet unless the user set a level for it
        quiet.setLevel(logging.CRITICAL)
    tree = load_html(markup)
    if tree is None:
        return None
    meta = extract_page_meta(tree)
    doc = trafilatura.bare_extraction(
        tree,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        deduplicate=False,
    )
    if doc is None:
        return None
    data = {key: getattr(doc, key, None) for key in ("text", "title", "author", "date", "sitename", "url")}
    if not (data["text"] or "").strip():
        return None
    return data["text"], meta, data


def _paragraphs(body: str, titles: tuple[str | None, ...]) -> str:
    """trafilatura's one-line-per-paragraph text with blank lines between paragraphs, and
    without a leading copy of the headline."""
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    heads = {_squash(t) for t in titles if t}
    while len(lines) > 1 and any(_same_heading(_squash(lines[0]), h) for h in heads if h):
        lines.pop(0)
    return "\n\n".join(lines)


def _same_heading(line: str, heading: str) -> bool:
    if not line or len(line) < 8:
        return False
    return (line in heading or heading in line) and 0.6 <= len(line) / len(heading) <= 1.6


def _split(authors: str | None) -> list[str]:
    if not authors:
        return []
    return [a.strip() for a in re.split(r"\s*;\s*", authors) if a.strip()]


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed item's content): one paragraph per block."""
    from lxml import etree
    from lxml import html as lxml_html

    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml_html.fromstring(f"<div>{fragment}</div>")
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", fragment).strip()
    for bad in root.xpath(".//script|.//style|.//noscript"):
        bad.drop_tree()
    text = "".join(_itertext_blocks(root))
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
    return "\n\n".join(p for p in paragraphs if p)


def _itertext_blocks(node: Any) -> Any:
    if isinstance(node.tag, str) and node.tag in _BLOCK_TAGS:
        yield "\n\n"
    if node.text:
        yield node.text
    for child in node:
        if isinstance(child.tag, str):
            yield from _itertext_blocks(child)
        if child.tail:
            yield child.tail
    if isinstance(node.tag, str) and node.tag in _BLOCK_TAGS:
        yield "\n\n"
