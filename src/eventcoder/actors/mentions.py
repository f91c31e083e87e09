"""Actor mentions: from spaCy tokens to CAMEO-coded actors, with in-article coreference.

The resolver looks at a noun phrase (the token, its compounds, adjectives, possessor,
apposition and ``of`` phrase) and asks an :class:`~eventcoder.actors.base.ActorDictionary`
what the words mean as of the article's date:

* a person (``Fumio Kishida``, ``Japan's Kishida``, ``Foreign Minister Wang Yi``) ->
  country + role from the dated knowledge base, overridden by a title in the text;
* a country (``Japan``), a demonym (``the Japanese``), a capital as a metonym
  (``Beijing accused ...`` -> ``CHNGOV``);
* an organization (``ASEAN``, ``the UN Security Council``) -> its IGO/NGO code;
* a sector noun with a nationality (``Cambodian navy``, ``Thai police``,
  ``the government of Japan``) -> country + role;
* pronouns, surnames, role nouns (``the premier``), ``the Kingdom``, ``the two
  countries`` -> earlier mentions of the article (coreference).

Functions take spaCy objects but never import spaCy (see ``nlp.py``).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
import logging
from collections import Counter
from dataclasses import dataclass, replace
from collections.abc import Callable, Iterable
from typing import Any

from ..model import Actor
from .base import ActorDictionary, PersonMatch
from .names import name_key

log = logging.getLogger(__name__)

__all__ = ["ActorResolver", "make_actor", "sentence_entities"]

_PRONOUNS_PERSON = {"he", "him", "she", "her", "his", "hers"}
_PRONOUNS_PLURAL = {"they", "them", "their"}
_PRONOUNS_THING = {"it", "its"}
_SELF = {"i", "me", "my", "we", "us", "our"}
_SPEECH = {"say", "tell", "add", "state", "write", "note", "declare", "announce", "insist", "stress"}
_GENERIC_STATE = {"country", "nation", "kingdom", "republic", "state"}
_PAIR_WORDS = {"two", "both"}
_PAIR_NOUNS = {
    "country": "state", "nation": "state", "side": "any", "government": "state",
    "leader": "person", "minister": "person", "president": "person", "premier": "person",
    "counterpart": "person", "official": "person", "state": "state", "neighbour": "state",
    "neighbor": "state", "party": "any",
}
_LEADER_NOUNS = {"premier", "president", "leader", "minister", "chancellor", "king", "queen",
                 "monarch", "emperor", "ruler", "counterpart", "host", "sultan", "emir"}
_FORMER = {"former", "ex", "late", "erstwhile", "then"}
_PERSON_ENTS = {"PERSON"}
_NON_ACTOR_ENTS = {"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL", "LAW", "LANGUAGE"}
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
# Modifiers that make a medium the government's ("state television", "state-run media")
_STATE_MEDIA = {"state", "state-run", "state-owned", "state-controlled", "government-run", "official", "run", "owned"}
# Honorifics written before a name in news prose ("Mr. Abbas"): not part of the name
_HONORIFICS = {"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "madam", "madame", "mme", "m"}
# Small words an acronym skips ("Drug Enforcement Administration" -> DEA, "Bank of Japan" -> BOJ)
_ACRONYM_SKIP = {"of", "the", "and", "for", "&", "in", "on", "to", "de", "du", "la"}
# Heads that stand for their members: "leaders of X", "a delegation of X"
_GROUP_HEADS = {
    "leader", "member", "delegation", "deployment", "patch", "contingent", "unit", "representative",
    "envoy", "official", "head", "chief", "spokesman", "spokeswoman", "spokesperson", "minister",
    "part", "wing", "faction", "force", "army", "government", "side", "delegate", "supporter",
}
# Geographic features are places, not actors ("the Korean Peninsula", "the Black Sea")
_PLACE_HEADS = {
    "peninsula", "sea", "ocean", "gulf", "strait", "island", "coast", "river", "mountain",
    "continent", "valley", "desert", "lake", "bay", "plateau", "archipelago",
}
# Heads that are never actors even with a nationality ("Japanese cars", "Iraqi oil")
_NOT_ACTOR_HEADS = {
    "oil", "car", "economy", "market", "currency", "territory", "soil", "border", "water", "airspace",
    "city", "town", "village", "capital", "region", "province", "island", "coast", "port", "sea",
    "product", "export", "import", "good", "company", "firm", "bank", "stock", "share", "price",
    "language", "culture", "food", "history", "weather", "election", "vote", "law", "constitution",
    "policy", "policies", "plan", "proposal", "offer", "statement",
}
# Nouns of a settlement or area named by an "of" phrase ("the town of Aleppo").
_TOWN_WORDS = frozenset("city town village district province region area enclave port".split())
# Bodies named after their leader: "the Obama administration", "the Trudeau government".
_LEADER_BODIES = frozenset("administration government cabinet regime".split())
# Words that make a body a state's own, whatever name follows: "the National Security
# Council" is no "Security Council" of the UN.
_STATE_LEVELS = frozenset("national federal state provincial regional municipal county".split())
# Generic heads a name may follow with no comma: "the militant group Hamas".
_NAMED_HEADS = frozenset("group organization organisation movement militia faction outfit network alliance coalition".split())
_QUANTITY = {
    "thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "score", "scores",
    "million", "millions", "group", "crowd", "member", "some", "many", "number", "band",
    "contingent", "unit", "team", "delegation", "busload", "handful", "several", "all",
}
_ARG_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "poss", "dative"}
_PLACE_ENTS = {"GPE", "LOC", "FAC"}
_ORG_ENTS = {"ORG", "NORP", "GPE", "FAC"}
_NAME_JOINERS = frozenset({"of", "for", "without", "de", "del", "la", "al", "and"})
_PLACE_PREPS = frozenset({"in", "at", "across", "throughout", "around", "near", "outside", "inside"})
_NAME_PARTICLES = frozenset({"al", "el", "ad", "as", "ash", "an", "ar", "at", "az", "au", "du", "de", "la", "le", "les", "sur"})


def make_actor(text: str, *, country: str | None, role: str | None, name: str | None = None,
               kind: str = "state", code: str | None = None, country_source: str | None = "text") -> Actor | None:
    """Compose a CAMEO actor code from its parts (``JPN`` + ``GOV`` -> ``JPNGOV``).

    ``country_source`` says how ``country`` was found (``kb``, ``text``, ``dateline``,
    ``article``); it is dropped when there is no country."""
    if code is None:
        if country and role:
            code = country + role
        elif country:
            code = country
        elif role:
            code = role  # country unknown: the sector alone, as GDELT does ("MIL", "CVL")
        else:
            return None
    return Actor(text=text, code=code, country=country, role=role, name=name, kind=kind,
                 country_source=country_source if country else None)


def org_actor(text: str, org: Any, *, name: str | None = None, kind: str = "organization") -> Actor:
    """The actor of a knowledge-base organization (its own code, country from its record)."""
    return Actor(text=text, code=org.code, country=org.country, role=org.role, name=name or org.name,
                 kind=kind, country_source="kb" if org.country else None)


# Entities whose names may stand as an unknown party of an event (ActorResolver.unknown)
_UNKNOWN_ENTS = frozenset({"PERSON", "ORG"})

_SUBJECT_PRONOUNS = frozenset({"he", "she", "it", "they"})
_ALL_PRONOUNS = frozenset(
    "i me my mine we us our ours you your yours he him his she her hers it its they them their theirs "
    "this that these those who whom whose which what whoever itself himself herself themselves "
    "ourselves myself yourself one each both all some any none".split()
)


def _longest_phrase(words: list[str], lookup: Any, shortest: int) -> str | None:
    """What ``lookup`` answers for the longest run of ``words`` it knows (leftmost first)."""
    for n in range(len(words), shortest - 1, -1):
        for i in range(0, len(words) - n + 1):
            found = lookup(" ".join(words[i : i + n]))
            if found:
                return found
    return None
# a country's central bank by the form of its name (a bank the KB knows, such as Bank of
# America, is looked up first)
_CENTRAL_BANK = re.compile(
    r"^(?:the\s+)?(?:(?:central|reserve|national|people's|state)\s+)?bank\s+of\s+(?:the\s+)?(.+)$", re.I
)


@dataclass(slots=True)
class _Seen:
    actor: Actor
    sentence: int
    token: int
    subject: bool
    plural: bool = False


_ACCEPTS_COUNTRIES: dict[Any, bool] = {}  # a dictionary class's person function -> the answer


def _accepts_countries(kb: Any) -> bool:
    """Whether ``kb.person`` takes the article's countries (``countries=``) to settle a name
    (asked once per dictionary class: a resolver is made for every article)."""
    func = getattr(getattr(kb, "person", None), "__func__", None)
    if func is not None and func in _ACCEPTS_COUNTRIES:
        return _ACCEPTS_COUNTRIES[func]
    import inspect

    try:
        params = inspect.signature(kb.person).parameters
    except (TypeError, ValueError):
        return False
    answer = "countries" in params or any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
    if func is not None:
        _ACCEPTS_COUNTRIES[func] = answer
    return answer


def _initials(words: list[str]) -> str:
    """The acronym of a name: the capitals of its words ("Drug Enforcement Administration" -> DEA)."""
    out = []
    for w in words:
        if w.lower() in _ACRONYM_SKIP or not w[:1].isalpha():
            continue
        if not w[:1].isupper():
            return ""
        out.append(w[0])
    return "".join(out)


def _strip_honorific(name: str) -> str:
    parts = name.split()
    while len(parts) > 1 and parts[0].lower().rstrip(".") in _HONORIFICS:
        parts = parts[1:]
    return " ".join(parts)


def _np_tokens(token: Any) -> list[Any]:
    """The token and its left-hand noun-phrase modifiers, in order."""
    keep = [t for t in token.lefts if t.dep_ in {"compound", "amod", "nmod", "poss", "det", "nummod", "case", "punct", "prep"}]
    toks = []
    for t in keep:
        toks.extend(t.subtree)
    toks.append(token)
    return sorted({t.i: t for t in toks}.values(), key=lambda t: t.i)


class _DocIndex:
    """Per-document lookups that spaCy computes slowly: token -> entity, token -> sentence."""

    __slots__ = ("doc", "ents", "sent_start", "sent_end", "ent_list", "ent_starts", "_with_ws")  # _with_ws: filled as asked

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self._with_ws: dict[int, str] = {}
        self.ents: dict[int, Any] = {}
        self.ent_list = list(doc.ents)
        self.ent_starts = [ent.start for ent in self.ent_list]  # ascending: spaCy's ents are ordered
        for ent in self.ent_list:
            for i in range(ent.start, ent.end):
                self.ents[i] = ent
        self.sent_start: list[int] = [0] * len(doc)
        self.sent_end: list[int] = [0] * len(doc)
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                self.sent_start[i] = sent.start
                self.sent_end[i] = sent.end

    def ents_in(self, start: int, end: int) -> list[Any]:
        """The entities that start in tokens ``start``..``end - 1``, in order."""
        return self.ent_list[bisect_left(self.ent_starts, start) : bisect_left(self.ent_starts, end)]

    def text(self, start: int, end: int) -> str:
        """``doc[start:end].text`` without building the span (``end`` > ``start``)."""
        ws, doc = self._with_ws, self.doc
        for i in range(start, end - 1):
            if i not in ws:
                ws[i] = doc[i].text_with_ws
        return "".join([ws[i] for i in range(start, end - 1)]) + doc[end - 1].text


_INDEX: list[_DocIndex] = []  # the last document's index (one document at a time per resolver)


def _index(doc: Any) -> _DocIndex:
    if not _INDEX or _INDEX[0].doc is not doc:
        _INDEX[:] = [_DocIndex(doc)]
    return _INDEX[0]


def sentence_entities(sent: Any) -> list[Any]:
    """The entities of a sentence, from the document index (``Span.ents`` rebuilds them)."""
    return _index(sent.doc).ents_in(sent.start, sent.end)


def _title_cased(sent: Any) -> bool:
    """Most of the sentence's words are capitalized, as in a headline ("Lawmakers Attended
    Rally That Gave Way To Riots")."""
    words = [t for t in sent if t.is_alpha]
    return len(words) >= 4 and sum(t.text[:1].isupper() for t in words) > 0.6 * len(words)


def _ent_span(token: Any) -> Any:
    """The named-entity span (with its label) containing ``token``, or None."""
    if not token.ent_type_:
        return None
    return _index(token.doc).ents.get(token.i)


class ActorResolver:
    """Resolves tokens to actors for one article, remembering mentions for coreference.

    Call :meth:`resolve` on argument heads in reading order; each resolved mention is
    remembered so that later pronouns and role nouns can refer back to it.
    """

    def __init__(
        self, kb: ActorDictionary, date: dt.date | None, *, dateline: str | None = None, skip_before: int = 0,
        countries: Iterable[str] = (), place_country: Callable[[str], str | None] | None = None,
    ) -> None:
        self.skip_before = skip_before  # characters of a dateline: never actors
        # a place name -> its country, from the gazetteer (cities and provinces the KB lacks)
        self.place_country = place_country
        self.kb = kb
        self.date = date
        self.history: list[_Seen] = []
        self._cache: dict[int, tuple[Actor, ...]] = {}
        self._persons: dict[str, Actor] = {}  # surname / name -> actor (this article)
        self._acronyms: dict[str, Actor] = {}  # "dea" -> the body named in full earlier
        self._countries: Counter[str] = Counter()
        self._country_mentions = 0  # how many mentions have added to _countries
        self._salient: tuple[int, tuple[str, ...]] = (-1, ())  # _article_countries at that count
        # countries the caller knows the article is about (``eventcoder actors --country``)
        self.context: tuple[str, ...] = tuple(c.upper() for c in countries if c)
        self._unknown: list[tuple[int, bool]] = []  # (token index, was subject) of uncodable persons
        self.home: str | None = kb.country_by_capital(dateline) or kb.country_by_name(dateline) if dateline else None
        self._person_takes_countries = _accepts_countries(kb)
        self._survey_counts: Counter[str] | None = None
        self._survey_doc: Any = None

    # ------------------------------------------------------------------ public
    def resolve(self, token: Any, *, subject: bool = False) -> tuple[Actor, ...]:
        """The actor(s) a noun-phrase head refers to; empty when it is not an actor."""
        if token.i in self._cache:
            return self._cache[token.i]
        if token.idx < self.skip_before:
            return ()
        actors = tuple(self._party_in_power(a) for a in self._resolve(token, subject=subject))
        if len(actors) == 1 and actors[0].kind == "group" and actors[0].role and actors[0].country:
            actors += self._conjoined_owners(token, actors[0])
        self._cache[token.i] = actors
        if not actors and token.ent_type_ == "PERSON":
            # someone we cannot code ("Thong Mengdavid, a research fellow"): later pronouns
            # may refer to them, and must then not fall back to an earlier, known person
            self._unknown.append((token.i, subject))
        for actor in actors:
            self._remember(actor, token, subject=subject, plural=len(actors) > 1 or token.tag_ in {"NNS", "NNPS"})
        return actors

    def _conjoined_owners(self, token: Any, first: Actor) -> tuple[Actor, ...]:
        """The other actors of a sector noun with coordinated countries or bodies before it:
        "Israeli and Palestinian negotiators", "Nigerian and British armed forces", "UK and
        EU negotiators" are each side's own (``first`` is the one already found)."""
        mods = [m for m in token.lefts if m.dep_ in {"amod", "compound", "nmod"}]
        mods += [c for m in mods for c in m.children if c.dep_ == "conj"]
        if not any(c.dep_ == "cc" and c.lower_ in {"and", "&"} for m in mods for c in m.children):
            return ()
        found: list[Actor] = []
        seen = {first.code}
        for m in sorted(mods, key=lambda t: t.i):
            if m.pos_ not in {"ADJ", "PROPN"} or m.lower_ in _FORMER:
                continue
            span = _ent_span(m)
            text = span.text if span is not None and span.root.i == m.i else m.text
            iso = self.kb.country_by_adjective(m.text) or self.kb.country_by_name(text)
            org = None if iso else self.kb.organization(text)
            # its words run from its own modifier to the head ("EU negotiators")
            words = token.doc[m.i : token.i + 1].text
            if iso:
                actor = make_actor(words, country=iso, role=first.role, kind="group", country_source="text")
            elif org is not None and org.code.startswith("IGO"):
                actor = org_actor(words, org)
            else:
                continue
            if actor is not None and actor.code not in seen:
                seen.add(actor.code)
                found.append(actor)
        return tuple(found)

    def place(self, token: Any) -> Actor | None:
        """The country a place name stands for where an act is aimed at the place ("took
        over *Kirkuk*", "imposed a curfew on *Basra*"), as TABARI's and PETRARCH's country
        dictionaries list cities under their country: a city, province or region the
        gazetteer puts in one country (None for other words, or a name several countries
        bear).  The caller decides where a place may stand for its country."""
        if self.place_country is None or token.idx < self.skip_before:
            return None
        if token.lemma_.lower() in _TOWN_WORDS and token.pos_ == "NOUN":
            # "the town of Aleppo", "the city of Greenville": the name, whatever the NER
            # made of it
            names = [o for p in token.children if p.dep_ == "prep" and p.lower_ == "of"
                     for o in p.children if o.dep_ == "pobj" and o.pos_ == "PROPN"]
            if not names:
                return None
            token = names[0]
            span = token.doc[min(t.i for t in _np_tokens(token) if t.pos_ == "PROPN") : token.i + 1]
        elif token.ent_type_ not in {"GPE", "LOC", "FAC"}:
            return None
        else:
            span = _ent_span(token)
        text = (span.text if span is not None else token.text).removeprefix("the ").removeprefix("The ")
        iso = self.kb.country_by_name(text) or self.kb.country_by_capital(text) or self.place_country(text)
        if not iso:
            return None
        return make_actor(text, country=iso, role=None, name=text, kind="state", country_source="text")

    def unknown(self, token: Any, *, untagged: bool = False) -> Actor | None:
        """A person or body the text names and no dictionary knows ("Siemens", "Oommen
        Chandy"), kept as GDELT keeps one: its name, with a blank code.  None for a word
        that resolves, for other words, and for a word inside a name (only the name's head).
        The NER's persons and organizations count; with ``untagged`` also a proper noun it
        left unlabelled."""
        if token.pos_ != "PROPN" or token.idx < self.skip_before or self.resolve(token):
            return None
        if (
            untagged and not token.ent_type_ and token.tag_ == "NNP" and not token.is_sent_start and token.dep_ in _ARG_DEPS
            and not _title_cased(token.sent)
        ):
            # a name the NER missed ("found Barbarin guilty"): the proper nouns it heads,
            # unless the gazetteer knows them as a place (in a headline's Title Case any
            # word looks like one)
            words = [t for t in token.lefts if t.dep_ == "compound" and t.tag_ == "NNP" and not t.ent_type_]
            start = min([t.i for t in words], default=token.i)
            text = token.doc[start : token.i + 1].text
            if self.place_country is not None and self.place_country(text):
                return None
            return Actor(text=text, code="", kind="person")
        if token.ent_type_ not in _UNKNOWN_ENTS:
            return None
        ent = _ent_span(token)
        if ent is None or ent.root.i != token.i:
            return None
        text = ent.text.removeprefix("the ").removeprefix("The ")
        return Actor(text=text, code="", kind="person" if ent.label_ == "PERSON" else "organization")

    def observe(self, sent: Any) -> None:
        """Register the named actors of a sentence (for coreference), without events."""
        for ent in _index(sent.doc).ents_in(sent.start, sent.end):
            if ent.label_ in {"PERSON", "GPE", "ORG", "NORP"}:
                head = ent.root
                found = self.resolve(head, subject=head.dep_ in {"nsubj", "nsubjpass"})
                if ent.label_ == "ORG" and len(found) == 1 and len(ent) > 1:
                    self._learn_acronym(ent, found[0])
        for token in sent:  # names the NER missed
            if (
                token.dep_ in _ARG_DEPS
                and not token.ent_type_
                and token.pos_ in {"PROPN", "NOUN"}
                and token.text[:1].isupper()
            ):
                self.resolve(token, subject=token.dep_ in {"nsubj", "nsubjpass"})

    # ------------------------------------------------------------------ internals
    def _party_in_power(self, actor: Actor) -> Actor:
        """A party (``PTY``) of a country whose governments the knowledge base lists is
        coded by CAMEO's convention as of the article's date: in the national executive
        ``GOVPTY``, else ``OPPPTY`` ("the BJP" in 2010 -> INDOPPPTY, in 2016 -> INDGOVPTY)."""
        if actor.role not in {"PTY", "REB", "INS"} or not actor.country or actor.kind == "person":
            return actor
        where = getattr(self.kb, "party_countries", None)
        found = where(actor.text) if where is not None and actor.role == "PTY" and actor.country_source == "kb" else ()
        if found and actor.country not in found:
            # a name the governing-party table gives other countries' parties ("the Labour
            # Party"): theirs, by the article's countries, else no country
            iso = self._party_country(actor.text)
            party = self.kb.party(iso, actor.text) if iso else None
            if party is None:
                return replace(actor, code="PTY", country=None, country_source=None)
            actor = org_actor(actor.text, party)
        lookup = getattr(self.kb, "party_role", None)
        role = lookup(actor.country, actor.name or actor.text, self.date) if lookup is not None else None
        if role is None:
            return actor
        if actor.role != "PTY":  # an armed group that rules ("the Taliban" since 2021-08-15)
            return replace(actor, role="GOV", code=f"{actor.country}GOV") if role == "GOV" else actor
        return replace(actor, role=role, code=f"{actor.country}{role}PTY")

    def _learn_acronym(self, ent: Any, actor: Actor) -> None:
        """A body named in full: its acronym, written in brackets after it ("Drug
        Enforcement Administration (DEA)") or formed from its initials, refers to it later."""
        doc = ent.doc
        words = [t.text for t in ent if t.lower_ != "the" or t.i != ent.start]
        keys = set()
        if len(words) > 1 and (initials := _initials(words)) and len(initials) >= 2:
            # initials never shadow a country or a body the knowledge base knows by them
            if self.kb.country_by_name(initials) is None and self.kb.organization(initials) is None:
                keys.add(initials.lower())
        if ent.end + 2 < len(doc) and doc[ent.end].text == "(" and doc[ent.end + 2].text == ")":
            short = doc[ent.end + 1].text
            if short.isupper() and 2 <= len(short) <= 8:
                keys.add(short.lower())
        for key in keys:
            self._acronyms.setdefault(key, actor)

    def _kb_person(self, name: str) -> PersonMatch | None:
        """The knowledge base's person for ``name`` on the article's date, with the
        article's countries to settle an ambiguous key when the knowledge base takes them."""
        if self._person_takes_countries:
            countries = self._article_countries()
            try:
                return self.kb.person(name, self.date, countries=countries)
            except TypeError:
                self._person_takes_countries = False
        return self.kb.person(name, self.date)

    def _article_countries(self) -> tuple[str, ...]:
        """The article's salient countries, most salient first: the caller's, the
        dateline's, then those its mentions so far name most often (worked out again
        only when a mention has added a country)."""
        if self._salient[0] == self._country_mentions:
            return self._salient[1]
        out = list(self.context)
        if self.home:
            out.append(self.home)
        out.extend(c for c, _ in self._countries.most_common(5))
        self._salient = (self._country_mentions, tuple(dict.fromkeys(out)))
        return self._salient[1]

    def _remember(self, actor: Actor, token: Any, *, subject: bool, plural: bool) -> None:
        self.history.append(_Seen(actor, _index(token.doc).sent_start[token.i], token.i, subject, plural))
        if actor.country:
            self._countries[actor.country] += 1
            self._country_mentions += 1
        if actor.kind == "person" and actor.name:
            for name in {actor.name, actor.text}:
                parts = [p for p in name.split() if p.lower().strip(".,") not in _SUFFIXES]
                self._persons[name.lower()] = actor
                if len(parts) > 1:
                    self._persons[parts[-1].lower()] = actor

    def _resolve(self, token: Any, *, subject: bool) -> tuple[Actor, ...]:
        lower = token.lower_
        if (token.pos_ == "PRON" or token.tag_ in {"PRP", "PRP$"}) and (
            token.lower_ in _ALL_PRONOUNS or not token.text[:1].isupper()
        ):
            return self._pronoun(token, subject=subject)  # not a name the tagger took for one ("Lusaka")
        if token.ent_type_ in _NON_ACTOR_ENTS:  # "on Friday", "two days", "$5 million"
            if token.ent_type_ == "CARDINAL" or token.lemma_.lower() in _QUANTITY:
                actor = self._common_noun(token, subject=subject)  # "Thousands of protesters"
                return (actor,) if actor else ()
            return ()
        ent = _ent_span(token)
        named = self._written_name(token, ent)
        if named is not None:
            return (named,)
        if lower in self._acronyms and token.text.isupper() and (ent is None or len(ent) == 1):
            # "the DEA" after "the Drug Enforcement Administration (DEA)"
            return (replace(self._acronyms[lower], text=token.text),)
        if (
            ent is not None and ent.label_ in _ORG_ENTS | _PLACE_ENTS and len(ent) == 1
            and lower in self._persons and not self.kb.country_by_name(token.text)
        ):
            # a surname written in full earlier in the article, whatever the NER calls it
            return (replace(self._persons[lower], text=token.text),)
        if ent is not None and ent.label_ in _PERSON_ENTS:
            if (self.kb.country_by_name(ent.text) or self.kb.country_by_capital(ent.text)) and not self._kb_person(ent.text):
                # a country or capital the NER took for a person ("Sri Lanka": "Sri" is
                # also a title; "La Paz")
                actor = self._named(token, ent, subject=subject)
                if actor:
                    return (actor,)
            actor = self._person(token, ent)
            return (actor,) if actor else ()
        pair = self._pair(token)
        if pair:
            return pair
        if ent is not None and ent.label_ in _ORG_ENTS | _PLACE_ENTS:
            actor = self._named(token, ent, subject=subject)
            if actor:
                return (actor,)
            # the NER often labels a bare surname ORG or GPE ("Kishida paid ...")
            if token.tag_ in {"NNP", "NNPS"} and (self._kb_person(ent.text) or ent.text.lower() in self._persons):
                actor = self._person(token, ent)
                if actor:
                    return (actor,)
        actor = self._common_noun(token, subject=subject)
        if actor:
            return (actor,)
        found = self._from_modifiers(token, subject=subject)
        if found:
            return found
        # A bare proper noun the NER missed: try it as a name ("Moon Jae In": the last
        # syllable tagged a preposition, the words before it a person's)
        if token.tag_ in {"NNP", "NNPS"} or (token.pos_ in {"NOUN", "PROPN"} and token.text[:1].isupper()) or (
            token.text[:1].isupper() and not token.is_sent_start
            and any(t.dep_ == "compound" and t.ent_type_ == "PERSON" for t in token.lefts)
        ):
            actor = self._named(token, None, subject=subject)
            if actor:
                return (actor,)
            # an untagged name: "Ruiz paid ...", "Prime Minister Ana Ruiz"
            names = [t for t in token.lefts if t.dep_ == "compound" and t.tag_ == "NNP" and not self.kb.title(t.lower_)]
            start = min([t.i for t in names], default=token.i)
            # the name is the longest tail the knowledge base or the article knows; the
            # words before it are its title ("National Security Adviser Ajit Doval")
            lead = min([t.left_edge.i for t in names], default=start)
            for first in sorted({start} | {t.i for t in names}):
                span = token.doc[first : token.i + 1]
                title = token.doc[lead:first].text.lower()
                if self._kb_person(span.text) or span.text.lower() in self._persons or (
                    len(span) == 2 and title and (self.kb.title(title) or self.kb.agent(title))
                ):
                    actor = self._person(token, span)
                    if actor:
                        return (actor,)
        if lower in self._persons:
            return (replace(self._persons[lower], text=token.text),)
        return ()

    def _full_name_of_person(self, text: str) -> bool:
        """Whether ``text`` is the full name of someone the dictionary knows (not a
        surname inside a body's name: "State Duma")."""
        match = self._kb_person(text)
        return match is not None and name_key(match.name) == name_key(text)

    def _written_name(self, token: Any, ent: Any) -> Actor | None:
        """A body's name as written, longer than what the parser or the NER made of it
        ("Liberation Tigers of Tamil Eelam", "Lord's Resistance Army", "Doctors Without
        Borders", "the People's Bank of China", "the Russian State Duma"): the longest run
        of name words around the head that the knowledge base knows, the head included.
        Leading nationality words may be left out when they agree with the body's country."""
        if not (token.tag_ in {"NNP", "NNPS"} or (token.pos_ in {"NOUN", "PROPN"} and token.text[:1].isupper())):
            return None
        doc = token.doc
        index = _index(doc)
        sent_start, sent_end = index.sent_start[token.i], index.sent_end[token.i]  # token.sent is slow

        def name_word(t: Any) -> bool:
            return t.text[:1].isupper() or t.tag_ == "POS" or t.text in {"-", "&"} or (
                t.lower_ in _NAME_PARTICLES and t.i + 1 < len(doc) and doc[t.i + 1].text == "-"
            )  # "Hayat Tahrir al-Sham"

        def joiner(i: int) -> bool:  # "of", "for", "without", "de" between two name words
            if sent_start < i < sent_end - 2 and doc[i].lower_ == "of" and doc[i + 1].lower_ == "the":
                return name_word(doc[i - 1]) and doc[i + 2].text[:1].isupper()  # "Republic of the Congo"
            if sent_start < i - 1 and i < sent_end - 1 and doc[i].lower_ == "the" and doc[i - 1].lower_ == "of":
                return name_word(doc[i - 2]) and doc[i + 1].text[:1].isupper()
            return (
                sent_start < i < sent_end - 1 and doc[i].lower_ in _NAME_JOINERS
                and name_word(doc[i - 1]) and doc[i + 1].text[:1].isupper()
            )

        left = token.i
        while left - 1 >= sent_start and (name_word(doc[left - 1]) or joiner(left - 1)) and doc[left - 1].tag_ != "DT":
            left -= 1
        right = token.i
        while right + 1 < sent_end and (name_word(doc[right + 1]) or joiner(right + 1)) and doc[right + 1].pos_ != "VERB":
            right += 1
        if right == left:
            return None

        known: dict[int, str | None] = {}

        def country_of(t: Any) -> str | None:
            if t.i not in known:
                known[t.i] = self.kb.country_by_adjective(t.text) or self.kb.country_by_name(t.text)
            return known[t.i]

        def countries_in(tokens: Any) -> set[str]:
            return {iso for t in tokens if t.tag_ != "POS" and (iso := country_of(t))}

        best = None
        for start in range(left, token.i + 1):
            # the words left out in front must all be nationality words ("the Russian")
            lead = [country_of(t) for t in doc[left:start] if t.tag_ != "POS"]
            lead_ok, lead_iso = None not in lead, set(lead)
            for end in range(right, token.i - 1, -1):
                if end == start and start == left:
                    continue
                if ent is not None and ent.start <= start and end + 1 <= ent.end:
                    return None  # inside the NER's own span: resolved the usual way
                if not lead_ok:
                    continue
                text = index.text(start, end + 1)
                org = self.kb.organization(text)
                if org is None:
                    bank = self._central_bank(text)
                    if bank is not None:
                        return bank
                    if start == left and (iso := self.kb.country_by_name(text)):
                        # a country's long name the NER split ("Democratic Republic" +
                        # "Congo"; "Guinea-Bissau" read as its capital)
                        return make_actor(text, country=iso, role=None, name=text, kind="state")
                    if start == left and (iso := self.kb.country_by_capital(text)) and self._is_agentive(token):
                        # a capital's long name ("Port-au-Prince said"): its government
                        return make_actor(text, country=iso, role="GOV", name=text, kind="state")
                    continue
                if (org.role or "")[:3] == "ELI" or self._full_name_of_person(text):
                    continue  # a person's name ("Jane Roe"), resolved as a person
                if lead_iso and org.country and lead_iso != {org.country}:
                    continue
                tail_iso = countries_in(doc[end + 1 : right + 1])
                if tail_iso and tail_iso != {org.country}:
                    continue  # "Revolutionary Armed Forces" + "of Colombia" is not Cuba's army
                best = org_actor(doc[left : end + 1].text if lead_iso else text, org)
                break
            if best is not None:
                break
        return best

    # -- persons
    def _title_and_country(self, token: Any, stop: int) -> tuple[str | None, str | None, bool, list[Any]]:
        """Title role, nationality and "former" from a person's modifiers (left of ``stop``)."""
        role = country = None
        former = False
        mods = [t for t in _np_tokens(token) if t.i < stop]
        for child in token.children:
            if child.dep_ == "appos":
                mods.extend(child.subtree)
        words = [t for t in mods if t.tag_ not in {"DT", "POS", ","}]
        for t in words:
            if t.lower_ in _FORMER:
                former = True
        # nationality: adjective, possessive country, compound country
        for t in words:
            iso = None
            if t.ent_type_ in {"NORP", "GPE"} or t.tag_ in {"JJ", "NNP", "NNPS"}:
                iso = self.kb.country_by_adjective(t.text) or self.kb.country_by_name(t.text)
                if iso is None and t.ent_type_ == "GPE":
                    span = _ent_span(t)
                    if span is not None:
                        iso = self.kb.country_by_name(span.text)
            if iso:
                country = self._settle(t.text, iso)
                break
        if country is None:
            # "King Hassan of Morocco", "President Smith of Peru"
            for prep in token.rights:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            span = _ent_span(obj)
                            iso = self.kb.country_by_name(span.text if span is not None else obj.text)
                            if iso:
                                country = iso
        # title: the longest run of words that the KB knows as a title
        texts = [
            t.lower_ for t in words
            if t.ent_type_ not in {"NORP", "GPE"} and t.lower_ not in _FORMER and t.tag_ != "HYPH"
        ]
        role = _longest_phrase(texts, self.kb.title, 1)
        if role is None:
            # a title the sector dictionary knows as a phrase: "National Security Adviser X"
            role = _longest_phrase(texts, self.kb.agent, 2)
        if role is None:
            # a sector noun as the title: "activist Joshua Wong", "rebel commander X"
            for t in words:
                if t.pos_ in {"NOUN", "PROPN"} and not t.ent_type_ and (found := self.kb.agent(t.lower_)):
                    role = found
        return role, country, former, words

    def _person(self, token: Any, ent: Any) -> Actor | None:
        # the name as written: "Chan-o-cha", "Jean-Marc" keep their hyphens unspaced
        name = _strip_honorific("".join(t.text_with_ws for t in ent if t.tag_ not in {"POS"}).strip())
        if len(ent) == 1 and (self.kb.country_by_name(name) or self.kb.country_by_capital(name)):
            # "Mali expelled ...": a country name beats a person who shares it
            return self._named(token, ent, subject=token.dep_ in {"nsubj", "nsubjpass"})
        known = self._persons.get(name.lower())
        if known is not None and len(name.split()) == 1:
            # a surname after the full name in this article: "Ferdinand Marcos Jr. ... Marcos"
            return replace(known, text=token.text)
        # Titles the NER swallowed ("Prime Minister Hun Sen")
        head = ent.root if ent.root.i == token.i or token in ent else token
        role, country, former, _ = self._title_and_country(head, ent.start)
        match: PersonMatch | None = self._kb_person(name)
        parts = name.split()
        if match is None and len(parts) >= 2:
            # "Vladimir Putin" for the record "Vladimir Vladimirovich Putin": the surname, if
            # the person it finds bears the first name too
            by_surname = self._kb_person(parts[-1])
            if by_surname is not None and parts[0].lower() in by_surname.name.lower().split():
                match = by_surname
        if match is not None and match.ambiguous:
            match = self._settle_person(name, match)
        known = self._persons.get(name.lower())
        if match is None and known is not None and role is None and country is None:
            return replace(known, text=token.text)
        if match is None and known is None and role is None:
            # the NER calls many bodies and armed groups persons ("Boko Haram", "Hamas")
            body = self._body(ent.text)
            if body is not None:
                return body
        org = self._org_modifier(head, ent.start)
        if org is not None and org.country is None and (role is not None or match is None or country is None):
            # "NATO Secretary General Jens Stoltenberg", "UN envoy X": the holder speaks
            # for the international body, not for their own country
            return org_actor(ent.text, org, name=match.name if match is not None else name, kind="person")
        intl = getattr(match, "code", None) if match is not None else None
        if intl and not former and (role is None or country is None):
            # "Kofi Annan" in 1999, "Mark Rutte" in 2025: an international office held on
            # the date; the holder speaks for the body, not for their own country
            return Actor(text=ent.text, code=intl, country=None, role=None, name=match.name, kind="person",
                         country_source="kb")
        source = "text" if country is not None else None
        if match is not None and country is not None and match.country not in {None, country}:
            match = None  # the text names another country: someone else of that name
        if match is not None:
            if country is None and match.country:
                country, source = match.country, "kb"
            if former:
                role = "ELI"
            elif role is None or match.role in {"GOV", "MIL", "LEG", "JUD"} and role == "GOV" or (
                role in {"MIL", "COP"} and match.role == "GOV"
            ):  # a rank before an office holder's name is not their role ("Colonel Gaddafi")
                role = match.role if match.role else role
            name = match.name
        elif former and country:
            role = "ELI"
        if known is not None and match is None and country is None:
            country, role, source = known.country, known.role or role, known.country_source
        if match is None and country is None and org is not None:
            # "Bank of Japan Governor X": the national body they speak for
            return org_actor(ent.text, org, name=name, kind="person")
        if country is None and role is None:
            return None
        if country is None:
            country, source = self._fallback_country(token)
        return make_actor(ent.text, country=country, role=role, name=name, kind="person", country_source=source)

    def _body(self, text: str) -> Actor | None:
        """An organization or armed group by its name ("Boko Haram", "the Houthis", "Kurds")."""
        org = self.kb.organization(text)
        if org is None and text.endswith("s") and len(text) > 3:
            org = self.kb.organization(text[:-1])  # "the Houthis" -> Houthi
        if org is not None:
            return org_actor(text, org)
        return self._group(text)

    def _group(self, text: str) -> Actor | None:
        """An ethnic or religious group from the knowledge base's group dictionary
        (``kb.group``, when the knowledge base has one): "Kurds", "Shiites"."""
        lookup = getattr(self.kb, "group", None)
        if lookup is None:
            return None
        hit = lookup(text)
        if hit is None:
            return None
        return Actor(text=text, code=hit.code, country=hit.country, role=hit.role, name=hit.name or text,
                     kind="group", country_source="kb" if hit.country else None)

    def _fallback_country(self, token: Any) -> tuple[str | None, str | None]:
        """The country of an actor whose phrase names none ("police", "the foreign
        minister"), with how it was found: the place the sentence names (``text``), the
        dateline (``dateline``), else the country the article's earlier sentences name most
        (``article``)."""
        sent = token.sent
        places = []
        for prep in sent:
            if prep.dep_ == "prep" and prep.lower_ in _PLACE_PREPS and (
                prep.head.pos_ in {"VERB", "AUX"} or prep.head.i == token.i
            ):
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        places.extend(self._places_in(obj))
        if len(set(places)) == 1:
            return places[0], "text"
        if self.home:
            return self.home, "dateline"
        if self.context:
            return self.context[0], "article"
        start = _index(token.doc).sent_start[token.i]
        earlier = Counter(s.actor.country for s in self.history if s.sentence < start and s.actor.country)
        # the article's own country: named at least twice, and clearly more than any other,
        # in the sentences before, else in the whole article (its places and peoples)
        for counts in (earlier, self._survey(token.doc)):
            ranked = counts.most_common(2)
            if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] >= 1.5 * ranked[1][1]):
                return ranked[0][0], "article"
        return None, None

    def _places_in(self, obj: Any) -> list[str]:
        """The countries of the place a prepositional object names: a country, capital or
        city ("in Mombasa"), or a place word with one ("in the capital city of Bishkek",
        "in the southern Thailand province of Narathiwat", "around Harare, Zimbabwe")."""
        names = []
        if obj.ent_type_ in {"GPE", "LOC", "FAC"}:
            names.append(obj)
        elif obj.pos_ == "NOUN":
            for t in obj.subtree:
                if t.ent_type_ == "GPE" and t.dep_ in {"pobj", "compound", "appos", "nmod"} and t.i != obj.i:
                    names.append(t)
        out = []
        for t in names:
            span = _ent_span(t)
            text = span.text if span is not None else t.text
            iso = self.kb.country_by_name(text) or self.kb.country_by_capital(text)
            if iso is None and self.place_country is not None:
                iso = self.place_country(text)  # "police in Mombasa"
            if iso:
                out.append(iso)
        return out

    def _survey(self, doc: Any) -> Counter[str]:
        """How often the article names each country: its countries, capitals and
        nationality words (GPE and NORP entities), counted once per article."""
        if self._survey_counts is None or self._survey_doc is not doc:
            counts: Counter[str] = Counter()
            for ent in _index(doc).ent_list:
                if ent.start_char < self.skip_before or ent.label_ not in {"GPE", "NORP"}:
                    continue
                text = ent.text
                iso = self.kb.country_by_name(text) or self.kb.country_by_adjective(text) or self.kb.country_by_capital(text)
                if iso:
                    counts[iso] += 1
            self._survey_counts, self._survey_doc = counts, doc
        return self._survey_counts

    def _org_modifier(self, token: Any, stop: int) -> Any:
        """An organization named before a person or in their apposition, or None."""
        mods = [t for t in _np_tokens(token) if t.i < stop]
        for child in token.children:
            if child.dep_ == "appos":
                mods.extend(child.subtree)
        for t in mods:
            span = _ent_span(t)
            if span is not None and span.label_ == "ORG":
                org = self.kb.organization(span.text)
                if org is not None:
                    return org
        return None

    # -- named places and organizations
    def _named(self, token: Any, ent: Any, *, subject: bool) -> Actor | None:
        text = ent.text if ent is not None else token.text
        if text[-1:] in {"'", "’"} and len(text) > 2:
            text = text[:-1].rstrip()  # the NER's span took the possessive: "the United States'"
        if token.tag_ in {"NNPS", "NNS"} and (people := self._residents(token, text)) is not None:
            return people
        org = self.kb.organization(text)
        nationality = None
        if org is None and (bank := self._central_bank(text)) is not None:
            return bank  # "the People's Bank of China": the state's bank, not the "Bank of China" in it
        if org is None and ent is not None and ent.label_ == "ORG" and len(ent) > 1:
            # the longest known tail: "Geneva-based Human Rights Watch" -> Human Rights Watch
            for i in range(1, len(ent)):
                lead = [t for t in ent[:i] if t.tag_ != "DT"]
                nationality = next((iso for t in lead if (iso := self.kb.country_by_adjective(t.text))), None)
                if i == len(ent) - 1 and len(ent) == 2 and nationality is None:
                    break  # a two-word name keeps its first word unless it is a nationality
                if any(t.lower_ in _STATE_LEVELS for t in lead):
                    # "the National Security Council" is a state's body, not the UN's
                    tail = self.kb.organization(ent[i:].text)
                    if tail is not None and tail.code.startswith("IGO"):
                        iso, source = (nationality or self._np_country(token), "text")
                        if not iso:
                            iso, source = self._fallback_country(token)
                        return make_actor(text, country=iso, role="GOV", name=text, kind="group", country_source=source)
                    break
                org = self.kb.organization(ent[i:].text)
                if org is not None:
                    text = ent[i:].text if nationality is None else text
                    break
        if org is None and ent is not None and ent.label_ in {"ORG", "FAC", "GPE"} and not _CENTRAL_BANK.match(text):
            # "The Central Bank" + "of Kenya": the parser split the name (the last "of" counts)
            objects = [obj for prep in token.children if prep.dep_ == "prep" and prep.lower_ == "of"
                       for obj in prep.children if obj.dep_ == "pobj"]
            if objects:
                span = _ent_span(objects[-1])
                bank = self._central_bank(text, full=f"{text} of {span.text if span is not None else objects[-1].text}")
                if bank is not None:
                    return bank
        if org is None and ent is not None and ent.label_ in {"ORG", "NORP", "PERSON"}:
            iso = nationality or self._np_country(token)
            iso = iso or self._party_country(ent.text)
            party = self._national_party(token, iso) if iso else None
            if party is not None:  # "Japan's Liberal Democratic Party", "Germany's Social Democrats"
                return party
        if org is not None and nationality is None and (org.role or "")[:3] == "PTY" and (where := getattr(self.kb, "party_countries", None)):
            found = where(text)
            if found and org.country not in found:
                # a name the governing-party table gives other countries' parties ("the
                # Labour Party"): theirs, by the phrase or the article, else no country
                iso = self._np_country(token) or self._party_country(text)
                party = self._national_party(token, iso) if iso else None
                return party or make_actor(text, country=iso, role="PTY", name=text, kind="organization")
        if org is not None and nationality is None and org.country and org.role and org.role[:3] in {"PTY", "MIL", "COP", "LEG", "OPP"}:
            # "Britain's Labour Party", "Ghana's Supreme Court": a name several countries'
            # bodies bear belongs to the country the phrase names
            nationality = self._np_country(token)
        if org is not None:
            if nationality and org.country and nationality != org.country and org.role:
                # "the Pakistani Taliban": the group's sector in the country the text names
                return make_actor(text, country=nationality, role=org.role, name=text, kind="organization")
            return org_actor(text, org)
        if (ent is None or ent.label_ in {"NORP", "PERSON", "LOC", "GPE"}) and not self.kb.country_by_name(text):
            body = self._body(text)  # "the Houthis", "Kurds", "Boko Haram" as NORP or GPE
            if body is not None and body.kind == "group" and body.country is None and (
                iso := next((c for m in token.lefts if m.dep_ in {"amod", "compound"} and m.i < token.i
                             and (c := self.kb.country_by_adjective(m.text))), None)
            ):
                # "Iraqi Kurds", "Lebanese Shiites": a people of a country are its civilians
                return make_actor(text, country=iso, role="CVL", name=text, kind="group", country_source="text")
            if body is not None:
                return body
        # "Somalis" is listed as a name of Somalia too; as the plural of a demonym it is people
        demonym_plural = (
            text.endswith("s") and not text.endswith("ss") and len(text) > 4
            and self.kb.country_by_adjective(text) is not None and self.kb.country_by_adjective(text[:-1]) is not None
            and not self._is_country_own_name(text)
        )
        iso = None if demonym_plural else self._settle(text, self.kb.country_by_name(text))
        if iso:
            return make_actor(text, country=iso, role=None, name=text, kind="state")
        iso = self.kb.country_by_capital(text)
        if iso and (subject or ent is None or ent.label_ == "GPE") and self._is_agentive(token):
            return make_actor(text, country=iso, role="GOV", name=text, kind="state")
        if (ent is None and token.text[:1].isupper()) or (ent is not None and ent.label_ in {"NORP", "GPE", "LOC"}):
            iso = self.kb.country_by_adjective(text)
            # a demonym in the plural names people of the country ("three Palestinians
            # were killed", "Afghans protested"): civilians, not the state; "the Swiss",
            # "the Japanese" (no plural form) stay the country
            plural = demonym_plural or (
                text.endswith("s") and len(text) > 4 and not self.kb.country_by_name(text)
                and (self.kb.country_by_adjective(text[:-1]) is not None
                     or (token.tag_ in {"NNS", "NNPS"} and not text.endswith("ss")))
            )
            if iso is None and plural:
                iso = self.kb.country_by_adjective(text[:-1])  # "Palestinians" -> Palestinian
            if iso and (plural or token.tag_ in {"NNPS", "NNP", "NNS"}):  # "the Japanese", "Filipinos"
                return make_actor(text, country=iso, role="CVL" if plural else None, name=text, kind="group")
        if ent is not None and ent.label_ in {"ORG", "FAC"}:
            # "the Royal Cambodian Navy", "Japan's Foreign Ministry", "Thai Army"
            country = None
            role = None
            for t in ent:
                iso = self.kb.country_by_adjective(t.text) or self.kb.country_by_name(t.text)
                if iso and country is None:
                    country = iso
                agent = self.kb.agent(t.lemma_.lower()) or self.kb.agent(t.lower_)
                if agent:
                    role = agent
            source = "text"
            if country is None:
                country = self._np_country(token)
            if role:
                if country is None:
                    country, source = self._fallback_country(token)
                return make_actor(text, country=country, role=role, name=text, kind="group", country_source=source)
        return None

    def _residents(self, token: Any, text: str) -> Actor | None:
        """A people living in another country is that country's civilians, as CAMEO codes
        a minority by where it lives: a plural demonym with an *of* phrase ("the Albanians
        *of southern Serbia*"), or with "ethnic" and a place in the phrase or the sentence
        ("ethnic Albanians *in Macedonia*", "ethnic Turks protested *in Sweden*") -> SRBCVL,
        MKDCVL, SWECVL.  Nationals abroad stay their country's ("Syrians in Lebanon"); None
        for a people in its own country, or with no such place."""
        if not text.endswith("s"):
            return None
        home = self.kb.country_by_adjective(text[:-1]) or self.kb.country_by_adjective(text)
        if home is None:
            return None
        ethnic = any(c.lower_ == "ethnic" for c in token.children if c.dep_ in {"amod", "compound"})
        places = [
            iso for p in token.children if p.dep_ == "prep" and (p.lower_ == "of" or (ethnic and p.lower_ == "in"))
            for o in p.children if o.dep_ == "pobj" for iso in self._places_in(o)
        ]
        if not places and ethnic:
            country, source = self._fallback_country(token)
            places = [country] if country and source == "text" else []
        if len(set(places)) != 1 or places[0] == home:
            return None
        return make_actor(text, country=places[0], role="CVL", name=text, kind="group", country_source="text")

    def _central_bank(self, text: str, *, full: str | None = None) -> Actor | None:
        """A country's central bank by the form of its name ("the Reserve Bank of India",
        "the Bank of Japan", "the People's Bank of China"): the state's, ``GOVBUS``;
        ``full`` is the name when the parser split it ("The Central Bank" + "of Kenya")."""
        bank = _CENTRAL_BANK.match(full or text)
        iso = self.kb.country_by_name(bank.group(1)) if bank is not None else None
        if iso is None:
            return None
        return make_actor(text, country=iso, role="GOVBUS", name=text, kind="organization", country_source="text")

    def _party_country(self, text: str) -> str | None:
        """The country of a party named without one: the only country with a party of
        that name ("the Republican Party"), or the article's own among several ("Labour"
        in a British story)."""
        where = getattr(self.kb, "party_countries", None)
        found = where(text) if where is not None else ()
        salient = [c for c in self._article_countries() if c in found]
        return salient[0] if salient else found[0] if len(found) == 1 else None

    def _national_party(self, token: Any, iso: str) -> Actor | None:
        """The party of ``iso`` that the noun phrase of ``token`` names by one of its
        names, local ones included ("Congress party" with India, "Social Democrats" with
        Germany), when the knowledge base lists that country's parties."""
        lookup = getattr(self.kb, "party", None)
        if lookup is None:
            return None
        tokens = sorted(_np_tokens(token), key=lambda t: t.i)
        words = [t.text for t in tokens if t.i <= token.i and t.tag_ != "POS"]
        org = lookup(iso, " ".join(words))
        return org_actor(token.doc[tokens[0].i : token.i + 1].text, org) if org is not None else None

    def _is_country_own_name(self, text: str) -> bool:
        """Whether ``text`` is a country's own (short) name ("Bahamas"), not an alias."""
        iso = self.kb.country_by_name(text)
        record = getattr(self.kb, "countries", {}).get(iso) if iso else None
        name = record[0] if isinstance(record, tuple) and record else record if isinstance(record, str) else None
        if not name:
            return False
        folded = text.lower().removeprefix("the ").strip()
        return folded in {name.lower(), name.lower().removeprefix("the ").strip(), name.split(",")[0].lower()}

    @staticmethod
    def _is_agentive(token: Any) -> bool:
        """A capital stands for its government when it acts: subject, agent, object of a verb."""
        return token.dep_ in {"nsubj", "nsubjpass", "pobj", "dobj", "conj", "poss", "appos"}

    # -- common nouns: sectors, role nouns, generic states
    def _np_country(self, token: Any) -> str | None:
        mods = [t for t in _np_tokens(token) if t.i != token.i]
        for a, b in zip(mods, mods[1:]):
            if b.i == a.i + 1 and a.text[:1].isupper() and b.text[:1].isupper():
                # two words that name the country together: "Sri Lankan", "New Zealand"
                pair = f"{a.text} {b.text}"
                iso = self.kb.country_by_adjective(pair) or self.kb.country_by_name(pair)
                if iso:
                    return self._settle(pair, iso)
        for t in mods:
            iso = self.kb.country_by_adjective(t.text) or self.kb.country_by_name(t.text)
            if iso is None and t.ent_type_ in {"GPE", "NORP"}:
                # a name of several words: "South African", "Sri Lankan", "New Zealand"
                span = _ent_span(t)
                if span is not None:
                    iso = self.kb.country_by_name(span.text) or self.kb.country_by_adjective(span.text)
            if iso:
                return self._settle(t.text, iso)
        if token.dep_ == "conj" and token.head.pos_ in {"NOUN", "PROPN"} and token.head.i < token.i:
            # "Iraqi police and soldiers": the conjuncts share the nationality
            for t in _np_tokens(token.head):
                if t.i != token.head.i and t.dep_ in {"amod", "compound", "poss"}:
                    iso = self.kb.country_by_adjective(t.text) or self.kb.country_by_name(t.text)
                    if iso:
                        return self._settle(t.text, iso)
        for child in token.rights:  # "the government of Japan", "police in Bangkok"
            if child.dep_ == "prep" and child.lower_ in {"of", "in"}:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        span = _ent_span(obj)
                        text = span.text if span is not None else obj.text
                        iso = self.kb.country_by_name(text) or self.kb.country_by_capital(text)  # "the Government of Madrid"
                        if iso:
                            return iso
        if token.lemma_.lower() in _LEADER_BODIES:
            # "the Obama administration", "the Trudeau government", "Mugabe's government":
            # the leader's country, whether or not they hold office on the article's date
            for t in [*mods, *(c for c in token.lefts if c.dep_ == "poss")]:
                if t.dep_ in {"compound", "poss"} and t.pos_ == "PROPN" and t.ent_type_ == "PERSON":
                    span = _ent_span(t)
                    match = self._kb_person(span.text if span is not None else t.text)
                    if match is not None and not match.ambiguous and match.country:
                        return match.country
        return None

    def _common_noun(self, token: Any, *, subject: bool) -> Actor | None:
        if token.pos_ not in {"NOUN", "PROPN", "NUM"}:
            return None
        lemma = token.lemma_.lower()
        if lemma in _NAMED_HEADS and token.pos_ == "NOUN":
            # "the Islamist group al Shabaab", "the militant group Hamas" (the parser may
            # make the name a second subject): the name says who
            names = [c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN" and c.i == token.i + 1 + sum(
                1 for t in token.doc[token.i + 1 : c.i] if t.dep_ == "compound")]
            after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
            if after is not None and after.pos_ == "PROPN" and after.dep_ == token.dep_ and after.head.i == token.head.i:
                names.append(after)
            # "the Islamic State group", "the Abu Sayyaf group": the name before the head
            names += [c for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i == token.i - 1]
            for name in names:
                found = self.resolve(name, subject=subject)
                if found and found[0].kind != "person":  # "the Wagner group" is no Mr Wagner
                    return replace(found[0], text=token.text)
        if lemma in _QUANTITY or token.pos_ == "NUM":
            # "thousands of protesters", "a group of soldiers", "dozens of police"
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            found = self.resolve(obj, subject=subject)
                            return found[0] if found else None
            return None
        country = self._np_country(token)
        if lemma == "party" and token.i > 0 and token.doc[token.i - 1].text[:1].isupper():
            # "India's Congress party", "the Republican Party"
            iso = country or self._party_country(token.doc[token.left_edge.i : token.i + 1].text)
            party = self._national_party(token, iso) if iso else None
            if party is not None:
                return party
        former = any(t.lower_ in _FORMER for t in token.lefts)
        in_name = token.pos_ == "PROPN" and (ent := _ent_span(token)) is not None and len(ent) > 1
        if (
            lemma in _GENERIC_STATE and token.tag_ in {"NN", "NNP"} and not in_name
            and any(t.lower_ == "the" for t in token.lefts)
        ):
            # "the country", "the Kingdom": the dateline's country, else the one named most
            # before it ("the Islamic State" is a name, not a state)
            iso, source = (country, "text") if country else (self._salient_country(token), "dateline" if self.home else "article")
            return make_actor(token.text, country=iso, role=None, kind="state", country_source=source) if iso else None
        if token.pos_ == "PROPN":
            ent = _ent_span(token)
            if ent is not None and len(ent) > 1:
                return None  # a word of an unknown name ("the Ceasefire Violations Committee")
        if lemma in _GROUP_HEADS:
            # "leaders of Romania's new government", "members of the opposition",
            # "a spokesman for Hamas"
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ in {"of", "for"}:
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            found = self.resolve(obj, subject=subject)
                            if found and found[0].kind == "state" and found[0].role is None and found[0].country:
                                # "the government of Japan", "leaders of Romania": the
                                # head's own sector with the country it names
                                own = self.kb.agent(lemma) or self.kb.title(lemma)
                                if own:
                                    return make_actor(token.text, country=found[0].country, role=own, kind="group",
                                                      country_source=found[0].country_source)
                            if found and found[0].kind != "person":
                                return replace(found[0], text=token.text)
        if country is None:
            # "European Community foreign ministers", "UN peacekeepers", "Houthi forces",
            # "Peshmerga fighters" (a group's name the parser tags NORP or not at all)
            for mod in _np_tokens(token):
                if mod.i < token.i and mod.dep_ in {"compound", "nmod", "poss"} and (
                    mod.ent_type_ in {"ORG", "NORP"} or (mod.pos_ == "PROPN" and not mod.ent_type_)
                ):
                    span = _ent_span(mod)
                    org = self.kb.organization(span.text if span is not None else mod.text)
                    if org is None and mod.pos_ == "PROPN" and mod.left_edge.i < mod.i:
                        # "the Islamic State militants": the name's own compounds with it
                        org = self.kb.organization(token.doc[mod.left_edge.i : mod.i + 1].text)
                    if org is not None:
                        return org_actor(token.text, org)
        surface = token.lower_
        role = self.kb.agent(lemma) or self.kb.title(lemma) or self.kb.agent(surface)
        compound = " ".join(t.lower_ for t in _np_tokens(token) if t.dep_ == "compound" and not t.ent_type_)
        # the title or body written as modifiers: "national security advisor", "central
        # bank", "foreign ministry spokesperson", "state media" (country words left out)
        written = " ".join(
            t.lower_ for t in _np_tokens(token)
            if t.i < token.i and t.dep_ in {"compound", "amod"} and not t.ent_type_ and t.pos_ in {"NOUN", "ADJ", "PROPN", "VERB"}
            and t.lower_ not in _FORMER and not self.kb.country_by_adjective(t.text) and not self.kb.country_by_name(t.text)
        )
        for mods in dict.fromkeys([written, compound]):
            if mods:
                hit = (
                    self.kb.agent(f"{mods} {surface}") or self.kb.agent(f"{mods} {lemma}")
                    or self.kb.title(f"{mods} {lemma}")
                )
                if hit:
                    role = hit
                    break
        if role is None:
            return None
        if role == "MED" and any(t.lower_ in _STATE_MEDIA for t in _np_tokens(token) if t.i < token.i):
            role = "GOVMED"  # "state television", "state-run media": the government's voice
        if lemma in _LEADER_NOUNS and country is None and not compound and token.tag_ == "NN":
            # "the premier", "his Japanese counterpart": a person seen before
            ref = self._recent(
                token, lambda s: s.actor.kind == "person" and s.actor.role in {"GOV", "ELI", role}, subject_first=True
            )
            if ref is not None:
                return replace(ref, text=token.text)
        if former:
            role = "ELI"
        source = "text"
        if country is None:
            country, source = self._fallback_country(token)
        return make_actor(token.text, country=country, role=role, kind="group", country_source=source)

    def _from_modifiers(self, token: Any, *, subject: bool) -> tuple[Actor, ...]:
        """A non-actor head whose modifiers name the actor: "the APEC forum", "the Turkish
        and Greek sides", "Leaders of the opposition coalition", "members of the union"."""
        lemma = token.lemma_.lower()
        if token.pos_ not in {"NOUN", "PROPN"} or lemma in _PLACE_HEADS or (subject and lemma in _NOT_ACTOR_HEADS):
            return ()
        found: list[Actor] = []
        for mod in token.lefts:
            if mod.dep_ not in {"amod", "compound", "nmod"}:
                continue
            for m in [mod] + [c for c in mod.children if c.dep_ == "conj"]:
                if m.ent_type_ in {"NORP", "GPE"} or m.tag_ in {"JJ", "NNP", "NNPS"}:
                    span = _ent_span(m)
                    text = span.text if span is not None else m.text
                    org = self.kb.organization(text)
                    iso = (
                        self.kb.country_by_adjective(m.text) or self.kb.country_by_name(m.text)
                        or self.kb.country_by_name(text)  # "the United States" as one entity
                    )
                    if org is not None:
                        found.append(org_actor(token.text, org))
                    elif iso:
                        role = self.kb.agent(token.lemma_.lower()) or self.kb.title(token.lemma_.lower())
                        found.append(make_actor(token.text, country=iso, role=role, kind="group"))
        if not found and token.lemma_.lower() in _GROUP_HEADS:
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    for obj in prep.children:
                        if obj.dep_ == "pobj":
                            found.extend(self.resolve(obj, subject=subject))
        unique: dict[str, Actor] = {}
        for a in found:
            unique.setdefault(a.code, a)
        return tuple(unique.values())

    def _settle_person(self, name: str, match: PersonMatch) -> PersonMatch:
        """Two people fit the name on that date: prefer the one whose country the article
        is about (its dateline, its other mentions)."""
        best, best_score = match, -1
        for candidate in match.candidates[:5]:
            other = self._kb_person(candidate)
            if other is None or other.country is None:
                continue
            score = (
                self._countries[other.country] + (3 if other.country == self.home else 0)
                + (3 if other.country in self.context else 0)
            )
            if score > best_score:
                best, best_score = other, score
        if best_score <= 0:
            log.info("ambiguous person %r: %s; kept %s", name, ", ".join(match.candidates), match.name)
            return match
        return best

    def _settle(self, text: str, iso: str | None) -> str | None:
        """An ambiguous country word ("Korean", "Congolese") settled by the article: the
        candidate named most often so far, or the dateline's country; else the default."""
        candidates = self.kb.country_candidates(text)
        if iso is None or len(candidates) < 2:
            return iso
        ranked = sorted(candidates, key=lambda c: (-self._countries[c] - (2 if c == self.home else 0), candidates.index(c)))
        if self._countries[ranked[0]] == 0 and ranked[0] != self.home:
            log.info("ambiguous %r: %s; kept the default %s", text, "/".join(candidates), iso)
            return iso
        return ranked[0]

    def _salient_country(self, token: Any = None) -> str | None:
        if self.home:
            return self.home
        if self.context:
            return self.context[0]
        if token is not None:
            earlier = Counter(s.actor.country for s in self.history if s.token < token.i and s.actor.country)
            return earlier.most_common(1)[0][0] if earlier else None
        if self._countries:
            return self._countries.most_common(1)[0][0]
        return None

    def _pair(self, token: Any) -> tuple[Actor, ...]:
        """"the two countries", "both leaders", "the two prime ministers" -> two actors."""
        if token.tag_ not in {"NNS", "NNPS"}:
            return ()
        if not any(t.lower_ in _PAIR_WORDS for t in token.lefts):
            return ()
        kind = _PAIR_NOUNS.get(token.lemma_.lower())
        if kind is None and self.kb.title(token.lemma_.lower()) is None:
            return ()
        kind = kind or "person"
        picked: list[Actor] = []
        earlier = self._earlier(token)
        # the most often mentioned ones first (salience), the latest first among equals
        weight: Counter[str] = Counter()
        for seen in earlier:
            weight[seen.actor.country if kind == "state" else seen.actor.code] += 1
        order = {id(s): i for i, s in enumerate(earlier)}
        earlier.sort(key=lambda s: (-weight[s.actor.country if kind == "state" else s.actor.code], order[id(s)]))
        for seen in earlier:
            actor = seen.actor
            if kind == "person" and actor.kind != "person":
                continue
            if kind == "state" and actor.country is None:
                continue
            key = actor.country if kind == "state" else actor.code
            if any((a.country if kind == "state" else a.code) == key for a in picked):
                continue
            if kind == "state":
                actor = make_actor(actor.country, country=actor.country, role=None, kind="state", country_source=actor.country_source)
            picked.append(replace(actor, text=token.text))
            if len(picked) == 2:
                return tuple(reversed(picked))
        return ()

    # -- pronouns
    def _speaker(self, token: Any) -> Actor | None:
        """Who says a quote containing ``token``: the subject of a speech verb of this
        sentence or of the next one ("... frameworks," Hun Sen said)."""
        sent = token.sent
        doc = token.doc
        sents = [sent]
        if sent.end < len(doc):
            sents.append(doc[sent.end].sent)
        for s in sents:
            for verb in s:
                if verb.lemma_ not in _SPEECH or verb.pos_ not in {"VERB", "AUX"}:
                    continue
                for subj in verb.children:
                    if subj.dep_ == "nsubj" and subj.lower_ not in _SELF and subj.i != token.i:
                        found = self.resolve(subj, subject=True)
                        if found:
                            return found[0]
        return None

    def _earlier(self, token: Any) -> list[_Seen]:
        """Remembered mentions before ``token``, latest first (by position, not call order)."""
        seen = [s for s in self.history if s.token < token.i]
        seen.sort(key=lambda s: s.token, reverse=True)
        return seen

    def _recent(self, token: Any, pred: Any, *, subject_first: bool = False) -> Actor | None:
        seen = self._recent_seen(token, pred, subject_first=subject_first)
        return seen.actor if seen is not None else None

    def _recent_seen(self, token: Any, pred: Any, *, subject_first: bool = False) -> _Seen | None:
        candidates = [s for s in self._earlier(token) if pred(s)]
        if not candidates:
            return None
        if subject_first:
            # Prefer the latest subject among the latest few mentions (salience).
            for s in candidates[:6]:
                if s.subject:
                    return s
        return candidates[0]

    def _written(self, token: Any, seen: _Seen) -> str:
        """The words that name a pronoun's referent in the event's sentence: "Farc said it
        will release X" has Farc as the source, as a reader (and an analyst reading the
        event) sees it; a referent of an earlier sentence keeps the pronoun's own word."""
        if (
            token.lower_ in _SUBJECT_PRONOUNS and token.dep_ in {"nsubj", "nsubjpass"}
            and seen.sentence == _index(token.doc).sent_start[token.i] and seen.actor.text
        ):
            return seen.actor.text
        return token.text

    def _pronoun(self, token: Any, *, subject: bool) -> tuple[Actor, ...]:
        lower = token.lower_
        if lower in _PRONOUNS_PERSON:
            exclude: set[str] = set()
            if token.dep_ in {"dobj", "pobj", "dative"}:
                # "him" is not the subject of its own clause
                verb = token.head if token.dep_ != "pobj" else token.head.head
                for child in verb.children:
                    if child.dep_ in {"nsubj", "nsubjpass"} and child.i in self._cache:
                        for a in self._cache[child.i]:
                            exclude.add(a.name or a.code)
            candidates = [
                s for s in self._earlier(token)
                if s.actor.kind == "person" and (s.actor.name or s.actor.code) not in exclude
            ]
            if not candidates:
                return ()
            pick = candidates[0]
            if lower in {"he", "she"}:
                for s in candidates[:6]:
                    if s.subject:
                        pick = s
                        break
            unknown = [i for i, subj in self._unknown if pick.token < i < token.i and (subj or lower not in {"he", "she"})]
            if unknown:
                return ()  # the pronoun most likely refers to the uncodable person
            return (replace(pick.actor, text=self._written(token, pick)),)
        if lower in _PRONOUNS_PLURAL:
            earlier = [s for s in self._earlier(token) if s.plural or s.actor.kind in {"group", "state", "organization"}]
            if earlier:
                first = earlier[0]
                if lower == "their":
                    # "prisoners rioted in Israel, setting fire to their mattresses": a
                    # possessive is mostly its clause's subject's
                    first = next((s for s in earlier[:6] if s.subject and s.plural), first)
                group = [s.actor for s in self.history if s.token == first.token]
                text = self._written(token, first) if len(group) == 1 else token.text
                return tuple(replace(a, text=text) for a in group)
            return ()
        if lower in _SELF:
            speaker = self._speaker(token)
            if speaker is None:
                return ()
            if lower in {"we", "us", "our"} and speaker.kind == "person":
                # "we will continue", said by a leader: the leader's country
                if speaker.country is None:
                    return ()
                speaker = make_actor(token.text, country=speaker.country, role=speaker.role if speaker.role == "GOV" else None, kind="state", country_source=speaker.country_source)
            return (replace(speaker, text=token.text),) if speaker else ()
        if lower in _PRONOUNS_THING:
            seen = self._recent_seen(token, lambda s: s.actor.kind in {"state", "organization"})
            return (replace(seen.actor, text=self._written(token, seen)),) if seen else ()
        return ()
