"""PDF -> the bulletin's text lines, each with the page it is printed on.

pdfminer.six (through pdfplumber) reads the text layer. What is layout and not text is
taken out here, each removal recorded: running heads (a line in the top or bottom band
of the page that recurs, digits aside, on several pages) and page numbers ('— 12 —',
'- 12 -', '12', '第12页'), whose value becomes the printed page of every line of that
page. Lines the typesetter wrapped are joined back into their paragraph: a line that
runs to the right margin continues on the next line when that one is not indented
(Chinese body text indents each paragraph by two characters; titles are centred).
Wide gaps inside a line (table cells, tab stops before a 目录 page number) become tabs.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from gazette.errors import InputError
from gazette.pdfimport.join import Line, join_lines
from gazette.pdfimport.lines import PrintedLine, group_lines
from gazette.pdfimport.tables import table_rows
from gazette.text.pagemarks import HEAD_NUMBER_RE, PAGE_NUMBER_RE, page_number

BAND = 0.12  # share of the page height at the top and bottom where heads and numbers are printed
_MAX_FURNITURE_LINES = 2  # lines per band that can be running heads / page numbers


@dataclass
class Removal:
    """A running head or page number taken out of the text."""

    pdf_page: int  # 1-based page of the PDF file
    kind: str  # running-head | page-number
    text: str


@dataclass
class PdfText:
    path: Path
    pages: int
    lines: list[Line] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)
    printed: dict[int, int] = field(default_factory=dict)  # pdf page -> printed page number
    empty_pages: list[int] = field(default_factory=list)  # pages without a text layer


def _read_pages(path: Path, limit: int | None = None) -> tuple[list[list[PrintedLine]], int]:
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(path)
    except (PdfminerException, PDFSyntaxError, ValueError, TypeError, KeyError) as exc:
        raise InputError(f"不是可读的 PDF 文件（{type(exc).__name__}）", path) from None
    pages: list[list[PrintedLine]] = []
    with pdf:
        for number, page in enumerate(pdf.pages[:limit] if limit else pdf.pages, start=1):
            try:
                chars = page.chars
                rows, chars = table_rows(page, number, chars)
            except (PdfminerException, PDFSyntaxError, ValueError, KeyError) as exc:
                raise InputError(f"第 {number} 页无法读取（{type(exc).__name__}）", path) from None
            lines = group_lines(chars, number, float(page.height), float(page.width)) + rows
            pages.append(sorted((line for line in lines if line.text.strip()), key=lambda line: line.top))
    return pages, len(pages)


def _mask(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _edge_lines(raws: list[PrintedLine]) -> list[list[PrintedLine]]:
    """The lines in the top band and in the bottom band of a page, each side from the page edge inward."""
    top: list[PrintedLine] = []
    for raw in raws[:_MAX_FURNITURE_LINES]:
        if raw.bottom > raw.page_height * BAND:
            break
        top.append(raw)
    bottom: list[PrintedLine] = []
    for raw in reversed(raws[-_MAX_FURNITURE_LINES:]):
        if raw.top < raw.page_height * (1 - BAND) or raw in top:
            break
        bottom.append(raw)
    return [top, bottom]


def _remove_furniture(pages: list[list[PrintedLine]], result: PdfText) -> list[list[PrintedLine]]:
    """Drop running heads and page numbers; record each removal and the printed page numbers.

    Furniture sits at the page edge: on each side, lines are taken from the edge inward and the
    first line that is neither ends the search. A number is a page number only when it agrees with
    the numbering most pages share (printed = PDF page - offset): a table cell '1' at the top of a
    page is text."""
    edges = [_edge_lines(raws) for raws in pages]
    recurring = Counter(masked for sides in edges for masked in {_mask(r.text) for side in sides for r in side})
    # Heads recur on many pages; a cover title printed twice (cover, inner cover) does not.
    threshold = max(2, -(-sum(1 for raws in pages if raws) // 5))
    offsets = Counter(r.page - n for sides in edges for side in sides for r in side
                      if (n := page_number(r.text)) is not None)
    offset = offsets.most_common(1)[0][0] if offsets else None
    kept_pages: list[list[PrintedLine]] = []
    for raws, sides in zip(pages, edges, strict=True):
        drop: set[int] = set()
        for side in sides:
            for raw in side:
                number = page_number(raw.text)
                if PAGE_NUMBER_RE.match(raw.text) and (number is None or raw.page - number == offset):
                    if number is not None:
                        result.printed.setdefault(raw.page, number)
                    result.removals.append(Removal(raw.page, "page-number", raw.text))
                elif recurring[_mask(raw.text)] >= threshold:
                    if head := HEAD_NUMBER_RE.search(raw.text):
                        result.printed.setdefault(raw.page, int(head.group(1) or head.group(2)))
                    result.removals.append(Removal(raw.page, "running-head", raw.text))
                else:
                    break
                drop.add(id(raw))
        kept_pages.append([r for r in raws if id(r) not in drop])
    return kept_pages


def _fill_printed(result: PdfText) -> None:
    """A page without a number between two numbered pages of the same offset gets its number."""
    known = sorted(result.printed.items())
    for (page_a, printed_a), (page_b, printed_b) in zip(known, known[1:], strict=False):
        if printed_b - printed_a == page_b - page_a:
            for page in range(page_a + 1, page_b):
                result.printed[page] = printed_a + page - page_a


def first_lines(path: Path, pages: int = 4) -> list[str]:
    """The printed lines of the first pages only (enough for the cover: a quick look before the import)."""
    read, _ = _read_pages(path, pages)
    return [line.text for page in read for line in page]


def extract_pdf(path: Path | str) -> PdfText:
    """The text of a bulletin PDF, running heads and page numbers removed, paragraphs joined."""
    path = Path(path)
    if not path.is_file():
        raise InputError("文件不存在", path)
    pages, count = _read_pages(path)
    result = PdfText(path, count)
    result.empty_pages = [i for i, raws in enumerate(pages, start=1) if not raws]
    if not any(pages):
        raise InputError("这是扫描件（PDF 没有文字层），无法导入：本工具不做文字识别（OCR），"
                         "请向发布机关索取文字版 PDF 或文本", path)
    pages = _remove_furniture(pages, result)
    _fill_printed(result)
    result.lines = join_lines(pages, result.printed)
    return result
