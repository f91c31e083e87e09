#!/usr/bin/env python3
"""Build the actor knowledge base (``src/eventcoder/actors/data/*.tsv``) from public sources.

Usage::

    python tools/build_kb.py [--sources ../shared/kb-sources] [--out src/eventcoder/actors/data]
    python tools/build_kb.py --report          # counts + head-of-state/government coverage

Reads the research copies listed in ``../shared/kb-sources/SOURCES.md`` and writes our own
compact, sorted TSV files.  The output is deterministic: running it twice gives
byte-identical files (``tests/actors/test_kb_build.py`` checks this).  The hand-kept
``overrides.tsv`` in the output directory is *not* written here: it is read by the loader
and applied last.  See ``docs/knowledge-base.md`` for the format and the rules.

Only the Python standard library is used (the countrynames YAML is a simple list format
and parsed by hand).
"""

from __future__ import annotations

import argparse
import csv
import gzip  # noqa: F401  (kept for the observations file, see docs: not used yet)
import io
import json
import re
import sys
import unicodedata
import urllib.parse
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
from eventcoder.actors.base import OLD_COUNTRY_CODES  # noqa: E402
from eventcoder.actors.kb import bridge_capped_spells  # noqa: E402
from eventcoder.actors.names import HONORIFICS, PARTICLES, given_name_variants, index_keys, name_key, short_key, skeleton  # noqa: E402
DEFAULT_SOURCES = ROOT.parent / "shared" / "kb-sources"
DEFAULT_OUT = ROOT / "src" / "eventcoder" / "actors" / "data"

LATEST = "2026-01-22"  # last observation date in the Factbook spells
CURRENT_SINCE = "2025-06-01"  # last_seen on/after this: still in office at LATEST
PAD_DAYS_NOTE = "approx"  # role bounds guessed from observation dates

# --------------------------------------------------------------------------- helpers


def fold(text: str) -> str:
    """Lookup key: accents stripped, lower case, punctuation except . and ' kept simple."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("\u2019", "'").lower().strip()
    text = re.sub(r"\s+", " ", text)
    if text.startswith("the "):
        text = text[4:]
    return text


def person_key(name: str) -> str:
    """Key for person names: :func:`eventcoder.actors.names.name_key` (shared with the loader)."""
    return name_key(name)


def _dictrows(path: Path, delimiter: str) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


def write_tsv(path: Path, header: list[str], rows: list[list[str]]) -> None:
    rows = sorted({tuple(r) for r in rows})
    buf = io.StringIO()
    w = csv.writer(buf, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(header)
    w.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def full_date(value: str, *, end: bool = False) -> str:
    """'1993' -> '1993-01-01', '1997-08' -> '1997-08-01' (a spell end is the next start)."""
    value = value.strip()
    if not value:
        return ""
    if re.fullmatch(r"\d{4}", value):
        return f"{value}-01-01" if not end else f"{value}-12-31"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return f"{value}-01" if not end else f"{value}-28"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return value
    return ""


def add_years(iso: str, years: int) -> str:
    y, rest = iso[:4], iso[4:]
    if rest == "-02-29":
        rest = "-02-28"
    return f"{int(y) + years:04d}{rest}"


# --------------------------------------------------------------------------- names

_CAPS = re.compile(r"^[A-Z][A-Z'\u00C0-\u00DE-]*[A-Z]\.?$|^[A-Z]\.?$")
_ROMAN = re.compile(r"^(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XVI)$")
_PARTICLES = {
    "bin", "ibn", "ibni", "bint", "al", "al-", "el", "de", "da", "das", "do", "dos", "du",
    "van", "von", "der", "den", "la", "le", "di", "del", "della", "arap", "y", "e", "ould",
    "ag", "ben", "binti", "abu", "ter", "zu", "st.",
}
_TITLE_WORDS = {
    "president", "prime", "minister", "ministers", "first", "second", "third", "general",
    "governor", "lord", "sir", "dame", "dr.", "dr", "prince", "princess", "king", "queen",
    "sultan", "emir", "amir", "shaykh", "sheikh", "ayatollah", "chairman", "administrator",
    "commissioner", "high", "excellency", "his", "her", "lieutenant", "paramount", "ruler",
    "presidency", "council", "chief", "state", "co-prince", "captain", "regent", "grand",
    "duke", "vice", "deputy", "acting", "interim", "premier", "chancellor", "federal",
    "supreme", "leader", "mr.", "mrs.", "ms.", "gen.", "col.", "colonel", "marshal",
    "field", "brigadier", "major", "lt.", "maj.", "adm.", "admiral", "head", "secretary",
    "executive", "transitional", "caretaker", "former", "new", "and", "or", "of", "the",
    "president-elect", "premier-designate", "crown", "cardinal", "archbishop", "bishop",
    "pope", "his", "holiness", "majesty", "royal", "highness", "speaker", "senate",
    "national", "assembly", "people's", "republic", "revolutionary", "islamic", "revolution",
    "captains", "regents", "mayor", "emperor", "empress", "grand-duke", "tuan",
}
_SUFFIXES = {"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"}
_JUNK = re.compile(r"vacant|none|n/a|see note|unknown|position", re.I)


def _is_caps(tok: str) -> bool:
    core = tok.strip(",;:()")
    last = core.split("-")[-1]
    return bool(_CAPS.match(last)) and any(c.isalpha() for c in last) and len(last.strip(".")) >= 2


def _looks_name(tok: str) -> bool:
    t = tok.strip(",;:()")
    if not t:
        return False
    if t.lower() in _PARTICLES:
        return True
    return t[0].isupper() or t[0] in "'"


def clean_name(raw: str) -> str | None:
    """A person name out of Factbook text ("power shared between First Prime Minister UNG HUOT")."""
    if not raw or _JUNK.search(raw):
        return None
    text = raw.replace("\u00a0", " ")
    text = re.sub(r'["\u201c][^"\u201d]*["\u201d]', " ", text).replace('"', " ").strip()  # a quoted nickname: kept apart
    text = text.split(":")[-1]
    text = re.sub(r"\(.*?\)", " ", text)
    segments = [s for s in re.split(r"\s+-\s+|,|;| is | are | who | in | elected | resigned ", text) if s.strip()]
    chosen = None
    for seg in segments:
        toks = seg.split()
        caps = [t for i, t in enumerate(toks) if _is_caps(t) and not (i and _ROMAN.match(t))]
        if not caps:
            continue
        if len(toks) == 1 and len(toks[0]) <= 4:  # an acronym ("SOC", "NGC")
            continue
        if len(caps) == 1 and len(caps[0]) <= 3 and len(toks) > 3 and caps[0].isalpha() and caps[0] in {"SOC", "NGC", "UN", "US", "UK"}:
            continue
        chosen = toks
        break
    if chosen is None:
        return None
    toks = [t.strip(",;:()") for t in chosen if t.strip(",;:()")]
    idx = [i for i, t in enumerate(toks) if _is_caps(t) and t.upper() not in {"SOC", "NGC"}]
    if not idx:
        return None
    first, last = idx[0], idx[-1]
    # caps run may include a title in capitals? rare; drop leading caps title words
    lo = first
    while lo - 1 >= 0 and _looks_name(toks[lo - 1]) and toks[lo - 1].lower() not in _TITLE_WORDS:
        lo -= 1
    hi = last
    while hi + 1 < len(toks) and (_looks_name(toks[hi + 1]) or toks[hi + 1].lower() in _SUFFIXES) and toks[hi + 1].lower() not in _TITLE_WORDS - _PARTICLES:
        hi += 1
    words = toks[lo : hi + 1]
    while words and words[0].lower() in _PARTICLES:
        words = words[1:]
    while words and words[-1].lower() in _PARTICLES:
        words = words[:-1]
    if not words:
        return None
    return " ".join(words)


def _title_case_word(tok: str, first: bool = False) -> str:
    if _ROMAN.match(tok) and not first:
        return tok
    parts = re.split(r"([-'])", tok)
    out = []
    for p in parts:
        if p in "-'" or not p:
            out.append(p)
        elif p.isupper() and len(p) > 1 or (len(p) == 1 and p.isalpha() and p.isupper()):
            out.append(p[0] + p[1:].lower())
        else:
            out.append(p)
    word = "".join(out)
    # Mc/Mac prefixes
    m = re.match(r"^(Mc)([a-z])(.*)$", word)
    if m:
        word = m.group(1) + m.group(2).upper() + m.group(3)
    return word


def display_name(caps_name: str) -> tuple[str, str]:
    """'Fumio KISHIDA' -> ('Fumio Kishida', 'Kishida'); 'XI Jinping' -> ('Xi Jinping', 'Xi').

    The surname is the run of capitalised words (the Factbook convention); when every word
    is capitalised ("HUN SEN") there is no separable surname and '' is returned.
    """
    toks = caps_name.split()
    caps_idx = [i for i, t in enumerate(toks) if _is_caps(t) and not (i and _ROMAN.match(t)) and t.lower() not in _SUFFIXES]
    words = [_title_case_word(t, i == 0) if (_is_caps(t) or t.isupper()) else t for i, t in enumerate(toks)]
    name = " ".join(words)
    surname = ""
    real = [i for i, t in enumerate(toks) if t.lower() not in _SUFFIXES and not (i and _ROMAN.match(t))]
    if caps_idx and len(caps_idx) < len(real):
        surname = " ".join(words[i] for i in caps_idx)
    return name, surname


# --------------------------------------------------------------------------- person store


class People:
    """Persons keyed by folded full name, with dated roles."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}  # key -> display name
        self.surnames: dict[str, set[str]] = defaultdict(set)
        self.aliases: dict[str, set[str]] = defaultdict(set)
        self.roles: dict[str, list[tuple[str, str, str, str, str, str]]] = defaultdict(list)
        self.weight: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))  # key -> iso3 -> obs
        self.sources: dict[str, set[tuple[str, str]]] = defaultdict(set)  # key -> {(name, source)}

    def add(self, name: str, surname: str, iso3: str, code: str, title: str, start: str, end: str, source: str, weight: int = 1) -> str:
        """Add a role; one person per (name key, country): namesakes abroad stay apart."""
        base = person_key(name)
        key = f"{base}|{iso3}" if base else ""
        title = re.sub(r"\s+", " ", title).strip()
        if len(title) > 80:
            title = title[:77].rstrip(" ,&") + "..."
        if not key:
            return ""
        if key not in self.names or len(name) > len(self.names[key]) and self.names[key].lower() == name.lower():
            self.names.setdefault(key, name)
        if surname:
            self.surnames[key].add(surname)
        self.roles[key].append((iso3, code, title.strip(), start, end, source))
        self.weight[key][iso3] += weight
        self.sources[key].add((name, source.split()[0]))
        return key

    def merge(self, src: str, dst: str) -> None:
        if src == dst or src not in self.names:
            return
        self.aliases[dst].add(self.names[src])
        self.aliases[dst] |= self.aliases.pop(src, set())
        self.surnames[dst] |= self.surnames.pop(src, set())
        self.roles[dst].extend(self.roles.pop(src, []))
        self.sources[dst] |= self.sources.pop(src, set())
        for iso, w in self.weight.pop(src, {}).items():
            self.weight[dst][iso] += w
        del self.names[src]


# --------------------------------------------------------------------------- sources


def read_profiles(src: Path) -> list[dict]:
    with open(src / "factbook_profiles_latest.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def read_countryinfo(src: Path) -> list[dict]:
    """CountryInfo.txt blocks: codes, names, nationality forms, capitals, government lines."""
    raw = (src / "CountryInfo.120116.txt").read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    out = []
    for block in re.findall(r"<Country>(.*?)</Country>", text, re.S):
        rec: dict = {}
        for tag in ("CountryCode", "CountryName", "COW-Alpha", "COW-Numeric", "ISO3166-alpha3"):
            m = re.search(rf"<{tag}>(.*?)</{tag}>", block, re.S)
            rec[tag] = m.group(1).strip() if m else ""
        for tag in ("Nationality", "Capital", "Government"):
            m = re.search(rf"<{tag}>(.*?)</{tag}>", block, re.S)
            lines = m.group(1).splitlines() if m else []
            rec[tag] = [ln.split("#")[0].strip() if tag != "Government" else ln.strip() for ln in lines]
            rec[tag] = [ln for ln in rec[tag] if ln]
        out.append(rec)
    return out


def _ci_words(token: str) -> str:
    return re.sub(r"\s+", " ", token.replace("_", " ")).strip()


def _ci_title(token: str) -> str:
    """'ELIZABETH_II_' -> 'Elizabeth II' (CountryInfo names are all capitals)."""
    return " ".join(w if _ROMAN.match(w) else _title_case_word(w) for w in _ci_words(token).split())


def read_countrynames(src: Path) -> dict[str, list[str]]:
    """countrynames data.yaml: top-level 'CODE:' keys, '  - variant' items."""
    data: dict[str, list[str]] = defaultdict(list)
    code = None
    for line in (src / "countrynames_1.17.0_data.yaml").read_text(encoding="utf-8").splitlines():
        m = re.match(r"^([A-Za-z0-9_-]+):\s*$", line)
        if m:
            code = m.group(1)
            continue
        m = re.match(r"^\s+-\s+(.*)$", line)
        if m and code:
            val = m.group(1).strip().strip('"').strip("'")
            data[code].append(val)
    return data


def parse_phoenix(path: Path) -> list[tuple[list[str], list[str]]]:
    """Entries of a TABARI/PETRARCH actor dictionary: ([phrases], [codes])."""
    entries: list[tuple[list[str], list[str]]] = []
    cur: tuple[list[str], list[str]] | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.split("#")[0].rstrip()
        if not body.strip():
            continue
        codes = re.findall(r"\[([^\]]*)\]", body)
        head = re.sub(r"\[[^\]]*\]", "", body).strip()
        if line[:1] in (" ", "\t") and not head:
            if cur is not None:
                cur[1].extend(codes)
            continue
        if head.startswith("+"):
            if cur is not None:
                cur[0].append(head[1:].strip())
                cur[1].extend(codes)
            continue
        cur = ([head], list(codes))
        entries.append(cur)
    return entries


# --------------------------------------------------------------------------- hand rows

HAND_NAMES = [  # (iso3, kind, text, note)
    ("SRB", "adjective", "Serb", "hand: CountryInfo files Serb under Montenegro"),
    ("SRB", "demonym", "Serbs", "hand"), ("HRV", "adjective", "Croat", "hand"), ("HRV", "demonym", "Croats", "hand"),
    ("USA", "name", "U.S.", "hand"), ("USA", "name", "US", "hand"), ("USA", "name", "U.S", "hand"),
    ("USA", "name", "USA", "hand"), ("USA", "name", "U.S.A.", "hand"), ("USA", "name", "America", "hand"),
    ("USA", "name", "United States of America", "hand"), ("USA", "adjective", "American", "hand"),
    ("USA", "adjective", "U.S.", "hand"), ("USA", "capital", "Washington", "hand"),
    ("USA", "capital", "Washington DC", "hand"), ("USA", "capital", "Washington, D.C.", "hand"),
    ("GBR", "name", "UK", "hand"), ("GBR", "name", "U.K.", "hand"), ("GBR", "name", "Britain", "hand"),
    ("GBR", "name", "Great Britain", "hand"), ("GBR", "adjective", "British", "hand"),
    ("GBR", "demonym", "Briton", "hand"), ("GBR", "demonym", "Britons", "hand"),
    ("KOR", "name", "South Korea", "hand"), ("KOR", "name", "Republic of Korea", "hand"),
    ("KOR", "name", "ROK", "hand"), ("KOR", "adjective", "South Korean", "hand"),
    ("KOR", "adjective", "Korean", "hand: ambiguous KOR/PRK, KOR more frequent in news"),
    ("PRK", "name", "North Korea", "hand"), ("PRK", "name", "DPRK", "hand"),
    ("PRK", "adjective", "North Korean", "hand"),
    ("PHL", "adjective", "Filipino", "hand"), ("PHL", "adjective", "Philippine", "hand"),
    ("PHL", "demonym", "Filipinos", "hand"), ("PHL", "name", "Philippines", "hand"),
    ("MMR", "adjective", "Burmese", "hand"), ("MMR", "name", "Burma", "hand"),
    ("MMR", "adjective", "Myanmar", "hand"), ("MMR", "capital", "Naypyidaw", "hand"),
    ("MMR", "capital", "Nay Pyi Taw", "hand"),
    ("KHM", "adjective", "Cambodian", "hand"), ("KHM", "adjective", "Khmer", "hand"),
    ("JPN", "adjective", "Japanese", "hand"), ("CHN", "adjective", "Chinese", "hand"),
    ("CHN", "name", "PRC", "hand"), ("CHN", "name", "Mainland China", "hand"),
    ("TWN", "name", "Taiwan", "hand"), ("TWN", "adjective", "Taiwanese", "hand"),
    ("RUS", "name", "Russia", "hand"), ("RUS", "adjective", "Russian", "hand"),
    ("COD", "name", "Congo", "hand: ambiguous COD/COG, COD (DR Congo) more frequent in news"),
    ("COD", "name", "DR Congo", "hand"), ("COD", "name", "DRC", "hand"),
    ("COD", "adjective", "Congolese", "hand: ambiguous COD/COG"),
    ("COG", "name", "Congo-Brazzaville", "hand"), ("COG", "name", "Republic of the Congo", "hand"),
    ("GIN", "name", "Guinea", "hand"), ("GIN", "adjective", "Guinean", "hand: ambiguous GIN/GNB/GNQ"),
    ("VNM", "name", "Vietnam", "hand"), ("VNM", "adjective", "Vietnamese", "hand"),
    ("LAO", "name", "Laos", "hand"), ("LAO", "adjective", "Lao", "hand"), ("LAO", "adjective", "Laotian", "hand"),
    ("THA", "adjective", "Thai", "hand"), ("IRN", "name", "Iran", "hand"), ("SYR", "name", "Syria", "hand"),
    ("CZE", "name", "Czech Republic", "hand"), ("CZE", "name", "Czechia", "hand"),
    ("TUR", "name", "Turkey", "hand"), ("TUR", "name", "Turkiye", "hand"),
    ("NLD", "name", "Netherlands", "hand"), ("NLD", "name", "Holland", "hand"), ("NLD", "adjective", "Dutch", "hand"),
    ("CHE", "adjective", "Swiss", "hand"), ("IRL", "adjective", "Irish", "hand"),
    ("PSE", "name", "Palestine", "hand"), ("PSE", "adjective", "Palestinian", "hand"),
    ("ISR", "adjective", "Israeli", "hand"), ("UKR", "name", "Ukraine", "hand"),
]

# Agent nouns (lemma or phrase) -> role code; applied over the Phoenix agents file.
HAND_AGENTS = {
    "navy": "MIL", "naval forces": "MIL", "army": "MIL", "troops": "MIL", "troop": "MIL",
    "soldier": "MIL", "military": "MIL", "armed forces": "MIL", "air force": "MIL",
    "marines": "MIL", "marine": "MIL", "coast guard": "MIL", "forces": "MIL", "warship": "MIL",
    "defence ministry": "GOV", "defense ministry": "GOV",
    "police": "COP", "policeman": "COP", "police officer": "COP", "security forces": "COP",
    "rebel": "REB", "insurgent": "REB", "militant": "REB", "guerrilla": "REB",
    "opposition": "OPP", "dissident": "OPP", "activist": "OPP",
    "protester": "OPP", "protestor": "OPP", "demonstrator": "OPP",
    "court": "JUD", "judge": "JUD", "judiciary": "JUD", "prosecutor": "JUD", "supreme court": "JUD",
    "parliament": "LEG", "lawmaker": "LEG", "legislator": "LEG", "legislature": "LEG",
    "senate": "LEG", "congress": "LEG", "national assembly": "LEG", "mp": "LEG", "senator": "LEG",
    "ministry": "GOV", "government": "GOV", "official": "GOV", "president": "GOV",
    "minister": "GOV", "cabinet": "GOV", "authorities": "GOV", "authority": "GOV",
    "diplomat": "GOV", "embassy": "GOV", "spokesman": "GOV", "spokeswoman": "GOV",
    "business": "BUS", "company": "BUS", "firm": "BUS", "businessman": "BUS", "investor": "BUS",
    "journalist": "MED", "media": "MED", "reporter": "MED", "newspaper": "MED",
    "student": "EDU", "teacher": "EDU", "university": "EDU",
    "civilian": "CVL", "resident": "CVL", "villager": "CVL", "people": "CVL",
    "refugee": "REF", "asylum seeker": "REF", "migrant": "REF",
    "worker": "LAB", "union": "LAB", "labor union": "LAB", "trade union": "LAB",
    "striker": "LAB", "miner": "LAB", "docker": "LAB", "dockworker": "LAB", "trucker": "LAB",
    "truck driver": "LAB", "labourer": "LAB", "trade unionist": "LAB",  # not "unionist": Ulster's are a party
    "doctor": "HLH", "intelligence": "SPY", "spy": "SPY", "intelligence agency": "SPY",
    "criminal": "CRM", "smuggler": "CRM", "gang": "CRM", "farmer": "AGR",
    "deputy": "LEG", "deputies": "LEG", "jet": "MIL", "jets": "MIL", "fighter jet": "MIL",
    "suspect": "CRM", "negotiator": "GOV", "peacekeeper": "MIL", "peacekeepers": "MIL",
    "spokesperson": "GOV", "jury": "JUD", "grand jury": "JUD", "man": "CVL", "men": "CVL", "woman": "CVL", "women": "CVL",
    "person": "CVL", "child": "CVL", "children": "CVL", "boy": "CVL", "girl": "CVL",
    "family": "CVL", "families": "CVL", "photographer": "MED", "priest": "REL", "cleric": "REL",
    "mufti": "MUS", "grand mufti": "MUS", "ayatollah": "MUS", "pastor": "CHR", "patriarch": "CHR",
    # a state's bodies by their common nouns
    "fleet": "MIL", "flotilla": "MIL", "naval fleet": "MIL", "self-defense forces": "MIL", "self-defence forces": "MIL",
    "state-run media": "GOVMED", "state media": "GOVMED", "state broadcaster": "GOVMED",
    "state television": "GOVMED", "state tv": "GOVMED", "state news agency": "GOVMED",
    "governing coalition": "GOV", "presidency": "GOV", "foreign office": "GOV", "department": "GOV",
    "central bank": "GOVBUS", "secret service": "SPY", "intelligence service": "SPY",
}

# Titles -> role code.
HAND_TITLES = {
    "prime minister": "GOV", "president": "GOV", "vice president": "GOV", "premier": "GOV",
    "chancellor": "GOV", "minister": "GOV", "foreign minister": "GOV", "defence minister": "GOV",
    "defense minister": "GOV", "finance minister": "GOV", "interior minister": "GOV",
    "deputy prime minister": "GOV", "secretary of state": "GOV", "foreign secretary": "GOV",
    "defense secretary": "GOV", "defence secretary": "GOV", "secretary": "GOV",
    "king": "GOV", "queen": "GOV", "emperor": "GOV", "crown prince": "GOV", "sultan": "GOV",
    "emir": "GOV", "governor": "GOV", "mayor": "GOV", "ambassador": "GOV", "envoy": "GOV",
    "spokesman": "GOV", "spokeswoman": "GOV", "spokesperson": "GOV", "official": "GOV",
    "head of state": "GOV", "head of government": "GOV", "state councilor": "GOV",
    "general": "MIL", "commander": "MIL", "admiral": "MIL", "colonel": "MIL", "major general": "MIL",
    "lieutenant general": "MIL", "brigadier general": "MIL", "army chief": "MIL",
    "commander-in-chief": "GOV", "chief of staff": "MIL", "army commander": "MIL",
    "police chief": "COP", "police commissioner": "COP",
    "judge": "JUD", "justice": "JUD", "chief justice": "JUD", "prosecutor": "JUD",
    "attorney general": "GOV",
    "senator": "LEG", "lawmaker": "LEG", "legislator": "LEG", "speaker": "LEG", "mp": "LEG",
    "congressman": "LEG", "congresswoman": "LEG", "representative": "LEG",
    "senate president": "LEG", "president of the senate": "LEG",
    "opposition leader": "OPP", "rebel leader": "REB",
    "secretary general": "GOV", "secretary-general": "GOV", "director general": "GOV",
    "pm": "GOV", "leader": "GOV", "counterpart": "GOV", "monarch": "GOV", "vice premier": "GOV",
    "foreign affairs minister": "GOV", "defence chief": "MIL", "military chief": "MIL",
    "adviser": "GOV", "advisor": "GOV", "national security adviser": "GOV", "national security advisor": "GOV",
    "foreign policy chief": "GOV", "deputy foreign minister": "GOV", "foreign ministry spokesman": "GOV",
    "foreign ministry spokesperson": "GOV", "foreign ministry spokeswoman": "GOV", "central bank governor": "GOV",
    "chief of general staff": "MIL", "intelligence chief": "SPY", "spy chief": "SPY",
}

# Phoenix.MilNonState aliases that are ordinary words, not names of a group.
_GROUP_STOPWORDS = {"front", "army", "movement", "party", "group", "rebels", "militia", "council", "forces"}

# Bodies of states the sources do not name (seats of government used as metonyms,
# intelligence and police services, state news agencies, legislatures by their own name):
# each is a fact of the state's constitution or of the body's own charter.
HAND_STATE_BODIES = [  # (text, code, name, note)
    ("Kremlin", "RUSGOV", "Kremlin", "hand: seat of the Russian presidency"),
    ("White House", "USAGOV", "White House", "hand: seat of the US presidency"),
    ("Downing Street", "GBRGOV", "Downing Street", "hand: office of the UK prime minister"),
    ("Number 10", "GBRGOV", "Downing Street", "hand: office of the UK prime minister"),
    ("Whitehall", "GBRGOV", "Whitehall", "hand: the UK government's ministries"),
    ("Elysee", "FRAGOV", "Elysee Palace", "hand: seat of the French presidency"),
    ("Elysee Palace", "FRAGOV", "Elysee Palace", "hand: seat of the French presidency"),
    ("Quai d'Orsay", "FRAGOV", "French foreign ministry", "hand: seat of the French foreign ministry"),
    ("Zhongnanhai", "CHNGOV", "Zhongnanhai", "hand: seat of the Chinese leadership"),
    ("Kantei", "JPNGOV", "Kantei", "hand: office of the Japanese prime minister"),
    ("Blue House", "KORGOV", "Blue House", "hand: seat of the South Korean presidency until 2022"),
    ("Foggy Bottom", "USAGOV", "US State Department", "hand: seat of the US State Department"),
    ("Federal Reserve", "USAGOVBUS", "Federal Reserve", "hand: the US central bank"),
    ("US Federal Reserve", "USAGOVBUS", "Federal Reserve", "hand: the US central bank"),
    ("European Central Bank", "IGOEUREEC", "European Central Bank", "hand: the euro area's central bank, an EU institution"),
    ("ECB", "IGOEUREEC", "European Central Bank", "hand: the euro area's central bank, an EU institution"),
    ("MI5", "GBRSPY", "Security Service", "hand: UK domestic intelligence"),
    ("MI6", "GBRSPY", "Secret Intelligence Service", "hand: UK foreign intelligence"),
    ("GCHQ", "GBRSPY", "Government Communications Headquarters", "hand: UK signals intelligence"),
    ("Secret Intelligence Service", "GBRSPY", "Secret Intelligence Service", "hand: UK foreign intelligence"),
    ("NSA", "USASPY", "National Security Agency", "hand: US signals intelligence"),
    ("National Security Agency", "USASPY", "National Security Agency", "hand: US signals intelligence"),
    ("Shin Bet", "ISRSPY", "Israel Security Agency", "hand: Israel's internal security service"),
    ("Shabak", "ISRSPY", "Israel Security Agency", "hand: Israel's internal security service"),
    ("SVR", "RUSSPY", "Foreign Intelligence Service", "hand: Russian foreign intelligence"),
    ("GRU", "RUSSPY", "Main Intelligence Directorate", "hand: Russian military intelligence"),
    ("ISI", "PAKSPY", "Inter-Services Intelligence", "hand: Pakistan's military intelligence"),
    ("Inter-Services Intelligence", "PAKSPY", "Inter-Services Intelligence", "hand: Pakistan's military intelligence"),
    ("Research and Analysis Wing", "INDSPY", "Research and Analysis Wing", "hand: India's foreign intelligence"),
    ("BND", "DEUSPY", "Federal Intelligence Service", "hand: German foreign intelligence"),
    ("DGSE", "FRASPY", "General Directorate for External Security", "hand: French foreign intelligence"),
    ("ASIO", "AUSSPY", "Australian Security Intelligence Organisation", "hand: Australian security intelligence"),
    ("CSIS", "CANSPY", "Canadian Security Intelligence Service", "hand: Canadian security intelligence"),
    ("Scotland Yard", "GBRCOP", "Metropolitan Police", "hand: London's Metropolitan Police"),
    ("Metropolitan Police", "GBRCOP", "Metropolitan Police", "hand: London's police force"),
    ("Secret Service", "USACOP", "United States Secret Service", "hand: US federal law enforcement (protection of leaders)"),
    ("US Secret Service", "USACOP", "United States Secret Service", "hand: US federal law enforcement"),
    ("ICE", "USACOP", "U.S. Immigration and Customs Enforcement", "hand: US federal immigration police (DHS agency, since 2003)"),
    ("Immigration and Customs Enforcement", "USACOP", "U.S. Immigration and Customs Enforcement", "hand: US federal immigration police"),
    ("U.S. Immigration and Customs Enforcement", "USACOP", "U.S. Immigration and Customs Enforcement", "hand: US federal immigration police"),
    ("Customs and Border Protection", "USACOP", "U.S. Customs and Border Protection", "hand: US federal border police (DHS agency, since 2003)"),
    ("U.S. Customs and Border Protection", "USACOP", "U.S. Customs and Border Protection", "hand: US federal border police"),
    ("Border Patrol", "USACOP", "U.S. Border Patrol", "hand: the US border police (part of CBP)"),
    ("DHS", "USAGOV", "U.S. Department of Homeland Security", "hand: US federal executive department (since 2002)"),
    ("Department of Homeland Security", "USAGOV", "U.S. Department of Homeland Security", "hand: US federal executive department"),
    ("Homeland Security Department", "USAGOV", "U.S. Department of Homeland Security", "hand: US federal executive department"),
    ("Drug Enforcement Administration", "USACOP", "Drug Enforcement Administration", "hand: US federal drug police (the DEA)"),
    ("ATF", "USACOP", "Bureau of Alcohol, Tobacco, Firearms and Explosives", "hand: US federal law enforcement"),
    ("Justice Department", "USAGOV", "U.S. Department of Justice", "hand: US federal executive department (as DOJ)"),
    ("Department of Justice", "USAGOV", "U.S. Department of Justice", "hand: US federal executive department (as DOJ)"),
    ("Europol", "IGOEUREEC", "Europol", "hand: the EU's law enforcement agency, an EU institution"),
    ("Frontex", "IGOEUREEC", "Frontex", "hand: the EU's border and coast guard agency, an EU institution"),
    ("Carabinieri", "ITACOP", "Carabinieri", "hand: Italy's gendarmerie"),
    ("Guardia Civil", "ESPCOP", "Guardia Civil", "hand: Spain's gendarmerie"),
    ("Gendarmerie nationale", "FRACOP", "National Gendarmerie", "hand: France's gendarmerie"),
    ("RCMP", "CANCOP", "Royal Canadian Mounted Police", "hand: Canada's federal police"),
    ("Royal Canadian Mounted Police", "CANCOP", "Royal Canadian Mounted Police", "hand: Canada's federal police"),
    ("Xinhua", "CHNGOVMED", "Xinhua News Agency", "hand: China's state news agency"),
    ("Xinhua News Agency", "CHNGOVMED", "Xinhua News Agency", "hand: China's state news agency"),
    ("KCNA", "PRKGOVMED", "Korean Central News Agency", "hand: North Korea's state news agency"),
    ("Korean Central News Agency", "PRKGOVMED", "Korean Central News Agency", "hand: North Korea's state news agency"),
    ("TASS", "RUSGOVMED", "TASS", "hand: Russia's state news agency"),
    ("RIA Novosti", "RUSGOVMED", "RIA Novosti", "hand: Russian state news agency"),
    ("IRNA", "IRNGOVMED", "Islamic Republic News Agency", "hand: Iran's state news agency"),
    ("SANA", "SYRGOVMED", "Syrian Arab News Agency", "hand: Syria's state news agency"),
    ("WAFA", "PSEGOVMED", "WAFA", "hand: the Palestinian Authority's news agency"),
    ("Saudi Press Agency", "SAUGOVMED", "Saudi Press Agency", "hand: Saudi Arabia's state news agency"),
    ("Anadolu Agency", "TURGOVMED", "Anadolu Agency", "hand: Turkey's state news agency"),
    ("State Duma", "RUSLEG", "State Duma", "hand: Russia's lower house"),
    ("Duma", "RUSLEG", "State Duma", "hand: Russia's lower house"),
    ("Bundestag", "DEULEG", "Bundestag", "hand: Germany's federal parliament"),
    ("Knesset", "ISRLEG", "Knesset", "hand: Israel's parliament"),
    ("Lok Sabha", "INDLEG", "Lok Sabha", "hand: India's lower house"),
    ("Rajya Sabha", "INDLEG", "Rajya Sabha", "hand: India's upper house"),
    ("National People's Congress", "CHNLEG", "National People's Congress", "hand: China's legislature"),
    ("Verkhovna Rada", "UKRLEG", "Verkhovna Rada", "hand: Ukraine's parliament"),
    ("Sejm", "POLLEG", "Sejm", "hand: Poland's lower house"),
    ("Majlis", "IRNLEG", "Islamic Consultative Assembly", "hand: Iran's parliament"),
    ("Riksdag", "SWELEG", "Riksdag", "hand: Sweden's parliament"),
    ("Storting", "NORLEG", "Storting", "hand: Norway's parliament"),
    ("Folketing", "DNKLEG", "Folketing", "hand: Denmark's parliament"),
    ("Dail", "IRLLEG", "Dail Eireann", "hand: Ireland's lower house"),
    ("Bundesrat", "DEULEG", "Bundesrat", "hand: Germany's federal council (also Austria's)"),
]

# Armed groups whose source code names no country (a region code, or a later area of
# operations) or that the sources know only by a long name: the country the group rose
# in and fights in, a fact of its own history.
HAND_ARMED_GROUPS = [  # (text, code, name, note)
    ("Lord's Resistance Army", "UGAREB", "Lord's Resistance Army", "hand: rebel group founded 1987 in northern Uganda (Phoenix: CFRREB, its later area)"),
    ("LRA", "UGAREB", "Lord's Resistance Army", "hand: rebel group founded 1987 in northern Uganda"),
    ("Revolutionary United Front", "SLEREB", "Revolutionary United Front", "hand: Sierra Leone's rebel movement 1991-2002 (Phoenix: WAFREB)"),
    ("RUF", "SLEREB", "Revolutionary United Front", "hand: Sierra Leone's rebel movement 1991-2002"),
    ("ELN", "COLREB", "National Liberation Army (Colombia)", "hand: Ejercito de Liberacion Nacional, Colombian guerrilla since 1964"),
    ("Ejercito de Liberacion Nacional", "COLREB", "National Liberation Army (Colombia)", "hand: Colombian guerrilla since 1964"),
    ("ETA", "ESPSEP", "Euskadi Ta Askatasuna", "hand: Basque separatist group in Spain 1959-2018"),
    ("Euskadi Ta Askatasuna", "ESPSEP", "Euskadi Ta Askatasuna", "hand: Basque separatist group in Spain 1959-2018"),
    ("Sendero Luminoso", "PERREB", "Shining Path", "hand: the Shining Path's Spanish name (Phoenix SHINING_PATH [PERREB])"),
    ("FSA", "SYRREB", "Free Syrian Army", "hand: the Free Syrian Army's initials (Phoenix FREE_SYRIAN_ARMY)"),
    ("M23", "CODREB", "March 23 Movement", "hand: rebel movement in eastern DR Congo since 2012"),
    ("IRA", "GBRREB", "Irish Republican Army", "hand: republican paramilitary fighting in Northern Ireland (UK) (Phoenix: WEUREB)"),
    ("Irish Republican Army", "GBRREB", "Irish Republican Army", "hand: republican paramilitary fighting in Northern Ireland (UK)"),
    ("Real IRA", "GBRREB", "Real Irish Republican Army", "hand: IRA splinter group in Northern Ireland (UK) since 1997"),
    ("INLA", "GBRREB", "Irish National Liberation Army", "hand: republican paramilitary in Northern Ireland (UK)"),
    ("Irish National Liberation Army", "GBRREB", "Irish National Liberation Army", "hand: republican paramilitary in Northern Ireland (UK)"),
    ("March 23 Movement", "CODREB", "March 23 Movement", "hand: rebel movement in eastern DR Congo since 2012"),
]

HAND_ORGS = [  # (text, code, name, note)
    ("UN", "IGOUNO", "United Nations", "Phoenix.International"),
    ("U.N.", "IGOUNO", "United Nations", "Phoenix.International"),
    ("United Nations", "IGOUNO", "United Nations", "Phoenix.International"),
    ("UN General Assembly", "IGOUNO", "UN General Assembly", "Phoenix.International"),
    ("United Nations General Assembly", "IGOUNO", "UN General Assembly", "hand, as Phoenix UN_GENERAL_ASSEMBLY"),
    ("UNGA", "IGOUNO", "UN General Assembly", "hand, as Phoenix UN_GENERAL_ASSEMBLY"),
    ("General Assembly", "IGOUNO", "UN General Assembly", "hand"),
    ("UN Security Council", "IGOUNO", "UN Security Council", "Phoenix.International"),
    ("United Nations Security Council", "IGOUNO", "UN Security Council", "hand"),
    ("UNSC", "IGOUNO", "UN Security Council", "hand"),
    ("Security Council", "IGOUNO", "UN Security Council", "Phoenix.International"),
    ("ASEAN", "IGOSEAASN", "Association of Southeast Asian Nations", "Phoenix.International"),
    ("Association of Southeast Asian Nations", "IGOSEAASN", "Association of Southeast Asian Nations", "hand"),
    ("Association of South East Asian Nations", "IGOSEAASN", "Association of Southeast Asian Nations", "hand"),
    ("EU", "IGOEUREEC", "European Union", "Phoenix.International"),
    ("European Union", "IGOEUREEC", "European Union", "Phoenix.International"),
    ("European Commission", "IGOEUREEC", "European Commission", "hand"),
    ("European Community", "IGOEUREEC", "European Community", "hand: the EU's predecessor"),
    ("European Economic Community", "IGOEUREEC", "European Community", "hand"),
    ("EC", "IGOEUREEC", "European Community", "hand"), ("EEC", "IGOEUREEC", "European Community", "hand"),
    ("NATO", "IGOWSTNAT", "North Atlantic Treaty Organization", "Phoenix.International"),
    ("African Union", "IGOAFR", "African Union", "hand: no source code; CAMEO region IGO code AFR"),
    ("AU", "IGOAFR", "African Union", "hand: no source code; CAMEO region IGO code AFR"),
    ("World Bank", "IGOUNODEVWBK", "World Bank", "Phoenix.International"),
    ("IMF", "IGOBUSIMF", "International Monetary Fund", "Phoenix.International"),
    ("International Monetary Fund", "IGOBUSIMF", "International Monetary Fund", "Phoenix.International"),
    ("WHO", "IGOUNOHLHWHO", "World Health Organization", "Phoenix.International"),
    ("World Health Organization", "IGOUNOHLHWHO", "World Health Organization", "Phoenix.International"),
    ("Red Cross", "NGOHLHIRC", "International Committee of the Red Cross", "Phoenix.International (ICRC)"),
    ("ICRC", "NGOHLHIRC", "International Committee of the Red Cross", "Phoenix.International"),
    ("International Committee of the Red Cross", "NGOHLHIRC", "International Committee of the Red Cross", "Phoenix.International"),
    ("Amnesty International", "NGOHRIAMN", "Amnesty International", "Phoenix.International"),
    ("Amnesty", "NGOHRIAMN", "Amnesty International", "hand"),
    ("Human Rights Watch", "NGOHRW", "Human Rights Watch", "CAMEO codebook table 3.4"),
    ("WTO", "IGOWTO", "World Trade Organization", "CAMEO codebook table 3.4"),
    ("OPEC", "IGOOPC", "Organization of Petroleum Exporting Countries", "CAMEO codebook table 3.4"),
    ("G7", "IGOGOS", "Group of Seven", "CAMEO codebook table 3.4"), ("G-7", "IGOGOS", "Group of Seven", "CAMEO codebook table 3.4"),
    ("G20", "IGO", "Group of Twenty", "hand: no specific code"), ("G-20", "IGO", "Group of Twenty", "hand: no specific code"),
    ("Group of Twenty", "IGO", "Group of Twenty", "hand: no specific code"), ("Group of 20", "IGO", "Group of Twenty", "hand: no specific code"),
    ("Group of 7", "IGOGOS", "Group of Seven", "CAMEO codebook table 3.4"),
    ("ICC", "IGOICC", "International Criminal Court", "CAMEO codebook table 3.4"),
    ("International Criminal Court", "IGOICC", "International Criminal Court", "CAMEO codebook table 3.4"),
    ("ICJ", "IGOUNOICJ", "International Court of Justice", "CAMEO codebook table 3.4"),
    ("IAEA", "IGOUNOIAE", "International Atomic Energy Agency", "CAMEO codebook table 3.4"),
    ("UNHCR", "IGOUNOREFHCR", "UN High Commissioner for Refugees", "Phoenix.International"),
    ("UNICEF", "IGOUNOKID", "UNICEF", "CAMEO codebook table 3.4"),
    ("Arab League", "IGOARL", "Arab League", "CAMEO codebook table 3.4"),
    ("Gulf Cooperation Council", "IGOGCC", "Gulf Cooperation Council", "CAMEO codebook table 3.4"),
    ("GCC", "IGOGCC", "Gulf Cooperation Council", "CAMEO codebook table 3.4"),
    ("ECOWAS", "IGOWAS", "Economic Community of West African States", "CAMEO codebook table 3.4"),
    ("OSCE", "IGOSCE", "OSCE", "CAMEO codebook table 3.4"),
    ("Asian Development Bank", "IGOADB", "Asian Development Bank", "CAMEO codebook table 3.4"),
    ("ADB", "IGOADB", "Asian Development Bank", "CAMEO codebook table 3.4"),
    ("Doctors Without Borders", "NGOMSF", "Medecins Sans Frontieres", "CAMEO codebook table 3.4"),
    ("MSF", "NGOMSF", "Medecins Sans Frontieres", "CAMEO codebook table 3.4"),
    ("Interpol", "IGOITP", "Interpol", "CAMEO codebook table 3.4"),
    # armed groups: names in wide use that the Phoenix dictionaries (2014) lack
    ("Houthis", "YEMREB", "Houthis (Ansar Allah)", "hand: Yemeni armed movement; CAMEO YEM + REB"),
    ("Houthi", "YEMREB", "Houthis (Ansar Allah)", "hand"), ("Houthi rebels", "YEMREB", "Houthis (Ansar Allah)", "hand"),
    ("Ansar Allah", "YEMREB", "Houthis (Ansar Allah)", "hand: the Houthis' own name (Phoenix files it under Hezbollah)"),
    ("Ansarallah", "YEMREB", "Houthis (Ansar Allah)", "hand"),
    ("Islamic State", "IMGMUSISI", "Islamic State", "Phoenix.Countries code IMGMUSISI (THE_ISLAMIC_STATE)"),
    ("Hayat Tahrir al-Sham", "SYRREB", "Hayat Tahrir al-Sham", "hand: Syrian armed group 2017-2025; CAMEO SYR + REB"),
    ("HTS", "SYRREB", "Hayat Tahrir al-Sham", "hand"),
    ("PKK", "TURREB", "Kurdistan Workers' Party", "hand: CAMEO TUR + REB"),
    ("Kurdistan Workers' Party", "TURREB", "Kurdistan Workers' Party", "hand"),
    ("Wagner Group", "RUSMIL", "Wagner Group", "hand: Russian state-linked military contractor; CAMEO RUS + MIL"),
]

# Territories and other non-sovereign entities among the Factbook's ISO3 codes
# (their heads of state are the metropole's: Trump "in" ASM/GUM/PRI, Elizabeth II in AUS ...).
NON_SOVEREIGN = set(
    "ABW AIA ASM ATA ATF BES BLM BMU BVT CCK COK CUW CXR CYM FLK FRO GGY GIB GLP GRL GUF GUM "
    "HKG HMD IMN IOT JEY MAC MAF MNP MSR MTQ MYT NCL NFK NIU PCN PRI PYF REU SGS SHN SJM SPM "
    "SXM TCA TKL UMI VGB VIR WLF ESH".split()
)

ROLE_CODES = set(
    "GOV MIL COP JUD LEG OPP REB SEP INS SPY UAF ELI PTY AGR BUS CRM CVL DEV EDU ENV HLH HRI "
    "LAB MED REF MOD RAD".split()
)

FAMILY_FIRST = {"CHN", "TWN", "HKG", "MAC", "KOR", "PRK", "KHM", "VNM"}


def classify_title(title: str) -> str:
    """A CAMEO role code for a free-text office title from the leaders lists."""
    t = title.lower()
    if re.search(r"chief of (the )?(general |defen[cs]e )?staff|commander|army|navy|air force|armed forces|military", t) and "minister" not in t:
        return "MIL"
    if re.search(r"police|gendarmerie", t) and "minister" not in t:
        return "COP"
    if re.search(r"supreme court|chief justice|constitutional court", t):
        return "JUD"
    if re.search(r"speaker|parliament|national assembly|senate|legislat|chamber of deputies|house of", t) and "minister" not in t:
        return "LEG"
    return "GOV"



# --------------------------------------------------------------------------- Phoenix persons

PHOENIX_CAP = "2014-01-30"  # the Phoenix country file was generated from CountryInfo.140130
PHOENIX_FILES = (("C", "Phoenix.Countries.actors.txt"), ("I", "Phoenix.International.actors.txt"), ("M", "Phoenix.MilNonState.actors.txt"))
# words that make a Phoenix phrase a body or a generic reference, not a person's name
_NOT_A_NAME = set(
    """government regime forces force administration ministry minister ministers party army police
    supporters loyalists camp office cabinet spokesman spokeswoman officials official troops militia
    family clan followers men people republic kingdom state states council committee union front
    movement organization organisation group bank court assembly parliament agency services service
    embassy navy military command brigade battalion university school company corporation news radio
    television tv media association federation league alliance coalition junta authority authorities
    delegation mission commission secretariat fund program programme institute center centre""".split()
)


def _phx_date(token: str) -> str:
    """'090120' -> '2009-01-20', '530101' -> '1953-01-01' (2-digit years >= 30 are 19xx), '18980101' as is."""
    if re.fullmatch(r"\d{8}", token):
        return _d8(token)
    if re.fullmatch(r"\d{6}", token):
        yy = int(token[:2])
        return _d8(f"{1900 + yy if yy >= 30 else 2000 + yy}{token[2:]}")
    return ""


def parse_phoenix_entries(path: Path) -> list[tuple[list[str], list[str], str]]:
    """Like :func:`parse_phoenix`, keeping the comments: ([phrases], [codes], comments)."""
    entries: list[tuple[list[str], list[str], list[str]]] = []
    cur = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        body, _, comment = line.partition("#")
        body = body.rstrip()
        if not body.strip():
            if cur is not None and comment:
                cur[2].append(comment)
            continue
        codes = re.findall(r"\[([^\]]*)\]", body)
        head = re.sub(r"\[[^\]]*\]", "", body).strip()
        if not head or head.startswith("+"):
            if cur is not None:
                if head:
                    cur[0].append(head[1:].strip())
                cur[1].extend(codes)
                cur[2].append(comment)
            continue
        cur = ([head], list(codes), [comment])
        entries.append(cur)
    return [(n, c, " ".join(x)) for n, c, x in entries]


def _phx_roles(codes: list[str], tag: str, countries: dict) -> tuple[list[tuple], list[tuple]]:
    """(dated roles, default roles) as (iso3, code, title, start, end, source)."""
    dated, default = [], []
    last_iso = ""
    for raw in codes:
        m = re.fullmatch(r"\s*([A-Z]{3,15})\s*(.*?)\s*", raw)
        if not m:
            continue
        code, spec = m.group(1), m.group(2)
        if code[:3] in countries:
            if len(code) < 6:
                continue  # a bare country code: a place or nationality entry, not an office
            iso, role = code[:3], code[3:]
        elif code[:3] in ("IGO", "NGO"):
            iso, role = "", code
        elif code[:3] in ROLE_CODES and last_iso:  # "[ELI]" after "[IGOUNO 611130-711231]"
            iso, role = last_iso, code
        else:
            continue
        if iso and role[:3] not in ROLE_CODES:
            role = "GOV"
        last_iso = iso or last_iso
        if not spec:
            default.append((iso, role, "", "", "", f"phx:{tag}="))
            continue
        m2 = re.fullmatch(r"(\d{6,8})\s*-\s*(\d{6,8})", spec)
        if m2:
            start, end, note = _phx_date(m2.group(1)), _phx_date(m2.group(2)), f"phx:{tag}"
            if not start or not end or end <= start:
                continue
        elif spec.startswith(">"):
            start, note = _phx_date(spec[1:].strip()), f"phx:{tag}>"
            end = PHOENIX_CAP if start and start < PHOENIX_CAP else ""
            if not start:
                continue
        elif spec.startswith("<"):
            start, end, note = "", _phx_date(spec[1:].strip()), f"phx:{tag}<"
            if not end:
                continue
        else:
            continue
        dated.append((iso, role, "", start, end, note))
    return dated, default


def import_phoenix_persons(src: Path, people: People, countries: dict, country_keys: set[str]) -> None:
    """Merge the Phoenix person entries into ``people`` (one identity per name key + country).

    An entry is a person when it has dated codes or comes from the CountryInfo/IGO rulers
    lists; an undated entry ("BASHAR_AL-ASSAD +ASSAD ... [SYRGOV]") only adds its spellings
    (and its default role) to a person another source already has.
    """
    exact: dict[tuple[str, str], set[str]] = defaultdict(set)
    loose: dict[tuple[str, str], set[str]] = defaultdict(set)

    def index(key: str) -> None:
        base, iso = key.split("|")
        ex, sk = index_keys(base)
        for k in ex:
            exact[(k, iso)].add(key)
        for k in sk:
            loose[(k, iso)].add(key)

    for key in list(people.names):
        index(key)
        for alias in people.aliases.get(key, ()):
            for k in index_keys(alias)[0]:
                exact[(k, key.split("|")[1])].add(key)

    def find(keys: list[str], iso: str) -> str | None:
        for table, kinds in ((exact, "exact"), (loose, "skeleton")):
            for k in keys:
                k2 = skeleton(k) if kinds == "skeleton" else k
                hits = table.get((k2, iso), set()) & people.names.keys()
                if len(hits) == 1:
                    return next(iter(hits))
                if len(hits) > 1:
                    return None  # two people fit: do not guess
            if kinds == "exact":  # Joe/Joseph: a given-name variant with the same surname
                for k in keys:
                    words = k.split()
                    if len(words) < 2:
                        continue
                    found = set()
                    for v in given_name_variants(words[0]):
                        alt = " ".join([v, *words[1:]])
                        found |= {h for h in exact.get((alt, iso), set()) | exact.get((alt.split()[0] + " " + words[-1], iso), set()) if h in people.names}
                    if len(found) == 1:
                        return next(iter(found))
        return None

    for tag, fname in PHOENIX_FILES:
        path = src / fname
        if not path.exists():
            continue
        for phrases, codes, comment in parse_phoenix_entries(path):
            dated, default = _phx_roles(codes, tag, countries)
            if not dated and not default:
                continue
            listed = bool(re.search(r"CountryInfo|IGOrulers", comment))
            texts = []
            for ph in phrases:
                text = _ci_title(ph).strip(" .")
                words = fold(text).replace("-", " ").split()
                if not words or set(words) & _NOT_A_NAME or fold(text) in country_keys or re.search(r"\d", text):
                    continue
                if len(words) > 1 and (words[0] in country_keys or " ".join(words[:2]) in country_keys):
                    continue
                texts.append(text)
            if not texts or fold(_ci_title(phrases[0]).strip(" .")) != fold(texts[0]):
                continue  # the head is a country, a place or a body: not a person's entry
            head = texts[0]
            full = [t for t in texts if len(name_key(t).split()) >= 2]
            singles = sorted({t for t in texts if len(name_key(t).split()) == 1})
            if not full:
                continue
            isos = [r[0] for r in dated + default if r[0]]
            iso = max(sorted(set(isos)), key=isos.count) if isos else ""
            keys = list(dict.fromkeys(name_key(t) for t in full))
            target = find(keys, iso)
            if target is None and not iso:  # an IGO official: the one national record of the name
                hits = {h for h in people.names if h.split("|")[0] in keys}
                if len(hits) == 1:
                    target = next(iter(hits))
            if target is None:
                if not (dated or listed):
                    continue  # undated and unknown elsewhere: may be a body, not a person
                target = f"{keys[0]}|{iso}"
                people.names[target] = head
                index(target)
            for t in full:
                if name_key(t) != target.split("|")[0]:
                    people.aliases[target].add(t)
                people.sources[target].add((t, f"phx:{tag}"))
            for t in singles:
                if iso not in FAMILY_FIRST or len(phrases) > 1:
                    people.surnames[target].add(t)
                    people.sources[target].add((t, f"phx:{tag}"))
            if len(keys[0].split()) >= 2 and iso not in FAMILY_FIRST:
                people.surnames[target].add(head.split()[-1])
            for r in dated + default:
                people.roles[target].append(r)
                if r[0]:
                    people.weight[target][r[0]] += 1




_BODY_WORDS = _NOT_A_NAME | set(
    """intelligence fleet guard guards corps bureau directorate department reserve treasury customs
    gendarmerie security air forces prosecutor prosecutors revenue ministry""".split()
)


_GENERIC_WORDS = set("of the and for on in to general national federal central high supreme chief".split())


def import_phoenix_bodies(src: Path, org_rows: dict, countries: dict, person_words: set[str], country_keys: set[str], generic: set[str] = frozenset()) -> None:
    """Organisation rows from the body-of-state and armed-group entries of the Phoenix
    country file: phrases with a body word ("..._INTELLIGENCE_COMMUNITY", "..._FLEET"), and
    single words of such entries that are nobody's name ("MOSSAD", "FBI", "DAESH")."""
    path = src / "Phoenix.Countries.actors.txt"
    if not path.exists():
        return
    for phrases, codes in parse_phoenix(path):
        plain = []
        for c in codes:
            m = re.fullmatch(r"\s*([A-Z]{6,15})\b.*", c)
            if not m:
                continue
            code = m.group(1)
            if code[:3] in countries and code[3:6] in ROLE_CODES or code.startswith(("IMG", "IGO", "NGO")):
                plain.append(code)
        if not plain:
            continue
        code = plain[-1]  # the latest listed code (the dictionary lists a body's codes in order)
        texts = []
        for ph in phrases:
            text = _ci_words(ph).strip()
            if text.startswith("THE "):
                text = text[4:]
            words = fold(text).replace("-", " ").split()
            if words:
                texts.append((text, words))
        # "PESHMERGA +KURDISH_PESHMERGA [IRQMIL]": an undated armed force whose head is one
        # word that is nobody's name; that word marks its phrases as a body word does
        own: set[str] = set()
        if code[3:6] in ("MIL", "REB") and not any(re.search(r"\d", c) for c in codes) and texts:
            head, head_words = texts[0]
            if len(head_words) == 1 and fold(head) not in person_words and name_key(head) not in person_words:
                own = set(head_words)
        if not any(set(w) & (_BODY_WORDS | own) for _, w in texts):
            continue  # a person's entry ("BASHAR_AL-ASSAD +ASSAD_GOVERNMENT" aside)
        name = next((t for t, w in texts if set(w) & _BODY_WORDS), texts[0][0])
        iso = code[:3] if code[:3] in countries else ""
        for text, words in texts:
            key = fold(text)
            if key in country_keys or re.search(r"\d", key):
                continue
            if len(words) == 1:
                if len(key) < 3 or key in person_words or name_key(text) in person_words or key in _BODY_WORDS or key in generic:
                    continue  # "Senate", "Army": a body of any state, not this one's name
            elif not set(words) & (_BODY_WORDS | own) or all(w in _BODY_WORDS or w in _GENERIC_WORDS for w in words):
                continue  # "Department of State" without its country
            org_rows.setdefault(key, [key, code, name.title() if len(name) > 6 else name, iso, "Phoenix.Countries"])



def _fb_body_role(text: str) -> str:
    t = text.lower()
    if re.search(r"police|gendarmer|border|carabinier|constabulary", t):
        return "COP"
    if re.search(r"intelligence|security service|state security|secret service", t):
        return "SPY"
    if re.search(r"ministry|department", t):
        return "GOV"
    return "MIL"


def _bridged(spells: list[tuple[str, str, str, str, str, str]]) -> list[tuple[str, str, str, str, str, str]]:
    """A person's roles (iso3, code, title, start, end, source) with the spells a source
    cut at its own end of coverage bridged to a later source's (the rule is
    :func:`eventcoder.actors.kb.bridge_capped_spells`, applied once here, not at load)."""
    as_kb = [(start, end, iso, code, title, src, 0) for iso, code, title, start, end, src in spells]
    bridge_capped_spells([as_kb])
    return [(iso, code, title, start, end, src) for start, end, iso, code, title, src, _ in as_kb]


_ACRONYM_SKIP = frozenset("of the and for in on de la el al du des del".split())


def _bracketed_names(org_rows: dict, generic: set[str]) -> None:
    """A name written with its acronym in brackets ("LIBERATION_TIGERS_OF_TAMIL_EELAM_(LTTE)",
    "Army (Esercito Italiano"): the name without the brackets is a key too, and so is the
    acronym (three letters or more, not a word of the KB's tables, not already a key)."""
    added: dict[str, list[str]] = {}
    acronyms: dict[str, set[str]] = defaultdict(set)
    for key, row in sorted(org_rows.items()):
        if "(" not in key:
            continue
        bare = re.sub(r"\s+", " ", re.sub(r"\([^)]*\)?", " ", key)).strip()
        if bare and len(bare.split()) >= 2 and bare not in generic and (
            bare not in org_rows or (row[3] and not org_rows[bare][3] and org_rows[bare][4] == row[4])
        ):
            # a national group's own entry beats a region code under the same name
            # ("MORO_ISLAMIC_LIBERATION_FRONT_(MILF)_ [PHLREB]" over a member list's [IMGSEA...])
            added.setdefault(bare, [bare, row[1], re.sub(r"\s*\([^)]*\)?", "", row[2]).strip(), row[3], row[4]])
        m = re.search(r"\(([a-z][a-z0-9-]{2,9})\)", key)
        words = bare.split()
        initials = {"".join(w[0] for w in words), "".join(w[0] for w in words if w not in _ACRONYM_SKIP)}
        if m and m.group(1) in initials and m.group(1) not in org_rows and m.group(1) not in generic:
            acronyms[m.group(1)].add(row[1])
            added.setdefault("~" + m.group(1), [m.group(1), row[1], row[2], row[3], row[4]])
    for key, row in added.items():
        if key.startswith("~"):
            acr = key[1:]
            if len(acronyms[acr]) == 1 and acr not in org_rows:  # one body only
                org_rows[acr] = row
        elif key not in org_rows or (row[3] and not org_rows[key][3]):
            org_rows[key] = row


def import_factbook_bodies(profiles: list[dict], org_rows: dict, countries: dict, generic: set[str]) -> None:
    """Bodies of states from the Factbook profiles: the military and security forces
    (-> ISO3 + MIL/COP/SPY/GOV) and political parties (-> ISO3 + PTY), with their
    acronyms when only one country uses them."""
    found: dict[str, set[tuple[str, str, str]]] = defaultdict(set)  # key -> {(code, name, iso)}
    for p in profiles:
        iso = p.get("iso3") or ""
        if iso not in countries:
            continue
        forces = re.sub(r"\(\d{4}\)", " ", p.get("military_security_forces") or "")
        for seg in re.split(r"[;:,]| includes? ", forces):
            seg = seg.strip(" .")
            acrs = re.findall(r"\(([A-Z][A-Za-z-]{1,9})(?:[;,][^)]*)?\)", seg)
            name = re.sub(r"\(.*?\)", " ", seg)
            name = re.sub(r"\s+", " ", name).strip(" .")
            if not name or name.lower().startswith(("note", "separate", "the ", "and ", "plus")):
                continue
            words = name.split()
            if len(words) < 2 or len(name) > 70 or not any(w[0].isupper() for w in words):
                continue
            code = iso + _fb_body_role(name)
            found[fold(name)].add((code, name, iso))
            for a in acrs:
                if len(a) >= 3 and a.isupper():
                    found[fold(a)].add((code, name, iso))
        for seg in (p.get("political_parties") or "").split(";"):
            seg = re.sub(r"\(.*?\)|\[.*?\]", " ", seg).strip(" .")  # "(LP)", "[leader's name]"
            alts = [x.strip() for x in re.split(r"\bor\b", seg) if x.strip()]
            if not alts:
                continue
            name = alts[0]
            if len(fold(name).split()) < 2 or len(name) > 70:
                continue  # "The Bridge", "Movement": one word without its article is a common word
            for a in alts:
                if len(fold(a).split()) >= 2 or (len(a) >= 3 and a.isupper() and a.isalpha()):
                    found[fold(a)].add((iso + "PTY", name, iso))
    for key, hits in sorted(found.items()):
        if len({h[0] for h in hits}) != 1 or key in generic or key in org_rows:
            continue  # used by several countries ("National Guard", "PSD"), or already known
        code, name, iso = sorted(hits)[0]
        org_rows[key] = [key, code, name, iso, "factbook"]


# --------------------------------------------------------------------------- groups

# English adherent names the CAMEO religion dictionary lacks (it lists "ISLAM", "SHIA",
# "JUDAISM"): hand rows, each mapped to the dictionary's own code.
HAND_GROUPS = [  # (text, code, note)
    ("Muslim", "MUS", "hand: adherent of ISLAM [MUS]"), ("Moslem", "MUS", "hand: adherent of ISLAM [MUS]"),
    ("Shiite", "MUSSHI", "hand: adherent of SHIA [MUSSHI]"), ("Shi'ite", "MUSSHI", "hand: adherent of SHIA [MUSSHI]"),
    ("Shia Muslim", "MUSSHI", "hand"), ("Shiite Muslim", "MUSSHI", "hand"),
    ("Sunni Muslim", "MUSSUN", "hand"), ("Alawite", "MUSALE", "hand: adherent of ALAWI [MUSALE]"),
    ("Jew", "JEW", "hand: adherent of JUDAISM [JEW]"), ("Jewish", "JEW", "hand: adherent of JUDAISM [JEW]"),
    ("Catholic", "CHRCTH", "hand: ROMAN_CATHOLIC [CHRCTH]"), ("Copt", "CHRCPT", "hand: COPTIC_ORTHODOX [CHRCPT]"),
    ("Yazidi", "IRR020", "hand: adherent of YAZIDISM [IRR020]"), ("Yezidi", "IRR020", "hand: adherent of YAZIDISM [IRR020]"),
]


def _adherents(text: str) -> list[str]:
    """Names of a religion's adherents by English word formation: Christianity -> Christian,
    Hinduism -> Hindu, Buddhism -> Buddhist, Sikhism -> Sikh/Sikhist."""
    t = text
    out = []
    if t.endswith("ianity"):
        out.append(t[:-3])
    elif t.endswith("uism"):
        out.append(t[:-3])
    elif t.endswith("ism"):
        out += [t[:-3] + "ist", t[:-3]]
    return out


def build_groups(src: Path) -> list[list[str]]:
    """groups.tsv rows (key, code, name, source) from the CAMEO ethnic and religious dictionaries."""
    rows: dict[str, list[str]] = {}
    for fname, label in (("CAMEO.EthnicGroups.actors.txt", "CAMEO.EthnicGroups"), ("CAMEO.ReligiousGroups.actors.txt", "CAMEO.ReligiousGroups")):
        path = src / fname
        if not path.exists():
            continue
        for phrases, codes in parse_phoenix(path):
            plain = [c.strip() for c in codes if re.fullmatch(r"[A-Z]{3}[A-Z0-9]*", c.strip())]
            if not plain:
                continue
            code = plain[0]
            name = _ci_title(phrases[0])
            for ph in phrases:
                text = _ci_words(ph).strip()
                if text.startswith("THE "):
                    text = text[4:]
                if len(text) < 3:
                    continue
                for t in [text, *(_adherents(text.lower()) if "Religious" in label else [])]:
                    key = fold(t)
                    rows.setdefault(key, [key, code, name, label])
    for text, code, note in HAND_GROUPS:
        key = fold(text)
        rows.setdefault(key, [key, code, text, note])
    return list(rows.values())


# --------------------------------------------------------------------------- build


def build(src: Path) -> dict[str, tuple[list[str], list[list[str]]]]:
    profiles = read_profiles(src)
    cinfo = read_countryinfo(src)

    # ---- countries: the Factbook profiles are the list; CountryInfo adds COW codes
    countries: dict[str, dict] = {}
    for p in profiles:
        iso = p.get("iso3") or ""
        if not re.fullmatch(r"[A-Z]{3}", iso) or not p.get("short"):
            continue
        cap = (p.get("capital") or "").split(";")[0]
        cap = re.sub(r"\(.*?\)", "", cap).strip()
        if cap.lower().startswith("none") or cap.lower().startswith("no official"):
            cap = ""
        sovereign = "0" if iso in NON_SOVEREIGN else "1"
        # the Factbook writes "none" where a country has only a long form ("United Arab Emirates")
        name = p["short"] if p["short"].strip().lower() != "none" else (p.get("long") or "").strip()
        if not name or name.lower() == "none":
            continue
        countries[iso] = {"name": name, "sovereign": sovereign, "capital": cap}
    cow_to_iso: dict[str, str] = {"2": "USA", "USA": "USA"}
    for rec in cinfo:
        iso = rec["CountryCode"] if rec["CountryCode"] in countries else rec["ISO3166-alpha3"]
        rec["iso3"] = iso if iso in countries else ""
        if not rec["iso3"]:
            continue
        if rec["COW-Numeric"].strip().isdigit():
            cow_to_iso.setdefault(str(int(rec["COW-Numeric"])), iso)
        if re.fullmatch(r"[A-Z]{3}", rec["COW-Alpha"].strip()):
            cow_to_iso.setdefault(rec["COW-Alpha"].strip(), iso)
    # Factbook short names like "Korea, South" -> readable
    for iso, c in countries.items():
        m = re.match(r"^(.*), (North|South|Democratic Republic of the|Republic of the|The)$", c["name"])
        if m:
            c["name"] = f"{m.group(2)} {m.group(1)}".replace("The ", "The ")
    fix = {"KOR": "South Korea", "PRK": "North Korea", "COD": "Democratic Republic of the Congo", "COG": "Republic of the Congo", "BHS": "The Bahamas", "GMB": "The Gambia"}
    for iso, name in fix.items():
        if iso in countries:
            countries[iso]["name"] = name

    # ---- country names: (kind, key) -> {iso3: (priority, text, note)}
    names: dict[tuple[str, str], dict[str, tuple[int, str, str]]] = defaultdict(dict)

    def add_name(iso: str, kind: str, text: str, prio: int, note: str) -> None:
        text = re.sub(r"\s+", " ", text).strip()
        if not text or iso not in countries:
            return
        key = fold(text)
        if len(key) < 2:
            return
        old = names[(kind, key)].get(iso)
        if old is None or prio < old[0]:
            names[(kind, key)][iso] = (prio, text, note)

    for iso, kind, text, note in HAND_NAMES:
        add_name(iso, kind, text, 0, note)
    for p in profiles:
        iso = p.get("iso3") or ""
        if iso not in countries:
            continue
        for field_ in ("short", "long"):
            v = p.get(field_)
            if v and v.lower() != "none":
                add_name(iso, "name", v, 1, "factbook")
                m = re.match(r"^(.*), (.*)$", v)
                if m:
                    add_name(iso, "name", f"{m.group(2)} {m.group(1)}", 1, "factbook")
        for field_ in ("former", "abbrev"):
            v = p.get(field_)
            if v and v.lower() != "none":
                for part in re.split(r";|,", v):
                    part = re.sub(r"\(.*?\)", "", part).strip()
                    if part:
                        add_name(iso, "alias", part, 2, "factbook")
        cap = p.get("capital") or ""
        for part in re.split(r";", cap):
            part = re.sub(r"\(.*?\)|note.*$", "", part).strip()
            if part and not part.lower().startswith("none"):
                add_name(iso, "capital", part, 1, "factbook")
                add_name(iso, "capital", part.split(",")[0], 1, "factbook")
        adj = p.get("nationality_adj") or ""
        for part in re.split(r",|;| or ", adj):
            part = re.sub(r"\(.*?\)", "", part).strip()
            if part and not part.lower().startswith("none"):
                add_name(iso, "adjective", part, 1, "factbook")
        noun = p.get("nationality_noun") or ""
        for part in re.split(r",|;| or ", noun):
            part = re.sub(r"\(.*?\)", "", part).strip()
            m = re.match(r"^(.*?)\((\w+)\)$", (p.get("nationality_noun") or "").split(",")[0].strip())
            if part and not part.lower().startswith("none"):
                add_name(iso, "demonym", part, 1, "factbook")
        m = re.match(r"^([^(,;]+)\((s|es)\)", noun.strip())
        if m:
            add_name(iso, "demonym", m.group(1).strip(), 1, "factbook")
            add_name(iso, "demonym", m.group(1).strip() + m.group(2), 1, "factbook")
    for rec in cinfo:
        iso = rec["iso3"]
        if iso not in countries:
            continue
        add_name(iso, "name", _ci_words(rec["CountryName"]).title(), 3, "countryinfo")
        for n in rec["Nationality"]:
            add_name(iso, "adjective", _ci_words(n).title(), 3, "countryinfo")
        for n in rec["Capital"]:
            add_name(iso, "capital", _ci_words(n).title(), 3, "countryinfo")
    cn = read_countrynames(src)
    fips = {r["FIPS"].strip().lower(): r["ISOAlpha2"].strip() for r in _dictrows(src / "factbook_fips_to_iso2.csv", ",")}
    iso2_to_3 = {fips[p["gec"]]: p["iso3"] for p in profiles if p.get("gec") in fips and p.get("iso3") in countries}
    for code, variants in cn.items():
        iso = iso2_to_3.get(code)
        if not iso:
            continue
        for v in variants:
            if re.fullmatch(r"[A-Za-z][A-Za-z .'()-]{3,60}", v) and not re.search(r"\b(emetab|formerly|was)\b|^i ", v, re.I):
                add_name(iso, "alias", v, 4, "countrynames")

    name_rows = []
    for (kind, key), by_iso in names.items():
        ranked = sorted(by_iso.items(), key=lambda kv: (kv[1][0], countries[kv[0]]["sovereign"] != "1", kv[0]))
        best_iso, (prio, text, note) = ranked[0]
        others = ",".join(sorted(i for i, _ in ranked[1:]))
        name_rows.append([kind, key, best_iso, others, note])

    country_rows = [[iso, c["name"], c["capital"], c["sovereign"]] for iso, c in countries.items()]

    # ---- organizations
    org_rows: dict[str, list[str]] = {}
    for entry_names, codes in parse_phoenix(src / "Phoenix.International.actors.txt"):
        plain = [c.strip() for c in codes if c.strip() and re.fullmatch(r"[A-Z]{3,15}", c.strip())]
        if not plain or any(re.search(r"\d", c) for c in codes):
            continue  # dated codes are people, not bodies
        code = plain[0]
        if not code.startswith(("IGO", "NGO", "MNC", "INGO")):
            continue
        for n in entry_names:
            text = _ci_words(n).strip()
            if text.startswith("THE "):
                text = text[4:]
            if len(text) < 2:
                continue
            key = fold(text)
            org_rows.setdefault(key, [key, code, text.title() if len(text) > 6 else text, "", "Phoenix.International"])
    def one_country_named(texts: list[str]) -> str:
        """The one country that the names name by its name or adjective ("Palestinian
        Islamic Jihad", "... Independence of Angola"), else ''."""
        found = set()
        for text in texts:
            text = re.sub(r"latin[ _]america\w*", " ", fold(_ci_words(text)))  # not the USA
            words = text.replace("(", " ").replace(")", " ").split()
            for n in (1, 2, 3):
                for i in range(len(words) - n + 1):
                    for kind in ("name", "adjective"):
                        hits = names.get((kind, " ".join(words[i : i + n])))
                        if hits and len(hits) == 1:
                            found |= set(hits)
        return found.pop() if len(found) == 1 else ""

    # non-state armed groups (Hamas, Hezbollah, Taliban, FARC, ...): their undated code
    for entry_names, codes in parse_phoenix(src / "Phoenix.MilNonState.actors.txt"):
        # six letters and more, or a bare IMG ("AL-QAEDA_IN_THE_ARABIAN_PENINSULA +AQAP [IMG]")
        plain = [c.strip() for c in codes if re.fullmatch(r"[A-Z]{6,15}|IMG", c.strip())]
        if not plain:
            continue
        code = plain[0]
        iso = code[:3] if code[:3] in countries else ""
        if not iso and code[:3] not in ("INT", "IMG", "IGO", "NGO", "MNC"):
            # an old country code (ANG) or a region code (MEA, WAF) for a group whose own
            # name says its country: "Palestinian Islamic Jihad" [MEAREB] -> PSEREB
            iso = OLD_COUNTRY_CODES.get(code[:3]) or one_country_named(entry_names)
            if iso:
                code = iso + code[3:]
        for n in entry_names:
            text = _ci_words(n).strip()
            if text.startswith("THE "):
                text = text[4:]
            if len(text) < 4 or text.lower() in _GROUP_STOPWORDS:
                continue
            key = fold(text)
            org_rows.setdefault(key, [key, code, text.title() if len(text) > 6 else text, iso, "Phoenix.MilNonState"])
    table = (src / "cameo_1.1b3_ch3_actor_codebook.md").read_text(encoding="utf-8")
    for m in re.finditer(r"^\|[^|\n]*\|\s*([^|\n]+?)\s*\|\s*((?:IGO|NGO|INGO|IGNO)[A-Z]+)\s*\|\s*$|^\|\s*([^|\n]+?)\s*\|\s*((?:IGO|NGO|INGO|IGNO)[A-Z]+)\s*\|\s*$", table, re.M):
        name = (m.group(1) or m.group(3)).strip()
        code = (m.group(2) or m.group(4)).strip().replace("IGNO", "IGO")
        acr = re.search(r"\(([A-Z][A-Za-z-]+)\)", name)
        base = re.sub(r"\s*\(.*?\)", "", name).strip()
        for text in [base] + ([acr.group(1)] if acr else []):
            key = fold(text)
            org_rows.setdefault(key, [key, code, base, "", "CAMEO codebook 3.4"])
    for text, code, name, note in HAND_ORGS + HAND_STATE_BODIES + HAND_ARMED_GROUPS:
        key = fold(text)
        org_rows[key] = [key, code, name, code[:3] if code[:3] in countries else "", note]

    # ---- agents
    agent_rows: dict[str, list[str]] = {}
    subs = {"!PERSON!": ["man", "men", "woman", "women", "person"], "!MINIST!": ["minister", "ministers", "ministry", "ministries"]}
    for line in (src / "Phoenix.agents.txt").read_text(encoding="utf-8", errors="replace").splitlines():
        body = line.split("#")[0].strip()
        m = re.match(r"^([^\[{]+?)\s*(\{[^}]*\})?\s*\[~?([A-Z]+)\]", body)
        if not m:
            continue
        phrase, code = m.group(1).strip(), m.group(3)
        variants = [phrase]
        for tok, reps in subs.items():
            if tok in phrase:
                variants = [phrase.replace(tok, r) for r in reps]
        for v in variants:
            text = fold(_ci_words(v))
            if text and "!" not in text:
                agent_rows.setdefault(text, [text, code, "Phoenix.agents"])
    for text, code in HAND_AGENTS.items():
        agent_rows[fold(text)] = [fold(text), code, "hand"]
    for key, row in list(agent_rows.items()):
        if "-" in key:  # "self-defense forces" as the parser splits it: "self defense forces"
            agent_rows.setdefault(key.replace("-", " "), [key.replace("-", " "), *row[1:]])
    title_rows = [[fold(t), c, "hand"] for t, c in HAND_TITLES.items()]

    # ---- persons
    people = People()
    spells = list(_dictrows(src / "factbook_exec_spells_proto.tsv", "\t"))
    cleaned = []
    for s in spells:
        if s["role"] not in ("HOS", "HOG", "DEP"):
            continue
        name = clean_name(s["name"])
        if not name:
            continue
        role = s["role"]
        title = s["title"].strip()
        raw = s["name"]
        if re.search(r"second prime minister|co-prime|first prime minister", (title + " " + raw), re.I):
            role = "HOG"  # co-premiers (KHM 1993-98) are heads of government, not deputies
            s = {**s, "co": "1"}
            if not title or title.lower().startswith("and"):
                title = "Co-Prime Minister"
        if title.lower().startswith("and ") or not title:
            title = {"HOS": "Head of State", "HOG": "Head of Government", "DEP": "Deputy"}[role] if not title or title.lower() in ("and", "and deputy prime") else title[4:]
        nick = " ".join(re.findall(r'["\u201c]([A-Z][a-z]{2,})["\u201d]', raw))  # Joko "Jokowi" WIDODO
        cleaned.append({**s, "name": name, "role": role, "title": title, "nick": nick})

    # merge spelling variants: same iso3, same surname run, overlapping spells
    def sur(n: str) -> str:
        return person_key(display_name(n)[1] or n)

    by_country: dict[str, list[dict]] = defaultdict(list)
    for s in cleaned:
        by_country[s["iso3"]].append(s)
    canon: dict[tuple[str, str], str] = {}  # (iso3, raw name) -> canonical raw name
    for iso, rows in by_country.items():
        obs: dict[str, int] = defaultdict(int)
        for r in rows:
            obs[r["name"]] += int(r["n_obs"] or 1)
        groups: dict[str, list[dict]] = defaultdict(list)
        for r in rows:
            groups[sur(r["name"])].append(r)
        for _, grp in groups.items():
            # the fullest spelling first ("Joko Widodo" before a bare "WIDODO"), then the most seen
            names_ = sorted({r["name"] for r in grp}, key=lambda n: (-len(n.split()), -obs[n], n))
            for n in names_:
                canon[(iso, n)] = n
            for i, a in enumerate(names_):
                for b in names_[:i]:
                    if canon[(iso, b)] != b:
                        continue
                    sa = [r["start"] for r in grp if r["name"] == a]
                    sb = [r["start"] for r in grp if r["name"] == b]
                    ta, tb = person_key(a).split(), person_key(b).split()
                    similar = set(ta) <= set(tb) or set(tb) <= set(ta) or (ta and tb and ta[0][:3] == tb[0][:3])
                    if similar and set(sa) & set(sb):
                        canon[(iso, a)] = b
                        break

    # spell ends: own next spell, next holder (HOS/HOG), or last observation
    seq: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for s in cleaned:
        s["name"] = canon.get((s["iso3"], s["name"]), s["name"])
        seq[(s["iso3"], s["role"])].append(s)
    own_starts: dict[tuple[str, str], list[str]] = defaultdict(list)
    for x in cleaned:
        own_starts[(x["iso3"], x["name"])].append(full_date(x["start"]))
    for (iso, role), rows in seq.items():
        rows.sort(key=lambda r: (full_date(r["start"]), r["name"]))
        def _current(x: dict) -> bool:
            last = x["last_seen"].strip()
            return bool(last) and last >= CURRENT_SINCE[: len(last)] and (len(last) > 4 or last >= "2026")

        current = {x["name"] for x in rows if _current(x)}
        latest: dict[str, str] = {}
        for x in rows:
            latest[x["name"]] = max(latest.get(x["name"], ""), full_date(x["start"]))
        for i, r in enumerate(rows):
            start = full_date(r["start"])
            end = full_date(r["end"])
            note = "fb"
            if r["name"] in current and start == latest[r["name"]] and (
                role == "DEP" or not any(full_date(x["start"]) > start and x["name"] != r["name"] and x["name"] in current for x in rows)
            ):
                # still seen in office in the latest Factbook, nobody took over since: the
                # proto spells' end date is a parsing slip ("ABIY Ahmed Ali" 2018-04-02)
                end, note = "", "fb+"
            if not end:
                last = r["last_seen"].strip()
                if last and last >= CURRENT_SINCE[: len(last)] and (len(last) > 4 or last >= "2026"):
                    end = ""
                else:
                    nxt = ""
                    if role in ("HOS", "HOG") and not r.get("co"):
                        for r2 in rows[i + 1 :]:
                            if r2["name"] != r["name"] and full_date(r2["start"]) > start:
                                nxt = full_date(r2["start"])
                                break
                    own = [d for d in own_starts[(iso, r["name"])] if d > start]
                    cands = [d for d in [nxt, min(own) if own else ""] if d]
                    if cands:
                        end = min(cands)
                    elif last:
                        end = full_date(last, end=True)
                        note = "fb~"
            if not start:
                continue
            display, surname = display_name(r["name"])
            if r["iso3"] in FAMILY_FIRST and not surname:
                surname = ""
            code = "GOV"
            key = people.add(display, surname, iso, code, r["title"] or role, start, end, note + f" {role}", int(r["n_obs"] or 1))
            for nick in r.get("nick", "").split():
                # "Tony Abbott", "Bill English"; a nickname that is no given name stands
                # alone like a surname ("Jokowi", "Farmaajo")
                alias = f"{nick} {surname}" if surname else ""
                if alias:
                    people.aliases[key].add(alias)
                    people.sources[key].add((alias, "fb"))
                if not given_name_variants(nick.lower()):
                    people.surnames[key].add(nick)
                    people.sources[key].add((nick, "fb"))

    # Archigos for leaders before 1990
    for row in _dictrows(src / "archigos41_leaders.tsv", "\t"):
        start, end = row["startdate"][:10], row["enddate"][:10]
        if not start or start >= "1990-01-01":
            continue
        iso = cow_to_iso.get(str(int(row["ccode"]))) if row["ccode"].strip().isdigit() else None
        iso = iso or cow_to_iso.get(row["idacr"].strip()) or (row["idacr"].strip() if row["idacr"].strip() in countries else None)
        if not iso:
            continue
        name = row["leader"].strip()
        m = re.search(r"dbpedia\.org_resource_([^&]+)", row.get("dbpediauri") or "")
        surname = name
        if m:
            full = urllib.parse.unquote(m.group(1).replace("-5F", "_").replace("-2D", "-").replace("-2E", ".").replace("-28", "(").replace("-29", ")").replace("-2C", ",").replace("-27", "'"))
            full = re.sub(r"\(.*?\)", "", full.replace("_", " ")).strip()
            if re.fullmatch(r"[^\d%-][^%\d]+", full) and len(full) < 50:
                name = full
        people.add(name, surname if surname != name else "", iso, "GOV", "Leader", start, end, "arch")

    # CountryInfo cabinets 2003-2011 (CAMEO coded)
    for rec in cinfo:
        for line in rec["Government"]:
            body, _, comment = line.partition("#")
            title = comment.strip()
            alts = re.findall(r"\{([^}]*)\}", body)
            head = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", body).strip().split()
            raw_names = alts or head[:1]
            raw_names = [n for n in raw_names if n]
            if not raw_names:
                continue
            names_ = [_ci_title(n) for n in raw_names]
            for code, spec in re.findall(r"\[([A-Z]{3,12})\s*([^\]]*)\]", body):
                iso = code[:3]
                role = code[3:] or "GOV"
                if role[:3] not in ROLE_CODES:
                    role = "GOV"
                if iso not in countries:
                    continue
                spec = spec.strip()
                m2 = re.match(r"(\d{8})\s*-\s*(\d{8})", spec)
                if m2:
                    start, end, note = _d8(m2.group(1)), _d8(m2.group(2)), "ci"
                elif spec.startswith(">"):
                    start, end, note = _d8(spec[1:9]), "2012-02-28", "ci>"
                elif spec.startswith("<"):
                    start, end, note = "2002-01-01", _d8(spec[1:9]), "ci<"
                else:
                    continue
                if not start or not end:
                    continue
                main = names_[0]
                toks = [t for t in main.split() if not _ROMAN.match(t) and t.lower() not in _SUFFIXES]
                surname = (toks[0] if iso in FAMILY_FIRST else toks[-1]) if len(toks) > 1 else ""
                key = people.add(main, surname, iso, role, title or "Official", start, end, note)
                for alt in names_[1:]:
                    if person_key(alt) != key.split("|")[0]:
                        people.aliases[key].add(alt)
                        people.sources[key].add((alt, note))

    # CIA world leaders 2019-10 snapshot: undated, in office in October 2019
    name_to_iso = {}
    for p in profiles:
        if p.get("short") and p.get("iso3"):
            name_to_iso[p["short"]] = p["iso3"]
    for row in _dictrows(src / "cia_world_leaders_2019-10_snapshot.tsv", "\t"):
        iso = name_to_iso.get(row["country"].strip())
        if not iso:
            ent = names.get(("name", fold(row["country"])))
            iso = min(ent, key=lambda i: ent[i][0]) if ent else None
        if not iso:
            continue
        name = clean_name(row["name"])
        if not name:
            continue
        display, surname = display_name(name)
        title = row["title"].strip()
        if re.search(r"ambassador|representative to the un", title, re.I):
            continue  # diplomats abroad: too many, rarely news actors by name
        people.add(display, surname, iso, classify_title(title), title, "2019-04-01", "2020-04-01", "cia19~")

    # a territory's head of state is the metropole's (Biden "in" ASM, GUM, PRI): one person
    by_base: dict[str, list[str]] = defaultdict(list)
    for key in sorted(people.names):
        by_base[key.split("|")[0]].append(key)
    for base, keys in sorted(by_base.items()):
        sov = [k for k in keys if k.split("|")[1] not in NON_SOVEREIGN]
        for k in keys:
            if k.split("|")[1] in NON_SOVEREIGN and len(sov) == 1 and _overlap_any(people.roles[k], people.roles[sov[0]]):
                dst_iso = sov[0].split("|")[1]
                people.roles[k] = [(dst_iso, *r[1:]) for r in people.roles[k]]
                people.weight[k] = defaultdict(int, {dst_iso: sum(people.weight[k].values())})
                people.merge(k, sov[0])

    # the same full name heading two states at once (France's president, co-prince of
    # Andorra): one person, home where most observations are
    by_base = defaultdict(list)
    for key in sorted(people.names):
        by_base[key.split("|")[0]].append(key)
    heads = lambda k: [r for r in people.roles[k] if r[5].startswith("fb") and r[5].endswith(("HOS", "HOG"))]  # noqa: E731
    for base, keys in sorted(by_base.items()):
        if len(keys) < 2 or len(base.split()) < 2:
            continue
        keys = sorted(keys, key=lambda k: (-sum(people.weight[k].values()), k))
        for k in keys[1:]:
            if heads(k) and heads(keys[0]) and _overlap_any(heads(k), heads(keys[0])):
                people.merge(k, keys[0])

    # Phoenix person entries (Countries, International, MilNonState): head, + variants, dated codes
    import_phoenix_persons(src, people, countries, {k for (kind, k) in names if kind in ("name", "alias", "adjective", "demonym", "capital")})

    # merge persons whose keys differ only by a middle initial within one country
    by_short: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key in list(people.names):
        base, iso = key.split("|")
        short = short_key(base) or base
        by_short[(iso, short)].append(key)
    for (iso, short), keys in sorted(by_short.items()):
        keys = sorted({k for k in keys if k in people.names})
        if len(keys) < 2:
            continue
        weight = {k: sum(people.weight[k].values()) for k in keys}
        keys.sort(key=lambda k: (-weight[k], k))
        dst = keys[0]
        for k in keys[1:]:
            # when their spells overlap, or one name is the other without its middle name
            # ("Sergey Lavrov" / "Sergey Viktorovich Lavrov"); keeps George Bush and
            # George W. Bush apart (both have a middle initial, no common spell)
            bare = False
            for a_, b_ in ((k, dst), (dst, k)):
                if a_.split("|")[0] == short:  # b_ is a_ plus middle words: full words, not initials
                    extra = set(b_.split("|")[0].split()) - set(short.split())
                    bare = bare or (bool(extra) and all(len(w) > 1 for w in extra))
            if k in people.names and (bare or _overlap(people.roles[k], people.roles[dst])):
                people.merge(k, dst)
    # transliteration variants within one country ("Hasan Rohani" / "Hasan Ruhani",
    # "Qaddafi" / "Muammar Gaddafi"): same skeleton, overlapping spells
    by_skel: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key in sorted(people.names):
        base, iso = key.split("|")
        if not iso:
            continue
        words = base.split()
        by_skel[(iso, skeleton(base))].append(key)
        if len(words) >= 2:
            by_skel[(iso, "=" + skeleton(words[-1]))].append(key)
    for (iso, sk), keys in sorted(by_skel.items()):
        keys = [k for k in keys if k in people.names]
        if sk.startswith("="):  # a mononym that is someone's surname
            singles = [k for k in by_skel.get((iso, sk[1:]), []) if k in people.names and len(k.split("|")[0].split()) == 1]
            for k in singles:
                fits = [m for m in keys if m in people.names and _overlap(people.roles[k], people.roles[m])]
                if len(fits) > 1:  # the one holding the same office from the same day
                    starts = {r[3] for r in people.roles[k] if r[3]}
                    fits = [m for m in fits if starts & {r[3] for r in people.roles[m]}]
                if len(fits) == 1:
                    people.merge(k, fits[0])
            continue
        if len(keys) < 2:
            continue
        weight = {k: sum(people.weight[k].values()) for k in keys}
        keys.sort(key=lambda k: (-weight[k], k))
        words = sk.split()
        # a long name, or a distinctive surname, written two ways is one person even
        # across sources that cover different years (Binyamin / Benjamin Netanyahu)
        distinct = len(words) >= 3 or (len(words) == 2 and len(words[-1]) >= 4)
        for k in keys[1:]:
            if k in people.names and keys[0] in people.names and (distinct or _overlap(people.roles[k], people.roles[keys[0]])):
                people.merge(k, keys[0])
    # "Abiy Ahmed" and "Abiy Ahmed Ali": a name that is the start of exactly one longer
    # name in the same country
    by_two: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key in sorted(people.names):
        base, iso = key.split("|")
        if iso and iso not in FAMILY_FIRST and len(base.split()) >= 3:
            by_two[(iso, " ".join(base.split()[:2]))].append(key)
        if iso and iso not in FAMILY_FIRST and len(base.split()) >= 3:
            by_two[(iso, "~" + " ".join(base.split()[-2:]))].append(key)
    for key in sorted(people.names):
        base, iso = key.split("|")
        if key not in people.names or len(base.split()) != 2:
            continue
        for probe in (base, "~" + base):  # the start, or the end, of one longer name
            dst = by_two.get((iso, probe), [])
            if len(dst) == 1 and dst[0] in people.names:
                people.merge(key, dst[0])
                break

    # bodies of states and armed groups in the Phoenix country file ("MOSSAD +ISRAELI_
    # INTELLIGENCE_COMMUNITY [ISRSPY]", "THE_ISLAMIC_STATE +ISIS +DAESH [IMGMUSISI ...]")
    person_words = {k.split("|")[0] for k in people.names} | {person_key(x) for v in people.surnames.values() for x in v}
    generic = set(agent_rows) | {fold(t) for t in HAND_TITLES}
    import_phoenix_bodies(src, org_rows, countries, person_words, {k for (kind, k) in names}, generic)
    import_factbook_bodies(profiles, org_rows, countries, generic | {k for (kind, k) in names})

    # write persons / roles / person_names
    person_rows, role_rows, pname_rows = [], [], []
    ids = {key: f"P{n:05d}" for n, key in enumerate(sorted(people.names), start=1)}
    for key, name in people.names.items():
        pid = ids[key]
        base, key_iso = key.split("|")
        weights = dict(people.weight.get(key, {}))
        sovereign = {iso: countries.get(iso, {}).get("sovereign") == "1" for iso in weights if iso}
        home = sorted(sovereign, key=lambda i: (not sovereign[i], -weights[i], i))[0] if sovereign else key_iso
        family_first = home in FAMILY_FIRST
        aliases = sorted(people.aliases.get(key, set()) - {name})
        keys: set[str] = set()
        skel: set[str] = set()
        for n_ in [name, *aliases]:
            ex, sk = index_keys(n_, family_first)  # "Kim Jong Un": no first-and-last short form
            keys |= ex
            skel |= sk
        surnames: set[str] = set()
        for s_ in sorted(people.surnames.get(key, set())):
            k = person_key(s_)
            if not k or _ROMAN.match(s_) or len(k) < 3 or k in PARTICLES or k in HONORIFICS:
                continue  # "Al", "Sheikh": not a surname
            surnames.add(k)
            words = k.split()
            if len(words) == 2 and words[0] in ("al", "el", "ad", "as", "ar", "an", "at", "ash", "az"):
                surnames.add(words[1])  # "al-Assad" -> "assad"
        skeys = sorted(surnames - keys)
        sskel = sorted({skeleton(k) for k in skeys} - skel)
        person_rows.append([pid, name, home, "|".join(sorted(keys)), "|".join(skeys), "|".join(sorted(skel)), "|".join(sskel)])
        for n_, src_ in sorted(people.sources.get(key, set())):
            pname_rows.append([pid, n_, src_])
        seen = set()
        for iso, code, title, start, end, note in _bridged(people.roles[key]):
            row = (pid, iso, code, title, start, end, note)
            if row in seen:
                continue
            seen.add(row)
            role_rows.append(list(row))

    _bracketed_names(org_rows, generic)

    # a one-word country alias only the countrynames package gives that is the surname of
    # an office holder names the person in news, not the country ("Kerry": John Kerry, not
    # Ireland's county; "Sudani")
    office_surnames = set()
    held = {r[0] for r in role_rows if r[2][:3] != "ELI" and (not r[5] or r[5] >= "1990")}  # in the news era
    for row in person_rows:
        if row[0] in held:
            office_surnames.update(k for k in row[4].split("|") if k)
    name_rows = [
        r for r in name_rows
        if not (r[0] == "alias" and r[4] == "countrynames" and " " not in r[1] and r[1] in office_surnames)
    ]

    return {
        "countries.tsv": (["iso3", "name", "capital", "sovereign"], country_rows),
        "country_names.tsv": (["kind", "key", "iso3", "also", "source"], name_rows),
        "organizations.tsv": (["key", "code", "name", "country", "source"], list(org_rows.values())),
        "agents.tsv": (["key", "code", "source"], list(agent_rows.values())),
        "titles.tsv": (["key", "code", "source"], title_rows),
        "persons.tsv": (["person_id", "name", "home", "keys", "surname_keys", "skeletons", "surname_skeletons"], person_rows),
        "person_names.tsv": (["person_id", "name", "source"], pname_rows),
        "groups.tsv": (["key", "code", "name", "source"], build_groups(src)),
        "roles.tsv": (["person_id", "iso3", "code", "title", "start", "end", "source"], role_rows),
    }


def _overlap_any(a: list, b: list) -> bool:
    """Some spell of ``a`` overlaps some spell of ``b`` (any countries)."""
    a = [r for r in a if (r[3] or r[4]) and r[1][:3] != "ELI"]  # undated defaults and
    b = [r for r in b if (r[3] or r[4]) and r[1][:3] != "ELI"]  # "elite" spells say little
    return any(ra[3] <= (rb[4] or "9999") and rb[3] <= (ra[4] or "9999") for ra in a for rb in b)


def _overlap(a: list, b: list) -> bool:
    a = [r for r in a if (r[3] or r[4]) and r[1][:3] != "ELI"]
    b = [r for r in b if (r[3] or r[4]) and r[1][:3] != "ELI"]
    for ra in a:
        for rb in b:
            if ra[0] == rb[0] and ra[3] <= (rb[4] or "9999") and rb[3] <= (ra[4] or "9999"):
                return True
    return False


def _d8(s: str) -> str:
    s = s.strip()
    if not re.fullmatch(r"\d{8}", s):
        return ""
    y, m, d = s[:4], s[4:6], s[6:8]
    if m == "00":
        m = "01"
    dd = min(int(d) or 1, 28 if m == "02" else 30 if m in ("04", "06", "09", "11") else 31)
    return f"{y}-{m}-{dd:02d}"


def report(out: Path) -> str:
    """Counts and the head-of-state/government coverage table, from the written files."""
    def rows(name: str) -> list[dict]:
        with open(out / name, encoding="utf-8", newline="") as fh:
            return list(csv.DictReader(fh, delimiter="\t"))

    lines = []
    countries = rows("countries.tsv")
    names = rows("country_names.tsv")
    persons = rows("persons.tsv")
    roles = rows("roles.tsv")
    lines.append(f"countries: {len(countries)} ({sum(c['sovereign'] == '1' for c in countries)} sovereign)")
    kinds = defaultdict(int)
    for n in names:
        kinds[n["kind"]] += 1
    lines.append("country names: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    lines.append(f"organizations: {len(rows('organizations.tsv'))}; agents: {len(rows('agents.tsv'))}; titles: {len(rows('titles.tsv'))}")
    lines.append(f"persons: {len(persons)}; roles: {len(roles)}")
    by = defaultdict(int)
    for r in roles:
        by[(r["code"][:3], r["source"].split()[0].rstrip("~<>"))] += 1
    lines.append("roles by code/source: " + ", ".join(f"{c}/{s} {n}" for (c, s), n in sorted(by.items())))
    # name keys per person
    n_keys = [len(p["keys"].split("|")) + (len(p["surname_keys"].split("|")) if p.get("surname_keys") else 0) for p in persons]
    n_skel = [len(p["skeletons"].split("|")) if p.get("skeletons") else 0 for p in persons]
    n_keys.sort()
    lines.append(
        f"name keys per person: mean {sum(n_keys) / max(len(n_keys), 1):.2f}, median {n_keys[len(n_keys) // 2] if n_keys else 0}, "
        f"max {n_keys[-1] if n_keys else 0}; skeleton keys per person: mean {sum(n_skel) / max(len(n_skel), 1):.2f}"
    )
    if (out / "person_names.tsv").exists():
        by_src = defaultdict(set)
        for r in rows("person_names.tsv"):
            by_src[r["source"]].add(r["person_id"])
        lines.append("persons by name source: " + ", ".join(f"{k} {len(v)}" for k, v in sorted(by_src.items())))
    if (out / "groups.tsv").exists():
        lines.append(f"groups: {len(rows('groups.tsv'))} keys")
    # coverage: for each sovereign country and each 1 January, are a head of state, a head
    # of government and a foreign minister known (any source, overrides included)?
    over = rows("overrides.tsv") if (out / "overrides.tsv").exists() else []
    fm_title = re.compile(r"foreign (affairs|minister|secretary)|external affairs|^secretary of state$", re.I)
    not_fm = re.compile(r"deputy|vice|state for|first deputy|assistant|under", re.I)
    sov = sorted(c["iso3"] for c in countries if c["sovereign"] == "1")
    hos = defaultdict(list)
    hog = defaultdict(list)
    fm = defaultdict(list)
    spells = [(r["iso3"], r["source"], r["title"], r["start"], r["end"]) for r in roles]
    spells += [(r["iso3"], "override", r.get("title", ""), r.get("start", ""), r.get("end", "")) for r in over if r.get("code") != "ALIAS"]
    for iso, src, title, start, end in spells:
        span = (start or "0000", end or "9999")
        if src.startswith("fb") and src.endswith("HOS") or src == "override" and re.search(r"^president|king|emir|supreme leader", title, re.I):
            hos[iso].append(span)
        if src.startswith("fb") and src.endswith("HOG") or src.startswith("arch") or src == "override" and re.search(r"prime minister|premier", title, re.I):
            hog[iso].append(span)
        if fm_title.search(title or "") and not not_fm.search(title or ""):
            fm[iso].append(span)
    lines.append("")
    lines.append("coverage (sovereign countries with a known head of state / head of government / foreign minister on 1 January):")
    lines.append("year  countries  HOS  HOG   FM  all three")
    for year in range(1990, 2027):
        d = f"{year}-01-01"
        on = lambda table, i: any(s <= d < e for s, e in table[i])  # noqa: E731
        a = sum(on(hos, i) for i in sov)
        b = sum(on(hog, i) for i in sov)
        c = sum(on(fm, i) for i in sov)
        every = sum(on(hos, i) and on(hog, i) and on(fm, i) for i in sov)
        lines.append(f"{year}  {len(sov):9d}  {a:3d}  {b:3d}  {c:3d}  {every:9d}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sources", type=Path, default=DEFAULT_SOURCES)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--report", action="store_true", help="print counts and coverage after building")
    ap.add_argument("--no-build", action="store_true", help="with --report: only report on existing files")
    args = ap.parse_args(argv)
    if not args.no_build:
        if not args.sources.is_dir():
            print(f"build_kb: sources not found at {args.sources} (pass --sources)", file=sys.stderr)
            return 2
        args.out.mkdir(parents=True, exist_ok=True)
        for fname, (header, rows) in build(args.sources).items():
            write_tsv(args.out / fname, header, rows)
            print(f"build_kb: wrote {args.out / fname} ({len(rows)} rows)", file=sys.stderr)
    if args.report:
        print(report(args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
