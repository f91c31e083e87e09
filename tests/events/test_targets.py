"""Where the target is when the pattern's own words are not it (events/coder.py
``_verb_frame``): sentences of our own wording, on the real lexicon."""

from __future__ import annotations

import pytest

from eventcoder.pipeline import code_text

pytestmark = pytest.mark.model

CASES = [
    # the source's own forces are not the target; the phrase inside a phrase is
    ("Armenia mobilized army reservists for a war against Azerbaijan.", "ARM", "AZE", "15"),
    # a purpose clause's object
    ("Egyptian police opened fire to disperse the protesters.", "EGYCOP", "OPP", "19"),
    # "its" support is the subject's own; the phrase after it names the other side
    ("Turkey reiterated its support for Azerbaijan.", "TUR", "AZE", "05"),
    # a fixed prepositional object's complement: "called for the release of X"
    ("Amnesty International called for the release of the Belarusian activists.", "NGOHRIAMN", "BLR", "02"),
    # "received aid from X": X gives
    ("Jordan received military aid from the United States.", "USA", "JOR", "07"),
    # forces the source moves are its own: where they go or leave is the target
    ("Spain refused to send soldiers to Mali.", "ESP", "MLI", "12"),
    ("Ghana withdrew 300 peacekeepers from Lebanon.", "GHA", "LBN", "08"),
    ("Canada offered to send troops to help the Ukrainian army.", "CAN", "UKRMIL", "03"),
    # the one allowed to do something, which the parser makes the subject of its clause
    ("Russia refused to allow Polish airlines to land in Moscow.", "RUS", "POLBUS", "12"),
    # whoever a refusal's condition waits on, also as the doer of a passive
    ("Kenyan nurses said they will not end the strike until their demands are met by the Kenyan government.",
     "KENHLH", "KENGOV", "12"),
    # captive forces are not the source's own: releasing them is aimed at their side
    ("Congolese rebels said they will release the UN peacekeepers.", "CODREB", "IGOUNO", "03"),
    # a city the act is aimed at stands for its country
    ("Syrian rebels seized the town of Aleppo on Monday.", "SYRREB", "SYR", "19"),
    ("Iraqi police imposed a curfew on Basra.", "IRQCOP", "IRQ", "17"),
    # whose the object of what is threatened or pledged is ("... to storm his residence")
    ("Ibrahim Boubacar Keita resigned as Malian rebels threatened to storm his residence.", "MLIREB", "MLIELI", "13"),
]


@pytest.mark.parametrize("text, source, target, root", CASES, ids=[c[0][:40] for c in CASES])
def test_target_found(resources, text, source, target, root):
    events = code_text(text, date="2021-04-01", resources=resources)
    got = [(e.source.code if e.source else None, e.target.code if e.target else None, e.cameo) for e in events]
    assert any(
        e.cameo.startswith(root) and e.source is not None and e.source.code == source
        and e.target is not None and e.target.code.startswith(target)
        for e in events
    ), got


@pytest.mark.parametrize(
    "text, place",
    [
        # a venue is not acted upon
        ("Iranian envoys met in Muscat.", "Muscat"),
        # a trip at home is no visit between actors
        ("NAIROBI -- Kenyan lawmakers returned to Nairobi on Monday.", "Nairobi"),
        ("The Zimbabwean president arrived in Harare's main stadium on Friday.", "Harare"),
    ],
)
def test_no_place_target(resources, text, place):
    events = code_text(text, date="2021-04-01", resources=resources)
    assert not [e for e in events if e.target is not None and e.target.text == place], [
        (e.source.code if e.source else None, e.cameo, e.target.code if e.target else None) for e in events
    ]


def test_forces_harmed_stay_the_target(resources):
    events = code_text("Kenyan soldiers killed three soldiers.", date="2021-04-01", resources=resources)
    assert [(e.source.code, e.target.code if e.target else None) for e in events] == [("KENMIL", "MIL")]


def test_an_event_noun_names_its_light_head(resources):
    # "a mediation effort between X and Y": the effort carries the mediation's phrase
    events = code_text("The Omani sultan launched a mediation effort between Qatar and Bahrain.",
                       date="2021-04-01", resources=resources)
    assert {e.target.code for e in events if e.cameo == "045" and e.target} == {"QAT", "BHR"}


def test_target_span_takes_in_its_apposition(resources):
    # the apposition names the same actor: its words are part of the target's phrase
    text = "The Kenyan foreign minister praised his Ugandan counterpart, Sam Kutesa, on Friday."
    events = [e for e in code_text(text, date="2010-06-01", resources=resources) if e.cameo_root == "05"]
    assert events, "no praise event"
    start, end = events[0].evidence.target_span
    assert text[start:end] == "his Ugandan counterpart, Sam Kutesa"


def test_a_light_verb_named_by_its_event_noun_is_one_event(resources):
    # "launched a peace mediation effort": the mediation, not also a generic launch (020)
    events = code_text("The Omani sultan launched a mediation effort between Qatar and Bahrain.",
                       date="2021-04-01", resources=resources)
    assert {e.cameo for e in events} == {"045"}


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen stormed the Rafik Hariri hospital on Friday.",
        "Rebels shelled the Kennedy airport overnight.",
    ],
)
def test_a_place_named_after_a_person_is_not_theirs(resources, text):
    events = code_text(text, date="2021-04-01", resources=resources)
    assert not any(e.target is not None and e.target.kind == "person" for e in events)


def test_the_owner_of_a_plan_is_still_its_owner(resources):
    # a person's name before a thing that is no place still owns it
    events = code_text("Mexico rejected the Biden plan.", date="2021-04-01", resources=resources)
    assert [(e.source.code, e.target.code) for e in events if e.target] == [("MEX", "USAGOV")]


def test_one_mention_is_not_both_sides(resources):
    # "freed by Kabul": the capital's government freed them; Kabul is not also their side
    events = code_text("The prisoners freed by Kabul since April returned home.",
                       date="2019-06-01", resources=resources)
    assert not any(e.source and e.target and e.source.text == e.target.text for e in events)


@pytest.mark.parametrize(
    "text, source, target",
    [
        # a named war's "against" phrase says whom the mobilization is aimed at
        ("In 1967 Egypt mobilized its army for the Six-Day War against Israel.", "EGY", "ISR"),
        # what is discussed is the topic; the partner is the target
        ("The Kenyan president discussed Somalia with the Ugandan president.", "KENGOV", "UGAGOV"),
        # the owner of the support gives it; the for/to phrase receives it
        ("The Turkish president reiterated Turkey's support for the Libyan government.", "TURGOV", "LBYGOV"),
        ("Peru's foreign minister reiterated the Peruvian government's support to Bolivia.", "PERGOV", "BOL"),
    ],
)
def test_the_one_acted_upon_not_the_topic_or_giver(resources, text, source, target):
    events = code_text(text, date="2021-04-01", resources=resources)
    assert (source, target) in {(e.source.code, e.target.code) for e in events if e.source and e.target}
    assert not any(e.source and e.target and e.source.code == source and e.target.country == e.source.country
                   for e in events)


@pytest.mark.parametrize(
    "text, pair",
    [
        # "between the two countries" refers back to the sources
        ("Ghana and Togo signed a border pact between the two countries on Monday.", {"GHA", "TGO"}),
        # what two sources exchange is not the target: they are each other's
        ("Chile and Bolivia will exchange ambassadors for the first time in decades.", {"CHL", "BOL"}),
    ],
)
def test_two_sources_act_on_each_other(resources, text, pair):
    events = code_text(text, date="2021-04-01", resources=resources)
    assert events and all({e.source.code, e.target.code} == pair for e in events)


@pytest.mark.parametrize(
    "text, source, target, root",
    [
        # an event noun's phrase hung on the verb that performs it
        ("The Kenyan president commenced air and ground assaults on Somali fighters.", "KENGOV", "SOMUAF", "19"),
        # a series of events: the verb performs the events themselves
        ("Kenyan police carried out a series of raids on Somali militants.", "KENCOP", "SOMREB", "19"),
        ("Jordan and the United States began a new round of joint military exercises.", "JOR", "USA", "06"),
        # goods belong to whoever sends them
        ("Russia imposed a ban on imports of Georgian wine.", "RUS", "GEO", "17"),
    ],
)
def test_events_inside_phrases(resources, text, source, target, root):
    events = code_text(text, date="2021-04-01", resources=resources)
    assert (source, target, root) in {
        (e.source.code, e.target.code, e.cameo[:2]) for e in events if e.source and e.target
    }


@pytest.mark.parametrize(
    "text, target",
    [
        # peacekeeping protects where it serves, not the body that runs the force
        ("Uruguay contributed troops to the UN peacekeeping force in Haiti.", "HTI"),
        ("Fiji is sending soldiers to the United Nations peacekeeping mission in Lebanon.", "LBN"),
    ],
)
def test_peacekeeping_targets_where_it_serves(resources, text, target):
    events = code_text(text, date="2021-04-01", resources=resources)
    assert [(e.cameo, e.target.code) for e in events if e.target] == [("074", target)]


@pytest.mark.parametrize(
    "text, target",
    [
        # where what is judged happened names the one judged
        ("The EU criticised human rights violations in Zimbabwe.", "ZWE"),
        ("Peru criticized the situation in Venezuela.", "VEN"),
    ],
)
def test_the_place_of_what_is_judged(resources, text, target):
    events = code_text(text, date="2021-04-01", resources=resources)
    assert [e.target.code for e in events if e.target] == [target]


def test_the_venue_of_judging_is_no_target(resources):
    events = code_text("The EU condemned the attack in a speech in Brussels.", date="2021-04-01", resources=resources)
    assert not any(e.target is not None and e.target.code == "BEL" for e in events)


def test_the_object_does_what_it_is_welcomed_to_do(resources):
    # "welcomed X to mediate": X mediates, not the one who welcomed
    events = code_text("Kenya welcomed the Ugandan president to mediate between Sudan and Chad.",
                       date="2021-04-01", resources=resources)
    assert {e.source.code for e in events if e.cameo == "045"} == {"UGAGOV"}


def test_ones_own_commitment_is_no_target(resources):
    events = code_text("The Zambian president reneged on his commitment to hold new elections.",
                       date="2021-04-01", resources=resources)
    assert not any(e.target is not None and e.target.country == "ZMB" and e.target.code.endswith("ELI") for e in events)


def test_exercises_held_together_are_military_cooperation(resources):
    # two sides holding war games together cooperate militarily (062), as "with X" does
    events = code_text("Chile and Peru held war games off the Pacific coast.", date="2021-04-01", resources=resources)
    assert {(e.source.code, e.target.code, e.cameo) for e in events} == {("CHL", "PER", "062"), ("PER", "CHL", "062")}


def test_exercises_by_one_side_are_a_show_of_force(resources):
    events = code_text("Russia launched war games near the Ukrainian border.", date="2021-04-01", resources=resources)
    assert {e.cameo for e in events} == {"150"}


def test_a_count_of_events_is_one_event(resources):
    # "three days of protests": the verb's pattern codes it; the noun is not a second event
    events = code_text("Students held three days of protests against the Kenyan government.",
                       date="2021-04-01", resources=resources)
    assert len(events) == 1


@pytest.mark.parametrize(
    "text, target",
    [
        # whom a protest is aimed at, when its verb names no one
        ("Students blocked roads in Nairobi to press their demands on the Kenyan government.", "KENGOV"),
        ("Farmers blocked a highway to show their anger at Chile's trade policies.", "CHL"),
        ("Workers are continuing a hunger strike in protest at the Bolivian government's decision.", "BOLGOV"),
        ("Thousands of people marched in Minsk in defiance of the Belarusian authorities.", "BLRGOV"),
    ],
)
def test_whom_a_protest_is_aimed_at(resources, text, target):
    events = code_text(text, date="2021-04-01", resources=resources)
    assert target in {e.target.code for e in events if e.target}


def test_the_complements_object_phrase_before_its_reason(resources):
    # "threatened to break off relations with X over their ties to Y": X, both of them
    events = code_text("Peru threatened to break off diplomatic relations with Chile and Bolivia over their ties with Israel.",
                       date="2021-04-01", resources=resources)
    assert {e.target.code for e in events if e.target} == {"CHL", "BOL"}


@pytest.mark.parametrize(
    "text",
    [
        "Peru is ready to send equipment to help defend Bolivia if it is attacked.",
        "The rebels threatened to shell the port unless Chile withdraws its navy from the coast.",
    ],
)
def test_a_condition_is_no_event(resources, text):
    # what an if/unless clause supposes has not happened
    events = code_text(text, date="2021-04-01", resources=resources)
    assert not any(e.cameo[:2] == "19" or (e.source is not None and e.source.code == "CHL") for e in events)


def test_what_is_asked_for_has_not_happened(resources):
    # "demanded a meeting ... to discuss X": the discussion is only asked for
    events = code_text("Chile demanded a session of the Security Council to discuss Bolivia's border moves.",
                       date="2021-04-01", resources=resources)
    assert not any(e.cameo[:2] == "04" for e in events)


def test_a_call_made_to_congratulate_is_both(resources):
    # "called X to congratulate him": a phone call and the congratulation
    events = code_text("The Chilean president called the Peruvian president to congratulate Peru on its election.",
                       date="2021-04-01", resources=resources)
    assert {(e.cameo, e.source.code) for e in events} >= {("041", "CHLGOV"), ("051", "CHLGOV")}
    # "called on X to ...": only the appeal
    events = code_text("Peru called on Chile to withdraw its troops.", date="2021-04-01", resources=resources)
    assert [e.cameo[:2] for e in events] == ["02"]


@pytest.mark.parametrize(
    "text, source, name, root",
    [
        # a body or person no dictionary knows is the target by name, with a blank code
        ("A Kenyan court convicted Siemens of bribery.", "KENJUD", "Siemens", "11"),
        # the verb's own object before the place it happened in ("not Kenya")
        ("Kenyan police arrested John Smithers in Nairobi.", "KENCOP", "John Smithers", "17"),
        # a name the NER leaves unlabelled, when nothing else names the target
        ("A Kenyan court found Barbarin guilty of fraud on Monday.", "KENJUD", "Barbarin", "11"),
    ],
)
def test_an_unknown_party_is_the_target_by_name(resources, text, source, name, root):
    events = code_text(text, date="2021-04-01", resources=resources)
    found = [e for e in events if e.cameo.startswith(root) and e.source is not None and e.source.code == source]
    assert found, [(e.source, e.target, e.cameo) for e in events]
    target = found[0].target
    assert target is not None and (target.text, target.code, target.country) == (name, "", None)
    assert found[0].evidence.target_span is not None  # traceable to the words that name it


@pytest.mark.parametrize(
    "text",
    [
        "The Kenyan government told Reuters that the talks would resume.",  # not the addressee of a statement
        "Somali militants attacked the Kismayo Central Mosque.",  # a building, not a party
        "The Marlborough Art Gallery was robbed in Nairobi.",  # an event of no known party
        "More Than A Dozen Kenyan Lawmakers Attended Rally In Nairobi",  # a headline's capitals
    ],
)
def test_no_unknown_party(resources, text):
    events = code_text(text, date="2021-04-01", resources=resources)
    assert not any(e.target is not None and e.target.code == "" for e in events), events


def test_an_unknown_subject_is_the_source_by_name(resources):
    # the verb's own subject, a body no dictionary knows, against a known target
    events = code_text("The Kivu Monitoring Group accused the Congolese army of abuses.",
                       date="2021-04-01", resources=resources)
    assert [(e.source.text, e.source.code, e.cameo, e.target.code) for e in events] == [
        ("Kivu Monitoring Group", "", "112", "CODMIL")
    ]


def test_a_shared_subject_is_no_unknown_source(resources):
    # the subject of a relative clause's antecedent is not the clause's own doer
    events = code_text("Peter Okello, who resigned from the Ugandan cabinet, spoke on Monday.",
                       date="2021-04-01", resources=resources)
    assert not any(e.source is not None and e.source.code == "" for e in events), events


@pytest.mark.parametrize(
    "text",
    [
        "Kenyan troops entered Garissa, where 30 people were killed in riots last year.",
        "Kenya complained to the United Nations over two air raids in which 20 Kenyan civilians were killed.",
    ],
)
def test_what_happened_at_a_place_before_is_background(resources, text):
    # a relative clause on a place or an event tells its past: no killing of its own
    events = code_text(text, date="2021-04-01", resources=resources)
    assert not any(e.cameo[:2] in {"18", "19"} for e in events), events


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("The Kenyan government said Somali militants were responsible for the attack.", "KENGOV", "SOMREB"),
        ("The Ugandan army says Congolese rebels are to blame for the killings.", "UGAMIL", "CODREB"),
    ],
)
def test_saying_who_is_responsible_accuses_them(resources, text, source, target):
    events = code_text(text, date="2021-04-01", resources=resources)
    assert [(e.source.code, e.cameo, e.target.code) for e in events] == [(source, "112", target)]


@pytest.mark.parametrize(
    "text",
    [
        "The Kenyan government said Somali militants were not responsible for the attack.",  # a denial
        "Al-Shabaab said they were responsible for the attack.",  # a claim of its own
    ],
)
def test_no_accusation_in_a_denial_or_a_claim(resources, text):
    events = code_text(text, date="2021-04-01", resources=resources)
    assert not any(e.cameo == "112" for e in events), events


def test_what_a_two_sided_act_is_about_is_no_party(resources):
    # "a deal on Somalia": the two signatories act on each other, not on Somalia
    events = code_text("Kenya and Uganda signed a deal on Somalia.", date="2021-04-01", resources=resources)
    assert {(e.source.code, e.target.code) for e in events} == {("KEN", "UGA"), ("UGA", "KEN")}
    # a one-sided act keeps its target: "imposed sanctions on Somalia"
    events = code_text("Kenya and Uganda imposed sanctions on Somalia.", date="2021-04-01", resources=resources)
    assert {e.target.code for e in events} == {"SOM"}


def test_a_mediation_effort_for_a_rift_between_two(resources):
    # the parties of what the effort is for are whom it mediates between; the war it is
    # to prevent did not happen
    events = code_text("Egypt launched a mediation effort to prevent a war between Turkey and Syria.",
                       date="2021-04-01", resources=resources)
    assert {(e.source.code, e.cameo, e.target.code) for e in events} == {("EGY", "045", "TUR"), ("EGY", "045", "SYR")}
