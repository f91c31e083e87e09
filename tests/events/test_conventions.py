"""The coding conventions analysts count on (docs/coding-rules.md, issue 13): attribution,
events without a target, victims and passives, symmetric events, dates, intent.

The real parser with a small lexicon and an in-memory actor dictionary, so that every
expectation is about the convention, not about data files.  Every sentence is our own.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

import pytest

from eventcoder.actors.base import MemoryActorDictionary, PersonMatch
from eventcoder.errors import ConfigError
from eventcoder.events.lexicon import load_lexicon
from eventcoder.model import Article
from eventcoder.pipeline import CodingSettings, code_article, load_resources

pytestmark = [pytest.mark.model, pytest.mark.issue(13)]

CODES = {
    "010": "Make statement", "020": "Appeal", "030": "Express intent to cooperate",
    "031": "Express intent to engage in material cooperation", "036": "Express intent to meet", "040": "Consult", "042": "Make a visit",
    "046": "Engage in negotiation", "051": "Praise", "057": "Sign agreement",
    "060": "Engage in material cooperation", "100": "Demand", "111": "Criticize",
    "130": "Threaten", "141": "Demonstrate", "150": "Demonstrate military power",
    "173": "Arrest", "180": "Assault", "190": "Use conventional military force",
    "1383": "Threaten unconventional attack", "1384": "Threaten conventional attack",
}
VERBS = [
    ("v.meet", "040", "meet", "", "", "", ""),
    ("v.hold.talks", "040", "hold", "", "talk", "with", ""),
    ("v.negotiate", "046", "negotiate", "", "", "", ""),
    ("v.visit", "042", "visit", "", "", "", ""),
    ("v.sign", "057", "sign", "", "", "", ""),
    ("v.sign.agreement", "057", "sign", "", "agreement|treaty", "with", ""),
    ("v.cooperate", "060", "cooperate", "", "", "with", ""),
    ("v.clash", "190", "clash", "", "", "with", ""),
    ("v.fight", "190", "fight", "", "", "", ""),
    ("v.praise", "051", "praise", "", "", "", ""),
    ("v.criticize", "111", "criticize", "", "", "", ""),
    ("v.urge", "020", "urge", "", "", "", ""),
    ("v.attack", "190", "attack", "", "", "", ""),
    ("v.kill", "190", "kill", "", "", "", ""),
    ("v.wound", "190", "wound", "", "", "", ""),
    ("v.arrest", "173", "arrest", "", "", "", ""),
    ("v.detain", "173", "detain", "", "", "", ""),
    ("v.demonstrate", "141", "demonstrate", "", "", "", ""),
    ("v.mobilize", "150", "mobilize", "", "", "", ""),
    ("v.approve", "057", "approve", "", "", "", ""),
]
NOUNS = [("n.talks", "040", "talk", "with|between"), ("n.war", "190", "war", "with|between")]


@pytest.fixture(scope="module")
def lexicon(tmp_path_factory: pytest.TempPathFactory):
    d: Path = tmp_path_factory.mktemp("lex13")
    rows = ["code\tname\tgoldstein\tquad_class\tplover_type\tplover_mode"]
    for code, name in sorted(CODES.items()):
        root = int(code[:2])
        quad = 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
        rows.append(f"{code}\t{name}\t1.0\t{quad}\tTEST\t")
    (d / "cameo.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    header = "id\tcameo\tlemma\tparticle\tobject\tprep\tcomp\tnote"
    (d / "verbs.tsv").write_text("\n".join([header] + ["\t".join(r + ("",)) for r in VERBS]) + "\n", encoding="utf-8")
    header = "id\tcameo\tlemma\tprep\tnote"
    (d / "nouns.tsv").write_text("\n".join([header] + ["\t".join(r + ("",)) for r in NOUNS]) + "\n", encoding="utf-8")
    return load_lexicon(d)


@pytest.fixture(scope="module")
def kb() -> MemoryActorDictionary:
    gov = lambda name, iso: PersonMatch(name=name, country=iso, role="GOV")  # noqa: E731
    return MemoryActorDictionary(
        countries={"Norway": "NOR", "Peru": "PER", "Chile": "CHL"},
        adjectives={"Norwegian": "NOR", "Peruvian": "PER", "Chilean": "CHL"},
        capitals={"Oslo": "NOR", "Lima": "PER", "Santiago": "CHL"},
        agents={
            "police": "COP", "troops": "MIL", "troop": "MIL", "soldier": "MIL", "army": "MIL",
            "government": "GOV", "official": "GOV", "protester": "OPP", "student": "EDU",
            "civilian": "CVL", "villager": "CVL", "reporter": "MED", "journalist": "MED",
        },
        titles={"president": "GOV", "foreign minister": "GOV", "minister": "GOV"},
        persons={
            "Ana Ruiz": gov("Ana Ruiz", "PER"), "Ruiz": gov("Ana Ruiz", "PER"),
            "Lars Berg": gov("Lars Berg", "NOR"), "Berg": gov("Lars Berg", "NOR"),
            "Tomas Vidal": gov("Tomas Vidal", "CHL"), "Vidal": gov("Tomas Vidal", "CHL"),
        },
    )


@pytest.fixture(scope="module")
def res(nlp, kb, lexicon):
    return load_resources(nlp=nlp, actors=kb, lexicon=lexicon, places=False)


@pytest.fixture(scope="module")
def gdelt(res):
    return replace(res, settings=CodingSettings(statements=True))


class E(NamedTuple):
    source: str | None
    target: str | None
    cameo: str
    modality: str
    reported_by: str | None
    symmetric: bool
    date: str | None
    precision: str


def code(res, text: str, date: str = "2008-05-14") -> list[E]:
    article = Article(doc_id="t", text=text, published=date)
    return [
        E(
            e.source.code if e.source else None, e.target.code if e.target else None, e.cameo,
            e.modality, e.reported_by.code if e.reported_by else None, e.symmetric, e.date, e.date_precision,
        )
        for e in code_article(article, res).events
    ]


# ------------------------------------------------------------------ attribution
@pytest.mark.parametrize(
    "text, source, target, cameo, speaker",
    [
        ("Peru attacked Chilean troops on Monday, Chilean officials said.", "PER", "CHLMIL", "190", "CHLGOV"),
        ("According to Norway, Peru criticized Chile.", "PER", "CHL", "111", "NOR"),
        ("Ruiz said that Chile had arrested Peruvian students.", "CHL", "PEREDU", "173", "PERGOV"),
        ("\u201cChile attacked Peruvian troops,\u201d Berg added.", "CHL", "PERMIL", "190", "NORGOV"),
        ("Vidal told reporters that Peru had criticized Norway.", "PER", "NOR", "111", "CHLGOV"),
        ("Chile criticized Peru, the Norwegian foreign minister said on Tuesday.", "CHL", "PER", "111", "NORGOV"),
        ("Peruvian police arrested Chilean protesters, according to Berg.", "PERCOP", "CHLOPP", "173", "NORGOV"),
    ],
)
def test_attribution_is_no_event_and_names_the_speaker(res, gdelt, text, source, target, cameo, speaker):
    events = code(res, text)
    (event,) = [e for e in events if e.cameo == cameo]
    assert (event.source, event.target, event.modality, event.reported_by) == (source, target, "reported", speaker)
    assert not any(e.cameo == "010" for e in events), events  # the attribution itself is not counted
    # GDELT-style output keeps a speech verb's attribution as a statement ("according to"
    # has no verb to code), and the speaker all the same
    kept = code(gdelt, text)
    statements = [e for e in kept if e.cameo == "010"]
    if "according to" in text.lower():
        assert statements == []
    else:
        assert [(e.source, e.target) for e in statements] == [(speaker, None)]
    assert [e.reported_by for e in kept if e.cameo == cameo] == [speaker]


@pytest.mark.parametrize(
    "text, expected",
    [
        # an addressee: the statement is an event between two actors
        ("Ruiz told Berg that Chile would act.", ("PERGOV", "NORGOV", "010")),
        ("Vidal told the Peruvian president that the border would stay open.", ("CHLGOV", "PERGOV", "010")),
        # a coded content: the speech verb codes what is said to whom
        ("Norway urged Peru to release the prisoners.", ("NOR", "PER", "020")),
        ("Norway said Chile must withdraw its troops.", ("NOR", "CHL", "100")),
        ("Norway praised Peru for its restraint.", ("NOR", "PER", "051")),
    ],
)
def test_statements_with_an_addressee_or_content_keep_their_codes(res, text, expected):
    assert expected in {e[:3] for e in code(res, text)}


@pytest.mark.parametrize(
    "text",
    [
        "Ruiz told reporters that the talks would resume.",
        "\u201cThe border stays closed,\u201d Vidal said.",
        "Berg said the economy was growing.",
        "The Chilean government said the harvest was good.",
        "Vidal told Peruvian journalists that he was confident.",
    ],
)
def test_target_less_statement_only_with_statements_setting(res, gdelt, text):
    assert code(res, text) == []
    kept = code(gdelt, text)
    assert kept and all(e.cameo == "010" and e.target is None for e in kept)


def test_statements_setting_is_typed(nlp, kb, lexicon):
    with pytest.raises(ConfigError, match="CodingSettings"):
        load_resources(nlp=nlp, actors=kb, lexicon=lexicon, places=False, settings={"statements": True})


# ------------------------------------------------------------------ events without a target
@pytest.mark.parametrize(
    "text, expected",
    [
        # counted alone: protest, force posture
        ("Chilean students demonstrated on Sunday.", ("CHLEDU", None, "141")),
        ("Peruvian troops mobilized on Monday.", ("PERMIL", None, "150")),
        ("Thousands of Norwegian protesters demonstrated outside the parliament.", ("NOROPP", None, "141")),
        # violence whose doer is unknown: no source, the victims as target
        ("Five Chilean soldiers were killed on Monday.", (None, "CHLMIL", "190")),
        ("Two Peruvian students were arrested.", (None, "PEREDU", "173")),
    ],
)
def test_events_counted_alone(res, text, expected):
    assert expected in {e[:3] for e in code(res, text)}


@pytest.mark.parametrize(
    "text",
    [
        "Peru criticized the decision.",
        "Chile signed the agreement on Friday.",
        "Ruiz visited the border region.",
        "Peruvian troops attacked the village.",
        "Norway approved the plan.",
    ],
)
def test_other_events_need_both_sides(res, gdelt, text):
    assert code(res, text) == []
    assert [e.target for e in code(gdelt, text)] == [None]  # GDELT-style output keeps them


# ------------------------------------------------------------------ victims and passives
@pytest.mark.parametrize(
    "text, expected",
    [
        # headline style: a participle with no auxiliary
        ("One Chilean soldier killed in Peru.", (None, "CHLMIL", "190")),
        ("Three Peruvian civilians wounded by shelling.", (None, "PERCVL", "180")),
        ("Two Norwegian soldiers killed by Chilean troops.", ("CHLMIL", "NORMIL", "190")),
        ("Peruvian protesters detained in Lima.", (None, "PEROPP", "173")),
        # a passive: the sufferer is the target, with or without the doer
        ("A Chilean student was arrested on Tuesday.", (None, "CHLEDU", "173")),
        ("Peruvian troops were attacked by Chilean soldiers.", ("CHLMIL", "PERMIL", "190")),
    ],
)
def test_victims_are_the_target(res, text, expected):
    events = {e[:3] for e in code(res, text)}
    assert expected in events
    victim = expected[1]
    assert not any(e[0] == victim for e in events)  # never the victims' own side as the doer


def test_active_violence_is_unchanged(res):
    assert ("CHLCOP", "PEROPP", "173") in {e[:3] for e in code(res, "Chilean police arrested Peruvian protesters.")}


# ------------------------------------------------------------------ symmetric events
@pytest.mark.parametrize(
    "text, a, b, cameo",
    [
        ("Ruiz met Berg in Oslo.", "PERGOV", "NORGOV", "040"),
        ("Peru held talks with Chile on Monday.", "PER", "CHL", "040"),
        ("Norway signed an agreement with Peru.", "NOR", "PER", "057"),
        ("Chilean troops clashed with Peruvian troops.", "CHLMIL", "PERMIL", "190"),
        ("Peru and Chile negotiated for three days.", "PER", "CHL", "046"),
        ("Norway cooperated with Chile on the rescue.", "NOR", "CHL", "060"),
        ("The talks between Peru and Norway resumed.", "PER", "NOR", "040"),
        ("Chile fought Peru over the border.", "CHL", "PER", "190"),
    ],
)
def test_symmetric_events_in_both_directions(res, text, a, b, cameo):
    pair = [e for e in code(res, text) if e.cameo == cameo]
    assert {(e.source, e.target) for e in pair} == {(a, b), (b, a)}
    assert all(e.symmetric for e in pair)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Ruiz visited Norway.", ("PERGOV", "NOR", "042")),
        ("Peru attacked Chile.", ("PER", "CHL", "190")),
        ("Norway praised Peru.", ("NOR", "PER", "051")),
    ],
)
def test_one_sided_events_keep_one_direction(res, text, expected):
    events = code(res, text)
    assert [e[:3] for e in events] == [expected]
    assert not events[0].symmetric


# ------------------------------------------------------------------ dates
@pytest.mark.parametrize(
    "text, published, date, precision",
    [
        # a time of day is not a year
        ("Chilean troops attacked Peruvian police by 3:30 (1030 UTC).", "2005-03-24", "2005-03-24", "article"),
        # a count is not a year
        ("Chilean police arrested 1208 Peruvian protesters.", "2005-12-20", "2005-12-20", "article"),
        # the object's date is not the action's
        ("Peru criticized Chile's 2007 budget on Tuesday.", "2006-05-12", "2006-05-09", "day"),
        ("Peru signed an agreement with Chile for 2007/2008.", "2005-04-02", "2005-04-02", "article"),
        # "since": a state that still holds
        ("Peruvian police have detained Chilean protesters since 2003.", "2008-01-10", "2008-01-10", "article"),
        # an anniversary's occasion is not the act's date
        ("Ruiz met Berg on the anniversary of the 1945 armistice.", "2005-05-08", "2005-05-08", "article"),
        # a range is dated by its start
        ("Chile fought Peru from 1879 to 1884.", "2004-06-01", "1879", "year"),
        # the precision is recorded
        ("Ruiz met Berg in March 2007.", "2007-06-01", "2007-03", "month"),
        ("Ruiz met Berg on March 3, 2007.", "2007-06-01", "2007-03-03", "day"),
        # after the article: only an intended event
        ("Chilean troops attacked Peruvian police in 2009.", "2008-02-01", "2008-02-01", "article"),
        ("Ruiz will meet Berg in 2009.", "2008-02-01", "2009", "year"),
    ],
)
def test_dates_are_the_actions(res, text, published, date, precision):
    events = code(res, text, date=published)
    assert events, text
    assert {(e.date, e.precision) for e in events} == {(date, precision)}


# ------------------------------------------------------------------ intent
@pytest.mark.parametrize(
    "text, expected",
    [
        ("Norway promised to meet Peru.", ("NOR", "PER", "036")),
        ("Norway pledged to cooperate with Chile.", ("NOR", "CHL", "031")),
        ("Peru will attack Chile.", ("PER", "CHL", "1384")),
        ("Norway plans to visit Peru in June.", ("NOR", "PER", "036")),
        ("Ruiz said Peru would sign an agreement with Chile.", ("PER", "CHL", "030")),
        ("Norway is prepared to meet Chile.", ("NOR", "CHL", "036")),
    ],
)
def test_explicit_commitments_take_intent_codes(res, text, expected):
    events = code(res, text)
    assert expected in {e[:3] for e in events}
    assert all(e.modality == "intended" for e in events if e[:3] == expected)


@pytest.mark.parametrize(
    "text",
    [
        "Norway hopes to meet Peru.",
        "Norway wants to sign an agreement with Chile.",
        "Peru may attack Chile.",
        "Peru is expected to visit Chile.",
        "Chile is eager to cooperate with Norway.",
        "Peru could criticize Chile.",
        "Peru is likely to attack Chile.",
    ],
)
def test_hopes_wishes_and_possibilities_are_not_events(res, text):
    assert code(res, text) == []


def test_a_condition_makes_a_threat(res):
    assert ("NOR", "PER", "130") in {e[:3] for e in code(res, "Norway will meet Peru unless Chile objects.")}


def test_a_promise_with_if_stays_a_promise(res):
    events = {e[:3] for e in code(res, "Norway will meet Peru if Chile agrees.")}
    assert ("NOR", "PER", "036") in events and not any(c == "130" for *_, c in events)


def test_an_alleged_past_event_is_kept(res):
    assert ("PER", "CHLMIL", "190") in {e[:3] for e in code(res, "Peru may have attacked Chilean troops.")}
