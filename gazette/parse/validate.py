"""The validation report: 目录 against body, duplicates, and line coverage.

Coverage proves that nothing was silently lost: every non-blank source line must belong
to exactly one block of the model (cover, 目录, a heading, a paragraph, a table …).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from gazette.model import Block, Body, Document, Finding, FindingCode, ParsedIssue, Severity, Table
from gazette.parse.lines import Line, pick
from gazette.text.titles import title_key


def document_blocks(document: Document) -> Iterator[Block]:
    """Every block of a document, in page order (notice, then embedded documents)."""
    yield from document.closing[:1] if document.closing and document.closing[0].role == "addressee" else ()
    yield from document.body.all_blocks()
    yield from (p for p in document.closing if p.role != "addressee")
    yield from document.trailing
    for embedded in document.embedded:
        yield from embedded.body.all_blocks()
        for attachment in embedded.attachments:
            yield from attachment.body.all_blocks()


def owned_lines(parsed: ParsedIssue) -> Counter[int]:
    """How many blocks claim each source line."""
    owners: Counter[int] = Counter()

    def claim(lines: list[int]) -> None:
        owners.update(lines)

    for paragraph in (*parsed.cover, *parsed.toc_headings):
        claim(paragraph.lines)
    for entry in parsed.toc:
        claim(entry.lines)
    for document in parsed.documents:
        claim(document.title_lines)
        if document.doc_number_line and document.doc_number_line not in document.title_lines:
            claim([document.doc_number_line])
        for block in document_blocks(document):
            claim(block.lines)
        for embedded in document.embedded:
            claim(embedded.title_lines)
            for attachment in embedded.attachments:
                claim(attachment.label_lines + attachment.title_lines)
    return owners


def validate(parsed: ParsedIssue, lines: list[Line]) -> None:
    report = parsed.report
    findings = report.findings
    _check_toc(parsed, findings)
    _check_duplicates(parsed, findings)
    _check_truncation(parsed, findings)
    owners = owned_lines(parsed)
    content = [line.number for line in lines if line.text]
    report.content_lines = len(content)
    report.unassigned = [n for n in content if owners[n] == 0]
    report.duplicated = sorted(n for n, count in owners.items() if count > 1)
    report.covered_lines = sum(1 for n in content if owners[n] == 1)
    for line in pick(lines, report.unassigned[:20]):
        findings.append(Finding(FindingCode.LINE_NOT_COVERED, f"该行未归入任何文件：{line.text[:30]}",
                                line.number, Severity.ERROR))
    for n in report.duplicated[:20]:
        findings.append(Finding(FindingCode.LINE_COVERED_TWICE, "该行同时归入两处", n, Severity.ERROR))


def _check_toc(parsed: ParsedIssue, findings: list[Finding]) -> None:
    documents = parsed.documents
    by_number = {d.doc_number: d for d in documents if d.doc_number}
    matched: set[int] = set()
    for entry in parsed.toc:
        document = by_number.get(entry.doc_number or "")
        if document is None:
            document = next((d for d in documents if title_key(d.title) == title_key(entry.title)), None)
        if document is None:
            findings.append(Finding(FindingCode.TOC_ENTRY_NOT_FOUND, f"目录列出 {entry.doc_number or ''} {entry.title}，"
                                    "正文中没有找到", entry.lines[0], Severity.ERROR, entry.doc_number))
            continue
        matched.add(id(document))
        if title_key(entry.title) != title_key(document.title):
            findings.append(Finding(
                FindingCode.TOC_TITLE_MISMATCH,
                f"目录标题与正文标题不一致：目录“{entry.title}”／正文“{document.title}”"
                f"（正文第 {document.title_lines[0]} 行）", entry.lines[0], Severity.WARNING, document.doc_number))
    if parsed.toc:
        for document in documents:
            if id(document) not in matched:
                findings.append(Finding(FindingCode.NOT_IN_TOC, f"目录中没有列出：{document.title}",
                                        document.first_line, Severity.WARNING, document.doc_number))


def _check_duplicates(parsed: ParsedIssue, findings: list[Finding]) -> None:
    seen: dict[str, Document] = {}
    for document in parsed.documents:
        if not document.doc_number:
            continue
        if document.doc_number in seen:
            findings.append(Finding(
                FindingCode.DUPLICATE_DOC_NUMBER,
                f"文号 {document.doc_number} 出现两次（第一次在第 {seen[document.doc_number].first_line} 行）",
                document.doc_number_line or document.first_line, Severity.ERROR, document.doc_number))
        else:
            seen[document.doc_number] = document


def _check_truncation(parsed: ParsedIssue, findings: list[Finding]) -> None:
    """A file cut short: the last document has no date/signature, or ends mid-sentence."""
    if not parsed.documents:
        return
    last = parsed.documents[-1]
    if last.date is None and not last.embedded:
        findings.append(Finding(FindingCode.TRUNCATED, "最后一个文件没有落款和日期：文件可能不完整",
                                last.last_line, Severity.ERROR, last.doc_number))
        return
    tail_body: Body = last.embedded[-1].body if last.embedded else last.body
    blocks = list(tail_body.all_blocks())
    final = blocks[-1] if blocks else None
    if final is not None and not isinstance(final, Table):
        text = final.text.rstrip()
        if text and text[-1] not in "。！？；：）)”’」》.!?;:>】" and len(text) > 30:
            findings.append(Finding(FindingCode.TRUNCATED, "文件在句中结束：文件可能不完整",
                                    final.lines[-1], Severity.ERROR, last.doc_number))
