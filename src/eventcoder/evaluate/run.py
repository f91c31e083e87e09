"""Code a gold set's texts with the pipeline and score the result."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from ..model import Article, Event
from .gold import GoldSet
from .loaders import load_gold
from .score import Report, score_gold

__all__ = ["ALL_SETS", "code_gold", "evaluate_gold", "evaluate_many", "expand_gold"]

#: What ``eventcoder eval all`` scores.
ALL_SETS: tuple[str, ...] = ("plover", "conflibert", "case2021", "plv")

log = logging.getLogger(__name__)


def code_gold(gold: GoldSet, resources: Any = None, *, batch_size: int = 64) -> dict[str, list[Event]]:
    """Run the coder over every gold item: {item id: events}."""
    from ..pipeline import code_batch

    articles = (
        Article(doc_id=item.id, text=item.text, published=item.date) for item in gold.items
    )
    coded: dict[str, list[Event]] = {}
    for result in code_batch(articles, resources, batch_size=batch_size):
        coded[result.article.doc_id] = list(result.events)
    log.info("coded %d items of %s: %d events", len(coded), gold.name, sum(map(len, coded.values())))
    return coded


def evaluate_gold(
    gold: GoldSet,
    resources: Any = None,
    *,
    levels: Sequence[str] | None = None,
    limit: int | None = None,
    errors: bool = True,
) -> Report:
    """Code ``gold`` (its first ``limit`` items) and score it."""
    if limit is not None:
        gold = replace(gold, items=gold.items[:limit])
    return score_gold(gold, code_gold(gold, resources), levels=levels, errors=errors)


def expand_gold(names: Sequence[str]) -> list[str]:
    """``all`` stands for :data:`ALL_SETS`; other names and paths pass through."""
    out: list[str] = []
    for name in names:
        out += list(ALL_SETS) if name == "all" else [name]
    return out


def evaluate_many(
    names: Sequence[str],
    resources: Any = None,
    *,
    levels: Sequence[str] | None = None,
    limit: int | None = None,
    errors: bool = True,
) -> list[tuple[GoldSet, Report]]:
    """Load and score several gold sets (names, paths or ``all``) with one set of resources."""
    golds = [load_gold(name) for name in expand_gold(names)]  # bad names fail before the model loads
    if resources is None:
        from ..pipeline import load_resources

        resources = load_resources()
    results = []
    for gold in golds:
        results.append((gold, evaluate_gold(gold, resources, levels=levels, limit=limit, errors=errors)))
    return results
