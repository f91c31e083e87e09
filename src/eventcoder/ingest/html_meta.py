"""Page metadata that trafilatura may miss: JSON-LD (schema.org NewsArticle), Open Graph
and other ``<meta>`` conventions, ``<html lang>``, the canonical link."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

__all__ = ["PageMeta", "extract_page_meta"]

_ARTICLE_TYPES = {
    "newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "backgroundnewsarticle", "reviewnewsarticle", "blogposting", "liveblogposting", "socialmediaposting",
    "scholarlyarticle", "techarticle", "report",
}  # fmt: skip
_DATE_META = (
    "article:published_time", "og:article:published_time", "article.published", "datepublished",
    "publishdate", "publish-date", "pubdate", "date", "dc.date", "dc.date.issued", "dcterms.created",
    "dcterms.issued", "sailthru.date", "parsely-pub-date", "cxenseparse:recs:publishtime",
    "article_date_original", "originalpublicationdate", "og:published_time", "published_time",
    "article:published", "dc.date.created", "citation_publication_date", "release_date",
)  # fmt: skip
_AUTHOR_META = ("author", "article:author", "parsely-author", "sailthru.author", "dc.creator", "dcterms.creator", "byl", "citation_author", "twitter:creator:name")
_TITLE_META = ("og:title", "twitter:title", "headline", "dc.title", "parsely-title", "sailthru.title")
_SITE_META = ("og:site_name", "application-name", "publisher", "dc.publisher", "twitter:site:name")


@dataclass(frozen=True, slots=True, kw_only=True)
class PageMeta:
    title: str | None = None
    authors: tuple[str, ...] = ()
    date: str | None = None  # as written; normalise with dates.to_iso_date
    sitename: str | None = None
    url: str | None = None
    language: str | None = None


def extract_page_meta(tree: Any) -> PageMeta:
    """Read ``tree`` (an ``lxml.html`` element); fields not found are None / empty."""
    ld = _json_ld_article(tree)
    meta = _meta_tags(tree)
    authors = _names(ld.get("author")) if ld else ()
    if not authors:
        authors = tuple(
            a for key in _AUTHOR_META for a in _split_authors(meta.get(key, "")) if not a.startswith(("http", "@", "www."))
        )
        authors = tuple(dict.fromkeys(authors))
    title = _text(ld.get("headline")) if ld else None
    title = title or next((meta[k] for k in _TITLE_META if meta.get(k)), None)
    date = (_text(ld.get("datePublished")) or _text(ld.get("dateCreated"))) if ld else None
    date = date or next((meta[k] for k in _DATE_META if meta.get(k)), None) or _time_element(tree)
    site = _names(ld.get("publisher")) if ld else ()
    sitename = site[0] if site else next((meta[k] for k in _SITE_META if meta.get(k) and not meta[k].startswith("@")), None)
    url = _canonical(tree) or meta.get("og:url") or (_text(ld.get("url")) if ld else None)
    language = _language(tree, meta)
    return PageMeta(title=title, authors=authors, date=date, sitename=sitename, url=url, language=language)


def _json_ld_article(tree: Any) -> dict[str, Any]:
    for script in tree.iterfind('.//script[@type="application/ld+json"]'):
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            continue
        found = _find_article(data, depth=0)
        if found:
            return found
    return {}


def _find_article(data: Any, depth: int) -> dict[str, Any] | None:
    if depth > 6:
        return None
    if isinstance(data, list):
        for item in data:
            found = _find_article(item, depth + 1)
            if found:
                return found
        return None
    if not isinstance(data, dict):
        return None
    kinds = data.get("@type")
    kinds = kinds if isinstance(kinds, list) else [kinds]
    if any(isinstance(k, str) and k.lower() in _ARTICLE_TYPES for k in kinds):
        return data
    for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
        if key in data:
            found = _find_article(data[key], depth + 1)
            if found:
                return found
    return None


def _text(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@value")
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())
    return None


def _names(value: Any) -> tuple[str, ...]:
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = _text(item)
        if name and not name.startswith("http"):
            names.extend(_split_authors(name))
    return tuple(dict.fromkeys(names))


def _split_authors(value: str) -> list[str]:
    value = re.sub(r"^\s*by\s+", "", value or "", flags=re.IGNORECASE)
    parts = re.split(r"\s*(?:;|,|\||\band\b|&)\s*", value)
    return [" ".join(p.split()) for p in parts if p.strip() and len(p) < 80]


def _meta_tags(tree: Any) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in tree.iterfind(".//meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = meta.get("content")
        if key and content and content.strip() and key not in found:
            found[key] = " ".join(content.split())
    return found


def _time_element(tree: Any) -> str | None:
    for node in tree.iterfind(".//time[@datetime]"):
        if (node.get("itemprop") or "").lower() in ("datepublished", "") or "pub" in (node.get("class") or ""):
            value = node.get("datetime")
            if value and value.strip():
                return value.strip()
    return None


def _canonical(tree: Any) -> str | None:
    for link in tree.iterfind(".//link[@rel]"):
        if link.get("rel", "").lower() == "canonical" and (link.get("href") or "").startswith("http"):
            return link.get("href").strip()
    return None


def _language(tree: Any, meta: dict[str, str]) -> str | None:
    root = tree.getroottree().getroot() if hasattr(tree, "getroottree") else tree
    value = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang") or meta.get("og:locale") or meta.get("content-language")
    if not value:
        for node in tree.iterfind(".//meta[@http-equiv]"):
            if node.get("http-equiv", "").lower() == "content-language":
                value = node.get("content")
    if not value:
        return None
    code = re.split(r"[-_]", value.strip())[0].lower()
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None
