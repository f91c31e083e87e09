"""The walls of STYLE.md: only nlp.py imports spaCy, only cli.py click, only store/ SQL,
only web/ the web framework, only distributed/ Dask; stages never import the pipeline or
the edges."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "eventcoder"
MODULES = sorted(p for p in SRC.rglob("*.py"))


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = "." * node.level + (node.module or "")
            names.add(base)
    return names


def _rel(path: Path) -> str:
    return path.relative_to(SRC).as_posix()


WALLS = [
    ("spacy", lambda rel: rel == "nlp.py"),
    ("click", lambda rel: rel == "cli.py"),
    ("sqlite3", lambda rel: rel.startswith("store/")),
    ("fastapi", lambda rel: rel.startswith("web/")),
    ("uvicorn", lambda rel: rel.startswith("web/")),
    ("dask", lambda rel: rel.startswith("distributed/")),
    ("distributed", lambda rel: rel.startswith("distributed/")),
]


@pytest.mark.parametrize("module", MODULES, ids=_rel)
def test_layers_third_party_walls(module: Path):
    rel = _rel(module)
    for name in _imports(module):
        top = name.lstrip(".").split(".")[0]
        for lib, allowed in WALLS:
            if top == lib and not name.startswith("."):
                assert allowed(rel), f"{rel} imports {lib}"


STAGES = ("ingest/", "actors/", "events/", "ground/")
EDGES = ("pipeline", "store", "cli", "web", "export", "evaluate")


@pytest.mark.parametrize("module", [m for m in MODULES if _rel(m).startswith(STAGES)], ids=_rel)
def test_layers_stages_do_not_import_edges(module: Path):
    for name in _imports(module):
        if name.startswith(".."):
            target = name.lstrip(".").split(".")[0]
            assert target not in EDGES, f"{_rel(module)} imports the edge module {target}"
