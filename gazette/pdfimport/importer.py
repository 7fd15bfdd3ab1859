"""`python -m gazette import FILE.pdf`: a new issue from the PDF the government publishes.

Extracts the text (gazette.pdfimport.extract), finds the issue's year and number on the
cover, writes bulletins/YYYY-NN.txt (the plain text, one paragraph a line), keeps the
PDF beside it as YYYY-NN.pdf, writes the page sidecar YYYY-NN.pages.json, parses the
result and prints, in Chinese, what was found and what to check.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from gazette.errors import InputError
from gazette.model import FindingCode, ParsedIssue, Severity, SourcePages
from gazette.parse.frontmatter import find_toc_start, parse_cover
from gazette.pdfimport.extract import PdfText, extract_pdf
from gazette.pdfimport.safety import check_pdf, sanitise_pdf
from gazette.source.pages import write_sidecar

_KEY_RE = re.compile(r"^\d{4}-\d{2}$")


@dataclass
class ImportResult:
    key: str
    text_file: Path
    pdf_file: Path
    sidecar: Path
    extracted: PdfText
    parsed: ParsedIssue
    sanitised: list[str] = field(default_factory=list)  # what was removed from the published copy


def text_of(extracted: PdfText) -> tuple[str, SourcePages]:
    """The .txt content (a blank line between paragraphs, as in the seed) and the page of each line."""
    out: list[str] = []
    pdf_pages: list[int] = []
    printed: list[int | None] = []
    for index, line in enumerate(extracted.lines):
        if index:
            out.append("")
            pdf_pages.append(line.pdf_page)
            printed.append(line.printed_page)
        out.append(line.text)
        pdf_pages.append(line.pdf_page)
        printed.append(line.printed_page)
    return "\n".join(out) + "\n", SourcePages("", pdf_pages, printed)


def issue_key(lines: list[str], path: Path) -> str:
    """YYYY-NN from the cover (the text before the 目录)."""
    toc = find_toc_start(lines, len(lines))
    issue, _, _ = parse_cover(lines, 0, toc if toc is not None else min(len(lines), 40), "")
    if not issue.year or not issue.number:
        raise InputError("封面上找不到年份和期号（如“2020年第4期”）；请用 --key YYYY-NN 指定", path)
    return issue.key


def import_pdf(pdf: Path, bulletins: Path, key: str | None = None, force: bool = False) -> ImportResult:
    from gazette.parse.loader import parse_file

    check_pdf(pdf)  # 不是 PDF / 文件不完整 / 加密 / 页数: one message per cause, before any extraction
    extracted = extract_pdf(pdf)
    text, pages = text_of(extracted)
    if key is not None and not _KEY_RE.match(key):
        raise InputError(f"--key 应为 YYYY-NN（如 2020-04），而不是 {key}", pdf)
    key = key or issue_key(text.split("\n"), pdf)
    bulletins.mkdir(parents=True, exist_ok=True)
    text_file, pdf_file = bulletins / f"{key}.txt", bulletins / f"{key}.pdf"
    if text_file.exists() and not force:
        raise InputError(f"{text_file} 已存在：这一期已经导入过；要覆盖请加 --force", pdf)
    data = text.encode("utf-8")
    text_file.write_bytes(data)
    staged = pdf_file.with_name(f".{pdf_file.name}.{os.getpid()}.sanitised")
    sanitised = sanitise_pdf(pdf, staged)  # the copy the site publishes runs nothing
    staged.replace(pdf_file)
    pages.pdf = pdf_file.name
    removed = [[r.pdf_page, r.kind, r.text] for r in extracted.removals]
    sidecar = write_sidecar(text_file, hashlib.sha256(data).hexdigest(), pages, removed)
    return ImportResult(key, text_file, pdf_file, sidecar, extracted, parse_file(text_file), sanitised)


def _ranges(numbers: list[int]) -> str:
    """[4, 5, 6, 9] -> '4–6、9'."""
    runs: list[list[int]] = []
    for n in sorted(set(numbers)):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return "、".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)


def removal_lines(extracted: PdfText) -> list[str]:
    """Every removal, grouped: one line per running head (digits aside) and one for the page numbers."""
    groups: dict[tuple[str, str], list[int]] = {}
    examples: dict[tuple[str, str], str] = {}
    for removal in extracted.removals:
        key = (removal.kind, re.sub(r"\d+", "#", removal.text) if removal.kind == "running-head" else "")
        groups.setdefault(key, []).append(removal.pdf_page)
        examples.setdefault(key, removal.text)
    out = []
    for (kind, _), pages in groups.items():
        if kind == "running-head":
            out.append(f"页眉“{examples[(kind, _)]}”：PDF 第 {_ranges(pages)} 页，共 {len(pages)} 处")
        else:
            printed = [extracted.printed[p] for p in pages if p in extracted.printed]
            out.append(f"页码（如“{examples[(kind, _)]}”）：PDF 第 {_ranges(pages)} 页，印刷页码 {_ranges(printed)}，"
                       f"共 {len(pages)} 处")
    return out


def print_report(result: ImportResult, out: TextIO) -> None:
    """What was found and what the maintainer should check, in Chinese."""
    extracted, parsed = result.extracted, result.parsed
    write = out.write
    issue = parsed.issue
    write(f"导入 {extracted.path.name}：{issue.title} {issue.year}年第{issue.number}期\n")
    printed = sorted(set(extracted.printed.values()))
    write(f"  PDF 共 {extracted.pages} 页；印有页码的 {len(extracted.printed)} 页"
          + (f"（第 {printed[0]}–{printed[-1]} 页）" if printed else "") + "\n")
    if extracted.empty_pages:
        write(f"  没有文字的页（图片或空白）：第 {'、'.join(map(str, extracted.empty_pages))} 页（PDF 页序）\n")
    joined = sum(1 for line in extracted.lines if line.joined > 1)
    write(f"  正文 {len(extracted.lines)} 段（其中 {joined} 段由换行接回）\n")
    kinds = Counter(r.kind for r in extracted.removals)
    write(f"  删除页眉 {kinds['running-head']} 处、页码 {kinds['page-number']} 处"
          f"（逐条记录在 {result.sidecar.name} 的 removed 中）：\n")
    for line in removal_lines(extracted):
        write(f"    {line}\n")
    write(f"  写入 {result.text_file}、{result.pdf_file}、{result.sidecar}\n")
    if result.sanitised:
        write(f"  发布的 PDF 中已删除：{'、'.join(result.sanitised)}（这些内容会在读者的阅读器中运行）\n")
    documents = parsed.documents
    embedded = sum(len(d.embedded) for d in documents)
    tasks = [t for d in documents for t in d.all_tasks]
    write(f"  目录 {len(parsed.toc)} 条，正文找到文件 {len(documents)} 件，印发的规定/方案 {embedded} 件，"
          f"任务 {len(tasks)} 项（有牵头单位的 {sum(1 for t in tasks if t.lead)} 项）\n")
    for document in documents:
        page = f"第 {document.page} 页" if document.page else "页码不明"
        write(f"    {document.doc_number or '（无文号）'}  {page}  {document.title}\n")
    errors = parsed.report.errors
    warnings = [f for f in parsed.report.findings if f.severity is not Severity.ERROR and f.code is not FindingCode.UNKNOWN_UNIT]
    write("请检查：\n")
    checks = []
    if len(parsed.toc) != len(documents):
        checks.append(f"目录列出 {len(parsed.toc)} 件，正文找到 {len(documents)} 件：对照原件核对文件的起止")
    if errors:
        checks.append(f"{len(errors)} 个错误（运行 python -m gazette parse {result.text_file} 查看）："
                      + "；".join(f"第 {f.line} 行 {f.message}" for f in errors[:3]))
    if warnings:
        checks.append(f"{len(warnings)} 条提示（python -m gazette parse {result.text_file} 逐条列出）")
    if extracted.empty_pages:
        checks.append("没有文字的页可能是扫描图片：其中的内容没有导入")
    if not extracted.printed:
        checks.append("PDF 中没有识别出页码：文件页码取自目录")
    checks.append("抽查几处段落的接续（跨页、跨行）与原件是否一致")
    for number, check in enumerate(checks, start=1):
        write(f"  {number}. {check}\n")
