"""The embedded event database (SQLite): schema, batch ingest, queries, exports.

Only this subpackage talks SQL.  See ``docs/store.md``.
"""

from __future__ import annotations

from .batch import IngestSummary, ingest, ingest_articles, recode
from .db import (
    BatchResult,
    CountRow,
    DocumentRow,
    LocationRow,
    RolledUpEvent,
    Store,
    StoredDocument,
    TimelineRow,
    content_hash,
    event_uid,
)
from .query import COUNT_BY, COUNTRYLESS, NO_COUNTRY, UNITS, EventFilter
from .schema import SCHEMA_VERSION

__all__ = [
    "Store",
    "EventFilter",
    "COUNT_BY",
    "UNITS",
    "COUNTRYLESS",
    "NO_COUNTRY",
    "event_uid",
    "StoredDocument",
    "DocumentRow",
    "CountRow",
    "TimelineRow",
    "RolledUpEvent",
    "LocationRow",
    "BatchResult",
    "IngestSummary",
    "ingest",
    "ingest_articles",
    "recode",
    "content_hash",
    "SCHEMA_VERSION",
]
