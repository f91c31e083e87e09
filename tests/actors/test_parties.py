"""Parties by date (issue 11): the hand-kept ``parties.tsv`` lists, for the countries it
covers, every party's spells in the national executive, so a party is coded by CAMEO's
convention as of the article's date: in government ``GOVPTY``, else ``OPPPTY``; an armed
group that ruled (the Taliban) is the government while it ruled."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from eventcoder.actors.kb import DATA_DIR, KnowledgeBase, load_kb
from eventcoder.actors.resolve import resolve_phrase
from eventcoder.errors import CodebookError
from eventcoder.model import Article
from eventcoder.pipeline import code_article


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_the_table_is_well_formed():
    with (DATA_DIR / "parties.tsv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    assert len({r["iso3"] for r in rows}) >= 40
    spells: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for r in rows:
        assert r["note"], r
        if r["start"]:
            dt.date.fromisoformat(r["start"])
            assert not r["end"] or dt.date.fromisoformat(r["end"]) >= dt.date.fromisoformat(r["start"]), r
            spells.setdefault((r["iso3"], r["party"]), []).append((r["start"], r["end"] or "9999"))
    for key, lst in spells.items():  # one party's spells never overlap
        lst.sort()
        assert all(a[1] <= b[0] for a, b in zip(lst, lst[1:])), key


@pytest.mark.parametrize(
    ("iso", "name", "date", "role"),
    [
        ("GBR", "the Conservatives", "2012-06-01", "GOV"),
        ("GBR", "the Conservatives", "2001-06-01", "OPP"),
        ("DEU", "the Greens", "1999-06-01", "GOV"),  # the Schroeder coalitions
        ("DEU", "the Greens", "2010-06-01", "OPP"),
        ("JPN", "Democratic Party of Japan", "2011-03-01", "GOV"),
        ("TWN", "the Democratic Progressive Party", "2004-03-01", "GOV"),
        ("TWN", "the Democratic Progressive Party", "2012-03-01", "OPP"),
        ("ZAF", "the Inkatha Freedom Party", "1998-03-01", "GOV"),  # the 1994 unity government
        ("ZAF", "the Inkatha Freedom Party", "2012-03-01", "OPP"),
        ("GBR", "the Monster Raving Loony Party", "2012-06-01", None),  # not listed: left a party
        ("FRA", "the Socialist Party", "2014-01-01", None),  # a country the table does not cover
    ],
)
def test_party_role_by_date(kb, iso, name, date, role):
    assert kb.party_role(iso, name, date) == role


def test_a_local_name_needs_its_country(kb):
    assert kb.party("GBR", "the Tories") is not None
    assert kb.organization("Tories") is None  # a name other countries' parties could bear
    assert kb.organization("Kuomintang").country == "TWN"  # a name only one party bears


@pytest.mark.model
@pytest.mark.parametrize(
    ("phrase", "date", "code"),
    [
        ("Britain's Conservative Party", "2015-06-01", "GBRGOVPTY"),
        ("Britain's Conservative Party", "2000-06-01", "GBROPPPTY"),
        ("Greece's PASOK", "2003-01-01", "GRCGOVPTY"),
        ("Taiwan's Kuomintang", "2019-05-01", "TWNOPPPTY"),
        ("the Democratic Party of Japan", "2010-05-01", "JPNGOVPTY"),
        ("the Taliban", "1999-01-01", "AFGGOV"),
        ("the Taliban", "2010-01-01", "AFGREB"),
        ("the Taliban", "2024-01-01", "AFGGOV"),
    ],
)
def test_both_paths_code_parties_by_date(resources, phrase, date, code):
    actor = resolve_phrase(phrase, date, kb=resources.actors, nlp=resources.nlp)
    assert actor is not None and actor.code == code, actor
    text = f"{phrase[0].upper()}{phrase[1:]} condemned Peru."
    events = code_article(Article(doc_id="p", text=text, published=date), resources).events
    assert [e.source.code for e in events if e.source is not None][:1] == [code]


@pytest.mark.model
def test_a_name_several_countries_parties_bear_takes_the_articles_country(resources):
    text = "Labour won the election in Britain. Labour promised reforms in Britain."
    events = code_article(Article(doc_id="l", text=text, published="1997-06-01"), resources).events
    assert all(e.source.code.startswith("GBR") for e in events if e.source is not None and e.source.text == "Labour")


def test_a_bad_row_names_the_file_and_line(tmp_path):
    for name in DATA_DIR.iterdir():
        if name.suffix == ".tsv" and name.name != "parties.tsv":
            (tmp_path / name.name).write_bytes(name.read_bytes())
    (tmp_path / "parties.tsv").write_text(
        "iso3\tparty\taliases\tlocal_aliases\tstart\tend\tnote\nGBR\tLabour Party\t\t\t2010-01-01\t2005-01-01\tx\n",
        encoding="utf-8",
    )
    with pytest.raises(CodebookError, match=r"parties\.tsv:2:"):
        KnowledgeBase(Path(tmp_path))
