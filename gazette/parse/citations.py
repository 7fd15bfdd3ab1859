"""References to other documents: 文号 and 《title》, with repeal and revision cues.

The sentence around a reference decides whether the citing document repeals it
(…同时废止, 予以废止) or amends it (关于修改《…》, 对《…》…修改, 修订).
"""

from __future__ import annotations

import re

from gazette.model import Block, Body, Citation, Paragraph, Unit
from gazette.text.chars import squash
from gazette.text.docnumber import find_doc_numbers
from gazette.text.titles import remove_wrap_spaces, title_key

_TITLE_RE = re.compile(r"《([^《》]{2,120})》")
_SENTENCE_SPLIT_RE = re.compile(r"(?<=[。；;！？!?])")
# What may stand between a citation and 废止: its 文号 in brackets, 同时/予以/一并 …
# Possessive quantifiers (*+): no item after a run starts with what the run takes, so giving nothing
# back changes no match, and a run of spaces is never split among the adjacent \s* (polynomial backtracking).
_REPEAL_AFTER_RE = re.compile(
    r"^\s*+[)）]?\s*+(?:[（(][^（）()]*+(?:[（(][^（）()]*+[）)][^（）()]*+)*+[）)])?\s*+(?:[、，,]\s*+《[^《》]*+》\s*+(?:[（(][^（）()]*+[）)])?\s*+)*+"
    r"(?:均|也|亦|将)?\s*+(?:自\S{0,12}?起)?\s*+(?:同时|予以|一并|即行|即|相应|随之)?\s*+(?:废止|失效|停止执行|不再执行)")
_REVISE_BEFORE_RE = re.compile(r"(?:关于)?(?:修改|修订|修正)(?:后的)?\s*$")
_REVISE_SENTENCE_RE = re.compile(r"作(?:如下|以下)?(?:修改|修订)|进行(?:修改|修订)|予以修改|相应修改|修改为")
_HEADING_REPEAL_RE = re.compile(r"(?:予以|决定|同时)?废止$|废止(?:的)?(?:文件|规范性文件)")
_HEADING_REVISE_RE = re.compile(r"(?:予以)?(?:修改|修订)$|修改(?:的)?(?:文件|规范性文件)")


def _sentences(text: str) -> list[tuple[int, str]]:
    """The sentences of a text, each with its offset in the text."""
    out: list[tuple[int, str]] = []
    at = 0
    for piece in _SENTENCE_SPLIT_RE.split(text):
        if piece:
            out.append((at, piece))
        at += len(piece)
    return out


def _cues(sentence: str, start: int, end: int, cue: str | None) -> tuple[bool, bool]:
    """Does the sentence repeal / amend the citation at sentence[start:end]?"""
    repeals = cue == "repeal" or bool(_REPEAL_AFTER_RE.match(sentence[end:]))
    before = sentence[max(0, start - 6):start]
    revises = cue == "revise" or bool(_REVISE_BEFORE_RE.search(before)) or (
        bool(_REVISE_SENTENCE_RE.search(sentence)) and "修改" in sentence[end:])
    return repeals, revises


def citations_in(paragraph: Paragraph, known_prefixes: frozenset[str] = frozenset(), cue: str | None = None) -> list[Citation]:
    """Citations of one paragraph; `cue` (repeal/revise) comes from a heading such as 予以废止."""
    found: list[Citation] = []
    line = paragraph.lines[0]
    for at, sentence in _sentences(paragraph.text):
        for m in find_doc_numbers(sentence, known_prefixes):
            if "X" in m.raw:
                continue
            repeals, revises = _cues(sentence, m.start, m.end, cue)
            found.append(Citation(m.raw, "文号", m.number.normalised, line, repeals=repeals, revises=revises,
                                  start=at + m.start, end=at + m.end))
        for t in _TITLE_RE.finditer(sentence):
            title = remove_wrap_spaces(t.group(1))
            if "XX" in title or len(title) < 4:
                continue
            repeals, revises = _cues(sentence, t.start(), t.end(), cue)
            found.append(Citation(t.group(0), "title", title_key(title), line, repeals=repeals, revises=revises,
                                  start=at + t.start(), end=at + t.end()))
    return found


def _heading_cue(unit: Unit) -> str | None:
    text = squash(unit.title).rstrip("：:。")
    if len(text) > 40:
        return None
    if _HEADING_REPEAL_RE.search(text):
        return "repeal"
    if _HEADING_REVISE_RE.search(text):
        return "revise"
    return None


def collect_citations(body: Body, extra: list[Block] | None = None,
                      known_prefixes: frozenset[str] = frozenset()) -> list[Citation]:
    """Citations of a body (and extra blocks), with cues inherited from headings like 予以废止."""
    citations: list[Citation] = []

    def scan(blocks: list[Block], cue: str | None) -> None:
        for block in blocks:
            if isinstance(block, Paragraph):
                citations.extend(citations_in(block, known_prefixes, cue))

    def visit(units: list[Unit], cue: str | None) -> None:
        for unit in units:
            own = _heading_cue(unit) or cue
            scan([unit.heading], cue)
            scan(unit.blocks, own)
            visit(unit.children, own)

    scan(body.blocks, None)
    visit(body.units, None)
    scan(extra or [], None)
    return citations
