"""Large raw-HTML blocks set aside while mkdocs converts a page's Markdown.

The ledger, unit, calendar and people pages are mostly one generated HTML table each (1.7 MB on the
ledger page of a 60-issue archive). Python-Markdown passes such a block through unchanged, but only
after parsing it twice with Python's HTMLParser (mkdocs' anchor scan and Markdown's HTML-block
stage): most of what a changed listing page costs. A block that is one line, a whole element of a
block-level tag (its own end tag closes it at the end of the line) and set off by blank lines is
replaced by a placeholder comment, which Markdown passes through as it is, and put back into the
converted HTML. The anchors it holds are handed to mkdocs' anchor check as its scan would have found
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


def _candidate(block: str) -> str | None:
    """The block's tag when it may be set aside: one line, large, opening with a block-level tag and
    ending with that tag's end tag."""
    if len(block) < MIN_BYTES or "\n" in block or not block.startswith("<"):
        return None
    opened = _OPEN.match(block)
    if opened is None or opened.group(1) not in _TAGS:
        return None
    tag = opened.group(1)
    return tag if block.endswith(f"</{tag}>") else None


def set_aside(markdown: str) -> tuple[str, Aside | None]:
    """The Markdown with its large raw-HTML blocks replaced by placeholders, and what was taken."""
    if len(markdown) < MIN_BYTES:
        return markdown, None
    parts = markdown.split("\n\n")
    blocks: list[str] = []
    anchors: set[str] = set()
    for index, part in enumerate(parts):
        tag = _candidate(part)
        if tag is None or index == 0:  # the first part may be front-matter or a heading: left alone
            continue
        if not _closes_at_end(part, tag) or ' name="' in part:  # text after the end tag; <a name> anchors
            continue
        parts[index] = _PLACEHOLDER.format(len(blocks))
        blocks.append(part)
        anchors.update(html.unescape(m.group(1)) for m in _ID.finditer(part))
    if not blocks:
        return markdown, None
    return "\n\n".join(parts), Aside(tuple(blocks), frozenset(anchors))
