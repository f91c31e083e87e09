"""A test set of our own: 100 phrases for bodies of states and groups of people (none of
them the issue's examples), each resolved by ``resolve_phrase`` (the path of `eventcoder
actors`) and inside a sentence by the coder.  Scored on the country and on the primary
sector (the first role code: GOV in GOVMED); the two paths must agree on every phrase.

The expected values were written from the CAMEO actor codebook's conventions before the
phrases were run.  When written (2026-12-02) the set scored country 0.95 and sector 0.94 on
the first run, 1.00 and 0.99 after the general rules it exposed (multi-word nationalities,
demonyms the NER misses, plural demonyms the knowledge base also lists as country names);
the one miss is "the Russian Black Sea Fleet" (no "fleet" sector noun in agents.tsv yet).
``FLOOR`` is the issue's target of 0.90 with a margin.
"""

from __future__ import annotations

import pytest

from eventcoder.actors.resolve import resolve_phrase
from eventcoder.model import Article
from eventcoder.pipeline import code_article

pytestmark = pytest.mark.model

DATE = "2019-05-02"

# phrase | country | primary sector
PHRASES = """
Kenya's Ministry of Health|KEN|GOV
the Indonesian foreign ministry|IDN|GOV
Brazil's Ministry of Defence|BRA|GOV
the Nigerian finance ministry|NGA|GOV
Argentina's central bank|ARG|GOV
Turkey's central bank|TUR|GOV
the Mexican navy|MEX|MIL
the Indian army|IND|MIL
the Pakistani air force|PAK|MIL
Ukrainian armed forces|UKR|MIL
the Russian Black Sea Fleet|RUS|MIL
the Chinese coast guard|CHN|MIL
Philippine marines|PHL|MIL
Colombian police|COL|COP
the Egyptian police|EGY|COP
French riot police|FRA|COP
Israeli border police|ISR|COP
the Thai parliament|THA|LEG
the Polish parliament|POL|LEG
Japan's upper house|JPN|LEG
the Kenyan Senate|KEN|LEG
Pakistan's Supreme Court|PAK|JUD
a Turkish court|TUR|JUD
Russian prosecutors|RUS|JUD
Iranian state television|IRN|GOV
North Korean state media|PRK|GOV
the Syrian state news agency|SYR|GOV
the Saudi government|SAU|GOV
the Venezuelan government|VEN|GOV
Iraqi officials|IRQ|GOV
Chinese diplomats|CHN|GOV
the Japanese embassy|JPN|GOV
Egypt's interior ministry|EGY|GOV
the Peruvian cabinet|PER|GOV
the Afghan intelligence service|AFG|SPY
Pakistani intelligence|PAK|SPY
Israel's ruling party|ISR|GOV
Turkey's ruling party|TUR|GOV
the Hungarian opposition|HUN|OPP
Venezuela's opposition party|VEN|OPP
Belarusian opposition activists|BLR|OPP
Ethiopian troops|ETH|MIL
Somali soldiers|SOM|MIL
Malian security forces|MLI|COP
the Filipino defense secretary|PHL|GOV
Kenya's interior minister|KEN|GOV
the Ugandan foreign minister|UGA|GOV
Chile's finance minister|CHL|GOV
the Iraqi prime minister|IRQ|GOV
Ghana's president|GHA|GOV
the Nigerian army chief|NGA|MIL
Indonesia's defence minister|IDN|GOV
the Japanese defense ministry|JPN|GOV
the South African police|ZAF|COP
the Sri Lankan navy|LKA|MIL
Bangladesh's election commission|BGD|GOV
the Mexican Senate|MEX|LEG
Canadian lawmakers|CAN|LEG
Australian senators|AUS|LEG
the US Congress|USA|LEG
Somalis|SOM|CVL
Syrians|SYR|CVL
Iraqis|IRQ|CVL
Ukrainians|UKR|CVL
Venezuelans|VEN|CVL
Nigerians|NGA|CVL
Mexicans|MEX|CVL
Israelis|ISR|CVL
Egyptians|EGY|CVL
Kenyans|KEN|CVL
Sudanese refugees|SDN|REF
Afghan refugees|AFG|REF
Iraqi civilians|IRQ|CVL
Yemeni civilians|YEM|CVL
Palestinian protesters|PSE|OPP
Thai protesters|THA|OPP
Iranian students|IRN|EDU
Chinese workers|CHN|LAB
Indian farmers|IND|AGR
Nigerian journalists|NGA|MED
Turkish journalists|TUR|MED
Pakistani doctors|PAK|HLH
Libyan rebels|LBY|REB
Colombian guerrillas|COL|REB
Syrian insurgents|SYR|REB
Mexican drug smugglers|MEX|CRM
Russian businessmen|RUS|BUS
Ethiopian migrants|ETH|REF
Cuban dissidents|CUB|OPP
Burmese villagers|MMR|CVL
Haitian residents|HTI|CVL
Filipino workers|PHL|LAB
Saudi clerics|SAU|REL
Israeli settlers|ISR|CVL
Lebanese militants|LBN|REB
Algerians|DZA|CVL
Moroccans|MAR|CVL
Tunisians|TUN|CVL
Peruvians|PER|CVL
Bolivian teachers|BOL|EDU
"""
CASES = [tuple(line.split("|")) for line in PHRASES.strip().splitlines()]
FLOOR = {"country": 0.95, "sector": 0.95}


def _key(actor):
    return None if actor is None else (actor.country, (actor.role or "")[:3] or None)


def _in_sentence(resources, phrase: str):
    text = f"{phrase[0].upper()}{phrase[1:]} criticized Portugal."
    events = code_article(Article(doc_id="p", text=text, published=DATE), resources).events
    found = [e.source for e in events if e.source is not None]
    return found[0] if found else None


def score(resources) -> dict:
    right = {"country": 0, "sector": 0}
    differ, wrong = [], []
    for phrase, country, sector in CASES:
        alone = _key(resolve_phrase(phrase, DATE, kb=resources.actors, nlp=resources.nlp))
        inside = _key(_in_sentence(resources, phrase))
        if alone != inside:
            differ.append((phrase, alone, inside))
        got_country, got_sector = alone or (None, None)
        right["country"] += got_country == country
        right["sector"] += got_sector == sector
        if (got_country, got_sector) != (country, sector):
            wrong.append((phrase, (country, sector), alone))
    n = len(CASES)
    return {"n": n, "country": right["country"] / n, "sector": right["sector"] / n, "differ": differ, "wrong": wrong}


def test_phrase_set_has_100_distinct_phrases():
    assert len(CASES) == 100 and len({c[0] for c in CASES}) == 100


def test_phrase_set_both_paths_agree_and_reach_the_floor(resources):
    result = score(resources)
    assert not result["differ"], result["differ"]
    assert result["country"] >= FLOOR["country"] and result["sector"] >= FLOOR["sector"], result["wrong"]
