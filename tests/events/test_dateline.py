"""Wire datelines at the start of a text are places, not actors."""

from __future__ import annotations

import pytest

from eventcoder.events.coder import find_dateline


@pytest.mark.parametrize(
    "text, place",
    [
        ("LIMA, May 3 -- Peru's congress voted ...", "Lima"),
        ("OSLO: Norway said on Monday ...", "Oslo"),
        ("KANDAHAR, Afghanistan (AP) - Gunmen attacked ...", "Kandahar"),
        ("SANTO DOMINGO \u2014 Police arrested ...", "Santo Domingo"),
        ("Cusco, Peru - Farmers blocked roads ...", "Cusco"),
        # a place in title case, with a date and an agency, then a dash
        ("Quito, May 4, EFE - Ecuador's president said ...", "Quito"),
        ("Davao City--Soldiers arrested ...", "Davao City"),
        ("Lusaka - Zambian police arrested ...", "Lusaka"),
        # a place in capitals and an agency in brackets, the dash lost in a scrape
        ('HARARE (AFP) " Zimbabwe\'s president said ...', "Harare"),
        ("TUNIS (Reuters) Tunisian police detained ...", "Tunis"),
    ],
)
def test_dateline_found(text, place):
    found = find_dateline(text)
    assert found is not None and found[0] == place
    assert text[found[1] :][:1].isupper()


@pytest.mark.parametrize(
    "text",
    [
        "Peru criticized Chile.", "UN envoys met in Geneva - talks resumed.", "President Ruiz: we will act.",
        "Pro-Russian rebels attacked the town.", "Kenyatta - who denied it - spoke.",
        "NATO (AP) reports are wrong.",
    ],
)
def test_dateline_absent(text):
    assert find_dateline(text) is None
