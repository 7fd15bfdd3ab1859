"""`python -m gazette import FILE.pdf`: a new issue from the PDF the government publishes.

Extracts the text (gazette.pdfimport.extract), finds the issue's year and number on the
cover, writes bulletins/YYYY-NN.txt (the plain text, one paragraph a line), keeps the
PDF beside it as YYYY-NN.pdf, writes the page sidecar YYYY-NN.pages.json, parses the
result and prints, in Chinese, what was found and what to check.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from gazette.errors import InputError
from gazette.model import FindingCode, ParsedIssue, Severity, SourcePages
from gazette.parse.frontmatter import find_toc_start, parse_cover
from gazette.pdfimport.extract import PdfText, extract_pdf, first_lines
from gazette.pdfimport.lines import NormalisationKind
from gazette.pdfimport.safety import check_pdf, sanitise_pdf
from gazette.source.pages import write_sidecar
from gazette.text.chars import squash
from gazette.text.docnumber import parse_doc_number

_KEY_RE = re.compile(r"^\d{4}-\d{2}$")
# What the report calls each kind of spacing change (gazette.pdfimport.lines.NormalisationKind).
NOTE_NAMES: dict[NormalisationKind, str] = {
    "joined": "折行接回", "joined-with-space": "折行接回并补一个空格", "title-lines": "居中标题的多行以空格相接",
    "justification": "两端对齐的字距（无空格字符）去掉", "cjk-latin-gap": "中文与数字/字母之间的间距（无空格字符）去掉",
    "word-gap": "西文词间距记为空格", "cell-gap": "表格或制表位的宽间距记为制表符",
    "table-row": "有框线表格的一行（单元格内折行接回，单元格间为制表符）",
}


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
    pdf_pages: list[int | None] = []
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


def _refuse_existing(bulletins: Path, key: str, force: bool, pdf: Path) -> None:
    text_file = bulletins / f"{key}.txt"
    if text_file.exists() and not force:
        raise InputError(f"{text_file} 已存在：这一期已经导入过；要覆盖请加 --force", pdf)


def _cover_key(pdf: Path) -> str | None:
    """The issue's key from the first pages, before the whole PDF is read (None: not found there)."""
    try:
        return issue_key(first_lines(pdf), pdf)
    except InputError:
        return None


def import_pdf(pdf: Path, bulletins: Path, key: str | None = None, force: bool = False) -> ImportResult:
    from gazette.parse.loader import parse_file

    if key is not None and not _KEY_RE.match(key):
        raise InputError(f"--key 应为 YYYY-NN（如 2020-04），而不是 {key}", pdf)
    if not pdf.is_file():
        raise InputError("文件不存在", pdf)
    check_pdf(pdf)  # 不是 PDF / 文件不完整 / 加密 / 页数: one message per cause, before any extraction
    early = key or _cover_key(pdf)
    if early:  # an issue imported before is refused before the whole PDF is read
        _refuse_existing(bulletins, early, force, pdf)
    extracted = extract_pdf(pdf)
    text, pages = text_of(extracted)
    key = key or issue_key(text.split("\n"), pdf)
    _refuse_existing(bulletins, key, force, pdf)
    bulletins.mkdir(parents=True, exist_ok=True)
    text_file, pdf_file = bulletins / f"{key}.txt", bulletins / f"{key}.pdf"
    data = text.encode("utf-8")
    text_file.write_bytes(data)
    staged = pdf_file.with_name(f".{pdf_file.name}.{os.getpid()}.sanitised")
    sanitised = sanitise_pdf(pdf, staged)  # the copy the site publishes runs nothing
    staged.replace(pdf_file)
    pages.pdf = pdf_file.name
    removed = [[r.pdf_page, r.kind, r.text] for r in extracted.removals]
    normalised = [[2 * index + 1, note.kind, note.pdf_page, note.context]
                  for index, line in enumerate(extracted.lines) for note in line.notes]
    sidecar = write_sidecar(text_file, hashlib.sha256(data).hexdigest(), pages, removed, normalised)
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
    notes = Counter(note.kind for line in extracted.lines for note in line.notes)
    if notes:
        write("  间距与换行的处理（逐条记录在 " + result.sidecar.name + " 的 normalised 中）："
              + "、".join(f"{NOTE_NAMES[kind]} {notes[kind]} 处" for kind in NOTE_NAMES if notes[kind]) + "\n")
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
    lines = result.text_file.read_text(encoding="utf-8").split("\n")
    entries = {e.lines[0]: e for e in parsed.toc}
    missing = [entries[f.line] for f in errors if f.code is FindingCode.TOC_ENTRY_NOT_FOUND and f.line in entries]
    toc_end = max((n for e in parsed.toc for n in e.lines), default=0)
    repeated = repeated_numbers(result)
    write("请检查：\n")
    checks: list[list[str]] = []
    if missing:
        checks.append([f"目录列出 {len(parsed.toc)} 件，其中 {len(missing)} 件在正文中没有找到"
                       "（多半是换行接错：对照原件看最接近的正文行；空格显示为 ␣，制表符为 ⇥）："]
                      + [_nearest_line(entry.doc_number or "", entry.title, lines, toc_end) for entry in missing])
    elif len(parsed.toc) != len(documents):
        checks.append([f"目录列出 {len(parsed.toc)} 件，正文找到 {len(documents)} 件：对照原件核对文件的起止"])
    if errors:
        checks.append([f"{len(errors)} 个错误（python -m gazette parse {result.text_file} 也会列出）："]
                      + [f"第 {f.line} 行：{_short(f.message)}" for f in errors])
    if repeated:
        checks.append([f"{len(repeated)} 个文号已在别的期中出现（构建时会因此停止：是否把同一期导入了两次？）："] + repeated)
    if warnings:
        checks.append([f"{len(warnings)} 条提示（python -m gazette parse {result.text_file} 逐条列出）"])
    if extracted.empty_pages:
        checks.append(["没有文字的页可能是扫描图片：其中的内容没有导入"])
    if not extracted.printed:
        checks.append(["PDF 中没有识别出页码：文件页码取自目录"])
    checks.append(["抽查几处段落的接续（跨页、跨行）与原件是否一致"])
    example = next((f.line for f in errors + warnings if f.line), None) or (documents[0].first_line if documents else 1)
    checks.append([f"原件印错的字，不要直接改 {result.text_file.name}（改过的行会失去原件页码），而是在 "
                   f"{result.text_file.parent / 'errata.yaml'} 中加一条勘误，例如：",
                   f"- issue: {result.key}", f"  line: {example}", f"  original: {_yaml_example(lines, example)}",
                   "  corrected: 改正后的文字", "  reason: 说明原件哪里印错"])
    for number, (first, *rest) in enumerate(checks, start=1):
        write(f"  {number}. {first}\n")
        for line in rest:
            write(f"       {line}\n")


def _short(text: str, limit: int = 100) -> str:
    return text if len(text) <= limit else text[:limit] + "……"


def _visible(text: str) -> str:
    return text.replace(" ", "␣").replace("\t", "⇥").replace("\u3000", "□")


def _nearest_line(number: str, title: str, lines: list[str], after: int) -> str:
    """A 目录 entry and the body line (after line `after`, the 目录's last) most like it, as printed."""
    wanted = squash(number or title[:40])
    body = [(i, line) for i, line in enumerate(lines, start=1) if line.strip() and i > after]
    def share(line: str) -> float:  # how much of the entry the line holds, in order
        blocks = difflib.SequenceMatcher(None, wanted, squash(line), autojunk=False).get_matching_blocks()
        return sum(b.size for b in blocks) / max(len(wanted), 1)

    scored = [(share(line), -len(line), i, line) for i, line in body]
    ratio, _, line_number, line = max(scored, default=(0.0, 0, 0, ""))
    name = number or _short(title, 40)
    return (f"{name}：最接近的正文是第 {line_number} 行“{_visible(line[:80])}”" if ratio > 0.6
            else f"{name}：正文中没有相近的行")


def _yaml_example(lines: list[str], line: int) -> str:
    text = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    return json.dumps(text[:20], ensure_ascii=False) if text else "原件上印的文字"


def repeated_numbers(result: ImportResult) -> list[str]:
    """文号 of this issue printed as a 文号 line in another issue's text in the same folder."""
    mine = {d.doc_number: d.doc_number_line for d in result.parsed.documents if d.doc_number}
    found: list[str] = []
    for other in sorted(result.text_file.parent.glob("*.txt")):
        if other == result.text_file or not _KEY_RE.match(other.stem):
            continue
        try:
            text = other.read_text(encoding="utf-8", errors="replace").split("\n")
        except OSError:
            continue
        for index, line in enumerate(text, start=1):
            if len(line) < 40 and (number := parse_doc_number(line)) and number.normalised in mine:
                found.append(f"{number.normalised}（本期第 {mine[number.normalised]} 行）已在 {other.name} 第 {index} 行")
    return found
