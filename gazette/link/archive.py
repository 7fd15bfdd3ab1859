"""The archive: every issue's documents as pages, and the links between them.

A page is a document (notice, decision, order …) or a regulation/plan it issues. Citations
are resolved across all issues: by 文号 to the document that bears it, by 《title》 to the
page with that title (exactly, or after dropping the city and 人民政府 prefixes). A page
that repeals (同时废止) or amends (修改/修订) another marks it 已废止 / 已修改 and links to it.
Sibling regulations of one notice cite each other like any other pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from gazette.link.ids import document_slug, issue_path
from gazette.model import Citation, Document, EmbeddedDocument, ParsedIssue, TopicAssignment, Validity
from gazette.text.titles import title_key

# Statuses as far as the documents we hold say; gazette.link.validity refines them as of a date.
STATUS_ACTIVE, STATUS_REPEALED, STATUS_REVISED = "现行有效", "已废止", "已修改"

PageKind = Literal["notice", "embedded"]  # a document of the issue, or a regulation/plan it issues


class Relation(StrEnum):
    """How a later page acts on an earlier one (同时废止 / 修改、修订)."""

    REPEALS = "repeals"
    REVISES = "revises"

    @property
    def zh(self) -> str:
        return "废止" if self is Relation.REPEALS else "修改"


@dataclass(frozen=True)
class Supersedes:
    """A page repeals or amends what one of its citations names (`path` None: a document we do not hold)."""

    key: str  # the citation key: a 文号 or a title
    kind: str  # the citation kind (文号 or a title)
    path: str | None
    relation: Relation


@dataclass(frozen=True)
class SupersededBy:
    """The page at `path` repeals or amends this one."""

    path: str
    relation: Relation


@dataclass
class PageRef:
    """One page of the site: a document or an embedded regulation/plan."""

    path: str  # '2020/04/yzbf-2020-079/' or '2020/04/yzbf-2020-079/1/'
    kind: PageKind
    issue: ParsedIssue
    document: Document
    embedded: EmbeddedDocument | None = None
    cites: list[str] = field(default_factory=list)  # paths of pages this page cites
    cited_by: list[str] = field(default_factory=list)
    supersedes: list[Supersedes] = field(default_factory=list)
    superseded_by: list[SupersededBy] = field(default_factory=list)
    resolved: dict[str, str] = field(default_factory=dict)  # citation key -> target path
    unheld: list[Citation] = field(default_factory=list)  # cited documents we do not hold (one per key)
    status: str = STATUS_ACTIVE
    validity: Validity | None = None  # set by gazette.link.validity.assess
    topics: list[TopicAssignment] = field(default_factory=list)  # set by gazette.classify.classify_archive

    @property
    def own(self) -> Document | EmbeddedDocument:
        """What the page shows: its embedded regulation/plan, else the notice (tasks, body, citations …)."""
        return self.embedded if self.embedded is not None else self.document

    @property
    def first_line(self) -> int:
        return self.embedded.title_lines[0] if self.embedded else self.document.first_line

    @property
    def title(self) -> str:
        return self.own.title

    @property
    def family(self) -> str:
        """The notice path: a notice and the regulations it issues form one family."""
        return self.path.rsplit("/", 2)[0] + "/" if self.embedded else self.path

    @property
    def citations(self) -> list[Citation]:
        return self.own.citations

    @property
    def source_name(self) -> str:
        return self.issue.source_path.rsplit("/", 1)[-1]


@dataclass
class Archive:
    issues: list[ParsedIssue]
    pages: dict[str, PageRef]
    unresolved: list[tuple[PageRef, Citation]]
    as_of: dt.date | None = None  # the date page.validity was assessed for
    # Page path of each document and embedded document, by object: the link stage keeps its
    # results here, never in the parsed model.
    paths: dict[int, str] = field(default_factory=dict, repr=False)

    def notice_page(self, document: Document) -> PageRef:
        return self.pages[self.paths[id(document)]]

    def embedded_page(self, embedded: EmbeddedDocument) -> PageRef:
        return self.pages[self.paths[id(embedded)]]


def _loose_title(key: str, cities: set[str]) -> str:
    """Drop the city and the 人民政府(办公室) prefix: 阳泉市人民政府重大… -> 重大…"""
    for city in sorted(cities, key=len, reverse=True):
        if key.startswith(city):
            key = key[len(city):]
            break
    for prefix in ("人民政府办公室", "人民政府办公厅", "人民政府", "政府办公室", "政府办公厅", "政府"):
        if key.startswith(prefix):
            key = key[len(prefix):]
            break
    if key.startswith("关于"):
        key = key[2:]
    return key


def _assign_paths(issues: list[ParsedIssue]) -> dict[str, PageRef]:
    pages: dict[str, PageRef] = {}
    for parsed in issues:
        base = issue_path(parsed.issue.key)
        used: set[str] = set()
        for ordinal, document in enumerate(parsed.documents, start=1):
            slug = document_slug(document.doc_number, ordinal)
            while slug in used:
                slug += "-b"
            used.add(slug)
            path = f"{base}/{slug}/"
            pages[path] = PageRef(path, "notice", parsed, document)
            for index, embedded in enumerate(document.embedded, start=1):
                pages[f"{path}{index}/"] = PageRef(f"{path}{index}/", "embedded", parsed, document, embedded)
    return pages


def link_archive(issues: list[ParsedIssue]) -> Archive:
    """Assign page paths and resolve every citation of every page across the archive."""
    issues = sorted(issues, key=lambda p: (p.issue.year or 0, p.issue.number or 0, p.issue.key))
    pages = _assign_paths(issues)
    cities = {p.issue.city for p in issues if p.issue.city}
    by_number: dict[str, str] = {}
    by_title: dict[str, list[str]] = {}
    by_loose: dict[str, list[str]] = {}
    for page in pages.values():
        if page.kind == "notice" and page.document.doc_number:
            by_number.setdefault(page.document.doc_number, page.path)
        keys = {title_key(page.title)}
        if page.kind == "notice":
            keys.add(title_key(page.title.split("关于", 1)[-1]) if "关于" in page.title else title_key(page.title))
        for key in keys:
            by_title.setdefault(key, []).append(page.path)
            by_loose.setdefault(_loose_title(key, cities), []).append(page.path)
    unresolved: list[tuple[PageRef, Citation]] = []
    intents: list[tuple[PageRef, Citation, str | None]] = []
    for page in pages.values():
        for citation in page.citations:
            target = _resolve(citation, by_number, by_title, by_loose, cities)
            if target is None:
                unresolved.append((page, citation))
                if all(c.key != citation.key for c in page.unheld):
                    page.unheld.append(citation)
            else:
                page.resolved[citation.key] = target
                if _is_reference(page, pages[target]) and target not in page.cites:
                    page.cites.append(target)
                    pages[target].cited_by.append(page.path)
            if (citation.repeals or citation.revises) and (target is None or pages[target].family != page.family):
                intents.append((page, citation, target))
    _apply_supersessions(intents, pages)
    for page in pages.values():
        page.cited_by.sort()
    paths = {id(page.embedded or page.document): path for path, page in pages.items()}
    return Archive(issues, pages, unresolved, paths=paths)


def _is_reference(page: PageRef, target: PageRef) -> bool:
    """Does citing `target` from `page` count as a reference (cites / cited_by)?

    Sibling regulations issued by one notice cite each other; a notice naming what it issues,
    or a regulation naming its own notice, only states where it belongs."""
    if target.path == page.path:
        return False
    if page.kind == "notice" and target.family == page.path:
        return False
    return not (page.kind == "embedded" and target.path == page.family)


def _resolve(citation: Citation, by_number: dict[str, str], by_title: dict[str, list[str]],
             by_loose: dict[str, list[str]], cities: set[str]) -> str | None:
    if citation.kind == "文号":
        return by_number.get(citation.key)
    for table, key in ((by_title, citation.key), (by_loose, _loose_title(citation.key, cities))):
        candidates = table.get(key) or []
        if len(candidates) == 1 or (candidates and len(key) >= 6):
            return sorted(candidates)[0] if len(candidates) > 1 else candidates[0]
    return None


def _apply_supersessions(intents: list[tuple[PageRef, Citation, str | None]], pages: dict[str, PageRef]) -> None:
    """Record who repeals/amends whom; name the regulation, not its notice, when both are cited.

    《办法》（阳政发〔2020〕7号印发）同时废止 cites the notice only to say where the 办法 was
    issued: the 办法 is the target. A notice cited alone is the target with everything it issued.
    """
    grouped: dict[tuple[str, Relation, str], list[tuple[Citation, str | None]]] = {}
    for page, citation, target in intents:
        relation = Relation.REPEALS if citation.repeals else Relation.REVISES
        family = pages[target].family if target else f"?{citation.key}"
        grouped.setdefault((page.path, relation, family), []).append((citation, target))
    for (path, relation, _family), items in sorted(grouped.items()):
        page = pages[path]
        embedded_targets = sorted({t for _, t in items if t and pages[t].kind == "embedded"})
        if embedded_targets:
            victims = [pages[t] for t in embedded_targets]
        elif items[0][1] is not None:
            notice = pages[items[0][1]]
            victims = [notice]
            if relation is Relation.REPEALS:
                victims += [p for p in pages.values() if p.kind == "embedded" and p.family == notice.path]
        else:
            victims = []
        for citation, target in items:
            entry = Supersedes(citation.key, citation.kind, target, relation)
            if entry not in page.supersedes:
                page.supersedes.append(entry)
        for victim in victims:
            if all(s.path != page.path for s in victim.superseded_by):
                victim.superseded_by.append(SupersededBy(page.path, relation))
            if relation is Relation.REPEALS:
                victim.status = STATUS_REPEALED
            elif victim.status != STATUS_REPEALED:
                victim.status = STATUS_REVISED
    # A notice whose regulations are all repealed is repealed too.
    for notice in (p for p in pages.values() if p.kind == "notice"):
        issued = [p for p in pages.values() if p.kind == "embedded" and p.family == notice.path]
        if issued and all(p.status == STATUS_REPEALED for p in issued) and notice.status != STATUS_REPEALED:
            notice.status = STATUS_REPEALED
            for p in issued:
                for s in p.superseded_by:
                    if s not in notice.superseded_by:
                        notice.superseded_by.append(s)
