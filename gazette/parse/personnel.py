"""People: appointments in personnel notices and members of leading groups.

Appointments follow the markers 任命： / 免去： / 提名免去： / 聘任： … with items
'X为Y' (appointed as) and 'X的Y职务' (removed from). A removal item printed before its
免去： marker is reported as text out of order. Group lists are 'ROLE：NAME POSITION'
lines and the 'NAME POSITION' lines that continue them.
"""

from __future__ import annotations

import bisect
import re

from gazette.model import Appointment, Block, Finding, FindingCode, GroupMember, Paragraph, Severity, Table
from gazette.text.chars import HAN, squash

_MARKER_RE = re.compile(r"(提名免去|提名任命|提请任命|任命|免去|聘任|解聘|聘为|提名)\s*[：:]\s*$")
_NAME = rf"[{HAN}](?:[ \u3000]?[{HAN}]){{1,3}}?"  # a person's name, maybe spaced out: 王 晓
_APPOINT_RE = re.compile(rf"^(?P<person>{_NAME})\s*为\s*(?P<post>.+?)[；;。]?$")
_REMOVE_RE = re.compile(rf"^(?P<person>{_NAME})\s*的\s*(?P<post>.+?)职务[；;。]?")
_INLINE_RE = re.compile(rf"(?P<action>提名免去|提名任命|任命|免去)(?P<person>{_NAME})(?:同志)?(?:为|的)(?P<post>[^；;。，,]+?)(?:职务)?[；;。，,]")
# 免去张三阳泉市水利局副局长职务 (no 的): the post starts with the city (two characters and 市/县/省), 市 or 中共.
_POST_START = rf"(?:中共|共青团|市|[{HAN}]{{2}}[省市县])"
_INLINE_BARE_RE = re.compile(
    rf"(?P<action>提名免去|免去)(?!其)(?P<person>{_NAME})(?:同志)?(?P<post>{_POST_START}[^；;。，,]+?)职务[；;。，,]?")
_REMOVE_BARE_RE = re.compile(rf"^(?P<person>{_NAME})(?:同志)?(?P<post>{_POST_START}.+?)职务[；;。]?")
# 张三不再担任…职务 (a removal in other words); 任命李四为…，免去其…职务 (其: the person just named).
_NO_LONGER_RE = re.compile(rf"(?P<person>{_NAME})(?:同志)?不再担任(?P<post>[^；;。，,]+?)职务")
_HIS_RE = re.compile(r"免去其(?P<post>[^；;。，,]+?)职务")
_TRAILING_NOTE_RE = re.compile(r"[（(][^（）()]*+[）)]$")  # （试用期一年） after a post
_POSITION_RE = re.compile(
    r"^(?P<org>.*?)(?P<position>(?:党组|党委)?(?:常务)?(?:副|代|总|二级|一级|四级|三级)?"
    r"(?:主任|局长|处长|科长|经理|董事长|总经理|书记|秘书长|市长|县长|区长|院长|校长|主席|会长|馆长|站长|所长|"
    r"队长|支队长|行长|总工程师|调研员|督学|部长|厅长|委员|理事长|监事长|社长|台长|总编|主编|组长|巡视员|"
    r"董事|监事|理事|专员|参事))$"
)
_ROLE_RE = re.compile(r"^(?P<role>组\s*长|副\s*组\s*长|成\s*员|办公室主任|办公室副主任|副\s*主\s*任|主\s*任|召\s*集\s*人)\s*[：:]\s*(?P<rest>.*)$")
_GROUP_RE = re.compile(r"(?:成立|调整|组建)(?:后的)?(.{2,40}?(?:领导小组|工作组|委员会|指挥部|联席会议))")
_NAME_RE = re.compile(rf"^([{HAN}](?:[ \u3000]?[{HAN}]){{1,2}})(?:[ \u3000\t]+(.*))?$")


def split_post(post: str) -> tuple[str, str]:
    """'阳泉市政府办公室副主任' -> ('阳泉市政府办公室', '副主任')."""
    post = _TRAILING_NOTE_RE.sub("", squash(post))
    m = _POSITION_RE.match(post)
    if m and m.group("org"):
        return m.group("org"), m.group("position")
    return "", post


def extract_appointments(paragraphs: list[Paragraph], document: str) -> tuple[list[Appointment], list[Finding]]:
    appointments: list[Appointment] = []
    findings: list[Finding] = []
    action: str | None = None
    markers_seen: set[str] = set()
    for paragraph in paragraphs:
        text = paragraph.text.strip()
        line = paragraph.lines[0]
        if m := _MARKER_RE.search(text):
            action = m.group(1)
            markers_seen.add(action)
            continue
        inline_found = _inline(text, line)
        if inline_found:
            appointments += inline_found
            continue
        if action is None:
            continue
        if m := _REMOVE_RE.match(text) or (_REMOVE_BARE_RE.match(text) if "免" in action else None):
            kind = action if "免" in action or action == "解聘" else "免去"
            if "免" not in action and action != "解聘":
                findings.append(Finding(
                    FindingCode.TEXT_OUT_OF_ORDER,
                    f"免职事项“{squash(text)[:20]}…”印在“{action}：”之下（原文顺序错乱，免去：在其后）",
                    line, Severity.WARNING, document))
            org, position = split_post(m.group("post"))
            appointments.append(Appointment(_person(m.group("person")), kind, position, org, text, line))
        elif m := _APPOINT_RE.match(text):
            org, position = split_post(m.group("post"))
            appointments.append(Appointment(_person(m.group("person")), action, position, org, text, line))
    return appointments, findings


def _person(name: str) -> str:
    return squash(name).removesuffix("同志")


def _inline(text: str, line: int) -> list[Appointment]:
    """Appointments said in running text: 任命X为…, 免去X的…职务 (or without 的), X不再担任…职务, 免去其…职务."""
    found: list[tuple[int, str, str, str, str]] = []  # (offset, person, action, post, raw)
    taken: list[tuple[int, int]] = []  # disjoint spans by start: bisect finds an overlap (a long line stays linear)
    for rule in (_INLINE_RE, _INLINE_BARE_RE):
        for m in rule.finditer(text):
            before = bisect.bisect_left(taken, (m.end(), -1))
            if not (before and taken[before - 1][1] > m.start()):
                found.append((m.start(), m.group("person"), m.group("action"), m.group("post"), m.group(0)))
                bisect.insort(taken, (m.start(), m.end()))
    for m in _NO_LONGER_RE.finditer(text):
        found.append((m.start(), m.group("person"), "免去", m.group("post"), m.group(0)))
    found.sort()
    for m in _HIS_RE.finditer(text):  # 其: the person named last before it
        if named := bisect.bisect_left(found, (m.start(),)):
            bisect.insort(found, (m.start(), found[named - 1][1], "免去", m.group("post"), m.group(0)))
    out = []
    for _, person, action, post, raw in sorted(found):
        org, position = split_post(post)
        out.append(Appointment(_person(person), action, position, org, raw, line))
    return out


def _rows(blocks: list[Block]) -> list[tuple[int, list[str]]]:
    rows: list[tuple[int, list[str]]] = []
    for block in blocks:
        if isinstance(block, Table):
            for line, cells in zip(block.lines, block.rows, strict=True):
                rows.append((line, [c for c in cells if c.strip()]))
        else:
            rows.append((block.lines[0], [block.text.strip()]))
    return rows


def extract_members(blocks: list[Block], context: str, document: str) -> tuple[list[GroupMember], list[Finding]]:
    """Members of the group lists in these blocks. `context` names the group (title or text)."""
    members: list[GroupMember] = []
    findings: list[Finding] = []
    group_match = _GROUP_RE.search(squash(context))
    group = group_match.group(1) if group_match else ""
    role: str | None = None
    names_only = 0
    for line, cells in _rows(blocks):
        joined = " ".join(cells)
        if m := _GROUP_RE.search(squash(joined)):
            group = m.group(1)
        if m := _ROLE_RE.match(cells[0] if cells else ""):
            role = squash(m.group("role"))
            rest = [m.group("rest"), *cells[1:]] if m.group("rest") else cells[1:]
            cells = [c for c in rest if c.strip()]
            if not cells:
                continue
        if role is None:
            continue
        # A row may hold a second column that starts another role (two columns side by side).
        chunks: list[tuple[str, list[str]]] = [(role, [])]
        for cell in cells:
            if m := _ROLE_RE.match(cell):
                role = squash(m.group("role"))
                chunks.append((role, [m.group("rest")] if m.group("rest") else []))
                if len(chunks) == 2:
                    findings.append(Finding(FindingCode.COLUMNS_INTERLEAVED,
                                            "成员名单两栏并排印刷", line, Severity.WARNING,
                                            document))
            else:
                chunks[-1][1].append(cell)
        for chunk_role, chunk_cells in chunks:
            text = " ".join(chunk_cells).strip()
            if not text:
                continue
            m = _NAME_RE.match(text)
            if not m or len(squash(m.group(1))) > 3:
                continue
            person, position = squash(m.group(1)), squash(m.group(2) or "")
            if not position:
                names_only += 1
            members.append(GroupMember(group, chunk_role, person, position, line))
    if names_only >= 3:
        findings.append(Finding(FindingCode.COLUMNS_INTERLEAVED,
                                f"{names_only} 个成员姓名未与职务印在一起（分栏错开）",
                                members[0].line if members else None, Severity.WARNING, document))
    return members, findings
