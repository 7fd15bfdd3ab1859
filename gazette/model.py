"""The typed model in the middle of the pipeline.

Every piece of text carries the 1-based source line numbers it came from, so that the
report can prove coverage and pages can point back at the bulletin. Text is verbatim
(after errata); comparison keys are computed, never stored in place of the text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

# What a paragraph is on the page (set by the parse stage only).
ParagraphRole = Literal["text", "addressee", "signature", "date", "public", "units", "fields", "attachments",
                        "caption", "note", "toc", "cover"]
UnitKind = Literal["chapter", "section", "article", "part", "clause", "item", "subitem", "point", "decimal"]
NoteKind = Literal["missing", "order", "columns", "erratum", "numbering", "toc"]
CitationKind = Literal["文号", "title"]
DeadlineKind = Literal["day", "month", "year", "period", "range", "recurring", "ongoing"]
EvidencePlace = Literal["title", "purpose", "body", "units"]


@dataclass
class Paragraph:
    """A paragraph re-joined from the lines the PDF broke it into."""

    text: str
    lines: list[int]
    role: ParagraphRole = "text"
    bullet: bool = False  # the line started with a PDF list marker "- "
    anchor: str | None = None  # set by the structure stage when a task lives here


@dataclass
class Table:
    """Tab-separated lines: one row per line, cells verbatim."""

    rows: list[list[str]]
    lines: list[int]


Block = Paragraph | Table


@dataclass
class Note:
    """Something a reader must know at a spot: missing or scrambled source text, errata."""

    kind: NoteKind
    message: str
    line: int


@dataclass
class Unit:
    """A numbered structural unit: chapter 第X章, article 第X条, part 一、, clause （一）, item 1. …"""

    kind: UnitKind
    label: str  # as printed, e.g. 第十七条, （一）, 1., 3.4.1
    number: int | None
    heading: Paragraph  # the line(s) carrying the label
    is_title: bool  # the heading line is a short title, not running text
    blocks: list[Block] = field(default_factory=list)
    children: list[Unit] = field(default_factory=list)
    anchor: str = ""
    notes: list[Note] = field(default_factory=list)

    @property
    def title(self) -> str:
        """Heading text after the label (一、总体思路 -> 总体思路)."""
        text = self.heading.text.strip()
        if text.startswith("- "):
            text = text[2:].lstrip()
        return text[len(self.label):].strip() if text.startswith(self.label) else text

    def walk(self) -> Iterator[Unit]:
        yield self
        for child in self.children:
            yield from child.walk()

    def paragraphs(self) -> list[Paragraph]:
        """An article's 款, in order: its heading paragraph (第一款) and each running-text paragraph after it
        (items （一）（二） belong to the 款 they follow)."""
        return [self.heading, *(b for b in self.blocks if isinstance(b, Paragraph) and b.role == "text")]

    def ordered(self) -> list[Block | Unit]:
        """Blocks and child units in source order (a 款 may follow a list of items)."""
        def first_line(item: Block | Unit) -> int:
            return item.heading.lines[0] if isinstance(item, Unit) else item.lines[0]

        return sorted([*self.blocks, *self.children], key=first_line)


@dataclass
class Body:
    """Running text: paragraphs before the first unit, then the unit tree."""

    blocks: list[Block] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    def walk_units(self) -> Iterator[Unit]:
        for unit in self.units:
            yield from unit.walk()

    def all_blocks(self) -> Iterator[Block]:
        yield from self.blocks
        for unit in self.walk_units():
            yield unit.heading
            yield from unit.blocks

    @property
    def articles(self) -> list[Unit]:
        return [u for u in self.walk_units() if u.kind == "article"]

    @property
    def chapters(self) -> list[Unit]:
        return [u for u in self.walk_units() if u.kind == "chapter"]


@dataclass
class UnitRef:
    """A responsible unit as printed and the canonical unit it maps to (None: unknown)."""

    raw: str
    canonical: str | None


@dataclass(frozen=True)
class Recurrence:
    """A recurring deadline (每年10月1日前): RFC 5545 terms, so calendars and dateutil read it as is."""

    freq: Literal["YEARLY", "MONTHLY"]
    months: tuple[int, ...]  # BYMONTH; () = every month
    day: int  # BYMONTHDAY; -1 = the month's last day

    @property
    def rrule(self) -> str:
        parts = [f"FREQ={self.freq}"]
        if self.months:
            parts.append("BYMONTH=" + ",".join(str(m) for m in self.months))
        return ";".join([*parts, f"BYMONTHDAY={self.day}"])


@dataclass(frozen=True)
class Deadline:
    """A deadline phrase of a task and the date it stands for (a fact of the text, not of today)."""

    raw: str  # the phrase as printed, spaces removed: 2020年底前, 每年10月1日前, 长期坚持
    kind: DeadlineKind
    due: dt.date | None  # None for recurring (see rule) and ongoing phrases
    rule: Recurrence | None = None
    at: int = 0  # offset of the phrase in the task text


@dataclass
class Task:
    """A task of a plan and the units responsible for it."""

    text: str
    units_text: str  # the （…牵头，…配合） clause or 牵头单位：… lines, verbatim
    lead: list[UnitRef]
    co: list[UnitRef]
    implementing: list[UnitRef]
    deadlines: list[Deadline]  # earliest first; set by gazette.parse.deadlines
    anchor: str
    label: str
    lines: list[int]


@dataclass
class Citation:
    """A reference to another document by 文号 or by 《title》."""

    raw: str
    kind: CitationKind
    key: str  # normalised 文号, or the folded title
    line: int
    repeals: bool = False  # the sentence says 同时废止 / 予以废止
    revises: bool = False  # the sentence amends it (修改 / 修订)
    lapses: bool = False  # the sentence declares it lapsed (宣布失效)
    # 文号 printed in brackets right after a 《title》: 《X》（阳政发〔2020〕7号印发，根据…5号修改）.
    # They say which document the title means; the link stage then reads the title citation only.
    numbers: tuple[str, ...] = ()
    qualifier: bool = False  # this 文号 stands in such a bracket (the title citation is the reference)
    article: int | None = None  # 《X》第三条: the article cited (link_end: where 第三条 ends)
    paragraph_no: int | None = None  # 《X》第四条第二款: the paragraph (款) of that article

    @property
    def ref(self) -> str:
        """What the citation names: its key, and the 文号 that say which document bears that title."""
        return f"{self.key}|{'、'.join(self.numbers)}" if self.numbers else self.key
    anchor: str = ""  # the clause it stands in (set for repeals and amendments: they are evidence)
    link_end: int = 0  # where the linked span ends when it goes on past `raw` (《X》第三条)
    start: int = 0  # where `raw` stands in the text of its paragraph (the one whose first line is `line`)
    end: int = 0


class BasisKind(StrEnum):
    """What a piece of validity evidence says."""

    EFFECTIVE = "effective"  # 自…起施行
    PERIOD = "period"  # 有效期…
    REPEAL = "repeal"  # a later document repeals it
    AMENDMENT = "amendment"  # a later document amends it
    DECLARED_LAPSED = "declared_lapsed"  # a later document declares it lapsed (宣布失效)
    TITLE_PERIOD = "title_period"  # the period its title names (阳泉市2020年…, （2020-2022年）)


@dataclass
class ValidityClause:
    """A 施行 or 有效期 clause of a document, as the text states it (parse stage, no as-of date).

    EFFECTIVE: `starts` is the date it takes effect (自2020年9月1日起施行; 自印发之日起 -> the
    document's own date, `relative` names the event; 自公布之日起30日后 -> `offset_days`).
    PERIOD: `years`/`months` counted from the effective date, or `until` (有效期至…)."""

    kind: BasisKind
    text: str  # the clause, verbatim
    line: int
    anchor: str  # the unit or paragraph holding it ('' when it has none)
    label: str = ""  # 第十五条 … of that unit, for the evidence line
    starts: dt.date | None = None
    relative: str | None = None  # 印发 | 发布 | 公布 … (自X之日起)
    offset_days: int = 0
    years: int = 0
    months: int = 0
    until: dt.date | None = None


@dataclass
class Appointment:
    """One person in a personnel notice (任命 / 免去 / 提名免去 …)."""

    person: str
    action: str
    position: str
    organisation: str
    raw: str
    line: int


@dataclass
class GroupMember:
    """One member of a leading group (领导小组) list."""

    group: str
    role: str  # 组长 | 副组长 | 成员 | 办公室主任 …
    person: str
    position: str
    line: int


@dataclass
class Attachment:
    """An attachment (附件) or form appended to a document."""

    label: str | None  # 附件1 … ; None for an unlabelled form
    title: str
    title_raw: str
    title_lines: list[int]
    body: Body
    label_lines: list[int] = field(default_factory=list)
    anchor: str = ""


@dataclass
class EmbeddedDocument:
    """A regulation or plan issued by a notice (印发的规定、办法、方案)."""

    title: str
    title_raw: str
    title_lines: list[int]
    body: Body
    attachments: list[Attachment] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    members: list[GroupMember] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    validity_clauses: list[ValidityClause] = field(default_factory=list)
    provisional: str | None = None  # 暂行 | 试行, from the title

    @property
    def structure(self) -> str:
        if self.body.articles:
            return "articles"
        return "numbered" if self.body.units else "plain"


@dataclass
class TocEntry:
    """One line of the printed 目录."""

    category: str | None
    title: str
    title_raw: str
    doc_number: str | None
    doc_number_raw: str | None
    page: int | None
    lines: list[int]


@dataclass
class Document:
    """A document of the issue (a notice, decision, order, personnel notice …)."""

    title: str
    title_raw: str
    title_lines: list[int]
    doc_number: str | None
    doc_number_raw: str | None
    doc_number_line: int | None
    issuer: str | None
    addressees: list[str]
    body: Body
    date: dt.date | None = None
    date_raw: str | None = None
    public: bool = False
    category: str | None = None
    page: int | None = None
    signature: Paragraph | None = None
    closing: list[Paragraph] = field(default_factory=list)  # addressee/signature/date/public lines
    trailing: list[Block] = field(default_factory=list)  # text printed after the signature
    embedded: list[EmbeddedDocument] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)  # tasks of the notice text itself
    appointments: list[Appointment] = field(default_factory=list)
    members: list[GroupMember] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    first_line: int = 0
    last_line: int = 0
    pdf_page: int | None = None  # page of the original PDF the document starts on (1-based), when we hold it
    validity_clauses: list[ValidityClause] = field(default_factory=list)
    provisional: str | None = None  # 暂行 | 试行, from the title

    @property
    def all_tasks(self) -> list[Task]:
        return self.tasks + [t for e in self.embedded for t in e.tasks]


@dataclass
class Issue:
    """The bulletin issue: cover metadata."""

    title: str
    year: int | None
    number: int | None
    total_number: int | None
    date: dt.date | None
    publisher: str | None
    frequency: str | None
    key: str = ""  # "2020-04": the source file name, stable for URLs

    @property
    def city(self) -> str | None:
        """The city named by the bulletin title (阳泉市人民政府公报 -> 阳泉市)."""
        for suffix in ("市", "州", "盟", "县", "区"):
            at = self.title.find(suffix)
            if 0 < at <= 6:
                return self.title[: at + 1]
        return None


class Severity(StrEnum):
    WARNING = "warning"  # the site is built, the page shows a note where it matters
    ERROR = "error"  # the site is not built until it is fixed

    @property
    def label(self) -> str:
        """What the reports call it."""
        return "错误" if self is Severity.ERROR else "提示"


class FindingCode(StrEnum):
    """Every finding the parser reports (gazette.build.advice says what each means)."""

    UNREADABLE_LINE = "unreadable-line"
    LINE_NOT_COVERED = "line-not-covered"
    LINE_COVERED_TWICE = "line-covered-twice"
    TOC_ENTRY_NOT_FOUND = "toc-entry-not-found"
    DUPLICATE_DOC_NUMBER = "duplicate-doc-number"
    DUPLICATE_ISSUE = "duplicate-issue"
    DUPLICATE_ACROSS_ISSUES = "duplicate-across-issues"
    TRUNCATED = "truncated"
    TEXT_CUT_OFF = "text-cut-off"
    NUMBERING_GAP = "numbering-gap"
    DUPLICATE_NUMBER = "duplicate-number"
    OUT_OF_ORDER = "out-of-order"
    TEXT_OUT_OF_ORDER = "text-out-of-order"
    COLUMNS_INTERLEAVED = "columns-interleaved"
    TEXT_AFTER_SIGNATURE = "text-after-signature"
    TOC_TITLE_MISMATCH = "toc-title-mismatch"
    TOC_PAGE_MISMATCH = "toc-page-mismatch"
    NOT_IN_TOC = "not-in-toc"
    NO_SIGNATURE = "no-signature"
    ISSUER_MISMATCH = "issuer-mismatch"
    ORPHAN_DOC_NUMBER = "orphan-doc-number"
    DOC_NUMBER_LINE_MISSING = "doc-number-line-missing"
    BAD_DATE = "bad-date"
    COVER_MISSING = "cover-missing"
    TOC_UNFINISHED = "toc-unfinished"
    NO_TOC = "no-toc"
    NO_DOCUMENTS = "no-documents"
    UNKNOWN_UNIT = "unknown-unit"
    PAGE_FURNITURE = "page-furniture"
    PAGES_IGNORED = "pages-ignored"
    CONTROL_CHARACTERS = "control-characters"
    DATE_OUT_OF_RANGE = "date-out-of-range"
    CONVERTER_MARKUP = "converter-markup"


@dataclass
class Finding:
    """A warning or error of the validation report, always with a line."""

    code: FindingCode
    message: str
    line: int | None
    severity: Severity = Severity.WARNING
    document: str | None = None  # 文号 or title of the document concerned
    subject: str | None = None  # what the finding is about, as printed (the unit name of UNKNOWN_UNIT)


@dataclass
class Report:
    findings: list[Finding] = field(default_factory=list)
    covered_lines: int = 0
    content_lines: int = 0
    unassigned: list[int] = field(default_factory=list)
    duplicated: list[int] = field(default_factory=list)

    @property
    def coverage(self) -> float:
        return self.covered_lines / self.content_lines if self.content_lines else 1.0

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]


@dataclass
class Erratum:
    """A correction of the source text, applied at normalisation and shown as 勘误; `normalised`: a
    converter's leftover the parser replaced itself (gazette.parse.leftovers), shown as 原文整理."""

    line: int
    original: str
    corrected: str
    reason: str
    kind: Literal["erratum", "normalised"] = "erratum"


@dataclass
class SourcePages:
    """Where each line of an imported bulletin was printed (sidecar written by `gazette import`)."""

    pdf: str  # file name of the original PDF, beside the text file
    pdf_pages: list[int | None]  # per source line (index = line - 1): 1-based page of the PDF file (None: unknown)
    printed_pages: list[int | None]  # per source line: the page number printed on that page

    def pdf_page(self, line: int) -> int | None:
        return self.pdf_pages[line - 1] if 0 < line <= len(self.pdf_pages) else None

    def printed_page(self, line: int) -> int | None:
        return self.printed_pages[line - 1] if 0 < line <= len(self.printed_pages) else None


@dataclass
class ParsedIssue:
    """Everything parsed from one bulletin file."""

    issue: Issue
    source_path: str
    source_sha256: str
    cover: list[Paragraph]
    toc: list[TocEntry]
    toc_headings: list[Paragraph]  # 目录 and 【category】 lines
    documents: list[Document]
    report: Report
    errata: list[Erratum] = field(default_factory=list)
    lines: list[str] = field(default_factory=list, repr=False)  # decoded source lines, errata applied
    pages: SourcePages | None = None  # print pages of the lines, when the issue was imported from its PDF

    def line(self, number: int) -> str:
        """Source line `number` (1-based, as every line number in the model)."""
        return self.lines[number - 1]


@dataclass
class TopicEvidence:
    """One reason for a topic: a word found at a place of the text, or the units leading its tasks."""

    place: EvidencePlace
    term: str  # the keyword as found, or the canonical unit name
    weight: float  # what it added to the score
    count: int  # occurrences (body) or tasks led (units); 1 for title and purpose
    line: int | None  # first source line where it was found
    anchor: str | None = None  # page anchor of the clause holding that line, where there is one
    subtopic: str | None = None  # the sub-theme the word or unit belongs to (None: the theme itself)


@dataclass
class TopicAssignment:
    """A 主题分类 theme assigned to a document page, with the evidence that carried it."""

    topic: str  # top-level theme, e.g. 民政、扶贫、救灾
    slug: str  # ASCII, for URLs: minzheng-fupin-jiuzai
    subtopic: str | None  # e.g. 社会福利, where one sub-theme holds most of the evidence
    score: float
    evidence: list[TopicEvidence] = field(default_factory=list)


class ValidityStatus(StrEnum):
    """时效 of a page as of a date."""

    NOT_YET = "尚未生效"
    IN_FORCE = "现行有效"
    AMENDED = "已修改"
    REPEALED = "已废止"
    LAPSED = "已失效"
    PERIOD_ENDED = "实施期已结束"  # the period its title names is over (no explicit end)


@dataclass
class Basis:
    """One piece of evidence for a status: the clause and where it is (page path + #anchor)."""

    kind: BasisKind
    text: str
    path: str  # '2020/04/yzf-2020-008/1/#art-15'
    label: str = ""  # 第十五条 …, or the later document's 文号


@dataclass
class Validity:
    """The 时效 of a page as of `as_of`, with its evidence (link stage, after repeals are known).

    `status` None: the text gives no basis for one (任免 notices)."""

    status: ValidityStatus | None
    as_of: dt.date
    effective_from: dt.date | None = None
    expires: dt.date | None = None  # last day in force (inclusive)
    basis: list[Basis] = field(default_factory=list)
    provisional: str | None = None
    period_end: dt.date | None = None  # last day of the period the title names
    silent: bool = False  # 现行有效 only because nothing held says otherwise
