"""User actor dictionaries: `--actors FILE` on `code` and `ingest` (issue 11).

Every name here is invented for these tests (Jane Roe, the Acme Militia ...), except the
KB's own people, used to show that a user entry wins over the KB.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from eventcoder.actors.kb import load_kb
from eventcoder.actors.userdict import (
    ACTORS_ENV,
    UserActorDictionary,
    load_user_dictionaries,
    name_key,
    read_dictionary,
)
from eventcoder.cli import main
from eventcoder.errors import DictionaryError
from eventcoder.provenance import fingerprint_of

TSV = (
    "name\tcode\tstart\tend\taliases\tnote\n"
    "# persons: one row per period\n"
    "Jane Roe\tUSAOPP\t2020-01-01\t2024-12-31\tRoe|J. Roe\tsenator, invented\n"
    "Jane Roe\tUSAGOV\t2025-01-20\t\t\tcabinet, invented\n"
    "Acme Militia\tNGAREB\t\t\tAcme Brigade\n"
    "John Doe\tIGOUNO\n"
)

PHOENIX = (
    "# an invented PETRARCH-format dictionary\n"
    "JANE_ROE_  # a person\n"
    "+J._ROE_\n"
    "+ROE_\n"
    "\t[USAOPP 200101-241231]\n"
    "\t[USAGOV >250120]\n"
    "\t[USAELI]\n"
    "ACME_MILITIA_ [NGAREB]  # an armed group, code on the entry line\n"
    "+ACME_BRIGADE\n"
    "OLD_TIMER_\n"
    "\t[GBRGOV 19950101-19991231]\n"
    "\t[GBRMIL <950101]\n"
    "KIM_JONG-UN_ [PRKGOV]\n"
)


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def _write(tmp_path: Path, name: str, text: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def _user(kb, tmp_path: Path, name: str, text: str) -> UserActorDictionary:
    wrapped = load_user_dictionaries([_write(tmp_path, name, text)], kb)
    assert isinstance(wrapped, UserActorDictionary)
    return wrapped


# ---------------------------------------------------------------- parsing
def test_tsv_parses(kb, tmp_path):
    d = read_dictionary(_write(tmp_path, "mine.tsv", TSV), kb)
    assert d.format == "tsv" and d.names == 3 and len(d.entries) == 4
    first = d.entries[0]
    assert (first.name, first.code, first.country, first.role) == ("Jane Roe", "USAOPP", "USA", "OPP")
    # end is the last day: kept as the exclusive next day
    assert (first.start, first.end, first.aliases, first.line) == ("2020-01-01", "2025-01-01", ("Roe", "J. Roe"), 3)
    assert d.entries[3].code == "IGOUNO" and d.entries[3].country is None
    assert d.sha256 == hashlib.sha256(TSV.encode()).hexdigest()


def test_phoenix_parses(kb, tmp_path):
    d = read_dictionary(_write(tmp_path, "mine.actors.txt", PHOENIX), kb)
    assert d.format == "phoenix"
    roe = [e for e in d.entries if e.name == "JANE ROE"]
    assert [(e.code, e.start, e.end) for e in roe] == [
        ("USAOPP", "2020-01-01", "2025-01-01"), ("USAGOV", "2025-01-20", ""), ("USAELI", "", ""),
    ]
    assert roe[0].aliases == ("J. ROE", "ROE")
    timer = [(e.code, e.start, e.end) for e in d.entries if e.name == "OLD TIMER"]
    assert timer == [("GBRGOV", "1995-01-01", "2000-01-01"), ("GBRMIL", "", "1995-01-01")]
    acme = [e for e in d.entries if e.name == "ACME MILITIA"]
    assert [(e.code, e.aliases) for e in acme] == [("NGAREB", ("ACME BRIGADE",))]


def test_tsv_with_bom_crlf_and_short_rows(kb, tmp_path):
    text = "\ufeffname\tcode\tstart\tend\taliases\r\nJane Roe\tUSAGOV\r\nAcme Militia\tNGAREB\t\t\tAcme\r\n"
    d = read_dictionary(_write(tmp_path, "win.tsv", text), kb)
    assert [(e.name, e.code, e.aliases) for e in d.entries] == [("Jane Roe", "USAGOV", ()), ("Acme Militia", "NGAREB", ("Acme",))]


def test_format_is_told_by_content(kb, tmp_path):
    assert read_dictionary(_write(tmp_path, "list.txt", TSV), kb).format == "tsv"
    assert read_dictionary(_write(tmp_path, "list.dict", PHOENIX), kb).format == "phoenix"


def test_two_digit_years_pivot(kb, tmp_path):
    d = read_dictionary(_write(tmp_path, "y.txt", "A_B_ [USAGOV 290101-291231] [USAELI >300101]\n"), kb)
    assert [(e.start, e.end) for e in d.entries] == [("2029-01-01", "2030-01-01"), ("1930-01-01", "")]


def test_name_keys_ignore_case_diacritics_hyphens():
    assert name_key("Kim Jong-un") == name_key("KIM_JONG_UN") == name_key("kim jong un")
    assert name_key("José Ramos-Horta") == name_key("jose ramos horta")
    assert name_key("the Acme Militia's") == name_key("Acme Militia")
    assert name_key("J. Roe") == name_key("J Roe")


# ---------------------------------------------------------------- resolution
@pytest.mark.parametrize("fmt", ["tsv", "phoenix"])
def test_persons_by_date(kb, tmp_path, fmt):
    user = _user(kb, tmp_path, f"mine.{fmt}", TSV if fmt == "tsv" else PHOENIX)

    def code(name: str, date: str) -> str | None:
        m = user.person(name, date)
        return None if m is None else (m.country or "") + (m.role or "")

    assert code("Jane Roe", "2022-06-01") == "USAOPP"
    assert code("Jane Roe", "2024-12-31") == "USAOPP"  # the end day is inside the period
    assert code("jane roe", "2025-01-20") == "USAGOV"  # the start day too
    assert code("ROE", "2026-01-01") == "USAGOV" and code("J. Roe", "2026-01-01") == "USAGOV"
    # between the two periods: TSV -> former official; Phoenix -> its undated [USAELI]
    assert code("Jane Roe", "2025-01-05") == "USAELI"
    assert code("Jane Roe", "2010-01-01") == ("USA" if fmt == "tsv" else "USAELI")  # TSV: known only later
    assert user.person("Jane Roe", "2026-01-01").name in {"Jane Roe", "JANE ROE"}


def test_phoenix_before_and_range(kb, tmp_path):
    user = _user(kb, tmp_path, "mine.txt", PHOENIX)
    assert user.person("Old Timer", "1990-05-01").role == "MIL"
    assert user.person("Old Timer", "1997-05-01").role == "GOV"
    assert user.person("Old Timer", "2005-05-01").role == "ELI"
    assert user.person("Kim Jong-un", "2020-01-01").country == "PRK"


def test_user_entry_wins_over_kb_and_the_rest_is_the_kb(kb, tmp_path):
    before = kb.person("Fumio Kishida", "2022-09-28")
    assert (before.country, before.role) == ("JPN", "GOV")
    user = _user(kb, tmp_path, "over.tsv", "name\tcode\nFumio Kishida\tJPNMIL\n")
    after = user.person("Fumio Kishida", "2022-09-28")
    assert (after.country, after.role) == ("JPN", "MIL")
    # names the file does not hold, and every other lookup, are the KB's
    # the KB's own short forms reach the user's entry for that person
    assert (user.person("Kishida", "2022-09-28").role, user.person("Kishida", "2022-09-28").name) == ("MIL", "Fumio Kishida")
    assert user.person("Hun Manet", "2020-01-01") == kb.person("Hun Manet", "2020-01-01") is not None
    assert user.organization("ASEAN") == kb.organization("ASEAN")
    assert user.country_by_name("Japan") == "JPN" and user.country_by_capital("Phnom Penh") == "KHM"
    assert user.title("prime minister") == kb.title("prime minister")
    from eventcoder.actors.base import ActorDictionary

    assert isinstance(user, ActorDictionary)
    # unknown attributes are forwarded (new KB methods keep working)
    assert user.directory == kb.directory and user.roles("Kishida") == kb.roles("Kishida")


def test_later_file_wins(kb, tmp_path):
    a = _write(tmp_path, "a.tsv", "name\tcode\nJane Roe\tUSAGOV\n")
    b = _write(tmp_path, "b.tsv", "name\tcode\nJane Roe\tGBRLEG\n")
    assert load_user_dictionaries([a, b], kb).person("Jane Roe").country == "GBR"
    assert load_user_dictionaries([b, a], kb).person("Jane Roe").country == "USA"


def test_organizations_and_international_codes(kb, tmp_path):
    user = _user(kb, tmp_path, "mine.tsv", TSV)
    org = user.organization("the Acme Brigade")
    assert (org.code, org.country, org.role, org.name) == ("NGAREB", "NGA", "REB", "Acme Militia")
    un = user.organization("John Doe")
    assert (un.code, un.country, un.role) == ("IGOUNO", None, "IGO")
    assert user.person("John Doe") is None  # not a national: the organization answers
    assert user.organization("Jane Roe", "2022-01-01").code == "USAOPP"
    # a KB short form ("UN") reaches the user's entry for the body's name
    over = _user(kb, tmp_path, "un.tsv", "name\tcode\nUnited Nations\tIGOUNOXYZ\n")
    assert over.organization("UN").code == "IGOUNOXYZ" and over.organization("ASEAN") == kb.organization("ASEAN")


def test_explain_names_the_file_and_line(kb, tmp_path):
    user = _user(kb, tmp_path, "mine.tsv", TSV)
    info = user.explain("Roe", "2025-06-01")
    assert info["person"]["code"] == "USAGOV"
    assert info["person"]["record"]["source"].endswith("mine.tsv:4")


# ---------------------------------------------------------------- provenance
def test_hash_in_provenance_and_changes_with_the_file(kb, tmp_path):
    path = _write(tmp_path, "mine.tsv", TSV)

    def components(actors):
        return fingerprint_of(SimpleNamespace(nlp=None, actors=actors, lexicon=None, gazetteer=None)).components

    plain = components(kb)
    first = components(load_user_dictionaries([path], kb))
    assert "dictionaries" not in plain and first["kb"] == plain["kb"]
    assert first["dictionaries"] == f"mine.tsv:sha256:{hashlib.sha256(path.read_bytes()).hexdigest()}"
    path.write_text(TSV + "Richard Roe\tCANGOV\n", encoding="utf-8")
    second = components(load_user_dictionaries([path], kb))
    assert second["dictionaries"] != first["dictionaries"]
    assert hashlib.sha256(path.read_bytes()).hexdigest() in second["dictionaries"]


def test_environment_names_the_files(tmp_path, monkeypatch):
    from eventcoder.pipeline import load_actor_dictionary

    path = _write(tmp_path, "mine.tsv", TSV)
    monkeypatch.setenv(ACTORS_ENV, str(path))
    assert isinstance(load_actor_dictionary(), UserActorDictionary)
    assert not isinstance(load_actor_dictionary(()), UserActorDictionary)  # an explicit empty list wins
    monkeypatch.delenv(ACTORS_ENV)
    assert not isinstance(load_actor_dictionary(), UserActorDictionary)


# ---------------------------------------------------------------- bad files
BAD = [
    ("spaces.tsv", "name\tcode\nJane Roe USAGOV\n", 2, "need at least name and code separated by a tab"),
    ("extra.tsv", "name\tcode\nJane Roe\tUSAGOV\tsurplus\n", 2, "3 columns, the header has 2"),
    ("header.tsv", "name\tcode\tcolour\nJane Roe\tUSAGOV\tred\n", 1, "unknown column 'colour'"),
    ("noheader.tsv", "Jane Roe\tUSAGOV\n", 1, "the first line must be the header"),
    ("baddate.tsv", "name\tcode\tstart\nJane Roe\tUSAGOV\t2025-02-30\n", 2, "start '2025-02-30' is not a real date"),
    ("order.tsv", "name\tcode\tstart\tend\nJane Roe\tUSAGOV\t2025-01-01\t2024-01-01\n", 2, "starts (2025-01-01) after it ends"),
    ("country.tsv", "name\tcode\n\nJane Roe\tXYZGOV\n", 3, "unknown country 'XYZ'"),
    ("oldcode.tsv", "name\tcode\nJane Roe\tPALGOV\n", 2, "write PSE"),
    ("role.tsv", "name\tcode\nJane Roe\tUSAFOO\n", 2, "unknown role 'FOO'"),
    ("ill.tsv", "name\tcode\nJane Roe\tusa-gov\n", 2, "is ill-formed"),
    ("empty.tsv", "", 1, "is empty"),
    ("comments.tsv", "# only a comment\n\n", 1, "is empty"),
    ("binary.tsv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 1, "a binary file"),
    ("latin1.tsv", "name\tcode\nJosé Roe\tUSAGOV\n".encode("latin-1"), 2, "not UTF-8"),
    ("nocode.txt", "JANE_ROE_\n+ROE_\nACME_ [NGAREB]\n", 1, "has no code"),
    ("phdate.txt", "JANE_ROE_\n\t[USAGOV 251340-]\n", 2, "is not >YYMMDD"),
    ("phday.txt", "JANE_ROE_\n\t[USAGOV >251340]\n", 2, "is not a real day"),
    ("phbracket.txt", "JANE_ROE_ [USAGOV\n", 1, "unbalanced bracket"),
    ("phvariant.txt", "+ROE_\nJANE_ROE_ [USAGOV]\n", 1, "a +variant before any entry"),
    ("phcode.txt", "JANE_ROE_ [USA-GOV]\n", 1, "is ill-formed"),
]


@pytest.mark.parametrize(("name", "content", "line", "message"), BAD, ids=[b[0] for b in BAD])
def test_bad_file_is_one_error_with_file_and_line(kb, tmp_path, name, content, line, message):
    path = _write(tmp_path, name, content)
    with pytest.raises(DictionaryError) as err:
        read_dictionary(path, kb)
    assert str(err.value).startswith(f"{path}:{line}: ") and message in str(err.value)


@pytest.mark.parametrize("command", ["code", "ingest"])
@pytest.mark.parametrize(("name", "content", "line", "message"), [BAD[0], BAD[4], BAD[6], BAD[12]],
                         ids=["columns", "date", "code", "binary"])
def test_bad_file_on_the_command_line(tmp_path, command, name, content, line, message):
    path = _write(tmp_path, name, content)
    text = _write(tmp_path, "a.txt", "Jane Roe criticized Russia.\n")
    db = tmp_path / "e.db"
    args = [command, str(text), "--actors", str(path)] + (["--db", str(db)] if command == "ingest" else [])
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    lines = [x for x in result.output.splitlines() if x.strip()]
    assert lines == [f"Error: {path}:{line}: {lines[0].split(': ', 2)[2]}"] and message in lines[0]
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    assert not db.exists() and ACTORS_ENV not in os.environ


def test_actors_with_a_remote_scheduler_is_a_usage_error(tmp_path):
    path = _write(tmp_path, "mine.tsv", TSV)
    result = CliRunner().invoke(main, ["ingest", "x.txt", "--engine", "dask", "--scheduler", "tcp://127.0.0.1:1",
                                       "--actors", str(path)])
    assert result.exit_code == 2 and "EVENTCODER_ACTORS" in result.output


def test_missing_file_on_the_command_line(tmp_path):
    result = CliRunner().invoke(main, ["code", "-", "--actors", str(tmp_path / "nope.tsv")], input="x\n")
    assert result.exit_code == 1 and f"Error: {tmp_path / 'nope.tsv'}: no such actor dictionary file" in result.output


# ---------------------------------------------------------------- inside a sentence
def _codes(events):
    return [(e.source.code if e.source else None, e.target.code if e.target else None, e.cameo) for e in events]


@pytest.mark.parametrize("fmt", ["tsv", "phoenix"])
def test_a_user_person_codes_the_sentence(resources, kb, tmp_path, fmt):
    from eventcoder.pipeline import code_text

    sentence = "Jane Roe criticized Russia."
    without = _codes(code_text(sentence, date="2025-03-01", resources=resources))
    assert not any(src == "USAGOV" for src, _, _ in without)
    user = _user(kb, tmp_path, f"mine.{fmt}", TSV if fmt == "tsv" else PHOENIX)
    res = dataclasses.replace(resources, actors=user)
    assert _codes(code_text(sentence, date="2025-03-01", resources=res)) == [("USAGOV", "RUS", "111")]
    assert _codes(code_text(sentence, date="2022-03-01", resources=res)) == [("USAOPP", "RUS", "111")]
    assert _codes(code_text("JANE ROE criticized Russia.", date="2025-03-01", resources=res))[0][0] == "USAGOV"


def test_a_user_group_codes_the_sentence(resources, kb, tmp_path):
    from eventcoder.pipeline import code_text

    res = dataclasses.replace(resources, actors=_user(kb, tmp_path, "mine.tsv", TSV))
    events = _codes(code_text("The Acme Militia attacked Nigeria's army.", date="2025-03-01", resources=res))
    assert events and events[0][0] == "NGAREB"


def test_user_entry_wins_in_a_sentence(resources, kb, tmp_path):
    from eventcoder.pipeline import code_text

    sentence = "Fumio Kishida criticized Russia."
    assert _codes(code_text(sentence, date="2022-09-28", resources=resources))[0][0] == "JPNGOV"
    res = dataclasses.replace(resources, actors=_user(kb, tmp_path, "over.tsv", "name\tcode\nFumio Kishida\tJPNMIL\n"))
    assert _codes(code_text(sentence, date="2022-09-28", resources=res))[0][0] == "JPNMIL"


def test_code_and_ingest_with_actors(tmp_path):
    path = _write(tmp_path, "mine.tsv", TSV)
    text = _write(tmp_path, "a.txt", "Jane Roe criticized Russia.\n")
    runner = CliRunner()
    coded = runner.invoke(main, ["--silent", "code", str(text), "--date", "2025-03-01", "--actors", str(path)])
    assert coded.exit_code == 0, coded.output
    event = json.loads(coded.output.splitlines()[0])
    assert event["source"]["code"] == "USAGOV" and event["source"]["name"] == "Jane Roe"

    db = str(tmp_path / "e.db")
    first = runner.invoke(main, ["--silent", "ingest", str(text), "--db", db, "--date", "2025-03-01", "--actors", str(path)])
    assert first.exit_code == 0, first.output
    assert ACTORS_ENV not in os.environ  # set for the run's workers only
    info = json.loads(runner.invoke(main, ["info", "--db", db, "--format", "json"]).output)
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    assert [fp["components"].get("dictionaries") for fp in info["fingerprints"]] == [f"mine.tsv:sha256:{sha}"]
    # another file content: --recode knows the documents were coded otherwise
    path.write_text(TSV.replace("USAGOV", "USALEG"), encoding="utf-8")
    again = runner.invoke(main, ["ingest", str(text), "--db", db, "--date", "2025-03-01", "--recode", "--actors", str(path)])
    assert again.exit_code == 0 and "1 re-coded" in again.output, again.output
    rows = runner.invoke(main, ["query", "--db", db, "--format", "jsonl"]).output.splitlines()
    assert [json.loads(r)["source"]["code"] for r in rows] == ["USALEG"]


def test_the_articles_countries_reach_the_kb_through_a_user_dictionary(kb, tmp_path):
    """A file over the KB keeps the KB's way of settling an ambiguous name by the article's
    countries (the coder passes them only to dictionaries that take them)."""
    from eventcoder.actors.mentions import ActorResolver

    user = _user(kb, tmp_path, "roe.tsv", "name\tcode\nJane Roe\tUSAGOV\n")
    assert ActorResolver(user, None)._person_takes_countries
    for countries in ((), ("KOR",), ("PRK",)):
        assert user.person("Kim", "1996-01-01", countries=countries) == kb.person("Kim", "1996-01-01", countries=countries)


def test_eventcoder_actors_reads_the_same_user_dictionary_as_the_coder(tmp_path):
    """One code path with a user dictionary too: ``eventcoder actors NAME --actors FILE``
    gives the code the coder gives for ``code --actors FILE``."""
    import json

    from click.testing import CliRunner

    from eventcoder.cli import main

    path = _write(tmp_path, "roe.tsv", "name\tcode\tstart\tend\nJane Roe\tUSAGOV\t2025-01-20\t\n")
    runner = CliRunner()
    looked_up = runner.invoke(main, ["actors", "Jane Roe", "--date", "2025-03-01", "--actors", str(path)])
    assert looked_up.exit_code == 0, looked_up.output
    assert json.loads(looked_up.output)["actor"]["code"] == "USAGOV"
    text = tmp_path / "a.txt"
    text.write_text("Jane Roe criticized Russia.", encoding="utf-8")
    coded = runner.invoke(main, ["code", str(text), "--date", "2025-03-01", "--actors", str(path), "--format", "jsonl"])
    assert coded.exit_code == 0, coded.output
    sources = [json.loads(line)["source"]["code"] for line in coded.output.splitlines() if line.startswith("{")]
    assert "USAGOV" in sources
    plain = runner.invoke(main, ["actors", "Jane Roe", "--date", "2025-03-01"])
    assert json.loads(plain.output)["actor"] is None
