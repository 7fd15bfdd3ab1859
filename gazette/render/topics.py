"""Topic (主题分类) pages: the topic index, one page per topic, the home page's 按主题浏览, and the
front-matter `tags` / `topics` of every document page.

Topics come from the classify stage (gazette.classify); this module only shows them, each with
the evidence that carried it (the words and units, linked to the clause where there is one).
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from typing import Any

from gazette.classify.taxonomy import Taxonomy
from gazette.classify.topics import passages as body_passages
from gazette.classify.topics import purpose_clause, tag_names
from gazette.link.archive import STATUS_ACTIVE, Archive, PageRef
from gazette.model import TopicAssignment, TopicEvidence
from gazette.render.markup import esc, esc_md, front_matter_block, item_list, link, list_table

INDEX = "topics/"
PLACE_ZH = {"title": "标题", "purpose": "目的条款", "body": "正文", "units": "牵头单位"}


def topic_path(slug: str) -> str:
    return f"{INDEX}{slug}/"


def feed_path(slug: str) -> str:
    return f"feeds/topics/{slug}.xml"


def front_matter(page: PageRef) -> dict[str, Any]:
    """`tags` (Material's tags plugin: theme, then its sub-theme) and `topics` with their evidence."""
    topics = page.topics
    return {
        "tags": tag_names(topics),
        "topics": [{"topic": t.topic, "subtopic": t.subtopic, "url": "/" + topic_path(t.slug), "score": t.score,
                    "evidence": [{"place": e.place, "term": e.term, "weight": e.weight, "count": e.count,
                                  "line": e.line, "anchor": e.anchor} for e in t.evidence]}
                   for t in topics],
    }


def _by_topic(archive: Archive) -> dict[str, list[PageRef]]:
    groups: dict[str, list[PageRef]] = defaultdict(list)
    for page in archive.pages.values():
        for assignment in page.topics:
            groups[assignment.slug].append(page)
    return groups


def _newest_first(pages: list[PageRef]) -> list[PageRef]:
    return sorted(pages, key=lambda p: (p.document.date.isoformat() if p.document.date else "", p.path), reverse=True)


def purpose_sentence(page: PageRef) -> tuple[str, str | None] | None:
    """The first sentence of the page's purpose clause (为……，制定本……) and its anchor."""
    body = page.own.body
    found = purpose_clause(list(body_passages(body)))
    if found is None and page.embedded is None and page.document.embedded:
        inner = page.document.embedded[0]
        found = purpose_clause(list(body_passages(inner.body)))
        if found is not None:
            return found.text, None
    if found is None:
        return None
    text = re.sub(r"^第一条\s*", "", found.text)
    return text, found.anchor


def _evidence_summary(here: str, page: PageRef, assignment: TopicAssignment) -> str:
    """标题“养老服务” · 目的条款“养老” · 牵头单位 市民政局（12 项）· 正文“养老”42 次 (the strongest few)."""
    strongest = sorted(assignment.evidence, key=lambda e: (-e.weight, e.place, e.term))[:4]
    parts = []
    for item in sorted(strongest, key=lambda e: (list(PLACE_ZH).index(e.place), -e.weight, e.term)):
        parts.append(_evidence_item(here, page, item))
    return " · ".join(parts)


def _evidence_item(here: str, page: PageRef, item: TopicEvidence) -> str:
    if item.place == "units":
        text = f"{PLACE_ZH['units']} {item.term}（{item.count} 项任务）"
    elif item.place == "body":
        text = f"{PLACE_ZH['body']}“{item.term}”{item.count} 次"
    else:
        text = f"{PLACE_ZH[item.place]}“{item.term}”"
    if item.anchor:
        return link(here, f"{page.path}#{item.anchor}", text)
    return esc(text)


def evidence_section(page: PageRef) -> list[str]:
    """On a document page: its topics and the evidence for each, linked to the clauses."""
    assigned = page.topics
    if not assigned:
        return []
    out = ["## 主题 {#topics}", "", '<ul class="gz-topic-evidence">']
    for assignment in assigned:
        name = link(page.path, topic_path(assignment.slug), assignment.topic)
        sub = f' <span class="gz-tag">{esc(assignment.subtopic)}</span>' if assignment.subtopic else ""
        out.append(f'<li>{name}{sub}<br><span class="gz-meta gz-evidence">依据：'
                   f"{_evidence_summary(page.path, page, assignment)}</span></li>")
    out += ["</ul>", '<p class="gz-meta">主题按国务院政策文件库的主题分类，由规则依据以上词语和牵头单位自动判断，仅供参考。</p>', ""]
    return out


def _rows(here: str, slug: str, pages: list[PageRef]) -> list[str]:
    rows = []
    for page in _newest_first(pages):
        assignment = next(t for t in page.topics if t.slug == slug)
        status_css = "active" if page.status in (STATUS_ACTIVE, "") else "changed"
        purpose = purpose_sentence(page)
        purpose_html = ""
        if purpose:
            text, anchor = purpose
            purpose_html = link(here, f"{page.path}#{anchor}", text) if anchor else esc(text)
        sub = f'<span class="gz-tag">{esc(assignment.subtopic)}</span> ' if assignment.subtopic else ""
        rows.append(f"<tr><td>{link(here, page.path, page.title)}<br>{sub}"
                    f'<span class="gz-meta gz-evidence">依据：{_evidence_summary(here, page, assignment)}</span></td>'
                    f"<td>{esc(page.document.doc_number or '')}</td>"
                    f"<td>{esc(page.document.date.isoformat() if page.document.date else '')}</td>"
                    f'<td><span class="gz-status gz-status-{status_css}">{esc(page.status or "不适用")}</span></td>'
                    f'<td class="gz-purpose">{purpose_html}</td></tr>')
    return [list_table(("文件", "文号", "成文日期", "状态", "目的（原文首句）"), rows, css="gz-list gz-topic-list"), ""]


def topic_pages(archive: Archive, taxonomy: Taxonomy) -> dict[str, str]:
    """{page path: Markdown}: topics/ (index and Material's tag listing) and topics/<slug>/."""
    groups = _by_topic(archive)
    pages: dict[str, str] = {}
    for topic in taxonomy.topics:
        members = groups.get(topic.slug)
        if not members:
            continue
        here = topic_path(topic.slug)
        subs: dict[str, int] = defaultdict(int)
        for page in members:
            sub = next(t.subtopic for t in page.topics if t.slug == topic.slug)
            if sub:
                subs[sub] += 1
        out = front_matter_block({"title": topic.name, "kind": "topic", "topic": topic.name,
                                  "feed": feed_path(topic.slug)})
        out += [f"# {esc_md(topic.name)}", ""]
        out += [f'<p class="gz-meta">主题分类（国务院政策文件库）：{esc(topic.name)}。共 {len(members)} 件（文件及其印发的规定、办法、方案各计一件），'
                f"按成文日期从新到旧排列；每件注明归入本主题的依据（标题、目的条款、牵头单位、正文中的词语）。"
                f"{link(here, feed_path(topic.slug), '订阅本主题（Atom）', css='gz-feed')}</p>", ""]
        if subs:
            order = [s.name for s in topic.subtopics]
            out += item_list("gz-subtopics", (f'<span class="gz-tag">{esc(name)}</span> <span class="gz-meta">{subs[name]} 件</span>'
                                              for name in sorted(subs, key=order.index)))
        out += _rows(here, topic.slug, members)
        pages[here] = "\n".join(out) + "\n"
    pages[INDEX] = _index(archive, taxonomy, groups)
    return pages


def _index(archive: Archive, taxonomy: Taxonomy, groups: dict[str, list[PageRef]]) -> str:
    here = INDEX
    out = front_matter_block({"title": "按主题浏览", "kind": "index", "feed": "feeds/all.xml"})
    out += ["# 按主题浏览", "",
            '<p class="gz-meta">按国务院政策文件库的主题分类浏览。每份文件及其印发的规定、办法、方案按标题、目的条款'
            "（为……，制定本……）、牵头单位的职能和正文用词归入一至三个主题；页首的标签即其主题。</p>", ""]
    out += item_list("gz-groups gz-topics", (f"{link(here, topic_path(t.slug), t.name)} "
                                             f'<span class="gz-meta">{len(groups[t.slug])} 件</span>'
                                             for t in taxonomy.topics if groups.get(t.slug)))
    # Material's listing of every tag. Its text is not in this Markdown, so the page-cache key would
    # miss a renamed page: the fingerprint of what it lists keeps the key honest.
    listed = sorted(f"{p.path}\0{p.title}\0{','.join(tag_names(p.topics))}" for p in archive.pages.values()
                    if p.topics)
    digest = hashlib.sha256("\n".join(listed).encode("utf-8")).hexdigest()[:16]
    out += ["## 全部标签 {#all-tags}", "", f"<!-- gazette-topics {digest} -->", "", "<!-- material/tags -->", ""]
    return "\n".join(out) + "\n"


def home_section(archive: Archive, taxonomy: Taxonomy) -> list[str]:
    """按主题浏览 with counts, for the home page (beside the latest issue)."""
    groups = _by_topic(archive)
    items = [f"{link('', topic_path(t.slug), t.name)} <span class=\"gz-meta\">{len(groups[t.slug])}</span>"
             for t in taxonomy.topics if groups.get(t.slug)]
    if not items:
        return []
    return ["## 按主题浏览 {#topics}", "", *item_list("gz-home-topics", items),
            f'<p>{link("", INDEX, "全部主题")} · {link("", "feeds/all.xml", "订阅全部文件（Atom）", css="gz-feed")}</p>', ""]
