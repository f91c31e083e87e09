"""Parse repairs (events/repairs.py) on the real small model: each error class fixed, its
look-alikes left alone.  Sentences of our own wording."""

from __future__ import annotations

import pytest

from eventcoder.events.repairs import repair_doc
from eventcoder.pipeline import code_text

pytestmark = pytest.mark.model


def _arcs(doc):
    return {t.text: (t.dep_, t.head.text) for t in doc}


def test_repair_list_read_as_apposition(nlp):
    doc = nlp("The US, Russia, and Switzerland met in Geneva.")
    fixed = repair_doc(doc)
    assert _arcs(fixed)["Russia"] == ("conj", "US")
    assert _arcs(doc)["Russia"][0] == "appos"  # the input Doc is left as it was


@pytest.mark.parametrize(
    "text",
    ["Paris, France, hosted the summit.", "Vladimir Putin, the Russian president, met the delegation."],
)
def test_repair_leaves_real_appositions(nlp, text):
    doc = nlp(text)
    assert repair_doc(doc) is doc


def test_repair_date_fused_into_a_name(nlp):
    doc = nlp("Syrian President Bashar Assad Tuesday accused Turkey of aggression.")
    arcs = _arcs(repair_doc(doc))
    assert arcs["Assad"] == ("nsubj", "accused")
    assert arcs["Tuesday"] == ("npadvmod", "accused")


def test_repair_split_name_is_one_phrase(nlp):
    doc = nlp("Barack Obama met Vladimir Putin.")
    # build the split by hand: "Barack" subject, "Obama" an object of the verb
    doc = doc.copy()
    doc[0].head, doc[0].dep_ = doc[2], "nsubj"
    doc[1].head, doc[1].dep_ = doc[2], "dobj"
    arcs = _arcs(repair_doc(doc))
    assert arcs["Obama"] == ("nsubj", "met") and arcs["Barack"] == ("compound", "Obama")


def test_repair_split_name_never_makes_a_cycle(nlp):
    # the parse of a garbled page: the name's first word is the object of "Before", and
    # "Before" itself hangs from the name's middle word; hanging the name from its last
    # word under "Before" would close a loop (spaCy then fails on the entity's root)
    from spacy.tokens import Span

    doc = nlp("Before Anna Maria Lopez spoke, Peru voted.").copy()
    doc.ents = [Span(doc, 1, 4, label="PERSON")]
    arcs = {0: (2, "mark"), 1: (0, "pobj"), 2: (7, "advcl"), 3: (2, "nummod")}
    for i, (head, dep) in arcs.items():
        doc[i].head, doc[i].dep_ = doc[head], dep
    fixed = repair_doc(doc)
    assert [e.root.text for e in fixed.ents] == [e.root.text for e in doc.ents]
    assert fixed is doc  # nothing to repair safely


@pytest.mark.parametrize(
    "text, subject",
    [
        ("NAIROBI -- President William Ruto has praised the Tanzanian government.", "Ruto"),
        # the parser hung the subject from the dateline: it takes the dateline's place
        ("DHAKA, Bangladesh -- A Bangladeshi court has sentenced two Indian smugglers.", "court"),
    ],
)
def test_repair_dateline_read_as_subject(nlp, text, subject):
    doc = nlp(text)
    dateline = doc[0].text
    assert _arcs(doc)[dateline][0] == "nsubj"  # the error class, on this model
    arcs = _arcs(repair_doc(doc))
    assert arcs[dateline][0] == "npadvmod"
    assert arcs[subject][0] == "nsubj"


def test_repair_keeps_a_right_subject_after_a_dateline(nlp):
    doc = nlp("ROME -- The Italian coast guard rescued 40 migrants on Sunday.")
    assert _arcs(repair_doc(doc))["guard"] == ("nsubj", "rescued")


@pytest.mark.parametrize(
    "text, sources",
    [
        ("DHAKA, Bangladesh -- A Bangladeshi court has sentenced two Indian smugglers.", {"BGDJUD"}),
        ("The US, Russia, and Switzerland met in Geneva.", {"USA", "RUS", "CHE"}),
        ("Syrian President Bashar Assad Tuesday accused Turkey of aggression.", {"SYRGOV"}),
        ("Chinese Foreign Minister Wang Yi Thursday criticized Japan.", {"CHNGOV"}),
    ],
)
def test_repairs_give_the_coder_its_subjects(resources, text, sources):
    events = code_text(text, date="2021-04-01", resources=resources)
    assert {e.source.code for e in events if e.source} >= sources


def test_repair_object_with_participle_read_as_clause(nlp):
    doc = nlp("Jordan will not accept any Syrian refugees fleeing the fighting in Daraa.")
    assert _arcs(doc)["refugees"][0] == "nsubj"  # the error class, on this model
    arcs = _arcs(repair_doc(doc))
    assert arcs["refugees"] == ("dobj", "accept")
    assert arcs["fleeing"] == ("acl", "refugees")


def test_repair_keeps_a_real_clause(nlp):
    # a "that" clause or an auxiliary says the words are a clause, not an object
    for text in ("Jordan said that refugees were fleeing the fighting.", "Jordan said refugees are fleeing the war."):
        doc = nlp(text)
        assert _arcs(repair_doc(doc))["refugees"][0] == "nsubj"
