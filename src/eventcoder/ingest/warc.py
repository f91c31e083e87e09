"""WARC (and ARC) web archives (warcio): each HTML response record is a page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

from ..model import Article, Skipped, SkipReason
from .build import too_large
from .html_page import read_html
from .settings import ReadSettings
from .text import read_text

__all__ = ["read_warc"]

_WARC_TYPES = {"warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion", "continuation"}


def read_warc(stream: IO[bytes], settings: ReadSettings, path: str) -> Iterator[Article | Skipped]:
    """Response and resource records; HTML goes to :func:`read_html`, plain text to
    :func:`read_text`, other content types are NO_ARTICLE.  Requests, metadata and
    warcinfo records are not documents and yield nothing."""
    from warcio.archiveiterator import ArchiveIterator

    number = yielded = unknown = 0
    try:
        for record in ArchiveIterator(stream, arc2warc=True):
            number += 1
            if record.rec_type not in _WARC_TYPES:
                unknown += 1
            if record.rec_type not in ("response", "resource"):
                continue
            yielded += 1
            yield _read_record(record, settings, f"{path}#{number}", path)
    except Exception as err:  # noqa: BLE001 - warcio raises ArchiveLoadFailed, zlib.error, header parser errors ...
        yield Skipped(reason=SkipReason.MALFORMED, source=f"{path}#{number + 1}", detail=f"broken WARC record: {err}"[:200])
        return
    if not yielded:
        reason = SkipReason.MALFORMED if unknown or not number else SkipReason.NO_ARTICLE
        yield Skipped(reason=reason, source=path, detail=f"no response records among {number} WARC record(s)")


def _read_record(record: object, settings: ReadSettings, source: str, path: str) -> Article | Skipped:
    headers = record.http_headers  # type: ignore[attr-defined]
    url = record.rec_headers.get_header("WARC-Target-URI")  # type: ignore[attr-defined]
    if headers is not None and headers.get_statuscode() and not headers.get_statuscode().startswith("2"):
        return Skipped(reason=SkipReason.NO_ARTICLE, source=source, detail=f"HTTP status {headers.get_statuscode()} for {url}")
    ctype = (headers.get_header("Content-Type") if headers is not None else None) or record.rec_headers.get_header("Content-Type") or ""  # type: ignore[attr-defined]
    ctype = ctype.lower()
    payload = record.content_stream().read(settings.max_bytes + 1)  # type: ignore[attr-defined]
    skipped = too_large(len(payload), settings, source)
    if skipped:
        return skipped
    if "html" in ctype or (not ctype and payload.lstrip()[:1] == b"<"):
        return read_html(payload, source_path=path, url=url, settings=settings, source=source)
    if ctype.startswith("text/plain"):
        return read_text(payload.decode("utf-8", errors="replace"), source_path=path, settings=settings, source=source, url=url)
    return Skipped(reason=SkipReason.NO_ARTICLE, source=source, detail=f"{ctype or 'unknown content type'}, not a page ({url})")
