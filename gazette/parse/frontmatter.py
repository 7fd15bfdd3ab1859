"""The cover and the printed 目录 (table of contents).

Two TOC layouts occur (even within one issue): a bulleted one where an entry wraps onto
a second line ending '(文号) (页码)', and a one-line one with dot leaders and a tab
before '（页码）'. Both are read by accumulating lines until one ends with a page number.
"""

from __future__ import annotations

import re

from gazette.model import Finding, FindingCode, Issue, Paragraph, TocEntry
from gazette.parse.lines import strip_bullet
from gazette.text.chars import closing_group_start, squash
from gazette.text.dates import make_date
from gazette.text.docnumber import normalise_doc_number
from gazette.text.titles import remove_wrap_spaces

# The page number at the end of a 目录 line; its dot leaders are stripped by _strip_leaders, not by a
# regular expression: `[.…]*\(\d+\)$` searched over 40,000 leaders retries at each of them (quadratic).
_PAGE_RE = re.compile(r"[(（]\s*(\d{1,4})\s*[)）]\s*$")
_LEADERS = ".…·。\u2026"
_CATEGORY_RE = re.compile(r"^\s*【\s*(.+?)\s*】\s*$")
_TOC_CONTINUED_RE = re.compile(r"^\s*+(?:目\s*+录|目\s*+次)?\s*+[（(]\s*+续\s*+[)）]\s*+$")  # 目录（续） on its second page
_ISSUE_NO_RE = re.compile(r"(\d{4})\s*年?\s*第\s*(\d{1,3})\s*期")
_TOTAL_RE = re.compile(r"总\s*第\s*(\d{1,5})\s*期")
_PUBLISHED_RE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*出\s*版")
_FREQUENCY_RE = re.compile(r"(半月刊|双月刊|月刊|季刊|旬刊|周刊|年刊)")
_PUBLISHER_ROLES = ("主管主办", "编辑出版", "主管", "主办", "编印", "出版")  # longest first


def find_toc_start(lines: list[str], end: int) -> int | None:
    """0-based index of the 目录 line within lines[:end]."""
    for i in range(min(end, len(lines))):
        if squash(lines[i]) in ("目录", "目次"):
            return i
    return None


def parse_cover(lines: list[str], start: int, end: int, fallback_key: str) -> tuple[Issue, list[Paragraph], list[Finding]]:
    """Cover metadata from lines[start:end] (0-based, end exclusive)."""
    findings: list[Finding] = []
    paragraphs = [Paragraph(lines[i].strip(), [i + 1], role="cover") for i in range(start, end) if lines[i].strip()]
    texts = [(p.lines[0], p.text) for p in paragraphs]
    title = next((squash(t) for _, t in texts if squash(t).endswith("公报")), None)
    year = number = total = None
    date = publisher = frequency = None
    for line, text in texts:
        if year is None and (m := _ISSUE_NO_RE.search(text)):
            year, number = int(m.group(1)), int(m.group(2))
        if total is None and (m := _TOTAL_RE.search(text)):
            total = int(m.group(1))
        if date is None and (m := _PUBLISHED_RE.search(text)):
            date = make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if date is None:
                findings.append(Finding(FindingCode.BAD_DATE, f"不可能的出版日期：{text}", line))
        if frequency is None and (m := _FREQUENCY_RE.search(text)):
            frequency = m.group(1)
        if publisher is None and (name := _publisher(text.replace("(", "（"))) and "公报" not in text:
            publisher = squash(name)
    for field_name, value in (("刊名", title), ("年份和期号", year), ("出版日期", date)):
        if value is None:
            findings.append(Finding(FindingCode.COVER_MISSING, f"封面：没有找到{field_name}", texts[0][0] if texts else 1))
    key = f"{year}-{number:02d}" if year and number else fallback_key
    issue = Issue(title or "政府公报", year, number, total, date, publisher, frequency, key=key)
    return issue, paragraphs, findings


def _publisher(text: str) -> str | None:
    """'阳泉市人民政府办公室 主管主办' -> the name before the role (found from the end: a regular
    expression with a lazy name before \\s* backtracked quadratically over a long line)."""
    text = text.rstrip()
    role = next((r for r in _PUBLISHER_ROLES if text.endswith(r)), None)
    name = text[:-len(role)].rstrip() if role else ""
    return name or None


def _strip_leaders(text: str) -> str:
    end = len(text)
    while end and (text[end - 1].isspace() or text[end - 1] in _LEADERS):
        end -= 1
    return text[:end]


def _split_entry(text: str) -> tuple[str, str | None, int | None]:
    """'标题 (阳政发〔2020〕6 号) (1)' -> (标题, 文号 as printed, page)."""
    page = None
    m = _PAGE_RE.search(text)
    if m:
        page = int(m.group(1))
        text = text[: m.start()]
    text = _strip_leaders(text)
    doc_number = None
    if (i := closing_group_start(text)) is not None:
        inner = text[i + 1 : -1].strip()
        if normalise_doc_number(inner):
            doc_number, text = inner, text[:i]
    return text.strip(), doc_number, page


def parse_toc(lines: list[str], start: int, end: int) -> tuple[list[TocEntry], list[Paragraph], list[Finding]]:
    """TOC entries from lines[start:end]; `start` is the 目录 line."""
    entries: list[TocEntry] = []
    headings = [Paragraph(lines[start].strip(), [start + 1], role="toc")]
    findings: list[Finding] = []
    category: str | None = None
    pending: list[tuple[int, str]] = []
    for i in range(start + 1, end):
        raw = lines[i]
        if not raw.strip():
            continue
        if _TOC_CONTINUED_RE.match(raw):
            headings.append(Paragraph(raw.strip(), [i + 1], role="toc"))
            continue
        if m := _CATEGORY_RE.match(raw):
            if pending:
                findings.append(Finding(FindingCode.TOC_UNFINISHED, "目录条目没有页码", pending[0][0]))
                entries.append(_entry(category, pending))
                pending = []
            category = squash(m.group(1))
            headings.append(Paragraph(raw.strip(), [i + 1], role="toc"))
            continue
        text, _ = strip_bullet(raw)
        pending.append((i + 1, text.strip()))
        if _PAGE_RE.search(text):
            entries.append(_entry(category, pending))
            pending = []
    if pending:
        findings.append(Finding(FindingCode.TOC_UNFINISHED, "目录条目没有页码", pending[0][0]))
        entries.append(_entry(category, pending))
    return entries, headings, findings


def _entry(category: str | None, pending: list[tuple[int, str]]) -> TocEntry:
    title_raw, doc_number_raw, page = _split_entry(" ".join(text for _, text in pending))
    return TocEntry(
        category=category,
        title=remove_wrap_spaces(title_raw),
        title_raw=title_raw,
        doc_number=normalise_doc_number(doc_number_raw) if doc_number_raw else None,
        doc_number_raw=doc_number_raw,
        page=page,
        lines=[n for n, _ in pending],
    )
