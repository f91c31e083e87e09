"""Near-duplicate articles (reprints): the same story from several outlets, or the same
article ingested again under a new id or URL.

Each document's text becomes a set of word shingles (``SHINGLE`` consecutive lowercased
words) and a MinHash signature of it (datasketch, ``NUM_PERM`` permutations); a MinHash
LSH index (datasketch) finds the stored documents whose signatures are close, and a
candidate is a near duplicate when its estimated Jaccard similarity is at least
``JACCARD`` or the shorter text is at least ``CONTAINMENT`` contained in the longer one
(a cut-down reprint).  The link goes to the earliest-stored such document.

The signature is stored with the document (``documents.minhash``, ``NUM_PERM`` unsigned
32-bit integers), so the index is rebuilt from the database when a writer needs it.
``docs/store.md`` says what the link does to the counts; ``bench/bench_reprints.py``
measures precision and recall.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..errors import ResourceNotFound

__all__ = ["NUM_PERM", "SHINGLE", "JACCARD", "CONTAINMENT", "MIN_SHINGLES", "Signature", "signature", "ReprintIndex",
           "sentence_similarity"]

NUM_PERM = 128
SHINGLE = 3  # words per shingle
JACCARD = 0.3  # estimated Jaccard similarity of the shingle sets
CONTAINMENT = 0.8  # share of the shorter text's shingles found in the longer one
LSH_THRESHOLD = 0.2  # the index's candidate threshold (lower than JACCARD: cut-down copies)
MIN_SHINGLES = 20  # shorter texts are never linked (too little evidence)
SENTENCE_MATCH = 0.5  # word-set Jaccard of two sentences that report the same event
_SCHEME = "affine32"
_SEED = 1
_WORD = re.compile(r"\w+")


def _datasketch() -> Any:
    try:
        import datasketch
    except ImportError as err:  # a core dependency; only a broken install lacks it
        raise ResourceNotFound("reprint detection needs datasketch; run: pip install 'datasketch>=2,<3'") from err
    return datasketch


@dataclass(frozen=True, slots=True)
class Signature:
    """A document's MinHash and the number of distinct shingles it summarises."""

    minhash: Any  # datasketch.LeanMinHash
    shingles: int

    def to_bytes(self) -> bytes:
        return self.minhash.hashvalues.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, shingles: int) -> Signature:
        import numpy as np

        ds = _datasketch()
        values = np.frombuffer(data, dtype="<u4").astype(np.uint32)
        return cls(ds.LeanMinHash(seed=_SEED, hashvalues=values, scheme=_SCHEME), int(shingles))


def _shingles(text: str) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < SHINGLE:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + SHINGLE]).encode("utf-8") for i in range(len(words) - SHINGLE + 1)}


def signature(text: str) -> Signature:
    """The MinHash signature of a text."""
    ds = _datasketch()
    shingles = _shingles(text)
    mh = ds.MinHash(num_perm=NUM_PERM, seed=_SEED, scheme=_SCHEME)
    if shingles:
        mh.update_batch(sorted(shingles))
    return Signature(ds.LeanMinHash(mh), len(shingles))


def similar(a: Signature, b: Signature) -> bool:
    """Whether two signatures are near duplicates (Jaccard, or containment of the shorter)."""
    if min(a.shingles, b.shingles) < MIN_SHINGLES:
        return False
    j = float(a.minhash.jaccard(b.minhash))
    if j >= JACCARD:
        return True
    small, large = sorted((a.shingles, b.shingles))
    # |A & B| = J (|A| + |B|) / (1 + J); containment of the smaller set in the larger
    containment = j * (small + large) / ((1 + j) * small) if small else 0.0
    return containment >= CONTAINMENT


class ReprintIndex:
    """The LSH index over the stored documents' signatures, with their storage order."""

    def __init__(self) -> None:
        ds = _datasketch()
        self._lsh = ds.MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self._docs: dict[str, tuple[int, Signature]] = {}  # doc_id -> (rowid, signature)

    def __len__(self) -> int:
        return len(self._docs)

    def add(self, doc_id: str, rowid: int, sig: Signature) -> None:
        if doc_id in self._docs:
            self.remove(doc_id)
        self._docs[doc_id] = (rowid, sig)
        if sig.shingles >= MIN_SHINGLES:
            self._lsh.insert(doc_id, sig.minhash)

    def remove(self, doc_id: str) -> None:
        entry = self._docs.pop(doc_id, None)
        if entry is not None and entry[1].shingles >= MIN_SHINGLES:
            self._lsh.remove(doc_id)

    def signature_of(self, doc_id: str) -> Signature | None:
        entry = self._docs.get(doc_id)
        return entry[1] if entry else None

    def original(self, doc_id: str, rowid: int, sig: Signature) -> str | None:
        """The earliest-stored document (smaller rowid) that ``sig`` nearly duplicates."""
        if sig.shingles < MIN_SHINGLES:
            return None
        best: tuple[int, str] | None = None
        for other in self._lsh.query(sig.minhash):
            if other == doc_id:
                continue
            other_rowid, other_sig = self._docs[other]
            if other_rowid < rowid and similar(sig, other_sig) and (best is None or other_rowid < best[0]):
                best = (other_rowid, other)
        return best[1] if best else None

    def later_similar(self, doc_id: str, rowid: int, sig: Signature) -> Iterable[str]:
        """Documents stored after ``doc_id`` that nearly duplicate it."""
        if sig.shingles < MIN_SHINGLES:
            return []
        return sorted(
            (o for o in self._lsh.query(sig.minhash)
             if o != doc_id and self._docs[o][0] > rowid and similar(sig, self._docs[o][1])),
            key=lambda o: self._docs[o][0],
        )


def _tokens(sentence: str) -> set[str]:
    return set(_WORD.findall(sentence.lower()))


def sentence_similarity(a: str, b: str) -> float:
    """Jaccard similarity of the two sentences' word sets (how a reprint's mention finds
    the original's mention of the same event)."""
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)
