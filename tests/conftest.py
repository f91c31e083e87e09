"""Shared fixtures: the spaCy model (session-scoped), resources, ../shared location."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("EVENTCODER_SHARED", ROOT.parent / "shared"))


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite tests/golden/*/events.json"
    )


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared`` beside the repo; tests that need it skip when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"third-party data not found at {SHARED} (set EVENTCODER_SHARED)")
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    from eventcoder.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def resources(nlp):
    from eventcoder.pipeline import load_resources

    return load_resources(nlp=nlp)


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture(scope="session")
def test_client_cls_or_skip():
    """FastAPI's TestClient, or a skip when the web extras are missing."""
    pytest.importorskip("fastapi", reason="the web UI needs the web extra: pip install 'eventcoder[web]'")
    pytest.importorskip("httpx2", reason="the test client needs httpx2: pip install 'eventcoder[webtest]'")
    from fastapi.testclient import TestClient

    return TestClient
