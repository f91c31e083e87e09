"""`eventcoder read`: Article JSONL on stdout, skips and a summary on stderr, exit status."""

from __future__ import annotations

import json

from click.testing import CliRunner

from eventcoder.cli import main

S1 = "The president of Kenya met the prime minister of Ethiopia in Nairobi on Monday to discuss trade."


def _runner() -> CliRunner:
    try:
        return CliRunner(mix_stderr=False)
    except TypeError:  # click >= 8.2 keeps stderr apart already
        return CliRunner()


def test_cli_read_prints_articles_and_summary(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text(f"Kenya and Ethiopia talk trade\n\nNAIROBI – {S1}\n", encoding="utf-8")
    result = _runner().invoke(main, ["read", str(good)])
    assert result.exit_code == 0, result.stderr
    (line,) = result.stdout.strip().splitlines()
    record = json.loads(line)
    assert record["title"] == "Kenya and Ethiopia talk trade"
    assert record["dateline"] == "Nairobi"
    assert "read 1 article" in result.stderr


def test_cli_read_exit_status_1_when_an_input_fails(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text(S1, encoding="utf-8")
    result = _runner().invoke(main, ["read", str(good), str(tmp_path / "missing.txt")])
    assert result.exit_code == 1
    assert len(result.stdout.strip().splitlines()) == 1
    assert "unreadable" in result.stderr


def test_cli_read_malformed_row_fails_but_rest_is_read(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "1", "text": S1}) + "\n{oops\n", encoding="utf-8")
    result = _runner().invoke(main, ["read", str(corpus)])
    assert result.exit_code == 1
    assert json.loads(result.stdout)["doc_id"] == "1"
    assert f"{corpus}:2" in result.stderr


def test_cli_read_lang_any_and_field_options(tmp_path):
    corpus = tmp_path / "c.jsonl"
    german = "Die Bundesregierung hat am Dienstag beschlossen, die Hilfen für die Landwirtschaft deutlich zu erhöhen."
    corpus.write_text(json.dumps({"key": "d", "body": german, "link": "http://x"}) + "\n", encoding="utf-8")
    args = ["read", str(corpus), "--text-field", "body", "--id-field", "key", "--url-field", "link"]
    skipped = _runner().invoke(main, args)
    assert skipped.exit_code == 1 and "not_english" in skipped.stderr
    kept = _runner().invoke(main, [*args, "--lang", "any"])
    assert kept.exit_code == 0
    record = json.loads(kept.stdout)
    assert (record["doc_id"], record["url"], record["language"]) == ("d", "http://x", "de")
