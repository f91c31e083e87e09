"""Where the target is when the pattern's own words are not it (events/coder.py
``_verb_frame``): sentences of our own wording, on the real lexicon."""

from __future__ import annotations

import pytest

from eventcoder.pipeline import code_text

pytestmark = pytest.mark.model

CASES = [
    # the source's own forces are not the target; the phrase inside a phrase is
    ("Armenia mobilized army reservists for a war against Azerbaijan.", "ARM", "AZE", "15"),
    # a purpose clause's object
    ("Egyptian police opened fire to disperse the protesters.", "EGYCOP", "OPP", "19"),
    # "its" support is the subject's own; the phrase after it names the other side
    ("Turkey reiterated its support for Azerbaijan.", "TUR", "AZE", "05"),
    # a fixed prepositional object's complement: "called for the release of X"
    ("Amnesty International called for the release of the Belarusian activists.", "NGOHRIAMN", "BLR", "02"),
    # "received aid from X": X gives
    ("Jordan received military aid from the United States.", "USA", "JOR", "07"),
]


@pytest.mark.parametrize("text, source, target, root", CASES, ids=[c[0][:40] for c in CASES])
def test_target_found(resources, text, source, target, root):
    events = code_text(text, date="2021-04-01", resources=resources)
    got = [(e.source.code if e.source else None, e.target.code if e.target else None, e.cameo) for e in events]
    assert any(
        e.cameo.startswith(root) and e.source is not None and e.source.code == source
        and e.target is not None and e.target.code.startswith(target)
        for e in events
    ), got
