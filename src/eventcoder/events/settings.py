"""Settings of the event coder: the conventions a user may switch (``docs/coding-rules.md``).

The settings travel with the loaded resources (``Resources.settings``), so that every
front (``code_text``, the CLI's ``code`` and ``ingest``, the web UI, the batch
workers) codes a text the same way for the same settings.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import ConfigError

__all__ = ["CodingSettings"]


@dataclass(frozen=True, slots=True, kw_only=True)
class CodingSettings:
    """How the coder turns what it found into events.

    ``statements``: GDELT-style output.  By default an attribution ("X said ...",
    "according to X") is not an event of its own, and an event with no target is kept
    only where CAMEO/PLOVER count one alone (protest, force posture, violence whose
    doer is unknown).  With ``statements=True`` target-less statements (CAMEO 010,
    attributions included) and every other one-sided event are emitted as well, as
    GDELT and the coder before these conventions did (CLI: ``--statements``).

    The learned event scorer (``docs/scorer.md``), off by default, used two ways:

    ``rerank``: when several lexicon patterns with different CAMEO roots fit one verb,
    the scorer picks among their codes (CLI: ``--rerank``).
    ``fill``: a verb with a resolved source and target that no pattern codes gets the
    scorer's root when its calibrated probability reaches ``fill_threshold`` (None: the
    threshold stored with the model; CLI: ``--fill``, ``--fill-threshold``).
    ``scorer_model``: the model file (None: ``$EVENTCODER_SCORER_MODEL``, then
    ``models/scorer-v1.npz``; CLI: ``--scorer-model``).
    """

    statements: bool = False
    rerank: bool = False
    fill: bool = False
    fill_threshold: float | None = None
    scorer_model: str | None = None

    def __post_init__(self) -> None:
        if self.fill_threshold is not None and not 0.0 <= self.fill_threshold <= 1.0:
            raise ConfigError(
                f"fill_threshold={self.fill_threshold!r} is not a probability; give a value between 0 and 1"
            )

    @property
    def learned(self) -> bool:
        """Whether the learned scorer is asked for (``rerank`` or ``fill``)."""
        return self.rerank or self.fill
