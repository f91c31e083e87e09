#!/usr/bin/env python3
"""Rebuild the CAMEO lexicon data files of ``eventcoder.events``.

Writes ``src/eventcoder/events/data/{cameo,verbs,nouns}.tsv`` (the format is described in
``eventcoder.events.lexicon``) from:

* ``../shared/codebook/CAMEO.Manual.1.1b3.tex``  -- the CAMEO code list and names;
* ``../shared/codebook/cameo_goldstein_quad.json`` -- Goldstein scores (phoenix_pipeline);
* ``../shared/gold/plover/CAMEO2PLOVER-2021.txt`` -- PLOVER event type and mode;
* ``../shared/codebook/petrarch-CAMEO.2.0.verbs.txt`` -- verb -> code facts, mined where a
  pattern maps faithfully onto our (lemma, particle, object, prep, comp) rows;
* ``tools/lexicon_curated_verbs.tsv`` and ``tools/lexicon_curated_nouns.tsv`` -- our own
  hand-curated rows, which win over mined rows with the same key; a curated verb row whose
  ``cameo`` is ``drop`` deletes the mined row with that key (``*`` in every constraint
  column drops all mined rows of the lemma);
* ``tools/lexicon_mined_drop.txt`` -- lemmas whose mined row WITHOUT constraints is dropped
  (too general or ambiguous in news English).

Usage::

    python tools/build_lexicon.py [--shared DIR] [--out DIR]

The output is deterministic: running it twice gives byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared"
DEFAULT_OUT = ROOT / "src" / "eventcoder" / "events" / "data"
CURATED_VERBS = ROOT / "tools" / "lexicon_curated_verbs.tsv"
CURATED_NOUNS = ROOT / "tools" / "lexicon_curated_nouns.tsv"
MINED_DROP = ROOT / "tools" / "lexicon_mined_drop.txt"

VERB_COLUMNS = ("id", "cameo", "lemma", "particle", "object", "prep", "comp", "note")
NOUN_COLUMNS = ("id", "cameo", "lemma", "prep", "note")
CAMEO_COLUMNS = ("code", "name", "goldstein", "quad_class", "plover_type", "plover_mode")

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
NO_ROWS = frozenset({"say", "tell", "be", "do", "state", "add", "note", "report"})
# Only with a constraint (particle, object, prep or comp): too general on their own.
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
    }
)

PARTICLES = frozenset(
    {"up", "out", "off", "down", "away", "back", "over", "forward", "ahead", "aside", "in", "on"}
)
PREPOSITIONS = frozenset(
    {
        "with", "to", "for", "into", "on", "upon", "against", "from", "at", "about", "in", "by",
        "of", "over", "between", "toward", "towards", "through", "after", "behind",
    }
)
# A `* WORD` pattern whose WORD is one of these is a particle, not an object.
PATTERN_PARTICLES = frozenset({"up", "out", "off", "down", "away", "back", "forward", "ahead", "aside"})

_IRREGULAR_PLURALS = {
    "people": "people", "news": "news", "arms": "arm", "talks": "talk", "children": "child",
    "men": "man", "women": "woman", "forces": "force", "police": "police", "troops": "troop",
    "series": "series", "species": "species", "crisis": "crisis", "analysis": "analysis",
    "process": "process", "status": "status", "consensus": "consensus", "campus": "campus",
    "thesis": "thesis", "basis": "basis", "emphasis": "emphasis", "diagnosis": "diagnosis",
    "hostages": "hostage", "lives": "life", "thieves": "thief", "wives": "wife",
    "sanctions": "sanction", "measures": "measure", "refugees": "refugee", "ties": "tie",
    "casualties": "casualty", "premises": "premise", "headquarters": "headquarters",
}


class BuildError(Exception):
    """A source file is missing or malformed."""


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
    return bool(re.fullmatch(r"[a-z]+", token))


@dataclass(frozen=True, slots=True)
class VerbRow:
    id: str
    cameo: str
    lemma: str
    particle: str
    object: str
    prep: str
    comp: str
    note: str

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        return (self.lemma, self.particle, self.object, self.prep, self.comp)


def _norm_set(value: str) -> str:
    items = sorted({v.strip().lower() for v in value.split("|") if v.strip()})
    return "|".join(items)


def _make_id(lemma: str, particle: str, obj: str, prep: str, comp: str) -> str:
    parts = ["v", lemma]
    if particle:
        parts.append(particle)
    if obj:
        parts.append(obj.split("|")[0])
    if prep:
        parts.append(prep.split("|")[0])
    if comp:
        parts.append(comp.split("|")[0])
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


# --------------------------------------------------------------------------- PETRARCH mining


@dataclass
class _Block:
    name: str
    default: str
    verbs: dict[str, tuple[str, str, str]]  # form -> (lemma, particle/prep/object spec, own code)


def _code_of(bracket: str) -> str | None:
    """`[042:043]` -> '042'; `[:173]`, `[---]` and empty -> None."""
    code = bracket.strip().split(":")[0].strip()
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


def _verb_entry(token: str) -> tuple[str, str, str, str] | None:
    """A verb-line token -> (lemma, particle, prep, object), or None when not mappable."""
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


def mine_petrarch(path: Path) -> tuple[list[VerbRow], Counter]:
    """Verb rows mined from the PETRARCH CAMEO 2.0 verb dictionary, and skip statistics."""
    text = path.read_text(encoding="utf-8", errors="replace").splitlines()
    try:
        start = next(i for i, l in enumerate(text) if l.startswith("####### VERB PATTERNS"))
        end = next(i for i, l in enumerate(text) if l.startswith("######## TRANSFORMATIONS"))
    except StopIteration as err:
        raise BuildError(f"{path.name}: section markers not found") from err
    synsets = _parse_synsets(text[:start])
    stats: Counter = Counter()
    facts: dict[tuple, list[tuple[str, str]]] = defaultdict(list)  # key -> [(code, note)]

    def add(lemma, particle, obj, prep, comp, code, note):
        if lemma in NO_ROWS:
            stats["skip: never-a-verb-row lemma"] += 1
            return
        if lemma in NO_BARE and not (particle or obj or prep or comp):
            stats["skip: bare row of an over-general verb"] += 1
            return
        facts[(lemma, particle, obj, prep, comp)].append((code, note))

    block: _Block | None = None
    for raw in text[start + 1 : end]:
        line = raw.rstrip()
        if not line.strip() or line.startswith("#"):
            continue
        header = re.match(r"^---\s+(\S+)\s+\[([^\]]*)\]\s+---", line)
        if header:
            block = _Block(header.group(1), _code_of(header.group(2)) or "", {})
            continue
        if block is None:
            continue
        if line.startswith("-"):
            _mine_pattern(line, block, synsets, add, stats)
            continue
        # a verb line: FORM {inflections} [code] # comment
        body = line.split("#")[0]
        own = re.search(r"\[([^\]]*)\]", body)
        body = re.sub(r"\{[^}]*\}", " ", re.sub(r"\[[^\]]*\]", " ", body))
        tokens = body.split()
        if not tokens:
            continue
        entry = _verb_entry(tokens[0])
        if entry is None:
            stats["skip: verb form not mappable"] += 1
            continue
        lemma, particle, prep, obj = entry
        code = _code_of(own.group(1)) if own else block.default
        block.verbs[tokens[0].lstrip("+").lower()] = (lemma, particle, prep)
        if not code:
            continue
        add(lemma, particle, obj, prep, "", code, f"mined petrarch {block.name}")

    rows = []
    for key, found in facts.items():
        counts = Counter(code for code, _ in found)
        best = max(counts.values())
        code, note = next((c, n) for c, n in found if counts[c] == best)  # first of the most frequent
        if len(counts) > 1:
            stats["conflicting codes, majority kept"] += 1
        rows.append(VerbRow(_make_id(*key), code, *key, note))
    return rows, stats


def _mine_pattern(line, block, synsets, add, stats) -> None:
    m = re.match(r"^-\s*(.*?)\s*\[([^\]]*)\]\s*(?:#\s*(.*))?$", line)
    if not m:
        stats["skip: pattern line not understood"] += 1
        return
    pattern, code = m.group(1).strip(), _code_of(m.group(2))
    comment = (m.group(3) or "").strip()
    if code is None:
        stats["skip: null, passive-only or empty code"] += 1
        return
    # The pattern belongs to the verb named in its comment, when that verb is in the block.
    owner = comment.split()[0].lower() if comment else ""
    if owner not in block.verbs:
        stats["skip: pattern's verb not in its block"] += 1
        return
    lemma, v_particle, v_prep = block.verbs[owner]
    if not pattern.startswith("*"):
        stats["skip: constraint before the verb (subject)"] += 1
        return
    rest = pattern[1:].strip()
    if "$" in rest or "+" in rest or "^" in rest or "%" in rest:
        stats["skip: source/target markers"] += 1
        return
    particle, obj, prep, comp = v_particle, "", v_prep, ""
    tokens = re.findall(r"\([^)]*\)|\{[^}]*\}|\S+", rest)
    for i, tok in enumerate(tokens):
        low = tok.lower()
        if tok.startswith("("):
            inner = low[1:-1].split()
            if len(inner) == 1 and inner[0] in PREPOSITIONS and not prep:
                prep = inner[0]
                continue
            stats["skip: preposition with a fixed object (ours is the target)"] += 1
            return
        if tok.startswith("{"):
            stats["skip: multiword object"] += 1
            return
        if low == "to" and i + 1 < len(tokens) and _is_word(tokens[i + 1].lower()) and not comp:
            comp = tokens[i + 1].lower()
            if i + 2 != len(tokens):
                stats["skip: complement with more words"] += 1
                return
            break
        if low in PATTERN_PARTICLES and not particle and not obj and i == 0:
            particle = low
            continue
        if tok.startswith("&"):
            members = synsets.get(tok)
            if not members or not all(_is_word(w.lower()) for w in members) or obj:
                stats["skip: synonym set not single words"] += 1
                return
            obj = "|".join(sorted({noun_lemma(w) for w in members}))
            continue
        if _is_word(low) and not obj and not prep:
            obj = noun_lemma(low)
            continue
        stats["skip: pattern shape not mappable"] += 1
        return
    if not (particle or obj or prep or comp):
        stats["skip: pattern adds nothing to the bare verb"] += 1
        return
    add(lemma, particle, obj, prep, comp, code, f"mined petrarch {block.name} pattern")


# --------------------------------------------------------------------------- merge + write


def merge_verbs(mined: list[VerbRow], curated_rows: list[dict[str, str]]) -> list[VerbRow]:
    by_key: dict[tuple, VerbRow] = {row.key: row for row in mined}
    curated: list[VerbRow] = []
    for r in curated_rows:
        lemma = r["lemma"].lower()
        key = (lemma, r["particle"].lower(), _norm_set(r["object"]), _norm_set(r["prep"]), _norm_set(r["comp"]))
        if r["cameo"] == "drop":
            if key[1:] == ("*", "*", "*", "*"):
                for k in [k for k in by_key if k[0] == lemma]:
                    del by_key[k]
            elif by_key.pop(key, None) is None:
                raise BuildError(f"curated drop {r['id']!r} matches no mined row")
            continue
        if lemma in NO_ROWS:
            raise BuildError(f"curated row {r['id']!r}: {lemma!r} may not be a verb row")
        curated.append(VerbRow(r["id"], r["cameo"], *key, r["note"] or "curated"))
    for row in curated:
        by_key.pop(row.key, None)
    # A mined row that matches only situations a curated row also matches is decided by us.
    for key in [k for k in by_key if any(_covers(c, k) for c in curated)]:
        del by_key[key]
    # Where a mined object or comp set overlaps a curated one of the same shape, the shared
    # lemmas are ours: take them out of the mined row (dropping it when nothing is left).
    for i, other in ((2, 4), (4, 2)):  # object (comp equal), then comp (object equal)
        for key, row in sorted(by_key.items()):
            if not key[i]:
                continue
            ours: set[str] = set()
            for c in curated:
                if (c.lemma, c.particle, c.prep, c.key[other]) == (key[0], key[1], key[3], key[other]):
                    ours.update(v for v in c.key[i].split("|") if v)
            theirs = key[i].split("|")
            left = [v for v in theirs if v not in ours]
            if len(left) == len(theirs):
                continue
            del by_key[key]
            if left:
                new_key = key[:i] + ("|".join(left),) + key[i + 1 :]
                by_key.setdefault(new_key, VerbRow(_make_id(*new_key), row.cameo, *new_key, row.note))
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
        out.append(VerbRow(rid, row.cameo, *row.key, row.note))
    return sorted(out, key=lambda r: r.id)


def read_drop_list(path: Path) -> frozenset[str]:
    if not path.exists():
        raise BuildError(f"{path} is missing")
    words: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0]
        words.update(w.lower() for w in line.split())
    return frozenset(words)


def _covers(curated: VerbRow, key: tuple[str, str, str, str, str]) -> bool:
    """True when every sentence the mined ``key`` matches is also matched by ``curated``."""
    if (curated.lemma, curated.particle) != key[:2]:
        return False
    for ours, theirs in zip((curated.object, curated.prep, curated.comp), key[2:]):
        if not ours:
            if theirs:
                return False
        elif not theirs or not set(theirs.split("|")) <= set(ours.split("|")):
            return False
    return True


def build(shared: Path, out: Path) -> dict[str, int]:
    for need in (
        shared / "codebook" / "CAMEO.Manual.1.1b3.tex",
        shared / "codebook" / "cameo_goldstein_quad.json",
        shared / "codebook" / "petrarch-CAMEO.2.0.verbs.txt",
        shared / "gold" / "plover" / "CAMEO2PLOVER-2021.txt",
    ):
        if not need.exists():
            raise BuildError(f"{need} is missing")
    cameo = build_cameo(shared)
    codes = {row[0] for row in cameo}
    mined, stats = mine_petrarch(shared / "codebook" / "petrarch-CAMEO.2.0.verbs.txt")
    drop = read_drop_list(MINED_DROP)
    mined = [
        row for row in mined
        if row.cameo in codes and not (row.lemma in drop and row.key[1:] == ("", "", "", ""))
    ]
    verbs = merge_verbs(mined, _read_tsv(CURATED_VERBS, VERB_COLUMNS))
    nouns = sorted(_read_tsv(CURATED_NOUNS, NOUN_COLUMNS), key=lambda r: r["id"])
    for row in verbs:
        if row.cameo not in codes:
            raise BuildError(f"verb rule {row.id!r} uses unknown code {row.cameo}")
    for row in nouns:
        if row["cameo"] not in codes:
            raise BuildError(f"noun rule {row['id']!r} uses unknown code {row['cameo']}")
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
        " CAMEO 2.0 verb dictionary (MIT).\n",
        VERB_COLUMNS,
        [(r.id, r.cameo, r.lemma, r.particle, r.object, r.prep, r.comp, r.note) for r in verbs],
    )
    _write_tsv(
        out / "nouns.tsv",
        gen + "# Rows: tools/lexicon_curated_nouns.tsv.\n",
        NOUN_COLUMNS,
        [tuple(r[c] for c in NOUN_COLUMNS) for r in nouns],
    )
    counts = {"codes": len(cameo), "verbs": len(verbs), "nouns": len(nouns), "mined": len(mined)}
    counts.update({f"petrarch {k}": v for k, v in sorted(stats.items())})
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="the ../shared folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the .tsv files")
    parser.add_argument("-v", "--verbose", action="store_true", help="print mining statistics")
    args = parser.parse_args(argv)
    if not args.shared.is_dir():
        print(
            f"build_lexicon: {args.shared} not found; it holds the CAMEO codebook and PETRARCH"
            " dictionary this script reads (pass --shared DIR).",
            file=sys.stderr,
        )
        return 1
    try:
        counts = build(args.shared, args.out)
    except BuildError as err:
        print(f"build_lexicon: {err}", file=sys.stderr)
        return 1
    for name, value in counts.items():
        if args.verbose or not name.startswith("petrarch"):
            print(f"{name}: {value}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
