"""Senses: the CAMEO code chosen by the words around the verb and by who the actors are.

The lexicon gives one code per pattern; some verbs and nouns mean different events
depending on their object or on the actors' sectors, which the lexicon cannot see.
:func:`code_sense` refines a pattern's code once the source and target are resolved;
:func:`recipient_subject` says when the subject of a verb *receives* the act ("received
aid from X": X gives).  Each rule is listed, with the CAMEO code that decides it, in
``docs/coding-rules.md`` ("Senses").  Tokens come from the parse; this module never
imports spaCy.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model import Actor

__all__ = ["code_sense", "is_peacekeeping", "plover_sense", "recipient_subject", "refusal_code", "REFUSALS", "SENSE_RULES"]

# Roles of non-combatants (CAMEO 18x "assault" is violence against them) and of armed,
# organized forces (CAMEO 19x "fight" is conventional force between such forces).
CIVILIAN_ROLES = frozenset("CVL REF EDU MED REL HLH LAB AGR BUS JRN NGO".split())
ARMED_ROLES = frozenset("MIL REB INS UAF SPY".split())
# Police, courts and prosecutors: their arrests, charges and sentences are CAMEO 173.
LEGAL_ROLES = frozenset("COP JUD".split())
# Harm verbs whose code depends on the victims.
HARM_VERBS = frozenset("kill shoot slay wound injure gun execute attack assault beat torture".split())
# Legal acts: charge / indict / prosecute / sentence / convict / sue.  By police or courts
# they are "arrest, detain, or charge with legal action" (173); by others an accusation
# (112) or a lawsuit (115), as the lexicon has them.
LEGAL_VERBS = frozenset("charge indict prosecute sentence jail imprison sue try summon".split())
# Formal charges: PLOVER's ACCUSE "allege" ("sue, indict, or charge; bring to trial"),
# though CAMEO files charging with arresting under 173.
CHARGE_VERBS = frozenset("charge indict prosecute sue".split())
CHARGE_NOUNS = frozenset("charge indictment lawsuit suit".split())
# "strike" is a labour action (143) unless the words around it make it military.
AIR_WORDS = frozenset("air aerial drone airstrike missile rocket bombing".split())
MILITARY_WORDS = frozenset("military preemptive pre-emptive retaliatory nuclear artillery naval".split())
LABOUR_ROLES = frozenset("LAB EDU MED AGR BUS CVL".split())
# Aircraft: harm done by them, or in an air raid, is CAMEO 195 "employ aerial weapons".
AIRCRAFT_NOUNS = frozenset(
    "aircraft airplane plane warplane jet helicopter gunship chopper drone".split()
)
RAID_NOUNS = frozenset("raid strike attack bombardment".split())
AERIAL_VERBS = frozenset("bomb hit strike target".split())
# Withdrawing or recalling: troops retreat (0874), envoys mark a diplomatic break (161).
WITHDRAW_VERBS = frozenset("withdraw recall pull evacuate".split())
TROOP_NOUNS = frozenset("troop force soldier army unit battalion brigade division contingent peacekeeper marine tank militia".split())
ENVOY_NOUNS = frozenset("ambassador envoy diplomat embassy consul representative chargé".split())
# Arriving: an official's arrival is a visit (042); armed forces arrive as a deployment,
# peacekeepers to keep the peace (074), other forces as a show of force (154).
ARRIVE_VERBS = frozenset("arrive land reach".split())
PEACEKEEPING_WORDS = frozenset("peacekeeping peace-keeping peacekeeper peacekeepers".split())
# Verbs whose subject undergoes the act: "faced criticism", "suffered an attack".
UNDERGO_VERBS = frozenset("face suffer undergo sustain endure".split())
# Receiving: a visitor or delegation is hosted (043); aid or arms are given to the subject.
RECEIVE_VERBS = frozenset("receive get obtain accept welcome".split())
VISITOR_NOUNS = frozenset("delegation mission envoy visitor minister president counterpart leader team inspector guest ambassador".split())

SENSE_RULES = (
    "s.force.civilians",
    "s.force.combatants",
    "s.force.aerial",
    "s.legal.authority",
    "s.strike.air",
    "s.strike.military",
    "s.strike.labour",
    "s.withdraw.troops",
    "s.withdraw.envoys",
    "s.receive.visitor",
    "s.arrive.forces",
    "s.send.peacekeeping",
    "s.refusal",
    "p.legal.charge",
)

# A stated refusal of a cooperative act ("will not meet", "would never lift the embargo")
# is CAMEO's rejection of that act (12x), as TABARI's "WILL NOT *" / "NEVER *" patterns code
# it.  Most specific prefix first; roots 01, 02, 09-20 have no refusal.
REFUSALS = {
    "0831": "1231", "0832": "1232", "0833": "1233", "0834": "1234", "083": "123",
    "081": "1241", "082": "1242", "084": "1243", "0841": "1243", "085": "1244",
    "086": "1245", "087": "1246", "080": "124", "08": "124",
    "061": "1211", "062": "1212", "06": "121",
    "07": "122",
    "057": "127", "045": "126", "04": "125",
    "03": "120", "05": "120",
}


SEND_VERBS = frozenset("send deploy dispatch contribute station".split())


def _objects(verb: Any) -> list[Any]:
    out = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    return out + [c for o in out for c in o.children if c.dep_ == "conj"]


def _children_of(token: Any, dep: str) -> list[Any]:
    return [c for c in token.children if c.dep_ == dep]


def _of_objects(noun: Any) -> list[Any]:
    return [o for p in noun.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]


def _mods(token: Any) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in {"compound", "amod", "nmod"}}


def _aerial(verb: Any) -> bool:
    """Whether aircraft do the harm ("Russian *warplanes* killed ...", "*helicopter
    gunships* attacked ...") or it is done in an air raid ("killed in an *air raid*")."""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "agent"}]
    subjects = [o for c in subjects for o in ([c] if c.dep_ == "nsubj" else _children_of(c, "pobj"))]
    if any(s.lemma_.lower() in AIRCRAFT_NOUNS for s in subjects):
        return True
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ in {"in", "during", "with", "by"}:
            for o in prep.children:
                if o.dep_ == "pobj" and o.lemma_.lower() in RAID_NOUNS and _mods(o) & {"air", "aerial", "drone"}:
                    return True
                if o.dep_ == "pobj" and o.lemma_.lower() in {"airstrike", "air-strike"}:
                    return True
    return False


def is_peacekeeping(noun: Any) -> bool:
    """Peacekeepers, or a force or mission that keeps the peace ("the UN *peacekeeping* force")."""
    return noun.lemma_.lower() in PEACEKEEPING_WORDS or bool(_mods(noun) & PEACEKEEPING_WORDS)


def _roles(actors: Sequence[Actor | None]) -> set[str]:
    return {a.role or "" for a in actors if a is not None}


def code_sense(
    cameo: str,
    token: Any,
    sources: Sequence[Actor | None],
    targets: Sequence[Actor | None],
) -> tuple[str, str | None]:
    """The code for this event once the actors are known, and the sense rule that chose
    it (None: the lexicon's code stands).  ``token`` is the event's verb or noun."""
    lemma = token.lemma_.lower()
    root = cameo[:2]
    src, tgt = _roles(sources), _roles(targets)
    is_noun = token.pos_ in {"NOUN", "PROPN"}
    # -- force: CAMEO 18 (assault) is violence against non-combatants, 19 (fight) between
    # armed forces.  "Soldiers killed five villagers" 180; "troops attacked rebels" 190.
    if lemma in HARM_VERBS | AERIAL_VERBS and not is_noun and root in {"18", "19"} and _aerial(token):
        return "195", "s.force.aerial"  # "warplanes killed 20 civilians", "killed in an air raid"
    if lemma in HARM_VERBS and not is_noun and targets:
        if root == "19" and tgt and tgt <= CIVILIAN_ROLES:
            return "180", "s.force.civilians"
        if cameo in {"180", "182"} and src and src <= ARMED_ROLES and tgt and tgt <= ARMED_ROLES:
            return "190", "s.force.combatants"
    # -- police and courts: charging, indicting, sentencing is 173 (CAMEO 173: "arrest,
    # detain, or charge with legal action"); the same verbs by politicians stay 112/115.
    if lemma in LEGAL_VERBS and not is_noun and src and src <= LEGAL_ROLES and root in {"11", "12"}:
        return "173", "s.legal.authority"
    # -- strike: "air strike", "drone strike" 195; "military strike" 190; workers' strike 143
    if lemma in {"strike", "airstrike"} and is_noun:
        mods = _mods(token)
        if lemma == "airstrike" or mods & AIR_WORDS:
            return "195", "s.strike.air"
        if mods & MILITARY_WORDS or (src and src <= ARMED_ROLES):
            return "190", "s.strike.military"
    if lemma == "strike" and not is_noun and root == "19" and not _objects(token) and src and src <= LABOUR_ROLES:
        return "143", "s.strike.labour"  # "the teachers struck for higher pay"
    # -- withdrawals: of troops a military retreat (0874), of envoys a diplomatic break (161)
    if lemma in WITHDRAW_VERBS and not is_noun:
        heads = {o.lemma_.lower() for o in _objects(token)}
        if heads & TROOP_NOUNS and root in {"16", "08"} and cameo != "0874":
            return "0874", "s.withdraw.troops"
        if heads & ENVOY_NOUNS and root in {"08", "16"} and cameo != "161":
            return "161", "s.withdraw.envoys"
    # -- troops arriving are deployed, not visiting: peacekeepers 074, other forces 154
    if lemma in ARRIVE_VERBS and not is_noun and root == "04":
        nouns = [n for c in token.children if c.dep_ == "nsubj" for n in [c] + _of_objects(c)]
        if any(is_peacekeeping(n) for n in nouns):
            return "074", "s.arrive.forces"
        if any(n.lemma_.lower() in TROOP_NOUNS for n in nouns) or (src and src <= ARMED_ROLES):
            return "154", "s.arrive.forces"
    # -- troops sent to keep the peace provide it (074), not a mobilization (154): "sent
    # peacekeepers to Mali", "is sending troops to the UN peacekeeping force in South Sudan"
    if lemma in SEND_VERBS and not is_noun and root == "15":
        nouns = _objects(token) + [
            o for p in token.children if p.dep_ in {"prep", "dative"} and p.lower_ in {"to", "into"}
            for o in p.children if o.dep_ == "pobj"
        ]
        if any(is_peacekeeping(n) for n in nouns):
            return "074", "s.send.peacekeeping"
    # -- receiving a delegation or a mission is hosting a visit (043)
    if lemma in RECEIVE_VERBS and not is_noun and root == "04" and cameo != "043":
        if {o.lemma_.lower() for o in _objects(token)} & VISITOR_NOUNS:
            return "043", "s.receive.visitor"
    return cameo, None


def plover_sense(cameo: str, token: Any) -> tuple[str, str, str] | None:
    """The PLOVER type and mode where PLOVER's manual splits what one CAMEO code holds,
    with the rule that chose it (None: the CAMEO code's own PLOVER type stands).

    CAMEO 173 is "arrest, detain, or charge with legal action"; PLOVER codes an arrest
    as COERCE "arrest" and a charge, indictment or lawsuit as ACCUSE "allege"."""
    if cameo[:3] != "173":
        return None
    lemma = token.lemma_.lower()
    nouns = {o.lemma_.lower() for o in _objects(token)}
    if lemma in CHARGE_VERBS or (token.pos_ in {"NOUN", "PROPN"} and lemma in CHARGE_NOUNS) or nouns & CHARGE_NOUNS:
        return "ACCUSE", "allege", "p.legal.charge"
    return None


def refusal_code(cameo: str) -> str | None:
    """The rejection code (rule ``s.refusal``) of a refused cooperative act, or None."""
    for n in (4, 3, 2):
        if len(cameo) >= n and cameo[:n] in REFUSALS:
            return REFUSALS[cameo[:n]]
    return None


def recipient_subject(verb: Any, cameo: str) -> bool:
    """True when the subject of ``verb`` is the one acted upon: "X received aid (arms, a
    loan) from Y" is aid from Y to X (CAMEO 07 codes the giver as the source); "X faced
    criticism from Y", "X suffered an attack", "X stood trial", "X received a prison
    sentence" are done *to* X."""
    lemma, root = verb.lemma_.lower(), cameo[:2]
    if lemma in UNDERGO_VERBS:
        return True
    if lemma in RECEIVE_VERBS - {"welcome"} and root in {"07", "17"}:
        return lemma != "accept" or root == "07"
    return lemma in {"stand", "appear", "remain", "go"} and root == "17"
