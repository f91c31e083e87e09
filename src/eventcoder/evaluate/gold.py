"""Gold-standard records shared by every gold-set loader and by the scorer.

A gold set is a tuple of :class:`GoldItem` (one sentence or snippet each) with the
events human coders found in it.  Loaders turn each third-party format into these
records; the scorer never sees the original formats.

How an actor side of a gold event is compared with a coded actor:

* ``None`` -- the coders say there is *no* actor on that side (CAMEO ``---``): only a
  coded event without that actor matches.
* a :class:`GoldActor` with a ``country`` (ISO3, or ``IGO``/``NGO``/``IMG``/... for
  actors without a country) -- the coded actor's country (or code prefix) must be equal.
* a :class:`GoldActor` with ``spans`` only (ConfliBERT) -- the coded actor's text span
  must overlap one of them.
* a :class:`GoldActor` with neither -- unspecified: anything matches (the coders
  marked the event but not this side of it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["GoldActor", "GoldEvent", "GoldItem", "GoldSet", "LEVELS", "quad_of_root"]

#: Scoring levels, in report order.  ``root``/``code``/``quad``/``dyadtype`` compare the
#: dyad too; ``dyadic`` is ``dyadtype`` scored over coded events with both a source and a
#: target only (its precision is the share of two-sided events that are right).
LEVELS: tuple[str, ...] = ("root", "code", "quad", "dyadtype", "dyadic", "type", "plover", "actors")


def quad_of_root(root: str | None) -> int | None:
    """QuadClass of a CAMEO root (GDELT convention): 1 = 01-05, 2 = 06-08, 3 = 09-13, 4 = 14-20."""
    if not root or not root[:2].isdigit():
        return None
    n = int(root[:2])
    if 1 <= n <= 5:
        return 1
    if 6 <= n <= 8:
        return 2
    if 9 <= n <= 13:
        return 3
    if 14 <= n <= 20:
        return 4
    return None


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldActor:
    """One side of a gold event (see the module docstring for how it matches)."""

    country: str | None = None  # dyad part: ISO3, or IGO/NGO/IMG/... prefix
    role: str | None = None  # GOV MIL REB ... (None: no role given)
    code: str | None = None  # the code as the gold file wrote it ("JAP", "USAGOV")
    text: str | None = None
    spans: tuple[tuple[int, int], ...] = ()  # character offsets into GoldItem.text

    @property
    def unspecified(self) -> bool:
        return self.country is None and not self.spans


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldEvent:
    """One event the coders agree on.  Fields a gold set lacks are None."""

    source: GoldActor | None
    target: GoldActor | None
    root: str | None  # CAMEO root, two digits
    cameo: str | None = None  # full CAMEO code when the gold set has one
    plover: str | None = None  # PLOVER v0.8 event type when the gold set has one
    label: str = ""  # the gold file's own label ("DEMAND", "4-18 Assualt", "AIR_STRIKE")
    spans: tuple[tuple[int, int], ...] = ()  # action spans when given

    @property
    def quad_class(self) -> int | None:
        return quad_of_root(self.root)


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldItem:
    """One sentence (or snippet) with its gold events; ``events == ()`` means "none"."""

    id: str
    text: str
    date: str | None
    events: tuple[GoldEvent, ...]
    meta: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldSet:
    """A loaded gold set: its items and the levels that can be scored on it."""

    name: str
    path: str
    items: tuple[GoldItem, ...]
    levels: tuple[str, ...]
    #: ``True`` when each item carries one label for the whole snippet (CASE 2021): the
    #: coder's events in an item are reduced to one "main" event before scoring.
    single_label: bool = False
    notes: tuple[str, ...] = ()
    corpus_sha256: str = ""

    @property
    def n_events(self) -> int:
        return sum(len(item.events) for item in self.items)
