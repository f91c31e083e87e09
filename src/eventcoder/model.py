"""The data model every stage shares: articles in, events out.

All records are frozen dataclasses; stages return new objects and never mutate their
inputs.  ``to_dict`` / ``*_from_dict`` convert to and from the JSON shapes of
``DESIGN.md`` (tuples become lists, nested records become objects).
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "Article",
    "Skipped",
    "SkipReason",
    "Actor",
    "Mention",
    "Place",
    "Plover",
    "Evidence",
    "Event",
    "Modality",
    "DatePrecision",
    "to_dict",
    "article_from_dict",
    "actor_from_dict",
    "event_from_dict",
    "evidence_from_dict",
    "make_doc_id",
    "make_event_id",
]


class SkipReason(enum.StrEnum):
    """Why an input did not become an Article (or a coded article)."""

    EMPTY = "empty"
    BINARY = "binary"
    NOT_ENGLISH = "not_english"
    TOO_LARGE = "too_large"
    NO_ARTICLE = "no_article"
    MALFORMED = "malformed"
    UNREADABLE = "unreadable"
    ERROR = "error"


class Modality(enum.StrEnum):
    ASSERTED = "asserted"
    INTENDED = "intended"
    REPORTED = "reported"


class DatePrecision(enum.StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"
    ARTICLE = "article"


def make_doc_id(text: str) -> str:
    """A stable id for a text without one: the first 16 hex digits of its SHA-256."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def make_event_id(
    doc_id: str, sentence_index: int, source: str | None, target: str | None, cameo: str
) -> str:
    """The stable event id of DESIGN.md: a hash of (doc, sentence, source, target, code)."""
    key = "\x1f".join([doc_id, str(sentence_index), source or "", target or "", cameo])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


@dataclass(frozen=True, slots=True, kw_only=True)
class Article:
    """One news article as a reader produced it (see DESIGN.md, "The Article record")."""

    doc_id: str
    text: str
    title: str | None = None
    byline: tuple[str, ...] = ()
    publisher: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    dateline: str | None = None
    url: str | None = None
    language: str | None = None
    source_path: str | None = None
    captions: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Skipped:
    """An input that did not become an Article, with the reason (counted, never silent)."""

    reason: SkipReason
    source: str  # path, "path:line" or doc id
    detail: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    """A resolved political actor: ``code`` is the CAMEO actor code (``JPNGOV``)."""

    text: str
    code: str
    country: str | None = None  # ISO 3166 alpha-3, or None for IGOs / unknown
    role: str | None = None  # GOV MIL COP JUD LEG OPP REB ELI BUS MED ... or None
    name: str | None = None  # canonical name ("Fumio Kishida")
    kind: str = "state"  # person | state | organization | group
    # how ``country`` was found: kb (the actor's own record), text (the sentence said it),
    # dateline or article (inferred from the article), None when there is no country
    country_source: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Mention:
    """A stretch of article text that refers to an actor."""

    text: str
    start: int  # character offsets into the article text
    end: int
    sentence_index: int
    actor: Actor
    rule: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    """Where an event happened."""

    name: str  # as written
    country: str | None = None  # ISO3
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None  # city | country | admin1 | port | island | ...
    canonical: str | None = None
    admin1: str | None = None
    source: str | None = None  # sentence | dateline | actor


@dataclass(frozen=True, slots=True, kw_only=True)
class Plover:
    event_type: str
    mode: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Evidence:
    """How an event was found: the verb (or event noun), spans and the lexicon rule.

    ``confidence`` is set only when a learned model chose the code (rule ``m.scorer.v1``,
    ``docs/scorer.md``): its calibrated probability that the code is right; None for
    events the lexicon alone coded.
    """

    verb: str
    verb_span: tuple[int, int]
    source_span: tuple[int, int] | None = None
    target_span: tuple[int, int] | None = None
    rule: str = ""
    confidence: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """One coded event (DESIGN.md, "The Event record")."""

    event_id: str
    doc_id: str
    sentence_index: int
    sentence: str
    span: tuple[int, int]
    date: str | None
    date_precision: str
    source: Actor | None
    target: Actor | None
    cameo: str
    cameo_root: str
    quad_class: int
    goldstein: float
    plover: Plover | None
    negated: bool = False
    modality: str = Modality.ASSERTED
    location: Place | None = None
    evidence: Evidence | None = None
    coder: str = ""
    # who said it, for reported events ("..., officials said"); attribution is not an event
    reported_by: Actor | None = None
    # a two-sided event (met, held talks, clashed) coded in both directions; counts and the
    # roll-up count the pair once
    symmetric: bool = False


def to_dict(record: Any) -> dict[str, Any]:
    """A record as plain JSON-ready data (tuples to lists, enums to strings)."""
    return _plain(record)


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _span(value: Any) -> tuple[int, int] | None:
    return None if value is None else (int(value[0]), int(value[1]))


def article_from_dict(data: dict[str, Any]) -> Article:
    """The inverse of ``to_dict`` for articles."""
    known = {f.name for f in dataclasses.fields(Article)}
    kwargs = {k: v for k, v in data.items() if k in known}
    for key in ("byline", "captions", "warnings"):
        if key in kwargs and kwargs[key] is not None:
            kwargs[key] = tuple(kwargs[key])
    return Article(**kwargs)


_ACTOR_FIELDS = frozenset(f.name for f in dataclasses.fields(Actor))


def actor_from_dict(data: dict[str, Any] | None) -> Actor | None:
    """The inverse of ``to_dict`` for actors (unknown keys, from newer writers, are ignored)."""
    if data is None:
        return None
    return Actor(**{k: v for k, v in data.items() if k in _ACTOR_FIELDS})


_actor = actor_from_dict


def evidence_from_dict(data: dict[str, Any]) -> Evidence:
    """The inverse of ``to_dict`` for an event's evidence."""
    return Evidence(
        verb=data["verb"],
        verb_span=_span(data["verb_span"]),
        source_span=_span(data.get("source_span")),
        target_span=_span(data.get("target_span")),
        rule=data.get("rule", ""),
        confidence=data.get("confidence"),
    )


def event_from_dict(data: dict[str, Any]) -> Event:
    """The inverse of ``to_dict`` for events."""
    evidence = data.get("evidence")
    if evidence is not None:
        evidence = evidence_from_dict(evidence)
    plover = data.get("plover")
    location = data.get("location")
    return Event(
        event_id=data["event_id"],
        doc_id=data["doc_id"],
        sentence_index=data["sentence_index"],
        sentence=data["sentence"],
        span=_span(data["span"]),
        date=data.get("date"),
        date_precision=data.get("date_precision", DatePrecision.ARTICLE),
        source=_actor(data.get("source")),
        target=_actor(data.get("target")),
        cameo=data["cameo"],
        cameo_root=data["cameo_root"],
        quad_class=data["quad_class"],
        goldstein=data["goldstein"],
        plover=None if plover is None else Plover(**plover),
        negated=data.get("negated", False),
        modality=data.get("modality", Modality.ASSERTED),
        location=None if location is None else Place(**location),
        evidence=evidence,
        coder=data.get("coder", ""),
        reported_by=_actor(data.get("reported_by")),
        symmetric=bool(data.get("symmetric", False)),
    )
