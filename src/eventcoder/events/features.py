"""Features of a candidate event for the linear scorer (``events/scorer.py``).

Two parts, both from the spaCy parse the coder already made (no other model):

* **hashed indicators** -- the verb's lemma alone and with its particle, direct object,
  prepositions, dependency and governing verb; how the source and target attach to it;
  the actors' roles and kinds; negation and modality; the lexicon's candidate roots
  (rerank); the content lemmas of the verb's clause and between the two actors.  Each
  string is hashed with CRC-32 (stable across processes, unlike ``hash()``) into
  ``2**hash_bits`` slots.
* **dense** -- the parser's contextual token vector (``doc.tensor``, 96 numbers for
  ``en_core_web_sm``) of the verb and the mean over its clause.

Tokens are duck-typed spaCy tokens: this module does not import spaCy.
"""

from __future__ import annotations

import zlib
from typing import Any

import numpy as np

from .scorer import Candidate

__all__ = ["candidate_feature_strings", "candidate_features", "TENSOR_WIDTH"]

#: Width of ``doc.tensor`` in the English model the coder uses.
TENSOR_WIDTH = 96
_CONTENT = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "ADV", "NUM"})
_ACTOR_KEYS = ("kind", "role")


def _lemma(token: Any) -> str:
    return (token.lemma_ or token.text).lower()


def _relation(token: Any, verb: Any) -> str:
    """How an argument head attaches to the verb: ``dobj``, ``pobj:with``, ``nsubj`` ..."""
    t = token
    for _ in range(4):
        if t.head.i == t.i:
            return "root"
        if t.dep_ == "pobj":
            return f"pobj:{t.head.lower_}"
        if t.dep_ != "conj" and t.head.i == verb.i:
            return t.dep_
        if t.dep_ in {"conj", "appos", "compound", "poss", "amod"}:
            t = t.head
            continue
        return f"far:{t.dep_}"
    return "far"


def candidate_feature_strings(c: Candidate) -> list[str]:
    """The indicator features of a candidate, as readable strings (tests, debugging)."""
    v = c.verb
    lemma = _lemma(v)
    out = [f"kind={c.kind}", f"v={lemma}", f"vd={lemma}|{v.dep_}", f"pos={v.pos_}|{v.tag_}"]
    children = list(v.children)
    for ch in children:
        dep = ch.dep_
        if dep == "prt":
            out.append(f"vp={lemma}|{ch.lower_}")
        elif dep in {"dobj", "nsubjpass", "attr"}:
            out += [f"o={_lemma(ch)}", f"vo={lemma}|{_lemma(ch)}"]
            for g in ch.children:
                if g.dep_ == "prep":
                    out.append(f"vop={lemma}|{_lemma(ch)}|{g.lower_}")
        elif dep in {"prep", "agent", "dative"}:
            out.append(f"vpr={lemma}|{ch.lower_}")
        elif dep in {"xcomp", "ccomp"}:
            out.append(f"vc={lemma}|{_lemma(ch)}")
        elif dep == "neg":
            out.append("neg")
        elif dep in {"aux", "auxpass"}:
            out.append(f"aux={ch.lower_}")
    if v.head.i != v.i:
        out += [f"h={_lemma(v.head)}|{v.dep_}", f"hv={_lemma(v.head)}|{lemma}"]
    out += [f"neg={c.negated}", f"mod={c.modality}"]
    srel, trel = _relation(c.source, v), _relation(c.target, v)
    out += [f"sr={srel}", f"tr={trel}", f"vt={lemma}|{trel}", f"vs={lemma}|{srel}"]
    for side, actor in (("s", c.source_actor), ("t", c.target_actor)):
        for key in _ACTOR_KEYS:
            out.append(f"{side}{key}={getattr(actor, key, None)}")
        out.append(f"{side}country={'y' if getattr(actor, 'country', None) else 'n'}")
    out.append(f"roles={c.source_actor.role}|{c.target_actor.role}")
    out.append(f"same_country={c.source_actor.country is not None and c.source_actor.country == c.target_actor.country}")
    for i, code in enumerate(c.codes):
        out.append(f"lex={code[:2]}")
        if i == 0:
            out.append(f"lex0={code[:2]}")
    sent = v.sent
    lo, hi = sorted((c.source.i, c.target.i))
    for t in sent:
        if t.pos_ not in _CONTENT or t.i in (c.source.i, c.target.i):
            continue
        out.append(f"w={_lemma(t)}")
        if lo < t.i < hi:
            out.append(f"b={_lemma(t)}")
    for t in v.subtree:
        if t.pos_ in _CONTENT and t.i != v.i:
            out.append(f"c={_lemma(t)}")
    return out


def _hash(feature: str, bits: int) -> int:
    return zlib.crc32(feature.encode("utf-8")) & ((1 << bits) - 1)


def _dense(c: Candidate, width: int) -> np.ndarray:
    tensor = getattr(c.verb.doc, "tensor", None)
    if tensor is None or getattr(tensor, "ndim", 0) != 2 or tensor.shape[1] != width or tensor.shape[0] == 0:
        return np.zeros(2 * width, dtype=np.float32)
    sent = c.verb.sent
    clause = [t.i for t in c.verb.subtree if sent.start <= t.i < sent.end] or [c.verb.i]
    return np.concatenate([tensor[c.verb.i], tensor[clause].mean(axis=0)]).astype(np.float32)


def candidate_features(c: Candidate, hash_bits: int, width: int = TENSOR_WIDTH) -> tuple[np.ndarray, np.ndarray]:
    """(hashed indicator indices, dense vector) of one candidate."""
    idx = np.fromiter((_hash(f, hash_bits) for f in candidate_feature_strings(c)), dtype=np.int64)
    return idx, _dense(c, width)
