"""Evaluate HTML reading on ../shared/html: body-text token F1 and title / date / author
accuracy, eventcoder's ``read_html`` beside plain trafilatura in the same run.

    .venv/bin/python bench/eval_html.py [--shared ../shared] [--limit N] [--json]

Data (see ../shared/html/SOURCES.md): ``scrapinghub_aeb`` (article-extraction-benchmark,
expected body text), ``fundus`` (expected body, title, date, authors) and
``mozilla_readability`` (expected title, byline, date).  Only English pages count: a page
is English when its expected text is English to py3langid (readability: its ``lang``
says ``en``, or it has none and the text is English).

Body F1: bag-of-words over lowercased ``\\w+`` tokens, per page, averaged over pages (the
scorer of the article-extraction-benchmark).  A page the reader skips scores 0.
Title: equal after case-folding and collapsing whitespace and quotes.  Date: same
``YYYY-MM-DD`` (the expected value's own calendar day).  Authors: the same set of name
tokens (lowercased words, "by"/"and" left out).  Pages without an expected value do
not count for that field.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from eventcoder.ingest import ReadSettings, read_html  # noqa: E402
from eventcoder.ingest.dates import to_iso_date  # noqa: E402
from eventcoder.ingest.language import identify_language  # noqa: E402
from eventcoder.model import Article  # noqa: E402

_TOKEN = re.compile(r"\w+")
_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})


def _html(shared: Path, rel: str) -> bytes:
    path = shared / "html" / rel
    data = path.read_bytes()
    return gzip.decompress(data) if rel.endswith(".gz") else data


def _english(text: str | None) -> bool:
    return bool(text) and identify_language(text)[0] == "en"


def load_pages(shared: Path, limit: int | None) -> list[dict[str, Any]]:
    pages = []
    for row in _rows(shared / "html/scrapinghub_aeb/index.jsonl"):
        if _english(row["expected_text"]):
            pages.append({"set": "scrapinghub_aeb", "id": row["id"], "path": row["html_path"], "url": row.get("url"), "text": row["expected_text"]})
    for row in _rows(shared / "html/fundus/index.jsonl"):
        if _english(row.get("expected_text")):
            pages.append({
                "set": "fundus", "id": row["id"], "path": row["html_path"], "url": row.get("url"), "text": row["expected_text"],
                "title": row.get("expected_title"), "date": row.get("expected_date"), "authors": row.get("expected_authors") or None,
            })  # fmt: skip
    for row in _rows(shared / "html/mozilla_readability/index.jsonl"):
        lang = (row.get("lang") or "").lower()
        if lang.startswith("en") or (not lang and _english(row.get("expected_text_approx"))):
            pages.append({
                "set": "mozilla_readability", "id": row["id"], "path": row["html_path"], "url": None, "text": None,
                "title": row.get("expected_title"), "date": row.get("expected_date"),
                "authors": [row["expected_byline"]] if row.get("expected_byline") else None,
            })  # fmt: skip
    if limit:
        by_set: dict[str, list] = {}
        for page in pages:
            by_set.setdefault(page["set"], []).append(page)
        pages = [p for group in by_set.values() for p in group[:limit]]
    return pages


def _rows(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def token_prf(predicted: str | None, expected: str) -> tuple[float, float, float]:
    got = Counter(_TOKEN.findall((predicted or "").lower()))
    want = Counter(_TOKEN.findall(expected.lower()))
    overlap = sum((got & want).values())
    if not got or not want or not overlap:
        return 0.0, 0.0, 0.0
    p, r = overlap / sum(got.values()), overlap / sum(want.values())
    return p, r, 2 * p * r / (p + r)


def _norm_title(value: str | None) -> str:
    return " ".join((value or "").translate(_QUOTES).casefold().split())


def _name_tokens(names: list[str] | tuple[str, ...] | None) -> frozenset[str]:
    words = _TOKEN.findall(" ".join(names or ()).casefold())
    return frozenset(w for w in words if w not in {"by", "and"})


def run_eventcoder(html: bytes, url: str | None) -> dict[str, Any]:
    result = read_html(html, url=url, settings=ReadSettings())
    if not isinstance(result, Article):
        return {"text": None, "title": None, "date": None, "authors": None, "skipped": result.reason.value}
    return {"text": result.text, "title": result.title, "date": result.published, "authors": list(result.byline), "skipped": None}


def run_trafilatura(html: bytes, url: str | None) -> dict[str, Any]:
    import trafilatura

    text = trafilatura.extract(html, url=url)
    meta = trafilatura.extract_metadata(html, default_url=url)
    authors = [a.strip() for a in (meta.author or "").split(";") if a.strip()] if meta else []
    return {
        "text": text,
        "title": meta.title if meta else None,
        "date": to_iso_date(meta.date) if meta else None,
        "authors": authors,
        "skipped": None if text else "no_article",
    }


SYSTEMS = {"eventcoder": run_eventcoder, "trafilatura": run_trafilatura}


def evaluate(shared: Path, limit: int | None = None) -> dict[str, Any]:
    pages = load_pages(shared, limit)
    scores: dict[tuple[str, str], dict[str, list[float]]] = {}
    seconds: Counter[str] = Counter()
    for page in pages:
        html = _html(shared, page["path"])
        for system, run in SYSTEMS.items():
            started = time.perf_counter()
            got = run(html, page["url"])
            seconds[system] += time.perf_counter() - started
            bucket = scores.setdefault((page["set"], system), {})
            if page.get("text"):
                p, r, f = token_prf(got["text"], page["text"])
                bucket.setdefault("body_p", []).append(p)
                bucket.setdefault("body_r", []).append(r)
                bucket.setdefault("body_f1", []).append(f)
            if page.get("title"):
                bucket.setdefault("title", []).append(float(_norm_title(got["title"]) == _norm_title(page["title"])))
            if page.get("date"):
                bucket.setdefault("date", []).append(float(got["date"] is not None and got["date"] == to_iso_date(page["date"])))
            if page.get("authors"):
                bucket.setdefault("authors", []).append(float(_name_tokens(got["authors"]) == _name_tokens(page["authors"])))
            bucket.setdefault("skipped", []).append(float(got["skipped"] is not None))
    table = []
    for (dataset, system), bucket in sorted(scores.items()):
        row: dict[str, Any] = {"dataset": dataset, "system": system, "pages": len(bucket["skipped"])}
        for key, values in bucket.items():
            row[key] = round(statistics.fmean(values), 3) if key != "skipped" else int(sum(values))
            if key in ("title", "date", "authors"):
                row[f"{key}_n"] = len(values)
        table.append(row)
    return {"pages": len(pages), "seconds": {k: round(v, 1) for k, v in seconds.items()}, "results": table}


def _print_table(report: dict[str, Any]) -> None:
    columns = ["dataset", "system", "pages", "skipped", "body_p", "body_r", "body_f1", "title", "date", "authors"]
    print(" | ".join(f"{c:>19}" if i < 2 else f"{c:>7}" for i, c in enumerate(columns)))
    for row in report["results"]:
        cells = []
        for i, c in enumerate(columns):
            value = row.get(c, "")
            if c in ("title", "date", "authors") and value != "":
                value = f"{value:.3f}/{row[c + '_n']}"
            elif isinstance(value, float):
                value = f"{value:.3f}"
            cells.append(f"{value!s:>19}" if i < 2 else f"{value!s:>7}")
        print(" | ".join(cells))
    print(f"pages: {report['pages']}; seconds: {report['seconds']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared", help="the shared data folder")
    parser.add_argument("--limit", type=int, default=None, help="at most N pages per data set")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    if not (args.shared / "html").is_dir():
        print(f"eval_html: no {args.shared / 'html'}; pass --shared", file=sys.stderr)
        return 2
    report = evaluate(args.shared, args.limit)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        _print_table(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
