"""JSONL / JSON / CSV corpora with field mapping; broken rows are reported, not fatal."""

from __future__ import annotations

import json

from eventcoder.ingest import ReadSettings, read_inputs
from eventcoder.model import Article, Skipped, SkipReason

S1 = "The president of Kenya met the prime minister of Ethiopia in Nairobi on Monday to discuss trade."
S2 = "Police in Lagos arrested twelve protesters after clashes near the parliament building on Friday."


def test_jsonl_rows_and_malformed_lines(tmp_path):
    path = tmp_path / "c.jsonl"
    lines = [
        json.dumps({"id": 7, "title": "Kenya talks", "date": "22 Jan 2009", "text": S1, "url": "http://x/1"}),
        "{not json",
        json.dumps({"body": S2}),
        "",
        json.dumps(["a", "list"]),
        json.dumps({"id": "b", "text": S2, "date": "2009-01-22T10:00:00"}),
        json.dumps({"id": "c", "text": "   "}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = list(read_inputs([str(path)]))
    articles = [r for r in results if isinstance(r, Article)]
    skipped = [r for r in results if isinstance(r, Skipped)]
    assert [a.doc_id for a in articles] == ["7", "b"]
    assert articles[0].title == "Kenya talks"
    assert articles[0].published == "2009-01-22"
    assert articles[0].url == "http://x/1"
    assert articles[1].published == "2009-01-22"
    assert [(s.reason, s.source) for s in skipped] == [
        (SkipReason.MALFORMED, f"{path}:2"),
        (SkipReason.MALFORMED, f"{path}:3"),
        (SkipReason.MALFORMED, f"{path}:5"),
        (SkipReason.EMPTY, f"{path}:7"),
    ]


def test_jsonl_field_mapping(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"key": "k1", "headline": "H", "when": "2001-02-03", "body": S1}) + "\n", encoding="utf-8")
    settings = ReadSettings(text_field="body", id_field="key", title_field="headline", date_field="when")
    (article,) = read_inputs([str(path)], settings)
    assert isinstance(article, Article)
    assert (article.doc_id, article.title, article.published) == ("k1", "H", "2001-02-03")


def test_jsonl_row_with_html_text_is_extracted(tmp_path):
    html = f"<html><body><nav>Home | World</nav><article><p>{S1}</p><p>{S2}</p></article></body></html>"
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "h", "text": html}) + "\n", encoding="utf-8")
    (article,) = read_inputs([str(path)])
    assert isinstance(article, Article)
    assert "<p>" not in article.text and "Police in Lagos" in article.text


def test_json_list_file(tmp_path):
    path = tmp_path / "c.json"
    path.write_text(json.dumps([{"id": "a", "text": S1}, {"id": "b"}]), encoding="utf-8")
    first, second = read_inputs([str(path)])
    assert isinstance(first, Article) and first.doc_id == "a"
    assert isinstance(second, Skipped) and second.reason == SkipReason.MALFORMED and second.source.endswith("[1]")


def test_csv_rows_and_bad_row(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text(f'id,title,date,text\n1,A,2010-05-06,"{S1}"\n2,B,2010-05-07\n3,C,,"{S2}"\n', encoding="utf-8")
    results = list(read_inputs([str(path)]))
    assert isinstance(results[0], Article) and results[0].published == "2010-05-06"
    assert isinstance(results[1], Skipped) and results[1].reason == SkipReason.MALFORMED and results[1].source == f"{path}:3"
    assert isinstance(results[2], Article) and results[2].doc_id == "3" and results[2].published is None


def test_csv_without_text_column(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("id,body\n1,hello\n", encoding="utf-8")
    (result,) = read_inputs([str(path)])
    assert isinstance(result, Skipped) and result.reason == SkipReason.MALFORMED and "--text-field" in result.detail


def test_csv_in_latin1_is_decoded_with_warning(tmp_path):
    path = tmp_path / "c.csv"
    text = "id,text\n1,\"" + S1.replace("Nairobi", "Nairobi café") + " Le ministre a été reçu à Genève.\"\n"
    path.write_bytes(text.encode("cp1252"))
    (article,) = read_inputs([str(path)], ReadSettings(languages=()))
    assert isinstance(article, Article)
    assert "café" in article.text
    assert any("not UTF-8" in w for w in article.warnings)


def test_tsv(tmp_path):
    path = tmp_path / "c.tsv"
    path.write_text(f"id\ttext\nx\t{S1}\n", encoding="utf-8")
    (article,) = read_inputs([str(path)])
    assert isinstance(article, Article) and article.doc_id == "x"


def test_jsonl_row_with_markup_but_no_page_layout(tmp_path):
    text = f'<div style="float:left;"> __TOC__ </div> {S1} {S2} &mdash; officials said.'
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps({"id": "w", "text": text}) + "\n", encoding="utf-8")
    (article,) = read_inputs([str(path)])
    assert isinstance(article, Article)
    assert "<div" not in article.text and "Police in Lagos" in article.text
    assert article.warnings
