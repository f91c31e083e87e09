"""Name keys for people (and group names): one module used by ``tools/build_kb.py`` when it
indexes the sources and by :mod:`eventcoder.actors.kb` when it looks a name up, so both sides
always normalise a name the same way.

Three levels, from strict to loose:

``name_key(text)``
    the name as written, reduced to what a reader ignores: case, diacritics and other
    scripts (transliterated by ``anyascii``), punctuation, hyphens and underscores ("Kim
    Jong-un" = "Kim Jong Un" = ``KIM_JONG_UN``), leading honorifics and titles ("Samdech",
    "Ayatollah", "Sheikh", "Mr", "Dr", "H.E.", "President", "Vice President" ...),
    generational suffixes ("Jr.", "III") and name particles (al-, el-, bin, ibn, van, de
    ...: "Bashar al-Assad" = "Bashar Assad").

``short_key(key)``
    middle names and initials dropped: first and last word ("Joseph R. Biden Jr." ->
    "joseph biden").

``skeleton(key)``
    a phonetic-ish form of every word for transliteration families, as general rules
    (not per-person entries): vowels after the first letter dropped (Mahmoud/Mahmud,
    Rouhani/Rowhani, Zelensky/Zelenskyy/Zelenskiy, Sergei/Sergey, Aleksandr/Alexander;
    ``y`` is a vowel except before a vowel at the start, ``w`` after a vowel is one),
    ``q``/``g``/``c`` -> ``k``,
    ``dh``/``th`` -> ``d``/``t``, ``ph`` -> ``f``, doubled consonants single
    (Gaddafi/Qaddafi/Gadhafi/Kadhafi) and a final ``h`` after a vowel dropped
    (Haniyeh/Haniya).  Skeleton keys are only a fallback after the exact keys.

Given-name nicknames (Joe/Joseph, Bill/William) come from the PyPI ``nicknames`` package,
read lazily the first time a lookup needs it (:func:`given_name_variants`).
"""

from __future__ import annotations

import functools
import re

from anyascii import anyascii

__all__ = [
    "fold_ascii",
    "name_key",
    "short_key",
    "skeleton",
    "index_keys",
    "skeleton_usable",
    "given_name_variants",
    "generational_suffix",
    "HONORIFICS",
    "PARTICLES",
]

# Leading words a reader skips before a name ("Prime Minister Hun Sen", "H.E. Samdech
# Hun Sen", "Sheikh Hasina", "UN Secretary-General Ban Ki-moon").  Multi-word titles are
# matched word by word, so "vice president", "secretary general" fall out too.
HONORIFICS = frozenset(
    """
    mr mrs ms miss mister madam madame dr doctor prof professor he h his her excellency
    hon honorable honourable rt right sir dame lord lady samdech samdach akka moha sena padei
    techo ayatollah ayatullah grand sheikh sheik shaikh shaykh sheikha sayyid sayyed seyyed
    sayed syed sayyida imam mullah mawlawi maulana mawlana hojatoleslam hojjatoleslam hojatolislam hojjat ol eslam haji
    hajji al-haj alhaji mufti emir amir sultan king queen prince princess crown regent
    emperor empress president presidente vice prime minister premier chancellor deputy
    acting interim former late ex foreign defence defense finance interior state secretary
    general secretary-general sg gen col colonel lt lieutenant maj major brig brigadier
    capt captain adm admiral marshal field commander chief sen senator rep representative
    gov governor mayor speaker chairman chairwoman chairperson chair pm fm un u n nato eu
    united nations us u s uk our opposition leader supreme coprince co dato datuk datin seri
    tun tan sri pehin orang kaya government
    """.split()
)

# Name particles that writers keep or drop ("Bashar al-Assad" / "Bashar Assad").
PARTICLES = frozenset(
    """
    al el ad ar as at ash an az ul bin ibn bint binti ibni ould van von der den de da das
    do dos du del della di la le ter zu
    """.split()
)

_SUFFIXES = frozenset("jr sr ii iii iv".split())


@functools.lru_cache(maxsize=1 << 17)
def fold_ascii(text: str) -> str:
    """Lower-case ASCII words: diacritics and scripts transliterated, punctuation gone."""
    text = anyascii(text).lower()
    text = text.replace("h.e.", " he ").replace("'s ", " ").removesuffix("'s")
    text = re.sub(r"[`'\u2019]", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def generational_suffix(text: str) -> str | None:
    """The generational suffix ending a name ("Jr.", "III"), folded, or None: the one word
    :func:`name_key` drops that still tells a father from his son."""
    words = fold_ascii(text).split()
    return words[-1] if len(words) > 1 and words[-1] in _SUFFIXES else None


@functools.lru_cache(maxsize=1 << 17)
def name_key(text: str) -> str:
    """The strict key of a person's name; "" when nothing name-like is left."""
    words = fold_ascii(text).split()
    if words and words[0] == "the":
        words = words[1:]
    # honorifics and titles in front, but keep at least one word
    while len(words) > 1 and words[0] in HONORIFICS:
        words = words[1:]
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words = words[:-1]
    # "Abd al-Fattah" / "Abdel Fattah" / "Abdul Fattah": one given-name element
    joined: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        if w == "abd" and i + 1 < len(words) and words[i + 1] in {"al", "el", "ul", "ar", "as", "an", "ad"}:
            joined.append("abdal")
            i += 2
            continue
        if w in {"abdel", "abdul", "abdal", "abdol", "abdil"}:
            w = "abdal"
        joined.append(w)
        i += 1
    kept = [w for w in joined if w not in PARTICLES]
    if len(kept) < 2 and len(joined) >= 2 and joined[0] in PARTICLES:
        kept = [joined[0], *kept]  # "Al Gore", "al-Assad": the particle is part of the name
    return " ".join(kept or joined)


def short_key(key: str) -> str:
    """First and last word of a key: middle names and initials dropped ("" if no change)."""
    words = [w for w in key.split() if len(w) > 1]
    if len(words) > 2:
        words = [words[0], words[-1]]
    short = " ".join(words)
    return short if len(words) >= 2 and short != key else ""


_VOWELS = set("aeiouy")


@functools.lru_cache(maxsize=1 << 17)
def _skeleton_word(word: str) -> str:
    w = word
    if w.isdigit():
        return w
    w = w.replace("ph", "f").replace("dh", "d").replace("th", "t").replace("gh", "g")
    w = w.replace("ck", "k").replace("ch", "\x01").replace("sh", "\x02").replace("kh", "\x03")
    w = w.replace("dj", "j").replace("j", "y").replace("q", "k").replace("c", "k").replace("g", "k").replace("x", "ks")
    w = w.replace("\x01", "ch").replace("\x02", "sh").replace("\x03", "kh")
    if w.startswith("w"):
        w = "v" + w[1:]
    out: list[str] = []
    n = len(w)
    for i, ch in enumerate(w):
        vowel = ch in _VOWELS and not (ch == "y" and i == 0 and n > 1 and w[1] in _VOWELS)
        if ch == "w" and out and out[-1] == "a":
            vowel = True  # "ow", "aw": a vowel glide (Rowhani)
        if vowel:
            if not out or out[-1] != "a":
                out.append("a")
        elif not out or out[-1] != ch:
            out.append(ch)
    if len(out) > 2 and out[-1] == "h" and out[-2] == "a":
        out.pop()
    # consonants only after the first letter: Aleksandr/Alexander, Mohammed/Muhammad
    return out[0] + "".join(c for c in out[1:] if c != "a") if out else ""


@functools.lru_cache(maxsize=1 << 17)
def skeleton(key: str) -> str:
    """The transliteration-family form of a key (word by word)."""
    return " ".join(_skeleton_word(w) for w in key.split())


def index_keys(name: str, family_first: bool = False) -> tuple[set[str], set[str]]:
    """(exact keys, skeleton keys) under which a full name is indexed: the key and, for
    names of three words or more, the first or second word with any later word
    ("Matamela Cyril Ramaphosa" -> "matamela ramaphosa", "cyril ramaphosa"; "Pedro Sanchez
    Perez Castejon" -> "pedro sanchez") and the leading three or more words.  ``family_first`` names
    ("Kim Jong Un") are indexed whole only."""
    key = name_key(name)
    if not key:
        return set(), set()
    exact = {key}
    words = [w for w in key.split() if len(w) > 1]
    if not family_first:
        if len(words) >= 2 and words != key.split():
            exact.add(" ".join(words))  # initials dropped
        if len(words) >= 3:
            # a given name with any later name ("Cyril Ramaphosa"; Spanish double
            # surnames: "Pedro Sanchez" for "Pedro Sanchez Perez-Castejon"), and the
            # leading words ("Juan Manuel Santos" for "Juan Manuel Santos Calderon")
            exact |= {f"{words[i]} {w}" for i in range(min(2, len(words) - 1)) for w in words[i + 1 :]}
            exact |= {" ".join(words[:n]) for n in range(3, len(words))}
            exact.add(" ".join(words[-2:]))  # a two-word surname ("Lopez Obrador")
    if "-" in name:
        # hyphens written or not, and between other syllables: "Chan-o-cha" / "Chan-ocha"
        joined = name_key(name.replace("-", ""))
        if joined:
            exact.add(joined)
    return exact, {skeleton(k) for k in exact}


def skeleton_usable(sk: str) -> bool:
    """A skeleton long enough to stand for a name on its own: 4 letters for one word
    ("Gulf" -> "klf" is not "Calfa"), 6 for several ("dvd lm" is not)."""
    return len(sk.replace(" ", "")) >= (4 if " " not in sk else 6)


@functools.lru_cache(maxsize=1)
def _nicknamer():
    from nicknames import NickNamer  # read lazily: ~0.07 s, only when a lookup needs it

    return NickNamer()


@functools.lru_cache(maxsize=1 << 12)
def given_name_variants(word: str) -> tuple[str, ...]:
    """Other forms of a given name ("joe" -> "joseph", "joseph" -> "joe", ...), sorted."""
    word = word.lower()
    if len(word) < 2 or not word.isalpha():
        return ()
    try:
        nn = _nicknamer()
    except ImportError:  # pragma: no cover - the dependency is declared
        return ()
    forms = set(nn.canonicals_of(word)) | set(nn.nicknames_of(word))
    forms.discard(word)
    return tuple(sorted(f for f in forms if f.isalpha()))
