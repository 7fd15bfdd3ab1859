"""The human summary `python -m gazette parse` prints."""

from __future__ import annotations

from collections import Counter
from typing import TextIO

from gazette.build.advice import advice_for
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
    write(f"{issue.title} {issue.year}年第{issue.number}期（总第{issue.total_number}期） {issue.date or ''} "
          f"{issue.publisher or ''} {issue.frequency or ''}\n")
    write(f"  目录 {len(parsed.toc)} 条；文件 {len(documents)} 份；所附文件 {len(embedded)} 份\n")
    write(f"  条文 {sum(len(e.body.articles) for e in embedded)} 条；任务 {len(tasks)} 项"
          f"（{sum(1 for t in tasks if t.lead)} 项有牵头单位）；任免 "
          f"{sum(len(d.appointments) for d in documents)} 项；小组成员 "
          f"{sum(len(d.members) + sum(len(e.members) for e in d.embedded) for d in documents)} 人\n")
    write(f"  正文覆盖率 {report.coverage:.2%}（非空行 {report.covered_lines}/{report.content_lines}）\n")
    if parsed.errata:
        write(f"  已按勘误更正 {len(parsed.errata)} 处\n")
    for document in documents:
        write(f"  {document.doc_number or '（无文号）':<22} {str(document.date or ''):<10} 第{document.page or '?'}页 "
              f"{document.category or '?'} | {document.title}\n")
        for e in document.embedded:
            shape = f"{len(e.body.chapters)} 章 {len(e.body.articles)} 条" if e.body.articles else \
                f"任务 {len(e.tasks)} 项"
            write(f"      └ {e.title}（{shape}）\n")
    counts = Counter(f.code for f in report.findings)
    write(f"  提示和错误共 {sum(counts.values())} 处" + "".join(
        f"；{advice_for(c).name} {n} 处" for c, n in sorted(counts.items())) + "\n")
    for finding in report.findings:
        if finding.code in _DIGEST_ONLY and not verbose:
            continue
        where = f"{parsed.source_path}:{finding.line}" if finding.line else parsed.source_path
        write(f"  {finding.severity.label}：{where}：{finding.message}（{finding.code}）\n")
