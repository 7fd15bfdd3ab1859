"""Map every way a unit is written (市发改委 / 市发展改革委 / 市发展和改革委员会) to one name.

The generic list of municipal departments ships with the package
(gazette/data/units.yaml); an archive can add local units in bulletins/units.yaml.
Names are compared after dropping spaces and the city name (阳泉市 -> 市), and after
folding brackets, so 阳泉市卫生健康委员会 and 市卫生健康委员会 meet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from gazette.errors import InputError
from gazette.text.chars import nfkc, squash

DEFAULT_UNITS = Path(__file__).resolve().parent.parent / "data" / "units.yaml"


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
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except (OSError, yaml.YAMLError) as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        raise InputError(f"无法读取单位名录：{exc}（请修正该文件的 YAML 格式）", path, line + 1 if line is not None else None) from None
    if not isinstance(data, list):
        raise InputError("单位名录应是 YAML 列表，每项含 name、short、aliases", path, 1)
    for i, item in enumerate(data):
        if not isinstance(item, dict) or "name" not in item:
            raise InputError(f"第 {i + 1} 项缺少 name（单位全称）", path)
        registry.add(CanonicalUnit(
            name=str(item["name"]), short=str(item.get("short") or item["name"]),
            aliases=[str(a) for a in item.get("aliases") or []], kind=str(item.get("kind", "department")),
        ))


def load_registry(*extra: Path) -> UnitRegistry:
    """The generic list plus any archive-specific lists that exist."""
    registry = UnitRegistry()
    _load_file(DEFAULT_UNITS, registry)
    for path in extra:
        if path.exists():
            _load_file(path, registry)
    return registry
