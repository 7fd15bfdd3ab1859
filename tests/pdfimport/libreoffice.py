"""Bulletin text -> DOCX laid out per GB/T 9704-2012 -> PDF by LibreOffice (the import's fixtures).

Run it to regenerate the committed fixtures (needs LibreOffice: `apt-get install -y
libreoffice-writer-nogui fonts-noto-cjk`; the tests themselves only read the PDFs):

    .venv/bin/python -m tests.pdfimport.libreoffice

Layout (党政机关公文格式, GB/T 9704-2012, with the fonts Debian ships): A4, text block 28
characters × 22 lines (body 3号 = 16 pt, 仿宋 stood in for by Noto Serif CJK SC, justified,
first-line indent of two characters, exact line spacing); titles centred in 2号 bold (小标宋),
broken into lines where the text file has its wrap-spaces, one blank line below; the 文号 centred
under the title; addressees flush left; signature and date right-aligned four characters in;
chapters centred in 黑体 (Noto Sans CJK SC); tables as Word tables in 4号; the 目录 in 4号 with a
right tab stop before each page number. A running head (the bulletin and issue) on every body
page, and page numbers `— N —` in 4号 at the outer bottom corner (right on odd, left on even
pages), counted from the first document.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docx import Document as Docx
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from gazette.model import ParsedIssue

SERIF, SANS = "Noto Serif CJK SC", "Noto Sans CJK SC"
BODY_PT, TITLE_PT, SMALL_PT = 16, 22, 14
LINE_PT = 29  # 225 mm / 22 lines
_WRAP_SPACE = re.compile(r"(?<=[^\x00-\x7f]) +(?=[^\x00-\x7f])")  # not U+3000: that is text
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "pdf"
SOURCES = {  # fixture PDF -> (bulletin text, running head)
    "seed-gbt9704.pdf": ("seed", "阳泉市人民政府公报 2020年第4期"),
    "yangquan-2020-05-gbt9704.pdf": ("yangquan-2020-05.txt", "阳泉市人民政府公报 2020年第5期"),
    "xinzhou-2022-03-gbt9704.pdf": ("xinzhou-2022-03.txt", "忻州市人民政府公报 2022年第3期"),
}


def _font(run, name: str, size: float, bold: bool = False) -> None:
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.name = name
    fonts = run._element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:eastAsia", "w:ascii", "w:hAnsi"):
        fonts.set(qn(attribute), name)


def _paragraph(doc, text: str, *, size: float = BODY_PT, font: str = SERIF, bold: bool = False,
               align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent: float = 0.0, right: float = 0.0,
               lines: list[str] | None = None, line_pt: float = LINE_PT):
    paragraph = doc.add_paragraph()
    form = paragraph.paragraph_format
    form.alignment = align
    form.first_line_indent = Pt(indent) if indent else None
    form.right_indent = Pt(right) if right else None
    form.space_before = form.space_after = Pt(0)
    form.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    form.line_spacing = Pt(max(line_pt, size * 1.3))
    form.widow_control = False
    for k, part in enumerate(lines or [text]):
        run = paragraph.add_run(part)
        _font(run, font, size, bold)
        if lines and k < len(lines) - 1:
            run.add_break()
    return paragraph


def _field(paragraph, instruction: str, size: float) -> None:
    """A field (PAGE) inside `paragraph`, between dashes: '— N —'."""
    for text, kind in (("— ", None), ("", "begin"), (instruction, "instr"), ("", "end"), (" —", None)):
        run = paragraph.add_run()
        _font(run, SERIF, size)
        if kind is None:
            run.text = text
        elif kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
            run._element.append(element)
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
            run._element.append(element)


def _restart_numbering(section) -> None:
    number = OxmlElement("w:pgNumType")
    number.set(qn("w:start"), "1")
    section._sectPr.append(number)


def _page(section) -> None:
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(27), Mm(24.5)  # 158.5 mm: 28 characters of 16 pt
    section.header_distance, section.footer_distance = Mm(20), Mm(20)


def _furniture(section, head: str) -> None:
    for header in (section.header, section.even_page_header):
        header.is_linked_to_previous = False
        paragraph = header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(paragraph.add_run(head), SERIF, 10.5)
    for footer, align in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT), (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.alignment = align
        paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = Pt(SMALL_PT)
        _field(paragraph, "PAGE", SMALL_PT)


def _roles(parsed: ParsedIssue) -> dict[int, str]:
    """Source line -> how it is set: title, number, addressee, signature, date, chapter."""
    roles: dict[int, str] = {}
    for document in parsed.documents:
        roles.update(dict.fromkeys(document.title_lines, "title"))
        if document.doc_number_line:
            roles[document.doc_number_line] = "number"
        for paragraph in document.closing:
            if paragraph.role in ("addressee", "signature", "date"):
                roles.update(dict.fromkeys(paragraph.lines, paragraph.role))
        for embedded in document.embedded:
            roles.update(dict.fromkeys(embedded.title_lines, "title"))
            for chapter in embedded.body.chapters:
                roles.update(dict.fromkeys(chapter.heading.lines, "chapter"))
    return roles


def _table(doc, rows: list[list[str]]) -> None:
    """A ruled table, columns as wide as their longest cell (in 9 pt when that does not fit in 10.5 pt)."""
    columns = max(len(r) for r in rows)
    chars = [max(max((sum(1 if ord(ch) > 0x7F else 0.55 for ch in r[c]) for r in rows if c < len(r)), default=1), 2)
             for c in range(columns)]
    size = 10.5 if sum(chars) * 10.5 * 0.3528 <= 158 else 9.0
    table = doc.add_table(rows=len(rows), cols=columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for c, column in enumerate(table.columns):
        column.width = Mm(158 * chars[c] / sum(chars))
    for r, cells in enumerate(rows):
        for c in range(columns):
            cell = table.cell(r, c)
            cell.width = Mm(158 * chars[c] / sum(chars))
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.line_spacing = Pt(size * 1.4)
            _font(paragraph.add_run(cells[c] if c < len(cells) else ""), SERIF, size)


def build_docx(parsed: ParsedIssue, out: Path, running_head: str, indent: int = 2) -> Path:
    """`indent`: the body's first-line indent in characters (GB/T 9704: 2; 0 gives a flush-left variant)."""
    doc = Docx()
    doc.settings.odd_and_even_pages_header_footer = True
    _page(doc.sections[0])
    roles = _roles(parsed)
    body_starts = min(d.first_line for d in parsed.documents)
    toc_starts = parsed.toc_headings[0].lines[0] if parsed.toc_headings else body_starts
    lines = parsed.lines
    table: list[list[str]] = []
    for number, raw in enumerate(lines, start=1):
        text = raw.strip()
        if table and "\t" not in raw and text:
            _table(doc, table)
            table = []
        if not text:
            continue
        if number == toc_starts:
            doc.add_page_break()
        if number == body_starts:
            section = doc.add_section(WD_SECTION.ODD_PAGE)
            _page(section)
            _restart_numbering(section)
            _furniture(section, running_head)
        role = roles.get(number)
        if "\t" in raw:
            if number < body_starts:  # a 目录 entry: the page number at a right tab stop
                before, _, after = text.partition("\t")
                paragraph = _paragraph(doc, f"{before}\t{after.strip()}", size=SMALL_PT, line_pt=SMALL_PT * 1.6)
                paragraph.paragraph_format.tab_stops.add_tab_stop(Mm(158), WD_TAB_ALIGNMENT.RIGHT)
            else:
                table.append(text.split("\t"))
        elif number < toc_starts:
            _paragraph(doc, text, size=26 if number == 5 else BODY_PT, bold=number == 5, align=WD_ALIGN_PARAGRAPH.CENTER)
        elif number < body_starts:
            if text == "目 录":
                _paragraph(doc, text, size=TITLE_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
            else:
                _paragraph(doc, text, size=SMALL_PT, align=WD_ALIGN_PARAGRAPH.LEFT, line_pt=SMALL_PT * 1.6)
        elif role == "title":
            _paragraph(doc, "", lines=_WRAP_SPACE.split(text), size=TITLE_PT, bold=True,
                       align=WD_ALIGN_PARAGRAPH.CENTER, line_pt=TITLE_PT * 1.5)
            _paragraph(doc, "")  # 空一行
        elif role == "number":
            _paragraph(doc, text, align=WD_ALIGN_PARAGRAPH.CENTER)
        elif role == "chapter":
            _paragraph(doc, text, font=SANS, align=WD_ALIGN_PARAGRAPH.CENTER)
        elif role == "addressee":
            _paragraph(doc, text)
        elif role in ("signature", "date"):
            _paragraph(doc, text, align=WD_ALIGN_PARAGRAPH.RIGHT, right=4 * BODY_PT)
        else:
            _paragraph(doc, text, indent=indent * BODY_PT)
    if table:
        _table(doc, table)
    doc.save(str(out))
    return out


def to_pdf(docx: Path, out: Path) -> Path:
    """LibreOffice headless: DOCX -> PDF (fonts subset by LibreOffice)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is not installed: apt-get install -y libreoffice-writer-nogui fonts-noto-cjk")
    with tempfile.TemporaryDirectory() as work:
        subprocess.run([soffice, f"-env:UserInstallation=file://{work}/profile", "--headless", "--convert-to", "pdf",
                        "--outdir", work, str(docx)], check=True, capture_output=True, timeout=600)
        shutil.move(str(Path(work) / (docx.stem + ".pdf")), out)
    return out


def main() -> None:
    from gazette.parse.loader import parse_file
    from gazette.units.registry import load_registry
    from tests.support import BULLETINS, REPO, SEED

    registry = load_registry(REPO / "bulletins" / "units.yaml")
    FIXTURES.mkdir(parents=True, exist_ok=True)
    wanted = sys.argv[1:] or list(SOURCES)
    with tempfile.TemporaryDirectory() as work:
        for name in wanted:
            source, head = SOURCES[name]
            text = SEED if source == "seed" else BULLETINS / source
            parsed = parse_file(text, registry, errata_file=Path(work) / "no-errata.yaml")
            docx = build_docx(parsed, Path(work) / (Path(name).stem + ".docx"), head)
            pdf = to_pdf(docx, FIXTURES / name)
            print(f"{pdf.relative_to(REPO)}: {pdf.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
