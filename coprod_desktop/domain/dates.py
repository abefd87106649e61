"""Dates as people type them, and as the app shows them.

Day first, as in the UK: 14/3/2026, 14.3.26, 14-3-2026; month names in either order
(14 Mar 2026, 14th March 2026, March 14 2026); ISO (2026-03-14); "today", "yesterday",
"tomorrow"; without a year, this year. Date-times add a time: 10:30, 10.30, 2pm, 2:15 pm,
"at 10:30", or ISO's T; without a time, the time the field had before is kept.
Anything else is refused with a plain message that says what to type instead.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from .errors import ValidationError

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")  # fmt: skip
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
RELATIVE = {"today": 0, "yesterday": -1, "tomorrow": 1}
FIRST_YEAR, LAST_YEAR = 1900, 2199
DATE_EXAMPLES = "14/3/2026, 14 Mar 2026 or 2026-03-14"
TIME_EXAMPLES = "14/3/2026 10:30 or 14 Mar 2026 2pm"

# A time at the end: "2pm", "2.30 pm", "14:30" (after a space, "at", a comma or ISO's T), or
# "14.30" after a space (alone, 14.03 is a day and month).
_SEP = r"(?:^|\s+(?:at\s+)?|\s*,\s*(?:at\s+)?|t)"
_TIME = re.compile(
    rf"{_SEP}(?P<hour>\d{{1,2}})(?:[:.](?P<minute>\d{{2}}))?\s*(?P<half>[ap])\.?m\.?$"
    rf"|{_SEP}(?P<hour2>\d{{1,2}}):(?P<minute2>\d{{2}})(?::(?P<second>\d{{2}}))?$"
    r"|(?:\s+(?:at\s+)?|\s*,\s*)(?P<hour3>\d{1,2})\.(?P<minute3>\d{2})$"
)
_ORDINAL = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\b")
_TOKEN = re.compile(r"[a-z]+|\d+")


def _month(word: str) -> int | None:
    """A month from its name or any abbreviation of three letters or more ("sept")."""
    if len(word) < 3:
        return None
    return next((n for n, name in enumerate(MONTH_NAMES, 1) if name.lower().startswith(word)),
                None)  # fmt: skip


def _weekday(word: str) -> int | None:
    if len(word) < 3:
        return None
    return next((n for n, name in enumerate(WEEKDAY_NAMES)
                 if name.lower().startswith(word)), None)  # fmt: skip


def _year(token: str, today: dt.date) -> int:
    if len(token) == 4:
        year = int(token)
    elif len(token) == 2:  # 26 is 2026; 99 is 1999 (more than 50 years ahead reads as past)
        year = 2000 + int(token)
        if year > today.year + 50:
            year -= 100
    else:
        raise ValidationError(f"“{token}” is not a year: type it with 4 digits, e.g. 2026.")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValidationError(f"{year} is not a year this field takes: type a year between "
                              f"{FIRST_YEAR} and {LAST_YEAR}.")  # fmt: skip
    return year


def _checked(year: int, month: int, day: int) -> dt.date:
    if not 1 <= month <= 12:
        raise ValidationError(f"There is no month {month}. Type the day first, then the month, "
                              f"e.g. 14/3/2026 for 14 March 2026.")  # fmt: skip
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise ValidationError(f"{MONTH_NAMES[month - 1]} {year} has {last} days, so there is "
                              f"no day {day}.")  # fmt: skip
    return dt.date(year, month, day)


def _not_understood(text: str) -> ValidationError:
    return ValidationError(f"“{text}” is not a date this field understands. Type it like "
                           f"{DATE_EXAMPLES}.")  # fmt: skip


def _date_part(text: str, original: str, today: dt.date) -> dt.date:
    if text in RELATIVE:
        return today + dt.timedelta(days=RELATIVE[text])
    words = _TOKEN.findall(_ORDINAL.sub(r"\1", text))
    if not words or re.search(r"[^a-z0-9\s/.,\-]", text):
        raise _not_understood(original)
    weekday: int | None = None
    month: int | None = None
    numbers: list[str] = []
    for word in words:
        if word.isdigit():
            numbers.append(word)
        elif word == "of":  # 14th of March
            continue
        elif (named := _month(word)) is not None and month is None:
            month = named
        elif (day_name := _weekday(word)) is not None and weekday is None:
            weekday = day_name
        else:
            raise ValidationError(f"“{word}” is not a month name. Type the date like "
                                  f"{DATE_EXAMPLES}.")  # fmt: skip
    if month is not None:  # 14 Mar 2026, Mar 14 2026, 2026 Mar 14, 14 Mar
        if len(numbers) == 1:
            day, year = numbers[0], str(today.year)
        elif len(numbers) == 2:
            day, year = (numbers[1], numbers[0]) if len(numbers[0]) == 4 else numbers
        else:
            raise _not_understood(original)
    elif len(numbers) == 3:  # 2026-03-14 or 14/3/2026
        if len(numbers[0]) == 4:
            year, month_text, day = numbers
        else:
            day, month_text, year = numbers
        month = int(month_text)
    elif len(numbers) == 2:  # 14/3: this year
        day, month, year = numbers[0], int(numbers[1]), str(today.year)
    else:
        raise _not_understood(original)
    if len(day) > 2:
        raise _not_understood(original)
    date = _checked(_year(year, today), month, int(day))
    if weekday is not None and weekday != date.weekday():
        raise ValidationError(f"{format_date(date)} is a {WEEKDAY_NAMES[date.weekday()]}, "
                              f"not a {WEEKDAY_NAMES[weekday]}.")  # fmt: skip
    return date


def _split_time(text: str) -> tuple[str, dt.time | None]:
    """The date part of `text` and the time typed at its end, if any."""
    found = _TIME.search(text)
    if found is None:
        return text, None
    g = found.groupdict()
    hour = int(g["hour"] or g["hour2"] or g["hour3"])
    minute = int(g["minute"] or g["minute2"] or g["minute3"] or 0)
    second = int(g["second"] or 0)
    start = next(found.start(k) for k in ("hour", "hour2", "hour3") if g[k])
    typed = text[start:]
    if g["half"]:
        if not 1 <= hour <= 12:
            raise ValidationError(f"“{typed}” is not a time of day: with am or pm the hour "
                                  f"is 1 to 12, e.g. 2:30pm.")  # fmt: skip
        hour = hour % 12 + (12 if g["half"] == "p" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValidationError(f"“{typed}” is not a time of day: type it like 14:30 or "
                              f"2:30pm.")  # fmt: skip
    return text[: found.start()].strip(" ,"), dt.time(hour, minute, second)


def _clean(text: str) -> str:
    return " ".join(text.lower().split()).strip(" ,")


def parse_date(text: str, today: dt.date) -> dt.date:
    """The date typed in `text` (a date only), or ValidationError saying what to type."""
    cleaned = _clean(text)
    if not cleaned:
        raise ValidationError(f"Type a date, e.g. {DATE_EXAMPLES}.")
    date_text, time = _split_time(cleaned)
    if time is not None:
        raise ValidationError(f"Type a date without a time here, e.g. {DATE_EXAMPLES}."
                              if date_text else f"That is a time: type a date, e.g. "
                              f"{DATE_EXAMPLES}.")  # fmt: skip
    return _date_part(cleaned, text.strip(), today)


def parse_date_time(text: str, now: dt.datetime, keep_time: dt.time | None = None
                    ) -> dt.datetime:  # fmt: skip
    """The date and time typed in `text`; a date alone takes `keep_time` (else midnight).
    "now" is `now`. Naive in, naive out: the caller knows the time zone."""
    cleaned = _clean(text)
    if not cleaned:
        raise ValidationError(f"Type a date and time, e.g. {TIME_EXAMPLES}.")
    if cleaned == "now":
        return now.replace(second=0, microsecond=0)
    date_text, time = _split_time(cleaned)
    if not date_text:
        raise ValidationError(f"Type the date as well as the time, e.g. {TIME_EXAMPLES}.")
    date = _date_part(date_text, text.strip(), now.date())
    return dt.datetime.combine(date, time or keep_time or dt.time())


def format_date(date: dt.date) -> str:
    """As the app shows a date in a field: 14 Mar 2026 (English, whatever the locale)."""
    return f"{date.day} {MONTH_NAMES[date.month - 1][:3]} {date.year}"


def format_date_time(value: dt.datetime) -> str:
    return f"{format_date(value.date())} {value:%H:%M}"
