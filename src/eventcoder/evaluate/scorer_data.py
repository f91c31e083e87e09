"""Training data and out-of-fold runs for the learned event scorer (``docs/scorer.md``).

The scorer learns from the candidates the coder itself finds: the gold sets' texts are
coded once with a :class:`RecordingScorer`, which keeps every candidate the coder's hooks
hand it (features, actors, spans) and changes nothing (it keeps the lexicon's code and
fills nothing).  Each candidate is then labelled against the item's gold events with the
scorer's own dyad rule (:func:`~eventcoder.evaluate.score.dyad_matches`): the roots of
the gold events whose source and target it matches, in that direction, or
:data:`~eventcoder.events.scorer.NONE`.  A PLOVER type (PLV) stands for every CAMEO root
that has a code of that type in ``cameo.tsv``.

Nothing of the gold sets is written anywhere: the examples live in memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from ..events.features import candidate_features
from ..events.scorer import NONE, ROOTS, Candidate, Scores
from ..events.settings import CodingSettings
from ..events.training import Example
from ..model import Article, Event, Evidence
from .gold import GoldItem, GoldSet
from .score import PLOVER_UNION, dyad_matches

__all__ = [
    "Recorded",
    "RecordingScorer",
    "ParsedSet",
    "parse_set",
    "code_parsed",
    "collect_examples",
    "collect_weak_examples",
    "roots_of_type",
]


@dataclass(frozen=True, slots=True)
class Recorded:
    """What a recording scorer keeps of one candidate (no spaCy objects: the docs can go)."""

    item: str
    kind: str  # "fill" | "rerank" | "lexicon" (one pattern coded it: ``observe_all``)
    codes: tuple[str, ...]
    source_actor: Any
    target_actor: Any
    source_span: tuple[int, int] | None
    target_span: tuple[int, int] | None
    sentence: str
    indices: Any
    dense: Any
    masked: Any = None  # features with the lexicon's codes hidden (weak labels)


@dataclass(eq=False)
class RecordingScorer:
    """An :class:`~eventcoder.events.scorer.EventScorer` that records what it is asked
    and decides nothing: every probability 0 keeps the lexicon's first code, and the
    threshold above 1 fills nothing.  With ``observe_all`` the coder also hands it the
    frames that one pattern coded (examples of ``kind="lexicon"``), so the model learns
    how the lexicon's own codes fare against the gold events; with ``masked`` it also
    keeps their features as if no pattern had fired (weak labels, :func:`collect_weak_examples`)."""

    hash_bits: int = 16
    observe_all: bool = True  # the coder's hooks hand over frames one pattern coded, too
    masked: bool = False
    rule: str = "m.record"
    threshold: float = 2.0
    item: str = ""
    records: list[Recorded] = field(default_factory=list)

    def score(self, candidates: Sequence[Candidate]) -> list[Scores]:
        for c in candidates:
            idx, dense = candidate_features(c, self.hash_bits)
            kind = "lexicon" if len(c.codes) == 1 else c.kind
            masked = candidate_features(replace(c, codes=()), self.hash_bits) if self.masked and kind == "lexicon" else None
            self.records.append(Recorded(
                item=self.item, kind=kind, codes=c.codes, source_actor=c.source_actor, target_actor=c.target_actor,
                source_span=c.source_span, target_span=c.target_span, sentence=c.verb.sent.text,
                indices=idx, dense=dense, masked=masked,
            ))
        return [Scores({}) for _ in candidates]


@dataclass
class ParsedSet:
    """A gold set with its texts parsed once (the docs are reused by every run)."""

    gold: GoldSet
    articles: list[Article]
    docs: list[Any]


def parse_set(gold: GoldSet, nlp: Any, *, batch_size: int = 64) -> ParsedSet:
    from ..nlp import parse_many

    articles = [Article(doc_id=item.id, text=item.text, published=item.date) for item in gold.items]
    docs = list(parse_many(nlp, (a.text for a in articles), batch_size=batch_size))
    return ParsedSet(gold, articles, docs)


def code_parsed(parsed: ParsedSet, resources: Any, *, items: Iterable[int] | None = None,
                on_item: Any = None) -> dict[str, list[Event]]:
    """Code the parsed items (all, or those at ``items``) with ``resources``."""
    from ..events.coder import code_doc
    from ..pipeline import CODER

    coded: dict[str, list[Event]] = {}
    for i in range(len(parsed.articles)) if items is None else items:
        article = parsed.articles[i]
        if on_item is not None:
            on_item(article.doc_id)
        coded[article.doc_id] = code_doc(parsed.docs[i], article, resources, coder=CODER)
    return coded


def roots_of_type(plover_type: str, lexicon: Any) -> frozenset[str]:
    """The CAMEO roots with a code of this PLOVER type (YIELD: CONCEDE or RETREAT)."""
    types = PLOVER_UNION.get(plover_type, frozenset({plover_type}))
    return frozenset(code[:2] for code, info in lexicon.codes.items() if info.plover_type in types)


def _labels(item: GoldItem, c: Recorded, lexicon: Any) -> frozenset[str]:
    probe = Event(
        event_id="", doc_id=item.id, sentence_index=0, sentence="", span=(0, 0), date=None,
        date_precision="article", source=c.source_actor, target=c.target_actor, cameo="000",
        cameo_root="00", quad_class=0, goldstein=0.0, plover=None,
        evidence=Evidence(verb="", verb_span=(0, 0), source_span=c.source_span, target_span=c.target_span),
    )
    out: set[str] = set()
    for g in item.events:
        if not dyad_matches(g, probe, item.text):
            continue
        if g.root:
            out.add(g.root)
        elif g.plover:
            out |= roots_of_type(g.plover, lexicon)
    return frozenset(out & set(ROOTS)) or frozenset({NONE})


def _record(resources: Any, parsed: ParsedSet, recorder: RecordingScorer) -> None:
    settings = replace(resources.settings or CodingSettings(), rerank=True, fill=True, fill_threshold=None)
    res = replace(resources, settings=settings, scorer=recorder)

    def on_item(doc_id: str) -> None:
        recorder.item = doc_id

    code_parsed(parsed, res, on_item=on_item)


def _embeddings(records: Sequence[Recorded], embedder: Any) -> dict[str, Any]:
    vectors: dict[str, Any] = {}
    if embedder is not None:
        texts = list(dict.fromkeys(r.sentence for r in records))
        for i in range(0, len(texts), 32):
            vectors.update(zip(texts[i : i + 32], embedder.embed(texts[i : i + 32]), strict=True))
    return vectors


def collect_examples(parsed: ParsedSet, resources: Any, *, hash_bits: int = 16,
                     weight: float = 1.0, embedder: Any = None) -> list[Example]:
    """Code the set with a recording scorer (rerank and fill hooks on) and label every
    candidate against the gold events.  With ``embedder`` the sentence's embedding is
    appended to each example's dense part, as ``LinearScorer.score`` does."""
    recorder = RecordingScorer(hash_bits=hash_bits)
    _record(resources, parsed, recorder)
    by_id = {item.id: item for item in parsed.gold.items}
    dyad = any(level in parsed.gold.levels for level in ("root", "code", "quad", "dyadtype"))
    vectors = _embeddings(recorder.records, embedder)
    out = []
    for r in recorder.records:
        dense = r.dense if embedder is None else np.concatenate([r.dense, vectors[r.sentence]])
        out.append(Example(
            indices=r.indices, dense=dense, labels=_labels(by_id[r.item], r, resources.lexicon),
            group=f"{parsed.gold.name}:{r.item}", kind=r.kind, codes=r.codes, weight=weight, dyad=dyad,
        ))
    return out


def collect_weak_examples(articles: Sequence[Article], resources: Any, *, hash_bits: int = 16,
                          weight: float = 0.3, embedder: Any = None, name: str = "weak") -> list[Example]:
    """Weak labels from unannotated news: every event one lexicon pattern coded between a
    resolved source and target becomes an example *as if no pattern had fired* (features
    without the lexicon's codes), labelled with the pattern's root.  It teaches the fill
    model which contexts carry which root; it says nothing about "no event", so these
    examples are kept out of calibration (``dyad=False``) and weigh ``weight``."""
    from ..nlp import parse_many

    recorder = RecordingScorer(hash_bits=hash_bits, masked=True)
    parsed = ParsedSet(GoldSet(name=name, path="", items=(), levels=()), list(articles),
                       list(parse_many(resources.nlp, (a.text for a in articles), batch_size=32)))
    _record(resources, parsed, recorder)
    parsed.docs.clear()
    kept = [r for r in recorder.records if r.kind == "lexicon" and r.masked is not None and r.codes[0][:2] in ROOTS]
    vectors = _embeddings(kept, embedder)
    out = []
    for r in kept:
        idx, dense = r.masked
        if embedder is not None:
            dense = np.concatenate([dense, vectors[r.sentence]])
        out.append(Example(
            indices=idx, dense=dense, labels=frozenset({r.codes[0][:2]}), group=f"{name}:{r.item}",
            kind="weak", codes=(), weight=weight, dyad=False,
        ))
    return out
