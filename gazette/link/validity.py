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

from gazette.link.archive import Archive, PageRef, Relation
from gazette.model import Basis, BasisKind, Body, Paragraph, Validity, ValidityClause, ValidityStatus

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


def _supersession_basis(archive: Archive, page: PageRef, later: PageRef, relation: Relation) -> Basis:
    """The later page's clause that repeals / amends `page` (or its notice)."""
    repeals = relation is Relation.REPEALS
    family = {page.path, page.family}
    targets = later.resolved
    candidates = [c for c in later.citations if (c.repeals if repeals else c.revises) and c.key in targets
                  and (targets[c.key] in family or archive.pages[targets[c.key]].family == page.family)]
    kind = BasisKind.REPEAL if repeals else BasisKind.AMENDMENT
    label = later.document.doc_number or later.title
    if not candidates:
        return Basis(kind, later.title, later.path, label)
    citation = candidates[0]
    return Basis(kind, _clause_text(later, citation.line, citation.raw), _url(later.path, citation.anchor), label)


def assess(archive: Archive, as_of: dt.date) -> None:
    """Set page.validity and page.status for every page as of `as_of`."""
    starts = {path: effective_from(page) for path, page in archive.pages.items()}
    for path, page in archive.pages.items():
        start = starts[path]
        end = expires(page, start)
        basis = [Basis(c.kind, c.text, _url(page.path, c.anchor), c.label) for c in _clauses(page)]
        repealed_on: list[dt.date | None] = []
        amended = False
        for entry in page.superseded_by:
            later = archive.pages[entry.path]
            since = starts[later.path] or later.document.date
            if since is not None and since > as_of:
                continue  # the later document is not in force yet on the as-of date
            basis.append(_supersession_basis(archive, page, later, entry.relation))
            if entry.relation is Relation.REPEALS:
                repealed_on.append(since)
            else:
                amended = True
        status = ValidityStatus.IN_FORCE
        endings: list[tuple[dt.date, ValidityStatus]] = []
        if repealed_on:
            known = [d for d in repealed_on if d is not None]
            endings.append((min(known) if len(known) == len(repealed_on) else dt.date.min, ValidityStatus.REPEALED))
        if end is not None and end < as_of:
            endings.append((end + dt.timedelta(days=1), ValidityStatus.LAPSED))
        if endings:
            status = min(endings, key=lambda e: e[0])[1]
        elif start is not None and as_of < start:
            status = ValidityStatus.NOT_YET
        elif amended:
            status = ValidityStatus.AMENDED
        page.validity = Validity(status, as_of, start, end, basis, _provisional(page))
    _notices_share_their_documents(archive)
    for page in archive.pages.values():
        page.status = _assessed(page).status.value
    archive.as_of = as_of


def _assessed(page: PageRef) -> Validity:
    """The page's validity, which assess() has just set on every page."""
    if page.validity is None:
        raise AssertionError(f"{page.path}: validity not assessed")
    return page.validity


def _notices_share_their_documents(archive: Archive) -> None:
    """A notice with no clause of its own whose documents all lapsed (or were all repealed)."""
    issued: dict[str, list[PageRef]] = {}
    for page in archive.pages.values():
        if page.kind == "embedded":
            issued.setdefault(page.family, []).append(page)
    for path, children in issued.items():
        notice = archive.pages[path]
        own = _assessed(notice)
        if _clauses(notice) or own.status is not ValidityStatus.IN_FORCE:
            continue
        states = {_assessed(c).status for c in children}
        if len(states) == 1 and (state := states.pop()) in (ValidityStatus.LAPSED, ValidityStatus.REPEALED):
            own.status = state
            reason = BasisKind.PERIOD if state is ValidityStatus.LAPSED else BasisKind.REPEAL
            own.basis = [b for c in children for b in _assessed(c).basis if b.kind is reason]


def validity_summary(archive: Archive) -> str:
    """'时效截至 2026-11-30：现行有效 47，已失效 7 …' for the build's progress lines."""
    counts = {status: 0 for status in ValidityStatus}
    for page in archive.pages.values():
        if page.validity is not None:
            counts[page.validity.status] += 1
    shown = "，".join(f"{status.value} {n}" for status, n in counts.items() if n)
    return f"时效截至 {archive.as_of.isoformat() if archive.as_of else '?'}：{shown}"
