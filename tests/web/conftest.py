"""Fixtures of the web tests: a small database and the app over it."""

from __future__ import annotations

from pathlib import Path

import pytest

from . import _data

pytest.importorskip("fastapi", reason="the web UI needs the web extra: pip install 'eventcoder[web]'")


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    path = tmp_path_factory.mktemp("web") / "events.db"
    events = _data.build(path)
    return path, events


@pytest.fixture(scope="session")
def test_client_cls():
    """FastAPI's TestClient (Starlette's wants httpx2; without it, it warns and the tests skip)."""
    pytest.importorskip("httpx2", reason="the test client needs httpx2: pip install 'eventcoder[webtest]'")
    from fastapi.testclient import TestClient

    return TestClient


@pytest.fixture(scope="session")
def client(web_db, test_client_cls):
    from eventcoder.web import create_app

    TestClient = test_client_cls
    with TestClient(create_app(web_db[0]), raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="session")
def live_server(web_db):
    """The app served by uvicorn on a free localhost port, in a thread."""
    import socket
    import threading
    import time

    import uvicorn

    from eventcoder.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(web_db[0]), host="127.0.0.1", port=port, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


def _serve(path: Path):
    import socket
    import threading
    import time

    import uvicorn

    from eventcoder.web import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(path), host="127.0.0.1", port=port, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    return server, thread, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="session")
def dense_server(tmp_path_factory):
    """A server over a dense network: one hub and 45 partners (labels crowd together)."""
    path = tmp_path_factory.mktemp("dense") / "dense.db"
    _data.build_dense(path)
    server, thread, url = _serve(path)
    yield url
    server.should_exit = True
    thread.join(10)
