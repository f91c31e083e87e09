"""Which language a text is in, offline (py3langid: the langid.py model, shipped in the
wheel, 97 languages, no download)."""

from __future__ import annotations

import functools
from typing import Any

__all__ = ["identify_language"]

_SAMPLE_CHARS = 3000


@functools.cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify_language(text: str) -> tuple[str | None, float]:
    """The ISO 639-1 code of ``text`` and the model's probability; ``(None, 0.0)`` when
    there are too few letters to tell."""
    sample = text[:_SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < 20:
        return None, 0.0
    lang, prob = _identifier().classify(sample)
    return str(lang), float(prob)
