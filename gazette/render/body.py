"""A Body (units and blocks) as Markdown: headings for the structure, escaped HTML for text.

Headings carry stable ids (art-17, s3-1-2) and an empty copy-link anchor (an icon by CSS,
no text, so the text of the page stays exactly the text of the bulletin). Inside an
article, list items are anchored paragraphs rather than headings, so the table of contents
lists chapters and articles, not every （一）.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from gazette.model import Block, Body, Citation, Erratum, Note, Paragraph, Table, Unit
from gazette.parse.citations import (
    citations_in,
    own_article_references,
    preceding_article_references,
    preceding_paragraph_references,
)
from gazette.render.markup import attr, esc, esc_md, relative_url
from gazette.text.chars import closing_group_start
from gazette.text.numerals import int_to_chinese

_TITLE_SENTENCE_RE = re.compile(r"^(.{2,30}?[。；])")


@dataclass
class RenderContext:
    """What the body renderer needs to know about the page and the archive."""

    page_path: str
    resolve: Callable[[str], str | None]  # citation key -> target page path
    errata: dict[int, list[Erratum]] = field(default_factory=dict)
    known_prefixes: frozenset[str] = frozenset()
    # Responsible units to link inside a task's units clause: line of the task -> (name, page path).
    unit_links: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    line_notes: dict[int, list[Note]] = field(default_factory=dict)  # findings to show at a source line
    # The page's citations (parsed with their offsets) by the first line of the paragraph they stand in.
    citations: dict[int, list[Citation]] = field(default_factory=dict)
    shown_notes: set[str] = field(default_factory=set)  # a spot note is shown once per page
    # 《X》第三条 -> the anchor of that article in the target page (art-3), None: link the page
    article_anchor: Callable[[str, int], str | None] = lambda path, number: None
    names_itself: Callable[[str], bool] = lambda key: False  # 《own title》第五条 in its own text
    article_number: int | None = None  # the article being rendered (前条 links the one before it)
    previous_paragraph: str | None = None  # the anchor of the 款 before the one being rendered (前款)


def copy_link(anchor: str, cite: str = "") -> str:
    """The copy control of a clause; `cite` is how a citation names it (第十一条, 第十一条第（一）项):
    gazette.js copies 《文件》第十一条（文号） and the link with it."""
    data = f' data-cite="{attr(cite)}"' if cite else ""
    return f'<a class="gz-copy" href="#{anchor}" title="复制链接" aria-label="复制本段链接"{data}></a>'


_ITEM_LABEL = re.compile(r"^（[一二三四五六七八九十]+）$")


def cite_label(unit: Unit, article: str) -> str:
    """How a citation names the unit: an article by its label; an item of an article as 第十一条第（一）项;
    a part of a plan (一、 （三）) by the document alone."""
    if unit.kind == "article":
        return unit.label.strip()
    label = unit.label.strip()
    if article and _ITEM_LABEL.match(label):
        return f"{article}第{label}项"
    return article


def inline(paragraph_text: str, lines: list[int], ctx: RenderContext, citations: list[Citation],
           shift: int = 0) -> str:
    """Escaped text with resolved 文号 and 《title》 turned into links. `citations` stand at their
    parsed offsets, less `shift` (where `paragraph_text` starts in the text they were found in)."""
    spans: list[tuple[int, int, str]] = []
    for citation in citations:
        target = ctx.resolve(citation.ref)
        start, end = citation.start - shift, max(citation.end, citation.link_end) - shift
        if target is None and citation.article and ctx.names_itself(citation.key):
            target = ctx.page_path  # an article of this very page: an in-page link
            anchor = ctx.article_anchor(target, citation.article)
            if anchor and start >= 0 and end <= len(paragraph_text):
                spans.append((start, end, "#" + anchor))
            continue
        if target is not None and target != ctx.page_path and start >= 0 and end <= len(paragraph_text):
            anchor = ctx.article_anchor(target, citation.article) if citation.article else None
            spans.append((start, end, f"{target}#{anchor}" if anchor else target))
    for reference in own_article_references(paragraph_text):  # 本规定第三条: an in-page link
        if anchor := ctx.article_anchor(ctx.page_path, reference.article):
            spans.append((reference.start, reference.end, "#" + anchor))
    if ctx.article_number and (before := ctx.article_anchor(ctx.page_path, ctx.article_number - 1)):
        spans += [(start, end, "#" + before) for start, end in preceding_article_references(paragraph_text)]
    if ctx.previous_paragraph:
        spans += [(start, end, "#" + ctx.previous_paragraph) for start, end in preceding_paragraph_references(paragraph_text)]
    for line in lines:
        for name, target in ctx.unit_links.get(line, []):
            tail_from = _units_tail(paragraph_text)
            if paragraph_text.startswith(("牵头单位", "责任单位", "配合单位")):
                tail_from = 0
            start = paragraph_text.find(name, tail_from)
            if start >= 0:
                spans.append((start, start + len(name), target))
    spans.sort()
    out, at = [], 0
    for start, end, target in spans:
        if start < at:
            continue
        out.append(esc(paragraph_text[at:start]))
        css = "gz-unit-link" if target.startswith("units/") else "gz-ref"
        href = target if target.startswith("#") else relative_url(ctx.page_path, target)
        out.append(f'<a class="{css}" href="{esc(href)}">'
                   f"{esc(paragraph_text[start:end])}</a>")
        at = end
    out.append(esc(paragraph_text[at:]))
    return "".join(out)


def _units_tail(text: str) -> int:
    """Where the closing （…牵头，…负责） of a task starts: the opener matching the last closing
    parenthesis, so a nested 各县(区) inside it does not hide the units before it."""
    start = closing_group_start(text[: len(text.rstrip("。；;.， "))])
    return start if start is not None else max(text.rfind("（"), text.rfind("("), 0)


# What bounds the phrase an erratum note quotes: punctuation and brackets (the printed phrase, not the sentence).
_PHRASE_BOUNDS = frozenset("，。；：、！？,;:!?（）()《》〈〉“”‘’\"'【】〔〕[] \t\n")
PHRASE_CONTEXT = 16  # characters at most on each side of the corrected words


def erratum_phrase(text: str, erratum: Erratum) -> tuple[str, str]:
    """The printed phrase around an erratum and its corrected form (大力推进孟县梁家寨康养小镇 /
    大力推进盂县梁家寨康养小镇): the corrected words in ``text`` widened to the nearest punctuation on each
    side, so a quote copied from the printed bulletin is on the page; the bare words when ``text`` lacks them."""
    at = text.find(erratum.corrected) if erratum.corrected else -1
    if at < 0:
        return erratum.original, erratum.corrected
    start, end = at, at + len(erratum.corrected)
    while start > 0 and at - start < PHRASE_CONTEXT and text[start - 1] not in _PHRASE_BOUNDS:
        start -= 1
    while end < len(text) and end - at - len(erratum.corrected) < PHRASE_CONTEXT and text[end] not in _PHRASE_BOUNDS:
        end += 1
    before, after = text[start:at], text[at + len(erratum.corrected):end]
    return before + erratum.original + after, before + erratum.corrected + after


def _errata_notes(lines: list[int], ctx: RenderContext, text: str = "") -> list[str]:
    """勘误 notes and parser notes (text out of order, columns) for these source lines; ``text``: the
    corrected text they render (the note quotes the printed phrase from it)."""
    fresh = []
    for note in (n for line in lines for n in ctx.line_notes.get(line, [])):
        if note.message not in ctx.shown_notes:
            ctx.shown_notes.add(note.message)
            fresh.append(note)
    notes = [note.rstrip("\n") for note in notes_html(fresh)]
    for line in lines:
        for erratum in ctx.errata.get(line, []):
            if erratum.kind == "normalised":  # a converter's leftover, not the bulletin's words
                notes.append(
                    f'<div class="gz-erratum gz-normalised" role="note"><strong>原文整理</strong> 原文此处为'
                    f"“<code>{esc(erratum.original)}</code>”。{esc(erratum.reason)}"
                    f'<span class="gz-source">（第 {line} 行）</span></div>')
                continue
            printed, corrected = erratum_phrase(text, erratum)
            notes.append(
                f'<div class="gz-erratum" role="note"><strong>勘误</strong> 原文作“{esc(printed)}”，'
                f"本站更正为“{esc(corrected)}”。{esc(erratum.reason)}"
                f'<span class="gz-source">（第 {line} 行）</span></div>')
    return notes


def paragraph_html(paragraph: Paragraph, ctx: RenderContext, css: str = "", anchor: str | None = None,
                   text: str | None = None, cite: str = "") -> list[str]:
    anchor = anchor or paragraph.anchor
    classes = " ".join(c for c in ("gz-p", f"gz-{paragraph.role}" if paragraph.role != "text" else "", css,
                                   "gz-bullet" if paragraph.bullet else "") if c)
    ident = f' id="{anchor}"' if anchor else ""
    link = copy_link(anchor, cite) if anchor else ""
    # `text`: the part of a heading line after its title, where the line's citations stand shifted
    shift = 0 if text is None else len(paragraph.text) - len(text) if paragraph.text.endswith(text) else \
        paragraph.text.find(text)
    body = inline(paragraph.text if text is None else text, paragraph.lines, ctx,
                  ctx.citations.get(paragraph.lines[0], []), shift)
    html = f'<p class="{classes}"{ident} data-l="{paragraph.lines[0]}">{body}{link}</p>'
    return [html, ""] + [n + "\n" for n in _errata_notes(paragraph.lines, ctx, paragraph.text)]


def table_html(table: Table, ctx: RenderContext) -> list[str]:
    width = max(len(r) for r in table.rows)
    rows = []
    for row in table.rows:
        cells = "".join(f"<td>{inline(c, table.lines, ctx, _cell_citations(c, ctx))}</td>"
                        for c in row + [""] * (width - len(row)))
        rows.append(f"<tr>{cells}</tr>")
    return [f'<div class="gz-table-wrap"><table class="gz-table" data-l="{table.lines[0]}"><tbody>'
            + "".join(rows) + "</tbody></table></div>", ""] + [n + "\n" for n in _errata_notes(table.lines, ctx)]


def _cell_citations(cell: str, ctx: RenderContext) -> list[Citation]:
    """Table cells are not searched for citations when parsing (they cite nothing the archive
    relates); a cell's 文号 and 《title》 are still linked on the page."""
    return citations_in(Paragraph(cell, [0]), ctx.known_prefixes) if ("号" in cell or "《" in cell) else []


def block_markdown(block: Block, ctx: RenderContext) -> list[str]:
    if isinstance(block, Table):
        return table_html(block, ctx)
    return paragraph_html(block, ctx)


def notes_html(notes: list[Note]) -> list[str]:
    return [f'<div class="gz-note gz-note-{n.kind}" role="note"><strong>原文提示</strong> {esc(n.message)}'
            f'<span class="gz-source">（第 {n.line} 行）</span></div>\n' for n in notes]


def _split_heading(unit: Unit) -> tuple[str, str]:
    """(heading text, rest of the line) for a unit whose line is running text."""
    text = unit.heading.text
    if not text.startswith(unit.label):
        return unit.label, text
    rest = text[len(unit.label):]
    if unit.kind not in ("article", "chapter", "section") and (m := _TITLE_SENTENCE_RE.match(rest.lstrip())):
        lead = rest[: len(rest) - len(rest.lstrip())] + m.group(1)
        return unit.label + lead, rest[len(lead):]
    return unit.label, rest


def unit_markdown(unit: Unit, level: int, ctx: RenderContext, inside_article: bool = False,
                  article: str = "") -> list[str]:
    """`article`: the citation label of the article the unit is in (第十一条), if any."""
    out: list[str] = []
    outer, outer_previous = ctx.article_number, ctx.previous_paragraph
    if unit.kind == "article":
        ctx.article_number = unit.number
        ctx.previous_paragraph = None  # 前款 in the first 款 names nothing in this article
    cite = cite_label(unit, article)
    as_heading = not inside_article and level <= 6
    if as_heading:
        if unit.is_title:
            head, rest = unit.heading.text, ""
        else:
            head, rest = _split_heading(unit)
        classes = f".gz-unit .gz-{unit.kind}"
        toc_label = "" if unit.is_title or unit.kind == "article" else f' data-toc-label="{attr(head.strip())}"'
        out += [f"{'#' * level} {esc_md(head.strip())}{copy_link(unit.anchor, cite)} {{#{unit.anchor} {classes}{toc_label}}}", ""]
        if rest.strip():  # the rest of the heading line (its notes follow it, keeping the line whole)
            out += paragraph_html(unit.heading, ctx, css="gz-lead", text=rest.strip())
        else:
            out += [n + "\n" for n in _errata_notes(unit.heading.lines, ctx, unit.heading.text)]
    else:
        out += paragraph_html(unit.heading, ctx, css=f"gz-item gz-{unit.kind}", anchor=unit.anchor, cite=cite)
    # A note stands after the block holding its line (第三十四条 cut off after its third paragraph, not
    # its first); notes about the unit as a whole (numbering, order) follow its heading.
    at_block: dict[int, list[Note]] = {}
    for note in unit.notes:
        owner = next((b for b in unit.ordered() if not isinstance(b, Unit) and b.lines
                      and min(b.lines) <= note.line <= max(b.lines)), None)
        at_block.setdefault(id(owner) if owner is not None else 0, []).append(note)
    out += notes_html(at_block.get(0, []))
    child_level = level + (2 if unit.kind == "article" else 1)
    # An article's 款 after the first: each cites as 第十一条第二款, and 前款 in it (or in its items) links the one before.
    paragraphs = unit.paragraphs() if unit.kind == "article" else []
    number_of = {id(p): n for n, p in enumerate(paragraphs, start=1)}
    for item in unit.ordered():
        if isinstance(item, Unit):
            out += unit_markdown(item, child_level, ctx, inside_article or unit.kind == "article",
                                 unit.label.strip() if unit.kind == "article" else article)
        elif (n := number_of.get(id(item), 0)) > 1 and isinstance(item, Paragraph):
            ctx.previous_paragraph = unit.anchor if n == 2 else paragraphs[n - 2].anchor
            out += paragraph_html(item, ctx, cite=f"{cite}第{int_to_chinese(n)}款")
            out += notes_html(at_block.get(id(item), []))
        else:
            out += block_markdown(item, ctx)
            out += notes_html(at_block.get(id(item), []))
    ctx.article_number = outer
    ctx.previous_paragraph = outer_previous
    return out


def body_markdown(body: Body, ctx: RenderContext, level: int = 2) -> list[str]:
    out: list[str] = []
    for block in body.blocks:
        out += block_markdown(block, ctx)
    has_chapters = any(u.kind == "chapter" for u in body.units)
    for unit in body.units:
        start = level if (unit.kind != "article" or not has_chapters) else level + 1
        out += unit_markdown(unit, start, ctx)
    return out
