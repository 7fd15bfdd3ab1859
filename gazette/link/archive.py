"""The archive: every issue's documents as pages, and the links between them.

A page is a document (notice, decision, order …) or a regulation/plan it issues. Citations
are resolved across all issues: by 文号 to the document that bears it, by 《title》 to the
page with that title (exactly, or after dropping the city and 人民政府 prefixes). A title
followed by 文号 in brackets means the document those 文号 name: when the archive does not
hold them, the title names a document we do not hold, even if a held page has that title.
A title alone means the latest page of that title dated on or before the citing document.
A page that repeals (同时废止), declares lapsed (宣布失效) or amends (修改/修订) an earlier
page of another document marks it and links to it; nothing repeals itself or a later page.
Sibling regulations of one notice cite each other like any other pages.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Literal

from gazette.link.ids import document_slug, issue_path
from gazette.link.people import Held, Tenure, link_tenures
from gazette.model import Citation, Document, EmbeddedDocument, ParsedIssue, TopicAssignment, Validity
from gazette.text.chars import squash
from gazette.text.dates import arabic_dates
from gazette.text.titles import title_key

if TYPE_CHECKING:
    from gazette.link.works import Version, Work

# Statuses as far as the documents we hold say; gazette.link.validity refines them as of a date.
STATUS_ACTIVE, STATUS_REPEALED, STATUS_REVISED = "现行有效", "已废止", "已修改"

PageKind = Literal["notice", "embedded"]  # a document of the issue, or a regulation/plan it issues


class Relation(StrEnum):
    """How a later page acts on an earlier one (同时废止 / 宣布失效 / 修改、修订 / 新版本)."""

    REPEALS = "repeals"
    REVISES = "revises"
    DECLARES_LAPSED = "declares_lapsed"
    REPLACES = "replaces"  # a new version of the same document repeals the old one (新版本 / 旧版本)

    @property
    def zh(self) -> str:
        return {"repeals": "废止", "revises": "修改", "declares_lapsed": "宣布失效", "replaces": "新版本"}[self.value]

    @staticmethod
    def of(citation: Citation) -> Relation | None:
        if citation.lapses:
            return Relation.DECLARES_LAPSED
        if citation.repeals:
            return Relation.REPEALS
        return Relation.REVISES if citation.revises else None


@dataclass(frozen=True)
class Supersedes:
    """A page repeals or amends what one of its citations names (`path` None: a document we do not hold)."""

    key: str  # the citation key: a 文号 or a title
    kind: str  # the citation kind (文号 or a title)
    path: str | None
    relation: Relation
    numbers: tuple[str, ...] = ()  # the 文号 printed after the title, which say which document it is


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
    resolved: dict[str, str] = field(default_factory=dict)  # citation ref -> target path
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
    def date(self) -> dt.date | None:
        return self.document.date

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
    works: list[Work] = field(default_factory=list)  # amended regulations and their versions
    work_of: dict[str, Work] = field(default_factory=dict)  # version page path -> its work

    _articles: dict[str, dict[int, str]] = field(default_factory=dict, repr=False)
    # Recurring plans (阳泉市2020年…, 2021年…): each member's series, newest first (itself included).
    series_of: dict[str, list[str]] = field(default_factory=dict)
    tenures: list[Tenure] = field(default_factory=list)  # removals with the earlier appointments they end

    def series_year(self, path: str) -> int | None:
        found = _SERIES_YEAR_RE.search(arabic_dates(squash(self.pages[path].title)))
        return int(found.group(1)) if found else None

    def article_anchor(self, path: str, number: int) -> str | None:
        """The anchor of article `number` of the page at `path` (art-3), None when it has none. A citation
        of 第三条第二款 links the article: the archive's relations are kept at article level."""
        if path not in self._articles:
            if path not in self.pages:  # a page of no document (a work's page): no articles of its own
                return None
            page = self.pages[path]
            self._articles[path] = {u.number: u.anchor for u in page.own.body.articles if u.number and u.anchor}
        return self._articles[path].get(number)

    def names_itself(self, page: PageRef, key: str) -> bool:
        """Is `key` (a cited title) the page's own title, exactly or without the city/人民政府 prefix?"""
        cities = {p.issue.city for p in self.issues if p.issue.city}
        own = title_key(page.title)
        return key == own or _loose_title(key, cities) == _loose_title(own, cities)

    def version(self, path: str) -> Version | None:
        work = self.work_of.get(path)
        return work.of_path(path) if work else None

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
    index = _Index(pages, cities)
    unresolved: list[tuple[PageRef, Citation]] = []
    intents: list[tuple[PageRef, Citation, str | None]] = []
    for page in pages.values():
        for citation in page.citations:
            if citation.qualifier:  # the 文号 in brackets after a title: the title citation is the reference
                if target := index.by_number.get(citation.key):
                    page.resolved.setdefault(citation.ref, target)  # still linked where it is printed
                continue
            target = index.resolve(page, citation)
            if target is None:
                unresolved.append((page, citation))
                if all(c.ref != citation.ref for c in page.unheld):
                    page.unheld.append(citation)
            else:
                page.resolved.setdefault(citation.ref, target)
                if _is_reference(page, pages[target]) and target not in page.cites:
                    page.cites.append(target)
                    pages[target].cited_by.append(page.path)
            if Relation.of(citation) and (target is None or _may_act_on(page, pages[target])):
                intents.append((page, citation, target))
    _apply_supersessions(intents, pages)
    _mark_replacements(pages, cities)
    paths = {id(page.embedded or page.document): path for path, page in pages.items()}
    archive = Archive(issues, pages, unresolved, paths=paths)
    from gazette.link.works import build_works  # works read the linked archive

    archive.works = build_works(archive)
    archive.work_of = {v.path: w for w in archive.works for v in w.versions}
    archive.series_of = _series(pages, cities)
    archive.tenures = link_tenures([Held(a, page.path, page.document.date, page.document.doc_number)
                                    for page in pages.values() if page.kind == "notice"
                                    for a in page.document.appointments], cities)
    _cite_versions_in_force(archive)
    for page in pages.values():
        page.cited_by.sort()
    return archive


def _cite_versions_in_force(archive: Archive) -> None:
    """A title citation of an amended regulation means the version in force on the citing date."""
    pages = archive.pages
    for page in pages.values():
        for key, target in list(page.resolved.items()):
            work = archive.work_of.get(target)
            if work is None or page.path in archive.work_of and archive.work_of[page.path] is work:
                continue
            if any(v.made_by == page.path or (v.made_by and pages[v.made_by].family == page.family)
                   for v in work.versions):
                continue  # the decision that made a version names the version it amends
            version = work.version_on(page.date)
            if version is None or version.path == target:
                continue
            page.resolved[key] = version.path
            if target in page.cites and not any(page.resolved.get(k) == target for k in page.resolved):
                page.cites.remove(target)
                pages[target].cited_by.remove(page.path)
            if _is_reference(page, pages[version.path]) and version.path not in page.cites:
                page.cites.append(version.path)
                pages[version.path].cited_by.append(page.path)


_SERIES_YEAR_RE = re.compile(r"(\d{4})\s*(?:年度|年)")
_SERIES_PERIOD_RE = re.compile(r"[（(]?\d{4}\s*年?\s*[-－—–~～至到]+\s*\d{4}\s*年[）)]?|\d{4}\s*(?:年度|年)")


def _series(pages: dict[str, PageRef], cities: set[str]) -> dict[str, list[str]]:
    """Plans whose titles differ only in the year or period they name form a series, newest first.
    Notices that issue a plan are left out: the plan itself is the member."""
    groups: dict[str, list[str]] = {}
    for page in pages.values():
        if page.kind == "notice" and page.document.embedded:
            continue
        title = arabic_dates(squash(page.title))  # 二〇二一年 is 2021年
        if not _SERIES_PERIOD_RE.search(title):
            continue
        groups.setdefault(_SERIES_PERIOD_RE.sub("〇", _loose_title(title_key(title), cities)), []).append(page.path)
    out: dict[str, list[str]] = {}
    for members in groups.values():
        periods = {_SERIES_PERIOD_RE.search(arabic_dates(squash(pages[p].title))).group(0) for p in members}  # type: ignore[union-attr]
        if len(periods) < 2:
            continue
        ordered = sorted(members, key=lambda p: (pages[p].date or dt.date.min, p), reverse=True)
        for path in members:
            out[path] = ordered
    return out


def _mark_replacements(pages: dict[str, PageRef], cities: set[str]) -> None:
    """A repeal by a page of (nearly) the same title is a new version replacing the old one:
    《X（暂行）》 repealed by X, 《X》 by a revised X. Both pages then link 新版本 / 旧版本."""
    def base(title: str) -> str:
        key = _loose_title(title_key(title), cities)
        for suffix in ("（暂行）", "（试行）", "（修订）", "(暂行)", "(试行)", "(修订)", "暂行", "试行"):
            key = key.replace(suffix, "")
        return key

    issued: dict[str, list[PageRef]] = {}
    for page in pages.values():
        issued.setdefault(page.family, []).append(page)

    def subjects(page: PageRef) -> set[str]:
        """What a page is about: its title; for a notice, also the titles of what it issues."""
        family = issued.get(page.family, []) if page.kind == "notice" else []
        return {base(page.title)} | {base(p.title) for p in family if p.kind == "embedded"}

    for victim in pages.values():
        for entry in list(victim.superseded_by):
            if entry.relation is not Relation.REPEALS:
                continue
            later = pages[entry.path]
            if subjects(victim) & subjects(pages[later.family]) and \
                    all(s.path != later.path or s.relation is not Relation.REPLACES for s in victim.superseded_by):
                victim.superseded_by.append(SupersededBy(later.path, Relation.REPLACES))
                later.supersedes.append(Supersedes(title_key(victim.title), "title", victim.path, Relation.REPLACES,
                                                   (victim.document.doc_number,) if victim.document.doc_number else ()))


def _may_act_on(page: PageRef, target: PageRef) -> bool:
    """A document repeals or amends only another, earlier (or same-day) document."""
    if target.family == page.family:
        return False
    return not (page.date and target.date and target.date > page.date)


class _Index:
    """Pages by 文号 and by title key (exact and loose), for resolving citations."""

    def __init__(self, pages: dict[str, PageRef], cities: set[str]):
        self.pages, self.cities = pages, cities
        self.by_number: dict[str, str] = {}
        self.by_title: dict[str, list[str]] = {}
        self.by_loose: dict[str, list[str]] = {}
        for page in pages.values():
            if page.kind == "notice" and page.document.doc_number:
                self.by_number.setdefault(page.document.doc_number, page.path)
            for key in self.keys(page):
                self.by_title.setdefault(key, []).append(page.path)
                self.by_loose.setdefault(_loose_title(key, cities), []).append(page.path)

    def keys(self, page: PageRef) -> set[str]:
        keys = {title_key(page.title)}
        if page.kind == "notice" and "关于" in page.title:
            keys.add(title_key(page.title.split("关于", 1)[-1]))
        return keys

    def resolve(self, page: PageRef, citation: Citation) -> str | None:
        if citation.kind == "文号":
            return self.by_number.get(citation.key)
        if citation.numbers:
            return self._by_numbers(citation)
        acting = Relation.of(citation) is not None
        for table, key in ((self.by_title, citation.key), (self.by_loose, _loose_title(citation.key, self.cities))):
            candidates = [c for c in table.get(key) or [] if c != page.path]  # naming itself is no reference
            if acting:  # what a page repeals or amends is another, earlier document
                candidates = [c for c in candidates if _may_act_on(page, self.pages[c])]
            else:
                candidates = [c for c in candidates if not _later(self.pages[c], page)]
            if len(candidates) == 1 or (candidates and len(key) >= 6):
                return self._latest(candidates)
        return None

    def _by_numbers(self, citation: Citation) -> str | None:
        """《X》（文号…）: the page titled X of the documents those 文号 name (the latest of them)."""
        held = [self.by_number[n] for n in citation.numbers if n in self.by_number]
        if not held:
            return None  # the title names a document we do not hold, whatever else bears that title
        families = set(held)
        loose = _loose_title(citation.key, self.cities)
        titled = [p.path for p in self.pages.values() if p.family in families
                  and any(k == citation.key or _loose_title(k, self.cities) == loose for k in self.keys(p))]
        return self._latest(titled or held)

    def _latest(self, paths: list[str]) -> str:
        """The most recent document; of one day's, the first page (a notice before what it issues)."""
        newest = max(self.pages[p].date or dt.date.min for p in paths)
        return min(p for p in paths if (self.pages[p].date or dt.date.min) == newest)


def _later(target: PageRef, page: PageRef) -> bool:
    return bool(page.date and target.date and target.date > page.date)


def _is_reference(page: PageRef, target: PageRef) -> bool:
    """Does citing `target` from `page` count as a reference (cites / cited_by)?

    Sibling regulations issued by one notice cite each other; a notice naming what it issues,
    or a regulation naming its own notice, only states where it belongs."""
    if target.path == page.path:
        return False
    if page.kind == "notice" and target.family == page.path:
        return False
    return not (page.kind == "embedded" and target.path == page.family)


def _apply_supersessions(intents: list[tuple[PageRef, Citation, str | None]], pages: dict[str, PageRef]) -> None:
    """Record who repeals/amends whom; name the regulation, not its notice, when both are cited.

    《办法》（阳政发〔2020〕7号印发）同时废止 cites the notice only to say where the 办法 was
    issued: the 办法 is the target. A notice cited alone is the target with everything it issued.
    """
    grouped: dict[tuple[str, Relation, str], list[tuple[Citation, str | None]]] = {}
    for page, citation, target in intents:
        relation = Relation.of(citation)
        assert relation is not None
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
            if relation is not Relation.REVISES:
                victims += [p for p in pages.values() if p.kind == "embedded" and p.family == notice.path]
        else:
            victims = []
        for citation, target in items:
            entry = Supersedes(citation.key, citation.kind, target, relation, citation.numbers)
            if entry not in page.supersedes:
                page.supersedes.append(entry)
        for victim in victims:
            if all(s.path != page.path for s in victim.superseded_by):
                victim.superseded_by.append(SupersededBy(page.path, relation))
            if relation is not Relation.REVISES:
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
