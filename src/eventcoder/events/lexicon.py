"""The CAMEO lexicon: verb and noun patterns, and the code table.

Data files (``events/data/``), tab-separated with a header row, ``#`` starts a comment
line, sorted by ``id`` so that diffs stay small:

``cameo.tsv``  -- one row per CAMEO event code::

    code  name  goldstein  quad_class  plover_type  plover_mode

``verbs.tsv``  -- verb patterns::

    id  cameo  lemma  particle  object  prep  comp  pobj  note

* ``cameo``: the code, or ``---`` for a *block* row: when it is the best match the verb
  codes nothing ("abandon a retrial" is not a retreat).

* ``lemma``: the verb's lemma, lowercase (``meet``).
* ``particle``: a phrasal particle that must be present (``set up`` -> ``up``), or empty.
* ``object``: ``|``-separated lemmas; the direct object's head must be one of them
  (``pay`` + ``visit|trip``; ``impose`` + ``sanction|embargo``), or empty.  An item of
  several words is a head with its modifiers (``air strike``: head ``strike`` with a
  compound or adjective ``air``); ``*`` is any direct object ("returned * to X").
* ``prep``: ``|``-separated prepositions; one must attach to the verb (or to the required
  object) and its object is the target (``call`` + ``for``; ``open`` + ``fire`` + ``on``).
  Empty: the target is the direct object, else the object of a usual preposition.
* ``comp``: ``|``-separated lemmas of an open complement verb that must be present
  (``refuse`` + ``meet|talk`` -> reject proposal to meet), or empty.
* ``pobj``: ``prep:lemma|lemma`` -- a prepositional phrase with a fixed object that must
  attach to the verb (or the object): ``accuse`` + ``of:spying`` (1125), ``put`` +
  ``on:trial`` (173).  Unlike ``prep`` its object is not the target.

``nouns.tsv``  -- event nouns ("Kishida's visit to Cambodia", "the attack on ...")::

    id  cameo  lemma  prep  note

  The source is the possessor (or "by" agent, or compound modifier); the target the
  object of one of the ``|``-separated ``prep`` (``to``; ``with|between``; ``on|against``).

The most specific matching pattern wins (more constraints beats fewer).
"""

from __future__ import annotations

import csv
import functools
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import CodebookError, ResourceNotFound

__all__ = ["BLOCK", "CodeInfo", "VerbPattern", "NounPattern", "Lexicon", "load_lexicon", "default_lexicon", "cameo_name"]


@dataclass(frozen=True, slots=True, kw_only=True)
class CodeInfo:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover_type: str | None
    plover_mode: str | None


BLOCK = "---"


def _split_items(items: frozenset[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """``{"air strike", "strike"}`` -> ``(("strike", ("air",)), ("strike", ()))``."""
    out = []
    for item in sorted(items):
        words = item.split()
        out.append((words[-1], tuple(words[:-1])))
    return tuple(out)


@dataclass(frozen=True, slots=True, kw_only=True)
class VerbPattern:
    id: str
    cameo: str
    lemma: str
    particle: str = ""
    object: frozenset[str] = frozenset()
    prep: frozenset[str] = frozenset()
    comp: frozenset[str] = frozenset()
    pobj_prep: str = ""
    pobj: frozenset[str] = frozenset()
    # derived: (head, modifiers) of the object and pobj items, and their heads alone
    object_items: tuple[tuple[str, tuple[str, ...]], ...] = ()
    object_heads: frozenset[str] = frozenset()
    pobj_items: tuple[tuple[str, tuple[str, ...]], ...] = ()
    pobj_heads: frozenset[str] = frozenset()
    specificity: int = 0

    @classmethod
    def make(cls, **kw) -> "VerbPattern":
        obj = kw.get("object", frozenset())
        pobj = kw.get("pobj", frozenset())
        oi, pi = _split_items(obj), _split_items(pobj)
        spec = (
            bool(kw.get("particle")) + 2 * bool(obj) - ("*" in obj) + bool(kw.get("prep")) + 2 * bool(kw.get("comp"))
            + 2 * bool(pobj) + any(m for _, m in oi) + any(m for _, m in pi)
        )
        return cls(
            **kw, object_items=oi, object_heads=frozenset(h for h, _ in oi),
            pobj_items=pi, pobj_heads=frozenset(h for h, _ in pi), specificity=spec,
        )

    @property
    def blocks(self) -> bool:
        """A block row: the best match says "no event here"."""
        return self.cameo == BLOCK


@dataclass(frozen=True, slots=True, kw_only=True)
class NounPattern:
    id: str
    cameo: str
    lemma: str
    prep: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Lexicon:
    codes: dict[str, CodeInfo]
    verbs: dict[str, tuple[VerbPattern, ...]]  # by lemma, most specific first
    nouns: dict[str, tuple[NounPattern, ...]]  # by lemma

    def code(self, cameo: str) -> CodeInfo:
        """The code's row; codes missing from the table fall back to their parent code."""
        probe = cameo
        while probe:
            info = self.codes.get(probe)
            if info is not None:
                return info
            probe = probe[:-1]
        raise CodebookError(f"CAMEO code {cameo!r} is not in cameo.tsv; add a row for it.")


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise ResourceNotFound(f"lexicon file {path} is missing; reinstall eventcoder.")
    with path.open(encoding="utf-8", newline="") as fh:
        lines = (line for line in fh if line.strip() and not line.startswith("#"))
        reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        rows = []
        for n, row in enumerate(reader, start=2):
            if None in row or any(v is None for v in row.values()):
                raise CodebookError(f"{path.name}: row {n} has the wrong number of columns: {row}")
            rows.append({k: v.strip() for k, v in row.items()})
        return rows


def _set(value: str) -> frozenset[str]:
    return frozenset(v.strip().lower() for v in value.split("|") if v.strip())


def load_lexicon(directory: Path | None = None) -> Lexicon:
    """Read cameo.tsv, verbs.tsv and nouns.tsv (default: the package's own data)."""
    base = Path(directory) if directory else Path(str(resources.files(__package__) / "data"))
    codes: dict[str, CodeInfo] = {}
    for row in _rows(base / "cameo.tsv"):
        try:
            codes[row["code"]] = CodeInfo(
                code=row["code"],
                name=row["name"],
                goldstein=float(row["goldstein"]),
                quad_class=int(row["quad_class"]),
                plover_type=row["plover_type"] or None,
                plover_mode=row["plover_mode"] or None,
            )
        except (KeyError, ValueError) as err:
            raise CodebookError(f"cameo.tsv: bad row {row}: {err}") from err
    verbs: dict[str, list[VerbPattern]] = defaultdict(list)
    seen: set[str] = set()
    for row in _rows(base / "verbs.tsv"):
        pobj_prep, _, pobj = (row.get("pobj") or "").partition(":")
        pattern = VerbPattern.make(
            id=row["id"],
            cameo=row["cameo"],
            lemma=row["lemma"].lower(),
            particle=row["particle"].lower(),
            object=_set(row["object"]),
            prep=_set(row["prep"]),
            comp=_set(row["comp"]),
            pobj_prep=pobj_prep.strip().lower(),
            pobj=_set(pobj),
        )
        _check(pattern.id, pattern.cameo, codes, seen, "verbs.tsv")
        verbs[pattern.lemma].append(pattern)
    nouns: dict[str, list[NounPattern]] = defaultdict(list)
    for row in _rows(base / "nouns.tsv"):
        noun = NounPattern(
            id=row["id"], cameo=row["cameo"], lemma=row["lemma"].lower(), prep=_set(row["prep"])
        )
        _check(noun.id, noun.cameo, codes, seen, "nouns.tsv")
        nouns[noun.lemma].append(noun)
    return Lexicon(
        codes=codes,
        verbs={
            k: tuple(sorted(v, key=lambda p: (-p.specificity, p.id))) for k, v in verbs.items()
        },
        nouns={k: tuple(sorted(v, key=lambda p: (-len(p.prep), p.id))) for k, v in nouns.items()},
    )


def _check(rule_id: str, cameo: str, codes: dict[str, CodeInfo], seen: set[str], where: str) -> None:
    if rule_id in seen:
        raise CodebookError(f"{where}: duplicate rule id {rule_id!r}; ids must be unique.")
    seen.add(rule_id)
    if cameo == BLOCK and where == "verbs.tsv":
        return
    if not cameo.isdigit() or not 2 <= len(cameo) <= 4:
        raise CodebookError(f"{where}: rule {rule_id!r} has a malformed CAMEO code {cameo!r}.")
    if cameo not in codes and cameo[:3] not in codes and cameo[:2] not in codes:
        raise CodebookError(f"{where}: rule {rule_id!r} uses {cameo!r}, which cameo.tsv lacks.")


@functools.cache
def default_lexicon() -> Lexicon:
    """The package's own lexicon, loaded once per process (for names in sinks and UIs)."""
    return load_lexicon()


def cameo_name(code: str) -> str:
    """The short name of a CAMEO code ("042" -> "Make a visit"); "" when unknown."""
    try:
        return default_lexicon().code(code).name
    except CodebookError:
        return ""
