"""Mention resolution with the real knowledge base: ambiguity settled by the article
(dateline, other mentions), capitals as speakers, titles and nationalities."""

from __future__ import annotations

import pytest

from eventcoder.model import Article
from eventcoder.pipeline import code_article

pytestmark = pytest.mark.model


def sources(resources, text: str, *, date: str = "2016-05-02", dateline: str | None = None) -> set[str]:
    article = Article(doc_id="m", text=text, published=date, dateline=dateline)
    return {e.source.code for e in code_article(article, resources).events}


def test_mentions_korean_defaults_to_south_korea(resources):
    assert "KORMIL" in sources(resources, "Korean troops fired artillery shells at Japanese boats.")


@pytest.mark.parametrize(
    "text, dateline",
    [
        ("Korean troops fired artillery shells at Japanese boats.", "Pyongyang"),
        ("North Korea held a parade. North Korea tested a missile. Korean troops fired artillery shells at Japanese boats.", None),
    ],
)
def test_mentions_korean_settled_by_the_article(resources, text, dateline):
    assert "PRKMIL" in sources(resources, text, dateline=dateline)


@pytest.mark.parametrize("dateline, expected", [("Seoul", "KOR"), ("Pyongyang", "PRK")])
def test_mentions_ambiguous_surname_settled_by_dateline(resources, dateline, expected):
    # on 1996-01-01 "Kim" fits both Koreas' leaders
    codes = sources(resources, "Kim criticized Japan on Monday.", date="1996-01-01", dateline=dateline)
    assert any(c.startswith(expected) for c in codes), codes


def test_mentions_capital_as_speaker_is_the_government(resources):
    assert "KHMGOV" in sources(resources, "Phnom Penh accused Bangkok of violating the border.")


def test_mentions_capital_beats_a_namesake_surname(resources):
    # the knowledge base holds a Somali politician surnamed Harare; the one word is the city
    article = Article(doc_id="m", text="Zambia criticized Harare's decision on Monday.", published="2017-11-24")
    targets = {e.target.code for e in code_article(article, resources).events if e.target}
    assert targets == {"ZWEGOV"}, targets


@pytest.mark.parametrize(
    "text, code",
    [
        # a minority is coded by where it lives
        ("Ethnic Hungarians in Romania demanded autonomy from the Romanian government.", "ROUCVL"),
        ("The Hungarians of northern Serbia protested against the Serbian government.", "SRBCVL"),
        ("Thousands of ethnic Uzbeks protested on Friday in Kyrgyzstan.", "KGZCVL"),
        # nationals abroad stay their own country's
        ("Hungarians in Romania protested against the Romanian government.", "HUNCVL"),
    ],
)
def test_mentions_people_by_where_they_live(resources, text, code):
    assert code in sources(resources, text)


@pytest.mark.parametrize("date", ["2021-06-01", "2026-06-01"])
def test_mentions_a_body_named_after_its_leader(resources, date):
    # the leader's country, in office or not on the date
    assert "CANGOV" in sources(resources, "The Trudeau government praised Mexico.", date=date)


@pytest.mark.parametrize(
    "text, code",
    [
        ("The Islamist group al-Shabaab attacked a Kenyan army base.", "SOMREB"),
        ("The militant group Hamas fired rockets at Israel.", "PSEREBHMS"),
    ],
)
def test_mentions_a_generic_head_takes_the_name_after_it(resources, text, code):
    assert code in sources(resources, text)


@pytest.mark.parametrize(
    "text, code",
    [
        # the name before a generic head ("group"), or before a sector noun
        ("The Abu Sayyaf group abducted two fishermen.", "IMGSEAMUSASF"),
        ("The Islamic State group seized a village near Raqqa.", "IMGMUSISI"),
        ("Houthi forces shelled a market in Taiz.", "YEMREB"),
        ("Islamic State militants ambushed an army patrol.", "IMGMUSISI"),
    ],
)
def test_mentions_a_name_before_a_generic_head(resources, text, code):
    assert code in sources(resources, text)


def test_mentions_a_group_named_like_a_person_is_not_the_person(resources):
    # "Wagner" is a surname in the KB; "the Wagner group" is no person of that name
    from eventcoder.actors.resolve import resolve_phrase

    assert resolve_phrase("Wagner", "2016-05-02", kb=resources.actors, nlp=resources.nlp).kind == "person"
    actor = resolve_phrase("the Wagner group", "2016-05-02", kb=resources.actors, nlp=resources.nlp)
    assert actor is None or actor.kind != "person"


def test_mentions_title_codes_an_unknown_person(resources):
    assert "JPNGOV" in sources(resources, "Japanese Foreign Minister Taro Nakamoto criticized China.")


def test_mentions_former_official_is_elite(resources):
    assert "JPNELI" in sources(resources, "Shinzo Abe criticized China.", date="2022-06-01")


@pytest.mark.parametrize("text, code", [("Hezbollah criticized Israel.", "LBNREB"), ("The Taliban accused Pakistan of spying.", "AFGREB")])
def test_mentions_armed_groups_have_codes(resources, text, code):
    assert code in sources(resources, text)


def _pairs(resources, text: str) -> set[tuple[str, str | None, str]]:
    article = Article(doc_id="m", text=text, published="2016-05-02")
    return {(e.source.code, e.target.code if e.target else None, e.cameo_root) for e in code_article(article, resources).events}


def test_targets_the_country_where_it_happens(resources):
    # a fight with no object: the place where it happens is the one acted upon
    assert ("ETHMIL", "SOM", "19") in _pairs(resources, "Ethiopian troops fought in Somalia on Monday.")


@pytest.mark.parametrize(
    "text, pair",
    [
        # the place of what is agreed, given or pledged to do
        ("The Dutch government agreed to build a new field hospital in Kenya.", ("NLDGOV", "KEN", "03")),
        ("Norway gave 40 million dollars to repair roads in Nepal.", ("NOR", "NPL", "07")),
    ],
)
def test_targets_the_place_of_what_is_agreed(resources, text, pair):
    assert pair in _pairs(resources, text)


def test_targets_no_place_it_did_not_happen_in(resources):
    pairs = _pairs(resources, "The Dutch government agreed to build a hospital without sending doctors to Kenya.")
    assert not any(t == "KEN" for _, t, _ in pairs)


def test_targets_two_sided_agreement_pairs_its_parties_before_a_place(resources):
    pairs = _pairs(resources, "Ghana and Togo agreed to a ceasefire to end fighting along their border near Aflao.")
    # each party is the other's target, not the town (Aflao is in Ghana)
    assert {("GHA", "TGO", "03"), ("TGO", "GHA", "03")} <= pairs and ("GHA", "GHA", "03") not in pairs


def test_targets_allies_in_an_attack_are_not_each_others(resources):
    pairs = _pairs(resources, "The Sudanese army and allied militias hit military positions in eastern Chad.")
    assert ("SDNMIL", "TCD", "19") in pairs and not any(s[:3] == t[:3] == "SDN" for s, t, _ in pairs if t)


def test_targets_the_one_found_guilty(resources):
    assert ("GHAJUD", "NGAGOV", "11") in _pairs(resources, "A Ghanaian court found the Nigerian minister guilty of fraud.")


def test_targets_whoever_made_the_rejected_call(resources):
    assert ("NOR", "SWE", "12") in _pairs(resources, "Norway rejected calls by Sweden for a new treaty.")


def test_mentions_sector_noun_as_title_codes_an_unknown_person(resources):
    # "activist" is a sector (OPP), not an office: the person keeps it
    assert "OPP" in sources(resources, "Activist Tomas Quispe criticized the Bolivian government.", dateline=None)


def test_mentions_of_country_names_the_person_country(resources):
    # the text's "of Morocco" beats any other Hassan the knowledge base knows
    assert "MARGOV" in sources(resources, "King Hassan of Morocco criticized Algeria.", date="1990-05-01")


def test_mentions_first_and_last_name_find_the_full_record(resources):
    # the knowledge base knows "Vladimir Vladimirovich Putin"; the text says "Vladimir Putin"
    # and parses "the United States" as a modifier of "support"
    pairs = _pairs(resources, "President Vladimir Putin offered the United States broad support against terrorism.")
    assert any(s == "RUSGOV" and t == "USA" for s, t, _ in pairs), pairs


@pytest.mark.parametrize(
    "text",
    ["UN Secretary-General Mariam Okafor criticized Israel.", "Mariam Okafor, the UN secretary-general, criticized Israel."],
)
def test_mentions_person_speaks_for_the_body_named_with_them(resources, text):
    # an unknown person with an organization in their title is coded as that body,
    # and "Secretary-General" is not a military general
    assert "IGOUNO" in sources(resources, text)


def test_mentions_organization_found_in_a_longer_name(resources):
    # the NER takes "Canadian Human Rights Watch" as one name; its known tail is the NGO
    assert "NGOHRW" in sources(resources, "Canadian Human Rights Watch criticized Israel on Monday.")


@pytest.mark.parametrize(
    "text, pair",
    [
        # coordinated owners of one sector noun are each their own actor
        ("Kenyan and Ugandan negotiators met in Arusha.", ("KENGOV", "UGAGOV", "04")),
        ("Chilean and Argentine soldiers clashed at the border.", ("CHLMIL", "ARGMIL", "19")),
        ("Canadian and EU negotiators agreed a new fisheries deal.", ("CANGOV", "IGOEUREEC", "05")),
    ],
)
def test_mentions_coordinated_owners_of_one_noun(resources, text, pair):
    assert pair in _pairs(resources, text)


def test_mentions_coordinated_owner_has_its_own_words(resources):
    from eventcoder.pipeline import code_text

    text = "Canadian and EU negotiators agreed a new fisheries deal."
    events = code_text(text, date="2016-05-02", resources=resources)
    spans = {e.source.code: text[slice(*e.evidence.source_span)] for e in events}
    assert spans == {"CANGOV": "Canadian and EU negotiators", "IGOEUREEC": "EU negotiators"}


@pytest.mark.parametrize(
    "phrase, code",
    [
        # a national body named like an IGO organ is the state's
        ("Malawi's National Security Council", "MWIGOV"),
        ("the UN Security Council", "IGOUNO"),
    ],
)
def test_mentions_a_national_body_named_like_an_igo_organ(resources, phrase, code):
    from eventcoder.actors.resolve import resolve_phrase

    assert resolve_phrase(phrase, "2016-05-02", kb=resources.actors, nlp=resources.nlp).code == code


def test_mentions_their_is_mostly_the_subjects(resources):
    # "their beds" are the prisoners' own, not the country named last
    pairs = _pairs(resources, "Kenyan prisoners rioted at a jail in Uganda, setting fire to their beds.")
    assert not any(root == "18" and t == "UGA" for _, t, root in pairs)


@pytest.mark.parametrize(
    "text, code",
    [
        # the NER tags "Sri Lanka" a person ("Sri" is also an honorific)
        ("Sri Lanka criticized Norway on Monday.", "LKA"),
        # a long name the NER splits ("Democratic Republic" + "Congo")
        ("Democratic Republic of the Congo criticized Norway on Monday.", "COD"),
        # a hyphenated name, not its capital's neighbour Guinea
        ("Guinea-Bissau criticized Norway on Monday.", "GNB"),
        # capitals the tagger reads as a pronoun, a person or a split name: their governments
        ("Lusaka criticized Norway on Monday.", "ZMBGOV"),
        ("La Paz criticized Norway on Monday.", "BOLGOV"),
        ("Port-au-Prince criticized Norway on Monday.", "HTIGOV"),
        ("Port of Spain criticized Norway on Monday.", "TTOGOV"),
    ],
)
def test_mentions_country_names_the_ner_misreads(resources, text, code):
    assert code in sources(resources, text)


def test_every_country_has_a_name():
    import csv
    from importlib.resources import files

    text = files("eventcoder.actors").joinpath("data/countries.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader(text.splitlines(), delimiter="\t")
    assert [r["iso3"] for r in rows if r["name"].strip().lower() in {"", "none"}] == []


@pytest.mark.parametrize(
    "text, code",
    [
        # a people of a country are its civilians, as a minority is coded where it lives
        ("Iraqi Kurds protested against Turkey on Monday.", "IRQCVL"),
        # a leader's government is the leader's country's
        ("Mugabe's government criticized Norway on Monday.", "ZWEGOV"),
        # a possessive the NER kept in the name ("the United States'")
        ("The United States' ambassador criticized Norway on Monday.", "USAGOV"),
    ],
)
def test_mentions_peoples_and_possessives(resources, text, code):
    assert code in sources(resources, text)
