"""Browse pages: home, issues, each issue's printed 目录, categories, issuers, dates, units, people."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from gazette.link.archive import STATUS_ACTIVE, Archive, PageRef
from gazette.link.ids import issue_path, slugify
from gazette.link.people import APPOINTMENTS, REMOVALS, Held
from gazette.model import Appointment, Document, FindingCode, ParsedIssue, TocEntry
from gazette.parse.paragraphs import line_text
from gazette.render.markup import esc, esc_md, front_matter_block, item_list, link, list_table, relative_url, table_row
from gazette.text.titles import title_key

Pages = dict[str, str]  # page path ('units/x/') -> Markdown

# A 目录 line's parts, found from its end (one regular expression with a lazy title before optional
# groups and leaders backtracked quadratically over a long line).
_TOC_PAGE_RE = re.compile(r"[（(]\s*+\d++\s*+[）)]\s*+$")
_TOC_DOCNO_RE = re.compile(r"[（(][^（）()]*号\s*[）)]")
_TOC_LEADERS = ".…·。\u2026"


def _toc_segments(raw: str) -> dict[str, str | None] | None:
    """'标题 （阳政发〔2020〕6号）……（1）' -> title, docno, leader, page (None: no page number)."""
    page = _TOC_PAGE_RE.search(raw)
    if page is None:
        return None
    rest = raw[:page.start()]
    end = len(rest)
    while end and (rest[end - 1].isspace() or rest[end - 1] in _TOC_LEADERS):
        end -= 1
    title, leader, docno = rest[:end], rest[end:], None
    bracket = max(title.rfind("（"), title.rfind("("))
    if bracket >= 0 and _TOC_DOCNO_RE.fullmatch(title, bracket):
        while bracket and title[bracket - 1].isspace():
            bracket -= 1
        title, docno = title[:bracket], title[bracket:]
    return {"title": title, "docno": docno, "leader": leader, "page": page.group().rstrip()}


def _front(title: str, kind: str, **extra: Any) -> list[str]:
    return front_matter_block({"title": title, "kind": kind, **extra})


def _date(document: Document) -> str:
    return document.date.isoformat() if document.date else ""


def _issue_label(parsed: ParsedIssue) -> str:
    return f"{parsed.issue.year}年第{parsed.issue.number}期"


def _doc_row(here: str, page: PageRef) -> str:
    document = page.document
    status = "" if page.status in (STATUS_ACTIVE, "") else f' <span class="gz-status gz-status-changed">{esc(page.status)}</span>'
    return table_row(link(here, page.path, page.title) + status, esc(document.doc_number or ""), esc(_date(document)),
                     link(here, issue_path(page.issue.issue.key) + "/", _issue_label(page.issue)))


def _doc_table(here: str, pages: Iterable[PageRef]) -> list[str]:
    rows = [_doc_row(here, p) for p in pages]
    return [list_table(("文件", "文号", "成文日期", "期号"), rows), ""]


def _notices(archive: Archive) -> list[PageRef]:
    return [p for p in archive.pages.values() if p.kind == "notice"]


def _newest_first(pages: Iterable[PageRef]) -> list[PageRef]:
    return sorted(pages, key=lambda p: (p.document.date.isoformat() if p.document.date else "", p.path), reverse=True)


def home(archive: Archive, beside_latest: list[str] | None = None) -> str:
    """The home page; `beside_latest` (Markdown lines, e.g. 按主题浏览) goes next to the latest issue."""
    issues = list(reversed(archive.issues))
    notices = _notices(archive)
    embedded = [p for p in archive.pages.values() if p.kind == "embedded"]
    tasks = sum(len(d.all_tasks) for i in archive.issues for d in i.documents)
    city = archive.issues[0].issue.title if archive.issues else "政府公报"
    out = _front(city, "home", hide=["toc"]) + [f"# {esc_md(city)}", ""]
    out += ['<p class="gz-intro">逐期收录公报全文：每份文件一页，条款可直接链接；文号与标题互相引用；'
            "按期号、栏目、发文机关、日期、责任单位浏览；在页首搜索框输入词语或文号即可检索到具体条款。</p>", ""]
    out += ['<ul class="gz-counts">'
            f"<li><strong>{len(issues)}</strong> 期</li><li><strong>{len(notices)}</strong> 份文件</li>"
            f"<li><strong>{len(embedded)}</strong> 件印发的规定、办法、方案</li><li><strong>{tasks}</strong> 项任务</li></ul>", ""]
    out += beside_latest or []
    if issues:
        latest = issues[0]
        out += [f"## 最新一期：{esc_md(_issue_label(latest))} {{#latest}}", ""]
        out += [f'<p>{link("", issue_path(latest.issue.key) + "/", "查看本期目录")}'
                f"（{esc(latest.issue.date.isoformat() if latest.issue.date else '')} 出版）</p>", ""]
        out += _doc_table("", [archive.notice_page(d) for d in latest.documents])
    out += ["## 往期 {#issues}", ""]
    out += item_list("gz-issues", (
        f"{link('', issue_path(i.issue.key) + '/', _issue_label(i))} "
        f"<span class=\"gz-meta\">{len(i.documents)} 份文件 · {esc(i.issue.date.isoformat() if i.issue.date else '')}</span>"
        for i in issues))
    out += ["## 浏览 {#browse}", "", '<ul class="gz-browse">',
            f"<li>{link('', 'issues/', '按期号')}</li><li>{link('', 'categories/', '按栏目')}</li>"
            f"<li>{link('', 'issuers/', '按发文机关')}</li><li>{link('', 'dates/', '按日期')}</li>"
            f"<li>{link('', 'units/', '按责任单位')}</li><li>{link('', 'people/', '人事任免')}</li>"
            f"<li>{link('', 'help/', '使用说明')}</li>", "</ul>", ""]
    return "\n".join(out) + "\n"


def issues_index(archive: Archive) -> str:
    here = "issues/"
    out = _front("各期目录", "index") + ["# 各期目录", ""]
    by_year: dict[int, list[ParsedIssue]] = defaultdict(list)
    for parsed in archive.issues:
        by_year[parsed.issue.year or 0].append(parsed)
    for year in sorted(by_year, reverse=True):
        out += [f"## {year}年 {{#y{year}}}", ""]
        out += item_list("gz-issues", (
            f"{link(here, issue_path(parsed.issue.key) + '/', _issue_label(parsed))} "
            f"<span class=\"gz-meta\">总第{parsed.issue.total_number}期 · "
            f"{esc(parsed.issue.date.isoformat() if parsed.issue.date else '')} · {len(parsed.documents)} 份文件</span>"
            for parsed in sorted(by_year[year], key=lambda p: p.issue.number or 0, reverse=True)))
    return "\n".join(out) + "\n"


def year_pages(archive: Archive) -> dict[int, str]:
    """One page per year: its issues with their printed 目录 entries."""
    pages: dict[int, str] = {}
    by_year: dict[int, list[ParsedIssue]] = defaultdict(list)
    for parsed in archive.issues:
        by_year[parsed.issue.year or 0].append(parsed)
    for year, issues in by_year.items():
        here = f"issues/{year}/"
        out = _front(f"{year}年各期", "year") + [f"# {year}年", ""]
        for parsed in sorted(issues, key=lambda p: p.issue.number or 0, reverse=True):
            out += [f"## {esc_md(_issue_label(parsed))} {{#n{parsed.issue.number}}}", "",
                    f'<p>{link(here, issue_path(parsed.issue.key) + "/", "本期目录")}'
                    f"（{esc(parsed.issue.date.isoformat() if parsed.issue.date else '')} 出版）</p>", ""]
            out += _doc_table(here, [archive.notice_page(d) for d in parsed.documents])
        pages[year] = "\n".join(out) + "\n"
    return pages


def _toc_target(archive: Archive, parsed: ParsedIssue, entry: TocEntry) -> str | None:
    for document in parsed.documents:
        if (entry.doc_number and document.doc_number == entry.doc_number) or title_key(document.title) == title_key(entry.title):
            return archive.notice_page(document).path
    return None


def issue_page(archive: Archive, parsed: ParsedIssue) -> str:
    here = issue_path(parsed.issue.key) + "/"
    label = _issue_label(parsed)
    out = _front(f"{parsed.issue.title} {label}", "issue",
                 issue={"year": parsed.issue.year, "number": parsed.issue.number}) + [f"# {esc_md(label)}", ""]
    out += ['<div class="gz-cover">'] + [
        f'<p class="gz-p gz-cover-line" data-l="{p.lines[0]}">{esc(p.text)}</p>' for p in parsed.cover] + ["</div>", ""]
    toc_by_line = {e.lines[0]: e for e in parsed.toc}
    headings = {p.lines[0]: p for p in parsed.toc_headings}
    first = min(headings) if headings else None
    out += [f"## {esc_md(headings[first].text) if first else '目录'} {{#toc .gz-toc-title}}", "", '<div class="gz-toc">']
    for line in sorted([*toc_by_line, *headings]):
        if line == first:
            continue
        if line in headings:
            out.append(f'<p class="gz-p gz-toc-category" data-l="{line}">{esc(headings[line].text)}</p>')
            continue
        entry = toc_by_line[line]
        raw = "".join(line_text(parsed.line(n)) for n in entry.lines)
        out.append(_toc_entry_html(here, raw, entry, _toc_target(archive, parsed, entry)))
    out += ["</div>", ""]
    notes = [f for f in parsed.report.findings if f.code is not FindingCode.UNKNOWN_UNIT and f.document]
    errata = [e for e in parsed.errata if e.kind == "erratum"]
    if errata:
        out += ["## 本期勘误 {#errata}", "", '<ul class="gz-errata">']
        out += [f"<li>第 {e.line} 行：原文“{esc(e.original)}”更正为“{esc(e.corrected)}”。{esc(e.reason)}</li>"
                for e in errata]
        out += ["</ul>", ""]
    normalised = [e for e in parsed.errata if e.kind == "normalised"]
    if normalised:
        out += ["## 原文整理 {#normalised}", "", '<ul class="gz-errata">']
        out += [f"<li>第 {e.line} 行：<code>{esc(e.original)}</code> 显示为“{esc(e.corrected)}”。{esc(e.reason)}</li>"
                for e in normalised]
        out += ["</ul>", ""]
    if notes:
        out += ["## 原文提示 {#notes}", "", '<p class="gz-meta">解析时发现的原文缺漏、错位和目录与正文不一致之处（按原文行号）。</p>',
                "", '<ul class="gz-findings">']
        out += [f"<li>第 {f.line} 行 · {esc(f.document or '')}：{esc(f.message)}</li>" for f in notes]
        out += ["</ul>", ""]
    return "\n".join(out) + "\n"


def _toc_entry_html(here: str, raw: str, entry: TocEntry, target: str | None) -> str:
    parts = _toc_segments(raw) or {"title": raw, "docno": None, "leader": None, "page": None}
    title = esc(parts["title"] or "")
    if target:
        title = f'<a href="{esc(relative_url(here, target))}">{title}</a>'
    spans = [f'<span class="gz-toc-name">{title}</span>']
    for key in ("docno", "leader", "page"):
        if parts.get(key):
            spans.append(f'<span class="gz-toc-{key}">{esc(str(parts[key]))}</span>')
    return f'<p class="gz-p gz-toc-entry" data-l="{entry.lines[0]}">{"".join(spans)}</p>'


def _grouped_page(here: str, title: str, kind: str, groups: dict[str, list[PageRef]],
                  slug_prefix: str) -> Pages:
    pages: Pages = {}
    items = []
    for name in sorted(groups, key=lambda n: (-len(groups[n]), slugify(n))):
        path = f"{slug_prefix}{slugify(name)}/"
        items.append(f"{link(here, path, name)} <span class=\"gz-meta\">{len(groups[name])} 份</span>")
        body = _front(name, kind) + [f"# {esc_md(name)}", ""] + _doc_table(path, _newest_first(groups[name]))
        pages[path] = "\n".join(body) + "\n"
    index = _front(title, "index") + [f"# {esc_md(title)}", ""] + item_list("gz-groups", items)
    pages[here] = "\n".join(index) + "\n"
    return pages


def categories(archive: Archive) -> Pages:
    groups: dict[str, list[PageRef]] = defaultdict(list)
    for page in _notices(archive):
        groups[page.document.category or "未列入目录"].append(page)
    return _grouped_page("categories/", "按栏目浏览", "category", groups, "categories/")


def issuers(archive: Archive) -> Pages:
    groups: dict[str, list[PageRef]] = defaultdict(list)
    for page in _notices(archive):
        groups[page.document.issuer or "未识别"].append(page)
    return _grouped_page("issuers/", "按发文机关浏览", "issuer", groups, "issuers/")


def dates(archive: Archive) -> str:
    here = "dates/"
    out = _front("按日期浏览", "index") + ["# 按日期浏览（成文日期）", ""]
    by_month: dict[str, list[PageRef]] = defaultdict(list)
    for page in _notices(archive):
        d = page.document.date
        by_month[f"{d.year}-{d.month:02d}" if d else "未知"].append(page)
    for month in sorted(by_month, reverse=True):
        year, _, mm = month.partition("-")
        heading = f"{year}年{int(mm)}月" if mm else month
        out += [f"## {heading} {{#m{month}}}", ""] + _doc_table(here, _newest_first(by_month[month]))
    return "\n".join(out) + "\n"


def _tenure_note(here: str, ended: dict[int, Held], began: dict[int, Held], item: Appointment) -> str:
    """What the archive says of the appointment's end (or the removal's appointment), with its link."""
    if (other := ended.get(id(item))) is not None:
        return f"已免去：{link(here, other.path, other.doc_number or '免职文件')}（{_held_date(other)}）"
    if (other := began.get(id(item))) is not None:
        return f"原任命：{link(here, other.path, other.doc_number or '任命文件')}（{_held_date(other)}）"
    if item.action in APPOINTMENTS:
        return "所收各期未见免去"
    if item.action in REMOVALS:
        return "原任命文件未收录"
    return ""


def _held_date(held: Held) -> str:
    return held.date.isoformat() if held.date else "日期未载明"


def people(archive: Archive) -> str:
    here = "people/"
    out = _front("人事任免", "index") + ["# 人事任免", "", "## 任免 {#appointments}", "",
                                      "“任职情况”依据所收各期：免去某人某职的文件与此前任命其该职的文件互相链接。", ""]
    ended = {id(t.appointed.appointment): t.removed for t in archive.tenures}
    began = {id(t.removed.appointment): t.appointed for t in archive.tenures}
    rows = []
    for page in _notices(archive):
        for a in page.document.appointments:
            rows.append((page.document.date.isoformat() if page.document.date else "", a.person,
                         table_row(esc(a.person), esc(a.action), esc(a.position), esc(a.organisation),
                                   link(here, page.path, page.document.doc_number or page.title),
                                   esc(_date(page.document)), _tenure_note(here, ended, began, a))))
    rows.sort(key=lambda r: (r[0], r[1]), reverse=True)
    out += [list_table(("姓名", "任免", "职务", "单位", "文件", "日期", "任职情况"), (r[2] for r in rows)), ""]
    out += ["## 领导小组成员 {#groups}", ""]
    members = []
    for page in archive.pages.values():
        listed = page.own.members
        for m in listed:
            members.append(table_row(esc(m.group), esc(m.role), esc(m.person), esc(m.position),
                                     link(here, page.path, page.document.doc_number or page.title)))
    out += [list_table(("小组", "职务", "姓名", "本职", "文件"), members), ""]
    return "\n".join(out) + "\n"
