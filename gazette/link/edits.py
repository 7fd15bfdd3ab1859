"""Amendment decisions read as edits of articles (修改为 / 删去 / 增加一条 / 增加一款 / 中的“…”修改为“…”).

Numbers in the edits are those of the version amended; the result is renumbered in order
(此外，对条文顺序作相应调整). Used to build the next version when a decision is not followed by its
re-published text, and to check a re-published text against its decision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from gazette.link.works import Article
from gazette.text.numerals import CHINESE_NUMERAL_CHARS, chinese_to_int

EditKind = Literal["replace", "phrase", "delete", "delete_para", "insert", "add_para"]
_N = rf"[{CHINESE_NUMERAL_CHARS}\d]+"
_ARTICLE = rf"第(?P<art>{_N})条(?:第(?P<para>{_N})款)?"
_OLD, _NEW, _TEXT = r"“(?P<old>[^”]+)”", r"“(?P<new>[^”]+)”", r"[：:]“(?P<text>.+)”$"
_CHANGE = r"(?:修改为|改为|修正为)"
_DELETE = r"(?:删去|删除)"
_AFTER = r"(?:后|之后)"
_ITEM_LABEL = re.compile(r"^[（(][一二三四五六七八九十\d]+[)）]")
# Each kind of edit in the wordings amendment decisions use (将… or not, 修改为 / 改为, 删去 / 删除); an edit
# inside an article (中的“…”) is tried before one of the whole article. Groups: art, para (the 款 edited, or
# the one a new 款 becomes), old, new, text, as (the number a new article takes).
# An edit is said at the start of its item (after a few words such as 此外、同时): matched there, every rule
# reads each item once, however long.
_LEAD = r"^[^“”：:]{0,12}?"
_RULES: list[tuple[EditKind, re.Pattern[str]]] = [
    ("phrase", re.compile(_LEAD + rf"将?{_ARTICLE}中的{_OLD}{_CHANGE}{_NEW}")),
    ("phrase", re.compile(_LEAD + rf"将?{_ARTICLE}中的{_OLD}{_DELETE}")),
    ("phrase", re.compile(_LEAD + rf"{_DELETE}{_ARTICLE}中的{_OLD}")),
    ("phrase", re.compile(_LEAD + rf"在{_ARTICLE}中的{_OLD}{_AFTER}增加“(?P<added>[^”]+)”")),
    ("replace", re.compile(_LEAD + rf"将?{_ARTICLE}{_CHANGE}{_TEXT}", re.S)),
    ("delete_para", re.compile(_LEAD + rf"{_DELETE}第(?P<art>{_N})条第(?P<para>{_N})款")),
    ("delete_para", re.compile(_LEAD + rf"将?第(?P<art>{_N})条第(?P<para>{_N})款{_DELETE}$")),
    ("delete", re.compile(_LEAD + rf"{_DELETE}第(?P<art>{_N})条(?!第|中)")),
    ("delete", re.compile(_LEAD + rf"将?第(?P<art>{_N})条{_DELETE}$")),
    ("insert", re.compile(_LEAD + rf"在?第(?P<art>{_N})条{_AFTER}增加一条[，,]?(?:作为第(?P<as>{_N})条)?{_TEXT}", re.S)),
    ("insert", re.compile(_LEAD + rf"增加一条[，,]?作为第(?P<as>{_N})条{_TEXT}", re.S)),
    ("add_para", re.compile(_LEAD + rf"在?第(?P<art>{_N})条第(?P<after>{_N})款{_AFTER}增加一款[，,]?{_TEXT}", re.S)),
    ("add_para", re.compile(_LEAD + rf"在?第(?P<art>{_N})条中?增加一款[，,]?(?:作为(?:第{_N}条)?第(?P<para>{_N})款)?{_TEXT}",
                            re.S)),
]
_LABEL_RE = re.compile(rf"^(?:[{CHINESE_NUMERAL_CHARS}]+、|[（(][{CHINESE_NUMERAL_CHARS}\d]+[）)]|\d+[.．、])")  # 一、（一）1.
_PAIR_RE = re.compile(rf"“([^”]+)”{_CHANGE}“([^”]+)”")


@dataclass(frozen=True)
class Edit:
    kind: EditKind
    article: int  # 0: an article added by its new number only (增加一条，作为第三十三条)
    paragraph: int | None = None
    old: str = ""
    new: str = ""
    as_number: int | None = None  # the number an inserted article takes


def _quoted(text: str) -> str:
    """A quoted text over several paragraphs: each continued paragraph opens with “ again."""
    return "\n".join(line[1:] if line.startswith("“") else line for line in text.split("\n"))


def _edits_of(body: str) -> list[Edit]:
    for kind, rule in _RULES:
        if not (m := rule.match(body)):
            continue
        group = m.groupdict()

        def number(name: str, group: dict[str, str | None] = group) -> int | None:
            value = group.get(name)
            return chinese_to_int(value) if value else None

        article, paragraph = number("art") or 0, number("para")
        if kind == "phrase":
            if group.get("added") is not None:  # 在“A”后增加“B”
                return [Edit(kind, article, paragraph, group["old"], group["old"] + group["added"])]
            if group.get("new") is None:  # 中的“A”删去
                return [Edit(kind, article, paragraph, group["old"], "")]
            # 中的“A”修改为“B”，“C”修改为“D”: every pair of the item
            return [Edit(kind, article, paragraph, old, new) for old, new in _PAIR_RE.findall(body, m.start("old") - 1)]
        if kind == "add_para" and group.get("after"):
            paragraph = (number("after") or 0) + 1
        text = _quoted(group["text"]) if group.get("text") else ""
        return [Edit(kind, article, paragraph, new=text, as_number=number("as"))]
    return []


def parse_edits(paragraphs: list[str]) -> list[Edit]:
    """The edits of a decision, from its paragraphs in order (an edit's quote may run over several)."""
    items: list[str] = []
    for text in paragraphs:
        if _LABEL_RE.match(text) or not items or items[-1].count("“") <= items[-1].count("”") \
                and not items[-1].rstrip().endswith(("：", ":")):
            items.append(text)
        else:
            items[-1] += "\n" + text
    edits: list[Edit] = []
    for item in items:
        edits += _edits_of(_LABEL_RE.sub("", item.strip(), count=1).rstrip("。"))
    return edits


def _paragraph_spans(lines: list[str]) -> list[list[int]]:
    """款 of an article: a line that is no item label starts one; items belong to the 款 before."""
    spans: list[list[int]] = []
    for i, line in enumerate(lines):
        if spans and _ITEM_LABEL.match(line):
            spans[-1].append(i)
        else:
            spans.append([i])
    return spans


def apply_edits(articles: list[Article], edits: list[Edit]) -> list[tuple[int | None, str]]:
    """The articles after the edits, in order, as (number in the amended version or None, text)."""
    out: list[tuple[int | None, str]] = [(a.number, a.text) for a in articles]

    def at(number: int) -> int:
        return next(i for i, (n, _) in enumerate(out) if n == number)

    for edit in edits:
        if edit.kind == "insert" and edit.article == 0:  # placed by its new number alone
            if edit.as_number and 1 <= edit.as_number <= len(out) + 1:
                out.insert(edit.as_number - 1, (None, edit.new))
            continue
        try:
            i = at(edit.article)
        except StopIteration:
            continue
        number, text = out[i]
        lines = text.split("\n")
        spans = _paragraph_spans(lines)
        if edit.kind == "replace" and edit.paragraph:  # 第九条第一款修改为: that 款 only
            if edit.paragraph <= len(spans):
                span = spans[edit.paragraph - 1]
                out[i] = (number, "\n".join([*lines[:span[0]], edit.new, *lines[span[-1] + 1:]]))
        elif edit.kind == "replace":
            out[i] = (number, edit.new)
        elif edit.kind == "delete":
            out.pop(i)
        elif edit.kind == "insert":
            out.insert(i + 1, (None, edit.new))
        elif edit.kind == "phrase":
            scope = spans[edit.paragraph - 1] if edit.paragraph and edit.paragraph <= len(spans) else range(len(lines))
            for k in scope:
                if edit.old in lines[k]:
                    lines[k] = lines[k].replace(edit.old, edit.new, 1)
                    break
            out[i] = (number, "\n".join(lines))
        elif edit.kind == "delete_para" and edit.paragraph and edit.paragraph <= len(spans):
            gone = set(spans[edit.paragraph - 1])
            out[i] = (number, "\n".join(line for k, line in enumerate(lines) if k not in gone))
        elif edit.kind == "add_para":
            where = edit.paragraph or len(spans) + 1
            cut = spans[where - 1][0] if where <= len(spans) else len(lines)
            out[i] = (number, "\n".join([*lines[:cut], edit.new, *lines[cut:]]))
    return out
