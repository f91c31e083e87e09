"""`eventcoder actors NAME [--date D]`."""

from __future__ import annotations

import json

from click.testing import CliRunner

from eventcoder.cli import main


def test_kb_cli_actors_json():
    result = CliRunner().invoke(main, ["actors", "Kishida", "--date", "2022-09-28"])
    assert result.exit_code == 0, result.output
    info = json.loads(result.output)
    assert info["person"]["code"] == "JPNGOV"
    assert info["person"]["record"]["start"] == "2021-10-04"


def test_kb_cli_actors_table_and_bad_date():
    runner = CliRunner()
    table = runner.invoke(main, ["actors", "Phnom Penh", "--format", "table"])
    assert table.exit_code == 0 and "KHM" in table.output
    bad = runner.invoke(main, ["actors", "Kishida", "--date", "28/09/2022"])
    assert bad.exit_code == 1 and "YYYY-MM-DD" in bad.output


def test_kb_cli_actors_reads_places_as_the_coder_does():
    # the gazetteer gives a city its country, on the CLI path as in a sentence
    result = CliRunner().invoke(main, ["actors", "police in Mombasa", "--date", "2019-01-01"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["actor"]["code"] == "KENCOP"
