"""The parsed model as JSON (`python -m gazette parse FILE --json OUT`).

The schema is documented in README.md (section JSON schema); `schema` names its version.
Dates are YYYY-MM-DD, line numbers are 1-based source lines, 文号 are normalised.
"""

from __future__ import annotations

from typing import Any

from gazette.model import (
    Attachment,
    Block,
    Body,
    Citation,
    Document,
    EmbeddedDocument,
    ParsedIssue,
    Table,
    Task,
    Unit,
    UnitRef,
    ValidityClause,
)

SCHEMA = "gazette.parse/2"  # 2: no slug or citation target (link-stage results, never parsed)


def _refs(refs: list[UnitRef]) -> list[str]:
    return [r.canonical or r.raw for r in refs]


def task_json(task: Task, embedded: str | None) -> dict[str, Any]:
    return {
        "label": task.label, "anchor": task.anchor, "embedded": embedded, "text": task.text,
        "units_text": task.units_text,
        "lead": _refs(task.lead), "co": _refs(task.co), "implementing": _refs(task.implementing),
        "units": [{"raw": r.raw, "canonical": r.canonical, "role": role}
                  for role, refs in (("lead", task.lead), ("co", task.co), ("implementing", task.implementing))
                  for r in refs],
        "deadlines": [{"raw": d.raw, "kind": d.kind, "date": d.due.isoformat() if d.due else None,
                       "rrule": d.rule.rrule if d.rule else None} for d in task.deadlines],
        "lines": task.lines,
    }


def block_json(block: Block) -> dict[str, Any]:
    if isinstance(block, Table):
        return {"type": "table", "rows": block.rows, "lines": block.lines}
    data: dict[str, Any] = {"type": "paragraph", "role": block.role, "text": block.text, "lines": block.lines}
    if block.anchor:
        data["anchor"] = block.anchor
    return data


def unit_json(unit: Unit) -> dict[str, Any]:
    return {
        "kind": unit.kind, "label": unit.label, "number": unit.number, "anchor": unit.anchor,
        "title": unit.title if unit.is_title else None, "heading": block_json(unit.heading),
        "blocks": [block_json(b) for b in unit.blocks], "children": [unit_json(c) for c in unit.children],
        "notes": [{"kind": n.kind, "message": n.message, "line": n.line} for n in unit.notes],
    }


def body_json(body: Body) -> dict[str, Any]:
    return {"blocks": [block_json(b) for b in body.blocks], "units": [unit_json(u) for u in body.units]}


def citation_json(citation: Citation) -> dict[str, Any]:
    return {"raw": citation.raw, "kind": citation.kind, "key": citation.key, "line": citation.line,
            "repeals": citation.repeals, "revises": citation.revises,
            "anchor": citation.anchor, "start": citation.start, "end": citation.end}


def validity_json(clauses: list[ValidityClause], provisional: str | None) -> dict[str, Any]:
    """施行/有效期 clauses as the text states them (the status as of a date is the link stage's)."""
    return {"provisional": provisional, "clauses": [
        {"kind": c.kind.value, "text": c.text, "line": c.line, "anchor": c.anchor, "label": c.label,
         "starts": c.starts.isoformat() if c.starts else None, "relative": c.relative,
         "offset_days": c.offset_days, "years": c.years, "months": c.months,
         "until": c.until.isoformat() if c.until else None} for c in clauses]}


def attachment_json(attachment: Attachment) -> dict[str, Any]:
    return {"label": attachment.label, "title": attachment.title, "anchor": attachment.anchor,
            "lines": attachment.label_lines + attachment.title_lines, "body": body_json(attachment.body)}


def embedded_json(embedded: EmbeddedDocument) -> dict[str, Any]:
    return {
        "title": embedded.title, "lines": embedded.title_lines, "structure": embedded.structure,
        "chapters": [{"number": u.number, "label": u.label, "title": u.title, "anchor": u.anchor}
                     for u in embedded.body.chapters],
        "articles": [{"number": u.number, "label": u.label, "anchor": u.anchor, "line": u.heading.lines[0]}
                     for u in embedded.body.articles],
        "attachments": [attachment_json(a) for a in embedded.attachments],
        "tasks": [task_json(t, embedded.title) for t in embedded.tasks],
        "members": [vars(m) for m in embedded.members],
        "citations": [citation_json(c) for c in embedded.citations],
        "validity": validity_json(embedded.validity_clauses, embedded.provisional),
        "body": body_json(embedded.body),
    }


def document_json(document: Document) -> dict[str, Any]:
    tasks = [task_json(t, None) for t in document.tasks]
    for embedded in document.embedded:
        tasks += [task_json(t, embedded.title) for t in embedded.tasks]
    return {
        "doc_number": document.doc_number, "doc_number_raw": document.doc_number_raw,
        "title": document.title, "issuer": document.issuer,
        "date": document.date.isoformat() if document.date else None,
        "category": document.category, "page": document.page, "pdf_page": document.pdf_page,
        "addressees": document.addressees,
        "public": document.public, "lines": [document.first_line, document.last_line],
        "embedded": [embedded_json(e) for e in document.embedded],
        "tasks": tasks,
        "appointments": [vars(a) for a in document.appointments],
        "members": [vars(m) for m in document.members],
        "citations": [citation_json(c) for c in document.citations],
        "validity": validity_json(document.validity_clauses, document.provisional),
        "body": body_json(document.body),
        "closing": [block_json(p) for p in document.closing],
        "trailing": [block_json(b) for b in document.trailing],
    }


def issue_json(parsed: ParsedIssue) -> dict[str, Any]:
    issue = parsed.issue
    report = parsed.report
    findings = [{"code": f.code, "message": f.message, "line": f.line, "severity": f.severity,
                 "document": f.document} for f in report.findings]
    return {
        "schema": SCHEMA,
        "source": {"file": parsed.source_path, "sha256": parsed.source_sha256,
                   "pdf": parsed.pages.pdf if parsed.pages else None},
        "issue": {"key": issue.key, "title": issue.title, "year": issue.year, "number": issue.number,
                  "total_number": issue.total_number, "date": issue.date.isoformat() if issue.date else None,
                  "publisher": issue.publisher, "frequency": issue.frequency},
        "toc": [{"category": e.category, "title": e.title, "doc_number": e.doc_number, "page": e.page,
                 "lines": e.lines} for e in parsed.toc],
        "documents": [document_json(d) for d in parsed.documents],
        "errata": [vars(e) for e in parsed.errata],
        "report": {
            "coverage": round(report.coverage, 6), "covered_lines": report.covered_lines,
            "content_lines": report.content_lines, "unassigned_lines": report.unassigned,
            "duplicated_lines": report.duplicated,
            "warnings": [f for f in findings if f["severity"] == "warning"],
            "errors": [f for f in findings if f["severity"] == "error"],
        },
    }
