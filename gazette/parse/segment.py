"""Find where each document of the issue begins.

A document is anchored on its 文号 line (a line that is nothing but a 文号, e.g.
阳政办发〔2020〕73 号) or, for 政府令, on a '第 N 号' line after a heading ending in 令.
Its heading is the one to three lines just above. Documents listed in the 目录 whose
文号 line is missing are looked up by title. Everything before the first heading is the
cover and the 目录.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gazette.model import Finding, FindingCode, TocEntry
from gazette.parse.lines import Line, LineKind, public_flag
from gazette.text.chars import ends_sentence, has_inner_punctuation, squash
from gazette.text.docnumber import parse_doc_number
from gazette.text.titles import remove_wrap_spaces, title_key

# 政府令 '第 12 号' and 公告 '2022 年第 1 号' under their masthead (…令 / …公告).
_ORDER_NUMBER_RE = re.compile(r"^\s*(?:\d{4}\s*年\s*)?第\s*(\d{1,4})\s*号\s*$")
MASTHEAD_END = ("令", "公告")
_HEADING_WORDS = ("关于", "决定", "通知", "意见", "批复", "公告", "通告", "通报", "函", "令", "办法", "规定", "方案")
_ISSUER_END = ("政府", "办公室", "办公厅", "委员会", "局", "委", "厅", "部", "院", "会", "处", "署", "办")
_TOC_PAGE_RE = re.compile(r"[(（]\s*\d{1,4}\s*[)）]\s*$")
_TITLE_HEAD_RE = re.compile(
    rf"^(?:[^，。；：,;:]{{2,60}}?(?:{'|'.join(_ISSUER_END)}))?(?:关于|印发)")


@dataclass
class DocumentAnchor:
    heading_lines: list[int]  # 1-based
    doc_number_line: int | None
    doc_number_raw: str | None
    doc_number: str | None
    first_line: int
    last_line: int = 0


def _heading_stop(line: Line) -> bool:
    body = line.body
    return (
        line.bullet
        or line.kind in (LineKind.DATE, LineKind.LABEL, LineKind.TABLE)
        or ends_sentence(body)
        or public_flag(body) is not None
        or bool(_TOC_PAGE_RE.search(body))
        or len(squash(body)) > 80
    )


def _collect_heading(lines: list[Line], at: int, floor: int) -> list[int]:
    """0-based indexes of heading lines above lines[at] (the 文号 line), top first."""
    candidates = _heading_candidates(lines, at, floor)
    start = _title_start(lines, candidates)
    if start is not None:
        return candidates[start:]
    return _collect_heading_short(lines, at, floor)


def _heading_candidates(lines: list[Line], at: int, floor: int) -> list[int]:
    """Up to four non-blank lines above lines[at] that could be part of a heading, top first."""
    picked: list[int] = []
    i = at - 1
    while i >= floor and len(picked) < 4:
        if lines[i].text:
            if _heading_stop(lines[i]):
                break
            picked.append(i)
        i -= 1
    picked.reverse()
    return picked


def _title_start(lines: list[Line], candidates: list[int]) -> int | None:
    """Index in `candidates` of the line a wrapped title begins on: the topmost line that starts
    with its issuer and 关于 / 印发, with 关于 itself, or that names the issuer(s) alone above a line
    that does. Lines above it are the previous document's (text the PDF cut off there)."""
    texts = [squash(lines[i].raw) for i in candidates]
    for k, text in enumerate(texts):
        if _TITLE_HEAD_RE.match(text) and any(w in "".join(texts[k:]) for w in _HEADING_WORDS):
            return k
        if _issuer_only(text):
            below = next((j for j in range(k + 1, len(texts)) if not _issuer_only(texts[j])), None)
            if below is not None and _TITLE_HEAD_RE.match(texts[below]):
                return k
    return None


def _issuer_only(text: str) -> bool:
    """'阳泉市人民政府' or joint issuers side by side ('阳泉市人民政府 中共阳泉市委') on their own line."""
    return 2 < len(text) <= 40 and text.endswith(_ISSUER_END) and not has_inner_punctuation(text) \
        and "关于" not in text


def _heading_below(lines: list[Line], at: int) -> list[int]:
    """0-based indexes of a title printed below its 文号 line (lines[at]), up to the addressee line."""
    picked: list[int] = []
    i = at + 1
    while i < len(lines) and len(picked) < 3:
        line = lines[i]
        if line.text:
            if _heading_stop(line) or squash(line.raw).endswith(("：", ":")) or parse_doc_number(line.text):
                break
            picked.append(i)
        i += 1
    return picked if picked and _title_start(lines, picked) == 0 else []


def _collect_heading_short(lines: list[Line], at: int, floor: int) -> list[int]:
    """Headings without 关于 (…的决定, …令): the one to three short lines just above."""
    picked: list[int] = []
    i = at - 1
    while i >= floor and len(picked) < 3:
        text = lines[i].raw
        if not text.strip():
            i -= 1
            continue
        if _heading_stop(lines[i]):
            break
        joined = squash("".join(lines[j].raw for j in [i, *reversed(picked)]))
        if picked:
            current = squash("".join(lines[j].raw for j in reversed(picked)))
            # Add a line above only to supply the issuer ('阳泉市人民政府办公室' + '关于…').
            if not (current.startswith("关于") or len(current) < 12) or not joined:
                break
            if current.startswith("关于") and not squash(text).endswith(_ISSUER_END):
                break
        picked.append(i)
        i -= 1
    picked.reverse()
    heading = squash("".join(lines[j].raw for j in picked))
    if picked and not any(w in heading for w in _HEADING_WORDS):
        return []
    return picked


def find_numbered(lines: list[Line], body_floor: int) -> tuple[list[DocumentAnchor], list[Finding]]:
    """Documents of the body (lines[body_floor:], 0-based floor) anchored on their 文号 or 令 number line."""
    findings: list[Finding] = []
    anchors: list[DocumentAnchor] = []
    for i in range(body_floor, len(lines)):
        text = lines[i].text
        if not text:
            continue
        number = parse_doc_number(text)
        raw = text
        if number is None and _ORDER_NUMBER_RE.match(text):
            above = _previous_non_blank(lines, i, body_floor)
            if above is not None and squash(lines[above].raw).endswith(MASTHEAD_END):
                number = parse_doc_number(squash(lines[above].raw) + squash(text))
                raw = squash(lines[above].raw) + text
                heading = _collect_heading(lines, i, body_floor)
                anchors.append(_anchor(heading or [above], i, raw, number.normalised if number else None))
                continue
        if number is None:
            continue
        heading = _collect_heading(lines, i, body_floor)
        if not heading and (below := _heading_below(lines, i)):
            anchors.append(DocumentAnchor([h + 1 for h in below], i + 1, raw, number.normalised, i + 1))
            continue
        if not heading:
            findings.append(Finding(FindingCode.ORPHAN_DOC_NUMBER, f"文号行上方没有文件标题：{text}", i + 1))
            continue
        anchors.append(_anchor(heading, i, raw, number.normalised))
    return anchors, findings


def front_end(numbered: list[DocumentAnchor], lines: list[Line]) -> int:
    """Number of the last line before the first document (the cover and the 目录 end there)."""
    return min(a.first_line for a in numbered) - 1 if numbered else len(lines)


def find_documents(lines: list[Line], toc: list[TocEntry], body_floor: int,
                   numbered: list[DocumentAnchor]) -> tuple[list[DocumentAnchor], list[Finding]]:
    """All documents: those `find_numbered` anchored and those of the 目录 found by title, each
    running up to the next one."""
    findings: list[Finding] = []
    anchors = [*numbered, *_find_by_toc(lines, toc, numbered, body_floor, findings)]
    anchors.sort(key=lambda a: a.first_line)
    for current, following in zip(anchors, anchors[1:], strict=False):
        current.last_line = following.first_line - 1
    if anchors:
        anchors[-1].last_line = len(lines)
    return anchors, findings


def _anchor(heading: list[int], at: int, raw: str, normalised: str | None) -> DocumentAnchor:
    return DocumentAnchor([h + 1 for h in heading], at + 1, raw, normalised, heading[0] + 1 if heading else at + 1)


def _previous_non_blank(lines: list[Line], i: int, floor: int) -> int | None:
    j = i - 1
    while j >= floor and not lines[j].text:
        j -= 1
    return j if j >= floor else None


def _find_by_toc(lines: list[Line], toc: list[TocEntry], anchors: list[DocumentAnchor], floor: int,
                 findings: list[Finding]) -> list[DocumentAnchor]:
    """Documents of the 目录 whose 文号 line was not found: look for the title in the body."""
    found_numbers = {a.doc_number for a in anchors}
    taken = {line for a in anchors for line in (*a.heading_lines, a.doc_number_line)}
    extra: list[DocumentAnchor] = []
    for entry in toc:
        if entry.doc_number and entry.doc_number in found_numbers:
            continue
        key = title_key(entry.title)
        if len(key) < 6:
            continue
        for i in range(floor, len(lines)):
            if i + 1 in taken or not lines[i].text:
                continue
            window = [i]
            j = i + 1
            while j < len(lines) and len(window) < 3:
                if lines[j].text:
                    window.append(j)
                j += 1
            for size in range(1, len(window) + 1):
                joined = title_key(remove_wrap_spaces("".join(lines[k].raw for k in window[:size])))
                if joined == key or (len(joined) >= 8 and key.endswith(joined) and size > 1):
                    extra.append(DocumentAnchor([k + 1 for k in window[:size]], None, None, entry.doc_number, i + 1))
                    findings.append(Finding(
                        FindingCode.DOC_NUMBER_LINE_MISSING,
                        f"按目录标题找到该文件，但缺少文号行：{entry.title}", i + 1))
                    taken.update(k + 1 for k in window[:size])
                    break
            else:
                continue
            break
    return extra
