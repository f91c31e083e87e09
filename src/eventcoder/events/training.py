"""Fitting the linear event scorer: multinomial logistic regression in NumPy.

Used by ``tools/train_scorer.py`` and ``bench/bench_scorer.py``; nothing here runs when
the coder codes.  Deterministic: weights start at zero, the optimiser (full-batch Adam
for a fixed number of steps) draws no random numbers, and folds come from a hash of
the item id.

Labels are *sets* of acceptable classes (partial labels): a PLV relation typed
``ASSAULT`` accepts the roots 18, 19 and 20, a PLOVER record the one root it names, a
candidate that matches no gold event accepts only :data:`~eventcoder.events.scorer.NONE`.
The loss is ``-log(sum of the probabilities of the acceptable classes)`` plus an L2
penalty.

Calibration: a softmax temperature fitted on out-of-fold logits (inner folds of the
training data), then the fill threshold is read off the reliability of those
out-of-fold predictions (:func:`choose_threshold`).
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .scorer import LABELS, NONE, SCORER_RULE, LinearScorer, softmax

__all__ = [
    "Example",
    "FitConfig",
    "fold_of",
    "fit",
    "fit_calibrated",
    "out_of_fold_logits",
    "fit_temperature",
    "reliability",
    "choose_threshold",
    "partial_nll",
]


@dataclass(frozen=True, slots=True)
class Example:
    """One training candidate: features, acceptable labels, where it comes from."""

    indices: np.ndarray  # hashed indicator indices
    dense: np.ndarray  # dense vector
    labels: frozenset[str]  # acceptable labels (subset of LABELS)
    group: str  # "set:item id" (folds never split an item)
    kind: str = "fill"  # "fill" | "rerank" | "lexicon" (one pattern coded it) | "weak" (corpus)
    codes: tuple[str, ...] = ()  # the lexicon's candidate codes (rerank)
    weight: float = 1.0
    dyad: bool = True  # the label compared the actors (False: a type-only gold set, CASE 2021)


@dataclass(frozen=True, slots=True)
class FitConfig:
    """Hyper-parameters chosen by cross-validation (``tools/train_scorer.py``)."""

    l2: float = 1e-3  # penalty per example on the squared weights
    steps: int = 150
    learning_rate: float = 0.1
    dense: bool = True  # use the parser's token vectors
    hash_bits: int = 16
    embedder: str = ""  # sentence embeddings in the examples' dense part ("" none, "minilm-l6-int8")
    tensor_width: int = 96
    extra: dict[str, Any] = field(default_factory=dict)


def fold_of(group: str, k: int) -> int:
    """The fold of an item: a stable hash of its id."""
    return zlib.crc32(group.encode("utf-8")) % k


def _matrices(examples: Sequence[Example], config: FitConfig) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    lengths = np.array([len(e.indices) for e in examples], dtype=np.int64)
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    indices = np.concatenate([e.indices for e in examples]).astype(np.int64)
    dense = np.stack([e.dense for e in examples]).astype(np.float64)
    if not config.dense:  # without the parser's token vectors (an embedding part stays)
        dense[:, : 2 * config.tensor_width] = 0.0
    mask = np.array([[lab in e.labels for lab in LABELS] for e in examples], dtype=bool)
    return indptr, indices, dense, mask


def fit(examples: Sequence[Example], config: FitConfig = FitConfig()) -> LinearScorer:
    """Fit the weights (temperature 1, threshold 0.5) on ``examples``."""
    if not examples:
        raise ValueError("no training examples")
    n_hash = 1 << config.hash_bits
    indptr, indices, dense, mask = _matrices(examples, config)
    mean = dense.mean(axis=0)
    std = dense.std(axis=0) + 1e-6
    z = (dense - mean) / std
    n, c = len(examples), len(LABELS)
    w = np.array([e.weight for e in examples], dtype=np.float64)
    w = w / w.sum()
    rows = np.repeat(np.arange(n), np.diff(indptr))
    used, inverse = np.unique(indices, return_inverse=True)  # compact the hash space
    ws = np.zeros((len(used), c))
    wd = np.zeros((z.shape[1], c))
    b = np.zeros(c)
    params = [ws, wd, b]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    beta1, beta2, eps = 0.9, 0.999, 1e-8
    for step in range(1, config.steps + 1):
        logits = np.add.reduceat(ws[inverse], indptr[:-1], axis=0) + z @ wd + b
        p = softmax(logits)
        q = np.where(mask, p, 0.0)
        q /= q.sum(axis=1, keepdims=True) + 1e-300
        delta = (p - q) * w[:, None]  # d loss / d logits
        gs = np.stack([np.bincount(inverse, weights=delta[rows, j], minlength=len(used)) for j in range(c)], axis=1)
        grads = [gs + config.l2 * ws, z.T @ delta + config.l2 * wd, delta.sum(axis=0)]
        lr = config.learning_rate / math.sqrt(1 + step / 50)
        for i, (param, grad) in enumerate(zip(params, grads, strict=True)):
            m[i] = beta1 * m[i] + (1 - beta1) * grad
            v[i] = beta2 * v[i] + (1 - beta2) * grad * grad
            mhat = m[i] / (1 - beta1**step)
            vhat = v[i] / (1 - beta2**step)
            param -= lr * mhat / (np.sqrt(vhat) + eps)
    weights = np.zeros((n_hash + z.shape[1], c), dtype=np.float32)
    weights[used] = ws
    weights[n_hash:] = wd
    return LinearScorer(
        labels=LABELS,
        weights=weights,
        bias=b.astype(np.float32),
        dense_mean=mean.astype(np.float32),
        dense_std=std.astype(np.float32),
        hash_bits=config.hash_bits,
        rule=SCORER_RULE,
        tensor_width=config.tensor_width,
        embedder_name=config.embedder,
    )


def _logits(model: LinearScorer, examples: Sequence[Example]) -> np.ndarray:
    return model.logits([(e.indices, e.dense) for e in examples])


def out_of_fold_logits(examples: Sequence[Example], config: FitConfig, k: int) -> np.ndarray:
    """Logits of every example from a model fitted on the other ``k - 1`` folds."""
    folds = np.array([fold_of(e.group, k) for e in examples])
    out = np.zeros((len(examples), len(LABELS)))
    for f in range(k):
        train = [e for e, g in zip(examples, folds, strict=True) if g != f]
        test = np.flatnonzero(folds == f)
        if not len(test) or not train:
            continue
        out[test] = _logits(fit(train, config), [examples[i] for i in test])
    return out


def partial_nll(logits: np.ndarray, examples: Sequence[Example], temperature: float = 1.0) -> float:
    """Mean negative log-probability of the acceptable labels."""
    p = softmax(logits / temperature)
    mask = np.array([[lab in e.labels for lab in LABELS] for e in examples], dtype=bool)
    return float(-np.log(np.where(mask, p, 0.0).sum(axis=1) + 1e-12).mean())


def fit_temperature(logits: np.ndarray, examples: Sequence[Example]) -> float:
    """The softmax temperature that minimises the held-out NLL (golden-section search
    on log T in [-2, 2])."""
    lo, hi = -2.0, 2.0
    g = (math.sqrt(5) - 1) / 2
    a, b = hi - g * (hi - lo), lo + g * (hi - lo)
    fa, fb = partial_nll(logits, examples, math.exp(a)), partial_nll(logits, examples, math.exp(b))
    for _ in range(40):
        if fa < fb:
            hi, b, fb = b, a, fa
            a = hi - g * (hi - lo)
            fa = partial_nll(logits, examples, math.exp(a))
        else:
            lo, a, fa = a, b, fb
            b = lo + g * (hi - lo)
            fb = partial_nll(logits, examples, math.exp(b))
    return round(math.exp((lo + hi) / 2), 4)


def fill_predictions(probs: np.ndarray, examples: Sequence[Example]) -> list[tuple[float, bool]]:
    """For fill candidates whose label compared the actors: (probability of the best
    root, whether that root is acceptable)."""
    roots = [i for i, lab in enumerate(LABELS) if lab != NONE]
    out = []
    for row, e in zip(probs, examples, strict=True):
        if e.kind != "fill" or not e.dyad:
            continue
        j = max(roots, key=lambda i: row[i])
        out.append((float(row[j]), LABELS[j] in e.labels))
    return out


def reliability(pairs: Sequence[tuple[float, bool]], bins: int = 10) -> list[tuple[float, float, float, int]]:
    """(bin low, mean confidence, share correct, count) per confidence bin."""
    out = []
    for i in range(bins):
        lo, hi = i / bins, (i + 1) / bins
        inside = [(p, ok) for p, ok in pairs if lo <= p < hi or (i == bins - 1 and p == 1.0)]
        if inside:
            out.append((lo, sum(p for p, _ in inside) / len(inside), sum(ok for _, ok in inside) / len(inside), len(inside)))
        else:
            out.append((lo, float("nan"), float("nan"), 0))
    return out


def choose_threshold(pairs: Sequence[tuple[float, bool]], precision: float = 0.5, minimum: float = 0.3) -> float:
    """The lowest confidence (at least ``minimum``, on a 0.05 grid) from which the fills
    are right at least ``precision`` of the time, out of fold; 1.0 when none is."""
    for step in range(int(minimum * 20), 21):
        t = step / 20
        kept = [ok for p, ok in pairs if p >= t]
        if kept and sum(kept) / len(kept) >= precision:
            return t
    return 1.0


def fit_calibrated(examples: Sequence[Example], config: FitConfig = FitConfig(), *, k: int = 3,
                   precision: float = 0.5, meta: dict[str, Any] | None = None) -> tuple[LinearScorer, dict[str, Any]]:
    """Fit on every example, with the temperature and fill threshold from ``k``-fold
    out-of-fold predictions on the same examples; returns the model and the numbers."""
    from dataclasses import replace

    oof = out_of_fold_logits(examples, config, k)
    # calibrated on the examples whose labels compared the actors (not weak or type-only ones)
    scored = [i for i, e in enumerate(examples) if e.dyad] or list(range(len(examples)))
    temperature = fit_temperature(oof[scored], [examples[i] for i in scored])
    pairs = fill_predictions(softmax(oof / temperature), examples)
    threshold = choose_threshold(pairs, precision)
    model = fit(examples, config)
    info = {
        "temperature": temperature,
        "threshold": threshold,
        "oof_nll": round(partial_nll(oof[scored], [examples[i] for i in scored], temperature), 4),
        "n_examples": len(examples),
        "n_fill": len(pairs),
    }
    model = replace(model, temperature=temperature, threshold=threshold, meta={**(meta or {}), **info})
    return model, {**info, "oof_fill": pairs}
