"""Map every way a unit is written (市发改委 / 市发展改革委 / 市发展和改革委员会) to one name.

The list belongs to the site, not to the package: bulletins/units.yaml (empty in a new
site: every unit is then reported by the build and gets a page under its printed name).
Names are compared after dropping spaces and the city name (阳泉市 -> 市), and after
folding brackets, so 阳泉市卫生健康委员会 and 市卫生健康委员会 meet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from gazette.errors import InputError
from gazette.text.chars import nfkc, squash
from gazette.yamlfile import load_yaml_list


@dataclass
class CanonicalUnit:
    name: str
    short: str
    aliases: list[str]
    kind: str = "department"  # department | group | other


@dataclass
class UnitRegistry:
    units: dict[str, CanonicalUnit] = field(default_factory=dict)
    _index: dict[str, str] = field(default_factory=dict)
    city: str | None = None

    def add(self, unit: CanonicalUnit) -> None:
        known = self.units.get(unit.name)
        if known is not None:  # an archive list may add aliases to a generic unit
            unit = CanonicalUnit(unit.name, known.short, sorted({*known.aliases, *unit.aliases}), known.kind)
        self.units[unit.name] = unit
        for alias in {unit.name, unit.short, *unit.aliases}:
            self._index[self.key(alias)] = unit.name

    def key(self, name: str) -> str:
        text = squash(nfkc(name)).replace("(", "（").replace(")", "）")
        if self.city:
            if text.startswith(self.city):
                text = "市" + text[len(self.city):]
            bare_city = self.city[:-1]
            if len(bare_city) >= 2:
                text = text.replace(bare_city, "")
        return text

    def rekey(self) -> None:
        self._index = {}
        for unit in self.units.values():
            for alias in {unit.name, unit.short, *unit.aliases}:
                self._index[self.key(alias)] = unit.name

    def resolve(self, name: str) -> str | None:
        """Canonical name for `name`, or None when it is not in the list."""
        key = self.key(name)
        if key in self._index:
            return self._index[key]
        bare = re.sub(r"（[^（）]*）$", "", key)  # 市工信局（国资委） -> 市工信局
        if bare != key and bare in self._index:
            return self._index[bare]
        if not key.startswith(("市", "各", "县", "区", "省", "团", "共青团")) and "市" + key in self._index:
            return self._index["市" + key]
        return None

    def with_city(self, city: str | None) -> UnitRegistry:
        copy = UnitRegistry(city=city)
        copy.units = dict(self.units)
        copy.rekey()
        return copy


def _load_file(path: Path, registry: UnitRegistry) -> None:
    for line, item in load_yaml_list(path, "单位名录"):
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
            raise InputError("单位名录的这一项缺少 name（单位全称），请补上", path, line)
        if not isinstance(item.get("aliases") or [], list):
            raise InputError("aliases 应是一个列表（如 [市发改委, 市发展改革委]）", path, line)
        registry.add(CanonicalUnit(
            name=str(item["name"]), short=str(item.get("short") or item["name"]),
            aliases=[str(a) for a in item.get("aliases") or []], kind=str(item.get("kind", "department")),
        ))


def load_registry(*lists: Path, city: str | None = None) -> UnitRegistry:
    """The site's unit lists that exist; `city` (the site's configuration) is stripped from names,
    else each bulletin's own city is (gazette.parse.issue)."""
    registry = UnitRegistry(city=city)
    for path in lists:
        if path.exists():
            _load_file(path, registry)
    return registry
