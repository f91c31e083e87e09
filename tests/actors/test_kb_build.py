"""tools/build_kb.py: deterministic, and the shipped data match a fresh build."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "eventcoder" / "actors" / "data"
BUILT = ("countries.tsv", "country_names.tsv", "organizations.tsv", "agents.tsv", "titles.tsv", "persons.tsv", "person_names.tsv", "roles.tsv", "groups.tsv")


def _builder():
    spec = importlib.util.spec_from_file_location("build_kb", ROOT / "tools" / "build_kb.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.shared
def test_kb_build_is_byte_identical(shared_dir, tmp_path):
    sources = shared_dir / "kb-sources"
    if not sources.is_dir():
        pytest.skip("no kb-sources in ../shared")
    build = _builder()
    first, second = tmp_path / "a", tmp_path / "b"
    assert build.main(["--sources", str(sources), "--out", str(first)]) == 0
    assert build.main(["--sources", str(sources), "--out", str(second)]) == 0
    for name in BUILT:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
        assert (first / name).read_bytes() == (DATA / name).read_bytes(), f"{name} is stale: run tools/build_kb.py"


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("Fumio KISHIDA", "Fumio KISHIDA"),
        ("power shared between First Prime Minister UNG HUOT", "UNG HUOT"),
        ("SOC - Chairman of the Council of Ministers HUN SEN", "HUN SEN"),
        ("Joseph R. BIDEN Jr.", "Joseph R. BIDEN Jr."),
        ("XI Jinping", "XI Jinping"),
        ("Sebastian KURZ elected chancellor", "Sebastian KURZ"),
        ("NGC - vacant, formerly held by SON SANN", None),
        ('Joko "Jokowi" WIDODO', "Joko WIDODO"),
    ],
)
def test_kb_build_clean_name(raw, name):
    assert _builder().clean_name(raw) == name


@pytest.mark.parametrize(
    ("raw", "display", "surname"),
    [("Fumio KISHIDA", "Fumio Kishida", "Kishida"), ("XI Jinping", "Xi Jinping", "Xi"), ("HUN SEN", "Hun Sen", "")],
)
def test_kb_build_display_name(raw, display, surname):
    assert _builder().display_name(raw) == (display, surname)


def test_kb_build_one_word_armed_force_is_a_body(tmp_path):
    # an undated armed force named by one word that is nobody's name is a body, with its
    # variants that carry the word; a one-word entry that is a surname stays a person's
    (tmp_path / "Phoenix.Countries.actors.txt").write_text(
        "ZELMERGA  # a made-up force\n+NORTHERN_ZELMERGA\n+ZEL_MERGA\n\t[IRQMIL]\n"
        "KOVACS\n\t[IRQMIL]\n",
        encoding="utf-8",
    )
    rows: dict = {}
    _builder().import_phoenix_bodies(tmp_path, rows, {"IRQ": {}}, {"kovacs"}, set())
    assert rows["zelmerga"][1] == "IRQMIL"
    assert rows["northern zelmerga"][1] == "IRQMIL"
    assert "zel merga" not in rows and "kovacs" not in rows
