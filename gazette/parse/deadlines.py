"""Deadline phrases of a task and the dates they stand for.

A fact of the text, independent of the build date: `parse_deadlines(text, year)` returns every
deadline phrase of a task, earliest first, each with its date (or None) and, for 每年…前, its
recurrence rule. `year` is the document's year: phrases without a year take the year of the
nearest earlier phrase that names one, else the document's year.

    2020年底前 / 年底前 / 2020年年底 / 到2020年底      -> 12-31 of that year           (year)
    年内 / 2020年内 / 今年内 / 到2022年 / 2022年前      -> 12-31                        (year)
    8月底前 / 2020年6月底前 / 11月前 / 6月上旬前        -> the month's last day (上旬 10, 中旬 20)  (month)
    7月31日前 / 2020年12月31日前                        -> that day                     (day)
    上半年 / 下半年 / 第三季度 / 2020年三季度末          -> the period's last day        (period)
    2020—2022年 / 2020年至2022年                        -> 12-31 of the last year       (range)
    每年10月1日前 / 每年11月底前 / 每月10日前 / 每季度末  -> a rule, no single date       (recurring)
    长期坚持 / 持续推进 / 常态化开展 …                   -> no date                      (ongoing)

"X前" counts X itself (7月31日前 -> 07-31, so 11月前 -> 11-30). Not deadlines: phrases inside
《titles》, and dates that qualify a noun (2019年12月31日前出台的政策措施, 2000年以前建成的小区).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

from gazette.model import Deadline, DeadlineKind, Recurrence
from gazette.text.chars import nfkc, squash
from gazette.text.dates import make_date, year_in_range
from gazette.text.numerals import chinese_to_int

_MONTH = r"(?P<month>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月"
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9]|三十一?|二?十[一二三四五六七八九]?|[一二三四五六七八九])日"
_YEAR = r"(?:(?P<y>\d{4})年|(?P<rel>今年|明年|本年|当年))"
_BY = r"(?:以前|之前|前)(?!后|[一二三四五六七八九十两几\d个])"
_PART = r"(?P<part>底|末|上旬|中旬|下旬)"

_PATTERNS: list[tuple[DeadlineKind, re.Pattern[str]]] = [
    ("recurring", re.compile(rf"每年(?:{_MONTH}(?:{_DAY}|{_PART})?|(?P<yearend>年底|年末|底))(?P<by>{_BY})?")),
    ("recurring", re.compile(rf"每(?:个)?月(?:{_DAY}|(?P<part>底|末))(?P<by>{_BY})?")),
    ("recurring", re.compile(rf"每(?:个)?季度(?P<part>末|底)(?P<by>{_BY})?")),
    ("range", re.compile(r"(?P<y1>\d{4})年?(?:[-—–－~～]+|至)(?P<y2>\d{4})年(?!\d|[一二三四五六七八九十]+月)")),
    ("day", re.compile(rf"{_YEAR}?{_MONTH}{_DAY}{_BY}")),
    ("month", re.compile(rf"{_YEAR}?{_MONTH}(?:{_PART}(?:{_BY})?|{_BY})")),
    ("period", re.compile(rf"{_YEAR}?(?:(?P<half>上半年|下半年)|第?(?P<q>[一二三四1-4])季度)(?:[末底]?{_BY}|[末底内])?")),
    ("year", re.compile(rf"(?:{_YEAR}(?:年底|年末|底|末)|年底|年末)(?:{_BY})?")),
    ("year", re.compile(rf"{_YEAR}(?:内|{_BY})|(?<![\d一二三四五六七八九十两几多数半今明本当])(?:年内|本年度内)")),
    ("year", re.compile(r"(?:到|至)(?P<y>\d{4})年(?!年|[底末内\d]|[一二三四五六七八九十]+月|上半年|下半年|第)")),
    ("ongoing", re.compile(r"长期坚持|长期推进|长期开展|持续推进|持续开展|持续实施|常态化开展|常态化推进|常抓不懈")),
]

# A date that qualifies a noun is not a deadline: 2019年12月31日前出台的政策措施.
_QUALIFIER_RE = re.compile(
    r"[^，。；：,;:、（）()]{0,10}?(?:出台|印发|发布|登记|成立|注册|取得|建成|批准|签订|认定|开工|竣工|投产|颁布|"
    r"购买|缴纳|发生|形成|退休|出生|设立|审批|建设|备案|实施)的")
_TITLE_RE = re.compile(r"《[^《》]*》")
_QUARTER_END = {1: 3, 2: 6, 3: 9, 4: 12}


@dataclass
class _Found:
    kind: DeadlineKind
    match: re.Match[str]


def _number(text: str | None) -> int | None:
    return None if text is None else chinese_to_int(text)


def _month_end(year: int, month: int) -> dt.date | None:
    return make_date(year, month, calendar.monthrange(year, month)[1]) if year_in_range(year) else None


def _scan(text: str) -> Iterator[_Found]:
    """Every match of every pattern, overlaps resolved: the earliest start wins, then the longest."""
    titles = [m.span() for m in _TITLE_RE.finditer(text)]
    found = [_Found(kind, m) for kind, pattern in _PATTERNS for m in pattern.finditer(text)]
    found.sort(key=lambda f: (f.match.start(), -(f.match.end() - f.match.start())))
    taken_until = -1
    for item in found:
        start, end = item.match.span()
        if start < taken_until or any(a <= start < b for a, b in titles):
            continue
        if item.kind != "ongoing" and _QUALIFIER_RE.match(text, end):
            continue
        taken_until = end
        yield item


def _recurrence(m: re.Match[str]) -> Recurrence | None:
    groups = m.groupdict()
    if m.group(0).startswith("每年"):
        if groups.get("yearend"):
            return Recurrence("YEARLY", (12,), 31)
        month, day = _number(groups.get("month")), _number(groups.get("day"))
        if not (day or groups.get("part") or groups.get("by")):
            return None  # 每年6月 alone names a month, not a deadline
        if groups.get("part") in ("上旬", "中旬"):
            day = 10 if groups["part"] == "上旬" else 20
        return Recurrence("YEARLY", (month,), day or -1) if month else None
    if "季度" in m.group(0):
        return Recurrence("MONTHLY", (3, 6, 9, 12), -1)
    return Recurrence("MONTHLY", (), _number(groups.get("day")) or -1)


def _year_of(m: re.Match[str], default: int | None) -> tuple[int | None, bool]:
    """(year, explicit): the written year, 今年/明年 relative to the document's year, else the default."""
    groups = m.groupdict()
    if groups.get("y"):
        return int(groups["y"]), True
    rel = groups.get("rel")
    if rel and default is not None:
        return default + (1 if rel == "明年" else 0), True
    return default, False


def _due(kind: str, m: re.Match[str], year: int) -> dt.date | None:
    groups = m.groupdict()
    if kind == "range":
        return make_date(int(groups["y2"]), 12, 31)
    if kind == "year":
        return make_date(year, 12, 31)
    if kind == "period":
        if groups.get("half"):
            return make_date(year, 6, 30) if groups["half"] == "上半年" else make_date(year, 12, 31)
        return _month_end(year, _QUARTER_END[_number(groups["q"]) or 4])
    month = _number(groups.get("month"))
    if not month or not 1 <= month <= 12:
        return None
    if kind == "day":
        return make_date(year, month, _number(groups["day"]) or 0)  # 2月30日: not a date
    part = groups.get("part")
    if part in ("上旬", "中旬"):
        return make_date(year, month, 10 if part == "上旬" else 20)
    return _month_end(year, month)


def parse_deadlines(text: str, year: int | None) -> list[Deadline]:
    """Every deadline phrase of `text`, earliest date first; recurring and ongoing phrases last."""
    text = squash(nfkc(text))
    out: list[Deadline] = []
    current = year
    for item in _scan(text):
        m, kind = item.match, item.kind
        raw = m.group(0)
        if kind == "ongoing":
            deadline = Deadline(raw, kind, None, at=m.start())
        elif kind == "recurring":
            rule = _recurrence(m)
            if rule is None:
                continue
            deadline = Deadline(raw, kind, None, rule, at=m.start())
        else:
            phrase_year, explicit = _year_of(m, current) if kind != "range" else (int(m.group("y2")), True)
            if explicit:
                current = phrase_year
            if phrase_year is None:
                deadline = Deadline(raw, kind, None, at=m.start())
            else:
                due = _due(kind, m, phrase_year)
                if due is None:
                    continue
                deadline = Deadline(raw, kind, due, at=m.start())
        if all(d.raw != deadline.raw or d.due != deadline.due for d in out):
            out.append(deadline)
    order = {"recurring": 1, "ongoing": 2}
    return sorted(out, key=lambda d: (d.due is None, order.get(d.kind, 0), d.due or dt.date.max, d.at))
