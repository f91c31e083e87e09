"""Publication dates to ISO YYYY-MM-DD."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventcoder.ingest.dates import find_date_line, to_iso_date


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2009-01-22T10:00:00Z", "2009-01-22"),
        ("2024-05-03 15:47:42.389000+00:00", "2024-05-03"),
        ("2021-11-01T23:52:50-0500", "2021-11-01"),
        ("22 Jan 2009", "2009-01-22"),
        ("Thursday, September 29, 2022 10:30 am EST", "2022-09-29"),
        ("20220929", "2022-09-29"),
        (dt.datetime(2020, 2, 29, 23, 0), "2020-02-29"),
        (dt.date(1999, 12, 31), "1999-12-31"),
        (time.struct_time((2023, 3, 4, 0, 0, 0, 5, 63, 0)), "2023-03-04"),
        ("March 2022", None),
        ("2022", None),
        ("not a date", None),
        ("2022-02-30", None),
        ("", None),
        (None, None),
        (12345, None),
    ],
)
def test_to_iso_date_values(value, expected):
    assert to_iso_date(value) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("September 29, 2022", "2022-09-29"),
        ("Published: 3 Mar 2023 10:15 GMT", "2023-03-03"),
        ("Updated Thu 3 Mar 2023 | 10:15", "2023-03-03"),
        ("Kishida met Hun Sen on September 28, 2022 in Tokyo.", None),
        ("The summit opens in November", None),
    ],
)
def test_find_date_line_only_whole_date_lines(line, expected):
    assert find_date_line(line) == expected


@given(st.text(max_size=120))
def test_to_iso_date_never_raises(text):
    result = to_iso_date(text)
    assert result is None or dt.date.fromisoformat(result)
