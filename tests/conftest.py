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


@pytest.fixture(scope="session")
def as_reader():
    """Run the CLI in a subprocess as an unprivileged user (``nobody``) when the tests run
    as root, who ignores file modes: how read-only storage is tested for real.  Skips when
    no interpreter that such a user may run is found."""
    import subprocess
    import sys
    import sysconfig

    src = str(ROOT / "src")
    site = sysconfig.get_paths()["purelib"]
    if os.geteuid() != 0:
        python, kwargs = sys.executable, {}
    else:
        python = f"/usr/bin/python{sys.version_info.major}.{sys.version_info.minor}"
        kwargs = {"preexec_fn": lambda: (os.setgid(65534), os.setuid(65534))}
    boot = f"import sys; sys.path[:0] = [{src!r}, {site!r}]; from eventcoder.cli import main; main()"

    def run(args: list[str]) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
        env["HOME"] = "/tmp"
        return subprocess.run([python, "-c", boot, *map(str, args)], capture_output=True, text=True, env=env,
                              cwd="/tmp", timeout=120, **kwargs)

    try:
        probe = run(["--version"])
    except OSError as err:
        pytest.skip(f"cannot run eventcoder as an unprivileged user here: {err}")
    if probe.returncode != 0:
        pytest.skip(f"cannot run eventcoder as an unprivileged user here: {probe.stderr.strip()[-200:]}")
    return run
