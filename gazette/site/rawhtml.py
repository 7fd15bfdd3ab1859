"""Large raw-HTML blocks set aside while mkdocs converts a page's Markdown.

The ledger, unit, calendar and people pages are mostly one generated HTML table each (1.7 MB on the
ledger page of a 60-issue archive). Python-Markdown passes such a block through unchanged, but only
after parsing it twice with Python's HTMLParser (mkdocs' anchor scan and Markdown's HTML-block
stage): most of what a changed listing page costs. A block set off by blank lines whose every line is
a whole element of a block-level tag (its own end tag closes it at the end of the line) is replaced
by a placeholder comment, which Markdown passes through as it is, and put back into the converted HTML. The anchors it holds are handed to mkdocs' anchor check as its scan would have found
them. tests/site/test_raw_html_aside.py converts every page of a built site both ways and compares.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

MIN_BYTES = 1024  # smaller blocks cost little to parse: left to Markdown
_TAGS = frozenset({"div", "table", "section", "ul", "ol", "dl", "p", "details", "figure"})
_OPEN = re.compile(r"<([a-z]+)[\s>]")
_PLACEHOLDER = "<!-- gazette-aside {} -->"
# an id as mkdocs' anchor scan reads it (attribute values never hold '"': escaped)
_ID = re.compile(r'\sid="([^"]*)"')


@dataclass(frozen=True)
class Aside:
    """The blocks taken out of one page, by placeholder, and the anchor ids they hold."""

    blocks: tuple[str, ...]
    anchors: frozenset[str]

    def restore(self, converted: str) -> str:
        for number, block in enumerate(self.blocks):
            placeholder = _PLACEHOLDER.format(number)
            if converted.count(placeholder) != 1:
                raise ValueError(f"raw HTML placeholder {number} lost in conversion")
            converted = converted.replace(placeholder, block, 1)
        return converted


def _closes_at_end(block: str, tag: str) -> bool:
    """The element opened at the start is closed by the block's last end tag, not before (our HTML
    escapes every text and attribute value, so a tag's name in '<' + name is always a tag)."""
    depth = 0
    for match in re.finditer(f"<(/?){tag}[\\s>]", block):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end() == len(block)
    return False


def _whole_element(line: str) -> bool:
    """One line that is one element of a block-level tag, closed by the line's last end tag."""
    opened = _OPEN.match(line)
    if opened is None or opened.group(1) not in _TAGS:
        return False
    tag = opened.group(1)
    return line.endswith(f"</{tag}>") and _closes_at_end(line, tag)


def _may_set_aside(block: str) -> bool:
    """A large block of lines that are each a whole element (a month of the calendar a line), and no
    <a name> anchor (left to mkdocs' own scan)."""
    return len(block) >= MIN_BYTES and ' name="' not in block and all(_whole_element(line) for line in block.split("\n"))


def set_aside(markdown: str) -> tuple[str, Aside | None]:
    """The Markdown with its large raw-HTML blocks replaced by placeholders, and what was taken."""
    if len(markdown) < MIN_BYTES:
        return markdown, None
    parts = markdown.split("\n\n")
    blocks: list[str] = []
    anchors: set[str] = set()
    for index, part in enumerate(parts):
        if index == 0 or not _may_set_aside(part):  # the first part may be front-matter or a heading
            continue
        parts[index] = _PLACEHOLDER.format(len(blocks))
        blocks.append(part)
        anchors.update(html.unescape(m.group(1)) for m in _ID.finditer(part))
    if not blocks:
        return markdown, None
    return "\n\n".join(parts), Aside(tuple(blocks), frozenset(anchors))
