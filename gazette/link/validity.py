"""时效 as of a date: every page's status with its evidence, after repeals are linked.

The parse stage found what each text says (施行 and 有效期 clauses, repeals and amendments of
other documents); this stage reads it relative to the build's as-of date (gazette.asof):

- 尚未生效 before the effective date; 已失效 after the last day of the validity period
  (有效期五年 from 2020-09-20: in force through 2025-09-19);
- 已废止 / 已修改 once the later document that repeals / amends it is in force (its effective
  date, else its own date); 现行有效 otherwise.
A page whose text states no effective date gets none: nothing is guessed. A notice without
clauses of its own that issued only lapsed (or only repealed) documents shares their status.
"""

from __future__ import annotations

import datetime as dt
import re

from gazette.link.archive import Archive, PageRef, Relation, Supersedes
from gazette.model import Basis, BasisKind, Body, Paragraph, Validity, ValidityClause, ValidityStatus
from gazette.parse.validity import title_period

_SENTENCE_RE = re.compile(r"[^。；;]+[。；;]?")


def add_period(start: dt.date, years: int = 0, months: int = 0) -> dt.date:
    """The last day of a period of years/months starting on `start` (five years from
    2020-09-20 -> 2025-09-19; one month from 01-31 ends with February)."""
    total = start.month - 1 + months + 12 * years
    year, month = start.year + total // 12, total % 12 + 1
    try:
        return dt.date(year, month, start.day) - dt.timedelta(days=1)
    except ValueError:  # no such day in that month: the period ends with the month
        return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def _clauses(page: PageRef) -> list[ValidityClause]:
    return page.own.validity_clauses


def _provisional(page: PageRef) -> str | None:
    return page.own.provisional


def _url(path: str, anchor: str) -> str:
    return f"{path}#{anchor}" if anchor else path


def effective_from(page: PageRef) -> dt.date | None:
    return next((c.starts for c in _clauses(page) if c.kind is BasisKind.EFFECTIVE and c.starts), None)


def expires(page: PageRef, start: dt.date | None) -> dt.date | None:
    for clause in _clauses(page):
        if clause.kind is BasisKind.PERIOD:
            if clause.until:
                return clause.until
            if start and (clause.years or clause.months):
                return add_period(start, clause.years, clause.months)
    return None


def has_no_validity(page: PageRef) -> bool:
    """任免 notices: appointments and dismissals are acts, not rules in force (no 时效)."""
    return page.kind == "notice" and bool(page.document.appointments) and not page.document.embedded


def _body(page: PageRef) -> tuple[Body, list]:
    if page.embedded:
        return page.embedded.body, []
    return page.document.body, list(page.document.trailing)


def _clause_text(page: PageRef, line: int, raw: str) -> str:
    """The sentence of `page` at source `line` that holds `raw` (verbatim)."""
    body, extra = _body(page)
    for block in [*body.all_blocks(), *extra]:
        if isinstance(block, Paragraph) and line in block.lines:
            for m in _SENTENCE_RE.finditer(block.text):
                if raw in m.group(0):
                    return m.group(0).strip()
            return block.text.strip()
    return raw


_BASIS_KIND = {Relation.REPEALS: BasisKind.REPEAL, Relation.REPLACES: BasisKind.REPEAL,
               Relation.REVISES: BasisKind.AMENDMENT, Relation.DECLARES_LAPSED: BasisKind.DECLARED_LAPSED}


def _supersession_basis(archive: Archive, page: PageRef, later: PageRef, relation: Relation) -> Basis:
    """The later page's clause that repeals / amends / declares lapsed `page` (or its notice)."""
    family = {page.path, page.family}
    targets = later.resolved
    wanted = Relation.REPEALS if relation is Relation.REPLACES else relation
    candidates = [c for c in later.citations if Relation.of(c) is wanted and c.ref in targets and not c.qualifier
                  and (targets[c.ref] in family or archive.pages[targets[c.ref]].family == page.family)]
    kind = _BASIS_KIND[relation]
    label = later.document.doc_number or later.title
    if not candidates:
        return Basis(kind, later.title, later.path, label)
    citation = candidates[0]
    return Basis(kind, _clause_text(later, citation.line, citation.raw), _url(later.path, citation.anchor), label)


def relation_evidence(archive: Archive, page: PageRef, entry: Supersedes) -> tuple[str | None, str | None]:
    """The clause of `page` that makes the relation `entry`, and where it stands (path#anchor)."""
    wanted = Relation.REPEALS if entry.relation is Relation.REPLACES else entry.relation
    family = archive.pages[entry.path].family if entry.path else None
    for citation in page.citations:
        if Relation.of(citation) is not wanted or citation.qualifier:
            continue
        target = page.resolved.get(citation.ref)
        same = citation.key == entry.key and citation.numbers == entry.numbers if entry.relation is not Relation.REPLACES \
            else target is not None and archive.pages[target].family == family
        if same:
            return _clause_text(page, citation.line, citation.raw), _url(page.path, citation.anchor)
    return None, None


def starts_of(archive: Archive) -> dict[str, dt.date | None]:
    """Each page's date of effect: its 施行 clause; a re-published version: its decision's date."""
    starts = {path: effective_from(page) for path, page in archive.pages.items()}
    for work in archive.works:
        for version in work.versions[1:]:
            decision = archive.pages[version.made_by] if version.made_by else None
            if decision is not None:
                starts[version.path] = starts[decision.path] or decision.date
    return starts


def assess(archive: Archive, as_of: dt.date) -> None:
    """Set page.validity and page.status for every page as of `as_of`."""
    starts = starts_of(archive)
    republished = {v.path for w in archive.works for v in w.versions[1:] if not v.consolidated}
    for path, page in archive.pages.items():
        if has_no_validity(page):
            page.validity = Validity(None, as_of)
            continue
        start = starts[path]
        own = [] if path in republished else _clauses(page)
        end = None if path in republished else expires(page, start)
        basis = [Basis(c.kind, c.text, _url(page.path, c.anchor), c.label) for c in own]
        if path in republished and (version := archive.version(path)) and version.made_by:
            decision = archive.pages[version.made_by]
            basis += [Basis(c.kind, c.text, _url(decision.path, c.anchor), decision.document.doc_number or c.label)
                      for c in _clauses(decision) if c.kind is BasisKind.EFFECTIVE]
        period = title_period(page.title) if not (page.kind == "notice" and page.document.embedded) else None
        repealed_on: list[dt.date | None] = []
        lapsed_on: list[dt.date | None] = []
        amended = False
        for entry in page.superseded_by:
            if entry.relation is Relation.REPLACES:
                continue  # the repeal it comes with is the evidence
            later = archive.pages[entry.path]
            since = starts[later.path] or later.document.date
            if since is not None and since > as_of:
                continue  # the later document is not in force yet on the as-of date
            basis.append(_supersession_basis(archive, page, later, entry.relation))
            if entry.relation is Relation.REPEALS:
                repealed_on.append(since)
            elif entry.relation is Relation.DECLARES_LAPSED:
                lapsed_on.append(since)
            else:
                amended = True
        status = ValidityStatus.IN_FORCE
        endings: list[tuple[dt.date, ValidityStatus]] = []
        for days, state in ((repealed_on, ValidityStatus.REPEALED), (lapsed_on, ValidityStatus.LAPSED)):
            if days:
                known = [d for d in days if d is not None]
                endings.append((min(known) if len(known) == len(days) else dt.date.min, state))
        if end is not None and end < as_of:
            endings.append((end + dt.timedelta(days=1), ValidityStatus.LAPSED))
        if endings:
            status = min(endings, key=lambda e: e[0])[1]
        elif start is not None and as_of < start:
            status = ValidityStatus.NOT_YET
        elif period is not None and end is None and period[0] < as_of:
            status = ValidityStatus.PERIOD_ENDED
        elif amended:
            status = ValidityStatus.AMENDED
        if period is not None and end is None:
            basis.append(Basis(BasisKind.TITLE_PERIOD, period[1], page.path, "标题"))
        silent = status is ValidityStatus.IN_FORCE  # in force: nothing held repeals, amends or ends it
        page.validity = Validity(status, as_of, start, end, basis, _provisional(page),
                                 period_end=period[0] if period and end is None else None, silent=silent)
    _notices_share_their_documents(archive)
    for page in archive.pages.values():
        assessed = _assessed(page).status
        page.status = assessed.value if assessed else ""
    archive.as_of = as_of


def _assessed(page: PageRef) -> Validity:
    """The page's validity, which assess() has just set on every page."""
    if page.validity is None:
        raise AssertionError(f"{page.path}: validity not assessed")
    return page.validity


_REASON = {ValidityStatus.LAPSED: (BasisKind.PERIOD, BasisKind.DECLARED_LAPSED),
           ValidityStatus.REPEALED: (BasisKind.REPEAL,), ValidityStatus.NOT_YET: (BasisKind.EFFECTIVE,),
           ValidityStatus.PERIOD_ENDED: (BasisKind.TITLE_PERIOD,), ValidityStatus.AMENDED: (BasisKind.AMENDMENT,)}


def _notices_share_their_documents(archive: Archive) -> None:
    """A notice with no clause of its own takes the status its documents all share (else 现行有效)."""
    issued: dict[str, list[PageRef]] = {}
    for page in archive.pages.values():
        if page.kind == "embedded":
            issued.setdefault(page.family, []).append(page)
    for path, children in issued.items():
        notice = archive.pages[path]
        own = _assessed(notice)
        if _clauses(notice) or own.status not in (ValidityStatus.IN_FORCE, ValidityStatus.NOT_YET):
            continue
        states = {_assessed(c).status for c in children}
        if len(states) == 1 and (state := states.pop()) not in (None, ValidityStatus.IN_FORCE):
            own.status = state
            own.silent = False
            reasons = _REASON.get(state, ())
            own.basis = [b for c in children for b in _assessed(c).basis if b.kind in reasons] or own.basis
            if state is ValidityStatus.NOT_YET:
                own.effective_from = min((d for c in children if (d := _assessed(c).effective_from)), default=None)
        elif own.status is ValidityStatus.NOT_YET:
            own.status = ValidityStatus.IN_FORCE


def validity_summary(archive: Archive) -> str:
    """'时效判断日期 2026-11-30：现行有效 47，已失效 7 …' for the build's progress lines."""
    counts = {status: 0 for status in ValidityStatus}
    for page in archive.pages.values():
        if page.validity is not None and page.validity.status is not None:
            counts[page.validity.status] += 1
    shown = "，".join(f"{status.value} {n}" for status, n in counts.items() if n)
    return f"时效判断日期 {archive.as_of.isoformat() if archive.as_of else '?'}：{shown}"
