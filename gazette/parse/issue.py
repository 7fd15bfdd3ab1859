"""Parse one bulletin issue: cover, 目录, documents and everything inside them."""

from __future__ import annotations

import re
from pathlib import Path

from gazette.model import (
    Document,
    Erratum,
    Finding,
    FindingCode,
    Paragraph,
    ParsedIssue,
    Report,
    Severity,
    SourcePages,
    TocEntry,
)
from gazette.parse.anchors import anchor_loose_text
from gazette.parse.citations import collect_citations
from gazette.parse.deadlines import parse_deadlines
from gazette.parse.embedded import split_tail, structure_of
from gazette.parse.frontmatter import find_toc_start, parse_cover, parse_toc
from gazette.parse.furniture import strip_furniture
from gazette.parse.leftovers import normalise_leftovers
from gazette.parse.lines import Line, classify_lines
from gazette.parse.notice import parse_notice
from gazette.parse.personnel import extract_appointments, extract_members
from gazette.parse.segment import MASTHEAD_END, DocumentAnchor, find_documents, find_numbered, front_end
from gazette.parse.tasks import extract_tasks
from gazette.parse.validate import validate
from gazette.parse.validity import extract_validity, provisional
from gazette.source.reader import SourceText
from gazette.text.dates import MAX_YEAR, MIN_YEAR, years_out_of_range
from gazette.text.docnumber import known_prefixes
from gazette.text.titles import title_key
from gazette.units.registry import UnitRegistry

_ISSUE_LINE_RE = re.compile(r"\d{4}\s*年?\s*第\s*\d{1,3}\s*期")


def parse_source(source: SourceText, units: UnitRegistry, errata: list[Erratum] | None = None) -> ParsedIssue:
    """Parse decoded lines (errata already applied) into the model, with its report."""
    findings: list[Finding] = [Finding(FindingCode.UNREADABLE_LINE, p.message, p.line, Severity.ERROR) if p.fatal else
                               Finding(FindingCode.CONTROL_CHARACTERS, p.message, p.line) for p in source.problems]
    findings += [Finding(FindingCode.DATE_OUT_OF_RANGE, f"年份 {'、'.join(map(str, years))} 不在 {MIN_YEAR}–{MAX_YEAR} 年之间："
                         "该行的日期和期限不予采用", n, subject=str(years[0]))
                 for n, line in enumerate(source.lines, start=1) if (years := years_out_of_range(line))]
    normalised, leftovers = normalise_leftovers(source.lines)  # converter markup out of the text, each reported
    findings += leftovers
    toc_start = find_toc_start(source.lines, len(source.lines))
    texts, furniture = strip_furniture(source.lines, toc_start + 1 if toc_start is not None else _cover_end(source.lines))
    findings += furniture
    lines = classify_lines(texts)  # each line classified once; every step below reads these
    floor = toc_start + 1 if toc_start is not None else 0
    numbered, numbered_findings = find_numbered(lines, floor)
    front_last = front_end(numbered, lines)
    fallback_key = Path(source.path).stem
    if toc_start is None or toc_start >= front_last:
        issue, cover, cover_findings = parse_cover(texts, 0, front_last, fallback_key)
        toc: list[TocEntry] = []
        toc_headings: list[Paragraph] = []
        findings.append(Finding(FindingCode.NO_TOC, "没有找到目录：文件仅从正文中识别，栏目和页码未知", 1))
    else:
        issue, cover, cover_findings = parse_cover(texts, 0, toc_start, fallback_key)
        toc, toc_headings, toc_findings = parse_toc(texts, toc_start, front_last)
        findings += toc_findings
    findings += cover_findings
    anchors, anchor_findings = find_documents(lines, toc, floor, numbered)
    findings += numbered_findings + anchor_findings
    if not anchors:
        findings.append(Finding(FindingCode.NO_DOCUMENTS, "没有找到任何文件（正文中既没有文号行，也没有目录中的标题）",
                                front_last + 1 if front_last < len(lines) else len(lines), Severity.ERROR))
    registry = units if units.city else units.with_city(issue.city)  # the site's configured city wins
    prefixes = known_prefixes(a.doc_number for a in anchors)
    documents = [_parse_document(lines, anchor, registry, prefixes, findings) for anchor in anchors]
    _attach_toc(documents, toc)
    for document in documents:  # yearless deadlines (年底前) are in the document's year
        year = document.date.year if document.date else issue.year
        for task in document.all_tasks:
            task.deadlines = parse_deadlines(task.text, year)
    if source.page_note:
        findings.append(Finding(FindingCode.PAGES_IGNORED, source.page_note, 1))
    if source.pages is not None:
        _attach_pages(documents, source.pages, findings)
    report = Report(findings=findings)
    parsed = ParsedIssue(issue, str(source.path), source.sha256, cover, toc, toc_headings, documents, report,
                         errata=[*(errata or []), *normalised], lines=list(texts), pages=source.pages)
    validate(parsed, lines)
    return parsed


def _parse_document(lines: list[Line], anchor: DocumentAnchor, registry: UnitRegistry,
                    prefixes: frozenset[str], findings: list[Finding]) -> Document:
    """One document: its parts, its structure, the documents it issues, and what they contain."""
    parts = parse_notice(lines, anchor)
    document = parts.document
    label = document.doc_number or document.title
    structure = structure_of(parts.body_lines, label)
    document.body = structure.body
    notice_texts = [b.text for b in document.body.all_blocks() if isinstance(b, Paragraph)]
    tail = split_tail(parts.tail_lines, notice_texts, label)
    document.embedded, document.trailing = tail.embedded, tail.trailing
    document.closing += tail.closing
    document.public = document.public or any(p.role == "public" for p in tail.closing)
    findings += parts.findings + structure.findings + tail.findings

    notice_blocks = [*document.body.all_blocks(), *document.trailing]
    document.tasks = extract_tasks(document.body, registry.resolve)
    document.appointments, found = extract_appointments([b for b in notice_blocks if isinstance(b, Paragraph)], label)
    findings += found
    document.members, found = extract_members(notice_blocks, document.title, label)
    findings += found
    document.citations = collect_citations(document.body, list(document.trailing), prefixes)
    for embedded in document.embedded:
        bodies = [embedded.body, *(a.body for a in embedded.attachments)]
        embedded.tasks = [task for body in bodies for task in extract_tasks(body, registry.resolve)]
        embedded.members, found = extract_members([b for body in bodies for b in body.all_blocks()], embedded.title,
                                                  label)
        findings += found
        embedded.citations = [c for body in bodies for c in collect_citations(body, known_prefixes=prefixes)]
        embedded.validity_clauses = extract_validity(embedded.body, document.date, embedded.citations)
        embedded.provisional = provisional(embedded.title)
    document.validity_clauses = extract_validity(document.body, document.date, document.citations)
    document.provisional = provisional(document.title)
    for task in document.all_tasks:
        for ref in (*task.lead, *task.co, *task.implementing):
            if ref.canonical is None:
                findings.append(Finding(FindingCode.UNKNOWN_UNIT, f"不在单位名录中：{ref.raw}", task.lines[-1],
                                        Severity.WARNING, label, subject=ref.raw))
    anchor_loose_text(document)
    return document


def _cover_end(lines: list[str]) -> int:
    """Without a 目录: the cover ends after the line naming the issue (…年第N期)."""
    for i, line in enumerate(lines[:40]):
        if _ISSUE_LINE_RE.search(line):
            return i + 1
    return 0


def _attach_pages(documents: list[Document], pages: SourcePages, findings: list[Finding]) -> None:
    """The page a document starts on, from the PDF it was imported from (the 目录 may be wrong)."""
    for document in documents:
        document.pdf_page = pages.pdf_page(document.first_line)
        printed = pages.printed_page(document.first_line)
        if printed is None:
            continue
        if document.page is not None and document.page != printed:
            findings.append(Finding(
                FindingCode.TOC_PAGE_MISMATCH, f"目录印的页码是第 {document.page} 页，原件 PDF 上这份文件印在第 {printed} 页",
                document.first_line, Severity.WARNING, document.doc_number or document.title))
        document.page = printed


def _attach_toc(documents: list[Document], toc: list[TocEntry]) -> None:
    by_number = {e.doc_number: e for e in toc if e.doc_number}
    by_title = {title_key(e.title): e for e in toc}
    for document in documents:
        entry = by_number.get(document.doc_number or "") or by_title.get(title_key(document.title))
        if entry is not None:
            document.category = entry.category
            document.page = entry.page
            if document.title.endswith(MASTHEAD_END) and "关于" not in document.title:
                # A 政府令 or numbered 公告 has a masthead, not a title: the 目录 names it by its subject.
                document.title = entry.title
