"""Three sentences (our own wording) per CAMEO root, coded with the shipped lexicon and
knowledge base: each must yield an event with the expected dyad and root."""

from __future__ import annotations

import pytest

from eventcoder.model import Article
from eventcoder.pipeline import code_article

pytestmark = pytest.mark.model

CASES = [
    # 01 make public statement
    ("01", "Norway", None, "Norway commented on the new Swedish fishing quota."),
    ("01", "GBR", "FRA", "Britain expressed optimism about France's trade proposals."),
    ("01", "BRA", "ARG", "Brazil expressed condolences to Argentina after the floods."),
    # 02 appeal
    ("02", "IGOUNO", "SDN", "The United Nations appealed to Sudan for calm."),
    ("02", "DEU", "UKR", "Germany urged Ukraine to continue the reforms."),
    ("02", "KEN", "SOM", "Kenya called on Somalia to reopen the border."),
    # 03 express intent to cooperate
    ("03", "IND", "BGD", "India promised to provide aid to Bangladesh."),
    ("03", "CHL", "PER", "Chile agreed to cooperate with Peru on fisheries."),
    ("03", "TUR", "GRC", "Turkey offered to mediate between Greece and Cyprus."),
    # 04 consult
    ("04", "CAN", "MEX", "Canada held talks with Mexico on Tuesday."),
    ("04", "FRA", "DEU", "The French president met the German chancellor in Paris."),
    ("04", "EGY", "JOR", "Egypt's foreign minister visited Jordan last week."),
    # 05 engage in diplomatic cooperation
    ("05", "USA", "KOR", "The United States praised South Korea for its response to the crisis."),
    ("05", "VNM", "LAO", "Vietnam signed a friendship treaty with Laos."),
    ("05", "AUS", "NZL", "Australia apologized to New Zealand for the incident."),
    # 06 engage in material cooperation
    ("06", "ISR", "EGY", "Israel shared intelligence with Egypt about the smuggling network."),
    ("06", "NOR", "SWE", "Norway cooperated with Sweden on the rescue operation."),
    ("06", "GHA", "TGO", "Ghana extradited two smuggling suspects to Togo."),
    # 07 provide aid
    ("07", "JPN", "PHL", "Japan provided humanitarian aid to the Philippines."),
    ("07", "USA", "UKR", "The United States sent weapons to Ukraine."),
    ("07", "IGOEUREEC", "TUR", "The European Union gave financial assistance to Turkey."),
    # 08 yield
    ("08", "COL", "VEN", "Colombia released three Venezuelan soldiers."),
    ("08", "IRN", "GBR", "Iran freed the British sailors on Friday."),
    ("08", "ETH", "ERI", "Ethiopia withdrew its troops from the Eritrean border."),
    # 09 investigate
    ("09", "IGOUNO", "SYR", "The United Nations investigated Syria over the chemical attack."),
    ("09", "FRA", "LBN", "French police investigated Lebanese officials for corruption."),
    ("09", "USA", "CHN", "The United States launched an investigation into Chinese hacking."),
    # 10 demand
    ("10", "PAK", "IND", "Pakistan demanded an apology from India."),
    ("10", "POL", "BLR", "Poland demanded that Belarus release the journalist."),
    ("10", "GEO", "RUS", "Georgia demanded the withdrawal of Russian troops."),
    # 11 disapprove
    ("11", "CHN", "JPN", "China criticized Japan over the textbook."),
    ("11", "ARG", "GBR", "Argentina condemned Britain for the military exercise."),
    ("11", "NGA", "CMR", "Nigeria accused Cameroon of harbouring rebels."),
    # 12 reject
    ("12", "PRK", "KOR", "North Korea rejected South Korea's proposal for talks."),
    ("12", "ISR", "IGOUNO", "Israel rejected the United Nations resolution."),
    ("12", "VEN", "USA", "Venezuela refused to meet the American envoy."),
    # 13 threaten
    ("13", "RUS", "UKR", "Russia threatened Ukraine with retaliation."),
    ("13", "IRN", "ISR", "Iran warned Israel against any attack."),
    ("13", "CHN", "TWN", "China threatened to impose sanctions on Taiwan."),
    # 14 protest
    ("14", "THA", None, "Thai students protested against the government in Bangkok."),
    ("14", "FRA", None, "French farmers demonstrated in Paris on Monday."),
    ("14", "KEN", None, "Kenyan doctors went on strike over unpaid wages."),
    # 15 exhibit force posture
    ("15", "CHN", "TWN", "China mobilized troops near Taiwan."),
    ("15", "KOR", None, "South Korea mobilized its reserve forces."),
    ("15", "IND", "PAK", "India deployed soldiers along the border with Pakistan."),
    # 16 reduce relations
    ("16", "USA", "RUS", "The United States imposed sanctions on Russia."),
    ("16", "MAR", "DZA", "Morocco cut diplomatic ties with Algeria."),
    ("16", "IGOEUREEC", "BLR", "The European Union suspended aid to Belarus."),
    # 17 coerce
    ("17", "EGY", None, "Egyptian police arrested dozens of activists in Cairo."),
    ("17", "IRN", "GBR", "Iran detained a British journalist."),
    ("17", "TUR", None, "Turkey deported hundreds of Syrian migrants."),
    # 18 assault
    ("18", "NGA", None, "Nigerian bandits kidnapped schoolchildren in Kaduna."),
    ("18", "AFG", None, "Afghan militants carried out a suicide bombing in Kabul."),
    ("18", "MEX", "GTM", "Mexican police tortured a Guatemalan migrant."),
    # 19 fight
    ("19", "ISR", "LBN", "Israeli warplanes bombed Lebanese villages."),
    ("19", "IND", "PAK", "Indian troops clashed with Pakistani soldiers."),
    ("19", "RUS", "UKR", "Russian forces shelled Ukrainian positions overnight."),
    # 20 unconventional mass violence
    ("20", "SYR", None, "Syrian forces used sarin against civilians in Ghouta."),
    ("20", "SRB", None, "Serb militias carried out ethnic cleansing against Croatian villagers."),
    ("20", "RWA", None, "Rwandan militias massacred thousands of civilians."),
]


def _root_events(resources, text: str, root: str):
    article = Article(doc_id="t", text=text, published="2023-06-15")
    return [e for e in code_article(article, resources).events if e.cameo_root == root]


@pytest.mark.parametrize("root, source, target, text", CASES, ids=[f"{c[0]}-{i % 3}" for i, c in enumerate(CASES)])
def test_root_sentence_is_coded(resources, root, source, target, text):
    events = _root_events(resources, text, root)
    assert events, f"no root-{root} event in {text!r}"
    src_ok = [e for e in events if e.source.code.startswith(_iso(source))]
    assert src_ok, f"wrong source: {[(e.source.code, e.cameo) for e in events]}"
    if target is not None:
        assert any(e.target is not None and e.target.code.startswith(_iso(target)) for e in src_ok), (
            f"wrong target: {[(e.source.code, e.target and e.target.code, e.cameo) for e in events]}"
        )


def _iso(code: str) -> str:
    return {"Norway": "NOR"}.get(code, code)


def test_roots_cover_all_twenty():
    assert sorted({c[0] for c in CASES}) == [f"{i:02d}" for i in range(1, 21)]
    assert len(CASES) >= 60
