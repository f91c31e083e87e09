"""Corpora: JSONL, JSON and CSV/TSV files of articles, with column mapping.

A broken row is a ``Skipped(MALFORMED, "file:line")`` and the rest of the file goes on.
The encoding is decided per record: a line that is not UTF-8 is decoded with the
encoding detected for it (charset-normalizer, windows-1252 on ties; the first one found
is tried first for the next such lines) and its Article says so in ``warnings``, so one
Latin-1 row in a UTF-8 corpus keeps its accents instead of becoming U+FFFD.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from ..model import Article, Skipped, SkipReason
from .build import build_article, too_large
from .decode import decode_bytes
from .html_page import html_to_text, looks_like_html, read_html
from .settings import ReadSettings
from .text import clean_body

__all__ = ["read_record", "read_jsonl", "read_json", "read_csv", "read_csv_bytes"]


def read_record(record: Any, settings: ReadSettings, source: str, source_path: str | None = None) -> Article | Skipped:
    """One corpus row (a mapping) as an Article; the ``*_field`` settings name the columns."""
    if not isinstance(record, dict):
        return Skipped(reason=SkipReason.MALFORMED, source=source, detail=f"a row must be an object, not {type(record).__name__}")
    text = record.get(settings.text_field)
    if text is None:
        keys = ", ".join(sorted(map(str, record))[:8])
        return Skipped(reason=SkipReason.MALFORMED, source=source, detail=f"no {settings.text_field!r} field (has: {keys}); use --text-field")
    if not isinstance(text, str):
        return Skipped(reason=SkipReason.MALFORMED, source=source, detail=f"{settings.text_field!r} is a {type(text).__name__}, not text")
    if not text.strip():
        return Skipped(reason=SkipReason.EMPTY, source=source)
    skipped = too_large(len(text.encode("utf-8", "surrogatepass")), settings, source)
    if skipped:
        return skipped
    doc_id = _scalar(record.get(settings.id_field))
    title = _scalar(record.get(settings.title_field))
    published = _scalar(record.get(settings.date_field))
    url = _scalar(record.get(settings.url_field))
    warnings: tuple[str, ...] = ()
    if looks_like_html(text):
        page = read_html(text, source_path=source_path, url=url, settings=settings, doc_id=doc_id, published=published, title=title, source=source)
        if not (isinstance(page, Skipped) and page.reason == SkipReason.NO_ARTICLE):
            return page
        # a corpus field holds the article itself: markup around text, not a page layout
        text = html_to_text(text)
        warnings = ("HTML in the text field had no page layout: read as marked-up text",)
    body, dateline = clean_body(text)
    return build_article(
        text=body, settings=settings, source=source, doc_id=doc_id, title=title, published=published,
        dateline=dateline, url=url, source_path=source_path, warnings=warnings,
    )  # fmt: skip


def _scalar(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


class _RecordDecoder:
    """Decodes a corpus line by line: UTF-8, else the encoding detected for that line."""

    def __init__(self) -> None:
        self.fallback: str | None = None
        self.notes: dict[int, str] = {}  # line number -> encoding used when it was not UTF-8

    def decode(self, raw: bytes, number: int) -> str:
        try:
            return raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            pass
        if self.fallback is not None:
            try:
                text = raw.decode(self.fallback)
                self.notes[number] = self.fallback
                return text
            except UnicodeDecodeError:
                pass
        decoded = decode_bytes(raw)
        if isinstance(decoded, SkipReason) or decoded.encoding == "utf-8":
            self.notes[number] = "utf-8 with U+FFFD"
            return raw.decode("utf-8", errors="replace")
        self.fallback = decoded.encoding
        self.notes[number] = decoded.encoding
        return decoded.text

    def lines(self, stream: Iterable[bytes]) -> Iterator[str]:
        for number, raw in enumerate(stream, start=1):
            yield self.decode(raw, number)

    def warning(self, first: int, last: int) -> str | None:
        used = sorted({self.notes[n] for n in range(first, last + 1) if n in self.notes})
        if not used:
            return None
        if used == ["utf-8 with U+FFFD"]:
            return "invalid UTF-8: undecodable bytes replaced with U+FFFD"
        return f"not UTF-8: decoded as {', '.join(u for u in used if u != 'utf-8 with U+FFFD')} (detected for this record)"


def _noted(item: Article | Skipped, warning: str | None) -> Article | Skipped:
    if warning and isinstance(item, Article):
        import dataclasses

        return dataclasses.replace(item, warnings=(warning, *item.warnings))
    return item


def read_jsonl(lines: Iterable[bytes], settings: ReadSettings, path: str) -> Iterator[Article | Skipped]:
    """One JSON object per line; blank lines are ignored."""
    decoder = _RecordDecoder()
    for number, raw in enumerate(lines, start=1):
        source = f"{path}:{number}"
        if not raw.strip():
            continue
        line = decoder.decode(raw, number)
        try:
            record = json.loads(line)
        except ValueError as err:
            yield Skipped(reason=SkipReason.MALFORMED, source=source, detail=f"invalid JSON: {err}"[:200])
            continue
        yield _noted(read_record(record, settings, source, path), decoder.warning(number, number))


def read_json(data: str, settings: ReadSettings, path: str) -> Iterator[Article | Skipped]:
    """A JSON document: one object, or a list of objects; else it is read as JSONL."""
    try:
        value = json.loads(data)
    except ValueError:
        yield from read_jsonl(data.encode("utf-8", "surrogatepass").splitlines(), settings, path)
        return
    if isinstance(value, list):
        for index, record in enumerate(value):
            yield read_record(record, settings, f"{path}[{index}]", path)
    else:
        yield read_record(value, settings, path, path)


def read_csv_bytes(stream: Iterable[bytes], settings: ReadSettings, path: str, *, delimiter: str = ",") -> Iterator[Article | Skipped]:
    """A CSV (or TSV) byte stream, decoded record by record (see the module docstring)."""
    decoder = _RecordDecoder()
    yield from read_csv(decoder.lines(stream), settings, path, delimiter=delimiter, decoder=decoder)


def read_csv(stream: Iterable[str], settings: ReadSettings, path: str, *, delimiter: str = ",",
             decoder: _RecordDecoder | None = None) -> Iterator[Article | Skipped]:
    """A CSV (or TSV) file with a header row; rows with the wrong number of cells are MALFORMED."""
    csv.field_size_limit(max(settings.max_bytes * 2, 131072))
    reader = csv.reader(stream, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        yield Skipped(reason=SkipReason.EMPTY, source=path)
        return
    except csv.Error as err:
        yield Skipped(reason=SkipReason.MALFORMED, source=f"{path}:1", detail=f"bad CSV header: {err}")
        return
    header = [h.strip().lstrip("\ufeff") for h in header]
    if settings.text_field not in header:
        yield Skipped(reason=SkipReason.MALFORMED, source=f"{path}:1", detail=f"no {settings.text_field!r} column (has: {', '.join(header[:8])}); use --text-field")
        return
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:
            yield Skipped(reason=SkipReason.MALFORMED, source=f"{path}:{start}", detail=f"bad CSV row: {err}")
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            yield Skipped(reason=SkipReason.MALFORMED, source=f"{path}:{start}", detail=f"{len(row)} cells, header has {len(header)}")
            continue
        item = read_record(dict(zip(header, row, strict=True)), settings, f"{path}:{start}", path)
        yield _noted(item, decoder.warning(start, reader.line_num) if decoder is not None else None)


def text_stream(binary: IO[bytes]) -> tuple[IO[str], list[str]]:
    """A text view of a byte stream: UTF-8, or the encoding detected from its start."""
    head = binary.read(65536)
    rest = binary
    warnings: list[str] = []
    encoding = "utf-8-sig"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as err:
        if err.start < len(head) - 4:  # not just a character cut at the sample's end
            from charset_normalizer import from_bytes

            best = from_bytes(head).best()
            if best is not None and best.encoding:
                encoding = best.encoding
                warnings.append(f"not UTF-8: decoded as {encoding} (detected)")
    joined = _Chain(head, rest)
    return io.TextIOWrapper(joined, encoding=encoding, errors="replace", newline=""), warnings


class _Chain(io.RawIOBase):
    """Bytes already read, then the rest of the stream."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)
