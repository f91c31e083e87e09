"""Event filters and the SQL they become (parameterized: values never enter the SQL text).

:class:`EventFilter` is shared by the CLI (``eventcoder query``), the Python API and the
web UI.  :func:`where_clause` turns it into a ``WHERE`` clause over the ``mentions``
table; :func:`summary_where` into one over ``dyad_month`` when the filter allows it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError

__all__ = ["EventFilter", "COUNT_BY", "where_clause", "summary_where", "parse_date_bound"]

#: What ``count_by`` can group on.
COUNT_BY = ("month", "year", "dyad", "source", "target", "root", "cameo", "quad", "plover")

_HI = "\U0010ffff"  # upper bound for prefix ranges: every code sorts below prefix + this
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def parse_date_bound(value: str | dt.date | None) -> str | None:
    """Check a date bound: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if not _DATE.match(text):
        raise ConfigError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return text


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
        if self.dyad is not None:
            if len(self.dyad) != 2 or not all(self.dyad):
                raise ConfigError(f"dyad {self.dyad!r} must be two actor codes, e.g. ISR,PSE")
            object.__setattr__(self, "dyad", (str(self.dyad[0]).upper(), str(self.dyad[1]).upper()))
        for name in ("source", "target", "actor", "plover"):
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, str(value).strip().upper() or None)
        object.__setattr__(self, "since", parse_date_bound(self.since))
        object.__setattr__(self, "until", parse_date_bound(self.until))
        if self.cameo is not None and not re.fullmatch(r"\d{1,4}", str(self.cameo)):
            raise ConfigError(f"CAMEO code {self.cameo!r} must be 1-4 digits, e.g. 04 or 042")
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
