"""The docs keep up with the code: every command is shown in the README, every doc the README
links exists, and every module named in docs/architecture.md is real."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from eventcoder.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(main.commands))
def test_docs_readme_shows_every_command(command: str):
    assert f"eventcoder {command}" in README, f"README does not show `eventcoder {command}`"


def test_docs_readme_links_exist():
    for link in re.findall(r"\]\(((?:docs/)?[\w./-]+\.(?:md|png))\)", README):
        assert (ROOT / link).exists(), link


def test_docs_architecture_names_real_modules():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    src = ROOT / "src" / "eventcoder"
    for name in re.findall(r"`([a-z_]+(?:/[a-z_]+)?(?:\.py|/))`", text):
        assert (src / name).exists() or (ROOT / name).exists(), name


def test_docs_readme_quickstart_commands():
    assert "make demo" in README and "make test" in README
