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
# 二〇二〇年七月三十日 (older documents, and 成文日期 set in characters): ○ often stands for 〇.
_DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0}
_CHINESE_YEAR_RE = re.compile(f"[{''.join(_DIGIT)}]{{4}}(?=年)")
_CHINESE_MONTH_DAY_RE = re.compile(r"(?<=年)(十[一二]?|[一二三四五六七八九])月(?:(三十[一]?|二?十[一二三四五六七八九]?|[一二三四五六七八九])日)?")
MAX_DAYS = 366 * 100  # 自公布之日起N日: more is no period a document can state


def _small_number(text: str) -> int:
    """一 … 三十一 (no 百): tens before 十, units after it."""
    tens, ten, units = text.rpartition("十")
    return ((_DIGIT[tens] if tens else 1) * 10 if ten else 0) + (_DIGIT[units] if units else 0)


def arabic_dates(text: str) -> str:
    """`text` with dates written in characters as figures (二〇二〇年七月三十日 -> 2020年7月30日), for
    matching only: pages keep the text as printed."""
    if "年" not in text:
        return text
    text = _CHINESE_YEAR_RE.sub(lambda m: "".join(str(_DIGIT[c]) for c in m.group(0)), text)

    def month_day(m: re.Match[str]) -> str:
        day = f"{_small_number(m.group(2))}日" if m.group(2) else ""
        return f"{_small_number(m.group(1))}月{day}"

    return _CHINESE_MONTH_DAY_RE.sub(month_day, text)


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
