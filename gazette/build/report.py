"""The maintainer's report at the end of a build, in Chinese: per issue what was found, what looks
wrong and what to do about it (gazette/build/advice.py), then the verdict.

The terminal gets lists cut at _LISTED entries; the whole report (nothing cut) is also written to a
file whose path the terminal report names. Paths are shown relative to the project folder, so a
report never names another checkout's files.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from gazette.build.advice import FATAL, PROJECT, UNKNOWN_UNITS, UNRESOLVED, advice_for
from gazette.build.outputs import KINDS, OTHER, OutputStats
from gazette.link.archive import Archive
from gazette.model import FindingCode, ParsedIssue, Severity
from gazette.source.clean import printable
from gazette.text.docnumber import doc_number_prefix, known_prefixes

_LISTED = 12  # findings listed per issue and kind in the terminal; the report file lists all


def shown_path(path: Path | str, root: Path | None = None) -> str:
    """`path` relative to the project folder when it lies inside it (else as given), with / separators."""
    path = Path(path)
    if root is not None:
        try:
            return printable(path.resolve().relative_to(root.resolve()).as_posix())
        except ValueError:
            pass
    return printable(path.as_posix())


@dataclass
class IssueReport:
    path: str
    key: str
    documents: int
    toc_entries: int
    coverage: float
    errors: list[tuple[FindingCode, str]] = field(default_factory=list)  # (code, "file:line: message")
    warnings: list[tuple[FindingCode, str]] = field(default_factory=list)  # (code, "file:line: message")
    unknown_units: list[str] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)

    @classmethod
    def from_parsed(cls, parsed: ParsedIssue, path: str) -> IssueReport:
        report = cls(path, parsed.issue.key, len(parsed.documents), len(parsed.toc), parsed.report.coverage)
        for finding in parsed.report.findings:
            text = f"{path}:{finding.line}: {finding.message}" if finding.line else f"{path}: {finding.message}"
            if finding.code is FindingCode.UNKNOWN_UNIT:
                name = finding.subject or finding.message
                if name not in report.unknown_units:
                    report.unknown_units.append(name)
            elif finding.severity is Severity.ERROR:
                report.errors.append((finding.code, text))
            else:
                report.warnings.append((finding.code, text))
        return report


@dataclass
class StageReport:
    """One stage of the build: its name, how long it took and what it reused or rewrote (Chinese)."""

    name: str
    seconds: float
    detail: str = ""


@dataclass
class BuildReport:
    issues: list[IssueReport] = field(default_factory=list)
    fatal: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # warnings about bulletins/ itself (errata, PDFs), "file: message"
    parsed: int = 0
    cached: int = 0
    pages: int = 0
    markdown_reused: int = 0  # document pages not affected by what changed: their Markdown taken as it was
    page_cache: dict[str, int] = field(default_factory=dict)  # hits, misses, rendered_hits of gazette-cache
    seconds: float = 0.0
    stages: list[StageReport] = field(default_factory=list)
    outputs: OutputStats = field(default_factory=OutputStats)  # site/ and docs/ files rewritten or kept
    _stage_started: float = field(default_factory=time.monotonic, repr=False)
    errors_block: bool = False
    verdict: str = ""  # one line: built or not, and why
    site: str = ""  # where the site went, as shown
    file: Path | None = None  # the whole report, written by write()
    file_shown: str = ""
    site_notes: list[str] = field(default_factory=list)  # one line each about the site as a whole (no site_url …)

    @property
    def warning_count(self) -> int:
        return sum(len(i.warnings) + len(i.unknown_units) for i in self.issues) + len(self.notes)

    def add_links(self, archive: Archive) -> None:
        """Unresolved references that look local (this city's 文号 prefixes or titles)."""
        prefixes = known_prefixes(d.doc_number for i in archive.issues for d in i.documents)
        cities = {i.issue.city for i in archive.issues if i.issue.city}
        by_key = {i.key: i for i in self.issues}
        for page, citation in archive.unresolved:
            local = (citation.kind == "文号" and doc_number_prefix(citation.key) in prefixes) or (
                citation.kind == "title" and any(citation.key.startswith(c) for c in cities))
            if not local or "XX" in citation.key:
                continue
            issue = by_key.get(page.issue.issue.key)
            if issue is None:
                continue
            text = f"{issue.path}:{citation.line}: {citation.raw}"
            if text not in issue.unresolved:
                issue.unresolved.append(text)

    def lines(self, full: bool, strict: bool = False) -> list[str]:
        out = ["", "== 构建报告 =="]

        def listing(items: list[str], indent: str = "    ") -> None:
            shown = items if full else items[:_LISTED]
            out.extend(indent + text for text in shown)
            if len(items) > len(shown):
                where = f"见完整报告 {self.file_shown}" if self.file_shown else "完整列表见完整报告"
                out.append(f"{indent}……另有 {len(items) - len(shown)} 条，{where}")

        for issue in self.issues:
            flag = "有错误，未构建" if issue.errors else "通过"
            out += ["", f"{issue.key}（{issue.path}）：找到 {issue.documents} 份文件，目录列出 {issue.toc_entries} 份；"
                        f"正文覆盖率 {issue.coverage:.2%}【{flag}】"]
            for kind, entries in ((Severity.ERROR.label, issue.errors), (Severity.WARNING.label, issue.warnings)):
                counts = Counter(code for code, _ in entries)
                for code in sorted(counts):
                    advice = advice_for(code)
                    out.append(f"  {kind}：{advice.name}（{counts[code]} 处）")
                    out.append(f"    怎么办：{advice.action}")
                    listing([text for c, text in entries if c == code], "      ")
            if issue.unknown_units:
                out.append(f"  提示：{UNKNOWN_UNITS.name}（{len(issue.unknown_units)} 个）")
                out.append(f"    怎么办：{UNKNOWN_UNITS.action}")
                listing(issue.unknown_units, "      ")
            if issue.unresolved:
                out.append(f"  提示：{UNRESOLVED.name}（{len(issue.unresolved)} 处）")
                out.append(f"    怎么办：{UNRESOLVED.action}")
                listing(issue.unresolved, "      ")
        if self.notes:
            out += ["", f"提示：{PROJECT.name}（{len(self.notes)} 处）", f"  怎么办：{PROJECT.action}"]
            listing(self.notes)
        if self.fatal:
            out += ["", f"错误：{FATAL.name}（{len(self.fatal)} 处）", f"  怎么办：{FATAL.action}"]
            out += [f"    {message}" for message in self.fatal]
        if self.site_notes:
            out += [""] + [f"说明：{note}" for note in self.site_notes]
        out += self.cost_lines()
        issues = f"共 {len(self.issues)} 期（本次解析 {self.parsed} 期，{self.cached} 期未改动、直接沿用上次的解析结果）"
        out += ["", f"{issues}；页面 {self.pages} 个；提示 {self.warning_count} 条{'（--strict：提示也视为错误）' if strict else ''}；"
                    f"用时 {self.seconds:.1f} 秒"]
        if self.verdict:
            out.append(f"结论：{self.verdict}")
        if self.file_shown and not full:
            out.append(f"完整报告（不省略任何条目）：{self.file_shown}")
        return out

    def stage_done(self, name: str, detail: str = "") -> None:
        """Stage `name` ended now: it took the time since the previous stage ended (or the report began)."""
        now = time.monotonic()
        self.stages.append(StageReport(name, now - self._stage_started, detail))
        self._stage_started = now

    def cost_lines(self) -> list[str]:
        """Per stage its time and what it reused; per kind of output how many files were rewritten."""
        if not self.stages:
            return []
        out = ["", "各阶段用时："]
        for stage in self.stages:
            out.append(f"  {stage.name}：{stage.seconds:.1f} 秒" + (f"（{stage.detail}）" if stage.detail else ""))
        kinds = [name for name, _ in KINDS] + [OTHER]
        shown = [k for k in kinds if self.outputs.written[k] or self.outputs.kept[k]]
        if shown:
            out.append("输出文件（未变的文件保持原样，修改时间不变）：")
            for kind in shown:
                skipped = self.outputs.generated_skipped[kind]
                note = f"，其中 {skipped} 个输入未变、未重新生成" if skipped else ""
                out.append(f"  {kind}：改写 {self.outputs.written[kind]} 个，未变 {self.outputs.kept[kind]} 个{note}")
        return out

    def write(self, path: Path, shown: str, strict: bool = False) -> None:
        """The whole report, nothing cut, to `path` (written atomically)."""
        self.file, self.file_shown = path, shown
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_text("\n".join(self.lines(full=True, strict=strict)).lstrip("\n") + "\n", encoding="utf-8")
        tmp.replace(path)

    def print(self, out: TextIO, strict: bool = False) -> None:
        if self.fatal and not self.issues:  # bad input stopped the build before any issue was read:
            out.write("".join(f"错误：{message}\n" for message in self.fatal))  # one line each, file:line first
            return
        out.write("\n".join(self.lines(full=False, strict=strict)) + "\n")
