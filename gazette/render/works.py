"""Works on the site: a page per amended regulation (works/<slug>/) and a note on each version page.

The work page names the current version (its text is that version's page, whose URL never
changes), draws the timeline (inline SVG: a dated line, one mark per version, amendment, repeal
or expiry, each linking to its evidence; no script), lists the versions, gives each article's
history across versions, and compares consecutive versions article by article (对照: the old
and new text side by side, deletions and insertions marked). Nothing here depends on the as-of
date: the pages change only when the archive does.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass

from gazette.link.archive import Archive, PageRef, Relation
from gazette.link.works import CHANGE_ZH, Article, Version, Work
from gazette.render.markup import esc, front_matter_block, link, list_table, table_row
from gazette.render.validity import zh_date


@dataclass(frozen=True)
class Mark:
    """One event on a work's timeline."""

    day: dt.date
    label: str  # 第2版施行 / 阳政发〔2021〕5号修改 / 废止 / 有效期届满
    path: str  # the page (and anchor) holding its evidence
    kind: str  # version | amendment | end


def _doc(archive: Archive, path: str) -> PageRef:
    return archive.pages[path.split("#", 1)[0]]


def marks(archive: Archive, work: Work) -> list[Mark]:
    out: list[Mark] = []
    for version in work.versions:
        if version.effective_from:
            out.append(Mark(version.effective_from, f"第{version.number}版施行", version.path, "version"))
        if version.made_by and (made := archive.pages[version.made_by]).date:
            assert made.date is not None
            out.append(Mark(made.date, f"{made.document.doc_number or made.title}决定修改", made.path, "amendment"))
    last = archive.pages[work.versions[-1].path]
    for entry in last.superseded_by:
        if entry.relation in (Relation.REPEALS, Relation.DECLARES_LAPSED) and (later := archive.pages[entry.path]).date:
            assert later.date is not None
            out.append(Mark(later.date, f"{later.document.doc_number or later.title}{entry.relation.zh}", later.path, "end"))
    return sorted(set(out), key=lambda m: (m.day, m.kind, m.label))


def timeline_svg(here: str, archive: Archive, work: Work) -> str:
    """The timeline as inline SVG (role=img with a title; each mark a link with its own title)."""
    events = marks(archive, work)
    if not events:
        return ""
    first, last = events[0].day, events[-1].day
    span = max((last - first).days, 1)
    width, left, right = 720, 24, 24
    rows = []
    for index, mark in enumerate(events):
        x = left + (width - left - right) * (mark.day - first).days / span
        y = 34 if index % 2 == 0 else 82  # labels alternate above and below the line
        shape = (f'<circle cx="{x:.1f}" cy="58" r="7" class="gz-tl-{mark.kind}"/>' if mark.kind == "version" else
                 f'<rect x="{x - 6:.1f}" y="52" width="12" height="12" class="gz-tl-{mark.kind}"/>')
        text = f"{mark.day.isoformat()} {mark.label}"
        anchor = "end" if x > width * 0.8 else ("start" if x < width * 0.2 else "middle")
        rows.append(f'<a href="{esc(_href(here, mark.path))}"><title>{esc(text)}</title>{shape}'
                    f'<text x="{x:.1f}" y="{y}" text-anchor="{anchor}" font-size="12">{esc(text)}</text></a>')
    title = f"《{work.title}》的时间线：" + "；".join(f"{m.day.isoformat()} {m.label}" for m in events)
    return (f'<figure class="gz-timeline"><svg role="group" aria-label="{esc(title)}" viewBox="0 0 {width} 110" '
            f'width="100%" xmlns="http://www.w3.org/2000/svg"><title>{esc(title)}</title>'
            f'<line x1="{left}" y1="58" x2="{width - right}" y2="58" class="gz-tl-line" stroke="currentColor"/>'
            + "".join(rows) + "</svg><figcaption>时间线：圆点为各版本施行日期，方块为修改决定或废止、失效，点击查看依据。"
            "</figcaption></figure>")


def _href(here: str, path: str) -> str:
    from gazette.render.markup import relative_url

    return relative_url(here, path)


def _at(work: Work, version: Version, article: Article) -> str:
    """Where an article of a version stands: its anchor on the page holding the version's text."""
    return f"{work.text_of(version)}#{article.anchor}"


def _version_name(version: Version) -> str:
    return f"第{version.number}版"


def _span(version: Version) -> str:
    start = zh_date(version.effective_from) if version.effective_from else "（未载明）"
    end = zh_date(version.effective_to) if version.effective_to else "今"
    return f"{start}至{end}"


def _marked(old: str, new: str) -> tuple[str, str]:
    """Old and new text with what changed wrapped in <del> / <ins> (character diff)."""
    a, b = [], []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag == "equal":
            a.append(esc(old[i1:i2]))
            b.append(esc(new[j1:j2]))
            continue
        if i2 > i1:
            a.append(f"<del>{esc(old[i1:i2])}</del>")
        if j2 > j1:
            b.append(f"<ins>{esc(new[j1:j2])}</ins>")
    return "".join(a).replace("\n", "<br>"), "".join(b).replace("\n", "<br>")


def compare(here: str, archive: Archive, work: Work, before: Version, after: Version) -> list[str]:
    """对照: every article that changed from `before` to `after`, side by side."""
    old = {a.number: a for a in before.articles}
    new = {a.number: a for a in after.articles}
    rows = []
    for change in after.changes:
        if change.change in ("unchanged", "renumbered"):
            continue
        was: Article | None = old.get(change.previous) if change.previous else None
        now = new[change.number]
        left, right = _marked(was.text if was else "", now.text)
        rows.append(table_row(
            (link(here, _at(work, before, was), was.label) + "<br>" + left) if was else "（无）",
            link(here, _at(work, after, now), now.label) + "<br>" + right,
            esc(CHANGE_ZH.get(change.change, change.change))))
    for number in after.deleted:
        was = old[number]
        left, _ = _marked(was.text, "")
        rows.append(table_row(link(here, _at(work, before, was), was.label) + "<br>" + left, "（删除）",
                              esc(CHANGE_ZH["deleted"])))
    decision = archive.pages[after.made_by] if after.made_by else None
    by = f"，依据{link(here, decision.path, decision.document.doc_number or decision.title)}" if decision else ""
    head = f"### {esc(_version_name(before))}与{esc(_version_name(after))}对照 {{#compare-{before.number}-{after.number}}}"
    return [head, "", f'<p class="gz-meta">{esc(_version_name(after))}自{esc(_span(after))}{by}。</p>', "",
            list_table((_version_name(before), _version_name(after), "变化"), rows) if rows else
            '<p class="gz-empty">条文无实质变化。</p>', ""]


def history(here: str, work: Work) -> list[str]:
    """条文沿革: each article of the current version back through the versions it was in."""
    current = work.versions[-1]
    rows = []
    for article in current.articles:
        steps: list[str] = []
        number: int | None = article.number
        at = len(work.versions) - 1
        while at >= 0 and number is not None:
            version = work.versions[at]
            change = next((c for c in version.changes if c.number == number), None)
            found = next((a for a in version.articles if a.number == number), None)
            if found is None:
                break
            label = CHANGE_ZH.get(change.change, "") if change and change.change not in ("original", "unchanged") else ""
            steps.append(link(here, _at(work, version, found), f"{_version_name(version)}{found.label}")
                         + (f"（{esc(label)}）" if label else ""))
            number = change.previous if change else None
            at -= 1
        rows.append(table_row(link(here, _at(work, current, article), article.label), " ← ".join(steps)))
    return ["## 条文沿革 {#history}", "", list_table(("现行条文", "各版本（新→旧）"), rows), ""]


def work_page(archive: Archive, work: Work) -> str:
    here = work.url
    current = work.versions[-1]
    page = archive.pages[current.path]
    status = page.validity.status.value if page.validity and page.validity.status else ""
    meta = {"title": work.title, "kind": "work",
            "versions": [{"version": v.number, "url": "/" + v.path, "effective_from": _iso(v.effective_from),
                          "effective_to": _iso(v.effective_to),
                          "made_by": "/" + v.made_by if v.made_by else None} for v in work.versions]}
    out = front_matter_block(meta) + [f"# 《{esc(work.title)}》各版本", ""]
    out += [f'<p class="gz-current">现行文本：{link(here, work.text_of(current), _version_name(current) + "（" + _span(current) + "）")}'
            f'{"，时效：" + esc(status) if status else ""}</p>', ""]
    out += [timeline_svg(here, archive, work), ""]
    rows = (table_row(link(here, work.text_of(v), _version_name(v)), esc(_span(v)),
                      link(here, v.made_by, _doc(archive, v.made_by).document.doc_number or "修改决定")
                      if v.made_by else "原文", esc(str(len(v.articles))))
            for v in reversed(work.versions))
    out += ["## 版本 {#versions}", "", list_table(("版本", "施行期间", "制定/修改依据", "条文数"), rows), ""]
    out += history(here, work)
    out += ["## 对照 {#compare}", ""]
    for before, after in zip(work.versions, work.versions[1:], strict=False):
        out += compare(here, archive, work, before, after)
    return "\n".join(out) + "\n"


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def work_pages(archive: Archive) -> dict[str, str]:
    """works/<slug>/index.md for every work, and works/<slug>/<n>/index.md for each version built from edits."""
    pages = {f"{work.url}index.md": work_page(archive, work) for work in archive.works}
    for work in archive.works:
        pages.update({f"{work.text_of(v)}index.md": consolidated_page(archive, work, v)
                      for v in work.versions if v.consolidated})
    return pages


def consolidated_page(archive: Archive, work: Work, version: Version) -> str:
    """The text of a version the archive holds only as a decision's edits: the previous version with them
    applied, article by article (art-N, as on a printed version), said to be compiled, with its source."""
    here = work.text_of(version)
    decision = archive.pages[version.made_by] if version.made_by else None
    previous = work.versions[version.number - 2]
    number = decision.document.doc_number or decision.title if decision else ""
    meta = {"title": work.version_title(version), "kind": "version-text",
            "work": {"url": "/" + work.url, "title": work.title, "version": version.number,
                     "current": "/" + work.text_of(work.versions[-1])},
            "made_by": "/" + version.made_by if version.made_by else None,
            "effective_from": _iso(version.effective_from), "effective_to": _iso(version.effective_to),
            "hide": ["navigation"]}
    source = link(here, decision.path, number) if decision else "修改决定"
    out = front_matter_block(meta) + [f"# {esc(work.version_title(version))}", ""]
    out += [f'<div class="gz-version" role="note">{"；".join(_which_version(here, work, version))}。</div>', ""]
    out += [f'<p class="gz-compiled">{source}修改后未重新公布全文。本页由'
            f'{link(here, work.text_of(previous), _version_name(previous))}按该决定所列修改逐条整理，'
            f'仅供查阅；以公报所载原文为准（{link(here, f"{work.url}#compare-{previous.number}-{version.number}", "对照")}）。</p>', ""]
    changed = {c.number: c.change for c in version.changes if c.change in _CHANGED}
    for article in version.articles:
        out += [f"## {esc(article.label)} {{#{article.anchor} .gz-unit .gz-article}}", ""]
        if article.number in changed:
            out += [f'<p class="gz-meta">{_change_mark(changed[article.number])}</p>', ""]
        out += [f'<p class="gz-p">{esc(line)}</p>' for line in article.text.split("\n") if line.strip()] + [""]
    return "\n".join(out) + "\n"


_CHANGED = ("amended", "inserted", "amended+renumbered")  # an article whose text this version changed


def _change_mark(change: str) -> str:
    return (f'<span class="gz-change gz-change-{"new" if change == "inserted" else "amended"}">'
            f'{esc(CHANGE_ZH[change])}</span>')


def _which_version(here: str, work: Work, version: Version) -> list[str]:
    """本文是《X》的第2版（…）, and, for an earlier one, 现行文本为第3版: the parts of a version's note."""
    current = work.versions[-1]
    parts = [f"本文是{link(here, work.url, '《' + work.title + '》')}的{esc(_version_name(version))}"
             f"（{esc(_span(version))}）"]
    if version is not current:
        parts.append(f"现行文本为{link(here, work.text_of(current), _version_name(current))}")
    return parts


def version_note(archive: Archive, page: PageRef) -> list[str]:
    """On a version's page: which version it is, the current one, and the articles this version changed."""
    work = archive.work_of.get(page.path)
    if work is None:
        return []
    version = work.of_path(page.path)
    if version is None:
        return []
    if version.consolidated:  # a decision whose text was not re-published: its compiled text has a page
        text = link(page.path, work.text_of(version), f"《{work.title}》{_version_name(version)}")
        return [f'<div class="gz-version" role="note">本决定修改后未重新公布全文；按所列修改整理的{text}'
                f'另见一页（{link(page.path, work.url, "各版本")}）。</div>', ""]
    here = page.path
    parts = _which_version(here, work, version)
    if version.made_by:
        decision = archive.pages[version.made_by]
        parts.insert(1, f"依据{link(here, decision.path, decision.document.doc_number or decision.title)}修改后重新公布")
    out = [f'<div class="gz-version" role="note">{"；".join(parts)}。</div>', ""]
    changed = [c for c in version.changes if c.change in _CHANGED]
    if changed or version.deleted:
        anchors = {a.number: a for a in version.articles}
        previous = work.versions[version.number - 2] if version.number > 1 else None
        items = [f'<a href="#{esc(anchors[c.number].anchor)}">{esc(anchors[c.number].label)}</a> '
                 f'{_change_mark(c.change)}' for c in changed if c.number in anchors]
        if previous is not None:
            old = {a.number: a for a in previous.articles}
            items += [f'{link(here, _at(work, previous, old[n]), _version_name(previous) + old[n].label)} '
                      f'<span class="gz-change gz-change-deleted">删除</span>' for n in version.deleted if n in old]
        compare_link = link(here, f"{work.url}#compare-{version.number - 1}-{version.number}", "对照")
        out += [f'<p class="gz-changes">本版变化（{compare_link}）：{"；".join(items)}</p>', ""]
    return out
