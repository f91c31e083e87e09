"""Query builder: SQLite accepts every filter's SQL, and results match a Python oracle."""

from __future__ import annotations

import sqlite3
from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventcoder.errors import ConfigError
from eventcoder.store import EventFilter, Store, StoredDocument, content_hash
from eventcoder.store.query import summary_where, where_clause
from eventcoder.store.schema import MIGRATIONS

from ._factory import CAMEO, CODES, article, make_event

_prefix = st.sampled_from(["", "J", "JPN", "JPNGOV", "ISR", "PSE", "IGO", "X", "USAGOV"])
_date = st.sampled_from([None, "2021", "2022-01", "2022-02-15", "2022-03", "2023-01-01"])

def _valid(**kw):
    """An EventFilter, or None for combinations the one validation refuses (inverted ranges)."""
    try:
        return EventFilter(**kw)
    except ConfigError:
        return None


filters = st.builds(
    _valid,
    source=st.none() | _prefix.filter(bool),
    target=st.none() | _prefix.filter(bool),
    dyad=st.none() | st.tuples(_prefix.filter(bool), _prefix.filter(bool)),
    directed=st.booleans(),
    since=_date,
    until=_date,
    cameo=st.none() | st.sampled_from(["01", "04", "042", "19", "190", "1823"]),
    quad_class=st.none() | st.sampled_from([1, 4, (2, 3)]),
    plover=st.none() | st.sampled_from(["CONSULT", "consult", "ASSAULT"]),
    text=st.none() | st.text(max_size=4) | st.sampled_from(["sentence 1", "%", "_", "\\", "'", "X'; DROP TABLE mentions; --"]),
    negated=st.none() | st.booleans(),
    limit=st.none() | st.integers(0, 5),
    offset=st.integers(0, 3),
).filter(lambda f: f is not None)


def _ascii_lower(text):
    """SQLite's LIKE folds ASCII letters only."""
    return text.translate({c: c + 32 for c in range(65, 91)})


def _starts(code, prefix):
    return (code or "").startswith(prefix)


def matches(f: EventFilter, e) -> bool:
    """The documented semantics, in Python."""
    s, t = (e.source.code if e.source else ""), (e.target.code if e.target else "")
    date = e.date or ""
    if f.source and not _starts(s, f.source):
        return False
    if f.target and not _starts(t, f.target):
        return False
    if f.dyad:
        a, b = f.dyad
        fwd = _starts(s, a) and _starts(t, b)
        if not (fwd or (not f.directed and _starts(s, b) and _starts(t, a))):
            return False
    if f.since and not date >= f.since:
        return False
    if f.until and not (date and (date <= f.until or date.startswith(f.until))):
        return False
    if f.cameo and not e.cameo.startswith(f.cameo):
        return False
    if f.quad_classes() is not None and e.quad_class not in f.quad_classes():
        return False
    if f.plover and (e.plover is None or e.plover.event_type != f.plover):
        return False
    if f.text and _ascii_lower(f.text) not in _ascii_lower(e.sentence):
        return False
    if f.negated is not None and e.negated != f.negated:
        return False
    return True


def _events():
    out = []
    n = 0
    for i, src in enumerate(CODES):
        for j, tgt in enumerate([*CODES, None]):
            code, quad, gold = CAMEO[(i + j) % len(CAMEO)]
            date = ["2021-12-31", "2022-01-05", "2022-01", "2022-02-15", "2022-03-31", "2022", None][(i * 3 + j) % 7]
            out.append(
                make_event(f"doc{n % 7}", n, source=src, target=tgt, cameo=code, quad=quad, goldstein=gold,
                           date=date, negated=(n % 5 == 0), plover=["CONSULT", "ASSAULT", None][n % 3],
                           sentence=f"Sentence {n} about {src} and {tgt}; 100% sure_")
            )
            n += 1
    return out


EVENTS = _events()
BY_DOC: dict[str, list] = {}
for _e in EVENTS:
    BY_DOC.setdefault(_e.doc_id, []).append(_e)
STORED = [e for evs in BY_DOC.values() for e in evs]  # storage order


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("q") / "q.db"
    with Store(path) as s:
        s.write_batch([
            StoredDocument(article=article(d), content_hash=content_hash(article(d)), events=tuple(evs))
            for d, evs in BY_DOC.items()
        ])
        yield s


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(f=filters)
def test_where_clause_sqlite_accepts_and_matches_oracle(store, f):
    got = store.events(f)
    want = [e for e in STORED if matches(f, e)]
    want.sort(key=lambda e: (e.date or "", STORED.index(e)))
    end = None if f.limit is None else f.offset + f.limit
    assert [e.event_id for e in got] == [e.event_id for e in want[f.offset:end]]
    assert store.count(f, unit="mentions") == len(want)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(f=filters, by=st.sampled_from(["month", "dyad", "root", "quad", "source", "year"]))
def test_count_by_summary_agrees_with_mentions(store, f, by):
    rows = store.count_by(by, f, unit="mentions")
    want_events = [e for e in EVENTS if matches(f, e) and (f.negated is not None or not e.negated)]
    key = {
        "month": lambda e: ((e.date or "")[:7],),
        "year": lambda e: ((e.date or "")[:4],),
        "dyad": lambda e: (e.source.code if e.source else "", e.target.code if e.target else ""),
        "root": lambda e: (e.cameo_root,),
        "quad": lambda e: (str(e.quad_class),),
        "source": lambda e: (e.source.code if e.source else "",),
    }[by]
    want = Counter(key(e) for e in want_events if by != "dyad" or (e.source and e.target))
    assert {r.key: r.events for r in rows} == dict(want)
    if by in ("month", "year"):
        assert [r.key for r in rows] == sorted(want)
    else:
        assert [r.events for r in rows] == sorted((r.events for r in rows), reverse=True)


def test_where_clause_sql_is_accepted_on_empty_schema():
    conn = sqlite3.connect(":memory:")
    for statement in MIGRATIONS[0].split(";"):
        lines = [line.split("--", 1)[0] for line in statement.splitlines()]
        if "".join(lines).strip():
            conn.execute("\n".join(lines))
    sql, params = where_clause(EventFilter(dyad=("A", "B"), text="x", quad_class=(1, 2), since="2020", until="2021-02"))
    conn.execute(f"SELECT count(*) FROM mentions WHERE {sql}", params)
    sql, params = summary_where(EventFilter(source="A", since="2020-01"))
    conn.execute(f"SELECT count(*) FROM dyad_month WHERE {sql}", params)
    assert summary_where(EventFilter(text="x")) is None
    assert summary_where(EventFilter(since="2020-01-05")) is None


def test_dyad_timeline_by_month(store):
    rows = store.dyad_timeline("JPN", "ISR")
    want = Counter(
        ((e.date or "")[:7], e.quad_class)
        for e in EVENTS
        if not e.negated and e.source and e.target
        and {e.source.code[:3], e.target.code[:3]} == {"JPN", "ISR"}
    )
    assert {(r.month, r.quad_class): r.events for r in rows} == dict(want)
    assert [r.month for r in rows] == sorted(r.month for r in rows)


def test_top_dyads_limit(store):
    rows = store.top_dyads(3)
    assert len(rows) == 3
    assert rows[0].events >= rows[-1].events


@pytest.mark.parametrize(
    "kwargs",
    [
        {"since": "yesterday"},
        {"until": "2022-9-1"},
        {"cameo": "4a"},
        {"quad_class": 5},
        {"dyad": ("ISR",)},
        {"limit": -1},
    ],
)
def test_event_filter_rejects_bad_values(kwargs):
    with pytest.raises(ConfigError):
        EventFilter(**kwargs)


def test_count_by_rejects_unknown_key(store):
    with pytest.raises(ConfigError, match="count by"):
        store.count_by("weekday")


_ROLLUP_KEY = {
    "month": lambda r: (r.date[:7],),
    "year": lambda r: (r.date[:4],),
    "dyad": lambda r: (r.source_code, r.target_code),
    "root": lambda r: (r.cameo_root,),
    "quad": lambda r: (str(r.quad_class),),
    "source": lambda r: (r.source_code,),
    "plover": lambda r: (r.plover_type or "",),
}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(f=filters, by=st.sampled_from(sorted(_ROLLUP_KEY)))
def test_count_by_events_agrees_with_the_rollup(store, f, by):
    """Event counts (from event_month when the filters allow, else events) equal a count of
    the roll-up rows that match in Python (no text filter: that one matches any mention)."""
    from dataclasses import replace

    f = replace(f, text=None, negated=None, limit=None, offset=0)
    rows = store.count_by(by, f)
    every = list(store.rollup())
    want = Counter(_ROLLUP_KEY[by](r) for r in every if matches(f, r.first_mention)
                   and (by != "dyad" or (r.source_code and r.target_code)))
    assert {r.key: r.events for r in rows} == dict(want)
    assert store.count(f) == sum(1 for r in every if matches(f, r.first_mention))


@pytest.mark.parametrize("text", ["\x00", "a\x00b", "\n", "\x7f"])
def test_filter_refuses_control_characters_in_text(text):
    with pytest.raises(ConfigError, match="control character"):
        EventFilter(text=text)
