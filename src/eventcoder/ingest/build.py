"""The last step of every reader: checks (size, language) and the Article record."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Article, Skipped, SkipReason, make_doc_id
from .dates import to_iso_date
from .language import identify_language
from .settings import ReadSettings

__all__ = ["build_article", "too_large"]

# Labels that never reject a text: "no linguistic content" (tables of figures), and
# English-based creoles/Scots that the model confuses with terse English (wire copy).
_NEVER_DECISIVE = frozenset({"zxx", "und", "pcm", "sco"})


def too_large(size: int, settings: ReadSettings, source: str) -> Skipped | None:
    if size > settings.max_bytes:
        return Skipped(
            reason=SkipReason.TOO_LARGE,
            source=source,
            detail=f"{size} bytes > max_bytes {settings.max_bytes} (raise --max-bytes to read it)",
        )
    return None


def build_article(
    *,
    text: str,
    settings: ReadSettings,
    source: str,
    empty_reason: SkipReason = SkipReason.EMPTY,
    doc_id: str | None = None,
    title: str | None = None,
    byline: Sequence[str] = (),
    publisher: str | None = None,
    published: object = None,
    dateline: str | None = None,
    url: str | None = None,
    source_path: str | None = None,
    captions: Sequence[str] = (),
    warnings: Sequence[str] = (),
    language_hint: str | None = None,
) -> Article | Skipped:
    """An Article from the parts a reader found, or the reason it is skipped."""
    text = text.strip()
    if not text:
        return Skipped(reason=empty_reason, source=source, detail="no article text found")
    skipped = too_large(len(text.encode("utf-8", "surrogatepass")), settings, source)
    if skipped:
        return skipped
    notes = list(warnings)
    language, confidence = identify_language(text)
    if language is None:
        language = language_hint
    elif settings.languages and language not in settings.languages:
        if confidence >= settings.min_language_confidence and language not in _NEVER_DECISIVE:
            return Skipped(reason=SkipReason.NOT_ENGLISH, source=source, detail=f"language {language} (p={confidence:.2f})")
        notes.append(f"language uncertain: looks like {language} (p={confidence:.2f})")
        language = language_hint if language_hint in settings.languages else None
    iso = to_iso_date(published) if published is not None else None
    if published not in (None, "") and iso is None:
        notes.append(f"publication date not understood: {str(published)[:60]!r}")
    if iso is None and settings.default_date:
        iso = settings.default_date
        notes.append(f"publication date {iso} from --date (the input has none)")
    return Article(
        doc_id=str(doc_id) if doc_id not in (None, "") else make_doc_id(text),
        text=text,
        title=_clean(title),
        byline=tuple(dict.fromkeys(b for b in (_clean(x) for x in byline) if b)),
        publisher=_clean(publisher),
        published=iso,
        dateline=dateline,
        url=_clean(url),
        language=language,
        source_path=source_path,
        captions=tuple(captions),
        warnings=tuple(notes),
    )


def _clean(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None
