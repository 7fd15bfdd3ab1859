"""Printed lines from a page's characters, and what was done to their spacing.

A PDF has no lines, only characters at positions. Characters are grouped by their baseline
(a quote mark or a digit from a fallback font, a superscript, stays on its line), read left to
right, and the spacing is decided from what the PDF holds:

- a space character in the PDF is text: it is kept, as many as there are;
- a gap without a space character is layout: justification (extra spacing spread over a line),
  the typesetter's space between Chinese and Latin or digits (`国令第711号` printed with gaps),
  letter-spaced headings. It is dropped, except between two Latin words, where it becomes one
  space, and where it is much wider than the line's other gaps (table cells, a tab before a
  page number), where it becomes a tab (as many as the table's columns say, see `columns`).

Every gap that was dropped or turned into a space or tab is recorded as a `Normalisation`,
which the import writes into the page sidecar.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from statistics import median
from typing import Literal

from gazette.text.chars import is_cjk

NormalisationKind = Literal[
    "justification",  # a gap without a space character between Chinese characters: dropped
    "cjk-latin-gap",  # a gap without a space character between Chinese and a digit or Latin letter: dropped
    "word-gap",  # a gap without a space character between two Latin words: one space
    "cell-gap",  # a wide gap (table cell, tab stop): a tab
    "joined",  # a printed line continued on the next: joined without a space
    "joined-with-space",  # joined with one space (Latin words, or the paragraph's own spacing)
    "title-lines",  # a centred title printed over lines: joined with one space per printed break
    "table-row",  # the cells of a ruled table's row, each joined over its lines: one line, cells between tabs
]


@dataclass(frozen=True)
class Normalisation:
    """One change of spacing against the characters of the PDF (for the sidecar)."""

    kind: NormalisationKind
    pdf_page: int
    context: str  # the text around it, the changed place marked with ⟨⟩


@dataclass
class Glyph:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    baseline: float


@dataclass
class PrintedLine:
    """A printed line with its geometry (PDF points, top-down)."""

    glyphs: list[Glyph]  # visible characters and space characters, left to right
    page: int
    page_height: float
    page_width: float
    text: str = ""
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    size: float = 0.0
    gaps: list[tuple[int, float]] = field(default_factory=list)  # (index in text, gap) of wide gaps before a tab
    ruled: bool = False  # a row of a ruled table (gazette.pdfimport.tables): its tabs are its cells
    notes: list[Normalisation] = field(default_factory=list)

    @property
    def first_token_width(self) -> float:
        """Width of what the line cannot be broken before: opening marks, the first word (a run of
        Latin letters or digits) or character, and the closing marks after it (“13710”，)."""
        visible = [g for g in self.glyphs if g.text.strip()]
        if not visible:
            return 0.0
        k = 0
        while k < len(visible) - 1 and visible[k].text in _OPENING:
            k += 1
        if _is_word_char(visible[k].text):
            while k + 1 < len(visible) and _is_word_char(visible[k + 1].text) \
                    and visible[k + 1].x0 - visible[k].x1 <= 0.2 * visible[k].size:
                k += 1
        while k + 1 < len(visible) and visible[k + 1].text in _CLOSING:
            k += 1
        return visible[k].x1 - visible[0].x0


_OPENING = set("“‘（(《〔【[「『")
_CLOSING = set("”’）)》〕】]」』，。、；：？！,.;:?!")


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch in ".%-/")


def char_class(ch: str) -> str:
    """cjk (a Chinese character) | wide (full-width punctuation, 〔〕) | digit | latin | punct (ASCII) |
    other: what decides the spacing between two characters."""
    if not ch:
        return "other"
    if is_cjk(ch):
        return "cjk"
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return "wide"
    if ch.isascii():
        if ch.isdigit():
            return "digit"
        if ch.isalpha():
            return "latin"
        if ch.strip():
            return "punct"
    return "other"


def group_lines(chars: list[dict], page: int, height: float, width: float) -> list[PrintedLine]:
    """A page's characters -> its printed lines, top to bottom, each read left to right."""
    glyphs = [Glyph(c["text"], float(c["x0"]), float(c["x1"]), float(c["top"]), float(c["bottom"]),
                    float(c["size"]), height - float(c["matrix"][5]))
              for c in chars if c.get("upright", True) and c["text"]]
    visible = sorted((g for g in glyphs if g.text.strip()), key=lambda g: (g.baseline, g.x0))
    rows: list[list[Glyph]] = []
    for glyph in visible:
        if rows and abs(glyph.baseline - median(g.baseline for g in rows[-1][-3:])) <= 0.3 * max(glyph.size, 4):
            rows[-1].append(glyph)
        else:
            rows.append([glyph])
    rows = _merge_raised(rows)
    spaces = [g for g in glyphs if not g.text.strip()]
    lines: list[PrintedLine] = []
    for row in rows:
        top, bottom = min(g.top for g in row), max(g.bottom for g in row)
        x0, x1 = min(g.x0 for g in row), max(g.x1 for g in row)
        middle = (top + bottom) / 2
        inside = [s for s in spaces if s.top - 1 <= middle <= s.bottom + 1 and x0 < (s.x0 + s.x1) / 2 < x1]
        line = PrintedLine(sorted(row + inside, key=lambda g: g.x0), page, height, width)
        line.x0, line.x1, line.top, line.bottom = x0, x1, top, bottom
        line.size = median(g.size for g in row)
        _spell(line)
        lines.append(line)
    return lines


def _merge_raised(rows: list[list[Glyph]]) -> list[list[Glyph]]:
    """A few small characters on a baseline of their own inside another line's height (a superscript,
    a mark from a fallback font) belong to that line."""
    out: list[list[Glyph]] = []
    for row in rows:
        host = out[-1] if out else None
        if host is not None and len(row) <= 3:
            host_size = median(g.size for g in host)
            top, bottom = min(g.top for g in host), max(g.bottom for g in host)
            if all(g.size <= host_size + 0.5 and top - 1 <= (g.top + g.bottom) / 2 <= bottom + 1 for g in row):
                host.extend(row)
                continue
        out.append(row)
    return out


def _spell(line: PrintedLine) -> None:
    """The line's text from its glyphs (see the module docstring for the spacing rules)."""
    visible = [g for g in line.glyphs if g.text.strip()]
    pairs = list(zip(visible, visible[1:], strict=False))
    gaps = [b.x0 - a.x1 for a, b in pairs]
    usual = max(median(gaps), 0.0) if gaps else 0.0  # > 0 on a letter-spaced (distributed) line
    out: list[str] = [visible[0].text] if visible else []
    for (a, b), gap, spaces in zip(pairs, gaps, _spaces_between(line.glyphs), strict=True):
        size = max(a.size, b.size)
        left, right = char_class(a.text[-1]), char_class(b.text[0])
        covered = sum(g.x1 - g.x0 for g in spaces)
        if gap - covered > 1.8 * size and gap > 3 * usual + 0.5 * size:
            line.gaps.append((len("".join(out)), gap))
            out.append("\t")
            line.notes.append(Normalisation("cell-gap", line.page, _context(out, b.text, "\t")))
        elif spaces:
            out.append("".join(g.text for g in spaces))  # as printed: ' ', U+3000 …
        elif gap > 0.15 * size:
            spread = gap <= 1.5 * usual + 0.1 * size  # as wide as the line's other gaps: justification
            if not spread and {left, right} <= {"latin", "digit"} and "latin" in (left, right):
                out.append(" ")
                line.notes.append(Normalisation("word-gap", line.page, _context(out, b.text, " ")))
            else:
                kind: NormalisationKind = "cjk-latin-gap" if not spread and "cjk" in (left, right) \
                    and {left, right} & {"latin", "digit"} else "justification"
                line.notes.append(Normalisation(kind, line.page, _context(out, b.text, "")))
        out.append(b.text)
    line.text = "".join(out)


def _spaces_between(glyphs: list[Glyph]) -> list[list[Glyph]]:
    """For each pair of neighbouring visible glyphs, the space characters between them."""
    out: list[list[Glyph]] = []
    pending: list[Glyph] = []
    seen_visible = False
    for glyph in glyphs:
        if glyph.text.strip():
            if seen_visible:
                out.append(pending)
            pending = []
            seen_visible = True
        elif seen_visible:
            pending.append(glyph)
    return out


def _context(out: list[str], after: str, mark: str) -> str:
    before = "".join(out)
    if mark and before.endswith(mark):
        before = before[: -len(mark)]
    return f"{before[-6:]}⟨{mark}⟩{after}"
