"""Calendar dates read from bulletin text: one range of years every stage can take.

A bulletin's dates lie in the years of the People's Republic and a few decades ahead; a year
like 9999 is a typo or hostile input, and dates near the end of the calendar overflow in the
writers (a day after 9999-12-31 does not exist; ICS and XLSX refuse it). Every date made from
text goes through make_date/shift, so an out-of-range year is no date (and parse_source
reports the line as a finding) instead of a ValueError or OverflowError later.
"""

from __future__ import annotations

import datetime as dt
import re

MIN_YEAR, MAX_YEAR = 1900, 2199
_YEAR_RE = re.compile(r"(?<!\d)(\d{4,})\s*年")
MAX_DAYS = 366 * 100  # 自公布之日起N日: more is no period a document can state


def year_in_range(year: int) -> bool:
    return MIN_YEAR <= year <= MAX_YEAR


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it is no calendar day (2月30日) or its year is out of range."""
    if not year_in_range(year):
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def shift(date: dt.date, days: int) -> dt.date | None:
    if not 0 <= days <= MAX_DAYS:
        return None
    moved = date + dt.timedelta(days=days)  # MAX_YEAR + 100 years is far from the calendar's end
    return moved if year_in_range(moved.year) else None


def years_out_of_range(text: str) -> list[int]:
    """Years written in `text` (…年) that no date may have."""
    return [int(m.group(1)) for m in _YEAR_RE.finditer(text) if not year_in_range(int(m.group(1)))]
