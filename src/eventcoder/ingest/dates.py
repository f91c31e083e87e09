"""Publication dates to ISO ``YYYY-MM-DD``: corpus values, meta tags and dates in text."""

from __future__ import annotations

import datetime as dt
import re
import time
from typing import Any

from dateutil import parser as _dateparser

__all__ = ["to_iso_date", "find_date_line"]

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_ISO = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s_])")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:T\d|$)")
# A full date (with a year) somewhere in a line.
_DATE_IN_LINE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTHS},?\s+\d{{4}}"
    rf"|{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    r"|\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[/.]\d{1,2}[/.]\d{4})\b",
    re.IGNORECASE,
)
# What may stand around a date on a "date line" besides the date itself.
_DATE_LINE_EXTRA = re.compile(
    r"(?i)\b(?:published|posted|updated|last|modified|on|at|date|first|time|am|pm|a\.m\.|p\.m\."
    r"|gmt|utc|bst|cet|cest|est|edt|pst|pdt|ict|ist|jst|hkt|sgt|aest|ago|hours?|mins?|minutes?"
    r"|mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?"
    r"|sun(?:day)?)\b|[\d:.,|/\-–—()+]|\s"
)
_SENTINELS = (dt.datetime(1901, 1, 1), dt.datetime(1902, 2, 2))


def to_iso_date(value: Any) -> str | None:
    """A date as ``YYYY-MM-DD``, or None when it has no day or cannot be read.

    Takes ISO strings ("2009-01-22T10:00:00Z" keeps its own calendar day, no time-zone
    shift), free text ("22 Jan 2009", "Thursday, September 29, 2022 10:30 am"),
    ``datetime``/``date`` and ``time.struct_time`` (feedparser).  Never raises.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, time.struct_time):
        try:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday).isoformat()
        except ValueError:
            return None
    if isinstance(value, (int, float)) or not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 200:
        return None
    for pattern in (_ISO, _COMPACT):
        match = pattern.match(text)
        if match:
            try:
                return dt.date(*map(int, match.groups())).isoformat()
            except ValueError:
                return None
    return _parse_free(text)


def _parse_free(text: str) -> str | None:
    results = []
    for default in _SENTINELS:  # two defaults: a field that differs was not in the text
        try:
            parsed = _dateparser.parse(text, default=default, fuzzy=True, ignoretz=True)
        except (ValueError, OverflowError, TypeError, _dateparser.ParserError):
            return None
        results.append(parsed)
    first, second = results
    if first.year != second.year or first.month != second.month or first.day != second.day:
        return None
    if not 1800 <= first.year <= 2200:
        return None
    return first.date().isoformat()


def find_date_line(line: str) -> str | None:
    """The ISO date of a line that is only a date ("September 29, 2022", "Published 3
    Mar 2023 10:15 GMT"), else None: a sentence that mentions a date is not a date line."""
    if len(line) > 90:
        return None
    match = _DATE_IN_LINE.search(line)
    if not match:
        return None
    rest = line[: match.start()] + " " + line[match.end() :]
    if _DATE_LINE_EXTRA.sub("", rest).strip():
        return None
    return to_iso_date(match.group(0))
