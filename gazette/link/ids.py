"""Stable, ASCII page paths derived from the 文号 (never from positions in the archive).

阳政办发〔2020〕79号 in issue 2020-04 -> 2020/04/yzbf-2020-079/ ; its embedded regulations
-> 2020/04/yzbf-2020-079/1/ … Adding issues never changes an existing path: a path depends
only on its own issue and its own 文号 (or, lacking one, its position in its own issue).
"""

from __future__ import annotations

import functools
import re

from pypinyin import Style, lazy_pinyin

from gazette.errors import BuildError
from gazette.source.clean import printable
from gazette.source.names import is_issue_key
from gazette.text.chars import is_cjk


@functools.lru_cache(maxsize=65536)
def initials(text: str) -> str:
    """Pinyin initials of the CJK characters, ASCII letters and digits kept: 阳政办发 -> yzbf."""
    out = []
    for ch in text:
        if is_cjk(ch):
            out.append(lazy_pinyin(ch, style=Style.FIRST_LETTER)[0][:1].lower())
        elif ch.isascii() and ch.isalnum():
            out.append(ch.lower())
    return "".join(out)


def _ascii_pieces(chars: str) -> list[str]:
    return [c for c in chars if c.isascii() and c.isalnum()]


@functools.lru_cache(maxsize=65536)
def slugify(text: str) -> str:
    """Full pinyin, hyphenated: 市卫健委 -> shi-wei-jian-wei (for unit, category, issuer pages)."""
    parts: list[str] = []
    # pypinyin takes a list from `errors` too (one piece per character); its annotation says str only.
    for piece in lazy_pinyin(text, errors=_ascii_pieces):  # type: ignore[arg-type]
        piece = re.sub(r"[^a-z0-9]+", "", piece.lower())
        if piece:
            parts.append(piece)
    return "-".join(parts) or "x"


_DOC_RE = re.compile(r"^(?P<prefix>.+?)〔(?P<year>\d{4})〕(?P<num>\d+)号$")
_ORDER_RE = re.compile(r"^(?P<prefix>.+?)(?:(?P<year>\d{4})年)?第(?P<num>\d+)号$")


def document_slug(doc_number: str | None, ordinal: int) -> str:
    """yzbf-2020-079 from 阳政办发〔2020〕79号; doc-07 when there is no 文号."""
    if doc_number:
        m = _DOC_RE.match(doc_number) or _ORDER_RE.match(doc_number)
        if m:
            year = f"-{m.group('year')}" if m.group("year") else ""
            return f"{initials(m.group('prefix'))}{year}-{int(m.group('num')):03d}"
    return f"doc-{ordinal:02d}"


def issue_path(key: str) -> str:
    """'2020-04' -> '2020/04'. Only a strict key (gazette.source.names) ever becomes a path."""
    if not is_issue_key(key):
        raise BuildError(f"期号 {printable(key)} 不是“年-期号”：不能据此生成网页路径（请把文件改名为 年-期号.txt）")
    year, _, number = key.partition("-")
    return f"{year}/{number}" if number else key
