"""The 主题分类 taxonomy (gazette/data/topics.yaml) as typed data, checked when it is loaded."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from gazette.errors import InputError
from gazette.text.chars import HAN

DEFAULT_TOPICS = Path(__file__).resolve().parent.parent / "data" / "topics.yaml"
_NAME_RE = re.compile(f"^[{HAN}、（）0-9A-Za-z]+$")  # topic names become tags and headings
_SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Weights:
    title: float
    purpose: float
    body: float
    body_cap: float
    units: float


@dataclass(frozen=True)
class AssignRules:
    min_score: float
    min_share: float
    max_topics: int
    sub_min_share: float


@dataclass
class Subtopic:
    name: str
    keywords: list[str]
    units: list[str]


@dataclass
class Topic:
    name: str
    slug: str
    keywords: list[str]
    units: list[str]
    subtopics: list[Subtopic] = field(default_factory=list)

    def keyword_owners(self) -> dict[str, str | None]:
        """keyword -> the sub-theme it belongs to (None: the theme itself)."""
        return self._owners(self.keywords, [(sub.name, sub.keywords) for sub in self.subtopics])

    def unit_owners(self) -> dict[str, str | None]:
        """unit -> the sub-theme whose field it is (None: the theme itself)."""
        return self._owners(self.units, [(sub.name, sub.units) for sub in self.subtopics])

    @staticmethod
    def _owners(own: list[str], by_subtopic: list[tuple[str, list[str]]]) -> dict[str, str | None]:
        owners: dict[str, str | None] = {name: None for name in own}
        for subtopic, names in by_subtopic:
            for name in names:
                owners.setdefault(name, subtopic)
        return owners


@dataclass
class Taxonomy:
    topics: list[Topic]
    weights: Weights
    rules: AssignRules
    source: str = ""

    def by_name(self, name: str) -> Topic:
        return next(t for t in self.topics if t.name == name)

    def by_slug(self, slug: str) -> Topic:
        return next(t for t in self.topics if t.slug == slug)


def _strings(value: object, where: str, source: Path) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise InputError(f"主题“{where}”的 keywords/units 应为词语列表", source)
    return [v.strip() for v in value]


def load_taxonomy(path: Path | None = None) -> Taxonomy:
    """Read and check the taxonomy: unique names and slugs, names usable as tags."""
    path = path or DEFAULT_TOPICS
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise InputError(f"无法读取主题分类表：{error}".splitlines()[0], path) from None
    try:
        weights = Weights(**{k: float(v) for k, v in data["weights"].items()})
        rules = data["assign"]
        assign = AssignRules(float(rules["min_score"]), float(rules["min_share"]), int(rules["max_topics"]),
                             float(rules["sub_min_share"]))
        topics: list[Topic] = []
        for entry in data["topics"]:
            where = str(entry.get("name"))
            subs = [Subtopic(s["name"], _strings(s.get("keywords"), where, path), _strings(s.get("units"), where, path))
                    for s in entry.get("subtopics") or []]
            topics.append(Topic(entry["name"], entry["slug"], _strings(entry.get("keywords"), where, path),
                                _strings(entry.get("units"), where, path), subs))
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise InputError(f"主题分类表格式有误（{type(error).__name__}: {error}）", path) from None
    names = [t.name for t in topics] + [s.name for t in topics for s in t.subtopics]
    for name in names:
        if not _NAME_RE.match(name):
            raise InputError(f"主题名称“{name}”只能由汉字、顿号、括号和字母数字组成", path)
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise InputError(f"主题名称重复：{'、'.join(duplicates)}", path)
    slugs = [t.slug for t in topics]
    if len(set(slugs)) != len(slugs) or not all(_SLUG_RE.match(s) for s in slugs):
        raise InputError("主题的 slug 须互不相同，由小写字母、数字和连字符组成", path)
    return Taxonomy(topics, weights, assign, str(path))
