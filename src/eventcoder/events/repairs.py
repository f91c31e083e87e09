"""Parse repairs: known error classes of the small English model, fixed where the evidence
is local (the words, their entity labels and the arcs between neighbours).

* ``r.list.appos`` -- a list of names read as apposition: in "The US, Russia, and
  Switzerland met" the parser makes "Russia" an apposition of "US" (and "Switzerland" a
  conjunct of "Russia"), so only "US" is the subject.  An apposition whose head and itself
  are names of the same kind (countries, organizations, nationalities) with a comma between
  and a coordinated name after it is a conjunct.
* ``r.date.compound`` -- a date fused into a name: in "Syrian President Bashar Assad
  Tuesday accused ..." the weekday heads the noun phrase and "Assad" is its compound, so the
  verb has no subject.  The name's last word takes the date's place; the date becomes a
  modifier of the verb (``npadvmod``).
* ``r.dateline.subject`` -- a dateline read as the subject: in "MANILA -- President X has
  pardoned Y" the parser makes "MANILA" a subject of "pardoned".  A dateline word (see
  :func:`find_dateline`) is never an argument of a verb after it: it becomes a modifier
  (``npadvmod``), and where the verb is left with no subject, the first noun after the
  dateline that hung from it takes the subject's place ("THE HAGUE -- A prosecutor has
  charged ...").
* ``r.object.clause`` -- an object with a participle read as a clause: in "will not accept
  refugees fleeing violence" the parser makes "refugees" the subject of "fleeing", a
  complement of "accept", so the verb has no object.  A bare ``-ing`` complement (no
  *that*, no auxiliary) whose subject's words follow the verb at once and end right before
  it is the verb's object, with the participle describing it (``acl``).
* ``r.name.split`` -- a person's name split between two roles ("Barack" the subject,
  "Obama" an object): the name's words are made one noun phrase headed by its last word,
  which takes the role of the first word that had one outside the name.

:func:`repair_doc` returns a repaired copy of the Doc (the input is left as it is), or the
Doc itself when nothing needed repair.  It uses only Doc and Token attributes; this module
never imports spaCy.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["repair_doc", "find_dateline", "REPAIR_RULES"]

REPAIR_RULES = ("r.list.appos", "r.date.compound", "r.dateline.subject", "r.object.clause", "r.name.split")

_LIST_ENTS = frozenset({"GPE", "ORG", "NORP", "LOC"})
_DATE_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight "
    "january february march april may june july august september october november december".split()
)
_ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "dative", "appos", "conj", "attr", "poss"})


# A place written in capitals ("GUATEMALA CITY", "N'DJAMENA").
_CAPS_PLACE = r"[A-Z][A-Z.'’ -]{2,}?"
# A wire-style dateline opening the text: "MOSCOW, Sept. 24 --", "TAIPEI:",
# "MINGORA, Pakistan (Reuters) -", "GUATEMALA CITY --".  Its words are a place, not actors.
_DATELINE = re.compile(
    r"^\s*(?P<place>" + _CAPS_PLACE + r"(?:,\s*[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?)?"
    r"|[A-Z][a-z]+(?:\s[A-Z][a-z]+)?,\s*[A-Z][a-z]+(?:\s[A-Z][a-z]+)?)"  # "Raipur, India -"
    r"(?:,?\s+[A-Z][a-z]{2,}\.?\s+\d{1,2})?(?:,\s*[A-Z]{2,8})?\s*(?:\([^)]{2,30}\))?\s*(?:--|—|–|-|:)\s"
)
# A place written in title case, then a dash ("Tehran, March 15, IRNA -", "Cebu City--",
# "Washington - "); not a colon, which follows speakers too ("President Ruiz: ...").
_DATELINE_TITLE = re.compile(
    r"^\s*(?P<place>[A-Z][a-z]+(?:\s[A-Z][a-z]+){0,2})"
    r"(?:,?\s+[A-Z][a-z]{2,}\.?\s+\d{1,2})?(?:,\s*[A-Z]{2,8})?\s*(?:\([^)]{2,30}\))?"
    r"(?:\s*(?:--|—|–)\s*|\s+-\s+)(?=[A-Z])"  # and a capital after it ("Obama - who ..." is no dateline)
)
# A place in capitals and a news agency in brackets are a dateline whatever follows them
# (a dash lost or garbled in a scrape: 'WASHINGTON (AP) " President ...').
_DATELINE_AGENCY = re.compile(
    r"^\s*(?P<place>" + _CAPS_PLACE + r"(?:,\s*[A-Z][A-Za-z.]+)?)\s*\([A-Z][A-Za-z]{1,12}\)\s*[^\w\s]{0,2}\s*(?=[A-Z])"
)


def find_dateline(text: str) -> tuple[str, int] | None:
    """The place and end offset of a dateline opening ``text``, or None."""
    m = _DATELINE.match(text[:120]) or _DATELINE_TITLE.match(text[:120]) or _DATELINE_AGENCY.match(text[:120])
    if m is None:
        return None
    place = m.group("place").split(",")[0].strip()
    return place.title(), m.end()


def _opening(doc: Any, n: int = 120) -> str:
    """The first ``n`` characters of the document at least (``Doc.text`` joins them all)."""
    out, size = [], 0
    for tok in doc:
        out.append(tok.text_with_ws)
        size += len(out[-1])
        if size >= n:
            break
    return "".join(out)


def _dateline_subject(doc: Any) -> list[tuple[int, str, int | None]]:
    found = find_dateline(_opening(doc))
    if found is None:
        return []
    end = found[1]
    out = []
    for tok in doc:
        if tok.idx >= end:
            break
        verb = tok.head
        if tok.dep_ not in {"nsubj", "nsubjpass"} or verb.idx < end:
            continue
        out.append((tok.i, "npadvmod", verb.i))
        if any(c.dep_ in {"nsubj", "nsubjpass"} and c.idx >= end for c in verb.children):
            continue
        # the subject the parser hung from the dateline: "THE HAGUE, Netherlands -- A
        # prosecutor has charged ..."
        heads = [t for t in tok.subtree if t.idx >= end and t.head.idx < end and t.pos_ in {"NOUN", "PROPN"}]
        if heads:
            out.append((heads[0].i, tok.dep_, verb.i))
    return out


def _list_appos(doc: Any, tokens: Any = None) -> list[tuple[int, str, int | None]]:
    """(token index, new dep, new head index or None) for apposition lists."""
    out = []
    for tok in doc if tokens is None else tokens:
        if tok.dep_ != "appos" or tok.ent_type_ not in _LIST_ENTS:
            continue
        head = tok.head
        if head.ent_type_ != tok.ent_type_ or head.i >= tok.i:
            continue
        between = doc[head.i + 1 : tok.i]
        # only the head's own name words and a comma lie between: "The US, Russia"
        if not any(t.text == "," for t in between) or any(t.pos_ in {"VERB", "AUX", "ADP"} for t in between):
            continue
        # a list goes on: a coordinated name after it ("..., and Switzerland")
        if not any(c.dep_ == "conj" and c.ent_type_ in _LIST_ENTS for c in tok.children):
            continue
        out.append((tok.i, "conj", None))
    return out


_DATE_DEPS = frozenset({"npadvmod", "nsubj", "nsubjpass"})


def _date_compound(doc: Any, tokens: Any = None) -> list[tuple[int, str, int | None]]:
    out = []
    for tok in doc if tokens is None else tokens:
        if tok.lower_ not in _DATE_WORDS or tok.ent_type_ != "DATE" or tok.dep_ not in _DATE_DEPS:
            continue
        verb = tok.head
        if verb.pos_ not in {"VERB", "AUX"}:
            continue
        names = [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i and c.pos_ == "PROPN"]
        if not names or any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children if c.i != tok.i):
            continue
        last = max(names, key=lambda c: c.i)
        if last.i != tok.i - 1:
            continue
        out.append((last.i, "nsubj", verb.i))
        out.append((tok.i, "npadvmod", verb.i))
        out += [(c.i, c.dep_, last.i) for c in tok.children if c.i < last.i]
    return out


def _object_clause(doc: Any, tokens: Any = None) -> list[tuple[int, str, int | None]]:
    out = []
    for clause in doc if tokens is None else tokens:
        verb = clause.head
        if clause.dep_ != "ccomp" or clause.tag_ != "VBG" or verb.i >= clause.i or verb.pos_ != "VERB":
            continue
        if any(c.dep_ == "dobj" for c in verb.children) or any(
            c.dep_ in {"mark", "aux", "auxpass"} for c in clause.children
        ):
            continue
        subj = next((c for c in clause.children if c.dep_ == "nsubj" and c.i < clause.i), None)
        if subj is None or subj.pos_ not in {"NOUN", "PROPN"}:
            continue
        if subj.left_edge.i != verb.i + 1 or subj.right_edge.i != clause.i - 1:
            continue
        out.append((subj.i, "dobj", verb.i))
        out.append((clause.i, "acl", subj.i))
    return out


def _name_split(doc: Any) -> list[tuple[int, str, int | None]]:
    out = []
    for ent in doc.ents:
        if ent.label_ != "PERSON" or len(ent) < 2:
            continue
        toks = list(ent)
        if any(t.is_sent_start for t in toks[1:]):
            continue
        outside = [t for t in toks if not (ent.start <= t.head.i < ent.end) and t.head.i != t.i]
        if len(outside) < 2:
            continue
        role = next((t for t in outside if t.dep_ in _ARG_DEPS), None)
        last = toks[-1]
        if role is None or role.i == last.i:
            continue
        # no cycle: the role's head must not lie under any word of the name, all of which
        # will hang from its last word ("As" + name + ...: "As" itself hanging from a word
        # of the name would close a loop through it)
        h, seen = role.head, 0
        while not (ent.start <= h.i < ent.end) and h.head.i != h.i and seen < 50:
            h, seen = h.head, seen + 1
        if ent.start <= h.i < ent.end:
            continue
        out.append((last.i, role.dep_, role.head.i))
        out += [(t.i, "compound", last.i) for t in toks[:-1]]
    return out


def repair_doc(doc: Any) -> Any:
    """A copy of ``doc`` with the repairs applied (``doc`` itself when none applies)."""
    # one pass over the tokens picks each repair's candidates (each repair checks its own)
    appos, dates, clauses = [], [], []
    for tok in doc:
        dep = tok.dep_
        if dep == "appos":
            appos.append(tok)
        elif dep == "ccomp":
            clauses.append(tok)
        elif dep in _DATE_DEPS:
            dates.append(tok)
    edits = (
        _list_appos(doc, appos) + _date_compound(doc, dates) + _dateline_subject(doc)
        + _object_clause(doc, clauses) + _name_split(doc)
    )
    if not edits:
        return doc
    fixed = doc.copy()
    for i, dep, head in edits:
        tok = fixed[i]
        if head is not None and head != i:
            tok.head = fixed[head]
        tok.dep_ = dep
    return fixed
