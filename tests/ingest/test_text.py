"""Scraped plain text: title, byline, outlet, dates, datelines, captions and junk."""

from __future__ import annotations

import pytest

from eventcoder.ingest import ReadSettings, read_text
from eventcoder.ingest.text import clean_body, extract_dateline, extract_parts
from eventcoder.model import Article, Skipped, SkipReason

WIRE = """Ministers agree grain corridor extension after late talks

By Maria Lopez and Tom Becker

Global Wire Service

Updated March 3, 2023 10:15 GMT

WASHINGTON (Reuters) - Trade ministers from four countries agreed on Friday to extend a grain corridor through the Black Sea for another six months, officials said.

The agreement followed two days of talks in the capital.

"We have found common ground," the Turkish minister told reporters.

Share this article

Read more: Grain prices fall on the news

Follow us on Twitter
"""

BANGKOK = """Thai court orders recount in northern province

Somchai Prasert

Somchai Prasert

Bangkok Daily Herald

Election officials count ballots at a polling station in Chiang Mai (centre) on Sunday. AFP

Bangkok, March 3 — The Constitutional Court on Tuesday ordered a recount of votes in one northern constituency after complaints from two parties.

The ruling party welcomed the decision.

Advertisement

Opposition leaders said they would accept the result.

© 2023 Bangkok Daily Herald. All rights reserved.
"""

KYIV = """KYIV: Ukraine's foreign minister held talks with his Polish counterpart on Monday about border crossings for lorries.

The two men spoke by telephone, the ministry said in a statement.
"""


def test_read_text_seed_file(shared_dir):
    text = (shared_dir / "seed/phnom-penh-post-2022-09-29.txt").read_text(encoding="utf-8")
    article = read_text(text, source_path="seed.txt")
    assert isinstance(article, Article)
    assert article.title == "Japan’s Kishida set for second Cambodia visit to bolster ties"
    assert article.byline == ("Ry Sochan",)
    assert article.publisher == "The Phnom Penh Post"
    assert article.published == "2022-09-29"
    assert article.dateline == "Phnom Penh"
    assert len(article.captions) == 1 and "(left)" in article.captions[0]
    assert article.text.startswith("Japanese Prime Minister Fumio Kishida said")
    assert article.text.endswith("under the UN umbrella.")
    assert "scroll to top" not in article.text
    assert "PHNOM PENH" not in article.text
    assert "(left)" not in article.text
    assert "Ry Sochan" not in article.text
    assert "\n\n" in article.text
    assert article.warnings == ()
    assert article.language == "en"


def test_read_text_wire_story_with_agency_dateline():
    article = read_text(WIRE)
    assert isinstance(article, Article)
    assert article.title == "Ministers agree grain corridor extension after late talks"
    assert article.byline == ("Maria Lopez", "Tom Becker")
    assert article.publisher == "Global Wire Service"
    assert article.published == "2023-03-03"
    assert article.dateline == "Washington"
    assert article.text.startswith("Trade ministers from four countries agreed")
    for junk in ("Share this", "Read more", "Follow us"):
        assert junk not in article.text
    assert article.text.endswith("the Turkish minister told reporters.")


def test_read_text_repeated_byline_caption_and_mixed_case_dateline():
    article = read_text(BANGKOK)
    assert isinstance(article, Article)
    assert article.byline == ("Somchai Prasert",)
    assert article.publisher == "Bangkok Daily Herald"
    assert article.dateline == "Bangkok"
    assert article.captions and article.captions[0].startswith("Election officials count ballots")
    assert article.text.startswith("The Constitutional Court on Tuesday")
    assert "Advertisement" not in article.text
    assert "All rights reserved" not in article.text
    assert "Opposition leaders said" in article.text


def test_read_text_body_only_with_colon_dateline():
    article = read_text(KYIV)
    assert isinstance(article, Article)
    assert article.dateline == "Kyiv"
    assert article.title is None
    assert article.text.startswith("Ukraine's foreign minister held talks")


@pytest.mark.parametrize(
    ("paragraph", "place", "rest_start"),
    [
        ("PHNOM PENH – The prime minister left for Tokyo today.", "Phnom Penh", "The prime"),
        ("WASHINGTON (Reuters) - The Senate voted on the bill.", "Washington", "The Senate"),
        ("LONDON, March 3 (AFP) -- Police arrested two men overnight.", "London", "Police"),
        ("Bangkok, March 3 — The court ruled against the party.", "Bangkok", "The court"),
        ("KYIV: Air raid sirens sounded across the city.", "Kyiv", "Air raid"),
        ("NEW YORK, NY — Shares rose sharply on Monday morning.", "New York, NY", "Shares"),
        ("WASHINGTON, D.C. – Lawmakers returned from recess on Tuesday.", "Washington, D.C.", "Lawmakers"),
        ("Kyiv (AP) — Drones struck a power station in the east.", "Kyiv", "Drones"),
    ],
)
def test_extract_dateline_forms(paragraph, place, rest_start):
    found, rest = extract_dateline(paragraph)
    assert found == place
    assert rest.startswith(rest_start)


@pytest.mark.parametrize(
    "paragraph",
    [
        "The minister said talks would resume - but gave no date.",
        "However, the talks failed on Monday after a long night.",
        "UPDATE: The vote has been postponed until next week.",
        "US-China talks resumed in Geneva on Monday morning.",
        "Prices rose 3% in March.",
    ],
)
def test_extract_dateline_leaves_ordinary_sentences(paragraph):
    assert extract_dateline(paragraph) == (None, paragraph)


def test_read_text_keep_standfirst_setting():
    text = (
        "Leaders meet in Jakarta for regional summit\n\n"
        "The two-day meeting is expected to focus on maritime disputes and trade.\n\n"
        "By Dewi Lestari\n\n"
        "May 10, 2023\n\n"
        "JAKARTA – Leaders from ten countries arrived in the Indonesian capital on Wednesday for talks.\n\n"
        "Security was tight around the venue.\n"
    )
    default = read_text(text)
    kept = read_text(text, settings=ReadSettings(keep_standfirst=True))
    assert isinstance(default, Article) and isinstance(kept, Article)
    assert default.text.startswith("Leaders from ten countries")
    assert kept.text.startswith("The two-day meeting is expected")
    assert default.byline == ("Dewi Lestari",)
    assert default.published == "2023-05-10"


def test_read_text_given_values_win():
    article = read_text(WIRE, doc_id="abc", published="2020-01-02T05:00:00Z")
    assert isinstance(article, Article)
    assert article.doc_id == "abc"
    assert article.published == "2020-01-02"


def test_read_text_doc_id_is_text_hash_when_absent():
    first, second = read_text(KYIV), read_text(KYIV)
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.doc_id == second.doc_id
    assert first.doc_id != read_text(WIRE).doc_id


def test_read_text_joins_hard_wrapped_paragraphs():
    text = (
        "Officials in the capital said on Thursday that the new budget would\n"
        "raise spending on schools and hospitals by a tenth over the next\n"
        "two years, while cutting subsidies for fuel and electricity.\n"
        "    The opposition said the plan relied on optimistic forecasts of\n"
        "growth and would have to be revised before the end of the year.\n"
    )
    article = read_text(text)
    assert isinstance(article, Article)
    paragraphs = article.text.split("\n\n")
    assert len(paragraphs) == 2
    assert paragraphs[0].startswith("Officials") and "would raise spending" in paragraphs[0]


@pytest.mark.parametrize(
    ("text", "reason"),
    [("", SkipReason.EMPTY), ("   \n\n  ", SkipReason.EMPTY), ("abc\x00\x01\x02def" * 10, SkipReason.BINARY)],
)
def test_read_text_skips(text, reason):
    result = read_text(text)
    assert isinstance(result, Skipped)
    assert result.reason == reason


def test_read_text_too_large():
    result = read_text("The minister spoke. " * 100, settings=ReadSettings(max_bytes=100))
    assert isinstance(result, Skipped) and result.reason == SkipReason.TOO_LARGE


def test_read_text_not_english_and_any_language():
    german = (
        "Die Bundesregierung hat am Dienstag beschlossen, die Hilfen für die Landwirtschaft zu erhöhen. "
        "Der Minister sagte, die Entscheidung sei notwendig gewesen, weil die Preise stark gestiegen seien."
    )
    skipped = read_text(german)
    assert isinstance(skipped, Skipped) and skipped.reason == SkipReason.NOT_ENGLISH
    kept = read_text(german, settings=ReadSettings(languages=()))
    assert isinstance(kept, Article) and kept.language == "de"


def test_clean_body_drops_junk_and_cuts_dateline():
    body, dateline = clean_body("PARIS - The president spoke to farmers on Monday.\n\nRead more\n\nHe promised new aid.")
    assert dateline == "Paris"
    assert body == "The president spoke to farmers on Monday.\n\nHe promised new aid."


def test_extract_parts_unknown_header_lines_are_reported():
    parts = extract_parts("Talks collapse\n\nBy Ann Lee\n\n12 June 2021\n\nThe talks collapsed on Friday after a long week.")
    assert parts.title == "Talks collapse"
    assert parts.byline == ("Ann Lee",)
    assert parts.published == "2021-06-12"
    assert parts.body == ("The talks collapsed on Friday after a long week.",)


def test_read_text_name_list_byline_and_unpunctuated_standfirst():
    text = (
        "Leaders agree to reopen hotline\n\n"
        "Meeting on the sidelines of a regional summit ends a long freeze\n\n"
        "Jane Smith in Washington and Wei Lin in Beijing\n\n"
        "Thu 16 Nov 2023 07.02 GMT\n\n"
        "Share on Facebook\n\n"
        "The two presidents agreed on Wednesday to reopen a military hotline, officials said.\n\n"
        "Topics: Diplomacy\n"
    )
    article = read_text(text)
    assert isinstance(article, Article)
    assert article.byline == ("Jane Smith", "Wei Lin")
    assert article.published == "2023-11-16"
    assert article.text == "The two presidents agreed on Wednesday to reopen a military hotline, officials said."
    assert article.warnings == ()


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("Peru voted. == Background == Chile abstained.", "Peru voted.\n\nChile abstained."),
        ("First part.\n==Reactions==\nSecond part.", "First part.\n\nSecond part."),
        ("The ratio x==y stays.", "The ratio x==y stays."),
    ],
)
def test_clean_body_turns_wiki_headings_into_breaks(raw, expected):
    assert clean_body(raw)[0] == expected
