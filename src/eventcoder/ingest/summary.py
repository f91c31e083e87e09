"""Counting what a read produced: articles, skips by reason, errors, failed inputs."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..model import Article, Skipped, SkipReason

__all__ = ["ReadSummary", "ERROR_REASONS"]

#: Skip reasons that mean something went wrong (an unreadable path, a broken row, a
#: reader failure), as opposed to an input skipped by policy (empty, binary, not
#: English, too large, a page with no article).
ERROR_REASONS = frozenset({SkipReason.UNREADABLE, SkipReason.MALFORMED, SkipReason.ERROR})


@dataclass(slots=True)
class ReadSummary:
    """Running counts over :func:`~eventcoder.ingest.read_inputs` results.

    A run *failed* when any result is an error (:data:`ERROR_REASONS`) or when an input
    argument gave no article at all; ``eventcoder read`` then exits with status 1.
    """

    articles: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    inputs: int = 0
    inputs_without_articles: list[str] = field(default_factory=list)

    def add(self, item: Article | Skipped) -> None:
        if isinstance(item, Skipped):
            self.skipped[item.reason.value] += 1
        else:
            self.articles += 1

    def end_input(self, name: str, articles_before: int) -> None:
        """Close one INPUT argument: note it when it gave no article."""
        self.inputs += 1
        if self.articles == articles_before:
            self.inputs_without_articles.append(name)

    @property
    def errors(self) -> int:
        return sum(n for reason, n in self.skipped.items() if reason in ERROR_REASONS)

    @property
    def failed(self) -> bool:
        return self.errors > 0 or bool(self.inputs_without_articles)

    def format(self) -> str:
        """One line: ``read 12 articles; skipped 3 (2 not_english, 1 empty); 0 errors``."""
        total = sum(self.skipped.values())
        line = f"read {self.articles} article{'s' if self.articles != 1 else ''}; skipped {total}"
        if total:
            line += " (" + ", ".join(f"{n} {reason}" for reason, n in sorted(self.skipped.items())) + ")"
        line += f"; {self.errors} error{'s' if self.errors != 1 else ''}"
        if self.inputs_without_articles:
            line += f"; no article from {len(self.inputs_without_articles)} input(s): " + ", ".join(self.inputs_without_articles[:5])
        return line

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "skipped": dict(sorted(self.skipped.items())),
            "errors": self.errors,
            "inputs": self.inputs,
            "inputs_without_articles": list(self.inputs_without_articles),
        }
