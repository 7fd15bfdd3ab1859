"""Search records: the passages a result can point to, each with its page anchor.

One record per article (with its items), per numbered unit of a plan (its own text), per
attachment, and one for the head of each page (title, 文号, preamble or notice text).
A record's anchor is the id its text sits under on the page, so a result links to the
clause, and the text under that anchor always contains the record's text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from gazette.link.archive import STATUS_REVISED, Archive, PageRef
from gazette.model import Block, Body, Issue, Paragraph, Table, Unit
from gazette.parse.paragraphs import line_text
from gazette.search.tokenize import CJK, normalise, quoted_terms


@dataclass
class Record:
    anchor: str  # '' for the page itself
    label: str  # what the result shows as its place: 第十二条, 三、（一）1. …
    heading: str  # heading text (weighted higher)
    text: str  # the record's verbatim text
    prior: float = 1.0  # multiplies the final score: blank forms rank below normative text
    also: str = ""  # indexed, never shown: the printed text an erratum corrected (孟县 for 盂县), so both find it


FORM_PRIOR = 0.8
_PLACEHOLDER_RE = re.compile(r"X{2,}|\*{3,}|_{3,}")


@dataclass
class SearchPage:
    path: str
    title: str
    doc_number: str | None
    kind: str
    issuer: str | None
    date: str | None
    category: str | None
    issue: str  # '2020-04'
    issue_label: str
    notice_title: str | None
    status: str
    records: list[Record] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)  # 主题分类 themes (gazette.classify), for the topic filter


def _block_text(block: Block) -> str:
    if isinstance(block, Table):
        return "\n".join("\t".join(c for c in row if c) for row in block.rows)
    return block.text


def _unit_text(unit: Unit, with_children: bool) -> str:
    parts = [unit.heading.text]
    for item in unit.ordered():
        if isinstance(item, Unit):
            if with_children:
                parts.append(_unit_text(item, True))
        else:
            parts.append(_block_text(item))
    return "\n".join(parts)


def _label(unit: Unit, parents: list[Unit]) -> str:
    if unit.kind == "article":
        return unit.label
    trail = [p.label for p in parents if p.kind not in ("chapter",)] + [unit.label]
    title = unit.title if unit.is_title else unit.title[:24]
    return "".join(trail) + (" " + title if title else "")


def body_records(body: Body, records: list[Record]) -> None:
    """Articles (with their items) and numbered units. A heading with no text of its own
    (第四章 专家论证, （一）总体要求) is not a record: its words go into the heading of the
    records below it, so 专家论证 finds the articles of that chapter, not the bare heading."""
    def visit(units: list[Unit], parents: list[Unit]) -> None:
        context = " ".join(p.title for p in parents if p.is_title)
        for unit in units:
            if unit.kind == "article":
                heading = f"{context} {unit.label}".strip()
                records.append(Record(unit.anchor, unit.label, heading, _unit_text(unit, True)))
                continue
            if unit.is_title and not unit.blocks and unit.children:
                visit(unit.children, parents + [unit])
                continue
            own = unit.heading.text if unit.is_title else unit.label
            records.append(Record(unit.anchor, _label(unit, parents), f"{context} {own}".strip(),
                                  _unit_text(unit, False)))
            visit(unit.children, parents + [unit])

    visit(body.units, [])


def _loose_records(blocks: list[Block], head: list[str], records: list[Record], heading: str = "") -> None:
    """Anchored paragraphs outside the numbered structure (a notice's text, a plan's preamble, an
    attachment's list of duties) are records of their own, so a result points at the paragraph;
    the rest stays in the head record. ``heading``: the attachment's, which the paragraph sits under."""
    for block in blocks:
        if isinstance(block, Paragraph) and block.anchor:
            records.append(Record(block.anchor, "", heading, block.text))
        else:
            head.append(_block_text(block))


def page_records(page: PageRef) -> list[Record]:
    document = page.document
    records: list[Record] = []
    if page.embedded is None:
        head = [line_text(page.issue.line(n)) for n in document.title_lines]
        if document.doc_number_line:
            head.append(line_text(page.issue.line(document.doc_number_line)))
        head += [p.text for p in document.closing if p.role == "addressee"]
        records.append(Record("", "", document.title, ""))
        _loose_records(document.body.blocks, head, records)
        head += [p.text for p in document.closing if p.role != "addressee"]
        _loose_records(document.trailing, head, records)
        records[0].text = "\n".join(head)
        body_records(document.body, records)
    else:
        embedded = page.embedded
        head = [embedded.title]
        records.append(Record("", "", embedded.title, ""))
        _loose_records(embedded.body.blocks, head, records)
        records[0].text = "\n".join(head)
        body_records(embedded.body, records)
        for attachment in embedded.attachments:
            heading = " ".join(x for x in (attachment.label, attachment.title) if x)
            first = len(records)
            attachment_head = [heading]
            records.append(Record(attachment.anchor, heading, heading, ""))
            _loose_records(attachment.body.blocks, attachment_head, records, heading)
            records[first].text = "\n".join(attachment_head)
            body_records(attachment.body, records)
            # A blank form (关于征集 XX 年度…的函, …审查表) is a template, not a rule: its field names
            # match many queries, so it yields to the articles that say the same thing.
            # (The parser makes an attachment without a 附件 label only of such forms.)
            if attachment.label is None or _PLACEHOLDER_RE.search(attachment.title):
                for record in records[first:]:
                    record.prior = FORM_PRIOR
    for record in records:
        record.also = "\n".join(e.original for e in page.issue.errata if e.corrected and e.corrected in record.text)
    return [r for r in records if r.text.strip()]


def search_pages(archive: Archive) -> list[SearchPage]:
    pages: list[SearchPage] = []
    for path in sorted(archive.pages):
        page = archive.pages[path]
        document, issue = page.document, page.issue.issue
        pages.append(SearchPage(
            path=path, title=page.title, doc_number=document.doc_number, kind=page.kind,
            issuer=document.issuer, date=document.date.isoformat() if document.date else None,
            category=document.category, issue=issue.key, issue_label=_issue_label(issue),
            notice_title=document.title if page.embedded else None, status=page.status,
            records=page_records(page), topics=[t.topic for t in page.topics],
        ))
    return pages + compiled_pages(archive)


def _issue_label(issue: Issue) -> str:
    return f"{issue.year}年第{issue.number}期"


def compiled_pages(archive: Archive) -> list[SearchPage]:
    """The text of each version built from a decision's edits (works/<slug>/<n>/), article by article, so a
    query finds the text in force, not only the text it replaced and the decision's edits. It belongs to the
    decision's issue; its status is the decision's while it is the latest version, else 已修改."""
    pages: list[SearchPage] = []
    for work in archive.works:
        for version in work.versions:
            if not version.consolidated or not version.made_by:
                continue
            decision = archive.pages[version.made_by]
            document, issue = decision.document, decision.issue.issue
            title = work.version_title(version)
            records = [Record("", "", title, title)] + [Record(a.anchor, a.label, a.label, a.text)
                                                        for a in version.articles if a.text.strip()]
            pages.append(SearchPage(
                path=work.text_of(version), title=title, doc_number=None, kind="version-text",
                issuer=document.issuer, date=version.effective_from.isoformat() if version.effective_from else None,
                category=document.category, issue=issue.key, issue_label=_issue_label(issue),
                notice_title=None, status=decision.status if version is work.versions[-1] else STATUS_REVISED,
                records=records, topics=[t.topic for t in decision.topics],
            ))
    return pages


def people(archive: Archive) -> set[str]:
    """Everyone the archive names: appointed or removed, group members, contact persons."""
    names: set[str] = set()
    for parsed in archive.issues:
        for document in parsed.documents:
            names.update(normalise(a.person) for a in document.appointments)
            names.update(normalise(m.person) for m in document.members)
            for embedded in document.embedded:
                names.update(normalise(m.person) for m in embedded.members)
        for text in parsed.lines:
            names.update(contact_names(text))
    return {n for n in names if len(n) >= 2}


def user_words(archive: Archive, unit_names: list[str]) -> set[str]:
    """The knowledge base's own vocabulary for jieba: units, people, words it quotes “…”."""
    words: set[str] = {normalise(n) for n in unit_names} | people(archive)
    for parsed in archive.issues:
        for document in parsed.documents:
            for task in document.all_tasks:
                words.update(normalise(r.raw) for r in (*task.lead, *task.co, *task.implementing))
        for text in parsed.lines:
            words.update(quoted_terms(text))
    return {w for w in words if w}


_CONTACT_RE = re.compile(rf"联\s*系\s*人\s*[：:]\s*([{CJK}、，, ]{{2,40}})")


def contact_names(text: str) -> list[str]:
    """Names in '联系人：张淑芳、王慧霞' lines (people a reader may look up)."""
    names: list[str] = []
    for m in _CONTACT_RE.finditer(text):
        for name in re.split(r"[、，, ]+", m.group(1)):
            if 2 <= len(name) <= 4:
                names.append(name)
    return names
