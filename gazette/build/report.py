"""The maintainer's report at the end of a build: per issue, what was found and what looks wrong."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from gazette.link.archive import Archive
from gazette.model import ParsedIssue

_LISTED = 12  # findings listed per issue and code before "… and N more"


@dataclass
class IssueReport:
    path: str
    key: str
    documents: int
    toc_entries: int
    coverage: float
    errors: list[str] = field(default_factory=list)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (code, "file:line: message")
    unknown_units: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)

    @classmethod
    def from_parsed(cls, parsed: ParsedIssue, path: Path) -> IssueReport:
        report = cls(str(path), parsed.issue.key, len(parsed.documents), len(parsed.toc), parsed.report.coverage)
        for finding in parsed.report.findings:
            where = f"{path}:{finding.line}" if finding.line else str(path)
            text = f"{where}: {finding.message}"
            if finding.code == "unknown-unit":
                name = finding.message.split(": ", 1)[-1]
                if name not in report.unknown_units:
                    report.unknown_units.append(name)
            elif finding.severity == "error":
                report.errors.append(text)
            else:
                report.warnings.append((finding.code, text))
        return report


@dataclass
class BuildReport:
    issues: list[IssueReport] = field(default_factory=list)
    fatal: list[str] = field(default_factory=list)
    parsed: int = 0
    cached: int = 0
    pages: int = 0
    seconds: float = 0.0
    errors_block: bool = False

    @property
    def warning_count(self) -> int:
        return sum(len(i.warnings) + len(i.unknown_units) for i in self.issues)

    def add_links(self, archive: Archive) -> None:
        """Unresolved references that look local (this city's 文号 prefixes or titles)."""
        prefixes = {d.doc_number.split("〔")[0] for i in archive.issues for d in i.documents
                    if d.doc_number and "〔" in d.doc_number}
        cities = {i.issue.city for i in archive.issues if i.issue.city}
        by_key = {i.key: i for i in self.issues}
        for page, citation in archive.unresolved:
            local = (citation.kind == "文号" and citation.key.split("〔")[0] in prefixes) or (
                citation.kind == "title" and any(citation.key.startswith(c) for c in cities))
            if not local or "XX" in citation.key:
                continue
            issue = by_key.get(page.issue.issue.key)
            text = f"{page.issue.source_path}:{citation.line}: {citation.raw}"
            if issue is not None and text not in issue.unresolved:
                issue.unresolved.append(text)

    def print(self, out: TextIO, strict: bool = False) -> None:
        write = out.write
        if self.fatal and not self.issues:  # bad input stopped the build before any issue was read
            for message in self.fatal:
                write(f"error: {message}\n")
            return
        write("\n== Build report ==\n")
        for issue in self.issues:
            flag = "OK" if not issue.errors else "ERRORS"
            write(f"\n{issue.key} ({issue.path}): {issue.documents} documents, 目录 lists {issue.toc_entries}; "
                  f"coverage {issue.coverage:.2%} [{flag}]\n")
            for error in issue.errors:
                write(f"  error: {error}\n")
            counts = Counter(code for code, _ in issue.warnings)
            for code in sorted(counts):
                listed = [text for c, text in issue.warnings if c == code]
                write(f"  warnings [{code}] ({len(listed)}):\n")
                for text in listed[:_LISTED]:
                    write(f"    {text}\n")
                if len(listed) > _LISTED:
                    write(f"    … and {len(listed) - _LISTED} more\n")
            if issue.unknown_units:
                write(f"  units not in the unit list ({len(issue.unknown_units)}): {'、'.join(issue.unknown_units)}\n")
            if issue.unresolved:
                write(f"  unresolved local references ({len(issue.unresolved)}):\n")
                for text in issue.unresolved[:_LISTED]:
                    write(f"    {text}\n")
                if len(issue.unresolved) > _LISTED:
                    write(f"    … and {len(issue.unresolved) - _LISTED} more\n")
        for message in self.fatal:
            write(f"\nerror: {message}\n")
        write(f"\nissues: {len(self.issues)} ({self.parsed} parsed, {self.cached} from cache); pages: {self.pages}; "
              f"warnings: {self.warning_count}{' (strict)' if strict else ''}; "
              f"time: {self.seconds:.1f}s\n")
