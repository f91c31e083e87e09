"""The quality gate: scores must not fall more than ``tolerance`` below pinned floors.

``eval_baseline.json`` (repo root)::

    {
      "tolerance": 0.01,
      "sets": {
        "plover": {
          "corpus_sha256": "...",
          "floors": {"root": {"precision": 0.5, "recall": 0.4, "f1": 0.44}, ...}
        }
      }
    }

Floors are the measured scores rounded *down* to two decimals.  Raising a floor is part
of any change that improves accuracy; lowering one needs ``allow_regression``.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .gold import GoldSet
from .score import Report

__all__ = [
    "METRICS",
    "GateFailure",
    "GateResult",
    "read_baseline",
    "write_baseline",
    "check_gate",
    "update_baseline",
    "default_baseline_path",
]

METRICS = ("precision", "recall", "f1")


@dataclass(frozen=True, slots=True, kw_only=True)
class GateFailure:
    gold: str
    level: str
    metric: str
    floor: float
    score: float

    def __str__(self) -> str:
        return (
            f"{self.gold} {self.level} {self.metric}: {self.score:.3f} is below the floor "
            f"{self.floor:.2f}"
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class GateResult:
    gold: str
    failures: tuple[GateFailure, ...]
    checked: int
    notes: tuple[str, ...] = ()

    @property
    def passed(self) -> bool:
        return not self.failures


def default_baseline_path() -> Path:
    """``$EVENTCODER_BASELINE``, else ``eval_baseline.json`` in the working directory or the
    source checkout's root."""
    if os.environ.get("EVENTCODER_BASELINE"):
        return Path(os.environ["EVENTCODER_BASELINE"])
    here = Path.cwd() / "eval_baseline.json"
    if here.is_file():
        return here
    return Path(__file__).resolve().parents[3] / "eval_baseline.json"


def read_baseline(path: str | os.PathLike[str]) -> dict[str, Any]:
    path = Path(path)
    if not path.is_file():
        return {"tolerance": 0.01, "sets": {}}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise ConfigError(f"{path}: not valid JSON ({err}); fix or delete the file") from err
    if not isinstance(data, dict) or not isinstance(data.get("sets", {}), dict):
        raise ConfigError(f"{path}: expected an object with a 'sets' object")
    data.setdefault("tolerance", 0.01)
    data.setdefault("sets", {})
    return data


def write_baseline(path: str | os.PathLike[str], data: dict[str, Any]) -> None:
    Path(path).write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def check_gate(report: Report, gold: GoldSet, baseline: dict[str, Any]) -> GateResult:
    """Compare one report with its floors (none pinned -> passes with a note)."""
    entry = baseline.get("sets", {}).get(report.gold)
    if not entry:
        return GateResult(gold=report.gold, failures=(), checked=0, notes=("no floors pinned",))
    notes = []
    if entry.get("corpus_sha256") and gold.corpus_sha256 and entry["corpus_sha256"] != gold.corpus_sha256:
        return GateResult(
            gold=report.gold,
            failures=(),
            checked=0,
            notes=("gold file differs from the one the floors were measured on; not compared",),
        )
    tolerance = float(baseline.get("tolerance", 0.01))
    failures = []
    checked = 0
    for level, floors in entry.get("floors", {}).items():
        score = report.levels.get(level)
        if score is None:
            notes.append(f"level {level} not scored")
            continue
        for metric in METRICS:
            if metric not in floors:
                continue
            checked += 1
            value = getattr(score.counts, metric)
            if value < float(floors[metric]) - tolerance - 1e-9:
                failures.append(
                    GateFailure(gold=report.gold, level=level, metric=metric, floor=float(floors[metric]), score=value)
                )
    return GateResult(gold=report.gold, failures=tuple(failures), checked=checked, notes=tuple(notes))


def _floor2(x: float) -> float:
    return math.floor(x * 100 + 1e-9) / 100


def update_baseline(
    baseline: dict[str, Any],
    reports: Sequence[tuple[Report, GoldSet]],
    *,
    allow_regression: bool = False,
) -> dict[str, Any]:
    """New baseline data with floors = measured scores rounded down to 2 decimals.

    Raises :class:`~eventcoder.errors.ConfigError` if a floor would go down and
    ``allow_regression`` is false.
    """
    data = json.loads(json.dumps(baseline))
    data.setdefault("tolerance", 0.01)
    sets = data.setdefault("sets", {})
    lowered = []
    for report, gold in reports:
        old = sets.get(report.gold, {}).get("floors", {})
        floors = {}
        for level, score in report.levels.items():
            floors[level] = {m: _floor2(getattr(score.counts, m)) for m in METRICS}
            for m in METRICS:
                before = old.get(level, {}).get(m)
                if before is not None and floors[level][m] < float(before):
                    lowered.append(f"{report.gold} {level} {m} {before} -> {floors[level][m]}")
        sets[report.gold] = {"corpus_sha256": gold.corpus_sha256, "items": report.n_items, "floors": floors}
    if lowered and not allow_regression:
        raise ConfigError(
            "these floors would go down: " + "; ".join(lowered)
            + ". Pass --allow-regression (and say why in the commit) to lower them"
        )
    return data
