"""What a single line is: a structural label, a date, a signature, a table row …

These predicates are the vocabulary of the parser. They look at one line at a time and
know nothing about any particular city: labels (第X条, 一、, （一）, 1., （1）, ①, 1.1)
and markers (此件公开发布, 附件, 牵头单位：) are those of Chinese official documents
(党政机关公文格式 GB/T 9704).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from gazette.model import UnitKind
from gazette.text.chars import HAN, has_inner_punctuation, squash, strip_closers
from gazette.text.dates import arabic_dates
from gazette.text.numerals import CHINESE_NUMERAL_CHARS, chinese_to_int

CN = f"[{CHINESE_NUMERAL_CHARS}]"
SPACE = r"[ \t\u3000]"

BULLET_RE = re.compile(r"^\s*[-•·]\s+")
DATE_LINE_RE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
PUBLIC_RE = re.compile(r"[（(]\s*此\s*件\s*([^()（）]{1,8}?)\s*[)）]")
ATTACHMENT_LABEL_RE = re.compile(r"^\s*附\s*件\s*(\d{1,2})?\s*[：:]?\s*$")
ATTACHMENT_LIST_RE = re.compile(r"^\s*附\s*件\s*[：:]\s*\S")
UNITS_LINE_RE = re.compile(r"^\s*(牵头单位|责任单位|配合单位|协办单位|参与单位|主办单位|实施单位)\s*[：:]")
FIELD_LINE_RE = re.compile(rf"^\s*[{HAN}](?:[ \u3000]?[{HAN}]){{0,5}}\s*[：:]")
MEMBER_LINE_RE = re.compile(rf"^([{HAN}](?:[ \u3000]?[{HAN}]){{1,2}})[ \u3000]+([{HAN}（(].*)$")

_LABEL_PATTERNS: list[tuple[UnitKind, re.Pattern[str]]] = [
    ("chapter", re.compile(rf"^(第{SPACE}*({CN}+){SPACE}*章)(?:{SPACE}+|$)(.*)$")),
    ("section", re.compile(rf"^(第{SPACE}*({CN}+){SPACE}*节)(?:{SPACE}+|$)(.*)$")),
    ("article", re.compile(rf"^(第{SPACE}*({CN}+){SPACE}*条)(?:{SPACE}+|$|(?=【))(.*)$")),
    ("part", re.compile(rf"^(({CN}+)、){SPACE}*(.*)$")),
    ("clause", re.compile(rf"^([（(]{SPACE}*({CN}+){SPACE}*[)）]){SPACE}*(.*)$")),
    ("decimal", re.compile(rf"^((\d{{1,2}}(?:\.\d{{1,2}}){{1,3}})){SPACE}+(.+)$")),
    ("item", re.compile(rf"^((\d{{1,3}}){SPACE}*[.．、](?!\d)){SPACE}*(.*)$")),
    ("subitem", re.compile(rf"^([（(]{SPACE}*(\d{{1,3}}){SPACE}*[)）]){SPACE}*(.*)$")),
    ("point", re.compile(r"^(([\u2460-\u2473]))\s*(.*)$")),
    ("decimal", re.compile(rf"^((\d{{1,2}})){SPACE}+([{HAN}][^，。；：,;:]{{0,14}})$")),
]

# Words that follow a bare number in running text ("2020 年", "5 人"): never a heading.
_MEASURE_WORDS = set("年月日时个项万亿元人家次辆座批所份名户栋米亩吨天周岁条号种类台套张")

RANK = {"chapter": 1, "section": 2, "article": 3, "part": 4, "clause": 5, "item": 6, "subitem": 7, "point": 8}


@dataclass(frozen=True)
class Label:
    kind: UnitKind
    text: str  # label as printed, e.g. "第十七条", "（一）", "1."
    number: int
    rest: str  # the text after the label
    depth: int = 1  # for decimal labels: 1 -> 1, 1.1 -> 2

    @property
    def rank(self) -> int:
        if self.kind == "decimal":
            return 3 + self.depth
        return RANK[self.kind]


def strip_bullet(text: str) -> tuple[str, bool]:
    """Remove a PDF list marker ('- ') from the start of a line."""
    m = BULLET_RE.match(text)
    if m:
        return text[m.end():], True
    return text, False


def match_label(text: str) -> Label | None:
    """The structural label a line starts with, if any."""
    text, _ = strip_bullet(text)
    text = text.strip()
    for kind, pattern in _LABEL_PATTERNS:
        m = pattern.match(text)
        if not m:
            continue
        label, number_text, rest = m.group(1), m.group(2), m.group(3)
        if kind == "decimal":
            parts = number_text.split(".")
            if len(parts) == 1 and (not rest or rest[0] in _MEASURE_WORDS):
                continue
            return Label(kind, label.strip(), int(parts[-1]), rest.strip(), depth=len(parts))
        number = chinese_to_int(squash(number_text)) if kind != "point" else ord(number_text) - 0x245F
        if number is None:
            continue
        return Label(kind, squash(label), number, rest.strip())
    return None


class LineKind(StrEnum):
    """What a source line is, decided once (first match wins, in this order)."""

    BLANK = "blank"
    TABLE = "table"  # tab-separated cells
    LABEL = "label"  # starts with a structural label (第X条, 一、, （一）, 1. …)
    DATE = "date"  # 2020年7月30日 alone
    PUBLIC = "public"  # （此件公开发布）
    ATTACHMENT = "attachment"  # 附件 / 附件1： alone, or 附件：1. … (the list of attachments)
    UNITS = "units"  # 牵头单位：…
    FIELD = "field"  # 电 话：…, 组 长：…
    MEMBER = "member"  # 王 晓 市大数据局副局长
    TEXT = "text"  # running text, a title …


@dataclass(frozen=True)
class Line:
    """One source line, classified once: every later step reads these fields instead of re-matching."""

    number: int  # 1-based
    raw: str  # as read (errata applied, page furniture blanked)
    text: str  # without edge spaces
    body: str  # without the PDF list marker and edge spaces
    bullet: bool  # the line started with a PDF list marker '- '
    kind: LineKind
    label: Label | None  # the structural label `body` starts with

    @property
    def starts_block(self) -> bool:
        """Does this line begin something new (so the previous line cannot run into it)?"""
        return self.bullet or self.kind not in (LineKind.TEXT, LineKind.BLANK)


def _kind(raw: str, body: str, label: Label | None) -> LineKind:
    if not raw.strip():
        return LineKind.BLANK
    if is_table_row(raw):
        return LineKind.TABLE
    if label is not None:
        return LineKind.LABEL
    if is_date_line(body):
        return LineKind.DATE
    if is_public_line(body):
        return LineKind.PUBLIC
    if ATTACHMENT_LABEL_RE.match(body) or ATTACHMENT_LIST_RE.match(body):
        return LineKind.ATTACHMENT
    if UNITS_LINE_RE.match(body):
        return LineKind.UNITS
    if FIELD_LINE_RE.match(body):
        return LineKind.FIELD
    if MEMBER_LINE_RE.match(body):
        return LineKind.MEMBER
    return LineKind.TEXT


def classify_line(number: int, raw: str) -> Line:
    unmarked, bullet = strip_bullet(raw)
    body = unmarked.strip()
    label = match_label(body)
    return Line(number, raw, raw.strip(), body, bullet, _kind(raw, body, label), label)


def classify_lines(texts: Iterable[str], start: int = 1) -> list[Line]:
    """Source texts -> Lines numbered from `start` (the list index is number - start)."""
    return [classify_line(number, raw) for number, raw in enumerate(texts, start=start)]


def pick(lines: Sequence[Line], numbers: Iterable[int]) -> list[Line]:
    """The lines with these 1-based numbers, from all the lines of a file (lines[k] is number k + 1)."""
    return [lines[n - 1] for n in numbers]


def is_date_line(text: str) -> bool:
    return bool(DATE_LINE_RE.match(arabic_dates(text)))


def public_flag(text: str) -> str | None:
    """'（此件公开发布）' and its variants -> the wording inside, else None."""
    m = PUBLIC_RE.search(text)
    return m.group(0) if m else None


def is_public_line(text: str) -> bool:
    m = PUBLIC_RE.fullmatch(text.strip())
    return m is not None


def is_table_row(text: str) -> bool:
    return "\t" in text.strip("\n") and bool(text.strip())


def is_member_line(text: str, label: Label | None) -> bool:
    """'王 晓 市大数据局副局长': a name, a space, a position (leading-group lists); `label`: that of `text`."""
    return bool(MEMBER_LINE_RE.match(text.strip())) and label is None


def is_title_like(text: str, limit: int = 40) -> bool:
    """A short line without clause punctuation and without a sentence end: a heading."""
    core = squash(text)
    if not core or len(core) > limit:
        return False
    if core[-1] in "。；;":
        core = core[:-1]
    return not has_inner_punctuation(core) and not core.endswith(("、", "，"))


def looks_like_fragment(text: str) -> bool:
    """The tail of a sentence the PDF broke off: '意见；', '的决策事项，…', '位，建立…'."""
    core = squash(text)
    if not core:
        return False
    if core[0] in "的地得了着过和与及或并等之之所而且但则即且、，。；：,;:）)”’》":
        return True
    first_clause = re.split(r"[，。；：,;:、]", core, maxsplit=1)[0]
    if len(first_clause) <= 2 and len(core) > len(first_clause):
        return True
    return len(core) <= 10 and strip_closers(core)[-1:] in set("。；;，,、：:")
