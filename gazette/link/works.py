"""Works and their versions: a regulation amended by decisions is one work with dated versions.

The model of legislation.gov.uk and Akoma Ntoso: the work is the regulation as a lasting
thing; each version (expression) is its text as in force from a date. Version 1 is the text
as first issued; a decision that amends it (关于修改《X》的决定) and re-publishes X (重新公布)
makes the next version: the page titled X that the decision's notice issues, or a page titled
X in a later issue whose text names the decision (根据…阳政发〔2021〕5号修改). A version is in
force from its decision's date of effect until the day before the next version's.

Articles are compared between consecutive versions by their text (difflib), so renumbering
after a deletion or insertion is no change of substance; the decision's edits (修改为 / 删去 /
增加) are shown as they are printed, with a link to the decision.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass, field
from typing import Literal

from gazette.link.archive import Archive, PageRef, Relation, _loose_title
from gazette.link.ids import slugify
from gazette.model import BasisKind, Paragraph, Table, Unit
from gazette.text.chars import squash
from gazette.text.numerals import int_to_chinese
from gazette.text.titles import title_key

Change = Literal["original", "unchanged", "amended", "inserted", "renumbered", "amended+renumbered"]
CHANGE_ZH = {"amended": "修改", "inserted": "新增", "deleted": "删除", "renumbered": "条序调整",
             "amended+renumbered": "修改"}


@dataclass(frozen=True)
class Article:
    number: int
    label: str
    anchor: str
    text: str  # paragraphs joined by newlines, as printed (wrap spaces kept out: see _unit_text)


@dataclass
class ArticleChange:
    number: int  # in this version
    previous: int | None  # its number in the previous version (None: new)
    change: Change


@dataclass
class Version:
    number: int  # 1, 2, 3 …
    path: str  # the page holding its text
    made_by: str | None  # path of the decision that made it (None: as first issued)
    effective_from: dt.date | None
    effective_to: dt.date | None = None  # last day in force (None: still the latest version)
    articles: list[Article] = field(default_factory=list)
    changes: list[ArticleChange] = field(default_factory=list)
    deleted: list[int] = field(default_factory=list)  # numbers in the previous version that are gone
    consolidated: bool = False  # no re-published text: built from the decision's edits (its page is the decision)


@dataclass
class Work:
    key: str  # the title key of its versions
    title: str
    versions: list[Version]
    slug: str = ""  # set by build_works: unique among the archive's works (default: the title's)

    @property
    def url(self) -> str:
        """The work's page (current text by default, every version linked): works/<pinyin of the title>/."""
        return f"works/{self.slug or slugify(self.title)}/"

    def version_on(self, day: dt.date | None) -> Version | None:
        """The version in force on `day` (before the first: None)."""
        if day is None:
            return self.versions[-1]
        current = None
        for version in self.versions:
            if version.effective_from is None or version.effective_from <= day:
                current = version
        return current

    def of_path(self, path: str) -> Version | None:
        return next((v for v in self.versions if v.path == path), None)

    def version_title(self, version: Version) -> str:
        """阳泉市重大行政决策程序规定（第2版）: how a page of the version's own text is titled."""
        return f"{self.title}（第{version.number}版）"

    def text_of(self, version: Version) -> str:
        """The page a reader reads the version's text on: its own page, or, for a version built from a
        decision's edits (no re-published text), works/<slug>/<n>/ (the decision's page lists the edits only)."""
        return f"{self.url}{version.number}/" if version.consolidated else version.path


def _effective(page: PageRef) -> dt.date | None:
    clause = next((c.starts for c in page.own.validity_clauses if c.kind is BasisKind.EFFECTIVE and c.starts), None)
    return clause or page.date


def _unit_text(unit: Unit) -> str:
    """An article's text: its heading after the label, then its blocks and sub-units in order."""
    parts: list[str] = []
    head = squash(unit.heading.text)
    label = squash(unit.label)
    parts.append(head[len(label):] if head.startswith(label) else head)

    def walk(node: Unit) -> None:
        for item in node.ordered():
            if isinstance(item, Unit):
                parts.append(squash(item.heading.text))
                walk(item)
            elif isinstance(item, Paragraph):
                parts.append(squash(item.text))
            elif isinstance(item, Table):
                parts.extend("\t".join(row) for row in item.rows)

    walk(unit)
    return "\n".join(p for p in parts if p)


def articles_of(page: PageRef) -> list[Article]:
    body = page.embedded.body if page.embedded is not None else page.document.body
    return [Article(u.number or 0, u.label, u.anchor, _unit_text(u)) for u in body.articles if u.number]


def _compare(old: list[Article], new: list[Article]) -> tuple[list[ArticleChange], list[int]]:
    """Match articles of two versions by text; what is left over was amended, inserted or deleted."""
    matcher = difflib.SequenceMatcher(a=[a.text for a in old], b=[a.text for a in new], autojunk=False)
    previous: dict[int, int | None] = {}
    deleted: list[int] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                previous[j] = i
        elif tag == "replace":
            # pair the most similar articles of the two runs; the rest are new or gone
            used: set[int] = set()
            for j in range(j1, j2):
                best = max(((difflib.SequenceMatcher(a=old[i].text, b=new[j].text).ratio(), i)
                            for i in range(i1, i2) if i not in used), default=(0.0, -1))
                if best[0] >= 0.5:
                    previous[j] = best[1]
                    used.add(best[1])
                else:
                    previous[j] = None
            deleted += [old[i].number for i in range(i1, i2) if i not in used]
        elif tag == "insert":
            for j in range(j1, j2):
                previous[j] = None
        else:
            deleted += [old[i].number for i in range(i1, i2)]
    changes = []
    for j, article in enumerate(new):
        at = previous.get(j)
        if at is None:
            changes.append(ArticleChange(article.number, None, "inserted"))
            continue
        i = at
        same_text, same_number = old[i].text == article.text, old[i].number == article.number
        change: Change = ("unchanged" if same_number else "renumbered") if same_text else (
            "amended" if same_number else "amended+renumbered")
        changes.append(ArticleChange(article.number, old[i].number, change))
    return changes, sorted(deleted)


def build_works(archive: Archive) -> list[Work]:
    """Every amended regulation as a work with its versions, oldest first (archive.works)."""
    pages = archive.pages
    cities = {p.issue.city for p in archive.issues if p.issue.city}

    def same_title(a: PageRef, b: PageRef) -> bool:
        ka, kb = title_key(a.title), title_key(b.title)
        return ka == kb or _loose_title(ka, cities) == _loose_title(kb, cities)

    by_path: dict[str, Work] = {}
    works: list[Work] = []
    decisions = sorted({s.path for p in pages.values() for s in p.superseded_by if s.relation is Relation.REVISES},
                       key=lambda d: (pages[d].date or dt.date.min, d))
    for decision_path in decisions:
        decision = pages[decision_path]
        targets = sorted({p.path for p in pages.values() for s in p.superseded_by
                          if s.path == decision_path and s.relation is Relation.REVISES})
        for target_path in targets:
            target = pages[target_path]
            family = [p for p in pages.values() if p.family == decision.family and p.path != target_path]
            text = next((p for p in family if p.kind == "embedded" and same_title(p, target)), None)
            if text is None:
                text = _later_text(archive, target, decision)
            if text is not None and text.path in by_path:
                continue
            work = by_path.get(target_path)
            if work is None:
                work = Work(title_key(target.title), target.title,
                            [Version(1, target_path, None, _effective(target), articles=articles_of(target))])
                works.append(work)
                by_path[target_path] = work
            elif work.versions[-1].path != target_path:
                continue  # the decision amends an older version: keep the chain as published
            if text is not None:
                work.versions.append(Version(len(work.versions) + 1, text.path, decision_path,
                                             _effective(decision), articles=articles_of(text)))
                by_path[text.path] = work
            else:  # no re-published text: the decision's edits applied to the version it amends
                work.versions.append(Version(len(work.versions) + 1, decision_path, decision_path,
                                             _effective(decision), articles=_consolidated(work.versions[-1], decision),
                                             consolidated=True))
    for work in works:
        for before, after in zip(work.versions, work.versions[1:], strict=False):
            if after.effective_from:
                before.effective_to = after.effective_from - dt.timedelta(days=1)
            after.changes, after.deleted = _compare(before.articles, after.articles)
        first = work.versions[0]
        first.changes = [ArticleChange(a.number, None, "original") for a in first.articles]
    _unique_slugs(works, pages)
    return works


def _unique_slugs(works: list[Work], pages: dict[str, PageRef]) -> None:
    """Two works of one title (a regulation replaced by a new one of the same name) get pages of their
    own: the earliest keeps the title's slug, a later one adds the year of its first version."""
    taken: set[str] = set()
    for work in works:  # in the order of their first amending decision
        base = slugify(work.title)
        date = pages[work.versions[0].path].date
        stem = f"{base}-{date.year}" if base in taken and date else base
        slug, number = stem, 1
        while slug in taken:
            number += 1
            slug = f"{stem}-{number}"
        work.slug = slug
        taken.add(slug)


def _consolidated(previous: Version, decision: PageRef) -> list[Article]:
    from gazette.link.edits import apply_edits, parse_edits

    paragraphs = [squash(b.text) for b in decision.own.body.all_blocks() if isinstance(b, Paragraph)]
    texts = apply_edits(previous.articles, parse_edits(paragraphs))
    return [Article(n, f"第{int_to_chinese(n)}条", f"art-{n}", text) for n, (_, text) in enumerate(texts, start=1)]


def _later_text(archive: Archive, target: PageRef, decision: PageRef) -> PageRef | None:
    """A 重新公布 text printed apart from its decision: a page of the same title, dated on or after
    the decision, whose text names the decision's 文号 (根据…号修改)."""
    number = decision.document.doc_number
    if not number:
        return None
    key = title_key(target.title)
    for page in sorted(archive.pages.values(), key=lambda p: (p.date or dt.date.min, p.path)):
        if page.family in (target.family, decision.family) or title_key(page.title) != key:
            continue
        if decision.date and page.date and page.date < decision.date:
            continue
        if any(c.kind == "文号" and c.key == number for c in page.citations):
            return page
    return None
