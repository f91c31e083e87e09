"""The learned event scorer, out of fold: the coder with and without it, in one run.

    python bench/bench_scorer.py [--k 5] [--train-sets plover,conflibert,case2021,plv]
                                 [--eval-sets plover,conflibert,plv,case2021]
                                 [--plot docs/scorer-calibration.png] [--json FILE]

Parses every gold set once, codes it without the scorer (the baseline), collects the
candidates the coder's hooks find (``evaluate/scorer_data.py``), then for each of ``k``
folds (a stable hash of the item id) fits the scorer on the *other* folds' candidates of
the training sets -- temperature and fill threshold from inner folds of that training
data only -- and codes the fold's items of every set with it: rerank alone, fill alone,
both.  No item is ever coded by a model that saw it.  Prints P/R/F1 per set and level
for the four runs, the fill threshold of each fold, and, with ``--plot``, draws the
reliability diagram of the out-of-fold fill probabilities (needs matplotlib:
``pip install -e '.[plots]'``).  Needs ``../shared/gold``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent

LEVELS = {"plover": ("root",), "conflibert": ("root",), "case2021": ("type",), "plv": ("dyadtype", "dyadic")}
RUNS = ("without", "rerank", "fill", "both")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--train-sets", default="plover,conflibert,case2021,plv")
    ap.add_argument("--eval-sets", default="plover,conflibert,case2021,plv")
    ap.add_argument("--precision", type=float, default=0.5, help="out-of-fold fill precision the threshold must reach")
    ap.add_argument("--threshold", type=float, default=None, help="fixed fill threshold instead of the calibrated one")
    ap.add_argument("--l2", type=float, default=None)
    ap.add_argument("--steps", type=int, default=None)
    ap.add_argument("--no-dense", action="store_true", help="no parser token vectors")
    ap.add_argument("--embedder", default=None, help="add sentence embeddings: minilm-l6-int8 (the learned extra)")
    ap.add_argument("--weak", type=int, default=0,
                    help="add weak labels from the first N articles of --weak-corpus (the lexicon's own events)")
    ap.add_argument("--weak-corpus", type=Path, default=ROOT.parent / "shared" / "corpora" / "wikinews_politics.jsonl")
    ap.add_argument("--weak-weight", type=float, default=0.3)
    ap.add_argument("--plot", type=Path, default=None, help="write the reliability diagram (PNG) here")
    ap.add_argument("--json", type=Path, default=None, help="write the numbers as JSON here")
    args = ap.parse_args()

    from eventcoder.errors import ResourceNotFound
    from eventcoder.evaluate import load_gold, score_gold
    from eventcoder.evaluate.scorer_data import code_parsed, collect_examples, parse_set
    from eventcoder.events.scorer import softmax
    from eventcoder.events.training import FitConfig, fill_predictions, fit_calibrated, fold_of
    from eventcoder.pipeline import load_resources

    sys.path.insert(0, str(ROOT / "tools"))
    from train_scorer import DEFAULT_CONFIG

    train_sets = [s for s in args.train_sets.split(",") if s]
    eval_sets = [s for s in args.eval_sets.split(",") if s]
    try:
        golds = {name: load_gold(name) for name in dict.fromkeys(train_sets + eval_sets)}
    except ResourceNotFound as err:
        print(f"bench_scorer: {err}", file=sys.stderr)
        return 1
    config = DEFAULT_CONFIG
    if args.l2 is not None:
        config = replace(config, l2=args.l2)
    if args.steps is not None:
        config = replace(config, steps=args.steps)
    if args.no_dense:
        config = replace(config, dense=False)
    if args.embedder is not None:
        config = replace(config, embedder=args.embedder)
    embedder = None
    if config.embedder:
        from eventcoder.events.embedding import load_embedder

        embedder = load_embedder(config.embedder)

    t0 = time.perf_counter()
    res = load_resources()
    parsed = {name: parse_set(gold, res.nlp) for name, gold in golds.items()}
    coded = {run: {name: {} for name in eval_sets} for run in RUNS}
    for name in eval_sets:
        coded["without"][name] = code_parsed(parsed[name], res)
    examples = {name: collect_examples(parsed[name], res, hash_bits=config.hash_bits, embedder=embedder)
                for name in train_sets}
    weak = []
    if args.weak:
        from train_scorer import read_corpus

        from eventcoder.evaluate.scorer_data import collect_weak_examples

        weak = collect_weak_examples(read_corpus(args.weak_corpus, args.weak), res, hash_bits=config.hash_bits,
                                     weight=args.weak_weight, embedder=embedder)
    settings = {
        "rerank": replace(res.settings, rerank=True),
        "fill": replace(res.settings, fill=True, fill_threshold=args.threshold),
        "both": replace(res.settings, rerank=True, fill=True, fill_threshold=args.threshold),
    }
    folds_info = []
    oof_pairs: list[tuple[float, bool, str]] = []
    for fold in range(args.k):
        train = [e for name in train_sets for e in examples[name] if fold_of(e.group, args.k) != fold] + weak
        model, info = fit_calibrated(train, config, k=3, precision=args.precision)
        model = replace(model, embedder=embedder)
        held = [e for name in train_sets for e in examples[name] if fold_of(e.group, args.k) == fold]
        if held:
            probs = softmax(model.logits([(e.indices, e.dense) for e in held]) / model.temperature)
            fills = [e for e in held if e.kind == "fill" and e.dyad]
            pairs = fill_predictions(probs, held)
            oof_pairs += [(p, ok, e.group.split(":")[0]) for (p, ok), e in zip(pairs, fills, strict=True)]
        folds_info.append({"fold": fold, "train_examples": len(train), "temperature": model.temperature,
                           "threshold": model.threshold, "inner_oof_nll": info["oof_nll"]})
        for name in eval_sets:
            items = [i for i, a in enumerate(parsed[name].articles) if fold_of(f"{name}:{a.doc_id}", args.k) == fold]
            for run, s in settings.items():
                coded[run][name].update(code_parsed(parsed[name], replace(res, settings=s, scorer=model), items=items))
    elapsed = time.perf_counter() - t0

    table = []
    for name in eval_sets:
        gold = golds[name]
        for run in RUNS:
            report = score_gold(gold, coded[run][name], levels=LEVELS.get(name), errors=False)
            for level, score in report.levels.items():
                c = score.counts
                table.append({"set": name, "level": level, "run": run, "p": c.precision, "r": c.recall,
                              "f1": c.f1, "tp": c.tp, "fp": c.fp, "fn": c.fn})
    changed = _changes(coded, eval_sets)
    result = {
        "k": args.k, "train_sets": train_sets, "eval_sets": eval_sets, "config": {
            "l2": config.l2, "steps": config.steps, "dense": config.dense, "hash_bits": config.hash_bits,
            "embedder": config.embedder},
        "examples": {**{name: _counts(ex) for name, ex in examples.items()}, **({"weak": {"weak:event": len(weak)}} if weak else {})},
        "folds": folds_info, "table": table, "events_changed": changed, "seconds": round(elapsed, 1),
        "oof_fill": [(round(p, 4), ok, s) for p, ok, s in oof_pairs],
    }
    _print(result)
    if args.json:
        args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    if args.plot:
        _plot(oof_pairs, folds_info, args.plot, train_sets)
    return 0


def _counts(examples: list) -> dict[str, int]:
    out: dict[str, int] = {}
    for e in examples:
        key = f"{e.kind}:{'none' if e.labels == frozenset({'--'}) else 'event'}"
        out[key] = out.get(key, 0) + 1
    return out


def _changes(coded: dict, sets: list[str]) -> dict[str, dict[str, int]]:
    """Events the scorer touched: rules starting with m.scorer (reranked or filled)."""
    out = {}
    for run in RUNS[1:]:
        counts = {"reranked": 0, "filled": 0}
        for name in sets:
            for events in coded[run][name].values():
                for e in events:
                    rule = e.evidence.rule if e.evidence else ""
                    if rule.startswith("m.scorer") and ":" in rule:
                        counts["reranked"] += 1
                    elif rule.startswith("m.scorer"):
                        counts["filled"] += 1
        out[run] = counts
    return out


def _print(result: dict) -> None:
    print(f"k={result['k']} folds; trained on {','.join(result['train_sets'])}; config {result['config']}; {result['seconds']} s")
    for name, counts in result["examples"].items():
        print(f"  candidates {name:<11} {counts}")
    for f in result["folds"]:
        print(f"  fold {f['fold']}: {f['train_examples']} training candidates, T={f['temperature']}, "
              f"fill threshold {f['threshold']}, inner out-of-fold NLL {f['inner_oof_nll']}")
    print(f"  events touched: {result['events_changed']}")
    print()
    print(f"{'set':<11} {'level':<9} {'run':<8} {'P':>6} {'R':>6} {'F1':>6} {'dF1':>7} {'TP':>5} {'FP':>5} {'FN':>5}")
    base = {(r["set"], r["level"]): r["f1"] for r in result["table"] if r["run"] == "without"}
    for r in result["table"]:
        d = r["f1"] - base[(r["set"], r["level"])]
        print(f"{r['set']:<11} {r['level']:<9} {r['run']:<8} {r['p']:6.3f} {r['r']:6.3f} {r['f1']:6.3f} {d:+7.3f} "
              f"{r['tp']:5d} {r['fp']:5d} {r['fn']:5d}")
    pairs = result["oof_fill"]
    if pairs:
        print()
        print("out-of-fold fill candidates: confidence bin -> share right (count)")
        from eventcoder.events.training import reliability

        for lo, conf, acc, n in reliability([(p, ok) for p, ok, _ in pairs]):
            if n:
                print(f"  [{lo:.1f}, {lo + 0.1:.1f})  mean conf {conf:.2f}  right {acc:.2f}  ({n})")


def _plot(pairs: list, folds: list, path: Path, train_sets: list[str]) -> None:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("bench_scorer: --plot needs matplotlib: pip install -e '.[plots]'", file=sys.stderr)
        return
    from eventcoder.events.training import reliability

    fig, (ax, hx) = plt.subplots(2, 1, figsize=(5.5, 6.5), gridspec_kw={"height_ratios": [3, 1]}, sharex=True)
    ax.plot([0, 1], [0, 1], ls="--", color="grey", lw=1, label="perfect calibration")
    for label, subset in (("all sets", pairs), ("PLV", [p for p in pairs if p[2] == "plv"])):
        bins = [b for b in reliability([(p, ok) for p, ok, _ in subset]) if b[3]]
        if bins:
            ax.plot([b[1] for b in bins], [b[2] for b in bins], marker="o", label=f"{label} ({len(subset)} candidates)")
    thresholds = sorted({f["threshold"] for f in folds})
    for t in thresholds:
        ax.axvline(t, color="tab:red", lw=1, alpha=0.6)
    ax.axhline(0.5, color="tab:red", lw=0.8, ls=":")
    ax.set_ylabel("share of fills right (dyad + root)")
    ax.set_title(f"Fill candidates out of fold (trained on {', '.join(train_sets)})", fontsize=9)
    ax.text(thresholds[0] + 0.01 if thresholds else 0.5, 0.05,
            "threshold " + ", ".join(f"{t:.2f}" for t in thresholds), color="tab:red", fontsize=8)
    ax.legend(fontsize=8, loc="upper left")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    hx.hist([p for p, _, _ in pairs], bins=np.linspace(0, 1, 11), color="tab:blue", alpha=0.7)
    hx.set_xlabel("calibrated probability of the best root")
    hx.set_ylabel("candidates")
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    print(f"bench_scorer: reliability diagram written to {path}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
