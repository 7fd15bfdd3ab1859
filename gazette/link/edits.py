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
_N = rf"([{CHINESE_NUMERAL_CHARS}\d]+)"
_Q = r"“(.+?)”"
_ITEM_LABEL = re.compile(r"^[（(][一二三四五六七八九十\d]+[)）]")
_RULES: list[tuple[EditKind, re.Pattern[str]]] = [
    ("phrase", re.compile(rf"将第{_N}条(?:第{_N}款)?中的{_Q}修改为{_Q}")),
    ("replace", re.compile(rf"将第{_N}条(?:第{_N}款)?修改为[：:]“(.+)”$", re.S)),
    ("delete_para", re.compile(rf"删去第{_N}条第{_N}款")),
    ("delete", re.compile(rf"删去第{_N}条")),
    ("insert", re.compile(rf"在第{_N}条后增加一条[，,]?(?:作为第{_N}条)?[：:]“(.+)”$", re.S)),
    ("add_para", re.compile(rf"在第{_N}条中增加一款[，,]?(?:作为第{_N}款)?[：:]“(.+)”$", re.S)),
]


@dataclass(frozen=True)
class Edit:
    kind: EditKind
    article: int
    paragraph: int | None = None
    old: str = ""
    new: str = ""


def _quoted(text: str) -> str:
    """A quoted text over several paragraphs: each continued paragraph opens with “ again."""
    return "\n".join(line[1:] if line.startswith("“") else line for line in text.split("\n"))


def parse_edits(paragraphs: list[str]) -> list[Edit]:
    """The edits of a decision, from its paragraphs in order (an edit's quote may run over several)."""
    items: list[str] = []
    for text in paragraphs:
        if re.match(rf"^[{CHINESE_NUMERAL_CHARS}]+、", text) or not items or items[-1].count("“") <= items[-1].count("”") \
                and not items[-1].rstrip().endswith(("：", ":")):
            items.append(text)
        else:
            items[-1] += "\n" + text
    edits: list[Edit] = []
    for item in items:
        body = re.sub(rf"^[{CHINESE_NUMERAL_CHARS}]+、", "", item.strip()).rstrip("。")
        for kind, rule in _RULES:
            if m := rule.search(body):
                groups = m.groups()
                number = chinese_to_int(groups[0]) or 0
                second = chinese_to_int(groups[1]) if len(groups) > 1 and groups[1] else None
                if kind == "phrase":  # 中的“A”修改为“B”，“C”修改为“D”: every pair of the item
                    pairs = re.findall(rf"{_Q}修改为{_Q}", body[m.start(3) - 1:])
                    edits += [Edit(kind, number, second, old, new) for old, new in pairs]
                elif kind in ("replace", "insert", "add_para"):
                    edits.append(Edit(kind, number, second, new=_quoted(groups[-1])))
                else:
                    edits.append(Edit(kind, number, second))
                break
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
        try:
            i = at(edit.article)
        except StopIteration:
            continue
        number, text = out[i]
        lines = text.split("\n")
        spans = _paragraph_spans(lines)
        if edit.kind == "replace":
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
