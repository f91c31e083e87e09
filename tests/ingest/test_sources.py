"""Paths, folders, .gz, stdin, and the per-document checks (empty, binary, too large)."""

from __future__ import annotations

import gzip
import io
import json
import sys

from eventcoder.ingest import ReadSettings, ReadSummary, read_inputs
from eventcoder.ingest.sources import kind_of
from eventcoder.model import Article, Skipped, SkipReason

S1 = "The president of Kenya met the prime minister of Ethiopia in Nairobi on Monday to discuss trade."
S2 = "Police in Lagos arrested twelve protesters after clashes near the parliament building on Friday."


def test_missing_path_is_unreadable(tmp_path):
    (result,) = read_inputs([str(tmp_path / "nope.txt")])
    assert isinstance(result, Skipped) and result.reason == SkipReason.UNREADABLE


def test_folder_is_read_recursively_by_extension(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text(S1, encoding="utf-8")
    (tmp_path / "two.html").write_text(f"<html><body><article><p>{S2}</p><p>{S1}</p></article></body></html>", encoding="utf-8")
    (tmp_path / "three.txt.gz").write_bytes(gzip.compress(S2.encode()))
    (tmp_path / "skip.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_text(S1, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "blob.txt").write_bytes(b"\x00\x01\x02binary" * 20)
    results = list(read_inputs([str(tmp_path)]))
    sources = [(r.source_path if isinstance(r, Article) else r.source) for r in results]
    assert [s.rsplit("/", 1)[-1] for s in sources] == ["blob.txt", "empty.txt", "three.txt.gz", "two.html", "one.txt"]
    reasons = {s.rsplit("/", 1)[-1]: (r.reason if isinstance(r, Skipped) else "article") for s, r in zip(sources, results, strict=True)}
    assert reasons == {"blob.txt": SkipReason.BINARY, "empty.txt": SkipReason.EMPTY, "three.txt.gz": "article", "two.html": "article", "one.txt": "article"}


def test_too_large_file(tmp_path):
    path = tmp_path / "big.txt"
    path.write_text(S1 * 10, encoding="utf-8")
    (result,) = read_inputs([str(path)], ReadSettings(max_bytes=100))
    assert isinstance(result, Skipped) and result.reason == SkipReason.TOO_LARGE


def test_gzipped_jsonl_corpus(tmp_path):
    path = tmp_path / "c.jsonl.gz"
    path.write_bytes(gzip.compress((json.dumps({"id": "g", "text": S1}) + "\n").encode()))
    (article,) = read_inputs([str(path)])
    assert isinstance(article, Article) and article.doc_id == "g"


def test_broken_gzip_is_unreadable(tmp_path):
    path = tmp_path / "bad.txt.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00garbage")
    (result,) = read_inputs([str(path)])
    assert isinstance(result, Skipped) and result.reason == SkipReason.UNREADABLE


def test_stdin_text_and_jsonl(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(S1.encode())))
    (article,) = read_inputs(["-"])
    assert isinstance(article, Article) and article.source_path is None
    lines = (json.dumps({"id": "1", "text": S1}) + "\n" + json.dumps({"id": "2", "text": S2}) + "\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(lines)))
    assert [a.doc_id for a in read_inputs(["-"])] == ["1", "2"]


def test_latin1_text_file_is_decoded_with_warning(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes((S1 + " The café owner said the naïve plan would fail.").encode("cp1252"))
    (article,) = read_inputs([str(path)])
    assert isinstance(article, Article)
    assert "café" in article.text
    assert any("not UTF-8" in w for w in article.warnings)


def test_unknown_extension_is_sniffed(tmp_path):
    path = tmp_path / "page.dat"
    path.write_text(f"<!DOCTYPE html><html><body><article><p>{S1}</p><p>{S2}</p></article></body></html>", encoding="utf-8")
    (article,) = read_inputs([str(path)])
    assert isinstance(article, Article) and "<p>" not in article.text


def test_kind_of_names():
    assert kind_of("a.warc.gz") == "warc"
    assert kind_of("a.jsonl.gz") == "jsonl"
    assert kind_of("A.HTM") == "html"
    assert kind_of("noext") is None


def test_read_summary_counts_and_failure():
    summary = ReadSummary()
    summary.add(Skipped(reason=SkipReason.NOT_ENGLISH, source="a"))
    summary.end_input("a", 0)
    assert summary.failed  # an input with no article
    ok = ReadSummary()
    ok.add(Article(doc_id="1", text="x"))
    ok.add(Skipped(reason=SkipReason.EMPTY, source="c:2"))
    ok.end_input("c", 0)
    assert not ok.failed
    ok.add(Skipped(reason=SkipReason.MALFORMED, source="c:3"))
    assert ok.failed and ok.errors == 1
    assert ok.format() == "read 1 article; skipped 2 (1 empty, 1 malformed); 1 error"
    assert ok.to_dict()["skipped"] == {"empty": 1, "malformed": 1}
