"""What runs on the Dask workers: the plugin that loads the resources once, and the tasks."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Sequence
from typing import Any

from distributed import get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from ..errors import ConfigError
from ..model import Article

__all__ = ["CoderPlugin", "plugin_name", "code_chunk", "code_chunk_to_lake", "worker_identity"]

def plugin_name(coder: str, coding: Any = None) -> str:
    """One plugin per eventcoder version and coder settings (``CodingSettings``)."""
    import hashlib
    import json

    from ..model import to_dict

    settings = json.dumps(None if coding is None else to_dict(coding), sort_keys=True, default=str)
    return f"eventcoder-resources-{coder}-{hashlib.sha256(settings.encode()).hexdigest()[:8]}"


class CoderPlugin(WorkerPlugin):
    """Loads the model, knowledge base, lexicon and gazetteer once per worker.

    Registered by the driver; the scheduler also hands it to workers that join (or are
    restarted) later.  Idempotent: a second driver of the same eventcoder version on the
    same cluster reuses the loaded resources.  The chunks of one worker are coded one at
    a time (a lock), whatever its thread count, since spaCy's pipeline is not shared
    across threads.
    """

    idempotent = True

    def __init__(self, coder: str, coding: Any = None) -> None:
        self.coder = coder
        self.coding = coding
        self.name = plugin_name(coder, coding)
        self.resources: Any = None
        self.lock: threading.Lock | None = None
        self.chunks = 0  # chunks coded on this worker (for tests and curious operators)

    async def setup(self, worker: Any) -> None:
        from ..pipeline import CODER, load_resources

        if CODER != self.coder:
            raise ConfigError(
                f"worker {worker.address} runs {CODER}, the driver {self.coder}; "
                "install the same eventcoder version on every worker"
            )
        self.lock = threading.Lock()
        # off the worker's event loop, which keeps answering the scheduler meanwhile
        self.resources = await asyncio.to_thread(load_resources, settings=self.coding)


def _plugin(name: str) -> CoderPlugin:
    worker = get_worker()
    plugin = worker.plugins.get(name)
    if not isinstance(plugin, CoderPlugin) or plugin.resources is None or plugin.lock is None:
        raise ConfigError(f"worker {worker.address} has no eventcoder resources loaded; start the run with eventcoder.distributed")
    return plugin


#: Articles parsed together (the store's chunk size): a lake chunk of 256 is coded in
#: batches of 16, else its 256 parsed Docs at once took 2 GB per worker.
BATCH = 16


def worker_identity(name: str) -> tuple[dict[str, str], int]:
    """The fingerprint components and parser limit of this worker's resources."""
    from ..pipeline import parser_limit
    from ..provenance import fingerprint_of

    resources = _plugin(name).resources
    return fingerprint_of(resources).components, parser_limit(resources)


def code_chunk(name: str, articles: Sequence[Article]) -> list[Any]:
    """One chunk's results, as the store's serial path codes them (``code_batch``)."""
    from ..store.batch import _code_chunk

    plugin = _plugin(name)
    results: list[Any] = []
    with plugin.lock:  # type: ignore[union-attr]
        for start in range(0, len(articles), BATCH):
            results += _code_chunk(articles[start : start + BATCH], plugin.resources)
        plugin.chunks += 1
    return results


def code_chunk_to_lake(name: str, lake_dir: str, key: str, index: int, articles: Sequence[Article]) -> Any:
    """Code one chunk and write it into the lake from this worker; returns its manifest entry."""
    from ..lake import Lake
    from ..pipeline import CODER

    results = code_chunk(name, articles)
    components, _ = worker_identity(name)
    return Lake(lake_dir).write_chunk(key=key, index=index, articles=articles, results=results, coder=CODER,
                                      fingerprint=components)
