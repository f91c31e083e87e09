"""Provenance: which coder, model and data files produced a database's events.

:func:`fingerprint_of` hashes what decides the coding: the coder version, the spaCy
model (its name, version, spaCy version and config), the knowledge base, the lexicon
and the gazetteer (their data files, or the records they hold), any user dictionaries
the resources carry and their coder settings.  The store keeps the components once per
digest (``fingerprints`` table) and the digest with every document, so
``eventcoder ingest --recode`` re-codes exactly the documents coded otherwise, and
``eventcoder info --db`` tells what produced a database.

Hooks for resources built elsewhere (``docs/store.md``, "Provenance"): an object with a
``fingerprint()`` method (returning a string) is hashed by it; ``resources.dictionaries``
(or ``resources.actors.dictionaries``) may be a sequence of paths or such objects (user
actor dictionaries, ``--actors FILE``: ``eventcoder.actors.userdict.UserDictionary``,
whose fingerprint is ``NAME:sha256:HEX`` of the file's bytes; the component lists them
in order, readable); ``resources.settings`` may be a dataclass (coder
settings such as ``--statements``), hashed as JSON.
"""

from __future__ import annotations

import dataclasses
import enum
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["Fingerprint", "fingerprint_of", "hash_files"]

_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True, kw_only=True)
class Fingerprint:
    """What coded a document: one short hash per component, and their digest."""

    components: dict[str, str] = field(default_factory=dict)

    @property
    def digest(self) -> str:
        text = json.dumps(self.components, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]

    @property
    def coder(self) -> str:
        return self.components.get("coder", "")


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def hash_files(paths: Iterable[Path]) -> str:
    """A hash of files' names and bytes (sorted by name)."""
    digest = hashlib.sha256()
    for path in sorted(Path(p) for p in paths):
        digest.update(path.name.encode("utf-8") + b"\0")
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(_CHUNK), b""):
                digest.update(chunk)
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Path):
        return str(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_plain(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    return value


def _of_object(obj: Any) -> str:
    """One resource's hash: its own ``fingerprint()``, its data files, or its records."""
    if obj is None:
        return "none"
    hook = getattr(obj, "fingerprint", None)
    if callable(hook):
        return str(hook())
    if isinstance(obj, (str, Path)) and Path(obj).is_file():
        return hash_files([Path(obj)])
    directory = getattr(obj, "directory", None)
    if isinstance(directory, Path) and directory.is_dir():
        return hash_files(p for p in directory.iterdir() if p.is_file() and not p.name.startswith("."))
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        # sets sorted, so the hash does not depend on the process's string hashing
        text = json.dumps(_plain(obj), sort_keys=True, default=str, ensure_ascii=False)
        return _sha(text.encode("utf-8", "surrogatepass"))
    module = type(obj).__module__
    if module == "eventcoder.ground.places":  # the packaged gazetteer and its hand-kept features
        from .ground.places import DATA_DIR

        return hash_files(p for p in DATA_DIR.iterdir() if p.is_file() and not p.name.startswith("."))
    return f"{module}.{type(obj).__qualname__}"


def _of_model(nlp: Any) -> str:
    if nlp is None:
        return "none"
    hook = getattr(nlp, "fingerprint", None)
    if callable(hook):
        return str(hook())
    meta = getattr(nlp, "meta", None) or {}
    config = getattr(nlp, "config", None)
    name = f"{meta.get('lang', 'xx')}_{meta.get('name', '?')}-{meta.get('version', '?')}"
    body = json.dumps(_plain(dict(meta)), sort_keys=True, default=str) + "\n" + (str(config) if config is not None else "")
    return f"{name}:{_sha(body.encode('utf-8', 'surrogatepass'))}"


def fingerprint_of(resources: Any, *, coder: str | None = None) -> Fingerprint:
    """The fingerprint of loaded resources (``eventcoder.pipeline.Resources``)."""
    if coder is None:
        from .pipeline import CODER

        coder = CODER
    components = {
        "coder": coder,
        "model": _of_model(getattr(resources, "nlp", None)),
        "kb": _of_object(getattr(resources, "actors", None)),
        "lexicon": _of_object(getattr(resources, "lexicon", None)),
        "gazetteer": _of_object(getattr(resources, "gazetteer", None)),
    }
    dictionaries = getattr(resources, "dictionaries", None)
    if dictionaries is None:
        dictionaries = getattr(getattr(resources, "actors", None), "dictionaries", None)
    if dictionaries:
        # readable: "mine.tsv:sha256:<64 hex>; other.txt:sha256:..." in the order given (a
        # later file wins), so `eventcoder info` shows which files, and `sha256sum` checks them
        components["dictionaries"] = "; ".join(_of_object(d) for d in dictionaries)
    scorer = getattr(resources, "scorer", None)
    if scorer is not None:  # the learned event scorer (docs/scorer.md), only when loaded
        components["scorer"] = _of_object(scorer)
    settings = getattr(resources, "settings", None)
    if settings is not None:
        components["settings"] = _sha(json.dumps(_changed(settings), sort_keys=True, default=str).encode("utf-8"))
    return Fingerprint(components=components)


def _changed(settings: Any) -> Any:
    """The settings that differ from their defaults: a new option added with a default
    leaves every existing fingerprint as it was (no needless re-coding after an upgrade)."""
    if not dataclasses.is_dataclass(settings):
        return _plain(settings)
    out = {}
    for f in dataclasses.fields(settings):
        value = getattr(settings, f.name)
        default = f.default if f.default is not dataclasses.MISSING else (
            f.default_factory() if f.default_factory is not dataclasses.MISSING else dataclasses.MISSING
        )
        if value != default:
            out[f.name] = _plain(value)
    return out
