"""References to other documents: 文号 and 《title》, with repeal, lapse and revision cues.

The sentence around a reference decides whether the citing document repeals it
(…同时废止, 予以废止, 停止执行, 不再执行), declares it lapsed (宣布失效) or amends it
(关于修改《…》, 对《…》…修改, 修订). A heading (一、对以下文件予以废止 / 二、宣布失效的文件) gives
its cue to the list under it; a table row gives the cue printed in one of its cells (废止 / 失效).
A 《title》 followed by 文号 in brackets (《X》（阳政发〔2020〕7号印发）) names the document by
those 文号: the title citation keeps them in `numbers`, the 文号 citations are only qualifiers.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from gazette.model import Block, Body, Citation, Paragraph, Table, Unit
from gazette.text.chars import squash
from gazette.text.docnumber import find_doc_numbers
from gazette.text.numerals import chinese_to_int
from gazette.text.titles import remove_wrap_spaces, title_key

_TITLE_RE = re.compile(r"《([^《》]{2,120})》")
_SENTENCE_SPLIT_RE = re.compile(r"(?<=[。；;！？!?])")
# What may stand between a citation and 废止: its 文号 in brackets, 同时/予以/一并 …
# Possessive quantifiers (*+): no item after a run starts with what the run takes, so giving nothing
# back changes no match, and a run of spaces is never split among the adjacent \s* (polynomial backtracking).
_REPEAL_AFTER_RE = re.compile(
    r"^\s*+[)）]?\s*+(?:[（(][^（）()]*+(?:[（(][^（）()]*+[）)][^（）()]*+)*+[）)])?\s*+(?:[、，,]\s*+《[^《》]*+》\s*+(?:[（(][^（）()]*+[）)])?\s*+)*+"
    r"(?:文件)?\s*+(?:均|也|亦|将)?\s*+(?:自\S{0,12}?起)?\s*+(?:同时|予以|一并|即行|即|相应|随之|宣布|自行|自动)?\s*+"
    r"(?P<verb>废止|作废|失效|停止执行|停止施行|不再执行|不再施行)")
# 决定废止《X》（…）、《Y》: the verb before the list of citations; 拟/建议/不 废止 decides nothing.
_REPEAL_BEFORE_RE = re.compile(r"(?<![拟不未已应可建议请])(?:予以|决定|同意|现|并|同时|一并)?(?:废止|废除)$")
_WINDOW = 800  # characters around a citation that decide its cue: a list of some twenty citations
_LIST_GAP = "、，,和及以与（( \u3000"
_REVISE_BEFORE_RE = re.compile(r"(?:关于)?(?:修改|修订|修正)\s*$")  # 修改后的《X》 is the new text, no amendment
_REVISE_SENTENCE_RE = re.compile(r"作(?:如下|以下)?(?:修改|修订)|进行(?:修改|修订)|予以修改|相应修改|修改为")
_HEADING_REPEAL_RE = re.compile(r"(?:予以|决定|同时)?(?:废止|停止执行|不再执行)$|废止(?:的)?(?:\S{0,8}文件)")
_HEADING_LAPSE_RE = re.compile(r"(?:宣布|予以)?失效$|失效(?:的)?(?:\S{0,8}文件)")
# A table cell that is only a cue: 废止 / 宣布失效 / 修改 (清理结果、处理意见 columns).
_CELL_CUES = {"废止": "repeal", "予以废止": "repeal", "停止执行": "repeal", "不再执行": "repeal",
              "失效": "lapse", "宣布失效": "lapse", "已失效": "lapse", "修改": "revise", "予以修改": "revise"}
_NUMERAL = r"[零一二三四五六七八九十百千两〇\d]+"
# 《X》第三条 / 《X》（…）第四条第二款 / 《X》规定的第五条; more articles of one title: 、第七条 / 和第九条
# These three are matched where a title ends, after its spaces (_past_spaces): none starts with \s*, which
# a search would try again at every position of a run of spaces (quadratic).
_ARTICLE_RE = re.compile(rf"(?:(?:规定的|中的|的)\s*+)?第({_NUMERAL})条(?:第({_NUMERAL})款)?")
_MORE_ARTICLE_RE = re.compile(rf"(?:、|，|和|及|以及|或者|或)\s*+第({_NUMERAL})条(?:第({_NUMERAL})款)?")
_BRACKET_RE = re.compile(r"[（(]([^（）()]*+)[）)]")


def _past_spaces(text: str, at: int) -> int:
    while at < len(text) and text[at].isspace():
        at += 1
    return at
# 本办法第六条 / 本规定第三条第一款 (、第七条 after it): the document's own article, cited in its own text.
_OWN_KINDS = "实施细则|实施办法|办法|规定|条例|细则|规则|制度|准则|决定|规程|章程|守则|规范|标准|意见|方案"
_OWN_ARTICLE_RE = re.compile(rf"本(?:{_OWN_KINDS})第({_NUMERAL})条(?:第({_NUMERAL})款)?")


@dataclass(frozen=True)
class OwnArticleReference:
    """本规定第三条 in a document's own text: the span to link and the article it names."""

    start: int
    end: int
    article: int


def own_article_references(text: str) -> list[OwnArticleReference]:
    """Where `text` cites an article of its own document (本办法第六条, and 、第七条 after it)."""
    found: list[OwnArticleReference] = []
    for match in _OWN_ARTICLE_RE.finditer(text):
        article: re.Match[str] | None = match
        while article is not None:
            label = article.group(0).lstrip(" 、，和及以或者")
            if (number := chinese_to_int(article.group(1))) is not None:
                found.append(OwnArticleReference(article.end() - len(label), article.end(), number))
            article = _MORE_ARTICLE_RE.match(text, _past_spaces(text, article.end()))
    return found


_PRECEDING_ARTICLE_RE = re.compile(r"前条|上一条")


def preceding_article_references(text: str) -> list[tuple[int, int]]:
    """Where `text` (an article's own) names the article before it: 依照前条规定 / 违反上一条规定."""
    return [(m.start(), m.end()) for m in _PRECEDING_ARTICLE_RE.finditer(text)]


_PRECEDING_PARAGRAPH_RE = re.compile(r"前款|上一款")


def preceding_paragraph_references(text: str) -> list[tuple[int, int]]:
    """Where `text` (a 款 of an article, or an item under it) names the 款 before it: 前款规定的 / 上一款."""
    return [(m.start(), m.end()) for m in _PRECEDING_PARAGRAPH_RE.finditer(text)]


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


def _head_of_list(text: str) -> str:
    """`text` less the citations listed at its end (《X》（…）、《Y》、): what precedes the whole list."""
    while True:
        text = text.rstrip(_LIST_GAP)
        closer = text[-1:]
        opener = {"）": "（", ")": "(", "》": "《"}.get(closer)
        at = text.rfind(opener) if opener else -1
        if at < 0:
            return text
        text = text[:at]


def _repealed_by_verb_before(sentence: str, start: int, end: int) -> bool:
    """决定废止《X》: the verb stands before the citation, and no 的 after it makes it a noun (废止《X》的决定)."""
    if sentence[end:end + 8].lstrip(" （(").startswith(("的", "文件的", "文的")):
        return False
    before = sentence[max(0, start - _WINDOW):start]
    return "废" in before and bool(_REPEAL_BEFORE_RE.search(_head_of_list(before)[-8:]))


def _cues(sentence: str, start: int, end: int, cue: str | None) -> tuple[bool, bool, bool]:
    """Does the sentence repeal / declare lapsed / amend the citation at sentence[start:end]?"""
    # Windows around the citation: a sentence of thousands of citations (hostile input) stays linear.
    after = _REPEAL_AFTER_RE.match(sentence[end:end + _WINDOW])
    lapses = cue == "lapse" or bool(after and after.group("verb") == "失效" and cue != "repeal")
    repeals = not lapses and (cue == "repeal" or bool(after) or _repealed_by_verb_before(sentence, start, end))
    before = sentence[max(0, start - 6):start]
    revises = cue == "revise" or bool(_REVISE_BEFORE_RE.search(before)) or (
        bool(_REVISE_SENTENCE_RE.search(sentence[max(0, start - _WINDOW):end + _WINDOW]))
        and "修改" in sentence[end:end + _WINDOW])
    return repeals, lapses, revises


def citations_in(paragraph: Paragraph, known_prefixes: frozenset[str] = frozenset(), cue: str | None = None) -> list[Citation]:
    """Citations of one paragraph; `cue` (repeal/revise) comes from a heading such as 予以废止."""
    return citations_in_text(paragraph.text, paragraph.lines[0], known_prefixes, cue)


def citations_in_text(text: str, line: int, known_prefixes: frozenset[str] = frozenset(),
                      cue: str | None = None) -> list[Citation]:
    found: list[Citation] = []
    for at, sentence in _sentences(text):
        numbers = [m for m in find_doc_numbers(sentence, known_prefixes) if "X" not in m.raw]
        starts = [m.start for m in numbers]
        qualifiers: set[int] = set()
        titles: list[Citation] = []
        for t in _TITLE_RE.finditer(sentence):
            title = remove_wrap_spaces(t.group(1))
            if "XX" in title or len(title) < 4:
                continue
            end = t.end()
            named: list[str] = []
            if bracket := _BRACKET_RE.match(sentence, _past_spaces(sentence, end)):
                first = bisect.bisect_left(starts, bracket.start(1))  # numbers are in order of start
                inside = [i for i in range(first, bisect.bisect_right(starts, bracket.end(1)))
                          if numbers[i].end <= bracket.end(1)]
                qualifiers.update(inside)
                named = [numbers[i].number.normalised for i in inside]
                if inside:
                    end = bracket.end()
            repeals, lapses, revises = _cues(sentence, t.start(), end, cue)
            key = title_key(title)
            article = _ARTICLE_RE.match(sentence, _past_spaces(sentence, end))
            titles.append(Citation(t.group(0), "title", key, line, repeals=repeals, revises=revises,
                                   lapses=lapses, numbers=tuple(named), start=at + t.start(), end=at + t.end(),
                                   link_end=at + article.end() if article else 0,
                                   article=chinese_to_int(article.group(1)) if article else None,
                                   paragraph_no=chinese_to_int(article.group(2)) if article and article.group(2) else None))
            while article and (article := _MORE_ARTICLE_RE.match(sentence, _past_spaces(sentence, article.end()))):
                label = article.group(0).lstrip(" 、，和及以或者")
                titles.append(Citation(label, "title", key, line, numbers=tuple(named),
                                       start=at + article.end() - len(label), end=at + article.end(),
                                       article=chinese_to_int(article.group(1)),
                                       paragraph_no=chinese_to_int(article.group(2)) if article.group(2) else None))
        for i, m in enumerate(numbers):
            repeals, lapses, revises = _cues(sentence, m.start, m.end, cue)
            found.append(Citation(m.raw, "文号", m.number.normalised, line, repeals=repeals, revises=revises,
                                  lapses=lapses, qualifier=i in qualifiers, start=at + m.start, end=at + m.end))
        found += titles
    return found


def _row_citations(table: Table, known_prefixes: frozenset[str], cue: str | None) -> list[Citation]:
    """Citations of a table, row by row; a cell that is only a cue (废止 / 宣布失效) gives it to its row."""
    found: list[Citation] = []
    for row, line in zip(table.rows, table.lines, strict=False):
        row_cue = next((_CELL_CUES[squash(c)] for c in row if squash(c) in _CELL_CUES), cue)
        cells = [c for c in row if squash(c) not in _CELL_CUES]
        found += citations_in_text("，".join(cells), line, known_prefixes, row_cue)
    return found


def _heading_cue(unit: Unit) -> str | None:
    text = squash(unit.title).rstrip("：:。")
    if len(text) > 40:
        return None
    if _HEADING_LAPSE_RE.search(text):
        return "lapse"
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
            elif isinstance(block, Table):
                citations.extend(_row_citations(block, known_prefixes, cue))

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
