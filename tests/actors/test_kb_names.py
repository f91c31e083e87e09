"""The knowledge base reaches one person from any spelling, and settles roles and ambiguity
by date and the article's countries (issue 11: Phoenix persons, name keys, overrides)."""

from __future__ import annotations

import pytest

from eventcoder.actors.base import MemoryActorDictionary, OrgEntry, PersonMatch
from eventcoder.actors.kb import load_kb
from eventcoder.errors import CodebookError


@pytest.fixture(scope="module")
def kb():
    return load_kb()


@pytest.mark.parametrize(
    ("writings", "date", "code"),
    [
        (("Mahmoud Abbas", "Mahmud Abbas", "MAHMOUD ABBAS", "Abu Mazen"), "2012-03-01", "PSEGOV"),
        (("Bashar al-Assad", "Bashar Assad", "Bashar al Assad", "President Bashar al-Assad", "Assad"), "2015-06-01", "SYRGOV"),
        (("Volodymyr Zelensky", "Volodymyr Zelenskyy", "Volodymyr Zelenskiy", "Zelenskyy"), "2023-02-01", "UKRGOV"),
        (("Muammar Gaddafi", "Muammar Qaddafi", "Moammar Gadhafi"), "2005-01-01", "LBYGOV"),
        (("Cyril Ramaphosa", "Matamela Cyril Ramaphosa", "Ramaphosa"), "2022-01-01", "ZAFGOV"),
        (("Recep Tayyip Erdoğan", "Recep Erdogan", "Erdogan"), "2020-01-01", "TURGOV"),
        (("Abiy Ahmed", "Abiy Ahmed Ali"), "2022-01-01", "ETHGOV"),
        (("Shehbaz Sharif", "Muhammad Shehbaz Sharif"), "2025-01-01", "PAKGOV"),
        (("Sergei Lavrov", "Sergey Lavrov", "Sergey Viktorovich Lavrov", "Lavrov"), "2021-01-01", "RUSGOV"),
        (("Mohammad Javad Zarif", "Javad Zarif"), "2016-01-01", "IRNGOV"),
        (("Kassym-Jomart Tokayev", "Kasym-Zhomart Tokayev", "Tokayev"), "2023-01-01", "KAZGOV"),
        (("Alexander Lukashenko", "Aleksandr Lukashenko", "Lukashenko"), "2020-01-01", "BLRGOV"),
    ],
)
def test_kb_any_spelling_reaches_the_same_person(kb, writings, date, code):
    found = {w: kb.person(w, date) for w in writings}
    assert all(m is not None for m in found.values()), [w for w, m in found.items() if m is None]
    assert {(m.country or "") + (m.role or "") for m in found.values()} == {code}, found
    assert len({m.name for m in found.values()}) == 1, found


def test_kb_nickname_reaches_the_given_name(kb):
    bill = kb.person("Bill Clinton", "1996-01-01")
    assert bill is not None and (bill.country, bill.role) == ("USA", "GOV")
    assert "William" in bill.name


def test_kb_override_alias(kb):
    assert kb.person("Bibi", "2024-01-01").name == kb.person("Benjamin Netanyahu", "2024-01-01").name


@pytest.mark.parametrize(
    ("name", "date", "role"),
    [
        ("Joe Biden", "2012-01-01", "GOV"),  # vice president (Phoenix + Factbook deputy)
        ("Joe Biden", "2018-06-01", "ELI"),  # between offices
        ("Joe Biden", "2023-05-01", "GOV"),  # president
        ("Mahmoud Abbas", "2004-06-01", "ELI"),  # between his 2003 premiership and 2005
        ("Mahmoud Abbas", "2023-05-01", "GOV"),  # president (override: sources stop 2014)
        ("Boris Johnson", "2017-06-01", "GOV"),  # foreign secretary (override)
        ("Boris Johnson", "2020-06-01", "GOV"),  # prime minister (Factbook)
        ("Boris Johnson", "2023-06-01", "ELI"),
    ],
)
def test_kb_date_settles_role(kb, name, date, role):
    assert kb.person(name, date).role == role


def test_kb_head_of_state_not_stale_when_a_source_stops(kb):
    # Phoenix ends Abbas's dated presidency at its 2014 snapshot; the override continues it
    m = kb.person("Mahmoud Abbas", "2020-01-01")
    assert (m.country, m.role) == ("PSE", "GOV")


def test_kb_international_office_gives_the_body_code(kb):
    m = kb.person("Jens Stoltenberg", "2020-01-01")
    assert m.code == "IGOWSTNAT" and m.country is None
    assert (kb.person("Jens Stoltenberg", "2010-01-01").country, kb.person("Jens Stoltenberg", "2010-01-01").role) == ("NOR", "GOV")


def test_kb_countries_settle_an_ambiguous_surname(kb):
    plain = kb.person("Guterres", "2020-01-01")  # UN Secretary-General / Timor-Leste's president
    assert plain.ambiguous and len(plain.candidates) >= 2
    un = kb.person("Guterres", "2020-01-01", countries=("PRT", "USA"))
    tl = kb.person("Guterres", "2020-01-01", countries=("TLS",))
    assert un.code == "IGOUNO" and not un.ambiguous
    assert tl.country == "TLS" and not tl.ambiguous


def test_kb_ambiguity_never_by_list_order(kb):
    m = kb.person("Kim", "1996-01-01")  # two heads of state
    assert m.ambiguous
    by_country = kb.person("Kim", "1996-01-01", countries=("KOR",))
    assert by_country.country == "KOR" and not by_country.ambiguous


def test_kb_records_the_source_of_each_name(kb):
    rows = (kb.directory / "person_names.tsv").read_text(encoding="utf-8").splitlines()
    sources = {r.split("\t")[2] for r in rows[1:] if "\tJoe Biden\t" in r}
    assert "phx:C" in sources


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("ISIS", "IMGMUSISI"), ("ISIL", "IMGMUSISI"), ("Daesh", "IMGMUSISI"), ("the Islamic State", "IMGMUSISI"),
        ("IS", "IMGMUSISI"), ("Houthis", "YEMREB"), ("Ansar Allah", "YEMREB"), ("al-Shabab", "SOMREB"),
        ("Hizbollah", "LBNREB"), ("Boko Haram", "NGAREB"), ("Mossad", "ISRSPY"), ("FBI", "USACOP"),
    ],
)
def test_kb_armed_group_and_agency_aliases(kb, text, code):
    assert kb.organization(text).code == code


def test_kb_is_lowercase_is_not_an_organization(kb):
    assert kb.organization("is") is None


@pytest.mark.parametrize(
    ("text", "code"),
    [("Kurds", "KUR"), ("Kurdish", "KUR"), ("Shiites", "MUSSHI"), ("Sunnis", "MUSSUN"), ("Christians", "CHR"),
     ("Hindus", "HIN"), ("the Uighurs", "UIG"), ("Tutsis", "TTS"), ("Alawites", "MUSALE")],
)
def test_kb_group(kb, text, code):
    g = kb.group(text)
    assert isinstance(g, OrgEntry) and g.kind == "group" and g.code == code


def test_kb_group_miss(kb):
    assert kb.group("teapots") is None


def test_memory_dictionary_group_and_countries_keyword():
    mem = MemoryActorDictionary(groups={"kurds": OrgEntry(code="KUR", name="Kurds", kind="group")},
                                persons={"x y": PersonMatch(name="X Y", country="FRA", role="GOV")})
    assert mem.group("Kurds").code == "KUR"
    assert mem.group("nobody") is None
    assert mem.person("X Y", None, countries=("FRA",)).country == "FRA"


def test_kb_override_without_note_is_an_error(tmp_path):
    import shutil

    from eventcoder.actors.kb import DATA_DIR

    for f in DATA_DIR.glob("*.tsv"):
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "overrides.tsv").write_text(
        "name\tiso3\tcode\ttitle\tstart\tend\tsurnames\tnote\taliases\nJane Roe\tFRA\tGOV\tMinister\t2020-01-01\t\t\t\t\n",
        encoding="utf-8",
    )
    with pytest.raises(CodebookError, match="overrides.tsv:2"):
        load_kb(tmp_path)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Bharatiya Janata Party", "INDPTY"), ("BJP", "INDPTY"),  # Factbook parties, acronym unique to one country
        ("Royal Thai Army", "THAMIL"), ("Pakistan Army", "PAKMIL"),  # Factbook military and security forces
        ("JSDF", "JPNMIL"), ("Communist Party of the Russian Federation", "RUSPTY"),
    ],
)
def test_kb_bodies_of_states(kb, text, code):
    org = kb.organization(text)
    assert org is not None and org.code == code and org.country == code[:3]


@pytest.mark.parametrize("text", ["Senate", "Army", "Liberal Democratic Party"])
def test_kb_generic_or_shared_body_names_are_no_one_country(kb, text):
    assert kb.organization(text) is None  # many states have one


@pytest.mark.parametrize("text", ["Kurds", "Gulf", "UNDOF", "Grand Mufti", "Crimea"])
def test_kb_fuzzy_surnames_do_not_swallow_other_words(kb, text):
    assert kb.person(text, "2018-01-01") is None


@pytest.mark.parametrize(
    ("nick", "full", "date"),
    [("Jokowi", "Joko Widodo", "2018-01-01"), ("Tony Abbott", "Anthony Abbott", "2014-01-01"), ("Pepe Mujica", "Jose Mujica", "2012-01-01")],
)
def test_kb_factbook_quoted_nicknames(kb, nick, full, date):
    # the Factbook writes them in quotes (Joko "Jokowi" WIDODO): an alias, not a middle name
    a, b = kb.person(nick, date), kb.person(full, date)
    assert a is not None and a.name == b.name and a.role == "GOV"
    assert '"' not in a.name and nick.split()[0] not in a.name.split()
