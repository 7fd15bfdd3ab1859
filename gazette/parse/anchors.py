"""Anchors for running text outside the numbered structure.

A notice's own text (授予行政权力事项… 行政审批类67项…), the preamble of a plan and the running text
of its attachments are paragraphs, not articles or items; each gets the anchor ``p<first line>`` so a reader (and a
search result) can point at the paragraph that holds the answer instead of the whole page.
Paragraphs that already carry an anchor (a task's carrier) keep it.
"""

from __future__ import annotations

from collections.abc import Iterable

from gazette.model import Block, Document, Paragraph

UNANCHORED_ROLES = frozenset({"addressee", "signature", "date", "public", "toc", "cover"})


def paragraph_anchor(paragraph: Paragraph) -> str:
    return f"p{paragraph.lines[0]}"


def anchor_paragraphs(blocks: Iterable[Block]) -> None:
    for block in blocks:
        if isinstance(block, Paragraph) and not block.anchor and block.lines and block.role not in UNANCHORED_ROLES:
            block.anchor = paragraph_anchor(block)


def anchor_loose_text(document: Document) -> None:
    """The notice's top-level paragraphs and trailing text, and each issued document's preamble and
    attachments' running text (a list of duties: 市卫健委负责…, 市教育局负责…)."""
    anchor_paragraphs(document.body.blocks)
    anchor_paragraphs(document.trailing)
    for embedded in document.embedded:
        anchor_paragraphs(embedded.body.blocks)
        for attachment in embedded.attachments:
            anchor_paragraphs(attachment.body.blocks)
