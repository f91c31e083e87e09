"""Events and articles built directly (no model), and hypothesis strategies for them."""

from __future__ import annotations

import hashlib

from hypothesis import strategies as st

from eventcoder.model import Actor, Article, Event, Evidence, Place, Plover, make_event_id

CODES = ["JPNGOV", "JPN", "KHMGOV", "ISR", "ISRMIL", "PSE", "PSEREB", "IGOUNO", "USAGOV", "CHN"]
CAMEO = [("010", 1, 0.0), ("042", 1, 1.9), ("0311", 1, 5.2), ("061", 2, 6.4), ("112", 3, -2.0),
         ("130", 3, -4.4), ("173", 4, -5.0), ("190", 4, -10.0), ("1823", 4, -10.0)]
PLOVER = {"0": "AGREE", "1": "ACCUSE"}

_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_span = st.tuples(st.integers(0, 10_000), st.integers(0, 10_000))


def actor_strategy() -> st.SearchStrategy[Actor]:
    return st.builds(
        Actor,
        text=_text,
        code=st.sampled_from(CODES),
        country=st.none() | st.sampled_from(["JPN", "KHM", "ISR", "PSE"]),
        role=st.none() | st.sampled_from(["GOV", "MIL", "REB"]),
        name=st.none() | _text,
        kind=st.sampled_from(["person", "state", "organization", "group"]),
        country_source=st.none() | st.sampled_from(["kb", "text", "dateline", "article"]),
    )


def _finite(lo: float, hi: float) -> st.SearchStrategy[float]:
    return st.floats(lo, hi, allow_nan=False, allow_infinity=False)


@st.composite
def event_strategy(draw: st.DrawFn, doc_id: str | None = None) -> Event:
    doc = doc_id or draw(st.sampled_from(["d1", "d2", "d3"]))
    code, quad, goldstein = draw(st.sampled_from(CAMEO))
    source = draw(st.none() | actor_strategy())
    target = draw(st.none() | actor_strategy())
    sentence_index = draw(st.integers(0, 500))
    precision, date = draw(
        st.one_of(
            st.tuples(st.just("day"), st.dates().map(lambda d: d.isoformat())),
            st.tuples(st.just("month"), st.dates().map(lambda d: d.isoformat()[:7])),
            st.tuples(st.just("year"), st.dates().map(lambda d: d.isoformat()[:4])),
            st.tuples(st.just("article"), st.none()),
        )
    )
    return Event(
        event_id=make_event_id(doc, sentence_index, source and source.code, target and target.code, code),
        doc_id=doc,
        sentence_index=sentence_index,
        sentence=draw(_text),
        span=draw(_span),
        date=date,
        date_precision=precision,
        source=source,
        target=target,
        cameo=code,
        cameo_root=code[:2],
        quad_class=quad,
        # odd floats must survive exactly (not -0.0: SQLite stores it as 0.0)
        goldstein=draw(st.sampled_from([goldstein, 0.1 + 0.2, 1e-300])),
        plover=draw(st.none() | st.builds(Plover, event_type=st.sampled_from(["CONSULT", "ASSAULT"]), mode=st.none() | _text)),
        negated=draw(st.booleans()),
        modality=draw(st.sampled_from(["asserted", "intended", "reported"])),
        location=draw(
            st.none()
            | st.builds(
                Place,
                name=_text,
                country=st.none() | st.just("JPN"),
                lat=st.none() | _finite(-90, 90),
                lon=st.none() | _finite(-180, 180),
                feature=st.none() | st.sampled_from(["city", "country"]),
                canonical=st.none() | _text,
                admin1=st.none() | _text,
                source=st.none() | st.just("sentence"),
            )
        ),
        evidence=draw(
            st.none()
            | st.builds(Evidence, verb=_text, verb_span=_span, source_span=st.none() | _span,
                        target_span=st.none() | _span, rule=_text)
        ),
        coder=draw(st.sampled_from(["", "eventcoder/0.1.0"])),
        reported_by=draw(st.none() | actor_strategy()),
        symmetric=draw(st.booleans()),
    )


def article(doc_id: str, text: str = "", published: str | None = "2022-09-28", **kw) -> Article:
    return Article(doc_id=doc_id, text=text or f"Text of {doc_id}.", published=published, **kw)


def make_event(
    doc_id: str,
    n: int = 0,
    *,
    source: str | None = "JPNGOV",
    target: str | None = "KHMGOV",
    cameo: str = "042",
    quad: int = 1,
    goldstein: float = 1.9,
    date: str | None = "2022-09-28",
    negated: bool = False,
    sentence: str | None = None,
    plover: str | None = "CONSULT",
) -> Event:
    return Event(
        event_id=make_event_id(doc_id, n, source, target, cameo),
        doc_id=doc_id,
        sentence_index=n,
        sentence=sentence or f"Sentence {n} of {doc_id}.",
        span=(n * 10, n * 10 + 9),
        date=date,
        date_precision="day" if date else "article",
        source=None if source is None else Actor(text=source.lower(), code=source, country=source[:3]),
        target=None if target is None else Actor(text=target.lower(), code=target, country=target[:3]),
        cameo=cameo,
        cameo_root=cameo[:2],
        quad_class=quad,
        goldstein=goldstein,
        plover=None if plover is None else Plover(event_type=plover),
        negated=negated,
    )


def fake_coder(article: Article) -> list[Event]:
    """A deterministic stand-in for the pipeline: events derived from a hash of the text.

    Texts containing "FAIL" raise, to exercise failure recording.
    """
    if "FAIL" in article.text:
        raise RuntimeError(f"cannot code {article.doc_id}")
    digest = hashlib.sha256(article.text.encode()).digest()
    events = []
    for n in range(digest[0] % 4):
        code, quad, goldstein = CAMEO[digest[n + 1] % len(CAMEO)]
        events.append(
            make_event(
                article.doc_id,
                n,
                source=CODES[digest[n + 5] % len(CODES)],
                target=CODES[digest[n + 9] % len(CODES)],
                cameo=code,
                quad=quad,
                goldstein=goldstein,
                date=f"2022-{digest[n + 13] % 3 + 1:02d}-{digest[n + 17] % 28 + 1:02d}",
                negated=digest[n + 21] % 5 == 0,
            )
        )
    return events
