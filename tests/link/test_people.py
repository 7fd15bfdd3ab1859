"""A removal ends the latest earlier appointment of the same person to the same post, and nothing else."""

from __future__ import annotations

import datetime as dt

from gazette.link.people import Held, link_tenures
from gazette.model import Appointment


def held(person: str, action: str, unit: str, position: str, path: str, date: str) -> Held:
    return Held(Appointment(person, action, position, unit, f"{person}{unit}{position}", 1), path, dt.date.fromisoformat(date),
                path.upper())


def test_the_latest_earlier_appointment_to_that_post():
    first = held("王晓", "任命", "阳泉市大数据应用局", "副局长", "a", "2019-03-01")
    second = held("王晓", "任命", "阳泉市大数据应用局", "副局长", "b", "2020-05-01")
    other_post = held("王晓", "任命", "阳泉市统计局", "副局长", "c", "2020-06-01")
    removal = held("王晓同志", "免去", "市大数据应用局", "副局长", "d", "2021-03-01")  # without the city, with 同志
    tenures = link_tenures([removal, other_post, second, first], {"阳泉市"})
    assert [(t.appointed.path, t.removed.path) for t in tenures] == [("b", "d")]


def test_no_appointment_held_or_a_nomination_links_nothing():
    nominated = held("李君", "提名任命", "阳泉市审计局", "局长", "a", "2020-01-01")
    nominated_removal = held("李君", "提名免去", "阳泉市审计局", "局长", "b", "2021-01-01")
    unknown = held("赵六", "免去", "阳泉市水利局", "副局长", "c", "2021-01-01")
    later = held("孙七", "任命", "阳泉市商务局", "副局长", "e", "2022-01-01")
    before = held("孙七", "免去", "阳泉市商务局", "副局长", "d", "2021-01-01")  # printed before the appointment
    assert link_tenures([nominated, nominated_removal, unknown, later, before], {"阳泉市"}) == []
