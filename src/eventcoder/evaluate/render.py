"""Reports as text for people (table, markdown) and for machines (JSON)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from .gold import GoldActor, GoldEvent
from .score import Counts, ErrorCase, Report
from ..events.lexicon import cameo_name

__all__ = [
    "LEVEL_NAMES",
    "report_to_dict",
    "render_table",
    "render_markdown",
    "render_errors",
    "error_summary",
]

LEVEL_NAMES: dict[str, str] = {
    "root": "dyad + CAMEO root",
    "code": "dyad + full CAMEO code",
    "quad": "dyad + QuadClass",
    "dyadtype": "dyad + PLOVER type",
    "dyadic": "the same, two-sided events",
    "type": "event type (root) alone",
    "plover": "PLOVER type alone",
    "actors": "actor codes with roles",
}


def _counts(c: Counts) -> dict[str, Any]:
    return {
        "tp": c.tp,
        "fp": c.fp,
        "fn": c.fn,
        "precision": round(c.precision, 4),
        "recall": round(c.recall, 4),
        "f1": round(c.f1, 4),
    }


def _actor_str(actor: GoldActor | None) -> str:
    if actor is None:
        return "-"
    if actor.unspecified:
        return "?"
    if actor.country:
        return actor.country + (actor.role or "")
    return f"[{actor.text}]" if actor.text else "[span]"


def gold_event_str(g: GoldEvent) -> str:
    code = g.cameo or g.root or "?"
    extra = f" ({g.label})" if g.label and g.label != code else ""
    return f"{_actor_str(g.source)} -> {_actor_str(g.target)} {code}{extra}"


def coded_event_str(e: Any) -> str:
    if e is None:
        return "-"
    src = e.source.code if e.source else "-"
    tgt = e.target.code if e.target else "-"
    src_text = f" [{e.source.text}]" if e.source else ""
    tgt_text = f" [{e.target.text}]" if e.target else ""
    return f"{src}{src_text} -> {tgt}{tgt_text} {e.cameo}"


def _case_dict(case: ErrorCase) -> dict[str, Any]:
    return {
        "item": case.item_id,
        "kind": case.kind,
        "class": case.error_class,
        "sentence": case.text,
        "expected": gold_event_str(case.expected) if case.expected else None,
        "produced": coded_event_str(case.produced or case.other)
        if (case.produced or case.other)
        else None,
        "rule": case.rule,
    }


def report_to_dict(report: Report, *, errors: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "gold": report.gold,
        "items": report.n_items,
        "gold_events": report.n_gold,
        "coded_events": report.n_coded,
        "levels": {
            lv: {**_counts(s.counts), "per_root": {r: _counts(c) for r, c in s.per_root.items()}}
            for lv, s in report.levels.items()
        },
        "confusion": [
            {"gold": g, "coded": c, "n": n} for (g, c), n in sorted(report.confusion.items())
        ],
        "error_classes": dict(report.error_classes().most_common()),
        "notes": list(report.notes),
    }
    if errors:
        data["errors"] = [_case_dict(c) for c in report.errors]
    return data


def _fmt(x: float) -> str:
    return f"{x:.3f}"


def render_table(report: Report, *, per_root: bool = True, confusion: bool = True) -> str:
    lines = [
        f"gold set: {report.gold}   items: {report.n_items}   gold events: {report.n_gold}   "
        f"coded events: {report.n_coded}",
        "",
        f"{'level':<8} {'meaning':<26} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}",
    ]
    for lv, s in report.levels.items():
        c = s.counts
        lines.append(
            f"{lv:<8} {LEVEL_NAMES[lv]:<26} {_fmt(c.precision):>6} {_fmt(c.recall):>6} "
            f"{_fmt(c.f1):>6} {c.tp:>5} {c.fp:>5} {c.fn:>5}"
        )
    if per_root and report.levels:
        first = next(iter(report.levels.values()))
        lines += ["", f"per root ({first.level}):", f"{'root':<5} {'name':<34} {'P':>6} {'R':>6} {'F1':>6} {'TP':>4} {'FP':>4} {'FN':>4}"]
        for root, c in first.per_root.items():
            lines.append(
                f"{root:<5} {(cameo_name(root) if root[:1].isdigit() else '')[:34]:<34} {_fmt(c.precision):>6} {_fmt(c.recall):>6} "
                f"{_fmt(c.f1):>6} {c.tp:>4} {c.fp:>4} {c.fn:>4}"
            )
    if confusion and report.confusion:
        lines += ["", "confusion of roots (rows gold, columns coded; -- = none):"]
        lines += _confusion_lines(report.confusion)
    classes = report.error_classes()
    if classes:
        lines += ["", f"errors at level {report.error_level}: " + ", ".join(f"{k} {n}" for k, n in classes.most_common())]
    for note in report.notes:
        lines.append(f"note: {note}")
    return "\n".join(lines) + "\n"


def _confusion_lines(confusion: dict[tuple[str, str], int]) -> list[str]:
    def order(labels: set[str]) -> list[str]:
        return sorted(labels - {"--"}) + (["--"] if "--" in labels else [])

    rows = order({g for g, _ in confusion})
    cols = order({c for _, c in confusion})
    w = 5 if any(len(c) > 3 for c in cols) else 4  # PLOVER types: first four letters
    lw = max(5, *(len(g) for g in rows))
    out = [" " * (lw + 1) + "".join(f"{c[:4]:>{w}}" for c in cols)]
    for g in rows:
        out.append(f"{g:>{lw}} " + "".join(f"{confusion.get((g, c), 0) or '.':>{w}}" for c in cols))
    return out


def render_markdown(reports: Sequence[Report]) -> str:
    """The scores table of docs/evaluation.md: one row per gold set and level."""
    lines = [
        "| gold set | level | P | R | F1 | TP | FP | FN |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    for report in reports:
        for lv, s in report.levels.items():
            c = s.counts
            lines.append(
                f"| {report.gold} ({report.n_items} items) | {lv}: {LEVEL_NAMES[lv]} | "
                f"{_fmt(c.precision)} | {_fmt(c.recall)} | {_fmt(c.f1)} | {c.tp} | {c.fp} | {c.fn} |"
            )
    return "\n".join(lines) + "\n"


def render_errors(report: Report, *, limit: int | None = None) -> str:
    out = []
    cases = report.errors if limit is None else report.errors[:limit]
    for case in cases:
        d = _case_dict(case)
        out.append(
            f"{d['kind']} {d['class']:<12} {d['item']}\n"
            f"    sentence: {d['sentence']}\n"
            f"    expected: {d['expected'] or '-'}\n"
            f"    produced: {d['produced'] or '-'}   rule: {d['rule'] or '-'}"
        )
    return "\n".join(out) + ("\n" if out else "")


def error_summary(report: Report) -> Counter[str]:
    """Finer error classes: "missed 01", "wrong root 11->10", "spurious 04 (rule)"."""
    counter: Counter[str] = Counter()
    for case in report.errors:
        if case.kind == "FN":
            g = (case.expected.root or case.expected.plover or "?") if case.expected else "?"
            if case.error_class == "wrong root" and case.other is not None:
                counter[f"wrong root {g}->{case.other.cameo_root}"] += 1
            elif case.error_class == "wrong type" and case.other is not None and case.other.plover:
                counter[f"wrong type {g}->{case.other.plover.event_type}"] += 1
            else:
                counter[f"{case.error_class} {g}"] += 1
        elif case.error_class == "spurious" and case.produced is not None:
            counter[f"spurious {case.produced.cameo_root}"] += 1
    return counter
