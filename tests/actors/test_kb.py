"""The knowledge base (actors/kb.py) on the packaged data: dated roles and name tables."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from eventcoder.actors.base import ActorDictionary, OrgEntry
from eventcoder.actors.kb import KnowledgeBase, load_kb
from eventcoder.errors import ResourceNotFound


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


def test_kb_satisfies_protocol(kb):
    assert isinstance(kb, ActorDictionary)


@pytest.mark.parametrize(
    ("name", "date", "country", "role"),
    [
        ("Kishida", "2022-09-28", "JPN", "GOV"),
        ("Fumio Kishida", "2014-05-01", "JPN", "GOV"),  # foreign minister (override)
        ("Kishida", "2025-06-01", "JPN", "ELI"),
        ("Shinzo Abe", "2015-03-01", "JPN", "GOV"),
        ("Shinzo Abe", "2022-09-28", "JPN", "ELI"),
        ("Ishiba", "2025-01-15", "JPN", "GOV"),
        ("Takaichi", "2025-12-01", "JPN", "GOV"),
        ("Hun Sen", "2022-09-28", "KHM", "GOV"),
        ("HUN SEN", "1995-06-01", "KHM", "GOV"),  # co-prime minister 1993-98
        ("Hun Manet", "2024-01-01", "KHM", "GOV"),
        ("Hun Manet", "2022-01-01", "KHM", "MIL"),  # army commander before he was PM
        ("Trump", "2019-06-01", "USA", "GOV"),
        ("Donald Trump", "2022-06-01", "USA", "ELI"),
        ("trump", "2025-06-01", "USA", "GOV"),
        ("Xi", "2022-09-28", "CHN", "GOV"),
        ("Xi Jinping", "2010-01-01", "CHN", "GOV"),  # vice president
        ("Wang Yi", "2022-09-28", "CHN", "GOV"),
    ],
)
def test_kb_person_role_on_date(kb, name, date, country, role):
    match = kb.person(name, dt.date.fromisoformat(date))
    assert match is not None
    assert (match.country, match.role) == (country, role)


def test_kb_person_senate_president_is_not_former_official(kb):
    match = kb.person("Hun Sen", dt.date(2025, 1, 1))
    assert match.country == "KHM"
    assert match.role in {"GOV", "LEG"}


def test_kb_person_known_only_later_has_no_role(kb):
    match = kb.person("Sanae Takaichi", dt.date(2000, 1, 1))
    assert match.country == "JPN"
    assert match.role is None


def test_kb_person_string_dates_and_default_today(kb):
    assert kb.person("Kishida", "2022-09-28").role == "GOV"
    assert kb.person("Kishida").role == "ELI"  # today (>= 2026)


def test_kb_person_unknown_name(kb):
    assert kb.person("Qwzx Plorbington", dt.date(2022, 1, 1)) is None


def test_kb_person_bare_family_name_not_indexed(kb):
    # Khmer names are family name first: "Hun" alone must not pick Hun Sen or Hun Manet
    assert kb.person("Hun", dt.date(2022, 1, 1)) is None


def test_kb_person_surname_prefers_holder_on_date(kb):
    m2005 = kb.person("Bush", dt.date(2005, 1, 1))
    assert m2005.name == "George W. Bush" and m2005.role == "GOV"
    m1990 = kb.person("Bush", dt.date(1990, 1, 1))
    assert m1990.name == "George Bush" and m1990.role == "GOV"
    assert len(m2005.candidates) > 1


def test_kb_person_ambiguous_when_two_equally_plausible(kb):
    match = kb.person("Kim", dt.date(1996, 1, 1))  # heads of state in PRK and KOR
    assert match.ambiguous
    # the two heads of state (Kim Young-sam's display spelling follows the fullest source form)
    assert "Kim Jong Il" in match.candidates[:2]
    assert {kb.person(n, dt.date(1996, 1, 1)).country for n in match.candidates[:2]} == {"PRK", "KOR"}


def test_kb_person_not_ambiguous_when_one_outranks(kb):
    match = kb.person("Kim", dt.date(2022, 1, 1))  # Kim Jong Un heads PRK; KOR's PM is a deputy
    assert match.name == "Kim Jong Un" and not match.ambiguous


@pytest.mark.parametrize(
    ("method", "text", "expected"),
    [
        ("country_by_name", "Japan", "JPN"),
        ("country_by_name", "the United States", "USA"),
        ("country_by_name", "U.S.", "USA"),
        ("country_by_name", "South Korea", "KOR"),
        ("country_by_name", "the Philippines", "PHL"),
        ("country_by_name", "Cambodia", "KHM"),
        ("country_by_adjective", "Japanese", "JPN"),
        ("country_by_adjective", "Filipino", "PHL"),
        ("country_by_adjective", "Cambodian", "KHM"),
        ("country_by_adjective", "Burmese", "MMR"),
        ("country_by_adjective", "North Korean", "PRK"),
        ("country_by_adjective", "Korean", "KOR"),
        ("country_by_adjective", "Britons", "GBR"),
        ("country_by_capital", "Phnom Penh", "KHM"),
        ("country_by_capital", "Beijing", "CHN"),
        ("country_by_capital", "Washington", "USA"),
        ("country_by_capital", "Tokyo", "JPN"),
        ("agent", "navy", "MIL"),
        ("agent", "the Royal Cambodian Navy", "MIL"),
        ("agent", "troops", "MIL"),
        ("agent", "police", "COP"),
        ("agent", "rebels", "REB"),
        ("agent", "protesters", "OPP"),
        ("agent", "court", "JUD"),
        ("agent", "lawmakers", "LEG"),
        ("agent", "journalist", "MED"),
        ("agent", "students", "EDU"),
        ("agent", "refugees", "REF"),
        ("title", "prime minister", "GOV"),
        ("title", "Foreign Minister", "GOV"),
        ("title", "general", "MIL"),
        ("title", "judge", "JUD"),
        ("title", "senator", "LEG"),
    ],
)
def test_kb_lookup_tables(kb, method, text, expected):
    assert getattr(kb, method)(text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("ASEAN", "IGOSEAASN"),
        ("UN", "IGOUNO"),
        ("the United Nations", "IGOUNO"),
        ("the UN General Assembly", "IGOUNO"),
        ("UN Security Council", "IGOUNO"),
        ("EU", "IGOEUREEC"),
        ("NATO", "IGOWSTNAT"),
        ("IMF", "IGOBUSIMF"),
        ("World Bank", "IGOUNODEVWBK"),
        ("WHO", "IGOUNOHLHWHO"),
        ("Red Cross", "NGOHLHIRC"),
        ("Amnesty International", "NGOHRIAMN"),
    ],
)
def test_kb_organization_codes(kb, text, code):
    org = kb.organization(text)
    assert isinstance(org, OrgEntry)
    assert org.code == code


def test_kb_lookup_misses_are_none(kb):
    assert kb.country_by_name("Atlantis") is None
    assert kb.organization("Fictional League of Nowhere") is None
    assert kb.agent("teapot") is None


def test_kb_explain_reports_record(kb):
    info = kb.explain("Hun Sen", "2022-09-28")
    assert info["person"]["code"] == "KHMGOV"
    assert info["person"]["record"]["source"]


def test_kb_loads_fast():
    start = time.process_time()
    load_kb()
    assert time.process_time() - start < 1.0


def test_kb_missing_directory(tmp_path):
    with pytest.raises(ResourceNotFound):
        load_kb(tmp_path / "nope")


def test_a_generational_suffix_is_not_the_father(kb):
    """"Ferdinand Marcos Jr." in 2024 is the son, not the president of 1965-86; a bare
    "Marcos" on that date is the one in office."""
    son = kb.person("Ferdinand Marcos Jr.", "2024-03-01")
    assert son is not None and (son.country, son.role) == ("PHL", "GOV") and son.name.endswith("Jr.")
    assert kb.person("Marcos", "2024-03-01").name.endswith("Jr.")
    assert kb.person("Marcos", "1980-01-01").name == "Ferdinand E. Marcos"


def test_a_spell_cut_at_a_sources_end_lasts_until_a_later_source_has_it_again(kb):
    # Shoigu: defence minister from 2012; Phoenix stops in 2014, the 2019 leaders list has him
    m = kb.person("Sergei Shoigu", "2017-01-10")
    assert (m.country, m.role) == ("RUS", "GOV")


def test_the_name_as_written_beats_a_longer_record(kb):
    # the Factbook's "French Coprince Nicolas Sarkozy" (Andorra) is not who "Nicolas Sarkozy" names
    assert kb.person("Nicolas Sarkozy", "2009-01-10").country == "FRA"


def test_heads_of_international_bodies_speak_for_the_body(kb):
    assert kb.person("Kofi Annan", "2000-01-10").code == "IGOUNO"
    assert kb.person("Christine Lagarde", "2015-01-10").code == "IGOBUSIMF"
    tusk = kb.person("Donald Tusk", "2017-01-10")
    assert tusk.code == "IGOEUREEC"
