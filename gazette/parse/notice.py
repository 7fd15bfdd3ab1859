"""The parts of one document: heading, 文号, addressees, body, signature, date, 公开 flag.

The closing block is found from the first date line whose previous line names an
organisation (the signature). What follows the closing block is the 'tail': the
regulations and plans the notice issues, or text the PDF printed after the signature.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from gazette.model import Body, Document, Finding, FindingCode, Paragraph, Severity
from gazette.parse.lines import DATE_LINE_RE, Line, LineKind, match_label, pick, public_flag
from gazette.parse.segment import MASTHEAD_END, DocumentAnchor
from gazette.text.chars import HAN, squash
from gazette.text.dates import arabic_dates, make_date
from gazette.text.titles import remove_wrap_spaces

_ADDRESSEE_RE = re.compile(r"^[^。；;]{2,80}[：:]$")
_ORG_END = ("政府", "办公室", "办公厅", "委员会", "局", "委", "厅", "部", "院", "会", "处", "署", "办", "中心",
            "公司", "集团", "人大", "政协", "法院", "检察院", "分局", "支队", "大队")
_ISSUER_SPLIT_RE = re.compile(r"^(?P<issuer>.+?)(?:关于|印发)")


@dataclass
class NoticeParts:
    document: Document
    body_lines: list[Line]  # the notice text
    tail_lines: list[Line]  # the lines after the closing block
    findings: list[Finding]


_SIGNER_RE = re.compile(rf"^(?:市|省|县|区|州|盟)?(?:长|主任|局长|书记|主席)[:：]?[{HAN}]{{2,4}}$")


def _org_like(text: str) -> bool:
    """A signature: an organisation (阳泉市人民政府办公室) or a signer (市 长 周 明, for 政府令)."""
    core = squash(text)
    if _SIGNER_RE.match(core):
        return True
    return 2 <= len(core) <= 30 and core.endswith(_ORG_END) and not match_label(core)


def _joint_issuers(text: str) -> list[str] | None:
    """'中共忻州市委办公室　　忻州市人民政府办公室' -> both names; None for one issuer."""
    parts = [p for p in re.split(r"[ \t\u3000]+", text.strip()) if p]
    if len(parts) >= 2 and all(len(p) >= 5 and _org_like(p) for p in parts):
        return parts
    return None


def _is_public(line: Line) -> bool:
    """A line that is nothing but （此件公开发布） (a PDF list marker before it makes it text)."""
    return line.kind is LineKind.PUBLIC and not line.bullet


def parse_date(text: str) -> dt.date | None:
    m = DATE_LINE_RE.match(arabic_dates(text))  # 二〇二〇年七月三十日 too
    if not m:
        return None
    return make_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))


def parse_notice(lines: list[Line], anchor: DocumentAnchor) -> NoticeParts:
    """Split the lines of one document (from all the lines of the file) into its parts (no embedded documents yet)."""
    findings: list[Finding] = []
    title_raw = " ".join(line.text for line in pick(lines, anchor.heading_lines))
    title = remove_wrap_spaces(title_raw)
    issuer_match = _ISSUER_SPLIT_RE.match(title)
    issuer = issuer_match.group("issuer") if issuer_match and issuer_match.group("issuer") != title else None
    if issuer is None and title.endswith(MASTHEAD_END):  # masthead: 晋中市人民政府令, 忻州市人民政府公告
        issuer = title[: -len(next(e for e in MASTHEAD_END if title.endswith(e)))]
    after = max(anchor.doc_number_line or 0, anchor.heading_lines[-1]) + 1  # the 文号 may stand above the title
    numbered = [line for line in pick(lines, range(after, anchor.last_line + 1)) if line.text]
    document = Document(
        title=title, title_raw=title_raw, title_lines=list(anchor.heading_lines),
        doc_number=anchor.doc_number, doc_number_raw=anchor.doc_number_raw,
        doc_number_line=anchor.doc_number_line, issuer=issuer, addressees=[],
        body=Body(),  # filled by the caller once the structure is built
        first_line=anchor.first_line, last_line=anchor.last_line,
    )
    label = document.doc_number or title
    start = 0
    if numbered and _ADDRESSEE_RE.match(numbered[0].text) and numbered[0].label is None:
        addressee = numbered[0].text
        document.addressees = [a for a in re.split(r"[，,、]", addressee.rstrip("：:")) if a]
        document.closing.append(Paragraph(addressee, [numbered[0].number], role="addressee"))
        start = 1
    closing_at = None
    for k in range(start, len(numbered)):
        date = parse_date(numbered[k].text)
        if date is None or k == start:
            continue
        sign_k = k - 1
        if _is_public(numbered[sign_k]) and sign_k - 1 >= start:
            sign_k -= 1
        if _org_like(numbered[sign_k].raw):
            closing_at = (sign_k, k, date)
            break
    body_end = len(numbered)
    tail_start = len(numbered)
    if closing_at is None:
        findings.append(Finding(FindingCode.NO_SIGNATURE, "没有找到落款和日期，全文作为正文保留",
                                anchor.first_line, Severity.WARNING, label))
    else:
        sign_k, date_k, date = closing_at
        body_end = sign_k
        document.date, document.date_raw = date, numbered[date_k].text
        sign_number, sign_text = numbered[sign_k].number, numbered[sign_k].raw
        document.signature = Paragraph(sign_text.strip(), [sign_number], role="signature")
        document.issuer = document.issuer or squash(sign_text)
        if document.issuer != squash(sign_text) and not _SIGNER_RE.match(squash(sign_text)):
            findings.append(Finding(FindingCode.ISSUER_MISMATCH,
                                    f"标题中的发文机关为 {document.issuer}，落款为 {squash(sign_text)}",
                                    sign_number, Severity.WARNING, label))
        joint = _joint_issuers(sign_text)  # two issuers signing side by side
        if joint and squash("".join(joint)) == document.issuer:
            document.issuer = "、".join(joint)
        closing = [document.signature]
        for k in range(sign_k + 1, date_k):  # a 公开 line between signature and date
            closing.append(Paragraph(numbered[k].text, [numbered[k].number], role="public"))
        closing.append(Paragraph(document.date_raw, [numbered[date_k].number], role="date"))
        tail_start = date_k + 1
        # The 公开 line just before the signature or just after the date belongs to the closing.
        if body_end - 1 >= start and _is_public(numbered[body_end - 1]):
            body_end -= 1
            closing.insert(0, Paragraph(numbered[body_end].text, [numbered[body_end].number], role="public"))
        if tail_start < len(numbered) and _is_public(numbered[tail_start]):
            closing.append(Paragraph(numbered[tail_start].text, [numbered[tail_start].number], role="public"))
            tail_start += 1
        document.closing.extend(closing)
    body_lines = numbered[start:body_end]
    tail_lines = numbered[tail_start:]
    document.public = any(p.role == "public" for p in document.closing) or any(
        public_flag(line.raw) for line in body_lines)
    return NoticeParts(document, body_lines, tail_lines, findings)
