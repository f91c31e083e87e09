"""What the web layer accepts: pydantic models of the query parameters (``extra="forbid"``).

Every value is checked here, before it reaches the store, by the same functions the CLI
uses (``eventcoder.store.query``: actor codes are letters and digits, dates are real
``YYYY[-MM[-DD]]`` dates with ``since <= until``, CAMEO codes and PLOVER types must exist
in the codebook); page sizes are bounded here.  A failed check becomes a 400 answer in
the one error shape (see ``_app``).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..errors import ConfigError
from ..store import EventFilter
from ..store.query import check_actor, check_cameo, check_plover, known_codes, parse_date_bound

__all__ = ["EventQuery", "PageQuery", "TimelineQuery", "NetworkQuery", "MapQuery", "CountQuery", "known_codes"]

MAX_PAGE_SIZE = 500
MAX_OFFSET = 1_000_000


def _checked(check: Any, value: Any, *args: Any) -> Any:
    """Run a store check; its ConfigError becomes the ValueError pydantic reports."""
    try:
        return check(value, *args)
    except ConfigError as err:
        raise ValueError(str(err)) from err


def _actor(value: str | None, name: str) -> str | None:
    return _checked(check_actor, value, name)


def _date(value: str | None, name: str) -> str | None:
    return _checked(parse_date_bound, value, name)


def _low(value: str) -> str:
    return value + "-01-01"[len(value) - 4 :] if len(value) < 10 else value


def _high(value: str) -> str:
    return value + "-12-31"[len(value) - 4 :] if len(value) < 10 else value


class EventQuery(BaseModel):
    """The event filters shared by every page and API route (as ``eventcoder query``)."""

    model_config = ConfigDict(extra="forbid")

    source: str | None = Field(None, description="source actor code or prefix, e.g. `ISR` or `JPNGOV`")
    target: str | None = Field(None, description="target actor code or prefix")
    actor: str | None = Field(None, description="actor code or prefix on either side (source or target)")
    dyad: str | None = Field(None, description="two actor codes or prefixes, `A,B`: events between them")
    directed: bool = Field(False, description="with `dyad`: only events from the first to the second")
    since: str | None = Field(None, description="first event date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD")
    until: str | None = Field(None, description="last event date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD")
    cameo: str | None = Field(None, description="CAMEO code or prefix (`04` root, `042` code and its children)")
    quad: list[int] = Field(default_factory=list, description="QuadClass 1-4 (repeat for several)")
    plover: str | None = Field(None, description="PLOVER event type, e.g. CONSULT")
    text: str | None = Field(None, max_length=200, description="case-insensitive substring of the sentence")
    negated: bool | None = Field(None, description="true: only denials (with unit=mentions); false: only events that happened")
    unit: Literal["events", "mentions"] = Field(
        "events", description="count and list real-world events (the roll-up: a reprint or a two-sided event once) "
                              "or mentions (sentences)")

    @model_validator(mode="before")
    @classmethod
    def _blank_is_none(cls, data: Any) -> Any:
        """HTML forms send empty fields: treat them as not given."""
        if isinstance(data, dict):
            cleaned = {}
            for key, value in data.items():
                if isinstance(value, list):
                    value = [v for v in value if v not in ("", None)]
                elif value == "" or (isinstance(value, str) and not value.strip()):
                    continue
                cleaned[key] = value
            return cleaned
        return data

    @field_validator("source", "target", "actor")
    @classmethod
    def _check_actor(cls, value: str | None, info: Any) -> str | None:
        return _actor(value, info.field_name)

    @field_validator("dyad")
    @classmethod
    def _check_dyad(cls, value: str | None) -> str | None:
        if value is None:
            return None
        parts = [p.strip() for p in value.split(",")]
        if len(parts) != 2 or not all(parts):
            raise ValueError("dyad must be two actor codes separated by a comma, e.g. ISR,PSE")
        return ",".join(_actor(p, "dyad") or "" for p in parts)

    @field_validator("since", "until")
    @classmethod
    def _check_date(cls, value: str | None, info: Any) -> str | None:
        value = _date(value, info.field_name)
        since = info.data.get("since") if info.field_name == "until" else None
        if value and since and _low(since) > _high(value):
            raise ValueError("until is before since: the date range is inverted")
        return value

    @field_validator("cameo")
    @classmethod
    def _check_cameo(cls, value: str | None) -> str | None:
        return _checked(check_cameo, value)

    @field_validator("quad")
    @classmethod
    def _check_quad(cls, value: list[int]) -> list[int]:
        if any(q not in (1, 2, 3, 4) for q in value):
            raise ValueError("quad must be 1, 2, 3 or 4")
        return sorted(set(value))

    @field_validator("plover")
    @classmethod
    def _check_plover(cls, value: str | None) -> str | None:
        return _checked(check_plover, value)

    @field_validator("text")
    @classmethod
    def _check_text(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip()
        if any(ord(c) < 32 for c in value):
            raise ValueError("text must not contain control characters")
        return value or None

    @model_validator(mode="after")
    def _check_unit(self) -> EventQuery:
        if self.negated is True and self.unit == "events":
            raise ValueError("negated=true lists denials, which are mentions, not events: add unit=mentions")
        return self

    def to_filter(self, *, limit: int | None = None, offset: int = 0) -> EventFilter:
        dyad = None
        if self.dyad:
            a, b = self.dyad.split(",")
            dyad = (a, b)
        return EventFilter(
            source=self.source,
            target=self.target,
            actor=self.actor,
            dyad=dyad,
            directed=self.directed,
            since=self.since,
            until=self.until,
            cameo=self.cameo,
            quad_class=tuple(self.quad) or None,
            plover=self.plover,
            text=self.text,
            negated=self.negated,
            limit=limit,
            offset=offset,
        )

    def filter_params(self) -> list[tuple[str, str]]:
        """The filters as query-string pairs (for links that keep them)."""
        pairs: list[tuple[str, str]] = []
        for name in ("source", "target", "actor", "dyad", "since", "until", "cameo"):
            value = getattr(self, name)
            if value:
                pairs.append((name, value))
        if self.directed and self.dyad:
            pairs.append(("directed", "true"))
        pairs.extend(("quad", str(q)) for q in self.quad)
        if self.plover:
            pairs.append(("plover", self.plover))
        if self.text:
            pairs.append(("text", self.text))
        if self.negated is not None:
            pairs.append(("negated", "true" if self.negated else "false"))
        if self.unit != "events":
            pairs.append(("unit", self.unit))
        return pairs


class PageQuery(EventQuery):
    """Filters plus paging (``/api/events``, the search page)."""

    page: int = Field(1, ge=1, description="page number, from 1")
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE, description=f"events per page, at most {MAX_PAGE_SIZE}")

    @model_validator(mode="after")
    def _check_depth(self) -> PageQuery:
        if (self.page - 1) * self.page_size > MAX_OFFSET:
            raise ValueError(f"page is too deep (more than {MAX_OFFSET:,} events in); narrow the filters")
        return self


class TimelineQuery(EventQuery):
    interval: Literal["month", "week"] = Field("month", description="bar width: month or week")


class NetworkQuery(EventQuery):
    edges: int = Field(80, ge=1, le=500, description="how many dyads (the largest) to draw")
    countryless: Literal["hide", "group", "show"] = Field(
        "hide", description="actors of no known country (bare GOV, EDU ...): hide them, group them in one node, or show them")


class MapQuery(EventQuery):
    places: int = Field(1000, ge=1, le=5000, description="how many places (the busiest) to return")


class CountQuery(EventQuery):
    by: Literal["month", "year", "dyad", "source", "target", "root", "cameo", "quad", "plover"] = Field(
        ..., description="what to count by"
    )
    limit: int = Field(100, ge=1, le=5000, description="at most this many rows")
