"""Issue 11, "What it must show" #1: our own actor test set, coded two ways.

Every row of ``tests/actors/data/names_gold.tsv`` (people, armed and other groups) and
``tests/actors/data/phrases_gold.tsv`` (bodies of states, groups of people) is coded

(a) by ``eventcoder actors WRITING --date D --format json`` (the CLI, via ``CliRunner``), and
(b) inside ``"<WRITING> criticized <TARGET>."`` by the coder (the article dated D),

and scored by ``bench/actor_gold.py`` (the same code as the report): names >= 95 % right
in both paths, phrases >= 90 % in both, and the two paths agree on every row.  A failing
assertion prints the per-kind table with every miss.  The run takes about 15 s.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _load_bench():
    spec = importlib.util.spec_from_file_location("actor_gold", ROOT / "bench" / "actor_gold.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("actor_gold", module)
    spec.loader.exec_module(module)
    return module


gold = _load_bench()


# --- the data (pass today: they guard the test set itself) -------------------------------

# writings the issue itself names: the test set must not contain them (they are held-out style cases)
_ISSUE_TOKENS = {"biden", "zelensky", "zelenskyy", "xi", "stoltenberg", "lukashenko", "tokayev", "assad",
                 "boko", "houthi", "houthis", "hezbollah", "isis", "isil", "daesh", "shabaab", "shabab",
                 "kishida", "abe"}
_ISSUE_WRITINGS = {"abbas", "mahmoud abbas", "is", "islamic state", "the dea", "northern fleet",
                   "chile's ministry of mines", "norway's central bank", "iraq's national security advisor",
                   "three palestinians", "alexander lukashenko", "kassym-jomart tokayev"}


@pytest.mark.parametrize("name,minimum", [("names", 150), ("phrases", 100)])
def test_gold_files_parse_and_are_well_formed(name, minimum):
    rows = gold.load_rows(name)
    assert len(rows) >= minimum
    code = re.compile(r"^(?:[A-Z]{3})+$")
    kinds = {"names": {"full", "variant", "surname", "acronym", "honorific"}}.get(name)
    for row in rows:
        day = dt.date.fromisoformat(row.date)
        assert dt.date(1990, 1, 1) <= day <= dt.date(2026, 12, 31), row
        assert all(code.match(c) for c in row.expected), row
        assert row.note, row
        if kinds is not None:
            assert row.kind in kinds, row
        tokens = set(re.findall(r"[a-z]+", row.writing.lower()))
        assert not tokens & _ISSUE_TOKENS, row
        assert row.writing.lower() not in _ISSUE_WRITINGS, row
    if kinds is not None:
        assert {r.kind for r in rows} == kinds
    # no duplicate (writing, date) rows
    keys = [(r.writing, r.date) for r in rows]
    assert len(keys) == len(set(keys))


def test_malformed_gold_line_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("# c\n" + "\t".join(gold.COLUMNS) + "\nModi\t2019-01-10\tINDGOV\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.tsv:3"):
        gold.load_rows("names", bad)


def test_scoring_rule():
    m = gold.matches
    assert m("TURGOV", ["TURGOV"]) and m("TURGOVMIL", ["TURGOV"])
    assert not m("TURELI", ["TURGOV"]) and not m(None, ["TURGOV"]) and not m("TUR", ["TURGOV"])
    assert m("COLINS", ["COLREB", "COLINS"])
    # international: same generic code, the organisation code among the groups
    assert m("IGOWSTNAT", ["IGONAT"]) and m("IGOEUREEC", ["IGOEEC"]) and m("IGOUNOHCH", ["IGOUNO"])
    assert not m("IGOUNO", ["IGONAT"]) and not m("NGONAT", ["IGONAT"]) and not m("NLDGOV", ["IGONAT"])


def test_sentence_and_target():
    row = gold.Row("phrases", 1, "the Indian navy", "2018-01-10", ("INDMIL",), "military", "body", "")
    assert row.sentence == "The Indian navy criticized Peru."
    peru = gold.Row("names", 1, "Alberto Fujimori", "1995-01-10", ("PERGOV",), "full", "person", "")
    assert peru.sentence == "Alberto Fujimori criticized Chile."
    igo = gold.Row("names", 1, "Kofi Annan", "2000-01-10", ("IGOUNO",), "full", "person", "")
    assert igo.country is None and igo.target == "Peru"


# --- the floors -------------------------------------------------------------------------
# Issue 11 asks for 95% of names and 90% of phrases on both paths, and agreement on every
# row. Measured (bench/actor_gold.py, 2026-12-02, second round): names 99.7% / 99.7%,
# phrases 95.5% / 95.5%, no row where the two paths differ. The issue's bars
# (``gold.BARS``: 95% of names, 90% of phrases, the paths agreeing on every row) are the
# floors now; the bench prints both.
FLOORS = {"names": (gold.BARS["names"], gold.BARS["names"]), "phrases": (gold.BARS["phrases"], gold.BARS["phrases"])}
MOST_DISAGREEMENTS = {"names": 0, "phrases": 0}


@pytest.fixture(scope="module")
def report():
    return gold.summary(gold.run(("names", "phrases")))


def _why(report, name):
    return "\n" + gold.table({name: report[name]})


@pytest.mark.parametrize("name", ["names", "phrases"])
def test_actors_cli_path_holds_its_floor(report, name):
    s = report[name]
    assert s["cli"] >= FLOORS[name][0], _why(report, name)


@pytest.mark.parametrize("name", ["names", "phrases"])
def test_sentence_path_holds_its_floor(report, name):
    s = report[name]
    assert s["sentence"] >= FLOORS[name][1], _why(report, name)


@pytest.mark.parametrize("name", ["names", "phrases"])
def test_the_two_paths_disagree_on_no_more_rows(report, name):
    s = report[name]
    assert s["disagree"] <= MOST_DISAGREEMENTS[name], _why(report, name)
