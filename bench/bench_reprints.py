"""Precision and recall of reprint (near-duplicate article) detection.

    .venv/bin/python bench/bench_reprints.py [--n 600] [--copies 100] [--seed 14] [--json]

Builds a test set from the shared corpora, deterministically (``--seed``):

* originals: the first ``--n`` articles of 80 words or more from
  ``../shared/corpora/wikinews_politics.jsonl`` and ``bbc_news_2004_2005.jsonl``
  (half from each);
* copies of ``--copies`` originals each, made by a program, of four kinds:
  ``exact`` (the same text under a new id), ``light`` (a new dateline-style opening,
  a credit line at the end, three words changed), ``heavy`` (a fifth of the sentences
  dropped, one word in ten replaced, two sentences swapped) and ``truncated`` (the first
  half of the sentences, as a shortened reprint);
* everything is stored in a shuffled order, each document linked (or not) to an
  earlier one by :class:`eventcoder.store.reprints.ReprintIndex`, as the store does.

A document that is not the first stored of its group should be linked to a member of
its group (a true positive when it is, a false negative when it is not linked, a false
positive when it is linked elsewhere); a link from the first-stored member of a group
or from a document without copies is a false positive.  The report gives precision and
recall by kind of copy and lists the false positives between originals (the corpora have
a few near-identical articles of their own, which such a link finds).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpora"
sys.path.insert(0, str(ROOT / "src"))

from eventcoder.store import reprints  # noqa: E402

_SENT = re.compile(r"(?<=[.!?])\s+")
_FILLER = ["officials", "government", "report", "week", "country", "minister", "people", "city", "plan", "talks",
           "leaders", "police", "election", "party", "council", "state", "group", "court", "law", "budget"]
KINDS = ("exact", "light", "heavy", "truncated")


def _load(path: Path, n: int) -> list[tuple[str, str]]:
    out = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            text = record.get("text") or ""
            if len(text.split()) >= 80:
                out.append((str(record.get("id")), text))
            if len(out) >= n:
                break
    return out


def _light(text: str, rng: random.Random) -> str:
    words = text.split()
    for i in rng.sample(range(len(words)), 3):
        words[i] = rng.choice(_FILLER)
    return f"LONDON (Wire) - {' '.join(words)} (Reporting by Staff; editing by Desk.)"


def _heavy(text: str, rng: random.Random) -> str:
    sentences = [s for s in _SENT.split(text) if s.strip()]
    keep = [s for s in sentences if rng.random() >= 0.2] or sentences[:1]
    if len(keep) > 3:
        i = rng.randrange(len(keep) - 1)
        keep[i], keep[i + 1] = keep[i + 1], keep[i]
    words = " ".join(keep).split()
    for i in range(len(words)):
        if rng.random() < 0.1:
            words[i] = rng.choice(_FILLER)
    return " ".join(words)


def _truncated(text: str, rng: random.Random) -> str:
    sentences = [s for s in _SENT.split(text) if s.strip()]
    return " ".join(sentences[: max(1, len(sentences) // 2)])


def build(n: int, copies: int, seed: int) -> list[tuple[str, str, str, str]]:
    """``(doc_id, group, kind, text)``: originals (kind ``original``) and their copies."""
    rng = random.Random(seed)
    originals = _load(SHARED / "wikinews_politics.jsonl", n // 2) + _load(SHARED / "bbc_news_2004_2005.jsonl", n - n // 2)
    docs = [(doc_id, doc_id, "original", text) for doc_id, text in originals]
    chosen = rng.sample(range(len(originals)), min(len(originals), copies * len(KINDS)))
    for k, kind in enumerate(KINDS):
        for j, index in enumerate(chosen[k * copies : (k + 1) * copies]):
            doc_id, text = originals[index]
            make = {"exact": lambda t, r: t, "light": _light, "heavy": _heavy, "truncated": _truncated}[kind]
            docs.append((f"{kind}-{j}-of-{doc_id}", doc_id, kind, make(text, rng)))
    rng.shuffle(docs)
    return docs


def evaluate(docs: list[tuple[str, str, str, str]]) -> dict:
    index = reprints.ReprintIndex()
    text_of = {d[0]: d[3] for d in docs}
    group_of = {d[0]: d[1] for d in docs}
    kind_of = {d[0]: d[2] for d in docs}
    seen_groups: set[str] = set()
    tally: dict[str, Counter] = {k: Counter() for k in ("all", *KINDS, "original")}
    false_links = []
    started = time.perf_counter()
    for rowid, (doc_id, group, kind, text) in enumerate(docs, start=1):
        sig = reprints.signature(text)
        index.add(doc_id, rowid, sig)
        linked = index.original(doc_id, rowid, sig)
        expected = group in seen_groups
        seen_groups.add(group)
        for bucket in ("all", kind):
            if linked is not None and expected and group_of[linked] == group:
                tally[bucket]["tp"] += 1
            elif linked is not None:
                tally[bucket]["fp"] += 1
                if bucket == "all":
                    false_links.append((doc_id, linked))
            elif expected:
                tally[bucket]["fn"] += 1
    seconds = time.perf_counter() - started
    # a "false" link between texts whose exact shingle sets are near duplicates is a
    # duplicate the corpus itself holds (unlabelled in this set): reported apart
    unlabelled = []
    for doc, linked in false_links:
        a, b = reprints._shingles(text_of[doc]), reprints._shingles(text_of[linked])
        jaccard = len(a & b) / len(a | b)
        containment = len(a & b) / min(len(a), len(b))
        if jaccard >= reprints.JACCARD or containment >= reprints.CONTAINMENT:
            unlabelled.append({"doc": doc, "linked": linked, "jaccard": round(jaccard, 3),
                               "containment": round(containment, 3)})
    c = tally["all"]
    corrected = Counter(tp=c["tp"] + len(unlabelled), fp=c["fp"] - len(unlabelled), fn=c["fn"])

    def scores(c: Counter) -> dict:
        tp, fp, fn = c["tp"], c["fp"], c["fn"]
        return {"tp": tp, "fp": fp, "fn": fn,
                "precision": round(tp / (tp + fp), 4) if tp + fp else None,
                "recall": round(tp / (tp + fn), 4) if tp + fn else None}

    return {
        "documents": len(docs),
        "copies": Counter(kind_of.values()),
        "settings": {"shingle_words": reprints.SHINGLE, "num_perm": reprints.NUM_PERM, "jaccard": reprints.JACCARD,
                     "containment": reprints.CONTAINMENT, "lsh_threshold": reprints.LSH_THRESHOLD},
        "scores": {k: scores(v) for k, v in tally.items()},
        "all_counting_corpus_duplicates_as_found": scores(corrected),
        "false_links": false_links[:20],
        "corpus_duplicates": unlabelled,
        "seconds": round(seconds, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=600, help="originals (half Wikinews politics, half BBC)")
    parser.add_argument("--copies", type=int, default=100, help="copies of each kind")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if not SHARED.is_dir():
        print(f"the shared corpora are not at {SHARED}", file=sys.stderr)
        return 2
    report = evaluate(build(args.n, args.copies, args.seed))
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"{report['documents']} documents ({dict(report['copies'])}); settings {report['settings']}; "
          f"{report['seconds']} s")
    print(f"{'kind':<10} {'TP':>5} {'FP':>5} {'FN':>5} {'precision':>10} {'recall':>8}")
    for kind, s in report["scores"].items():
        print(f"{kind:<10} {s['tp']:>5} {s['fp']:>5} {s['fn']:>5} {s['precision'] if s['precision'] is not None else '-':>10} "
              f"{s['recall'] if s['recall'] is not None else '-':>8}")
    s = report["all_counting_corpus_duplicates_as_found"]
    print(f"{'all*':<10} {s['tp']:>5} {s['fp']:>5} {s['fn']:>5} {s['precision']:>10} {s['recall']:>8}   "
          "(* links between texts that are near duplicates in the corpus itself counted as found)")
    for doc, linked in report["false_links"]:
        dup = next((d for d in report["corpus_duplicates"] if d["doc"] == doc and d["linked"] == linked), None)
        note = f"  (corpus near-duplicate: Jaccard {dup['jaccard']}, containment {dup['containment']})" if dup else ""
        print(f"false link: {doc} -> {linked}{note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
