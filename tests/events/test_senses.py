"""Senses chosen by context (events/senses.py): the object noun and the actors' sectors
pick the CAMEO code.  Sentences of our own wording, one per rule and its contrast."""

from __future__ import annotations

import pytest

from eventcoder.events.senses import SENSE_RULES
from eventcoder.pipeline import code_text

pytestmark = pytest.mark.model

CASES = [
    # troops sent to keep the peace provide it (074), where the force serves
    ("Fiji is sending soldiers to the United Nations peacekeeping mission in Lebanon.", "FJI", "LBN", "074"),
    ("Ghana deployed troops to the peacekeeping force in Mali.", "GHA", "MLI", "074"),
    # force against civilians is assault (18), between armed forces fight (19)
    ("Syrian soldiers killed five villagers in Idlib.", "SYRMIL", "SYRCVL", "180"),  # Idlib: the villagers are Syrian
    ("Malian soldiers shot two farmers near Gao.", "MLIMIL", "AGR", "180"),
    ("Nigerian troops attacked rebel fighters near Maiduguri.", "NGAMIL", None, "190"),
    # police and courts: charging and indicting is 173; a politician's charge is an accusation
    ("An Egyptian court charged the journalist with spreading false news.", "EGYJUD", "MED", "173"),
    ("A French prosecutor indicted the former Gabonese minister.", "FRAJUD", "GABELI", "173"),
    ("The Kenyan police charged three activists with incitement.", "KENCOP", "OPP", "173"),
    # strike: an air strike is 195, a workers' strike 143
    ("Israeli warplanes carried out an air strike on a village in Lebanon.", "ISRMIL", None, "195"),
    ("Turkey's drone strike on Kurdish militants drew protests.", "TUR", "REB", "195"),
    ("Kenyan teachers went on strike in Nairobi.", "KENEDU", None, "143"),
    # withdrawals: troops retreat (0874), envoys mark a diplomatic break (161)
    ("Russia withdrew its troops from Georgia.", "RUS", "GEO", "0874"),
    ("Russia recalled its ambassador from Lithuania.", "RUS", "LTU", "161"),
    # receiving: a delegation is hosted (043); aid received is aid given by the sender
    ("The Georgian premier received a delegation of OSCE observers.", "GEOGOV", "IGOSCE", "043"),
    ("Jordan received military aid from the United States.", "USA", "JOR", "072"),
    ("Moldova received humanitarian aid from Romania.", "ROU", "MDA", "070"),
    # aircraft: harm done by them, or in an air raid, is aerial force (195)
    ("Syrian helicopters killed nine farmers near Hama.", "SYR", "SYRAGR", "195"),
    ("Saudi warplanes attacked Houthi positions near Sanaa.", "SAUMIL", None, "195"),
    ("Israeli forces killed four Palestinians in an air raid on Rafah.", "ISRMIL", None, "195"),
    # forces arriving are deployed: peacekeepers 074, troops 154; officials visit (042)
    ("Rwandan peacekeepers arrived in Juba on Sunday.", "RWAMIL", None, "074"),
    ("American troops arrived in Lithuania on Monday.", "USAMIL", "LTU", "154"),
    ("The Mexican foreign minister arrived in Havana on Monday.", "MEXGOV", "CUBGOV", "042"),
    # a stated refusal of a cooperative act is its rejection
    ("Peru will not lift the embargo on Chile.", "PER", "CHL", "1244"),
    ("Norway said it would never meet the Hungarian delegation.", "NOR", "HUN", "125"),
    ("Ecuador will not release the Colombian fishermen.", "ECU", "COLAGR", "1243"),
]


@pytest.mark.parametrize("text, source, target, cameo", CASES, ids=[c[0][:40] for c in CASES])
def test_sense_picks_the_code(resources, text, source, target, cameo):
    events = code_text(text, date="2021-04-01", resources=resources)
    got = [(e.source.code if e.source else None, e.target.code if e.target else None, e.cameo) for e in events]
    assert any(
        e.cameo == cameo and e.source is not None and e.source.code == source
        and (target is None or (e.target is not None and e.target.code == target))
        for e in events
    ), got


@pytest.mark.parametrize(
    "text, cameo",
    [
        # the contrasts: the lexicon's code stands
        ("The Brazilian senator charged that the minister had lied.", None),
        ("Chile withdrew from the trade talks with Peru.", None),
        # suicide bombers are people, not aircraft: no aerial force
        ("Two suicide bombers killed nine soldiers in Kabul.", None),
    ],
)
def test_sense_leaves_other_uses_alone(resources, text, cameo):
    events = code_text(text, date="2021-04-01", resources=resources)
    assert all(e.cameo not in {"173", "195"} for e in events)
    if cameo:
        assert any(e.cameo == cameo for e in events), [(e.cameo, e.evidence.rule) for e in events]


def test_past_negation_stays_a_negated_event(resources):
    events = code_text("Japan did not meet China.", date="2021-04-01", resources=resources)
    assert events and {(e.cameo, e.negated) for e in events} == {("040", True)}


def test_sense_rules_are_documented():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "coding-rules.md").read_text("utf-8")
    assert [r for r in SENSE_RULES if f"`{r}`" not in doc] == []


@pytest.mark.parametrize(
    "text, plover, mode",
    [
        # PLOVER splits CAMEO 173: a charge is ACCUSE "allege", an arrest COERCE "arrest"
        ("The Kenyan police charged three activists with incitement.", "ACCUSE", "allege"),
        ("Peruvian prosecutors filed charges against the former mayor of Cusco.", "ACCUSE", "allege"),
        ("The Kenyan police arrested three activists in Nairobi.", "COERCE", "arrest"),
    ],
)
def test_plover_type_of_a_legal_act(resources, text, plover, mode):
    events = [e for e in code_text(text, date="2021-04-01", resources=resources) if e.cameo == "173"]
    assert events and {(e.plover.event_type, e.plover.mode) for e in events} == {(plover, mode)}
