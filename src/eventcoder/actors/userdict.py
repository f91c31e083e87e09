"""User actor dictionaries (``eventcoder code/ingest --actors FILE``), merged over the KB.

Two formats, told apart by their content (``docs/actor-dictionaries.md``):

* **our TSV**: a header line ``name  code  start  end  aliases  note`` (tab-separated;
  ``name`` and ``code`` first, the other columns optional, in any order), then one row
  per name and period::

      name        code    start       end  aliases        note
      Jane Roe    USAGOV  2025-01-20       Roe|J. Roe     appointed 2025
      Acme Militia NGAREB                  Acme|AM

  ``start`` and ``end`` are ISO days, both inclusive, either empty (open); several rows
  of one name give its roles over time; ``aliases`` are further spellings (``|``).

* **PETRARCH/Phoenix** actor dictionaries (as in ``Phoenix.*.actors.txt``): an entry
  line ``NAME_`` (``_`` for spaces), ``+VARIANT_`` lines, and codes in brackets on the
  entry line or on following indented lines: ``[CODE]``, ``[CODE YYMMDD-YYMMDD]``
  (inclusive), ``[CODE >YYMMDD]`` (from that day on), ``[CODE <YYMMDD]`` (before it);
  ``YYMMDD`` or ``YYYYMMDD``, two-digit years 00-29 being 2000-2029 and 30-99
  1930-1999; ``#`` starts a comment.

Codes are full CAMEO codes: a country of the knowledge base (ISO 3166 alpha-3) and a
known role code (``USAGOV``, ``NGAREB``, ``PSEREBHMS``), a country alone (``USA``), an
international code (``IGOUNO``, ``NGOHRIAMN``, ``IMGMUSALQ``) or a role alone (``ELI``).
A bad file raises :class:`~eventcoder.errors.DictionaryError` with ``FILE:LINE: what is
wrong``.

:class:`UserActorDictionary` wraps any :class:`~eventcoder.actors.base.ActorDictionary`:
``person()`` and ``organization()`` answer from the user entries first (the later file
wins), everything else -- and names the files do not hold -- goes to the wrapped
dictionary (unknown attributes too, so new KB methods keep working).  Names are matched
whatever their case, diacritics, hyphens, underscores, dots, a leading "the" or a
trailing "'s".
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DictionaryError
from .kb import _as_iso
from .base import ActorDictionary, OrgEntry, PersonMatch

__all__ = [
    "ACTORS_ENV",
    "ROLE_CODES",
    "INTERNATIONAL_CODES",
    "UserEntry",
    "UserDictionary",
    "UserActorDictionary",
    "read_dictionary",
    "load_user_dictionaries",
    "dictionary_paths_from_env",
    "name_key",
]

#: The environment variable through which ``--actors`` reaches ingest's worker processes
#: (paths separated by ``os.pathsep``); read by :func:`eventcoder.pipeline.load_actor_dictionary`.
ACTORS_ENV = "EVENTCODER_ACTORS"

#: CAMEO role codes (actor codebook, table 3.1, and PTY).
ROLE_CODES: frozenset[str] = frozenset(
    "COP GOV INS JUD MIL OPP REB SEP SPY UAF AGR BUS CRM CVL DEV EDU ELI ENV HLH HRI LAB LEG MED REF "
    "MOD RAD PTY".split()
)
#: CAMEO international and transnational codes (actor codebook, table 3.2).
INTERNATIONAL_CODES: frozenset[str] = frozenset("IGO IMG INT MNC NGM NGO UIS".split())

TSV_COLUMNS = ("name", "code", "start", "end", "aliases", "note")
_BINARY_SNIFF = 8192


# ---------------------------------------------------------------------- names
def _ascii(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


@functools.lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """The matching key of a name: case, diacritics, hyphens, underscores, dots, other
    punctuation, a leading "the" and a trailing "'s" do not count.

    >>> name_key("The Kim Jong-Un's") == name_key("kim jong un") == "kim jong un"
    True
    """
    key = _ascii(text).replace("\u2019", "'").lower().strip()
    key = re.sub(r"'s$", "", key)
    key = re.sub(r"[\W_]+", " ", key).strip()
    if key.startswith("the "):
        key = key[4:]
    return key


# ---------------------------------------------------------------------- records
@dataclass(frozen=True, slots=True, kw_only=True)
class UserEntry:
    """One code of one name, valid from ``start`` (inclusive) to ``end`` (exclusive; ISO
    days, "" = open), with the file line it came from."""

    name: str
    code: str
    country: str | None
    role: str | None
    start: str = ""
    end: str = ""
    aliases: tuple[str, ...] = ()
    note: str = ""
    line: int = 0

    @property
    def dated(self) -> bool:
        return bool(self.start or self.end)

    def active(self, day: str) -> bool:
        return (not self.start or self.start <= day) and (not self.end or day < self.end)


@dataclass(slots=True)
class UserDictionary:
    """A parsed user dictionary file: its entries, format and sha256."""

    path: Path
    sha256: str
    format: str  # "tsv" | "phoenix"
    entries: list[UserEntry] = field(default_factory=list)

    def fingerprint(self) -> str:
        """What the provenance keeps: the file name and the sha256 of its bytes."""
        return f"{self.path.name}:sha256:{self.sha256}"

    @property
    def names(self) -> int:
        return len({name_key(e.name) for e in self.entries})


class _Identity:
    """One name of a user file and its codes over time."""

    __slots__ = ("name", "entries", "order")

    def __init__(self, name: str, order: int) -> None:
        self.name = name
        self.entries: list[UserEntry] = []
        self.order = order

    def resolve(self, day: str) -> tuple[int, UserEntry, str | None]:
        """(status, entry, role as of ``day``): 3 a dated code active on the day (the latest
        start wins), 2 an undated code (the last listed), 1 every code ended before the day
        (-> ELI), 0 every code starts after it (role unknown)."""
        active = [e for e in self.entries if e.dated and e.active(day)]
        if active:
            best = max(active, key=lambda e: (e.start, e.line))
            return 3, best, best.role
        undated = [e for e in self.entries if not e.dated]
        if undated:
            return 2, undated[-1], undated[-1].role
        past = [e for e in self.entries if e.end and e.end <= day]
        if past:
            last = max(past, key=lambda e: (e.end, e.line))
            return 1, last, "ELI"
        first = min(self.entries, key=lambda e: (e.start, e.line))
        return 0, first, None


# ---------------------------------------------------------------------- codes and dates
def _countries_of(kb: Any) -> Any:
    """A membership test for the KB's country codes."""
    countries = getattr(kb, "countries", None)
    if countries:
        return lambda iso: iso in countries
    return lambda iso: bool(kb.country_by_name(iso) == iso)


def _old_code_hint(head: str) -> str:
    try:
        from .base import OLD_COUNTRY_CODES
    except Exception:  # noqa: BLE001 -- only a hint
        return ""
    new = OLD_COUNTRY_CODES.get(head)
    return f" (an old CAMEO code: write {new})" if new else ""


def parse_code(code: str, is_country: Any, where: str) -> tuple[str, str | None, str | None]:
    """``(code, country, role)`` of a CAMEO code, or DictionaryError naming ``where``."""
    text = code.strip()
    if not text:
        raise DictionaryError(f"{where}: the code is empty; give a CAMEO code such as USAGOV or IGOUNO")
    if not re.fullmatch(r"(?:[A-Z]{3})+", text):
        raise DictionaryError(
            f"{where}: code {text!r} is ill-formed: a CAMEO code is groups of three capital letters "
            "(USA, USAGOV, NGAREB, IGOUNO)"
        )
    head = text[:3]
    if head in INTERNATIONAL_CODES:
        return text, None, head
    if head in ROLE_CODES:
        return text, None, head
    if not is_country(head):
        raise DictionaryError(
            f"{where}: unknown country {head!r} in code {text!r}{_old_code_hint(head)}; use the knowledge "
            f"base's ISO 3166 alpha-3 codes (USA, GBR, PSE, XKX), an international code "
            f"({', '.join(sorted(INTERNATIONAL_CODES))}) or a role code alone"
        )
    if len(text) == 3:
        return text, head, None
    role = text[3:6]
    if role not in ROLE_CODES:
        raise DictionaryError(
            f"{where}: unknown role {role!r} in code {text!r}; the role after the country is one of "
            f"{' '.join(sorted(ROLE_CODES))}"
        )
    return text, head, role


def _iso_day(text: str, what: str, where: str) -> dt.date:
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise DictionaryError(f"{where}: {what} {text!r} is not a real date YYYY-MM-DD") from None


def _phoenix_day(text: str, where: str) -> dt.date:
    if re.fullmatch(r"\d{6}", text):
        yy = int(text[:2])
        year, rest = (2000 + yy if yy < 30 else 1900 + yy), text[2:]
    elif re.fullmatch(r"\d{8}", text):
        year, rest = int(text[:4]), text[4:]
    else:
        raise DictionaryError(f"{where}: date {text!r} is not YYMMDD or YYYYMMDD")
    try:
        return dt.date(year, int(rest[:2]), int(rest[2:]))
    except ValueError:
        raise DictionaryError(f"{where}: date {text!r} is not a real day") from None


def _span(start: dt.date | None, last: dt.date | None, where: str) -> tuple[str, str]:
    """ISO (start, exclusive end) of an inclusive range."""
    if start and last and start > last:
        raise DictionaryError(f"{where}: the period starts ({start}) after it ends ({last})")
    return (start.isoformat() if start else "", (last + dt.timedelta(days=1)).isoformat() if last else "")


# ---------------------------------------------------------------------- reading files
def _read_text(path: Path) -> tuple[str, str]:
    """(text, sha256) of a dictionary file, or DictionaryError for what cannot be one."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DictionaryError(f"{path}: no such actor dictionary file") from None
    except IsADirectoryError:
        raise DictionaryError(f"{path}: is a directory, not an actor dictionary file") from None
    except OSError as err:
        raise DictionaryError(f"{path}: cannot be read: {err.strerror or err}") from None
    sha = hashlib.sha256(data).hexdigest()
    if b"\0" in data[:_BINARY_SNIFF]:
        raise DictionaryError(f"{path}:1: a binary file, not an actor dictionary (TSV or PETRARCH text, UTF-8)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise DictionaryError(
            f"{path}:{line}: not UTF-8 text (byte 0x{data[err.start]:02x}); save the dictionary as UTF-8"
        ) from None
    return text, sha


def _content_lines(text: str) -> Iterable[tuple[int, str]]:
    for n, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            yield n, line


def _looks_tsv(path: Path, text: str) -> bool:
    first = next(iter(_content_lines(text)), (0, ""))[1]
    cells = [c.strip().lower() for c in first.split("\t")]
    return cells[:2] == ["name", "code"] or path.suffix.lower() in {".tsv", ".tab"}


def read_dictionary(path: str | os.PathLike[str], kb: ActorDictionary) -> UserDictionary:
    """Parse and check one user dictionary file against ``kb``'s countries."""
    path = Path(path)
    text, sha = _read_text(path)
    if not any(True for _ in _content_lines(text)):
        raise DictionaryError(f"{path}:1: the actor dictionary is empty (no entries)")
    is_country = _countries_of(kb)
    if _looks_tsv(path, text):
        entries, fmt = _read_tsv(path, text, is_country), "tsv"
    else:
        entries, fmt = _read_phoenix(path, text, is_country), "phoenix"
    if not entries:
        raise DictionaryError(f"{path}:1: the actor dictionary has no entries")
    return UserDictionary(path=path, sha256=sha, format=fmt, entries=entries)


def _read_tsv(path: Path, text: str, is_country: Any) -> list[UserEntry]:
    lines = iter(_content_lines(text))
    n, header_line = next(lines)
    header = [c.strip().lower() for c in header_line.split("\t")]
    if header[:2] != ["name", "code"]:
        raise DictionaryError(
            f"{path}:{n}: the first line must be the header {chr(9).join(TSV_COLUMNS)!r} (tab-separated, "
            f"name and code first); got {header_line.strip()[:80]!r}"
        )
    unknown = [c for c in header if c not in TSV_COLUMNS]
    if unknown or len(set(header)) != len(header):
        what = f"unknown column {unknown[0]!r}" if unknown else "a column named twice"
        raise DictionaryError(f"{path}:{n}: {what} in the header; the columns are {', '.join(TSV_COLUMNS)}")
    entries: list[UserEntry] = []
    for n, line in lines:
        where = f"{path}:{n}"
        cells = [c.strip() for c in line.rstrip("\r\n").split("\t")]
        while len(cells) > len(header) and cells[-1] == "":
            cells.pop()
        if len(cells) > len(header):
            raise DictionaryError(f"{where}: {len(cells)} columns, the header has {len(header)} ({', '.join(header)})")
        if len(cells) < 2:
            raise DictionaryError(
                f"{where}: {len(cells)} column, need at least name and code separated by a tab "
                f"(columns: {', '.join(header)}); got {line.strip()[:80]!r}"
            )
        row = dict(zip(header, cells))
        name = row["name"]
        if not name_key(name):
            raise DictionaryError(f"{where}: the name {name!r} has no letters")
        code, country, role = parse_code(row["code"], is_country, where)
        start = _iso_day(row["start"], "start", where) if row.get("start") else None
        last = _iso_day(row["end"], "end", where) if row.get("end") else None
        begin, end = _span(start, last, where)
        aliases = tuple(a.strip() for a in row.get("aliases", "").split("|") if a.strip())
        for alias in aliases:
            if not name_key(alias):
                raise DictionaryError(f"{where}: the alias {alias!r} has no letters")
        entries.append(UserEntry(name=name, code=code, country=country, role=role, start=begin, end=end,
                                 aliases=aliases, note=row.get("note", ""), line=n))
    return entries


_BRACKET = re.compile(r"\[([^\]]*)\]")


def _phoenix_name(raw: str) -> str:
    return re.sub(r"\s+", " ", raw.replace("_", " ")).strip()


def _read_phoenix(path: Path, text: str, is_country: Any) -> list[UserEntry]:
    entries: list[UserEntry] = []
    current: dict[str, Any] | None = None

    def close() -> None:
        if current is None:
            return
        if not current["codes"]:
            raise DictionaryError(
                f"{path}:{current['line']}: {current['name']!r} has no code; add one in brackets, e.g. [USAGOV]"
            )
        for code, country, role, begin, end, line in current["codes"]:
            entries.append(UserEntry(name=current["name"], code=code, country=country, role=role, start=begin,
                                     end=end, aliases=tuple(current["aliases"]), line=line))

    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip() or line.lstrip().startswith("<"):  # blank, comment, <!-- xml comment -->
            continue
        where = f"{path}:{n}"
        codes = _BRACKET.findall(line)
        rest = _BRACKET.sub(" ", line)
        if "[" in rest or "]" in rest:
            raise DictionaryError(f"{where}: unbalanced bracket in {raw.strip()[:80]!r}; write codes as [CODE] or [CODE DATE]")
        words = rest.strip()
        indented = raw[:1].isspace()
        if words.startswith("+"):
            if current is None:
                raise DictionaryError(f"{where}: a +variant before any entry; start with the entry's NAME_ line")
            variant = _phoenix_name(words[1:])
            if not name_key(variant):
                raise DictionaryError(f"{where}: the variant {words!r} has no letters")
            current["aliases"].append(variant)
        elif words:
            if indented and current is not None and not codes:
                raise DictionaryError(
                    f"{where}: {words[:60]!r} is neither a +variant nor a [CODE]; entries start at the line's beginning"
                )
            close()
            name = _phoenix_name(words)
            if not name_key(name):
                raise DictionaryError(f"{where}: the entry {words!r} has no letters")
            current = {"name": name, "aliases": [], "codes": [], "line": n}
        elif current is None:
            raise DictionaryError(f"{where}: a code before any entry; start with the entry's NAME_ line")
        for body in codes:
            current["codes"].append((*_phoenix_code(body, is_country, where), n))
    close()
    return entries


def _phoenix_code(body: str, is_country: Any, where: str) -> tuple[str, str | None, str | None, str, str]:
    parts = body.split()
    if not parts:
        raise DictionaryError(f"{where}: an empty code []; write [CODE] or [CODE DATE]")
    if len(parts) > 2:
        raise DictionaryError(f"{where}: [{body}] has {len(parts)} parts; write [CODE] or [CODE DATE]")
    if parts[0] == "---":
        raise DictionaryError(f"{where}: [---] (do not code) is not supported in a user dictionary; leave the name out")
    code, country, role = parse_code(parts[0], is_country, where)
    begin = end = ""
    if len(parts) == 2:
        restriction = parts[1]
        if restriction.startswith(">"):
            begin, end = _span(_phoenix_day(restriction[1:], where), None, where)
        elif restriction.startswith("<"):
            end = _phoenix_day(restriction[1:], where).isoformat()  # before that day
        elif re.fullmatch(r"\d+-\d+", restriction):
            a, b = restriction.split("-")
            begin, end = _span(_phoenix_day(a, where), _phoenix_day(b, where), where)
        else:
            raise DictionaryError(
                f"{where}: date restriction {restriction!r} in [{body}] is not >YYMMDD, <YYMMDD or YYMMDD-YYMMDD"
            )
    return code, country, role, begin, end


# ---------------------------------------------------------------------- the wrapper
_as_day = _as_iso  # the KB's reading of a date ("2019", "2019-05", a date, None = today)


class UserActorDictionary:
    """An ActorDictionary: the user dictionaries' names first, then the wrapped one.

    ``dictionaries`` (the parsed files, each with ``fingerprint()``) is what
    :func:`eventcoder.provenance.fingerprint_of` records; ``directory`` and every other
    attribute are the wrapped knowledge base's.
    """

    def __init__(self, base: ActorDictionary, dictionaries: Sequence[UserDictionary]) -> None:
        self.base = base
        self.dictionaries: tuple[UserDictionary, ...] = tuple(dictionaries)
        self._index: dict[str, list[_Identity]] = {}
        identities: dict[str, _Identity] = {}
        order = 0
        for d in self.dictionaries:
            # a name in a later file replaces the same name of an earlier one
            local: dict[str, _Identity] = {}
            for entry in d.entries:
                key = name_key(entry.name)
                ident = local.get(key)
                if ident is None:
                    order += 1
                    ident = local[key] = _Identity(entry.name, order)
                ident.entries.append(entry)
            for key, ident in local.items():
                old = identities.get(key)
                if old is not None:
                    for lst in self._index.values():
                        if old in lst:
                            lst.remove(old)
                identities[key] = ident
        for key, ident in identities.items():
            keys = {key} | {name_key(a) for e in ident.entries for a in e.aliases}
            for k in keys:
                if k:
                    self._index.setdefault(k, []).append(ident)
        self._index = {k: v for k, v in self._index.items() if v}

    # -- what the user files answer
    def _find(self, text: str, day: str) -> tuple[tuple[int, UserEntry, str | None], _Identity, list[_Identity]] | None:
        found = self._index.get(name_key(text))
        if not found:
            return None
        own = [i for i in found if name_key(i.name) == name_key(text)]
        pool = own or found
        scored = sorted(((i.resolve(day), i) for i in pool), key=lambda s: (s[0][0], s[1].order), reverse=True)
        return scored[0][0], scored[0][1], [i for _, i in scored]

    def user_entry(self, text: str, date: dt.date | str | None = None) -> UserEntry | None:
        """The user entry that answers ``text`` as of ``date``, or None."""
        hit = self._find(text, _as_day(date))
        return None if hit is None else hit[0][1]

    def person(
        self, name: str, date: dt.date | str | None = None, countries: tuple[str, ...] = ()
    ) -> PersonMatch | None:
        day = _as_day(date)
        hit = self._find(name, day)
        if hit is None:
            # the article's countries settle a name the KB finds ambiguous, as without a file
            match = self.base.person(name, date, countries=countries)
            # the KB's person for a name it knows ("Kishida") is one the user file holds
            # under their full name ("Fumio Kishida"): the file's entry wins
            hit = self._find(match.name, day) if match is not None and not match.ambiguous else None
            if hit is None:
                return match
        (status, entry, role), ident, pool = hit
        if entry.country is None and entry.code[:3] in INTERNATIONAL_CODES:
            return None  # an international code: organization() answers it
        ambiguous = len(pool) > 1 and pool[1].resolve(day)[0] == status
        return PersonMatch(
            name=ident.name, country=entry.country, role=role, ambiguous=ambiguous,
            candidates=tuple(i.name for i in pool) if len(pool) > 1 else (),
        )

    def organization(self, text: str, date: dt.date | str | None = None) -> OrgEntry | None:
        """A user entry as an organization (its code as of ``date``, None: today), else the
        wrapped dictionary's."""
        hit = self._find(text, _as_day(date))
        if hit is None:
            org = self.base.organization(text)
            hit = self._find(org.name, _as_day(date)) if org is not None else None  # "UN" -> the user's "United Nations"
            if hit is None:
                return org
        (status, entry, role), ident, _ = hit
        code = entry.code
        if status == 1:
            code = (entry.country or "") + "ELI"
        elif status == 0:
            code = entry.country or entry.code[:3]
        return OrgEntry(code=code, name=ident.name, country=entry.country, role=role)

    def explain(self, name: str, date: dt.date | str | None = None) -> dict:
        """The wrapped dictionary's explanation, with the user entry that answers ``name``."""
        base = getattr(self.base, "explain", None)
        result: dict = base(name, date) if callable(base) else {"query": name, "date": _as_day(date)}
        hit = self._find(name, _as_day(date))
        if hit is not None:
            (status, entry, role), ident, _ = hit
            match = self.person(name, date)
            record = {"code": entry.code, "start": entry.start, "end": entry.end, "note": entry.note,
                      "source": f"{_source_of(self, entry)}:{entry.line}"}
            if match is not None:
                result["person"] = {
                    "name": match.name, "country": match.country, "role": match.role, "title": match.title,
                    "code": (match.country or "") + (match.role or "") or None, "ambiguous": match.ambiguous,
                    "candidates": list(match.candidates), "record": record,
                }
            else:
                result.pop("person", None)
            org = self.organization(name, date)
            if org is not None:
                result["organization"] = {"code": org.code, "name": org.name, "country": org.country}
        return result

    # -- everything else: the wrapped dictionary
    def country_by_name(self, text: str) -> str | None:
        return self.base.country_by_name(text)

    def country_by_adjective(self, text: str) -> str | None:
        return self.base.country_by_adjective(text)

    def country_by_capital(self, text: str) -> str | None:
        return self.base.country_by_capital(text)

    def country_candidates(self, text: str) -> tuple[str, ...]:
        return self.base.country_candidates(text)

    def agent(self, text: str) -> str | None:
        return self.base.agent(text)

    def title(self, text: str) -> str | None:
        return self.base.title(text)

    def __getattr__(self, name: str) -> Any:
        # only called for attributes this class lacks: new KB methods, ``directory`` ...
        if name in {"base", "dictionaries", "_index"}:  # not set yet (unpickling)
            raise AttributeError(name)
        return getattr(self.base, name)

    def __repr__(self) -> str:
        files = ", ".join(f"{d.path.name} ({d.names} names)" for d in self.dictionaries)
        return f"UserActorDictionary({files} over {type(self.base).__name__})"


def _source_of(wrapper: UserActorDictionary, entry: UserEntry) -> str:
    for d in wrapper.dictionaries:
        if any(e is entry for e in d.entries):
            return str(d.path)
    return "user"


def load_user_dictionaries(paths: Iterable[str | os.PathLike[str]], base: ActorDictionary) -> ActorDictionary:
    """``base`` with the user dictionaries ``paths`` over it (``base`` itself when none)."""
    files = [read_dictionary(p, base) for p in paths]
    return UserActorDictionary(base, files) if files else base


def dictionary_paths_from_env() -> tuple[str, ...]:
    """The user dictionaries ``$EVENTCODER_ACTORS`` names (``os.pathsep``-separated)."""
    value = os.environ.get(ACTORS_ENV, "")
    return tuple(p for p in value.split(os.pathsep) if p)
