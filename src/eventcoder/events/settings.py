"""Settings of the event coder: the conventions a user may switch (``docs/coding-rules.md``).

The settings travel with the loaded resources (``Resources.settings``), so that every
front (``code_text``, the CLI's ``code`` and ``ingest``, the web UI, the batch
workers) codes a text the same way for the same settings.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    """

    statements: bool = False
