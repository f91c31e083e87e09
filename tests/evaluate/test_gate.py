"""The quality gate: floors in eval_baseline.json, and the gate on the real gold sets."""

from __future__ import annotations

import json

import pytest

from eventcoder.errors import ConfigError
from eventcoder.evaluate.gate import check_gate, read_baseline, update_baseline, write_baseline
from eventcoder.evaluate.gold import GoldActor, GoldEvent, GoldItem, GoldSet
from eventcoder.evaluate.score import score_gold

from .helpers import event


def toy(sha: str = "abc") -> GoldSet:
    items = tuple(
        GoldItem(
            id=f"d{i}",
            text="x",
            date=None,
            events=(GoldEvent(source=GoldActor(country="AAA"), target=GoldActor(country="BBB"), root="04"),),
        )
        for i in range(3)
    )
    return GoldSet(name="toy", path="", items=items, levels=("root", "type"), corpus_sha256=sha)


def report_with(hits: int):
    gold = toy()
    coded = {f"d{i}": [event("AAA", "BBB", "040" if i < hits else "190", doc_id=f"d{i}")] for i in range(3)}
    return score_gold(gold, coded), gold


def test_update_baseline_rounds_down_and_check_passes(tmp_path):
    report, gold = report_with(2)  # P = R = F1 = 2/3
    data = update_baseline({}, [(report, gold)])
    floors = data["sets"]["toy"]["floors"]["root"]
    assert floors == {"precision": 0.66, "recall": 0.66, "f1": 0.66}
    assert data["sets"]["toy"]["corpus_sha256"] == "abc"
    path = tmp_path / "baseline.json"
    write_baseline(path, data)
    assert read_baseline(path) == data
    result = check_gate(report, gold, read_baseline(path))
    assert result.passed and result.checked == 6


def test_gate_fails_when_score_drops_more_than_tolerance():
    good, gold = report_with(3)
    data = update_baseline({}, [(good, gold)])
    worse, _ = report_with(2)
    result = check_gate(worse, gold, data)
    assert not result.passed
    assert {(f.level, f.metric) for f in result.failures} >= {("root", "f1"), ("type", "f1")}
    assert "below the floor 1.00" in str(result.failures[0])


def test_gate_tolerates_small_drops():
    report, gold = report_with(2)
    data = {"tolerance": 0.01, "sets": {"toy": {"floors": {"root": {"f1": 0.67}}}}}
    assert check_gate(report, gold, data).passed  # 0.667 >= 0.67 - 0.01
    data["sets"]["toy"]["floors"]["root"]["f1"] = 0.68
    assert not check_gate(report, gold, data).passed


def test_gate_skips_changed_corpus_and_unpinned_sets():
    report, gold = report_with(0)
    data = update_baseline({}, [report_with(3)])
    other = toy(sha="different")
    result = check_gate(report, other, data)
    assert result.passed and result.checked == 0 and "differs" in result.notes[0]
    assert check_gate(report, gold, {"sets": {}}).notes == ("no floors pinned",)


def test_update_baseline_refuses_to_lower_floors():
    data = update_baseline({}, [report_with(3)])
    with pytest.raises(ConfigError, match="allow-regression"):
        update_baseline(data, [report_with(1)])
    lowered = update_baseline(data, [report_with(1)], allow_regression=True)
    assert lowered["sets"]["toy"]["floors"]["root"]["f1"] == 0.33


def test_read_baseline_rejects_bad_json(tmp_path):
    path = tmp_path / "b.json"
    path.write_text("{nope")
    with pytest.raises(ConfigError, match="not valid JSON"):
        read_baseline(path)
    assert read_baseline(tmp_path / "missing.json")["sets"] == {}


# ---------------------------------------------------------------- the real gate
GATED = ("plover", "conflibert", "case2021", "plv")


@pytest.mark.model
@pytest.mark.shared
def test_gate_holds_on_gold_sets(shared_dir, resources, monkeypatch):
    """Scores on the PLOVER, ConfliBERT, CASE 2021 and PLV sets stay within 0.01 of eval_baseline.json."""
    from eventcoder.evaluate import evaluate_gold, load_gold
    from eventcoder.evaluate.gate import default_baseline_path

    gold_dir = shared_dir / "gold"
    if not gold_dir.is_dir():
        pytest.skip(f"gold sets not found at {gold_dir}: the accuracy gate needs ../shared/gold")
    monkeypatch.setenv("EVENTCODER_GOLD", str(gold_dir))
    baseline = read_baseline(default_baseline_path())
    failures = []
    for name in GATED:
        gold = load_gold(name)
        report = evaluate_gold(gold, resources, errors=False)
        result = check_gate(report, gold, baseline)
        assert result.checked or "differs" in " ".join(result.notes), f"no floors pinned for {name}"
        failures += [str(f) for f in result.failures]
    assert not failures, "accuracy fell below eval_baseline.json: " + "; ".join(failures)


def test_baseline_file_is_valid_and_pins_gated_sets():
    from eventcoder.evaluate.gate import default_baseline_path

    data = json.loads(default_baseline_path().read_text(encoding="utf-8"))
    for name in GATED:
        floors = data["sets"][name]["floors"]
        assert {"case2021": "type", "plv": "dyadtype"}.get(name, "root") in floors
        for metrics in floors.values():
            assert all(0.0 <= v <= 1.0 for v in metrics.values())
