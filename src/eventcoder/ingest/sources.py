"""Where inputs come from: paths, folders (recursive, by extension), ``.gz`` files and
stdin (``-``), dispatched by file name ending, else by sniffing the first bytes."""

from __future__ import annotations

import dataclasses
import gzip
import io
import json
import logging
import os
import sys
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

from ..model import Article, Skipped, SkipReason
from .build import too_large
from .corpus import read_csv_bytes, read_json, read_jsonl
from .decode import decode_bytes
from .feeds import looks_like_feed, read_feed
from .html_page import looks_like_html, read_html
from .settings import ReadSettings
from .text import read_text
from .warc import read_warc

__all__ = ["read_inputs", "read_path", "read_bytes", "kind_of"]

log = logging.getLogger(__name__)

_KINDS = {
    ".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv",
    ".xml": "xml", ".rss": "feed", ".atom": "feed", ".warc": "warc", ".arc": "warc",
}  # fmt: skip
_STREAMED = {"jsonl", "csv", "tsv"}


def kind_of(name: str) -> str | None:
    """The reader for a file name: ``text``, ``html``, ``json``, ``jsonl``, ``csv``,
    ``tsv``, ``xml``, ``feed``, ``warc``, or None (sniff the content)."""
    lower = name.lower()
    if lower.endswith((".warc.gz", ".arc.gz", ".warc.gzip")):
        return "warc"
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return _KINDS.get(os.path.splitext(lower)[1])


def read_inputs(inputs: Sequence[str], settings: ReadSettings | None = None) -> Iterator[Article | Skipped]:
    """Every input as Articles and Skipped results, in order; never raises for bad content.

    An input is a file, a folder (read recursively, files with ``settings.extensions``,
    hidden ones left out) or ``-`` for stdin.  A missing path is ``Skipped(UNREADABLE)``.
    """
    settings = settings or ReadSettings()
    for name in inputs:
        if name == "-":
            yield from _read_stdin(settings)
        else:
            yield from read_path(Path(name), settings)


def read_path(path: Path, settings: ReadSettings) -> Iterator[Article | Skipped]:
    """A file or a folder."""
    try:
        if path.is_dir():
            for file in _walk(path, settings):
                yield from _read_file(file, settings)
            return
        if not path.exists():
            yield Skipped(reason=SkipReason.UNREADABLE, source=str(path), detail="no such file or directory")
            return
    except OSError as err:
        yield Skipped(reason=SkipReason.UNREADABLE, source=str(path), detail=str(err))
        return
    yield from _read_file(path, settings)


def _walk(folder: Path, settings: ReadSettings) -> Iterator[Path]:
    endings = tuple(e.lower() for e in settings.extensions)
    for root, dirs, files in os.walk(folder, onerror=lambda err: log.warning("cannot list %s: %s", err.filename, err)):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name.lower().endswith(endings):
                yield Path(root, name)


def _read_file(path: Path, settings: ReadSettings) -> Iterator[Article | Skipped]:
    source = str(path)
    kind = kind_of(path.name)
    gz = path.name.lower().endswith(".gz") and kind != "warc"
    try:
        if kind == "warc":
            with path.open("rb") as stream:
                yield from read_warc(stream, settings, source)
            return
        if kind in _STREAMED:
            with _open(path, gz) as stream:
                yield from _read_stream(stream, kind, settings, source)
            return
        if not gz:
            skipped = too_large(path.stat().st_size, settings, source)
            if skipped:
                yield skipped
                return
        with _open(path, gz) as stream:
            data = stream.read(_read_limit(kind, settings))
    except (OSError, EOFError, zlib.error) as err:
        yield Skipped(reason=SkipReason.UNREADABLE, source=source, detail=f"{type(err).__name__}: {err}"[:200])
        return
    yield from read_bytes(data, settings, source, kind=kind)


def _open(path: Path, gz: bool) -> IO[bytes]:
    return gzip.open(path, "rb") if gz else path.open("rb")  # type: ignore[return-value]


def _read_limit(kind: str | None, settings: ReadSettings) -> int:
    # one document: read one byte past the limit to tell TOO_LARGE; JSON and feeds hold
    # many documents, so they may be larger
    return -1 if kind in ("json", "feed", "xml", None) else settings.max_bytes + 1


def _read_stream(stream: IO[bytes], kind: str, settings: ReadSettings, source: str) -> Iterator[Article | Skipped]:
    if kind == "jsonl":
        yield from read_jsonl(stream, settings, source)
        return
    yield from read_csv_bytes(stream, settings, source, delimiter="\t" if kind == "tsv" else ",")


def _read_stdin(settings: ReadSettings) -> Iterator[Article | Skipped]:
    try:
        data = sys.stdin.buffer.read()
    except (OSError, ValueError, AttributeError) as err:
        yield Skipped(reason=SkipReason.UNREADABLE, source="-", detail=str(err))
        return
    yield from read_bytes(data, settings, "<stdin>")


def read_bytes(data: bytes, settings: ReadSettings, source: str, *, kind: str | None = None) -> Iterator[Article | Skipped]:
    """Bytes of one input, read as ``kind`` (see :func:`kind_of`), or as what they look like."""
    if data[:2] == b"\x1f\x8b":
        try:
            data = _gunzip(data, settings.max_bytes * 50)
        except (OSError, EOFError, zlib.error) as err:
            yield Skipped(reason=SkipReason.UNREADABLE, source=source, detail=f"broken gzip data: {err}"[:200])
            return
    kind = kind or _sniff(data)
    if kind == "warc":
        yield from read_warc(io.BytesIO(data), settings, source)
        return
    if kind in _STREAMED:
        yield from _read_stream(io.BytesIO(data), kind, settings, source)
        return
    if kind in ("feed", "xml") and looks_like_feed(data):
        yield from read_feed(data, settings, source)
        return
    if kind in ("html", "xml", "feed"):
        yield read_html(data, source_path=_path_of(source), settings=settings, source=source)
        return
    decoded = decode_bytes(data)
    if isinstance(decoded, SkipReason):
        yield Skipped(reason=decoded, source=source)
        return
    if kind == "json":
        yield from _with_warnings(read_json(decoded.text, settings, source), decoded.warnings)
        return
    if kind is None and looks_like_html(decoded.text):
        yield read_html(data, source_path=_path_of(source), settings=settings, source=source)
        return
    yield from _with_warnings(iter([read_text(decoded.text, source_path=_path_of(source), settings=settings, source=source)]), decoded.warnings)


def _with_warnings(items: Iterator[Article | Skipped], warnings: tuple[str, ...]) -> Iterator[Article | Skipped]:
    for item in items:
        if warnings and isinstance(item, Article):
            item = dataclasses.replace(item, warnings=tuple(warnings) + item.warnings)
        yield item


def _path_of(source: str) -> str | None:
    return None if source == "<stdin>" else source


def _gunzip(data: bytes, limit: int) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(data)) as stream:
        return stream.read(limit)


def _sniff(data: bytes) -> str | None:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if head.startswith(b"<"):
        return "feed" if looks_like_feed(head) else "html"
    if head.startswith(b"["):
        return "json"
    if head.startswith(b"{"):
        first = head.split(b"\n", 1)[0]
        try:
            json.loads(first)
        except ValueError:
            return "json"
        return "jsonl"
    return None
