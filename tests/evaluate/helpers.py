"""Hand-made coded events for the scorer tests."""

from __future__ import annotations

from eventcoder.evaluate.gold import quad_of_root
from eventcoder.model import Actor, Event, Evidence, Plover

PLOVER_OF_ROOT = {"04": "CONSULT", "10": "REQUEST", "11": "ACCUSE", "18": "ASSAULT", "19": "ASSAULT"}


def actor(code: str | None, text: str = "") -> Actor | None:
    if code is None:
        return None
    country = None if code.startswith("IGO") else code[:3]
    role = code[3:6] or None if not code.startswith("IGO") else None
    return Actor(text=text or code, code=code, country=country, role=role)


def event(
    source: str | None,
    target: str | None,
    cameo: str,
    *,
    doc_id: str = "d1",
    rule: str = "test.rule",
    source_span: tuple[int, int] | None = None,
    target_span: tuple[int, int] | None = None,
    source_text: str = "",
    target_text: str = "",
    negated: bool = False,
) -> Event:
    root = cameo[:2]
    return Event(
        event_id=f"{doc_id}-{source}-{target}-{cameo}",
        doc_id=doc_id,
        sentence_index=0,
        sentence="",
        span=(0, 0),
        date=None,
        date_precision="article",
        source=actor(source, source_text),
        target=actor(target, target_text),
        cameo=cameo,
        cameo_root=root,
        quad_class=quad_of_root(root) or 0,
        goldstein=0.0,
        plover=Plover(event_type=PLOVER_OF_ROOT.get(root, "OTHER")),
        negated=negated,
        evidence=Evidence(
            verb="v", verb_span=(0, 1), source_span=source_span, target_span=target_span, rule=rule
        ),
    )
