"""Running heads and page numbers left in the text by a converter: recognised, taken out, reported.

A text file made from a PDF by another tool carries the page furniture inline: the bulletin's
name with the issue ('阳泉市人民政府公报 2020年第4期') at the top of every page and '— 12 —' at the
bottom, often in the middle of a paragraph or of the 目录. After the cover (which prints the
same words as its title), such lines are blanked before parsing, each with a finding, so that
they never reach a document's text and a paragraph cut by a page break can be joined again.
"""

from __future__ import annotations

from gazette.model import Finding, FindingCode
from gazette.text.chars import squash
from gazette.text.pagemarks import DECORATED_PAGE_NUMBER_RE, running_head_re


def _bulletin_title(lines: list[str], end: int) -> str | None:
    return next((squash(t) for t in lines[:end] if squash(t).endswith("公报") and len(squash(t)) <= 24), None)


def strip_furniture(lines: list[str], cover_end: int) -> tuple[list[str], list[Finding]]:
    """Lines with running heads and page numbers after lines[:cover_end] blanked, and one finding each."""
    title = _bulletin_title(lines, cover_end or len(lines))
    head = running_head_re(title) if title else None
    out = list(lines)
    findings: list[Finding] = []
    for i in range(cover_end, len(lines)):
        text = lines[i].strip()
        if not text or "\t" in text:
            continue
        if head is not None and head.match(text):
            kind = "running head"
        elif DECORATED_PAGE_NUMBER_RE.match(text):
            kind = "page number"
        else:
            continue
        out[i] = ""
        findings.append(Finding(FindingCode.PAGE_FURNITURE, f"{kind} removed from the text: {text}", i + 1))
    return out, findings
