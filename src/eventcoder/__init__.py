"""eventcoder: turn news into CAMEO/PLOVER political event data, offline.

Nothing runs at import; resources load on first use or through
:func:`load_resources`.
"""

from __future__ import annotations

import logging

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "Article",
    "Actor",
    "Event",
    "Place",
    "code_text",
    "code_article",
    "code_batch",
    "load_resources",
    "CodingSettings",
    "Store",
    "EventFilter",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())

from .model import Actor, Article, Event, Place  # noqa: E402
from .pipeline import CodingSettings, code_article, code_batch, code_text, load_resources  # noqa: E402
from .store import EventFilter, Store  # noqa: E402
