"""Readers for the gold sets: each turns one third-party format into a :class:`GoldSet`.

* :func:`load_plover` -- PLOVER gold-standard records (``PLOVER_GSR_CAMEO.txt``).
* :func:`load_conflibert` -- ConfliBERT CAMEO annotations (several coders per sentence).
* :func:`load_case2021` -- CASE 2021 task 2 snippets with ACLED-style event types.
* :func:`load_plv` -- PLV real-news PLOVER relations (marked source and target spans).
* :func:`load_petrarch_xml` -- PETRARCH/TABARI-style validation XML.
* :func:`load_gold` -- any of these by path (format detected) or by name.

The mapping decisions are documented in ``docs/evaluation.md``.
"""

from __future__ import annotations

import ast
import csv
import hashlib
import json
import math
import os
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import InputError, ResourceNotFound
from .gold import LEVELS, GoldActor, GoldEvent, GoldItem, GoldSet
from .tables import (
    ACLED_TO_ROOT,
    OLD_COUNTRY_CODES,
    PLOVER_OLD_TO_ROOT,
    PLOVER_OLD_TO_V08,
    normalize_role,
    split_cameo_actor,
)

__all__ = [
    "KNOWN_SETS",
    "find_gold_dir",
    "load_gold",
    "load_plover",
    "load_conflibert",
    "load_case2021",
    "load_plv",
    "load_petrarch_xml",
]

#: Known gold-set names -> path inside the gold directory.
KNOWN_SETS: dict[str, str] = {
    "plover": "plover/PLOVER_GSR_CAMEO.txt",
    "conflibert": "conflibert-cameo/cameo_conflibert_annotations.jsonl",
    "case2021": "case2021-task2/test_set_final_release_with_labels.tsv",
    "plv": "plv/PLV_train.tsv",
    "petrarch-unit": "petrarch-unit/PETR.UnitTest.records.xml",
}


def find_gold_dir() -> Path | None:
    """Where the third-party gold sets live, or None.

    Looked up in order: ``$EVENTCODER_GOLD``; ``$EVENTCODER_SHARED/gold``; ``shared/gold``
    and ``../shared/gold`` from the working directory; ``../shared/gold`` beside a
    source checkout of eventcoder.
    """
    candidates: list[Path] = []
    if os.environ.get("EVENTCODER_GOLD"):
        candidates.append(Path(os.environ["EVENTCODER_GOLD"]))
    if os.environ.get("EVENTCODER_SHARED"):
        candidates.append(Path(os.environ["EVENTCODER_SHARED"]) / "gold")
    cwd = Path.cwd()
    candidates += [cwd / "shared" / "gold", cwd.parent / "shared" / "gold"]
    candidates.append(Path(__file__).resolve().parents[3].parent / "shared" / "gold")
    for path in candidates:
        if path.is_dir():
            return path
    return None


def _unique_ids(items: list[GoldItem]) -> tuple[GoldItem, ...]:
    """Item ids key the coded results: a repeated id gets ``#2``, ``#3`` ... appended."""
    seen: dict[str, int] = {}
    out = []
    for item in items:
        seen[item.id] = seen.get(item.id, 0) + 1
        if seen[item.id] > 1:
            item = replace(item, id=f"{item.id}#{seen[item.id]}")
        out.append(item)
    return tuple(out)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for file in files:
        digest.update(file.read_bytes())
    return digest.hexdigest()


def load_gold(gold: str | os.PathLike[str]) -> GoldSet:
    """Load a gold set from a path (file or folder; format detected) or a known name.

    Known names: ``plover``, ``conflibert``, ``case2021``, ``plv``, ``petrarch-unit``.
    """
    name = str(gold)
    if name in KNOWN_SETS and not Path(name).exists():
        base = find_gold_dir()
        if base is None:
            raise ResourceNotFound(
                f"gold set {name!r}: the gold directory was not found; set EVENTCODER_GOLD "
                "to the folder holding plover/, conflibert-cameo/, case2021-task2/"
            )
        return load_gold(base / KNOWN_SETS[name])
    path = Path(gold)
    if not path.exists():
        raise InputError(
            f"gold set {name!r} is neither a file/folder nor a known name "
            f"({', '.join(KNOWN_SETS)}); give a path or one of those names"
        )
    if path.is_dir():
        path = _pick_file(path)
    head = path.read_text(encoding="utf-8", errors="replace")[:4000]
    if path.suffix.lower() == ".xml" or "<Sentence" in head:
        return load_petrarch_xml(path)
    if "marked_sentence" in head.split("\n", 1)[0]:
        return load_plv(path)
    if path.suffix.lower() in (".tsv", ".csv") or head.startswith("id\t"):
        return load_case2021(path)
    if '"annotations"' in head and '"sentence"' in head:
        return load_conflibert(path)
    if '"eventText"' in head or "PLOVER" in head[:2000]:
        return load_plover(path)
    raise InputError(
        f"{path}: unknown gold format; expected PLOVER GSR JSON, ConfliBERT JSONL, "
        "CASE 2021 TSV, PLV TSV or PETRARCH validation XML"
    )


def _pick_file(folder: Path) -> Path:
    for rel in KNOWN_SETS.values():
        sub = rel.split("/", 1)[1]
        if (folder / sub).is_file():
            return folder / sub
    for pattern in ("*.xml", "*.jsonl", "*.tsv", "*GSR*.txt"):
        found = sorted(folder.glob(pattern))
        if len(found) == 1:
            return found[0]
    raise InputError(f"{folder}: no gold file found in this folder; give the file's path")


# ---------------------------------------------------------------- PLOVER GSR
_MARKUP = re.compile(r"\((SRC|TAR|SRC/TAR|EVT|LOC|SRC/LOC|TAR/LOC)\s*:\s*([^)]*)\)")


def _plover_actor(entry: dict[str, Any], text: str) -> GoldActor:
    code = str(entry.get("code") or "").strip().upper()
    country = OLD_COUNTRY_CODES.get(code[:3], code[:3]) if code else None
    actor_text = entry.get("actorText")
    spans: tuple[tuple[int, int], ...] = ()
    if actor_text and actor_text in text:
        start = text.index(actor_text)
        spans = ((start, start + len(actor_text)),)
    return GoldActor(
        country=country or None,
        role=normalize_role(entry.get("sector")),
        code=code + (entry.get("sector") or "") if code else None,
        text=actor_text,
        spans=spans,
    )


def _actor_list(value: Any, text: str) -> list[GoldActor]:
    if not isinstance(value, list):  # None, "" or a stray string: no actor
        return []
    return [_plover_actor(a, text) for a in value if isinstance(a, dict) and a.get("code")]


# Every record of PLOVER_GSR_CAMEO.txt carries "date": "2000-01-01", a placeholder (the
# sentences come from the CAMEO manual and span decades); it is not the article date, so
# actors are resolved without one rather than as of 2000.
_PLOVER_PLACEHOLDER_DATE = "2000-01-01"


def load_plover(path: str | os.PathLike[str]) -> GoldSet:
    """PLOVER GSR: one JSON array of records; the first documents the file.

    Compound actors are expanded into one event per (source, target) pair, as CAMEO
    coders do.  Actors marked ``SRC/TAR`` with no separate target act on each other
    (A->B and B->A).  An empty target means "no target".
    """
    path = Path(path)
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise InputError(f"{path}: cannot read the PLOVER records: {err}") from err
    items: list[GoldItem] = []
    for record in records:
        label = record.get("event")
        if not isinstance(record, dict) or label == "DOCUMENT" or not record.get("text"):
            continue
        if label not in PLOVER_OLD_TO_ROOT:
            raise InputError(
                f"{path}: record {record.get('id')}: event {label!r} has no entry in the "
                "PLOVER 0.5 -> CAMEO table (eventcoder.evaluate.tables.PLOVER_OLD_TO_ROOT)"
            )
        text = record["text"]
        sources = _actor_list(record.get("source"), text)
        targets = _actor_list(record.get("target"), text)
        info = record.get("textInfo")
        markup = info.get("markup", "") if isinstance(info, dict) else str(info or "")
        mutual = any(tag == "SRC/TAR" for tag, _ in _MARKUP.findall(markup))
        pairs: list[tuple[GoldActor | None, GoldActor | None]]
        if targets:
            pairs = [(s, t) for s in sources for t in targets]
        elif mutual and len(sources) > 1:
            pairs = [(s, t) for s in sources for t in sources if s is not t]
        else:
            pairs = [(s, None) for s in sources]
        root = PLOVER_OLD_TO_ROOT[label]
        events = tuple(
            GoldEvent(source=s, target=t, root=root, plover=PLOVER_OLD_TO_V08[label], label=label)
            for s, t in pairs
        )
        items.append(
            GoldItem(
                id=record.get("id", f"plover-{len(items)}"),
                text=text,
                date=None if record.get("date") == _PLOVER_PLACEHOLDER_DATE else record.get("date"),
                events=events,
                meta={"mode": record.get("mode"), "context": record.get("context")},
            )
        )
    return GoldSet(
        name="plover",
        path=str(path),
        items=_unique_ids(items),
        levels=("root", "quad", "type", "plover", "actors"),
        notes=("PLOVER 0.5 event names mapped to one CAMEO root each; no full codes",),
        corpus_sha256=_sha256(path),
    )


# ---------------------------------------------------------------- ConfliBERT
_CAMEO_LABEL = re.compile(r"^\s*\d+\s*-\s*(\d{1,2})\b")


def _conflibert_root(value: str) -> str | None:
    match = _CAMEO_LABEL.match(value or "")
    return f"{int(match.group(1)):02d}" if match else None


def _locate(text: str, fragment: str, offset: int) -> tuple[int, int] | None:
    if text[offset : offset + len(fragment)] == fragment:
        return (offset, offset + len(fragment))
    found = text.find(fragment)
    return None if found < 0 else (found, found + len(fragment))


def _overlaps(a: tuple[tuple[int, int], ...], b: tuple[tuple[int, int], ...]) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _coder_events(annotations: dict[str, Any], coder: str, text: str) -> list[dict[str, Any]]:
    """One coder's events: ``{"root", "label", "action", "source", "target"}`` (span tuples)."""
    raw = annotations.get(f"entities_{coder}")
    try:
        entities = ast.literal_eval(raw) if raw else []
    except (ValueError, SyntaxError):
        entities = []
    spans: dict[tuple[str, int], list[tuple[int, int]]] = defaultdict(list)
    for entity in entities:
        if not (isinstance(entity, tuple) and len(entity) == 3):
            continue
        label, fragment, offset = entity
        kind, _, number = str(label).partition("-")
        if kind not in ("Source", "Target", "Action") or not number.isdigit():
            continue
        span = _locate(text, str(fragment), int(offset))
        if span is not None:
            spans[(kind, int(number))].append(span)
    events = []
    for k in range(1, 10):
        label = annotations.get(f"Action{k}_CAMEO_{coder}")
        if not label:
            continue
        root = _conflibert_root(label)
        if root is None:
            continue
        events.append(
            {
                "root": root,
                "label": label,
                "action": tuple(spans.get(("Action", k), ())),
                "source": tuple(spans.get(("Source", k), ())),
                "target": tuple(spans.get(("Target", k), ())),
            }
        )
    return events


def _agreed_events(annotations: dict[str, Any], text: str) -> tuple[list[GoldEvent], int]:
    coders = sorted(
        {key.rsplit("_", 1)[1] for key in annotations if key.startswith("anncomplete_")}
    )
    n_coders = len(coders)
    need = max(2, math.ceil(n_coders / 2))
    clusters: list[dict[str, Any]] = []  # {"root", "coders": set, "events": list}
    for coder in coders:
        for event in _coder_events(annotations, coder, text):
            for cluster in clusters:
                if (
                    cluster["root"] == event["root"]
                    and coder not in cluster["coders"]
                    and _overlaps(cluster["action"], event["action"])
                ):
                    cluster["coders"].add(coder)
                    cluster["action"] += event["action"]
                    cluster["events"].append(event)
                    break
            else:
                clusters.append(
                    {"root": event["root"], "coders": {coder}, "action": event["action"], "events": [event]}
                )
    gold = []
    for cluster in clusters:
        if len(cluster["coders"]) < need:
            continue
        sources = tuple(sorted({s for e in cluster["events"] for s in e["source"]}))
        targets = tuple(sorted({t for e in cluster["events"] for t in e["target"]}))
        gold.append(
            GoldEvent(
                source=GoldActor(spans=sources, text=_span_text(text, sources)),
                target=GoldActor(spans=targets, text=_span_text(text, targets)),
                root=cluster["root"],
                label=cluster["events"][0]["label"],
                spans=tuple(sorted(set(cluster["action"]))),
            )
        )
    gold.sort(key=lambda g: g.spans[:1])
    return gold, n_coders


def _span_text(text: str, spans: tuple[tuple[int, int], ...]) -> str | None:
    return " | ".join(dict.fromkeys(text[s:e] for s, e in spans)) or None


def load_conflibert(path: str | os.PathLike[str]) -> GoldSet:
    """ConfliBERT CAMEO annotations: several training rounds, several coders per sentence.

    Gold rule: for each sentence take its *last* round that at least two coders completed
    (the coders' final revision; some sentences' last round is empty).  An
    event is gold when at least ``max(2, ceil(n/2))`` of the ``n`` coders who completed
    the sentence marked an action with the same CAMEO root whose action spans overlap.
    Its source (target) is every span those coders marked as the action's source
    (target); a coded actor matches when its span overlaps one.  A side no coder marked
    is unspecified and matches anything.
    """
    path = Path(path)
    latest: dict[str, tuple[int, dict[str, Any]]] = {}
    order: list[str] = []
    order_set: set[str] = set()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise InputError(f"{path}: cannot read: {err}") from err
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(f"{path}:{number}: not JSON: {err}") from err
        sentence = str(row.get("sentence", "")).strip()
        if not sentence:
            continue
        rnd = int(row.get("round") or 0)
        if sentence not in order_set:
            order.append(sentence)
            order_set.add(sentence)
        completed = sum(1 for key in row.get("annotations") or {} if key.startswith("anncomplete_"))
        if completed >= 2 and (sentence not in latest or rnd >= latest[sentence][0]):
            latest[sentence] = (rnd, row)
    items = []
    for index, sentence in enumerate(order):
        if sentence not in latest:  # no round with two completed coders
            continue
        rnd, row = latest[sentence]
        events, n_coders = _agreed_events(row.get("annotations") or {}, sentence)
        items.append(
            GoldItem(
                id=f"conflibert-{index + 1:03d}-r{rnd}",
                text=sentence,
                date=None,
                events=tuple(events),
                meta={"round": rnd, "coders": n_coders},
            )
        )
    return GoldSet(
        name="conflibert",
        path=str(path),
        items=_unique_ids(items),
        levels=("root", "quad", "type"),
        notes=("dyad compared by span overlap; CAMEO roots only",),
        corpus_sha256=_sha256(path),
    )


# ---------------------------------------------------------------- CASE 2021
def load_case2021(path: str | os.PathLike[str]) -> GoldSet:
    """CASE 2021 task 2 test set (``id``, ``EventSnippet``, ``SubType``; tab-separated).

    Only the types in :data:`~eventcoder.evaluate.tables.ACLED_TO_ROOT` are kept; each
    snippet carries one label, so only the event type is scored.
    """
    path = Path(path)
    items = []
    skipped: dict[str, int] = defaultdict(int)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    except OSError as err:
        raise InputError(f"{path}: cannot read: {err}") from err
    for row in rows:
        label = (row.get("SubType") or "").strip()
        text = (row.get("EventSnippet") or "").strip()
        root = ACLED_TO_ROOT.get(label)
        if root is None or not text:
            skipped[label] += 1
            continue
        event = GoldEvent(source=GoldActor(), target=GoldActor(), root=root, label=label)
        items.append(
            GoldItem(id=f"case2021-{row.get('id')}", text=text, date=None, events=(event,))
        )
    kept = len(items)
    return GoldSet(
        name="case2021",
        path=str(path),
        items=_unique_ids(items),
        levels=("type",),
        single_label=True,
        notes=(
            f"{kept} of {len(rows)} snippets kept (types with a sound CAMEO root); "
            "left out: " + ", ".join(f"{k} {v}" for k, v in sorted(skipped.items())),
        ),
        corpus_sha256=_sha256(path),
    )


# ---------------------------------------------------------------- PLV
_PLV_MARK = re.compile(r"</?[st]>")


def _plv_spans(marked: str) -> tuple[str, dict[str, list[tuple[int, int]]]]:
    """The sentence without its ``<s>``/``<t>`` marks, and the marked spans by tag."""
    spans: dict[str, list[tuple[int, int]]] = {"s": [], "t": []}
    plain: list[str] = []
    pos = 0
    length = 0
    opened: dict[str, int] = {}
    for m in _PLV_MARK.finditer(marked):
        plain.append(marked[pos : m.start()])
        length += m.start() - pos
        pos = m.end()
        tag = m.group()
        if tag.startswith("</"):
            start = opened.pop(tag[2], None)
            if start is not None and length > start:
                spans[tag[2]].append((start, length))
        else:
            opened[tag[1]] = length
    plain.append(marked[pos:])
    return "".join(plain), spans


def load_plv(path: str | os.PathLike[str]) -> GoldSet:
    """PLV (Zero-Shot-PLOVER) TSV: one row per (source, target) relation of a sentence,
    the spans marked ``<s>...</s>`` and ``<t>...</t>`` in ``marked_sentence``, the PLOVER
    type in ``gold_root``; rows with the same ``sentence_id`` are one sentence.

    A relation is found when a coded event of its PLOVER type has a source and a target
    whose spans overlap the marked ones.  A relation whose target is not in the sentence
    (written as "a recipient", no ``<t>`` mark) leaves that side unspecified.  The types
    are an older PLOVER vocabulary: ``YIELD`` is v0.8's CONCEDE or RETREAT.
    """
    path = Path(path)
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
    except OSError as err:
        raise InputError(f"{path}: cannot read: {err}") from err
    if rows and not {"sentence_id", "marked_sentence", "gold_root"} <= set(rows[0]):
        raise InputError(f"{path}: not a PLV file; expected sentence_id, marked_sentence and gold_root columns")
    by_id: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_id[row["sentence_id"]].append(row)
    items: list[GoldItem] = []
    unmarked = dropped = 0
    for sid, group in by_id.items():
        text = group[0]["sentence"]
        events = []
        for row in group:
            plain, spans = _plv_spans(row["marked_sentence"])
            if plain != text or not spans["s"]:
                unmarked += 1  # marks that do not fit the sentence: locate the texts instead
                src = _locate(text, row["source"], 0)
                tgt = _locate(text, row["target"], 0)
                spans = {"s": [src] if src else [], "t": [tgt] if tgt else []}
                if not spans["s"]:
                    dropped += 1
                    continue
            source = GoldActor(text=row["source"], spans=tuple(spans["s"]))
            target = GoldActor(text=row["target"], spans=tuple(spans["t"])) if spans["t"] else GoldActor()
            label = row["gold_root"].strip().upper()
            events.append(GoldEvent(source=source, target=target, root=None, plover=label, label=label))
        items.append(GoldItem(id=f"plv-{sid}", text=text, date=None, events=tuple(events)))
    return GoldSet(
        name="plv",
        path=str(path),
        items=_unique_ids(items),
        levels=("dyadtype", "dyadic", "plover"),
        notes=(
            f"{len(rows)} relations in {len(items)} sentences; {unmarked} with marks that do not "
            f"fit the sentence, located by their text ({dropped} not found, left out); "
            "YIELD = CONCEDE or RETREAT",
        ),
        corpus_sha256=_sha256(path),
    )


# ---------------------------------------------------------------- PETRARCH XML
def _xml_actor(code: str | None) -> GoldActor | None:
    if code is None:
        return None
    code = code.strip().strip('"')
    if not code or code.startswith("---"):
        return None
    country, role = split_cameo_actor(code)
    return GoldActor(country=country, role=role, code=code)


def load_petrarch_xml(path: str | os.PathLike[str]) -> GoldSet:
    """PETRARCH/TABARI validation XML.

    ``<Sentence date="YYYYMMDD" id=...>`` holds ``<EventCoding sourcecode= targetcode=
    eventcode=>`` (one per event; ``noevents="True"`` for none) and ``<Text>``.
    Sentences whose coding is an ``error=`` test (discards, bad parses) are skipped.
    """
    path = Path(path)
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as err:
        raise InputError(f"{path}: not a readable validation XML file: {err}") from err
    items = []
    for sentence in root.iter("Sentence"):
        codings = sentence.findall("EventCoding")
        if any("error" in c.attrib for c in codings):
            continue
        text_el = sentence.find("Text")
        text = " ".join((text_el.text or "").split()) if text_el is not None else ""
        if not text:
            continue
        events = []
        for coding in codings:
            if coding.get("noevents", "").lower() == "true":
                continue
            code = (coding.get("eventcode") or "").strip()
            if not code[:2].isdigit():
                continue
            events.append(
                GoldEvent(
                    source=_xml_actor(coding.get("sourcecode")),
                    target=_xml_actor(coding.get("targetcode")),
                    root=code[:2],
                    cameo=code,
                    label=code,
                )
            )
        raw_date = sentence.get("date", "")
        date = f"{raw_date[:4]}-{raw_date[4:6]}-{raw_date[6:8]}" if len(raw_date) == 8 else None
        items.append(
            GoldItem(
                id=sentence.get("id", f"sentence-{len(items)}"),
                text=text,
                date=date,
                events=tuple(events),
                meta={"category": sentence.get("category")},
            )
        )
    return GoldSet(
        name=path.stem,
        path=str(path),
        items=_unique_ids(items),
        levels=tuple(level for level in LEVELS if level not in ("plover", "dyadtype", "dyadic")),
        corpus_sha256=_sha256(path),
    )
