"""Typeset a bulletin text file into a PDF the way bulletins are printed (for the round-trip tests).

reportlab with its built-in CJK CID font (STSong-Light): a cover and a 目录 without page
numbers, then the documents with a running head at the top of every page and '— N —' at the
bottom. Headings (document titles, embedded titles, chapters) are centred and broken where the
text file has wrap-spaces, so a title runs over two or three lines; paragraphs are indented by
two characters and wrapped at the margin; tab-separated lines are set as cells with wide gaps.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate, Paragraph

from gazette.model import ParsedIssue

FONT = "STSong-Light"
_WRAP_SPACE = re.compile(r"(?<=[^\x00-\x7f])\s+(?=[^\x00-\x7f])")  # between two CJK characters
MARGIN = 72
BODY = ParagraphStyle("body", fontName=FONT, fontSize=12, leading=20, wordWrap="CJK", firstLineIndent=24)
CENTRED = ParagraphStyle("centred", fontName=FONT, fontSize=15, leading=24, alignment=TA_CENTER, wordWrap="CJK")
# Style "flush": every paragraph flush left without indent, each wrapped line justified to the margin
# by spacing its characters (as Word, WPS and LibreOffice justify Chinese), the last line of a
# paragraph at its natural width; headings centred in the body size (no font-size cue).
# Style "ragged": the same, but lines end where the next character would not fit (reportlab's
# justification stretches word spaces only, which a CID font does not have: nothing is stretched).
FLUSH = ParagraphStyle("flush", fontName=FONT, fontSize=12, leading=20, wordWrap="CJK", alignment=TA_JUSTIFY)
FLUSH_CENTRED = ParagraphStyle("flush-centred", parent=FLUSH, alignment=TA_CENTER)
_NO_LINE_START = set("，。、；：？！）》」』”’〕】…,.;:?!)")
_TOKEN = re.compile(r"[A-Za-z0-9.%/\-]+|.")  # a Latin word or number is not broken; anything else is


class _Justified(Flowable):
    """A paragraph flush left, its wrapped lines justified by character spacing, the last at its
    natural width. A closing mark that would start a line stays on the line before and hangs in
    the margin (避头; Word's 允许标点溢出边界)."""

    def __init__(self, text: str, style: ParagraphStyle):
        super().__init__()
        self.text, self.style = text, style
        self.lines: list[str] = []

    def wrap(self, available_width, available_height):
        self.width = available_width
        width = lambda t: pdfmetrics.stringWidth(t, FONT, self.style.fontSize)  # noqa: E731
        lines, line = [], ""
        for token in _TOKEN.findall(self.text):
            if line and width(line.rstrip() + token) > available_width and token.strip() \
                    and token[0] not in _NO_LINE_START:
                lines.append(line.rstrip())
                line = ""
            if line or token.strip():
                line += token
        self.lines = [*lines, line.rstrip()] if line.strip() else lines
        self.height = len(self.lines) * self.style.leading
        return available_width, self.height

    def draw(self):
        size = self.style.fontSize
        for k, line in enumerate(self.lines):
            body, hung = line, ""
            while len(body) > 1 and body[-1] in _NO_LINE_START \
                    and pdfmetrics.stringWidth(body, FONT, size) > self.width + 0.01:
                body, hung = body[:-1], body[-1] + hung
            natural = pdfmetrics.stringWidth(body, FONT, size)
            stretch = k < len(self.lines) - 1 and len(body) > 1
            y = self.height - size - k * self.style.leading
            text = self.canv.beginText(0, y)
            text.setFont(FONT, size)
            text.setCharSpace((self.width - natural) / (len(body) - 1) if stretch else 0)  # Tc outlives BT/ET
            text.textOut(body)
            self.canv.drawText(text)
            if hung:
                marks = self.canv.beginText(self.width if stretch else natural, y)
                marks.setFont(FONT, size)
                marks.setCharSpace(0)
                marks.textOut(hung)
                self.canv.drawText(marks)


class _Cells(Flowable):
    """A tab-separated line: cells at the columns of its table (an empty cell leaves its column
    empty), shrunk to fit the line."""

    def __init__(self, cells: list[str], widths: list[int]):
        super().__init__()
        self.cells = cells
        self.widths = widths  # characters per column of the whole table

    def wrap(self, available_width, available_height):
        chars = sum(self.widths) + 3 * (len(self.widths) - 1)
        self.size = min(12.0, available_width / max(chars, 1))
        return available_width, self.size * 1.8

    def draw(self):
        self.canv.setFont(FONT, self.size)
        x = 0.0
        for cell, width in zip(self.cells, self.widths, strict=False):
            if cell:
                self.canv.drawString(x, self.size * 0.4, cell)
            x += (width + 3) * self.size


def _column_widths(rows: list[list[str]]) -> list[int]:
    """Characters per column (a Latin letter or digit counts half) over the rows of one table."""
    count = max(len(r) for r in rows)
    return [max((-(-sum(1 if ord(ch) > 0x7f else 0.5 for ch in r[k]) // 1) if k < len(r) else 0 for r in rows), default=0)
            for k in range(count)]


class _BodyStarts(Flowable):
    """Zero-size marker: page numbers are printed from the page this is drawn on."""

    def __init__(self, state: dict):
        super().__init__()
        self.state = state

    def wrap(self, *_):
        return 0, 0

    def draw(self):
        self.state.setdefault("first", self.canv.getPageNumber())


def _heading_lines(parsed: ParsedIssue) -> set[int]:
    lines: set[int] = set()
    for document in parsed.documents:
        lines.update(document.title_lines)
        if document.doc_number_line:
            lines.add(document.doc_number_line)
        for embedded in document.embedded:
            lines.update(embedded.title_lines)
    return lines


def _tables(lines: list[str]) -> dict[int, list[int]]:
    """Line number of each tab-separated line -> the column widths of its table (consecutive such
    lines, blank lines between them allowed)."""
    out: dict[int, list[int]] = {}
    block: list[int] = []

    def close() -> None:
        if block:
            widths = _column_widths([lines[n - 1].strip().split("\t") for n in block])
            out.update(dict.fromkeys(block, widths))
            block.clear()

    for number, text in enumerate(lines, start=1):
        if "\t" in text:
            block.append(number)
        elif text.strip():
            close()
    close()
    return out


def register_font() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def _scaled(style: ParagraphStyle, size: float) -> ParagraphStyle:
    """`style` with its sizes (body 12 pt) scaled to a body of `size` points."""
    factor = size / 12
    return ParagraphStyle(f"{style.name}-{size}", parent=style, fontSize=style.fontSize * factor,
                          leading=style.leading * factor, firstLineIndent=style.firstLineIndent * factor)


def typeset(parsed: ParsedIssue, out: Path, running_head: str, style: str = "indented", size: float = 12,
            pagesize: tuple[float, float] = A4, margin: float = MARGIN) -> Path:
    """Write `parsed`'s source lines as a PDF at `out` (style "indented": the module docstring;
    "flush" and "ragged": FLUSH), the body `size` points on pages of `pagesize`."""
    register_font()
    body, centred = (FLUSH, FLUSH_CENTRED) if style in ("flush", "ragged") else (BODY, CENTRED)
    body, centred = _scaled(body, size), _scaled(centred, size)
    headings = _heading_lines(parsed)
    body_starts = min(d.first_line for d in parsed.documents)
    cover_end = parsed.toc_headings[0].lines[0] if parsed.toc_headings else body_starts
    state: dict = {}
    tables = _tables(parsed.lines)
    story: list[Flowable] = []
    for number, text in enumerate(parsed.lines, start=1):
        if not text.strip():
            continue
        if number in (cover_end, body_starts):
            story.append(PageBreak())
        if number == body_starts:
            story.append(_BodyStarts(state))
        if "\t" in text:
            story.append(_Cells(text.strip().split("\t"), tables[number]))
        elif number < cover_end:
            story.append(Paragraph(escape(text.strip()), centred))
        elif number in headings:
            # Centred, one printed line per wrap-space of the text file (a title over 2–3 lines).
            story.append(Paragraph("<br/>".join(escape(p) for p in _WRAP_SPACE.split(text.strip())), centred))
        elif style == "flush":
            story.append(_Justified(text.strip(), body))
        else:
            story.append(Paragraph(escape(text.strip()), body))

    def furniture(canvas, document):
        first = state.get("first")
        if first is None or canvas.getPageNumber() < first:
            return
        canvas.saveState()
        canvas.setFont(FONT, 9)
        canvas.drawCentredString(pagesize[0] / 2, pagesize[1] - 40, running_head)
        canvas.drawCentredString(pagesize[0] / 2, 30, f"— {canvas.getPageNumber() - first + 1} —")
        canvas.restoreState()

    doc = BaseDocTemplate(str(out), pagesize=pagesize, leftMargin=margin, rightMargin=margin, topMargin=margin,
                          bottomMargin=margin, invariant=1)
    frame = Frame(margin, margin, pagesize[0] - 2 * margin, pagesize[1] - 2 * margin, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=furniture)])
    doc.build(story)
    return out
