"""The time-aware actor knowledge base: ``load_kb()`` -> :class:`KnowledgeBase`.

The data are compact TSV files in ``actors/data/`` written by ``tools/build_kb.py`` from
public sources (see ``docs/knowledge-base.md``), plus the hand-kept ``overrides.tsv``,
applied last.  Everything is read with the csv module into plain dicts at load time
(about 0.2 s); lookups are dictionary hits.

Person resolution as of a date (``KnowledgeBase.person``):

* a role active on the date gives its role code (``GOV``, ``MIL``, ``LEG`` ...); when
  several are active the override rows win, then heads of state/government, then the
  person's home country, then the most recent start;
* every known role ended before the date -> ``ELI`` (former official), with the country
  of the last role;
* known only for later roles -> ``role=None`` (the country is still given);
* a bare surname that fits several people -> the best fit on the date, with
  ``ambiguous=True`` and the other names in ``candidates`` when the two best fits are
  equally good (same status and rank).
"""

from __future__ import annotations

import csv
import datetime as dt
import gc
import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import CodebookError, ResourceNotFound
from .base import OrgEntry, PersonMatch
from .names import HONORIFICS, PARTICLES, fold_ascii, generational_suffix, given_name_variants, index_keys, name_key, short_key, skeleton, skeleton_usable

__all__ = ["KnowledgeBase", "load_kb", "RoleRecord", "DATA_DIR", "bridge_capped_spells"]

DATA_DIR = Path(__file__).resolve().parent / "data"

_FILES = (
    "countries.tsv",
    "country_names.tsv",
    "organizations.tsv",
    "agents.tsv",
    "titles.tsv",
    "persons.tsv",
    "roles.tsv",
)
_ROLE_CODES = frozenset(
    "GOV MIL COP JUD LEG OPP REB SEP INS SPY UAF ELI PTY AGR BUS CRM CVL DEV EDU ENV HLH HRI "
    "LAB MED REF MOD RAD".split()
)
# rank of a role row by its source: overrides > heads of state/government > deputies and
# historical leaders > ministers and other office holders.
_OVERRIDE_RANK = 4
# acronyms of bodies that are also English words: they name the body only in capitals
_WORD_ACRONYMS = frozenset({"ice"})
_LOOKUP_MEMO_SIZE = 1 << 16  # texts remembered per kind of country-name lookup
_FAMILY_FIRST = frozenset("CHN TWN HKG MAC KOR PRK KHM VNM".split())  # family name first
_LEADING_PARTICLES = frozenset("al el ad as ar an at ash az".split())


@dataclass(frozen=True, slots=True, kw_only=True)
class RoleRecord:
    """One dated role of a person, as stored in ``roles.tsv`` / ``overrides.tsv``."""

    iso3: str
    code: str
    title: str
    start: str  # ISO date, "" = unknown
    end: str  # ISO date (exclusive), "" = still in office
    source: str
    rank: int


@functools.lru_cache(maxsize=1 << 16)
def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"\s+", " ", text.replace("\u2019", "'").lower().strip())
    if text.startswith("the "):
        text = text[4:]
    return text


def _person_key(name: str) -> str:
    """The strict person-name key (:func:`eventcoder.actors.names.name_key`)."""
    return name_key(name)


def bridge_capped_spells(roles: list[list[tuple]]) -> None:
    """Roles do not go stale where a source stops: a spell a source cut at its own end of
    coverage (an open spell capped at the dictionary's snapshot, ``>``; a snapshot's year,
    ``~``), followed within eight years by the same office class in the same country in a
    later source, is taken to have lasted until then (Shoigu, defence minister from 2012:
    Phoenix stops in 2014, the 2019 leaders list has him again).  ``tools/build_kb.py``
    applies it when it writes ``roles.tsv`` (the bridges are rows whose source ends in
    ``+``), so loading does no work for it."""
    for spells in roles:
        if len(spells) < 2:
            continue
        extra = []
        for r in spells:
            if not r[1] or not r[5].endswith((">", "~")):
                continue
            head = _role_of(r[3])
            limit = f"{int(r[1][:4]) + 8:04d}{r[1][4:]}"
            later = [q[0] for q in spells if q[2] == r[2] and q[0] and r[1] < q[0] <= limit and _role_of(q[3]) == head]
            if later and not any(q[0] <= r[1] < (q[1] or "9999") and q is not r and _role_of(q[3]) == head for q in spells):
                extra.append((r[1], min(later), r[2], r[3], r[4], r[5] + "+", r[6]))
        spells.extend(extra)


def _rank(source: str, code: str = "") -> int:
    if source == "override":
        return _OVERRIDE_RANK
    if code[:3] == "ELI":
        return 0  # a dated "elite" spell (before or after office) never outranks an office
    if source.startswith("fb") and (source.endswith("HOS") or source.endswith("HOG")):
        return 3
    if source.startswith(("fb", "arch")):
        return 2
    return 1


def _is_default(row: tuple) -> bool:
    """An undated Phoenix code ("[USAELI]"): the role for the times no dated role covers."""
    return not row[0] and not row[1] and row[5].endswith("=")


def _role_of(code: str) -> str:
    head = code[:3]
    return head if head in _ROLE_CODES else "GOV"


def _as_iso(date: dt.date | str | None) -> str:
    if date is None:
        return dt.date.today().isoformat()
    if isinstance(date, dt.datetime):
        return date.date().isoformat()
    if isinstance(date, dt.date):
        return date.isoformat()
    text = str(date).strip()
    if re.fullmatch(r"\d{4}", text):
        return f"{text}-07-01"
    if re.fullmatch(r"\d{4}-\d{2}", text):
        return f"{text}-15"
    return dt.date.fromisoformat(text[:10]).isoformat()


def _read(path: Path) -> list[dict[str, str]]:
    return [dict(zip(header, row)) for header, row in _rows(path)]


def _rows(path: Path):
    """(header, row) pairs; plain csv.reader is about twice as fast as DictReader."""
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh, delimiter="\t")
            header = next(reader)
            return [(header, row) for row in reader]
    except FileNotFoundError as err:
        raise ResourceNotFound(
            f"knowledge-base file {path} is missing; rebuild it with `python tools/build_kb.py` "
            "or reinstall eventcoder"
        ) from err


class KnowledgeBase:
    """The actor dictionary built from ``actors/data`` (satisfies ``ActorDictionary``)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.countries: dict[str, tuple[str, str]] = {}  # iso3 -> (name, capital)
        self._sovereign: set[str] = set()
        self._names: dict[str, dict[str, str]] = {k: {} for k in ("name", "alias", "adjective", "demonym", "capital")}
        self._orgs: dict[str, OrgEntry] = {}
        # kinds -> text -> the answer of _lookup (the tables are read-only once loaded)
        self._lookup_memo: dict[tuple[str, ...], dict[str, str | None]] = {}
        self._agents: dict[str, str] = {}
        self._groups: dict[str, OrgEntry] = {}
        self._titles: dict[str, str] = {}
        self._memo: dict[tuple[str, str], str | None] = {}  # agent/title lookups (pure)
        self._also: dict[str, tuple[str, ...]] = {}  # ambiguous name/adjective -> ISO3s, default first
        self.person_names: list[str] = []
        self._home: list[str] = []
        self._roles: list[list[tuple]] = []
        self._full: dict[str, list[int]] = {}
        self._surname: dict[str, list[int]] = {}
        self._skel_tables: tuple[dict[str, list[int]], dict[str, list[int]]] | None = None
        self._skel_cols: list[tuple[int, str, str]] = []
        self._skel_extra: list[tuple[int, str, str]] = []  # from overrides
        self._initials_index: dict[str, list[int]] | None = None
        # parties.tsv: (iso3, party key) -> spells in government; (iso3, any name key) -> party key
        self._party_spells: dict[tuple[str, str], list[tuple[str, str]]] = {}
        self._party_names: dict[tuple[str, str], str] = {}
        self._party_display: dict[tuple[str, str], str] = {}
        self._party_isos: dict[str, set[str]] = {}  # any name key -> the countries with a party of that name
        # ~60k small tuples: the cyclic GC would rescan them several times while loading
        enabled = gc.isenabled()
        gc.disable()
        try:
            self._load()
        finally:
            if enabled:
                gc.enable()

    # ------------------------------------------------------------------ loading
    def _load(self) -> None:
        d = self.directory
        for row in _read(d / "countries.tsv"):
            self.countries[row["iso3"]] = (row["name"], row["capital"])
            if row["sovereign"] == "1":
                self._sovereign.add(row["iso3"])
        for row in _read(d / "country_names.tsv"):
            table = self._names.get(row["kind"])
            if table is None:
                raise CodebookError(f"{d / 'country_names.tsv'}: unknown kind {row['kind']!r}; use name|alias|adjective|demonym|capital")
            table[row["key"]] = row["iso3"]
            if row.get("also"):
                self._also[row["key"]] = (row["iso3"], *row["also"].split(","))
        for row in _read(d / "organizations.tsv"):
            code = row["code"]
            country = row["country"] or None
            if code[:3] in ("IGO", "NGO", "MNC"):
                role = code[:3]
            else:  # a national body or armed group: "PSEREBHMS" -> REB
                role = code[3:6] if country and len(code) >= 6 else None
            self._orgs[row["key"]] = OrgEntry(code=code, name=row["name"], country=country, role=role)
        self._agents = {row["key"]: row["code"] for row in _read(d / "agents.tsv")}
        if (d / "groups.tsv").is_file():  # key code name source
            for _, (key, code, gname, _src) in _rows(d / "groups.tsv"):
                self._groups[key] = OrgEntry(code=code, name=gname, kind="group")
        self._titles = {row["key"]: row["code"] for row in _read(d / "titles.tsv")}
        # persons.tsv: person_id name home keys surname_keys skeletons surname_skeletons
        # (all keys precomputed by the builder with actors/names.py)
        index: dict[str, int] = {}
        full, surname = self._full, self._surname
        skel_cols = self._skel_cols = []  # skeleton columns: indexed on the first fallback
        for _, row in _rows(d / "persons.tsv"):
            pid, name, home = row[0], row[1], row[2]
            i = len(self.person_names)
            index[pid] = i
            self.person_names.append(name)
            self._home.append(home)
            self._roles.append([])
            for key in row[3].split("|"):
                full.setdefault(key, []).append(i)
            if row[4]:
                for key in row[4].split("|"):
                    surname.setdefault(key, []).append(i)
            if len(row) > 6 and (row[5] or row[6]):
                skel_cols.append((i, row[5], row[6]))
        roles = self._roles
        ranks: dict[tuple[str, bool], int] = {}
        # roles.tsv: person_id iso3 code title start end source; kept as tuples
        # (start, end, iso3, code, title, source, rank) -> RoleRecord on demand
        for _, (pid, iso3, code, title, start, end, src) in _rows(d / "roles.tsv"):
            eli = code[:3] == "ELI"
            rank = ranks.get((src, eli))
            if rank is None:
                rank = ranks[(src, eli)] = _rank(src, code)
            roles[index[pid]].append((start, end, iso3, code, title, src, rank))
        over = d / "overrides.tsv"
        if over.exists():
            self._apply_overrides(_read(over), over)
        parties = d / "parties.tsv"
        if parties.exists():
            self._load_parties(_read(parties), parties)

    def _load_parties(self, rows: list[dict[str, str]], path: Path) -> None:
        """Hand-kept ``parties.tsv``: ``iso3 party aliases local_aliases start end note``,
        one row per spell of a party in its country's national executive (a row with no
        dates: a party of that country never in government; an armed group that ruled,
        "the Taliban", is listed too).  A country's rows are complete for 1990-2026: a
        listed party outside its spells is in opposition (``party_role``).  ``aliases``
        name the party anywhere; ``local_aliases`` ("Labour", "Congress", "Social
        Democrats") only with its country ("India's Congress party")."""
        shared: dict[str, set[str]] = {}  # name keys that may name a party alone -> countries
        for n, row in enumerate(rows, start=2):
            iso, party, note = row.get("iso3", ""), row.get("party", ""), row.get("note", "")
            start, end = row.get("start", ""), row.get("end", "")
            if not re.fullmatch(r"[A-Z]{3}", iso) or not party or not note or (end and not start) or (start and end and end < start):
                raise CodebookError(f"{path}:{n}: a party row needs iso3, party, a source note and start <= end; got {row!r}")
            key = _fold(party)
            self._party_display.setdefault((iso, key), party)
            spells = self._party_spells.setdefault((iso, key), [])
            if start:
                spells.append((start, end))
            aliases = [a for a in (row.get("aliases") or "").split("|") if a]
            local = [a for a in (row.get("local_aliases") or "").split("|") if a]
            for kind, name in [("own", party), *(("alias", a) for a in aliases), *(("local", a) for a in local)]:
                for k in self._party_keys(name):
                    self._party_names[(iso, k)] = key
                    self._party_isos.setdefault(k, set()).add(iso)
                    # an alias names the party alone; its own name only where the sources
                    # already give that name to this country's party alone
                    if kind == "alias" or (kind == "own" and self._orgs.get(k) is not None and self._orgs[k].country == iso):
                        shared.setdefault(k, set()).add(iso)
        entries: dict[str, OrgEntry] = {}
        for (iso, k), key in self._party_names.items():
            if shared.get(k) == {iso}:
                entries[k] = OrgEntry(code=iso + "PTY", name=self._party_display.get((iso, key), k), country=iso, role="PTY")
        for k, entry in entries.items():
            if self._lookup(k, "name", "alias", "adjective", "capital"):
                continue  # "LAOS" (a Greek party) is not to hide Laos
            old = self._orgs.get(k)
            if old is None or (old.country == entry.country and (old.role or "") == "PTY"):
                self._orgs[k] = entry

    @staticmethod
    def _party_keys(name: str) -> list[str]:
        """A party name and its form without "party" ("the Labour Party" -> labour party, labour)."""
        key = _fold(name)
        out = [key]
        bare = re.sub(r"\s+party$", "", key)
        if bare != key and bare:
            out.append(bare)
        return out

    @classmethod
    def _party_lookup_keys(cls, name: str) -> Iterator[str]:
        """The keys a written party name is looked up by, longest tail first ("britain's
        ruling labour party" -> ... -> "labour party", "labour")."""
        words = _fold(name).split()
        for start in range(len(words)):
            yield from cls._party_keys(" ".join(words[start:]))

    def _party_key(self, iso3: str, name: str) -> str | None:
        for k in self._party_lookup_keys(name):
            key = self._party_names.get((iso3, k))
            if key is not None:
                return key
        return None

    def party(self, iso3: str | None, name: str) -> OrgEntry | None:
        """The party of ``iso3`` that ``name`` names, by any of its names, the local ones
        included ("Congress party" with IND); None if ``parties.tsv`` does not know it."""
        key = self._party_key(iso3, name) if iso3 else None
        if key is None:
            return None
        return OrgEntry(code=iso3 + "PTY", name=self._party_display.get((iso3, key), name), country=iso3, role="PTY")

    def party_countries(self, name: str) -> tuple[str, ...]:
        """The countries whose parties (or ruling groups) ``parties.tsv`` knows by ``name``,
        local names included ("the Labour Party" -> GBR, NZL, ...)."""
        return tuple(sorted({iso for k in self._party_lookup_keys(name) for iso in self._party_isos.get(k, ())}))

    def party_role(self, iso3: str | None, name: str, date: dt.date | str | None = None) -> str | None:
        """``GOV`` if the party ``name`` of ``iso3`` is in the national executive on
        ``date``, ``OPP`` if not; None when ``parties.tsv`` does not know the party."""
        if not iso3:
            return None
        key = self._party_key(iso3, name)
        if key is None:
            # a name the table does not know may be a governing party written another way
            # ("Japan's Democratic Party"): left a party, not guessed to be in opposition
            return None
        day = _as_iso(date)
        spells = self._party_spells.get((iso3, key), [])
        return "GOV" if any(s <= day and (not e or day < e) for s, e in spells) else "OPP"

    def _index_person(self, i: int, name: str, surnames: str, aliases: str) -> None:
        skels: set[str] = set()
        for n in [name, *(a for a in aliases.split("|") if a)]:
            exact, skel = index_keys(n)
            skels |= skel
            for key in exact:
                lst = self._full.setdefault(key, [])
                if i not in lst:
                    lst.append(i)
        sskels = set()
        for s in surnames.split("|"):
            if s:
                sskels.add(skeleton(_person_key(s)))
                lst = self._surname.setdefault(_person_key(s), [])
                if i not in lst:
                    lst.append(i)
        self._skel_extra.append((i, "|".join(sorted(skels)), "|".join(sorted(sskels))))
        self._skel_tables = None

    def _apply_overrides(self, rows: list[dict[str, str]], path: Path) -> None:
        """Hand-kept rows: ``name iso3 code title start end surnames note [aliases]``.

        ``iso3`` is a country, or ``IGO``/``NGO`` with a full ``code`` ("IGOWSTNAT": NATO's
        Secretary General speaks for NATO); ``code`` ``ALIAS`` adds only the ``aliases``
        (pipe-separated other names: "Bibi") to the person of that name and country.
        Every row needs a ``note`` saying where the fact comes from.
        """
        for n, row in enumerate(rows, start=2):
            name, iso, code = row.get("name", ""), row.get("iso3", ""), row.get("code", "")
            if not name or not re.fullmatch(r"[A-Z]{3}", iso) or not code or not row.get("note"):
                raise CodebookError(f"{path}:{n}: an override needs name, iso3, code and a source note; got {row!r}")
            body = iso in ("IGO", "NGO")
            home = "" if body else iso
            key = _person_key(name)
            found = [
                j for j in self._full.get(key, ())
                if ((self._home[j] == home or any(r[2] == home for r in self._roles[j])) or (body and j == self._full[key][0]))
                and generational_suffix(self.person_names[j]) == generational_suffix(name)  # "Ferdinand Marcos Jr." is not his father
            ]
            if found:
                i = found[0]
            else:
                i = len(self.person_names)
                self.person_names.append(name)
                self._home.append(home)
                self._roles.append([])
                self._index_person(i, name, "", "")
            surnames = row.get("surnames") or ""
            words = key.split()
            raw = fold_ascii(name).split()
            if not surnames and len(words) >= 2 and iso not in _FAMILY_FIRST and not (len(raw) > 2 and raw[-2] in ("bin", "ibn", "bint")):
                surnames = words[-1]  # "Blinken"; not a patronym ("Mohammed bin Salman")
            self._index_person(i, name, surnames, row.get("aliases") or "")
            if code == "ALIAS":
                continue
            self._roles[i].append(
                (row.get("start", ""), row.get("end", ""), home, code, row.get("title", ""), "override", _OVERRIDE_RANK)
            )

    # ------------------------------------------------------------------ countries
    @staticmethod
    def _keys(text: str) -> list[str]:
        key = _fold(text)
        out = [key]
        if key.endswith("'s"):
            out.append(key[:-2])
        if "." in key:
            out.append(key.replace(".", ""))
        return out

    def _lookup(self, text: str, *kinds: str) -> str | None:
        memo = self._lookup_memo.get(kinds)
        if memo is None:
            memo = self._lookup_memo[kinds] = {}
        if text not in memo:  # the coder asks for the same words many times
            if len(memo) >= _LOOKUP_MEMO_SIZE:
                memo.clear()  # bounded: a long corpus run sees ever new words
            memo[text] = next(
                (hit for key in self._keys(text) for kind in kinds if (hit := self._names[kind].get(key))), None
            )
        return memo[text]

    def country_by_name(self, text: str) -> str | None:
        """"Japan", "the Philippines", "U.S." -> ISO3 (also ISO3 codes themselves)."""
        hit = self._lookup(text, "name", "alias")
        if hit is None and text.strip().upper() in self.countries and len(text.strip()) == 3 and text.strip().isupper():
            return text.strip().upper()
        return hit

    def country_by_adjective(self, text: str) -> str | None:
        """"Japanese", "Filipino", "Britons" -> ISO3.  "Korean" -> KOR (documented default)."""
        return self._lookup(text, "adjective", "demonym")

    def country_candidates(self, text: str) -> tuple[str, ...]:
        """Every country an ambiguous name or adjective may mean, the default first
        ("Korean" -> ("KOR", "PRK")); empty when it is not ambiguous."""
        for key in self._keys(text):
            if key in self._also:
                return self._also[key]
        return ()

    def country_by_capital(self, text: str) -> str | None:
        """"Phnom Penh", "Washington" -> ISO3."""
        return self._lookup(text, "capital")

    # ------------------------------------------------------------------ bodies, agents, titles
    def organization(self, text: str) -> OrgEntry | None:
        """"ASEAN", "the UN General Assembly", "Amnesty International" -> OrgEntry.

        "IS" (the Islamic State) only when written in capitals: "is" is a verb; so are the
        acronyms that are words ("ICE", not "ice")."""
        if text.strip() == "IS":
            return self._orgs.get("isis")
        if text.strip().lower() in _WORD_ACRONYMS and not text.strip().isupper():
            return None
        for key in self._keys(text):
            hit = self._orgs.get(key)
            if hit is not None:
                return hit
        return None

    @staticmethod
    def _singulars(key: str) -> list[str]:
        out = [key]
        if key.endswith("ies"):
            out.append(key[:-3] + "y")
        if key.endswith("es"):
            out.append(key[:-2])
        if key.endswith("s"):
            out.append(key[:-1])
        if key.endswith("men"):
            out.append(key[:-3] + "man")
        return out

    def _phrase(self, table: dict[str, str], text: str) -> str | None:
        words = _fold(text).split()
        for start in range(len(words)):  # "royal cambodian navy" -> "cambodian navy" -> "navy"
            key = " ".join(words[start:])
            for k in self._singulars(key):
                hit = table.get(k)
                if hit:
                    return hit
        return None

    def agent(self, text: str) -> str | None:
        """A sector noun or phrase -> role code ("navy" -> MIL, "riot police" -> COP)."""
        key = ("agent", text)
        if key not in self._memo:
            self._memo[key] = self._phrase(self._agents, text)
        return self._memo[key]

    def title(self, text: str) -> str | None:
        """A title -> role code ("prime minister" -> GOV, "general" -> MIL)."""
        key = ("title", text)
        if key not in self._memo:
            self._memo[key] = self._phrase(self._titles, text) or (
                "GOV" if re.search(r"\bminist(er|ry)\b", _fold(text)) else None
            )
        return self._memo[key]

    # ------------------------------------------------------------------ groups
    def group(self, text: str) -> OrgEntry | None:
        """An ethnic or religious group, singular or plural ("Kurd", "Kurds", "Shiites",
        "the Rohingya") -> OrgEntry(kind="group", code = the CAMEO group code)."""
        for key in self._keys(text):
            for k in self._singulars(key):
                hit = self._groups.get(k)
                if hit is not None:
                    return hit
        return None

    # ------------------------------------------------------------------ persons
    def roles(self, name: str) -> list[tuple[str, RoleRecord]]:
        """Every (person name, role) the name can refer to (for the CLI and debugging)."""
        return [(self.person_names[i], _record(r)) for i in self._candidates(name) for r in self._roles[i]]

    def _long_gone(self, i: int, day: str) -> bool:
        """Every dated office of person ``i`` ended more than 15 years before ``day``."""
        ends = [r[1] for r in self._roles[i]]
        if not ends or any(not e for e in ends):
            return False
        return max(ends) < f"{int(day[:4]) - 15:04d}{day[4:]}"

    def _candidates(self, name: str) -> list[int]:
        """Everyone the name may mean, strict keys first: the full key, middle names dropped,
        a given-name variant (Joe/Joseph), a bare surname; then the transliteration
        skeletons of the same (Zelensky/Zelenskyy, Gaddafi/Qaddafi)."""
        key = _person_key(name)
        if not key or all(w in HONORIFICS for w in fold_ascii(name).split()):
            return []  # "Grand Mufti", "President": a title, nobody's name
        words = key.split()
        tries = [key]
        short = short_key(key)
        if short:
            tries.append(short)
        if len(words) >= 2:
            for v in given_name_variants(words[0]):
                tries.append(" ".join([v, *words[1:]]))
                if len(words) > 2:
                    tries.append(f"{v} {words[-1]}")
        if "-" in name and (joined := _person_key(name.replace("-", ""))) and joined != key:
            tries.append(joined)  # "Prayut Chan-o-cha" for "Prayut Chan-ocha"
        surnames = [key] if len(words) == 1 else []
        if len(words) == 2 and words[0] in _LEADING_PARTICLES:
            surnames += [words[1], key]  # "al-Assad"
        if len(words) == 1:  # a bare surname or a mononym: everyone under either
            found = [i for k in surnames for i in (*self._full.get(k, ()), *self._surname.get(k, ()))]
            if found:
                return list(dict.fromkeys(found))
        for table, keys in ((self._full, tries), (self._surname, surnames)):
            for k in keys:
                found = table.get(k)
                if found:
                    return list(dict.fromkeys(found))
        if name.strip().isupper() and len(words) == 1:
            # a head of state or government known by initials ("AMLO", "SBY"); any other
            # acronym ("UNDOF") is nobody's misspelt surname
            return list(self._initials().get(key, ())) if 3 <= len(key) <= 5 else []
        skel, sskel = self._skeletons()
        for table, keys in ((skel, tries), (sskel, surnames)):
            for k in keys:
                sk = skeleton(k)
                if not skeleton_usable(sk):
                    continue  # "Hun" -> "hn", "David Lammy" -> "dvd lm": too short to stand for anyone
                found = table.get(sk)
                if found and table is sskel:
                    # a bare surname spelt another way: only leaders (heads of state or
                    # government, overrides), not every minister whose name is near it,
                    # and only a spelling that starts alike and is about as long
                    # ("Zelenskiy" / "Zelenskyy", not "Kurds" / "Cardoso")
                    found = [
                        i for i in found
                        if any(r[6] >= 2 for r in self._roles[i]) and self._near_surname(i, k)
                    ]
                if found:
                    return list(dict.fromkeys(found))
        return []

    def _initials(self) -> dict[str, list[int]]:
        """Heads of state and government with names of three words or more, by their
        initials ("andres manuel lopez obrador" -> "amlo"); built on first use."""
        if self._initials_index is None:
            index: dict[str, list[int]] = {}
            for i, rows in enumerate(self._roles):
                if not any(r[6] >= 3 for r in rows):
                    continue
                words = [w for w in _person_key(self.person_names[i]).split() if w not in PARTICLES]
                if len(words) >= 3 and (initials := "".join(w[0] for w in words)) not in self._orgs:
                    index.setdefault(initials, []).append(i)
            self._initials_index = index
        return self._initials_index

    def _near_surname(self, i: int, key: str) -> bool:
        words = _person_key(self.person_names[i]).split()
        return any(w[0] == key[0] and abs(len(w) - len(key)) <= 2 for w in words)

    def _skeletons(self) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
        """The skeleton indexes (full names, surnames), built on the first lookup that
        needs them: most names are found by their exact keys, and loading stays fast."""
        if self._skel_tables is None:
            skel: dict[str, list[int]] = {}
            sskel: dict[str, list[int]] = {}
            for i, keys, skeys in [*self._skel_cols, *self._skel_extra]:
                for table, col in ((skel, keys), (sskel, skeys)):
                    if col:
                        for key in col.split("|"):
                            lst = table.setdefault(key, [])
                            if i not in lst:
                                lst.append(i)
            self._skel_tables = (skel, sskel)
        return self._skel_tables

    def _status(self, i: int, day: str) -> tuple[tuple[int, int, bool, str], tuple | None]:
        """((status, rank, sovereign, sort date), role): status 2 active, 1 former, 0 later only.

        Dated roles from any source count (the union): someone in office on the day by
        one source is in office, even when another source's spell ended earlier.  An
        undated Phoenix default code applies only when no dated role is active and none
        ended before the day (a default ``ELI`` reads as "former / elite").
        """
        home = self._home[i]
        rows = self._roles[i]
        dated = [r for r in rows if not _is_default(r)]
        defaults = [r for r in rows if _is_default(r)]
        active = [r for r in dated if (r[0] or "0000") <= day and (not r[1] or day < r[1])]
        offices = [r for r in active if r[3][:3] != "ELI"]
        if offices:
            # a government office beats a sector code for the same spell ("USAGOVMIL" over
            # another source's "USAMIL" for a defence secretary)
            best = max(offices, key=lambda r: (r[6], r[2] == home, _role_of(r[3]) == "GOV", r[0], r[3]))
            # an international body's office counts like a state's (UN Secretary-General);
            # leading the opposition is no office: it never outranks another person's
            standing = 1 if best[3][:3] == "OPP" else min(best[6], 3)
            return (2, standing, best[2] in self._sovereign or not best[2], best[0]), best
        top = min(max((r[6] for r in rows), default=0), 3)
        past = [r for r in dated if r[1] and r[1] <= day and r[3][:3] != "ELI"]
        if past:
            last = max(past, key=lambda r: (r[1], r[2] == home, r[6]))
            return (1, top, last[2] in self._sovereign, last[1]), last
        office_defaults = [r for r in defaults if r[3][:3] != "ELI"]
        if office_defaults:
            best = max(office_defaults, key=lambda r: (r[2] == home, r[3]))
            return (2, 0, best[2] in self._sovereign, ""), best
        if active or defaults:  # only an "elite" spell or default: a former/non-office figure
            last = max(active or defaults, key=lambda r: (r[2] == home, r[0]))
            return (1, top, last[2] in self._sovereign, last[0]), (*last[:3], "ELI", *last[4:])
        future = min(dated, key=lambda r: (r[0], -r[6]), default=None)
        return (0, top, bool(future and future[2] in self._sovereign), ""), future

    def person(
        self, name: str, date: dt.date | str | None = None, countries: tuple[str, ...] | list[str] = ()
    ) -> PersonMatch | None:
        """A person's name (full, variant or bare surname) as of ``date`` (None: today).

        Several people under one key are ranked by their standing on the date (in office
        beats former beats later-only; heads of state/government beat other offices), then
        by ``countries`` (the article's countries, most salient first), then by whether
        the office is a sovereign state's, then by whether the person's own name is the
        name asked.  Never by list order: when the two best are
        equal on all of these the match is ``ambiguous`` and ``candidates`` lists them.
        """
        cands = self._candidates(name)
        day = _as_iso(date)
        suffix = generational_suffix(name)
        if cands and suffix:
            # "X Jr.", "X II": the one of that name bearing the suffix; else not a namesake
            # whose every office ended a generation before the date (the father)
            same = [i for i in cands if generational_suffix(self.person_names[i]) == suffix]
            cands = same or [i for i in cands if not self._long_gone(i, day)]
        if not cands:
            return None
        salience = {c: len(countries) - n for n, c in enumerate(dict.fromkeys(countries))}
        asked = name_key(name)

        def score(i: int):
            st, role = self._status(i, day)
            where = role[2] if role is not None and role[2] else self._home[i]
            # last: the name as written beats a longer record it is part of (France's
            # president over the Factbook's "French Coprince Nicolas Sarkozy" of Andorra)
            return (st[0], st[1], salience.get(where, 0), st[2], name_key(self.person_names[i]) == asked), st, role

        scored = sorted(((score(i), i) for i in cands), key=lambda s: (s[0][0], self.person_names[s[1]], s[1]))
        scored.sort(key=lambda s: s[0][0], reverse=True)  # stable: ties stay in name order
        (best_key, best_score, best_role), best = scored[0]
        if best_score[0] != 2 and name.strip().isupper() and " " not in name.strip() and best in self._initials().get(_person_key(name), ()):
            return None  # initials name a leader only while in office ("DNA" is not a former president)
        ambiguous = len(scored) > 1 and scored[1][0][0] == best_key
        country = best_role[2] if best_role is not None and best_role[2] else (self._home[best] or None)
        code = None
        if best_score[0] == 2:
            role, title = _role_of(best_role[3]), best_role[4] or None
            if not best_role[2] and best_role[3][:3] in ("IGO", "NGO"):
                role, code, country = None, best_role[3], None  # "UN Secretary-General": the body's code
        elif best_score[0] == 1:
            role, title = "ELI", (f"former {best_role[4]}" if best_role[4] else None)
        else:
            role, title = None, None
        names = tuple(self.person_names[i] for _, i in scored)
        return PersonMatch(
            name=self.person_names[best], country=country, role=role, title=title, code=code,
            ambiguous=ambiguous, candidates=names if len(names) > 1 else (),
        )

    def explain(self, name: str, date: dt.date | str | None = None) -> dict:
        """What the knowledge base knows about ``name``: the resolution and the record behind it."""
        match = self.person(name, date)
        result: dict = {"query": name, "date": _as_iso(date)}
        if match is not None:
            i = self._candidates(name)
            status = None
            for j in i:
                if self.person_names[j] == match.name:
                    status = self._status(j, _as_iso(date))
                    break
            rec = _record(status[1]) if status and status[1] else None
            result["person"] = {
                "name": match.name, "country": match.country, "role": match.role, "title": match.title,
                "code": (match.country or "") + (match.role or "") or None,
                "ambiguous": match.ambiguous, "candidates": list(match.candidates),
                "record": None if rec is None else {
                    "iso3": rec.iso3, "code": rec.code, "title": rec.title, "start": rec.start,
                    "end": rec.end, "source": rec.source,
                },
            }
        for label, value in (
            ("country_by_name", self.country_by_name(name)),
            ("country_by_adjective", self.country_by_adjective(name)),
            ("country_by_capital", self.country_by_capital(name)),
            ("agent", self.agent(name)),
            ("title", self.title(name)),
        ):
            if value:
                result[label] = value
        org = self.organization(name)
        if org is not None:
            result["organization"] = {"code": org.code, "name": org.name, "country": org.country}
        grp = self.group(name)
        if grp is not None:
            result["group"] = {"code": grp.code, "name": grp.name}
        return result


def _record(r: tuple) -> RoleRecord:
    return RoleRecord(start=r[0], end=r[1], iso3=r[2], code=r[3], title=r[4], source=r[5], rank=r[6])


def load_kb(directory: Path | None = None) -> KnowledgeBase:
    """Load the knowledge base from ``directory`` (default: the packaged ``actors/data``)."""
    directory = Path(directory) if directory is not None else DATA_DIR
    if not directory.is_dir():
        raise ResourceNotFound(f"knowledge-base directory {directory} not found; pass an existing directory or rebuild with `python tools/build_kb.py`")
    for name in _FILES:
        if not (directory / name).is_file():
            raise ResourceNotFound(f"knowledge-base file {directory / name} is missing; rebuild with `python tools/build_kb.py --out {directory}`")
    return KnowledgeBase(directory)
