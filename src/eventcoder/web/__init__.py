"""The web UI: ``eventcoder serve`` opens an event database in the browser.

Pages (search, dyad timeline, network, map, event) and a JSON API under ``/api/``
(described at ``/openapi.json``) over a database opened read-only.  Needs the ``web``
extra: ``pip install 'eventcoder[web]'``.  See ``docs/web.md``.

Importing this package imports no web framework; :func:`create_app` and :func:`serve` do.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from ..errors import ResourceNotFound

__all__ = ["create_app", "serve"]

log = logging.getLogger(__name__)

_INSTALL = "pip install 'eventcoder[web]'"


def create_app(db_path: str | Path) -> Any:
    """The ASGI application (FastAPI) over the database at ``db_path``."""
    try:
        from ._app import create_app as _create
    except ImportError as err:
        raise ResourceNotFound(f"the web UI needs {err.name or 'fastapi'}; run: {_INSTALL}") from err
    return _create(db_path)


def serve(db_path: str | Path, *, host: str = "127.0.0.1", port: int = 8000, log_level: str = "warning") -> None:
    """Serve the UI until interrupted (uvicorn).  Binds 127.0.0.1 unless ``host`` says otherwise."""
    app = create_app(db_path)
    try:
        import uvicorn
    except ImportError as err:
        raise ResourceNotFound(f"the web UI needs uvicorn; run: {_INSTALL}") from err
    log.info("serving %s at http://%s:%d/", db_path, host, port)
    uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=False)
