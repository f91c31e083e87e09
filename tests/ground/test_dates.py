"""Event dates: expressions resolved against the article date, and picked per verb."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventcoder.errors import ConfigError
from eventcoder.ground.dates import (
    ResolvedDate,
    extract_date_expressions,
    resolve_date_text,
    resolve_event_date,
    tense_of,
)

THU = dt.date(2022, 9, 29)  # a Thursday: the anchor of most cases below
ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


# --- resolve_date_text: every expression kind -------------------------------------------


@pytest.mark.parametrize(
    ("expression", "tense", "value", "precision"),
    [
        ("on September 28", "past", "2022-09-28", "day"),
        ("September 28th", "past", "2022-09-28", "day"),
        ("the 28th of September", "past", "2022-09-28", "day"),
        ("Sept. 28", "past", "2022-09-28", "day"),
        ("Wednesday, September 28", "past", "2022-09-28", "day"),
        ("on March 14", "past", "2022-03-14", "day"),
        ("in March", "past", "2022-03", "month"),
        ("back in March", "present", "2022-03", "month"),
        ("early March", "past", "2022-03", "month"),
        ("mid-March", "past", "2022-03", "month"),
        ("upcoming November", "future", "2022-11", "month"),
        ("November", "future", "2022-11", "month"),
        ("in May", "past", "2022-05", "month"),
        ("next month", "future", "2022-10", "month"),
        ("last month", "past", "2022-08", "month"),
        ("earlier this month", "past", "2022-09", "month"),
        ("later this month", "future", "2022-09", "month"),
        ("this month", "present", "2022-09", "month"),
        ("last week", "past", "2022-09", "month"),
        ("on Tuesday", "past", "2022-09-27", "day"),
        ("Tuesday night", "past", "2022-09-27", "day"),
        ("next Monday", "future", "2022-10-03", "day"),
        ("last Thursday", "past", "2022-09-22", "day"),
        ("yesterday", "past", "2022-09-28", "day"),
        ("last night", "past", "2022-09-28", "day"),
        ("today", "past", "2022-09-29", "day"),
        ("this morning", "present", "2022-09-29", "day"),
        ("tomorrow", "future", "2022-09-30", "day"),
        ("the day before yesterday", "past", "2022-09-27", "day"),
        ("two days ago", "past", "2022-09-27", "day"),
        ("3 days ago", "past", "2022-09-26", "day"),
        ("in two days", "future", "2022-10-01", "day"),
        ("four months ago", "past", "2022-05", "month"),
        ("two years ago", "past", "2020", "year"),
        ("in 2019", "past", "2019", "year"),
        ("mid-2021", "past", "2021", "year"),
        ("last year", "past", "2021", "year"),
        ("late last year", "past", "2021", "year"),
        ("next year", "future", "2023", "year"),
        ("this year", "present", "2022", "year"),
        ("earlier this year", "past", "2022", "year"),
        ("March 14, 2021", "past", "2021-03-14", "day"),
        ("14 March 2021", "future", "2021-03-14", "day"),
        ("2021-03-14", "present", "2021-03-14", "day"),
        ("March 2021", "past", "2021-03", "month"),
        ("in March of 2021", "past", "2021-03", "month"),
        ("Tuesday's", "past", "2022-09-27", "day"),
    ],
)
def test_resolve_date_text_expression_kinds(expression, tense, value, precision):
    resolved = resolve_date_text(expression, THU, tense)
    assert resolved is not None
    assert (resolved.value, resolved.precision) == (value, precision)
    assert resolved.text == expression


@pytest.mark.parametrize(
    ("expression", "anchor", "tense", "value"),
    [
        # a month after the anchor in a past sentence: the year before
        ("in December", dt.date(2022, 3, 10), "past", "2021-12"),
        ("in December", dt.date(2022, 3, 10), "present", "2022-12"),
        ("in December", dt.date(2022, 3, 10), "future", "2022-12"),
        # a month before the anchor in a future sentence: the year after
        ("in March", dt.date(2022, 11, 20), "future", "2023-03"),
        ("in March", dt.date(2022, 11, 20), "past", "2022-03"),
        ("in November", dt.date(2022, 11, 20), "future", "2022-11"),
        ("in November", dt.date(2022, 11, 20), "past", "2022-11"),
        ("on December 30", dt.date(2023, 1, 2), "past", "2022-12-30"),
        ("on January 3", dt.date(2022, 12, 30), "future", "2023-01-03"),
        ("on January 3", dt.date(2022, 12, 30), "present", "2022-01-03"),
        ("last March", dt.date(2022, 3, 15), "past", "2021-03"),
        ("last March", dt.date(2022, 9, 15), "past", "2022-03"),
        ("next March", dt.date(2022, 3, 15), "future", "2023-03"),
        ("upcoming March", dt.date(2022, 3, 15), "future", "2022-03"),
        ("on February 29", dt.date(2024, 3, 1), "past", "2024-02-29"),
        ("on February 28", dt.date(2023, 3, 1), "past", "2023-02-28"),
        # a weekday written with the date picks the year whose date falls on it
        ("Wed. Dec. 1", dt.date(2004, 11, 25), "present", "2004-12-01"),
        ("Monday, January 3", dt.date(2022, 12, 30), "past", "2022-01-03"),
        ("Tuesday, January 3", dt.date(2022, 12, 30), "future", "2023-01-03"),
    ],
)
def test_resolve_date_text_tense_moves_the_year(expression, anchor, tense, value):
    resolved = resolve_date_text(expression, anchor, tense)
    assert resolved is not None and resolved.value == value


@pytest.mark.parametrize(
    ("expression", "tense", "value"),
    [
        ("on Tuesday", "past", "2022-09-27"),
        ("on Tuesday", "future", "2022-10-04"),
        ("on Tuesday", "present", "2022-09-27"),  # 2 days back is nearer than 5 ahead
        ("on Saturday", "present", "2022-10-01"),  # 2 days ahead is nearer than 5 back
        ("on Thursday", "past", "2022-09-29"),  # the anchor's own weekday: that day
        ("on Thursday", "future", "2022-09-29"),
        ("last Thursday", "past", "2022-09-22"),
        ("next Thursday", "future", "2022-10-06"),
        ("on Friday", "past", "2022-09-23"),
        ("on Friday", "future", "2022-09-30"),
    ],
)
def test_resolve_date_text_weekdays(expression, tense, value):
    resolved = resolve_date_text(expression, THU, tense)
    assert resolved is not None
    assert (resolved.value, resolved.precision) == (value, "day")


@pytest.mark.parametrize(
    ("expression", "anchor", "tense", "value", "precision"),
    [
        # Mon 2022-09-19 .. Sun 09-25: one month -> month precision
        ("last week", THU, "past", "2022-09", "month"),
        # Mon 2022-08-29 .. Sun 09-04 crosses a month -> its Monday, day precision
        ("last week", dt.date(2022, 9, 7), "past", "2022-08-29", "day"),
        # this week, cut at the anchor in a past sentence: Mon 09-26 .. Thu 09-29
        ("this week", THU, "past", "2022-09", "month"),
        # ... and from the anchor in a future one: Thu 09-29 .. Sun 10-02
        ("this week", THU, "future", "2022-09-29", "day"),
        ("next week", THU, "future", "2022-10", "month"),
        ("the past week", THU, "past", "2022-09", "month"),
        ("two weeks ago", THU, "past", "2022-09", "month"),
        # Sat 2022-04-30 .. Sun 05-01 crosses a month
        ("over the weekend", dt.date(2022, 5, 2), "past", "2022-04-30", "day"),
        ("over the weekend", dt.date(2022, 10, 3), "past", "2022-10", "month"),
        ("over the weekend", dt.date(2022, 9, 26), "past", "2022-09", "month"),
        ("next weekend", THU, "future", "2022-10", "month"),
    ],
)
def test_resolve_date_text_weeks(expression, anchor, tense, value, precision):
    resolved = resolve_date_text(expression, anchor, tense)
    assert resolved is not None
    assert (resolved.value, resolved.precision) == (value, precision)


@pytest.mark.parametrize(
    ("expression", "anchor", "tense"),
    [
        ("hello world", THU, "past"),
        ("", THU, "past"),
        ("may", THU, "past"),  # the modal verb, not the month
        ("February 30", THU, "past"),
        ("March 32", THU, "past"),
        ("31 September", THU, "past"),
        ("the 1990s", THU, "past"),
        ("a two-day", THU, "past"),
        ("next month", THU, "past"),  # a past event cannot happen next month
        ("upcoming November", THU, "past"),
        ("tomorrow", THU, "past"),
        ("last week", THU, "future"),
        ("two days ago", THU, "future"),
        ("this March", dt.date(2022, 1, 10), "past"),  # this year's March is still ahead
        ("Wed. Dec. 1", dt.date(2004, 11, 25), "past"),  # only 2004's Dec. 1 is a Wednesday
        ("in March", None, "past"),  # relative: needs the anchor
        ("yesterday", None, "past"),
        ("99999999 days ago", THU, "past"),
    ],
)
def test_resolve_date_text_returns_none(expression, anchor, tense):
    assert resolve_date_text(expression, anchor, tense) is None


@pytest.mark.parametrize(
    ("expression", "value"),
    [("March 14, 2021", "2021-03-14"), ("in 2019", "2019"), ("May 2020", "2020-05")],
)
def test_resolve_date_text_absolute_needs_no_anchor(expression, value):
    resolved = resolve_date_text(expression, None, "past")
    assert resolved is not None and resolved.value == value


def test_resolve_date_text_rejects_unknown_tense():
    with pytest.raises(ConfigError, match="tense"):
        resolve_date_text("in March", THU, "pluperfect")


# --- extract_date_expressions -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The envoys talked in Hanoi on September 28 about fishing.", ["on September 28"]),
        ("She praised his upcoming November trip.", ["upcoming November"]),
        ("The frigate docked back in March and left last week.", ["back in March", "last week"]),
        ("Rebels shelled the base two days ago, the army said on Monday.",
         ["two days ago", "on Monday"]),
        ("The accord, signed 14 March 2021, expires in 2026.", ["14 March 2021", "in 2026"]),
        ("Talks resume next month; the vote was on 2021-03-14.", ["next month", "on 2021-03-14"]),
        ("Yesterday the minister resigned.", ["Yesterday"]),
        ("Officials may march to the palace.", []),  # lower-case names are not dates
        ("May the talks succeed.", []),
        ("The deal was struck late last year.", ["late last year"]),
        ("Protests grew over the weekend.", ["over the weekend"]),
    ],
)  # fmt: skip
def test_extract_date_expressions_finds_expressions(text, expected):
    found = extract_date_expressions(text)
    assert [expr for _, _, expr in found] == expected
    assert all(text[start:end] == expr for start, end, expr in found)


# --- properties ---------------------------------------------------------------------------

_WORDS = (
    "on in at back last next this past coming upcoming earlier later early late mid the "
    "of ago from now day days week weeks month months year years weekend today yesterday "
    "tomorrow night morning March May may September Tuesday Sunday 1 14 28 31 2019 2021 "
    "0 9999 two a , . - 's"
).split()
_TENSES = st.sampled_from(["past", "present", "future"])
_ANCHORS = st.dates(min_value=dt.date(1001, 1, 1), max_value=dt.date(2998, 12, 31))
_date_like = st.lists(st.sampled_from(_WORDS), max_size=6).map(" ".join)

_RELATIVE = st.one_of(
    st.builds(
        "{} {}".format,
        st.sampled_from(["", "last", "next", "this", "past", "coming", "upcoming",
                         "earlier this", "later this", "this past", "back in", "in", "on"]),
        st.sampled_from(["week", "month", "year", "weekend", "March", "December",
                         "Monday", "Sunday", "Thursday", "January 1", "December 31",
                         "February 29", "today", "yesterday", "tomorrow"]),
    ),
    st.builds(
        "{} {} {}".format,
        st.integers(0, 60),
        st.sampled_from(["days", "weeks", "months", "years"]),
        st.sampled_from(["ago", "from now"]),
    ),
)  # fmt: skip


def _first_day(value: str) -> dt.date:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def _last_day(value: str) -> dt.date:
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return dt.date(*parts)
    if len(parts) == 2:
        year, month = parts
        following = dt.date(year + month // 12, month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return dt.date(parts[0], 12, 31)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=40), _date_like), _ANCHORS | st.none(), _TENSES)
def test_resolve_date_text_never_raises(expression, anchor, tense):
    resolved = resolve_date_text(expression, anchor, tense)
    if resolved is not None:
        assert isinstance(resolved, ResolvedDate)
        assert resolved.value is not None and ISO.fullmatch(resolved.value)
        assert resolved.precision in ("day", "month", "year")


@settings(max_examples=300, deadline=None)
@given(_RELATIVE, _ANCHORS)
def test_resolve_date_text_past_never_after_anchor(expression, anchor):
    resolved = resolve_date_text(expression, anchor, "past")
    if resolved is not None:
        assert _first_day(resolved.value) <= anchor


@settings(max_examples=300, deadline=None)
@given(_RELATIVE, _ANCHORS)
def test_resolve_date_text_future_never_before_anchor(expression, anchor):
    resolved = resolve_date_text(expression, anchor, "future")
    if resolved is not None:
        assert _last_day(resolved.value) >= anchor


@settings(max_examples=200, deadline=None)
@given(
    st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(2999, 12, 31)),
    _ANCHORS | st.none(),
    _TENSES,
)
def test_resolve_date_text_iso_round_trips(day, anchor, tense):
    month_name = day.strftime("%B")
    for written in (
        day.isoformat(),
        f"{month_name} {day.day}, {day.year}",
        f"{day.day} {month_name} {day.year}",
        f"on {month_name} {day.day} {day.year}",
    ):
        resolved = resolve_date_text(written, anchor, tense)
        assert resolved is not None and resolved.value == day.isoformat(), written
        assert resolved.precision == "day"
    month = resolve_date_text(f"{month_name} {day.year}", anchor, tense)
    assert month is not None and month.value == day.isoformat()[:7]
    year = resolve_date_text(f"in {day.year}", anchor, tense)
    assert year is not None and year.value == f"{day.year:04d}"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.text(max_size=8), st.sampled_from(_WORDS)), max_size=12))
def test_extract_date_expressions_spans_match_text(words):
    text = " ".join(words)
    leap = dt.date(2024, 3, 1)  # so that "February 29" has a place too
    for start, end, expression in extract_date_expressions(text):
        assert text[start:end] == expression
        assert any(resolve_date_text(expression, leap, t) for t in ("past", "future"))


# --- with the spaCy model: the date that belongs to a verb --------------------------------


def _sentence_and_verb(nlp, text, verb_text):
    doc = nlp(text)
    verb = next(t for t in doc if t.text == verb_text)
    return verb.sent, verb


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "verb", "value", "precision", "expression"),
    [
        ("The envoy met the king at a banquet for the delegates, held in Osaka on "
         "September 28.", "met", "2022-09-28", "day", "on September 28"),
        ("The navy frigate anchored in the bay back in March.", "anchored", "2022-03",
         "month", "back in March"),
        ("The minister said her upcoming November trip to Laos would boost trade.",
         "trip", "2022-11", "month", "upcoming November"),
        ("The minister said her upcoming November trip to Laos would boost trade.",
         "boost", "2022-11", "month", "upcoming November"),
        ("The premier is to visit Seoul next month.", "visit", "2022-10", "month",
         "next month"),
        ("The delegation is going to meet the mayor on Tuesday.", "meet", "2022-10-04",
         "day", "on Tuesday"),
        ("Police detained six activists last week and charged them on Tuesday.",
         "detained", "2022-09", "month", "last week"),
        ("Police detained six activists last week and charged them on Tuesday.",
         "charged", "2022-09-27", "day", "on Tuesday"),
        ("Militants shelled the village two days ago, the governor said on Monday.",
         "shelled", "2022-09-27", "day", "two days ago"),
        ("Militants shelled the village two days ago, the governor said on Monday.",
         "said", "2022-09-26", "day", "on Monday"),
        ("The trade minister plans to travel to Manila in March.", "travel", "2023-03",
         "month", "in March"),
        ("The two governments signed the treaty on March 14, 2021.", "signed",
         "2021-03-14", "day", "on March 14, 2021"),
        ("Voters rejected the charter in 2019.", "rejected", "2019", "year", "in 2019"),
        ("The council condemned the raid yesterday.", "condemned", "2022-09-28", "day",
         "yesterday"),
        ("The ministers will hold talks in Jakarta next year.", "hold", "2023", "year",
         "next year"),
        ("The army withdrew its troops earlier this month.", "withdrew", "2022-09",
         "month", "earlier this month"),
    ],
)  # fmt: skip
def test_resolve_event_date_picks_the_verbs_date(nlp, text, verb, value, precision, expression):
    sentence, token = _sentence_and_verb(nlp, text, verb)
    resolved = resolve_event_date(sentence, token, THU)
    assert (resolved.value, resolved.precision, resolved.text) == (value, precision, expression)
    start, end = resolved.span
    assert sentence.text[start:end] == expression


@pytest.mark.model
def test_resolve_event_date_skips_a_date_of_a_clause_in_another_tense(nlp):
    text = ("The king welcomed the envoy and invited him to open the fair, to be held in "
            "Phnom Penh in November.")  # fmt: skip
    sentence, invited = _sentence_and_verb(nlp, text, "invited")
    resolved = resolve_event_date(sentence, invited, THU)
    assert (resolved.value, resolved.precision) == ("2022-09-29", "article")
    _, open_ = _sentence_and_verb(nlp, text, "open")
    assert resolve_event_date(sentence, open_, THU).value == "2022-11"


@pytest.mark.model
@pytest.mark.parametrize(("anchor", "value"), [(THU, "2022-09-29"), (None, None)])
def test_resolve_event_date_falls_back_to_the_article(nlp, anchor, value):
    sentence, verb = _sentence_and_verb(nlp, "The two leaders signed a trade pact.", "signed")
    resolved = resolve_event_date(sentence, verb, anchor)
    assert resolved == ResolvedDate(value=value, precision="article")


@pytest.mark.model
def test_resolve_event_date_given_tense_overrides(nlp):
    sentence, verb = _sentence_and_verb(nlp, "The rebels attacked the port in December.",
                                        "attacked")  # fmt: skip
    anchor = dt.date(2022, 3, 10)
    assert resolve_event_date(sentence, verb, anchor).value == "2021-12"
    assert resolve_event_date(sentence, verb, anchor, tense="future").value == "2022-12"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "verb", "tense"),
    [
        ("The ministers met in Hanoi.", "met", "past"),
        ("The ministers have met twice.", "met", "past"),
        ("The ministers did not meet.", "meet", "past"),
        ("The envoy was expelled.", "expelled", "past"),
        ("The ministers will meet in Hanoi.", "meet", "future"),
        ("The ministers would meet again, he said.", "meet", "future"),
        ("The president plans to visit Kenya.", "visit", "future"),
        ("The president is going to visit Kenya.", "visit", "future"),
        ("The president is to visit Kenya.", "visit", "future"),
        ("The ministers will meet and sign the pact.", "sign", "future"),
        ("The police arrested and charged the men.", "charged", "past"),
        ("The ministers meet in Hanoi.", "meet", "present"),
        ("The army is shelling the town.", "shelling", "present"),
        ("The general said his planned visit was cancelled.", "visit", "future"),
    ],
)
def test_tense_of_verbs(nlp, text, verb, tense):
    _, token = _sentence_and_verb(nlp, text, verb)
    assert tense_of(token) == tense


@pytest.mark.model
def test_resolve_event_date_ignores_the_date_of_a_gerund_clause(nlp):
    text = "The premier thanked the navy for rescuing the sailors back in March."
    sentence, thanked = _sentence_and_verb(nlp, text, "thanked")
    assert resolve_event_date(sentence, thanked, THU).precision == "article"
    _, rescuing = _sentence_and_verb(nlp, text, "rescuing")
    assert resolve_event_date(sentence, rescuing, THU).value == "2022-03"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "verb_text"),
    [
        ("It is the first visit by a Chilean leader in 21 years.", "is"),
        ("Bolivia suffered its worst flooding in three decades.", "suffered"),
    ],
)
def test_resolve_event_date_span_after_superlative_is_not_a_date(nlp, text, verb_text):
    sentence, verb = _sentence_and_verb(nlp, text, verb_text)
    resolved = resolve_event_date(sentence, verb, THU)
    assert resolved.precision == "article"


@pytest.mark.model
def test_resolve_event_date_in_n_weeks_still_dates_a_future_event(nlp):
    sentence, verb = _sentence_and_verb(nlp, "The talks will resume in two weeks.", "resume")
    assert resolve_event_date(sentence, verb, THU).value is not None
    assert resolve_event_date(sentence, verb, THU).precision != "article"


# --- the action's date, not another one in the sentence (issue 13) -----------------------


@pytest.mark.model
@pytest.mark.issue(13)
@pytest.mark.parametrize(
    ("text", "verb", "anchor", "value", "precision"),
    [
        # a time of day is not a year
        ("The rebels seized the radio station by 2:15 (0915 GMT).", "seized",
         dt.date(2006, 4, 3), "2006-04-03", "article"),
        ("Guards opened the gates at 1430 hours on Friday.", "opened",
         dt.date(2006, 4, 3), "2006-03-31", "day"),
        # a count is not a year
        ("The agency surveyed 1412 households across the province.", "surveyed",
         dt.date(2007, 2, 1), "2007-02-01", "article"),
        # a budget period, and the year of a thing inside the object
        ("The cabinet set aside ten million dollars for 2009/2010.", "set",
         dt.date(2008, 11, 5), "2008-11-05", "article"),
        ("The assembly passed the 2010 budget on Monday.", "passed",
         dt.date(2009, 12, 17), "2009-12-14", "day"),
        # the setting of the act dates it
        ("The envoys met at the 2004 summit in Hanoi.", "met",
         dt.date(2006, 1, 9), "2004", "year"),
        # "since": a state that still holds at the article date
        ("The militia has held the pass since 1998.", "held",
         dt.date(2006, 1, 9), "2006-01-09", "article"),
        ("Nobody has visited the island since the 1991 eruption.", "visited",
         dt.date(2006, 1, 9), "2006-01-09", "article"),
        # an anniversary dates the remembered occasion, not the act
        ("Veterans laid wreaths on the anniversary of the 1953 armistice.", "laid",
         dt.date(2003, 7, 27), "2003-07-27", "article"),
        # a decade has no precision of ours
        ("The party governed the region during the 1970s.", "governed",
         dt.date(2003, 7, 27), "2003-07-27", "article"),
        # a clause with its own actors has its own date; a "since" clause starts a state
        ("The minister praised the judge, whom the rebels had freed in 1999.", "praised",
         dt.date(2006, 1, 9), "2006-01-09", "article"),
        ("Fighters have shelled the city since the siege began in 2001.", "shelled",
         dt.date(2006, 1, 9), "2006-01-09", "article"),
        ("The envoys met at the summit, which was held in Lima in 2004.", "met",
         dt.date(2006, 1, 9), "2004", "year"),
        # a range is dated by its start
        ("The two kingdoms fought from 1701 to 1714.", "fought",
         dt.date(2003, 7, 27), "1701", "year"),
        ("Inspectors toured the plants between March and May 2002.", "toured",
         dt.date(2003, 7, 27), "2002-03", "month"),
    ],
)  # fmt: skip
def test_resolve_event_date_is_the_actions(nlp, text, verb, anchor, value, precision):
    sentence, token = _sentence_and_verb(nlp, text, verb)
    resolved = resolve_event_date(sentence, token, anchor)
    assert (resolved.value, resolved.precision) == (value, precision)


@pytest.mark.model
@pytest.mark.issue(13)
def test_resolve_event_date_after_the_article_only_when_intended(nlp):
    sentence, verb = _sentence_and_verb(nlp, "The ministers sign the accord in 2011.", "sign")
    anchor = dt.date(2010, 6, 1)
    assert resolve_event_date(sentence, verb, anchor).value == "2011"
    done = resolve_event_date(sentence, verb, anchor, future=False)
    assert (done.value, done.precision) == ("2010-06-01", "article")
