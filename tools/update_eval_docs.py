"""Regenerate the scores table in docs/evaluation.md (and optionally the floors).

    .venv/bin/python tools/update_eval_docs.py                    # table only
    .venv/bin/python tools/update_eval_docs.py --update-baseline  # + eval_baseline.json floors

Reads the gold sets from ``../shared/gold`` (or ``$EVENTCODER_GOLD``), codes them with
the current coder, and rewrites the part of docs/evaluation.md between the
``<!-- scores:begin -->`` and ``<!-- scores:end -->`` markers.  With
``--check`` it only reports whether the table is current (exit 1 if not).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eventcoder import __version__
from eventcoder.evaluate import ALL_SETS, evaluate_many, read_baseline, render_markdown, update_baseline, write_baseline
from eventcoder.evaluate.render import error_summary

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "evaluation.md"
BASELINE = ROOT / "eval_baseline.json"
BEGIN, END = "<!-- scores:begin -->", "<!-- scores:end -->"


def scores_block(results) -> str:
    reports = [report for _, report in results]
    lines = [
        BEGIN,
        f"Measured with `eventcoder/{__version__}` by `python tools/update_eval_docs.py`.",
        "",
        render_markdown(reports).rstrip(),
        "",
        "Largest error classes (at the first level of each set):",
        "",
    ]
    for report in reports:
        top = ", ".join(f"{name} ({n})" for name, n in error_summary(report).most_common(6))
        lines.append(f"- **{report.gold}**: {top or 'none'}")
    lines.append(END)
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--update-baseline", action="store_true", help="also set eval_baseline.json floors")
    parser.add_argument("--allow-regression", action="store_true", help="with --update-baseline: allow lower floors")
    parser.add_argument("--check", action="store_true", help="exit 1 if the table is out of date")
    args = parser.parse_args(argv)

    results = evaluate_many(ALL_SETS)
    block = scores_block(results)
    text = DOC.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        print(f"{DOC}: markers {BEGIN} / {END} not found", file=sys.stderr)
        return 2
    head, rest = text.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    new = head + block + tail
    if args.check:
        if new != text:
            print(f"{DOC}: scores table is out of date; run tools/update_eval_docs.py", file=sys.stderr)
            return 1
        return 0
    DOC.write_text(new, encoding="utf-8")
    print(f"wrote {DOC}", file=sys.stderr)
    if args.update_baseline:
        data = update_baseline(
            read_baseline(BASELINE), [(r, g) for g, r in results], allow_regression=args.allow_regression
        )
        write_baseline(BASELINE, data)
        print(f"wrote {BASELINE}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
