"""How inputs are read: the typed settings object every reader takes."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["ReadSettings", "DEFAULT_EXTENSIONS"]

#: File name endings a folder walk picks up (a ``.gz`` is read by the ending under it).
DEFAULT_EXTENSIONS: tuple[str, ...] = (
    ".txt", ".text", ".html", ".htm", ".xhtml", ".json", ".jsonl", ".ndjson", ".csv", ".tsv",
    ".xml", ".rss", ".atom", ".warc", ".gz",
)  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadSettings:
    """Options of every reader.

    ``*_field`` name the corpus columns (JSONL keys, CSV headers).  ``max_bytes`` bounds
    one document (a single file, or one corpus row / feed item / WARC record); a corpus
    file itself may be larger.  ``languages`` are the ISO 639-1 codes kept; an empty
    tuple keeps every language.  ``keep_standfirst`` puts the standfirst (subtitle)
    of scraped text in front of the body instead of leaving it out.  ``default_date``
    (ISO ``YYYY-MM-DD``, ``--date``) is the publication date of inputs without one (or
    with one that is not understood).
    """

    text_field: str = "text"
    date_field: str = "date"
    id_field: str = "id"
    title_field: str = "title"
    url_field: str = "url"
    max_bytes: int = 5_000_000
    languages: tuple[str, ...] = ("en",)
    extensions: tuple[str, ...] = DEFAULT_EXTENSIONS
    keep_standfirst: bool = False
    min_language_confidence: float = 0.5
    default_date: str | None = None
