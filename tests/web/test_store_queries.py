"""The read-only store queries added for the web UI (``Store.event``, ``same_event``,
``timeline``, ``locations``, ``EventFilter.actor``), checked against plain counts."""

from __future__ import annotations

import datetime as dt

import pytest

from eventcoder.store import EventFilter, Store

from . import _data


@pytest.fixture
def store(web_db):
    with Store(web_db[0], readonly=True) as s:
        yield s


def test_store_event_by_id(store, web_db):
    _, events = web_db
    for doc_events in events.values():
        for event in doc_events:
            assert store.event(event.event_id) == event
    assert store.event("ffff") is None


def test_store_same_event_across_articles(store, web_db):
    _, events = web_db
    a, b = events["d1"][0], events["d2"][0]
    assert store.same_event(a) == [b] and store.same_event(b) == [a]
    assert store.same_event(events["d4"][0]) == []


@pytest.mark.parametrize("interval", ["month", "week"])
@pytest.mark.parametrize(
    "f", [EventFilter(), EventFilter(dyad=("JPN", "KHM")), EventFilter(actor="ISR"), EventFilter(cameo="04")]
)
def test_store_timeline_matches_counts(store, f, interval):
    rows = store.timeline(f, interval=interval, unit="mentions")
    events = [e for e in store.events(f) if not e.negated]
    expected: dict[tuple[str, int], int] = {}
    for e in events:
        day = dt.date.fromisoformat(e.date)
        key = e.date[:7] if interval == "month" else (day - dt.timedelta(days=day.weekday())).isoformat()
        expected[(key, e.quad_class)] = expected.get((key, e.quad_class), 0) + 1
    assert {(r.month, r.quad_class): r.events for r in rows} == expected
    assert [(r.month, r.quad_class) for r in rows] == sorted(expected)


def test_store_actor_filter_either_side(store):
    got = {e.event_id for e in store.events(EventFilter(actor="ISR"))}
    want = {e.event_id for e in store.events() if e.source.code.startswith("ISR") or e.target.code.startswith("ISR")}
    assert got == want and len(got) == 4
    # the summary table answers the same
    assert sum(r.events for r in store.count_by("month", EventFilter(actor="ISR"), unit="mentions")) == len(
        [e for e in store.events(EventFilter(actor="ISR")) if not e.negated]
    )


def test_store_locations(store):
    rows = store.locations(unit="mentions")
    assert [(r.name, r.events) for r in rows][:1] in ([("Phnom Penh", 2)], [("Tokyo", 2)])
    assert {r.name for r in rows} == {"Tokyo", "Phnom Penh", "Gaza"}
    assert store.locations(EventFilter(quad_class=4), unit="mentions") == [r for r in rows if r.name == "Gaza"]
    # one real-world event at Tokyo (two articles report the meeting)
    assert {r.name: r.events for r in store.locations()}["Tokyo"] == 1
    assert len(store.locations(limit=1)) == 1
