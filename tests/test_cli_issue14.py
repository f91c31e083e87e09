"""Issue 14: one validation for the CLI and the API, one exit-code rule for read / code /
ingest, one-line output-path errors, the parser's length limit, --date and undated
documents, typed analyst exports."""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.cli import main
from eventcoder.model import Article

pytestmark = pytest.mark.issue(14)

TEXT = "Peruvian police arrested twelve Chilean protesters in Lima on Monday."


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    from eventcoder.store import ingest_articles

    from tests.store._factory import article, fake_coder

    path = tmp_path_factory.mktemp("cli14") / "events.db"
    items = [article(f"doc{i:02d}", f"Story {i} about diplomacy.", url=f"https://news.example/{i}",
                     title=f"Title {i}", publisher="Example News") for i in range(30)]
    items.append(article("undated", "A story without a date.", published=None))
    ingest_articles(items, path, coder=_with_undated(fake_coder))
    return path


def _with_undated(coder):
    from dataclasses import replace

    from tests.store._factory import make_event

    def code(a):
        if a.doc_id == "undated":
            return [replace(make_event("undated", 0, date=None, cameo="010", quad=1, goldstein=0.0), coder="x")]
        return coder(a)

    return code


# ------------------------------------------------------------------ one validation
@pytest.mark.parametrize(
    ("args", "word"),
    [
        (["--since", "2005-02-30"], "since"),
        (["--until", "2022-13"], "until"),
        (["--cameo", "999"], "CAMEO"),
        (["--cameo", "x1"], "CAMEO"),
        (["--plover", "FOO"], "PLOVER"),
        (["--source", "ISR;DROP"], "source"),
        (["--since", "2023", "--until", "2022"], "inverted"),
        (["--dyad", "ISR"], "dyad"),
    ],
)
@pytest.mark.parametrize("command", ["query", "export"])
def test_cli_bad_filter_exits_2_with_one_line(db, tmp_path, command, args, word):
    extra = ["--format", "csv", "-o", tmp_path / "x.csv"] if command == "export" else []
    result = run(command, "--db", db, *extra, *args)
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and word in lines[0] and "Traceback" not in result.output


def test_cli_and_api_refuse_the_same_values(db, test_client_cls_or_skip):
    from eventcoder.web import create_app

    cases = [{"since": "2005-02-30"}, {"cameo": "999"}, {"plover": "FOO"}, {"cameo": "04"}, {"plover": "CONSULT"}]
    with test_client_cls_or_skip(create_app(db), raise_server_exceptions=False) as client:
        for params in cases:
            (name, value), = params.items()
            api = client.get("/api/events", params=params).status_code
            cli = run("query", "--db", db, f"--{name}", value).exit_code
            assert (api == 400) == (cli == 2), params


# ------------------------------------------------------------------ exit codes
@pytest.mark.model
def test_cli_code_malformed_corpus_exits_1_like_read(tmp_path):
    bad = tmp_path / "malformed.jsonl"
    bad.write_text(json.dumps({"id": "g", "text": TEXT}) + '\n{"text": "ok"\nnot json\n', encoding="utf-8")
    assert run("read", bad).exit_code == 1
    assert run("code", bad).exit_code == 1


@pytest.mark.model
def test_cli_exit_codes_agree_for_read_code_ingest(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(TEXT, encoding="utf-8")
    mixed = tmp_path / "mixed.jsonl"
    mixed.write_text(json.dumps({"id": "m1", "text": TEXT}) + "\nnot json\n", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    for inputs, status in ([[good], 0], [[mixed], 1], [[good, missing], 1]):
        got = [run("read", *inputs).exit_code, run("code", *inputs).exit_code,
               run("ingest", *inputs, "--db", tmp_path / f"e{status}{len(inputs)}.db").exit_code]
        assert got == [status] * 3, (inputs, got)


# ------------------------------------------------------------------ output paths
@pytest.mark.parametrize("fmt", ["parquet", "csv", "gdelt"])
def test_cli_export_to_missing_folder_is_one_line(db, tmp_path, fmt):
    result = run("export", "--db", db, "--format", fmt, "-o", tmp_path / "missing-dir" / f"x.{fmt}")
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1 and "does not exist" in result.output


def test_cli_export_to_readonly_folder_is_one_line(db, as_reader):
    import shutil
    import tempfile

    work = Path(tempfile.mkdtemp(prefix="ec-ro-out-"))
    try:
        shutil.copy(db, work / "events.db")
        folder = work / "ro"
        folder.mkdir()
        for path, mode in ((work, 0o755), (work / "events.db", 0o644), (folder, 0o555)):
            os.chmod(path, mode)
        proc = as_reader(["export", "--db", work / "events.db", "--format", "csv", "-o", folder / "x.csv"])
        assert proc.returncode == 1, proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1 and "read-only" in proc.stderr
    finally:
        shutil.rmtree(work)


def test_cli_export_write_failure_is_one_line(db, tmp_path, monkeypatch):
    import eventcoder.export as export

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(export, "_write_stream", refuse)
    result = run("export", "--db", db, "--format", "csv", "-o", tmp_path / "x.csv")
    assert result.exit_code == 1 and len(result.output.strip().splitlines()) == 1
    assert "Permission denied" in result.output and "Traceback" not in result.output


@pytest.mark.model
def test_cli_code_output_to_missing_folder_is_one_line(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    result = run("code", src, "-o", tmp_path / "missing-dir" / "x.csv", "--format", "csv")
    assert result.exit_code == 1
    assert len(result.output.strip().splitlines()) == 1 and "does not exist" in result.output


# ------------------------------------------------------------------ the parser's limit
@pytest.mark.model
def test_cli_code_skips_text_over_parser_limit_and_keeps_the_batch(tmp_path):
    corpus = tmp_path / "big.jsonl"
    huge = ("The minister spoke about the weather in the capital. " * 20_000)[:1_100_000]
    corpus.write_text(json.dumps({"id": "huge", "text": huge}) + "\n" + json.dumps({"id": "small", "text": TEXT}) + "\n",
                      encoding="utf-8")
    result = run("code", corpus, "--max-bytes", 5_000_000)
    assert result.exit_code == 0, result.output
    assert "parser's limit" in result.stderr and "1 too_large" in result.stderr
    assert {json.loads(line)["doc_id"] for line in result.stdout.splitlines()} == {"small"}
    db = tmp_path / "e.db"
    ingested = run("ingest", corpus, "--db", db)
    assert ingested.exit_code == 0, ingested.output
    assert "0 errors" in ingested.stderr and "1 too_large" in ingested.stderr


# ------------------------------------------------------------------ dates
@pytest.mark.model
def test_cli_ingest_date_and_undated_warning(tmp_path):
    db = tmp_path / "e.db"
    undated = run("ingest", "-", "--db", db, input=TEXT)
    assert undated.exit_code == 0
    assert "no publication date" in undated.stderr and "1 undated" in undated.stderr
    dated = run("ingest", "-", "--db", tmp_path / "d.db", "--date", "2023-05-10", input=TEXT)
    assert dated.exit_code == 0 and "undated" not in dated.stderr
    from eventcoder.store import Store

    with Store(tmp_path / "d.db", readonly=True) as store:
        (doc,) = store.documents()
        assert doc.published == "2023-05-10"
        assert store.events()[0].date == "2023-05-08"
    bad = run("ingest", "-", "--db", tmp_path / "x.db", "--date", "2023-02-30", input=TEXT)
    assert bad.exit_code == 2 and len(bad.output.strip().splitlines()) == 1


def test_read_date_fills_missing_publication_date(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "a", "text": TEXT}) + "\n" + json.dumps({"id": "b", "text": TEXT, "date": "2020-01-02"}) + "\n")
    out = run("read", corpus, "--date", "2023-05-10")
    assert out.exit_code == 0
    dates = [json.loads(line)["published"] for line in out.stdout.splitlines()]
    assert dates == ["2023-05-10", "2020-01-02"]


# ------------------------------------------------------------------ analyst exports
def test_export_parquet_dates_and_codes_typed(db, tmp_path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    out = tmp_path / "e.parquet"
    assert run("export", "--db", db, "--format", "parquet", "-o", out).exit_code == 0
    frame = pd.read_parquet(out)
    assert str(frame["date"].dtype).startswith("datetime64")
    dates = frame["date"]
    dated = frame["date_precision"] != "article"
    assert dates.isna().sum() == 1  # the one undated event
    assert not dates[dated].isna().any()
    assert set(frame["cameo"]) >= {"010"} and frame["cameo"].map(type).eq(str).all()
    assert {"url", "title", "publisher", "cameo_name", "mentions", "event_uid"} <= set(frame.columns)


def test_export_csv_keeps_leading_zeros_with_documented_dtypes(db, tmp_path):
    pd = pytest.importorskip("pandas")
    from eventcoder.export import CSV_DTYPES, read_csv_frame

    out = tmp_path / "e.csv"
    assert run("export", "--db", db, "--format", "csv", "-o", out).exit_code == 0
    with out.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    assert {"url", "title", "publisher", "location_admin1", "cameo_name", "plover_type", "date_precision"} <= set(header)
    frame = pd.read_csv(out, dtype=CSV_DTYPES, parse_dates=["date", "published"])
    assert "010" in set(frame["cameo"]) and frame["cameo"].str.len().min() >= 3
    typed = read_csv_frame(out)
    assert str(typed["date"].dtype).startswith("datetime64") and typed["date"].isna().sum() == 1
    assert typed["title"].notna().sum() >= 1 and (typed["url"].dropna().str.startswith("https://")).all()
    assert str(typed["quad_class"].dtype) == "Int64" and str(typed["negated"].dtype) == "boolean"


@pytest.mark.parametrize("fmt", ["gdelt", "icews", "polecat"])
def test_export_event_tables_leave_undated_out_and_say_so(db, tmp_path, fmt):
    out = tmp_path / f"e.{fmt}"
    result = run("export", "--db", db, "--format", fmt, "-o", out)
    assert result.exit_code == 0, result.output
    assert "1 undated left out" in result.stderr
    lines = out.read_text(encoding="utf-8").splitlines()
    if fmt == "gdelt":
        assert all(line.split("\t")[1] for line in lines)  # every row has its Day
    else:
        from eventcoder.export import ICEWS_COLUMNS, POLECAT_COLUMNS

        columns = ICEWS_COLUMNS if fmt == "icews" else POLECAT_COLUMNS
        assert lines[0].split("\t") == list(columns)
        rows = [dict(zip(columns, line.split("\t"), strict=True)) for line in lines[1:]]
        assert rows and all(r["Event Date"] for r in rows)


def test_export_takes_the_query_filters(db, tmp_path):
    from eventcoder.store import EventFilter, Store

    out = tmp_path / "jpn.jsonl"
    result = run("export", "--db", db, "--format", "jsonl", "-o", out, "--source", "JPN", "--unit", "mentions")
    assert result.exit_code == 0, result.output
    ids = [json.loads(line)["event_id"] for line in out.read_text().splitlines()]
    with Store(db, readonly=True) as store:
        assert ids == [e.event_id for e in store.events(EventFilter(source="JPN"))] and ids


def test_store_to_pandas_typed_events(db):
    pytest.importorskip("pandas")
    from eventcoder.store import EventFilter, Store

    with Store(db, readonly=True) as store:
        frame = store.to_pandas(EventFilter(quad_class=4))
        assert len(frame) == store.count(EventFilter(quad_class=4))
        assert frame["cameo"].str.match(r"^\d{3,4}$").all()
        assert str(frame["date"].dtype).startswith("datetime64")
        assert (frame["mentions"] >= 1).all()


def test_article_model_unchanged_by_default_date():
    from eventcoder.ingest import ReadSettings
    from eventcoder.ingest.build import build_article

    a = build_article(text=TEXT, settings=ReadSettings(default_date="2020-01-01"), source="x")
    assert isinstance(a, Article) and a.published == "2020-01-01"
