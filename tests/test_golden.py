"""Golden event outputs: the bundled sample articles (our own text) and the seed article.

``pytest --update-golden`` rewrites the expected files; review the diff before committing.
Files are canonical JSON (sorted keys, indent 2).  The seed article belongs to a third
party, so its golden file keeps codes, dates and rule ids but none of its text.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventcoder.ingest import read_inputs
from eventcoder.model import Article, Skipped, to_dict
from eventcoder.pipeline import code_article

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))


def _canonical(data: object) -> str:
    return json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _read_one(path: Path) -> Article:
    (item,) = list(read_inputs([str(path)]))
    assert not isinstance(item, Skipped), item
    return item


def _check(path: Path, actual: str, update: bool) -> None:
    if update or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        if not update:
            pytest.fail(f"{path} did not exist; written now — review it and rerun")
    assert actual == path.read_text(encoding="utf-8"), f"{path} changed (pytest --update-golden to accept)"


@pytest.mark.parametrize("sample", SAMPLES, ids=[p.stem for p in SAMPLES])
def test_golden_sample_events(resources, sample: Path, update_golden: bool):
    article = _read_one(sample)
    events = code_article(article, resources).events
    assert events, "a sample article without events"
    case = GOLDEN / sample.stem
    _check(case / "article.json", _canonical(to_dict(article) | {"source_path": sample.name}), update_golden)
    _check(case / "events.json", _canonical([to_dict(e) for e in events]), update_golden)


def _seed_view(event) -> dict:
    return {
        "sentence_index": event.sentence_index,
        "date": event.date,
        "date_precision": event.date_precision,
        "source": event.source.code if event.source else None,
        "source_name": event.source.name if event.source and event.source.kind == "person" else None,
        "target": event.target.code if event.target else None,
        "cameo": event.cameo,
        "modality": event.modality,
        "negated": event.negated,
        "rule": event.evidence.rule,
        "place": event.location.canonical if event.location else None,
        "reported_by": event.reported_by.code if event.reported_by else None,
        "symmetric": event.symmetric,
    }


@pytest.fixture(scope="module")
def seed_events(shared_dir, resources):
    article = _read_one(shared_dir / "seed" / "phnom-penh-post-2022-09-29.txt")
    assert article.published == "2022-09-29"
    return article, code_article(article, resources).events


def test_golden_seed_events(seed_events, update_golden: bool):
    _, events = seed_events
    _check(GOLDEN / "seed" / "events.json", _canonical([_seed_view(e) for e in events]), update_golden)


def _has(events, **want) -> bool:
    return any(all(_seed_view(e)[k] == v for k, v in want.items()) for e in events)


@pytest.mark.parametrize(
    "want",
    [
        # Kishida meets Hun Sen in Tokyo on 2022-09-28
        dict(source="JPNGOV", target="KHMGOV", cameo="040", date="2022-09-28", place="Tokyo"),
        # Hun Sen thanks and invites Kishida
        dict(source="KHMGOV", target="JPNGOV", cameo="051"),
        dict(source="KHMGOV", target="JPNGOV", cameo="036"),
        # Kishida accepts (the invitation made by Hun Sen)
        dict(source="JPNGOV", target="KHMGOV", rule="v.accept.invitation"),
        # Kishida asks Hun Sen for support
        dict(source="JPNGOV", target="KHMGOV", cameo="022"),
        # the planned November visit, intended
        dict(source="JPNGOV", target="KHM", date="2022-11", modality="intended"),
        # Kishida's March visit
        dict(source="JPNGOV", target="KHM", cameo="042", date="2022-03"),
    ],
)
def test_seed_has_the_analysts_events(seed_events, want):
    _, events = seed_events
    assert _has(events, **want), want


def test_seed_junk_yields_no_events(seed_events):
    article, events = seed_events
    junk = ("Ry Sochan", "scroll to top", "The Phnom Penh Post", "SPM")
    assert all(not any(j in e.sentence for j in junk) for e in events)
    assert all(j not in article.text for j in ("scroll to top", "SPM"))
