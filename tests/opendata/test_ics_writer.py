"""The ledger's ICS (gazette/opendata/formats.py, written as text) is what the icalendar library writes for
the same events, byte for byte, and reads back as the same events."""

from __future__ import annotations

import datetime as dt

from gazette.opendata.formats import fold, ics_bytes


def icalendar_bytes(name, events):
    """The same calendar through the icalendar library (how these files were made before)."""
    from icalendar import Calendar, Event, vRecur

    calendar = Calendar()
    calendar.add("prodid", "-//gazette//任务台账//ZH")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for item in events:
        event = Event()
        event.add("uid", item["uid"])
        event.add("dtstamp", dt.datetime.combine(item["stamp"], dt.time(), tzinfo=dt.UTC))
        event.add("dtstart", item["start"])
        event.add("dtend", item["start"] + dt.timedelta(days=1))
        event.add("summary", item["summary"])
        event.add("description", item["description"])
        event.add("transp", "TRANSPARENT")
        if item.get("rrule"):
            event.add("rrule", vRecur.from_ical(item["rrule"]))
        if item.get("url"):
            event.add("url", item["url"])
        calendar.add_component(event)
    return calendar.to_ical()


EVENTS = [
    {"uid": "2020-04-L1593-1@gongbao", "stamp": dt.date(2020, 7, 3), "start": dt.date(2023, 12, 31), "rrule": None,
     "summary": "2023年年底：1. 将婴幼儿照护服务设施和场地建设布局纳入相关规划。", "url": None,
     "description": "要按照国家标准、规范；将需要独立占地的\\婴幼儿照护服务设施\n牵头：市发改委\r\n来源：《方案》" * 6},
    {"uid": "2021-01-L20-2@gongbao", "stamp": dt.date(2021, 1, 5), "start": dt.date(2021, 10, 1),
     "rrule": "FREQ=YEARLY;BYMONTH=10,11;BYMONTHDAY=1", "summary": "每年10月1日前：报送", "url": "https://example.org/a/#s1-2",
     "description": "a" * 73 + "\\;" + "ab" * 40},  # an escape at the fold
    {"uid": "x@y", "stamp": dt.date(2022, 2, 1), "start": dt.date(2022, 2, 28), "rrule": "FREQ=MONTHLY;BYMONTHDAY=-1",
     "summary": "每月底前", "url": "../../2022/01/x/index.html", "description": "é" * 40 + "字" * 30},
]


def test_the_same_bytes_as_the_icalendar_library():
    assert ics_bytes("市发展和改革委员会 任务台账", EVENTS) == icalendar_bytes("市发展和改革委员会 任务台账", EVENTS)
    assert ics_bytes("任务台账", []) == icalendar_bytes("任务台账", [])


def test_folded_lines_stay_within_75_octets_and_unfold_to_the_line():
    for line in ("DESCRIPTION:" + "字" * 60, "SUMMARY:" + "a" * 200, "UID:x"):
        folded = fold(line)
        assert folded.replace("\r\n ", "") == line
        assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))


def test_random_texts_fold_and_escape_as_the_library_does():
    import random

    chance = random.Random(24)
    alphabet = "ab1 ,;\\^\n\r字。é\U0001f600"
    events = [{"uid": f"{n}@x", "stamp": dt.date(2020, 1, 1), "start": dt.date(2020, 1, 1) + dt.timedelta(days=n),
               "rrule": None, "url": None,
               "summary": "".join(chance.choice(alphabet) for _ in range(chance.randint(1, 120))),
               "description": "".join(chance.choice(alphabet) for _ in range(chance.randint(60, 400)))}
              for n in range(200)]
    assert ics_bytes("台账", events) == icalendar_bytes("台账", events)
