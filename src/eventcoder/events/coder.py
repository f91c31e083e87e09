"""The event grammar: CAMEO lexicon patterns matched on the dependency parse.

For every verb whose lemma the lexicon knows, the most specific matching pattern
(particle, direct object, preposition, complement verb) gives the CAMEO code; the
grammar then finds

* the **source**: the subject; the ``by`` agent of a passive; the subject inherited
  through coordinated verbs ("thanked X ... and invited him"), control verbs
  ("agreed to meet" -> the subject of "agreed"; "asked X to support" -> X), relative
  clauses ("troops that attacked");
* the **target**: the direct object, the subject of a passive, or the object of the
  pattern's preposition;
* coordination: "X and Y signed ..." gives one event per source and target;
* **negation** ("did not meet" -> ``negated``; "refused to meet" -> the refusal code and
  no meeting), **modality** (will / plans / pledged / upcoming -> ``intended``; a clause
  under a speech verb of someone else -> ``reported``).

Event nouns ("Kishida's visit to Cambodia", "talks between X and Y", "an attack on Y")
are coded the same way, the possessor (or the subject of a verb that performs the event:
"launched an attack on") being the source.  Speech verbs with reported content are CAMEO
010 statements; intended events take CAMEO's intent codes (``INTENT_CODES``).  The
conventions are listed, with examples, in ``docs/coding-rules.md``.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from ..actors.mentions import ActorResolver, sentence_entities
from ..ground.dates import resolve_event_date
from ..ground.places import resolve_event_place
from ..model import Actor, Event, Evidence, Modality, Place, Plover, make_event_id
from ..nlp import has_word
from .lexicon import Lexicon, NounPattern, VerbPattern
from .repairs import find_dateline, repair_doc
from .scorer import Candidate, EventScorer, choose_code, fill_code
from .senses import PEACEKEEPING_WORDS, TROOP_NOUNS, code_sense, plover_sense, recipient_subject, refusal_code
from .settings import CodingSettings

if TYPE_CHECKING:  # pragma: no cover
    from ..model import Article

__all__ = ["code_doc", "SPEECH_VERBS"]

SPEECH_VERBS = frozenset(
    "say tell state add note claim report announce insist assert declare explain write "
    "argue allege confirm reveal warn stress emphasize emphasise acknowledge admit "
    "believe think suggest indicate".split()
)
# Verbs whose open complement (xcomp) is an explicit commitment, not done: "pledged to
# support" (CAMEO: "verbs that innately express intent such as plan, prepare, promise,
# pledge, vow").
_INTEND = frozenset(
    "plan intend pledge promise vow agree decide prepare offer propose schedule resolve "
    "undertake threaten commit".split()
)
# Verbs whose complement is only hoped, wished or expected: no event and no intent code
# ("hopes to meet", "wants to join", "is expected to visit"); CAMEO codes the hope itself,
# when at all, as a comment (PETRARCH's HOPE: 013 / 020), which is the lexicon's business.
_WISH = frozenset("hope wish want seek aim expect desire dream like long strive".split())
# ... and their forms, which the lemmatizer sometimes misses ("hopes" -> "hop")
_WISH_FORMS = frozenset(
    "hope hopes hoped hoping wish wishes wished wishing want wants wanted wanting seek seeks "
    "sought seeking aim aims aimed aiming expect expects expected expecting desire desires "
    "desired desiring dream dreams dreamed dreamt dreaming strive strives strove striving".split()
)
# Adjectives that make their complement a likelihood or a wish, not a commitment.
_WISH_ADJ = frozenset("likely unlikely eager keen anxious hopeful".split())
# Modals of possibility and obligation: "may attack", "could impose", "must withdraw" are
# not events (an obligation under someone's speech verb is their demand or appeal, below).
_POSSIBLE_AUX = frozenset({"may", "might", "could", "can", "ca"})
_OBLIGED_AUX = frozenset({"must", "should", "ought"})
# Verbs whose complement is only requested of the object: "asked X to support".
_REQUEST = frozenset(
    "ask urge invite encourage persuade tell order call request appeal press push "
    "allow permit force compel demand beg implore instruct advise".split()
)
_REFUSE = frozenset("refuse decline fail reject deny".split())
# Other verbs whose object does what their infinitive says ("welcomed X to mediate",
# "helped X to rebuild", "authorized X to strike").
_OBJECT_CONTROL = frozenset("welcome help enable authorize authorise empower mandate want expect".split())
# Verbs that perform the event named by their object: their subject is its source.
_PERFORM_VERBS = frozenset(
    "hold stage stag launch carry conduct make pay mount begin start organize organise continue "
    "resume lead join take go engage undertake wage perform commit unleash open step "
    "intensify escalate sign conclude reach complete announce call declare give issue "
    "commence initiate renew".split()
)
# Goods that belong to whoever makes or sends them: "a ban on imports *of British beef*".
_TRADE_NOUNS = frozenset("import export sale shipment product good".split())
# Nouns that count what their "of" phrase names: "began *a round of* joint exercises",
# "carried out *a series of* raids" (the verb performs the events themselves).
_SERIES_NOUNS = frozenset("round series wave spate string number succession flurry day week".split())
# Roots whose events are worth keeping when the doer is unknown (coercion and violence).
_UNKNOWN_DOER_ROOTS = frozenset({"17", "18", "19", "20"})
# Roots whose events happen to a place: yield (lift a curfew), protest, force posture,
# coercion, assault, fight, mass violence.
# Roots of pressure: a condition they set names the one pressed (demand, reject, threaten).
_PRESSURE_ROOTS = frozenset({"10", "12", "13"})
_PLACE_TARGET_ROOTS = frozenset({"03", "07", "08", "13", "14", "15", "17", "18", "19", "20"})
_READY = frozenset("willing ready prepared determined set poised".split())
STATEMENT = "010"
THREAT = "130"
# Modal of a reported clause -> the code and rule of what the speaker does to its subject.
_OBLIGATION = {"must": ("100", "g.demand.must"), "should": ("020", "g.appeal.should")}
_STATEMENT_RULES = frozenset({"g.statement", "g.demand.must", "g.appeal.should", "g.accuse.responsible"})
# "X said Y was *responsible* / *to blame* / *behind* the attack": an accusation of Y (112)
_BLAME_WORDS = frozenset({"responsible", "culpable", "guilty"})
_STATEMENT_VERBS = frozenset(
    "say tell state declare insist assert stress emphasize emphasise add note comment remark reiterate "
    "explain argue tweet reply respond".split()
)
_PRESS = frozenset("reporter journalist press media correspondent newsman audience crowd".split())
# Acts of speaking that are statements without reported content ("X speaks at a rally").
_SPEAKING_VERBS = frozenset("speak address".split())
# Verbs of saying whose clause is what someone reported: "X said (that) ...", "..., X added".
_SAY = SPEECH_VERBS | _STATEMENT_VERBS
# Roots an event may have alone, with no target (CAMEO/PLOVER count them so): protest,
# force posture.  Violence by an unknown doer has a target (the victims) and no source.
_ALONE_ROOTS = frozenset({"14", "15"})
# Two-sided events, coded in both directions (as PETRARCH does) and marked ``symmetric``:
# their verbs, the nouns that name them ("held *talks* with", "*clashes* between"), and
# the roots they may take (intent to meet 036, consult 04, sign 057, cooperate 06, fight 19).
_SYMMETRIC_VERBS = frozenset(
    "meet negotiate talk confer discuss cooperate collaborate clash fight skirmish battle sign "
    "reconcile ally".split()
)
_SYMMETRIC_NOUNS = frozenset(
    "meeting talk negotiation consultation discussion summit clash fighting fight battle "
    "skirmish war agreement accord treaty pact deal cooperation".split()
)
_SYMMETRIC_ROOTS = frozenset({"03", "04", "05", "06", "19"})
_WITH = frozenset({"with", "between"})
# Obligatorily transitive verbs of harm and coercion: with a subject and no object
# ("1 soldier killed in Iraq", a headline's passive) the subject is the sufferer.
_PATIENT_VERBS = frozenset(
    "kill wound injure hurt slay murder assassinate execute behead massacre arrest detain "
    "abduct kidnap jail imprison torture".split()
)
# Media that an attribution speaks through, not to: "told the BBC", "told reporters".
_MEDIA_ROLES = frozenset({"MED", "JRN"})
_FUTURE_AUX = frozenset({"will", "would", "shall", "'ll", "wo"})
_INTENT_ADJ = frozenset(
    "upcoming planned proposed scheduled forthcoming next expected possible potential future".split()
)
_TARGET_PREPS = frozenset(
    "with to against on at toward towards into for from upon over about of between".split()
)
# Dependencies of a verb that heads a clause (not "the besieged town", "the wounded").
_CLAUSE_DEPS = frozenset(
    {"ROOT", "conj", "xcomp", "ccomp", "advcl", "relcl", "acl", "pcomp", "parataxis", "csubj", "csubjpass", "dep"}
)
# Heads that measure their "of" object: "25,000 tons of food aid", "$5 million of aid".
_MEASURE = frozenset(
    "ton tonne dollar million billion worth amount number kg kilogram shipment batch consignment "
    "package lot quantity load barrel unit sum euro pound".split()
)
# Roots whose pattern object is the source's own (troops mobilized or withdrawn, aid sent,
# goods traded): never the target.
_OWN_OBJECT_ROOTS = frozenset({"07", "15"})
# Verbs whose object is what is talked about when a partner is named ("discussed *Libya*
# with X"): the partner is the target, the topic a fallback.
_TOPIC_VERBS = frozenset("discuss debate negotiate".split())
# the generic objects of a light verb whose purpose clause is the event ("launched an
# operation to free the hostages", "began a campaign to disarm the militias")
_LIGHT_VERBS = frozenset("launch begin start mount conduct undertake wage lead intensify step".split())
_PURPOSE_NOUNS = frozenset("operation campaign drive effort bid mission initiative push programme program move".split())
# Particles that the parser sometimes attaches as an adverb or preposition right after
# the verb ("pulled out of the talks", "backed down").
_LOOSE_PARTICLES = frozenset("up out off down away back forward ahead aside".split())
# Dependencies of the words of a multiword object ("air strike", "tear gas").
_MOD_DEPS = frozenset({"compound", "amod", "nmod", "nn"})
# Objects that answer an earlier act of someone else: "accepted the invitation".
_REPLY_NOUNS = frozenset(
    "invitation offer proposal request call demand appeal plan bid initiative apology "
    "overture ultimatum suggestion".split()
)


@dataclass(frozen=True, slots=True)
class _Frame:
    """What the grammar found around one event word, before actors are resolved."""

    token: Any
    cameo: str
    rule: str
    sources: tuple[Any, ...]
    targets: tuple[Any, ...]
    negated: bool
    modality: str
    pair: bool = False  # "talks between X and Y": first target is really the source
    fallback: tuple[Any, ...] = ()  # target candidates when ``targets`` name no actor
    direct: tuple[Any, ...] = ()  # an unconsumed direct object: the patient beats a PP
    reply: bool = False  # "accepted the invitation": the target is whoever made it
    agentless: bool = False  # a passive with no "by" phrase: the doer is unknown
    speaker: tuple[Any, ...] = ()  # who reports it: "X said ...", "according to X"
    symmetric: bool = False  # two-sided (met, talks, clashed): coded in both directions
    patient: bool = False  # the targets suffer it (a passive, "1 soldier killed"): a doer
    # that names no actor stays empty, never the sufferer's own side
    confidence: float | None = None  # the learned scorer's probability, when it chose the code


# ---------------------------------------------------------------------------- helpers
# Verbs of making: their object is made, not acted upon.
_MAKE_VERBS = frozenset("set establish create build form found construct open launch hold set_up".split())


_OWN_POSSESSIVES = frozenset("its their our my".split())


def _own(noun: Any) -> bool:
    """Whether the noun is its subject's own: "*its* borders", "*their* weapons", and
    forces that say no one else's ("agreed to deploy *300 soldiers* in Mali")."""
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children):
        return True
    return noun.lemma_.lower() in TROOP_NOUNS and not any(
        c.dep_ in {"amod", "compound", "poss", "nmod"} for c in noun.children
    )


# People an actor moves: its forces and personnel ("sent troops", "withdrew 200 peacekeepers").
_FORCE_NOUNS = TROOP_NOUNS | frozenset("instructor trainer adviser advisor personnel man officer".split())
_MOVE_VERBS = frozenset(
    "send deploy dispatch withdraw pull station place move mobilize mobilise commit contribute provide "
    "offer evacuate recall airlift fly bring ship redeploy".split()
)
# Prepositions of where moved forces go or come from.
_DESTINATION_PREPS = frozenset("to into from toward towards in inside".split())


def _moved_forces(actor: Actor, tok: Any) -> bool:
    """Whether a target is forces of no named country ("troops", "a batch of 200
    peacekeepers", "an Army brigade"): what its source moves, not whom it acts on."""
    if tok is None or actor.country is not None or actor.kind != "group" or not actor.role:
        return False
    if tok.head.lemma_.lower() not in _MOVE_VERBS:
        return False
    heads = [tok] + [o for p in tok.children if p.dep_ == "prep" and p.lower_ == "of" for o in _pobjs(p)]
    return any(h.lemma_.lower() in _FORCE_NOUNS for h in heads)


def _destination(verb: Any, resolver: ActorResolver) -> list[tuple[Actor, Any]]:
    """Where forces are sent, or from where withdrawn, under ``verb``: the first object of
    a to/into/from/in phrase, or of a purpose clause ("sent troops *to help the Philippine
    army*"), that names an actor or a place of a known country."""
    for tok in verb.subtree:
        head = tok.head
        aimed = (tok.dep_ == "pobj" and head.dep_ in {"prep", "dative"} and head.lower_ in _DESTINATION_PREPS) or (
            tok.dep_ == "dobj" and head.dep_ in {"advcl", "xcomp"} and head.i != verb.i
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in head.children)
            and head.lemma_.lower() not in {"send", "deploy", "dispatch", "withdraw", "pull"}
        )
        if not aimed:
            continue
        found = [(a, tok) for a in resolver.resolve(tok) if a.country or a.kind == "organization"]
        if not found and (where := resolver.place(tok)) is not None:
            found = [(where, tok)]
        if found:
            return found
    return []


def _children(token: Any, *deps: str) -> list[Any]:
    return [c for c in token.children if c.dep_ in deps]


def _conjuncts(token: Any) -> list[Any]:
    """The token and the heads coordinated with it ("X, Y and Z")."""
    out = [token]
    stack = [token]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN", "PRON"}:
                out.append(c)
                stack.append(c)
    return out


def _pobjs(prep: Any) -> list[Any]:
    objs = _children(prep, "pobj")
    if not objs:  # "between X and Y" is sometimes parsed with pcomp / prep chains
        objs = _children(prep, "pcomp")
    out = []
    for o in objs:
        out.extend(_conjuncts(o))
    return out


def _is_passive(verb: Any) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children)


def _prep_children(token: Any, preps: frozenset[str]) -> list[Any]:
    return [c for c in token.children if c.dep_ in {"prep", "agent", "dative"} and c.lower_ in preps]


def _subject(verb: Any, depth: int = 0) -> tuple[list[Any], bool]:
    """The verb's subject heads, following coordination and control; (heads, inherited)."""
    subj = [c for c in verb.children if c.dep_ in {"nsubj", "csubj"}]
    if subj:
        head = subj[0]
        if head.tag_ in {"WDT", "WP"} and verb.dep_ == "relcl":  # "troops who attacked"
            return _conjuncts(verb.head), False
        return _conjuncts(head), False
    if depth > 4:
        return [], False
    head = verb.head
    if verb.dep_ == "conj":
        return _subject(head, depth + 1)[0], True
    if verb.dep_ == "xcomp":
        obj = _children(head, "dobj")
        if obj and (_asks(head) or head.lemma_ in _OBJECT_CONTROL):
            return _conjuncts(obj[0]), True  # "welcomed Putin to mediate": Putin mediates
        return _subject(head, depth + 1)[0], True
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.lemma_.lower() in _DOCUMENT_NOUNS:
        # "passed a resolution criticizing X", "put out a report accusing X": a document
        # speaks for who issued it
        if head.dep_ == "dobj" and head.head.pos_ in {"VERB", "AUX"}:
            return _subject(head.head, depth + 1)[0], True
        return _by_agent(head), True  # "a statement issued by the ministry condemning X"
    if verb.dep_ in {"advcl", "acl"} and verb.tag_ in {"VBG"}:  # "..., pledging that"
        return _subject(head, depth + 1)[0], True
    if verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        obj = _children(head, "dobj")
        if obj and head.lemma_ in _OBJECT_CONTROL:
            return _conjuncts(obj[0]), True  # the parser's purpose clause: "welcomed X to mediate"
        return _subject(head, depth + 1)[0], True  # "sent troops to investigate"
    if _is_purpose_of_object(verb):
        return _subject(head.head, depth + 1)[0], True  # "launched a campaign to disarm X"
    if verb.dep_ in {"acomp", "xcomp"} or head.pos_ == "ADJ":  # "is willing to withdraw"
        return _subject(head, depth + 1)[0], True
    if verb.dep_ == "relcl":
        return _conjuncts(head), True
    if verb.dep_ == "acl" and verb.tag_ == "VBN":  # "the summit hosted by Cambodia"
        return [], False
    return [], False


# Documents that speak for whoever issued them.
_DOCUMENT_NOUNS = frozenset(
    "report statement resolution letter lawsuit suit complaint communique communiqué declaration motion "
    "petition note message memo bill decree order ruling verdict editorial".split()
)


def _to_clause(verb: Any) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _light_object(verb: Any) -> Any:
    """The generic object of a light verb ("launched *operations*", "began a *campaign*"),
    or None."""
    obj = _children(verb, "dobj")
    if verb.lemma_.lower() in _LIGHT_VERBS and obj and obj[0].lemma_.lower() in _PURPOSE_NOUNS:
        return obj[0]
    return None


def _is_purpose_of_object(verb: Any) -> bool:
    """"launched a campaign to disarm X": an infinitive hanging on the object of a verb
    (the parser says ``acl``, or ``relcl`` for "a crackdown to arrest ...")."""
    head = verb.head
    return (
        verb.dep_ in {"acl", "relcl"} and _to_clause(verb) and head.dep_ == "dobj"
        and _light_object(head.head) is head
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
    )


def _purpose_of(frame: _Frame, fired: set[int]) -> bool:
    """The light verb of a purpose: "launched operations to detain 110 people" is the
    detention; the operation (a generic word that would code as a plain 190 or 040) is how
    it was done, so only the purpose clause's event is kept when it codes."""
    verb = frame.token
    obj = _light_object(verb)
    if obj is None:
        return False
    clauses = [c for c in verb.children if c.dep_ == "advcl" and _to_clause(c)]
    clauses += [c for c in obj.children if c.dep_ in {"acl", "relcl"} and _to_clause(c)]
    return any(c.i in fired for c in clauses)


# What one side gives another: the owner of "Turkey's *support* for X" gives it, X has it.
_GIVEN_NOUNS = frozenset(
    "support commitment solidarity backing assistance aid help sympathy condolence gratitude".split()
)


def _given_to_another(obj: Any) -> bool:
    """"reiterated *Turkey's support* for the GNA": the pattern's object is the giver's
    own, and names a receiver in a for/to phrase; neither it nor its owner is the target."""
    return (
        obj.lemma_.lower() in _GIVEN_NOUNS
        and any(c.dep_ == "poss" for c in obj.children)
        and bool(_prep_children(obj, frozenset({"for", "to", "towards", "toward"})))
    )


# Roots that judge a thing (investigate, criticize, reject): the place the thing is in
# names whom it judges.
_ABOUT_ROOTS = frozenset({"09", "11", "12"})


def _place_inside(obj: Any, resolver: ActorResolver) -> tuple[Actor, Any] | None:
    """The first place named *in* the object's own phrase, a few words deep ("violations
    in Zimbabwe", "the bombing of a school in Tripoli"), with the token naming it."""
    for tok in obj.subtree:
        if tok.dep_ != "pobj" or tok.head.lower_ not in {"in", "inside"} or tok.head.head.pos_ not in {"NOUN", "PROPN"}:
            continue
        h, depth = tok.head.head, 0
        # through the object's own phrases ("of a school", "on a church"), not through a
        # venue or time of its own ("in a speech", "during a visit")
        while h.i != obj.i and depth < 4 and h.dep_ in {"pobj", "conj"} | _MOD_DEPS | {"prep"} and not (
            h.dep_ == "prep" and h.lower_ not in {"of", "on", "against", "at"}
        ):
            h, depth = h.head, depth + 1
        if h.i != obj.i:
            continue  # inside a clause or too deep: not the object's own place
        where = resolver.place(tok)
        if where is not None:
            return where, tok
    return None


_PROTEST_WORDS = frozenset("protest defiance opposition disapproval anger outrage demand".split())
# the phrases of a protest's purpose that may name whom it is aimed at
_AIM_PREPS = frozenset({"from", "of", "on", "for", "against", "to", "at", "over"})


def _protest_aims(verb: Any) -> list[Any]:
    """Words that may name whom a protest is aimed at, nearest first: the object of "in
    protest at/of/against X", "in defiance of X"; the objects of its purpose clause and
    their phrases ("to press their demands *on the government*", "to show their
    disapproval *of the United States*"); an *against* phrase on the verb's object."""
    out: list[Any] = []
    for p in _prep_children(verb, frozenset({"in", "against", "at", "over"})):
        for o in _pobjs(p):
            if p.lower_ != "in":
                out.append(o)  # "against X"; on a strike or protest noun, "at/over X"
            elif o.lemma_.lower() in _PROTEST_WORDS:
                out += [x for q in _prep_children(o, frozenset({"of", "at", "against", "over", "to"})) for x in _pobjs(q)]
    for c in verb.children:
        if c.dep_ in {"advcl", "xcomp"} and _to_clause(c):
            objs = _children(c, "dobj")
            first = [x for d in objs for q in _prep_children(d, _AIM_PREPS) for x in _pobjs(q)]
            # one phrase deeper: "to press their demands for greater freedom *from X*"
            out += first + [y for x in first for q in _prep_children(x, frozenset({"from", "of", "against"})) for y in _pobjs(q)]
            out += [x for q in _prep_children(c, frozenset({"from", "against", "on", "to"})) for x in _pobjs(q)]
            out += objs
    for d in _children(verb, "dobj"):
        out += [x for q in _prep_children(d, frozenset({"against"})) for x in _pobjs(q)]
    return out


_EXERCISE_NOUNS = frozenset("exercise drill maneuver manoeuvre game wargame".split())


def _exercise(token: Any) -> bool:
    """Whether the event is military exercises (its object or noun: "war games", "drills")."""
    heads = [token] if token.pos_ in {"NOUN", "PROPN"} else _children(token, "dobj", "nsubjpass")
    heads += [o for h in list(heads) if h.lemma_.lower() in _SERIES_NOUNS for p in _prep_children(h, frozenset({"of"})) for o in _pobjs(p)]
    return any(h.lemma_.lower() in _EXERCISE_NOUNS for h in heads)


_PEACEKEEPING = frozenset({"074", "0334"})
_MISSION_NOUNS = frozenset("force mission operation peacekeeping contingent".split())
_RECIPROCAL = frozenset("exchange swap".split())
_BACK_NOUNS = frozenset("country nation side state government party leader neighbour neighbor".split())


def _the_two(tok: Any) -> bool:
    """"the two countries", "both sides": words that refer back to the sources."""
    return tok.lemma_.lower() in _BACK_NOUNS and tok.tag_ in {"NNS", "NNPS"} and any(
        c.lower_ in {"two", "both"} and c.dep_ in {"nummod", "det", "predet", "amod"} for c in tok.children
    )


def _asks(verb: Any) -> bool:
    """A verb of asking, ordering or urging ("asked X to", "called on X to"); a phone call
    ("called X to congratulate him") is not one."""
    if verb.lemma_ not in _REQUEST:
        return False
    return verb.lemma_ != "call" or any(
        c.lower_ in {"on", "upon", "for"} and c.i == verb.i + 1 for c in verb.children
    )  # "called on X to", "called for X to"; not "called X on Wednesday to congratulate him"


def _named_by_noun(frame: _Frame, lexicon: Lexicon) -> bool:
    """A light verb whose generic object is named by an event noun: "launched a
    *mediation* effort between X and Y" is the mediation (the noun frame, see
    :func:`_noun_frame`), not a generic launch (020)."""
    verb = frame.token
    if verb.lemma_.lower() not in _LIGHT_VERBS:
        return False
    for obj in _children(verb, "dobj"):
        if obj.lemma_.lower() in _LIGHT_NOUNS | _PURPOSE_NOUNS:
            for c in obj.children:
                if c.dep_ == "compound" and c.i != obj.i and _noun_frame(c, lexicon) is not None:
                    return True
    return False


def _negated(verb: Any) -> bool:
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    # "did not refuse to" is rare; "failed to meet", "refused to meet" negate the complement
    return verb.dep_ == "xcomp" and verb.head.lemma_ in _REFUSE


def _is_attribution(verb: Any) -> bool:
    """A speech verb hanging on a clause, with no content of its own: "..., officials
    said", "..., he added", "..., she told reporters"."""
    return (
        verb.lemma_ in _SAY
        and any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
        and not any(c.dep_ in {"ccomp", "xcomp"} for c in verb.children)
    )


_PER_DOC: dict[str, Any] = {}  # answers that depend on the parse alone, for the last document


def _doc_memo(doc: Any, name: str) -> dict[int, Any]:
    """A memo of ``name`` for ``doc`` (token index -> answer), cleared with each new document."""
    if _PER_DOC.get("doc") is not doc:
        _PER_DOC.clear()
        _PER_DOC["doc"] = doc
    return _PER_DOC.setdefault(name, {})


def _speech_governor(verb: Any) -> Any:
    """The speech verb whose reported clause contains ``verb`` (or None).

    "X said (that) Y attacked Z" (the clause is the speech verb's complement), "Y attacked
    Z, X said" and "Y, X said, attacked Z" (the speech verb hangs on the clause), "'...,'
    X added"; through the clauses above ``verb`` ("X said rebels who attacked ... fled").
    """
    memo = _doc_memo(verb.doc, "speech")
    if verb.i not in memo:
        memo[verb.i] = _find_speech_governor(verb)
    return memo[verb.i]


def _find_speech_governor(verb: Any) -> Any:
    attributions = _doc_memo(verb.doc, "attributions")  # clause index -> its attributions
    t = verb
    for _ in range(12):
        found = attributions.get(t.i)
        if found is None:
            # the trailing or parenthetical attributions on this clause
            found = attributions[t.i] = tuple(
                c for c in t.children
                if c.dep_ in {"parataxis", "ccomp"} and (c.i > t.i or c.dep_ == "parataxis") and _is_attribution(c)
            )
        for c in found:
            if c.i != verb.i:
                return c
        head = t.head
        if head is t:
            break
        if t.dep_ in {"ccomp", "parataxis"} and head.lemma_ in _SAY and head.pos_ in {"VERB", "AUX"}:
            return head
        t = head
    return None


def _according_to(verb: Any) -> list[Any]:
    """The source of an "according to X" over the clause of ``verb`` (else [])."""
    memo = _doc_memo(verb.doc, "according")
    if verb.i not in memo:
        memo[verb.i] = _find_according_to(verb)
    return list(memo[verb.i])


def _find_according_to(verb: Any) -> list[Any]:
    doc = verb.doc
    memo = _doc_memo(doc, "according to")  # clause index -> the objects of its "according to", or None
    if -1 not in memo:
        memo[-1] = has_word(doc, "according")
    if not memo[-1]:
        return []  # no word of the document is "according"
    t = verb
    for _ in range(12):
        if t.i not in memo:
            memo[t.i] = next(
                (_pobjs(to) for c in t.children if c.lower_ == "according" for to in c.children if to.lower_ == "to"),
                None,
            )
        if memo[t.i] is not None:
            return list(memo[t.i])
        if t.head is t:
            break
        t = t.head
    return []


def _speaker(verb: Any) -> tuple[Any, ...]:
    """Who reports the event of ``verb``: the subject of its speech verb, or X of
    "according to X" (tokens, to be resolved)."""
    gov = _speech_governor(verb)
    if gov is not None:
        if _is_passive(gov):  # "it was announced by the ministry"
            return tuple(o for a in _children(gov, "agent") for o in _pobjs(a))
        return tuple(_subject(gov)[0])
    return tuple(_according_to(verb))


def _unrealized(verb: Any) -> bool:
    """The clause of ``verb`` is hoped, wished, possible or obliged, not done nor
    committed to: "hopes to meet", "is likely to attack", "may impose", "must withdraw"."""
    t = verb
    for _ in range(4):
        auxes = {c.lower_ for c in t.children if c.dep_ == "aux"}
        negated = any(c.dep_ == "neg" for c in t.children)
        # "could not agree" stays (a negated event), and so does "may have attacked" (an
        # alleged past event, reported like "allegedly attacked")
        if auxes & _OBLIGED_AUX and not {"must", "have"} <= auxes:  # "should have met": it did not
            return True
        if auxes & _POSSIBLE_AUX and not negated and "have" not in auxes:
            return True
        if t.dep_ == "xcomp" and (
            t.head.lemma_.lower() in _WISH or t.head.lower_ in _WISH_FORMS or t.head.lower_ in _WISH_ADJ
        ):
            return True
        if t.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in t.children):
            return True  # the condition of something else: "to defend Saudi Arabia if it is attacked"
        if t.dep_ in {"conj", "xcomp"} and t.head is not t:
            t = t.head
            continue
        break
    return False


def _modality(verb: Any) -> str:
    t = verb
    for _ in range(4):
        if any(c.dep_ == "aux" and c.lower_ in _FUTURE_AUX for c in t.children):
            return Modality.INTENDED
        if any(c.dep_ == "aux" and c.lower_ == "going" for c in t.children):
            return Modality.INTENDED
        if t.dep_ in {"xcomp", "ccomp"} and t.head.lemma_ in _INTEND:
            return Modality.INTENDED
        if t.dep_ == "xcomp" and t.head.lemma_.lower() in _READY:  # "is willing to send"
            return Modality.INTENDED
        if t.dep_ in {"conj", "xcomp"} and t.head is not t:
            t = t.head
            continue
        break
    if _speech_governor(verb) is not None or _according_to(verb):
        return Modality.REPORTED
    return Modality.ASSERTED


# ---------------------------------------------------------------------------- matching
def _has_mods(token: Any, mods: tuple[str, ...]) -> bool:
    """Every modifier word of a multiword item is a compound/adjective child of the head."""
    if not mods:
        return True
    have: set[str] = set()
    stack = [token]
    while stack:  # "human rights abuse": "human" modifies "rights", which modifies "abuse"
        for c in stack.pop().children:
            if c.dep_ in _MOD_DEPS:
                have.update((c.lemma_.lower(), c.lower_))
                stack.append(c)
    return all(m in have for m in mods)


# Sums of money: a pattern written with "dollar" (TABARI's and PETRARCH's word for any
# sum) matches any currency and any amount the NER reads as money ("$46 million").
_CURRENCIES = frozenset(
    "dollar euro pound yen yuan renminbi rupee krone kroner krona kronor franc rouble ruble peso "
    "shekel riyal rial dinar dirham won naira shilling rand lira ringgit baht rupiah taka".split()
)


def _is_money(token: Any) -> bool:
    return token.lemma_.lower() in _CURRENCIES or (token.ent_type_ == "MONEY" and token.pos_ in {"NOUN", "NUM", "PROPN"})


def _item_match(token: Any, items: tuple[tuple[str, tuple[str, ...]], ...]) -> bool:
    """The token is the head of one of the items (by lemma, or by its own form: a gerund
    "spying" has the lemma "spy"; a sum of money by "dollar"), with that item's modifiers."""
    lemma, form = token.lemma_.lower(), token.lower_
    return any(
        (head == lemma or head == form or head == "*" or (head == "dollar" and _is_money(token)))
        and _has_mods(token, mods)
        for head, mods in items
    )


def _match_verb(verb: Any, patterns: tuple[VerbPattern, ...]) -> tuple[VerbPattern, Any] | None:
    """The most specific pattern that fits the verb, and the object token it consumed.
    A block row (``---``) that fits best is returned too: the caller codes nothing."""
    passive = _is_passive(verb)
    objs = _children(verb, "dobj") + (_children(verb, "nsubjpass") if passive else [])
    for o in list(objs):
        if o.lemma_.lower() in _MEASURE | _SERIES_NOUNS or o.pos_ == "NUM":
            objs.extend(p for prep in o.children if prep.lower_ == "of" for p in _children(prep, "pobj"))
    objs.extend(c for o in list(objs) for c in o.children if c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN"})
    # a gerund object the parser reads as a complement verb: "stopped shelling"
    objs.extend(c for c in verb.children if c.dep_ in {"xcomp", "ccomp"} and c.tag_ == "VBG")
    # particles, also where the parser made an adverb or preposition of one ("pulled out of")
    prts = [
        c for c in verb.children
        if c.dep_ == "prt" or (c.dep_ in {"advmod", "prep"} and c.lower_ in _LOOSE_PARTICLES and c.i == verb.i + 1)
    ]
    particles = {c.lower_ for c in prts}
    xcomps = {c.lemma_.lower() for c in verb.children if c.dep_ in {"xcomp", "ccomp"}}
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if nxt is not None and nxt.lower_ == "free" and verb.lemma_.lower() in {"let", "set"}:
        xcomps.add("free")  # "let free the prisoners": the parser often makes "free" a modifier of the object
    # the prepositions on the verb and its particles, once (many patterns ask for them);
    # those on a consumed object are added per object
    base_preps = _preps_of([verb] + prts)
    obj_words = {o.lemma_.lower() for o in objs} | {o.lower_ for o in objs}
    if any(_is_money(o) for o in objs):
        obj_words.add("dollar")
    obj_preps: dict[int, list[tuple[str, Any]]] = {}
    naming = any(c.dep_ == "oprd" for c in verb.children)
    for p in patterns:
        if p.particle and p.particle not in particles:
            continue
        obj = None
        if p.object:
            if not (p.object_heads & obj_words) and "*" not in p.object_heads:
                continue  # cheap test first: no object word of this pattern is there
            if p.object_heads == {"*"} and naming:
                continue  # "called X a liar" names X: no call to X
            obj = next((o for o in objs if _item_match(o, p.object_items)), None)
            if obj is None:
                continue
        if p.comp and not (p.comp & xcomps):
            continue
        if p.prep or p.pobj:
            preps = base_preps
            if obj is not None:
                if obj.i not in obj_preps:
                    obj_preps[obj.i] = _preps_of([obj])
                preps = base_preps + obj_preps[obj.i]
            # prepositions attach to the verb, its object, or its particle ("pulled out of")
            if p.prep and not any(word in p.prep for word, _ in preps):
                continue
            if p.pobj and not any(
                word == p.pobj_prep and _item_match(o, p.pobj_items)
                for word, prep in preps
                for o in prep.children
                if o.dep_ in {"pobj", "pcomp"}
            ):
                continue
        return p, obj
    return None


def _preps_of(hosts: list[Any]) -> list[tuple[str, Any]]:
    """The prepositions on the hosts, less those of a time ("called X on Saturday" is no
    "call on"; "met in March" no "meet in"): a date never takes a pattern's preposition."""
    return [
        (c.lower_, c) for h in hosts for c in h.children
        if c.dep_ in {"prep", "agent", "dative"} and not _temporal(c)
    ]


def _temporal(prep: Any) -> bool:
    objs = [o for o in prep.children if o.dep_ == "pobj"]
    return bool(objs) and all(o.ent_type_ in {"DATE", "TIME"} for o in objs)


def _verb_frame(verb: Any, lexicon: Lexicon) -> _Frame | None:
    patterns = lexicon.verbs.get(verb.lemma_.lower())
    if not patterns:
        return None
    found = _match_verb(verb, patterns)
    if found is None:
        return None
    pattern, obj = found
    if pattern.blocks:
        return None
    passive = _is_passive(verb)
    # -- source
    if passive:
        agents = [o for a in _children(verb, "agent") for o in _pobjs(a)]
        sources = tuple(agents)
    else:
        sources = tuple(_subject(verb)[0])
    # -- target
    targets: list[Any] = []
    hosts = [verb] + ([obj] if obj is not None else []) + [
        c for c in verb.children if c.dep_ == "prt" or (c.dep_ in {"advmod", "prep"} and c.lower_ in _LOOSE_PARTICLES and c.i == verb.i + 1)
    ]
    if pattern.prep:
        for h in hosts:
            for prep in _prep_children(h, pattern.prep):
                targets.extend(_pobjs(prep))
    elif pattern.comp and not _children(verb, "dobj"):
        # "refused to meet the protest leaders": the complement's object is the target
        for comp in verb.children:
            if comp.dep_ in {"xcomp", "ccomp"} and comp.lemma_.lower() in pattern.comp:
                for d in _children(comp, "dobj"):
                    targets.extend(_conjuncts(d))
                if not targets and comp.pos_ == "ADJ":
                    # "found the minister guilty": the one the predicate is said of
                    for n in _children(comp, "nsubj"):
                        targets.extend(_conjuncts(n))
                if not targets:
                    # "refused to allow two airlines to land": the one let do it, which the
                    # parser makes the subject of the clause below the complement
                    for clause in _children(comp, "ccomp", "xcomp"):
                        for n in _children(clause, "nsubj"):
                            targets.extend(_conjuncts(n))
                if not targets:
                    for prep in _prep_children(comp, _TARGET_PREPS):
                        targets.extend(_pobjs(prep))
    else:
        direct = _children(verb, "nsubjpass") if passive else _children(verb, "dobj")
        direct = [d for d in direct if obj is None or d.i != obj.i]
        for d in direct:
            targets.extend(_conjuncts(d))
        for d in _children(verb, "dative"):
            targets.extend(_pobjs(d) if d.pos_ == "ADP" else _conjuncts(d))
        partners = [o for p in _prep_children(verb, frozenset({"with"})) for o in _pobjs(p)]
        if verb.lemma_.lower() in _TOPIC_VERBS and partners and not passive:
            # "discussed Libya with Trump": the object is the topic, the partner the target
            targets = partners
    # Candidates tried in order when the targets above name no actor.
    fallback: list[Any] = []
    if pattern.pobj:
        # "called for the release of X", "accused Y of links to X": the fixed
        # prepositional object's own complements name the one acted upon
        for h in hosts:
            for prep in _prep_children(h, frozenset({pattern.pobj_prep})):
                for o in _children(prep, "pobj", "pcomp"):
                    fallback += [t for q in _prep_children(o, _TARGET_PREPS) for t in _pobjs(q)]
    if obj is not None and obj.lemma_.lower() in _REPLY_NOUNS:
        # "rejected calls by X", "accepted demands from X", "rejected X's proposal"
        fallback += [c for c in obj.children if c.dep_ == "poss"]
        fallback += [o for p in _prep_children(obj, frozenset({"by", "from"})) for o in _pobjs(p)]
    if verb.lemma_ in _REQUEST:
        # "demanded that the government resign": the addressee is the clause's subject
        for comp in _children(verb, "ccomp"):
            fallback += [t for s in _children(comp, "nsubj") for t in _conjuncts(s)]
    fallback += [
        o for d in (_children(verb, "nsubjpass") if passive else _children(verb, "dobj"))
        # "reiterated its support for X": the pattern's own object, owned by the subject
        # ("its"), names no one else; the phrases after it do
        if not (obj is not None and d.i == obj.i and (
            any(c.dep_ == "poss" and c.pos_ == "PRON" for c in d.children) or _given_to_another(d)
        ))
        for o in _conjuncts(d)
    ]
    comps = [c for c in verb.children if c.dep_ == "xcomp" or (c.dep_ == "ccomp" and c.lemma_.lower() in pattern.comp)]
    # "agreed to provide Sri Lanka with technology", "pledged to support the rebels": the
    # object of what was agreed or pledged is the one it is aimed at; not what is made ("agreed
    # to set up a company") nor the source's own ("agreed to open its borders to X")
    fallback += [
        t for c in comps if c.dep_ == "xcomp" and c.pos_ == "VERB" and c.lemma_.lower() not in _MAKE_VERBS
        for d in _children(c, "dobj", "dative") if not _own(d) for t in _conjuncts(d)
    ]
    # and whose that object is ("threatened to storm *his* residence", "... the
    # *president's* palace"); not the subject's own ("its", "their")
    fallback += [
        p for c in comps if c.dep_ == "xcomp" and c.pos_ == "VERB" and c.lemma_.lower() not in _MAKE_VERBS
        for d in _children(c, "dobj") for p in _children(d, "poss") if p.lower_ not in _OWN_POSSESSIVES
    ]
    if obj is not None:  # "offered concessions to X", "agreed to lift embargoes on X"
        comps += [c for c in obj.children if c.dep_ in {"acl", "relcl"}]
    first: list[Any] = []
    # (the complement's object's own phrases before the complement's: in "threatened to
    # break off relations with X over their ties to Y", X)
    for h in hosts + [o for c in comps for o in _children(c, "dobj")] + comps:
        for prep in _prep_children(h, _TARGET_PREPS | {"near", "along", "inside"}):
            first.extend(_pobjs(prep))
    fallback.extend(first)
    # further out, tried last: a purpose clause's object ("opened fire to disperse the
    # demonstrators"), a phrase inside a phrase ("mobilized reservists for a war against X")
    for c in verb.children:
        if c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
            fallback.extend(t for d in _children(c, "dobj") for t in _conjuncts(d))
    for o in first:
        if o.pos_ == "NOUN" or (o.pos_ == "PROPN" and o.ent_type_ == "EVENT"):  # "for the Gulf War against X"
            fallback.extend(t for q in _prep_children(o, frozenset({"against", "on", "with", "to", "toward", "towards"})) for t in _pobjs(q))
            if o.lemma_.lower() in _TRADE_NOUNS:
                # "lifted a ban on imports *of British beef*": whose goods they are
                fallback.extend(t for q in _prep_children(o, frozenset({"of", "from"})) for t in _pobjs(q))
            if o.lemma_.lower() in _REPLY_NOUNS:
                # "refused to respond to a request from X": X asked
                fallback.extend(t for q in _prep_children(o, frozenset({"from", "by"})) for t in _pobjs(q))
    if pattern.cameo[:2] in _PRESSURE_ROOTS or _negated(verb):
        # last: whoever a condition is set for ("threatened to strike *unless Israel*
        # rescinds", "will not lift the embargo *until Cuba* reforms", "... until their
        # demands are met *by the government*")
        fallback.extend(
            t for h in [verb] + comps for c in h.children if c.dep_ == "advcl"
            and any(m.dep_ == "mark" and m.lower_ in {"until", "unless", "if"} for m in c.children)
            for n in [*_children(c, "nsubj"), *(o for a in _children(c, "agent") for o in _pobjs(a))] for t in _conjuncts(n)
        )
    if obj is not None and pattern.cameo[:2] in _OWN_OBJECT_ROOTS:
        # "mobilized army reservists", "sent aid": the pattern's
        # object is the source's own forces or goods, not the one acted upon
        fallback = [t for t in fallback if t.i != obj.i and not (t.dep_ == "conj" and t.head.i == obj.i)]
    if recipient_subject(verb, pattern.cameo) and not passive:
        # "X received aid from Y": Y gives, X receives (events/senses.py)
        givers = [o for h in hosts for p in _prep_children(h, frozenset({"from", "by"})) for o in _pobjs(p)]
        sources, targets, fallback = tuple(givers), list(sources), []
    direct = []
    if pattern.prep and not passive and verb.lemma_.lower() not in _TOPIC_VERBS:  # "accused X of Y": X, not Y
        direct = [t for d in _children(verb, "dobj") if obj is None or d.i != obj.i for t in _conjuncts(d)]
    return _Frame(
        token=verb,
        cameo=pattern.cameo,
        rule=pattern.id,
        sources=sources,
        targets=tuple(targets),
        negated=_negated(verb),
        modality=_modality(verb),
        direct=tuple(direct),
        agentless=passive and not _children(verb, "agent"),
        fallback=tuple(t for t in fallback if t not in targets),
        reply=obj is not None and obj.lemma_.lower() in _REPLY_NOUNS and not any(c.dep_ == "poss" for c in obj.children),
    )


def _statement_frame(verb: Any, lexicon: Lexicon) -> _Frame | None:
    """A speech verb with reported content is CAMEO 010, "make public statement":
    "X said (that) ...", "..., X told reporters"."""
    speaking = verb.lemma_ in _SPEAKING_VERBS
    if not (speaking or verb.lemma_ in _STATEMENT_VERBS) or STATEMENT not in lexicon.codes:
        return None
    content = [c for c in verb.children if c.dep_ in {"ccomp", "parataxis"}]
    if not speaking and not content and not (verb.dep_ in {"parataxis", "ccomp"} and verb.head.i < verb.i):
        # "X said nothing"; a trailing attribution ("..., officials said") is a statement too,
        # as CAMEO and the ConfliBERT coders count it
        return None
    # "told reporters": speaking to the press is not a statement *to* the press
    targets = [
        t for d in _children(verb, "dobj", "dative") for t in _conjuncts(d) if t.lemma_.lower() not in _PRESS
    ]
    cameo, rule = STATEMENT, "g.statement"
    for clause in content:
        modal = next((c.lower_ for c in clause.children if c.dep_ == "aux" and c.lower_ in _OBLIGATION), None)
        if modal is not None and _OBLIGATION[modal][0] in lexicon.codes:
            # "X said Y must withdraw": a demand on Y (100); "... should withdraw": an appeal (020)
            addressee = [t for sub in _children(clause, "nsubj") for t in _conjuncts(sub)]
            if addressee:
                (cameo, rule), targets = _OBLIGATION[modal], addressee
            break
        blamed = _blamed(clause)
        if blamed and "112" in lexicon.codes:
            cameo, rule, targets = "112", "g.accuse.responsible", blamed
            break
    return _Frame(
        token=verb,
        cameo=cameo,
        rule=rule,
        sources=tuple(_subject(verb)[0]),
        targets=tuple(targets),
        negated=_negated(verb),
        modality=Modality.ASSERTED,
    )


def _blamed(clause: Any) -> list[Any]:
    """Who a reported clause holds to blame: its subject in "Y was responsible (for the
    attack)", "Y is to blame", "Y was behind the bombing" (not a pronoun, which may be the
    speaker's own claim, nor a denial: "Y was not responsible")."""
    if clause.lemma_ != "be" or _negated(clause):
        return []
    blames = any(
        (c.dep_ == "acomp" and c.lower_ in _BLAME_WORDS)
        or (c.dep_ == "xcomp" and c.lower_ == "blame")
        or (c.dep_ == "prep" and c.lower_ == "behind" and _pobjs(c))
        for c in clause.children
    )
    if not blames:
        return []
    return [t for s in _children(clause, "nsubj") if s.pos_ != "PRON" for t in _conjuncts(s)]


# Light nouns an event noun names by modifying them: "a *mediation* effort between X and
# Y", "a *rescue* mission", "a *peace* initiative".
_LIGHT_NOUNS = frozenset("effort mission bid attempt initiative campaign operation drive".split())


def _counted_phrase(noun: Any) -> Any:
    """The noun that counts ``noun`` ("a new *round* of joint exercises"), which holds its
    place in the clause, else ``noun`` itself."""
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lemma_.lower() in _SERIES_NOUNS:
        return noun.head.head
    return noun


def _performer(noun: Any) -> Any:
    """The verb whose object the event noun is, when the verb performs it ("launched an
    attack", "carried out a series of raids"), else None."""
    phrase = _counted_phrase(noun)
    verb = phrase.head
    if phrase.dep_ == "dobj" and verb.pos_ in {"VERB", "AUX"} and verb.lemma_.lower() in _PERFORM_VERBS:
        return verb
    return None


def _noun_frame(noun: Any, lexicon: Lexicon) -> _Frame | None:
    patterns: tuple[NounPattern, ...] | None = lexicon.nouns.get(noun.lemma_.lower())
    if not patterns:
        return None
    if noun.dep_ == "compound" and noun.head.lemma_.lower() in _LIGHT_NOUNS and noun.head.pos_ == "NOUN":
        noun = noun.head  # the phrase's head carries its prepositions and its place in the clause
    chosen = None
    targets: list[Any] = []
    pair = False
    performer = _performer(noun)
    for p in patterns:
        preps = _prep_children(noun, p.prep) if p.prep else []
        if p.prep and not preps:
            # the parser hangs the phrase on the verb that performs the event: "commenced
            # assaults *on X*", "carried out a series of raids *on X*"
            preps = [q for q in _prep_children(performer, p.prep) if q.i > noun.i] if performer is not None else []
        if p.prep and not preps:
            # or on the object of what the event is for: "a mediation effort to resolve the
            # rift *between X and Y*" (the purpose clause on the noun or on its performer)
            purposes = [c for h in [noun, performer] if h is not None for c in h.children
                        if c.dep_ in {"acl", "advcl"} and c.i > noun.i and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)]
            preps = [q for c in purposes for o in _children(c, "dobj") for q in _prep_children(o, p.prep)]
        if p.prep and not preps:
            continue
        chosen = p
        for prep in preps:
            objs = _pobjs(prep)
            if prep.lower_ == "between" and len(objs) >= 2:
                pair = True
            targets.extend(objs)
        break
    if chosen is None:
        return None
    sources = [c for c in noun.children if c.dep_ == "poss"]
    for agent in _prep_children(noun, frozenset({"by"})):
        sources.extend(_pobjs(agent))
    if not sources:
        # nationality or actor noun inside the phrase: "a Japanese visit", "police raid"
        sources = [c for c in noun.children if c.dep_ in {"amod", "compound"} and (c.ent_type_ in {"NORP", "GPE", "ORG", "PERSON"})]
    phrase = _counted_phrase(noun)  # "began a new round of joint exercises": the round is the object
    if not sources and phrase.dep_ in {"dobj", "pobj"}:
        # only a verb that performs the event lends it its subject: "launched an attack",
        # "held talks", "took part in a protest"; not "prevented the demonstration" or
        # "imposed a curfew after a demonstration"
        verb = phrase.head if phrase.dep_ == "dobj" else phrase.head.head
        if verb.pos_ in {"VERB", "AUX"} and verb.lemma_.lower() in _PERFORM_VERBS and (
            phrase.dep_ == "dobj" or phrase.head.lower_ in {"in", "on", "into"}
        ):
            sources = _subject(verb)[0]
            if _is_passive(verb):
                sources = [o for a in _children(verb, "agent") for o in _pobjs(a)]
    if pair and not sources:
        sources, targets = [targets[0]], targets[1:]
    modality = Modality.ASSERTED
    if any(c.lower_ in _INTENT_ADJ for c in noun.children if c.dep_ in {"amod", "compound"}):
        modality = Modality.INTENDED
    else:
        # the clause the noun sits in: "threatened to launch an offensive in its war with Iraq"
        gov = noun.head
        for _ in range(4):
            if gov.pos_ in {"VERB", "AUX"} or gov.dep_ == "ROOT":
                break
            gov = gov.head
        if gov.pos_ in {"VERB", "AUX"} and gov.i != noun.i:
            modality = _modality(gov)
    return _Frame(
        token=noun,
        cameo=chosen.cameo,
        rule=chosen.id,
        sources=tuple(sources),
        targets=tuple(targets),
        negated=noun.dep_ in {"dobj", "nsubj"} and _negated(noun.head),
        modality=modality,
    )


# CAMEO codes stated intentions under their own roots: a future or pledged meeting is
# "express intent to meet" (036), a future attack a threat (138x).  Most specific first.
INTENT_CODES = {
    "045": "039", "04": "036",
    "057": "030", "05": "032",
    "061": "0311", "062": "0312", "063": "0313", "064": "0314", "06": "031",
    "071": "0331", "072": "0332", "073": "0333", "074": "0334", "07": "033",
    "081": "0351", "082": "0352", "0831": "0341", "0832": "0342", "0833": "0343", "0834": "0344",
    "083": "034", "084": "0353", "085": "0354", "086": "0355", "087": "0356", "08": "035",
    "161": "1313", "162": "1312", "163": "1312", "16": "131",
    "143": "1312", "14": "130",
    "17": "137",
    "18": "1383",
    "191": "1381", "192": "1382", "19": "1384",
    "20": "1385",
}


def intent_code(cameo: str) -> str:
    """The CAMEO "express intent" / "threaten" code for an intended event (else unchanged)."""
    for n in (4, 3, 2):
        if cameo[:n] in INTENT_CODES and len(cameo) >= n:
            return INTENT_CODES[cameo[:n]]
    return cameo


def _conditional(verb: Any) -> bool:
    """An intention made conditional on the other side: "... unless Baghdad accepts"."""
    return any(
        c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
        for c in verb.children
    )


def _frames(sent: Any, lexicon: Lexicon) -> Iterator[_Frame]:
    consumed: set[int] = set()
    verb_frames: list[_Frame] = []
    nouns: list[Any] = []  # event-noun candidates, coded after the verbs
    for tok in sent:
        pos = tok.pos_
        if pos in {"NOUN", "PROPN"}:
            if tok.lemma_.lower() in lexicon.nouns:
                nouns.append(tok)
            continue
        if (pos in {"VERB", "AUX"} or tok.tag_.startswith("VB")) and tok.dep_ in _CLAUSE_DEPS:
            frame = _verb_frame(tok, lexicon)
            if frame is None or frame.cameo == STATEMENT:
                # "declared that China must drop barriers": a lexicon statement row yields
                # to the demand or appeal the reported obligation makes
                said = _statement_frame(tok, lexicon)
                if said is not None and (frame is None or said.rule != "g.statement"):
                    frame = said
            if frame is not None:
                verb_frames.append(frame)
                # The verb's object noun belongs to it ("paid a visit to" is one event).
                objs = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
                consumed.update(c.i for c in objs)
                # and what a count or measure object counts ("held three days of protests")
                consumed.update(o.i for c in objs if c.lemma_.lower() in _MEASURE | _SERIES_NOUNS
                                for p in _prep_children(c, frozenset({"of"})) for o in _pobjs(p))
    fired = {f.token.i for f in verb_frames}
    for frame in verb_frames:
        verb = frame.token
        # "refused to meet": the refusal replaces the meeting; "asked X to support": only the ask.
        if verb.dep_ == "xcomp" and verb.head.i in fired and (verb.head.lemma_ in _REFUSE or _asks(verb.head)):
            continue
        if verb.dep_ == "xcomp" and _asks(verb.head) and verb.head.i not in fired:
            continue
        if _to_clause(verb) and (
            (verb.dep_ == "advcl" and _asks(verb.head))
            or (verb.dep_ in {"acl", "relcl"} and verb.head.dep_ == "dobj" and _asks(verb.head.head))
        ):
            continue  # "demanded a meeting of the Council to discuss X": only asked for
        if verb.dep_ == "ccomp" and verb.head.lemma_ in _REQUEST and verb.head.lemma_ not in _SAY:
            continue  # "demanded that X resign"; but "told reporters that X resigned" reports it
        if verb.dep_ == "xcomp" and verb.head.i in fired and verb.head.lemma_ in _INTEND:
            continue  # "agreed to lift sanctions": the agreement (with its pattern) is the event
        if _purpose_of(frame, fired):
            continue  # "launched operations to detain X": the detention is the event
        if _named_by_noun(frame, lexicon):
            continue  # "launched a mediation effort": the mediation (a noun frame) is the event
        if frame.rule not in _STATEMENT_RULES and _unrealized(verb):
            continue  # "hopes to meet", "may attack", "must withdraw": nothing happened or was promised
        if frame.modality == Modality.INTENDED and not frame.negated:
            code = intent_code(frame.cameo)
            if _conditional(verb) and not code.startswith("13") and THREAT in lexicon.codes:
                code = THREAT  # "will withdraw its force unless X ...": a threat, not a promise
            if code != frame.cameo and code in lexicon.codes:
                frame = replace(frame, cameo=code)
        elif frame.modality == Modality.INTENDED and frame.negated:
            # "will not lift the embargo", "would never meet": a stated refusal (events/senses.py)
            code = refusal_code(frame.cameo)
            if code is not None and code in lexicon.codes:
                frame = replace(frame, cameo=code, negated=False, modality=Modality.ASSERTED)
        yield _conventions(_as_patient(frame))
    for tok in nouns:
        if tok.i not in consumed:
            frame = _noun_frame(tok, lexicon)
            if frame is not None:
                gov = _noun_governor(tok)
                if gov is not None and (_unrealized(gov) or gov.lemma_.lower() in _PREVENT):
                    continue  # "wants talks with X", "may launch an attack", "to prevent a war"
                if frame.modality == Modality.INTENDED and not frame.negated:
                    code = intent_code(frame.cameo)
                    if code in lexicon.codes:
                        frame = replace(frame, cameo=code)
                yield _conventions(frame)


def _noun_governor(noun: Any) -> Any:
    """The verb whose clause an event noun sits in ("held *talks*", "wants *talks*")."""
    gov = noun.head
    for _ in range(4):
        if gov.pos_ in {"VERB", "AUX"} or gov.head is gov:
            break
        gov = gov.head
    return gov if gov.pos_ in {"VERB", "AUX"} and gov.i != noun.i else None


def _by_agents(verb: Any) -> list[Any]:
    return [o for c in verb.children if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by") for o in _pobjs(c)]


def _as_patient(frame: _Frame) -> _Frame:
    """Victims and passives: the sufferer is the target, the doer (a ``by`` phrase) the
    source, and a doer that is not said (or names no actor) stays empty.

    "soldiers *killed* in Iraq" (a participle on its noun), "1 soldier killed in Iraq"
    (a headline, parsed as an active verb with no object), "X was arrested".
    """
    verb = frame.token
    if verb.pos_ not in {"VERB", "AUX"}:
        return frame
    if _is_passive(verb):
        return replace(frame, patient=True)
    if verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in {"NOUN", "PROPN"}:
        patients = _conjuncts(verb.head)  # "three civilians wounded by shelling"
    elif (
        verb.lemma_.lower() in _PATIENT_VERBS
        and verb.tag_ in {"VBD", "VBN"}
        and verb.dep_ in {"ROOT", "conj", "ccomp", "parataxis"}
        and not _children(verb, "dobj", "xcomp", "ccomp", "aux")
        and _children(verb, "nsubj")
        and not any(c.dep_ == "conj" and _children(c, "dobj") for c in verb.children)  # "killed and wounded dozens"
    ):
        patients = [t for s in _children(verb, "nsubj") for t in _conjuncts(s)]
    else:
        return frame
    agents = _by_agents(verb)
    return replace(
        frame, sources=tuple(agents), targets=tuple(patients), direct=(), fallback=(), pair=False,
        agentless=not agents, patient=True,
    )


def _is_symmetric(frame: _Frame) -> bool:
    tok = frame.token
    lemma = tok.lemma_.lower()
    if frame.cameo[:2] == "12" and lemma == "fail":
        # "X and Y failed to reach an agreement (to agree, to meet)": a failure of both
        return any(
            c.dep_ == "xcomp" and (c.lemma_.lower() in _SYMMETRIC_VERBS | {"agree"} or any(
                o.lemma_.lower() in _SYMMETRIC_NOUNS for o in _children(c, "dobj")))
            for c in tok.children
        )
    if frame.cameo[:2] not in _SYMMETRIC_ROOTS:
        return False
    if tok.pos_ in {"NOUN", "PROPN"}:  # "talks with X", "clashes between X and Y"
        return lemma in _SYMMETRIC_NOUNS and bool(_prep_children(tok, _WITH))
    if lemma in _SYMMETRIC_VERBS:
        return True
    # "held talks with", "reached an agreement with", "signed a treaty with"; not "attended
    # a meeting of ASEAN" (a meeting of many is not a two-sided event with its host)
    return any(
        c.lemma_.lower() in _SYMMETRIC_NOUNS and (_prep_children(c, _WITH) or _prep_children(tok, _WITH))
        for c in tok.children
        if c.dep_ == "dobj"
    )


def _conventions(frame: _Frame) -> _Frame:
    """The speaker of a reported event and the symmetric flag (``docs/coding-rules.md``)."""
    token = frame.token
    clause = token if token.pos_ in {"VERB", "AUX"} else (_noun_governor(token) or token)
    speaker = () if frame.rule in _STATEMENT_RULES else _speaker(clause)
    modality = frame.modality
    if speaker and modality == Modality.ASSERTED:
        modality = Modality.REPORTED  # "according to X, Y attacked Z"
    return replace(frame, speaker=speaker, modality=modality, symmetric=_is_symmetric(frame))


# ---------------------------------------------------------------------------- assembly
class _SentenceView:
    """A sentence Span whose ``.ents`` and ``.text`` are computed once (the date and place
    resolvers ask for them for every event; spaCy rebuilds both on each access)."""

    __slots__ = ("span", "ents", "doc", "start", "end", "start_char", "end_char", "_text")

    def __init__(self, span: Any) -> None:
        self.span = span
        self.ents = sentence_entities(span)
        # the bounds every rule asks for, as plain attributes (not through __getattr__)
        self.doc, self.start, self.end = span.doc, span.start, span.end
        self.start_char, self.end_char = span.start_char, span.end_char
        self._text: str | None = None

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self.span.text  # spaCy joins the tokens again on each access
        return self._text

    def __getattr__(self, name: str) -> Any:
        return getattr(self.span, name)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.span)

    def __len__(self) -> int:
        return len(self.span)

    def __getitem__(self, i: Any) -> Any:
        return self.span[i]


def _span_of(token: Any) -> tuple[int, int]:
    left = min((t.idx for t in token.subtree if t.dep_ in {"compound", "amod", "nmod", "poss", "det"} or t.i == token.i), default=token.idx)
    if token.ent_type_:
        # the whole named entity
        doc = token.doc
        s = token.i
        while s > 0 and doc[s].ent_iob_ == "I":
            s -= 1
        left = min(left, doc[s].idx)
    right = token.idx + len(token.text)
    for a in token.children:
        # "his Iranian counterpart, Mostafa Najjar", "Jotyar Adil, the KRG's spokesperson":
        # an apposition names the same actor, so its words are the actor's phrase too
        if a.dep_ == "appos" and a.pos_ in {"PROPN", "NOUN"} and a.i > token.i:
            right = max(right, _span_of(a)[1])
    return (left, right)


def _actor_span(token: Any, actor: Actor | None) -> tuple[int, int]:
    """The characters that name the actor: its phrase, or for a pronoun whose referent the
    same sentence names ("Farc said it will release ..."), the referent's words."""
    if actor is not None and actor.text and token.pos_ == "PRON" and actor.text != token.text:
        sent = token.sent  # searched in the sentence's text: Doc.text is rebuilt on each call
        at = sent.text.rfind(actor.text, 0, token.idx - sent.start_char)
        if at >= 0:
            return (sent.start_char + at, sent.start_char + at + len(actor.text))
    span = _span_of(token)
    if actor is not None and actor.text != token.text and actor.text.endswith(token.text):
        # one side of coordinated owners: "UK and *EU negotiators*" (a coordinator among
        # the words left out)
        sent = token.sent
        at = sent.text.rfind(actor.text, 0, span[1] - sent.start_char)
        at = sent.start_char + at if at >= 0 else at
        left_out = [t for t in token.doc[token.i].subtree if span[0] <= t.idx < at]
        if at >= 0 and at + len(actor.text) == span[1] and any(t.dep_ == "cc" for t in left_out):
            return (at, span[1])
    return span


def _anchor(article: Article) -> dt.date | None:
    if not article.published:
        return None
    try:
        return dt.date.fromisoformat(article.published[:10])
    except ValueError:
        return None


def _date_for(sent: Any, token: Any, anchor: dt.date | None, modality: str) -> tuple[str | None, str]:
    intended = modality == Modality.INTENDED
    # a date after the article's is only an intended event's
    resolved = resolve_event_date(sent, token, anchor, "future" if intended else None, future=intended)
    return resolved.value, resolved.precision


def _purposes(verb: Any) -> list[Any]:
    """The clauses that say what a verb commits to or is for: its infinitive complement
    ("agreed *to set up* ..."), and an infinitive purpose clause ("gave money *to
    promote* ...")."""
    return [
        c for c in verb.children if c.pos_ == "VERB" and (
            c.dep_ == "xcomp" or (c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children))
        )
    ]


def _place_for(sent: Any, token: Any, article: Article, gazetteer: Any, target: Actor | None, context: list[str]) -> Place | None:
    if gazetteer is None:
        return None
    return resolve_event_place(
        sent, token, article, gazetteer,
        target_country=target.country if target else None,
        doc=sent.doc, context_countries=context,
    )


def _place_country(gazetteer: Any) -> Any:
    """A place name -> the one country all its gazetteer entries lie in (None when the
    name is unknown or places in several countries bear it): the country of an event the
    sentence places in a city or province ("police in Mombasa" -> KEN)."""
    return None if gazetteer is None else functools.partial(_gazetteer_country, gazetteer)


@functools.lru_cache(maxsize=8192)  # shared by the documents coded with one gazetteer
def _gazetteer_country(gazetteer: Any, name: str) -> str | None:
    entries, _ = gazetteer.lookup(name)
    by_country: dict[str, int] = {}
    for e in entries:
        if e.country:
            by_country[e.country] = max(by_country.get(e.country, 0), e.population or 0)
    if len(by_country) == 1:
        return next(iter(by_country))
    ranked = sorted(by_country.items(), key=lambda kv: -kv[1])
    # a namesake village elsewhere does not hide a city ("Kandahar" is Afghan)
    if len(ranked) > 1 and ranked[0][1] >= 10 * max(ranked[1][1], 1):
        return ranked[0][0]
    return None


def code_doc(doc: Any, article: Article, resources: Any, *, coder: str) -> list[Event]:
    """All events of one parsed article."""
    doc = repair_doc(doc)  # known parse errors of the small model (events/repairs.py)
    lexicon: Lexicon = resources.lexicon
    anchor = _anchor(article)
    found = find_dateline(article.text)
    dateline = article.dateline or (found[0] if found else None)
    resolver = ActorResolver(
        resources.actors, anchor, dateline=dateline, skip_before=found[1] if found else 0,
        place_country=_place_country(resources.gazetteer),
    )
    events: dict[str, Event] = {}
    scorer = _scorer_of(resources)
    for index, sent in enumerate(doc.sents):
        resolver.observe(sent)
        view = None
        frames: Iterable[_Frame] = _frames(sent, lexicon)
        if scorer is not None:  # the learned scorer (issue 16): rerank and fill
            frames = _scored_frames(list(frames), sent, lexicon, resolver, scorer, resources.settings)
        for frame in frames:
            view = view or _SentenceView(sent)
            for event in _events(frame, view, index, article, resources, resolver, anchor, coder, events):
                events.setdefault(event.event_id, event)
    return list(events.values())


# Nouns of what someone said: their ``by`` phrase names the speaker, who is not what an
# investigation looks into ("investigating a complaint *by* a mother").
_SAID_NOUNS = frozenset("complaint allegation claim accusation report charge statement testimony tip".split())


def _by_agent(noun: Any, *, speaker: bool = True) -> list[Any]:
    """Who a thing is by: "a motion *by Mubarak*", "an offer made *by the Taliban*",
    "the missiles fired *by the army*" (a ``by`` phrase on the noun or on its participle);
    ``speaker=False``: not the speaker of a thing said."""
    out: list[Any] = []
    for c in noun.children:
        if c.dep_ == "prep" and c.lower_ == "by" and (speaker or noun.lemma_.lower() not in _SAID_NOUNS):
            out.extend(_pobjs(c))
        elif c.dep_ == "acl" and c.tag_ == "VBN":
            for a in c.children:
                if a.dep_ == "agent":
                    out.extend(_pobjs(a))
    return out


# Nouns of those who act for their owner: "Trump's campaign filed a lawsuit", "the
# president's office condemned ...", "the minister's aide said".
_SPEAKS_FOR_OWNER = frozenset("office campaign aide team camp".split())


# Places and buildings that are named after a person: "the *Kennedy* airport", "the
# *Rafik Hariri* hospital", "the *Marshal Fahim* academy" (the person owns none of them).
_FACILITY_NOUNS = frozenset(
    "airport airbase academy university college school institute hospital clinic mosque church "
    "cathedral temple synagogue shrine stadium bridge dam street avenue road boulevard highway "
    "square park station port harbour harbor centre center hall museum library tunnel mine "
    "prison jail camp building tower palace district province village town city".split()
)


def _named_after(noun: Any, mod: Any, actors: list[Actor]) -> bool:
    """A person's name as a compound of a place or building is the place's name."""
    return all(a.kind == "person" for a in actors) and (
        noun.lemma_.lower() in _FACILITY_NOUNS or mod.ent_type_ == "FAC" or noun.ent_type_ == "FAC"
    )


def _owner_of(
    resolver: ActorResolver, noun: Any, *, subject: bool, phrases: bool = True, speaker: bool = True
) -> list[tuple[Actor, Any]]:
    """The actor behind a thing that names none: an object's owner ("rejected *Japan's*
    proposal", "support *ASEAN* efforts", "conceded to the demands *of the truck
    drivers*") or maker ("rejected a motion *by Mubarak*"); a subject's maker only ("a
    car bombing *by the Islamic State* killed ...": the members *of* a group are not it
    when they speak).  Of the words before the noun, the nearest that names an actor is
    its owner ("Israel's *militia* ally" is a militia)."""
    found: list[tuple[Actor, Any]] = []
    if not subject or noun.lemma_.lower() in _SPEAKS_FOR_OWNER:
        mods = [m for m in noun.children if m.dep_ in {"poss", "compound"} and m.pos_ in {"PROPN", "PRON", "NOUN"}]
        if subject:
            mods = [m for m in mods if m.dep_ == "poss" and m.pos_ != "PRON"]
        mods.sort(key=lambda m: noun.i - m.i)
        for k, mod in enumerate(mods):
            if hit := resolver.resolve(mod):
                if mod.dep_ == "compound" and _named_after(noun, mod, hit):
                    continue  # "the Kennedy airport", "the al-Rawdah mosque": a namesake, not an owner
                if mod.dep_ == "poss" and mod.pos_ == "PRON" and noun.lemma_.lower() in _GIVEN_NOUNS:
                    continue  # "reneged on his commitment": the subject's own, not another's
                # a sector without a country takes the country a farther word names
                # ("Syria's army units": SYRMIL)
                states = [
                    a for m in mods[k + 1 :] for a in resolver.resolve(m)
                    if a.kind == "state" and a.country and not a.role
                ]
                if states:
                    c = states[0].country
                    hit = [
                        replace(a, code=c + a.code, country=c, country_source="text")
                        if a.country is None and a.role and a.code == a.role else a
                        for a in hit
                    ]
                found.extend((a, mod) for a in hit)
                break
    if not phrases:
        return found
    heads = [] if subject else [o for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for o in _pobjs(c)]
    for head in heads + _by_agent(noun, speaker=speaker):
        hit = resolver.resolve(head, subject=subject)
        if not hit and head.pos_ == "NOUN":
            # one step further: "the appeal of lawyers of Todoric", "an offer by members of X"
            hit = [a for a, _ in _owner_of(resolver, head, subject=subject, speaker=speaker)]
        found.extend((a, head) for a in hit)
    return found


# Prepositions whose object may be what an act is aimed at ("conceded *to* the demands of
# X", "support *for* the plan of Y"); not where or when it happened ("signed a pact *at* a
# meeting of their ministers").
_AIMED_PREPS = frozenset("to on against with for toward towards into over from".split())


def _argument_of(tok: Any, head: Any) -> bool:
    """Whether ``tok`` is the verb's (or event noun's) own object or the object of one of
    its aiming prepositions, not a word deeper in a phrase ("stopped work ... over a law
    *by X*") nor the noun the verb itself describes ("an event *hosted* by X")."""
    if head.dep_ in {"acl", "relcl"} and tok.i == head.head.i:
        return False
    if tok.head.i == head.i:
        return tok.dep_ in {"dobj", "dative", "nsubjpass", "attr", "oprd"}
    return tok.head.dep_ == "prep" and tok.head.lower_ in _AIMED_PREPS and tok.head.head.i == head.i


def _resolve_all(
    resolver: ActorResolver, tokens: Iterable[Any], *, subject: bool, owners: bool = True, verb: Any = None,
    cameo: str = "",
) -> list[tuple[Actor, Any]]:
    """The actors the words name; ``owners``: a thing's ``of``/``by`` phrases may name the
    actor behind it, except the noun ``verb`` describes ("an allegation by X that Y *had
    taken* the town" is not by X's doing) and, for an investigation (``cameo`` 09), the
    speaker of a thing said."""
    out: list[tuple[Actor, Any]] = []
    for tok in tokens:
        found = [(a, tok) for a in resolver.resolve(tok, subject=subject)]
        if not found and tok.pos_ == "NOUN":
            described = verb is not None and verb.dep_ in {"acl", "relcl"} and tok.i == verb.head.i
            found = _owner_of(
                resolver, tok, subject=subject, phrases=owners and not described, speaker=not cameo.startswith("09")
            )
        for actor, where in found:
            if not any(a.code == actor.code and (a.name == actor.name) for a, _ in out):
                out.append((actor, where))
    return out


def _named_sides(frame: _Frame, resolver: ActorResolver) -> tuple[list[tuple[Actor, Any]], list[tuple[Actor, Any]]]:
    """The frame's resolved sources, and its targets from the direct object, else the
    pattern's targets (the fallback candidates are the caller's).  A person or body no
    dictionary knows ("convicted Siemens", "arrested John Roe in Nairobi") is the target
    when the object or the pattern's target names one and nothing else resolves there
    (it has the name and a blank code, as GDELT's unknown actors; not for statements:
    "told AFP")."""
    sources = _resolve_all(resolver, frame.sources, subject=True, verb=frame.token, cameo=frame.cameo)
    targets = []
    unknown = frame.rule not in _STATEMENT_RULES
    for tokens in (frame.direct, frame.targets):
        targets = _resolve_all(resolver, tokens, subject=False, verb=frame.token, cameo=frame.cameo)
        if not targets and unknown:
            targets = _unknown_party(resolver, tokens)
        if targets:
            break
    return sources, targets


def _events(
    frame: _Frame, sent: Any, index: int, article: Article, resources: Any,
    resolver: ActorResolver, anchor: dt.date | None, coder: str, earlier: dict[str, Event],
) -> Iterator[Event]:
    settings: CodingSettings = getattr(resources, "settings", None) or CodingSettings()
    sources, targets = _named_sides(frame, resolver)
    statement = frame.rule in _STATEMENT_RULES
    if not targets and frame.fallback:
        # the first candidate that names an actor, with what is coordinated with it
        # (an actor of known country or organization beats a bare sector: in "mobilized
        # troops near Taiwan" the troops are the source's own)
        for known in (True, False):
            for i, tok in enumerate(frame.fallback):
                near = _argument_of(tok, frame.token)
                hit = _resolve_all(resolver, [tok], subject=False, owners=near, cameo=frame.cameo)
                if hit and (not known or any(a.country or a.kind == "organization" for a, _ in hit)):
                    group = [tok] + [t for t in frame.fallback[i + 1 :] if t.dep_ == "conj" and t.head.i == tok.i]
                    targets = _resolve_all(resolver, group, subject=False, owners=near, cameo=frame.cameo)
                    break
            if targets:
                break
    if targets and sources and (frame.cameo[:2] in _OWN_OBJECT_ROOTS or frame.cameo[:3] == "033") and all(
        tok is not None and tok.dep_ == "dobj" and tok.lemma_.lower() in TROOP_NOUNS and tok.head.i == frame.token.i
        for _, tok in targets
    ):
        # "contributed troops to the UN force in Haiti", "pledged to send troops" (033x):
        # the troops are the source's own, whatever country the place lends them (not
        # captives: "will release the UN peacekeepers")
        targets = _destination(frame.token, resolver) or []
    if targets and sources and all(_moved_forces(a, tok) for a, tok in targets):
        # "refused to send peacekeepers to Iraq", "withdrew 200 peacekeepers from Liberia":
        # the source's own forces are what it moves; where they go or leave is the target
        targets = _destination(frame.token, resolver)
    if targets and all(
        tok is not None and tok.lemma_.lower() in _MISSION_NOUNS
        and (frame.cameo in _PEACEKEEPING or any(c.lower_ in PEACEKEEPING_WORDS for c in tok.children if c.dep_ in _MOD_DEPS))
        for _, tok in targets
    ):
        # "contributed troops to the UN force in Mali": peacekeeping protects where it serves
        # (the parser may hang "in X" on the verb: "contributed troops to the force in Haiti")
        served = [(w, p) for h in [*(tok for _, tok in targets), frame.token] for q in _prep_children(h, frozenset({"in"}))
                  for p in _pobjs(q)
                  if (w := resolver.place(p)) is not None or (w := next(iter(resolver.resolve(p)), None)) is not None]
        if served:
            targets = served[:1]
    if not targets and sources:
        # "took over Kirkuk", "imposed a curfew on Basra": a place the act is aimed at
        # stands for its country (not a venue: "met in Geneva")
        for tok in [*frame.direct, *frame.targets, *frame.fallback]:
            if _argument_of(tok, frame.token) and (where := resolver.place(tok)) is not None:
                targets = [(where, tok)]
                break
    if sources and frame.cameo[:2] == "14" and all(
        s is not None and _same_actor(s, t) for s, _ in sources for t, _ in targets
    ):  # no target, or only the protesters' own ("to show *their* disapproval")
        # "blocked roads to press their demands on the government", "went on strike in
        # protest at the government's decision", "in defiance of Chinese authorities":
        # whom a protest is aimed at, when the verb names no one
        for tok in _protest_aims(frame.token):
            hit = _resolve_all(resolver, [tok], subject=False, owners=True, cameo=frame.cameo)
            if hit:
                targets = hit
                break
    if not targets and sources and frame.cameo[:2] in _ABOUT_ROOTS and not _two_sided(frame, sources):
        # "criticised human rights violations *in Zimbabwe*", "investigated abuses at a
        # prison in Iraq": where what is judged happened names the one judged (not where the
        # judging happens: "condemned the attack in a speech in Geneva" is a venue)
        for obj in [*frame.direct, *frame.targets, *_children(frame.token, "dobj")]:
            where = _place_inside(obj, resolver)
            if where is not None:
                targets = [where]
                break
    if frame.reply and not targets and sources:
        # the latest earlier event aimed at this source names the other party
        me = sources[0][0]
        for prior in reversed(earlier.values()):
            if prior.target is not None and prior.target.code == me.code and prior.target.name == me.name:
                targets = [(prior.source, None)]
                break
    if len(sources) >= 2 and targets and (
        all(tok is not None and _the_two(tok) for _, tok in targets) or frame.token.lemma_.lower() in _RECIPROCAL
        or (_two_sided(frame, sources) and all(tok is not None and _topic(tok) for _, tok in targets))
    ):
        # "X and Y signed agreements between the two countries", "X and Y will exchange
        # ambassadors", "X and Y signed a deal on Somalia" (what it is about is no party):
        # the sources act on each other
        targets = []
    if statement:
        # "told reporters", "told the BBC": speaking through the press, not to it
        targets = [(t, tok) for t, tok in targets if t.role not in _MEDIA_ROLES]
    if len(sources) >= 2 and frame.cameo[:2] == "15" and _exercise(frame.token) and "062" in resources.lexicon.codes:
        # "French and Egyptian warships launched war games": exercises held together are
        # military cooperation between them (062), as "held exercises with X" is
        frame = replace(frame, cameo="062")
        targets = []  # where they train ("near Iranian waters") is no party
    paired = _two_sided(frame, sources)
    if not targets and sources and not paired and frame.cameo[:2] in _PLACE_TARGET_ROOTS and resources.gazetteer is not None:
        # (two sources of a two-sided act are each other's target: "India and Pakistan
        # agreed to a ceasefire in Kashmir", below)
        # "lifted the curfew in Montenegro", "demonstrated in Kirkuk": with no other target,
        # the country where it happens is the one acted upon
        context = [a.country for s in resolver.history[-20:] if (a := s.actor).country]
        # the verb's own place, else the place of what it agrees, gives or pledges to do
        # ("agreed to set up a company in Berlin", "gave 5 million euros to promote
        # investment in Ethiopia")
        for head in [frame.token, *_purposes(frame.token)]:
            where = _place_for(sent, head, article, resources.gazetteer, None, context)
            if where is not None and where.source == "sentence" and where.country:
                targets = [(Actor(text=where.name, code=where.country, country=where.country, name=where.canonical, kind="state"), None)]
                break
    if not targets and not statement:
        # last, a fallback candidate naming a person or body no dictionary knows (see
        # _named_sides), then a proper noun the NER left unlabelled ("found Barbarin
        # guilty").  Only as a target: an unknown doer ("Peter Edelman, who resigned from
        # the administration") is more often a bystander of the story than its actor
        targets = _unknown_party(resolver, frame.fallback) or _unknown_party(
            resolver, [*frame.direct, *frame.targets, *frame.fallback], untagged=True
        )
    if not sources and not statement and targets and any(t.code for t, _ in targets):
        # the verb's own subject, a person or body no dictionary knows, against a known
        # target ("Haaretz accused the court"); not a subject it shares with another
        # clause ("Peter Edelman, who resigned ...", "boycotted the courts to protest")
        sources = _unknown_party(resolver, [t for t in frame.sources if t.dep_ == "nsubj" and t.head.i == frame.token.i])
    if frame.pair and not sources and len(targets) >= 2:
        sources, targets = targets[:1], targets[1:]
    # the speaker of a reported event: resolved before the event may be dropped, so that
    # coreference sees every mention in reading order
    speakers = _resolve_all(resolver, frame.speaker, subject=True) if frame.speaker else []
    if not sources:
        if not ((frame.agentless or frame.patient) and any(t.code for t, _ in targets) and frame.cameo[:2] in _UNKNOWN_DOER_ROOTS):
            return  # (an event of no known party at all is none: "a gallery was robbed")
        if _place_history(frame.token):
            return  # "in Serbia, where 24 people were killed in riots last March": the place's past
        # "two journalists were abducted", "1 soldier killed": who did it is not said; the
        # event is kept with no source (never the victims' own side), as event datasets do
        sources = [(None, None)]
    symmetric = frame.symmetric
    if not targets and (frame.cameo[:2] in _SYMMETRIC_ROOTS or symmetric) and (len(sources) == 2 or (symmetric and len(sources) > 2)):
        # "the two leaders met", "X and Y agreed", "X, Y and Z met": a two-sided event
        # between them (three or more only with a two-sided verb: "X, Y and Z agreed to
        # lift a ban on W" is about W)
        pairs = [(a, b) for a in sources for b in sources if a is not b]
        symmetric = True
    else:
        pairs = [(s, t) for s in sources for t in (targets or [(None, None)])]
        if symmetric and targets:
            # "X met Y", "X held talks with Y", "X clashed with Y": both directions
            pairs += [(t, s) for s, t in list(pairs) if s[0] is not None]
        else:
            symmetric = False  # one side only: nothing to mirror
    # the sense the actors decide (events/senses.py): killing civilians is 180, not 190;
    # a court's charge is 173, not 112; an air strike 195, not a labour strike
    cameo, sense = code_sense(frame.cameo, frame.token, [s for s, _ in sources], [t for t, _ in targets])
    if sense is not None and frame.modality == Modality.INTENDED and not frame.negated:
        cameo = intent_code(cameo)
    frame = replace(frame, cameo=cameo) if cameo != frame.cameo and cameo in resources.lexicon.codes else frame
    info = resources.lexicon.code(frame.cameo)
    token = frame.token
    if targets and all(s is not None and _same_actor(s, t) for s, _ in sources for t, _ in targets):
        # "Ethiopia withdrew its troops": the only target is the source itself
        pairs = [(s, (None, None)) for s in sources]
        symmetric = False
    reported_by = speakers[0][0] if speakers else None
    plover = Plover(event_type=info.plover_type, mode=info.plover_mode) if info.plover_type else None
    if (split := plover_sense(frame.cameo, token)) is not None:
        plover = Plover(event_type=split[0], mode=split[1])  # "charged X with fraud": ACCUSE, not COERCE
    seen: set[tuple[Any, Any]] = set()
    for (source, stoken), (target, ttoken) in pairs:
        if target is not None and source is not None and _same_actor(source, target):
            continue
        if _home_visit(frame.cameo, source, target, ttoken):
            continue
        if target is None and not (settings.statements or frame.cameo[:2] in _ALONE_ROOTS):
            # an event needs both sides, unless CAMEO/PLOVER count it alone (protest, force
            # posture); target-less statements and attributions only with ``statements``
            continue
        key = (_actor_key(source), _actor_key(target))
        if key in seen:
            continue
        seen.add(key)
        if len(seen) == 1:  # the first event of the frame: what all its events share
            date, precision = _date_for(sent, token, anchor, frame.modality)
            context = [a.country for s in resolver.history[-20:] if (a := s.actor).country]
            sentence = sent.text.strip()
            start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        place = _place_for(sent, token, article, resources.gazetteer, target, context)
        yield Event(
            event_id=make_event_id(
                article.doc_id, index, source.code if source else None, target.code if target else None, frame.cameo
            ),
            doc_id=article.doc_id,
            sentence_index=index,
            sentence=sentence,
            span=(start, start + len(sentence)),
            date=date,
            date_precision=str(precision),
            source=source,
            target=target,
            cameo=frame.cameo,
            cameo_root=frame.cameo[:2],
            quad_class=info.quad_class,
            goldstein=info.goldstein,
            plover=plover,
            negated=frame.negated,
            modality=str(frame.modality),
            location=place,
            evidence=Evidence(
                verb=token.text,
                verb_span=(token.idx, token.idx + len(token.text)),
                source_span=_actor_span(stoken, source) if stoken is not None else None,
                target_span=_actor_span(ttoken, target) if ttoken is not None else None,
                rule=frame.rule,
                confidence=frame.confidence,
            ),
            coder=coder,
            reported_by=reported_by,
            symmetric=symmetric and target is not None and source is not None,
        )


# Travel: making, hosting or meeting on a visit.
_VISIT_CODES = frozenset({"042", "043", "044"})


def _home_visit(cameo: str, source: Actor | None, target: Actor | None, where: Any) -> bool:
    """A trip at home is not a visit between actors: "lawmakers return to Washington",
    "the president arrived in Harare's stadium" (a place of the source's own country,
    standing for it by name, as the target of 042-044)."""
    return (
        cameo[:3] in _VISIT_CODES and source is not None and target is not None and where is not None
        and source.country is not None and target.country == source.country
        and target.role in {None, "GOV"} and target.kind == "state"
        and (where.ent_type_ in {"GPE", "LOC", "FAC"} or where.pos_ == "PROPN")
    )


def _two_sided(frame: _Frame, sources: list[Any]) -> bool:
    """Two sources of a two-sided act, each other's target ("India and Pakistan agreed to a
    ceasefire in Kashmir"); force is two-sided only when the verb says so ("the army and
    allied fighters hit positions in X" are allies)."""
    return len(sources) >= 2 and (frame.symmetric or (frame.cameo[:2] in _SYMMETRIC_ROOTS and frame.cameo[:2] != "19"))


# Heads of names of structures and places, which are never parties ("the Esfahan Uranium
# Conversion Facilities", "the Central Methodist Church"): the facilities above but the
# institutions, which may act ("the ... Institute", "the ... University").
_INSTITUTION_NOUNS = frozenset("academy university college school institute hospital clinic centre center library".split())
_STRUCTURE_NOUNS = (_FACILITY_NOUNS - _INSTITUTION_NOUNS) | frozenset(
    "facility facilities quarters plant complex compound base hotel market".split()
)


# Verbs whose object event is kept from happening: "to prevent a war between X and Y"
_PREVENT = frozenset("prevent avert avoid forestall".split())
_TOPIC_PREPS = frozenset("on over about regarding concerning".split())


def _topic(tok: Any) -> bool:
    """The word is what an act is about: the object of "on", "over", "about" ("a deal *on
    Somalia*", "talks *over the Irish border*")."""
    return tok.dep_ == "pobj" and tok.head.lower_ in _TOPIC_PREPS


def _place_history(verb: Any) -> bool:
    """The verb is in a relative clause that tells what happened at a place or in an
    event named before ("Montenegro, *where* 28 people have been killed this year", "air
    raids *in which* 20 people were killed"): background to what the sentence reports."""
    if verb.dep_ != "relcl":
        return False
    return any(
        (c.dep_ == "advmod" and c.lower_ == "where")
        or (c.dep_ == "prep" and c.lower_ in {"in", "during"} and any(o.lower_ == "which" for o in c.children))
        for c in verb.children
    )


def _unknown_party(resolver: ActorResolver, tokens: Iterable[Any], *, untagged: bool = False) -> list[tuple[Actor, Any]]:
    """The first of the words that names a person or body no dictionary knows, as an
    actor with a blank code (ActorResolver.unknown), or []."""
    for tok in tokens:
        if tok.lemma_.lower() in _STRUCTURE_NOUNS or tok.lower_ in _STRUCTURE_NOUNS:
            continue  # "attacked the Plateau State Staff Quarters": a place, not a party
        if (actor := resolver.unknown(tok, untagged=untagged)) is not None:
            return [(actor, tok)]
    return []


def _same_actor(source: Actor, target: Actor) -> bool:
    """An actor does not act on itself: the same name, or the same code where the code
    names no sector ("Australia lent Indonesia $1 billion to aid the country's recovery"
    misread as AUS -> AUS; "the UN chief reaffirmed the UN's commitment"). Two sectors of a
    state (``IRQGOV`` -> ``IRQCOP``) or two people of one sector (``USAGOV`` -> ``USAGOV``: a
    president firing a minister), or a people and its state, are two actors."""
    if target.text == source.text and target.country == source.country:
        return True  # one mention read twice: "inmates freed by Kabul" (the capital's GOV, and the city)
    if target.code != source.code:
        return False
    if target.name == source.name:
        return True
    if target.text[:1].isupper():
        return False  # a place of the country by its own name: "Kenya lifted the curfew in Mombasa"
    # people of a country ("Iraqi Kurds" -> IRQ) are not its state
    return source.role is None and target.role is None and "group" not in {source.kind, target.kind}


def _actor_key(actor: Actor | None) -> tuple[str, str | None] | None:
    return None if actor is None else (actor.code, actor.name)


# ---------------------------------------------------------------------------- learned scorer
# Issue 16 (docs/scorer.md): hooks for an EventScorer beside the lexicon, active only with
# CodingSettings(rerank=True) or (fill=True).  They collect, per sentence, the candidates
# that have a resolved source and target -- verbs where several patterns with different
# roots fit (rerank), clause verbs no pattern codes (fill) -- score them in one batch and
# return the frames with the chosen codes; everything after (conventions, actors, dates,
# places) is the grammar's as usual.
def _scorer_of(resources: Any) -> EventScorer | None:
    settings: CodingSettings = getattr(resources, "settings", None) or CodingSettings()
    if not settings.learned:
        return None
    scorer = getattr(resources, "scorer", None)
    if scorer is None:
        from ..errors import ConfigError

        raise ConfigError(
            "rerank/fill are set but the resources carry no scorer; load them with "
            "eventcoder.pipeline.load_resources(settings=...) or pass scorer=..."
        )
    return scorer


def _alternatives(frame: _Frame, lexicon: Lexicon) -> dict[str, str]:
    """{code: rule id} of every verb pattern that fits the frame's verb, one per root, the
    frame's own first; codes transformed as the frame's was (intent)."""
    verb = frame.token
    patterns = lexicon.verbs.get(verb.lemma_.lower()) if verb.pos_ in {"VERB", "AUX"} or verb.tag_.startswith("VB") else None
    if not patterns or frame.rule in _STATEMENT_RULES:
        return {}
    found, rest = [], patterns
    while rest:
        hit = _match_verb(verb, rest)
        if hit is None:
            break
        found.append(hit[0])
        rest = rest[rest.index(hit[0]) + 1 :]
    if not found or found[0].id != frame.rule:
        return {}
    if frame.cameo == found[0].cameo:
        convert = lambda code: code  # noqa: E731
    elif frame.cameo == intent_code(found[0].cameo):
        convert = intent_code
    else:  # a code the grammar chose for another reason (a conditional threat)
        return {}
    out: dict[str, str] = {}
    roots: set[str] = set()
    for p in found:
        if p.blocks:  # a block row: the lexicon says no event; never a code to choose
            continue
        code = convert(p.cameo)
        if code[:2] not in roots and (code in lexicon.codes or code[:3] in lexicon.codes):
            roots.add(code[:2])
            out[code] = p.id
    return out


def _unfired(sent: Any, frames: list[_Frame], lexicon: Lexicon) -> Iterator[_Frame]:
    """Clause verbs that no pattern codes and whose subject and object (or prepositional
    object) are there, as frames without a code yet (fill candidates)."""
    taken = {f.token.i for f in frames}
    for tok in sent:
        if tok.i in taken or not (tok.pos_ == "VERB" or tok.tag_.startswith("VB")) or tok.dep_ not in _CLAUSE_DEPS:
            continue
        lemma = tok.lemma_.lower()
        if lemma in {"be", "have", "do", "get", "become", "seem"}:
            continue
        if lemma in _SAY or lemma in _SPEAKING_VERBS or lemma in _WISH or lemma in _REQUEST | _REFUSE | _INTEND:
            continue
        head = tok.head
        if tok.dep_ in {"xcomp", "ccomp"} and (head.i in taken or head.lemma_ in _REQUEST | _REFUSE | _INTEND):
            continue  # "agreed to lift ...", "asked X to ...": the governing verb is the event
        patterns = lexicon.verbs.get(lemma)
        if (patterns and _match_verb(tok, patterns) is not None) or _unrealized(tok):
            continue  # a pattern fits (or a block row: no event), the grammar dropped it on purpose, or nothing happened
        passive = _is_passive(tok)
        if passive:
            sources = [o for a in _children(tok, "agent") for o in _pobjs(a)]
            direct = _children(tok, "nsubjpass")
        else:
            sources = _subject(tok)[0]
            direct = _children(tok, "dobj")
        targets = [t for d in direct for t in _conjuncts(d)]
        targets += [t for d in _children(tok, "dative") for t in (_pobjs(d) if d.pos_ == "ADP" else _conjuncts(d))]
        # tried in order when those name no actor: "signed a deal *with Y*", "faulted *Y's*
        # decision" (through the object's possessor), "met *with Y*"
        fallback = [c for d in direct for c in d.children if c.dep_ == "poss"]
        for host in [tok, *direct]:
            for prep in _prep_children(host, _TARGET_PREPS):
                fallback.extend(_pobjs(prep))
        if not sources or not (targets or fallback):
            continue
        yield _Frame(
            token=tok, cameo="", rule="", sources=tuple(sources), targets=tuple(targets),
            negated=_negated(tok), modality=_modality(tok), fallback=tuple(t for t in fallback if t not in targets),
        )


def _first_pair(frame: _Frame, resolver: ActorResolver) -> tuple[Actor, Any, Actor, Any] | None:
    """The frame's first resolved source and a resolved target that is another actor."""
    sources, targets = _named_sides(frame, resolver)
    if not targets:
        for tok in frame.fallback:
            near = _argument_of(tok, frame.token)
            targets = _resolve_all(resolver, [tok], subject=False, owners=near, cameo=frame.cameo)
            if targets:
                break
    if frame.pair and not sources and len(targets) >= 2:
        sources, targets = targets[:1], targets[1:]
    if not sources:
        return None
    source, stoken = sources[0]
    for target, ttoken in targets:
        if (target.code, target.name) != (source.code, source.name):
            return source, stoken, target, ttoken
    return None


def _scored_frames(
    frames: list[_Frame], sent: Any, lexicon: Lexicon, resolver: ActorResolver, scorer: EventScorer,
    settings: CodingSettings,
) -> list[_Frame]:
    """The sentence's frames with the scorer's codes: reranked, then filled ones appended."""
    jobs: list[tuple[int | None, _Frame, dict[str, str]]] = []
    candidates: list[Candidate] = []

    def add(slot: int | None, frame: _Frame, alternatives: dict[str, str]) -> None:
        pair = _first_pair(frame, resolver)
        if pair is None:
            return
        source, stoken, target, ttoken = pair
        if stoken is None or ttoken is None:
            return
        candidates.append(Candidate(
            verb=frame.token, source=stoken, target=ttoken, source_actor=source, target_actor=target,
            codes=tuple(alternatives), negated=frame.negated, modality=str(frame.modality),
            source_span=_span_of(stoken), target_span=_span_of(ttoken),
        ))
        jobs.append((slot, frame, alternatives))

    if settings.rerank:
        # a scorer that learns (evaluate/scorer_data.py) also sees the frames one pattern coded
        every = getattr(scorer, "observe_all", False)
        for i, frame in enumerate(frames):
            alternatives = _alternatives(frame, lexicon)
            if len(alternatives) > 1 or (every and alternatives):
                add(i, frame, alternatives)
    if settings.fill:
        for frame in _unfired(sent, frames, lexicon):
            add(None, frame, {})
    if not candidates:
        return frames
    out = list(frames)
    threshold = scorer.threshold if settings.fill_threshold is None else settings.fill_threshold
    for (slot, frame, alternatives), scores in zip(jobs, scorer.score(candidates), strict=True):
        if slot is not None:
            code, p = choose_code(tuple(alternatives), scores)
            rule = frame.rule if code == frame.cameo else f"{scorer.rule}:{alternatives[code]}"
            out[slot] = _conventions(replace(frame, cameo=code, rule=rule, confidence=round(p, 4)))
            continue
        chosen = fill_code(scores, threshold, lexicon.codes)
        if chosen is not None:
            code, p = chosen
            out.append(_conventions(replace(frame, cameo=code, rule=scorer.rule, confidence=round(p, 4))))
    return out
