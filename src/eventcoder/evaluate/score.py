"""Score coded events against a gold set.

Levels (see :data:`~eventcoder.evaluate.gold.LEVELS`):

``root``    dyad + CAMEO root        ``code``    dyad + full CAMEO code
``quad``    dyad + QuadClass         ``type``    CAMEO root alone (no actors)
``plover``  PLOVER event type alone  ``actors``  source and target country + role
``dyadtype`` dyad + PLOVER event type  ``dyadic``  ``dyadtype`` over coded events that
            have both a source and a target (precision = share of two-sided events right)

The *dyad* compares the country part of the source and target codes (ISO3, or the
``IGO``/``NGO``/... prefix of actors without a country), or, for gold sets that mark
actors by text span only, whether the coded actor's span overlaps the gold span.

Within one item (sentence), coded events are matched one-to-one to gold events that are
compatible at the level; the matching is a maximum bipartite matching, so the counts do
not depend on the order of events.  A two-sided event is coded in both directions (both
``symmetric``) and is one event: each direction may match a gold event (gold sets that
code both directions), an unmatched direction whose mirror matched is neither a true
nor a false positive (gold sets that annotate one direction), and a pair with neither
direction matched is one false positive.  Unmatched gold events are false negatives, unmatched
coded events false positives.  Negated events ("did not meet") are not claims that an
event happened and are left out of the score.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from ..model import Actor, Event
from .gold import LEVELS, GoldActor, GoldEvent, GoldItem, GoldSet

__all__ = [
    "Counts",
    "LevelScore",
    "ErrorCase",
    "Report",
    "score_gold",
    "match_events",
    "main_event",
    "dyad_matches",
    "PLOVER_UNION",
]

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives, false negatives; micro P/R/F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True, kw_only=True)
class LevelScore:
    level: str
    counts: Counts
    per_root: dict[str, Counts]


@dataclass(frozen=True, slots=True, kw_only=True)
class ErrorCase:
    """One false negative (``expected`` set) or false positive (``produced`` set)."""

    item_id: str
    text: str
    kind: str  # "FN" | "FP"
    #: FN: "nothing coded" | "missed" | "wrong root" ("wrong type" on PLOVER-only sets) |
    #: "wrong code" | "wrong actors";
    #: FP: "spurious" | "confused" (the other half of a wrong root/code/actors)
    error_class: str
    expected: GoldEvent | None
    produced: Event | None
    #: for a wrong-root/actors FN: the coded event it was confused with
    other: Event | None = None
    rule: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Report:
    gold: str
    n_items: int
    n_gold: int
    n_coded: int
    levels: dict[str, LevelScore]
    confusion: dict[tuple[str, str], int]  # (gold root, coded root); "--" = none
    errors: tuple[ErrorCase, ...] = ()
    error_level: str = ""
    notes: tuple[str, ...] = field(default=())

    def error_classes(self) -> Counter[str]:
        return Counter(e.error_class for e in self.errors)


# ---------------------------------------------------------------- comparisons
def _dyad_part(actor: Actor) -> str | None:
    if actor.country:
        return actor.country
    return actor.code[:3].upper() if actor.code else None


def _find_span(text: str, actor: Actor) -> Span | None:
    if not actor.text:
        return None
    start = text.find(actor.text)
    return None if start < 0 else (start, start + len(actor.text))


@dataclass(frozen=True, slots=True)
class _Coded:
    event: Event
    source_span: Span | None
    target_span: Span | None


def _view(event: Event, text: str) -> _Coded:
    ev = event.evidence
    src = ev.source_span if ev is not None and ev.source_span else None
    tgt = ev.target_span if ev is not None and ev.target_span else None
    if src is None and event.source is not None:
        src = _find_span(text, event.source)
    if tgt is None and event.target is not None:
        tgt = _find_span(text, event.target)
    return _Coded(event, src, tgt)


def _overlap(span: Span | None, spans: Sequence[Span]) -> bool:
    return span is not None and any(span[0] < e and s < span[1] for s, e in spans)


def _side_ok(gold: GoldActor | None, actor: Actor | None, span: Span | None, *, role: bool) -> bool:
    if gold is None:
        return actor is None
    if gold.unspecified:
        return True
    if actor is None:
        return False
    if gold.country is not None:
        if _dyad_part(actor) != gold.country:
            return False
        return not role or (actor.role or None) == gold.role
    return _overlap(span, gold.spans)


def _dyad_ok(gold: GoldEvent, coded: _Coded) -> bool:
    e = coded.event
    return _side_ok(gold.source, e.source, coded.source_span, role=False) and _side_ok(
        gold.target, e.target, coded.target_span, role=False
    )


def dyad_matches(gold: GoldEvent, event: Event, text: str) -> bool:
    """Whether a coded event's source and target match a gold event's, as the scorer
    compares them (countries, or spans in ``text`` for span-only gold sets)."""
    return _dyad_ok(gold, _view(event, text))


#: PLOVER types of older vocabularies that stand for several v0.8 types: PLV's YIELD is
#: v0.8's CONCEDE (political) or RETREAT (military).
_PLOVER_UNION: dict[str, frozenset[str]] = {"YIELD": frozenset({"YIELD", "CONCEDE", "RETREAT"})}


_PLOVER_AS = {t: old for old, ts in _PLOVER_UNION.items() for t in ts}
PLOVER_UNION = _PLOVER_UNION


def _plover_label(event: Event, vocabulary: set[str]) -> str:
    """The coded event's PLOVER type in the gold set's vocabulary (CONCEDE -> YIELD when
    the gold set says YIELD), for per-type counts and confusions."""
    if event.plover is None:
        return "--"
    t = event.plover.event_type
    old = _PLOVER_AS.get(t)
    return old if old in vocabulary and t not in vocabulary else t


def _plover_ok(gold: str | None, coded: Event) -> bool:
    if gold is None or coded.plover is None:
        return False
    return coded.plover.event_type in _PLOVER_UNION.get(gold, frozenset({gold}))


def _compatible(level: str) -> Callable[[GoldEvent, _Coded], bool]:
    if level == "root":
        return lambda g, c: g.root == c.event.cameo_root and _dyad_ok(g, c)
    if level == "code":
        return lambda g, c: g.cameo == c.event.cameo and _dyad_ok(g, c)
    if level == "quad":
        return lambda g, c: g.quad_class == c.event.quad_class and _dyad_ok(g, c)
    if level == "type":
        return lambda g, c: g.root == c.event.cameo_root
    if level == "plover":
        return lambda g, c: _plover_ok(g.plover, c.event)
    if level in ("dyadtype", "dyadic"):
        return lambda g, c: _plover_ok(g.plover, c.event) and _dyad_ok(g, c)
    if level == "actors":
        return lambda g, c: _side_ok(
            g.source, c.event.source, c.source_span, role=True
        ) and _side_ok(g.target, c.event.target, c.target_span, role=True)
    raise ValueError(f"unknown level {level!r}; choose from {', '.join(LEVELS)}")


def _mirror(a: Event, b: Event) -> bool:
    """``b`` is the other direction of the two-sided event ``a``."""
    return (
        a.symmetric and b.symmetric and a.cameo == b.cameo and a.sentence_index == b.sentence_index
        and a.source is not None and a.target is not None and b.source is not None and b.target is not None
        and a.source.code == b.target.code and a.target.code == b.source.code
    )


def _mirrors_of_matched(views: Sequence[_Coded], used: set[int]) -> set[int]:
    """Unmatched directions of two-sided events that are not counted: the mirror matched
    (the same event, right), or the pair's first direction is already the false positive
    (one wrong event, not two)."""
    out = set()
    for j, c in enumerate(views):
        if j in used or not c.event.symmetric:
            continue
        if any(_mirror(c.event, views[k].event) and (k in used or k < j) for k in range(len(views)) if k != j):
            out.add(j)
    return out


def match_events(
    gold: Sequence[GoldEvent], coded: Sequence[_Coded], ok: Callable[[GoldEvent, _Coded], bool]
) -> dict[int, int]:
    """Maximum one-to-one matching (Kuhn's augmenting paths): {gold index: coded index}."""
    edges = [[j for j, c in enumerate(coded) if ok(g, c)] for g in gold]
    owner: dict[int, int] = {}  # coded index -> gold index

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def main_event(events: Sequence[Event]) -> list[Event]:
    """For single-label gold sets: the most conflictual coded event (highest root), if any."""
    if not events:
        return []
    return [max(events, key=lambda e: (e.cameo_root, -events.index(e)))]


# ---------------------------------------------------------------- scoring
def _coded_for(item: GoldItem, events: Sequence[Event], single_label: bool) -> list[_Coded]:
    kept = [e for e in events if not e.negated]
    if single_label:
        kept = main_event(kept)
    return [_view(e, item.text) for e in kept]


def score_gold(
    gold: GoldSet,
    coded: Mapping[str, Sequence[Event]],
    *,
    levels: Sequence[str] | None = None,
    errors: bool = True,
) -> Report:
    """Score coded events (by gold item id) against a gold set.

    Items missing from ``coded`` count as coded with no events.  ``levels`` defaults to
    every level the gold set supports; levels it does not support are dropped.  Errors
    are collected at the first scored level.
    """
    wanted = [lv for lv in (levels or gold.levels) if lv in gold.levels]
    for level in levels or ():
        _compatible(level)  # unknown level -> ValueError
    totals = {lv: Counts() for lv in wanted}
    per_root: dict[str, Counter[tuple[str, str]]] = {lv: Counter() for lv in wanted}
    confusion: Counter[tuple[str, str]] = Counter()
    cases: list[ErrorCase] = []
    error_level = wanted[0] if wanted else ""
    dyad_levels = any(lv in gold.levels for lv in ("root", "code", "quad"))
    by_type = "root" not in gold.levels and "type" not in gold.levels and "plover" in gold.levels
    gold_key = (lambda g: g.plover or "--") if by_type else (lambda g: g.root or "--")
    vocabulary = {e.plover for item in gold.items for e in item.events if e.plover}
    coded_key = (lambda e: _plover_label(e, vocabulary)) if by_type else (lambda e: e.cameo_root)
    n_coded = 0
    for item in gold.items:
        all_views = _coded_for(item, coded.get(item.id, ()), gold.single_label)
        n_coded += len(all_views)
        for level in wanted:
            views = all_views
            if level == "dyadic":
                views = [v for v in all_views if v.event.source is not None and v.event.target is not None]
            ok = _compatible(level)
            pairs = match_events(item.events, views, ok)
            tp = len(pairs)
            used = set(pairs.values())
            mirrors = _mirrors_of_matched(views, used)
            totals[level] += Counts(tp, len(views) - tp - len(mirrors), len(item.events) - tp)
            for i, g in enumerate(item.events):
                per_root[level][(gold_key(g), "tp" if i in pairs else "fn")] += 1
            for j, c in enumerate(views):
                if j not in used and j not in mirrors:
                    per_root[level][(coded_key(c.event), "fp")] += 1
            if errors and level == error_level:
                cases += _errors(item, views, pairs, by_type=by_type, skip=mirrors)
        _confuse(item, all_views, confusion, dyad_levels, by_type=by_type, vocabulary=vocabulary)
    return Report(
        gold=gold.name,
        n_items=len(gold.items),
        n_gold=gold.n_events,
        n_coded=n_coded,
        levels={
            lv: LevelScore(level=lv, counts=totals[lv], per_root=_root_counts(per_root[lv]))
            for lv in wanted
        },
        confusion=dict(confusion),
        errors=tuple(cases),
        error_level=error_level,
        notes=gold.notes,
    )


def _root_counts(counter: Counter[tuple[str, str]]) -> dict[str, Counts]:
    roots = sorted({root for root, _ in counter})
    return {
        r: Counts(counter[(r, "tp")], counter[(r, "fp")], counter[(r, "fn")]) for r in roots
    }


def _confuse(
    item: GoldItem, views: list[_Coded], confusion: Counter[tuple[str, str]], dyad: bool,
    *, by_type: bool = False, vocabulary: set[str] | None = None,
) -> None:
    """Pair gold and coded events on dyad + root first, then on the dyad alone (for
    PLOVER-only sets: dyad + PLOVER type, then the dyad; labels are PLOVER types)."""
    if by_type:
        first = _compatible("dyadtype")
        gkey = lambda g: g.plover or "--"  # noqa: E731
        ckey = lambda e: _plover_label(e, vocabulary or set())  # noqa: E731
        dyad = True
    else:
        first = _compatible("root" if dyad else "type")
        gkey = lambda g: g.root or "--"  # noqa: E731
        ckey = lambda e: e.cameo_root  # noqa: E731
    pairs = match_events(item.events, views, first)
    rest_g = [i for i in range(len(item.events)) if i not in pairs]
    mirrors = _mirrors_of_matched(views, set(pairs.values()))
    rest_c = [j for j in range(len(views)) if j not in set(pairs.values()) and j not in mirrors]
    second = match_events(
        [item.events[i] for i in rest_g],
        [views[j] for j in rest_c],
        _dyad_ok if dyad else (lambda g, c: True),
    )
    for i, j in pairs.items():
        confusion[(gkey(item.events[i]), ckey(views[j].event))] += 1
    for a, b in second.items():
        confusion[(gkey(item.events[rest_g[a]]), ckey(views[rest_c[b]].event))] += 1
    matched_g = set(pairs) | {rest_g[a] for a in second}
    matched_c = set(pairs.values()) | {rest_c[b] for b in second.values()}
    for i, g in enumerate(item.events):
        if i not in matched_g:
            confusion[(gkey(g), "--")] += 1
    for j, c in enumerate(views):
        if j not in matched_c and j not in mirrors:
            confusion[("--", ckey(c.event))] += 1


def _rule(event: Event | None) -> str:
    return event.evidence.rule if event is not None and event.evidence is not None else ""


def _errors(
    item: GoldItem, views: list[_Coded], pairs: dict[int, int], *, by_type: bool = False, skip: set[int] = frozenset(),
) -> list[ErrorCase]:
    """Classify the unmatched events of one item.

    A missed gold event is "wrong root" when a leftover coded event has its dyad,
    "wrong actors" when one has its root, "nothing coded" when the item got no event at
    all, else "missed"; leftover coded events that explain no miss are "spurious".
    """
    left_g = [i for i in range(len(item.events)) if i not in pairs]
    left_c = [j for j in range(len(views)) if j not in set(pairs.values()) and j not in skip]
    cases: list[ErrorCase] = []
    explained: set[int] = set()
    for i in left_g:
        g = item.events[i]
        error_class, other = ("missed" if views else "nothing coded"), None
        for j in left_c:
            c = views[j]
            if _dyad_ok(g, c):
                if (not _plover_ok(g.plover, c.event)) if by_type else (g.root != c.event.cameo_root):
                    error_class, other = ("wrong type" if by_type else "wrong root"), c.event
                else:
                    error_class, other = "wrong code", c.event
                explained.add(j)
                break
        if other is None:
            for j in left_c:
                c = views[j]
                same = _plover_ok(g.plover, c.event) if by_type else c.event.cameo_root == g.root
                if same and j not in explained:
                    error_class, other = "wrong actors", c.event
                    explained.add(j)
                    break
        cases.append(
            ErrorCase(
                item_id=item.id,
                text=item.text,
                kind="FN",
                error_class=error_class,
                expected=g,
                produced=None,
                other=other,
                rule=_rule(other),
            )
        )
    for j in left_c:
        event = views[j].event
        cases.append(
            ErrorCase(
                item_id=item.id,
                text=item.text,
                kind="FP",
                error_class="spurious" if j not in explained else "confused",
                expected=None,
                produced=event,
                rule=_rule(event),
            )
        )
    return cases
