"""Hand-written mapping tables used by the gold-set loaders (documented in docs/evaluation.md).

These are our own facts about the codebooks, not copies of third-party files.
"""

from __future__ import annotations

from ..actors.base import OLD_COUNTRY_CODES

__all__ = [
    "PLOVER_OLD_TO_ROOT",
    "PLOVER_OLD_TO_V08",
    "OLD_COUNTRY_CODES",
    "NON_STATE_PREFIXES",
    "ROLE_CODES",
    "ACLED_TO_ROOT",
    "normalize_role",
    "split_cameo_actor",
]


#: The PLOVER gold-standard records (GSR, PLOVER 0.5 vocabulary, 2016) are the CAMEO
#: manual's example sentences filed under one PLOVER category per CAMEO cue category.
#: Each 0.5 category is exactly one CAMEO root.
PLOVER_OLD_TO_ROOT: dict[str, str] = {
    "AGREE": "03",
    "CONSULT": "04",
    "SUPPORT": "05",
    "COOPERATE": "06",
    "AID": "07",
    "CONCEDE": "08",  # political yielding (CAMEO 080-086)
    "RETREAT": "08",  # military yielding / allowing involvement (CAMEO 087, 0855 ...)
    "INVESTIGATE": "09",
    "DEMAND": "10",
    "DISAPPROVE": "11",
    "REJECT": "12",
    "THREATEN": "13",
    "PROTEST": "14",
    "MOBILIZE": "15",
    "SANCTION": "16",
    "COERCE": "17",
    "ASSAULT": "18",
    "FIGHT": "19",
}

#: PLOVER 0.5 event names -> PLOVER v0.8 (2021) event types.  v0.8 folded DEMAND into
#: REQUEST, DISAPPROVE and INVESTIGATE into ACCUSE, FIGHT into ASSAULT.
PLOVER_OLD_TO_V08: dict[str, str] = {
    "AGREE": "AGREE",
    "CONSULT": "CONSULT",
    "SUPPORT": "SUPPORT",
    "COOPERATE": "COOPERATE",
    "AID": "AID",
    "CONCEDE": "CONCEDE",
    "RETREAT": "RETREAT",
    "INVESTIGATE": "ACCUSE",
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "REJECT": "REJECT",
    "THREATEN": "THREATEN",
    "PROTEST": "PROTEST",
    "MOBILIZE": "MOBILIZE",
    "SANCTION": "SANCTION",
    "COERCE": "COERCE",
    "ASSAULT": "ASSAULT",
    "FIGHT": "ASSAULT",
}

#: Country codes in older CAMEO dictionaries (and the PLOVER GSR) that are not ISO 3166
#: alpha-3, mapped to the ISO code eventcoder writes.
# defined with the actor layer (user dictionaries give the same hint); re-exported here

#: CAMEO actor codes that stand for a kind of actor without a country; the dyad compares
#: these three letters in place of a country.
NON_STATE_PREFIXES: frozenset[str] = frozenset(
    {"IGO", "NGO", "IMG", "ISM", "MNC", "NGM", "INT", "UIS", "SEP"}
)

#: CAMEO role (sector) codes recognised after the country part of an actor code.
ROLE_CODES: frozenset[str] = frozenset(
    """GOV MIL COP JUD LEG OPP REB ELI BUS MED EDU CVL REF LAB RAD REL SPY UAF CRM INS
    AGR HLH ENV DEV HRI IRC JRN PTY MOD IGO NGO MNC PRO SET""".split()
)

_ROLE_ALIASES = {"CIV": "CVL"}


def normalize_role(sector: str | None) -> str | None:
    """The role part of a sector code: ``"CVLalb"`` -> ``CVL``, ``"***"`` -> None."""
    if not sector:
        return None
    head = sector[:3].upper()
    head = _ROLE_ALIASES.get(head, head)
    return head if head in ROLE_CODES else None


def split_cameo_actor(code: str | None) -> tuple[str | None, str | None]:
    """``"USAGOV"`` -> ("USA", "GOV"); ``"JAP"`` -> ("JPN", None); ``"IGOUNO"`` -> ("IGO", None).

    The first three letters are the country (old codes mapped to ISO3) or the non-state
    prefix; the role is the first recognised role code among the following triples.
    """
    if not code:
        return None, None
    code = code.strip().upper()
    if len(code) < 3 or code.startswith("-"):
        return None, None
    country = OLD_COUNTRY_CODES.get(code[:3], code[:3])
    role = None
    for i in range(3, len(code) - 2, 3):
        candidate = _ROLE_ALIASES.get(code[i : i + 3], code[i : i + 3])
        if candidate in ROLE_CODES:
            role = candidate
            break
    return country, role


#: CASE 2021 task 2 (ACLED sub-event types plus "unseen" types) -> CAMEO root, where
#: one root clearly covers the type.  Types absent here are left out of the score.
ACLED_TO_ROOT: dict[str, str] = {
    "ABDUCT_DISSAP": "18",  # 181 abduct, hijack, take hostage
    "AIR_STRIKE": "19",  # 195 employ aerial weapons
    "ARMED_CLASH": "19",  # 190 use conventional military force
    "ARREST": "17",  # 173 arrest, detain
    "ART_MISS_ATTACK": "19",  # 194 fight with artillery and tanks
    "ATTACK": "18",  # ACLED violence against civilians: 18x assault
    "CHEM_WEAP": "20",  # 204 use weapons of mass destruction
    "FORCE_AGAINST_PROTEST": "17",  # 175 use tactics of violent repression
    "GOV_REGAINS_TERIT": "19",  # 192 occupy territory
    "GRENADE": "18",  # 183 conduct non-military bombing
    "MOB_VIOL": "14",  # 145 protest violently, riot
    "NON_STATE_ACTOR_OVERTAKES_TER": "19",  # 192 occupy territory
    "PEACE_PROTEST": "14",  # 141 demonstrate or rally
    "PROPERTY_DISTRUCT": "17",  # 1711 confiscate / destroy property
    "PROTEST_WITH_INTER": "14",  # 14x protest (the intervention is a second event)
    "REM_EXPLOS": "18",  # 183 conduct non-military bombing (IEDs, landmines)
    "SEX_VIOL": "18",  # 1821 sexually assault
    "SUIC_BOMB": "18",  # 1831 carry out suicide bombing
    "VIOL_DEMONSTR": "14",  # 145 protest violently, riot
}
#: Left out (no sound single root): AGREEMENT (03 or 05), CHANGE_TO_GROUP_ACT,
#: DISR_WEAP, HQ_ESTABLISHED, NON_VIOL_TERRIT_TRANSFER, OTHER, and the unseen
#: types DIPLO, ATTRIB, ORG_CRIME, MAN_MADE_DISASTER, NATURAL_DISASTER.
