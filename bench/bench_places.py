"""Evaluate and time event geocoding (``eventcoder.ground.places``).

Gold sets (read from ``../shared/gold``, never copied):

* PLOVER GSR: the records with an ``eventLoc`` (48); the verb is the first ``(EVT: ...)``
  word of the markup (else the sentence root); context countries are the source and
  target actor codes;
* WikiEvents (dev + test): every event with a ``Place`` argument; the verb is the
  gold trigger; context countries are the countries named in the document.

A chosen place is right when its name (or canonical name) equals the gold name, or it
lies within 50 km of the gold place (geocoded with the same gazetteer, helped by the
gold country code where PLOVER gives one).  Country accuracy is over the gold places
that geocode.  Also measured: gazetteer load time, and the cost of
``resolve_event_place`` per sentence against the spaCy parse of the same sentences.

Run: ``.venv/bin/python bench/bench_places.py [--shared ../shared]``
"""

from __future__ import annotations

import argparse
import glob
import json
import math
import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventcoder.ground.places import (
    Gazetteer,
    load_gazetteer,
    normalize_name,
    resolve_event_place,
)
from eventcoder.model import Article, Place
from eventcoder.nlp import load_nlp

ROOT = Path(__file__).resolve().parent.parent
_ISO2 = {"CH": "CHE", "IR": "IRN", "TL": "TLS", "LB": "LBN"}  # codes in PLOVER eventLoc


def haversine_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(
        (lon2 - lon1) / 2
    ) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass
class Case:
    set: str
    gold_name: str
    gold_country: str | None  # ISO3 when the gold set gives one
    sentence: Any
    verb: Any
    context: tuple[str, ...]


@dataclass
class Score:
    n: int = 0
    predicted: int = 0
    place_ok: int = 0
    geocodable: int = 0
    place_ok_geocodable: int = 0
    country_ok: int = 0
    misses: list[str] = field(default_factory=list)

    def row(self, name: str) -> str:
        def pct(a: int, b: int) -> str:
            return f"{a}/{b} ({100 * a / b:.0f}%)" if b else "-"

        return (
            f"| {name} | {self.n} | {pct(self.predicted, self.n)} | {pct(self.place_ok, self.n)} "
            f"| {self.geocodable} | {pct(self.place_ok_geocodable, self.geocodable)} "
            f"| {pct(self.country_ok, self.geocodable)} |"
        )


def _doc_countries(doc: Any, gaz: Gazetteer) -> tuple[str, ...]:
    out: list[str] = []
    for ent in doc.ents:
        if ent.label_ not in ("GPE", "NORP"):
            continue
        res = gaz.resolve(ent.text)
        if res.entry is not None and res.entry.feature == "country" and res.entry.country:
            if res.entry.country not in out:
                out.append(res.entry.country)
    return tuple(out)


def plover_cases(shared: Path, nlp: Any, gaz: Gazetteer) -> list[Case]:
    records = json.loads((shared / "gold/plover/PLOVER_GSR_CAMEO.txt").read_text("utf-8"))
    cases = []
    for rec in records:
        loc = rec.get("eventLoc")
        if not loc:
            continue
        doc = nlp(rec["text"])
        sent = next(iter(doc.sents))
        info = rec.get("textInfo")
        markup = info.get("markup", "") if isinstance(info, dict) else str(info or "")
        m = re.search(r"\(EVT:\s*([^\s()]+)", markup)
        verb = None
        if m:
            word = m.group(1).lower()
            verb = next((t for t in doc if t.lower_ == word), None)
        verb = verb or sent.root
        sent = verb.sent
        context = []
        for side in ("source", "target"):
            for actor in rec.get(side) or []:
                code = (actor.get("code") or "")[:3]
                if gaz.country(code) is not None and code not in context:
                    context.append(code)
        cc = loc.get("country code")
        cases.append(Case("PLOVER", loc["name"], _ISO2.get(cc) if cc else None, sent, verb,
                          tuple(context)))
    return cases


def wikievents_cases(shared: Path, nlp: Any, gaz: Gazetteer) -> list[Case]:
    cases = []
    for path in sorted(glob.glob(str(shared / "gold/wikievents/*.jsonl"))):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                offsets = [(tok[1], tok[2]) for sent in rec["sentences"] for tok in sent[0]]
                text = rec["text"]
                doc = nlp(text)
                by_char = {t.idx: t for t in doc}
                context = _doc_countries(doc, gaz)
                ents = {e["id"]: e for e in rec["entity_mentions"]}
                for ev in rec["event_mentions"]:
                    start = offsets[ev["trigger"]["start"]][0]
                    verb = by_char.get(start) or next(
                        (t for t in doc if t.idx <= start < t.idx + len(t.text)), None
                    )
                    if verb is None:
                        continue
                    for arg in ev["arguments"]:
                        if arg["role"] != "Place":
                            continue
                        ent = ents[arg["entity_id"]]
                        cases.append(Case("WikiEvents", ent["text"], None, verb.sent, verb,
                                          context))
    return cases


def score(cases: list[Case], gaz: Gazetteer) -> tuple[Score, float]:
    sc = Score()
    spent = 0.0
    for case in cases:
        sc.n += 1
        article = Article(doc_id="bench", text=case.sentence.doc.text)
        t0 = time.perf_counter()
        place: Place | None = resolve_event_place(
            case.sentence, case.verb, article, gaz, doc=case.sentence.doc,
            context_countries=case.context,
        )
        spent += time.perf_counter() - t0
        hint = [case.gold_country] if case.gold_country else []
        gold = gaz.resolve(case.gold_name, context_countries=case.context,
                           sentence_countries=hint).entry
        if place is not None:
            sc.predicted += 1
        names = {normalize_name(case.gold_name)} | ({normalize_name(gold.name)} if gold else set())
        ok = place is not None and (
            normalize_name(place.name) in names
            or (place.canonical is not None and normalize_name(place.canonical) in names)
            or (
                gold is not None and place.lat is not None and place.lon is not None
                and haversine_km((place.lat, place.lon), (gold.lat, gold.lon)) <= 50
            )
        )
        sc.place_ok += ok
        if gold is not None and case.gold_name[:1].isupper():  # not "area", "house"
            sc.geocodable += 1
            sc.place_ok_geocodable += ok
            sc.country_ok += place is not None and place.country == gold.country
            if not ok:
                got = f"{place.name}->{place.canonical},{place.country}" if place else None
                sc.misses.append(f"{case.gold_name} ({gold.country}) got {got}")
    return sc, spent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--shared", type=Path,
        default=Path(os.environ.get("EVENTCODER_SHARED", ROOT.parent / "shared")),
    )
    parser.add_argument("--misses", action="store_true", help="list the wrong cases")
    args = parser.parse_args()

    loads = []
    for _ in range(3):
        t0 = time.perf_counter()
        gaz = load_gazetteer()
        loads.append(time.perf_counter() - t0)
    print(f"gazetteer: {len(gaz)} places, load {min(loads):.3f} s (best of 3), "
          f"{max(loads):.3f} s worst")

    nlp = load_nlp()
    t0 = time.perf_counter()
    cases = plover_cases(args.shared, nlp, gaz) + wikievents_cases(args.shared, nlp, gaz)
    print(f"parsed gold sets in {time.perf_counter() - t0:.1f} s")

    print("| set | gold places | place chosen | place right | geocodable gold | "
          "place right (geocodable) | country right (geocodable) |")
    print("|---|---|---|---|---|---|---|")
    total_spent = 0.0
    for name in ("PLOVER", "WikiEvents"):
        sub = [c for c in cases if c.set == name]
        sc, spent = score(sub, gaz)
        total_spent += spent
        print(sc.row(name))
        if args.misses:
            for miss in sc.misses:
                print("    miss:", miss)

    # cost: resolve_event_place against parsing the same sentences
    sentences = [c.sentence.text for c in cases]
    words = sum(len(s.split()) for s in sentences)
    t0 = time.perf_counter()
    for _ in nlp.pipe(sentences, batch_size=64):
        pass
    parse_s = time.perf_counter() - t0
    per_call_us = 1e6 * total_spent / len(cases)
    print(f"spaCy parse of the {len(cases)} event sentences: {parse_s:.2f} s "
          f"({words / parse_s:,.0f} words/s)")
    print(f"resolve_event_place: {per_call_us:.0f} us per event "
          f"= {100 * total_spent / parse_s:.1f}% of the parse time of the same sentences")


if __name__ == "__main__":
    main()
