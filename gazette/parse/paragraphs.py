"""Re-join the paragraphs a PDF broke across lines.

A line continues onto the next one when it does not end a sentence and the next line
does not start a structural unit (a label, a date, a table row, a list of members …).
Short title-like lines (一、总体思路) only continue when the next line is plainly the
tail of a broken sentence ('意见；', '的决策事项，…'). Tab-separated lines become tables.
Blank lines carry no meaning in PDF text, so they are ignored here.
"""

from __future__ import annotations

from collections.abc import Iterable

from gazette.model import Block, Paragraph, Table
from gazette.parse.lines import (
    ATTACHMENT_LABEL_RE,
    ATTACHMENT_LIST_RE,
    FIELD_LINE_RE,
    UNITS_LINE_RE,
    is_date_line,
    is_member_line,
    is_public_line,
    is_table_row,
    is_title_like,
    looks_like_fragment,
    match_label,
    strip_bullet,
)
from gazette.text.chars import ends_sentence, squash, strip_closers

# Parenthetical endings that close a paragraph although no 。 precedes them.
_CLOSING_PARENTHETICAL_WORDS = ("牵头", "配合", "负责", "责任单位", "略", "见附件", "此件")


def starts_block(text: str) -> bool:
    """Does this line begin something new (so the previous line cannot run into it)?"""
    body, bullet = strip_bullet(text)
    body = body.strip()
    return (
        bullet
        or match_label(body) is not None
        or is_date_line(body)
        or is_public_line(body)
        or is_table_row(text)
        or bool(ATTACHMENT_LABEL_RE.match(body) or ATTACHMENT_LIST_RE.match(body))
        or bool(UNITS_LINE_RE.match(body))
        or bool(FIELD_LINE_RE.match(body))
        or is_member_line(body)
    )


def _ends_with_closing_parenthetical(text: str) -> bool:
    core = text.rstrip()
    if not core or core[-1] not in "）)":
        return False
    depth = 0
    for i in range(len(core) - 1, -1, -1):
        ch = core[i]
        if ch in "）)":
            depth += 1
        elif ch in "（(":
            depth -= 1
            if depth == 0:
                inner = core[i + 1 : -1]
                before = strip_closers(core[:i])
                return any(w in inner for w in _CLOSING_PARENTHETICAL_WORDS) or (
                    bool(before) and before[-1] in "。；;！？!?"
                )
    return False


def continues(previous: str, following: str, in_articles: bool = False) -> bool:
    """Should `following` be joined onto `previous` (one paragraph broken by the PDF)?"""
    prev = previous.rstrip()
    if not prev or not following.strip():
        return False
    if ends_sentence(prev) or _ends_with_closing_parenthetical(prev) or is_date_line(prev):
        return False
    if starts_block(following):
        return False
    label = match_label(prev)
    if label is not None and label.kind != "article":
        list_item = in_articles and label.kind in ("clause", "item", "subitem", "point")
        if not list_item and is_title_like(label.rest):
            return looks_like_fragment(following)
    if label is None and is_member_line(prev):
        return looks_like_fragment(following) or len(squash(following)) <= 6
    if len(squash(prev)) < 12 and prev[-1] not in "、，,":
        return looks_like_fragment(following)
    return True


def _joiner(left: str, right: str) -> str:
    if left and right and left[-1].isascii() and left[-1].isalnum() and right[0].isascii() and right[0].isalnum():
        return " "
    return ""


def join_lines(lines: Iterable[tuple[int, str]], in_articles: bool = False) -> list[Block]:
    """(line number, text) pairs -> paragraphs and tables, blank lines ignored."""
    blocks: list[Block] = []
    current: Paragraph | None = None
    table: Table | None = None
    for number, raw in lines:
        if not raw.strip():
            continue
        if is_table_row(raw):
            current = None
            cells = [cell.strip() for cell in raw.rstrip("\n").split("\t")]
            if table is None:
                table = Table([], [])
                blocks.append(table)
            table.rows.append(cells)
            table.lines.append(number)
            continue
        table = None
        text, bullet = strip_bullet(raw)
        text = text.strip()
        if current is not None and not bullet and continues(current.text, text, in_articles):
            current.text += _joiner(current.text, text) + text
            current.lines.append(number)
            continue
        current = Paragraph(text, [number], bullet=bullet)
        blocks.append(current)
    return blocks


def line_text(raw: str) -> str:
    """The text a line contributes to a page: without the PDF list marker and edge spaces."""
    return strip_bullet(raw)[0].strip()
