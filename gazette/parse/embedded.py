"""The tail of a notice: the regulations and plans it issues, their attachments and forms.

A title line (short, no clause punctuation, not a label) starts a new embedded document
when the notice quotes it as 《title》, when 第一章/第一条 follows it, or when it is the
first line of the tail. '附件 N：' + title starts an attachment. After a regulation's
last article (…起施行), title lines with placeholders (XX, ****) or form names
(…表, …书, …函) are forms appended to it. Anything else in the tail is text printed after
the signature and stays with the notice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gazette.model import Attachment, Block, EmbeddedDocument, Finding, FindingCode, Paragraph, Severity
from gazette.parse.lines import (
    ATTACHMENT_LABEL_RE,
    FIELD_LINE_RE,
    is_date_line,
    is_member_line,
    is_public_line,
    is_table_row,
    match_label,
    strip_bullet,
)
from gazette.parse.paragraphs import join_lines
from gazette.parse.structure import StructureResult, build_body, has_articles
from gazette.text.chars import has_inner_punctuation, squash
from gazette.text.titles import remove_wrap_spaces, title_key

_DOC_TYPE_END = ("规定", "办法", "方案", "计划", "预案", "措施", "安排", "要点", "制度", "细则", "规则", "意见",
                 "条例", "纲要", "规划", "清单", "标准", "决定", "通知", "分工", "指南", "目录", "章程", "守则")
_FORM_END = ("表", "书", "函", "台账", "目录", "单", "报告", "登记簿", "样式", "模板", "格式")
_PREAMBLE_START = ("为", "根据", "按照", "依据", "经", "在", "对", "结合", "贯彻")
_EFFECTIVE_RE = re.compile(r"(?:施行|执行|实施)。?$")
_QUOTED_RE = re.compile(r"《([^《》]{4,80})》")


@dataclass
class TailResult:
    embedded: list[EmbeddedDocument] = field(default_factory=list)
    trailing: list[Block] = field(default_factory=list)
    closing: list[Paragraph] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def quoted_titles(texts: list[str]) -> set[str]:
    return {title_key(m.group(1)) for text in texts for m in _QUOTED_RE.finditer(text)}


def _title_candidate(text: str) -> bool:
    body, bullet = strip_bullet(text)
    core = squash(body)
    if bullet or not 4 <= len(core) <= 60 or is_table_row(text):
        return False
    if core[-1] in "。；;，,、：:" or match_label(body) or is_date_line(body) or is_public_line(body):
        return False
    if FIELD_LINE_RE.match(body) or is_member_line(body.strip()):
        return False
    inner = re.sub(r"[（(][^()（）]*[)）]", "", core)  # （暂行）（2020-2022年） are fine in titles
    return not has_inner_punctuation(inner) and any("\u4e00" <= ch <= "\u9fff" for ch in core)


def _next_text(lines: list[str], numbers: list[int], k: int) -> str:
    return lines[numbers[k + 1] - 1].strip() if k + 1 < len(numbers) else ""


def _starts_regulation(text: str) -> bool:
    label = match_label(text)
    return bool(label and label.kind in ("chapter", "article") and label.number == 1)


def _starts_plan(text: str) -> bool:
    label = match_label(text)
    if label and label.number == 1 and label.kind in ("part", "decimal", "clause", "item"):
        return True
    return squash(text).startswith(_PREAMBLE_START)


def _title_role(text: str, next_text: str, current: _Pending | None, started: bool, quoted: set[str],
                lines: list[str]) -> str | None:
    """What a title line in the tail starts: 'document', 'form' (appended to the current one) or nothing."""
    if title_key(remove_wrap_spaces(text)) in quoted or (current is None and not started):
        return "document"
    finished = current is not None and current.finished(lines)
    if _is_form_title(text):
        return "form" if finished else None
    if _starts_regulation(next_text):
        return "document"
    if finished and text.endswith(_DOC_TYPE_END) and _starts_plan(next_text):
        return "document"
    return None


def split_tail(lines: list[str], numbers: list[int], notice_texts: list[str], document: str) -> TailResult:
    """Divide the tail lines into embedded documents, their attachments and trailing text."""
    result = TailResult()
    quoted = quoted_titles(notice_texts)
    documents: list[_Pending] = []
    trailing: list[int] = []
    pending_label: int | None = None  # a '附件 1：' line waiting for its title
    previous = ""
    continued: set[int] = set()  # lines that carry on a title wrapped over two or three lines
    for k, number in enumerate(numbers):
        if number in continued:
            continue
        text = lines[number - 1].strip()
        after_addressee, previous = previous.endswith(("：", ":")), text  # a title never follows '…：'
        current = documents[-1] if documents else None
        if current is None and is_public_line(text):
            result.closing.append(Paragraph(text, [number], role="public"))
            continue
        if current is not None and ATTACHMENT_LABEL_RE.match(strip_bullet(text)[0]):
            pending_label = number
            continue
        if pending_label is not None and current is not None:  # a label is only taken inside a document
            if _title_candidate(text):
                current.attachments.append(_PendingPart(number, [pending_label]))
                pending_label = None
                continue
            current.target().append(pending_label)  # a label without a title: keep it as text
            pending_label = None
        role = None
        if _title_candidate(text) and not after_addressee:
            role = _title_role(text, _next_text(lines, numbers, k), current, bool(trailing), quoted, lines)
        if role == "document":
            pending = _Pending(number)
            pending.title_lines += _title_continuation(lines, numbers, k, quoted)
            continued.update(pending.title_lines)
            documents.append(pending)
        elif role == "form" and current is not None:
            current.attachments.append(_PendingPart(number, []))
        elif current is None:
            trailing.append(number)
        else:
            current.target().append(number)
    if pending_label is not None and documents:
        documents[-1].target().append(pending_label)
    for pending in documents:
        embedded, findings = pending.build(lines, document)
        result.embedded.append(embedded)
        result.findings += findings
    if trailing:
        result.trailing = join_lines((n, lines[n - 1]) for n in trailing)
        result.findings.append(Finding(
            FindingCode.TEXT_AFTER_SIGNATURE, "落款之后还有文字，已保留在通知中（疑似分栏顺序错乱）",
            trailing[0], Severity.WARNING, document))
    return result


def _title_continuation(lines: list[str], numbers: list[int], k: int, quoted: set[str]) -> list[int]:
    """Lines after numbers[k] that finish its title: the joined title is the one the notice quotes
    (《…》), or only the joined lines end in a document type (…改革 / 优化营商环境工作要点)."""
    first = squash(lines[numbers[k] - 1])
    for size in (3, 2):
        following = numbers[k + 1 : k + size]
        if len(following) < size - 1 or not all(_title_candidate(lines[n - 1]) for n in following):
            continue
        joined = first + "".join(squash(lines[n - 1]) for n in following)
        if title_key(remove_wrap_spaces(joined)) in quoted and title_key(first) not in quoted:
            return following
        if not first.endswith(_DOC_TYPE_END) and joined.endswith(_DOC_TYPE_END) and not _starts_regulation(
                lines[following[0] - 1]) and size == 2:
            return following
    return []


def _is_form_title(text: str) -> bool:
    core = squash(text)
    return bool(re.search(r"X{2,}|\*{3,}|_{3,}", core)) or core.endswith(_FORM_END)


@dataclass
class _PendingPart:
    title_line: int
    label_lines: list[int]
    content: list[int] = field(default_factory=list)


class _Pending:
    """An embedded document being collected line by line."""

    def __init__(self, title_line: int):
        self.title_line = title_line
        self.title_lines = [title_line]
        self.content: list[int] = []
        self.attachments: list[_PendingPart] = []

    def target(self) -> list[int]:
        return self.attachments[-1].content if self.attachments else self.content

    def finished(self, lines: list[str]) -> bool:
        """Has the regulation reached its last article (…自…起施行)?"""
        for number in reversed(self.content):
            label = match_label(lines[number - 1])
            if label and label.kind == "article":
                return bool(_EFFECTIVE_RE.search(squash(lines[number - 1])))
        return False

    def build(self, lines: list[str], document: str) -> tuple[EmbeddedDocument, list[Finding]]:
        title_raw = " ".join(lines[n - 1].strip() for n in self.title_lines)
        title = remove_wrap_spaces(title_raw)
        structure = structure_of(lines, self.content, f"{document} {title}")
        findings = list(structure.findings)
        embedded = EmbeddedDocument(title, title_raw, list(self.title_lines), structure.body)
        for index, part in enumerate(self.attachments, start=1):
            part_title_raw = lines[part.title_line - 1].strip()
            part_structure = structure_of(lines, part.content, f"{document} {title}", f"att{index}-")
            findings += part_structure.findings
            label = squash("".join(lines[n - 1] for n in part.label_lines)).rstrip("：:") or None
            embedded.attachments.append(Attachment(
                label=label, title=remove_wrap_spaces(part_title_raw), title_raw=part_title_raw,
                title_lines=[part.title_line], body=part_structure.body, label_lines=list(part.label_lines),
                anchor=f"att{index}",
            ))
        return embedded, findings


def structure_of(lines: list[str], numbers: list[int], document: str, anchor_prefix: str = "") -> StructureResult:
    """Paragraphs re-joined and arranged into units, for the given source lines."""
    in_articles = has_articles([Paragraph(lines[n - 1].strip(), [n]) for n in numbers])
    blocks = join_lines(((n, lines[n - 1]) for n in numbers), in_articles=in_articles)
    return build_body(blocks, in_articles=in_articles, anchor_prefix=anchor_prefix, document=document)
