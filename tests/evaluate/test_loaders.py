"""Gold-set loaders on small hand-written files in each format, and on the real sets."""

from __future__ import annotations

import json

import pytest

from eventcoder.errors import InputError
from eventcoder.evaluate.loaders import (
    load_case2021,
    load_conflibert,
    load_gold,
    load_petrarch_xml,
    load_plover,
)
from eventcoder.evaluate.tables import split_cameo_actor


def _plover_record(rid, event, text, source, target, markup):
    return {
        "id": rid,
        "date": "2001-02-03",
        "event": event,
        "eventText": "x",
        "text": text,
        "source": source,
        "target": target,
        "textInfo": {"markup": markup},
    }


@pytest.fixture
def plover_file(tmp_path):
    records = [
        {"id": "DOC", "event": "DOCUMENT", "eventText": "documentation"},
        _plover_record(
            "R1", "DEMAND", "Tokyo demanded that Ruritania free the sailors.",
            [{"actorText": "Tokyo", "code": "JAP", "sector": "GOV"}],
            [{"actorText": "Ruritania", "code": "RUR"}],
            "(SRC: Tokyo) (EVT: demanded) that (TAR: Ruritania) free the sailors.",
        ),
        _plover_record(
            "R2", "AGREE", "Ruritania and Italy agreed to swap envoys.",
            [{"actorText": "Ruritania", "code": "RUR"}, {"actorText": "Italy", "code": "ITL"}],
            "",
            "(SRC/TAR: Ruritania) and (SRC/TAR: Italy) (EVT: agreed) to swap envoys.",
        ),
        _plover_record(
            "R3", "FIGHT", "Rebels and soldiers shelled two villages.",
            [{"actorText": "Rebels", "code": "RUR", "sector": "REB"}, {"actorText": "soldiers", "code": "RUR", "sector": "***"}],
            None,
            "(SRC: Rebels) and (SRC: soldiers) (EVT: shelled) two villages.",
        ),
    ]
    path = tmp_path / "PLOVER_GSR_toy.txt"
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def test_load_plover_maps_names_codes_and_compounds(plover_file):
    gold = load_plover(plover_file)
    assert [i.id for i in gold.items] == ["R1", "R2", "R3"]
    (demand,) = gold.items[0].events
    assert (demand.root, demand.plover, demand.label) == ("10", "REQUEST", "DEMAND")
    assert (demand.source.country, demand.source.role) == ("JPN", "GOV")
    assert demand.target.country == "RUR" and demand.target.role is None
    assert gold.items[0].date == "2001-02-03"
    # SRC/TAR with no target: each acts on the other
    pairs = {(e.source.country, e.target.country) for e in gold.items[1].events}
    assert pairs == {("RUR", "ITA"), ("ITA", "RUR")}
    # two plain sources, no target: one event each, target None; FIGHT -> 19 / ASSAULT
    events = gold.items[2].events
    assert [(e.source.role, e.target, e.root, e.plover) for e in events] == [
        ("REB", None, "19", "ASSAULT"),
        (None, None, "19", "ASSAULT"),
    ]
    assert "code" not in gold.levels and "root" in gold.levels


def test_load_plover_unknown_event_name_is_an_error(tmp_path):
    path = tmp_path / "PLOVER_bad.txt"
    path.write_text(json.dumps([_plover_record("X", "LAUGH", "A b.", [{"code": "AAA"}], None, "")]))
    with pytest.raises(InputError, match="LAUGH"):
        load_plover(path)


def _ents(*entities):
    return repr(list(entities))


@pytest.fixture
def conflibert_file(tmp_path):
    text = "Ruritanian police arrested three Freedonian activists, officials said."
    # offsets into the stripped text
    police, arrested, activists, officials, said = 0, 18, 33, 55, 65
    old_round = {
        "anncomplete_1": True,
        "anncomplete_2": True,
        "entities_1": _ents(("Source-1", "Ruritanian police", police), ("Action-1", "arrested", arrested)),
        "Action1_CAMEO_1": "4-19 Fight",
        "entities_2": _ents(("Source-1", "Ruritanian police", police), ("Action-1", "arrested", arrested)),
        "Action1_CAMEO_2": "4-19 Fight",
    }
    final_round = {
        "anncomplete_1": True,
        "anncomplete_2": True,
        "anncomplete_3": True,
        # coders 1 and 2 agree on the arrest (17) though their spans differ slightly
        "entities_1": _ents(
            ("Source-1", "Ruritanian police", police), ("Action-1", "arrested", arrested),
            ("Target-1", "three Freedonian activists", activists - 6),
            ("Source-2", "officials", officials), ("Action-2", "said", said),
        ),
        "Action1_CAMEO_1": "4-17 Coerce",
        "Action2_CAMEO_1": "0-1 Make Public Statement",
        "entities_2": _ents(
            ("Source-1", "police", police + 11), ("Action-1", "police arrested", police + 11),
            ("Target-1", "activists", activists + 11),
        ),
        "Action1_CAMEO_2": "4-17 Coerce",
        # coder 3 alone calls it an assault: not gold
        "entities_3": _ents(("Action-1", "arrested", arrested)),
        "Action1_CAMEO_3": "4-18 Assualt",
    }
    empty_round = {}
    rows = [
        {"round": 1, "sentence": " " + text, "annotations": old_round},
        {"round": 2, "sentence": text, "annotations": final_round},
        {"round": 3, "sentence": text, "annotations": empty_round},
        {"round": 1, "sentence": "Nothing happened here.", "annotations": {"anncomplete_1": True, "anncomplete_2": True}},
    ]
    path = tmp_path / "annotations.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path, text


def test_load_conflibert_agreement_rule(conflibert_file):
    path, text = conflibert_file
    gold = load_conflibert(path)
    assert len(gold.items) == 2
    item = gold.items[0]
    assert item.text == text and item.meta["round"] == 2 and item.meta["coders"] == 3
    (arrest,) = item.events  # the "said" event has one coder, the assault one
    assert arrest.root == "17"
    assert any(text[s:e] == "Ruritanian police" for s, e in arrest.source.spans)
    assert any("activists" in text[s:e] for s, e in arrest.target.spans)
    assert gold.items[1].events == ()


def test_load_case2021_maps_and_skips(tmp_path):
    path = tmp_path / "snippets.tsv"
    path.write_text(
        "id\tEventSnippet\tSubType\n"
        "1\tJets bombed a depot near the border.\tAIR_STRIKE\n"
        "2\tThe river flooded the valley.\tNATURAL_DISASTER\n"
        "3\tStudents marched peacefully downtown.\tPEACE_PROTEST\n",
        encoding="utf-8",
    )
    gold = load_case2021(path)
    assert [(i.id, i.events[0].root, i.events[0].label) for i in gold.items] == [
        ("case2021-1", "19", "AIR_STRIKE"),
        ("case2021-3", "14", "PEACE_PROTEST"),
    ]
    assert gold.levels == ("type",) and gold.single_label
    assert "NATURAL_DISASTER 1" in gold.notes[0]


XML = """<Validation><Sentences>
<Sentence date="20010203" id="T-1" category="X">
<EventCoding sourcecode="FRDGOV" targetcode="SYL" eventcode="0311"></EventCoding>
<EventCoding sourcecode="IGOUNO" targetcode="---" eventcode="010"></EventCoding>
<Text>
Freedonia's government pledged economic help to Sylvania.
</Text>
</Sentence>
<Sentence date="20010204" id="T-2"><EventCoding noevents="True"></EventCoding><Text>Nothing.</Text></Sentence>
<Sentence date="20010205" id="T-3"><EventCoding error="sentencediscard"></EventCoding><Text>Skip me.</Text></Sentence>
</Sentences></Validation>"""


def test_load_petrarch_xml(tmp_path):
    path = tmp_path / "toy.validation.xml"
    path.write_text(XML, encoding="utf-8")
    gold = load_petrarch_xml(path)
    assert [i.id for i in gold.items] == ["T-1", "T-2"]
    first = gold.items[0]
    assert first.date == "2001-02-03"
    assert first.text == "Freedonia's government pledged economic help to Sylvania."
    e1, e2 = first.events
    assert (e1.source.country, e1.source.role, e1.target.country, e1.cameo, e1.root) == ("FRD", "GOV", "SYL", "0311", "03")
    assert (e2.source.country, e2.target, e2.quad_class) == ("IGO", None, 1)
    assert gold.items[1].events == ()
    assert "code" in gold.levels
    assert load_gold(path).name == gold.name  # detected by content


@pytest.mark.parametrize(
    ("code", "expected"),
    [("USAGOV", ("USA", "GOV")), ("JAP", ("JPN", None)), ("IGOUNO", ("IGO", None)), ("---", (None, None)), ("", (None, None))],
)
def test_split_cameo_actor(code, expected):
    assert split_cameo_actor(code) == expected


def test_load_gold_unknown_name_says_how_to_fix():
    with pytest.raises(InputError, match="known name"):
        load_gold("no-such-gold-set")


# ---------------------------------------------------------------- real gold sets
@pytest.mark.shared
@pytest.mark.parametrize(
    ("name", "items", "levels"),
    [
        ("plover", 322, {"root", "quad", "type", "plover", "actors"}),
        ("conflibert", 200, {"root", "quad", "type"}),
        ("case2021", 659, {"type"}),
        ("petrarch-unit", 277, {"root", "code", "quad", "type", "actors"}),
    ],
)
def test_load_gold_real_sets(shared_dir, monkeypatch, name, items, levels):
    monkeypatch.setenv("EVENTCODER_GOLD", str(shared_dir / "gold"))
    gold = load_gold(name)
    assert len(gold.items) == items
    assert set(gold.levels) == levels
    assert gold.n_events > 100
    assert len({i.id for i in gold.items}) == items
    for item in gold.items:
        for e in item.events:
            assert e.root is not None and e.root.isdigit()
            if name != "petrarch-unit":  # the unit tests use made-up codes too
                assert 1 <= int(e.root) <= 20
            for side in (e.source, e.target):
                for s, t in side.spans if side is not None else ():
                    assert 0 <= s < t <= len(item.text)


# ---------------------------------------------------------------- PLV
_PLV_HEADER = "\tsentence_id\tsentence\tmarked_sentence\tsource\ttarget\tgold_root\n"


def _plv_row(n, sid, sentence, marked, source, target, label):
    return f"{n}\t{sid}\t{sentence}\t{marked}\t{source}\t{target}\t{label}\n"


@pytest.fixture
def plv_file(tmp_path):
    path = tmp_path / "plv.tsv"
    rows = [
        _plv_row(0, 7, "Ruritania scolded Freedonia over the dam.",
                 "<s>Ruritania</s> scolded <t>Freedonia</t> over the dam.", "Ruritania", "Freedonia", "ACCUSE"),
        # two relations of one sentence; the second target is written twice
        _plv_row(1, 9, "Borduria sent grain to Syldavia and praised Syldavia's king.",
                 "<s>Borduria</s> sent grain to <t>Syldavia</t> and praised Syldavia's king.", "Borduria", "Syldavia", "AID"),
        _plv_row(2, 9, "Borduria sent grain to Syldavia and praised Syldavia's king.",
                 "<s>Borduria</s> sent grain to <t>Syldavia</t> and praised <t>Syldavia</t>'s king.", "Borduria", "Syldavia", "SUPPORT"),
        # no target in the sentence ("a recipient", no <t>)
        _plv_row(3, 11, "The council opened an inquiry.", "<s>The council</s> opened an inquiry.", "The council", "a recipient", "ACCUSE"),
        # marks that do not fit the sentence: located by their text
        _plv_row(4, 12, "Gondor pulled its troops back.", "<s>Gondor</s> pulled its troops  back.", "Gondor", "a recipient", "YIELD"),
    ]
    path.write_text(_PLV_HEADER + "".join(rows), encoding="utf-8")
    return path


def test_load_plv_spans_groups_and_unspecified_targets(plv_file):
    gold = load_gold(plv_file)  # format detected from the header
    assert gold.name == "plv" and gold.levels == ("dyadtype", "dyadic", "plover")
    items = {item.id: item for item in gold.items}
    assert set(items) == {"plv-7", "plv-9", "plv-11", "plv-12"}
    first = items["plv-7"]
    (event,) = first.events
    assert event.plover == "ACCUSE" and event.root is None
    s, e = event.source.spans[0]
    assert first.text[s:e] == "Ruritania"
    s, e = event.target.spans[0]
    assert first.text[s:e] == "Freedonia"
    two = items["plv-9"].events
    assert [g.plover for g in two] == ["AID", "SUPPORT"]
    assert len(two[1].target.spans) == 2
    assert all(items["plv-9"].text[s:e] == "Syldavia" for s, e in two[1].target.spans)
    assert items["plv-11"].events[0].target.unspecified
    located = items["plv-12"].events[0]
    assert located.plover == "YIELD" and items["plv-12"].text[slice(*located.source.spans[0])] == "Gondor"


def test_load_plv_rejects_other_tables(tmp_path):
    path = tmp_path / "x.tsv"
    path.write_text("\tsentence_id\tmarked_sentence\nx\ty\tz\n", encoding="utf-8")
    with pytest.raises(InputError, match="PLV"):
        from eventcoder.evaluate.loaders import load_plv

        load_plv(path)


@pytest.mark.shared
def test_load_plv_real_file(shared_dir):
    path = shared_dir / "gold" / "plv" / "PLV_train.tsv"
    if not path.is_file():
        pytest.skip(f"{path} not found")
    gold = load_gold(path)
    assert len(gold.items) > 1000
    for item in gold.items:
        for g in item.events:
            assert g.plover and g.source.spans
            for s, e in g.source.spans:
                assert 0 <= s < e <= len(item.text)
