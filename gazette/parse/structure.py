"""Blocks -> a tree of numbered units (chapters, articles, parts, clauses, items …).

The tree follows the ranks of the labels (第X章 > 第X条 > 一、 > （一） > 1. > （1） > ①;
decimal 1 > 1.1 > 1.1.1). Numbering is checked per parent: gaps, repeats and units
out of order are notes on the unit where they happen (the page shows them) and
findings in the report.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from gazette.model import Block, Body, Finding, FindingCode, Note, NoteKind, Paragraph, ParagraphRole, Severity, Unit
from gazette.parse.lines import (
    ATTACHMENT_LIST_RE,
    FIELD_LINE_RE,
    RANK,
    UNITS_LINE_RE,
    Label,
    Line,
    is_member_line,
    is_title_like,
    match_label,
)
from gazette.parse.paragraphs import Joined
from gazette.text.chars import strip_closers
from gazette.text.numerals import int_to_chinese

_LIST_KINDS = ("clause", "item", "subitem", "point")


@dataclass
class StructureResult:
    body: Body
    findings: list[Finding] = field(default_factory=list)


def has_articles(labelled: Iterable[Line | Joined]) -> bool:
    """Is this regulation text (第X条), going by the labels of its lines or paragraphs?"""
    return any(item.label is not None and item.label.kind == "article" for item in labelled)


def _role(paragraph: Paragraph, label: Label | None) -> ParagraphRole:
    text = paragraph.text
    if UNITS_LINE_RE.match(text):
        return "units"
    if FIELD_LINE_RE.match(text) or is_member_line(text, label):
        return "fields"
    return paragraph.role


def build_body(joined: list[Joined], in_articles: bool | None = None, anchor_prefix: str = "",
               document: str | None = None) -> StructureResult:
    """Arrange blocks into a Body: leading paragraphs, then the unit tree."""
    if in_articles is None:
        in_articles = has_articles(joined)
    body = Body()
    stack: list[tuple[Label, Unit]] = []
    attachment_list_next: int | None = None
    for block, label in ((j.block, j.label) for j in joined):
        if isinstance(block, Paragraph) and ATTACHMENT_LIST_RE.match(block.text):
            block.role = "attachments"
            attachment_list_next = _first_list_number(block.text) + 1
            _append(body, stack, block, in_articles)
            continue
        if isinstance(block, Paragraph) and label is not None and attachment_list_next is not None \
                and label.kind == "item" \
                and label.number == attachment_list_next:
            # "附件：1. …" continues on the next lines as "2. …": a list, not new units.
            attachment_list_next += 1
            block.role = "attachments"
            _append(body, stack, block, in_articles)
            continue
        attachment_list_next = None
        if label is None or (label.kind == "decimal" and not _decimal_ok(label, stack)):
            if isinstance(block, Paragraph):
                block.role = _role(block, label)
            _append(body, stack, block, in_articles)
            continue
        assert isinstance(block, Paragraph)
        inside_article = in_articles and any(lab.kind == "article" for lab, _ in stack) and label.rank > 3
        is_title = label.kind in ("chapter", "section") or (
            not inside_article and label.kind != "article" and is_title_like(label.rest)
        )
        unit = Unit(label.kind, label.text, label.number, block, is_title)
        while stack and stack[-1][0].rank >= label.rank:
            stack.pop()
        siblings = stack[-1][1].children if stack else body.units
        siblings.append(unit)
        stack.append((label, unit))
    findings = check_numbering(body, document)
    findings += check_endings(body, document)
    assign_anchors(body, anchor_prefix)
    return StructureResult(body, findings)


def _first_list_number(text: str) -> int:
    after = text.split("：", 1)[-1].split(":", 1)[-1]
    label = match_label(after)
    return label.number if label and label.kind == "item" else 0


def _decimal_ok(label: Label, stack: list[tuple[Label, Unit]]) -> bool:
    """A bare '2 组织指挥体系' is a heading only inside a decimal-numbered document."""
    if label.depth > 1:
        return True
    return label.number == 1 or any(lab.kind == "decimal" for lab, _ in stack) or not stack


def _append(body: Body, stack: list[tuple[Label, Unit]], block: Block, in_articles: bool) -> None:
    if not stack:
        body.blocks.append(block)
        return
    if isinstance(block, Paragraph) and block.role == "units":
        # 牵头单位：… after sub-items (1)…(6) names the units of the item above them.
        while len(stack) > 1 and stack[-1][0].rank > RANK["item"]:
            stack.pop()
    if in_articles:
        # A new paragraph after a list (（一）…（五）) is the article's next 款, not part of item (五).
        while len(stack) > 1 and stack[-1][0].kind in _LIST_KINDS and not stack[-1][1].is_title:
            stack.pop()
    stack[-1][1].blocks.append(block)


def _units_by_parent(body: Body) -> list[tuple[Unit | None, list[Unit]]]:
    groups: list[tuple[Unit | None, list[Unit]]] = [(None, body.units)]
    for unit in body.walk_units():
        if unit.children:
            groups.append((unit, unit.children))
    return groups


def _label_for(kind: str, number: int, sample: str) -> str:
    """Print number `number` in the style of label `sample` (（三） -> （四）, 3. -> 4.)."""
    if kind == "article":
        return f"第{int_to_chinese(number)}条"
    if kind == "chapter":
        return f"第{int_to_chinese(number)}章"
    if kind in ("clause", "part"):
        return re.sub(r"[一二三四五六七八九十百零〇两]+", int_to_chinese(number), sample, count=1)
    if kind == "decimal":
        head, _, _ = sample.rpartition(".")
        return f"{head}.{number}" if head else str(number)
    return re.sub(r"\d+", str(number), sample, count=1)


def _sequences(body: Body) -> list[list[Unit]]:
    """Runs of units that should be numbered 1, 2, 3 …: per parent and kind (articles per document)."""
    sequences: list[list[Unit]] = [seq for seq in (body.articles, body.chapters) if seq]
    for _, children in _units_by_parent(body):
        by_kind: dict[str, list[Unit]] = {}
        for child in children:
            if child.kind not in ("article", "chapter"):
                by_kind.setdefault(child.kind, []).append(child)
        sequences.extend(by_kind.values())
    return sequences


def check_numbering(body: Body, document: str | None = None) -> list[Finding]:
    """Gaps, repeats and numbers printed out of order."""
    findings: list[Finding] = []
    last_by_kind: dict[str, int] = {}
    for units in _sequences(body):
        numbers = [u.number or 0 for u in units]
        kind = units[0].kind
        # Plans often number items straight through their sections (1–7, then 8–12 …).
        expected = 1
        if numbers[0] != 1 and numbers[0] == last_by_kind.get(kind, -1) + 1:
            expected = numbers[0]
        if kind not in ("article", "chapter"):
            last_by_kind[kind] = max(numbers)
        seen: set[int] = set()
        explained: set[int] = set()
        for index, unit in enumerate(units):
            number = unit.number or 0
            line = unit.heading.lines[0]
            if number in seen:
                _note(unit, findings, "numbering", f"{unit.label} 重复出现（原文编号重复，疑似错位）", line,
                      FindingCode.DUPLICATE_NUMBER, document)
            elif number < expected:
                if number not in explained:
                    _note(unit, findings, "order", f"{unit.label} 出现在后续编号之后（原文顺序错乱）", line,
                          FindingCode.OUT_OF_ORDER, document)
            elif number > expected:
                missing = list(range(expected, number))
                labels = "、".join(_label_for(unit.kind, n, unit.label) for n in missing[:5])
                if all(n in numbers[index + 1:] for n in missing):
                    explained.update(missing)
                    _note(unit, findings, "order", f"{unit.label} 印在 {labels} 之前（原文顺序错乱）", line,
                          FindingCode.OUT_OF_ORDER, document)
                else:
                    _note(unit, findings, "missing", f"编号从上一项跳至 {unit.label}，缺少 {labels}（原文疑有缺漏）",
                          line, FindingCode.NUMBERING_GAP, document)
            seen.add(number)
            expected = max(expected, number + 1)
    return findings


def check_endings(body: Body, document: str | None = None) -> list[Finding]:
    """An article whose running text stops mid-sentence (ends with ，、； or nothing)."""
    findings: list[Finding] = []
    for unit in body.walk_units():
        if unit.kind != "article":
            continue
        texts = [b for b in unit.blocks if isinstance(b, Paragraph) and b.role == "text"]
        last = texts[-1] if texts else (unit.heading if not unit.children else None)
        if last is None:
            continue
        core = strip_closers(last.text)
        if core and core[-1] in "，,、；;" or (core and core[-1] not in "。！？：:.!?…"):
            _note(unit, findings, "missing", f"{unit.label} 在此处中断（以“{core[-1]}”结尾），原文疑有缺漏",
                  last.lines[-1], FindingCode.TEXT_CUT_OFF, document)
    return findings


def _note(unit: Unit, findings: list[Finding], kind: NoteKind, message: str, line: int, code: FindingCode,
          document: str | None) -> None:
    unit.notes.append(Note(kind, message, line))
    findings.append(Finding(code, message, line, Severity.WARNING, document))


def assign_anchors(body: Body, prefix: str = "") -> None:
    """Stable ids from printed numbers: art-17, ch-2, s3-1-2 (decimal 3.4.1 -> s3-4-1); an article's
    second and later 款 art-17-k2, art-17-k3."""
    used: set[str] = set()

    def unique(anchor: str) -> str:
        candidate, n = anchor, 1
        while candidate in used:
            n += 1
            candidate = f"{anchor}-{n}"
        used.add(candidate)
        return candidate

    def visit(units: list[Unit], path: str) -> None:
        for unit in units:
            if unit.kind == "article":
                own = f"art-{unit.number}"
            elif unit.kind == "chapter":
                own = f"ch-{unit.number}"
            elif unit.kind == "section":
                own = f"{path}sec-{unit.number}" if path else f"sec-{unit.number}"
            elif unit.kind == "decimal":
                own = "s" + unit.label.replace(".", "-")
            else:
                own = f"{path}-{unit.number}" if path else f"s{unit.number}"
            unit.anchor = unique(prefix + own)
            if unit.kind == "article":  # 第二款 onwards (the first is the article's own line): art-5-k2
                for n, paragraph in enumerate(unit.paragraphs()[1:], start=2):
                    paragraph.anchor = paragraph.anchor or unique(f"{unit.anchor}-k{n}")
            visit(unit.children, own if unit.kind != "chapter" else "")

    visit(body.units, "")
