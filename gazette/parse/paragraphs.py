"""Re-join the paragraphs a PDF broke across lines.

A line continues onto the next one when it does not end a sentence and the next line
does not start a structural unit (a label, a date, a table row, a list of members …).
Short title-like lines (一、总体思路) only continue when the next line is plainly the
tail of a broken sentence ('意见；', '的决策事项，…'). Tab-separated lines become tables.
Blank lines carry no meaning in PDF text, so they are ignored here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from gazette.model import Block, Paragraph, Table
from gazette.parse.lines import (
    Label,
    Line,
    LineKind,
    is_date_line,
    is_member_line,
    is_title_like,
    looks_like_fragment,
    match_label,
    strip_bullet,
)
from gazette.text.chars import closing_group_start, ends_sentence, squash, strip_closers

# Parenthetical endings that close a paragraph although no 。 precedes them.
_CLOSING_PARENTHETICAL_WORDS = ("牵头", "配合", "负责", "责任单位", "略", "见附件", "此件")


@dataclass
class Joined:
    """A block and the structural label its text starts with (a paragraph's, once joined; None for tables)."""

    block: Block
    label: Label | None = None


def _ends_with_closing_parenthetical(text: str) -> bool:
    core = text.rstrip()
    i = closing_group_start(core)
    if i is None:
        return False
    inner = core[i + 1 : -1]
    before = strip_closers(core[:i])
    return any(w in inner for w in _CLOSING_PARENTHETICAL_WORDS) or (bool(before) and before[-1] in "。；;！？!?")


def continues(previous: str, label: Label | None, line: Line, in_articles: bool = False) -> bool:
    """Should `line` be joined onto the paragraph `previous` (with its `label`), one paragraph broken by the PDF?"""
    prev = previous.rstrip()
    following = line.body
    if not prev or not following:
        return False
    if ends_sentence(prev) or _ends_with_closing_parenthetical(prev) or is_date_line(prev):
        return False
    if line.starts_block:
        return False
    if label is not None and label.kind != "article":
        list_item = in_articles and label.kind in ("clause", "item", "subitem", "point")
        if not list_item and is_title_like(label.rest):
            return looks_like_fragment(following)
    if label is None and is_member_line(prev, label):
        return looks_like_fragment(following) or len(squash(following)) <= 6
    if len(squash(prev)) < 12 and prev[-1] not in "、，,":
        return looks_like_fragment(following)
    return True


def _joiner(left: str, right: str) -> str:
    if left and right and left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum():
        return " "
    return ""


def join_lines(lines: Iterable[Line], in_articles: bool = False) -> list[Joined]:
    """Lines -> paragraphs and tables (with the label each paragraph starts with), blank lines ignored."""
    joined: list[Joined] = []
    current: Joined | None = None
    table: Table | None = None
    for line in lines:
        if not line.text:
            continue
        if line.kind is LineKind.TABLE:
            current = None
            cells = [cell.strip() for cell in line.raw.rstrip("\n").split("\t")]
            if table is None:
                table = Table([], [])
                joined.append(Joined(table))
            table.rows.append(cells)
            table.lines.append(line.number)
            continue
        table = None
        paragraph = current.block if current is not None else None
        if isinstance(paragraph, Paragraph) and current is not None and not line.bullet \
                and continues(paragraph.text, current.label, line, in_articles):
            paragraph.text += _joiner(paragraph.text, line.body) + line.body
            paragraph.lines.append(line.number)
            current.label = match_label(paragraph.text)  # a joined paragraph's label is that of its whole text
            continue
        current = Joined(Paragraph(line.body, [line.number], bullet=line.bullet), line.label)
        joined.append(current)
    return joined


def blocks_of(lines: Iterable[Line]) -> list[Block]:
    """Lines -> paragraphs and tables."""
    return [j.block for j in join_lines(lines)]


def line_text(raw: str) -> str:
    """The text a line contributes to a page: without the PDF list marker and edge spaces."""
    return strip_bullet(raw)[0].strip()
