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
    Line,
    is_date_line,
    is_member_line,
    is_public_line,
    is_table_row,
)
from gazette.parse.paragraphs import blocks_of, join_lines
from gazette.parse.structure import StructureResult, build_body, has_articles
from gazette.text.chars import has_inner_punctuation, is_cjk, squash
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


_VERSION_NOTE_RE = re.compile(r"^[（(][^（）()]*(?:\d{4}年|〔\d{4}〕)[^（）()]*(?:印发|修改|修订|修正|公布|通过)[）)]$")


def _title_candidate(line: Line) -> bool:
    body = line.body
    core = squash(body)
    if line.bullet or not 4 <= len(core) <= 60 or is_table_row(line.text):
        return False
    if core[-1] in "。；;，,、：:" or line.label is not None or is_date_line(body) or is_public_line(body):
        return False
    if FIELD_LINE_RE.match(body) or is_member_line(body, line.label):
        return False
    inner = re.sub(r"[（(][^()（）]*[)）]", "", core)  # （暂行）（2020-2022年） are fine in titles
    return not has_inner_punctuation(inner) and any(is_cjk(ch) for ch in core)


def _starts_regulation(line: Line | None) -> bool:
    label = line.label if line is not None else None
    return bool(label and label.kind in ("chapter", "article") and label.number == 1)


def _starts_plan(line: Line | None) -> bool:
    if line is None:
        return False
    label = line.label
    if label and label.number == 1 and label.kind in ("part", "decimal", "clause", "item"):
        return True
    return squash(line.raw).startswith(_PREAMBLE_START)


def _title_role(line: Line, following: Line | None, current: _Pending | None, started: bool,
                quoted: set[str]) -> str | None:
    """What a title line in the tail starts: 'document', 'form' (appended to the current one) or nothing."""
    text = line.text
    if _VERSION_NOTE_RE.match(squash(text)):
        return None  # （2020年8月12日阳政发〔2020〕7号印发 根据…号修改）: the note under a re-published title
    if title_key(remove_wrap_spaces(text)) in quoted or (current is None and not started):
        return "document"
    finished = current is not None and current.finished()
    if _is_form_title(text):
        return "form" if finished else None
    if _starts_regulation(following):
        return "document"
    if finished and text.endswith(_DOC_TYPE_END) and _starts_plan(following):
        return "document"
    return None


def split_tail(tail: list[Line], notice_texts: list[str], document: str) -> TailResult:
    """Divide the tail lines into embedded documents, their attachments and trailing text."""
    result = TailResult()
    quoted = quoted_titles(notice_texts)
    documents: list[_Pending] = []
    trailing: list[Line] = []
    pending_label: Line | None = None  # a '附件 1：' line waiting for its title
    previous = ""
    continued: set[int] = set()  # lines that carry on a title wrapped over two or three lines
    for k, line in enumerate(tail):
        if line.number in continued:
            continue
        text = line.text
        after_addressee, previous = previous.endswith(("：", ":")), text  # a title never follows '…：'
        current = documents[-1] if documents else None
        if current is None and is_public_line(text):
            result.closing.append(Paragraph(text, [line.number], role="public"))
            continue
        if current is not None and ATTACHMENT_LABEL_RE.match(line.body):
            pending_label = line
            continue
        if pending_label is not None and current is not None:  # a label is only taken inside a document
            if _title_candidate(line):
                current.attachments.append(_PendingPart(line, [pending_label]))
                pending_label = None
                continue
            current.target().append(pending_label)  # a label without a title: keep it as text
            pending_label = None
        role = None
        if _title_candidate(line) and not after_addressee:
            following = tail[k + 1] if k + 1 < len(tail) else None
            role = _title_role(line, following, current, bool(trailing), quoted)
        if role == "document":
            pending = _Pending(line)
            pending.title_lines += _title_continuation(tail, k, quoted)
            continued.update(title.number for title in pending.title_lines)
            documents.append(pending)
        elif role == "form" and current is not None:
            current.attachments.append(_PendingPart(line, []))
        elif current is None:
            trailing.append(line)
        else:
            current.target().append(line)
    if pending_label is not None and documents:
        documents[-1].target().append(pending_label)
    for pending in documents:
        embedded, findings = pending.build(document)
        result.embedded.append(embedded)
        result.findings += findings
    if trailing:
        result.trailing = blocks_of(trailing)
        result.findings.append(Finding(
            FindingCode.TEXT_AFTER_SIGNATURE, "落款之后还有文字，已保留在通知中（疑似分栏顺序错乱）",
            trailing[0].number, Severity.WARNING, document))
    return result


def _title_continuation(tail: list[Line], k: int, quoted: set[str]) -> list[Line]:
    """Lines after tail[k] that finish its title: the joined title is the one the notice quotes
    (《…》), or only the joined lines end in a document type (…改革 / 优化营商环境工作要点)."""
    first = squash(tail[k].raw)
    for size in (3, 2):
        following = tail[k + 1 : k + size]
        if len(following) < size - 1 or not all(_title_candidate(line) for line in following):
            continue
        joined = first + "".join(squash(line.raw) for line in following)
        if title_key(remove_wrap_spaces(joined)) in quoted and title_key(first) not in quoted:
            return following
        if not first.endswith(_DOC_TYPE_END) and joined.endswith(_DOC_TYPE_END) and not _starts_regulation(
                following[0]) and size == 2:
            return following
    return []


def _is_form_title(text: str) -> bool:
    core = squash(text)
    return bool(re.search(r"X{2,}|\*{3,}|_{3,}", core)) or core.endswith(_FORM_END)


@dataclass
class _PendingPart:
    title_line: Line
    label_lines: list[Line]
    content: list[Line] = field(default_factory=list)


class _Pending:
    """An embedded document being collected line by line."""

    def __init__(self, title_line: Line):
        self.title_lines = [title_line]
        self.content: list[Line] = []
        self.attachments: list[_PendingPart] = []

    def target(self) -> list[Line]:
        return self.attachments[-1].content if self.attachments else self.content

    def finished(self) -> bool:
        """Has the regulation reached its last article (…自…起施行)?"""
        for line in reversed(self.content):
            if line.label and line.label.kind == "article":
                return bool(_EFFECTIVE_RE.search(squash(line.raw)))
        return False

    def build(self, document: str) -> tuple[EmbeddedDocument, list[Finding]]:
        title_raw = " ".join(line.text for line in self.title_lines)
        title = remove_wrap_spaces(title_raw)
        structure = structure_of(self.content, f"{document} {title}")
        findings = list(structure.findings)
        embedded = EmbeddedDocument(title, title_raw, [line.number for line in self.title_lines], structure.body)
        for index, part in enumerate(self.attachments, start=1):
            part_title_raw = part.title_line.text
            part_structure = structure_of(part.content, f"{document} {title}", f"att{index}-")
            findings += part_structure.findings
            label = squash("".join(line.raw for line in part.label_lines)).rstrip("：:") or None
            embedded.attachments.append(Attachment(
                label=label, title=remove_wrap_spaces(part_title_raw), title_raw=part_title_raw,
                title_lines=[part.title_line.number], body=part_structure.body,
                label_lines=[line.number for line in part.label_lines], anchor=f"att{index}",
            ))
        return embedded, findings


def structure_of(lines: list[Line], document: str, anchor_prefix: str = "") -> StructureResult:
    """Paragraphs re-joined and arranged into units, for the given source lines."""
    in_articles = has_articles(lines)
    joined = join_lines(lines, in_articles=in_articles)
    return build_body(joined, in_articles=in_articles, anchor_prefix=anchor_prefix, document=document)
