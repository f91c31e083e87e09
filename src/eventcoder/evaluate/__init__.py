"""Accuracy of the coder on gold sets: loaders, scorer, reports and the quality gate.

>>> from eventcoder.evaluate import load_gold, evaluate_gold
>>> report = evaluate_gold(load_gold("plover"))          # doctest: +SKIP
>>> report.levels["root"].counts.f1                        # doctest: +SKIP

See ``docs/evaluation.md`` for the gold sets, their mappings and current scores.
"""

from __future__ import annotations

from .gate import GateResult, check_gate, read_baseline, update_baseline, write_baseline
from .gold import LEVELS, GoldActor, GoldEvent, GoldItem, GoldSet
from .loaders import (
    KNOWN_SETS,
    find_gold_dir,
    load_case2021,
    load_conflibert,
    load_gold,
    load_petrarch_xml,
    load_plover,
    load_plv,
)
from .render import render_errors, render_markdown, render_table, report_to_dict
from .run import ALL_SETS, code_gold, evaluate_gold, evaluate_many, expand_gold
from .score import Counts, ErrorCase, Report, score_gold

__all__ = [
    "LEVELS",
    "KNOWN_SETS",
    "GoldActor",
    "GoldEvent",
    "GoldItem",
    "GoldSet",
    "Counts",
    "ErrorCase",
    "Report",
    "GateResult",
    "find_gold_dir",
    "load_gold",
    "load_plover",
    "load_plv",
    "load_conflibert",
    "load_case2021",
    "load_petrarch_xml",
    "score_gold",
    "code_gold",
    "evaluate_gold",
    "evaluate_many",
    "expand_gold",
    "ALL_SETS",
    "render_table",
    "render_markdown",
    "render_errors",
    "report_to_dict",
    "read_baseline",
    "write_baseline",
    "check_gate",
    "update_baseline",
]
