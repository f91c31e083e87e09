"""Coder overhead over the bare spaCy parse, side by side in one process.

    python bench/bench_coder.py [--n 500] [--repeats 3] [--corpus PATH] [--scorer-model PATH]

Runs bare ``nlp.pipe``, the full coder (``code_batch``: parse + actors + events +
dates + places) and the coder without places over the first N articles of ``../shared/corpora/wikinews_politics.jsonl``,
alternating the two ``--repeats`` times, and reports the median throughput of each
(words/s, articles/s), the overhead ratio, what geocoding adds to the coding time
(issue 8: at most 5%) and peak RSS.  With ``--scorer-model`` it also runs the coder with
the learned scorer (``--rerank --fill``, docs/scorer.md) in the same loop and reports its
cost over the plain coder (issue 16: at most 25%).  The machine is noisy: quote
the ratio of medians.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT.parent / "shared" / "corpora" / "wikinews_politics.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=500)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--corpus", type=Path, default=DEFAULT)
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--json", action="store_true", help="print the result as JSON")
    ap.add_argument("--scorer-model", type=Path, default=None, help="also time the coder with the learned scorer")
    args = ap.parse_args()
    if not args.corpus.exists():
        print(f"corpus not found: {args.corpus} (needs ../shared)", file=sys.stderr)
        return 1

    from eventcoder.model import Article, make_doc_id
    from eventcoder.pipeline import code_batch, load_resources

    rows = []
    with args.corpus.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("text"):
                rows.append(rec)
            if len(rows) >= args.n:
                break
    articles = [
        Article(doc_id=str(r.get("id") or make_doc_id(r["text"])), text=r["text"], published=(r.get("date") or "")[:10] or None)
        for r in rows
    ]
    words = sum(len(a.text.split()) for a in articles)
    t0 = time.perf_counter()
    res = load_resources()
    load_s = time.perf_counter() - t0

    # Wall time and this process's CPU time: on a shared machine the CPU time is the
    # steadier measure of the same work, so the overhead is quoted on both.
    from dataclasses import replace as _replace

    no_places = _replace(res, gazetteer=None)
    bare, full, bare_cpu, full_cpu, n_events = [], [], [], [], 0
    noplace_cpu: list[float] = []
    scored_cpu: list[float] = []
    scored_events = 0
    learned = None
    if args.scorer_model is not None:
        from eventcoder.events.scorer import load_scorer

        learned = _replace(res, scorer=load_scorer(args.scorer_model),
                           settings=_replace(res.settings, rerank=True, fill=True))
    for _ in range(args.repeats):
        if learned is not None:
            c0 = time.process_time()
            scored_events = sum(len(c.events) for c in code_batch(articles, learned, batch_size=args.batch_size))
            scored_cpu.append(time.process_time() - c0)
        c0 = time.process_time()
        for _coded in code_batch(articles, no_places, batch_size=args.batch_size):
            pass
        noplace_cpu.append(time.process_time() - c0)
        t0, c0 = time.perf_counter(), time.process_time()
        for _doc in res.nlp.pipe((a.text for a in articles), batch_size=args.batch_size):
            pass
        bare.append(time.perf_counter() - t0)
        bare_cpu.append(time.process_time() - c0)
        t0, c0 = time.perf_counter(), time.process_time()
        n_events = sum(len(c.events) for c in code_batch(articles, res, batch_size=args.batch_size))
        full.append(time.perf_counter() - t0)
        full_cpu.append(time.process_time() - c0)

    b, f = statistics.median(bare), statistics.median(full)
    bc, fc = statistics.median(bare_cpu), statistics.median(full_cpu)
    result = {
        "articles": len(articles),
        "words": words,
        "events": n_events,
        "resources_load_s": round(load_s, 2),
        "bare_s_median": round(b, 2),
        "coder_s_median": round(f, 2),
        "bare_words_per_s": round(words / b),
        "coder_words_per_s": round(words / f),
        "bare_articles_per_s": round(len(articles) / b, 1),
        "coder_articles_per_s": round(len(articles) / f, 1),
        "overhead": round(f / b - 1, 3),
        "bare_cpu_s_median": round(bc, 2),
        "coder_cpu_s_median": round(fc, 2),
        "overhead_cpu": round(fc / bc - 1, 3),
        "coder_without_places_cpu_s_median": round(statistics.median(noplace_cpu), 2),
        "places_share_of_coding_cpu": round(fc / statistics.median(noplace_cpu) - 1, 3),
        "runs_bare_s": [round(x, 2) for x in bare],
        "runs_coder_s": [round(x, 2) for x in full],
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
    }
    if scored_cpu:
        sc = statistics.median(scored_cpu)
        result["coder_with_scorer_cpu_s_median"] = round(sc, 2)
        result["scorer_share_of_coding_cpu"] = round(sc / fc - 1, 3)
        result["events_with_scorer"] = scored_events
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, value in result.items():
            print(f"{key:24} {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
