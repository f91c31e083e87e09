"""One phrase -> one actor, by the coder's own code path.

``eventcoder actors NAME --date D`` and the coder must agree: a phrase looked up on its
own gets exactly the actor the coder gives the same words as the subject of a sentence.
So a phrase is not looked up in the knowledge base directly; it is written as the subject
of a neutral sentence (``<phrase> said.``), parsed by the project's spaCy pipeline,
repaired as the coder repairs every document, and its head resolved by the same
:class:`~eventcoder.actors.mentions.ActorResolver` (registration of the sentence's names
first, then the subject), on the given date and with the given article countries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..model import Actor
from .base import ActorDictionary
from .mentions import ActorResolver

__all__ = ["Resolution", "resolve_phrase", "explain_phrase", "carrier_sentence"]

# The neutral frame: a speech verb takes any actor as its subject and adds none of its own.
_CARRIER = "{phrase} said."


def carrier_sentence(phrase: str) -> str:
    """The sentence a phrase is parsed in: the phrase as the subject of "said"."""
    phrase = " ".join(phrase.split()).rstrip(".")
    if phrase[:1].islower():
        phrase = phrase[0].upper() + phrase[1:]  # "the army" opens a sentence: "The army"
    return _CARRIER.format(phrase=phrase)


@dataclass(frozen=True, slots=True)
class Resolution:
    """The actor of a phrase, and the head word it was resolved from ("how")."""

    phrase: str
    actor: Actor | None
    head: str | None
    how: str  # "person", "organization", "state", "group" or "unresolved"


def _as_date(date: dt.date | str | None) -> dt.date | None:
    if date is None or isinstance(date, dt.date):
        return date
    return dt.date.fromisoformat(date)


def _head(doc: Any, end: int) -> Any:
    """The head of the phrase (the tokens before ``end`` characters): the token whose
    syntactic head lies outside it, preferring the subject of the verb."""
    tokens = [t for t in doc if t.idx < end and not t.is_punct]
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    for t in heads:
        if t.dep_ in {"nsubj", "nsubjpass"}:
            return t
    return heads[0] if heads else tokens[-1]


def explain_phrase(
    text: str, date: dt.date | str | None, *, kb: ActorDictionary, nlp: Any, countries: tuple[str, ...] = (),
    dateline: str | None = None, place_country: Callable[[str], str | None] | None = None,
) -> Resolution:
    """:func:`resolve_phrase` with the head word and how it resolved."""
    from ..events.repairs import repair_doc

    sentence = carrier_sentence(text)
    doc = repair_doc(nlp(sentence))
    end = len(sentence) - len(" said.")
    resolver = ActorResolver(kb, _as_date(date), dateline=dateline, countries=countries, place_country=place_country)
    for sent in doc.sents:
        resolver.observe(sent)  # as the coder does: every name of the sentence first
    head = _head(doc, end)
    if head is None:
        return Resolution(text, None, None, "unresolved")
    found = resolver.resolve(head, subject=True)
    if not found:
        return Resolution(text, None, head.text, "unresolved")
    actor = found[0]
    return Resolution(text, actor, head.text, actor.kind)


def resolve_phrase(
    text: str, date: dt.date | str | None, *, kb: ActorDictionary, nlp: Any, countries: tuple[str, ...] = (),
    dateline: str | None = None, place_country: Callable[[str], str | None] | None = None,
) -> Actor | None:
    """The actor ``text`` names on ``date``, exactly as the coder resolves the same words
    as the subject of a sentence; ``countries`` are the article's countries (ISO3), most
    salient first, which settle ambiguous names and give role-only actors a country;
    ``place_country`` maps a city or province to its country, as the coder's gazetteer
    does ("police in Mombasa"; the CLI passes the packaged gazetteer's)."""
    return explain_phrase(
        text, date, kb=kb, nlp=nlp, countries=countries, dateline=dateline, place_country=place_country
    ).actor
