"""Exceptions raised by eventcoder.

The hierarchy::

    EventcoderError            base class: catch this to catch everything of ours
    ├── ConfigError            a setting has a bad value
    ├── ResourceNotFound       a model, data file or optional package is missing
    ├── InputError             an input cannot be read (missing path, binary, bad encoding ...)
    ├── CodebookError          a lexicon / codebook data file is malformed
    │   └── DictionaryError    a user actor dictionary (``--actors FILE``) is missing or malformed
    ├── StoreError             the event database (or event lake) cannot be opened or written
    └── ClusterError           the Dask cluster cannot be started or reached, or was lost mid-run

Each message says what failed, the offending value and how to fix it.  A rejected
*article* is not an exception: readers return :class:`eventcoder.model.Skipped`.
"""

from __future__ import annotations

__all__ = [
    "EventcoderError",
    "ConfigError",
    "ResourceNotFound",
    "InputError",
    "CodebookError",
    "DictionaryError",
    "StoreError",
    "ClusterError",
]


class EventcoderError(Exception):
    """Base class of every error eventcoder raises on purpose."""


class ConfigError(EventcoderError):
    """A setting or argument has an invalid value."""


class ResourceNotFound(EventcoderError):
    """A model, data file or optional dependency is not installed."""


class InputError(EventcoderError):
    """An input path or stream cannot be read as news text."""


class CodebookError(EventcoderError):
    """A lexicon or codebook file is malformed."""


class DictionaryError(CodebookError):
    """A user actor dictionary (``--actors FILE``) cannot be read or has a bad line; the
    message starts with ``FILE:LINE:``."""


class StoreError(EventcoderError):
    """The event database (or an event lake) cannot be opened, migrated or written."""


class ClusterError(EventcoderError):
    """The Dask cluster cannot be started or reached, or it went away during a run."""
