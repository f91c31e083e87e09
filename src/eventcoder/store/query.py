"""Event filters and the SQL they become (parameterized: values never enter the SQL text).

:class:`EventFilter` is shared by the CLI (``eventcoder query``), the Python API and the
web UI.  :func:`where_clause` turns it into a ``WHERE`` clause over the ``mentions``
table; :func:`summary_where` into one over ``dyad_month`` when the filter allows it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError

__all__ = [
    "EventFilter",
    "COUNT_BY",
    "UNITS",
    "COUNTRYLESS",
    "where_clause",
    "summary_where",
    "event_where",
    "event_summary_where",
    "parse_date_bound",
    "check_actor",
    "check_cameo",
    "check_plover",
    "known_codes",
    "has_country_sql",
]

#: What ``count_by`` can group on.
COUNT_BY = ("month", "year", "dyad", "source", "target", "root", "cameo", "quad", "plover")
#: What a count counts: real-world events (the roll-up, the default) or mentions (sentences).
UNITS = ("events", "mentions")
#: What counts by actor do with actors of no known country (bare ``GOV``, ``EDU`` ...).
COUNTRYLESS = ("show", "group", "hide")
#: The key ``countryless="group"`` gives those actors.
NO_COUNTRY = "(no country)"

_HI = "\U0010ffff"  # upper bound for prefix ranges: every code sorts below prefix + this
_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_ACTOR = re.compile(r"^[A-Z0-9]{1,32}$")


def parse_date_bound(value: str | dt.date | None, name: str = "date") -> str | None:
    """Check a date bound: a real date written ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``
    (``2005-02-30`` is refused).  The CLI and the web API both check dates here."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    m = _DATE.match(text)
    if not m:
        raise ConfigError(f"{name} must be a date YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = m.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
    except ValueError as err:
        raise ConfigError(f"{name} {value!r} is not a real date ({err})") from err
    return text


def _low(value: str) -> str:
    return value + "-01-01"[len(value) - 4 :] if len(value) < 10 else value


def _high(value: str) -> str:
    return value + "-12-31"[len(value) - 4 :] if len(value) < 10 else value


@functools.cache
def known_codes() -> tuple[frozenset[str], frozenset[str]]:
    """CAMEO codes and PLOVER event types of the codebook (``events/data/cameo.tsv``)."""
    from ..events.lexicon import default_lexicon

    lexicon = default_lexicon()
    plover = frozenset(i.plover_type for i in lexicon.codes.values() if i.plover_type)
    return frozenset(lexicon.codes), plover


def check_actor(value: str | None, name: str = "actor") -> str | None:
    """An actor code or prefix: 1-32 letters or digits (upper-cased)."""
    if value is None:
        return None
    text = str(value).strip().upper()
    if not text:
        return None
    if not _ACTOR.match(text):
        raise ConfigError(f"{name} must be an actor code or prefix (1-32 letters or digits), e.g. ISR or JPNGOV")
    return text


def check_cameo(value: str | None) -> str | None:
    """A CAMEO code or prefix of 2-4 digits that the codebook has (``04``, ``042``)."""
    if value is None:
        return None
    text = str(value).strip()
    if not re.fullmatch(r"\d{2,4}", text):
        raise ConfigError("CAMEO code must be 2-4 digits, e.g. 04 or 042")
    codes, _ = known_codes()
    if not any(code.startswith(text) for code in codes):
        raise ConfigError(f"CAMEO code {value!r} is not a code of the CAMEO codebook (events/data/cameo.tsv)")
    return text


def check_plover(value: str | None) -> str | None:
    """A PLOVER event type of the codebook (case-insensitive)."""
    if value is None:
        return None
    text = str(value).strip().upper()
    if not text:
        return None
    _, types = known_codes()
    if text not in types:
        raise ConfigError(f"PLOVER type is not an event type of the codebook; one of {', '.join(sorted(types))}")
    return text


# Codes that name a place or an international body: ISO 3166 alpha-3 countries (the
# knowledge base's list), CAMEO's regions and international prefixes.  Any other code
# (bare sectors: GOV, MIL, EDU, CVL ...) has no known country.
_REGIONS = ("AFR", "ASA", "BLK", "BAL", "CAS", "CAU", "CFR", "CRB", "EAF", "EAS", "EEU", "EUR", "LAM", "MEA",
            "MDT", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SEA", "SCN", "WAF", "WEU", "WST")
_INTERNATIONAL = ("IGO", "NGO", "IMG", "MNC", "INT", "UNO")


@functools.cache
def _placed_prefixes() -> tuple[str, ...]:
    from importlib import resources

    text = (resources.files("eventcoder.actors") / "data" / "countries.tsv").read_text(encoding="utf-8")
    countries = [line.split("\t", 1)[0] for line in text.splitlines()[1:] if line.strip()]
    return tuple(sorted({c for c in (*countries, *_REGIONS, *_INTERNATIONAL) if re.fullmatch(r"[A-Z]{3}", c)}))


def has_country_sql(column: str) -> str:
    """SQL that is true when the actor code in ``column`` names a country, region or
    international body (the codes come from our own data and are checked to be three
    capital letters, so they are written into the SQL text)."""
    listed = ", ".join(f"'{c}'" for c in _placed_prefixes())
    return f"(substr({column}, 1, 3) IN ({listed}))"


@dataclass(frozen=True, slots=True, kw_only=True)
class EventFilter:
    """Which events to return.  Every field is optional; set fields combine with AND.

    * ``source`` / ``target``: a CAMEO actor code or a prefix of one (``JPN`` matches
      ``JPN``, ``JPNGOV``, ``JPNMIL`` ...).
    * ``actor``: a code/prefix matched on either side (source or target).
    * ``dyad``: two codes/prefixes; matches events between them in either direction
      (``directed=True``: only ``dyad[0]`` -> ``dyad[1]``).
    * ``since`` / ``until``: inclusive bounds on the event date (``YYYY[-MM[-DD]]``).
      ``until="2022-09"`` includes all of September 2022.
    * ``cameo``: a CAMEO code or prefix (``"04"`` is the root, ``"042"`` the code and its
      children); ``quad_class``: one class or several; ``plover``: PLOVER event type.
    * ``text``: case-insensitive (ASCII) substring of the sentence.
    * ``negated``: ``None`` both, ``False`` only events that happened, ``True`` only denials.
    * ``limit`` / ``offset``: paging for :meth:`Store.events` (ordered by date, then storage
      order; ``newest_first=True`` reverses it, undated events last).
    """

    source: str | None = None
    target: str | None = None
    actor: str | None = None
    dyad: tuple[str, str] | None = None
    directed: bool = False
    since: str | None = None
    until: str | None = None
    cameo: str | None = None
    quad_class: int | tuple[int, ...] | None = None
    plover: str | None = None
    text: str | None = None
    doc_id: str | None = None
    negated: bool | None = None
    limit: int | None = None
    offset: int = 0
    newest_first: bool = False

    def __post_init__(self) -> None:
        # the one validation of filter values: the CLI, the Python API and the web API all
        # build an EventFilter, so they accept and refuse the same values
        if self.dyad is not None:
            if len(self.dyad) != 2 or not all(self.dyad):
                raise ConfigError(f"dyad {self.dyad!r} must be two actor codes, e.g. ISR,PSE")
            object.__setattr__(self, "dyad", (check_actor(self.dyad[0], "dyad"), check_actor(self.dyad[1], "dyad")))
        for name in ("source", "target", "actor"):
            object.__setattr__(self, name, check_actor(getattr(self, name), name))
        object.__setattr__(self, "plover", check_plover(self.plover))
        object.__setattr__(self, "since", parse_date_bound(self.since, "since"))
        object.__setattr__(self, "until", parse_date_bound(self.until, "until"))
        if self.since and self.until and _low(self.since) > _high(self.until):
            raise ConfigError(f"until {self.until} is before since {self.since}: the date range is inverted")
        object.__setattr__(self, "cameo", check_cameo(self.cameo))
        if self.text is not None and any(ord(c) < 32 or ord(c) == 127 for c in self.text):
            # SQLite ends a pattern at NUL: "a\0b" would match every sentence
            raise ConfigError(f"text {self.text!r} holds a control character; search for printable text")
        quads = self.quad_classes()
        if quads is not None and not all(q in (1, 2, 3, 4) for q in quads):
            raise ConfigError(f"quad_class {self.quad_class!r} must be 1, 2, 3 or 4")
        if self.limit is not None and self.limit < 0:
            raise ConfigError(f"limit {self.limit} must be >= 0")
        if self.offset < 0:
            raise ConfigError(f"offset {self.offset} must be >= 0")

    def quad_classes(self) -> tuple[int, ...] | None:
        if self.quad_class is None:
            return None
        if isinstance(self.quad_class, int):
            return (self.quad_class,)
        return tuple(int(q) for q in self.quad_class)


def _prefix(column: str, value: str, params: list[Any]) -> str:
    """``column`` starts with ``value``, as a range so that an index serves it."""
    params.extend([value, value + _HI])
    return f"({column} >= ? AND {column} < ?)"


def _until(value: str) -> str:
    # "2022-09" must include "2022-09-30"; "2022" every day of 2022
    return value + _HI if len(value) < 10 else value


def where_clause(f: EventFilter, *, table: str = "") -> tuple[str, list[Any]]:
    """``(sql, params)``: a WHERE clause (``"1"`` when empty) over the mentions table."""
    t = f"{table}." if table else ""
    parts: list[str] = []
    params: list[Any] = []
    if f.source:
        parts.append(_prefix(f"{t}source_code", f.source, params))
    if f.target:
        parts.append(_prefix(f"{t}target_code", f.target, params))
    if f.actor:
        parts.append(f"({_prefix(f'{t}source_code', f.actor, params)} OR {_prefix(f'{t}target_code', f.actor, params)})")
    if f.dyad:
        a, b = f.dyad
        forward = f"({_prefix(f'{t}source_code', a, params)} AND {_prefix(f'{t}target_code', b, params)})"
        if f.directed:
            parts.append(forward)
        else:
            backward = f"({_prefix(f'{t}source_code', b, params)} AND {_prefix(f'{t}target_code', a, params)})"
            parts.append(f"({forward} OR {backward})")
    if f.since:
        parts.append(f"{t}date >= ?")
        params.append(f.since)
    if f.until:
        parts.append(f"{t}date != '' AND {t}date <= ?")
        params.append(_until(f.until))
    if f.cameo:
        parts.append(_prefix(f"{t}cameo", f.cameo, params))
    quads = f.quad_classes()
    if quads is not None:
        parts.append(f"{t}quad_class IN ({', '.join('?' * len(quads))})")
        params.extend(quads)
    if f.plover:
        parts.append(f"{t}plover_type = ?")
        params.append(f.plover)
    if f.text:
        escaped = f.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        parts.append(f"{t}sentence LIKE ? ESCAPE '\\'")
        params.append(f"%{escaped}%")
    if f.doc_id:
        parts.append(f"{t}doc_id = ?")
        params.append(f.doc_id)
    if f.negated is not None:
        parts.append(f"{t}negated = ?")
        params.append(int(f.negated))
    return (" AND ".join(parts) or "1"), params


def summary_where(f: EventFilter) -> tuple[str, list[Any]] | None:
    """The same filter over ``dyad_month``, or ``None`` when the summary cannot answer it.

    The summary holds non-negated events by (source, target, month, quad class), so it
    answers filters on actors, whole months and quad classes only.
    """
    if f.cameo or f.plover or f.text or f.doc_id or f.negated is True:
        return None
    if any(b is not None and len(b) == 10 for b in (f.since, f.until)):
        return None  # day bounds cut through months
    probe = EventFilter(
        source=f.source, target=f.target, actor=f.actor, dyad=f.dyad, directed=f.directed, quad_class=f.quad_class
    )
    sql, params = where_clause(probe)
    if f.since:
        sql += " AND month >= ?"
        params.append(f.since)
    if f.until:
        sql += " AND month != '' AND month <= ?"
        params.append(_until(f.until))
    return sql, params


def _either(a: str, b: str, value: str, params: list[Any]) -> str:
    return f"({_prefix(a, value, params)} OR {_prefix(b, value, params)})"


def _event_conditions(f: EventFilter, t: str, *, summary: bool) -> tuple[list[str], list[Any]] | None:
    if f.negated is True:
        raise ConfigError(
            "denials (negated mentions) are not events: count or list them with unit 'mentions' "
            "(eventcoder query --unit mentions --negated)"
        )
    if summary and (f.cameo or f.plover or f.text or f.doc_id):
        return None
    if summary and any(b is not None and len(b) == 10 for b in (f.since, f.until)):
        return None
    parts: list[str] = []
    params: list[Any] = []
    src, tgt, sym = f"{t}source_code", f"{t}target_code", f"{t}symmetric = 1"
    # a symmetric event is stored once, its codes in sorted order; either actor is its source
    # and its target, so a source filter also matches its target side
    if f.source:
        parts.append(f"({_prefix(src, f.source, params)} OR ({sym} AND {_prefix(tgt, f.source, params)}))")
    if f.target:
        parts.append(f"({_prefix(tgt, f.target, params)} OR ({sym} AND {_prefix(src, f.target, params)}))")
    if f.actor:
        parts.append(_either(src, tgt, f.actor, params))
    if f.dyad:
        a, b = f.dyad
        forward = f"({_prefix(src, a, params)} AND {_prefix(tgt, b, params)})"
        backward = f"({_prefix(src, b, params)} AND {_prefix(tgt, a, params)})"
        parts.append(f"({forward} OR ({sym} AND {backward}))" if f.directed else f"({forward} OR {backward})")
    column = f"{t}month" if summary else f"{t}date"
    if f.since:
        parts.append(f"{column} >= ?")
        params.append(f.since)
    if f.until:
        parts.append(f"{column} != '' AND {column} <= ?")
        params.append(_until(f.until))
    if f.cameo:
        parts.append(_prefix(f"{t}cameo", f.cameo, params))
    quads = f.quad_classes()
    if quads is not None:
        parts.append(f"{t}quad_class IN ({', '.join('?' * len(quads))})")
        params.extend(quads)
    if f.plover:
        parts.append(f"{t}plover_type = ?")
        params.append(f.plover)
    if f.text or f.doc_id:
        # what only the mentions know: an event matches when one of its mentions does
        probe = EventFilter(text=f.text, doc_id=f.doc_id, negated=False)
        sub, sub_params = where_clause(probe)
        parts.append(f"({t}date, {t}source_code, {t}target_code, {t}cameo) IN "
                     f"(SELECT key_date, key_source, key_target, cameo FROM mentions WHERE {sub})")
        params.extend(sub_params)
    return parts, params


def event_where(f: EventFilter, *, table: str = "") -> tuple[str, list[Any]]:
    """``(sql, params)``: a WHERE clause over the roll-up (``events``): real-world events.

    Actor filters match either side of a symmetric event; ``text`` and ``doc_id`` match
    events with at least one such mention; ``negated=True`` is refused (denials are
    mentions of what did not happen, not events)."""
    found = _event_conditions(f, f"{table}." if table else "", summary=False)
    parts, params = found if found is not None else ([], [])
    return (" AND ".join(parts) or "1"), params


def event_summary_where(f: EventFilter) -> tuple[str, list[Any]] | None:
    """The same filter over ``event_month``, or ``None`` when only ``events`` can answer."""
    found = _event_conditions(f, "", summary=True)
    if found is None:
        return None
    parts, params = found
    return (" AND ".join(parts) or "1"), params
