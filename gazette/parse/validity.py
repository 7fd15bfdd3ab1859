"""施行 and 有效期 clauses: when a document takes effect and how long it stays in force.

General rules on the wording of Chinese normative documents, not a list of documents:
- effective: 自2020年9月1日起施行/实施/执行/生效; 自印发(发布、公布…)之日起… -> the document's
  own date; 自公布之日起30日后施行 -> that date plus 30 days;
- period: 有效期五年 / 有效期3年 / 有效期十二个月 (from the effective date), 有效期至2025年12月31日;
- until: 自2020年8月14日起至2020年12月31日执行 / 自…起施行，至…止 (the sentence's own 至…);
- a period the title names (阳泉市2020年… / 2021年度… / （2020-2022年） / “十四五”): see title_period;
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
from gazette.text.dates import arabic_dates, make_date, shift
from gazette.text.numerals import CHINESE_NUMERAL_CHARS, chinese_to_int

_NUM = rf"(?:\d+|[{CHINESE_NUMERAL_CHARS}]+)"
_DATE = r"(\d{4})年(\d{1,2})月(\d{1,2})日"
_EFFECTIVE_DATE_RE = re.compile(rf"自{_DATE}(?:起)?(?:至[^，,；;。]*?)?(?:开始)?(?:施行|实施|执行|生效|试行)")
_EFFECTIVE_EVENT_RE = re.compile(
    rf"自(?:(印发|发布|公布|颁布|下发|发文|签发|印发公布)之日|(即日))起(?:({_NUM})日后)?(?:开始)?(?:至[^，,；;。]*?)?"
    r"(?:施行|实施|执行|生效|试行)")
_PERIOD_RE = re.compile(rf"有效期(?:限)?(?:为|是)?({_NUM})(年|个月)")
_UNTIL_RE = re.compile(rf"有效期(?:限)?(?:为)?(?:至|到|截至|截止到|截止至|截止)(?:{_DATE})")
# 执行期限为2021年1月1日至2022年12月31日 / 有效期自…起至…止: both ends in one phrase.
_TERM_SPAN_RE = re.compile(rf"(?:执行|实施|有效)期(?:限)?(?:为|是)?自?{_DATE}起?(?:至|到){_DATE}止?")
# …起施行，2026年2月28日废止: the day it ends, in the piece after its 施行 (in force until the day before).
_ENDS_ON_RE = re.compile(rf"^(?:并|同时)?(?:于|至|到)?{_DATE}(?:起)?(?:自行|自动)?(?:废止|失效|停止执行)$")
# 自…起…至2020年12月31日(止|执行): the end of a span the sentence opens with 自.
# Possessive \s*+: two adjacent \s* over a run of spaces would split it every way (quadratic).
_SPAN_END_RE = re.compile(rf"(?:^|[，,]|起)\s*+(?:执行|施行|实施|有效)?\s*+至\s*+{_DATE}(?:止|执行|有效|结束)?")
# The clause speaks of the document itself: 本办法… / 自… / 有效期… (after a unit label).
# 本市/本县/本单位… is a place or a body, not the document: 本市自2021年起实施… is no clause.
_SUBJECT_RE = re.compile(
    r"^(?:(?:本(?!市|省|县|区|州|盟|镇|乡|地|级|单位|部门|机关|行政区域|年度|年|月)|以上)[^，,；;。《》]{1,12}?(?:的)?)?"
    r"(?:自|有效期|执行期|实施期)")
_LABEL_RE = re.compile(
    rf"^(?:第[{CHINESE_NUMERAL_CHARS}\d]+条|[（(][{CHINESE_NUMERAL_CHARS}\d]+[）)]|[{CHINESE_NUMERAL_CHARS}]+、|\d+[.．、])")
_PIECE_RE = re.compile(r"[^，,；;。：:]+")
_SENTENCE_RE = re.compile(r"[^；;。]+")
_PROVISIONAL_RE = re.compile(r"暂行|试行")


def _date(y: str, m: str, d: str) -> dt.date | None:
    return make_date(int(y), int(m), int(d))


def clauses_in(text: str, line: int, anchor: str, label: str, own_date: dt.date | None) -> list[ValidityClause]:
    """施行 and 有效期 clauses of one paragraph (its text verbatim)."""
    found: list[ValidityClause] = []
    for sentence in _SENTENCE_RE.finditer(text):
        pieces = list(_PIECE_RE.finditer(sentence.group(0)))
        for index, m in enumerate(pieces):
            raw = m.group(0).strip()
            piece = arabic_dates(_LABEL_RE.sub("", squash(raw), count=1))
            if not _SUBJECT_RE.match(piece):
                continue
            shown = _strip_label(raw)
            if e := _EFFECTIVE_DATE_RE.search(piece):
                found.append(ValidityClause(BasisKind.EFFECTIVE, shown, line, anchor, label, starts=_date(*e.groups())))
            elif e := _EFFECTIVE_EVENT_RE.search(piece):
                offset = chinese_to_int(e.group(3)) if e.group(3) else 0
                starts = shift(own_date, offset or 0) if own_date else None
                found.append(ValidityClause(BasisKind.EFFECTIVE, shown, line, anchor, label, starts=starts,
                                            relative=e.group(1) or e.group(2), offset_days=offset or 0))
            if t := _TERM_SPAN_RE.search(piece):
                starts, until = _date(*t.groups()[:3]), _date(*t.groups()[3:])
                if starts and until and starts <= until:
                    found.append(ValidityClause(BasisKind.EFFECTIVE, shown, line, anchor, label, starts=starts))
                    found.append(ValidityClause(BasisKind.PERIOD, shown, line, anchor, label, until=until))
                continue
            if p := _PERIOD_RE.search(piece):
                count = chinese_to_int(p.group(1)) or 0
                if 0 < count <= 12 * 100:  # a longer 有效期 is no period (and no calendar date)
                    years, months = (count, 0) if p.group(2) == "年" else (0, count)
                    found.append(ValidityClause(BasisKind.PERIOD, shown, line, anchor, label, years=years, months=months))
            elif u := _UNTIL_RE.search(piece):
                if until := _date(*u.groups()):
                    found.append(ValidityClause(BasisKind.PERIOD, shown, line, anchor, label, until=until))
            elif piece.startswith(("自", "本", "以上")) or "自" in piece[:14]:
                # 自…起…至YYYY年M月D日止: the end stands in this piece or the next one of the sentence
                for follow in pieces[index:index + 2]:
                    tail = arabic_dates(squash(follow.group(0)))
                    span = shown if follow is m else f"{shown}，{follow.group(0).strip()}"
                    if (follow is m or tail.startswith("至")) and (s := _SPAN_END_RE.search(tail)) \
                            and (until := _date(*s.groups())):
                        found.append(ValidityClause(BasisKind.PERIOD, span, line, anchor, label, until=until))
                        break
                    if follow is not m and (s := _ENDS_ON_RE.match(tail)) and (last := _date(*s.groups())):
                        found.append(ValidityClause(BasisKind.PERIOD, span, line, anchor, label,
                                                    until=last - dt.timedelta(days=1)))
                        break
    return found


# Starts with a bracket or a digit, never \s* (a search would retry it at every space of a run), possessive
# runs after: linear on any line.
_YEARS_RE = re.compile(r"(?:[（(]\s*+)?(\d{4})\s*+年?\s*+[-－—–~～至到]++\s*+(\d{4})\s*+年(?:度)?\s*+[）)]?")
_YEAR_RE = re.compile(r"(?<!\d)(\d{4})\s*年(?:度)?(?!\s*\d{1,2}\s*月|\s*[（(]?\s*(?:修订|修正|修改|版|第))")
_PLAN_PERIODS = {"十三五": 2020, "十四五": 2025, "十五五": 2030, "十六五": 2035}


def title_period(title: str) -> tuple[dt.date, str] | None:
    """The last day of the period a title names, with that phrase: 阳泉市2020年… -> 2020-12-31;
    …（2020-2022年） -> 2022-12-31; 2021年度… -> 2021-12-31; “十四五”… -> 2025-12-31.
    A year of a revision (2020年修订) or a date (2020年9月) is no period."""
    text = arabic_dates(squash(title))
    if (m := _YEARS_RE.search(text)) and int(m.group(1)) <= int(m.group(2)):
        return dt.date(int(m.group(2)), 12, 31), m.group(0)
    years = [(int(m.group(1)), m.group(0)) for m in _YEAR_RE.finditer(text)]
    if years:
        year, phrase = max(years)
        return dt.date(year, 12, 31), phrase
    for name, last in _PLAN_PERIODS.items():
        if name in text:
            return dt.date(last, 12, 31), name
    return None


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
