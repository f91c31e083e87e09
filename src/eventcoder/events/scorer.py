"""A learned event scorer beside the lexicon (issue 16; ``docs/scorer.md``).

For a candidate event the grammar found -- a verb (or event word) with a resolved
source and target -- an :class:`EventScorer` gives a probability to every CAMEO root
and to "no event" (:data:`NONE`).  The coder uses it two ways, each behind an option of
:class:`~eventcoder.events.settings.CodingSettings`:

* **rerank** -- several lexicon patterns with different roots fit one verb: the code
  whose root the scorer rates highest wins (:func:`choose_code`);
* **fill** -- no pattern fits a verb whose source and target resolved: the scorer's best
  root is coded when its calibrated probability reaches the threshold
  (:func:`fill_code`).

Scorers are swappable (a ``Protocol``), loaded once by ``load_resources`` and passed in;
the shipped backend is :class:`LinearScorer`: a multinomial logistic regression over
features of the spaCy parse (``events/features.py``), weights in a ``.npz`` file that
``tools/train_scorer.py`` builds from the development gold sets.  No weights are in the
package: the coder works without them, and asking for ``rerank``/``fill`` without a model
file says how to build one.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from ..errors import ConfigError, ResourceNotFound
from ..model import Actor

__all__ = [
    "SCORER_RULE",
    "NONE",
    "ROOTS",
    "LABELS",
    "MODEL_FILE",
    "Candidate",
    "Scores",
    "EventScorer",
    "LinearScorer",
    "choose_code",
    "fill_code",
    "find_scorer_model",
    "load_scorer",
]

#: The rule id (``evidence.rule``) of events whose code the scorer chose: model and version.
SCORER_RULE = "m.scorer.v1"
#: The label "no event between these actors".
NONE = "--"
ROOTS: tuple[str, ...] = tuple(f"{i:02d}" for i in range(1, 21))
LABELS: tuple[str, ...] = ROOTS + (NONE,)
#: Where ``tools/train_scorer.py`` writes the model, relative to the checkout.
MODEL_FILE = Path("models") / "scorer-v1.npz"
_FORMAT = "eventcoder.scorer.linear.v1"


@dataclass(frozen=True, slots=True)
class Candidate:
    """One event the grammar found, to be scored: its word, the heads of its source and
    target phrases (spaCy tokens of the same sentence), the resolved actors, and -- to
    rerank -- the lexicon's candidate codes, the pattern's own first (empty to fill)."""

    verb: Any
    source: Any
    target: Any
    source_actor: Actor
    target_actor: Actor
    codes: tuple[str, ...] = ()
    negated: bool = False
    modality: str = "asserted"
    #: character offsets of the source and target phrases (as on the event's evidence)
    source_span: tuple[int, int] | None = None
    target_span: tuple[int, int] | None = None

    @property
    def kind(self) -> str:
        return "rerank" if self.codes else "fill"


@dataclass(frozen=True, slots=True)
class Scores:
    """A probability for each label (:data:`LABELS`: CAMEO roots and :data:`NONE`)."""

    probs: Mapping[str, float] = field(default_factory=dict)

    def prob(self, label: str) -> float:
        return float(self.probs.get(label, 0.0))

    def best_root(self) -> tuple[str | None, float]:
        """The most probable CAMEO root (never :data:`NONE`) and its probability."""
        roots = [(p, r) for r, p in self.probs.items() if r != NONE]
        if not roots:
            return None, 0.0
        p, r = max(roots, key=lambda pr: (pr[0], -int(pr[1])))
        return r, float(p)


@runtime_checkable
class EventScorer(Protocol):
    """Scores candidate events in batches (one call per sentence of candidates)."""

    #: the rule id written on the events it codes (model and version)
    rule: str
    #: the calibrated probability from which ``fill`` codes an event
    threshold: float

    def score(self, candidates: Sequence[Candidate]) -> list[Scores]:
        """One :class:`Scores` per candidate, in order."""
        ...


# ------------------------------------------------------------------------ decisions
def choose_code(codes: Sequence[str], scores: Scores) -> tuple[str, float]:
    """Rerank: the candidate code whose root has the highest probability, and that
    probability.  Ties keep the lexicon's order (its most specific pattern first)."""
    if not codes:
        raise ConfigError("choose_code needs at least one candidate code")
    best, best_p = codes[0], scores.prob(codes[0][:2])
    for code in codes[1:]:
        p = scores.prob(code[:2])
        if p > best_p:
            best, best_p = code, p
    return best, best_p


def fill_code(scores: Scores, threshold: float, known: Mapping[str, Any] | frozenset[str]) -> tuple[str, float] | None:
    """Fill: the root code (``"19"`` -> ``"190"``) of the most probable root when its
    probability reaches ``threshold`` and the code table knows it; else None."""
    root, p = scores.best_root()
    if root is None or p < threshold:
        return None
    code = root + "0"
    if code not in known:
        return None
    return code, p


# ------------------------------------------------------------------------ the linear backend
@dataclass(frozen=True, slots=True, eq=False)
class LinearScorer:
    """Multinomial logistic regression over hashed parse features and the parser's
    token vectors (``events/features.py``), with a softmax temperature fitted on held-out
    predictions (calibration)."""

    labels: tuple[str, ...]
    weights: np.ndarray  # (n_hash + n_dense, n_labels)
    bias: np.ndarray  # (n_labels,)
    dense_mean: np.ndarray
    dense_std: np.ndarray
    hash_bits: int
    temperature: float = 1.0
    threshold: float = 0.5
    rule: str = SCORER_RULE
    meta: Mapping[str, Any] = field(default_factory=dict)
    tensor_width: int = 96  # width of the parser's token vectors in the dense part
    #: sentence embeddings appended to the dense part ("" none; "minilm-l6-int8": the
    #: ``learned`` extra, ``events/embedding.py``), and the loaded embedder itself
    embedder_name: str = ""
    embedder: Any = None

    def logits(self, features: Sequence[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
        """Raw scores (n, n_labels) of feature rows (hashed indices, dense vector)."""
        n_hash = 1 << self.hash_bits
        out = np.empty((len(features), len(self.labels)), dtype=np.float64)
        for i, (idx, dense) in enumerate(features):
            z = (dense - self.dense_mean) / self.dense_std
            out[i] = self.weights[idx].sum(axis=0) + z @ self.weights[n_hash:] + self.bias
        return out

    def probabilities(self, features: Sequence[tuple[np.ndarray, np.ndarray]]) -> np.ndarray:
        return softmax(self.logits(features) / self.temperature)

    def score(self, candidates: Sequence[Candidate]) -> list[Scores]:
        from .features import candidate_features

        if not candidates:
            return []
        features = [candidate_features(c, self.hash_bits, self.tensor_width) for c in candidates]
        if self.embedder_name:
            if self.embedder is None:
                raise ConfigError(f"this scorer needs the {self.embedder_name!r} embedder; load it with load_scorer()")
            texts = [c.verb.sent.text for c in candidates]
            unique = list(dict.fromkeys(texts))  # one vector per sentence, in one batch
            vectors = dict(zip(unique, self.embedder.embed(unique), strict=True))
            features = [(idx, np.concatenate([dense, vectors[t]])) for (idx, dense), t in zip(features, texts, strict=True)]
        probs = self.probabilities(features)
        return [Scores(dict(zip(self.labels, map(float, row), strict=True))) for row in probs]

    def fingerprint(self) -> str:
        """A hash of what decides the scores (provenance: ``eventcoder info --db``)."""
        import hashlib

        h = hashlib.sha256()
        for array in (self.weights, self.bias, self.dense_mean, self.dense_std):
            h.update(np.ascontiguousarray(array, dtype=np.float32).tobytes())
        h.update(json.dumps([self.labels, self.hash_bits, self.temperature, self.threshold, self.rule,
                             self.tensor_width, self.embedder_name]).encode())
        return f"{self.rule}:{h.hexdigest()[:16]}"

    def save(self, path: str | Path) -> Path:
        """Write the model as a compressed ``.npz`` (weights in float32)."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as fh:
            np.savez_compressed(
                fh,
                format=np.array(_FORMAT),
                labels=np.array(self.labels),
                weights=self.weights.astype(np.float32),
                bias=self.bias.astype(np.float32),
                dense_mean=self.dense_mean.astype(np.float32),
                dense_std=self.dense_std.astype(np.float32),
                hash_bits=np.array(self.hash_bits),
                temperature=np.array(self.temperature),
                threshold=np.array(self.threshold),
                rule=np.array(self.rule),
                meta=np.array(json.dumps(dict(self.meta), sort_keys=True)),
                tensor_width=np.array(self.tensor_width),
                embedder_name=np.array(self.embedder_name),
            )
        return path


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


# ------------------------------------------------------------------------ loading
def find_scorer_model(path: str | Path | None = None) -> Path:
    """The model file: ``path``; else ``$EVENTCODER_SCORER_MODEL``; else
    ``models/scorer-v1.npz`` in the working directory or the source checkout."""
    if path is not None:
        candidates = [Path(path)]
    elif os.environ.get("EVENTCODER_SCORER_MODEL"):
        candidates = [Path(os.environ["EVENTCODER_SCORER_MODEL"])]
    else:
        checkout = Path(__file__).resolve().parents[3]
        candidates = list(dict.fromkeys([Path.cwd() / MODEL_FILE, checkout / MODEL_FILE]))
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    tried = ", ".join(str(c) for c in candidates)
    raise ResourceNotFound(
        f"no event-scorer model found (tried {tried}); the package ships none. Build it with "
        "`python tools/train_scorer.py` (needs ../shared/gold; see docs/scorer.md), or pass "
        "--scorer-model PATH / set EVENTCODER_SCORER_MODEL, or drop --rerank/--fill."
    )


def load_scorer(path: str | Path | None = None) -> LinearScorer:
    """Load a :class:`LinearScorer` written by :meth:`LinearScorer.save`."""
    where = find_scorer_model(path)
    model = _read_model(where)
    if model.embedder_name:
        from dataclasses import replace

        from .embedding import load_embedder

        model = replace(model, embedder=load_embedder(model.embedder_name))
    return model


def _read_model(where: Path) -> LinearScorer:
    try:
        with np.load(where, allow_pickle=False) as data:
            fmt = str(data["format"])
            if fmt != _FORMAT:
                raise ResourceNotFound(
                    f"{where} is a {fmt!r} model, not {_FORMAT!r}; rebuild it with `python tools/train_scorer.py`"
                )
            return LinearScorer(
                labels=tuple(str(x) for x in data["labels"]),
                weights=np.asarray(data["weights"], dtype=np.float32),
                bias=np.asarray(data["bias"], dtype=np.float32),
                dense_mean=np.asarray(data["dense_mean"], dtype=np.float32),
                dense_std=np.asarray(data["dense_std"], dtype=np.float32),
                hash_bits=int(data["hash_bits"]),
                temperature=float(data["temperature"]),
                threshold=float(data["threshold"]),
                rule=str(data["rule"]),
                meta=json.loads(str(data["meta"])),
                tensor_width=int(data["tensor_width"]),
                embedder_name=str(data["embedder_name"]),
            )
    except (OSError, KeyError, ValueError) as err:
        raise ResourceNotFound(
            f"cannot read the event-scorer model {where}: {err}; rebuild it with `python tools/train_scorer.py`"
        ) from err
