"""People across issues: the removal (免去) that ends an appointment (任命) printed in an earlier issue.

A removal ends the latest earlier appointment of the same person to the same post (unit and position,
read without the city's name: 阳泉市政府办公室 = 市政府办公室). Nothing is guessed: where the archive
holds no such appointment, the removal stands alone, and an appointment no removal names is only
"not removed in the issues held".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gazette.model import Appointment
from gazette.text.chars import squash

# Acts of this government; a nomination (提名任命, 提名免去) is decided elsewhere and ends nothing here.
REMOVALS = frozenset({"免去", "解聘"})
APPOINTMENTS = frozenset({"任命", "聘任", "聘为"})


@dataclass(frozen=True)
class Held:
    """One appointment or removal where it is printed: its notice's page and date."""

    appointment: Appointment
    path: str
    date: dt.date | None
    doc_number: str | None


@dataclass(frozen=True)
class Tenure:
    """An appointment and the later removal from the same post (both printed in the archive)."""

    appointed: Held
    removed: Held


def _person(name: str) -> str:
    return squash(name).removesuffix("同志")


def _post(item: Appointment, cities: set[str]) -> tuple[str, str]:
    unit = squash(item.organisation).replace("人民政府", "政府")
    for city in cities:
        unit = unit.removeprefix(city)
    return unit.removeprefix("市"), squash(item.position)


def link_tenures(held: list[Held], cities: set[str]) -> list[Tenure]:
    """Each removal with the appointment it ends, in the order the removals are printed."""
    order = sorted(held, key=lambda h: (h.date or dt.date.min, h.path))
    latest: dict[tuple[str, str, str], Held] = {}
    tenures: list[Tenure] = []
    for item in order:
        key = (_person(item.appointment.person), *_post(item.appointment, cities))
        if item.appointment.action in APPOINTMENTS:
            latest[key] = item
        elif item.appointment.action in REMOVALS and (earlier := latest.get(key)) is not None \
                and earlier.path != item.path:  # sorted by date: the appointment is not later
            tenures.append(Tenure(earlier, item))
            del latest[key]
    return tenures
