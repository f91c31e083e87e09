"""Lexicon rows added after evaluation misses, each with a sentence of our own wording:
the rule must fire on it with the expected code."""

from __future__ import annotations

import pytest

from eventcoder.model import Article
from eventcoder.pipeline import code_article

pytestmark = pytest.mark.model

CASES = [
    ("Chile renewed its negotiations with Bolivia on Monday.", "046", "v.renew.talks"),
    ("Estonia shared its cyber-defence expertise with Moldova.", "061", "v.share.expertise"),
    ("Danish volunteers handed over medicine to the Tunisian Red Crescent.", "073", "v.hand.over.aid"),
    ("The Bolivian court cancelled restrictions on foreign journalists.", "081", "v.cancel.restriction"),
    ("Kenya shortened the nightly curfew in Mombasa.", "0813", "v.shorten.curfew"),
    ("Peru lifted the state of emergency in Puno.", "0812", "v.lift.state"),
    ("The Ecuadorian government accepted the demands of the striking miners.", "080", "v.accept.demand"),
    ("The Georgian premier received a mission of OSCE observers.", "043", "v.receive.mission"),
    ("Armenia strengthened its forces along the border.", "154", "v.strengthen.force"),
    ("Russian hackers defaced Lithuanian government websites.", "176", "v.deface.site"),
    ("The United Nations dispatched inspectors to Libya.", "090", "v.dispatch.inspector"),
    ("The World Food Programme reduced food supplies to Yemen.", "162", "v.reduce.supply"),
    ("Egypt ended its mediation between the Sudanese factions.", "165", "v.end.mediation"),
    ("A Chilean judge opened a hearing into the police shooting.", "091", "v.open.hearing"),
]


@pytest.mark.parametrize("text, cameo, rule", CASES, ids=[c[2] for c in CASES])
def test_lexicon_row_fires(resources, text, cameo, rule):
    events = code_article(Article(doc_id="t", text=text, published="2021-04-01"), resources).events
    assert any(e.evidence.rule == rule and e.cameo == cameo for e in events), [
        (e.evidence.rule, e.cameo) for e in events
    ]
