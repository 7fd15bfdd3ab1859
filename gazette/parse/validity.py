"""施行 and 有效期 clauses: when a document takes effect and how long it stays in force.

General rules on the wording of Chinese normative documents, not a list of documents:
- effective: 自2020年9月1日起施行/实施/执行/生效; 自印发(发布、公布…)之日起… -> the document's
  own date; 自公布之日起30日后施行 -> that date plus 30 days;
- period: 有效期五年 / 有效期3年 / 有效期十二个月 (from the effective date), 有效期至2025年12月31日;
- 暂行 / 试行 in the title is noted.
A clause counts only when it speaks of the document itself: it starts with 本… (本办法、本规定 …),
with 自 or with 有效期, after the article label. "申办有效期5年以内的签证" is not a clause.
Each clause keeps the anchor of the unit (第十五条 -> art-15) or paragraph it stands in.
"""

from __future__ import annotations

import datetime as dt
import re

from gazette.model import BasisKind, Body, Citation, Paragraph, Unit, ValidityClause
from gazette.text.chars import squash
from gazette.text.dates import make_date, shift
from gazette.text.numerals import CHINESE_NUMERAL_CHARS, chinese_to_int

_NUM = rf"(?:\d+|[{CHINESE_NUMERAL_CHARS}]+)"
_DATE = r"(\d{4})年(\d{1,2})月(\d{1,2})日"
_VERB = r"(?:起)?(?:开始)?(?:施行|实施|执行|生效)"
_EFFECTIVE_DATE_RE = re.compile(rf"自{_DATE}{_VERB}")
_EFFECTIVE_EVENT_RE = re.compile(
    rf"自(印发|发布|公布|颁布|下发|发文|签发|印发公布)之日起(?:({_NUM})日后)?(?:开始)?(?:施行|实施|执行|生效)")
_PERIOD_RE = re.compile(rf"有效期(?:为|是)?({_NUM})(年|个月)")
_UNTIL_RE = re.compile(rf"有效期(?:至|到|截至)(?:{_DATE})")
# The clause speaks of the document itself: 本办法… / 自… / 有效期… (after a unit label).
# 本市/本县/本单位… is a place or a body, not the document: 本市自2021年起实施… is no clause.
_SUBJECT_RE = re.compile(
    r"^(?:本(?!市|省|县|区|州|盟|镇|乡|地|级|单位|部门|机关|行政区域|年度|年|月)[^，,；;。《》]{1,12}?(?:的)?)?(?:自|有效期)")
_LABEL_RE = re.compile(
    rf"^(?:第[{CHINESE_NUMERAL_CHARS}\d]+条|[（(][{CHINESE_NUMERAL_CHARS}\d]+[）)]|[{CHINESE_NUMERAL_CHARS}]+、|\d+[.．、])")
_PIECE_RE = re.compile(r"[^，,；;。：:]+")
_PROVISIONAL_RE = re.compile(r"暂行|试行")


def _date(y: str, m: str, d: str) -> dt.date | None:
    return make_date(int(y), int(m), int(d))


def clauses_in(text: str, line: int, anchor: str, label: str, own_date: dt.date | None) -> list[ValidityClause]:
    """施行 and 有效期 clauses of one paragraph (its text verbatim)."""
    found: list[ValidityClause] = []
    for m in _PIECE_RE.finditer(text):
        raw = m.group(0).strip()
        piece = _LABEL_RE.sub("", squash(raw), count=1)
        if not _SUBJECT_RE.match(piece):
            continue
        shown = _strip_label(raw)
        if e := _EFFECTIVE_DATE_RE.search(piece):
            found.append(ValidityClause(BasisKind.EFFECTIVE, shown, line, anchor, label, starts=_date(*e.groups())))
        elif e := _EFFECTIVE_EVENT_RE.search(piece):
            offset = chinese_to_int(e.group(2)) if e.group(2) else 0
            starts = shift(own_date, offset or 0) if own_date else None
            found.append(ValidityClause(BasisKind.EFFECTIVE, shown, line, anchor, label, starts=starts,
                                        relative=e.group(1), offset_days=offset or 0))
        if p := _PERIOD_RE.search(piece):
            count = chinese_to_int(p.group(1)) or 0
            if 0 < count <= 12 * 100:  # a longer 有效期 is no period (and no calendar date)
                years, months = (count, 0) if p.group(2) == "年" else (0, count)
                found.append(ValidityClause(BasisKind.PERIOD, shown, line, anchor, label, years=years, months=months))
        elif u := _UNTIL_RE.search(piece):
            until = _date(*u.groups())
            if until:
                found.append(ValidityClause(BasisKind.PERIOD, shown, line, anchor, label, until=until))
    return found


def _strip_label(text: str) -> str:
    """'第十五条 本办法有效期五年' -> '本办法有效期五年' (the label is shown separately)."""
    stripped = text.lstrip()
    m = _LABEL_RE.match(stripped)
    if not m:
        return stripped
    # the label may be spread over PDF wrap-spaces: drop characters until the squashed label is consumed
    want, at = len(m.group(0)), 0
    taken = 0
    while taken < want and at < len(stripped):
        if not stripped[at].isspace():
            taken += 1
        at += 1
    return stripped[at:].lstrip()


def _owners(body: Body) -> list[tuple[Paragraph, Unit | None]]:
    """Every paragraph of the body with the innermost unit it belongs to (None: before any unit)."""
    out: list[tuple[Paragraph, Unit | None]] = [(b, None) for b in body.blocks if isinstance(b, Paragraph)]
    for unit in body.walk_units():
        out.append((unit.heading, unit))
        out += [(b, unit) for b in unit.blocks if isinstance(b, Paragraph)]
    return out


def _anchor(paragraph: Paragraph, unit: Unit | None) -> tuple[str, str]:
    """(anchor, label) of the clause's spot; a paragraph outside any unit gets its own anchor."""
    if unit is not None and unit.anchor:
        return unit.anchor, unit.label if unit.kind == "article" else ""
    if not paragraph.anchor:
        paragraph.anchor = f"p{paragraph.lines[0]}"
    return paragraph.anchor, ""


def extract_validity(body: Body, own_date: dt.date | None, citations: list[Citation]) -> list[ValidityClause]:
    """The 施行/有效期 clauses of a body; repeal and amendment citations get their clause anchor."""
    clauses: list[ValidityClause] = []
    evidence_lines = {c.line for c in citations if c.repeals or c.revises}
    spots: dict[int, str] = {}
    for paragraph, unit in _owners(body):
        text = paragraph.text
        cheap = "施行" in text or "实施" in text or "执行" in text or "生效" in text or "有效期" in text
        if cheap:
            found = clauses_in(text, paragraph.lines[0], "", "", own_date)
            if found:
                anchor, label = _anchor(paragraph, unit)
                for clause in found:
                    clause.anchor, clause.label = anchor, label
                clauses += found
        if evidence_lines.intersection(paragraph.lines):
            anchor, _ = _anchor(paragraph, unit)
            for line in paragraph.lines:
                spots.setdefault(line, anchor)
    for citation in citations:
        if (citation.repeals or citation.revises) and not citation.anchor:
            citation.anchor = spots.get(citation.line, "")
    return clauses


def provisional(title: str) -> str | None:
    m = _PROVISIONAL_RE.search(title)
    return m.group(0) if m else None
