"""The stages wired together: ``code_text`` for one text, ``code_batch`` for a stream.

::

    Article -> nlp (spaCy Doc) -> actors (mentions) -> events (lexicon + grammar)
            -> ground (dates, places) -> Event records

Resources (model, knowledge base, lexicon, gazetteer) load once in
:func:`load_resources` and are passed in; every function here is otherwise pure.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from . import __version__
from .actors.base import ActorDictionary
from .errors import ConfigError
from .events.coder import code_doc
from .events.lexicon import Lexicon, load_lexicon
from .events.scorer import EventScorer, load_scorer
from .events.settings import CodingSettings
from .ground.places import load_gazetteer
from .model import Article, Event, Skipped, SkipReason, make_doc_id
from .nlp import load_nlp, parse, parse_many

__all__ = [
    "Resources",
    "CodingSettings",
    "CodedArticle",
    "load_resources",
    "load_actor_dictionary",
    "code_text",
    "code_article",
    "code_batch",
    "parser_limit",
    "too_long",
    "CODER",
]

log = logging.getLogger(__name__)

CODER = f"eventcoder/{__version__}"


@dataclass(frozen=True, slots=True)
class Resources:
    """Everything the coder needs, loaded once per process."""

    nlp: Any
    actors: ActorDictionary
    lexicon: Lexicon
    gazetteer: Any = None  # eventcoder.ground.places.Gazetteer, or None to skip places
    settings: CodingSettings = CodingSettings()  # the switchable coding conventions
    scorer: EventScorer | None = None  # the learned event scorer, for settings.rerank / .fill


@dataclass(frozen=True, slots=True)
class CodedArticle:
    article: Article
    events: tuple[Event, ...]


def load_actor_dictionary(dictionaries: Sequence[str | os.PathLike[str]] | None = None) -> ActorDictionary:
    """The packaged knowledge base (``actors/data``), with user actor dictionaries over it.

    ``dictionaries``: paths of user dictionary files (``docs/actor-dictionaries.md``;
    the CLI's ``--actors FILE``), later files winning; None: the files named by
    ``$EVENTCODER_ACTORS`` (how ``ingest --actors`` reaches its worker processes), if any.
    A bad file raises :class:`~eventcoder.errors.DictionaryError` (``FILE:LINE: ...``).
    """
    from .actors.kb import load_kb
    from .actors.userdict import dictionary_paths_from_env, load_user_dictionaries

    paths = tuple(dictionaries) if dictionaries is not None else dictionary_paths_from_env()
    kb = load_kb()
    return load_user_dictionaries(paths, kb) if paths else kb


def load_resources(
    *,
    nlp: Any = None,
    actors: ActorDictionary | None = None,
    lexicon: Lexicon | None = None,
    gazetteer: Any = None,
    places: bool = True,
    settings: CodingSettings | None = None,
    scorer: EventScorer | None = None,
    dictionaries: Sequence[str | os.PathLike[str]] | None = None,
) -> Resources:
    """Load (or take) the model, knowledge base, lexicon and gazetteer.

    ``settings`` (:class:`CodingSettings`) chooses the switchable conventions, e.g.
    ``CodingSettings(statements=True)`` for GDELT-style output; the default follows
    ``docs/coding-rules.md``.  ``dataclasses.replace(resources, settings=...)`` reuses
    loaded resources with other settings.

    ``scorer``: the learned event scorer (``docs/scorer.md``); when ``settings.rerank``
    or ``settings.fill`` asks for one and none is given, the model file
    ``settings.scorer_model`` (or the default, :func:`~eventcoder.events.scorer.find_scorer_model`)
    is loaded -- a missing file raises :class:`~eventcoder.errors.ResourceNotFound` with
    the command that builds it.

    ``dictionaries``: user actor dictionary files merged over the knowledge base (see
    :func:`load_actor_dictionary`; ignored when ``actors`` is given).  Their sha256 is
    part of the provenance fingerprint.
    """
    if settings is not None and not isinstance(settings, CodingSettings):
        raise ConfigError(
            f"settings={settings!r} is not a CodingSettings; pass eventcoder.pipeline.CodingSettings(...)"
        )
    settings = settings or CodingSettings()
    if scorer is None and settings.learned:
        scorer = load_scorer(settings.scorer_model)  # before the model: a missing file fails fast
    if actors is None:  # before the model too: a bad dictionary file fails fast
        actors = load_actor_dictionary(dictionaries)
    return Resources(
        nlp=nlp if nlp is not None else load_nlp(),
        actors=actors,
        lexicon=lexicon if lexicon is not None else load_lexicon(),
        gazetteer=gazetteer if gazetteer is not None else (load_gazetteer() if places else None),
        settings=settings,
        scorer=scorer,
    )


#: spaCy's default ``nlp.max_length`` (characters): longer texts raise E088.
PARSER_LIMIT = 1_000_000


def parser_limit(resources: Resources | None) -> int:
    """The longest text (characters) the resources' parser accepts."""
    nlp = getattr(resources, "nlp", None)
    return int(getattr(nlp, "max_length", PARSER_LIMIT) or PARSER_LIMIT)


def too_long(article: Article, limit: int) -> Skipped | None:
    """A counted ``too_large`` skip for an article the parser would refuse (spaCy E088),
    instead of an exception that loses the batch."""
    if len(article.text) <= limit:
        return None
    return Skipped(
        reason=SkipReason.TOO_LARGE,
        source=article.source_path or article.doc_id,
        detail=f"{len(article.text)} characters > the parser's limit of {limit} (spaCy max_length); "
               "split the document into parts to code it",
    )


_DEFAULT: Resources | None = None


def _default_resources() -> Resources:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = load_resources()
    return _DEFAULT


def _as_date(value: str | dt.date | None) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    try:
        return dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError as err:
        raise ConfigError(f"date {value!r} is not an ISO date; write it as YYYY-MM-DD") from err


def code_text(
    text: str,
    date: str | dt.date | None = None,
    doc_id: str | None = None,
    resources: Resources | None = None,
) -> list[Event]:
    """Code one text (published on ``date``) into events.

    >>> events = code_text("Japan's prime minister met the Cambodian premier.", date="2022-09-28")
    """
    article = Article(doc_id=doc_id or make_doc_id(text), text=text, published=_as_date(date))
    return list(code_article(article, resources).events)


def code_article(article: Article, resources: Resources | None = None) -> CodedArticle:
    """Code one Article."""
    res = resources or _default_resources()
    doc = parse(res.nlp, article.text)
    return CodedArticle(article, tuple(code_doc(doc, article, res, coder=CODER)))


def code_batch(
    articles: Iterable[Article], resources: Resources | None = None, *, batch_size: int = 32
) -> Iterator[CodedArticle]:
    """Code a stream of Articles, parsing them in batches through ``nlp.pipe``."""
    res = resources or _default_resources()
    buffer: list[Article] = []

    def flush() -> Iterator[CodedArticle]:
        docs = parse_many(res.nlp, (a.text for a in buffer), batch_size=batch_size)
        for article, doc in zip(buffer, docs, strict=True):
            yield CodedArticle(article, tuple(code_doc(doc, article, res, coder=CODER)))
        buffer.clear()

    for article in articles:
        buffer.append(article)
        if len(buffer) >= batch_size:
            yield from flush()
    if buffer:
        yield from flush()
