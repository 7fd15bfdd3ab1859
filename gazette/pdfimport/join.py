"""Paragraphs back together from printed lines: the page geometry and the text decide together.

A printed line continues on the next one when the typesetter wrapped it there:

- it ran to the right margin: the next line's first word (with the space typesetters put between
  Chinese and a number) would not have fitted in what is left. The margin is where the longest
  lines end, not counting a mark hung past it: in a ragged block a full line of Chinese stops
  short of it by less than a character;
- the next line starts at the left margin (a first-line indent, a centred or right-aligned line
  starts a paragraph);
- same font size, no paragraph spacing between them, no table cell in either (a 目录 entry's tab
  before its page number aside);
- in a justified PDF (lines with digits end at the margin too), the line's characters reach the
  margin (a paragraph's last line is set at its natural width; closing marks hung in the margin
  do not count);
- the text does not say otherwise: the next line does not start with a label (第X条, 一、, （一）,
  1., unless it reads as a reference: 第十二条的规定, or 一、 after a line stopped inside a word:
  统|一、), a 文号, a date, 附件, 牵头单位：, a list marker, or a title or table caption (…表)
  after a finished sentence; the line does not end a 目录 entry with its page number or leader dots.

Text always wins where a break cannot be: a line that starts with closing punctuation (，。）》)
after a full line, a stray mark from another baseline, or a line that ends inside a 〔〕 bracket or
after an opening one is always continued. A title printed centred over two or three lines
is joined with one space at each printed break (the text files' wrap-space, which the parser
reads). Joins never add a space between Chinese characters or inside a number; between a Latin
word and the next one they do, and between Chinese and a digit only where the paragraph itself
writes one (`2020 年` against `2020年`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from statistics import median

from gazette.parse.lines import LineKind, classify_line, match_label
from gazette.pdfimport.lines import Normalisation, NormalisationKind, PrintedLine, char_class
from gazette.text.chars import CLOSERS, ends_sentence, has_inner_punctuation, squash
from gazette.text.docnumber import parse_doc_number
from gazette.text.titles import TITLE_ENDINGS

# Never the first character of a printed line in Chinese typesetting (避头点): the line before ran on.
_NO_LINE_START = set("，。、；：？！）》」』”’〕】…,.;:?!)") | CLOSERS
# A 目录 entry ends with its page number or its leader dots: '……（38）', '.....38', '(阳政发〔2020〕6 号) (1)',
# '……' (a 目录 without page numbers).
# Linear on any line: a leader run is entered only at its first character (lookbehind) and taken whole.
_TOC_END_RE = re.compile(r"(?:(?:(?<![.．·])[.．·]{3,}+|(?<![…⋯])[…⋯]{2,}+)\s*+(?:[（(]?\d{1,4}[)）]?)?"
                         r"|[)）]\s*+[（(]\d{1,4}[)）])\s*+$")
# The one tab of a 目录 entry that runs over two lines: before its page number at the right margin.
_PAGE_TAB_RE = re.compile(r"^[^\t]*\t\s*[（(]?\d{1,4}[)）]?$")
# A table's caption ends a paragraph like a title does ('…工程任务表').
_TABLE_TITLE = ("表",)
# Measuring slack (glyph boxes, kerning): a next word that fits the room left on a line with this much
# to spare would have been set there. Not less: lines with narrow ASCII marks end anywhere short.
_FIT = 0.1
# A justified line ends this close to the margin (LibreOffice's: within 0.09 character); a paragraph's
# last line set at its natural width stops short by what is left of the block after whole characters.
_JUSTIFIED_SHORT = 0.15
_OPENERS = tuple("（(《“‘〔【[")
_BLOCK_KINDS = {LineKind.TABLE, LineKind.LABEL, LineKind.DATE, LineKind.PUBLIC, LineKind.ATTACHMENT, LineKind.UNITS}
# After a label, words that make it a reference in running text ('第十二条的规定'), not a new clause.
_REFERENCE_RE = re.compile(r"^(?:的|规定|所|之|中|和|或|及|至|、|，|第)")


@dataclass
class Line:
    """One line of the extracted text (a paragraph once wrapped lines are joined)."""

    text: str
    pdf_page: int
    printed_page: int | None
    joined: int = 1  # how many printed lines it was made of
    notes: list[Normalisation] = field(default_factory=list)


@dataclass(frozen=True)
class Layout:
    """The text block of pages of one size, measured from the lines themselves."""

    left: float
    right: float
    size: float  # body character size
    pitch: float  # distance from one line's top to the next within a paragraph
    justified: bool  # wrapped lines are stretched to the right margin (then a shorter line ends its paragraph)


def measure(lines: list[PrintedLine]) -> Layout:
    size = median(r.size for r in lines)
    body = [r for r in lines if abs(r.size - size) < 0.5] or lines
    lefts = Counter(round(r.x0) for r in body)
    most = lefts.most_common(1)[0][1]
    left = min(x for x, count in lefts.items() if count >= min(most, max(2, most // 4)))
    # The right margin is where the longest lines end: a ragged text block reaches it only on some
    # lines (a full line of Chinese stops short of it by less than a character). A punctuation mark
    # hung beyond the margin, a table row and a 目录 entry's tab do not measure it.
    ends = sorted((r.x1 for r in body if len(r.text) >= 10 and "\t" not in r.text and not r.ruled
                   and r.text.rstrip()[-1:] not in _NO_LINE_START), reverse=True) \
        or sorted((r.x1 for r in body), reverse=True)
    right = ends[min(len(ends) - 1, max(1, len(ends) // 200))]
    steps = [b.top - a.top for a, b in zip(body, body[1:], strict=False)
             if a.page == b.page and 0.8 * size < b.top - a.top < 3 * size]
    pitch = median(steps) if steps else 1.5 * size
    # Justified, not merely a grid of equal characters: lines with narrower characters (digits,
    # Latin, spaces) also end at the margin.
    mixed = [r for r in body if r.x1 > right - 1.5 * size and any(ch.isascii() for ch in r.text)]
    justified = len(mixed) >= 5 and sum(1 for r in mixed if r.x1 >= right - 0.1 * size) >= 0.8 * len(mixed)
    if right - left < 20 * size:  # no block of running text to measure lines against: join nothing
        right = float("inf")
    return Layout(left, right, size, pitch, justified)


def _layouts(pages: list[list[PrintedLine]]) -> dict[int, Layout]:
    """One layout per page size (a landscape table page has its own margins)."""
    groups: dict[tuple[int, int], list[PrintedLine]] = defaultdict(list)
    for raws in pages:
        for raw in raws:
            groups[(round(raw.page_width), round(raw.page_height))].append(raw)
    measured = {key: measure(raws) for key, raws in groups.items()}
    return {raw.page: measured[(round(raw.page_width), round(raw.page_height))] for raws in pages for raw in raws}


def _starts_block(text: str) -> bool:
    line = classify_line(0, text)
    if line.bullet or line.kind in _BLOCK_KINDS:
        return not (line.kind is LineKind.LABEL and line.label is not None and _REFERENCE_RE.match(line.label.rest))
    return parse_doc_number(text) is not None


def _title_like(text: str, endings: tuple[str, ...] = ()) -> bool:
    core = squash(text)
    return 4 <= len(core) <= 40 and core.endswith(TITLE_ENDINGS + endings) and not has_inner_punctuation(core)


def _centred(raw: PrintedLine, layout: Layout) -> bool:
    if layout.right == float("inf"):
        return False
    # Within a character: a paragraph's first line indented by two characters that stops a
    # character and a half short of the margin is not centred.
    return raw.x0 > layout.left + layout.size and abs((raw.x0 - layout.left) - (layout.right - raw.x1)) < layout.size


def _unclosed(text: str, opening: str, closing: str) -> bool:
    """Does `text` leave one of `opening` open (a 〔2020 broken off, a （牵头单位： over two lines)?"""
    depth = 0
    for ch in text:
        if ch in opening:
            depth += 1
        elif ch in closing and depth:
            depth -= 1
    return depth > 0


def _body_end(raw: PrintedLine, layout: Layout) -> float:
    """Where a line ends without the closing marks it hangs in the right margin (Word's 标点溢出
    边界): a justified line's characters before them reach the margin, the last line's do not."""
    visible = [g for g in raw.glyphs if g.text.strip()]
    while len(visible) > 1 and visible[-1].text in _NO_LINE_START and visible[-1].x1 > layout.right + 0.3 * raw.size:
        visible.pop()
    return visible[-1].x1 if visible else raw.x1


def continues(paragraph: str, previous: PrintedLine, raw: PrintedLine, layout: Layout) -> bool:
    """Did the typesetter wrap `previous` (the last line of `paragraph`) onto `raw`?"""
    size = layout.size
    if previous.ruled or raw.ruled or "\t" in previous.text or ("\t" in raw.text and not _PAGE_TAB_RE.search(raw.text)) \
            or abs(raw.size - previous.size) >= 0.5:
        return False
    if raw.page == previous.page and raw.top - previous.top > 1.6 * layout.pitch:
        return False  # paragraph spacing
    at_left = raw.x0 <= layout.left + 0.5 * size
    room = layout.right - previous.x1
    # A closing mark starts a line only where the line before ran full, or as a stray mark from
    # another baseline; after a short line it is a line of its own ('...' in a table).
    stray = len(raw.text.strip()) <= 2 and all(ch in _NO_LINE_START for ch in raw.text.strip())
    if at_left and ((raw.text[0] in _NO_LINE_START and (room < 2 * size or stray))
                    or previous.text.endswith(_OPENERS) or _unclosed(paragraph, "〔", "〕")):
        return True
    need = raw.first_token_width
    if {char_class(previous.text[-1:]), char_class(raw.text[:1])} in ({"cjk", "digit"}, {"cjk", "latin"}):
        need += 0.25 * size  # the space typesetters put between Chinese and a number or Latin word
    if room >= need + _FIT * size or previous.x0 > layout.left + 2.6 * size or not at_left:
        return False
    if layout.justified and layout.right - _body_end(previous, layout) > _JUSTIFIED_SHORT * size:
        return False  # a justified line that stops short is the last of its paragraph
    if _TOC_END_RE.search(previous.text):
        return False
    start = raw.text.replace("\t", " ") if _PAGE_TAB_RE.search(raw.text) else raw.text
    # A paragraph of several lines whose full last line stops inside a word (a Chinese character,
    # no punctuation) goes on where the next line starts with 一、 … 十、: in running text that is a
    # word and its 、 ('统' + '一、办事…', 之一、), not a part's label.
    label = classify_line(0, start).label
    inside_word = char_class(previous.text[-1:]) == "cjk" and len(paragraph) > len(previous.text) \
        and label is not None and label.kind == "part"
    if _starts_block(start) and not _unclosed(paragraph, "（(", "）)") and not inside_word:
        return False
    finished = ends_sentence(previous.text) or previous.text.endswith(("）", ")"))
    return not (finished and _title_like(raw.text, _TABLE_TITLE))


def glue(before: str, after: str) -> str:
    """The space a join puts between two printed lines: see the module docstring."""
    left, right = char_class(before[-1:]), char_class(after[:1])
    if left == right == "latin":
        return " "
    if left == right or "other" in (left, right) or _unclosed(before, "〔", "〕"):
        return ""
    label = match_label(before)
    evidence = (before[before.find(label.text) + len(label.text):] if label else before, after)
    # The same pair in this order, then in the other, then Chinese against anything ASCII.
    ascii_side = {"digit", "latin", "punct"}
    tests = [lambda x, y: (x, y) == (left, right), lambda x, y: (x, y) == (right, left)]
    if "cjk" in (left, right) and {left, right} & ascii_side:
        tests.append(lambda x, y: {x, y} <= ascii_side | {"cjk"} and "cjk" in (x, y) and x != y)
    for same in tests:
        spaced = unspaced = 0
        for text in evidence:  # not across the join itself, nor after the paragraph's label ('2. ')
            spaced += sum(1 for a, b, c in zip(text, text[1:], text[2:], strict=False)
                          if b == " " and same(char_class(a), char_class(c)))
            unspaced += sum(1 for a, b in zip(text, text[1:], strict=False) if same(char_class(a), char_class(b)))
        if spaced or unspaced:
            return " " if spaced > unspaced else ""
    return ""


def _note(kind: NormalisationKind, page: int, before: str, glue: str, after: str) -> Normalisation:
    return Normalisation(kind, page, f"{before[-6:]}⟨{glue}⟩{after[:6]}")


def _full(raw: PrintedLine, layout: Layout) -> bool:
    """A line across the whole text block (a long title line the typesetter wrapped)."""
    return raw.x0 <= layout.left + layout.size and raw.x1 >= layout.right - 1.5 * raw.size


def _wrapped_title(a: PrintedLine, b: PrintedLine, layout: Layout) -> bool:
    """Did the typesetter wrap title line `a` (its next word would not have fitted on it), rather
    than the author break the title there?"""
    return (a.x1 - a.x0) + b.first_token_width + 0.6 * a.size > layout.right - layout.left


def _title_groups(raws: list[PrintedLine], layouts: dict[int, Layout]) -> dict[int, int]:
    """Centred lines that make one title: index of the first line -> index of the last (the longest
    run of up to three lines of one size, centred or, in a title's font, across the whole block,
    that ends with a title's last word)."""
    groups: dict[int, int] = {}
    i = 0
    while i < len(raws):
        layout = layouts[raws[i].page]
        end = i
        first = raws[i]
        if (_centred(first, layout) or (_full(first, layout) and first.size >= layout.size + 2)) \
                and not _starts_block(first.text):
            text = first.text
            for j in range(i + 1, min(i + 3, len(raws))):
                a, b = raws[j - 1], raws[j]
                gap = b.top - a.top if a.page == b.page else 0.0 if b.page == a.page + 1 else float("inf")
                if ends_sentence(text) or not (_centred(b, layout) or _full(b, layout)) or abs(a.size - b.size) >= 0.5 \
                        or gap > 2 * max(a.size, b.size) or _starts_block(b.text) \
                        or b.text.startswith(("（", "(")) and not _wrapped_title(a, b, layout):
                    break
                text += b.text
                if squash(text).endswith(TITLE_ENDINGS) and not _unclosed(text, "《（(“", "》）)”"):
                    end = j
        if end > i:
            groups[i] = end
        i = end + 1
    return groups


def _cell_starts(raw: PrintedLine) -> list[float]:
    """Where each cell of a table row starts: the line's start and the first glyph after each wide gap."""
    visible = [g for g in raw.glyphs if g.text.strip()]
    starts = [raw.x0]
    for a, b in zip(visible, visible[1:], strict=False):
        if len(starts) <= len(raw.gaps) and abs((b.x0 - a.x1) - raw.gaps[len(starts) - 1][1]) < 0.01:
            starts.append(b.x0)
    return starts


def _nearest(positions: list[float], x: float) -> int:
    return min(range(len(positions)), key=lambda k: abs(positions[k] - x))


def columns(raws: list[PrintedLine], layouts: dict[int, Layout]) -> None:
    """Empty table cells back: in a run of table rows, the cells' starts give the columns, and a gap
    that spans two columns is two tabs (`平定县⇥53.9⇥⇥53.9`)."""
    i = 0
    while i < len(raws):
        j = i
        while j < len(raws) and raws[j].gaps and not raws[j].ruled and raws[j].page_width == raws[i].page_width:
            j += 1
        block = raws[i:j]
        if len(block) >= 2:
            size = layouts[block[0].page].size
            starts = sorted(x for raw in block for x in _cell_starts(raw))
            clusters: list[list[float]] = []
            for x in starts:
                if clusters and x - clusters[-1][-1] <= size:
                    clusters[-1].append(x)
                else:
                    clusters.append([x])
            positions = [median(c) for c in clusters]
            for raw in block:
                cells = [_nearest(positions, x) for x in _cell_starts(raw)]
                parts = raw.text.split("\t")
                if len(parts) != len(cells):
                    continue
                text = parts[0]
                for k in range(1, len(parts)):
                    text += "\t" * max(1, cells[k] - cells[k - 1]) + parts[k]
                raw.text = text
        i = max(j, i + 1)


def join_lines(pages: list[list[PrintedLine]], printed: dict[int, int]) -> list[Line]:
    """The paragraphs of the text, each with the page it starts on."""
    raws = [raw for page in pages for raw in page]
    if not raws:
        return []
    layouts = _layouts(pages)
    columns(raws, layouts)
    titles = _title_groups(raws, layouts)
    out: list[Line] = []
    current: Line | None = None
    title_end = -1
    for index, raw in enumerate(raws):
        text = raw.text.strip()
        previous = raws[index - 1] if index else None
        if current is not None and previous is not None and index <= title_end:
            # A printed break of the title is a wrap-space; where the line ran across the block the
            # typesetter wrapped it, and it joins like running text.
            wrapped = _full(previous, layouts[previous.page]) or raw.text.startswith(("（", "("))
            space = glue(current.text, text) if wrapped else " "
            current.notes.append(_note("joined" if wrapped and not space else "title-lines", raw.page, current.text, space, text))
            current.text += space + text
            current.joined += 1
        elif current is not None and previous is not None and continues(current.text, previous, raw, layouts[raw.page]):
            space = glue(current.text, text)
            kind: NormalisationKind = "joined-with-space" if space else "joined"
            current.notes.append(_note(kind, raw.page, current.text, space, text))
            current.text += space + text
            current.joined += 1
        else:
            current = Line(text, raw.page, printed.get(raw.page))
            out.append(current)
            title_end = titles.get(index, -1)
        current.notes.extend(raw.notes)
    return out
