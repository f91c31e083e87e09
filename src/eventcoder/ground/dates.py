"""Event dates: temporal expressions resolved against the article date (the *anchor*).

Three layers, each usable on its own:

``extract_date_expressions(text)``
    finds candidate expressions in a sentence with regular expressions
    ("on September 28", "last week", "his upcoming November visit" -> "upcoming November").
``resolve_date_text(expression, anchor, tense)``
    turns one expression into an ISO value and a precision (``day``, ``month``, ``year``).
``resolve_event_date(sentence, verb, anchor, tense=None)``
    picks the expression that belongs to an event verb in a parsed sentence (spaCy
    objects, duck-typed: this module never imports spaCy) and resolves it; without one
    the event falls back to the article date with precision ``article``.

Rules for expressions without a year or with a relative meaning:

* A month or month-day is placed in the anchor's year, moved one year back when the
  tense is past and it would fall after the anchor ("in December" in a past sentence of a
  2022-03-10 article -> 2021-12), one year forward when the tense is future and it would
  fall before ("in March", future, 2022-11-20 -> 2023-03).  "last March" / "next March"
  are the nearest March strictly before / after the anchor's month.
* A weekday: past -> the most recent such day on or before the anchor, future -> the next
  one on or after it (a wire story dated Tuesday that says "on Tuesday" means that day);
  present -> the nearer of the two.  "last Tuesday" / "next Tuesday" exclude the anchor
  day.
* Deictic expressions carry their own direction: "next month", "upcoming", "tomorrow",
  "in two days" point forward; "last week", "yesterday", "two days ago", "back in" point
  back.  One that contradicts the tense is not this event's date: in a past sentence
  "next month" resolves to ``None`` (so relative dates in past sentences never fall after
  the anchor), in a future sentence "last week" does too.
* Weeks and weekends are not in our precision vocabulary.  A week-like span ("last
  week", "this week", "the past week", "two weeks ago", "over the weekend") is cut to the
  part allowed by the tense (a past event cannot happen after the anchor, a future one
  not before), then written as its **month** (precision ``month``) when the whole span
  lies in one calendar month, otherwise as its **first day** (precision ``day``).  Weeks
  run Monday to Sunday.
* Absolute dates with a year ("March 14, 2021", "14 March 2021", "2021-03-14", "in
  2019") are taken as written, whatever the tense.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import re
from dataclasses import dataclass
from typing import Any

from ..errors import ConfigError
from ..model import DatePrecision

__all__ = [
    "ResolvedDate",
    "Tense",
    "extract_date_expressions",
    "resolve_date_text",
    "resolve_event_date",
    "tense_of",
]


class Tense(enum.StrEnum):
    PAST = "past"
    PRESENT = "present"
    FUTURE = "future"


@dataclass(frozen=True, slots=True, kw_only=True)
class ResolvedDate:
    """An event date: ``value`` is ``YYYY-MM-DD``, ``YYYY-MM``, ``YYYY`` or ``None``."""

    value: str | None
    precision: str  # a DatePrecision value
    text: str | None = None  # the expression used, as written
    span: tuple[int, int] | None = None  # char offsets of it in the sentence text


# ---------------------------------------------------------------------------------------
# Vocabulary

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
_WEEKDAY_PREFIXES = {
    name[:length]: number
    for name, number in _WEEKDAYS.items()
    for length in (3, 4, 5, len(name))
}
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "a couple of": 2, "couple of": 2,
}  # fmt: skip

# modifier -> (direction, strict): direction -1 back, +1 forward, 0 anchor-relative "this";
# strict: the anchor day / month itself does not qualify ("last Tuesday", "next March").
_MODIFIERS = {
    "last": (-1, True), "previous": (-1, True), "this past": (-1, True),
    "past": (-1, False), "earlier this": (-1, False),
    "next": (1, True), "this coming": (1, True),
    "coming": (1, False), "upcoming": (1, False), "forthcoming": (1, False),
    "later this": (1, False),
    "this": (0, False),
}  # fmt: skip
_MIN_YEAR, _MAX_YEAR = 1000, 2999
_MAX_COUNT = 1000  # "N days ago": larger counts are not event dates

# ---------------------------------------------------------------------------------------
# Grammar of one expression (lower-cased, leading fillers stripped one at a time)

_L_MONTH = (
    r"(?P<month>january|february|march|april|may|june|july|august|september|october"
    r"|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?"
)
_L_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_L_WD_PREFIX = (
    r"(?:(?P<wdp>monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues|tue"
    r"|wed|thurs|thur|thu|fri|sat|sun)\.?,?\s+)?"
)
_L_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_L_YEAR = r"(?P<year>\d{4})"
_L_MOD = "(?P<mod>" + "|".join(sorted(_MODIFIERS, key=len, reverse=True)) + ")"
_L_NUM = "(?P<num>\\d{1,6}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True)) + ")"
_L_UNIT = r"(?P<unit>day|week|month|year)s?"
_L_PART = r"(?:\s+(?:morning|afternoon|evening|night))?"

_CORE = [
    ("iso_day", rf"(?P<year>\d{{4}})[-/](?P<m>\d{{1,2}})[-/](?P<day>\d{{1,2}})"),
    ("iso_month", rf"(?P<year>\d{{4}})-(?P<m>\d{{2}})"),
    ("month_day", rf"{_L_WD_PREFIX}(?:{_L_MOD}\s+)?(?:the\s+)?{_L_MONTH}\s+(?:the\s+)?{_L_DAY}"
                  rf"(?:,?\s+{_L_YEAR})?"),
    ("month_day", rf"{_L_WD_PREFIX}(?:{_L_MOD}\s+)?(?:the\s+)?{_L_DAY}\s+(?:of\s+)?{_L_MONTH}"
                  rf"(?:,?\s+{_L_YEAR})?"),
    ("month", rf"{_L_MONTH},?\s+(?:of\s+)?{_L_YEAR}"),
    ("month", rf"(?:{_L_MOD}\s+)?{_L_MONTH}"),
    ("year", _L_YEAR),
    ("unit", rf"{_L_MOD}\s+(?P<unit>week|month|year|weekend)"),
    ("unit", r"(?P<unit>weekend)"),
    ("offset", r"(?P<word>today|tonight|yesterday|tomorrow|last night|this morning"
               r"|this afternoon|this evening|day before yesterday|day after tomorrow)"
               + _L_PART),
    ("ago", rf"{_L_NUM}\s+{_L_UNIT}\s+ago"),
    ("ahead", rf"in\s+{_L_NUM}\s+{_L_UNIT}(?:'?\s+time)?"),
    ("ahead", rf"{_L_NUM}\s+{_L_UNIT}\s+from\s+now"),
    ("weekday", rf"(?:{_L_MOD}\s+)?(?P<weekday>{_L_WEEKDAY}){_L_PART}"),
]  # fmt: skip
_CORE_RE = [(kind, re.compile(pattern)) for kind, pattern in _CORE]

# Words that may precede an expression without changing its date.  "back" marks the
# past ("back in March"); qualifiers ("early", "the end of") do not change the value at
# month or year precision.
_LEAD_RE = re.compile(
    r"(?:on|in|at|during|since|by|until|till|through|from|of|before|after|around|about"
    r"|as of|as early as|as late as|for|over|back|the|his|her|their|its|our|my|your"
    r"|early|mid|late|end of|beginning of|start of|middle of|first half of"
    r"|second half of)\s+|mid-"
)
_ONE_OFFSET = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "last night": -1, "day before yesterday": -2,
    "tomorrow": 1, "day after tomorrow": 2,
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class _Spec:
    """One parsed expression, before it is placed on the calendar."""

    kind: str
    direction: int = 0  # -1 back, +1 forward, 0 none or "this"
    strict: bool = False
    modifier: str | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # for a month-day: the weekday written with it, if any
    unit: str | None = None
    count: int = 0


def _normalize(expression: str) -> str:
    text = expression.replace("\u2019", "'").replace("\u2018", "'")
    text = " ".join(text.split()).strip(" ,;:!?()[]\"'")
    if text.endswith("'s"):
        text = text[:-2]
    return text.rstrip(" ,;:!?")


def _parse(expression: str) -> _Spec | None:
    """An expression as a _Spec, or None when it is not a date we can read."""
    text = _normalize(expression)
    low = text.lower()
    back = False
    for _ in range(12):  # a bound on stripped fillers, not on input length
        spec = _match_core(low)
        if spec is not None:
            if re.search(r"\bmay\b", low) and "May" not in text and "MAY" not in text:
                return None  # lower-case "may" is the modal verb
            if back and spec.direction == 0:
                return _with_direction(spec, -1)
            return spec
        lead = _LEAD_RE.match(low)
        if lead is None:
            return None
        back = back or lead.group(0).strip() == "back"
        low = low[lead.end() :]
    return None


def _with_direction(spec: _Spec, direction: int) -> _Spec:
    return _Spec(
        kind=spec.kind,
        direction=direction,
        strict=spec.strict,
        modifier=spec.modifier,
        year=spec.year,
        month=spec.month,
        day=spec.day,
        weekday=spec.weekday,
        unit=spec.unit,
        count=spec.count,
    )


def _match_core(low: str) -> _Spec | None:
    for kind, pattern in _CORE_RE:
        match = pattern.fullmatch(low)
        if match is not None:
            return _spec_from_match(kind, match.groupdict())
    return None


def _spec_from_match(kind: str, groups: dict[str, str | None]) -> _Spec | None:
    modifier = groups.get("mod")
    direction, strict = _MODIFIERS.get(modifier or "", (0, False))
    year = int(groups["year"]) if groups.get("year") else None
    if year is not None and not _MIN_YEAR <= year <= _MAX_YEAR:
        return None
    month = None
    if groups.get("month"):
        month = _MONTHS[groups["month"][:3]]
    elif groups.get("m"):
        month = int(groups["m"])
    day = int(groups["day"]) if groups.get("day") else None
    common = {"direction": direction, "strict": strict, "modifier": modifier}
    if kind in ("iso_day", "iso_month", "month_day", "month"):
        if month is None or not 1 <= month <= 12:
            return None
        if day is not None and not 1 <= day <= _days_in_month(2000, month):  # a leap year
            return None
        if year is not None:  # an absolute date: modifiers do not move it
            common = {}
        weekday = _WEEKDAY_PREFIXES.get(groups.get("wdp") or "")
        return _Spec(kind="date", year=year, month=month, day=day, weekday=weekday, **common)
    if kind == "year":
        return _Spec(kind="year", year=year)
    if kind == "unit":
        if modifier is None:  # the bare "weekend"
            return _Spec(kind="unit", unit="weekend")
        return _Spec(kind="unit", unit=groups["unit"], **common)
    if kind == "offset":
        offset = _ONE_OFFSET[groups["word"]]
        return _Spec(kind="offset", count=offset, direction=(offset > 0) - (offset < 0))
    if kind in ("ago", "ahead"):
        num = groups["num"] or ""
        count = int(num) if num.isdigit() else _NUMBERS[num]
        if count > _MAX_COUNT:
            return None
        sign = -1 if kind == "ago" else 1
        return _Spec(kind="count", unit=groups["unit"], count=sign * count, direction=sign)
    if kind == "weekday":
        return _Spec(kind="weekday", weekday=_WEEKDAYS[groups["weekday"]], **common)
    return None  # pragma: no cover - every kind of _CORE is handled above


# ---------------------------------------------------------------------------------------
# Placing a parsed expression on the calendar


def _tense(tense: str) -> Tense:
    try:
        return Tense(tense)
    except ValueError as err:
        raise ConfigError(
            f"unknown tense {tense!r}: use one of {', '.join(t.value for t in Tense)}"
        ) from err


def _make_date(year: int, month: int, day: int) -> dt.date | None:
    if not (1 <= month <= 12 and 1 <= day <= 31 and dt.MINYEAR <= year <= dt.MAXYEAR):
        return None
    if day > _days_in_month(year, month):
        return None
    return dt.date(year, month, day)


def _days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (dt.date(year, month + 1, 1) - dt.timedelta(days=1)).day


def _shift(day: dt.date, days: int) -> dt.date | None:
    ordinal = day.toordinal() + days
    if not dt.date.min.toordinal() <= ordinal <= dt.date.max.toordinal():
        return None
    return dt.date.fromordinal(ordinal)


def _month_index(year: int, month: int) -> int:
    return year * 12 + (month - 1)


def _month_value(index: int) -> tuple[str, DatePrecision] | None:
    year, month0 = divmod(index, 12)
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return None
    return f"{year:04d}-{month0 + 1:02d}", DatePrecision.MONTH


def _year_value(year: int) -> tuple[str, DatePrecision] | None:
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        return None
    return f"{year:04d}", DatePrecision.YEAR


def _day_value(day: dt.date | None) -> tuple[str, DatePrecision] | None:
    return None if day is None else (day.isoformat(), DatePrecision.DAY)


def _span_value(
    start: dt.date | None, end: dt.date | None, anchor: dt.date, tense: Tense
) -> tuple[str, DatePrecision] | None:
    """A multi-day span (week, weekend): its month when it stays in one, else its start."""
    if start is None or end is None:
        return None
    if tense is Tense.PAST and end > anchor:
        end = anchor
    if tense is Tense.FUTURE and start < anchor:
        start = anchor
    if start > end:
        return None
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.year:04d}-{start.month:02d}", DatePrecision.MONTH
    return start.isoformat(), DatePrecision.DAY


def _pick(candidates: list[Any], pivot: Any, direction: int, strict: bool) -> Any:
    """The candidate nearest to ``pivot`` on the side ``direction`` points to."""
    if direction < 0:
        allowed = [c for c in candidates if c < pivot or (c == pivot and not strict)]
        return max(allowed, default=None)
    if direction > 0:
        allowed = [c for c in candidates if c > pivot or (c == pivot and not strict)]
        return min(allowed, default=None)
    return None


def _place(spec: _Spec, anchor: dt.date | None, tense: Tense) -> tuple[str, DatePrecision] | None:
    placed = _place_relative(spec, anchor, tense)
    if placed is None or anchor is None or spec.kind == "year" or spec.year is not None:
        return placed
    # a relative date on the wrong side of the anchor ("this March" in a past sentence
    # of a January article) is not this event's date
    first, last = _bounds(placed[0])
    if (tense is Tense.PAST and first > anchor) or (tense is Tense.FUTURE and last < anchor):
        return None
    return placed


def _bounds(value: str) -> tuple[dt.date, dt.date]:
    """The first and last day an ISO value (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``) covers."""
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], 1), dt.date(
            parts[0], parts[1], _days_in_month(parts[0], parts[1])
        )
    return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)


def _place_relative(
    spec: _Spec, anchor: dt.date | None, tense: Tense
) -> tuple[str, DatePrecision] | None:
    if spec.kind == "date" and spec.year is not None:
        if spec.day is None:
            return _month_value(_month_index(spec.year, spec.month or 1))
        return _day_value(_make_date(spec.year, spec.month or 1, spec.day))
    if spec.kind == "year":
        return _year_value(spec.year or 0)
    if anchor is None:
        return None
    if (spec.direction > 0 and tense is Tense.PAST) or (
        spec.direction < 0 and tense is Tense.FUTURE
    ):
        return None  # "next month" cannot date a past event, "last week" a future one
    tense_direction = {Tense.PAST: -1, Tense.PRESENT: 0, Tense.FUTURE: 1}[tense]
    if spec.modifier == "this":
        direction, strict = 0, False
    elif spec.direction:
        direction, strict = spec.direction, spec.strict
    else:
        direction, strict = tense_direction, False
    if spec.kind == "date":
        return _place_month_day(spec, anchor, direction, strict)
    if spec.kind == "weekday":
        return _place_weekday(spec.weekday or 0, anchor, direction, strict)
    if spec.kind == "offset":
        return _day_value(_shift(anchor, spec.count))
    if spec.kind == "count":
        return _place_count(spec, anchor, tense)
    if spec.kind == "unit":
        return _place_unit(spec, anchor, tense)
    return None  # pragma: no cover


def _place_month_day(
    spec: _Spec, anchor: dt.date, direction: int, strict: bool
) -> tuple[str, DatePrecision] | None:
    month = spec.month or 1
    if spec.day is None:
        here = _month_index(anchor.year, anchor.month)
        if direction == 0:
            return _month_value(_month_index(anchor.year, month))
        options = [_month_index(anchor.year + k, month) for k in (-1, 0, 1)]
        chosen = _pick(options, here, direction, strict)
        return None if chosen is None else _month_value(chosen)
    days = [_make_date(anchor.year + k, month, spec.day) for k in (-1, 0, 1)]
    if spec.weekday is not None:  # "Wed. Dec. 1": the one year whose Dec. 1 is a Wednesday
        matching = [d for d in days if d is not None and d.weekday() == spec.weekday]
        if len(matching) == 1:
            return _day_value(matching[0])
    if direction == 0:
        return _day_value(days[1])
    return _day_value(_pick([d for d in days if d is not None], anchor, direction, strict))


def _place_weekday(
    weekday: int, anchor: dt.date, direction: int, strict: bool
) -> tuple[str, DatePrecision] | None:
    back = (anchor.weekday() - weekday) % 7  # days since the most recent such day
    ahead = (weekday - anchor.weekday()) % 7
    if strict:
        back, ahead = back or 7, ahead or 7
    if direction < 0:
        offset = -back
    elif direction > 0:
        offset = ahead
    else:  # present tense: the nearer one, the past on a tie
        offset = -back if back <= ahead else ahead
    return _day_value(_shift(anchor, offset))


def _week_start(day: dt.date) -> dt.date | None:
    return _shift(day, -day.weekday())


def _place_unit(spec: _Spec, anchor: dt.date, tense: Tense) -> tuple[str, DatePrecision] | None:
    modifier, unit = spec.modifier, spec.unit
    here = _month_index(anchor.year, anchor.month)
    step = spec.direction if modifier not in ("this", "earlier this", "later this") else 0
    if unit == "year":
        return _year_value(anchor.year + step)
    if unit == "month":
        return _month_value(here + step)
    monday = _week_start(anchor)
    if monday is None:
        return None
    if unit == "week":
        if modifier == "past":
            return _span_value(_shift(anchor, -7), _shift(anchor, -1), anchor, tense)
        if modifier in ("coming", "upcoming", "forthcoming"):
            return _span_value(_shift(anchor, 1), _shift(anchor, 7), anchor, tense)
        if modifier == "earlier this":
            return _span_value(monday, anchor, anchor, tense)
        if modifier == "later this":
            return _span_value(anchor, _shift(monday, 6), anchor, tense)
        start = _shift(monday, 7 * step)
        return _span_value(start, start and _shift(start, 6), anchor, tense)
    # weekend: Saturday and Sunday
    if modifier is None:
        if tense is Tense.PAST:
            saturday = _shift(anchor, -((anchor.weekday() - 5) % 7))
        elif tense is Tense.FUTURE:  # on a Sunday, the weekend under way
            saturday = _shift(anchor, (5 - anchor.weekday()) % 7 if anchor.weekday() < 6 else -1)
        else:
            saturday = _shift(monday, 5)
    else:
        saturday = _shift(monday, 5 + 7 * step)
    return _span_value(saturday, saturday and _shift(saturday, 1), anchor, tense)


def _place_count(spec: _Spec, anchor: dt.date, tense: Tense) -> tuple[str, DatePrecision] | None:
    count = spec.count
    if spec.unit == "day":
        return _day_value(_shift(anchor, count))
    if spec.unit == "week":
        day = _shift(anchor, 7 * count)
        start = day and _week_start(day)
        return _span_value(start, start and _shift(start, 6), anchor, tense)
    if spec.unit == "month":
        return _month_value(_month_index(anchor.year, anchor.month) + count)
    return _year_value(anchor.year + count)


def resolve_date_text(
    expression: str, anchor: dt.date | None, tense: str
) -> ResolvedDate | None:
    """One temporal expression -> its date, relative to ``anchor``; None if not a date.

    ``tense`` (``past``, ``present``, ``future``) decides where an expression without a
    year falls; see the module docstring for the rules.  Absolute dates need no anchor.
    """
    resolved_tense = _tense(tense)
    if not isinstance(expression, str) or len(expression) > 200:
        return None
    spec = _parse(expression)
    if spec is None:
        return None
    placed = _place(spec, anchor, resolved_tense)
    if placed is None:
        return None
    value, precision = placed
    return ResolvedDate(value=value, precision=precision, text=expression.strip())


# ---------------------------------------------------------------------------------------
# Finding expressions in running text.  Month and weekday names must be capitalized here
# ("March" the month, not "march" the verb); function words may have any case.

_X_MONTH_FULL = "|".join(
    name
    for full in (
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    )  # fmt: skip
    for name in (full, full.upper())
)
_X_MONTH_ANY = rf"(?:{_X_MONTH_FULL}|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_X_WEEKDAY = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_X_WD_PREFIX = rf"(?:(?:{_X_WEEKDAY}|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?,?\s+)?"
_X_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?!\d)"
_X_YEAR = r"[12]\d{3}(?!\d)"
_X_PREP = (
    r"(?:(?i:back\s+)?(?i:on|in|at|during|since|by|until|till|through|from|before|after"
    r"|around|as\s+of|for|over)\s+)?"
)
_X_QUAL = (
    r"(?:(?i:early|mid|late|(?:the\s+)?(?:end|beginning|start|middle)\s+of)\s+|(?i:mid)-)?"
)
_X_MOD = (
    r"(?i:this\s+past|this\s+coming|earlier\s+this|later\s+this|last|next|this|the\s+past"
    r"|the\s+coming|past|coming|upcoming|forthcoming|the\s+previous|previous)"
)
_X_NUM = "(?i:\\d{1,4}|" + "|".join(
    n.replace(" ", r"\s+") for n in sorted(_NUMBERS, key=len, reverse=True)
) + ")"
_X_UNIT = r"(?i:days?|weeks?|months?|years?)"
_X_PART = r"(?:\s+(?i:morning|afternoon|evening|night))?"
_X_ALTERNATIVES = [
    r"\d{4}-\d{1,2}-\d{1,2}(?!\d)|\d{4}/\d{1,2}/\d{1,2}(?!\d)",
    rf"{_X_WD_PREFIX}{_X_QUAL}(?:{_X_MOD}\s+)?{_X_MONTH_ANY}\s+{_X_DAY}(?:,?\s+{_X_YEAR})?",
    rf"{_X_WD_PREFIX}(?i:the\s+)?{_X_DAY}\s+(?i:of\s+)?{_X_MONTH_ANY}(?:,?\s+{_X_YEAR})?",
    rf"{_X_QUAL}{_X_MONTH_ANY},?\s+(?i:of\s+)?{_X_YEAR}",
    rf"{_X_NUM}\s+{_X_UNIT}\s+(?i:ago)|(?i:in)\s+{_X_NUM}\s+{_X_UNIT}(?:'?\s+(?i:time))?"
    rf"|{_X_NUM}\s+{_X_UNIT}\s+(?i:from\s+now)",
    r"(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|tonight"
    r"|yesterday|tomorrow|this\s+morning|this\s+afternoon|this\s+evening|last\s+night)"
    + _X_PART,
    rf"{_X_QUAL}{_X_MOD}\s+(?i:week|month|year|weekend)(?!\w)",
    r"(?i:over|at|during|on)\s+(?i:the\s+)?(?i:weekend)",
    rf"{_X_QUAL}(?:{_X_MOD}\s+)?(?:{_X_MONTH_FULL})",
    rf"(?:{_X_MOD}\s+)?(?:{_X_WEEKDAY}){_X_PART}",
    rf"(?i:in|since|by|until|during|from|before|after)\s+{_X_QUAL}{_X_YEAR}"
    rf"|(?i:early|mid|late)[\s-]+{_X_YEAR}",
]
_EXTRACT_RE = re.compile(
    r"(?<![\w-])" + _X_PREP + "(?:" + "|".join(f"(?:{a})" for a in _X_ALTERNATIVES) + r")(?!\w)"
)


def extract_date_expressions(text: str) -> list[tuple[int, int, str]]:
    """Candidate temporal expressions in ``text`` as ``(start, end, expression)``.

    Spans include a leading preposition ("on September 28", "back in March") and the
    modifiers that decide the date ("upcoming November"); only expressions that
    :func:`resolve_date_text` can read are returned.
    """
    return list(_extract_cached(text))


@functools.lru_cache(maxsize=256)
def _extract_cached(text: str) -> tuple[tuple[int, int, str], ...]:
    # the coder asks once per event verb of a sentence: remember the last sentences
    found = []
    for match in _EXTRACT_RE.finditer(text):
        expression = match.group(0)
        if expression.strip(" .") in ("May", "MAY"):
            continue  # a bare "May" is more often the modal verb or a name
        if _parse(expression) is None:
            continue
        found.append((match.start(), match.end(), expression))
    return tuple(found)


# ---------------------------------------------------------------------------------------
# The date of one event in a parsed sentence (spaCy Span and Token, duck-typed)

_FUTURE_AUX = {"will", "shall", "'ll", "wo", "would", "ll"}
_PAST_AUX = {"did", "was", "were", "had"}
_PERFECT_AUX = {"has", "have", "'ve"}
# heads whose to-infinitive points forward: "plans to visit", "is set to sign"
_INTENT_HEADS = {
    "plan", "intend", "expect", "aim", "hope", "seek", "prepare", "schedule", "set",
    "due", "promise", "pledge", "vow", "want", "wish", "propose", "agree", "invite",
    "ask", "urge", "likely", "poise", "slate", "threaten", "offer", "be", "go",
}  # fmt: skip
_FUTURE_ADJ = {
    "upcoming", "forthcoming", "planned", "proposed", "scheduled", "expected",
    "coming", "next", "future", "impending", "prospective", "intended",
}  # fmt: skip
_PAST_ADJ = {"last", "recent", "previous", "past", "earlier", "former", "latest"}
_FORWARD_WORDS = re.compile(
    r"(?i)\b(?:upcoming|forthcoming|coming|next|later|tomorrow|from now)\b"
    r"|^\s*in\s+\w+\s+(?:day|week|month|year)"
)
# "in 21 years" after a superlative or "first" measures a span ("the worst drought in 50
# years", "for the first time in two decades"); it does not date the event.
_SPAN_OF_TIME = re.compile(r"(?i)in\s+(?:\w+\s+)?(?:days?|weeks?|months?|years?|decades?)\b")
_SUPERLATIVE = re.compile(
    r"(?i)\b(?:first|last|only|highest|lowest|worst|best|biggest|largest|deadliest|longest|"
    r"strongest|most|least|\w+est)\b[^.;]*$"
)
_BACKWARD_WORDS = re.compile(r"(?i)\b(?:last|past|previous|earlier|ago|yesterday|back)\b")
_DATE_LABELS = {"DATE", "TIME"}
_MONTH_WORDS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "year", "month", "week", "day", "spring", "summer",
    "autumn", "fall", "winter",
}  # fmt: skip
_MAX_HOPS = 40  # dependency paths are short; this guards against malformed heads


def _lower(token: Any) -> str:
    return str(getattr(token, "lower_", None) or getattr(token, "text", "")).lower()


def _is_verbal(token: Any) -> bool:
    return getattr(token, "pos_", "") in ("VERB", "AUX") or str(
        getattr(token, "tag_", "")
    ).startswith("VB")



def tense_of(verb: Any) -> str:
    """``past``, ``present`` or ``future`` for an event verb (or event noun) token.

    Future: aux will/would/shall; a to-infinitive after plan/intend/expect/going/is
    ... ("plans to visit", "is going to meet", "is to visit") or modifying a noun ("the
    summit, to be hosted in November"); an event noun with "upcoming"/"planned"/"next".
    Past: VBD; did/was/were/had; has/have + participle; a bare participle ("held in
    Tokyo").  Coordinated verbs without their own auxiliary and event nouns take the
    tense of the verb they depend on.  Otherwise present.
    """
    return _tense_of(verb, 0)


def _tense_of(verb: Any, depth: int) -> Tense:
    if depth > 8:
        return Tense.PRESENT
    tag = str(getattr(verb, "tag_", ""))
    head = getattr(verb, "head", verb)
    has_head = getattr(head, "i", None) != getattr(verb, "i", None)
    if not _is_verbal(verb):
        return _tense_of_noun(verb, depth)
    auxes = [
        _lower(child)
        for child in getattr(verb, "children", ())
        if getattr(child, "dep_", "") in ("aux", "auxpass")
    ]
    if any(a in _FUTURE_AUX for a in auxes):
        return Tense.FUTURE
    if "to" in auxes:  # a to-infinitive
        if not has_head:
            return Tense.PRESENT
        if getattr(verb, "dep_", "") in ("acl", "relcl") or not _is_verbal(head):
            return Tense.FUTURE  # "the summit, to be hosted ...": a prospective modifier
        lemma = getattr(head, "lemma_", "")
        if lemma == "go" and str(getattr(head, "tag_", "")) != "VBG":
            return _tense_of(head, depth + 1)  # "went to meet": when he went
        if lemma in _INTENT_HEADS:
            return Tense.FUTURE
        return _tense_of(head, depth + 1)
    if any(a in _PAST_AUX for a in auxes):
        return Tense.PAST
    if tag == "VBN" and any(a in _PERFECT_AUX for a in auxes):
        return Tense.PAST  # "has met": a completed event
    if tag == "VBD":
        return Tense.PAST
    is_conj = getattr(verb, "dep_", "") == "conj"
    if not auxes and is_conj and has_head and tag not in ("VBZ", "VBP"):
        return _tense_of(head, depth + 1)
    if tag == "VBN" and not auxes:
        return Tense.PAST  # a bare participle: "the funeral, held in Tokyo"
    if tag == "VBG" and not auxes and has_head and getattr(verb, "dep_", "") in ("advcl", "xcomp", "acl"):
        return _tense_of(head, depth + 1)  # "marched on Saturday, demanding ...": when they marched
    return Tense.PRESENT


def _tense_of_noun(noun: Any, depth: int) -> Tense:
    for child in getattr(noun, "children", ()):
        if getattr(child, "dep_", "") in ("amod", "compound", "nmod", "advmod"):
            word = _lower(child)
            if word in _FUTURE_ADJ:
                return Tense.FUTURE
            if word in _PAST_ADJ:
                return Tense.PAST
    governor = _governing_verb(noun)
    if governor is None:
        return Tense.PRESENT
    return _tense_of(governor, depth + 1)


def _governing_verb(token: Any) -> Any | None:
    """The nearest verb above ``token`` in the dependency tree, or None."""
    current = token
    for _ in range(_MAX_HOPS):
        head = getattr(current, "head", current)
        if getattr(head, "i", None) == getattr(current, "i", None):
            return None
        if _is_verbal(head):
            return head
        current = head
    return None


def _is_ancestor(ancestor: Any, token: Any) -> bool:
    current = token
    for _ in range(_MAX_HOPS):
        if getattr(current, "i", None) == getattr(ancestor, "i", None):
            return True
        head = getattr(current, "head", current)
        if getattr(head, "i", None) == getattr(current, "i", None):
            return False
        current = head
    return False


# Clauses below the event verb: a noun's modifier clause describes the event's setting
# ("the funeral, held in Tokyo on September 28"); a reported, gerund or subject clause
# is an event of its own ("said the rebels attacked on Monday", "thanked him for
# receiving the ships in March") whose date is not the verb's.
_MODIFIER_DEPS = {"acl", "relcl"}
_OWN_EVENT_DEPS = {"ccomp", "pcomp", "csubj", "csubjpass", "parataxis"}


def _path_deps(token: Any, ancestor: Any) -> set[str]:
    """Dependency labels on the path from ``token`` up to (not including) ``ancestor``."""
    deps = set()
    current = token
    for _ in range(_MAX_HOPS):
        if getattr(current, "i", None) == getattr(ancestor, "i", None):
            break
        deps.add(str(getattr(current, "dep_", "")))
        head = getattr(current, "head", current)
        if getattr(head, "i", None) == getattr(current, "i", None):
            break
        current = head
    return deps


def _since_clause(verb: Any) -> bool:
    """``verb`` heads a "since ..." clause: the start of what still holds."""
    return any(
        getattr(c, "dep_", "") == "mark" and _lower(c) == "since" for c in getattr(verb, "children", ())
    )


_RELATIVE_WORDS = {"which", "that", "who", "whom", "whose", "where", "when"}


def _own_actors(verb: Any) -> bool:
    """A relative clause with a subject of its own ("the town where the president survived
    an attack"): an event of its own, not a description of its noun ("the summit, which
    was held in Tokyo")."""
    if getattr(verb, "dep_", "") != "relcl":
        return False
    subjects = [c for c in getattr(verb, "children", ()) if getattr(c, "dep_", "") in ("nsubj", "nsubjpass")]
    return any(_lower(s) not in _RELATIVE_WORDS for s in subjects)


def _clashes(a: Tense, b: Tense) -> bool:
    return {a, b} == {Tense.PAST, Tense.FUTURE}


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int  # offsets in the sentence text
    end: int
    text: str
    # what to resolve instead of ``text``: the start of a range takes the year of its end
    # ("between March and May 2002" -> "March 2002")
    resolve_as: str | None = None


# A range: "from 1931 to 1945", "between March and May", "1992-1995".  The event is
# dated by its start.
_RANGE_RE = re.compile(
    r"(?is)^(?P<lead>(?:from|between)\s+)?(?P<a>.+?)\s*(?:-|\u2013|\u2014|to|until|till|through|and)\s*(?P<b>.+)$"
)
_RANGE_JOIN = re.compile(r"(?i)^\s*(?:-|\u2013|\u2014|to|until|till|through)\s*$")
_BETWEEN_JOIN = re.compile(r"(?i)^\s*and\s*$")
# Not an action's date, by the words around it:
_CLOCK_AFTER = re.compile(
    r"(?:\s*(?:UTC|GMT|Z\b|hrs?\b|hours\b|h\b|local\b|[ECMP][SD]T\b|BST\b|CES?T\b|EES?T\b|IST\b|JST\b))|[:.]\d"
)  # "(1030 UTC)", "at 1500 hours", "10.30"
_CLOCK_BEFORE = re.compile(r"\d[:.]$")
_FISCAL_AFTER = re.compile(r"^(?:/|\\)\s*\d{2,4}\b")  # "2007/2008", "2007/08": a budget period
_FISCAL_BEFORE = re.compile(r"\d{2,4}\s*/$|(?i:\b(?:fiscal|financial|budget|tax)(?:\s+years?)?)\s*$")
_DECADE_AFTER = re.compile(r"^['\u2019]?s\b")  # "the 1980s", "1980's": no precision for a decade
_SINCE_BEFORE = re.compile(r"(?i)\b(?:since|ever\s+since)\s+(?:(?:the|early|mid|late)\s+)*$")
_FOR_YEAR = re.compile(r"(?i)^for\s+(?:the\s+)?(?:year\s+)?[12]\d{3}$")  # "budget for 2008"


def _other_date_by_text(text: str, cand: _Candidate) -> bool:
    """Words around the candidate say it is not an action's date: a time of day, a
    budget period, a decade, the start of a state ("since 2003")."""
    before, after = text[: cand.start], text[cand.end :]
    core = cand.text.strip()
    ends_in_number = re.search(r"\b\d{4}$", core) is not None  # "1030", "in 2007", "May 2007"
    if ends_in_number and (_CLOCK_AFTER.match(after) or _CLOCK_BEFORE.search(before)):
        return True
    if ends_in_number and (_FISCAL_AFTER.match(after) or (re.fullmatch(r"[12]\d{3}", core) and _FISCAL_BEFORE.search(before))):
        return True
    if re.search(r"\d0['\u2019]?s$", core) or (re.search(r"\d0$", core) and _DECADE_AFTER.match(after)):
        return True
    if core.lower().startswith("since ") or _SINCE_BEFORE.search(before):
        return True  # "detained since 2003": a state that still holds, not an act then
    return bool(_FOR_YEAR.match(core) or (re.fullmatch(r"[12]\d{3}", core) and re.search(r"(?i)\bfor\s+$", before)))


def _range_start(text: str, start: int, end: int) -> _Candidate | None:
    """The start of a range written as one expression ("1931 to 1945"), else None."""
    match = _RANGE_RE.match(text[start:end])
    if match is None or _parse(match.group("a")) is None or _parse(match.group("b")) is None:
        return None
    a_start = start + match.start("a")
    return _range_first(_Candidate(a_start, a_start + len(match.group("a")), match.group("a")), match.group("b"))


def _range_first(first: _Candidate, last: str) -> _Candidate:
    """The start of a range, with the end's year when it has none of its own."""
    a, b = _parse(first.text), _parse(last)
    if a is not None and b is not None and a.year is None and b.year is not None and a.kind == "date":
        return _Candidate(first.start, first.end, first.text, f"{_normalize(first.text)} {b.year}")
    return first


def _candidates(sentence: Any) -> list[_Candidate]:
    text = str(getattr(sentence, "text", ""))
    base = int(getattr(sentence, "start_char", 0))
    found = [_Candidate(s, e, t) for s, e, t in extract_date_expressions(text)]
    for ent in getattr(sentence, "ents", ()):
        if getattr(ent, "label_", "") not in _DATE_LABELS:
            continue
        start, end = ent.start_char - base, ent.end_char - base
        if start < 0 or end > len(text):
            continue
        if _parse(text[start:end]) is None:
            first = _range_start(text, start, end)
            if first is not None:
                found.append(first)
            continue
        found.append(_Candidate(start, end, text[start:end]))
    # overlapping candidates: keep the longest (it carries the modifiers)
    kept: list[_Candidate] = []
    for cand in sorted(found, key=lambda c: (c.start - c.end, c.start)):
        if all(cand.end <= k.start or cand.start >= k.end for k in kept):
            kept.append(cand)
    kept.sort(key=lambda c: c.start)
    # the end of a range is not a date of its own: "from 1931 to 1945", "between X and Y"
    out: list[_Candidate] = []
    for cand in kept:
        prev = out[-1] if out else None
        if prev is not None:
            gap = text[prev.end : cand.start]
            if _RANGE_JOIN.match(gap) or (
                _BETWEEN_JOIN.match(gap) and re.search(r"(?i)\bbetween\s+$", text[: prev.start])
            ):
                out[-1] = _range_first(prev, cand.text)
                continue
        out.append(cand)
    return [c for c in out if not _other_date_by_text(text, c)]


def _root_token(sentence: Any, cand: _Candidate) -> Any | None:
    base = int(getattr(sentence, "start_char", 0))
    start, end = cand.start + base, cand.end + base
    tokens = [t for t in sentence if t.idx < end and t.idx + len(t.text) > start]
    if not tokens:
        return None
    inside = {t.i for t in tokens}
    for token in tokens:
        if getattr(token.head, "i", None) not in inside or token.head.i == token.i:
            return token
    return tokens[0]


# Prepositions whose object is the event's setting: "met *at* the 2008 summit" is dated
# by the summit; "*since* the 1979 revolution", "*after* the 2003 invasion" are not.
_SETTING_PREPS = {"in", "at", "during", "on", "amid", "throughout", "over"}
# Nouns whose date is the one remembered, not the act: "marked the 60th *anniversary* of
# the 1948 war".
_OCCASION_NOUNS = {
    "anniversary", "commemoration", "remembrance", "centenary", "centennial", "jubilee",
    "memorial", "birthday",
}  # fmt: skip
_MODIFIER_DEPS_NP = {"nummod", "quantmod", "compound", "amod", "nmod", "poss", "npadvmod"}
_NOMINAL = {"NOUN", "PROPN"}


def _date_word(token: Any) -> bool:
    return getattr(token, "ent_type_", "") in _DATE_LABELS or _lower(token) in _MONTH_WORDS


def _date_of_something_else(root: Any, verb: Any) -> bool:
    """The expression (headed by ``root``) dates something named in the event's
    arguments, counts things, or names an anniversary's occasion - not the action.

    "approved the *2008* budget", "polled *1208* people", "marked the anniversary of the
    *1948* war", "since the *1979* revolution"; but "the *2006* coup" (the event noun
    itself) and "met at the *2008* summit" (the setting) are the event's.
    """
    head = getattr(root, "head", root)
    dep = str(getattr(root, "dep_", ""))
    if dep in {"nummod", "quantmod"} and str(getattr(head, "tag_", "")) in {"NNS", "NNPS"} and not any(
        getattr(c, "dep_", "") == "det" for c in getattr(head, "children", ())
    ):
        return True  # a count: "polled 1208 people"
    if dep in _MODIFIER_DEPS_NP and getattr(head, "pos_", "") in _NOMINAL and not _date_word(head):
        noun = head
    elif dep == "pobj" and _lower(head) == "of" and getattr(head.head, "pos_", "") in _NOMINAL and not _date_word(head.head):
        noun = head.head
    else:
        return False
    current = noun
    for _ in range(_MAX_HOPS):
        if getattr(current, "i", None) == getattr(verb, "i", None):
            return False  # the event noun's own date, or reached through it
        if str(getattr(current, "lemma_", "")).lower() in _OCCASION_NOUNS:
            return True
        parent = getattr(current, "head", current)
        if getattr(parent, "i", None) == getattr(current, "i", None):
            return True  # a date in a noun phrase that is the whole clause: not the act's
        cdep = str(getattr(current, "dep_", ""))
        if cdep == "pobj":
            prep, host = parent, getattr(parent, "head", parent)
            if getattr(host, "pos_", "") in _NOMINAL and getattr(host, "i", None) != getattr(verb, "i", None):
                current = host  # "the budget for 2008", "the anniversary of ..."
                continue
            return _lower(prep) not in _SETTING_PREPS
        if getattr(parent, "pos_", "") in _NOMINAL and cdep in _MODIFIER_DEPS_NP | {"appos", "conj", "compound"}:
            current = parent
            continue
        # an object of a verb: "approved the 2008 budget"; a subject's date is the
        # clause's time ("the 2008 elections brought him to power")
        return cdep not in {"nsubj", "csubj", "expl"}
    return False


def resolve_event_date(
    sentence: Any, verb: Any, anchor: dt.date | None, tense: str | None = None, *, future: bool = True
) -> ResolvedDate:
    """The date of the event that ``verb`` (a token of ``sentence``) expresses.

    Candidates are the expressions of :func:`extract_date_expressions` and the
    sentence's DATE/TIME entities.  Preferred, in order: one the verb governs directly
    (no other verb between them in the parse); one in a clause that modifies a noun
    below the verb ("met at the funeral, held on September 28"); any other in the
    sentence - nearest to the verb first.  Not used: a candidate in a reported, gerund
    or subject clause below the verb ("thanked him for receiving the ships in March"),
    or in a clause whose tense clashes with the verb's (past vs future: "invited him to
    the summit, to be hosted in November"); a time of day, a count, a budget period, a
    decade, "since ..." or a date of something inside the event's arguments (see
    ``docs/coding-rules.md``, "Dates"); the end of a range (its start dates the event).
    ``tense`` overrides the verb's tense; when it is derived, an expression's own
    direction ("upcoming", "next", "ago") wins.  ``future=False`` (events that are not
    intended) skips an expression that falls after ``anchor``.  Without a usable
    expression the event gets the article date, precision ``article``.
    """
    given = _tense(tense) if tense is not None else None
    verb_tense = given or _tense_of(verb, 0)
    base = int(getattr(sentence, "start_char", 0))
    verb_start = int(getattr(verb, "idx", base)) - base
    verb_end = verb_start + len(str(getattr(verb, "text", "")))
    ranked = []
    for cand in _candidates(sentence):
        root = _root_token(sentence, cand)
        if root is None or _date_of_something_else(root, verb):
            continue
        governor = _governing_verb(root)
        below_verb = _is_ancestor(verb, root)
        if governor is not None and below_verb and not _is_ancestor(verb, governor):
            governor = verb  # the event noun (or a noun between) governs it
        if governor is None:
            rank = 2
        elif governor.i == verb.i:
            rank = 0
        else:
            if _clashes(verb_tense, _tense_of(governor, 0)):
                continue
            rank = 2
            if _since_clause(governor):
                continue  # "killed since the fighting began in 1993": not when it happened
            if _is_ancestor(verb, governor):
                deps = _path_deps(governor, verb)
                if deps & _OWN_EVENT_DEPS:
                    continue  # "thanked him for receiving ships in March": another event
                if deps & _MODIFIER_DEPS:
                    if _own_actors(governor):
                        continue  # "Spassky, whom Fischer defeated in 1972": another event
                    rank = 1  # "met at the funeral, held on September 28"
        distance = max(cand.start - verb_end, verb_start - cand.end, 0)
        ranked.append((rank, distance, cand))
    text = str(getattr(sentence, "text", ""))
    for _, _, cand in sorted(ranked, key=lambda r: (r[0], r[1], r[2].start)):
        if _SPAN_OF_TIME.match(cand.text) and _SUPERLATIVE.search(text[max(0, cand.start - 60) : cand.start]):
            continue  # "the first visit in 21 years": a span of time, not a date
        use = verb_tense
        if given is None:
            if _FORWARD_WORDS.search(cand.text):
                use = Tense.FUTURE
            elif _BACKWARD_WORDS.search(cand.text):
                use = Tense.PAST
        resolved = resolve_date_text(cand.resolve_as or cand.text, anchor, use)
        if resolved is not None and not future and anchor is not None and _bounds(resolved.value or "")[0] > anchor:
            continue  # a date after the article is only an intended event's
        if resolved is not None:
            return ResolvedDate(
                value=resolved.value,
                precision=resolved.precision,
                text=cand.text,
                span=(cand.start, cand.end),
            )
    return ResolvedDate(
        value=None if anchor is None else anchor.isoformat(), precision=DatePrecision.ARTICLE
    )
