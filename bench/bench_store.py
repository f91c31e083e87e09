"""Store benchmark: a synthetic 1,000,000-event database and the queries the web UI makes.

    .venv/bin/python bench/bench_store.py [--events 1000000] [--db /tmp/bench_store.db] [--keep]

Generates documents and event mentions directly with ``executemany`` (no coder), builds
the roll-up and summary tables with ``Store.rebuild_summaries()``, then times each query
(best of 5 runs, warm cache).  Targets (issue 6): dyad timeline by month <= 50 ms, top 20
dyads <= 300 ms, a filtered query returning 1,000 events <= 100 ms.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from eventcoder.store import EventFilter, Store
from eventcoder.store.db import _MENTION_COLUMNS

COUNTRIES = ["USA", "CHN", "RUS", "UKR", "ISR", "PSE", "IRN", "IND", "PAK", "JPN", "KOR", "PRK", "GBR", "FRA",
             "DEU", "TUR", "SYR", "IRQ", "AFG", "EGY", "SAU", "NGA", "ZAF", "BRA", "MEX", "VEN", "KHM", "MMR",
             "PHL", "IDN", "AUS", "CAN", "ITA", "ESP", "POL", "SDN", "ETH", "KEN", "LBN", "YEM"]
ROLES = ["", "GOV", "MIL", "COP", "OPP", "REB", "LEG", "JUD", "BUS", "MED", "CVL"]
CAMEO = [("010", 1, 0.0), ("020", 1, 3.0), ("036", 1, 4.0), ("040", 1, 1.0), ("042", 1, 1.9), ("043", 1, 2.8),
         ("057", 1, 8.0), ("061", 2, 6.4), ("070", 2, 7.0), ("111", 3, -2.0), ("112", 3, -2.0),
         ("120", 3, -4.0), ("130", 3, -4.4), ("141", 4, -6.5), ("163", 4, -8.0), ("173", 4, -5.0),
         ("190", 4, -10.0), ("193", 4, -10.0), ("1823", 4, -10.0)]
PUBLISHERS = [f"paper{i}" for i in range(50)]


def _zipf_weights(n: int) -> list[float]:
    # a few actors dominate, as in real news: Zipf (s = 1) over the actor codes
    total, out = 0.0, []
    for rank in range(n):
        total += 1.0 / (rank + 1)
        out.append(total)
    return out


def generate(path: Path, n_events: int, per_doc: int = 10, seed: int = 7) -> float:
    rng = random.Random(seed)
    codes = [c + r for c in COUNTRIES for r in ROLES]
    rng.shuffle(codes)
    actor_json = {c: json.dumps({"text": c.lower(), "code": c, "country": c[:3], "role": c[3:] or None,
                                 "name": None, "kind": "state"}) for c in codes}
    cum = _zipf_weights(len(codes))
    started = time.perf_counter()
    with Store(path) as store:
        conn = store.conn
        conn.execute("PRAGMA synchronous = OFF")
        n_docs = (n_events + per_doc - 1) // per_doc
        conn.execute("BEGIN")
        conn.executemany(
            "INSERT INTO documents (doc_id, content_hash, status, publisher, published, n_events, coded_at) "
            "VALUES (?, ?, 'coded', ?, ?, ?, '2024-01-01T00:00:00Z')",
            ((f"d{i:07d}", f"h{i}", PUBLISHERS[i % len(PUBLISHERS)], "2020-01-01", per_doc) for i in range(n_docs)),
        )
        marks = ", ".join("?" * 31)

        def rows():
            for i in range(n_events):
                doc = f"d{i // per_doc:07d}"
                src, tgt = rng.choices(codes, cum_weights=cum, k=2)
                code, quad, gold = CAMEO[rng.randrange(len(CAMEO))]
                day = 18262 + rng.randrange(5 * 365)  # 2020-01-01 + up to five years
                date = time.strftime("%Y-%m-%d", time.gmtime(day * 86400))
                evidence = json.dumps({"verb": "met", "verb_span": [0, 3], "source_span": None, "target_span": None, "rule": "v1"})
                yield (f"e{i:010d}", doc, i % per_doc, i % 30, f"Synthetic sentence {i} about {src} and {tgt}.",
                       0, 40, date, "day", date[:7], src, tgt, actor_json[src], actor_json[tgt], code, code[:2],
                       quad, gold, "CONSULT", None, int(rng.random() < 0.03), "asserted", None, evidence,
                       "bench", PUBLISHERS[(i // per_doc) % len(PUBLISHERS)], None, 0, date, src, tgt)

        conn.executemany(f"INSERT INTO mentions ({_MENTION_COLUMNS}) VALUES ({marks})", rows())
        conn.execute("COMMIT")
        store.rebuild_summaries()
        conn.execute("ANALYZE")
    return time.perf_counter() - started


def timed(label: str, func, runs: int = 5) -> tuple[str, float, int]:
    best = float("inf")
    result = None
    for _ in range(runs):
        t = time.perf_counter()
        result = func()
        best = min(best, time.perf_counter() - t)
    size = len(result) if hasattr(result, "__len__") else int(result)
    return label, best * 1000, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, default=Path("/tmp/bench_store.db"))
    parser.add_argument("--keep", action="store_true", help="reuse an existing --db")
    args = parser.parse_args()
    if not (args.keep and args.db.exists()):
        for suffix in ("", "-wal", "-shm"):
            Path(str(args.db) + suffix).unlink(missing_ok=True)
        seconds = generate(args.db, args.events)
        print(f"generated {args.events:,} events in {seconds:.1f} s ({args.db.stat().st_size / 1e6:.0f} MB)")
    with Store(args.db, readonly=True) as store:
        top = store.top_dyads(1)[0].key
        stats = store.stats()
        print(f"{stats['mentions']:,} mentions, {stats['events']:,} rolled-up events, "
              f"{store.conn.execute('SELECT count(*) FROM dyad_month').fetchone()[0]:,} dyad_month rows, "
              f"{store.conn.execute('SELECT count(*) FROM event_month').fetchone()[0]:,} event_month rows; "
              f"busiest dyad {top[0]} -> {top[1]}")
        a, b = top[0][:3], top[1][:3]
        checks = [
            timed(f"dyad timeline by month ({a},{b}, either way)", lambda: store.dyad_timeline(a, b)),
            timed("top 20 dyads overall", lambda: store.top_dyads(20)),
            timed(f"page of 50 events for dyad {top[0]},{top[1]}",
                  lambda: store.events(EventFilter(dyad=top, limit=50))),
            timed(f"1,000 events: source {a}, QuadClass 4, 2022",
                  lambda: store.events(EventFilter(source=a, quad_class=4, since="2022", until="2022", limit=1000))),
            timed("count by month, all events", lambda: store.count_by("month")),
            timed(f"count by month, source {a}, CAMEO 19 (raw mentions)",
                  lambda: store.count_by("month", EventFilter(source=a, cameo="19"))),
            timed("count by CAMEO root, all events (raw mentions)", lambda: store.count_by("root")),
            timed("text search 'sentence 4242 '", lambda: store.events(EventFilter(text="sentence 4242 ", limit=20)), runs=2),
            # the same counts over mentions (unit="mentions"), as before issue 14
            timed(f"mentions: dyad timeline by month ({a},{b})", lambda: store.dyad_timeline(a, b, unit="mentions")),
            timed("mentions: top 20 dyads overall", lambda: store.top_dyads(20, unit="mentions")),
            timed("mentions: count by month, all", lambda: store.count_by("month", unit="mentions")),
            timed(f"mentions: count by month, source {a}, CAMEO 19",
                  lambda: store.count_by("month", EventFilter(source=a, cameo="19"), unit="mentions")),
            timed("mentions: count by CAMEO root, all", lambda: store.count_by("root", unit="mentions")),
            timed(f"events: a page of 50 for dyad {top[0]},{top[1]}",
                  lambda: list(store.rollup(EventFilter(dyad=top, limit=50)))),
        ]
    width = max(len(c[0]) for c in checks)
    for label, ms, size in checks:
        print(f"{label:<{width}}  {ms:8.1f} ms  ({size} rows)")


if __name__ == "__main__":
    main()
