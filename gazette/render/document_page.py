"""A document page (notice, decision, order …) and a page per regulation/plan it issues."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gazette.link.archive import Archive, PageRef, Relation
from gazette.link.ids import issue_path, slugify
from gazette.model import Block, Citation, Erratum, FindingCode, Note, NoteKind, Task, UnitRef
from gazette.parse.paragraphs import line_text
from gazette.render import topics, validity, works
from gazette.render.body import RenderContext, block_markdown, body_markdown, notes_html, paragraph_html
from gazette.render.markup import (
    definition_list,
    esc,
    esc_md,
    front_matter_block,
    item_list,
    link,
    list_table,
    table_row,
)
from gazette.render.original import original_link
from gazette.text.docnumber import known_prefixes
from gazette.text.titles import title_key


def page_ref_json(archive: Archive, path: str) -> dict[str, Any]:
    page = archive.pages[path]
    return {"title": page.title, "doc_number": page.document.doc_number, "url": "/" + path}


def responsible_units(tasks: list[Task]) -> dict[str, list[str]]:
    def names(refs_of: Callable[[Task], list[UnitRef]]) -> list[str]:
        seen: list[str] = []
        for task in tasks:
            for ref in refs_of(task):
                name = ref.canonical or ref.raw
                if name not in seen:
                    seen.append(name)
        return seen

    return {"lead": names(lambda t: t.lead), "co": names(lambda t: t.co),
            "implementing": names(lambda t: t.implementing)}


def front_matter(archive: Archive, page: PageRef) -> dict[str, Any]:
    document, issue = page.document, page.issue.issue
    lines = page.first_line
    last = _last_line(page)
    tasks = page.own.tasks
    data: dict[str, Any] = {
        "title": page.title,
        "doc_number": document.doc_number,
        "kind": page.kind,
        "issuer": document.issuer,
        "date": document.date.isoformat() if document.date else None,
        "category": document.category,
        "issue": {"year": issue.year, "number": issue.number, "key": issue.key},
        "page": document.page,
        "responsible_units": responsible_units(tasks),
        "cites": [page_ref_json(archive, p) for p in page.cites],
        "cited_by": [{**page_ref_json(archive, p), **_citing_articles(archive, archive.pages[p], page.path)}
                     for p in page.cited_by],
        "supersedes": [{"ref": s.key, "relation": s.relation.value, "url": "/" + s.path if s.path else None,
                        **({"doc_numbers": list(s.numbers)} if s.numbers else {})} for s in page.supersedes],
        "superseded_by": [{**page_ref_json(archive, s.path), "relation": s.relation.value}
                          for s in page.superseded_by],
        "status": page.status or None,  # None: no 时效 (任免)
        "validity": validity.front_matter(page),
        "source": {"file": f"bulletins/{page.source_name}", "lines": [lines, last]},
    }
    if (work := archive.work_of.get(page.path)) and (version := work.of_path(page.path)):
        data["work"] = {"url": "/" + work.url, "title": work.title, "version": version.number,
                        "current": "/" + work.text_of(work.versions[-1])}
    if series := archive.series_of.get(page.path):
        data["series"] = [{**page_ref_json(archive, p), "year": archive.series_year(p)} for p in series]
    if page.embedded:
        data["notice"] = page_ref_json(archive, page.family)
    else:
        data["embedded"] = [page_ref_json(archive, archive.embedded_page(e).path) for e in document.embedded]
    data.update(topics.front_matter(page))  # tags (Material's tags plugin) and topics with evidence
    data["breadcrumb"] = breadcrumb(page)
    data["hide"] = ["navigation"]  # not in the navigation: its column would stay empty; the breadcrumb says where it is
    return data


def breadcrumb(page: PageRef) -> list[dict[str, str]]:
    """首页 › 2020年第4期 › 栏目 › (the notice, for a regulation it issues): Material's breadcrumbs
    (`navigation.path`) for pages that are not in the navigation; overrides/partials/path.html prints them."""
    document, issue = page.document, page.issue.issue
    trail = [{"title": "首页", "url": ""},
             {"title": f"{issue.year}年第{issue.number}期", "url": issue_path(issue.key) + "/"}]
    if document.category:
        trail.append({"title": document.category, "url": f"categories/{slugify(document.category)}/"})
    if page.embedded:
        trail.append({"title": document.title, "url": page.family})
    return trail


def _citing_articles(archive: Archive, citing: PageRef, target: str) -> dict[str, Any]:
    """Where `citing` cites `target`: the articles holding the citations ({} outside any article),
    and the articles of `target` it names (《X》第三条)."""
    lines = {c.line for c in citing.citations if citing.resolved.get(c.ref) == target}
    spots: list[dict[str, str]] = []
    for unit in citing.own.body.articles:
        heading_lines = set(unit.heading.lines) | {n for b in unit.blocks for n in b.lines}
        for child in unit.walk():
            heading_lines |= set(child.heading.lines) | {n for b in child.blocks for n in b.lines}
        if lines & heading_lines and unit.anchor:
            spots.append({"label": unit.label, "url": f"/{citing.path}#{unit.anchor}"})
    named = sorted({c.article for c in citing.citations if c.article and citing.resolved.get(c.ref) == target})
    out: dict[str, Any] = {}
    if spots:
        out["in_articles"] = spots
    if named:
        out["articles"] = [{"number": n, "url": f"/{target}#{a}"} for n in named
                           if (a := archive.article_anchor(target, n))]
    return out


def _last_line(page: PageRef) -> int:
    document = page.document
    if page.embedded is None:
        return document.embedded[0].title_lines[0] - 1 if document.embedded else document.last_line
    index = document.embedded.index(page.embedded)
    if index + 1 < len(document.embedded):
        return document.embedded[index + 1].title_lines[0] - 1
    return document.last_line


def _card(archive: Archive, page: PageRef) -> list[str]:
    document, issue = page.document, page.issue.issue
    rows: list[tuple[str, str]] = []
    rows.append(("文号", esc(document.doc_number or "（无）")))
    rows.append(("发文机关", link(page.path, f"issuers/{slugify(document.issuer)}/", document.issuer)
                 if document.issuer else "（未识别）"))
    rows.append(("成文日期", esc(f"{document.date.year}年{document.date.month}月{document.date.day}日")
                 if document.date else "（未识别）"))
    rows.append(("栏目", link(page.path, f"categories/{slugify(document.category)}/", document.category)
                 if document.category else "（未列入目录）"))
    issue_label = f"{issue.year}年第{issue.number}期" + (f" · 第 {document.page} 页" if document.page else "")
    rows.append(("期号/页码", link(page.path, issue_path(issue.key) + "/", issue_label)))
    if original := original_link(page.path, page.issue, page.first_line):
        rows.append(("原件", original))
    rows += validity.card_rows(page)
    acts = [s for s in page.superseded_by if s.relation is not Relation.REPLACES]
    if acts:
        rows.append(("被废止/修改", "；".join(
            f"{link(page.path, s.path, archive.pages[s.path].document.doc_number or archive.pages[s.path].title)}"
            f" {s.relation.zh}" for s in acts)))
    # 新版本 / 旧版本: a same-document revision that repeals its predecessor links both ways
    newer = [s.path for s in page.superseded_by if s.relation is Relation.REPLACES]
    older = [s.path for s in page.supersedes if s.relation is Relation.REPLACES and s.path]
    for label, paths in (("新版本", newer), ("旧版本", older)):
        if paths:
            rows.append((label, "；".join(link(page.path, p, f"{archive.pages[p].title}（{archive.pages[p].document.doc_number or ''}）")
                                         for p in paths)))
    if page.embedded:
        rows.append(("印发文件", link(page.path, page.family, document.title)))
    if any(s.relation is not Relation.REPLACES for s in page.supersedes):
        items = []
        for s in page.supersedes:
            if s.relation is Relation.REPLACES:
                continue
            text = s.key if s.kind == "文号" else f"《{s.key}》" + (f"（{'、'.join(s.numbers)}）" if s.numbers else "")
            target = link(page.path, s.path, text) if s.path else esc(text) + "（本站未收录）"
            items.append(f"{s.relation.zh} {target}")
        rows.append(("废止/修改", "；".join(items)))
    # What a copied citation names (gazette.js): 《阳泉市重大行政决策程序规定》第十一条（阳政发〔2020〕7号）.
    cite = {"cite-title": page.title, **({"cite-number": document.doc_number} if document.doc_number else {})}
    return [definition_list(rows, "gz-card", cite), ""]


def _references(archive: Archive, page: PageRef) -> list[str]:
    out = ["## 本文件引用 {#cites}", ""]
    if page.cites or page.unheld:
        out += item_list("gz-refs", [*(_ref_item(archive, page, p) for p in page.cites),
                                     *(f'{esc(_cited_name(c))}<span class="gz-meta">（本站未收录）</span>' for c in page.unheld)])
    else:
        out += ['<p class="gz-empty">本文件未引用本站收录的其他文件。</p>', ""]
    out += ["## 引用本文件的文件 {#cited-by}", ""]
    if page.cited_by:
        out += item_list("gz-refs", (_ref_item(archive, page, p) for p in page.cited_by))
    else:
        out += ['<p class="gz-empty">本站收录的文件中尚无引用本文件的。</p>', ""]
    return out


def _cited_name(citation: Citation) -> str:
    """A cited document as the text names it: its 文号, or its title in 《》."""
    if citation.kind == "文号":
        return citation.raw
    numbers = f"（{'、'.join(citation.numbers)}）" if citation.numbers else ""
    return "《" + citation.raw.strip("《》") + "》" + numbers


def _ref_item(archive: Archive, page: PageRef, target: str) -> str:
    other = archive.pages[target]
    number = other.document.doc_number or ""
    issue = other.issue.issue
    return (f"{link(page.path, target, other.title)} <span class=\"gz-meta\">{esc(number)}"
            f"{' · ' if number else ''}{issue.year}年第{issue.number}期</span>")


def _errata_by_line(page: PageRef) -> dict[int, list[Erratum]]:
    errata: dict[int, list[Erratum]] = {}
    for erratum in page.issue.errata:
        errata.setdefault(erratum.line, []).append(erratum)
    return errata


# Findings of the report that are about a spot of the text (not about a whole unit).
_SPOT_FINDINGS: dict[FindingCode, NoteKind] = {FindingCode.TEXT_OUT_OF_ORDER: "order",
                                               FindingCode.COLUMNS_INTERLEAVED: "columns"}


def _line_notes(page: PageRef) -> dict[int, list[Note]]:
    notes: dict[int, list[Note]] = {}
    for finding in page.issue.report.findings:
        kind = _SPOT_FINDINGS.get(finding.code)
        if kind and finding.line:
            message = ("此处原文顺序错乱：免去的职务印在“免去：”之前。" if kind == "order" else
                       "此处原文为两栏排版，转换后两栏文字交错，本站按原文保留。")
            if all(n.message != message for n in notes.get(finding.line, [])):
                notes.setdefault(finding.line, []).append(Note(kind, message, finding.line))
    return notes


def context_for(page: PageRef, archive: Archive | None = None) -> RenderContext:
    unit_links: dict[int, list[tuple[str, str]]] = {}
    tasks = page.own.tasks
    for task in tasks:
        for ref in (*task.lead, *task.co, *task.implementing):
            for line in task.lines:
                unit_links.setdefault(line, []).append((ref.raw, f"units/{slugify(ref.canonical or ref.raw)}/"))
    return RenderContext(page.path, lambda key: page.resolved.get(key), _errata_by_line(page),
                         known_prefixes(d.doc_number for d in page.issue.documents), unit_links, _line_notes(page),
                         citations=_citations_by_paragraph(page),
                         article_anchor=archive.article_anchor if archive else lambda path, number: None,
                         names_itself=lambda key: archive is not None and archive.names_itself(page, key))


def _citations_by_paragraph(page: PageRef) -> dict[int, list[Citation]]:
    by_line: dict[int, list[Citation]] = {}
    for citation in page.citations:
        by_line.setdefault(citation.line, []).append(citation)
    return by_line


def notice_markdown(archive: Archive, page: PageRef) -> str:
    document = page.document
    ctx = context_for(page, archive)
    lines = front_matter_block(front_matter(archive, page)) + [f"# {esc_md(document.title)}", ""]
    lines += validity.banner(page)
    lines += _card(archive, page)
    lines += works.version_note(archive, page)  # a decision whose edits make a version: where its text is
    entry = next((e for e in page.issue.toc if e.doc_number and e.doc_number == document.doc_number), None)
    if entry is not None and title_key(entry.title) != title_key(document.title):
        lines += notes_html([Note("toc", f"本期目录所列标题为“{entry.title}”，与正文标题不一致；本页标题按正文。",
                                  entry.lines[0])])
    printed_heading = "".join(_line(page, n) for n in document.title_lines)
    if title_key(printed_heading) != title_key(document.title):
        # A 政府令 masthead (晋中市人民政府令) is printed instead of a title: show it as printed.
        lines += [f'<p class="gz-p gz-masthead" data-l="{n}">{esc(_line(page, n))}</p>' for n in document.title_lines]
        lines += [""]
    if document.doc_number_line:
        lines += [f'<p class="gz-p gz-docno" data-l="{document.doc_number_line}">'
                  f"{esc(_line(page, document.doc_number_line))}</p>", ""]
    closing_head = [p for p in document.closing if p.role == "addressee"]
    closing_tail = [p for p in document.closing if p.role != "addressee"]
    for paragraph in closing_head:
        lines += paragraph_html(paragraph, ctx)
    lines += body_markdown(document.body, ctx)
    for paragraph in closing_tail:
        lines += paragraph_html(paragraph, ctx)
    for block in document.trailing:
        lines += block_markdown(block, ctx)
    if document.trailing:
        lines += notes_html([_trailing_note(document.trailing[0])])
    if document.appointments:
        rows = (table_row(esc(a.person), esc(a.action), esc(a.organisation), esc(a.position))
                for a in document.appointments)
        lines += ["## 任免一览 {#appointments}", "", list_table(("姓名", "任免", "单位", "职务"), rows), ""]
    if document.embedded:
        lines += ["## 印发的文件 {#issued}", "", *item_list("gz-issued", (link(page.path, archive.embedded_page(e).path, e.title)
                                                                        for e in document.embedded))]
    lines += _references(archive, page)
    lines += topics.evidence_section(page)
    return "\n".join(lines) + "\n"


def _trailing_note(first: Block) -> Note:
    return Note("order", "以上文字在原文中印于落款之后（原文版面顺序错乱），本站按原文保留。", first.lines[0])


def _line(page: PageRef, number: int) -> str:
    return line_text(page.issue.line(number))


def embedded_markdown(archive: Archive, page: PageRef) -> str:
    embedded = page.embedded
    assert embedded is not None
    ctx = context_for(page, archive)
    lines = front_matter_block(front_matter(archive, page)) + [f"# {esc_md(embedded.title)}", ""]
    lines += validity.banner(page)
    lines += _card(archive, page)
    lines += works.version_note(archive, page)
    lines += body_markdown(embedded.body, ctx)
    for attachment in embedded.attachments:
        printed_label = "".join(_line(page, n) for n in attachment.label_lines)
        heading = " ".join(x for x in (printed_label, attachment.title) if x)
        lines += [f"## {esc_md(heading)} {{#{attachment.anchor} .gz-attachment}}", ""]
        lines += body_markdown(attachment.body, ctx, level=3)
    lines += _references(archive, page)
    lines += topics.evidence_section(page)
    return "\n".join(lines) + "\n"


