"""What an analyst would count: the shape of the events of a real-news ingest.

    .venv/bin/python bench/wikinews_stats.py [--n 1000] [--workers 1] [--db /tmp/wn.db [--reuse]]
                                             [--json] [--list 20]
                                             [--sample 30] [--seed 11]

Ingests the first ``--n`` records of ``../shared/corpora/wikinews_politics.jsonl`` (or
``--corpus FILE``) into a fresh SQLite store (``--db PATH`` keeps it; ``--reuse`` reads
an existing one without ingesting) and reports, over the stored mentions:

* the share of CAMEO ``010`` ("make statement") and of root ``01``;
* the share of events without a target;
* the share of sources and of targets that carry neither a country nor an organisation
  code (bare sector codes such as ``GOV``, ``COP``, ``CVL``), and how the countries
  were found (``Actor.country_source``); the same shares over all events counting a
  missing source or target as bare (``*_bare_or_missing``);
* a seeded random sample (``--sample N``, ``--seed S``) of actors whose country was
  inferred (``country_source`` not ``kb``/``name``: ``text``, ``dateline``, ``article``),
  each with its sentence, for checking by hand (issue 11);
* events dated outside [article date - 5 years, article date + 2 years], listed with
  their sentence (``--list N`` of them);
* reported events, and how many carry a speaker (``reported_by``);
* symmetric events.

The numbers are counts of what the coder wrote, not accuracy: use ``eventcoder eval``
for that.  Issues 11 and 13 quote this script before and after their changes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import sys
import tempfile
from collections import Counter
from itertools import islice
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpora" / "wikinews_politics.jsonl"
_ORG_PREFIXES = ("IGO", "NGO", "MNC", "IMG", "NGM", "UIS", "INT")
#: ``Actor.country_source`` values that are the actor's own record, not an inference
_NOT_INFERRED = ("kb", "name")


def _has_country_or_org(actor: Any) -> bool:
    return bool(actor.country) or actor.code[:3] in _ORG_PREFIXES


def _as_date(text: str | None) -> dt.date | None:
    if not text:
        return None
    try:
        if len(text) == 4:
            return dt.date(int(text), 7, 1)
        if len(text) == 7:
            return dt.date(int(text[:4]), int(text[5:7]), 15)
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        return None


def _shift_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def ingest(corpus: Path, n: int, db: Path, workers: int) -> dict[str, Any]:
    from eventcoder.ingest import ReadSettings, read_inputs
    from eventcoder.store.batch import ingest_articles

    items = islice(read_inputs([str(corpus)], ReadSettings()), n)
    summary = ingest_articles(items, db, workers=workers, progress=False)
    return summary.as_dict()


def inferred_sample(events: list[Any], size: int, seed: int) -> tuple[int, list[dict[str, Any]]]:
    """How many event actors had their country inferred, and a seeded sample of them."""
    found = []
    for e in events:
        for side in ("source", "target"):
            actor = getattr(e, side)
            # None: the coder did not say how (a store written before country_source)
            if actor is None or not actor.country or not actor.country_source or actor.country_source in _NOT_INFERRED:
                continue
            found.append({"doc_id": e.doc_id, "side": side, "text": actor.text, "code": actor.code,
                          "country": actor.country, "country_source": actor.country_source,
                          "cameo": e.cameo, "sentence": e.sentence[:300]})
    rng = random.Random(seed)
    return len(found), rng.sample(found, min(size, len(found)))


def measure(db: Path, listing: int, sample: int = 30, seed: int = 11) -> dict[str, Any]:
    from eventcoder.store import Store

    with Store(db, readonly=True) as store:
        published = {d.doc_id: d.published for d in store.documents(limit=None)}
        events = list(store.iter_events())
    total = len(events)
    share = lambda k: round(k / total, 4) if total else 0.0  # noqa: E731
    sources = [e.source for e in events if e.source is not None]
    targets = [e.target for e in events if e.target is not None]
    bare_sources = Counter(a.code for a in sources if not _has_country_or_org(a))
    bare_targets = Counter(a.code for a in targets if not _has_country_or_org(a))
    country_source = Counter((a.country_source or "-") for a in sources + targets if a.country)
    outside = []
    for e in events:
        day, anchor = _as_date(e.date), _as_date(published.get(e.doc_id))
        if day is None or anchor is None:
            continue
        if day < _shift_years(anchor, -5) or day > _shift_years(anchor, 2):
            outside.append(
                {"doc_id": e.doc_id, "published": published.get(e.doc_id), "date": e.date,
                 "precision": e.date_precision, "cameo": e.cameo, "modality": str(e.modality),
                 "sentence": e.sentence[:200]}
            )
    reported = [e for e in events if str(e.modality) == "reported"]
    n_inferred, picked = inferred_sample(events, sample, seed)
    return {
        "documents": len(published),
        "events": total,
        "statements_010": share(sum(e.cameo == "010" for e in events)),
        "root_01": share(sum(e.cameo_root == "01" for e in events)),
        "without_target": share(sum(e.target is None for e in events)),
        "without_source": share(sum(e.source is None for e in events)),
        "sources_without_country_or_org": round(sum(bare_sources.values()) / len(sources), 4) if sources else 0.0,
        "targets_without_country_or_org": round(sum(bare_targets.values()) / len(targets), 4) if targets else 0.0,
        "actors_without_country_or_org": round(
            (sum(bare_sources.values()) + sum(bare_targets.values())) / (len(sources) + len(targets)), 4
        ) if sources or targets else 0.0,
        # over all events: a bare code or no actor at all ("or none")
        "sources_bare_or_missing": share(sum(bare_sources.values()) + sum(e.source is None for e in events)),
        "targets_bare_or_missing": share(sum(bare_targets.values()) + sum(e.target is None for e in events)),
        "bare_source_codes": dict(bare_sources.most_common(10)),
        "bare_target_codes": dict(bare_targets.most_common(10)),
        "country_source": dict(country_source.most_common()),
        "inferred_countries": n_inferred,
        "inferred_sample": picked,
        "dated_outside_window": len(outside),
        "dated_outside_window_list": outside[:listing],
        "reported": len(reported),
        "reported_with_speaker": sum(e.reported_by is not None for e in reported),
        "symmetric": sum(bool(e.symmetric) for e in events),
        "cameo_top": dict(Counter(e.cameo for e in events).most_common(12)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT)
    parser.add_argument("--n", type=int, default=1000, help="first N records (default 1000)")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--db", type=Path, default=None, help="keep the database here")
    parser.add_argument("--reuse", action="store_true", help="measure an existing --db without ingesting")
    parser.add_argument("--list", type=int, default=20, help="out-of-window events to list")
    parser.add_argument("--sample", type=int, default=30, help="inferred-country actors to sample (default 30)")
    parser.add_argument("--seed", type=int, default=11, help="seed of that sample")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not args.reuse and not args.corpus.is_file():
        print(f"corpus not found: {args.corpus} (needs ../shared/corpora)", file=sys.stderr)
        return 2
    if args.reuse and args.db is None:
        parser.error("--reuse needs --db")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "wikinews.db"
        run = None
        if not args.reuse:
            if db.exists():
                for suffix in ("", "-wal", "-shm"):
                    Path(str(db) + suffix).unlink(missing_ok=True)
            run = ingest(args.corpus, args.n, db, args.workers)
        result = {"corpus": str(args.corpus), "n": args.n, "ingest": run, **measure(db, args.list, args.sample, args.seed)}
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
        return 0
    for key, value in result.items():
        if key == "dated_outside_window_list":
            for row in value:
                print(f"  {row['published']} -> {row['date']} ({row['precision']}, {row['cameo']}, {row['modality']}): {row['sentence']}")
        elif key == "inferred_sample":
            print(f"{key}:")
            for row in value:
                print(f"  {row['side']} {row['text']!r} -> {row['code']} ({row['country_source']}) {row['cameo']}: {row['sentence']}")
        elif isinstance(value, dict):
            print(f"{key}: " + ", ".join(f"{k} {v}" for k, v in value.items()))
        else:
            print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
