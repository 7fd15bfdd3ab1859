"""Deadline calendars (期限日历): a month view of the dated tasks, per unit and for the whole archive.

A picture of the months, not another table: a CSS grid of the days (gazette.css `.gz-cal`), weeks from
Monday. Each day with deadlines is a labelled group (12月31日 星期四) of links to the tasks' clauses;
days without are decoration (hidden from screen readers). On a phone the grid becomes the list of
days with deadlines. The dates are the ledger's (gazette.render.ledger.distinct_due_dates): a
recurring deadline is shown on its next date after the as-of date. The ICS file stays the calendar
to take away.
"""

from __future__ import annotations

import calendar as cal
import datetime as dt
from dataclasses import dataclass

from gazette.render.markup import esc, link

WEEKDAYS = "一二三四五六日"
SHOWN_PER_DAY = 3  # more tasks on one day fold into 另 N 项 (a disclosure), so a month stays a month
_TITLE_CHARS = 22


@dataclass(frozen=True)
class Due:
    """One task on one day: where it links (its clause), what it says, the document it is from."""

    target: str
    text: str
    document: str


def _task_link(here: str, item: Due) -> str:
    short = item.text if len(item.text) <= _TITLE_CHARS else item.text[:_TITLE_CHARS] + "…"
    return f"<li>{link(here, item.target, short, title=f'{item.document}：{item.text}')}</li>"


def _day(here: str, date: dt.date, items: list[Due]) -> str:
    label = f"{date.month}月{date.day}日 星期{WEEKDAYS[date.weekday()]}"
    links = [_task_link(here, e) for e in items]
    shown, folded = links[:SHOWN_PER_DAY], links[SHOWN_PER_DAY:]
    more = (f'<details><summary>另 {len(folded)} 项</summary><ul>{"".join(folded)}</ul></details>'
            if folded else "")
    return (f'<div class="gz-cal-day gz-cal-has" role="group" aria-label="{esc(label)}，{len(items)} 项">'
            f'<span class="gz-cal-n" aria-hidden="true">{date.day}</span>'
            f'<span class="gz-cal-date" aria-hidden="true">{esc(label)}</span>'
            f'<ul>{"".join(shown)}</ul>{more}</div>')


def month_views(here: str, days: dict[dt.date, list[Due]], as_of: dt.date, heading: str = "h3") -> list[str]:
    """One grid per month that has a deadline, in date order. Empty when nothing is dated."""
    months = sorted({(d.year, d.month) for d in days})
    out: list[str] = []
    for year, month in months:
        ident = f"cal-{year}-{month:02d}"
        count = sum(len(v) for d, v in days.items() if (d.year, d.month) == (year, month))
        cells = [f'<div class="gz-cal-wd" aria-hidden="true">{w}</div>' for w in WEEKDAYS]
        for week in cal.Calendar(firstweekday=0).monthdatescalendar(year, month):
            for date in week:
                if date.month != month:
                    cells.append('<div class="gz-cal-day gz-cal-out" aria-hidden="true"></div>')
                elif date in days:
                    cells.append(_day(here, date, days[date]))
                else:
                    today = " gz-cal-today" if date == as_of else ""
                    cells.append(f'<div class="gz-cal-day{today}" aria-hidden="true">'
                                 f'<span class="gz-cal-n">{date.day}</span></div>')
        out.append(f'<section class="gz-cal" aria-labelledby="{ident}"><{heading} id="{ident}" class="gz-cal-title">'
                   f'{year}年{month}月 <span class="gz-meta">{count} 项</span></{heading}>'
                   f'<div class="gz-cal-grid">{"".join(cells)}</div></section>')
    return out
