"""Where an event happened: place mentions, attachment to the event's verb, geocoding.

:func:`resolve_event_place` picks, in this order (``Place.source`` records which):

1. ``sentence``: a place entity (GPE, LOC, FAC) attached to the event's verb (or event
   noun) by a locative preposition ("met ... *in Tokyo*", "docked *at the port of
   Sihanoukville*", "clashes *near Government House in Bangkok*"), or the object of a
   movement/attack verb ("visited *Hanoi*"), or a compound of an event noun ("the *Gaza*
   clashes"); the path from the place up to the verb must not cross the clause of
   another verb (``ccomp``, ``advcl``, ``conj`` ...; participles such as "the funeral
   *held* in Tokyo" are let through).  Places merely mentioned elsewhere in the
   sentence are not used;
2. ``dateline``: the article's dateline (``Article.dateline``);
3. ``actor``: the target's country (its reference point).

Names are geocoded offline with :class:`Gazetteer` (GeoNames data compacted by
``tools/build_gazetteer.py`` plus the hand-kept ``data/features.tsv``).  An ambiguous
name is settled by the countries named in the same sentence, then by the article's
countries (``context_countries``), then by population and feature type (country >
capital > city; a province only when written as one).  When the two best readings lie
in different countries and score within :data:`AMBIGUITY_MARGIN` of each other, the
name is *left unresolved*: the Place keeps the name as written and has no canonical
name, country or coordinates.  A place name that the document also uses as a person's
name (a PERSON entity, e.g. "Jordan" in "Michael Jordan") is not a place.

spaCy is never imported: sentences, tokens and entities are used by duck typing.
"""

from __future__ import annotations

import gzip
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import ResourceNotFound
from ..model import Article, Place

__all__ = [
    "Gazetteer",
    "GazetteerEntry",
    "Resolution",
    "load_gazetteer",
    "normalize_name",
    "resolve_event_place",
    "resolve_place_name",
    "DATA_DIR",
    "AMBIGUITY_MARGIN",
]

DATA_DIR = Path(__file__).resolve().parent / "data"
GAZETTEER_FILE = "gazetteer.tsv.gz"
FEATURES_FILE = "features.tsv"

#: readings from different countries closer than this (in score points) are ambiguous
AMBIGUITY_MARGIN = 0.5

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# preposition -> penalty (0: plainly locative; higher: direction or origin)
_LOC_PREPS = {
    "in": 0.0, "at": 0.0, "near": 0.0, "outside": 0.0, "inside": 0.0, "within": 0.0,
    "off": 0.0, "across": 0.2, "around": 0.2, "throughout": 0.2,
    "along": 0.3, "over": 0.5, "through": 0.5, "into": 0.5, "by": 0.6,
    "to": 0.8, "toward": 1.0, "towards": 1.0, "from": 1.0, "beyond": 1.0,
}
# verbs whose direct object is where the event happens
_PLACE_OBJECT_VERBS = frozenset(
    "visit tour enter invade reach attack bomb shell strike raid storm occupy capture seize "
    "hit besiege overrun liberate blockade patrol land".split()
)
# a verb on the path with one of these relations heads another clause: not ours
_CLAUSAL = frozenset({"ccomp", "xcomp", "advcl", "conj", "parataxis", "csubj", "csubjpass"})
# relations a place may hang from below its locative preposition ("the town of X")
_TRANSPARENT = frozenset({"pobj", "prep", "appos", "conj", "compound", "nmod", "amod", "cc"})
_FEATURE_NOUNS = frozenset(
    "port harbor harbour base naval airbase airfield island islands strait sea gulf bay".split()
)
_ADMIN_WORDS = ("province", "state", "governorate", "region", "prefecture", "oblast",
                "district", "county", "department", "territory")
_STRIP_PREFIXES = ("town of ", "city of ", "village of ", "port of ", "capital ",
                   "province of ", "state of ", "region of ", "district of ",
                   "governorate of ", "island of ", "north ", "south ", "east ", "west ",
                   "northern ", "southern ", "eastern ", "western ", "central ")
_STRIP_SUFFIXES = (" city", " town", " village", " capital")
_FEATURE_RANK = {"country": 3.0, "continent": 2.0, "city": 0.0, "admin1": -0.5}
_FEATURE_POP = 1_000_000  # population proxy for hand-kept features


def normalize_name(name: str) -> str:
    """The lookup key of a place name: no accents, lower case, no dots/hyphens, no "the"."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'").replace("\u2018", "'").lower()
    text = re.sub(r"[.\u00b7]", "", text)
    text = re.sub(r"[\-\u2010-\u2015_/]", " ", text)
    text = re.sub(r"'s$", "", text.strip())
    text = " ".join(text.split())
    if text.startswith("the "):
        text = text[4:]
    return text


class GazetteerEntry(NamedTuple):
    """One place of the gazetteer."""

    feature: str  # country | admin1 | city | continent | port | sea | ...
    name: str  # canonical name
    country: str | None  # ISO3
    admin1: str | None
    lat: float
    lon: float
    population: int
    capital: bool
    key: str  # normalised canonical name


@dataclass(frozen=True, slots=True)
class Resolution:
    """The outcome of looking a name up: the best entry, or why there is none."""

    entry: GazetteerEntry | None
    ambiguous: bool = False
    score: float = 0.0


class Gazetteer:
    """An in-memory gazetteer: entries plus an index from normalised names to entries."""

    __slots__ = ("entries", "_index", "_countries")

    def __init__(self, entries: Iterable[tuple[GazetteerEntry, Sequence[str]]] = ()) -> None:
        self.entries: list[GazetteerEntry] = []
        self._index: dict[str, list[int]] = {}
        self._countries: dict[str, int] = {}
        for entry, keys in entries:
            self.add(entry, keys)

    def add(self, entry: GazetteerEntry, keys: Sequence[str] = ()) -> None:
        """Add one entry, findable under its name and ``keys`` (already normalised)."""
        i = len(self.entries)
        self.entries.append(entry)
        index = self._index
        for key in (entry.key, *keys):
            bucket = index.get(key)
            if bucket is None:
                index[key] = [i]
            elif bucket[-1] != i:
                bucket.append(i)
        if entry.feature == "country" and entry.country:
            self._countries.setdefault(entry.country, i)

    def __len__(self) -> int:
        return len(self.entries)

    def country(self, iso3: str | None) -> GazetteerEntry | None:
        """The country entry for an ISO3 code (``None`` when unknown)."""
        if not iso3:
            return None
        i = self._countries.get(iso3.upper())
        return None if i is None else self.entries[i]

    def lookup(self, name: str) -> tuple[list[GazetteerEntry], bool]:
        """All entries a name may refer to, and whether it was written as a division.

        Tries the name, then without descriptive words ("Helmand province", "town of
        Rafah", "south Lebanon").
        """
        key = normalize_name(name)
        hits = self._index.get(key)
        if hits:
            return [self.entries[i] for i in hits], False
        admin = False
        for word in _ADMIN_WORDS:
            if key.endswith(" " + word) or key.startswith(word + " of "):
                admin = True
                key = key[: -len(word) - 1] if key.endswith(" " + word) else key[len(word) + 4 :]
                break
        else:
            for prefix in _STRIP_PREFIXES:
                if key.startswith(prefix):
                    key = key[len(prefix) :]
                    break
            else:
                for suffix in _STRIP_SUFFIXES:
                    if key.endswith(suffix):
                        key = key[: -len(suffix)]
                        break
        hits = self._index.get(key.strip())
        return ([self.entries[i] for i in hits] if hits else []), admin

    def resolve(
        self,
        name: str,
        *,
        context_countries: Iterable[str] = (),
        sentence_countries: Iterable[str] = (),
    ) -> Resolution:
        """The best reading of ``name`` (see the module docstring for the scoring)."""
        candidates, admin = self.lookup(name)
        if not candidates and "," in name:  # "Bam, Iran" written as one entity
            head, _, rest = name.partition(",")
            inner = self.resolve(rest.strip())
            hint = [inner.entry.country] if inner.entry and inner.entry.country else []
            return self.resolve(
                head, context_countries=context_countries,
                sentence_countries=[*sentence_countries, *hint],
            )
        if not candidates:
            return Resolution(None)
        key = normalize_name(name)
        context = set(context_countries)
        local = set(sentence_countries)
        scored = sorted(
            ((_score(e, key, admin, context, local), i, e) for i, e in enumerate(candidates)),
            reverse=True,
        )
        best_score, _, best = scored[0]
        for score, _, other in scored[1:]:
            if other.country == best.country:
                continue
            if best_score - score < AMBIGUITY_MARGIN:
                return Resolution(None, ambiguous=True, score=best_score)
            break
        return Resolution(best, score=best_score)


def _score(
    entry: GazetteerEntry, key: str, admin: bool, context: set[str], local: set[str]
) -> float:
    score = math.log10(entry.population + 10)
    score += _FEATURE_RANK.get(entry.feature, 1.0)
    if entry.feature == "admin1" and admin:
        score += 3.5
    if entry.capital:
        score += 1.5
    if entry.key == key:
        score += 1.5
    if entry.country in local:
        score += 6.0
    elif entry.country in context:
        score += 4.5
    return score


def _read_features(path: Path) -> Iterable[tuple[GazetteerEntry, list[str]]]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            name, aliases, feature, country, admin1, lat, lon, *_ = line.rstrip("\n").split("\t")
            keys = [normalize_name(a) for a in aliases.split("|") if a]
            yield GazetteerEntry(
                feature, name, country or None, admin1 or None, float(lat), float(lon),
                _FEATURE_POP, False, normalize_name(name),
            ), keys


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """Load the packaged gazetteer (or the one at ``path``) and the hand-kept features."""
    data = Path(path) if path is not None else DATA_DIR / GAZETTEER_FILE
    if not data.is_file():
        raise ResourceNotFound(
            f"gazetteer data not found at {data}; rebuild it with "
            "`pip install -e '.[build]' && python tools/build_gazetteer.py`"
        )
    gaz = Gazetteer()
    opener = gzip.open if data.suffix == ".gz" else open
    entries = gaz.entries
    index = gaz._index
    countries = gaz._countries
    with opener(data, "rt", encoding="utf-8") as fh:  # type: ignore[operator]
        for line in fh:
            if line.startswith("#"):
                continue
            feature, name, country, admin1, lat, lon, pop, capital, keys = line.rstrip(
                "\n"
            ).split("\t")
            key_list = keys.split("|")
            i = len(entries)
            entries.append(
                GazetteerEntry(feature, name, country or None, admin1 or None, float(lat),
                               float(lon), int(pop), capital == "1", key_list[0])
            )
            for key in key_list:  # inlined Gazetteer.add: this loop is the load time
                bucket = index.get(key)
                if bucket is None:
                    index[key] = [i]
                elif bucket[-1] != i:
                    bucket.append(i)
            if feature == "country":
                countries.setdefault(country, i)
    features = DATA_DIR / FEATURES_FILE
    if features.is_file():
        for entry, keys in _read_features(features):
            gaz.add(entry, keys)
    return gaz


# --------------------------------------------------------------------------- mentions


def _to_place(name: str, res: Resolution, source: str) -> Place | None:
    entry = res.entry
    if entry is None:
        return Place(name=name, source=source) if res.ambiguous else None
    return Place(
        name=name,
        canonical=entry.name,
        feature=entry.feature,
        country=entry.country,
        admin1=entry.admin1,
        lat=round(entry.lat, 4),
        lon=round(entry.lon, 4),
        source=source,
    )


def resolve_place_name(
    name: str,
    gazetteer: Gazetteer,
    *,
    source: str = "sentence",
    context_countries: Sequence[str] = (),
) -> Place | None:
    """Geocode a bare name (a dateline, a form field) into a Place, or ``None``."""
    return _to_place(name, gazetteer.resolve(name, context_countries=context_countries), source)


def _person_names(doc: Any, sentence: Any) -> set[str]:
    names: set[str] = set()
    for holder in (doc, sentence):
        for ent in getattr(holder, "ents", ()) or ():
            if ent.label_ == "PERSON":
                names.add(normalize_name(ent.text))
                parts = ent.text.split()
                if len(parts) > 1:
                    names.add(normalize_name(parts[-1]))
    return names


def _prep_of(tok: Any) -> tuple[Any, Any] | None:
    """(locative preposition, token under it) reached from a place's root, if any.

    Climbs through "the town of X", "X, Iran", "X's", "outside of X" ...
    """
    cur = tok
    for _ in range(10):
        head = cur.head
        if head.i == cur.i:
            return None
        if (
            head.dep_ in ("prep", "agent")
            and head.lower_ in _LOC_PREPS
            and cur.dep_ in ("pobj", "prep", "pcomp")
        ):
            return head, cur
        if cur.dep_ not in _TRANSPARENT and cur.dep_ not in ("pcomp", "poss"):
            return None
        cur = head
    return None


def _path_to(tok: Any, verb: Any) -> list[Any] | None:
    """Tokens from ``tok`` up to (not including) ``verb``; ``None`` if verb is not above."""
    path: list[Any] = []
    cur = tok
    for _ in range(60):
        if cur.i == verb.i:
            return path
        path.append(cur)
        head = cur.head
        if head.i == cur.i:
            return None
        cur = head
    return None


def _attachment(ent: Any, verb: Any) -> float | None:
    """How firmly a place entity is attached to the verb (lower is firmer), or None."""
    root = ent.root
    path = _path_to(root, verb)
    if not path:
        return None
    for tok in path:
        if tok.dep_ == "prep" and tok.lower_ == "without":
            return None  # "left without visiting Paris": where it did not happen
        # "the funeral, held in Tokyo": a participle describing the event is let
        # through even when the parser hangs it from the verb as an adverbial clause
        if tok.dep_ in _CLAUSAL and tok.pos_ in ("VERB", "AUX") and not (
            tok.dep_ == "advcl" and tok.tag_ == "VBN"
        ):
            return None
    top = path[-1]
    if top.dep_.startswith("nsubj") or top.dep_ in ("csubj", "expl"):
        base = 2.0
    elif top.dep_ in ("prep", "agent", "advmod", "npadvmod", "acl", "relcl", "advcl"):
        base = 0.0
    else:
        base = 1.0
    prep = _prep_of(root)
    if prep is not None:
        return base + _LOC_PREPS[prep[0].lower_] + 0.01 * len(path)
    # the object of "visited", "attacked" ...
    cur = root
    while cur.head.i != cur.i and (
        cur.dep_ in ("compound", "appos", "conj")
        or (cur.dep_ == "pobj" and cur.head.lower_ == "of")
        or (cur.dep_ == "prep" and cur.lower_ == "of")
    ):
        cur = cur.head
    if cur.dep_ in ("dobj", "obj") and cur.head.i == verb.i and verb.lemma_.lower() in (
        _PLACE_OBJECT_VERBS
    ):
        return 1.0 + 0.01 * len(path)
    # "the Gaza clashes": a compound of the event noun
    if root.dep_ in ("compound", "nmod", "amod") and root.head.i == verb.i and verb.pos_ in (
        "NOUN", "PROPN"
    ):
        return 1.0 + 0.01 * len(path)
    return None


def _text_between(sentence: Any, start_char: int, end_char: int, fallback: str) -> str:
    doc = getattr(sentence, "doc", None)
    text = getattr(doc, "text", None)
    if isinstance(text, str) and 0 <= start_char < end_char <= len(text):
        return text[start_char:end_char]
    return fallback


def _feature_phrases(ent: Any, sentence: Any) -> list[str]:
    """Longer readings of an entity as a feature: "port of X", "X naval base"."""
    phrases: list[str] = []
    root = ent.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _FEATURE_NOUNS:
        noun = head.head
        start = min(noun.idx, ent.start_char)
        phrases.append(_text_between(sentence, start, ent.end_char, f"{noun.text} of {ent.text}"))
    nxt = _next_token(ent, sentence)
    if nxt is not None and nxt.lemma_.lower() in _FEATURE_NOUNS:
        phrases.append(f"{ent.text} {nxt.text}")
    return phrases


def _next_token(ent: Any, sentence: Any) -> Any:
    doc = getattr(sentence, "doc", None)
    end = getattr(ent, "end", None)
    if doc is None or not isinstance(end, int):
        return None
    try:
        return doc[end] if end < len(doc) else None
    except (IndexError, TypeError):
        return None


def _admin_phrase(ent: Any, sentence: Any) -> str | None:
    """ "Helmand province" when the entity is followed by a division word."""
    nxt = _next_token(ent, sentence)
    if nxt is not None and nxt.lower_ in _ADMIN_WORDS:
        return f"{ent.text} {nxt.text}"
    return None


def _place_ents(sentence: Any, gazetteer: Gazetteer) -> list[Any]:
    ents = []
    for ent in getattr(sentence, "ents", ()) or ():
        label = ent.label_
        if label in _PLACE_LABELS:
            ents.append(ent)
        elif label == "PERSON" and _named_as_settlement(ent):
            ents.append(ent)  # "the town of Rafah" mis-tagged as a person
        elif label in ("ORG", "PRODUCT"):
            # "Ream Naval Base" is often tagged ORG: keep it when a feature of ours
            hits, _ = gazetteer.lookup(ent.text)
            if any(e.feature not in ("city", "country", "admin1", "continent") for e in hits):
                ents.append(ent)
    return ents


_SETTLEMENT_NOUNS = frozenset(
    "town city village province region district capital port island county state".split()
)


def _named_as_settlement(ent: Any) -> bool:
    root = ent.root
    head = root.head
    return (
        root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _SETTLEMENT_NOUNS
    )


def _sentence_countries(ents: Sequence[Any], gazetteer: Gazetteer) -> set[str]:
    """Countries written out in the sentence ("Bam, Iran"): strong hints."""
    out: set[str] = set()
    for ent in ents:
        hits, _ = gazetteer.lookup(ent.text)
        for e in hits:
            if e.feature in ("country", "admin1") and e.key == normalize_name(ent.text):
                if e.country:
                    out.add(e.country)
    return out


def _parse_dateline(dateline: str) -> str:
    text = re.split(r"[,(\u2013\u2014]| - |:", dateline, maxsplit=1)[0].strip()
    return text.title() if text.isupper() else text


def resolve_event_place(
    sentence: Any,
    verb: Any,
    article: Article,
    gazetteer: Gazetteer,
    *,
    target_country: str | None = None,
    doc: Any = None,
    context_countries: Sequence[str] = (),
) -> Place | None:
    """The place of the event whose verb (or event noun) is ``verb`` in ``sentence``.

    ``sentence`` is a spaCy Span and ``verb`` a Token (used by duck typing).  Returns a
    Place with ``source`` ``sentence``, ``dateline`` or ``actor``; a Place with a name
    but no coordinates when the attached name is ambiguous; ``None`` when nothing
    applies.
    """
    context = tuple(context_countries)
    if verb is not None and verb.dep_ in ("aux", "auxpass") and verb.head.i != verb.i:
        verb = verb.head  # "were (converging)": the auxiliary stands for its verb
    if sentence is not None and verb is not None:
        place = _from_sentence(sentence, verb, gazetteer, doc, context)
        if place is not None:
            return place
    if article.dateline:
        name = _parse_dateline(article.dateline)
        if name:
            place = resolve_place_name(
                name, gazetteer, source="dateline", context_countries=context
            )
            if place is not None and place.lat is not None:
                return place
    entry = gazetteer.country(target_country)
    if entry is not None:
        return _to_place(entry.name, Resolution(entry), "actor")
    return None


def _from_sentence(
    sentence: Any, verb: Any, gazetteer: Gazetteer, doc: Any, context: Sequence[str]
) -> Place | None:
    ents = _place_ents(sentence, gazetteer)
    if not ents:
        return None
    attached = []
    for n, ent in enumerate(ents):
        rank = _attachment(ent, verb)
        if rank is not None:
            attached.append((rank, n, ent))
    if not attached:
        return None
    # only now (rarely) look at the whole document's PERSON entities
    persons = _person_names(doc if doc is not None else getattr(sentence, "doc", None), sentence)
    attached = [a for a in attached if a[2].label_ == "PERSON" or (
        normalize_name(a[2].text) not in persons)]
    attached.sort()
    ambiguous: Place | None = None
    for _, _, ent in attached:
        # hints come from the sentence's *other* places: "Gaza" must not vouch for itself
        # (it is also a Mozambican province)
        local = _sentence_countries([e for e in ents if e is not ent], gazetteer)
        for phrase in _feature_phrases(ent, sentence):
            res = gazetteer.resolve(phrase, context_countries=context, sentence_countries=local)
            if res.entry is not None and res.entry.feature not in ("city", "country", "admin1"):
                return _to_place(phrase, res, "sentence")
        admin = _admin_phrase(ent, sentence)
        if admin is not None:
            res = gazetteer.resolve(admin, context_countries=context, sentence_countries=local)
            if res.entry is not None:
                return _to_place(admin, res, "sentence")
        res = gazetteer.resolve(ent.text, context_countries=context, sentence_countries=local)
        if res.entry is not None:
            return _to_place(ent.text, res, "sentence")
        if res.ambiguous and ambiguous is None:
            ambiguous = _to_place(ent.text, res, "sentence")
    return ambiguous
