"""Issue 14: the encoding of a JSONL/CSV corpus is decided per record, so a Latin-1 byte
in one row of a UTF-8 file does not become U+FFFD."""

from __future__ import annotations

import json

import pytest

from eventcoder.ingest import ReadSettings, read_inputs
from eventcoder.model import Article

pytestmark = pytest.mark.issue(14)

_UTF8 = "The minister of Perú met the envoy in Bogotá."
_LATIN = "Le ministre a rencontré l'envoyé à Genève, señor."


def _articles(path):
    return [a for a in read_inputs([str(path)], ReadSettings(languages=())) if isinstance(a, Article)]


def test_jsonl_latin1_record_in_utf8_file(tmp_path):
    path = tmp_path / "mixed.jsonl"
    lines = [json.dumps({"id": "u", "text": _UTF8}, ensure_ascii=False).encode("utf-8"),
             json.dumps({"id": "l", "text": _LATIN}, ensure_ascii=False).encode("latin-1")]
    path.write_bytes(b"\n".join(lines) + b"\n")
    got = {a.doc_id: a for a in _articles(path)}
    assert got["u"].text == _UTF8 and got["l"].text == _LATIN
    assert "\ufffd" not in got["l"].text
    assert any("not UTF-8" in w for w in got["l"].warnings) and not got["u"].warnings


def test_csv_latin1_row_after_a_long_utf8_head(tmp_path):
    path = tmp_path / "mixed.csv"
    head = "id,text\n" + "".join(f"u{i},\"{_UTF8} Row {i}.\"\n" for i in range(2000))  # > 64 KB of UTF-8
    path.write_bytes(head.encode("utf-8") + f"l,\"{_LATIN}\"\n".encode("latin-1"))
    got = {a.doc_id: a for a in _articles(path)}
    assert got["l"].text == _LATIN and "\ufffd" not in got["l"].text
    assert any("not UTF-8" in w for w in got["l"].warnings)
    assert got["u5"].text == f"{_UTF8} Row 5." and not got["u5"].warnings
