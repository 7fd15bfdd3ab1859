"""The human summary `python -m gazette parse` prints."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from gazette.model import FindingCode, ParsedIssue

# Findings that are expected in bulk and only worth a count unless --verbose.
_DIGEST_ONLY = {FindingCode.UNKNOWN_UNIT}


def print_summary(parsed: ParsedIssue, out: TextIO, verbose: bool = False) -> None:
    issue = parsed.issue
    documents = parsed.documents
    embedded = [e for d in documents for e in d.embedded]
    tasks = [t for d in documents for t in d.all_tasks]
    report = parsed.report
    write = out.write
    write(f"{issue.title} {issue.year}年第{issue.number}期 (总第{issue.total_number}期) {issue.date or ''} "
          f"{issue.publisher or ''} {issue.frequency or ''}\n")
    write(f"  目录 entries: {len(parsed.toc)}; documents: {len(documents)}; embedded documents: {len(embedded)}\n")
    write(f"  articles: {sum(len(e.body.articles) for e in embedded)}; tasks: {len(tasks)} "
          f"({sum(1 for t in tasks if t.lead)} with lead units); appointments: "
          f"{sum(len(d.appointments) for d in documents)}; group members: "
          f"{sum(len(d.members) + sum(len(e.members) for e in d.embedded) for d in documents)}\n")
    write(f"  coverage: {report.coverage:.2%} ({report.covered_lines}/{report.content_lines} non-blank lines)\n")
    if parsed.errata:
        write(f"  errata applied: {len(parsed.errata)}\n")
    for document in documents:
        write(f"  {document.doc_number or '(no 文号)':<22} {str(document.date or ''):<10} p.{document.page or '?':<3} "
              f"{document.category or '?'} | {document.title}\n")
        for e in document.embedded:
            shape = f"{len(e.body.chapters)} chapters, {len(e.body.articles)} articles" if e.body.articles else \
                f"{len(e.tasks)} tasks"
            write(f"      └ {e.title} ({shape})\n")
    counts = Counter(f.code for f in report.findings)
    write(f"  findings: {sum(counts.values())} " + ", ".join(f"{c}={n}" for c, n in sorted(counts.items())) + "\n")
    for finding in report.findings:
        if finding.code in _DIGEST_ONLY and not verbose:
            continue
        where = f"{parsed.source_path}:{finding.line}" if finding.line else parsed.source_path
        write(f"  {finding.severity}: {where}: [{finding.code}] {finding.message}\n")
