"""文号 (document numbers): recognise every notation, normalise to one.

Official form: 机关代字〔年份〕序号号, e.g. 阳政办发〔2020〕73号. The bulletin and readers also
write 阳政办发[2020]73号, 阳政办发（2020）73号, 阳政办发【2020】73号, 阳政办发 2020 年 73 号, with
stray spaces anywhere, and 政府令 numbers such as 交通运输部令 2016 年第 64 号 or 晋中市人民政府令第3号.
Nothing here knows any city's prefixes: prefixes come from the text.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from gazette.text.chars import HAN, nfkc, squash

_OPEN = r"[〔\[［(（【]"
_CLOSE = r"[〕\]］)）】]"
_CJK = f"[{HAN}]"

# 机关代字〔2020〕73号, tolerant of spaces; the prefix is resolved separately (see _trim_prefix).
BRACKETED_RE = re.compile(
    rf"(?P<prefix>{_CJK}(?:\s?{_CJK}){{0,11}})\s*{_OPEN}\s*(?P<year>\d{{4}})\s*{_CLOSE}\s*第?\s*(?P<num>\d{{1,4}})\s*号"
)
# 政府令 / 公告: X令第3号, X令 2016 年第 64 号, X公告第3号.
ORDER_RE = re.compile(
    rf"(?P<prefix>{_CJK}{{2,14}}?(?:令|公告))\s*(?:(?P<year>\d{{4}})\s*年\s*)?第\s*(?P<num>\d{{1,4}})\s*号"
)
# Readers' forms for queries: year optional, brackets optional, 年 optional, partial prefix.
LOOSE_RE = re.compile(
    rf"(?P<prefix>{_CJK}{{1,12}}?)\s*(?:{_OPEN}\s*(?P<year>\d{{4}})\s*{_CLOSE}|(?P<year2>\d{{4}})\s*年?)?\s*第?\s*(?P<num>\d{{1,4}})\s*号"
)

# Words that precede a 文号 in running text but are never part of its prefix.
_LEADING_NOISE = re.compile(
    r"^.*?(?:根据|依据|按照|参照|对照|印发|下发|转发|执行|落实|贯彻|文件|以及|并且|已经|通知|意见|精神|和|及|与|的|即|是|见|在|按|据)"
)
# Delimiters that end the text before a prefix.
_DELIMS = "《》“”\"'‘’（()）、，,。：:；;！？ \t【】"


@dataclass(frozen=True, order=True)
class DocNumber:
    """A parsed 文号. `prefix` may be partial in queries (政办函 for 阳政办函)."""

    prefix: str
    year: int | None
    number: int
    kind: str = "bracketed"  # bracketed | order

    @property
    def normalised(self) -> str:
        if self.kind == "order":
            year = f"{self.year}年" if self.year else ""
            return f"{self.prefix}{year}第{self.number}号"
        year = f"〔{self.year}〕" if self.year else ""
        return f"{self.prefix}{year}{self.number}号"

    def matches(self, other: DocNumber) -> bool:
        """Does this (possibly partial) number name `other`? Prefix must be a substring (none: any
        prefix, as in 78号文 or 〔2020〕86号)."""
        if self.number != other.number:
            return False
        if self.year is not None and other.year is not None and self.year != other.year:
            return False
        return self.prefix in other.prefix

    def __str__(self) -> str:
        return self.normalised


def _clean_prefix(raw: str) -> str:
    return squash(raw)


def _trim_prefix(raw: str, known_prefixes: frozenset[str] = frozenset()) -> str:
    """Cut running text off the front of a prefix: '依据阳政发' -> '阳政发'."""
    prefix = _clean_prefix(raw)
    for known in sorted(known_prefixes, key=len, reverse=True):
        if prefix.endswith(known):
            return known
    for i in range(len(prefix) - 1, -1, -1):
        if prefix[i] in _DELIMS:
            prefix = prefix[i + 1 :]
            break
    trimmed = _LEADING_NOISE.sub("", prefix)
    if len(trimmed) >= 2:
        prefix = trimmed
    # Real 机关代字 are short; keep the tail when running text is glued on.
    return prefix[-8:] if len(prefix) > 8 else prefix


@dataclass(frozen=True)
class DocNumberMatch:
    number: DocNumber
    start: int
    end: int
    raw: str


def find_doc_numbers(text: str, known_prefixes: frozenset[str] = frozenset()) -> list[DocNumberMatch]:
    """Every 文号 (bracketed or 令/公告 form) in running text, left to right."""
    found: list[DocNumberMatch] = []
    taken: list[tuple[int, int]] = []  # disjoint spans by start, so their ends are in order too
    for regex, kind in ((BRACKETED_RE, "bracketed"), (ORDER_RE, "order")):
        for m in regex.finditer(text):
            before = bisect.bisect_left(taken, (m.end(), -1))  # the spans starting before m ends
            if before and taken[before - 1][1] > m.start():
                continue
            raw_prefix = m.group("prefix")
            prefix = _trim_prefix(raw_prefix, known_prefixes) if kind == "bracketed" else _clean_prefix(raw_prefix)
            if kind == "order":
                prefix = _trim_prefix(prefix, known_prefixes)
            if len(prefix) < 2:
                continue
            start = m.start("prefix") + _offset_of_suffix(m.group("prefix"), prefix)
            year = int(m.group("year")) if m.group("year") else None
            number = DocNumber(prefix, year, int(m.group("num")), kind)
            found.append(DocNumberMatch(number, start, m.end(), text[start : m.end()]))
            bisect.insort(taken, (start, m.end()))
    found.sort(key=lambda f: f.start)
    return found


def _offset_of_suffix(raw: str, squashed_suffix: str) -> int:
    """Index in `raw` where the (whitespace-free) suffix begins."""
    count = 0
    for i in range(len(raw) - 1, -1, -1):
        if not raw[i].isspace():
            count += 1
        if count == len(squashed_suffix):
            return i
    return 0


def parse_doc_number(text: str) -> DocNumber | None:
    """Parse a string that is exactly one 文号 (a 文号 line, a TOC field)."""
    text = text.strip().strip("()（）").strip()
    for regex, kind in ((BRACKETED_RE, "bracketed"), (ORDER_RE, "order")):
        m = regex.fullmatch(text)
        if m:
            year = int(m.group("year")) if m.group("year") else None
            return DocNumber(_clean_prefix(m.group("prefix")), year, int(m.group("num")), kind)
    return None


def doc_number_prefix(doc_number: str) -> str | None:
    """机关代字 of a normalised bracketed 文号 (阳政办发〔2020〕73号 -> 阳政办发); None for other forms."""
    prefix, bracket, _ = doc_number.partition("〔")
    return prefix if bracket else None


def known_prefixes(doc_numbers: Iterable[str | None]) -> frozenset[str]:
    """The 机关代字 of these normalised 文号: what a citation's prefix is recognised by."""
    return frozenset(p for n in doc_numbers if n and (p := doc_number_prefix(n)) is not None)


def normalise_doc_number(text: str) -> str | None:
    number = parse_doc_number(text)
    return number.normalised if number else None


def parse_loose(query: str) -> list[DocNumber]:
    """文号-like fragments in what a reader typed: 政办函117号, 阳政办发 2020 年 76 号, [2020]."""
    text = nfkc(query)
    results = []
    for m in LOOSE_RE.finditer(text):
        prefix = squash(m.group("prefix"))
        year_text = m.group("year") or m.group("year2")
        results.append(DocNumber(prefix, int(year_text) if year_text else None, int(m.group("num"))))
    return results
