"""Ruled tables: one text line per table row, its cells separated by tabs.

Where a page draws a table with rules (as Word, WPS and LibreOffice print tables), pdfplumber
finds its cells from the ruling lines. A cell's text may wrap over several printed lines inside
the cell; it is joined back (without a space between Chinese characters, see join.glue), and
an empty cell stays an empty field between two tabs. The table's characters are then taken out
of the page's running text.
"""

from __future__ import annotations

from typing import Any

from gazette.pdfimport.lines import Normalisation, PrintedLine, group_lines


def _inside(char: dict, box: tuple[float, float, float, float]) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def table_rows(page: Any, number: int, chars: list[dict]) -> tuple[list[PrintedLine], list[dict]]:
    """The rows of the page's ruled tables as lines, and the characters outside them."""
    from gazette.pdfimport.join import glue

    if not (page.rects or page.lines):
        return [], chars
    height, width = float(page.height), float(page.width)
    rows: list[PrintedLine] = []
    taken: set[int] = set()
    for table in page.find_tables():
        if len(table.rows) < 2 or max(len(r.cells) for r in table.rows) < 2:
            continue
        for row in table.rows:
            cells: list[str] = []
            glyph_lines: list[PrintedLine] = []
            for box in row.cells:
                if box is None:  # covered by a merged cell
                    continue
                inside = [c for c in chars if id(c) not in taken and _inside(c, box)]
                taken.update(id(c) for c in inside)
                text = ""
                for line in group_lines(inside, number, height, width):
                    text = text + glue(text, line.text) + line.text if text else line.text
                    glyph_lines.append(line)
                cells.append(text.replace("\t", " "))
            if not glyph_lines:
                continue
            line = PrintedLine([g for gl in glyph_lines for g in gl.glyphs], number, height, width)
            line.text = "\t".join(cells).rstrip("\t")
            line.x0, line.x1 = min(gl.x0 for gl in glyph_lines), max(gl.x1 for gl in glyph_lines)
            line.top, line.bottom = float(row.bbox[1]), float(row.bbox[3])
            line.size = min(gl.size for gl in glyph_lines)
            line.ruled = True
            line.notes = [Normalisation("table-row", number, line.text[:12])]
            rows.append(line)
    return rows, [c for c in chars if id(c) not in taken]
