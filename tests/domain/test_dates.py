"""Typed dates: the ways people write a date (and a time) are read as they meant, anything
else is refused with a message that says what to type, and the shown form reads back."""

from __future__ import annotations

import datetime as dt

import pytest

from coprod_desktop.domain.dates import (
    format_date,
    format_date_time,
    parse_date,
    parse_date_time,
)
from coprod_desktop.domain.errors import ValidationError

TODAY = dt.date(2026, 10, 1)
NOW = dt.datetime(2026, 10, 1, 9, 5, 42)
PI_DAY = dt.date(2026, 3, 14)


@pytest.mark.parametrize("text", [
    "14/3/2026", "14/03/2026", " 14 / 3 / 2026 ", "14-3-2026", "14.3.2026", "14.3.26", "14.03",
    "14/3", "14 Mar 2026", "14 mar 26", "14 March 2026", "14th March 2026", "14th of March",
    "March 14 2026", "Mar 14, 2026", "14-Mar-2026", "2026-03-14", "2026/3/14", "2026 Mar 14",
    "Sat 14 Mar 2026", "Saturday, 14 March 2026", "14 MAR 2026",
])  # fmt: skip
def test_a_date_typed_the_ways_people_write_it(text):
    assert parse_date(text, TODAY) == PI_DAY


def test_words_and_two_digit_years():
    assert parse_date("today", TODAY) == TODAY
    assert parse_date("Yesterday", TODAY) == dt.date(2026, 9, 30)
    assert parse_date("tomorrow", TODAY) == dt.date(2026, 10, 2)
    assert parse_date("1/1/99", TODAY) == dt.date(1999, 1, 1)  # 2099 is too far ahead
    assert parse_date("1/1/70", TODAY) == dt.date(2070, 1, 1)
    assert parse_date("29/2/2028", TODAY) == dt.date(2028, 2, 29)
    assert parse_date("14 Sept 2026", TODAY) == dt.date(2026, 9, 14)


@pytest.mark.parametrize(("text", "says"), [
    ("", "Type a date"),
    ("   ", "Type a date"),
    ("3/14/2026", "There is no month 14. Type the day first"),
    ("31/2/2026", "February 2026 has 28 days, so there is no day 31"),
    ("0/3/2026", "no day 0"),
    ("14 Marhc 2026", "“marhc” is not a month name"),
    ("soon", "“soon” is not a month name"),
    ("14/3/2026/1", "“14/3/2026/1” is not a date this field understands"),
    ("14", "is not a date this field understands"),
    ("14 Mar 2026 15", "is not a date this field understands"),
    ("14/3/202", "“202” is not a year"),
    ("14/3/3026", "3026 is not a year this field takes"),
    ("Friday 14 March 2026", "14 Mar 2026 is a Saturday, not a Friday"),
    ("14/3/2026 10:30", "Type a date without a time here"),
    ("10:30", "That is a time"),
    ("14#3#2026", "is not a date this field understands"),
])  # fmt: skip
def test_what_is_not_a_date_is_refused_with_what_to_type(text, says):
    with pytest.raises(ValidationError) as refused:
        parse_date(text, TODAY)
    assert says in str(refused.value)


@pytest.mark.parametrize(("text", "expected"), [
    ("14/3/2026 10:30", dt.datetime(2026, 3, 14, 10, 30)),
    ("14/3/2026, 10:30", dt.datetime(2026, 3, 14, 10, 30)),
    ("14 Mar 2026 at 10.30", dt.datetime(2026, 3, 14, 10, 30)),
    ("14 Mar 2026 2pm", dt.datetime(2026, 3, 14, 14, 0)),
    ("14 Mar 2026 2:15 p.m.", dt.datetime(2026, 3, 14, 14, 15)),
    ("14.3.26 12am", dt.datetime(2026, 3, 14, 0, 0)),
    ("14.3.26 12pm", dt.datetime(2026, 3, 14, 12, 0)),
    ("2026-03-14T10:30", dt.datetime(2026, 3, 14, 10, 30)),
    ("2026-03-14 10:30:15", dt.datetime(2026, 3, 14, 10, 30, 15)),
    ("today 16:45", dt.datetime(2026, 10, 1, 16, 45)),
    ("now", dt.datetime(2026, 10, 1, 9, 5)),
])  # fmt: skip
def test_a_date_and_time(text, expected):
    assert parse_date_time(text, NOW, dt.time(11, 0)) == expected


def test_a_date_alone_keeps_the_time_the_field_had():
    assert parse_date_time("14/3/2026", NOW, dt.time(10, 30)) == dt.datetime(2026, 3, 14, 10, 30)
    assert parse_date_time("14.3.26", NOW) == dt.datetime(2026, 3, 14)
    assert parse_date_time("tomorrow", NOW, dt.time(9, 0)) == dt.datetime(2026, 10, 2, 9, 0)


@pytest.mark.parametrize(("text", "says"), [
    ("", "Type a date and time"),
    ("10:30", "Type the date as well as the time"),
    ("14/3/2026 25:00", "“25:00” is not a time of day"),
    ("14/3/2026 10:75", "“10:75” is not a time of day"),
    ("14/3/2026 13pm", "“13pm” is not a time of day: with am or pm the hour is 1 to 12"),
    ("31/4/2026 10:30", "April 2026 has 30 days"),
])  # fmt: skip
def test_what_is_not_a_date_and_time_is_refused(text, says):
    with pytest.raises(ValidationError) as refused:
        parse_date_time(text, NOW)
    assert says in str(refused.value)


def test_what_the_field_shows_reads_back_the_same():
    day = dt.date(2026, 1, 1)
    while day.year == 2026:
        assert parse_date(format_date(day), TODAY) == day
        day += dt.timedelta(days=1)
    moment = dt.datetime(2026, 3, 14, 7, 5)
    assert format_date(PI_DAY) == "14 Mar 2026"
    assert format_date_time(moment) == "14 Mar 2026 07:05"
    assert parse_date_time(format_date_time(moment), NOW) == moment
