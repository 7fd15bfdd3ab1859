"""The page sidecar of an imported bulletin: `YYYY-NN.pages.json` beside `YYYY-NN.txt`.

The text file stays the plain verbatim text; the sidecar says on which page of the PDF
(and under which printed page number) each of its lines stands. It names the text it
belongs to by hash, and keeps a short hash of every line: when the text file is edited
after the import (a maintainer correcting it by hand), the lines are matched against the
imported ones by a text diff (difflib) and every line that still matches keeps its page;
a changed line between two unchanged lines of one page is on that page; the others lose
their page (unknown rather than wrong), and the note says how many.
"""

from __future__ import annotations

import difflib
import hashlib
import json
from pathlib import Path

from gazette.model import SourcePages

SCHEMA = "gazette.pages/1"
SUFFIX = ".pages.json"


def sidecar_path(text_file: Path) -> Path:
    return text_file.with_name(text_file.stem + SUFFIX)


def line_hash(line: str) -> str:
    return hashlib.sha1(line.encode("utf-8")).hexdigest()[:12]


def write_sidecar(text_file: Path, text_sha256: str, pages: SourcePages, removed: list[list],
                  normalised: list[list] | None = None) -> Path:
    """`lines`: [pdf page, printed page] per line of the text; `line_hashes`: a short hash of each line
    (to re-anchor an edited text); `removed`: [pdf page, kind, text] of every running head and page
    number the import took out; `normalised`: [line, kind, pdf page, context] of every change of
    spacing against the PDF's characters (gazette.pdfimport.lines)."""
    path = sidecar_path(text_file)
    text = text_file.read_text(encoding="utf-8").split("\n")
    if text and text[-1] == "":
        text.pop()
    data = {"schema": SCHEMA, "text_sha256": text_sha256, "pdf": pages.pdf,
            "lines": [[pdf, printed] for pdf, printed in zip(pages.pdf_pages, pages.printed_pages, strict=True)],
            "line_hashes": [line_hash(line) for line in text],
            "removed": removed, "normalised": normalised or []}
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return path


def reanchor(old_hashes: list[str], pdf_pages: list[int | None], printed: list[int | None],
             lines: list[str]) -> tuple[SourcePages, int, int]:
    """The pages of an edited text's lines from those of the imported text: (pages, lines kept by the
    diff, non-blank lines that lost their page)."""
    new_hashes = [line_hash(line) for line in lines]
    new_pdf: list[int | None] = [None] * len(lines)
    new_printed: list[int | None] = [None] * len(lines)
    matcher = difflib.SequenceMatcher(None, old_hashes, new_hashes, autojunk=False)
    kept = 0
    for tag, a0, a1, b0, b1 in matcher.get_opcodes():
        if tag == "equal":
            new_pdf[b0:b1], new_printed[b0:b1] = pdf_pages[a0:a1], printed[a0:a1]
            kept += sum(1 for line in lines[b0:b1] if line.strip())
        elif a0 > 0 and a1 < len(old_hashes) and pdf_pages[a0 - 1] == pdf_pages[a1] is not None:
            # Between two unchanged lines printed on one page: on that page.
            new_pdf[b0:b1] = [pdf_pages[a1]] * (b1 - b0)
            new_printed[b0:b1] = [printed[a1]] * (b1 - b0)
    lost = sum(1 for line, page in zip(lines, new_pdf, strict=True) if line.strip() and page is None)
    return SourcePages("", new_pdf, new_printed), kept, lost


def load_sidecar(text_file: Path, text_sha256: str, lines: list[str]) -> tuple[SourcePages | None, str | None]:
    """The pages of the text's lines, or (None, why not) when the sidecar is missing or broken; for a
    text edited since the import, the pages re-anchored (and a note saying how many lines lost theirs)."""
    path = sidecar_path(text_file)
    if not path.exists():
        return None, None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("schema") != SCHEMA:
            return None, f"{path.name}：未知的格式 {str(data.get('schema'))[:40]!r}，页码未用"
        rows = data["lines"]
        pdf_pages = [int(row[0]) if row[0] is not None else None for row in rows]
        printed = [int(row[1]) if row[1] is not None else None for row in rows]
        pdf = str(data["pdf"])
        hashes = [str(h) for h in data.get("line_hashes", [])]
    except (OSError, ValueError, KeyError, TypeError, IndexError) as exc:
        return None, f"{path.name}：页码文件无法读取（{type(exc).__name__}），页码未用"
    if Path(pdf).name != pdf:
        return None, f"{path.name}：原件文件名 {pdf[:60]!r} 不是同一文件夹中的文件，页码未用"
    if not (text_file.parent / pdf).is_file():
        return None, f"{path.name}：原件 {pdf} 不在文本旁边，页码和“查看原件”链接从略"
    note = None
    if data.get("text_sha256") != text_sha256:
        if len(hashes) != len(pdf_pages):
            return None, f"{path.name}：文本在导入后改过，页码文件中没有逐行记录，页码未用（重新导入可恢复）"
        pages, kept, lost = reanchor(hashes, pdf_pages, printed, lines)
        pdf_pages, printed = pages.pdf_pages, pages.printed_pages
        note = (f"{path.name}：文本在导入后改过；按文字对照，{kept} 行保留原件页码，{lost} 行失去页码"
                "（改正印刷错误请用 bulletins/errata.yaml，文本和页码都不变）")
    elif len(pdf_pages) != len(lines):
        return None, f"{path.name}：与文本不符（{len(pdf_pages)} 行页码，文本 {len(lines)} 行），页码未用"
    return SourcePages(pdf, pdf_pages, printed), note
