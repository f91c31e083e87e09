"""Every country, capital and international organisation of the knowledge base as the
subject of a sentence: does the coder resolve it?

    .venv/bin/python bench/name_sweep.py [--kind countries|capitals|igos|all] [--json]

Each name is coded in ``"<NAME> criticized Norway on Monday."`` (organisations: ``"The
<NAME> ..."``), dated 2021-04-01, with the packaged knowledge base and model.  A country is
right when an event's source has its ISO3 code, a sovereign country's capital when the
source starts with the country's code (``ZMBGOV`` for "Lusaka"), an organisation when the
source is its own code.  The misses are listed: they show names the tagger misreads (a
country taken for a person, a capital for a pronoun) that the resolver does not yet repair.
Norway itself is left out (it is the target).
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from importlib.resources import files
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from eventcoder.pipeline import code_text, load_resources  # noqa: E402

DATE = "2021-04-01"


def _table(name: str) -> list[dict[str, str]]:
    text = files("eventcoder.actors").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return list(csv.DictReader((line for line in text.splitlines() if not line.startswith("#")), delimiter="\t"))


def _sources(resources, text: str) -> set[str]:
    return {e.source.code for e in code_text(text, date=DATE, resources=resources) if e.source}


def sweep(kind: str, resources) -> dict:
    rows: list[tuple[str, str, str]] = []  # (name, expected code, how to compare)
    if kind == "countries":
        rows = [(r["name"], r["iso3"], "exact") for r in _table("countries.tsv") if r["iso3"] != "NOR"]
    elif kind == "capitals":
        rows = [(r["capital"], r["iso3"], "prefix") for r in _table("countries.tsv")
                if r["sovereign"] == "1" and r["capital"] and r["iso3"] != "NOR"]
    elif kind == "igos":
        seen: set[str] = set()
        for r in _table("organizations.tsv"):
            if r["code"].startswith("IGO") and r["name"] not in seen:
                seen.add(r["name"])
                rows.append((r["name"], r["code"], "exact"))
    misses = []
    for name, code, how in rows:
        text = f"{'The ' if kind == 'igos' else ''}{name} criticized Norway on Monday."
        got = _sources(resources, text)
        ok = code in got if how == "exact" else any(g.startswith(code) for g in got)
        if not ok:
            misses.append({"name": name, "expected": code, "got": sorted(got)})
    return {"kind": kind, "names": len(rows), "right": len(rows) - len(misses), "misses": misses}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kind", choices=["countries", "capitals", "igos", "all"], default="all")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    resources = load_resources()
    kinds = ["countries", "capitals", "igos"] if args.kind == "all" else [args.kind]
    reports = [sweep(k, resources) for k in kinds]
    if args.json:
        print(json.dumps(reports, indent=1, ensure_ascii=False))
        return 0
    for rep in reports:
        share = rep["right"] / rep["names"] if rep["names"] else 0.0
        print(f"{rep['kind']:<10} {rep['right']:>4}/{rep['names']:<4} right ({share:.1%})")
        for m in rep["misses"]:
            print(f"    {m['name']!r}: expected {m['expected']}, got {', '.join(m['got']) or 'nothing'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
