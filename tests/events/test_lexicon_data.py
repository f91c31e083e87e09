"""The CAMEO lexicon data files: loadable, complete, consistent with the codebook, rebuildable."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from eventcoder.events.lexicon import Lexicon, VerbPattern, load_lexicon

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "eventcoder" / "events" / "data"
BUILD = ROOT / "tools" / "build_lexicon.py"
ROOTS = [f"{r:02d}" for r in range(1, 21)]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon()


def _all_verbs(lexicon: Lexicon) -> list[VerbPattern]:
    return [p for patterns in lexicon.verbs.values() for p in patterns]


def _best(
    lexicon: Lexicon,
    lemma: str,
    *,
    particle: str = "",
    obj: str = "",
    prep: str = "",
    comp: str = "",
) -> VerbPattern | None:
    """The most specific pattern whose constraints a clause with these features satisfies."""
    for p in lexicon.verbs.get(lemma, ()):
        if p.pobj:
            continue
        if p.particle and p.particle != particle:
            continue
        if p.object and obj not in p.object:
            continue
        if p.prep and prep not in p.prep:
            continue
        if p.comp and comp not in p.comp:
            continue
        return p
    return None


def test_lexicon_loads_with_codes_verbs_and_nouns(lexicon):
    assert len(lexicon.codes) >= 300
    assert len(_all_verbs(lexicon)) >= 500
    assert sum(len(v) for v in lexicon.nouns.values()) >= 40


@pytest.mark.parametrize("root", ROOTS)
def test_lexicon_every_root_has_verb_rows(lexicon, root):
    assert any(p.cameo.startswith(root) for p in _all_verbs(lexicon))


@pytest.mark.parametrize("root", ROOTS)
def test_lexicon_every_root_is_in_the_code_table(lexicon, root):
    assert root in lexicon.codes
    assert lexicon.codes[root].quad_class == (
        1 if root <= "05" else 2 if root <= "08" else 3 if root <= "13" else 4
    )


def test_lexicon_every_rule_code_is_a_row_of_cameo_tsv(lexicon):
    rules = [(p.id, p.cameo) for p in _all_verbs(lexicon)]
    rules += [(n.id, n.cameo) for nouns in lexicon.nouns.values() for n in nouns]
    missing = [(rid, code) for rid, code in rules if code not in lexicon.codes and code != "---"]
    assert missing == []


def test_lexicon_quad_class_follows_the_root_for_every_code(lexicon):
    for code, info in lexicon.codes.items():
        assert info.quad_class == lexicon.codes[code[:2]].quad_class, code


def test_lexicon_files_are_sorted_by_key_with_unique_ids():
    for name, key in (("cameo.tsv", "code"), ("verbs.tsv", "id"), ("nouns.tsv", "id")):
        lines = [
            line for line in (DATA / name).read_text("utf-8").splitlines() if not line.startswith("#")
        ]
        header = lines[0].split("\t")
        keys = [line.split("\t")[header.index(key)] for line in lines[1:]]
        assert keys == sorted(keys), name
        assert len(keys) == len(set(keys)), name


@pytest.mark.parametrize("lemma", ["say", "tell", "be", "do"])
def test_lexicon_has_no_rows_for_reporting_and_auxiliary_verbs(lexicon, lemma):
    assert lemma not in lexicon.verbs


@pytest.mark.parametrize("lemma", ["have", "make", "take", "give", "go", "get", "put"])
def test_lexicon_has_no_bare_rows_for_light_verbs(lexicon, lemma):
    bare = [p.id for p in lexicon.verbs.get(lemma, ()) if p.specificity == 0]
    assert bare == []


@pytest.mark.parametrize(
    ("lemma", "features", "code"),
    [
        ("meet", {}, "040"),
        ("meet", {"prep": "with"}, "040"),
        ("visit", {}, "042"),
        ("host", {}, "043"),
        ("pay", {"obj": "visit", "prep": "to"}, "042"),
        ("hold", {"obj": "talk", "prep": "with"}, "040"),
        ("negotiate", {}, "046"),
        ("mediate", {}, "045"),
        ("thank", {}, "051"),
        ("praise", {}, "051"),
        ("invite", {}, "036"),
        ("accept", {"obj": "invitation"}, "036"),
        ("ask", {"comp": "support"}, "022"),
        ("call", {"prep": "for"}, "020"),
        ("agree", {}, "030"),
        ("sign", {"obj": "agreement"}, "057"),
        ("apologize", {}, "055"),
        ("provide", {"obj": "aid"}, "070"),
        ("release", {"obj": "prisoner"}, "0841"),
        ("investigate", {}, "090"),
        ("demand", {}, "100"),
        ("express", {"obj": "concern"}, "012"),
        ("criticize", {}, "111"),
        ("condemn", {}, "111"),
        ("accuse", {}, "112"),
        ("refuse", {"comp": "meet"}, "125"),
        ("refuse", {}, "120"),
        ("threaten", {}, "130"),
        ("protest", {}, "140"),
        ("demonstrate", {}, "141"),
        ("deploy", {"obj": "troop"}, "154"),
        ("impose", {"obj": "sanction", "prep": "on"}, "163"),
        ("cut", {"obj": "tie"}, "161"),
        ("arrest", {}, "173"),
        ("deport", {}, "174"),
        ("kidnap", {}, "181"),
        ("assassinate", {}, "186"),
        ("attack", {}, "190"),
        ("open", {"obj": "fire", "prep": "on"}, "190"),
        ("invade", {}, "192"),
        ("massacre", {}, "202"),
    ],
)
def test_lexicon_key_verbs_get_the_codebook_code(lexicon, lemma, features, code):
    best = _best(lexicon, lemma, **features)
    assert best is not None, (lemma, features)
    assert best.cameo == code, best


@pytest.mark.parametrize(
    ("lemma", "prep", "code"),
    [("visit", "to", "042"), ("talk", "between", "040"), ("attack", "on", "190"),
     ("sanction", "on", "163"), ("protest", "against", "140")],
)
def test_lexicon_event_nouns(lexicon, lemma, prep, code):
    rows = [n for n in lexicon.nouns.get(lemma, ()) if prep in n.prep]
    assert [n.cameo for n in rows] == [code]


def test_lexicon_goldstein_matches_the_phoenix_table(lexicon, shared_dir):
    scale = json.loads((shared_dir / "codebook" / "cameo_goldstein_quad.json").read_text("utf-8"))
    table = scale["goldstein_scale"]
    for code, info in lexicon.codes.items():
        if code in table:
            assert info.goldstein == pytest.approx(float(table[code])), code
    for code, expected in (("042", 1.9), ("057", 8.0), ("111", -2.0), ("173", -5.0), ("190", -10.0)):
        assert lexicon.codes[code].goldstein == pytest.approx(float(table[code])) == expected


def test_lexicon_plover_matches_the_conversion_table(lexicon, shared_dir):
    text = (shared_dir / "gold" / "plover" / "CAMEO2PLOVER-2021.txt").read_text("utf-8")
    first: dict[str, list[str]] = {}
    for m in re.finditer(r"^(\d{2,4}):\s*([^#\n]*)", text, re.M):
        first.setdefault(m.group(1), [f.strip() for f in m.group(2).split(",")])
    for code in ("042", "046", "0841", "163", "173", "190"):
        assert lexicon.codes[code].plover_type == first[code][0]
        assert (lexicon.codes[code].plover_mode or "") == first[code][1]
    assert lexicon.codes["042"].plover_mode == "visit"
    assert lexicon.codes["010"].plover_type is None  # PLOVER drops CAMEO 01 and 02


def _build(out: Path, shared: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(BUILD), "--shared", str(shared), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_build_lexicon_is_deterministic_and_matches_the_shipped_files(tmp_path, shared_dir):
    first, second = tmp_path / "a", tmp_path / "b"
    for out in (first, second):
        result = _build(out, shared_dir)
        assert result.returncode == 0, result.stderr
    for name in ("cameo.tsv", "verbs.tsv", "nouns.tsv"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
        assert (first / name).read_bytes() == (DATA / name).read_bytes(), (
            f"{name} is stale: run python tools/build_lexicon.py"
        )
    assert load_lexicon(first).codes.keys() == load_lexicon().codes.keys()


def test_build_report_in_the_docs_is_current(tmp_path, shared_dir):
    report = tmp_path / "report.md"
    result = subprocess.run(
        [sys.executable, str(BUILD), "--shared", str(shared_dir), "--out", str(tmp_path / "out"), "--report", str(report)],
        capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    sys.path.insert(0, str(BUILD.parent))
    try:
        import build_lexicon
    finally:
        sys.path.pop(0)
    assert build_lexicon.docs_report(ROOT / "docs" / "lexicon.md") == report.read_text("utf-8"), (
        "docs/lexicon.md's build report is stale: run python tools/build_lexicon.py --update-docs"
    )


def test_build_lexicon_without_shared_exits_1(tmp_path):
    result = _build(tmp_path / "out", tmp_path / "no-such-shared")
    assert result.returncode == 1
    assert "not found" in result.stderr
    assert not (tmp_path / "out").exists()


def test_lexicon_comp_column_holds_verbs_not_prepositions():
    """A preposition in `comp` is a shifted column: the pattern could never match."""
    preps = {"to", "on", "with", "from", "for", "against", "into", "at", "in", "of", "about", "over", "by"}
    lex = load_lexicon()
    shifted = [p.id for ps in lex.verbs.values() for p in ps if p.comp & preps]
    assert shifted == []
