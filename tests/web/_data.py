"""A small event database for the web tests, built from hand-written sentences (no model)."""

from __future__ import annotations

from pathlib import Path

from eventcoder.model import Actor, Article, Event, Evidence, Place, Plover, make_event_id
from eventcoder.store import Store, StoredDocument, content_hash

# (doc, date, sentence, source (text, code), verb, target (text, code), cameo, quad, goldstein, plover, place)
_TOKYO = Place(name="Tokyo", country="JPN", lat=35.69, lon=139.69, feature="city")
_PHNOM_PENH = Place(name="Phnom Penh", country="KHM", lat=11.56, lon=104.92, feature="city")
_GAZA = Place(name="Gaza", country="PSE", lat=31.5, lon=34.47, feature="city")
ROWS = [
    ("d1", "2022-09-28", "The Japanese premier met the Cambodian leader at a funeral in Tokyo.",
     ("Japanese premier", "JPNGOV"), "met", ("Cambodian leader", "KHMGOV"), "040", 1, 1.0, "CONSULT", _TOKYO),
    ("d1", "2022-09-29", "Cambodia thanked Japan for its long support of roads and schools.",
     ("Cambodia", "KHM"), "thanked", ("Japan", "JPN"), "051", 1, 3.4, None, None),
    ("d2", "2022-09-28", "Officials said the Japanese premier met the Cambodian leader on Wednesday.",
     ("Japanese premier", "JPNGOV"), "met", ("Cambodian leader", "KHMGOV"), "040", 1, 1.0, "CONSULT", _TOKYO),
    ("d2", "2022-10-12", "Japan pledged new aid to Cambodia for clearing land mines.",
     ("Japan", "JPN"), "pledged", ("Cambodia", "KHM"), "0233", 1, 5.2, "AID", _PHNOM_PENH),
    ("d3", "2022-11-03", "Cambodia accused Japan of meddling in its election.",
     ("Cambodia", "KHM"), "accused", ("Japan", "JPN"), "112", 3, -2.0, "ACCUSE", None),
    ("d3", "2022-11-20", "Japan sent rice and medicine to Cambodia after the floods.",
     ("Japan", "JPN"), "sent", ("Cambodia", "KHM"), "073", 2, 7.4, "AID", _PHNOM_PENH),
    ("d4", "2023-01-15", "Israeli forces attacked a camp of the militants near Gaza.",
     ("Israeli forces", "ISRMIL"), "attacked", ("militants", "PSEREB"), "190", 4, -10.0, "ASSAULT", _GAZA),
    ("d4", "2023-01-16", "The militants fired rockets at Israeli towns.",
     ("militants", "PSEREB"), "fired", ("Israeli towns", "ISR"), "190", 4, -10.0, "ASSAULT", None),
    ("d5", "2023-02-01", "The United Nations urged Israel and the militants to stop the fighting.",
     ("United Nations", "IGOUNO"), "urged", ("Israel", "ISR"), "0256", 1, 3.0, None, None),
    ("d5", "2023-02-02", "Japan did not meet Israeli envoys this week.",
     ("Japan", "JPN"), "meet", ("Israeli envoys", "ISRGOV"), "040", 1, 1.0, "CONSULT", None),
    # actors of no known country: bare sector codes
    ("d6", "2023-03-01", "The government criticised the teachers for the long strike.",
     ("government", "GOV"), "criticised", ("teachers", "EDU"), "111", 3, -2.0, "ACCUSE", None),
]
NEGATED = {("d5", 1)}

TITLES = {
    "d1": "Leaders meet at funeral",
    "d2": "Premier meets Cambodian leader",
    "d3": "Floods and a row over the vote",
    "d4": "Fighting near Gaza",
    "d5": "Calls for calm",
    "d6": "Strike goes on",
}
_SECTORS = {"GOV", "EDU", "MIL", "CVL"}


def _actor(text: str, code: str) -> Actor:
    if code in _SECTORS:
        return Actor(text=text, code=code, country=None, role=code, name=None, kind="group")
    return Actor(text=text, code=code, country=code[:3], role=code[3:] or None, name=text.title(), kind="state")


def build(path: Path) -> dict[str, list[Event]]:
    """Write the database at ``path``; returns the events by document."""
    by_doc: dict[str, list[tuple]] = {}
    for row in ROWS:
        by_doc.setdefault(row[0], []).append(row)
    out: dict[str, list[Event]] = {}
    docs = []
    for doc_id, rows in by_doc.items():
        text = " ".join(r[2] for r in rows)
        events = []
        at = 0
        for n, (_, date, sentence, (stext, scode), verb, (ttext, tcode), cameo, quad, gold, plover, place) in enumerate(rows):
            start = text.index(sentence, at)
            at = start + len(sentence)

            def span(word: str, start: int = start, sentence: str = sentence) -> tuple[int, int]:
                i = sentence.index(word)
                return (start + i, start + i + len(word))

            events.append(
                Event(
                    event_id=make_event_id(doc_id, n, scode, tcode, cameo),
                    doc_id=doc_id,
                    sentence_index=n,
                    sentence=sentence,
                    span=(start, start + len(sentence)),
                    date=date,
                    date_precision="day",
                    source=_actor(stext, scode),
                    target=_actor(ttext, tcode),
                    cameo=cameo,
                    cameo_root=cameo[:2],
                    quad_class=quad,
                    goldstein=gold,
                    plover=Plover(event_type=plover) if plover else None,
                    negated=(doc_id, n) in NEGATED,
                    location=place,
                    evidence=Evidence(verb=verb, verb_span=span(verb), source_span=span(stext),
                                      target_span=span(ttext), rule=f"test.{cameo}.{verb}"),
                    coder="eventcoder/test",
                )
            )
        article = Article(doc_id=doc_id, text=text, title=TITLES[doc_id], publisher="Test Wire",
                          published=rows[0][1], url=f"https://example.org/{doc_id}")
        docs.append(StoredDocument(article=article, content_hash=content_hash(article), events=tuple(events),
                                   coder="eventcoder/test"))
        out[doc_id] = events
    with Store(path) as store:
        store.write_batch(docs)
    return out


_PARTNERS = ["FRA", "DEU", "GBR", "ITA", "ESP", "POL", "NLD", "BEL", "SWE", "NOR", "FIN", "DNK", "AUT", "CHE", "PRT",
             "GRC", "TUR", "RUS", "UKR", "CHN", "JPN", "KOR", "IND", "PAK", "IRN", "IRQ", "SYR", "ISR", "EGY", "SAU",
             "BRA", "ARG", "MEX", "CAN", "AUS", "NZL", "ZAF", "NGA", "KEN", "ETH", "IDN", "PHL", "VNM", "THA", "MYS"]


def build_dense(path: Path) -> None:
    """A hub (USAGOV) that meets 79 other actors: a star of 80 dyads whose labels crowd
    around the hub (80 labels on a circle a few hundred pixels across)."""
    codes = [p + role for role in ("GOV", "MIL") for p in _PARTNERS][:79]
    docs = []
    for i, code in enumerate(codes):
        events = []
        for n in range(1 + i % 4):
            sentence = f"The American envoy met officials of {code} for talks number {n}."
            events.append(Event(
                event_id=make_event_id(f"x{i}", n, "USAGOV", code, "040"), doc_id=f"x{i}", sentence_index=n,
                sentence=sentence, span=(0, len(sentence)), date=f"2023-0{1 + n}-1{i % 9}", date_precision="day",
                source=_actor("American envoy", "USAGOV"), target=_actor(f"officials of {code}", code),
                cameo="040", cameo_root="04", quad_class=1, goldstein=1.0, plover=Plover(event_type="CONSULT"),
                coder="eventcoder/test"))
        text = " ".join(e.sentence for e in events)
        article = Article(doc_id=f"x{i}", text=text, title=f"Talks {i}", publisher="Test Wire", published="2023-01-01")
        docs.append(StoredDocument(article=article, content_hash=content_hash(article), events=tuple(events)))
    with Store(path) as store:
        store.write_batch(docs)
