"""``eventcoder eval`` through click's CliRunner, with a fake coder (no model)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from eventcoder.cli import main

from .helpers import event
from .test_loaders import XML


@pytest.fixture
def gold_xml(tmp_path, monkeypatch):
    path = tmp_path / "toy.xml"
    path.write_text(XML, encoding="utf-8")

    def fake_code_gold(gold, resources=None, **kwargs):
        # right on the pledge, misses the statement, one spurious event on T-2
        return {
            "T-1": [event("FRDGOV", "SYL", "0311", doc_id="T-1", rule="v.pledge")],
            "T-2": [event("FRD", "SYL", "190", doc_id="T-2", rule="v.fake")],
        }

    monkeypatch.setattr("eventcoder.evaluate.run.code_gold", fake_code_gold)
    monkeypatch.setattr("eventcoder.pipeline.load_resources", lambda **kw: object())
    return path


def test_cli_eval_table_and_errors(gold_xml):
    result = CliRunner().invoke(main, ["eval", str(gold_xml), "--errors"])
    assert result.exit_code == 0, result.output
    assert "dyad + CAMEO root" in result.output
    assert "0.500" in result.output  # P = R = 1/2
    assert "rule: v.fake" in result.output
    assert "FN missed" in result.output


def test_cli_eval_json(gold_xml):
    result = CliRunner().invoke(main, ["eval", str(gold_xml), "--format", "json", "--level", "code"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert list(data["levels"]) == ["code"]
    assert data["levels"]["code"]["tp"] == 1 and data["levels"]["code"]["fp"] == 1


def test_cli_eval_gate_and_update_baseline(gold_xml, tmp_path):
    baseline = tmp_path / "floors.json"
    runner = CliRunner()
    result = runner.invoke(main, ["eval", str(gold_xml), "--update-baseline", "--baseline", str(baseline)])
    assert result.exit_code == 0, result.output
    floors = json.loads(baseline.read_text())["sets"]["toy"]["floors"]
    assert floors["root"]["f1"] == 0.5
    assert runner.invoke(main, ["eval", str(gold_xml), "--gate", "--baseline", str(baseline)]).exit_code == 0
    data = json.loads(baseline.read_text())
    data["sets"]["toy"]["floors"]["root"]["f1"] = 0.9
    baseline.write_text(json.dumps(data))
    result = runner.invoke(main, ["eval", str(gold_xml), "--gate", "--baseline", str(baseline)])
    assert result.exit_code == 1
    assert "gate FAILED: toy root f1" in result.output


def test_cli_eval_usage_errors(gold_xml):
    runner = CliRunner()
    assert runner.invoke(main, ["eval", str(gold_xml), "--gate", "--limit", "1"]).exit_code == 2
    result = runner.invoke(main, ["eval", "no-such-set"])
    assert result.exit_code == 1 and "known name" in result.output
