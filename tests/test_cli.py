"""The `eventcoder code` command end to end: formats, stdin, and bad input that must give
a clear one-line error or a counted skip, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.cli import main

pytestmark = pytest.mark.model

TEXT = "Peruvian police arrested twelve Chilean protesters in Lima on Monday.\n"


def run(args: list[str], input: str | bytes | None = None):
    return CliRunner().invoke(main, args, input=input, catch_exceptions=False)


def test_cli_code_jsonl_to_stdout(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = run(["code", str(path), "--date", "2023-05-10"])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events and events[0]["source"]["code"].startswith("PER")
    assert events[0]["date"] == "2023-05-08"
    assert "1 articles" in result.stderr


@pytest.mark.parametrize("fmt, marker", [("csv", "event_id,"), ("table", "DATE")])
def test_cli_code_other_formats(tmp_path: Path, fmt: str, marker: str):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = run(["code", str(path), "--format", fmt])
    assert result.exit_code == 0
    assert result.stdout.startswith(marker)


def test_cli_code_reads_stdin():
    result = run(["code", "-", "--date", "2023-05-10"], input=TEXT)
    assert result.exit_code == 0
    assert '"cameo"' in result.stdout


def test_cli_code_writes_output_file(tmp_path: Path):
    src, out = tmp_path / "a.txt", tmp_path / "out.jsonl"
    src.write_text(TEXT, encoding="utf-8")
    assert run(["code", str(src), "-o", str(out)]).exit_code == 0
    assert out.read_text(encoding="utf-8").count("\n") >= 1


@pytest.mark.parametrize(
    "name, content, reason",
    [
        ("empty.txt", b"", "empty"),
        ("blob.bin", bytes(range(256)) * 40, "binary"),
    ],
)
def test_cli_code_bad_file_is_a_clear_error(tmp_path: Path, name: str, content: bytes, reason: str):
    path = tmp_path / name
    path.write_bytes(content)
    result = run(["code", str(path)])
    assert result.exit_code != 0
    assert reason in result.stderr
    assert "Traceback" not in result.output


def test_cli_code_missing_path_is_a_clear_error(tmp_path: Path):
    result = run(["code", str(tmp_path / "nope.txt")])
    assert result.exit_code != 0
    assert "nope.txt" in result.stderr and "Traceback" not in result.output


def test_cli_code_non_utf8_is_decoded_with_a_warning(tmp_path: Path):
    path = tmp_path / "latin1.txt"
    path.write_bytes(("Peruvian police arrested Chilean protesters in Lima, se\u00f1or.\n" * 3).encode("latin-1"))
    result = run(["code", str(path), "--date", "2023-05-10"])
    assert result.exit_code == 0
    assert '"cameo"' in result.stdout


def test_cli_code_batch_counts_skips_and_goes_on(tmp_path: Path):
    good, bad = tmp_path / "good.txt", tmp_path / "empty.txt"
    good.write_text(TEXT, encoding="utf-8")
    bad.write_bytes(b"")
    result = run(["code", str(good), str(bad)])
    # the good file is coded; the empty one, named as an INPUT, gave no article: exit 1,
    # the same rule as `eventcoder read` and `ingest` (docs/reading.md)
    assert result.exit_code == 1
    assert '"cameo"' in result.stdout
    assert "skipped: 1 empty" in result.stderr


def test_cli_bad_date_is_a_usage_error(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = run(["code", str(path), "--date", "yesterday"])
    assert result.exit_code != 0
    assert "YYYY-MM-DD" in result.stderr


# --- --statements: GDELT-style output (issue 13) ------------------------------------------

REPORTED = "Peru attacked Chilean troops on Monday, Chilean officials said.\n"


@pytest.mark.issue(13)
def test_cli_code_attribution_is_no_event_unless_statements(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_text(REPORTED, encoding="utf-8")
    plain = [json.loads(line) for line in run(["code", str(path), "--date", "2008-05-14"]).stdout.splitlines()]
    assert plain and not any(e["cameo"] == "010" for e in plain)
    (attack,) = [e for e in plain if e["cameo_root"] == "19"]
    assert attack["modality"] == "reported" and attack["reported_by"]["code"] == "CHLGOV"
    kept = [json.loads(line) for line in run(["code", str(path), "--date", "2008-05-14", "--statements"]).stdout.splitlines()]
    assert any(e["cameo"] == "010" and e["source"]["code"] == "CHLGOV" and e["target"] is None for e in kept)


@pytest.mark.issue(13)
def test_cli_ingest_statements_reaches_the_coder_and_is_recorded(tmp_path: Path):
    from eventcoder.store import Store

    path = tmp_path / "a.txt"
    path.write_text(REPORTED, encoding="utf-8")
    counts = {}
    for flag in ([], ["--statements"]):
        db = tmp_path / f"events{len(flag)}.db"
        result = run(["--silent", "ingest", str(path), "--db", str(db), *flag])
        assert result.exit_code == 0, result.output
        with Store(db, readonly=True) as store:
            counts[bool(flag)] = sum(e.cameo == "010" for e in store.iter_events())
            coding = store.meta()["last_ingest"]["coding"]
            assert coding["statements"] == bool(flag)
            assert not coding["rerank"] and not coding["fill"]  # the learned scorer (issue 16) stays off
    assert counts == {False: 0, True: 1}


@pytest.mark.issue(13)
def test_cli_eval_statements_cannot_move_floors():
    result = CliRunner().invoke(main, ["eval", "plover", "--statements", "--update-baseline"])
    assert result.exit_code == 2 and "--statements" in result.output


@pytest.mark.issue(13)
def test_ingest_workers_load_the_settings():
    from eventcoder.pipeline import CodingSettings
    from eventcoder.store import batch

    batch._init_worker(CodingSettings(statements=True))
    try:
        assert batch._WORKER_RESOURCES.settings == CodingSettings(statements=True)
    finally:
        batch._WORKER_RESOURCES = None
