"""Tasks and their responsible units.

Forms handled (half- or full-width, nested brackets allowed):
  （市生态环境局牵头，市农业农村局、市规划和自然资源局配合，各县区人民政府负责落实）
  （牵头单位：市人社局，责任单位：市卫健委、市总工会）   （责任单位：市卫健委）
  （市教育局、市卫健委按职责分工负责）                    （市民政局负责）
  separate lines 牵头单位：… / 责任单位：… / 配合单位：…
Role rules: 牵头 -> lead; 配合/协办/参与 -> co; 负责落实/落实 -> implementing;
责任单位 and (按职责分工)负责 -> lead when no 牵头 is named, else co.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from gazette.model import Block, Body, Paragraph, Task, Unit, UnitRef
from gazette.parse.lines import UNITS_LINE_RE
from gazette.text.chars import closing_group_start, squash

_ROLE_KEYS = {"牵头单位": "lead", "主办单位": "lead", "责任单位": "responsible", "配合单位": "co",
              "协办单位": "co", "参与单位": "co", "实施单位": "implementing"}
_VERB_RE = re.compile(
    r"^(?P<units>.+?)(?P<verb>牵头负责|牵头|配合|协办|参与|按职责分工负责落实|负责落实|按职责分工负责|按职责负责|"
    r"按照职责分工负责|分工负责|分别负责|共同负责|具体负责|负责实施|组织实施|负责|落实)$"
)
_KEY_RE = re.compile(r"^(?P<key>" + "|".join(_ROLE_KEYS) + r")\s*[：:]\s*(?P<units>.+)$")


@dataclass
class UnitClause:
    lead: list[str] = field(default_factory=list)
    co: list[str] = field(default_factory=list)
    implementing: list[str] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.lead or self.co or self.implementing)


def split_unit_names(text: str) -> list[str]:
    """'市教育局、市卫健委和县区人民政府' -> names, keeping 市规划和自然资源局 whole."""
    text = squash(text).strip("，,；;。")
    text = re.sub(r"等(?:市直|有关|相关)?(?:相关|有关)?(?:部门|单位)?$", lambda m: "" if m.group(0) == "等" else "、" + m.group(0)[1:], text)
    names: list[str] = []
    depth = 0
    current = ""
    for ch in text:
        if ch in "（(":
            depth += 1
        elif ch in "）)":
            depth -= 1
        if depth == 0 and ch in "、，,；;/":
            names.append(current)
            current = ""
            continue
        current += ch
    names.append(current)
    result: list[str] = []
    for name in (n.strip() for n in names):
        if not name:
            continue
        # '…和县区人民政府' joins two units; '市规划和自然资源局' is one.
        m = re.match(r"^(.+?)和((?:各|县|区|市|乡|镇|街道).+)$", name)
        if m and len(m.group(1)) >= 3 and not m.group(1).endswith(("规划", "发展", "人力资源", "文化", "住房",
                                                                   "工业", "交通", "卫生", "城乡")):
            result += [m.group(1), m.group(2)]
        else:
            result.append(name)
    return result


def parse_unit_clause(text: str) -> UnitClause | None:
    """The inside of a units parenthetical, or a 牵头单位：… line; None if it is not one."""
    clause = UnitClause()
    responsible: list[str] = []
    parts = [p for p in re.split(r"[，,；;。]\s*(?=[^，,；;]*(?:牵头|配合|协办|参与|负责|落实|单位\s*[：:]))", squash(text)) if p]
    if not parts:
        return None
    for part in parts:
        part = part.strip("，,；;。 ")
        if m := _KEY_RE.match(part):
            role = _ROLE_KEYS[m.group("key")]
            names = split_unit_names(m.group("units"))
            if role == "responsible":
                responsible += names
            else:
                getattr(clause, role).extend(names)
            continue
        m = _VERB_RE.match(part)
        if not m:
            return None
        names = split_unit_names(m.group("units"))
        if not names or any(len(n) > 40 for n in names):
            return None
        verb = m.group("verb")
        if verb.startswith("牵头"):
            clause.lead += names
        elif verb in ("配合", "协办", "参与"):
            clause.co += names
        elif "落实" in verb or verb in ("负责实施", "组织实施"):
            clause.implementing += names
        else:
            responsible += names
    if clause.lead:
        clause.co += responsible
    else:
        clause.lead += responsible
    return None if clause.empty else clause


def trailing_parenthetical(text: str) -> tuple[str, int] | None:
    """The last balanced （…） of a paragraph if it ends the paragraph: (inside, start index)."""
    core = text.rstrip().rstrip("。；;")
    i = closing_group_start(core)
    return (core[i + 1 : -1], i) if i is not None else None


ResolveUnit = Callable[[str], "str | None"]


def _refs(names: list[str], resolve: ResolveUnit) -> list[UnitRef]:
    refs: list[UnitRef] = []
    for name in names:
        ref = UnitRef(name, resolve(name))
        if all(r.raw != ref.raw for r in refs):
            refs.append(ref)
    return refs


def extract_tasks(body: Body, resolve: ResolveUnit) -> list[Task]:
    """Every task in a body: paragraphs (or units) that end with a units clause."""
    tasks: list[Task] = []

    def add(unit: Unit | None, text_blocks: list[Paragraph], clause: UnitClause, units_text: str,
            carrier: Paragraph) -> None:
        text = "".join(p.text for p in text_blocks)
        anchor = unit.anchor if unit is not None else ""
        if unit is not None and carrier is not unit.heading and any(t.anchor == anchor for t in tasks):
            carrier.anchor = carrier.anchor or f"{unit.anchor}-p{carrier.lines[0]}"
            anchor = carrier.anchor
        lines = sorted({n for p in text_blocks for n in p.lines})
        tasks.append(Task(
            text=text, units_text=units_text, lead=_refs(clause.lead, resolve), co=_refs(clause.co, resolve),
            implementing=_refs(clause.implementing, resolve), deadlines=[],  # dated by gazette.parse.deadlines
            anchor=anchor, label=unit.label if unit else "", lines=lines,
        ))

    def scan(unit: Unit | None, blocks: list[Block]) -> None:
        paragraphs = [b for b in blocks if isinstance(b, Paragraph)]
        pending: list[Paragraph] = []
        key_lines: list[Paragraph] = []
        for paragraph in paragraphs:
            if UNITS_LINE_RE.match(paragraph.text):
                key_lines.append(paragraph)
                continue
            if key_lines:
                _flush_key_lines(unit, pending, key_lines, add)
                pending, key_lines = [], []
            found = trailing_parenthetical(paragraph.text)
            clause = parse_unit_clause(found[0]) if found else None
            if clause is None:
                pending.append(paragraph)
                continue
            standalone = found is not None and found[1] == 0
            text_blocks = pending + ([] if standalone else [paragraph])
            if not text_blocks:  # a units line directly after the heading
                text_blocks = [paragraph]
            add(unit, text_blocks + ([paragraph] if standalone and paragraph not in text_blocks else []),
                clause, found[0] if found else paragraph.text, paragraph)
            pending = []
        if key_lines:
            _flush_key_lines(unit, pending, key_lines, add)

    scan(None, body.blocks)
    for unit in body.walk_units():
        scan(unit, [unit.heading, *unit.blocks])
    return tasks


def _flush_key_lines(unit: Unit | None, pending: list[Paragraph], key_lines: list[Paragraph],
                     add: Callable[[Unit | None, list[Paragraph], UnitClause, str, Paragraph], None]) -> None:
    """牵头单位：… / 责任单位：… lines are read together: 责任单位 is co when a lead is named."""
    clause = parse_unit_clause("，".join(p.text for p in key_lines))
    if clause is not None:
        blocks = (pending or ([unit.heading] if unit else [])) + key_lines
        add(unit, blocks, clause, "\n".join(p.text for p in key_lines), key_lines[0])
